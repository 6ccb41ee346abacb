/*
 * Content detection. Front matter is the strong signal: a "---" line, a
 * "key:" line and a closing fence is what every Jekyll and Hugo post
 * starts with, whatever its file is called (a .txt that holds one is
 * Markdown). Without it, Markdown is plain text with a few marks; the
 * score grows with the kinds of marks seen, and stays below what the
 * HTML and JSON readers claim for their own openings.
 */
#include "markdown.h"

#include <string.h>

/* The line starting at pos and where the next one starts. */
static size_t line_length(const char *data, size_t len, size_t pos,
                          size_t *next)
{
    size_t end = pos;
    while (end < len && data[end] != '\n' && data[end] != '\r')
        end++;
    *next = end;
    if (*next < len && data[*next] == '\r')
        (*next)++;
    if (*next < len && data[*next] == '\n')
        (*next)++;
    return end - pos;
}

static bool is_key_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '"' ||
           c == '\'' || c == ' ' || c >= 0x80;
}

/* "key:" followed by a space or the end of the line. */
static bool is_mapping_line(const char *line, size_t n)
{
    size_t i = 0;
    while (i < n && line[i] != ':' && is_key_char((unsigned char)line[i]))
        i++;
    return i > 0 && i < n && line[i] == ':' &&
           (i + 1 == n || line[i + 1] == ' ' || line[i + 1] == '\t');
}

enum {
    MARK_HEADING = 1 << 0,
    MARK_LIST = 1 << 1,
    MARK_LINK = 1 << 2,
    MARK_EMPHASIS = 1 << 3,
    MARK_CODE = 1 << 4,
    MARK_QUOTE = 1 << 5
};

static unsigned line_marks(const char *line, size_t n)
{
    unsigned marks = 0;
    size_t hashes = 0;
    while (hashes < n && line[hashes] == '#')
        hashes++;
    if (hashes >= 1 && hashes <= 6 && hashes < n && line[hashes] == ' ')
        marks |= MARK_HEADING;
    if (n >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') &&
        line[1] == ' ')
        marks |= MARK_LIST;
    if (n >= 2 && line[0] == '>' && line[1] == ' ')
        marks |= MARK_QUOTE;
    if (n >= 3 && (memcmp(line, "```", 3) == 0 || memcmp(line, "~~~", 3) == 0))
        marks |= MARK_CODE;
    for (size_t i = 0; i + 1 < n; i++) {
        if (line[i] == ']' && line[i + 1] == '(')
            marks |= MARK_LINK;
        if ((line[i] == '*' && line[i + 1] == '*') ||
            (line[i] == '_' && line[i + 1] == '_'))
            marks |= MARK_EMPHASIS;
        if (line[i] == '`' && i > 0 && line[i - 1] == ' ')
            marks |= MARK_CODE;
    }
    return marks;
}

static int count_bits(unsigned marks)
{
    int n = 0;
    for (; marks != 0; marks &= marks - 1)
        n++;
    return n;
}

int md_probe(const char *data, size_t len)
{
    size_t start = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    md_front_matter fm;
    if (md_front_matter_find(data, len, start, &fm)) {
        size_t next;
        size_t n = line_length(data, len, fm.yaml_start, &next);
        if (is_mapping_line(data + fm.yaml_start, n))
            return 80;
    }
    size_t pos = start;
    while (pos < len && (data[pos] == ' ' || data[pos] == '\t' ||
                         data[pos] == '\n' || data[pos] == '\r'))
        pos++;
    if (pos < len && data[pos] == '{')
        return 0;
    if (pos + 1 < len && data[pos] == '<') {
        char c = (char)(data[pos + 1] | 0x20);
        if (data[pos + 1] == '!' || data[pos + 1] == '?' ||
            (c >= 'a' && c <= 'z'))
            return 0;
    }
    unsigned marks = 0;
    for (int lines = 0; pos < len && lines < 200; lines++) {
        size_t next;
        size_t n = line_length(data, len, pos, &next);
        marks |= line_marks(data + pos, n);
        pos = next;
    }
    /* Plain text reads as Markdown too, but the text reader does it better:
     * no mark, or only marks scraped text has too ("- Published", "> "),
     * leave it to that reader (which scores plain text 10). */
    const unsigned strong = MARK_HEADING | MARK_LINK | MARK_EMPHASIS |
                            MARK_CODE;
    if (marks == 0)
        return 0;
    if ((marks & strong) == 0)
        return 5;
    int score = 20 + 10 * count_bits(marks);
    return score > 60 ? 60 : score;
}
