/*
 * Private to the markdown plugin: how its files talk to each other.
 *
 * The plugin is built with hidden visibility, so nothing declared here
 * leaves the shared object; only folio_plugin_entry (plugin.c) does.
 */
#ifndef FOLIO_MARKDOWN_H
#define FOLIO_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <folio/doc.h>
#include <folio/error.h>
#include <folio/meta.h>
#include <folio/node.h>
#include <folio/sink.h>

/* Aliases a front matter may use unless the "max-yaml-aliases" option says
 * otherwise. Real front matter uses a handful; a "billion laughs" bomb
 * needs dozens. */
#define MD_DEFAULT_MAX_YAML_ALIASES 100

/* Values a front matter may gain by alias expansion, whatever the alias
 * count: nine aliases to nine aliases... stay under any count limit and
 * still expand to 9^9 values, so the size is bounded too, before copying. */
#define MD_MAX_ALIAS_VALUES 10000

/* ---- front matter (frontmatter_find.c, frontmatter_read.c) -------------- */

/* Where a front matter block lies in the input. */
typedef struct md_front_matter {
    size_t yaml_start;      /* the YAML text between the two fence lines */
    size_t yaml_len;
    size_t body_start;      /* first byte after the closing fence's line */
    unsigned long body_line; /* the line body_start is on, from 1 */
} md_front_matter;

/* Whether data (len bytes) holds front matter that starts at offset start
 * (0, or 3 after a BOM): a "---" line, then YAML, then a "---" or "..."
 * line. Without a closing line there is no front matter. Fills *fm. */
bool md_front_matter_find(const char *data, size_t len, size_t start,
                          md_front_matter *fm);

typedef struct md_yaml_limits {
    int64_t max_depth;      /* deepest nesting of values */
    int64_t max_aliases;    /* alias events allowed */
} md_yaml_limits;

/* Parses the front matter's YAML into doc's metadata. Errors carry their
 * line and column in data (the whole input), not in the YAML text. */
folio_status md_front_matter_read(folio_doc *doc, const char *data,
                                  size_t len, const md_front_matter *fm,
                                  const md_yaml_limits *limits,
                                  folio_error *err);

/* Writes doc's metadata as a "---" fenced YAML block, or nothing when the
 * metadata is empty. Returns whether it wrote anything in *wrote. */
folio_status md_front_matter_write(const folio_doc *doc, folio_sink *sink,
                                   bool *wrote, folio_error *err);

/* ---- YAML 1.1 scalars (yaml_scalar.c) ---------------------------------- */

typedef struct md_scalar {
    folio_value_type type;  /* NULL, BOOL, INT, FLOAT or STRING */
    bool boolean;
    int64_t integer;
    double real;
} md_scalar;

/* The type a plain (unquoted, untagged) scalar has in YAML 1.1. */
void md_yaml_resolve(const char *s, size_t len, md_scalar *out);

/* Turn the "." of a number into the locale's decimal point for strtod, and
 * the locale's back into "." after printf. */
void md_to_locale_point(char *number);
void md_from_locale_point(char *number);

/* Whether a string may be written as a plain scalar and read back, by any
 * YAML 1.1 or 1.2 reader, as that same string. */
bool md_yaml_plain_safe(const char *s, size_t len);

/* ---- Markdown body (md_read.c, md_write.c) ------------------------------ */

/* Where the body starts in the whole input, to report positions there. */
typedef struct md_body_place {
    unsigned long first_line;   /* the line the body starts on, from 1 */
    unsigned long first_column; /* bytes before the body on that line (BOM) */
} md_body_place;

typedef struct md_read_options {
    bool smart;         /* cmark's smart punctuation */
    bool gfm;           /* GFM pipe tables and strikethrough */
    int64_t max_depth;
} md_read_options;

/* Parses len bytes of CommonMark (valid UTF-8) into doc's tree. */
folio_status md_body_read(folio_doc *doc, const char *data, size_t len,
                          const md_body_place *place,
                          const md_read_options *options, folio_error *err);

/* Writes doc's tree as CommonMark; wrap is the column to wrap paragraphs
 * at, 0 for none. */
folio_status md_body_write(const folio_doc *doc, folio_sink *sink, int wrap,
                           folio_error *err);

/* ---- GFM pipe table lines (md_pipe.c) ----------------------------------- */

/* cmark-gfm keeps a table's column count in 16 bits. */
#define MD_PIPE_MAX_COLUMNS 65535

/* A cell of a row: its bytes, spaces trimmed, pipes still escaped. */
typedef struct md_pipe_cell {
    size_t start, end;
} md_pipe_cell;

/* The number of cells of s read as a table row (len bytes, no line
 * ending), filling the first max of them in cells; 0 when it is not a row
 * (nothing but a pipe, or more than MD_PIPE_MAX_COLUMNS cells). */
size_t md_pipe_cells(const char *s, size_t len, md_pipe_cell *cells,
                     size_t max);

/* Whether s is a delimiter row ("| --- | :-: |"), from its first byte that
 * is not a space to its end. */
bool md_pipe_is_delimiter_row(const char *s, size_t len);

/* The alignment a delimiter row's cell (trimmed) gives its column. */
folio_align md_pipe_alignment(const char *cell, size_t len);

/* ---- Probe (probe.c) ---------------------------------------------------- */

int md_probe(const char *data, size_t len);

#endif
