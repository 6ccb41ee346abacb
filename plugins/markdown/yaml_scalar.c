/*
 * YAML 1.1 scalar types, as the reader and the writer of front matter see
 * them. libyaml parses and emits but leaves typing to its caller; Jekyll
 * (Ruby's Psych) and PyYAML type plain scalars by the YAML 1.1 rules, so
 * folio does too, with their two deliberate departures from the letter of
 * the spec: "y" and "n" stay strings, and timestamps are kept as the
 * string written (folio has no date type; a date's text is its most
 * faithful form). The writer quotes every string some reader would type
 * otherwise, dates included, so that it stays a string everywhere.
 */
#include "markdown.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool is_one_of(const char *s, size_t len, const char *const *words)
{
    for (; *words != NULL; words++)
        if (strlen(*words) == len && memcmp(s, *words, len) == 0)
            return true;
    return false;
}

static const char *const null_words[] = {"~", "null", "Null", "NULL", NULL};
static const char *const true_words[] = {"true", "True", "TRUE", "yes",
                                         "Yes",  "YES",  "on",   "On",
                                         "ON",   NULL};
static const char *const false_words[] = {"false", "False", "FALSE", "no",
                                          "No",    "NO",    "off",   "Off",
                                          "OFF",   NULL};

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return 99;
}

/* Digits of one base with '_' separators anywhere, as YAML 1.1 allows.
 * Accumulates the magnitude in *value; false on a bad digit, no digit at
 * all, or a magnitude beyond 2^63 (which would not survive as int64). */
static bool parse_digits(const char *s, size_t len, int base,
                         uint64_t *value)
{
    uint64_t v = 0;
    bool any = false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '_')
            continue;
        int d = digit_value(s[i]);
        if (d >= base)
            return false;
        if (v > (UINT64_C(1) << 63) / (uint64_t)base)
            return false;
        v = v * (uint64_t)base + (uint64_t)d;
        if (v > (UINT64_C(1) << 63))
            return false;
        any = true;
    }
    *value = v;
    return any;
}

/* Base 60 ("1:30" is 90): [1-9][0-9_]*(:[0-5]?[0-9])+ after the sign. */
static bool parse_sexagesimal(const char *s, size_t len, uint64_t *value)
{
    size_t colon = 0;
    while (colon < len && s[colon] != ':')
        colon++;
    if (colon == len || colon == 0 || s[0] == '0' || s[0] == '_')
        return false;
    uint64_t v;
    if (!parse_digits(s, colon, 10, &v))
        return false;
    size_t i = colon;
    while (i < len) {
        /* s[i] is ':'; one or two digits follow, the first 0-5 if two. */
        size_t start = ++i;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
        size_t n = i - start;
        if (n == 0 || n > 2 || (n == 2 && s[start] > '5'))
            return false;
        if (i < len && s[i] != ':')
            return false;
        uint64_t part = (uint64_t)(s[start] - '0');
        if (n == 2)
            part = part * 10 + (uint64_t)(s[start + 1] - '0');
        if (v > ((UINT64_C(1) << 63) - part) / 60)
            return false;
        v = v * 60 + part;
    }
    *value = v;
    return true;
}

static bool resolve_int(const char *s, size_t len, int64_t *out)
{
    bool negative = false;
    if (len > 0 && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        s++;
        len--;
    }
    if (len == 0)
        return false;
    uint64_t v;
    bool ok;
    if (len > 2 && s[0] == '0' && s[1] == 'b')
        ok = parse_digits(s + 2, len - 2, 2, &v);
    else if (len > 2 && s[0] == '0' && s[1] == 'x')
        ok = parse_digits(s + 2, len - 2, 16, &v);
    else if (len > 1 && s[0] == '0')
        ok = parse_digits(s + 1, len - 1, 8, &v);
    else if (memchr(s, ':', len) != NULL)
        ok = parse_sexagesimal(s, len, &v);
    else
        ok = s[0] != '_' && parse_digits(s, len, 10, &v);
    if (!ok || (!negative && v > (uint64_t)INT64_MAX))
        return false;
    *out = negative ? (int64_t)(0 - v) : (int64_t)v;
    return true;
}

static size_t span_of(const char *s, size_t len, const char *set)
{
    size_t i = 0;
    while (i < len && s[i] != '\0' && strchr(set, s[i]) != NULL)
        i++;
    return i;
}

/* The base 10 float forms: [0-9][0-9_]*.[0-9_]*([eE][-+][0-9]+)? or
 * .[0-9_]+([eE][-+][0-9]+)? (after an optional sign); the exponent's sign is
 * required in YAML 1.1, so "1e3" is a string there. */
static bool is_decimal_float(const char *s, size_t len)
{
    size_t i = span_of(s, len, "0123456789_");
    bool leading_digit = i > 0 && s[0] != '_';
    if (i > 0 && !leading_digit)
        return false;
    if (i == len || s[i] != '.')
        return false;
    i++;
    size_t fraction = span_of(s + i, len - i, "0123456789_");
    if (!leading_digit && fraction == 0)
        return false;
    i += fraction;
    if (i == len)
        return true;
    if ((s[i] != 'e' && s[i] != 'E') || i + 2 >= len ||
        (s[i + 1] != '-' && s[i + 1] != '+'))
        return false;
    i += 2;
    size_t exponent = span_of(s + i, len - i, "0123456789");
    return exponent > 0 && i + exponent == len;
}

