/*
 * The line grammar of GFM pipe tables, as cmark-gfm's table extension
 * reads a line: where its cells are, and whether it is a delimiter row.
 * The reader uses it to find tables; the writer, to keep a paragraph line
 * from reading back as a delimiter row.
 */
#include "markdown.h"

/* cmark-gfm's "spacechar", which may stand around a cell's pipes. */
static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/* What cmark-gfm trims from a cell. */
static bool is_trimmed(char c)
{
    return is_space(c) || c == '\n' || c == '\r';
}

/* A cell runs to the first "|" that no backslash escapes: in GFM "\|" is a
 * pipe in the cell even inside a code span, and "\\|" is too (a backslash
 * and an escaped pipe). */
static size_t cell_length(const char *s, size_t len, size_t i)
{
    size_t n = i;
    while (n < len && !(s[n] == '|' && (n == i || s[n - 1] != '\\')))
        n++;
    return n - i;
}

/* A pipe and the spaces after it. */
static size_t pipe_length(const char *s, size_t len, size_t i)
{
    if (i >= len || s[i] != '|')
        return 0;
    size_t n = i + 1;
    while (n < len && is_space(s[n]))
        n++;
    return n - i;
}

size_t md_pipe_cells(const char *s, size_t len, md_pipe_cell *cells,
                     size_t max)
{
    size_t count = 0;
    size_t i = pipe_length(s, len, 0); /* the leading pipe is optional */
    while (i < len) {
        /* At i there is a cell, a pipe, or both: an empty cell is a pipe
         * right after a pipe. */
        size_t cell = cell_length(s, len, i);
        size_t pipe = pipe_length(s, len, i + cell);
        if (count < max) {
            size_t start = i, end = i + cell;
            while (start < end && is_trimmed(s[start]))
                start++;
            while (end > start && is_trimmed(s[end - 1]))
                end--;
            cells[count] = (md_pipe_cell){start, end};
        }
        count++;
        i += cell + pipe;
    }
    /* cmark-gfm counts columns in 16 bits and gives up beyond. */
    return count <= MD_PIPE_MAX_COLUMNS ? count : 0;
}

/* One cell of a delimiter row: spaces, an optional colon, dashes, an
 * optional colon, spaces. Returns the position after it, or i. */
static size_t delimiter_cell(const char *s, size_t len, size_t i)
{
    size_t n = i;
    while (n < len && is_space(s[n]))
        n++;
    if (n < len && s[n] == ':')
        n++;
    size_t dashes = n;
    while (n < len && s[n] == '-')
        n++;
    if (n == dashes)
        return i;
    if (n < len && s[n] == ':')
        n++;
    while (n < len && is_space(s[n]))
        n++;
    return n;
}

bool md_pipe_is_delimiter_row(const char *s, size_t len)
{
    size_t i = len > 0 && s[0] == '|' ? 1 : 0;
    size_t n = delimiter_cell(s, len, i);
    if (n == i)
        return false;
    for (;;) {
        if (n == len)
            return true;
        if (s[n] != '|')
            return false;
        i = n + 1;
        n = delimiter_cell(s, len, i);
        if (n == i) {
            /* The trailing pipe, and only spaces after it. */
            while (n < len && is_space(s[n]))
                n++;
            return n == len;
        }
    }
}

folio_align md_pipe_alignment(const char *cell, size_t len)
{
    bool left = len > 0 && cell[0] == ':';
    bool right = len > 0 && cell[len - 1] == ':';
    return left && right ? FOLIO_ALIGN_CENTER
           : left        ? FOLIO_ALIGN_LEFT
           : right       ? FOLIO_ALIGN_RIGHT
                         : FOLIO_ALIGN_NONE;
}
