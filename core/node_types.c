/* Names and categories of node types, and the containment rules. */
#include <folio/node.h>

#include <string.h>

#include "internal.h"

static const char *const type_names[] = {
    [FOLIO_NODE_NONE] = "none",
    [FOLIO_NODE_DOCUMENT] = "document",
    [FOLIO_NODE_BLOCK_QUOTE] = "block_quote",
    [FOLIO_NODE_LIST] = "list",
    [FOLIO_NODE_ITEM] = "item",
    [FOLIO_NODE_CODE_BLOCK] = "code_block",
    [FOLIO_NODE_HTML_BLOCK] = "html_block",
    [FOLIO_NODE_PARAGRAPH] = "paragraph",
    [FOLIO_NODE_HEADING] = "heading",
    [FOLIO_NODE_THEMATIC_BREAK] = "thematic_break",
    [FOLIO_NODE_TABLE] = "table",
    [FOLIO_NODE_TABLE_ROW] = "table_row",
    [FOLIO_NODE_TABLE_CELL] = "table_cell",
    [FOLIO_NODE_FIGURE] = "figure",
    [FOLIO_NODE_CAPTION] = "caption",
    [FOLIO_NODE_TEXT] = "text",
    [FOLIO_NODE_SOFT_BREAK] = "soft_break",
    [FOLIO_NODE_LINE_BREAK] = "line_break",
    [FOLIO_NODE_CODE] = "code",
    [FOLIO_NODE_HTML_INLINE] = "html_inline",
    [FOLIO_NODE_EMPH] = "emph",
    [FOLIO_NODE_STRONG] = "strong",
    [FOLIO_NODE_LINK] = "link",
    [FOLIO_NODE_IMAGE] = "image",
    [FOLIO_NODE_STRIKETHROUGH] = "strikethrough",
};

static bool type_is_valid(folio_node_type type)
{
    return type > FOLIO_NODE_NONE && type <= FOLIO_NODE_TYPE_LAST;
}

const char *folio_node_type_name(folio_node_type type)
{
    return type_is_valid(type) ? type_names[type] : type_names[0];
}

/* Matches len bytes against a NUL-terminated name exactly. */
static bool name_equals(const char *name, size_t len, const char *candidate)
{
    return strlen(candidate) == len && memcmp(name, candidate, len) == 0;
}

folio_node_type folio_node_type_from_name(const char *name, size_t len)
{
    for (int type = 1; type <= FOLIO_NODE_TYPE_LAST; type++)
        if (name_equals(name, len, type_names[type]))
            return (folio_node_type)type;
    return FOLIO_NODE_NONE;
}

const char *folio_article(const char *noun)
{
    return strchr("aeiou", noun[0]) != NULL && noun[0] != '\0' ? "an" : "a";
}

bool folio_node_type_is_block(folio_node_type type)
{
    return type >= FOLIO_NODE_DOCUMENT && type <= FOLIO_NODE_CAPTION;
}

bool folio_node_type_is_inline(folio_node_type type)
{
    return type >= FOLIO_NODE_TEXT && type <= FOLIO_NODE_TYPE_LAST;
}

bool folio_node_type_is_container(folio_node_type type)
{
    switch (type) {
    case FOLIO_NODE_DOCUMENT:
    case FOLIO_NODE_BLOCK_QUOTE:
    case FOLIO_NODE_LIST:
    case FOLIO_NODE_ITEM:
    case FOLIO_NODE_PARAGRAPH:
    case FOLIO_NODE_HEADING:
    case FOLIO_NODE_TABLE:
    case FOLIO_NODE_TABLE_ROW:
    case FOLIO_NODE_TABLE_CELL:
    case FOLIO_NODE_FIGURE:
    case FOLIO_NODE_CAPTION:
    case FOLIO_NODE_EMPH:
    case FOLIO_NODE_STRONG:
    case FOLIO_NODE_LINK:
    case FOLIO_NODE_IMAGE:
    case FOLIO_NODE_STRIKETHROUGH:
        return true;
    default:
        return false;
    }
}

/* A block that may stand in a flow of blocks: everything but the
 * structural pieces that only live inside a list, table or figure. */
static bool type_is_flow_block(folio_node_type type)
{
    switch (type) {
    case FOLIO_NODE_BLOCK_QUOTE:
    case FOLIO_NODE_LIST:
    case FOLIO_NODE_CODE_BLOCK:
    case FOLIO_NODE_HTML_BLOCK:
    case FOLIO_NODE_PARAGRAPH:
    case FOLIO_NODE_HEADING:
    case FOLIO_NODE_THEMATIC_BREAK:
    case FOLIO_NODE_TABLE:
    case FOLIO_NODE_FIGURE:
        return true;
    default:
        return false;
    }
}

