#include "journal.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <unistd.h>

#include <folio/io.h>

#include "../io_private.h"

#define JOURNAL_FOLDER ".folio-batch"
#define JOURNAL_FILE "journal"
#define JOURNAL_TEMP "tmp"
#define JOURNAL_VERSION "folio-batch-journal 1"

/* A record loaded at open. Records appended later are not kept in memory
 * (a run's memory would grow with every file): the rewrite at close reads
 * them back from the file. */
typedef struct journal_entry {
    const char *input;       /* in loaded */
    const char *output;
    journal_stamp stamp;
    bool superseded;         /* recorded again since open */
} journal_entry;

struct batch_journal {
    pthread_mutex_t lock;
    char *path;
    char *temp_dir;          /* NULL when read-only */
    int fd;                  /* O_APPEND, locked */
    off_t appended_from;     /* where the records of this run begin */
    char *loaded;            /* the file as read at open, its paths decoded
                              * in place: the entries' strings */
    journal_entry *entries;  /* one per input, in the order first loaded */
    size_t count;
    size_t entry_capacity;
    /* Open addressing on input: 1 + the entry's index, 0 when free. A
     * table at most half full costs 4 bytes a slot this way, not a whole
     * entry, and a re-run of a large archive holds one entry per input. */
    uint32_t *slots;
    size_t slot_count;       /* a power of two, at least twice count */
};

uint64_t journal_hash(uint64_t hash, const char *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        hash ^= (unsigned char)data[i];
        hash *= 1099511628211ULL;
    }
    return hash;
}

/* ---- The table ---------------------------------------------------------- */

/* The slot holding input's entry, or the free one where it would go. */
static uint32_t *slot_for(const batch_journal *journal, const char *input)
{
    size_t mask = journal->slot_count - 1;
    size_t slot = journal_hash(JOURNAL_HASH_SEED, input, strlen(input)) & mask;
    while (journal->slots[slot] != 0 &&
           strcmp(journal->entries[journal->slots[slot] - 1].input, input) != 0)
        slot = (slot + 1) & mask;
    return &journal->slots[slot];
}

static journal_entry *entry_for(const batch_journal *journal,
                                const char *input)
{
    if (journal->slot_count == 0)
        return NULL;
    uint32_t slot = *slot_for(journal, input);
    return slot != 0 ? &journal->entries[slot - 1] : NULL;
}

static bool slots_grow(batch_journal *journal)
{
    size_t slot_count = journal->slot_count == 0 ? 256
                                                 : journal->slot_count * 2;
    uint32_t *slots = calloc(slot_count, sizeof *slots);
    if (slots == NULL)
        return false;
    free(journal->slots);
    journal->slots = slots;
    journal->slot_count = slot_count;
    for (size_t i = 0; i < journal->count; i++)
        *slot_for(journal, journal->entries[i].input) = (uint32_t)(i + 1);
    return true;
}

static bool entries_grow(batch_journal *journal)
{
    size_t capacity = journal->entry_capacity == 0
                          ? 128 : journal->entry_capacity * 2;
    journal_entry *entries = realloc(journal->entries,
                                     capacity * sizeof *entries);
    if (entries == NULL)
        return false;
    journal->entries = entries;
    journal->entry_capacity = capacity;
    return true;
}

/* input and output are borrowed from journal->loaded. False when out of
 * memory (or past 4 billion records). */
static bool table_put(batch_journal *journal, const char *input,
                      const char *output, const journal_stamp *stamp)
{
    journal_entry *entry = entry_for(journal, input);
    if (entry == NULL) {
        if (journal->count >= UINT32_MAX - 1 ||
            (journal->count == journal->entry_capacity &&
             !entries_grow(journal)) ||
            ((journal->count + 1) * 2 > journal->slot_count &&
             !slots_grow(journal)))
            return false;
        *slot_for(journal, input) = (uint32_t)(journal->count + 1);
        entry = &journal->entries[journal->count++];
    }
    *entry = (journal_entry){input, output, *stamp, false};
    return true;
}

