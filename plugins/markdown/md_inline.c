/*
 * Writing inline content so that it reads back as the same inlines.
 *
 * Text is escaped character by character, knowing what was written just
 * before on the line and what the next node will start with: an escape is
 * added only where the character could start or end markup there (a "-"
 * only opens a list at the start of a line, an "_" between two letters
 * never delimits emphasis). When unsure, it escapes: a needless backslash
 * costs a byte, a missing one changes the document.
 */
#include "md_render.h"

#include <stdio.h>
#include <string.h>

/* The first byte a node will put out. */
static int first_byte(const folio_node *node)
{
    size_t len;
    const char *s;
    switch (folio_node_get_type(node)) {
    case FOLIO_NODE_TEXT:
    case FOLIO_NODE_HTML_INLINE:
        s = folio_node_literal(node, &len);
        return len > 0 ? (unsigned char)s[0] : -1;
    case FOLIO_NODE_SOFT_BREAK:
    case FOLIO_NODE_LINE_BREAK:
        return MD_LINE_END;
    case FOLIO_NODE_CODE:
        return '`';
    case FOLIO_NODE_EMPH:
    case FOLIO_NODE_STRONG:
        return '*';
    case FOLIO_NODE_STRIKETHROUGH:
        return '~';
    case FOLIO_NODE_LINK:
        return '[';
    case FOLIO_NODE_IMAGE:
        return '!';
    default:
        return MD_LINE_END;
    }
}

int md_next_hint(const folio_node *node)
{
    for (;;) {
        for (const folio_node *next = folio_node_next(node); next != NULL;
             next = folio_node_next(next)) {
            int c = first_byte(next);
            if (c >= 0)
                return c;
        }
        node = folio_node_parent(node);
        if (node == NULL)
            return MD_LINE_END;
        switch (folio_node_get_type(node)) {
        case FOLIO_NODE_EMPH:
        case FOLIO_NODE_STRONG:
            return MD_CLOSER | '*';
        case FOLIO_NODE_STRIKETHROUGH:
            return MD_CLOSER | '~';
        case FOLIO_NODE_LINK:
        case FOLIO_NODE_IMAGE:
            return ']';
        default:
            return MD_LINE_END;
        }
    }
}

typedef enum { AS_IS, BACKSLASH, ENTITY } md_escape;

/* Whether the "&" at s[i] could start an entity or a numeric character
 * reference: "&", an optional "#", letters and digits, ";". When s ends
 * before the ";", what follows (after: the next node's first byte, or 0
 * at the end of a whole string) decides. */
bool md_starts_entity(const char *s, size_t len, size_t i, int after)
{
    size_t j = i + 1;
    if (j < len && s[j] == '#')
        j++;
    size_t start = j;
    while (j < len && md_is_alnum((unsigned char)s[j]))
        j++;
    if (j < len)
        return j > start && s[j] == ';';
    return after != 0 && (md_is_alnum(after) || after == '#' || after == ';');
}

/* Whether '#' at s[i], at the start of a line, would open a heading: a run
 * of at most six followed by a space or the end of the line. */
static bool opens_heading(const char *s, size_t len, size_t i, int after)
{
    size_t run = 0;
    while (i + run < len && s[i + run] == '#')
        run++;
    int follow = i + run < len ? (unsigned char)s[i + run] : after;
    return run <= 6 &&
           (follow == ' ' || follow == '\t' || follow == MD_LINE_END);
}

/* Whether the tilde at s[i] stays text in GFM as it is: with a space or
 * tab written as such on either side it can neither open nor close a
 * strikethrough. (A space at the end of a line is written as "&#32;".) */
static bool tilde_is_inert(const md_writer *w, const char *s, size_t len,
                           size_t i, int after)
{
    int prev = md_out_last(&w->out);
    if (!md_out_line_start(&w->out) && prev != ' ' && prev != '\t')
        return false;
    if (i + 1 == len)
        return after == MD_LINE_END;
    if (s[i + 1] != ' ' && s[i + 1] != '\t')
        return false;
    return i + 2 < len || (after != MD_LINE_END && !(after & MD_CLOSER));
}

