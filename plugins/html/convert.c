/*
 * From libxml2's DOM to the folio tree.
 *
 * HTML mixes text and blocks freely (`<div>text<p>more</p>tail</div>`,
 * `<a><div>card</div></a>`, `<li>text<ul>...</ul></li>`); the tree wants
 * blocks holding blocks and paragraphs holding inlines. The converter
 * keeps, like a browser's layout, a current block container and a current
 * paragraph (the "host" of inline content): text opens a paragraph when
 * none is open, and a block element ends it. Inline formatting elements
 * (a, em, strong, del, sup...) are only remembered when they open; their
 * nodes are made when content arrives, in whatever paragraph is open then,
 * so an <em> or a link around several blocks reappears in each of them,
 * as CSS would show it, and an empty one leaves no node.
 *
 * Whitespace collapses as a browser collapses it: a run becomes one space,
 * placed before the next content (so outside an element that starts after
 * it), and dropped at the ends of a paragraph. Two <br> in a row end a
 * paragraph, as they look like one.
 *
 * The walk is iterative (html_walk_next) with a heap stack of open
 * elements, so DOM depth costs memory, not C stack; the tree's own depth
 * is capped by the "max-depth" option.
 */
#include "convert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct element_kind {
    const char *name;
    kind kind;
} element_kind;

/* Sorted by name, for bsearch. Elements not listed are K_INLINE. */
static const element_kind kinds[] = {
    {"a", K_LINK},           {"address", K_BLOCK},
    {"applet", K_DROP},      {"area", K_DROP},
    {"article", K_BLOCK},    {"aside", K_BLOCK},
    {"audio", K_DROP},       {"b", K_STRONG},
    {"blockquote", K_BLOCKQUOTE}, {"body", K_BLOCK},
    {"br", K_BR},            {"button", K_DROP},
    {"canvas", K_DROP},      {"caption", K_TCAPTION},
    {"center", K_BLOCK},     {"cite", K_EMPH},
    {"code", K_CODE},        {"datalist", K_DROP},
    {"dd", K_BLOCK},         {"del", K_STRIKE},
    {"details", K_BLOCK},    {"dfn", K_EMPH},
    {"dialog", K_BLOCK},     {"dir", K_LIST},
    {"div", K_BLOCK},        {"dl", K_BLOCK},
    {"dt", K_BLOCK},         {"em", K_EMPH},
    {"embed", K_DROP},       {"fieldset", K_BLOCK},
    {"figcaption", K_FIGCAPTION}, {"figure", K_FIGURE},
    {"footer", K_BLOCK},     {"form", K_BLOCK},
    {"frameset", K_DROP},    {"h1", K_HEADING},
    {"h2", K_HEADING},       {"h3", K_HEADING},
    {"h4", K_HEADING},       {"h5", K_HEADING},
    {"h6", K_HEADING},       {"head", K_DROP},
    {"header", K_BLOCK},     {"hgroup", K_BLOCK},
    {"hr", K_HR},            {"html", K_BLOCK},
    {"i", K_EMPH},           {"iframe", K_DROP},
    {"img", K_IMG},          {"input", K_DROP},
    {"kbd", K_CODE},         {"legend", K_BLOCK},
    {"li", K_ITEM},          {"link", K_DROP},
    {"listing", K_PRE},      {"main", K_BLOCK},
    {"map", K_DROP},         {"math", K_DROP},
    {"menu", K_LIST},        {"meta", K_DROP},
    {"nav", K_BLOCK},        {"noembed", K_DROP},
    {"noframes", K_DROP},    {"noscript", K_DROP},
    {"object", K_DROP},      {"ol", K_LIST},
    {"optgroup", K_DROP},    {"option", K_DROP},
    {"p", K_PARAGRAPH},      {"param", K_DROP},
    {"plaintext", K_PRE},    {"pre", K_PRE},
    {"s", K_STRIKE},         {"samp", K_CODE},
    {"script", K_DROP},      {"section", K_BLOCK},
    {"select", K_DROP},      {"source", K_DROP},
    {"strike", K_STRIKE},    {"strong", K_STRONG},
    {"style", K_DROP},       {"sub", K_RAW},
    {"summary", K_BLOCK},    {"sup", K_RAW},
    {"svg", K_DROP},         {"table", K_TABLE},
    {"tbody", K_SECTION},    {"td", K_CELL},
    {"template", K_DROP},    {"textarea", K_DROP},
    {"tfoot", K_SECTION},    {"th", K_CELL},
    {"thead", K_SECTION},    {"title", K_DROP},
    {"tr", K_ROW},           {"track", K_DROP},
    {"tt", K_CODE},          {"ul", K_LIST},
    {"var", K_EMPH},         {"video", K_DROP},
    {"xmp", K_PRE},
};

