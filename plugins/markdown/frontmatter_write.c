/*
 * Writing front matter with libyaml's emitter, so that YAML's quoting and
 * escaping rules are libyaml's, not ours. What libyaml cannot know is the
 * type a reader will give an unquoted scalar: it would happily write the
 * string "yes" or "0.30" plain, to be read back as a bool or a float. So
 * every string gets a style chosen here (md_yaml_plain_safe), and libyaml
 * may only make it more quoted, never less.
 */
#include "markdown.h"

#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* The emitter's output, collected so that its end can be fixed up. */
typedef struct fm_output {
    char *ptr;
    size_t len;
    size_t size;
} fm_output;

static int collect(void *context, unsigned char *buffer, size_t size)
{
    fm_output *out = context;
    if (size > out->size - out->len) {
        size_t want = out->size ? out->size : 1024;
        while (want - out->len < size) {
            if (want > SIZE_MAX / 2)
                return 0;
            want *= 2;
        }
        char *ptr = realloc(out->ptr, want);
        if (ptr == NULL)
            return 0;
        out->ptr = ptr;
        out->size = want;
    }
    memcpy(out->ptr + out->len, buffer, size);
    out->len += size;
    return 1;
}

/* Shortest "%g" form that reads back as the same double, with the '.'
 * YAML 1.1 needs to see a float (1e+20 is a string there; 1.0e+20 is
 * not). The exponent's sign, also required, is always given by "%g". */
