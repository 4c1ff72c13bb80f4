"""Benchmark every preset question on a generated graph (benchmarks/gen_graph.py).

Listing questions are measured as the CLI answers them: with their default row limit (1000
rows, the most relevant first). Three measurements, appended as a Markdown section to
benchmarks/RESULTS.md (machine, date):
1. pyoxigraph on disk: median wall time of each preset (the bound query, in process, warm).
2. CLI overhead: wall time of ``sanctions-graph --store DIR ask NAME ... --format csv`` minus
   that of a bare ``python`` process running the same bound query with pyoxigraph and writing
   the answer as CSV with pyoxigraph's serializer (both start cold: the difference is imports,
   option parsing, the seed check, parameter resolution and the CLI's rendering); the two
   alternate, and the median of the run-by-run differences is reported.
3. rdflib in memory (``Dataset(default_union=True)``) on a smaller N-Quads file, each question
   in a forked child killed after ``--rdflib-timeout`` seconds.

The store is seeded first (ontology + reference graphs), as every store the CLI opens is; the
generator's own reference data sits in a graph of its own, so the seed does not replace it.

    python benchmarks/bench_queries.py --store /tmp/g10m-store --rdflib-nq /tmp/g1m.nq
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

#: Parameters for the questions that need them (the seed case: North Korea, Russia, UNSC).
PARAMS: dict[str, dict[str, str]] = {
    "sanctions-on": {"state": "PRK"},
    "sanctioned-by": {"authority": "UNSC"},
    "partners": {"state": "PRK"},
    "timeline": {"state": "PRK", "from": "2024-01-01", "to": "2024-12-31"},
    "evidence": {"a": "PRK", "b": "RUS"},
    "support-for-war": {"state": "RUS"},
    "as-of": {"date": "2024-06-19"},
}
#: A run slower than this is not repeated (the median of one is reported).
REPEAT_BELOW_S = 20.0


def machine() -> str:
    """CPU model, core count, memory and load, for the record."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{mem_kb / 1024 / 1024:.0f} GB RAM"
    except OSError:
        memory = "? RAM"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{cpu}, {os.cpu_count()} cores, {memory}, load average {load:.1f} at start"


def bound_text(store: Any, name: str) -> str:
    """The preset's SPARQL with its parameters bound and its default row limit set (what
    run_preset sends to the store)."""
    from sanctions_graph.queries import bind_params, bound_query, get_preset, row_limit, with_limit

    preset = get_preset(name)
    terms = bind_params(store, preset, PARAMS.get(name, {}))
    return with_limit(preset, bound_query(preset, terms), row_limit(preset, None))


def timed(function: Any, runs: int) -> tuple[float, int, list[float]]:
    """Median seconds, the size of the answer, and every run's time."""
    times: list[float] = []
    size = 0
    for _ in range(runs):
        started = time.perf_counter()
        size = function()
        times.append(time.perf_counter() - started)
        if times[-1] > REPEAT_BELOW_S:
            break
    return statistics.median(times), size, times


def _wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def bench_oxigraph(store_dir: Path, names: list[str], runs: int) -> dict[str, tuple[float, int]]:
    """Median time and row count of each preset on the embedded store (one warm-up run)."""
    from sanctions_graph.queries import run_preset
    from sanctions_graph.store import EmbeddedStore

    store = EmbeddedStore(store_dir, read_only=True)
    results = {}
    for name in names:
        params = PARAMS.get(name, {})

        def answer(name: str = name, params: dict[str, str] = params) -> int:
            # What the CLI runs: parameters resolved and bound, the default row limit applied.
            return len(run_preset(store, name, params).rows)

        answer()  # warm-up: caches, as for any analyst asking twice
        median, size, times = timed(answer, runs)
        results[name] = (median, size)
        print(f"oxigraph {name:24s} {size:7d} rows  median {median:7.3f} s  "
              f"{[round(t, 3) for t in times]}", file=sys.stderr, flush=True)
    # A read-only store has nothing to flush: the handle goes when `store` goes out of scope.
    return results


