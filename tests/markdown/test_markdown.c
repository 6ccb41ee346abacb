/* The Markdown body: reading, writing, round trips, limits, detection. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio_test.h"
#include "md_test.h"

static char *write_checked(const folio_doc *doc)
{
    folio_error err;
    ck_assert_msg(folio_doc_check(doc, &err) == FOLIO_OK, "%s", err.message);
    return md_test_write_ok(doc);
}

START_TEST(test_article_golden_and_fixed_point)
{
    char *md = md_test_data("article.md", NULL);
    char *expected = md_test_data("article.expected.md", NULL);
    md_test_assert_rewrites_to(md, expected);
    free(expected);
    free(md);
}
END_TEST

START_TEST(test_json_round_trips)
{
    if (md_test_format("json") == NULL) {
        fprintf(stderr, "json plugin not built: skipping its round trips\n");
        return;
    }
    char *md = md_test_data("article.md", NULL);
    folio_doc *doc = md_test_read_ok(md);
    char *md_md = md_test_write_ok(doc);
    folio_error err;
    size_t json_len;
    char *json = md_test_write("json", doc, NULL, &json_len, &err);
    ck_assert_msg(json != NULL, "%s", err.message);
    /* md -> json -> md gives the bytes md -> md gives. */
    folio_doc *from_json;
    ck_assert_int_eq(md_test_read("json", json, json_len, NULL, &from_json,
                                  &err),
                     FOLIO_OK);
    char *md_json_md = md_test_write_ok(from_json);
    ck_assert_str_eq(md_json_md, md_md);
    /* json -> md -> json gives the same tree (positions aside: they are
     * those of the file read last). */
    folio_doc *back = md_test_read_ok(md_json_md);
    ck_assert(md_test_same_doc(from_json, back));
    free(md_json_md);
    folio_doc_free(back);
    folio_doc_free(from_json);
    free(json);
    free(md_md);
    folio_doc_free(doc);
    free(md);
}
END_TEST

START_TEST(test_escapes_only_where_needed)
{
    /* Text that looks like markup at the start of a line, and does not
     * elsewhere. */
    folio_doc *doc = folio_doc_new();
    folio_node *para = folio_test_add(folio_doc_root(doc), FOLIO_NODE_PARAGRAPH);
    folio_test_add_text(para, "# not a heading - 1. a_b *c* [d] <e> & &amp; \\ ` ! ~~");
    folio_test_add(para, FOLIO_NODE_SOFT_BREAK);
    folio_test_add_text(para, "- not a list");
    folio_test_add(para, FOLIO_NODE_SOFT_BREAK);
    folio_test_add_text(para, "1) nor this, 2023. fine");
    folio_test_add(para, FOLIO_NODE_SOFT_BREAK);
    folio_test_add_text(para, "=== > + -- ");
    char *md = write_checked(doc);
    ck_assert_str_eq(md, "\\# not a heading - 1. a_b \\*c\\* \\[d\\] \\<e> & "
                         "\\&amp; \\\\ \\` ! \\~\\~\n"
                         "\\- not a list\n"
                         "1\\) nor this, 2023. fine\n"
                         "\\=== > + --&#32;\n");
    folio_doc *back = md_test_read_ok(md);
    ck_assert(md_test_same_doc(doc, back));
    free(md);
    folio_doc_free(back);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_code_and_links)
{
    folio_doc *doc = folio_doc_new();
    folio_node *root = folio_doc_root(doc);
    folio_node *code = folio_test_add(root, FOLIO_NODE_CODE_BLOCK);
    const char *content = "```\n````\n~~~\n";
    folio_node_set_literal(code, content, strlen(content), NULL);
    folio_node_set_code_info(code, "c", 1, NULL);
    folio_node *para = folio_test_add(root, FOLIO_NODE_PARAGRAPH);
    folio_node *span = folio_test_add(para, FOLIO_NODE_CODE);
    folio_node_set_literal(span, "`a``", 4, NULL);
    folio_node *link = folio_test_add(para, FOLIO_NODE_LINK);
    folio_node_set_url(link, "a b(c)", 6, NULL);
    folio_node_set_title(link, "say \"hi\"", 8, NULL);
    folio_test_add_text(link, "x");
    folio_node *auto_link = folio_test_add(para, FOLIO_NODE_LINK);
    folio_node_set_url(auto_link, "mailto:me@example.org", 21, NULL);
    folio_test_add_text(auto_link, "me@example.org");
    folio_node *image = folio_test_add(para, FOLIO_NODE_IMAGE);
    folio_node_set_url(image, "i.png", 5, NULL);
    folio_test_add_text(image, "alt");
    char *md = write_checked(doc);
    ck_assert_str_eq(md, "`````c\n```\n````\n~~~\n`````\n\n"
                         "``` `a`` ```[x](<a b(c)> \"say \\\"hi\\\"\")"
                         "<me@example.org>![alt](i.png)\n");
    folio_doc *back = md_test_read_ok(md);
    ck_assert(md_test_same_doc(doc, back));
    free(md);
    folio_doc_free(back);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_lists_keep_numbers_tightness_and_boundaries)
{
    md_test_assert_rewrites_to("3) a\n4) b\n\n\n1. c\n\n   d\n",
                       "3) a\n4) b\n\n1. c\n\n   d\n");
    /* Two bullet lists in a row stay two lists; ordered ones keep their
     * delimiter, and a comment between. */
    md_test_assert_rewrites_to("- a\n* b\n+ c\n", "- a\n\n* b\n\n- c\n");
    md_test_assert_rewrites_to("1. a\n\n[x]: /u\n1. b\n",
                       "1. a\n\n[//]: #\n\n1. b\n");
    /* An item holding only a thematic break. */
    md_test_assert_rewrites_to("- ***\n", "- ***\n");
    md_test_assert_rewrites_to("- a\n\n+ ***\n", "- a\n\n* ___\n");
    md_test_assert_rewrites_to("* a\n* ***\n", "- a\n\n***\n");
    md_test_assert_rewrites_to("- - ***\n", "- * ___\n");
    /* Nor a line of bullets alone. */
    md_test_assert_rewrites_to("- * +\n", "- * -\n");
    /* Empty items, and an item opening with indented HTML. */
    md_test_assert_rewrites_to("-\n- b\n", "-\n- b\n");
    md_test_assert_rewrites_to("-\n    <div>\n   x\n", "-\n    <div>\n   x\n");
}
END_TEST

