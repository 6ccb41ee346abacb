/*
 * Reading the Markdown body: cmark parses, and its tree is copied into
 * folio's with one iterator pass (no recursion, so any depth the parser
 * accepts is safe here; depth beyond max-depth is refused).
 *
 * Adjacent text nodes are merged first (cmark splits text at every
 * character it had to look at twice, "a" "[" "b"), so that the tree holds
 * text as a reader of the article sees it, whatever escapes the source
 * used.
 */
#include "markdown.h"

#include <string.h>
#include <cmark.h>
#include <folio/node.h>

static folio_node_type folio_type(cmark_node_type type)
{
    switch (type) {
    case CMARK_NODE_BLOCK_QUOTE: return FOLIO_NODE_BLOCK_QUOTE;
    case CMARK_NODE_LIST: return FOLIO_NODE_LIST;
    case CMARK_NODE_ITEM: return FOLIO_NODE_ITEM;
    case CMARK_NODE_CODE_BLOCK: return FOLIO_NODE_CODE_BLOCK;
    case CMARK_NODE_HTML_BLOCK: return FOLIO_NODE_HTML_BLOCK;
    case CMARK_NODE_PARAGRAPH: return FOLIO_NODE_PARAGRAPH;
    case CMARK_NODE_HEADING: return FOLIO_NODE_HEADING;
    case CMARK_NODE_THEMATIC_BREAK: return FOLIO_NODE_THEMATIC_BREAK;
    case CMARK_NODE_TEXT: return FOLIO_NODE_TEXT;
    case CMARK_NODE_SOFTBREAK: return FOLIO_NODE_SOFT_BREAK;
    case CMARK_NODE_LINEBREAK: return FOLIO_NODE_LINE_BREAK;
    case CMARK_NODE_CODE: return FOLIO_NODE_CODE;
    case CMARK_NODE_HTML_INLINE: return FOLIO_NODE_HTML_INLINE;
    case CMARK_NODE_EMPH: return FOLIO_NODE_EMPH;
    case CMARK_NODE_STRONG: return FOLIO_NODE_STRONG;
    case CMARK_NODE_LINK: return FOLIO_NODE_LINK;
    case CMARK_NODE_IMAGE: return FOLIO_NODE_IMAGE;
    default: return FOLIO_NODE_NONE; /* custom nodes: never parsed */
    }
}

static const char *or_empty(const char *s)
{
    return s != NULL ? s : "";
}

/* Copies the fields of one cmark node into its new folio node. */
static folio_status copy_fields(folio_node *node, cmark_node *src,
                                folio_error *err)
{
    const char *s;
    folio_status st;
    switch (cmark_node_get_type(src)) {
    case CMARK_NODE_CODE_BLOCK:
        s = or_empty(cmark_node_get_fence_info(src));
        st = folio_node_set_code_info(node, s, strlen(s), err);
        if (st != FOLIO_OK)
            return st;
        s = or_empty(cmark_node_get_literal(src));
        return folio_node_set_literal(node, s, strlen(s), err);
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
        s = or_empty(cmark_node_get_literal(src));
        return folio_node_set_literal(node, s, strlen(s), err);
    case CMARK_NODE_HEADING:
        return folio_node_set_heading_level(
            node, cmark_node_get_heading_level(src), err);
    case CMARK_NODE_LIST: {
        bool ordered = cmark_node_get_list_type(src) == CMARK_ORDERED_LIST;
        folio_list_delimiter delim = FOLIO_DELIM_NONE;
        if (ordered)
            delim = cmark_node_get_list_delim(src) == CMARK_PAREN_DELIM
                        ? FOLIO_DELIM_PAREN
                        : FOLIO_DELIM_PERIOD;
        return folio_node_set_list(
            node, ordered ? FOLIO_LIST_ORDERED : FOLIO_LIST_BULLET,
            ordered ? cmark_node_get_list_start(src) : 1,
            cmark_node_get_list_tight(src) != 0, delim, err);
    }
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
        s = or_empty(cmark_node_get_url(src));
        st = folio_node_set_url(node, s, strlen(s), err);
        if (st != FOLIO_OK)
            return st;
        s = or_empty(cmark_node_get_title(src));
        return folio_node_set_title(node, s, strlen(s), err);
    default:
        return FOLIO_OK;
    }
}

