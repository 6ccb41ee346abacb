#include <folio/doc.h>

#include <stdlib.h>
#include <string.h>

#include "internal.h"

folio_doc *folio_doc_new(void)
{
    folio_doc *doc = malloc(sizeof *doc);
    if (doc == NULL)
        return NULL;
    folio_arena_init(&doc->arena);
    doc->root = folio_doc_alloc(doc, sizeof *doc->root);
    doc->meta = folio_value_new_map(doc);
    if (doc->root == NULL || doc->meta == NULL) {
        folio_doc_free(doc);
        return NULL;
    }
    doc->root->doc = doc;
    doc->root->type = FOLIO_NODE_DOCUMENT;
    doc->meta->is_root = true;
    return doc;
}

void folio_doc_free(folio_doc *doc)
{
    if (doc == NULL)
        return;
    folio_arena_release(&doc->arena);
    free(doc);
}

folio_node *folio_doc_root(const folio_doc *doc)
{
    return doc->root;
}

folio_value *folio_doc_meta(const folio_doc *doc)
{
    return doc->meta;
}

void *folio_doc_alloc(folio_doc *doc, size_t size)
{
    return folio_arena_alloc(&doc->arena, size);
}

char *folio_doc_strndup(folio_doc *doc, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *copy = folio_arena_alloc(&doc->arena, len + 1);
    if (copy != NULL && len > 0)
        memcpy(copy, s, len);
    return copy;
}

size_t folio_doc_memory_used(const folio_doc *doc)
{
    return doc->arena.bytes_reserved;
}

bool folio_text_copy(folio_doc *doc, const char *s, size_t len,
                     folio_text *out)
{
    char *copy = folio_doc_strndup(doc, s, len);
    if (copy == NULL)
        return false;
    out->data = copy;
    out->len = len;
    return true;
}
