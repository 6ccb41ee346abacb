/*
 * The JSON format: folio's document tree and metadata, losslessly.
 *
 * docs/json-format.md describes the format for users and
 * docs/folio-json.schema.json defines it; this file follows them.
 *
 * The reader parses with jansson, then builds the tree from jansson's values
 * with an explicit stack, so input-controlled depth never becomes C stack
 * depth (jansson itself stops parsing at 2048 levels). jansson keeps no
 * source positions for values, so when the tree is refused the reader finds
 * the offending value again by scanning the text along its path: errors
 * carry the line and column of the JSON, not just a path.
 *
 * The writer streams to the sink while it walks the tree with
 * folio_walk_next. It does not build a json_t tree: jansson dumps and frees
 * those recursively, which a document built through the API, of any depth,
 * could overflow; and a tree would hold a second copy of every string.
 */
#include <folio/meta.h>
#include <folio/node.h>
#include <folio/plugin.h>
#include <folio/text.h>

#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The schema version written under "folio"; any other is refused. */
#define SCHEMA_VERSION 1

/* ---- Node fields ---------------------------------------------------------- */

/* Every member a node object may have, in the order the writer puts them. */
typedef enum field {
    FIELD_TYPE,
    FIELD_LEVEL,
    FIELD_LIST_TYPE,
    FIELD_START,
    FIELD_TIGHT,
    FIELD_DELIMITER,
    FIELD_URL,
    FIELD_TITLE,
    FIELD_COLUMNS,
    FIELD_ALIGN,
    FIELD_HEADER,
    FIELD_INFO,
    FIELD_TEXT,
    FIELD_POS,
    FIELD_CHILDREN,
    FIELD_COUNT
} field;

static const char *const field_names[FIELD_COUNT] = {
    [FIELD_TYPE] = "type",         [FIELD_LEVEL] = "level",
    [FIELD_LIST_TYPE] = "list_type", [FIELD_START] = "start",
    [FIELD_TIGHT] = "tight",       [FIELD_DELIMITER] = "delimiter",
    [FIELD_URL] = "url",           [FIELD_TITLE] = "title",
    [FIELD_COLUMNS] = "columns",   [FIELD_ALIGN] = "align",
    [FIELD_HEADER] = "header",     [FIELD_INFO] = "info",
    [FIELD_TEXT] = "text",         [FIELD_POS] = "pos",
    [FIELD_CHILDREN] = "children",
};

#define BIT(f) (1u << (f))
#define LIST_FIELDS                                                          \
    (BIT(FIELD_LIST_TYPE) | BIT(FIELD_START) | BIT(FIELD_TIGHT) |           \
     BIT(FIELD_DELIMITER))

/* The members a node of this type has: the one table both directions use. */
static unsigned node_fields(folio_node_type type)
{
    unsigned fields = BIT(FIELD_TYPE) | BIT(FIELD_POS);
    if (folio_node_type_is_container(type))
        fields |= BIT(FIELD_CHILDREN);
    switch (type) {
    case FOLIO_NODE_HEADING:
        return fields | BIT(FIELD_LEVEL);
    case FOLIO_NODE_LIST:
        return fields | LIST_FIELDS;
    case FOLIO_NODE_LINK:
    case FOLIO_NODE_IMAGE:
        return fields | BIT(FIELD_URL) | BIT(FIELD_TITLE);
    case FOLIO_NODE_TABLE:
        return fields | BIT(FIELD_COLUMNS) | BIT(FIELD_ALIGN);
    case FOLIO_NODE_TABLE_ROW:
        return fields | BIT(FIELD_HEADER);
    case FOLIO_NODE_CODE_BLOCK:
        return fields | BIT(FIELD_INFO) | BIT(FIELD_TEXT);
    case FOLIO_NODE_HTML_BLOCK:
    case FOLIO_NODE_TEXT:
    case FOLIO_NODE_CODE:
    case FOLIO_NODE_HTML_INLINE:
        return fields | BIT(FIELD_TEXT);
    default:
        return fields;
    }
}

static field field_from_name(const char *name)
{
    for (int f = 0; f < FIELD_COUNT; f++)
        if (strcmp(name, field_names[f]) == 0)
            return (field)f;
    return FIELD_COUNT;
}

/* ---- Paths into the JSON, for error messages ------------------------------ */

/* One step from a JSON value to a member (key != NULL) or an item. */
typedef struct step {
    const char *key;
    size_t key_len;
    size_t index;
} step;

