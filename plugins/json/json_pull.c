/*
 * A pull parser for JSON (RFC 8259): the reader asks for one token at a
 * time and builds folio's tree as the tokens come, so no tree of JSON
 * values ever stands between the text and the document.
 *
 * The writer uses jansson, but jansson only parses a whole text into its
 * own tree of values, which is several times the size of the text (a
 * hashtable per object, an allocation per string); it has no streaming
 * interface. That is why this one piece of parsing is written here.
 *
 * Strict: the grammar of RFC 8259 and nothing more (no comments, no
 * trailing commas, no leading zeros, no NaN), UTF-8 checked inside
 * strings, \u escapes with surrogate pairs, nothing after the document but
 * white space. Containers are tracked on an explicit stack, never through
 * C recursion, and nesting past a limit is refused. Every error carries
 * its line, column and byte offset.
 */
#include "json_plugin.h"

#include <folio/text.h>

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Shared helpers -------------------------------------------------------- */

void *jp_grow(void *items, size_t *capacity, size_t needed, size_t item_size)
{
    if (needed <= *capacity)
        return items;
    size_t grown = *capacity < 8 ? 16 : 2 * *capacity;
    if (grown < needed)
        grown = needed;
    if (grown > SIZE_MAX / item_size)
        return NULL;
    void *resized = realloc(items, grown * item_size);
    if (resized != NULL)
        *capacity = grown;
    return resized;
}

bool jp_buffer_append(jp_buffer *b, const char *s, size_t n)
{
    if (n == 0)
        return true;
    if (b->len + n < b->len)
        return false;
    char *data = jp_grow(b->data, &b->capacity, b->len + n, 1);
    if (data == NULL)
        return false;
    b->data = data;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    return true;
}

size_t jp_skip_space(const char *text, size_t len, size_t p)
{
    while (p < len && (text[p] == ' ' || text[p] == '\n' || text[p] == '\r' ||
                       text[p] == '\t'))
        p++;
    return p;
}

folio_status jp_error_at(const char *data, size_t len, size_t offset,
                         folio_error *err, folio_status code,
                         const char *format, ...)
{
    char message[FOLIO_ERROR_MESSAGE_SIZE];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    unsigned long line, column;
    folio_text_position(data, len, offset, &line, &column);
    folio_error_set_at(err, code, line, column, "%s", message);
    if (err != NULL) {
        err->offset = offset;
        err->has_offset = 1;
    }
    return code;
}

const char *jp_token_kind(const jp_token *token)
{
    switch (token->type) {
    case JP_TOKEN_OBJECT: return "an object";
    case JP_TOKEN_ARRAY: return "an array";
    case JP_TOKEN_STRING: return "a string";
    case JP_TOKEN_INTEGER: return "an integer";
    case JP_TOKEN_REAL: return "a real number";
    case JP_TOKEN_TRUE:
    case JP_TOKEN_FALSE: return "a boolean";
    case JP_TOKEN_NULL: return "null";
    default: return "not a value";
    }
}

/* ---- The parser's state ------------------------------------------------------ */

/* What may come next. */
enum {
    EXPECT_VALUE,        /* the document, or after ':', or after ',' in an array */
    EXPECT_VALUE_OR_END, /* after '[' */
    EXPECT_KEY,          /* after ',' in an object */
    EXPECT_KEY_OR_END,   /* after '{' */
    EXPECT_SEPARATOR     /* after a value: ',', the end of its container or of the text */
};

void jp_pull_init(jp_pull *p, const char *data, size_t len, size_t start,
                  size_t max_nesting)
{
    *p = (jp_pull){.data = data, .len = len, .pos = start,
                   .max_nesting = max_nesting, .state = EXPECT_VALUE};
}

void jp_pull_free(jp_pull *p)
{
    free(p->stack);
    free(p->key_text.data);
    free(p->value_text.data);
}

size_t jp_pull_depth(const jp_pull *p)
{
    return p->depth;
}

