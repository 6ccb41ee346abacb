/*
 * Private to the text plugin: how its files talk to each other.
 *
 * The plugin is built with hidden visibility, so nothing declared here
 * leaves the shared object; only folio_plugin_entry (plugin.c) does.
 * docs/text-format.md describes, for users, every heuristic the reader
 * applies and everything the writer does; the files follow it.
 */
#ifndef FOLIO_TEXT_PLUGIN_H
#define FOLIO_TEXT_PLUGIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <folio/doc.h>
#include <folio/error.h>
#include <folio/node.h>
#include <folio/options.h>
#include <folio/sink.h>
#include <folio/text.h>

/* Option defaults: the declarations in plugin.c and the getters use these,
 * so that the help and the behaviour cannot disagree. */
#define TX_DEFAULT_ENCODING "auto"
#define TX_DEFAULT_NO_INFER false
#define TX_DEFAULT_WRAP "none"
#define TX_DEFAULT_LINKS "inline"

/* ---- The format's entry points (read.c, write.c, probe.c) --------------- */

folio_status tx_read(folio_doc *doc, const char *data, size_t len,
                     const folio_options *options, folio_error *err);
folio_status tx_write(const folio_doc *doc, folio_sink *sink,
                      const folio_options *options, folio_error *err);
int tx_probe(const char *data, size_t len);

/* ---- Growable byte buffer (buf.c) --------------------------------------- */

/* Out of memory is sticky, as in a folio_sink: after the first failure
 * every append is a no-op and `failed` stays set, so callers append freely
 * and check once. */
typedef struct tx_buf {
    char *data;
    size_t len;
    size_t cap;
    bool failed;
} tx_buf;

void tx_buf_add(tx_buf *b, const char *s, size_t n);
void tx_buf_putc(tx_buf *b, char c);
/* Appends the UTF-8 encoding of a code point (U+0000 to U+10FFFF). */
void tx_buf_put_cp(tx_buf *b, uint32_t cp);
void tx_buf_free(tx_buf *b);

/* Whether s (len bytes) starts with the lower-case ASCII word, letters
 * compared without case (buf.c). */
bool tx_starts_with_nocase(const char *s, size_t len, const char *word);

/* ---- UTF-8 and display width (width.c) ---------------------------------- */

/* Decodes the character at s into *cp and returns its length; an invalid
 * byte gives U+FFFD and length 1, so a loop always advances. len > 0. */
size_t tx_utf8_next(const char *s, size_t len, uint32_t *cp);

/* Columns a character takes on a terminal: 2 for East Asian wide and
 * emoji, 0 for combining marks, joiners and controls, 1 otherwise. */
int tx_cp_width(uint32_t cp);

/* Display width of len bytes of UTF-8. */
size_t tx_width(const char *s, size_t len);
/* The same, but measuring stops once past max: a value above max then
 * only says so. Long lines are the ones measured most, and most tests
 * want a short one. */
size_t tx_width_upto(const char *s, size_t len, size_t max);

/* ---- Decoding input (decode.c) ------------------------------------------ */

typedef enum tx_encoding {
    TX_ENC_AUTO,     /* BOM, else UTF-8, else Windows-1252 byte by byte */
    TX_ENC_UTF8,
    TX_ENC_UTF16,    /* by its BOM; little-endian without one */
    TX_ENC_UTF16LE,
    TX_ENC_UTF16BE,
    TX_ENC_CP1252    /* also what "latin1" and "iso-8859-1" mean */
} tx_encoding;

/* The encoding an --encoding value names; false for an unknown name. */
bool tx_encoding_from_name(const char *name, tx_encoding *out);

/* Decoded input: UTF-8 text, borrowed from the input when it already was
 * UTF-8 (data then points into it), else owned (free with tx_text_free). */
typedef struct tx_text {
    const char *data;
    size_t len;
    char *owned;
} tx_text;

/* Decodes len bytes to UTF-8, dropping a byte order mark. Fails with
 * FOLIO_ERR_ENCODING (line, column and byte offset of the bad bytes) only
 * when UTF-8 or UTF-16 is forced, or UTF-16 announced by its BOM, and the
 * bytes break it; FOLIO_ERR_NOMEM when out of memory. */
folio_status tx_decode(const char *data, size_t len, tx_encoding encoding,
                       tx_text *out, folio_error *err);
void tx_text_free(tx_text *text);

/* ---- Lines (lines.c) ---------------------------------------------------- */

/* A view of one line of the decoded text, without its line ending. Block
 * parsing narrows views in place (a quote's '>' or an item's indentation
 * removed), moving column along. */
