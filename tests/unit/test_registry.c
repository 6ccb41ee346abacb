/* The plugin host: discovery, loading, refusal of bad plugins, lookups. */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <folio/folio.h>

#include "folio_test.h"

#define FIXTURE(dir, file) FOLIO_TEST_FIXTURE_DIR "/" dir "/" file ".so"

static folio_registry *registry;

static void setup(void)
{
    registry = folio_registry_new();
    ck_assert_ptr_nonnull(registry);
}

static void teardown(void)
{
    folio_registry_free(registry);
}

/* Loads path, expects code, and checks the message names the file and
 * contains the given words. */
static void expect_refused(const char *path, folio_status code,
                           const char *word1, const char *word2)
{
    folio_error err;
    folio_error_clear(&err);
    const folio_format *format = NULL;
    ck_assert_int_eq(folio_registry_load_file(registry, path, &format, &err),
                     code);
    ck_assert_ptr_null(format);
    ck_assert_msg(strstr(err.message, path) == err.message,
                  "message does not start with the path: %s", err.message);
    ck_assert_msg(strstr(err.message, word1) != NULL, "no '%s' in: %s", word1,
                  err.message);
    ck_assert_msg(word2 == NULL || strstr(err.message, word2) != NULL,
                  "no '%s' in: %s", word2, err.message);
    ck_assert_uint_eq(folio_registry_count(registry), 0);
}

START_TEST(test_wrong_major_is_refused_naming_both_versions)
{
    expect_refused(FIXTURE("wrong_major", "wrong_major"), FOLIO_ERR_VERSION,
                   "ABI 2.0", "ABI 1.0");
}
END_TEST

START_TEST(test_newer_minor_is_refused)
{
    expect_refused(FIXTURE("newer_minor", "newer_minor"), FOLIO_ERR_VERSION,
                   "ABI 1.1", "ABI 1.0");
}
END_TEST

START_TEST(test_too_small_descriptor_is_refused)
{
    expect_refused(FIXTURE("small_struct", "small_struct"), FOLIO_ERR_PLUGIN,
                   "16 bytes", "smaller");
}
END_TEST

START_TEST(test_missing_entry_symbol_is_refused)
{
    expect_refused(FIXTURE("no_entry", "no_entry"), FOLIO_ERR_PLUGIN,
                   "no symbol folio_plugin_entry", NULL);
}
END_TEST

START_TEST(test_entry_refusal_is_reported)
{
    expect_refused(FIXTURE("entry_error", "entry_error"), FOLIO_ERR_PLUGIN,
                   "refused to load", "on purpose");
}
END_TEST

START_TEST(test_empty_name_is_refused)
{
    expect_refused(FIXTURE("empty_name", "empty_name"), FOLIO_ERR_PLUGIN,
                   "invalid format name", NULL);
}
END_TEST

START_TEST(test_undefined_symbol_fails_at_load)
{
    expect_refused(FIXTURE("undefined_symbol", "undefined_symbol"),
                   FOLIO_ERR_PLUGIN, "cannot load",
                   "folio_fixture_missing_function");
}
END_TEST

START_TEST(test_not_a_file_is_refused)
{
    expect_refused(FOLIO_TEST_FIXTURE_DIR "/good", FOLIO_ERR_PLUGIN,
                   "not a regular file", NULL);
    expect_refused(FOLIO_TEST_FIXTURE_DIR "/none.so", FOLIO_ERR_NOT_FOUND,
                   "no such plugin file", NULL);
}
END_TEST

START_TEST(test_duplicate_name_is_refused_naming_both_files)
{
    ck_assert_int_eq(folio_registry_load_file(
                         registry, FIXTURE("duplicate", "lines_a"), NULL, NULL),
                     FOLIO_OK);
    folio_error err;
    ck_assert_int_eq(folio_registry_load_file(
                         registry, FIXTURE("duplicate", "lines_b"), NULL, &err),
                     FOLIO_ERR_PLUGIN);
    ck_assert_ptr_nonnull(strstr(err.message, "lines_b.so"));
    ck_assert_ptr_nonnull(strstr(err.message, "lines_a.so"));
    ck_assert_ptr_nonnull(strstr(err.message, "'lines'"));
    ck_assert_uint_eq(folio_registry_count(registry), 1);
}
END_TEST

typedef struct warnings {
    int count;
    char text[2048];
} warnings;

static void collect_warning(void *context, const char *path,
                            const folio_error *warning)
{
    warnings *seen = context;
    seen->count++;
    strncat(seen->text, path, sizeof seen->text - strlen(seen->text) - 1);
    strncat(seen->text, "\n", sizeof seen->text - strlen(seen->text) - 1);
    ck_assert_ptr_nonnull(strstr(warning->message, path));
}