static int compare_kind(const void *key, const void *entry)
{
    return strcmp(key, ((const element_kind *)entry)->name);
}

static kind kind_of(const xmlNode *element)
{
    const element_kind *entry =
        bsearch(element->name, kinds, sizeof kinds / sizeof kinds[0],
                sizeof kinds[0], compare_kind);
    return entry != NULL ? entry->kind : K_INLINE;
}

static bool is_wrapper(kind k)
{
    return k == K_LINK || k == K_EMPH || k == K_STRONG || k == K_STRIKE ||
           k == K_RAW;
}

folio_status convert_limit_error(converter *c, const xmlNode *element)
{
    long line = element != NULL ? xmlGetLineNo(element) : 0;
    return folio_error_set_at(c->err, FOLIO_ERR_LIMIT,
                              line > 0 ? (unsigned long)line : 0, 0,
                              "the document nests deeper than %lld levels",
                              (long long)c->max_depth);
}

folio_node *convert_new_node(converter *c, folio_node_type type,
                            const xmlNode *element)
{
    folio_node *node = folio_node_new(c->doc, type);
    if (node != NULL && element != NULL) {
        long line = xmlGetLineNo(element);
        if (line > 0 && line <= UINT32_MAX)
            folio_node_set_position(
                node, (folio_pos){(uint32_t)line, 0, 0, 0});
    }
    return node;
}

/* ---- Text ------------------------------------------------------------------ */

static folio_status flush_text(converter *c)
{
    if (c->text.failed)
        return html_nomem(c->err);
    if (c->text.len == 0)
        return FOLIO_OK;
    folio_node *node = folio_node_new(c->doc, FOLIO_NODE_TEXT);
    if (node == NULL)
        return html_nomem(c->err);
    HTML_TRY(folio_node_set_literal(node, c->text.data, c->text.len, c->err));
    c->text.len = 0;
    return folio_node_append(c->inline_parent, node, c->err);
}

/* Appends a leaf inline node at the current place. */
static folio_status append_inline(converter *c, folio_node *node)
{
    HTML_TRY(flush_text(c));
    return folio_node_append(c->inline_parent, node, c->err);
}

/* ---- Blocks ---------------------------------------------------------------- */

/* Ends the paragraph (or heading, or caption) being filled; one with
 * nothing visible in it goes. */
static folio_status close_host(converter *c)
{
    if (c->host == NULL)
        return FOLIO_OK;
    HTML_TRY(flush_text(c));
    if (!c->has_visible)
        folio_node_unlink(c->host);
    c->host = NULL;
    c->inline_parent = NULL;
    c->host_id++;
    c->materialized = 0;
    c->has_content = c->has_visible = false;
    c->pending = SEP_NONE;
    return FOLIO_OK;
}

/* A new item for content that stands in a list outside any <li>: the last
 * item, or a new one. */
static folio_status stray_item(converter *c, folio_node *list,
                               folio_node **item)
{
    folio_node *last = folio_node_last_child(list);
    if (last != NULL) {
        *item = last;
        return FOLIO_OK;
    }
    *item = folio_node_new(c->doc, FOLIO_NODE_ITEM);
    if (*item == NULL)
        return html_nomem(c->err);
    return folio_node_append(list, *item, c->err);
}

/* Places a new block node in the current container, at *depth: in a list,
 * inside its item; in a table outside any cell, before the table (where
 * browsers show it); in a figure, before its caption. */
