/*
 * Finding the front matter: a "---" line at the very start of the input,
 * then YAML, then a "---" or "..." line. Nothing else counts as front
 * matter (not a "---" further down, not one after blank lines), so a
 * Markdown file that merely opens with a thematic break keeps its body
 * unless a closing fence follows.
 */
#include "markdown.h"

/* The line starting at pos: its length without the line ending, and in
 * *next where the following line starts. Lines end at LF, CRLF or CR. */
static size_t line_at(const char *data, size_t len, size_t pos, size_t *next)
{
    size_t end = pos;
    while (end < len && data[end] != '\n' && data[end] != '\r')
        end++;
    size_t after = end;
    if (after < len && data[after] == '\r')
        after++;
    if (after < len && data[after] == '\n')
        after++;
    *next = after;
    return end - pos;
}

/* Whether the line is the fence (three characters) plus optional blanks. */
static bool is_fence(const char *line, size_t n, const char *fence)
{
    if (n < 3 || line[0] != fence[0] || line[1] != fence[1] ||
        line[2] != fence[2])
        return false;
    for (size_t i = 3; i < n; i++)
        if (line[i] != ' ' && line[i] != '\t')
            return false;
    return true;
}

bool md_front_matter_find(const char *data, size_t len, size_t start,
                          md_front_matter *fm)
{
    size_t pos;
    size_t n = line_at(data, len, start, &pos);
    /* The opening line needs its line ending: "---" alone is a body. */
    if (!is_fence(data + start, n, "---") || pos == start + n)
        return false;
    unsigned long line = 2;
    size_t yaml_start = pos;
    while (pos < len) {
        size_t next;
        n = line_at(data, len, pos, &next);
        if (is_fence(data + pos, n, "---") || is_fence(data + pos, n, "...")) {
            fm->yaml_start = yaml_start;
            fm->yaml_len = pos - yaml_start;
            fm->body_start = next;
            fm->body_line = next > pos + n ? line + 1 : line;
            return true;
        }
        pos = next;
        line++;
    }
    return false;
}
