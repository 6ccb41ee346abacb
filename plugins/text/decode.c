/*
 * Input bytes to UTF-8.
 *
 * Automatic detection, in order: a UTF-16 byte order mark (FF FE, FE FF);
 * valid UTF-8 (a UTF-8 BOM dropped); otherwise Windows-1252. The fallback
 * goes byte by byte: a valid UTF-8 sequence is kept and every other byte is
 * read as Windows-1252, so an archive file pasted together from UTF-8 and
 * legacy pieces comes out right in both parts. In real Windows-1252 text a
 * byte pair that happens to be valid UTF-8 ("Ã©") is itself a relic of an
 * earlier mis-decoding, so keeping it as UTF-8 repairs rather than harms.
 *
 * Latin-1 is read as Windows-1252, as the WHATWG encoding standard does for
 * the labels "latin1" and "iso-8859-1": the bytes 0x80-0x9F are C1 control
 * codes in ISO-8859-1, which no text means, and Windows-1252 punctuation in
 * the files that claim it.
 */
#include "text_plugin.h"

#include <folio/text.h>

#include <stdlib.h>
#include <string.h>

/* Windows-1252 0x80-0x9F. The five bytes it leaves undefined map to the C1
 * control of the same number, as WHATWG does, so no byte is lost. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static const struct {
    const char *name;
    tx_encoding encoding;
} encoding_names[] = {
    {"auto", TX_ENC_AUTO},           {"utf-8", TX_ENC_UTF8},
    {"utf8", TX_ENC_UTF8},           {"utf-16", TX_ENC_UTF16},
    {"utf-16le", TX_ENC_UTF16LE},    {"utf-16be", TX_ENC_UTF16BE},
    {"windows-1252", TX_ENC_CP1252}, {"cp1252", TX_ENC_CP1252},
    {"latin1", TX_ENC_CP1252},       {"iso-8859-1", TX_ENC_CP1252},
};

static bool same_name(const char *a, const char *b)
{
    for (; *a != '\0' && *b != '\0'; a++, b++) {
        char ca = (*a >= 'A' && *a <= 'Z') ? (char)(*a - 'A' + 'a') : *a;
        if (ca != *b)
            return false;
    }
    return *a == *b;
}

bool tx_encoding_from_name(const char *name, tx_encoding *out)
{
    for (size_t i = 0; i < sizeof encoding_names / sizeof *encoding_names;
         i++)
        if (same_name(name, encoding_names[i].name)) {
            *out = encoding_names[i].encoding;
            return true;
        }
    return false;
}

static bool starts_with(const char *data, size_t len, const char *bytes,
                        size_t n)
{
    return len >= n && memcmp(data, bytes, n) == 0;
}

/* Every byte as Windows-1252, or (keep_utf8) valid UTF-8 sequences kept
 * and the other bytes as Windows-1252. */
static void decode_cp1252(const char *data, size_t len, bool keep_utf8,
                          tx_buf *out)
{
    const unsigned char *p = (const unsigned char *)data;
    for (size_t i = 0; i < len;) {
        uint32_t codepoint;
        size_t n = keep_utf8 ? folio_utf8_decode(data + i, len - i, &codepoint)
                             : 0;
        if (n > 0) {
            tx_buf_add(out, data + i, n);
            i += n;
            continue;
        }
        unsigned char c = p[i++];
        if (c < 0x80)
            tx_buf_putc(out, (char)c);
        else if (c < 0xA0)
            tx_buf_put_cp(out, cp1252_high[c - 0x80]);
        else
            tx_buf_put_cp(out, c);
    }
}

static uint32_t unit_at(const unsigned char *p, bool big)
{
    return big ? ((uint32_t)p[0] << 8 | p[1]) : ((uint32_t)p[1] << 8 | p[0]);
}

/* UTF-16 from byte start. A broken surrogate pair or an odd trailing byte
 * is an error at its byte offset; the line and column (in bytes) are
 * counted in the UTF-16 input, line ends being LF, CRLF or CR units. */
