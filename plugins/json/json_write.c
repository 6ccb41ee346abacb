/*
 * The writer: a tree as a folio JSON document.
 *
 * It streams to the sink while it walks the tree with folio_walk_next. It
 * does not build a json_t tree: jansson dumps and frees those recursively,
 * which a document built through the API, of any depth, could overflow;
 * and a tree would hold a second copy of every string.
 */
#include "json_plugin.h"

#include <folio/meta.h>
#include <jansson.h>
#include <folio/text.h>

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    folio_sink_write(w->sink, ", ", w->compact ? 1 : 2);
}

/* A member name of our own (plain ASCII) and its colon. */
static void put_key(writer *w, const char *name)
{
    folio_sink_putc(w->sink, '"');
    folio_sink_puts(w->sink, name);
    folio_sink_write(w->sink, "\": ", w->compact ? 2 : 3);
}

/* Writes s as a JSON string, escaping only what JSON requires, so output
 * stays readable UTF-8. s must be valid UTF-8 (the caller checks). Not
 * jansson's encoder: that takes a json_t, a copy of the string, and sets up
 * a hashtable on every call. */
static bool needs_escape(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

/* The length of the run from i that needs no escape, tested four bytes
 * at a time: strings are most of the output. */
static size_t plain_run(const unsigned char *b, size_t i, size_t len)
{
    size_t start = i;
    while (i + 4 <= len && !needs_escape(b[i]) && !needs_escape(b[i + 1]) &&
           !needs_escape(b[i + 2]) && !needs_escape(b[i + 3]))
        i += 4;
    while (i < len && !needs_escape(b[i]))
        i++;
    return i - start;
}

static void put_string(writer *w, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *bytes = (const unsigned char *)s;
    folio_sink_putc(w->sink, '"');
    for (size_t i = 0; i < len; i++) {
        size_t run = plain_run(bytes, i, len);
        folio_sink_write(w->sink, s + i, run);
        i += run;
        if (i == len)
            break;
        unsigned char c = bytes[i];
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
    folio_sink_putc(w->sink, '"');
}

/* Digits by hand: snprintf was a third of the writer's time, as every
 * node's position is four numbers. */
static void put_int(writer *w, int64_t n)
{
    char text[24];
    size_t at = sizeof text;
    uint64_t u = n < 0 ? 0 - (uint64_t)n : (uint64_t)n;
    do {
        text[--at] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (n < 0)
        text[--at] = '-';
    folio_sink_write(w->sink, text + at, sizeof text - at);
}

static void put_bool(writer *w, bool b)
{
    folio_sink_puts(w->sink, b ? "true" : "false");
}

/* Whether jansson failed for want of memory. When it cannot even set up
 * its lexer it leaves the error empty, and the error code unset. */
static bool jansson_out_of_memory(const json_error_t *error)
{
    return error->text[0] == '\0' ||
           json_error_code(error) == json_error_out_of_memory;
}

/* Whether jansson reads text back as exactly d: 1, 0, or -1 when out of
 * memory. */
static int reads_back(const char *text, size_t len, double d)
{
    json_error_t error;
    json_t *back = json_loadb(text, len, JSON_DECODE_ANY, &error);
    if (back == NULL)
        return jansson_out_of_memory(&error) ? -1 : 0;
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
        return jp_out_of_memory(&w->error);
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
        return jp_out_of_memory(&w->error);
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
    jp_textbuf tb = {message, sizeof message, 0};
    message[0] = '\0';
    jp_step *steps = malloc((depth + 1) * sizeof *steps);
    if (steps != NULL) {
        steps[0] = jp_key_step("meta", 4);
        for (size_t i = 0; i < depth; i++) {
            const folio_value *value = frames[i].value;
            size_t index = frames[i].next - 1;
            if (folio_value_get_type(value) == FOLIO_VALUE_MAP) {
                size_t len;
                const char *key = folio_value_map_key(value, index, &len);
                steps[i + 1] = jp_key_step(key, len);
            } else
                steps[i + 1] = jp_index_step(index);
        }
        jp_render_path(&tb, steps, depth + 1);
        jp_textbuf_puts(&tb, ": ");
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
        return jp_out_of_memory(&w->error);
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
                status = jp_out_of_memory(&w->error);
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
                                    jp_field f, const char *s, size_t len)
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
        jp_field_names[f], folio_node_type_name(folio_node_get_type(node)),
        bad);
}

/* One of our own names (plain ASCII, from node.h's tables) as a string. */
static void put_name(writer *w, const char *name)
{
    folio_sink_putc(w->sink, '"');
    folio_sink_puts(w->sink, name);
    folio_sink_putc(w->sink, '"');
}

/* Member f of node with its value; not "children". */
static folio_status put_field(writer *w, const folio_node *node, jp_field f)
{
    const char *s = NULL;
    size_t len = 0;
    put_key(w, jp_field_names[f]);
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
    unsigned fields = jp_node_fields(folio_node_get_type(node));
    bool first = true;
    folio_sink_putc(w->sink, '{');
    for (int f = 0; f < FIELD_COUNT; f++) {
        if (!(fields & FIELD_BIT(f)) ||
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
        folio_status status = put_field(w, node, (jp_field)f);
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
            /* A failed sink ignores writes: stop early. jp_write
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

folio_status jp_write(const folio_doc *doc, folio_sink *sink,
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
    put_int(&w, JP_SCHEMA_VERSION);
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
