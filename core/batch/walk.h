/* Private: listing a batch's candidate files. */
#ifndef FOLIO_CORE_BATCH_WALK_H
#define FOLIO_CORE_BATCH_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <folio/error.h>

#include "../arena.h"

/* The files found. A batch keeps its inputs' paths all run long, and on a
 * large archive they are most of its memory, so they are packed end to
 * end in large chunks (no allocation, header or padding per path) rather
 * than allocated one by one. */
typedef struct walk_list {
    const char **paths;   /* relative to the source folder, sorted */
    size_t count;
    folio_arena chunks;   /* the paths' bytes */
} walk_list;

/* Every regular file under source (names starting with '.' left out),
 * without descending into the folder identified by skip_device/skip_inode
 * when has_skip. Symbolic links are followed only when follow is set, and
 * a folder reached twice is walked once. Iterative: any depth. On failure
 * list holds nothing. */
folio_status walk_source(const char *source, bool follow, bool has_skip,
                         dev_t skip_device, ino_t skip_inode,
                         walk_list *list, folio_error *err);

void walk_list_release(walk_list *list);

#endif
