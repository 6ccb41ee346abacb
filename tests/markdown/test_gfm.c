/* GFM in the Markdown plugin: pipe tables and strikethrough, read and
 * written back. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio_test.h"
#include "md_test.h"

/* ---- An outline of a tree, to compare with in one string ---------------- */

typedef struct outline {
    char *s;
    size_t len, size;
} outline;

static void put(outline *o, const char *s, size_t n)
{
    if (o->len + n + 1 > o->size) {
        o->size = 2 * (o->len + n + 1);
        o->s = realloc(o->s, o->size);
        ck_assert_ptr_nonnull(o->s);
    }
    memcpy(o->s + o->len, s, n);
    o->len += n;
    o->s[o->len] = '\0';
}

static void puts_(outline *o, const char *s)
{
    put(o, s, strlen(s));
}

static const char *short_name(const folio_node *node)
{
    switch (folio_node_get_type(node)) {
    case FOLIO_NODE_PARAGRAPH: return "p";
    case FOLIO_NODE_BLOCK_QUOTE: return "quote";
    case FOLIO_NODE_TABLE_ROW:
        return folio_node_row_is_header(node) ? "head" : "row";
    case FOLIO_NODE_TABLE_CELL: return "cell";
    case FOLIO_NODE_STRIKETHROUGH: return "del";
    case FOLIO_NODE_SOFT_BREAK: return "soft";
    case FOLIO_NODE_THEMATIC_BREAK: return "hr";
    case FOLIO_NODE_CODE_BLOCK: return "pre";
    default: return folio_node_type_name(folio_node_get_type(node));
    }
}

/* "p('a ' del('b'))": each node by a short name, a text as its literal in
 * quotes, a code span in backquotes, a table with one letter per column's
 * alignment (n, l, c, r), a link with its URL. */
static char *outline_of(const folio_doc *doc)
{
    outline o = {0};
    puts_(&o, "");
    const folio_node *root = folio_doc_root(doc);
    folio_node *node = (folio_node *)root;
    folio_walk_event event = FOLIO_WALK_NONE;
    while (folio_walk_next(root, &node, &event)) {
        if (node == root)
            continue;
        if (event == FOLIO_WALK_EXIT) {
            if (folio_node_first_child(node) != NULL)
                puts_(&o, ")");
            continue;
        }
        if (folio_node_previous(node) != NULL)
            puts_(&o, " ");
        size_t len;
        const char *s;
        switch (folio_node_get_type(node)) {
        case FOLIO_NODE_TEXT:
            s = folio_node_literal(node, &len);
            puts_(&o, "'");
            put(&o, s, len);
            puts_(&o, "'");
            break;
        case FOLIO_NODE_CODE:
            s = folio_node_literal(node, &len);
            puts_(&o, "`");
            put(&o, s, len);
            puts_(&o, "`");
            break;
        case FOLIO_NODE_TABLE:
            puts_(&o, "table:");
            for (int i = 0; i < folio_node_table_columns(node); i++)
                put(&o, &"nlcr"[folio_node_table_alignment(node, i)], 1);
            break;
        case FOLIO_NODE_LINK:
            s = folio_node_url(node, &len);
            puts_(&o, "link<");
            put(&o, s, len);
            puts_(&o, ">");
            break;
        default:
            puts_(&o, short_name(node));
        }
        if (folio_node_first_child(node) != NULL)
            puts_(&o, "(");
    }
    return o.s;
}

static folio_doc *read_md(const char *md, bool gfm)
{
    const char *const off[] = {"gfm=false", NULL};
    folio_doc *doc;
    folio_error err;
    ck_assert_msg(md_test_read("markdown", md, strlen(md), gfm ? NULL : off,
                               &doc, &err) == FOLIO_OK,
                  "reading failed: %s", err.message);
    return doc;
}

/* md reads (with GFM) as the outline expected. */
static void assert_reads(const char *md, const char *expected)
{
    folio_doc *doc = read_md(md, true);
    char *got = outline_of(doc);
    ck_assert_msg(strcmp(got, expected) == 0, "%s\nread as   %s\nnot as    %s",
                  md, got, expected);
    free(got);
    folio_doc_free(doc);
}

