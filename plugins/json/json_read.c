/*
 * The reader: a folio JSON document into a tree, in one pass.
 *
 * It takes tokens from the pull parser (json_pull.c) and builds nodes and
 * metadata values as they come, keeping one frame per open JSON object or
 * array on an explicit stack, so input-controlled depth never becomes C
 * stack depth. Every error is reported where its token starts, with the
 * path to the offending value (blocks[3].children[1].level).
 *
 * Members may come in any order, as JSON objects are unordered and other
 * tools (sorting keys, for one) reorder them. A node is created as soon as
 * its "type" is read; members read before that wait in its frame, already
 * checked, and "children" read before it wait as finished, unlinked nodes.
 * A node is linked to its parent when its object ends (or, if the parent's
 * type was not known yet, when it is), so that a row's "header" or a
 * table's "columns" may come after the children they concern.
 */
#include "json_plugin.h"

#include <folio/meta.h>

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What an open JSON object or array is in the document. */
typedef enum frame_kind {
    FRAME_TOP,       /* the document object */
    FRAME_META_MAP,  /* "meta", or a map below it */
    FRAME_META_LIST,
    FRAME_NODES,     /* "blocks" or a node's "children" */
    FRAME_NODE,      /* a node object */
    FRAME_POS,       /* a "pos" array */
    FRAME_ALIGN      /* a table's "align" array */
} frame_kind;

typedef struct frame {
    frame_kind kind;
    size_t offset;        /* where its { or [ is */
    size_t items;         /* arrays: the items begun so far */
    const char *key;      /* objects: the member being read, for paths */
    size_t key_len;
    int member;           /* TOP: a top_member; NODE: a jp_field */
    folio_value *value;   /* META_MAP, META_LIST: the container filled */
} frame;

/* A node finished before its parent's type was known. */
typedef struct waiting_child {
    folio_node *node;
    size_t offset;        /* where its object starts */
    size_t header_offset; /* rows: where its "header" value is */
} waiting_child;

/* The string members, in the order of their slots below. */
static const jp_field string_fields[] = {FIELD_URL, FIELD_TITLE, FIELD_INFO,
                                         FIELD_TEXT};
enum { STRING_FIELDS = sizeof string_fields / sizeof string_fields[0] };

/* One open node object. */
typedef struct node_frame {
    size_t frame;           /* its FRAME_NODE on the stack */
    size_t offset;          /* where its object starts */
    folio_node_type type;   /* FOLIO_NODE_NONE until "type" is read */
    folio_node *node;       /* made when the type is read */
    unsigned allowed;       /* the members its type has, once known */
    unsigned seen;          /* the members named so far */
    unsigned waiting;       /* members read before the type, not yet set */
    size_t at[FIELD_COUNT]; /* where each member's value starts */
    int64_t level, start, columns;
    int list_type, delimiter;
    bool tight, header;
    /* Tables: "columns" or "align" came before "children", so each cell is
     * checked against the columns as it comes; otherwise the rows are
     * checked when the table ends. */
    bool columns_first;
    folio_pos pos;
    /* The buffers stay allocated for the next node at this depth. */
    jp_buffer strings[STRING_FIELDS]; /* values read before the type */
    jp_buffer align;                  /* one folio_align a byte */
    waiting_child *children;          /* finished before the type */
    size_t child_count, child_capacity;
} node_frame;

/* The members of the document object. */
enum top_member { TOP_FOLIO, TOP_META, TOP_POS, TOP_BLOCKS, TOP_OTHER };
static const char *const top_names[] = {"folio", "meta", "pos", "blocks"};

typedef struct reader {
    folio_doc *doc;
    const char *data;
    size_t len;
    int64_t max_depth;
    jp_pull pull;
    frame *frames;
    size_t depth, frame_capacity;
    node_frame *nodes;
    size_t node_count, node_capacity;
    size_t node_depth;      /* FRAME_NODES open */
    size_t meta_depth;      /* FRAME_META_* open */
    unsigned top_seen;      /* top_member bits */
    bool version_read;      /* "folio" was read and is right */
    struct {                /* the "pos" array being read */
        int64_t numbers[4];
        size_t count;
        bool out_of_range;
    } pos;
    folio_error *err;
} reader;

/* ---- Errors --------------------------------------------------------------- */

/* Where an error is: the path of the first `frames` frames, then up to
 * three more steps, and the offset of the offending token. */
typedef struct place {
    size_t frames;
    jp_step extra[3];
    size_t extra_count;
    size_t offset;
} place;

static jp_step frame_step(const frame *f)
{
    if (f->kind == FRAME_TOP || f->kind == FRAME_META_MAP ||
        f->kind == FRAME_NODE)
        return jp_key_step(f->key, f->key_len);
    return jp_index_step(f->items - 1);
}

static jp_step name_step(const char *name)
{
    return jp_key_step(name, strlen(name));
}

static folio_status fail(const reader *r, const place *at, folio_status code,
                         const char *format, ...) FOLIO_PRINTF(4, 5);