static folio_status place_block(converter *c, folio_node *node, int *depth)
{
    folio_node *container = c->container;
    int container_depth = c->container_depth;
    folio_node_type type = folio_node_get_type(container);
    if (type == FOLIO_NODE_LIST && folio_node_get_type(node) != FOLIO_NODE_ITEM) {
        HTML_TRY(stray_item(c, container, &container));
        container_depth++;
    } else if ((type == FOLIO_NODE_TABLE || type == FOLIO_NODE_TABLE_ROW) &&
               c->table != NULL) {
        *depth = c->table->outer_depth + 1;
        if (*depth > c->max_depth)
            return convert_limit_error(c, NULL);
        return folio_node_insert_before(c->table->outer, node, c->err);
    }
    *depth = container_depth + 1;
    if (*depth > c->max_depth)
        return convert_limit_error(c, NULL);
    folio_node *last = folio_node_last_child(container);
    if (folio_node_get_type(container) == FOLIO_NODE_FIGURE && last != NULL &&
        folio_node_get_type(last) == FOLIO_NODE_CAPTION &&
        folio_node_get_type(node) != FOLIO_NODE_CAPTION)
        return folio_node_insert_before(last, node, c->err);
    return folio_node_append(container, node, c->err);
}

/* A new block of type placed in the current container. */
folio_status convert_add_block(converter *c, folio_node_type type,
                              const xmlNode *element, folio_node **node,
                              int *depth)
{
    *node = convert_new_node(c, type, element);
    if (*node == NULL)
        return html_nomem(c->err);
    folio_status status = place_block(c, *node, depth);
    if (status == FOLIO_ERR_LIMIT && element != NULL)
        return convert_limit_error(c, element);
    return status;
}

/* Makes node (a paragraph, heading or caption at depth) the host. */
static void open_host(converter *c, folio_node *node, int depth,
                      bool explicit_host)
{
    c->host = node;
    c->host_explicit = explicit_host;
    c->inline_parent = node;
    c->inline_depth = depth;
    c->materialized = 0;
    c->has_content = c->has_visible = false;
    c->pending = SEP_NONE;
}

/* ---- Inline content ------------------------------------------------------- */

static folio_status make_wrapper_node(converter *c, frame *f)
{
    const xmlNode *e = f->element;
    folio_node_type type;
    switch (f->kind) {
    case K_LINK: type = FOLIO_NODE_LINK; break;
    case K_EMPH: type = FOLIO_NODE_EMPH; break;
    case K_STRONG: type = FOLIO_NODE_STRONG; break;
    case K_STRIKE: type = FOLIO_NODE_STRIKETHROUGH; break;
    default: type = FOLIO_NODE_HTML_INLINE; break;
    }
    if (c->inline_depth + 1 > c->max_depth)
        return convert_limit_error(c, e);
    folio_node *node = folio_node_new(c->doc, type);
    if (node == NULL)
        return html_nomem(c->err);
    if (f->kind == K_RAW) {
        char tag[16];
        int n = snprintf(tag, sizeof tag, "<%s>", (const char *)e->name);
        HTML_TRY(folio_node_set_literal(node, tag, (size_t)n, c->err));
    } else if (f->kind == K_LINK) {
        const char *href = html_attr(e, "href");
        xmlChar *absolute =
            href[0] == '#' ? NULL : html_url_resolve(href, c->base_url);
        const char *url = absolute != NULL ? (const char *)absolute : href;
        folio_status status =
            folio_node_set_url(node, url, strlen(url), c->err);
        xmlFree(absolute);
        HTML_TRY(status);
        const char *title = html_attr(e, "title");
        if (title != NULL && *title != '\0')
            HTML_TRY(folio_node_set_title(node, title, strlen(title), c->err));
    }
    HTML_TRY(append_inline(c, node));
    f->node = node;
    f->host = c->host_id;
    if (f->kind != K_RAW) {
        c->inline_parent = node;
        c->inline_depth++;
    }
    return FOLIO_OK;
}

/* Gets the place ready for visible inline content: a host, the pending
 * separator, and the nodes of the open wrappers. */
