#include "batch.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <folio/batch.h>

#include "options.h"
#include "report.h"

/* What the report callback needs; it runs under the batch's lock, so it
 * may keep state without locks of its own. */
typedef struct batch_view {
    const cli_args *args;
    int manifest_fd;           /* -1 without --manifest */
    bool manifest_failed;
    bool progress;             /* standard error is a terminal */
    struct timespec start;
    double last_progress;
    size_t failures;
} batch_view;

static double elapsed(const batch_view *view)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - view->start.tv_sec) +
           (double)(now.tv_nsec - view->start.tv_nsec) / 1e9;
}

static const char *outcome_name(folio_batch_outcome outcome)
{
    switch (outcome) {
    case FOLIO_BATCH_CONVERTED: return "converted";
    case FOLIO_BATCH_UP_TO_DATE: return "up_to_date";
    case FOLIO_BATCH_FAILED: return "failed";
    case FOLIO_BATCH_COLLISION: return "collision";
    case FOLIO_BATCH_PLANNED: return "planned";
    case FOLIO_BATCH_IGNORED: return "ignored";
    }
    return "unknown";
}

/* One JSON Lines record, written with a single write() on an O_APPEND
 * descriptor, so a killed run leaves whole records only. */
static void write_manifest(batch_view *view, const folio_batch_record *record)
{
    json_t *error = json_null();
    if (record->error != NULL)
        error = json_pack("{s:s, s:I, s:I}", "message", record->error->message,
                          "line", (json_int_t)record->error->line, "column",
                          (json_int_t)record->error->column);
    json_t *line = json_pack(
        "{s:s, s:s?, s:s, s:s?, s:s?, s:o, s:I, s:I, s:f}", "input",
        record->input, "output", record->output, "status",
        outcome_name(record->outcome), "reader", record->reader, "writer",
        record->writer, "error", error, "bytes_in",
        (json_int_t)record->bytes_in, "bytes_out",
        (json_int_t)record->bytes_out, "ms", record->milliseconds);
    char *text = line != NULL ? json_dumps(line, JSON_COMPACT) : NULL;
    json_decref(line);
    if (text == NULL) {
        view->manifest_failed = true;
        return;
    }
    size_t len = strlen(text);
    text[len] = '\n'; /* json_dumps leaves room: the NUL becomes the LF */
    if (write(view->manifest_fd, text, len + 1) != (ssize_t)(len + 1))
        view->manifest_failed = true;
    free(text);
}

static void clear_progress(const batch_view *view)
{
    if (view->progress)
        fputs("\r\033[K", stderr);
}

static void show_progress(batch_view *view, size_t index, size_t total)
{
    double seconds = elapsed(view);
    if (!view->progress || (index < total && seconds - view->last_progress < 0.1))
        return;
    view->last_progress = seconds;
    double rate = seconds > 0 ? (double)index / seconds : 0;
    double eta = rate > 0 ? (double)(total - index) / rate : 0;
    fprintf(stderr, "\r\033[K%zu/%zu  %.0f files/s  ETA %.0fs  %zu failed",
            index, total, rate, eta, view->failures);
}

static void on_record(void *context, size_t index, size_t total,
                      const folio_batch_record *record)
{
    batch_view *view = context;
    const cli_args *args = view->args;
    if (record->outcome == FOLIO_BATCH_FAILED ||
        record->outcome == FOLIO_BATCH_COLLISION) {
        view->failures++;
        clear_progress(view);
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", args->source, record->input);
        report_error(path, record->error);
    } else if (record->outcome == FOLIO_BATCH_PLANNED) {
        clear_progress(view);
        printf("would write %s/%s from %s/%s\n", args->output_dir,
               record->output, args->source, record->input);
    }
    if (view->manifest_fd >= 0)
        write_manifest(view, record);
    show_progress(view, index, total);
}

/* The formats whose options apply: the writer, the filters, and the
 * reader, or every reader when the reader is chosen per file. */
static int build_batch_options(folio_registry *registry, const cli_args *args,
                               folio_options **options)
{
    folio_error err;
    folio_error_clear(&err);
    bool per_file = args->from == NULL || strcmp(args->from, "auto") == 0;
    if (per_file && folio_registry_load_all(registry, &err) != FOLIO_OK) {
        report_error(NULL, &err);
        return EXIT_FAILED;
    }
    size_t capacity = 2 + args->filter_count + folio_registry_count(registry);
    cli_format_use *uses = calloc(capacity, sizeof *uses);
    if (uses == NULL) {
        fprintf(stderr, "folio: out of memory\n");
        return EXIT_FAILED;
    }
    size_t count = 0;
    int code = EXIT_CONVERTED;
    const folio_format *format;
    if (folio_registry_find(registry, args->to, FOLIO_ROLE_WRITE, &format,
                            &err) == FOLIO_OK)
        uses[count++] = (cli_format_use){format, FOLIO_ROLE_WRITE};
    for (size_t i = 0; i < args->filter_count; i++)
        if (folio_registry_find(registry, args->filters[i], FOLIO_ROLE_FILTER,
                                &format, &err) == FOLIO_OK)
            uses[count++] = (cli_format_use){format, FOLIO_ROLE_FILTER};
    if (!per_file && folio_registry_find(registry, args->from, FOLIO_ROLE_READ,
                                         &format, &err) == FOLIO_OK)
        uses[count++] = (cli_format_use){format, FOLIO_ROLE_READ};
    for (size_t i = 0; per_file && i < folio_registry_count(registry) &&
                       count < capacity;
         i++) {
        format = folio_registry_format(registry, i);
        if (folio_format_has_role(format, FOLIO_ROLE_READ))
            uses[count++] = (cli_format_use){format, FOLIO_ROLE_READ};
    }
    code = cli_build_options(args, uses, count, NULL, options);
    free(uses);
    return code;
}

