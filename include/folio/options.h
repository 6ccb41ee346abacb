/*
 * folio/options.h: named options handed to readers, writers and filters.
 *
 * The host (the folio command, `folio batch`, or any program using the
 * library) collects options as name/value strings: `--wrap=72` becomes
 * ("wrap", "72"), a bare `--smart` becomes ("smart", "true"). Each reader,
 * writer and filter declares the options it takes (folio_option_spec, in
 * folio/plugin.h) so that the host can refuse unknown names and ill-typed
 * values before a conversion starts, and print help.
 *
 * A folio_options is read-only while a conversion runs, so one set may be
 * shared by every thread of a batch.
 *
 * Options every reader should honour (the host sets them; the getters'
 * fallbacks below are their documented defaults):
 *   "max-depth"   deepest nesting of blocks/inlines/values a reader builds
 *                 (FOLIO_DEFAULT_MAX_DEPTH); deeper input is FOLIO_ERR_LIMIT.
 *   "input-name"  the input's file name, or "-" for standard input, for
 *                 messages and for readers that resolve relative paths.
 */
#ifndef FOLIO_OPTIONS_H
#define FOLIO_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <folio/error.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FOLIO_DEFAULT_MAX_DEPTH 512

typedef struct folio_options folio_options;

typedef enum folio_option_type {
    FOLIO_OPTION_BOOL = 0,    /* "true"/"false" (also yes/no, 1/0) */
    FOLIO_OPTION_INT = 1,     /* a decimal integer */
    FOLIO_OPTION_STRING = 2,  /* any string */
    FOLIO_OPTION_CHOICE = 3,  /* one of the '|'-separated words in choices */
    FOLIO_OPTION_CHOICE_OR_INT = 4 /* a word of choices, or an integer:
                                      --wrap=none or --wrap=72 */
} folio_option_type;

/* What a reader, writer or filter declares of one of its options. Arrays of
 * specs end with an entry whose name is NULL. */
typedef struct folio_option_spec {
    const char *name;          /* lower-case, words joined by '-' */
    folio_option_type type;
    const char *default_value; /* as text, for help; NULL if none */
    const char *help;          /* one line */
    const char *choices;       /* FOLIO_OPTION_CHOICE(_OR_INT): "none|auto" */
} folio_option_spec;

/* A new empty set; NULL when out of memory. Free with folio_options_free. */
FOLIO_API folio_options *folio_options_new(void);
FOLIO_API void folio_options_free(folio_options *options);

/* Sets name to a copy of value, replacing an earlier value. */
FOLIO_API folio_status folio_options_set(folio_options *options,
                                         const char *name, const char *value,
                                         folio_error *err);

/* The value of name (borrowed, valid until it is set again or the set is
 * freed), or NULL when unset. options may be NULL. */
FOLIO_API const char *folio_options_get(const folio_options *options,
                                        const char *name);

/* Typed getters: fallback when unset or not of the type. */
FOLIO_API bool folio_options_get_bool(const folio_options *options,
                                      const char *name, bool fallback);
FOLIO_API int64_t folio_options_get_int(const folio_options *options,
                                        const char *name, int64_t fallback);

/* Number of options set, and the name/value at index, in the order they
 * were first set (borrowed). */
FOLIO_API size_t folio_options_count(const folio_options *options);
FOLIO_API const char *folio_options_name_at(const folio_options *options,
                                            size_t index);
FOLIO_API const char *folio_options_value_at(const folio_options *options,
                                             size_t index);

/* Checks that value is acceptable for spec (an integer for INT, one of the
 * choices for CHOICE...). FOLIO_ERR_ARGUMENT with a message naming the
 * option otherwise. */
FOLIO_API folio_status folio_option_check(const folio_option_spec *spec,
                                          const char *value,
                                          folio_error *err);

/* The spec named name in a NULL-terminated array, or NULL. */
FOLIO_API const folio_option_spec *folio_option_find(
    const folio_option_spec *specs, const char *name);

#ifdef __cplusplus
}
#endif
#endif
