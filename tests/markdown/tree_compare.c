/*
 * Comparing two documents, trees and metadata, without source positions:
 * what a round trip must keep.
 */
#include "tree_compare.h"

#include <folio/meta.h>
#include <folio/node.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool same_text(const char *a, size_t a_len, const char *b,
                      size_t b_len)
{
    return a_len == b_len && (a_len == 0 || memcmp(a, b, a_len) == 0);
}

static bool same_value(const folio_value *a, const folio_value *b,
                       const char *where)
{
    /* Iterative, like everything walking input-controlled depth. */
    struct pair {
        const folio_value *a, *b;
    } *stack = malloc(sizeof *stack * 1024);
    size_t depth = 0, size = 1024;
    stack[depth++] = (struct pair){a, b};
    bool same = true;
    while (same && depth > 0) {
        struct pair p = stack[--depth];
        folio_value_type type = folio_value_get_type(p.a);
        size_t la, lb;
        const char *sa, *sb;
        if (type != folio_value_get_type(p.b)) {
            same = false;
            break;
        }
        switch (type) {
        case FOLIO_VALUE_BOOL:
            same = folio_value_bool(p.a) == folio_value_bool(p.b);
            break;
        case FOLIO_VALUE_INT:
            same = folio_value_int(p.a) == folio_value_int(p.b);
            break;
        case FOLIO_VALUE_FLOAT: {
            double x = folio_value_float(p.a), y = folio_value_float(p.b);
            same = (isnan(x) && isnan(y)) ||
                   (x == y && signbit(x) == signbit(y));
            break;
        }
        case FOLIO_VALUE_STRING:
            sa = folio_value_string(p.a, &la);
            sb = folio_value_string(p.b, &lb);
            same = same_text(sa, la, sb, lb);
            if (!same)
                fprintf(stderr, "%s: string '%s' != '%s'\n", where, sa, sb);
            break;
        case FOLIO_VALUE_LIST:
        case FOLIO_VALUE_MAP:
            if (folio_value_count(p.a) != folio_value_count(p.b)) {
                same = false;
                break;
            }
            for (size_t i = 0; i < folio_value_count(p.a); i++) {
                if (depth == size) {
                    size *= 2;
                    stack = realloc(stack, sizeof *stack * size);
                }
                if (type == FOLIO_VALUE_MAP) {
                    sa = folio_value_map_key(p.a, i, &la);
                    sb = folio_value_map_key(p.b, i, &lb);
                    if (!same_text(sa, la, sb, lb)) {
                        fprintf(stderr, "%s: key '%s' != '%s'\n", where, sa,
                                sb);
                        same = false;
                    }
                    stack[depth++] = (struct pair){
                        folio_value_map_value(p.a, i),
                        folio_value_map_value(p.b, i)};
                } else {
                    stack[depth++] = (struct pair){
                        folio_value_list_get(p.a, i),
                        folio_value_list_get(p.b, i)};
                }
            }
            break;
        default:
            break;
        }
    }
    free(stack);
    if (!same)
        fprintf(stderr, "%s: metadata differs\n", where);
    return same;
}

static bool same_node(const folio_node *a, const folio_node *b)
{
    size_t la, lb;
    const char *sa, *sb;
    if (folio_node_get_type(a) != folio_node_get_type(b))
        return false;
    sa = folio_node_literal(a, &la);
    sb = folio_node_literal(b, &lb);
    if ((sa != NULL) != (sb != NULL) ||
        (sa != NULL && !same_text(sa, la, sb, lb)))
        return false;
    sa = folio_node_url(a, &la);
    sb = folio_node_url(b, &lb);
    if ((sa != NULL) != (sb != NULL) ||
        (sa != NULL && !same_text(sa, la, sb, lb)))
        return false;
    sa = folio_node_title(a, &la);
    sb = folio_node_title(b, &lb);
    if ((sa != NULL) != (sb != NULL) ||
        (sa != NULL && !same_text(sa, la, sb, lb)))
        return false;
    sa = folio_node_code_info(a, &la);
    sb = folio_node_code_info(b, &lb);
    if ((sa != NULL) != (sb != NULL) ||
        (sa != NULL && !same_text(sa, la, sb, lb)))
        return false;
    int columns = folio_node_table_columns(a);
    if (columns != folio_node_table_columns(b) ||
        folio_node_row_is_header(a) != folio_node_row_is_header(b))
        return false;
    for (int i = 0; i < columns; i++)
        if (folio_node_table_alignment(a, i) !=
            folio_node_table_alignment(b, i))
            return false;
    return folio_node_heading_level(a) == folio_node_heading_level(b) &&
           folio_node_list_type(a) == folio_node_list_type(b) &&
           folio_node_list_start(a) == folio_node_list_start(b) &&
           folio_node_list_tight(a) == folio_node_list_tight(b) &&
           folio_node_list_delimiter(a) == folio_node_list_delimiter(b);
}

bool md_test_same_doc(const folio_doc *a, const folio_doc *b)
{
    if (!same_value(folio_doc_meta(a), folio_doc_meta(b), "meta"))
        return false;
    const folio_node *ra = folio_doc_root(a), *rb = folio_doc_root(b);
    folio_node *na = (folio_node *)ra, *nb = (folio_node *)rb;
    folio_walk_event ea = FOLIO_WALK_NONE, eb = FOLIO_WALK_NONE;
    for (;;) {
        bool more_a = folio_walk_next(ra, &na, &ea);
        bool more_b = folio_walk_next(rb, &nb, &eb);
        if (more_a != more_b)
            return false;
        if (!more_a)
            return true;
        if (ea != eb || !same_node(na, nb)) {
            folio_pos pa = folio_node_position(na);
            folio_pos pb = folio_node_position(nb);
            fprintf(stderr, "trees differ: %s (line %u) != %s (line %u)\n",
                    folio_node_type_name(folio_node_get_type(na)),
                    pa.start_line,
                    folio_node_type_name(folio_node_get_type(nb)),
                    pb.start_line);
            return false;
        }
    }
}

