/*
 * Private to the HTML plugin: how its files talk to each other.
 *
 * The reader runs in stages, one file each:
 *   encoding.c  bytes in any charset  -> UTF-8 bytes
 *   tokenize.c  UTF-8 bytes           -> text runs and tags
 *   parse.c     tokens                -> libxml2 DOM (open_elements.c
 *                                        keeps its stack)
 *   metadata.c  DOM                   -> document metadata, base URL
 *   extract.c   DOM                   -> the element holding the article
 *   convert.c   DOM subtree           -> folio tree
 * and the writer is write.c, with sanitize.c for raw HTML and url.c for
 * the URL checks both share.
 *
 * The plugin is built with hidden visibility: nothing declared here leaves
 * the shared object; only folio_plugin_entry (plugin.c) does.
 */
#ifndef FOLIO_HTML_H
#define FOLIO_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <folio/doc.h>
#include <folio/error.h>
#include <folio/options.h>
#include <folio/sink.h>
#include <libxml/tree.h>

/* Every fallible step returns a folio_status; this passes a failure up. */
#define HTML_TRY(expr)                                                       \
    do {                                                                     \
        folio_status try_status_ = (expr);                                   \
        if (try_status_ != FOLIO_OK)                                         \
            return try_status_;                                              \
    } while (0)

folio_status html_nomem(folio_error *err);

/* ---- encoding.c ----------------------------------------------------------- */

/* UTF-8 text: the input itself when that was clean UTF-8 already, else a
 * copy decoded into memory the struct owns. */
typedef struct html_utf8 {
    const char *data;
    size_t len;
    char *owned;  /* malloc'd, or NULL when data is borrowed */
} html_utf8;

/*
 * Decodes len bytes of HTML to UTF-8, choosing the encoding as a browser
 * does: the forced label if not NULL, else a byte-order mark, else a
 * <meta charset> or http-equiv in the first bytes, else UTF-8 when the
 * bytes are valid UTF-8, else windows-1252. Undecodable bytes and NUL
 * become U+FFFD, so the result is always valid UTF-8 without NUL (and not
 * NUL-terminated when borrowed). The caller frees out->owned.
 * FOLIO_ERR_ARGUMENT when forced names no known encoding.
 */
folio_status html_decode(const char *data, size_t len, const char *forced,
                         html_utf8 *out, folio_error *err);

/* ---- parse.c -------------------------------------------------------------- */

/* Builds the DOM of UTF-8 HTML (valid, no NUL) as browsers recover broken
 * markup, mostly (parse.c says where it differs); *out is NULL when the
 * input holds no element and no text. With borrow, text nodes may point
 * into utf8 rather than hold a copy: utf8 must then outlive the DOM. The
 * caller frees the result with html_free_doc. */
folio_status html_parse(const char *utf8, size_t len, bool borrow,
                        xmlDoc **out, folio_error *err);

/* Whether the input is a whole page (it has an <html>, <head> or <body>
 * tag) rather than a fragment. */
bool html_is_full_page(const char *data, size_t len);

/* ---- dom.c: small DOM helpers --------------------------------------------- */

/* The elements the reader tells apart by name (h1 to h6 in a row);
 * HTML_TAG_OTHER is any other element, and any node that is not an
 * element. */
