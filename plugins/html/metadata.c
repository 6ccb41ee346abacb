/*
 * Metadata from the page: <title>, <html lang>, <meta> tags (plain,
 * OpenGraph, article:*, Twitter, itemprop), <link rel=canonical>, <base>
 * and JSON-LD (NewsArticle, Article, BlogPosting and their kin).
 *
 * One walk over the page collects every candidate for every key; then each
 * key takes the first candidate in its order of preference, which
 * docs/html-format.md lists. Candidates are copied into the document's
 * arena, with whitespace collapsed, as they are found: JSON-LD values die
 * with jansson's tree, and a copy is what the metadata keeps anyway.
 */
#include "html.h"

#include <jansson.h>
#include <string.h>
#include <strings.h>

#include <folio/meta.h>

typedef struct candidates {
    folio_doc *doc;
    bool nomem;
    /* Strings (in the arena) or NULL. */
    const char *title_tag, *og_title, *twitter_title, *ld_headline, *h1;
    const char *meta_description, *og_description, *twitter_description,
        *ld_description;
    const char *article_author, *rel_author;
    const char *article_published, *ld_published, *itemprop_published,
        *meta_date;
    const char *article_modified, *ld_modified, *og_updated,
        *itemprop_modified;
    const char *og_image, *ld_image, *twitter_image;
    const char *html_lang, *content_language, *og_locale, *ld_language;
    const char *canonical, *og_url, *ld_url;
    const char *og_site_name, *ld_publisher, *application_name;
    const char *base_href;
    /* Lists of strings (detached values in the arena). */
    folio_value *ld_authors, *meta_authors;
    folio_value *article_tags, *ld_keywords, *meta_keywords;
    folio_value *article_sections, *ld_sections;
    bool found_article_ld;
} candidates;

/* ---- Collecting ----------------------------------------------------------- */

/* A copy of s with whitespace collapsed, or NULL when empty. */
static const char *keep(candidates *c, const char *s, size_t len)
{
    if (s == NULL)
        return NULL;
    char *copy = folio_doc_strndup(c->doc, s, len);
    if (copy == NULL) {
        c->nomem = true;
        return NULL;
    }
    size_t n = html_collapse_space(copy, len);
    copy[n] = '\0';
    return n > 0 ? copy : NULL;
}

static void keep_first(candidates *c, const char **slot, const char *s)
{
    if (*slot == NULL && s != NULL)
        *slot = keep(c, s, strlen(s));
}

static folio_value *new_list(candidates *c)
{
    folio_value *list = folio_value_new_list(c->doc);
    if (list == NULL)
        c->nomem = true;
    return list;
}

/* Appends s to *list (made on first use) unless empty or already there
 * (compared without case). */
static void add_to_list(candidates *c, folio_value **list, const char *s,
                        size_t len)
{
    const char *kept = keep(c, s, len);
    if (kept == NULL)
        return;
    if (*list == NULL && (*list = new_list(c)) == NULL)
        return;
    for (size_t i = 0; i < folio_value_count(*list); i++)
        if (strcasecmp(folio_value_string(folio_value_list_get(*list, i),
                                          NULL),
                       kept) == 0)
            return;
    folio_value *item = folio_value_new_string(c->doc, kept, strlen(kept));
    if (item == NULL || folio_value_list_append(*list, item, NULL) != FOLIO_OK)
        c->nomem = true;
}

/* Adds each comma-separated word of s. */
static void add_words(candidates *c, folio_value **list, const char *s)
{
    while (s != NULL && *s != '\0') {
        const char *end = strchr(s, ',');
        size_t len = end != NULL ? (size_t)(end - s) : strlen(s);
        add_to_list(c, list, s, len);
        s = end != NULL ? end + 1 : NULL;
    }
}

static bool is_one_of(const char *s, const char *const *names)
{
    for (size_t i = 0; names[i] != NULL; i++)
        if (strcasecmp(s, names[i]) == 0)
            return true;
    return false;
}