/* A tree written and read back is the same tree. */
static char *assert_tree_round_trips(const folio_doc *doc)
{
    folio_error err;
    ck_assert_msg(folio_doc_check(doc, &err) == FOLIO_OK, "%s", err.message);
    char *md = md_test_write_ok(doc);
    folio_doc *back = read_md(md, true);
    ck_assert_msg(md_test_same_doc(doc, back), "changed when read back:\n%s",
                  md);
    folio_doc_free(back);
    return md;
}

/* ---- Tables ------------------------------------------------------------- */

START_TEST(test_table_alignments_and_cells)
{
    assert_reads("| a | b | c | d |\n| --- | :-- | :-: | --: |\n"
                 "| 1 | 2 | 3 | 4 |\n",
                 "table:nlcr(head(cell('a') cell('b') cell('c') cell('d')) "
                 "row(cell('1') cell('2') cell('3') cell('4')))");
    /* Pipes at the ends are optional, the delimiter row needs one "-" per
     * cell, and spaces around cells do not count. */
    assert_reads("a|b\n-|:-:\n  1  |2\n",
                 "table:nc(head(cell('a') cell('b')) "
                 "row(cell('1') cell('2')))");
    assert_reads("a\n:-\nb\n", "table:l(head(cell('a')) row(cell('b')))");
    assert_reads("| a |\n|-|\n", "table:n(head(cell('a')))");
}
END_TEST

START_TEST(test_table_ragged_rows)
{
    /* Missing cells are empty ones, surplus cells are dropped, and a row
     * is any line up to the paragraph's end, pipes or not. */
    assert_reads("| a | b |\n| - | - |\n| 1 |\n| 2 | 3 | 4 |\nfive\n||\n",
                 "table:nn(head(cell('a') cell('b')) row(cell('1') cell) "
                 "row(cell('2') cell('3')) row(cell('five') cell) "
                 "row(cell cell))");
}
END_TEST

START_TEST(test_table_escaped_pipes_and_code_spans)
{
    /* "\|" is a pipe in the cell; in GFM even inside a code span, where an
     * unescaped one still ends the cell. */
    assert_reads("| a \\| b | `x\\|y` |\n| - | - |\n| `a|b` | \\\\| |\n",
                 "table:nn(head(cell('a | b') cell(`x|y`)) "
                 "row(cell('`a') cell('b`')))");
    /* A backslash before the pipe stays one, in code and out. */
    assert_reads("| `\\\\|` a\\\\\\|b |\n|-|\n",
                 "table:n(head(cell(`\\|` ' a\\|b')))");
}
END_TEST

START_TEST(test_table_inline_markup_and_references)
{
    assert_reads("| *e* | **s** | ~~d~~ | [l](u) | <b> |\n|-|-|-|-|-|\n"
                 "| [r] | [x][] | `c` | ![i](j) | a\\b |\n\n"
                 "[r]: /r\n[x]: /x\n",
                 "table:nnnnn(head(cell(emph('e')) cell(strong('s')) "
                 "cell(del('d')) cell(link<u>('l')) cell(html_inline)) "
                 "row(cell(link</r>('r')) cell(link</x>('x')) cell(`c`) "
                 "cell(image('i')) cell('a\\b')))");
    /* Each cell is inline content of its own: emphasis does not run from
     * one cell into the next, nor from a row into the next. */
    assert_reads("| *a | b* |\n|-|-|\n| *c |\n| d* |\n",
                 "table:nn(head(cell('*a') cell('b*')) row(cell('*c') cell) "
                 "row(cell('d*') cell))");
}
END_TEST