static md_escape text_escape(const md_writer *w, const char *s, size_t len,
                             size_t i, int after)
{
    int c = (unsigned char)s[i];
    int next = i + 1 < len ? (unsigned char)s[i + 1] : after;
    int prev = i > 0 ? (unsigned char)s[i - 1] : md_out_last(&w->out);
    bool line_start = md_out_line_start(&w->out);
    switch (c) {
    case '\n':
    case '\r':
        return ENTITY;
    case ' ':
    case '\t':
        /* Stripped at either end of a line, and turning an emphasis
         * delimiter next to it into plain text. */
        if (line_start || next == MD_LINE_END || (next & MD_CLOSER) ||
            (i == 0 && w->after_opener))
            return ENTITY;
        return AS_IS;
    case '\\':
        /* Before a space too, which may be written as "&#32;". */
        return md_is_punct(next & 0xff) || next == MD_LINE_END || next == ' ' ||
                       next == '\t' || next == '\n' || next == '\r'
                   ? BACKSLASH
                   : AS_IS;
    case '`':
    case '*':
    case '[':
    case ']':
        return BACKSLASH;
    case '_':
        return md_is_alnum(prev) && md_is_alnum(next) ? AS_IS : BACKSLASH;
    case '<':
        return md_is_alpha(next) || next == '/' || next == '!' || next == '?'
                   ? BACKSLASH
                   : AS_IS;
    case '&':
        return md_starts_entity(s, len, i, after) ? BACKSLASH : AS_IS;
    case '!':
        return next == '[' ? BACKSLASH : AS_IS;
    case '~':
        return tilde_is_inert(w, s, len, i, after) ? AS_IS : BACKSLASH;
    case '|':
        /* A pipe opening a line could open a delimiter row too. */
        return w->in_cell > 0 ||
                       (line_start && (next == ' ' || next == '\t' ||
                                       next == ':' || next == '-'))
                   ? BACKSLASH
                   : AS_IS;
    case ':':
        return line_start && next == '-' ? BACKSLASH : AS_IS;
    case '#':
        if (w->out.single_line > 0 && next == MD_LINE_END)
            return BACKSLASH; /* would close an ATX heading */
        return line_start && opens_heading(s, len, i, after) ? BACKSLASH
                                                             : AS_IS;
    case '>':
    case '=':
        return line_start ? BACKSLASH : AS_IS;
    case '-':
    case '+':
        if (!line_start)
            return AS_IS;
        /* A list marker, a thematic break, or a delimiter row ("-:",
         * "-|"): GFM reads one in a paragraph's line as a table's. */
        return next == ' ' || next == '\t' || next == MD_LINE_END ||
                       (c == '-' &&
                        (next == '-' || next == ':' || next == '|'))
                   ? BACKSLASH
                   : AS_IS;
    case '.':
    case ')': {
        /* After 1-9 digits at the start of a line: an ordered list. */
        size_t digits = md_out_digits(&w->out);
        return digits >= 1 && digits <= 9 &&
                       (next == ' ' || next == '\t' || next == MD_LINE_END)
                   ? BACKSLASH
                   : AS_IS;
    }
    default:
        return AS_IS;
    }
}

/* Length of the word starting at s[i], for wrapping. */
static size_t word_length(const char *s, size_t len, size_t i)
{
    size_t n = 0;
    while (i + n < len && s[i + n] != ' ')
        n++;
    return n;
}

/* Whether a space before a word of that length should become a line
 * break, to keep lines within w->wrap columns. */
static bool wrap_here(const md_writer *w, size_t word)
{
    return w->wrap > 0 && w->out.single_line == 0 && w->no_wrap == 0 &&
           !md_out_line_start(&w->out) &&
           md_out_column(&w->out) + 1 + word > (size_t)w->wrap;
}

bool md_alnum_like(int c)
{
    return (c >= 0x80 && c <= 0xff) || md_is_alnum(c);
}

static bool is_written_emphasis(const folio_node *node)
{
    folio_node_type type = node != NULL ? folio_node_get_type(node)
                                        : FOLIO_NODE_NONE;
    return (type == FOLIO_NODE_EMPH || type == FOLIO_NODE_STRONG) &&
           folio_node_first_child(node) != NULL;
}

