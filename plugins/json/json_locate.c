/*
 * Finding a value in the JSON text again. jansson keeps no source positions
 * for values, so when the tree is refused the reader finds the offending
 * value again by scanning the text along its path: errors carry the line
 * and column of the JSON, not just a path.
 *
 * Only on the error path, on text jansson has already accepted: so the scan
 * need not validate, only never read past the end.
 */
#include "json_plugin.h"

#include <string.h>

size_t jp_skip_space(const char *text, size_t len, size_t p)
{
    while (p < len && (text[p] == ' ' || text[p] == '\t' || text[p] == '\n' ||
                       text[p] == '\r'))
        p++;
    return p;
}

/* p is at the opening quote; returns the offset after the closing one. */
static size_t skip_string(const char *text, size_t len, size_t p)
{
    for (p++; p < len; p++) {
        if (text[p] == '\\')
            p++;
        else if (text[p] == '"')
            return p + 1;
    }
    return len;
}

bool jp_is_word_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

/* p is at a value; returns the offset just after it. */
static size_t skip_value(const char *text, size_t len, size_t p)
{
    if (p < len && text[p] == '"')
        return skip_string(text, len, p);
    if (p < len && (text[p] == '{' || text[p] == '[')) {
        size_t depth = 0;
        while (p < len) {
            char c = text[p];
            if (c == '"') {
                p = skip_string(text, len, p);
                continue;
            }
            p++;
            if (c == '{' || c == '[')
                depth++;
            else if ((c == '}' || c == ']') && --depth == 0)
                return p;
        }
        return len;
    }
    while (p < len && jp_is_word_byte(text[p]))
        p++;
    return p;
}

/* Whether the string token (quotes included) means key. Escaped keys are
 * rare enough to let jansson decode them. */
static bool token_equals(const char *token, size_t len, const char *key,
                         size_t key_len)
{
    if (memchr(token, '\\', len) == NULL)
        return len - 2 == key_len && memcmp(token + 1, key, key_len) == 0;
    json_t *decoded = json_loadb(token, len, JSON_DECODE_ANY, NULL);
    bool equal = json_is_string(decoded) &&
                 json_string_length(decoded) == key_len &&
                 memcmp(json_string_value(decoded), key, key_len) == 0;
    json_decref(decoded);
    return equal;
}

bool jp_locate(const char *text, size_t len, const jp_step *steps, size_t n,
               size_t *offset)
{
    size_t p = jp_skip_space(text, len, 0);
    for (size_t i = 0; i < n; i++) {
        const jp_step *s = &steps[i];
        if (p >= len || text[p] != (s->key != NULL ? '{' : '['))
            return false;
        p = jp_skip_space(text, len, p + 1);
        for (size_t item = 0;; item++) {
            if (p >= len || text[p] == '}' || text[p] == ']')
                return false;
            bool found;
            if (s->key != NULL) {
                size_t key_end = skip_string(text, len, p);
                found = key_end - p >= 2 &&
                        token_equals(text + p, key_end - p, s->key, s->key_len);
                p = jp_skip_space(text, len, key_end);
                if (p >= len || text[p] != ':')
                    return false;
                p = jp_skip_space(text, len, p + 1);
            } else
                found = item == s->index;
            if (found)
                break;
            p = jp_skip_space(text, len, skip_value(text, len, p));
            if (p >= len || text[p] != ',')
                return false;
            p = jp_skip_space(text, len, p + 1);
        }
    }
    *offset = p;
    return true;
}
