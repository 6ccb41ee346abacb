/*
 * Copying cmark's tree into folio's, in one walk per tree (no recursion,
 * so any depth the parser accepts is safe here; depth beyond max-depth is
 * refused). A paragraph md_table_find.c took for a table is
 * replaced by the table (md_table_build.c), whose cells are copied by
 * passes over the text parsed again: one level deeper, never more, as
 * that text holds no tables. Tildes md_tilde.c marked and no
 * strikethrough took are tildes again, and positions are given in the
 * file's own lines and columns, whatever text cmark actually parsed.
 */
#include "md_parse.h"

#include <stdlib.h>
#include <string.h>

#define NOMEM_MESSAGE "out of memory while reading Markdown"

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
    /* cmark never parses custom nodes: md_strike.c makes these. */
    case CMARK_NODE_CUSTOM_INLINE: return FOLIO_NODE_STRIKETHROUGH;
    default: return FOLIO_NODE_NONE;
    }
}

/* s with the markers in it turned back into tildes, in *len bytes:
 * borrowed, until the next call; NULL when out of memory. */
static const char *plain(md_convert *c, const char *s, size_t *len)
{
    s = s != NULL ? s : "";
    *len = strlen(s);
    if (c->marked == NULL || c->marked->count == 0 ||
        memchr(s, '\xE2', *len) == NULL)
        return s;
    if (*len > c->buf_size) {
        char *buf = realloc(c->buf, *len);
        if (buf == NULL)
            return NULL;
        c->buf = buf;
        c->buf_size = *len;
    }
    *len = md_tilde_restore(s, *len, c->buf);
    return c->buf;
}

typedef folio_status (*string_setter)(folio_node *node, const char *s,
                                      size_t len, folio_error *err);

static folio_status set_string(md_convert *c, folio_node *node,
                               string_setter set, const char *s)
{
    size_t len;
    s = plain(c, s, &len);
    if (s == NULL)
        return folio_error_set(c->err, FOLIO_ERR_NOMEM, NOMEM_MESSAGE);
    return set(node, s, len, c->err);
}

/* Copies the fields of one cmark node into its new folio node. */
static folio_status copy_fields(md_convert *c, folio_node *node,
                                cmark_node *src)
{
    folio_status st;
    switch (cmark_node_get_type(src)) {
    case CMARK_NODE_CODE_BLOCK:
        st = set_string(c, node, folio_node_set_code_info,
                        cmark_node_get_fence_info(src));
        if (st != FOLIO_OK)
            return st;
        return set_string(c, node, folio_node_set_literal,
                          cmark_node_get_literal(src));
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
        return set_string(c, node, folio_node_set_literal,
                          cmark_node_get_literal(src));
    case CMARK_NODE_HEADING:
        return folio_node_set_heading_level(
            node, cmark_node_get_heading_level(src), c->err);
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
            cmark_node_get_list_tight(src) != 0, delim, c->err);
    }
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
        st = set_string(c, node, folio_node_set_url,
                        cmark_node_get_url(src));
        if (st != FOLIO_OK)
            return st;
        return set_string(c, node, folio_node_set_title,
                          cmark_node_get_title(src));
    default:
        return FOLIO_OK;
    }
}

/* ---- Positions ---------------------------------------------------------- */

/* A body line and column (0: unknown) as the file's. */
static void to_file(const md_convert *c, uint32_t line, int64_t column,
                    uint32_t *file_line, uint32_t *file_column)
{
    *file_line = line + (uint32_t)c->place->first_line - 1;
    *file_column =
        column > 0 ? (uint32_t)column +
                         (line == 1 ? (uint32_t)c->place->first_column : 0)
                   : 0;
}

/* A line and column of the text cmark parsed as the file's. */
static void place_of(const md_convert *c, int line, int column,
                     uint32_t *file_line, uint32_t *file_column)
{
    *file_line = *file_column = 0;
    if (line <= 0)
        return;
    uint32_t at = (uint32_t)line;
    int64_t col = column > 0 ? md_marked_column(c->marked, at, (uint32_t)column)
                             : 0;
    if (c->origins != NULL) {
        if (at > c->origin_count || c->origins[at - 1].line == 0)
            return;
        if (col > 0) {
            col += c->origins[at - 1].shift;
            col = col < 1 ? 1 : col;
        }
        at = c->origins[at - 1].line;
    }
    to_file(c, at, col, file_line, file_column);
}

static folio_pos position_of(const md_convert *c, cmark_node *src)
{
    folio_pos pos;
    place_of(c, cmark_node_get_start_line(src),
             cmark_node_get_start_column(src), &pos.start_line,
             &pos.start_column);
    place_of(c, cmark_node_get_end_line(src), cmark_node_get_end_column(src),
             &pos.end_line, &pos.end_column);
    return pos;
}

folio_pos md_convert_span(const md_convert *c, uint32_t line, size_t start,
                          size_t end)
{
    size_t line_start = c->src->lines[line - 1].start;
    folio_pos pos;
    to_file(c, line, (int64_t)(start - line_start) + 1, &pos.start_line,
            &pos.start_column);
    to_file(c, line, (int64_t)((end > start ? end : start + 1) - line_start),
            &pos.end_line, &pos.end_column);
    return pos;
}

/* ---- The walk ----------------------------------------------------------- */

