/*
 * Reading front matter: libyaml's event parser, turned into folio values.
 *
 * Events rather than libyaml's document API, because the document API
 * expands every alias into a shared node graph before the caller sees it,
 * which is what an alias bomb exploits. Here an alias is a copy of a value
 * already built, made only after its size is checked against the limits.
 *
 * Choices (see docs/markdown-format.md):
 *  - the front matter must be a mapping (or empty); its keys must be
 *    scalars, kept as the text written ("1: x" has the key "1");
 *  - a key given twice is an error: YAML forbids it and readers disagree on
 *    which value wins, so silently picking one would lose data;
 *  - merge keys ("<<") are ordinary keys;
 *  - tags !!str, !!int, !!float, !!bool and !!null are honoured; other tags
 *    are dropped and the scalar typed as if untagged.
 */
#include "markdown.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include <folio/text.h>

#define CORE_TAG "tag:yaml.org,2002:"

typedef struct fm_anchor {
    const char *name;          /* in the document's arena */
    const folio_value *value;
    size_t values;             /* values in it, itself included */
    size_t height;             /* 0 for a scalar, 1 + the deepest child's */
} fm_anchor;

/* A list or map being filled. */
typedef struct fm_frame {
    folio_value *container;
    const char *anchor;        /* registered when the container ends */
    const char *key;           /* a map's key still waiting for its value */
    size_t key_len;
    size_t values;             /* values placed in it so far */
    size_t height;             /* height of its deepest child so far */
} fm_frame;

typedef struct fm_reader {
    folio_doc *doc;
    const char *data;          /* the whole input, for error positions */
    size_t len;
    const md_front_matter *fm;
    const md_yaml_limits *limits;
    fm_frame *frames;
    size_t depth;
    size_t frames_size;
    fm_anchor *anchors;
    size_t anchor_count;
    size_t anchors_size;
    int64_t aliases;
    size_t alias_values;
    int documents;
} fm_reader;

/* libyaml counts characters; folio reports bytes in the whole input. */
static size_t mark_offset(const fm_reader *r, const yaml_mark_t *mark)
{
    const unsigned char *s =
        (const unsigned char *)r->data + r->fm->yaml_start;
    size_t n = r->fm->yaml_len;
    size_t off = 0;
    for (size_t chars = 0; chars < mark->index && off < n; chars++) {
        off++;
        while (off < n && (s[off] & 0xC0) == 0x80)
            off++;
    }
    return r->fm->yaml_start + off;
}

static folio_status fail_at_offset(const fm_reader *r, size_t offset,
                                   folio_status code, folio_error *err,
                                   const char *format, ...) FOLIO_PRINTF(5, 6);

static folio_status fail_at_offset(const fm_reader *r, size_t offset,
                                   folio_status code, folio_error *err,
                                   const char *format, ...)
{
    char message[FOLIO_ERROR_MESSAGE_SIZE];
    va_list ap;
    va_start(ap, format);
    vsnprintf(message, sizeof message, format, ap);
    va_end(ap);
    unsigned long line, column;
    folio_text_position(r->data, r->len, offset, &line, &column);
    folio_error_set_at(err, code, line, column, "front matter: %s", message);
    if (err != NULL) {
        err->offset = offset;
        err->has_offset = 1;
    }
    return code;
}

#define FAIL_AT(r, mark, code, err, ...)                                     \
    fail_at_offset((r), mark_offset((r), (mark)), (code), (err), __VA_ARGS__)

static folio_status nomem(folio_error *err)
{
    return folio_error_set(err, FOLIO_ERR_NOMEM,
                           "out of memory while reading the front matter");
}

