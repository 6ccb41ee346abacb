/* Front matter: YAML 1.1 typing, hostile strings, aliases, errors. */
#include <check.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio_test.h"
#include "md_test.h"

static folio_value *meta_get(const folio_doc *doc, const char *key)
{
    folio_value *value = folio_meta_get(doc, key);
    ck_assert_msg(value != NULL, "no key '%s'", key);
    return value;
}

static void assert_string(const folio_doc *doc, const char *key,
                          const char *expected)
{
    folio_value *value = meta_get(doc, key);
    ck_assert_msg(folio_value_get_type(value) == FOLIO_VALUE_STRING,
                  "'%s' is a %s, not a string", key,
                  folio_value_type_name(folio_value_get_type(value)));
    ck_assert_str_eq(folio_value_string(value, NULL), expected);
}

static void assert_type(const folio_doc *doc, const char *key,
                        folio_value_type type)
{
    folio_value *value = meta_get(doc, key);
    ck_assert_msg(folio_value_get_type(value) == type, "'%s' is a %s, not a %s",
                  key, folio_value_type_name(folio_value_get_type(value)),
                  folio_value_type_name(type));
}

static folio_status read_fails(const char *text, const char *const *options,
                               folio_error *err)
{
    folio_doc *doc;
    folio_status st =
        md_test_read("markdown", text, strlen(text), options, &doc, err);
    ck_assert_msg(st != FOLIO_OK, "'%s' was read", text);
    return st;
}

START_TEST(test_scalars_are_typed_as_yaml_1_1)
{
    folio_doc *doc = md_test_read_ok(
        "---\n"
        "s: hello world\n"
        "null1: ~\n"
        "null2: Null\n"
        "null3:\n"
        "bool1: yes\n"
        "bool2: Off\n"
        "bool3: TRUE\n"
        "bool4: n\n"
        "int1: 42\n"
        "int2: -0x1F\n"
        "int3: 017\n"
        "int4: +1_000\n"
        "int5: 0b101\n"
        "int6: 1:30\n"
        "int7: 9223372036854775807\n"
        "big: 9223372036854775808\n"
        "octal12: 0o17\n"
        "float1: 3.25\n"
        "float2: -.inf\n"
        "float3: .nan\n"
        "float4: 1.0e+3\n"
        "float5: .5\n"
        "sci: 1e3\n"
        "quoted1: \"yes\"\n"
        "quoted2: '42'\n"
        "tag1: !!str 42\n"
        "tag2: !!float 1\n"
        "tag3: ! 12\n"
        "date: 2025-06-16\n"
        "time: 2025-06-16T05:01:56\n"
        "version: 0.30\n"
        "---\n"
        "Body.\n");
    assert_string(doc, "s", "hello world");
    assert_type(doc, "null1", FOLIO_VALUE_NULL);
    assert_type(doc, "null2", FOLIO_VALUE_NULL);
    assert_type(doc, "null3", FOLIO_VALUE_NULL);
    assert_type(doc, "bool1", FOLIO_VALUE_BOOL);
    ck_assert(folio_value_bool(meta_get(doc, "bool1")));
    ck_assert(!folio_value_bool(meta_get(doc, "bool2")));
    ck_assert(folio_value_bool(meta_get(doc, "bool3")));
    assert_string(doc, "bool4", "n");
    ck_assert(folio_value_int(meta_get(doc, "int1")) == 42);
    ck_assert(folio_value_int(meta_get(doc, "int2")) == -31);
    ck_assert(folio_value_int(meta_get(doc, "int3")) == 15);
    ck_assert(folio_value_int(meta_get(doc, "int4")) == 1000);
    ck_assert(folio_value_int(meta_get(doc, "int5")) == 5);
    ck_assert(folio_value_int(meta_get(doc, "int6")) == 90);
    ck_assert(folio_value_int(meta_get(doc, "int7")) == INT64_MAX);
    assert_string(doc, "big", "9223372036854775808");
    assert_string(doc, "octal12", "0o17");
    assert_type(doc, "float1", FOLIO_VALUE_FLOAT);
    ck_assert(folio_value_float(meta_get(doc, "float1")) == 3.25);
    ck_assert(folio_value_float(meta_get(doc, "float2")) == -INFINITY);
    ck_assert(isnan(folio_value_float(meta_get(doc, "float3"))));
    ck_assert(folio_value_float(meta_get(doc, "float4")) == 1000.0);
    ck_assert(folio_value_float(meta_get(doc, "float5")) == 0.5);
    assert_string(doc, "sci", "1e3");
    assert_string(doc, "quoted1", "yes");
    assert_string(doc, "quoted2", "42");
    assert_string(doc, "tag1", "42");
    assert_type(doc, "tag2", FOLIO_VALUE_FLOAT);
    assert_string(doc, "tag3", "12");
    assert_string(doc, "date", "2025-06-16");
    assert_string(doc, "time", "2025-06-16T05:01:56");
    assert_type(doc, "version", FOLIO_VALUE_FLOAT);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_collections_keep_order_and_nesting)
{
    folio_doc *doc = md_test_read_ok("---\n"
                                     "zeta: 1\n"
                                     "alpha:\n"
                                     "  - a\n"
                                     "  - [1, [2, {k: v}]]\n"
                                     "empty_list: []\n"
                                     "empty_map: {}\n"
                                     "middle: {b: 2, a: 1}\n"
                                     "---\n");
    const folio_value *meta = folio_doc_meta(doc);
    const char *keys[] = {"zeta", "alpha", "empty_list", "empty_map",
                          "middle"};
    ck_assert_uint_eq(folio_value_count(meta), 5);
    for (size_t i = 0; i < 5; i++)
        ck_assert_str_eq(folio_value_map_key(meta, i, NULL), keys[i]);
    const folio_value *alpha = meta_get(doc, "alpha");
    ck_assert_uint_eq(folio_value_count(alpha), 2);
    const folio_value *inner = folio_value_list_get(alpha, 1);
    const folio_value *deeper = folio_value_list_get(inner, 1);
    const folio_value *map = folio_value_list_get(deeper, 1);
    ck_assert_str_eq(
        folio_value_string(folio_value_map_get(map, "k", 1), NULL), "v");
    ck_assert_uint_eq(folio_value_count(meta_get(doc, "empty_list")), 0);
    assert_type(doc, "empty_map", FOLIO_VALUE_MAP);
    ck_assert_str_eq(folio_value_map_key(meta_get(doc, "middle"), 0, NULL),
                     "b");
    folio_doc_free(doc);
}
END_TEST

