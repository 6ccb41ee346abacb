/*
 * How the HTML reader takes markup apart and recovers broken markup:
 * character references, raw text, comments and declarations, implied end
 * tags, void and self-closed elements, stray end tags, and input built to
 * make a naive stack walk quadratic. Each case is read as a fragment and
 * written back with the HTML writer, which shows the tree plainly.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <folio/folio.h>

#include "folio_test.h"

static folio_registry *registry;
static const folio_format *html;

static void setup(void)
{
    registry = folio_test_registry();
    html = folio_test_format(registry, "html", FOLIO_ROLE_ANY);
}

static void teardown(void)
{
    folio_registry_free(registry);
    registry = NULL;
}

/* Asserts that input, read and written back as HTML, gives expected. */
static void assert_reads_as(const char *input, const char *expected)
{
    char *out = folio_test_convert(html, html, input, strlen(input), NULL,
                                   NULL, NULL);
    ck_assert_msg(strcmp(out, expected) == 0,
                  "input:\n%s\ngave:\n%s\nexpected:\n%s", input, out,
                  expected);
    free(out);
}

START_TEST(test_character_references)
{
    /* Named ones need their ';', but for the few browsers take without;
     * numeric ones read 128-159 as windows-1252 and what is no character
     * as U+FFFD. */
    assert_reads_as("<p>a &amp; b &lt;i&gt; &#8212; &#x2014; &#150; &copy "
                    "&copy; &bogus; AT&T &#0; &#xD800;</p>",
                    "<p>a &amp; b &lt;i&gt; \u2014 \u2014 \u2013 \u00a9 "
                    "\u00a9 &amp;bogus; AT&amp;T \ufffd \ufffd</p>\n");
    /* In an attribute, "&copy=2" is part of a URL, not a reference. */
    assert_reads_as("<p><a href=\"/q?a=1&copy=2&amp;b=3\">x</a></p>",
                    "<p><a href=\"/q?a=1&amp;copy=2&amp;b=3\">x</a></p>\n");
}
END_TEST

START_TEST(test_raw_text_is_not_markup)
{
    /* Tags inside a script, style, textarea or noscript are their text,
     * and none of it is shown. */
    assert_reads_as("<p>a<script>if (a < b) document.write(\"<p>x</p>\")"
                    "</script>b</p><style>p > a {}</style>"
                    "<textarea><b>t</b></textarea>"
                    "<noscript><p>n</p></noscript><p>c</p>",
                    "<p>ab</p>\n<p>c</p>\n");
    /* A title's text keeps its tags as text, references decoded. */
    const char *page = "<html><title>A &amp; B <b>c</b></title>"
                       "<p>Body text.</p></html>";
    folio_options *options = folio_test_options("no-extract", "true", NULL);
    folio_doc *doc = folio_test_read(html, page, strlen(page), options);
    ck_assert_str_eq(folio_meta_get_string(doc, "title"), "A & B <b>c</b>");
    folio_doc_free(doc);
    folio_options_free(options);
}
END_TEST

START_TEST(test_comments_and_declarations)
{
    assert_reads_as("<!DOCTYPE html><p>a<!-- <p>hidden</p> -->b<!---->c"
                    "<?php echo 1 ?>d<![CDATA[e]]>f</p>",
                    "<p>abcdf</p>\n");
    /* A comment never closed runs to the end, as in a browser. */
    assert_reads_as("<p>kept</p><!-- <p>lost", "<p>kept</p>\n");
    /* Text either side of a comment is one text, however long or short
     * each part, with references or without. */
    assert_reads_as("<p>a long first part of the text<!-- c --> and a "
                    "second one<!-- c -->, short<!-- c -->!<!-- c --> "
                    "AT&amp;T at the end of it</p>",
                    "<p>a long first part of the text and a second one, "
                    "short! AT&amp;T at the end of it</p>\n");
    /* A '<' that opens nothing is text. */
    assert_reads_as("<p>a < b and c<3, x<>y</p>",
                    "<p>a &lt; b and c&lt;3, x&lt;&gt;y</p>\n");
}
END_TEST

START_TEST(test_implied_end_tags)
{
    assert_reads_as("<ul><li>one<li>two<ul><li>inner</ul><li>three</ul>",
                    "<ul>\n<li>one</li>\n<li>two\n<ul>\n<li>inner</li>\n"
                    "</ul>\n</li>\n<li>three</li>\n</ul>\n");
    assert_reads_as("<p>one<p>two<blockquote>three</blockquote>",
                    "<p>one</p>\n<p>two</p>\n<blockquote>\n<p>three</p>\n"
                    "</blockquote>\n");
    assert_reads_as("<h1>Title<h2>Sub</h2>", "<h1>Title</h1>\n<h2>Sub</h2>\n");
    assert_reads_as("<table><tr><th>h<th>i<tr><td>c<td>d</table>",
                    "<table>\n<thead>\n<tr>\n<th>h</th>\n<th>i</th>\n</tr>\n"
                    "</thead>\n<tbody>\n<tr>\n<td>c</td>\n<td>d</td>\n"
                    "</tr>\n</tbody>\n</table>\n");
}
END_TEST