/* Fills *err with "PATH: message" at the place, and returns code. */
static folio_status fail(const reader *r, const place *at, folio_status code,
                         const char *format, ...)
{
    char message[FOLIO_ERROR_MESSAGE_SIZE];
    jp_textbuf tb = {message, sizeof message, 0};
    message[0] = '\0';
    size_t n = at->frames + at->extra_count;
    jp_step *steps = malloc((n + 1) * sizeof *steps);
    if (steps == NULL)
        return jp_out_of_memory(r->err);
    for (size_t i = 0; i < at->frames; i++)
        steps[i] = frame_step(&r->frames[i]);
    for (size_t i = 0; i < at->extra_count; i++)
        steps[at->frames + i] = at->extra[i];
    jp_render_path(&tb, steps, n);
    free(steps);
    if (n > 0)
        jp_textbuf_puts(&tb, ": ");
    va_list args;
    va_start(args, format);
    vsnprintf(message + tb.len, sizeof message - tb.len, format, args);
    va_end(args);
    return jp_error_at(r->data, r->len, at->offset, r->err, code, "%s",
                       message);
}

/* The value token t, at the end of the current path. */
static place at_value(const reader *r, const jp_token *t)
{
    return (place){.frames = r->depth, .offset = t->offset};
}

/* A node as a whole. */
static place at_node(const node_frame *n)
{
    return (place){.frames = n->frame, .offset = n->offset};
}

/* One of a node's members, wherever its value is. */
static place at_member(const node_frame *n, jp_field field)
{
    return (place){.frames = n->frame,
                   .extra = {name_step(jp_field_names[field])},
                   .extra_count = 1,
                   .offset = n->at[field]};
}

/* The index-th child of parent (NULL: the root), or its member if not
 * NULL, at offset. */
static place at_child(const node_frame *parent, size_t index,
                      const char *member, size_t offset)
{
    place at = {.frames = parent != NULL ? parent->frame : 0,
                .extra = {name_step(parent != NULL ? "children" : "blocks"),
                          jp_index_step(index)},
                .extra_count = 2,
                .offset = offset};
    if (member != NULL)
        at.extra[at.extra_count++] = name_step(member);
    return at;
}

/* A setter's refusal, in its own words. */
static folio_status refused(const reader *r, const place *at,
                            const folio_error *local)
{
    return fail(r, at, local->code, "%s", local->message);
}

static folio_status wrong_kind(const reader *r, const place *at,
                               const char *member, const jp_token *t,
                               const char *expected)
{
    return fail(r, at, FOLIO_ERR_SYNTAX, "\"%s\" must be %s, not %s", member,
                expected, jp_token_kind(t));
}

/* "\"name\"", cut and escaped for a message. */
static void quote(char *out, size_t size, const char *s, size_t len)
{
    jp_textbuf tb = {out, size, 0};
    out[0] = '\0';
    jp_textbuf_quote(&tb, s, len);
}

static folio_status duplicate(const reader *r, const jp_token *t)
{
    char quoted[2 * JP_QUOTE_MAX];
    quote(quoted, sizeof quoted, t->text, t->len);
    return jp_error_at(r->data, r->len, t->offset, r->err, FOLIO_ERR_SYNTAX,
                       "invalid JSON: duplicate member %s", quoted);
}

static folio_status too_deep(const reader *r, const jp_token *t,
                             const char *what)
{
    place at = at_value(r, t);
    return fail(r, &at, FOLIO_ERR_LIMIT,
                "%s nested deeper than max-depth (%" PRId64 ")", what,
                r->max_depth);
}

/* ---- The stack ------------------------------------------------------------ */

static frame *top_frame(reader *r)
{
    return &r->frames[r->depth - 1];
}

static node_frame *top_node(reader *r)
{
    return r->node_count > 0 ? &r->nodes[r->node_count - 1] : NULL;
}

static folio_status push_frame(reader *r, frame_kind kind, const jp_token *t,
                               folio_value *value)
{
    frame *frames = jp_grow(r->frames, &r->frame_capacity, r->depth + 1,
                            sizeof *frames);
    if (frames == NULL)
        return jp_out_of_memory(r->err);
    r->frames = frames;
    r->frames[r->depth++] = (frame){.kind = kind, .offset = t->offset,
                                    .member = FIELD_COUNT, .value = value};
    if (kind == FRAME_NODES)
        r->node_depth++;
    else if (kind == FRAME_META_MAP || kind == FRAME_META_LIST)
        r->meta_depth++;
    else if (kind == FRAME_POS) {
        r->pos.count = 0;
        r->pos.out_of_range = false;
    }
    return FOLIO_OK;
}

static void pop_frame(reader *r)
{
    frame_kind kind = top_frame(r)->kind;
    r->depth--;
    if (kind == FRAME_NODES)
        r->node_depth--;
    else if (kind == FRAME_META_MAP || kind == FRAME_META_LIST)
        r->meta_depth--;
}

static folio_status push_node(reader *r, const jp_token *t)
{
    folio_status status = push_frame(r, FRAME_NODE, t, NULL);
    if (status != FOLIO_OK)
        return status;
    size_t old_capacity = r->node_capacity;
    node_frame *nodes = jp_grow(r->nodes, &r->node_capacity,
                                r->node_count + 1, sizeof *nodes);
    if (nodes == NULL)
        return jp_out_of_memory(r->err);
    memset(nodes + old_capacity, 0,
           (r->node_capacity - old_capacity) * sizeof *nodes);
    r->nodes = nodes;
    node_frame *n = &r->nodes[r->node_count++];
    n->frame = r->depth - 1;
    n->offset = t->offset;
    n->type = FOLIO_NODE_NONE;
    n->node = NULL;
    n->seen = n->waiting = 0;
    n->columns_first = false;
    n->child_count = 0;
    return FOLIO_OK;
}

