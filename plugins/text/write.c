/*
 * The writer: the title, then the blocks in a walk of the tree, then (with
 * --links=end) the numbered link list.
 *
 * Blocks are separated by a blank line, except inside tight lists, whose
 * items and their blocks follow each other line by line. Paragraphs,
 * headings and captions are text blocks (out.c wraps them when asked);
 * code is indented by four spaces; a thematic break is a line "----";
 * raw HTML blocks are their text (html_text.c); tables are aligned columns
 * (table.c). No markup is written: text is text.
 */
#include "text_plugin.h"

#include <folio/meta.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The widest --wrap accepted: wider is no wrapping in practice. */
#define WRAP_MAX 100000

static folio_status parse_options(const folio_options *options,
                                  size_t *wrap, tx_links *links,
                                  folio_error *err)
{
    const char *value = folio_options_get(options, "wrap");
    if (value == NULL)
        value = TX_DEFAULT_WRAP;
    *wrap = 0;
    if (strcmp(value, "none") != 0) {
        char *end;
        errno = 0;
        long n = strtol(value, &end, 10);
        if (errno != 0 || end == value || *end != '\0' || n < 1 ||
            n > WRAP_MAX)
            return folio_error_set(err, FOLIO_ERR_ARGUMENT,
                                   "option --wrap takes none or a number "
                                   "of columns from 1 to %d, not '%s'",
                                   WRAP_MAX, value);
        *wrap = (size_t)n;
    }
    value = folio_options_get(options, "links");
    if (value == NULL)
        value = TX_DEFAULT_LINKS;
    if (strcmp(value, "inline") == 0)
        *links = TX_LINKS_INLINE;
    else if (strcmp(value, "end") == 0)
        *links = TX_LINKS_END;
    else if (strcmp(value, "none") == 0)
        *links = TX_LINKS_NONE;
    else
        return folio_error_set(err, FOLIO_ERR_ARGUMENT,
                               "option --links takes inline, end or none, "
                               "not '%s'",
                               value);
    return FOLIO_OK;
}

static tx_wframe *push_frame(tx_writer *w, folio_node_type type)
{
    if (w->depth == w->capacity) {
        size_t capacity = w->capacity != 0 ? w->capacity * 2 : 16;
        tx_wframe *frames = realloc(w->frames, capacity * sizeof *frames);
        if (frames == NULL) {
            w->nomem = true;
            return NULL;
        }
        w->frames = frames;
        w->capacity = capacity;
    }
    tx_wframe *f = &w->frames[w->depth++];
    *f = (tx_wframe){.type = type};
    return f;
}

static void enter_item(tx_writer *w, const folio_node *item)
{
    const folio_node *list = folio_node_parent(item);
    /* The list's frame is on top: each item's frame is gone by the next. */
    size_t list_index = w->depth - 1;
    tx_wframe *f = push_frame(w, FOLIO_NODE_ITEM);
    if (f == NULL)
        return;
    if (folio_node_list_type(list) == FOLIO_LIST_ORDERED) {
        char delimiter =
            folio_node_list_delimiter(list) == FOLIO_DELIM_PAREN ? ')' : '.';
        int n = snprintf(f->marker, sizeof f->marker, "%d%c ",
                         w->frames[list_index].next_number++, delimiter);
        f->marker_len = (size_t)n;
    } else {
        memcpy(f->marker, "- ", 2);
        f->marker_len = 2;
    }
}

/* Whether node sits in a tight list: as an item, or as an item's block. */
static bool in_tight_list(const folio_node *node)
{
    const folio_node *parent = folio_node_parent(node);
    if (parent == NULL)
        return false;
    if (folio_node_get_type(node) == FOLIO_NODE_ITEM)
        return folio_node_list_tight(parent);
    if (folio_node_get_type(parent) == FOLIO_NODE_ITEM)
        return folio_node_list_tight(folio_node_parent(parent));
    return false;
}

static void end_block(tx_writer *w, const folio_node *node)
{
    tx_out_end_block(w, in_tight_list(node) ? TX_GAP_LINE : TX_GAP_BLANK);
}

static void write_code(tx_writer *w, const folio_node *node)
{
    size_t len;
    const char *s = folio_node_literal(node, &len);
    if (len > 0 && s[len - 1] == '\n')
        len--;
    for (size_t i = 0; i <= len;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl != NULL ? (size_t)(nl - s) : len;
        tx_out_line(w, 4, s + i, end - i);
        i = end + 1;
    }
}

/* A block with no children to visit; true when the walk must not go
 * into node. */
