"""Whole articles (the team's own fixtures): evidence is verbatim, and the scores hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctions_graph.evaluate import evaluate
from sanctions_graph.extract import EXTRACTOR_NAME, EXTRACTOR_VERSION, extract_document
from sanctions_graph.ingest.article import read_article

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ARTICLES = sorted((FIXTURES / "articles").glob("*.md"))


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_every_quote_and_mention_is_verbatim(path: Path) -> None:
    document = read_article(path)
    extraction = extract_document(document)
    text = document.text
    assert extraction.events, "each fixture article reports at least one event"
    for sentence in extraction.sentences:
        assert text[sentence.span.start : sentence.span.end] == sentence.text
    for event in extraction.events:
        assert text[event.sentence.span.start : event.sentence.span.end] == event.sentence.text
        assert event.targets and event.actor not in event.targets
        assert 0.0 < event.confidence <= 1.0
    for mention in extraction.mentions:
        assert text[mention.span.start : mention.span.end] == mention.surface
    codes = {m.code for m in extraction.mentions if m.kind != "person"}
    assert codes <= extraction.actors


def test_the_drone_article_gives_its_facts() -> None:
    document = read_article(FIXTURES / "articles" / "iran_russia_drones_oct2022.md")
    extraction = extract_document(document)
    assert [(e.type, e.actor, e.targets, e.modality) for e in extraction.events] == [
        ("MilitaryAggression", "RUS", ["UKR"], "Reported"),
        ("Criticism", "USA", ["IRN"], "Asserted"),
        ("ArmsTransfer", "IRN", ["RUS"], "Alleged"),
        ("ArmsTransfer", "IRN", ["RUS"], "Denied"),
        ("MilitaryCooperation", "IRN", ["RUS"], "Planned"),  # "were there to train"
        ("SanctionsImposition", "EU", ["IRN"], "Asserted"),
        ("Criticism", "UKR", ["IRN"], "Asserted"),
    ]
    persons = {(p.name, p.role, p.state) for p in extraction.persons}
    assert ("Hossein Amir-Abdollahian", "Foreign Minister", "IRN") in persons
    assert ("Volodymyr Zelensky", "President", "UKR") in persons


def test_fixture_corpus_scores_stay_high() -> None:
    report = evaluate(FIXTURES / "articles", FIXTURES / "gold")
    assert len(report.documents) == len(ARTICLES) == 13
    assert report.family.f1 >= 0.9
    assert report.exact.f1 >= 0.85
    assert report.persons.recall == 1.0


def test_extractor_identifies_itself() -> None:
    assert EXTRACTOR_NAME == "sanctions-graph rules"
    assert EXTRACTOR_VERSION.count(".") == 1