static folio_status push_waiting(reader *r, node_frame *parent,
                                 waiting_child child)
{
    waiting_child *children =
        jp_grow(parent->children, &parent->child_capacity,
                parent->child_count + 1, sizeof *children);
    if (children == NULL)
        return jp_out_of_memory(r->err);
    parent->children = children;
    parent->children[parent->child_count++] = child;
    return FOLIO_OK;
}

/* ---- Metadata ------------------------------------------------------------- */

/* A new metadata value for a value token; lists and maps start empty. */
static folio_value *new_value(folio_doc *doc, const jp_token *t)
{
    switch (t->type) {
    case JP_TOKEN_OBJECT: return folio_value_new_map(doc);
    case JP_TOKEN_ARRAY: return folio_value_new_list(doc);
    case JP_TOKEN_STRING: return folio_value_new_string(doc, t->text, t->len);
    case JP_TOKEN_INTEGER: return folio_value_new_int(doc, t->integer);
    case JP_TOKEN_REAL: return folio_value_new_float(doc, t->real);
    case JP_TOKEN_TRUE: return folio_value_new_bool(doc, true);
    case JP_TOKEN_FALSE: return folio_value_new_bool(doc, false);
    default: return folio_value_new_null(doc);
    }
}

static folio_status meta_key(reader *r, const jp_token *t)
{
    frame *f = top_frame(r);
    if (folio_value_map_get(f->value, t->text, t->len) != NULL)
        return duplicate(r, t);
    f->key = t->text;
    f->key_len = t->len;
    return FOLIO_OK;
}

/* Metadata are built top-down: a list or map is placed while still empty,
 * then filled, so placing never walks up the tree. */
static folio_status meta_value(reader *r, const jp_token *t)
{
    frame *f = top_frame(r);
    if (f->kind == FRAME_META_LIST)
        f->items++;
    if ((int64_t)r->meta_depth > r->max_depth)
        return too_deep(r, t, "metadata");
    folio_value *value = new_value(r->doc, t);
    if (value == NULL)
        return jp_out_of_memory(r->err);
    folio_error local;
    folio_status status =
        f->kind == FRAME_META_MAP
            ? folio_value_map_set(f->value, f->key, f->key_len, value, &local)
            : folio_value_list_append(f->value, value, &local);
    if (status != FOLIO_OK) {
        place at = at_value(r, t);
        return refused(r, &at, &local);
    }
    if (t->type != JP_TOKEN_OBJECT && t->type != JP_TOKEN_ARRAY)
        return FOLIO_OK;
    if (f->kind == FRAME_META_MAP)
        /* The parser reuses its buffer for the next key; the map's copy
         * keeps the path right below. */
        f->key = folio_value_map_key(f->value, folio_value_count(f->value) - 1,
                                     &f->key_len);
    return push_frame(r,
                      t->type == JP_TOKEN_OBJECT ? FRAME_META_MAP
                                                 : FRAME_META_LIST,
                      t, value);
}

/* ---- Node members --------------------------------------------------------- */

static folio_status apply_field(reader *r, node_frame *n, jp_field field);

/* A member's value is complete: set it, or keep it until the type. */
static folio_status field_done(reader *r, node_frame *n, jp_field field)
{
    if (n->node != NULL)
        return apply_field(r, n, field);
    n->waiting |= FIELD_BIT(field);
    return FOLIO_OK;
}

static folio_status read_int(const reader *r, const node_frame *n,
                             jp_field field, const jp_token *t, int64_t min,
                             int64_t max, int64_t *out)
{
    place at = at_member(n, field);
    if (t->type != JP_TOKEN_INTEGER)
        return wrong_kind(r, &at, jp_field_names[field], t, "an integer");
    if (t->integer < min || t->integer > max)
        return fail(r, &at, FOLIO_ERR_SYNTAX,
                    "%" PRId64 " is out of range (%" PRId64 " to %" PRId64 ")",
                    t->integer, min, max);
    *out = t->integer;
    return FOLIO_OK;
}

static folio_status read_bool(const reader *r, const node_frame *n,
                              jp_field field, const jp_token *t, bool *out)
{
    place at = at_member(n, field);
    if (t->type != JP_TOKEN_TRUE && t->type != JP_TOKEN_FALSE)
        return wrong_kind(r, &at, jp_field_names[field], t, "a boolean");
    *out = t->type == JP_TOKEN_TRUE;
    return FOLIO_OK;
}

/* A name from one of node.h's name tables: from_name gives -1 if unknown.
 * member is where errors point. */
static folio_status read_name(const reader *r, const place *at,
                              const char *member, const jp_token *t,
                              int (*from_name)(const char *, size_t), int *out)
{
    if (t->type != JP_TOKEN_STRING)
        return wrong_kind(r, at, member, t, "a string");
    *out = from_name(t->text, t->len);
    if (*out >= 0)
        return FOLIO_OK;
    char quoted[2 * JP_QUOTE_MAX];
    quote(quoted, sizeof quoted, t->text, t->len);
    return fail(r, at, FOLIO_ERR_SYNTAX, "unknown \"%s\" value %s", member,
                quoted);
}

static size_t string_slot(jp_field field)
{
    size_t slot = 0;
    while (string_fields[slot] != field)
        slot++;
    return slot;
}

static folio_status set_string(reader *r, node_frame *n, jp_field field,
                               const char *s, size_t len)
{
    static folio_status (*const setters[STRING_FIELDS])(
        folio_node *, const char *, size_t, folio_error *) = {
        folio_node_set_url, folio_node_set_title, folio_node_set_code_info,
        folio_node_set_literal};
    folio_error local;
    if (setters[string_slot(field)](n->node, s, len, &local) == FOLIO_OK)
        return FOLIO_OK;
    place at = at_member(n, field);
    return refused(r, &at, &local);
}

