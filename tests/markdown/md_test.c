#include "md_test.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static folio_registry *registry;

const folio_format *md_test_format(const char *name)
{
    if (registry == NULL) {
        registry = folio_registry_new();
        ck_assert_ptr_nonnull(registry);
        ck_assert_int_eq(
            folio_registry_add_dir(registry, FOLIO_TEST_PLUGIN_DIR, NULL),
            FOLIO_OK);
    }
    const folio_format *format = NULL;
    if (folio_registry_find(registry, name, FOLIO_ROLE_ANY, &format, NULL) !=
        FOLIO_OK)
        return NULL;
    return format;
}

static folio_options *make_options(const char *const *options)
{
    folio_options *set = folio_options_new();
    ck_assert_ptr_nonnull(set);
    for (; options != NULL && *options != NULL; options++) {
        const char *eq = strchr(*options, '=');
        ck_assert_ptr_nonnull(eq);
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(eq - *options), *options);
        ck_assert_int_eq(folio_options_set(set, name, eq + 1, NULL), FOLIO_OK);
    }
    return set;
}

folio_status md_test_read(const char *format, const char *text, size_t len,
                          const char *const *options, folio_doc **doc,
                          folio_error *err)
{
    const folio_format *f = md_test_format(format);
    ck_assert_ptr_nonnull(f);
    folio_options *set = make_options(options);
    folio_error_clear(err);
    folio_status st = folio_format_read(f, text, len, set, doc, err);
    folio_options_free(set);
    if (st == FOLIO_OK) {
        folio_error check;
        folio_error_clear(&check);
        ck_assert_msg(folio_doc_check(*doc, &check) == FOLIO_OK,
                      "the reader built an invalid tree: %s", check.message);
    } else {
        ck_assert_ptr_null(*doc);
    }
    return st;
}

folio_doc *md_test_read_ok(const char *text)
{
    folio_doc *doc;
    folio_error err;
    folio_status st =
        md_test_read("markdown", text, strlen(text), NULL, &doc, &err);
    ck_assert_msg(st == FOLIO_OK, "reading failed: %s (line %lu, column %lu)",
                  err.message, err.line, err.column);
    return doc;
}

char *md_test_write(const char *format, const folio_doc *doc,
                    const char *const *options, size_t *len,
                    folio_error *err)
{
    const folio_format *f = md_test_format(format);
    ck_assert_ptr_nonnull(f);
    folio_options *set = make_options(options);
    folio_sink *sink = folio_sink_new_buffer();
    ck_assert_ptr_nonnull(sink);
    folio_error_clear(err);
    char *out = NULL;
    if (folio_format_write(f, doc, sink, set, err) == FOLIO_OK) {
        size_t n;
        const char *buf = folio_sink_buffer(sink, &n);
        out = malloc(n + 1);
        ck_assert_ptr_nonnull(out);
        memcpy(out, buf, n);
        out[n] = '\0';
        if (len != NULL)
            *len = n;
    }
    folio_sink_free(sink);
    folio_options_free(set);
    return out;
}

char *md_test_write_ok(const folio_doc *doc)
{
    folio_error err;
    char *out = md_test_write("markdown", doc, NULL, NULL, &err);
    ck_assert_msg(out != NULL, "writing failed: %s", err.message);
    return out;
}

char *md_test_data(const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", FOLIO_TEST_DATA_DIR, name);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)size + 1);
    ck_assert_ptr_nonnull(data);
    ck_assert_uint_eq(fread(data, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    data[size] = '\0';
    if (len != NULL)
        *len = (size_t)size;
    return data;
}

char *md_test_rewrite(const char *md)
{
    folio_doc *doc = md_test_read_ok(md);
    char *out = md_test_write_ok(doc);
    folio_doc_free(doc);
    return out;
}

void md_test_assert_rewrites_to(const char *md, const char *expected)
{
    char *out = md_test_rewrite(md);
    ck_assert_str_eq(out, expected);
    folio_doc *a = md_test_read_ok(md), *b = md_test_read_ok(out);
    ck_assert(md_test_same_doc(a, b));
    char *again = md_test_rewrite(out);
    ck_assert_str_eq(again, out);
    free(again);
    folio_doc_free(a);
    folio_doc_free(b);
    free(out);
}
