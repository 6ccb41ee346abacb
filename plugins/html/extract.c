/*
 * Article extraction: which part of a page is the article.
 *
 * The method is Readability's (Mozilla's Readability.js, itself from Arc90's
 * readability), measured on real news pages with bench/extraction/score.py:
 *
 *  1. Chrome goes: elements never shown or hidden, and elements whose
 *     tag, role, class or id says navigation, sharing, comments, ads,
 *     cookie banners, related links...
 *  2. Every paragraph-like element scores by its text (length, commas) and
 *     passes the score up to its ancestors, less with each level; an
 *     ancestor's class and id add or take away, and its link density
 *     scales it down. The best candidate, perhaps moved up to an ancestor
 *     that gathers several good ones, is the article; siblings that score
 *     well (or read as prose) join it.
 *  3. Inside the article, blocks that look like widgets (mostly links,
 *     more list items than paragraphs, images without text, form inputs)
 *     go, and so does a heading that only repeats the title.
 *  4. When what is left is too short, the page is tried again with less
 *     removed in step 1 and 3, and the longest result wins.
 *
 * Nothing is removed from the DOM until the end: each element's figures
 * (its text, its link text, its commas...) are kept in a table that
 * node->_private points into, so that a retry only recomputes them. The
 * walks are iterative, like everywhere in the reader.
 */
#include "extract.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What the article must reach for a pass to be accepted (Readability's
 * charThreshold). */
#define MIN_ARTICLE_CHARS 500

/* Best candidates kept for the "common ancestor" step. */
#define TOP_CANDIDATES 5

/* ---- Figures ---------------------------------------------------------------- */

/* Characters of a text node's visible text: whitespace runs count once. */
static void count_text(const char *s, size_t len, size_t *chars,
                       unsigned *commas)
{
    bool space = true;
    const unsigned char *end = (const unsigned char *)s + len;
    for (const unsigned char *p = (const unsigned char *)s; p < end; p++) {
        if (html_is_space(*p)) {
            if (!space)
                (*chars)++;
            space = true;
            continue;
        }
        space = false;
        if ((*p & 0xC0) != 0x80)
            (*chars)++;
        if (*p == ',')
            (*commas)++;
    }
}

static void add_figures(figures *to, const figures *from)
{
    to->text += from->text;
    to->link_text += from->link_text;
    to->heading_text += from->heading_text;
    to->commas += from->commas;
    to->paragraphs += from->paragraphs;
    to->images += from->images;
    to->items += from->items;
    to->inputs += from->inputs;
    to->embeds += from->embeds;
    to->quotes += from->quotes;
}

/* The headings' tags come one after the other: "h1" to "h6". */
static bool is_heading(html_tag tag)
{
    return tag >= HTML_TAG_H1 && tag <= HTML_TAG_H6;
}

/* Adds an element's own kind to its figures, once its content's are in. */
static void count_element(figures *f, html_tag tag)
{
    switch (tag) {
    case HTML_TAG_A:
        f->link_text = f->text;
        break;
    case HTML_TAG_P:
        f->paragraphs++;
        break;
    case HTML_TAG_IMG:
        f->images++;
        break;
    case HTML_TAG_LI:
        f->items++;
        break;
    case HTML_TAG_INPUT:
    case HTML_TAG_SELECT:
    case HTML_TAG_TEXTAREA:
    case HTML_TAG_BUTTON:
        f->inputs++;
        break;
    case HTML_TAG_IFRAME:
    case HTML_TAG_OBJECT:
    case HTML_TAG_EMBED:
    case HTML_TAG_VIDEO:
        f->embeds++;
        break;
    case HTML_TAG_BLOCKQUOTE:
        f->quotes++;
        break;
    default:
        if (is_heading(tag))
            f->heading_text = f->text;
        break;
    }
}

/* Recomputes every element's figures, leaving removed elements out. */
static void compute_figures(extractor *x, const pass *p)
{
    xmlNode *n = NULL;
    bool entering = false, skip = false;
    while (html_walk_next(x->body, &n, &entering, skip)) {
        skip = false;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            figures *parent = fig(n->parent);
            size_t len;
            const char *text = html_text(n, &len);
            if (parent != NULL)
                count_text(text, len, &parent->text, &parent->commas);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue;
        figures *f = fig(n);
        if (entering) {
            bool removed = f->removed;
            *f = (figures){0};
            f->removed = removed || extract_is_chrome(x, n, p);
            skip = f->removed;
            continue;
        }
        if (f->removed)
            continue;
        count_element(f, trait(x, n)->tag);
        if (n != x->body && n->parent != NULL && fig(n->parent) != NULL)
            add_figures(fig(n->parent), f);
    }
}

