/* Turning the command line into a folio_options set, checking every plugin
 * option against what the formats in use declare. */
#ifndef FOLIO_CLI_OPTIONS_H
#define FOLIO_CLI_OPTIONS_H

#include <folio/registry.h>

#include "args.h"

/* A format and the role it plays in this run. */
typedef struct cli_format_use {
    const folio_format *format;
    folio_role role;
} cli_format_use;

/* Builds *options from the core options (max-depth, input-name when not
 * NULL, standalone) and args' plugin options, each of which some format in
 * uses must declare with a type its value fits. Returns an exit code,
 * having reported any problem. */
int cli_build_options(const cli_args *args, const cli_format_use *uses,
                      size_t use_count, const char *input_name,
                      folio_options **options);

#endif