/* Inside emphasis, a "*" opening more emphasis after a letter could just
 * as well close the outer one. */
static bool in_emphasis(const folio_node *node)
{
    for (node = folio_node_parent(node); node != NULL;
         node = folio_node_parent(node))
        if (is_written_emphasis(node))
            return true;
    return false;
}

/* Whether the first (or last) byte written inside an emphasis will be
 * punctuation, as far as flanking goes: markup is, and so is text that
 * starts (ends) with punctuation or with a space (written as an entity
 * there). A nested emphasis at that edge merges its run with ours (see
 * emphasis_delim), so what counts is inside it; except emphasis alone in
 * emphasis, which always takes the other delimiter. */
static bool edge_is_punct(const folio_node *emphasis, bool first)
{
    const folio_node *child = emphasis;
    do {
        emphasis = child;
        child = first ? folio_node_first_child(emphasis)
                      : folio_node_last_child(emphasis);
        if (folio_node_get_type(child) == FOLIO_NODE_EMPH &&
            folio_node_next(child) == NULL &&
            folio_node_previous(child) == NULL)
            return true;
    } while (is_written_emphasis(child));
    size_t len;
    const char *s = folio_node_get_type(child) == FOLIO_NODE_TEXT
                        ? folio_node_literal(child, &len)
                        : NULL;
    if (s == NULL || len == 0)
        return true;
    int c = (unsigned char)(first ? s[0] : s[len - 1]);
    return !md_alnum_like(c);
}

/* The length of the UTF-8 sequence starting at s[i] (1 for a stray byte),
 * and its code point in *cp. */
static size_t decode(const char *s, size_t len, size_t i, unsigned *cp)
{
    unsigned char c = (unsigned char)s[i];
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + n > len)
        n = 1;
    *cp = n == 1 ? c : c & (0x7F >> n);
    for (size_t k = 1; k < n; k++)
        *cp = (*cp << 6) | ((unsigned char)s[i + k] & 0x3F);
    return n;
}

/* Where the last UTF-8 sequence of s starts. */
static size_t last_char(const char *s, size_t len)
{
    size_t i = len - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80 && len - i < 4)
        i--;
    return i;
}

/* ---- Strikethrough ------------------------------------------------------ */

static bool is_strike(const folio_node *node)
{
    return node != NULL &&
           folio_node_get_type(node) == FOLIO_NODE_STRIKETHROUGH &&
           folio_node_first_child(node) != NULL;
}

/* A strikethrough at the edge of another writes no delimiters: "~~~a~~~"
 * would be no delimiter at all, and its text is struck either way. */
static bool at_strike_edge(const folio_node *node)
{
    const folio_node *parent = folio_node_parent(node);
    return parent != NULL &&
           folio_node_get_type(parent) == FOLIO_NODE_STRIKETHROUGH &&
           (folio_node_previous(node) == NULL || folio_node_next(node) == NULL);
}

bool md_strike_writes(const folio_node *node)
{
    return is_strike(node) && !at_strike_edge(node);
}

/* Two side by side are written as one, their "~~" between left out. */
bool md_strike_opens(const folio_node *node)
{
    return md_strike_writes(node) &&
           !md_strike_writes(folio_node_previous(node));
}

bool md_strike_closes(const folio_node *node)
{
    return md_strike_writes(node) && !md_strike_writes(folio_node_next(node));
}

/* Whether the first (or last) character inside a strikethrough is an
 * ASCII letter or digit, written as such. Anything else may be
 * punctuation, after which "~~" opens only after a space or punctuation
 * (and before which it closes only before one): a letter outside is then
 * written as a reference. A text of one character next to emphasis or
 * another strikethrough may itself be written as a reference. */
