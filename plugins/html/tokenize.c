/*
 * The HTML tokenizer: UTF-8 bytes -> text runs and tags.
 *
 * libxml2's HTML parser reads a page one character at a time, a function
 * call per character: on a 3.8 MB page that was 419M of the 725M
 * instructions an html -> md conversion took (callgrind). This tokenizer
 * finds the next '<' and '&' with memchr and hands out a text run without
 * copying it when it holds no character reference.
 *
 * It follows the states of the WHATWG tokenizer for what pages hold:
 * start and end tags with attributes in any quoting, comments, doctypes
 * and other markup declarations (skipped: nothing downstream reads them),
 * raw text (script, style) and escapable raw text (title, textarea), read
 * on the tree builder's request. Named references are looked up in
 * libxml2's table of HTML entities; numeric ones are decoded as browsers
 * do (windows-1252 for 128-159, U+FFFD for what is not a character).
 * The input is valid UTF-8 without NUL (encoding.c), so every token is.
 */
#include "html.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <folio/text.h>

#include <libxml/HTMLparser.h>

/* Where an attribute's name and value lie in the scratch buffer while the
 * tag is read (the buffer may move as it grows). */
typedef struct attribute_span {
    size_t name, value, value_len;
} attribute_span;

void html_tokenizer_init(html_tokenizer *t, const char *data, size_t len)
{
    *t = (html_tokenizer){.data = data, .len = len, .line = 1};
}

void html_tokenizer_free(html_tokenizer *t)
{
    html_buf_free(&t->scratch);
    free(t->spans);
    free(t->attributes);
    *t = (html_tokenizer){0};
}

static bool is_alpha(unsigned char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26;
}

static bool is_alnum(unsigned char c)
{
    return is_alpha(c) || (unsigned char)(c - '0') < 10;
}

static char lower(char c)
{
    return (unsigned char)(c - 'A') < 26 ? (char)(c | 0x20) : c;
}

/* Brings t->line up to position at: only start tags need their line, so
 * newlines are counted in bulk when one is met. */
static void count_lines(html_tokenizer *t, size_t at)
{
    const char *p = t->data + t->counted, *end = t->data + at;
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        t->line++;
        p++;
    }
    t->counted = at;
}

/* ---- Character references ------------------------------------------------- */

/* What browsers make of the C1 range in a numeric reference: the
 * windows-1252 characters those bytes stand for (0: no such character). */
static const unsigned short windows_1252_c1[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* The character a numeric reference names, as browsers read it. */
static uint32_t numeric_character(unsigned long c)
{
    if (c >= 0x80 && c < 0xA0 && windows_1252_c1[c - 0x80] != 0)
        return windows_1252_c1[c - 0x80];
    if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c < 0xE000))
        return 0xFFFD;
    return (uint32_t)c;
}

/* Named references a browser reads without their ';' in text, among those
 * pages write that way. */
static bool is_bare_reference(const char *name, size_t len)
{
    static const char *const bare[] = {"amp", "lt", "gt", "quot", "nbsp",
                                       "copy", "reg"};
    for (size_t i = 0; i < sizeof bare / sizeof bare[0]; i++)
        if (strlen(bare[i]) == len && memcmp(bare[i], name, len) == 0)
            return true;
    return false;
}

/*
 * Decodes the reference at s[0] == '&' (end bounds it) into out (room for
 * 4 bytes; never more than the reference's own length is written) and
 * returns how many input bytes it took, or 0 when it is no reference
 * ('&' then stays as it is). in_attribute: named references need their
 * ';' there, as a browser reads "?a=1&copy=2" in a URL.
 */
