/*
 * Paths into the JSON, for error messages: a value's place in the document
 * as the steps that lead to it, rendered as blocks[3].children[1] or
 * meta.tags[2], and user text quoted so that a message stays one line.
 */
#include "json_plugin.h"

#include <stdio.h>
#include <string.h>

jp_step jp_key_step(const char *key, size_t len)
{
    return (jp_step){key, len, 0};
}

jp_step jp_index_step(size_t index)
{
    return (jp_step){NULL, 0, index};
}

static void tb_add(jp_textbuf *tb, const char *s, size_t n)
{
    size_t room = tb->size - 1 - tb->len;
    if (n > room)
        n = room;
    memcpy(tb->data + tb->len, s, n);
    tb->len += n;
    tb->data[tb->len] = '\0';
}

void jp_textbuf_puts(jp_textbuf *tb, const char *s)
{
    tb_add(tb, s, strlen(s));
}

void jp_textbuf_quote(jp_textbuf *tb, const char *s, size_t len)
{
    size_t n = len;
    if (n > JP_QUOTE_MAX) {
        n = JP_QUOTE_MAX;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    tb_add(tb, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char escape[8];
        if (c < 0x20 || c == 0x7F) {
            snprintf(escape, sizeof escape, "\\x%02X", c);
            jp_textbuf_puts(tb, escape);
        } else if (c == '"' || c == '\\') {
            escape[0] = '\\';
            escape[1] = (char)c;
            tb_add(tb, escape, 2);
        } else
            tb_add(tb, (const char *)&s[i], 1);
    }
    tb_add(tb, "\"", 1);
    if (n < len)
        tb_add(tb, "...", 3);
}

static bool is_plain_key(const char *key, size_t len)
{
    if (len == 0 || len > JP_QUOTE_MAX)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = key[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    }
    return true;
}

/* Steps kept at each end of a long path; the middle becomes "...". */
enum { PATH_HEAD = 4, PATH_TAIL = 6 };

void jp_render_path(jp_textbuf *tb, const jp_step *steps, size_t n)
{
    bool dot = false;
    for (size_t i = 0; i < n; i++) {
        if (n > PATH_HEAD + PATH_TAIL && i == PATH_HEAD) {
            jp_textbuf_puts(tb, "...");
            i = n - PATH_TAIL;
            dot = false;
        }
        const jp_step *s = &steps[i];
        if (s->key == NULL) {
            char index[32];
            snprintf(index, sizeof index, "[%zu]", s->index);
            jp_textbuf_puts(tb, index);
        } else if (is_plain_key(s->key, s->key_len)) {
            if (dot)
                tb_add(tb, ".", 1);
            tb_add(tb, s->key, s->key_len);
        } else {
            tb_add(tb, "[", 1);
            jp_textbuf_quote(tb, s->key, s->key_len);
            tb_add(tb, "]", 1);
        }
        dot = true;
    }
}
