/*
 * Site chrome: lines a scraper or an export tool left around the article,
 * which no reader of the page takes for content. Only exact lines are
 * dropped, and the generic ones ("Comments", "Source link") only at the
 * very end, where a page's furniture sits, so an article that happens to
 * contain the same words in a sentence or mid-text heading keeps them.
 */
#include "text_plugin.h"

#include <string.h>

/* "- Published" alone, or glued to its date ("- Published3 days ago"):
 * the timestamp line of news pages whose markup was flattened. */
static bool is_published_line(const tx_line *line)
{
    static const char word[] = "- Published";
    const size_t n = sizeof word - 1;
    tx_line t = tx_line_trim(*line);
    if (t.len < n || memcmp(t.s, word, n) != 0)
        return false;
    return t.len == n || (t.s[n] >= '0' && t.s[n] <= '9');
}

/* Anywhere: an image placeholder of one web builder ("ree" is what is left
 * of its image markup), and the timestamp lines. */
static bool is_chrome(const tx_line *line)
{
    tx_line t = tx_line_trim(*line);
    return (t.len == 3 && memcmp(t.s, "ree", 3) == 0) ||
           is_published_line(line);
}

static bool is_leading_chrome(const tx_line *line)
{
    return is_chrome(line) || tx_line_is(line, "top of page");
}

static bool is_trailing_chrome(const tx_line *line)
{
    return is_chrome(line) || tx_line_is(line, "bottom of page") ||
           tx_line_is(line, "comments") || tx_line_is(line, "source link");
}

static void blank(tx_line *line)
{
    line->len = 0;
}

void tx_chrome_strip(tx_line *lines, size_t count)
{
    size_t i = 0;
    for (; i < count; i++) {
        if (tx_line_blank(&lines[i]))
            continue;
        if (!is_leading_chrome(&lines[i]))
            break;
        blank(&lines[i]);
    }
    size_t end = count;
    for (; end > i; end--) {
        if (tx_line_blank(&lines[end - 1]))
            continue;
        if (!is_trailing_chrome(&lines[end - 1]))
            break;
        blank(&lines[end - 1]);
    }
    for (; i < end; i++)
        if (is_chrome(&lines[i]))
            blank(&lines[i]);
}
