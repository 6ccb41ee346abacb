/*
 * Rules and headings.
 *
 * A rule line ("---", "* * *", "===", "___": three or more of one of
 * - * _ =, spaces between) right under a short line that starts a block
 * underlines it: the line is a heading. Any other rule line is a thematic
 * break.
 *
 * A subheading without underline: a line standing alone (blank lines or
 * the frame's edges around it) between other content, at most
 * TX_HEADING_MAX_WIDTH columns, with a letter, not starting with a
 * lower-case letter, a quote or a bracket, and without closing punctuation
 * (". , ; : ! ? …" before any closing quotes).
 *
 * No headings inside list items, where a short line alone is an item's
 * next paragraph. Headings are level 2: level 1 is the title's.
 */
#include "text_plugin.h"

static bool blank_at(const tx_reader *r, size_t i)
{
    return tx_line_blank(&r->lines[i]);
}

static bool closes_sentence(uint32_t cp)
{
    return cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == '!' ||
           cp == '?' || cp == 0x2026;
}

static bool opens_quote(uint32_t cp)
{
    return cp == '"' || cp == '\'' || cp == '(' || cp == '[' ||
           cp == 0x201C || cp == 0x2018 || cp == 0xAB;
}

/* What every heading is: short, one line, words, not an item. */
static bool heading_like(const tx_line *line)
{
    tx_line t = tx_line_trim(*line);
    tx_marker marker;
    return tx_line_indent(line) < 4 &&
           tx_line_fits(line, TX_HEADING_MAX_WIDTH) &&
           tx_line_has_letter(&t) && !tx_list_marker(line, &marker);
}

bool tx_underlined(const tx_reader *r, size_t i, size_t end)
{
    if (i + 1 >= end || !heading_like(&r->lines[i]) ||
        tx_line_rule(&r->lines[i]) != 0)
        return false;
    char rule = tx_line_rule(&r->lines[i + 1]);
    return rule == '=' || rule == '-';
}

static bool stands_alone(const tx_reader *r, const tx_frame *f, size_t i,
                         bool seen)
{
    if (!seen || (i > f->first && !blank_at(r, i - 1)) ||
        (i + 1 < f->end && !blank_at(r, i + 1)))
        return false;
    size_t after = i + 1;
    while (after < f->end && blank_at(r, after))
        after++;
    const tx_line *line = &r->lines[i];
    uint32_t first = tx_line_first_char(line);
    return after < f->end && heading_like(line) &&
           !(first >= 'a' && first <= 'z') && !opens_quote(first) &&
           !closes_sentence(tx_line_last_char(line));
}

static folio_status heading(tx_reader *r, const tx_frame *f, size_t i,
                            size_t last)
{
    folio_node *node;
    folio_status status = tx_add_node(r, f->parent, FOLIO_NODE_HEADING,
                                      f->depth + 1, i, last, &node);
    if (status == FOLIO_OK)
        status = folio_node_set_heading_level(node, 2, r->err);
    if (status == FOLIO_OK)
        status = tx_inline_lines(r, node, f->depth + 1, i, i + 1, true);
    return status;
}

folio_status tx_heading_try(tx_reader *r, const tx_frame *f, size_t i,
                            bool seen, size_t *next)
{
    bool in_item = f->kind == TX_FRAME_ITEM;
    *next = i;
    if (!in_item && (i == f->first || blank_at(r, i - 1)) &&
        tx_underlined(r, i, f->end)) {
        *next = i + 2;
        return heading(r, f, i, i + 1);
    }
    if (tx_line_rule(&r->lines[i]) != 0) {
        folio_node *node;
        *next = i + 1;
        return tx_add_node(r, f->parent, FOLIO_NODE_THEMATIC_BREAK,
                           f->depth + 1, i, i, &node);
    }
    if (!in_item && stands_alone(r, f, i, seen)) {
        *next = i + 1;
        return heading(r, f, i, i);
    }
    return FOLIO_OK;
}
