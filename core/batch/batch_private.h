/* Private: the state of a batch and of one run, shared by the files of
 * core/batch/. */
#ifndef FOLIO_CORE_BATCH_PRIVATE_H
#define FOLIO_CORE_BATCH_PRIVATE_H

#include <pthread.h>
#include <stdint.h>

#include <folio/batch.h>

#include "journal.h"
#include "naming.h"
#include "walk.h"

struct folio_batch {
    folio_registry *registry;
    char *reader_name;            /* NULL: by extension; "auto": content */
    const folio_format *reader;   /* when named */
    const folio_format *writer;
    const folio_format **filters;
    size_t filter_count;
    const folio_options *options;
    name_template *pattern;       /* NULL: mirror the input's path */
    uint64_t template_text_hash;
    char **includes;
    size_t include_count;
    char **excludes;
    size_t exclude_count;
    unsigned jobs;
    bool force;
    bool dry_run;
    bool follow;
    unsigned shard_index;
    unsigned shard_count;
    size_t max_input_size;
};

/* One input while a phase handles it. A run keeps no more per input than
 * its path and a flag: an output name made from the path alone is made
 * again whenever it is needed (cheap beside converting), so that a run's
 * memory does not grow with the archive; names from metadata, which cost
 * a parse, are kept from phase 1. */
typedef struct batch_item {
    size_t index;                 /* in the run's inputs */
    const char *input;            /* relative to the source */
    const char *output;           /* relative to the output folder; NULL
                                   * until named, or if naming failed */
    char *made;                   /* the output when made for this item */
} batch_item;

typedef struct batch_run {
    folio_batch *batch;
    const char *source_dir;
    const char *output_dir;
    const char *extension;        /* the writer's, for output names */
    uint64_t settings;
    batch_journal *journal;
    walk_list inputs;             /* item i's input is inputs.paths[i] */
    bool *done;                   /* item i reported already (failed or
                                   * collided) */
    char **named;                 /* item i's output named from metadata,
                                   * or NULL for all when names come from
                                   * paths */
    pthread_mutex_t lock;         /* guards reports and the summary */
    size_t reported;
    folio_batch_summary summary;
    folio_batch_report_fn report;
    void *context;
} batch_run;

/* Phase 1: when the name template needs metadata, reads every document to
 * name its output (failures are reported); other names are made later. */
folio_status batch_name_outputs(batch_run *run, folio_error *err);

/* Phase 2: reports every group of items with one output as collisions. */
folio_status batch_find_collisions(batch_run *run, folio_error *err);

/* Phase 3: converts (or plans, or skips as up to date) every other item. */
folio_status batch_convert_all(batch_run *run, folio_error *err);

/* Counts and reports one outcome (thread-safe). */
void batch_report(batch_run *run, const batch_item *item,
                  const folio_batch_record *record);

void batch_run_release(batch_run *run);

#endif