/* Strings that a careless writer turns into something else. */
static const char *const hostile[] = {
    "Big News: a colon",  "a #hash",       "#tag",         "- dash",
    "-",                  "?",             ":",            "'single'",
    "\"double\"",         "it's",          "multi\nline",  "trailing\n",
    "two trailing\n\n",   "\nleading",     " leading space",
    "trailing space ",    " ",             "",             "yes",
    "no",                 "Yes",           "NO",           "on",
    "Off",                "y",             "n",            "true",
    "False",              "null",          "Null",         "~",
    "0.30",               "1e3",           "1E3",          "0x1F",
    "012",                "0o17",          "1_000",        "12:30",
    ".5",                 ".inf",          "-.inf",        ".nan",
    "+1",                 "-0",            "2025-06-16",   "2025-06-16T05:01:56",
    "non-ASCII: é ü 日本 🎉", "tab\there",  "control\x01",  "bell\x07",
    "---",                "...",           "--- x",        "[a, b]",
    "{a: b}",             "*star",         "&anchor",      "!tag",
    "|",                  ">",             "%percent",     "@at",
    "`tick",              "=",             "<<",           "a: b\nc: d",
    "back\\slash",        "  indented\nlines\n  more",      "line \nspace",
    "\xc2\x85next line",  "\xe2\x80\xa8separator",           "\xef\xbb\xbf" "bom",
    NULL,
};

