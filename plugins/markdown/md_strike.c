/*
 * Strikethrough, step two: pairing the marked tilde runs (md_tilde.c) in
 * cmark's tree, within each inline container (paragraph, heading,
 * emphasis, link...) as GFM pairs delimiters: a run that can close takes
 * the nearest run before it that can open, unless both could do both and
 * their lengths add up to a multiple of three; runs of different lengths
 * make no strikethrough but still cancel each other and all between.
 * What lies between a pair goes into a CMARK_NODE_CUSTOM_INLINE.
 *
 * cmark has paired emphasis already, and a pair cannot straddle an
 * emphasis or a link. GFM pairs tildes and emphasis in one pass, so where
 * they overlap ("~~a *b~~ c*") emphasis wins here, where GFM would strike.
 */
#include "md_parse.h"

#include <stdlib.h>
#include <string.h>

typedef struct run {
    cmark_node *text;   /* the text node holding it, then its own node */
    size_t offset;      /* in the text's literal */
    size_t length;      /* tildes */
    bool open, close;
    size_t prev, next;  /* the runs not yet paired or dropped */
    bool paired;
} run;

#define NONE ((size_t)-1)

typedef struct pairing {
    run *runs;
    size_t count, size;
    size_t (*pairs)[2];
    size_t pair_count, pair_size;
    char *buf;
    size_t buf_size;
    bool nomem;
} pairing;

/* p, or p grown to room for need items of item bytes (counting in
 * *size); p again, with nomem set, when out of memory. */
static void *reserve(pairing *pr, void *p, size_t *size, size_t need,
                     size_t item)
{
    if (need <= *size)
        return p;
    size_t n = *size ? *size : 16;
    while (n < need)
        n *= 2;
    void *q = realloc(p, n * item);
    if (q == NULL) {
        pr->nomem = true;
        return p;
    }
    *size = n;
    return q;
}

/* Whether array has room for need items, growing it if not. */
#define RESERVE(pr, array, size, need)                                       \
    ((array) = reserve((pr), (array), &(size), (need), sizeof *(array)),     \
     !(pr)->nomem)

static void add_runs(pairing *p, cmark_node *text)
{
    const char *s = cmark_node_get_literal(text);
    size_t len = s != NULL ? strlen(s) : 0;
    bool open, close;
    for (size_t i = 0; i < len; i++) {
        if (!md_tilde_marker_at(s, len, i, &open, &close))
            continue;
        size_t n = 1;
        bool o2, c2;
        while (md_tilde_marker_at(s, len, i + n * MD_MARKER_LEN, &o2, &c2) &&
               o2 == open && c2 == close)
            n++;
        if (!RESERVE(p, p->runs, p->size, p->count + 1))
            return;
        p->runs[p->count] = (run){text, i, n, open, close, NONE, NONE, false};
        p->count++;
        i += n * MD_MARKER_LEN - 1;
    }
}

/* Takes runs first to last out of the list. */
static void drop(pairing *p, size_t first, size_t last, size_t *head,
                 size_t bottom[3][2])
{
    size_t before = p->runs[first].prev, after = p->runs[last].next;
    if (before == NONE)
        *head = after;
    else
        p->runs[before].next = after;
    if (after != NONE)
        p->runs[after].prev = before;
    /* A search bound among them moves down to what is left below. */
    for (int i = 0; i < 3; i++)
        for (int k = 0; k < 2; k++)
            if (bottom[i][k] != NONE && bottom[i][k] >= first &&
                bottom[i][k] <= last)
                bottom[i][k] = before;
}

/* GFM's process_emphasis, for tildes alone. bottom[length % 3][can open]
 * is how far down a closer of that kind need not look again. */
static void match(pairing *p)
{
    size_t head = p->count > 0 ? 0 : NONE;
    for (size_t i = 0; i < p->count; i++) {
        p->runs[i].prev = i > 0 ? i - 1 : NONE;
        p->runs[i].next = i + 1 < p->count ? i + 1 : NONE;
    }
    size_t bottom[3][2] = {{NONE, NONE}, {NONE, NONE}, {NONE, NONE}};
    size_t c = head;
    while (c != NONE) {
        run *closer = &p->runs[c];
        size_t next = closer->next;
        if (!closer->close) {
            c = next;
            continue;
        }
        size_t *floor = &bottom[closer->length % 3][closer->open];
        size_t o = closer->prev;
        while (o != NONE && o != *floor) {
            const run *opener = &p->runs[o];
            if (opener->open &&
                (!(closer->open || opener->close) || closer->length % 3 == 0 ||
                 (opener->length + closer->length) % 3 != 0))
                break;
            o = opener->prev;
        }
        if (o != NONE && o != *floor) {
            if (p->runs[o].length == closer->length) {
                if (!RESERVE(p, p->pairs, p->pair_size, p->pair_count + 1))
                    return;
                p->pairs[p->pair_count][0] = o;
                p->pairs[p->pair_count][1] = c;
                p->pair_count++;
                p->runs[o].paired = closer->paired = true;
            }
            drop(p, o, c, &head, bottom);
        } else {
            *floor = closer->prev;
            if (!closer->open)
                drop(p, c, c, &head, bottom);
        }
        c = next;
    }
}

