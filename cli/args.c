#include "args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <folio/io.h>
#include <folio/options.h>

enum { OPTION_TAKES_VALUE = 1, OPTION_BATCH_ONLY = 2 };

typedef enum option_id {
    OPT_FROM, OPT_TO, OPT_OUTPUT, OPT_STANDALONE, OPT_FILTER, OPT_PLUGIN_DIR,
    OPT_LIST_FORMATS, OPT_MAX_INPUT_SIZE, OPT_MAX_DEPTH, OPT_HELP, OPT_VERSION,
    OPT_JOBS, OPT_NAME, OPT_INCLUDE, OPT_EXCLUDE, OPT_DRY_RUN, OPT_FORCE,
    OPT_MANIFEST, OPT_SHARD, OPT_FOLLOW
} option_id;

typedef struct known_option {
    char short_name;
    const char *long_name;
    int flags;
    option_id id;
} known_option;

/* pandoc's spellings where pandoc has them (-r/--read, -w/--write too). */
static const known_option known_options[] = {
    {'f', "from", OPTION_TAKES_VALUE, OPT_FROM},
    {'r', "read", OPTION_TAKES_VALUE, OPT_FROM},
    {'t', "to", OPTION_TAKES_VALUE, OPT_TO},
    {'w', "write", OPTION_TAKES_VALUE, OPT_TO},
    {'o', "output", OPTION_TAKES_VALUE, OPT_OUTPUT},
    {'s', "standalone", 0, OPT_STANDALONE},
    {'F', "filter", OPTION_TAKES_VALUE, OPT_FILTER},
    {0, "plugin-dir", OPTION_TAKES_VALUE, OPT_PLUGIN_DIR},
    {0, "list-formats", 0, OPT_LIST_FORMATS},
    {0, "max-input-size", OPTION_TAKES_VALUE, OPT_MAX_INPUT_SIZE},
    {0, "max-depth", OPTION_TAKES_VALUE, OPT_MAX_DEPTH},
    {'h', "help", 0, OPT_HELP},
    {'v', "version", 0, OPT_VERSION},
    {'j', "jobs", OPTION_TAKES_VALUE | OPTION_BATCH_ONLY, OPT_JOBS},
    {0, "name", OPTION_TAKES_VALUE | OPTION_BATCH_ONLY, OPT_NAME},
    {0, "include", OPTION_TAKES_VALUE | OPTION_BATCH_ONLY, OPT_INCLUDE},
    {0, "exclude", OPTION_TAKES_VALUE | OPTION_BATCH_ONLY, OPT_EXCLUDE},
    {'n', "dry-run", OPTION_BATCH_ONLY, OPT_DRY_RUN},
    {0, "force", OPTION_BATCH_ONLY, OPT_FORCE},
    {0, "manifest", OPTION_TAKES_VALUE | OPTION_BATCH_ONLY, OPT_MANIFEST},
    {0, "shard", OPTION_TAKES_VALUE | OPTION_BATCH_ONLY, OPT_SHARD},
    {0, "follow-symlinks", OPTION_BATCH_ONLY, OPT_FOLLOW},
};

#define KNOWN_COUNT (sizeof known_options / sizeof known_options[0])

static const known_option *find_short(char c)
{
    for (size_t i = 0; i < KNOWN_COUNT; i++)
        if (known_options[i].short_name == c)
            return &known_options[i];
    return NULL;
}

static const known_option *find_long(const char *name, size_t len)
{
    for (size_t i = 0; i < KNOWN_COUNT; i++)
        if (strlen(known_options[i].long_name) == len &&
            memcmp(known_options[i].long_name, name, len) == 0)
            return &known_options[i];
    return NULL;
}

static bool push(const char ***array, size_t *count, const char *value)
{
    const char **grown = realloc(*array, (*count + 1) * sizeof *grown);
    if (grown == NULL)
        return false;
    grown[(*count)++] = value;
    *array = grown;
    return true;
}

