/*
 * Tests of the HTML plugin through the registry, as the folio command uses
 * it: metadata and extraction on the project's own sample pages, charset
 * sniffing, the DOM-to-tree mapping, depth limits, the writer's output
 * parsed back by libxml2, the sanitizer against known XSS vectors, and
 * round trips through JSON and Markdown. Every document a reader makes
 * here goes through folio_doc_check.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <folio/folio.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

static folio_registry *registry;
static const folio_format *html;
static const folio_format *json;

static void setup(void)
{
    folio_error err;
    registry = folio_registry_new();
    ck_assert_ptr_nonnull(registry);
    ck_assert_int_eq(folio_registry_add_dir(registry, FOLIO_TEST_PLUGIN_DIR,
                                            &err),
                     FOLIO_OK);
    ck_assert_msg(folio_registry_find(registry, "html", FOLIO_ROLE_ANY, &html,
                                      &err) == FOLIO_OK,
                  "%s", err.message);
    ck_assert_msg(folio_registry_find(registry, "json", FOLIO_ROLE_ANY, &json,
                                      &err) == FOLIO_OK,
                  "%s", err.message);
}

static void teardown(void)
{
    folio_registry_free(registry);
    registry = NULL;
}

/* ---- Helpers ------------------------------------------------------------- */

/* Options from name/value pairs ending with NULL (NULL for none). */
static folio_options *options_of(const char *name, ...)
{
    folio_options *options = folio_options_new();
    ck_assert_ptr_nonnull(options);
    va_list args;
    va_start(args, name);
    for (const char *n = name; n != NULL; n = va_arg(args, const char *)) {
        const char *value = va_arg(args, const char *);
        ck_assert_int_eq(folio_options_set(options, n, value, NULL), FOLIO_OK);
    }
    va_end(args);
    return options;
}

static folio_doc *read_with(const folio_format *format, const char *data,
                            size_t len, const folio_options *options)
{
    folio_doc *doc = NULL;
    folio_error err;
    folio_error_clear(&err);
    folio_status status =
        folio_format_read(format, data, len, options, &doc, &err);
    ck_assert_msg(status == FOLIO_OK, "read failed at %lu:%lu: %s", err.line,
                  err.column, err.message);
    ck_assert_msg(folio_doc_check(doc, &err) == FOLIO_OK, "check: %s",
                  err.message);
    return doc;
}

static folio_doc *read_html(const char *text, const folio_options *options)
{
    return read_with(html, text, strlen(text), options);
}

/* A sample file's bytes (malloc'd), by its path under samples/. */
static char *sample(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", FOLIO_SAMPLES_DIR, name);
    char *data;
    folio_error err;
    ck_assert_msg(folio_file_read(path, 1 << 24, &data, len, &err) == FOLIO_OK,
                  "%s", err.message);
    return data;
}

static folio_doc *read_sample(const char *name, const folio_options *options)
{
    size_t len;
    char *data = sample(name, &len);
    folio_doc *doc = read_with(html, data, len, options);
    free(data);
    return doc;
}

/* What format writes of doc (malloc'd, NUL-terminated). */
static char *write_with(const folio_format *format, const folio_doc *doc,
                        const folio_options *options)
{
    folio_sink *sink = folio_sink_new_buffer();
    ck_assert_ptr_nonnull(sink);
    folio_error err;
    folio_status status = folio_format_write(format, doc, sink, options, &err);
    ck_assert_msg(status == FOLIO_OK, "write failed: %s", err.message);
    size_t len;
    const char *data = folio_sink_buffer(sink, &len);
    char *copy = strdup(data);
    ck_assert_ptr_nonnull(copy);
    folio_sink_free(sink);
    return copy;
}

static char *write_html(const folio_doc *doc, const folio_options *options)
{
    return write_with(html, doc, options);
}

/* The text of every TEXT and CODE node under node, in order, each piece
 * followed by a '|' so that tests can see the boundaries. */
static char *text_of(const folio_node *root)
{
    size_t cap = 1024, len = 0;
    char *out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    folio_node *node = (folio_node *)root;
    folio_walk_event event = FOLIO_WALK_NONE;
    while (folio_walk_next(root, &node, &event)) {
        folio_node_type type = folio_node_get_type(node);
        if (event != FOLIO_WALK_ENTER ||
            (type != FOLIO_NODE_TEXT && type != FOLIO_NODE_CODE &&
             type != FOLIO_NODE_CODE_BLOCK))
            continue;
        size_t n;
        const char *s = folio_node_literal(node, &n);
        while (len + n + 2 > cap) {
            cap *= 2;
            out = realloc(out, cap);
            ck_assert_ptr_nonnull(out);
        }
        memcpy(out + len, s, n);
        len += n;
        out[len++] = '|';
    }
    out[len] = '\0';
    return out;
}

static char *doc_text(const folio_doc *doc)
{
    return text_of(folio_doc_root(doc));
}

#define ck_assert_has(haystack, needle)                                      \
    ck_assert_msg(strstr((haystack), (needle)) != NULL,                      \
                  "'%s' not found in: %.2000s", (needle), (haystack))
#define ck_assert_hasnt(haystack, needle)                                    \
    ck_assert_msg(strstr((haystack), (needle)) == NULL,                      \
                  "'%s' found in: %.2000s", (needle), (haystack))

/* The nth node (from 0) of type under the root, or NULL. */
static folio_node *nth_node(const folio_doc *doc, folio_node_type type,
                            int nth)
{
    folio_node *root = folio_doc_root(doc);
    folio_node *node = root;
    folio_walk_event event = FOLIO_WALK_NONE;
    while (folio_walk_next(root, &node, &event))
        if (event == FOLIO_WALK_ENTER && folio_node_get_type(node) == type &&
            nth-- == 0)
            return node;
    return NULL;
}

static int count_nodes(const folio_doc *doc, folio_node_type type)
{
    int n = 0;
    while (nth_node(doc, type, n) != NULL)
        n++;
    return n;
}

static void ck_meta(const folio_doc *doc, const char *key, const char *want)
{
    const char *got = folio_meta_get_string(doc, key);
    ck_assert_msg(got != NULL, "no metadata '%s'", key);
    ck_assert_str_eq(got, want);
}

static void ck_meta_list(const folio_doc *doc, const char *key,
                         const char *const *want)
{
    const folio_value *list = folio_meta_get(doc, key);
    ck_assert_msg(list != NULL && folio_value_get_type(list) ==
                                      FOLIO_VALUE_LIST,
                  "metadata '%s' is not a list", key);
    size_t n = 0;
    while (want[n] != NULL)
        n++;
    ck_assert_uint_eq(folio_value_count(list), n);
    for (size_t i = 0; i < n; i++)
        ck_assert_str_eq(folio_value_string(folio_value_list_get(list, i),
                                            NULL),
                         want[i]);
}

/* libxml2's XML parser on what the writer wrote (a fragment is wrapped in
 * one element first): it must find no error at all. The caller frees the
 * result with xmlFreeDoc. */
