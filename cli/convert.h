/* One conversion: the folio command without --list-formats or --help. */
#ifndef FOLIO_CLI_CONVERT_H
#define FOLIO_CLI_CONVERT_H

#include <folio/registry.h>

#include "args.h"

/* Converts args->input to args->output and returns the exit code, having
 * reported any error on standard error. */
int cli_convert(folio_registry *registry, const cli_args *args);

#endif
