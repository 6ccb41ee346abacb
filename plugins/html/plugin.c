/*
 * The HTML format: an article-aware reader and a safe HTML5 writer.
 *
 * docs/html-format.md describes both for users. The reader's stages live
 * one per file (see html.h); this file strings them together, declares
 * the options and recognises HTML by its first bytes.
 */
#include "html.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <folio/options.h>
#include <folio/plugin.h>

#include <libxml/parser.h>

static folio_status read_html(folio_doc *doc, const char *data, size_t len,
                              const folio_options *options, folio_error *err)
{
    html_utf8 utf8;
    HTML_TRY(html_decode(data, len, folio_options_get(options, "encoding"),
                         &utf8, err));
    bool full_page = html_is_full_page(utf8.data, utf8.len);
    /* The DOM's text is the page's own bytes, so the page stays as long. */
    xmlDoc *dom;
    folio_status status = html_parse(utf8.data, utf8.len, true, &dom, err);
    if (status != FOLIO_OK || dom == NULL) {
        free(utf8.owned);
        return status;
    }

    html_page_info info;
    status = html_metadata_read(doc, dom, folio_options_get(options, "base-url"),
                                full_page, &info, err);
    /* Fragments are read as they are; pages lose their chrome unless
     * asked to keep the whole body. */
    bool extract =
        full_page && !folio_options_get_bool(options, "no-extract", false);
    xmlNode *root = extract ? html_extract(dom, &info) : html_body(dom);
    if (status == FOLIO_OK && root != NULL && (extract || !full_page))
        status = html_metadata_from_body(doc, root, err);
    if (status == FOLIO_OK && root != NULL) {
        html_convert_options convert = {
            .max_depth = folio_options_get_int(options, "max-depth",
                                               FOLIO_DEFAULT_MAX_DEPTH),
            .base_url = (const char *)info.base_url,
        };
        status = html_convert(doc, root, &convert, err);
    }
    xmlFree(info.base_url);
    html_free_doc(dom);
    free(utf8.owned);
    return status;
}

static bool starts_with_ci(const char *data, size_t len, size_t at,
                           const char *prefix)
{
    size_t n = strlen(prefix);
    return at + n <= len && strncasecmp(data + at, prefix, n) == 0;
}

/* Tags that mark HTML when they come in numbers. */
static const char *const telltale_tags[] = {
    "<p>", "<p ", "<div", "<br", "<a href", "<table", "<td", "<li", "<ul",
    "<h1", "<h2", "<h3", "<head", "<body", "<span", "<img", "<meta",
    "<title", "<script", "<link", NULL,
};

static int probe_html(const char *data, size_t len)
{
    size_t at = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (at < len && html_is_space((unsigned char)data[at]))
        at++;
    if (at >= len || data[at] == '{' || data[at] == '[' ||
        starts_with_ci(data, len, at, "---\n") ||
        starts_with_ci(data, len, at, "---\r\n"))
        return 0;
    if (starts_with_ci(data, len, at, "<!doctype html") ||
        starts_with_ci(data, len, at, "<html"))
        return 85;
    int tags = 0;
    for (size_t i = at; i < len && tags < 20; i++) {
        if (data[i] != '<')
            continue;
        for (size_t t = 0; telltale_tags[t] != NULL; t++)
            if (starts_with_ci(data, len, i, telltale_tags[t])) {
                tags++;
                break;
            }
    }
    bool opens_with_tag = data[at] == '<';
    if (starts_with_ci(data, len, at, "<?xml") && tags > 0)
        return 75;
    if (opens_with_tag && tags >= 3)
        return 70;
    if (tags >= 10)
        return 40;
    if (tags >= 3)
        return 15;
    return tags > 0 ? 5 : 0;
}

static const folio_option_spec read_options[] = {
    {"encoding", FOLIO_OPTION_STRING, NULL,
     "the input's encoding, overriding what the page declares", NULL},
    {"no-extract", FOLIO_OPTION_BOOL, "false",
     "keep the whole <body> instead of extracting the article", NULL},
    {"base-url", FOLIO_OPTION_STRING, NULL,
     "the URL relative links and images resolve against", NULL},
    {NULL, FOLIO_OPTION_BOOL, NULL, NULL, NULL},
};

static const folio_option_spec write_options[] = {
    {"standalone", FOLIO_OPTION_BOOL, "false",
     "a whole page: head, metadata, title and stylesheet", NULL},
    {"css", FOLIO_OPTION_STRING, NULL,
     "a stylesheet URL used instead of the built-in style", NULL},
    {"unsafe", FOLIO_OPTION_BOOL, "false",
     "write raw HTML from the input as it is, unsanitized", NULL},
    {NULL, FOLIO_OPTION_BOOL, NULL, NULL, NULL},
};

static const char *const extensions[] = {"html", "htm", "xhtml", NULL};
static const char *const mime_types[] = {"text/html", NULL};

static const folio_plugin plugin = {
    FOLIO_PLUGIN_HEADER,
    .name = "html",
    .version = "1.0.0",
    .description = "HTML pages and fragments: article extraction, safe output",
    .extensions = extensions,
    .mime_types = mime_types,
    .read = read_html,
    .read_options = read_options,
    .write = html_write,
    .write_options = write_options,
    .probe = probe_html,
};

FOLIO_PLUGIN_EXPORT const folio_plugin *
folio_plugin_entry(const folio_host *host, folio_error *err)
{
    const folio_plugin *accepted = folio_plugin_accept(host, &plugin, err);
    /* Under the host's loader lock, so once and before any reader runs;
     * never paired with xmlCleanupParser, which would pull libxml2 from
     * under other users in the process. */
    if (accepted != NULL)
        xmlInitParser();
    return accepted;
}
