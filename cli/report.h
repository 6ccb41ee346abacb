/* How the folio command talks to its user: messages on standard error in
 * the form "folio: FILE:LINE:COL: message", and its exit codes. */
#ifndef FOLIO_CLI_REPORT_H
#define FOLIO_CLI_REPORT_H

#include <folio/error.h>

enum {
    EXIT_CONVERTED = 0,
    EXIT_FAILED = 1,     /* the input could not be converted */
    EXIT_USAGE = 2       /* the command line is wrong */
};

/* "folio: FILE:LINE:COL: message" (the position only when known; FILE
 * only when not NULL). */
void report_error(const char *file, const folio_error *err);

/* "folio: message" plus a hint to run --help; returns EXIT_USAGE. */
int report_usage(const char *message);

/* The registry's warnings: "folio: warning: PATH: message". */
void report_plugin_warning(void *context, const char *path,
                           const folio_error *warning);

#endif
