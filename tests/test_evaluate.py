"""Scoring extraction against gold files, and the ``evaluate`` command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctions_graph.cli import app
from sanctions_graph.errors import InputError
from sanctions_graph.evaluate import (
    Gold,
    Score,
    evaluate,
    parse_gold,
    score_document,
    score_persons,
)
from sanctions_graph.extract.model import (
    Document,
    EventFact,
    Extraction,
    PersonFact,
    Sentence,
    Span,
)

SENTENCE = Sentence(0, Span(0, 5), "Text.")


def _extraction(*events: tuple[str, str, list[str]], persons: list[PersonFact] | None = None):
    facts = [EventFact(kind, actor, targets, SENTENCE) for kind, actor, targets in events]  # type: ignore[arg-type]
    return Extraction(Document("Text."), [SENTENCE], [], persons or [], facts)


def test_score_ratios() -> None:
    score = Score(tp=3, fp=1, fn=2)
    assert (round(score.precision, 4), round(score.recall, 4), round(score.f1, 4)) == (
        0.75,
        0.6,
        0.6667,
    )
    assert (Score().precision, Score().recall) == (1.0, 1.0)


def test_symmetric_families_are_unordered_and_directed_ones_are_not() -> None:
    gold = Gold(
        "a.txt",
        required=[("Meeting", "RUS", "PRK"), ("ArmsTransfer", "PRK", "RUS")],
        optional=[],
        persons=[],
    )
    # The meeting is found with the parties swapped (fine); the transfer in the wrong
    # direction is both a miss and a false positive.
    result = score_document(
        _extraction(("Meeting", "PRK", ["RUS"]), ("ArmsTransfer", "RUS", ["PRK"])), gold
    )
    assert (result.family.tp, result.family.fp, result.family.fn) == (1, 1, 1)
    assert result.missed == [("ArmsTransfer", "PRK", "RUS")]
    assert result.spurious == [("ArmsTransfer", "RUS", "PRK")]


def test_family_level_forgives_the_exact_type() -> None:
    gold = Gold("a.txt", required=[("AgreementSigning", "IRN", "VEN")], optional=[], persons=[])
    result = score_document(_extraction(("IntentToCooperate", "VEN", ["IRN"])), gold)
    assert (result.family.tp, result.family.fp, result.family.fn) == (1, 0, 0)
    assert (result.exact.tp, result.exact.fp, result.exact.fn) == (0, 1, 1)


def test_un_counts_as_unsc_and_optional_tuples_are_neutral() -> None:
    gold = parse_gold(
        {
            "article": "a.txt",
            "relations": [
                {"type": "SanctionsImposition", "actor": "UNSC", "target": "PRK"},
                {"type": "Visit", "actor": "RUS", "target": "VNM", "optional": True},
            ],
        },
        "gold.json",
    )
    found = score_document(
        _extraction(("SanctionsImposition", "UN", ["PRK"]), ("Visit", "RUS", ["VNM"])), gold
    )
    assert (found.exact.tp, found.exact.fp, found.exact.fn) == (1, 0, 0)
    missing_optional = score_document(_extraction(("SanctionsImposition", "UN", ["PRK"])), gold)
    assert (missing_optional.exact.tp, missing_optional.exact.fn) == (1, 0)


def test_every_target_of_an_event_is_a_tuple() -> None:
    gold = Gold(
        "a.txt",
        required=[("SanctionsImposition", "USA", "CUB"), ("SanctionsImposition", "USA", "RUS")],
        optional=[],
        persons=[],
    )
    result = score_document(_extraction(("SanctionsImposition", "USA", ["CUB", "RUS"])), gold)
    assert (result.exact.tp, result.exact.fp, result.exact.fn) == (2, 0, 0)


def test_persons_match_across_spellings_and_check_the_state() -> None:
    persons = [
        PersonFact("denis-mantrurov", "Denis Mantrurov", state="RUS"),
        PersonFact("kim-jong-un", "Kim Jong Un", variants=["Kim Jong-un"], state="RUS"),
    ]
    score = score_persons(
        persons,
        [("Denis Manturov", "RUS"), ("Kim Jong-un", "PRK"), ("Choe Son Hui", "PRK")],
    )
    assert (score.gold, score.found, score.with_state) == (3, 2, 1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "must hold a JSON object"),
        ({"relations": []}, "missing 'article'"),
        ({"article": "a.txt", "relations": {}}, "'relations' must be a list"),
        (
            {"article": "a.txt", "relations": [{"type": "Hug", "actor": "A", "target": "B"}]},
            "unknown event type 'Hug'",
        ),
        (
            {"article": "a.txt", "relations": [{"type": "Visit", "actor": "", "target": "B"}]},
            "relation 1: expected a state or organisation code",
        ),
        ({"article": "a.txt", "persons": [{"state": "RUS"}]}, "person 1 needs a 'name'"),
    ],
)
def test_malformed_gold_is_an_input_error(data: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_gold(data, "gold.json")


def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    articles = tmp_path / "articles"
    gold = tmp_path / "gold"
    articles.mkdir()
    gold.mkdir()
    (articles / "one.md").write_text(
        "---\ntitle: One\ndate: 2024-06-19\n---\n"
        "Iran has supplied Russia with hundreds of drones. The European Union imposed "
        "sanctions on Iran.\n",
        encoding="utf-8",
    )
    (gold / "one.json").write_text(
        json.dumps(
            {
                "article": "one.md",
                "relations": [
                    {"type": "ArmsTransfer", "actor": "IRN", "target": "RUS"},
                    {"type": "SanctionsImposition", "actor": "EU", "target": "IRN"},
                    {"type": "Criticism", "actor": "USA", "target": "IRN"},
                ],
                "sanctioned": [{"state": "IRN", "by": "EU"}],
                "persons": [],
            }
        ),
        encoding="utf-8",
    )
    return articles, gold


def test_evaluate_reads_articles_and_gold(tmp_path: Path) -> None:
    articles, gold = _corpus(tmp_path)
    report = evaluate(articles, gold)
    [document] = report.documents
    assert document.article == "one.md"
    assert (report.family.tp, report.family.fp, report.family.fn) == (2, 0, 1)
    assert document.missed == [("Criticism", "USA", "IRN")]


def test_evaluate_rejects_a_gold_file_without_its_article(tmp_path: Path) -> None:
    articles, gold = _corpus(tmp_path)
    (articles / "one.md").unlink()
    with pytest.raises(InputError, match="article named by the gold file is missing"):
        evaluate(articles, gold)


def test_cli_table_and_json(tmp_path: Path) -> None:
    articles, gold = _corpus(tmp_path)
    runner = CliRunner()
    table = runner.invoke(app, ["evaluate", str(articles), "--gold", str(gold)])
    assert table.exit_code == 0, table.output
    assert "one.md" in table.output and "OVERALL" in table.output
    assert "0.80" in table.output  # family F1: precision 1.0, recall 2/3
    result = runner.invoke(
        app, ["evaluate", str(articles), "--gold", str(gold), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["overall"]["family"] == {
        "tp": 2, "fp": 0, "fn": 1, "precision": 1.0, "recall": 0.6667, "f1": 0.8,
    }  # fmt: skip
    assert data["documents"][0]["missed"] == [["Criticism", "USA", "IRN"]]


def test_cli_bad_input_is_one_error_line(tmp_path: Path) -> None:
    articles, gold = _corpus(tmp_path)
    (gold / "broken.json").write_text("{not json", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "sanctions_graph", "evaluate", str(articles), "--gold", str(gold)],
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0
    assert run.stdout == ""
    assert run.stderr.count("\n") == 1
    assert run.stderr.startswith(f"error: {gold / 'broken.json'}: not valid JSON:")
    bad_format = CliRunner().invoke(
        app, ["evaluate", str(articles), "--gold", str(gold), "--format", "xml"]
    )
    assert bad_format.exit_code == 1
    assert "unknown format 'xml' (use table or json)" in bad_format.output
