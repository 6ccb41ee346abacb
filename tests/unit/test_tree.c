/* The document tree: building, the containment rules, walking, checking. */
#include <check.h>
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

static folio_node *new_node(folio_node_type type)
{
    folio_node *node = folio_node_new(doc, type);
    ck_assert_ptr_nonnull(node);
    return node;
}

static folio_node *append_new(folio_node *parent, folio_node_type type)
{
    folio_node *node = new_node(type);
    folio_error err;
    ck_assert_int_eq(folio_node_append(parent, node, &err), FOLIO_OK);
    return node;
}

static folio_node *text(const char *s)
{
    folio_node *node = new_node(FOLIO_NODE_TEXT);
    ck_assert_int_eq(folio_node_set_literal(node, s, strlen(s), NULL),
                     FOLIO_OK);
    return node;
}

START_TEST(test_new_document_is_empty_and_valid)
{
    folio_node *root = folio_doc_root(doc);
    ck_assert_int_eq(folio_node_get_type(root), FOLIO_NODE_DOCUMENT);
    ck_assert_ptr_null(folio_node_first_child(root));
    ck_assert_uint_eq(folio_value_count(folio_doc_meta(doc)), 0);
    ck_assert_int_eq(folio_doc_check(doc, NULL), FOLIO_OK);
}
END_TEST

START_TEST(test_every_type_has_a_unique_name)
{
    for (int t = 1; t <= FOLIO_NODE_TYPE_LAST; t++) {
        const char *name = folio_node_type_name((folio_node_type)t);
        ck_assert_str_ne(name, "none");
        ck_assert_int_eq(folio_node_type_from_name(name, strlen(name)), t);
        ck_assert(folio_node_type_is_block((folio_node_type)t) !=
                  folio_node_type_is_inline((folio_node_type)t));
    }
    ck_assert_int_eq(folio_node_type_from_name("paragraphs", 10),
                     FOLIO_NODE_NONE);
    ck_assert_int_eq(folio_node_type_from_name("para", 4), FOLIO_NODE_NONE);
    ck_assert_ptr_null(folio_node_new(doc, FOLIO_NODE_DOCUMENT));
    ck_assert_ptr_null(folio_node_new(doc, (folio_node_type)99));
}
END_TEST

START_TEST(test_illegal_children_are_refused)
{
    folio_node *root = folio_doc_root(doc);
    folio_node *paragraph = append_new(root, FOLIO_NODE_PARAGRAPH);
    folio_error err;
    /* An item outside a list. */
    folio_node *item = new_node(FOLIO_NODE_ITEM);
    ck_assert_int_eq(folio_node_append(root, item, &err), FOLIO_ERR_TREE);
    ck_assert_ptr_nonnull(strstr(err.message, "item"));
    /* A block inside an inline. */
    folio_node *emph = append_new(paragraph, FOLIO_NODE_EMPH);
    folio_node *quote = new_node(FOLIO_NODE_BLOCK_QUOTE);
    ck_assert_int_eq(folio_node_append(emph, quote, &err), FOLIO_ERR_TREE);
    ck_assert_ptr_nonnull(strstr(err.message, "block_quote"));
    ck_assert_ptr_nonnull(strstr(err.message, "emph"));
    /* An inline directly in the document; a child under a leaf. */
    ck_assert_int_eq(folio_node_append(root, text("x"), &err), FOLIO_ERR_TREE);
    folio_node *code = append_new(root, FOLIO_NODE_CODE_BLOCK);
    ck_assert_int_eq(folio_node_append(code, text("x"), &err),
                     FOLIO_ERR_TREE);
    /* A list holds only items. */
    folio_node *list = append_new(root, FOLIO_NODE_LIST);
    ck_assert_int_eq(folio_node_append(list, new_node(FOLIO_NODE_PARAGRAPH),
                                       &err),
                     FOLIO_ERR_TREE);
    /* Nothing was linked by the refusals. */
    ck_assert_ptr_null(folio_node_parent(item));
    ck_assert_ptr_null(folio_node_first_child(emph));
    ck_assert_ptr_null(folio_node_first_child(list));
    ck_assert_int_eq(folio_doc_check(doc, &err), FOLIO_OK);
}
END_TEST

