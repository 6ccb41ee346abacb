/* The project's samples: the structure folio reads from each text-shaped
 * one, round trips through JSON and Markdown, and no crash on any file. */
#include "text_test.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct shape {
    const char *path;
    const char *title;      /* NULL: no title */
    const char *outline;    /* doc_outline() */
    const char *starts;     /* how the first block's text starts */
} shape;

static const shape shapes[] = {
    /* Windows-1252, CRLF, blank lines between paragraphs. */
    {"2025/04/ashcombe-cider-fair.txt",
     "Ashcombe cider fair raises \xC2\xA3" "14,000 for village hall roof",
     "p p p p p p p", "Ashcombe\xE2\x80\x99s first cider fair"},
    /* UTF-16 LE with a BOM, CRLF. */
    {"2025/04/brackwater-lost-property.txt",
     "Brackwater station\xE2\x80\x99s lost-property office marks 50 years "
     "of reunions",
     "p p p p p p p p p p", "For half a century"},
    /* Title with no blank line after it; one paragraph per line. */
    {"2025/06/kestrel-harbour-festival.txt",
     "Kestrel Harbour festival returns after two-year pier repair",
     "p p p p p p p p p p p p p p", "The Kestrel Harbour Festival will"},
    /* No title; long paragraphs; "Source link" chrome at the end. */
    {"2025/06/kestrel-harbour-festival-summary.txt", NULL, "p p p p p",
     "The Kestrel Harbour Festival will return"},
    /* Scraped page: chrome, image placeholders, an opinion subheading. */
    {"2025/07/penhallow-storm-cleanup.txt",
     "Penhallow clean-up done in four days as volunteers beat the council "
     "crews to it - so what happens when the next storm comes?",
     "p p p p p p p p p p p h2 p p p p p", "MORE than 300 volunteers"},
    /* "- Published" chrome; a caption line; one paragraph per line. */
    {"2025/09/dunmore-line-timetable-earlier.txt",
     "Dunmore Valley line timetable changes to be confirmed",
     "p p p p p p p p p p p p p p p", "Passengers on the Dunmore Valley"},
};

#define SHAPES (sizeof shapes / sizeof *shapes)

/* Files whose extension says text but whose content is not: the probe
 * says 0, so the command hands them to the Markdown or HTML reader. */
static const char *const not_text[] = {
    "2025/06/_posts/2025-06-21-kestrel-harbour-festival.txt",
    "backup/old-blog/_posts/2025-06-21-kestrel-harbour-festival.txt",
    "2025/09/museum-late-opening.txt",
};

static folio_doc *read_sample(const char *path)
{
    size_t len;
    char *data = folio_test_sample(path, &len);
    folio_doc *doc = read_ok(data, len, NULL);
    free(data);
    return doc;
}

static bool doc_contains(const folio_doc *doc, const char *needle)
{
    char *text = node_text(folio_doc_root(doc));
    bool found = strstr(text, needle) != NULL;
    free(text);
    return found;
}

START_TEST(sample_structure)
{
    const shape *s = &shapes[_i];
    folio_doc *doc = read_sample(s->path);
    const char *title = doc_title(doc);
    if (s->title == NULL)
        ck_assert_msg(title == NULL, "%s: title '%s'", s->path, title);
    else
        ck_assert_msg(title != NULL && strcmp(title, s->title) == 0,
                      "%s: title '%s'", s->path, title ? title : "(none)");
    char *got = doc_outline(doc);
    ck_assert_msg(strcmp(got, s->outline) == 0, "%s: outline '%s'", s->path,
                  got);
    free(got);
    char *first = node_text(folio_node_first_child(folio_doc_root(doc)));
    ck_assert_msg(strncmp(first, s->starts, strlen(s->starts)) == 0,
                  "%s: starts '%.60s'", s->path, first);
    free(first);
    /* Nothing is lost to the wrong encoding, and no chrome is left. */
    ck_assert(!doc_contains(doc, "\xEF\xBF\xBD"));
    const char *chrome[] = {"top of page", "bottom of page", "Source link",
                            "- Published"};
    for (size_t k = 0; k < 4; k++)
        ck_assert_msg(!doc_contains(doc, chrome[k]), "%s: '%s' left",
                      s->path, chrome[k]);
    folio_node *root = folio_doc_root(doc);
    for (folio_node *n = folio_node_first_child(root); n != NULL;
         n = folio_node_next(n)) {
        char *text = node_text(n);
        ck_assert_msg(strcmp(text, "ree") != 0 &&
                          strcmp(text, "Comments") != 0,
                      "%s: chrome block '%s'", s->path, text);
        free(text);
    }
    folio_doc_free(doc);
}
END_TEST

