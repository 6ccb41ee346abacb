/*
 * The HTML writer.
 *
 * It walks the tree with ENTER/EXIT events and streams to the sink. The
 * markup is the CommonMark reference renderer's (cmark's html.c, plus
 * cmark-gfm's tables and strikethrough), so that md -> html matches the
 * spec's expected output: `<br />`-style void elements, a newline after
 * each block, paragraphs of tight lists without <p>. It is also
 * well-formed XML whatever the tree holds (in the default safe mode, where
 * raw HTML goes through sanitize.c), which the tests check by parsing it
 * back with libxml2's XML parser.
 *
 * Safe mode (the default) also blanks link and image URLs with a
 * dangerous scheme, as cmark's safe mode does.
 */
#include "html.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <folio/meta.h>
#include <folio/node.h>
#include <folio/options.h>

/* ---- Output --------------------------------------------------------------- */

void html_out_write(html_out *out, const char *s, size_t len)
{
    if (len == 0)
        return;
    folio_sink_write(out->sink, s, len);
    out->last = s[len - 1];
}

void html_out_puts(html_out *out, const char *s)
{
    html_out_write(out, s, strlen(s));
}

/* A new line unless at the start of one (or of the output). */
static void cr(html_out *out)
{
    if (out->last != '\n' && out->last != '\0')
        html_out_write(out, "\n", 1);
}

/* What each byte becomes in text and attribute values: NULL for itself.
 * Text may hold NUL and other controls that HTML and XML forbid: they
 * become U+FFFD, as an HTML parser makes them. A table keeps the common
 * case, a run of ordinary bytes, to one load and test per byte. */
#define REPLACEMENT "\xEF\xBF\xBD"
static const char *const escapes[256] = {
    [0x00] = REPLACEMENT, [0x01] = REPLACEMENT, [0x02] = REPLACEMENT,
    [0x03] = REPLACEMENT, [0x04] = REPLACEMENT, [0x05] = REPLACEMENT,
    [0x06] = REPLACEMENT, [0x07] = REPLACEMENT, [0x08] = REPLACEMENT,
    [0x0B] = REPLACEMENT, [0x0C] = REPLACEMENT, [0x0E] = REPLACEMENT,
    [0x0F] = REPLACEMENT, [0x10] = REPLACEMENT, [0x11] = REPLACEMENT,
    [0x12] = REPLACEMENT, [0x13] = REPLACEMENT, [0x14] = REPLACEMENT,
    [0x15] = REPLACEMENT, [0x16] = REPLACEMENT, [0x17] = REPLACEMENT,
    [0x18] = REPLACEMENT, [0x19] = REPLACEMENT, [0x1A] = REPLACEMENT,
    [0x1B] = REPLACEMENT, [0x1C] = REPLACEMENT, [0x1D] = REPLACEMENT,
    [0x1E] = REPLACEMENT, [0x1F] = REPLACEMENT, [0x7F] = REPLACEMENT,
    ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;",
};

/* The length of the run of bytes from i that stay as they are. Four bytes
 * are tested at a time: text is mostly such runs, and this loop is where
 * an HTML writer spends its time. */
static size_t plain_run(const unsigned char *b, size_t i, size_t len)
{
    size_t start = i;
    while (i + 4 <= len && escapes[b[i]] == NULL &&
           escapes[b[i + 1]] == NULL && escapes[b[i + 2]] == NULL &&
           escapes[b[i + 3]] == NULL)
        i += 4;
    while (i < len && escapes[b[i]] == NULL)
        i++;
    return i - start;
}

void html_out_escaped(html_out *out, const char *s, size_t len)
{
    const unsigned char *bytes = (const unsigned char *)s;
    for (size_t i = 0; i < len; i++) {
        size_t run = plain_run(bytes, i, len);
        html_out_write(out, s + i, run);
        i += run;
        if (i < len)
            html_out_puts(out, escapes[bytes[i]]);
    }
}

/* The characters a URL keeps as they are (cmark's HREF_SAFE). */
static bool url_safe_char(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9'))
        return true;
    return c != 0 && strchr("!#$%&'()*+,-./:;=?@_~", c) != NULL;
}

void html_out_url(html_out *out, const char *s, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (url_safe_char(c) && c != '&' && c != '\'')
            continue;
        html_out_write(out, s + run, i - run);
        if (c == '&')
            html_out_puts(out, "&amp;");
        else if (c == '\'')
            html_out_puts(out, "&#x27;");
        else {
            char encoded[3] = {'%', hex[c >> 4], hex[c & 0xF]};
            html_out_write(out, encoded, 3);
        }
        run = i + 1;
    }
    html_out_write(out, s + run, len - run);
}

