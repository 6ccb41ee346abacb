/*
 * The tree builder: tokens -> a libxml2 DOM, recovering broken markup as
 * browsers do.
 *
 * The rules are the WHATWG tree construction's for what article pages
 * need, in a few tables rather than its forty modes:
 *   - html, head and body are implied where missing; what belongs in the
 *     head stays there until other content opens the body, and content
 *     after </body> or </html> still goes into the body;
 *   - a start tag closes what it cannot sit in: a block closes an open
 *     <p>, <li> an open <li> (<dd>, <dt> likewise), a heading a heading,
 *     <a> an open <a>, a table row or cell the row or cell before it;
 *   - an end tag closes its element when one is open in scope (not
 *     across a table cell, say), and everything opened inside it; it is
 *     ignored otherwise, and an inline one is ignored across a block;
 *   - void elements (br, img, meta...) have no content, and neither does
 *     an element written "<x/>": XHTML-minded pages mean that, where a
 *     browser would leave "<div/>" open to the end of the page.
 * Left out, as no article conversion needs them: the adoption agency
 * (formatting elements reopened after a misnested block), foster
 * parenting of text misplaced in tables, implied <tbody>, forms and
 * foreign content.
 *
 * Comments, doctypes and the content of scripts and styles never reach
 * the tree, except a JSON-LD script's, which metadata.c reads. Depth is
 * limited only by memory: the stack of open elements grows, and all that
 * walks the tree later is iterative.
 */
#include "html.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLtree.h>

/* What the builder knows of a tag besides its classes (html.h). */
enum {
    VOID = 1 << HTML_CLASS_TRACKED, /* no content, no end tag */
    RAW = VOID << 1,                /* content is text up to the end tag */
    ESCAPABLE = VOID << 2,          /* RAW, with references decoded */
    KEEP_TEXT = VOID << 3,          /* RAW whose text the tree keeps */
    IN_HEAD = VOID << 4,   /* stays in the head before the body opens */
    CLOSES_P = VOID << 5,  /* a start tag closes an open <p> */
    BLOCK_END = VOID << 6, /* an end tag closes it only in scope */
};

/* The usual special element, and the blocks that close a <p>. */
#define SPECIAL (HTML_CLASS_SPECIAL | HTML_CLASS_ITEM_STOP)
#define BLOCK (CLOSES_P | SPECIAL | BLOCK_END)
#define SCOPE HTML_CLASS_SCOPE

typedef struct tag_rule {
    const char *name;
    unsigned flags;
} tag_rule;