static folio_status read_string_field(reader *r, node_frame *n,
                                      jp_field field, const jp_token *t)
{
    if (t->type != JP_TOKEN_STRING) {
        place at = at_member(n, field);
        return wrong_kind(r, &at, jp_field_names[field], t, "a string");
    }
    if (n->node != NULL)
        return set_string(r, n, field, t->text, t->len);
    /* The parser's text is gone with the next token: keep a copy. */
    jp_buffer *copy = &n->strings[string_slot(field)];
    copy->len = 0;
    if (!jp_buffer_append(copy, t->text, t->len))
        return jp_out_of_memory(r->err);
    n->waiting |= FIELD_BIT(field);
    return FOLIO_OK;
}

static folio_status apply_list(reader *r, node_frame *n)
{
    folio_error local;
    if (folio_node_set_list(
            n->node,
            n->seen & FIELD_BIT(FIELD_LIST_TYPE) ? (folio_list_type)n->list_type
                                                 : FOLIO_LIST_BULLET,
            n->seen & FIELD_BIT(FIELD_START) ? (int)n->start : 1,
            n->seen & FIELD_BIT(FIELD_TIGHT) ? n->tight : true,
            n->seen & FIELD_BIT(FIELD_DELIMITER)
                ? (folio_list_delimiter)n->delimiter
                : FOLIO_DELIM_NONE,
            &local) == FOLIO_OK)
        return FOLIO_OK;
    place at = at_node(n);
    return refused(r, &at, &local);
}

/* "columns" may be left out (the length of "align"); if both are there they
 * must agree. Called again when the second of them comes, so it sets the
 * columns only when they change: that would clear the alignments. */
static folio_status apply_table(reader *r, node_frame *n)
{
    bool has_columns = n->seen & FIELD_BIT(FIELD_COLUMNS);
    bool has_align = n->seen & FIELD_BIT(FIELD_ALIGN);
    int64_t columns = has_columns ? n->columns : (int64_t)n->align.len;
    place at = at_member(n, has_columns ? FIELD_COLUMNS : FIELD_ALIGN);
    if (has_columns && has_align && n->align.len != (size_t)columns) {
        at = at_member(n, FIELD_ALIGN);
        return fail(r, &at, FOLIO_ERR_SYNTAX,
                    "%zu alignments for %" PRId64 " columns", n->align.len,
                    columns);
    }
    folio_error local;
    if (folio_node_table_columns(n->node) != columns &&
        folio_node_set_table_columns(n->node, (int)columns, &local) !=
            FOLIO_OK)
        return refused(r, &at, &local);
    at = at_member(n, FIELD_ALIGN);
    for (size_t i = 0; has_align && i < n->align.len; i++)
        if (folio_node_set_table_alignment(n->node, (int)i,
                                           (folio_align)n->align.data[i],
                                           &local) != FOLIO_OK)
            return refused(r, &at, &local);
    return FOLIO_OK;
}

/* Sets a member whose value is complete on the node, which exists. */
static folio_status apply_field(reader *r, node_frame *n, jp_field field)
{
    folio_error local;
    folio_status status = FOLIO_OK;
    switch (field) {
    case FIELD_LEVEL:
        status = folio_node_set_heading_level(n->node, (int)n->level, &local);
        break;
    case FIELD_LIST_TYPE:
    case FIELD_START:
    case FIELD_TIGHT:
    case FIELD_DELIMITER:
        return apply_list(r, n);
    case FIELD_COLUMNS:
    case FIELD_ALIGN:
        return apply_table(r, n);
    case FIELD_HEADER:
        status = folio_node_set_row_header(n->node, n->header, &local);
        break;
    case FIELD_URL:
    case FIELD_TITLE:
    case FIELD_INFO:
    case FIELD_TEXT: {
        const jp_buffer *copy = &n->strings[string_slot(field)];
        return set_string(r, n, field, copy->data != NULL ? copy->data : "",
                          copy->len);
    }
    case FIELD_POS:
        folio_node_set_position(n->node, n->pos);
        break;
    default:
        break;
    }
    if (status == FOLIO_OK)
        return FOLIO_OK;
    place at = at_member(n, field);
    return refused(r, &at, &local);
}

/* The scalar members but "type" and the strings. */
static folio_status read_scalar_field(reader *r, node_frame *n,
                                      jp_field field, const jp_token *t)
{
    place at = at_member(n, field);
    const char *name = jp_field_names[field];
    folio_status status;
    switch (field) {
    case FIELD_LEVEL:
        status = read_int(r, n, field, t, INT32_MIN, INT32_MAX, &n->level);
        break;
    case FIELD_START:
        status = read_int(r, n, field, t, 0, INT32_MAX, &n->start);
        break;
    case FIELD_COLUMNS:
        status = read_int(r, n, field, t, 0, INT32_MAX, &n->columns);
        break;
    case FIELD_TIGHT:
        status = read_bool(r, n, field, t, &n->tight);
        break;
    case FIELD_HEADER:
        status = read_bool(r, n, field, t, &n->header);
        break;
    case FIELD_LIST_TYPE:
        status = read_name(r, &at, name, t, folio_list_type_from_name,
                           &n->list_type);
        break;
    default: /* FIELD_DELIMITER */
        status = read_name(r, &at, name, t, folio_list_delimiter_from_name,
                           &n->delimiter);
        break;
    }
    return status != FOLIO_OK ? status : field_done(r, n, field);
}

