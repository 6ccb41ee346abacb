/* Reading whole inputs, and atomic output files. */
#include <folio/io.h>
#include "io_private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

folio_status folio_system_error(folio_error *err, const char *path,
                                 const char *action, int error_number)
{
    char reason[128];
    if (strerror_r(error_number, reason, sizeof reason) != 0)
        snprintf(reason, sizeof reason, "error %d", error_number);
    return folio_error_set(err, FOLIO_ERR_IO, "%s: %s: %s", path, action,
                           reason);
}

static folio_status too_large(folio_error *err, const char *path,
                              size_t max_size)
{
    return folio_error_set(err, FOLIO_ERR_LIMIT,
                           "%s: larger than the input size limit of %zu "
                           "bytes (see --max-input-size)",
                           path, max_size);
}

static folio_status read_fd_named(int fd, const char *path, size_t max_size,
                                  char **data, size_t *len, folio_error *err)
{
    struct stat st;
    size_t capacity = 64 * 1024;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        if ((uintmax_t)st.st_size > max_size)
            return too_large(err, path, max_size);
        /* Room for the terminating NUL and one byte more, so that the
         * read that finds the end of the file needs no larger buffer. */
        capacity = (size_t)st.st_size + 2;
    }
    char *buffer = malloc(capacity);
    if (buffer == NULL)
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    size_t used = 0;
    for (;;) {
        if (used + 1 >= capacity) {
            if (used >= max_size) {
                free(buffer);
                return too_large(err, path, max_size);
            }
            size_t grown_capacity = capacity * 2;
            char *grown = realloc(buffer, grown_capacity);
            if (grown == NULL) {
                free(buffer);
                return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
            }
            buffer = grown;
            capacity = grown_capacity;
        }
        ssize_t n = read(fd, buffer + used, capacity - used - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int saved = errno;
            free(buffer);
            return folio_system_error(err, path, "cannot read", saved);
        }
        if (n == 0)
            break;
        used += (size_t)n;
    }
    if (used > max_size) {
        free(buffer);
        return too_large(err, path, max_size);
    }
    buffer[used] = '\0';
    *data = buffer;
    *len = used;
    return FOLIO_OK;
}

folio_status folio_fd_read(int fd, size_t max_size, char **data, size_t *len,
                           folio_error *err)
{
    return read_fd_named(fd, "-", max_size, data, len, err);
}

folio_status folio_file_read(const char *path, size_t max_size, char **data,
                             size_t *len, folio_error *err)
{
    if (strcmp(path, "-") == 0)
        return read_fd_named(STDIN_FILENO, "-", max_size, data, len, err);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return folio_system_error(err, path, "cannot open", errno);
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return folio_error_set(err, FOLIO_ERR_IO, "%s: is a directory", path);
    }
    folio_status status = read_fd_named(fd, path, max_size, data, len, err);
    close(fd);
    return status;
}

/* ---- Writing to a file descriptor -------------------------------------- */

typedef struct fd_target {
    int fd;
    const char *path;  /* for messages; outlives the sink */
} fd_target;

static folio_status write_all(void *context, const char *data, size_t len,
                              folio_error *err)
{
    const fd_target *target = context;
    while (len > 0) {
        ssize_t n = write(target->fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return folio_system_error(err, target->path, "cannot write", errno);
        data += n;
        len -= (size_t)n;
    }
    return FOLIO_OK;
}

folio_sink *folio_sink_new_fd_named(int fd, const char *name)
{
    fd_target *target = malloc(sizeof *target);
    if (target == NULL)
        return NULL;
    target->fd = fd;
    target->path = name;
    folio_sink *sink = folio_sink_new_owning(write_all, target, free);
    if (sink == NULL)
        free(target);
    return sink;
}

folio_sink *folio_sink_new_fd(int fd)
{
    return folio_sink_new_fd_named(fd, fd == STDOUT_FILENO ? "standard output"
                                                           : "output");
}

char *folio_path_join(const char *folder, const char *name, const char *suffix)
{
    size_t len = strlen(folder) + 1 + strlen(name) + strlen(suffix) + 1;
    char *path = malloc(len);
    if (path != NULL)
        snprintf(path, len, "%s/%s%s", folder, name, suffix);
    return path;
}
