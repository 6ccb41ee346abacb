/*
 * The text format: plain text articles in, plain text out.
 * docs/text-format.md describes it for users.
 */
#include "text_plugin.h"

#include <folio/plugin.h>

static const char *const aliases[] = {"plain", "txt", NULL};
static const char *const extensions[] = {"txt", "text", NULL};
static const char *const mime_types[] = {"text/plain", NULL};

static const folio_option_spec read_options[] = {
    {"encoding", FOLIO_OPTION_CHOICE, TX_DEFAULT_ENCODING,
     "the input's encoding; auto: a BOM, else UTF-8, else Windows-1252",
     "auto|utf-8|utf8|utf-16|utf-16le|utf-16be|windows-1252|cp1252|latin1|"
     "iso-8859-1"},
    {"no-infer", FOLIO_OPTION_BOOL, TX_DEFAULT_NO_INFER ? "true" : "false",
     "plain paragraphs only: no title, lists, headings, quotes, code, "
     "links, and no chrome dropped",
     NULL},
    {NULL, FOLIO_OPTION_BOOL, NULL, NULL, NULL},
};

static const folio_option_spec write_options[] = {
    {"wrap", FOLIO_OPTION_CHOICE_OR_INT, TX_DEFAULT_WRAP,
     "none, or wrap paragraphs at this many columns (display width)",
     "none"},
    {"links", FOLIO_OPTION_CHOICE, TX_DEFAULT_LINKS,
     "inline: text (url); end: numbered references listed at the end; "
     "none: the text only",
     "inline|end|none"},
    {NULL, FOLIO_OPTION_BOOL, NULL, NULL, NULL},
};

static const folio_plugin plugin = {
    FOLIO_PLUGIN_HEADER,
    .name = "text",
    .version = "1.0.0",
    .description = "plain text articles: title, paragraphs, lists and "
                   "headings recovered",
    .aliases = aliases,
    .extensions = extensions,
    .mime_types = mime_types,
    .read = tx_read,
    .read_options = read_options,
    .write = tx_write,
    .write_options = write_options,
    .probe = tx_probe,
};

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(
    const folio_host *host, folio_error *err)
{
    return folio_plugin_accept(host, &plugin, err);
}
