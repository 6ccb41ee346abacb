/*
 * CommonMark conformance as a test of the Markdown writer.
 *
 * For every example of the CommonMark 0.30 spec (and of cmark's regression
 * and smart punctuation suites, and of 5000 generated inputs that string
 * markup together at random), the original Markdown and folio's rewrite
 * of it (read by the markdown plugin, written back by it) are rendered to
 * HTML by cmark itself; the two renderings must be byte for byte the same.
 * The rewrite must also be a fixed point: rewriting it again changes
 * nothing. And when the json plugin is built, md -> json -> md must give
 * the same bytes as md -> md, and json -> md -> json the same tree.
 *
 * All that is CommonMark, so it reads with the gfm option off. With it on
 * (pipe tables and strikethrough, which cmark cannot render to compare),
 * every example must read back from its rewrite as the same tree, the
 * rewrite must be a fixed point, and the JSON round trips must hold too;
 * a second set of generated inputs strings table and tilde pieces
 * together for that.
 *
 * The spec files live outside the project (../shared/conformance, the
 * FOLIO_CONFORMANCE_DIR cache variable): when they are missing, the test
 * is skipped (exit 77) rather than failed.
 *
 * Usage: test_conformance [-v] [EXAMPLE-NUMBER...]
 */
#include <folio/doc.h>
#include <folio/options.h>
#include <folio/registry.h>
#include <folio/sink.h>

#include "tree_compare.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SKIP 77

typedef struct example {
    int number;
    char *markdown;
    size_t len;
} example;

typedef struct suite_file {
    const char *file;
    bool smart;
    int passed;
    int failed;
} suite_file;

static const folio_format *markdown;
static const folio_format *json; /* NULL when the json plugin is not built */
static bool verbose;

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t size = 0, cap = 1 << 16;
    char *data = malloc(cap);
    size_t n;
    while (data != NULL && (n = fread(data + size, 1, cap - size, f)) > 0) {
        size += n;
        if (size == cap) {
            char *bigger = realloc(data, cap *= 2);
            if (bigger == NULL)
                free(data);
            data = bigger;
        }
    }
    fclose(f);
    *len = size;
    return data;
}

/* Copies the example's Markdown, turning each "→" back into a tab. */
static char *untab(const char *s, size_t len, size_t *out_len)
{
    char *out = malloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (i + 2 < len && memcmp(s + i, "\xE2\x86\x92", 3) == 0) {
            out[n++] = '\t';
            i += 2;
        } else {
            out[n++] = s[i];
        }
    }
    out[n] = '\0';
    *out_len = n;
    return out;
}

static const char fence[] = "````````````````````````````````";

/* The examples of a spec file, in order; *count receives their number. */
static example *parse_examples(const char *data, size_t len, int *count)
{
    example *examples = NULL;
    int n = 0, cap = 0;
    const char *p = data, *end = data + len;
    const char *start = NULL;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *next = eol ? eol + 1 : end;
        size_t line_len = (size_t)((eol ? eol : end) - p);
        if (start == NULL && line_len == strlen(fence) + 8 &&
            memcmp(p, fence, strlen(fence)) == 0 &&
            memcmp(p + strlen(fence), " example", 8) == 0) {
            start = next;
        } else if (start != NULL && line_len == 1 && p[0] == '.') {
            if (n == cap) {
                cap = cap ? 2 * cap : 256;
                examples = realloc(examples, (size_t)cap * sizeof *examples);
            }
            examples[n].number = n + 1;
            examples[n].markdown =
                untab(start, (size_t)(p - start), &examples[n].len);
            n++;
            start = NULL;
        }
        p = next;
    }
    *count = n;
    return examples;
}

static char *to_html(const char *md, size_t len, int options)
{
    return cmark_markdown_to_html(md, len, options | CMARK_OPT_UNSAFE);
}

static void report(const folio_error *err)
{
    printf("    folio error: %s (line %lu, column %lu)\n", err->message,
           err->line, err->column);
}

/* text read with format (as Markdown: without front matter, spec examples
 * are not articles, with smart punctuation if asked, with GFM or not), or
 * NULL with the error printed. */