#: A fresh process that opens the store read-only, runs one SPARQL text, writes the answer as
#: CSV with pyoxigraph's own serializer (as the CLI is asked to, into the same /dev/null) and
#: exits: the raw pyoxigraph query as a command would run it (cold caches, process start),
#: without the CLI. (Until 2026-11-27 it only counted the rows: the CLI's writing of its
#: answer counted as overhead.)
_RAW = """
import sys, pyoxigraph
store = pyoxigraph.Store.read_only(sys.argv[1])
text = open(sys.argv[2], encoding="utf-8").read()
answer = store.query(text, use_default_graph_as_union=True)
answer.serialize(sys.stdout.buffer, pyoxigraph.QueryResultsFormat.CSV)
"""


def bench_cli_and_raw(
    store_dir: Path, names: list[str], runs: int
) -> dict[str, tuple[float, float, float]]:
    """For each preset: median wall time of the CLI answering it (``ask ... --format csv`` to
    /dev/null), of a bare ``python`` process answering it with pyoxigraph (``_RAW``), and of
    their difference run by run. The two alternate, run after run, so that the machine's
    changing speed weighs on both alike."""
    import tempfile

    from sanctions_graph.store import EmbeddedStore

    params_store = EmbeddedStore(None)
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            query_file = Path(folder) / f"{name}.rq"
            query_file.write_text(bound_text(params_store, name), encoding="utf-8")
            raw = [sys.executable, "-c", _RAW, str(store_dir), str(query_file)]
            cli = [sys.executable, "-m", "sanctions_graph", "--store", str(store_dir), "ask",
                   name, "--format", "csv"]
            for key, value in PARAMS.get(name, {}).items():
                cli += ["-p", f"{key}={value}"]
            pairs = [(_wall(cli), _wall(raw)) for _ in range(runs)]
            cli_s = statistics.median(c for c, _ in pairs)
            raw_s = statistics.median(r for _, r in pairs)
            overhead = statistics.median(c - r for c, r in pairs)
            results[name] = (cli_s, raw_s, overhead)
            print(f"cli/raw  {name:24s} cli {cli_s:7.3f} s  raw {raw_s:7.3f} s  overhead "
                  f"{overhead:+.3f} s  {[round(c - r, 3) for c, r in pairs]}",
                  file=sys.stderr, flush=True)
    return results


def _rdflib_child(dataset: Any, text: str, conn: Any) -> None:
    started = time.perf_counter()
    rows = len(list(dataset.query(text)))
    conn.send((time.perf_counter() - started, rows))


def bench_rdflib(
    nq: Path, names: list[str], timeout: float, store_for_params: Any
) -> tuple[float, dict[str, tuple[float | None, int | None]]]:
    """Load ``nq`` into rdflib's in-memory Dataset; time each preset once in a forked child."""
    from rdflib import Dataset

    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(str(nq), format="nquads")
    load_s = time.perf_counter() - started
    print(f"rdflib loaded {len(dataset):,} quads in {load_s:.1f} s", file=sys.stderr, flush=True)
    context = multiprocessing.get_context("fork")
    results: dict[str, tuple[float | None, int | None]] = {}
    for name in names:
        text = bound_text(store_for_params, name)
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_rdflib_child, args=(dataset, text, sender))
        child.start()
        if receiver.poll(timeout):
            seconds, rows = receiver.recv()
            results[name] = (seconds, rows)
        else:
            results[name] = (None, None)
        if child.is_alive():
            child.kill()
        child.join()
        shown = "timeout" if results[name][0] is None else f"{results[name][0]:.3f} s"
        print(f"rdflib   {name:24s} {shown}", file=sys.stderr, flush=True)
    return load_s, results


