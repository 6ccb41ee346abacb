/*
 * Charset sniffing and decoding to UTF-8.
 *
 * Everything after this step reads valid UTF-8 without NUL: the tokenizer
 * scans bytes for '<' and '&' and never checks a sequence, and the DOM's
 * strings end at NUL. (libxml2's converters are not used: their errors go
 * to the process-wide error handler, which prints to stderr.)
 *
 * The rules are the WHATWG encoding standard's, trimmed to what an archive
 * needs: the labels ascii, iso-8859-1 and latin1 mean windows-1252, whose
 * five unassigned bytes become the C1 controls of the same number; other
 * labels are decoded with iconv (glibc knows them all).
 */
#include "html.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <folio/text.h>

/* How far into the input a <meta> charset declaration is looked for. The
 * standard says 1024 bytes; pages in archives often carry long comments
 * and scripts first, and a false hit this early in a page is very rare. */
#define PRESCAN_BYTES 4096

/* Longest encoding label kept. */
#define LABEL_MAX 40

typedef enum encoding {
    ENC_UTF8,
    ENC_WINDOWS_1252,
    ENC_UTF16LE,
    ENC_UTF16BE,
    ENC_ICONV  /* any other: the iconv name is in the label */
} encoding;

static const char *const windows_1252_labels[] = {
    "windows-1252", "cp1252", "x-cp1252", "ascii", "us-ascii", "iso-8859-1",
    "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "latin1", "l1",
    "cp819", "ibm819", "iso-ir-100", "csisolatin1", "ansi_x3.4-1968",
    "x-user-defined", NULL,
};

static const char *const utf8_labels[] = {
    "utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8",
    "x-unicode20utf8", NULL,
};

/* Labels whose WHATWG meaning is a superset iconv calls otherwise. */
static const struct {
    const char *label;
    const char *iconv_name;
} supersets[] = {
    {"gb2312", "GB18030"},       {"gbk", "GB18030"},
    {"x-gbk", "GB18030"},        {"chinese", "GB18030"},
    {"csgb2312", "GB18030"},     {"gb_2312-80", "GB18030"},
    {"big5", "BIG5-HKSCS"},      {"cn-big5", "BIG5-HKSCS"},
    {"x-x-big5", "BIG5-HKSCS"},  {"shift_jis", "CP932"},
    {"sjis", "CP932"},           {"ms_kanji", "CP932"},
    {"x-sjis", "CP932"},         {"windows-31j", "CP932"},
    {"euc-kr", "CP949"},         {"ks_c_5601-1987", "CP949"},
    {"korean", "CP949"},         {"iso-8859-9", "CP1254"},
    {"latin5", "CP1254"},        {"tis-620", "CP874"},
    {"iso-8859-11", "CP874"},
};

static bool in_list(const char *const *list, const char *label)
{
    for (size_t i = 0; list[i] != NULL; i++)
        if (strcasecmp(list[i], label) == 0)
            return true;
    return false;
}

/* Maps a label (trimmed, NUL-terminated, at most LABEL_MAX) to an
 * encoding; for ENC_ICONV, rewrites label to the name iconv knows. */
static encoding from_label(char *label, bool in_meta)
{
    if (in_list(utf8_labels, label))
        return ENC_UTF8;
    if (in_list(windows_1252_labels, label))
        return ENC_WINDOWS_1252;
    if (strncasecmp(label, "utf-16", 6) == 0) {
        /* A UTF-16 label read from ASCII bytes is a lie: the standard says
         * UTF-8. Asked for on the command line, it is meant. */
        if (in_meta)
            return ENC_UTF8;
        return strcasecmp(label, "utf-16be") == 0 ? ENC_UTF16BE : ENC_UTF16LE;
    }
    for (size_t i = 0; i < sizeof supersets / sizeof supersets[0]; i++)
        if (strcasecmp(label, supersets[i].label) == 0) {
            strcpy(label, supersets[i].iconv_name);
            break;
        }
    return ENC_ICONV;
}