START_TEST(test_headings)
{
    md_test_assert_rewrites_to("# a #\n\n## b \\#\n\nc\nd\n---\n",
                       "# a\n\n## b \\#\n\nc\nd\n---\n");
    md_test_assert_rewrites_to("#\n", "#\n");
    md_test_assert_rewrites_to("###### #\n", "######\n");
    md_test_assert_rewrites_to("###### \\#\n", "###### \\#\n");
    /* Levels 3-6 cannot hold a line break: it becomes a space. */
    folio_doc *doc = folio_doc_new();
    folio_node *h = folio_test_add(folio_doc_root(doc), FOLIO_NODE_HEADING);
    folio_node_set_heading_level(h, 3, NULL);
    folio_test_add_text(h, "a");
    folio_test_add(h, FOLIO_NODE_SOFT_BREAK);
    folio_test_add_text(h, "b");
    char *md = write_checked(doc);
    ck_assert_str_eq(md, "### a b\n");
    free(md);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_emphasis_delimiters_do_not_merge)
{
    md_test_assert_rewrites_to("*_a_*\n", "*_a_*\n");
    md_test_assert_rewrites_to("**_a_**\n", "**_a_**\n");
    md_test_assert_rewrites_to("***a***\n", "*__a__*\n");
    /* Inside a word only "*" works: the runs merge, as they did. */
    md_test_assert_rewrites_to("a***b***c\n", "a***b***c\n");
    /* Emphasis of punctuation right after a letter: a reference. */
    md_test_assert_rewrites_to("a&#42;*(b)*\n", "a\\**(b)*\n");
    md_test_assert_rewrites_to("*a*_b_\n", "*a*_b_\n");
    md_test_assert_rewrites_to("*&#32;a&#32;*\n", "*&#32;a&#32;*\n");
}
END_TEST