static folio_status materialize(converter *c)
{
    if (c->pending == SEP_PARAGRAPH && c->host != NULL &&
        folio_node_get_type(c->host) == FOLIO_NODE_PARAGRAPH &&
        c->has_content)
        HTML_TRY(close_host(c));
    if (c->host == NULL) {
        folio_node *paragraph;
        int depth;
        HTML_TRY(convert_add_block(c, FOLIO_NODE_PARAGRAPH, NULL, &paragraph, &depth));
        open_host(c, paragraph, depth, false);
    }
    if (c->has_content && c->pending == SEP_SPACE)
        html_buf_add(&c->text, " ", 1);
    else if (c->has_content && c->pending >= SEP_LINE) {
        folio_node *br = folio_node_new(c->doc, FOLIO_NODE_LINE_BREAK);
        if (br == NULL)
            return html_nomem(c->err);
        HTML_TRY(append_inline(c, br));
    }
    c->pending = SEP_NONE;
    for (; c->materialized < c->wrapper_count; c->materialized++)
        HTML_TRY(make_wrapper_node(c, &c->frames[c->wrappers[c->materialized]]));
    return FOLIO_OK;
}

void convert_separate(converter *c, separator sep)
{
    if (c->has_content && sep > c->pending)
        c->pending = sep;
}

/* Whether s (len bytes of words between single spaces) holds a
 * character other than a space or a no-break space. */
static bool visible(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' &&
            !((unsigned char)s[i] == 0xC2 && i + 1 < len &&
              (unsigned char)s[i + 1] == 0xA0 && ++i))
            return true;
    return false;
}

/* A text node's words go in the paragraph with one space between them.
 * Only its first word may have to open the paragraph or a wrapper, or
 * put out a separator owed from before: once it has, the text after it
 * is the same words with their spaces collapsed, added in one go. */
static folio_status add_text(converter *c, const char *s, size_t len)
{
    size_t start = 0, end = len;
    while (start < len && html_is_space((unsigned char)s[start]))
        start++;
    while (end > start && html_is_space((unsigned char)s[end - 1]))
        end--;
    if (start > 0)
        convert_separate(c, SEP_SPACE);
    if (start < end) {
        HTML_TRY(materialize(c));
        html_buf *text = &c->text;
        size_t from = text->len;
        html_buf_add_collapsed(text, s + start, end - start);
        c->has_content = true;
        if (text->failed)
            return html_nomem(c->err);
        c->has_visible = c->has_visible ||
                         visible(text->data + from, text->len - from);
    }
    if (end < len)
        convert_separate(c, SEP_SPACE);
    return FOLIO_OK;
}

/* Adds a leaf inline node (image, code span) as visible content. */
folio_status convert_add_leaf(converter *c, folio_node *node,
                              const xmlNode *element)
{
    HTML_TRY(materialize(c));
    if (c->inline_depth + 1 > c->max_depth)
        return convert_limit_error(c, element);
    HTML_TRY(append_inline(c, node));
    c->has_content = c->has_visible = true;
    return FOLIO_OK;
}

/* ---- Elements --------------------------------------------------------------- */

static folio_status push_frame(converter *c, const xmlNode *element, kind k)
{
    if (c->count == c->cap) {
        size_t cap = c->cap == 0 ? 64 : 2 * c->cap;
        frame *frames = realloc(c->frames, cap * sizeof *frames);
        if (frames == NULL)
            return html_nomem(c->err);
        c->frames = frames;
        c->cap = cap;
    }
    if (is_wrapper(k)) {
        if (c->wrapper_count == c->wrapper_cap) {
            size_t cap = c->wrapper_cap == 0 ? 16 : 2 * c->wrapper_cap;
            size_t *wrappers = realloc(c->wrappers, cap * sizeof *wrappers);
            if (wrappers == NULL)
                return html_nomem(c->err);
            c->wrappers = wrappers;
            c->wrapper_cap = cap;
        }
        c->wrappers[c->wrapper_count++] = c->count;
    }
    c->frames[c->count++] = (frame){
        .element = element,
        .kind = k,
        .container = c->container,
        .container_depth = c->container_depth,
        .table = c->table,
        .in_head = c->table != NULL && c->table->in_head,
    };
    return FOLIO_OK;
}

