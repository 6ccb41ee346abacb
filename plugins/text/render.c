/*
 * Inline content as plain text. Emphasis, strong and strikethrough leave
 * only their text; code spans their literal; images their alt text; raw
 * inline HTML what html_text.c keeps of it (a <br> becomes a line break).
 * Links follow --links:
 *   inline  "text (url)", or just the URL when the text is the URL
 *           (also without its scheme, or with "mailto:");
 *   end     "text [1]", the numbered URLs listed at the end (write.c);
 *   none    the text alone.
 * A link without text shows its URL in every mode.
 */
#include "text_plugin.h"

#include <folio/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends literal text on one line: line ends inside a literal are the
 * source's wrapping, not the author's breaks. */
static void add_flat(tx_buf *b, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t n = folio_text_line_end(s, len, i) - i;
        tx_buf_add(b, s + i, n);
        i += n;
        if (i < len) {
            tx_buf_putc(b, ' ');
            i += s[i] == '\r' && i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
        }
    }
}

static void add_literal(tx_writer *w, const folio_node *node)
{
    size_t len;
    const char *s = folio_node_literal(node, &len);
    add_flat(&w->text, s, len);
}

static bool push_link(tx_writer *w)
{
    if (w->link_depth == w->link_capacity) {
        size_t capacity = w->link_capacity != 0 ? w->link_capacity * 2 : 8;
        size_t *starts =
            realloc(w->link_starts, capacity * sizeof *starts);
        if (starts == NULL)
            return false;
        w->link_starts = starts;
        w->link_capacity = capacity;
    }
    w->link_starts[w->link_depth++] = w->text.len;
    return true;
}

static size_t add_ref(tx_writer *w, const folio_node *link)
{
    if (w->ref_count == w->ref_capacity) {
        size_t capacity = w->ref_capacity != 0 ? w->ref_capacity * 2 : 8;
        const folio_node **refs = realloc(w->refs, capacity * sizeof *refs);
        if (refs == NULL) {
            w->nomem = true;
            return 0;
        }
        w->refs = refs;
        w->ref_capacity = capacity;
    }
    w->refs[w->ref_count++] = link;
    return w->ref_count;
}

static bool equals(const char *a, size_t alen, const char *b, size_t blen)
{
    return alen == blen && memcmp(a, b, alen) == 0;
}

/* Whether url says no more than text: "x" for "x", "mailto:x",
 * "http://x" or "https://x" (a trailing '/' aside). */
static bool same_target(const char *text, size_t tlen, const char *url,
                        size_t ulen)
{
    static const char *const schemes[] = {"mailto:", "http://", "https://"};
    if (equals(text, tlen, url, ulen))
        return true;
    if (ulen > 0 && url[ulen - 1] == '/' &&
        equals(text, tlen, url, ulen - 1))
        return true;
    for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++) {
        size_t n = strlen(schemes[i]);
        if (ulen > n && memcmp(url, schemes[i], n) == 0 &&
            (equals(text, tlen, url + n, ulen - n) ||
             (url[ulen - 1] == '/' &&
              equals(text, tlen, url + n, ulen - n - 1))))
            return true;
    }
    return false;
}

static void end_link(tx_writer *w, const folio_node *link)
{
    size_t start = w->link_starts[--w->link_depth];
    size_t ulen;
    const char *url = folio_node_url(link, &ulen);
    const char *text = w->text.data != NULL ? w->text.data + start : "";
    size_t tlen = w->text.len - start;
    while (tlen > 0 && text[0] == ' ') {
        text++;
        tlen--;
    }
    if (ulen == 0)
        return;
    if (tlen == 0) {
        tx_buf_add(&w->text, url, ulen);
        return;
    }
    if (w->links == TX_LINKS_NONE || same_target(text, tlen, url, ulen))
        return;
    if (w->links == TX_LINKS_INLINE) {
        tx_buf_add(&w->text, " (", 2);
        add_flat(&w->text, url, ulen);
        tx_buf_putc(&w->text, ')');
        return;
    }
    size_t number = add_ref(w, link);
    if (number > 0) {
        char ref[32];
        int n = snprintf(ref, sizeof ref, " [%zu]", number);
        tx_buf_add(&w->text, ref, (size_t)n);
    }
}

static void enter(tx_writer *w, const folio_node *node)
{
    size_t len;
    switch (folio_node_get_type(node)) {
    case FOLIO_NODE_TEXT:
    case FOLIO_NODE_CODE:
    case FOLIO_NODE_CODE_BLOCK:
        add_literal(w, node);
        break;
    case FOLIO_NODE_SOFT_BREAK:
        tx_buf_putc(&w->text, ' ');
        break;
    case FOLIO_NODE_LINE_BREAK:
        tx_buf_putc(&w->text, '\n');
        break;
    case FOLIO_NODE_HTML_INLINE:
    case FOLIO_NODE_HTML_BLOCK: {
        const char *html = folio_node_literal(node, &len);
        tx_html_text(&w->text, html, len);
        break;
    }
    case FOLIO_NODE_LINK:
        if (!push_link(w))
            w->nomem = true;
        break;
    default:
        break;
    }
}

void tx_render_inlines(tx_writer *w, const folio_node *root)
{
    folio_node *node = (folio_node *)root;
    folio_walk_event event = FOLIO_WALK_NONE;
    size_t base = w->link_depth;
    while (!w->nomem && folio_walk_next(root, &node, &event)) {
        if (node == root)
            continue;
        folio_node_type type = folio_node_get_type(node);
        if (event == FOLIO_WALK_ENTER) {
            enter(w, node);
            /* Leaves have no EXIT: a block leaf in a cell is ended here. */
            if (folio_node_type_is_block(type) &&
                !folio_node_type_is_container(type))
                tx_buf_putc(&w->text, ' ');
        } else if (type == FOLIO_NODE_LINK)
            end_link(w, node);
        else if (folio_node_type_is_block(type))
            tx_buf_putc(&w->text, ' ');
    }
    w->link_depth = base;
    if (w->text.failed)
        w->nomem = true;
}
