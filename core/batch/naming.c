#include "naming.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <folio/meta.h>

enum { COMPONENT_MAX = 240, SLUG_MAX = 80, DATE_TEXT_MAX = 256 };

typedef struct template_part {
    char *literal;  /* literal text, or NULL for a field */
    char *field;    /* field name */
    char *format;   /* strftime format after ':', or NULL */
} template_part;

struct name_template {
    template_part *parts;
    size_t count;
    bool needs_metadata;
};

/* ---- Growing strings ---------------------------------------------------- */

typedef struct text_buffer {
    char *data;
    size_t len;
    size_t capacity;
    bool failed;
} text_buffer;

static void buffer_append(text_buffer *buffer, const char *s, size_t len)
{
    if (buffer->failed)
        return;
    if (buffer->len + len + 1 > buffer->capacity) {
        size_t capacity = buffer->capacity == 0 ? 64 : buffer->capacity;
        while (capacity < buffer->len + len + 1)
            capacity *= 2;
        char *data = realloc(buffer->data, capacity);
        if (data == NULL) {
            buffer->failed = true;
            return;
        }
        buffer->data = data;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->len, s, len);
    buffer->len += len;
    buffer->data[buffer->len] = '\0';
}

/* Hands over the string (never NULL unless out of memory). */
static char *buffer_take(text_buffer *buffer)
{
    buffer_append(buffer, "", 0);
    if (buffer->failed) {
        free(buffer->data);
        return NULL;
    }
    return buffer->data;
}

/* ---- Templates ---------------------------------------------------------- */

void name_template_free(name_template *pattern)
{
    if (pattern == NULL)
        return;
    for (size_t i = 0; i < pattern->count; i++) {
        free(pattern->parts[i].literal);
        free(pattern->parts[i].field);
        free(pattern->parts[i].format);
    }
    free(pattern->parts);
    free(pattern);
}

static bool add_part(name_template *pattern, template_part part)
{
    template_part *parts = realloc(pattern->parts,
                                   (pattern->count + 1) * sizeof *parts);
    if (parts == NULL)
        return false;
    parts[pattern->count++] = part;
    pattern->parts = parts;
    return true;
}

static bool is_field_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-';
}

static bool field_is_builtin(const char *field)
{
    return strcmp(field, "stem") == 0 || strcmp(field, "dir") == 0;
}

/* Parses "{name}" or "{name:format}" at text (just after '{'); returns the
 * length consumed up to and including '}', or 0 if malformed. */
static size_t parse_field(const char *text, template_part *part)
{
    size_t name_len = 0;
    while (is_field_char(text[name_len]))
        name_len++;
    if (name_len == 0)
        return 0;
    const char *close = strchr(text + name_len, '}');
    if (close == NULL || (text[name_len] != '}' && text[name_len] != ':'))
        return 0;
    part->field = strndup(text, name_len);
    if (text[name_len] == ':')
        part->format = strndup(text + name_len + 1,
                               (size_t)(close - text) - name_len - 1);
    return (size_t)(close - text) + 1;
}