START_TEST(test_hostile_strings_survive_a_round_trip)
{
    folio_doc *doc = folio_doc_new();
    for (size_t i = 0; hostile[i] != NULL; i++) {
        char key[32];
        snprintf(key, sizeof key, "k%zu", i);
        ck_assert_int_eq(folio_meta_set_string(doc, key, hostile[i],
                                               strlen(hostile[i]), NULL),
                         FOLIO_OK);
        /* The same strings as keys. */
        ck_assert_int_eq(folio_value_map_set(
                             folio_doc_meta(doc), hostile[i],
                             strlen(hostile[i]),
                             folio_value_new_int(doc, (int64_t)i), NULL),
                         FOLIO_OK);
    }
    char *md = md_test_write_ok(doc);
    folio_doc *back = md_test_read_ok(md);
    ck_assert_msg(md_test_same_doc(doc, back), "front matter was:\n%s", md);
    char *again = md_test_write_ok(back);
    ck_assert_str_eq(again, md);
    /* Strings that must be quoted are, with the quotes a reader expects. */
    ck_assert_ptr_nonnull(strstr(md, "k31: \"0.30\"\n"));
    ck_assert_ptr_nonnull(strstr(md, "k18: \"yes\"\n"));
    ck_assert_ptr_nonnull(strstr(md, "k0: \"Big News: a colon\"\n"));
    free(again);
    free(md);
    folio_doc_free(back);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_every_value_type_survives_a_round_trip)
{
    folio_doc *doc = folio_doc_new();
    folio_value *list = folio_value_new_list(doc);
    const double floats[] = {0.1,     -0.0,   1e300,   5e-324, 1e20,
                             -2.5e-7, 1.0 / 3, INFINITY, -INFINITY, NAN};
    for (size_t i = 0; i < sizeof floats / sizeof floats[0]; i++)
        folio_value_list_append(list, folio_value_new_float(doc, floats[i]),
                                NULL);
    const int64_t ints[] = {0, -1, INT64_MIN, INT64_MAX, 1000000};
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
        folio_value_list_append(list, folio_value_new_int(doc, ints[i]), NULL);
    folio_value_list_append(list, folio_value_new_bool(doc, true), NULL);
    folio_value_list_append(list, folio_value_new_bool(doc, false), NULL);
    folio_value_list_append(list, folio_value_new_null(doc), NULL);
    folio_value_list_append(list, folio_value_new_list(doc), NULL);
    folio_value_list_append(list, folio_value_new_map(doc), NULL);
    folio_value *map = folio_value_new_map(doc);
    folio_value *nested = folio_value_new_list(doc);
    folio_value_list_append(nested, folio_value_new_string(doc, "deep", 4),
                            NULL);
    folio_value_map_set(map, "inner", 5, nested, NULL);
    folio_value_list_append(list, map, NULL);
    folio_meta_set(doc, "values", list, NULL);
    folio_meta_set(doc, "null", folio_value_new_null(doc), NULL);
    char *md = md_test_write_ok(doc);
    ck_assert_ptr_nonnull(strstr(md, "- 1.0e+20\n"));
    ck_assert_ptr_nonnull(strstr(md, "- 0.1\n"));
    ck_assert_ptr_nonnull(strstr(md, "- -.inf\n"));
    folio_doc *back = md_test_read_ok(md);
    ck_assert_msg(md_test_same_doc(doc, back), "front matter was:\n%s", md);
    free(md);
    folio_doc_free(back);
    folio_doc_free(doc);
}
END_TEST

/* A host may run with a locale whose decimal point is ",": YAML's is not. */
START_TEST(test_floats_ignore_the_locale)
{
    if (!folio_test_use_comma_locale())
        return;
    folio_doc *doc = md_test_read_ok("---\na: 1.5\nb: -2.25e+3\n---\n");
    ck_assert(folio_value_float(meta_get(doc, "a")) == 1.5);
    ck_assert(folio_value_float(meta_get(doc, "b")) == -2250.0);
    char *md = md_test_write_ok(doc);
    ck_assert_str_eq(md, "---\na: 1.5\nb: -2250.0\n---\n");
    setlocale(LC_NUMERIC, "C");
    free(md);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_no_front_matter_without_metadata)
{
    folio_doc *doc = md_test_read_ok("# Title\n");
    char *md = md_test_write_ok(doc);
    ck_assert_str_eq(md, "# Title\n");
    free(md);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_front_matter_only_at_the_start)
{
    /* After a blank line, "---" is a thematic break and the rest a
     * setext heading. */
    folio_doc *doc = md_test_read_ok("\n---\ntitle: x\n---\n");
    ck_assert_uint_eq(folio_value_count(folio_doc_meta(doc)), 0);
    folio_doc_free(doc);
    /* Without a closing fence there is no front matter. */
    doc = md_test_read_ok("---\ntitle: x\n\nbody\n");
    ck_assert_uint_eq(folio_value_count(folio_doc_meta(doc)), 0);
    folio_doc_free(doc);
    /* The front-matter option turns it off. */
    folio_doc *plain;
    folio_error err;
    const char *const off[] = {"front-matter=false", NULL};
    const char *text = "---\nFoo\n---\n";
    ck_assert_int_eq(md_test_read("markdown", text, strlen(text), off, &plain,
                                  &err),
                     FOLIO_OK);
    ck_assert_uint_eq(folio_value_count(folio_doc_meta(plain)), 0);
    folio_node *first = folio_node_first_child(folio_doc_root(plain));
    ck_assert_int_eq(folio_node_get_type(first), FOLIO_NODE_THEMATIC_BREAK);
    folio_doc_free(plain);
}
END_TEST

