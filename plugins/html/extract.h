/*
 * Private to article extraction (extract.c, extract_chrome.c): the figures
 * kept for each element and the state of a pass. extract.c's opening
 * comment describes the method.
 */
#ifndef FOLIO_HTML_EXTRACT_H
#define FOLIO_HTML_EXTRACT_H

#include "html.h"

typedef struct figures {
    size_t text;         /* characters of visible text */
    size_t link_text;    /* ... inside links */
    size_t heading_text; /* ... inside headings */
    unsigned commas;
    unsigned paragraphs;
    unsigned images;
    unsigned items;      /* li */
    unsigned inputs;
    unsigned embeds;
    unsigned quotes;     /* blockquote */
    double score;
    bool candidate;      /* has a score */
    bool removed;
} figures;

typedef struct pass {
    bool strip_unlikely;    /* step 1 by class and id */
    bool weigh_classes;     /* class and id weights in step 2 */
    bool clean_conditionally;
} pass;

/* What stays the same from pass to pass, worked out once per element:
 * its tag at once, what its attributes say when first asked (most
 * elements of a real page sit in chrome that goes whole, or never need
 * a class weight). */
typedef struct traits {
    xmlNode *node;      /* the element */
    html_tag tag;
    /* Whether it wraps the article itself: its <h1>, a <main> or an
     * element marked as the article's body. A page's outer wrapper may
     * well have "header" or "sidebar" in its class. */
    bool wraps_article;
    bool read;          /* the fields below are filled */
    int class_weight;   /* +25 or -25 for each of class and id that looks
                           like content or like chrome (Readability's) */
    bool hidden;        /* hidden, aria-hidden or display:none */
    bool chrome_role;   /* a role such as navigation or banner */
    bool unlikely;      /* class or id say chrome, and none says content */
    bool says_embed;    /* class or id say "embed" */
} traits;

typedef struct extractor {
    xmlNode *body;
    /* By element, in document order: a loop over all elements goes
     * through these arrays rather than the DOM, whose nodes (text ones
     * too) lie all over memory. */
    figures *table;
    traits *traits;
    size_t count;
    const html_page_info *info;
} extractor;


/* The figures of an element of the body. */
static inline figures *fig(const xmlNode *node)
{
    return (figures *)node->_private;
}

static inline size_t extract_index_of(const extractor *x, const xmlNode *node)
{
    return (size_t)(fig(node) - x->table);
}

/* The traits of an element of the body known from the start: the node,
 * its tag, wraps_article. */
static inline const traits *trait(const extractor *x, const xmlNode *node)
{
    return &x->traits[extract_index_of(x, node)];
}

/* ---- extract_chrome.c ------------------------------------------------------- */

/* Fills t for an element but for what its attributes say (see
 * extract_traits), and wraps_article only for the element itself (an
 * <h1>, a <main>, the article's body), not yet for what it holds. */
void extract_traits_init(traits *t, const xmlNode *node);

/* The traits of an element of the body, what its attributes say
 * included. */
const traits *extract_traits(const extractor *x, const xmlNode *node);

/* Whether pass p removes node in step 1: never shown, hidden, or chrome by
 * its tag, role, class or id. */
bool extract_is_chrome(const extractor *x, const xmlNode *node,
                       const pass *p);

/* Whether a short block reads like boilerplate: "Related:", "Read more",
 * "Subscribe", "Updated:", "Copyright"..., or is a dateline (a short note
 * around a <time>). */
bool extract_is_boilerplate(const xmlNode *node);

#endif
