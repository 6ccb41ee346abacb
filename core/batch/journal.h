/*
 * Private: the batch journal, OUTDIR/.folio-batch/journal, which records
 * for each output written what it was made from, so that a re-run skips
 * what is up to date and a killed run resumes. Each record is appended
 * with one write() after its output is in place, so a kill loses at most
 * the record of the output being written (which is then redone).
 */
#ifndef FOLIO_CORE_BATCH_JOURNAL_H
#define FOLIO_CORE_BATCH_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <folio/error.h>

/* What an output was made from. */
typedef struct journal_stamp {
    uint64_t settings;      /* hash of formats, options, template, version */
    uint64_t input_size;
    int64_t input_mtime_ns;
    uint64_t output_size;
} journal_stamp;

typedef struct batch_journal batch_journal;

/* Opens the journal of output_dir and loads its records; a torn last line
 * is ignored. Unless read_only, creates the folder and file if needed,
 * takes a lock that keeps a second batch out of output_dir
 * (FOLIO_ERR_IO if one holds it), empties the temporary folder, and makes
 * the journal ready for journal_record. */
folio_status journal_open(const char *output_dir, bool read_only,
                          batch_journal **out, folio_error *err);

/* The folder for the batch's temporary files (borrowed): emptied when a
 * writable journal opens, so a killed run leaves nothing behind for long.
 * NULL for a read-only journal. */
const char *journal_temp_dir(const batch_journal *journal);

/* The output path and stamp recorded for input when the journal was
 * opened (records appended since are not looked up), or false. The path
 * is borrowed until the journal is closed. */
bool journal_find(const batch_journal *journal, const char *input,
                  const char **output, journal_stamp *stamp);

/* Appends a record (thread-safe), at most one per input between opening
 * and closing: the record is not kept in memory, and the rewrite at close
 * takes it from the file. */
folio_status journal_record(batch_journal *journal, const char *input,
                            const char *output, const journal_stamp *stamp,
                            folio_error *err);

/* Unless read-only or err is NULL, rewrites the journal atomically with
 * only the latest record per input; then frees it. */
folio_status journal_close(batch_journal *journal, folio_error *err);

/* 64-bit FNV-1a, continued from hash (start with JOURNAL_HASH_SEED). */
#define JOURNAL_HASH_SEED 14695981039346656037ULL
uint64_t journal_hash(uint64_t hash, const char *data, size_t len);

#endif
