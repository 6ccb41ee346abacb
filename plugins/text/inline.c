/*
 * The inline content of a block: its lines joined by soft breaks, and bare
 * http:// and https:// URLs made links whose text is the URL.
 *
 * Where a URL ends follows GitHub's autolink rules, which people who paste
 * links into prose already expect: it stops at white space, '<', '>', '"'
 * or a curly quote, and trailing punctuation (". , : ; ! ? ' * _ ~") and an
 * unbalanced closing parenthesis or bracket belong to the sentence.
 */
#include "text_plugin.h"

#include <string.h>

static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

static size_t scheme_len(const char *s, size_t len)
{
    if (tx_starts_with_nocase(s, len, "http://"))
        return 7;
    if (tx_starts_with_nocase(s, len, "https://"))
        return 8;
    return 0;
}

/* Bytes of a character that ends a URL at s: “ ” ‘ ’ « ». */
static bool is_closing_quote(const char *s, size_t len)
{
    static const char *const quotes[] = {"\xE2\x80\x9C", "\xE2\x80\x9D",
                                         "\xE2\x80\x98", "\xE2\x80\x99",
                                         "\xC2\xAB", "\xC2\xBB"};
    for (size_t i = 0; i < sizeof quotes / sizeof *quotes; i++) {
        size_t n = strlen(quotes[i]);
        if (len >= n && memcmp(s, quotes[i], n) == 0)
            return true;
    }
    return false;
}

static size_t count_byte(const char *s, size_t len, char c)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += s[i] == c;
    return n;
}

/* The length of the URL starting at s, or 0 when there is none. */
static size_t url_len(const char *s, size_t len)
{
    size_t scheme = scheme_len(s, len);
    if (scheme == 0 || scheme == len || !is_alnum(s[scheme]))
        return 0;
    size_t end = scheme;
    while (end < len && !tx_is_space(s[end]) && strchr("<>\"`", s[end]) ==
                                                    NULL &&
           !is_closing_quote(s + end, len - end))
        end++;
    size_t open_paren = count_byte(s, end, '('),
           close_paren = count_byte(s, end, ')'),
           open_bracket = count_byte(s, end, '['),
           close_bracket = count_byte(s, end, ']');
    while (end > scheme) {
        char c = s[end - 1];
        if (strchr(".,:;!?'*_~", c) != NULL)
            end--;
        else if (c == ')' && close_paren > open_paren) {
            end--;
            close_paren--;
        } else if (c == ']' && close_bracket > open_bracket) {
            end--;
            close_bracket--;
        } else
            break;
    }
    return end;
}

static folio_status add_text(tx_reader *r, folio_node *parent,
                             int64_t depth, size_t line, const char *s,
                             size_t len)
{
    if (len == 0)
        return FOLIO_OK;
    folio_node *text;
    folio_status status = tx_add_node(r, parent, FOLIO_NODE_TEXT, depth,
                                      line, TX_NO_POS, &text);
    return status == FOLIO_OK
               ? folio_node_set_literal(text, s, len, r->err)
               : status;
}

static folio_status add_link(tx_reader *r, folio_node *parent,
                             int64_t depth, size_t line, const char *s,
                             size_t len)
{
    folio_node *link;
    folio_status status = tx_add_node(r, parent, FOLIO_NODE_LINK, depth,
                                      line, TX_NO_POS, &link);
    if (status == FOLIO_OK)
        status = folio_node_set_url(link, s, len, r->err);
    if (status == FOLIO_OK)
        status = add_text(r, link, depth + 1, line, s, len);
    return status;
}

static folio_status add_line(tx_reader *r, folio_node *block, int64_t depth,
                             size_t line, bool autolink)
{
    tx_line t = tx_line_trim(r->lines[line]);
    size_t done = 0;
    folio_status status = FOLIO_OK;
    for (size_t i = 0; autolink && i < t.len && status == FOLIO_OK;) {
        /* A URL starts with "http": skip to the next 'h' first. */
        while (i < t.len && t.s[i] != 'h' && t.s[i] != 'H')
            i++;
        size_t n = i < t.len && (i == 0 || !is_alnum(t.s[i - 1]))
                       ? url_len(t.s + i, t.len - i)
                       : 0;
        if (n == 0) {
            i++;
            continue;
        }
        status = add_text(r, block, depth, line, t.s + done, i - done);
        if (status == FOLIO_OK)
            status = add_link(r, block, depth, line, t.s + i, n);
        i += n;
        done = i;
    }
    if (status == FOLIO_OK)
        status = add_text(r, block, depth, line, t.s + done, t.len - done);
    return status;
}

folio_status tx_inline_break(tx_reader *r, folio_node *block,
                             int64_t block_depth, size_t line, bool hard)
{
    folio_node *node;
    return tx_add_node(r, block,
                       hard ? FOLIO_NODE_LINE_BREAK : FOLIO_NODE_SOFT_BREAK,
                       block_depth + 1, line, TX_NO_POS, &node);
}

folio_status tx_inline_line(tx_reader *r, folio_node *block,
                            int64_t block_depth, size_t line, bool autolink)
{
    return add_line(r, block, block_depth + 1, line, autolink);
}

folio_status tx_inline_lines(tx_reader *r, folio_node *block,
                             int64_t block_depth, size_t first, size_t end,
                             bool autolink)
{
    folio_status status = FOLIO_OK;
    bool started = false;
    for (size_t k = first; k < end && status == FOLIO_OK; k++) {
        if (tx_line_blank(&r->lines[k]))
            continue;
        if (started)
            status = tx_inline_break(r, block, block_depth, k, false);
        if (status == FOLIO_OK)
            status = tx_inline_line(r, block, block_depth, k, autolink);
        started = true;
    }
    return status;
}
