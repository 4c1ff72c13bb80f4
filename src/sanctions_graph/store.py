"""One small store interface over the embedded pyoxigraph store (and, in ``remote.py``, any
SPARQL 1.1 endpoint).

Every caller talks to ``Store``: ``query`` (SELECT/ASK/CONSTRUCT over the union of all graphs,
with parameters bound as RDF terms, never spliced into the text), ``update``, ``replace_graph``
(write one named graph atomically), ``drop_graph``, ``graphs`` and ``count``. Terms are pyoxigraph
terms (``NamedNode``, ``Literal``, ``BlankNode``) whatever the backend.

The store knows no source format: ingestors hand it triples, it writes them.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal, Protocol, TypeAlias

import pyoxigraph as ox

from sanctions_graph.errors import InputError, QueryError, StoreError, StoreLockedError

Term: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal
Row: TypeAlias = dict[str, Term | None]

#: Environment variable naming the embedded store's folder.
STORE_ENV = "SANCTIONS_GRAPH_STORE"
#: New graphs larger than this are bulk-loaded (bounded memory) instead of written in one
#: transaction (which holds the whole graph in memory).
BULK_THRESHOLD = 50_000
#: A batch of new graphs (``replace_graphs``) at least this large is bulk-loaded: loading
#: sorted files costs a fixed ~25 ms but about half as much per triple as a transaction
#: (measured: 3.7 ms against 8.4 ms per 267-triple article in batches of 100 articles).
BATCH_BULK_THRESHOLD = 5_000
#: Where graphs being bulk-loaded are registered until complete.
_PENDING_GRAPH = ox.NamedNode("https://w3id.org/sanctions-graph/id/graph/pending")
_PENDING_PREDICATE = ox.NamedNode("http://www.w3.org/2002/07/owl#versionInfo")
_PENDING_VALUE = ox.Literal("bulk load in progress")


def default_store_path() -> Path:
    """Where the embedded store lives when neither ``--store`` nor the environment says.

    ``$XDG_DATA_HOME/sanctions-graph/store`` (``~/.local/share/sanctions-graph/store``).
    """
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sanctions-graph" / "store"


def resolve_store_path(option: str | Path | None) -> Path:
    """The store folder: ``--store`` first, then ``$SANCTIONS_GRAPH_STORE``, then the default."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env).expanduser()
    return default_store_path()


