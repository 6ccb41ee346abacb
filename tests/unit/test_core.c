/* The small services: errors, options, sinks, UTF-8, files. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <folio/folio.h>

#include "folio_test.h"

START_TEST(test_error_prefix_and_truncation)
{
    folio_error err;
    folio_error_set_at(&err, FOLIO_ERR_SYNTAX, 3, 4, "bad %s", "thing");
    ck_assert_int_eq(folio_error_prefix(&err, "front matter"),
                     FOLIO_ERR_SYNTAX);
    ck_assert_str_eq(err.message, "front matter: bad thing");
    ck_assert_uint_eq(err.line, 3);
    char long_text[2000];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    folio_error_set(&err, FOLIO_ERR_IO, "%s", long_text);
    folio_error_prefix(&err, "p");
    ck_assert_uint_eq(strlen(err.message), FOLIO_ERROR_MESSAGE_SIZE - 1);
    ck_assert(strncmp(err.message, "p: xx", 5) == 0);
    ck_assert_str_eq(folio_status_name(FOLIO_ERR_ENCODING), "encoding error");
    ck_assert_int_eq(folio_error_set(NULL, FOLIO_ERR_IO, "x"), FOLIO_ERR_IO);
}
END_TEST

START_TEST(test_version_macros_match_the_library)
{
    ck_assert_str_eq(folio_version(), FOLIO_VERSION_STRING);
    ck_assert_int_eq(folio_version_number(),
                     (FOLIO_VERSION_MAJOR << 16) | (FOLIO_VERSION_MINOR << 8) |
                         FOLIO_VERSION_PATCH);
}
END_TEST

START_TEST(test_options_typed_getters_and_checks)
{
    folio_options *options = folio_options_new();
    folio_options_set(options, "wrap", "72", NULL);
    folio_options_set(options, "smart", "yes", NULL);
    folio_options_set(options, "wrap", "80", NULL);
    ck_assert_uint_eq(folio_options_count(options), 2);
    ck_assert_str_eq(folio_options_name_at(options, 0), "wrap");
    ck_assert(folio_options_get_int(options, "wrap", 0) == 80);
    ck_assert(folio_options_get_bool(options, "smart", false));
    ck_assert(folio_options_get_int(options, "smart", 5) == 5);
    ck_assert(!folio_options_get_bool(NULL, "smart", false));
    folio_options_free(options);

    const folio_option_spec specs[] = {
        {"wrap", FOLIO_OPTION_CHOICE, "none", "wrapping", "none|auto"},
        {"depth", FOLIO_OPTION_INT, "3", "depth", NULL},
        {"smart", FOLIO_OPTION_BOOL, "false", "smart", NULL},
        {"columns", FOLIO_OPTION_CHOICE_OR_INT, "none", "columns", "none"},
        {NULL, 0, NULL, NULL, NULL},
    };
    folio_error err;
    ck_assert_ptr_eq(folio_option_find(specs, "depth"), &specs[1]);
    ck_assert_ptr_null(folio_option_find(specs, "dept"));
    ck_assert_int_eq(folio_option_check(&specs[0], "auto", &err), FOLIO_OK);
    ck_assert_int_eq(folio_option_check(&specs[0], "aut", &err),
                     FOLIO_ERR_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(err.message, "none|auto"));
    ck_assert_int_eq(folio_option_check(&specs[1], "12x", &err),
                     FOLIO_ERR_ARGUMENT);
    ck_assert_int_eq(folio_option_check(&specs[2], "maybe", &err),
                     FOLIO_ERR_ARGUMENT);
    ck_assert_int_eq(folio_option_check(&specs[2], "off", &err), FOLIO_OK);
    ck_assert_int_eq(folio_option_check(&specs[3], "none", &err), FOLIO_OK);
    ck_assert_int_eq(folio_option_check(&specs[3], "72", &err), FOLIO_OK);
    ck_assert_int_eq(folio_option_check(&specs[3], "wide", &err),
                     FOLIO_ERR_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(err.message, "none or a number"));
}
END_TEST

START_TEST(test_buffer_sink_collects_everything)
{
    folio_sink *sink = folio_sink_new_buffer();
    for (int i = 0; i < 10000; i++)
        folio_sink_printf(sink, "%d,", i);
    char big[1000];
    memset(big, 'y', sizeof big);
    folio_sink_write(sink, big, sizeof big);
    folio_sink_putc(sink, '!');
    size_t len;
    const char *data = folio_sink_buffer(sink, &len);
    ck_assert_uint_eq(len, folio_sink_bytes_written(sink));
    ck_assert(strncmp(data, "0,1,2,", 6) == 0);
    ck_assert_int_eq(data[len - 1], '!');
    ck_assert_int_eq(data[len], '\0');
    ck_assert_int_eq(folio_sink_flush(sink), FOLIO_OK);
    folio_sink_free(sink);
}
END_TEST

typedef struct chunks {
    size_t calls;
    size_t bytes;
    size_t fail_after;
} chunks;

static folio_status count_chunks(void *context, const char *data, size_t len,
                                 folio_error *err)
{
    (void)data;
    chunks *seen = context;
    if (seen->calls++ >= seen->fail_after)
        return folio_error_set(err, FOLIO_ERR_IO, "disk full");
    seen->bytes += len;
    return FOLIO_OK;
}

START_TEST(test_callback_sink_chunks_and_sticky_errors)
{
    chunks seen = {0, 0, (size_t)-1};
    folio_sink *sink = folio_sink_new(count_chunks, &seen);
    char block[4096];
    memset(block, 'z', sizeof block);
    for (int i = 0; i < 100; i++)
        folio_sink_write(sink, block, sizeof block);
    ck_assert_int_eq(folio_sink_flush(sink), FOLIO_OK);
    ck_assert_uint_eq(seen.bytes, 100 * sizeof block);
    ck_assert_uint_lt(seen.calls, 20); /* buffered, not one call per write */
    folio_sink_free(sink);

    chunks failing = {0, 0, 1};
    sink = folio_sink_new(count_chunks, &failing);
    for (int i = 0; i < 100; i++)
        folio_sink_write(sink, block, sizeof block);
    folio_error err;
    ck_assert_int_eq(folio_sink_flush(sink), FOLIO_ERR_IO);
    ck_assert_int_eq(folio_sink_status(sink, &err), FOLIO_ERR_IO);
    ck_assert_str_eq(err.message, "disk full");
    ck_assert_uint_eq(failing.calls, 2); /* no calls after the failure */
    folio_sink_free(sink);
}
END_TEST