/* ---- The <meta> prescan --------------------------------------------------- */

static bool starts_with_ci(const char *s, size_t len, size_t at,
                           const char *prefix)
{
    size_t n = strlen(prefix);
    return at + n <= len && strncasecmp(s + at, prefix, n) == 0;
}

/* Copies a label of n bytes at s, trimmed, into label; false when empty
 * or too long. */
static bool take_label(const char *s, size_t n, char *label)
{
    while (n > 0 && html_is_space((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n > 0 && html_is_space((unsigned char)s[n - 1]))
        n--;
    if (n == 0 || n > LABEL_MAX)
        return false;
    memcpy(label, s, n);
    label[n] = '\0';
    return true;
}

/* The charset named in a Content-Type value ("text/html; charset=x"). */
static bool charset_in_content(const char *s, size_t n, char *label)
{
    for (size_t i = 0; i + 7 <= n; i++) {
        if (strncasecmp(s + i, "charset", 7) != 0)
            continue;
        size_t p = i + 7;
        while (p < n && html_is_space((unsigned char)s[p]))
            p++;
        if (p >= n || s[p] != '=')
            continue;
        p++;
        while (p < n && html_is_space((unsigned char)s[p]))
            p++;
        char quote = p < n && (s[p] == '"' || s[p] == '\'') ? s[p++] : 0;
        size_t start = p;
        while (p < n && s[p] != quote && s[p] != ';' &&
               (quote != 0 || !html_is_space((unsigned char)s[p])))
            p++;
        return take_label(s + start, p - start, label);
    }
    return false;
}

/* One attribute of a tag at *p: name and value spans; false at the tag's
 * end (*p then after the '>'). */
static bool next_attribute(const char *s, size_t len, size_t *p,
                           size_t *name, size_t *name_len, size_t *value,
                           size_t *value_len)
{
    size_t i = *p;
    while (i < len && (html_is_space((unsigned char)s[i]) || s[i] == '/'))
        i++;
    if (i >= len || s[i] == '>') {
        *p = i + 1;
        return false;
    }
    *name = i;
    while (i < len && s[i] != '=' && s[i] != '>' && s[i] != '/' &&
           !html_is_space((unsigned char)s[i]))
        i++;
    *name_len = i - *name;
    while (i < len && html_is_space((unsigned char)s[i]))
        i++;
    *value = i;
    *value_len = 0;
    if (i < len && s[i] == '=') {
        i++;
        while (i < len && html_is_space((unsigned char)s[i]))
            i++;
        if (i < len && (s[i] == '"' || s[i] == '\'')) {
            char quote = s[i++];
            *value = i;
            while (i < len && s[i] != quote)
                i++;
            *value_len = i - *value;
            if (i < len)
                i++;
        } else {
            *value = i;
            while (i < len && s[i] != '>' &&
                   !html_is_space((unsigned char)s[i]))
                i++;
            *value_len = i - *value;
        }
    }
    *p = i;
    return true;
}

static bool name_is(const char *s, size_t start, size_t n, const char *name)
{
    return strlen(name) == n && strncasecmp(s + start, name, n) == 0;
}

/* Reads the attributes of a <meta> tag from *p; true with label filled
 * when it declares a charset. */
static bool meta_charset(const char *s, size_t len, size_t *p, char *label)
{
    bool pragma = false, found = false;
    char from_content[LABEL_MAX + 1];
    bool have_content = false;
    size_t name, name_len, value, value_len;
    while (next_attribute(s, len, p, &name, &name_len, &value, &value_len)) {
        if (name_is(s, name, name_len, "charset") && !found)
            found = take_label(s + value, value_len, label);
        else if (name_is(s, name, name_len, "http-equiv"))
            pragma = name_is(s, value, value_len, "content-type");
        else if (name_is(s, name, name_len, "content") && !have_content)
            have_content =
                charset_in_content(s + value, value_len, from_content);
    }
    if (!found && pragma && have_content) {
        strcpy(label, from_content);
        found = true;
    }
    return found;
}

static bool prescan(const char *s, size_t len, char *label)
{
    size_t end = len < PRESCAN_BYTES ? len : PRESCAN_BYTES;
    size_t i = 0;
    while (i < end) {
        if (starts_with_ci(s, end, i, "<!--")) {
            const char *close = NULL;
            for (size_t j = i + 4; j + 3 <= end; j++)
                if (memcmp(s + j, "-->", 3) == 0) {
                    close = s + j;
                    break;
                }
            if (close == NULL)
                return false;
            i = (size_t)(close - s) + 3;
        } else if (starts_with_ci(s, end, i, "<meta") && i + 5 < end &&
                   (html_is_space((unsigned char)s[i + 5]) ||
                    s[i + 5] == '/')) {
            i += 5;
            if (meta_charset(s, end, &i, label))
                return true;
        } else
            i++;
    }
    return false;
}

/* ---- Decoders ------------------------------------------------------------- */

/* windows-1252 bytes 0x80 to 0x9F; the rest of the range is Latin-1. */
static const uint16_t windows_1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static void add_code_point(html_buf *out, uint32_t c)
{
    char b[4];
    html_buf_add(out, b, folio_utf8_encode(c, b));
}

#define REPLACEMENT "\xEF\xBF\xBD"

static void decode_windows_1252(const char *data, size_t len, html_buf *out)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c < 0x80)
            continue;
        html_buf_add(out, data + run, i - run);
        add_code_point(out, c < 0xA0 ? windows_1252_high[c - 0x80] : c);
        run = i + 1;
    }
    html_buf_add(out, data + run, len - run);
}

