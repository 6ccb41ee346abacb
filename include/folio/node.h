/*
 * folio/node.h: the document tree.
 *
 * The tree covers all of CommonMark plus what articles need beyond it
 * (tables, figures, strikethrough). Nodes are opaque; they are created from
 * a document, owned by it, and linked with folio_node_append() and its
 * siblings, which refuse an illegal tree (an item outside a list, a block
 * inside an inline) with FOLIO_ERR_TREE.
 *
 * Containment rules, which folio_doc_check() also enforces:
 *   DOCUMENT, BLOCK_QUOTE, ITEM    blocks (not ITEM, TABLE_ROW, TABLE_CELL,
 *                                  CAPTION)
 *   LIST                           ITEM only
 *   FIGURE                         blocks, then at most one CAPTION, last
 *   TABLE                          TABLE_ROW only (folio_doc_check also
 *                                  wants header rows first)
 *   TABLE_ROW                      TABLE_CELL only (folio_doc_check also
 *                                  wants no more cells than the table has
 *                                  columns)
 *   TABLE_CELL                     inlines, or blocks, never both
 *   PARAGRAPH, HEADING, CAPTION    inlines
 *   EMPH, STRONG, STRIKETHROUGH,
 *   LINK, IMAGE                    inlines (an IMAGE's children are its
 *                                  alt text)
 *   all others                     nothing (leaves)
 *
 * Strings handed to setters are copied into the document's arena, so the
 * caller keeps ownership of its own buffers. Strings returned by getters
 * are borrowed from the document, NUL-terminated, and valid until the
 * document is freed; their length is returned too since text may hold NUL.
 */
#ifndef FOLIO_NODE_H
#define FOLIO_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <folio/doc.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Values are part of the ABI: new types are only ever appended. */
typedef enum folio_node_type {
    FOLIO_NODE_NONE = 0,
    /* blocks */
    FOLIO_NODE_DOCUMENT = 1,
    FOLIO_NODE_BLOCK_QUOTE = 2,
    FOLIO_NODE_LIST = 3,
    FOLIO_NODE_ITEM = 4,
    FOLIO_NODE_CODE_BLOCK = 5,     /* literal, info string */
    FOLIO_NODE_HTML_BLOCK = 6,     /* literal: raw HTML */
    FOLIO_NODE_PARAGRAPH = 7,
    FOLIO_NODE_HEADING = 8,        /* level 1-6 */
    FOLIO_NODE_THEMATIC_BREAK = 9,
    FOLIO_NODE_TABLE = 10,         /* column count and alignments */
    FOLIO_NODE_TABLE_ROW = 11,     /* header flag */
    FOLIO_NODE_TABLE_CELL = 12,
    FOLIO_NODE_FIGURE = 13,
    FOLIO_NODE_CAPTION = 14,
    /* inlines */
    FOLIO_NODE_TEXT = 15,          /* literal */
    FOLIO_NODE_SOFT_BREAK = 16,
    FOLIO_NODE_LINE_BREAK = 17,    /* a hard break */
    FOLIO_NODE_CODE = 18,          /* literal: a code span */
    FOLIO_NODE_HTML_INLINE = 19,   /* literal: raw HTML */
    FOLIO_NODE_EMPH = 20,
    FOLIO_NODE_STRONG = 21,
    FOLIO_NODE_LINK = 22,          /* url, title */
    FOLIO_NODE_IMAGE = 23,         /* url, title; children are the alt text */
    FOLIO_NODE_STRIKETHROUGH = 24
} folio_node_type;

#define FOLIO_NODE_TYPE_LAST FOLIO_NODE_STRIKETHROUGH

typedef enum folio_list_type {
    FOLIO_LIST_BULLET = 0,
    FOLIO_LIST_ORDERED = 1
} folio_list_type;

/* The character after an ordered list number; for bullet lists, the
 * bullet character is kept as FOLIO_DELIM_NONE and writers choose. */
typedef enum folio_list_delimiter {
    FOLIO_DELIM_NONE = 0,
    FOLIO_DELIM_PERIOD = 1,  /* "1." */
    FOLIO_DELIM_PAREN = 2    /* "1)" */
} folio_list_delimiter;