bool journal_find(const batch_journal *journal, const char *input,
                  const char **output, journal_stamp *stamp)
{
    const journal_entry *entry = entry_for(journal, input);
    if (entry == NULL)
        return false;
    *output = entry->output;
    *stamp = entry->stamp;
    return true;
}

/* ---- Lines -------------------------------------------------------------- */

/* Paths are stored with '%', TAB, LF and CR percent-encoded, so a record
 * is always one line of tab-separated fields. */
static void encode_path(const char *path, char *out)
{
    for (; *path != '\0'; path++) {
        if (*path == '%' || *path == '\t' || *path == '\n' || *path == '\r')
            out += sprintf(out, "%%%02X", (unsigned char)*path);
        else
            *out++ = *path;
    }
    *out = '\0';
}

/* Decodes the len bytes at text where they lie (a decoded path is never
 * longer), NUL-terminated: loading needs no copy per path. */
static const char *decode_path_in_place(char *text, size_t len)
{
    size_t used = 0;
    for (size_t i = 0; i < len; i++) {
        char hex[3] = {0};
        if (text[i] == '%' && i + 2 < len &&
            isxdigit((unsigned char)text[i + 1]) &&
            isxdigit((unsigned char)text[i + 2])) {
            memcpy(hex, text + i + 1, 2);
            text[used++] = (char)strtol(hex, NULL, 16);
            i += 2;
        } else
            text[used++] = text[i];
    }
    text[used] = '\0';
    return text;
}

static char *format_record(const char *input, const char *output,
                           const journal_stamp *stamp)
{
    size_t len = 3 * (strlen(input) + strlen(output)) + 128;
    char *line = malloc(len);
    char *encoded_input = malloc(3 * strlen(input) + 1);
    char *encoded_output = malloc(3 * strlen(output) + 1);
    if (line != NULL && encoded_input != NULL && encoded_output != NULL) {
        encode_path(input, encoded_input);
        encode_path(output, encoded_output);
        snprintf(line, len, "%016" PRIx64 "\t%" PRIu64 "\t%" PRId64 "\t%" PRIu64
                            "\t%s\t%s\n",
                 stamp->settings, stamp->input_size, stamp->input_mtime_ns,
                 stamp->output_size, encoded_input, encoded_output);
    } else {
        free(line);
        line = NULL;
    }
    free(encoded_input);
    free(encoded_output);
    return line;
}

/* Whether one complete line (without its LF) is a record: its stamp, and
 * where its input field starts and ends (the output field follows). */
static bool split_record(const char *line, size_t len, journal_stamp *stamp,
                         size_t *input_start, size_t *input_end)
{
    int consumed = 0;
    char copy[128];
    size_t head = len < sizeof copy - 1 ? len : sizeof copy - 1;
    memcpy(copy, line, head);
    copy[head] = '\0';
    if (sscanf(copy, "%16" SCNx64 "\t%" SCNu64 "\t%" SCNd64 "\t%" SCNu64 "\t%n",
               &stamp->settings, &stamp->input_size, &stamp->input_mtime_ns,
               &stamp->output_size, &consumed) != 4 ||
        consumed == 0)
        return false;
    const char *tab = memchr(line + consumed, '\t', len - (size_t)consumed);
    if (tab == NULL)
        return false;
    *input_start = (size_t)consumed;
    *input_end = (size_t)(tab - line);
    return true;
}

/* Parses one complete line (without its LF, in journal->loaded) into the
 * table; malformed lines are skipped. Returns false only when out of
 * memory. */
static bool parse_record(batch_journal *journal, char *line, size_t len)
{
    journal_stamp stamp;
    size_t input_start, input_end;
    if (!split_record(line, len, &stamp, &input_start, &input_end))
        return true;
    const char *input = decode_path_in_place(line + input_start,
                                             input_end - input_start);
    const char *output = decode_path_in_place(line + input_end + 1,
                                              len - input_end - 1);
    return table_put(journal, input, output, &stamp);
}