START_TEST(sample_details)
{
    folio_doc *doc = read_sample("2025/04/ashcombe-cider-fair.txt");
    ck_assert(doc_contains(doc, "caf\xC3\xA9 run by the Women"));
    ck_assert(doc_contains(doc, "\xE2\x80\x9C" "blown the doors off"
                                "\xE2\x80\x9D"));
    ck_assert(doc_contains(doc, "cider \xE2\x80\x93 the fair"));
    folio_doc_free(doc);

    doc = read_sample("2025/04/brackwater-lost-property.txt");
    ck_assert(doc_contains(doc, "\xF0\x9F\xA7\xB8"));
    ck_assert(doc_contains(doc, "fianc\xC3\xA9"));
    folio_doc_free(doc);

    doc = read_sample("2025/07/penhallow-storm-cleanup.txt");
    folio_node *heading = child_at(folio_doc_root(doc), 11);
    char *text = node_text(heading);
    ck_assert_str_eq(text, "Valley Voice Opinion");
    free(text);
    folio_doc_free(doc);

    /* The caption stays a paragraph of its own. */
    doc = read_sample("2025/09/dunmore-line-timetable-earlier.txt");
    text = node_text(child_at(folio_doc_root(doc), 11));
    ck_assert_str_eq(text, "The new passing loop at Ashby Halt allows "
                           "trains travelling in opposite directions to "
                           "pass each other");
    free(text);
    ck_assert_uint_eq(count_type(folio_doc_root(doc), FOLIO_NODE_LIST), 0);
    folio_doc_free(doc);
}
END_TEST

START_TEST(other_shapes_are_not_text)
{
    const folio_plugin *plugin = folio_format_plugin(text_format);
    for (size_t i = 0; i < sizeof not_text / sizeof *not_text; i++) {
        size_t len;
        char *data = folio_test_sample(not_text[i], &len);
        ck_assert_msg(plugin->probe(data, len < 65536 ? len : 65536) == 0,
                      "%s taken for text", not_text[i]);
        free(data);
    }
    for (size_t i = 0; i < SHAPES; i++) {
        size_t len;
        char *data = folio_test_sample(shapes[i].path, &len);
        ck_assert_msg(plugin->probe(data, len) > 0, "%s refused",
                      shapes[i].path);
        free(data);
    }
}
END_TEST

/* Every file under samples/, whatever it is, reads as text and writes
 * back. The folders are walked with a stack of paths, no recursion. */
START_TEST(every_sample_reads_and_writes)
{
    char *stack[64];
    size_t depth = 0, files = 0;
    stack[depth++] = strdup(FOLIO_SAMPLES_DIR);
    while (depth > 0) {
        char *dir_path = stack[--depth];
        DIR *dir = opendir(dir_path);
        ck_assert_msg(dir != NULL, "cannot open %s", dir_path);
        for (struct dirent *e = readdir(dir); e != NULL; e = readdir(dir)) {
            if (e->d_name[0] == '.')
                continue;
            size_t n = strlen(dir_path) + strlen(e->d_name) + 2;
            char *path = malloc(n);
            ck_assert_ptr_nonnull(path);
            snprintf(path, n, "%s/%s", dir_path, e->d_name);
            struct stat st;
            ck_assert_int_eq(stat(path, &st), 0);
            if (S_ISDIR(st.st_mode)) {
                ck_assert_uint_lt(depth, 64);
                stack[depth++] = path;
                continue;
            }
            char *data = NULL;
            size_t len;
            ck_assert_int_eq(folio_file_read(path,
                                             FOLIO_DEFAULT_MAX_INPUT_SIZE,
                                             &data, &len, NULL),
                             FOLIO_OK);
            folio_doc *doc = read_ok(data, len, NULL);
            char *out = write_text(doc, NULL);
            ck_assert(folio_utf8_valid(out, strlen(out), NULL));
            free(out);
            folio_options *o =
                folio_test_options("wrap", "40", "links", "end", NULL);
            out = write_text(doc, o);
            free(out);
            folio_options_free(o);
            folio_doc_free(doc);
            free(data);
            free(path);
            files++;
        }
        closedir(dir);
        free(dir_path);
    }
    ck_assert_uint_ge(files, 17);
}
END_TEST

/* text -> json -> text gives the same text, and the text the writer
 * makes reads back to itself. */