START_TEST(test_tables_in_containers)
{
    assert_reads("> | a | b |\n> |---|---|\n> | 1 | 2 |\n",
                 "quote(table:nn(head(cell('a') cell('b')) "
                 "row(cell('1') cell('2'))))");
    assert_reads("- | a |\n  | - |\n  | 1 |\n- b\n",
                 "list(item(table:n(head(cell('a')) row(cell('1')))) "
                 "item(p('b')))");
    assert_reads("> 1. x\n>    | a |\n>    |:-:|\n>\t | *1* |\n",
                 "quote(list(item(p('x') table:c(head(cell('a')) "
                 "row(cell(emph('1')))))))");
    /* A row without its "> " is a lazy continuation line: still a row. */
    assert_reads("> | a |\n> | - |\nb\n",
                 "quote(table:n(head(cell('a')) row(cell('b'))))");
    /* Positions are the file's. */
    folio_doc *doc =
        read_md("---\nt: 1\n---\n> x\n>  | a | b |\n> |-|-|\n", true);
    folio_node *table =
        folio_node_next(folio_node_first_child(folio_node_first_child(
            folio_doc_root(doc))));
    ck_assert_int_eq(folio_node_get_type(table), FOLIO_NODE_TABLE);
    folio_pos pos = folio_node_position(table);
    ck_assert_uint_eq(pos.start_line, 5);
    ck_assert_uint_eq(pos.start_column, 4);
    ck_assert_uint_eq(pos.end_line, 5);
    folio_node *cell = folio_node_last_child(folio_node_first_child(table));
    pos = folio_node_position(cell);
    ck_assert_uint_eq(pos.start_line, 5);
    ck_assert_uint_eq(pos.start_column, 10);
    ck_assert_uint_eq(pos.end_column, 10);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_not_tables)
{
    /* The header row must have as many cells as the delimiter row. */
    assert_reads("| a | b |\n| - |\n", "p('| a | b |' soft '| - |')");
    /* No delimiter row. */
    assert_reads("| a |\n| b |\n", "p('| a |' soft '| b |')");
    assert_reads("| a |\n| : |\n", "p('| a |' soft '| : |')");
    /* The first delimiter row decides, even if a later one would fit;
     * an escaped one is text. */
    assert_reads("a | b\n-:\n| x |\n|-|\n",
                 "p('a | b' soft '-:' soft '| x |' soft '|-|')");
    assert_reads("a | b\n-\\:|-\n| x |\n|-|\n",
                 "p('a | b' soft '-:|-') table:n(head(cell('x')))");
    assert_reads("a | b\n-|\nc\n-|-\n", "p('a | b' soft '-|' soft 'c' "
                                        "soft '-|-')");
    /* An indented delimiter row is text, and so is one on a lazy line. */
    assert_reads("| a |\n    | - |\n", "p('| a |' soft '| - |')");
    assert_reads("> | a |\n| - |\n", "quote(p('| a |' soft '| - |'))");
    /* "a\n---" is a heading in CommonMark, so it is in GFM. */
    assert_reads("a\n---\n", "heading('a')");
    /* Without the gfm option, nothing changes. */
    folio_doc *doc = read_md("| a |\n| - |\n\n~~b~~\n", false);
    char *got = outline_of(doc);
    ck_assert_str_eq(got, "p('| a |' soft '| - |') p('~~b~~')");
    free(got);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_lines_around_a_table)
{
    /* Lines before the header row stay a paragraph (as in cmark-gfm); a
     * link reference definition there still defines. */
    assert_reads("intro *x\n| a |\n| - |\n| 1* |\n",
                 "p('intro *x') table:n(head(cell('a')) row(cell('1*')))");
    assert_reads("[r]: /r\n| [r] |\n| - |\n",
                 "table:n(head(cell(link</r>('r'))))");
    /* A line that would start a block after a table ends it. */
    assert_reads("| a |\n| - |\n| 1 |\n    code\nmore\n",
                 "table:n(head(cell('a')) row(cell('1'))) pre p('more')");
    assert_reads("| a |\n| - |\n2. x\n",
                 "table:n(head(cell('a'))) list(item(p('x')))");
    /* CommonMark makes a setext heading of a table followed by "---" or
     * "==="; GFM, a thematic break or a last row. */
    assert_reads("| a |\n| - |\n| 1 |\n---\nz\n",
                 "table:n(head(cell('a')) row(cell('1'))) hr p('z')");
    assert_reads("x\n| a |\n| - |\n===\n",
                 "p('x') table:n(head(cell('a')) row(cell('===')))");
    assert_reads("| a |\n| - |\n    c\n---\n",
                 "table:n(head(cell('a'))) pre hr");
    assert_reads("a\n| b |\n---\n", "heading('a' soft '| b |')");
}
END_TEST

