/* The reader's structure heuristics, one test each (docs/text-format.md
 * describes them). */
#include "text_test.h"

#include <stdlib.h>
#include <string.h>

static void assert_outline(const folio_doc *doc, const char *expected)
{
    char *shape = doc_outline(doc);
    ck_assert_msg(strcmp(shape, expected) == 0, "outline '%s', expected '%s'",
                  shape, expected);
    free(shape);
}

static void assert_block_text(const folio_doc *doc, size_t index,
                              const char *expected)
{
    folio_node *node = child_at(folio_doc_root(doc), index);
    ck_assert_ptr_nonnull(node);
    char *text = node_text(node);
    ck_assert_msg(strcmp(text, expected) == 0, "block %zu is '%s', not '%s'",
                  index, text, expected);
    free(text);
}

/* Reads s; checks its title (NULL for none) and outline. */
static folio_doc *expect(const char *s, const char *title,
                         const char *shape)
{
    folio_doc *doc = read_str(s);
    if (title == NULL)
        ck_assert_msg(doc_title(doc) == NULL, "unexpected title '%s'",
                      doc_title(doc));
    else {
        ck_assert_ptr_nonnull(doc_title(doc));
        ck_assert_str_eq(doc_title(doc), title);
    }
    assert_outline(doc, shape);
    return doc;
}

static void check(const char *s, const char *title, const char *shape)
{
    folio_doc_free(expect(s, title, shape));
}

/* ---- Title ------------------------------------------------------------ */

START_TEST(title_with_blank_line_after)
{
    folio_doc *doc = expect("Harbour festival returns\n\nThe festival is "
                            "back this year.\n",
                            "Harbour festival returns", "p");
    /* Not repeated in the body. */
    assert_block_text(doc, 0, "The festival is back this year.");
    folio_doc_free(doc);
}
END_TEST

START_TEST(title_without_blank_line_after)
{
    check("Harbour festival returns\nThe festival will return to the "
          "seafront next weekend for the first time since 2023, after "
          "repairs to the pier were completed.\nOrganisers expect about "
          "12,000 visitors over the two days of the festival this year.\n",
          "Harbour festival returns", "p p");
    /* A short body line right after it. */
    check("Storm update\nRoads are open again.\n", "Storm update", "p");
}
END_TEST

START_TEST(title_may_ask_or_exclaim)
{
    check("What happens when the next storm comes?\n\nNobody knows yet.\n",
          "What happens when the next storm comes?", "p");
    check("We did it!\n\nThe roof is paid for.\n", "We did it!", "p");
}
END_TEST

START_TEST(no_title_for_sentences_and_long_lines)
{
    check("The council met on Monday.\n\nIt agreed the plan.\n", NULL,
          "p p");
    check("Residents said:\n\nIt was loud.\n", NULL, "p p");
    /* Over 150 columns: a paragraph, even without a full stop. */
    char line[400];
    memset(line, 'a', 160);
    memcpy(line + 160, " b\n\nBody.\n", 11);
    check(line, NULL, "p p");
    /* Nothing after it: a one-line text is a paragraph. */
    check("Only one line\n", NULL, "p");
    /* A list item or quote first is no title. */
    check("- first\n- second\n\nText.\n", NULL, "ul2 p");
}
END_TEST

START_TEST(no_title_when_first_line_is_wrapped)
{
    /* The first line of a hard-wrapped paragraph: the next word would not
     * have fitted, and the next line goes on in lower case. */
    check("The harbour trust said on Monday that the repairs to the north\n"
          "pier were finished ahead of schedule and under the budget set\n"
          "last year by the county council and its partners.\n",
          NULL, "p");
}
END_TEST

/* ---- Chrome ------------------------------------------------------------ */

START_TEST(chrome_lines_are_dropped)
{
    folio_doc *doc = expect(
        "top of page\n\nStorm clean-up done in four days\n\nree\n\n"
        "Volunteers cleared the road.\n\nree\n\nThe road reopened.\n\n"
        "Comments\n\n\nbottom of page",
        "Storm clean-up done in four days", "p p");
    assert_block_text(doc, 1, "The road reopened.");
    folio_doc_free(doc);
    check("The first paragraph of a machine summary is one long line, far "
          "longer than anyone would wrap text at, and ends here.\n"
          "The second paragraph of the summary is another long line, also "
          "longer than any wrapping column, that ends here.\nSource link",
          NULL, "p p");
}
END_TEST

