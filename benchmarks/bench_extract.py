"""Extraction throughput on one core (target: at least 200 articles of 600 words per second,
store writes excluded) and memory that stays flat as the number of articles grows.

Run: python benchmarks/bench_extract.py [--articles 2000] [--round 250] [--corpus dense|news]
[--record], or ``--corpus dir --dir DIR`` for articles read from files

Three corpora. ``dense`` (the default, a worst case): articles generated from the sentences of
the team's own fixture articles (tests/fixtures/articles), each drawing sentences at random
(seeded) until it has at least 600 words, with its own date, so that no two articles are the
same text; nearly every sentence carries an event word (~36 events per article). ``news``:
the ingest benchmark's articles (benchmarks/bench_ingest.py), one event sentence per paragraph
among news filler (~15 events per 600 words, about the density of the real AP story). ``dir``:
the articles in DIR (read as ``ingest`` reads them, e.g. the real articles of ../shared/data,
which must not be copied into the project), repeated until there are ``--articles`` of them;
they are shorter than 600 words, so the rate is also given in articles of 600 words per second
(words per second / 600). The process is pinned to one CPU. Extraction (``extract_document``)
runs round by round; after each round the resident memory is read from /proc. The first call
pays for loading the lemma table, the gazetteer and dateparser; that warm-up is reported
separately and not counted.
``--record`` appends the figures, with machine and date, to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"


def fixture_sentences() -> list[str]:
    """Every sentence of the fixture articles' bodies."""
    from sanctions_graph.extract.sentences import split_sentences
    from sanctions_graph.ingest.article import read_article

    sentences = []
    for path in sorted(FIXTURES.glob("*.md")):
        document = read_article(path)
        sentences += [s.text for s in split_sentences(document.text)]
    return sentences


def make_articles(count: int, seed: int = 7) -> list[tuple[str, dt.date]]:
    """``count`` different articles of at least 600 words, each with its own date."""
    sentences = fixture_sentences()
    generator = random.Random(seed)
    articles = []
    for number in range(count):
        words = 0
        paragraphs = []
        while words < 600:
            sentence = generator.choice(sentences)
            paragraphs.append(sentence)
            words += len(sentence.split())
        date = dt.date(2020, 1, 1) + dt.timedelta(days=number % 1800)
        articles.append(("\n\n".join(paragraphs), date))
    return articles


def read_folder(folder: Path, count: int) -> list[tuple[str, dt.date | None]]:
    """``count`` articles: the files of ``folder`` (as ``ingest`` reads them), repeated."""
    from sanctions_graph.ingest.article import read_article

    paths = sorted(
        path
        for path in folder.iterdir()
        if path.suffix in (".txt", ".md", ".html", ".htm") and path.name.lower() != "readme.md"
    )
    if not paths:
        raise SystemExit(f"no articles in {folder}")
    documents = [read_article(path) for path in paths]
    return [
        (documents[i % len(documents)].text, documents[i % len(documents)].date)
        for i in range(count)
    ]


def rules_build() -> str:
    """Whether the extraction rules run compiled (a wheel install) or as plain Python."""
    from sanctions_graph.extract import tokens

    if (tokens.__file__ or "").endswith((".so", ".pyd")):
        return "compiled with mypyc (installed wheel)"
    return "plain Python (editable install or source checkout)"


def rss_mib() -> float:
    """Current resident memory of this process in MiB."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    """Run the benchmark and print (and optionally record) the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--round", type=int, default=250)
    parser.add_argument("--corpus", choices=("dense", "news", "dir"), default="dense")
    parser.add_argument("--dir", type=Path, help="folder of articles for --corpus dir")
    parser.add_argument("--record", action="store_true")
    options = parser.parse_args()
    # nproc of the machine, read before pinning (a pinned process sees one CPU).
    options.nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    from sanctions_graph.extract import extract_document
    from sanctions_graph.extract.model import Document

    if options.corpus == "dir":
        if options.dir is None:
            parser.error("--corpus dir needs --dir DIR")
        articles = read_folder(options.dir, options.articles)
    elif options.corpus == "news":
        from bench_ingest import make_news

        news = (make_news(number) for number in range(options.articles))
        articles = [(body, day) for _title, day, body in news]
    else:  # dense
        articles = make_articles(options.articles)
    words = sum(len(text.split()) for text, _ in articles) / len(articles)
    start = time.perf_counter()
    extract_document(Document(text=articles[0][0], date=articles[0][1]))  # warm-up: load data
    warm_up = time.perf_counter() - start

    rounds = []
    events = 0
    total = 0.0
    cpu_total = 0.0
    for first in range(0, len(articles), options.round):
        batch = articles[first : first + options.round]
        start, cpu_start = time.perf_counter(), time.process_time()
        for text, date in batch:
            events += len(extract_document(Document(text=text, date=date)).events)
        elapsed = time.perf_counter() - start
        total += elapsed
        cpu_total += time.process_time() - cpu_start
        rounds.append((first + len(batch), len(batch) / elapsed, rss_mib()))
    rate = len(articles) / total
    cpu_rate = len(articles) / cpu_total
    load = os.getloadavg()[0]
    lines = [
        f"extraction rules: {rules_build()}",
        f"articles: {len(articles)} (mean {words:.0f} words), events extracted: {events}",
        f"warm-up (lemma table, gazetteer, leaders, first article): {warm_up:.2f} s",
        f"throughput on one core: {rate:.0f} articles/s wall clock ({rate * words / 1000:.0f}k "
        f"words/s), {cpu_rate:.0f} articles/s of CPU time; load average {load:.1f}",
        f"in articles of 600 words: {rate * words / 600:.0f}/s wall clock, "
        f"{cpu_rate * words / 600:.0f}/s of CPU time",
        "rounds (articles done, articles/s, RSS MiB): "
        + "; ".join(f"{done}, {speed:.0f}/s, {rss:.0f}" for done, speed, rss in rounds),
    ]
    print("\n".join(lines))
    if options.record:
        record(lines, options)


def record(lines: list[str], options: argparse.Namespace) -> None:
    """Append the figures with machine, Python version and date to RESULTS.md."""
    uname = " ".join(platform.uname()).strip()
    cpus = options.nproc
    section = [
        "",
        "## Article extraction (`benchmarks/bench_extract.py`)",
        f"{dt.date.today().isoformat()} — `python benchmarks/bench_extract.py --articles "
        f"{options.articles} --round {options.round} --corpus {options.corpus}"
        + (f" --dir {options.dir}" if options.dir else "")
        + "`; "
        f"machine `{uname}`, nproc {cpus}, "
        f"Python {platform.python_version()}; pinned to one CPU, store writes excluded.",
        "",
        *(f"- {line}" for line in lines),
        "",
    ]
    with RESULTS.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(section))


if __name__ == "__main__":
    main()
