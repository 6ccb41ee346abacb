/* folio batch SRC OUTDIR: the archive migration command. */
#ifndef FOLIO_CLI_BATCH_H
#define FOLIO_CLI_BATCH_H

#include <folio/registry.h>

#include "args.h"

/* Runs the batch args describe; returns the exit code: 0 when every input
 * converted (or was up to date), 1 when some failed or collided, 2 on a
 * usage error. */
int cli_batch(folio_registry *registry, const cli_args *args);

#endif
