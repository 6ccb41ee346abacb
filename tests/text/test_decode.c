/* Encodings, line endings, options and limits of the reader; the
 * descriptor, the probe and the exported symbols. */
#include "text_test.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

/* The text of the only paragraph of a document read from len bytes. */
static char *only_paragraph(const char *data, size_t len,
                            const folio_options *o)
{
    folio_doc *doc = read_ok(data, len, o);
    folio_node *root = folio_doc_root(doc);
    ck_assert_uint_eq(child_count(root), 1);
    char *text = node_text(folio_node_first_child(root));
    folio_doc_free(doc);
    return text;
}

/* UTF-16 bytes of an ASCII-or-BMP string given as code units. */
static size_t utf16(const uint16_t *units, size_t n, int big, char *out)
{
    for (size_t i = 0; i < n; i++) {
        out[2 * i + (big ? 1 : 0)] = (char)(units[i] & 0xFF);
        out[2 * i + (big ? 0 : 1)] = (char)(units[i] >> 8);
    }
    return 2 * n;
}

static size_t ascii_units(const char *s, uint16_t *units)
{
    size_t n = 0;
    for (; *s != '\0'; s++)
        units[n++] = (uint16_t)(unsigned char)*s;
    return n;
}

START_TEST(utf8_bom_is_dropped)
{
    char *text = only_paragraph("\xEF\xBB\xBFHello there.", 15, NULL);
    ck_assert_str_eq(text, "Hello there.");
    free(text);
}
END_TEST

START_TEST(utf16le_with_bom)
{
    /* BOM, "Title", CRLF CRLF, "Café 🧸 said." CRLF */
    uint16_t units[64] = {0xFEFF};
    size_t n = 1 + ascii_units("Title\r\n\r\nCaf", units + 1);
    units[n++] = 0x00E9;
    units[n++] = ' ';
    units[n++] = 0xD83E; /* U+1F9F8 */
    units[n++] = 0xDDF8;
    n += ascii_units(" said.\r\n", units + n);
    for (int big = 0; big <= 1; big++) {
        char bytes[128];
        size_t len = utf16(units, n, big, bytes);
        folio_doc *doc = read_ok(bytes, len, NULL);
        ck_assert_str_eq(doc_title(doc), "Title");
        char *text = node_text(folio_doc_root(doc));
        ck_assert_str_eq(text, "Caf\xC3\xA9 \xF0\x9F\xA7\xB8 said.");
        free(text);
        folio_doc_free(doc);
    }
}
END_TEST

START_TEST(utf16_forced_without_bom)
{
    uint16_t units[32];
    size_t n = ascii_units("No mark here.", units);
    char bytes[64];
    size_t len = utf16(units, n, 0, bytes);
    folio_options *o = folio_test_options("encoding", "utf-16le", NULL);
    char *text = only_paragraph(bytes, len, o);
    ck_assert_str_eq(text, "No mark here.");
    free(text);
    folio_options_free(o);
    len = utf16(units, n, 1, bytes);
    o = folio_test_options("encoding", "utf-16be", NULL);
    text = only_paragraph(bytes, len, o);
    ck_assert_str_eq(text, "No mark here.");
    free(text);
    folio_options_free(o);
}
END_TEST

START_TEST(utf16_broken_surrogate_fails_with_offset)
{
    /* BOM, "ab", CR LF, "c", a lone high surrogate, "d". */
    uint16_t units[] = {0xFEFF, 'a', 'b', '\r', '\n', 'c', 0xD83E, 'd'};
    char bytes[32];
    size_t len = utf16(units, 8, 0, bytes);
    folio_error err = read_fails(bytes, len, NULL, FOLIO_ERR_ENCODING);
    ck_assert(err.has_offset);
    ck_assert_uint_eq(err.offset, 12);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_uint_eq(err.column, 3);
    ck_assert_ptr_nonnull(strstr(err.message, "offset 12"));
    /* A low surrogate first, and an odd byte at the end. */
    uint16_t low[] = {0xFEFF, 'a', 0xDC00};
    len = utf16(low, 3, 1, bytes);
    err = read_fails(bytes, len, NULL, FOLIO_ERR_ENCODING);
    ck_assert_uint_eq(err.offset, 4);
    uint16_t odd[] = {0xFEFF, 'a', 'b'};
    len = utf16(odd, 3, 0, bytes);
    err = read_fails(bytes, len + 1, NULL, FOLIO_ERR_ENCODING);
    ck_assert_uint_eq(err.offset, 6);
}
END_TEST