folio_status name_template_parse(const char *text, name_template **out,
                                 folio_error *err)
{
    name_template *result = calloc(1, sizeof *result);
    if (result == NULL)
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    text_buffer literal = {0};
    folio_status status = FOLIO_OK;
    for (const char *p = text; *p != '\0' && status == FOLIO_OK;) {
        if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
            buffer_append(&literal, p, 1);
            p += 2;
        } else if (p[0] == '{') {
            template_part field = {0};
            size_t used = parse_field(p + 1, &field);
            if (used == 0) {
                free(field.field);
                status = folio_error_set(err, FOLIO_ERR_ARGUMENT,
                                         "name template: malformed field at "
                                         "'%.20s' (want {key} or "
                                         "{key:format})", p);
                break;
            }
            if (literal.len > 0) {
                char *piece = buffer_take(&literal);
                literal = (text_buffer){0};
                if (piece == NULL ||
                    !add_part(result, (template_part){piece, NULL, NULL})) {
                    free(piece);
                    status = folio_error_set(err, FOLIO_ERR_NOMEM,
                                             "out of memory");
                }
            }
            if (status == FOLIO_OK && !add_part(result, field)) {
                free(field.field);
                free(field.format);
                status = folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
            }
            if (status == FOLIO_OK && !field_is_builtin(field.field))
                result->needs_metadata = true;
            p += used + 1;
        } else if (p[0] == '}') {
            status = folio_error_set(err, FOLIO_ERR_ARGUMENT,
                                     "name template: unmatched '}' (write "
                                     "'}}' for a brace)");
        } else {
            buffer_append(&literal, p, 1);
            p++;
        }
    }
    if (status == FOLIO_OK && literal.len > 0) {
        char *piece = buffer_take(&literal);
        literal = (text_buffer){0};
        if (piece == NULL ||
            !add_part(result, (template_part){piece, NULL, NULL})) {
            free(piece);
            status = folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
        }
    }
    free(literal.data);
    if (status == FOLIO_OK && result->count == 0)
        status = folio_error_set(err, FOLIO_ERR_ARGUMENT,
                                 "name template is empty");
    if (status != FOLIO_OK) {
        name_template_free(result);
        return status;
    }
    *out = result;
    return FOLIO_OK;
}

bool name_template_needs_metadata(const name_template *pattern)
{
    return pattern->needs_metadata;
}

/* ---- Slugs -------------------------------------------------------------- */

/* The ASCII letter(s) for U+00C0..U+00FF, "" for signs; what slugs keep of
 * accented Latin letters. */
static const char *const latin1_letters[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i",
    "i", "i", "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u",
    "y", "th", "ss", "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e",
    "e", "i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "", "o", "u",
    "u", "u", "u", "y", "th", "y"};

/* Length of the UTF-8 sequence starting with byte c (1 for bad bytes). */
static size_t utf8_length(unsigned char c)
{
    if (c >= 0xF0)
        return 4;
    if (c >= 0xE0)
        return 3;
    if (c >= 0xC0)
        return 2;
    return 1;
}

/* General punctuation (U+2000..U+206F: dashes, curly quotes, ellipsis) and
 * CJK punctuation (U+3000..U+303F) separate words like ASCII punctuation. */
static bool is_punctuation(const char *s)
{
    unsigned char lead = (unsigned char)s[0], next = (unsigned char)s[1];
    return (lead == 0xE2 && (next == 0x80 || next == 0x81)) ||
           (lead == 0xE3 && next == 0x80);
}

char *name_slug(const char *text, size_t len)
{
    text_buffer slug = {0};
    bool pending_dash = false;
    for (size_t i = 0; i < len && slug.len < SLUG_MAX;) {
        unsigned char c = (unsigned char)text[i];
        size_t n = utf8_length(c);
        if (i + n > len)
            break;
        const char *keep = NULL;
        size_t keep_len = 0;
        char lower;
        if (isalnum(c) && c < 0x80) {
            lower = (char)tolower(c);
            keep = &lower;
            keep_len = 1;
        } else if (c == 0xC3 && n == 2) {
            keep = latin1_letters[(unsigned char)text[i + 1] & 0x3F];
            keep_len = strlen(keep);
        } else if (c >= 0xC4 && n > 1 && !is_punctuation(text + i)) {
            keep = text + i; /* another script's letter: keep it whole */
            keep_len = n;
        }
        if (keep_len == 0)
            pending_dash = slug.len > 0;
        else {
            if (pending_dash)
                buffer_append(&slug, "-", 1);
            pending_dash = false;
            buffer_append(&slug, keep, keep_len);
        }
        i += n;
    }
    return buffer_take(&slug);
}

/* ---- Safe paths --------------------------------------------------------- */

/* Truncates a component to at most max bytes without splitting a UTF-8
 * sequence. */