static folio_doc *read_doc(const folio_format *format, const char *text,
                           size_t len, bool smart, bool gfm)
{
    folio_error err;
    folio_error_clear(&err);
    folio_options *options = folio_options_new();
    folio_options_set(options, "front-matter", "false", &err);
    folio_options_set(options, "gfm", gfm ? "true" : "false", &err);
    if (smart)
        folio_options_set(options, "smart", "true", &err);
    folio_doc *doc = NULL;
    if (folio_format_read(format, text, len,
                          format == markdown ? options : NULL, &doc,
                          &err) != FOLIO_OK ||
        folio_doc_check(doc, &err) != FOLIO_OK) {
        report(&err);
        folio_doc_free(doc);
        doc = NULL;
    }
    folio_options_free(options);
    return doc;
}

/* doc written with format, malloc'd, or NULL with the error printed. */
static char *write_doc(const folio_format *format, const folio_doc *doc,
                       size_t *len)
{
    folio_error err;
    folio_error_clear(&err);
    folio_sink *sink = folio_sink_new_buffer();
    char *out = NULL;
    if (doc != NULL &&
        folio_format_write(format, doc, sink, NULL, &err) == FOLIO_OK) {
        const char *buf = folio_sink_buffer(sink, len);
        out = malloc(*len + 1);
        memcpy(out, buf, *len + 1);
    } else if (doc != NULL) {
        report(&err);
    }
    folio_sink_free(sink);
    return out;
}

/* folio's rewrite of md, or NULL with the error printed. */
static char *rewrite(const char *md, size_t len, bool smart, bool gfm,
                     size_t *out_len)
{
    folio_doc *doc = read_doc(markdown, md, len, smart, gfm);
    char *out = write_doc(markdown, doc, out_len);
    folio_doc_free(doc);
    return out;
}

/* md -> json -> md gives the bytes md -> md gave (rewritten), and
 * json -> md -> json the same tree. */
static bool check_json(const char *md, size_t len, bool smart, bool gfm,
                       const char *rewritten, size_t rewritten_len)
{
    size_t json_len, md_len;
    folio_doc *doc = read_doc(markdown, md, len, smart, gfm);
    char *text = write_doc(json, doc, &json_len);
    folio_doc *from_json =
        text ? read_doc(json, text, json_len, false, gfm) : NULL;
    char *md_again = write_doc(markdown, from_json, &md_len);
    folio_doc *back =
        md_again ? read_doc(markdown, md_again, md_len, false, gfm) : NULL;
    bool same_bytes = md_again != NULL && md_len == rewritten_len &&
                      memcmp(md_again, rewritten, md_len) == 0;
    bool same_tree = back != NULL && md_test_same_doc(from_json, back);
    if (!same_bytes)
        printf("    md -> json -> md differs from md -> md\n");
    if (!same_tree)
        printf("    json -> md -> json changes the tree\n");
    folio_doc_free(back);
    free(md_again);
    folio_doc_free(from_json);
    free(text);
    folio_doc_free(doc);
    return same_bytes && same_tree;
}

static void show(const char *label, const char *s)
{
    printf("    %s:\n", label);
    for (const char *p = s; *p; p++) {
        if (p == s || p[-1] == '\n')
            printf("      |");
        putchar(*p == '\t' ? '>' : *p);
    }
    if (*s && s[strlen(s) - 1] != '\n')
        putchar('\n');
}

/* With GFM: the rewrite reads back as the same tree, and is a fixed point,
 * also through JSON. */
static bool check_gfm(const suite_file *set, const example *ex)
{
    size_t len, len2;
    char *md = rewrite(ex->markdown, ex->len, set->smart, true, &len);
    char *md2 = md ? rewrite(md, len, false, true, &len2) : NULL;
    folio_doc *doc = read_doc(markdown, ex->markdown, ex->len, set->smart,
                              true);
    folio_doc *back = md ? read_doc(markdown, md, len, false, true) : NULL;
    bool same_tree = doc != NULL && back != NULL && md_test_same_doc(doc, back);
    bool fixed = md2 != NULL && len2 == len && memcmp(md, md2, len) == 0;
    bool json_ok = json == NULL || md == NULL ||
                   check_json(ex->markdown, ex->len, set->smart, true, md,
                              len);
    if (!same_tree || !fixed || !json_ok) {
        printf("%s example %d: %s\n", set->file, ex->number,
               !same_tree ? "GFM: the rewrite reads back differently"
               : !fixed   ? "GFM: the rewrite is not a fixed point"
                          : "GFM: JSON round trip differs");
        show("markdown", ex->markdown);
        if (md)
            show("rewritten", md);
        if (md2 && !fixed)
            show("rewritten again", md2);
    }
    folio_doc_free(doc);
    folio_doc_free(back);
    free(md);
    free(md2);
    return same_tree && fixed && json_ok;
}