START_TEST(text_json_text_is_stable)
{
    folio_doc *doc = read_sample(shapes[_i].path);
    char *text = write_text(doc, NULL);
    char *json = folio_test_write(json_format, doc, NULL, NULL);
    folio_doc *back = folio_test_read(json_format, json, strlen(json), NULL);
    char *json2 = folio_test_write(json_format, back, NULL, NULL);
    ck_assert_str_eq(json2, json);
    char *text2 = write_text(back, NULL);
    ck_assert_str_eq(text2, text);
    folio_doc *again = read_str(text);
    char *shape1 = doc_outline(doc), *shape2 = doc_outline(again);
    ck_assert_str_eq(shape2, shape1);
    char *text3 = write_text(again, NULL);
    ck_assert_str_eq(text3, text);
    free(shape1);
    free(shape2);
    free(text3);
    folio_doc_free(again);
    free(text2);
    free(json2);
    folio_doc_free(back);
    free(json);
    free(text);
    folio_doc_free(doc);
}
END_TEST

/* The headings' texts in order, joined by '|'. Malloc'd. */
static char *heading_texts(const folio_doc *doc)
{
    size_t cap = 4096, len = 0;
    char *out = calloc(1, cap);
    ck_assert_ptr_nonnull(out);
    folio_node *root = folio_doc_root(doc), *node = root;
    folio_walk_event event = FOLIO_WALK_NONE;
    while (folio_walk_next(root, &node, &event)) {
        if (event != FOLIO_WALK_ENTER ||
            folio_node_get_type(node) != FOLIO_NODE_HEADING)
            continue;
        char *text = node_text(node);
        len += (size_t)snprintf(out + len, cap - len, "%s|", text);
        ck_assert_uint_lt(len, cap);
        free(text);
    }
    return out;
}

static const char *const markdown_samples[] = {
    "2025/08/content/posts/science-fair-winners.md",
    "2025/08/content/posts/bakery-cooperative.md",
    "2025/10/longread/lindenford-library-long-read.md",
};

/* md -> text -> md keeps the title, paragraphs, lists and headings (their
 * texts; levels below the title all become 2 in plain text). */
START_TEST(markdown_text_markdown_keeps_structure)
{
    const folio_format *md = NULL;
    folio_error err;
    if (folio_registry_find(registry, "markdown", FOLIO_ROLE_ANY, &md,
                            &err) != FOLIO_OK) {
        fprintf(stderr, "note: the markdown plugin is not built, so md -> "
                        "text -> md is not tested (%s)\n",
                err.message);
        return;
    }
    /* Plain text keeps no pipe table (its aligned columns read back as
     * paragraphs): read the samples as CommonMark, where a pipe table is
     * one paragraph, as it is in plain text. */
    folio_options *commonmark = folio_test_options("gfm", "false", NULL);
    size_t len;
    char *data = folio_test_sample(markdown_samples[_i], &len);
    folio_doc *first = folio_test_read(md, data, len, commonmark);
    char *text = write_text(first, NULL);
    folio_doc *middle = read_str(text);
    char *markdown = folio_test_write(md, middle, NULL, NULL);
    folio_doc *last = folio_test_read(md, markdown, strlen(markdown),
                                      commonmark);

    const char *t1 = doc_title(first), *t2 = doc_title(last);
    ck_assert_msg(t1 != NULL && t2 != NULL && strcmp(t1, t2) == 0,
                  "%s: title '%s' became '%s'", markdown_samples[_i],
                  t1 ? t1 : "(none)", t2 ? t2 : "(none)");
    char *h1 = heading_texts(first), *h2 = heading_texts(last);
    ck_assert_str_eq(h2, h1);
    folio_node *r1 = folio_doc_root(first), *r2 = folio_doc_root(last);
    ck_assert_uint_eq(count_type(r2, FOLIO_NODE_LIST),
                      count_type(r1, FOLIO_NODE_LIST));
    ck_assert_uint_eq(count_type(r2, FOLIO_NODE_ITEM),
                      count_type(r1, FOLIO_NODE_ITEM));
    ck_assert_uint_eq(count_type(r2, FOLIO_NODE_PARAGRAPH),
                      count_type(r1, FOLIO_NODE_PARAGRAPH));
    free(h1);
    free(h2);
    folio_doc_free(last);
    free(markdown);
    folio_doc_free(middle);
    free(text);
    folio_doc_free(first);
    free(data);
    folio_options_free(commonmark);
}
END_TEST

TCase *samples_tcase(void)
{
    TCase *tc = tcase_create("samples");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, sample_structure, 0, (int)SHAPES);
    tcase_add_test(tc, sample_details);
    tcase_add_test(tc, other_shapes_are_not_text);
    tcase_add_test(tc, every_sample_reads_and_writes);
    tcase_add_loop_test(tc, text_json_text_is_stable, 0, (int)SHAPES);
    tcase_add_loop_test(
        tc, markdown_text_markdown_keeps_structure, 0,
        (int)(sizeof markdown_samples / sizeof *markdown_samples));
    return tc;
}