/* ---- Linking nodes -------------------------------------------------------- */

/* A cell is checked against its table's columns when the table had them
 * before its children (columns_first); otherwise when the table ends. */
static folio_status check_cell_count(const reader *r, const node_frame *row,
                                     folio_node_type type, size_t index,
                                     size_t offset)
{
    if (type != FOLIO_NODE_TABLE_CELL || row == NULL || row == r->nodes ||
        row->type != FOLIO_NODE_TABLE_ROW)
        return FOLIO_OK;
    const node_frame *table = row - 1;
    if (table->type != FOLIO_NODE_TABLE || !table->columns_first)
        return FOLIO_OK;
    int columns = folio_node_table_columns(table->node);
    if (index < (size_t)columns)
        return FOLIO_OK;
    place at = at_child(row, index, NULL, offset);
    return fail(r, &at, FOLIO_ERR_TREE,
                "a row of a table of %d columns cannot have %zu cells",
                columns, index + 1);
}

/* Links a finished node as the index-th child of parent (NULL: the root),
 * whose node exists: parent is not linked itself yet, so linking a node
 * with children never walks far up. Also what folio_doc_check wants of
 * tables: header rows first, no more cells than columns. */
static folio_status link_child(reader *r, node_frame *parent,
                               waiting_child child, size_t index)
{
    folio_node *into = parent != NULL ? parent->node : folio_doc_root(r->doc);
    folio_node_type type = folio_node_get_type(child.node);
    folio_node *last = folio_node_last_child(into);
    if (type == FOLIO_NODE_TABLE_ROW &&
        folio_node_get_type(into) == FOLIO_NODE_TABLE &&
        folio_node_row_is_header(child.node) && last != NULL &&
        !folio_node_row_is_header(last)) {
        place at = at_child(parent, index, "header", child.header_offset);
        return fail(r, &at, FOLIO_ERR_TREE,
                    "a header row cannot follow a body row");
    }
    folio_status status =
        check_cell_count(r, parent, type, index, child.offset);
    if (status != FOLIO_OK)
        return status;
    folio_error local;
    if (folio_node_append(into, child.node, &local) == FOLIO_OK)
        return FOLIO_OK;
    place at = at_child(parent, index, NULL, child.offset);
    return refused(r, &at, &local);
}

/* Whether the node may go where it stands, checked when its children
 * begin, after its other members (as writers put them), rather than after
 * its children: appending it while childless is what says why not. */
static folio_status check_place(reader *r, node_frame *n)
{
    node_frame *parent = n > r->nodes ? n - 1 : NULL;
    folio_node *into = parent != NULL ? parent->node : folio_doc_root(r->doc);
    if (into == NULL)
        return FOLIO_OK;
    size_t index = r->frames[n->frame - 1].items - 1;
    if (!folio_node_can_contain(into, n->type)) {
        folio_error local;
        folio_node_append(into, n->node, &local);
        place at = at_node(n);
        return refused(r, &at, &local);
    }
    return check_cell_count(r, parent, n->type, index, n->offset);
}

/* The first member, in the text, that a node of this type does not have. */
static folio_status check_members(reader *r, const node_frame *n,
                                  const char *type_name)
{
    unsigned extra = n->seen & ~n->allowed;
    if (extra == 0)
        return FOLIO_OK;
    jp_field first = FIELD_COUNT;
    for (int f = 0; f < FIELD_COUNT; f++)
        if ((extra & FIELD_BIT(f)) &&
            (first == FIELD_COUNT || n->at[f] < n->at[first]))
            first = (jp_field)f;
    place at = at_member(n, first);
    return fail(r, &at, FOLIO_ERR_SYNTAX, "a %s node has no member \"%s\"",
                type_name, jp_field_names[first]);
}

/* The type is known: make the node, then set what waited for it. */
static folio_status read_type(reader *r, node_frame *n, const jp_token *t)
{
    place at = at_member(n, FIELD_TYPE);
    if (t->type != JP_TOKEN_STRING)
        return wrong_kind(r, &at, "type", t, "a string");
    folio_node_type type = folio_node_type_from_name(t->text, t->len);
    if (type == FOLIO_NODE_NONE) {
        char quoted[2 * JP_QUOTE_MAX];
        quote(quoted, sizeof quoted, t->text, t->len);
        return fail(r, &at, FOLIO_ERR_SYNTAX, "unknown node type %s", quoted);
    }
    if (type == FOLIO_NODE_DOCUMENT)
        return fail(r, &at, FOLIO_ERR_TREE,
                    "a document node can only be the root, whose children "
                    "are \"blocks\"");
    n->type = type;
    n->allowed = jp_node_fields(type);
    folio_status status = check_members(r, n, folio_node_type_name(type));
    if (status != FOLIO_OK)
        return status;
    n->node = folio_node_new(r->doc, type);
    if (n->node == NULL)
        return jp_out_of_memory(r->err);
    for (int f = 0; f < FIELD_COUNT && status == FOLIO_OK; f++)
        if (n->waiting & FIELD_BIT(f))
            status = apply_field(r, n, (jp_field)f);
    for (size_t i = 0; i < n->child_count && status == FOLIO_OK; i++)
        status = link_child(r, n, n->children[i], i);
    n->waiting = 0;
    n->child_count = 0;
    return status;
}

