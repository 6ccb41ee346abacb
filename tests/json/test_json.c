/* Unit tests of the JSON plugin, loaded through the registry. */
#include <folio/doc.h>
#include <folio/io.h>
#include <folio/meta.h>
#include <folio/node.h>
#include <folio/options.h>
#include <folio/plugin.h>
#include <folio/registry.h>
#include <folio/sink.h>

#include "folio_test.h"

#include <check.h>
#include <dlfcn.h>
#include <jansson.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static folio_registry *registry;
static const folio_format *json;

static void setup(void)
{
    registry = folio_test_registry();
    json = folio_test_format(registry, "json", FOLIO_ROLE_ANY);
}

static void teardown(void)
{
    folio_registry_free(registry);
    registry = NULL;
    json = NULL;
}

/* ---- Helpers -------------------------------------------------------------- */

/* Reads without asserting anything, for tests that expect failures (or
 * make allocations fail). */
static folio_status read_json(const char *text, size_t len,
                              const folio_options *options, folio_doc **doc,
                              folio_error *err)
{
    folio_error_clear(err);
    return folio_format_read(json, text, len, options, doc, err);
}

/* Reads text, expecting failure with code; returns the error. */
static folio_error read_fails(const char *text, const folio_options *options,
                              folio_status code)
{
    return folio_test_read_fails(json, text, strlen(text), options, code);
}

static folio_node *add(folio_node *parent, folio_node_type type)
{
    folio_error err;
    folio_node *node = folio_node_new(folio_node_doc(parent), type);
    ck_assert_ptr_nonnull(node);
    ck_assert_msg(folio_node_append(parent, node, &err) == FOLIO_OK, "%s",
                  err.message);
    return node;
}

static folio_node *add_literal(folio_node *parent, folio_node_type type,
                               const char *s, size_t len)
{
    folio_node *node = add(parent, type);
    ck_assert_int_eq(folio_node_set_literal(node, s, len, NULL), FOLIO_OK);
    return node;
}

static folio_node *add_text(folio_node *parent, const char *s)
{
    return add_literal(parent, FOLIO_NODE_TEXT, s, strlen(s));
}

static void set_pos(folio_node *node, uint32_t a, uint32_t b, uint32_t c,
                    uint32_t d)
{
    folio_node_set_position(node, (folio_pos){a, b, c, d});
}

static void meta_put(folio_value *map, const char *key, size_t key_len,
                     folio_value *value)
{
    ck_assert_ptr_nonnull(value);
    ck_assert_int_eq(folio_value_map_set(map, key, key_len, value, NULL),
                     FOLIO_OK);
}

static void list_put(folio_value *list, folio_value *value)
{
    ck_assert_ptr_nonnull(value);
    ck_assert_int_eq(folio_value_list_append(list, value, NULL), FOLIO_OK);
}

#define KEY(s) (s), sizeof(s) - 1
#define STR(doc, s) folio_value_new_string((doc), (s), sizeof(s) - 1)

/* Every metadata type, and strings that need escaping. */
static void fill_meta(folio_doc *doc)
{
    folio_value *meta = folio_doc_meta(doc);
    meta_put(meta, KEY("title"), STR(doc, "Caf\xC3\xA9 \"quoted\" \\ / \xE6\x97\xA5"));
    meta_put(meta, KEY("nul"), STR(doc, "a\0b\x01\x1f\t\n\r\x7f"));
    meta_put(meta, KEY("empty"), STR(doc, ""));
    meta_put(meta, KEY("none"), folio_value_new_null(doc));
    meta_put(meta, KEY("yes"), folio_value_new_bool(doc, true));
    meta_put(meta, KEY("no"), folio_value_new_bool(doc, false));
    meta_put(meta, KEY("max"), folio_value_new_int(doc, INT64_MAX));
    meta_put(meta, KEY("min"), folio_value_new_int(doc, INT64_MIN));
    meta_put(meta, KEY("zero"), folio_value_new_int(doc, 0));
    meta_put(meta, KEY("tenth"), folio_value_new_float(doc, 0.1));
    meta_put(meta, KEY("huge"), folio_value_new_float(doc, 1e300));
    meta_put(meta, KEY("tiny"), folio_value_new_float(doc, 5e-324));
    meta_put(meta, KEY("third"), folio_value_new_float(doc, 1.0 / 3));
    meta_put(meta, KEY("one"), folio_value_new_float(doc, 1.0));
    meta_put(meta, KEY("minus_zero"), folio_value_new_float(doc, -0.0));
    meta_put(meta, KEY("cl\xC3\xA9 with \"spaces\""), STR(doc, "x"));

    folio_value *list = folio_value_new_list(doc);
    meta_put(meta, KEY("list"), list);
    list_put(list, folio_value_new_int(doc, 1));
    list_put(list, STR(doc, "two"));
    folio_value *inner = folio_value_new_list(doc);
    list_put(list, inner);
    list_put(inner, folio_value_new_float(doc, 2.5));
    list_put(inner, folio_value_new_list(doc));
    list_put(list, folio_value_new_map(doc));

    folio_value *map = folio_value_new_map(doc);
    meta_put(meta, KEY("map"), map);
    folio_value *b = folio_value_new_map(doc);
    meta_put(map, KEY("z"), b);
    meta_put(map, KEY("a"), folio_value_new_null(doc));
    meta_put(b, KEY("c"), folio_value_new_bool(doc, false));
}

/* A document with every node type, every field set away from its default,
 * positions, and every metadata type. */
static folio_doc *full_doc(void)
{
    folio_doc *doc = folio_doc_new();
    ck_assert_ptr_nonnull(doc);
    folio_node *root = folio_doc_root(doc);
    set_pos(root, 1, 1, 40, 1);
    fill_meta(doc);

    folio_node *heading = add(root, FOLIO_NODE_HEADING);
    ck_assert_int_eq(folio_node_set_heading_level(heading, 2, NULL), FOLIO_OK);
    set_pos(heading, 1, 1, 1, 30);
    set_pos(add_text(heading, "Title \"with\" quotes "), 1, 4, 1, 24);
    add_text(add(heading, FOLIO_NODE_EMPH), "emph");
    add_text(add(heading, FOLIO_NODE_STRONG), "strong");
    add_text(add(heading, FOLIO_NODE_STRIKETHROUGH), "struck");

    folio_node *para = add(root, FOLIO_NODE_PARAGRAPH);
    add_literal(para, FOLIO_NODE_TEXT, "nul\0inside", 10);
    add(para, FOLIO_NODE_SOFT_BREAK);
    add(para, FOLIO_NODE_LINE_BREAK);
    add_literal(para, FOLIO_NODE_CODE, "a < b", 5);
    add_literal(para, FOLIO_NODE_HTML_INLINE, "<br/>", 5);
    folio_node *link = add(para, FOLIO_NODE_LINK);
    ck_assert_int_eq(folio_node_set_url(link, KEY("https://x.org/?a=1&b=\"2\""),
                                        NULL),
                     FOLIO_OK);
    ck_assert_int_eq(folio_node_set_title(link, KEY("T\xC3\xAEtle"), NULL),
                     FOLIO_OK);
    add_text(link, "link");
    folio_node *image = add(para, FOLIO_NODE_IMAGE);
    ck_assert_int_eq(folio_node_set_url(image, KEY("img.png"), NULL), FOLIO_OK);
    add_text(image, "alt");
    add(para, FOLIO_NODE_EMPH); /* an empty container */

    folio_node *quote = add(root, FOLIO_NODE_BLOCK_QUOTE);
    add_text(add(quote, FOLIO_NODE_PARAGRAPH),
             "\xC3\xA9\xC3\xBC \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80");

    folio_node *ordered = add(root, FOLIO_NODE_LIST);
    ck_assert_int_eq(folio_node_set_list(ordered, FOLIO_LIST_ORDERED, 7, false,
                                         FOLIO_DELIM_PAREN, NULL),
                     FOLIO_OK);
    add_text(add(add(ordered, FOLIO_NODE_ITEM), FOLIO_NODE_PARAGRAPH), "one");
    folio_node *code = add_literal(add(ordered, FOLIO_NODE_ITEM),
                                   FOLIO_NODE_CODE_BLOCK,
                                   KEY("int main(void)\n{\n\treturn 0;\n}\n"));
    ck_assert_int_eq(folio_node_set_code_info(code, KEY("c"), NULL), FOLIO_OK);
    folio_node *bullets = add(root, FOLIO_NODE_LIST);
    add_literal(add(bullets, FOLIO_NODE_ITEM), FOLIO_NODE_HTML_BLOCK,
                KEY("<div>\n</div>\n"));
    add(bullets, FOLIO_NODE_ITEM);

    add(root, FOLIO_NODE_THEMATIC_BREAK);

    folio_node *table = add(root, FOLIO_NODE_TABLE);
    ck_assert_int_eq(folio_node_set_table_columns(table, 4, NULL), FOLIO_OK);
    ck_assert_int_eq(folio_node_set_table_alignment(table, 0, FOLIO_ALIGN_LEFT,
                                                    NULL),
                     FOLIO_OK);
    ck_assert_int_eq(folio_node_set_table_alignment(
                         table, 2, FOLIO_ALIGN_CENTER, NULL),
                     FOLIO_OK);
    ck_assert_int_eq(folio_node_set_table_alignment(table, 3,
                                                    FOLIO_ALIGN_RIGHT, NULL),
                     FOLIO_OK);
    folio_node *head = add(table, FOLIO_NODE_TABLE_ROW);
    ck_assert_int_eq(folio_node_set_row_header(head, true, NULL), FOLIO_OK);
    add_text(add(head, FOLIO_NODE_TABLE_CELL), "A");
    add_text(add(head, FOLIO_NODE_TABLE_CELL), "B");
    folio_node *body = add(table, FOLIO_NODE_TABLE_ROW);
    add_text(add(add(body, FOLIO_NODE_TABLE_CELL), FOLIO_NODE_PARAGRAPH),
             "block cell");
    add(body, FOLIO_NODE_TABLE_CELL);

    folio_node *figure = add(root, FOLIO_NODE_FIGURE);
    folio_node *figure_image = add(add(figure, FOLIO_NODE_PARAGRAPH),
                                   FOLIO_NODE_IMAGE);
    ck_assert_int_eq(folio_node_set_url(figure_image, KEY("fig.svg"), NULL),
                     FOLIO_OK);
    ck_assert_int_eq(folio_node_set_title(figure_image, KEY("A figure"), NULL),
                     FOLIO_OK);
    add_text(add(figure, FOLIO_NODE_CAPTION), "Caption");

    add_literal(root, FOLIO_NODE_CODE_BLOCK, KEY("\x01\x1f\x7f \\ \""));

    folio_error err;
    ck_assert_msg(folio_doc_check(doc, &err) == FOLIO_OK, "%s", err.message);
    return doc;
}

