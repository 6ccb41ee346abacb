/* Finding and loading plugins: folders, dlopen, descriptor checks. */
#include <folio/registry.h>

#include <dirent.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "io_private.h"
#include "plugin_check.h"

struct folio_format {
    const folio_plugin *plugin;
    char *path;
    dev_t device;      /* the file's identity, so no file loads twice */
    ino_t inode;
};

struct folio_registry {
    pthread_mutex_t lock;
    char **dirs;
    size_t dir_count;
    folio_format **formats;
    size_t format_count;
    size_t format_capacity;
    bool scanned;      /* every folder's plugins have been loaded */
    folio_warning_fn warn;
    void *warn_context;
};

folio_registry *folio_registry_new(void)
{
    folio_registry *registry = calloc(1, sizeof *registry);
    if (registry == NULL)
        return NULL;
    if (pthread_mutex_init(&registry->lock, NULL) != 0) {
        free(registry);
        return NULL;
    }
    return registry;
}

void folio_registry_free(folio_registry *registry)
{
    if (registry == NULL)
        return;
    for (size_t i = 0; i < registry->dir_count; i++)
        free(registry->dirs[i]);
    free(registry->dirs);
    for (size_t i = 0; i < registry->format_count; i++) {
        free(registry->formats[i]->path);
        free(registry->formats[i]);
    }
    free(registry->formats);
    pthread_mutex_destroy(&registry->lock);
    free(registry);
}

void folio_registry_set_warning_handler(folio_registry *registry,
                                        folio_warning_fn fn, void *context)
{
    pthread_mutex_lock(&registry->lock);
    registry->warn = fn;
    registry->warn_context = context;
    pthread_mutex_unlock(&registry->lock);
}

folio_status folio_registry_add_dir(folio_registry *registry, const char *dir,
                                    folio_error *err)
{
    char *copy = strdup(dir);
    if (copy == NULL)
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    pthread_mutex_lock(&registry->lock);
    char **dirs = realloc(registry->dirs,
                          (registry->dir_count + 1) * sizeof *dirs);
    if (dirs == NULL) {
        pthread_mutex_unlock(&registry->lock);
        free(copy);
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    }
    dirs[registry->dir_count++] = copy;
    registry->dirs = dirs;
    registry->scanned = false;
    pthread_mutex_unlock(&registry->lock);
    return FOLIO_OK;
}

folio_status folio_registry_add_path_list(folio_registry *registry,
                                          const char *list, folio_error *err)
{
    while (list != NULL && *list != '\0') {
        const char *end = strchr(list, ':');
        size_t len = end != NULL ? (size_t)(end - list) : strlen(list);
        if (len > 0) {
            char *dir = strndup(list, len);
            if (dir == NULL)
                return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
            folio_status status = folio_registry_add_dir(registry, dir, err);
            free(dir);
            if (status != FOLIO_OK)
                return status;
        }
        list = end != NULL ? end + 1 : NULL;
    }
    return FOLIO_OK;
}

/* ---- Matching ----------------------------------------------------------- */

static bool list_contains(const char *const *list, const char *word,
                          bool ignore_case)
{
    for (; list != NULL && *list != NULL; list++)
        if ((ignore_case ? strcasecmp(*list, word) : strcmp(*list, word)) == 0)
            return true;
    return false;
}

static bool format_is_named(const folio_format *format, const char *name)
{
    return strcmp(format->plugin->name, name) == 0 ||
           list_contains(format->plugin->aliases, name, false);
}

bool folio_format_has_role(const folio_format *format, folio_role role)
{
    const folio_plugin *plugin = format->plugin;
    switch (role) {
    case FOLIO_ROLE_ANY: return true;
    case FOLIO_ROLE_READ: return plugin->read != NULL;
    case FOLIO_ROLE_WRITE: return plugin->write != NULL;
    case FOLIO_ROLE_FILTER: return plugin->filter != NULL;
    }
    return false;
}

