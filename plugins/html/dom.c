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

/* Takes borrowed text off the nodes under root (root included), so that
 * libxml2 frees them without freeing what is not theirs. */
static void unborrow(xmlNode *root)
{
    for (xmlNode *n = root; n != NULL; n = html_next(root, n, false))
        if (n->type == XML_TEXT_NODE && n->extra == HTML_TEXT_BORROWED) {
            n->content = NULL;
            n->extra = 0;
        }
}

void html_free_node(xmlNode *node)
{
    xmlUnlinkNode(node);
    unborrow(node);
    xmlFreeNode(node);
}

void html_free_doc(xmlDoc *doc)
{
    if (doc == NULL)
        return;
    unborrow((xmlNode *)doc);
    xmlFreeDoc(doc);
}

xmlNode *html_find(const xmlNode *root, const char *name)
{
    for (xmlNode *n = (xmlNode *)root; n != NULL; n = html_next(root, n, false))
        if (html_is(n, name))
            return n;
    return NULL;
}

typedef struct tag_name {
    const char *name;
    html_tag tag;
} tag_name;

/* Sorted by name (strcmp order): html_tag_of searches it by halves. */
static const tag_name tag_names[] = {
    {"a", HTML_TAG_A}, {"abbr", HTML_TAG_ABBR}, {"address", HTML_TAG_ADDRESS},
    {"article", HTML_TAG_ARTICLE}, {"aside", HTML_TAG_ASIDE},
    {"audio", HTML_TAG_AUDIO}, {"b", HTML_TAG_B}, {"base", HTML_TAG_BASE},
    {"bdi", HTML_TAG_BDI}, {"bdo", HTML_TAG_BDO}, {"big", HTML_TAG_BIG},
    {"blockquote", HTML_TAG_BLOCKQUOTE}, {"body", HTML_TAG_BODY},
    {"br", HTML_TAG_BR}, {"button", HTML_TAG_BUTTON},
    {"canvas", HTML_TAG_CANVAS}, {"cite", HTML_TAG_CITE},
    {"code", HTML_TAG_CODE}, {"data", HTML_TAG_DATA},
    {"datalist", HTML_TAG_DATALIST}, {"dd", HTML_TAG_DD},
    {"del", HTML_TAG_DEL}, {"dfn", HTML_TAG_DFN}, {"dialog", HTML_TAG_DIALOG},
    {"div", HTML_TAG_DIV}, {"dl", HTML_TAG_DL}, {"dt", HTML_TAG_DT},
    {"em", HTML_TAG_EM}, {"embed", HTML_TAG_EMBED},
    {"fieldset", HTML_TAG_FIELDSET}, {"figcaption", HTML_TAG_FIGCAPTION},
    {"figure", HTML_TAG_FIGURE}, {"font", HTML_TAG_FONT},
    {"footer", HTML_TAG_FOOTER}, {"form", HTML_TAG_FORM}, {"h1", HTML_TAG_H1},
    {"h2", HTML_TAG_H2}, {"h3", HTML_TAG_H3}, {"h4", HTML_TAG_H4},
    {"h5", HTML_TAG_H5}, {"h6", HTML_TAG_H6}, {"head", HTML_TAG_HEAD},
    {"header", HTML_TAG_HEADER}, {"html", HTML_TAG_HTML}, {"i", HTML_TAG_I},
    {"iframe", HTML_TAG_IFRAME}, {"img", HTML_TAG_IMG},
    {"input", HTML_TAG_INPUT}, {"ins", HTML_TAG_INS}, {"kbd", HTML_TAG_KBD},
    {"label", HTML_TAG_LABEL}, {"li", HTML_TAG_LI}, {"link", HTML_TAG_LINK},
    {"main", HTML_TAG_MAIN}, {"map", HTML_TAG_MAP}, {"mark", HTML_TAG_MARK},
    {"math", HTML_TAG_MATH}, {"menu", HTML_TAG_MENU}, {"meta", HTML_TAG_META},
    {"nav", HTML_TAG_NAV}, {"nobr", HTML_TAG_NOBR},
    {"noembed", HTML_TAG_NOEMBED}, {"noframes", HTML_TAG_NOFRAMES},
    {"noscript", HTML_TAG_NOSCRIPT}, {"object", HTML_TAG_OBJECT},
    {"ol", HTML_TAG_OL}, {"option", HTML_TAG_OPTION}, {"p", HTML_TAG_P},
    {"pre", HTML_TAG_PRE}, {"q", HTML_TAG_Q}, {"s", HTML_TAG_S},
    {"samp", HTML_TAG_SAMP}, {"script", HTML_TAG_SCRIPT},
    {"section", HTML_TAG_SECTION}, {"select", HTML_TAG_SELECT},
    {"small", HTML_TAG_SMALL}, {"span", HTML_TAG_SPAN},
    {"strike", HTML_TAG_STRIKE}, {"strong", HTML_TAG_STRONG},
    {"style", HTML_TAG_STYLE}, {"sub", HTML_TAG_SUB}, {"sup", HTML_TAG_SUP},
    {"svg", HTML_TAG_SVG}, {"table", HTML_TAG_TABLE}, {"td", HTML_TAG_TD},
    {"template", HTML_TAG_TEMPLATE}, {"textarea", HTML_TAG_TEXTAREA},
    {"th", HTML_TAG_TH}, {"time", HTML_TAG_TIME}, {"title", HTML_TAG_TITLE},
    {"tt", HTML_TAG_TT}, {"u", HTML_TAG_U}, {"ul", HTML_TAG_UL},
    {"var", HTML_TAG_VAR}, {"video", HTML_TAG_VIDEO}, {"wbr", HTML_TAG_WBR},
};

