/*
 * The Markdown writer's output: lines, prefixes and the blank lines
 * between blocks. Line endings are owed rather than written, so that a
 * block never ends with a blank line it does not need and the prefix of a
 * blank line is the one of the container it separates.
 */
#include "md_render.h"

#include <stdlib.h>
#include <string.h>

void md_out_init(md_out *out, folio_sink *sink)
{
    memset(out, 0, sizeof *out);
    out->sink = sink;
    out->at_bol = true;
}

void md_out_free(md_out *out)
{
    free(out->prefix);
}

void md_out_cr(md_out *out)
{
    if (out->need < 1)
        out->need = 1;
}

void md_out_blank(md_out *out)
{
    out->need = 2;
}

static void end_line(md_out *out)
{
    if (out->at_bol) {
        size_t n = out->prefix_len;
        while (n > 0 && out->prefix[n - 1] == ' ')
            n--;
        folio_sink_write(out->sink, out->prefix, n);
    }
    folio_sink_putc(out->sink, '\n');
    out->last_blank = out->at_bol;
    out->at_bol = true;
    out->pending_space = false;
    out->column = 0;
    out->content = 0;
    out->digits = 0;
    out->last = 0;
    out->marker = 0;
}

static void pay_need(md_out *out)
{
    int need = out->need;
    out->need = 0;
    if (!out->started)
        return;
    if (need >= 1 && !out->at_bol)
        end_line(out);
    if (need == 2 && !out->last_blank)
        end_line(out);
}

/* Everything a line owes before its next byte: the line endings, the
 * prefix, a marker's space. */
static void begin(md_out *out)
{
    pay_need(out);
    if (out->at_bol) {
        folio_sink_write(out->sink, out->prefix, out->prefix_len);
        out->column = out->prefix_len;
        out->at_bol = false;
    }
    if (out->pending_space) {
        folio_sink_putc(out->sink, ' ');
        out->column++;
        out->pending_space = false;
    }
    out->started = true;
}

/* Writes len bytes holding no line ending: one sink write, whatever
 * their number, as text comes in runs between the bytes that need an
 * escape. */
static void write_span(md_out *out, const char *s, size_t len)
{
    begin(out);
    folio_sink_write(out->sink, s, len);
    out->column += len;
    if (out->digits == out->content) {
        size_t digits = 0;
        while (digits < len && s[digits] >= '0' && s[digits] <= '9')
            digits++;
        out->digits += digits;
    }
    out->content += len;
    out->last = (unsigned char)s[len - 1];
}

void md_out_write(md_out *out, const char *s, size_t len)
{
    while (len > 0) {
        const char *newline = memchr(s, '\n', len);
        size_t span = newline != NULL ? (size_t)(newline - s) : len;
        if (span > 0)
            write_span(out, s, span);
        if (newline == NULL)
            return;
        if (out->single_line > 0) {
            write_span(out, " ", 1);
        } else {
            pay_need(out);
            end_line(out);
            out->started = true;
        }
        s += span + 1;
        len -= span + 1;
    }
}

void md_out_puts(md_out *out, const char *s)
{
    md_out_write(out, s, strlen(s));
}

void md_out_marker(md_out *out, const char *s, size_t len, bool space)
{
    begin(out);
    folio_sink_write(out->sink, s, len);
    out->column += len;
    out->pending_space = space;
    out->content = 0;
    out->digits = 0;
    out->last = 0;
    out->marker = (unsigned char)s[0];
}

void md_out_push(md_out *out, const char *s, size_t len)
{
    if (out->nomem)
        return;
    if (len > out->prefix_size - out->prefix_len) {
        size_t size = out->prefix_size ? out->prefix_size : 64;
        while (size - out->prefix_len < len)
            size *= 2;
        char *prefix = realloc(out->prefix, size);
        if (prefix == NULL) {
            out->nomem = true;
            return;
        }
        out->prefix = prefix;
        out->prefix_size = size;
    }
    memcpy(out->prefix + out->prefix_len, s, len);
    out->prefix_len += len;
}

size_t md_out_prefix_len(const md_out *out)
{
    return out->prefix_len;
}

void md_out_pop(md_out *out, size_t len)
{
    if (len < out->prefix_len)
        out->prefix_len = len;
}

void md_out_finish(md_out *out)
{
    if (out->started && !out->at_bol)
        end_line(out);
    out->need = 0;
}
