/*
 * What site chrome looks like to extraction: class and id patterns,
 * hidden elements, roles and tags that are never the article, and the
 * first words of boilerplate notes. English words, as most of the web's
 * class names are.
 */
#include "extract.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- Class and id patterns ------------------------------------------------- */

/* "class id" in lower case, in buf. */
static const char *class_and_id(const xmlNode *node, char *buf, size_t size)
{
    const char *cls = html_attr(node, "class");
    const char *id = html_attr(node, "id");
    snprintf(buf, size, "%s %s", cls != NULL ? cls : "", id != NULL ? id : "");
    for (char *p = buf; *p != '\0'; p++)
        *p = (char)tolower((unsigned char)*p);
    return buf;
}

static bool contains_any(const char *s, const char *const *words)
{
    for (size_t i = 0; words[i] != NULL; i++)
        if (strstr(s, words[i]) != NULL)
            return true;
    return false;
}

/* Readability's unlikelyCandidates, with the chrome of today's news pages
 * added (cookie banners, newsletters, recirculation widgets). */
static const char *const unlikely[] = {
    "-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment",
    "community", "cover-wrap", "disqus", "extra", "footer", "gdpr",
    "header", "legends", "menu", "related", "remark", "replies", "rss",
    "shoutbox", "sidebar", "skyscraper", "social", "sponsor",
    "supplemental", "ad-break", "agegate", "pagination", "popup",
    "yom-remote", "cookie", "consent", "newsletter", "subscribe", "promo",
    "outbrain", "taboola", "recirc", "most-read", "mostread", "trending",
    "share", "sharing", "signup", "sign-up", "modal", "toolbar",
    "masthead", "navbar", "byline", "dateline", "author-bio", "tags",
    "recommend", "rollover", "tooltip", "popover", "caption", "credit",
    "enlarge", "submitted", "writtenby", "kicker", "eyebrow", "timestamp",
    "entry-meta", "post-meta", "article-meta", NULL,
};

/* Words that keep an element matching unlikely (okMaybeItsACandidate). */
static const char *const maybe[] = {
    "and", "article", "body", "column", "content", "main", "shadow", NULL,
};

static const char *const positive[] = {
    "article", "body", "content", "entry", "hentry", "h-entry", "main",
    "page", "pagination", "post", "text", "blog", "story", NULL,
};

static const char *const negative[] = {
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact",
    "foot", "footnote", "gdpr", "masthead", "media", "meta", "outbrain",
    "promo", "related", "scroll", "share", "shoutbox", "sidebar",
    "skyscraper", "sponsor", "shopping", "tags", "tool", "widget", NULL,
};

/* +25 or -25 for each of class and id that looks like content or not. */
static int class_weight(const xmlNode *node)
{
    int weight = 0;
    const char *names[2] = {html_attr(node, "class"), html_attr(node, "id")};
    for (int i = 0; i < 2; i++) {
        if (names[i] == NULL || names[i][0] == '\0')
            continue;
        char buf[256];
        snprintf(buf, sizeof buf, "%s", names[i]);
        for (char *p = buf; *p != '\0'; p++)
            *p = (char)tolower((unsigned char)*p);
        if (contains_any(buf, negative))
            weight -= 25;
        if (contains_any(buf, positive))
            weight += 25;
    }
    return weight;
}

/* ---- Step 1: chrome -------------------------------------------------------- */

static bool is_hidden(const xmlNode *node)
{
    if (html_attr(node, "hidden") != NULL)
        return true;
    const char *aria = html_attr(node, "aria-hidden");
    if (aria != NULL && strcmp(aria, "true") == 0)
        return true;
    const char *style = html_attr(node, "style");
    if (style == NULL)
        return false;
    char buf[256];
    size_t n = 0;
    for (const char *p = style; *p != '\0' && n + 1 < sizeof buf; p++)
        if (!isspace((unsigned char)*p))
            buf[n++] = (char)tolower((unsigned char)*p);
    buf[n] = '\0';
    return strstr(buf, "display:none") != NULL ||
           strstr(buf, "visibility:hidden") != NULL;
}

static bool role_is_chrome(const xmlNode *node)
{
    static const char *const roles[] = {
        "navigation", "banner", "contentinfo", "complementary", "search",
        "dialog", "alertdialog", "menu", "menubar", "toolbar", "tablist",
        NULL,
    };
    const char *role = html_attr(node, "role");
    if (role == NULL)
        return false;
    for (size_t i = 0; roles[i] != NULL; i++)
        if (strcasecmp(role, roles[i]) == 0)
            return true;
    return false;
}

