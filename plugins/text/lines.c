/* Lines of the decoded text, as views, and what the heuristics measure of
 * them. */
#include "text_plugin.h"

#include <folio/text.h>

#include <stdlib.h>
#include <string.h>

folio_status tx_lines_split(const char *text, size_t len, tx_line **lines,
                            size_t *count, folio_error *err)
{
    *lines = NULL;
    *count = 0;
    size_t n = 0, size = 0;
    tx_line *out = NULL;
    for (size_t start = 0; start < len;) {
        size_t end = folio_text_line_end(text, len, start);
        if (n == size) {
            size = size ? 2 * size : 256;
            tx_line *grown = realloc(out, size * sizeof *out);
            if (grown == NULL) {
                free(out);
                return folio_error_set(err, FOLIO_ERR_NOMEM,
                                       "out of memory splitting %zu lines",
                                       n);
            }
            out = grown;
        }
        uint32_t number = n + 1 > UINT32_MAX ? UINT32_MAX : (uint32_t)(n + 1);
        out[n++] = (tx_line){text + start, end - start, number, 1};
        if (end == len)
            break;
        /* A final line ending does not start another line. */
        start = end + (text[end] == '\r' && end + 1 < len &&
                               text[end + 1] == '\n'
                           ? 2
                           : 1);
    }
    *lines = out;
    *count = n;
    return FOLIO_OK;
}

bool tx_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

bool tx_line_blank(const tx_line *line)
{
    for (size_t i = 0; i < line->len; i++)
        if (!tx_is_space(line->s[i]))
            return false;
    return true;
}

size_t tx_line_indent(const tx_line *line)
{
    size_t columns = 0;
    for (size_t i = 0; i < line->len && tx_is_space(line->s[i]); i++)
        columns = line->s[i] == '\t' ? (columns / 4 + 1) * 4 : columns + 1;
    return columns;
}

tx_line tx_line_trim(tx_line line)
{
    size_t start = 0;
    while (start < line.len && tx_is_space(line.s[start]))
        start++;
    size_t end = line.len;
    while (end > start && tx_is_space(line.s[end - 1]))
        end--;
    line.s += start;
    line.column += (uint32_t)start;
    line.len = end - start;
    return line;
}

void tx_line_dedent(tx_line *line, size_t columns)
{
    size_t removed = 0, i = 0;
    /* A tab that would overshoot stays: the text keeps its place after it
     * rather than being cut into. */
    while (i < line->len && tx_is_space(line->s[i])) {
        size_t next =
            line->s[i] == '\t' ? (removed / 4 + 1) * 4 : removed + 1;
        if (next > columns)
            break;
        removed = next;
        i++;
    }
    tx_line_skip(line, i);
}

void tx_line_skip(tx_line *line, size_t n)
{
    if (n > line->len)
        n = line->len;
    line->s += n;
    line->len -= n;
    line->column += (uint32_t)n;
}

size_t tx_line_width(const tx_line *line)
{
    tx_line t = tx_line_trim(*line);
    return tx_width(t.s, t.len);
}

bool tx_line_fits(const tx_line *line, size_t max)
{
    tx_line t = tx_line_trim(*line);
    return tx_width_upto(t.s, t.len, max) <= max;
}

size_t tx_line_first_word_width(const tx_line *line)
{
    tx_line t = tx_line_trim(*line);
    size_t n = 0;
    while (n < t.len && !tx_is_space(t.s[n]))
        n++;
    return tx_width(t.s, n);
}

bool tx_line_is(const tx_line *line, const char *word)
{
    tx_line t = tx_line_trim(*line);
    size_t n = strlen(word);
    if (t.len != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = t.s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != word[i])
            return false;
    }
    return true;
}

/* Quotes and brackets that close a sentence's last word: ' " ’ ” » ) ]. */
static bool is_closer(uint32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
           cp == 0x2019 || cp == 0x201D || cp == 0xBB;
}

uint32_t tx_line_last_char(const tx_line *line)
{
    tx_line t = tx_line_trim(*line);
    size_t end = t.len;
    while (end > 0) {
        size_t start = end - 1;
        while (start > 0 && ((unsigned char)t.s[start] & 0xC0) == 0x80)
            start--;
        uint32_t cp;
        tx_utf8_next(t.s + start, end - start, &cp);
        if (!is_closer(cp))
            return cp;
        end = start;
    }
    return 0;
}

uint32_t tx_line_first_char(const tx_line *line)
{
    tx_line t = tx_line_trim(*line);
    uint32_t cp = 0;
    if (t.len > 0)
        tx_utf8_next(t.s, t.len, &cp);
    return cp;
}

bool tx_line_has_letter(const tx_line *line)
{
    for (size_t i = 0; i < line->len; i++) {
        unsigned char c = (unsigned char)line->s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC0)
            return true;
    }
    return false;
}

char tx_line_rule(const tx_line *line)
{
    tx_line t = tx_line_trim(*line);
    if (t.len == 0 || strchr("-*_=", t.s[0]) == NULL)
        return 0;
    size_t count = 0;
    for (size_t i = 0; i < t.len; i++) {
        if (t.s[i] == t.s[0])
            count++;
        else if (t.s[i] != ' ')
            return 0;
    }
    return count >= 3 ? t.s[0] : 0;
}

bool tx_wrap_break(const tx_line *line, const tx_line *next, size_t width)
{
    return width >= TX_WRAP_MIN_WIDTH && width <= TX_WRAP_MAX_WIDTH &&
           tx_line_width(line) + 1 + tx_line_first_word_width(next) > width;
}
