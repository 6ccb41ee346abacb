/*
 * folio/registry.h: finding, loading and running plugins (the host side).
 *
 * A registry knows a list of plugin folders, in precedence order, and loads
 * plugins from them only when asked for a format: `-f md` loads what
 * provides "md", not every plugin. The folio command adds, highest
 * precedence first: each --plugin-dir, each folder of FOLIO_PLUGIN_PATH,
 * then the plugin folder beside its executable. The current directory is
 * never searched unless named.
 *
 * A plugin file is a regular file named NAME.so. Looking up a name first
 * tries NAME.so in each folder, in order; when that does not find it (an
 * alias, an extension, content detection) every plugin of every folder is
 * loaded and asked. A plugin that fails to load during such a scan is
 * skipped and reported to the warning handler; asked for by its file name,
 * it is an error. Two plugins claiming one name or alias: the one from the
 * folder of higher precedence wins and the other is reported, naming both
 * files; within one folder, it is an error.
 *
 * Plugins are never unloaded (not even by folio_registry_free): descriptors
 * and strings live in their mappings.
 *
 * Thread safety: every function may be called from several threads at once
 * on one registry; a folio_format, once returned, stays valid and unchanged
 * until the registry is freed.
 */
#ifndef FOLIO_REGISTRY_H
#define FOLIO_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <folio/doc.h>
#include <folio/error.h>
#include <folio/options.h>
#include <folio/plugin.h>
#include <folio/sink.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct folio_registry folio_registry;

/* A loaded plugin: its descriptor and where it came from. */
typedef struct folio_format folio_format;

typedef enum folio_role {
    FOLIO_ROLE_ANY = 0,
    FOLIO_ROLE_READ = 1,
    FOLIO_ROLE_WRITE = 2,
    FOLIO_ROLE_FILTER = 3
} folio_role;

/* Called for each problem that does not stop the work (a broken plugin
 * skipped in a scan). path names the plugin file. */
typedef void (*folio_warning_fn)(void *context, const char *path,
                                 const folio_error *warning);

/* A registry with no folders; NULL when out of memory. */
FOLIO_API folio_registry *folio_registry_new(void);

/* Frees the registry and its folio_format records (plugins stay mapped).
 * NULL is accepted. */
FOLIO_API void folio_registry_free(folio_registry *registry);

FOLIO_API void folio_registry_set_warning_handler(folio_registry *registry,
                                                  folio_warning_fn fn,
                                                  void *context);

/* Adds a folder, with lower precedence than those added before. A folder
 * that does not exist is kept (and found empty). */
FOLIO_API folio_status folio_registry_add_dir(folio_registry *registry,
                                              const char *dir,
                                              folio_error *err);

/* Adds each folder of a ':'-separated list (empty entries ignored). */
FOLIO_API folio_status folio_registry_add_path_list(folio_registry *registry,
                                                    const char *list,
                                                    folio_error *err);

/* Loads one plugin file (any name, any folder) and registers it. Every
 * failure (dlopen's own message, no entry symbol, another ABI, an invalid
 * descriptor, a name already taken) is FOLIO_ERR_PLUGIN or
 * FOLIO_ERR_VERSION with a message that starts with the path. *format
 * (may be NULL) receives the loaded format. */
FOLIO_API folio_status folio_registry_load_file(folio_registry *registry,
                                                const char *path,
                                                const folio_format **format,
                                                folio_error *err);

/* Loads every plugin of every folder (for --list-formats, and before
 * content detection); broken ones go to the warning handler. */
FOLIO_API folio_status folio_registry_load_all(folio_registry *registry,
                                               folio_error *err);

/* The format with this name or alias that has the role (FOLIO_ROLE_ANY for
 * any), loading it if needed. FOLIO_ERR_NOT_FOUND when none: "no reader
 * for format 'x'". */
FOLIO_API folio_status folio_registry_find(folio_registry *registry,
                                           const char *name, folio_role role,
                                           const folio_format **format,
                                           folio_error *err);

/* The format that claims this file extension (without the dot, compared
 * without case) and has the role. FOLIO_ERR_NOT_FOUND when none. */
FOLIO_API folio_status folio_registry_find_by_extension(
    folio_registry *registry, const char *extension, folio_role role,
    const folio_format **format, folio_error *err);

/* The reader whose probe gives data the highest score (a tie goes to the
 * name that sorts first, so the answer never depends on load order). Loads
 * every plugin; probes see at most the first 64 KiB.
 * FOLIO_ERR_NOT_FOUND when every score is 0. */
FOLIO_API folio_status folio_registry_detect(folio_registry *registry,
                                             const char *data, size_t len,
                                             const folio_format **format,
                                             folio_error *err);

/*
 * The reader for one input, the way the folio command and batch choose it:
 *  - name given (not NULL, not "auto"): that format's reader;
 *  - name "auto", or a path (may be NULL, or "-") without an extension a
 *    reader claims: by content (folio_registry_detect);
 *  - otherwise the reader claiming path's extension, unless its probe
 *    scores the content 0: an extension can lie (a .txt file that opens
 *    with YAML front matter is Markdown), and then by content.
 * FOLIO_ERR_NOT_FOUND when no reader fits.
 */
FOLIO_API folio_status folio_registry_choose_reader(
    folio_registry *registry, const char *name, const char *path,
    const char *data, size_t len, const folio_format **format,
    folio_error *err);

/* The extension of path's last component (after its last '.', not a
 * leading one), borrowed from path, or NULL. */
FOLIO_API const char *folio_path_extension(const char *path);

/* The formats loaded so far, in load order (borrowed). */
FOLIO_API size_t folio_registry_count(folio_registry *registry);
FOLIO_API const folio_format *folio_registry_format(folio_registry *registry,
                                                    size_t index);

/* ---- A loaded format ---------------------------------------------------- */

FOLIO_API const folio_plugin *folio_format_plugin(const folio_format *format);
FOLIO_API const char *folio_format_name(const folio_format *format);
/* The file it was loaded from (borrowed). */
FOLIO_API const char *folio_format_path(const folio_format *format);
FOLIO_API bool folio_format_has_role(const folio_format *format,
                                     folio_role role);
/* The options the role declares (NULL-terminated array, may be NULL). */
FOLIO_API const folio_option_spec *folio_format_options(
    const folio_format *format, folio_role role);

/* Reads len bytes with the format's reader into a new document, which the
 * caller owns (folio_doc_free) and receives in *doc on success. On failure
 * *doc is NULL and nothing is leaked. */
FOLIO_API folio_status folio_format_read(const folio_format *format,
                                         const char *data, size_t len,
                                         const folio_options *options,
                                         folio_doc **doc, folio_error *err);

/* Writes doc with the format's writer to sink, then flushes the sink.
 * Returns the writer's error, else the sink's. */
FOLIO_API folio_status folio_format_write(const folio_format *format,
                                          const folio_doc *doc,
                                          folio_sink *sink,
                                          const folio_options *options,
                                          folio_error *err);

/* Runs the format's filter on doc. */
FOLIO_API folio_status folio_format_filter(const folio_format *format,
                                           folio_doc *doc,
                                           const folio_options *options,
                                           folio_error *err);

#ifdef __cplusplus
}
#endif
#endif
