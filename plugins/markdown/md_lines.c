/*
 * A paragraph's source lines. cmark keeps where a block starts and ends,
 * not the text of its lines; inside a block quote or a list item each line
 * also starts with its containers' markers ("> ", the item's indentation),
 * or lacks them (a lazy continuation line). So the markers are followed
 * here as cmark's block parser follows them: a block quote takes up to
 * three spaces, ">" and one optional space; a list item, as many columns
 * as its content is indented by, which its first line tells (the marker,
 * and one to four spaces after it). Tabs count to the next multiple of
 * four, and may be consumed in part, as in cmark.
 *
 * The work is linear in the lines' length: a container is followed on a
 * line only as far as that line has markers.
 */
#include "md_parse.h"

#include <stdlib.h>
#include <string.h>
#include <folio/text.h>

size_t md_next_line(const char *s, size_t len, size_t end)
{
    if (end < len && s[end] == '\r' && end + 1 < len && s[end + 1] == '\n')
        return end + 2;
    return end < len ? end + 1 : len;
}

folio_status md_source_init(md_source *src, const char *data, size_t len,
                            folio_error *err)
{
    memset(src, 0, sizeof *src);
    src->data = data;
    src->len = len;
    size_t size = 0;
    for (size_t start = 0; start < len;) {
        size_t end = folio_text_line_end(data, len, start);
        if (src->line_count == size) {
            size = size ? 2 * size : 256;
            md_span *lines = realloc(src->lines, size * sizeof *lines);
            if (lines == NULL) {
                md_source_free(src);
                return folio_error_set(err, FOLIO_ERR_NOMEM,
                                       "out of memory while reading Markdown");
            }
            src->lines = lines;
        }
        src->lines[src->line_count++] = (md_span){start, end};
        start = md_next_line(data, len, end);
    }
    return FOLIO_OK;
}

void md_source_free(md_source *src)
{
    free(src->lines);
    src->lines = NULL;
    src->line_count = 0;
}

/* A place on a line: a byte, and the column it is at (which lags behind
 * the byte's own column when a tab there is partly consumed). */
typedef struct cursor {
    const char *s;
    size_t pos, end;
    unsigned col;
} cursor;

static cursor first_nonspace(cursor c)
{
    while (c.pos < c.end && (c.s[c.pos] == ' ' || c.s[c.pos] == '\t')) {
        c.col += c.s[c.pos] == '\t' ? 4 - c.col % 4 : 1;
        c.pos++;
    }
    return c;
}

static void advance_columns(cursor *c, unsigned n)
{
    while (n > 0 && c->pos < c->end) {
        if (c->s[c->pos] == '\t') {
            unsigned width = 4 - c->col % 4;
            if (width > n) { /* part of the tab */
                c->col += n;
                return;
            }
            c->col += width;
            n -= width;
        } else {
            c->col++;
            n--;
        }
        c->pos++;
    }
}

static bool match_quote(cursor *c)
{
    cursor f = first_nonspace(*c);
    if (f.col - c->col > 3 || f.pos == f.end || f.s[f.pos] != '>')
        return false;
    f.pos++;
    f.col++;
    if (f.pos < f.end && (f.s[f.pos] == ' ' || f.s[f.pos] == '\t'))
        advance_columns(&f, 1);
    *c = f;
    return true;
}

/* A list item's first line: its marker, then 1 to 4 columns of spaces (5
 * or more start an indented code block, after one). */
static bool open_item(cursor *c, unsigned *width)
{
    cursor f = first_nonspace(*c);
    unsigned indent = f.col - c->col;
    size_t n = 0;
    if (f.pos < f.end &&
        (f.s[f.pos] == '-' || f.s[f.pos] == '+' || f.s[f.pos] == '*')) {
        n = 1;
    } else {
        while (f.pos + n < f.end && n < 9 && f.s[f.pos + n] >= '0' &&
               f.s[f.pos + n] <= '9')
            n++;
        if (n == 0 || f.pos + n == f.end ||
            (f.s[f.pos + n] != '.' && f.s[f.pos + n] != ')'))
            return false;
        n++;
    }
    if (indent > 3 || (f.pos + n < f.end && f.s[f.pos + n] != ' ' &&
                       f.s[f.pos + n] != '\t'))
        return false;
    f.pos += n;
    f.col += (unsigned)n;
    cursor marker_end = f;
    while (f.col - marker_end.col <= 5 && f.pos < f.end &&
           (f.s[f.pos] == ' ' || f.s[f.pos] == '\t'))
        advance_columns(&f, 1);
    unsigned spaces = f.col - marker_end.col;
    if (spaces >= 5 || spaces < 1 || f.pos == f.end) {
        f = marker_end;
        if (spaces > 0)
            advance_columns(&f, 1);
        spaces = 1;
    }
    *width = indent + (unsigned)n + spaces;
    *c = f;
    return true;
}

