#include "convert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <folio/io.h>

#include "options.h"
#include "report.h"

/* What one run works with; every pointer is released by conversion_end. */
typedef struct conversion {
    const char *input_path;    /* "-" for standard input */
    const char *display_name;  /* the input as messages name it */
    char *data;
    size_t len;
    const folio_format *reader;
    const folio_format *writer;
    const folio_format **filters;
    folio_options *options;
    folio_doc *doc;
} conversion;

static bool is_stdio(const char *path)
{
    return path == NULL || strcmp(path, "-") == 0;
}

/* Failing to find a format is the user's to fix with -f/-t: a usage error.
 * Any other failure (a broken plugin, no memory) is a failed conversion. */
static int format_failure(const conversion *run, const folio_error *err)
{
    if (err->code == FOLIO_ERR_NOT_FOUND)
        return report_usage(err->message);
    report_error(run->display_name, err);
    return EXIT_FAILED;
}

static int resolve_reader(folio_registry *registry, const cli_args *args,
                          conversion *run)
{
    folio_error err;
    folio_error_clear(&err);
    if (folio_registry_choose_reader(registry, args->from, run->input_path,
                                     run->data, run->len, &run->reader,
                                     &err) != FOLIO_OK)
        return format_failure(run, &err);
    return EXIT_CONVERTED;
}

static int resolve_writer(folio_registry *registry, const cli_args *args,
                          conversion *run)
{
    folio_error err;
    folio_error_clear(&err);
    folio_status status;
    const char *extension = is_stdio(args->output)
                                ? NULL : folio_path_extension(args->output);
    if (args->to != NULL)
        status = folio_registry_find(registry, args->to, FOLIO_ROLE_WRITE,
                                     &run->writer, &err);
    else if (extension != NULL)
        status = folio_registry_find_by_extension(
            registry, extension, FOLIO_ROLE_WRITE, &run->writer, &err);
    else
        return report_usage("cannot tell the output format; name it with "
                            "-t FORMAT (see --list-formats)");
    return status == FOLIO_OK ? EXIT_CONVERTED : format_failure(run, &err);
}

static int resolve_filters(folio_registry *registry, const cli_args *args,
                           conversion *run)
{
    if (args->filter_count == 0)
        return EXIT_CONVERTED;
    run->filters = calloc(args->filter_count, sizeof *run->filters);
    if (run->filters == NULL) {
        fprintf(stderr, "folio: out of memory\n");
        return EXIT_FAILED;
    }
    for (size_t i = 0; i < args->filter_count; i++) {
        folio_error err;
        folio_error_clear(&err);
        if (folio_registry_find(registry, args->filters[i], FOLIO_ROLE_FILTER,
                                &run->filters[i], &err) != FOLIO_OK)
            return format_failure(run, &err);
    }
    return EXIT_CONVERTED;
}

static int build_options(const cli_args *args, conversion *run)
{
    size_t count = 0;
    cli_format_use *uses = calloc(2 + args->filter_count, sizeof *uses);
    if (uses == NULL) {
        fprintf(stderr, "folio: out of memory\n");
        return EXIT_FAILED;
    }
    uses[count++] = (cli_format_use){run->reader, FOLIO_ROLE_READ};
    uses[count++] = (cli_format_use){run->writer, FOLIO_ROLE_WRITE};
    for (size_t i = 0; i < args->filter_count; i++)
        uses[count++] = (cli_format_use){run->filters[i], FOLIO_ROLE_FILTER};
    int code = cli_build_options(args, uses, count, run->input_path,
                                 &run->options);
    free(uses);
    return code;
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

static int write_output(const cli_args *args, conversion *run)
{
    folio_error err;
    folio_error_clear(&err);
    if (is_stdio(args->output)) {
        folio_sink *sink = folio_sink_new_fd(STDOUT_FILENO);
        if (sink == NULL) {
            fprintf(stderr, "folio: out of memory\n");
            return EXIT_FAILED;
        }
        folio_status status = folio_format_write(run->writer, run->doc, sink,
                                                 run->options, &err);
        folio_sink_free(sink);
        if (status != FOLIO_OK) {
            report_error("standard output", &err);
            return EXIT_FAILED;
        }
        return EXIT_CONVERTED;
    }
    if (!is_stdio(run->input_path) && same_file(run->input_path, args->output)) {
        folio_error_set(&err, FOLIO_ERR_ARGUMENT,
                        "the output would overwrite the input");
        report_error(args->output, &err);
        return EXIT_FAILED;
    }
    folio_output *output;
    if (folio_output_open(args->output, &output, &err) != FOLIO_OK) {
        report_error(NULL, &err);
        return EXIT_FAILED;
    }
    if (folio_format_write(run->writer, run->doc, folio_output_sink(output),
                           run->options, &err) != FOLIO_OK) {
        folio_output_abort(output);
        report_error(args->output, &err);
        return EXIT_FAILED;
    }
    if (folio_output_commit(output, &err) != FOLIO_OK) {
        report_error(NULL, &err);
        return EXIT_FAILED;
    }
    return EXIT_CONVERTED;
}

static int transform(const cli_args *args, conversion *run)
{
    folio_error err;
    folio_error_clear(&err);
    if (folio_format_read(run->reader, run->data, run->len, run->options,
                          &run->doc, &err) != FOLIO_OK) {
        report_error(run->display_name, &err);
        return EXIT_FAILED;
    }
    for (size_t i = 0; i < args->filter_count; i++) {
        if (folio_format_filter(run->filters[i], run->doc, run->options,
                                &err) != FOLIO_OK) {
            folio_error_prefix(&err, folio_format_name(run->filters[i]));
            report_error(run->display_name, &err);
            return EXIT_FAILED;
        }
    }
    return EXIT_CONVERTED;
}

static void conversion_end(conversion *run)
{
    folio_doc_free(run->doc);
    folio_options_free(run->options);
    free(run->filters);
    free(run->data);
}

int cli_convert(folio_registry *registry, const cli_args *args)
{
    conversion run = {0};
    run.input_path = is_stdio(args->input) ? "-" : args->input;
    run.display_name = is_stdio(args->input) ? "<stdin>" : args->input;
    folio_error err;
    folio_error_clear(&err);
    /* The output format first: a usage error should not wait for a whole
     * standard input to arrive. */
    int code = resolve_writer(registry, args, &run);
    if (code == EXIT_CONVERTED &&
        folio_file_read(run.input_path, args->max_input_size, &run.data,
                        &run.len, &err) != FOLIO_OK) {
        report_error(NULL, &err);
        code = EXIT_FAILED;
    }
    if (code == EXIT_CONVERTED)
        code = resolve_reader(registry, args, &run);
    if (code == EXIT_CONVERTED)
        code = resolve_filters(registry, args, &run);
    if (code == EXIT_CONVERTED)
        code = build_options(args, &run);
    if (code == EXIT_CONVERTED)
        code = transform(args, &run);
    if (code == EXIT_CONVERTED)
        code = write_output(args, &run);
    conversion_end(&run);
    return code;
}