START_TEST(test_tables_figures_and_strikethrough)
{
    folio_doc *doc = folio_doc_new();
    folio_node *root = folio_doc_root(doc);
    folio_node *table = folio_test_add(root, FOLIO_NODE_TABLE);
    folio_node_set_table_columns(table, 3, NULL);
    folio_node_set_table_alignment(table, 1, FOLIO_ALIGN_CENTER, NULL);
    folio_node_set_table_alignment(table, 2, FOLIO_ALIGN_RIGHT, NULL);
    folio_node *head = folio_test_add(table, FOLIO_NODE_TABLE_ROW);
    folio_node_set_row_header(head, true, NULL);
    folio_test_add_text(folio_test_add(head, FOLIO_NODE_TABLE_CELL), "a|b");
    folio_test_add_text(folio_test_add(head, FOLIO_NODE_TABLE_CELL), "c");
    folio_test_add_text(folio_test_add(head, FOLIO_NODE_TABLE_CELL), "d");
    folio_node *row = folio_test_add(table, FOLIO_NODE_TABLE_ROW);
    folio_node *cell = folio_test_add(row, FOLIO_NODE_TABLE_CELL);
    folio_node *strike = folio_test_add(cell, FOLIO_NODE_STRIKETHROUGH);
    folio_test_add_text(strike, "old");
    folio_node *code = folio_test_add(folio_test_add(row, FOLIO_NODE_TABLE_CELL), FOLIO_NODE_CODE);
    folio_node_set_literal(code, "x|y", 3, NULL);
    folio_node *figure = folio_test_add(root, FOLIO_NODE_FIGURE);
    folio_node *image = folio_test_add(folio_test_add(figure, FOLIO_NODE_PARAGRAPH),
                            FOLIO_NODE_IMAGE);
    folio_node_set_url(image, "cat.jpg", 7, NULL);
    folio_test_add_text(image, "A cat");
    folio_test_add_text(folio_test_add(figure, FOLIO_NODE_CAPTION), "The cat, asleep.");
    char *md = write_checked(doc);
    ck_assert_str_eq(md, "| a\\|b | c | d |\n"
                         "| --- | :-: | --: |\n"
                         "| ~~old~~ | `x\\|y` |  |\n"
                         "\n"
                         "![A cat](cat.jpg)\n"
                         "\n"
                         "The cat, asleep.\n");
    free(md);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_tables_with_blocks_become_html)
{
    folio_doc *doc = folio_doc_new();
    folio_node *table = folio_test_add(folio_doc_root(doc), FOLIO_NODE_TABLE);
    folio_node_set_table_columns(table, 2, NULL);
    folio_node_set_table_alignment(table, 0, FOLIO_ALIGN_LEFT, NULL);
    folio_node *head = folio_test_add(table, FOLIO_NODE_TABLE_ROW);
    folio_node_set_row_header(head, true, NULL);
    folio_test_add_text(folio_test_add(head, FOLIO_NODE_TABLE_CELL), "Name");
    folio_test_add(head, FOLIO_NODE_TABLE_CELL);
    folio_node *row = folio_test_add(table, FOLIO_NODE_TABLE_ROW);
    folio_node *list = folio_test_add(folio_test_add(row, FOLIO_NODE_TABLE_CELL), FOLIO_NODE_LIST);
    folio_test_add_text(folio_test_add(folio_test_add(list, FOLIO_NODE_ITEM), FOLIO_NODE_PARAGRAPH), "one");
    char *md = write_checked(doc);
    ck_assert_str_eq(md, "<table>\n<thead>\n<tr>\n<th align=\"left\">\n\n"
                         "Name\n\n</th>\n<th></th>\n</tr>\n</thead>\n"
                         "<tbody>\n<tr>\n<td align=\"left\">\n\n- one\n\n"
                         "</td>\n</tr>\n</tbody>\n</table>\n");
    free(md);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_wrap_option)
{
    folio_doc *doc = md_test_read_ok(
        "A fairly long paragraph that goes on and on, so that it needs "
        "wrapping; - and 1. must not start a line.\n");
    const char *const wrap[] = {"wrap=20", NULL};
    folio_error err;
    char *md = md_test_write("markdown", doc, wrap, NULL, &err);
    ck_assert_ptr_nonnull(md);
    for (char *line = md; *line;) {
        char *end = strchr(line, '\n');
        ck_assert_int_le(end - line, 20);
        line = end + 1;
    }
    /* The words and marks survive: only spaces became line breaks. */
    folio_doc *back = md_test_read_ok(md);
    char *flat = md_test_write("markdown", back, wrap, NULL, &err);
    ck_assert_str_eq(flat, md);
    free(flat);
    folio_doc_free(back);
    free(md);
    const char *const bad[] = {"wrap=wide", NULL};
    ck_assert_ptr_null(md_test_write("markdown", doc, bad, NULL, &err));
    ck_assert_int_eq(err.code, FOLIO_ERR_ARGUMENT);
    /* By default, nothing is wrapped. */
    md = md_test_write_ok(doc);
    ck_assert_ptr_eq(strchr(md, '\n'), md + strlen(md) - 1);
    free(md);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_positions_smart_and_crlf)
{
    folio_doc *doc = md_test_read_ok("---\r\na: 1\r\n---\r\n\r\n# T\r\n\r\n"
                                     "*x*\r\n");
    folio_node *h = folio_node_first_child(folio_doc_root(doc));
    folio_pos pos = folio_node_position(h);
    ck_assert_uint_eq(pos.start_line, 5);
    ck_assert_uint_eq(pos.start_column, 1);
    folio_node *para = folio_node_next(h);
    ck_assert_uint_eq(folio_node_position(para).start_line, 7);
    folio_doc_free(doc);
    /* A BOM shifts the columns of the first line. */
    doc = md_test_read_ok("\xEF\xBB\xBF# T\n");
    pos = folio_node_position(folio_node_first_child(folio_doc_root(doc)));
    ck_assert_uint_eq(pos.start_column, 4);
    folio_doc_free(doc);
    folio_doc *smart;
    folio_error err;
    const char *const on[] = {"smart=true", NULL};
    const char *text = "\"Hi\" -- it's...\n";
    ck_assert_int_eq(md_test_read("markdown", text, strlen(text), on, &smart,
                                  &err),
                     FOLIO_OK);
    char *md = md_test_write_ok(smart);
    ck_assert_str_eq(md, "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x93 "
                         "it\xE2\x80\x99s\xE2\x80\xA6\n");
    free(md);
    folio_doc_free(smart);
}
END_TEST

