/*
 * Tables. CommonMark has none, so they are written the two ways readers
 * understand: a GFM pipe table when it can hold the table (one header
 * row, first; cells of inline content on one line), and otherwise raw HTML
 * whose cells stay Markdown: a "<td>" line, a blank line, the cell's
 * blocks, a blank line, "</td>". Each tag line is an HTML block and each
 * cell's content is read as Markdown again, so nothing needs an HTML
 * renderer and the cell content keeps its own formatting.
 */
#include "md_render.h"

#include <stdio.h>

bool md_table_is_html(const folio_node *table)
{
    if (folio_node_table_columns(table) < 1)
        return true;
    size_t headers = 0;
    folio_node *node = (folio_node *)table;
    folio_walk_event event = FOLIO_WALK_NONE;
    while (folio_walk_next(table, &node, &event)) {
        if (event != FOLIO_WALK_ENTER)
            continue;
        switch (folio_node_get_type(node)) {
        case FOLIO_NODE_TABLE_ROW:
            if (folio_node_row_is_header(node) &&
                (headers++ > 0 || folio_node_previous(node) != NULL))
                return true;
            break;
        case FOLIO_NODE_TABLE_CELL: {
            const folio_node *first = folio_node_first_child(node);
            if (first != NULL &&
                folio_node_type_is_block(folio_node_get_type(first)))
                return true;
            break;
        }
        case FOLIO_NODE_SOFT_BREAK:
        case FOLIO_NODE_LINE_BREAK:
            return true;
        default:
            break;
        }
    }
    return headers != 1;
}

static const char *align_attribute(folio_align align)
{
    switch (align) {
    case FOLIO_ALIGN_LEFT: return " align=\"left\"";
    case FOLIO_ALIGN_CENTER: return " align=\"center\"";
    case FOLIO_ALIGN_RIGHT: return " align=\"right\"";
    default: return "";
    }
}

static const char *align_rule(folio_align align)
{
    switch (align) {
    case FOLIO_ALIGN_LEFT: return " :-- |";
    case FOLIO_ALIGN_CENTER: return " :-: |";
    case FOLIO_ALIGN_RIGHT: return " --: |";
    default: return " --- |";
    }
}

/* Whether a row starts a new <thead> or <tbody>. */
static bool starts_section(const folio_node *row)
{
    const folio_node *prev = folio_node_previous(row);
    return prev == NULL ||
           folio_node_row_is_header(prev) != folio_node_row_is_header(row);
}

static bool ends_section(const folio_node *row)
{
    const folio_node *next = folio_node_next(row);
    return next == NULL ||
           folio_node_row_is_header(next) != folio_node_row_is_header(row);
}

static void html_line(md_writer *w, const char *s)
{
    md_out_puts(&w->out, s);
    md_out_cr(&w->out);
}

static void enter_cell(md_writer *w, const folio_node *node,
                       md_frame *frame)
{
    md_frame *row = frame - 1;
    md_frame *table = frame - 2;
    int column = row->cell++;
    if (!table->html) {
        md_out_puts(&w->out, " ");
        w->in_cell++;
        w->out.single_line++;
        return;
    }
    char tag[64];
    snprintf(tag, sizeof tag, "<%s%s>",
             folio_node_row_is_header(row->node) ? "th" : "td",
             align_attribute(folio_node_table_alignment(table->node, column)));
    md_out_puts(&w->out, tag);
    if (folio_node_first_child(node) == NULL) {
        html_line(w, folio_node_row_is_header(row->node) ? "</th>" : "</td>");
        return;
    }
    md_out_blank(&w->out);
}

void md_table_enter(md_writer *w, const folio_node *node, md_frame *frame)
{
    switch (folio_node_get_type(node)) {
    case FOLIO_NODE_TABLE:
        frame->html = md_table_is_html(node);
        if (frame->html)
            html_line(w, "<table>");
        break;
    case FOLIO_NODE_TABLE_ROW:
        if (!(frame - 1)->html) {
            md_out_puts(&w->out, "|");
            break;
        }
        if (starts_section(node))
            html_line(w, folio_node_row_is_header(node) ? "<thead>"
                                                        : "<tbody>");
        html_line(w, "<tr>");
        break;
    default:
        enter_cell(w, node, frame);
        break;
    }
}

static void leave_row(md_writer *w, const folio_node *node, md_frame *frame)
{
    const md_frame *table = frame - 1;
    if (table->html) {
        html_line(w, "</tr>");
        if (ends_section(node))
            html_line(w, folio_node_row_is_header(node) ? "</thead>"
                                                        : "</tbody>");
        return;
    }
    int columns = folio_node_table_columns(table->node);
    for (int i = frame->cell; i < columns; i++)
        md_out_puts(&w->out, "  |");
    md_out_cr(&w->out);
    if (!folio_node_row_is_header(node))
        return;
    md_out_puts(&w->out, "|");
    for (int i = 0; i < columns; i++)
        md_out_puts(&w->out,
                    align_rule(folio_node_table_alignment(table->node, i)));
    md_out_cr(&w->out);
}

void md_table_leave(md_writer *w, const folio_node *node, md_frame *frame)
{
    switch (folio_node_get_type(node)) {
    case FOLIO_NODE_TABLE:
        if (frame->html)
            html_line(w, "</table>");
        md_out_cr(&w->out);
        break;
    case FOLIO_NODE_TABLE_ROW:
        leave_row(w, node, frame);
        break;
    default:
        if (!(frame - 2)->html) {
            w->in_cell--;
            w->out.single_line--;
            md_out_puts(&w->out, " |");
        } else if (folio_node_first_child(node) != NULL) {
            md_out_blank(&w->out);
            html_line(w, folio_node_row_is_header((frame - 1)->node)
                             ? "</th>"
                             : "</td>");
        }
        break;
    }
}
