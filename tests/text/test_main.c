/* The text plugin's test suite: one Check runner over every file's cases. */
#include "text_test.h"

#include <stdlib.h>

int main(void)
{
    Suite *suite = suite_create("text");
    suite_add_tcase(suite, decode_tcase());
    suite_add_tcase(suite, probe_tcase());
    suite_add_tcase(suite, infer_tcase());
    suite_add_tcase(suite, write_tcase());
    suite_add_tcase(suite, samples_tcase());
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
