#include <folio/error.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void folio_error_clear(folio_error *err)
{
    if (err != NULL)
        memset(err, 0, sizeof *err);
}

static folio_status error_vset(folio_error *err, folio_status code,
                               unsigned long line, unsigned long column,
                               const char *format, va_list args)
{
    if (err == NULL)
        return code;
    memset(err, 0, sizeof *err);
    err->code = code;
    err->line = line;
    err->column = column;
    vsnprintf(err->message, sizeof err->message, format, args);
    return code;
}

folio_status folio_error_set(folio_error *err, folio_status code,
                             const char *format, ...)
{
    va_list args;
    va_start(args, format);
    error_vset(err, code, 0, 0, format, args);
    va_end(args);
    return code;
}

folio_status folio_error_set_at(folio_error *err, folio_status code,
                                unsigned long line, unsigned long column,
                                const char *format, ...)
{
    va_list args;
    va_start(args, format);
    error_vset(err, code, line, column, format, args);
    va_end(args);
    return code;
}

folio_status folio_error_prefix(folio_error *err, const char *prefix)
{
    const size_t size = sizeof err->message;
    size_t prefix_len = strlen(prefix);
    if (prefix_len > size - 3)
        prefix_len = size - 3;
    size_t message_len = strlen(err->message);
    if (prefix_len + 2 + message_len >= size)
        message_len = size - 1 - prefix_len - 2;
    memmove(err->message + prefix_len + 2, err->message, message_len);
    memcpy(err->message, prefix, prefix_len);
    err->message[prefix_len] = ':';
    err->message[prefix_len + 1] = ' ';
    err->message[prefix_len + 2 + message_len] = '\0';
    return err->code;
}

const char *folio_status_name(folio_status status)
{
    switch (status) {
    case FOLIO_OK: return "success";
    case FOLIO_ERR_NOMEM: return "out of memory";
    case FOLIO_ERR_IO: return "input/output error";
    case FOLIO_ERR_SYNTAX: return "syntax error";
    case FOLIO_ERR_ENCODING: return "encoding error";
    case FOLIO_ERR_LIMIT: return "limit exceeded";
    case FOLIO_ERR_TREE: return "invalid tree";
    case FOLIO_ERR_VERSION: return "version mismatch";
    case FOLIO_ERR_PLUGIN: return "plugin error";
    case FOLIO_ERR_NOT_FOUND: return "not found";
    case FOLIO_ERR_ARGUMENT: return "invalid argument";
    case FOLIO_ERR_UNSUPPORTED: return "unsupported";
    }
    return "unknown error";
}