static folio_format *find_loaded_by_name(const folio_registry *registry,
                                         const char *name)
{
    for (size_t i = 0; i < registry->format_count; i++)
        if (format_is_named(registry->formats[i], name))
            return registry->formats[i];
    return NULL;
}

static folio_format *find_loaded_by_extension(const folio_registry *registry,
                                              const char *extension,
                                              folio_role role)
{
    for (size_t i = 0; i < registry->format_count; i++) {
        folio_format *format = registry->formats[i];
        if (folio_format_has_role(format, role) &&
            list_contains(format->plugin->extensions, extension, true))
            return format;
    }
    return NULL;
}

/* ---- Loading ------------------------------------------------------------ */

static folio_format *find_loaded_file(const folio_registry *registry,
                                      const struct stat *st)
{
    for (size_t i = 0; i < registry->format_count; i++)
        if (registry->formats[i]->device == st->st_dev &&
            registry->formats[i]->inode == st->st_ino)
            return registry->formats[i];
    return NULL;
}

/* The first loaded format that claims a name or alias of plugin. */
static const folio_format *find_name_clash(const folio_registry *registry,
                                           const folio_plugin *plugin,
                                           const char **clashing_name)
{
    const folio_format *owner = find_loaded_by_name(registry, plugin->name);
    *clashing_name = plugin->name;
    for (const char *const *alias = plugin->aliases;
         owner == NULL && alias != NULL && *alias != NULL; alias++) {
        owner = find_loaded_by_name(registry, *alias);
        *clashing_name = *alias;
    }
    return owner;
}

static folio_status add_format(folio_registry *registry,
                               const folio_plugin *plugin, const char *path,
                               const struct stat *st,
                               const folio_format **out, folio_error *err)
{
    if (registry->format_count == registry->format_capacity) {
        size_t capacity = registry->format_capacity == 0
                              ? 8 : registry->format_capacity * 2;
        folio_format **formats =
            realloc(registry->formats, capacity * sizeof *formats);
        if (formats == NULL)
            return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
        registry->formats = formats;
        registry->format_capacity = capacity;
    }
    folio_format *format = calloc(1, sizeof *format);
    /* The real file, not the alias link it may have been found through. */
    char *path_copy = realpath(path, NULL);
    if (path_copy == NULL)
        path_copy = strdup(path);
    if (format == NULL || path_copy == NULL) {
        free(format);
        free(path_copy);
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    }
    *format = (folio_format){plugin, path_copy, st->st_dev, st->st_ino};
    registry->formats[registry->format_count++] = format;
    if (out != NULL)
        *out = format;
    return FOLIO_OK;
}

/* Plugins are never dlclose'd, not even after a failure: a refused plugin's
 * constructors or entry may already have registered state (atexit handlers,
 * library initialisation) that must not outlive its code. */
static folio_status load_file_locked(folio_registry *registry,
                                     const char *path,
                                     const folio_format **out,
                                     folio_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return folio_error_set(err, FOLIO_ERR_NOT_FOUND,
                               "%s: no such plugin file", path);
    if (!S_ISREG(st.st_mode))
        return folio_error_set(err, FOLIO_ERR_PLUGIN,
                               "%s: not a regular file", path);
    folio_format *loaded = find_loaded_file(registry, &st);
    if (loaded != NULL) {
        if (out != NULL)
            *out = loaded;
        return FOLIO_OK;
    }
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL)
        return folio_error_set(err, FOLIO_ERR_PLUGIN, "%s: cannot load: %s",
                               path, dlerror());
    folio_plugin_entry_fn entry;
    /* POSIX's sanctioned way to turn dlsym's void * into a function. */
    *(void **)&entry = dlsym(handle, FOLIO_PLUGIN_ENTRY_SYMBOL);
    if (entry == NULL)
        return folio_error_set(err, FOLIO_ERR_PLUGIN,
                               "%s: not a folio plugin: no symbol %s", path,
                               FOLIO_PLUGIN_ENTRY_SYMBOL);
    static const folio_host host = {FOLIO_ABI_MAJOR, FOLIO_ABI_MINOR,
                                    sizeof(folio_host), FOLIO_VERSION_STRING};
    folio_error refusal;
    folio_error_clear(&refusal);
    const folio_plugin *plugin = entry(&host, &refusal);
    if (plugin == NULL)
        return folio_error_set(err,
                               refusal.code == FOLIO_ERR_VERSION
                                   ? FOLIO_ERR_VERSION : FOLIO_ERR_PLUGIN,
                               "%s: the plugin refused to load: %s", path,
                               refusal.message[0] != '\0'
                                   ? refusal.message : "no reason given");
    folio_status status = folio_plugin_check(plugin, path, err);
    if (status != FOLIO_OK)
        return status;
    const char *clashing_name;
    const folio_format *owner = find_name_clash(registry, plugin,
                                                &clashing_name);
    if (owner != NULL)
        return folio_error_set(err, FOLIO_ERR_PLUGIN,
                               "%s: format name '%s' is already provided by %s",
                               path, clashing_name, owner->path);
    return add_format(registry, plugin, path, &st, out, err);
}