static folio_status parser_error(const fm_reader *r, const yaml_parser_t *p,
                                 folio_error *err)
{
    if (p->error == YAML_MEMORY_ERROR)
        return nomem(err);
    const char *problem = p->problem != NULL ? p->problem : "invalid YAML";
    if (p->error == YAML_READER_ERROR)
        return fail_at_offset(r, r->fm->yaml_start + p->problem_offset,
                              FOLIO_ERR_SYNTAX, err, "%s", problem);
    if (p->context == NULL)
        return FAIL_AT(r, &p->problem_mark, FOLIO_ERR_SYNTAX, err, "%s",
                       problem);
    unsigned long line, column;
    folio_text_position(r->data, r->len, mark_offset(r, &p->context_mark),
                        &line, &column);
    return FAIL_AT(r, &p->problem_mark, FOLIO_ERR_SYNTAX, err,
                   "%s %s (line %lu)", problem, p->context, line);
}

/* ---- Values ------------------------------------------------------------- */

static bool is_core_tag(const char *tag, const char *name)
{
    size_t n = strlen(CORE_TAG);
    return strncmp(tag, CORE_TAG, n) == 0 && strcmp(tag + n, name) == 0;
}

static folio_value *new_scalar(folio_doc *doc, const md_scalar *scalar,
                               const char *s, size_t len)
{
    switch (scalar->type) {
    case FOLIO_VALUE_NULL:
        return folio_value_new_null(doc);
    case FOLIO_VALUE_BOOL:
        return folio_value_new_bool(doc, scalar->boolean);
    case FOLIO_VALUE_INT:
        return folio_value_new_int(doc, scalar->integer);
    case FOLIO_VALUE_FLOAT:
        return folio_value_new_float(doc, scalar->real);
    default:
        return folio_value_new_string(doc, s, len);
    }
}

/* A scalar event's value: quoted and !!str scalars are strings, plain ones
 * are typed by YAML 1.1, and a core tag asks for its type. */
static folio_status scalar_value(const fm_reader *r, const yaml_event_t *ev,
                                 folio_value **out, folio_error *err)
{
    const char *s = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    const char *tag = (const char *)ev->data.scalar.tag;
    static const struct {
        const char *name;
        folio_value_type type;
    } tags[] = {{"null", FOLIO_VALUE_NULL},
                {"bool", FOLIO_VALUE_BOOL},
                {"int", FOLIO_VALUE_INT},
                {"float", FOLIO_VALUE_FLOAT}};
    md_scalar scalar = {.type = FOLIO_VALUE_STRING};
    bool string = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
    int wanted = -1;
    if (tag != NULL) {
        if (strcmp(tag, "!") == 0 || is_core_tag(tag, "str"))
            string = true;
        for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
            if (is_core_tag(tag, tags[i].name))
                wanted = (int)tags[i].type;
    }
    if (wanted >= 0 || !string)
        md_yaml_resolve(s, len, &scalar);
    if (wanted == FOLIO_VALUE_FLOAT && scalar.type == FOLIO_VALUE_INT) {
        scalar.type = FOLIO_VALUE_FLOAT;
        scalar.real = (double)scalar.integer;
    }
    if (wanted >= 0 && (int)scalar.type != wanted)
        return FAIL_AT(r, &ev->start_mark, FOLIO_ERR_SYNTAX, err,
                       "'%.*s' is not a valid %s", (int)(len > 80 ? 80 : len),
                       s, tag + strlen(CORE_TAG));
    *out = new_scalar(r->doc, &scalar, s, len);
    return *out != NULL ? FOLIO_OK : nomem(err);
}

/* A detached copy of value's top level: a scalar, or an empty container. */
static folio_value *copy_shallow(folio_doc *doc, const folio_value *value)
{
    size_t len;
    const char *s;
    switch (folio_value_get_type(value)) {
    case FOLIO_VALUE_NULL:
        return folio_value_new_null(doc);
    case FOLIO_VALUE_BOOL:
        return folio_value_new_bool(doc, folio_value_bool(value));
    case FOLIO_VALUE_INT:
        return folio_value_new_int(doc, folio_value_int(value));
    case FOLIO_VALUE_FLOAT:
        return folio_value_new_float(doc, folio_value_float(value));
    case FOLIO_VALUE_STRING:
        s = folio_value_string(value, &len);
        return folio_value_new_string(doc, s, len);
    case FOLIO_VALUE_LIST:
        return folio_value_new_list(doc);
    default:
        return folio_value_new_map(doc);
    }
}

