/*
 * Raw HTML as text: tags dropped, the content of comments, <script> and
 * <style> dropped with them, white space collapsed, <br> and the end of
 * block elements made line breaks, and entities decoded: the numeric ones,
 * and the named ones articles use (listed below). An unknown name is kept
 * as written, since guessing would change the text.
 */
#include "text_plugin.h"

#include <string.h>

static const struct {
    const char *name;
    uint32_t cp;
} entities[] = {
    {"amp", '&'},      {"lt", '<'},        {"gt", '>'},
    {"quot", '"'},     {"apos", '\''},     {"nbsp", 0xA0},
    {"copy", 0xA9},    {"reg", 0xAE},      {"trade", 0x2122},
    {"hellip", 0x2026}, {"mdash", 0x2014}, {"ndash", 0x2013},
    {"lsquo", 0x2018}, {"rsquo", 0x2019},  {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"laquo", 0xAB},    {"raquo", 0xBB},
    {"middot", 0xB7},  {"bull", 0x2022},   {"pound", 0xA3},
    {"euro", 0x20AC},  {"deg", 0xB0},      {"times", 0xD7},
    {"frac12", 0xBD},  {"eacute", 0xE9},   {"shy", 0xAD},
};

static const char *const block_elements[] = {
    "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "table", "ul", "ol", "section", "article",
    "header", "footer", "figure", "figcaption", "dt", "dd"};

static bool is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool name_is(const char *s, size_t len, const char *name)
{
    if (strlen(name) != len)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != name[i])
            return false;
    }
    return true;
}

/* The offset just past needle at or after i (ASCII case ignored), or len. */
static size_t skip_past(const char *s, size_t len, size_t i,
                        const char *needle)
{
    size_t n = strlen(needle);
    for (; i + n <= len; i++) {
        size_t k = 0;
        while (k < n) {
            char c = s[i + k];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (c != needle[k])
                break;
            k++;
        }
        if (k == n)
            return i + n;
    }
    return len;
}

static void put_space(tx_buf *out)
{
    if (out->len > 0 && out->data[out->len - 1] != ' ' &&
        out->data[out->len - 1] != '\n')
        tx_buf_putc(out, ' ');
}

static void put_newline(tx_buf *out)
{
    while (out->len > 0 && out->data[out->len - 1] == ' ')
        out->len--;
    if (out->len > 0 && out->data[out->len - 1] != '\n')
        tx_buf_putc(out, '\n');
}

/* A tag at s[i] == '<'; returns the offset after it, or i when it is no
 * tag (a lone '<' stays text). */
static size_t tag(tx_buf *out, const char *s, size_t len, size_t i)
{
    if (i + 3 < len && memcmp(s + i, "<!--", 4) == 0)
        return skip_past(s, len, i + 4, "-->");
    size_t p = i + 1;
    bool closing = p < len && s[p] == '/';
    p += closing;
    if (p >= len || (!is_letter(s[p]) && s[p] != '!' && s[p] != '?'))
        return i;
    size_t name = p;
    while (p < len && (is_letter(s[p]) || (s[p] >= '0' && s[p] <= '9')))
        p++;
    size_t name_len = p - name;
    char quote = 0;
    for (; p < len && (quote != 0 || s[p] != '>'); p++)
        if (quote == 0 && (s[p] == '"' || s[p] == '\''))
            quote = s[p];
        else if (s[p] == quote)
            quote = 0;
    size_t end = p < len ? p + 1 : len;
    if (!closing && name_is(s + name, name_len, "script"))
        return skip_past(s, len, end, "</script>");
    if (!closing && name_is(s + name, name_len, "style"))
        return skip_past(s, len, end, "</style>");
    if (name_is(s + name, name_len, "br"))
        put_newline(out);
    else
        for (size_t k = 0;
             k < sizeof block_elements / sizeof *block_elements; k++)
            if (name_is(s + name, name_len, block_elements[k])) {
                if (closing)
                    put_newline(out);
                else
                    put_space(out);
                break;
            }
    return end;
}

/* An entity at s[i] == '&'; returns the offset after it, or i. */
static size_t entity(tx_buf *out, const char *s, size_t len, size_t i)
{
    size_t p = i + 1;
    if (p < len && s[p] == '#') {
        bool hex = p + 1 < len && (s[p + 1] == 'x' || s[p + 1] == 'X');
        p += hex ? 2 : 1;
        uint32_t cp = 0;
        size_t digits = 0;
        for (; p < len && digits < 8; p++, digits++) {
            char c = s[p];
            int v = c >= '0' && c <= '9'                 ? c - '0'
                    : hex && c >= 'a' && c <= 'f'        ? c - 'a' + 10
                    : hex && c >= 'A' && c <= 'F'        ? c - 'A' + 10
                                                         : -1;
            if (v < 0)
                break;
            cp = cp * (hex ? 16 : 10) + (uint32_t)v;
        }
        if (digits == 0 || p >= len || s[p] != ';')
            return i;
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            cp = 0xFFFD;
        tx_buf_put_cp(out, cp);
        return p + 1;
    }
    size_t name = p;
    while (p < len && p - name < 8 &&
           (is_letter(s[p]) || (s[p] >= '0' && s[p] <= '9')))
        p++;
    if (p >= len || s[p] != ';')
        return i;
    for (size_t k = 0; k < sizeof entities / sizeof *entities; k++)
        if (strlen(entities[k].name) == p - name &&
            memcmp(s + name, entities[k].name, p - name) == 0) {
            tx_buf_put_cp(out, entities[k].cp);
            return p + 1;
        }
    return i;
}

void tx_html_text(tx_buf *out, const char *html, size_t len)
{
    for (size_t i = 0; i < len;) {
        char c = html[i];
        size_t next = i;
        if (c == '<')
            next = tag(out, html, len, i);
        else if (c == '&')
            next = entity(out, html, len, i);
        else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            put_space(out);
            next = i + 1;
        }
        if (next == i) {
            tx_buf_putc(out, c);
            next = i + 1;
        }
        i = next;
    }
}