folio_status folio_registry_load_file(folio_registry *registry,
                                      const char *path,
                                      const folio_format **format,
                                      folio_error *err)
{
    pthread_mutex_lock(&registry->lock);
    folio_status status = load_file_locked(registry, path, format, err);
    pthread_mutex_unlock(&registry->lock);
    return status;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_plugin_suffix(const char *name)
{
    size_t len = strlen(name);
    return len > 3 && name[0] != '.' && strcmp(name + len - 3, ".so") == 0;
}

static void warn(const folio_registry *registry, const char *path,
                 const folio_error *warning)
{
    if (registry->warn != NULL)
        registry->warn(registry->warn_context, path, warning);
}

/* The plugin file names of dir, sorted so that scans are deterministic. */
static folio_status list_plugin_files(const char *dir, char ***names,
                                      size_t *count, folio_error *err)
{
    *names = NULL;
    *count = 0;
    DIR *handle = opendir(dir);
    if (handle == NULL)
        return FOLIO_OK;
    size_t capacity = 0;
    folio_status status = FOLIO_OK;
    struct dirent *entry;
    while ((entry = readdir(handle)) != NULL) {
        if (!has_plugin_suffix(entry->d_name))
            continue;
        if (*count == capacity) {
            capacity = capacity == 0 ? 16 : capacity * 2;
            char **grown = realloc(*names, capacity * sizeof *grown);
            if (grown == NULL) {
                status = FOLIO_ERR_NOMEM;
                break;
            }
            *names = grown;
        }
        if (((*names)[*count] = strdup(entry->d_name)) == NULL) {
            status = FOLIO_ERR_NOMEM;
            break;
        }
        (*count)++;
    }
    closedir(handle);
    if (status != FOLIO_OK)
        return folio_error_set(err, status, "out of memory");
    if (*count > 0)
        qsort(*names, *count, sizeof **names, compare_names);
    return FOLIO_OK;
}

static void free_names(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

static folio_status load_all_locked(folio_registry *registry, folio_error *err)
{
    if (registry->scanned)
        return FOLIO_OK;
    for (size_t d = 0; d < registry->dir_count; d++) {
        char **names;
        size_t count;
        folio_status status =
            list_plugin_files(registry->dirs[d], &names, &count, err);
        if (status != FOLIO_OK)
            return status;
        for (size_t i = 0; i < count && status == FOLIO_OK; i++) {
            char *path = folio_path_join(registry->dirs[d], names[i], "");
            if (path == NULL) {
                status = folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
                break;
            }
            folio_error warning;
            folio_error_clear(&warning);
            folio_status loaded =
                load_file_locked(registry, path, NULL, &warning);
            if (loaded == FOLIO_ERR_NOMEM)
                status = folio_error_set(err, loaded, "out of memory");
            else if (loaded != FOLIO_OK)
                warn(registry, path, &warning);
            free(path);
        }
        free_names(names, count);
        if (status != FOLIO_OK)
            return status;
    }
    registry->scanned = true;
    return FOLIO_OK;
}

folio_status folio_registry_load_all(folio_registry *registry,
                                     folio_error *err)
{
    pthread_mutex_lock(&registry->lock);
    folio_status status = load_all_locked(registry, err);
    pthread_mutex_unlock(&registry->lock);
    return status;
}

/* Format names become file names: refuse anything that could leave the
 * folder or name a hidden file. */
static bool name_is_safe(const char *name)
{
    if (name[0] == '\0' || name[0] == '.')
        return false;
    for (const char *p = name; *p != '\0'; p++)
        if (*p == '/' || *p == '\\')
            return false;
    return true;
}

/* Tries NAME.so in each folder, in precedence order, until one loads. */
static folio_status load_by_file_name(folio_registry *registry,
                                      const char *name, folio_error *err)
{
    if (!name_is_safe(name))
        return FOLIO_OK;
    for (size_t d = 0; d < registry->dir_count; d++) {
        char *path = folio_path_join(registry->dirs[d], name, ".so");
        if (path == NULL)
            return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
        struct stat st;
        folio_status status = FOLIO_OK;
        bool exists = stat(path, &st) == 0;
        if (exists)
            status = load_file_locked(registry, path, NULL, err);
        free(path);
        if (exists)
            return status;
    }
    return FOLIO_OK;
}

static const char *role_noun(folio_role role)
{
    switch (role) {
    case FOLIO_ROLE_READ: return "reader";
    case FOLIO_ROLE_WRITE: return "writer";
    case FOLIO_ROLE_FILTER: return "filter";
    case FOLIO_ROLE_ANY: break;
    }
    return "plugin";
}

static folio_status find_locked(folio_registry *registry, const char *name,
                                folio_role role, const folio_format **out,
                                folio_error *err)
{
    folio_format *format = find_loaded_by_name(registry, name);
    folio_status status = FOLIO_OK;
    if (format == NULL)
        status = load_by_file_name(registry, name, err);
    if (status == FOLIO_OK && (format = find_loaded_by_name(registry, name)) == NULL)
        status = load_all_locked(registry, err);
    if (status != FOLIO_OK)
        return status;
    if (format == NULL && (format = find_loaded_by_name(registry, name)) == NULL)
        return folio_error_set(err, FOLIO_ERR_NOT_FOUND,
                               "unknown format '%s' (see --list-formats)",
                               name);
    if (!folio_format_has_role(format, role))
        return folio_error_set(err, FOLIO_ERR_NOT_FOUND,
                               "format '%s' has no %s", name,
                               role_noun(role));
    *out = format;
    return FOLIO_OK;
}

folio_status folio_registry_find(folio_registry *registry, const char *name,
                                 folio_role role, const folio_format **format,
                                 folio_error *err)
{
    pthread_mutex_lock(&registry->lock);
    folio_status status = find_locked(registry, name, role, format, err);
    pthread_mutex_unlock(&registry->lock);
    return status;
}

static folio_status find_by_extension_locked(folio_registry *registry,
                                             const char *extension,
                                             folio_role role,
                                             const folio_format **out,
                                             folio_error *err)
{
    folio_format *format = find_loaded_by_extension(registry, extension, role);
    folio_status status = FOLIO_OK;
    if (format == NULL)
        status = load_by_file_name(registry, extension, err);
    if (status == FOLIO_OK &&
        (format = find_loaded_by_extension(registry, extension, role)) == NULL)
        status = load_all_locked(registry, err);
    if (status != FOLIO_OK)
        return status;
    if (format == NULL &&
        (format = find_loaded_by_extension(registry, extension, role)) == NULL)
        return folio_error_set(err, FOLIO_ERR_NOT_FOUND,
                               "no %s for the file extension '.%s'",
                               role_noun(role), extension);
    *out = format;
    return FOLIO_OK;
}

folio_status folio_registry_find_by_extension(folio_registry *registry,
                                              const char *extension,
                                              folio_role role,
                                              const folio_format **format,
                                              folio_error *err)
{
    pthread_mutex_lock(&registry->lock);
    folio_status status =
        find_by_extension_locked(registry, extension, role, format, err);
    pthread_mutex_unlock(&registry->lock);
    return status;
}

enum { PROBE_MAX_BYTES = 64 * 1024 };

folio_status folio_registry_detect(folio_registry *registry, const char *data,
                                   size_t len, const folio_format **out,
                                   folio_error *err)
{
    pthread_mutex_lock(&registry->lock);
    folio_status status = load_all_locked(registry, err);
    const folio_format *best = NULL;
    int best_score = 0;
    size_t probe_len = len < PROBE_MAX_BYTES ? len : PROBE_MAX_BYTES;
    for (size_t i = 0; status == FOLIO_OK && i < registry->format_count; i++) {
        const folio_format *format = registry->formats[i];
        if (format->plugin->read == NULL || format->plugin->probe == NULL)
            continue;
        int score = format->plugin->probe(data, probe_len);
        if (score > best_score ||
            (score == best_score && score > 0 &&
             strcmp(format->plugin->name, best->plugin->name) < 0)) {
            best = format;
            best_score = score;
        }
    }
    pthread_mutex_unlock(&registry->lock);
    if (status != FOLIO_OK)
        return status;
    if (best == NULL)
        return folio_error_set(err, FOLIO_ERR_NOT_FOUND,
                               "cannot tell the input format from its "
                               "content; name it with -f");
    *out = best;
    return FOLIO_OK;
}

const char *folio_path_extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash != NULL ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot != NULL && dot != base && dot[1] != '\0' ? dot + 1 : NULL;
}

folio_status folio_registry_choose_reader(folio_registry *registry,
                                          const char *name, const char *path,
                                          const char *data, size_t len,
                                          const folio_format **format,
                                          folio_error *err)
{
    bool by_content = name != NULL && strcmp(name, "auto") == 0;
    if (name != NULL && !by_content)
        return folio_registry_find(registry, name, FOLIO_ROLE_READ, format,
                                   err);
    const char *extension = path != NULL && !by_content
                                ? folio_path_extension(path) : NULL;
    if (extension != NULL &&
        folio_registry_find_by_extension(registry, extension, FOLIO_ROLE_READ,
                                         format, NULL) == FOLIO_OK) {
        folio_probe_fn probe = folio_format_plugin(*format)->probe;
        size_t probe_len = len < PROBE_MAX_BYTES ? len : PROBE_MAX_BYTES;
        if (probe == NULL || probe(data, probe_len) > 0)
            return FOLIO_OK;
    }
    return folio_registry_detect(registry, data, len, format, err);
}

size_t folio_registry_count(folio_registry *registry)
{
    pthread_mutex_lock(&registry->lock);
    size_t count = registry->format_count;
    pthread_mutex_unlock(&registry->lock);
    return count;
}

const folio_format *folio_registry_format(folio_registry *registry,
                                          size_t index)
{
    pthread_mutex_lock(&registry->lock);
    const folio_format *format =
        index < registry->format_count ? registry->formats[index] : NULL;
    pthread_mutex_unlock(&registry->lock);
    return format;
}

const folio_plugin *folio_format_plugin(const folio_format *format)
{
    return format->plugin;
}

const char *folio_format_name(const folio_format *format)
{
    return format->plugin->name;
}

const char *folio_format_path(const folio_format *format)
{
    return format->path;
}

const folio_option_spec *folio_format_options(const folio_format *format,
                                              folio_role role)
{
    switch (role) {
    case FOLIO_ROLE_READ: return format->plugin->read_options;
    case FOLIO_ROLE_WRITE: return format->plugin->write_options;
    case FOLIO_ROLE_FILTER: return format->plugin->filter_options;
    case FOLIO_ROLE_ANY: break;
    }
    return NULL;
}