/* ---- Body ----------------------------------------------------------------- */

typedef struct writer {
    html_out out;
    bool safe;
    /* The image whose alt text is being written: inside it, only text. */
    const folio_node *plain;
    html_raw_stack raw;
    int level;  /* inline nesting, for the raw stack */
    /* The next column of each table being written, innermost last. */
    int *columns;
    size_t tables;
    size_t table_cap;
} writer;

static void write_url_attr(writer *w, const char *name, const folio_node *node)
{
    size_t len;
    const char *url = folio_node_url(node, &len);
    html_out_puts(&w->out, name);
    html_out_puts(&w->out, "=\"");
    if (url != NULL && (!w->safe || html_url_is_safe(url, len)))
        html_out_url(&w->out, url, len);
    html_out_puts(&w->out, "\"");
}

static void write_title_attr(writer *w, const folio_node *node)
{
    size_t len;
    const char *title = folio_node_title(node, &len);
    if (title == NULL || len == 0)
        return;
    html_out_puts(&w->out, " title=\"");
    html_out_escaped(&w->out, title, len);
    html_out_puts(&w->out, "\"");
}

static bool in_tight_list(const folio_node *paragraph)
{
    const folio_node *item = folio_node_parent(paragraph);
    if (item == NULL || folio_node_get_type(item) != FOLIO_NODE_ITEM)
        return false;
    const folio_node *list = folio_node_parent(item);
    return list != NULL && folio_node_list_tight(list);
}

static folio_status push_table(writer *w, folio_error *err)
{
    if (w->tables == w->table_cap) {
        size_t cap = w->table_cap == 0 ? 4 : 2 * w->table_cap;
        int *columns = realloc(w->columns, cap * sizeof *columns);
        if (columns == NULL)
            return html_nomem(err);
        w->columns = columns;
        w->table_cap = cap;
    }
    w->columns[w->tables++] = 0;
    return FOLIO_OK;
}

static void write_row(writer *w, const folio_node *row, bool entering)
{
    bool header = folio_node_row_is_header(row);
    if (entering) {
        const folio_node *previous = folio_node_previous(row);
        bool first_of_kind = previous == NULL ||
                             folio_node_row_is_header(previous) != header;
        if (first_of_kind && !header && previous != NULL)
            html_out_puts(&w->out, "</thead>\n");
        if (first_of_kind)
            html_out_puts(&w->out, header ? "<thead>\n" : "<tbody>\n");
        html_out_puts(&w->out, "<tr>\n");
        if (w->tables > 0)
            w->columns[w->tables - 1] = 0;
        return;
    }
    html_out_puts(&w->out, "</tr>\n");
    const folio_node *next = folio_node_next(row);
    if (next == NULL)
        html_out_puts(&w->out, header ? "</thead>\n" : "</tbody>\n");
}

static void write_cell(writer *w, const folio_node *cell, bool entering)
{
    const folio_node *row = folio_node_parent(cell);
    bool header = row != NULL && folio_node_row_is_header(row);
    if (!entering) {
        html_out_puts(&w->out, header ? "</th>\n" : "</td>\n");
        if (w->tables > 0)
            w->columns[w->tables - 1]++;
        return;
    }
    html_out_puts(&w->out, header ? "<th" : "<td");
    const folio_node *table = row != NULL ? folio_node_parent(row) : NULL;
    if (table != NULL && w->tables > 0) {
        folio_align align =
            folio_node_table_alignment(table, w->columns[w->tables - 1]);
        if (align != FOLIO_ALIGN_NONE) {
            html_out_puts(&w->out, " align=\"");
            html_out_puts(&w->out, folio_align_name(align));
            html_out_puts(&w->out, "\"");
        }
    }
    html_out_puts(&w->out, ">");
}

/* Raw HTML: as it is with --unsafe, else through the sanitizer. */
static folio_status write_raw(writer *w, const folio_node *node, bool block,
                              folio_error *err)
{
    size_t len;
    const char *literal = folio_node_literal(node, &len);
    if (literal == NULL)
        return FOLIO_OK;
    if (!w->safe) {
        html_out_write(&w->out, literal, len);
        return FOLIO_OK;
    }
    if (block)
        return html_sanitize_block(&w->out, literal, len, err);
    return html_sanitize_inline(&w->out, literal, len, &w->raw, w->level, err);
}