/* Sorted by name (strcmp order): rule_for searches it by halves. */
static const tag_rule tag_rules[] = {
    {"address", BLOCK & ~HTML_CLASS_ITEM_STOP},
    {"applet", SPECIAL | SCOPE | BLOCK_END},
    {"area", VOID | SPECIAL},
    {"article", BLOCK},
    {"aside", BLOCK},
    {"base", VOID | IN_HEAD | SPECIAL},
    {"basefont", VOID | IN_HEAD | SPECIAL},
    {"bgsound", VOID | IN_HEAD | SPECIAL},
    {"blockquote", BLOCK},
    {"body", SPECIAL},
    {"br", VOID | SPECIAL},
    {"button", SPECIAL | HTML_CLASS_BUTTON | BLOCK_END},
    {"caption", SPECIAL | SCOPE | BLOCK_END},
    {"center", BLOCK},
    {"col", VOID | SPECIAL},
    {"colgroup", SPECIAL | BLOCK_END},
    {"dd", BLOCK},
    {"details", BLOCK},
    {"dialog", BLOCK},
    {"dir", BLOCK},
    {"div", BLOCK & ~HTML_CLASS_ITEM_STOP},
    {"dl", BLOCK},
    {"dt", BLOCK},
    {"embed", VOID | SPECIAL},
    {"fieldset", BLOCK},
    {"figcaption", BLOCK},
    {"figure", BLOCK},
    {"footer", BLOCK},
    {"form", BLOCK},
    {"frame", VOID | SPECIAL},
    {"frameset", SPECIAL},
    {"h1", BLOCK | HTML_CLASS_HEADING},
    {"h2", BLOCK | HTML_CLASS_HEADING},
    {"h3", BLOCK | HTML_CLASS_HEADING},
    {"h4", BLOCK | HTML_CLASS_HEADING},
    {"h5", BLOCK | HTML_CLASS_HEADING},
    {"h6", BLOCK | HTML_CLASS_HEADING},
    {"head", SPECIAL},
    {"header", BLOCK},
    {"hgroup", BLOCK},
    {"hr", VOID | CLOSES_P | SPECIAL},
    {"html", SPECIAL | SCOPE},
    {"iframe", RAW | SPECIAL},
    {"img", VOID | SPECIAL},
    {"input", VOID | SPECIAL},
    {"keygen", VOID | SPECIAL},
    {"li", BLOCK},
    {"link", VOID | IN_HEAD | SPECIAL},
    {"listing", BLOCK | HTML_CLASS_VERBATIM},
    {"main", BLOCK},
    {"marquee", SPECIAL | SCOPE | BLOCK_END},
    {"menu", BLOCK},
    {"meta", VOID | IN_HEAD | SPECIAL},
    {"nav", BLOCK},
    {"noembed", RAW | SPECIAL},
    {"noframes", RAW | SPECIAL},
    /* As a browser that runs scripts reads it: text, never shown. */
    {"noscript", RAW | IN_HEAD | SPECIAL},
    {"object", SPECIAL | SCOPE | BLOCK_END},
    {"ol", BLOCK | HTML_CLASS_LIST},
    {"p", BLOCK & ~HTML_CLASS_ITEM_STOP},
    {"param", VOID | SPECIAL},
    {"plaintext", BLOCK | HTML_CLASS_VERBATIM},
    {"pre", BLOCK | HTML_CLASS_VERBATIM},
    {"script", RAW | IN_HEAD | SPECIAL},
    {"search", BLOCK},
    {"section", BLOCK},
    {"select", SPECIAL | BLOCK_END},
    {"source", VOID | SPECIAL},
    {"style", RAW | IN_HEAD | SPECIAL},
    {"summary", BLOCK},
    {"table", BLOCK | SCOPE | HTML_CLASS_TABLE},
    {"tbody", SPECIAL | HTML_CLASS_SECTION | BLOCK_END},
    {"td", SPECIAL | SCOPE | HTML_CLASS_CELL | BLOCK_END},
    {"template", SPECIAL | SCOPE | BLOCK_END},
    {"textarea", RAW | ESCAPABLE | KEEP_TEXT | SPECIAL},
    {"tfoot", SPECIAL | HTML_CLASS_SECTION | BLOCK_END},
    {"th", SPECIAL | SCOPE | HTML_CLASS_CELL | BLOCK_END},
    {"thead", SPECIAL | HTML_CLASS_SECTION | BLOCK_END},
    {"title", RAW | ESCAPABLE | KEEP_TEXT | IN_HEAD | SPECIAL},
    {"tr", SPECIAL | HTML_CLASS_ROW | BLOCK_END},
    {"track", VOID | SPECIAL},
    {"ul", BLOCK | HTML_CLASS_LIST},
    {"wbr", VOID | SPECIAL},
    {"xmp", BLOCK | RAW | KEEP_TEXT},
};

/* The rule for a tag, or NULL for a tag with no rule (a, span, b...). */
static const tag_rule *rule_for(const char *name)
{
    size_t low = 0, high = sizeof tag_rules / sizeof tag_rules[0];
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        int order = strcmp(name, tag_rules[middle].name);
        if (order == 0)
            return &tag_rules[middle];
        if (order < 0)
            high = middle;
        else
            low = middle + 1;
    }
    return NULL;
}

static unsigned flags_of(const char *name)
{
    const tag_rule *rule = rule_for(name);
    return rule != NULL ? rule->flags : 0;
}