START_TEST(published_lines_are_dropped)
{
    folio_doc *doc = expect("Timetable changes to be confirmed\n\n"
                            "- Published\nPassengers will find out "
                            "today.\nThe operator has consulted since "
                            "March on the plans for the line.\n"
                            "- Published3 days ago",
                            "Timetable changes to be confirmed", "p p");
    assert_block_text(doc, 0, "Passengers will find out today.");
    folio_doc_free(doc);
}
END_TEST

START_TEST(chrome_words_inside_the_text_stay)
{
    /* "Comments" and "Source link" only count at the very end. */
    check("Readers wrote in.\n\nComments\n\nMost liked the plan.\n", NULL,
          "p h2 p");
    check("See the source link below.\n\nSource link\n\nThanks.\n", NULL,
          "p h2 p");
}
END_TEST

/* ---- Paragraphs -------------------------------------------------------- */

START_TEST(paragraphs_by_blank_lines)
{
    folio_doc *doc = read_str("First one here.\n\nSecond one here.\n\n\n"
                              "Third one here.\n");
    assert_outline(doc, "p p p");
    assert_block_text(doc, 2, "Third one here.");
    folio_doc_free(doc);
}
END_TEST

START_TEST(one_paragraph_per_long_line)
{
    folio_doc *doc = read_str(
        "Passengers on the valley railway line will find out later today "
        "how a new timetable will change their journeys from September.\n"
        "The operator has been consulting since March on plans to run "
        "trains every 30 minutes instead of the current hourly service.\n"
        "The change depends on a new passing loop.\n");
    assert_outline(doc, "p p p");
    assert_block_text(doc, 2, "The change depends on a new passing loop.");
    folio_doc_free(doc);
}
END_TEST

START_TEST(short_lines_keep_their_breaks)
{
    /* Not wrapping, no sentence end: the author's line breaks. */
    folio_doc *doc = read_str("Intro text.\n\nWrite to us at:\n"
                              "The Science Fair Office\nStation Road\n"
                              "Calder Bridge\n");
    assert_outline(doc, "p p");
    folio_node *p = child_at(folio_doc_root(doc), 1);
    ck_assert_uint_eq(count_type(p, FOLIO_NODE_LINE_BREAK), 3);
    ck_assert_uint_eq(count_type(p, FOLIO_NODE_SOFT_BREAK), 0);
    folio_doc_free(doc);
    /* After a sentence, a short line starts a paragraph. */
    doc = read_str("Intro text.\n\nI came.\nI saw.\nI conquered.\n");
    assert_outline(doc, "p p p p");
    folio_doc_free(doc);
}
END_TEST

START_TEST(hard_wrapped_lines_are_joined)
{
    folio_doc *doc = read_str(
        "Intro text.\n\n"
        "The harbour trust said on Monday that the repairs to the\n"
        "north pier were finished ahead of schedule and under the\n"
        "budget set last year.\n\n"
        "A second wrapped paragraph follows here, with its own lines\n"
        "wrapped at the same width as the first one was.\n");
    assert_outline(doc, "p p p");
    assert_block_text(doc, 1,
                      "The harbour trust said on Monday that the repairs "
                      "to the north pier were finished ahead of schedule "
                      "and under the budget set last year.");
    /* Joined with soft breaks, so the line structure is still known. */
    ck_assert_uint_eq(count_type(child_at(folio_doc_root(doc), 1),
                                 FOLIO_NODE_SOFT_BREAK),
                      2);
    folio_doc_free(doc);
}
END_TEST