static void assert_same_bytes(const char *a, size_t alen, const char *b,
                              size_t blen, const char *what)
{
    ck_assert_msg(alen == blen && memcmp(a, b, alen) == 0,
                  "%s differ: %zu and %zu bytes", what, alen, blen);
}

#define ASSERT_SAME_STRING(getter, a, b)                                     \
    do {                                                                     \
        size_t alen_, blen_;                                                 \
        const char *as_ = getter(a, &alen_), *bs_ = getter(b, &blen_);       \
        ck_assert_msg((as_ == NULL) == (bs_ == NULL), #getter);              \
        if (as_ != NULL)                                                     \
            assert_same_bytes(as_, alen_, bs_, blen_, #getter);              \
    } while (0)

static void assert_same_node(const folio_node *a, const folio_node *b)
{
    ck_assert_int_eq(folio_node_get_type(a), folio_node_get_type(b));
    folio_pos pa = folio_node_position(a), pb = folio_node_position(b);
    ck_assert_mem_eq(&pa, &pb, sizeof pa);
    ASSERT_SAME_STRING(folio_node_literal, a, b);
    ASSERT_SAME_STRING(folio_node_code_info, a, b);
    ASSERT_SAME_STRING(folio_node_url, a, b);
    ASSERT_SAME_STRING(folio_node_title, a, b);
    ck_assert_int_eq(folio_node_heading_level(a), folio_node_heading_level(b));
    ck_assert_int_eq(folio_node_list_type(a), folio_node_list_type(b));
    ck_assert_int_eq(folio_node_list_start(a), folio_node_list_start(b));
    ck_assert_int_eq(folio_node_list_tight(a), folio_node_list_tight(b));
    ck_assert_int_eq(folio_node_list_delimiter(a),
                     folio_node_list_delimiter(b));
    ck_assert_int_eq(folio_node_table_columns(a), folio_node_table_columns(b));
    for (int i = 0; i < folio_node_table_columns(a); i++)
        ck_assert_int_eq(folio_node_table_alignment(a, i),
                         folio_node_table_alignment(b, i));
    ck_assert_int_eq(folio_node_row_is_header(a), folio_node_row_is_header(b));
}

/* Metadata in tests is shallow: recursion is fine here. */
static void assert_same_value(const folio_value *a, const folio_value *b)
{
    ck_assert_int_eq(folio_value_get_type(a), folio_value_get_type(b));
    ck_assert_int_eq(folio_value_bool(a), folio_value_bool(b));
    ck_assert(folio_value_int(a) == folio_value_int(b));
    double da = folio_value_float(a), db = folio_value_float(b);
    ck_assert_mem_eq(&da, &db, sizeof da); /* exact, sign of zero too */
    ASSERT_SAME_STRING(folio_value_string, a, b);
    ck_assert_uint_eq(folio_value_count(a), folio_value_count(b));
    for (size_t i = 0; i < folio_value_count(a); i++) {
        if (folio_value_get_type(a) == FOLIO_VALUE_MAP) {
            size_t alen, blen;
            const char *ka = folio_value_map_key(a, i, &alen);
            const char *kb = folio_value_map_key(b, i, &blen);
            assert_same_bytes(ka, alen, kb, blen, "keys");
            assert_same_value(folio_value_map_value(a, i),
                              folio_value_map_value(b, i));
        } else
            assert_same_value(folio_value_list_get(a, i),
                              folio_value_list_get(b, i));
    }
}

static void assert_same_tree(const folio_doc *a, const folio_doc *b)
{
    const folio_node *ra = folio_doc_root(a), *rb = folio_doc_root(b);
    folio_node *na = (folio_node *)ra, *nb = (folio_node *)rb;
    folio_walk_event ea = FOLIO_WALK_NONE, eb = FOLIO_WALK_NONE;
    for (;;) {
        bool more_a = folio_walk_next(ra, &na, &ea);
        bool more_b = folio_walk_next(rb, &nb, &eb);
        ck_assert_int_eq(more_a, more_b);
        if (!more_a)
            break;
        ck_assert_int_eq(ea, eb);
        assert_same_node(na, nb);
    }
}

static void assert_same_doc(const folio_doc *a, const folio_doc *b)
{
    assert_same_tree(a, b);
    assert_same_value(folio_doc_meta(a), folio_doc_meta(b));
}

/* {"folio":1,"blocks":[ N nested block quotes ]}, malloc'd. */
static char *nested_quotes(size_t n)
{
    static const char open[] = "{\"type\":\"block_quote\",\"children\":[";
    static const char head[] = "{\"folio\":1,\"blocks\":[";
    size_t len = sizeof head - 1 + n * (sizeof open - 1) + 2 * n + 3;
    char *text = malloc(len);
    ck_assert_ptr_nonnull(text);
    char *p = text;
    memcpy(p, head, sizeof head - 1);
    p += sizeof head - 1;
    for (size_t i = 0; i < n; i++, p += sizeof open - 1)
        memcpy(p, open, sizeof open - 1);
    for (size_t i = 0; i < n; i++, p += 2)
        memcpy(p, "]}", 2);
    memcpy(p, "]}", 3);
    return text;
}

/* {"folio":1,"meta":{"x": N nested lists }}, malloc'd. */
static char *nested_lists(size_t n)
{
    char *text = malloc(2 * n + 64);
    ck_assert_ptr_nonnull(text);
    char *p = text + sprintf(text, "{\"folio\":1,\"meta\":{\"x\":");
    memset(p, '[', n);
    memset(p + n, ']', n);
    strcpy(p + 2 * n, "}}");
    return text;
}

/* ---- Descriptor and probe ------------------------------------------------- */

START_TEST(test_descriptor)
{
    const folio_plugin *plugin = folio_format_plugin(json);
    ck_assert_str_eq(plugin->name, "json");
    ck_assert_str_eq(plugin->version, "1.0.0");
    ck_assert_str_eq(plugin->extensions[0], "json");
    ck_assert_ptr_null(plugin->extensions[1]);
    ck_assert_str_eq(plugin->mime_types[0], "application/json");
    ck_assert_ptr_nonnull(plugin->read);
    ck_assert_ptr_nonnull(plugin->write);
    ck_assert_ptr_nonnull(plugin->probe);
    const folio_option_spec *compact =
        folio_option_find(folio_format_options(json, FOLIO_ROLE_WRITE),
                          "compact");
    ck_assert_ptr_nonnull(compact);
    ck_assert_int_eq(compact->type, FOLIO_OPTION_BOOL);

    const folio_format *by_extension;
    folio_error err;
    ck_assert_int_eq(folio_registry_find_by_extension(registry, "JSON",
                                                      FOLIO_ROLE_READ,
                                                      &by_extension, &err),
                     FOLIO_OK);
    ck_assert_ptr_eq(by_extension, json);
}
END_TEST

START_TEST(test_entry_refuses_other_abi)
{
    void *handle = dlopen(FOLIO_TEST_PLUGIN_DIR "/json.so",
                          RTLD_NOW | RTLD_LOCAL);
    ck_assert_msg(handle != NULL, "%s", dlerror());
    folio_plugin_entry_fn entry;
    *(void **)&entry = dlsym(handle, FOLIO_PLUGIN_ENTRY_SYMBOL);
    ck_assert_ptr_nonnull(entry);
    folio_error err;
    folio_host host = {FOLIO_ABI_MAJOR + 1, 0, sizeof host, "9.0.0"};
    folio_error_clear(&err);
    ck_assert_ptr_null(entry(&host, &err));
    ck_assert_int_eq(err.code, FOLIO_ERR_VERSION);
    ck_assert_ptr_nonnull(strstr(err.message, "2.0"));
    folio_error_clear(&err);
    ck_assert_ptr_null(entry(NULL, &err));
    ck_assert_int_eq(err.code, FOLIO_ERR_VERSION);
    host = (folio_host){FOLIO_ABI_MAJOR, FOLIO_ABI_MINOR, sizeof host, "x"};
    ck_assert_ptr_eq(entry(&host, &err), folio_format_plugin(json));
    /* Never dlclose: see plugin.h. */
}
END_TEST

START_TEST(test_probe)
{
    folio_probe_fn probe = folio_format_plugin(json)->probe;
    folio_doc *doc = full_doc();
    size_t len;
    char *text = folio_test_write(json, doc, NULL, &len);
    ck_assert_int_eq(probe(text, len), 90);
    folio_options *compact = folio_test_options("compact", "true", NULL);
    char *line = folio_test_write(json, doc, compact, &len);
    ck_assert_int_eq(probe(line, len), 90);
    ck_assert_int_eq(probe(KEY("\xEF\xBB\xBF \n{ \"folio\" : 1}")), 90);
    ck_assert_int_eq(probe(KEY("{\"meta\": {}, \"folio\": 1}")), 90);
    ck_assert_int_eq(probe(KEY("{\"a\": 1}")), 15);
    ck_assert_int_eq(probe(KEY("  {}")), 15);
    ck_assert_int_eq(probe(KEY("[{\"a\": 1}]")), 15);
    ck_assert_int_eq(probe(KEY("{\"a\": \"folio\"}")), 15);
    ck_assert_int_eq(probe(KEY("{{< shortcode >}}")), 0);
    ck_assert_int_eq(probe(KEY("[link]: http://example.org")), 0);
    ck_assert_int_eq(probe(KEY("# Title\n")), 0);
    ck_assert_int_eq(probe(KEY("")), 0);
    ck_assert_int_eq(probe(KEY("\xEF\xBB")), 0);
    ck_assert_int_eq(probe(KEY("{")), 15);
    /* Detection picks it over the other plugins of the build. */
    const folio_format *detected;
    folio_error err;
    ck_assert_int_eq(folio_registry_detect(registry, text, len, &detected,
                                           &err),
                     FOLIO_OK);
    ck_assert_str_eq(folio_format_name(detected), "json");
    free(line);
    free(text);
    folio_options_free(compact);
    folio_doc_free(doc);
}
END_TEST

/* ---- Writing and reading back --------------------------------------------- */

START_TEST(test_golden_output)
{
    folio_doc *doc = folio_doc_new();
    folio_node *root = folio_doc_root(doc);
    set_pos(root, 1, 1, 3, 5);
    ck_assert_int_eq(folio_meta_set_string(doc, "title", KEY("Hi"), NULL),
                     FOLIO_OK);
    folio_value *tags = folio_value_new_list(doc);
    list_put(tags, STR(doc, "a"));
    list_put(tags, folio_value_new_float(doc, 0.1));
    ck_assert_int_eq(folio_meta_set(doc, "tags", tags, NULL), FOLIO_OK);
    ck_assert_int_eq(folio_meta_set(doc, "empty", folio_value_new_map(doc),
                                    NULL),
                     FOLIO_OK);
    folio_node *heading = add(root, FOLIO_NODE_HEADING);
    set_pos(heading, 1, 1, 1, 5);
    set_pos(add_text(heading, "Hi"), 1, 3, 1, 5);
    add(root, FOLIO_NODE_THEMATIC_BREAK);

    static const char expected[] =
        "{\n"
        "  \"folio\": 1,\n"
        "  \"meta\": {\n"
        "    \"title\": \"Hi\",\n"
        "    \"tags\": [\n"
        "      \"a\",\n"
        "      0.1\n"
        "    ],\n"
        "    \"empty\": {}\n"
        "  },\n"
        "  \"pos\": [1, 1, 3, 5],\n"
        "  \"blocks\": [\n"
        "    {\n"
        "      \"type\": \"heading\",\n"
        "      \"level\": 1,\n"
        "      \"pos\": [1, 1, 1, 5],\n"
        "      \"children\": [\n"
        "        {\"type\": \"text\", \"text\": \"Hi\", \"pos\": [1, 3, 1, 5]}\n"
        "      ]\n"
        "    },\n"
        "    {\"type\": \"thematic_break\"}\n"
        "  ]\n"
        "}\n";
    size_t len;
    char *text = folio_test_write(json, doc, NULL, &len);
    ck_assert_str_eq(text, expected);
    ck_assert_uint_eq(len, sizeof expected - 1);

    static const char expected_compact[] =
        "{\"folio\":1,\"meta\":{\"title\":\"Hi\",\"tags\":[\"a\",0.1],"
        "\"empty\":{}},\"pos\":[1,1,3,5],\"blocks\":[{\"type\":\"heading\","
        "\"level\":1,\"pos\":[1,1,1,5],\"children\":[{\"type\":\"text\","
        "\"text\":\"Hi\",\"pos\":[1,3,1,5]}]},{\"type\":\"thematic_break\"}]}"
        "\n";
    folio_options *compact = folio_test_options("compact", "true", NULL);
    char *line = folio_test_write(json, doc, compact, &len);
    ck_assert_str_eq(line, expected_compact);

    folio_doc *empty = folio_doc_new();
    char *nothing = folio_test_write(json, empty, compact, &len);
    ck_assert_str_eq(nothing, "{\"folio\":1,\"meta\":{},\"blocks\":[]}\n");

    free(nothing);
    free(line);
    free(text);
    folio_options_free(compact);
    folio_doc_free(empty);
    folio_doc_free(doc);
}
END_TEST

static void round_trip(const folio_options *options)
{
    folio_doc *doc = full_doc();
    size_t len, again_len;
    char *text = folio_test_write(json, doc, options, &len);
    folio_doc *back = folio_test_read(json, text, len, NULL);
    assert_same_doc(doc, back);
    char *again = folio_test_write(json, back, options, &again_len);
    assert_same_bytes(text, len, again, again_len, "first and second output");
    free(again);
    free(text);
    folio_doc_free(back);
    folio_doc_free(doc);
}

START_TEST(test_round_trip)
{
    round_trip(NULL);
}
END_TEST

START_TEST(test_round_trip_compact)
{
    folio_options *compact = folio_test_options("compact", "true", NULL);
    round_trip(compact);
    folio_options_free(compact);
}
END_TEST

START_TEST(test_scalars_written_exactly)
{
    folio_doc *doc = full_doc();
    size_t len;
    char *text = folio_test_write(json, doc, NULL, &len);
    ck_assert_ptr_nonnull(strstr(text, "\"max\": 9223372036854775807,\n"));
    ck_assert_ptr_nonnull(strstr(text, "\"min\": -9223372036854775808,\n"));
    ck_assert_ptr_nonnull(strstr(text, "\"tenth\": 0.1,\n"));
    ck_assert_ptr_nonnull(strstr(text, "\"huge\": 1e300,\n"));
    ck_assert_ptr_nonnull(strstr(text, "\"one\": 1.0,\n"));
    ck_assert_ptr_nonnull(strstr(text, "\"minus_zero\": -0.0,\n"));
    ck_assert_ptr_nonnull(
        strstr(text, "\"nul\": \"a\\u0000b\\u0001\\u001f\\t\\n\\r\x7f\",\n"));
    ck_assert_ptr_nonnull(strstr(
        text, "\"title\": \"Caf\xC3\xA9 \\\"quoted\\\" \\\\ / \xE6\x97\xA5\""));
    ck_assert_ptr_nonnull(
        strstr(text, "{\"type\": \"text\", \"text\": \"nul\\u0000inside\"}"));

    folio_doc *back = folio_test_read(json, text, len, NULL);
    ck_assert(folio_value_int(folio_meta_get(back, "max")) == INT64_MAX);
    ck_assert(folio_value_int(folio_meta_get(back, "min")) == INT64_MIN);
    ck_assert(folio_value_float(folio_meta_get(back, "tenth")) == 0.1);
    ck_assert(folio_value_float(folio_meta_get(back, "tiny")) == 5e-324);
    ck_assert(folio_value_float(folio_meta_get(back, "third")) == 1.0 / 3);
    ck_assert_int_eq(folio_value_get_type(folio_meta_get(back, "one")),
                     FOLIO_VALUE_FLOAT);
    size_t nul_len;
    const char *nul = folio_value_string(folio_meta_get(back, "nul"), &nul_len);
    assert_same_bytes(nul, nul_len, "a\0b\x01\x1f\t\n\r\x7f", 9, "nul");
    free(text);
    folio_doc_free(back);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_defaults_and_bom)
{
    /* Hand-written JSON may leave out members; a BOM is allowed. */
    static const char text[] =
        "\xEF\xBB\xBF{\"folio\": 1, \"blocks\": [\n"
        "  {\"type\": \"list\", \"children\": [{\"type\": \"item\"}]},\n"
        "  {\"type\": \"heading\"},\n"
        "  {\"type\": \"table\", \"align\": [\"left\", \"right\"]},\n"
        "  {\"type\": \"paragraph\", \"children\": []},\n"
        "  {\"type\": \"code_block\"}\n"
        "]}";
    folio_doc *doc = folio_test_read(json, KEY(text), NULL);
    folio_node *list = folio_node_first_child(folio_doc_root(doc));
    ck_assert_int_eq(folio_node_list_type(list), FOLIO_LIST_BULLET);
    ck_assert_int_eq(folio_node_list_start(list), 1);
    ck_assert(folio_node_list_tight(list));
    ck_assert_int_eq(folio_node_list_delimiter(list), FOLIO_DELIM_NONE);
    folio_node *heading = folio_node_next(list);
    ck_assert_int_eq(folio_node_heading_level(heading), 1);
    folio_node *table = folio_node_next(heading);
    ck_assert_int_eq(folio_node_table_columns(table), 2);
    ck_assert_int_eq(folio_node_table_alignment(table, 1), FOLIO_ALIGN_RIGHT);
    folio_node *code = folio_node_last_child(folio_doc_root(doc));
    size_t len = 99;
    ck_assert_str_eq(folio_node_literal(code, &len), "");
    ck_assert_uint_eq(len, 0);
    ck_assert_uint_eq(folio_value_count(folio_doc_meta(doc)), 0);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_escaped_keys_and_spacing)
{
    /* Escapes in member names and odd spacing are still JSON. */
    static const char text[] =
        "{ \"fo\\u006cio\" : 1 , \"blocks\" : [ { \"t\\u0079pe\" : "
        "\"text\" } ] }";
    folio_error err = read_fails(text, NULL, FOLIO_ERR_TREE);
    ck_assert_ptr_nonnull(strstr(err.message, "blocks[0]: "));
    ck_assert_uint_eq(err.line, 1);
    ck_assert_uint_eq(err.column, 35);
}
END_TEST

START_TEST(test_golden_file)
{
    /* tests/json/full.json is full_doc() as written: the layout is part of
     * the format's promise of stable output. */
    char *golden;
    size_t golden_len, len;
    folio_error err;
    ck_assert_msg(folio_file_read(FOLIO_TEST_SOURCE_DIR "/full.json",
                                  FOLIO_DEFAULT_MAX_INPUT_SIZE, &golden,
                                  &golden_len, &err) == FOLIO_OK,
                  "%s", err.message);
    folio_doc *doc = full_doc();
    char *text = folio_test_write(json, doc, NULL, &len);
    assert_same_bytes(text, len, golden, golden_len, "output and full.json");
    folio_doc *back = folio_test_read(json, golden, golden_len, NULL);
    assert_same_doc(doc, back);
    folio_doc_free(back);
    free(text);
    folio_doc_free(doc);
    free(golden);
}
END_TEST

/* jansson allocations left before one fails; negative: no limit. */
static long allocations_left = -1;

static void *failing_malloc(size_t size)
{
    if (allocations_left == 0)
        return NULL;
    if (allocations_left > 0)
        allocations_left--;
    return malloc(size);
}

START_TEST(test_jansson_out_of_memory)
{
    /* Fails the first, second, ... allocation jansson makes while the
     * writer formats floats: each run ends in FOLIO_ERR_NOMEM or success,
     * never in a crash or a leak. (The reader does not use jansson.) */
    folio_doc *doc = full_doc();
    size_t len;
    char *text = folio_test_write(json, doc, NULL, &len);
    json_set_alloc_funcs(failing_malloc, free);
    folio_status status = FOLIO_ERR_NOMEM;
    for (long n = 0; status != FOLIO_OK; n++) {
        folio_error err;
        size_t again_len;
        allocations_left = n;
        char *again = folio_test_try_write(json, doc, NULL, &again_len,
                                           &status, &err);
        ck_assert_msg(status == FOLIO_OK || status == FOLIO_ERR_NOMEM,
                      "allocation %ld: %s", n, err.message);
        if (again != NULL)
            assert_same_bytes(again, again_len, text, len, "outputs");
        free(again);
    }
    allocations_left = -1;
    json_set_alloc_funcs(malloc, free);
    free(text);
    folio_doc_free(doc);
}
END_TEST

/* ---- Reader errors -------------------------------------------------------- */

START_TEST(test_malformed_json)
{
    folio_error err = read_fails("{\n  \"folio\": 1,\n  \"blocks\": [}\n",
                                 NULL, FOLIO_ERR_SYNTAX);
    ck_assert_uint_eq(err.line, 3);
    ck_assert_uint_eq(err.column, 14);
    ck_assert(err.has_offset);
    ck_assert_uint_eq(err.offset, 29);
    ck_assert_ptr_nonnull(strstr(err.message, "invalid JSON"));

    err = read_fails("", NULL, FOLIO_ERR_SYNTAX);
    ck_assert_uint_eq(err.line, 1);
    ck_assert_uint_eq(err.column, 1);
    /* An unfinished document is reported where it ends. */
    err = read_fails("{\"folio\": 1,\n \"meta\": {\"a\": \"b", NULL,
                     FOLIO_ERR_SYNTAX);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_uint_eq(err.column, 18);
    /* Errors point at the start of the offending token. */
    err = read_fails("{\"folio\": 1} trailing", NULL, FOLIO_ERR_SYNTAX);
    ck_assert_uint_eq(err.column, 14);
    err = read_fails("{\"folio\": 1, \"meta\": {\"a\": \"b\\\"c\" d}}", NULL,
                     FOLIO_ERR_SYNTAX);
    ck_assert_uint_eq(err.column, 35);
    err = read_fails("{\"folio\": 1, \"meta\": {\"a\\\"b\": 1, \"a\\\"b\": 2}}",
                     NULL, FOLIO_ERR_SYNTAX);
    ck_assert_uint_eq(err.column, 34);
    err = read_fails("[1, 2]", NULL, FOLIO_ERR_SYNTAX);
    ck_assert_ptr_nonnull(strstr(err.message, "not an array"));
    err = read_fails("{\"folio\": 1,\n \"folio\": 1}", NULL, FOLIO_ERR_SYNTAX);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_uint_eq(err.column, 2);
    ck_assert_ptr_nonnull(strstr(err.message, "duplicate"));
    err = read_fails("{\"folio\": 1, \"meta\": {\"n\": 1e999}}", NULL,
                     FOLIO_ERR_UNSUPPORTED);
    ck_assert_uint_eq(err.column, 28);
    err = read_fails("{\"folio\": 1, \"meta\": {\"a\\u0000b\": 1}}", NULL,
                     FOLIO_ERR_UNSUPPORTED);
}
END_TEST

START_TEST(test_invalid_utf8)
{
    folio_error err = read_fails("{\"folio\": 1,\n \"meta\": {\"a\": \"\xC3\"}}",
                                 NULL, FOLIO_ERR_ENCODING);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_uint_eq(err.column, 17);
    ck_assert(err.has_offset);
    ck_assert_uint_eq(err.offset, 29);
}
END_TEST

START_TEST(test_version)
{
    folio_error err = read_fails("{\"folio\": 2, \"blocks\": []}", NULL,
                                 FOLIO_ERR_VERSION);
    ck_assert_ptr_nonnull(strstr(err.message, "version 2 "));
    ck_assert_ptr_nonnull(strstr(err.message, "expected 1"));
    ck_assert_uint_eq(err.line, 1);
    ck_assert_uint_eq(err.column, 11);

    err = read_fails("{\"blocks\": []}", NULL, FOLIO_ERR_VERSION);
    ck_assert_ptr_nonnull(strstr(err.message, "expected 1"));
    err = read_fails("{\"folio\": \"1\"}", NULL, FOLIO_ERR_VERSION);
    ck_assert_ptr_nonnull(strstr(err.message, "version \"1\" "));
    /* The version is checked before anything else in the document. */
    err = read_fails("{\"novelty\": true, \"folio\": 1.0}", NULL,
                     FOLIO_ERR_VERSION);
    ck_assert_ptr_nonnull(strstr(err.message, "version 1.0 "));
    /* The BOM counts in the column. */
    err = read_fails("\xEF\xBB\xBF{\"folio\": 3}", NULL, FOLIO_ERR_VERSION);
    ck_assert_uint_eq(err.column, 14);
    ck_assert_uint_eq(err.offset, 13);
}
END_TEST

START_TEST(test_unknown_node_type)
{
    folio_error err = read_fails("{\"folio\": 1, \"blocks\": [\n"
                                 "  {\"type\": \"paragraph\", \"children\": [\n"
                                 "    {\"type\": \"sparkle\"}\n"
                                 "  ]}\n"
                                 "]}",
                                 NULL, FOLIO_ERR_SYNTAX);
    ck_assert_str_eq(err.message,
                     "blocks[0].children[0].type: unknown node type \"sparkle\"");
    ck_assert_uint_eq(err.line, 3);
    ck_assert_uint_eq(err.column, 14);

    err = read_fails("{\"folio\": 1, \"blocks\": [{\"type\": \"document\"}]}",
                     NULL, FOLIO_ERR_TREE);
    err = read_fails("{\"folio\": 1, \"blocks\": [{\"children\": []}]}", NULL,
                     FOLIO_ERR_SYNTAX);
    ck_assert_ptr_nonnull(strstr(err.message, "needs a \"type\""));
    ck_assert_uint_eq(err.column, 25);
    err = read_fails("{\"folio\": 1, \"blocks\": [7]}", NULL,
                     FOLIO_ERR_SYNTAX);
    ck_assert_ptr_nonnull(strstr(err.message, "not an integer"));
}
END_TEST

START_TEST(test_wrong_member_types)
{
    static const struct {
        const char *text;
        const char *message;
        unsigned long column;
    } cases[] = {
        {"{\"folio\":1,\"blocks\":[{\"type\":\"heading\",\"level\":\"2\"}]}",
         "blocks[0].level: \"level\" must be an integer, not a string", 48},
        {"{\"folio\":1,\"blocks\":[{\"type\":\"heading\",\"level\":9}]}",
         "blocks[0].level: heading level 9 is not between 1 and 6", 48},
        {"{\"folio\":1,\"blocks\":[{\"type\":\"text\",\"text\":null}]}",
         "blocks[0].text: \"text\" must be a string, not null", 44},
        {"{\"folio\":1,\"blocks\":[{\"type\":\"list\",\"tight\":1}]}",
         "blocks[0].tight: \"tight\" must be a boolean, not an integer", 45},
        {"{\"folio\":1,\"blocks\":[{\"type\":\"list\",\"list_type\":\"dash\"}]}",
         "blocks[0].list_type: unknown \"list_type\" value \"dash\"", 49},
        {"{\"folio\":1,\"blocks\":[{\"type\":\"list\",\"start\":-1}]}",
         "blocks[0].start: -1 is out of range (0 to 2147483647)", 45},
        {"{\"folio\":1,\"blocks\":[{\"type\":\"table\",\"columns\":2,"
         "\"align\":[\"left\"]}]}",
         "blocks[0].align: 1 alignments for 2 columns", 58},
        {"{\"folio\":1,\"blocks\":[{\"type\":\"table\",\"columns\":70000}]}",
         "blocks[0].columns: a table cannot have 70000 columns", 48},
        {"{\"folio\":1,\"blocks\":[{\"type\":\"text\",\"pos\":[1,2,3]}]}",
         "blocks[0].pos: \"pos\" must be an array of 4 integers", 43},
        {"{\"folio\":1,\"blocks\":[{\"type\":\"text\",\"pos\":[1,2,3,\"4\"]}]}",
         "blocks[0].pos: \"pos\" must be an array of 4 integers", 43},
        {"{\"folio\":1,\"blocks\":[{\"type\":\"table\",\"align\":[\"left\",1]}]}",
         "blocks[0].align: \"align\" must hold strings, not an integer", 46},
        {"{\"folio\":1,\"blocks\":[{\"type\":\"table\",\"align\":[\"middle\"]}]}",
         "blocks[0].align: unknown \"align\" value \"middle\"", 46},
        {"{\"folio\":1,\"blocks\":[{\"type\":\"text\",\"pos\":[1,2,3,-4]}]}",
         "blocks[0].pos: -4 is out of range (0 to 4294967295)", 43},
        {"{\"folio\":1,\"blocks\":[{\"type\":\"text\",\"level\":1}]}",
         "blocks[0].level: a text node has no member \"level\"", 45},
        {"{\"folio\":1,\"blocks\":[{\"type\":\"text\",\"children\":[]}]}",
         "blocks[0].children: a text node has no member \"children\"", 48},
        {"{\"folio\":1,\"blocks\":[{\"type\":\"paragraph\",\"children\":{}}]}",
         "blocks[0].children: \"children\" must be an array, not an object",
         53},
        {"{\"folio\":1,\"blocks\":{}}",
         "blocks: \"blocks\" must be an array, not an object", 21},
        {"{\"folio\":1,\"meta\":[]}",
         "meta: \"meta\" must be an object, not an array", 19},
        {"{\"folio\":1,\"extra\":0}",
         "extra: unknown top-level member \"extra\"", 20},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        folio_doc *doc = NULL;
        folio_error err;
        folio_status status = read_json(cases[i].text, strlen(cases[i].text),
                                        NULL, &doc, &err);
        ck_assert_msg(status != FOLIO_OK, "case %zu was accepted", i);
        ck_assert_str_eq(err.message, cases[i].message);
        ck_assert_msg(err.line == 1 && err.column == cases[i].column,
                      "case %zu: at %lu:%lu, expected 1:%lu", i, err.line,
                      err.column, cases[i].column);
    }
}
END_TEST

START_TEST(test_positions_past_tricky_values)
{
    /* Finding the offending value again skips strings holding brackets and
     * quotes, numbers, literals and nested containers before it. */
    folio_error err = read_fails(
        "{\"folio\":1,\"meta\":{\"n\":-1.5e+3,\"t\":true,\"z\":null,"
        "\"s\":\"{[\\\"\",\"l\":[1,[2],{\"x\":\"]\"}]},\"blocks\":["
        "{\"type\":\"code_block\",\"text\":\"]\\\"},[\"},"
        "{\"type\":\"paragraph\",\"children\":[{\"type\":\"text\",\"text\":\"}\"}]},"
        "{\"type\":\"sparkle\"}]}",
        NULL, FOLIO_ERR_SYNTAX);
    ck_assert_ptr_nonnull(strstr(err.message, "blocks[2].type: "));
    ck_assert_uint_eq(err.column, 201);
    folio_options *options = folio_test_options("max-depth", "2", NULL);
    err = read_fails("{\"folio\":1,\"meta\":{\"a\":[1,\"]\",[3,[4]]]}}", options,
                     FOLIO_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "meta.a[2][0]: "));
    ck_assert_uint_eq(err.column, 32);
    folio_options_free(options);
}
END_TEST

START_TEST(test_illegal_tree)
{
    folio_error err = read_fails("{\"folio\": 1, \"blocks\": [\n"
                                 "  {\"type\": \"paragraph\", \"children\": [\n"
                                 "    {\"type\": \"text\", \"text\": \"a\"},\n"
                                 "    {\"type\": \"item\", \"children\": []}\n"
                                 "  ]}\n"
                                 "]}",
                                 NULL, FOLIO_ERR_TREE);
    ck_assert_ptr_nonnull(strstr(err.message, "blocks[0].children[1]: "));
    ck_assert_ptr_nonnull(strstr(err.message, "paragraph"));
    ck_assert_uint_eq(err.line, 4);
    ck_assert_uint_eq(err.column, 5);

    /* Table rules that folio_doc_check enforces are refused at reading. */
    err = read_fails(
        "{\"folio\":1,\"blocks\":[{\"type\":\"table\",\"columns\":1,"
        "\"children\":[{\"type\":\"table_row\",\"children\":["
        "{\"type\":\"table_cell\"},{\"type\":\"table_cell\"}]}]}]}",
        NULL, FOLIO_ERR_TREE);
    ck_assert_ptr_nonnull(
        strstr(err.message, "blocks[0].children[0].children[1]: "));
    err = read_fails(
        "{\"folio\":1,\"blocks\":[{\"type\":\"table\",\"children\":["
        "{\"type\":\"table_row\"},{\"type\":\"table_row\",\"header\":true}]}]}",
        NULL, FOLIO_ERR_TREE);
    ck_assert_ptr_nonnull(strstr(err.message, "blocks[0].children[1].header"));
    err = read_fails(
        "{\"folio\":1,\"blocks\":[{\"type\":\"figure\",\"children\":["
        "{\"type\":\"caption\"},{\"type\":\"paragraph\"}]}]}",
        NULL, FOLIO_ERR_TREE);
    ck_assert_ptr_nonnull(strstr(err.message, "blocks[0].children[1]: "));
}
END_TEST

START_TEST(test_long_paths_are_shortened)
{
    folio_options *options = folio_test_options("max-depth", "30", NULL);
    char *text = nested_quotes(31);
    folio_error err = read_fails(text, options, FOLIO_ERR_LIMIT);
    ck_assert_str_eq(err.message,
                     "blocks[0].children[0]...children[0].children[0]."
                     "children[0]: nodes nested deeper than max-depth (30)");
    ck_assert_uint_eq(err.column, 22 + 30 * 34);
    free(text);
    folio_options_free(options);
}
END_TEST

START_TEST(test_depth_limit)
{
    folio_doc *doc;
    folio_error err;
    char *text = nested_quotes(FOLIO_DEFAULT_MAX_DEPTH);
    doc = folio_test_read(json, text, strlen(text), NULL);
    folio_doc_free(doc);
    free(text);

    text = nested_quotes(FOLIO_DEFAULT_MAX_DEPTH + 1);
    err = read_fails(text, NULL, FOLIO_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "max-depth (512)"));
    free(text);

    folio_options *options = folio_test_options("max-depth", "10", NULL);
    text = nested_quotes(10);
    doc = folio_test_read(json, text, strlen(text), options);
    folio_doc_free(doc);
    free(text);
    text = nested_quotes(11);
    read_fails(text, options, FOLIO_ERR_LIMIT);
    free(text);

    text = nested_lists(10);
    doc = folio_test_read(json, text, strlen(text), options);
    folio_doc_free(doc);
    free(text);
    text = nested_lists(11);
    err = read_fails(text, options, FOLIO_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "metadata nested deeper"));
    ck_assert_ptr_nonnull(strstr(err.message, "meta.x[0][0]"));
    free(text);
    folio_options_free(options);
}
END_TEST

