/*
 * The members of a node object, by node type: one table that the reader
 * checks input against and the writer writes from, so the two cannot
 * disagree.
 */
#include "json_plugin.h"

#include <string.h>

const char *const jp_field_names[FIELD_COUNT] = {
    [FIELD_TYPE] = "type",         [FIELD_LEVEL] = "level",
    [FIELD_LIST_TYPE] = "list_type", [FIELD_START] = "start",
    [FIELD_TIGHT] = "tight",       [FIELD_DELIMITER] = "delimiter",
    [FIELD_URL] = "url",           [FIELD_TITLE] = "title",
    [FIELD_COLUMNS] = "columns",   [FIELD_ALIGN] = "align",
    [FIELD_HEADER] = "header",     [FIELD_INFO] = "info",
    [FIELD_TEXT] = "text",         [FIELD_POS] = "pos",
    [FIELD_CHILDREN] = "children",
};

#define LIST_FIELDS                                                          \
    (FIELD_BIT(FIELD_LIST_TYPE) | FIELD_BIT(FIELD_START) |                   \
     FIELD_BIT(FIELD_TIGHT) | FIELD_BIT(FIELD_DELIMITER))

unsigned jp_node_fields(folio_node_type type)
{
    unsigned fields = FIELD_BIT(FIELD_TYPE) | FIELD_BIT(FIELD_POS);
    if (folio_node_type_is_container(type))
        fields |= FIELD_BIT(FIELD_CHILDREN);
    switch (type) {
    case FOLIO_NODE_HEADING:
        return fields | FIELD_BIT(FIELD_LEVEL);
    case FOLIO_NODE_LIST:
        return fields | LIST_FIELDS;
    case FOLIO_NODE_LINK:
    case FOLIO_NODE_IMAGE:
        return fields | FIELD_BIT(FIELD_URL) | FIELD_BIT(FIELD_TITLE);
    case FOLIO_NODE_TABLE:
        return fields | FIELD_BIT(FIELD_COLUMNS) | FIELD_BIT(FIELD_ALIGN);
    case FOLIO_NODE_TABLE_ROW:
        return fields | FIELD_BIT(FIELD_HEADER);
    case FOLIO_NODE_CODE_BLOCK:
        return fields | FIELD_BIT(FIELD_INFO) | FIELD_BIT(FIELD_TEXT);
    case FOLIO_NODE_HTML_BLOCK:
    case FOLIO_NODE_TEXT:
    case FOLIO_NODE_CODE:
    case FOLIO_NODE_HTML_INLINE:
        return fields | FIELD_BIT(FIELD_TEXT);
    default:
        return fields;
    }
}

jp_field jp_field_from_name(const char *name, size_t len)
{
    /* strncmp stops at the shorter name's end: no strlen per lookup. */
    for (int f = 0; f < FIELD_COUNT; f++)
        if (strncmp(jp_field_names[f], name, len) == 0 &&
            jp_field_names[f][len] == '\0')
            return (jp_field)f;
    return FIELD_COUNT;
}