static uint32_t line_of(int cmark_line, const md_body_place *place)
{
    return cmark_line > 0 ? (uint32_t)cmark_line + (uint32_t)place->first_line - 1
                          : 0;
}

static uint32_t column_of(int cmark_line, int cmark_column,
                          const md_body_place *place)
{
    if (cmark_column <= 0)
        return 0;
    return (uint32_t)cmark_column +
           (cmark_line == 1 ? (uint32_t)place->first_column : 0);
}

static folio_pos position_of(cmark_node *src, const md_body_place *place)
{
    int start_line = cmark_node_get_start_line(src);
    int end_line = cmark_node_get_end_line(src);
    folio_pos pos = {
        .start_line = line_of(start_line, place),
        .start_column =
            column_of(start_line, cmark_node_get_start_column(src), place),
        .end_line = line_of(end_line, place),
        .end_column = column_of(end_line, cmark_node_get_end_column(src), place),
    };
    return pos;
}

/* Copies cmark's tree under root into doc. */
static folio_status convert(folio_doc *doc, cmark_node *root,
                            const md_body_place *place, int64_t max_depth,
                            folio_error *err)
{
    cmark_iter *iter = cmark_iter_new(root);
    folio_node *parent = folio_doc_root(doc);
    int64_t depth = 0;
    folio_status st = FOLIO_OK;
    cmark_event_type event;
    while (st == FOLIO_OK &&
           (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node *src = cmark_iter_get_node(iter);
        if (src == root)
            continue;
        if (event == CMARK_EVENT_EXIT) {
            parent = folio_node_parent(parent);
            depth--;
            continue;
        }
        /* cmark leaves an empty text where it trimmed a line's end. */
        if (cmark_node_get_type(src) == CMARK_NODE_TEXT &&
            *or_empty(cmark_node_get_literal(src)) == '\0')
            continue;
        folio_pos pos = position_of(src, place);
        if (depth + 1 > max_depth) {
            st = folio_error_set_at(err, FOLIO_ERR_LIMIT, pos.start_line,
                                    pos.start_column,
                                    "Markdown nests more than %lld levels "
                                    "deep (the max-depth option)",
                                    (long long)max_depth);
            break;
        }
        folio_node *node = folio_node_new(doc, folio_type(cmark_node_get_type(src)));
        if (node == NULL) {
            st = folio_error_set(err, FOLIO_ERR_NOMEM,
                                 "out of memory while reading Markdown");
            break;
        }
        folio_node_set_position(node, pos);
        st = copy_fields(node, src, err);
        if (st == FOLIO_OK)
            st = folio_node_append(parent, node, err);
        if (st == FOLIO_OK &&
            folio_node_type_is_container(folio_node_get_type(node))) {
            parent = node;
            depth++;
        }
    }
    cmark_iter_free(iter);
    return st;
}

folio_status md_body_read(folio_doc *doc, const char *data, size_t len,
                          const md_body_place *place, bool smart,
                          int64_t max_depth, folio_error *err)
{
    /* Source positions are always kept by cmark; CMARK_OPT_UNSAFE only
     * matters to its HTML renderer: raw HTML stays in the tree either
     * way. cmark aborts when out of memory (its allocator cannot fail),
     * so there is no NULL to check. */
    cmark_parser *parser = cmark_parser_new(smart ? CMARK_OPT_SMART : 0);
    cmark_parser_feed(parser, data, len);
    cmark_node *root = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    cmark_consolidate_text_nodes(root);
    folio_status st = convert(doc, root, place, max_depth, err);
    cmark_node_free(root);
    return st;
}