/* A deep copy of an anchored value (of the given height), for an alias:
 * values may sit in one container only. Iterative, like every walk. */
static folio_status copy_value(folio_doc *doc, const folio_value *src,
                               size_t height, folio_value **out,
                               folio_error *err)
{
    struct copy_frame {
        const folio_value *src;
        folio_value *dst;
        size_t next;
    } *stack = NULL;
    *out = copy_shallow(doc, src);
    if (*out == NULL)
        return nomem(err);
    if (height == 0)
        return FOLIO_OK;
    stack = malloc(height * sizeof *stack);
    if (stack == NULL)
        return nomem(err);
    size_t depth = 0;
    stack[depth++] = (struct copy_frame){src, *out, 0};
    folio_status st = FOLIO_OK;
    while (depth > 0 && st == FOLIO_OK) {
        struct copy_frame *top = &stack[depth - 1];
        if (top->next == folio_value_count(top->src)) {
            depth--;
            continue;
        }
        size_t i = top->next++;
        bool is_map = folio_value_get_type(top->src) == FOLIO_VALUE_MAP;
        const folio_value *child = is_map ? folio_value_map_value(top->src, i)
                                          : folio_value_list_get(top->src, i);
        folio_value *copy = copy_shallow(doc, child);
        if (copy == NULL) {
            st = nomem(err);
        } else if (is_map) {
            size_t key_len;
            const char *key = folio_value_map_key(top->src, i, &key_len);
            st = folio_value_map_set(top->dst, key, key_len, copy, err);
        } else {
            st = folio_value_list_append(top->dst, copy, err);
        }
        folio_value_type type = folio_value_get_type(child);
        if (st == FOLIO_OK &&
            (type == FOLIO_VALUE_LIST || type == FOLIO_VALUE_MAP))
            stack[depth++] = (struct copy_frame){child, copy, 0};
    }
    free(stack);
    return st;
}

/* ---- Anchors ------------------------------------------------------------ */

static folio_status add_anchor(fm_reader *r, const char *name,
                               const folio_value *value, size_t values,
                               size_t height, folio_error *err)
{
    if (r->anchor_count == r->anchors_size) {
        size_t size = r->anchors_size ? 2 * r->anchors_size : 8;
        fm_anchor *anchors = realloc(r->anchors, size * sizeof *anchors);
        if (anchors == NULL)
            return nomem(err);
        r->anchors = anchors;
        r->anchors_size = size;
    }
    r->anchors[r->anchor_count++] = (fm_anchor){name, value, values, height};
    return FOLIO_OK;
}

/* The latest anchor of that name: YAML lets a name be redefined. */
static const fm_anchor *find_anchor(const fm_reader *r, const char *name)
{
    for (size_t i = r->anchor_count; i > 0; i--)
        if (strcmp(r->anchors[i - 1].name, name) == 0)
            return &r->anchors[i - 1];
    return NULL;
}

static const char *keep_anchor(fm_reader *r, const yaml_char_t *anchor)
{
    if (anchor == NULL)
        return NULL;
    return folio_doc_strndup(r->doc, (const char *)anchor,
                             strlen((const char *)anchor));
}

/* ---- Events ------------------------------------------------------------- */

static bool expects_key(const fm_reader *r)
{
    const fm_frame *top = &r->frames[r->depth - 1];
    return folio_value_get_type(top->container) == FOLIO_VALUE_MAP &&
           top->key == NULL;
}

/* Puts a finished value (or an alias's copy) into the open container. */
static folio_status place(fm_reader *r, folio_value *value, size_t values,
                          size_t height, folio_error *err)
{
    fm_frame *top = &r->frames[r->depth - 1];
    folio_status st;
    if (folio_value_get_type(top->container) == FOLIO_VALUE_MAP) {
        st = folio_value_map_set(top->container, top->key, top->key_len,
                                 value, err);
        top->key = NULL;
    } else {
        st = folio_value_list_append(top->container, value, err);
    }
    top->values += values;
    if (height > top->height)
        top->height = height;
    return st;
}