START_TEST(test_nodes_link_once_and_never_into_themselves)
{
    folio_node *root = folio_doc_root(doc);
    folio_node *outer = append_new(root, FOLIO_NODE_BLOCK_QUOTE);
    folio_node *inner = append_new(outer, FOLIO_NODE_BLOCK_QUOTE);
    folio_error err;
    ck_assert_int_eq(folio_node_append(root, inner, &err), FOLIO_ERR_TREE);
    folio_node_unlink(outer);
    ck_assert_int_eq(folio_node_append(inner, outer, &err), FOLIO_ERR_TREE);
    ck_assert_int_eq(folio_node_append(outer, outer, &err), FOLIO_ERR_TREE);
    folio_doc *other = folio_doc_new();
    folio_node *stranger = folio_node_new(other, FOLIO_NODE_PARAGRAPH);
    ck_assert_int_eq(folio_node_append(root, stranger, &err), FOLIO_ERR_TREE);
    folio_doc_free(other);
    ck_assert_int_eq(folio_node_append(root, outer, &err), FOLIO_OK);
    ck_assert_int_eq(folio_doc_check(doc, &err), FOLIO_OK);
}
END_TEST

START_TEST(test_insert_and_unlink_keep_sibling_order)
{
    folio_node *root = folio_doc_root(doc);
    folio_node *b = append_new(root, FOLIO_NODE_PARAGRAPH);
    folio_node *a = new_node(FOLIO_NODE_HEADING);
    folio_node *c = new_node(FOLIO_NODE_THEMATIC_BREAK);
    folio_node *d = new_node(FOLIO_NODE_CODE_BLOCK);
    ck_assert_int_eq(folio_node_insert_before(b, a, NULL), FOLIO_OK);
    ck_assert_int_eq(folio_node_insert_after(b, c, NULL), FOLIO_OK);
    ck_assert_int_eq(folio_node_prepend(root, d, NULL), FOLIO_OK);
    folio_node *expected[] = {d, a, b, c};
    folio_node *node = folio_node_first_child(root);
    for (size_t i = 0; i < 4; i++, node = folio_node_next(node))
        ck_assert_ptr_eq(node, expected[i]);
    ck_assert_ptr_null(node);
    ck_assert_ptr_eq(folio_node_last_child(root), c);
    folio_node_unlink(a);
    ck_assert_ptr_eq(folio_node_next(d), b);
    ck_assert_ptr_eq(folio_node_previous(b), d);
    folio_node_unlink(c);
    ck_assert_ptr_eq(folio_node_last_child(root), b);
    ck_assert_int_eq(folio_doc_check(doc, NULL), FOLIO_OK);
    /* Beside a detached node there is no place to link. */
    ck_assert_int_eq(folio_node_insert_after(a, c, NULL), FOLIO_ERR_TREE);
}
END_TEST

START_TEST(test_figure_caption_must_be_last)
{
    folio_node *figure = append_new(folio_doc_root(doc), FOLIO_NODE_FIGURE);
    folio_node *paragraph = append_new(figure, FOLIO_NODE_PARAGRAPH);
    append_new(paragraph, FOLIO_NODE_IMAGE);
    folio_node *caption = append_new(figure, FOLIO_NODE_CAPTION);
    ck_assert_int_eq(folio_node_append(figure, new_node(FOLIO_NODE_PARAGRAPH),
                                       NULL),
                     FOLIO_ERR_TREE);
    ck_assert_int_eq(folio_node_append(figure, new_node(FOLIO_NODE_CAPTION),
                                       NULL),
                     FOLIO_ERR_TREE);
    ck_assert_int_eq(folio_node_insert_before(paragraph,
                                              new_node(FOLIO_NODE_CAPTION),
                                              NULL),
                     FOLIO_ERR_TREE);
    ck_assert_int_eq(folio_node_append(caption, text("A harbour"), NULL),
                     FOLIO_OK);
    ck_assert_int_eq(folio_doc_check(doc, NULL), FOLIO_OK);
}
END_TEST