/* A size with an optional K, M or G suffix (powers of 1024). */
static bool parse_size(const char *text, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long value = strtoull(text, &end, 10);
    if (errno != 0 || end == text || text[0] == '-')
        return false;
    unsigned shift = 0;
    switch (*end) {
    case 'K': case 'k': shift = 10; end++; break;
    case 'M': case 'm': shift = 20; end++; break;
    case 'G': case 'g': shift = 30; end++; break;
    default: break;
    }
    if (*end != '\0' || value > (SIZE_MAX >> shift) || value == 0)
        return false;
    *out = (size_t)(value << shift);
    return true;
}

/* A whole number from min to max. */
static bool parse_unsigned(const char *text, unsigned long min,
                           unsigned long max, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long value = strtoul(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || text[0] == '-' ||
        value < min || value > max)
        return false;
    *out = (unsigned)value;
    return true;
}

/* "K/N" with 1 <= K <= N. */
static bool parse_shard(const char *text, cli_args *args)
{
    char index[16];
    const char *slash = strchr(text, '/');
    if (slash == NULL || (size_t)(slash - text) >= sizeof index)
        return false;
    memcpy(index, text, (size_t)(slash - text));
    index[slash - text] = '\0';
    return parse_unsigned(index, 1, 1000000, &args->shard_index) &&
           parse_unsigned(slash + 1, 1, 1000000, &args->shard_count) &&
           args->shard_index <= args->shard_count;
}

static bool apply_batch(cli_args *args, const known_option *option,
                        const char *value, char *message, size_t size)
{
    switch (option->id) {
    case OPT_JOBS:
        if (parse_unsigned(value, 1, 1024, &args->jobs))
            return true;
        snprintf(message, size, "--jobs takes a number from 1 to 1024, not "
                 "'%s'", value);
        return false;
    case OPT_SHARD:
        if (parse_shard(value, args))
            return true;
        snprintf(message, size, "--shard takes K/N with 1 <= K <= N, not "
                 "'%s'", value);
        return false;
    case OPT_NAME: args->name_template = value; return true;
    case OPT_MANIFEST: args->manifest = value; return true;
    case OPT_DRY_RUN: args->dry_run = true; return true;
    case OPT_FORCE: args->force = true; return true;
    case OPT_FOLLOW: args->follow_symlinks = true; return true;
    case OPT_INCLUDE:
        if (push(&args->includes, &args->include_count, value))
            return true;
        break;
    case OPT_EXCLUDE:
        if (push(&args->excludes, &args->exclude_count, value))
            return true;
        break;
    default:
        break;
    }
    snprintf(message, size, "out of memory");
    return false;
}

static bool apply(cli_args *args, const known_option *option,
                  const char *value, char *message, size_t size)
{
    if (option->flags & OPTION_BATCH_ONLY) {
        if (args->batch)
            return apply_batch(args, option, value, message, size);
        snprintf(message, size, "--%s is an option of 'folio batch'",
                 option->long_name);
        return false;
    }
    switch (option->id) {
    case OPT_FROM: args->from = value; return true;
    case OPT_TO: args->to = value; return true;
    case OPT_OUTPUT: args->output = value; return true;
    case OPT_STANDALONE: args->standalone = true; return true;
    case OPT_LIST_FORMATS: args->list_formats = true; return true;
    case OPT_HELP: args->show_help = true; return true;
    case OPT_VERSION: args->show_version = true; return true;
    case OPT_FILTER:
        if (!push(&args->filters, &args->filter_count, value))
            break;
        return true;
    case OPT_PLUGIN_DIR:
        if (!push(&args->plugin_dirs, &args->plugin_dir_count, value))
            break;
        return true;
    case OPT_MAX_INPUT_SIZE:
        if (parse_size(value, &args->max_input_size))
            return true;
        snprintf(message, size,
                 "--max-input-size takes a positive size such as 64M, "
                 "not '%s'", value);
        return false;
    case OPT_MAX_DEPTH: {
        char *end;
        errno = 0;
        long depth = strtol(value, &end, 10);
        if (errno == 0 && *end == '\0' && end != value && depth > 0 &&
            depth <= 1000000) {
            args->max_depth = depth;
            return true;
        }
        snprintf(message, size,
                 "--max-depth takes a number from 1 to 1000000, not '%s'",
                 value);
        return false;
    }
    default:
        break;
    }
    snprintf(message, size, "out of memory");
    return false;
}