static size_t decode_reference(const char *s, const char *end, char *out,
                               size_t *written, bool in_attribute)
{
    const char *p = s + 1;
    if (p < end && *p == '#') {
        p++;
        bool hex = p < end && (*p | 0x20) == 'x';
        p += hex;
        unsigned long value = 0;
        const char *digits = p;
        for (; p < end; p++) {
            unsigned char c = (unsigned char)*p, d;
            if ((unsigned char)(c - '0') < 10)
                d = (unsigned char)(c - '0');
            else if (hex && (unsigned char)((c | 0x20) - 'a') < 6)
                d = (unsigned char)((c | 0x20) - 'a' + 10);
            else
                break;
            if (value <= 0x10FFFF)
                value = value * (hex ? 16 : 10) + d;
        }
        if (p == digits)
            return 0;
        if (p < end && *p == ';')
            p++;
        *written = folio_utf8_encode(numeric_character(value), out);
        return (size_t)(p - s);
    }
    const char *name = p;
    while (p < end && is_alnum((unsigned char)*p) && p - name < 32)
        p++;
    size_t name_len = (size_t)(p - name);
    if (name_len == 0)
        return 0;
    bool semicolon = p < end && *p == ';';
    if (!semicolon && (in_attribute || !is_bare_reference(name, name_len)))
        return 0;
    char key[33];
    memcpy(key, name, name_len);
    key[name_len] = '\0';
    const htmlEntityDesc *entity = htmlEntityLookup((const xmlChar *)key);
    if (entity == NULL)
        return 0;
    *written = folio_utf8_encode((uint32_t)entity->value, out);
    return name_len + 1 + semicolon;
}

/* Appends s[0..len) to the scratch buffer with its references decoded;
 * decoding never lengthens text, so len bytes of room are enough. */
static void add_decoded(html_buf *buf, const char *s, size_t len,
                        bool in_attribute)
{
    html_buf_reserve(buf, len);
    if (buf->failed)
        return;
    const char *end = s + len;
    char *out = buf->data + buf->len;
    while (s < end) {
        const char *amp = memchr(s, '&', (size_t)(end - s));
        size_t plain = (size_t)((amp != NULL ? amp : end) - s);
        memcpy(out, s, plain);
        out += plain;
        s += plain;
        if (amp == NULL)
            break;
        size_t written = 0;
        size_t taken = decode_reference(s, end, out, &written, in_attribute);
        if (taken == 0) {
            *out++ = *s++;
            continue;
        }
        out += written;
        s += taken;
    }
    buf->len = (size_t)(out - buf->data);
}

/* ---- Tags ----------------------------------------------------------------- */

static size_t skip_space(const html_tokenizer *t, size_t at)
{
    while (at < t->len && html_is_space((unsigned char)t->data[at]))
        at++;
    return at;
}

/* Appends data[from..to) lower-cased and a NUL; returns where it starts. */
static size_t add_lower_name(html_tokenizer *t, size_t from, size_t to)
{
    size_t at = t->scratch.len;
    html_buf_reserve(&t->scratch, to - from + 1);
    if (t->scratch.failed)
        return at;
    char *out = t->scratch.data + at;
    for (size_t i = from; i < to; i++)
        *out++ = lower(t->data[i]);
    *out = '\0';
    t->scratch.len += to - from + 1;
    return at;
}

static void add_nul(html_tokenizer *t)
{
    html_buf_add(&t->scratch, "", 1);
}

static bool has_attribute(const html_tokenizer *t, size_t name)
{
    for (size_t i = 0; i < t->attribute_count; i++)
        if (strcmp(t->scratch.data + t->spans[i].name,
                   t->scratch.data + name) == 0)
            return true;
    return false;
}

static bool add_span(html_tokenizer *t, attribute_span span)
{
    if (t->attribute_count == t->attribute_cap) {
        size_t cap = t->attribute_cap == 0 ? 8 : t->attribute_cap * 2;
        attribute_span *spans = realloc(t->spans, cap * sizeof *spans);
        if (spans == NULL)
            return false;
        t->spans = spans;
        html_attribute *attributes =
            realloc(t->attributes, cap * sizeof *attributes);
        if (attributes == NULL)
            return false;
        t->attributes = attributes;
        t->attribute_cap = cap;
    }
    t->spans[t->attribute_count++] = span;
    return true;
}

/*
 * Reads attributes from at up to and including the tag's '>'; returns the
 * position after it, or t->len when the input ends first (a browser then
 * drops the tag: *complete is false). The first of two attributes with one
 * name wins, as in browsers.
 */