/* Whether a link goes anywhere: an href that is not empty and not a
 * script. */
static bool is_real_link(const xmlNode *a)
{
    const char *href = html_attr(a, "href");
    if (href == NULL)
        return false;
    while (html_is_space((unsigned char)*href))
        href++;
    return *href != '\0' && html_url_is_safe(href, strlen(href));
}

/* The kind an element has where it stands: table parts outside a data
 * table, captions without their figure and nested links are plain. */
static kind kind_in_context(converter *c, const xmlNode *e)
{
    kind k = kind_of(e);
    switch (k) {
    case K_LINK:
        return c->links > 0 || !is_real_link(e) ? K_INLINE : K_LINK;
    case K_TABLE:
        return convert_table_is_data(e) ? K_TABLE : K_BLOCK;
    case K_SECTION:
    case K_ROW:
    case K_CELL:
        return c->table != NULL ? k : K_BLOCK;
    case K_TCAPTION:
        return c->table != NULL && c->table->outer != c->table->table &&
                       folio_node_get_type(folio_node_last_child(
                           c->table->outer)) != FOLIO_NODE_CAPTION
                   ? k
                   : K_BLOCK;
    case K_FIGCAPTION: {
        const folio_node *last = folio_node_last_child(c->container);
        return folio_node_get_type(c->container) == FOLIO_NODE_FIGURE &&
                       (last == NULL ||
                        folio_node_get_type(last) != FOLIO_NODE_CAPTION)
                   ? k
                   : K_BLOCK;
    }
    default:
        return k;
    }
}

static void line_break(converter *c)
{
    if (c->host == NULL || !c->has_content)
        return;
    folio_node_type host = folio_node_get_type(c->host);
    if (host == FOLIO_NODE_HEADING || host == FOLIO_NODE_CAPTION)
        convert_separate(c, SEP_SPACE);
    else if (c->pending == SEP_LINE &&
             folio_node_get_type(c->container) != FOLIO_NODE_TABLE_CELL)
        c->pending = SEP_PARAGRAPH;
    else
        convert_separate(c, SEP_LINE);
}

/* A loose list is one whose items hold <p>s. */
static folio_status mark_loose(converter *c, const xmlNode *p)
{
    if (!html_is(p->parent, "li") ||
        folio_node_get_type(c->container) != FOLIO_NODE_ITEM)
        return FOLIO_OK;
    folio_node *list = folio_node_parent(c->container);
    if (list == NULL || !folio_node_list_tight(list))
        return FOLIO_OK;
    return folio_node_set_list(list, folio_node_list_type(list),
                               folio_node_list_start(list), false,
                               folio_node_list_delimiter(list), c->err);
}

static folio_status begin_list(converter *c, const xmlNode *e)
{
    folio_node *list;
    int depth;
    HTML_TRY(convert_add_block(c, FOLIO_NODE_LIST, e, &list, &depth));
    if (html_is(e, "ol"))
        HTML_TRY(folio_node_set_list(list, FOLIO_LIST_ORDERED,
                                     html_attr_int(e, "start", 1, 999999999),
                                     true, FOLIO_DELIM_PERIOD, c->err));
    c->container = list;
    c->container_depth = depth;
    return FOLIO_OK;
}

static folio_status begin_item(converter *c, const xmlNode *e)
{
    if (folio_node_get_type(c->container) != FOLIO_NODE_LIST) {
        /* An <li> outside a list: a bullet list of its own, shared by the
         * stray items that follow one another. */
        folio_node *last = folio_node_last_child(c->container);
        if (c->implicit_list == NULL || last != c->implicit_list) {
            int depth;
            HTML_TRY(convert_add_block(c, FOLIO_NODE_LIST, e, &c->implicit_list,
                               &depth));
            c->container = c->implicit_list;
            c->container_depth = depth;
        } else {
            c->container = c->implicit_list;
            c->container_depth++;
        }
    }
    if (c->container_depth + 1 > c->max_depth)
        return convert_limit_error(c, e);
    folio_node *item = convert_new_node(c, FOLIO_NODE_ITEM, e);
    if (item == NULL)
        return html_nomem(c->err);
    HTML_TRY(folio_node_append(c->container, item, c->err));
    c->container = item;
    c->container_depth++;
    return FOLIO_OK;
}