static size_t utf8_truncate(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

void name_make_safe(char *path)
{
    size_t out = 0;
    const char *p = path;
    while (*p != '\0') {
        while (*p == '/')
            p++;
        const char *start = p;
        while (*p != '\0' && *p != '/')
            p++;
        size_t len = utf8_truncate(start, (size_t)(p - start), COMPONENT_MAX);
        if (len == 0)
            continue;
        if (out > 0)
            path[out++] = '/';
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)start[i];
            path[out++] = c < 0x20 || c == 0x7F || c == '\\' ? '-' : (char)c;
        }
        /* A hidden name (".x", "..") could hide output or reach the
         * journal; "." and ".." could climb. */
        if (path[out - len] == '.')
            path[out - len] = '_';
    }
    path[out] = '\0';
    if (out == 0)
        strcpy(path, "untitled"); /* the caller's buffer holds at least 9 */
}

/* ---- Expansion ---------------------------------------------------------- */

/* Fills tm_wday and tm_yday, for formats such as %a or %j, from the
 * civil date (days since 1970-01-01 by Howard Hinnant's algorithm). */
static void set_weekday(struct tm *tm, int year, int month, int day)
{
    int y = year - (month <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    int year_of_era = y - era * 400;
    int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 +
                     day_of_year;
    long days = (long)era * 146097 + day_of_era - 719468;
    tm->tm_wday = (int)((days % 7 + 11) % 7);
    static const int before_month[] = {0, 31, 59, 90, 120, 151,
                                       181, 212, 243, 273, 304, 334};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    tm->tm_yday = before_month[month - 1] + day - 1 + (leap && month > 2);
}

/* Parses "YYYY-MM-DD", optionally followed by "THH:MM[:SS]" (or a space)
 * and anything after (fractions, zones: the time is kept as written). */
static bool parse_date(const char *text, struct tm *tm)
{
    memset(tm, 0, sizeof *tm);
    int year, month, day, consumed = 0;
    if (sscanf(text, "%4d-%2d-%2d%n", &year, &month, &day, &consumed) != 3 ||
        consumed != 10 || month < 1 || month > 12 || day < 1 || day > 31)
        return false;
    tm->tm_year = year - 1900;
    tm->tm_mon = month - 1;
    tm->tm_mday = day;
    const char *rest = text + consumed;
    int hour, minute, second = 0;
    if ((*rest == 'T' || *rest == ' ') &&
        sscanf(rest + 1, "%2d:%2d:%2d", &hour, &minute, &second) >= 2) {
        tm->tm_hour = hour;
        tm->tm_min = minute;
        tm->tm_sec = second;
    }
    set_weekday(tm, year, month, day);
    return true;
}

/* A metadata value as path text: strings as they are, numbers and bools
 * written out. NULL when it has no such text. */
static const char *value_text(const folio_value *value, char *scratch,
                              size_t size, size_t *len)
{
    switch (folio_value_get_type(value)) {
    case FOLIO_VALUE_STRING:
        return folio_value_string(value, len);
    case FOLIO_VALUE_INT:
        *len = (size_t)snprintf(scratch, size, "%lld",
                                (long long)folio_value_int(value));
        return scratch;
    case FOLIO_VALUE_FLOAT:
        *len = (size_t)snprintf(scratch, size, "%g", folio_value_float(value));
        return scratch;
    case FOLIO_VALUE_BOOL:
        *len = strlen(folio_value_bool(value) ? "true" : "false");
        return folio_value_bool(value) ? "true" : "false";
    default:
        return NULL;
    }
}

/* Appends a substituted value: a separator inside a value never makes a
 * folder. */
static void append_value(text_buffer *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i] == '/' || s[i] == '\\' ? '-' : s[i];
        buffer_append(out, &c, 1);
    }
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

/* Length of name without its extension. */
static size_t stem_length(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot != NULL && dot != name ? (size_t)(dot - name) : strlen(name);
}

