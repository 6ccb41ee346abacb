/* The text writer, on documents given as JSON (the lossless form of the
 * tree), so that every node type can be written. */
#include "text_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* JSON written with ' for " (for readable tests), as JSON; malloc'd. */
static char *dquoted(const char *squoted)
{
    size_t len = strlen(squoted);
    char *json = malloc(len + 1);
    ck_assert_ptr_nonnull(json);
    for (size_t i = 0; i <= len; i++)
        json[i] = squoted[i] == '\'' ? '"' : squoted[i];
    return json;
}

/* A document from JSON written with ' for ". */
static folio_doc *json_doc(const char *squoted)
{
    char *json = dquoted(squoted);
    folio_doc *doc = folio_test_read(json_format, json, strlen(json), NULL);
    free(json);
    return doc;
}

/* Writes the JSON blocks (and meta) with the options; checks the text. */
static void expect_text(const char *meta, const char *blocks,
                        const folio_options *o, const char *expected)
{
    size_t n = strlen(meta) + strlen(blocks) + 64;
    char *squoted = malloc(n);
    ck_assert_ptr_nonnull(squoted);
    snprintf(squoted, n, "{'folio':1,'meta':%s,'blocks':[%s]}", meta,
             blocks);
    char *json = dquoted(squoted);
    char *out = folio_test_convert(json_format, text_format, json,
                                   strlen(json), NULL, o, NULL);
    ck_assert_msg(strcmp(out, expected) == 0, "wrote:\n%s\nexpected:\n%s",
                  out, expected);
    free(out);
    free(json);
    free(squoted);
}

#define P(text)                                                              \
    "{'type':'paragraph','children':[{'type':'text','text':'" text "'}]}"
#define T(text) "{'type':'text','text':'" text "'}"
#define ITEM(block) "{'type':'item','children':[" block "]}"

START_TEST(title_then_blocks)
{
    expect_text("{'title':'The title'}", P("One.") "," P("Two."), NULL,
                "The title\n\nOne.\n\nTwo.\n");
    /* Only a string is a title. */
    expect_text("{'title':42}", P("One."), NULL, "One.\n");
    expect_text("{'title':'Alone'}", "", NULL, "Alone\n");
}
END_TEST

START_TEST(paragraphs_are_not_wrapped_by_default)
{
    expect_text("{}",
                "{'type':'paragraph','children':[" T("a long line that") ","
                "{'type':'soft_break'}," T("goes on") "]}",
                NULL, "a long line that goes on\n");
    const folio_option_spec *spec = folio_option_find(
        folio_format_options(text_format, FOLIO_ROLE_WRITE), "wrap");
    ck_assert_str_eq(spec->default_value, "none");
    folio_options *o = folio_test_options("wrap", "none", NULL);
    expect_text("{}", P("one two three four five six"), o,
                "one two three four five six\n");
    folio_options_free(o);
}
END_TEST

START_TEST(wrap_at_display_width)
{
    folio_options *o = folio_test_options("wrap", "12", NULL);
    expect_text("{}", P("one two three four five six seven"), o,
                "one two\nthree four\nfive six\nseven\n");
    /* Wide characters count two columns: 日本 is 4, 日本語 6. */
    expect_text("{}", P("\xE6\x97\xA5\xE6\x9C\xAC \xE6\x97\xA5\xE6\x9C\xAC"
                        "\xE8\xAA\x9E \xE6\x97\xA5\xE6\x9C\xAC"),
                o,
                "\xE6\x97\xA5\xE6\x9C\xAC \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA"
                "\x9E\n\xE6\x97\xA5\xE6\x9C\xAC\n");
    /* Accented letters are one column each, though two bytes. */
    expect_text("{}", P("caf\xC3\xA9 caf\xC3\xA9 caf\xC3\xA9"), o,
                "caf\xC3\xA9 caf\xC3\xA9\ncaf\xC3\xA9\n");
    /* A word or URL longer than the line is never cut. */
    expect_text("{}",
                "{'type':'paragraph','children':[" T("see ") ","
                "{'type':'link','url':'https://example.org/a/long/path',"
                "'children':[" T("https://example.org/a/long/path") "]},"
                T(" now") "]}",
                o, "see\nhttps://example.org/a/long/path\nnow\n");
    folio_options_free(o);
}
END_TEST

