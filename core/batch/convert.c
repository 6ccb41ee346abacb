/* The work of a batch run: naming, collisions, and converting each input on
 * worker threads. */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <folio/io.h>
#include <folio/meta.h>

#include "../io_private.h"
#include "batch_private.h"

/* ---- Workers ------------------------------------------------------------ */

/* What one worker thread keeps between items. */
typedef struct batch_worker {
    /* The output folder (relative) that the last item's checks found to be
     * a real folder: inputs come sorted, so most items share it. */
    char *known_folder;
} batch_worker;

typedef void (*item_fn)(batch_run *run, batch_worker *worker,
                        batch_item *item);

typedef struct worker_pool {
    batch_run *run;
    item_fn fn;
    atomic_size_t next;
} worker_pool;

/* Starts handling item index: its input, and its output if named in
 * phase 1. */
static void item_begin(const batch_run *run, size_t index, batch_item *item)
{
    item->index = index;
    item->input = run->inputs.paths[index];
    item->output = run->named != NULL ? run->named[index] : NULL;
    item->made = NULL;
}

static void item_end(batch_item *item)
{
    free(item->made);
    item->made = NULL;
}

/* Names the item's output from its path, unless phase 1 named it from
 * metadata (then every item not done has its name). */
static folio_status item_name(const batch_run *run, batch_item *item,
                              folio_error *err)
{
    if (item->output != NULL)
        return FOLIO_OK;
    folio_status status = name_output_path(run->batch->pattern, NULL,
                                           item->input, run->extension,
                                           &item->made, err);
    item->output = item->made;
    return status;
}

static void *worker_main(void *arg)
{
    worker_pool *pool = arg;
    batch_worker worker = {NULL};
    for (;;) {
        size_t index = atomic_fetch_add(&pool->next, 1);
        if (index >= pool->run->inputs.count)
            break;
        if (pool->run->done[index])
            continue;
        batch_item item;
        item_begin(pool->run, index, &item);
        pool->fn(pool->run, &worker, &item);
        item_end(&item);
    }
    free(worker.known_folder);
    return NULL;
}

static unsigned worker_count(const batch_run *run)
{
    unsigned jobs = run->batch->jobs;
    if (jobs == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cores > 0 ? (unsigned)cores : 1;
    }
    size_t count = run->inputs.count;
    return count < jobs ? (unsigned)(count > 0 ? count : 1) : jobs;
}

/* Runs fn on every item not yet done, on the batch's threads; the calling
 * thread is one of them. */
static folio_status run_parallel(batch_run *run, item_fn fn, folio_error *err)
{
    worker_pool pool = {run, fn, 0};
    unsigned count = worker_count(run);
    pthread_t *threads = calloc(count, sizeof *threads);
    if (threads == NULL)
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    unsigned started = 0;
    while (started + 1 < count &&
           pthread_create(&threads[started], NULL, worker_main, &pool) == 0)
        started++;
    worker_main(&pool);
    for (unsigned i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    free(threads);
    return FOLIO_OK;
}

/* ---- Reporting ---------------------------------------------------------- */

void batch_report(batch_run *run, const batch_item *item,
                  const folio_batch_record *record)
{
    pthread_mutex_lock(&run->lock);
    run->done[item->index] = true;
    folio_batch_summary *summary = &run->summary;
    switch (record->outcome) {
    case FOLIO_BATCH_CONVERTED: summary->converted++; break;
    case FOLIO_BATCH_UP_TO_DATE: summary->up_to_date++; break;
    case FOLIO_BATCH_FAILED: summary->failed++; break;
    case FOLIO_BATCH_COLLISION: summary->collisions++; break;
    case FOLIO_BATCH_PLANNED: summary->planned++; break;
    case FOLIO_BATCH_IGNORED: summary->ignored++; break;
    }
    run->reported++;
    if (run->report != NULL)
        run->report(run->context, run->reported, run->inputs.count, record);
    pthread_mutex_unlock(&run->lock);
}

static double milliseconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) * 1e3 +
           (double)(now.tv_nsec - start->tv_nsec) / 1e6;
}

