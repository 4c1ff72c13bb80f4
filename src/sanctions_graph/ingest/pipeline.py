"""The orchestration every source kind uses: find the inputs, pick an ingestor per input, write
each ``SourceUnit`` atomically into its named graph, collect the summary, then refresh what is
derived from the whole graph (rule materialisation, name linking).

A batch goes on past a rejected input: the report lists every skipped input with its reason,
and the store only ever holds complete units (small units such as articles are read completely,
then written in batches with ``Store.replace_graphs``; a large unit such as a list is streamed
with ``Store.replace_graph``; either way a unit whose triples fail to stream leaves no graph and
any previous version of it intact).
"""

from __future__ import annotations

import hashlib
import importlib
import itertools
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from sanctions_graph.errors import InputError, UserError
from sanctions_graph.ingest import load_ingestors
from sanctions_graph.ingest.registry import IngestOptions, Ingestor, SourceUnit, get_ingestor
from sanctions_graph.store import Store
from sanctions_graph.vocab import (
    DCTERMS,
    GRAPH_INFERRED,
    GRAPH_ONTOLOGY,
    GRAPH_REFERENCE,
    SCHEMA,
    SG,
    source_graph_iri,
)

#: How many bytes of a file detectors see.
HEAD_BYTES = 4096
#: Graphs that are not sources and that ``drop`` refuses to remove.
PROTECTED_GRAPHS = frozenset({str(GRAPH_ONTOLOGY), str(GRAPH_REFERENCE), str(GRAPH_INFERRED)})
#: Called after each input: (inputs done, inputs in total, label of the input just done).
Progress = Callable[[int, int, str], None]
#: Flush the embedded store's write buffers after this many triples, so memory stays flat.
FLUSH_EVERY_TRIPLES = 50_000
#: A unit of fewer triples than this (an article) joins a batch written with one
#: ``Store.replace_graphs``; a larger one (a list) is streamed into the store on its own.
BATCH_UNIT_TRIPLES = 20_000
#: A batch is written once it holds this many triples (memory stays bounded).
BATCH_TRIPLES = 30_000
#: What is derived from the whole graph after a batch: (module, function), called as f(store).
#: After a run that wrote at least this many triples, the embedded store's indexes are
#: compacted (``EmbeddedStore.optimize``): questions run 1.5-3 times slower on a freshly written
#: large store until RocksDB merges its files, and compaction costs ~14 s per million quads.
OPTIMIZE_AFTER_TRIPLES = 1_000_000

DERIVATIONS: tuple[tuple[str, str], ...] = (
    ("sanctions_graph.reason", "materialise"),
    ("sanctions_graph.linking", "link_names"),
)


@dataclass
class UnitResult:
    """One unit written: its graph, size, counts and the older graphs it replaced."""

    label: str
    kind: str
    graph: str
    triples: int
    counts: Counter[str]
    replaced: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Skipped:
    """An input (file, folder, or one record of a file) that was rejected, and why."""

    label: str
    reason: str