START_TEST(test_scan_skips_bad_plugins_with_a_warning)
{
    warnings seen = {0, ""};
    folio_registry_set_warning_handler(registry, collect_warning, &seen);
    const char *dirs[] = {"duplicate", "no_entry", "wrong_major", "good"};
    for (size_t i = 0; i < 4; i++) {
        char dir[512];
        snprintf(dir, sizeof dir, "%s/%s", FOLIO_TEST_FIXTURE_DIR, dirs[i]);
        ck_assert_int_eq(folio_registry_add_dir(registry, dir, NULL), FOLIO_OK);
    }
    ck_assert_int_eq(folio_registry_load_all(registry, NULL), FOLIO_OK);
    /* lines_a loads; lines_b (same name), no_entry, wrong_major and the good
     * folder's lines (name taken by a folder of higher precedence) do not. */
    ck_assert_uint_eq(folio_registry_count(registry), 1);
    ck_assert_int_eq(seen.count, 4);
    ck_assert_ptr_nonnull(strstr(seen.text, "lines_b.so"));
    ck_assert_ptr_nonnull(strstr(seen.text, "no_entry.so"));
    ck_assert_ptr_nonnull(strstr(seen.text, "wrong_major.so"));
    ck_assert_ptr_nonnull(strstr(seen.text, "good/lines.so"));
}
END_TEST

START_TEST(test_find_by_name_alias_and_extension)
{
    folio_registry_add_path_list(registry,
                                 "::" FOLIO_TEST_FIXTURE_DIR "/nowhere:"
                                 FOLIO_TEST_FIXTURE_DIR "/good",
                                 NULL);
    const folio_format *format;
    folio_error err;
    ck_assert_int_eq(folio_registry_find(registry, "lines", FOLIO_ROLE_READ,
                                         &format, &err),
                     FOLIO_OK);
    ck_assert_str_eq(folio_format_name(format), "lines");
    ck_assert_ptr_nonnull(strstr(folio_format_path(format), "good/lines.so"));
    const folio_format *again;
    ck_assert_int_eq(folio_registry_find(registry, "lines-alias",
                                         FOLIO_ROLE_WRITE, &again, &err),
                     FOLIO_OK);
    ck_assert_ptr_eq(again, format);
    ck_assert_int_eq(folio_registry_find_by_extension(registry, "LINES",
                                                      FOLIO_ROLE_READ, &again,
                                                      &err),
                     FOLIO_OK);
    ck_assert_ptr_eq(again, format);
    ck_assert_int_eq(folio_registry_find(registry, "lines", FOLIO_ROLE_FILTER,
                                         &again, &err),
                     FOLIO_ERR_NOT_FOUND);
    ck_assert_ptr_nonnull(strstr(err.message, "no filter"));
    ck_assert_int_eq(folio_registry_find(registry, "nope", FOLIO_ROLE_READ,
                                         &again, &err),
                     FOLIO_ERR_NOT_FOUND);
    ck_assert_ptr_nonnull(strstr(err.message, "unknown format 'nope'"));
    ck_assert_int_eq(folio_registry_find(registry, "../good/lines",
                                         FOLIO_ROLE_READ, &again, &err),
                     FOLIO_ERR_NOT_FOUND);
    ck_assert_int_eq(folio_registry_find_by_extension(
                         registry, "docx", FOLIO_ROLE_READ, &again, &err),
                     FOLIO_ERR_NOT_FOUND);
    ck_assert_uint_eq(folio_registry_count(registry), 1);
}
END_TEST

START_TEST(test_higher_precedence_folder_wins)
{
    folio_registry_add_dir(registry, FOLIO_TEST_FIXTURE_DIR "/shadow", NULL);
    folio_registry_add_dir(registry, FOLIO_TEST_FIXTURE_DIR "/good", NULL);
    const folio_format *format;
    ck_assert_int_eq(folio_registry_find(registry, "lines", FOLIO_ROLE_READ,
                                         &format, NULL),
                     FOLIO_OK);
    ck_assert_ptr_nonnull(strstr(folio_format_path(format), "shadow/lines.so"));
}
END_TEST

START_TEST(test_current_directory_is_never_searched)
{
    char previous[4096];
    ck_assert_ptr_nonnull(getcwd(previous, sizeof previous));
    ck_assert_int_eq(chdir(FOLIO_TEST_FIXTURE_DIR "/good"), 0);
    const folio_format *format;
    folio_status status = folio_registry_find(registry, "lines",
                                              FOLIO_ROLE_READ, &format, NULL);
    ck_assert_int_eq(chdir(previous), 0);
    ck_assert_int_eq(status, FOLIO_ERR_NOT_FOUND);
}
END_TEST

