/*
 * Finding GFM pipe tables in cmark's tree, as cmark-gfm finds them while
 * it parses: the first line of a paragraph (after its first) that is a
 * delimiter row decides. If the line before it has as many cells, that
 * line is the header row and the lines after it are body rows; if not,
 * the paragraph holds no table. Lines before the header stay a paragraph
 * of their own. A setext heading is a paragraph for this: its "---" line
 * becomes a thematic break after the table, its "===" line a last row.
 *
 * cmark has already ended the paragraph where a blank line or a block
 * that may interrupt a paragraph starts. After a table, GFM also ends it
 * at a line indented by four columns (an indented code block) or one
 * starting a list item; those lines and all after them are parsed again,
 * as blocks after the table. A lazy continuation line stays a row (GFM
 * would end the table, and its container, there): the difference only
 * shows on lines written without their "> " or indentation.
 *
 * A cell's content is inline Markdown: each non-empty cell, its "\|"
 * unescaped, is written as a paragraph's indented second line, where no
 * block can start, for cmark to parse again (md_read.c); so are the lines
 * before and after a table. md_table_build.c takes the results in order.
 */
#include "md_parse.h"

#include <stdlib.h>
#include <string.h>

#define NOMEM_MESSAGE "out of memory while reading Markdown"

/* p, or p grown to room for need items of item bytes (counting in
 * *size); p again, with t->nomem set, when out of memory. */
static void *reserve(md_tables *t, void *p, size_t *size, size_t need,
                     size_t item)
{
    if (need <= *size)
        return p;
    size_t n = *size ? *size : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(p, n * item);
    if (q == NULL) {
        t->nomem = true;
        return p;
    }
    *size = n;
    return q;
}

/* Whether array has room for need items, growing it if not. */
#define RESERVE(t, array, size, need)                                        \
    ((array) = reserve((t), (array), &(size), (need), sizeof *(array)),      \
     !(t)->nomem)

/* ---- The text parsed again ---------------------------------------------- */

static void put(md_tables *t, const char *s, size_t len)
{
    if (len == 0 || !RESERVE(t, t->text, t->text_size, t->len + len))
        return;
    memcpy(t->text + t->len, s, len);
    t->len += len;
}

/* Starts a line of text that came from body line `line`, where a column
 * of the text is `shift` more. */
static void start_line(md_tables *t, uint32_t line, int64_t shift)
{
    if (!RESERVE(t, t->origins, t->origin_size, t->origin_count + 1))
        return;
    t->origins[t->origin_count++] = (md_origin){line, (int32_t)shift};
}

static void end_line(md_tables *t)
{
    put(t, "\n", 1);
}

/* A thematic break after each unit tells where it ends in cmark's tree;
 * its line came from no body line, which tells it from a thematic break
 * in the unit (md_table_build.c). */
static void end_unit(md_tables *t)
{
    static const char *const lines[] = {"", "***", ""};
    for (size_t i = 0; i < 3; i++) {
        start_line(t, 0, 0);
        put(t, lines[i], strlen(lines[i]));
        end_line(t);
    }
}

static void put_spaces(md_tables *t, unsigned n)
{
    static const char spaces[] = "        ";
    for (; n > 8; n -= 8)
        put(t, spaces, 8);
    put(t, spaces, n);
}

/* Lines of a block, parsed again as blocks: indented as they were past
 * their containers' markers; or, for a paragraph's lines before a table,
 * all but the first by four columns, which keeps each a continuation line
 * whatever it holds. */
static void put_lines(md_tables *t, const md_source *src, const md_line *lines,
                      size_t n, bool continuation)
{
    for (size_t i = 0; i < n; i++) {
        const md_line *l = &lines[i];
        unsigned indent = continuation && i > 0 ? 4 : l->indent;
        size_t start = src->lines[l->number - 1].start;
        start_line(t, l->number,
                   (int64_t)(l->content - start) - (int64_t)indent);
        put_spaces(t, indent);
        put(t, src->data + l->content, l->end - l->content);
        end_line(t);
    }
    end_unit(t);
}

/* A cell, as the second line of a paragraph "X": indented by four, it can
 * start no block, and it is inline content on its own. */