static cmark_node *text_node(pairing *p, const char *s, size_t len)
{
    if (!RESERVE(p, p->buf, p->buf_size, len + 1))
        return NULL;
    memcpy(p->buf, s, len);
    p->buf[len] = '\0';
    cmark_node *node = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(node, p->buf);
    return node;
}

/* Gives each paired run among runs[first...end) (all in one text node) a
 * node of its own, the text around them in nodes before and after. */
static void split(pairing *p, size_t first, size_t end)
{
    cmark_node *text = p->runs[first].text;
    const char *s = cmark_node_get_literal(text);
    size_t done = 0;
    for (size_t i = first; i < end && !p->nomem; i++) {
        run *r = &p->runs[i];
        if (!r->paired)
            continue;
        size_t stop = r->offset + r->length * MD_MARKER_LEN;
        cmark_node *before = r->offset > done
                                 ? text_node(p, s + done, r->offset - done)
                                 : NULL;
        r->text = text_node(p, s + r->offset, stop - r->offset);
        if (before != NULL)
            cmark_node_insert_before(text, before);
        if (r->text != NULL)
            cmark_node_insert_before(text, r->text);
        done = stop;
    }
    size_t len = strlen(s);
    cmark_node *rest = done < len ? text_node(p, s + done, len - done) : NULL;
    if (rest != NULL)
        cmark_node_insert_before(text, rest);
    if (!p->nomem)
        cmark_node_free(text);
}

/* Wraps what lies between each pair, inner pairs first (GFM matches a
 * closer with the nearest opener, so an inner pair's closer comes first). */
static void wrap(pairing *p)
{
    for (size_t i = 0, end; i < p->count && !p->nomem; i = end) {
        bool paired = false;
        for (end = i; end < p->count && p->runs[end].text == p->runs[i].text;
             end++)
            paired = paired || p->runs[end].paired;
        if (paired)
            split(p, i, end);
    }
    for (size_t k = 0; k < p->pair_count && !p->nomem; k++) {
        cmark_node *opener = p->runs[p->pairs[k][0]].text;
        cmark_node *closer = p->runs[p->pairs[k][1]].text;
        cmark_node *strike = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
        cmark_node_insert_before(opener, strike);
        for (cmark_node *n = cmark_node_next(opener), *next; n != closer;
             n = next) {
            next = cmark_node_next(n);
            cmark_node_append_child(strike, n);
        }
        cmark_node_free(opener);
        cmark_node_free(closer);
    }
}

static bool holds_inlines(cmark_node_type type)
{
    switch (type) {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
    case CMARK_NODE_EMPH:
    case CMARK_NODE_STRONG:
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
        return true;
    default:
        return false;
    }
}

folio_status md_strike_pair(cmark_node *root, folio_error *err)
{
    pairing p = {0};
    cmark_iter *iter = cmark_iter_new(root);
    cmark_event_type event;
    /* A container's children are changed on its EXIT, when the iterator is
     * done with them (cmark's rule for changing a tree while walking it). */
    while (!p.nomem && (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(iter);
        if (event != CMARK_EVENT_EXIT ||
            !holds_inlines(cmark_node_get_type(node)))
            continue;
        p.count = p.pair_count = 0;
        for (cmark_node *child = cmark_node_first_child(node); child != NULL;
             child = cmark_node_next(child))
            if (cmark_node_get_type(child) == CMARK_NODE_TEXT)
                add_runs(&p, child);
        if (p.count < 2)
            continue;
        match(&p);
        wrap(&p);
    }
    cmark_iter_free(iter);
    free(p.runs);
    free(p.pairs);
    free(p.buf);
    if (p.nomem)
        return folio_error_set(err, FOLIO_ERR_NOMEM,
                               "out of memory while reading Markdown");
    return FOLIO_OK;
}
