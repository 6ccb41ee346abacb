/*
 * folio/batch.h: converting a whole archive (what `folio batch` runs).
 *
 * A batch walks a source folder, converts every input a reader claims, and
 * writes each result atomically under an output folder, on several threads.
 * It is safe to interrupt and re-run: outputs that are up to date with
 * their input and settings are skipped (a journal in OUTDIR/.folio-batch
 * records what was written), so a killed run resumes where it stopped.
 *
 *     folio_batch *batch = folio_batch_new(registry);
 *     folio_batch_set_writer(batch, "markdown", &err);
 *     folio_batch_run(batch, "archive", "site", report, context, &summary,
 *                     &err);
 *     folio_batch_free(batch);
 *
 * Output paths mirror the input's relative path with the writer's first
 * extension, or follow a name template built from metadata (see
 * folio_batch_set_name_template). Nothing from metadata or file names can
 * make a batch write outside the output folder. Two inputs that map to one
 * output are both reported as a collision, and neither is written.
 *
 * The same inputs and settings give byte-identical outputs whatever the
 * number of threads. Memory is bounded by the documents being converted at
 * once (one per thread), not by the size of the archive.
 */
#ifndef FOLIO_BATCH_H
#define FOLIO_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <folio/error.h>
#include <folio/io.h>
#include <folio/options.h>
#include <folio/registry.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct folio_batch folio_batch;

/* A batch using registry (borrowed: it must outlive the batch). Reader by
 * extension, one thread per core, mirrored names. NULL when out of
 * memory. */
FOLIO_API folio_batch *folio_batch_new(folio_registry *registry);
FOLIO_API void folio_batch_free(folio_batch *batch);

/* The reader: a format name, "auto" (by content, every file probed), or
 * NULL (by extension; files no reader claims are not inputs). With a name,
 * the inputs are the files with that reader's extensions, or every file
 * the include patterns admit when there are any. */
FOLIO_API folio_status folio_batch_set_reader(folio_batch *batch,
                                              const char *name,
                                              folio_error *err);

/* The writer, by format name (required). */
FOLIO_API folio_status folio_batch_set_writer(folio_batch *batch,
                                              const char *name,
                                              folio_error *err);

/* Appends a filter, run in the order added. */
FOLIO_API folio_status folio_batch_add_filter(folio_batch *batch,
                                              const char *name,
                                              folio_error *err);

/* Options for the reader, writer and filters (borrowed; must outlive the
 * batch and stay unchanged while it runs). NULL for none. */
FOLIO_API void folio_batch_set_options(folio_batch *batch,
                                       const folio_options *options);

/*
 * Output names from a template, relative to the output folder, without
 * extension (the writer's first extension is added):
 *   {KEY}           a metadata value (string, integer, float or bool)
 *   {KEY:FORMAT}    a metadata date ("2025-06-16", "2025-06-16T05:01:56",
 *                   with or without a zone) through strftime's FORMAT
 *   {slug}          metadata "slug", else the title made into a slug, else
 *                   the input's file name without extension
 *   {stem}          the input's file name without extension
 *   {dir}           the input's folder relative to the source ("" at top)
 *   {{ and }}       literal braces
 * Example: "_posts/{date:%Y-%m-%d}-{slug}" (Jekyll). A value's '/' and
 * '\' become '-'; "." and ".." components, control characters and leading
 * '/' are neutralised. An input whose metadata lacks a key fails alone.
 * FOLIO_ERR_ARGUMENT for a malformed template.
 */
FOLIO_API folio_status folio_batch_set_name_template(folio_batch *batch,
                                                     const char *name_template,
                                                     folio_error *err);

/* fnmatch(3) patterns on the input path relative to the source folder,
 * where '*' also matches '/': "*.md" is every Markdown file at any depth,
 * "drafts/" followed by '*' everything under drafts/. A file is an input when it matches
 * some include pattern (or there are none) and no exclude pattern. Files
 * and folders whose names start with '.' are never inputs. */
FOLIO_API folio_status folio_batch_add_include(folio_batch *batch,
                                               const char *pattern,
                                               folio_error *err);
FOLIO_API folio_status folio_batch_add_exclude(folio_batch *batch,
                                               const char *pattern,
                                               folio_error *err);

/* Worker threads; 0 means one per online core (the default). */
FOLIO_API void folio_batch_set_jobs(folio_batch *batch, unsigned jobs);

/* Redo every output, up to date or not. */
FOLIO_API void folio_batch_set_force(folio_batch *batch, bool force);

/* Report what would be written, and every collision, writing nothing. */
FOLIO_API void folio_batch_set_dry_run(folio_batch *batch, bool dry_run);

/* Follow symbolic links to files and folders (off by default; a folder
 * reached twice is walked once). */
FOLIO_API void folio_batch_set_follow_symlinks(folio_batch *batch,
                                               bool follow);

/* Take only shard index (1..count) of count: the inputs whose relative path
 * hashes there. Deterministic, so count machines split one archive with no
 * coordination. FOLIO_ERR_ARGUMENT unless 1 <= index <= count. */
FOLIO_API folio_status folio_batch_set_shard(folio_batch *batch,
                                             unsigned index, unsigned count,
                                             folio_error *err);

/* Inputs larger than this fail alone (FOLIO_DEFAULT_MAX_INPUT_SIZE). */
FOLIO_API void folio_batch_set_max_input_size(folio_batch *batch,
                                              size_t max_size);

typedef enum folio_batch_outcome {
    FOLIO_BATCH_CONVERTED = 0,
    FOLIO_BATCH_UP_TO_DATE = 1,  /* skipped: output current */
    FOLIO_BATCH_FAILED = 2,      /* record's error says why */
    FOLIO_BATCH_COLLISION = 3,   /* another input maps to the same output */
    FOLIO_BATCH_PLANNED = 4,     /* dry run: would be written */
    FOLIO_BATCH_IGNORED = 5      /* -f auto: no reader claims the content */
} folio_batch_outcome;

/* What happened to one input. Every pointer is borrowed for the duration
 * of the callback. */
typedef struct folio_batch_record {
    const char *input;           /* relative to the source folder */
    const char *output;          /* relative to the output folder; NULL if
                                    none could be made */
    folio_batch_outcome outcome;
    const folio_error *error;    /* FAILED and COLLISION; else NULL */
    const char *reader;          /* format names; NULL when not known */
    const char *writer;
    size_t bytes_in;
    size_t bytes_out;
    double milliseconds;
} folio_batch_record;

/* Called once per input, from the worker threads but never two at a time,
 * with index counting records from 1 and total the number of inputs. */
typedef void (*folio_batch_report_fn)(void *context, size_t index,
                                      size_t total,
                                      const folio_batch_record *record);

typedef struct folio_batch_summary {
    size_t inputs;
    size_t converted;
    size_t up_to_date;
    size_t failed;
    size_t collisions;
    size_t planned;
    size_t ignored;
    double seconds;
} folio_batch_summary;

/*
 * Runs the batch from source_dir into output_dir (created if missing; when
 * it lies inside source_dir it is left out of the walk). report (may be
 * NULL) hears of every input. Failures of single inputs do not stop the
 * run: they are counted in *summary. Returns an error only when the batch
 * as a whole cannot run (no writer, unreadable source folder, unusable
 * output folder).
 */
FOLIO_API folio_status folio_batch_run(folio_batch *batch,
                                       const char *source_dir,
                                       const char *output_dir,
                                       folio_batch_report_fn report,
                                       void *context,
                                       folio_batch_summary *summary,
                                       folio_error *err);

#ifdef __cplusplus
}
#endif
#endif