typedef struct builder {
    xmlDoc *doc;
    xmlNode *html, *head, *body;
    html_open_elements open; /* html at the bottom, once there is one */
    bool borrow;             /* text nodes may point into the input */
    bool nomem;
    html_tokenizer tokens;
} builder;

static xmlNode *current(const builder *b)
{
    return html_open_node(&b->open, b->open.depth - 1);
}

static bool current_is(const builder *b, const char *name)
{
    return strcmp((const char *)current(b)->name, name) == 0;
}

static void push(builder *b, xmlNode *node, unsigned flags)
{
    if (!html_open_push(&b->open, node, flags))
        b->nomem = true;
}

/* Pops elements until depth remain. */
static void pop_to(builder *b, size_t depth)
{
    html_open_pop_to(&b->open, depth);
}

/* Whether the head is on the stack: right above html, where only it or
 * the body can be. */
static bool head_is_open(const builder *b)
{
    return b->head != NULL && b->open.depth >= 2 &&
           html_open_node(&b->open, 1) == b->head;
}

/* The interned name, or NULL when no element ever had it. */
static const xmlChar *known_name(const builder *b, const char *name)
{
    return xmlDictExists(b->doc->dict, (const xmlChar *)name, -1);
}

/* The position of the topmost open element named name with no element of
 * the stop classes above it, or 0. */
static size_t open_in_scope(const builder *b, const char *name, unsigned stop)
{
    size_t at = html_open_topmost(&b->open, known_name(b, name));
    return at > 0 && at >= html_open_nearest(&b->open, stop) ? at : 0;
}

static void append(xmlNode *parent, xmlNode *child)
{
    child->parent = parent;
    if (parent->last != NULL) {
        parent->last->next = child;
        child->prev = parent->last;
    } else {
        parent->children = child;
    }
    parent->last = child;
}

static void add_attributes(builder *b, xmlNode *node,
                           const html_attribute *attributes, size_t count)
{
    xmlAttr *last = NULL;
    for (size_t i = 0; i < count && !b->nomem; i++) {
        xmlAttr *attribute =
            xmlNewDocProp(b->doc, (const xmlChar *)attributes[i].name, NULL);
        if (attribute == NULL) {
            b->nomem = true;
            return;
        }
        attribute->parent = node;
        if (last != NULL) {
            last->next = attribute;
            attribute->prev = last;
        } else {
            node->properties = attribute;
        }
        last = attribute;
        /* An empty value is no child at all, as libxml2 has it. */
        if (attributes[i].value_len == 0)
            continue;
        xmlNode *value = attributes[i].value_len <= INT_MAX
                             ? xmlNewDocTextLen(
                                   b->doc,
                                   (const xmlChar *)attributes[i].value,
                                   (int)attributes[i].value_len)
                             : NULL;
        if (value == NULL) {
            b->nomem = true;
            return;
        }
        value->parent = (xmlNode *)attribute;
        attribute->children = attribute->last = value;
    }
}

/* A new element; its name is interned in the document's dictionary. */
static xmlNode *new_element(builder *b, const char *name, unsigned long line,
                            const html_attribute *attributes, size_t count)
{
    const xmlChar *interned =
        xmlDictLookup(b->doc->dict, (const xmlChar *)name, -1);
    xmlNode *node = interned != NULL
                        ? xmlNewDocNodeEatName(b->doc, NULL,
                                               (xmlChar *)interned, NULL)
                        : NULL;
    if (node == NULL) {
        b->nomem = true;
        return NULL;
    }
    node->line = line > USHRT_MAX ? USHRT_MAX : (unsigned short)line;
    add_attributes(b, node, attributes, count);
    return node;
}

/* Room for text inside a text node itself: libxml2's XML_PARSE_COMPACT
 * keeps short texts in the node's properties and nsDef fields, which a
 * text node has no use for, and its functions know not to free them. */