/* ---- Errors ---------------------------------------------------------------------- */

static folio_status syntax_error(const jp_pull *p, size_t offset,
                                 folio_error *err, const char *what)
{
    return jp_error_at(p->data, p->len, offset, err, FOLIO_ERR_SYNTAX,
                       "invalid JSON: %s", what);
}

static folio_status unexpected_end(const jp_pull *p, folio_error *err)
{
    return syntax_error(p, p->len, err, "the text ends too early");
}

/* Every byte before this point has been checked, so the input's first
 * invalid UTF-8 sequence is the one found here: the core reports it in its
 * own words. */
static folio_status encoding_error(const jp_pull *p, size_t offset,
                                   folio_error *err)
{
    folio_status status = folio_utf8_require(p->data, p->len, err);
    if (status != FOLIO_OK)
        return status;
    return syntax_error(p, offset, err, "invalid UTF-8");
}

/* "expected X, not Y", naming the character at offset (or the end). */
static folio_status unexpected(const jp_pull *p, size_t offset,
                               folio_error *err, const char *expected)
{
    if (offset >= p->len)
        return unexpected_end(p, err);
    unsigned char c = (unsigned char)p->data[offset];
    char found[16];
    if (c >= 0x80) {
        uint32_t codepoint;
        size_t n = folio_utf8_decode(p->data + offset, p->len - offset,
                                     &codepoint);
        if (n == 0)
            return encoding_error(p, offset, err);
        snprintf(found, sizeof found, "'%.*s'", (int)n, p->data + offset);
    } else if (c < 0x20 || c == 0x7F)
        snprintf(found, sizeof found, "U+%04X", c);
    else
        snprintf(found, sizeof found, "'%c'", c);
    return jp_error_at(p->data, p->len, offset, err, FOLIO_ERR_SYNTAX,
                       "invalid JSON: expected %s, not %s", expected, found);
}

/* The run of number-like or word-like bytes at offset, for messages. */
static int word_length(const jp_pull *p, size_t offset)
{
    size_t n = 0;
    while (offset + n < p->len && n < 24) {
        char c = p->data[offset + n];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' ||
              c == '_'))
            break;
        n++;
    }
    return (int)n;
}

/* ---- Containers ------------------------------------------------------------------ */

static folio_status open_container(jp_pull *p, jp_token *t, char bracket,
                                   folio_error *err)
{
    if (p->depth == p->max_nesting)
        return jp_error_at(p->data, p->len, p->pos, err, FOLIO_ERR_LIMIT,
                           "arrays and objects nested deeper than %zu levels",
                           p->max_nesting);
    char *stack = jp_grow(p->stack, &p->capacity, p->depth + 1, 1);
    if (stack == NULL)
        return jp_out_of_memory(err);
    p->stack = stack;
    p->stack[p->depth++] = bracket;
    t->type = bracket == '{' ? JP_TOKEN_OBJECT : JP_TOKEN_ARRAY;
    t->end = ++p->pos;
    p->state = bracket == '{' ? EXPECT_KEY_OR_END : EXPECT_VALUE_OR_END;
    return FOLIO_OK;
}

static void close_container(jp_pull *p, jp_token *t)
{
    t->type = JP_TOKEN_END;
    t->end = ++p->pos;
    p->depth--;
    p->state = EXPECT_SEPARATOR;
}