START_TEST(indented_line_starts_a_paragraph)
{
    /* Each line break looks like wrapping at 41 columns; only the
     * indentation tells the paragraphs apart. */
    folio_doc *doc = read_str("Intro text.\n\n"
                              "  The first paragraph starts here and it\n"
                              "goes on over this line, and on and on it\n"
                              "  The second paragraph starts here, in the\n"
                              "same run of lines without a blank line.\n");
    assert_outline(doc, "p p p");
    folio_doc_free(doc);
}
END_TEST

/* ---- Lists -------------------------------------------------------------- */

START_TEST(bullet_lists)
{
    const char *inputs[] = {
        "Intro text.\n\n- one\n- two\n- three\n",
        "Intro text.\n\n* one\n* two\n* three\n",
        /* "•" needs no space after it. */
        ("Intro text.\n\n\xE2\x80\xA2 one\n\xE2\x80\xA2 two\n"
         "\xE2\x80\xA2three\n"),
    };
    for (size_t i = 0; i < 3; i++) {
        folio_doc *doc = read_str(inputs[i]);
        assert_outline(doc, "p ul3");
        folio_node *list = child_at(folio_doc_root(doc), 1);
        ck_assert(folio_node_list_tight(list));
        char *text = node_text(child_at(list, 2));
        ck_assert_str_eq(text, "three");
        free(text);
        folio_doc_free(doc);
    }
}
END_TEST

START_TEST(numbered_lists)
{
    folio_doc *doc = read_str("Steps:\n\n3. heat\n4. stir\n\n1) a\n2) b\n");
    assert_outline(doc, "p ol2 ol2");
    folio_node *first = child_at(folio_doc_root(doc), 1);
    ck_assert_int_eq(folio_node_list_start(first), 3);
    ck_assert_int_eq(folio_node_list_delimiter(first), FOLIO_DELIM_PERIOD);
    ck_assert_int_eq(
        folio_node_list_delimiter(child_at(folio_doc_root(doc), 2)),
        FOLIO_DELIM_PAREN);
    folio_doc_free(doc);
    /* Ten digits are no item number (nine at most, as CommonMark). */
    check("Intro text.\n\n1234567890. one\n1234567891. two\n", NULL,
          "p p");
}
END_TEST

START_TEST(a_lone_item_is_not_a_list)
{
    folio_doc *doc = read_str("Intro text.\n\n- Updated on Monday\n\n"
                              "The council met again and agreed the "
                              "plan.\n");
    assert_outline(doc, "p p p");
    assert_block_text(doc, 1, "- Updated on Monday");
    folio_doc_free(doc);
    /* Two items of different kinds are two lone lines. */
    check("Intro text.\n\n- one\n1. two\n", NULL, "p p");
}
END_TEST

START_TEST(list_items_continue_and_nest)
{
    folio_doc *doc = read_str("Intro text.\n\n"
                              "- the first item, which is long enough "
                              "to wrap\n"
                              "  onto a second line\n"
                              "- second item\n"
                              "  - nested one\n"
                              "  - nested two\n"
                              "- the third item, which wraps without an "
                              "indent\n"
                              "and goes on in lower case\n"
                              "After the list.\n");
    assert_outline(doc, "p ul3 p");
    folio_node *list = child_at(folio_doc_root(doc), 1);
    char *text = node_text(child_at(child_at(list, 0), 0));
    ck_assert_str_eq(text, "the first item, which is long enough to wrap "
                           "onto a second line");
    free(text);
    char *inner = outline(child_at(list, 1));
    ck_assert_str_eq(inner, "p ul2");
    free(inner);
    text = node_text(child_at(list, 2));
    ck_assert_str_eq(text, "the third item, which wraps without an indent "
                           "and goes on in lower case");
    free(text);
    folio_doc_free(doc);
}
END_TEST

START_TEST(loose_lists)
{
    folio_doc *doc = read_str("Intro text.\n\n- one\n\n- two\n\n"
                              "  more about two\n");
    assert_outline(doc, "p ul2");
    folio_node *list = child_at(folio_doc_root(doc), 1);
    ck_assert(!folio_node_list_tight(list));
    char *inner = outline(child_at(list, 1));
    ck_assert_str_eq(inner, "p p");
    free(inner);
    folio_doc_free(doc);
}
END_TEST