static bool write_leaf(tx_writer *w, const folio_node *node)
{
    size_t len;
    switch (folio_node_get_type(node)) {
    case FOLIO_NODE_PARAGRAPH:
    case FOLIO_NODE_HEADING:
    case FOLIO_NODE_CAPTION:
        tx_render_inlines(w, node);
        tx_out_block(w);
        break;
    case FOLIO_NODE_HTML_BLOCK: {
        const char *html = folio_node_literal(node, &len);
        tx_html_text(&w->text, html, len);
        tx_out_block(w);
        break;
    }
    case FOLIO_NODE_CODE_BLOCK:
        write_code(w, node);
        break;
    case FOLIO_NODE_THEMATIC_BREAK:
        tx_out_line(w, 0, "----", 4);
        break;
    case FOLIO_NODE_TABLE:
        tx_table_write(w, node);
        break;
    default:
        return false;
    }
    end_block(w, node);
    return true;
}

static void enter(tx_writer *w, const folio_node *node,
                  folio_walk_event *event)
{
    switch (folio_node_get_type(node)) {
    case FOLIO_NODE_BLOCK_QUOTE:
        push_frame(w, FOLIO_NODE_BLOCK_QUOTE);
        break;
    case FOLIO_NODE_LIST: {
        tx_wframe *f = push_frame(w, FOLIO_NODE_LIST);
        if (f != NULL)
            f->next_number = folio_node_list_start(node);
        break;
    }
    case FOLIO_NODE_ITEM:
        enter_item(w, node);
        break;
    default:
        if (write_leaf(w, node))
            *event = FOLIO_WALK_EXIT;
        break;
    }
}

static void leave(tx_writer *w, const folio_node *node)
{
    folio_node_type type = folio_node_get_type(node);
    if (type == FOLIO_NODE_ITEM && w->depth > 0 &&
        !w->frames[w->depth - 1].marker_done)
        tx_out_line(w, 0, "", 0); /* an empty item: its marker alone */
    if (type == FOLIO_NODE_BLOCK_QUOTE || type == FOLIO_NODE_LIST ||
        type == FOLIO_NODE_ITEM) {
        tx_out_pop(w);
        end_block(w, node);
    } else if (type == FOLIO_NODE_FIGURE)
        end_block(w, node);
}

static void write_title(tx_writer *w, const folio_doc *doc)
{
    size_t len;
    const folio_value *title = folio_meta_get(doc, "title");
    const char *s = title != NULL ? folio_value_string(title, &len) : NULL;
    if (s == NULL)
        return;
    for (size_t i = 0; i < len; i++)
        tx_buf_putc(&w->text, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
    tx_out_block(w);
    tx_out_end_block(w, TX_GAP_BLANK);
}

static void write_refs(tx_writer *w)
{
    for (size_t i = 0; i < w->ref_count; i++) {
        size_t len;
        const char *url = folio_node_url(w->refs[i], &len);
        char number[32];
        int n = snprintf(number, sizeof number, "[%zu] ", i + 1);
        w->text.len = 0;
        tx_buf_add(&w->text, number, (size_t)n);
        tx_buf_add(&w->text, url, len);
        tx_out_line(w, 0, w->text.data, w->text.len);
    }
    w->text.len = 0;
}

folio_status tx_write(const folio_doc *doc, folio_sink *sink,
                      const folio_options *options, folio_error *err)
{
    tx_writer w = {.sink = sink, .gap = TX_GAP_BLANK};
    folio_status status = parse_options(options, &w.wrap, &w.links, err);
    if (status != FOLIO_OK)
        return status;
    write_title(&w, doc);
    folio_node *root = folio_doc_root(doc), *node = root;
    folio_walk_event event = FOLIO_WALK_NONE;
    while (!w.nomem && folio_walk_next(root, &node, &event)) {
        if (node == root)
            continue;
        if (event == FOLIO_WALK_ENTER)
            enter(&w, node, &event);
        else
            leave(&w, node);
    }
    if (!w.nomem && w.ref_count > 0) {
        w.depth = 0;
        tx_out_end_block(&w, TX_GAP_BLANK);
        write_refs(&w);
    }
    if (w.text.failed || w.prefix.failed)
        w.nomem = true;
    free(w.frames);
    free(w.link_starts);
    free(w.refs);
    tx_buf_free(&w.text);
    tx_buf_free(&w.prefix);
    if (w.nomem) {
        folio_error nomem;
        folio_error_set(&nomem, FOLIO_ERR_NOMEM,
                        "out of memory writing text");
        folio_sink_fail(sink, &nomem);
    }
    return folio_sink_status(sink, err);
}