/* ---- Strings ---------------------------------------------------------------------- */

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The four hex digits after "\u" at offset, or -1. */
static long read_hex4(const jp_pull *p, size_t offset)
{
    if (offset > p->len || p->len - offset < 6 || p->data[offset] != '\\' ||
        p->data[offset + 1] != 'u')
        return -1;
    long value = 0;
    for (size_t i = offset + 2; i < offset + 6; i++) {
        int digit = hex_value(p->data[i]);
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

/* The escape at p->pos (its backslash) into out; moves past it. */
static folio_status read_escape(jp_pull *p, jp_buffer *out, bool *nul,
                                folio_error *err)
{
    size_t at = p->pos;
    if (at + 1 >= p->len)
        return unexpected_end(p, err);
    static const char escapes[] = "\"\"\\\\//b\bf\fn\nr\rt\t";
    char c = p->data[at + 1];
    for (size_t i = 0; i + 1 < sizeof escapes; i += 2)
        if (escapes[i] == c) {
            p->pos += 2;
            return jp_buffer_append(out, &escapes[i + 1], 1)
                       ? FOLIO_OK
                       : jp_out_of_memory(err);
        }
    if (c != 'u') {
        char what[40];
        snprintf(what, sizeof what, "invalid escape '\\%c' in a string",
                 c >= 0x20 && c < 0x7F ? c : '?');
        return syntax_error(p, at, err, what);
    }
    long unit = read_hex4(p, at);
    if (unit < 0)
        return syntax_error(p, at, err,
                            "'\\u' must be followed by four hexadecimal "
                            "digits");
    uint32_t codepoint = (uint32_t)unit;
    size_t length = 6;
    if (unit >= 0xD800 && unit <= 0xDBFF) {
        long low = read_hex4(p, at + 6);
        if (low >= 0xDC00 && low <= 0xDFFF) {
            codepoint = 0x10000 + (((uint32_t)unit - 0xD800) << 10) +
                        ((uint32_t)low - 0xDC00);
            length = 12;
        } else
            unit = -1;
    } else if (unit >= 0xDC00 && unit <= 0xDFFF)
        unit = -1;
    if (unit < 0)
        return syntax_error(p, at, err,
                            "a UTF-16 surrogate escape without its pair");
    char bytes[4];
    p->pos += length;
    *nul = *nul || codepoint == 0;
    return jp_buffer_append(out, bytes, folio_utf8_encode(codepoint, bytes))
               ? FOLIO_OK
               : jp_out_of_memory(err);
}

/*
 * The string whose opening quote is at p->pos. Without escapes the text
 * points into the input; with them it is decoded into scratch. *nul says
 * whether the text holds U+0000.
 */
static folio_status read_string(jp_pull *p, jp_buffer *scratch, jp_token *t,
                                bool *nul, folio_error *err)
{
    const char *data = p->data;
    size_t run = ++p->pos;
    bool escaped = false;
    *nul = false;
    for (;;) {
        size_t pos = p->pos;
        unsigned char high = 0;
        while (pos < p->len) {
            unsigned char c = (unsigned char)data[pos];
            if (c < 0x20 || c == '"' || c == '\\')
                break;
            high |= c;
            pos++;
        }
        p->pos = pos;
        size_t bad;
        if ((high & 0x80) && !folio_utf8_valid(data + run, pos - run, &bad))
            return encoding_error(p, run + bad, err);
        if (pos == p->len)
            return syntax_error(p, pos, err, "the text ends inside a string");
        if (escaped && !jp_buffer_append(scratch, data + run, pos - run))
            return jp_out_of_memory(err);
        char c = data[pos];
        if (c == '"') {
            t->text = escaped ? scratch->data : data + t->offset + 1;
            t->len = escaped ? scratch->len : pos - run;
            t->end = ++p->pos;
            return FOLIO_OK;
        }
        if (c != '\\') {
            char what[64];
            snprintf(what, sizeof what,
                     "control character U+%04X in a string (write it as an "
                     "escape)",
                     (unsigned)c);
            return syntax_error(p, pos, err, what);
        }
        if (!escaped) {
            scratch->len = 0;
            if (!jp_buffer_append(scratch, data + t->offset + 1, pos - run))
                return jp_out_of_memory(err);
            escaped = true;
        }
        folio_status status = read_escape(p, scratch, nul, err);
        if (status != FOLIO_OK)
            return status;
        run = p->pos;
    }
}

/* ---- Numbers and words --------------------------------------------------------- */

static bool is_digit(const jp_pull *p, size_t pos)
{
    return pos < p->len && p->data[pos] >= '0' && p->data[pos] <= '9';
}

static size_t skip_digits(const jp_pull *p, size_t pos)
{
    while (is_digit(p, pos))
        pos++;
    return pos;
}

/* Past the number at start by RFC 8259's grammar, or 0 if it breaks it. */
static size_t number_end(const jp_pull *p, size_t start, bool *real)
{
    size_t pos = start + (p->data[start] == '-');
    if (!is_digit(p, pos))
        return 0;
    pos = p->data[pos] == '0' ? pos + 1 : skip_digits(p, pos);
    *real = false;
    if (pos < p->len && p->data[pos] == '.') {
        if (!is_digit(p, ++pos))
            return 0;
        pos = skip_digits(p, pos);
        *real = true;
    }
    if (pos < p->len && (p->data[pos] == 'e' || p->data[pos] == 'E')) {
        pos++;
        if (pos < p->len && (p->data[pos] == '+' || p->data[pos] == '-'))
            pos++;
        if (!is_digit(p, pos))
            return 0;
        pos = skip_digits(p, pos);
        *real = true;
    }
    /* A digit right after is a leading zero: "01". */
    return is_digit(p, pos) ? 0 : pos;
}

static folio_status too_big(const jp_pull *p, const jp_token *t,
                            folio_error *err, const char *what)
{
    int n = (int)(t->end - t->offset);
    return jp_error_at(p->data, p->len, t->offset, err,
                       FOLIO_ERR_UNSUPPORTED, "the number %.*s%s %s",
                       n > 40 ? 40 : n, p->data + t->offset,
                       n > 40 ? "..." : "", what);
}

static folio_status parse_integer(const jp_pull *p, jp_token *t,
                                  folio_error *err)
{
    bool negative = p->data[t->offset] == '-';
    uint64_t limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    uint64_t value = 0;
    for (size_t i = t->offset + negative; i < t->end; i++) {
        unsigned digit = (unsigned)(p->data[i] - '0');
        if (value > (limit - digit) / 10)
            return too_big(p, t, err, "does not fit in 64 bits");
        value = value * 10 + digit;
    }
    t->integer = negative ? (int64_t)(0 - value) : (int64_t)value;
    return FOLIO_OK;
}

/* strtod reads the decimal point of the host's locale (a program embedding
 * folio may have set one); JSON's is always ".". */
static folio_status parse_real(jp_pull *p, jp_token *t, folio_error *err)
{
    const char *point = localeconv()->decimal_point;
    size_t point_len = strlen(point);
    jp_buffer *text = &p->value_text;
    text->len = 0;
    for (size_t i = t->offset; i < t->end; i++) {
        bool ok = p->data[i] == '.' && point_len > 0
                      ? jp_buffer_append(text, point, point_len)
                      : jp_buffer_append(text, p->data + i, 1);
        if (!ok)
            return jp_out_of_memory(err);
    }
    if (!jp_buffer_append(text, "", 1))
        return jp_out_of_memory(err);
    t->real = strtod(text->data, NULL);
    if (isinf(t->real))
        return too_big(p, t, err, "is beyond the range of a double");
    return FOLIO_OK;
}

static folio_status read_number(jp_pull *p, jp_token *t, folio_error *err)
{
    bool real;
    size_t end = number_end(p, p->pos, &real);
    if (end == 0) {
        char what[64];
        snprintf(what, sizeof what, "invalid number '%.*s'",
                 word_length(p, p->pos), p->data + p->pos);
        return syntax_error(p, p->pos, err, what);
    }
    t->end = p->pos = end;
    t->type = real ? JP_TOKEN_REAL : JP_TOKEN_INTEGER;
    return real ? parse_real(p, t, err) : parse_integer(p, t, err);
}

static folio_status read_word(jp_pull *p, jp_token *t, folio_error *err)
{
    static const struct {
        const char *word;
        jp_token_type type;
    } words[] = {{"true", JP_TOKEN_TRUE},
                 {"false", JP_TOKEN_FALSE},
                 {"null", JP_TOKEN_NULL}};
    int n = word_length(p, p->pos);
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i].word) == (size_t)n &&
            memcmp(p->data + p->pos, words[i].word, (size_t)n) == 0) {
            t->type = words[i].type;
            t->end = p->pos += (size_t)n;
            return FOLIO_OK;
        }
    char what[64];
    snprintf(what, sizeof what, "'%.*s' is not a JSON value", n,
             p->data + p->pos);
    return syntax_error(p, p->pos, err, what);
}

