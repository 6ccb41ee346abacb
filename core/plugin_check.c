#include "plugin_check.h"

#include <stddef.h>
#include <string.h>

/* The descriptor size of ABI 1.0: a plugin's struct is at least this big. */
#define PLUGIN_SIZE_1_0 \
    (offsetof(folio_plugin, probe) + sizeof(((folio_plugin *)0)->probe))

/* Names become file names and command-line words: [a-z][a-z0-9_-]*. */
static bool name_is_valid(const char *name)
{
    if (name == NULL || !(name[0] >= 'a' && name[0] <= 'z'))
        return false;
    for (const char *p = name; *p != '\0'; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '-' || *p == '_'))
            return false;
    return true;
}

static folio_status check_names(const folio_plugin *plugin, const char *path,
                                folio_error *err)
{
    if (!name_is_valid(plugin->name))
        return folio_error_set(err, FOLIO_ERR_PLUGIN,
                               "%s: invalid format name '%s' (want lower-case "
                               "letters, digits, '-' or '_', starting with a "
                               "letter)",
                               path, plugin->name ? plugin->name : "(null)");
    for (const char *const *alias = plugin->aliases;
         alias != NULL && *alias != NULL; alias++)
        if (!name_is_valid(*alias))
            return folio_error_set(err, FOLIO_ERR_PLUGIN,
                                   "%s: invalid alias '%s' for format '%s'",
                                   path, *alias, plugin->name);
    return FOLIO_OK;
}

static folio_status check_options(const folio_option_spec *specs,
                                  const char *path, folio_error *err)
{
    for (; specs != NULL && specs->name != NULL; specs++)
        if ((specs->type == FOLIO_OPTION_CHOICE ||
             specs->type == FOLIO_OPTION_CHOICE_OR_INT) &&
            specs->choices == NULL)
            return folio_error_set(err, FOLIO_ERR_PLUGIN,
                                   "%s: option '%s' is a choice without "
                                   "choices",
                                   path, specs->name);
    return FOLIO_OK;
}

folio_status folio_plugin_check(const folio_plugin *plugin, const char *path,
                                folio_error *err)
{
    if (plugin->abi_major != FOLIO_ABI_MAJOR ||
        plugin->abi_minor > FOLIO_ABI_MINOR)
        return folio_error_set(err, FOLIO_ERR_VERSION,
                               "%s: built for plugin ABI %u.%u, but this "
                               "folio has plugin ABI %d.%d",
                               path, plugin->abi_major, plugin->abi_minor,
                               FOLIO_ABI_MAJOR, FOLIO_ABI_MINOR);
    if (plugin->size < PLUGIN_SIZE_1_0)
        return folio_error_set(err, FOLIO_ERR_PLUGIN,
                               "%s: descriptor of %u bytes is smaller than "
                               "ABI %u.%u's %zu bytes",
                               path, plugin->size, plugin->abi_major,
                               plugin->abi_minor, PLUGIN_SIZE_1_0);
    folio_status status = check_names(plugin, path, err);
    if (status != FOLIO_OK)
        return status;
    if (plugin->version == NULL)
        return folio_error_set(err, FOLIO_ERR_PLUGIN,
                               "%s: format '%s' gives no version", path,
                               plugin->name);
    if (plugin->read == NULL && plugin->write == NULL &&
        plugin->filter == NULL)
        return folio_error_set(err, FOLIO_ERR_PLUGIN,
                               "%s: format '%s' has no reader, writer or "
                               "filter",
                               path, plugin->name);
    if ((status = check_options(plugin->read_options, path, err)) != FOLIO_OK ||
        (status = check_options(plugin->write_options, path, err)) != FOLIO_OK)
        return status;
    return check_options(plugin->filter_options, path, err);
}