@dataclass
class IngestReport:
    """What a batch did: units written, inputs skipped, derivations run."""

    units: list[UnitResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    derived: list[str] = field(default_factory=list)
    inputs: int = 0

    @property
    def documents(self) -> int:
        """Number of units (documents, list files) written."""
        return len(self.units)

    @property
    def triples(self) -> int:
        """Triples written over all units."""
        return sum(unit.triples for unit in self.units)

    @property
    def sentences(self) -> int:
        """Sentences read over all units."""
        return sum(unit.counts.get("sentences", 0) for unit in self.units)

    @property
    def facts(self) -> Counter[str]:
        """Facts by type (``fact:<Class>`` counts of every unit)."""
        total: Counter[str] = Counter()
        for unit in self.units:
            for key, value in unit.counts.items():
                if key.startswith("fact:"):
                    total[key[5:]] += value
        return total

    @property
    def other_counts(self) -> Counter[str]:
        """Every other count (persons, entities...), summed over units."""
        total: Counter[str] = Counter()
        for unit in self.units:
            for key, value in unit.counts.items():
                if not key.startswith("fact:") and key not in ("sentences", "documents"):
                    total[key] += value
        return total

    @property
    def replaced(self) -> int:
        """Older graphs dropped because a new version superseded them."""
        return sum(len(unit.replaced) for unit in self.units)

    @property
    def ok(self) -> bool:
        """Whether every input went in (the CLI exits non-zero otherwise)."""
        return not self.skipped


@dataclass(frozen=True)
class _Input:
    path: Path
    ingestor: Ingestor | None  # None: detect from the file's first bytes when it is read


# ---------------------------------------------------------------------------------------------
# Discovery
# ---------------------------------------------------------------------------------------------
def _forced(options: IngestOptions) -> Ingestor | None:
    load_ingestors()
    if not options.kind:
        return None
    ingestor = get_ingestor(options.kind)
    if ingestor is None:
        known = ", ".join(sorted(i.kind for i in load_ingestors()))
        raise InputError(f"unknown kind {options.kind!r}; known kinds: {known}")
    return ingestor


def check_options(options: IngestOptions) -> None:
    """Refuse options that cannot work (an unknown ``--kind``) before anything is opened."""
    _forced(options)


def _folder_ingestor(folder: Path, forced: Ingestor | None) -> Ingestor | None:
    """The ingestor that takes ``folder`` as one input (e.g. an OFAC CSV set), if any."""
    if forced is not None:
        return forced if forced.takes_folder and forced.detect(folder, b"") else None
    for ingestor in load_ingestors():
        if ingestor.takes_folder and ingestor.detect(folder, b""):
            return ingestor
    return None


def discover(
    paths: Sequence[Path], options: IngestOptions
) -> tuple[list[_Input], list[Skipped]]:
    """Expand the arguments into inputs: files, and folders walked recursively (hidden entries
    skipped) unless an ingestor takes the folder as a whole."""
    forced = _forced(options)
    inputs: list[_Input] = []
    skipped: list[Skipped] = []
    for path in paths:
        if path.is_dir():
            inputs.extend(_walk(path, forced))
        elif path.is_file():
            inputs.append(_Input(path, forced))
        elif path.exists():
            skipped.append(Skipped(str(path), "not a regular file or folder"))
        else:
            skipped.append(Skipped(str(path), "no such file or folder"))
    if options.url and len(inputs) > 1:
        raise InputError("--url names one document: give a single file with --url")
    return inputs, skipped


def _walk(folder: Path, forced: Ingestor | None) -> Iterable[_Input]:
    taker = _folder_ingestor(folder, forced)
    if taker is not None:
        yield _Input(folder, taker)
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith((".", "__pycache__")) or _is_folder_notes(entry.name):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path, forced)
        elif entry.is_file():
            yield _Input(path, forced)


#: Files that describe a folder rather than hold its data; skipped when walking a folder (a
#: README named on the command line is still read).
FOLDER_NOTES = frozenset({"README", "LICENSE", "LICENCE", "CHANGELOG", "NOTICE", "COPYING"})


def _is_folder_notes(name: str) -> bool:
    return name.split(".", 1)[0].upper() in FOLDER_NOTES


def choose_ingestor(path: Path, head: bytes) -> Ingestor:
    """The first registered ingestor (most specific first) whose detector accepts the file."""
    if not head:
        raise InputError("empty file")
    for ingestor in load_ingestors():
        if not ingestor.takes_folder and ingestor.detect(path, head):
            return ingestor
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary file, not an article or a sanctions list")
    raise InputError(
        "unrecognised format (not an article or a known sanctions list); use --kind to force one"
    )


def _read_head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(HEAD_BYTES)


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------
def ingest_paths(
    store: Store,
    paths: Sequence[Path | str],
    options: IngestOptions | None = None,
    progress: Progress | None = None,
    *,
    derive: bool = True,
) -> IngestReport:
    """Ingest files and folders into ``store``; return what was written and what was skipped.

    Each unit goes into its own named graph atomically; older versions it supersedes are
    dropped after it is written. Rejected inputs are listed in ``report.skipped`` and the batch
    goes on. When anything changed and ``derive`` is true, the derivations (rule
    materialisation, name linking) run once at the end.
    """
    options = options or IngestOptions()
    inputs, skipped = discover([Path(p) for p in paths], options)
    report = IngestReport(skipped=skipped, inputs=len(inputs) + len(skipped))
    writer = _BatchWriter(store, report)
    for done, item in enumerate(inputs, start=1):
        try:
            ingestor = item.ingestor or choose_ingestor(item.path, _read_head(item.path))
            for unit in ingestor.ingest(item.path, options):
                writer.add(unit)
        except FileNotFoundError:
            report.skipped.append(Skipped(str(item.path), "file not found (deleted or moved?)"))
        except UserError as error:
            report.skipped.append(Skipped(str(item.path), str(error)))
        except (OSError, UnicodeError) as error:
            report.skipped.append(Skipped(str(item.path), _os_message(error)))
        if progress is not None:
            progress(done, len(inputs), str(item.path))
    writer.finish()
    if derive and (writer.written or writer.dropped):
        report.derived = refresh_derived(store)
    # The embedded store only (a server manages its own storage), like ``flush``.
    optimize = getattr(store, "optimize", None)
    if optimize is not None and report.triples >= OPTIMIZE_AFTER_TRIPLES:
        optimize()
        report.derived.append(f"store compacted after {report.triples:,} triples")
    return report