START_TEST(test_utf8_validation_finds_the_first_bad_byte)
{
    ck_assert(folio_utf8_valid("plain ascii text, long enough", 29, NULL));
    static const char mixed[] = "caf\xc3\xa9 \xe2\x80\x99 \xf0\x9f\x98\x80";
    ck_assert(folio_utf8_valid(mixed, sizeof mixed - 1, NULL));
    size_t bad;
    ck_assert(!folio_utf8_valid("abc\xc0\xaf", 5, &bad)); /* overlong */
    ck_assert_uint_eq(bad, 3);
    ck_assert(!folio_utf8_valid("\xed\xa0\x80", 3, &bad)); /* surrogate */
    ck_assert(!folio_utf8_valid("\xf4\x90\x80\x80", 4, &bad)); /* > U+10FFFF */
    ck_assert(!folio_utf8_valid("ok \xe2\x80", 5, &bad)); /* truncated */
    ck_assert_uint_eq(bad, 3);
    uint32_t codepoint;
    ck_assert_uint_eq(folio_utf8_decode("\xf0\x9f\x98\x80!", 5, &codepoint), 4);
    ck_assert_uint_eq(codepoint, 0x1F600);
    ck_assert_uint_eq(folio_utf8_decode("\xc3\xa9", 2, &codepoint), 2);
    ck_assert_uint_eq(codepoint, 0xE9);
    ck_assert_uint_eq(folio_utf8_decode("A", 1, &codepoint), 1);
    ck_assert_uint_eq(codepoint, 'A');
    ck_assert_uint_eq(folio_utf8_decode("\xe2\x80", 2, &codepoint), 0);
    ck_assert_uint_eq(folio_utf8_decode("\xc0\xaf", 2, &codepoint), 0);
    ck_assert_uint_eq(folio_utf8_decode("", 0, &codepoint), 0);
    /* Every length's first and last code point goes there and back. */
    static const uint32_t ends[] = {0,      0x7F,   0x80,    0x7FF,
                                    0x800,  0xFFFF, 0x10000, 0x10FFFF};
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        char bytes[4];
        size_t n = folio_utf8_encode(ends[i], bytes);
        ck_assert_uint_eq(n, 1 + i / 2);
        ck_assert(folio_utf8_valid(bytes, n, NULL));
        ck_assert_uint_eq(folio_utf8_decode(bytes, n, &codepoint), n);
        ck_assert_uint_eq(codepoint, ends[i]);
    }
    folio_error err;
    const char text[] = "line one\r\nline two\rcaf\xe9";
    ck_assert_int_eq(folio_utf8_require(text, sizeof text - 1, &err),
                     FOLIO_ERR_ENCODING);
    ck_assert_uint_eq(err.line, 3);
    ck_assert_uint_eq(err.column, 4);
    ck_assert(err.has_offset);
    ck_assert_uint_eq(err.offset, 22);
    ck_assert_ptr_nonnull(strstr(err.message, "0xE9"));
}
END_TEST

