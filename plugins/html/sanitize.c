/*
 * The sanitizer for raw HTML in the writer's input.
 *
 * Raw HTML is parsed as pages are (parse.c) and written again from the
 * parsed tree, by an allow list: known-harmless elements keep the
 * known-harmless attributes; elements that run code, load other documents,
 * take input or hold raw text (script, style, iframe, object, embed, form,
 * svg, math, template, noscript...) go with their whole content; any other
 * element is replaced by its content. URL attributes lose a dangerous scheme
 * (url.c). Because the output is written from a tree, and all text and
 * attribute values are escaped, what a browser parses is what was checked:
 * no comment, CDATA or raw-text trick survives the round trip.
 *
 * CommonMark cuts inline raw HTML into single tags. Inside a paragraph
 * only phrasing elements stay (a <div> there would make the browser end
 * the paragraph). An opening tag is checked on its own and remembered; its closing tag is written only if it
 * closes a tag written before at the same level, and whatever is still
 * open at the end of the enclosing element is closed, so the page stays
 * balanced.
 */
#include "html.h"

#include <stdlib.h>
#include <string.h>

typedef enum verdict { UNWRAP, KEEP, DROP } verdict;

typedef struct element_rule {
    const char *name;
    verdict verdict;
    bool is_void;
    bool phrasing;  /* may stand inside a paragraph */
    /* Attributes allowed besides the global ones, space-separated. */
    const char *attrs;
} element_rule;

/* Sorted by name, for bsearch. */
static const element_rule rules[] = {
    {"a", KEEP, false, true, "href"},
    {"abbr", KEEP, false, true, ""},
    {"address", KEEP, false, false, ""},
    {"applet", DROP, false, false, ""},
    {"article", KEEP, false, false, ""},
    {"aside", KEEP, false, false, ""},
    {"audio", DROP, false, false, ""},
    {"b", KEEP, false, true, ""},
    {"base", DROP, false, false, ""},
    {"bdi", KEEP, false, true, ""},
    {"bdo", KEEP, false, true, ""},
    {"blockquote", KEEP, false, false, "cite"},
    {"br", KEEP, true, true, ""},
    {"button", DROP, false, false, ""},
    {"canvas", DROP, false, false, ""},
    {"caption", KEEP, false, false, ""},
    {"cite", KEEP, false, true, ""},
    {"code", KEEP, false, true, ""},
    {"col", KEEP, true, false, "span"},
    {"colgroup", KEEP, false, false, "span"},
    {"dd", KEEP, false, false, ""},
    {"del", KEEP, false, true, "cite datetime"},
    {"details", KEEP, false, false, "open"},
    {"dfn", KEEP, false, true, ""},
    {"div", KEEP, false, false, ""},
    {"dl", KEEP, false, false, ""},
    {"dt", KEEP, false, false, ""},
    {"em", KEEP, false, true, ""},
    {"embed", DROP, false, false, ""},
    {"figcaption", KEEP, false, false, ""},
    {"figure", KEEP, false, false, ""},
    {"footer", KEEP, false, false, ""},
    {"form", DROP, false, false, ""},
    {"frame", DROP, false, false, ""},
    {"frameset", DROP, false, false, ""},
    {"h1", KEEP, false, false, ""},
    {"h2", KEEP, false, false, ""},
    {"h3", KEEP, false, false, ""},
    {"h4", KEEP, false, false, ""},
    {"h5", KEEP, false, false, ""},
    {"h6", KEEP, false, false, ""},
    {"head", DROP, false, false, ""},
    {"header", KEEP, false, false, ""},
    {"hr", KEEP, true, false, ""},
    {"i", KEEP, false, true, ""},
    {"iframe", DROP, false, false, ""},
    {"img", KEEP, true, true, "src alt width height"},
    {"input", DROP, false, false, ""},
    {"ins", KEEP, false, true, "cite datetime"},
    {"kbd", KEEP, false, true, ""},
    {"li", KEEP, false, false, "value"},
    {"link", DROP, false, false, ""},
    {"main", KEEP, false, false, ""},
    {"mark", KEEP, false, true, ""},
    {"math", DROP, false, false, ""},
    {"meta", DROP, false, false, ""},
    {"nav", KEEP, false, false, ""},
    {"noembed", DROP, false, false, ""},
    {"noframes", DROP, false, false, ""},
    {"noscript", DROP, false, false, ""},
    {"object", DROP, false, false, ""},
    {"ol", KEEP, false, false, "start reversed type"},
    {"p", KEEP, false, false, ""},
    {"param", DROP, false, false, ""},
    {"plaintext", DROP, false, false, ""},
    {"pre", KEEP, false, false, ""},
    {"q", KEEP, false, true, "cite"},
    {"rp", KEEP, false, true, ""},
    {"rt", KEEP, false, true, ""},
    {"ruby", KEEP, false, true, ""},
    {"s", KEEP, false, true, ""},
    {"samp", KEEP, false, true, ""},
    {"script", DROP, false, false, ""},
    {"section", KEEP, false, false, ""},
    {"select", DROP, false, false, ""},
    {"small", KEEP, false, true, ""},
    {"source", DROP, false, false, ""},
    {"span", KEEP, false, true, ""},
    {"strike", KEEP, false, true, ""},
    {"strong", KEEP, false, true, ""},
    {"style", DROP, false, false, ""},
    {"sub", KEEP, false, true, ""},
    {"summary", KEEP, false, false, ""},
    {"sup", KEEP, false, true, ""},
    {"svg", DROP, false, false, ""},
    {"table", KEEP, false, false, ""},
    {"tbody", KEEP, false, false, ""},
    {"td", KEEP, false, false, "colspan rowspan align"},
    {"template", DROP, false, false, ""},
    {"textarea", DROP, false, false, ""},
    {"tfoot", KEEP, false, false, ""},
    {"th", KEEP, false, false, "colspan rowspan align scope"},
    {"thead", KEEP, false, false, ""},
    {"time", KEEP, false, true, "datetime"},
    {"title", DROP, false, false, ""},
    {"tr", KEEP, false, false, ""},
    {"track", DROP, false, false, ""},
    {"u", KEEP, false, true, ""},
    {"ul", KEEP, false, false, ""},
    {"var", KEEP, false, true, ""},
    {"video", DROP, false, false, ""},
    {"wbr", KEEP, true, true, ""},
    {"xmp", DROP, false, false, ""},
};

