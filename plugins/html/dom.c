/* Small helpers over libxml2's DOM that every stage of the reader uses. */
#include "html.h"

#include <stdlib.h>
#include <string.h>

folio_status html_nomem(folio_error *err)
{
    return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
}

bool html_is(const xmlNode *node, const char *name)
{
    return node != NULL && node->type == XML_ELEMENT_NODE &&
           strcmp((const char *)node->name, name) == 0;
}

const char *html_attr(const xmlNode *node, const char *name)
{
    if (node == NULL || node->type != XML_ELEMENT_NODE)
        return NULL;
    for (const xmlAttr *a = node->properties; a != NULL; a = a->next) {
        if (strcmp((const char *)a->name, name) != 0)
            continue;
        /* The HTML parser gives a value as one text child, or none when
         * the value is empty. */
        if (a->children == NULL)
            return "";
        if (a->children->type == XML_TEXT_NODE && a->children->next == NULL)
            return (const char *)a->children->content;
        return NULL;
    }
    return NULL;
}

/* Whether the walks descend into node: elements and documents. */
static bool is_branch(const xmlNode *node)
{
    return node->type == XML_ELEMENT_NODE ||
           node->type == XML_HTML_DOCUMENT_NODE ||
           node->type == XML_DOCUMENT_NODE;
}

xmlNode *html_next(const xmlNode *root, const xmlNode *node,
                   bool skip_children)
{
    if (!skip_children && node->children != NULL && is_branch(node))
        return node->children;
    while (node != root) {
        if (node->next != NULL)
            return node->next;
        node = node->parent;
    }
    return NULL;
}

bool html_walk_next(const xmlNode *root, xmlNode **node, bool *entering,
                    bool skip_children)
{
    xmlNode *n = *node;
    if (n == NULL) {
        *node = (xmlNode *)root;
        *entering = true;
        return true;
    }
    if (*entering && is_branch(n)) {
        if (!skip_children && n->children != NULL)
            *node = n->children;
        else
            *entering = false;
        return true;
    }
    if (n == root)
        return false;
    if (n->next != NULL) {
        *node = n->next;
        *entering = true;
    } else {
        *node = n->parent;
        *entering = false;
    }
    return true;
}

xmlNode *html_find(const xmlNode *root, const char *name)
{
    for (xmlNode *n = (xmlNode *)root; n != NULL; n = html_next(root, n, false))
        if (html_is(n, name))
            return n;
    return NULL;
}

bool html_never_shown(const xmlNode *node)
{
    static const char *const names[] = {
        "audio", "button", "canvas", "datalist", "embed", "head", "iframe",
        "input", "map", "math", "noembed", "noframes", "noscript", "object",
        "option", "script", "select", "style", "svg", "template", "textarea",
        "title", "video", NULL,
    };
    if (node->type != XML_ELEMENT_NODE)
        return false;
    for (size_t i = 0; names[i] != NULL; i++)
        if (strcmp((const char *)node->name, names[i]) == 0)
            return true;
    return false;
}

bool html_is_inline(const xmlNode *node)
{
    static const char *const names[] = {
        "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del",
        "dfn", "em", "font", "i", "img", "ins", "kbd", "label", "mark",
        "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub",
        "sup", "time", "tt", "u", "var", "wbr", NULL,
    };
    if (node->type != XML_ELEMENT_NODE)
        return true;
    for (size_t i = 0; names[i] != NULL; i++)
        if (strcmp((const char *)node->name, names[i]) == 0)
            return true;
    return false;
}

int html_attr_int(const xmlNode *node, const char *name, int fallback,
                  int max)
{
    const char *s = html_attr(node, name);
    if (s == NULL)
        return fallback;
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || v < 0)
        return fallback;
    return v > max ? max : (int)v;
}

void html_buf_add(html_buf *buf, const char *s, size_t len)
{
    if (buf->failed || len == 0)
        return;
    if (len > buf->cap - buf->len) {
        size_t cap = buf->cap == 0 ? 256 : buf->cap;
        while (cap - buf->len < len) {
            if (cap > SIZE_MAX / 2) {
                buf->failed = true;
                return;
            }
            cap *= 2;
        }
        char *data = realloc(buf->data, cap);
        if (data == NULL) {
            buf->failed = true;
            return;
        }
        buf->data = data;
        buf->cap = cap;
    }
    memcpy(buf->data + buf->len, s, len);
    buf->len += len;
}

void html_buf_free(html_buf *buf)
{
    free(buf->data);
    *buf = (html_buf){0};
}

void html_text_content(const xmlNode *root, html_buf *buf)
{
    size_t start = buf->len;
    xmlNode *n = NULL;
    bool entering = false, skip = false;
    while (html_walk_next(root, &n, &entering, skip)) {
        skip = false;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content != NULL)
                html_buf_add(buf, (const char *)n->content,
                             strlen((const char *)n->content));
        } else if (n->type == XML_ELEMENT_NODE) {
            skip = entering && n != root && html_never_shown(n);
            if (!html_is_inline(n) || html_is(n, "br"))
                html_buf_add(buf, " ", 1);
        }
    }
    if (!buf->failed)
        buf->len = start + html_collapse_space(buf->data + start,
                                               buf->len - start);
}

size_t html_collapse_space(char *s, size_t len)
{
    size_t out = 0;
    bool space = false;
    for (size_t i = 0; i < len; i++) {
        if (html_is_space((unsigned char)s[i])) {
            space = out > 0;
            continue;
        }
        if (space)
            s[out++] = ' ';
        space = false;
        s[out++] = s[i];
    }
    return out;
}
