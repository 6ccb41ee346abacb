#!/usr/bin/env python3
"""Deterministic generator of article archives for folio's benchmarks.

    bench/generate.py OUTDIR [--articles N] [--seed S] [--formats md,html,txt,json]
                             [--large-mb 20] [--medium-mb 4]

writes OUTDIR/FORMAT/YYYY/MM/article-N.EXT for FORMAT in md, html, txt and
json: realistic news articles (title, byline, date, 5-30 paragraphs with
emphasis, links, lists, quotes, images, a table now and then; 1% long reads
of 200-500 KB), the same N articles in each format, OUTDIR/large/ with one
large file per format (about 20 MB) and OUTDIR/medium/ with one medium file
per format (about 4 MB, for peers too slow for the large one); a size of 0
leaves that file out. The same seed always gives the same bytes, and the
first N articles of a larger archive are the N of a smaller one.
Standard library only.
"""
import argparse
import json
import os
import random

WORDS = (
    "harbour council ferry library festival timetable storm volunteers "
    "residents mayor school bridge market museum river coast rail station "
    "weather report funding community bakery cooperative garden plan board "
    "evening morning crossing season visitors record opening repairs road "
    "survey committee budget minister island village district local fair "
    "award tide project archive science pupils teachers families route "
    "service trial delay workers union price housing energy water park"
).split()
NAMES = ["Mara Quill", "Tobias Fenwick", "Ada Lorne", "Ines Caldwell",
         "Rafe Oduya", "Lena Brandt", "Caspar Hale", "Noor Abbasi"]


def sentence(rng, words=None):
    count = words or rng.randint(8, 24)
    text = " ".join(rng.choice(WORDS) for _ in range(count))
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "?"])