typedef enum folio_align {
    FOLIO_ALIGN_NONE = 0,
    FOLIO_ALIGN_LEFT = 1,
    FOLIO_ALIGN_CENTER = 2,
    FOLIO_ALIGN_RIGHT = 3
} folio_align;

/* A source position; lines and columns count from 1, 0 means unknown. */
typedef struct folio_pos {
    uint32_t start_line;
    uint32_t start_column;
    uint32_t end_line;
    uint32_t end_column;
} folio_pos;

/* ---- Types ------------------------------------------------------------ */

/* The stable lower-case name of a type ("paragraph", "code_block"), as used
 * by the JSON format; "none" for an unknown value. Static string. */
FOLIO_API const char *folio_node_type_name(folio_node_type type);

/* The type with that name (len bytes), or FOLIO_NODE_NONE. */
FOLIO_API folio_node_type folio_node_type_from_name(const char *name,
                                                    size_t len);

FOLIO_API bool folio_node_type_is_block(folio_node_type type);
FOLIO_API bool folio_node_type_is_inline(folio_node_type type);

/* Whether a node of this type may have children at all. */
FOLIO_API bool folio_node_type_is_container(folio_node_type type);

/* ---- Creating and linking ----------------------------------------------- */

/* A new detached node of the given type, owned by doc. A TABLE starts with
 * zero columns, a LIST as a tight bullet list starting at 1, a HEADING at
 * level 1. Returns NULL when out of memory or for FOLIO_NODE_NONE/DOCUMENT
 * or an unknown type. */
FOLIO_API folio_node *folio_node_new(folio_doc *doc, folio_node_type type);

/* Whether parent may hold child as its last child now, by the rules above. */
FOLIO_API bool folio_node_can_contain(const folio_node *parent,
                                      folio_node_type child);

/*
 * Link child as the last child of parent / before or after sibling.
 * child must be detached (use folio_node_unlink first), belong to the same
 * document, and not be an ancestor of its new parent. On an illegal tree the
 * tree is left unchanged and FOLIO_ERR_TREE is returned, with a message
 * naming both types, in *err (which may be NULL).
 */
FOLIO_API folio_status folio_node_append(folio_node *parent, folio_node *child,
                                         folio_error *err);
FOLIO_API folio_status folio_node_prepend(folio_node *parent,
                                          folio_node *child, folio_error *err);
FOLIO_API folio_status folio_node_insert_before(folio_node *sibling,
                                                folio_node *node,
                                                folio_error *err);
FOLIO_API folio_status folio_node_insert_after(folio_node *sibling,
                                               folio_node *node,
                                               folio_error *err);

/* Detaches node (with its subtree) from its parent and siblings. The memory
 * stays in the document until it is freed; the node may be linked again. */
FOLIO_API void folio_node_unlink(folio_node *node);

/* ---- Navigation (all borrowed, NULL at the ends) ------------------------ */

FOLIO_API folio_node_type folio_node_get_type(const folio_node *node);
FOLIO_API folio_doc *folio_node_doc(const folio_node *node);
FOLIO_API folio_node *folio_node_parent(const folio_node *node);
FOLIO_API folio_node *folio_node_first_child(const folio_node *node);
FOLIO_API folio_node *folio_node_last_child(const folio_node *node);
FOLIO_API folio_node *folio_node_next(const folio_node *node);
FOLIO_API folio_node *folio_node_previous(const folio_node *node);

/* ---- Walking ------------------------------------------------------------ */

typedef enum folio_walk_event {
    FOLIO_WALK_NONE = 0,   /* before the first step */
    FOLIO_WALK_ENTER = 1,
    FOLIO_WALK_EXIT = 2
} folio_walk_event;

/*
 * One step of a depth-first walk of the subtree under root, without
 * recursion or allocation, so any depth is safe. Start with *node = root
 * and *event = FOLIO_WALK_NONE; each call moves to the next event and
 * returns true, or false when the walk is over. Containers give an ENTER
 * and an EXIT event (even when empty); leaves give only ENTER.
 *
 *     folio_node *node = root;
 *     folio_walk_event event = FOLIO_WALK_NONE;
 *     while (folio_walk_next(root, &node, &event)) { ... }
 *
 * The tree may be changed during the walk only below the current node on
 * ENTER or at the current node's own children on EXIT.
 */
