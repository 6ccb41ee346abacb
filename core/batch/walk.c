#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../io_private.h"

enum { CHUNK_SIZE = 64 * 1024 };

/* Paths kept in the list's chunks (borrowed). */
typedef struct path_stack {
    const char **items;
    size_t count;
    size_t capacity;
} path_stack;

typedef struct folder_id {
    dev_t device;
    ino_t inode;
} folder_id;

typedef struct walk_state {
    const char *source;
    bool follow;
    bool has_skip;
    folder_id skip;
    path_stack pending;     /* folders still to read, relative */
    path_stack files;
    folio_arena *chunks;    /* where paths are kept: the list's */
    char *cursor;           /* free space in the newest chunk */
    size_t remaining;
    folder_id *seen;        /* folders walked, so links cannot loop */
    size_t seen_count;
    size_t seen_capacity;
} walk_state;

static bool stack_push(path_stack *stack, const char *item)
{
    if (stack->count == stack->capacity) {
        size_t capacity = stack->capacity == 0 ? 64 : stack->capacity * 2;
        const char **items = realloc(stack->items, capacity * sizeof *items);
        if (items == NULL)
            return false;
        stack->items = items;
        stack->capacity = capacity;
    }
    stack->items[stack->count++] = item;
    return true;
}

/* A NUL-terminated copy of the len bytes at s, packed after the previous
 * one; NULL when out of memory. A path that does not fit starts a new
 * chunk (one of its own if longer than a chunk): the old chunk's tail is
 * lost, at most a path's length per chunk. */
static const char *keep_path(walk_state *state, const char *s, size_t len)
{
    if (len + 1 > state->remaining) {
        size_t size = len + 1 > CHUNK_SIZE ? len + 1 : CHUNK_SIZE;
        char *chunk = folio_arena_alloc(state->chunks, size);
        if (chunk == NULL)
            return NULL;
        state->cursor = chunk;
        state->remaining = size;
    }
    char *copy = state->cursor;
    memcpy(copy, s, len);
    copy[len] = '\0';
    state->cursor += len + 1;
    state->remaining -= len + 1;
    return copy;
}

/* Records the folder; false if it was walked already. */
static int mark_seen(walk_state *state, const struct stat *st)
{
    for (size_t i = 0; i < state->seen_count; i++)
        if (state->seen[i].device == st->st_dev &&
            state->seen[i].inode == st->st_ino)
            return 0;
    if (state->seen_count == state->seen_capacity) {
        size_t capacity = state->seen_capacity == 0 ? 64
                                                    : state->seen_capacity * 2;
        folder_id *seen = realloc(state->seen, capacity * sizeof *seen);
        if (seen == NULL)
            return -1;
        state->seen = seen;
        state->seen_capacity = capacity;
    }
    state->seen[state->seen_count++] = (folder_id){st->st_dev, st->st_ino};
    return 1;
}

static folio_status out_of_memory(folio_error *err)
{
    return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
}

/* Sorts one entry of a folder into files or pending folders. */
static folio_status visit_entry(walk_state *state, const char *relative,
                                const char *full)
{
    struct stat st;
    if (lstat(full, &st) != 0)
        return FOLIO_OK; /* gone since readdir: not an input */
    if (S_ISLNK(st.st_mode) && (!state->follow || stat(full, &st) != 0))
        return FOLIO_OK;
    const char *copy;
    if (S_ISREG(st.st_mode)) {
        if ((copy = keep_path(state, relative, strlen(relative))) == NULL ||
            !stack_push(&state->files, copy))
            return FOLIO_ERR_NOMEM;
        return FOLIO_OK;
    }
    if (!S_ISDIR(st.st_mode))
        return FOLIO_OK;
    if (state->has_skip && st.st_dev == state->skip.device &&
        st.st_ino == state->skip.inode)
        return FOLIO_OK;
    int fresh = mark_seen(state, &st);
    if (fresh < 0)
        return FOLIO_ERR_NOMEM;
    if (fresh == 0)
        return FOLIO_OK;
    if ((copy = keep_path(state, relative, strlen(relative))) == NULL ||
        !stack_push(&state->pending, copy))
        return FOLIO_ERR_NOMEM;
    return FOLIO_OK;
}

static folio_status read_folder(walk_state *state, const char *relative,
                                folio_error *err)
{
    char *full = *relative != '\0'
                     ? folio_path_join(state->source, relative, "")
                     : strdup(state->source);
    if (full == NULL)
        return out_of_memory(err);
    DIR *dir = opendir(full);
    if (dir == NULL) {
        folio_status status = folio_system_error(err, full, "cannot read folder",
                                                 errno);
        free(full);
        return status;
    }
    folio_status status = FOLIO_OK;
    struct dirent *entry;
    while (status == FOLIO_OK && (entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        char *entry_relative =
            *relative != '\0' ? folio_path_join(relative, entry->d_name, "")
                               : strdup(entry->d_name);
        char *entry_full = folio_path_join(full, entry->d_name, "");
        if (entry_relative == NULL || entry_full == NULL)
            status = FOLIO_ERR_NOMEM;
        else
            status = visit_entry(state, entry_relative, entry_full);
        free(entry_relative);
        free(entry_full);
    }
    closedir(dir);
    free(full);
    if (status == FOLIO_ERR_NOMEM)
        return out_of_memory(err);
    return status;
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

folio_status walk_source(const char *source, bool follow, bool has_skip,
                         dev_t skip_device, ino_t skip_inode,
                         walk_list *list, folio_error *err)
{
    walk_state state = {0};
    state.source = source;
    state.follow = follow;
    state.has_skip = has_skip;
    state.skip = (folder_id){skip_device, skip_inode};
    list->paths = NULL;
    list->count = 0;
    folio_arena_init(&list->chunks);
    state.chunks = &list->chunks;
    struct stat st;
    if (stat(source, &st) != 0)
        return folio_system_error(err, source, "cannot read folder", errno);
    if (!S_ISDIR(st.st_mode))
        return folio_error_set(err, FOLIO_ERR_IO, "%s: not a folder", source);
    const char *top = keep_path(&state, "", 0);
    folio_status status = FOLIO_OK;
    if (top == NULL || mark_seen(&state, &st) < 0 ||
        !stack_push(&state.pending, top))
        status = out_of_memory(err);
    while (status == FOLIO_OK && state.pending.count > 0) {
        const char *relative = state.pending.items[--state.pending.count];
        status = read_folder(&state, relative, err);
    }
    free(state.pending.items);
    free(state.seen);
    list->paths = state.files.items;
    list->count = state.files.count;
    if (status != FOLIO_OK) {
        walk_list_release(list);
        return status;
    }
    if (list->count > 0)
        qsort(list->paths, list->count, sizeof *list->paths, compare_paths);
    return FOLIO_OK;
}

void walk_list_release(walk_list *list)
{
    free(list->paths);
    folio_arena_release(&list->chunks);
    list->paths = NULL;
    list->count = 0;
}
