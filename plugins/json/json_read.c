/*
 * The reader: a folio JSON document into a tree.
 *
 * It parses with jansson, then builds the tree from jansson's values with
 * an explicit stack, so input-controlled depth never becomes C stack depth
 * (jansson itself stops parsing at 2048 levels). jansson keeps no source
 * positions for values, so when the tree is refused the reader finds the
 * offending value again by scanning the text along its path
 * (json_locate.c): errors carry the line and column of the JSON, not just
 * a path.
 */
#include "json_plugin.h"

#include <folio/meta.h>
#include <folio/text.h>

#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One level of the reader's stack: a JSON array of nodes or a metadata
 * list or map being built, and where it has got to. */
typedef struct frame {
    json_t *json;
    const char *link;      /* the member that holds json, for paths */
    folio_node *node;      /* nodes: the parent of json's items */
    folio_value *value;    /* metadata: the list or map json becomes */
    void *iter;            /* metadata maps: the next member */
    size_t next;           /* arrays: the next index */
    const char *key;       /* metadata maps: the member being built */
    size_t key_len;
} frame;

typedef struct reader {
    folio_doc *doc;
    const char *data;      /* the whole input, for positions */
    size_t len;
    size_t base;           /* where the JSON text starts in data */
    int64_t max_depth;
    frame *frames;
    size_t depth;
    size_t capacity;
    folio_error *err;
} reader;

/* The path to the value being built, plus member if not NULL; malloc'd. */
static jp_step *reader_path(const reader *r, const char *member, size_t *n)
{
    jp_step *steps = calloc(2 * r->depth + 1, sizeof *steps);
    if (steps == NULL)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < r->depth; i++) {
        const frame *f = &r->frames[i];
        if (f->link != NULL)
            steps[k++] = jp_key_step(f->link, strlen(f->link));
        steps[k++] = json_is_object(f->json)
                         ? jp_key_step(f->key, f->key_len)
                         : jp_index_step(f->next - 1);
    }
    if (member != NULL)
        steps[k++] = jp_key_step(member, strlen(member));
    *n = k;
    return steps;
}

/* Fills *err with code and message at offset into the input (after the
 * JSON text's start) and returns code. */
static folio_status error_at_offset(const reader *r, size_t offset,
                                    folio_status code, const char *message)
{
    unsigned long line, column;
    offset += r->base;
    folio_text_position(r->data, r->len, offset, &line, &column);
    folio_error_set_at(r->err, code, line, column, "%s", message);
    if (r->err != NULL) {
        r->err->offset = offset;
        r->err->has_offset = 1;
    }
    return code;
}

/* Fails with "PATH: message" at the JSON value being built (or its member
 * if not NULL), with that value's line and column. */
static folio_status fail(const reader *r, const char *member,
                         folio_status code, const char *format, ...)
    FOLIO_PRINTF(4, 5);

static folio_status fail(const reader *r, const char *member,
                         folio_status code, const char *format, ...)
{
    char message[FOLIO_ERROR_MESSAGE_SIZE];
    jp_textbuf tb = {message, sizeof message, 0};
    message[0] = '\0';
    size_t n, offset;
    jp_step *steps = reader_path(r, member, &n);
    bool located = false;
    if (steps != NULL) {
        jp_render_path(&tb, steps, n);
        if (n > 0)
            jp_textbuf_puts(&tb, ": ");
        located = jp_locate(r->data + r->base, r->len - r->base, steps, n,
                            &offset);
        free(steps);
    }
    va_list args;
    va_start(args, format);
    vsnprintf(message + tb.len, sizeof message - tb.len, format, args);
    va_end(args);
    if (!located)
        return folio_error_set(r->err, code, "%s", message);
    return error_at_offset(r, offset, code, message);
}