START_TEST(windows_1252_is_detected)
{
    const char *in =
        "Caf\xE9 \x93quoted\x94 costs \x80" "5 \x96 \xA3" "3, it\x92s";
    char *text = only_paragraph(in, strlen(in), NULL);
    ck_assert_str_eq(text, "Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D costs "
                           "\xE2\x82\xAC" "5 \xE2\x80\x93 \xC2\xA3" "3, it"
                           "\xE2\x80\x99s");
    free(text);
}
END_TEST

START_TEST(windows_1252_keeps_utf8_pieces_and_undefined_bytes)
{
    /* Valid UTF-8 é next to a Windows-1252 é; 0x81 is undefined in
     * Windows-1252 and becomes U+0081, so no byte is lost. */
    const char *in = "caf\xC3\xA9 and caf\xE9 \x81.";
    char *text = only_paragraph(in, strlen(in), NULL);
    ck_assert_str_eq(text, "caf\xC3\xA9 and caf\xC3\xA9 \xC2\x81.");
    free(text);
}
END_TEST

START_TEST(forced_single_byte_encodings)
{
    const char *in = "\xC3\xA9 \x93x\x94";
    const char *names[] = {"windows-1252", "latin1", "iso-8859-1",
                           "cp1252"};
    for (size_t i = 0; i < 4; i++) {
        folio_options *o = folio_test_options("encoding", names[i], NULL);
        char *text = only_paragraph(in, strlen(in), o);
        ck_assert_str_eq(text, "\xC3\x83\xC2\xA9 \xE2\x80\x9Cx\xE2\x80\x9D");
        free(text);
        folio_options_free(o);
    }
}
END_TEST

START_TEST(forced_utf8_fails_with_offset)
{
    const char *in = "Good line.\nBad \xE9 byte.";
    folio_options *o = folio_test_options("encoding", "utf-8", NULL);
    folio_error err = read_fails(in, strlen(in), o, FOLIO_ERR_ENCODING);
    ck_assert(err.has_offset);
    ck_assert_uint_eq(err.offset, 15);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_uint_eq(err.column, 5);
    folio_options_free(o);
    /* Valid input with a BOM is fine when forced. */
    o = folio_test_options("encoding", "UTF-8", NULL);
    char *text = only_paragraph("\xEF\xBB\xBF" "ok.", 6, o);
    ck_assert_str_eq(text, "ok.");
    free(text);
    folio_options_free(o);
}
END_TEST

START_TEST(unknown_encoding_is_an_argument_error)
{
    folio_options *o = folio_test_options("encoding", "ebcdic", NULL);
    folio_error err = read_fails("x", 1, o, FOLIO_ERR_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(err.message, "ebcdic"));
    folio_options_free(o);
}
END_TEST

START_TEST(line_endings)
{
    const char *inputs[] = {
        "Title line\n\nFirst paragraph.\n\n- a\n- b\n",
        "Title line\r\n\r\nFirst paragraph.\r\n\r\n- a\r\n- b\r\n",
        "Title line\r\rFirst paragraph.\r\r- a\r- b\r",
        "Title line\r\n\nFirst paragraph.\r\r\n- a\n- b",
    };
    for (size_t i = 0; i < 4; i++) {
        folio_doc *doc = read_str(inputs[i]);
        ck_assert_str_eq(doc_title(doc), "Title line");
        char *shape = doc_outline(doc);
        ck_assert_str_eq(shape, "p ul2");
        free(shape);
        char *text = node_text(folio_doc_root(doc));
        ck_assert_str_eq(text, "First paragraph.ab");
        free(text);
        folio_doc_free(doc);
    }
}
END_TEST

START_TEST(empty_and_blank_inputs)
{
    const char *inputs[] = {"", "\n", "  \r\n\t\n", "\xEF\xBB\xBF"};
    for (size_t i = 0; i < 4; i++) {
        folio_doc *doc = read_ok(inputs[i], strlen(inputs[i]), NULL);
        ck_assert_uint_eq(child_count(folio_doc_root(doc)), 0);
        ck_assert_ptr_null(doc_title(doc));
        char *out = write_text(doc, NULL);
        ck_assert_str_eq(out, "");
        free(out);
        folio_doc_free(doc);
    }
}
END_TEST

START_TEST(nul_bytes_are_text)
{
    const char in[] = "a\0b line.\n";
    folio_doc *doc = read_ok(in, sizeof in - 1, NULL);
    folio_node *text = folio_node_first_child(
        folio_node_first_child(folio_doc_root(doc)));
    size_t len;
    folio_node_literal(text, &len);
    ck_assert_uint_eq(len, 9);
    folio_doc_free(doc);
}
END_TEST