/* ---- Tokens ---------------------------------------------------------------------- */

static folio_status read_value(jp_pull *p, jp_token *t, folio_error *err)
{
    if (p->pos == p->len)
        return unexpected_end(p, err);
    char c = p->data[p->pos];
    folio_status status;
    if (c == '{' || c == '[')
        return open_container(p, t, c, err);
    if (c == '"') {
        bool nul;
        t->type = JP_TOKEN_STRING;
        status = read_string(p, &p->value_text, t, &nul, err);
    } else if (c == '-' || (c >= '0' && c <= '9'))
        status = read_number(p, t, err);
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        status = read_word(p, t, err);
    else
        return unexpected(p, p->pos, err, "a value");
    p->state = EXPECT_SEPARATOR;
    return status;
}

static folio_status read_key(jp_pull *p, jp_token *t, folio_error *err)
{
    if (p->pos == p->len || p->data[p->pos] != '"')
        return unexpected(p, p->pos, err, "a member name in double quotes");
    bool nul;
    t->type = JP_TOKEN_KEY;
    folio_status status = read_string(p, &p->key_text, t, &nul, err);
    if (status != FOLIO_OK)
        return status;
    if (nul)
        return jp_error_at(p->data, p->len, t->offset, err,
                           FOLIO_ERR_UNSUPPORTED,
                           "member names containing U+0000 are not "
                           "supported");
    p->pos = jp_skip_space(p->data, p->len, p->pos);
    if (p->pos == p->len || p->data[p->pos] != ':')
        return unexpected(p, p->pos, err, "':' after the member name");
    p->pos++;
    p->state = EXPECT_VALUE;
    return FOLIO_OK;
}