/* Starts an explicit host: a paragraph, heading or caption. */
static folio_status begin_host(converter *c, const xmlNode *e, kind k)
{
    folio_node *node;
    int depth;
    if (k == K_PARAGRAPH) {
        HTML_TRY(mark_loose(c, e));
        HTML_TRY(convert_add_block(c, FOLIO_NODE_PARAGRAPH, e, &node, &depth));
    } else if (k == K_HEADING) {
        HTML_TRY(convert_add_block(c, FOLIO_NODE_HEADING, e, &node, &depth));
        HTML_TRY(folio_node_set_heading_level(node, e->name[1] - '0', c->err));
    } else {
        /* A caption goes last in its figure, whatever comes after. */
        folio_node *figure = k == K_TCAPTION ? c->table->outer : c->container;
        depth = k == K_TCAPTION ? c->table->outer_depth + 2
                                : c->container_depth + 1;
        if (depth > c->max_depth)
            return convert_limit_error(c, e);
        node = convert_new_node(c, FOLIO_NODE_CAPTION, e);
        if (node == NULL)
            return html_nomem(c->err);
        HTML_TRY(folio_node_append(figure, node, c->err));
    }
    open_host(c, node, depth, true);
    return FOLIO_OK;
}

static folio_status enter_element(converter *c, const xmlNode *e, bool *skip)
{
    kind k = kind_in_context(c, e);
    switch (k) {
    case K_DROP:
        *skip = true;
        return FOLIO_OK;
    case K_BR:
        line_break(c);
        *skip = true;
        return FOLIO_OK;
    case K_IMG:
        *skip = true;
        return convert_image(c, e);
    case K_CODE:
        *skip = true;
        return convert_code_span(c, e);
    case K_HR:
    case K_PRE: {
        *skip = true;
        HTML_TRY(close_host(c));
        if (k == K_PRE)
            return convert_code_block(c, e);
        folio_node *hr;
        int depth;
        return convert_add_block(c, FOLIO_NODE_THEMATIC_BREAK, e, &hr, &depth);
    }
    default:
        break;
    }
    HTML_TRY(push_frame(c, e, k));
    frame *f = &c->frames[c->count - 1];
    if (k == K_INLINE || is_wrapper(k)) {
        c->links += k == K_LINK;
        return FOLIO_OK;
    }
    folio_node_type host =
        c->host != NULL ? folio_node_get_type(c->host) : FOLIO_NODE_NONE;
    if ((k == K_BLOCK || k == K_PARAGRAPH) && c->host_explicit &&
        (host == FOLIO_NODE_HEADING || host == FOLIO_NODE_CAPTION)) {
        /* A <div> or <p> inside a heading stays in the heading. */
        f->transparent = true;
        convert_separate(c, SEP_SPACE);
        return FOLIO_OK;
    }
    HTML_TRY(close_host(c));
    folio_node *node;
    int depth;
    switch (k) {
    case K_PARAGRAPH:
    case K_HEADING:
    case K_TCAPTION:
    case K_FIGCAPTION:
        return begin_host(c, e, k);
    case K_BLOCKQUOTE:
    case K_FIGURE:
        HTML_TRY(convert_add_block(c,
                           k == K_FIGURE ? FOLIO_NODE_FIGURE
                                         : FOLIO_NODE_BLOCK_QUOTE,
                           e, &node, &depth));
        c->container = node;
        c->container_depth = depth;
        return FOLIO_OK;
    case K_LIST:
        return begin_list(c, e);
    case K_ITEM:
        return begin_item(c, e);
    case K_TABLE:
        return convert_table_begin(c, e);
    case K_SECTION:
        HTML_TRY(convert_row_end(c));
        c->table->in_head = html_is(e, "thead");
        return FOLIO_OK;
    case K_ROW:
        return convert_row_begin(c, e);
    case K_CELL:
        return convert_cell_begin(c, f, skip);
    default:
        /* A generic block, or a layout table: no node of its own. */
        if (html_is(e, "table"))
            c->table = NULL;
        return FOLIO_OK;
    }
}