/* Elements that are never the article, whatever their text. */
static bool tag_is_chrome(const xmlNode *node, html_tag tag)
{
    switch (tag) {
    case HTML_TAG_NAV:
    case HTML_TAG_ASIDE:
    case HTML_TAG_BUTTON:
    case HTML_TAG_DIALOG:
    case HTML_TAG_FIELDSET:
    case HTML_TAG_MENU:
    case HTML_TAG_INPUT:
    case HTML_TAG_SELECT:
    case HTML_TAG_TEXTAREA:
        return true;
    case HTML_TAG_FOOTER:
        /* A <footer> closes a page or an article, except the attribution
         * of a quotation. */
        return !html_is(node->parent, "blockquote");
    default:
        return false;
    }
}

/* Whether a blockquote is among the first nodes under node. */
static bool holds_quote(const xmlNode *node)
{
    int budget = 200;
    for (const xmlNode *n = node; n != NULL && budget-- > 0;
         n = html_next(node, n, false))
        if (html_is(n, "blockquote"))
            return true;
    return false;
}


void extract_traits_init(traits *t, const xmlNode *node)
{
    const char *prop = html_attr(node, "itemprop");
    html_tag tag = html_tag_of(node);
    *t = (traits){
        .node = (xmlNode *)node,
        .tag = tag,
        .wraps_article = tag == HTML_TAG_H1 || tag == HTML_TAG_MAIN ||
                         (prop != NULL && strcmp(prop, "articleBody") == 0),
    };
}

const traits *extract_traits(const extractor *x, const xmlNode *node)
{
    traits *t = &x->traits[extract_index_of(x, node)];
    if (t->read)
        return t;
    t->read = true;
    t->class_weight = class_weight(node);
    t->hidden = is_hidden(node);
    t->chrome_role = role_is_chrome(node);
    if (html_attr(node, "class") == NULL && html_attr(node, "id") == NULL)
        return t;
    char buf[512];
    const char *names = class_and_id(node, buf, sizeof buf);
    t->unlikely = contains_any(names, unlikely) && !contains_any(names, maybe);
    t->says_embed = strstr(names, "embed") != NULL;
    return t;
}

/* Whether a pass removes node in step 1. */
bool extract_is_chrome(const extractor *x, const xmlNode *node, const pass *p)
{
    if (html_tag_never_shown(trait(x, node)->tag))
        return true;
    const traits *t = extract_traits(x, node);
    if (t->hidden)
        return true;
    if (!p->strip_unlikely)
        return false;
    if (tag_is_chrome(node, t->tag) || t->chrome_role ||
        t->tag == HTML_TAG_FIGCAPTION)
        return true;
    switch (t->tag) {
    case HTML_TAG_BODY:
    case HTML_TAG_A:
    case HTML_TAG_HTML:
    case HTML_TAG_MAIN:
    case HTML_TAG_ARTICLE:
        return false;
    default:
        break;
    }
    /* A post of a social network embedded as a quotation is a quotation,
     * however "social" its wrapper's class. */
    return t->unlikely && (!t->says_embed || !holds_quote(node)) &&
           !t->wraps_article;
}

/* How short notes around an article start: links to other stories,
 * calls to subscribe or follow, dates and credits. */
static const char *const boilerplate[] = {
    "related:", "related articles", "related stories", "related content",
    "read more", "read also", "see more", "see also", "more:", "don't miss",
    "don\xE2\x80\x99t miss", "you may also like", "you might also like",
    "recommended", "subscribe", "sign up", "follow us", "click here",
    "advertisement", "updated:", "updated on", "published:", "posted:",
    "posted on", "posted by", "filed under", "copyright", "\xC2\xA9",
    "all rights reserved", "citation:", "share this", "trending",
    "get the latest", "have a tip", "this slideshow requires", "tags:",
    "enlarge image", "sponsored", NULL,
};

/* Longest note the boilerplate test looks at. */
#define NOTE_CHARS 150

/* Longest dateline: a short note around a <time> is the article's date. */
#define DATELINE_CHARS 80

bool extract_is_boilerplate(const xmlNode *node)
{
    if (fig(node)->text == 0 || fig(node)->text > NOTE_CHARS)
        return false;
    if (fig(node)->text <= DATELINE_CHARS && html_find(node, "time") != NULL)
        return true;
    html_buf text = {0};
    html_text_content(node, &text);
    bool found = false;
    for (size_t i = 0; boilerplate[i] != NULL && !found; i++) {
        size_t n = strlen(boilerplate[i]);
        found = text.len >= n && strncasecmp(text.data, boilerplate[i], n) == 0;
    }
    html_buf_free(&text);
    return found;
}