folio_status jp_pull_next(jp_pull *p, jp_token *t, folio_error *err)
{
    for (;;) {
        p->pos = jp_skip_space(p->data, p->len, p->pos);
        t->offset = p->pos;
        bool at_end = p->pos == p->len;
        char c = at_end ? '\0' : p->data[p->pos];
        char closing = p->depth == 0 ? '\0'
                       : p->stack[p->depth - 1] == '{' ? '}'
                                                       : ']';
        switch (p->state) {
        case EXPECT_VALUE_OR_END:
        case EXPECT_KEY_OR_END:
            if (!at_end && c == closing) {
                close_container(p, t);
                return FOLIO_OK;
            }
            return p->state == EXPECT_KEY_OR_END ? read_key(p, t, err)
                                                 : read_value(p, t, err);
        case EXPECT_KEY:
            return read_key(p, t, err);
        case EXPECT_VALUE:
            return read_value(p, t, err);
        default:
            break;
        }
        if (p->depth == 0) {
            if (!at_end)
                return unexpected(p, p->pos, err,
                                  "nothing after the end of the document");
            t->type = JP_TOKEN_DONE;
            t->end = p->pos;
            return FOLIO_OK;
        }
        if (!at_end && c == closing) {
            close_container(p, t);
            return FOLIO_OK;
        }
        if (at_end || c != ',')
            return unexpected(p, p->pos, err,
                              closing == '}' ? "',' or '}'" : "',' or ']'");
        p->pos++;
        p->state = closing == '}' ? EXPECT_KEY : EXPECT_VALUE;
    }
}
