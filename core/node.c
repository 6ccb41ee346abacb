/* Creating, linking and reading nodes. */
#include <folio/node.h>

#include "internal.h"

folio_node *folio_node_new(folio_doc *doc, folio_node_type type)
{
    if (type <= FOLIO_NODE_DOCUMENT || type > FOLIO_NODE_TYPE_LAST)
        return NULL;
    folio_node *node = folio_doc_alloc(doc, sizeof *node);
    if (node == NULL)
        return NULL;
    node->doc = doc;
    node->type = type;
    static const folio_text empty = {"", 0};
    if (folio_node_has_literal(type))
        node->as.content.literal = node->as.content.info = empty;
    else if (folio_node_has_url(type))
        node->as.link.url = node->as.link.title = empty;
    else if (type == FOLIO_NODE_HEADING)
        node->as.heading_level = 1;
    else if (type == FOLIO_NODE_LIST) {
        node->as.list.start = 1;
        node->as.list.tight = true;
    }
    return node;
}

static bool is_ancestor_or_self(const folio_node *candidate,
                                const folio_node *node)
{
    /* A childless node is nobody's ancestor: the common case of building a
     * tree top-down costs no walk up. */
    if (candidate->first_child == NULL)
        return candidate == node;
    for (; node != NULL; node = node->parent)
        if (node == candidate)
            return true;
    return false;
}

static folio_status check_link(const folio_node *parent, const folio_node *node,
                               const folio_node *previous,
                               const folio_node *next, folio_error *err)
{
    if (node->parent != NULL || node->type == FOLIO_NODE_DOCUMENT)
        return folio_error_set(err, FOLIO_ERR_TREE,
                               "cannot link %s %s that is already in a tree",
                               folio_article(folio_node_type_name(node->type)),
                               folio_node_type_name(node->type));
    if (node->doc != parent->doc)
        return folio_error_set(err, FOLIO_ERR_TREE,
                               "cannot link %s %s from another document",
                               folio_article(folio_node_type_name(node->type)),
                               folio_node_type_name(node->type));
    if (is_ancestor_or_self(node, parent))
        return folio_error_set(err, FOLIO_ERR_TREE,
                               "cannot link %s %s inside itself",
                               folio_article(folio_node_type_name(node->type)),
                               folio_node_type_name(node->type));
    return folio_node_check_placement(parent, node, previous, next, err);
}

/* Links node into parent between previous and next, already checked. */
static void link_between(folio_node *parent, folio_node *node,
                         folio_node *previous, folio_node *next)
{
    node->parent = parent;
    node->previous = previous;
    node->next = next;
    if (previous != NULL)
        previous->next = node;
    else
        parent->first_child = node;
    if (next != NULL)
        next->previous = node;
    else
        parent->last_child = node;
}

static folio_status link_checked(folio_node *parent, folio_node *node,
                                 folio_node *previous, folio_node *next,
                                 folio_error *err)
{
    folio_status status = check_link(parent, node, previous, next, err);
    if (status == FOLIO_OK)
        link_between(parent, node, previous, next);
    return status;
}

folio_status folio_node_append(folio_node *parent, folio_node *child,
                               folio_error *err)
{
    return link_checked(parent, child, parent->last_child, NULL, err);
}

folio_status folio_node_prepend(folio_node *parent, folio_node *child,
                                folio_error *err)
{
    return link_checked(parent, child, NULL, parent->first_child, err);
}

static folio_status require_parent(const folio_node *sibling, folio_error *err)
{
    if (sibling->parent == NULL)
        return folio_error_set(err, FOLIO_ERR_TREE,
                               "cannot link beside %s %s that has no parent",
                               folio_article(folio_node_type_name(sibling->type)),
                               folio_node_type_name(sibling->type));
    return FOLIO_OK;
}

folio_status folio_node_insert_before(folio_node *sibling, folio_node *node,
                                      folio_error *err)
{
    folio_status status = require_parent(sibling, err);
    if (status != FOLIO_OK)
        return status;
    return link_checked(sibling->parent, node, sibling->previous, sibling,
                        err);
}

folio_status folio_node_insert_after(folio_node *sibling, folio_node *node,
                                     folio_error *err)
{
    folio_status status = require_parent(sibling, err);
    if (status != FOLIO_OK)
        return status;
    return link_checked(sibling->parent, node, sibling, sibling->next, err);
}

void folio_node_unlink(folio_node *node)
{
    folio_node *parent = node->parent;
    if (parent == NULL)
        return;
    if (node->previous != NULL)
        node->previous->next = node->next;
    else
        parent->first_child = node->next;
    if (node->next != NULL)
        node->next->previous = node->previous;
    else
        parent->last_child = node->previous;
    node->parent = node->previous = node->next = NULL;
}

folio_node_type folio_node_get_type(const folio_node *node)
{
    return node->type;
}

folio_doc *folio_node_doc(const folio_node *node)
{
    return node->doc;
}

folio_node *folio_node_parent(const folio_node *node)
{
    return node->parent;
}

folio_node *folio_node_first_child(const folio_node *node)
{
    return node->first_child;
}

folio_node *folio_node_last_child(const folio_node *node)
{
    return node->last_child;
}

folio_node *folio_node_next(const folio_node *node)
{
    return node->next;
}

folio_node *folio_node_previous(const folio_node *node)
{
    return node->previous;
}

bool folio_walk_next(const folio_node *root, folio_node **node,
                     folio_walk_event *event)
{
    folio_node *current = *node;
    if (*event == FOLIO_WALK_NONE) {
        *event = FOLIO_WALK_ENTER;
        return true;
    }
    bool container = folio_node_type_is_container(current->type);
    if (*event == FOLIO_WALK_ENTER && container) {
        if (current->first_child != NULL) {
            *node = current->first_child;
            return true;
        }
        *event = FOLIO_WALK_EXIT;
        return true;
    }
    /* Leaving current (an EXIT, or a leaf's ENTER). */
    if (current == root)
        return false;
    if (current->next != NULL) {
        *node = current->next;
        *event = FOLIO_WALK_ENTER;
        return true;
    }
    if (current->parent == NULL)
        return false;
    *node = current->parent;
    *event = FOLIO_WALK_EXIT;
    return true;
}

folio_pos folio_node_position(const folio_node *node)
{
    return node->pos;
}

void folio_node_set_position(folio_node *node, folio_pos pos)
{
    node->pos = pos;
}