/* <meta name=...> spellings of a publication date. */
static const char *const date_names[] = {
    "date", "pubdate", "publishdate", "publish-date", "publish_date",
    "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date",
    "article.published", "parsely-pub-date", "sailthru.date",
    "original-publish-date", NULL,
};

/* One <meta>: its key is a name, property, itemprop or http-equiv. */
static void collect_meta(candidates *c, const xmlNode *meta)
{
    const char *content = html_attr(meta, "content");
    if (content == NULL)
        return;
    const char *key = html_attr(meta, "property");
    if (key == NULL)
        key = html_attr(meta, "name");
    if (key != NULL) {
        if (strcasecmp(key, "og:title") == 0)
            keep_first(c, &c->og_title, content);
        else if (strcasecmp(key, "twitter:title") == 0)
            keep_first(c, &c->twitter_title, content);
        else if (strcasecmp(key, "description") == 0)
            keep_first(c, &c->meta_description, content);
        else if (strcasecmp(key, "og:description") == 0)
            keep_first(c, &c->og_description, content);
        else if (strcasecmp(key, "twitter:description") == 0)
            keep_first(c, &c->twitter_description, content);
        else if (strcasecmp(key, "author") == 0 ||
                 strcasecmp(key, "dc.creator") == 0 ||
                 strcasecmp(key, "dcterms.creator") == 0)
            add_to_list(c, &c->meta_authors, content, strlen(content));
        else if (strcasecmp(key, "article:author") == 0)
            keep_first(c, &c->article_author, content);
        else if (strcasecmp(key, "article:published_time") == 0)
            keep_first(c, &c->article_published, content);
        else if (strcasecmp(key, "article:modified_time") == 0)
            keep_first(c, &c->article_modified, content);
        else if (strcasecmp(key, "og:updated_time") == 0)
            keep_first(c, &c->og_updated, content);
        else if (is_one_of(key, date_names))
            keep_first(c, &c->meta_date, content);
        else if (strcasecmp(key, "og:image") == 0 ||
                 strcasecmp(key, "og:image:url") == 0)
            keep_first(c, &c->og_image, content);
        else if (strcasecmp(key, "twitter:image") == 0 ||
                 strcasecmp(key, "twitter:image:src") == 0)
            keep_first(c, &c->twitter_image, content);
        else if (strcasecmp(key, "og:site_name") == 0)
            keep_first(c, &c->og_site_name, content);
        else if (strcasecmp(key, "application-name") == 0)
            keep_first(c, &c->application_name, content);
        else if (strcasecmp(key, "og:url") == 0)
            keep_first(c, &c->og_url, content);
        else if (strcasecmp(key, "og:locale") == 0)
            keep_first(c, &c->og_locale, content);
        else if (strcasecmp(key, "article:tag") == 0)
            add_to_list(c, &c->article_tags, content, strlen(content));
        else if (strcasecmp(key, "keywords") == 0 ||
                 strcasecmp(key, "news_keywords") == 0)
            add_words(c, &c->meta_keywords, content);
        else if (strcasecmp(key, "article:section") == 0)
            add_to_list(c, &c->article_sections, content, strlen(content));
    }
    const char *itemprop = html_attr(meta, "itemprop");
    if (itemprop != NULL && strcmp(itemprop, "datePublished") == 0)
        keep_first(c, &c->itemprop_published, content);
    else if (itemprop != NULL && strcmp(itemprop, "dateModified") == 0)
        keep_first(c, &c->itemprop_modified, content);
    const char *equiv = html_attr(meta, "http-equiv");
    if (equiv != NULL && strcasecmp(equiv, "content-language") == 0)
        keep_first(c, &c->content_language, content);
}

