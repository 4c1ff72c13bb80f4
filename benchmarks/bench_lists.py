"""Sanctions-list ingestion: entries per second into the store, and peak memory at two sizes.

Synthetic files in each format are made by repeating the real-format records of
``tests/fixtures/lists`` with fresh identifiers (UN reference numbers, OFAC uids, EU and UK
references, FtM ids), so every entry is a new listing of the real shape. Each measurement runs
in a fresh child process (one core: the store is pyoxigraph, the parsers are single-threaded),
which reports its wall time and its peak resident memory (``ru_maxrss``):

- ``parse``: the ingestor's triple stream consumed without a store (parsing + RDF building);
- ``bound``: the ceiling of any ingestor on this machine: the list's quads, serialised to
  N-Quads before the clock starts, loaded by pyoxigraph's own bulk loader (Rust parser and
  RocksDB writer, no Python per triple) into an empty on-disk store;
- ``store``: the same stream written into an on-disk store through ``Store.replace_graph``
  (the path ``sanctions-graph ingest`` takes).

Usage::

    python benchmarks/bench_lists.py                       # UN/OFAC/EU/UK/FtM at 20k and 100k
    python benchmarks/bench_lists.py --formats un --sizes 10000 --record
    python benchmarks/bench_lists.py --keep /tmp/lists     # keep the generated files

``--record`` appends a section to ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "lists"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
FORMATS = ("un", "ofac", "eu", "uk", "ftm")


# ---------------------------------------------------------------------------------------------
# Generators: real records, fresh identifiers
# ---------------------------------------------------------------------------------------------
def _records(text: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}>.*?</{tag}>", text, flags=re.S)


def make_un(path: Path, n: int) -> None:
    """UN consolidated list with ``n`` entries (individuals and entities alternate)."""
    text = (FIXTURES / "un_consolidated_slice.xml").read_text(encoding="utf-8")
    head = text[: text.index("<INDIVIDUALS>")]
    people, entities = _records(text, "INDIVIDUAL"), _records(text, "ENTITY")
    with path.open("w", encoding="utf-8") as out:
        out.write(head + "<INDIVIDUALS>\n")
        for i in range(0, n, 2):
            record = people[i % len(people)]
            record = re.sub(r"<REFERENCE_NUMBER>[^<]*", f"<REFERENCE_NUMBER>KPi.B{i}", record)
            out.write(re.sub(r"<DATAID>[^<]*", f"<DATAID>{i}", record) + "\n")
        out.write("</INDIVIDUALS>\n<ENTITIES>\n")
        for i in range(1, n, 2):
            record = entities[i % len(entities)]
            record = re.sub(r"<REFERENCE_NUMBER>[^<]*", f"<REFERENCE_NUMBER>KPe.B{i}", record)
            out.write(re.sub(r"<DATAID>[^<]*", f"<DATAID>{i}", record) + "\n")
        out.write("</ENTITIES>\n</CONSOLIDATED_LIST>\n")


def make_ofac(folder: Path, n: int) -> None:
    """OFAC CSV set (sdn, add, alt) with ``n`` SDN rows and their address and alias rows."""
    folder.mkdir(parents=True, exist_ok=True)
    source = FIXTURES / "ofac_sdn_2025"
    sdn = [line for line in (source / "sdn.csv").read_text(encoding="utf-8").splitlines() if line]
    add = [line for line in (source / "add.csv").read_text(encoding="utf-8").splitlines() if line]
    alt = [line for line in (source / "alt.csv").read_text(encoding="utf-8").splitlines() if line]
    by_ent: dict[str, tuple[list[str], list[str]]] = {}
    for line in sdn:
        ent = line.split(",", 1)[0]
        by_ent[ent] = (
            [a.split(",", 2)[2] for a in add if a.startswith(ent + ",")],
            [a.split(",", 2)[2] for a in alt if a.startswith(ent + ",")],
        )
    with (folder / "sdn.csv").open("w", encoding="utf-8", newline="") as s_out, (
        folder / "add.csv"
    ).open("w", encoding="utf-8", newline="") as a_out, (folder / "alt.csv").open(
        "w", encoding="utf-8", newline=""
    ) as l_out:
        number = 1_000_000
        for i in range(n):
            line = sdn[i % len(sdn)]
            ent, rest = line.split(",", 1)
            uid = 100_000 + i
            s_out.write(f"{uid},{rest}\r\n")
            addresses, aliases = by_ent[ent]
            for address in addresses:
                number += 1
                a_out.write(f"{uid},{number},{address}\r\n")
            for alias in aliases:
                number += 1
                l_out.write(f"{uid},{number},{alias}\r\n")


def make_eu(path: Path, n: int) -> None:
    """EU Financial Sanctions File with ``n`` sanctionEntity elements."""
    text = (FIXTURES / "eu_fsf_sample.xml").read_text(encoding="utf-8")
    head = text[: text.index("<sanctionEntity")]
    records = re.findall(r"<sanctionEntity .*?</sanctionEntity>", text, flags=re.S)
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        for i in range(n):
            record = records[i % len(records)]
            record = re.sub(r'euReferenceNumber="[^"]*"', f'euReferenceNumber="EU.B.{i}"', record)
            record = re.sub(r'unitedNationId="[^"]*"', 'unitedNationId=""', record)
            out.write(record + "\n")
        out.write("</export>\n")


def make_uk(path: Path, n: int) -> None:
    """UK Sanctions List with ``n`` Designation elements."""
    text = (FIXTURES / "uk_sanctions_list_sample.xml").read_text(encoding="utf-8")
    head = text[: text.index("<Designation>")]
    records = _records(text, "Designation")
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        for i in range(n):
            record = records[i % len(records)]
            record = re.sub(r"<UniqueID>[^<]*", f"<UniqueID>BEN{i:07d}", record)
            record = re.sub(r"<UNReferenceNumber>[^<]*</UNReferenceNumber>", "", record)
            out.write(record + "\n")
        out.write("</Designations>\n")


def make_ftm(path: Path, n: int) -> None:
    """FtM JSON lines with ``n`` objects (things, sanctions, links in the cluster's mix)."""
    lines = (FIXTURES / "ftm_zala_aero_cluster.ftm.json").read_text(encoding="utf-8").split("\n")
    objects = [json.loads(line) for line in lines if line.strip()]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            copy = i // len(objects)
            data = objects[i % len(objects)]
            text = json.dumps(data, ensure_ascii=False)
            # Fresh ids for every copy of the cluster, references included.
            text = re.sub(r'"(NK-[A-Za-z0-9]+|ofac-\d+|[a-z]{2,}-[a-z0-9-]{8,})"',
                          lambda m, c=copy: f'"{m[1]}-b{c}"', text)
            out.write(text + "\n")


MAKERS = {"un": make_un, "ofac": make_ofac, "eu": make_eu, "uk": make_uk, "ftm": make_ftm}
MODULES = {"un": "un_xml", "ofac": "ofac", "eu": "eu_xml", "uk": "uk_xml", "ftm": "ftm"}


# ---------------------------------------------------------------------------------------------
# One measurement, in a child process
# ---------------------------------------------------------------------------------------------
def _child(fmt: str, path: str, mode: str, store_dir: str) -> None:
    import importlib
    import resource

    import pyoxigraph as ox

    from sanctions_graph.ingest.registry import IngestOptions

    module = importlib.import_module(f"sanctions_graph.ingest.{MODULES[fmt]}")
    from sanctions_graph.ingest.lists import country_iri, regime_key

    country_iri("Iran"), regime_key("UN", "DPRK")  # load the reference data before timing
    if mode == "bound":
        (unit,) = list(module.ingest(Path(path), IngestOptions()))
        graph = ox.NamedNode(unit.graph)
        # The list's own quads as N-Quads, made before the clock starts: what is timed is
        # pyoxigraph alone (its Rust parser and bulk loader), no Python per triple.
        data = ox.serialize(
            (ox.Quad(t.subject, t.predicate, t.object, graph) for t in unit.triples),
            format=ox.RdfFormat.N_QUADS,
        )
    start = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_start = usage.ru_utime + usage.ru_stime
    if mode == "bound":
        raw = ox.Store(store_dir)
        raw.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        raw.flush()
        triples = len(raw)
        del raw
    elif mode == "store":
        from sanctions_graph.store import EmbeddedStore

        (unit,) = list(module.ingest(Path(path), IngestOptions()))
        store = EmbeddedStore(Path(store_dir))
        triples = store.replace_graph(unit.graph, unit.triples)
        store.close()
    else:
        (unit,) = list(module.ingest(Path(path), IngestOptions()))
        triples = sum(1 for _ in unit.triples)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - cpu_start
    peak_kib = usage.ru_maxrss
    entries = unit.counts["entities"] if fmt != "ftm" else sum(
        unit.counts[k] for k in ("entities", "fact:Designation", "relations")
    )
    print(json.dumps({"seconds": seconds, "cpu": cpu, "triples": triples, "entries": entries,
                      "peak_mib": peak_kib / 1024}))


def measure(fmt: str, path: Path, mode: str, workdir: Path) -> dict[str, float]:
    """Run one measurement in a fresh process (isolated peak memory)."""
    store_dir = tempfile.mkdtemp(prefix="store-", dir=workdir)
    try:
        output = subprocess.run(
            [sys.executable, __file__, "--child", fmt, str(path), mode, store_dir],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "OMP_NUM_THREADS": "1"},
        ).stdout
    finally:
        shutil.rmtree(store_dir, ignore_errors=True)
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def main() -> None:
    """Generate, measure, print (and optionally record) the results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--sizes", default="20000,100000", help="entries per file, comma-separated")
    parser.add_argument("--modes", default="parse,store")
    parser.add_argument("--keep", type=Path, help="folder to keep the generated files in")
    parser.add_argument("--record", action="store_true", help="append to benchmarks/RESULTS.md")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="bench-lists-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    for fmt in args.formats.split(","):
        for size in (int(s) for s in args.sizes.split(",")):
            path = workdir / (f"{fmt}_{size}" + ("" if fmt == "ofac" else
                                                 ".ftm.json" if fmt == "ftm" else ".xml"))
            if not path.exists():
                MAKERS[fmt](path, size)
            megabytes = (
                sum(p.stat().st_size for p in path.iterdir()) if path.is_dir()
                else path.stat().st_size
            ) / 1e6
            for mode in args.modes.split(","):
                result = measure(fmt, path, mode, workdir)
                # Rates per CPU second: the machines these run on are shared, and wall time
                # measures the neighbours as much as the code.
                rate = result["entries"] / result["cpu"]
                triple_rate = result["triples"] / result["cpu"]
                row = (
                    f"| {fmt} | {size:,} | {megabytes:.1f} MB | {mode} | {result['seconds']:.1f} s "
                    f"| {result['cpu']:.1f} s | {rate:,.0f} | {triple_rate:,.0f} "
                    f"| {result['peak_mib']:.0f} MiB |"
                )
                print(row, flush=True)
                rows.append(row)
    if args.record:
        header = (
            f"\n## Sanctions-list ingestion (`benchmarks/bench_lists.py`)\n"
            f"{dt.date.today().isoformat()} — `python benchmarks/bench_lists.py "
            f"--formats {args.formats} --sizes {args.sizes} --modes {args.modes}`; "
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            "one process per run (single core), on-disk store.\n"
            "Entries: listed entities (FtM: entities + sanctions + links).\n\n"
            "| format | entries | file | mode | wall | CPU | entries/CPU s | triples/CPU s "
            "| peak RSS |\n|---|---|---|---|---|---|---|---|---|\n"
        )
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write(header + "\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