static bool check_example(const suite_file *set, const example *ex)
{
    char *expected = to_html(ex->markdown, ex->len,
                             set->smart ? CMARK_OPT_SMART : 0);
    size_t len, len2;
    char *md = rewrite(ex->markdown, ex->len, set->smart, false, &len);
    char *md2 = md ? rewrite(md, len, false, false, &len2) : NULL;
    char *html = md ? to_html(md, len, 0) : NULL;
    bool same_html = html != NULL && strcmp(html, expected) == 0;
    bool fixed = md2 != NULL && len2 == len && memcmp(md, md2, len) == 0;
    bool json_ok = json == NULL || md == NULL ||
                   check_json(ex->markdown, ex->len, set->smart, false, md,
                              len);
    if (!same_html || !fixed || !json_ok || verbose) {
        printf("%s example %d: %s\n", set->file, ex->number,
               !same_html ? "HTML differs"
               : !fixed   ? "rewrite is not a fixed point"
               : !json_ok ? "JSON round trip differs"
                          : "ok");
        show("markdown", ex->markdown);
        if (md)
            show("rewritten", md);
        if (md2 && !fixed)
            show("rewritten again", md2);
        show("expected HTML", expected);
        if (html && !same_html)
            show("HTML of the rewrite", html);
    }
    free(expected);
    free(md);
    free(md2);
    free(html);
    bool gfm_ok = check_gfm(set, ex);
    return same_html && fixed && json_ok && gfm_ok;
}

static void run_example(suite_file *set, const example *ex)
{
    if (check_example(set, ex))
        set->passed++;
    else
        set->failed++;
}

/* Pieces of Markdown that meet in odd ways when strung together at
 * random: delimiters, entities, escapes, raw HTML, line starts. */
static const char *const commonmark_pieces[] = {
    "*", "**", "_", "__", "`", "``", "[", "]", "(", ")", "<", ">", "!",
    "\\", "&amp;", "&#32;", "&#42;", "&", "#", "-", "+", "1.", "2)", " ",
    "  ", "\n", "\n\n", "  \n", "> ", "- ", "* ", "    ", "\t", "a", "foo",
    "bar baz", "<http://a.b>", "<span>", "</span>", "<div>", "~~~", "```",
    "===", "---", "|", "\"", "'", ".", "\xC3\xA9", "*foo*", "[a](b)",
    "![i](j 't')", "<!-- c -->", "10) ", "[x]: /u\n", "[x]", "<a\nhref='x'>",
    "\\\n", "~", "~~", "=", "&copy;", "a_b", "__init__", ";", "&#10;",
};

/* Pieces of GFM tables and strikethrough, with what may meet them. One
 * emphasis delimiter only: emphasis soup is the first set's job (and the
 * writer's known limit there would show here too). */
static const char *const gfm_pieces[] = {
    "|", " | ", "||", "\\|", "-", ":-", "-:", "a|b", "| a |", "\n| - |\n",
    "\n|-|-|\n", "\n-:|:-:\n", "\n:--\n", "\n--|--|--\n", "\n", "\n",
    "\n\n", "a", "b c", " ", "\t", "~", "~~", "~~~", "~a~", "~~b~~", "\\~",
    "&#126;", "`", "`a|b`", "*", "[x](y)", "<b>", "> ", "- ", "1. ", "2) ",
    "    ", "===", "---", "\xC3\xA9", "(", ")", "!", "\\", "[x]: /u\n", "[x]",
    "<a@b.c>", "<http://a.b/~c>", "#",
};

/* A long text is read in parts (plugins/markdown/md_parts.c), which must
 * change nothing: the examples that define no link reference (those are
 * read in one go), strung together until the text spans several parts,
 * must pass like any example. Their fences, raw HTML, lists and quotes,
 * open or not, meet the cuts in every way they can. */
typedef struct long_text {
    char *text;
    size_t len, size;
    int failed;
} long_text;

static void long_text_add(long_text *t, const char *s, size_t len)
{
    if (t->len + len + 1 > t->size) {
        t->size = 2 * (t->len + len + 1);
        t->text = realloc(t->text, t->size);
        if (t->text == NULL)
            abort();
    }
    memcpy(t->text + t->len, s, len);
    t->len += len;
    t->text[t->len] = '\0';
}