/* What one item's processing found out, for its record. */
typedef struct item_result {
    folio_batch_outcome outcome;
    folio_error error;
    const folio_format *reader;
    size_t bytes_in;
    size_t bytes_out;
    struct timespec start;
} item_result;

static void report_result(batch_run *run, const batch_item *item,
                          const item_result *result)
{
    folio_batch_record record = {
        .input = item->input,
        .output = item->output,
        .outcome = result->outcome,
        .error = result->outcome == FOLIO_BATCH_FAILED ||
                         result->outcome == FOLIO_BATCH_COLLISION
                     ? &result->error : NULL,
        .reader = result->reader ? folio_format_name(result->reader) : NULL,
        .writer = folio_format_name(run->batch->writer),
        .bytes_in = result->bytes_in,
        .bytes_out = result->bytes_out,
        .milliseconds = milliseconds_since(&result->start),
    };
    batch_report(run, item, &record);
}

static void result_start(item_result *result)
{
    memset(result, 0, sizeof *result);
    clock_gettime(CLOCK_MONOTONIC, &result->start);
}

/* Reports that the item's output could not be named. */
static void report_naming_failed(batch_run *run, const batch_item *item,
                                 const folio_error *err)
{
    item_result result;
    result_start(&result);
    result.outcome = FOLIO_BATCH_FAILED;
    result.error = *err;
    report_result(run, item, &result);
}

/* ---- Reading ------------------------------------------------------------ */

/* Reads, parses and filters the item's input into *doc. On failure sets
 * result->outcome (FAILED, or IGNORED when -f auto finds no reader). */
static folio_status load_document(batch_run *run, const batch_item *item,
                                  folio_doc **doc, item_result *result)
{
    const folio_batch *batch = run->batch;
    *doc = NULL;
    result->outcome = FOLIO_BATCH_FAILED;
    char *path = folio_path_join(run->source_dir, item->input, "");
    if (path == NULL)
        return folio_error_set(&result->error, FOLIO_ERR_NOMEM, "out of memory");
    char *data;
    size_t len;
    folio_status status = folio_file_read(path, batch->max_input_size, &data,
                                          &len, &result->error);
    free(path);
    if (status != FOLIO_OK)
        return status;
    result->bytes_in = len;
    status = folio_registry_choose_reader(batch->registry, batch->reader_name,
                                          item->input, data, len,
                                          &result->reader, &result->error);
    if (status == FOLIO_ERR_NOT_FOUND && batch->reader_name != NULL &&
        strcmp(batch->reader_name, "auto") == 0)
        result->outcome = FOLIO_BATCH_IGNORED;
    if (status == FOLIO_OK)
        status = folio_format_read(result->reader, data, len, batch->options,
                                   doc, &result->error);
    free(data);
    for (size_t i = 0; status == FOLIO_OK && i < batch->filter_count; i++) {
        status = folio_format_filter(batch->filters[i], *doc, batch->options,
                                     &result->error);
        if (status != FOLIO_OK)
            folio_error_prefix(&result->error,
                               folio_format_name(batch->filters[i]));
    }
    if (status != FOLIO_OK) {
        folio_doc_free(*doc);
        *doc = NULL;
    }
    return status;
}

/* ---- Phase 1: names ----------------------------------------------------- */

typedef struct input_stamp {
    uint64_t size;
    int64_t mtime_ns;
} input_stamp;

static bool stat_input(const batch_run *run, const batch_item *item,
                       input_stamp *stamp)
{
    char *path = folio_path_join(run->source_dir, item->input, "");
    struct stat st;
    bool ok = path != NULL && stat(path, &st) == 0;
    free(path);
    if (ok) {
        stamp->size = (uint64_t)st.st_size;
        stamp->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 +
                          st.st_mtim.tv_nsec;
    }
    return ok;
}

