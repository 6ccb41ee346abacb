/*
 * The tree builder's stack of open elements, with its questions answered
 * in constant time.
 *
 * Every rule of tree building asks "is an element named X open, with no
 * element of class C above it?" Walking the stack for that makes 100,000
 * nested <div>s (or a <b> and 100,000 <span>s, then as many stray </b>)
 * cost 10^10 steps. So each entry remembers the topmost entry of each
 * class at or below it, and a table keyed by the element's interned name
 * gives the topmost open element of that name, each entry remembering the
 * one of its name below it for when it is popped.
 */
#include "html.h"

#include <stdint.h>
#include <stdlib.h>

struct html_open_entry {
    xmlNode *node;
    unsigned classes;
    size_t same_name_below;
    size_t topmost[HTML_CLASS_TRACKED];
};

/* A slot of the name table; names are interned, so their addresses are
 * their identity. Slots are never removed: top is 0 when none is open. */
struct html_open_name {
    const xmlChar *name;
    size_t top;
};

void html_open_free(html_open_elements *s)
{
    free(s->entries);
    free(s->names);
    *s = (html_open_elements){0};
}

static size_t slot_of(const html_open_elements *s, const xmlChar *name)
{
    uint64_t hash = (uint64_t)(uintptr_t)name * 0x9E3779B97F4A7C15u;
    size_t mask = s->name_cap - 1, i = (size_t)(hash >> 32) & mask;
    while (s->names[i].name != NULL && s->names[i].name != name)
        i = (i + 1) & mask;
    return i;
}

static bool grow_names(html_open_elements *s)
{
    size_t cap = s->name_cap == 0 ? 64 : s->name_cap * 2;
    struct html_open_name *old = s->names;
    size_t old_cap = s->name_cap;
    s->names = calloc(cap, sizeof *s->names);
    if (s->names == NULL) {
        s->names = old;
        return false;
    }
    s->name_cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].name != NULL)
            s->names[slot_of(s, old[i].name)] = old[i];
    free(old);
    return true;
}

size_t html_open_topmost(const html_open_elements *s, const xmlChar *name)
{
    if (name == NULL || s->name_cap == 0)
        return 0;
    return s->names[slot_of(s, name)].top;
}

size_t html_open_nearest(const html_open_elements *s, unsigned classes)
{
    if (s->depth == 0)
        return 0;
    const struct html_open_entry *top = &s->entries[s->depth - 1];
    size_t nearest = 0;
    for (size_t k = 0; k < HTML_CLASS_TRACKED; k++)
        if ((classes & (1u << k)) && top->topmost[k] > nearest)
            nearest = top->topmost[k];
    return nearest;
}

bool html_open_push(html_open_elements *s, xmlNode *node, unsigned classes)
{
    if (s->depth == s->cap) {
        size_t cap = s->cap == 0 ? 64 : s->cap * 2;
        struct html_open_entry *entries =
            realloc(s->entries, cap * sizeof *entries);
        if (entries == NULL)
            return false;
        s->entries = entries;
        s->cap = cap;
    }
    /* At most half full, so that probing stays short. */
    if ((s->name_count + 1) * 2 > s->name_cap && !grow_names(s))
        return false;
    size_t at = s->depth;
    struct html_open_entry *entry = &s->entries[at];
    entry->node = node;
    entry->classes = classes;
    for (size_t k = 0; k < HTML_CLASS_TRACKED; k++)
        entry->topmost[k] = (classes & (1u << k)) ? at
                            : at > 0 ? s->entries[at - 1].topmost[k]
                                     : 0;
    struct html_open_name *slot = &s->names[slot_of(s, node->name)];
    if (slot->name == NULL) {
        slot->name = node->name;
        s->name_count++;
    }
    entry->same_name_below = slot->top;
    slot->top = at;
    s->depth++;
    return true;
}

void html_open_pop_to(html_open_elements *s, size_t depth)
{
    while (s->depth > depth) {
        const struct html_open_entry *entry = &s->entries[--s->depth];
        s->names[slot_of(s, entry->node->name)].top = entry->same_name_below;
    }
}

xmlNode *html_open_node(const html_open_elements *s, size_t at)
{
    return s->entries[at].node;
}

unsigned html_open_classes(const html_open_elements *s, size_t at)
{
    return s->entries[at].classes;
}