START_TEST(test_void_and_self_closed_elements)
{
    /* <source> has no content: the image is the picture's, not hidden in
     * a source. */
    assert_reads_as("<p><picture><source srcset=\"a.webp\">"
                    "<img src=\"a.jpg\" alt=\"A\"></picture> caption</p>",
                    "<p><img src=\"a.jpg\" alt=\"A\" /> caption</p>\n");
    /* "<a .../>" is closed: what follows is not a link. */
    assert_reads_as("<p><a name=\"top\"/>after</p>", "<p>after</p>\n");
}
END_TEST

START_TEST(test_stray_end_tags)
{
    assert_reads_as("<p>a</span>b</div>c</p>", "<p>abc</p>\n");
    /* A block's end tag closes what was left open inside it. */
    assert_reads_as("<ul><li><div>item</ul><p>after</p>",
                    "<ul>\n<li>item</li>\n</ul>\n<p>after</p>\n");
    assert_reads_as("<div><p>in <b>bold</div>out",
                    "<p>in <strong>bold</strong></p>\n<p>out</p>\n");
    /* Content after </body> and </html> is still the body's. */
    assert_reads_as("<body><p>one</p></body><p>two</p></html><p>three</p>",
                    "<p>one</p>\n<p>two</p>\n<p>three</p>\n");
}
END_TEST

START_TEST(test_whitespace_between_elements)
{
    /* A space between inline elements shows, also across an element
     * never shown; one after a block does not. */
    assert_reads_as("<p><b>a</b> <i>b</i></p>",
                    "<p><strong>a</strong> <em>b</em></p>\n");
    assert_reads_as("<p><img src=\"a.png\" alt=\"\"><style>p{}</style> "
                    "<a href=\"/x\">x</a></p>",
                    "<p><img src=\"a.png\" alt=\"\" /> <a href=\"/x\">x</a>"
                    "</p>\n");
    assert_reads_as("<div>a</div> <b>b</b>", "<p>a</p>\n<p><strong>b</strong></p>\n");
    /* In a <pre>, even the blank lines between blocks are the text. */
    assert_reads_as("<pre><div>a</div>\n\n<div>b</div></pre>",
                    "<pre><code>a\n\n\nb\n</code></pre>\n");
}
END_TEST

START_TEST(test_names_and_attributes)
{
    /* Names in any case; the first of two attributes of a name wins. */
    assert_reads_as("<P CLASS=x><A HREF=/one href=/two TITLE='t'>l</A></P>",
                    "<p><a href=\"/one\" title=\"t\">l</a></p>\n");
}
END_TEST

/* s repeated count times, in a new string. */
static char *repeat(const char *s, int count)
{
    size_t n = strlen(s);
    char *out = malloc(n * (size_t)count + 1);
    ck_assert_ptr_nonnull(out);
    for (int i = 0; i < count; i++)
        memcpy(out + n * (size_t)i, s, n);
    out[n * (size_t)count] = '\0';
    return out;
}

START_TEST(test_stack_questions_stay_cheap)
{
    /* Each stray </b> asks whether a <b> is open above the <div>: with
     * 100,000 spans in between, walking the stack for every one of them
     * would take 10^10 steps. */
    char *spans = repeat("<span>", 100000);
    char *ends = repeat("</b>", 100000);
    size_t len = strlen(spans) + strlen(ends) + 32;
    char *input = malloc(len);
    ck_assert_ptr_nonnull(input);
    snprintf(input, len, "<b><div>%s%sx", spans, ends);
    folio_doc *doc = folio_test_read(html, input, strlen(input), NULL);
    char *out = folio_test_write(html, doc, NULL, NULL);
    ck_assert_str_eq(out, "<p><strong>x</strong></p>\n");
    free(out);
    folio_doc_free(doc);
    free(input);
    free(ends);
    free(spans);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("html_parse");
    TCase *tc = tcase_create("parse");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_character_references);
    tcase_add_test(tc, test_raw_text_is_not_markup);
    tcase_add_test(tc, test_comments_and_declarations);
    tcase_add_test(tc, test_implied_end_tags);
    tcase_add_test(tc, test_void_and_self_closed_elements);
    tcase_add_test(tc, test_stray_end_tags);
    tcase_add_test(tc, test_whitespace_between_elements);
    tcase_add_test(tc, test_names_and_attributes);
    tcase_add_test(tc, test_stack_questions_stay_cheap);
    suite_add_tcase(suite, tc);
    return folio_test_run(suite);
}