/* The output the journal recorded for an unchanged input under the same
 * settings, or NULL. */
static const char *journaled_output(const batch_run *run,
                                    const batch_item *item,
                                    journal_stamp *recorded)
{
    const char *output;
    input_stamp now;
    if (!journal_find(run->journal, item->input, &output, recorded) ||
        recorded->settings != run->settings || !stat_input(run, item, &now) ||
        now.size != recorded->input_size ||
        now.mtime_ns != recorded->input_mtime_ns)
        return NULL;
    return output;
}

static void name_from_metadata(batch_run *run, batch_worker *worker,
                               batch_item *item)
{
    (void)worker;
    item_result result;
    result_start(&result);
    journal_stamp recorded;
    const char *known = run->batch->force
                            ? NULL : journaled_output(run, item, &recorded);
    char **named = &run->named[item->index];
    if (known != NULL) {
        if ((*named = strdup(known)) == NULL) {
            folio_error_set(&result.error, FOLIO_ERR_NOMEM, "out of memory");
            result.outcome = FOLIO_BATCH_FAILED;
            report_result(run, item, &result);
        }
        return;
    }
    folio_doc *doc;
    if (load_document(run, item, &doc, &result) == FOLIO_OK &&
        name_output_path(run->batch->pattern, doc, item->input, run->extension,
                         named, &result.error) == FOLIO_OK) {
        folio_doc_free(doc);
        return;
    }
    folio_doc_free(doc);
    result.outcome = result.outcome == FOLIO_BATCH_IGNORED
                         ? FOLIO_BATCH_IGNORED : FOLIO_BATCH_FAILED;
    report_result(run, item, &result);
}

folio_status batch_name_outputs(batch_run *run, folio_error *err)
{
    const name_template *pattern = run->batch->pattern;
    if (pattern == NULL || !name_template_needs_metadata(pattern))
        return FOLIO_OK; /* made from the path when needed */
    size_t count = run->inputs.count;
    run->named = calloc(count > 0 ? count : 1, sizeof *run->named);
    if (run->named == NULL)
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    return run_parallel(run, name_from_metadata, err);
}

/* ---- Phase 2: collisions ------------------------------------------------ */

/* An item by the hash of its output name: sorting these finds the few
 * items that may share an output without keeping every item's name. */
typedef struct output_hash {
    uint64_t hash;
    size_t index;
} output_hash;

