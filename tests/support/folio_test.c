/* What the Check suites share: see folio_test.h. */
#include "folio_test.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int folio_test_run(Suite *suite)
{
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

folio_registry *folio_test_registry(void)
{
    folio_registry *registry = folio_registry_new();
    if (registry == NULL)
        ck_abort_msg("no registry: out of memory");
    folio_error err;
    folio_error_clear(&err);
    if (folio_registry_add_dir(registry, FOLIO_TEST_PLUGIN_DIR, &err) !=
        FOLIO_OK) {
        folio_registry_free(registry);
        ck_abort_msg("plugin folder %s: %s", FOLIO_TEST_PLUGIN_DIR,
                     err.message);
    }
    return registry;
}

const folio_format *folio_test_format(folio_registry *registry,
                                      const char *name, folio_role role)
{
    const folio_format *format = NULL;
    folio_error err;
    folio_error_clear(&err);
    ck_assert_msg(folio_registry_find(registry, name, role, &format, &err) ==
                      FOLIO_OK,
                  "%s", err.message);
    return format;
}

folio_options *folio_test_options(const char *name, ...)
{
    folio_options *options = folio_options_new();
    ck_assert_ptr_nonnull(options);
    va_list args;
    va_start(args, name);
    for (const char *n = name; n != NULL; n = va_arg(args, const char *)) {
        const char *value = va_arg(args, const char *);
        ck_assert_int_eq(folio_options_set(options, n, value, NULL),
                         FOLIO_OK);
    }
    va_end(args);
    return options;
}

folio_doc *folio_test_read(const folio_format *reader, const char *data,
                           size_t len, const folio_options *options)
{
    folio_doc *doc = NULL;
    folio_error err;
    folio_error_clear(&err);
    folio_status status =
        folio_format_read(reader, data, len, options, &doc, &err);
    ck_assert_msg(status == FOLIO_OK, "%s read failed at %lu:%lu: %s",
                  folio_format_name(reader), err.line, err.column,
                  err.message);
    ck_assert_msg(folio_doc_check(doc, &err) == FOLIO_OK, "check: %s",
                  err.message);
    return doc;
}

folio_error folio_test_read_fails(const folio_format *reader,
                                  const char *data, size_t len,
                                  const folio_options *options,
                                  folio_status code)
{
    folio_doc *doc = NULL;
    folio_error err;
    folio_error_clear(&err);
    folio_status status =
        folio_format_read(reader, data, len, options, &doc, &err);
    ck_assert_msg(status == code, "expected %s, got %s: %s",
                  folio_status_name(code), folio_status_name(status),
                  err.message);
    ck_assert_int_eq(err.code, code);
    ck_assert_ptr_null(doc);
    return err;
}

char *folio_test_try_write(const folio_format *writer, const folio_doc *doc,
                           const folio_options *options, size_t *len,
                           folio_status *status, folio_error *err)
{
    folio_sink *sink = folio_sink_new_buffer();
    ck_assert_ptr_nonnull(sink);
    folio_error_clear(err);
    *status = folio_format_write(writer, doc, sink, options, err);
    char *copy = NULL;
    if (*status == FOLIO_OK) {
        size_t n;
        const char *data = folio_sink_buffer(sink, &n);
        copy = malloc(n + 1);
        ck_assert_ptr_nonnull(copy);
        if (n > 0)
            memcpy(copy, data, n);
        copy[n] = '\0';
        if (len != NULL)
            *len = n;
    }
    folio_sink_free(sink);
    return copy;
}

char *folio_test_write(const folio_format *writer, const folio_doc *doc,
                       const folio_options *options, size_t *len)
{
    folio_status status;
    folio_error err;
    char *out = folio_test_try_write(writer, doc, options, len, &status, &err);
    ck_assert_msg(status == FOLIO_OK, "%s write failed: %s",
                  folio_format_name(writer), err.message);
    return out;
}

char *folio_test_convert(const folio_format *reader,
                         const folio_format *writer, const char *data,
                         size_t len, const folio_options *read_options,
                         const folio_options *write_options,
                         size_t *out_len)
{
    folio_doc *doc = folio_test_read(reader, data, len, read_options);
    char *out = folio_test_write(writer, doc, write_options, out_len);
    folio_doc_free(doc);
    return out;
}

char *folio_test_sample(const char *relative, size_t *len)
{
    char path[1024];
    int n = snprintf(path, sizeof path, "%s/%s", FOLIO_SAMPLES_DIR, relative);
    ck_assert_msg(n > 0 && (size_t)n < sizeof path, "path too long: %s",
                  relative);
    char *data = NULL;
    folio_error err;
    folio_error_clear(&err);
    ck_assert_msg(folio_file_read(path, FOLIO_DEFAULT_MAX_INPUT_SIZE, &data,
                                  len, &err) == FOLIO_OK,
                  "%s", err.message);
    return data;
}

folio_node *folio_test_add(folio_node *parent, folio_node_type type)
{
    folio_node *node = folio_node_new(folio_node_doc(parent), type);
    ck_assert_ptr_nonnull(node);
    ck_assert_int_eq(folio_node_append(parent, node, NULL), FOLIO_OK);
    return node;
}

folio_node *folio_test_add_text(folio_node *parent, const char *text)
{
    folio_node *node = folio_test_add(parent, FOLIO_NODE_TEXT);
    ck_assert_int_eq(folio_node_set_literal(node, text, strlen(text), NULL),
                     FOLIO_OK);
    return node;
}

bool folio_test_use_comma_locale(void)
{
    const char *names[] = {"de_DE.UTF-8", "fr_FR.UTF-8", "de_DE", NULL};
    for (size_t i = 0; names[i] != NULL; i++)
        if (setlocale(LC_NUMERIC, names[i]) != NULL)
            return true;
    fprintf(stderr, "no locale with a decimal comma: test skipped\n");
    return false;
}
