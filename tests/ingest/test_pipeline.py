"""The ingest pipeline: discovery, atomic units, idempotent re-ingest, replacement of changed
documents, drop, and a batch that goes on past bad input with the store holding only complete
documents.

Extraction is replaced here by a small deterministic double (``extractor`` fixture) so that these
tests pin the orchestration, not the extraction rules (tests/extract/ covers those, and
tests/test_demo.py runs the real extractor end to end).
"""

from __future__ import annotations

import json
import re
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

import sanctions_graph.extract as extract_module
import sanctions_graph.ingest.article as article_module
from sanctions_graph.errors import InputError
from sanctions_graph.extract.model import (
    Document,
    EventFact,
    Extraction,
    Mention,
    Sentence,
    Span,
)
from sanctions_graph.ingest import pipeline
from sanctions_graph.ingest.pipeline import drop_source, ingest_paths
from sanctions_graph.ingest.registry import IngestOptions, SourceUnit, register
from sanctions_graph.store import EmbeddedStore
from sanctions_graph.vocab import source_graph_iri

STATES = {"Russia": "RUS", "North Korea": "PRK", "Iran": "IRN", "Belarus": "BLR", "China": "CHN"}


def double_extract(document: Document) -> Extraction:
    """Sentences split on end punctuation; a Meeting between the first two states named."""
    sentences = [
        Sentence(i, Span(m.start(), m.end()), m.group())
        for i, m in enumerate(re.finditer(r"[^.!?\n]+[.!?]", document.text))
    ]
    mentions: list[Mention] = []
    events: list[EventFact] = []
    for sentence in sentences:
        found = []
        for name, code in STATES.items():
            for hit in re.finditer(re.escape(name), sentence.text):
                start = sentence.span.start + hit.start()
                mentions.append(Mention("state", code, Span(start, start + len(name)), name,
                                        "name"))
                found.append(code)
        if len(set(found)) >= 2:
            actor, target = list(dict.fromkeys(found))[:2]
            events.append(EventFact("Meeting", actor, [target], sentence, date=document.date))
    return Extraction(document, sentences, mentions, [], events, {m.code for m in mentions})


@pytest.fixture(autouse=True)
def extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_module, "extract_document", double_extract, raising=False)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    with EmbeddedStore(tmp_path / "store") as opened:
        yield opened