static bool continue_item(cursor *c, unsigned width)
{
    cursor f = first_nonspace(*c);
    if (f.col - c->col < width)
        return false;
    advance_columns(c, width);
    return true;
}

static cursor line_cursor(const md_source *src, uint32_t line)
{
    const md_span *span = &src->lines[line - 1];
    return (cursor){src->data, span->start, span->end, 0};
}

/* Follows the markers of containers 0 to n-1 on a line they all started
 * before; false at the first one missing. */
static bool follow(const md_block_lines *b, size_t n, cursor *c)
{
    for (size_t i = 0; i < n; i++) {
        const md_container *k = &b->chain[i];
        if (!(k->quote ? match_quote(c) : continue_item(c, k->width)))
            return false;
    }
    return true;
}

/* The containers of block, outermost first, with their items' widths,
 * which each item's first line tells once the containers around it are
 * followed on that line. */
static folio_status chain_of(const md_source *src, cmark_node *block,
                             md_block_lines *b, bool *ok, folio_error *err)
{
    b->depth = 0;
    for (cmark_node *n = cmark_node_parent(block); n != NULL;
         n = cmark_node_parent(n)) {
        cmark_node_type type = cmark_node_get_type(n);
        if (type != CMARK_NODE_BLOCK_QUOTE && type != CMARK_NODE_ITEM)
            continue;
        if (b->depth == b->chain_size) {
            size_t size = b->chain_size ? 2 * b->chain_size : 16;
            md_container *chain = realloc(b->chain, size * sizeof *chain);
            if (chain == NULL)
                return folio_error_set(err, FOLIO_ERR_NOMEM,
                                       "out of memory while reading Markdown");
            b->chain = chain;
            b->chain_size = size;
        }
        b->chain[b->depth++] =
            (md_container){type == CMARK_NODE_BLOCK_QUOTE,
                           (uint32_t)cmark_node_get_start_line(n), 0};
    }
    for (size_t i = 0; i < b->depth / 2; i++) {
        md_container t = b->chain[i];
        b->chain[i] = b->chain[b->depth - 1 - i];
        b->chain[b->depth - 1 - i] = t;
    }
    /* Containers starting on one line are followed on it once. */
    cursor c = {0};
    uint32_t at = 0;
    *ok = true;
    for (size_t j = 0; j < b->depth && *ok; j++) {
        md_container *k = &b->chain[j];
        if (k->line < 1 || k->line > src->line_count) {
            *ok = false;
            break;
        }
        if (k->line != at) {
            c = line_cursor(src, k->line);
            at = k->line;
            *ok = follow(b, j, &c);
        }
        if (*ok)
            *ok = k->quote ? match_quote(&c) : open_item(&c, &k->width);
    }
    return FOLIO_OK;
}

folio_status md_block_lines_get(const md_source *src, cmark_node *block,
                                uint32_t last, md_block_lines *out,
                                folio_error *err)
{
    out->count = 0;
    uint32_t first = (uint32_t)cmark_node_get_start_line(block);
    int column = cmark_node_get_start_column(block);
    if (first < 1 || last < first || last > src->line_count || column < 1)
        return FOLIO_OK;
    bool ok = false;
    folio_status st = chain_of(src, block, out, &ok, err);
    if (st != FOLIO_OK || !ok)
        return st;
    size_t n = last - first + 1;
    if (n > out->size) {
        md_line *lines = realloc(out->lines, n * sizeof *lines);
        if (lines == NULL)
            return folio_error_set(err, FOLIO_ERR_NOMEM,
                                   "out of memory while reading Markdown");
        out->lines = lines;
        out->size = n;
    }
    /* cmark says where the first line's content starts. */
    const md_span *span = &src->lines[first - 1];
    if ((size_t)column - 1 > span->end - span->start)
        return FOLIO_OK;
    out->lines[0] = (md_line){first, span->start + (size_t)column - 1,
                              span->end, 0, false};
    for (uint32_t line = first + 1; line <= last; line++) {
        cursor c = line_cursor(src, line);
        bool lazy = !follow(out, out->depth, &c);
        cursor f = first_nonspace(c);
        out->lines[line - first] =
            (md_line){line, f.pos, f.end, f.col - c.col, lazy};
    }
    out->count = n;
    return FOLIO_OK;
}

void md_block_lines_free(md_block_lines *lines)
{
    free(lines->lines);
    free(lines->chain);
    memset(lines, 0, sizeof *lines);
}
