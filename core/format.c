/* Running a loaded format's reader, writer or filter. */
#include <folio/registry.h>

static folio_status missing_role(const folio_format *format, const char *what,
                                 folio_error *err)
{
    return folio_error_set(err, FOLIO_ERR_NOT_FOUND, "format '%s' has no %s",
                           folio_format_name(format), what);
}

folio_status folio_format_read(const folio_format *format, const char *data,
                               size_t len, const folio_options *options,
                               folio_doc **doc, folio_error *err)
{
    *doc = NULL;
    const folio_plugin *plugin = folio_format_plugin(format);
    if (plugin->read == NULL)
        return missing_role(format, "reader", err);
    folio_doc *result = folio_doc_new();
    if (result == NULL)
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    folio_status status = plugin->read(result, data, len, options, err);
    if (status != FOLIO_OK) {
        folio_doc_free(result);
        return status;
    }
    *doc = result;
    return FOLIO_OK;
}

folio_status folio_format_write(const folio_format *format,
                                const folio_doc *doc, folio_sink *sink,
                                const folio_options *options,
                                folio_error *err)
{
    const folio_plugin *plugin = folio_format_plugin(format);
    if (plugin->write == NULL)
        return missing_role(format, "writer", err);
    folio_status status = plugin->write(doc, sink, options, err);
    if (status != FOLIO_OK)
        return status;
    status = folio_sink_flush(sink);
    if (status != FOLIO_OK)
        folio_sink_status(sink, err);
    return status;
}

folio_status folio_format_filter(const folio_format *format, folio_doc *doc,
                                 const folio_options *options,
                                 folio_error *err)
{
    const folio_plugin *plugin = folio_format_plugin(format);
    if (plugin->filter == NULL)
        return missing_role(format, "filter", err);
    return plugin->filter(doc, options, err);
}