/* Inside an image: its alt text, as plain escaped text. */
static void write_plain(writer *w, const folio_node *node)
{
    size_t len;
    const char *literal;
    switch (folio_node_get_type(node)) {
    case FOLIO_NODE_TEXT:
    case FOLIO_NODE_CODE:
    case FOLIO_NODE_HTML_INLINE:
        literal = folio_node_literal(node, &len);
        if (literal != NULL)
            html_out_escaped(&w->out, literal, len);
        break;
    case FOLIO_NODE_SOFT_BREAK:
    case FOLIO_NODE_LINE_BREAK:
        html_out_write(&w->out, " ", 1);
        break;
    default:
        break;
    }
}

/* Ends inline content: raw tags still open at this level are closed. */
static void end_inlines(writer *w)
{
    if (w->safe)
        html_sanitize_close(&w->out, &w->raw, w->level);
}

static void write_code_block(writer *w, const folio_node *node)
{
    size_t len, info_len;
    const char *info = folio_node_code_info(node, &info_len);
    const char *literal = folio_node_literal(node, &len);
    cr(&w->out);
    html_out_puts(&w->out, "<pre><code");
    size_t word = 0;
    while (info != NULL && word < info_len && !html_is_space((unsigned char)info[word]))
        word++;
    if (word > 0) {
        html_out_puts(&w->out, " class=\"language-");
        html_out_escaped(&w->out, info, word);
        html_out_puts(&w->out, "\"");
    }
    html_out_puts(&w->out, ">");
    if (literal != NULL)
        html_out_escaped(&w->out, literal, len);
    html_out_puts(&w->out, "</code></pre>\n");
}

static folio_status write_block(writer *w, const folio_node *node,
                                bool entering, folio_error *err)
{
    html_out *out = &w->out;
    char tag[16];
    switch (folio_node_get_type(node)) {
    case FOLIO_NODE_BLOCK_QUOTE:
        cr(out);
        html_out_puts(out, entering ? "<blockquote>\n" : "</blockquote>\n");
        break;
    case FOLIO_NODE_LIST:
        if (!entering) {
            html_out_puts(out, folio_node_list_type(node) == FOLIO_LIST_BULLET
                                   ? "</ul>\n"
                                   : "</ol>\n");
            break;
        }
        cr(out);
        if (folio_node_list_type(node) == FOLIO_LIST_BULLET)
            html_out_puts(out, "<ul>\n");
        else if (folio_node_list_start(node) == 1)
            html_out_puts(out, "<ol>\n");
        else {
            snprintf(tag, sizeof tag, "%d", folio_node_list_start(node));
            html_out_puts(out, "<ol start=\"");
            html_out_puts(out, tag);
            html_out_puts(out, "\">\n");
        }
        break;
    case FOLIO_NODE_ITEM:
        if (entering) {
            cr(out);
            html_out_puts(out, "<li>");
        } else
            html_out_puts(out, "</li>\n");
        break;
    case FOLIO_NODE_HEADING:
        if (entering)
            cr(out);
        else
            end_inlines(w);
        snprintf(tag, sizeof tag, entering ? "<h%d>" : "</h%d>\n",
                 folio_node_heading_level(node));
        html_out_puts(out, tag);
        break;
    case FOLIO_NODE_PARAGRAPH:
        if (!entering)
            end_inlines(w);
        if (in_tight_list(node))
            break;
        if (entering) {
            cr(out);
            html_out_puts(out, "<p>");
        } else
            html_out_puts(out, "</p>\n");
        break;
    case FOLIO_NODE_CODE_BLOCK:
        write_code_block(w, node);
        break;
    case FOLIO_NODE_HTML_BLOCK:
        cr(out);
        HTML_TRY(write_raw(w, node, true, err));
        cr(out);
        break;
    case FOLIO_NODE_THEMATIC_BREAK:
        cr(out);
        html_out_puts(out, "<hr />\n");
        break;
    case FOLIO_NODE_TABLE:
        if (entering) {
            cr(out);
            html_out_puts(out, "<table>\n");
            return push_table(w, err);
        }
        html_out_puts(out, "</table>\n");
        w->tables--;
        break;
    case FOLIO_NODE_TABLE_ROW:
        write_row(w, node, entering);
        break;
    case FOLIO_NODE_TABLE_CELL:
        if (!entering)
            end_inlines(w);
        write_cell(w, node, entering);
        break;
    case FOLIO_NODE_FIGURE:
        cr(out);
        html_out_puts(out, entering ? "<figure>\n" : "</figure>\n");
        break;
    case FOLIO_NODE_CAPTION:
        if (entering) {
            cr(out);
            html_out_puts(out, "<figcaption>");
        } else {
            end_inlines(w);
            html_out_puts(out, "</figcaption>\n");
        }
        break;
    default:
        break;
    }
    return FOLIO_OK;
}