START_TEST(test_table_cells_hold_inlines_or_blocks)
{
    folio_node *table = append_new(folio_doc_root(doc), FOLIO_NODE_TABLE);
    ck_assert_int_eq(folio_node_set_table_columns(table, 2, NULL), FOLIO_OK);
    ck_assert_int_eq(folio_node_set_table_alignment(table, 1,
                                                    FOLIO_ALIGN_RIGHT, NULL),
                     FOLIO_OK);
    ck_assert_int_eq(folio_node_set_table_alignment(table, 2,
                                                    FOLIO_ALIGN_LEFT, NULL),
                     FOLIO_ERR_TREE);
    folio_node *row = append_new(table, FOLIO_NODE_TABLE_ROW);
    ck_assert_int_eq(folio_node_set_row_header(row, true, NULL), FOLIO_OK);
    folio_node *cell = append_new(row, FOLIO_NODE_TABLE_CELL);
    ck_assert_int_eq(folio_node_append(cell, text("a"), NULL), FOLIO_OK);
    ck_assert_int_eq(folio_node_append(cell, new_node(FOLIO_NODE_PARAGRAPH),
                                       NULL),
                     FOLIO_ERR_TREE);
    folio_node *block_cell = append_new(row, FOLIO_NODE_TABLE_CELL);
    append_new(block_cell, FOLIO_NODE_PARAGRAPH);
    ck_assert_int_eq(folio_node_append(block_cell, text("b"), NULL),
                     FOLIO_ERR_TREE);
    ck_assert_int_eq(folio_node_append(table, new_node(FOLIO_NODE_TABLE_CELL),
                                       NULL),
                     FOLIO_ERR_TREE);
    ck_assert_int_eq(folio_doc_check(doc, NULL), FOLIO_OK);
    ck_assert_int_eq(folio_node_table_alignment(table, 1), FOLIO_ALIGN_RIGHT);
    ck_assert_int_eq(folio_node_table_alignment(table, 7), FOLIO_ALIGN_NONE);
    /* The checker refuses a row wider than the table, and a header row
     * after a body row. */
    append_new(row, FOLIO_NODE_TABLE_CELL);
    folio_error err;
    ck_assert_int_eq(folio_doc_check(doc, &err), FOLIO_ERR_TREE);
    ck_assert_ptr_nonnull(strstr(err.message, "columns"));
    folio_node_unlink(folio_node_last_child(row));
    folio_node *body = append_new(table, FOLIO_NODE_TABLE_ROW);
    (void)body;
    folio_node *late_header = append_new(table, FOLIO_NODE_TABLE_ROW);
    folio_node_set_row_header(late_header, true, NULL);
    ck_assert_int_eq(folio_doc_check(doc, &err), FOLIO_ERR_TREE);
    ck_assert_ptr_nonnull(strstr(err.message, "header"));
}
END_TEST