static double link_density(const figures *f)
{
    return f->text == 0 ? 0 : (double)f->link_text / (double)f->text;
}

/* Takes node's figures off its ancestors and marks it removed. */
static void remove_node(extractor *x, xmlNode *node)
{
    figures *f = fig(node);
    if (f->removed)
        return;
    figures gone = *f;
    f->removed = true;
    for (xmlNode *a = node->parent; a != NULL && fig(a) != NULL;
         a = a == x->body ? NULL : a->parent) {
        figures *af = fig(a);
        af->text -= gone.text;
        af->link_text -= gone.link_text;
        af->heading_text -= gone.heading_text;
        af->commas -= gone.commas;
        af->paragraphs -= gone.paragraphs;
        af->images -= gone.images;
        af->items -= gone.items;
        af->inputs -= gone.inputs;
        af->embeds -= gone.embeds;
        af->quotes -= gone.quotes;
    }
}

/* ---- Step 2: scoring -------------------------------------------------------- */

static double tag_score(html_tag tag)
{
    switch (tag) {
    case HTML_TAG_DIV:
    case HTML_TAG_ARTICLE:
    case HTML_TAG_MAIN:
    case HTML_TAG_SECTION:
        return 5;
    case HTML_TAG_PRE:
    case HTML_TAG_TD:
    case HTML_TAG_BLOCKQUOTE:
        return 3;
    case HTML_TAG_ADDRESS:
    case HTML_TAG_OL:
    case HTML_TAG_UL:
    case HTML_TAG_DL:
    case HTML_TAG_DD:
    case HTML_TAG_DT:
    case HTML_TAG_LI:
    case HTML_TAG_FORM:
        return -3;
    case HTML_TAG_TH:
        return -5;
    default:
        return is_heading(tag) ? -5 : 0;
    }
}

static void make_candidate(const extractor *x, const xmlNode *node,
                           const pass *p)
{
    figures *f = fig(node);
    if (f->candidate)
        return;
    const traits *t = extract_traits(x, node);
    f->candidate = true;
    f->score = tag_score(t->tag) + (p->weigh_classes ? t->class_weight : 0);
}

/* A <div> (or the like) holding only text and inline elements is a
 * paragraph in all but name. */
static bool is_paragraph_like(const extractor *x, const xmlNode *node)
{
    switch (trait(x, node)->tag) {
    case HTML_TAG_P:
    case HTML_TAG_PRE:
    case HTML_TAG_TD:
        return true;
    case HTML_TAG_DIV:
    case HTML_TAG_SECTION:
    case HTML_TAG_ARTICLE:
        break;
    default:
        return false;
    }
    for (const xmlNode *c = node->children; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !fig(c)->removed &&
            !html_tag_is_inline(trait(x, c)->tag))
            return false;
    return true;
}

/* Scores the paragraphs and passes their scores up; returns the best
 * candidates, best first, in top (NULL-padded). */
static void score_paragraphs(extractor *x, const pass *p,
                             xmlNode *top[TOP_CANDIDATES])
{
    xmlNode *n = NULL;
    bool entering = false, skip = false;
    while (html_walk_next(x->body, &n, &entering, skip)) {
        skip = false;
        if (n->type != XML_ELEMENT_NODE || !entering)
            continue;
        const figures *f = fig(n);
        if (f->removed) {
            skip = true;
            continue;
        }
        if (!is_paragraph_like(x, n) || f->text < 25)
            continue;
        double score = 1 + f->commas + fmin(floor((double)f->text / 100), 3);
        xmlNode *a = n->parent;
        for (int level = 0; level < 5 && a != NULL && fig(a) != NULL;
             level++, a = a == x->body ? NULL : a->parent) {
            make_candidate(x, a, p);
            double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
            fig(a)->score += score / divider;
        }
    }
    for (int i = 0; i < TOP_CANDIDATES; i++)
        top[i] = NULL;
    for (size_t e = 0; e < x->count; e++) {
        figures *f = &x->table[e];
        if (f->removed || !f->candidate)
            continue;
        f->score *= 1 - link_density(f);
        for (int i = 0; i < TOP_CANDIDATES; i++) {
            if (top[i] == NULL || f->score > fig(top[i])->score) {
                memmove(&top[i + 1], &top[i],
                        (size_t)(TOP_CANDIDATES - 1 - i) * sizeof top[0]);
                top[i] = x->traits[e].node;
                break;
            }
        }
    }
}

