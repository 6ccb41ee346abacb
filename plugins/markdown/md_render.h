/*
 * Private to the Markdown writer: the render state its files share.
 *
 * As in cmark's renderers, one struct owns everything that depends on the
 * position in the output: the prefix every line of the current container
 * starts with ("> ", list indentation), the line endings owed between
 * blocks, and what has been written on the current line, which decides the
 * escapes a character needs (a "-" is a list marker only at the start of a
 * line). Block and inline code never writes to the sink directly.
 */
#ifndef FOLIO_MD_RENDER_H
#define FOLIO_MD_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <folio/node.h>
#include <folio/sink.h>

typedef struct md_out {
    folio_sink *sink;
    char *prefix;          /* the prefix of every line, not NUL-terminated */
    size_t prefix_len;
    size_t prefix_size;
    bool nomem;
    int need;              /* line endings owed: 1 ends the line, 2 also
                              leaves a blank line */
    bool started;          /* something has been written */
    bool at_bol;           /* the current line has nothing, not even its
                              prefix */
    bool last_blank;       /* the line before the current one was blank */
    bool pending_space;    /* a marker's space, dropped if the line ends */
    int single_line;       /* > 0: newlines become spaces (ATX headings,
                              pipe table cells) */
    size_t column;         /* bytes on the current line */
    size_t content;        /* bytes after the prefix and markers */
    size_t digits;         /* leading ASCII digits of that content */
    unsigned char last;    /* last content byte, 0 if none yet */
    unsigned char marker;  /* first byte of the line's last marker */
} md_out;

void md_out_init(md_out *out, folio_sink *sink);
void md_out_free(md_out *out);

/* Owes a line ending (the next output starts a new line) / a blank line. */
void md_out_cr(md_out *out);
void md_out_blank(md_out *out);

/* Writes bytes as they are; each '\n' starts a new line with the prefix
 * (trimmed of trailing spaces when the line stays empty). */
void md_out_write(md_out *out, const char *s, size_t len);
void md_out_puts(md_out *out, const char *s);

/* Writes a block marker ("-", "1.", ">", "##"), after which the line
 * counts as empty again; space asks for one space after it, written only
 * if something follows on the line. */
void md_out_marker(md_out *out, const char *s, size_t len, bool space);

/* Adds to the prefix of the lines that follow; md_out_pop restores the
 * length md_out_prefix_len returned before. */
void md_out_push(md_out *out, const char *s, size_t len);
size_t md_out_prefix_len(const md_out *out);
void md_out_pop(md_out *out, size_t len);

/* Ends the last line. */
void md_out_finish(md_out *out);

/* About the place where the next byte would go. Inline, as the text
 * writer asks for each byte that may need an escape. */

/* A new line is coming when a line ending is owed. */
static inline bool md_out_line_is_new(const md_out *out)
{
    return (out->need > 0 && out->started) || out->at_bol;
}

/* First content on its line. */
static inline bool md_out_line_start(const md_out *out)
{
    return md_out_line_is_new(out) || out->content == 0;
}

/* Previous content byte, or 0. */
static inline unsigned char md_out_last(const md_out *out)
{
    return md_out_line_is_new(out) ? 0 : out->last;
}

/* The line's content so far is that many digits (0: not only digits, or
 * none). */
static inline size_t md_out_digits(const md_out *out)
{
    if (md_out_line_is_new(out) || out->digits != out->content)
        return 0;
    return out->digits;
}

static inline size_t md_out_column(const md_out *out)
{
    if (md_out_line_is_new(out))
        return out->prefix_len;
    return out->column + (out->pending_space ? 1 : 0);
}

/* ---- ASCII classes, as CommonMark defines them --------------------------- */

static inline bool md_is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool md_is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static inline bool md_is_alnum(int c)
{
    return md_is_alpha(c) || md_is_digit(c);
}

static inline bool md_is_punct(int c)
{
    return c > 0x20 && c < 0x7f && !md_is_alnum(c);
}

/* ---- The writer (md_write.c) and its inline helpers (md_inline.c,
 *      md_link.c) --------------------------------------------------------- */

/* What follows a node, as its first output byte: a byte, MD_LINE_END at
 * the end of a line or block, or MD_CLOSER | byte for a closing emphasis
 * delimiter (which cares about the space before it). */
#define MD_LINE_END '\n'
#define MD_CLOSER 0x100

typedef struct md_frame {
    const folio_node *node;
    size_t prefix_len;      /* to restore on exit */
    char delim;             /* emphasis: '*' or '_'; list: its bullet or
                               delimiter */
    char last_bullet;       /* bullet of the last list child, for the next */
    char last_emphasis;     /* delimiter of the last emphasis child */
    int number;             /* ordered list: the next item's number */
    bool setext;            /* heading written in setext form */
    bool html;              /* table written as raw HTML */
    int before;             /* emphasis: the byte before its run of */
    int after;              /* delimiters, the byte after it (a hint) */
    int cell;               /* table row: cells written so far */
    int strikes;            /* strikethroughs written around the node's
                               content (its own included) */
} md_frame;

typedef struct md_writer {
    md_out out;
    md_frame *frames;       /* one per open container, the root first */
    size_t depth;
    size_t frames_size;
    int wrap;               /* column to wrap at, 0 for none */
    int no_wrap;            /* > 0 inside a heading, whose lines stay */
    int in_cell;            /* > 0 inside a pipe table cell */
    bool after_opener;      /* an emphasis delimiter or a cell was just
                               opened */
} md_writer;

/* Whether a byte counts as a letter for emphasis flanking: ASCII letters
 * and digits, and any non-ASCII byte (most of Unicode is neither space nor
 * punctuation). */
bool md_alnum_like(int c);

/* Whether the "&" at s[i] could start an entity or a numeric character
 * reference; after is what follows s (a hint, or 0 if nothing). */
bool md_starts_entity(const char *s, size_t len, size_t i, int after);

/* The byte the writer will put out after node, within its block. */
int md_next_hint(const folio_node *node);

/* Whether a strikethrough writes delimiters at all, and whether it writes
 * them before (after) its content. */
bool md_strike_writes(const folio_node *node);
bool md_strike_opens(const folio_node *node);
bool md_strike_closes(const folio_node *node);

void md_write_text(md_writer *w, const folio_node *node);

/* Writes s as it is, but for a pipe inside a pipe table cell, which is
 * escaped (raw HTML, autolinks). */
void md_write_raw(md_writer *w, const char *s, size_t len);
void md_write_code(md_writer *w, const folio_node *node);
void md_write_soft_break(md_writer *w, const folio_node *node);

/* Whether a link can be written as <url> and read back the same. */
bool md_is_autolink(const folio_node *link);
void md_write_autolink(md_writer *w, const folio_node *link);

/* The "](destination "title")" that closes a link or an image. */
void md_write_link_end(md_writer *w, const folio_node *link);

/* A code block's info string, escaped. */
void md_write_info(md_writer *w, const char *s, size_t len);

/* Whether raw HTML starting a line would start an HTML block (md_html.c):
 * alone says the line holds nothing else and starts the block, where any
 * tag would. */
bool md_html_starts_block(const char *s, size_t len, bool alone);

/* Tables (md_table.c). */
bool md_table_is_html(const folio_node *table);
void md_table_enter(md_writer *w, const folio_node *node, md_frame *frame);
void md_table_leave(md_writer *w, const folio_node *node, md_frame *frame);

#endif
