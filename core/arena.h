/*
 * Private: the bump allocator behind every document.
 *
 * A document's nodes, strings and values are many small objects that all
 * die together, so they are carved from large blocks and freed in one go.
 */
#ifndef FOLIO_CORE_ARENA_H
#define FOLIO_CORE_ARENA_H

#include <stddef.h>

typedef struct folio_arena_block folio_arena_block;

typedef struct folio_arena {
    folio_arena_block *blocks; /* newest first */
    char *cursor;              /* free space in the newest block */
    size_t remaining;
    size_t next_block_size;    /* grows, so big documents need few blocks */
    size_t bytes_reserved;
} folio_arena;

void folio_arena_init(folio_arena *arena);
void folio_arena_release(folio_arena *arena);

/* size bytes, zero-filled, aligned for any type; NULL on overflow or when
 * out of memory. */
void *folio_arena_alloc(folio_arena *arena, size_t size);

#endif
