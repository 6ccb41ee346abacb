/*
 * Writing links, images and the other strings that sit in markup rather
 * than in text: destinations, titles, autolinks, code block info strings.
 * Their rules differ from text's: backslash escapes and entities work in
 * them, but emphasis and line starts do not matter.
 */
#include "md_render.h"

#include <stdio.h>
#include <string.h>

/* A URI autolink's scheme: a letter, then 1 to 31 letters, digits, "+",
 * "." or "-", then ":". */
static bool has_scheme(const char *s, size_t len)
{
    size_t i = 0;
    if (len == 0 || !md_is_alpha((unsigned char)s[0]))
        return false;
    for (i = 1; i < len && i <= 32; i++) {
        int c = (unsigned char)s[i];
        if (c == ':')
            return i >= 2;
        if (!md_is_alnum(c) && c != '+' && c != '.' && c != '-')
            return false;
    }
    return false;
}

/* CommonMark's e-mail autolink address. */
static bool is_email(const char *s, size_t len)
{
    static const char local_chars[] = ".!#$%&'*+/=?^_`{|}~-";
    size_t i = 0;
    while (i < len && s[i] != '\0' &&
           (md_is_alnum((unsigned char)s[i]) || strchr(local_chars, s[i])))
        i++;
    if (i == 0 || i == len || s[i] != '@')
        return false;
    i++;
    for (;;) {
        size_t label = 0;
        while (i + label < len && (md_is_alnum((unsigned char)s[i + label]) ||
                                   s[i + label] == '-'))
            label++;
        if (label == 0 || label > 63 || s[i] == '-' || s[i + label - 1] == '-')
            return false;
        i += label;
        if (i == len)
            return true;
        if (s[i] != '.')
            return false;
        i++;
    }
}

bool md_is_autolink(const folio_node *link)
{
    size_t url_len, title_len, text_len;
    const char *url = folio_node_url(link, &url_len);
    const folio_node *child = folio_node_first_child(link);
    if (folio_node_get_type(link) != FOLIO_NODE_LINK || child == NULL ||
        folio_node_next(child) != NULL ||
        folio_node_get_type(child) != FOLIO_NODE_TEXT)
        return false;
    folio_node_title(link, &title_len);
    const char *text = folio_node_literal(child, &text_len);
    if (title_len > 0 || !has_scheme(url, url_len))
        return false;
    /* Autolinks know no escapes, but do decode entities: no "&" at all. */
    for (size_t i = 0; i < url_len; i++) {
        unsigned char c = (unsigned char)url[i];
        if (c <= ' ' || c == '<' || c == '>' || c == '&' || c == 0x7f)
            return false;
    }
    if (text_len == url_len && memcmp(text, url, url_len) == 0)
        return true;
    return url_len == text_len + 7 && memcmp(url, "mailto:", 7) == 0 &&
           memcmp(url + 7, text, text_len) == 0 && is_email(text, text_len);
}

void md_write_autolink(md_writer *w, const folio_node *link)
{
    size_t len;
    const folio_node *child = folio_node_first_child(link);
    const char *text = folio_node_literal(child, &len);
    md_out_write(&w->out, "<", 1);
    md_write_raw(w, text, len);
    md_out_write(&w->out, ">", 1);
}

/* Whether s[i] takes a backslash: it is in special, or it is an "&" that
 * could start an entity. */
static bool needs_backslash(const char *s, size_t len, size_t i,
                            const char *special)
{
    return (s[i] != '\0' && strchr(special, s[i]) != NULL) ||
           (s[i] == '&' && md_starts_entity(s, len, i, 0));
}

static bool is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
           c == '\r';
}

/* Writes s escaping the bytes in special. With trim, the spaces at either
 * end (which the reader trims) and line endings (which cannot be written
 * there) go as character references, which the reader decodes. Runs that
 * need neither go out in one write. */
static void write_escaped(md_writer *w, const char *s, size_t len,
                          const char *special, bool trim)
{
    size_t lead = 0, trail = len;
    while (trim && lead < len && is_space((unsigned char)s[lead]))
        lead++;
    while (trim && trail > lead && is_space((unsigned char)s[trail - 1]))
        trail--;
    size_t unwritten = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        bool entity =
            trim && (i < lead || i >= trail || c == '\n' || c == '\r');
        if (!entity && !needs_backslash(s, len, i, special))
            continue;
        md_out_write(&w->out, s + unwritten, i - unwritten);
        unwritten = i;
        if (entity) {
            char buf[8];
            snprintf(buf, sizeof buf, "&#%d;", c);
            md_out_puts(&w->out, buf);
            unwritten = i + 1;
        } else {
            md_out_write(&w->out, "\\", 1);
        }
    }
    md_out_write(&w->out, s + unwritten, len - unwritten);
}

/* A destination goes in <...> when it holds spaces, parentheses or
 * controls. In a pipe table cell, a pipe is escaped anywhere (GFM splits
 * the cell at it before the link is read, and takes the backslash away). */
static void write_destination(md_writer *w, const char *s, size_t len)
{
    bool angle = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' || c == 0x7f || c == '(' || c == ')' || c == '<' ||
            c == '>')
            angle = true;
    }
    bool cell = w->in_cell > 0;
    if (!angle) {
        write_escaped(w, s, len, cell ? "\\|" : "\\", true);
        return;
    }
    md_out_write(&w->out, "<", 1);
    write_escaped(w, s, len, cell ? "\\<>|" : "\\<>", true);
    md_out_write(&w->out, ">", 1);
}

void md_write_link_end(md_writer *w, const folio_node *link)
{
    size_t url_len, title_len;
    const char *url = folio_node_url(link, &url_len);
    const char *title = folio_node_title(link, &title_len);
    md_out_write(&w->out, "](", 2);
    write_destination(w, url, url_len);
    if (title_len > 0) {
        md_out_write(&w->out, " \"", 2);
        write_escaped(w, title, title_len,
                      w->in_cell > 0 ? "\\\"|" : "\\\"", false);
        md_out_write(&w->out, "\"", 1);
    }
    md_out_write(&w->out, ")", 1);
}

void md_write_info(md_writer *w, const char *s, size_t len)
{
    write_escaped(w, s, len, "\\", true);
}
