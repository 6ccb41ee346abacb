/* Comparing documents in the markdown plugin's tests. */
#ifndef FOLIO_TREE_COMPARE_H
#define FOLIO_TREE_COMPARE_H

#include <stdbool.h>
#include <folio/doc.h>

/* Whether two trees and their metadata are the same, ignoring source
 * positions; on a difference, a description goes to stderr. */
bool md_test_same_doc(const folio_doc *a, const folio_doc *b);

#endif
