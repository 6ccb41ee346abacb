/* Tables: data tables become folio tables; layout tables do not. */
#include "convert.h"

#include <string.h>
#include <strings.h>


/* Whether a <table> holds data rather than page layout, by the signs
 * Readability uses: roles and captions, nested tables, and size. */
bool convert_table_is_data(const xmlNode *table)
{
    const char *role = html_attr(table, "role");
    if (role != NULL &&
        (strcmp(role, "presentation") == 0 || strcmp(role, "none") == 0))
        return false;
    const char *datatable = html_attr(table, "datatable");
    if (datatable != NULL && strcmp(datatable, "0") == 0)
        return false;
    bool signs = html_attr(table, "summary") != NULL;
    int rows = 0, columns = 0, cells = 0;
    for (const xmlNode *n = html_next(table, table, false); n != NULL;
         n = html_next(table, n, false)) {
        if (html_is(n, "table"))
            return false;
        if (html_is(n, "caption") || html_is(n, "thead") ||
            html_is(n, "tfoot") || html_is(n, "colgroup") ||
            html_is(n, "th"))
            signs = true;
        if (html_is(n, "tr")) {
            rows++;
            cells = 0;
        } else if (html_is(n, "td") || html_is(n, "th")) {
            cells += html_attr_int(n, "colspan", 1, 1000);
            if (cells > columns)
                columns = cells;
        }
    }
    if (signs)
        return true;
    if (rows <= 1 || columns <= 1)
        return false;
    return rows >= 10 || columns > 4 || rows * columns > 10;
}

static bool has_caption(const xmlNode *table)
{
    for (const xmlNode *n = table->children; n != NULL; n = n->next)
        if (html_is(n, "caption"))
            return true;
    return false;
}

static folio_align cell_alignment(const xmlNode *cell)
{
    const char *align = html_attr(cell, "align");
    const char *style = html_attr(cell, "style");
    const char *p = style != NULL ? strstr(style, "text-align") : NULL;
    if (p != NULL) {
        p += 10;
        while (*p == ' ' || *p == ':')
            p++;
        align = p;
    }
    if (align == NULL)
        return FOLIO_ALIGN_NONE;
    if (strncasecmp(align, "left", 4) == 0)
        return FOLIO_ALIGN_LEFT;
    if (strncasecmp(align, "center", 6) == 0)
        return FOLIO_ALIGN_CENTER;
    if (strncasecmp(align, "right", 5) == 0)
        return FOLIO_ALIGN_RIGHT;
    return FOLIO_ALIGN_NONE;
}

#define MAX_COLUMNS 65535

folio_status convert_table_begin(converter *c, const xmlNode *element)
{
    table_state *t = folio_doc_alloc(c->doc, sizeof *t);
    if (t == NULL)
        return html_nomem(c->err);
    int depth;
    if (has_caption(element)) {
        HTML_TRY(convert_add_block(c, FOLIO_NODE_FIGURE, element, &t->outer, &depth));
        if (depth + 1 > c->max_depth)
            return convert_limit_error(c, element);
        t->table = convert_new_node(c, FOLIO_NODE_TABLE, element);
        if (t->table == NULL)
            return html_nomem(c->err);
        HTML_TRY(folio_node_append(t->outer, t->table, c->err));
        t->outer_depth = depth - 1;
        depth++;
    } else {
        HTML_TRY(convert_add_block(c, FOLIO_NODE_TABLE, element, &t->table, &depth));
        t->outer = t->table;
        t->outer_depth = depth - 1;
    }
    t->table_depth = depth;
    c->table = t;
    c->container = t->table;
    c->container_depth = depth;
    return FOLIO_OK;
}

/* Decides whether the finished row is a header row, and drops it if it
 * has no cell. */
folio_status convert_row_end(converter *c)
{
    table_state *t = c->table;
    folio_node *row = t->row;
    if (row == NULL)
        return FOLIO_OK;
    t->row = NULL;
    if (folio_node_first_child(row) == NULL) {
        folio_node_unlink(row);
        return FOLIO_OK;
    }
    t->first_row_done = true;
    bool header = !t->body_seen && (t->in_head || t->row_all_th);
    t->body_seen = t->body_seen || !header;
    if (t->row_cells > t->columns)
        t->columns = t->row_cells;
    return folio_node_set_row_header(row, header, c->err);
}

