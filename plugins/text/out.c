/*
 * Lines out: the containers' prefixes ("> " for quotes, an item's marker on
 * its first line and as many spaces on the next), the gap between blocks,
 * and wrapping.
 *
 * Wrapping counts display columns (width.c) and breaks only at spaces, so a
 * word or a URL longer than the line is never cut: it gets a line of its
 * own and overflows. The prefix counts against the width; when it leaves no
 * room, each word gets its own line.
 */
#include "text_plugin.h"

#include <string.h>

/* Builds w->prefix from the outermost `depth` containers; a continuation
 * line has spaces where markers were. */
static void build_prefix(tx_writer *w, size_t depth, bool continuation)
{
    w->prefix.len = 0;
    tx_buf_add(&w->prefix, "", 0);
    for (size_t i = 0; i < depth; i++) {
        const tx_wframe *f = &w->frames[i];
        if (f->type == FOLIO_NODE_BLOCK_QUOTE)
            tx_buf_add(&w->prefix, "> ", 2);
        else if (f->type == FOLIO_NODE_ITEM) {
            if (!continuation && !f->marker_done)
                tx_buf_add(&w->prefix, f->marker, f->marker_len);
            else
                for (size_t k = 0; k < f->marker_len; k++)
                    tx_buf_putc(&w->prefix, ' ');
        }
    }
}

static size_t rtrim(const char *s, size_t len)
{
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    return len;
}

static void put(tx_writer *w, const char *s, size_t len)
{
    if (len > 0)
        folio_sink_write(w->sink, s, len);
}

/* Writes what the block before asked for, once, before a block's first
 * line. */
static void open_block(tx_writer *w)
{
    if (w->block_open)
        return;
    w->block_open = true;
    if (!w->written || w->gap != TX_GAP_BLANK)
        return;
    /* Only the containers around both blocks: a quote that starts after
     * the blank line does not mark it. */
    build_prefix(w, w->gap_depth < w->depth ? w->gap_depth : w->depth, true);
    put(w, w->prefix.data, rtrim(w->prefix.data, w->prefix.len));
    folio_sink_putc(w->sink, '\n');
}

/* Starts a line with its prefix, trimmed when nothing will follow it. */
static void begin_line(tx_writer *w, bool empty)
{
    open_block(w);
    build_prefix(w, w->depth, false);
    put(w, w->prefix.data,
        empty ? rtrim(w->prefix.data, w->prefix.len) : w->prefix.len);
    for (size_t i = 0; i < w->depth; i++)
        w->frames[i].marker_done = true;
    w->written = true;
}

void tx_out_line(tx_writer *w, size_t indent, const char *s, size_t len)
{
    len = rtrim(s, len);
    begin_line(w, len == 0);
    if (len > 0) {
        for (size_t i = 0; i < indent; i++)
            folio_sink_putc(w->sink, ' ');
        folio_sink_write(w->sink, s, len);
    }
    folio_sink_putc(w->sink, '\n');
}

static bool is_break_space(char c)
{
    return c == ' ' || c == '\t';
}

/* One hard line, wrapped at w->wrap less the prefix. */
static void wrap_line(tx_writer *w, const char *s, size_t len)
{
    build_prefix(w, w->depth, true);
    size_t prefix = tx_width(w->prefix.data, w->prefix.len);
    size_t room = w->wrap > prefix ? w->wrap - prefix : 1;
    size_t used = 0;
    bool open = false;
    for (size_t i = 0; i < len;) {
        while (i < len && is_break_space(s[i]))
            i++;
        size_t start = i;
        while (i < len && !is_break_space(s[i]))
            i++;
        if (i == start)
            break;
        size_t width = tx_width(s + start, i - start);
        if (open && used + 1 + width > room) {
            folio_sink_putc(w->sink, '\n');
            open = false;
        }
        if (!open) {
            begin_line(w, false);
            open = true;
            used = 0;
        } else {
            folio_sink_putc(w->sink, ' ');
            used++;
        }
        folio_sink_write(w->sink, s + start, i - start);
        used += width;
    }
    if (open)
        folio_sink_putc(w->sink, '\n');
}

void tx_out_block(tx_writer *w)
{
    const char *s = w->text.data;
    size_t len = w->text.len;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl != NULL ? (size_t)(nl - s) : len;
        size_t start = i;
        while (start < end && is_break_space(s[start]))
            start++;
        size_t n = rtrim(s + start, end - start);
        if (n > 0) {
            if (w->wrap > 0)
                wrap_line(w, s + start, n);
            else
                tx_out_line(w, 0, s + start, n);
        }
        i = end + 1;
    }
    w->text.len = 0;
}

void tx_out_end_block(tx_writer *w, tx_gap gap)
{
    if (w->written) {
        w->gap = gap;
        w->gap_depth = w->depth;
    }
    w->block_open = false;
}

void tx_out_pop(tx_writer *w)
{
    if (w->depth == 0)
        return;
    w->depth--;
    if (w->gap_depth > w->depth)
        w->gap_depth = w->depth;
}
