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
#include <stdint.h>
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

/* The member called name (len bytes, no U+0000 in them), or FIELD_COUNT if
 * there is none. */
jp_field jp_field_from_name(const char *name, size_t len);

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

/* ---- Pull parser (json_pull.c) ------------------------------------------ */

/* items, grown to hold at least needed items of item_size bytes (*capacity
 * is updated); NULL when out of memory, items then being left as they were. */
void *jp_grow(void *items, size_t *capacity, size_t needed, size_t item_size);

/* A growable run of bytes. */
typedef struct jp_buffer {
    char *data;
    size_t len;
    size_t capacity;
} jp_buffer;

/* Appends n bytes; false when out of memory. */
bool jp_buffer_append(jp_buffer *b, const char *s, size_t n);

/* The offset of the first byte at or after p that is not JSON white space. */
size_t jp_skip_space(const char *text, size_t len, size_t p);

/* Fills *err with code and a printf-formatted message at offset into the
 * len bytes at data (line, column and offset), and returns code. */
folio_status jp_error_at(const char *data, size_t len, size_t offset,
                         folio_error *err, folio_status code,
                         const char *format, ...) FOLIO_PRINTF(6, 7);

typedef enum jp_token_type {
    JP_TOKEN_OBJECT,  /* {: members follow, as KEY then a value, until END */
    JP_TOKEN_ARRAY,   /* [: values follow until END */
    JP_TOKEN_END,     /* } or ]: the innermost object or array ends */
    JP_TOKEN_KEY,     /* a member name; its value is the next token */
    JP_TOKEN_STRING,
    JP_TOKEN_INTEGER, /* a number without fraction or exponent */
    JP_TOKEN_REAL,
    JP_TOKEN_TRUE,
    JP_TOKEN_FALSE,
    JP_TOKEN_NULL,
    JP_TOKEN_DONE     /* the document is over; only white space followed */
} jp_token_type;

typedef struct jp_token {
    jp_token_type type;
    size_t offset;    /* its first byte in the input */
    size_t end;       /* the offset just past it */
    /* KEY and STRING: the decoded text, not NUL-terminated, which may hold
     * U+0000 in a STRING. A KEY's stays valid until the next KEY, a
     * STRING's until the next value. */
    const char *text;
    size_t len;
    int64_t integer;  /* INTEGER */
    double real;      /* REAL */
} jp_token;

/* "an object", "a string"...: the kind of a value token, for messages. */
const char *jp_token_kind(const jp_token *token);

typedef struct jp_pull {
    const char *data;
    size_t len;
    size_t pos;
    char *stack;          /* the open containers' opening brackets */
    size_t depth;
    size_t capacity;
    size_t max_nesting;   /* open containers allowed at once */
    int state;
    jp_buffer key_text;   /* decoded member names with escapes */
    jp_buffer value_text; /* decoded strings with escapes, numbers */
} jp_pull;

/* Parses the len bytes at data from offset start on (past a byte order
 * mark, for one), refusing more than max_nesting levels of containers. */
void jp_pull_init(jp_pull *p, const char *data, size_t len, size_t start,
                  size_t max_nesting);

/* The next token into *token; an error (syntax, encoding, limit, or
 * unsupported for numbers beyond int64 or double and member names holding
 * U+0000) fills *err with the place where the offending token starts. */
folio_status jp_pull_next(jp_pull *p, jp_token *token, folio_error *err);

/* How many containers are open after the last token. */
size_t jp_pull_depth(const jp_pull *p);

void jp_pull_free(jp_pull *p);

/* ---- Reader (json_read.c) ------------------------------------------------ */

/* The plugin's read function: a folio JSON document into doc. */
folio_status jp_read(folio_doc *doc, const char *data, size_t len,
                     const folio_options *options, folio_error *err);

/* ---- Writer (json_write.c) ----------------------------------------------- */

/* The plugin's write function: doc as a folio JSON document. */
folio_status jp_write(const folio_doc *doc, folio_sink *sink,
                      const folio_options *options, folio_error *err);

#endif
