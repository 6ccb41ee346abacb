#include "report.h"

#include <stdio.h>

void report_error(const char *file, const folio_error *err)
{
    if (file == NULL)
        fprintf(stderr, "folio: %s\n", err->message);
    else if (err->line > 0)
        fprintf(stderr, "folio: %s:%lu:%lu: %s\n", file, err->line,
                err->column, err->message);
    else
        fprintf(stderr, "folio: %s: %s\n", file, err->message);
}

int report_usage(const char *message)
{
    fprintf(stderr, "folio: %s\nTry 'folio --help' for more information.\n",
            message);
    return EXIT_USAGE;
}

void report_plugin_warning(void *context, const char *path,
                           const folio_error *warning)
{
    (void)context;
    (void)path;
    /* The registry's messages already start with the plugin's path. */
    fprintf(stderr, "folio: warning: %s\n", warning->message);
}