@dataclass
class _Pending:
    """A unit read completely, waiting in the batch to be written."""

    unit: SourceUnit
    triples: list[ox.Triple]


class _BatchWriter:
    """Writes units as they come: small ones (articles) gathered into batches that the store
    writes together (``Store.replace_graphs``: much cheaper per triple than one transaction per
    article), large ones (lists) streamed one by one with ``Store.replace_graph``.

    A unit is read completely before it joins a batch, so a unit whose stream fails is rejected
    alone and never written. Older graphs a unit supersedes are looked up and dropped once its
    batch is in the store; graphs written by this run are never dropped.
    """

    def __init__(self, store: Store, report: IngestReport) -> None:
        self.store = store
        self.report = report
        self.written: set[str] = set()
        self.dropped = 0
        self.batch: list[_Pending] = []
        self.batch_triples = 0
        self.unflushed = 0
        self.flush_buffers = getattr(store, "flush", None)  # the embedded store buffers writes

    def add(self, unit: SourceUnit) -> None:
        """Write ``unit`` now (large) or with its batch (small); record a rejection."""
        if unit.error is not None:
            self.report.skipped.append(Skipped(unit.label, str(unit.error)))
            return
        try:
            stream = iter(unit.triples)
            head = list(itertools.islice(stream, BATCH_UNIT_TRIPLES))
            if len(head) < BATCH_UNIT_TRIPLES:
                self.batch.append(_Pending(unit, head))
                self.batch_triples += len(head)
                if self.batch_triples >= BATCH_TRIPLES:
                    self.write_batch()
                return
            self.write_batch()  # keep the order in which units were read
            replaced = self._replaced(unit)
            count = self.store.replace_graph(unit.graph, itertools.chain(head, stream))
        except UserError as error:
            self.report.skipped.append(Skipped(unit.label, str(error)))
            return
        except (OSError, UnicodeError) as error:
            self.report.skipped.append(Skipped(unit.label, _os_message(error)))
            return
        self._record(unit, count, replaced)

    def write_batch(self) -> None:
        """Write the gathered small units together, then drop what they supersede."""
        batch, self.batch, self.batch_triples = self.batch, [], 0
        if not batch:
            return
        try:
            counts = self.store.replace_graphs([(p.unit.graph, p.triples) for p in batch])
        except UserError as error:
            self.report.skipped.extend(Skipped(p.unit.label, str(error)) for p in batch)
            return
        except OSError as error:
            self.report.skipped.extend(Skipped(p.unit.label, _os_message(error)) for p in batch)
            return
        # Graphs of this batch are never each other's predecessors (see ``_record``).
        self.written.update(p.unit.graph for p in batch)
        for pending, count in zip(batch, counts, strict=True):
            self._record(pending.unit, count, self._replaced(pending.unit))

    def finish(self) -> None:
        """Write the last batch; flush the store's buffers (the end of a batch is a natural
        point: the next run starts with empty buffers)."""
        self.write_batch()
        if self.flush_buffers is not None and self.unflushed:
            self.flush_buffers()
            self.unflushed = 0

    def _replaced(self, unit: SourceUnit) -> list[str]:
        replaced = list(unit.replaces)
        if unit.find_replaced is not None:
            replaced.extend(unit.find_replaced(self.store.query))
        return replaced

    def _record(self, unit: SourceUnit, count: int, replaced: list[str]) -> None:
        self.written.add(unit.graph)
        # Never drop a graph this run wrote: two inputs may legitimately share one.
        old = [g for g in dict.fromkeys(replaced) if g != unit.graph and g not in self.written]
        for graph in old:
            self.store.drop_graph(graph)
        self.dropped += len(old)
        self.report.units.append(
            UnitResult(
                label=unit.label,
                kind=unit.kind,
                graph=unit.graph,
                triples=count,
                counts=unit.counts,
                replaced=old,
                warnings=list(unit.warnings),
            )
        )
        # Writes stay in the store's memory tables until flushed (bulk loads go to disk, so
        # the flush after them is cheap).
        self.unflushed += count
        if self.flush_buffers is not None and self.unflushed >= FLUSH_EVERY_TRIPLES:
            self.flush_buffers()
            self.unflushed = 0