const char *folio_node_containment_problem(const folio_node *parent,
                                           folio_node_type child,
                                           const folio_node *previous,
                                           const folio_node *next)
{
    switch (parent->type) {
    case FOLIO_NODE_DOCUMENT:
    case FOLIO_NODE_BLOCK_QUOTE:
    case FOLIO_NODE_ITEM:
        return type_is_flow_block(child) ? NULL : "only blocks may go here";
    case FOLIO_NODE_LIST:
        return child == FOLIO_NODE_ITEM ? NULL : "a list holds only items";
    case FOLIO_NODE_FIGURE:
        if (previous != NULL && previous->type == FOLIO_NODE_CAPTION)
            return "a figure's caption must be its last child";
        if (child == FOLIO_NODE_CAPTION)
            return next == NULL ? NULL
                                : "a figure's caption must be its last child";
        return type_is_flow_block(child) ? NULL
                                         : "a figure holds blocks and a caption";
    case FOLIO_NODE_TABLE:
        return child == FOLIO_NODE_TABLE_ROW ? NULL
                                             : "a table holds only rows";
    case FOLIO_NODE_TABLE_ROW:
        return child == FOLIO_NODE_TABLE_CELL ? NULL
                                              : "a table row holds only cells";
    case FOLIO_NODE_TABLE_CELL: {
        const folio_node *sibling = previous != NULL ? previous : next;
        if (folio_node_type_is_inline(child))
            return sibling == NULL || folio_node_type_is_inline(sibling->type)
                       ? NULL
                       : "a table cell holds inlines or blocks, not both";
        if (type_is_flow_block(child))
            return sibling == NULL || !folio_node_type_is_inline(sibling->type)
                       ? NULL
                       : "a table cell holds inlines or blocks, not both";
        return "a table cell holds inlines or blocks";
    }
    case FOLIO_NODE_PARAGRAPH:
    case FOLIO_NODE_HEADING:
    case FOLIO_NODE_CAPTION:
    case FOLIO_NODE_EMPH:
    case FOLIO_NODE_STRONG:
    case FOLIO_NODE_LINK:
    case FOLIO_NODE_IMAGE:
    case FOLIO_NODE_STRIKETHROUGH:
        return folio_node_type_is_inline(child) ? NULL
                                                : "only inlines may go here";
    default:
        return "this node type has no children";
    }
}

folio_status folio_node_check_placement(const folio_node *parent,
                                        const folio_node *node,
                                        const folio_node *previous,
                                        const folio_node *next,
                                        folio_error *err)
{
    const char *problem = folio_node_containment_problem(parent, node->type,
                                                         previous, next);
    if (problem == NULL)
        return FOLIO_OK;
    const char *child = folio_node_type_name(node->type);
    const char *container = folio_node_type_name(parent->type);
    return folio_error_set_at(err, FOLIO_ERR_TREE, node->pos.start_line,
                              node->pos.start_column,
                              "%s %s cannot go in %s %s: %s",
                              folio_article(child), child,
                              folio_article(container), container, problem);
}

bool folio_node_can_contain(const folio_node *parent, folio_node_type child)
{
    return type_is_valid(child) && child != FOLIO_NODE_DOCUMENT &&
           folio_node_containment_problem(parent, child, parent->last_child,
                                          NULL) == NULL;
}

static const char *const list_type_names[] = {"bullet", "ordered"};
static const char *const delimiter_names[] = {"none", "period", "paren"};
static const char *const align_names[] = {"none", "left", "center", "right"};

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static int index_of_name(const char *const *names, size_t count,
                         const char *name, size_t len)
{
    for (size_t i = 0; i < count; i++)
        if (name_equals(name, len, names[i]))
            return (int)i;
    return -1;
}

const char *folio_list_type_name(folio_list_type type)
{
    return (unsigned)type < COUNT(list_type_names) ? list_type_names[type]
                                                  : "none";
}

int folio_list_type_from_name(const char *name, size_t len)
{
    return index_of_name(list_type_names, COUNT(list_type_names), name, len);
}

const char *folio_list_delimiter_name(folio_list_delimiter delimiter)
{
    return (unsigned)delimiter < COUNT(delimiter_names)
               ? delimiter_names[delimiter]
               : "none";
}

int folio_list_delimiter_from_name(const char *name, size_t len)
{
    return index_of_name(delimiter_names, COUNT(delimiter_names), name, len);
}

const char *folio_align_name(folio_align align)
{
    return (unsigned)align < COUNT(align_names) ? align_names[align] : "none";
}

int folio_align_from_name(const char *name, size_t len)
{
    return index_of_name(align_names, COUNT(align_names), name, len);
}