static void put_cell(md_tables *t, const md_source *src, uint32_t line,
                     const md_table_cell *cell)
{
    start_line(t, 0, 0);
    put(t, "X", 1);
    end_line(t);
    size_t start = src->lines[line - 1].start;
    start_line(t, line, (int64_t)(cell->start - start) - 4);
    put(t, "    ", 4);
    const char *s = src->data;
    for (size_t i = cell->start; i < cell->end; i++)
        if (!(s[i] == '\\' && i + 1 < cell->end && s[i + 1] == '|'))
            put(t, s + i, 1);
    end_line(t);
    end_unit(t);
}

/* ---- Rows --------------------------------------------------------------- */

static bool add_row(md_tables *t, md_table *table, const md_source *src,
                    const md_line *l, md_pipe_cell **buf, size_t *buf_size)
{
    const char *s = src->data + l->content;
    size_t len = l->end - l->content;
    size_t max = (size_t)table->columns;
    if (!RESERVE(t, *buf, *buf_size, max))
        return false;
    size_t count = md_pipe_cells(s, len, *buf, max);
    if (count == 0)
        return false;
    if (count > max)
        count = max; /* GFM drops the cells beyond the header's */
    if (!RESERVE(t, t->rows, t->row_size, t->row_count + 1) ||
        !RESERVE(t, t->cells, t->cell_size, t->cell_count + count))
        return false;
    t->rows[t->row_count++] =
        (md_table_row){l->number, l->content, l->end, t->cell_count, count};
    for (size_t i = 0; i < count; i++)
        t->cells[t->cell_count++] = (md_table_cell){
            l->content + (*buf)[i].start, l->content + (*buf)[i].end};
    table->rows++;
    return true;
}

/* After a table, a list item may start even where it could not interrupt
 * a paragraph: any number, or nothing after the marker. */
static bool starts_list_item(const char *s, size_t len)
{
    size_t n = 0;
    if (len > 0 && (s[0] == '-' || s[0] == '+' || s[0] == '*')) {
        n = 1;
    } else {
        while (n < len && n < 9 && s[n] >= '0' && s[n] <= '9')
            n++;
        if (n == 0 || n == len || (s[n] != '.' && s[n] != ')'))
            return false;
        n++;
    }
    return n == len || s[n] == ' ' || s[n] == '\t';
}

/* Whether l is a setext heading's underline: up to three spaces, then
 * "=" or "-" only, then spaces. */
static bool is_underline(const md_source *src, const md_line *l)
{
    const char *s = src->data + l->content;
    size_t len = l->end - l->content, n = 0;
    if (l->lazy || l->indent > 3 || len == 0 || (s[0] != '=' && s[0] != '-'))
        return false;
    while (n < len && s[n] == s[0])
        n++;
    while (n < len && (s[n] == ' ' || s[n] == '\t'))
        n++;
    return n == len;
}

/* Whether a line after the first holds a '-', as any delimiter row does:
 * most paragraphs are passed over without following their containers. */
static bool may_hold_table(const md_source *src, uint32_t first, uint32_t last)
{
    for (uint32_t line = first + 1; line <= last; line++) {
        const md_span *span = &src->lines[line - 1];
        if (memchr(src->data + span->start, '-', span->end - span->start))
            return true;
    }
    return false;
}

/* ---- Blocks ------------------------------------------------------------- */

typedef struct finder {
    md_tables *t;
    const md_source *src;
    md_pipe_cell *cells;
    size_t cells_size;
} finder;

