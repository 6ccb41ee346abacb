/* Private helpers of the I/O layer: sinks that own their target, system
 * errors as folio errors, and paths. */
#ifndef FOLIO_CORE_IO_PRIVATE_H
#define FOLIO_CORE_IO_PRIVATE_H

#include <folio/sink.h>

/* As folio_sink_new, and folio_sink_free calls release(context). */
folio_sink *folio_sink_new_owning(folio_sink_fn fn, void *context,
                                  void (*release)(void *context));

/* A sink writing to fd (left open); name (borrowed, must outlive the sink)
 * names it in error messages. */
folio_sink *folio_sink_new_fd_named(int fd, const char *name);

/* Fills *err with FOLIO_ERR_IO and "PATH: ACTION: strerror(errno)". */
folio_status folio_system_error(folio_error *err, const char *path,
                                const char *action, int error_number);

/* "FOLDER/NAMESUFFIX", malloc'd; NULL when out of memory. */
char *folio_path_join(const char *folder, const char *name,
                      const char *suffix);

#endif
