#include <folio/text.h>

#include <string.h>

/* Length of the valid UTF-8 sequence at s (at most len bytes), or 0. Follows
 * the table of well-formed sequences in the Unicode standard (D92). */
static size_t utf8_sequence_length(const unsigned char *s, size_t len)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t need;
    unsigned char low = 0x80, high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        need = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0)
            low = 0xA0;
        else if (c == 0xED)
            high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0)
            low = 0x90;
        else if (c == 0xF4)
            high = 0x8F;
    } else
        return 0;
    if (len < need || s[1] < low || s[1] > high)
        return 0;
    for (size_t i = 2; i < need; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return need;
}

size_t folio_utf8_decode(const char *s, size_t len, uint32_t *codepoint)
{
    if (len == 0)
        return 0;
    const unsigned char *p = (const unsigned char *)s;
    size_t n = utf8_sequence_length(p, len);
    static const unsigned char lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    if (n == 0)
        return 0;
    uint32_t value = p[0] & lead_mask[n];
    for (size_t i = 1; i < n; i++)
        value = (value << 6) | (p[i] & 0x3F);
    *codepoint = value;
    return n;
}

size_t folio_utf8_encode(uint32_t codepoint, char out[4])
{
    uint32_t c = codepoint;
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

bool folio_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* ASCII runs are the common case: skip them eight bytes at a time. */
        while (i + 8 <= len) {
            unsigned long long word;
            memcpy(&word, p + i, 8);
            if (word & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        size_t n = utf8_sequence_length(p + i, len - i);
        if (n == 0) {
            if (bad_offset != NULL)
                *bad_offset = i;
            return false;
        }
        i += n;
    }
    return true;
}

void folio_text_position(const char *data, size_t len, size_t offset,
                         unsigned long *line, unsigned long *column)
{
    unsigned long l = 1;
    size_t line_start = 0;
    if (offset > len)
        offset = len;
    for (size_t i = 0; i < offset; i++) {
        if (data[i] == '\n' || (data[i] == '\r' &&
                                (i + 1 >= len || data[i + 1] != '\n'))) {
            l++;
            line_start = i + 1;
        }
    }
    *line = l;
    *column = (unsigned long)(offset - line_start) + 1;
}

size_t folio_text_line_end(const char *s, size_t len, size_t start)
{
    /* Two memchr calls, not a test per byte: readers walk every line. */
    if (start >= len)
        return len;
    const char *newline = memchr(s + start, '\n', len - start);
    size_t stop = newline != NULL ? (size_t)(newline - s) : len;
    const char *cr = memchr(s + start, '\r', stop - start);
    return cr != NULL ? (size_t)(cr - s) : stop;
}

folio_status folio_utf8_require(const char *data, size_t len,
                                folio_error *err)
{
    size_t bad;
    if (folio_utf8_valid(data, len, &bad))
        return FOLIO_OK;
    unsigned long line, column;
    folio_text_position(data, len, bad, &line, &column);
    folio_error_set_at(err, FOLIO_ERR_ENCODING, line, column,
                       "invalid UTF-8 (byte 0x%02X at offset %zu)",
                       (unsigned)(unsigned char)data[bad], bad);
    if (err != NULL) {
        err->offset = bad;
        err->has_offset = 1;
    }
    return FOLIO_ERR_ENCODING;
}
