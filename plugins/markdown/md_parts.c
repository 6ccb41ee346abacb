/*
 * Reading a long body in parts.
 *
 * cmark parses inline content only once the whole text is in, so its tree
 * of a whole file (about three times the text) and folio's copy would be
 * in memory together. A long body is read instead in parts of about
 * PART_SIZE bytes, each parsed, copied and freed before the next: the peak
 * is folio's tree and one part.
 *
 * A part ends only where the whole text would leave cmark with nothing
 * open: after a blank line that closes a top-level paragraph, heading or
 * rule. A part is cut after a blank line followed by a line that starts
 * with a letter (which closes a list or quote at the top level), and its
 * tree is checked: if its last block is of a kind that a blank line may
 * not end (a fence or raw HTML holding that line, say), the part is read
 * again up to a later cut, twice as far each time, so that the work stays
 * linear. Link reference definitions apply to the whole text, so a body
 * that may hold one is read in one go.
 */
#include "md_parse.h"

#include <string.h>
#include <folio/text.h>

enum { PART_SIZE = 256 * 1024 };

bool md_may_define_links(const char *s, size_t len)
{
    for (const char *p = s; p != NULL && p + 1 < s + len;
         p = memchr(p + 1, ']', len - (size_t)(p + 1 - s)))
        if (p[0] == ']' && p[1] == ':')
            return true;
    return false;
}

static bool blank(const char *s, size_t start, size_t end)
{
    for (size_t i = start; i < end; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

static bool letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Where a part starting at from and at least size bytes long may end: the
 * start of a line after a blank line, that starts with a letter; len when
 * there is none. */
static size_t find_cut(const char *s, size_t len, size_t from, size_t size)
{
    if (len - from <= size)
        return len;
    size_t i = from + size;
    const char *newline = memchr(s + i, '\n', len - i);
    /* A line ending just before i would make i a line start; starting
     * after the next '\n' (or a lone '\r' before it) loses nothing that
     * matters to a cut. */
    if (newline == NULL)
        return len;
    i = (size_t)(newline - s) + 1;
    bool after_blank = false;
    while (i < len) {
        size_t end = folio_text_line_end(s, len, i);
        if (after_blank && letter(s[i]))
            return i;
        after_blank = blank(s, i, end);
        i = md_next_line(s, len, end);
    }
    return len;
}

/* The number of occurrences of c in s's len bytes. */
static unsigned long count_char(const char *s, size_t len, char c)
{
    unsigned long n = 0;
    for (const char *p = s, *end = s + len;
         (p = memchr(p, c, (size_t)(end - p))) != NULL; p++)
        n++;
    return n;
}

/* The line endings in s's len bytes: LF, CRLF, and CR alone. */
static unsigned long count_lines(const char *s, size_t len)
{
    unsigned long lines = count_char(s, len, '\n');
    for (const char *p = s, *end = s + len;
         (p = memchr(p, '\r', (size_t)(end - p))) != NULL; p++)
        if (p + 1 == end || p[1] != '\n')
            lines++;
    return lines;
}

folio_status md_body_read(folio_doc *doc, const char *data, size_t len,
                          const md_body_place *place,
                          const md_read_options *options, folio_error *err)
{
    if (len <= 2 * PART_SIZE || md_may_define_links(data, len))
        return md_part_read(doc, data, len, place, options, NULL, err);
    md_body_place part = *place;
    size_t from = 0, size = PART_SIZE;
    while (from < len) {
        size_t cut = find_cut(data, len, from, size);
        bool closed = true;
        folio_status st =
            md_part_read(doc, data + from, cut - from, &part, options,
                         cut < len ? &closed : NULL, err);
        if (st != FOLIO_OK)
            return st;
        if (!closed) {
            size *= 2;
            continue;
        }
        part.first_line += count_lines(data + from, cut - from);
        part.first_column = 0;
        from = cut;
        size = PART_SIZE;
    }
    return FOLIO_OK;
}