static xmlDoc *parse_back(const char *written)
{
    bool page = strncmp(written, "<!DOCTYPE html>", 15) == 0;
    size_t len = strlen(written) + 32;
    char *text = malloc(len);
    ck_assert_ptr_nonnull(text);
    snprintf(text, len, page ? "%s" : "<div>%s</div>", written);
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    ck_assert_ptr_nonnull(ctxt);
    xmlDoc *doc = xmlCtxtReadMemory(
        ctxt, text, (int)strlen(text), NULL, "UTF-8",
        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    ck_assert_msg(doc != NULL && ctxt->wellFormed && ctxt->errNo == 0,
                  "libxml2 found error %d at line %d in:\n%.3000s",
                  ctxt->errNo, ctxt->input != NULL ? ctxt->input->line : 0,
                  text);
    xmlFreeParserCtxt(ctxt);
    free(text);
    return doc;
}

/* The same page through libxml2's HTML parser: no error either, but for
 * the HTML5 element names its HTML 4 tables do not know. */
static void parse_back_html(const char *written)
{
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    ck_assert_ptr_nonnull(ctxt);
    xmlDoc *doc = htmlCtxtReadMemory(
        ctxt, written, (int)strlen(written), NULL, "UTF-8",
        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    ck_assert_ptr_nonnull(doc);
    ck_assert_msg(ctxt->errNo == 0 || ctxt->errNo == XML_HTML_UNKNOWN_TAG,
                  "libxml2's HTML parser found error %d", ctxt->errNo);
    xmlFreeDoc(doc);
    htmlFreeParserCtxt(ctxt);
}

static void check_written(const char *written)
{
    xmlFreeDoc(parse_back(written));
    parse_back_html(written);
}

static const char *const html_samples[] = {
    "2025/05/quayside-cafe.html",
    "2025/05/twin-town-choir.html",
    "2025/07/allotment-society-award.html",
    "2025/07/tide-gauge-project.html",
    "2025/09/dunmore-line-timetable.html",
    "2025/09/museum-late-opening.txt",
    NULL,
};

/* ---- Detection ------------------------------------------------------------ */

START_TEST(test_probe)
{
    const folio_plugin *plugin = folio_format_plugin(html);
    ck_assert_ptr_nonnull(plugin->probe);
    const char *page = "  <!DOCTYPE html><html><body><p>x</p></body></html>";
    ck_assert_int_ge(plugin->probe(page, strlen(page)), 80);
    const char *upper = "<HTML><HEAD><TITLE>x</TITLE></HEAD></HTML>";
    ck_assert_int_ge(plugin->probe(upper, strlen(upper)), 80);
    const char *fragment = "<h2>Title</h2>\n<p>One</p>\n<p>Two</p>\n";
    ck_assert_int_ge(plugin->probe(fragment, strlen(fragment)), 60);
    const char *front = "---\ntitle: <b>x</b>\n---\n<p>a</p><p>b</p><div>";
    ck_assert_int_eq(plugin->probe(front, strlen(front)), 0);
    const char *object = "{\"folio\": 1, \"blocks\": [\"<p>\"]}";
    ck_assert_int_eq(plugin->probe(object, strlen(object)), 0);
    const char *prose = "Just some words.\nAnd more words, 1 < 2.\n";
    ck_assert_int_eq(plugin->probe(prose, strlen(prose)), 0);
    const char *markdown = "# Title\n\nSome *text* with a <br> in it.\n";
    ck_assert_int_le(plugin->probe(markdown, strlen(markdown)), 10);
}
END_TEST

START_TEST(test_page_saved_as_txt_is_detected)
{
    size_t len;
    char *data = sample("2025/09/museum-late-opening.txt", &len);
    const folio_format *found;
    folio_error err;
    ck_assert_int_eq(folio_registry_detect(registry, data, len, &found, &err),
                     FOLIO_OK);
    ck_assert_str_eq(folio_format_name(found), "html");
    folio_doc *doc = read_with(found, data, len, NULL);
    ck_meta(doc, "title", "Lindenford Museum to open late on Thursdays");
    ck_meta(doc, "date", "2025-09-12T16:20:00+01:00");
    ck_meta(doc, "lang", "en-GB");
    folio_node *list = nth_node(doc, FOLIO_NODE_LIST, 0);
    ck_assert_ptr_nonnull(list);
    ck_assert_uint_eq(folio_node_list_type(list), FOLIO_LIST_BULLET);
    int items = 0;
    for (folio_node *i = folio_node_first_child(list); i != NULL;
         i = folio_node_next(i))
        items++;
    ck_assert_int_eq(items, 4);
    char *text = doc_text(doc);
    ck_assert_has(text, "the town’s lost railway branch line");
    ck_assert_has(text, "a “bring your own object” night");
    ck_assert_hasnt(text, "Lindenford Today is a community news site");
    free(text);
    folio_doc_free(doc);
    free(data);
}
END_TEST

/* ---- Metadata and extraction on the samples ------------------------------ */

START_TEST(test_full_page_metadata)
{
    folio_doc *doc = read_sample("2025/09/dunmore-line-timetable.html", NULL);
    ck_meta(doc, "title",
            "Dunmore Valley line to get half-hourly trains from 7 September");
    ck_meta(doc, "date", "2025-09-01T07:00:00+01:00");
    ck_meta(doc, "modified", "2025-09-01T12:35:00+01:00");
    ck_meta(doc, "author", "Mared Lloyd-Hughes");
    ck_meta(doc, "description",
            "The regional rail operator has confirmed a new timetable for the "
            "Dunmore Valley line, doubling weekday services and keeping the "
            "early first train.");
    ck_meta(doc, "image", "https://cdn.dunmorevalleyherald.example/img/2025/"
                          "09/ashby-halt-loop-1200x630.jpg");
    ck_meta(doc, "lang", "en-GB");
    ck_meta(doc, "canonical_url",
            "https://www.dunmorevalleyherald.example/news/transport/2025/09/"
            "01/dunmore-valley-line-half-hourly-trains");
    ck_meta(doc, "site_name", "Dunmore Valley Herald");
    static const char *const tags[] = {"Rail", "Transport", "Dunmore", NULL};
    ck_meta_list(doc, "tags", tags);
    static const char *const categories[] = {"Transport", NULL};
    ck_meta_list(doc, "categories", categories);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_full_page_extraction)
{
    folio_doc *doc = read_sample("2025/09/dunmore-line-timetable.html", NULL);
    char *text = doc_text(doc);
    /* The article... */
    ck_assert_has(text, "Passengers on the Dunmore Valley line will get");
    ck_assert_has(text, "Printed timetables are available at staffed");
    ck_assert_has(text, "Helen Grisedale, the operator’s customer director");
    ck_assert_has(text, "“the most we have ever had for a single line”");
    ck_assert_has(text, "Rail Users' Group");
    /* ...without the chrome around it. */
    static const char *const chrome[] = {
        "We use cookies", "Skip to content", "News from the valley",
        "Search the Herald", "Copy link", "Read more:", "Related stories",
        "Most read", "All rights reserved", "Link copied", "1 < 2",
        "Subscribe", "Dunmore Valley line to get half-hourly trains", NULL,
    };
    for (size_t i = 0; chrome[i] != NULL; i++)
        ck_assert_hasnt(text, chrome[i]);
    free(text);

    /* The lazy image takes its real source. */
    folio_node *image = nth_node(doc, FOLIO_NODE_IMAGE, 0);
    ck_assert_ptr_nonnull(image);
    ck_assert_str_eq(folio_node_url(image, NULL),
                     "https://cdn.dunmorevalleyherald.example/img/2025/09/"
                     "ashby-halt-loop-800.jpg");
    ck_assert_int_eq(count_nodes(doc, FOLIO_NODE_IMAGE), 1);

    /* The table, with its header and alignments, in a figure with its
     * caption. */
    folio_node *table = nth_node(doc, FOLIO_NODE_TABLE, 0);
    ck_assert_ptr_nonnull(table);
    ck_assert_int_eq(folio_node_table_columns(table), 4);
    ck_assert_int_eq(folio_node_table_alignment(table, 0), FOLIO_ALIGN_LEFT);
    ck_assert_int_eq(folio_node_table_alignment(table, 1), FOLIO_ALIGN_RIGHT);
    folio_node *head = folio_node_first_child(table);
    ck_assert(folio_node_row_is_header(head));
    ck_assert(!folio_node_row_is_header(folio_node_next(head)));
    folio_node *figure = folio_node_parent(table);
    ck_assert_int_eq(folio_node_get_type(figure), FOLIO_NODE_FIGURE);
    char *caption = text_of(folio_node_last_child(figure));
    ck_assert_str_eq(caption, "Dunmore Valley line: main timetable changes|");
    free(caption);

    /* The quotation keeps its attribution. */
    folio_node *quote = nth_node(doc, FOLIO_NODE_BLOCK_QUOTE, 0);
    ck_assert_ptr_nonnull(quote);
    char *quoted = text_of(quote);
    ck_assert_has(quoted, "Ten passengers is not nothing to us.");
    ck_assert_has(quoted, "— Fellside parish council");
    free(quoted);
    ck_assert_int_eq(count_nodes(doc, FOLIO_NODE_HEADING), 1);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_no_extract_keeps_the_body)
{
    folio_options *options = options_of("no-extract", "true", NULL);
    folio_doc *doc = read_sample("2025/09/dunmore-line-timetable.html", options);
    char *text = doc_text(doc);
    ck_assert_has(text, "We use cookies");
    ck_assert_has(text, "Related stories");
    ck_assert_has(text, "Passengers on the Dunmore Valley line will get");
    /* Scripts and styles are never text. */
    ck_assert_hasnt(text, "Link copied");
    ck_assert_hasnt(text, "cookie-banner{");
    free(text);
    folio_doc_free(doc);
    folio_options_free(options);
}
END_TEST

START_TEST(test_utf8_page_without_declaration)
{
    folio_doc *doc = read_sample("2025/05/twin-town-choir.html", NULL);
    ck_meta(doc, "title",
            "Twin-town choir brings “Chansons de la côte” to Lindenford");
    ck_meta(doc, "author", "Hélène Marsh");
    ck_meta(doc, "lang", "en");
    ck_meta(doc, "description",
            "Forty singers from Saint-Valéry-sur-Orne and a brass band from "
            "Bad Kühlingen visit Lindenford for the twinning association’s "
            "40th anniversary.");
    char *text = doc_text(doc);
    ck_assert_has(text, "The Chœur de la Côte");
    ck_assert_has(text, "Jürgen Höfle");
    ck_assert_has(text, "Tickets for Saturday’s concert cost £8");
    ck_assert_hasnt(text, "Ã");
    ck_assert_hasnt(text, "© 2025 Lindenford Twinning Association");
    free(text);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_windows_1252_page_declared_latin1)
{
    folio_doc *doc = read_sample("2025/05/quayside-cafe.html", NULL);
    ck_meta(doc, "title", "Quayside Café changes hands after 31 years");
    ck_meta(doc, "description", "Émile and Bridget Rousseau hand over the "
                                "keys of the Quayside Café to their head "
                                "cook.");
    char *text = doc_text(doc);
    ck_assert_has(text, "“Kerensa knows the place better than we do,”");
    ck_assert_has(text, "which ones pretend they don’t");
    ck_assert_has(text, "breakfast – two eggs, no beans – for 28 years");
    ck_assert_has(text, "£7.50");
    ck_assert_has(text, "½ price…");
    /* No C1 control (a literal ISO-8859-1 decode) anywhere. */
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        ck_assert_msg(!(p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F),
                      "a C1 control in the text");
    /* The layout table is not a table, and the page's heading repeats the
     * title. */
    ck_assert_int_eq(count_nodes(doc, FOLIO_NODE_TABLE), 0);
    ck_assert_int_eq(count_nodes(doc, FOLIO_NODE_HEADING), 0);
    ck_assert_has(text, "After 31 years of bacon rolls");
    free(text);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_div_soup_page)
{
    folio_doc *doc = read_sample("2025/07/allotment-society-award.html", NULL);
    ck_meta(doc, "title",
            "Marrowgate allotments win county shield for first time");
    char *text = doc_text(doc);
    ck_assert_has(text, "Marrowgate Allotment Society has won the county's");
    ck_assert_has(text, "Best Kept Allotment Site");
    ck_assert_has(text, "does not do the weeding for you.");
    static const char *const chrome[] = {
        "Your town. Your paper.", "Family notices", "Marrowgate: 19",
        "Bypass roadworks", "Advertise in the Mercury", "0 Comments",
        "Log in to comment", "Powered by", "Next >", NULL,
    };
    for (size_t i = 0; chrome[i] != NULL; i++)
        ck_assert_hasnt(text, chrome[i]);
    free(text);
    /* <br />s inside paragraphs are line breaks; empty &nbsp; paragraphs
     * are gone. */
    ck_assert_int_ge(count_nodes(doc, FOLIO_NODE_LINE_BREAK), 4);
    for (folio_node *p = folio_node_first_child(folio_doc_root(doc));
         p != NULL; p = folio_node_next(p))
        ck_assert_ptr_nonnull(folio_node_first_child(p));
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_fragment_is_read_as_it_is)
{
    folio_doc *doc = read_sample("2025/07/tide-gauge-project.html", NULL);
    folio_node *first = folio_node_first_child(folio_doc_root(doc));
    ck_assert_int_eq(folio_node_get_type(first), FOLIO_NODE_HEADING);
    ck_assert_int_eq(folio_node_heading_level(first), 2);
    char *title = text_of(first);
    ck_assert_str_eq(title, "Sixth-formers build a working tide gauge from a "
                            "drainpipe and a £12 sensor|");
    free(title);
    ck_meta(doc, "date", "2025-07-19");
    ck_assert_ptr_null(folio_meta_get(doc, "title"));

    /* The figure keeps its caption, credit included. */
    folio_node *figure = nth_node(doc, FOLIO_NODE_FIGURE, 0);
    ck_assert_ptr_nonnull(figure);
    folio_node *caption = folio_node_last_child(figure);
    ck_assert_int_eq(folio_node_get_type(caption), FOLIO_NODE_CAPTION);
    char *words = text_of(caption);
    ck_assert_has(words, "Photo: Kestrel Harbour Community College");
    free(words);
    folio_node *image = nth_node(doc, FOLIO_NODE_IMAGE, 0);
    ck_assert_str_eq(folio_node_url(image, NULL),
                     "/media/2025/07/tide-gauge-pier.jpg");

    /* The code block, with its language, escapes decoded, indentation and
     * the final newline kept. */
    folio_node *code = nth_node(doc, FOLIO_NODE_CODE_BLOCK, 0);
    ck_assert_ptr_nonnull(code);
    ck_assert_str_eq(folio_node_code_info(code, NULL), "python");
    const char *literal = folio_node_literal(code, NULL);
    ck_assert(strncmp(literal, "SURGE_LIMIT = 0.15  # metres\n\ndef check(", 40) == 0);
    ck_assert_has(literal, "\n    if abs(diff) < SURGE_LIMIT:\n");
    ck_assert_has(literal, "return \"surge & high water\"\n");
    static const char last[] = "    return \"check sensor (gull?)\"\n";
    ck_assert_str_eq(literal + strlen(literal) - strlen(last), last);

    /* The table: a header row, four columns, alignments, its caption. */
    folio_node *table = nth_node(doc, FOLIO_NODE_TABLE, 0);
    ck_assert_int_eq(folio_node_table_columns(table), 4);
    ck_assert_int_eq(folio_node_table_alignment(table, 0), FOLIO_ALIGN_NONE);
    ck_assert_int_eq(folio_node_table_alignment(table, 1), FOLIO_ALIGN_RIGHT);
    ck_assert_int_eq(folio_node_table_alignment(table, 3), FOLIO_ALIGN_CENTER);
    ck_assert(folio_node_row_is_header(folio_node_first_child(table)));
    ck_assert_int_eq(count_nodes(doc, FOLIO_NODE_TABLE_ROW), 4);
    folio_node *table_figure = folio_node_parent(table);
    ck_assert_int_eq(folio_node_get_type(table_figure), FOLIO_NODE_FIGURE);

    char *text = doc_text(doc);
    ck_assert_has(text, "“The drainpipe is the clever bit, and it wasn’t our "
                        "idea,”");
    ck_assert_has(text, "By Cerys Penrose · 19 July 2025");
    free(text);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_json_ld_and_fallbacks)
{
    folio_doc *doc = read_html(
        "<html><head><title>Ignored | Site</title>"
        "<meta name=\"keywords\" content=\"one, two ,three\">"
        "<script type=\"application/ld+json\">{\"@graph\": [{\"@type\": "
        "\"WebPage\"}, {\"@type\": [\"BlogPosting\"], \"headline\": \"From "
        "LD\", \"datePublished\": \"2024-01-02\", \"author\": [{\"name\": "
        "\"A One\"}, \"B Two\"], \"image\": {\"url\": \"/i.png\"}, "
        "\"publisher\": {\"name\": \"The Site\"}, \"url\": "
        "\"https://site.example/post\"}]}</script>"
        "<script type=\"application/ld+json\">{broken</script>"
        "</head><body><article><p>Hello there, this is the text.</p>"
        "</article></body></html>",
        NULL);
    ck_meta(doc, "title", "From LD");
    ck_meta(doc, "date", "2024-01-02");
    static const char *const authors[] = {"A One", "B Two", NULL};
    ck_meta_list(doc, "author", authors);
    ck_meta(doc, "image", "https://site.example/i.png");
    ck_meta(doc, "site_name", "The Site");
    ck_meta(doc, "canonical_url", "https://site.example/post");
    static const char *const tags[] = {"one", "two", "three", NULL};
    ck_meta_list(doc, "tags", tags);
    folio_doc_free(doc);

    /* No metadata but a <title> with a site name and an <h1>. */
    doc = read_html("<html><head><title>A long headline about things - "
                    "Daily Thing</title></head><body><h1>Daily Thing</h1>"
                    "<p>Body text here.</p></body></html>",
                    NULL);
    ck_meta(doc, "title", "A long headline about things");
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_links_resolve_against_base)
{
    static const char page[] =
        "<html><head><link rel=canonical href=\"https://news.example/a/b\">"
        "</head><body><p><a href=\"../c?x=1&amp;y=2\" title=\"T\">link</a> "
        "<a href=\"#note\">note</a> <a href=\"javascript:alert(1)\">js</a> "
        "<img src=\"/i/x.png\" alt=\"An  image\"></p></body></html>";
    folio_options *options = options_of("no-extract", "true", NULL);
    folio_doc *doc = read_html(page, options);
    folio_node *link = nth_node(doc, FOLIO_NODE_LINK, 0);
    ck_assert_str_eq(folio_node_url(link, NULL), "https://news.example/c?x=1&y=2");
    ck_assert_str_eq(folio_node_title(link, NULL), "T");
    ck_assert_str_eq(folio_node_url(nth_node(doc, FOLIO_NODE_LINK, 1), NULL),
                     "#note");
    /* A script is not a link: its text stays, as text. */
    ck_assert_int_eq(count_nodes(doc, FOLIO_NODE_LINK), 2);
    char *text = doc_text(doc);
    ck_assert_has(text, " js ");
    free(text);
    folio_node *image = nth_node(doc, FOLIO_NODE_IMAGE, 0);
    ck_assert_str_eq(folio_node_url(image, NULL), "https://news.example/i/x.png");
    char *alt = text_of(image);
    ck_assert_str_eq(alt, "An image|");
    free(alt);
    folio_doc_free(doc);
    folio_options_free(options);

    /* --base-url wins over the page. */
    options = options_of("no-extract", "true", "base-url",
                         "http://mirror.example/dir/", NULL);
    doc = read_html(page, options);
    ck_assert_str_eq(folio_node_url(nth_node(doc, FOLIO_NODE_LINK, 0), NULL),
                     "http://mirror.example/c?x=1&y=2");
    folio_doc_free(doc);
    folio_options_free(options);

    /* So does <base> over the canonical URL. */
    doc = read_html("<html><head><base href=\"https://cdn.example/x/\">"
                    "<link rel=canonical href=\"https://news.example/\">"
                    "</head><body><p><a href=\"y\">y</a></p></body></html>",
                    NULL);
    ck_assert_str_eq(folio_node_url(nth_node(doc, FOLIO_NODE_LINK, 0), NULL),
                     "https://cdn.example/x/y");
    folio_doc_free(doc);
}
END_TEST

/* ---- Encodings -------------------------------------------------------------- */

static char *text_of_bytes(const char *data, size_t len, const char *encoding)
{
    folio_options *options =
        encoding != NULL ? options_of("encoding", encoding, NULL) : NULL;
    folio_doc *doc = read_with(html, data, len, options);
    char *text = doc_text(doc);
    folio_doc_free(doc);
    folio_options_free(options);
    return text;
}

START_TEST(test_encoding_sniffing)
{
    /* windows-1252 bytes, undeclared: not UTF-8, so windows-1252. */
    static const char cp1252[] = "<p>caf\xE9 \x93quoted\x94 \x80 \x81</p>";
    char *text = text_of_bytes(cp1252, sizeof cp1252 - 1, NULL);
    ck_assert_str_eq(text, "café “quoted” € \xC2\x81|");
    free(text);
    /* A <meta> declaration wins over the bytes' look. */
    static const char declared[] =
        "<meta http-equiv=\"Content-Type\" content=\"text/html; "
        "charset=ISO-8859-1\"><p>\xC3\xA9</p>";
    text = text_of_bytes(declared, sizeof declared - 1, NULL);
    ck_assert_str_eq(text, "Ã©|");
    free(text);
    /* ...unless commented out. */
    static const char commented[] =
        "<!-- <meta charset=koi8-r> --><p>\xC3\xA9</p>";
    text = text_of_bytes(commented, sizeof commented - 1, NULL);
    ck_assert_str_eq(text, "é|");
    free(text);
    /* Other charsets go through iconv. */
    static const char koi8[] = "<meta charset=\"koi8-r\"><p>\xF0\xD2\xC9</p>";
    text = text_of_bytes(koi8, sizeof koi8 - 1, NULL);
    ck_assert_str_eq(text, "При|");
    free(text);
    /* A byte-order mark: UTF-16. */
    static const char utf16[] = "\xFF\xFE<\0p\0>\0\xE9\0=\xD8\x00\xDE<\0/\0p\0>\0";
    text = text_of_bytes(utf16, sizeof utf16 - 1, NULL);
    ck_assert_str_eq(text, "é\xF0\x9F\x98\x80|");
    free(text);
    /* --encoding overrides everything. */
    static const char utf8[] = "<meta charset=utf-8><p>\xC3\xA9</p>";
    text = text_of_bytes(utf8, sizeof utf8 - 1, "windows-1252");
    ck_assert_str_eq(text, "Ã©|");
    free(text);
    /* NUL and broken UTF-8 in a UTF-8 page become U+FFFD, not an end. */
    static const char broken[] = "<meta charset=utf-8><p>a\0b\xC3(c</p>";
    text = text_of_bytes(broken, sizeof broken - 1, NULL);
    ck_assert_str_eq(text, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD(c|");
    free(text);

    folio_options *options = options_of("encoding", "no-such-thing", NULL);
    folio_doc *doc = NULL;
    folio_error err;
    ck_assert_int_eq(folio_format_read(html, "<p>x</p>", 8, options, &doc, &err),
                     FOLIO_ERR_ARGUMENT);
    ck_assert_ptr_null(doc);
    ck_assert_has(err.message, "no-such-thing");
    folio_options_free(options);
}
END_TEST

/* ---- The DOM-to-tree mapping --------------------------------------------- */

START_TEST(test_whitespace_and_inlines)
{
    folio_doc *doc = read_html(
        "<p>  Some\n  <em>emphasis </em> and<b> strong</b>,"
        " <a href=\"/x\"><i>nested</i> link</a> and <code> a  code </code>"
        "<br>after&nbsp;a break <del>gone</del> H<sub>2</sub>O.  </p>",
        NULL);
    char *text = doc_text(doc);
    ck_assert_str_eq(text, "Some |emphasis| and |strong|, |nested| link| and "
                           "|a code|after\xC2\xA0" "a break |gone| H|2|O.|");
    free(text);
    folio_node *paragraph = folio_node_first_child(folio_doc_root(doc));
    ck_assert_int_eq(folio_node_get_type(paragraph), FOLIO_NODE_PARAGRAPH);
    ck_assert_int_eq(count_nodes(doc, FOLIO_NODE_EMPH), 2);
    ck_assert_int_eq(count_nodes(doc, FOLIO_NODE_STRONG), 1);
    ck_assert_int_eq(count_nodes(doc, FOLIO_NODE_STRIKETHROUGH), 1);
    ck_assert_int_eq(count_nodes(doc, FOLIO_NODE_LINE_BREAK), 1);
    ck_assert_int_eq(count_nodes(doc, FOLIO_NODE_HTML_INLINE), 2);
    ck_assert_str_eq(folio_node_literal(nth_node(doc, FOLIO_NODE_HTML_INLINE, 0),
                                        NULL),
                     "<sub>");
    folio_node *link = nth_node(doc, FOLIO_NODE_LINK, 0);
    ck_assert_int_eq(folio_node_get_type(folio_node_first_child(link)),
                     FOLIO_NODE_EMPH);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_blocks_inside_inlines)
{
    /* A link around blocks reappears in each; text around blocks makes
     * paragraphs; two <br> end a paragraph. */
    folio_doc *doc = read_html(
        "<div>before<a href=\"/card\"><div>one</div><div><b>two</b></div></a>"
        "after<br><br>next</div>",
        NULL);
    ck_assert_int_eq(count_nodes(doc, FOLIO_NODE_PARAGRAPH), 5);
    ck_assert_int_eq(count_nodes(doc, FOLIO_NODE_LINK), 2);
    char *text = doc_text(doc);
    ck_assert_str_eq(text, "before|one|two|after|next|");
    free(text);
    folio_doc_free(doc);

    /* A heading keeps what a <div> inside it says, with a space. */
    doc = read_html("<h3>Top<div>line</div></h3><p><img src=a.png></p>", NULL);
    char *heading = text_of(nth_node(doc, FOLIO_NODE_HEADING, 0));
    ck_assert_str_eq(heading, "Top line|");
    free(heading);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_lists)
{
    folio_doc *doc = read_html(
        "<ol start=\"3\"><li>three</li><li>four<ul><li>nested</li></ul></li>"
        "</ol><ul><li><p>loose</p></li><li><p>list</p></li></ul>"
        "<li>stray</li><li>items</li>",
        NULL);
    folio_node *ordered = nth_node(doc, FOLIO_NODE_LIST, 0);
    ck_assert_int_eq(folio_node_list_type(ordered), FOLIO_LIST_ORDERED);
    ck_assert_int_eq(folio_node_list_start(ordered), 3);
    ck_assert(folio_node_list_tight(ordered));
    folio_node *nested = nth_node(doc, FOLIO_NODE_LIST, 1);
    ck_assert_int_eq(folio_node_get_type(folio_node_parent(nested)),
                     FOLIO_NODE_ITEM);
    folio_node *loose = nth_node(doc, FOLIO_NODE_LIST, 2);
    ck_assert(!folio_node_list_tight(loose));
    folio_node *stray = nth_node(doc, FOLIO_NODE_LIST, 3);
    ck_assert_ptr_nonnull(stray);
    ck_assert_int_eq(folio_node_list_type(stray), FOLIO_LIST_BULLET);
    ck_assert_int_eq(count_nodes(doc, FOLIO_NODE_LIST), 4);
    ck_assert_int_eq(count_nodes(doc, FOLIO_NODE_ITEM), 7);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_tables)
{
    folio_doc *doc = read_html(
        "<table><tr><th>a</th><th style=\"text-align: right\">b</th></tr>"
        "<tr><td colspan=2><p>wide</p></td></tr>"
        "<tr><td><p>one</p><p>two</p></td><td>x</td></tr></table>"
        /* A layout table of one column is not a table. */
        "<table><tr><td><p>layout</p></td></tr><tr><td>more</td></tr></table>",
        NULL);
    ck_assert_int_eq(count_nodes(doc, FOLIO_NODE_TABLE), 1);
    folio_node *table = nth_node(doc, FOLIO_NODE_TABLE, 0);
    ck_assert_int_eq(folio_node_table_columns(table), 2);
    ck_assert_int_eq(folio_node_table_alignment(table, 1), FOLIO_ALIGN_RIGHT);
    ck_assert(folio_node_row_is_header(folio_node_first_child(table)));
    /* A cell of one paragraph holds its inlines; the span adds a cell. */
    folio_node *wide = nth_node(doc, FOLIO_NODE_TABLE_CELL, 2);
    ck_assert_int_eq(folio_node_get_type(folio_node_first_child(wide)),
                     FOLIO_NODE_TEXT);
    ck_assert_ptr_nonnull(folio_node_next(wide));
    folio_node *blocks = nth_node(doc, FOLIO_NODE_TABLE_CELL, 4);
    ck_assert_int_eq(folio_node_get_type(folio_node_first_child(blocks)),
                     FOLIO_NODE_PARAGRAPH);
    char *text = doc_text(doc);
    ck_assert_has(text, "layout|more|");
    free(text);
    folio_doc_free(doc);
}
END_TEST

/* ---- Limits --------------------------------------------------------------- */

static char *nested(const char *open, const char *inner, const char *close,
                    int depth)
{
    size_t o = strlen(open), c = strlen(close), i = strlen(inner);
    char *s = malloc((o + c) * (size_t)depth + i + 1);
    ck_assert_ptr_nonnull(s);
    char *p = s;
    for (int k = 0; k < depth; k++, p += o)
        memcpy(p, open, o);
    memcpy(p, inner, i);
    p += i;
    for (int k = 0; k < depth; k++, p += c)
        memcpy(p, close, c);
    *p = '\0';
    return s;
}

START_TEST(test_deep_nesting)
{
    /* 100,000 levels of <div>: no node of their own, so no depth. */
    char *divs = nested("<div>", "deep", "</div>", 100000);
    folio_doc *doc = read_html(divs, NULL);
    char *text = doc_text(doc);
    ck_assert_str_eq(text, "deep|");
    free(text);
    folio_doc_free(doc);
    free(divs);

    /* 100,000 levels of quotation or emphasis: over max-depth. */
    static const char *const tags[][2] = {
        {"<blockquote>", "</blockquote>"}, {"<em>", "</em>"},
        {"<ul><li>", "</li></ul>"},
    };
    for (size_t t = 0; t < 3; t++) {
        char *deep = nested(tags[t][0], "x", tags[t][1], 100000);
        folio_doc *out = NULL;
        folio_error err;
        ck_assert_int_eq(folio_format_read(html, deep, strlen(deep), NULL,
                                           &out, &err),
                         FOLIO_ERR_LIMIT);
        ck_assert_ptr_null(out);
        ck_assert_has(err.message, "512");
        free(deep);
    }
    /* Within the limit, it is a tree. */
    folio_options *options = options_of("max-depth", "100", NULL);
    char *quotes = nested("<blockquote>", "x", "</blockquote>", 90);
    doc = read_with(html, quotes, strlen(quotes), options);
    ck_assert_int_eq(count_nodes(doc, FOLIO_NODE_BLOCK_QUOTE), 90);
    folio_doc_free(doc);
    free(quotes);
    folio_options_free(options);
}
END_TEST

/* s repeated count times, then tail, in a new string. */
static char *repeated(const char *head, const char *s, int count,
                      const char *tail)
{
    size_t h = strlen(head), n = strlen(s), t = strlen(tail);
    char *out = malloc(h + n * (size_t)count + t + 1);
    ck_assert_ptr_nonnull(out);
    memcpy(out, head, h);
    for (int i = 0; i < count; i++)
        memcpy(out + h + n * (size_t)i, s, n);
    memcpy(out + h + n * (size_t)count, tail, t + 1);
    return out;
}

START_TEST(test_long_page_read_in_parts)
{
    /* The parser reads a page a few KiB at a time: what straddles its
     * reads (two-byte characters, whitespace runs, a long attribute)
     * comes out whole, and the words of one long text node keep single
     * spaces between them. */
    char *url = repeated("https://example.com/", "x", 9000, "");
    char *tail = repeated("</p><p><a href=\"", url, 1, "\">link</a></p>");
    char *page = repeated("<html><body><p>", "\xC3\xA9 \n\t ", 20000, tail);
    folio_options *options = options_of("no-extract", "true", NULL);
    folio_doc *doc = read_html(page, options);
    char *words = repeated("", "\xC3\xA9 ", 19999, "\xC3\xA9|link|");
    char *text = doc_text(doc);
    ck_assert_str_eq(text, words);
    ck_assert_str_eq(folio_node_url(nth_node(doc, FOLIO_NODE_LINK, 0), NULL),
                     url);
    free(text);
    free(words);
    folio_doc_free(doc);
    folio_options_free(options);
    free(page);
    free(tail);
    free(url);
}
END_TEST

START_TEST(test_writer_on_a_deep_tree)
{
    folio_doc *doc = folio_doc_new();
    ck_assert_ptr_nonnull(doc);
    folio_node *parent = folio_doc_root(doc);
    for (int i = 0; i < 100000; i++) {
        folio_node *quote = folio_node_new(doc, FOLIO_NODE_BLOCK_QUOTE);
        ck_assert_int_eq(folio_node_append(parent, quote, NULL), FOLIO_OK);
        parent = quote;
    }
    char *out = write_html(doc, NULL);
    ck_assert_uint_eq(strlen(out), 100000 * strlen("<blockquote>\n</blockquote>\n"));
    free(out);
    folio_doc_free(doc);
}
END_TEST

/* ---- The writer ------------------------------------------------------------ */

/* A document with every kind of node and text that needs escaping. */
static folio_doc *every_node(void)
{
    folio_doc *doc = read_html(
        "<h1>Title &amp; \"quotes\" &lt;tag&gt;</h1>"
        "<p>Text with <em>em</em>, <strong>strong</strong>, <del>del</del>, "
        "<code>a &lt; b</code>, a <a href=\"https://x.example/?a=1&amp;b='2'\" "
        "title='say \"hi\"'>link</a>, an <img src=\"i mg.png\" alt=\"a &amp; "
        "b\" title=\"t\">, H<sup>2</sup>, ]]&gt; -- and a break<br>here.</p>"
        "<blockquote><p>Quoted</p></blockquote>"
        "<ol start=\"7\"><li>seven</li><li><p>loose</p><p>item</p></li></ol>"
        "<ul><li>bullet</li></ul>"
        "<pre><code class=\"language-c\">if (a &lt; b &amp;&amp; c) {}\n</code></pre>"
        "<hr>"
        "<table><caption>Cap</caption><thead><tr><th align=center>h</th>"
        "<th>i</th></tr></thead><tbody><tr><td>1</td><td><p>x</p><p>y</p></td>"
        "</tr></tbody></table>"
        "<figure><img src=\"f.jpg\" alt=\"\"><figcaption>Fig</figcaption>"
        "</figure>",
        NULL);
    folio_meta_set_string(doc, "title", "A <title> & \"more\"", 18, NULL);
    folio_meta_set_string(doc, "author", "Ann", 3, NULL);
    folio_meta_set_string(doc, "lang", "en\"><script>", 12, NULL);
    folio_meta_set_string(doc, "canonical_url", "https://x.example/a b", 21, NULL);
    folio_node *raw = folio_node_new(doc, FOLIO_NODE_HTML_BLOCK);
    folio_node_set_literal(raw, "<div class=\"x\"><p>raw</p>", 25, NULL);
    folio_node_append(folio_doc_root(doc), raw, NULL);
    /* Text may hold NUL and controls, which HTML may not. */
    folio_node *paragraph = folio_node_new(doc, FOLIO_NODE_PARAGRAPH);
    folio_node *text = folio_node_new(doc, FOLIO_NODE_TEXT);
    folio_node_set_literal(text, "nul\0bell\a.", 10, NULL);
    folio_node_append(paragraph, text, NULL);
    folio_node_append(folio_doc_root(doc), paragraph, NULL);
    return doc;
}

START_TEST(test_output_parses_back)
{
    folio_options *standalone = options_of("standalone", "true", NULL);
    folio_doc *doc = every_node();
    char *fragment = write_html(doc, NULL);
    check_written(fragment);
    ck_assert_has(fragment, "<h1>Title &amp; &quot;quotes&quot; &lt;tag&gt;</h1>");
    ck_assert_has(fragment, "<a href=\"https://x.example/?a=1&amp;b=&#x27;2&#x27;\" "
                            "title=\"say &quot;hi&quot;\">link</a>");
    ck_assert_has(fragment, "<img src=\"i%20mg.png\" alt=\"a &amp; b\" title=\"t\" />");
    ck_assert_has(fragment, "<ol start=\"7\">\n<li>\n<p>seven</p>\n</li>\n"
                            "<li>\n<p>loose</p>");
    ck_assert_has(fragment, "<pre><code class=\"language-c\">if (a &lt; b "
                            "&amp;&amp; c) {}\n</code></pre>");
    ck_assert_has(fragment, "<th align=\"center\">h</th>");
    ck_assert_has(fragment, "<figcaption>Cap</figcaption>");
    ck_assert_has(fragment, "<br />\n");
    ck_assert_has(fragment, "<sup>2</sup>");
    ck_assert_has(fragment, "<div class=\"x\"><p>raw</p></div>");
    ck_assert_has(fragment, "<p>nul\xEF\xBF\xBD" "bell\xEF\xBF\xBD.</p>");
    free(fragment);

    char *page = write_html(doc, standalone);
    check_written(page);
    ck_assert(strncmp(page, "<!DOCTYPE html>\n<html lang=\"en&quot;&gt;&lt;script&gt;\">", 55) == 0);
    ck_assert_has(page, "<meta charset=\"utf-8\" />");
    ck_assert_has(page, "<title>A &lt;title&gt; &amp; &quot;more&quot;</title>");
    ck_assert_has(page, "<meta property=\"og:title\" content=\"A &lt;title&gt; "
                        "&amp; &quot;more&quot;\" />");
    ck_assert_has(page, "<meta name=\"author\" content=\"Ann\" />");
    ck_assert_has(page, "<link rel=\"canonical\" href=\"https://x.example/a%20b\" />");
    ck_assert_has(page, "<style>");
    ck_assert_has(page, "<article>\n<header>\n<h1>A &lt;title&gt;");
    free(page);
    folio_doc_free(doc);
    folio_options_free(standalone);

    /* --css replaces the built-in style. */
    folio_options *css = options_of("standalone", "true", "css",
                                    "https://css.example/a.css?v=1&x", NULL);
    doc = read_html("<p>x</p>", NULL);
    page = write_html(doc, css);
    check_written(page);
    ck_assert_has(page, "<link rel=\"stylesheet\" "
                        "href=\"https://css.example/a.css?v=1&amp;x\" />");
    ck_assert_hasnt(page, "<style>");
    ck_assert_has(page, "<title>Untitled</title>");
    free(page);
    folio_doc_free(doc);
    folio_options_free(css);
}
END_TEST

START_TEST(test_samples_parse_back)
{
    folio_options *standalone = options_of("standalone", "true", NULL);
    folio_options *whole = options_of("no-extract", "true", NULL);
    for (size_t i = 0; html_samples[i] != NULL; i++) {
        for (int extract = 0; extract < 2; extract++) {
            folio_doc *doc = read_sample(html_samples[i], extract ? NULL : whole);
            char *fragment = write_html(doc, NULL);
            char *page = write_html(doc, standalone);
            check_written(fragment);
            check_written(page);
            free(fragment);
            free(page);
            folio_doc_free(doc);
        }
    }
    folio_options_free(standalone);
    folio_options_free(whole);
}
END_TEST

/* A sink that fails on its third chunk. */
static folio_status failing_sink(void *context, const char *data, size_t len,
                                 folio_error *err)
{
    (void)data;
    (void)len;
    int *calls = context;
    if (++*calls >= 3)
        return folio_error_set(err, FOLIO_ERR_IO, "disk full");
    return FOLIO_OK;
}

START_TEST(test_failing_sink)
{
    folio_doc *doc = read_sample("2025/09/dunmore-line-timetable.html", NULL);
    folio_options *standalone = options_of("standalone", "true", NULL);
    int calls = 0;
    folio_sink *sink = folio_sink_new(failing_sink, &calls);
    folio_error err;
    /* Enough output to need several chunks. */
    folio_status status = FOLIO_OK;
    for (int i = 0; i < 20 && status == FOLIO_OK; i++)
        status = folio_format_write(html, doc, sink, standalone, &err);
    ck_assert_int_eq(status, FOLIO_ERR_IO);
    ck_assert_has(err.message, "disk full");
    folio_sink_free(sink);
    folio_options_free(standalone);
    folio_doc_free(doc);
}
END_TEST

/* ---- The sanitizer ---------------------------------------------------------- */

/* Known XSS vectors (from the OWASP cheat sheet, html5sec.org and the
 * DOMPurify tests), each tried as a raw block and as raw inline HTML. */
static const char *const vectors[] = {
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//xss.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    "<a href=\"java\nscript:alert(1)\">x</a>",
    "<a href=\"  JAVASCRIPT:alert(1)\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<form action=\"javascript:alert(1)\"><input type=submit></form>",
    "<button formaction=\"javascript:alert(1)\">x</button>",
    "<style>@import 'http://xss.example/x.css';</style>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<link rel=stylesheet href=\"javascript:alert(1)\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=\"alert(1)\"></video>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<p title=\"</p><script>alert(1)</script>\">x</p>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<textarea><script>alert(1)</script></textarea>",
    "<title><img src=x onerror=alert(1)></title>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<xmp><script>alert(1)</script></xmp>",
    "<a href=\"&#x6A;avascript&#x3A;alert(1)\">x</a>",
    "<a href=\"javascript&colon;alert(1)\">x</a>",
    "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
    "<template><script>alert(1)</script></template>",
    "<isindex action=javascript:alert(1) type=image>",
    "<a href=x onmouseover=alert(1)>x</a>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<img \"\"\"><script>alert(1)</script>\">",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    NULL,
};

static bool dangerous_url(const char *value)
{
    char squeezed[256];
    size_t n = 0;
    for (const char *p = value; *p != '\0' && n + 1 < sizeof squeezed; p++)
        if ((unsigned char)*p > 0x20)
            squeezed[n++] = *p;
    squeezed[n] = '\0';
    return strncasecmp(squeezed, "javascript:", 11) == 0 ||
           strncasecmp(squeezed, "vbscript:", 9) == 0 ||
           (strncasecmp(squeezed, "data:", 5) == 0 &&
            strncasecmp(squeezed, "data:image/png", 14) != 0 &&
            strncasecmp(squeezed, "data:image/gif", 14) != 0 &&
            strncasecmp(squeezed, "data:image/jpeg", 15) != 0);
}

/* Fails if the parsed output holds anything that can run script. */
static void assert_harmless(xmlDoc *dom, const char *vector)
{
    static const char *const banned[] = {
        "script", "style", "iframe", "object", "embed", "form", "svg",
        "math", "base", "link", "meta", "input", "button", "textarea",
        "noscript", "template", "video", "source", "xmp", "title", NULL,
    };
    xmlNode *root = xmlDocGetRootElement(dom);
    for (xmlNode *n = root; n != NULL;) {
        if (n->type == XML_ELEMENT_NODE) {
            for (size_t i = 0; banned[i] != NULL; i++)
                ck_assert_msg(strcasecmp((const char *)n->name, banned[i]) != 0,
                              "<%s> survived %s", n->name, vector);
            for (xmlAttr *a = n->properties; a != NULL; a = a->next) {
                const char *name = (const char *)a->name;
                ck_assert_msg(strncasecmp(name, "on", 2) != 0 &&
                                  strcasecmp(name, "style") != 0 &&
                                  strcasecmp(name, "srcdoc") != 0 &&
                                  strcasecmp(name, "formaction") != 0,
                              "attribute %s survived %s", name, vector);
                xmlChar *value = xmlNodeListGetString(dom, a->children, 1);
                ck_assert_msg(value == NULL || !dangerous_url((const char *)value),
                              "URL '%s' survived %s", value, vector);
                xmlFree(value);
            }
        }
        if (n->children != NULL && n->type == XML_ELEMENT_NODE)
            n = n->children;
        else {
            while (n != root && n->next == NULL)
                n = n->parent;
            n = n == root ? NULL : n->next;
        }
    }
}

START_TEST(test_sanitizer_stops_xss)
{
    for (size_t i = 0; vectors[i] != NULL; i++) {
        const char *vector = vectors[i];
        size_t len = strlen(vector);
        folio_doc *doc = folio_doc_new();
        folio_node *block = folio_node_new(doc, FOLIO_NODE_HTML_BLOCK);
        folio_node_set_literal(block, vector, len, NULL);
        folio_node_append(folio_doc_root(doc), block, NULL);
        /* As CommonMark gives inline HTML: the whole, and tag by tag. */
        folio_node *paragraph = folio_node_new(doc, FOLIO_NODE_PARAGRAPH);
        folio_node_append(folio_doc_root(doc), paragraph, NULL);
        folio_node *whole = folio_node_new(doc, FOLIO_NODE_HTML_INLINE);
        folio_node_set_literal(whole, vector, len, NULL);
        folio_node_append(paragraph, whole, NULL);
        for (const char *p = vector; (p = strchr(p, '<')) != NULL;) {
            const char *end = strchr(p, '>');
            size_t n = end != NULL ? (size_t)(end - p) + 1 : strlen(p);
            folio_node *tag = folio_node_new(doc, FOLIO_NODE_HTML_INLINE);
            folio_node_set_literal(tag, p, n, NULL);
            folio_node_append(paragraph, tag, NULL);
            p += n;
        }
        /* And as a link and an image with the vector as URL. */
        folio_node *link = folio_node_new(doc, FOLIO_NODE_LINK);
        folio_node_set_url(link, "javascript:alert(1)", 19, NULL);
        folio_node_append(paragraph, link, NULL);
        folio_node *image = folio_node_new(doc, FOLIO_NODE_IMAGE);
        folio_node_set_url(image, "data:text/html,<script>", 23, NULL);
        folio_node_append(paragraph, image, NULL);

        char *out = write_html(doc, NULL);
        xmlDoc *dom = parse_back(out);
        assert_harmless(dom, vector);
        xmlFreeDoc(dom);
        parse_back_html(out);
        free(out);
        folio_doc_free(doc);
    }
}
END_TEST

START_TEST(test_sanitizer_keeps_harmless_markup)
{
    folio_doc *doc = folio_doc_new();
    folio_node *block = folio_node_new(doc, FOLIO_NODE_HTML_BLOCK);
    const char *raw = "<table class=\"t\"><tr><td colspan=\"2\" onclick=\"x()\">"
                      "<a href=\"https://ok.example/\" target=\"_blank\">ok</a>"
                      " <img src=\"data:image/png;base64,iVBO\" alt=\"dot\">"
                      "</td></tr></table><custom-tag>kept text</custom-tag>";
    folio_node_set_literal(block, raw, strlen(raw), NULL);
    folio_node_append(folio_doc_root(doc), block, NULL);
    /* Raw tags left open inside an emphasis are closed with it. */
    folio_node *paragraph = folio_node_new(doc, FOLIO_NODE_PARAGRAPH);
    folio_node_append(folio_doc_root(doc), paragraph, NULL);
    folio_node *emph = folio_node_new(doc, FOLIO_NODE_EMPH);
    folio_node_append(paragraph, emph, NULL);
    const char *pieces[] = {"<span class=\"a\">", "<b>", "</span>", "</i>"};
    for (size_t i = 0; i < 4; i++) {
        folio_node *tag = folio_node_new(doc, FOLIO_NODE_HTML_INLINE);
        folio_node_set_literal(tag, pieces[i], strlen(pieces[i]), NULL);
        folio_node_append(emph, tag, NULL);
    }
    folio_node *stray = folio_node_new(doc, FOLIO_NODE_HTML_INLINE);
    folio_node_set_literal(stray, "</b>", 4, NULL);
    folio_node_append(paragraph, stray, NULL);
    char *out = write_html(doc, NULL);
    check_written(out);
    ck_assert_has(out, "<table class=\"t\"><tr><td colspan=\"2\">"
                       "<a href=\"https://ok.example/\">ok</a> "
                       "<img src=\"data:image/png;base64,iVBO\" alt=\"dot\" />"
                       "</td></tr></table>kept text");
    ck_assert_has(out, "<p><em><span class=\"a\"><b></b></span></em></p>");
    free(out);

    /* --unsafe writes raw HTML as it is. */
    folio_options *unsafe = options_of("unsafe", "true", NULL);
    out = write_html(doc, unsafe);
    ck_assert_has(out, raw);
    free(out);
    folio_options_free(unsafe);
    folio_doc_free(doc);
}
END_TEST

/* ---- Round trips ----------------------------------------------------------- */

/* html -> tree -> json -> tree -> html gives the same HTML as html -> tree
 * -> html; and html written, read and written again is unchanged. */
START_TEST(test_round_trips)
{
    for (size_t i = 0; html_samples[i] != NULL; i++) {
        folio_doc *doc = read_sample(html_samples[i], NULL);
        char *direct = write_html(doc, NULL);

        char *as_json = write_with(json, doc, NULL);
        folio_doc *from_json = read_with(json, as_json, strlen(as_json), NULL);
        char *via_json = write_html(from_json, NULL);
        ck_assert_str_eq(via_json, direct);

        folio_doc *again = read_html(direct, NULL);
        char *twice = write_html(again, NULL);
        ck_assert_msg(strcmp(twice, direct) == 0,
                      "%s changed when read back:\n%s\n---\n%s",
                      html_samples[i], direct, twice);

        free(direct);
        free(as_json);
        free(via_json);
        free(twice);
        folio_doc_free(doc);
        folio_doc_free(from_json);
        folio_doc_free(again);
    }
}
END_TEST

static bool in_list(const char *name, const char *const *names)
{
    for (size_t i = 0; names[i] != NULL; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

/* The structure of written HTML: its elements in order, with the href and
 * src of links and images, as one string. */
static char *structure(const char *written)
{
    static const char *const kept[] = {
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "img",
        "pre", "code", "blockquote", "em", "strong", "table", "tr", "th",
        "td", NULL,
    };
    xmlDoc *dom = parse_back(written);
    size_t cap = 4096, len = 0;
    char *out = calloc(cap, 1);
    ck_assert_ptr_nonnull(out);
    xmlNode *root = xmlDocGetRootElement(dom);
    for (xmlNode *n = root; n != NULL;) {
        const char *name = (const char *)n->name;
        if (n->type == XML_ELEMENT_NODE && in_list(name, kept)) {
            xmlChar *url = xmlGetProp(
                n, (const xmlChar *)(strcmp(name, "a") == 0 ? "href" : "src"));
            size_t need = strlen(name) + (url ? strlen((char *)url) : 0) + 4;
            while (len + need >= cap) {
                cap *= 2;
                out = realloc(out, cap);
                ck_assert_ptr_nonnull(out);
            }
            len += (size_t)snprintf(out + len, cap - len, "%s%s%s ", name,
                                    url ? "=" : "", url ? (char *)url : "");
            xmlFree(url);
        }
        if (n->children != NULL && n->type == XML_ELEMENT_NODE)
            n = n->children;
        else {
            while (n != root && n->next == NULL)
                n = n->parent;
            n = n == root ? NULL : n->next;
        }
    }
    xmlFreeDoc(dom);
    return out;
}

START_TEST(test_round_trip_through_markdown)
{
    const folio_format *markdown;
    folio_error err;
    if (folio_registry_find(registry, "markdown", FOLIO_ROLE_ANY, &markdown,
                            &err) != FOLIO_OK)
        return;  /* the markdown plugin is not built */
    folio_options *unsafe = options_of("unsafe", "true", NULL);
    for (size_t i = 0; html_samples[i] != NULL; i++) {
        folio_doc *doc = read_sample(html_samples[i], NULL);
        char *direct = write_html(doc, NULL);
        char *md = write_with(markdown, doc, NULL);
        folio_doc *back = read_with(markdown, md, strlen(md), NULL);
        char *via_md = write_html(back, unsafe);
        char *a = structure(direct), *b = structure(via_md);
        ck_assert_msg(strcmp(a, b) == 0, "%s: structure changed\n%s\n---\n%s",
                      html_samples[i], a, b);
        free(a);
        free(b);
        free(direct);
        free(md);
        free(via_md);
        folio_doc_free(doc);
        folio_doc_free(back);
    }
    folio_options_free(unsafe);
}
END_TEST

static Suite *html_suite(void)
{
    Suite *suite = suite_create("html");
    TCase *reader = tcase_create("reader");
    tcase_add_checked_fixture(reader, setup, teardown);
    tcase_set_timeout(reader, 120);
    tcase_add_test(reader, test_probe);
    tcase_add_test(reader, test_page_saved_as_txt_is_detected);
    tcase_add_test(reader, test_full_page_metadata);
    tcase_add_test(reader, test_full_page_extraction);
    tcase_add_test(reader, test_no_extract_keeps_the_body);
    tcase_add_test(reader, test_utf8_page_without_declaration);
    tcase_add_test(reader, test_windows_1252_page_declared_latin1);
    tcase_add_test(reader, test_div_soup_page);
    tcase_add_test(reader, test_fragment_is_read_as_it_is);
    tcase_add_test(reader, test_json_ld_and_fallbacks);
    tcase_add_test(reader, test_links_resolve_against_base);
    tcase_add_test(reader, test_encoding_sniffing);
    tcase_add_test(reader, test_whitespace_and_inlines);
    tcase_add_test(reader, test_blocks_inside_inlines);
    tcase_add_test(reader, test_lists);
    tcase_add_test(reader, test_tables);
    tcase_add_test(reader, test_deep_nesting);
    tcase_add_test(reader, test_long_page_read_in_parts);
    suite_add_tcase(suite, reader);

    TCase *writer = tcase_create("writer");
    tcase_add_checked_fixture(writer, setup, teardown);
    tcase_set_timeout(writer, 120);
    tcase_add_test(writer, test_writer_on_a_deep_tree);
    tcase_add_test(writer, test_output_parses_back);
    tcase_add_test(writer, test_samples_parse_back);
    tcase_add_test(writer, test_failing_sink);
    tcase_add_test(writer, test_sanitizer_stops_xss);
    tcase_add_test(writer, test_sanitizer_keeps_harmless_markup);
    tcase_add_test(writer, test_round_trips);
    tcase_add_test(writer, test_round_trip_through_markdown);
    suite_add_tcase(suite, writer);
    return suite;
}

int main(void)
{
    SRunner *runner = srunner_create(html_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