static folio_status node_key(reader *r, const jp_token *t)
{
    frame *f = top_frame(r);
    node_frame *n = top_node(r);
    jp_field field = jp_field_from_name(t->text, t->len);
    f->member = (int)field;
    f->key = t->text;
    f->key_len = t->len;
    if (field == FIELD_COUNT)
        return FOLIO_OK;
    if (n->seen & FIELD_BIT(field))
        return duplicate(r, t);
    n->seen |= FIELD_BIT(field);
    f->key = jp_field_names[field];
    return FOLIO_OK;
}

static folio_status begin_array_member(reader *r, node_frame *n,
                                       jp_field field, const jp_token *t,
                                       frame_kind kind)
{
    if (t->type != JP_TOKEN_ARRAY) {
        place at = at_member(n, field);
        if (field == FIELD_POS)
            return fail(r, &at, FOLIO_ERR_SYNTAX,
                        "\"pos\" must be an array of 4 integers");
        return wrong_kind(r, &at, jp_field_names[field], t, "an array");
    }
    if (kind == FRAME_NODES && n->node != NULL) {
        n->columns_first =
            n->type == FOLIO_NODE_TABLE &&
            (n->seen & (FIELD_BIT(FIELD_COLUMNS) | FIELD_BIT(FIELD_ALIGN)));
        folio_status status = check_place(r, n);
        if (status != FOLIO_OK)
            return status;
    }
    if (kind == FRAME_ALIGN)
        n->align.len = 0;
    return push_frame(r, kind, t, NULL);
}

static folio_status node_value(reader *r, const jp_token *t)
{
    node_frame *n = top_node(r);
    jp_field field = (jp_field)top_frame(r)->member;
    if (field == FIELD_COUNT ||
        (n->type != FOLIO_NODE_NONE && !(n->allowed & FIELD_BIT(field)))) {
        const char *key = top_frame(r)->key;
        char quoted[2 * JP_QUOTE_MAX];
        quote(quoted, sizeof quoted, key, top_frame(r)->key_len);
        place at = at_value(r, t);
        if (n->type == FOLIO_NODE_NONE)
            return fail(r, &at, FOLIO_ERR_SYNTAX, "no node has a member %s",
                        quoted);
        return fail(r, &at, FOLIO_ERR_SYNTAX, "a %s node has no member %s",
                    folio_node_type_name(n->type), quoted);
    }
    n->at[field] = t->offset;
    switch (field) {
    case FIELD_TYPE:
        return read_type(r, n, t);
    case FIELD_CHILDREN:
        return begin_array_member(r, n, field, t, FRAME_NODES);
    case FIELD_POS:
        return begin_array_member(r, n, field, t, FRAME_POS);
    case FIELD_ALIGN:
        return begin_array_member(r, n, field, t, FRAME_ALIGN);
    case FIELD_URL:
    case FIELD_TITLE:
    case FIELD_INFO:
    case FIELD_TEXT:
        return read_string_field(r, n, field, t);
    default:
        return read_scalar_field(r, n, field, t);
    }
}

static folio_status align_item(reader *r, const jp_token *t)
{
    node_frame *n = top_node(r);
    top_frame(r)->items++;
    place at = at_member(n, FIELD_ALIGN);
    if (t->type != JP_TOKEN_STRING)
        return fail(r, &at, FOLIO_ERR_SYNTAX,
                    "\"align\" must hold strings, not %s", jp_token_kind(t));
    int align;
    folio_status status =
        read_name(r, &at, "align", t, folio_align_from_name, &align);
    if (status != FOLIO_OK)
        return status;
    char byte = (char)align;
    return jp_buffer_append(&n->align, &byte, 1) ? FOLIO_OK
                                                 : jp_out_of_memory(r->err);
}

/* The place of the "pos" being read: the root's or a node's. */
static place at_pos(const reader *r)
{
    const frame *pos = &r->frames[r->depth - 1];
    if (r->frames[r->depth - 2].kind == FRAME_TOP)
        return (place){.frames = 1, .offset = pos->offset};
    return at_member(&r->nodes[r->node_count - 1], FIELD_POS);
}

static folio_status pos_shape_error(const reader *r)
{
    place at = at_pos(r);
    return fail(r, &at, FOLIO_ERR_SYNTAX,
                "\"pos\" must be an array of 4 integers");
}

/* Out-of-range numbers are reported after the shape is known to be right,
 * as a wrong shape says more. */
static folio_status pos_item(reader *r, const jp_token *t)
{
    top_frame(r)->items++;
    if (t->type != JP_TOKEN_INTEGER || r->pos.count == 4)
        return pos_shape_error(r);
    r->pos.numbers[r->pos.count++] = t->integer;
    if (t->integer < 0 || t->integer > UINT32_MAX)
        r->pos.out_of_range = true;
    return FOLIO_OK;
}

static folio_status end_pos(reader *r)
{
    if (r->pos.count != 4)
        return pos_shape_error(r);
    for (size_t i = 0; i < 4 && r->pos.out_of_range; i++)
        if (r->pos.numbers[i] < 0 || r->pos.numbers[i] > UINT32_MAX) {
            place at = at_pos(r);
            return fail(r, &at, FOLIO_ERR_SYNTAX,
                        "%" PRId64 " is out of range (0 to %" PRIu32 ")",
                        r->pos.numbers[i], UINT32_MAX);
        }
    folio_pos pos = {(uint32_t)r->pos.numbers[0], (uint32_t)r->pos.numbers[1],
                     (uint32_t)r->pos.numbers[2], (uint32_t)r->pos.numbers[3]};
    bool for_root = r->frames[r->depth - 2].kind == FRAME_TOP;
    pop_frame(r);
    if (for_root) {
        folio_node_set_position(folio_doc_root(r->doc), pos);
        return FOLIO_OK;
    }
    node_frame *n = top_node(r);
    n->pos = pos;
    return field_done(r, n, FIELD_POS);
}