typedef enum html_tag {
    HTML_TAG_OTHER, HTML_TAG_A, HTML_TAG_ABBR, HTML_TAG_ADDRESS,
    HTML_TAG_ARTICLE, HTML_TAG_ASIDE, HTML_TAG_AUDIO, HTML_TAG_B,
    HTML_TAG_BASE, HTML_TAG_BDI, HTML_TAG_BDO, HTML_TAG_BIG,
    HTML_TAG_BLOCKQUOTE, HTML_TAG_BODY, HTML_TAG_BR, HTML_TAG_BUTTON,
    HTML_TAG_CANVAS, HTML_TAG_CITE, HTML_TAG_CODE, HTML_TAG_DATA,
    HTML_TAG_DATALIST, HTML_TAG_DD, HTML_TAG_DEL, HTML_TAG_DFN,
    HTML_TAG_DIALOG, HTML_TAG_DIV, HTML_TAG_DL, HTML_TAG_DT, HTML_TAG_EM,
    HTML_TAG_EMBED, HTML_TAG_FIELDSET, HTML_TAG_FIGCAPTION, HTML_TAG_FIGURE,
    HTML_TAG_FONT, HTML_TAG_FOOTER, HTML_TAG_FORM, HTML_TAG_H1, HTML_TAG_H2,
    HTML_TAG_H3, HTML_TAG_H4, HTML_TAG_H5, HTML_TAG_H6, HTML_TAG_HEAD,
    HTML_TAG_HEADER, HTML_TAG_HTML, HTML_TAG_I, HTML_TAG_IFRAME, HTML_TAG_IMG,
    HTML_TAG_INPUT, HTML_TAG_INS, HTML_TAG_KBD, HTML_TAG_LABEL, HTML_TAG_LI,
    HTML_TAG_LINK, HTML_TAG_MAIN, HTML_TAG_MAP, HTML_TAG_MARK, HTML_TAG_MATH,
    HTML_TAG_MENU, HTML_TAG_META, HTML_TAG_NAV, HTML_TAG_NOBR,
    HTML_TAG_NOEMBED, HTML_TAG_NOFRAMES, HTML_TAG_NOSCRIPT, HTML_TAG_OBJECT,
    HTML_TAG_OL, HTML_TAG_OPTION, HTML_TAG_P, HTML_TAG_PRE, HTML_TAG_Q,
    HTML_TAG_S, HTML_TAG_SAMP, HTML_TAG_SCRIPT, HTML_TAG_SECTION,
    HTML_TAG_SELECT, HTML_TAG_SMALL, HTML_TAG_SPAN, HTML_TAG_STRIKE,
    HTML_TAG_STRONG, HTML_TAG_STYLE, HTML_TAG_SUB, HTML_TAG_SUP, HTML_TAG_SVG,
    HTML_TAG_TABLE, HTML_TAG_TD, HTML_TAG_TEMPLATE, HTML_TAG_TEXTAREA,
    HTML_TAG_TH, HTML_TAG_TIME, HTML_TAG_TITLE, HTML_TAG_TT, HTML_TAG_U,
    HTML_TAG_UL, HTML_TAG_VAR, HTML_TAG_VIDEO, HTML_TAG_WBR,
    HTML_TAG_COUNT /* not a tag: how many there are */
} html_tag;

/* node's tag: one search of a sorted table, where comparing the name with
 * each name the reader knows would take dozens of string comparisons. */
html_tag html_tag_of(const xmlNode *node);

/* Whether a browser never shows an element's content as text (script,
 * style, head, form controls, embedded media...). */
bool html_tag_never_shown(html_tag tag);

/* Whether an element is phrasing content (a, em, span...): no line
 * break before or after it. */
bool html_tag_is_inline(html_tag tag);

/* Whether node is an element named name (lower case, as the parser
 * gives it). */
bool html_is(const xmlNode *node, const char *name);

/* The attribute's value (borrowed from the tree), or NULL. */
const char *html_attr(const xmlNode *node, const char *name);

/* The attribute as a number from 0 to max (larger is max); fallback when
 * absent or not a number. */
int html_attr_int(const xmlNode *node, const char *name, int fallback,
                  int max);

/* The next node in document order after node within root, descending
 * into children unless skip_children; NULL at the end. */
xmlNode *html_next(const xmlNode *root, const xmlNode *node,
                   bool skip_children);

/*
 * One step of a depth-first walk of root's subtree without recursion, as
 * folio_walk_next: elements give an enter and an exit event, other nodes
 * only an enter. Start with *node = NULL; skip_children, on an element's
 * enter, goes straight to its exit.
 */
