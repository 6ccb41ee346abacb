/*
 * folio/meta.h: metadata, as typed values.
 *
 * A document's metadata (folio_doc_meta) is a map of typed values, keys in
 * the order the source gave them: what YAML front matter, HTML <meta> tags
 * or a JSON "meta" object hold. Values are null, bool, integer, float,
 * string, list or map, nested to any depth.
 *
 * Values are created from a document and owned by it, like nodes: they are
 * freed with the document. A value may be placed in one container only;
 * placing it in a second one, or inside itself, is refused with
 * FOLIO_ERR_TREE, so metadata is always a tree and never a cycle.
 * Strings are copied in and may contain NUL; getters return borrowed,
 * NUL-terminated strings with their length.
 */
#ifndef FOLIO_META_H
#define FOLIO_META_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <folio/doc.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Values are part of the ABI: new types are only ever appended. */
typedef enum folio_value_type {
    FOLIO_VALUE_NULL = 0,
    FOLIO_VALUE_BOOL = 1,
    FOLIO_VALUE_INT = 2,
    FOLIO_VALUE_FLOAT = 3,
    FOLIO_VALUE_STRING = 4,
    FOLIO_VALUE_LIST = 5,
    FOLIO_VALUE_MAP = 6
} folio_value_type;

/* "null", "bool", "int", "float", "string", "list", "map". Static. */
FOLIO_API const char *folio_value_type_name(folio_value_type type);

/* ---- Creating (NULL when out of memory; owned by doc) ------------------- */

FOLIO_API folio_value *folio_value_new_null(folio_doc *doc);
FOLIO_API folio_value *folio_value_new_bool(folio_doc *doc, bool b);
FOLIO_API folio_value *folio_value_new_int(folio_doc *doc, int64_t i);
FOLIO_API folio_value *folio_value_new_float(folio_doc *doc, double d);
FOLIO_API folio_value *folio_value_new_string(folio_doc *doc, const char *s,
                                              size_t len);
FOLIO_API folio_value *folio_value_new_list(folio_doc *doc);
FOLIO_API folio_value *folio_value_new_map(folio_doc *doc);

/* ---- Reading ------------------------------------------------------------ */

FOLIO_API folio_value_type folio_value_get_type(const folio_value *value);

/* Each returns a neutral value (false, 0, 0.0, NULL) for another type. */
FOLIO_API bool folio_value_bool(const folio_value *value);
FOLIO_API int64_t folio_value_int(const folio_value *value);
FOLIO_API double folio_value_float(const folio_value *value);
FOLIO_API const char *folio_value_string(const folio_value *value,
                                         size_t *len);

/* Number of items of a list or entries of a map; 0 for other types. */
FOLIO_API size_t folio_value_count(const folio_value *value);

/* List item / map entry at index (from 0, in order), borrowed; NULL when out
 * of range or not a list / map. */
FOLIO_API folio_value *folio_value_list_get(const folio_value *list,
                                            size_t index);
FOLIO_API const char *folio_value_map_key(const folio_value *map,
                                          size_t index, size_t *len);
FOLIO_API folio_value *folio_value_map_value(const folio_value *map,
                                             size_t index);

/* The value under key (len bytes), borrowed, or NULL. Constant time on
 * average whatever the map's size. */
FOLIO_API folio_value *folio_value_map_get(const folio_value *map,
                                           const char *key, size_t len);

/* ---- Changing ----------------------------------------------------------- */

/* Appends item to list. item must be detached and from the same document. */
FOLIO_API folio_status folio_value_list_append(folio_value *list,
                                               folio_value *item,
                                               folio_error *err);

/* Sets key to value in map: a new key goes last; an existing key keeps its
 * place and its old value is detached. The key is copied. */
FOLIO_API folio_status folio_value_map_set(folio_value *map, const char *key,
                                           size_t len, folio_value *value,
                                           folio_error *err);

/* Removes key from map if present (the order of the others is kept).
 * Returns whether it was there. */
FOLIO_API bool folio_value_map_remove(folio_value *map, const char *key,
                                      size_t len);

/* ---- Shortcuts on a document's metadata --------------------------------- */

/* folio_value_map_get(folio_doc_meta(doc), key, strlen(key)). */
FOLIO_API folio_value *folio_meta_get(const folio_doc *doc, const char *key);

/* The string under key, or NULL when absent or not a string. */
FOLIO_API const char *folio_meta_get_string(const folio_doc *doc,
                                            const char *key);

/* Sets key (NUL-terminated) to a copy of the string s (len bytes). */
FOLIO_API folio_status folio_meta_set_string(folio_doc *doc, const char *key,
                                             const char *s, size_t len,
                                             folio_error *err);

/* Sets key (NUL-terminated) to value, as folio_value_map_set. */
FOLIO_API folio_status folio_meta_set(folio_doc *doc, const char *key,
                                      folio_value *value, folio_error *err);

#ifdef __cplusplus
}
#endif
#endif
