/*
 * folio/plugin.h: the plugin ABI.
 *
 * A plugin is a shared object that provides one format (a reader, a writer
 * or both) or one filter. The host loads it with dlopen(RTLD_NOW |
 * RTLD_LOCAL), looks up the single entry symbol folio_plugin_entry, and
 * calls it once, which returns a constant descriptor. Everything else in a
 * plugin should be static (build with -fvisibility=hidden).
 *
 *     static const char *const aliases[] = {"txt", NULL};
 *     static const folio_plugin plugin = {
 *         FOLIO_PLUGIN_HEADER,
 *         .name = "text", .version = "1.0.0", .aliases = aliases,
 *         .read = read_text, .write = write_text,
 *     };
 *     FOLIO_PLUGIN_EXPORT const folio_plugin *
 *     folio_plugin_entry(const folio_host *host, folio_error *err)
 *     {
 *         return folio_plugin_accept(host, &plugin, err);
 *     }
 *
 * Contract:
 *  - Readers do no I/O: they get bytes, and fill a new empty document the
 *    host made. Writers get a borrowed document and a sink. Filters change
 *    a document in place. The host owns every path and file descriptor.
 *  - Reader, writer, filter and probe may be called on many threads at once
 *    (on different documents): they must keep no mutable global state.
 *  - A plugin touches the core only through the public headers under
 *    include/folio/ (it links against libfolio).
 *  - A plugin is never unloaded while the process runs, so the descriptor
 *    and every string it points to may be static data of the plugin.
 *
 * Versioning: the descriptor starts with the ABI version the plugin was
 * built against and the descriptor's size. The host refuses another major
 * version, or a minor version newer than its own, with a message naming the
 * file and both versions; it reads a field only when `size` covers it.
 * Fields are only ever appended: none is removed, reordered or reused.
 */
#ifndef FOLIO_PLUGIN_H
#define FOLIO_PLUGIN_H

#include <stddef.h>
#include <stdint.h>
#include <folio/doc.h>
#include <folio/error.h>
#include <folio/options.h>
#include <folio/sink.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FOLIO_ABI_MAJOR 1
#define FOLIO_ABI_MINOR 0

#define FOLIO_PLUGIN_ENTRY_SYMBOL "folio_plugin_entry"

#if defined(__GNUC__)
#define FOLIO_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define FOLIO_PLUGIN_EXPORT
#endif

/*
 * Fills a reader's empty document (root and metadata already made) from
 * len bytes at data, which need not be NUL-terminated. On failure, returns
 * an error with its position in *err; the host then frees the document, so
 * the reader need not undo anything it built.
 */
typedef folio_status (*folio_read_fn)(folio_doc *doc, const char *data,
                                      size_t len,
                                      const folio_options *options,
                                      folio_error *err);

/* Writes doc (borrowed, unchanged) to sink. Returns FOLIO_OK or an error;
 * a failing sink must make the writer return its error, leaking nothing. */
typedef folio_status (*folio_write_fn)(const folio_doc *doc, folio_sink *sink,
                                       const folio_options *options,
                                       folio_error *err);

/* Changes doc in place; leaves a valid tree whether it succeeds or not. */
typedef folio_status (*folio_filter_fn)(folio_doc *doc,
                                        const folio_options *options,
                                        folio_error *err);

/* How sure the reader is, from 0 (not this format) to 100 (certainly),
 * that data (the first len bytes of the input, at most 64 KiB) is in its
 * format. Must be fast and never fail. */
typedef int (*folio_probe_fn)(const char *data, size_t len);

/* What the host tells a plugin about itself. */
typedef struct folio_host {
    uint32_t abi_major;
    uint32_t abi_minor;
    uint32_t size;           /* sizeof(folio_host) in the host */
    const char *version;     /* the library version, as folio_version() */
} folio_host;

typedef struct folio_plugin {
    /* ---- ABI 1.0 ---- */
    uint32_t abi_major;      /* FOLIO_ABI_MAJOR the plugin was built with */
    uint32_t abi_minor;      /* FOLIO_ABI_MINOR the plugin was built with */
    uint32_t size;           /* sizeof(folio_plugin) the plugin was built with */

    /* The format or filter name: lower-case ASCII letters, digits, '-' and
     * '_', starting with a letter. Unique among loaded plugins. */
    const char *name;
    const char *version;     /* the plugin's own version, "1.2.0" */
    const char *description; /* one line, or NULL */

    /* NULL-terminated lists, or NULL: other names ("md"), file extensions
     * without the dot ("md", "markdown"), MIME types ("text/markdown"). */
    const char *const *aliases;
    const char *const *extensions;
    const char *const *mime_types;

    /* Any of these may be NULL; a plugin provides at least one of read,
     * write and filter. Option arrays end with a spec whose name is NULL. */
    folio_read_fn read;
    const folio_option_spec *read_options;
    folio_write_fn write;
    const folio_option_spec *write_options;
    folio_filter_fn filter;
    const folio_option_spec *filter_options;
    folio_probe_fn probe;
    /* ---- later minor versions append fields here ---- */
} folio_plugin;

/* Starts a descriptor's initializer with the three version fields. */
#define FOLIO_PLUGIN_HEADER                                                  \
    .abi_major = FOLIO_ABI_MAJOR, .abi_minor = FOLIO_ABI_MINOR,              \
    .size = (uint32_t)sizeof(folio_plugin)

/* The entry symbol every plugin defines, with exactly this signature.
 * Called once, right after loading, under the host's loader lock (it may
 * initialise the libraries the plugin uses). Returns the descriptor, or
 * NULL to refuse to load, having filled *err with the reason. */
FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(
    const folio_host *host, folio_error *err);

typedef const folio_plugin *(*folio_plugin_entry_fn)(const folio_host *host,
                                                     folio_error *err);

/* Whether the host can run a plugin built against these headers: the same
 * ABI major, and a minor at least as new. */
static inline int folio_plugin_host_compatible(const folio_host *host)
{
    /* Written as a subtraction so that minor 0 draws no "always true"
     * warning from compilers. */
    return host != NULL && host->abi_major == FOLIO_ABI_MAJOR &&
           (int64_t)host->abi_minor - FOLIO_ABI_MINOR >= 0;
}

/* The usual body of folio_plugin_entry: descriptor when the host can run
 * a plugin built against these headers, else NULL with *err naming the
 * plugin and both ABI versions. */
static inline const folio_plugin *folio_plugin_accept(
    const folio_host *host, const folio_plugin *descriptor, folio_error *err)
{
    if (folio_plugin_host_compatible(host))
        return descriptor;
    if (host == NULL)
        folio_error_set(err, FOLIO_ERR_VERSION,
                        "the %s plugin was given no host description",
                        descriptor->name);
    else
        folio_error_set(err, FOLIO_ERR_VERSION,
                        "the %s plugin needs plugin ABI %d.%d or a later "
                        "%d.x; the host has %u.%u",
                        descriptor->name, FOLIO_ABI_MAJOR, FOLIO_ABI_MINOR,
                        FOLIO_ABI_MAJOR, (unsigned)host->abi_major,
                        (unsigned)host->abi_minor);
    return NULL;
}

#ifdef __cplusplus
}
#endif
#endif