static step key_step(const char *key, size_t len)
{
    return (step){key, len, 0};
}

static step index_step(size_t index)
{
    return (step){NULL, 0, index};
}

/* A fixed buffer that truncates and stays NUL-terminated: messages are
 * bounded by folio_error anyway. */
typedef struct textbuf {
    char *data;
    size_t size;
    size_t len;
} textbuf;

static void tb_add(textbuf *tb, const char *s, size_t n)
{
    size_t room = tb->size - 1 - tb->len;
    if (n > room)
        n = room;
    memcpy(tb->data + tb->len, s, n);
    tb->len += n;
    tb->data[tb->len] = '\0';
}

static void tb_puts(textbuf *tb, const char *s)
{
    tb_add(tb, s, strlen(s));
}

/* Longest piece of user text quoted in a message. */
enum { QUOTE_MAX = 40 };

/* Adds s in double quotes, with control bytes, quotes and backslashes
 * escaped so that the message stays one readable line, cut at a character
 * boundary after QUOTE_MAX bytes. */
static void tb_quote(textbuf *tb, const char *s, size_t len)
{
    size_t n = len;
    if (n > QUOTE_MAX) {
        n = QUOTE_MAX;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    tb_add(tb, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char escape[8];
        if (c < 0x20 || c == 0x7F) {
            snprintf(escape, sizeof escape, "\\x%02X", c);
            tb_puts(tb, escape);
        } else if (c == '"' || c == '\\') {
            escape[0] = '\\';
            escape[1] = (char)c;
            tb_add(tb, escape, 2);
        } else
            tb_add(tb, (const char *)&s[i], 1);
    }
    tb_add(tb, "\"", 1);
    if (n < len)
        tb_add(tb, "...", 3);
}

static bool is_plain_key(const char *key, size_t len)
{
    if (len == 0 || len > QUOTE_MAX)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = key[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    }
    return true;
}

/* Steps kept at each end of a long path; the middle becomes "...". */
enum { PATH_HEAD = 4, PATH_TAIL = 6 };

/* Renders steps as blocks[3].children[1] or meta.tags[2] or meta["a b"]. */
static void render_path(textbuf *tb, const step *steps, size_t n)
{
    bool dot = false;
    for (size_t i = 0; i < n; i++) {
        if (n > PATH_HEAD + PATH_TAIL && i == PATH_HEAD) {
            tb_puts(tb, "...");
            i = n - PATH_TAIL;
            dot = false;
        }
        const step *s = &steps[i];
        if (s->key == NULL) {
            char index[32];
            snprintf(index, sizeof index, "[%zu]", s->index);
            tb_puts(tb, index);
        } else if (is_plain_key(s->key, s->key_len)) {
            if (dot)
                tb_add(tb, ".", 1);
            tb_add(tb, s->key, s->key_len);
        } else {
            tb_add(tb, "[", 1);
            tb_quote(tb, s->key, s->key_len);
            tb_add(tb, "]", 1);
        }
        dot = true;
    }
}

/* ---- Finding a value in the JSON text again ------------------------------- *
 * Only on the error path, on text jansson has already accepted: so the scan
 * need not validate, only never read past the end. */

static size_t skip_space(const char *text, size_t len, size_t p)
{
    while (p < len && (text[p] == ' ' || text[p] == '\t' || text[p] == '\n' ||
                       text[p] == '\r'))
        p++;
    return p;
}

/* p is at the opening quote; returns the offset after the closing one. */
static size_t skip_string(const char *text, size_t len, size_t p)
{
    for (p++; p < len; p++) {
        if (text[p] == '\\')
            p++;
        else if (text[p] == '"')
            return p + 1;
    }
    return len;
}

/* Bytes of numbers and of true, false and null. */
static bool is_word_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

/* p is at a value; returns the offset just after it. */
static size_t skip_value(const char *text, size_t len, size_t p)
{
    if (p < len && text[p] == '"')
        return skip_string(text, len, p);
    if (p < len && (text[p] == '{' || text[p] == '[')) {
        size_t depth = 0;
        while (p < len) {
            char c = text[p];
            if (c == '"') {
                p = skip_string(text, len, p);
                continue;
            }
            p++;
            if (c == '{' || c == '[')
                depth++;
            else if ((c == '}' || c == ']') && --depth == 0)
                return p;
        }
        return len;
    }
    while (p < len && is_word_byte(text[p]))
        p++;
    return p;
}

/* Whether the string token (quotes included) means key. Escaped keys are
 * rare enough to let jansson decode them. */
static bool token_equals(const char *token, size_t len, const char *key,
                         size_t key_len)
{
    if (memchr(token, '\\', len) == NULL)
        return len - 2 == key_len && memcmp(token + 1, key, key_len) == 0;
    json_t *decoded = json_loadb(token, len, JSON_DECODE_ANY, NULL);
    bool equal = json_is_string(decoded) &&
                 json_string_length(decoded) == key_len &&
                 memcmp(json_string_value(decoded), key, key_len) == 0;
    json_decref(decoded);
    return equal;
}

/* The offset of the value that steps lead to from the top of text. */
static bool locate(const char *text, size_t len, const step *steps, size_t n,
                   size_t *offset)
{
    size_t p = skip_space(text, len, 0);
    for (size_t i = 0; i < n; i++) {
        const step *s = &steps[i];
        if (p >= len || text[p] != (s->key != NULL ? '{' : '['))
            return false;
        p = skip_space(text, len, p + 1);
        for (size_t item = 0;; item++) {
            if (p >= len || text[p] == '}' || text[p] == ']')
                return false;
            bool found;
            if (s->key != NULL) {
                size_t key_end = skip_string(text, len, p);
                found = key_end - p >= 2 &&
                        token_equals(text + p, key_end - p, s->key, s->key_len);
                p = skip_space(text, len, key_end);
                if (p >= len || text[p] != ':')
                    return false;
                p = skip_space(text, len, p + 1);
            } else
                found = item == s->index;
            if (found)
                break;
            p = skip_space(text, len, skip_value(text, len, p));
            if (p >= len || text[p] != ',')
                return false;
            p = skip_space(text, len, p + 1);
        }
    }
    *offset = p;
    return true;
}

/* ---- Reader --------------------------------------------------------------- */

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

static folio_status out_of_memory(folio_error *err)
{
    return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
}

/* The path to the value being built, plus member if not NULL; malloc'd. */
static step *reader_path(const reader *r, const char *member, size_t *n)
{
    step *steps = calloc(2 * r->depth + 1, sizeof *steps);
    if (steps == NULL)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < r->depth; i++) {
        const frame *f = &r->frames[i];
        if (f->link != NULL)
            steps[k++] = key_step(f->link, strlen(f->link));
        steps[k++] = json_is_object(f->json) ? key_step(f->key, f->key_len)
                                             : index_step(f->next - 1);
    }
    if (member != NULL)
        steps[k++] = key_step(member, strlen(member));
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
    textbuf tb = {message, sizeof message, 0};
    message[0] = '\0';
    size_t n, offset;
    step *steps = reader_path(r, member, &n);
    bool located = false;
    if (steps != NULL) {
        render_path(&tb, steps, n);
        if (n > 0)
            tb_puts(&tb, ": ");
        located = locate(r->data + r->base, r->len - r->base, steps, n,
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
            return out_of_memory(r->err);
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
            return out_of_memory(r->err);
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
    char quoted[2 * QUOTE_MAX];
    textbuf tb = {quoted, sizeof quoted, 0};
    tb_quote(&tb, json_string_value(value), json_string_length(value));
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
        int64_t n;
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
    field member;
    string_setter set;
} string_fields[] = {
    {FIELD_URL, folio_node_set_url},
    {FIELD_TITLE, folio_node_set_title},
    {FIELD_INFO, folio_node_set_code_info},
    {FIELD_TEXT, folio_node_set_literal},
};

static folio_status set_string(const reader *r, folio_node *node, field f,
                               const json_t *value, string_setter set)
{
    if (!json_is_string(value))
        return wrong_kind(r, field_names[f], value, "a string");
    folio_error local;
    if (set(node, json_string_value(value), json_string_length(value),
            &local) != FOLIO_OK)
        return refused(r, field_names[f], &local);
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
        int64_t level;
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
        char quoted[2 * QUOTE_MAX];
        textbuf tb = {quoted, sizeof quoted, 0};
        tb_quote(&tb, type_name, json_string_length(type_json));
        return fail(r, "type", FOLIO_ERR_SYNTAX, "unknown node type %s",
                    quoted);
    }
    if (type == FOLIO_NODE_DOCUMENT)
        return fail(r, "type", FOLIO_ERR_TREE,
                    "a document node can only be the root, whose children "
                    "are \"blocks\"");

    json_t *fields[FIELD_COUNT] = {NULL};
    unsigned allowed = node_fields(type);
    const char *key;
    json_t *value;
    json_object_foreach(item, key, value) {
        field f = field_from_name(key);
        if (f == FIELD_COUNT || !(allowed & BIT(f))) {
            char quoted[2 * QUOTE_MAX];
            textbuf tb = {quoted, sizeof quoted, 0};
            tb_quote(&tb, key, strlen(key));
            return fail(r, key, FOLIO_ERR_SYNTAX, "a %s node has no member %s",
                        type_name, quoted);
        }
        fields[f] = value;
    }

    folio_node *node = folio_node_new(r->doc, type);
    if (node == NULL)
        return out_of_memory(r->err);
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
                    SCHEMA_VERSION);
    if (json_is_integer(version) &&
        json_integer_value(version) == SCHEMA_VERSION)
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
                found, SCHEMA_VERSION);
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
            char quoted[2 * QUOTE_MAX];
            textbuf tb = {quoted, sizeof quoted, 0};
            tb_quote(&tb, key, strlen(key));
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
        while (p > 0 && is_word_byte(text[p]) && is_word_byte(text[p - 1]))
            p--;
    return p;
}

