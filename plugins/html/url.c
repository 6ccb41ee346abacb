/* URLs: resolving relative ones, and telling dangerous ones apart. */
#include "html.h"

#include <string.h>
#include <strings.h>

#include <libxml/uri.h>

xmlChar *html_url_resolve(const char *url, const char *base)
{
    if (url == NULL || base == NULL || *base == '\0')
        return NULL;
    /* Browsers ignore the spaces around an attribute's URL. */
    while (html_is_space((unsigned char)*url))
        url++;
    size_t len = strlen(url);
    while (len > 0 && html_is_space((unsigned char)url[len - 1]))
        len--;
    if (len == 0)
        return NULL;
    xmlChar *trimmed = xmlStrndup((const xmlChar *)url, (int)len);
    if (trimmed == NULL)
        return NULL;
    xmlChar *result = xmlBuildURI(trimmed, (const xmlChar *)base);
    if (result == NULL) {
        /* libxml2 refuses what browsers percent-encode (spaces, non-ASCII
         * bytes, '|'...): encode them the same way and try again. */
        xmlChar *escaped =
            xmlURIEscapeStr(trimmed, (const xmlChar *)":/?#[]@!$&'()*+,;=%~");
        if (escaped != NULL)
            result = xmlBuildURI(escaped, (const xmlChar *)base);
        xmlFree(escaped);
    }
    xmlFree(trimmed);
    return result;
}

/* Raster image types a data: URL may carry: the formats that cannot hold
 * script, unlike SVG. */
static const char *const image_types[] = {
    "image/png", "image/gif", "image/jpeg", "image/jpg", "image/webp",
    "image/avif", "image/bmp", NULL,
};

bool html_url_is_safe(const char *url, size_t len)
{
    /* The scheme as a browser reads it: leading controls and spaces
     * skipped, tabs and newlines anywhere ignored, case folded. */
    size_t i = 0;
    while (i < len && (unsigned char)url[i] <= 0x20)
        i++;
    char scheme[16];
    size_t n = 0;
    for (; i < len; i++) {
        char c = url[i];
        if (c == '\t' || c == '\n' || c == '\r')
            continue;
        if (c == ':')
            break;
        bool scheme_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '+' || c == '-' ||
                           c == '.';
        if (!scheme_char)
            return true;  /* a relative URL */
        if (n + 1 >= sizeof scheme)
            return true;  /* no dangerous scheme is this long */
        scheme[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    if (i >= len)
        return true;
    scheme[n] = '\0';
    if (strcmp(scheme, "javascript") == 0 || strcmp(scheme, "vbscript") == 0 ||
        strcmp(scheme, "livescript") == 0 || strcmp(scheme, "file") == 0)
        return false;
    if (strcmp(scheme, "data") != 0)
        return true;
    /* After "data:": the media type, up to ';' or ','. */
    const char *type = url + i + 1;
    size_t type_len = len - i - 1;
    for (size_t t = 0; image_types[t] != NULL; t++) {
        size_t k = strlen(image_types[t]);
        if (type_len > k && strncasecmp(type, image_types[t], k) == 0 &&
            (type[k] == ';' || type[k] == ','))
            return true;
    }
    return false;
}
