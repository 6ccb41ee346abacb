/* Buffered output sinks with sticky errors. */
#include <folio/sink.h>
#include "io_private.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SINK_BUFFER_SIZE = 64 * 1024 };

struct folio_sink {
    folio_sink_fn fn;        /* NULL for a memory sink */
    void *context;
    void (*release)(void *context);
    char *buffer;
    size_t used;
    size_t capacity;
    size_t total;
    folio_error error;       /* error.code != FOLIO_OK once failed */
};

static folio_sink *sink_new(folio_sink_fn fn, void *context, size_t capacity)
{
    folio_sink *sink = calloc(1, sizeof *sink);
    if (sink == NULL)
        return NULL;
    sink->buffer = malloc(capacity);
    if (sink->buffer == NULL) {
        free(sink);
        return NULL;
    }
    sink->fn = fn;
    sink->context = context;
    sink->capacity = capacity;
    return sink;
}

folio_sink *folio_sink_new(folio_sink_fn fn, void *context)
{
    return sink_new(fn, context, SINK_BUFFER_SIZE);
}

folio_sink *folio_sink_new_owning(folio_sink_fn fn, void *context,
                                  void (*release)(void *context))
{
    folio_sink *sink = sink_new(fn, context, SINK_BUFFER_SIZE);
    if (sink != NULL)
        sink->release = release;
    return sink;
}

folio_sink *folio_sink_new_buffer(void)
{
    return sink_new(NULL, NULL, 4096);
}

void folio_sink_free(folio_sink *sink)
{
    if (sink == NULL)
        return;
    if (sink->release != NULL)
        sink->release(sink->context);
    free(sink->buffer);
    free(sink);
}

static void sink_set_error(folio_sink *sink, folio_status code,
                           const char *message)
{
    if (sink->error.code == FOLIO_OK)
        folio_error_set(&sink->error, code, "%s", message);
}

static bool sink_failed(const folio_sink *sink)
{
    return sink->error.code != FOLIO_OK;
}

/* Hands len bytes to the callback, recording its failure. */
static void sink_call(folio_sink *sink, const char *data, size_t len)
{
    if (len == 0 || sink_failed(sink))
        return;
    folio_error err;
    folio_error_clear(&err);
    folio_status status = sink->fn(sink->context, data, len, &err);
    if (status != FOLIO_OK) {
        if (err.code == FOLIO_OK)
            folio_error_set(&err, status, "writing the output failed");
        sink->error = err;
    }
}

static void sink_pass_on(folio_sink *sink)
{
    sink_call(sink, sink->buffer, sink->used);
    sink->used = 0;
}

/* A memory sink grows; keeps one byte spare for the terminating NUL. */
static bool buffer_grow(folio_sink *sink, size_t need)
{
    size_t capacity = sink->capacity;
    while (capacity - sink->used <= need) {
        if (capacity > SIZE_MAX / 2) {
            sink_set_error(sink, FOLIO_ERR_NOMEM, "out of memory");
            return false;
        }
        capacity *= 2;
    }
    char *buffer = realloc(sink->buffer, capacity);
    if (buffer == NULL) {
        sink_set_error(sink, FOLIO_ERR_NOMEM, "out of memory");
        return false;
    }
    sink->buffer = buffer;
    sink->capacity = capacity;
    return true;
}

void folio_sink_write(folio_sink *sink, const char *data, size_t len)
{
    if (len == 0 || sink_failed(sink))
        return;
    sink->total += len;
    if (sink->fn == NULL) {
        if (sink->capacity - sink->used <= len && !buffer_grow(sink, len))
            return;
        memcpy(sink->buffer + sink->used, data, len);
        sink->used += len;
        return;
    }
    if (len > sink->capacity - sink->used) {
        sink_pass_on(sink);
        if (len >= sink->capacity) {
            sink_call(sink, data, len);
            return;
        }
    }
    memcpy(sink->buffer + sink->used, data, len);
    sink->used += len;
}

void folio_sink_putc(folio_sink *sink, char c)
{
    if (sink->used + 1 < sink->capacity && !sink_failed(sink)) {
        sink->buffer[sink->used++] = c;
        sink->total++;
        return;
    }
    folio_sink_write(sink, &c, 1);
}

void folio_sink_puts(folio_sink *sink, const char *s)
{
    folio_sink_write(sink, s, strlen(s));
}

void folio_sink_printf(folio_sink *sink, const char *format, ...)
{
    char small[256];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(small, sizeof small, format, args);
    va_end(args);
    if (n < 0) {
        sink_set_error(sink, FOLIO_ERR_ARGUMENT, "bad format string");
        return;
    }
    if ((size_t)n < sizeof small) {
        folio_sink_write(sink, small, (size_t)n);
        return;
    }
    char *large = malloc((size_t)n + 1);
    if (large == NULL) {
        sink_set_error(sink, FOLIO_ERR_NOMEM, "out of memory");
        return;
    }
    va_start(args, format);
    vsnprintf(large, (size_t)n + 1, format, args);
    va_end(args);
    folio_sink_write(sink, large, (size_t)n);
    free(large);
}

folio_status folio_sink_flush(folio_sink *sink)
{
    if (sink->fn != NULL)
        sink_pass_on(sink);
    return sink->error.code;
}

folio_status folio_sink_status(const folio_sink *sink, folio_error *err)
{
    if (err != NULL && sink_failed(sink))
        *err = sink->error;
    return sink->error.code;
}

folio_status folio_sink_fail(folio_sink *sink, const folio_error *err)
{
    if (!sink_failed(sink) && err != NULL && err->code != FOLIO_OK)
        sink->error = *err;
    return sink->error.code;
}

size_t folio_sink_bytes_written(const folio_sink *sink)
{
    return sink->total;
}

const char *folio_sink_buffer(const folio_sink *sink, size_t *len)
{
    if (sink->fn != NULL) {
        if (len != NULL)
            *len = 0;
        return NULL;
    }
    sink->buffer[sink->used] = '\0';
    if (len != NULL)
        *len = sink->used;
    return sink->buffer;
}
