/* folio_batch: settings, and the three phases of a run (name every input,
 * find collisions, convert), the first and last on worker threads. */
#include <folio/batch.h>

#include <errno.h>
#include <fnmatch.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../io_private.h"
#include "batch_private.h"
#include "journal.h"
#include "naming.h"
#include "walk.h"

folio_batch *folio_batch_new(folio_registry *registry)
{
    folio_batch *batch = calloc(1, sizeof *batch);
    if (batch == NULL)
        return NULL;
    batch->registry = registry;
    batch->max_input_size = FOLIO_DEFAULT_MAX_INPUT_SIZE;
    return batch;
}

static void free_strings(char **strings, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(strings[i]);
    free(strings);
}

void folio_batch_free(folio_batch *batch)
{
    if (batch == NULL)
        return;
    free(batch->reader_name);
    free(batch->filters);
    name_template_free(batch->pattern);
    free_strings(batch->includes, batch->include_count);
    free_strings(batch->excludes, batch->exclude_count);
    free(batch);
}

folio_status folio_batch_set_reader(folio_batch *batch, const char *name,
                                    folio_error *err)
{
    const folio_format *reader = NULL;
    if (name != NULL && strcmp(name, "auto") != 0) {
        folio_status status = folio_registry_find(
            batch->registry, name, FOLIO_ROLE_READ, &reader, err);
        if (status != FOLIO_OK)
            return status;
    }
    char *copy = name != NULL ? strdup(name) : NULL;
    if (name != NULL && copy == NULL)
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    free(batch->reader_name);
    batch->reader_name = copy;
    batch->reader = reader;
    return FOLIO_OK;
}

folio_status folio_batch_set_writer(folio_batch *batch, const char *name,
                                    folio_error *err)
{
    return folio_registry_find(batch->registry, name, FOLIO_ROLE_WRITE,
                               &batch->writer, err);
}

folio_status folio_batch_add_filter(folio_batch *batch, const char *name,
                                    folio_error *err)
{
    const folio_format *filter;
    folio_status status = folio_registry_find(batch->registry, name,
                                              FOLIO_ROLE_FILTER, &filter, err);
    if (status != FOLIO_OK)
        return status;
    const folio_format **filters = realloc(
        batch->filters, (batch->filter_count + 1) * sizeof *filters);
    if (filters == NULL)
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    filters[batch->filter_count++] = filter;
    batch->filters = filters;
    return FOLIO_OK;
}

void folio_batch_set_options(folio_batch *batch, const folio_options *options)
{
    batch->options = options;
}

folio_status folio_batch_set_name_template(folio_batch *batch,
                                           const char *text, folio_error *err)
{
    name_template *pattern;
    folio_status status = name_template_parse(text, &pattern, err);
    if (status != FOLIO_OK)
        return status;
    name_template_free(batch->pattern);
    batch->pattern = pattern;
    batch->template_text_hash = journal_hash(JOURNAL_HASH_SEED, text,
                                             strlen(text));
    return FOLIO_OK;
}

static folio_status add_pattern(char ***patterns, size_t *count,
                                const char *pattern, folio_error *err)
{
    char *copy = strdup(pattern);
    char **grown = copy != NULL ? realloc(*patterns, (*count + 1) * sizeof *grown)
                                : NULL;
    if (grown == NULL) {
        free(copy);
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    }
    grown[(*count)++] = copy;
    *patterns = grown;
    return FOLIO_OK;
}

folio_status folio_batch_add_include(folio_batch *batch, const char *pattern,
                                     folio_error *err)
{
    return add_pattern(&batch->includes, &batch->include_count, pattern, err);
}

folio_status folio_batch_add_exclude(folio_batch *batch, const char *pattern,
                                     folio_error *err)
{
    return add_pattern(&batch->excludes, &batch->exclude_count, pattern, err);
}

void folio_batch_set_jobs(folio_batch *batch, unsigned jobs)
{
    batch->jobs = jobs;
}

void folio_batch_set_force(folio_batch *batch, bool force)
{
    batch->force = force;
}

void folio_batch_set_dry_run(folio_batch *batch, bool dry_run)
{
    batch->dry_run = dry_run;
}

void folio_batch_set_follow_symlinks(folio_batch *batch, bool follow)
{
    batch->follow = follow;
}

folio_status folio_batch_set_shard(folio_batch *batch, unsigned index,
                                   unsigned count, folio_error *err)
{
    if (count == 0 || index == 0 || index > count)
        return folio_error_set(err, FOLIO_ERR_ARGUMENT,
                               "shard %u/%u: want K/N with 1 <= K <= N", index,
                               count);
    batch->shard_index = index;
    batch->shard_count = count;
    return FOLIO_OK;
}

void folio_batch_set_max_input_size(folio_batch *batch, size_t max_size)
{
    batch->max_input_size = max_size;
}

/* ---- Choosing inputs ---------------------------------------------------- */

static bool matches_any(char *const *patterns, size_t count, const char *path)
{
    for (size_t i = 0; i < count; i++)
        if (fnmatch(patterns[i], path, 0) == 0)
            return true;
    return false;
}

