/*
 * The blocks of a run of lines, as a reader of the page sees them.
 *
 * Quotes and list items hold lines that are read again as blocks (with
 * their '>' or marker removed in place), so nesting is handled by a stack
 * of frames on the heap, never by recursion: depth is bounded by max-depth
 * (tree.c), not by the C stack.
 *
 * In each frame, line by line: a quote (a run of lines starting with '>',
 * up to three spaces in, the '>' followed by a space, another '>' or the
 * end of the line; a line without '>' ends it); a rule or heading
 * (heading.c); a list (list.c); clearly-code indented lines (code.c);
 * otherwise paragraphs.
 *
 * Paragraphs: lines up to a blank line, a quote, a rule or a list (a lone
 * item's lines are text, and no list is looked for inside them). In a run
 * wider than TX_WRAP_MAX_WIDTH, each line is a paragraph: that is how text
 * with one long line per paragraph and no blank lines reads. In a narrower
 * run, a line indented further than the one before starts a paragraph; a
 * break that looks like hard wrapping (tx_wrap_break: the run is at least
 * TX_WRAP_MIN_WIDTH wide and the next line's first word would not have
 * fitted) is a soft break; any other break is a paragraph end after a
 * sentence (". ! ? …") and a line break otherwise (an address, a verse,
 * "write to:" and the lines after it).
 */
#include "text_plugin.h"

#include <stdlib.h>

typedef struct infer {
    tx_reader *r;
    tx_frame *stack;
    size_t count;
    size_t capacity;
} infer;

static folio_status push(void *context, tx_frame frame)
{
    infer *in = context;
    if (in->count == in->capacity) {
        size_t capacity = in->capacity != 0 ? in->capacity * 2 : 16;
        tx_frame *stack = realloc(in->stack, capacity * sizeof *stack);
        if (stack == NULL)
            return folio_error_set(in->r->err, FOLIO_ERR_NOMEM,
                                   "out of memory reading nested blocks");
        in->stack = stack;
        in->capacity = capacity;
    }
    in->stack[in->count++] = frame;
    return FOLIO_OK;
}

static bool blank_at(const tx_reader *r, size_t i)
{
    return tx_line_blank(&r->lines[i]);
}

/* Up to three spaces, then '>': the bytes up to and with the '>', or 0
 * when the line is no quote line. */
static size_t quote_marker(const tx_line *line)
{
    size_t i = 0;
    while (i < line->len && i < 3 && line->s[i] == ' ')
        i++;
    if (i == line->len || line->s[i] != '>')
        return 0;
    bool quote = i + 1 == line->len || line->s[i + 1] == ' ' ||
                 line->s[i + 1] == '\t' || line->s[i + 1] == '>';
    return quote ? i + 1 : 0;
}

static folio_status quote(infer *in, const tx_frame *f, size_t i,
                          size_t *next)
{
    tx_reader *r = in->r;
    size_t j = i;
    while (j < f->end && quote_marker(&r->lines[j]) > 0)
        j++;
    folio_node *node;
    folio_status status = tx_add_node(r, f->parent, FOLIO_NODE_BLOCK_QUOTE,
                                      f->depth + 1, i, j - 1, &node);
    for (size_t k = i; status == FOLIO_OK && k < j; k++) {
        tx_line *line = &r->lines[k];
        tx_line_skip(line, quote_marker(line));
        if (line->len > 0 && line->s[0] == ' ')
            tx_line_skip(line, 1);
    }
    if (status == FOLIO_OK)
        status = push(in, (tx_frame){i, j, node, f->depth + 1,
                                     TX_FRAME_QUOTE});
    *next = j;
    return status;
}

/* The end of a paragraph run: a blank line, a quote, a rule or a list.
 * The lines of a lone item are not looked at again for a list (they would
 * be, line by line, with an item's worth of lookahead each time: quadratic
 * on a staircase of lone items). */
static size_t run_end(const tx_reader *r, const tx_frame *f, size_t i,
                      size_t checked)
{
    for (size_t j = i + 1; j < f->end; j++) {
        if (blank_at(r, j) || quote_marker(&r->lines[j]) > 0 ||
            tx_line_rule(&r->lines[j]) != 0)
            return j;
        if (j < checked)
            continue;
        if (tx_list_starts(r, f, j, &checked))
            return j;
    }
    return f->end;
}

typedef enum line_join {
    JOIN_NONE,   /* a new paragraph */
    JOIN_SOFT,   /* hard wrapping: a soft break */
    JOIN_HARD    /* a line break the author made */
} line_join;

