/*
 * Whether input is plain text. Nearly anything is, so the score is low
 * (other formats recognise their own content with more certainty), and 0
 * for what is certainly not: content with NUL bytes and no UTF-16 byte
 * order mark (binary), front matter ("---" at the very start closed by a
 * "---" or "..." line: Markdown), markup (a doctype, an XML declaration,
 * or one of the common HTML elements first), and a folio JSON document (an
 * object with a "folio" member near its start). The 0 matters for files
 * whose extension lies: a Jekyll post, a web page or a JSON export saved as
 * .txt then goes to the reader that can read it.
 */
#include "text_plugin.h"

#include <string.h>

enum {
    VIEW_SIZE = 4096,
    JSON_WINDOW = 1024,  /* where the json writer puts "folio": first */
    SCORE_TEXT = 10,
    SCORE_UTF16 = 30   /* a UTF-16 BOM: hardly anything else is that */
};

/* The input as ASCII: itself (less a UTF-8 BOM), or for UTF-16 its first
 * VIEW_SIZE characters narrowed into buffer (other characters become
 * 0x80). False when it has NUL bytes and no UTF-16 BOM: binary data. */
static bool ascii_view(const char *data, size_t len, char *buffer,
                       const char **view, size_t *n, bool *utf16)
{
    const unsigned char *p = (const unsigned char *)data;
    bool le = len >= 2 && p[0] == 0xFF && p[1] == 0xFE;
    bool be = len >= 2 && p[0] == 0xFE && p[1] == 0xFF;
    *utf16 = le || be;
    if (*utf16) {
        size_t k = 0;
        for (size_t i = 2; i + 1 < len && k < VIEW_SIZE; i += 2) {
            unsigned hi = le ? p[i + 1] : p[i], lo = le ? p[i] : p[i + 1];
            buffer[k++] = hi == 0 && lo < 0x80 ? (char)lo : (char)0x80;
        }
        *view = buffer;
        *n = k;
        return true;
    }
    if (memchr(data, '\0', len) != NULL)
        return false;
    size_t start = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    *view = data + start;
    *n = len - start;
    return true;
}

static size_t skip_space(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
                       s[i] == '\r'))
        i++;
    return i;
}

/* "---" at the very start, closed by a "---" or "..." line. */
static bool has_front_matter(const char *s, size_t len)
{
    size_t i;
    if (len >= 4 && memcmp(s, "---\n", 4) == 0)
        i = 4;
    else if (len >= 5 && memcmp(s, "---\r\n", 5) == 0)
        i = 5;
    else
        return false;
    while (i < len) {
        size_t end = i;
        while (end < len && s[end] != '\n' && s[end] != '\r')
            end++;
        size_t line = end;
        while (line > i && (s[line - 1] == ' ' || s[line - 1] == '\t'))
            line--;
        if (line - i == 3 && (memcmp(s + i, "---", 3) == 0 ||
                              memcmp(s + i, "...", 3) == 0))
            return true;
        i = end + 1;
    }
    return false;
}

static bool starts_with_markup(const char *s, size_t len)
{
    static const char *const openers[] = {"<!doctype", "<?xml", "<!--"};
    static const char *const elements[] = {
        "html", "head", "body", "meta", "title", "div", "p", "h1", "h2",
        "h3", "h4", "h5", "h6", "article", "section", "main", "header",
        "nav", "table", "ul", "ol", "figure", "script", "style", "link"};
    size_t i = skip_space(s, len, 0);
    s += i;
    len -= i;
    for (size_t k = 0; k < sizeof openers / sizeof *openers; k++)
        if (tx_starts_with_nocase(s, len, openers[k]))
            return true;
    if (len < 2 || s[0] != '<')
        return false;
    for (size_t k = 0; k < sizeof elements / sizeof *elements; k++) {
        size_t n = strlen(elements[k]);
        if (tx_starts_with_nocase(s + 1, len - 1, elements[k]) &&
            n + 1 < len && strchr(" \t\r\n>/", s[n + 1]) != NULL)
            return true;
    }
    return false;
}

/* '{' and a member name, with a "folio" member within JSON_WINDOW
 * bytes. */
static bool is_folio_json(const char *s, size_t len)
{
    static const char key[] = "\"folio\"";
    size_t i = skip_space(s, len, 0);
    size_t name = i < len ? skip_space(s, len, i + 1) : len;
    if (name >= len || s[i] != '{' || s[name] != '"')
        return false;
    size_t end = len - i < JSON_WINDOW ? len : i + JSON_WINDOW;
    for (size_t k = i; k + sizeof key - 1 <= end; k++)
        if (memcmp(s + k, key, sizeof key - 1) == 0) {
            size_t colon = skip_space(s, end, k + sizeof key - 1);
            if (colon < end && s[colon] == ':')
                return true;
        }
    return false;
}

int tx_probe(const char *data, size_t len)
{
    char buffer[VIEW_SIZE];
    const char *view;
    size_t n;
    bool utf16;
    if (!ascii_view(data, len, buffer, &view, &n, &utf16))
        return 0;
    if (has_front_matter(view, n) || starts_with_markup(view, n) ||
        is_folio_json(view, n))
        return 0;
    return utf16 ? SCORE_UTF16 : SCORE_TEXT;
}