#define COMPACT_TEXT_MAX (2 * sizeof(void *) - 1)

static xmlChar *compact_text(xmlNode *node)
{
    return (xmlChar *)&node->properties;
}

/* Sets node's text to a copy of text[0..len): inside the node when it is
 * short, else in memory the node owns. */
static bool copy_text(xmlNode *node, const char *text, size_t len)
{
    xmlChar *copy = len <= COMPACT_TEXT_MAX ? compact_text(node)
                                            : xmlMalloc(len + 1);
    if (copy == NULL)
        return false;
    memcpy(copy, text, len);
    copy[len] = '\0';
    node->content = copy;
    node->psvi = (void *)(uintptr_t)len;
    return true;
}

/* Appends more text to a text node, which then owns all of it. */
static bool extend_text(xmlNode *node, const char *more, size_t more_len)
{
    size_t len;
    const char *text = html_text(node, &len);
    if (len + more_len <= COMPACT_TEXT_MAX) {
        memcpy(compact_text(node) + len, more, more_len);
        compact_text(node)[len + more_len] = '\0';
        node->psvi = (void *)(uintptr_t)(len + more_len);
        return true;
    }
    xmlChar *joined = xmlMalloc(len + more_len + 1);
    if (joined == NULL)
        return false;
    memcpy(joined, text, len);
    memcpy(joined + len, more, more_len);
    joined[len + more_len] = '\0';
    if (node->extra != HTML_TEXT_BORROWED && text != NULL &&
        node->content != compact_text(node))
        xmlFree(node->content);
    node->content = joined;
    node->extra = 0;
    node->psvi = (void *)(uintptr_t)(len + more_len);
    return true;
}

/*
 * Appends text to parent, as part of its last child when that is text. A
 * text that lies in the input (in_input) is pointed to, not copied, when
 * the builder may borrow: the page's text is then in memory once.
 */
static void add_text(builder *b, xmlNode *parent, const char *text,
                     size_t len, bool in_input)
{
    if (len > INT_MAX) {
        b->nomem = true;
        return;
    }
    if (parent->last != NULL && parent->last->type == XML_TEXT_NODE) {
        if (!extend_text(parent->last, text, len))
            b->nomem = true;
        return;
    }
    xmlNode *node = xmlNewDocTextLen(b->doc, NULL, 0);
    if (node == NULL) {
        b->nomem = true;
        return;
    }
    append(parent, node);
    if (b->borrow && in_input && len > COMPACT_TEXT_MAX) {
        node->content = (xmlChar *)text;
        node->extra = HTML_TEXT_BORROWED;
        node->psvi = (void *)(uintptr_t)len;
    } else if (!copy_text(node, text, len)) {
        b->nomem = true;
    }
}

static bool is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!html_is_space((unsigned char)s[i]))
            return false;
    return true;
}

/* Blocks: whitespace right after one does not show. (After an element
 * never shown, it may: "<img> <style>...</style> <a>" has a space.) */
#define NOT_INLINE                                                           \
    (CLOSES_P | HTML_CLASS_TABLE | HTML_CLASS_SECTION | HTML_CLASS_ROW |     \
     HTML_CLASS_CELL)

/* Whether whitespace put in the current element now would show: not at
 * the start of a block nor right after one (where a browser drops it, as
 * the reader's conversion does), unless preformatted. Most pages put a
 * newline between blocks: a node saved for each. */
static bool blank_shows(const builder *b)
{
    if (html_open_nearest(&b->open, HTML_CLASS_VERBATIM) != 0)
        return true;
    const xmlNode *last = current(b)->last;
    if (last == NULL)
        return (html_open_classes(&b->open, b->open.depth - 1) &
                (NOT_INLINE | HTML_CLASS_SPECIAL)) == 0;
    return last->type != XML_ELEMENT_NODE ||
           (flags_of((const char *)last->name) & NOT_INLINE) == 0;
}

/* ---- html, head and body -------------------------------------------------- */