START_TEST(test_fields_belong_to_their_types)
{
    folio_node *heading = new_node(FOLIO_NODE_HEADING);
    folio_error err;
    ck_assert_int_eq(folio_node_heading_level(heading), 1);
    ck_assert_int_eq(folio_node_set_heading_level(heading, 6, &err), FOLIO_OK);
    ck_assert_int_eq(folio_node_set_heading_level(heading, 7, &err),
                     FOLIO_ERR_TREE);
    ck_assert_int_eq(folio_node_heading_level(heading), 6);
    ck_assert_int_eq(folio_node_set_literal(heading, "x", 1, &err),
                     FOLIO_ERR_TREE);
    ck_assert_ptr_nonnull(strstr(err.message, "heading"));
    ck_assert_ptr_null(folio_node_literal(heading, NULL));

    folio_node *link = new_node(FOLIO_NODE_LINK);
    ck_assert_int_eq(folio_node_set_url(link, "https://a.example/", 18, NULL),
                     FOLIO_OK);
    ck_assert_int_eq(folio_node_set_title(link, "say \"hi\"", 8, NULL),
                     FOLIO_OK);
    ck_assert_str_eq(folio_node_url(link, NULL), "https://a.example/");
    ck_assert_str_eq(folio_node_title(link, NULL), "say \"hi\"");
    ck_assert_int_eq(folio_node_set_code_info(link, "c", 1, NULL),
                     FOLIO_ERR_TREE);

    folio_node *code = new_node(FOLIO_NODE_CODE_BLOCK);
    static const char with_nul[] = {'a', '\0', 'b'};
    size_t len;
    ck_assert_int_eq(folio_node_set_literal(code, with_nul, 3, NULL), FOLIO_OK);
    ck_assert_int_eq(folio_node_set_code_info(code, "python", 6, NULL),
                     FOLIO_OK);
    ck_assert_mem_eq(folio_node_literal(code, &len), with_nul, 3);
    ck_assert_uint_eq(len, 3);
    ck_assert_str_eq(folio_node_code_info(code, NULL), "python");

    folio_node *list = new_node(FOLIO_NODE_LIST);
    ck_assert(folio_node_list_tight(list));
    ck_assert_int_eq(folio_node_list_start(list), 1);
    ck_assert_int_eq(folio_node_set_list(list, FOLIO_LIST_ORDERED, 3, false,
                                         FOLIO_DELIM_PAREN, NULL),
                     FOLIO_OK);
    ck_assert_int_eq(folio_node_list_type(list), FOLIO_LIST_ORDERED);
    ck_assert_int_eq(folio_node_list_start(list), 3);
    ck_assert(!folio_node_list_tight(list));
    ck_assert_int_eq(folio_node_list_delimiter(list), FOLIO_DELIM_PAREN);
    ck_assert_int_eq(folio_node_set_list(list, FOLIO_LIST_ORDERED, -1, false,
                                         FOLIO_DELIM_PAREN, NULL),
                     FOLIO_ERR_TREE);

    folio_pos pos = {3, 5, 4, 9};
    folio_node_set_position(code, pos);
    ck_assert_uint_eq(folio_node_position(code).start_line, 3);
    ck_assert_uint_eq(folio_node_position(code).end_column, 9);
}
END_TEST

START_TEST(test_enum_names_round_trip)
{
    for (int a = FOLIO_ALIGN_NONE; a <= FOLIO_ALIGN_RIGHT; a++) {
        const char *name = folio_align_name((folio_align)a);
        ck_assert_int_eq(folio_align_from_name(name, strlen(name)), a);
    }
    ck_assert_int_eq(folio_list_type_from_name("ordered", 7),
                     FOLIO_LIST_ORDERED);
    ck_assert_int_eq(folio_list_delimiter_from_name("paren", 5),
                     FOLIO_DELIM_PAREN);
    ck_assert_int_eq(folio_list_type_from_name("numbered", 8), -1);
}
END_TEST

/* Walk events of a small tree, as a string: "<doc <p text p> hr doc>". */
START_TEST(test_walk_gives_enter_and_exit_events)
{
    folio_node *root = folio_doc_root(doc);
    folio_node *paragraph = append_new(root, FOLIO_NODE_PARAGRAPH);
    folio_node_append(paragraph, text("hi"), NULL);
    append_new(paragraph, FOLIO_NODE_STRONG);
    append_new(root, FOLIO_NODE_THEMATIC_BREAK);
    char trace[256] = "";
    folio_node *node = root;
    folio_walk_event event = FOLIO_WALK_NONE;
    while (folio_walk_next(root, &node, &event)) {
        strcat(trace, event == FOLIO_WALK_ENTER ? "+" : "-");
        strcat(trace, folio_node_type_name(folio_node_get_type(node)));
        strcat(trace, " ");
    }
    ck_assert_str_eq(trace, "+document +paragraph +text +strong -strong "
                            "-paragraph +thematic_break -document ");
    /* A walk of a subtree stays inside it. */
    node = paragraph;
    event = FOLIO_WALK_NONE;
    int steps = 0;
    while (folio_walk_next(paragraph, &node, &event))
        steps++;
    ck_assert_int_eq(steps, 5);
}
END_TEST

enum { DEEP = 100000 };

