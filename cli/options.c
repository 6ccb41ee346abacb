#include "options.h"

#include <stdio.h>
#include <string.h>

#include "report.h"

static const folio_option_spec *find_spec(const cli_format_use *uses,
                                          size_t use_count, const char *name)
{
    const folio_option_spec *spec = NULL;
    for (size_t i = 0; spec == NULL && i < use_count; i++)
        spec = folio_option_find(
            folio_format_options(uses[i].format, uses[i].role), name);
    return spec;
}

static int add_plugin_option(const cli_format_use *uses, size_t use_count,
                             const cli_plugin_option *option,
                             folio_options *options)
{
    char name[128];
    char message[FOLIO_ERROR_MESSAGE_SIZE + 64];
    if (option->name_len >= sizeof name) {
        snprintf(message, sizeof message, "unknown option --%.*s",
                 (int)option->name_len, option->name);
        return report_usage(message);
    }
    memcpy(name, option->name, option->name_len);
    name[option->name_len] = '\0';
    const folio_option_spec *spec = find_spec(uses, use_count, name);
    if (spec == NULL) {
        int used = snprintf(message, sizeof message,
                            "unknown option --%s (not an option of", name);
        for (size_t i = 0; i < use_count && used < (int)sizeof message; i++)
            used += snprintf(message + used, sizeof message - (size_t)used,
                             "%s '%s'", i > 0 ? "," : "",
                             folio_format_name(uses[i].format));
        if (used < (int)sizeof message)
            snprintf(message + used, sizeof message - (size_t)used, ")");
        return report_usage(message);
    }
    if (option->value == NULL && spec->type != FOLIO_OPTION_BOOL) {
        snprintf(message, sizeof message, "--%s needs a value: --%s=VALUE",
                 name, name);
        return report_usage(message);
    }
    const char *value = option->value != NULL ? option->value : "true";
    folio_error err;
    folio_error_clear(&err);
    if (folio_option_check(spec, value, &err) != FOLIO_OK)
        return report_usage(err.message);
    if (folio_options_set(options, name, value, &err) != FOLIO_OK) {
        report_error(NULL, &err);
        return EXIT_FAILED;
    }
    return EXIT_CONVERTED;
}

int cli_build_options(const cli_args *args, const cli_format_use *uses,
                      size_t use_count, const char *input_name,
                      folio_options **out)
{
    folio_error err;
    folio_error_clear(&err);
    char depth[32];
    snprintf(depth, sizeof depth, "%ld", args->max_depth);
    folio_options *options = folio_options_new();
    *out = options;
    if (options == NULL ||
        folio_options_set(options, "max-depth", depth, &err) != FOLIO_OK ||
        (input_name != NULL &&
         folio_options_set(options, "input-name", input_name, &err) !=
             FOLIO_OK) ||
        (args->standalone &&
         folio_options_set(options, "standalone", "true", &err) != FOLIO_OK)) {
        fprintf(stderr, "folio: out of memory\n");
        return EXIT_FAILED;
    }
    for (size_t i = 0; i < args->plugin_option_count; i++) {
        int code = add_plugin_option(uses, use_count, &args->plugin_options[i],
                                     options);
        if (code != EXIT_CONVERTED)
            return code;
    }
    return EXIT_CONVERTED;
}
