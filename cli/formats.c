#include "formats.h"

#include <stdio.h>
#include <string.h>

#include "report.h"

/* words joined by ',' with prefix before each, or "-" for none. */
static const char *join_words(const char *const *words, const char *prefix,
                              char *buffer, size_t size)
{
    size_t used = 0;
    buffer[0] = '\0';
    for (; words != NULL && *words != NULL && used < size; words++) {
        int n = snprintf(buffer + used, size - used, "%s%s%s",
                         used > 0 ? "," : "", prefix, *words);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    return buffer[0] != '\0' ? buffer : "-";
}

int cli_list_formats(folio_registry *registry)
{
    folio_error err;
    folio_error_clear(&err);
    if (folio_registry_load_all(registry, &err) != FOLIO_OK) {
        report_error(NULL, &err);
        return EXIT_FAILED;
    }
    printf("%-10s %-17s %-10s %-24s %-8s %s\n", "FORMAT", "ROLES", "ALIASES",
           "EXTENSIONS", "VERSION", "LOADED FROM");
    size_t count = folio_registry_count(registry);
    for (size_t i = 0; i < count; i++) {
        const folio_format *format = folio_registry_format(registry, i);
        const folio_plugin *plugin = folio_format_plugin(format);
        char roles[32], aliases[128], extensions[256];
        snprintf(roles, sizeof roles, "%s%s%s",
                 plugin->read ? "read," : "", plugin->write ? "write," : "",
                 plugin->filter ? "filter," : "");
        roles[strlen(roles) - 1] = '\0';
        printf("%-10s %-17s %-10s %-24s %-8s %s\n", plugin->name, roles,
               join_words(plugin->aliases, "", aliases, sizeof aliases),
               join_words(plugin->extensions, ".", extensions,
                          sizeof extensions),
               plugin->version, folio_format_path(format));
    }
    return EXIT_CONVERTED;
}

static const char usage[] =
    "Usage: folio [OPTIONS] [INPUT|-]\n"
    "       folio batch SRC OUTDIR -t FORMAT [OPTIONS]\n"
    "Convert one document between formats (plain text, Markdown, HTML,\n"
    "JSON, and whatever plugins add). Reads standard input without INPUT\n"
    "or with '-', writes standard output without -o.\n"
    "\n"
    "  -f, --from=FORMAT      input format, or 'auto' to tell it from the\n"
    "                         content (default: by the file extension, else\n"
    "                         by content)\n"
    "  -t, --to=FORMAT        output format (default: by -o's extension)\n"
    "  -o, --output=FILE      write FILE, atomically ('-': standard output)\n"
    "  -s, --standalone       a whole document (e.g. an HTML page), not a\n"
    "                         fragment, where the writer makes a difference\n"
    "  -F, --filter=NAME      run filter NAME on the tree (repeatable, in "
    "order)\n"
    "      --plugin-dir=DIR   look for plugins in DIR first (repeatable)\n"
    "      --max-input-size=N refuse inputs over N bytes (K, M, G suffixes;\n"
    "                         default 256M)\n"
    "      --max-depth=N      refuse nesting deeper than N (default 512)\n"
    "      --list-formats     list the formats and where they come from\n"
    "  -h, --help             this help; with -f/-t/-F, their options too\n"
    "  -v, --version          the version\n"
    "      --NAME[=VALUE]     an option of the reader, writer or a filter\n"
    "\n"
    "folio batch converts every file under SRC a reader claims into OUTDIR,\n"
    "on all cores, atomically and resumably; it also takes:\n"
    "  -j, --jobs=N           worker threads (default: one per core)\n"
    "      --name=TEMPLATE    output names from metadata, such as\n"
    "                         '_posts/{date:%Y-%m-%d}-{slug}'\n"
    "      --include=GLOB, --exclude=GLOB   choose inputs (repeatable)\n"
    "  -n, --dry-run          say what would be written, write nothing\n"
    "      --force            redo outputs that are up to date\n"
    "      --manifest=FILE    one JSON line per input\n"
    "      --shard=K/N        only shard K of N, to split across machines\n"
    "      --follow-symlinks  follow symbolic links in SRC\n"
    "\n"
    "Plugins are searched in each --plugin-dir, then each folder of\n"
    "FOLIO_PLUGIN_PATH (':'-separated), then the folder beside folio.\n"
    "Exit status: 0 converted, 1 the input could not be converted, 2 usage "
    "error.\n";

static const char *type_word(folio_option_type type)
{
    switch (type) {
    case FOLIO_OPTION_BOOL: return "";
    case FOLIO_OPTION_INT: return "=N";
    case FOLIO_OPTION_STRING: return "=TEXT";
    case FOLIO_OPTION_CHOICE: return "=CHOICE";
    case FOLIO_OPTION_CHOICE_OR_INT: return "=CHOICE|N";
    }
    return "";
}

static void print_options(const char *heading, const folio_format *format,
                          folio_role role)
{
    const folio_option_spec *spec = folio_format_options(format, role);
    printf("\nOptions of the %s '%s':\n", heading, folio_format_name(format));
    if (spec == NULL || spec->name == NULL)
        printf("  (none)\n");
    for (; spec != NULL && spec->name != NULL; spec++) {
        printf("  --%s%s  %s", spec->name, type_word(spec->type),
               spec->help ? spec->help : "");
        if (spec->type == FOLIO_OPTION_CHOICE ||
            spec->type == FOLIO_OPTION_CHOICE_OR_INT)
            printf(" (%s)", spec->choices);
        if (spec->default_value != NULL)
            printf(" [default: %s]", spec->default_value);
        printf("\n");
    }
}

/* Prints the options of the format name in role, if it can be found; the
 * general help stands even when it cannot. */
static void print_format_options(folio_registry *registry, const char *name,
                                 folio_role role, const char *heading)
{
    const folio_format *format;
    folio_error err;
    folio_error_clear(&err);
    if (name == NULL || strcmp(name, "auto") == 0)
        return;
    if (folio_registry_find(registry, name, role, &format, &err) != FOLIO_OK) {
        fprintf(stderr, "folio: %s\n", err.message);
        return;
    }
    print_options(heading, format, role);
}

int cli_print_help(folio_registry *registry, const cli_args *args)
{
    fputs(usage, stdout);
    print_format_options(registry, args->from, FOLIO_ROLE_READ, "reader");
    print_format_options(registry, args->to, FOLIO_ROLE_WRITE, "writer");
    for (size_t i = 0; i < args->filter_count; i++)
        print_format_options(registry, args->filters[i], FOLIO_ROLE_FILTER,
                             "filter");
    return EXIT_CONVERTED;
}