static int compare_hashes(const void *a, const void *b)
{
    const output_hash *x = a;
    const output_hash *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Fills hashes with every item not done; returns how many. An item whose
 * output cannot be named is reported failed. */
static size_t hash_outputs(batch_run *run, output_hash *hashes)
{
    size_t count = 0;
    for (size_t i = 0; i < run->inputs.count; i++) {
        if (run->done[i])
            continue;
        batch_item item;
        folio_error error;
        item_begin(run, i, &item);
        if (item_name(run, &item, &error) == FOLIO_OK)
            hashes[count++] = (output_hash){
                journal_hash(JOURNAL_HASH_SEED, item.output,
                             strlen(item.output)),
                i};
        else
            report_naming_failed(run, &item, &error);
        item_end(&item);
    }
    return count;
}

/* Keeps (in place, in order) the entries of sorted hashes that share their
 * hash with another; returns how many. */
static size_t keep_shared_hashes(output_hash *hashes, size_t count)
{
    size_t kept = 0;
    for (size_t i = 0; i < count; i++)
        if ((i > 0 && hashes[i - 1].hash == hashes[i].hash) ||
            (i + 1 < count && hashes[i + 1].hash == hashes[i].hash))
            hashes[kept++] = hashes[i];
    return kept;
}

static int compare_outputs(const void *a, const void *b)
{
    const batch_item *x = a;
    const batch_item *y = b;
    int order = strcmp(x->output, y->output);
    return order != 0 ? order : strcmp(x->input, y->input);
}

/* Reports every group of items with one output in sorted (by output, then
 * input) as collisions. */
static void report_collisions(batch_run *run, const batch_item *sorted,
                              size_t count)
{
    for (size_t i = 0; i < count;) {
        size_t end = i + 1;
        while (end < count && strcmp(sorted[end].output, sorted[i].output) == 0)
            end++;
        for (size_t j = i; end - i > 1 && j < end; j++) {
            item_result result;
            result_start(&result);
            result.outcome = FOLIO_BATCH_COLLISION;
            const batch_item *other = &sorted[j == i ? i + 1 : i];
            folio_error_set(&result.error, FOLIO_ERR_ARGUMENT,
                            "%s is also the output of %s%s: neither is "
                            "written",
                            sorted[j].output, other->input,
                            end - i > 2 ? " and others" : "");
            report_result(run, &sorted[j], &result);
        }
        i = end;
    }
}

/* Begins and names into items the items hashes lists; returns how many
 * are named (the others are reported failed). */
static size_t name_items(batch_run *run, const output_hash *hashes,
                         size_t count, batch_item *items)
{
    size_t named = 0;
    for (size_t i = 0; i < count; i++) {
        folio_error error;
        item_begin(run, hashes[i].index, &items[named]);
        if (item_name(run, &items[named], &error) == FOLIO_OK)
            named++;
        else {
            report_naming_failed(run, &items[named], &error);
            item_end(&items[named]);
        }
    }
    return named;
}

/* Only items whose output names hash alike can collide, so only those are
 * named together and compared; the hashes cost 16 bytes an item, and only
 * during this phase. */
folio_status batch_find_collisions(batch_run *run, folio_error *err)
{
    size_t total = run->inputs.count;
    output_hash *hashes = malloc((total > 0 ? total : 1) * sizeof *hashes);
    if (hashes == NULL)
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    size_t count = hash_outputs(run, hashes);
    if (count > 1)
        qsort(hashes, count, sizeof *hashes, compare_hashes);
    count = keep_shared_hashes(hashes, count);
    batch_item *items = malloc((count > 0 ? count : 1) * sizeof *items);
    size_t named = items != NULL ? name_items(run, hashes, count, items) : 0;
    free(hashes);
    if (items == NULL)
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    if (named > 1)
        qsort(items, named, sizeof *items, compare_outputs);
    report_collisions(run, items, named);
    for (size_t i = 0; i < named; i++)
        item_end(&items[i]);
    free(items);
    return FOLIO_OK;
}

/* ---- Phase 3: converting ------------------------------------------------ */

/* Creates the folders of relative below folder, refusing to go through a
 * symbolic link that could lead outside it. Skipped when the worker's
 * previous item checked the same folder. */
static folio_status make_parent_folders(const char *folder,
                                        const char *relative,
                                        batch_worker *worker,
                                        folio_error *err)
{
    const char *slash = strrchr(relative, '/');
    size_t parent_len = slash != NULL ? (size_t)(slash - relative) : 0;
    if (parent_len == 0 ||
        (worker->known_folder != NULL &&
         strlen(worker->known_folder) == parent_len &&
         memcmp(worker->known_folder, relative, parent_len) == 0))
        return FOLIO_OK;
    char *path = folio_path_join(folder, relative, "");
    if (path == NULL)
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    folio_status status = FOLIO_OK;
    for (char *p = path + strlen(folder) + 1; status == FOLIO_OK &&
                                              (p = strchr(p, '/')) != NULL;
         p++) {
        *p = '\0';
        struct stat st;
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            status = folio_system_error(err, path, "cannot create folder",
                                        errno);
        else if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode))
            status = folio_error_set(err, FOLIO_ERR_IO,
                                     "%s: not a folder (a symbolic link is "
                                     "never followed in the output)",
                                     path);
        *p = '/';
    }
    free(path);
    free(worker->known_folder);
    worker->known_folder = status == FOLIO_OK ? strndup(relative, parent_len)
                                              : NULL;
    return status;
}

