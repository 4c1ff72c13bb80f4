"""Article ingest throughput including store writes (target: at least 50 articles of 600 words per
second on one core), and memory that stays flat as the number of articles grows.

Run: python benchmarks/bench_ingest.py [--articles 600] [--round 100] [--record]

Generates synthetic ~600-word articles (front-matter Markdown, sentences built from templates
written for this benchmark, so every article is different) into a temporary folder, then ingests
them round by round into a fresh on-disk embedded store with ``ingest_paths`` — reading,
extraction, RDF mapping, atomic graph writes — and measures articles per second and the
process's resident memory after each round. The derivations that run once per batch (rule
materialisation, name linking) are timed separately, as is extraction alone for reference.
``--record`` appends the figures, with machine and date, to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import resource
import tempfile
import time
from pathlib import Path

STATES = [
    ("Russia", "Russian", "Moscow", "President Vladimir Putin"),
    ("North Korea", "North Korean", "Pyongyang", "leader Kim Jong Un"),
    ("Iran", "Iranian", "Tehran", "President Masoud Pezeshkian"),
    ("China", "Chinese", "Beijing", "President Xi Jinping"),
    ("Belarus", "Belarusian", "Minsk", "President Alexander Lukashenko"),
    ("Venezuela", "Venezuelan", "Caracas", "President Nicolas Maduro"),
    ("Syria", "Syrian", "Damascus", "Foreign Minister Faisal Mekdad"),
    ("Cuba", "Cuban", "Havana", "Prime Minister Manuel Marrero"),
    ("Myanmar", "Myanmar", "Naypyitaw", "General Min Aung Hlaing"),
]
AUTHORITIES = ["The United States", "The European Union", "The United Kingdom", "Japan",
               "The UN Security Council"]
EVENTS = [
    "{a} and {b} signed an agreement on energy, transport and banking cooperation in {cap} on "
    "{day}.",
    "{lead_a} of {a} met {lead_b} in {cap} on {day}, and the two sides discussed military "
    "cooperation.",
    "Officials in Kyiv and Washington said {a} had supplied {b} with artillery shells and "
    "attack drones.",
    "{auth} imposed new sanctions on {b} on {day} over its support for the war.",
    "{a} pledged full support for {b} and promised to expand trade despite Western pressure.",
    "The {dem_a} delegation visited {b} for {n} days to prepare a treaty on strategic "
    "partnership.",
    "{a} sent food, fuel and spare parts to {b} as economic assistance, state media reported.",
    "{a} denied supplying missiles to {b}, calling the reports a fabrication.",
]
FILLER = [
    "Analysts said the talks also covered payment systems that avoid the dollar.",
    "Trade between the two economies grew by {n} percent last year, according to customs data.",
    "Markets were calm, and the local currency was little changed by the afternoon.",
    "Diplomats in the region said the visit had been planned for several months.",
    "The ministry did not answer questions about the cost of the programme.",
    "Shipping data showed {n} tankers leaving the port in the first week of the month.",
    "Several projects announced at earlier meetings have not yet started.",
    "A spokesman said further talks would take place before the end of the year.",
    "Independent experts warned that the figures could not be verified.",
    "The announcement followed a long period of tension over border crossings and tariffs.",
    "Officials described the meeting as friendly and constructive.",
    "Local newspapers carried the news on their front pages the next morning.",
    "The agreement is expected to be ratified by parliament within {n} weeks.",
    "Opposition politicians criticised the deal as too costly for taxpayers.",
    "Engineers from both countries will work on the railway line, officials said.",
]


def make_news(number: int, words: int = 600) -> tuple[str, dt.date, str]:
    """Title, date and body of a synthetic news article of about ``words`` words: one event
    sentence per paragraph among news filler (different for each number)."""
    rng = random.Random(number)
    day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(1000))
    paragraphs: list[str] = []
    count = 0
    while count < words - 25:
        a, b = rng.sample(STATES, 2)
        values = {
            "a": a[0], "b": b[0], "dem_a": a[1], "cap": rng.choice((a[2], b[2])),
            "lead_a": a[3], "lead_b": b[3], "auth": rng.choice(AUTHORITIES),
            "day": f"{rng.randint(1, 28)} {day:%B %Y}", "n": rng.randint(2, 90),
        }
        sentences = [rng.choice(EVENTS).format(**values)]
        sentences += [rng.choice(FILLER).format(**values) for _ in range(rng.randint(2, 4))]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    title = f"Benchmark article {number}: {paragraphs[0].split(',')[0][:60]}"
    return title, day, "\n\n".join(paragraphs) + "\n"


def make_article(number: int, words: int = 600) -> str:
    """A synthetic front-matter article of about ``words`` words (different for each number)."""
    title, day, body = make_news(number, words)
    return (
        f"---\ntitle: '{title}'\npublisher: benchmark\ndate: {day.isoformat()}\n"
        f"url: https://example.org/bench/{number}\n---\n" + body
    )


def rss_mib() -> float:
    """Resident memory of this process now (MiB), from /proc; peak RSS where /proc is absent."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Generate, ingest round by round, print the figures (and record them with --record)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--round", type=int, default=100, help="articles per ingest batch")
    parser.add_argument("--record", action="store_true", help="append to benchmarks/RESULTS.md")
    args = parser.parse_args()

    from sanctions_graph.bootstrap import seed
    from sanctions_graph.extract import extract_document
    from sanctions_graph.ingest.article import read_article
    from sanctions_graph.ingest.pipeline import ingest_paths, refresh_derived
    from sanctions_graph.store import EmbeddedStore

    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        files = []
        for number in range(args.articles):
            path = folder / f"a{number:05d}.md"
            path.write_text(make_article(number), encoding="utf-8")
            files.append(path)
        words = sum(len(read_article(p).text.split()) for p in files[:50]) / min(50, len(files))

        # Warm-up outside the timing: imports, reference data, lexicons.
        extract_document(read_article(files[0]))
        store = EmbeddedStore(Path(tmp) / "store")
        seed(store)

        rounds: list[tuple[int, float, float]] = []
        total_time = 0.0
        total_cpu = 0.0
        triples = 0
        for start in range(0, len(files), args.round):
            batch = files[start : start + args.round]
            began, began_cpu = time.perf_counter(), time.process_time()
            report = ingest_paths(store, batch, derive=False)
            elapsed = time.perf_counter() - began
            total_cpu += time.process_time() - began_cpu
            assert report.ok and report.documents == len(batch), report.skipped[:3]
            total_time += elapsed
            triples += report.triples
            rounds.append((start + len(batch), len(batch) / elapsed, rss_mib()))
        began = time.perf_counter()
        notes = refresh_derived(store)
        derive_time = time.perf_counter() - began
        store.close()

        documents = [read_article(p) for p in files[: min(200, len(files))]]
        began = time.process_time()
        for document in documents:
            extract_document(document)
        extract_cpu = (time.process_time() - began) / len(documents)

    rate = len(files) / total_time
    cpu_per_article = total_cpu / len(files)
    second = min(1, len(rounds) - 1)  # round 1 includes one-off caches
    from bench_extract import rules_build

    lines = [
        f"extraction rules: {rules_build()}",
        f"{len(files)} articles of ~{words:.0f} words, rounds of {args.round}, on-disk store",
        f"ingest incl. store writes: {rate:.1f} articles/s wall clock, "
        f"{1 / cpu_per_article:.1f} articles/s of CPU time (target >= 50); "
        f"{triples / len(files):.0f} triples per article",
        f"CPU per article: {cpu_per_article * 1000:.1f} ms, of which extraction "
        f"{extract_cpu * 1000:.1f} ms and reading + RDF + store writes "
        f"{(cpu_per_article - extract_cpu) * 1000:.1f} ms",
        "per round (articles so far, articles/s, RSS MiB): "
        + "; ".join(f"{n}: {r:.1f}/s {m:.0f}" for n, r, m in rounds),
        f"RSS growth from round 2 to the last: {rounds[-1][2] - rounds[second][2]:+.0f} MiB",
        f"derivations once after the batch: {derive_time:.2f} s ({'; '.join(notes)})",
        f"load average at the end (other jobs on the machine): "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}",
    ]
    print("\n".join(lines))
    if args.record:
        machine = (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
                   f"Python {platform.python_version()}")
        entry = (
            f"\n## Article ingest with store writes (`benchmarks/bench_ingest.py`)\n"
            f"{dt.date.today().isoformat()} — `python benchmarks/bench_ingest.py "
            f"--articles {args.articles} --round {args.round}` on {machine}:\n"
            + "".join(f"- {line}\n" for line in lines)
        )
        results = Path(__file__).resolve().parent / "RESULTS.md"
        with results.open("a", encoding="utf-8") as handle:
            handle.write(entry)


if __name__ == "__main__":
    main()