static bool ends_sentence(uint32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

/* How line k goes on to line k + 1 in a run at most width wide. */
static line_join join_of(const tx_reader *r, size_t k, size_t width)
{
    const tx_line *line = &r->lines[k], *next = &r->lines[k + 1];
    if (tx_line_indent(next) >= tx_line_indent(line) + 2 ||
        width > TX_WRAP_MAX_WIDTH)
        return JOIN_NONE;
    if (tx_wrap_break(line, next, width))
        return JOIN_SOFT;
    return ends_sentence(tx_line_last_char(line)) ? JOIN_NONE : JOIN_HARD;
}

/* joins[k - i] is how line k goes on to line k + 1, for k from i to
 * end - 2: measured once, as the lines' widths are most of the work. */
static line_join *joins_of(const tx_reader *r, size_t i, size_t end)
{
    /* Past TX_WRAP_MAX_WIDTH no line is joined: measuring stops there. */
    size_t width = 0;
    for (size_t k = i; k < end && width <= TX_WRAP_MAX_WIDTH; k++) {
        tx_line t = tx_line_trim(r->lines[k]);
        size_t w = tx_width_upto(t.s, t.len, TX_WRAP_MAX_WIDTH);
        if (w > width)
            width = w;
    }
    line_join *joins = malloc((end - i) * sizeof *joins);
    if (joins == NULL)
        return NULL;
    for (size_t k = i; k + 1 < end; k++)
        joins[k - i] = join_of(r, k, width);
    joins[end - i - 1] = JOIN_NONE;
    return joins;
}

static folio_status paragraphs(tx_reader *r, const tx_frame *f, size_t i,
                               size_t end)
{
    line_join *joins = joins_of(r, i, end);
    if (joins == NULL)
        return folio_error_set(r->err, FOLIO_ERR_NOMEM,
                               "out of memory reading paragraphs");
    folio_status status = FOLIO_OK;
    folio_node *node = NULL;
    for (size_t k = i; k < end && status == FOLIO_OK; k++) {
        if (node == NULL) {
            size_t last = k;
            while (joins[last - i] != JOIN_NONE)
                last++;
            status = tx_add_node(r, f->parent, FOLIO_NODE_PARAGRAPH,
                                 f->depth + 1, k, last, &node);
        } else
            status = tx_inline_break(r, node, f->depth + 1, k,
                                     joins[k - 1 - i] == JOIN_HARD);
        if (status == FOLIO_OK)
            status = tx_inline_line(r, node, f->depth + 1, k, true);
        if (joins[k - i] == JOIN_NONE)
            node = NULL;
    }
    free(joins);
    return status;
}

/* The block starting at line i, which is not blank; *next is past it. */
static folio_status block_at(infer *in, const tx_frame *f, size_t i,
                             bool seen, size_t *not_code, size_t *next)
{
    tx_reader *r = in->r;
    *next = i;
    if (quote_marker(&r->lines[i]) > 0)
        return quote(in, f, i, next);
    folio_status status = tx_heading_try(r, f, i, seen, next);
    if (status != FOLIO_OK || *next != i)
        return status;
    size_t skip;
    if (tx_list_starts(r, f, i, &skip))
        return tx_list_build(r, f, i, next, push, in);
    status = tx_code_try(r, f, i, next, not_code);
    if (status != FOLIO_OK || *next != i)
        return status;
    *next = run_end(r, f, i, skip);
    return paragraphs(r, f, i, *next);
}

static folio_status parse_frame(infer *in, tx_frame f)
{
    tx_reader *r = in->r;
    bool seen = f.kind == TX_FRAME_TOP && r->has_title;
    size_t not_code = f.first;
    folio_status status = FOLIO_OK;
    for (size_t i = f.first; i < f.end && status == FOLIO_OK;) {
        if (blank_at(r, i)) {
            i++;
            continue;
        }
        status = block_at(in, &f, i, seen, &not_code, &i);
        seen = true;
    }
    return status;
}

folio_status tx_infer(tx_reader *r, size_t first, size_t end)
{
    infer in = {r, NULL, 0, 0};
    folio_status status = push(&in, (tx_frame){first, end,
                                                folio_doc_root(r->doc), 0,
                                                TX_FRAME_TOP});
    while (status == FOLIO_OK && in.count > 0) {
        tx_frame frame = in.stack[--in.count];
        status = parse_frame(&in, frame);
    }
    free(in.stack);
    return status;
}
