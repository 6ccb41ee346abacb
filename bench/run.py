#!/usr/bin/env python3
"""folio's benchmark suite: one command, one Markdown table.

    bench/run.py [--folio build/bin/folio] [--data build/bench-data]
                 [--articles 2000] [--no-pandoc] [--write BENCHMARKS.md]

Generates the archive with bench/generate.py when missing, then measures,
in one run and on the same files:
  - every reader x writer pair on one large file (MB/s, peak RSS), beside
    cmark and pandoc where they do the same conversion;
  - start-up: folio on an empty input, with the plugins it needs loaded;
  - files per second, one process per file, beside cmark and pandoc;
  - folio batch over the whole archive at -j1 and -j2 (files/s, peak RSS).
Times are medians of repeated runs; peak RSS comes from wait4(). Standard
library only. The timings are measurements, never test assertions.
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
EXTENSIONS = {"markdown": "md", "html": "html", "text": "txt", "json": "json"}


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


def median_run(argv, repeat, stdin_path=None):
    results = [run(argv, stdin_path) for _ in range(repeat)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folio", default="build/bin/folio")
    parser.add_argument("--data", default="build/bench-data")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-pandoc", action="store_true")
    parser.add_argument("--write", metavar="FILE")
    args = parser.parse_args()
    folio = os.path.abspath(args.folio)
    if not os.path.isdir(args.data):
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"),
                        args.data, "--articles", str(args.articles)], check=True)
    cmark = shutil.which("cmark")
    pandoc = None if args.no_pandoc else shutil.which("pandoc")
    readers, writers = formats(folio)
    lines = []
    say = lines.append

    say("## Large file (one document, %s)" % ", ".join(
        "%s %.1f MB" % (EXTENSIONS[r], os.path.getsize(
            os.path.join(args.data, "large", "large." + EXTENSIONS[r])) / 1e6)
        for r in readers))
    say("")
    say("| reader → writer | folio MB/s | folio peak RSS | cmark | pandoc | folio vs cmark | pandoc / folio |")
    say("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in readers:
        src = os.path.join(args.data, "large", "large." + EXTENSIONS[r])
        size = os.path.getsize(src) / 1e6
        for w in writers:
            seconds, rss = median_run([folio, "-f", r, "-t", w, src, "-o", "/dev/null"],
                                      args.repeat)
            peer_cmark = peer_pandoc = ratio_cmark = ratio_pandoc = "–"
            if cmark and r == "markdown" and w == "html":
                c, _ = median_run([cmark, src], args.repeat)
                peer_cmark = "%.2f s" % c
                ratio_cmark = "%.2f×" % (seconds / c)
            pandoc_pair = {("markdown", "html"): ("markdown", "html"),
                           ("html", "markdown"): ("html", "markdown")}.get((r, w))
            if pandoc and pandoc_pair:
                p, _ = run([pandoc, "-f", pandoc_pair[0], "-t", pandoc_pair[1], src,
                            "-o", "/dev/null"])
                peer_pandoc = "%.1f s" % p
                ratio_pandoc = "%.0f×" % (p / seconds)
            say("| %s → %s | %.0f (%.2f s) | %s | %s | %s | %s | %s |" % (
                r, w, size / seconds, seconds, mib(rss), peer_cmark, peer_pandoc,
                ratio_cmark, ratio_pandoc))
    say("")

    say("## Start-up (empty input, plugins loaded)")
    say("")
    say("| command | median |")
    say("| --- | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for r in readers:
            empty = os.path.join(tmp, "empty." + EXTENSIONS[r])
            with open(empty, "w") as f:
                f.write('{"folio": 1, "meta": {}, "blocks": []}' if r == "json" else "")
            w = "html" if "html" in writers else writers[0]
            seconds, _ = median_run([folio, "-f", r, "-t", w, empty], 21)
            say("| folio -f %s -t %s | %.1f ms |" % (r, w, seconds * 1000))
    say("")

    md_files = small_files(args.data, "md", 500)
    if "markdown" in readers and "html" in writers and md_files:
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
                lambda p: [pandoc, "-f", "markdown", "-t", "html", p, "-o", "/dev/null"],
                md_files[:100]))
        say("")

    say("## folio batch over the archive (%d articles per format)" % args.articles)
    say("")
    say("Output on disk, and on tmpfs (/dev/shm) where creating a file costs no")
    say("journal write: the difference is the file system's, not folio's.")
    say("")
    say("| conversion | output | -j1 files/s | -j2 files/s | -j2 / -j1 | peak RSS -j2 |")
    say("| --- | --- | ---: | ---: | ---: | ---: |")
    places = [("disk", None)]
    if os.path.isdir("/dev/shm"):
        places.append(("tmpfs", "/dev/shm"))
    for r in readers:
        w = "html" if r != "html" and "html" in writers else writers[0]
        src = os.path.join(args.data, EXTENSIONS[r])
        count = len(small_files(args.data, EXTENSIONS[r], 10 ** 9))
        for place, parent in places:
            if place == "tmpfs" and r != "markdown":
                continue
            with tempfile.TemporaryDirectory(dir=parent) as tmp:
                rates = []
                rss = 0
                for jobs in (1, 2):
                    seconds, rss = median_run(
                        [folio, "batch", src, os.path.join(tmp, "out"), "-f", r, "-t", w,
                         "--force", "-j", str(jobs)], args.repeat)
                    rates.append(count / seconds)
            say("| %s → %s | %s | %.0f | %.0f | %.2f | %s |" % (
                r, w, place, rates[0], rates[1], rates[1] / rates[0], mib(rss)))
    say("")

    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    machine = "%s, %d cores, Linux %s; cmark %s, pandoc %s" % (
        cpu, os.cpu_count(), platform.release(),
        "present" if cmark else "absent", "present" if pandoc else "absent")
    report = "\n".join(lines)
    print(report)
    if args.write:
        with open(args.write, "w") as f:
            f.write("# Benchmarks\n\nMeasured with `bench/run.py` on %s, %s.\n"
                    "Regenerate with `scripts/bench.sh`.\n\n%s\n" % (
                        machine, time.strftime("%Y-%m-%d"), report))


if __name__ == "__main__":
    main()
