/*
 * The reader: decode, split into lines, then either recover the structure
 * (chrome dropped, title, blocks) or, with --no-infer, keep plain
 * paragraphs: text between blank lines, its lines joined by soft breaks,
 * nothing dropped and nothing guessed.
 */
#include "text_plugin.h"

#include <stdlib.h>

static folio_status plain_paragraphs(tx_reader *r)
{
    folio_status status = FOLIO_OK;
    for (size_t i = 0; i < r->count && status == FOLIO_OK;) {
        if (tx_line_blank(&r->lines[i])) {
            i++;
            continue;
        }
        size_t end = i;
        while (end < r->count && !tx_line_blank(&r->lines[end]))
            end++;
        folio_node *node;
        status = tx_add_node(r, folio_doc_root(r->doc), FOLIO_NODE_PARAGRAPH,
                             1, i, end - 1, &node);
        if (status == FOLIO_OK)
            status = tx_inline_lines(r, node, 1, i, end, false);
        i = end;
    }
    return status;
}

static folio_status read_lines(folio_doc *doc, const tx_text *text,
                               int64_t max_depth, bool no_infer,
                               folio_error *err)
{
    tx_reader r = {doc, NULL, 0, max_depth, false, err};
    folio_status status =
        tx_lines_split(text->data, text->len, &r.lines, &r.count, err);
    if (status != FOLIO_OK)
        return status;
    if (no_infer)
        status = plain_paragraphs(&r);
    else {
        tx_chrome_strip(r.lines, r.count);
        status = tx_title_take(&r);
        if (status == FOLIO_OK)
            status = tx_infer(&r, 0, r.count);
    }
    free(r.lines);
    return status;
}

folio_status tx_read(folio_doc *doc, const char *data, size_t len,
                     const folio_options *options, folio_error *err)
{
    const char *name = folio_options_get(options, "encoding");
    tx_encoding encoding;
    if (!tx_encoding_from_name(name != NULL ? name : TX_DEFAULT_ENCODING,
                               &encoding))
        return folio_error_set(err, FOLIO_ERR_ARGUMENT,
                               "unknown encoding '%s'; the text reader "
                               "knows auto, utf-8, utf-16, utf-16le, "
                               "utf-16be, windows-1252 and latin1",
                               name);
    bool no_infer =
        folio_options_get_bool(options, "no-infer", TX_DEFAULT_NO_INFER);
    int64_t max_depth = folio_options_get_int(options, "max-depth",
                                              FOLIO_DEFAULT_MAX_DEPTH);
    tx_text text;
    folio_status status = tx_decode(data, len, encoding, &text, err);
    if (status != FOLIO_OK)
        return status;
    status = read_lines(doc, &text, max_depth, no_infer, err);
    tx_text_free(&text);
    return status;
}
