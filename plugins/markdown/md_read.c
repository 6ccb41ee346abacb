/*
 * Reading the Markdown body: the order of the steps.
 *
 * cmark parses CommonMark. With the gfm option (the default), GitHub's two
 * extensions the writer uses are read too, around cmark, which has none:
 * strikethrough (tilde runs marked before cmark parses, paired in its tree
 * after) and pipe tables (found among its paragraphs, their cells parsed
 * again by cmark as inline content). Then cmark's tree is copied into
 * folio's (md_convert.c).
 *
 * Adjacent text nodes are copied as one (cmark may split text where it
 * had to look at a character twice, and strikethrough splits it at its
 * delimiters), so that the tree holds text as a reader of the article
 * sees it, whatever escapes the source used.
 */
#include "md_parse.h"

#include <stdlib.h>
#include <string.h>

cmark_node *md_cmark_parse(const char *text, size_t len, bool smart)
{
    /* Source positions are always kept by cmark; CMARK_OPT_UNSAFE only
     * matters to its HTML renderer: raw HTML stays in the tree either
     * way. */
    cmark_parser *parser = cmark_parser_new(smart ? CMARK_OPT_SMART : 0);
    cmark_parser_feed(parser, text, len);
    cmark_node *root = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    return root;
}

/* Parses text with its tildes marked, and pairs them. */
static folio_status parse(const char *text, size_t len, bool smart, bool gfm,
                          md_marked *marked, cmark_node **root,
                          folio_error *err)
{
    *root = NULL;
    /* Most articles have no tilde at all: then there is nothing to mark or
     * pair, and both passes are skipped. */
    bool tildes = gfm && len > 0 && memchr(text, '~', len) != NULL;
    folio_status st = tildes ? md_tilde_mark(text, len, marked, err)
                             : FOLIO_OK;
    if (st != FOLIO_OK)
        return st;
    if (marked->text != NULL)
        *root = md_cmark_parse(marked->text, marked->len, smart);
    else
        *root = md_cmark_parse(text, len, smart);
    return tildes ? md_strike_pair(*root, err) : FOLIO_OK;
}

/* Whether some line could be a table's delimiter row: only spaces, tabs,
 * '|', ':', '-' and quote markers, with a '-'. Without one there is no
 * table, and the line index the table search needs is not built; a false
 * yes only costs that search. */
static bool may_hold_table(const char *s, size_t len)
{
    bool dash = false, only_delimiters = true;
    for (size_t i = 0; i <= len; i++) {
        char c = i < len ? s[i] : '\n';
        if (c == '\n' || c == '\r') {
            if (dash && only_delimiters)
                return true;
            dash = false;
            only_delimiters = true;
        } else if (c == '-')
            dash = true;
        else if (c != ' ' && c != '\t' && c != '|' && c != ':' && c != '>')
            only_delimiters = false;
    }
    return false;
}

/* Parses the units md_tables_find wrote. Link references in cells resolve
 * against the body's definitions, so the body follows the units (after
 * them: a block the body leaves open cannot swallow them) when it may
 * hold any. */
static folio_status parse_units(md_tables *t, const char *data, size_t len,
                                bool smart, folio_error *err)
{
    if (md_may_define_links(data, len)) {
        char *text = realloc(t->text, t->len + len);
        if (text == NULL)
            return folio_error_set(err, FOLIO_ERR_NOMEM,
                                   "out of memory while reading Markdown");
        memcpy(text + t->len, data, len);
        t->text = text;
        t->len += len;
        t->text_size = t->len;
    }
    folio_status st =
        parse(t->text, t->len, smart, true, &t->marked, &t->root, err);
    if (st == FOLIO_OK) {
        cmark_consolidate_text_nodes(t->root);
        t->unit = cmark_node_first_child(t->root);
    }
    return st;
}

/* Copies the body block by block, freeing each block of cmark's tree once
 * it is copied: the memory it gave back holds the copies of the blocks
 * after it, so the peak is about one tree, not cmark's and folio's
 * together. */
static folio_status convert_blocks(md_convert *c, cmark_node *root)
{
    folio_status st = FOLIO_OK;
    cmark_node *block;
    while (st == FOLIO_OK && (block = cmark_node_first_child(root)) != NULL) {
        st = md_convert_tree(c, block, true, folio_doc_root(c->doc), 0);
        cmark_node_free(block);
    }
    return st;
}

/* Whether the last block cmark closed before the end of the text: a
 * paragraph, heading or rule that a blank line ends. Any other block (a
 * list, a quote, code, raw HTML) may go on past a blank line. */
static bool ends_closed(cmark_node *root)
{
    cmark_node *last = cmark_node_last_child(root);
    if (last == NULL)
        return true;
    cmark_node_type type = cmark_node_get_type(last);
    return type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING ||
           type == CMARK_NODE_THEMATIC_BREAK;
}

folio_status md_part_read(folio_doc *doc, const char *data, size_t len,
                          const md_body_place *place,
                          const md_read_options *options, bool *closed,
                          folio_error *err)
{
    md_marked marked = {0};
    md_source src = {0};
    md_tables tables = {0};
    cmark_node *root;
    folio_status st =
        parse(data, len, options->smart, options->gfm, &marked, &root, err);
    if (st == FOLIO_OK && closed != NULL) {
        *closed = ends_closed(root);
        if (!*closed) {
            cmark_node_free(root);
            md_marked_free(&marked);
            return FOLIO_OK;
        }
    }
    bool tables_possible = options->gfm && may_hold_table(data, len);
    if (st == FOLIO_OK && tables_possible)
        st = md_source_init(&src, data, len, err);
    if (st == FOLIO_OK && tables_possible)
        st = md_tables_find(&tables, &src, root, err);
    if (st == FOLIO_OK && tables.count > 0)
        st = parse_units(&tables, data, len, options->smart, err);
    if (st == FOLIO_OK) {
        md_convert c = {
            .doc = doc,
            .place = place,
            .src = &src,
            .max_depth = options->max_depth,
            .marked = &marked,
            .tables = &tables,
            .err = err,
        };
        st = convert_blocks(&c, root);
        free(c.buf);
        free(c.joined);
    }
    if (root != NULL)
        cmark_node_free(root);
    md_tables_free(&tables);
    md_source_free(&src);
    md_marked_free(&marked);
    return st;
}