def _os_message(error: BaseException) -> str:
    if isinstance(error, UnicodeError):
        return f"cannot decode the text: {error}"
    if isinstance(error, OSError) and error.strerror:
        return f"cannot read: {error.strerror}"
    return f"cannot read: {error}"


def refresh_derived(store: Store) -> list[str]:
    """Run the whole-graph derivations (``reason.materialise``, ``linking.link_names``) that
    are installed; return one note per derivation."""
    notes: list[str] = []
    for module_name, function_name in DERIVATIONS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise  # the module exists but is broken: a bug, keep the traceback
            notes.append(f"{module_name}.{function_name}: not available in this version")
            continue
        function = getattr(module, function_name, None)
        if function is None:
            notes.append(f"{module_name}.{function_name}: not available in this version")
            continue
        notes.append(f"{module_name}.{function_name}{_summary(function(store))}")
    return notes


def _summary(result: object) -> str:
    """A short note on what a derivation returned (a count, or counts by name)."""
    if isinstance(result, bool) or result is None:
        return ""
    if isinstance(result, int):
        return f": {result}"
    if isinstance(result, dict):
        return ": " + ", ".join(f"{key} {value}" for key, value in result.items())
    return ""


# ---------------------------------------------------------------------------------------------
# Dropping a source
# ---------------------------------------------------------------------------------------------
@dataclass
class DropReport:
    """Graphs removed by ``drop_source`` and the derivations refreshed afterwards."""

    graphs: list[str]
    triples: int
    derived: list[str] = field(default_factory=list)


_DOCUMENTS = f"""
SELECT ?g ?title ?url ?where WHERE {{
  GRAPH ?g {{
    ?doc a <{SG.SourceDocument}> .
    OPTIONAL {{ ?doc <{DCTERMS.title}> ?title }}
    OPTIONAL {{ ?doc <{SCHEMA.url}> ?url }}
    OPTIONAL {{ ?doc <{DCTERMS.source}> ?where }}
  }}
}}"""


def find_source_graphs(store: Store, source: str) -> list[str]:
    """The graphs ``source`` names: a graph IRI, a sha256 prefix (6+ hex digits), a file path
    (its content digest, or where it was read from), a URL, or a document title."""
    graphs = store.graphs()
    if source in graphs:
        return [source]
    prefix = str(source_graph_iri(""))
    lowered = source.lower()
    if len(lowered) >= 6 and all(c in "0123456789abcdef" for c in lowered):
        hits = [g for g in graphs if g.startswith(prefix + lowered)]
        if len(hits) > 1:
            raise InputError(f"sha256 prefix {source!r} is ambiguous: {len(hits)} sources match")
        if hits:
            return hits
    documents = [
        {name: (term.value if term is not None else None) for name, term in row.items()}
        for row in store.query(_DOCUMENTS).rows
    ]
    path = Path(source).expanduser()
    if path.exists():
        uri = path.resolve().as_uri()
        hits = sorted(
            {
                str(row["g"])
                for row in documents
                if row["where"] is not None
                and (row["where"] == uri or row["where"].startswith(uri + "#"))
            }
        )
        if path.is_file():
            digest_graph = str(source_graph_iri(_file_sha256(path)))
            if digest_graph in graphs and digest_graph not in hits:
                hits.append(digest_graph)
        if hits:
            return hits
    for column in ("url", "title"):
        exact = {str(row["g"]) for row in documents if row[column] == source}
        if not exact and column == "title":
            folded = source.casefold()
            exact = {
                str(row["g"])
                for row in documents
                if row[column] is not None and str(row[column]).casefold() == folded
            }
        if len(exact) > 1 and column == "title":
            raise InputError(
                f"{len(exact)} sources have the title {source!r}; name one by its sha256 prefix"
            )
        if exact:
            return sorted(exact)
    raise InputError(
        f"no ingested source matches {source!r} (give a graph IRI, a sha256 prefix, a file "
        "path, a URL or a title; `sanctions-graph stats` lists the sources)"
    )


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def drop_source(store: Store, source: str, *, derive: bool = True) -> DropReport:
    """Remove the graph(s) of one ingested source, then refresh the derivations."""
    if source in PROTECTED_GRAPHS:
        raise InputError(f"{source} is not a source: it holds the ontology, reference or "
                         "inferred data")
    graphs = [g for g in find_source_graphs(store, source) if g not in PROTECTED_GRAPHS]
    triples = 0
    for graph in graphs:
        triples += store.count(graph)
        store.drop_graph(graph)
    report = DropReport(graphs=graphs, triples=triples)
    if derive and graphs:
        report.derived = refresh_derived(store)
    return report