/* Attributes any kept element may have. style is not one: CSS can load
 * URLs and overlay the page. */
static const char global_attrs[] = "class title lang dir";

static int compare_rule(const void *key, const void *rule)
{
    return strcmp(key, ((const element_rule *)rule)->name);
}

static const element_rule *rule_for(const char *name)
{
    return bsearch(name, rules, sizeof rules / sizeof rules[0],
                   sizeof rules[0], compare_rule);
}

/* Whether name is a word of the space-separated list. */
static bool in_words(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; *p != '\0';) {
        const char *end = strchr(p, ' ');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        if (len == n && memcmp(p, name, n) == 0)
            return true;
        p += len;
        while (*p == ' ')
            p++;
    }
    return false;
}

static bool is_url_attr(const char *name)
{
    return strcmp(name, "href") == 0 || strcmp(name, "src") == 0 ||
           strcmp(name, "cite") == 0;
}

static void write_open_tag(html_out *out, const xmlNode *element,
                           const element_rule *rule)
{
    html_out_puts(out, "<");
    html_out_puts(out, rule->name);
    for (const xmlAttr *a = element->properties; a != NULL; a = a->next) {
        const char *name = (const char *)a->name;
        if (!in_words(global_attrs, name) && !in_words(rule->attrs, name))
            continue;
        const char *value = html_attr(element, name);
        if (value == NULL)
            continue;
        if (is_url_attr(name) && !html_url_is_safe(value, strlen(value)))
            continue;
        html_out_puts(out, " ");
        html_out_puts(out, name);
        html_out_puts(out, "=\"");
        html_out_escaped(out, value, strlen(value));
        html_out_puts(out, "\"");
    }
    html_out_puts(out, rule->is_void ? " />" : ">");
}

static void write_close_tag(html_out *out, const char *name)
{
    html_out_puts(out, "</");
    html_out_puts(out, name);
    html_out_puts(out, ">");
}

/* Parses len bytes of raw HTML (any bytes) into *dom, or NULL when there is
 * nothing in it. */
static folio_status parse_raw(const char *html, size_t len, xmlDoc **dom,
                              folio_error *err)
{
    html_utf8 clean;
    HTML_TRY(html_decode(html, len, "utf-8", &clean, err));
    /* Copies: a piece of raw HTML is small, and clean goes now. */
    folio_status status = html_parse(clean.data, clean.len, false, dom, err);
    free(clean.owned);
    return status;
}

/* Writes the kept part of the tree under root; inside a paragraph, only
 * phrasing elements are kept (a block there would make browsers close the
 * paragraph and rebuild the page around it). */
