/*
 * Private to the Markdown reader: how its files talk to each other.
 *
 * cmark parses CommonMark; GFM's pipe tables and strikethrough are found
 * around it, in three steps that each have their own file:
 *  - md_tilde.c marks the tilde runs GFM could pair before cmark parses,
 *    and md_strike.c pairs the marks in cmark's tree afterwards;
 *  - md_lines.c gives back a paragraph's source lines (cmark keeps only
 *    its positions), md_pipe.c splits them into cells, md_table_find.c
 *    decides which paragraphs are tables and writes the text of their
 *    cells for cmark to parse again as inline content;
 *  - md_convert.c copies cmark's tree into folio's, and md_table_build.c
 *    builds the tables on the way.
 */
#ifndef FOLIO_MD_PARSE_H
#define FOLIO_MD_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmark.h>
#include <folio/node.h>

#include "markdown.h"

/* cmark's tree of len bytes; cmark aborts when out of memory, so it never
 * returns NULL. */
cmark_node *md_cmark_parse(const char *text, size_t len, bool smart);

/* ---- Tilde runs (md_tilde.c) -------------------------------------------- */

/* A marker character put where a tilde was, at a 1-based line and byte
 * column of the marked text. */
typedef struct md_mark {
    uint32_t line;
    uint32_t column;
} md_mark;

typedef struct md_marked {
    char *text;         /* the marked copy (malloc'd), or NULL when nothing
                           was marked: parse the text itself */
    size_t len;
    md_mark *marks;     /* in order */
    size_t count;
} md_marked;

/* Copies len bytes at s with every tilde run that GFM could take as a
 * strikethrough delimiter replaced by markers. Leaves out->text NULL when
 * there is none, or when s itself holds a marker character (then nothing
 * is marked, and that text has no strikethrough). */
folio_status md_tilde_mark(const char *s, size_t len, md_marked *out,
                           folio_error *err);
void md_marked_free(md_marked *marked);

/* The column, in the text before marking, of a column of the marked text. */
uint32_t md_marked_column(const md_marked *marked, uint32_t line,
                          uint32_t column);

#define MD_MARKER_LEN 3

/* Whether s[i] starts a marker, and what the run it stands for can do. */
bool md_tilde_marker_at(const char *s, size_t len, size_t i, bool *can_open,
                        bool *can_close);

/* Copies s with every marker turned back into a tilde into out (room for
 * len bytes); returns the new length. */
size_t md_tilde_restore(const char *s, size_t len, char *out);

/* ---- Strikethrough (md_strike.c) ---------------------------------------- */

/* Pairs the markers in the tree under root: what lies between a pair goes
 * into a CMARK_NODE_CUSTOM_INLINE, which md_convert.c copies as
 * FOLIO_NODE_STRIKETHROUGH. */
folio_status md_strike_pair(cmark_node *root, folio_error *err);

/* ---- Source lines (md_lines.c) ------------------------------------------ */

typedef struct md_span {
    size_t start;
    size_t end;         /* before the line ending */
} md_span;

/* The body and where its lines are (line n is lines[n - 1]), as cmark
 * counts them: LF, CRLF and CR end a line. */
typedef struct md_source {
    const char *data;
    size_t len;
    md_span *lines;
    size_t line_count;
} md_source;

folio_status md_source_init(md_source *src, const char *data, size_t len,
                            folio_error *err);

/* The start of the line after the one whose ending is at end (a CRLF
 * counting as one ending); len past the last line. */
size_t md_next_line(const char *s, size_t len, size_t end);
void md_source_free(md_source *src);

/* One line of a block as the block sees it, its containers' markers ("> ",
 * a list item's indentation) taken off. */
typedef struct md_line {
    uint32_t number;
    size_t content;     /* its first byte that is not a space or tab */
    size_t end;
    unsigned indent;    /* columns of spaces before content, past the
                           markers (for a lazy line, past those found) */
    bool lazy;          /* some marker is missing: a lazy continuation */
} md_line;

/* A block's containers, outermost first; reused from block to block. */
typedef struct md_container {
    bool quote;         /* a block quote, else a list item */
    uint32_t line;      /* the line it starts on */
    unsigned width;     /* list item: its content's indentation */
} md_container;

typedef struct md_block_lines {
    md_line *lines;
    size_t count;
    size_t size;
    md_container *chain;
    size_t depth;
    size_t chain_size;
} md_block_lines;

/* The lines first to last of block (a paragraph or a heading) in
 * out->lines. out->count is 0 when the markers cannot be followed (never,
 * for a tree cmark made from src, short of a bug). */