bool html_walk_next(const xmlNode *root, xmlNode **node, bool *entering,
                    bool skip_children);

/* Whether a browser never shows the element's content as text (script,
 * style, head, form controls, embedded media...). */
bool html_never_shown(const xmlNode *node);

/* Whether the element is phrasing content (a, em, span...): no line
 * break before or after it. Non-elements count as inline. */
bool html_is_inline(const xmlNode *node);

/*
 * The text of a text or CDATA node of a DOM html_parse built, and its
 * length: the node keeps it in psvi, as its text may be the page's own
 * bytes, not NUL-terminated (a node marked HTML_TEXT_BORROWED in extra,
 * whose content is not its own to free).
 */
#define HTML_TEXT_BORROWED 1

static inline const char *html_text(const xmlNode *node, size_t *len)
{
    *len = node->content != NULL ? (size_t)(uintptr_t)node->psvi : 0;
    return (const char *)node->content;
}

/* Unlinks node and frees it with all it holds. */
void html_free_node(xmlNode *node);

/* Frees a DOM html_parse built (NULL is fine). */
void html_free_doc(xmlDoc *doc);

/* The first element named name under root (document order), or NULL. */
xmlNode *html_find(const xmlNode *root, const char *name);

/* A growable byte buffer; errors are sticky (failed set on NOMEM). */
typedef struct html_buf {
    char *data;
    size_t len;
    size_t cap;
    bool failed;
} html_buf;

void html_buf_add(html_buf *buf, const char *s, size_t len);

/* Room for len more bytes after buf->len; false (and failed set) when
 * there is none. */
bool html_buf_reserve(html_buf *buf, size_t len);

/* Appends s with each run of whitespace in it as one space (s neither
 * starts nor ends with whitespace). */
void html_buf_add_collapsed(html_buf *buf, const char *s, size_t len);
void html_buf_free(html_buf *buf);

/* Appends node's text content as a browser shows it: descendants' text
 * (none of script, style and the like), whitespace runs collapsed to one
 * space, trimmed. */
void html_text_content(const xmlNode *node, html_buf *buf);

/* Collapses whitespace runs in s (len bytes) into single spaces and trims
 * both ends, in place; returns the new length. */
size_t html_collapse_space(char *s, size_t len);

/* Whether c is HTML whitespace (space, tab, LF, FF, CR). */
static inline bool html_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* ---- tokenize.c ----------------------------------------------------------- */

typedef enum html_token_kind {
    HTML_TOKEN_TEXT,
    HTML_TOKEN_START_TAG,
    HTML_TOKEN_END_TAG,
} html_token_kind;

typedef struct html_attribute {
    const char *name;  /* lower case */
    const char *value; /* references decoded; "" when none was given */
    size_t value_len;
} html_attribute;

/* A token; what it points to lives until the next call on its tokenizer. */
typedef struct html_token {
    html_token_kind kind;
    /* Text: the text, references decoded, not NUL-terminated. Tags: the
     * name in lower case, NUL-terminated. */
    const char *text;
    size_t len;
    bool in_input; /* text: it lies in the input itself, as it was */
    const html_attribute *attributes; /* start tags only */
    size_t attribute_count;
    bool self_closing;  /* the tag ends with "/>" */
    unsigned long line; /* tags: the line of their '<' */
} html_token;

struct attribute_span;

typedef struct html_tokenizer {
    const char *data;
    size_t len;
    size_t pos;
    unsigned long line;
    size_t counted; /* line counts the newlines before data[counted] */
    html_buf scratch;
    struct attribute_span *spans;
    html_attribute *attributes;
    size_t attribute_count;
    size_t attribute_cap;
    bool nomem;
} html_tokenizer;

/* Starts reading len bytes of UTF-8 HTML (valid, no NUL), borrowed until
 * html_tokenizer_free. */