static bool add_plugin_option(cli_args *args, const char *name,
                              size_t name_len, const char *value)
{
    cli_plugin_option *grown =
        realloc(args->plugin_options,
                (args->plugin_option_count + 1) * sizeof *grown);
    if (grown == NULL)
        return false;
    grown[args->plugin_option_count++] =
        (cli_plugin_option){name, name_len, value};
    args->plugin_options = grown;
    return true;
}

/* --NAME, --NAME=VALUE or --NAME VALUE (the last for known options). */
static bool parse_long(cli_args *args, int argc, char **argv, int *index,
                       char *message, size_t size)
{
    const char *name = argv[*index] + 2;
    const char *equals = strchr(name, '=');
    size_t name_len = equals != NULL ? (size_t)(equals - name) : strlen(name);
    const char *value = equals != NULL ? equals + 1 : NULL;
    const known_option *option = find_long(name, name_len);
    if (option == NULL) {
        if (!add_plugin_option(args, name, name_len, value)) {
            snprintf(message, size, "out of memory");
            return false;
        }
        return true;
    }
    if (!(option->flags & OPTION_TAKES_VALUE)) {
        if (value != NULL) {
            snprintf(message, size, "--%s takes no value", option->long_name);
            return false;
        }
        return apply(args, option, NULL, message, size);
    }
    if (value == NULL) {
        if (*index + 1 >= argc) {
            snprintf(message, size, "--%s needs a value", option->long_name);
            return false;
        }
        value = argv[++*index];
    }
    return apply(args, option, value, message, size);
}

/* -x, -xVALUE, -x VALUE, and bundled flags such as -sv. */
static bool parse_short(cli_args *args, int argc, char **argv, int *index,
                        char *message, size_t size)
{
    for (const char *p = argv[*index] + 1; *p != '\0'; p++) {
        const known_option *option = find_short(*p);
        if (option == NULL) {
            snprintf(message, size, "unknown option -%c", *p);
            return false;
        }
        if (!(option->flags & OPTION_TAKES_VALUE)) {
            if (!apply(args, option, NULL, message, size))
                return false;
            continue;
        }
        const char *value = p[1] != '\0' ? p + 1 : NULL;
        if (value == NULL) {
            if (*index + 1 >= argc) {
                snprintf(message, size, "-%c needs a value", *p);
                return false;
            }
            value = argv[++*index];
        }
        return apply(args, option, value, message, size);
    }
    return true;
}

static bool add_batch_folder(cli_args *args, const char *folder,
                             char *message, size_t size)
{
    if (args->source == NULL)
        args->source = folder;
    else if (args->output_dir == NULL)
        args->output_dir = folder;
    else {
        snprintf(message, size, "folio batch takes two folders, SRC and "
                 "OUTDIR (got a third: '%s')", folder);
        return false;
    }
    return true;
}

bool cli_args_parse(int argc, char **argv, cli_args *args, char *message,
                    size_t size)
{
    memset(args, 0, sizeof *args);
    args->max_input_size = FOLIO_DEFAULT_MAX_INPUT_SIZE;
    args->max_depth = FOLIO_DEFAULT_MAX_DEPTH;
    args->batch = argc > 1 && strcmp(argv[1], "batch") == 0;
    bool options_done = false;
    for (int i = args->batch ? 2 : 1; i < argc; i++) {
        const char *arg = argv[i];
        bool ok = true;
        if (!options_done && strcmp(arg, "--") == 0)
            options_done = true;
        else if (!options_done && arg[0] == '-' && arg[1] == '-')
            ok = parse_long(args, argc, argv, &i, message, size);
        else if (!options_done && arg[0] == '-' && arg[1] != '\0')
            ok = parse_short(args, argc, argv, &i, message, size);
        else if (args->batch)
            ok = add_batch_folder(args, arg, message, size);
        else if (args->input == NULL)
            args->input = arg;
        else {
            snprintf(message, size,
                     "one input at a time (got '%s' and '%s'); "
                     "use 'folio batch' for many",
                     args->input, arg);
            ok = false;
        }
        if (!ok)
            return false;
    }
    return true;
}

void cli_args_release(cli_args *args)
{
    free(args->plugin_dirs);
    free(args->filters);
    free(args->plugin_options);
    free(args->includes);
    free(args->excludes);
}