START_TEST(no_infer_keeps_plain_paragraphs)
{
    const char *in = "Title\n- a\n- b\n\n> not a quote\nhttp://x.example\n\n"
                     "top of page\n";
    folio_options *o = folio_test_options("no-infer", "true", NULL);
    folio_doc *doc = read_ok(in, strlen(in), o);
    ck_assert_ptr_null(doc_title(doc));
    char *shape = doc_outline(doc);
    ck_assert_str_eq(shape, "p p p");
    free(shape);
    ck_assert_uint_eq(count_type(folio_doc_root(doc), FOLIO_NODE_LINK), 0);
    char *text = node_text(child_at(folio_doc_root(doc), 0));
    ck_assert_str_eq(text, "Title - a - b");
    free(text);
    folio_doc_free(doc);
    folio_options_free(o);
    /* The default is false, as declared. */
    const folio_option_spec *spec = folio_option_find(
        folio_format_options(text_format, FOLIO_ROLE_READ), "no-infer");
    ck_assert_ptr_nonnull(spec);
    ck_assert_str_eq(spec->default_value, "false");
    doc = read_str("Title\n- a\n- b\n");
    ck_assert_str_eq(doc_title(doc), "Title");
    folio_doc_free(doc);
}
END_TEST

/* n levels of "> " before a word. */
static char *nested_quotes(size_t n, size_t *len)
{
    char *s = malloc(2 * n + 8);
    ck_assert_ptr_nonnull(s);
    for (size_t i = 0; i < n; i++)
        memcpy(s + 2 * i, "> ", 2);
    memcpy(s + 2 * n, "deep.", 5);
    *len = 2 * n + 5;
    return s;
}

START_TEST(max_depth_is_honoured)
{
    size_t len;
    char *in = nested_quotes(10, &len);
    folio_options *o = folio_test_options("max-depth", "5", NULL);
    folio_error err = read_fails(in, len, o, FOLIO_ERR_LIMIT);
    ck_assert_uint_eq(err.line, 1);
    ck_assert_ptr_nonnull(strstr(err.message, "max-depth"));
    folio_options_free(o);
    free(in);
    /* The default (512) stops 100,000 levels; a larger limit reads them
     * without recursion, and the writer writes them back. */
    in = nested_quotes(100000, &len);
    read_fails(in, len, NULL, FOLIO_ERR_LIMIT);
    o = folio_test_options("max-depth", "200000", NULL);
    folio_doc *doc = read_ok(in, len, o);
    ck_assert_uint_eq(count_type(folio_doc_root(doc),
                                 FOLIO_NODE_BLOCK_QUOTE),
                      100000);
    char *out = write_text(doc, NULL);
    ck_assert_uint_eq(strlen(out), len + 1);
    ck_assert_int_eq(memcmp(out, in, len), 0);
    free(out);
    folio_doc_free(doc);
    folio_options_free(o);
    free(in);
}
END_TEST

TCase *decode_tcase(void)
{
    TCase *tc = tcase_create("decode");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, utf8_bom_is_dropped);
    tcase_add_test(tc, utf16le_with_bom);
    tcase_add_test(tc, utf16_forced_without_bom);
    tcase_add_test(tc, utf16_broken_surrogate_fails_with_offset);
    tcase_add_test(tc, windows_1252_is_detected);
    tcase_add_test(tc, windows_1252_keeps_utf8_pieces_and_undefined_bytes);
    tcase_add_test(tc, forced_single_byte_encodings);
    tcase_add_test(tc, forced_utf8_fails_with_offset);
    tcase_add_test(tc, unknown_encoding_is_an_argument_error);
    tcase_add_test(tc, line_endings);
    tcase_add_test(tc, empty_and_blank_inputs);
    tcase_add_test(tc, nul_bytes_are_text);
    tcase_add_test(tc, no_infer_keeps_plain_paragraphs);
    tcase_add_test(tc, max_depth_is_honoured);
    return tc;
}

/* ---- The plugin and its probe ------------------------------------------ */

static int probe(const char *data, size_t len)
{
    return folio_format_plugin(text_format)->probe(data, len);
}

static int probe_str(const char *s)
{
    return probe(s, strlen(s));
}

START_TEST(probe_takes_plain_text)
{
    ck_assert_int_gt(probe_str("Just words.\n"), 0);
    ck_assert_int_gt(probe_str(""), 0);
    ck_assert_int_gt(probe_str("<3 from all of us\n"), 0);
    ck_assert_int_gt(probe_str("\x93Windows-1252\x94 text"), 0);
    /* A rule line is not front matter without its closing line. */
    ck_assert_int_gt(probe_str("---\nSome text after a rule.\n"), 0);
    ck_assert_int_gt(probe_str("Intro\n---\ntitle: x\n---\n"), 0);
}
END_TEST