void html_tokenizer_init(html_tokenizer *t, const char *data, size_t len);
void html_tokenizer_free(html_tokenizer *t);

/* The next text run or tag (comments, doctypes and the like are skipped);
 * false at the end of the input, or when memory ran out (t->nomem). */
bool html_tokenizer_next(html_tokenizer *t, html_token *token);

/* After the start tag of an element whose content is not markup (script,
 * style; title, textarea when escapable, whose references are decoded):
 * its text up to the matching end tag, which is consumed too. False only
 * when memory ran out. */
bool html_tokenizer_raw_text(html_tokenizer *t, const char *name,
                             bool escapable, html_token *token);

/* ---- open_elements.c ------------------------------------------------------ */

/* Classes of elements the tree builder looks for, or looks no further
 * than (parse.c gives each tag its classes); the stack of open elements
 * knows the topmost of each at once. */
enum {
    HTML_CLASS_SPECIAL = 1 << 0,   /* blocks and the like */
    HTML_CLASS_SCOPE = 1 << 1,     /* html, table, td, th, object... */
    HTML_CLASS_BUTTON = 1 << 2,    /* button */
    HTML_CLASS_LIST = 1 << 3,      /* ol, ul */
    HTML_CLASS_ITEM_STOP = 1 << 4, /* SPECIAL but address, div and p */
    HTML_CLASS_HEADING = 1 << 5,   /* h1 to h6 */
    HTML_CLASS_TABLE = 1 << 6,     /* table */
    HTML_CLASS_SECTION = 1 << 7,   /* tbody, thead, tfoot */
    HTML_CLASS_ROW = 1 << 8,       /* tr */
    HTML_CLASS_CELL = 1 << 9,      /* td, th */
    HTML_CLASS_VERBATIM = 1 << 10, /* pre, listing, plaintext */
    HTML_CLASS_TRACKED = 11        /* how many bits the stack tracks */
};

struct html_open_entry;
struct html_open_name;

/* The stack; zero-initialized is empty. Positions count from 0, the
 * bottom; 0 also stands for "none", as the bottom (html) is never
 * looked for. */
typedef struct html_open_elements {
    struct html_open_entry *entries;
    size_t depth, cap;
    struct html_open_name *names;
    size_t name_count, name_cap;
} html_open_elements;

void html_open_free(html_open_elements *s);

/* Pushes node (its name interned in the document's dictionary) with its
 * classes; false when memory ran out. */
bool html_open_push(html_open_elements *s, xmlNode *node, unsigned classes);

/* Pops elements until depth remain. */
void html_open_pop_to(html_open_elements *s, size_t depth);

/* The position of the topmost open element named name (interned), or 0. */
size_t html_open_topmost(const html_open_elements *s, const xmlChar *name);

/* The position of the topmost open element of any of classes (tracked
 * bits), or 0. */
size_t html_open_nearest(const html_open_elements *s, unsigned classes);

xmlNode *html_open_node(const html_open_elements *s, size_t at);
unsigned html_open_classes(const html_open_elements *s, size_t at);

/* ---- url.c ---------------------------------------------------------------- */

/* url resolved against base (both may be NULL), as a new xmlMalloc'd
 * string, or NULL when it cannot be resolved (the caller keeps url). */
xmlChar *html_url_resolve(const char *url, const char *base);

/* Whether url is safe in an href or src attribute: not javascript:,
 * vbscript:, livescript: or file:, and data: only for a raster image type
 * (image/png, gif, jpeg, webp, avif, bmp). Tabs, newlines and leading
 * controls are ignored as browsers ignore them. */
bool html_url_is_safe(const char *url, size_t len);

/* ---- metadata.c ----------------------------------------------------------- */

/* What the body conversion needs from the head. */
typedef struct html_page_info {
    /* The URL relative links resolve against (xmlMalloc'd, or NULL). */
    xmlChar *base_url;
    /* The title put in the metadata and the page's <title> (borrowed from
     * the document's arena, or NULL), so that extraction can drop a
     * heading that repeats them. */
    const char *title;
    const char *title_tag;
} html_page_info;

