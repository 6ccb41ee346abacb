/* The folio command's arguments, parsed but not yet checked against the
 * formats (plugin options can only be checked once the plugins are
 * loaded). */
#ifndef FOLIO_CLI_ARGS_H
#define FOLIO_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>

/* An option the command does not know itself: --NAME or --NAME=VALUE,
 * for whichever reader, writer or filter declares NAME. */
typedef struct cli_plugin_option {
    const char *name;   /* points into argv, without "--" and "=VALUE" */
    size_t name_len;
    const char *value;  /* after '=', or NULL for a bare --NAME */
} cli_plugin_option;

typedef struct cli_args {
    bool batch;                  /* "folio batch SRC OUTDIR" */
    const char *from;            /* -f; NULL when not given */
    const char *to;              /* -t */
    const char *output;          /* -o; NULL or "-" for standard output */
    const char *input;           /* NULL or "-" for standard input */
    bool standalone;
    bool list_formats;
    bool show_help;
    bool show_version;
    size_t max_input_size;
    long max_depth;
    const char **plugin_dirs;    /* in the order given */
    size_t plugin_dir_count;
    const char **filters;        /* -F, in the order given */
    size_t filter_count;
    cli_plugin_option *plugin_options;
    size_t plugin_option_count;
    /* folio batch only */
    const char *source;
    const char *output_dir;
    const char *name_template;
    const char **includes;
    size_t include_count;
    const char **excludes;
    size_t exclude_count;
    const char *manifest;
    unsigned jobs;               /* 0: one per core */
    unsigned shard_index;        /* 0: no sharding */
    unsigned shard_count;
    bool dry_run;
    bool force;
    bool follow_symlinks;
} cli_args;

/* Parses argv into *args (whose arrays point into argv); argv[1] "batch"
 * selects folio batch. On a usage error returns false with a message in
 * message[size]. */
bool cli_args_parse(int argc, char **argv, cli_args *args, char *message,
                    size_t size);

void cli_args_release(cli_args *args);

#endif
