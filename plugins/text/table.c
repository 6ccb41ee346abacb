/*
 * Tables as aligned columns: cells padded to their column's display width
 * (CJK and emoji count two columns) and honouring the column's alignment,
 * two spaces between columns, and a line of '-' under the header rows.
 * Tables are never wrapped: a wrapped row would no longer line up. A cell
 * holding blocks is written as their text on one line.
 */
#include "text_plugin.h"

#include <stdlib.h>
#include <string.h>

typedef struct cell {
    size_t start;    /* in the table's text buffer */
    size_t len;
    size_t width;
} cell;

typedef struct grid {
    size_t rows;
    size_t columns;
    cell *cells;     /* rows * columns, row by row */
    size_t *widths;  /* per column */
    tx_buf text;
} grid;

static void shape(const folio_node *table, size_t *rows, size_t *columns)
{
    *rows = 0;
    *columns = (size_t)folio_node_table_columns(table);
    for (const folio_node *row = folio_node_first_child(table); row != NULL;
         row = folio_node_next(row)) {
        size_t n = 0;
        for (const folio_node *c = folio_node_first_child(row); c != NULL;
             c = folio_node_next(c))
            n++;
        if (n > *columns)
            *columns = n;
        (*rows)++;
    }
}

/* The cell's text, on one line, into g->text. */
static void render_cell(tx_writer *w, grid *g, const folio_node *node,
                        cell *out)
{
    w->text.len = 0;
    tx_render_inlines(w, node);
    const char *s = w->text.data != NULL ? w->text.data : "";
    size_t len = w->text.len;
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\n'))
        len--;
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\n'))
        i++;
    out->start = g->text.len;
    for (; i < len; i++)
        tx_buf_putc(&g->text, s[i] == '\n' || s[i] == '\t' ? ' ' : s[i]);
    out->len = g->text.len - out->start;
    out->width = g->text.data != NULL
                     ? tx_width(g->text.data + out->start, out->len)
                     : 0;
    w->text.len = 0;
}

static bool fill(tx_writer *w, const folio_node *table, grid *g)
{
    tx_buf_add(&g->text, "", 0);
    shape(table, &g->rows, &g->columns);
    if (g->rows == 0 || g->columns == 0)
        return !g->text.failed;
    if (g->rows > SIZE_MAX / sizeof(cell) / g->columns)
        return false;
    g->cells = calloc(g->rows * g->columns, sizeof *g->cells);
    g->widths = calloc(g->columns, sizeof *g->widths);
    if (g->cells == NULL || g->widths == NULL)
        return false;
    size_t r = 0;
    for (const folio_node *row = folio_node_first_child(table); row != NULL;
         row = folio_node_next(row), r++) {
        size_t c = 0;
        for (const folio_node *node = folio_node_first_child(row);
             node != NULL; node = folio_node_next(node), c++) {
            cell *out = &g->cells[r * g->columns + c];
            render_cell(w, g, node, out);
            if (out->width > g->widths[c])
                g->widths[c] = out->width;
        }
    }
    return !g->text.failed && !w->nomem;
}

static void pad(tx_buf *line, size_t n)
{
    for (size_t i = 0; i < n; i++)
        tx_buf_putc(line, ' ');
}

static void write_row(tx_writer *w, const folio_node *table, const grid *g,
                      size_t r)
{
    for (size_t c = 0; c < g->columns; c++) {
        const cell *cl = &g->cells[r * g->columns + c];
        size_t space = g->widths[c] - cl->width, before = 0;
        folio_align align = folio_node_table_alignment(table, (int)c);
        if (align == FOLIO_ALIGN_RIGHT)
            before = space;
        else if (align == FOLIO_ALIGN_CENTER)
            before = space / 2;
        if (c > 0)
            pad(&w->text, 2);
        pad(&w->text, before);
        tx_buf_add(&w->text, g->text.data + cl->start, cl->len);
        pad(&w->text, space - before);
    }
    tx_out_line(w, 0, w->text.data, w->text.len);
    w->text.len = 0;
}

static void write_rule(tx_writer *w, const grid *g)
{
    for (size_t c = 0; c < g->columns; c++) {
        if (c > 0)
            pad(&w->text, 2);
        for (size_t k = 0; k < (g->widths[c] > 0 ? g->widths[c] : 1); k++)
            tx_buf_putc(&w->text, '-');
    }
    tx_out_line(w, 0, w->text.data, w->text.len);
    w->text.len = 0;
}

void tx_table_write(tx_writer *w, const folio_node *table)
{
    grid g = {0};
    if (!fill(w, table, &g))
        w->nomem = true;
    else if (g.cells != NULL) {
        size_t r = 0;
        for (const folio_node *row = folio_node_first_child(table);
             row != NULL && !w->text.failed; row = folio_node_next(row), r++) {
            write_row(w, table, &g, r);
            const folio_node *next = folio_node_next(row);
            if (folio_node_row_is_header(row) &&
                (next == NULL || !folio_node_row_is_header(next)))
                write_rule(w, &g);
        }
        if (w->text.failed || g.text.failed)
            w->nomem = true;
    }
    free(g.cells);
    free(g.widths);
    tx_buf_free(&g.text);
}