typedef struct tx_line {
    const char *s;
    size_t len;
    uint32_t number;   /* from 1 */
    uint32_t column;   /* of s[0] in the line, in bytes, from 1 */
} tx_line;

/* Splits text at LF, CRLF and CR into a malloc'd array the caller frees. */
folio_status tx_lines_split(const char *text, size_t len, tx_line **lines,
                            size_t *count, folio_error *err);

bool tx_is_space(char c);
bool tx_line_blank(const tx_line *line);
/* Leading whitespace in columns, a tab advancing to the next multiple
 * of 4. */
size_t tx_line_indent(const tx_line *line);
/* The line without leading and trailing whitespace. */
tx_line tx_line_trim(tx_line line);
/* Removes up to `columns` columns of leading whitespace, in place. */
void tx_line_dedent(tx_line *line, size_t columns);
/* Removes n bytes from the front, in place. */
void tx_line_skip(tx_line *line, size_t n);
/* Display width of the trimmed line, and of its first word. */
size_t tx_line_width(const tx_line *line);
size_t tx_line_first_word_width(const tx_line *line);
/* Whether the trimmed line is at most max columns wide. */
bool tx_line_fits(const tx_line *line, size_t max);
/* Whether the trimmed line equals word (lower-case), ASCII case ignored. */
bool tx_line_is(const tx_line *line, const char *word);
/* The trimmed line's last character before any closing quotes and
 * brackets, and its first character; 0 when there is none. */
uint32_t tx_line_last_char(const tx_line *line);
uint32_t tx_line_first_char(const tx_line *line);
/* The character of a rule line ("---", "* * *", "===", "___": three or
 * more of one of - * _ =, spaces between), or 0. */
char tx_line_rule(const tx_line *line);
/* Whether the line has an ASCII letter or any non-ASCII character. */
bool tx_line_has_letter(const tx_line *line);

/* Hard wrapping is recognised in runs of lines this wide: wrapping columns
 * in the wild are 60 to 80, rarely 100 or under 40, while lines of an
 * address or a verse are short, and one-line paragraphs long. */
#define TX_WRAP_MIN_WIDTH 40
#define TX_WRAP_MAX_WIDTH 100

/* Whether breaking between two lines of a run `width` columns wide looks
 * like hard wrapping: the width is a wrapping column, and the next line's
 * first word would not have fitted on the line. */
bool tx_wrap_break(const tx_line *line, const tx_line *next, size_t width);

/* ---- Reading: shared state (read.c, infer.c, list.c, code.c, heading.c,
 *      title.c, chrome.c, inline.c, tree.c) -------------------------------- */

typedef struct tx_reader {
    folio_doc *doc;
    tx_line *lines;
    size_t count;
    int64_t max_depth;
    bool has_title;
    folio_error *err;
} tx_reader;

typedef enum tx_frame_kind {
    TX_FRAME_TOP,
    TX_FRAME_QUOTE,
    TX_FRAME_ITEM
} tx_frame_kind;

/* A run of lines [first, end) whose blocks go into parent, a node at
 * depth `depth` (the root is 0). */
typedef struct tx_frame {
    size_t first;
    size_t end;
    folio_node *parent;
    int64_t depth;
    tx_frame_kind kind;
} tx_frame;

/* tree.c: a new node of type appended to parent (at depth - 1), with the
 * source position of lines [first, last] unless last is TX_NO_POS (for
 * inlines); FOLIO_ERR_LIMIT at line first past max-depth. */
#define TX_NO_POS SIZE_MAX
folio_status tx_add_node(tx_reader *r, folio_node *parent,
                         folio_node_type type, int64_t depth, size_t first,
                         size_t last, folio_node **out);

/* chrome.c: blanks the site chrome lines (see docs/text-format.md). */
void tx_chrome_strip(tx_line *lines, size_t count);

/* title.c: takes the title line into meta.title, blanking it, when the
 * text starts with one. */
folio_status tx_title_take(tx_reader *r);

/* infer.c: builds the blocks of lines [first, end) under the root. */
folio_status tx_infer(tx_reader *r, size_t first, size_t end);

/* list.c */
typedef struct tx_marker {
    bool ordered;
    uint32_t bullet;                 /* the bullet character */
    folio_list_delimiter delimiter;  /* ordered lists */
    int number;
    size_t indent;                   /* columns before the marker */
    size_t content;                  /* bytes from the line start to the
                                        item's text */
    size_t content_column;           /* columns from the line start to the
                                        item's text */
} tx_marker;

bool tx_list_marker(const tx_line *line, tx_marker *marker);
/* Whether a list (at least two items) starts at line i of the frame. When
 * not, *skip is the line after the lone item there (or i + 1): no list
 * starts before it that is not inside that item. */