START_TEST(bad_options_are_refused)
{
    const char *wraps[] = {"0", "-3", "abc", "12x", ""};
    folio_doc *doc = json_doc("{'folio':1,'blocks':[" P("x") "]}");
    folio_status status;
    folio_error err;
    for (size_t i = 0; i < 5; i++) {
        folio_options *o = folio_test_options("wrap", wraps[i], NULL);
        ck_assert_ptr_null(
            folio_test_try_write(text_format, doc, o, NULL, &status, &err));
        ck_assert_int_eq(status, FOLIO_ERR_ARGUMENT);
        ck_assert_ptr_nonnull(strstr(err.message, "--wrap"));
        folio_options_free(o);
    }
    folio_options *o = folio_test_options("links", "footnotes", NULL);
    ck_assert_ptr_null(
        folio_test_try_write(text_format, doc, o, NULL, &status, &err));
    ck_assert_int_eq(status, FOLIO_ERR_ARGUMENT);
    folio_options_free(o);
    folio_doc_free(doc);
}
END_TEST

START_TEST(lists)
{
    expect_text("{}",
                "{'type':'list','children':[" ITEM(P("one")) ","
                ITEM(P("two")) "]}",
                NULL, "- one\n- two\n");
    expect_text("{}",
                "{'type':'list','list_type':'ordered','start':3,"
                "'delimiter':'paren','children':[" ITEM(P("x")) ","
                ITEM(P("y")) "]}",
                NULL, "3) x\n4) y\n");
    /* Loose: blank lines between items; nested lists indented. */
    expect_text("{}",
                "{'type':'list','tight':false,'children':["
                ITEM(P("a") "," P("more a")) "," ITEM(P("b")) "]}",
                NULL, "- a\n\n  more a\n\n- b\n");
    expect_text("{}",
                "{'type':'list','children':[" ITEM(
                    P("a") ",{'type':'list','list_type':'ordered',"
                    "'children':[" ITEM(P("x")) "," ITEM(P("y")) "]}")
                "]}," P("after"),
                NULL, "- a\n  1. x\n  2. y\n\nafter\n");
    /* Wrapped items: continuation lines under the text. */
    folio_options *o = folio_test_options("wrap", "14", NULL);
    expect_text("{}",
                "{'type':'list','list_type':'ordered','start':9,"
                "'delimiter':'period','children':["
                ITEM(P("one two three four")) ","
                ITEM(P("five six seven")) "]}",
                o, "9. one two\n   three four\n10. five six\n    seven\n");
    folio_options_free(o);
    /* An empty item keeps its marker. */
    expect_text("{}", "{'type':'list','children':[" ITEM("") "]}", NULL,
                "-\n");
}
END_TEST

START_TEST(headings_quotes_code_and_breaks)
{
    expect_text("{}",
                "{'type':'heading','level':2,'children':[" T("Section")
                "]}," P("Text."),
                NULL, "Section\n\nText.\n");
    expect_text("{}",
                "{'type':'block_quote','children':[" P("one") "," P("two")
                ",{'type':'block_quote','children':[" P("deep") "]}]},"
                P("out"),
                NULL, "> one\n>\n> two\n>\n> > deep\n\nout\n");
    folio_options *o = folio_test_options("wrap", "9", NULL);
    expect_text("{}",
                "{'type':'block_quote','children':[" P("aa bb cc dd") "]}",
                o, "> aa bb\n> cc dd\n");
    folio_options_free(o);
    expect_text("{}",
                "{'type':'code_block','info':'c','text':'int x;\\n\\n"
                "  y();\\n'}," P("after"),
                NULL, "    int x;\n\n      y();\n\nafter\n");
    expect_text("{}", P("a") ",{'type':'thematic_break'}," P("b"), NULL,
                "a\n\n----\n\nb\n");
}
END_TEST

