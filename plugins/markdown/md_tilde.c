/*
 * Strikethrough, step one: marking the tilde runs GFM could pair.
 *
 * cmark without GFM keeps "~" as text, and once it has built its tree a
 * tilde from "\~" or "&#126;" (never a delimiter) looks like any other:
 * cmark merges them all into one text node. So the decision is made here,
 * on the source, before cmark parses: each run of one or two tildes that
 * GFM's rules let open or close a strikethrough (a run is left-flanking or
 * right-flanking, as for emphasis) becomes as many marker characters,
 * whose choice says what the run can do. md_strike.c pairs them in cmark's
 * tree; any marker left over, in text or in a code span, a URL, a code
 * block, is turned back into a tilde when the tree is copied.
 *
 * The markers are Unicode punctuation that cmark also takes as such, so
 * emphasis next to a run flanks as it did next to the tildes. A text that
 * holds a marker character itself is not marked at all.
 */
#include "md_parse.h"

#include <stdlib.h>
#include <string.h>
#include <folio/text.h>

/* U+2E1B TILDE WITH RING ABOVE: the run can open and close; U+2E1E TILDE
 * WITH DOT ABOVE: open only; U+2E1F TILDE WITH DOT BELOW: close only. */
static const char marker_both[] = "\xE2\xB8\x9B";
static const char marker_open[] = "\xE2\xB8\x9E";
static const char marker_close[] = "\xE2\xB8\x9F";

bool md_tilde_marker_at(const char *s, size_t len, size_t i, bool *can_open,
                        bool *can_close)
{
    if (i + MD_MARKER_LEN > len || memcmp(s + i, "\xE2\xB8", 2) != 0)
        return false;
    unsigned char last = (unsigned char)s[i + 2];
    if (last != 0x9B && last != 0x9E && last != 0x9F)
        return false;
    *can_open = last != 0x9F;
    *can_close = last != 0x9E;
    return true;
}

size_t md_tilde_restore(const char *s, size_t len, char *out)
{
    size_t n = 0;
    bool open, close;
    for (size_t i = 0; i < len; i++) {
        if (md_tilde_marker_at(s, len, i, &open, &close)) {
            out[n++] = '~';
            i += MD_MARKER_LEN - 1;
        } else {
            out[n++] = s[i];
        }
    }
    return n;
}

/* ---- Character classes, as cmark-gfm's flanking rules use them ----------- */

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' ||
           c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

/* ASCII punctuation, and the Unicode punctuation blocks text is likely to
 * hold (cmark's full table is larger; anything else counts as a letter). */
static bool is_punct(uint32_t c)
{
    static const uint32_t ranges[][2] = {
        {0x21, 0x2F}, {0x3A, 0x40}, {0x5B, 0x60}, {0x7B, 0x7E},
        {0xA1, 0xA1}, {0xA7, 0xA7}, {0xAB, 0xAB}, {0xB6, 0xB7},
        {0xBB, 0xBB}, {0xBF, 0xBF}, {0x2010, 0x2027}, {0x2030, 0x205E},
        {0x2E00, 0x2E4F}, {0x3001, 0x3003}, {0x3008, 0x3011},
        {0x3014, 0x301F}, {0xFF01, 0xFF0F}, {0xFF1A, 0xFF20},
        {0xFF3B, 0xFF40}, {0xFF5B, 0xFF65},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (c >= ranges[i][0] && c <= ranges[i][1])
            return true;
    return false;
}

/* The code point ending right before s[i]. */
static uint32_t before(const char *s, size_t i)
{
    size_t start = i - 1;
    while (start > 0 && i - start < 4 &&
           ((unsigned char)s[start] & 0xC0) == 0x80)
        start--;
    uint32_t c;
    return folio_utf8_decode(s + start, i - start, &c) == i - start
               ? c
               : (unsigned char)s[i - 1];
}

static uint32_t at(const char *s, size_t len, size_t i)
{
    uint32_t c;
    return folio_utf8_decode(s + i, len - i, &c) > 0 ? c : (unsigned char)s[i];
}

/* ---- E-mail autolinks ------------------------------------------------- */

static bool is_local_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') ||
           (c != '\0' && strchr(".!#$%&'*+/=?^_`{|}~-", c) != NULL);
}

static bool is_domain_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '.';
}

/* The length of what looks like an e-mail autolink, "<local@domain>", at
 * s[i], or 0. Its tildes are part of the address, and a marker (not ASCII)
 * would keep cmark from reading it as one. */
static size_t email_autolink(const char *s, size_t len, size_t i)
{
    size_t n = i + 1;
    while (n < len && is_local_char(s[n]))
        n++;
    if (n == i + 1 || n >= len || s[n] != '@')
        return 0;
    size_t domain = ++n;
    while (n < len && is_domain_char(s[n]))
        n++;
    return n > domain && n < len && s[n] == '>' ? n + 1 - i : 0;
}

/* ---- Marking ------------------------------------------------------------ */