class Article:
    """One article as a list of blocks, rendered into every format."""

    def __init__(self, rng, index, long_read):
        self.index = index
        self.title = sentence(rng, rng.randint(4, 9)).rstrip(".?")
        self.author = rng.choice(NAMES)
        self.year = 2015 + index % 11
        self.month = 1 + (index // 11) % 12
        self.date = "%04d-%02d-%02dT%02d:%02d:00" % (
            self.year, self.month, 1 + index % 28, index % 24, index % 60)
        self.tags = sorted(set(rng.choice(WORDS) for _ in range(3)))
        self.blocks = []
        target = rng.randint(200_000, 500_000) if long_read else 0
        paragraphs = rng.randint(5, 30)
        size = 0
        i = 0
        while i < paragraphs or size < target:
            block = self.block(rng, i)
            size += sum(len(str(part)) for part in block[1:])
            self.blocks.append(block)
            i += 1

    def block(self, rng, i):
        roll = rng.random()
        if i > 0 and roll < 0.08:
            return ("heading", sentence(rng, 4).rstrip(".?"))
        if roll < 0.14:
            return ("list", [sentence(rng, 6) for _ in range(rng.randint(2, 5))])
        if roll < 0.19:
            return ("quote", sentence(rng))
        if roll < 0.23:
            return ("image", "https://images.example/%d/%d.jpg" % (self.index, i),
                    sentence(rng, 5).rstrip(".?"))
        if roll < 0.25:
            rows = [[rng.choice(WORDS), str(rng.randint(1, 999)),
                     "%d.%02d" % (rng.randint(0, 99), rng.randint(0, 99))]
                    for _ in range(rng.randint(2, 6))]
            return ("table", ["Item", "Count", "Price"], rows)
        spans = []
        for _ in range(rng.randint(2, 6)):
            kind = rng.random()
            text = sentence(rng)
            if kind < 0.15:
                spans.append(("emph", text))
            elif kind < 0.25:
                spans.append(("strong", text))
            elif kind < 0.35:
                spans.append(("link", text, "https://news.example/%d/%d" % (
                    self.index, len(spans))))
            else:
                spans.append(("text", text))
        return ("paragraph", spans)


def esc_html(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_markdown(a):
    out = ["---", 'title: "%s"' % a.title, "date: %s" % a.date,
           'author: "%s"' % a.author, "tags: [%s]" % ", ".join(a.tags),
           "---", ""]
    for b in a.blocks:
        if b[0] == "heading":
            out.append("## " + b[1])
        elif b[0] == "list":
            out.extend("- " + item for item in b[1])
        elif b[0] == "quote":
            out.append("> " + b[1])
        elif b[0] == "image":
            out.append("![%s](%s)" % (b[2], b[1]))
        elif b[0] == "table":
            out.append("| " + " | ".join(b[1]) + " |")
            out.append("| --- | ---: | ---: |")
            out.extend("| " + " | ".join(r) + " |" for r in b[2])
        else:
            parts = []
            for s in b[1]:
                if s[0] == "emph":
                    parts.append("*%s*" % s[1])
                elif s[0] == "strong":
                    parts.append("**%s**" % s[1])
                elif s[0] == "link":
                    parts.append("[%s](%s)" % (s[1], s[2]))
                else:
                    parts.append(s[1])
            out.append(" ".join(parts))
        out.append("")
    return "\n".join(out)


def to_html(a):
    out = ['<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
           "<title>%s | Harbour Gazette</title>" % esc_html(a.title),
           '<meta name="author" content="%s">' % a.author,
           '<meta property="article:published_time" content="%s">' % a.date,
           '<meta property="og:title" content="%s">' % esc_html(a.title),
           "</head><body>",
           '<header><nav><a href="/">Home</a> <a href="/news">News</a> '
           '<a href="/sport">Sport</a></nav></header>',
           "<main><article><h1>%s</h1>" % esc_html(a.title),
           '<p class="byline">By %s</p>' % a.author]
    for b in a.blocks:
        if b[0] == "heading":
            out.append("<h2>%s</h2>" % esc_html(b[1]))
        elif b[0] == "list":
            out.append("<ul>" + "".join("<li>%s</li>" % esc_html(i) for i in b[1]) + "</ul>")
        elif b[0] == "quote":
            out.append("<blockquote><p>%s</p></blockquote>" % esc_html(b[1]))
        elif b[0] == "image":
            out.append('<figure><img src="%s" alt="%s"><figcaption>%s</figcaption></figure>'
                       % (b[1], esc_html(b[2]), esc_html(b[2])))
        elif b[0] == "table":
            head = "".join("<th>%s</th>" % h for h in b[1])
            rows = "".join("<tr>" + "".join("<td>%s</td>" % c for c in r) + "</tr>" for r in b[2])
            out.append("<table><thead><tr>%s</tr></thead><tbody>%s</tbody></table>" % (head, rows))
        else:
            parts = []
            for s in b[1]:
                if s[0] == "emph":
                    parts.append("<em>%s</em>" % esc_html(s[1]))
                elif s[0] == "strong":
                    parts.append("<strong>%s</strong>" % esc_html(s[1]))
                elif s[0] == "link":
                    parts.append('<a href="%s">%s</a>' % (s[2], esc_html(s[1])))
                else:
                    parts.append(esc_html(s[1]))
            out.append("<p>%s</p>" % " ".join(parts))
    out.append('</article></main><aside><h3>Related</h3><ul><li><a href="/a">More news</a></li>'
               '</ul></aside><footer><p>&copy; Harbour Gazette</p></footer></body></html>')
    return "\n".join(out) + "\n"


def to_text(a):
    out = [a.title, "", "By %s, %s" % (a.author, a.date[:10]), ""]
    for b in a.blocks:
        if b[0] == "heading":
            out.append(b[1])
        elif b[0] == "list":
            out.extend("- " + i for i in b[1])
        elif b[0] == "quote":
            out.append("> " + b[1])
        elif b[0] == "image":
            out.append(b[2])
        elif b[0] == "table":
            out.extend("  ".join(r) for r in [b[1]] + b[2])
        else:
            out.append(" ".join(s[1] for s in b[1]))
        out.append("")
    return "\n".join(out)


def text_node(s):
    return {"type": "text", "text": s}


def to_json(a):
    blocks = []
    for b in a.blocks:
        if b[0] == "heading":
            blocks.append({"type": "heading", "level": 2, "children": [text_node(b[1])]})
        elif b[0] == "list":
            blocks.append({"type": "list", "list_type": "bullet", "start": 1,
                           "tight": True, "delimiter": "none", "children": [
                               {"type": "item", "children": [
                                   {"type": "paragraph", "children": [text_node(i)]}]}
                               for i in b[1]]})
        elif b[0] == "quote":
            blocks.append({"type": "block_quote", "children": [
                {"type": "paragraph", "children": [text_node(b[1])]}]})
        elif b[0] == "image":
            blocks.append({"type": "paragraph", "children": [
                {"type": "image", "url": b[1], "title": "", "children": [text_node(b[2])]}]})
        elif b[0] == "table":
            def row(cells, header):
                return {"type": "table_row", "header": header, "children": [
                    {"type": "table_cell", "children": [text_node(c)]} for c in cells]}
            blocks.append({"type": "table", "columns": 3, "align": ["none", "right", "right"],
                           "children": [row(b[1], True)] + [row(r, False) for r in b[2]]})
        else:
            children = []
            for i, s in enumerate(b[1]):
                if i:
                    children.append(text_node(" "))
                if s[0] in ("emph", "strong"):
                    children.append({"type": s[0], "children": [text_node(s[1])]})
                elif s[0] == "link":
                    children.append({"type": "link", "url": s[2], "title": "",
                                     "children": [text_node(s[1])]})
                else:
                    children.append(text_node(s[1]))
            blocks.append({"type": "paragraph", "children": children})
    doc = {"folio": 1, "meta": {"title": a.title, "date": a.date, "author": a.author,
                                "tags": a.tags}, "blocks": blocks}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


FORMATS = (("md", to_markdown), ("html", to_html), ("txt", to_text), ("json", to_json))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def one_document(rng, seed, megabytes):
    """Many short articles' blocks in one document of about MEGABYTES."""
    big = Article(random.Random(seed), 0, long_read=False)
    big.blocks = []
    size = 0
    while size < megabytes * 1_000_000:
        blocks = Article(rng, len(big.blocks), False).blocks
        size += sum(len(str(b)) for b in blocks)
        big.blocks.extend(blocks)
    return big


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--formats", default=",".join(ext for ext, _ in FORMATS),
                        help="comma-separated extensions to write (default: all)")
    parser.add_argument("--large-mb", type=float, default=20)
    parser.add_argument("--medium-mb", type=float, default=4)
    args = parser.parse_args()
    wanted = args.formats.split(",")
    formats = [(ext, render) for ext, render in FORMATS if ext in wanted]
    if len(formats) != len(wanted):
        parser.error("--formats: known extensions are " + ", ".join(e for e, _ in FORMATS))
    rng = random.Random(args.seed)
    for i in range(args.articles):
        article = Article(rng, i, long_read=(i % 100 == 99))
        for ext, render in formats:
            write(os.path.join(args.outdir, ext, "%04d" % article.year,
                               "%02d" % article.month, "article-%05d.%s" % (i, ext)),
                  render(article))
    # One large and one medium file per format, drawn after the articles.
    for name, megabytes, seed in (("large", args.large_mb, args.seed + 1),
                                  ("medium", args.medium_mb, args.seed + 2)):
        if megabytes > 0:
            doc = one_document(rng, seed, megabytes)
            for ext, render in formats:
                write(os.path.join(args.outdir, name, "%s.%s" % (name, ext)), render(doc))


if __name__ == "__main__":
    main()