START_TEST(tables_are_aligned_columns)
{
    expect_text(
        "{}",
        "{'type':'table','align':['left','right','center'],'children':["
        "{'type':'table_row','header':true,'children':["
        "{'type':'table_cell','children':[" T("Name") "]},"
        "{'type':'table_cell','children':[" T("Qty") "]},"
        "{'type':'table_cell','children':[" T("Note") "]}]},"
        "{'type':'table_row','children':["
        "{'type':'table_cell','children':[" T("\xE6\x97\xA5\xE6\x9C\xAC")
        "]},"
        "{'type':'table_cell','children':[" T("12345") "]},"
        "{'type':'table_cell','children':[" T("a") "]}]},"
        "{'type':'table_row','children':["
        "{'type':'table_cell','children':[" T("Caf\xC3\xA9 au lait") "]},"
        "{'type':'table_cell','children':[" T("7") "]}]}]}",
        NULL,
        "Name            Qty  Note\n"
        "------------  -----  ----\n"
        "\xE6\x97\xA5\xE6\x9C\xAC          12345   a\n"
        "Caf\xC3\xA9 au lait      7\n");
}
END_TEST

START_TEST(images_and_figures)
{
    expect_text("{}",
                "{'type':'paragraph','children':[" T("Look: ") ","
                "{'type':'image','url':'a.png','children':[" T("A cat") "]}"
                "]},"
                "{'type':'figure','children':[{'type':'paragraph',"
                "'children':[{'type':'image','url':'b.png','children':["
                T("The pier") "]}]},{'type':'caption','children':["
                T("Repairs, 2025") "]}]}," P("After."),
                NULL, "Look: A cat\n\nThe pier\n\nRepairs, 2025\n\nAfter.\n");
}
END_TEST

#define LINKS                                                                \
    "{'type':'paragraph','children':["                                       \
    "{'type':'link','url':'https://a.example/x','children':[" T("the plan") \
    "]}," T(", ") ","                                                        \
    "{'type':'link','url':'https://b.example','children':["                 \
    T("b.example") "]}," T(", ") ","                                         \
    "{'type':'link','url':'mailto:me@c.example','children':["               \
    T("me@c.example") "]}," T(", ") ","                                      \
    "{'type':'link','url':'https://d.example/y','children':[]}," T(" and ") \
    ",{'type':'link','url':'https://e.example/z','children':["              \
    "{'type':'emph','children':[" T("more") "]}]}]}"

START_TEST(links_inline_end_none)
{
    expect_text("{}", LINKS, NULL,
                "the plan (https://a.example/x), b.example, me@c.example, "
                "https://d.example/y and more (https://e.example/z)\n");
    folio_options *o = folio_test_options("links", "end", NULL);
    expect_text("{'title':'T'}", LINKS "," P("After."), o,
                "T\n\nthe plan [1], b.example, me@c.example, "
                "https://d.example/y and more [2]\n\nAfter.\n\n"
                "[1] https://a.example/x\n[2] https://e.example/z\n");
    folio_options_free(o);
    o = folio_test_options("links", "none", NULL);
    expect_text("{}", LINKS, o,
                "the plan, b.example, me@c.example, https://d.example/y "
                "and more\n");
    folio_options_free(o);
}
END_TEST