static folio_status write_document(batch_run *run, batch_worker *worker,
                                   const batch_item *item,
                                   const folio_doc *doc, item_result *result)
{
    folio_status status = make_parent_folders(run->output_dir, item->output,
                                              worker, &result->error);
    char *path = status == FOLIO_OK
                     ? folio_path_join(run->output_dir, item->output, "")
                     : NULL;
    if (status == FOLIO_OK && path == NULL)
        status = folio_error_set(&result->error, FOLIO_ERR_NOMEM,
                                 "out of memory");
    folio_output *output = NULL;
    if (status == FOLIO_OK)
        status = folio_output_open_in(path, journal_temp_dir(run->journal),
                                      &output, &result->error);
    if (status == FOLIO_OK) {
        folio_sink *sink = folio_output_sink(output);
        status = folio_format_write(run->batch->writer, doc, sink,
                                    run->batch->options, &result->error);
        result->bytes_out = folio_sink_bytes_written(sink);
        if (status != FOLIO_OK)
            folio_output_abort(output);
        else
            status = folio_output_commit(output, &result->error);
    }
    free(path);
    return status;
}

static bool output_has_size(const batch_run *run, const batch_item *item,
                            uint64_t size)
{
    char *path = folio_path_join(run->output_dir, item->output, "");
    struct stat st;
    bool ok = path != NULL && lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
              (uint64_t)st.st_size == size;
    free(path);
    return ok;
}

static void convert_item(batch_run *run, batch_worker *worker,
                         batch_item *item)
{
    folio_error naming;
    if (item_name(run, item, &naming) != FOLIO_OK) {
        report_naming_failed(run, item, &naming);
        return;
    }
    item_result result;
    result_start(&result);
    journal_stamp recorded;
    const char *known = run->batch->force
                            ? NULL : journaled_output(run, item, &recorded);
    if (known != NULL && strcmp(known, item->output) == 0 &&
        output_has_size(run, item, recorded.output_size)) {
        result.outcome = FOLIO_BATCH_UP_TO_DATE;
        result.bytes_out = recorded.output_size;
        report_result(run, item, &result);
        return;
    }
    if (run->batch->dry_run) {
        result.outcome = FOLIO_BATCH_PLANNED;
        report_result(run, item, &result);
        return;
    }
    input_stamp before = {0, 0};
    folio_doc *doc;
    bool stamped = stat_input(run, item, &before);
    if (load_document(run, item, &doc, &result) == FOLIO_OK &&
        write_document(run, worker, item, doc, &result) == FOLIO_OK) {
        result.outcome = FOLIO_BATCH_CONVERTED;
        journal_stamp stamp = {run->settings, before.size, before.mtime_ns,
                               result.bytes_out};
        /* Without a stamp taken before reading, a later run could not know
         * what this output was made from: leave it unrecorded (redone). */
        if (stamped && journal_record(run->journal, item->input, item->output,
                                      &stamp, &result.error) != FOLIO_OK)
            result.outcome = FOLIO_BATCH_FAILED;
    } else if (result.outcome != FOLIO_BATCH_IGNORED)
        result.outcome = FOLIO_BATCH_FAILED;
    folio_doc_free(doc);
    report_result(run, item, &result);
}

folio_status batch_convert_all(batch_run *run, folio_error *err)
{
    return run_parallel(run, convert_item, err);
}

void batch_run_release(batch_run *run)
{
    for (size_t i = 0; run->named != NULL && i < run->inputs.count; i++)
        free(run->named[i]);
    free(run->named);
    free(run->done);
    walk_list_release(&run->inputs);
    pthread_mutex_destroy(&run->lock);
}
