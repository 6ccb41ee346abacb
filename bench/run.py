#!/usr/bin/env python3
"""folio's benchmark suite: one command, one Markdown table.

    bench/run.py [--folio build/bin/folio] [--data build/bench-data]
                 [--articles 2000] [--repeat 3] [--no-pandoc] [--no-readability]
                 [--write BENCHMARKS.md]

Generates the archives with bench/generate.py when missing (DATA, and
DATA-N with ten times the articles in Markdown only), then measures, in one
run and on the same files:
  - every reader x writer pair on one large file (MB/s, peak RSS), beside
    cmark and pandoc where they do the same conversion;
  - every pair pandoc can do with the same meaning, on one medium file;
  - start-up: folio on an empty input, with the plugins it needs loaded;
  - files per second, one process per file, beside cmark and pandoc;
  - folio batch over the archive at -j1 and -j2 (files/s, peak RSS), output
    on tmpfs, and once on disk;
  - HTML -> Markdown with article extraction beside Readability + turndown
    (bench/readability, when node and its modules are installed);
  - folio batch's memory over N and 10 N articles.
Times are medians of --repeat runs (a run over 10 s, a slow peer's, is not
repeated); peak RSS comes from wait4(). Standard library only. The timings
are measurements, never test assertions.
"""
import argparse
import functools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
READABILITY = os.path.join(HERE, "readability")
EXTENSIONS = {"markdown": "md", "html": "html", "text": "txt", "json": "json"}
# pandoc's names for folio's formats where they mean the same: the reader
# (pandoc's markdown reads YAML front matter and pipe tables as folio does)
# and the writer.
PANDOC_FROM = {"markdown": "markdown", "html": "html"}
PANDOC_TO = {"markdown": "gfm", "html": "html", "text": "plain"}
# Pairs pandoc also runs on the large file (it needs 45-100 s on each).
PANDOC_LARGE = (("markdown", "html"), ("html", "markdown"))
SLOW = 10  # seconds: a run this long is not repeated