static folio_status expand_slug(const folio_doc *doc, const char *input,
                                text_buffer *out, folio_error *err)
{
    const folio_value *slug = doc != NULL ? folio_meta_get(doc, "slug") : NULL;
    const folio_value *title = doc != NULL ? folio_meta_get(doc, "title")
                                           : NULL;
    size_t len;
    const char *text;
    if (slug != NULL && (text = folio_value_string(slug, &len)) != NULL) {
        append_value(out, text, len);
        return FOLIO_OK;
    }
    char *made = NULL;
    if (title != NULL && (text = folio_value_string(title, &len)) != NULL)
        made = name_slug(text, len);
    else {
        const char *base = base_name(input);
        made = name_slug(base, stem_length(base));
    }
    if (made == NULL)
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    append_value(out, made, strlen(made));
    free(made);
    return FOLIO_OK;
}

static folio_status expand_field(const template_part *part,
                                 const folio_doc *doc, const char *input,
                                 text_buffer *out, folio_error *err)
{
    if (strcmp(part->field, "stem") == 0) {
        const char *base = base_name(input);
        append_value(out, base, stem_length(base));
        return FOLIO_OK;
    }
    if (strcmp(part->field, "dir") == 0) {
        const char *slash = strrchr(input, '/');
        if (slash != NULL)
            buffer_append(out, input, (size_t)(slash - input));
        return FOLIO_OK;
    }
    if (strcmp(part->field, "slug") == 0 && part->format == NULL)
        return expand_slug(doc, input, out, err);
    const folio_value *value = folio_meta_get(doc, part->field);
    char scratch[64];
    size_t len = 0;
    const char *text = value != NULL ? value_text(value, scratch,
                                                  sizeof scratch, &len)
                                     : NULL;
    if (text == NULL)
        return folio_error_set(err, FOLIO_ERR_NOT_FOUND,
                               "name template: no metadata '%s' to name the "
                               "output with",
                               part->field);
    if (part->format == NULL) {
        append_value(out, text, len);
        return FOLIO_OK;
    }
    struct tm tm;
    char formatted[DATE_TEXT_MAX];
    size_t formatted_len;
    if (!parse_date(text, &tm) ||
        (formatted_len = strftime(formatted, sizeof formatted, part->format,
                                  &tm)) == 0)
        return folio_error_set(err, FOLIO_ERR_ARGUMENT,
                               "name template: metadata '%s' is not a date "
                               "('%.40s')",
                               part->field, text);
    append_value(out, formatted, formatted_len);
    return FOLIO_OK;
}

folio_status name_output_path(const name_template *pattern,
                              const folio_doc *doc, const char *input_relative,
                              const char *extension, char **out,
                              folio_error *err)
{
    text_buffer path = {0};
    folio_status status = FOLIO_OK;
    if (pattern == NULL) {
        const char *base = base_name(input_relative);
        buffer_append(&path, input_relative,
                      (size_t)(base - input_relative) + stem_length(base));
    }
    for (size_t i = 0; pattern != NULL && i < pattern->count &&
                       status == FOLIO_OK;
         i++) {
        const template_part *part = &pattern->parts[i];
        if (part->literal != NULL)
            buffer_append(&path, part->literal, strlen(part->literal));
        else
            status = expand_field(part, doc, input_relative, &path, err);
    }
    /* Room for "untitled" when making it safe empties it. */
    buffer_append(&path, "\0\0\0\0\0\0\0\0", 9);
    path.len -= 9;
    if (status != FOLIO_OK || path.failed) {
        free(path.data);
        return status != FOLIO_OK ? status
                                  : folio_error_set(err, FOLIO_ERR_NOMEM,
                                                    "out of memory");
    }
    name_make_safe(path.data);
    path.len = strlen(path.data);
    buffer_append(&path, ".", 1);
    buffer_append(&path, extension, strlen(extension));
    if ((*out = buffer_take(&path)) == NULL)
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    return FOLIO_OK;
}