static folio_status push(fm_reader *r, folio_value *container,
                         const char *anchor, folio_error *err)
{
    if (r->depth == r->frames_size) {
        size_t size = r->frames_size ? 2 * r->frames_size : 16;
        fm_frame *frames = realloc(r->frames, size * sizeof *frames);
        if (frames == NULL)
            return nomem(err);
        r->frames = frames;
        r->frames_size = size;
    }
    r->frames[r->depth++] = (fm_frame){.container = container,
                                       .anchor = anchor};
    return FOLIO_OK;
}

static folio_status on_key(fm_reader *r, const yaml_event_t *ev,
                           folio_error *err)
{
    fm_frame *top = &r->frames[r->depth - 1];
    const char *key = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    if (folio_value_map_get(top->container, key, len) != NULL)
        return FAIL_AT(r, &ev->start_mark, FOLIO_ERR_SYNTAX, err,
                       "the key '%.*s' is given twice",
                       (int)(len > 80 ? 80 : len), key);
    top->key = folio_doc_strndup(r->doc, key, len);
    top->key_len = len;
    if (top->key == NULL)
        return nomem(err);
    if (ev->data.scalar.anchor == NULL)
        return FOLIO_OK;
    folio_value *value;
    folio_status st = scalar_value(r, ev, &value, err);
    if (st != FOLIO_OK)
        return st;
    const char *anchor = keep_anchor(r, ev->data.scalar.anchor);
    return anchor != NULL ? add_anchor(r, anchor, value, 1, 0, err)
                          : nomem(err);
}

static folio_status on_scalar(fm_reader *r, const yaml_event_t *ev,
                              folio_error *err)
{
    folio_value *value;
    if (r->depth == 0) {
        /* An empty document ("---" with only comments) is no metadata. */
        md_scalar scalar;
        md_yaml_resolve((const char *)ev->data.scalar.value,
                        ev->data.scalar.length, &scalar);
        if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
            scalar.type == FOLIO_VALUE_NULL)
            return FOLIO_OK;
        return FAIL_AT(r, &ev->start_mark, FOLIO_ERR_SYNTAX, err,
                       "it must be a mapping of keys to values, not a "
                       "single value");
    }
    if (expects_key(r))
        return on_key(r, ev, err);
    folio_status st = scalar_value(r, ev, &value, err);
    if (st == FOLIO_OK)
        st = place(r, value, 1, 0, err);
    if (st == FOLIO_OK && ev->data.scalar.anchor != NULL) {
        const char *anchor = keep_anchor(r, ev->data.scalar.anchor);
        st = anchor != NULL ? add_anchor(r, anchor, value, 1, 0, err)
                            : nomem(err);
    }
    return st;
}

static folio_status on_start(fm_reader *r, const yaml_event_t *ev,
                             folio_error *err)
{
    bool is_map = ev->type == YAML_MAPPING_START_EVENT;
    const yaml_char_t *anchor_text = is_map ? ev->data.mapping_start.anchor
                                            : ev->data.sequence_start.anchor;
    const char *anchor = keep_anchor(r, anchor_text);
    if (anchor_text != NULL && anchor == NULL)
        return nomem(err);
    if (r->depth == 0) {
        if (!is_map)
            return FAIL_AT(r, &ev->start_mark, FOLIO_ERR_SYNTAX, err,
                           "it must be a mapping of keys to values, not a "
                           "list");
        return push(r, folio_doc_meta(r->doc), anchor, err);
    }
    if (expects_key(r))
        return FAIL_AT(r, &ev->start_mark, FOLIO_ERR_UNSUPPORTED, err,
                       "a key must be a single value, not a list or map");
    if ((int64_t)r->depth + 1 > r->limits->max_depth)
        return FAIL_AT(r, &ev->start_mark, FOLIO_ERR_LIMIT, err,
                       "values are nested more than %lld deep (the "
                       "max-depth option)",
                       (long long)r->limits->max_depth);
    folio_value *container = is_map ? folio_value_new_map(r->doc)
                                    : folio_value_new_list(r->doc);
    if (container == NULL)
        return nomem(err);
    /* Placed now, filled later: its size reaches the parent's counts when
     * it ends. */
    folio_status st = place(r, container, 0, 0, err);
    return st != FOLIO_OK ? st : push(r, container, anchor, err);
}