bool tx_list_starts(const tx_reader *r, const tx_frame *frame, size_t i,
                    size_t *skip);
/* Builds the list starting at i; *next is the line after it; the items'
 * contents become new frames, pushed with push(). */
typedef folio_status (*tx_push_fn)(void *context, tx_frame frame);
folio_status tx_list_build(tx_reader *r, const tx_frame *frame, size_t i,
                           size_t *next, tx_push_fn push, void *context);

/* heading.c: when a rule or heading starts at line i, builds it and sets
 * *next past it; otherwise leaves *next at i. seen: something came before
 * it in the frame (or the title). */
#define TX_HEADING_MAX_WIDTH 60
folio_status tx_heading_try(tx_reader *r, const tx_frame *f, size_t i,
                            bool seen, size_t *next);
/* Whether line i is a heading underlined by line i + 1 (before end). */
bool tx_underlined(const tx_reader *r, size_t i, size_t end);

/* code.c: when a clearly-code indented block starts at i, builds it and
 * sets *next past it; otherwise leaves *next at i. No code starts before
 * *not_code, which a run found not to be code moves past itself. */
folio_status tx_code_try(tx_reader *r, const tx_frame *frame, size_t i,
                         size_t *next, size_t *not_code);

/* inline.c: fills block with the text of lines [first, end): one line
 * after another with soft breaks, bare URLs as links when autolink. */
folio_status tx_inline_lines(tx_reader *r, folio_node *block,
                             int64_t block_depth, size_t first, size_t end,
                             bool autolink);
/* The same, piece by piece: a line's text, and a soft or hard break. */
folio_status tx_inline_line(tx_reader *r, folio_node *block,
                            int64_t block_depth, size_t line, bool autolink);
folio_status tx_inline_break(tx_reader *r, folio_node *block,
                             int64_t block_depth, size_t line, bool hard);

/* ---- Writing (write.c, out.c, render.c, table.c, html_text.c) ----------- */

typedef enum tx_links {
    TX_LINKS_INLINE,
    TX_LINKS_END,
    TX_LINKS_NONE
} tx_links;

/* One open container while writing: what its lines start with. */
typedef struct tx_wframe {
    folio_node_type type;     /* BLOCK_QUOTE, LIST or ITEM */
    int next_number;          /* LIST: the next item's number */
    char marker[16];          /* ITEM: "- ", "12. " */
    size_t marker_len;
    bool marker_done;         /* ITEM: its first line is out */
} tx_wframe;

typedef enum tx_gap {
    TX_GAP_LINE,     /* the next block starts on the next line */
    TX_GAP_BLANK     /* a blank line comes first */
} tx_gap;

typedef struct tx_writer {
    folio_sink *sink;
    size_t wrap;              /* 0: no wrapping */
    tx_links links;
    tx_wframe *frames;        /* open containers, outermost first */
    size_t depth;
    size_t capacity;
    bool written;             /* some line is out */
    bool block_open;          /* the current block wrote a line */
    tx_gap gap;               /* before the next block's first line */
    size_t gap_depth;         /* containers open since the gap was set:
                                 the blank line has their prefixes */
    tx_buf text;              /* the block being written */
    tx_buf prefix;            /* the current line's prefix */
    size_t *link_starts;      /* offsets in text where open links began */
    size_t link_depth;
    size_t link_capacity;
    const folio_node **refs;  /* links=end: the links, numbered from 1 */
    size_t ref_count;
    size_t ref_capacity;
    bool nomem;
} tx_writer;

/* render.c: appends the text of node's subtree to w->text: inlines as
 * plain text, hard breaks as '\n', blocks (in table cells) separated by
 * spaces, links per --links. */
void tx_render_inlines(tx_writer *w, const folio_node *node);

/* out.c: writes w->text as one block: its hard lines, each wrapped at
 * w->wrap columns, with the containers' prefixes; empty lines are left
 * out. Clears w->text. */
void tx_out_block(tx_writer *w);
/* Writes one line, not wrapped, after `indent` spaces (code, tables). */
void tx_out_line(tx_writer *w, size_t indent, const char *s, size_t len);
/* Ends the current block: the next one starts after the given gap. */
void tx_out_end_block(tx_writer *w, tx_gap gap);
/* Closes the innermost container. */
void tx_out_pop(tx_writer *w);

/* table.c: writes a TABLE as aligned columns. */
void tx_table_write(tx_writer *w, const folio_node *table);

/* html_text.c: appends the text of raw HTML: tags dropped (with the
 * content of script and style elements and comments), entities
 * decoded. */
void tx_html_text(tx_buf *out, const char *html, size_t len);

#endif
