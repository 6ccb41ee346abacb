/*
 * folio_test: what the Check suites share. Running a suite, loading the
 * build tree's plugins, and reading, writing and converting with a format
 * while asserting success.
 *
 * Every function that "asserts" fails the running Check test (through
 * ck_assert_msg or ck_abort_msg, which end the test at once) instead of
 * returning an error, so callers need no error paths. They are meant for
 * test bodies and Check fixtures only.
 *
 * Ownership: what a function returns is the caller's unless said
 * otherwise; arguments are borrowed and never freed.
 */
#ifndef FOLIO_TEST_H
#define FOLIO_TEST_H

#include <folio/folio.h>

#include <check.h>
#include <stdbool.h>
#include <stddef.h>

/* Runs every test of suite with CK_NORMAL output, then frees the runner
 * (and with it the suite). Returns EXIT_SUCCESS when no test failed,
 * EXIT_FAILURE otherwise: main() returns it as it is. */
int folio_test_run(Suite *suite);

/* A registry over the build tree's plugin folder (FOLIO_TEST_PLUGIN_DIR);
 * nothing is loaded yet. Aborts the test when it cannot be made. The
 * caller frees it with folio_registry_free. */
folio_registry *folio_test_registry(void);

/* The format called name (or an alias) that has the role (FOLIO_ROLE_ANY
 * for any), loaded if needed. Aborts the test, with the registry's
 * message, when there is none. The format belongs to the registry and
 * lives as long as it does. */
const folio_format *folio_test_format(folio_registry *registry,
                                      const char *name, folio_role role);

/* Options from name/value pairs ending with NULL (a lone NULL: none),
 * each set with folio_options_set, which must accept it. The caller frees
 * them with folio_options_free. */
folio_options *folio_test_options(const char *name, ...);

/* Reads len bytes of data with reader (options may be NULL), asserting
 * that it succeeds and that the document passes folio_doc_check: every
 * reader's output must. The caller frees the document with
 * folio_doc_free. */
folio_doc *folio_test_read(const folio_format *reader, const char *data,
                           size_t len, const folio_options *options);

/* Reads len bytes of data with reader, asserting that it fails with code,
 * that the error carries that code and that no document is left. Returns
 * the error, for the test to check its message and position. */
folio_error folio_test_read_fails(const folio_format *reader,
                                  const char *data, size_t len,
                                  const folio_options *options,
                                  folio_status code);

/* Writes doc with writer to a buffer sink, without asserting success:
 * *status (required) gets the writer's status and *err (required) its
 * error. Returns a malloc'd NUL-terminated copy of the output, its length
 * in *len (may be NULL), when the status is FOLIO_OK; NULL otherwise. The
 * caller frees the copy. Aborts only when out of memory. */
char *folio_test_try_write(const folio_format *writer, const folio_doc *doc,
                           const folio_options *options, size_t *len,
                           folio_status *status, folio_error *err);

/* Like folio_test_try_write, asserting that the writer succeeds: never
 * NULL. The output may hold NUL bytes: *len (may be NULL) is its length.
 * The caller frees it. */
char *folio_test_write(const folio_format *writer, const folio_doc *doc,
                       const folio_options *options, size_t *len);

/* Reads len bytes of data with reader (as folio_test_read, checker
 * included) and writes the document with writer (as folio_test_write);
 * either set of options may be NULL. Returns the malloc'd output, its
 * length in *out_len (may be NULL); the caller frees it. The document in
 * between is freed. */
char *folio_test_convert(const folio_format *reader,
                         const folio_format *writer, const char *data,
                         size_t len, const folio_options *read_options,
                         const folio_options *write_options,
                         size_t *out_len);

/* The bytes of a file of the project's samples folder (FOLIO_SAMPLES_DIR),
 * by its path relative to it, at most FOLIO_DEFAULT_MAX_INPUT_SIZE.
 * Aborts the test when it cannot be read. Returns a malloc'd
 * NUL-terminated copy, its length in *len (required); the caller frees
 * it. */
char *folio_test_sample(const char *relative, size_t *len);

/* Builds a tree top-down in tests: a new node of type appended to parent
 * (asserting both steps), owned by parent's document. */
folio_node *folio_test_add(folio_node *parent, folio_node_type type);

/* Switches LC_NUMERIC to a locale whose decimal point is ",", as a host
 * may run with; false (with a note on stderr) when the machine has none,
 * and the test has nothing to check. */
bool folio_test_use_comma_locale(void);

/* The same for a text node holding text (NUL-terminated). */
folio_node *folio_test_add_text(folio_node *parent, const char *text);

#endif
