/*
 * folio/error.h: how every folio function reports failure.
 *
 * Errors are values. A function that can fail returns a folio_status (or
 * NULL) and, when given a non-NULL folio_error, fills it with the code, the
 * place in the input and a message. The library never prints and never
 * exits; the caller decides what to show.
 *
 * The folio_error struct belongs to the caller (usually on its stack) and
 * holds no pointers, so it needs no freeing and may be copied.
 */
#ifndef FOLIO_ERROR_H
#define FOLIO_ERROR_H

#include <stddef.h>
#include <folio/version.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Values are stable: new codes are only ever appended. */
typedef enum folio_status {
    FOLIO_OK = 0,
    FOLIO_ERR_NOMEM = 1,       /* an allocation failed */
    FOLIO_ERR_IO = 2,          /* reading or writing a file or stream failed */
    FOLIO_ERR_SYNTAX = 3,      /* the input is not valid in its format */
    FOLIO_ERR_ENCODING = 4,    /* the input's bytes are not valid text */
    FOLIO_ERR_LIMIT = 5,       /* a documented limit (size, depth...) was hit */
    FOLIO_ERR_TREE = 6,        /* an operation would build an illegal tree */
    FOLIO_ERR_VERSION = 7,     /* a version (schema, ABI) does not match */
    FOLIO_ERR_PLUGIN = 8,      /* a plugin could not be loaded or is invalid */
    FOLIO_ERR_NOT_FOUND = 9,   /* no such format, option, key or file */
    FOLIO_ERR_ARGUMENT = 10,   /* a caller passed an invalid argument or option */
    FOLIO_ERR_UNSUPPORTED = 11 /* valid, but this reader/writer cannot do it */
} folio_status;

#define FOLIO_ERROR_MESSAGE_SIZE 512

typedef struct folio_error {
    folio_status code;
    /* Where in the input the problem is, counted from 1; 0 when unknown.
     * Columns count bytes, as cmark and libyaml do. */
    unsigned long line;
    unsigned long column;
    /* Byte offset into the input, counted from 0; meaningful only when
     * has_offset is non-zero (an encoding error always has one). */
    size_t offset;
    int has_offset;
    /* A complete sentence without the file name or position: the caller
     * adds those. Always NUL-terminated, truncated if too long. */
    char message[FOLIO_ERROR_MESSAGE_SIZE];
} folio_error;

/* Resets *err to FOLIO_OK with an empty message. err may be NULL. */
FOLIO_API void folio_error_clear(folio_error *err);

/* Fills *err (if not NULL) with code, position 0:0 and a printf-formatted
 * message, and returns code, so that a failing path can end in
 * `return folio_error_set(err, FOLIO_ERR_SYNTAX, "...")`. */
FOLIO_API folio_status folio_error_set(folio_error *err, folio_status code,
                                       const char *format, ...)
    FOLIO_PRINTF(3, 4);

/* The same, with a position in the input (line and column from 1). */
FOLIO_API folio_status folio_error_set_at(folio_error *err, folio_status code,
                                          unsigned long line,
                                          unsigned long column,
                                          const char *format, ...)
    FOLIO_PRINTF(5, 6);

/* Prefixes err->message with "PREFIX: ", keeping code and position, to add
 * context on the way up ("front matter: ..."). Returns err->code. */
FOLIO_API folio_status folio_error_prefix(folio_error *err, const char *prefix);

/* A short lower-case name for a status ("syntax error", "out of memory").
 * Static string; never NULL. */
FOLIO_API const char *folio_status_name(folio_status status);

#ifdef __cplusplus
}
#endif
#endif
