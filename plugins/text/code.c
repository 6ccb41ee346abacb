/*
 * Indented code: a run of lines indented by four columns or more, after a
 * blank line (or at the start of a quote or item), becomes a code block
 * only when it is clearly code. Plain text indents for many reasons (an
 * indented paragraph, an address, a quoted passage), so indentation alone
 * proves nothing: the run (with the blank lines inside it) must have more
 * lines that look like code than lines that look like prose, and a run
 * that is not code is not code in any part.
 *
 * A code line: ends with ';', '{' or '}'; has an operator (== != -> => &&
 * || :: </ />), a comment opener (two slashes, not in a URL; slash and
 * star; "#include") or an empty call "()"; starts with a shell prompt
 * "$ ", "#!", "#define", "if (", "for (", "while (" or "print("; opens a
 * Python block ("def ", "class ", "if ", "for "... ending with ':'); or
 * assigns ("name = value", "total += 1").
 * A prose line: ends with '.', '!', '?' or ',' and has four spaces or
 * more (five words).
 */
#include "text_plugin.h"

#include <string.h>

static bool has(const tx_line *t, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= t->len; i++)
        if (memcmp(t->s + i, needle, n) == 0 &&
            (needle[0] != '/' || needle[1] != '/' || i == 0 ||
             t->s[i - 1] != ':'))
            return true;
    return false;
}

static bool starts(const tx_line *t, const char *prefix)
{
    size_t n = strlen(prefix);
    return t->len >= n && memcmp(t->s, prefix, n) == 0;
}

static bool is_identifier_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '[' ||
           c == ']';
}

/* "name = value", "x += 1": one identifier, then an assignment. */
static bool is_assignment(const tx_line *t)
{
    size_t i = 0;
    while (i < t->len && is_identifier_char(t->s[i]))
        i++;
    if (i == 0)
        return false;
    while (i < t->len && t->s[i] == ' ')
        i++;
    if (i < t->len && strchr("+-*/|&", t->s[i]) != NULL)
        i++;
    return i + 1 < t->len && t->s[i] == '=' && t->s[i + 1] != '=';
}

static bool is_code_line(const tx_line *line)
{
    static const char *const operators[] = {
        "==", "!=", "->", "=>", "&&", "||", "::", "</", "/>", "//", "/*",
        "#include", "()"};
    static const char *const openers[] = {"$ ",   "#!",     "#define",
                                          "if (", "for (",  "while (",
                                          "print("};
    static const char *const blocks[] = {"def ", "class ", "if ", "elif ",
                                         "else", "for ", "while ", "try",
                                         "with "};
    tx_line t = tx_line_trim(*line);
    if (t.len == 0)
        return false;
    char last = t.s[t.len - 1];
    if (last == ';' || last == '{' || last == '}')
        return true;
    for (size_t i = 0; i < sizeof operators / sizeof *operators; i++)
        if (has(&t, operators[i]))
            return true;
    for (size_t i = 0; i < sizeof openers / sizeof *openers; i++)
        if (starts(&t, openers[i]))
            return true;
    for (size_t i = 0; last == ':' && i < sizeof blocks / sizeof *blocks;
         i++)
        if (starts(&t, blocks[i]))
            return true;
    return is_assignment(&t);
}

static bool is_prose_line(const tx_line *line)
{
    tx_line t = tx_line_trim(*line);
    if (t.len == 0 || strchr(".!?,", t.s[t.len - 1]) == NULL)
        return false;
    size_t spaces = 0;
    for (size_t i = 0; i < t.len; i++)
        spaces += t.s[i] == ' ';
    return spaces >= 4;
}

/* The code block's text: the lines less their common indentation, each
 * ending with a newline, as in CommonMark. */
static folio_status set_code_text(tx_reader *r, folio_node *code,
                                  size_t first, size_t end)
{
    size_t common = SIZE_MAX;
    for (size_t k = first; k < end; k++)
        if (!tx_line_blank(&r->lines[k])) {
            size_t indent = tx_line_indent(&r->lines[k]);
            if (indent < common)
                common = indent;
        }
    tx_buf text = {0};
    for (size_t k = first; k < end; k++) {
        tx_line line = r->lines[k];
        if (tx_line_blank(&line))
            line.len = 0;
        tx_line_dedent(&line, common);
        tx_buf_add(&text, line.s, line.len);
        tx_buf_putc(&text, '\n');
    }
    folio_status status =
        text.failed ? folio_error_set(r->err, FOLIO_ERR_NOMEM,
                                      "out of memory reading code")
                    : folio_node_set_literal(code, text.data, text.len,
                                             r->err);
    tx_buf_free(&text);
    return status;
}

folio_status tx_code_try(tx_reader *r, const tx_frame *frame, size_t i,
                         size_t *next, size_t *not_code)
{
    *next = i;
    if (i < *not_code || tx_line_indent(&r->lines[i]) < 4 ||
        (i > frame->first && !tx_line_blank(&r->lines[i - 1])))
        return FOLIO_OK;
    size_t end = i, code = 0, prose = 0;
    for (size_t k = i; k < frame->end; k++) {
        const tx_line *line = &r->lines[k];
        if (tx_line_blank(line))
            continue;
        if (tx_line_indent(line) < 4)
            break;
        bool is_code = is_code_line(line);
        code += is_code;
        prose += !is_code && is_prose_line(line);
        end = k + 1;
    }
    if (code == 0 || code < prose) {
        *not_code = end;
        return FOLIO_OK;
    }
    folio_node *node;
    folio_status status = tx_add_node(r, frame->parent,
                                      FOLIO_NODE_CODE_BLOCK,
                                      frame->depth + 1, i, end - 1, &node);
    if (status == FOLIO_OK)
        status = set_code_text(r, node, i, end);
    *next = end;
    return status;
}