/* ---- Nodes ------------------------------------------------------------------ */

static folio_status nodes_item(reader *r, const jp_token *t)
{
    top_frame(r)->items++;
    if ((int64_t)r->node_depth > r->max_depth)
        return too_deep(r, t, "nodes");
    if (t->type != JP_TOKEN_OBJECT) {
        place at = at_value(r, t);
        return fail(r, &at, FOLIO_ERR_SYNTAX,
                    "a node must be an object, not %s", jp_token_kind(t));
    }
    return push_node(r, t);
}

/* Rows of a table whose columns came after its children, checked now
 * against them, at the member that set them. */
static folio_status check_rows(const reader *r, const node_frame *n)
{
    int columns = folio_node_table_columns(n->node);
    size_t index = 0;
    for (const folio_node *row = folio_node_first_child(n->node); row != NULL;
         row = folio_node_next(row), index++) {
        size_t cells = 0;
        for (const folio_node *cell = folio_node_first_child(row);
             cell != NULL; cell = folio_node_next(cell))
            cells++;
        if (cells <= (size_t)columns)
            continue;
        place at = at_node(n);
        if (n->seen & (FIELD_BIT(FIELD_COLUMNS) | FIELD_BIT(FIELD_ALIGN)))
            at = at_member(n, n->seen & FIELD_BIT(FIELD_COLUMNS)
                                  ? FIELD_COLUMNS
                                  : FIELD_ALIGN);
        return fail(r, &at, FOLIO_ERR_TREE,
                    "a row of a table of %d columns cannot have %zu cells "
                    "(children[%zu])",
                    columns, cells, index);
    }
    return FOLIO_OK;
}

/* A node object ends: link the node to its parent, or leave it waiting
 * for the parent's type. */
static folio_status end_node(reader *r)
{
    node_frame *n = top_node(r);
    if (n->type == FOLIO_NODE_NONE) {
        place at = at_node(n);
        return fail(r, &at, FOLIO_ERR_SYNTAX, "a node needs a \"type\"");
    }
    if (n->type == FOLIO_NODE_TABLE && !n->columns_first) {
        folio_status status = check_rows(r, n);
        if (status != FOLIO_OK)
            return status;
    }
    waiting_child child = {n->node, n->offset, n->at[FIELD_HEADER]};
    r->node_count--;
    pop_frame(r);
    node_frame *parent = top_node(r);
    size_t index = top_frame(r)->items - 1;
    if (parent != NULL && parent->node == NULL)
        return push_waiting(r, parent, child);
    return link_child(r, parent, child, index);
}

/* ---- The document object -------------------------------------------------- */

/* The "folio" member, checked before anything else so that a document of
 * another version gets a version error, not one about its content. */
static folio_status check_version(reader *r, const jp_token *t)
{
    if (t->type == JP_TOKEN_INTEGER && t->integer == JP_SCHEMA_VERSION) {
        r->version_read = true;
        return FOLIO_OK;
    }
    char found[64];
    size_t n = t->end - t->offset;
    bool container = t->type == JP_TOKEN_OBJECT || t->type == JP_TOKEN_ARRAY;
    if (container || n >= sizeof found)
        snprintf(found, sizeof found, "%s", jp_token_kind(t));
    else
        snprintf(found, sizeof found, "%.*s", (int)n, r->data + t->offset);
    r->frames[0].key = top_names[TOP_FOLIO];
    r->frames[0].key_len = strlen(top_names[TOP_FOLIO]);
    place at = {.frames = 1, .offset = t->offset};
    return fail(r, &at, FOLIO_ERR_VERSION,
                "schema version %s is not supported (expected %d)", found,
                JP_SCHEMA_VERSION);
}

static folio_status no_version(const reader *r)
{
    place at = {.frames = 0, .offset = r->frames[0].offset};
    return fail(r, &at, FOLIO_ERR_VERSION,
                "no \"folio\" schema version (expected %d): not a folio JSON "
                "document",
                JP_SCHEMA_VERSION);
}

static folio_status top_key(reader *r, const jp_token *t)
{
    frame *f = top_frame(r);
    int member = TOP_FOLIO;
    while (member < TOP_OTHER &&
           !(strncmp(top_names[member], t->text, t->len) == 0 &&
             top_names[member][t->len] == '\0'))
        member++;
    f->member = member;
    f->key = t->text;
    f->key_len = t->len;
    if (member == TOP_OTHER)
        return FOLIO_OK;
    if (r->top_seen & (1u << member))
        return duplicate(r, t);
    r->top_seen |= 1u << member;
    f->key = top_names[member];
    return FOLIO_OK;
}

static folio_status top_value(reader *r, const jp_token *t)
{
    const frame *f = top_frame(r);
    place at = at_value(r, t);
    switch (f->member) {
    case TOP_FOLIO:
        return check_version(r, t);
    case TOP_META:
        if (t->type != JP_TOKEN_OBJECT)
            return wrong_kind(r, &at, "meta", t, "an object");
        return push_frame(r, FRAME_META_MAP, t, folio_doc_meta(r->doc));
    case TOP_POS:
        if (t->type != JP_TOKEN_ARRAY)
            return fail(r, &at, FOLIO_ERR_SYNTAX,
                        "\"pos\" must be an array of 4 integers");
        return push_frame(r, FRAME_POS, t, NULL);
    case TOP_BLOCKS:
        if (t->type != JP_TOKEN_ARRAY)
            return wrong_kind(r, &at, "blocks", t, "an array");
        return push_frame(r, FRAME_NODES, t, NULL);
    default: {
        char quoted[2 * JP_QUOTE_MAX];
        quote(quoted, sizeof quoted, f->key, f->key_len);
        return fail(r, &at, FOLIO_ERR_SYNTAX, "unknown top-level member %s",
                    quoted);
    }
    }
}

