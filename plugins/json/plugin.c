/*
 * The JSON format: folio's document tree and metadata, losslessly.
 *
 * docs/json-format.md describes the format for users and
 * docs/folio-json.schema.json defines it; the plugin follows them. This
 * file is what the host sees: the probe, the descriptor and the entry
 * point. The reader is json_read.c, the writer json_write.c.
 */
#include "json_plugin.h"

#include <folio/plugin.h>

#include <string.h>

/* ---- Probe ---------------------------------------------------------------- */

/* How far into the input the "folio" member is looked for: the writer puts
 * it first, a person may put it after a few others. */
enum { PROBE_WINDOW = 1024 };

/* Whether "folio" followed by a colon occurs in the len bytes at s. */
static bool has_version_member(const char *s, size_t len)
{
    static const char needle[] = "\"folio\"";
    const size_t n = sizeof needle - 1;
    for (size_t i = 0; i + n <= len; i++) {
        if (s[i] != '"' || memcmp(s + i, needle, n) != 0)
            continue;
        size_t p = jp_skip_space(s, len, i + n);
        if (p < len && s[p] == ':')
            return true;
    }
    return false;
}

/* 90 for an object naming "folio" near its start; 15 for other JSON
 * objects and arrays, so that .json files still come here and get a clear
 * error rather than being read as text; 0 otherwise. */
static int json_probe(const char *data, size_t len)
{
    size_t p = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        p = 3;
    p = jp_skip_space(data, len, p);
    if (p == len || (data[p] != '{' && data[p] != '['))
        return 0;
    /* What may follow: a member name or "}"; a container, a string or "]".
     * Markdown's "{{" or "[link]" may not. */
    size_t q = jp_skip_space(data, len, p + 1);
    if (q < len && data[q] != '"' &&
        (data[p] == '{' ? data[q] != '}'
                        : data[q] != '{' && data[q] != '[' && data[q] != ']'))
        return 0;
    size_t window = len - p < PROBE_WINDOW ? len - p : PROBE_WINDOW;
    if (data[p] == '{' && has_version_member(data + p, window))
        return 90;
    return 15;
}

/* ---- Descriptor ----------------------------------------------------------- */

static const char *const extensions[] = {"json", NULL};
static const char *const mime_types[] = {"application/json", NULL};

static const folio_option_spec write_options[] = {
    {"compact", FOLIO_OPTION_BOOL, "false",
     "write everything on one line, without indentation", NULL},
    {NULL, FOLIO_OPTION_BOOL, NULL, NULL, NULL},
};

static const folio_plugin plugin = {
    FOLIO_PLUGIN_HEADER,
    .name = "json",
    .version = "1.0.0",
    .description = "folio's document tree and metadata as JSON, losslessly",
    .extensions = extensions,
    .mime_types = mime_types,
    .read = jp_read,
    .write = jp_write,
    .write_options = write_options,
    .probe = json_probe,
};

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(
    const folio_host *host, folio_error *err)
{
    return folio_plugin_accept(host, &plugin, err);
}