/* Opens the html element, with the attributes of its tag when the page
 * begins with one. */
static void open_html(builder *b, const html_token *tag)
{
    if (b->html != NULL)
        return;
    b->html = new_element(b, "html", tag != NULL ? tag->line : 1,
                          tag != NULL ? tag->attributes : NULL,
                          tag != NULL ? tag->attribute_count : 0);
    if (b->html == NULL)
        return;
    xmlAddChild((xmlNode *)b->doc, b->html);
    push(b, b->html, flags_of("html"));
}

/* Puts the head on the stack again (making it when the page has none),
 * for content that belongs there. */
static void open_head(builder *b, unsigned long line)
{
    if (head_is_open(b))
        return;
    if (b->head == NULL) {
        b->head = new_element(b, "head", line, NULL, 0);
        if (b->head == NULL)
            return;
        append(b->html, b->head);
    }
    push(b, b->head, flags_of("head"));
}

/* Opens the body, with the attributes of its tag when it has one. */
static void open_body(builder *b, const html_token *body_tag)
{
    pop_to(b, 1);
    b->body = new_element(b, "body", b->tokens.line,
                          body_tag != NULL ? body_tag->attributes : NULL,
                          body_tag != NULL ? body_tag->attribute_count : 0);
    if (b->body == NULL)
        return;
    append(b->html, b->body);
    push(b, b->body, flags_of("body"));
}

/*
 * Before the body opens: head content goes to the head, and anything else
 * opens the body. Returns true when the token is dealt with, false when
 * it is still to be placed in the current element.
 */
static bool place_before_body(builder *b, const html_token *token,
                              unsigned flags)
{
    if (token->kind == HTML_TOKEN_TEXT) {
        if (is_blank(token->text, token->len))
            return true;
        open_body(b, NULL);
        return false;
    }
    const char *name = token->text;
    if (strcmp(name, "html") == 0)
        return true;
    if (strcmp(name, "body") == 0) {
        open_body(b, token);
        return true;
    }
    if (strcmp(name, "head") == 0) {
        if (b->head == NULL)
            open_head(b, token->line);
        return true;
    }
    if (flags & IN_HEAD)
        open_head(b, token->line);
    else
        open_body(b, NULL);
    return false;
}

/* ---- Start tags ----------------------------------------------------------- */

/* Closes the element at position at (0: none) and all above it. */
static void close_at(builder *b, size_t at)
{
    if (at > 0)
        pop_to(b, at);
}

/* Pops back to the nearest table part among the classes in parts: closes
 * it too when it is of a class in close. */
static void close_table_part(builder *b, unsigned parts, unsigned close)
{
    size_t at = html_open_nearest(&b->open, parts);
    if (at > 0)
        pop_to(b, (html_open_classes(&b->open, at) & close) ? at : at + 1);
}

/* Closes the list item a new one (named name) ends: the topmost <li>
 * (<dd> or <dt> for those), unless a block other than a div or a p is
 * open above it. */
static void close_item(builder *b, const char *name)
{
    size_t at;
    if (strcmp(name, "li") == 0) {
        at = html_open_topmost(&b->open, known_name(b, "li"));
    } else {
        size_t dd = html_open_topmost(&b->open, known_name(b, "dd"));
        size_t dt = html_open_topmost(&b->open, known_name(b, "dt"));
        at = dd > dt ? dd : dt;
    }
    if (at > 0 && at >= html_open_nearest(&b->open, HTML_CLASS_ITEM_STOP))
        pop_to(b, at);
}