@dataclass
class QueryResult:
    """The answer to a SPARQL query, whatever the backend.

    ``kind`` is ``select`` (``variables`` + ``rows``), ``ask`` (``boolean``) or ``graph``
    (``triples``, for CONSTRUCT and DESCRIBE).
    """

    kind: Literal["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)


class Store(Protocol):
    """What every backend offers. Queries see the union of all named graphs."""

    def query(
        self, sparql: str, bindings: Mapping[str, Term] | None = None
    ) -> QueryResult:
        """Run a SPARQL query; ``bindings`` maps variable names (no ``?``) to RDF terms."""
        ...

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update."""
        ...

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> int:
        """Make ``graph`` hold exactly ``triples``, atomically; return the number written.

        If the iterable raises, the graph keeps its previous content and the error propagates.
        """
        ...

    def replace_graphs(self, batch: Sequence[tuple[str, Sequence[ox.Triple]]]) -> list[int]:
        """Write several complete graphs, each as ``replace_graph`` would; return their sizes.

        Each graph is written whole or not at all; the batch lets a backend write many small
        graphs (one per article) faster than one at a time.
        """
        ...

    def drop_graph(self, graph: str) -> bool:
        """Remove a named graph; return whether it existed."""
        ...

    def graphs(self) -> list[str]:
        """IRIs of the named graphs in the store."""
        ...

    def count(self, graph: str | None = None) -> int:
        """Number of triples in ``graph``, or quads in the whole store."""
        ...

    def close(self) -> None:
        """Release the store (locks, connections)."""
        ...


def _is_lock_error(error: OSError) -> bool:
    text = str(error).lower()
    return "lock" in text or "resource temporarily unavailable" in text


def _in_use(path: Path | None) -> StoreLockedError:
    return StoreLockedError(
        f"store is in use by another process: {path} "
        "(wait for it to finish, or use --store to pick another folder)"
    )


class EmbeddedStore:
    """pyoxigraph on disk (RocksDB), or in memory when ``path`` is ``None``."""

    def __init__(self, path: Path | None, *, read_only: bool = False) -> None:
        self.path = path
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                if not path.exists():
                    raise StoreError(f"no store at {path}")
                self._store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as error:
            if _is_lock_error(error):
                raise _in_use(path) from None
            raise StoreError(f"cannot open store at {path}: {error}") from None
        if not read_only:
            self._drop_pending_graphs()
        self._lock_fd: int | None = None

    @classmethod
    def for_reading(cls, path: Path) -> EmbeddedStore | None:
        """The store at ``path``, opened read-only while this process holds the store's lock.

        RocksDB leaves a read-only open beside a writing process undefined, and takes its lock
        (``LOCK``, a POSIX record lock) only when opening for writing; holding that lock keeps
        any writer out until ``close``, as a writing open would, for less: no options file
        written, no recovery, no compaction started (about 25 ms of a command's start here).
        ``StoreLockedError`` when another process holds the lock. ``None`` when this cannot be
        done and the caller should open the store for writing: no store there yet, no
        ``fcntl`` (Windows), or graphs left half-written by an interrupted run, which only a
        writing open cleans up.
        """
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on Linux or macOS
            return None
        try:
            lock_fd = os.open(path / "LOCK", os.O_RDWR)
        except OSError:
            return None
        try:
            fcntl.lockf(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(lock_fd)
            if error.errno not in (errno.EACCES, errno.EAGAIN):
                return None  # locks unsupported here (a network file system): open for writing
            raise _in_use(path) from None
        try:
            store = cls(path, read_only=True)
        except BaseException:
            os.close(lock_fd)  # releases the lock
            raise
        store._lock_fd = lock_fd
        if store._store.contains_named_graph(_PENDING_GRAPH):
            store.close()
            return None
        return store

    # -- reading -------------------------------------------------------------------------------
    def query(
        self, sparql: str, bindings: Mapping[str, Term] | None = None
    ) -> QueryResult:
        """Run a query over the union of all graphs, with SEP-0007 substitutions."""
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(name): term for name, term in (bindings or {}).items()
        }
        try:
            answer = self._store.query(
                sparql, use_default_graph_as_union=True, substitutions=substitutions or None
            )
        except SyntaxError as error:
            raise QueryError(f"invalid SPARQL: {_one_line(error)}") from None
        except OSError as error:
            raise StoreError(f"store error while querying: {_one_line(error)}") from None
        return _to_result(answer)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Stream the quads of one graph (or of the whole store)."""
        graph_name = ox.NamedNode(graph) if graph else None
        return iter(self._store.quads_for_pattern(None, None, None, graph_name))

    def dump(self, output: IO[bytes], fmt: ox.RdfFormat, graph: str | None = None) -> None:
        """Serialise one graph (triple formats) or the dataset (quad formats) to ``output``."""
        if graph is not None:
            self._store.dump(output, fmt, from_graph=ox.NamedNode(graph))
        else:
            self._store.dump(output, fmt)

    def graphs(self) -> list[str]:
        """IRIs of the named graphs."""
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def has_graph(self, graph: str) -> bool:
        """Whether the named graph exists."""
        return self._store.contains_named_graph(ox.NamedNode(graph))

    def count(self, graph: str | None = None) -> int:
        """Number of triples in ``graph``, or quads in the whole store."""
        if graph is None:
            return len(self._store)
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    # -- writing -------------------------------------------------------------------------------
    def update(self, sparql: str) -> None:
        """Run a SPARQL update (one transaction)."""
        try:
            self._store.update(sparql)
        except SyntaxError as error:
            raise QueryError(f"invalid SPARQL update: {_one_line(error)}") from None
        except OSError as error:
            raise StoreError(f"store error while updating: {_one_line(error)}") from None

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> int:
        """Make ``graph`` hold exactly ``triples``, atomically; return the number written.

        A graph that does not exist yet is written with ``extend`` (one transaction: a failing
        iterable writes nothing). An existing graph is replaced by one SPARQL update,
        ``DROP GRAPH`` + ``INSERT DATA``, which Oxigraph runs as one transaction; the triples are
        all read first, so a failing iterable leaves the old content untouched. (Writing to a
        staging graph and ``MOVE``-ing it over costs a second copy: 5-10 times slower, and
        gigabytes of memory at a million triples.)
        """
        target = ox.NamedNode(graph)
        if not self._store.contains_named_graph(target):
            return self._create_graph(target, triples)
        # str() of a pyoxigraph term is its N-Triples form, escaped: no user text is spliced.
        lines = [f"{t.subject} {t.predicate} {t.object} ." for t in triples]
        if lines:
            body = "\n".join(lines)
            operation = (
                f"DROP SILENT GRAPH {target} ;\nINSERT DATA {{ GRAPH {target} {{\n{body}\n}} }}"
            )
        else:
            operation = f"DROP SILENT GRAPH {target} ;\nCREATE SILENT GRAPH {target}"
        try:
            self._store.update(operation)
        except (SyntaxError, OSError) as error:
            raise StoreError(f"store error while replacing {graph}: {_one_line(error)}") from None
        return len(lines)

    def _create_graph(self, target: ox.NamedNode, triples: Iterable[ox.Triple]) -> int:
        """Write a new graph: small ones in one transaction, large ones with bulk loading.

        Up to ``BULK_THRESHOLD`` triples, ``extend`` (one transaction: a failing iterable
        writes nothing). Beyond, a transaction would hold the whole graph in memory, so the
        graph is registered as pending, bulk-loaded in bounded memory, then unregistered: a
        failing iterable removes what was written, and a graph left pending by a killed
        process is removed the next time the store is opened.
        """
        stream = iter(triples)
        head = [
            ox.Quad(t.subject, t.predicate, t.object, target)
            for t in itertools.islice(stream, BULK_THRESHOLD)
        ]
        if len(head) < BULK_THRESHOLD:
            self._store.extend(head)
            if not head:
                self._store.add_graph(target)
            return len(head)
        counter = _Counter()
        counter.n = len(head)

        def rest() -> Iterator[ox.Quad]:
            for t in stream:
                counter.n += 1
                yield ox.Quad(t.subject, t.predicate, t.object, target)

        marker = ox.Quad(target, _PENDING_PREDICATE, _PENDING_VALUE, _PENDING_GRAPH)
        self._store.add(marker)
        try:
            self._store.bulk_extend(itertools.chain(head, rest()))
        except BaseException:
            self._store.remove_graph(target)
            self._store.remove_graph(_PENDING_GRAPH)  # one writer: the marker is the only entry
            raise
        self._store.remove_graph(_PENDING_GRAPH)
        return counter.n

    def replace_graphs(self, batch: Sequence[tuple[str, Sequence[ox.Triple]]]) -> list[int]:
        """Write several complete graphs; return the number of triples of each.

        Graphs that exist already are replaced one by one (``replace_graph``). New graphs are
        written together: a small batch in one transaction, a batch of ``BATCH_BULK_THRESHOLD``
        triples or more with the bulk loader, registered as pending until all are complete (a
        failure removes every graph of the batch; a killed process leaves pending graphs that
        the next open removes). A graph named twice keeps its first content.
        """
        sizes: list[int] = []
        fresh: dict[str, Sequence[ox.Triple]] = {}
        for graph, triples in batch:
            sizes.append(len(triples))
            if graph in fresh:
                continue
            if self._store.contains_named_graph(ox.NamedNode(graph)):
                self.replace_graph(graph, triples)
            else:
                fresh[graph] = triples
        if not fresh:
            return sizes
        targets = {graph: ox.NamedNode(graph) for graph in fresh}
        quads = [
            ox.Quad(t.subject, t.predicate, t.object, targets[graph])
            for graph, triples in fresh.items()
            for t in triples
        ]
        if len(quads) < BATCH_BULK_THRESHOLD:
            self._store.extend(quads)  # one transaction for the whole batch
        else:
            self._store.extend(
                ox.Quad(target, _PENDING_PREDICATE, _PENDING_VALUE, _PENDING_GRAPH)
                for target in targets.values()
            )
            try:
                self._store.bulk_extend(quads)
            except BaseException:
                for target in targets.values():
                    self._store.remove_graph(target)
                self._store.remove_graph(_PENDING_GRAPH)
                raise
            self._store.remove_graph(_PENDING_GRAPH)
        for graph, triples in fresh.items():
            if not triples:
                self._store.add_graph(targets[graph])
        return sizes

    def _drop_pending_graphs(self) -> None:
        # Graphs a killed process was bulk-loading: incomplete, so removed.
        if not self._store.contains_named_graph(_PENDING_GRAPH):
            return
        for quad in list(self._store.quads_for_pattern(None, None, None, _PENDING_GRAPH)):
            if isinstance(quad.subject, ox.NamedNode):
                self._store.remove_graph(quad.subject)
        self._store.remove_graph(_PENDING_GRAPH)

    def load_graph(self, graph: str, data: bytes | str | Path, fmt: ox.RdfFormat) -> int:
        """Parse serialised RDF (triples) and make it the content of ``graph``, atomically."""
        try:
            if isinstance(data, Path):
                parsed = ox.parse(path=str(data), format=fmt)
            else:
                parsed = ox.parse(data, format=fmt)
            return self.replace_graph(
                graph, (ox.Triple(q.subject, q.predicate, q.object) for q in parsed)
            )
        except SyntaxError as error:
            raise InputError(f"cannot parse RDF: {_one_line(error)}") from None

    def drop_graph(self, graph: str) -> bool:
        """Remove a named graph; return whether it existed."""
        node = ox.NamedNode(graph)
        if not self._store.contains_named_graph(node):
            return False
        self._store.remove_graph(node)
        return True

    def flush(self) -> None:
        """Write buffered data to disk. RocksDB keeps every write in memory tables until they
        fill up (about 1 KiB per triple); a long ingest flushes now and then so that its
        memory stays flat."""
        try:
            self._store.flush()
        except OSError as error:
            raise StoreError(f"store error while flushing: {_one_line(error)}") from None

    def optimize(self) -> None:
        """Compact the indexes (RocksDB). After large writes, reads are slower until RocksDB
        has merged its many small files: measured on a 12.8M-quad store after materialisation,
        preset questions took 1.5-3 times longer before ``optimize`` (55 s for 4 GB)."""
        try:
            self._store.optimize()
        except OSError as error:
            raise StoreError(f"store error while compacting: {_one_line(error)}") from None

    def close(self) -> None:
        """Flush and release the store (the RocksDB lock goes with the object)."""
        store = getattr(self, "_store", None)
        if store is not None:
            # A read-only store cannot flush (pyoxigraph raises RuntimeError): nothing to write.
            with contextlib.suppress(OSError, RuntimeError):
                store.flush()
            del self._store
        lock_fd = getattr(self, "_lock_fd", None)
        if lock_fd is not None:
            self._lock_fd = None
            os.close(lock_fd)  # closing the file releases the lock ``for_reading`` took

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Counter:
    n = 0


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())


def _to_result(answer: object) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        # A solution iterates over its values in the order of the variables (None if
        # unbound): four times faster than looking each one up by name.
        rows = [dict(zip(variables, solution, strict=True)) for solution in answer]
        return QueryResult(kind="select", variables=variables, rows=rows)
    if isinstance(answer, ox.QueryTriples):
        return QueryResult(kind="graph", triples=list(answer))
    raise StoreError(f"unexpected query answer {type(answer).__name__}")