/* Applies args to batch; returns an exit code. */
static int configure(folio_batch *batch, const cli_args *args,
                     const folio_options *options)
{
    folio_error err;
    folio_error_clear(&err);
    folio_status status = folio_batch_set_writer(batch, args->to, &err);
    if (status == FOLIO_OK)
        status = folio_batch_set_reader(batch, args->from, &err);
    for (size_t i = 0; status == FOLIO_OK && i < args->filter_count; i++)
        status = folio_batch_add_filter(batch, args->filters[i], &err);
    if (status == FOLIO_OK && args->name_template != NULL)
        status = folio_batch_set_name_template(batch, args->name_template,
                                               &err);
    for (size_t i = 0; status == FOLIO_OK && i < args->include_count; i++)
        status = folio_batch_add_include(batch, args->includes[i], &err);
    for (size_t i = 0; status == FOLIO_OK && i < args->exclude_count; i++)
        status = folio_batch_add_exclude(batch, args->excludes[i], &err);
    if (status == FOLIO_OK && args->shard_count > 0)
        status = folio_batch_set_shard(batch, args->shard_index,
                                       args->shard_count, &err);
    if (status == FOLIO_ERR_NOT_FOUND || status == FOLIO_ERR_ARGUMENT)
        return report_usage(err.message);
    if (status != FOLIO_OK) {
        report_error(NULL, &err);
        return EXIT_FAILED;
    }
    folio_batch_set_options(batch, options);
    folio_batch_set_jobs(batch, args->jobs);
    folio_batch_set_force(batch, args->force);
    folio_batch_set_dry_run(batch, args->dry_run);
    folio_batch_set_follow_symlinks(batch, args->follow_symlinks);
    folio_batch_set_max_input_size(batch, args->max_input_size);
    return EXIT_CONVERTED;
}

static void print_summary(const folio_batch_summary *summary, bool dry_run)
{
    double rate = summary->seconds > 0
                      ? (double)(summary->converted + summary->up_to_date) /
                            summary->seconds
                      : 0;
    if (dry_run)
        fprintf(stderr, "folio batch: %zu would be written, %zu up to date, ",
                summary->planned, summary->up_to_date);
    else
        fprintf(stderr, "folio batch: %zu converted, %zu up to date, ",
                summary->converted, summary->up_to_date);
    fprintf(stderr,
            "%zu failed, %zu collisions, %zu ignored; %zu inputs in %.2f s "
            "(%.0f files/s)\n",
            summary->failed, summary->collisions, summary->ignored,
            summary->inputs, summary->seconds, rate);
}

int cli_batch(folio_registry *registry, const cli_args *args)
{
    if (args->source == NULL || args->output_dir == NULL)
        return report_usage("usage: folio batch SRC OUTDIR -t FORMAT "
                            "[OPTIONS]");
    if (args->to == NULL)
        return report_usage("folio batch needs the output format: -t FORMAT");
    if (args->input != NULL)
        return report_usage("folio batch takes folders, not an input file");
    folio_options *options = NULL;
    int code = build_batch_options(registry, args, &options);
    folio_batch *batch = NULL;
    if (code == EXIT_CONVERTED && (batch = folio_batch_new(registry)) == NULL) {
        fprintf(stderr, "folio: out of memory\n");
        code = EXIT_FAILED;
    }
    if (code == EXIT_CONVERTED)
        code = configure(batch, args, options);
    batch_view view = {args, -1, false, isatty(STDERR_FILENO) == 1, {0, 0},
                       0, 0};
    clock_gettime(CLOCK_MONOTONIC, &view.start);
    if (code == EXIT_CONVERTED && args->manifest != NULL &&
        (view.manifest_fd = open(args->manifest,
                                 O_WRONLY | O_CREAT | O_TRUNC | O_APPEND |
                                     O_CLOEXEC,
                                 0666)) < 0) {
        fprintf(stderr, "folio: %s: cannot open the manifest: %s\n",
                args->manifest, strerror(errno));
        code = EXIT_FAILED;
    }
    if (code == EXIT_CONVERTED) {
        folio_batch_summary summary;
        folio_error err;
        folio_error_clear(&err);
        folio_status status = folio_batch_run(batch, args->source,
                                              args->output_dir, on_record,
                                              &view, &summary, &err);
        clear_progress(&view);
        if (status != FOLIO_OK) {
            report_error(NULL, &err);
            code = EXIT_FAILED;
        } else {
            print_summary(&summary, args->dry_run);
            if (summary.failed > 0 || summary.collisions > 0)
                code = EXIT_FAILED;
        }
        if (view.manifest_failed) {
            fprintf(stderr, "folio: %s: writing the manifest failed\n",
                    args->manifest);
            code = EXIT_FAILED;
        }
    }
    if (view.manifest_fd >= 0)
        close(view.manifest_fd);
    folio_batch_free(batch);
    folio_options_free(options);
    return code;
}