static void run_long_text(long_text *examples, size_t min_len)
{
    long_text whole = {0};
    while (whole.len < min_len)
        long_text_add(&whole, examples->text, examples->len);
    suite_file set = {"examples strung together", false, 0, 0};
    example ex = {0, whole.text, whole.len};
    run_example(&set, &ex);
    printf("%s (%zu bytes): %s\n", set.file, whole.len,
           set.failed == 0 ? "pass" : "FAIL");
    free(whole.text);
    examples->failed = set.failed;
}

/* Checks count generated examples, the same ones on every run. */
static void run_generated(suite_file *set, int count,
                          const char *const *pieces, size_t piece_count,
                          unsigned long state)
{
    char text[1024];
    for (int i = 0; i < count; i++) {
        size_t len = 0;
        state = state * 6364136223846793005UL + 1442695040888963407UL;
        int n = 1 + (int)((state >> 33) % 25);
        for (int k = 0; k < n; k++) {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            const char *piece = pieces[(state >> 33) % piece_count];
            memcpy(text + len, piece, strlen(piece));
            len += strlen(piece);
        }
        text[len++] = '\n';
        text[len] = '\0';
        example ex = {i + 1, text, len};
        run_example(set, &ex);
    }
    printf("%s: %d of %d examples pass\n", set->file, set->passed,
           set->passed + set->failed);
}

int main(int argc, char **argv)
{
    int first_arg = 1;
    if (argc > 1 && strcmp(argv[1], "-v") == 0) {
        verbose = true;
        first_arg = 2;
    }
    folio_error err;
    folio_error_clear(&err);
    folio_registry *registry = folio_registry_new();
    if (folio_registry_add_dir(registry, FOLIO_TEST_PLUGIN_DIR, &err) !=
            FOLIO_OK ||
        folio_registry_find(registry, "markdown", FOLIO_ROLE_ANY, &markdown,
                            &err) != FOLIO_OK) {
        printf("cannot load the markdown plugin: %s\n", err.message);
        return 1;
    }
    if (folio_registry_find(registry, "json", FOLIO_ROLE_ANY, &json, &err) !=
        FOLIO_OK) {
        json = NULL;
        printf("no json plugin: the JSON round trips are not checked\n");
    }
    suite_file suites[] = {
        {"commonmark-spec-0.30.txt", false, 0, 0},
        {"cmark-regression-0.30.2.txt", false, 0, 0},
        {"cmark-smart-punct-0.30.2.txt", true, 0, 0},
    };
    int status = 0;
    long_text spec_text = {0};
    for (size_t s = 0; s < sizeof suites / sizeof suites[0]; s++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", FOLIO_CONFORMANCE_DIR,
                 suites[s].file);
        size_t len;
        char *data = read_file(path, &len);
        if (data == NULL) {
            printf("skipped: %s not found\n", path);
            if (status == 0)
                status = SKIP;
            break;
        }
        int count;
        example *examples = parse_examples(data, len, &count);
        for (int i = 0; i < count; i++) {
            bool wanted = argc <= first_arg;
            for (int a = first_arg; a < argc; a++)
                wanted = wanted || atoi(argv[a]) == examples[i].number;
            if (wanted)
                run_example(&suites[s], &examples[i]);
            if (s == 0 && strstr(examples[i].markdown, "]:") == NULL) {
                long_text_add(&spec_text, examples[i].markdown,
                              examples[i].len);
                long_text_add(&spec_text, "\n", 1);
            }
            free(examples[i].markdown);
        }
        free(examples);
        free(data);
        printf("%s: %d of %d examples pass\n", suites[s].file,
               suites[s].passed, suites[s].passed + suites[s].failed);
        if (suites[s].failed > 0)
            status = 1;
    }
    if (argc <= first_arg && spec_text.len > 0) {
        run_long_text(&spec_text, 1536 * 1024);
        if (spec_text.failed > 0)
            status = 1;
    }
    free(spec_text.text);
    if (argc <= first_arg) {
        suite_file generated = {"generated", false, 0, 0};
        run_generated(&generated, 5000, commonmark_pieces,
                      sizeof commonmark_pieces / sizeof commonmark_pieces[0],
                      20250616);
        suite_file generated_gfm = {"generated GFM", false, 0, 0};
        run_generated(&generated_gfm, 5000, gfm_pieces,
                      sizeof gfm_pieces / sizeof gfm_pieces[0], 20260101);
        if (generated.failed > 0 || generated_gfm.failed > 0)
            status = 1;
    }
    folio_registry_free(registry);
    return status;
}
