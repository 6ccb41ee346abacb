/*
 * Lists: bullet items ("- ", "* ", "•") and numbered items ("1. ", "1) ").
 *
 * A list needs at least two items of one kind (the same bullet, or numbers
 * with the same delimiter). A lone line that merely starts like an item
 * ("- Updated on Monday") is text: that is how flattened web pages print
 * dates and bylines, and one item is no list to a reader either.
 *
 * An item goes on over the lines indented past its marker, and over
 * unindented lines that start with a lower-case letter (an item hard-wrapped
 * without indentation continues its sentence). After a blank line, it goes
 * on only with a line indented to its text. Blank lines between or inside
 * items make the list loose. An item's lines, without the marker and the
 * indentation, are read again as blocks, so items hold paragraphs, quotes
 * and lists of their own.
 */
#include "text_plugin.h"

#include <string.h>

static const char bullet_dot[] = "\xE2\x80\xA2"; /* • */

bool tx_list_marker(const tx_line *line, tx_marker *marker)
{
    const char *s = line->s;
    size_t len = line->len, i = 0, column = 0;
    while (i < len && tx_is_space(s[i])) {
        column = s[i] == '\t' ? (column / 4 + 1) * 4 : column + 1;
        i++;
    }
    tx_marker m = {.indent = column, .number = 1};
    size_t after;
    if (i < len && (s[i] == '-' || s[i] == '*')) {
        m.bullet = (unsigned char)s[i];
        after = i + 1;
        if (after == len || !tx_is_space(s[after]))
            return false;
    } else if (len - i >= 3 && memcmp(s + i, bullet_dot, 3) == 0) {
        m.bullet = 0x2022;
        after = i + 3;
    } else {
        size_t digits = 0;
        long number = 0;
        while (i + digits < len && digits < 10 && s[i + digits] >= '0' &&
               s[i + digits] <= '9') {
            number = number * 10 + (s[i + digits] - '0');
            digits++;
        }
        after = i + digits;
        /* Nine digits at most, as CommonMark, so the number fits an
         * int. */
        if (digits == 0 || digits > 9 || after + 1 >= len ||
            (s[after] != '.' && s[after] != ')') ||
            !tx_is_space(s[after + 1]))
            return false;
        m.ordered = true;
        m.number = (int)number;
        m.delimiter =
            s[after] == '.' ? FOLIO_DELIM_PERIOD : FOLIO_DELIM_PAREN;
        after++;
    }
    /* Columns of the marker itself: "•" is one column, like the rest. */
    column += m.bullet == 0x2022 ? 1 : after - i;
    while (after < len && tx_is_space(s[after])) {
        column = s[after] == '\t' ? (column / 4 + 1) * 4 : column + 1;
        after++;
    }
    if (after == len)
        return false;
    m.content = after;
    m.content_column = column;
    *marker = m;
    return true;
}

static bool same_kind(const tx_marker *a, const tx_marker *b)
{
    return a->ordered == b->ordered &&
           (a->ordered ? a->delimiter == b->delimiter
                       : a->bullet == b->bullet);
}

static bool blank_at(const tx_reader *r, size_t i)
{
    return tx_line_blank(&r->lines[i]);
}

/* The line past the end of the item at i; *blank_inside when the item
 * spans a blank line. */
static size_t item_end(const tx_reader *r, const tx_frame *f, size_t i,
                       const tx_marker *m, bool *blank_inside)
{
    size_t last = i;
    for (size_t k = i + 1; k < f->end;) {
        const tx_line *line = &r->lines[k];
        tx_marker other;
        if (blank_at(r, k)) {
            size_t n = k;
            while (n < f->end && blank_at(r, n))
                n++;
            if (n == f->end ||
                tx_line_indent(&r->lines[n]) < m->content_column)
                break;
            *blank_inside = true;
            last = n;
            k = n + 1;
            continue;
        }
        bool is_marker = tx_list_marker(line, &other);
        size_t indent = tx_line_indent(line);
        if (is_marker && indent < m->content_column)
            break;
        uint32_t first = tx_line_first_char(line);
        if (indent > m->indent ||
            (!is_marker && first >= 'a' && first <= 'z')) {
            last = k;
            k++;
            continue;
        }
        break;
    }
    return last + 1;
}

/* The first line of the item after the one ending at end, or f->end. */
static size_t next_item(const tx_reader *r, const tx_frame *f, size_t end,
                        const tx_marker *first)
{
    size_t n = end;
    while (n < f->end && blank_at(r, n))
        n++;
    tx_marker m;
    if (n < f->end && tx_list_marker(&r->lines[n], &m) &&
        same_kind(first, &m) && m.indent < first->content_column)
        return n;
    return f->end;
}

typedef struct list_shape {
    size_t items;
    size_t end;
    bool loose;
} list_shape;

static list_shape list_scan(const tx_reader *r, const tx_frame *f, size_t i)
{
    list_shape shape = {0, i, false};
    tx_marker first;
    if (!tx_list_marker(&r->lines[i], &first))
        return shape;
    for (size_t j = i; j < f->end;) {
        tx_marker m;
        tx_list_marker(&r->lines[j], &m);
        shape.items++;
        shape.end = item_end(r, f, j, &m, &shape.loose);
        j = next_item(r, f, shape.end, &first);
        if (j < f->end && j > shape.end)
            shape.loose = true;
    }
    return shape;
}

bool tx_list_starts(const tx_reader *r, const tx_frame *frame, size_t i,
                    size_t *skip)
{
    tx_marker m;
    *skip = i + 1;
    if (!tx_list_marker(&r->lines[i], &m))
        return false;
    list_shape shape = list_scan(r, frame, i);
    *skip = shape.end;
    return shape.items >= 2;
}

folio_status tx_list_build(tx_reader *r, const tx_frame *frame, size_t i,
                           size_t *next, tx_push_fn push, void *context)
{
    list_shape shape = list_scan(r, frame, i);
    tx_marker first;
    tx_list_marker(&r->lines[i], &first);
    folio_node *list;
    folio_status status =
        tx_add_node(r, frame->parent, FOLIO_NODE_LIST, frame->depth + 1, i,
                    shape.end - 1, &list);
    if (status == FOLIO_OK)
        status = folio_node_set_list(
            list, first.ordered ? FOLIO_LIST_ORDERED : FOLIO_LIST_BULLET,
            first.number, !shape.loose,
            first.ordered ? first.delimiter : FOLIO_DELIM_NONE, r->err);
    for (size_t j = i; status == FOLIO_OK && j < frame->end;) {
        tx_marker m;
        tx_list_marker(&r->lines[j], &m);
        bool ignored = false;
        size_t end = item_end(r, frame, j, &m, &ignored);
        folio_node *item;
        status = tx_add_node(r, list, FOLIO_NODE_ITEM, frame->depth + 2, j,
                             end - 1, &item);
        if (status != FOLIO_OK)
            break;
        /* The item's text, as if the marker and indentation were never
         * there; unindented continuation lines stay as they are. */
        tx_line_skip(&r->lines[j], m.content);
        for (size_t k = j + 1; k < end; k++)
            tx_line_dedent(&r->lines[k], m.content_column);
        status = push(context, (tx_frame){j, end, item, frame->depth + 2,
                                          TX_FRAME_ITEM});
        j = next_item(r, frame, end, &first);
    }
    *next = shape.end;
    return status;
}
