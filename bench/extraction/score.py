#!/usr/bin/env python3
"""Scores folio's article extraction against pages with known article text.

The folder holds html/<id>.html.gz and ground-truth.json
({id: {"articleBody": ...}}), as the public article-extraction benchmark
of scrapinghub lays them out. Each page is converted with
`folio -f html -t text --links=none` (or `-t json`, flattened here, with
--via json), and the text is compared with the benchmark's own metric:

  - tokens are the \\w+ runs of the text (Unicode word characters);
  - shingles are the runs of 4 consecutive tokens, with multiplicity
    (a text of fewer than 4 tokens is one shingle of all of them);
  - per page, TP (shared shingles), FP (extracted, not in the truth) and
    FN (in the truth, not extracted), each divided by their sum;
  - precision and recall are averaged over pages: a page with TP+FP = 0
    is left out of the precision mean, one with TP+FN = 0 out of the
    recall mean, and a page with FP = FN = 0 scores 1 in both;
  - F1 = 2PR / (P + R) of the two means.

Only the standard library is used. Example:

  bench/extraction/score.py --folio build/bin/folio ../shared/extraction-dev
"""
import argparse
import concurrent.futures
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4


def shingles(text):
    tokens = TOKEN.findall(text or "")
    runs = (tuple(tokens[i:i + SHINGLE])
            for i in range(max(1, len(tokens) - SHINGLE + 1)))
    return Counter(run for run in runs if run)


def match(truth, extracted):
    """Normalised (TP, FP, FN) of one page."""
    want, got = shingles(truth), shingles(extracted)
    tp = fp = fn = 0
    for key in want.keys() | got.keys():
        w, g = want.get(key, 0), got.get(key, 0)
        tp += min(w, g)
        fp += max(0, g - w)
        fn += max(0, w - g)
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def precision(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp)


def recall(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn)


def summary(scores):
    p = statistics.mean(precision(*s) for s in scores if s[0] + s[1] > 0)
    r = statistics.mean(recall(*s) for s in scores if s[0] + s[2] > 0)
    return p, r, (2 * p * r / (p + r) if p + r > 0 else 0.0)


def flatten(tree):
    """The text of a folio JSON document: one line per block, inline
    text joined, images and raw HTML left out."""
    lines = []

    def inline_text(nodes):
        parts = []
        for node in nodes:
            kind = node.get("type")
            if kind in ("text", "code"):
                parts.append(node.get("text", ""))
            elif kind in ("soft_break", "line_break"):
                parts.append(" ")
            elif kind not in ("image", "html_inline"):
                parts.append(inline_text(node.get("children", [])))
        return "".join(parts)

    stack = list(reversed(tree.get("blocks", [])))
    while stack:
        node = stack.pop()
        children = node.get("children", [])
        if node.get("type") == "code_block":
            lines.append(node.get("text", ""))
        elif children and all(child.get("type") in INLINES
                              for child in children):
            lines.append(inline_text(children))
        else:
            stack.extend(reversed(children))
    return "\n".join(lines)


INLINES = {"text", "soft_break", "line_break", "code", "html_inline",
           "emph", "strong", "link", "image", "strikethrough"}


def extract(folio, via, no_extract, html):
    command = [folio, "-f", "html", "-t", via]
    if via == "text":
        # Link targets are not article text.
        command.append("--links=none")
    if no_extract:
        command.append("--no-extract")
    done = subprocess.run(command + ["-"], input=html, capture_output=True,
                          timeout=120)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode("utf-8", "replace").strip())
    out = done.stdout.decode("utf-8")
    return flatten(json.loads(out)) if via == "json" else out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path,
                        help="holds html/<id>.html.gz and ground-truth.json")
    parser.add_argument("--folio", default="folio",
                        help="the folio command (default: folio on PATH)")
    parser.add_argument("--via", choices=("text", "json"), default="text",
                        help="convert to text, or to JSON flattened here")
    parser.add_argument("--no-extract", action="store_true",
                        help="score the whole body, without extraction")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--pages", action="store_true",
                        help="list each page's scores, worst first")
    parser.add_argument("--dump", type=Path,
                        help="write each page's extracted text to this folder")
    args = parser.parse_args()

    truth = json.loads((args.folder / "ground-truth.json").read_text("utf-8"))
    ids = sorted(truth)

    failures = []

    def run(page_id):
        path = args.folder / "html" / (page_id + ".html.gz")
        try:
            text = extract(args.folio, args.via, args.no_extract,
                           gzip.decompress(path.read_bytes()))
        except (RuntimeError, subprocess.TimeoutExpired, ValueError) as e:
            # A page folio cannot convert scores as an empty extraction.
            failures.append(f"{page_id}: {e}")
            text = ""
        return page_id, text

    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        texts = dict(pool.map(run, ids))
    for failure in failures[:5]:
        print(failure, file=sys.stderr)
    if len(failures) == len(ids):
        sys.exit("score.py: no page could be converted")
    scores = {i: match(truth[i].get("articleBody", ""), texts[i]) for i in ids}

    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for i in ids:
            (args.dump / (i + ".txt")).write_text(texts[i], "utf-8")
    if args.pages:
        def page_f1(s):
            p, r = precision(*s), recall(*s)
            return 2 * p * r / (p + r) if p + r > 0 else 0.0
        for i in sorted(ids, key=lambda i: page_f1(scores[i])):
            s = scores[i]
            print(f"{page_f1(s):.3f}  P={precision(*s):.3f} "
                  f"R={recall(*s):.3f}  {i[:16]}  "
                  f"{truth[i].get('url', '')}")
    p, r, f1 = summary(list(scores.values()))
    mode = "whole body" if args.no_extract else "extracted"
    print(f"{len(ids)} pages ({mode}, via {args.via}): "
          f"precision={p:.3f} recall={r:.3f} F1={f1:.3f}")


if __name__ == "__main__":
    main()