def run(argv, stdin_path=None):
    """Runs argv with output discarded; returns (seconds, peak RSS in KiB)."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if stdin_path:
        stdin.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("failed: " + " ".join(argv))
    return seconds, usage.ru_maxrss


def median_of(run_once, repeat):
    """Median seconds and largest peak RSS of up to REPEAT calls of run_once;
    one call when the first takes over SLOW seconds."""
    results = [run_once()]
    while len(results) < repeat and results[0][0] < SLOW:
        results.append(run_once())
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def median_run(argv, repeat, stdin_path=None):
    return median_of(lambda: run(argv, stdin_path), repeat)


@functools.lru_cache(maxsize=None)
def convert(folio, r, w, src, repeat):
    """folio on one file: (median seconds, peak RSS in KiB)."""
    return median_run([folio, "-f", r, "-t", w, src, "-o", "/dev/null"], repeat)


@functools.lru_cache(maxsize=None)
def batch(folio, data, r, w, jobs, parent, repeat):
    """folio batch over DATA's folder for R into a new folder under PARENT
    each run: (files/s, peak RSS in KiB)."""
    src = os.path.join(data, EXTENSIONS[r])

    def once():
        with tempfile.TemporaryDirectory(dir=parent) as tmp:
            return run([folio, "batch", src, os.path.join(tmp, "out"),
                        "-f", r, "-t", w, "-j", str(jobs)])
    seconds, rss = median_of(once, repeat)
    return len(small_files(data, EXTENSIONS[r], 10 ** 9)) / seconds, rss


def pandoc_argv(pandoc, r, w, src):
    return [pandoc, "-f", PANDOC_FROM[r], "-t", PANDOC_TO[w], src, "-o", "/dev/null"]


def formats(folio):
    out = subprocess.run([folio, "--list-formats"], capture_output=True,
                         text=True, check=True).stdout.splitlines()[1:]
    readers, writers = [], []
    for line in out:
        name, roles = line.split()[:2]
        if name in EXTENSIONS:
            if "read" in roles:
                readers.append(name)
            if "write" in roles:
                writers.append(name)
    return readers, writers


def ensure_data(path, options):
    """Runs generate.py into PATH unless it already holds what OPTIONS make."""
    stamp = os.path.join(path, ".generated-with")
    wanted = " ".join(options)
    try:
        with open(stamp) as f:
            if f.read() == wanted:
                return
    except OSError:
        pass
    shutil.rmtree(path, ignore_errors=True)
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), path] + options,
                   check=True)
    with open(stamp, "w") as f:
        f.write(wanted)


def small_files(data, ext, count):
    found = []
    for root, _, files in sorted(os.walk(os.path.join(data, ext))):
        found.extend(os.path.join(root, f) for f in sorted(files))
    return found[:count]


def per_file_rate(argv_for, files):
    start = time.perf_counter()
    for path in files:
        run(argv_for(path))
    return len(files) / (time.perf_counter() - start)


def mib(kib):
    return "%.0f MiB" % (kib / 1024)


def sizes(data, kind, readers):
    return ", ".join("%s %.1f MB" % (EXTENSIONS[r], os.path.getsize(
        os.path.join(data, kind, kind + "." + EXTENSIONS[r])) / 1e6) for r in readers)


def large_files(ctx):
    say = ctx.say
    say("## Large file (one document, %s)" % sizes(ctx.data, "large", ctx.readers))
    say("")
    say("| reader → writer | folio MB/s | folio peak RSS | cmark | pandoc | folio vs cmark | pandoc / folio |")
    say("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in ctx.readers:
        src = os.path.join(ctx.data, "large", "large." + EXTENSIONS[r])
        size = os.path.getsize(src) / 1e6
        for w in ctx.writers:
            seconds, rss = convert(ctx.folio, r, w, src, ctx.repeat)
            peer_cmark = peer_pandoc = ratio_cmark = ratio_pandoc = "–"
            if ctx.cmark and r == "markdown" and w == "html":
                c, _ = median_run([ctx.cmark, src], ctx.repeat)
                peer_cmark = "%.2f s" % c
                ratio_cmark = "%.2f×" % (seconds / c)
            if ctx.pandoc and (r, w) in PANDOC_LARGE:
                p, _ = median_run(pandoc_argv(ctx.pandoc, r, w, src), ctx.repeat)
                peer_pandoc = "%.1f s" % p
                ratio_pandoc = "%.0f×" % (p / seconds)
            say("| %s → %s | %.0f (%.2f s) | %s | %s | %s | %s | %s |" % (
                r, w, size / seconds, seconds, mib(rss), peer_cmark, peer_pandoc,
                ratio_cmark, ratio_pandoc))
    say("")


def pandoc_pairs(ctx):
    pairs = [(r, w) for r in ctx.readers if r in PANDOC_FROM
             for w in ctx.writers if w in PANDOC_TO]
    if not ctx.pandoc or not pairs:
        return
    say = ctx.say
    say("## Every pair pandoc can do, on a medium file (%s)" % sizes(
        ctx.data, "medium", sorted(set(r for r, _ in pairs))))
    say("")
    say("pandoc reads Markdown as `markdown` (YAML front matter, pipe tables) and")
    say("writes Markdown as `gfm`, text as `plain`. Left out: the text reader (pandoc")
    say("would read the .txt as Markdown, another conversion: no title, byline or")
    say("list inference) and JSON (folio's tree, not pandoc's AST).")
    say("")
    say("| reader → writer | pandoc -f → -t | folio | folio peak RSS | pandoc | pandoc peak RSS | pandoc / folio |")
    say("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for r, w in pairs:
        src = os.path.join(ctx.data, "medium", "medium." + EXTENSIONS[r])
        seconds, rss = convert(ctx.folio, r, w, src, ctx.repeat)
        p, p_rss = median_run(pandoc_argv(ctx.pandoc, r, w, src), ctx.repeat)
        say("| %s → %s | %s → %s | %.1f ms | %s | %.2f s | %s | %.0f× |" % (
            r, w, PANDOC_FROM[r], PANDOC_TO[w], seconds * 1000, mib(rss), p, mib(p_rss),
            p / seconds))
    say("")


def start_up(ctx):
    say = ctx.say
    say("## Start-up (empty input, plugins loaded)")
    say("")
    say("| command | median |")
    say("| --- | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for r in ctx.readers:
            empty = os.path.join(tmp, "empty." + EXTENSIONS[r])
            with open(empty, "w") as f:
                f.write('{"folio": 1, "meta": {}, "blocks": []}' if r == "json" else "")
            w = "html" if "html" in ctx.writers else ctx.writers[0]
            seconds, _ = median_run([ctx.folio, "-f", r, "-t", w, empty], 21)
            say("| folio -f %s -t %s | %.1f ms |" % (r, w, seconds * 1000))
    say("")


def per_file(ctx):
    md_files = small_files(ctx.data, "md", 500)
    if "markdown" not in ctx.readers or "html" not in ctx.writers or not md_files:
        return
    say = ctx.say
    folio, cmark, pandoc = ctx.folio, ctx.cmark, ctx.pandoc
    say("## Small files, one process per file (md → html, %d files)" % len(md_files))
    say("")
    say("| tool | files/s |")
    say("| --- | ---: |")
    say("| folio | %.0f |" % per_file_rate(
        lambda p: [folio, "-f", "markdown", "-t", "html", p, "-o", "/dev/null"],
        md_files))
    if cmark:
        say("| cmark | %.0f |" % per_file_rate(lambda p: [cmark, p], md_files))
    if pandoc:
        say("| pandoc | %.0f |" % per_file_rate(
            lambda p: pandoc_argv(pandoc, "markdown", "html", p), md_files[:100]))
    say("")


def batches(ctx):
    say = ctx.say
    say("## folio batch over the archive (%d articles per format)" % ctx.articles)
    say("")
    if ctx.tmpfs:
        say("Output on tmpfs (%s), where creating a file costs no journal write, so" % ctx.tmpfs)
        say("the rows measure folio; one row on disk shows what the file system adds.")
    else:
        say("Output on disk: this machine has no /dev/shm.")
    say("")
    say("| conversion | output | -j1 files/s | -j2 files/s | -j2 / -j1 | peak RSS -j2 |")
    say("| --- | --- | ---: | ---: | ---: | ---: |")
    rows = [(r, "html" if "html" in ctx.writers else ctx.writers[0]) for r in ctx.readers]
    if "html" in ctx.readers and "markdown" in ctx.writers:
        rows.append(("html", "markdown"))
    places = [(r, w, "tmpfs" if ctx.tmpfs else "disk", ctx.tmpfs or ctx.disk)
              for r, w in rows]
    if ctx.tmpfs and "markdown" in ctx.readers and "html" in ctx.writers:
        places.append(("markdown", "html", "disk", ctx.disk))
    for r, w, place, parent in places:
        (one, _), (two, rss) = (batch(ctx.folio, ctx.data, r, w, jobs, parent, ctx.repeat)
                                for jobs in (1, 2))
        say("| %s → %s | %s | %.0f | %.0f | %.2f | %s |" % (
            r, w, place, one, two, two / one, mib(rss)))
    say("")


def package_version(name):
    with open(os.path.join(READABILITY, "node_modules", name, "package.json")) as f:
        return json.load(f)["version"]


def readability(ctx):
    """HTML -> Markdown with article extraction beside Readability + turndown."""
    say = ctx.say
    if "html" not in ctx.readers or "markdown" not in ctx.writers or ctx.no_readability:
        return
    say("## HTML → Markdown with article extraction, beside Readability + turndown")
    say("")
    node = shutil.which("node")
    modules = os.path.join(READABILITY, "node_modules")
    if not node:
        say("Skipped: node is not installed (scripts/bench.sh installs it).")
        say("")
        return
    if not all(os.path.isdir(os.path.join(modules, m))
               for m in ("@mozilla/readability", "jsdom", "turndown")):
        say("Skipped: bench/readability has no node_modules: run `npm ci` there")
        say("(scripts/bench.sh does).")
        say("")
        return
    node_version = subprocess.run([node, "--version"], capture_output=True,
                                  text=True).stdout.strip()
    say("`bench/readability/convert.js` on Node %s:\n%s." % (
        node_version, ", ".join("%s %s" % (m, package_version(m))
                                for m in ("@mozilla/readability", "jsdom", "turndown"))))
    say("One Node process for the file, and one for the whole list of pages;")
    say("output on %s. folio's rows are the html → markdown ones above." % (
        "tmpfs" if ctx.tmpfs else "disk"))
    say("")
    say("| input | Readability + turndown | its peak RSS | folio | folio peak RSS | R+t / folio |")
    say("| --- | ---: | ---: | ---: | ---: | ---: |")
    script = os.path.join(READABILITY, "convert.js")
    parent = ctx.tmpfs or ctx.disk
    large = os.path.join(ctx.data, "large", "large.html")
    pages = small_files(ctx.data, "html", 10 ** 9)
    with tempfile.TemporaryDirectory(dir=parent) as tmp:
        listing = os.path.join(tmp, "pages.txt")
        with open(listing, "w") as f:
            f.write("".join(p + "\n" for p in pages))
        try:
            peer_large = median_run([node, script, os.path.join(tmp, "large"), large],
                                    ctx.repeat)
            peer_pages = median_run([node, script, os.path.join(tmp, "pages"),
                                     "--list", listing], ctx.repeat)
        except RuntimeError as e:
            say("Skipped: Readability + turndown %s" % e)
            say("")
            return
    seconds, rss = convert(ctx.folio, "html", "markdown", large, ctx.repeat)
    say("| large.html %.1f MB | %.1f s | %s | %.2f s | %s | %.0f× |" % (
        os.path.getsize(large) / 1e6, peer_large[0], mib(peer_large[1]), seconds,
        mib(rss), peer_large[0] / seconds))
    peer_rate = len(pages) / peer_pages[0]
    for jobs in (1, 2):
        rate, rss = batch(ctx.folio, ctx.data, "html", "markdown", jobs, parent, ctx.repeat)
        say("| %d pages, folio batch -j%d | %.0f files/s | %s | %.0f files/s | %s | %.0f× |" % (
            len(pages), jobs, peer_rate, mib(peer_pages[1]), rate, mib(rss),
            rate / peer_rate))
    say("")


def batch_memory(ctx):
    """folio batch's peak RSS over N and 10 N articles: it should not grow."""
    if "markdown" not in ctx.readers or "html" not in ctx.writers:
        return
    say = ctx.say
    parent = ctx.tmpfs or ctx.disk
    say("## folio batch memory from %d to %d articles (markdown → html, -j2, %s)" % (
        ctx.articles, ctx.articles * 10, "tmpfs" if ctx.tmpfs else "disk"))
    say("")
    say("The larger archive begins with the same %d articles (the generator's" % ctx.articles)
    say("seed is the same); both hold 1% long reads of 200-500 KB.")
    say("")
    say("| articles | files/s | peak RSS | peak RSS / %d's |" % ctx.articles)
    say("| ---: | ---: | ---: | ---: |")
    first = None
    for count, data in ((ctx.articles, ctx.data), (ctx.articles * 10, ctx.data_x10)):
        rate, rss = batch(ctx.folio, data, "markdown", "html", 2,
                          parent, ctx.repeat)
        first = first or rss
        say("| %d | %.0f | %s | %.2f× |" % (count, rate, mib(rss), rss / first))
    say("")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folio", default="build/bin/folio")
    parser.add_argument("--data", default="build/bench-data")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-pandoc", action="store_true")
    parser.add_argument("--no-readability", action="store_true")
    parser.add_argument("--write", metavar="FILE")
    args = parser.parse_args()
    ctx = argparse.Namespace(
        folio=os.path.abspath(args.folio), data=os.path.abspath(args.data),
        data_x10=os.path.abspath(args.data) + "-%d" % (args.articles * 10),
        articles=args.articles, repeat=args.repeat, no_readability=args.no_readability,
        cmark=shutil.which("cmark"),
        pandoc=None if args.no_pandoc else shutil.which("pandoc"),
        tmpfs="/dev/shm" if os.path.isdir("/dev/shm") else None,
        disk=os.path.dirname(os.path.abspath(args.data)))
    ensure_data(ctx.data, ["--articles", str(args.articles)])
    ensure_data(ctx.data_x10, ["--articles", str(args.articles * 10), "--formats", "md",
                               "--large-mb", "0", "--medium-mb", "0"])
    ctx.readers, ctx.writers = formats(ctx.folio)
    lines = []
    ctx.say = lines.append
    for section in (large_files, pandoc_pairs, start_up, per_file, batches, readability,
                    batch_memory):
        done = len(lines)
        section(ctx)
        if lines[done:]:
            print("\n".join(lines[done:]), flush=True)

    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    peers = ", ".join("%s %s" % (name, "present" if path else "absent") for name, path in (
        ("cmark", ctx.cmark), ("pandoc", ctx.pandoc), ("node", shutil.which("node"))))
    machine = "%s, %d cores, Linux %s; %s" % (cpu, os.cpu_count(), platform.release(), peers)
    report = "\n".join(lines)
    if args.write:
        with open(args.write, "w") as f:
            f.write("# Benchmarks\n\nMeasured with `bench/run.py` on %s, %s.\n"
                    "Regenerate with `scripts/bench.sh` (about ten minutes on 2 cores):\n"
                    "the archives are generated, the same bytes every time, by\n"
                    "`bench/generate.py`; times are medians of %d runs (a run over %d s\n"
                    "is not repeated), every peer on the same files in the same run.\n\n"
                    "%s\n" % (machine, time.strftime("%Y-%m-%d"), args.repeat, SLOW, report))


if __name__ == "__main__":
    main()