/* Whether the space-separated token list holds token (without case). */
static bool has_token(const char *list, const char *token)
{
    size_t n = strlen(token);
    for (const char *p = list; p != NULL && *p != '\0';) {
        while (html_is_space((unsigned char)*p))
            p++;
        size_t len = 0;
        while (p[len] != '\0' && !html_is_space((unsigned char)p[len]))
            len++;
        if (len == n && strncasecmp(p, token, n) == 0)
            return true;
        p += len;
    }
    return false;
}

/* ---- JSON-LD -------------------------------------------------------------- */

static const char *const article_types[] = {
    "Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle",
    "AnalysisNewsArticle", "OpinionNewsArticle", "ReviewNewsArticle",
    "BackgroundNewsArticle", "LiveBlogPosting", "TechArticle",
    "ScholarlyArticle", "SocialMediaPosting", "Report", NULL,
};

static bool is_article(const json_t *object)
{
    const json_t *type = json_object_get(object, "@type");
    if (json_is_string(type)) {
        for (size_t i = 0; article_types[i] != NULL; i++)
            if (strcmp(json_string_value(type), article_types[i]) == 0)
                return true;
        return false;
    }
    size_t i;
    const json_t *item;
    json_array_foreach(type, i, item) {
        if (json_is_string(item))
            for (size_t k = 0; article_types[k] != NULL; k++)
                if (strcmp(json_string_value(item), article_types[k]) == 0)
                    return true;
    }
    return false;
}

/* The string of a value that may be a string, an object with key, or an
 * array of either (its first). */
static const char *ld_string(const json_t *value, const char *key)
{
    if (json_is_array(value))
        value = json_array_get(value, 0);
    if (json_is_object(value) && key != NULL)
        value = json_object_get(value, key);
    return json_is_string(value) ? json_string_value(value) : NULL;
}

static void ld_keep(candidates *c, const char **slot, const json_t *object,
                    const char *name, const char *key)
{
    keep_first(c, slot, ld_string(json_object_get(object, name), key));
}

/* Adds the names of a value that may be a string, an object with "name",
 * or an array of either. */
static void ld_names(candidates *c, folio_value **list, const json_t *value,
                     bool split_commas)
{
    size_t count = json_is_array(value) ? json_array_size(value) : 1;
    for (size_t i = 0; i < count; i++) {
        const json_t *item =
            json_is_array(value) ? json_array_get(value, i) : value;
        if (json_is_object(item))
            item = json_object_get(item, "name");
        if (!json_is_string(item))
            continue;
        if (split_commas)
            add_words(c, list, json_string_value(item));
        else
            add_to_list(c, list, json_string_value(item),
                        json_string_length(item));
    }
}

static void collect_article_ld(candidates *c, const json_t *article)
{
    c->found_article_ld = true;
    ld_keep(c, &c->ld_headline, article, "headline", NULL);
    ld_keep(c, &c->ld_headline, article, "name", NULL);
    ld_keep(c, &c->ld_description, article, "description", NULL);
    ld_keep(c, &c->ld_published, article, "datePublished", NULL);
    ld_keep(c, &c->ld_modified, article, "dateModified", NULL);
    ld_keep(c, &c->ld_image, article, "image", "url");
    ld_keep(c, &c->ld_publisher, article, "publisher", "name");
    ld_keep(c, &c->ld_language, article, "inLanguage", NULL);
    ld_keep(c, &c->ld_url, article, "url", NULL);
    ld_keep(c, &c->ld_url, article, "mainEntityOfPage", "@id");
    ld_names(c, &c->ld_authors, json_object_get(article, "author"), false);
    ld_names(c, &c->ld_keywords, json_object_get(article, "keywords"), true);
    ld_names(c, &c->ld_sections, json_object_get(article, "articleSection"),
             false);
}

/* Looks for an article in a JSON-LD value: the value itself, the items of
 * an array, or the items of an "@graph". The first article found wins. */