static size_t read_attributes(html_tokenizer *t, size_t at, bool *self_closing,
                              bool *complete)
{
    *self_closing = false;
    *complete = false;
    while (at < t->len) {
        char c = t->data[at];
        if (html_is_space((unsigned char)c)) {
            at++;
            continue;
        }
        if (c == '>') {
            *complete = true;
            return at + 1;
        }
        if (c == '/') {
            at++;
            *self_closing = at < t->len && t->data[at] == '>';
            continue;
        }
        /* A name runs to space, '/', '>' or '=' (a first '=' is part of
         * it, as a browser reads it). */
        size_t name_from = at++;
        while (at < t->len && !html_is_space((unsigned char)t->data[at]) &&
               t->data[at] != '/' && t->data[at] != '>' && t->data[at] != '=')
            at++;
        size_t name = add_lower_name(t, name_from, at);
        size_t value_from = at, value_to = at;
        at = skip_space(t, at);
        if (at < t->len && t->data[at] == '=') {
            at = skip_space(t, at + 1);
            if (at < t->len && (t->data[at] == '"' || t->data[at] == '\'')) {
                const char *close =
                    memchr(t->data + at + 1, t->data[at], t->len - at - 1);
                if (close == NULL)
                    return t->len;
                value_from = at + 1;
                value_to = (size_t)(close - t->data);
                at = value_to + 1;
            } else {
                value_from = at;
                while (at < t->len &&
                       !html_is_space((unsigned char)t->data[at]) &&
                       t->data[at] != '>')
                    at++;
                value_to = at;
            }
        }
        if (t->scratch.failed)
            return t->len;
        if (has_attribute(t, name)) {
            t->scratch.len = name;
            continue;
        }
        size_t value = t->scratch.len;
        add_decoded(&t->scratch, t->data + value_from, value_to - value_from,
                    true);
        size_t value_len = t->scratch.len - value;
        add_nul(t);
        if (!add_span(t, (attribute_span){name, value, value_len}))
            t->scratch.failed = true;
    }
    return t->len;
}

/* Points the token's attributes into the scratch buffer, now it stays. */
static void finish_attributes(html_tokenizer *t, html_token *token)
{
    for (size_t i = 0; i < t->attribute_count; i++)
        t->attributes[i] = (html_attribute){
            .name = t->scratch.data + t->spans[i].name,
            .value = t->scratch.data + t->spans[i].value,
            .value_len = t->spans[i].value_len,
        };
    token->attributes = t->attributes;
    token->attribute_count = t->attribute_count;
}

/* Reads the tag at lt ('<' then a letter, or "</" then a letter). */
static bool read_tag(html_tokenizer *t, size_t lt, html_token *token)
{
    bool end_tag = t->data[lt + 1] == '/';
    size_t from = lt + 1 + end_tag, at = from;
    while (at < t->len && !html_is_space((unsigned char)t->data[at]) &&
           t->data[at] != '/' && t->data[at] != '>')
        at++;
    t->scratch.len = 0;
    t->attribute_count = 0;
    size_t name = add_lower_name(t, from, at);
    bool self_closing, complete;
    t->pos = read_attributes(t, at, &self_closing, &complete);
    if (!complete || t->scratch.failed)
        return false;
    count_lines(t, lt);
    *token = (html_token){
        .kind = end_tag ? HTML_TOKEN_END_TAG : HTML_TOKEN_START_TAG,
        .text = t->scratch.data + name,
        .len = at - from,
        .self_closing = self_closing,
        .line = t->line,
    };
    if (!end_tag)
        finish_attributes(t, token);
    return true;
}

/* Skips the markup declaration, processing instruction or bogus comment
 * at lt; returns the position after it. */
