/* Helpers shared by the text plugin's tests. */
#include "text_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

folio_registry *registry;
const folio_format *text_format;
const folio_format *json_format;

void setup(void)
{
    registry = folio_test_registry();
    text_format = folio_test_format(registry, "text", FOLIO_ROLE_ANY);
    json_format = folio_test_format(registry, "json", FOLIO_ROLE_ANY);
}

void teardown(void)
{
    folio_registry_free(registry);
    registry = NULL;
    text_format = json_format = NULL;
}

folio_doc *read_ok(const char *data, size_t len, const folio_options *o)
{
    return folio_test_read(text_format, data, len, o);
}

folio_doc *read_str(const char *s)
{
    return read_ok(s, strlen(s), NULL);
}

folio_error read_fails(const char *data, size_t len, const folio_options *o,
                       folio_status code)
{
    return folio_test_read_fails(text_format, data, len, o, code);
}

char *write_text(const folio_doc *doc, const folio_options *o)
{
    return folio_test_write(text_format, doc, o, NULL);
}

/* A growable string for the outline. */
typedef struct str {
    char *data;
    size_t len;
    size_t cap;
} str;

static void str_add(str *s, const char *text)
{
    size_t n = strlen(text);
    if (s->len + n + 1 > s->cap) {
        s->cap = (s->len + n + 1) * 2;
        s->data = realloc(s->data, s->cap);
        ck_assert_ptr_nonnull(s->data);
    }
    memcpy(s->data + s->len, text, n + 1);
    s->len += n;
}

static void outline_into(str *s, const folio_node *parent)
{
    char item[64];
    for (const folio_node *n = folio_node_first_child(parent); n != NULL;
         n = folio_node_next(n)) {
        if (n != folio_node_first_child(parent))
            str_add(s, " ");
        switch (folio_node_get_type(n)) {
        case FOLIO_NODE_PARAGRAPH:
            str_add(s, "p");
            break;
        case FOLIO_NODE_HEADING:
            snprintf(item, sizeof item, "h%d", folio_node_heading_level(n));
            str_add(s, item);
            break;
        case FOLIO_NODE_LIST:
            snprintf(item, sizeof item, "%s%zu",
                     folio_node_list_type(n) == FOLIO_LIST_ORDERED ? "ol"
                                                                   : "ul",
                     child_count(n));
            str_add(s, item);
            break;
        case FOLIO_NODE_BLOCK_QUOTE:
            str_add(s, "q{");
            outline_into(s, n);
            str_add(s, "}");
            break;
        case FOLIO_NODE_CODE_BLOCK:
            str_add(s, "code");
            break;
        case FOLIO_NODE_THEMATIC_BREAK:
            str_add(s, "hr");
            break;
        case FOLIO_NODE_TABLE:
            str_add(s, "table");
            break;
        case FOLIO_NODE_HTML_BLOCK:
            str_add(s, "html");
            break;
        case FOLIO_NODE_FIGURE:
            str_add(s, "figure");
            break;
        default:
            str_add(s, folio_node_type_name(folio_node_get_type(n)));
            break;
        }
    }
}

char *outline(const folio_node *parent)
{
    str s = {0};
    str_add(&s, "");
    outline_into(&s, parent);
    return s.data;
}

char *doc_outline(const folio_doc *doc)
{
    return outline(folio_doc_root(doc));
}

char *node_text(const folio_node *root)
{
    str s = {0};
    str_add(&s, "");
    folio_node *node = (folio_node *)root;
    folio_walk_event event = FOLIO_WALK_NONE;
    while (folio_walk_next(root, &node, &event)) {
        if (event != FOLIO_WALK_ENTER)
            continue;
        switch (folio_node_get_type(node)) {
        case FOLIO_NODE_TEXT:
        case FOLIO_NODE_CODE:
        case FOLIO_NODE_CODE_BLOCK:
            str_add(&s, folio_node_literal(node, NULL));
            break;
        case FOLIO_NODE_SOFT_BREAK:
            str_add(&s, " ");
            break;
        case FOLIO_NODE_LINE_BREAK:
            str_add(&s, "\n");
            break;
        default:
            break;
        }
    }
    return s.data;
}

folio_node *child_at(const folio_node *parent, size_t index)
{
    folio_node *n = folio_node_first_child(parent);
    while (n != NULL && index-- > 0)
        n = folio_node_next(n);
    return n;
}

size_t child_count(const folio_node *parent)
{
    size_t count = 0;
    for (folio_node *n = folio_node_first_child(parent); n != NULL;
         n = folio_node_next(n))
        count++;
    return count;
}

size_t count_type(const folio_node *root, folio_node_type type)
{
    size_t count = 0;
    folio_node *node = (folio_node *)root;
    folio_walk_event event = FOLIO_WALK_NONE;
    while (folio_walk_next(root, &node, &event))
        if (event == FOLIO_WALK_ENTER && folio_node_get_type(node) == type)
            count++;
    return count;
}

const char *doc_title(const folio_doc *doc)
{
    return folio_meta_get_string(doc, "title");
}
