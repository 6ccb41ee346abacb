/*
 * folio/io.h: reading inputs and writing outputs safely.
 *
 * Plugins never touch files; hosts (the folio command, batch, embedders)
 * use these. Output is atomic: it goes to a temporary file in the target's
 * folder and replaces the target by rename() only when complete, so a
 * failed or killed conversion never leaves a half-written file and never
 * touches an existing one.
 */
#ifndef FOLIO_IO_H
#define FOLIO_IO_H

#include <stddef.h>
#include <folio/error.h>
#include <folio/sink.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The input size limit folio applies unless told otherwise: 256 MiB. */
#define FOLIO_DEFAULT_MAX_INPUT_SIZE ((size_t)256 * 1024 * 1024)

/* Reads the whole file at path (or standard input for "-"), at most
 * max_size bytes: a larger input is FOLIO_ERR_LIMIT and nothing is kept.
 * On success *data is a malloc'd buffer the caller frees with free(), with
 * a NUL after its *len bytes. Errors name the path and the system's
 * reason. */
FOLIO_API folio_status folio_file_read(const char *path, size_t max_size,
                                       char **data, size_t *len,
                                       folio_error *err);

/* Reads everything from an open file descriptor, as folio_file_read. */
FOLIO_API folio_status folio_fd_read(int fd, size_t max_size, char **data,
                                     size_t *len, folio_error *err);

typedef struct folio_output folio_output;

/* Starts writing path: creates a temporary file ".NAME.XXXXXX" beside it.
 * A path that names a device, pipe or socket (/dev/null, a FIFO) is
 * written in place instead, since it cannot be replaced. The caller owns
 * *output and ends it with exactly one of commit or abort. */
FOLIO_API folio_status folio_output_open(const char *path,
                                         folio_output **output,
                                         folio_error *err);

/* As folio_output_open, but the temporary file goes in temp_dir, which
 * must be on the same file system as path. Batches use a folder of their
 * own, so that leftovers of a killed run are easy to find and remove. */
FOLIO_API folio_status folio_output_open_in(const char *path,
                                            const char *temp_dir,
                                            folio_output **output,
                                            folio_error *err);

/* The sink to write the content to (owned by the output). */
FOLIO_API folio_sink *folio_output_sink(folio_output *output);

/* Flushes, closes and renames the temporary file over path (permissions
 * 0666 less the umask), then frees output. If anything fails (including an
 * earlier write error on the sink), the temporary file is removed, path is
 * untouched, and the error is returned. */
FOLIO_API folio_status folio_output_commit(folio_output *output,
                                           folio_error *err);

/* Removes the temporary file and frees output; path is untouched. NULL is
 * accepted. */
FOLIO_API void folio_output_abort(folio_output *output);

/* A sink that writes straight to a file descriptor (not closed on free),
 * for standard output. NULL when out of memory. */
FOLIO_API folio_sink *folio_sink_new_fd(int fd);

#ifdef __cplusplus
}
#endif
#endif
