#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct folio_arena_block {
    folio_arena_block *next;
    alignas(max_align_t) char data[];
};

enum {
    ARENA_ALIGN = alignof(max_align_t),
    ARENA_FIRST_BLOCK = 4096 - sizeof(folio_arena_block),
    ARENA_MAX_BLOCK = 64 * 1024
};

void folio_arena_init(folio_arena *arena)
{
    memset(arena, 0, sizeof *arena);
    arena->next_block_size = ARENA_FIRST_BLOCK;
}

void folio_arena_release(folio_arena *arena)
{
    folio_arena_block *block = arena->blocks;
    while (block != NULL) {
        folio_arena_block *next = block->next;
        free(block);
        block = next;
    }
    folio_arena_init(arena);
}

static folio_arena_block *arena_block_new(folio_arena *arena, size_t capacity)
{
    if (capacity > SIZE_MAX - sizeof(folio_arena_block))
        return NULL;
    folio_arena_block *block = malloc(sizeof(folio_arena_block) + capacity);
    if (block != NULL)
        arena->bytes_reserved += sizeof(folio_arena_block) + capacity;
    return block;
}

/* A large object gets a block of its own, linked behind the current one, so
 * the free space left in the current block is not thrown away. */
static void *arena_alloc_large(folio_arena *arena, size_t size)
{
    folio_arena_block *block = arena_block_new(arena, size);
    if (block == NULL)
        return NULL;
    if (arena->blocks == NULL) {
        block->next = NULL;
        arena->blocks = block;
    } else {
        block->next = arena->blocks->next;
        arena->blocks->next = block;
    }
    return block->data;
}

static int arena_grow(folio_arena *arena)
{
    folio_arena_block *block = arena_block_new(arena, arena->next_block_size);
    if (block == NULL)
        return 0;
    block->next = arena->blocks;
    arena->blocks = block;
    arena->cursor = block->data;
    arena->remaining = arena->next_block_size;
    if (arena->next_block_size < ARENA_MAX_BLOCK)
        arena->next_block_size *= 2;
    return 1;
}

void *folio_arena_alloc(folio_arena *arena, size_t size)
{
    if (size == 0 || size > SIZE_MAX - ARENA_ALIGN)
        return NULL;
    size_t rounded = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    void *result;
    if (rounded > arena->remaining) {
        if (rounded > arena->next_block_size / 4) {
            result = arena_alloc_large(arena, rounded);
            if (result != NULL)
                memset(result, 0, size);
            return result;
        }
        if (!arena_grow(arena))
            return NULL;
    }
    result = arena->cursor;
    arena->cursor += rounded;
    arena->remaining -= rounded;
    memset(result, 0, size);
    return result;
}
