/* Private: output names for a batch, from the input path or a template. */
#ifndef FOLIO_CORE_BATCH_NAMING_H
#define FOLIO_CORE_BATCH_NAMING_H

#include <stdbool.h>

#include <folio/doc.h>
#include <folio/error.h>

typedef struct name_template name_template;

/* Parses a template (syntax in folio/batch.h). */
folio_status name_template_parse(const char *text, name_template **out,
                                 folio_error *err);
void name_template_free(name_template *pattern);

/* Whether expanding needs the document's metadata. */
bool name_template_needs_metadata(const name_template *pattern);

/*
 * The output path, relative to the output folder, for the input at
 * input_relative: the template's expansion (or, with pattern NULL,
 * the input path without its extension), made safe (see
 * name_make_safe), with "." and extension appended. *out is malloc'd.
 * doc may be NULL when no metadata is needed. FOLIO_ERR_NOT_FOUND when the
 * metadata lacks a key the template names.
 */
folio_status name_output_path(const name_template *pattern,
                              const folio_doc *doc, const char *input_relative,
                              const char *extension, char **out,
                              folio_error *err);

/* Rewrites path in place so it stays inside its folder: no leading '/', no
 * empty, "." or ".." components, no component starting with '.', no
 * control characters or backslashes, components of at most 240 bytes. An
 * empty result becomes "untitled". */
void name_make_safe(char *path);

/* A slug of text (len bytes): lower-case ASCII letters and digits, common
 * accented Latin letters without their accents, other letters kept, every
 * other run of characters one '-'; at most 80 bytes; malloc'd. */
char *name_slug(const char *text, size_t len);

#endif