/* ---- Subheadings -------------------------------------------------------- */

START_TEST(subheading_stands_alone)
{
    folio_doc *doc = read_str("Opening paragraph of the piece.\n\n"
                              "Valley Voice Opinion\n\n\n"
                              "\"Nobody will forget the lanes that day.\n");
    assert_outline(doc, "p h2 p");
    assert_block_text(doc, 1, "Valley Voice Opinion");
    folio_doc_free(doc);
    /* Right after the title. */
    check("A title\n\nWhat happened\n\nThe storm came.\n", "A title",
          "h2 p");
}
END_TEST

START_TEST(no_subheading_without_standing_alone)
{
    /* A caption-like line with the text right after it, in one-line
     * paragraphs: a paragraph, not a heading, not joined to the next. */
    folio_doc *doc = read_str(
        "Intro text.\n\nThe new passing loop at the halt lets trains "
        "pass\nThe transport authority, which funds the service, said it "
        "expected the new timetable to increase passenger numbers.\n");
    assert_outline(doc, "p p p");
    assert_block_text(doc, 1, "The new passing loop at the halt lets trains "
                              "pass");
    folio_doc_free(doc);
    /* Closing punctuation, a quote, lower case, or too long. */
    check("Intro text.\n\nIt was loud.\n\nMore text.\n", NULL, "p p p");
    check("Intro text.\n\nWhy now?\n\nMore text.\n", NULL, "p p p");
    check("Intro text.\n\n\"Never again\n\nMore text.\n", NULL, "p p p");
    check("Intro text.\n\nand then\n\nMore text.\n", NULL, "p p p");
    check("Intro text.\n\nA line that is far too long to be taken for a "
          "heading in an article\n\nMore text.\n",
          NULL, "p p p");
    /* Nothing after it, or nothing before it. */
    check("Intro text.\n\nThe end\n", NULL, "p p");
}
END_TEST

START_TEST(underlines_and_rules)
{
    folio_doc *doc = expect("Harbour news\n============\n\nIntro text.\n\n"
                            "Results, at last\n----------------\n"
                            "The winners were named.\n\n* * *\n\n"
                            "After the break.\n\n___\n",
                            "Harbour news", "p h2 p hr p hr");
    assert_block_text(doc, 1, "Results, at last");
    folio_doc_free(doc);
}
END_TEST

/* ---- Quotes and code --------------------------------------------------- */

START_TEST(block_quotes)
{
    folio_doc *doc = read_str("Intro text.\n\n"
                              "> The first quoted line, wrapped at about "
                              "forty\n> columns or so.\n>\n> > Nested.\n\n"
                              "After.\n");
    assert_outline(doc, "p q{p q{p}} p");
    folio_node *quote = child_at(folio_doc_root(doc), 1);
    char *text = node_text(child_at(quote, 0));
    ck_assert_str_eq(text, "The first quoted line, wrapped at about forty "
                           "columns or so.");
    free(text);
    folio_doc_free(doc);
    /* ">50" is a number, not a quote. */
    check("Intro text.\n\n>50 people came.\n", NULL, "p p");
}
END_TEST

START_TEST(indented_code_when_clearly_code)
{
    folio_doc *doc = read_str("Run this:\n\n"
                              "    for (int i = 0; i < n; i++) {\n"
                              "        total += i;\n"
                              "    }\n\n"
                              "Then check it.\n");
    assert_outline(doc, "p code p");
    size_t len;
    const char *code =
        folio_node_literal(child_at(folio_doc_root(doc), 1), &len);
    ck_assert_str_eq(code, "for (int i = 0; i < n; i++) {\n    total += "
                           "i;\n}\n");
    folio_doc_free(doc);
    check("Intro text.\n\n    $ folio in.txt -t json\n\nDone.\n", NULL,
          "p code p");
}
END_TEST

START_TEST(indented_prose_is_not_code)
{
    folio_doc *doc = read_str("Intro text.\n\n"
                              "    The hall was built in 1921 as a "
                              "memorial, and it shows.\n"
                              "    Its roof has leaked every winter for "
                              "five years now.\n\n"
                              "    12 Harbour Road\n    Kestrel Harbour\n");
    char *shape = doc_outline(doc);
    ck_assert_ptr_null(strstr(shape, "code"));
    free(shape);
    folio_doc_free(doc);
}
END_TEST