/* What a start tag closes before it is placed. */
static void close_for_start(builder *b, const char *name, unsigned flags)
{
    if (strcmp(name, "li") == 0 || strcmp(name, "dd") == 0 ||
        strcmp(name, "dt") == 0)
        close_item(b, name);
    if (flags & CLOSES_P)
        close_at(b, open_in_scope(b, "p", SCOPE | HTML_CLASS_BUTTON));
    if ((flags & HTML_CLASS_HEADING) &&
        (html_open_classes(&b->open, b->open.depth - 1) & HTML_CLASS_HEADING))
        pop_to(b, b->open.depth - 1);
    if (flags & HTML_CLASS_ROW)
        close_table_part(b,
                         HTML_CLASS_ROW | HTML_CLASS_SECTION | HTML_CLASS_TABLE,
                         HTML_CLASS_ROW);
    else if (flags & HTML_CLASS_CELL)
        close_table_part(b,
                         HTML_CLASS_CELL | HTML_CLASS_ROW |
                             HTML_CLASS_SECTION | HTML_CLASS_TABLE,
                         HTML_CLASS_CELL);
    else if (flags & HTML_CLASS_SECTION)
        close_table_part(b, HTML_CLASS_SECTION | HTML_CLASS_TABLE,
                         HTML_CLASS_SECTION);
    else if (strcmp(name, "caption") == 0 || strcmp(name, "colgroup") == 0)
        close_table_part(b, HTML_CLASS_TABLE, 0);
    else if (strcmp(name, "a") == 0)
        close_at(b, open_in_scope(b, "a", SCOPE));
    else if (strcmp(name, "option") == 0 || strcmp(name, "optgroup") == 0) {
        if (current_is(b, "option"))
            pop_to(b, b->open.depth - 1);
        if (strcmp(name, "optgroup") == 0 && current_is(b, "optgroup"))
            pop_to(b, b->open.depth - 1);
    }
}

static bool is_json_ld(const html_token *tag)
{
    for (size_t i = 0; i < tag->attribute_count; i++)
        if (strcmp(tag->attributes[i].name, "type") == 0)
            return strcasecmp(tag->attributes[i].value,
                              "application/ld+json") == 0;
    return false;
}

/* Reads the text of a raw element (tag is its start tag) into element,
 * when the tree keeps it. */
static void read_raw(builder *b, xmlNode *element, const html_token *tag,
                     const tag_rule *rule)
{
    bool json_ld = strcmp(rule->name, "script") == 0 && is_json_ld(tag);
    bool keep = json_ld || (rule->flags & KEEP_TEXT) != 0;
    html_token text;
    if (!html_tokenizer_raw_text(&b->tokens, rule->name,
                                 (rule->flags & ESCAPABLE) != 0, &text)) {
        b->nomem = true;
        return;
    }
    if (!keep || text.len == 0)
        return;
    if (!json_ld) {
        add_text(b, element, text.text, text.len, text.in_input);
        return;
    }
    xmlNode *data = text.len <= INT_MAX
                        ? xmlNewCDataBlock(b->doc, (const xmlChar *)text.text,
                                           (int)text.len)
                        : NULL;
    if (data == NULL) {
        b->nomem = true;
        return;
    }
    data->psvi = (void *)(uintptr_t)text.len;
    append(element, data);
}

static void start_tag(builder *b, const html_token *tag)
{
    const tag_rule *rule = rule_for(tag->text);
    unsigned flags = rule != NULL ? rule->flags : 0;
    if (b->body == NULL) {
        if (place_before_body(b, tag, flags) || b->nomem)
            return;
    } else {
        if (strcmp(tag->text, "html") == 0 || strcmp(tag->text, "head") == 0 ||
            strcmp(tag->text, "body") == 0)
            return;
        close_for_start(b, tag->text, flags);
    }
    xmlNode *element = new_element(b, tag->text, tag->line, tag->attributes,
                                   tag->attribute_count);
    if (element == NULL)
        return;
    append(current(b), element);
    if (tag->self_closing || (flags & VOID))
        return;
    if (flags & RAW)
        read_raw(b, element, tag, rule);
    else
        push(b, element, flags);
}

/* ---- End tags ------------------------------------------------------------- */