enum { TAG_NEVER_SHOWN = 1, TAG_INLINE = 2 };

/* What a browser does with each tag's element, by tag. */
static const unsigned char tag_flags[HTML_TAG_COUNT] = {
    [HTML_TAG_A] = TAG_INLINE, [HTML_TAG_ABBR] = TAG_INLINE,
    [HTML_TAG_AUDIO] = TAG_NEVER_SHOWN, [HTML_TAG_B] = TAG_INLINE,
    [HTML_TAG_BDI] = TAG_INLINE, [HTML_TAG_BDO] = TAG_INLINE,
    [HTML_TAG_BIG] = TAG_INLINE, [HTML_TAG_BUTTON] = TAG_NEVER_SHOWN,
    [HTML_TAG_CANVAS] = TAG_NEVER_SHOWN, [HTML_TAG_CITE] = TAG_INLINE,
    [HTML_TAG_CODE] = TAG_INLINE, [HTML_TAG_DATA] = TAG_INLINE,
    [HTML_TAG_DATALIST] = TAG_NEVER_SHOWN, [HTML_TAG_DEL] = TAG_INLINE,
    [HTML_TAG_DFN] = TAG_INLINE, [HTML_TAG_EM] = TAG_INLINE,
    [HTML_TAG_EMBED] = TAG_NEVER_SHOWN, [HTML_TAG_FONT] = TAG_INLINE,
    [HTML_TAG_HEAD] = TAG_NEVER_SHOWN, [HTML_TAG_I] = TAG_INLINE,
    [HTML_TAG_IFRAME] = TAG_NEVER_SHOWN, [HTML_TAG_IMG] = TAG_INLINE,
    [HTML_TAG_INPUT] = TAG_NEVER_SHOWN, [HTML_TAG_INS] = TAG_INLINE,
    [HTML_TAG_KBD] = TAG_INLINE, [HTML_TAG_LABEL] = TAG_INLINE,
    [HTML_TAG_MAP] = TAG_NEVER_SHOWN, [HTML_TAG_MARK] = TAG_INLINE,
    [HTML_TAG_MATH] = TAG_NEVER_SHOWN, [HTML_TAG_NOBR] = TAG_INLINE,
    [HTML_TAG_NOEMBED] = TAG_NEVER_SHOWN,
    [HTML_TAG_NOFRAMES] = TAG_NEVER_SHOWN,
    [HTML_TAG_NOSCRIPT] = TAG_NEVER_SHOWN,
    [HTML_TAG_OBJECT] = TAG_NEVER_SHOWN, [HTML_TAG_OPTION] = TAG_NEVER_SHOWN,
    [HTML_TAG_Q] = TAG_INLINE, [HTML_TAG_S] = TAG_INLINE,
    [HTML_TAG_SAMP] = TAG_INLINE, [HTML_TAG_SCRIPT] = TAG_NEVER_SHOWN,
    [HTML_TAG_SELECT] = TAG_NEVER_SHOWN, [HTML_TAG_SMALL] = TAG_INLINE,
    [HTML_TAG_SPAN] = TAG_INLINE, [HTML_TAG_STRIKE] = TAG_INLINE,
    [HTML_TAG_STRONG] = TAG_INLINE, [HTML_TAG_STYLE] = TAG_NEVER_SHOWN,
    [HTML_TAG_SUB] = TAG_INLINE, [HTML_TAG_SUP] = TAG_INLINE,
    [HTML_TAG_SVG] = TAG_NEVER_SHOWN, [HTML_TAG_TEMPLATE] = TAG_NEVER_SHOWN,
    [HTML_TAG_TEXTAREA] = TAG_NEVER_SHOWN, [HTML_TAG_TIME] = TAG_INLINE,
    [HTML_TAG_TITLE] = TAG_NEVER_SHOWN, [HTML_TAG_TT] = TAG_INLINE,
    [HTML_TAG_U] = TAG_INLINE, [HTML_TAG_VAR] = TAG_INLINE,
    [HTML_TAG_VIDEO] = TAG_NEVER_SHOWN, [HTML_TAG_WBR] = TAG_INLINE,
};

