/*
 * The Markdown writer: one walk over the tree with ENTER/EXIT events, each
 * node writing its markers through the shared render state (md_out.c) and
 * its inline content through md_inline.c. A stack of frames, one per open
 * container, holds what an EXIT needs to know (the prefix to restore, the
 * delimiter an emphasis opened with, the next item number).
 *
 * Choices that shape the output (see docs/markdown-format.md):
 *  - code blocks are always fenced: an indented block cannot start a list
 *    item or follow a paragraph, and a fence keeps leading blank lines;
 *  - headings are ATX ("## x") unless they hold a line break, which only a
 *    setext heading can (levels 1 and 2; deeper ones lose the break);
 *  - bullets are "-", and "*" for a list right after another bullet list
 *    (which "-" would join) or on its parent item's line; thematic breaks
 *    are "***";
 *  - a figure is its blocks followed by its caption as a paragraph.
 */
#include "markdown.h"
#include "md_render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static folio_node_type type_of(const folio_node *node)
{
    return folio_node_get_type(node);
}

static bool is_emphasis(folio_node_type type)
{
    return type == FOLIO_NODE_EMPH || type == FOLIO_NODE_STRONG;
}

static md_frame *top(md_writer *w)
{
    return &w->frames[w->depth - 1];
}

static md_frame *push_frame(md_writer *w, const folio_node *node)
{
    if (w->depth == w->frames_size) {
        size_t size = w->frames_size ? 2 * w->frames_size : 32;
        md_frame *frames = realloc(w->frames, size * sizeof *frames);
        if (frames == NULL) {
            w->out.nomem = true;
            return NULL;
        }
        w->frames = frames;
        w->frames_size = size;
    }
    md_frame *frame = &w->frames[w->depth++];
    memset(frame, 0, sizeof *frame);
    frame->node = node;
    frame->prefix_len = md_out_prefix_len(&w->out);
    return frame;
}

/* Whether the list holding this item, or holding the item this block is
 * in, is tight: its blocks are then separated by a line ending only. */
static bool in_tight_list(const folio_node *node)
{
    const folio_node *item = type_of(node) == FOLIO_NODE_ITEM
                                 ? node
                                 : folio_node_parent(node);
    if (item == NULL || type_of(item) != FOLIO_NODE_ITEM)
        return false;
    const folio_node *list = folio_node_parent(item);
    return list != NULL && folio_node_list_tight(list);
}

/* Owes what separates a block from the one before it. The first block of
 * a container follows its marker on the same line. */
static void separate(md_writer *w, const folio_node *node)
{
    if (folio_node_previous(node) == NULL)
        return;
    if (in_tight_list(node))
        md_out_cr(&w->out);
    else
        md_out_blank(&w->out);
}

/* ---- Lists -------------------------------------------------------------- */

static char ordered_delim(const folio_node *list)
{
    return folio_node_list_delimiter(list) == FOLIO_DELIM_PAREN ? ')' : '.';
}

static void enter_list(md_writer *w, const folio_node *node, md_frame *frame)
{
    md_frame *parent = frame - 1;
    const folio_node *prev = folio_node_previous(node);
    bool after_list = prev != NULL && type_of(prev) == FOLIO_NODE_LIST &&
                      folio_node_list_type(prev) == folio_node_list_type(node);
    if (folio_node_list_type(node) == FOLIO_LIST_BULLET) {
        /* Two bullet lists in a row need two bullets, or they merge; and a
         * list starting on its parent item's line needs another bullet,
         * or "- - -" would be a thematic break. */
        const folio_node *item = parent->node;
        bool nested = prev == NULL && type_of(item) == FOLIO_NODE_ITEM &&
                      (parent - 1)->delim == '-';
        frame->delim =
            (after_list && parent->last_bullet == '-') || nested ? '*' : '-';
        parent->last_bullet = frame->delim;
    } else {
        frame->delim = ordered_delim(node);
        /* An ordered list keeps its delimiter, so one right after
         * another with the same is kept apart by an empty comment. */
        if (after_list && ordered_delim(prev) == frame->delim) {
            md_out_puts(&w->out, "[//]: #");
            md_out_blank(&w->out);
        }
        int start = folio_node_list_start(node);
        frame->number = start < 0 ? 0 : start > 999999999 ? 999999999 : start;
    }
}