static folio_status write_inline(writer *w, const folio_node *node,
                                 bool entering, folio_error *err)
{
    html_out *out = &w->out;
    size_t len;
    const char *literal;
    switch (folio_node_get_type(node)) {
    case FOLIO_NODE_TEXT:
        literal = folio_node_literal(node, &len);
        if (literal != NULL)
            html_out_escaped(out, literal, len);
        break;
    case FOLIO_NODE_SOFT_BREAK:
        html_out_puts(out, "\n");
        break;
    case FOLIO_NODE_LINE_BREAK:
        html_out_puts(out, "<br />\n");
        break;
    case FOLIO_NODE_CODE:
        literal = folio_node_literal(node, &len);
        html_out_puts(out, "<code>");
        if (literal != NULL)
            html_out_escaped(out, literal, len);
        html_out_puts(out, "</code>");
        break;
    case FOLIO_NODE_HTML_INLINE:
        return write_raw(w, node, false, err);
    case FOLIO_NODE_EMPH:
    case FOLIO_NODE_STRONG:
    case FOLIO_NODE_STRIKETHROUGH: {
        folio_node_type type = folio_node_get_type(node);
        const char *name = type == FOLIO_NODE_EMPH     ? "em"
                           : type == FOLIO_NODE_STRONG ? "strong"
                                                       : "del";
        if (!entering)
            end_inlines(w);
        html_out_puts(out, entering ? "<" : "</");
        html_out_puts(out, name);
        html_out_puts(out, ">");
        w->level += entering ? 1 : -1;
        break;
    }
    case FOLIO_NODE_LINK:
        if (entering) {
            html_out_puts(out, "<a ");
            write_url_attr(w, "href", node);
            write_title_attr(w, node);
            html_out_puts(out, ">");
            w->level++;
        } else {
            end_inlines(w);
            html_out_puts(out, "</a>");
            w->level--;
        }
        break;
    case FOLIO_NODE_IMAGE:
        if (entering) {
            html_out_puts(out, "<img ");
            write_url_attr(w, "src", node);
            html_out_puts(out, " alt=\"");
            w->plain = node;
        } else {
            html_out_puts(out, "\"");
            write_title_attr(w, node);
            html_out_puts(out, " />");
            w->plain = NULL;
        }
        break;
    default:
        break;
    }
    return FOLIO_OK;
}

static folio_status write_body(writer *w, const folio_node *root,
                               folio_error *err)
{
    folio_node *node = (folio_node *)root;
    folio_walk_event event = FOLIO_WALK_NONE;
    while (folio_walk_next(root, &node, &event)) {
        bool entering = event == FOLIO_WALK_ENTER;
        if (w->plain != NULL && node != w->plain) {
            if (entering)
                write_plain(w, node);
            continue;
        }
        folio_node_type type = folio_node_get_type(node);
        folio_status status =
            folio_node_type_is_inline(type)
                ? write_inline(w, node, entering, err)
                : write_block(w, node, entering, err);
        if (status != FOLIO_OK)
            return status;
    }
    return FOLIO_OK;
}

/* ---- Standalone page ------------------------------------------------------ */

/* A readable page with no outside resource: one column, serif body text,
 * images that fit, visible table borders. */
static const char default_css[] =
    "html{background:#fff;color:#222}\n"
    "body{margin:0 auto;max-width:42em;padding:1em 1.2em;"
    "font:1.1em/1.6 Georgia,\"Times New Roman\",serif}\n"
    "h1,h2,h3,h4,h5,h6{line-height:1.25;"
    "font-family:system-ui,-apple-system,\"Segoe UI\",sans-serif}\n"
    "a{color:#1a5fb4}\n"
    "img{max-width:100%;height:auto}\n"
    "figure{margin:1.5em 0}\n"
    "figcaption,.byline{color:#555;font-size:.9em}\n"
    "blockquote{margin:1em 0;padding-left:1em;border-left:.25em solid #ccc;"
    "color:#444}\n"
    "pre,code{font-family:ui-monospace,Menlo,Consolas,monospace;"
    "font-size:.9em}\n"
    "pre{overflow:auto;padding:.8em;background:#f4f4f4}\n"
    "table{border-collapse:collapse}\n"
    "th,td{border:1px solid #ccc;padding:.3em .6em}\n";