static void end_tag(builder *b, const html_token *tag)
{
    const char *name = tag->text;
    unsigned flags = flags_of(name);
    if (strcmp(name, "html") == 0 || strcmp(name, "body") == 0)
        return;
    if (strcmp(name, "head") == 0) {
        if (head_is_open(b))
            pop_to(b, 1);
        return;
    }
    if (flags & HTML_CLASS_HEADING) {
        /* Any heading's end tag ends the open heading. */
        size_t at = html_open_nearest(&b->open, HTML_CLASS_HEADING);
        if (at >= html_open_nearest(&b->open, SCOPE))
            close_at(b, at);
        return;
    }
    unsigned stop;
    if (strcmp(name, "p") == 0)
        stop = SCOPE | HTML_CLASS_BUTTON;
    else if (strcmp(name, "li") == 0)
        stop = SCOPE | HTML_CLASS_LIST;
    else if (flags & (HTML_CLASS_TABLE | HTML_CLASS_SECTION | HTML_CLASS_ROW |
                      HTML_CLASS_CELL))
        /* Not across a table: a row's end tag in a nested table is the
         * nested table's. */
        stop = HTML_CLASS_TABLE;
    else if (flags & BLOCK_END)
        stop = SCOPE;
    else
        /* An inline end tag does not close its element across a block. */
        stop = HTML_CLASS_SPECIAL;
    close_at(b, open_in_scope(b, name, stop));
}

/* ---- The document --------------------------------------------------------- */

static void place(builder *b, const html_token *token)
{
    if (token->kind == HTML_TOKEN_END_TAG) {
        if (b->html != NULL)
            end_tag(b, token);
        return;
    }
    if (token->kind == HTML_TOKEN_START_TAG) {
        open_html(b, strcmp(token->text, "html") == 0 ? token : NULL);
        if (!b->nomem)
            start_tag(b, token);
        return;
    }
    if (b->html == NULL && is_blank(token->text, token->len))
        return;
    open_html(b, NULL);
    if (b->nomem || (b->body == NULL && place_before_body(b, token, 0)))
        return;
    if (!b->nomem && (!is_blank(token->text, token->len) || blank_shows(b)))
        add_text(b, current(b), token->text, token->len, token->in_input);
}

folio_status html_parse(const char *utf8, size_t len, bool borrow,
                        xmlDoc **out, folio_error *err)
{
    *out = NULL;
    builder b = {.doc = htmlNewDocNoDtD(NULL, NULL), .borrow = borrow};
    if (b.doc == NULL)
        return html_nomem(err);
    /* Element and attribute names are shared through the dictionary
     * rather than copied into every node; the stack knows them by it. */
    b.doc->dict = xmlDictCreate();
    if (b.doc->dict == NULL) {
        html_free_doc(b.doc);
        return html_nomem(err);
    }
    html_tokenizer_init(&b.tokens, utf8, len);
    html_token token;
    while (!b.nomem && html_tokenizer_next(&b.tokens, &token))
        place(&b, &token);
    bool nomem = b.nomem || b.tokens.nomem;
    html_tokenizer_free(&b.tokens);
    html_open_free(&b.open);
    if (nomem || b.html == NULL) {
        html_free_doc(b.doc);
        return nomem ? html_nomem(err) : FOLIO_OK;
    }
    *out = b.doc;
    return FOLIO_OK;
}

/* Whether s[at...] opens a tag named name. */
static bool tag_at(const char *s, size_t len, size_t at, const char *name)
{
    size_t n = strlen(name);
    if (at + 1 + n >= len || strncasecmp(s + at + 1, name, n) != 0)
        return false;
    char c = s[at + 1 + n];
    return c == '>' || c == '/' || html_is_space((unsigned char)c);
}

bool html_is_full_page(const char *data, size_t len)
{
    const char *p = data;
    while ((p = memchr(p, '<', len - (size_t)(p - data))) != NULL) {
        size_t at = (size_t)(p - data);
        if (tag_at(data, len, at, "html") || tag_at(data, len, at, "head") ||
            tag_at(data, len, at, "body"))
            return true;
        p++;
    }
    return false;
}