/* Reads the journal into journal->loaded and its records into the table
 * (each line's paths decoded where they lie). */
static folio_status load(batch_journal *journal, folio_error *err)
{
    size_t len;
    folio_status status = folio_file_read(journal->path, SIZE_MAX / 2,
                                          &journal->loaded, &len, err);
    if (status != FOLIO_OK)
        return status;
    char *data = journal->loaded;
    size_t start = 0;
    bool versioned = len >= strlen(JOURNAL_VERSION) &&
                     memcmp(data, JOURNAL_VERSION, strlen(JOURNAL_VERSION)) == 0;
    for (size_t i = 0; versioned && i < len; i++) {
        if (data[i] != '\n')
            continue;
        if (start > 0 && !parse_record(journal, data + start, i - start))
            return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
        start = i + 1;
    }
    return FOLIO_OK;
}

/* Removes what a killed run left in the temporary folder (only files: the
 * folder holds nothing else). */
static void empty_folder(const char *folder)
{
    DIR *dir = opendir(folder);
    if (dir == NULL)
        return;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", folder, entry->d_name);
        unlink(path);
    }
    closedir(dir);
}

/* Opens the journal for appending, locked against other batches, and
 * prepares the temporary folder. */
static folio_status open_writable(batch_journal *journal, const char *folder,
                                  folio_error *err)
{
    if (mkdir(folder, 0777) != 0 && errno != EEXIST)
        return folio_system_error(err, folder, "cannot create", errno);
    journal->fd = open(journal->path,
                       O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
    if (journal->fd < 0)
        return folio_system_error(err, journal->path, "cannot open", errno);
    struct flock lock = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    if (fcntl(journal->fd, F_SETLK, &lock) != 0)
        return folio_error_set(err, FOLIO_ERR_IO,
                               "%s: another folio batch is writing this "
                               "output folder",
                               folder);
    if ((journal->temp_dir = folio_path_join(folder, JOURNAL_TEMP, "")) == NULL)
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    if (mkdir(journal->temp_dir, 0777) != 0 && errno != EEXIST)
        return folio_system_error(err, journal->temp_dir, "cannot create",
                                  errno);
    empty_folder(journal->temp_dir);
    journal->appended_from = lseek(journal->fd, 0, SEEK_END);
    if (journal->appended_from < 0)
        return folio_system_error(err, journal->path, "cannot read", errno);
    if (journal->appended_from > 0)
        return FOLIO_OK;
    size_t len = strlen(JOURNAL_VERSION) + 1;
    if (write(journal->fd, JOURNAL_VERSION "\n", len) != (ssize_t)len)
        return folio_system_error(err, journal->path, "cannot write", errno);
    journal->appended_from = (off_t)len;
    return FOLIO_OK;
}

folio_status journal_open(const char *output_dir, bool read_only,
                          batch_journal **out, folio_error *err)
{
    batch_journal *result = calloc(1, sizeof *result);
    char *folder = folio_path_join(output_dir, JOURNAL_FOLDER, "");
    if (result == NULL || folder == NULL ||
        (result->path = folio_path_join(folder, JOURNAL_FILE, "")) == NULL) {
        free(result);
        free(folder);
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    }
    pthread_mutex_init(&result->lock, NULL);
    result->fd = -1;
    folio_status status = FOLIO_OK;
    if (!read_only)
        status = open_writable(result, folder, err);
    struct stat st;
    if (status == FOLIO_OK && stat(result->path, &st) == 0)
        status = load(result, err);
    free(folder);
    if (status != FOLIO_OK) {
        journal_close(result, NULL);
        return status;
    }
    *out = result;
    return FOLIO_OK;
}

const char *journal_temp_dir(const batch_journal *journal)
{
    return journal->temp_dir;
}

folio_status journal_record(batch_journal *journal, const char *input,
                            const char *output, const journal_stamp *stamp,
                            folio_error *err)
{
    char *line = format_record(input, output, stamp);
    if (line == NULL)
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    size_t len = strlen(line);
    folio_status status = FOLIO_OK;
    pthread_mutex_lock(&journal->lock);
    /* The loaded record goes even when this one cannot be written: then
     * the input is redone next time, which is safe. */
    journal_entry *entry = entry_for(journal, input);
    if (entry != NULL)
        entry->superseded = true;
    /* A short write is an error too: its torn line would hide the next. */
    ssize_t written = write(journal->fd, line, len);
    if (written != (ssize_t)len)
        status = folio_system_error(err, journal->path, "cannot write",
                                    written < 0 ? errno : ENOSPC);
    pthread_mutex_unlock(&journal->lock);
    free(line);
    return status;
}

/* Copies each whole line of data[0, len) that is a record to sink;
 * returns how many bytes it went through (up to the last LF). */
static size_t copy_records(const char *data, size_t len, folio_sink *sink)
{
    size_t start = 0;
    const char *lf;
    while ((lf = memchr(data + start, '\n', len - start)) != NULL) {
        size_t end = (size_t)(lf - data);
        journal_stamp stamp;
        size_t input_start, input_end;
        if (split_record(data + start, end - start, &stamp, &input_start,
                         &input_end))
            folio_sink_write(sink, data + start, end + 1 - start);
        start = end + 1;
    }
    return start;
}

/* Copies the records this run appended to sink, streaming them through a
 * small buffer, so that closing needs no memory per record either. A
 * torn last line is left out, as loading would. */
static folio_status copy_appended(const batch_journal *journal,
                                  folio_sink *sink, folio_error *err)
{
    int fd = open(journal->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return folio_system_error(err, journal->path, "cannot open", errno);
    size_t capacity = 64 * 1024;
    size_t used = 0;
    char *buffer = malloc(capacity);
    folio_status status = buffer != NULL
                              ? FOLIO_OK
                              : folio_error_set(err, FOLIO_ERR_NOMEM,
                                                "out of memory");
    for (off_t offset = journal->appended_from; status == FOLIO_OK;) {
        if (used == capacity) { /* one line longer than the buffer */
            char *grown = realloc(buffer, capacity * 2);
            if (grown == NULL) {
                status = folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
                break;
            }
            buffer = grown;
            capacity *= 2;
        }
        ssize_t got = pread(fd, buffer + used, capacity - used, offset);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            status = folio_system_error(err, journal->path, "cannot read",
                                        errno);
        if (got <= 0)
            break;
        offset += got;
        used += (size_t)got;
        size_t copied = copy_records(buffer, used, sink);
        memmove(buffer, buffer + copied, used - copied);
        used -= copied;
    }
    free(buffer);
    close(fd);
    return status;
}

static folio_status rewrite(batch_journal *journal, folio_error *err)
{
    folio_output *output;
    folio_status status = folio_output_open_in(journal->path,
                                               journal->temp_dir, &output, err);
    if (status != FOLIO_OK)
        return status;
    folio_sink *sink = folio_output_sink(output);
    folio_sink_puts(sink, JOURNAL_VERSION "\n");
    for (size_t i = 0; i < journal->count; i++) {
        const journal_entry *entry = &journal->entries[i];
        if (entry->superseded)
            continue;
        char *line = format_record(entry->input, entry->output, &entry->stamp);
        if (line == NULL) {
            folio_output_abort(output);
            return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
        }
        folio_sink_puts(sink, line);
        free(line);
    }
    status = copy_appended(journal, sink, err);
    if (status != FOLIO_OK) {
        folio_output_abort(output);
        return status;
    }
    return folio_output_commit(output, err);
}

folio_status journal_close(batch_journal *journal, folio_error *err)
{
    folio_status status = FOLIO_OK;
    if (journal->fd >= 0) {
        /* Rewritten while the lock is still held. */
        if (err != NULL)
            status = rewrite(journal, err);
        close(journal->fd);
    }
    free(journal->entries);
    free(journal->slots);
    free(journal->loaded);
    free(journal->path);
    free(journal->temp_dir);
    pthread_mutex_destroy(&journal->lock);
    free(journal);
    return status;
}
