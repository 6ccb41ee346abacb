/*
 * folio/sink.h: where writers put their output.
 *
 * A writer never opens files: it writes bytes to a folio_sink the host
 * gives it. A sink buffers, then hands chunks to a callback (a file, a
 * socket, a growing buffer). Errors are sticky, like stdio's: after the
 * first failure every write is a no-op, and folio_sink_status() reports it,
 * so a writer may write freely and check once at the end (or now and then,
 * to stop early).
 */
#ifndef FOLIO_SINK_H
#define FOLIO_SINK_H

#include <stdarg.h>
#include <stddef.h>
#include <folio/error.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct folio_sink folio_sink;

/* Receives the next len bytes of output (len > 0). Returns FOLIO_OK, or an
 * error status having filled *err. */
typedef folio_status (*folio_sink_fn)(void *context, const char *data,
                                      size_t len, folio_error *err);

/* A sink that passes its output to fn in chunks. context is the caller's
 * and is passed back untouched. NULL when out of memory. */
FOLIO_API folio_sink *folio_sink_new(folio_sink_fn fn, void *context);

/* A sink that collects all output in memory; read it with
 * folio_sink_buffer(). NULL when out of memory. */
FOLIO_API folio_sink *folio_sink_new_buffer(void);

/* Frees the sink without flushing. NULL is accepted. */
FOLIO_API void folio_sink_free(folio_sink *sink);

FOLIO_API void folio_sink_write(folio_sink *sink, const char *data,
                                size_t len);
FOLIO_API void folio_sink_putc(folio_sink *sink, char c);
/* Writes a NUL-terminated string. */
FOLIO_API void folio_sink_puts(folio_sink *sink, const char *s);
FOLIO_API void folio_sink_printf(folio_sink *sink, const char *format, ...)
    FOLIO_PRINTF(2, 3);

/* Passes everything buffered to the callback; returns the sink's status. */
FOLIO_API folio_status folio_sink_flush(folio_sink *sink);

/* FOLIO_OK, or the first error met; *err (if not NULL) gets its details. */
FOLIO_API folio_status folio_sink_status(const folio_sink *sink,
                                         folio_error *err);

/* Marks the sink failed with the given error unless it already failed;
 * for writers that meet an error of their own. Returns the sink's status. */
FOLIO_API folio_status folio_sink_fail(folio_sink *sink,
                                       const folio_error *err);

/* Total bytes written to the sink so far. */
FOLIO_API size_t folio_sink_bytes_written(const folio_sink *sink);

/* For a buffer sink: everything written so far (NUL-terminated, borrowed
 * until the next write or free) and its length; NULL for other sinks. */
FOLIO_API const char *folio_sink_buffer(const folio_sink *sink, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