START_TEST(test_bom_crlf_cr_and_dots_are_accepted)
{
    const char *texts[] = {
        "\xEF\xBB\xBF---\ntitle: T\n---\nBody\n",
        "---\r\ntitle: T\r\n---\r\nBody\r\n",
        "---\rtitle: T\r---\rBody\r",
        "---\ntitle: T\n...\nBody\n",
        "---  \ntitle: T\n---\t\nBody\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        folio_doc *doc = md_test_read_ok(texts[i]);
        assert_string(doc, "title", "T");
        folio_node *para = folio_node_first_child(folio_doc_root(doc));
        ck_assert_int_eq(folio_node_get_type(para), FOLIO_NODE_PARAGRAPH);
        ck_assert_uint_eq(folio_node_position(para).start_line, 4);
        folio_doc_free(doc);
    }
    folio_doc *doc = md_test_read_ok("---\n---\nBody\n");
    ck_assert_uint_eq(folio_value_count(folio_doc_meta(doc)), 0);
    ck_assert_uint_eq(
        folio_node_position(folio_node_first_child(folio_doc_root(doc)))
            .start_line,
        3);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_bad_yaml_is_reported_where_it_is)
{
    folio_error err;
    /* libyaml finds the problem at line 3, column 4 of the file. */
    ck_assert_int_eq(read_fails("---\na: 1\n  b: 2\n---\nBody\n", NULL, &err),
                     FOLIO_ERR_SYNTAX);
    ck_assert_uint_eq(err.line, 3);
    ck_assert_uint_eq(err.column, 4);
    ck_assert_ptr_nonnull(strstr(err.message, "front matter"));
    /* The same after a BOM, CRLF and non-ASCII text: columns in bytes. */
    ck_assert_int_eq(read_fails("\xEF\xBB\xBF---\r\nt: \xC3\xA9\xC3\xA9\r\n"
                                "a: 1\r\n  b: 2\r\n---\r\n",
                                NULL, &err),
                     FOLIO_ERR_SYNTAX);
    ck_assert_uint_eq(err.line, 4);
    ck_assert_uint_eq(err.column, 4);
    ck_assert_int_eq(read_fails("---\ntitle: \"\xC3\xA9 unclosed\n---\n",
                                NULL, &err),
                     FOLIO_ERR_SYNTAX);
    /* Found at the end, with the start of the scalar in the message. */
    ck_assert_uint_eq(err.line, 3);
    ck_assert_ptr_nonnull(strstr(err.message, "(line 2)"));
    ck_assert_int_eq(read_fails("---\nk: [a, b\nbody: x\n---\n", NULL, &err),
                     FOLIO_ERR_SYNTAX);
    ck_assert_uint_ge(err.line, 2);
    ck_assert_uint_le(err.line, 4);
}
END_TEST

START_TEST(test_front_matter_must_be_a_mapping)
{
    folio_error err;
    ck_assert_int_eq(read_fails("---\n- a\n- b\n---\n", NULL, &err),
                     FOLIO_ERR_SYNTAX);
    ck_assert_ptr_nonnull(strstr(err.message, "mapping"));
    ck_assert_uint_eq(err.line, 2);
    ck_assert_int_eq(read_fails("---\njust text\n---\n", NULL, &err),
                     FOLIO_ERR_SYNTAX);
    ck_assert_ptr_nonnull(strstr(err.message, "mapping"));
    ck_assert_int_eq(read_fails("---\n? [a]\n: b\n---\n", NULL, &err),
                     FOLIO_ERR_UNSUPPORTED);
}
END_TEST

START_TEST(test_duplicate_keys_are_refused)
{
    folio_error err;
    ck_assert_int_eq(read_fails("---\ntitle: a\ndate: 1\ntitle: b\n---\n",
                                NULL, &err),
                     FOLIO_ERR_SYNTAX);
    ck_assert_uint_eq(err.line, 4);
    ck_assert_uint_eq(err.column, 1);
    ck_assert_ptr_nonnull(strstr(err.message, "title"));
}
END_TEST