static void format_float(double d, char *buf, size_t size)
{
    if (isnan(d)) {
        snprintf(buf, size, ".nan");
        return;
    }
    if (isinf(d)) {
        snprintf(buf, size, d > 0 ? ".inf" : "-.inf");
        return;
    }
    for (int precision = 15; precision <= 17; precision++) {
        snprintf(buf, size, "%.*g", precision, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    md_from_locale_point(buf);
    if (strchr(buf, '.') != NULL)
        return;
    char *exponent = strchr(buf, 'e');
    size_t at = exponent != NULL ? (size_t)(exponent - buf) : strlen(buf);
    memmove(buf + at + 2, buf + at, strlen(buf + at) + 1);
    memcpy(buf + at, ".0", 2);
}

static yaml_scalar_style_t string_style(const char *s, size_t len)
{
    if (md_yaml_plain_safe(s, len))
        return YAML_PLAIN_SCALAR_STYLE;
    /* A block literal keeps lines readable; libyaml falls back to double
     * quotes where it cannot (trailing spaces, or a key). */
    if (memchr(s, '\n', len) != NULL)
        return YAML_LITERAL_SCALAR_STYLE;
    return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
}

static int emit_scalar(yaml_emitter_t *emitter, const char *s, size_t len,
                       yaml_scalar_style_t style)
{
    yaml_event_t event;
    if (len > INT_MAX ||
        !yaml_scalar_event_initialize(&event, NULL, NULL,
                                      (yaml_char_t *)(uintptr_t)s, (int)len,
                                      1, 1, style))
        return 0;
    return yaml_emitter_emit(emitter, &event);
}

static int emit_string(yaml_emitter_t *emitter, const char *s, size_t len)
{
    return emit_scalar(emitter, s, len, string_style(s, len));
}

static int emit_start(yaml_emitter_t *emitter, const folio_value *value)
{
    /* Empty containers only have a flow form ("[]", "{}"). */
    bool flow = folio_value_count(value) == 0;
    yaml_event_t event;
    if (folio_value_get_type(value) == FOLIO_VALUE_MAP)
        yaml_mapping_start_event_initialize(
            &event, NULL, NULL, 1,
            flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
    else
        yaml_sequence_start_event_initialize(
            &event, NULL, NULL, 1,
            flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
    return yaml_emitter_emit(emitter, &event);
}

static int emit_end(yaml_emitter_t *emitter, const folio_value *value)
{
    yaml_event_t event;
    if (folio_value_get_type(value) == FOLIO_VALUE_MAP)
        yaml_mapping_end_event_initialize(&event);
    else
        yaml_sequence_end_event_initialize(&event);
    return yaml_emitter_emit(emitter, &event);
}

/* A scalar value, or the start of a container. */
static int emit_value(yaml_emitter_t *emitter, const folio_value *value)
{
    char buf[64];
    size_t len;
    const char *s;
    switch (folio_value_get_type(value)) {
    case FOLIO_VALUE_NULL:
        return emit_scalar(emitter, "null", 4, YAML_PLAIN_SCALAR_STYLE);
    case FOLIO_VALUE_BOOL:
        s = folio_value_bool(value) ? "true" : "false";
        return emit_scalar(emitter, s, strlen(s), YAML_PLAIN_SCALAR_STYLE);
    case FOLIO_VALUE_INT:
        snprintf(buf, sizeof buf, "%" PRId64, folio_value_int(value));
        return emit_scalar(emitter, buf, strlen(buf),
                           YAML_PLAIN_SCALAR_STYLE);
    case FOLIO_VALUE_FLOAT:
        format_float(folio_value_float(value), buf, sizeof buf);
        return emit_scalar(emitter, buf, strlen(buf),
                           YAML_PLAIN_SCALAR_STYLE);
    case FOLIO_VALUE_STRING:
        s = folio_value_string(value, &len);
        return emit_string(emitter, s, len);
    default:
        return emit_start(emitter, value);
    }
}

static bool is_container(const folio_value *value)
{
    folio_value_type type = folio_value_get_type(value);
    return type == FOLIO_VALUE_LIST || type == FOLIO_VALUE_MAP;
}

typedef struct fm_frame {
    const folio_value *value;
    size_t next;
} fm_frame;

/* Emits the metadata map, walking it with a stack: values nest to any
 * depth. Returns 0 on an emitter failure, -1 when out of memory. */
static int emit_meta(yaml_emitter_t *emitter, const folio_value *meta)
{
    fm_frame *stack = NULL;
    size_t depth = 0, size = 0;
    int ok = emit_start(emitter, meta);
    if (ok) {
        stack = malloc(16 * sizeof *stack);
        if (stack == NULL)
            return -1;
        size = 16;
        stack[depth++] = (fm_frame){meta, 0};
    }
    while (ok && depth > 0) {
        fm_frame *top = &stack[depth - 1];
        if (top->next == folio_value_count(top->value)) {
            ok = emit_end(emitter, top->value);
            depth--;
            continue;
        }
        size_t i = top->next++;
        const folio_value *child;
        if (folio_value_get_type(top->value) == FOLIO_VALUE_MAP) {
            size_t len;
            const char *key = folio_value_map_key(top->value, i, &len);
            ok = emit_string(emitter, key, len);
            child = folio_value_map_value(top->value, i);
        } else {
            child = folio_value_list_get(top->value, i);
        }
        ok = ok && emit_value(emitter, child);
        if (!ok || !is_container(child))
            continue;
        if (folio_value_count(child) == 0) {
            ok = emit_end(emitter, child);
            continue;
        }
        if (depth == size) {
            fm_frame *bigger = realloc(stack, 2 * size * sizeof *stack);
            if (bigger == NULL) {
                free(stack);
                return -1;
            }
            stack = bigger;
            size *= 2;
        }
        stack[depth++] = (fm_frame){child, 0};
    }
    free(stack);
    return ok;
}

static int emit_document(yaml_emitter_t *emitter, const folio_value *meta)
{
    yaml_event_t event;
    yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING);
    if (!yaml_emitter_emit(emitter, &event))
        return 0;
    yaml_document_start_event_initialize(&event, NULL, NULL, NULL, 1);
    if (!yaml_emitter_emit(emitter, &event))
        return 0;
    int ok = emit_meta(emitter, meta);
    if (ok != 1)
        return ok;
    yaml_document_end_event_initialize(&event, 1);
    if (!yaml_emitter_emit(emitter, &event))
        return 0;
    yaml_stream_end_event_initialize(&event);
    return yaml_emitter_emit(emitter, &event);
}

folio_status md_front_matter_write(const folio_doc *doc, folio_sink *sink,
                                   bool *wrote, folio_error *err)
{
    const folio_value *meta = folio_doc_meta(doc);
    *wrote = false;
    if (folio_value_count(meta) == 0)
        return FOLIO_OK;
    yaml_emitter_t emitter;
    if (!yaml_emitter_initialize(&emitter))
        return folio_error_set(err, FOLIO_ERR_NOMEM,
                               "out of memory while writing front matter");
    fm_output out = {0};
    yaml_emitter_set_output(&emitter, collect, &out);
    yaml_emitter_set_unicode(&emitter, 1);
    yaml_emitter_set_width(&emitter, -1);
    yaml_emitter_set_indent(&emitter, 2);
    int ok = emit_document(&emitter, meta);
    folio_status st = FOLIO_OK;
    if (ok == -1 || emitter.error == YAML_MEMORY_ERROR ||
        emitter.error == YAML_WRITER_ERROR)
        st = folio_error_set(err, FOLIO_ERR_NOMEM,
                             "out of memory while writing front matter");
    else if (!ok)
        st = folio_error_set(err, FOLIO_ERR_ENCODING,
                             "front matter: cannot write metadata as YAML: %s",
                             emitter.problem != NULL
                                 ? emitter.problem
                                 : "a string is not valid UTF-8");
    yaml_emitter_delete(&emitter);
    if (st == FOLIO_OK) {
        /* libyaml ends a document whose last scalar keeps its trailing
         * newlines ("|+") with "..."; our closing fence ends it anyway. */
        if (out.len >= 4 && memcmp(out.ptr + out.len - 4, "...\n", 4) == 0 &&
            (out.len == 4 || out.ptr[out.len - 5] == '\n'))
            out.len -= 4;
        folio_sink_puts(sink, "---\n");
        folio_sink_write(sink, out.ptr, out.len);
        folio_sink_puts(sink, "---\n");
        *wrote = true;
    }
    free(out.ptr);
    return st;
}
