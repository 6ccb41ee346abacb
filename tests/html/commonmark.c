/*
 * CommonMark conformance of md -> html through folio's tree: every example
 * of the spec is read by the markdown plugin and written by the HTML
 * plugin with --unsafe (the spec's examples pass raw HTML through), and
 * the result is compared with the spec's HTML.
 *
 * The comparison is exact, after one documented normalization that the
 * spec's own test runner (normalize.py) also applies: both sides are
 * parsed by libxml2's HTML parser and written back, so that only the
 * markup's meaning counts, not the spelling of an entity or the quoting
 * of an attribute. An example passes when either comparison holds.
 *
 * Exit status: 0 when at least FOLIO_COMMONMARK_MIN examples pass (the
 * count reached so far, so that it never goes down), 1 otherwise, 77 (a
 * skip, for ctest) when the markdown plugin or the spec file is missing.
 * Run with -v to list the failing examples.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <folio/folio.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>

#define SKIP 77

typedef struct example {
    int number;
    char *markdown;
    char *html;
} example;

/* A malloc'd copy of len bytes with each "→" (the spec's visible tab)
 * turned back into a tab. */
static char *untab(const char *s, size_t len)
{
    char *out = malloc(len + 1);
    if (out == NULL)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (i + 2 < len && memcmp(s + i, "\xE2\x86\x92", 3) == 0) {
            out[n++] = '\t';
            i += 2;
        } else
            out[n++] = s[i];
    }
    out[n] = '\0';
    return out;
}

#define FENCE "````````````````````````````````"

/* Reads the examples of the spec text; returns their count. */
static size_t parse_spec(const char *spec, example **out)
{
    size_t count = 0, cap = 0;
    example *examples = NULL;
    const char *p = spec;
    while ((p = strstr(p, FENCE " example\n")) != NULL) {
        const char *md = p + strlen(FENCE " example\n");
        const char *dot = md;
        /* The markdown ends at a line that is exactly ".". */
        while (dot != NULL && strncmp(dot, ".\n", 2) != 0) {
            dot = strchr(dot, '\n');
            if (dot != NULL)
                dot++;
        }
        if (dot == NULL)
            break;
        const char *html = dot + 2;
        const char *end = strstr(html, FENCE "\n");
        if (end == NULL)
            break;
        if (count == cap) {
            cap = cap == 0 ? 1024 : 2 * cap;
            examples = realloc(examples, cap * sizeof *examples);
            if (examples == NULL)
                exit(1);
        }
        examples[count] = (example){(int)count + 1,
                                    untab(md, (size_t)(dot - md)),
                                    untab(html, (size_t)(end - html))};
        count++;
        p = end;
    }
    *out = examples;
    return count;
}

/* The HTML as libxml2 reads and writes it back: the markup's meaning. */
static char *normalize(const char *html)
{
    size_t len = strlen(html);
    char *wrapped = malloc(len + 64);
    if (wrapped == NULL)
        return NULL;
    snprintf(wrapped, len + 64, "<html><body>%s</body></html>", html);
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    htmlDocPtr doc = htmlCtxtReadMemory(
        ctxt, wrapped, (int)strlen(wrapped), NULL, "UTF-8",
        HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
            HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED);
    htmlFreeParserCtxt(ctxt);
    free(wrapped);
    if (doc == NULL)
        return strdup("");
    xmlChar *out = NULL;
    int size = 0;
    htmlDocDumpMemoryFormat(doc, &out, &size, 0);
    xmlFreeDoc(doc);
    char *copy = strdup(out != NULL ? (const char *)out : "");
    xmlFree(out);
    return copy;
}

static char *convert(const folio_format *md, const folio_format *html,
                     const folio_options *options, const char *markdown)
{
    folio_doc *doc = NULL;
    folio_error err;
    if (folio_format_read(md, markdown, strlen(markdown), options, &doc,
                          &err) != FOLIO_OK)
        return strdup("(read failed)");
    folio_sink *sink = folio_sink_new_buffer();
    char *result = NULL;
    if (sink != NULL &&
        folio_format_write(html, doc, sink, options, &err) == FOLIO_OK) {
        size_t len;
        const char *data = folio_sink_buffer(sink, &len);
        result = strdup(data);
    }
    folio_sink_free(sink);
    folio_doc_free(doc);
    return result != NULL ? result : strdup("(write failed)");
}

int main(int argc, char **argv)
{
    bool verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
    const char *spec_path = FOLIO_CONFORMANCE_DIR "/commonmark-spec-0.30.txt";
    char *spec;
    size_t spec_len;
    folio_error err;
    if (folio_file_read(spec_path, 16 * 1024 * 1024, &spec, &spec_len,
                        &err) != FOLIO_OK) {
        printf("skipped: %s\n", err.message);
        return SKIP;
    }
    folio_registry *registry = folio_registry_new();
    const folio_format *md, *html;
    if (registry == NULL ||
        folio_registry_add_dir(registry, FOLIO_TEST_PLUGIN_DIR, &err) !=
            FOLIO_OK ||
        folio_registry_find(registry, "html", FOLIO_ROLE_WRITE, &html, &err) !=
            FOLIO_OK) {
        printf("no HTML writer: %s\n", err.message);
        return 1;
    }
    if (folio_registry_find(registry, "markdown", FOLIO_ROLE_READ, &md,
                            &err) != FOLIO_OK) {
        printf("skipped: %s\n", err.message);
        folio_registry_free(registry);
        free(spec);
        return SKIP;
    }
    folio_options *options = folio_options_new();
    folio_options_set(options, "unsafe", "true", &err);
    /* The spec's examples are plain CommonMark: a leading "---" is a
     * thematic break there, not front matter, and neither pipes nor
     * tildes make tables or strikethrough. */
    folio_options_set(options, "front-matter", "false", &err);
    folio_options_set(options, "gfm", "false", &err);

    example *examples;
    size_t count = parse_spec(spec, &examples);
    size_t passed = 0, exact = 0;
    for (size_t i = 0; i < count; i++) {
        char *got = convert(md, html, options, examples[i].markdown);
        bool same = strcmp(got, examples[i].html) == 0;
        exact += same;
        if (!same) {
            char *a = normalize(got), *b = normalize(examples[i].html);
            same = a != NULL && b != NULL && strcmp(a, b) == 0;
            free(a);
            free(b);
        }
        if (same)
            passed++;
        else if (verbose)
            printf("example %d failed\n--- markdown\n%s--- expected\n%s"
                   "--- got\n%s\n",
                   examples[i].number, examples[i].markdown,
                   examples[i].html, got);
        free(got);
        free(examples[i].markdown);
        free(examples[i].html);
    }
    free(examples);
    free(spec);
    folio_options_free(options);
    folio_registry_free(registry);
    printf("CommonMark spec: %zu of %zu examples pass (%zu exactly, %zu "
           "after normalization)\n",
           passed, count, exact, passed - exact);
    return (long)passed - FOLIO_COMMONMARK_MIN >= 0 && count > 0 ? 0 : 1;
}
