/*
 * The title: the first line, when it reads as a headline.
 *
 * A headline is short (at most TITLE_MAX_WIDTH columns), has a letter, and
 * does not end like a sentence or a clause (". , ; : …"). A question or
 * exclamation mark is allowed: news headlines ask and exclaim ("... so what
 * happens when the next storm comes?"). It must be followed by something,
 * and when the body starts on the very next line (no blank line between),
 * that line must not read as the headline's continuation: it starts with
 * something other than a lower-case letter, and the first line is not a
 * hard-wrapped line of the same paragraph (see tx_wrap_break). A first
 * line underlined with '=' or '-' is the title whatever it ends with.
 */
#include "text_plugin.h"

#include <folio/meta.h>

enum { TITLE_MAX_WIDTH = 150 };

static bool ends_sentence(uint32_t cp)
{
    return cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == 0x2026;
}

/* Whether line i is no headline's continuation (see above), i being the
 * line right after the candidate c. */
static bool body_starts(const tx_reader *r, size_t c, size_t i)
{
    uint32_t first = tx_line_first_char(&r->lines[i]);
    if (first >= 'a' && first <= 'z')
        return false;
    size_t width = 0;
    for (size_t k = i; k < r->count && !tx_line_blank(&r->lines[k]); k++) {
        size_t w = tx_line_width(&r->lines[k]);
        if (w > width)
            width = w;
    }
    return tx_line_width(&r->lines[c]) > width ||
           !tx_wrap_break(&r->lines[c], &r->lines[i], width);
}

static bool is_headline(const tx_reader *r, size_t c)
{
    const tx_line *line = &r->lines[c];
    tx_marker marker;
    tx_line t = tx_line_trim(*line);
    return tx_line_fits(line, TITLE_MAX_WIDTH) &&
           tx_line_has_letter(&t) && tx_line_indent(line) < 4 &&
           !ends_sentence(tx_line_last_char(line)) &&
           tx_line_first_char(line) != '>' &&
           !tx_list_marker(line, &marker);
}

folio_status tx_title_take(tx_reader *r)
{
    size_t c = 0;
    while (c < r->count && tx_line_blank(&r->lines[c]))
        c++;
    bool underlined = tx_underlined(r, c, r->count);
    size_t next = c + (underlined ? 2 : 1);
    while (next < r->count && tx_line_blank(&r->lines[next]))
        next++;
    if (next >= r->count)
        return FOLIO_OK;
    if (!underlined && (!is_headline(r, c) ||
                        (next == c + 1 && !body_starts(r, c, next))))
        return FOLIO_OK;
    tx_line t = tx_line_trim(r->lines[c]);
    folio_status status = folio_meta_set_string(r->doc, "title", t.s, t.len,
                                                r->err);
    if (status != FOLIO_OK)
        return status;
    r->lines[c].len = 0;
    if (underlined)
        r->lines[c + 1].len = 0;
    r->has_title = true;
    return FOLIO_OK;
}