static void add_table(finder *f, cmark_node *block, const md_line *lines,
                      size_t n, const md_line *underline)
{
    md_tables *t = f->t;
    const md_source *src = f->src;
    size_t d = 0;
    for (size_t i = 1; i < n && d == 0; i++)
        if (!lines[i].lazy && lines[i].indent < 4 &&
            md_pipe_is_delimiter_row(src->data + lines[i].content,
                                     lines[i].end - lines[i].content))
            d = i;
    if (d == 0)
        return;
    const md_line *head = &lines[d - 1], *delim = &lines[d];
    size_t columns = md_pipe_cells(src->data + delim->content,
                                   delim->end - delim->content, NULL, 0);
    if (columns == 0 || !RESERVE(t, f->cells, f->cells_size, columns) ||
        md_pipe_cells(src->data + head->content, head->end - head->content,
                      NULL, 0) != columns)
        return;
    md_pipe_cells(src->data + delim->content, delim->end - delim->content,
                  f->cells, columns);
    if (!RESERVE(t, t->tables, t->size, t->count + 1) ||
        !RESERVE(t, t->aligns, t->align_size, t->align_count + columns))
        return;
    md_table *table = &t->tables[t->count];
    *table = (md_table){.block = block, .row = t->row_count,
                        .align = t->align_count, .columns = (int)columns,
                        .leading = d > 1};
    for (size_t i = 0; i < columns; i++)
        t->aligns[t->align_count++] = md_pipe_alignment(
            src->data + delim->content + f->cells[i].start,
            f->cells[i].end - f->cells[i].start);
    if (table->leading)
        put_lines(t, src, lines, d - 1, true);
    add_row(t, table, src, head, &f->cells, &f->cells_size);
    size_t end = d + 1;
    for (; end < n; end++) {
        const md_line *l = &lines[end];
        if (!l->lazy && (l->indent >= 4 ||
                         starts_list_item(src->data + l->content,
                                          l->end - l->content)))
            break;
        if (!add_row(t, table, src, l, &f->cells, &f->cells_size))
            break;
    }
    /* A setext underline: parsed with the lines after the table if there
     * are any, else a row ("===") or a thematic break ("---"). */
    size_t rest = n - end + (underline != NULL);
    if (underline != NULL && end == n) {
        rest = 0;
        if (src->data[underline->content] == '=') {
            add_row(t, table, src, underline, &f->cells, &f->cells_size);
        } else {
            table->rule = underline->number;
            table->rule_start = underline->content;
            table->rule_end = underline->end;
        }
    }
    for (size_t r = table->row; r < table->row + table->rows; r++)
        for (size_t k = 0; k < t->rows[r].cells; k++) {
            const md_table_cell *cell = &t->cells[t->rows[r].cell + k];
            if (cell->end > cell->start)
                put_cell(t, src, t->rows[r].line, cell);
        }
    if (rest > 0) {
        table->trailing = true;
        put_lines(t, src, lines + end, rest, false);
    }
    t->count++;
}

static folio_status find_in_block(finder *f, cmark_node *block,
                                  folio_error *err)
{
    const md_source *src = f->src;
    uint32_t first = (uint32_t)cmark_node_get_start_line(block);
    uint32_t last = (uint32_t)cmark_node_get_end_line(block);
    bool heading = cmark_node_get_type(block) == CMARK_NODE_HEADING;
    if (last > src->line_count)
        last = (uint32_t)src->line_count;
    /* An ATX heading is one line; a paragraph needs two. */
    if (first < 1 || last <= first || !may_hold_table(src, first, last))
        return FOLIO_OK;
    md_block_lines *b = &f->t->scratch;
    folio_status st = md_block_lines_get(src, block, last, b, err);
    if (st != FOLIO_OK || b->count == 0)
        return st;
    size_t n = b->count;
    const md_line *underline = NULL;
    if (heading) {
        /* cmark's end line may be the one after the underline. */
        for (n = 1; n < b->count && !is_underline(src, &b->lines[n]); n++)
            ;
        if (n == b->count)
            return FOLIO_OK;
        underline = &b->lines[n];
    }
    add_table(f, block, b->lines, n, underline);
    if (f->t->nomem)
        return folio_error_set(err, FOLIO_ERR_NOMEM, NOMEM_MESSAGE);
    return FOLIO_OK;
}

folio_status md_tables_find(md_tables *tables, const md_source *src,
                            cmark_node *root, folio_error *err)
{
    finder f = {tables, src, NULL, 0};
    /* Empty cells GFM adds to short rows: as many as the input has bytes,
     * and 64 Ki more, so that the tree stays in proportion to the input. */
    tables->padding = src->len + 65536;
    cmark_iter *iter = cmark_iter_new(root);
    folio_status st = FOLIO_OK;
    cmark_event_type event;
    while (st == FOLIO_OK &&
           (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(iter);
        cmark_node_type type = cmark_node_get_type(node);
        if (event != CMARK_EVENT_ENTER ||
            (type != CMARK_NODE_PARAGRAPH && type != CMARK_NODE_HEADING))
            continue;
        st = find_in_block(&f, node, err);
        cmark_iter_reset(iter, node, CMARK_EVENT_EXIT); /* not its inlines */
    }
    cmark_iter_free(iter);
    free(f.cells);
    return st;
}

void md_tables_free(md_tables *tables)
{
    free(tables->tables);
    free(tables->rows);
    free(tables->cells);
    free(tables->aligns);
    free(tables->text);
    free(tables->origins);
    md_marked_free(&tables->marked);
    if (tables->root != NULL)
        cmark_node_free(tables->root);
    md_block_lines_free(&tables->scratch);
    memset(tables, 0, sizeof *tables);
}