/* Whether jansson failed for want of memory. When it cannot even set up
 * its lexer it leaves the error empty, and the error code unset. */
static bool json_out_of_memory(const json_error_t *error)
{
    return error->text[0] == '\0' ||
           json_error_code(error) == json_error_out_of_memory;
}

/* jansson's parse error, at the token where it stopped. */
static folio_status parse_error(const reader *r, const json_error_t *error)
{
    if (json_out_of_memory(error))
        return out_of_memory(r->err);
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

static folio_status json_read(folio_doc *doc, const char *data, size_t len,
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

/* ---- Writer --------------------------------------------------------------- */

typedef struct writer {
    folio_sink *sink;
    bool compact;
    folio_error error;     /* the writer's own error, for folio_sink_fail */
} writer;

/* Starts a line at indentation level (two spaces each); nothing if compact. */
static void newline(writer *w, size_t level)
{
    static const char spaces[] = "                                ";
    if (w->compact)
        return;
    folio_sink_putc(w->sink, '\n');
    for (size_t n = 2 * level; n > 0;) {
        size_t chunk = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        folio_sink_write(w->sink, spaces, chunk);
        n -= chunk;
    }
}

/* The separator between items of an array or object written on one line. */
static void put_inline_comma(writer *w)
{
    folio_sink_puts(w->sink, w->compact ? "," : ", ");
}

/* A member name of our own (plain ASCII) and its colon. */
static void put_key(writer *w, const char *name)
{
    folio_sink_putc(w->sink, '"');
    folio_sink_puts(w->sink, name);
    folio_sink_puts(w->sink, w->compact ? "\":" : "\": ");
}

/* Writes s as a JSON string, escaping only what JSON requires, so output
 * stays readable UTF-8. s must be valid UTF-8 (the caller checks). Not
 * jansson's encoder: that takes a json_t, a copy of the string, and sets up
 * a hashtable on every call. */
static void put_string(writer *w, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = 0;
    folio_sink_putc(w->sink, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        folio_sink_write(w->sink, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': folio_sink_puts(w->sink, "\\\""); break;
        case '\\': folio_sink_puts(w->sink, "\\\\"); break;
        case '\b': folio_sink_puts(w->sink, "\\b"); break;
        case '\f': folio_sink_puts(w->sink, "\\f"); break;
        case '\n': folio_sink_puts(w->sink, "\\n"); break;
        case '\r': folio_sink_puts(w->sink, "\\r"); break;
        case '\t': folio_sink_puts(w->sink, "\\t"); break;
        default: {
            char escape[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            folio_sink_write(w->sink, escape, sizeof escape);
        }
        }
    }
    folio_sink_write(w->sink, s + run, len - run);
    folio_sink_putc(w->sink, '"');
}

static void put_int(writer *w, int64_t n)
{
    char text[24];
    int len = snprintf(text, sizeof text, "%" PRId64, n);
    folio_sink_write(w->sink, text, (size_t)len);
}

static void put_bool(writer *w, bool b)
{
    folio_sink_puts(w->sink, b ? "true" : "false");
}

/* Whether jansson reads text back as exactly d: 1, 0, or -1 when out of
 * memory. */
static int reads_back(const char *text, size_t len, double d)
{
    json_error_t error;
    json_t *back = json_loadb(text, len, JSON_DECODE_ANY, &error);
    if (back == NULL)
        return json_out_of_memory(&error) ? -1 : 0;
    int same = json_real_value(back) == d;
    json_decref(back);
    return same;
}

/*
 * A finite double, in the fewest of 15, 16 or 17 significant digits that
 * read back as the same double: 0.1 rather than 0.10000000000000001, yet
 * exact, so reading and writing again gives the same bytes. jansson does
 * the formatting because it is independent of the C locale.
 */
static folio_status put_real(writer *w, double d)
{
    char text[64];
    size_t len = 0;
    json_t *real = json_real(d);
    if (real == NULL)
        return out_of_memory(&w->error);
    for (int digits = 15; digits <= 17; digits++) {
        len = json_dumpb(real, text, sizeof text,
                         JSON_ENCODE_ANY | JSON_REAL_PRECISION(digits));
        if (len == 0 || len > sizeof text || digits == 17)
            break;
        int same = reads_back(text, len, d);
        if (same != 0) {
            if (same < 0)
                len = 0;
            break;
        }
    }
    json_decref(real);
    if (len == 0 || len > sizeof text)
        return out_of_memory(&w->error);
    folio_sink_write(w->sink, text, len);
    return FOLIO_OK;
}

/* One level of the metadata walk: a list or map and the next index. */
typedef struct meta_frame {
    const folio_value *value;
    size_t next;
} meta_frame;

/* Fails with "PATH: message" at the metadata value being written. */
static folio_status meta_fail(writer *w, const meta_frame *frames,
                              size_t depth, folio_status code,
                              const char *format, ...) FOLIO_PRINTF(5, 6);

static folio_status meta_fail(writer *w, const meta_frame *frames,
                              size_t depth, folio_status code,
                              const char *format, ...)
{
    char message[FOLIO_ERROR_MESSAGE_SIZE];
    textbuf tb = {message, sizeof message, 0};
    message[0] = '\0';
    step *steps = malloc((depth + 1) * sizeof *steps);
    if (steps != NULL) {
        steps[0] = key_step("meta", 4);
        for (size_t i = 0; i < depth; i++) {
            const folio_value *value = frames[i].value;
            size_t index = frames[i].next - 1;
            if (folio_value_get_type(value) == FOLIO_VALUE_MAP) {
                size_t len;
                const char *key = folio_value_map_key(value, index, &len);
                steps[i + 1] = key_step(key, len);
            } else
                steps[i + 1] = index_step(index);
        }
        render_path(&tb, steps, depth + 1);
        tb_puts(&tb, ": ");
        free(steps);
    }
    va_list args;
    va_start(args, format);
    vsnprintf(message + tb.len, sizeof message - tb.len, format, args);
    va_end(args);
    return folio_error_set(&w->error, code, "%s", message);
}

/* Writes a scalar, or opens a list or map (true in *opened) that the caller
 * then walks. */
static folio_status put_value(writer *w, const meta_frame *frames,
                              size_t depth, const folio_value *value,
                              bool *opened)
{
    size_t len, bad;
    const char *s;
    double d;
    *opened = false;
    switch (folio_value_get_type(value)) {
    case FOLIO_VALUE_NULL:
        folio_sink_puts(w->sink, "null");
        return FOLIO_OK;
    case FOLIO_VALUE_BOOL:
        put_bool(w, folio_value_bool(value));
        return FOLIO_OK;
    case FOLIO_VALUE_INT:
        put_int(w, folio_value_int(value));
        return FOLIO_OK;
    case FOLIO_VALUE_FLOAT:
        d = folio_value_float(value);
        if (!isfinite(d))
            return meta_fail(w, frames, depth, FOLIO_ERR_UNSUPPORTED,
                             "the float %s cannot be written as JSON",
                             isnan(d) ? "NaN"
                             : d > 0  ? "infinity"
                                      : "-infinity");
        return put_real(w, d);
    case FOLIO_VALUE_STRING:
        s = folio_value_string(value, &len);
        if (!folio_utf8_valid(s, len, &bad))
            return meta_fail(w, frames, depth, FOLIO_ERR_ENCODING,
                             "the string is not valid UTF-8 (at byte %zu)",
                             bad);
        put_string(w, s, len);
        return FOLIO_OK;
    case FOLIO_VALUE_LIST:
    case FOLIO_VALUE_MAP: {
        bool map = folio_value_get_type(value) == FOLIO_VALUE_MAP;
        *opened = folio_value_count(value) > 0;
        folio_sink_puts(w->sink, map ? (*opened ? "{" : "{}")
                                     : (*opened ? "[" : "[]"));
        return FOLIO_OK;
    }
    }
    return meta_fail(w, frames, depth, FOLIO_ERR_UNSUPPORTED,
                     "unknown value type %d",
                     (int)folio_value_get_type(value));
}

/* Writes the metadata map, whose "meta" key is on level 1, without
 * recursion: metadata built through the API may nest to any depth. */
static folio_status write_meta(writer *w, const folio_value *meta)
{
    if (folio_value_count(meta) == 0) {
        folio_sink_puts(w->sink, "{}");
        return FOLIO_OK;
    }
    size_t depth = 0, capacity = 16;
    meta_frame *frames = malloc(capacity * sizeof *frames);
    if (frames == NULL)
        return out_of_memory(&w->error);
    folio_status status = FOLIO_OK;
    folio_sink_putc(w->sink, '{');
    frames[depth++] = (meta_frame){meta, 0};
    while (depth > 0 && status == FOLIO_OK) {
        meta_frame *f = &frames[depth - 1];
        bool map = folio_value_get_type(f->value) == FOLIO_VALUE_MAP;
        if (f->next == folio_value_count(f->value)) {
            depth--;
            newline(w, depth + 1);
            folio_sink_putc(w->sink, map ? '}' : ']');
            continue;
        }
        size_t index = f->next++;
        if (index > 0)
            folio_sink_putc(w->sink, ',');
        newline(w, depth + 1);
        const folio_value *item;
        if (map) {
            size_t len;
            const char *key = folio_value_map_key(f->value, index, &len);
            /* jansson cannot read such a key back, so it is not written. */
            if (memchr(key, '\0', len) != NULL) {
                status = meta_fail(w, frames, depth, FOLIO_ERR_UNSUPPORTED,
                                   "a key with a NUL byte cannot be written");
                break;
            }
            if (!folio_utf8_valid(key, len, NULL)) {
                status = meta_fail(w, frames, depth, FOLIO_ERR_ENCODING,
                                   "the key is not valid UTF-8");
                break;
            }
            put_string(w, key, len);
            folio_sink_puts(w->sink, w->compact ? ":" : ": ");
            item = folio_value_map_value(f->value, index);
        } else
            item = folio_value_list_get(f->value, index);
        bool opened;
        status = put_value(w, frames, depth, item, &opened);
        if (status != FOLIO_OK || !opened)
            continue;
        if (depth == capacity) {
            meta_frame *grown = realloc(frames, 2 * capacity * sizeof *frames);
            if (grown == NULL) {
                status = out_of_memory(&w->error);
                break;
            }
            frames = grown;
            capacity *= 2;
        }
        frames[depth++] = (meta_frame){item, 0};
    }
    free(frames);
    return status;
}

static bool pos_known(folio_pos pos)
{
    return pos.start_line != 0 || pos.start_column != 0 ||
           pos.end_line != 0 || pos.end_column != 0;
}

static void put_pos(writer *w, folio_pos pos)
{
    const uint32_t numbers[4] = {pos.start_line, pos.start_column,
                                 pos.end_line, pos.end_column};
    folio_sink_putc(w->sink, '[');
    for (int i = 0; i < 4; i++) {
        if (i > 0)
            put_inline_comma(w);
        put_int(w, numbers[i]);
    }
    folio_sink_putc(w->sink, ']');
}

/* Writes a string member of node, which must be valid UTF-8. */
static folio_status put_node_string(writer *w, const folio_node *node,
                                    field f, const char *s, size_t len)
{
    size_t bad;
    if (folio_utf8_valid(s, len, &bad)) {
        put_string(w, s, len);
        return FOLIO_OK;
    }
    folio_pos pos = folio_node_position(node);
    return folio_error_set_at(
        &w->error, FOLIO_ERR_ENCODING, pos.start_line, pos.start_column,
        "the \"%s\" of a %s node is not valid UTF-8 (at byte %zu)",
        field_names[f], folio_node_type_name(folio_node_get_type(node)), bad);
}

/* One of our own names (plain ASCII, from node.h's tables) as a string. */
static void put_name(writer *w, const char *name)
{
    folio_sink_putc(w->sink, '"');
    folio_sink_puts(w->sink, name);
    folio_sink_putc(w->sink, '"');
}

/* Member f of node with its value; not "children". */
static folio_status put_field(writer *w, const folio_node *node, field f)
{
    const char *s = NULL;
    size_t len = 0;
    put_key(w, field_names[f]);
    switch (f) {
    case FIELD_TYPE:
        put_name(w, folio_node_type_name(folio_node_get_type(node)));
        break;
    case FIELD_LEVEL:
        put_int(w, folio_node_heading_level(node));
        break;
    case FIELD_LIST_TYPE:
        put_name(w, folio_list_type_name(folio_node_list_type(node)));
        break;
    case FIELD_START:
        put_int(w, folio_node_list_start(node));
        break;
    case FIELD_TIGHT:
        put_bool(w, folio_node_list_tight(node));
        break;
    case FIELD_DELIMITER:
        put_name(w, folio_list_delimiter_name(folio_node_list_delimiter(node)));
        break;
    case FIELD_URL:
        s = folio_node_url(node, &len);
        break;
    case FIELD_TITLE:
        s = folio_node_title(node, &len);
        break;
    case FIELD_COLUMNS:
        put_int(w, folio_node_table_columns(node));
        break;
    case FIELD_ALIGN:
        folio_sink_putc(w->sink, '[');
        for (int i = 0; i < folio_node_table_columns(node); i++) {
            if (i > 0)
                put_inline_comma(w);
            put_name(w, folio_align_name(folio_node_table_alignment(node, i)));
        }
        folio_sink_putc(w->sink, ']');
        break;
    case FIELD_HEADER:
        put_bool(w, folio_node_row_is_header(node));
        break;
    case FIELD_INFO:
        s = folio_node_code_info(node, &len);
        break;
    case FIELD_TEXT:
        s = folio_node_literal(node, &len);
        break;
    case FIELD_POS:
        put_pos(w, folio_node_position(node));
        break;
    case FIELD_CHILDREN:
    case FIELD_COUNT:
        break;
    }
    return s != NULL ? put_node_string(w, node, f, s, len) : FOLIO_OK;
}

/*
 * Writes node's opening brace and members at indentation level. A node
 * with children is spread over lines and left open after "children": [,
 * for its children and write_blocks to close; any other is written whole,
 * on one line, which keeps text runs and breaks compact.
 */
static folio_status open_node(writer *w, const folio_node *node, size_t level)
{
    bool spread = folio_node_first_child(node) != NULL;
    unsigned fields = node_fields(folio_node_get_type(node));
    bool first = true;
    folio_sink_putc(w->sink, '{');
    for (int f = 0; f < FIELD_COUNT; f++) {
        if (!(fields & BIT(f)) ||
            (f == FIELD_POS && !pos_known(folio_node_position(node))))
            continue;
        if (!first) {
            if (spread)
                folio_sink_putc(w->sink, ',');
            else
                put_inline_comma(w);
        }
        if (spread)
            newline(w, level + 1);
        first = false;
        if (f == FIELD_CHILDREN) {
            put_key(w, "children");
            folio_sink_puts(w->sink, spread ? "[" : "[]");
            continue;
        }
        folio_status status = put_field(w, node, (field)f);
        if (status != FOLIO_OK)
            return status;
    }
    if (!spread)
        folio_sink_putc(w->sink, '}');
    return FOLIO_OK;
}

/* The "blocks" array, whose key is on level 1: every node under root, in
 * one walk without recursion, so any depth is safe. */
static folio_status write_blocks(writer *w, const folio_node *root)
{
    if (folio_node_first_child(root) == NULL) {
        folio_sink_puts(w->sink, "[]");
        return FOLIO_OK;
    }
    folio_sink_putc(w->sink, '[');
    size_t level = 2; /* of the items of the innermost open array */
    folio_node *node = (folio_node *)root;
    folio_walk_event event = FOLIO_WALK_NONE;
    while (folio_walk_next(root, &node, &event)) {
        if (node == root)
            continue;
        if (event == FOLIO_WALK_ENTER) {
            /* A failed sink ignores writes: stop early. json_write
             * returns its error. */
            if (folio_sink_status(w->sink, NULL) != FOLIO_OK)
                return FOLIO_OK;
            if (folio_node_previous(node) != NULL)
                folio_sink_putc(w->sink, ',');
            newline(w, level);
            folio_status status = open_node(w, node, level);
            if (status != FOLIO_OK)
                return status;
            if (folio_node_first_child(node) != NULL)
                level += 2;
        } else if (folio_node_first_child(node) != NULL) {
            level -= 2;
            newline(w, level + 1);
            folio_sink_putc(w->sink, ']');
            newline(w, level);
            folio_sink_putc(w->sink, '}');
        }
    }
    newline(w, 1);
    folio_sink_putc(w->sink, ']');
    return FOLIO_OK;
}

static folio_status json_write(const folio_doc *doc, folio_sink *sink,
                               const folio_options *options, folio_error *err)
{
    writer w = {
        .sink = sink,
        .compact = folio_options_get_bool(options, "compact", false),
    };
    const folio_node *root = folio_doc_root(doc);
    folio_sink_putc(sink, '{');
    newline(&w, 1);
    put_key(&w, "folio");
    put_int(&w, SCHEMA_VERSION);
    folio_sink_putc(sink, ',');
    newline(&w, 1);
    put_key(&w, "meta");
    folio_status status = write_meta(&w, folio_doc_meta(doc));
    if (status == FOLIO_OK && pos_known(folio_node_position(root))) {
        folio_sink_putc(sink, ',');
        newline(&w, 1);
        put_key(&w, "pos");
        put_pos(&w, folio_node_position(root));
    }
    if (status == FOLIO_OK) {
        folio_sink_putc(sink, ',');
        newline(&w, 1);
        put_key(&w, "blocks");
        status = write_blocks(&w, root);
    }
    if (status != FOLIO_OK) {
        /* So that the host, which may look only at the sink, drops the
         * partial output. */
        folio_sink_fail(sink, &w.error);
        if (err != NULL)
            *err = w.error;
        return status;
    }
    newline(&w, 0);
    folio_sink_puts(sink, "}\n");
    return folio_sink_status(sink, err);
}

/* ---- Probe ---------------------------------------------------------------- */

/* How far into the input the "folio" member is looked for: the writer puts
 * it first, a person may put it after a few others. */
enum { PROBE_WINDOW = 1024 };

/* Whether "folio" followed by a colon occurs in the len bytes at s. */
static bool has_version_member(const char *s, size_t len)
{
    static const char needle[] = "\"folio\"";
    const size_t n = sizeof needle - 1;
    for (size_t i = 0; i + n <= len; i++) {
        if (s[i] != '"' || memcmp(s + i, needle, n) != 0)
            continue;
        size_t p = skip_space(s, len, i + n);
        if (p < len && s[p] == ':')
            return true;
    }
    return false;
}

/* 90 for an object naming "folio" near its start; 15 for other JSON
 * objects and arrays, so that .json files still come here and get a clear
 * error rather than being read as text; 0 otherwise. */
static int json_probe(const char *data, size_t len)
{
    size_t p = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        p = 3;
    p = skip_space(data, len, p);
    if (p == len || (data[p] != '{' && data[p] != '['))
        return 0;
    /* What may follow: a member name or "}"; a container, a string or "]".
     * Markdown's "{{" or "[link]" may not. */
    size_t q = skip_space(data, len, p + 1);
    if (q < len && data[q] != '"' &&
        (data[p] == '{' ? data[q] != '}'
                        : data[q] != '{' && data[q] != '[' && data[q] != ']'))
        return 0;
    size_t window = len - p < PROBE_WINDOW ? len - p : PROBE_WINDOW;
    if (data[p] == '{' && has_version_member(data + p, window))
        return 90;
    return 15;
}

/* ---- Descriptor ----------------------------------------------------------- */

static const char *const extensions[] = {"json", NULL};
static const char *const mime_types[] = {"application/json", NULL};

static const folio_option_spec write_options[] = {
    {"compact", FOLIO_OPTION_BOOL, "false",
     "write everything on one line, without indentation", NULL},
    {NULL, FOLIO_OPTION_BOOL, NULL, NULL, NULL},
};

static const folio_plugin plugin = {
    FOLIO_PLUGIN_HEADER,
    .name = "json",
    .version = "1.0.0",
    .description = "folio's document tree and metadata as JSON, losslessly",
    .extensions = extensions,
    .mime_types = mime_types,
    .read = json_read,
    .write = json_write,
    .write_options = write_options,
    .probe = json_probe,
};

FOLIO_PLUGIN_EXPORT const folio_plugin *folio_plugin_entry(
    const folio_host *host, folio_error *err)
{
    if (!folio_plugin_host_compatible(host)) {
        if (host == NULL)
            folio_error_set(err, FOLIO_ERR_VERSION,
                            "the json plugin was given no host description");
        else
            folio_error_set(err, FOLIO_ERR_VERSION,
                            "the json plugin needs plugin ABI %d.%d or a "
                            "later 1.x; the host has %u.%u",
                            FOLIO_ABI_MAJOR, FOLIO_ABI_MINOR,
                            (unsigned)host->abi_major,
                            (unsigned)host->abi_minor);
        return NULL;
    }
    return &plugin;
}