folio_status md_block_lines_get(const md_source *src, cmark_node *block,
                                uint32_t last, md_block_lines *out,
                                folio_error *err);
void md_block_lines_free(md_block_lines *lines);

/* ---- Tables (md_table_find.c, md_table_build.c) ------------------------- */

/* Where a line of text cmark parses again came from: a body line, and
 * what to add to a column there (0 for a line that is only scaffolding). */
typedef struct md_origin {
    uint32_t line;
    int32_t shift;
} md_origin;

typedef struct md_table_row {
    uint32_t line;
    size_t start, end;  /* its content in the body */
    size_t cell;        /* its first cell in md_tables.cells */
    size_t cells;       /* at most the table's columns */
} md_table_row;

/* A cell's content in the body, spaces trimmed; empty when start == end. */
typedef struct md_table_cell {
    size_t start, end;
} md_table_cell;

typedef struct md_table {
    cmark_node *block;      /* the paragraph or setext heading it replaces */
    size_t row, rows;       /* in md_tables.rows; the header row first */
    size_t align;           /* in md_tables.aligns, one per column */
    int columns;
    bool leading;           /* lines before the header: blocks before */
    bool trailing;          /* lines after the rows: blocks after */
    uint32_t rule;          /* a setext "---" line: a thematic break after */
    size_t rule_start, rule_end;
} md_table;

typedef struct md_tables {
    md_table *tables;
    size_t count, size;
    md_table_row *rows;
    size_t row_count, row_size;
    md_table_cell *cells;
    size_t cell_count, cell_size;
    folio_align *aligns;
    size_t align_count, align_size;
    /* What cmark parses again, one unit after another, each followed by a
     * thematic break: the text before a table, each non-empty cell, the
     * text after. */
    char *text;
    size_t len, text_size;
    md_origin *origins;     /* one per line of text */
    size_t origin_count, origin_size;
    /* Empty cells still to be added to short rows: GFM fills them, and a
     * bound keeps a small input from making a huge tree. */
    size_t padding;
    /* Once parsed (md_read.c): */
    md_marked marked;
    cmark_node *root;
    cmark_node *unit;       /* the next unit's first block */
    md_block_lines scratch;
    bool nomem;
} md_tables;

/* Finds the tables among the paragraphs and setext headings of cmark's
 * tree of src, in document order, and writes their units' text. */
folio_status md_tables_find(md_tables *tables, const md_source *src,
                            cmark_node *root, folio_error *err);
void md_tables_free(md_tables *tables);

/* ---- Reading (md_read.c, md_parts.c) ----------------------------------- */

/* Reads len bytes of the body as one whole text into doc. With closed not
 * NULL, the text is a part that should end with nothing open: if its last
 * block could go on past its end, *closed is false and doc is left as it
 * was; else *closed is true. */
folio_status md_part_read(folio_doc *doc, const char *data, size_t len,
                          const md_body_place *place,
                          const md_read_options *options, bool *closed,
                          folio_error *err);

/* Whether s has a "]:", without which it defines no link reference. */
bool md_may_define_links(const char *s, size_t len);

/* ---- Copying cmark's tree into folio's (md_convert.c) ------------------- */

typedef struct md_convert {
    folio_doc *doc;
    const md_body_place *place;
    const md_source *src;
    int64_t max_depth;
    /* The text the tree being copied came from: its markers, and for a
     * text parsed again, the body lines its lines came from. */
    const md_marked *marked;
    const md_origin *origins;
    size_t origin_count;
    md_tables *tables;
    size_t next_table;
    char *buf;              /* for text with its tildes given back */
    size_t buf_size;
    char *joined;           /* for adjacent texts copied as one */
    size_t joined_len, joined_size;
    folio_error *err;
} md_convert;

/* Copies root's subtree (root itself too if with_root) under parent, which
 * is depth levels deep. */
folio_status md_convert_tree(md_convert *c, cmark_node *root, bool with_root,
                             folio_node *parent, int64_t depth);

/* A new node of type under parent (depth levels deep), at pos. */
folio_status md_convert_add(md_convert *c, folio_node_type type,
                            folio_node *parent, int64_t depth, folio_pos pos,
                            folio_node **out);

/* The file position of bytes start to end of a body line. */
folio_pos md_convert_span(const md_convert *c, uint32_t line, size_t start,
                          size_t end);

folio_status md_table_build(md_convert *c, const md_table *table,
                            folio_node *parent, int64_t depth);

#endif