static void write_tree(html_out *out, const xmlNode *root, bool in_paragraph)
{
    xmlNode *node = NULL;
    bool entering = false, skip = false;
    while (html_walk_next(root, &node, &entering, skip)) {
        skip = false;
        if (node->type == XML_TEXT_NODE ||
            node->type == XML_CDATA_SECTION_NODE) {
            size_t len;
            const char *text = html_text(node, &len);
            html_out_escaped(out, text, len);
            continue;
        }
        if (node->type != XML_ELEMENT_NODE)
            continue;
        const element_rule *rule = rule_for((const char *)node->name);
        verdict v = rule != NULL ? rule->verdict : UNWRAP;
        if (v == KEEP && in_paragraph && !rule->phrasing)
            v = UNWRAP;
        if (v == DROP || (v == KEEP && rule->is_void)) {
            skip = entering;
            if (entering && v == KEEP)
                write_open_tag(out, node, rule);
        } else if (v == KEEP) {
            if (entering)
                write_open_tag(out, node, rule);
            else
                write_close_tag(out, rule->name);
        }
    }
}

folio_status html_sanitize_block(html_out *out, const char *html, size_t len,
                                 folio_error *err)
{
    xmlDoc *dom;
    HTML_TRY(parse_raw(html, len, &dom, err));
    if (dom == NULL)
        return FOLIO_OK;
    const xmlNode *root = xmlDocGetRootElement(dom);
    if (root != NULL)
        write_tree(out, root, false);
    html_free_doc(dom);
    return FOLIO_OK;
}

/* The lower-case name of the closing tag "</name>" in s, or false. */
static bool closing_tag_name(const char *s, size_t len, char *name,
                             size_t size)
{
    if (len < 3 || s[0] != '<' || s[1] != '/')
        return false;
    size_t i = 2, n = 0;
    for (; i < len; i++) {
        char c = s[i];
        bool name_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '-';
        if (!name_char)
            break;
        if (n + 1 >= size)
            return false;
        name[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    while (i < len && html_is_space((unsigned char)s[i]))
        i++;
    name[n] = '\0';
    return n > 0 && i == len - 1 && s[i] == '>';
}

/* Whether s is one opening tag: "<x ...>" with no other tag inside. */
static bool is_single_tag(const char *s, size_t len)
{
    if (len < 3 || s[0] != '<' || s[len - 1] != '>' || s[1] == '/' ||
        s[1] == '!' || s[1] == '?')
        return false;
    return memchr(s + 1, '<', len - 1) == NULL;
}

/* The element a single-tag fragment parsed into: the first that the
 * parser did not imply. */
static const xmlNode *tag_element(const xmlDoc *dom)
{
    const xmlNode *root = xmlDocGetRootElement(dom);
    for (const xmlNode *n = root; n != NULL; n = html_next(root, n, false))
        if (n->type == XML_ELEMENT_NODE && !html_is(n, "html") &&
            !html_is(n, "body") && !html_is(n, "head"))
            return n;
    return NULL;
}

folio_status html_sanitize_inline(html_out *out, const char *html, size_t len,
                                  html_raw_stack *stack, int level,
                                  folio_error *err)
{
    char name[sizeof stack->names[0]];
    if (closing_tag_name(html, len, name, sizeof name)) {
        int i = stack->depth;
        while (i > 0 && stack->levels[i - 1] == level &&
               strcmp(stack->names[i - 1], name) != 0)
            i--;
        if (i == 0 || stack->levels[i - 1] != level)
            return FOLIO_OK;  /* closes nothing we opened */
        while (stack->depth >= i) {
            stack->depth--;
            write_close_tag(out, stack->names[stack->depth]);
        }
        return FOLIO_OK;
    }
    if (len > 0 && html[0] == '<' && (len < 2 || html[1] == '!' ||
                                      html[1] == '?' || html[1] == '/'))
        return FOLIO_OK;  /* comments, declarations, stray closing tags */
    xmlDoc *dom;
    HTML_TRY(parse_raw(html, len, &dom, err));
    if (dom == NULL)
        return FOLIO_OK;
    if (!is_single_tag(html, len)) {
        const xmlNode *root = xmlDocGetRootElement(dom);
        if (root != NULL)
            write_tree(out, root, true);
        html_free_doc(dom);
        return FOLIO_OK;
    }
    const xmlNode *element = tag_element(dom);
    const element_rule *rule =
        element != NULL ? rule_for((const char *)element->name) : NULL;
    if (rule != NULL && rule->verdict == KEEP && rule->phrasing &&
        (rule->is_void || stack->depth < HTML_RAW_MAX)) {
        write_open_tag(out, element, rule);
        if (!rule->is_void) {
            strcpy(stack->names[stack->depth], rule->name);
            stack->levels[stack->depth] = level;
            stack->depth++;
        }
    }
    html_free_doc(dom);
    return FOLIO_OK;
}

void html_sanitize_close(html_out *out, html_raw_stack *stack, int level)
{
    while (stack->depth > 0 && stack->levels[stack->depth - 1] >= level) {
        stack->depth--;
        write_close_tag(out, stack->names[stack->depth]);
    }
}