START_TEST(test_aliases_are_copied)
{
    folio_doc *doc = md_test_read_ok("---\n"
                                     "base: &b {x: 1, y: [2, 3]}\n"
                                     "copy: *b\n"
                                     "name: &n Ann\n"
                                     "who: *n\n"
                                     "---\n");
    const folio_value *copy = meta_get(doc, "copy");
    ck_assert_uint_eq(folio_value_count(copy), 2);
    ck_assert(folio_value_int(folio_value_map_get(copy, "x", 1)) == 1);
    ck_assert_ptr_ne(copy, meta_get(doc, "base"));
    assert_string(doc, "who", "Ann");
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_alias_bomb_is_refused)
{
    const char *bomb = "---\n"
                       "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                       "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                       "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                       "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                       "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                       "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
                       "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
                       "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n"
                       "---\n";
    folio_error err;
    ck_assert_int_eq(read_fails(bomb, NULL, &err), FOLIO_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "alias"));
    ck_assert_uint_ge(err.line, 2);
    /* The alias count has its own limit, set by an option. */
    const char *three = "---\nx: &x 1\na: *x\nb: *x\nc: *x\n---\n";
    const char *const two[] = {"max-yaml-aliases=2", NULL};
    ck_assert_int_eq(read_fails(three, two, &err), FOLIO_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "max-yaml-aliases"));
    ck_assert_uint_eq(err.line, 5);
    ck_assert_int_eq(read_fails("---\na: *nowhere\n---\n", NULL, &err),
                     FOLIO_ERR_SYNTAX);
    ck_assert_int_eq(read_fails("---\na: &r [*r]\n---\n", NULL, &err),
                     FOLIO_ERR_SYNTAX);
}
END_TEST

START_TEST(test_deep_values_are_limited)
{
    char text[4096];
    size_t n = (size_t)snprintf(text, sizeof text, "---\na: ");
    for (int i = 0; i < 600; i++)
        text[n++] = '[';
    for (int i = 0; i < 600; i++)
        text[n++] = ']';
    memcpy(text + n, "\n---\n", 6);
    folio_error err;
    ck_assert_int_eq(read_fails(text, NULL, &err), FOLIO_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "max-depth"));
}
END_TEST

START_TEST(test_jekyll_post_in_a_txt_file)
{
    size_t len;
    char *post = md_test_data("jekyll-post.txt", &len);
    folio_doc *doc = md_test_read_ok(post);
    assert_string(doc, "title",
                  "Big News: Council opens a new library in the old town");
    assert_string(doc, "date", "2025-06-16T05:01:56");
    ck_assert_uint_eq(folio_value_count(meta_get(doc, "tags")), 0);
    ck_assert_uint_eq(folio_value_count(meta_get(doc, "categories")), 1);
    char *md = md_test_write_ok(doc);
    char *expected = md_test_data("jekyll-post.expected.md", NULL);
    ck_assert_str_eq(md, expected);
    free(expected);
    free(md);
    folio_doc_free(doc);
    free(post);
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("markdown front matter");
    TCase *tc = tcase_create("front matter");
    tcase_add_test(tc, test_scalars_are_typed_as_yaml_1_1);
    tcase_add_test(tc, test_collections_keep_order_and_nesting);
    tcase_add_test(tc, test_hostile_strings_survive_a_round_trip);
    tcase_add_test(tc, test_every_value_type_survives_a_round_trip);
    tcase_add_test(tc, test_floats_ignore_the_locale);
    tcase_add_test(tc, test_no_front_matter_without_metadata);
    tcase_add_test(tc, test_front_matter_only_at_the_start);
    tcase_add_test(tc, test_bom_crlf_cr_and_dots_are_accepted);
    tcase_add_test(tc, test_bad_yaml_is_reported_where_it_is);
    tcase_add_test(tc, test_front_matter_must_be_a_mapping);
    tcase_add_test(tc, test_duplicate_keys_are_refused);
    tcase_add_test(tc, test_aliases_are_copied);
    tcase_add_test(tc, test_alias_bomb_is_refused);
    tcase_add_test(tc, test_deep_values_are_limited);
    tcase_add_test(tc, test_jekyll_post_in_a_txt_file);
    suite_add_tcase(suite, tc);
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
