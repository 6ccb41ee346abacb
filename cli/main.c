/* The folio command: convert one document between formats. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <folio/folio.h>

#include "args.h"
#include "batch.h"
#include "convert.h"
#include "formats.h"
#include "report.h"

#ifndef FOLIO_PLUGIN_DIR_FROM_BIN
#error "the build must define FOLIO_PLUGIN_DIR_FROM_BIN"
#endif

/* The plugin folder beside the executable, found through /proc so that the
 * build tree and any install prefix work alike. */
static folio_status add_bundled_plugin_dir(folio_registry *registry,
                                           folio_error *err)
{
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0)
        return FOLIO_OK;
    exe[len] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash == NULL)
        return FOLIO_OK;
    *slash = '\0';
    char dir[PATH_MAX + sizeof FOLIO_PLUGIN_DIR_FROM_BIN + 1];
    snprintf(dir, sizeof dir, "%s/%s", exe, FOLIO_PLUGIN_DIR_FROM_BIN);
    return folio_registry_add_dir(registry, dir, err);
}

/* --plugin-dir first, then FOLIO_PLUGIN_PATH, then the bundled folder. */
static folio_registry *registry_for(const cli_args *args)
{
    folio_registry *registry = folio_registry_new();
    if (registry == NULL)
        return NULL;
    folio_registry_set_warning_handler(registry, report_plugin_warning, NULL);
    folio_error err;
    folio_error_clear(&err);
    folio_status status = FOLIO_OK;
    for (size_t i = 0; status == FOLIO_OK && i < args->plugin_dir_count; i++)
        status = folio_registry_add_dir(registry, args->plugin_dirs[i], &err);
    if (status == FOLIO_OK)
        status = folio_registry_add_path_list(
            registry, getenv("FOLIO_PLUGIN_PATH"), &err);
    if (status == FOLIO_OK)
        status = add_bundled_plugin_dir(registry, &err);
    if (status != FOLIO_OK) {
        folio_registry_free(registry);
        return NULL;
    }
    return registry;
}

int main(int argc, char **argv)
{
    cli_args args;
    char message[FOLIO_ERROR_MESSAGE_SIZE];
    if (!cli_args_parse(argc, argv, &args, message, sizeof message)) {
        cli_args_release(&args);
        return report_usage(message);
    }
    int code = EXIT_CONVERTED;
    folio_registry *registry = NULL;
    if (args.show_version)
        printf("folio %s (plugin ABI %d.%d)\n", folio_version(),
               FOLIO_ABI_MAJOR, FOLIO_ABI_MINOR);
    else if ((registry = registry_for(&args)) == NULL) {
        fprintf(stderr, "folio: out of memory\n");
        code = EXIT_FAILED;
    } else if (args.show_help)
        code = cli_print_help(registry, &args);
    else if (args.list_formats)
        code = cli_list_formats(registry);
    else if (args.batch)
        code = cli_batch(registry, &args);
    else
        code = cli_convert(registry, &args);
    folio_registry_free(registry);
    cli_args_release(&args);
    if (fflush(stdout) != 0 && code == EXIT_CONVERTED) {
        fprintf(stderr, "folio: cannot write to standard output\n");
        code = EXIT_FAILED;
    }
    return code;
}