START_TEST(test_content_detection_and_conversion)
{
    folio_registry_add_dir(registry, FOLIO_TEST_FIXTURE_DIR "/good", NULL);
    const folio_format *format;
    folio_error err;
    const char input[] = "LINES\nfirst\nsecond\n";
    ck_assert_int_eq(folio_registry_detect(registry, input, sizeof input - 1,
                                           &format, &err),
                     FOLIO_OK);
    ck_assert_int_eq(folio_registry_detect(registry, "other", 5, &format,
                                           &err),
                     FOLIO_ERR_NOT_FOUND);
    ck_assert_int_eq(folio_registry_find(registry, "lines", FOLIO_ROLE_READ,
                                         &format, &err),
                     FOLIO_OK);
    folio_doc *doc;
    ck_assert_int_eq(folio_format_read(format, input, sizeof input - 1, NULL,
                                       &doc, &err),
                     FOLIO_OK);
    ck_assert_int_eq(folio_doc_check(doc, &err), FOLIO_OK);
    folio_options *options = folio_options_new();
    folio_options_set(options, "prefix", "> ", NULL);
    folio_sink *sink = folio_sink_new_buffer();
    ck_assert_int_eq(folio_format_write(format, doc, sink, options, &err),
                     FOLIO_OK);
    ck_assert_str_eq(folio_sink_buffer(sink, NULL),
                     "> LINES\n> first\n> second\n");
    folio_sink_free(sink);
    folio_options_free(options);
    folio_doc_free(doc);
    /* A failing reader leaves no document. */
    ck_assert_int_eq(folio_format_read(format, "a!", 2, NULL, &doc, &err),
                     FOLIO_ERR_SYNTAX);
    ck_assert_ptr_null(doc);
    ck_assert_int_eq(folio_format_filter(format, NULL, NULL, &err),
                     FOLIO_ERR_NOT_FOUND);
}
END_TEST

START_TEST(test_plugins_refuse_a_host_of_another_abi)
{
    static const folio_plugin descriptor = {FOLIO_PLUGIN_HEADER, .name = "x",
                                            .version = "1"};
    folio_host host = {FOLIO_ABI_MAJOR, FOLIO_ABI_MINOR, sizeof host, "0"};
    folio_error err;
    ck_assert_ptr_eq(folio_plugin_accept(&host, &descriptor, &err), &descriptor);
    host.abi_major = FOLIO_ABI_MAJOR + 1;
    ck_assert_ptr_null(folio_plugin_accept(&host, &descriptor, &err));
    ck_assert_int_eq(err.code, FOLIO_ERR_VERSION);
    ck_assert_ptr_nonnull(strstr(err.message, "the x plugin needs plugin ABI"));
    ck_assert_ptr_nonnull(strstr(err.message, "the host has 2.0"));
    ck_assert_ptr_null(folio_plugin_accept(NULL, &descriptor, &err));
}
END_TEST

enum { THREADS = 8 };

static void *find_in_thread(void *arg)
{
    (void)arg;
    const folio_format *format = NULL;
    folio_registry_find(registry, "lines-alias", FOLIO_ROLE_READ, &format,
                        NULL);
    return (void *)format;
}

START_TEST(test_concurrent_lookups_load_once)
{
    folio_registry_add_dir(registry, FOLIO_TEST_FIXTURE_DIR "/good", NULL);
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; i++)
        pthread_create(&threads[i], NULL, find_in_thread, NULL);
    void *results[THREADS];
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], &results[i]);
    ck_assert_ptr_nonnull(results[0]);
    for (int i = 1; i < THREADS; i++)
        ck_assert_ptr_eq(results[i], results[0]);
    ck_assert_uint_eq(folio_registry_count(registry), 1);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("registry");
    TCase *tc = tcase_create("registry");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_wrong_major_is_refused_naming_both_versions);
    tcase_add_test(tc, test_newer_minor_is_refused);
    tcase_add_test(tc, test_too_small_descriptor_is_refused);
    tcase_add_test(tc, test_missing_entry_symbol_is_refused);
    tcase_add_test(tc, test_entry_refusal_is_reported);
    tcase_add_test(tc, test_empty_name_is_refused);
    tcase_add_test(tc, test_undefined_symbol_fails_at_load);
    tcase_add_test(tc, test_not_a_file_is_refused);
    tcase_add_test(tc, test_duplicate_name_is_refused_naming_both_files);
    tcase_add_test(tc, test_scan_skips_bad_plugins_with_a_warning);
    tcase_add_test(tc, test_find_by_name_alias_and_extension);
    tcase_add_test(tc, test_higher_precedence_folder_wins);
    tcase_add_test(tc, test_current_directory_is_never_searched);
    tcase_add_test(tc, test_content_detection_and_conversion);
    tcase_add_test(tc, test_concurrent_lookups_load_once);
    tcase_add_test(tc, test_plugins_refuse_a_host_of_another_abi);
    suite_add_tcase(suite, tc);
    return folio_test_run(suite);
}
