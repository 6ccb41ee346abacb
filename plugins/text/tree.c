/* Adding nodes to the document: the one place that enforces max-depth and
 * records where in the text a block came from. */
#include "text_plugin.h"

#include <inttypes.h>

static folio_pos lines_position(const tx_reader *r, size_t first,
                                size_t last)
{
    tx_line a = tx_line_trim(r->lines[first]);
    tx_line b = tx_line_trim(r->lines[last]);
    return (folio_pos){
        .start_line = a.number,
        .start_column = a.column,
        .end_line = b.number,
        .end_column = b.len > 0 ? b.column + (uint32_t)b.len - 1 : b.column,
    };
}

folio_status tx_add_node(tx_reader *r, folio_node *parent,
                         folio_node_type type, int64_t depth, size_t first,
                         size_t last, folio_node **out)
{
    *out = NULL;
    if (depth > r->max_depth) {
        const tx_line *at = &r->lines[first];
        return folio_error_set_at(r->err, FOLIO_ERR_LIMIT, at->number,
                                  at->column,
                                  "blocks nested deeper than max-depth "
                                  "(%" PRId64 ")",
                                  r->max_depth);
    }
    folio_node *node = folio_node_new(r->doc, type);
    if (node == NULL)
        return folio_error_set(r->err, FOLIO_ERR_NOMEM,
                               "out of memory building the tree");
    if (last != TX_NO_POS)
        folio_node_set_position(node, lines_position(r, first, last));
    folio_status status = folio_node_append(parent, node, r->err);
    if (status == FOLIO_OK)
        *out = node;
    return status;
}