/* A long body is read in parts (md_parts.c): every block, its place in the
 * file and GFM's extensions come out as when it is read whole. Sections
 * end in a fence or a loose list as often as in a paragraph, and
 * alternate LF and CRLF, so cuts are refused and lines counted both ways. */
START_TEST(test_long_text_read_in_parts)
{
    enum { SECTIONS = 6000 };
    size_t size = 256 * SECTIONS, len = 0;
    char *text = malloc(size);
    unsigned long *heading_lines = malloc(SECTIONS * sizeof *heading_lines);
    ck_assert_ptr_nonnull(text);
    ck_assert_ptr_nonnull(heading_lines);
    len += (size_t)sprintf(text, "---\ntitle: Long\n---\n\n");
    unsigned long line = 5;
    for (int k = 0; k < SECTIONS; k++) {
        const char *nl = k % 2 ? "\r\n" : "\n";
        const char *tail = k % 3 == 0   ? "```\ncode\n\nlater\n```\n"
                           : k % 3 == 1 ? "- a\n\n- b\n"
                                        : "Closing words.\n";
        heading_lines[k] = line;
        len += (size_t)sprintf(
            text + len,
            "## Section %d%s%sSome ~~old~~ text.%s%s| a | b |%s|---|---|%s"
            "| 1 | 2 |%s%s%s\n",
            k, nl, nl, nl, nl, nl, nl, nl, nl, tail);
        line += k % 3 == 0 ? 14 : k % 3 == 1 ? 12 : 10;
    }
    folio_doc *doc = md_test_read_ok(text);
    int headings = 0, tables = 0, struck = 0;
    for (folio_node *n = folio_node_first_child(folio_doc_root(doc));
         n != NULL; n = folio_node_next(n)) {
        folio_node_type type = folio_node_get_type(n);
        if (type == FOLIO_NODE_HEADING) {
            ck_assert_uint_eq(folio_node_position(n).start_line,
                              heading_lines[headings]);
            headings++;
        }
        tables += type == FOLIO_NODE_TABLE;
        folio_node *first = folio_node_first_child(n);
        folio_node *second = first ? folio_node_next(first) : NULL;
        struck += second != NULL &&
                  folio_node_get_type(second) == FOLIO_NODE_STRIKETHROUGH;
    }
    ck_assert_int_eq(headings, SECTIONS);
    ck_assert_int_eq(tables, SECTIONS);
    ck_assert_int_eq(struck, SECTIONS);
    folio_doc_free(doc);
    free(heading_lines);
    free(text);
}
END_TEST

START_TEST(test_invalid_utf8_is_refused_with_its_offset)
{
    folio_doc *doc;
    folio_error err;
    const char *text = "ok\nbad \xC3\x28 here\n";
    ck_assert_int_eq(md_test_read("markdown", text, strlen(text), NULL, &doc,
                                  &err),
                     FOLIO_ERR_ENCODING);
    ck_assert(err.has_offset);
    ck_assert_uint_eq(err.offset, 7);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_uint_eq(err.column, 5);
}
END_TEST

