/*
 * When raw inline HTML at the start of a line would be read as the start
 * of an HTML block instead: CommonMark's seven start conditions, of which
 * all but the last may also interrupt a paragraph.
 */
#include "md_render.h"

#include <string.h>

/* Tags that start a block (condition 6), in CommonMark 0.30. */
static const char *const block_tags[] = {
    "address", "article", "aside", "base", "basefont", "blockquote", "body",
    "caption", "center", "col", "colgroup", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head",
    "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu",
    "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param",
    "section", "source", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "title", "tr", "track", "ul", NULL,
};

/* Tags whose blocks end only at their closing tag (condition 1). */
static const char *const raw_tags[] = {"script", "pre", "style", "textarea",
                                       NULL};

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether s (len bytes) starts with one of the names, case-insensitively,
 * followed by a space, ">", "/>" or the end. */
static bool starts_with_tag(const char *s, size_t len,
                            const char *const *names)
{
    for (; *names != NULL; names++) {
        size_t n = strlen(*names);
        if (n > len)
            continue;
        size_t i = 0;
        while (i < n && lower(s[i]) == (*names)[i])
            i++;
        if (i < n)
            continue;
        if (n == len || s[n] == ' ' || s[n] == '\t' || s[n] == '\n' ||
            s[n] == '>' || (s[n] == '/' && n + 1 < len && s[n + 1] == '>'))
            return true;
    }
    return false;
}

bool md_html_starts_block(const char *s, size_t len, bool alone)
{
    if (len < 2 || s[0] != '<')
        return false;
    if (s[1] == '?' || s[1] == '!')
        return true; /* conditions 2 to 5: <!--, <?, <!X, <![CDATA[ */
    const char *name = s[1] == '/' ? s + 2 : s + 1;
    size_t rest = len - (size_t)(name - s);
    if (starts_with_tag(name, rest, block_tags) ||
        (s[1] != '/' && starts_with_tag(name, rest, raw_tags)))
        return true;
    /* Condition 7: any other tag, alone on its line and not interrupting
     * a paragraph. */
    return alone && memchr(s, '\n', len) == NULL;
}