static bool extension_claimed(folio_batch *batch, const char *path)
{
    const char *extension = folio_path_extension(path);
    if (extension == NULL)
        return false;
    const folio_format *reader;
    if (batch->reader != NULL) {
        for (const char *const *e = folio_format_plugin(batch->reader)->extensions;
             e != NULL && *e != NULL; e++)
            if (strcasecmp(*e, extension) == 0)
                return true;
        return false;
    }
    return folio_registry_find_by_extension(batch->registry, extension,
                                            FOLIO_ROLE_READ, &reader,
                                            NULL) == FOLIO_OK;
}

static bool is_input(folio_batch *batch, const char *path)
{
    if (batch->include_count > 0 &&
        !matches_any(batch->includes, batch->include_count, path))
        return false;
    if (matches_any(batch->excludes, batch->exclude_count, path))
        return false;
    if (batch->shard_count > 1 &&
        journal_hash(JOURNAL_HASH_SEED, path, strlen(path)) %
                batch->shard_count != batch->shard_index - 1)
        return false;
    bool by_content = batch->reader_name != NULL && batch->reader == NULL;
    bool named_with_includes = batch->reader != NULL && batch->include_count > 0;
    return by_content || named_with_includes || extension_claimed(batch, path);
}

/* Keeps the inputs among the files walked, in place and in order. The
 * paths of the others stay in the list's chunks until the run ends. */
static void choose_inputs(folio_batch *batch, walk_list *list)
{
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++)
        if (is_input(batch, list->paths[i]))
            list->paths[kept++] = list->paths[i];
    list->count = kept;
}

/* Everything that decides an output's bytes, so that changing any of it
 * makes outputs stale. */
static uint64_t settings_hash(const folio_batch *batch)
{
    uint64_t hash = JOURNAL_HASH_SEED;
    const char *parts[] = {folio_version(),
                           batch->reader_name ? batch->reader_name : "",
                           folio_format_name(batch->writer),
                           folio_format_plugin(batch->writer)->version};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        hash = journal_hash(hash, parts[i], strlen(parts[i]) + 1);
    for (size_t i = 0; i < batch->filter_count; i++) {
        const char *name = folio_format_name(batch->filters[i]);
        hash = journal_hash(hash, name, strlen(name) + 1);
    }
    for (size_t i = 0; i < folio_options_count(batch->options); i++) {
        const char *name = folio_options_name_at(batch->options, i);
        const char *value = folio_options_value_at(batch->options, i);
        hash = journal_hash(hash, name, strlen(name) + 1);
        hash = journal_hash(hash, value, strlen(value) + 1);
    }
    return hash ^ batch->template_text_hash;
}

/* ---- Running ------------------------------------------------------------ */

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) +
           (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Creates output_dir and every missing parent. */
static folio_status make_folders(const char *path, folio_error *err)
{
    char *copy = strdup(path);
    if (copy == NULL)
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    folio_status status = FOLIO_OK;
    for (char *p = copy + 1; status == FOLIO_OK; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST)
            status = folio_system_error(err, copy, "cannot create folder",
                                        errno);
        *p = saved;
        if (saved == '\0')
            break;
    }
    free(copy);
    return status;
}

folio_status folio_batch_run(folio_batch *batch, const char *source_dir,
                             const char *output_dir,
                             folio_batch_report_fn report, void *context,
                             folio_batch_summary *summary, folio_error *err)
{
    memset(summary, 0, sizeof *summary);
    if (batch->writer == NULL)
        return folio_error_set(err, FOLIO_ERR_ARGUMENT,
                               "a batch needs a writer (-t FORMAT)");
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    folio_status status = FOLIO_OK;
    if (!batch->dry_run)
        status = make_folders(output_dir, err);
    if (status != FOLIO_OK)
        return status;
    struct stat out_st;
    bool has_output = stat(output_dir, &out_st) == 0;
    batch_run run = {0};
    status = walk_source(source_dir, batch->follow, has_output,
                         has_output ? out_st.st_dev : 0,
                         has_output ? out_st.st_ino : 0, &run.inputs, err);
    if (status != FOLIO_OK)
        return status;
    run.batch = batch;
    run.source_dir = source_dir;
    run.output_dir = output_dir;
    run.report = report;
    run.context = context;
    run.settings = settings_hash(batch);
    const char *const *extensions = folio_format_plugin(batch->writer)->extensions;
    run.extension = extensions != NULL && extensions[0] != NULL
                        ? extensions[0] : folio_format_name(batch->writer);
    pthread_mutex_init(&run.lock, NULL);
    choose_inputs(batch, &run.inputs);
    run.done = calloc(run.inputs.count > 0 ? run.inputs.count : 1,
                      sizeof *run.done);
    if (run.done == NULL)
        status = folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    if (status == FOLIO_OK)
        status = journal_open(output_dir, batch->dry_run, &run.journal, err);
    if (status == FOLIO_OK)
        status = batch_name_outputs(&run, err);
    if (status == FOLIO_OK)
        status = batch_find_collisions(&run, err);
    if (status == FOLIO_OK)
        status = batch_convert_all(&run, err);
    if (run.journal != NULL) {
        folio_error close_err;
        folio_error_clear(&close_err);
        folio_status closed = journal_close(
            run.journal, batch->dry_run ? NULL : &close_err);
        if (status == FOLIO_OK && closed != FOLIO_OK) {
            status = closed;
            if (err != NULL)
                *err = close_err;
        }
    }
    *summary = run.summary;
    summary->inputs = run.inputs.count;
    summary->seconds = seconds_since(&start);
    batch_run_release(&run);
    return status;
}
