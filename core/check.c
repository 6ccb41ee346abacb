/* folio_doc_check: validates a whole document, iteratively. */
#include <folio/doc.h>
#include <folio/meta.h>
#include <folio/node.h>
#include <folio/text.h>

#include <stdlib.h>

#include "internal.h"

static folio_status node_problem(const folio_node *node, folio_error *err,
                                 const char *problem)
{
    return folio_error_set_at(err, FOLIO_ERR_TREE, node->pos.start_line,
                              node->pos.start_column, "%s: %s",
                              folio_node_type_name(node->type), problem);
}

/* The root and empty fields may hold no string at all. */
static bool text_ok(const folio_text *text)
{
    if (text->data == NULL)
        return text->len == 0;
    return folio_utf8_valid(text->data, text->len, NULL);
}

static bool texts_ok(const folio_node *node)
{
    if (folio_node_has_literal(node->type))
        return text_ok(&node->as.content.literal) &&
               text_ok(&node->as.content.info);
    if (folio_node_has_url(node->type))
        return text_ok(&node->as.link.url) && text_ok(&node->as.link.title);
    return true;
}

static folio_status check_links(const folio_node *node, folio_error *err)
{
    const folio_node *parent = node->parent;
    if (node->previous != NULL ? node->previous->next != node
                               : parent->first_child != node)
        return node_problem(node, err, "broken link to the previous sibling");
    if (node->next != NULL ? node->next->previous != node
                           : parent->last_child != node)
        return node_problem(node, err, "broken link to the next sibling");
    if ((node->previous != NULL && node->previous->parent != parent) ||
        (node->next != NULL && node->next->parent != parent))
        return node_problem(node, err, "a sibling has another parent");
    return folio_node_check_placement(parent, node, node->previous,
                                      node->next, err);
}

static folio_status check_table(const folio_node *table, folio_error *err)
{
    bool body_seen = false;
    for (const folio_node *row = table->first_child; row != NULL;
         row = row->next) {
        if (row->as.row_header && body_seen)
            return node_problem(row, err, "a header row after a body row");
        body_seen = body_seen || !row->as.row_header;
        int cells = 0;
        for (const folio_node *cell = row->first_child; cell != NULL;
             cell = cell->next)
            cells++;
        if (cells > table->as.table.columns)
            return node_problem(row, err,
                                "more cells than the table has columns");
    }
    return FOLIO_OK;
}

static folio_status check_node(const folio_doc *doc, const folio_node *node,
                               folio_error *err)
{
    if (node->doc != doc)
        return node_problem(node, err, "belongs to another document");
    if (node->type <= FOLIO_NODE_NONE || node->type > FOLIO_NODE_TYPE_LAST)
        return folio_error_set(err, FOLIO_ERR_TREE, "unknown node type %d",
                               (int)node->type);
    if (node->parent != NULL) {
        folio_status status = check_links(node, err);
        if (status != FOLIO_OK)
            return status;
    }
    if (node->first_child != NULL &&
        !folio_node_type_is_container(node->type))
        return node_problem(node, err, "a leaf with children");
    if ((node->first_child == NULL) != (node->last_child == NULL) ||
        (node->first_child != NULL && node->first_child->parent != node))
        return node_problem(node, err, "broken link to its children");
    if (!texts_ok(node))
        return node_problem(node, err, "text that is not valid UTF-8");
    if (node->type == FOLIO_NODE_HEADING &&
        (node->as.heading_level < 1 || node->as.heading_level > 6))
        return node_problem(node, err, "level is not between 1 and 6");
    if (node->type == FOLIO_NODE_TABLE)
        return check_table(node, err);
    return FOLIO_OK;
}

static folio_status check_tree(const folio_doc *doc, folio_error *err)
{
    if (doc->root == NULL || doc->root->type != FOLIO_NODE_DOCUMENT ||
        doc->root->parent != NULL)
        return folio_error_set(err, FOLIO_ERR_TREE,
                               "the root is not a detached document node");
    folio_node *node = doc->root;
    folio_walk_event event = FOLIO_WALK_NONE;
    while (folio_walk_next(doc->root, &node, &event)) {
        if (event != FOLIO_WALK_ENTER)
            continue;
        folio_status status = check_node(doc, node, err);
        if (status != FOLIO_OK)
            return status;
    }
    return FOLIO_OK;
}

/* One level of the metadata walk: a container and the next index in it. */
typedef struct value_frame {
    const folio_value *container;
    size_t next;
} value_frame;

static folio_status check_value(const folio_value *value,
                                const folio_value *container, folio_error *err)
{
    if (value->parent != container)
        return folio_error_set(err, FOLIO_ERR_TREE,
                               "metadata: a value with a wrong parent");
    if (value->type == FOLIO_VALUE_STRING && !text_ok(&value->as.string))
        return folio_error_set(err, FOLIO_ERR_TREE,
                               "metadata: a string that is not valid UTF-8");
    return FOLIO_OK;
}

static folio_status check_meta(const folio_doc *doc, folio_error *err)
{
    size_t depth = 0, capacity = 16;
    value_frame *stack = malloc(capacity * sizeof *stack);
    if (stack == NULL)
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    folio_status status = FOLIO_OK;
    stack[depth++] = (value_frame){doc->meta, 0};
    while (depth > 0 && status == FOLIO_OK) {
        value_frame *frame = &stack[depth - 1];
        const folio_value *container = frame->container;
        if (frame->next == folio_value_count(container)) {
            depth--;
            continue;
        }
        size_t index = frame->next++;
        const folio_value *item;
        if (container->type == FOLIO_VALUE_MAP) {
            size_t key_len;
            const char *key = folio_value_map_key(container, index, &key_len);
            if (!folio_utf8_valid(key, key_len, NULL)) {
                status = folio_error_set(
                    err, FOLIO_ERR_TREE,
                    "metadata: a key that is not valid UTF-8");
                break;
            }
            item = folio_value_map_value(container, index);
        } else
            item = folio_value_list_get(container, index);
        status = check_value(item, container, err);
        if (status != FOLIO_OK || folio_value_count(item) == 0)
            continue;
        if (depth == capacity) {
            value_frame *grown = realloc(stack, 2 * capacity * sizeof *stack);
            if (grown == NULL) {
                status = folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
                break;
            }
            stack = grown;
            capacity *= 2;
        }
        stack[depth++] = (value_frame){item, 0};
    }
    free(stack);
    return status;
}

folio_status folio_doc_check(const folio_doc *doc, folio_error *err)
{
    folio_status status = check_tree(doc, err);
    if (status == FOLIO_OK)
        status = check_meta(doc, err);
    return status;
}