static folio_status decode_utf16(const char *data, size_t len, size_t start,
                                 bool big, tx_buf *out, folio_error *err)
{
    const unsigned char *p = (const unsigned char *)data;
    unsigned long line = 1;
    size_t line_start = start;
    const char *problem = NULL;
    size_t i = start;
    for (; i + 1 < len; i += 2) {
        uint32_t unit = unit_at(p + i, big);
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            uint32_t low = i + 3 < len ? unit_at(p + i + 2, big) : 0;
            if (low < 0xDC00 || low > 0xDFFF) {
                problem = "a high surrogate without its low half";
                break;
            }
            tx_buf_put_cp(out, 0x10000 + ((unit - 0xD800) << 10) +
                                   (low - 0xDC00));
            i += 2;
            continue;
        }
        if (unit >= 0xDC00 && unit <= 0xDFFF) {
            problem = "a low surrogate without its high half";
            break;
        }
        bool crlf = unit == '\r' && i + 3 < len &&
                    unit_at(p + i + 2, big) == '\n';
        if (unit == '\n' || (unit == '\r' && !crlf)) {
            line++;
            line_start = i + 2;
        }
        tx_buf_put_cp(out, unit);
    }
    if (problem == NULL && i < len)
        problem = "an odd byte at the end";
    if (problem == NULL)
        return FOLIO_OK;
    folio_error_set_at(err, FOLIO_ERR_ENCODING, line, i - line_start + 1,
                       "invalid %s (%s at offset %zu)",
                       big ? "UTF-16BE" : "UTF-16LE", problem, i);
    if (err != NULL) {
        err->offset = i;
        err->has_offset = 1;
    }
    return FOLIO_ERR_ENCODING;
}

static folio_status borrow(const char *data, size_t len, size_t skip,
                           tx_text *out)
{
    *out = (tx_text){data + skip, len - skip, NULL};
    return FOLIO_OK;
}

folio_status tx_decode(const char *data, size_t len, tx_encoding encoding,
                       tx_text *out, folio_error *err)
{
    static const char bom8[] = "\xEF\xBB\xBF", bom_le[] = "\xFF\xFE",
                      bom_be[] = "\xFE\xFF";
    bool has8 = starts_with(data, len, bom8, 3);
    bool has_le = starts_with(data, len, bom_le, 2);
    bool has_be = starts_with(data, len, bom_be, 2);
    *out = (tx_text){NULL, 0, NULL};
    if (encoding == TX_ENC_AUTO && (has_le || has_be))
        encoding = has_le ? TX_ENC_UTF16LE : TX_ENC_UTF16BE;
    if (encoding == TX_ENC_UTF16)
        encoding = has_be ? TX_ENC_UTF16BE : TX_ENC_UTF16LE;

    tx_buf buf = {0};
    folio_status status = FOLIO_OK;
    switch (encoding) {
    case TX_ENC_UTF8:
        status = folio_utf8_require(data, len, err);
        return status == FOLIO_OK ? borrow(data, len, has8 ? 3 : 0, out)
                                  : status;
    case TX_ENC_AUTO:
        if (folio_utf8_valid(data, len, NULL))
            return borrow(data, len, has8 ? 3 : 0, out);
        decode_cp1252(data + (has8 ? 3 : 0), len - (has8 ? 3 : 0), true,
                      &buf);
        break;
    case TX_ENC_CP1252:
        decode_cp1252(data, len, false, &buf);
        break;
    case TX_ENC_UTF16:
    case TX_ENC_UTF16LE:
        status = decode_utf16(data, len, has_le ? 2 : 0, false, &buf, err);
        break;
    case TX_ENC_UTF16BE:
        status = decode_utf16(data, len, has_be ? 2 : 0, true, &buf, err);
        break;
    }
    if (status == FOLIO_OK && buf.failed)
        status = folio_error_set(err, FOLIO_ERR_NOMEM,
                                 "out of memory decoding the text");
    if (status != FOLIO_OK) {
        tx_buf_free(&buf);
        return status;
    }
    /* A BOM-less UTF-16 text or forced encoding may still begin with
     * U+FEFF, which is a BOM there too. */
    size_t skip = starts_with(buf.data, buf.len, bom8, 3) ? 3 : 0;
    *out = (tx_text){buf.data != NULL ? buf.data + skip : "",
                     buf.len - skip, buf.data};
    return FOLIO_OK;
}

void tx_text_free(tx_text *text)
{
    free(text->owned);
    *text = (tx_text){NULL, 0, NULL};
}