/* Whether a block starts with a space or tab, which after a list marker
 * would change the item's indentation. */
static bool starts_with_blank(const folio_node *block)
{
    size_t len;
    const char *s = type_of(block) == FOLIO_NODE_HTML_BLOCK
                        ? folio_node_literal(block, &len)
                        : NULL;
    return s != NULL && len > 0 && (s[0] == ' ' || s[0] == '\t');
}

static void enter_item(md_writer *w, const folio_node *node, md_frame *frame)
{
    md_frame *list = frame - 1;
    char marker[16];
    if (folio_node_list_type(list->node) == FOLIO_LIST_BULLET) {
        marker[0] = list->delim;
        marker[1] = '\0';
    } else {
        /* Only the first number matters to a reader; the others count up
         * but stay within the nine digits a marker may have. */
        snprintf(marker, sizeof marker, "%d%c", list->number, list->delim);
        if (list->number < 999999999)
            list->number++;
    }
    size_t width = strlen(marker);
    md_out_marker(&w->out, marker, width, true);
    static const char spaces[] = "            ";
    md_out_push(&w->out, spaces, width + 1);
    const folio_node *first = folio_node_first_child(node);
    if (first != NULL && starts_with_blank(first))
        md_out_cr(&w->out);
}

/* Whether a block's first line would start an HTML block: raw HTML that
 * opens it, alone on the line or of the kinds that need not be. */
static bool starts_with_html_block(const folio_node *block)
{
    const folio_node *first = folio_node_first_child(block);
    if (first == NULL || type_of(first) != FOLIO_NODE_HTML_INLINE)
        return false;
    const folio_node *next = folio_node_next(first);
    bool alone = next == NULL || type_of(next) == FOLIO_NODE_SOFT_BREAK;
    size_t len;
    const char *s = folio_node_literal(first, &len);
    return md_html_starts_block(s, len, alone);
}

/* Such a block starts with a link reference definition, "[//]: #" (the
 * usual Markdown comment), which the tree does not keep; the HTML follows
 * on an indented continuation line, where no block can start. */
static void guard_html_line(md_writer *w, const folio_node *block)
{
    if (starts_with_html_block(block)) {
        md_out_puts(&w->out, "[//]: #");
        md_out_cr(&w->out);
        md_out_puts(&w->out, "    ");
    }
}

/* ---- Headings ------------------------------------------------------------ */

/* Whether a heading's content holds a line ending, which only the setext
 * form can keep. */
static bool needs_setext(const folio_node *heading)
{
    if (folio_node_heading_level(heading) > 2)
        return false;
    folio_node *node = (folio_node *)heading;
    folio_walk_event event = FOLIO_WALK_NONE;
    while (folio_walk_next(heading, &node, &event)) {
        size_t len = 0;
        const char *s = NULL;
        switch (type_of(node)) {
        case FOLIO_NODE_SOFT_BREAK:
        case FOLIO_NODE_LINE_BREAK:
            return true;
        case FOLIO_NODE_HTML_INLINE:
            s = folio_node_literal(node, &len);
            break;
        case FOLIO_NODE_LINK:
        case FOLIO_NODE_IMAGE:
            s = folio_node_title(node, &len);
            break;
        default:
            break;
        }
        if (s != NULL && memchr(s, '\n', len) != NULL)
            return true;
    }
    return false;
}

static void enter_heading(md_writer *w, const folio_node *node,
                          md_frame *frame)
{
    w->no_wrap++;
    frame->setext = needs_setext(node);
    if (frame->setext) {
        guard_html_line(w, node);
        return;
    }
    static const char hashes[] = "######";
    int level = folio_node_heading_level(node);
    md_out_marker(&w->out, hashes,
                  (size_t)(level < 1 ? 1 : level > 6 ? 6 : level), true);
    w->out.single_line++;
}

