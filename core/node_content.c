/* The typed fields of nodes: literals, URLs, levels, list and table data. */
#include <folio/node.h>

#include "internal.h"

bool folio_node_has_literal(folio_node_type type)
{
    return type == FOLIO_NODE_TEXT || type == FOLIO_NODE_CODE ||
           type == FOLIO_NODE_HTML_INLINE || type == FOLIO_NODE_CODE_BLOCK ||
           type == FOLIO_NODE_HTML_BLOCK;
}

bool folio_node_has_url(folio_node_type type)
{
    return type == FOLIO_NODE_LINK || type == FOLIO_NODE_IMAGE;
}

static folio_status wrong_type(const folio_node *node, const char *field,
                               folio_error *err)
{
    const char *type = folio_node_type_name(node->type);
    return folio_error_set(err, FOLIO_ERR_TREE, "%s %s has no %s",
                           folio_article(type), type, field);
}

static const char *text_get(const folio_text *text, size_t *len)
{
    if (len != NULL)
        *len = text->len;
    return text->data;
}

static const char *text_get_if(bool present, const folio_text *text,
                               size_t *len)
{
    if (present)
        return text_get(text, len);
    if (len != NULL)
        *len = 0;
    return NULL;
}

static folio_status text_set(folio_node *node, bool present,
                             const char *field, folio_text *text,
                             const char *s, size_t len, folio_error *err)
{
    if (!present)
        return wrong_type(node, field, err);
    if (!folio_text_copy(node->doc, s, len, text))
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    return FOLIO_OK;
}

const char *folio_node_literal(const folio_node *node, size_t *len)
{
    return text_get_if(folio_node_has_literal(node->type), &node->as.content.literal, len);
}

folio_status folio_node_set_literal(folio_node *node, const char *s,
                                    size_t len, folio_error *err)
{
    return text_set(node, folio_node_has_literal(node->type), "literal text",
                    &node->as.content.literal, s, len, err);
}

const char *folio_node_code_info(const folio_node *node, size_t *len)
{
    return text_get_if(node->type == FOLIO_NODE_CODE_BLOCK,
                       &node->as.content.info, len);
}

folio_status folio_node_set_code_info(folio_node *node, const char *s,
                                      size_t len, folio_error *err)
{
    return text_set(node, node->type == FOLIO_NODE_CODE_BLOCK, "info string",
                    &node->as.content.info, s, len, err);
}

const char *folio_node_url(const folio_node *node, size_t *len)
{
    return text_get_if(folio_node_has_url(node->type), &node->as.link.url, len);
}

folio_status folio_node_set_url(folio_node *node, const char *s, size_t len,
                                folio_error *err)
{
    return text_set(node, folio_node_has_url(node->type), "URL", &node->as.link.url, s, len,
                    err);
}

const char *folio_node_title(const folio_node *node, size_t *len)
{
    return text_get_if(folio_node_has_url(node->type), &node->as.link.title, len);
}

folio_status folio_node_set_title(folio_node *node, const char *s,
                                  size_t len, folio_error *err)
{
    return text_set(node, folio_node_has_url(node->type), "title", &node->as.link.title, s, len,
                    err);
}

int folio_node_heading_level(const folio_node *node)
{
    return node->type == FOLIO_NODE_HEADING ? node->as.heading_level : 0;
}

folio_status folio_node_set_heading_level(folio_node *node, int level,
                                          folio_error *err)
{
    if (node->type != FOLIO_NODE_HEADING)
        return wrong_type(node, "level", err);
    if (level < 1 || level > 6)
        return folio_error_set(err, FOLIO_ERR_TREE,
                               "heading level %d is not between 1 and 6",
                               level);
    node->as.heading_level = level;
    return FOLIO_OK;
}

folio_list_type folio_node_list_type(const folio_node *node)
{
    return node->type == FOLIO_NODE_LIST ? node->as.list.type
                                         : FOLIO_LIST_BULLET;
}