static folio_status on_end(fm_reader *r, folio_error *err)
{
    fm_frame done = r->frames[--r->depth];
    size_t values = done.values + 1;
    size_t height = done.height + 1;
    if (r->depth > 0) {
        fm_frame *top = &r->frames[r->depth - 1];
        top->values += values;
        if (height > top->height)
            top->height = height;
    }
    if (done.anchor == NULL)
        return FOLIO_OK;
    return add_anchor(r, done.anchor, done.container, values, height, err);
}

static folio_status on_alias(fm_reader *r, const yaml_event_t *ev,
                             folio_error *err)
{
    const char *name = (const char *)ev->data.alias.anchor;
    if (r->depth == 0 || expects_key(r))
        return FAIL_AT(r, &ev->start_mark, FOLIO_ERR_UNSUPPORTED, err,
                       "an alias cannot be used as a key");
    if (++r->aliases > r->limits->max_aliases)
        return FAIL_AT(r, &ev->start_mark, FOLIO_ERR_LIMIT, err,
                       "more than %lld aliases (the max-yaml-aliases option)",
                       (long long)r->limits->max_aliases);
    const fm_anchor *anchor = find_anchor(r, name);
    if (anchor == NULL)
        return FAIL_AT(r, &ev->start_mark, FOLIO_ERR_SYNTAX, err,
                       "the alias *%s refers to no complete anchor before it",
                       name);
    if (anchor->values > MD_MAX_ALIAS_VALUES - r->alias_values)
        return FAIL_AT(r, &ev->start_mark, FOLIO_ERR_LIMIT, err,
                       "aliases would expand to more than %d values; "
                       "refusing what looks like an alias bomb",
                       MD_MAX_ALIAS_VALUES);
    if ((int64_t)(r->depth + anchor->height) > r->limits->max_depth)
        return FAIL_AT(r, &ev->start_mark, FOLIO_ERR_LIMIT, err,
                       "the alias *%s nests values more than %lld deep (the "
                       "max-depth option)",
                       name, (long long)r->limits->max_depth);
    r->alias_values += anchor->values;
    folio_value *copy;
    folio_status st =
        copy_value(r->doc, anchor->value, anchor->height, &copy, err);
    return st != FOLIO_OK ? st
                          : place(r, copy, anchor->values, anchor->height, err);
}

static folio_status on_event(fm_reader *r, const yaml_event_t *ev,
                             folio_error *err)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++r->documents > 1)
            return FAIL_AT(r, &ev->start_mark, FOLIO_ERR_SYNTAX, err,
                           "it holds more than one YAML document");
        return FOLIO_OK;
    case YAML_SCALAR_EVENT:
        return on_scalar(r, ev, err);
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        return on_start(r, ev, err);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return on_end(r, err);
    case YAML_ALIAS_EVENT:
        return on_alias(r, ev, err);
    default:
        return FOLIO_OK;
    }
}

folio_status md_front_matter_read(folio_doc *doc, const char *data,
                                  size_t len, const md_front_matter *fm,
                                  const md_yaml_limits *limits,
                                  folio_error *err)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return nomem(err);
    yaml_parser_set_input_string(
        &parser, (const unsigned char *)data + fm->yaml_start, fm->yaml_len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    fm_reader r = {.doc = doc, .data = data, .len = len, .fm = fm,
                   .limits = limits};
    folio_status st = FOLIO_OK;
    bool end = false;
    while (st == FOLIO_OK && !end) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            st = parser_error(&r, &parser, err);
            break;
        }
        end = event.type == YAML_STREAM_END_EVENT;
        st = on_event(&r, &event, err);
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    free(r.frames);
    free(r.anchors);
    return st;
}