static void leave_heading(md_writer *w, const folio_node *node,
                          const md_frame *frame)
{
    w->no_wrap--;
    if (frame->setext) {
        md_out_cr(&w->out);
        md_out_puts(&w->out,
                    folio_node_heading_level(node) == 1 ? "===" : "---");
    } else {
        w->out.single_line--;
    }
    md_out_cr(&w->out);
}

/* ---- Leaf blocks ---------------------------------------------------------- */

/* The longest run of c in s. */
static size_t longest_run(const char *s, size_t len, char c)
{
    size_t best = 0, run = 0;
    for (size_t i = 0; i < len; i++) {
        run = s[i] == c ? run + 1 : 0;
        if (run > best)
            best = run;
    }
    return best;
}

static void write_code_block(md_writer *w, const folio_node *node)
{
    size_t len, info_len;
    const char *code = folio_node_literal(node, &len);
    const char *info = folio_node_code_info(node, &info_len);
    /* A backtick fence cannot have a backtick in its info string. */
    char fence = memchr(info, '`', info_len) != NULL ? '~' : '`';
    size_t n = longest_run(code, len, fence) + 1;
    if (n < 3)
        n = 3;
    for (size_t i = 0; i < n; i++)
        md_out_write(&w->out, &fence, 1);
    /* An info string starting with the fence character would lengthen the
     * fence; the reader strips the space that keeps them apart. */
    if (info_len > 0 && info[0] == fence)
        md_out_write(&w->out, " ", 1);
    md_write_info(w, info, info_len);
    md_out_cr(&w->out);
    md_out_write(&w->out, code, len);
    md_out_cr(&w->out);
    for (size_t i = 0; i < n; i++)
        md_out_write(&w->out, &fence, 1);
    md_out_cr(&w->out);
}

static void write_thematic_break(md_writer *w)
{
    /* "* ***" would be a thematic break, not an item holding one. */
    bool after_star = md_out_line_start(&w->out) && w->out.marker == '*' &&
                      w->out.need == 0;
    md_out_puts(&w->out, after_star ? "___" : "***");
    md_out_cr(&w->out);
}

/* ---- Inlines --------------------------------------------------------------- */

/* "*", except where its delimiters would touch those of another emphasis
 * and merge into one run: "**x**" is strong, not emphasis in emphasis, and
 * "*a**b*" one emphasis, not two. There "_" keeps the runs apart, where it
 * can: "_" cannot open after a letter nor close before one, so inside a
 * word the runs are left to merge ("a***b***c" does read back right). */
static char emphasis_delim(const md_writer *w, const folio_node *node,
                           const md_frame *parent)
{
    const folio_node *prev = folio_node_previous(node);
    const folio_node *next = folio_node_next(node);
    bool before_ok = !md_alnum_like(md_out_last(&w->out));
    /* A letter in the text after the closer can be written as a
     * character reference (md_write_text), so it does not count. */
    bool after_ok = !md_alnum_like(md_next_hint(node)) ||
                    (next != NULL && type_of(next) == FOLIO_NODE_TEXT);
    if (is_emphasis(type_of(parent->node)) && (prev == NULL || next == NULL)) {
        if (parent->delim == '_')
            return '*';
        /* The parent's own run then meets punctuation instead of its
         * neighbour: that neighbour must not be a letter either. */
        bool parent_ok =
            (prev != NULL || !md_alnum_like(parent->before)) &&
            (next != NULL || !md_alnum_like(parent->after));
        bool alone = prev == NULL && next == NULL;
        if ((alone && type_of(node) == FOLIO_NODE_EMPH) ||
            (parent_ok && (prev == NULL || before_ok) &&
             (next == NULL || after_ok)))
            return '_';
        return '*';
    }
    if (prev != NULL && is_emphasis(type_of(prev)) &&
        parent->last_emphasis == '*' && after_ok)
        return '_';
    return '*';
}

