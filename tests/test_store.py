"""The embedded store: atomic graph replacement, locking, queries over the union of graphs."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from _other_process import store_written_by_another_process
from sanctions_graph.errors import QueryError, StoreLockedError
from sanctions_graph.store import STORE_ENV, EmbeddedStore, default_store_path, resolve_store_path

EX = "http://example.org/"


def triple(s: str, p: str, o: str) -> ox.Triple:
    return ox.Triple(ox.NamedNode(EX + s), ox.NamedNode(EX + p), ox.Literal(o))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    opened = EmbeddedStore(tmp_path / "store")
    yield opened
    opened.close()


def test_replace_graph_writes_exactly_the_given_triples(store: EmbeddedStore) -> None:
    assert store.replace_graph(EX + "g", [triple("a", "p", "1"), triple("a", "p", "2")]) == 2
    assert store.replace_graph(EX + "g", [triple("b", "p", "3")]) == 1
    assert store.graphs() == [EX + "g"]
    assert [q.subject for q in store.quads(EX + "g")] == [ox.NamedNode(EX + "b")]


def test_replace_graph_keeps_previous_content_when_the_stream_fails(store: EmbeddedStore) -> None:
    store.replace_graph(EX + "g", [triple("a", "p", "1")])

    def failing() -> Iterator[ox.Triple]:
        yield triple("z", "p", "new")
        raise ValueError("malformed record")

    with pytest.raises(ValueError, match="malformed record"):
        store.replace_graph(EX + "g", failing())
    assert store.graphs() == [EX + "g"]
    assert store.count(EX + "g") == 1
    assert store.count() == 1


def test_replace_graph_with_no_triples_leaves_an_empty_graph(store: EmbeddedStore) -> None:
    store.replace_graph(EX + "g", [triple("a", "p", "1")])
    assert store.replace_graph(EX + "g", []) == 0
    assert store.count(EX + "g") == 0


def test_query_sees_the_union_of_named_graphs(store: EmbeddedStore) -> None:
    store.replace_graph(EX + "g1", [triple("a", "p", "1")])
    store.replace_graph(EX + "g2", [triple("b", "p", "2")])
    result = store.query(f"SELECT ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?o")
    assert result.kind == "select"
    assert [row["o"] for row in result.rows] == [ox.Literal("1"), ox.Literal("2")]


def test_query_binds_a_projected_variable_as_a_term(store: EmbeddedStore) -> None:
    store.replace_graph(EX + "g", [triple("a", "p", "1"), triple("b", "p", "2")])
    result = store.query(
        f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }}", {"s": ox.NamedNode(EX + "b")}
    )
    assert [(row["s"], row["o"]) for row in result.rows] == [
        (ox.NamedNode(EX + "b"), ox.Literal("2"))
    ]


def test_ask_and_construct_results(store: EmbeddedStore) -> None:
    store.replace_graph(EX + "g", [triple("a", "p", "1")])
    assert store.query("ASK { ?s ?p ?o }").boolean is True
    constructed = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert constructed.kind == "graph"
    assert constructed.triples == [triple("a", "p", "1")]


def test_malformed_sparql_is_a_query_error(store: EmbeddedStore) -> None:
    with pytest.raises(QueryError, match="invalid SPARQL"):
        store.query("SELECT ?s WHERE { ?s ")


def test_drop_graph_reports_whether_it_existed(store: EmbeddedStore) -> None:
    store.replace_graph(EX + "g", [triple("a", "p", "1")])
    assert store.drop_graph(EX + "g") is True
    assert store.drop_graph(EX + "g") is False
    assert store.graphs() == []


def test_a_second_process_gets_a_store_in_use_error(tmp_path: Path) -> None:
    path = tmp_path / "store"
    holder = EmbeddedStore(path)
    try:
        code = (
            "import pathlib, sys\n"
            "from sanctions_graph.store import EmbeddedStore\n"
            "from sanctions_graph.errors import StoreLockedError\n"
            "try:\n"
            f"    EmbeddedStore(pathlib.Path({str(path)!r}))\n"
            "except StoreLockedError as e:\n"
            "    print(e); sys.exit(3)\n"
        )
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert run.returncode == 3, run.stderr
        assert run.stdout.startswith("store is in use by another process")
    finally:
        holder.close()


def test_store_lock_error_class_is_a_user_error() -> None:
    from sanctions_graph.errors import UserError

    assert issubclass(StoreLockedError, UserError)


def test_store_location_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "env"))
    assert resolve_store_path(tmp_path / "opt") == tmp_path / "opt"
    assert resolve_store_path(None) == tmp_path / "env"
    monkeypatch.delenv(STORE_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_store_path(None) == tmp_path / "xdg" / "sanctions-graph" / "store"
    assert default_store_path() == tmp_path / "xdg" / "sanctions-graph" / "store"


def test_replacing_a_graph_keeps_literals_with_quotes_and_newlines_exact(
    store: EmbeddedStore,
) -> None:
    store.replace_graph(EX + "g", [triple("a", "p", "old")])
    tricky = ox.Literal('say "hi"\n\\ } >', language="en")
    new = ox.Triple(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p"), tricky)
    assert store.replace_graph(EX + "g", [new]) == 1
    assert [q.object for q in store.quads(EX + "g")] == [tricky]


def test_replacing_a_graph_with_a_failing_stream_leaves_other_graphs_alone(
    store: EmbeddedStore,
) -> None:
    store.replace_graph(EX + "g1", [triple("a", "p", "1")])
    store.replace_graph(EX + "g2", [triple("b", "p", "2")])

    def failing() -> Iterator[ox.Triple]:
        raise ValueError("truncated file")
        yield triple("x", "p", "x")  # pragma: no cover

    with pytest.raises(ValueError, match="truncated file"):
        store.replace_graph(EX + "g2", failing())
    assert {g: store.count(g) for g in store.graphs()} == {EX + "g1": 1, EX + "g2": 1}


def _many(n: int, tag: str = "x") -> Iterator[ox.Triple]:
    for i in range(n):
        yield triple(f"s{i}", "p", tag)


def test_a_large_new_graph_is_bulk_loaded_completely(
    store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sanctions_graph.store.BULK_THRESHOLD", 10)
    assert store.replace_graph(EX + "big", _many(25)) == 25
    assert store.graphs() == [EX + "big"]  # no pending marker left
    assert store.count(EX + "big") == 25


def test_a_failing_bulk_load_leaves_nothing(
    store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sanctions_graph.store.BULK_THRESHOLD", 10)

    def failing() -> Iterator[ox.Triple]:
        yield from _many(15)
        raise ValueError("truncated list")

    with pytest.raises(ValueError, match="truncated list"):
        store.replace_graph(EX + "big", failing())
    assert store.graphs() == []
    assert store.count() == 0


def test_a_graph_left_pending_by_a_killed_process_is_removed_on_open(tmp_path: Path) -> None:
    path = tmp_path / "store"
    raw = ox.Store(str(path))
    pending = ox.NamedNode("https://w3id.org/sanctions-graph/id/graph/pending")
    half = ox.NamedNode(EX + "half-loaded")
    raw.add(ox.Quad(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p"), ox.Literal("1"), half))
    raw.add(ox.Quad(half, ox.NamedNode("http://www.w3.org/2002/07/owl#versionInfo"),
                    ox.Literal("bulk load in progress"), pending))
    raw.add(ox.Quad(ox.NamedNode(EX + "b"), ox.NamedNode(EX + "p"), ox.Literal("2"),
                    ox.NamedNode(EX + "complete")))
    del raw
    reopened = EmbeddedStore(path)
    try:
        assert reopened.graphs() == [EX + "complete"]
    finally:
        reopened.close()


def test_a_read_only_store_answers_queries_and_closes_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "store"
    writer = EmbeddedStore(path)
    writer.replace_graph(EX + "g", [triple("a", "p", "1")])
    writer.close()
    reader = EmbeddedStore(path, read_only=True)
    assert reader.query("ASK { ?s ?p ?o }").boolean is True
    reader.close()


def test_replace_graphs_writes_new_and_existing_graphs_exactly(store: EmbeddedStore) -> None:
    store.replace_graph(EX + "old", [triple("a", "p", "before")])
    sizes = store.replace_graphs(
        [
            (EX + "new1", [triple("b", "p", "1"), triple("c", "p", "2")]),
            (EX + "old", [triple("a", "p", "after")]),
            (EX + "empty", []),
        ]
    )
    assert sizes == [2, 1, 0]
    assert store.graphs() == [EX + "empty", EX + "new1", EX + "old"]
    assert store.count(EX + "new1") == 2 and store.count(EX + "empty") == 0
    row = store.query(f"SELECT ?o WHERE {{ GRAPH <{EX}old> {{ ?s ?p ?o }} }}").rows[0]
    assert row["o"] == ox.Literal("after")


def test_a_large_batch_of_new_graphs_is_bulk_loaded_completely(
    store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sanctions_graph.store.BATCH_BULK_THRESHOLD", 10)
    batch = [(f"{EX}doc{n}", list(_many(7, tag=str(n)))) for n in range(3)]
    assert store.replace_graphs(batch) == [7, 7, 7]
    assert store.graphs() == [f"{EX}doc{n}" for n in range(3)]  # no pending marker left
    assert [store.count(f"{EX}doc{n}") for n in range(3)] == [7, 7, 7]


class _FailingBulk:
    """A pyoxigraph store whose bulk loader writes part of its input, then fails."""

    def __init__(self, real: ox.Store) -> None:
        self.real = real

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)

    def bulk_extend(self, quads: list[ox.Quad]) -> None:
        self.real.bulk_extend(quads[:5])
        raise OSError("disk full")


def test_a_failing_bulk_batch_removes_every_graph_of_the_batch(
    store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.replace_graph(EX + "kept", [triple("a", "p", "1")])
    monkeypatch.setattr("sanctions_graph.store.BATCH_BULK_THRESHOLD", 10)
    monkeypatch.setattr(store, "_store", _FailingBulk(store._store))
    batch = [(f"{EX}doc{n}", list(_many(7, tag=str(n)))) for n in range(3)]
    with pytest.raises(OSError, match="disk full"):
        store.replace_graphs(batch)
    monkeypatch.undo()
    assert store.graphs() == [EX + "kept"]
    assert store.count() == 1


_OPEN_FOR_WRITING = (
    "import pathlib, sys\n"
    "from sanctions_graph.store import EmbeddedStore\n"
    "from sanctions_graph.errors import StoreLockedError\n"
    "try:\n"
    "    EmbeddedStore(pathlib.Path(sys.argv[1])).close()\n"
    "except StoreLockedError as e:\n"
    "    print(e); sys.exit(3)\n"
)


def test_a_store_open_for_reading_keeps_writers_out_until_closed(tmp_path: Path) -> None:
    path = tmp_path / "store"
    writer = EmbeddedStore(path)
    writer.replace_graph(EX + "g", [triple("a", "p", "1")])
    writer.close()
    reader = EmbeddedStore.for_reading(path)
    assert reader is not None
    try:
        assert reader.query("ASK { ?s ?p ?o }").boolean is True
        run = subprocess.run(
            [sys.executable, "-c", _OPEN_FOR_WRITING, str(path)], capture_output=True, text=True
        )
        assert run.returncode == 3, run.stderr
        assert run.stdout.startswith("store is in use by another process")
    finally:
        reader.close()
    run = subprocess.run([sys.executable, "-c", _OPEN_FOR_WRITING, str(path)], capture_output=True)
    assert run.returncode == 0, run.stderr


def test_opening_for_reading_a_store_another_process_writes_is_a_lock_error(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store"
    EmbeddedStore(path).close()
    with (
        store_written_by_another_process(path),
        pytest.raises(StoreLockedError, match="store is in use by another process"),
    ):
        EmbeddedStore.for_reading(path)


def test_opening_for_reading_defers_to_a_writing_open_when_there_is_cleaning_to_do(
    tmp_path: Path,
) -> None:
    assert EmbeddedStore.for_reading(tmp_path / "nothing-here") is None
    path = tmp_path / "store"
    raw = ox.Store(str(path))
    raw.add(
        ox.Quad(
            ox.NamedNode(EX + "half-loaded"),
            ox.NamedNode("http://www.w3.org/2002/07/owl#versionInfo"),
            ox.Literal("bulk load in progress"),
            ox.NamedNode("https://w3id.org/sanctions-graph/id/graph/pending"),
        )
    )
    del raw
    assert EmbeddedStore.for_reading(path) is None
    # The lock is released: another process can open the store for writing.
    run = subprocess.run([sys.executable, "-c", _OPEN_FOR_WRITING, str(path)], capture_output=True)
    assert run.returncode == 0, run.stderr
