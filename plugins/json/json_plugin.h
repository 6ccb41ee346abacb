/*
 * Private to the json plugin: how its files talk to each other.
 *
 * The plugin is built with hidden visibility, so nothing declared here
 * leaves the shared object; only folio_plugin_entry (plugin.c) does.
 * docs/json-format.md describes the format for users and
 * docs/folio-json.schema.json defines it; the files follow them.
 *
 * Names declared here start with jp_ (JP_ for constants, FIELD_ for the
 * node members), because jansson's headers own the json_ prefix.
 */
#ifndef FOLIO_JSON_PLUGIN_H
#define FOLIO_JSON_PLUGIN_H

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>
#include <folio/doc.h>
#include <folio/error.h>
#include <folio/node.h>
#include <folio/options.h>
#include <folio/sink.h>

/* The schema version written under "folio"; any other is refused. */
#define JP_SCHEMA_VERSION 1

static inline folio_status jp_out_of_memory(folio_error *err)
{
    return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
}

/* ---- Node fields (json_fields.c) ----------------------------------------- */

/* Every member a node object may have, in the order the writer puts them. */
typedef enum jp_field {
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
} jp_field;

/* A member's bit in the sets jp_node_fields returns. */
#define FIELD_BIT(f) (1u << (f))

/* The name of each member in the JSON. */
extern const char *const jp_field_names[FIELD_COUNT];

/* The members a node of this type has: the one table both directions use. */
unsigned jp_node_fields(folio_node_type type);

/* The member called name, or FIELD_COUNT if there is none. */
jp_field jp_field_from_name(const char *name);

/* ---- Paths into the JSON, for error messages (json_path.c) --------------- */

/* One step from a JSON value to a member (key != NULL) or an item. */
typedef struct jp_step {
    const char *key;
    size_t key_len;
    size_t index;
} jp_step;

jp_step jp_key_step(const char *key, size_t len);
jp_step jp_index_step(size_t index);

/* A fixed buffer that truncates and stays NUL-terminated: messages are
 * bounded by folio_error anyway. */
typedef struct jp_textbuf {
    char *data;
    size_t size;
    size_t len;
} jp_textbuf;

void jp_textbuf_puts(jp_textbuf *tb, const char *s);

/* Longest piece of user text quoted in a message. */
enum { JP_QUOTE_MAX = 40 };

/* Adds s in double quotes, with control bytes, quotes and backslashes
 * escaped so that the message stays one readable line, cut at a character
 * boundary after JP_QUOTE_MAX bytes. */
void jp_textbuf_quote(jp_textbuf *tb, const char *s, size_t len);

/* Renders steps as blocks[3].children[1] or meta.tags[2] or meta["a b"]. */
void jp_render_path(jp_textbuf *tb, const jp_step *steps, size_t n);

/* ---- Finding a value in the JSON text again (json_locate.c) -------------- */

/* The offset of the first byte at or after p that is not JSON white space. */
size_t jp_skip_space(const char *text, size_t len, size_t p);

/* Bytes of numbers and of true, false and null. */
bool jp_is_word_byte(char c);

/* The offset (in *offset) of the value that steps lead to from the top of
 * text, which jansson has accepted; false if the scan does not find it. */
bool jp_locate(const char *text, size_t len, const jp_step *steps, size_t n,
               size_t *offset);

/* ---- Reader (json_read.c) ------------------------------------------------ */

/* Whether jansson failed for want of memory. */
bool jp_jansson_out_of_memory(const json_error_t *error);

/* The plugin's read function: a folio JSON document into doc. */
folio_status jp_read(folio_doc *doc, const char *data, size_t len,
                     const folio_options *options, folio_error *err);

/* ---- Writer (json_write.c) ----------------------------------------------- */

/* The plugin's write function: doc as a folio JSON document. */
folio_status jp_write(const folio_doc *doc, folio_sink *sink,
                      const folio_options *options, folio_error *err);

#endif