/* Fills doc's metadata from the page (see docs/html-format.md) and *info.
 * base_option is the "base-url" option or NULL; full_page says whether a
 * first <h1> may stand in for a missing title. The caller frees
 * info->base_url with xmlFree. */
folio_status html_metadata_read(folio_doc *doc, xmlDoc *dom,
                                const char *base_option, bool full_page,
                                html_page_info *info, folio_error *err);

/* Adds a date from the article itself (its first <time datetime>) when
 * the page gave none. */
folio_status html_metadata_from_body(folio_doc *doc, const xmlNode *root,
                                     folio_error *err);

/* ---- extract.c ------------------------------------------------------------ */

/* Removes site chrome from the page and returns the element holding the
 * article (borrowed from dom; the body when nothing better is found). */
xmlNode *html_extract(xmlDoc *dom, const html_page_info *info);

/* Removes what is never shown (script, style, hidden elements...) and
 * returns the body. Used with extraction off. */
xmlNode *html_body(xmlDoc *dom);

/* ---- convert.c ------------------------------------------------------------ */

typedef struct html_convert_options {
    int64_t max_depth;
    const char *base_url;  /* NULL: links stay as written */
} html_convert_options;

/* Appends the content of root (the element itself included) to doc's
 * root node, freeing root's descendants as they are converted: root is
 * left empty (on failure, partly emptied). */
folio_status html_convert(folio_doc *doc, xmlNode *root,
                          const html_convert_options *options,
                          folio_error *err);

/* The writer (write.c), as plugin.h's folio_write_fn. */
folio_status html_write(const folio_doc *doc, folio_sink *sink,
                        const folio_options *options,
                        folio_error *err);

/* ---- Output (write.c) ----------------------------------------------------- */

/* The writer's view of the sink: it remembers the last byte, so that a
 * block starts on a new line without doubling blank lines (as cmark). */
typedef struct html_out {
    folio_sink *sink;
    char last;
} html_out;

void html_out_write(html_out *out, const char *s, size_t len);
void html_out_puts(html_out *out, const char *s);

/* Text escaped for HTML content or a double-quoted attribute: & < > ". */
void html_out_escaped(html_out *out, const char *s, size_t len);

/* A URL for an href/src attribute: characters outside the URL-safe set
 * percent-encoded, & and ' written as references (as cmark does). */
void html_out_url(html_out *out, const char *s, size_t len);

/* ---- sanitize.c ----------------------------------------------------------- */

/* Raw tags of the current inline content that the sanitizer opened and
 * that are not closed yet, with the writer's inline nesting level at which
 * each was opened: what the sanitizer lets through stays balanced and
 * properly nested in the writer's own elements. */
#define HTML_RAW_MAX 16
typedef struct html_raw_stack {
    char names[HTML_RAW_MAX][12];
    int levels[HTML_RAW_MAX];
    int depth;
} html_raw_stack;

/* Writes a raw HTML block made safe: parsed as pages are, only allowed
 * elements and attributes kept (script, style, iframe, object, embed,
 * form... dropped with their content; on* attributes and unsafe URLs
 * dropped), re-serialized balanced and escaped. */
folio_status html_sanitize_block(html_out *out, const char *html, size_t len,
                                 folio_error *err);

/* Writes one piece of raw inline HTML made safe: an allowed tag, opening
 * or closing, rewritten with its allowed attributes; anything else is
 * dropped. An opening tag is pushed on stack at level; a closing tag is
 * written only when it closes one opened at level. */
folio_status html_sanitize_inline(html_out *out, const char *html, size_t len,
                                  html_raw_stack *stack, int level,
                                  folio_error *err);

/* Closes the raw tags opened at level or deeper. */
void html_sanitize_close(html_out *out, html_raw_stack *stack, int level);

#endif
