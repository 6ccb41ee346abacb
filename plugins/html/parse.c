/*
 * Parsing with libxml2's HTML parser.
 *
 * The parser recovers from broken markup as browsers do (mostly), never
 * touches the network, and says nothing: NOERROR and NOWARNING take its
 * error callbacks off this context, so no message reaches the process-wide
 * handler that prints to stderr (and no global handler is replaced, which
 * would be mutable global state shared with the host). The input is
 * already valid UTF-8 without NUL (encoding.c), the parser is told so
 * (told nothing, it takes non-ASCII bytes for Latin-1), and IGNORE_ENC
 * stops it from switching on a <meta charset> it meets.
 *
 * The parser reads the page through a callback, as it reads a file, not
 * from memory: it then holds a few KiB of it at a time. From memory, it
 * first copies the whole page into a buffer of its own and, to check the
 * UTF-8, once more into one twice that size, both alive beside the DOM it
 * builds.
 *
 * XML_PARSE_HUGE lifts the parser's nesting limit of 256, which otherwise
 * silently truncates real pages full of unclosed inline tags. The parser
 * and libxml2's tree freeing are iterative, and so is everything here that
 * walks the tree, so depth costs memory, not stack.
 */
#include "html.h"

#include <limits.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#define PARSE_OPTIONS                                                        \
    (HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |            \
     HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC |     \
     XML_PARSE_HUGE)

/* What the parser has not read yet: the callback hands it out. */
typedef struct unread {
    const char *data;
    size_t len;
} unread;

static int read_more(void *context, char *buffer, int size)
{
    unread *rest = context;
    size_t n = size < 0 ? 0 : (size_t)size;
    if (n > rest->len)
        n = rest->len;
    memcpy(buffer, rest->data, n);
    rest->data += n;
    rest->len -= n;
    return (int)n;
}

folio_status html_parse(const char *utf8, size_t len, xmlDoc **out,
                        folio_error *err)
{
    *out = NULL;
    if (len > INT_MAX)
        return folio_error_set(err, FOLIO_ERR_LIMIT,
                               "the HTML parser takes at most 2 GiB");
    unread rest = {len > 0 ? utf8 : " ", len > 0 ? len : 1};
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (ctxt == NULL)
        return html_nomem(err);
    xmlDoc *doc = htmlCtxtReadIO(ctxt, read_more, NULL, &rest, NULL, "UTF-8",
                                 PARSE_OPTIONS);
    bool nomem = ctxt->errNo == XML_ERR_NO_MEMORY;
    htmlFreeParserCtxt(ctxt);
    if (nomem) {
        xmlFreeDoc(doc);
        return html_nomem(err);
    }
    /* No document at all means no content (blank input): not an error. */
    *out = doc;
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