def prepare(store_dir: Path) -> int:
    """Seed the store (ontology + reference), as the CLI does, and compact it, as ingest does
    after a large run (``pipeline.OPTIMIZE_AFTER_TRIPLES``); return its number of quads."""
    from sanctions_graph.bootstrap import seed
    from sanctions_graph.store import EmbeddedStore

    store = EmbeddedStore(store_dir)
    seed(store)
    store.optimize()
    count = store.count()
    store.close()
    return count


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and append the results to benchmarks/RESULTS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="store made by gen_graph.py")
    parser.add_argument("--small-store", type=Path, help="pyoxigraph store of the rdflib graph")
    parser.add_argument("--rdflib-nq", type=Path, help="N-Quads file for the rdflib comparison")
    parser.add_argument("--rdflib-timeout", type=float, default=120.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cli-runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", help="preset names (default: the issue's twelve)")
    parser.add_argument("--results", type=Path,
                        default=Path(__file__).resolve().parent / "RESULTS.md")
    args = parser.parse_args(argv)
    names = args.only or sorted([*PARAMS, "sanctioned-cooperation", "agreements",
                                 "arms-transfers", "possible-violations",
                                 "listed-people-in-news"])
    header = machine()
    quads = prepare(args.store)
    oxigraph = bench_oxigraph(args.store, names, args.runs)
    cli_raw = bench_cli_and_raw(args.store, names, args.cli_runs)
    small: dict[str, tuple[float, int]] = {}
    rdflib_rows: dict[str, tuple[float | None, int | None]] = {}
    rdflib_load = None
    if args.small_store:
        prepare(args.small_store)
        small = bench_oxigraph(args.small_store, names, args.runs)
    if args.rdflib_nq:
        from sanctions_graph.store import EmbeddedStore

        params_store = EmbeddedStore(None)
        rdflib_load, rdflib_rows = bench_rdflib(args.rdflib_nq, names, args.rdflib_timeout,
                                                params_store)

    lines = [
        "",
        f"## Preset questions — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {header}. Store: {args.store} ({quads:,} quads, on disk, seeded, "
        "compacted).",
        f"pyoxigraph: median of {args.runs} warm runs in one process (one run when it took "
        f"over {REPEAT_BELOW_S:g} s). CLI: median of {args.cli_runs} runs of `sanctions-graph "
        "ask ... --format csv`. Raw process: median of as many runs of a bare `python` process "
        "that opens the store, runs the same bound query with pyoxigraph and writes its answer "
        "as CSV with pyoxigraph's serializer (cold caches, as for the CLI), the two alternating "
        "run after run; CLI overhead = median of the run-by-run differences CLI - raw process.",
        "",
        "| question | rows | pyoxigraph warm (s) | raw process (s) | CLI (s) | CLI overhead (s) |"
        + (f" pyoxigraph, {args.small_store} (s) |" if small else "")
        + (f" rdflib in memory, {args.rdflib_nq} (s) |" if rdflib_rows else ""),
        "|---|---:|---:|---:|---:|---:|" + ("---:|" if small else "")
        + ("---:|" if rdflib_rows else ""),
    ]
    for name in names:
        seconds, rows = oxigraph[name]
        cli_s, raw_s, overhead = cli_raw[name]
        line = f"| {name} | {rows} | {seconds:.3f} | {raw_s:.3f} | {cli_s:.3f} | {overhead:+.3f} |"
        if small:
            line += f" {small[name][0]:.3f} ({small[name][1]} rows) |"
        if rdflib_rows:
            r_seconds, r_rows = rdflib_rows[name]
            line += (f" > {args.rdflib_timeout:g} (stopped) |" if r_seconds is None
                     else f" {r_seconds:.3f} ({r_rows} rows) |")
        lines.append(line)
    if rdflib_load is not None:
        lines += ["", f"rdflib: {args.rdflib_nq} loaded in {rdflib_load:.1f} s."]
    with args.results.open("a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
