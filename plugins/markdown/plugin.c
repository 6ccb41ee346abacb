/*
 * The Markdown format: CommonMark (cmark) with YAML front matter (libyaml),
 * as Jekyll and Hugo write it, and GFM's pipe tables and strikethrough.
 * This file is the plugin's face: options, the descriptor, and the order
 * of the steps; each step has its own file.
 */
#include "markdown.h"

#include <stdlib.h>
#include <string.h>
#include <folio/node.h>
#include <folio/options.h>
#include <folio/plugin.h>
#include <folio/text.h>

static folio_status read_markdown(folio_doc *doc, const char *data,
                                  size_t len, const folio_options *options,
                                  folio_error *err)
{
    folio_status st = folio_utf8_require(data, len, err);
    if (st != FOLIO_OK)
        return st;
    size_t start = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    md_body_place place = {.first_line = 1, .first_column = start};
    int64_t max_depth = folio_options_get_int(options, "max-depth",
                                              FOLIO_DEFAULT_MAX_DEPTH);
    md_front_matter fm;
    if (folio_options_get_bool(options, "front-matter", true) &&
        md_front_matter_find(data, len, start, &fm)) {
        md_yaml_limits limits = {
            .max_depth = max_depth,
            .max_aliases = folio_options_get_int(options, "max-yaml-aliases",
                                                 MD_DEFAULT_MAX_YAML_ALIASES),
        };
        st = md_front_matter_read(doc, data, len, &fm, &limits, err);
        if (st != FOLIO_OK)
            return st;
        start = fm.body_start;
        place = (md_body_place){.first_line = fm.body_line};
    }
    md_read_options body = {
        .smart = folio_options_get_bool(options, "smart", false),
        .gfm = folio_options_get_bool(options, "gfm", true),
        .max_depth = max_depth,
    };
    return md_body_read(doc, data + start, len - start, &place, &body, err);
}

/* "none" or a column number. */
static folio_status wrap_option(const folio_options *options, int *wrap,
                                folio_error *err)
{
    const char *value = folio_options_get(options, "wrap");
    *wrap = 0;
    if (value == NULL || strcmp(value, "none") == 0)
        return FOLIO_OK;
    char *end;
    long n = strtol(value, &end, 10);
    if (*value < '0' || *value > '9' || *end != '\0' || n < 1 || n > 10000)
        return folio_error_set(err, FOLIO_ERR_ARGUMENT,
                               "--wrap takes 'none' or a column from 1 to "
                               "10000, not '%s'",
                               value);
    *wrap = (int)n;
    return FOLIO_OK;
}

static folio_status write_markdown(const folio_doc *doc, folio_sink *sink,
                                   const folio_options *options,
                                   folio_error *err)
{
    int wrap;
    folio_status st = wrap_option(options, &wrap, err);
    if (st != FOLIO_OK)
        return st;
    bool wrote;
    st = md_front_matter_write(doc, sink, &wrote, err);
    if (st != FOLIO_OK)
        return st;
    if (wrote && folio_node_first_child(folio_doc_root(doc)) != NULL)
        folio_sink_putc(sink, '\n');
    st = md_body_write(doc, sink, wrap, err);
    if (st != FOLIO_OK)
        return st;
    return folio_sink_status(sink, err);
}

static const char *const aliases[] = {"md", NULL};
static const char *const extensions[] = {"md", "markdown", "mdown", "mkd",
                                         NULL};
static const char *const mime_types[] = {"text/markdown", NULL};

static const folio_option_spec read_options[] = {
    {"smart", FOLIO_OPTION_BOOL, "false",
     "curly quotes, dashes and ellipses from straight ones", NULL},
    {"front-matter", FOLIO_OPTION_BOOL, "true",
     "read a leading '---' block as YAML metadata", NULL},
    {"max-yaml-aliases", FOLIO_OPTION_INT, "100",
     "most aliases the front matter may use", NULL},
    {"gfm", FOLIO_OPTION_BOOL, "true",
     "read GFM pipe tables and ~~strikethrough~~", NULL},
    {NULL, FOLIO_OPTION_BOOL, NULL, NULL, NULL},
};

static const folio_option_spec write_options[] = {
    {"wrap", FOLIO_OPTION_CHOICE_OR_INT, "none",
     "'none', or the column to wrap paragraphs at", "none"},
    {NULL, FOLIO_OPTION_BOOL, NULL, NULL, NULL},
};

static const folio_plugin plugin = {
    FOLIO_PLUGIN_HEADER,
    .name = "markdown",
    .version = "1.0.0",
    .description = "CommonMark with YAML front matter (cmark, libyaml)",
    .aliases = aliases,
    .extensions = extensions,
    .mime_types = mime_types,
    .read = read_markdown,
    .read_options = read_options,
    .write = write_markdown,
    .write_options = write_options,
    .probe = md_probe,
};

FOLIO_PLUGIN_EXPORT const folio_plugin *
folio_plugin_entry(const folio_host *host, folio_error *err)
{
    return folio_plugin_accept(host, &plugin, err);
}
