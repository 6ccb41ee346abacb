/* Private: listing a batch's candidate files. */
#ifndef FOLIO_CORE_BATCH_WALK_H
#define FOLIO_CORE_BATCH_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <folio/error.h>

typedef struct walk_list {
    char **paths;   /* relative to the source folder, sorted, malloc'd */
    size_t count;
} walk_list;

/* Every regular file under source (names starting with '.' left out),
 * without descending into the folder identified by skip_device/skip_inode
 * when has_skip. Symbolic links are followed only when follow is set, and
 * a folder reached twice is walked once. Iterative: any depth. */
folio_status walk_source(const char *source, bool follow, bool has_skip,
                         dev_t skip_device, ino_t skip_inode,
                         walk_list *list, folio_error *err);

void walk_list_release(walk_list *list);

#endif