/* An emphasis using its parent's delimiter at the parent's edge joins the
 * parent's run, whose neighbours are then its own. */
static void merge_run(const folio_node *node, md_frame *frame)
{
    const md_frame *parent = frame - 1;
    if (!is_emphasis(type_of(parent->node)) || parent->delim != frame->delim)
        return;
    if (folio_node_previous(node) == NULL)
        frame->before = parent->before;
    if (folio_node_next(node) == NULL)
        frame->after = parent->after;
}

static void write_delim(md_writer *w, const folio_node *node,
                        const md_frame *frame)
{
    char delim[2] = {frame->delim, frame->delim};
    md_out_write(&w->out, delim, type_of(node) == FOLIO_NODE_STRONG ? 2 : 1);
}

/* "~~", and "~" inside it, and so on: runs of different lengths that can
 * both open and close do not pair when they add up to three, so the inner
 * ones pair with each other, not with the outer ones. */
static const char *strike_delim(const md_frame *frame)
{
    return frame->strikes % 2 == 1 ? "~~" : "~";
}

/* ---- The walk ---------------------------------------------------------------- */

static bool starts_after_break(const folio_node *node)
{
    const folio_node *prev = folio_node_previous(node);
    return prev != NULL && (type_of(prev) == FOLIO_NODE_SOFT_BREAK ||
                            type_of(prev) == FOLIO_NODE_LINE_BREAK);
}

static void enter(md_writer *w, const folio_node *node, md_frame *frame)
{
    folio_node_type type = type_of(node);
    size_t len;
    const char *s;
    bool opener = false;
    if (frame != NULL)
        frame->strikes = (frame - 1)->strikes;
    if (folio_node_type_is_block(type) && type != FOLIO_NODE_TABLE_ROW &&
        type != FOLIO_NODE_TABLE_CELL)
        separate(w, node);
    switch (type) {
    case FOLIO_NODE_BLOCK_QUOTE:
        md_out_marker(&w->out, ">", 1, true);
        md_out_push(&w->out, "> ", 2);
        break;
    case FOLIO_NODE_LIST:
        enter_list(w, node, frame);
        break;
    case FOLIO_NODE_ITEM:
        enter_item(w, node, frame);
        break;
    case FOLIO_NODE_HEADING:
        enter_heading(w, node, frame);
        break;
    case FOLIO_NODE_CODE_BLOCK:
        write_code_block(w, node);
        break;
    case FOLIO_NODE_HTML_BLOCK:
        s = folio_node_literal(node, &len);
        md_out_write(&w->out, s, len);
        md_out_cr(&w->out);
        break;
    case FOLIO_NODE_THEMATIC_BREAK:
        write_thematic_break(w);
        break;
    case FOLIO_NODE_TABLE:
    case FOLIO_NODE_TABLE_ROW:
        md_table_enter(w, node, frame);
        break;
    case FOLIO_NODE_TABLE_CELL:
        md_table_enter(w, node, frame);
        opener = true; /* a cell's content is trimmed, as after "~~" */
        break;
    case FOLIO_NODE_TEXT:
        md_write_text(w, node);
        break;
    case FOLIO_NODE_SOFT_BREAK:
        md_write_soft_break(w, node);
        break;
    case FOLIO_NODE_LINE_BREAK:
        md_out_puts(&w->out, w->out.single_line > 0 ? " " : "\\\n");
        break;
    case FOLIO_NODE_CODE:
        md_write_code(w, node);
        break;
    case FOLIO_NODE_HTML_INLINE:
        /* At the start of a continuation line, "<div>" or "<!--" would
         * start an HTML block; indented, the line stays in the
         * paragraph. */
        s = folio_node_literal(node, &len);
        if (md_out_line_start(&w->out) && starts_after_break(node) &&
            md_html_starts_block(s, len, false))
            md_out_puts(&w->out, "    ");
        md_write_raw(w, s, len);
        break;
    case FOLIO_NODE_EMPH:
    case FOLIO_NODE_STRONG:
        frame->before = md_out_last(&w->out);
        frame->after = md_next_hint(node);
        frame->delim = emphasis_delim(w, node, frame - 1);
        merge_run(node, frame);
        (frame - 1)->last_emphasis = frame->delim;
        if (folio_node_first_child(node) != NULL)
            write_delim(w, node, frame);
        opener = true;
        break;
    case FOLIO_NODE_STRIKETHROUGH:
        frame->strikes += md_strike_writes(node);
        if (md_strike_opens(node))
            md_out_puts(&w->out, strike_delim(frame));
        opener = true;
        break;
    case FOLIO_NODE_LINK:
        md_out_puts(&w->out, "[");
        break;
    case FOLIO_NODE_IMAGE:
        md_out_puts(&w->out, "![");
        break;
    case FOLIO_NODE_PARAGRAPH:
        guard_html_line(w, node);
        break;
    default:
        /* CAPTION, FIGURE: their content says it all. */
        break;
    }
    w->after_opener = opener;
}