/* How many nodes down the first children go from the root. */
static size_t first_child_depth(const folio_doc *doc)
{
    size_t depth = 0;
    for (const folio_node *n = folio_node_first_child(folio_doc_root(doc));
         n != NULL; n = folio_node_first_child(n))
        depth++;
    return depth;
}

START_TEST(test_depth_100000)
{
    /* The reader keeps its own stack: 100,000 levels are refused where
     * max-depth is passed, and read whole when max-depth allows them. */
    char *text = nested_quotes(100000);
    folio_error err = read_fails(text, NULL, FOLIO_ERR_LIMIT);
    ck_assert_uint_eq(err.line, 1);
    ck_assert_uint_eq(err.column, 22 + 512 * 34);
    folio_options *options = folio_test_options("max-depth", "100000", NULL);
    folio_doc *doc = folio_test_read(json, text, strlen(text), options);
    ck_assert_uint_eq(first_child_depth(doc), 100000);
    folio_doc_free(doc);
    free(text);

    text = nested_lists(100000);
    doc = folio_test_read(json, text, strlen(text), options);
    size_t depth = 0;
    for (const folio_value *v = folio_meta_get(doc, "x"); v != NULL;
         v = folio_value_list_get(v, 0))
        depth++;
    ck_assert_uint_eq(depth, 100000);
    folio_doc_free(doc);
    folio_options_free(options);
    options = folio_test_options("max-depth", "99999", NULL);
    err = read_fails(text, options, FOLIO_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "metadata nested deeper"));
    free(text);
    folio_options_free(options);
}
END_TEST