/* A metadata value as one line of text: strings as they are, numbers and
 * booleans printed, lists joined by ", ". Empty for maps and null. */
static void value_text(const folio_value *value, html_buf *buf)
{
    char number[64];
    size_t len;
    const char *s;
    switch (folio_value_get_type(value)) {
    case FOLIO_VALUE_STRING:
        s = folio_value_string(value, &len);
        html_buf_add(buf, s, len);
        break;
    case FOLIO_VALUE_INT:
        snprintf(number, sizeof number, "%" PRId64, folio_value_int(value));
        html_buf_add(buf, number, strlen(number));
        break;
    case FOLIO_VALUE_FLOAT:
        snprintf(number, sizeof number, "%.17g", folio_value_float(value));
        html_buf_add(buf, number, strlen(number));
        break;
    case FOLIO_VALUE_BOOL:
        s = folio_value_bool(value) ? "true" : "false";
        html_buf_add(buf, s, strlen(s));
        break;
    case FOLIO_VALUE_LIST:
        for (size_t i = 0; i < folio_value_count(value); i++) {
            const folio_value *item = folio_value_list_get(value, i);
            if (folio_value_get_type(item) == FOLIO_VALUE_LIST ||
                folio_value_get_type(item) == FOLIO_VALUE_MAP)
                continue;
            if (buf->len > 0)
                html_buf_add(buf, ", ", 2);
            value_text(item, buf);
        }
        break;
    default:
        break;
    }
}

/* The text of metadata key, in buf (emptied first); false when absent or
 * empty. */
static bool meta_text(const folio_doc *doc, const char *key, html_buf *buf)
{
    buf->len = 0;
    const folio_value *value = folio_meta_get(doc, key);
    if (value != NULL)
        value_text(value, buf);
    return buf->len > 0 && !buf->failed;
}

static void write_meta_tag(html_out *out, const char *attr, const char *name,
                           const html_buf *content)
{
    html_out_puts(out, "<meta ");
    html_out_puts(out, attr);
    html_out_puts(out, "=\"");
    html_out_puts(out, name);
    html_out_puts(out, "\" content=\"");
    html_out_escaped(out, content->data, content->len);
    html_out_puts(out, "\" />\n");
}

/* The head's metadata tags: for readers, search engines and link
 * previews, from the same keys the HTML reader fills. */
static void write_head_meta(html_out *out, const folio_doc *doc,
                            html_buf *buf)
{
    static const struct {
        const char *key;
        const char *attr;
        const char *name;
    } tags[] = {
        {"description", "name", "description"},
        {"author", "name", "author"},
        {"tags", "name", "keywords"},
        {"title", "property", "og:title"},
        {"description", "property", "og:description"},
        {"image", "property", "og:image"},
        {"canonical_url", "property", "og:url"},
        {"site_name", "property", "og:site_name"},
        {"date", "property", "article:published_time"},
        {"modified", "property", "article:modified_time"},
    };
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (meta_text(doc, tags[i].key, buf))
            write_meta_tag(out, tags[i].attr, tags[i].name, buf);
    if (meta_text(doc, "title", buf))
        html_out_puts(out, "<meta property=\"og:type\" content=\"article\" />\n");
    if (meta_text(doc, "canonical_url", buf)) {
        html_out_puts(out, "<link rel=\"canonical\" href=\"");
        html_out_url(out, buf->data, buf->len);
        html_out_puts(out, "\" />\n");
    }
}

/* The text of the body's first heading, for a page whose metadata has no
 * title (HTML wants a non-empty <title>). */
static bool first_heading_text(const folio_doc *doc, html_buf *buf)
{
    buf->len = 0;
    const folio_node *heading = folio_node_first_child(folio_doc_root(doc));
    while (heading != NULL &&
           folio_node_get_type(heading) != FOLIO_NODE_HEADING)
        heading = folio_node_next(heading);
    if (heading == NULL)
        return false;
    folio_node *node = (folio_node *)heading;
    folio_walk_event event = FOLIO_WALK_NONE;
    while (folio_walk_next(heading, &node, &event)) {
        size_t len;
        const char *literal = folio_node_literal(node, &len);
        if (event == FOLIO_WALK_ENTER && literal != NULL &&
            folio_node_get_type(node) != FOLIO_NODE_HTML_INLINE)
            html_buf_add(buf, literal, len);
    }
    if (!buf->failed)
        buf->len = html_collapse_space(buf->data, buf->len);
    return buf->len > 0 && !buf->failed;
}

