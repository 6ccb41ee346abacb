/* What the folio command says about its formats: --list-formats and the
 * options part of --help. */
#ifndef FOLIO_CLI_FORMATS_H
#define FOLIO_CLI_FORMATS_H

#include <folio/registry.h>

#include "args.h"

/* Loads every plugin and prints one line per format; returns the exit
 * code. */
int cli_list_formats(folio_registry *registry);

/* Prints the usage, then the options of the formats named by -f, -t and
 * -F, if any. */
int cli_print_help(folio_registry *registry, const cli_args *args);

#endif