/* ---- The parser ------------------------------------------------------------ */

START_TEST(test_bad_json_at_exact_places)
{
    static const struct {
        const char *text;
        folio_status code;
        unsigned long line, column;
        const char *message;
    } cases[] = {
        {"", FOLIO_ERR_SYNTAX, 1, 1, "ends too early"},
        {" \n\t ", FOLIO_ERR_SYNTAX, 2, 3, "ends too early"},
        {"{\"folio\":1,}", FOLIO_ERR_SYNTAX, 1, 12, "expected a member name"},
        {"{\"folio\":1,\"meta\":{\"a\":[1,]}}", FOLIO_ERR_SYNTAX, 1, 27,
         "expected a value, not ']'"},
        {"{\"folio\":1 \"meta\":{}}", FOLIO_ERR_SYNTAX, 1, 12,
         "expected ',' or '}', not '\"'"},
        {"{\"folio\":1,\"meta\":{\"a\":[1 2]}}", FOLIO_ERR_SYNTAX, 1, 27,
         "expected ',' or ']', not '2'"},
        {"{\"folio\" 1}", FOLIO_ERR_SYNTAX, 1, 10, "expected ':'"},
        {"{folio:1}", FOLIO_ERR_SYNTAX, 1, 2, "in double quotes, not 'f'"},
        {"{\"folio\":01}", FOLIO_ERR_SYNTAX, 1, 10, "invalid number '01'"},
        {"{\"folio\":1,\"meta\":{\"a\":-}}", FOLIO_ERR_SYNTAX, 1, 24,
         "invalid number '-'"},
        {"{\"folio\":1,\"meta\":{\"a\":1.}}", FOLIO_ERR_SYNTAX, 1, 24,
         "invalid number"},
        {"{\"folio\":1,\"meta\":{\"a\":1.e5}}", FOLIO_ERR_SYNTAX, 1, 24,
         "invalid number"},
        {"{\"folio\":1,\"meta\":{\"a\":1e}}", FOLIO_ERR_SYNTAX, 1, 24,
         "invalid number"},
        {"{\"folio\":1,\"meta\":{\"a\":-01}}", FOLIO_ERR_SYNTAX, 1, 24,
         "invalid number"},
        {"{\"folio\":1,\"meta\":{\"a\":.5}}", FOLIO_ERR_SYNTAX, 1, 24,
         "expected a value, not '.'"},
        {"{\"folio\":1,\"meta\":{\"a\":+1}}", FOLIO_ERR_SYNTAX, 1, 24,
         "expected a value, not '+'"},
        {"{\"folio\":1,\"meta\":{\"a\":tru}}", FOLIO_ERR_SYNTAX, 1, 24,
         "'tru' is not a JSON value"},
        {"{\"folio\":1,\"meta\":{\"a\":NaN}}", FOLIO_ERR_SYNTAX, 1, 24,
         "'NaN' is not a JSON value"},
        {"{\"folio\":1,\"meta\":{\"a\":'x'}}", FOLIO_ERR_SYNTAX, 1, 24,
         "expected a value, not '''"},
        {"{\"folio\":1,\"meta\":{\"a\":\"x\\qy\"}}", FOLIO_ERR_SYNTAX, 1, 26,
         "invalid escape '\\q'"},
        {"{\"folio\":1,\"meta\":{\"a\":\"\\u12\"}}", FOLIO_ERR_SYNTAX, 1, 25,
         "four hexadecimal digits"},
        {"{\"folio\":1,\"meta\":{\"a\":\"\\uD800\"}}", FOLIO_ERR_SYNTAX, 1,
         25, "surrogate"},
        {"{\"folio\":1,\"meta\":{\"a\":\"\\uDC00\"}}", FOLIO_ERR_SYNTAX, 1,
         25, "surrogate"},
        {"{\"folio\":1,\"meta\":{\"a\":\"\\uD800\\u0041\"}}", FOLIO_ERR_SYNTAX,
         1, 25, "surrogate"},
        {"{\"folio\":1,\"meta\":{\"a\":\"tab\there\"}}", FOLIO_ERR_SYNTAX, 1,
         28, "control character U+0009"},
        {"{\"folio\":1,\"meta\":{\"a\":\"x\"}}}", FOLIO_ERR_SYNTAX, 1, 29,
         "after the end of the document"},
        {"{\"folio\":1,\"meta\":{\"a\":1}", FOLIO_ERR_SYNTAX, 1, 26,
         "ends too early"},
        {"{\"folio\":1,\"meta\":{\"a\":\"x", FOLIO_ERR_SYNTAX, 1, 26,
         "ends inside a string"},
        {"{\"folio\":1 /* note */}", FOLIO_ERR_SYNTAX, 1, 12, "not '/'"},
        {"{\"folio\":1,\f\"meta\":{}}", FOLIO_ERR_SYNTAX, 1, 12,
         "not U+000C"},
        {"{\"folio\":1,\"meta\":{\"a\":\xC3\xA9}}", FOLIO_ERR_SYNTAX, 1, 24,
         "not '\xC3\xA9'"},
        {"{\"folio\":1,\r\n\"meta\":\r\n\xFF}", FOLIO_ERR_ENCODING, 3, 1,
         "invalid UTF-8 (byte 0xFF at offset 22)"},
        {"{\"folio\":1,\"meta\":{\"a\":\"\xE6\x97\"}}", FOLIO_ERR_ENCODING, 1,
         25, "invalid UTF-8"},
        {"{\"folio\":1,\"meta\":{\"a\":\"\xED\xA0\x80\"}}", FOLIO_ERR_ENCODING,
         1, 25, "invalid UTF-8"},
        {"{\"folio\":1,\"meta\":{\"a\":9223372036854775808}}",
         FOLIO_ERR_UNSUPPORTED, 1, 24, "does not fit in 64 bits"},
        {"{\"folio\":1,\"meta\":{\"a\":-9223372036854775809}}",
         FOLIO_ERR_UNSUPPORTED, 1, 24, "does not fit in 64 bits"},
        {"{\"folio\":1,\"meta\":{\"a\":-1e400}}", FOLIO_ERR_UNSUPPORTED, 1,
         24, "beyond the range of a double"},
        {"{\"folio\":1,\"blocks\":[{\"t\\u0000ype\":1}]}",
         FOLIO_ERR_UNSUPPORTED, 1, 23, "U+0000"},
        {"{\"folio\":1,\"x\\u0000\":1}", FOLIO_ERR_UNSUPPORTED, 1, 12,
         "U+0000"},
        {"{\"folio\":1,\"blocks\":[{\"type\":\"text\",\"type\":\"text\"}]}",
         FOLIO_ERR_SYNTAX, 1, 37, "duplicate member \"type\""},
        {"{\"folio\":1,\"meta\":{},\n\"meta\":{}}", FOLIO_ERR_SYNTAX, 2, 1,
         "duplicate member \"meta\""},
        {"{\"folio\":1,\"meta\":{\"k\":{\"a\":1,\"a\":2}}}", FOLIO_ERR_SYNTAX,
         1, 31, "duplicate member \"a\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        folio_doc *doc = NULL;
        folio_error err;
        folio_status status = read_json(cases[i].text, strlen(cases[i].text),
                                        NULL, &doc, &err);
        ck_assert_msg(status == cases[i].code, "case %zu: %s: %s", i,
                      folio_status_name(status), err.message);
        ck_assert_ptr_null(doc);
        ck_assert_msg(strstr(err.message, cases[i].message) != NULL,
                      "case %zu: %s", i, err.message);
        ck_assert_msg(err.line == cases[i].line &&
                          err.column == cases[i].column,
                      "case %zu: at %lu:%lu, expected %lu:%lu", i, err.line,
                      err.column, cases[i].line, cases[i].column);
        ck_assert(err.has_offset);
    }
}
END_TEST

START_TEST(test_strings_and_numbers)
{
    static const char text[] =
        "{\"folio\":1,\"meta\":{"
        "\"escapes\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u65E5\\ud83d\\ude00\","
        "\"raw\":\"\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80 \x7F\","
        "\"nul\":\"a\\u0000b\",\"\\u00e9\":true,\"\":null,"
        "\"zero\":-0,\"neg\":-0.0,\"small\":1e-400,\"e\":2E+2,\"f\":0.5e-1,"
        "\"min\":-9223372036854775808}}";
    folio_doc *doc = folio_test_read(json, KEY(text), NULL);
    size_t len;
    const char *s = folio_value_string(folio_meta_get(doc, "escapes"), &len);
    assert_same_bytes(s, len,
                      "\"\\/\b\f\n\r\t\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80",
                      17, "escapes");
    s = folio_value_string(folio_meta_get(doc, "raw"), &len);
    assert_same_bytes(s, len, "\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80 \x7F", 11,
                      "raw");
    s = folio_value_string(folio_meta_get(doc, "nul"), &len);
    assert_same_bytes(s, len, "a\0b", 3, "nul");
    ck_assert(folio_value_bool(folio_meta_get(doc, "\xC3\xA9")));
    ck_assert_int_eq(folio_value_get_type(folio_meta_get(doc, "")),
                     FOLIO_VALUE_NULL);
    const folio_value *zero = folio_meta_get(doc, "zero");
    ck_assert_int_eq(folio_value_get_type(zero), FOLIO_VALUE_INT);
    ck_assert(folio_value_int(zero) == 0);
    double neg = folio_value_float(folio_meta_get(doc, "neg"));
    ck_assert(neg == 0.0 && signbit(neg));
    ck_assert(folio_value_float(folio_meta_get(doc, "small")) == 0.0);
    ck_assert(folio_value_float(folio_meta_get(doc, "e")) == 200.0);
    ck_assert(folio_value_float(folio_meta_get(doc, "f")) == 0.05);
    ck_assert(folio_value_int(folio_meta_get(doc, "min")) == INT64_MIN);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_big_strings)
{
    /* 8 MiB of text in a node, without escapes (read in place) and with
     * escapes at its end (decoded into the parser's buffer). */
    enum { SIZE = 8 << 20 };
    static const char head[] =
        "{\"folio\":1,\"blocks\":[{\"type\":\"code_block\",\"text\":\"";
    for (int escaped = 0; escaped <= 1; escaped++) {
        char *text = malloc(sizeof head + SIZE + 32);
        ck_assert_ptr_nonnull(text);
        char *p = text + sprintf(text, "%s", head);
        for (size_t i = 0; i < SIZE; i++)
            *p++ = (char)('a' + i % 26);
        if (escaped)
            p += sprintf(p, "\\n\\u00e9");
        strcpy(p, "\"}]}");
        folio_doc *doc = folio_test_read(json, text, strlen(text), NULL);
        size_t len;
        const char *literal = folio_node_literal(
            folio_node_first_child(folio_doc_root(doc)), &len);
        ck_assert_uint_eq(len, SIZE + (escaped ? 3 : 0));
        ck_assert_mem_eq(literal, text + sizeof head - 1, SIZE);
        if (escaped)
            ck_assert_mem_eq(literal + SIZE, "\n\xC3\xA9", 3);
        folio_doc_free(doc);
        free(text);
    }
}
END_TEST

/* full_doc() as jansson writes it with its keys sorted: "children" before
 * "type", "text" before "type", "columns" after "children", "folio" after
 * "blocks"; malloc'd. */
static char *sorted_full_doc(size_t *len)
{
    folio_doc *doc = full_doc();
    size_t written;
    char *text = folio_test_write(json, doc, NULL, &written);
    json_error_t error;
    json_t *value = json_loadb(text, written, JSON_ALLOW_NUL, &error);
    ck_assert_msg(value != NULL, "%s", error.text);
    char *sorted = json_dumps(value, JSON_SORT_KEYS | JSON_INDENT(1));
    ck_assert_ptr_nonnull(sorted);
    *len = strlen(sorted);
    json_decref(value);
    free(text);
    folio_doc_free(doc);
    return sorted;
}

START_TEST(test_members_in_any_order)
{
    size_t len;
    char *sorted = sorted_full_doc(&len);
    ck_assert_ptr_nonnull(strstr(sorted, "\"children\": [\n"));
    ck_assert(strstr(sorted, "\"blocks\"") < strstr(sorted, "\"folio\""));
    folio_doc *doc = full_doc();
    folio_doc *back = folio_test_read(json, sorted, len, NULL);
    /* Sorting moved the metadata keys too. */
    assert_same_tree(doc, back);
    ck_assert_uint_eq(folio_value_count(folio_doc_meta(back)),
                      folio_value_count(folio_doc_meta(doc)));
    folio_doc_free(back);
    folio_doc_free(doc);
    free(sorted);

    /* A row's "header" after its cells, a table's "columns" after its rows,
     * a link's "url" after its children. */
    static const char text[] =
        "{\"blocks\":[{\"children\":[{\"children\":[{\"type\":\"table_cell\"},"
        "{\"type\":\"table_cell\"}],\"header\":true,\"type\":\"table_row\"},"
        "{\"type\":\"table_row\",\"children\":[{\"type\":\"table_cell\"}]}],"
        "\"type\":\"table\",\"columns\":2},"
        "{\"children\":[{\"children\":[{\"text\":\"x\",\"type\":\"text\"}],"
        "\"type\":\"link\",\"url\":\"u\"}],\"type\":\"paragraph\"}],"
        "\"folio\":1}";
    doc = folio_test_read(json, KEY(text), NULL);
    folio_node *table = folio_node_first_child(folio_doc_root(doc));
    ck_assert_int_eq(folio_node_table_columns(table), 2);
    ck_assert(folio_node_row_is_header(folio_node_first_child(table)));
    folio_node *link = folio_node_first_child(folio_node_next(table));
    size_t url_len;
    ck_assert_str_eq(folio_node_url(link, &url_len), "u");
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_errors_in_any_order)
{
    static const struct {
        const char *text;
        folio_status code;
        unsigned long column;
        const char *message;
    } cases[] = {
        /* Members before "type" are checked against it when it comes. */
        {"{\"folio\":1,\"blocks\":[{\"level\":2,\"type\":\"text\"}]}",
         FOLIO_ERR_SYNTAX, 31,
         "blocks[0].level: a text node has no member \"level\""},
        {"{\"folio\":1,\"blocks\":[{\"lvl\":2,\"type\":\"heading\"}]}",
         FOLIO_ERR_SYNTAX, 29, "blocks[0].lvl: no node has a member \"lvl\""},
        {"{\"folio\":1,\"blocks\":[{\"level\":9,\"type\":\"heading\"}]}",
         FOLIO_ERR_TREE, 31,
         "blocks[0].level: heading level 9 is not between 1 and 6"},
        /* Children before their parent's type are placed when it comes. */
        {"{\"folio\":1,\"blocks\":[{\"children\":[{\"type\":\"text\"},"
         "{\"type\":\"item\"}],\"type\":\"paragraph\"}]}",
         FOLIO_ERR_TREE, 51,
         "blocks[0].children[1]: an item cannot go in a paragraph"},
        {"{\"folio\":1,\"blocks\":[{\"children\":[],\"type\":\"text\"}]}",
         FOLIO_ERR_SYNTAX, 34,
         "blocks[0].children: a text node has no member \"children\""},
        /* Tables whose columns come after their rows. */
        {"{\"folio\":1,\"blocks\":[{\"type\":\"table\",\"children\":["
         "{\"type\":\"table_row\",\"children\":[{\"type\":\"table_cell\"},"
         "{\"type\":\"table_cell\"}]}],\"columns\":1}]}",
         FOLIO_ERR_TREE, 139,
         "blocks[0].columns: a row of a table of 1 columns cannot have 2 "
         "cells (children[0])"},
        {"{\"folio\":1,\"blocks\":[{\"type\":\"table\",\"children\":["
         "{\"type\":\"table_row\",\"children\":[{\"type\":\"table_cell\"}]}]}]}",
         FOLIO_ERR_TREE, 22,
         "blocks[0]: a row of a table of 0 columns cannot have 1 cells"},
        {"{\"folio\":1,\"blocks\":[{\"children\":[{\"type\":\"table_row\"},"
         "{\"children\":[],\"header\":true,\"type\":\"table_row\"}],"
         "\"type\":\"table\"}]}",
         FOLIO_ERR_TREE, 80, "blocks[0].children[1].header: a header row"},
        /* The version goes first, wherever "folio" is. */
        {"{\"blocks\":[{\"type\":\"sparkle\"}],\"folio\":2}", FOLIO_ERR_VERSION,
         40, "folio: schema version 2 is not supported"},
        {"{\"blocks\":[{\"type\":\"sparkle\"}],\"pos\":[[]]}",
         FOLIO_ERR_VERSION, 1, "no \"folio\" schema version"},
        {"{\"blocks\":[{\"type\":\"sparkle\"}],\"folio\":1}", FOLIO_ERR_SYNTAX,
         20, "blocks[0].type: unknown node type \"sparkle\""},
        /* A JSON error after the problem leaves the problem. */
        {"{\"blocks\":[{\"type\":\"sparkle\"}],\"meta\":[}", FOLIO_ERR_SYNTAX,
         20, "unknown node type"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        folio_doc *doc = NULL;
        folio_error err;
        folio_status status = read_json(cases[i].text, strlen(cases[i].text),
                                        NULL, &doc, &err);
        ck_assert_msg(status == cases[i].code, "case %zu: %s: %s", i,
                      folio_status_name(status), err.message);
        ck_assert_msg(strstr(err.message, cases[i].message) != NULL,
                      "case %zu: %s", i, err.message);
        ck_assert_msg(err.line == 1 && err.column == cases[i].column,
                      "case %zu: at %lu:%lu, expected 1:%lu", i, err.line,
                      err.column, cases[i].column);
    }
}
END_TEST

START_TEST(test_deep_before_the_version)
{
    /* A problem before "folio" makes the reader look for the version in
     * what follows; nesting there is still bounded, and the problem
     * stands. */
    char *lists = nested_lists(100000);
    size_t len = strlen(lists);
    lists[len - 1] = ',';
    char *text = malloc(len + 16);
    ck_assert_ptr_nonnull(text);
    sprintf(text, "%s\"folio\":2}", lists);
    folio_error err = read_fails(text, NULL, FOLIO_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "metadata nested deeper"));
    free(text);
    free(lists);
}
END_TEST

/* A host may run with a locale whose decimal point is ",": JSON's is not. */
START_TEST(test_floats_ignore_the_locale)
{
    if (!folio_test_use_comma_locale())
        return;
    folio_doc *doc = folio_test_read(
        json, KEY("{\"folio\":1,\"meta\":{\"a\":1.5,\"b\":-2.25e+3}}"), NULL);
    setlocale(LC_NUMERIC, "C");
    ck_assert(folio_value_float(folio_meta_get(doc, "a")) == 1.5);
    ck_assert(folio_value_float(folio_meta_get(doc, "b")) == -2250.0);
    folio_doc_free(doc);
}
END_TEST

/* ---- Writer errors -------------------------------------------------------- */

START_TEST(test_non_finite_floats_refused)
{
    folio_doc *doc = folio_doc_new();
    ck_assert_int_eq(folio_meta_set(doc, "score",
                                    folio_value_new_float(doc, NAN), NULL),
                     FOLIO_OK);
    folio_status status;
    folio_error err;
    size_t len;
    ck_assert_ptr_null(
        folio_test_try_write(json, doc, NULL, &len, &status, &err));
    ck_assert_int_eq(status, FOLIO_ERR_UNSUPPORTED);
    ck_assert_str_eq(err.message,
                     "meta.score: the float NaN cannot be written as JSON");
    folio_doc_free(doc);

    doc = folio_doc_new();
    folio_value *list = folio_value_new_list(doc);
    list_put(list, folio_value_new_int(doc, 1));
    list_put(list, folio_value_new_float(doc, -INFINITY));
    ck_assert_int_eq(folio_meta_set(doc, "odd key", list, NULL), FOLIO_OK);
    ck_assert_ptr_null(
        folio_test_try_write(json, doc, NULL, &len, &status, &err));
    ck_assert_int_eq(status, FOLIO_ERR_UNSUPPORTED);
    ck_assert_str_eq(err.message, "meta[\"odd key\"][1]: the float -infinity "
                                  "cannot be written as JSON");
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_unwritable_text_refused)
{
    folio_doc *doc = folio_doc_new();
    meta_put(folio_doc_meta(doc), KEY("a\0b"), folio_value_new_null(doc));
    folio_status status;
    folio_error err;
    size_t len;
    ck_assert_ptr_null(
        folio_test_try_write(json, doc, NULL, &len, &status, &err));
    ck_assert_int_eq(status, FOLIO_ERR_UNSUPPORTED);
    ck_assert_ptr_nonnull(strstr(err.message, "NUL"));
    folio_doc_free(doc);

    doc = folio_doc_new();
    folio_node *text = add_text(add(folio_doc_root(doc), FOLIO_NODE_PARAGRAPH),
                                "ok \xFF");
    set_pos(text, 3, 7, 3, 11);
    ck_assert_ptr_null(
        folio_test_try_write(json, doc, NULL, &len, &status, &err));
    ck_assert_int_eq(status, FOLIO_ERR_ENCODING);
    ck_assert_uint_eq(err.line, 3);
    ck_assert_uint_eq(err.column, 7);
    ck_assert_ptr_nonnull(strstr(err.message, "text node"));
    folio_doc_free(doc);
}
END_TEST

static int sink_calls;

static folio_status failing_sink(void *context, const char *data, size_t len,
                                 folio_error *err)
{
    (void)context;
    (void)data;
    (void)len;
    sink_calls++;
    return folio_error_set(err, FOLIO_ERR_IO, "disk full");
}

START_TEST(test_failing_sink)
{
    folio_doc *doc = full_doc();
    folio_error err;
    folio_sink *sink = folio_sink_new(failing_sink, NULL);
    ck_assert_ptr_nonnull(sink);
    ck_assert_int_eq(folio_format_write(json, doc, sink, NULL, &err),
                     FOLIO_ERR_IO);
    ck_assert_str_eq(err.message, "disk full");
    folio_sink_free(sink);
    folio_doc_free(doc);

    /* Big enough that the sink fails while the writer is still walking:
     * it stops at once and returns the sink's error. */
    doc = folio_doc_new();
    folio_node *root = folio_doc_root(doc);
    for (int i = 0; i < 20000; i++)
        add_text(add(root, FOLIO_NODE_PARAGRAPH), "some words of text");
    sink = folio_sink_new(failing_sink, NULL);
    sink_calls = 0;
    folio_error_clear(&err);
    ck_assert_int_eq(folio_format_plugin(json)->write(doc, sink, NULL, &err),
                     FOLIO_ERR_IO);
    ck_assert_str_eq(err.message, "disk full");
    ck_assert_int_eq(sink_calls, 1);
    folio_sink_free(sink);
    folio_doc_free(doc);
}
END_TEST

START_TEST(test_deep_documents_written)
{
    /* Trees and metadata built through the API may nest deeper than any
     * reader allows: the writer neither recurses nor refuses. */
    enum { DEPTH = 100000 };
    folio_doc *doc = folio_doc_new();
    folio_node *node = folio_doc_root(doc);
    for (int i = 0; i < DEPTH; i++)
        node = add(node, FOLIO_NODE_BLOCK_QUOTE);
    folio_value *value = folio_doc_meta(doc);
    for (int i = 0; i < DEPTH; i++) {
        folio_value *list = folio_value_new_list(doc);
        if (i == 0)
            meta_put(value, KEY("x"), list);
        else
            list_put(value, list);
        value = list;
    }
    folio_options *compact = folio_test_options("compact", "true", NULL);
    size_t len;
    char *text = folio_test_write(json, doc, compact, &len);
    char *quotes = nested_quotes(DEPTH);
    char *lists = nested_lists(DEPTH);
    /* The same bytes as the generators make, meta and blocks joined. */
    size_t lists_len = strlen(lists) - 2; /* without the closing "}}" */
    const char *blocks = quotes + strlen("{\"folio\":1,");
    ck_assert_uint_eq(len, lists_len + 2 + strlen(blocks) + 1);
    ck_assert_mem_eq(text, lists, lists_len);
    ck_assert_mem_eq(text + lists_len, "},", 2);
    ck_assert_mem_eq(text + lists_len + 2, blocks, strlen(blocks));
    ck_assert_int_eq(text[len - 1], '\n');
    free(lists);
    free(quotes);
    free(text);
    folio_options_free(compact);
    folio_doc_free(doc);
}
END_TEST

static Suite *json_suite(void)
{
    Suite *suite = suite_create("json");
    TCase *tc = tcase_create("json");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_descriptor);
    tcase_add_test(tc, test_entry_refuses_other_abi);
    tcase_add_test(tc, test_probe);
    tcase_add_test(tc, test_golden_output);
    tcase_add_test(tc, test_round_trip);
    tcase_add_test(tc, test_round_trip_compact);
    tcase_add_test(tc, test_scalars_written_exactly);
    tcase_add_test(tc, test_golden_file);
    tcase_add_test(tc, test_jansson_out_of_memory);
    tcase_add_test(tc, test_defaults_and_bom);
    tcase_add_test(tc, test_escaped_keys_and_spacing);
    tcase_add_test(tc, test_malformed_json);
    tcase_add_test(tc, test_invalid_utf8);
    tcase_add_test(tc, test_version);
    tcase_add_test(tc, test_unknown_node_type);
    tcase_add_test(tc, test_wrong_member_types);
    tcase_add_test(tc, test_positions_past_tricky_values);
    tcase_add_test(tc, test_illegal_tree);
    tcase_add_test(tc, test_long_paths_are_shortened);
    tcase_add_test(tc, test_depth_limit);
    tcase_add_test(tc, test_depth_100000);
    tcase_add_test(tc, test_bad_json_at_exact_places);
    tcase_add_test(tc, test_strings_and_numbers);
    tcase_add_test(tc, test_big_strings);
    tcase_add_test(tc, test_members_in_any_order);
    tcase_add_test(tc, test_errors_in_any_order);
    tcase_add_test(tc, test_deep_before_the_version);
    tcase_add_test(tc, test_floats_ignore_the_locale);
    tcase_add_test(tc, test_non_finite_floats_refused);
    tcase_add_test(tc, test_unwritable_text_refused);
    tcase_add_test(tc, test_failing_sink);
    tcase_add_test(tc, test_deep_documents_written);
    suite_add_tcase(suite, tc);
    return suite;
}

int main(void)
{
    return folio_test_run(json_suite());
}
