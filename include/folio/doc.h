/*
 * folio/doc.h: a document, and the memory it owns.
 *
 * A folio_doc is one converted article: a tree of nodes (folio/node.h) under
 * a root DOCUMENT node, and metadata (folio/meta.h), an ordered map of typed
 * values. Everything a document holds (nodes, strings, values) lives in the
 * document's own arena and is freed at once by folio_doc_free(): there is no
 * per-node free, and nothing is shared between documents.
 *
 * Thread safety: the library has no global mutable state. Different
 * documents may be used on different threads at the same time; one document
 * must not be changed from two threads at once.
 */
#ifndef FOLIO_DOC_H
#define FOLIO_DOC_H

#include <stddef.h>
#include <folio/error.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct folio_doc folio_doc;
typedef struct folio_node folio_node;
typedef struct folio_value folio_value;

/* A new empty document: a root node of type FOLIO_NODE_DOCUMENT with no
 * children and an empty metadata map. Returns NULL when out of memory.
 * The caller owns the result and frees it with folio_doc_free(). */
FOLIO_API folio_doc *folio_doc_new(void);

/* Frees the document and everything allocated from it: every node, value
 * and string obtained from it becomes invalid. NULL is accepted. */
FOLIO_API void folio_doc_free(folio_doc *doc);

/* The root node (type FOLIO_NODE_DOCUMENT), owned by the document. */
FOLIO_API folio_node *folio_doc_root(const folio_doc *doc);

/* The metadata map (a FOLIO_VALUE_MAP), owned by the document. */
FOLIO_API folio_value *folio_doc_meta(const folio_doc *doc);

/* Allocates size bytes from the document's arena, aligned for any type and
 * zero-filled. Freed with the document, never individually. Returns NULL
 * when out of memory (or when size is 0). */
FOLIO_API void *folio_doc_alloc(folio_doc *doc, size_t size);

/* Copies len bytes of s into the arena and adds a terminating NUL; s need
 * not be NUL-terminated and may contain NUL bytes. Returns NULL when out of
 * memory. */
FOLIO_API char *folio_doc_strndup(folio_doc *doc, const char *s, size_t len);

/* Bytes the arena has taken from the system so far (for measurements). */
FOLIO_API size_t folio_doc_memory_used(const folio_doc *doc);

/*
 * Validates the whole tree and metadata: every parent/child pair is legal
 * (as folio_node_append would check), links are consistent, headings are
 * level 1-6, table rows fit their table, text is valid UTF-8, and metadata
 * holds no cycle. Readers' output is checked with it in the tests.
 * The walk is iterative: any depth is safe. Returns FOLIO_OK, or
 * FOLIO_ERR_TREE with the first problem (and the node's source position, if
 * known) in *err.
 */
FOLIO_API folio_status folio_doc_check(const folio_doc *doc, folio_error *err);

#ifdef __cplusplus
}
#endif
#endif
