/* Private: validation of a plugin's descriptor before it is registered. */
#ifndef FOLIO_CORE_PLUGIN_CHECK_H
#define FOLIO_CORE_PLUGIN_CHECK_H

#include <folio/plugin.h>

/* FOLIO_OK when the host can use plugin; otherwise FOLIO_ERR_VERSION (ABI)
 * or FOLIO_ERR_PLUGIN (descriptor) with a message starting with path. */
folio_status folio_plugin_check(const folio_plugin *plugin, const char *path,
                                folio_error *err);

#endif