static void leave(md_writer *w, const folio_node *node, md_frame *frame)
{
    w->after_opener = false;
    switch (type_of(node)) {
    case FOLIO_NODE_BLOCK_QUOTE:
    case FOLIO_NODE_ITEM:
        md_out_pop(&w->out, frame->prefix_len);
        md_out_cr(&w->out);
        break;
    case FOLIO_NODE_HEADING:
        leave_heading(w, node, frame);
        break;
    case FOLIO_NODE_TABLE:
    case FOLIO_NODE_TABLE_ROW:
    case FOLIO_NODE_TABLE_CELL:
        md_table_leave(w, node, frame);
        break;
    case FOLIO_NODE_EMPH:
    case FOLIO_NODE_STRONG:
        if (folio_node_first_child(node) != NULL)
            write_delim(w, node, frame);
        break;
    case FOLIO_NODE_STRIKETHROUGH:
        if (md_strike_closes(node))
            md_out_puts(&w->out, strike_delim(frame));
        break;
    case FOLIO_NODE_LINK:
    case FOLIO_NODE_IMAGE:
        md_write_link_end(w, node);
        break;
    default:
        md_out_cr(&w->out);
        break;
    }
}

folio_status md_body_write(const folio_doc *doc, folio_sink *sink, int wrap,
                           folio_error *err)
{
    md_writer w = {.wrap = wrap};
    md_out_init(&w.out, sink);
    const folio_node *root = folio_doc_root(doc);
    folio_node *node = (folio_node *)root;
    folio_walk_event event = FOLIO_WALK_NONE;
    /* An autolink's text is in its "<url>": its children are skipped. */
    const folio_node *skip = NULL;
    while (!w.out.nomem && folio_walk_next(root, &node, &event)) {
        if (skip != NULL) {
            if (node == skip && event == FOLIO_WALK_EXIT) {
                skip = NULL;
                w.depth--;
            }
            continue;
        }
        bool container = folio_node_type_is_container(type_of(node));
        if (event == FOLIO_WALK_EXIT) {
            if (node != root)
                leave(&w, node, top(&w));
            w.depth--;
            continue;
        }
        md_frame *frame = NULL;
        if (container && (frame = push_frame(&w, node)) == NULL)
            break;
        if (node == root)
            continue;
        if (type_of(node) == FOLIO_NODE_LINK && md_is_autolink(node)) {
            md_write_autolink(&w, node);
            w.after_opener = false;
            skip = node;
            continue;
        }
        enter(&w, node, frame);
    }
    md_out_finish(&w.out);
    bool nomem = w.out.nomem;
    md_out_free(&w.out);
    free(w.frames);
    if (nomem)
        return folio_error_set(err, FOLIO_ERR_NOMEM,
                               "out of memory while writing Markdown");
    return FOLIO_OK;
}