static char temp_dir[] = "/tmp/folio-test-XXXXXX";

static void make_temp_dir(void)
{
    ck_assert_ptr_nonnull(mkdtemp(temp_dir));
}

static int count_entries(const char *dir)
{
    char command[256];
    snprintf(command, sizeof command, "ls -A %s | wc -l", dir);
    FILE *pipe = popen(command, "r");
    int count = -1;
    ck_assert_int_eq(fscanf(pipe, "%d", &count), 1);
    pclose(pipe);
    return count;
}

START_TEST(test_output_is_atomic)
{
    make_temp_dir();
    char path[256];
    snprintf(path, sizeof path, "%s/out.txt", temp_dir);
    FILE *existing = fopen(path, "w");
    fputs("old content\n", existing);
    fclose(existing);
    chmod(path, 0640);

    /* An aborted output leaves the old file and no temporary file. */
    folio_output *output;
    folio_error err;
    ck_assert_int_eq(folio_output_open(path, &output, &err), FOLIO_OK);
    folio_sink_puts(folio_output_sink(output), "half");
    ck_assert_int_eq(count_entries(temp_dir), 2);
    folio_output_abort(output);
    ck_assert_int_eq(count_entries(temp_dir), 1);
    char *data;
    size_t len;
    ck_assert_int_eq(folio_file_read(path, 1024, &data, &len, &err), FOLIO_OK);
    ck_assert_str_eq(data, "old content\n");
    free(data);

    /* A committed one replaces it whole, keeping its permissions. */
    ck_assert_int_eq(folio_output_open(path, &output, &err), FOLIO_OK);
    folio_sink_puts(folio_output_sink(output), "new content\n");
    ck_assert_int_eq(folio_output_commit(output, &err), FOLIO_OK);
    ck_assert_int_eq(folio_file_read(path, 1024, &data, &len, &err), FOLIO_OK);
    ck_assert_str_eq(data, "new content\n");
    free(data);
    struct stat st;
    stat(path, &st);
    ck_assert_int_eq(st.st_mode & 0777, 0640);
    ck_assert_int_eq(count_entries(temp_dir), 1);

    /* The size limit refuses a larger input. */
    ck_assert_int_eq(folio_file_read(path, 5, &data, &len, &err),
                     FOLIO_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "limit"));
    unlink(path);
    ck_assert_int_eq(folio_file_read(path, 5, &data, &len, &err), FOLIO_ERR_IO);
    ck_assert_ptr_nonnull(strstr(err.message, path));

    /* No folder to write in: an error naming the path, nothing created. */
    char missing[300];
    snprintf(missing, sizeof missing, "%s/no/such/dir/out.txt", temp_dir);
    ck_assert_int_eq(folio_output_open(missing, &output, &err), FOLIO_ERR_IO);
    ck_assert_ptr_nonnull(strstr(err.message, missing));
    ck_assert_int_eq(folio_output_open(temp_dir, &output, &err), FOLIO_ERR_IO);
    rmdir(temp_dir);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("core");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_error_prefix_and_truncation);
    tcase_add_test(tc, test_version_macros_match_the_library);
    tcase_add_test(tc, test_options_typed_getters_and_checks);
    tcase_add_test(tc, test_buffer_sink_collects_everything);
    tcase_add_test(tc, test_callback_sink_chunks_and_sticky_errors);
    tcase_add_test(tc, test_utf8_validation_finds_the_first_bad_byte);
    tcase_add_test(tc, test_output_is_atomic);
    suite_add_tcase(suite, tc);
    return folio_test_run(suite);
}