typedef struct marker_out {
    md_marked *m;
    size_t size;        /* of m->text */
    size_t mark_size;
    uint32_t line;
    size_t line_start;  /* in m->text */
    bool nomem;
} marker_out;

static void put(marker_out *o, const char *s, size_t n)
{
    if (o->nomem)
        return;
    if (o->m->len + n > o->size) {
        size_t size = o->size * 2 + n;
        char *text = realloc(o->m->text, size);
        if (text == NULL) {
            o->nomem = true;
            return;
        }
        o->m->text = text;
        o->size = size;
    }
    memcpy(o->m->text + o->m->len, s, n);
    o->m->len += n;
}

static void put_marker(marker_out *o, const char *marker)
{
    md_marked *m = o->m;
    if (!o->nomem && m->count == o->mark_size) {
        size_t size = o->mark_size ? 2 * o->mark_size : 64;
        md_mark *marks = realloc(m->marks, size * sizeof *marks);
        if (marks == NULL) {
            o->nomem = true;
            return;
        }
        m->marks = marks;
        o->mark_size = size;
    }
    if (o->nomem)
        return;
    m->marks[m->count++] =
        (md_mark){o->line, (uint32_t)(m->len - o->line_start + 1)};
    put(o, marker, MD_MARKER_LEN);
}

static bool holds_marker(const char *s, size_t len)
{
    bool open, close;
    for (const char *p = s; (p = memchr(p, '\xE2', len - (size_t)(p - s)));
         p++)
        if (md_tilde_marker_at(s, len, (size_t)(p - s), &open, &close))
            return true;
    return false;
}

folio_status md_tilde_mark(const char *s, size_t len, md_marked *out,
                           folio_error *err)
{
    memset(out, 0, sizeof *out);
    if (len == 0 || memchr(s, '~', len) == NULL || holds_marker(s, len))
        return FOLIO_OK;
    marker_out o = {.m = out, .size = len + len / 8 + 16, .line = 1};
    out->text = malloc(o.size);
    o.nomem = out->text == NULL;
    /* Only spaces, tabs and ">" since the line began: before a run, what
     * GFM sees is the start of the paragraph's line (a space), not the
     * block quote's markers. */
    bool line_start = true;
    for (size_t i = 0; i < len && !o.nomem;) {
        char c = s[i];
        if (c == '\n' || c == '\r') {
            size_t n = c == '\r' && i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
            put(&o, s + i, n);
            i += n;
            o.line++;
            o.line_start = out->len;
            line_start = true;
            continue;
        }
        size_t n = 1, autolink;
        unsigned char escaped = i + 1 < len ? (unsigned char)s[i + 1] : 0;
        if (c == '\\' && escaped < 0x80 && is_punct(escaped))
            n = 2; /* an escaped character is never a delimiter */
        else if (c == '<' && (autolink = email_autolink(s, len, i)) > 0)
            n = autolink;
        else if (c == '~') {
            while (i + n < len && s[i + n] == '~')
                n++;
            uint32_t prev = line_start || i == 0 ? '\n' : before(s, i);
            uint32_t next = i + n < len ? at(s, len, i + n) : '\n';
            bool left = !is_space(next) &&
                        (!is_punct(next) || is_space(prev) || is_punct(prev));
            bool right = !is_space(prev) &&
                         (!is_punct(prev) || is_space(next) || is_punct(next));
            if (n <= 2 && (left || right)) {
                const char *marker = left && right ? marker_both
                                     : left        ? marker_open
                                                   : marker_close;
                for (size_t k = 0; k < n; k++)
                    put_marker(&o, marker);
                i += n;
                line_start = false;
                continue;
            }
        }
        put(&o, s + i, n);
        line_start = line_start && (c == ' ' || c == '\t' || c == '>');
        i += n;
    }
    if (o.nomem) {
        md_marked_free(out);
        return folio_error_set(err, FOLIO_ERR_NOMEM,
                               "out of memory while reading Markdown");
    }
    if (out->count == 0)
        md_marked_free(out);
    return FOLIO_OK;
}

void md_marked_free(md_marked *marked)
{
    free(marked->text);
    free(marked->marks);
    memset(marked, 0, sizeof *marked);
}

/* The first mark at or after (line, column). */
static size_t lower_bound(const md_marked *m, uint32_t line, uint32_t column)
{
    size_t lo = 0, hi = m->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const md_mark *k = &m->marks[mid];
        if (k->line < line || (k->line == line && k->column < column))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

uint32_t md_marked_column(const md_marked *marked, uint32_t line,
                          uint32_t column)
{
    if (marked == NULL || marked->count == 0 || column == 0)
        return column;
    /* Each marker before the column took MD_MARKER_LEN bytes for one. */
    size_t before_count =
        lower_bound(marked, line, column) - lower_bound(marked, line, 0);
    return column - (uint32_t)(before_count * (MD_MARKER_LEN - 1));
}
