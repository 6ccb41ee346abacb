/* Elements read whole: code blocks, code spans and images. */
#include "convert.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The text of a <pre> or <code> as written: <br> and block ends become
 * line breaks. */
static void literal_text(const xmlNode *root, html_buf *buf)
{
    xmlNode *n = NULL;
    bool entering = false, skip = false;
    while (html_walk_next(root, &n, &entering, skip)) {
        skip = false;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            size_t len;
            const char *text = html_text(n, &len);
            html_buf_add(buf, text, len);
        } else if (n->type == XML_ELEMENT_NODE && n != root) {
            skip = entering && html_never_shown(n);
            if (html_is(n, "br") && entering)
                html_buf_add(buf, "\n", 1);
            else if (!entering && !html_is_inline(n) && buf->len > 0 &&
                     buf->data[buf->len - 1] != '\n')
                html_buf_add(buf, "\n", 1);
        }
    }
}

/* The language of a code block from class="language-x" (or "lang-x") on
 * the <pre> or its <code>. */
static const char *code_language(const xmlNode *pre, size_t *len)
{
    const xmlNode *code = pre->children;
    while (code != NULL && code->type != XML_ELEMENT_NODE)
        code = code->next;
    const xmlNode *candidates[2] = {pre, html_is(code, "code") ? code : NULL};
    for (int i = 0; i < 2; i++) {
        const char *cls = html_attr(candidates[i], "class");
        for (const char *p = cls; p != NULL && *p != '\0';) {
            while (html_is_space((unsigned char)*p))
                p++;
            size_t n = 0;
            while (p[n] != '\0' && !html_is_space((unsigned char)p[n]))
                n++;
            size_t prefix = strncmp(p, "language-", 9) == 0 ? 9
                            : strncmp(p, "lang-", 5) == 0   ? 5
                                                            : 0;
            if (prefix > 0 && n > prefix) {
                *len = n - prefix;
                return p + prefix;
            }
            p += n;
        }
    }
    return NULL;
}

folio_status convert_code_block(converter *c, const xmlNode *pre)
{
    html_buf buf = {0};
    literal_text(pre, &buf);
    html_buf_add(&buf, "\n", 1);
    if (buf.failed) {
        html_buf_free(&buf);
        return html_nomem(c->err);
    }
    /* One newline right after <pre> is not content (the HTML rule); CR
     * is a line end. */
    size_t out = 0;
    for (size_t i = 0; i < buf.len; i++) {
        if (buf.data[i] == '\r') {
            buf.data[out++] = '\n';
            if (i + 1 < buf.len && buf.data[i + 1] == '\n')
                i++;
        } else
            buf.data[out++] = buf.data[i];
    }
    size_t start = out > 0 && buf.data[0] == '\n' ? 1 : 0;
    while (out > start + 1 && buf.data[out - 1] == '\n' &&
           buf.data[out - 2] == '\n')
        out--;
    folio_status status = FOLIO_OK;
    if (out > start + 1) {
        folio_node *node;
        int depth;
        size_t info_len = 0;
        const char *info = code_language(pre, &info_len);
        status = convert_add_block(c, FOLIO_NODE_CODE_BLOCK, pre, &node, &depth);
        if (status == FOLIO_OK)
            status = folio_node_set_literal(node, buf.data + start,
                                            out - start, c->err);
        if (status == FOLIO_OK && info != NULL)
            status = folio_node_set_code_info(node, info, info_len, c->err);
    }
    html_buf_free(&buf);
    return status;
}

folio_status convert_code_span(converter *c, const xmlNode *code)
{
    html_buf buf = {0};
    literal_text(code, &buf);
    if (buf.failed) {
        html_buf_free(&buf);
        return html_nomem(c->err);
    }
    bool lead = buf.len > 0 && html_is_space((unsigned char)buf.data[0]);
    bool trail =
        buf.len > 0 && html_is_space((unsigned char)buf.data[buf.len - 1]);
    size_t len = html_collapse_space(buf.data, buf.len);
    folio_status status = FOLIO_OK;
    if (lead)
        convert_separate(c, SEP_SPACE);
    if (len > 0) {
        folio_node *node = folio_node_new(c->doc, FOLIO_NODE_CODE);
        status = node == NULL ? html_nomem(c->err)
                              : folio_node_set_literal(node, buf.data, len,
                                                       c->err);
        if (status == FOLIO_OK)
            status = convert_add_leaf(c, node, code);
    }
    if (trail && status == FOLIO_OK)
        convert_separate(c, SEP_SPACE);
    html_buf_free(&buf);
    return status;
}

