/* Metadata values: scalars, lists and insertion-ordered maps. */
#include <folio/meta.h>

#include <stdint.h>
#include <string.h>

#include "internal.h"

enum { MAP_INDEX_THRESHOLD = 8 };

static const char *const value_type_names[] = {
    "null", "bool", "int", "float", "string", "list", "map"};

const char *folio_value_type_name(folio_value_type type)
{
    return (unsigned)type <= FOLIO_VALUE_MAP ? value_type_names[type]
                                             : "unknown";
}

static folio_value *value_new(folio_doc *doc, folio_value_type type)
{
    folio_value *value = folio_doc_alloc(doc, sizeof *value);
    if (value != NULL) {
        value->doc = doc;
        value->type = type;
    }
    return value;
}

folio_value *folio_value_new_null(folio_doc *doc)
{
    return value_new(doc, FOLIO_VALUE_NULL);
}

folio_value *folio_value_new_bool(folio_doc *doc, bool b)
{
    folio_value *value = value_new(doc, FOLIO_VALUE_BOOL);
    if (value != NULL)
        value->as.boolean = b;
    return value;
}

folio_value *folio_value_new_int(folio_doc *doc, int64_t i)
{
    folio_value *value = value_new(doc, FOLIO_VALUE_INT);
    if (value != NULL)
        value->as.integer = i;
    return value;
}

folio_value *folio_value_new_float(folio_doc *doc, double d)
{
    folio_value *value = value_new(doc, FOLIO_VALUE_FLOAT);
    if (value != NULL)
        value->as.real = d;
    return value;
}

folio_value *folio_value_new_string(folio_doc *doc, const char *s, size_t len)
{
    folio_value *value = value_new(doc, FOLIO_VALUE_STRING);
    if (value != NULL && !folio_text_copy(doc, s, len, &value->as.string))
        return NULL;
    return value;
}

folio_value *folio_value_new_list(folio_doc *doc)
{
    return value_new(doc, FOLIO_VALUE_LIST);
}

folio_value *folio_value_new_map(folio_doc *doc)
{
    return value_new(doc, FOLIO_VALUE_MAP);
}

folio_value_type folio_value_get_type(const folio_value *value)
{
    return value->type;
}

bool folio_value_bool(const folio_value *value)
{
    return value->type == FOLIO_VALUE_BOOL && value->as.boolean;
}

int64_t folio_value_int(const folio_value *value)
{
    return value->type == FOLIO_VALUE_INT ? value->as.integer : 0;
}

double folio_value_float(const folio_value *value)
{
    return value->type == FOLIO_VALUE_FLOAT ? value->as.real : 0.0;
}

const char *folio_value_string(const folio_value *value, size_t *len)
{
    if (value->type != FOLIO_VALUE_STRING) {
        if (len != NULL)
            *len = 0;
        return NULL;
    }
    if (len != NULL)
        *len = value->as.string.len;
    return value->as.string.data;
}

static bool is_container(const folio_value *value)
{
    return value->type == FOLIO_VALUE_LIST || value->type == FOLIO_VALUE_MAP;
}

size_t folio_value_count(const folio_value *value)
{
    return is_container(value) ? value->as.container.count : 0;
}

folio_value *folio_value_list_get(const folio_value *list, size_t index)
{
    if (list->type != FOLIO_VALUE_LIST || index >= list->as.container.count)
        return NULL;
    return ((folio_value **)list->as.container.items)[index];
}

static folio_map_entry *map_entries(const folio_value *map)
{
    return map->as.container.items;
}

const char *folio_value_map_key(const folio_value *map, size_t index,
                                size_t *len)
{
    if (map->type != FOLIO_VALUE_MAP || index >= map->as.container.count) {
        if (len != NULL)
            *len = 0;
        return NULL;
    }
    const folio_map_entry *entry = &map_entries(map)[index];
    if (len != NULL)
        *len = entry->key.len;
    return entry->key.data;
}

