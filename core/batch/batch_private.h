/* Private: the state of a batch and of one run, shared by the files of
 * core/batch/. */
#ifndef FOLIO_CORE_BATCH_PRIVATE_H
#define FOLIO_CORE_BATCH_PRIVATE_H

#include <pthread.h>
#include <stdint.h>

#include <folio/batch.h>

#include "journal.h"
#include "naming.h"

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

/* One input of a run. */
typedef struct batch_item {
    char *input;                  /* relative to the source */
    char *output;                 /* relative to the output folder */
    bool done;                    /* reported already (failed or collided) */
} batch_item;

typedef struct batch_run {
    folio_batch *batch;
    const char *source_dir;
    const char *output_dir;
    const char *extension;        /* the writer's, for output names */
    uint64_t settings;
    batch_journal *journal;
    batch_item *items;
    size_t count;
    pthread_mutex_t lock;         /* guards reports and the summary */
    size_t reported;
    folio_batch_summary summary;
    folio_batch_report_fn report;
    void *context;
} batch_run;

/* Phase 1: gives every item its output path (reading the document when
 * the name template needs metadata); failures are reported. */
folio_status batch_name_outputs(batch_run *run, folio_error *err);

/* Phase 2: reports every group of items with one output as collisions. */
void batch_find_collisions(batch_run *run);

/* Phase 3: converts (or plans, or skips as up to date) every other item. */
folio_status batch_convert_all(batch_run *run, folio_error *err);

/* Counts and reports one outcome (thread-safe). */
void batch_report(batch_run *run, batch_item *item,
                  const folio_batch_record *record);

void batch_run_release(batch_run *run);

#endif