/* Drops a container the page left empty. */
static void drop_if_empty(folio_node *node)
{
    if (node != NULL && folio_node_first_child(node) == NULL)
        folio_node_unlink(node);
}

static folio_status exit_element(converter *c)
{
    frame f = c->frames[--c->count];
    if (is_wrapper(f.kind)) {
        c->wrapper_count--;
        if (c->materialized > c->wrapper_count)
            c->materialized = c->wrapper_count;
        c->links -= f.kind == K_LINK;
        if (f.node == NULL || f.host != c->host_id)
            return FOLIO_OK;
        if (f.kind != K_RAW) {
            HTML_TRY(flush_text(c));
            c->inline_parent = folio_node_parent(f.node);
            c->inline_depth--;
            return FOLIO_OK;
        }
        folio_node *close = folio_node_new(c->doc, FOLIO_NODE_HTML_INLINE);
        if (close == NULL)
            return html_nomem(c->err);
        char tag[16];
        int n = snprintf(tag, sizeof tag, "</%s>", (const char *)f.element->name);
        HTML_TRY(folio_node_set_literal(close, tag, (size_t)n, c->err));
        return append_inline(c, close);
    }
    if (f.kind == K_INLINE)
        return FOLIO_OK;
    if (f.transparent) {
        convert_separate(c, SEP_SPACE);
        return FOLIO_OK;
    }
    HTML_TRY(close_host(c));
    switch (f.kind) {
    case K_BLOCKQUOTE:
    case K_FIGURE:
    case K_LIST:
        drop_if_empty(c->container);
        break;
    case K_ITEM: {
        folio_node *list = folio_node_parent(c->container);
        drop_if_empty(c->container);
        if (list == c->implicit_list)
            drop_if_empty(list);
        break;
    }
    case K_CELL:
        HTML_TRY(convert_cell_end(c, &f));
        break;
    case K_ROW:
        HTML_TRY(convert_row_end(c));
        break;
    case K_SECTION:
        HTML_TRY(convert_row_end(c));
        c->table->in_head = f.in_head;
        break;
    case K_TABLE:
        HTML_TRY(convert_table_end(c));
        break;
    default:
        break;
    }
    c->container = f.container;
    c->container_depth = f.container_depth;
    c->table = f.table;
    return FOLIO_OK;
}

/* Unlinks and frees a node the walk has left for good (an element's
 * children went before it), so that the page's DOM shrinks as the tree
 * grows and the two are never both whole in memory. */
static void free_converted(xmlNode *node)
{
    if (node != NULL)
        html_free_node(node);
}

static folio_status run(converter *c, xmlNode *root)
{
    xmlNode *n = NULL, *done = NULL;
    bool entering = false, skip = false;
    while (html_walk_next(root, &n, &entering, skip)) {
        free_converted(done);
        done = NULL;
        skip = false;
        bool element = n->type == XML_ELEMENT_NODE;
        if (element && entering) {
            HTML_TRY(enter_element(c, n, &skip));
            continue;
        }
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            size_t len;
            const char *text = html_text(n, &len);
            HTML_TRY(add_text(c, text, len));
        } else if (element && c->count > 0 &&
                   c->frames[c->count - 1].element == n) {
            HTML_TRY(exit_element(c));
        }
        if (n != root)
            done = n;
    }
    return close_host(c);
}

folio_status html_convert(folio_doc *doc, xmlNode *root,
                          const html_convert_options *options,
                          folio_error *err)
{
    converter c = {
        .doc = doc,
        .max_depth = options->max_depth,
        .base_url = options->base_url,
        .err = err,
        .container = folio_doc_root(doc),
    };
    folio_status status = run(&c, root);
    free(c.frames);
    free(c.wrappers);
    html_buf_free(&c.text);
    return status;
}