START_TEST(test_padding_is_bounded)
{
    /* Short rows get empty cells, up to a budget in proportion to the
     * input: a small input cannot make a huge tree. */
    enum { COLUMNS = 2000, ROWS = 2000 };
    size_t size = 4 * COLUMNS + 2 * ROWS + 16, n = 0;
    char *md = malloc(size);
    for (int pass = 0; pass < 2; pass++) {
        md[n++] = '|';
        for (int i = 0; i < COLUMNS; i++) {
            md[n++] = pass == 0 ? 'a' : '-';
            md[n++] = '|';
        }
        md[n++] = '\n';
    }
    for (int i = 0; i < ROWS; i++) {
        md[n++] = 'b';
        md[n++] = '\n';
    }
    md[n] = '\0';
    folio_doc *doc = read_md(md, true);
    size_t cells = 0;
    folio_node *root = folio_doc_root(doc), *node = root;
    folio_walk_event event = FOLIO_WALK_NONE;
    while (folio_walk_next(root, &node, &event))
        cells += event == FOLIO_WALK_ENTER &&
                 folio_node_get_type(node) == FOLIO_NODE_TABLE_CELL;
    ck_assert_uint_le(cells, COLUMNS + ROWS + n + 65536);
    ck_assert_uint_ge(cells, COLUMNS + ROWS + 65536);
    folio_doc_free(doc);
    free(md);
}
END_TEST

/* ---- Strikethrough ------------------------------------------------------ */

START_TEST(test_strikethrough)
{
    /* One or two tildes (GFM), the same number on both sides. */
    assert_reads("~~a~~ ~b~ ~~~c~~~ ~d~~\n",
                 "p(del('a') ' ' del('b') ' ~~~c~~~ ~d~~')");
    /* Delimiters flank like emphasis: not next to a space, and inside a
     * word only between letters. */
    assert_reads("a ~~ b ~~ c x~~y~~z x~~(y)~~z\n",
                 "p('a ~~ b ~~ c x' del('y') 'z x~~(y)~~z')");
    /* Across lines of a paragraph, nested, in headings and links. */
    assert_reads("# ~~h~~\n\n~~a ~b~ c\nd~~ [~~x~~](u)\n",
                 "heading(del('h')) p(del('a ' del('b') ' c' soft 'd') ' ' "
                 "link<u>(del('x')))");
    /* Emphasis and strikethrough do not overlap: cmark pairs emphasis
     * first (GFM would strike here). */
    assert_reads("~~a *b~~ c*\n", "p('~~a ' emph('b~~ c'))");
    /* Inside a block quote, after its markers. */
    assert_reads(">~~q\n> r~~\n", "quote(p(del('q' soft 'r')))");
}
END_TEST

START_TEST(test_tildes_that_stay_text)
{
    /* Escaped or written as a reference; in code, URLs, autolinks, code
     * blocks and raw HTML. */
    assert_reads("\\~~a~~ &#126;~b~\n", "p('~~a~~ ~' del('b'))");
    assert_reads("`~~c~~` [x](~~u~~) <a~b@c.d> <i title=\"~x~\">\n",
                 "p(`~~c~~` ' ' link<~~u~~>('x') ' ' link<mailto:a~b@c.d>"
                 "('a~b@c.d') ' ' html_inline)");
    assert_reads("~~~\n~~x~~\n~~~\n", "pre");
    folio_doc *doc = read_md("~~~ ~a~\n~~x~~\n~~~\n", true);
    size_t len;
    folio_node *pre = folio_node_first_child(folio_doc_root(doc));
    ck_assert_str_eq(folio_node_literal(pre, &len), "~~x~~\n");
    ck_assert_str_eq(folio_node_code_info(pre, &len), "~a~");
    folio_doc_free(doc);
    /* A text holding the characters the reader marks tildes with has no
     * strikethrough, and keeps them. */
    assert_reads("\xE2\xB8\x9B ~~a~~\n", "p('\xE2\xB8\x9B ~~a~~')");
}
END_TEST

START_TEST(test_deep_strikethrough_is_refused)
{
    enum { LEVELS = 100000 };
    char *md = malloc(6 * LEVELS + 2);
    for (size_t i = 0; i < LEVELS; i++) {
        memcpy(md + 3 * i, "~a ", 3);
        memcpy(md + 3 * (LEVELS + i), "a~ ", 3);
    }
    memcpy(md + 6 * LEVELS, "\n", 2);
    folio_doc *doc;
    folio_error err;
    ck_assert_int_eq(md_test_read("markdown", md, strlen(md), NULL, &doc,
                                  &err),
                     FOLIO_ERR_LIMIT);
    free(md);
}
END_TEST