static bool strike_edge_alnum(const folio_node *strike, bool first)
{
    const folio_node *child = strike;
    do
        child = first ? folio_node_first_child(child)
                      : folio_node_last_child(child);
    while (folio_node_get_type(child) == FOLIO_NODE_STRIKETHROUGH &&
           folio_node_first_child(child) != NULL);
    size_t len;
    const char *s = folio_node_get_type(child) == FOLIO_NODE_TEXT
                        ? folio_node_literal(child, &len)
                        : NULL;
    if (s == NULL || len == 0 ||
        !md_is_alnum((unsigned char)(first ? s[0] : s[len - 1])))
        return false;
    const folio_node *other =
        first ? folio_node_next(child) : folio_node_previous(child);
    return !(last_char(s, len) == 0 && other != NULL &&
             (is_written_emphasis(other) || is_strike(other)));
}

/* The bytes text_escape has a case for: all others are written as they
 * are, wherever they stand. */
static const bool may_need_escape[256] = {
    ['\n'] = true, ['\r'] = true, [' '] = true,  ['\t'] = true,
    ['\\'] = true, ['`'] = true,  ['*'] = true,  ['['] = true,
    [']'] = true,  ['_'] = true,  ['<'] = true,  ['&'] = true,
    ['!'] = true,  ['~'] = true,  ['|'] = true,  [':'] = true,
    ['#'] = true,  ['>'] = true,  ['='] = true,  ['-'] = true,
    ['+'] = true,  ['.'] = true,  [')'] = true,
};

/* Where the run of bytes from s[i] that go out as they are ends, at stop
 * at the latest (the text's last character, which may need a reference):
 * any byte text_escape has no case for, and a space or tab between two
 * characters on the same line (after the text's first character, it
 * cannot start the line) unless wrapping may break the line there. */
static size_t plain_run_end(const md_writer *w, const char *s, size_t len,
                            size_t i, size_t stop)
{
    bool spaces_plain = w->wrap == 0;
    for (; i < stop; i++) {
        unsigned char c = (unsigned char)s[i];
        if (may_need_escape[c] &&
            !(spaces_plain && (c == ' ' || c == '\t') && i + 1 < len &&
              s[i + 1] != '\n'))
            break;
    }
    return i;
}

/* Writes the character at s[i], escaped as it needs, and returns the
 * number of bytes it took; as_entity asks for a letter to be written as
 * a character reference. */
static size_t write_char(md_writer *w, const char *s, size_t len, size_t i,
                         int after, bool as_entity)
{
    char buf[16];
    unsigned cp;
    size_t n = decode(s, len, i, &cp);
    if (as_entity && md_alnum_like((unsigned char)s[i])) {
        snprintf(buf, sizeof buf, "&#%u;", cp);
        md_out_puts(&w->out, buf);
        return n;
    }
    switch (text_escape(w, s, len, i, after)) {
    case BACKSLASH:
        buf[0] = '\\';
        buf[1] = s[i];
        md_out_write(&w->out, buf, 2);
        break;
    case ENTITY:
        snprintf(buf, sizeof buf, "&#%d;", (unsigned char)s[i]);
        md_out_puts(&w->out, buf);
        break;
    default:
        if (s[i] == ' ' && i + 1 < len && s[i + 1] != ' ' &&
            wrap_here(w, word_length(s, len, i + 1)))
            md_out_write(&w->out, "\n", 1);
        else
            md_out_write(&w->out, s + i, 1);
    }
    return 1;
}

void md_write_text(md_writer *w, const folio_node *node)
{
    size_t len;
    const char *s = folio_node_literal(node, &len);
    if (len == 0)
        return;
    int after = md_next_hint(node);
    /* A "*" only opens emphasis whose text starts with punctuation when
     * what precedes it is a space or punctuation too, and only closes the
     * mirror case likewise ("a*.b.*c" is plain text); "_" never opens or
     * closes next to a letter. A letter there is written as a character
     * reference, which counts as punctuation. */
    const folio_node *prev = folio_node_previous(node);
    const folio_node *next = folio_node_next(node);
    const md_frame *parent = &w->frames[w->depth - 1];
    bool entity_first =
        (is_written_emphasis(prev) &&
         (edge_is_punct(prev, false) || parent->last_emphasis == '_')) ||
        (md_strike_closes(prev) && !strike_edge_alnum(prev, false));
    bool entity_last =
        (is_written_emphasis(next) &&
         (edge_is_punct(next, true) || in_emphasis(node))) ||
        (md_strike_opens(next) && !strike_edge_alnum(next, true));
    size_t last = last_char(s, len);
    size_t i = 0;
    while (i < len) {
        /* Runs of bytes that need no escape go out in one write. */
        size_t stop = i < last ? last : len;
        size_t run_end =
            i == 0 || i == last ? i : plain_run_end(w, s, len, i, stop);
        if (run_end > i) {
            md_out_write(&w->out, s + i, run_end - i);
            i = run_end;
            continue;
        }
        bool as_entity = (i == 0 && entity_first) || (i == last && entity_last);
        i += write_char(w, s, len, i, after, as_entity);
    }
}

