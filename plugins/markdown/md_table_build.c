/*
 * Building a table md_table_find.c found, in place of its paragraph: the
 * blocks before it, the table with its rows and cells, the blocks after
 * it. What cmark parsed again comes in units, in the order they were
 * written, each ended by a thematic break (md_table_find.c).
 */
#include "md_parse.h"

/* Whether n is the thematic break after a unit, not one in it (a setext
 * "---" after a table's lines is parsed with them): it is on a line of
 * scaffolding, which came from no body line. */
static bool ends_unit(const md_tables *t, cmark_node *n)
{
    int line = cmark_node_get_start_line(n);
    return cmark_node_get_type(n) == CMARK_NODE_THEMATIC_BREAK && line >= 1 &&
           (size_t)line <= t->origin_count && t->origins[line - 1].line == 0;
}

/* The next unit's blocks, from the returned one up to *end. */
static cmark_node *take_unit(md_tables *t, cmark_node **end)
{
    cmark_node *first = t->unit, *n = first;
    while (n != NULL && !ends_unit(t, n))
        n = cmark_node_next(n);
    *end = n;
    t->unit = n != NULL ? cmark_node_next(n) : NULL;
    return first;
}

static folio_status add_blocks(md_convert *c, folio_node *parent,
                               int64_t depth)
{
    cmark_node *end, *next;
    folio_status st = FOLIO_OK;
    for (cmark_node *n = take_unit(c->tables, &end); n != end && st == FOLIO_OK;
         n = next) {
        next = cmark_node_next(n);
        st = md_convert_tree(c, n, true, parent, depth);
    }
    return st;
}

/* A cell's unit is the paragraph "X", a line break, then its content. */
static folio_status add_inlines(md_convert *c, folio_node *cell,
                                int64_t depth)
{
    cmark_node *end, *para = take_unit(c->tables, &end);
    if (para == end)
        return FOLIO_OK;
    cmark_node *n = cmark_node_first_child(para), *next;
    for (int skip = 0; skip < 2 && n != NULL; skip++)
        n = cmark_node_next(n);
    folio_status st = FOLIO_OK;
    for (; n != NULL && st == FOLIO_OK; n = next) {
        next = cmark_node_next(n);
        st = md_convert_tree(c, n, true, cell, depth);
    }
    return st;
}

static folio_status add_row(md_convert *c, const md_table *table,
                            const md_table_row *row, folio_node *node,
                            int64_t depth)
{
    md_tables *t = c->tables;
    folio_node *tr = NULL, *td = NULL;
    folio_status st = md_convert_add(
        c, FOLIO_NODE_TABLE_ROW, node, depth,
        md_convert_span(c, row->line, row->start, row->end), &tr);
    if (st == FOLIO_OK && row == &t->rows[table->row])
        st = folio_node_set_row_header(tr, true, c->err);
    for (size_t i = 0; i < row->cells && st == FOLIO_OK; i++) {
        const md_table_cell *cell = &t->cells[row->cell + i];
        folio_pos pos = cell->end > cell->start
                            ? md_convert_span(c, row->line, cell->start,
                                              cell->end)
                            : (folio_pos){0, 0, 0, 0};
        st = md_convert_add(c, FOLIO_NODE_TABLE_CELL, tr, depth + 1, pos, &td);
        if (st == FOLIO_OK && cell->end > cell->start)
            st = add_inlines(c, td, depth + 2);
    }
    /* GFM fills a short row with empty cells, while the budget lasts. */
    for (int i = (int)row->cells; i < table->columns && t->padding > 0 &&
                                  st == FOLIO_OK;
         i++) {
        t->padding--;
        st = md_convert_add(c, FOLIO_NODE_TABLE_CELL, tr, depth + 1,
                            (folio_pos){0, 0, 0, 0}, &td);
    }
    return st;
}

static folio_status add_table(md_convert *c, const md_table *table,
                              folio_node *parent, int64_t depth)
{
    md_tables *t = c->tables;
    const md_table_row *first = &t->rows[table->row];
    const md_table_row *last = first + table->rows - 1;
    folio_pos pos = md_convert_span(c, first->line, first->start, first->end);
    folio_pos end = md_convert_span(c, last->line, last->start, last->end);
    pos.end_line = end.end_line;
    pos.end_column = end.end_column;
    folio_node *node = NULL;
    folio_status st =
        md_convert_add(c, FOLIO_NODE_TABLE, parent, depth, pos, &node);
    if (st == FOLIO_OK)
        st = folio_node_set_table_columns(node, table->columns, c->err);
    for (int i = 0; i < table->columns && st == FOLIO_OK; i++)
        st = folio_node_set_table_alignment(
            node, i, t->aligns[table->align + (size_t)i], c->err);
    for (size_t r = 0; r < table->rows && st == FOLIO_OK; r++)
        st = add_row(c, table, first + r, node, depth + 1);
    return st;
}

folio_status md_table_build(md_convert *c, const md_table *table,
                            folio_node *parent, int64_t depth)
{
    /* Units are in the text parsed again, whose positions map back to the
     * body through its origins. */
    const md_marked *marked = c->marked;
    const md_origin *origins = c->origins;
    size_t origin_count = c->origin_count;
    c->marked = &c->tables->marked;
    c->origins = c->tables->origins;
    c->origin_count = c->tables->origin_count;
    folio_status st = FOLIO_OK;
    if (table->leading)
        st = add_blocks(c, parent, depth);
    if (st == FOLIO_OK)
        st = add_table(c, table, parent, depth);
    if (st == FOLIO_OK && table->trailing)
        st = add_blocks(c, parent, depth);
    if (st == FOLIO_OK && table->rule != 0) {
        folio_node *rule;
        st = md_convert_add(
            c, FOLIO_NODE_THEMATIC_BREAK, parent, depth,
            md_convert_span(c, table->rule, table->rule_start, table->rule_end),
            &rule);
    }
    c->marked = marked;
    c->origins = origins;
    c->origin_count = origin_count;
    return st;
}