/* ---- Writing ------------------------------------------------------------ */

START_TEST(test_tables_rewrite)
{
    md_test_assert_rewrites_to("a|b\n:-|-:\n1\n",
                       "| a | b |\n| :-- | --: |\n| 1 |  |\n");
    md_test_assert_rewrites_to("| a \\| b | `x\\|y` |\n|-|-|\n| ~~s~~ | *e* |\n",
                       "| a \\| b | `x\\|y` |\n| --- | --- |\n"
                       "| ~~s~~ | *e* |\n");
    /* In a tight list, a paragraph and the table after it share lines. */
    md_test_assert_rewrites_to("- text\n  | a |\n  | - |\n  | 1 |\n- b\n",
                       "- text\n  | a |\n  | --- |\n  | 1 |\n- b\n");
    md_test_assert_rewrites_to("> | a |\n> |:-:|\n",
                       "> | a |\n> | :-: |\n");
    /* Pipes in URLs, titles, raw HTML and autolinks are escaped too. */
    md_test_assert_rewrites_to("| [l](u\\|v \"t\\|\") <b title=\"\\|\"> "
                       "<http://a\\|b> |\n|-|\n",
                       "| [l](u\\|v \"t\\|\") <b title=\"\\|\"> "
                       "<http://a\\|b> |\n| --- |\n");
    /* A table and the thematic break after it. */
    md_test_assert_rewrites_to("| a |\n| - |\n---\n", "| a |\n| --- |\n\n***\n");
}
END_TEST

START_TEST(test_cells_keep_their_spaces)
{
    /* A cell's content is trimmed when read: spaces at its ends are
     * written as references. */
    folio_doc *doc = folio_doc_new();
    folio_node *table = folio_test_add(folio_doc_root(doc), FOLIO_NODE_TABLE);
    folio_node_set_table_columns(table, 1, NULL);
    folio_node *head = folio_test_add(table, FOLIO_NODE_TABLE_ROW);
    folio_node_set_row_header(head, true, NULL);
    folio_test_add_text(folio_test_add(head, FOLIO_NODE_TABLE_CELL), " a ");
    folio_node *row = folio_test_add(table, FOLIO_NODE_TABLE_ROW);
    folio_node *link = folio_test_add(folio_test_add(row, FOLIO_NODE_TABLE_CELL), FOLIO_NODE_LINK);
    folio_node_set_url(link, "u|v", 3, NULL);
    folio_test_add_text(link, "x|y");
    char *md = assert_tree_round_trips(doc);
    ck_assert_str_eq(md, "| &#32;a&#32; |\n| --- |\n| [x\\|y](u\\|v) |\n");
    free(md);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_writer_keeps_text_from_becoming_gfm)
{
    /* Tildes that GFM could pair are escaped, others are not; a line that
     * would be a delimiter row is escaped. */
    folio_doc *doc = folio_doc_new();
    folio_node *para = folio_test_add(folio_doc_root(doc), FOLIO_NODE_PARAGRAPH);
    folio_test_add_text(para, "~a~ ~b ~ c~~d a | b");
    folio_test_add(para, FOLIO_NODE_SOFT_BREAK);
    folio_test_add_text(para, "-:|-");
    folio_test_add(para, FOLIO_NODE_SOFT_BREAK);
    folio_test_add_text(para, ":-");
    folio_test_add(para, FOLIO_NODE_SOFT_BREAK);
    folio_test_add_text(para, "| - |");
    char *md = assert_tree_round_trips(doc);
    ck_assert_str_eq(md, "\\~a\\~ \\~b ~ c\\~\\~d a | b\n\\-:|-\n\\:-\n"
                         "\\| - |\n");
    free(md);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_strikethrough_delimiters_flank)
{
    /* After a letter, "~~(" cannot open: the letter becomes a reference.
     * Spaces at the edges too. */
    folio_doc *doc = folio_doc_new();
    folio_node *para = folio_test_add(folio_doc_root(doc), FOLIO_NODE_PARAGRAPH);
    folio_test_add_text(para, "x");
    folio_test_add_text(folio_test_add(para, FOLIO_NODE_STRIKETHROUGH), "(y)");
    folio_test_add_text(para, "z ");
    folio_test_add_text(folio_test_add(para, FOLIO_NODE_STRIKETHROUGH), " w ");
    char *md = assert_tree_round_trips(doc);
    ck_assert_str_eq(md, "&#120;~~(y)~~&#122; ~~&#32;w&#32;~~\n");
    free(md);
    folio_doc_free(doc);
    /* Nested ones alternate "~~" and "~", so that they pair as they
     * should. */
    md_test_assert_rewrites_to("~~a ~~b~~ c~~ ~~d~e~f~~\n",
                       "~~a ~b~ c~~ ~~d~e~f~~\n");
}
END_TEST