def article(folder: Path, name: str, body: str, **meta: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    header = "".join(f"{key}: {value}\n" for key, value in meta.items())
    path = folder / name
    path.write_text(f"---\n{header}---\n{body}\n" if meta else body + "\n", encoding="utf-8")
    return path


def snapshot(store: EmbeddedStore) -> dict[str, int]:
    return {graph: store.count(graph) for graph in store.graphs()}


def test_folder_batch_writes_one_graph_per_document(tmp_path: Path, store: EmbeddedStore) -> None:
    corpus = tmp_path / "corpus"
    a = article(corpus, "a.md", "Russia and North Korea held talks. Nothing else.", title="A")
    b = article(corpus / "sub", "b.txt", "Iran and Russia met. China watched.", title="B")
    article(corpus / ".hidden", "c.md", "Belarus and Russia met.", title="hidden")
    (corpus / "README.md").write_text("# About this folder\n\nNotes.\n", encoding="utf-8")
    seen: list[tuple[int, int, str]] = []
    report = ingest_paths(store, [corpus], progress=lambda *args: seen.append(args),
                          derive=False)
    assert report.ok and report.inputs == 2 and report.documents == 2
    assert report.sentences == 4
    assert report.facts == {"Meeting": 2}
    assert [u.label for u in report.units] == [str(a), str(b)]
    assert seen == [(1, 2, str(a)), (2, 2, str(b))]
    digests = {str(source_graph_iri(pipeline._file_sha256(p))) for p in (a, b)}
    assert set(store.graphs()) == digests


def test_reingesting_changes_nothing(tmp_path: Path, store: EmbeddedStore) -> None:
    path = article(tmp_path, "a.md", "Russia and Iran met. Then they left.", title="T",
                   url="https://example.org/a")
    ingest_paths(store, [path], derive=False)
    before = snapshot(store)
    quads_before = {str(q) for q in store.quads()}
    report = ingest_paths(store, [path], derive=False)
    assert report.ok and report.replaced == 0
    assert snapshot(store) == before
    assert {str(q) for q in store.quads()} == quads_before


def test_changed_file_replaces_its_old_graph(tmp_path: Path, store: EmbeddedStore) -> None:
    path = article(tmp_path, "a.md", "Russia and Iran met.", title="v1")
    first = ingest_paths(store, [path], derive=False).units[0].graph
    article(tmp_path, "a.md", "Russia and Belarus met.", title="v2")
    report = ingest_paths(store, [path], derive=False)
    second = report.units[0].graph
    assert second != first
    assert report.units[0].replaced == [first]
    assert store.graphs() == [second]


def test_same_url_from_another_file_replaces(tmp_path: Path, store: EmbeddedStore) -> None:
    url = "https://example.org/story"
    one = article(tmp_path, "one.md", "Russia and Iran met.", title="v1", url=url)
    two = article(tmp_path, "two.md", "Russia and Iran met again.", title="v2", url=url)
    ingest_paths(store, [one], derive=False)
    report = ingest_paths(store, [two], derive=False)
    assert store.graphs() == [report.units[0].graph]


def test_json_lines_each_line_its_own_graph_and_bad_lines_skipped(
    tmp_path: Path, store: EmbeddedStore
) -> None:
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"title": "one", "url": "https://example.org/1", "text": "Russia met Iran."}),
        "{broken",
        json.dumps({"title": "two", "url": "https://example.org/2", "text": "China met Russia."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = ingest_paths(store, [path], derive=False)
    assert report.documents == 2 and len(store.graphs()) == 2
    assert [(s.label, s.reason.split(" (")[0]) for s in report.skipped] == [
        (f"{path}:2", "not valid JSON")
    ]
    # Re-ingesting the same file keeps the two graphs (no line replaces another).
    again = ingest_paths(store, [path], derive=False)
    assert again.replaced == 0 and len(store.graphs()) == 2


def test_bad_inputs_are_skipped_with_reasons_and_the_batch_goes_on(
    tmp_path: Path, store: EmbeddedStore
) -> None:
    folder = tmp_path / "in"
    good = article(folder, "01_good.md", "Russia and Iran met.", title="good")
    (folder / "02_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (folder / "03_empty.txt").write_bytes(b"")
    (folder / "04_huge.txt").write_text("x" * 200_001, encoding="utf-8")
    (folder / "05_front.md").write_text("---\ntitle: [oops\n---\nBody.\n", encoding="utf-8")
    (folder / "06_date.md").write_text("---\ndate: someday\n---\nBody.\n", encoding="utf-8")
    (folder / "07_photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    script = ("<html><body><article><p>Russia and China met in Beijing on Monday, officials "
              "said after the long meeting ended late.</p><script>steal()</script></article>"
              "</body></html>")
    (folder / "08_page.html").write_text(script, encoding="utf-8")
    report = ingest_paths(store, [folder, tmp_path / "missing.md"], derive=False)
    reasons = {Path(s.label).name: s.reason for s in report.skipped}
    reasons.pop("05_front.md")
    assert reasons == {
        "missing.md": "no such file or folder",
        "02_binary.txt": "binary file, not an article or a sanctions list",
        "03_empty.txt": "empty file",
        "04_huge.txt": "line 1 is 200,001 characters long (an article line has at most "
        "100,000): not an article",
        "06_date.md": "cannot parse front matter date 'someday' (expected e.g. 2024-06-19)",
        "07_photo.png": "binary file, not an article or a sanctions list",
    }
    # The YAML parser's own words follow (libyaml and pure-Python PyYAML word them differently).
    front = report.skipped[[Path(s.label).name for s in report.skipped].index("05_front.md")]
    assert front.reason.startswith("malformed front matter at line 3: ")
    assert "expected ',' or ']'" in front.reason
    assert not report.ok
    assert [Path(u.label).name for u in report.units] == ["01_good.md", "08_page.html"]
    assert len(store.graphs()) == 2
    assert good.exists()
    html_text = store.query(
        "SELECT ?t WHERE { ?d <https://schema.org/text> ?t FILTER(CONTAINS(?t, 'Beijing')) }"
    ).rows[0]["t"]
    assert html_text is not None and "steal" not in html_text.value


def test_file_that_disappears_mid_batch(tmp_path: Path, store: EmbeddedStore) -> None:
    first = article(tmp_path / "in", "a.md", "Russia and Iran met.", title="a")
    second = article(tmp_path / "in", "b.md", "Russia and China met.", title="b")
    third = article(tmp_path / "in", "c.md", "Russia and Belarus met.", title="c")

    def delete_next(done: int, total: int, label: str) -> None:
        if label == str(first):
            second.unlink()

    report = ingest_paths(store, [tmp_path / "in"], progress=delete_next, derive=False)
    assert [(s.label, s.reason) for s in report.skipped] == [
        (str(second), "file not found (deleted or moved?)")
    ]
    assert [u.label for u in report.units] == [str(first), str(third)]
    assert len(store.graphs()) == 2


def test_a_unit_failing_mid_way_leaves_nothing_behind(
    tmp_path: Path, store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok = article(tmp_path, "ok.md", "Russia and Iran met. Again.", title="ok")
    ingest_paths(store, [ok], derive=False)
    before = snapshot(store)
    real = article_module.article_triples

    def failing(*args: object, **kwargs: object) -> Iterator[ox.Triple]:
        for number, triple in enumerate(real(*args, **kwargs)):  # type: ignore[arg-type]
            if number == 5:
                raise InputError("simulated failure while writing")
            yield triple

    monkeypatch.setattr(article_module, "article_triples", failing)
    new = article(tmp_path, "new.md", "Belarus and Russia met.", title="new")
    report = ingest_paths(store, [new, ok], derive=False)
    # Both fail after five triples: the new one leaves no graph, the old one keeps its content.
    assert [(Path(s.label).name, s.reason) for s in report.skipped] == [
        ("new.md", "simulated failure while writing"),
        ("ok.md", "simulated failure while writing"),
    ]
    assert snapshot(store) == before


def test_extraction_error_is_reported(tmp_path: Path, store: EmbeddedStore,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(document: Document) -> Extraction:
        raise InputError("cannot segment this text")

    monkeypatch.setattr(extract_module, "extract_document", broken)
    path = article(tmp_path, "a.md", "Russia and Iran met.", title="a")
    report = ingest_paths(store, [path], derive=False)
    assert [(s.label, s.reason) for s in report.skipped] == [
        (str(path), "cannot segment this text")
    ]
    assert store.graphs() == []


def test_unknown_kind_and_url_for_many_files_are_refused(tmp_path: Path,
                                                         store: EmbeddedStore) -> None:
    path = article(tmp_path, "a.md", "Russia and Iran met.", title="a")
    with pytest.raises(InputError, match=r"unknown kind 'pdf'; known kinds: .*article"):
        ingest_paths(store, [path], IngestOptions(kind="pdf"))
    other = article(tmp_path, "b.md", "Russia and China met.", title="b")
    with pytest.raises(InputError, match="--url names one document"):
        ingest_paths(store, [path, other], IngestOptions(url="https://example.org/x"))
    assert store.graphs() == []


def test_forced_kind_reads_an_unknown_extension(tmp_path: Path, store: EmbeddedStore) -> None:
    path = tmp_path / "story.dat"
    path.write_text("Russia and Iran met in Tehran.\n", encoding="utf-8")
    assert not ingest_paths(store, [path], derive=False).ok
    report = ingest_paths(store, [path], IngestOptions(kind="article"), derive=False)
    assert report.ok and report.facts == {"Meeting": 1}


def test_a_folder_ingestor_takes_the_folder_as_one_input(
    tmp_path: Path, store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sanctions_graph.ingest import registry

    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    graph = "https://w3id.org/sanctions-graph/id/source/test-folder"

    def is_set(path: Path, head: bytes) -> bool:
        return path.is_dir() and (path / "sdn.csv").exists()

    @register("testset", "a folder set", is_set, priority=50, takes_folder=True)
    def ingest_set(path: Path, options: IngestOptions) -> Iterator[SourceUnit]:
        node = ox.NamedNode(graph)
        files = sorted(p.name for p in path.iterdir())
        yield SourceUnit(graph, str(path), "testset",
                         [ox.Triple(node, node, ox.Literal(name)) for name in files])

    lists = tmp_path / "in" / "ofac"
    lists.mkdir(parents=True)
    for name in ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"):
        (lists / name).write_text("1,x\n", encoding="utf-8")
    article(tmp_path / "in", "a.md", "Russia and Iran met.", title="a")
    report = ingest_paths(store, [tmp_path / "in"], derive=False)
    assert [(Path(u.label).name, u.kind, u.triples) for u in report.units] == [
        ("a.md", "article", report.units[0].triples), ("ofac", "testset", 4)
    ]
    assert report.inputs == 2


def test_derivations_run_once_after_a_batch_that_changed_something(
    tmp_path: Path, store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    module = types.ModuleType("fake_derivation")
    module.derive = lambda s: calls.append(s) or 7  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_derivation", module)
    monkeypatch.setattr(pipeline, "DERIVATIONS", (("fake_derivation", "derive"),
                                                  ("no_such_module_here", "f")))
    a = article(tmp_path, "a.md", "Russia and Iran met.", title="a")
    b = article(tmp_path, "b.md", "Russia and China met.", title="b")
    report = ingest_paths(store, [a, b])
    assert calls == [store]
    assert report.derived == ["fake_derivation.derive: 7",
                              "no_such_module_here.f: not available in this version"]
    assert ingest_paths(store, [tmp_path / "nothing.md"]).derived == []
    assert calls == [store]


# ---------------------------------------------------------------------------------------------
# drop
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def two_sources(tmp_path: Path, store: EmbeddedStore) -> tuple[str, str, Path]:
    a = article(tmp_path, "a.md", "Russia and Iran met.", title="Alpha story",
                url="https://example.org/alpha")
    b = article(tmp_path, "b.md", "Russia and China met.", title="Beta story")
    report = ingest_paths(store, [a, b], derive=False)
    return report.units[0].graph, report.units[1].graph, a


@pytest.mark.parametrize("how", ["iri", "prefix", "title", "folded-title", "url", "path"])
def test_drop_one_source(how: str, store: EmbeddedStore,
                         two_sources: tuple[str, str, Path]) -> None:
    alpha, beta, path = two_sources
    source = {
        "iri": alpha,
        "prefix": alpha.rsplit("/", 1)[1][:10],
        "title": "Alpha story",
        "folded-title": "alpha STORY",
        "url": "https://example.org/alpha",
        "path": str(path),
    }[how]
    count = store.count(alpha)
    report = drop_source(store, source, derive=False)
    assert report.graphs == [alpha] and report.triples == count
    assert store.graphs() == [beta]


def test_drop_refuses_unknown_and_protected(store: EmbeddedStore,
                                            two_sources: tuple[str, str, Path]) -> None:
    with pytest.raises(InputError, match="no ingested source matches 'Gamma'"):
        drop_source(store, "Gamma")
    with pytest.raises(InputError, match="is not a source"):
        drop_source(store, "https://w3id.org/sanctions-graph/id/graph/ontology")
    assert len(store.graphs()) == 2


def test_write_buffers_are_flushed_during_and_after_a_batch(
    tmp_path: Path, store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    flushes: list[int] = []
    real_flush = EmbeddedStore.flush

    def counting(self: EmbeddedStore) -> None:
        flushes.append(self.count())
        real_flush(self)

    monkeypatch.setattr(EmbeddedStore, "flush", counting)
    paths = [article(tmp_path, f"{n}.md", "Russia and Iran met.", title=f"t{n}") for n in range(5)]
    per_document = ingest_paths(store, paths[:1], derive=False).triples
    assert len(flushes) == 1  # end of batch
    monkeypatch.setattr(pipeline, "FLUSH_EVERY_TRIPLES", 2 * per_document)
    monkeypatch.setattr(pipeline, "BATCH_TRIPLES", per_document)  # one document per batch
    ingest_paths(store, paths[1:], derive=False)
    # After the 3rd and 5th documents (two documents' worth each), then nothing left at the end.
    assert flushes[1:] == [3 * per_document, 5 * per_document]


def test_small_units_are_written_in_batches_and_large_ones_alone(
    tmp_path: Path, store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    batches: list[int] = []
    singles: list[str] = []
    real_batch, real_single = EmbeddedStore.replace_graphs, EmbeddedStore.replace_graph

    def spy_batch(self: EmbeddedStore, batch: list[tuple[str, list[object]]]) -> list[int]:
        batches.append(len(batch))
        return real_batch(self, batch)  # type: ignore[arg-type]

    def spy_single(self: EmbeddedStore, graph: str, triples: object) -> int:
        singles.append(graph)
        return real_single(self, graph, triples)  # type: ignore[arg-type]

    monkeypatch.setattr(EmbeddedStore, "replace_graphs", spy_batch)
    monkeypatch.setattr(EmbeddedStore, "replace_graph", spy_single)
    paths = [article(tmp_path, f"{n}.md", "Russia and Iran met.", title=f"t{n}") for n in range(7)]
    per_document = ingest_paths(store, paths[:1], derive=False).triples
    batches.clear()
    # Batches close at three documents' worth; a unit of two documents' worth or more is large.
    monkeypatch.setattr(pipeline, "BATCH_TRIPLES", 3 * per_document)
    report = ingest_paths(store, paths[1:], derive=False)
    assert report.documents == 6 and report.ok
    assert batches == [3, 3] and singles == []
    assert [unit.label for unit in report.units] == [str(p) for p in paths[1:]]
    assert all(store.count(unit.graph) == per_document for unit in report.units)
    monkeypatch.setattr(pipeline, "BATCH_UNIT_TRIPLES", per_document)
    extra = article(tmp_path, "extra.md", "Russia and Iran met.", title="extra")
    report = ingest_paths(store, [extra], derive=False)
    assert singles == [report.units[0].graph] and batches == [3, 3]


def test_a_unit_failing_in_a_batch_is_rejected_alone(
    tmp_path: Path, store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = article_module.article_triples

    def failing_for_bad(extraction: Extraction, **kwargs: object) -> Iterator[ox.Triple]:
        for number, triple in enumerate(real(extraction, **kwargs)):  # type: ignore[arg-type]
            if number == 5 and extraction.document.title == "bad":
                raise InputError("simulated failure while reading")
            yield triple

    monkeypatch.setattr(article_module, "article_triples", failing_for_bad)
    paths = [article(tmp_path, f"{name}.md", "Russia and Iran met.", title=name)
             for name in ("first", "bad", "last")]
    report = ingest_paths(store, paths, derive=False)
    assert [Path(unit.label).name for unit in report.units] == ["first.md", "last.md"]
    assert [(Path(s.label).name, s.reason) for s in report.skipped] == [
        ("bad.md", "simulated failure while reading")
    ]
    assert store.graphs() == sorted(unit.graph for unit in report.units)


def test_drop_by_path_of_a_json_lines_file_removes_every_line(
    tmp_path: Path, store: EmbeddedStore
) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(
        json.dumps({"title": "one", "text": "Russia met Iran."}) + "\n"
        + json.dumps({"title": "two", "text": "China met Russia."}) + "\n",
        encoding="utf-8",
    )
    other = article(tmp_path, "other.md", "Belarus and Russia met.", title="other")
    report = ingest_paths(store, [path, other], derive=False)
    lines = sorted(unit.graph for unit in report.units[:2])
    assert drop_source(store, str(path), derive=False).graphs == lines
    assert store.graphs() == [report.units[2].graph]


def test_a_large_run_compacts_the_store_and_a_small_one_does_not(
    tmp_path: Path, store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real_optimize = store.optimize
    monkeypatch.setattr(store, "optimize", lambda: (calls.append("optimize"), real_optimize()))
    corpus = tmp_path / "corpus"
    article(corpus, "a.md", "Russia and North Korea held talks.", title="A")
    small = ingest_paths(store, [corpus], derive=False)
    assert calls == []
    assert not any("compacted" in note for note in small.derived)

    monkeypatch.setattr(pipeline, "OPTIMIZE_AFTER_TRIPLES", 1)
    article(corpus, "b.md", "Iran and Russia met.", title="B")
    before = snapshot(store)
    large = ingest_paths(store, [corpus / "b.md"], derive=False)
    assert calls == ["optimize"]
    assert large.derived == [f"store compacted after {large.triples:,} triples"]
    # Compaction changes no data.
    after = snapshot(store)
    assert {g: n for g, n in after.items() if g in before} == before