folio_value *folio_value_map_value(const folio_value *map, size_t index)
{
    if (map->type != FOLIO_VALUE_MAP || index >= map->as.container.count)
        return NULL;
    return map_entries(map)[index].value;
}

/* FNV-1a: small keys, no adversary worth a keyed hash in a bounded map. */
static size_t key_hash(const char *key, size_t len)
{
    uint64_t hash = 14695981039346656037ULL;
    for (size_t i = 0; i < len; i++) {
        hash ^= (unsigned char)key[i];
        hash *= 1099511628211ULL;
    }
    return (size_t)hash;
}

static bool key_equals(const folio_text *key, const char *s, size_t len)
{
    return key->len == len && memcmp(key->data, s, len) == 0;
}

/* Position of key in the map's entries, or SIZE_MAX. */
static size_t map_find(const folio_value *map, const char *key, size_t len)
{
    const folio_map_entry *entries = map_entries(map);
    size_t count = map->as.container.count;
    if (map->as.container.index == NULL) {
        for (size_t i = 0; i < count; i++)
            if (key_equals(&entries[i].key, key, len))
                return i;
        return SIZE_MAX;
    }
    size_t mask = map->as.container.index_size - 1;
    for (size_t slot = key_hash(key, len) & mask;;
         slot = (slot + 1) & mask) {
        size_t stored = map->as.container.index[slot];
        if (stored == 0)
            return SIZE_MAX;
        if (key_equals(&entries[stored - 1].key, key, len))
            return stored - 1;
    }
}

static void index_insert(folio_value *map, size_t position)
{
    const folio_text *key = &map_entries(map)[position].key;
    size_t mask = map->as.container.index_size - 1;
    size_t slot = key_hash(key->data, key->len) & mask;
    while (map->as.container.index[slot] != 0)
        slot = (slot + 1) & mask;
    map->as.container.index[slot] = position + 1;
}

/* (Re)builds the index with room for at least twice the entries, keeping
 * the load factor at or below one half. */
static bool index_rebuild(folio_value *map, size_t capacity)
{
    size_t size = 16;
    while (size < capacity * 2)
        size *= 2;
    size_t *index = folio_doc_alloc(map->doc, size * sizeof *index);
    if (index == NULL)
        return false;
    map->as.container.index = index;
    map->as.container.index_size = size;
    for (size_t i = 0; i < map->as.container.count; i++)
        index_insert(map, i);
    return true;
}

folio_value *folio_value_map_get(const folio_value *map, const char *key,
                                 size_t len)
{
    if (map->type != FOLIO_VALUE_MAP)
        return NULL;
    size_t position = map_find(map, key, len);
    return position == SIZE_MAX ? NULL : map_entries(map)[position].value;
}

/* Makes room for one more item of item_size bytes. */
static bool container_reserve(folio_value *container, size_t item_size)
{
    size_t count = container->as.container.count;
    if (count < container->as.container.capacity)
        return true;
    size_t capacity = count == 0 ? 4 : count * 2;
    if (capacity > SIZE_MAX / item_size)
        return false;
    void *items = folio_doc_alloc(container->doc, capacity * item_size);
    if (items == NULL)
        return false;
    if (count > 0)
        memcpy(items, container->as.container.items, count * item_size);
    container->as.container.items = items;
    container->as.container.capacity = capacity;
    return true;
}

static folio_status check_placeable(const folio_value *container,
                                    const folio_value *item,
                                    folio_value_type expected,
                                    folio_error *err)
{
    if (container->type != expected)
        return folio_error_set(err, FOLIO_ERR_ARGUMENT, "%s %s is not a %s",
                               folio_article(folio_value_type_name(container->type)),
                               folio_value_type_name(container->type),
                               folio_value_type_name(expected));
    if (item->doc != container->doc)
        return folio_error_set(err, FOLIO_ERR_TREE,
                               "a value cannot be placed in another document");
    if (item->parent != NULL || item->is_root)
        return folio_error_set(err, FOLIO_ERR_TREE,
                               "a value can be placed in one place only");
    /* Only a non-empty item can be an ancestor of the container, so
     * building top-down never walks up. */
    const folio_value *v = folio_value_count(item) > 0 ? container : NULL;
    if (item == container)
        v = container;
    for (; v != NULL; v = v->parent)
        if (v == item)
            return folio_error_set(err, FOLIO_ERR_TREE,
                                   "a value cannot be placed inside itself");
    return FOLIO_OK;
}