START_TEST(test_deep_trees_walk_check_and_free_without_recursion)
{
    folio_node *parent = folio_doc_root(doc);
    for (int i = 0; i < DEEP; i++)
        parent = append_new(parent, FOLIO_NODE_BLOCK_QUOTE);
    folio_node *paragraph = append_new(parent, FOLIO_NODE_PARAGRAPH);
    folio_node *inline_parent = paragraph;
    for (int i = 0; i < DEEP; i++)
        inline_parent = append_new(inline_parent, FOLIO_NODE_EMPH);
    ck_assert_int_eq(folio_doc_check(doc, NULL), FOLIO_OK);
    size_t enters = 0;
    folio_node *root = folio_doc_root(doc);
    folio_node *node = root;
    folio_walk_event event = FOLIO_WALK_NONE;
    while (folio_walk_next(root, &node, &event))
        enters += event == FOLIO_WALK_ENTER;
    ck_assert_uint_eq(enters, 2 * DEEP + 2);
}
END_TEST

START_TEST(test_checker_refuses_invalid_utf8)
{
    folio_node *paragraph = append_new(folio_doc_root(doc),
                                       FOLIO_NODE_PARAGRAPH);
    folio_node *bad = new_node(FOLIO_NODE_TEXT);
    folio_node_set_literal(bad, "caf\xe9", 4, NULL);
    folio_node_set_position(bad, (folio_pos){7, 3, 7, 6});
    folio_node_append(paragraph, bad, NULL);
    folio_error err;
    ck_assert_int_eq(folio_doc_check(doc, &err), FOLIO_ERR_TREE);
    ck_assert_ptr_nonnull(strstr(err.message, "UTF-8"));
    ck_assert_uint_eq(err.line, 7);
    ck_assert_uint_eq(err.column, 3);
}
END_TEST

START_TEST(test_arena_serves_small_and_large_allocations)
{
    size_t before = folio_doc_memory_used(doc);
    char *small = folio_doc_alloc(doc, 10);
    char *large = folio_doc_alloc(doc, 5 * 1024 * 1024);
    char *after_large = folio_doc_alloc(doc, 10);
    ck_assert_ptr_nonnull(small);
    ck_assert_ptr_nonnull(large);
    ck_assert_ptr_nonnull(after_large);
    ck_assert_int_eq(large[5 * 1024 * 1024 - 1], 0);
    memset(large, 'x', 5 * 1024 * 1024);
    /* The large block did not retire the current one: the small object
     * after it came from the same block as the first. */
    ck_assert((size_t)(after_large - small) < 4096);
    ck_assert_uint_ge(folio_doc_memory_used(doc), before + 5 * 1024 * 1024);
    ck_assert_ptr_null(folio_doc_alloc(doc, 0));
    ck_assert_ptr_null(folio_doc_alloc(doc, (size_t)-1));
    char *copy = folio_doc_strndup(doc, "abc", 2);
    ck_assert_str_eq(copy, "ab");
}
END_TEST

static Suite *tree_suite(void)
{
    Suite *suite = suite_create("tree");
    TCase *tc = tcase_create("tree");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_new_document_is_empty_and_valid);
    tcase_add_test(tc, test_every_type_has_a_unique_name);
    tcase_add_test(tc, test_illegal_children_are_refused);
    tcase_add_test(tc, test_nodes_link_once_and_never_into_themselves);
    tcase_add_test(tc, test_insert_and_unlink_keep_sibling_order);
    tcase_add_test(tc, test_figure_caption_must_be_last);
    tcase_add_test(tc, test_table_cells_hold_inlines_or_blocks);
    tcase_add_test(tc, test_fields_belong_to_their_types);
    tcase_add_test(tc, test_enum_names_round_trip);
    tcase_add_test(tc, test_walk_gives_enter_and_exit_events);
    tcase_add_test(tc, test_deep_trees_walk_check_and_free_without_recursion);
    tcase_add_test(tc, test_checker_refuses_invalid_utf8);
    tcase_add_test(tc, test_arena_serves_small_and_large_allocations);
    suite_add_tcase(suite, tc);
    return suite;
}

int main(void)
{
    return folio_test_run(tree_suite());
}