/* ---- Links ------------------------------------------------------------- */

START_TEST(bare_urls_become_links)
{
    folio_doc *doc = read_str(
        "See https://example.org/a_(b), or (http://x.example/page). "
        "Not: ftp://y.example or xhttp://z.example. End "
        "\xE2\x80\x9Chttps://q.example/\xE2\x80\x9D\n");
    folio_node *p = child_at(folio_doc_root(doc), 0);
    ck_assert_uint_eq(count_type(p, FOLIO_NODE_LINK), 3);
    const char *expected[] = {"https://example.org/a_(b)",
                              "http://x.example/page",
                              "https://q.example/"};
    size_t k = 0;
    for (folio_node *n = folio_node_first_child(p); n != NULL;
         n = folio_node_next(n)) {
        if (folio_node_get_type(n) != FOLIO_NODE_LINK)
            continue;
        ck_assert_str_eq(folio_node_url(n, NULL), expected[k]);
        char *text = node_text(n);
        ck_assert_str_eq(text, expected[k]);
        free(text);
        k++;
    }
    char *all = node_text(p);
    ck_assert_str_eq(all, "See https://example.org/a_(b), or "
                          "(http://x.example/page). Not: ftp://y.example "
                          "or xhttp://z.example. End \xE2\x80\x9C"
                          "https://q.example/\xE2\x80\x9D");
    free(all);
    folio_doc_free(doc);
}
END_TEST

START_TEST(source_positions)
{
    folio_doc *doc = read_str("Title here\n\nFirst para\nline two.\n\n"
                              "- a\n- b\n");
    folio_pos pos = folio_node_position(child_at(folio_doc_root(doc), 0));
    ck_assert_uint_eq(pos.start_line, 3);
    ck_assert_uint_eq(pos.start_column, 1);
    ck_assert_uint_eq(pos.end_line, 4);
    ck_assert_uint_eq(pos.end_column, 9);
    pos = folio_node_position(child_at(folio_doc_root(doc), 1));
    ck_assert_uint_eq(pos.start_line, 6);
    ck_assert_uint_eq(pos.end_line, 7);
    folio_doc_free(doc);
}
END_TEST

TCase *infer_tcase(void)
{
    TCase *tc = tcase_create("infer");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, title_with_blank_line_after);
    tcase_add_test(tc, title_without_blank_line_after);
    tcase_add_test(tc, title_may_ask_or_exclaim);
    tcase_add_test(tc, no_title_for_sentences_and_long_lines);
    tcase_add_test(tc, no_title_when_first_line_is_wrapped);
    tcase_add_test(tc, chrome_lines_are_dropped);
    tcase_add_test(tc, published_lines_are_dropped);
    tcase_add_test(tc, chrome_words_inside_the_text_stay);
    tcase_add_test(tc, paragraphs_by_blank_lines);
    tcase_add_test(tc, one_paragraph_per_long_line);
    tcase_add_test(tc, short_lines_keep_their_breaks);
    tcase_add_test(tc, hard_wrapped_lines_are_joined);
    tcase_add_test(tc, indented_line_starts_a_paragraph);
    tcase_add_test(tc, bullet_lists);
    tcase_add_test(tc, numbered_lists);
    tcase_add_test(tc, a_lone_item_is_not_a_list);
    tcase_add_test(tc, list_items_continue_and_nest);
    tcase_add_test(tc, loose_lists);
    tcase_add_test(tc, subheading_stands_alone);
    tcase_add_test(tc, no_subheading_without_standing_alone);
    tcase_add_test(tc, underlines_and_rules);
    tcase_add_test(tc, block_quotes);
    tcase_add_test(tc, indented_code_when_clearly_code);
    tcase_add_test(tc, indented_prose_is_not_code);
    tcase_add_test(tc, bare_urls_become_links);
    tcase_add_test(tc, source_positions);
    return tc;
}