folio_status md_convert_add(md_convert *c, folio_node_type type,
                            folio_node *parent, int64_t depth, folio_pos pos,
                            folio_node **out)
{
    if (depth + 1 > c->max_depth)
        return folio_error_set_at(c->err, FOLIO_ERR_LIMIT, pos.start_line,
                                  pos.start_column,
                                  "Markdown nests more than %lld levels "
                                  "deep (the max-depth option)",
                                  (long long)c->max_depth);
    *out = folio_node_new(c->doc, type);
    if (*out == NULL)
        return folio_error_set(c->err, FOLIO_ERR_NOMEM, NOMEM_MESSAGE);
    folio_node_set_position(*out, pos);
    return folio_node_append(parent, *out, c->err);
}

/* The next table's paragraph, if src is it. */
static const md_table *table_at(const md_convert *c, cmark_node *src)
{
    const md_tables *t = c->tables;
    return t != NULL && c->next_table < t->count &&
                   t->tables[c->next_table].block == src
               ? &t->tables[c->next_table]
               : NULL;
}

/* Appends len bytes to c->joined. */
static bool join(md_convert *c, const char *s, size_t len)
{
    if (len == 0)
        return true;
    if (c->joined_len + len > c->joined_size) {
        size_t size = 2 * (c->joined_len + len);
        char *joined = realloc(c->joined, size);
        if (joined == NULL)
            return false;
        c->joined = joined;
        c->joined_size = size;
    }
    memcpy(c->joined + c->joined_len, s, len);
    c->joined_len += len;
    return true;
}

/* Copies the text node first and the text nodes right after it as one
 * (cmark splits text where it had to look at a character twice, and
 * strikethrough splits it at its delimiters), as cmark's own
 * cmark_consolidate_text_nodes would, without its copies and frees.
 * *last is the last node taken; *node the copy, NULL when all are empty
 * (cmark leaves an empty text where it trimmed a line's end). */
static folio_status copy_text_run(md_convert *c, cmark_node *first,
                                  folio_node *parent, int64_t depth,
                                  cmark_node **last, folio_node **node)
{
    *node = NULL;
    *last = first;
    const char *text;
    size_t len;
    cmark_node *next = cmark_node_next(first);
    bool ok = true;
    if (next == NULL || cmark_node_get_type(next) != CMARK_NODE_TEXT) {
        /* One text, the usual case: copied without joining. */
        text = plain(c, cmark_node_get_literal(first), &len);
        ok = text != NULL;
    } else {
        c->joined_len = 0;
        for (cmark_node *n = first; ok && n != NULL &&
                                    cmark_node_get_type(n) == CMARK_NODE_TEXT;
             n = cmark_node_next(n)) {
            const char *piece = plain(c, cmark_node_get_literal(n), &len);
            ok = piece != NULL && join(c, piece, len);
            *last = n;
        }
        text = c->joined;
        len = c->joined_len;
    }
    if (!ok)
        return folio_error_set(c->err, FOLIO_ERR_NOMEM, NOMEM_MESSAGE);
    if (len == 0)
        return FOLIO_OK;
    folio_pos pos = position_of(c, first);
    place_of(c, cmark_node_get_end_line(first),
             cmark_node_get_end_column(*last), &pos.end_line,
             &pos.end_column);
    folio_status st = md_convert_add(c, FOLIO_NODE_TEXT, parent, depth, pos,
                                     node);
    if (st != FOLIO_OK)
        return st;
    return folio_node_set_literal(*node, text, len, c->err);
}

/* Copies *src, and for a text the texts after it (*src becomes the last
 * of them); *node is the copy, NULL for what is not copied as a node. */
static folio_status copy_node(md_convert *c, cmark_node **src,
                              folio_node *parent, int64_t depth,
                              folio_node **node)
{
    *node = NULL;
    const md_table *table = table_at(c, *src);
    if (table != NULL) {
        c->next_table++;
        return md_table_build(c, table, parent, depth);
    }
    if (cmark_node_get_type(*src) == CMARK_NODE_TEXT)
        return copy_text_run(c, *src, parent, depth, src, node);
    folio_status st =
        md_convert_add(c, folio_type(cmark_node_get_type(*src)), parent,
                       depth, position_of(c, *src), node);
    return st == FOLIO_OK ? copy_fields(c, *node, *src) : st;
}

/* The node after src in a walk of root's subtree that does not go into
 * src, NULL at the end; *parent and *depth follow the copies of the
 * containers the walk leaves. */
static cmark_node *walk_on(cmark_node *src, cmark_node *root,
                           folio_node **parent, int64_t *depth)
{
    while (src != root) {
        cmark_node *next = cmark_node_next(src);
        if (next != NULL)
            return next;
        src = cmark_node_parent(src);
        if (src == root)
            break;
        *parent = folio_node_parent(*parent);
        (*depth)--;
    }
    return NULL;
}

/* A walk by the tree's own links, not cmark_iter: an iterator is an
 * allocation per call, and this runs once per top-level block. */
folio_status md_convert_tree(md_convert *c, cmark_node *root, bool with_root,
                             folio_node *parent, int64_t depth)
{
    folio_status st = FOLIO_OK;
    cmark_node *src = with_root ? root : cmark_node_first_child(root);
    while (src != NULL && st == FOLIO_OK) {
        folio_node *node;
        st = copy_node(c, &src, parent, depth, &node);
        cmark_node *child = cmark_node_first_child(src);
        if (st == FOLIO_OK && node != NULL && child != NULL &&
            folio_node_type_is_container(folio_node_get_type(node))) {
            parent = node;
            depth++;
            src = child;
        } else {
            src = walk_on(src, root, &parent, &depth);
        }
    }
    return st;
}