static bool is_ancestor(const xmlNode *ancestor, const xmlNode *node)
{
    for (const xmlNode *a = node->parent; a != NULL; a = a->parent)
        if (a == ancestor)
            return true;
    return false;
}

/* The element to build the article around: the best candidate, or an
 * ancestor that gathers several candidates nearly as good, or a parent
 * that scores better still. */
static xmlNode *choose_top(extractor *x, xmlNode *top[TOP_CANDIDATES],
                           const pass *p)
{
    xmlNode *best = top[0];
    if (best == NULL || best == x->body)
        return best;
    const xmlNode *close[TOP_CANDIDATES];
    int closes = 0;
    for (int i = 1; i < TOP_CANDIDATES && top[i] != NULL; i++)
        if (fig(top[i])->score >= 0.75 * fig(best)->score)
            close[closes++] = top[i];
    if (closes >= 3) {
        for (xmlNode *a = best->parent; a != NULL && a != x->body;
             a = a->parent) {
            int holding = 0;
            for (int i = 0; i < closes; i++)
                holding += is_ancestor(a, close[i]);
            if (holding >= 3) {
                best = a;
                make_candidate(x, best, p);
                break;
            }
        }
    }
    double last = fig(best)->score;
    double threshold = last / 3;
    for (xmlNode *a = best->parent; a != NULL && a != x->body; a = a->parent) {
        const figures *f = fig(a);
        if (!f->candidate)
            continue;
        if (f->score < threshold)
            break;
        if (f->score > last) {
            best = a;
            break;
        }
        last = f->score;
    }
    /* An only child: its parent may have siblings worth joining. */
    while (best->parent != NULL && best->parent != x->body) {
        int children = 0;
        for (const xmlNode *c = best->parent->children; c != NULL; c = c->next)
            children += c->type == XML_ELEMENT_NODE && !fig(c)->removed;
        if (children != 1)
            break;
        best = best->parent;
    }
    return best;
}

/* Whether text ends a sentence: a '.' followed by a space or the end. */
static bool has_sentence_end(const xmlNode *node)
{
    html_buf text = {0};
    html_text_content(node, &text);
    bool found = false;
    for (size_t i = 0; i < text.len && !found; i++)
        found = text.data[i] == '.' && (i + 1 == text.len || text.data[i + 1] == ' ');
    html_buf_free(&text);
    return found;
}

static bool same_class(const xmlNode *a, const xmlNode *b)
{
    const char *ca = html_attr(a, "class");
    const char *cb = html_attr(b, "class");
    return ca != NULL && cb != NULL && *ca != '\0' && strcmp(ca, cb) == 0;
}

/* Whether a sibling of the top candidate belongs to the article too. */
static bool joins(const xmlNode *sibling, const xmlNode *top)
{
    const figures *f = fig(sibling);
    double bonus = same_class(sibling, top) ? fig(top)->score * 0.2 : 0;
    double threshold = fmax(10, fig(top)->score * 0.2);
    if (f->candidate && f->score + bonus >= threshold)
        return true;
    if (!html_is(sibling, "p"))
        return false;
    double density = link_density(f);
    if (f->text > 80)
        return density < 0.25;
    return f->text > 0 && density == 0 && has_sentence_end(sibling);
}

/* The article's root: the top candidate alone, or its parent with only
 * the siblings that join it. */
static xmlNode *gather(extractor *x, xmlNode *top)
{
    xmlNode *parent = top->parent;
    if (parent == NULL || fig(parent) == NULL)
        return top;
    int joined = 0;
    for (xmlNode *s = parent->children; s != NULL; s = s->next)
        if (s != top && s->type == XML_ELEMENT_NODE && !fig(s)->removed &&
            joins(s, top))
            joined++;
    if (joined == 0)
        return top;
    for (xmlNode *s = parent->children; s != NULL; s = s->next)
        if (s != top && s->type == XML_ELEMENT_NODE && !fig(s)->removed &&
            !joins(s, top))
            remove_node(x, s);
    return parent;
}

/* ---- Step 3: cleaning inside the article ----------------------------------- */

static bool in_figure(const xmlNode *node, const xmlNode *root)
{
    for (const xmlNode *a = node; a != NULL && a != root->parent; a = a->parent)
        if (html_is(a, "figure"))
            return true;
    return false;
}