static void collect_ld_value(candidates *c, const json_t *value)
{
    if (json_is_object(value)) {
        if (is_article(value)) {
            collect_article_ld(c, value);
            return;
        }
        value = json_object_get(value, "@graph");
    }
    size_t i;
    const json_t *item;
    json_array_foreach(value, i, item) {
        if (c->found_article_ld)
            return;
        if (json_is_object(item) && is_article(item))
            collect_article_ld(c, item);
    }
}

static void collect_json_ld(candidates *c, const xmlNode *script)
{
    if (c->found_article_ld)
        return;
    html_buf text = {0};
    for (const xmlNode *n = script->children; n != NULL; n = n->next) {
        size_t len;
        const char *part = html_text(n, &len);
        html_buf_add(&text, part, len);
    }
    if (text.failed) {
        c->nomem = true;
        html_buf_free(&text);
        return;
    }
    /* Broken JSON-LD is common and costs nothing but its metadata. */
    json_t *root = json_loadb(text.data != NULL ? text.data : "", text.len, 0,
                              NULL);
    html_buf_free(&text);
    collect_ld_value(c, root);
    json_decref(root);
}

/* ---- The walk ------------------------------------------------------------- */

static void collect_text(candidates *c, const char **slot, const xmlNode *node)
{
    if (*slot != NULL)
        return;
    html_buf text = {0};
    html_text_content(node, &text);
    if (text.failed)
        c->nomem = true;
    else
        *slot = keep(c, text.data, text.len);
    html_buf_free(&text);
}

/* What an element of the page gives, if anything; whether its content
 * has nothing more to give. */
static bool collect_element(candidates *c, const xmlNode *n)
{
    const char *value;
    switch (html_tag_of(n)) {
    case HTML_TAG_HTML:
        keep_first(c, &c->html_lang, html_attr(n, "lang"));
        return false;
    case HTML_TAG_TITLE:
        collect_text(c, &c->title_tag, n);
        return false;
    case HTML_TAG_META:
        collect_meta(c, n);
        return false;
    case HTML_TAG_LINK:
        if (has_token(html_attr(n, "rel"), "canonical"))
            keep_first(c, &c->canonical, html_attr(n, "href"));
        return false;
    case HTML_TAG_BASE:
        keep_first(c, &c->base_href, html_attr(n, "href"));
        return false;
    case HTML_TAG_SCRIPT:
        value = html_attr(n, "type");
        if (value != NULL && strcasecmp(value, "application/ld+json") == 0)
            collect_json_ld(c, n);
        return true;
    case HTML_TAG_TIME:
        value = html_attr(n, "itemprop");
        if (value != NULL && strcmp(value, "datePublished") == 0)
            keep_first(c, &c->itemprop_published, html_attr(n, "datetime"));
        else if (value != NULL && strcmp(value, "dateModified") == 0)
            keep_first(c, &c->itemprop_modified, html_attr(n, "datetime"));
        return false;
    case HTML_TAG_H1:
        collect_text(c, &c->h1, n);
        return true;
    case HTML_TAG_A:
        if (!has_token(html_attr(n, "rel"), "author"))
            return false;
        collect_text(c, &c->rel_author, n);
        return true;
    case HTML_TAG_SVG:
    case HTML_TAG_STYLE:
        return true;
    default:
        return false;
    }
}

static void collect(candidates *c, const xmlNode *root)
{
    for (const xmlNode *n = root; n != NULL;)
        n = html_next(root, n, collect_element(c, n));
}

/* ---- Choosing ------------------------------------------------------------- */

static const char *first_of(const char *const *choices, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (choices[i] != NULL)
            return choices[i];
    return NULL;
}