html_tag html_tag_of(const xmlNode *node)
{
    if (node == NULL || node->type != XML_ELEMENT_NODE)
        return HTML_TAG_OTHER;
    const unsigned char *name = (const unsigned char *)node->name;
    size_t low = 0, high = sizeof tag_names / sizeof tag_names[0];
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        const unsigned char *entry =
            (const unsigned char *)tag_names[middle].name;
        /* The first byte tells most names apart without a call. */
        int order = name[0] != entry[0] ? name[0] - entry[0]
                                        : strcmp((const char *)name,
                                                 (const char *)entry);
        if (order == 0)
            return tag_names[middle].tag;
        if (order < 0)
            high = middle;
        else
            low = middle + 1;
    }
    return HTML_TAG_OTHER;
}

bool html_tag_never_shown(html_tag tag)
{
    return (tag_flags[tag] & TAG_NEVER_SHOWN) != 0;
}

bool html_tag_is_inline(html_tag tag)
{
    return (tag_flags[tag] & TAG_INLINE) != 0;
}

bool html_never_shown(const xmlNode *node)
{
    return html_tag_never_shown(html_tag_of(node));
}

bool html_is_inline(const xmlNode *node)
{
    return node->type != XML_ELEMENT_NODE ||
           html_tag_is_inline(html_tag_of(node));
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

bool html_buf_reserve(html_buf *buf, size_t len)
{
    if (buf->failed)
        return false;
    if (len <= buf->cap - buf->len)
        return true;
    size_t cap = buf->cap == 0 ? 256 : buf->cap;
    while (cap - buf->len < len) {
        if (cap > SIZE_MAX / 2) {
            buf->failed = true;
            return false;
        }
        cap *= 2;
    }
    char *data = realloc(buf->data, cap);
    if (data == NULL) {
        buf->failed = true;
        return false;
    }
    buf->data = data;
    buf->cap = cap;
    return true;
}

void html_buf_add(html_buf *buf, const char *s, size_t len)
{
    if (len == 0 || !html_buf_reserve(buf, len))
        return;
    memcpy(buf->data + buf->len, s, len);
    buf->len += len;
}

void html_buf_add_collapsed(html_buf *buf, const char *s, size_t len)
{
    if (len == 0 || !html_buf_reserve(buf, len))
        return;
    char *out = buf->data + buf->len;
    for (size_t i = 0; i < len;) {
        char c = s[i++];
        if (!html_is_space((unsigned char)c)) {
            *out++ = c;
            continue;
        }
        *out++ = ' ';
        while (i < len && html_is_space((unsigned char)s[i]))
            i++;
    }
    buf->len = (size_t)(out - buf->data);
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
            size_t len;
            const char *text = html_text(n, &len);
            html_buf_add(buf, text, len);
        } else if (n->type == XML_ELEMENT_NODE) {
            html_tag tag = html_tag_of(n);
            skip = entering && n != root && html_tag_never_shown(tag);
            if (!html_tag_is_inline(tag) || tag == HTML_TAG_BR)
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