static void write_head(html_out *out, const folio_doc *doc,
                       const char *css_url, html_buf *buf)
{
    html_out_puts(out, "<!DOCTYPE html>\n<html");
    if (meta_text(doc, "lang", buf)) {
        html_out_puts(out, " lang=\"");
        html_out_escaped(out, buf->data, buf->len);
        html_out_puts(out, "\"");
    }
    html_out_puts(out, ">\n<head>\n<meta charset=\"utf-8\" />\n"
                       "<meta name=\"viewport\" "
                       "content=\"width=device-width, initial-scale=1\" />\n"
                       "<title>");
    if (meta_text(doc, "title", buf) || first_heading_text(doc, buf))
        html_out_escaped(out, buf->data, buf->len);
    else
        html_out_puts(out, "Untitled");
    html_out_puts(out, "</title>\n");
    write_head_meta(out, doc, buf);
    if (css_url != NULL) {
        html_out_puts(out, "<link rel=\"stylesheet\" href=\"");
        html_out_url(out, css_url, strlen(css_url));
        html_out_puts(out, "\" />\n");
    } else {
        html_out_puts(out, "<style>\n");
        html_out_puts(out, default_css);
        html_out_puts(out, "</style>\n");
    }
    html_out_puts(out, "</head>\n<body>\n<article>\n");
}

/* Whether the body already starts with the title as a first-level
 * heading (as a Markdown article usually does). */
static bool starts_with_title(const folio_doc *doc, const html_buf *title)
{
    const folio_node *first = folio_node_first_child(folio_doc_root(doc));
    if (first == NULL || folio_node_get_type(first) != FOLIO_NODE_HEADING ||
        folio_node_heading_level(first) != 1)
        return false;
    const folio_node *text = folio_node_first_child(first);
    size_t len;
    const char *literal = folio_node_literal(text, &len);
    return literal != NULL && folio_node_next(text) == NULL &&
           len == title->len && memcmp(literal, title->data, len) == 0;
}

/* The title and byline above the body, unless the body has its own. */
static void write_title_block(html_out *out, const folio_doc *doc,
                              html_buf *buf)
{
    if (!meta_text(doc, "title", buf) || starts_with_title(doc, buf))
        return;
    html_out_puts(out, "<header>\n<h1>");
    html_out_escaped(out, buf->data, buf->len);
    html_out_puts(out, "</h1>\n");
    bool author = meta_text(doc, "author", buf);
    if (author) {
        html_out_puts(out, "<p class=\"byline\">");
        html_out_escaped(out, buf->data, buf->len);
    }
    if (meta_text(doc, "date", buf)) {
        html_out_puts(out, author ? " &#183; " : "<p class=\"byline\">");
        html_out_puts(out, "<time datetime=\"");
        html_out_escaped(out, buf->data, buf->len);
        html_out_puts(out, "\">");
        html_out_escaped(out, buf->data, buf->len);
        html_out_puts(out, "</time>");
        author = true;
    }
    if (author)
        html_out_puts(out, "</p>\n");
    html_out_puts(out, "</header>\n");
}

folio_status html_write(const folio_doc *doc, folio_sink *sink,
                        const folio_options *options, folio_error *err)
{
    writer w = {
        .out = {sink, '\0'},
        .safe = !folio_options_get_bool(options, "unsafe", false),
    };
    bool standalone = folio_options_get_bool(options, "standalone", false);
    html_buf buf = {0};
    if (standalone) {
        write_head(&w.out, doc, folio_options_get(options, "css"), &buf);
        write_title_block(&w.out, doc, &buf);
    }
    folio_status status = buf.failed ? html_nomem(err) : FOLIO_OK;
    if (status == FOLIO_OK)
        status = write_body(&w, folio_doc_root(doc), err);
    if (status == FOLIO_OK && standalone) {
        cr(&w.out);
        html_out_puts(&w.out, "</article>\n</body>\n</html>\n");
    }
    html_buf_free(&buf);
    free(w.columns);
    if (status != FOLIO_OK)
        return status;
    return folio_sink_status(sink, err);
}