/* Readability's _cleanConditionally, for one element. */
static bool looks_like_widget(const extractor *x, const xmlNode *node,
                              const xmlNode *root, const pass *p)
{
    const figures *f = fig(node);
    double density = link_density(f);
    /* A quotation (an embedded post) links to its source, and its class
     * often says "media": it is still text of the article. */
    if (f->quotes > 0 && density < 0.5)
        return false;
    const traits *t = extract_traits(x, node);
    int weight = p->weigh_classes ? t->class_weight : 0;
    double score = f->candidate ? f->score : 0;
    if (weight + score < 0)
        return true;
    if (f->commas >= 10)
        return false;
    bool list = t->tag == HTML_TAG_UL || t->tag == HTML_TAG_OL;
    if (list)
        return density > 0.5 && weight < 25;
    double paragraphs = f->paragraphs;
    double images = f->images;
    double items = (double)f->items - 100;
    double heading_density =
        f->text == 0 ? 0 : (double)f->heading_text / (double)f->text;
    bool figure = in_figure(node, root);
    return (images > 1 && paragraphs / images < 0.5 && !figure) ||
           items > paragraphs || f->inputs > floor(paragraphs / 3) ||
           (heading_density < 0.9 && f->text < 25 &&
            (f->images == 0 || f->images > 2) && !figure) ||
           (weight < 25 && density > 0.2) || (weight >= 25 && density > 0.5) ||
           (f->embeds == 1 && f->text < 75) || f->embeds > 1;
}

static bool cleaned_conditionally(html_tag tag)
{
    switch (tag) {
    case HTML_TAG_TABLE:
    case HTML_TAG_UL:
    case HTML_TAG_OL:
    case HTML_TAG_DIV:
    case HTML_TAG_SECTION:
    case HTML_TAG_FORM:
    case HTML_TAG_HEADER:
    case HTML_TAG_FIGURE:
        return true;
    default:
        return false;
    }
}

/* Removes widgets inside root, innermost first (so that an outer block
 * is judged on what stays in it). */
static void clean_article(extractor *x, xmlNode *root, const pass *p)
{
    xmlNode *n = NULL;
    bool entering = false, skip = false;
    while (html_walk_next(root, &n, &entering, skip)) {
        skip = false;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (entering) {
            skip = fig(n)->removed;
            continue;
        }
        if (n == root || fig(n)->removed)
            continue;
        const traits *t = trait(x, n);
        if (p->clean_conditionally &&
            ((cleaned_conditionally(t->tag) &&
              looks_like_widget(x, n, root, p)) ||
             (t->tag == HTML_TAG_P && link_density(fig(n)) > 0.9) ||
             ((is_paragraph_like(x, n) || is_heading(t->tag) ||
               t->tag == HTML_TAG_LI) &&
              extract_is_boilerplate(n))))
            remove_node(x, n);
        else if (is_heading(t->tag) && p->weigh_classes &&
                 extract_traits(x, n)->class_weight < 0)
            remove_node(x, n);
    }
}

/* s in lower case with only its letters and digits (any non-ASCII byte
 * counts as a letter), in buf. */
static size_t squeeze(const char *s, size_t len, char *buf, size_t size)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < size; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isalnum(c) || c >= 0x80)
            buf[n++] = (char)tolower(c);
    }
    buf[n] = '\0';
    return n;
}

/* Whether a heading's text repeats a title: the same letters, or one
 * holding the other when that is long enough to mean something. */
static bool repeats(const char *heading, size_t heading_len, const char *title)
{
    if (title == NULL)
        return false;
    char a[512], b[512];
    size_t na = squeeze(heading, heading_len, a, sizeof a);
    size_t nb = squeeze(title, strlen(title), b, sizeof b);
    if (na == 0 || nb == 0)
        return false;
    return strcmp(a, b) == 0 || (na >= 15 && strstr(b, a) != NULL) ||
           (nb >= 15 && strstr(a, b) != NULL);
}

/* Text long enough to be prose rather than a kicker, a date or a label. */
#define PROSE_CHARS 80

/* The headings before the article's prose that are the page's title: an
 * <h1>, or one that repeats the title the metadata holds. */
static void drop_title_heading(extractor *x, xmlNode *root)
{
    for (xmlNode *n = root; n != NULL;) {
        bool removed = n->type == XML_ELEMENT_NODE && fig(n)->removed;
        if (removed || n->type != XML_ELEMENT_NODE) {
            n = html_next(root, n, removed);
            continue;
        }
        html_tag tag = trait(x, n)->tag;
        if (!is_heading(tag)) {
            if (fig(n)->text >= PROSE_CHARS && tag != HTML_TAG_TD &&
                is_paragraph_like(x, n))
                return;  /* prose came first: a heading now is a section's */
            n = html_next(root, n, false);
            continue;
        }
        html_buf text = {0};
        html_text_content(n, &text);
        bool title = tag == HTML_TAG_H1 ||
                     repeats(text.data, text.len, x->info->title) ||
                     repeats(text.data, text.len, x->info->title_tag);
        html_buf_free(&text);
        xmlNode *heading = n;
        n = html_next(root, n, true);
        if (title)
            remove_node(x, heading);
    }
}