static size_t skip_declaration(const html_tokenizer *t, size_t lt)
{
    const char *s = t->data, *end = t->data + t->len;
    size_t rest = t->len - lt;
    if (rest >= 4 && memcmp(s + lt, "<!--", 4) == 0) {
        /* "<!-->" and "<!--->" are whole (empty) comments. */
        size_t at = lt + 4;
        if (at < t->len && s[at] == '>')
            return at + 1;
        if (at + 1 < t->len && s[at] == '-' && s[at + 1] == '>')
            return at + 2;
        for (const char *p = s + at; p < end;) {
            const char *dash = memchr(p, '-', (size_t)(end - p));
            if (dash == NULL || end - dash < 3)
                break;
            if (dash[1] == '-' && dash[2] == '>')
                return (size_t)(dash + 3 - s);
            if (dash[1] == '-' && dash[2] == '!' && end - dash >= 4 &&
                dash[3] == '>')
                return (size_t)(dash + 4 - s);
            p = dash + 1;
        }
        return t->len;
    }
    const char *gt = memchr(s + lt, '>', rest);
    return gt != NULL ? (size_t)(gt + 1 - s) : t->len;
}

/* ---- Tokens --------------------------------------------------------------- */

/* A text token for data[from..to), decoded when it holds a reference. */
static void text_token(html_tokenizer *t, size_t from, size_t to,
                       bool decode, html_token *token)
{
    const char *s = t->data + from;
    size_t len = to - from;
    *token = (html_token){
        .kind = HTML_TOKEN_TEXT, .text = s, .len = len, .in_input = true};
    if (decode && memchr(s, '&', len) != NULL) {
        t->scratch.len = 0;
        add_decoded(&t->scratch, s, len, false);
        token->text = t->scratch.data;
        token->len = t->scratch.len;
        token->in_input = false;
    }
}

bool html_tokenizer_next(html_tokenizer *t, html_token *token)
{
    while (t->pos < t->len) {
        size_t at = t->pos;
        const char *lt = memchr(t->data + at, '<', t->len - at);
        /* Text runs to the next '<' that opens markup: a '<' before
         * anything else is text. */
        while (lt != NULL) {
            size_t i = (size_t)(lt - t->data);
            unsigned char next = i + 1 < t->len ? (unsigned char)lt[1] : 0;
            if (is_alpha(next) || next == '!' || next == '?' || next == '/')
                break;
            lt = memchr(lt + 1, '<', t->len - i - 1);
        }
        size_t text_end = lt != NULL ? (size_t)(lt - t->data) : t->len;
        if (text_end > at) {
            t->pos = text_end;
            text_token(t, at, text_end, true, token);
            if (!t->scratch.failed)
                return true;
            t->nomem = true;
            return false;
        }
        size_t i = text_end;
        char next = t->data[i + 1];
        if (is_alpha((unsigned char)next) ||
            (next == '/' && i + 2 < t->len &&
             is_alpha((unsigned char)t->data[i + 2]))) {
            if (read_tag(t, i, token))
                return true;
            if (t->scratch.failed) {
                t->nomem = true;
                return false;
            }
            continue;
        }
        /* "</>" is dropped; "</" before anything else, "<!" and "<?"
         * open something to skip. */
        t->pos = skip_declaration(t, i);
    }
    return false;
}

bool html_tokenizer_raw_text(html_tokenizer *t, const char *name,
                             bool escapable, html_token *token)
{
    size_t name_len = strlen(name), at = t->pos, end = t->len;
    const char *s = t->data;
    for (;;) {
        const char *lt = memchr(s + at, '<', end - at);
        if (lt == NULL) {
            at = end;
            break;
        }
        at = (size_t)(lt - s);
        if (at + 2 + name_len <= end && s[at + 1] == '/' &&
            strncasecmp(s + at + 2, name, name_len) == 0 &&
            (at + 2 + name_len == end ||
             html_is_space((unsigned char)s[at + 2 + name_len]) ||
             s[at + 2 + name_len] == '/' || s[at + 2 + name_len] == '>'))
            break;
        at++;
    }
    size_t text_from = t->pos;
    if (at < end) {
        /* The end tag's own attributes, if any, mean nothing. */
        bool self_closing, complete;
        t->scratch.len = 0;
        t->attribute_count = 0;
        t->pos = read_attributes(t, at + 2 + name_len, &self_closing,
                                 &complete);
    } else {
        t->pos = end;
    }
    text_token(t, text_from, at, escapable, token);
    if (t->scratch.failed)
        t->nomem = true;
    return !t->scratch.failed;
}