void md_write_soft_break(md_writer *w, const folio_node *node)
{
    const folio_node *next = folio_node_next(node);
    size_t word = 0;
    if (next != NULL && folio_node_get_type(next) == FOLIO_NODE_TEXT) {
        size_t len;
        const char *s = folio_node_literal(next, &len);
        word = word_length(s, len, 0);
    }
    if (w->wrap > 0 && w->no_wrap == 0 && !wrap_here(w, word))
        md_out_write(&w->out, " ", 1);
    else
        md_out_write(&w->out, "\n", 1);
}

/* Writes s with each byte for which replace gives a string written as
 * that string instead. */
static void write_replacing(md_writer *w, const char *s, size_t len,
                            const char *(*replace)(const md_writer *, char))
{
    size_t unwritten = 0;
    for (size_t i = 0; i < len; i++) {
        const char *replacement = replace(w, s[i]);
        if (replacement == NULL)
            continue;
        md_out_write(&w->out, s + unwritten, i - unwritten);
        md_out_puts(&w->out, replacement);
        unwritten = i + 1;
    }
    md_out_write(&w->out, s + unwritten, len - unwritten);
}

/* GFM splits a cell at any pipe no backslash escapes, even in raw HTML or
 * an autolink, and takes the backslash away. */
static const char *raw_replacement(const md_writer *w, char c)
{
    return c == '|' && w->in_cell > 0 ? "\\|" : NULL;
}

void md_write_raw(md_writer *w, const char *s, size_t len)
{
    write_replacing(w, s, len, raw_replacement);
}

/* ---- Code spans --------------------------------------------------------- */

/* Whether s holds a run of exactly n backticks. */
static bool has_backtick_run(const char *s, size_t len, size_t n)
{
    for (size_t i = 0; i < len;) {
        size_t run = 0;
        while (i + run < len && s[i + run] == '`')
            run++;
        if (run == n)
            return true;
        i += run > 0 ? run : 1;
    }
    return false;
}

/* Line endings in a span read back as spaces anyway; a "|" in a pipe
 * table cell must be escaped even here (GFM). */
static const char *code_replacement(const md_writer *w, char c)
{
    if (c == '\n')
        return " ";
    return raw_replacement(w, c);
}

void md_write_code(md_writer *w, const folio_node *node)
{
    size_t len;
    const char *s = folio_node_literal(node, &len);
    /* An empty code span has no Markdown form. */
    if (len == 0)
        return;
    size_t ticks = 1;
    while (has_backtick_run(s, len, ticks))
        ticks++;
    bool all_spaces = true;
    for (size_t i = 0; i < len; i++)
        all_spaces = all_spaces && s[i] == ' ';
    /* The reader strips one space from each end when both have one, and a
     * backtick at either end would join the fence: pad with a space. */
    bool pad = s[0] == '`' || s[len - 1] == '`' ||
               (s[0] == ' ' && s[len - 1] == ' ' && !all_spaces);
    for (size_t i = 0; i < ticks; i++)
        md_out_write(&w->out, "`", 1);
    if (pad)
        md_out_write(&w->out, " ", 1);
    write_replacing(w, s, len, code_replacement);
    if (pad)
        md_out_write(&w->out, " ", 1);
    for (size_t i = 0; i < ticks; i++)
        md_out_write(&w->out, "`", 1);
}
