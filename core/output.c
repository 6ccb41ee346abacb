/* Atomic output files: write a temporary file beside the target, then
 * rename it over the target once complete. */
#include <folio/io.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "io_private.h"

struct folio_output {
    char *path;
    char *temp_path;     /* NULL when writing a device or pipe in place */
    int fd;
    folio_sink *sink;
    bool replaces;       /* path existed as a regular file, with mode: */
    mode_t mode;
};

enum { TEMP_ATTEMPTS = 64 };

/* A fresh name for the temporary file: ".BASE.XXXXXX" in temp_dir, or by
 * default in the target's folder, so that the final rename() never
 * crosses file systems. */
static char *temp_name(const char *path, const char *temp_dir, uint64_t seed)
{
    static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    const char *slash = strrchr(path, '/');
    const char *base = slash != NULL ? slash + 1 : path;
    /* The folder: path's own (with its '/'), or temp_dir plus a '/'. */
    const char *dir = temp_dir != NULL ? temp_dir : path;
    size_t dir_len = temp_dir != NULL ? strlen(temp_dir) : (size_t)(base - path);
    const char *separator = temp_dir != NULL ? "/" : "";
    size_t len = dir_len + 2 + strlen(base) + 8;
    char *name = malloc(len);
    if (name == NULL)
        return NULL;
    char suffix[7];
    for (int i = 0; i < 6; i++) {
        suffix[i] = digits[seed % 36];
        seed /= 36;
    }
    suffix[6] = '\0';
    snprintf(name, len, "%.*s%s.%s.%s", (int)dir_len, dir, separator, base,
             suffix);
    return name;
}

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    return x ^ (x >> 33);
}

static void output_free(folio_output *output)
{
    folio_sink_free(output->sink);
    free(output->path);
    free(output->temp_path);
    free(output);
}

/* Opens a new temporary file with O_EXCL, so the kernel applies the umask
 * to mode 0666 and no existing file is ever reused. */
static folio_status open_temp(folio_output *output, const char *temp_dir,
                              folio_error *err)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    uint64_t seed = mix((uint64_t)now.tv_nsec ^ ((uint64_t)now.tv_sec << 30) ^
                        (uint64_t)getpid() ^ (uint64_t)(uintptr_t)output);
    for (int attempt = 0; attempt < TEMP_ATTEMPTS; attempt++) {
        output->temp_path = temp_name(output->path, temp_dir,
                                      mix(seed + (uint64_t)attempt));
        if (output->temp_path == NULL)
            return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
        output->fd = open(output->temp_path,
                          O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (output->fd >= 0)
            return FOLIO_OK;
        int saved = errno;
        free(output->temp_path);
        output->temp_path = NULL;
        if (saved != EEXIST)
            return folio_system_error(err, output->path,
                                      "cannot create a temporary file beside "
                                      "it", saved);
    }
    return folio_error_set(err, FOLIO_ERR_IO,
                           "%s: cannot find a free temporary file name",
                           output->path);
}

/* A device, pipe or socket (/dev/null, /dev/stdout, a FIFO) cannot be
 * replaced by rename(), and must not be: it is written in place. */
static folio_status open_special(folio_output *output, folio_error *err)
{
    output->fd = open(output->path, O_WRONLY | O_CLOEXEC);
    if (output->fd < 0)
        return folio_system_error(err, output->path, "cannot open", errno);
    return FOLIO_OK;
}

folio_status folio_output_open(const char *path, folio_output **out,
                               folio_error *err)
{
    return folio_output_open_in(path, NULL, out, err);
}

folio_status folio_output_open_in(const char *path, const char *temp_dir,
                                  folio_output **out, folio_error *err)
{
    *out = NULL;
    struct stat st;
    bool exists = stat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode))
        return folio_error_set(err, FOLIO_ERR_IO, "%s: is a directory", path);
    folio_output *output = calloc(1, sizeof *output);
    if (output == NULL || (output->path = strdup(path)) == NULL) {
        free(output);
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    }
    output->fd = -1;
    output->replaces = exists && S_ISREG(st.st_mode);
    output->mode = exists ? st.st_mode & 07777 : 0;
    folio_status status;
    if (exists && !S_ISREG(st.st_mode))
        status = open_special(output, err);
    else
        status = open_temp(output, temp_dir, err);
    if (status == FOLIO_OK &&
        (output->sink = folio_sink_new_fd_named(output->fd, output->path)) ==
            NULL)
        status = folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    if (status != FOLIO_OK) {
        folio_output_abort(output);
        return status;
    }
    *out = output;
    return FOLIO_OK;
}

folio_sink *folio_output_sink(folio_output *output)
{
    return output->sink;
}

void folio_output_abort(folio_output *output)
{
    if (output == NULL)
        return;
    if (output->fd >= 0)
        close(output->fd);
    if (output->temp_path != NULL)
        unlink(output->temp_path);
    output_free(output);
}

folio_status folio_output_commit(folio_output *output, folio_error *err)
{
    folio_status status = folio_sink_flush(output->sink);
    if (status != FOLIO_OK) {
        folio_sink_status(output->sink, err);
        folio_output_abort(output);
        return status;
    }
    /* Replacing a file keeps its permissions, as editors do. */
    if (output->temp_path != NULL && output->replaces)
        fchmod(output->fd, output->mode);
    int fd = output->fd;
    output->fd = -1;
    if (close(fd) != 0)
        status = folio_system_error(err, output->path, "cannot write", errno);
    else if (output->temp_path != NULL &&
             rename(output->temp_path, output->path) != 0)
        status = folio_system_error(err, output->path, "cannot replace",
                                    errno);
    if (status != FOLIO_OK) {
        folio_output_abort(output);
        return status;
    }
    output_free(output);
    return FOLIO_OK;
}