FOLIO_API bool folio_walk_next(const folio_node *root, folio_node **node,
                               folio_walk_event *event);

/* ---- Source position ---------------------------------------------------- */

FOLIO_API folio_pos folio_node_position(const folio_node *node);
FOLIO_API void folio_node_set_position(folio_node *node, folio_pos pos);

/* ---- Content ------------------------------------------------------------ */
/* Setters return FOLIO_ERR_TREE when the node's type has no such field
 * (with a message naming the type), FOLIO_ERR_NOMEM when out of memory.
 * Getters return a neutral value (NULL, 0, false) for another type. */

/* TEXT, CODE, HTML_INLINE, CODE_BLOCK, HTML_BLOCK. */
FOLIO_API const char *folio_node_literal(const folio_node *node, size_t *len);
FOLIO_API folio_status folio_node_set_literal(folio_node *node, const char *s,
                                              size_t len, folio_error *err);

/* CODE_BLOCK: the info string after the opening fence ("python"). */
FOLIO_API const char *folio_node_code_info(const folio_node *node,
                                           size_t *len);
FOLIO_API folio_status folio_node_set_code_info(folio_node *node,
                                                const char *s, size_t len,
                                                folio_error *err);

/* LINK, IMAGE. */
FOLIO_API const char *folio_node_url(const folio_node *node, size_t *len);
FOLIO_API folio_status folio_node_set_url(folio_node *node, const char *s,
                                          size_t len, folio_error *err);
FOLIO_API const char *folio_node_title(const folio_node *node, size_t *len);
FOLIO_API folio_status folio_node_set_title(folio_node *node, const char *s,
                                            size_t len, folio_error *err);

/* HEADING: 1 to 6. */
FOLIO_API int folio_node_heading_level(const folio_node *node);
FOLIO_API folio_status folio_node_set_heading_level(folio_node *node,
                                                    int level,
                                                    folio_error *err);

/* LIST. The start number applies to ordered lists (0 or more; CommonMark
 * allows up to 999999999). A tight list's items hold their paragraphs
 * without blank lines between them. */
FOLIO_API folio_list_type folio_node_list_type(const folio_node *node);
FOLIO_API int folio_node_list_start(const folio_node *node);
FOLIO_API bool folio_node_list_tight(const folio_node *node);
FOLIO_API folio_list_delimiter folio_node_list_delimiter(
    const folio_node *node);
FOLIO_API folio_status folio_node_set_list(folio_node *node,
                                           folio_list_type type, int start,
                                           bool tight,
                                           folio_list_delimiter delimiter,
                                           folio_error *err);

/* TABLE: the number of columns (at most 65535) and each column's
 * alignment (index from 0). Setting the column count resets every
 * alignment to FOLIO_ALIGN_NONE. */
FOLIO_API int folio_node_table_columns(const folio_node *node);
FOLIO_API folio_status folio_node_set_table_columns(folio_node *node,
                                                    int columns,
                                                    folio_error *err);
FOLIO_API folio_align folio_node_table_alignment(const folio_node *node,
                                                 int column);
FOLIO_API folio_status folio_node_set_table_alignment(folio_node *node,
                                                      int column,
                                                      folio_align align,
                                                      folio_error *err);

/* TABLE_ROW: whether the row is a header row. */
FOLIO_API bool folio_node_row_is_header(const folio_node *node);
FOLIO_API folio_status folio_node_set_row_header(folio_node *node,
                                                 bool header,
                                                 folio_error *err);

/* The stable name of an enum value used by the JSON format and by error
 * messages ("bullet", "ordered"; "period", "paren", "none"; "left",
 * "center", "right", "none"), and the reverse (returning -1 if unknown). */
FOLIO_API const char *folio_list_type_name(folio_list_type type);
FOLIO_API int folio_list_type_from_name(const char *name, size_t len);
FOLIO_API const char *folio_list_delimiter_name(folio_list_delimiter d);
FOLIO_API int folio_list_delimiter_from_name(const char *name, size_t len);
FOLIO_API const char *folio_align_name(folio_align align);
FOLIO_API int folio_align_from_name(const char *name, size_t len);

#ifdef __cplusplus
}
#endif
#endif