/* Decodes with iconv; false when iconv does not know the name. A byte (or
 * a UTF-16 unit) it cannot convert becomes U+FFFD. */
static bool decode_iconv(const char *name, size_t unit, const char *data,
                         size_t len, html_buf *out)
{
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return false;
    char chunk[4096];
    char *in = (char *)data;
    size_t in_left = len;
    while (in_left > 0 && !out->failed) {
        char *o = chunk;
        size_t o_left = sizeof chunk;
        size_t r = iconv(cd, &in, &in_left, &o, &o_left);
        html_buf_add(out, chunk, (size_t)(o - chunk));
        if (r != (size_t)-1 || errno == E2BIG)
            continue;
        html_buf_add(out, REPLACEMENT, 3);
        size_t skip = in_left < unit ? in_left : unit;
        in += skip;
        in_left -= skip;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    char *o = chunk;
    size_t o_left = sizeof chunk;
    iconv(cd, NULL, NULL, &o, &o_left);
    html_buf_add(out, chunk, (size_t)(o - chunk));
    iconv_close(cd);
    return true;
}

/* Copies UTF-8 with each invalid sequence and each NUL replaced by
 * U+FFFD: a NUL would end a string of the DOM. */
static void clean_utf8(const char *data, size_t len, html_buf *out)
{
    size_t at = 0;
    const char *nul = memchr(data, '\0', len);
    size_t stop = nul != NULL ? (size_t)(nul - data) : len;
    while (at < len && !out->failed) {
        if (at > stop) {
            nul = memchr(data + at, '\0', len - at);
            stop = nul != NULL ? (size_t)(nul - data) : len;
        }
        size_t bad;
        if (folio_utf8_valid(data + at, stop - at, &bad))
            bad = stop - at;
        html_buf_add(out, data + at, bad);
        at += bad;
        if (at >= len)
            break;
        bool was_nul = data[at] == '\0';
        html_buf_add(out, REPLACEMENT, 3);
        at++;
        /* The rest of a broken sequence is its continuation bytes. */
        while (!was_nul && at < stop &&
               ((unsigned char)data[at] & 0xC0) == 0x80)
            at++;
    }
}

/* Whether UTF-8 known to be valid (or not checked yet) can go to the
 * parser as it is: valid and without NUL. */
static bool is_clean_utf8(const char *data, size_t len, bool known_valid)
{
    return memchr(data, '\0', len) == NULL &&
           (known_valid || folio_utf8_valid(data, len, NULL));
}

folio_status html_decode(const char *data, size_t len, const char *forced,
                         html_utf8 *out, folio_error *err)
{
    *out = (html_utf8){0};
    char label[LABEL_MAX + 1];
    encoding enc;
    size_t skip = 0;
    bool known_valid = false;
    if (forced != NULL) {
        if (!take_label(forced, strlen(forced), label))
            return folio_error_set(err, FOLIO_ERR_ARGUMENT,
                                   "--encoding needs an encoding name");
        enc = from_label(label, false);
    } else if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        enc = ENC_UTF8;
        skip = 3;
    } else if (len >= 2 && memcmp(data, "\xFF\xFE", 2) == 0) {
        enc = ENC_UTF16LE;
        skip = 2;
    } else if (len >= 2 && memcmp(data, "\xFE\xFF", 2) == 0) {
        enc = ENC_UTF16BE;
        skip = 2;
    } else if (prescan(data, len, label)) {
        enc = from_label(label, true);
    } else {
        known_valid = folio_utf8_valid(data, len, NULL);
        enc = known_valid ? ENC_UTF8 : ENC_WINDOWS_1252;
    }
    if (forced != NULL) {
        /* A byte-order mark that agrees with the forced encoding is not
         * content. */
        if (enc == ENC_UTF8 && len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
            skip = 3;
        else if ((enc == ENC_UTF16LE && len >= 2 &&
                  memcmp(data, "\xFF\xFE", 2) == 0) ||
                 (enc == ENC_UTF16BE && len >= 2 &&
                  memcmp(data, "\xFE\xFF", 2) == 0))
            skip = 2;
    }
    data += skip;
    len -= skip;

    html_buf decoded = {0};
    const char *utf8 = data;
    size_t utf8_len = len;
    bool known = true;
    switch (enc) {
    case ENC_UTF8:
        break;
    case ENC_WINDOWS_1252:
        decode_windows_1252(data, len, &decoded);
        break;
    case ENC_UTF16LE:
        known = decode_iconv("UTF-16LE", 2, data, len, &decoded);
        break;
    case ENC_UTF16BE:
        known = decode_iconv("UTF-16BE", 2, data, len, &decoded);
        break;
    case ENC_ICONV:
        known = decode_iconv(label, 1, data, len, &decoded);
        if (!known && forced == NULL) {
            /* An unknown declaration: fall back as if there were none. */
            known = true;
            if (!folio_utf8_valid(data, len, NULL))
                decode_windows_1252(data, len, &decoded);
        }
        break;
    }
    if (!known) {
        html_buf_free(&decoded);
        return folio_error_set(err, FOLIO_ERR_ARGUMENT,
                               "unknown encoding '%s'", label);
    }
    if (enc == ENC_UTF8 && is_clean_utf8(data, len, known_valid)) {
        /* The common case: the input itself, no copy. */
        *out = (html_utf8){data, len, NULL};
        return FOLIO_OK;
    }
    if (decoded.data != NULL || decoded.failed) {
        utf8 = decoded.data;
        utf8_len = decoded.len;
    }
    html_buf clean = {0};
    if (!decoded.failed)
        clean_utf8(utf8 != NULL ? utf8 : "", utf8_len, &clean);
    html_buf_add(&clean, "", 1);
    bool failed = decoded.failed || clean.failed;
    html_buf_free(&decoded);
    if (failed) {
        html_buf_free(&clean);
        return html_nomem(err);
    }
    *out = (html_utf8){clean.data, clean.len - 1, clean.data};
    return FOLIO_OK;
}