START_TEST(no_markup_survives)
{
    expect_text("{}",
                "{'type':'paragraph','children':["
                "{'type':'emph','children':[" T("soft") "]}," T(" and ") ","
                "{'type':'strong','children':[" T("bold") "]}," T(", ") ","
                "{'type':'strikethrough','children':[" T("gone") "]},"
                T(", ") ",{'type':'code','text':'x = 1'},"
                "{'type':'html_inline','text':'<b>'}," T(" tag")
                ",{'type':'html_inline','text':'</b>'},"
                "{'type':'html_inline','text':'<br />'}," T("next line")
                "]}",
                NULL, "soft and bold, gone, x = 1 tag\nnext line\n");
    expect_text("{}",
                "{'type':'html_block','text':'<div class=\\'x\\'><p>Caf"
                "&eacute; &amp; bar &#8212; &#x2019;&copy; &bogus; a&lt;b"
                "</p>\\n<script>var s = \\'<p>no</p>\\';</script>"
                "<!-- note --><p>Second</p></div>\\n'}",
                NULL,
                "Caf\xC3\xA9 & bar \xE2\x80\x94 \xE2\x80\x99\xC2\xA9 "
                "&bogus; a<b\nSecond\n");
}
END_TEST

static folio_status failing_sink(void *context, const char *data,
                                 size_t len, folio_error *err)
{
    (void)context;
    (void)data;
    (void)len;
    return folio_error_set(err, FOLIO_ERR_IO, "disk full");
}

START_TEST(failing_sink_is_an_error)
{
    folio_doc *doc = json_doc("{'folio':1,'meta':{'title':'T'},'blocks':["
                              P("one") "," LINKS "]}");
    folio_sink *sink = folio_sink_new(failing_sink, NULL);
    ck_assert_ptr_nonnull(sink);
    folio_options *o = folio_test_options("links", "end", NULL);
    folio_error err;
    ck_assert_int_eq(folio_format_write(text_format, doc, sink, o, &err),
                     FOLIO_ERR_IO);
    ck_assert_str_eq(err.message, "disk full");
    folio_options_free(o);
    folio_sink_free(sink);
    folio_doc_free(doc);
}
END_TEST

/* A list nested n levels deep, built through the API. */
START_TEST(deep_lists_write_without_recursion)
{
    folio_doc *doc = folio_doc_new();
    folio_node *parent = folio_doc_root(doc);
    const size_t levels = 20000;
    for (size_t i = 0; i < levels; i++) {
        folio_node *list = folio_node_new(doc, FOLIO_NODE_LIST);
        folio_node *item = folio_node_new(doc, FOLIO_NODE_ITEM);
        ck_assert_int_eq(folio_node_append(parent, list, NULL), FOLIO_OK);
        ck_assert_int_eq(folio_node_append(list, item, NULL), FOLIO_OK);
        parent = item;
    }
    folio_node *p = folio_node_new(doc, FOLIO_NODE_PARAGRAPH);
    folio_node *t = folio_node_new(doc, FOLIO_NODE_TEXT);
    ck_assert_int_eq(folio_node_set_literal(t, "x", 1, NULL), FOLIO_OK);
    ck_assert_int_eq(folio_node_append(parent, p, NULL), FOLIO_OK);
    ck_assert_int_eq(folio_node_append(p, t, NULL), FOLIO_OK);
    char *out = write_text(doc, NULL);
    ck_assert_uint_eq(strlen(out), 2 * levels + 2);
    free(out);
    folio_doc_free(doc);
}
END_TEST

TCase *write_tcase(void)
{
    TCase *tc = tcase_create("write");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, title_then_blocks);
    tcase_add_test(tc, paragraphs_are_not_wrapped_by_default);
    tcase_add_test(tc, wrap_at_display_width);
    tcase_add_test(tc, bad_options_are_refused);
    tcase_add_test(tc, lists);
    tcase_add_test(tc, headings_quotes_code_and_breaks);
    tcase_add_test(tc, tables_are_aligned_columns);
    tcase_add_test(tc, images_and_figures);
    tcase_add_test(tc, links_inline_end_none);
    tcase_add_test(tc, no_markup_survives);
    tcase_add_test(tc, failing_sink_is_an_error);
    tcase_add_test(tc, deep_lists_write_without_recursion);
    return tc;
}
