/*
 * Private: the layout of documents, nodes and values, shared by the core's
 * files and by nothing else (plugins see opaque types).
 */
#ifndef FOLIO_CORE_INTERNAL_H
#define FOLIO_CORE_INTERNAL_H

#include <folio/doc.h>
#include <folio/meta.h>
#include <folio/node.h>

#include "arena.h"

/* A string in the arena: NUL-terminated, but its length is what counts. */
typedef struct folio_text {
    const char *data;
    size_t len;
} folio_text;

struct folio_node {
    folio_doc *doc;
    folio_node *parent;
    folio_node *first_child;
    folio_node *last_child;
    folio_node *next;
    folio_node *previous;
    folio_pos pos;
    folio_node_type type;
    /* Each type's own fields. Nodes are most of a document's memory, so
     * the types share one space (the node is 104 bytes, not 136). */
    union {
        struct {
            folio_text literal; /* text, code, raw HTML, code block content */
            folio_text info;    /* a code block's info string */
        } content;
        struct {
            folio_text url;
            folio_text title;
        } link;
        int heading_level;
        struct {
            folio_list_type type;
            folio_list_delimiter delimiter;
            int start;
            bool tight;
        } list;
        struct {
            int columns;
            unsigned char *alignments;
        } table;
        bool row_header;
    } as;
};

/* Whether nodes of type have as.content (a literal), or as.link. */
bool folio_node_has_literal(folio_node_type type);
bool folio_node_has_url(folio_node_type type);

typedef struct folio_map_entry {
    folio_text key;
    folio_value *value;
} folio_map_entry;

struct folio_value {
    folio_doc *doc;
    folio_value *parent;    /* the list or map holding it, if any */
    folio_value_type type;
    bool is_root;           /* a document's metadata map: never placed */
    union {
        bool boolean;
        int64_t integer;
        double real;
        folio_text string;
        struct {
            /* Items or entries, in order; the array grows by doubling in
             * the arena. Maps also keep an open-addressing index of entry
             * positions (+1, 0 meaning empty) once they pass a few keys. */
            void *items;
            size_t count;
            size_t capacity;
            size_t *index;
            size_t index_size;
        } container;
    } as;
};

struct folio_doc {
    folio_arena arena;
    folio_node *root;
    folio_value *meta;
};

/* Copies s into the document's arena as a folio_text; false when out of
 * memory. A zero length gives the empty string (never NULL data). */
bool folio_text_copy(folio_doc *doc, const char *s, size_t len,
                     folio_text *out);

/* Whether a child of type child may stand in parent between previous and
 * next (either NULL at an end): NULL when allowed, else a static reason.
 * Shared by the linking functions and the checker, so they agree. */
const char *folio_node_containment_problem(const folio_node *parent,
                                           folio_node_type child,
                                           const folio_node *previous,
                                           const folio_node *next);

/* The same rule as an error: FOLIO_OK, or FOLIO_ERR_TREE with a message
 * naming both types and the node's source position. */
folio_status folio_node_check_placement(const folio_node *parent,
                                        const folio_node *node,
                                        const folio_node *previous,
                                        const folio_node *next,
                                        folio_error *err);

/* "an" before a vowel, else "a": for messages naming node types. */
const char *folio_article(const char *noun);

#endif