static bool resolve_float(const char *s, size_t len, double *out)
{
    static const char *const nan_words[] = {".nan", ".NaN", ".NAN", NULL};
    static const char *const inf_words[] = {".inf", ".Inf", ".INF", NULL};
    if (is_one_of(s, len, nan_words)) {
        *out = NAN;
        return true;
    }
    bool negative = len > 0 && s[0] == '-';
    const char *body = s;
    size_t body_len = len;
    if (len > 0 && (s[0] == '-' || s[0] == '+')) {
        body++;
        body_len--;
    }
    if (is_one_of(body, body_len, inf_words)) {
        *out = negative ? -INFINITY : INFINITY;
        return true;
    }
    /* Base 60 with a fraction ("1:30.5") is legal YAML 1.1 but unseen in
     * front matter; it stays a string, and the writer quotes it. */
    if (!is_decimal_float(body, body_len))
        return false;
    char buf[128];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '_')
            continue;
        if (n + 1 >= sizeof buf)
            return false;
        buf[n++] = s[i];
    }
    buf[n] = '\0';
    md_to_locale_point(buf);
    char *end;
    double d = strtod(buf, &end);
    if (*end != '\0')
        return false;
    *out = d;
    return true;
}

/* strtod and printf use the decimal point of the host's locale (a program
 * embedding folio may have set one); YAML's is always ".". */
void md_to_locale_point(char *number)
{
    char point = localeconv()->decimal_point[0];
    char *dot = strchr(number, '.');
    if (dot != NULL && point != '\0')
        *dot = point;
}

void md_from_locale_point(char *number)
{
    char point = localeconv()->decimal_point[0];
    char *p = point != '\0' && point != '.' ? strchr(number, point) : NULL;
    if (p != NULL)
        *p = '.';
}

void md_yaml_resolve(const char *s, size_t len, md_scalar *out)
{
    memset(out, 0, sizeof *out);
    out->type = FOLIO_VALUE_STRING;
    if (len == 0 || is_one_of(s, len, null_words)) {
        out->type = FOLIO_VALUE_NULL;
    } else if (is_one_of(s, len, true_words)) {
        out->type = FOLIO_VALUE_BOOL;
        out->boolean = true;
    } else if (is_one_of(s, len, false_words)) {
        out->type = FOLIO_VALUE_BOOL;
    } else if (resolve_int(s, len, &out->integer)) {
        out->type = FOLIO_VALUE_INT;
    } else if (resolve_float(s, len, &out->real)) {
        out->type = FOLIO_VALUE_FLOAT;
    }
}

/* Whether another reader might take s for a number: YAML 1.2 reads "1e3",
 * "0o17" and ".5" as numbers, and some 1.1 readers take a base-60 float or
 * an integer too big for 64 bits as one. Anything strtod would take, or
 * that starts like a number and holds only number characters, is quoted. */
static bool looks_numeric(const char *s, size_t len)
{
    char buf[64];
    if (len < sizeof buf) {
        memcpy(buf, s, len);
        buf[len] = '\0';
        char *end;
        (void)strtod(buf, &end);
        if (end == buf + len)
            return true;
    }
    size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (i == len || !((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
        return false;
    return span_of(s, len, "+-0123456789_.:eEoObBxXabcdefABCDEF") == len;
}

/* YAML 1.1 timestamps start with a date, YYYY-M-D: Psych and PyYAML read
 * them as dates, so a date-like string is quoted to stay a string. */
static bool looks_like_date(const char *s, size_t len)
{
    size_t year = span_of(s, len, "0123456789");
    return year == 4 && len > 5 && s[4] == '-' && s[5] >= '0' && s[5] <= '9';
}

bool md_yaml_plain_safe(const char *s, size_t len)
{
    static const char *const other_words[] = {"y", "Y", "n", "N", "=", "<<",
                                              NULL};
    if (len == 0 || s[0] == ' ' || s[len - 1] == ' ')
        return false;
    /* Characters that start another kind of node, or a document marker. */
    if (strchr("-?:,[]{}#&*!|>'\"%@`", s[0]) != NULL)
        return false;
    if (len >= 3 && (memcmp(s, "...", 3) == 0 || memcmp(s, "---", 3) == 0))
        return false;
    if (s[len - 1] == ':')
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            return false;
        if (c == ':' && i + 1 < len && s[i + 1] == ' ')
            return false;
        if (c == '#' && i > 0 && s[i - 1] == ' ')
            return false;
    }
    md_scalar scalar;
    md_yaml_resolve(s, len, &scalar);
    return scalar.type == FOLIO_VALUE_STRING &&
           !is_one_of(s, len, other_words) && !looks_numeric(s, len) &&
           !looks_like_date(s, len);
}
