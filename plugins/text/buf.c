/* A growable byte buffer whose out-of-memory is sticky. */
#include "text_plugin.h"

#include <stdlib.h>
#include <string.h>

static bool reserve(tx_buf *b, size_t extra)
{
    if (b->failed)
        return false;
    /* One byte more for the NUL the data always ends with. */
    if (extra < b->cap - b->len)
        return true;
    if (extra > SIZE_MAX / 2 - b->len) {
        b->failed = true;
        return false;
    }
    size_t cap = b->cap != 0 ? b->cap : 64;
    while (cap - b->len <= extra)
        cap *= 2;
    char *data = realloc(b->data, cap);
    if (data == NULL) {
        b->failed = true;
        return false;
    }
    b->data = data;
    b->cap = cap;
    return true;
}

void tx_buf_add(tx_buf *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return;
    if (n > 0)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void tx_buf_putc(tx_buf *b, char c)
{
    tx_buf_add(b, &c, 1);
}

void tx_buf_put_cp(tx_buf *b, uint32_t cp)
{
    char out[4];
    tx_buf_add(b, out, folio_utf8_encode(cp, out));
}

void tx_buf_free(tx_buf *b)
{
    free(b->data);
    *b = (tx_buf){0};
}

bool tx_starts_with_nocase(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    if (len < n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != word[i])
            return false;
    }
    return true;
}