/* "a string", for messages about the wrong kind of value. */
static const char *json_kind(const json_t *value)
{
    switch (json_typeof(value)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a real number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

static folio_status wrong_kind(const reader *r, const char *member,
                               const json_t *value, const char *expected)
{
    return fail(r, member, FOLIO_ERR_SYNTAX, "\"%s\" must be %s, not %s",
                member, expected, json_kind(value));
}

/* A setter's refusal, at the member (or node, if NULL) that asked for it. */
static folio_status refused(const reader *r, const char *member,
                            const folio_error *local)
{
    return fail(r, member, local->code, "%s", local->message);
}

static folio_status push(reader *r, frame f)
{
    if (r->depth == r->capacity) {
        size_t capacity = r->capacity != 0 ? 2 * r->capacity : 16;
        frame *frames = realloc(r->frames, capacity * sizeof *frames);
        if (frames == NULL)
            return jp_out_of_memory(r->err);
        r->frames = frames;
        r->capacity = capacity;
    }
    r->frames[r->depth++] = f;
    return FOLIO_OK;
}

static folio_status check_depth(const reader *r, const char *what)
{
    if ((int64_t)r->depth <= r->max_depth)
        return FOLIO_OK;
    return fail(r, NULL, FOLIO_ERR_LIMIT,
                "%s nested deeper than max-depth (%" PRId64 ")", what,
                r->max_depth);
}

/* A new metadata value for a JSON value; lists and maps start empty. */
static folio_value *new_value(folio_doc *doc, const json_t *json)
{
    switch (json_typeof(json)) {
    case JSON_OBJECT: return folio_value_new_map(doc);
    case JSON_ARRAY: return folio_value_new_list(doc);
    case JSON_STRING:
        return folio_value_new_string(doc, json_string_value(json),
                                      json_string_length(json));
    case JSON_INTEGER: return folio_value_new_int(doc, json_integer_value(json));
    case JSON_REAL: return folio_value_new_float(doc, json_real_value(json));
    case JSON_TRUE: return folio_value_new_bool(doc, true);
    case JSON_FALSE: return folio_value_new_bool(doc, false);
    case JSON_NULL: return folio_value_new_null(doc);
    }
    return NULL;
}

static bool is_nonempty_container(const json_t *json)
{
    return (json_is_object(json) && json_object_size(json) > 0) ||
           (json_is_array(json) && json_array_size(json) > 0);
}

/* Fills the document's metadata map from the "meta" object. */
static folio_status read_meta(reader *r, json_t *meta)
{
    if (json_object_size(meta) == 0)
        return FOLIO_OK;
    folio_status status = push(r, (frame){.json = meta, .link = "meta",
                                          .value = folio_doc_meta(r->doc),
                                          .iter = json_object_iter(meta)});
    while (status == FOLIO_OK && r->depth > 0) {
        frame *f = &r->frames[r->depth - 1];
        json_t *item;
        if (json_is_object(f->json)) {
            if (f->iter == NULL) {
                r->depth--;
                continue;
            }
            f->key = json_object_iter_key(f->iter);
            f->key_len = json_object_iter_key_len(f->iter);
            item = json_object_iter_value(f->iter);
            f->iter = json_object_iter_next(f->json, f->iter);
        } else {
            if (f->next == json_array_size(f->json)) {
                r->depth--;
                continue;
            }
            item = json_array_get(f->json, f->next++);
        }
        status = check_depth(r, "metadata");
        if (status != FOLIO_OK)
            break;
        folio_value *value = new_value(r->doc, item);
        if (value == NULL)
            return jp_out_of_memory(r->err);
        folio_error local;
        status = json_is_object(f->json)
                     ? folio_value_map_set(f->value, f->key, f->key_len,
                                           value, &local)
                     : folio_value_list_append(f->value, value, &local);
        if (status != FOLIO_OK)
            return refused(r, NULL, &local);
        if (is_nonempty_container(item))
            status = push(r, (frame){.json = item, .value = value,
                                     .iter = json_object_iter(item)});
    }
    return status;
}

static folio_status get_int(const reader *r, const char *member,
                            const json_t *value, int64_t min, int64_t max,
                            int64_t *out)
{
    if (!json_is_integer(value))
        return wrong_kind(r, member, value, "an integer");
    *out = json_integer_value(value);
    if (*out < min || *out > max)
        return fail(r, member, FOLIO_ERR_SYNTAX,
                    "%" PRId64 " is out of range (%" PRId64 " to %" PRId64 ")",
                    *out, min, max);
    return FOLIO_OK;
}

static folio_status get_bool(const reader *r, const char *member,
                             const json_t *value, bool *out)
{
    if (!json_is_boolean(value))
        return wrong_kind(r, member, value, "a boolean");
    *out = json_is_true(value);
    return FOLIO_OK;
}

/* A name from one of node.h's name tables: from_name gives -1 if unknown. */
static folio_status get_name(const reader *r, const char *member,
                             const json_t *value,
                             int (*from_name)(const char *, size_t), int *out)
{
    if (!json_is_string(value))
        return wrong_kind(r, member, value, "a string");
    *out = from_name(json_string_value(value), json_string_length(value));
    if (*out >= 0)
        return FOLIO_OK;
    char quoted[2 * JP_QUOTE_MAX];
    jp_textbuf tb = {quoted, sizeof quoted, 0};
    jp_textbuf_quote(&tb, json_string_value(value), json_string_length(value));
    return fail(r, member, FOLIO_ERR_SYNTAX, "unknown \"%s\" value %s",
                member, quoted);
}

static folio_status read_pos(const reader *r, const json_t *value,
                             folio_pos *pos)
{
    uint32_t numbers[4];
    bool shape = json_is_array(value) && json_array_size(value) == 4;
    for (size_t i = 0; shape && i < 4; i++)
        shape = json_is_integer(json_array_get(value, i));
    if (!shape)
        return fail(r, "pos", FOLIO_ERR_SYNTAX,
                    "\"pos\" must be an array of 4 integers");
    for (size_t i = 0; i < 4; i++) {
        int64_t n = 0;
        folio_status status =
            get_int(r, "pos", json_array_get(value, i), 0, UINT32_MAX, &n);
        if (status != FOLIO_OK)
            return status;
        numbers[i] = (uint32_t)n;
    }
    *pos = (folio_pos){numbers[0], numbers[1], numbers[2], numbers[3]};
    return FOLIO_OK;
}

typedef folio_status (*string_setter)(folio_node *, const char *, size_t,
                                      folio_error *);

/* The string members, and how each is set. */
static const struct {
    jp_field member;
    string_setter set;
} string_fields[] = {
    {FIELD_URL, folio_node_set_url},
    {FIELD_TITLE, folio_node_set_title},
    {FIELD_INFO, folio_node_set_code_info},
    {FIELD_TEXT, folio_node_set_literal},
};

static folio_status set_string(const reader *r, folio_node *node,
                               jp_field f, const json_t *value,
                               string_setter set)
{
    if (!json_is_string(value))
        return wrong_kind(r, jp_field_names[f], value, "a string");
    folio_error local;
    if (set(node, json_string_value(value), json_string_length(value),
            &local) != FOLIO_OK)
        return refused(r, jp_field_names[f], &local);
    return FOLIO_OK;
}

static folio_status set_list(const reader *r, folio_node *node,
                             json_t *const *fields)
{
    int type = (int)folio_node_list_type(node);
    int delimiter = (int)folio_node_list_delimiter(node);
    int64_t start = folio_node_list_start(node);
    bool tight = folio_node_list_tight(node);
    folio_status status = FOLIO_OK;
    if (fields[FIELD_LIST_TYPE] != NULL)
        status = get_name(r, "list_type", fields[FIELD_LIST_TYPE],
                          folio_list_type_from_name, &type);
    if (status == FOLIO_OK && fields[FIELD_START] != NULL)
        status = get_int(r, "start", fields[FIELD_START], 0, INT32_MAX, &start);
    if (status == FOLIO_OK && fields[FIELD_TIGHT] != NULL)
        status = get_bool(r, "tight", fields[FIELD_TIGHT], &tight);
    if (status == FOLIO_OK && fields[FIELD_DELIMITER] != NULL)
        status = get_name(r, "delimiter", fields[FIELD_DELIMITER],
                          folio_list_delimiter_from_name, &delimiter);
    if (status != FOLIO_OK)
        return status;
    folio_error local;
    if (folio_node_set_list(node, (folio_list_type)type, (int)start, tight,
                            (folio_list_delimiter)delimiter,
                            &local) != FOLIO_OK)
        return refused(r, NULL, &local);
    return FOLIO_OK;
}

/* "columns" may be left out (the length of "align"); if both are there they
 * must agree. */
static folio_status set_table(const reader *r, folio_node *node,
                              json_t *const *fields)
{
    const json_t *align = fields[FIELD_ALIGN];
    if (align != NULL && !json_is_array(align))
        return wrong_kind(r, "align", align, "an array");
    int64_t columns = align != NULL ? (int64_t)json_array_size(align) : 0;
    if (fields[FIELD_COLUMNS] != NULL) {
        folio_status status =
            get_int(r, "columns", fields[FIELD_COLUMNS], 0, INT32_MAX, &columns);
        if (status != FOLIO_OK)
            return status;
        if (align != NULL && json_array_size(align) != (size_t)columns)
            return fail(r, "align", FOLIO_ERR_SYNTAX,
                        "%zu alignments for %" PRId64 " columns",
                        json_array_size(align), columns);
    }
    folio_error local;
    if (folio_node_set_table_columns(node, (int)columns, &local) != FOLIO_OK)
        return refused(r, fields[FIELD_COLUMNS] != NULL ? "columns" : "align",
                       &local);
    for (size_t i = 0; i < json_array_size(align); i++) {
        const json_t *name = json_array_get(align, i);
        if (!json_is_string(name))
            return fail(r, "align", FOLIO_ERR_SYNTAX,
                        "\"align\" must hold strings, not %s",
                        json_kind(name));
        int value;
        folio_status status =
            get_name(r, "align", name, folio_align_from_name, &value);
        if (status != FOLIO_OK)
            return status;
        if (folio_node_set_table_alignment(node, (int)i, (folio_align)value,
                                           &local) != FOLIO_OK)
            return refused(r, "align", &local);
    }
    return FOLIO_OK;
}

/* Sets every member of a node but "type"; checks "children" is an array. */
static folio_status set_fields(const reader *r, folio_node *node,
                               json_t *const *fields)
{
    folio_node_type type = folio_node_get_type(node);
    folio_status status = FOLIO_OK;
    folio_error local;
    if (fields[FIELD_LEVEL] != NULL) {
        int64_t level = 0;
        status = get_int(r, "level", fields[FIELD_LEVEL], INT32_MIN,
                         INT32_MAX, &level);
        if (status == FOLIO_OK &&
            folio_node_set_heading_level(node, (int)level, &local) != FOLIO_OK)
            status = refused(r, "level", &local);
    }
    if (status == FOLIO_OK && type == FOLIO_NODE_LIST)
        status = set_list(r, node, fields);
    if (status == FOLIO_OK && type == FOLIO_NODE_TABLE)
        status = set_table(r, node, fields);
    if (status == FOLIO_OK && fields[FIELD_HEADER] != NULL) {
        bool header = false;
        status = get_bool(r, "header", fields[FIELD_HEADER], &header);
        if (status == FOLIO_OK &&
            folio_node_set_row_header(node, header, &local) != FOLIO_OK)
            status = refused(r, "header", &local);
    }
    for (size_t i = 0; i < sizeof string_fields / sizeof string_fields[0] &&
                       status == FOLIO_OK;
         i++) {
        const json_t *value = fields[string_fields[i].member];
        if (value != NULL)
            status = set_string(r, node, string_fields[i].member, value,
                                string_fields[i].set);
    }
    if (status == FOLIO_OK && fields[FIELD_POS] != NULL) {
        folio_pos pos;
        status = read_pos(r, fields[FIELD_POS], &pos);
        if (status == FOLIO_OK)
            folio_node_set_position(node, pos);
    }
    if (status == FOLIO_OK && fields[FIELD_CHILDREN] != NULL &&
        !json_is_array(fields[FIELD_CHILDREN]))
        status = wrong_kind(r, "children", fields[FIELD_CHILDREN], "an array");
    return status;
}

/*
 * What folio_doc_check wants of tables beyond what folio_node_append checks:
 * header rows first, and no more cells in a row than the table has columns.
 * index is the node's place among its parent's children.
 */
static folio_status check_table_shape(const reader *r, const folio_node *node,
                                      const folio_node *parent, size_t index)
{
    folio_node_type type = folio_node_get_type(node);
    folio_node_type parent_type = folio_node_get_type(parent);
    if (type == FOLIO_NODE_TABLE_ROW && parent_type == FOLIO_NODE_TABLE &&
        folio_node_row_is_header(node) && folio_node_last_child(parent) &&
        !folio_node_row_is_header(folio_node_last_child(parent)))
        return fail(r, "header", FOLIO_ERR_TREE,
                    "a header row cannot follow a body row");
    if (type == FOLIO_NODE_TABLE_CELL && parent_type == FOLIO_NODE_TABLE_ROW) {
        /* The row is already linked: rows get their cells after that. */
        int columns = folio_node_table_columns(folio_node_parent(parent));
        if (index >= (size_t)columns)
            return fail(r, NULL, FOLIO_ERR_TREE,
                        "a row of a table of %d columns cannot have %zu cells",
                        columns, index + 1);
    }
    return FOLIO_OK;
}

/* Builds the node item (the next item of the top frame) and links it as
 * the last child of parent; *children gets its "children" array, if any. */
static folio_status build_node(const reader *r, json_t *item,
                               folio_node *parent, size_t index,
                               json_t **children)
{
    if (!json_is_object(item))
        return fail(r, NULL, FOLIO_ERR_SYNTAX,
                    "a node must be an object, not %s", json_kind(item));
    const json_t *type_json = json_object_get(item, "type");
    if (type_json == NULL)
        return fail(r, NULL, FOLIO_ERR_SYNTAX, "a node needs a \"type\"");
    if (!json_is_string(type_json))
        return wrong_kind(r, "type", type_json, "a string");
    const char *type_name = json_string_value(type_json);
    folio_node_type type =
        folio_node_type_from_name(type_name, json_string_length(type_json));
    if (type == FOLIO_NODE_NONE) {
        char quoted[2 * JP_QUOTE_MAX];
        jp_textbuf tb = {quoted, sizeof quoted, 0};
        jp_textbuf_quote(&tb, type_name, json_string_length(type_json));
        return fail(r, "type", FOLIO_ERR_SYNTAX, "unknown node type %s",
                    quoted);
    }
    if (type == FOLIO_NODE_DOCUMENT)
        return fail(r, "type", FOLIO_ERR_TREE,
                    "a document node can only be the root, whose children "
                    "are \"blocks\"");

    json_t *fields[FIELD_COUNT] = {NULL};
    unsigned allowed = jp_node_fields(type);
    const char *key;
    json_t *value;
    json_object_foreach(item, key, value) {
        jp_field f = jp_field_from_name(key);
        if (f == FIELD_COUNT || !(allowed & FIELD_BIT(f))) {
            char quoted[2 * JP_QUOTE_MAX];
            jp_textbuf tb = {quoted, sizeof quoted, 0};
            jp_textbuf_quote(&tb, key, strlen(key));
            return fail(r, key, FOLIO_ERR_SYNTAX, "a %s node has no member %s",
                        type_name, quoted);
        }
        fields[f] = value;
    }

    folio_node *node = folio_node_new(r->doc, type);
    if (node == NULL)
        return jp_out_of_memory(r->err);
    folio_status status = set_fields(r, node, fields);
    if (status == FOLIO_OK)
        status = check_table_shape(r, node, parent, index);
    if (status != FOLIO_OK)
        return status;
    folio_error local;
    if (folio_node_append(parent, node, &local) != FOLIO_OK)
        return refused(r, NULL, &local);
    *children = fields[FIELD_CHILDREN];
    return FOLIO_OK;
}

/* Builds the tree under the root from the "blocks" array, top-down. */
static folio_status read_blocks(reader *r, json_t *blocks)
{
    folio_status status = push(r, (frame){.json = blocks, .link = "blocks",
                                          .node = folio_doc_root(r->doc)});
    while (status == FOLIO_OK && r->depth > 0) {
        frame *f = &r->frames[r->depth - 1];
        if (f->next == json_array_size(f->json)) {
            r->depth--;
            continue;
        }
        size_t index = f->next++;
        folio_node *parent = f->node;
        json_t *children = NULL;
        status = check_depth(r, "nodes");
        if (status == FOLIO_OK)
            status = build_node(r, json_array_get(f->json, index), parent,
                                index, &children);
        if (status == FOLIO_OK && json_array_size(children) > 0)
            status = push(r, (frame){.json = children, .link = "children",
                                     .node = folio_node_last_child(parent)});
    }
    return status;
}

/* The "folio" member, checked before anything else so that a document of
 * another version gets a version error, not one about its content. */
static folio_status check_version(const reader *r, const json_t *top)
{
    const json_t *version = json_object_get(top, "folio");
    if (version == NULL)
        return fail(r, NULL, FOLIO_ERR_VERSION,
                    "no \"folio\" schema version (expected %d): not a folio "
                    "JSON document",
                    JP_SCHEMA_VERSION);
    if (json_is_integer(version) &&
        json_integer_value(version) == JP_SCHEMA_VERSION)
        return FOLIO_OK;
    char found[64];
    size_t n = json_dumpb(version, found, sizeof found - 1,
                          JSON_ENCODE_ANY | JSON_COMPACT);
    /* Too long to quote (jansson then leaves the buffer undefined). */
    if (n == 0 || n > sizeof found - 1)
        snprintf(found, sizeof found, "%s", json_kind(version));
    else
        found[n] = '\0';
    return fail(r, "folio", FOLIO_ERR_VERSION,
                "schema version %s is not supported (expected %d)",
                found, JP_SCHEMA_VERSION);
}

static folio_status read_top(reader *r, json_t *top)
{
    if (!json_is_object(top))
        return fail(r, NULL, FOLIO_ERR_SYNTAX,
                    "a folio JSON document is an object, not %s",
                    json_kind(top));
    folio_status status = check_version(r, top);
    if (status != FOLIO_OK)
        return status;
    const char *key;
    json_t *value;
    json_object_foreach(top, key, value) {
        if (strcmp(key, "folio") != 0 && strcmp(key, "meta") != 0 &&
            strcmp(key, "pos") != 0 && strcmp(key, "blocks") != 0) {
            char quoted[2 * JP_QUOTE_MAX];
            jp_textbuf tb = {quoted, sizeof quoted, 0};
            jp_textbuf_quote(&tb, key, strlen(key));
            return fail(r, key, FOLIO_ERR_SYNTAX,
                        "unknown top-level member %s", quoted);
        }
    }
    json_t *pos = json_object_get(top, "pos");
    if (pos != NULL) {
        folio_pos root_pos;
        status = read_pos(r, pos, &root_pos);
        if (status != FOLIO_OK)
            return status;
        folio_node_set_position(folio_doc_root(r->doc), root_pos);
    }
    json_t *meta = json_object_get(top, "meta");
    if (meta != NULL) {
        if (!json_is_object(meta))
            return wrong_kind(r, "meta", meta, "an object");
        status = read_meta(r, meta);
        if (status != FOLIO_OK)
            return status;
    }
    json_t *blocks = json_object_get(top, "blocks");
    if (blocks == NULL)
        return FOLIO_OK;
    if (!json_is_array(blocks))
        return wrong_kind(r, "blocks", blocks, "an array");
    return read_blocks(r, blocks);
}

/* jansson reports the position just past the token it choked on; the
 * error is more useful at the token's start: the opening quote of a
 * string, the first character of a number or word. */
static size_t token_start(const char *text, size_t end)
{
    if (end == 0)
        return 0;
    size_t p = end - 1;
    if (text[p] == '"') {
        while (p > 0) {
            p--;
            size_t backslashes = 0;
            while (backslashes < p && text[p - 1 - backslashes] == '\\')
                backslashes++;
            if (text[p] == '"' && backslashes % 2 == 0)
                break;
        }
    } else
        while (p > 0 && jp_is_word_byte(text[p]) &&
               jp_is_word_byte(text[p - 1]))
            p--;
    return p;
}

/* Whether jansson failed for want of memory. When it cannot even set up
 * its lexer it leaves the error empty, and the error code unset. */
bool jp_jansson_out_of_memory(const json_error_t *error)
{
    return error->text[0] == '\0' ||
           json_error_code(error) == json_error_out_of_memory;
}

/* jansson's parse error, at the token where it stopped. */
static folio_status parse_error(const reader *r, const json_error_t *error)
{
    if (jp_jansson_out_of_memory(error))
        return jp_out_of_memory(r->err);
    folio_status code;
    switch (json_error_code(error)) {
    case json_error_stack_overflow:
        code = FOLIO_ERR_LIMIT;
        break;
    case json_error_numeric_overflow:
    case json_error_null_byte_in_key:
        code = FOLIO_ERR_UNSUPPORTED;
        break;
    default:
        code = FOLIO_ERR_SYNTAX;
        break;
    }
    char message[FOLIO_ERROR_MESSAGE_SIZE];
    snprintf(message, sizeof message, "invalid JSON: %s", error->text);
    size_t end = (size_t)error->position;
    /* An unfinished document is reported where it ends. */
    if (json_error_code(error) != json_error_premature_end_of_input)
        end = token_start(r->data + r->base, end);
    return error_at_offset(r, end, code, message);
}

folio_status jp_read(folio_doc *doc, const char *data, size_t len,
                     const folio_options *options, folio_error *err)
{
    folio_status status = folio_utf8_require(data, len, err);
    if (status != FOLIO_OK)
        return status;
    reader r = {
        .doc = doc,
        .data = data,
        .len = len,
        .max_depth = folio_options_get_int(options, "max-depth",
                                           FOLIO_DEFAULT_MAX_DEPTH),
        .err = err,
    };
    /* jansson refuses a byte order mark, which editors may add. */
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        r.base = 3;
    json_error_t error;
    /* Duplicate keys are refused: parsers disagree on which one wins, and
     * the error's path could name either. */
    json_t *top = json_loadb(data + r.base, len - r.base,
                             JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &error);
    if (top == NULL)
        return parse_error(&r, &error);
    status = read_top(&r, top);
    free(r.frames);
    json_decref(top);
    return status;
}