#define FIRST(...)                                                           \
    first_of((const char *const[]){__VA_ARGS__},                             \
             sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

static folio_status set_string(folio_doc *doc, const char *key,
                               const char *value, folio_error *err)
{
    if (value == NULL)
        return FOLIO_OK;
    return folio_meta_set_string(doc, key, value, strlen(value), err);
}

/* A list of one string becomes that string (a name, not a list of one). */
static folio_status set_names(folio_doc *doc, const char *key,
                              folio_value *list, folio_error *err)
{
    if (folio_value_count(list) == 1) {
        size_t len;
        const char *s = folio_value_string(folio_value_list_get(list, 0), &len);
        return folio_meta_set_string(doc, key, s, len, err);
    }
    return folio_meta_set(doc, key, list, err);
}

static bool nonempty(const folio_value *list)
{
    return list != NULL && folio_value_count(list) > 0;
}

static folio_value *first_list(folio_value *a, folio_value *b, folio_value *c)
{
    return nonempty(a) ? a : nonempty(b) ? b : nonempty(c) ? c : NULL;
}

static bool is_url(const char *s)
{
    return strncasecmp(s, "http://", 7) == 0 ||
           strncasecmp(s, "https://", 8) == 0;
}

/* Separators between a headline and a site name in a <title>. */
static const char *const title_separators[] = {
    " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xB7 ",
    " \xE2\x80\xA2 ", " \xC2\xBB ", " // ", NULL,
};

static size_t count_words(const char *s, size_t len)
{
    size_t words = 0;
    bool in_word = false;
    for (size_t i = 0; i < len; i++) {
        bool space = s[i] == ' ';
        words += !space && !in_word;
        in_word = !space;
    }
    return words;
}

/* The <title> without the site's name after the headline: the part the
 * page's own <h1> repeats, or what is left when the last part is the site
 * name (or what the <h1> says) or a short tail after a longer headline. */
static const char *strip_site_name(candidates *c, const char *title,
                                   const char *site)
{
    const char *cut = NULL;
    size_t sep_len = 0;
    for (size_t i = 0; title_separators[i] != NULL; i++) {
        const char *p = title, *found = NULL;
        while ((p = strstr(p, title_separators[i])) != NULL)
            found = p++;
        if (found != NULL && (cut == NULL || found > cut)) {
            cut = found;
            sep_len = strlen(title_separators[i]);
        }
    }
    if (cut == NULL)
        return title;
    size_t head_len = (size_t)(cut - title);
    const char *tail = cut + sep_len;
    if (c->h1 != NULL && strlen(c->h1) == head_len &&
        strncmp(c->h1, title, head_len) == 0)
        return keep(c, title, head_len);
    /* An <h1> that repeats the tail is the site's name in a banner. */
    bool site_tail = (site != NULL && strcasecmp(site, tail) == 0) ||
                     (c->h1 != NULL && strcmp(c->h1, tail) == 0);
    size_t head_words = count_words(title, head_len);
    size_t tail_words = count_words(tail, strlen(tail));
    if (site_tail || (tail_words <= 4 && head_words >= 4 &&
                      head_words > tail_words))
        return keep(c, title, head_len);
    return title;
}

/* "en_GB" as a language tag: "en-GB". */
static const char *locale_to_lang(candidates *c, const char *locale)
{
    if (locale == NULL)
        return NULL;
    char *copy = (char *)keep(c, locale, strlen(locale));
    for (char *p = copy; p != NULL && *p != '\0'; p++)
        if (*p == '_')
            *p = '-';
    return copy;
}

/* url resolved against base, copied into the arena. */
static const char *resolved(candidates *c, const char *url, const char *base)
{
    if (url == NULL)
        return NULL;
    xmlChar *absolute = html_url_resolve(url, base);
    if (absolute == NULL)
        return url;
    const char *kept = keep(c, (const char *)absolute,
                            strlen((const char *)absolute));
    xmlFree(absolute);
    return kept;
}

static folio_status choose(candidates *c, const char *base_option,
                           bool full_page, html_page_info *info,
                           folio_error *err)
{
    folio_doc *doc = c->doc;
    const char *site =
        FIRST(c->og_site_name, c->ld_publisher, c->application_name);
    const char *stripped =
        c->title_tag != NULL ? strip_site_name(c, c->title_tag, site) : NULL;
    const char *title = FIRST(c->og_title, c->ld_headline, c->twitter_title,
                              stripped, full_page ? c->h1 : NULL);
    /* Links resolve against the option, else <base>, else the canonical
     * URL when it is absolute. */
    const char *doc_base = base_option != NULL ? base_option : c->base_href;
    const char *canonical =
        resolved(c, FIRST(c->canonical, c->og_url, c->ld_url), doc_base);
    const char *link_base = doc_base != NULL                        ? doc_base
                            : canonical != NULL && is_url(canonical) ? canonical
                                                                     : NULL;
    if (c->nomem)
        return html_nomem(err);

    HTML_TRY(set_string(doc, "title", title, err));
    HTML_TRY(set_string(doc, "date",
                        FIRST(c->article_published, c->ld_published,
                              c->itemprop_published, c->meta_date),
                        err));
    if (nonempty(c->ld_authors))
        HTML_TRY(set_names(doc, "author", c->ld_authors, err));
    else if (nonempty(c->meta_authors))
        HTML_TRY(set_names(doc, "author", c->meta_authors, err));
    else if (c->article_author != NULL && !is_url(c->article_author))
        HTML_TRY(set_string(doc, "author", c->article_author, err));
    else if (c->rel_author != NULL)
        HTML_TRY(set_string(doc, "author", c->rel_author, err));
    HTML_TRY(set_string(doc, "description",
                        FIRST(c->meta_description, c->og_description,
                              c->twitter_description, c->ld_description),
                        err));
    HTML_TRY(set_string(
        doc, "image",
        resolved(c, FIRST(c->og_image, c->ld_image, c->twitter_image),
                 link_base),
        err));
    folio_value *tags =
        first_list(c->article_tags, c->ld_keywords, c->meta_keywords);
    if (tags != NULL)
        HTML_TRY(folio_meta_set(doc, "tags", tags, err));
    folio_value *sections = first_list(c->article_sections, c->ld_sections,
                                       NULL);
    if (sections != NULL)
        HTML_TRY(folio_meta_set(doc, "categories", sections, err));
    HTML_TRY(set_string(doc, "lang",
                        FIRST(c->html_lang, c->content_language,
                              locale_to_lang(c, c->og_locale), c->ld_language),
                        err));
    HTML_TRY(set_string(doc, "canonical_url", canonical, err));
    HTML_TRY(set_string(doc, "site_name", site, err));
    HTML_TRY(set_string(doc, "modified",
                        FIRST(c->article_modified, c->ld_modified,
                              c->og_updated, c->itemprop_modified),
                        err));
    if (c->nomem)
        return html_nomem(err);

    info->title = folio_meta_get_string(doc, "title");
    info->title_tag = c->title_tag;
    if (link_base != NULL) {
        info->base_url = xmlStrdup((const xmlChar *)link_base);
        if (info->base_url == NULL)
            return html_nomem(err);
    }
    return FOLIO_OK;
}

folio_status html_metadata_read(folio_doc *doc, xmlDoc *dom,
                                const char *base_option, bool full_page,
                                html_page_info *info, folio_error *err)
{
    candidates c = {.doc = doc};
    *info = (html_page_info){0};
    const xmlNode *root = xmlDocGetRootElement(dom);
    if (root != NULL)
        collect(&c, root);
    return choose(&c, base_option, full_page, info, err);
}

folio_status html_metadata_from_body(folio_doc *doc, const xmlNode *root,
                                     folio_error *err)
{
    if (folio_meta_get(doc, "date") != NULL)
        return FOLIO_OK;
    for (const xmlNode *n = root; n != NULL; n = html_next(root, n, false)) {
        const char *when = html_is(n, "time") ? html_attr(n, "datetime")
                                              : NULL;
        if (when == NULL)
            continue;
        candidates c = {.doc = doc};
        const char *date = keep(&c, when, strlen(when));
        if (c.nomem)
            return html_nomem(err);
        return set_string(doc, "date", date, err);
    }
    return FOLIO_OK;
}