/* Whether an image's src is a stand-in for a lazily loaded one. */
static bool is_placeholder(const char *src)
{
    static const char *const marks[] = {
        "blank.", "spacer.", "placeholder", "pixel.", "transparent.",
        "lazy", "loading.", "1x1", "grey.gif", "empty.", NULL,
    };
    if (src == NULL || *src == '\0' || strncasecmp(src, "data:", 5) == 0)
        return true;
    for (size_t i = 0; marks[i] != NULL; i++)
        if (strstr(src, marks[i]) != NULL)
            return true;
    return false;
}

/* The widest candidate of a srcset ("a.jpg 800w, b.jpg 1600w"), copied
 * into buf. */
static bool best_in_srcset(const char *srcset, html_buf *buf)
{
    double best = -1;
    for (const char *p = srcset; p != NULL && *p != '\0';) {
        while (html_is_space((unsigned char)*p) || *p == ',')
            p++;
        const char *url = p;
        while (*p != '\0' && !html_is_space((unsigned char)*p) &&
               !(*p == ',' && (p[1] == ' ' || p[1] == '\0')))
            p++;
        size_t url_len = (size_t)(p - url);
        double size = 0;
        while (html_is_space((unsigned char)*p))
            p++;
        if (*p >= '0' && *p <= '9')
            size = strtod(p, NULL);
        while (*p != '\0' && *p != ',')
            p++;
        if (url_len > 0 && size > best) {
            best = size;
            buf->len = 0;
            html_buf_add(buf, url, url_len);
        }
    }
    return best >= 0 && !buf->failed;
}

/* The URL an image shows: its src, unless that is a placeholder for
 * lazy loading, when the real one is in data-src (or a kin) or a
 * srcset. */
static const char *image_source(const xmlNode *img, html_buf *buf)
{
    static const char *const lazy[] = {
        "data-src", "data-lazy-src", "data-original", "data-lazy",
        "data-url", "data-hi-res-src", "data-full-src", NULL,
    };
    const char *src = html_attr(img, "src");
    if (!is_placeholder(src))
        return src;
    for (size_t i = 0; lazy[i] != NULL; i++) {
        const char *candidate = html_attr(img, lazy[i]);
        if (candidate != NULL && *candidate != '\0')
            return candidate;
    }
    if (best_in_srcset(html_attr(img, "data-srcset"), buf) ||
        best_in_srcset(html_attr(img, "srcset"), buf)) {
        html_buf_add(buf, "", 1);
        return buf->failed ? NULL : buf->data;
    }
    return src != NULL && *src != '\0' ? src : NULL;
}

folio_status convert_image(converter *c, const xmlNode *img)
{
    html_buf buf = {0};
    const char *src = image_source(img, &buf);
    if (src == NULL) {
        bool failed = buf.failed;
        html_buf_free(&buf);
        return failed ? html_nomem(c->err) : FOLIO_OK;
    }
    xmlChar *absolute = html_url_resolve(src, c->base_url);
    const char *url = absolute != NULL ? (const char *)absolute : src;
    folio_node *image = convert_new_node(c, FOLIO_NODE_IMAGE, img);
    folio_status status =
        image == NULL ? html_nomem(c->err)
                      : folio_node_set_url(image, url, strlen(url), c->err);
    xmlFree(absolute);
    html_buf_free(&buf);
    HTML_TRY(status);
    const char *title = html_attr(img, "title");
    if (title != NULL && *title != '\0')
        HTML_TRY(folio_node_set_title(image, title, strlen(title), c->err));
    const char *alt = html_attr(img, "alt");
    if (alt != NULL) {
        char *copy = folio_doc_strndup(c->doc, alt, strlen(alt));
        if (copy == NULL)
            return html_nomem(c->err);
        size_t len = html_collapse_space(copy, strlen(copy));
        if (len > 0) {
            folio_node *text = folio_node_new(c->doc, FOLIO_NODE_TEXT);
            if (text == NULL)
                return html_nomem(c->err);
            HTML_TRY(folio_node_set_literal(text, copy, len, c->err));
            HTML_TRY(folio_node_append(image, text, c->err));
        }
    }
    return convert_add_leaf(c, image, img);
}