static folio_status begin_document(reader *r, const jp_token *t)
{
    if (t->type != JP_TOKEN_OBJECT) {
        place at = {.frames = 0, .offset = t->offset};
        return fail(r, &at, FOLIO_ERR_SYNTAX,
                    "a folio JSON document is an object, not %s",
                    jp_token_kind(t));
    }
    return push_frame(r, FRAME_TOP, t, NULL);
}

/* ---- Driving the parser --------------------------------------------------- */

static folio_status end_frame(reader *r)
{
    switch (top_frame(r)->kind) {
    case FRAME_TOP:
        if (!r->version_read)
            return no_version(r);
        break;
    case FRAME_NODE:
        return end_node(r);
    case FRAME_POS:
        return end_pos(r);
    case FRAME_ALIGN:
        pop_frame(r);
        return field_done(r, top_node(r), FIELD_ALIGN);
    default:
        break;
    }
    pop_frame(r);
    return FOLIO_OK;
}

static folio_status on_token(reader *r, const jp_token *t)
{
    if (r->depth == 0)
        return begin_document(r, t);
    if (t->type == JP_TOKEN_END)
        return end_frame(r);
    bool key = t->type == JP_TOKEN_KEY;
    switch (top_frame(r)->kind) {
    case FRAME_TOP: return key ? top_key(r, t) : top_value(r, t);
    case FRAME_META_MAP: return key ? meta_key(r, t) : meta_value(r, t);
    case FRAME_META_LIST: return meta_value(r, t);
    case FRAME_NODES: return nodes_item(r, t);
    case FRAME_NODE: return key ? node_key(r, t) : node_value(r, t);
    case FRAME_POS: return pos_item(r, t);
    default: return align_item(r, t);
    }
}

/*
 * A problem was found in the content before "folio" was read. The version
 * goes first, so the rest of the document object is scanned for it: a
 * missing or other version is the error, else the problem found. A JSON
 * error on the way leaves the problem found, which comes first in the text.
 */
static folio_status version_first(reader *r, folio_status found)
{
    folio_error problem = *r->err;
    folio_error ignored;
    jp_token t;
    folio_status status = FOLIO_OK;
    while (jp_pull_next(&r->pull, &t, &ignored) == FOLIO_OK &&
           t.type != JP_TOKEN_DONE) {
        size_t depth = jp_pull_depth(&r->pull);
        if (t.type == JP_TOKEN_END && depth == 0) {
            status = no_version(r);
            break;
        }
        if (t.type == JP_TOKEN_KEY && depth == 1 && t.len == 5 &&
            memcmp(t.text, "folio", 5) == 0) {
            if (jp_pull_next(&r->pull, &t, &ignored) == FOLIO_OK)
                status = check_version(r, &t);
            break;
        }
    }
    if (status != FOLIO_OK)
        return status;
    *r->err = problem;
    return found;
}

static folio_status read_document(reader *r)
{
    for (;;) {
        jp_token t;
        folio_status status = jp_pull_next(&r->pull, &t, r->err);
        if (status != FOLIO_OK || t.type == JP_TOKEN_DONE)
            return status;
        status = on_token(r, &t);
        if (status == FOLIO_OK)
            continue;
        if (r->version_read || r->depth == 0 || status == FOLIO_ERR_VERSION ||
            status == FOLIO_ERR_NOMEM)
            return status;
        return version_first(r, status);
    }
}

/* The deepest nesting of arrays and objects a readable document has: the
 * document object, "blocks", then an object and a "children" array for
 * each level of nodes, and one more for a value refused in the deepest. */
static size_t max_nesting(int64_t max_depth)
{
    if (max_depth < 0)
        max_depth = 0;
    if ((uint64_t)max_depth > (SIZE_MAX - 3) / 2)
        return SIZE_MAX;
    return 2 * (size_t)max_depth + 3;
}

static void free_reader(reader *r)
{
    for (size_t i = 0; i < r->node_capacity; i++) {
        for (size_t s = 0; s < STRING_FIELDS; s++)
            free(r->nodes[i].strings[s].data);
        free(r->nodes[i].align.data);
        free(r->nodes[i].children);
    }
    free(r->nodes);
    free(r->frames);
    jp_pull_free(&r->pull);
}

folio_status jp_read(folio_doc *doc, const char *data, size_t len,
                     const folio_options *options, folio_error *err)
{
    folio_error error;
    reader r = {
        .doc = doc,
        .data = data,
        .len = len,
        .max_depth = folio_options_get_int(options, "max-depth",
                                           FOLIO_DEFAULT_MAX_DEPTH),
        .err = &error,
    };
    /* A byte order mark, which editors may add, is not JSON. */
    size_t start = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    jp_pull_init(&r.pull, data, len, start, max_nesting(r.max_depth));
    folio_status status = read_document(&r);
    free_reader(&r);
    if (status != FOLIO_OK && err != NULL)
        *err = error;
    return status;
}
