/* Shared by the text plugin's tests: the formats, and helpers that read,
 * write and describe documents. */
#ifndef TEXT_TEST_H
#define TEXT_TEST_H

#include "folio_test.h"

#include <stddef.h>

extern folio_registry *registry;
extern const folio_format *text_format;
extern const folio_format *json_format;

/* Check fixture: loads the registry and the text and json formats. */
void setup(void);
void teardown(void);

/* The text format's shortcuts to folio_test_read, folio_test_read_fails
 * and folio_test_write (which see); read_str reads a whole string without
 * options. */
folio_doc *read_ok(const char *data, size_t len, const folio_options *o);
folio_doc *read_str(const char *s);
folio_error read_fails(const char *data, size_t len, const folio_options *o,
                       folio_status code);
char *write_text(const folio_doc *doc, const folio_options *o);

/* A one-line outline of the top-level blocks, for pinning structure:
 * "p" paragraph, "h2" heading of level 2, "ul3"/"ol3" list of 3 items,
 * "q{...}" quote with its blocks, "code", "hr", "table", "html",
 * "figure". Malloc'd. */
char *outline(const folio_node *parent);
char *doc_outline(const folio_doc *doc);

/* The plain text of a node: text and code literals, soft breaks as
 * spaces. Malloc'd. */
char *node_text(const folio_node *node);
/* The index-th child of parent (from 0), or NULL. */
folio_node *child_at(const folio_node *parent, size_t index);
size_t child_count(const folio_node *parent);
/* Number of nodes of type in the subtree. */
size_t count_type(const folio_node *root, folio_node_type type);

/* The title in the document's metadata, or NULL. */
const char *doc_title(const folio_doc *doc);

/* Test cases of each file. */
TCase *decode_tcase(void);
TCase *probe_tcase(void);
TCase *infer_tcase(void);
TCase *write_tcase(void);
TCase *samples_tcase(void);

#endif