folio_status convert_row_begin(converter *c, const xmlNode *element)
{
    table_state *t = c->table;
    HTML_TRY(convert_row_end(c));
    if (t->table_depth + 2 > c->max_depth)
        return convert_limit_error(c, element);
    folio_node *row = convert_new_node(c, FOLIO_NODE_TABLE_ROW, element);
    if (row == NULL)
        return html_nomem(c->err);
    HTML_TRY(folio_node_append(t->table, row, c->err));
    t->row = row;
    t->row_all_th = true;
    t->row_cells = 0;
    c->container = row;
    c->container_depth = t->table_depth + 1;
    return FOLIO_OK;
}

static folio_status note_alignment(converter *c, int column, folio_align a)
{
    table_state *t = c->table;
    if (column >= t->align_cap) {
        int cap = t->align_cap == 0 ? 8 : 2 * t->align_cap;
        while (cap <= column)
            cap *= 2;
        folio_align *aligns = folio_doc_alloc(c->doc, (size_t)cap * sizeof *aligns);
        if (aligns == NULL)
            return html_nomem(c->err);
        if (t->align_count > 0)
            memcpy(aligns, t->aligns, (size_t)t->align_count * sizeof *aligns);
        t->aligns = aligns;
        t->align_cap = cap;
    }
    for (; t->align_count < column; t->align_count++)
        t->aligns[t->align_count] = FOLIO_ALIGN_NONE;
    t->aligns[column] = a;
    t->align_count = column + 1;
    return FOLIO_OK;
}

/* Starts a cell; *skip when the row is already as wide as a table may
 * be. */
folio_status convert_cell_begin(converter *c, frame *f, bool *skip)
{
    table_state *t = c->table;
    const xmlNode *element = f->element;
    if (t->row == NULL)
        HTML_TRY(convert_row_begin(c, NULL));
    int span = html_attr_int(element, "colspan", 1, 1000);
    if (span < 1)
        span = 1;
    if (t->row_cells + span > MAX_COLUMNS) {
        *skip = true;
        return FOLIO_OK;
    }
    folio_node *cell = convert_new_node(c, FOLIO_NODE_TABLE_CELL, element);
    if (cell == NULL)
        return html_nomem(c->err);
    HTML_TRY(folio_node_append(t->row, cell, c->err));
    if (!t->first_row_done)
        HTML_TRY(note_alignment(c, t->row_cells, cell_alignment(element)));
    t->row_all_th = t->row_all_th && html_is(element, "th");
    t->row_cells += span;
    f->extra_cells = span - 1;
    c->container = cell;
    c->container_depth = t->table_depth + 2;
    return FOLIO_OK;
}

/* A cell holding one paragraph holds its inlines instead: what Markdown
 * tables can show. Spanned columns get empty cells. */
folio_status convert_cell_end(converter *c, const frame *f)
{
    folio_node *cell = c->container;
    folio_node *only = folio_node_first_child(cell);
    if (only != NULL && folio_node_next(only) == NULL &&
        folio_node_get_type(only) == FOLIO_NODE_PARAGRAPH) {
        folio_node_unlink(only);
        folio_node *child;
        while ((child = folio_node_first_child(only)) != NULL) {
            folio_node_unlink(child);
            HTML_TRY(folio_node_append(cell, child, c->err));
        }
    }
    folio_node *row = folio_node_parent(cell);
    for (int i = 0; i < f->extra_cells; i++) {
        folio_node *empty = folio_node_new(c->doc, FOLIO_NODE_TABLE_CELL);
        if (empty == NULL)
            return html_nomem(c->err);
        HTML_TRY(folio_node_append(row, empty, c->err));
    }
    return FOLIO_OK;
}

folio_status convert_table_end(converter *c)
{
    table_state *t = c->table;
    HTML_TRY(convert_row_end(c));
    if (folio_node_first_child(t->table) == NULL) {
        folio_node_unlink(t->outer);
        return FOLIO_OK;
    }
    int columns = t->columns > MAX_COLUMNS ? MAX_COLUMNS : t->columns;
    HTML_TRY(folio_node_set_table_columns(t->table, columns, c->err));
    for (int i = 0; i < t->align_count && i < columns; i++)
        HTML_TRY(folio_node_set_table_alignment(t->table, i, t->aligns[i],
                                                c->err));
    return FOLIO_OK;
}
