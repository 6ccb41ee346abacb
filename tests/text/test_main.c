/* The text plugin's test suite: one Check runner over every file's cases. */
#include "text_test.h"

int main(void)
{
    Suite *suite = suite_create("text");
    suite_add_tcase(suite, decode_tcase());
    suite_add_tcase(suite, probe_tcase());
    suite_add_tcase(suite, infer_tcase());
    suite_add_tcase(suite, write_tcase());
    suite_add_tcase(suite, samples_tcase());
    return folio_test_run(suite);
}
