/*
 * Shared by the markdown plugin's Check tests: the plugin is loaded through
 * the registry, as any host loads it.
 */
#ifndef FOLIO_MD_TEST_H
#define FOLIO_MD_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <folio/doc.h>
#include <folio/error.h>
#include <folio/meta.h>
#include <folio/node.h>
#include <folio/options.h>
#include <folio/registry.h>
#include <folio/sink.h>

#include "tree_compare.h"

/* Loads the plugins once; NULL for a format that is not built. */
const folio_format *md_test_format(const char *name);

/* Reads text with the format, options given as "name=value" strings
 * (NULL-terminated list, or NULL). Returns the status; *doc is NULL on
 * failure. The document is checked with folio_doc_check. */
folio_status md_test_read(const char *format, const char *text, size_t len,
                          const char *const *options, folio_doc **doc,
                          folio_error *err);

/* Reads text (NUL-terminated) as Markdown, which must succeed. */
folio_doc *md_test_read_ok(const char *text);

/* Writes doc with the format; returns a malloc'd NUL-terminated string
 * (length in *len if not NULL), or NULL with *err filled. */
char *md_test_write(const char *format, const folio_doc *doc,
                    const char *const *options, size_t *len,
                    folio_error *err);

/* Writes doc as Markdown, which must succeed. */
char *md_test_write_ok(const folio_doc *doc);

/* md read and written back as Markdown (malloc'd). */
char *md_test_rewrite(const char *md);

/* md -> md gives expected, which reads back as the same tree and is a
 * fixed point: written again, it stays the same. */
void md_test_assert_rewrites_to(const char *md, const char *expected);

/* Reads a file of the test data folder; malloc'd, NUL-terminated. */
char *md_test_data(const char *name, size_t *len);

#endif
