"""``sanctions-graph demo`` end to end on a temporary store: the bundled corpus goes in whole,
the lead question answers with sanctioned pairs and evidence, every quote is verbatim, and a
second run changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctions_graph.cli import app
from sanctions_graph.demo import corpus_dir, corpus_files, demo_questions
from sanctions_graph.store import EmbeddedStore


def test_corpus_is_ten_articles_of_200_to_400_words_in_mixed_formats() -> None:
    words: list[int] = []
    suffixes = set()
    for path in corpus_files():
        suffixes.add(path.suffix)
        if path.suffix == ".jsonl":
            words.extend(len(json.loads(line)["text"].split())
                         for line in path.read_text(encoding="utf-8").splitlines())
        else:
            words.append(len(path.read_text(encoding="utf-8").split()))
    assert len(words) == 10
    assert all(200 <= count <= 420 for count in words), words
    assert suffixes == {".md", ".txt", ".html", ".jsonl"}


def test_demo_questions_lead_with_sanctioned_cooperation() -> None:
    names = [name for name, _ in demo_questions()]
    assert names[0] == "sanctioned-cooperation"
    assert not any(name.startswith("graph-") for name in names)


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, int]:
    store = tmp_path_factory.mktemp("demo") / "store"
    result = CliRunner().invoke(app, ["--store", str(store), "demo"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return store, result.stdout, result.stderr, result.exit_code


def test_demo_ingests_the_whole_corpus(demo_run: tuple[Path, str, str, int]) -> None:
    store, out, err, code = demo_run
    assert code == 0, err
    assert "skipped:" not in err
    rows = {line.split("│")[1].strip(): line.split("│")[2].strip()
            for line in out.splitlines() if line.startswith("│") and line.count("│") == 3}
    assert rows["documents written"] == "12"  # 10 articles + the UN and OFAC list slices
    assert rows["skipped"] == "0"
    with EmbeddedStore(store) as opened:
        assert len([g for g in opened.graphs() if "/source/" in g]) == 10


def test_demo_answers_sanctioned_pairs_with_evidence(
    demo_run: tuple[Path, str, str, int],
) -> None:
    store, out, _, _ = demo_run
    assert "(ask sanctioned-cooperation)" in out
    lead = out.split("(ask sanctioned-cooperation)", 1)[1].split("\n## ", 1)[0]
    assert "PRK" in lead and "RUS" in lead
    with EmbeddedStore(store) as opened:
        pairs = opened.query("""
            PREFIX sg: <https://w3id.org/sanctions-graph/ontology#>
            SELECT DISTINCT ?quote WHERE {
              ?e sg:actor|sg:target <https://w3id.org/sanctions-graph/id/state/PRK> ;
                 sg:actor|sg:target <https://w3id.org/sanctions-graph/id/state/RUS> ;
                 sg:evidence/sg:quote ?quote }""").rows
    assert pairs, "no evidence for a Russia-North Korea event in the demo corpus"


def test_demo_links_leaders_in_the_news_to_their_listings(
    demo_run: tuple[Path, str, str, int],
) -> None:
    out = demo_run[1]
    section = out.split("(ask listed-people-in-news)", 1)[1].split("\n## ", 1)[0]
    assert "KIM, Jong Un" in section
    assert "MADURO MOROS," in section
    assert section.rstrip().endswith("4 row(s)")


def test_demo_asks_parameterised_questions_about_the_corpus_states(
    demo_run: tuple[Path, str, str, int],
) -> None:
    out = demo_run[1]
    assert "(ask sanctions-on -p state='North Korea')" in out
    section = out.split("(ask sanctions-on -p state='North Korea')", 1)[1].split("\n## ", 1)[0]
    assert "UNSC Resolution 1718" in section  # the regime, wrapped in its table cell
    assert "KPe.001" in section  # a UN designation from the bundled list slice


def test_every_demo_quote_is_the_document_text_at_its_offsets(
    demo_run: tuple[Path, str, str, int],
) -> None:
    store = demo_run[0]
    with EmbeddedStore(store) as opened:
        rows = opened.query("""
            PREFIX sg: <https://w3id.org/sanctions-graph/ontology#>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            SELECT ?quote ?start ?end ?text WHERE {
              ?ev a sg:Evidence ; sg:quote ?quote ; sg:charStart ?start ; sg:charEnd ?end ;
                  prov:wasDerivedFrom ?doc .
              ?doc <https://schema.org/text> ?text }""").rows
    assert len(rows) >= 10
    for row in rows:
        quote, start, end, text = (row[k].value for k in ("quote", "start", "end", "text"))  # type: ignore[union-attr]
        assert text[int(start) : int(end)] == quote


def test_demo_twice_changes_nothing(demo_run: tuple[Path, str, str, int]) -> None:
    store = demo_run[0]
    with EmbeddedStore(store) as opened:
        before = {g: opened.count(g) for g in opened.graphs()}
    result = CliRunner().invoke(app, ["--store", str(store), "demo"])
    assert result.exit_code == 0
    with EmbeddedStore(store) as opened:
        assert {g: opened.count(g) for g in opened.graphs()} == before


def test_corpus_is_shipped_inside_the_package() -> None:
    assert corpus_dir().parent.name == "demo"
    assert corpus_dir().parent.parent.name == "sanctions_graph"