folio_status folio_value_list_append(folio_value *list, folio_value *item,
                                     folio_error *err)
{
    folio_status status = check_placeable(list, item, FOLIO_VALUE_LIST, err);
    if (status != FOLIO_OK)
        return status;
    if (!container_reserve(list, sizeof(folio_value *)))
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    ((folio_value **)list->as.container.items)[list->as.container.count++] =
        item;
    item->parent = list;
    return FOLIO_OK;
}

folio_status folio_value_map_set(folio_value *map, const char *key,
                                 size_t len, folio_value *value,
                                 folio_error *err)
{
    folio_status status = check_placeable(map, value, FOLIO_VALUE_MAP, err);
    if (status != FOLIO_OK)
        return status;
    size_t position = map_find(map, key, len);
    if (position != SIZE_MAX) {
        folio_map_entry *entry = &map_entries(map)[position];
        entry->value->parent = NULL;
        entry->value = value;
        value->parent = map;
        return FOLIO_OK;
    }
    folio_text copy;
    if (!folio_text_copy(map->doc, key, len, &copy) ||
        !container_reserve(map, sizeof(folio_map_entry)))
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    position = map->as.container.count++;
    map_entries(map)[position] = (folio_map_entry){copy, value};
    value->parent = map;
    size_t count = map->as.container.count;
    if (map->as.container.index != NULL &&
        count * 2 <= map->as.container.index_size)
        index_insert(map, position);
    else if (count > MAP_INDEX_THRESHOLD && !index_rebuild(map, count)) {
        /* The entry is in; only the index is missing, so fall back to
         * linear search rather than fail. */
        map->as.container.index = NULL;
        map->as.container.index_size = 0;
    }
    return FOLIO_OK;
}

bool folio_value_map_remove(folio_value *map, const char *key, size_t len)
{
    if (map->type != FOLIO_VALUE_MAP)
        return false;
    size_t position = map_find(map, key, len);
    if (position == SIZE_MAX)
        return false;
    folio_map_entry *entries = map_entries(map);
    entries[position].value->parent = NULL;
    size_t count = --map->as.container.count;
    memmove(&entries[position], &entries[position + 1],
            (count - position) * sizeof *entries);
    if (map->as.container.index != NULL) {
        memset(map->as.container.index, 0,
               map->as.container.index_size * sizeof(size_t));
        for (size_t i = 0; i < count; i++)
            index_insert(map, i);
    }
    return true;
}

folio_value *folio_meta_get(const folio_doc *doc, const char *key)
{
    return folio_value_map_get(doc->meta, key, strlen(key));
}

const char *folio_meta_get_string(const folio_doc *doc, const char *key)
{
    const folio_value *value = folio_meta_get(doc, key);
    return value != NULL ? folio_value_string(value, NULL) : NULL;
}

folio_status folio_meta_set(folio_doc *doc, const char *key,
                            folio_value *value, folio_error *err)
{
    return folio_value_map_set(doc->meta, key, strlen(key), value, err);
}

folio_status folio_meta_set_string(folio_doc *doc, const char *key,
                                   const char *s, size_t len,
                                   folio_error *err)
{
    folio_value *value = folio_value_new_string(doc, s, len);
    if (value == NULL)
        return folio_error_set(err, FOLIO_ERR_NOMEM, "out of memory");
    return folio_meta_set(doc, key, value, err);
}