int folio_node_list_start(const folio_node *node)
{
    return node->type == FOLIO_NODE_LIST ? node->as.list.start : 0;
}

bool folio_node_list_tight(const folio_node *node)
{
    return node->type == FOLIO_NODE_LIST && node->as.list.tight;
}

folio_list_delimiter folio_node_list_delimiter(const folio_node *node)
{
    return node->type == FOLIO_NODE_LIST ? node->as.list.delimiter
                                         : FOLIO_DELIM_NONE;
}

folio_status folio_node_set_list(folio_node *node, folio_list_type type,
                                 int start, bool tight,
                                 folio_list_delimiter delimiter,
                                 folio_error *err)
{
    if (node->type != FOLIO_NODE_LIST)
        return wrong_type(node, "list attributes", err);
    if (type != FOLIO_LIST_BULLET && type != FOLIO_LIST_ORDERED)
        return folio_error_set(err, FOLIO_ERR_TREE, "unknown list type %d",
                               (int)type);
    if (delimiter != FOLIO_DELIM_NONE && delimiter != FOLIO_DELIM_PERIOD &&
        delimiter != FOLIO_DELIM_PAREN)
        return folio_error_set(err, FOLIO_ERR_TREE,
                               "unknown list delimiter %d", (int)delimiter);
    if (start < 0)
        return folio_error_set(err, FOLIO_ERR_TREE,
                               "list start %d is negative", start);
    node->as.list.type = type;
    node->as.list.start = start;
    node->as.list.tight = tight;
    node->as.list.delimiter = delimiter;
    return FOLIO_OK;
}

enum { TABLE_MAX_COLUMNS = 65535 };

int folio_node_table_columns(const folio_node *node)
{
    return node->type == FOLIO_NODE_TABLE ? node->as.table.columns : 0;
}

folio_status folio_node_set_table_columns(folio_node *node, int columns,
                                          folio_error *err)
{
    if (node->type != FOLIO_NODE_TABLE)
        return wrong_type(node, "columns", err);
    if (columns < 0 || columns > TABLE_MAX_COLUMNS)
        return folio_error_set(err, FOLIO_ERR_TREE,
                               "a table cannot have %d columns", columns);
    unsigned char *alignments = NULL;
    if (columns > 0) {
        alignments = folio_doc_alloc(node->doc, (size_t)columns);
        if (alignments == NULL)
            return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    }
    node->as.table.columns = columns;
    node->as.table.alignments = alignments;
    return FOLIO_OK;
}

folio_align folio_node_table_alignment(const folio_node *node, int column)
{
    if (node->type != FOLIO_NODE_TABLE || column < 0 ||
        column >= node->as.table.columns)
        return FOLIO_ALIGN_NONE;
    return (folio_align)node->as.table.alignments[column];
}

folio_status folio_node_set_table_alignment(folio_node *node, int column,
                                            folio_align align,
                                            folio_error *err)
{
    if (node->type != FOLIO_NODE_TABLE)
        return wrong_type(node, "alignment", err);
    if (column < 0 || column >= node->as.table.columns)
        return folio_error_set(err, FOLIO_ERR_TREE,
                               "column %d is outside a table of %d columns",
                               column, node->as.table.columns);
    if (align < FOLIO_ALIGN_NONE || align > FOLIO_ALIGN_RIGHT)
        return folio_error_set(err, FOLIO_ERR_TREE, "unknown alignment %d",
                               (int)align);
    node->as.table.alignments[column] = (unsigned char)align;
    return FOLIO_OK;
}

bool folio_node_row_is_header(const folio_node *node)
{
    return node->type == FOLIO_NODE_TABLE_ROW && node->as.row_header;
}

folio_status folio_node_set_row_header(folio_node *node, bool header,
                                       folio_error *err)
{
    if (node->type != FOLIO_NODE_TABLE_ROW)
        return wrong_type(node, "header flag", err);
    node->as.row_header = header;
    return FOLIO_OK;
}