START_TEST(test_adjacent_strikethrough_merges)
{
    /* "~~~~" is no delimiter: a strikethrough at the edge of another, or
     * right after one, is written as part of it. The text stays struck. */
    folio_doc *doc = folio_doc_new();
    folio_node *para = folio_test_add(folio_doc_root(doc), FOLIO_NODE_PARAGRAPH);
    folio_node *outer = folio_test_add(para, FOLIO_NODE_STRIKETHROUGH);
    folio_test_add_text(folio_test_add(outer, FOLIO_NODE_STRIKETHROUGH), "a");
    folio_test_add_text(outer, "b");
    folio_test_add_text(folio_test_add(para, FOLIO_NODE_STRIKETHROUGH), "c");
    char *md = md_test_write_ok(doc);
    ck_assert_str_eq(md, "~~abc~~\n");
    folio_doc *back = read_md(md, true);
    char *got = outline_of(back);
    ck_assert_str_eq(got, "p(del('abc'))");
    free(got);
    folio_doc_free(back);
    free(md);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_json_round_trip)
{
    if (md_test_format("json") == NULL) {
        fprintf(stderr, "json plugin not built: skipping its round trips\n");
        return;
    }
    const char *text = "> | a | *b* |\n> |:-|-:|\n> | ~~c~~ | `d\\|e` |\n\n"
                       "~~f *g* ~h~ i~~\n";
    folio_doc *doc = read_md(text, true);
    char *md_md = md_test_write_ok(doc);
    folio_error err;
    size_t json_len;
    char *json = md_test_write("json", doc, NULL, &json_len, &err);
    ck_assert_msg(json != NULL, "%s", err.message);
    folio_doc *from_json;
    ck_assert_int_eq(md_test_read("json", json, json_len, NULL, &from_json,
                                  &err),
                     FOLIO_OK);
    char *got = outline_of(from_json);
    ck_assert_str_eq(got, "quote(table:lr(head(cell('a') cell(emph('b'))) "
                          "row(cell(del('c')) cell(`d|e`)))) "
                          "p(del('f ' emph('g') ' ' del('h') ' i'))");
    free(got);
    /* json -> md gives what md -> md gives, and reads back the same. */
    char *md_json = md_test_write_ok(from_json);
    ck_assert_str_eq(md_json, md_md);
    folio_doc *back = read_md(md_json, true);
    ck_assert(md_test_same_doc(from_json, back));
    folio_doc_free(back);
    free(md_json);
    folio_doc_free(from_json);
    free(json);
    free(md_md);
    folio_doc_free(doc);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("markdown GFM");
    TCase *tc = tcase_create("gfm");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_table_alignments_and_cells);
    tcase_add_test(tc, test_table_ragged_rows);
    tcase_add_test(tc, test_table_escaped_pipes_and_code_spans);
    tcase_add_test(tc, test_table_inline_markup_and_references);
    tcase_add_test(tc, test_tables_in_containers);
    tcase_add_test(tc, test_not_tables);
    tcase_add_test(tc, test_lines_around_a_table);
    tcase_add_test(tc, test_padding_is_bounded);
    tcase_add_test(tc, test_strikethrough);
    tcase_add_test(tc, test_tildes_that_stay_text);
    tcase_add_test(tc, test_deep_strikethrough_is_refused);
    tcase_add_test(tc, test_tables_rewrite);
    tcase_add_test(tc, test_cells_keep_their_spaces);
    tcase_add_test(tc, test_writer_keeps_text_from_becoming_gfm);
    tcase_add_test(tc, test_strikethrough_delimiters_flank);
    tcase_add_test(tc, test_adjacent_strikethrough_merges);
    tcase_add_test(tc, test_json_round_trip);
    suite_add_tcase(suite, tc);
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