START_TEST(test_deep_nesting)
{
    enum { LEVELS = 100000 };
    /* The reader refuses what is deeper than max-depth, without recursing. */
    size_t len = 2 * LEVELS + 2;
    char *text = malloc(len + 1);
    for (size_t i = 0; i < LEVELS; i++)
        memcpy(text + 2 * i, "> ", 2);
    memcpy(text + 2 * LEVELS, "x\n", 3);
    folio_doc *doc;
    folio_error err;
    ck_assert_int_eq(md_test_read("markdown", text, len, NULL, &doc, &err),
                     FOLIO_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "max-depth"));
    /* The writer walks a tree of any depth. */
    doc = folio_doc_new();
    folio_node *parent = folio_doc_root(doc);
    for (size_t i = 0; i < LEVELS; i++)
        parent = folio_test_add(parent, FOLIO_NODE_BLOCK_QUOTE);
    folio_node *para = folio_test_add(parent, FOLIO_NODE_PARAGRAPH);
    folio_node *inline_parent = para;
    for (size_t i = 0; i < LEVELS; i++)
        inline_parent = folio_test_add(inline_parent, i % 2 ? FOLIO_NODE_EMPH
                                                 : FOLIO_NODE_STRONG);
    folio_test_add_text(inline_parent, "x");
    size_t out_len;
    char *md = md_test_write("markdown", doc, NULL, &out_len, &err);
    ck_assert_ptr_nonnull(md);
    ck_assert_uint_eq(out_len, 2 * LEVELS + 3 * LEVELS + 2);
    ck_assert_mem_eq(md, text, 2 * LEVELS);
    free(md);
    folio_doc_free(doc);
    free(text);
}
END_TEST

static folio_status failing_sink(void *context, const char *data, size_t len,
                                 folio_error *err)
{
    (void)context;
    (void)data;
    (void)len;
    return folio_error_set(err, FOLIO_ERR_IO, "disk full");
}

START_TEST(test_a_failing_sink_fails_the_writer)
{
    char *md = md_test_data("article.md", NULL);
    folio_doc *doc = md_test_read_ok(md);
    folio_sink *sink = folio_sink_new(failing_sink, NULL);
    folio_error err;
    folio_error_clear(&err);
    ck_assert_int_eq(folio_format_write(md_test_format("markdown"), doc, sink,
                                        NULL, &err),
                     FOLIO_ERR_IO);
    ck_assert_str_eq(err.message, "disk full");
    folio_sink_free(sink);
    folio_doc_free(doc);
    free(md);
}
END_TEST

static int probe(const char *text)
{
    const folio_plugin *plugin =
        folio_format_plugin(md_test_format("markdown"));
    return plugin->probe(text, strlen(text));
}

START_TEST(test_probe)
{
    char *post = md_test_data("jekyll-post.txt", NULL);
    ck_assert_int_ge(probe(post), 80);
    free(post);
    ck_assert_int_ge(probe("\xEF\xBB\xBF---\ntitle: x\n---\n"), 80);
    ck_assert_int_eq(probe("<!DOCTYPE html><html></html>"), 0);
    ck_assert_int_eq(probe("  <p>Hello</p>"), 0);
    ck_assert_int_eq(probe("{\"folio\": 1}"), 0);
    /* Plain text, even with a list-like line as scraped pages have, is
     * left to the text reader (which scores it 10). */
    ck_assert_int_eq(probe("Just a line of text.\nAnd another one.\n"), 0);
    ck_assert_int_lt(probe("News\n- Published 3 days ago\nText.\n"), 10);
    ck_assert_int_ge(probe("# Title\n\nText.\n"), 30);
    int markdown = probe("# Title\n\nSome **bold** and a [link](x).\n\n- a\n");
    ck_assert_int_gt(markdown, probe("# Title\n\nText.\n"));
    ck_assert_int_lt(markdown, 80);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("markdown");
    TCase *tc = tcase_create("body");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_article_golden_and_fixed_point);
    tcase_add_test(tc, test_json_round_trips);
    tcase_add_test(tc, test_escapes_only_where_needed);
    tcase_add_test(tc, test_code_and_links);
    tcase_add_test(tc, test_lists_keep_numbers_tightness_and_boundaries);
    tcase_add_test(tc, test_headings);
    tcase_add_test(tc, test_emphasis_delimiters_do_not_merge);
    tcase_add_test(tc, test_tables_figures_and_strikethrough);
    tcase_add_test(tc, test_tables_with_blocks_become_html);
    tcase_add_test(tc, test_wrap_option);
    tcase_add_test(tc, test_positions_smart_and_crlf);
    tcase_add_test(tc, test_long_text_read_in_parts);
    tcase_add_test(tc, test_invalid_utf8_is_refused_with_its_offset);
    tcase_add_test(tc, test_deep_nesting);
    tcase_add_test(tc, test_a_failing_sink_fails_the_writer);
    tcase_add_test(tc, test_probe);
    suite_add_tcase(suite, tc);
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