/* ---- Passes ------------------------------------------------------------------- */

static void reset(extractor *x)
{
    for (size_t i = 0; i < x->count; i++)
        x->table[i] = (figures){0};
}

/* One pass of steps 1 to 3; returns the article root and its length. */
static xmlNode *run_pass(extractor *x, const pass *p, size_t *length)
{
    reset(x);
    compute_figures(x, p);
    xmlNode *top[TOP_CANDIDATES];
    score_paragraphs(x, p, top);
    xmlNode *best = choose_top(x, top, p);
    xmlNode *root = best != NULL ? gather(x, best) : x->body;
    clean_article(x, root, p);
    drop_title_heading(x, root);
    *length = fig(root)->text;
    return root;
}

/* Unlinks and frees what the chosen pass removed under root; takes the
 * elements it keeps off their figures. */
static void apply(xmlNode *root)
{
    xmlNode *n = root;
    while (n != NULL) {
        xmlNode *next = html_next(root, n, false);
        if (n->type == XML_ELEMENT_NODE && n != root && fig(n) != NULL &&
            fig(n)->removed) {
            next = html_next(root, n, true);
            html_free_node(n);
        } else if (n->type == XML_ELEMENT_NODE) {
            n->_private = NULL;
        }
        n = next;
    }
}

/* Gives every element of the body a figures record and its traits. */
static bool attach(extractor *x)
{
    size_t count = 0;
    for (xmlNode *n = x->body; n != NULL; n = html_next(x->body, n, false))
        count += n->type == XML_ELEMENT_NODE;
    x->table = calloc(count, sizeof *x->table);
    x->traits = calloc(count, sizeof *x->traits);
    if (x->table == NULL || x->traits == NULL) {
        free(x->table);
        free(x->traits);
        return false;
    }
    x->count = count;
    size_t i = 0;
    for (xmlNode *n = x->body; n != NULL; n = html_next(x->body, n, false))
        if (n->type == XML_ELEMENT_NODE) {
            extract_traits_init(&x->traits[i], n);
            n->_private = &x->table[i++];
        }
    /* An element holding one that wraps the article wraps it too: from
     * the last element back, each comes after all it holds. */
    for (i = count; i-- > 0;) {
        const xmlNode *n = x->traits[i].node;
        if (x->traits[i].wraps_article && n != x->body)
            x->traits[extract_index_of(x, n->parent)].wraps_article = true;
    }
    return true;
}

/* Applies the chosen pass to root (see apply) and takes the rest of the
 * body off the figures, in one walk. */
static void detach(extractor *x, xmlNode *root)
{
    for (xmlNode *n = x->body; n != NULL;) {
        if (n == root) {
            apply(root);
            n = html_next(x->body, root, true);
            continue;
        }
        if (n->type == XML_ELEMENT_NODE)
            n->_private = NULL;
        n = html_next(x->body, n, false);
    }
    free(x->table);
    free(x->traits);
}

xmlNode *html_body(xmlDoc *dom)
{
    xmlNode *root = xmlDocGetRootElement(dom);
    xmlNode *body = html_find(root, "body");
    return body != NULL ? body : root;
}

xmlNode *html_extract(xmlDoc *dom, const html_page_info *info)
{
    extractor x = {.body = html_body(dom), .info = info};
    if (x.body == NULL || !attach(&x))
        return x.body;  /* no memory for figures: the whole body, uncut */
    static const pass passes[] = {
        {true, true, true},
        {false, true, true},
        {false, false, true},
        {false, false, false},
    };
    const size_t pass_count = sizeof passes / sizeof passes[0];
    size_t best_length = 0;
    size_t best_pass = 0;
    xmlNode *root = NULL;
    size_t i;
    for (i = 0; i < pass_count; i++) {
        size_t length;
        root = run_pass(&x, &passes[i], &length);
        if (length >= MIN_ARTICLE_CHARS)
            break;
        if (length > best_length) {
            best_length = length;
            best_pass = i;
        }
    }
    /* The figures hold the last pass run: run the best one again only
     * when no pass found enough text and the best was an earlier one. */
    if (i == pass_count && best_pass != pass_count - 1) {
        size_t length;
        root = run_pass(&x, &passes[best_pass], &length);
    }
    detach(&x, root);
    return root;
}