START_TEST(probe_refuses_front_matter_and_markup)
{
    ck_assert_int_eq(probe_str("---\ntitle: x\n---\nBody\n"), 0);
    ck_assert_int_eq(probe_str("---\r\ntitle: x\r\n...\r\nBody\r\n"), 0);
    ck_assert_int_eq(probe_str("\xEF\xBB\xBF---\ntitle: x\n---\n"), 0);
    ck_assert_int_eq(probe_str("<!DOCTYPE html>\n<html>"), 0);
    ck_assert_int_eq(probe_str("\n  <!doctype html>"), 0);
    ck_assert_int_eq(probe_str("<html lang=\"en\">"), 0);
    ck_assert_int_eq(probe_str("<?xml version=\"1.0\"?>"), 0);
    ck_assert_int_eq(probe_str("<h2>Fragment</h2><p>text</p>"), 0);
    ck_assert_int_eq(probe_str("<P>Old style"), 0);
    ck_assert_int_eq(probe_str("{\n  \"folio\": 1,\n  \"meta\": {}}"), 0);
    ck_assert_int_gt(probe_str("{braces} in a sentence, \"folio\": no."), 0);
}
END_TEST

START_TEST(probe_utf16_and_binary)
{
    char le[] = "\xFF\xFEH\0i\0.\0";
    ck_assert_int_gt(probe(le, sizeof le - 1), 0);
    char html[] = "\xFF\xFE<\0h\0t\0m\0l\0>\0";
    ck_assert_int_eq(probe(html, sizeof html - 1), 0);
    char be[] = "\xFE\xFF\0-\0-\0-\0\n\0a\0\n\0-\0-\0-\0\n";
    ck_assert_int_eq(probe(be, sizeof be - 1), 0);
    char binary[] = "PK\3\4\0\0\0";
    ck_assert_int_eq(probe(binary, sizeof binary - 1), 0);
}
END_TEST

/* The descriptor, its declared defaults, and what the shared object
 * exports: only the entry symbol, everything else is hidden. */
START_TEST(descriptor_and_symbols)
{
    const folio_plugin *plugin = folio_format_plugin(text_format);
    ck_assert_str_eq(plugin->name, "text");
    const char *names[] = {"plain", "txt"};
    for (size_t i = 0; i < 2; i++) {
        const folio_format *f;
        ck_assert_int_eq(folio_registry_find(registry, names[i],
                                             FOLIO_ROLE_READ, &f, NULL),
                         FOLIO_OK);
        ck_assert_ptr_eq(f, text_format);
    }
    const char *extensions[] = {"txt", "TEXT"};
    for (size_t i = 0; i < 2; i++) {
        const folio_format *f;
        ck_assert_int_eq(folio_registry_find_by_extension(
                             registry, extensions[i], FOLIO_ROLE_WRITE, &f,
                             NULL),
                         FOLIO_OK);
        ck_assert_ptr_eq(f, text_format);
    }
    ck_assert_str_eq(plugin->mime_types[0], "text/plain");
    const folio_option_spec *read = plugin->read_options;
    ck_assert_str_eq(folio_option_find(read, "encoding")->default_value,
                     "auto");
    const folio_option_spec *write = plugin->write_options;
    ck_assert_str_eq(folio_option_find(write, "links")->default_value,
                     "inline");
    /* Every declared default is accepted by its own declaration. */
    for (const folio_option_spec *o = read; o->name != NULL; o++)
        ck_assert_int_eq(folio_option_check(o, o->default_value, NULL),
                         FOLIO_OK);
    for (const folio_option_spec *o = write; o->name != NULL; o++)
        ck_assert_int_eq(folio_option_check(o, o->default_value, NULL),
                         FOLIO_OK);

    void *handle = dlopen(folio_format_path(text_format),
                          RTLD_NOW | RTLD_LOCAL);
    ck_assert_msg(handle != NULL, "%s", dlerror());
    ck_assert_ptr_nonnull(dlsym(handle, "folio_plugin_entry"));
    const char *internal[] = {"tx_read", "tx_write", "tx_probe",
                              "tx_decode", "tx_width", "tx_infer"};
    for (size_t i = 0; i < sizeof internal / sizeof *internal; i++)
        ck_assert_msg(dlsym(handle, internal[i]) == NULL, "%s is exported",
                      internal[i]);
    /* Plugins are never unloaded: this only drops the extra reference. */
    dlclose(handle);
}
END_TEST

TCase *probe_tcase(void)
{
    TCase *tc = tcase_create("plugin");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, descriptor_and_symbols);
    tcase_add_test(tc, probe_takes_plain_text);
    tcase_add_test(tc, probe_refuses_front_matter_and_markup);
    tcase_add_test(tc, probe_utf16_and_binary);
    return tc;
}
