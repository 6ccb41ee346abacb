/* Metadata: typed values, ordered maps, and the no-cycle rule. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <folio/folio.h>

#include "folio_test.h"

static folio_doc *doc;

static void setup(void)
{
    doc = folio_doc_new();
    ck_assert_ptr_nonnull(doc);
}

static void teardown(void)
{
    folio_doc_free(doc);
}

START_TEST(test_scalars_keep_type_and_value)
{
    folio_value *values[] = {
        folio_value_new_null(doc),       folio_value_new_bool(doc, true),
        folio_value_new_int(doc, INT64_MIN), folio_value_new_float(doc, 0.1),
        folio_value_new_string(doc, "a\0b", 3),
    };
    folio_value_type types[] = {FOLIO_VALUE_NULL, FOLIO_VALUE_BOOL,
                                FOLIO_VALUE_INT, FOLIO_VALUE_FLOAT,
                                FOLIO_VALUE_STRING};
    for (size_t i = 0; i < 5; i++)
        ck_assert_int_eq(folio_value_get_type(values[i]), types[i]);
    ck_assert(folio_value_bool(values[1]));
    ck_assert(folio_value_int(values[2]) == INT64_MIN);
    ck_assert(folio_value_float(values[3]) == 0.1);
    size_t len;
    ck_assert_mem_eq(folio_value_string(values[4], &len), "a\0b", 3);
    ck_assert_uint_eq(len, 3);
    /* Getters of another type give neutral values. */
    ck_assert(!folio_value_bool(values[2]));
    ck_assert(folio_value_int(values[4]) == 0);
    ck_assert_ptr_null(folio_value_string(values[1], NULL));
    ck_assert_str_eq(folio_value_type_name(FOLIO_VALUE_MAP), "map");
}
END_TEST

START_TEST(test_map_keeps_insertion_order_and_replaces_in_place)
{
    const char *keys[] = {"title", "date", "author", "tags"};
    for (size_t i = 0; i < 4; i++)
        ck_assert_int_eq(folio_meta_set_string(doc, keys[i], keys[i],
                                               strlen(keys[i]), NULL),
                         FOLIO_OK);
    ck_assert_int_eq(folio_meta_set(doc, "date",
                                    folio_value_new_int(doc, 2025), NULL),
                     FOLIO_OK);
    folio_value *meta = folio_doc_meta(doc);
    ck_assert_uint_eq(folio_value_count(meta), 4);
    for (size_t i = 0; i < 4; i++)
        ck_assert_str_eq(folio_value_map_key(meta, i, NULL), keys[i]);
    ck_assert(folio_value_int(folio_meta_get(doc, "date")) == 2025);
    ck_assert_str_eq(folio_meta_get_string(doc, "author"), "author");
    ck_assert_ptr_null(folio_meta_get_string(doc, "date"));
    ck_assert_ptr_null(folio_meta_get(doc, "missing"));
    ck_assert(folio_value_map_remove(meta, "date", 4));
    ck_assert(!folio_value_map_remove(meta, "date", 4));
    ck_assert_str_eq(folio_value_map_key(meta, 1, NULL), "author");
    ck_assert_uint_eq(folio_value_count(meta), 3);
}
END_TEST

START_TEST(test_large_maps_find_every_key)
{
    enum { KEYS = 20000 };
    folio_value *map = folio_doc_meta(doc);
    char key[32];
    for (int i = 0; i < KEYS; i++) {
        int n = snprintf(key, sizeof key, "key-%d", i);
        ck_assert_int_eq(folio_value_map_set(map, key, (size_t)n,
                                             folio_value_new_int(doc, i),
                                             NULL),
                         FOLIO_OK);
    }
    for (int i = 0; i < KEYS; i += 7) {
        int n = snprintf(key, sizeof key, "key-%d", i);
        folio_value *value = folio_value_map_get(map, key, (size_t)n);
        ck_assert_ptr_nonnull(value);
        ck_assert(folio_value_int(value) == i);
    }
    ck_assert(folio_value_map_remove(map, "key-5", 5));
    ck_assert_ptr_null(folio_value_map_get(map, "key-5", 5));
    ck_assert(folio_value_int(folio_value_map_get(map, "key-6", 5)) == 6);
    ck_assert_str_eq(folio_value_map_key(map, 5, NULL), "key-6");
}
END_TEST

START_TEST(test_values_are_placed_once_and_never_in_themselves)
{
    folio_value *outer = folio_value_new_list(doc);
    folio_value *inner = folio_value_new_map(doc);
    folio_error err;
    ck_assert_int_eq(folio_value_list_append(outer, inner, &err), FOLIO_OK);
    ck_assert_int_eq(folio_value_list_append(outer, inner, &err),
                     FOLIO_ERR_TREE);
    ck_assert_int_eq(folio_value_map_set(inner, "self", 4, outer, &err),
                     FOLIO_ERR_TREE);
    ck_assert_int_eq(folio_value_list_append(outer, outer, &err),
                     FOLIO_ERR_TREE);
    ck_assert_int_eq(folio_value_list_append(outer, folio_doc_meta(doc), &err),
                     FOLIO_ERR_TREE);
    ck_assert_int_eq(folio_value_list_append(inner, folio_value_new_null(doc),
                                             &err),
                     FOLIO_ERR_ARGUMENT);
    ck_assert_int_eq(folio_meta_set(doc, "nested", outer, &err), FOLIO_OK);
    ck_assert_int_eq(folio_doc_check(doc, &err), FOLIO_OK);
    /* A replaced value is free to be placed again. */
    folio_value *first = folio_value_new_int(doc, 1);
    folio_meta_set(doc, "n", first, NULL);
    folio_meta_set(doc, "n", folio_value_new_int(doc, 2), NULL);
    ck_assert_int_eq(folio_value_list_append(outer, first, &err), FOLIO_OK);
    ck_assert_uint_eq(folio_value_count(outer), 2);
    ck_assert_ptr_eq(folio_value_list_get(outer, 1), first);
    ck_assert_ptr_null(folio_value_list_get(outer, 2));
}
END_TEST

START_TEST(test_checker_walks_deep_metadata)
{
    folio_value *parent = folio_doc_meta(doc);
    for (int i = 0; i < 100000; i++) {
        folio_value *child = folio_value_new_list(doc);
        if (folio_value_get_type(parent) == FOLIO_VALUE_MAP)
            folio_value_map_set(parent, "deep", 4, child, NULL);
        else
            folio_value_list_append(parent, child, NULL);
        parent = child;
    }
    folio_value_list_append(parent, folio_value_new_string(doc, "\xff", 1),
                            NULL);
    folio_error err;
    ck_assert_int_eq(folio_doc_check(doc, &err), FOLIO_ERR_TREE);
    ck_assert_ptr_nonnull(strstr(err.message, "UTF-8"));
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("meta");
    TCase *tc = tcase_create("meta");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_scalars_keep_type_and_value);
    tcase_add_test(tc, test_map_keeps_insertion_order_and_replaces_in_place);
    tcase_add_test(tc, test_large_maps_find_every_key);
    tcase_add_test(tc, test_values_are_placed_once_and_never_in_themselves);
    tcase_add_test(tc, test_checker_walks_deep_metadata);
    suite_add_tcase(suite, tc);
    return folio_test_run(suite);
}
