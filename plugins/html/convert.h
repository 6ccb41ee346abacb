/*
 * Private to the DOM-to-tree conversion (convert.c, convert_table.c,
 * convert_leaf.c): the converter's state and the steps its files share.
 * convert.c's opening comment describes the method.
 */
#ifndef FOLIO_HTML_CONVERT_H
#define FOLIO_HTML_CONVERT_H

#include "html.h"

#include <folio/node.h>

/* What an element does to the tree. */
typedef enum kind {
    K_INLINE,     /* no node: the content continues the text (span) */
    K_DROP,       /* never shown: skipped with its content */
    K_BLOCK,      /* a generic block (div): ends the paragraph */
    K_PARAGRAPH,
    K_HEADING,
    K_BLOCKQUOTE,
    K_LIST,
    K_ITEM,
    K_PRE,
    K_HR,
    K_BR,
    K_TABLE,
    K_SECTION,    /* thead, tbody, tfoot */
    K_ROW,
    K_CELL,
    K_TCAPTION,   /* a table's <caption> */
    K_FIGURE,
    K_FIGCAPTION,
    K_IMG,
    K_CODE,       /* code, kbd, samp, tt: a code span */
    K_LINK,
    K_EMPH,
    K_STRONG,
    K_STRIKE,
    K_RAW         /* sub, sup: kept as raw inline HTML around the text */
} kind;

/* What comes between the content so far and the next, when there is
 * next content: nothing, a space, a line break, a new paragraph. */
typedef enum separator {
    SEP_NONE,
    SEP_SPACE,
    SEP_LINE,
    SEP_PARAGRAPH
} separator;

/* A data table being built. */
typedef struct table_state {
    folio_node *table;
    folio_node *outer;         /* the table, or the figure around it */
    folio_node *row;           /* the row cells go to, or NULL */
    bool row_all_th;
    int row_cells;
    int columns;
    bool body_seen;
    bool in_head;
    bool first_row_done;
    int outer_depth;           /* depth of outer's parent */
    int table_depth;
    /* Alignments of the first row's columns, set when the table ends
     * (setting the column count resets them). */
    folio_align *aligns;
    int align_count;
    int align_cap;
} table_state;

typedef struct frame {
    const xmlNode *element;
    kind kind;
    bool transparent;          /* a block inside a heading: only a space */
    /* What the frame changed, restored when it ends. */
    folio_node *container;
    int container_depth;
    table_state *table;
    bool in_head;
    /* Wrappers: the node made for it in the current host, if any. */
    folio_node *node;
    unsigned long host;
    int extra_cells;           /* cells: columns spanned after the first */
} frame;

typedef struct converter {
    folio_doc *doc;
    int64_t max_depth;
    const char *base_url;
    folio_error *err;

    frame *frames;
    size_t count, cap;
    /* Indexes of the open wrapper frames, outermost first; the first
     * `materialized` have their node in the current host. */
    size_t *wrappers;
    size_t wrapper_count, wrapper_cap;
    size_t materialized;
    int links;                 /* open links: a link inside one is text */

    folio_node *container;     /* where blocks go */
    int container_depth;

    folio_node *host;          /* where inline content goes, or NULL */
    bool host_explicit;        /* a <p>, <hN> or caption, not made for text */
    unsigned long host_id;
    folio_node *inline_parent; /* the innermost open inline node */
    int inline_depth;
    bool has_content;          /* the host holds something */
    bool has_visible;          /* ... that is more than no-break spaces */
    separator pending;
    html_buf text;             /* text for inline_parent not yet a node */

    table_state *table;        /* the innermost data table, or NULL */
    folio_node *implicit_list; /* the list made for stray <li>s */
} converter;

/* ---- convert.c ------------------------------------------------------------ */

/* FOLIO_ERR_LIMIT at element's line (element may be NULL). */
folio_status convert_limit_error(converter *c, const xmlNode *element);

/* A new node, with element's line as its position (element may be
 * NULL); NULL when out of memory. */
folio_node *convert_new_node(converter *c, folio_node_type type,
                             const xmlNode *element);

/* A new block of type placed in the current container (see place_block);
 * *depth gets its depth. */
folio_status convert_add_block(converter *c, folio_node_type type,
                               const xmlNode *element, folio_node **node,
                               int *depth);

/* Adds a leaf inline node (image, code span) made from element as visible
 * content, opening a paragraph if none is open. */
folio_status convert_add_leaf(converter *c, folio_node *node,
                              const xmlNode *element);

/* Puts sep between the content so far and the next, if there is content
 * so far and sep is stronger than what is pending. */
void convert_separate(converter *c, separator sep);

/* ---- convert_table.c -------------------------------------------------------- */

/* Whether a <table> holds data rather than page layout. */
bool convert_table_is_data(const xmlNode *table);

/* A data table starts, ends; a row starts (element may be NULL for cells
 * outside any <tr>), ends; a cell starts (*skip when the row is as wide
 * as a table may be), ends. */
folio_status convert_table_begin(converter *c, const xmlNode *element);
folio_status convert_table_end(converter *c);
folio_status convert_row_begin(converter *c, const xmlNode *element);
folio_status convert_row_end(converter *c);
folio_status convert_cell_begin(converter *c, frame *f, bool *skip);
folio_status convert_cell_end(converter *c, const frame *f);

/* ---- convert_leaf.c ---------------------------------------------------------- */

/* Elements read whole, their content at once: <pre>, a code span, <img>. */
folio_status convert_code_block(converter *c, const xmlNode *pre);
folio_status convert_code_span(converter *c, const xmlNode *code);
folio_status convert_image(converter *c, const xmlNode *img);

#endif
