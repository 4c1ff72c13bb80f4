"""Dates in the cooperation questions: an event's stated date, else its article's date."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from sanctions_graph.bootstrap import ontology_triples
from sanctions_graph.queries import run_preset
from sanctions_graph.reason import materialise
from sanctions_graph.store import EmbeddedStore
from sanctions_graph.vocab import (
    DCTERMS,
    GRAPH_ONTOLOGY,
    PROV,
    RDF,
    SG,
    SGID,
    regime_iri,
    state_iri,
)

XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def _date(text: str) -> ox.Literal:
    return ox.Literal(text, datatype=_n(XSD_DATE))


def _event(
    name: str, kind: str, actor: str, target: str, date: str | None, doc: str | None
) -> list[ox.Triple]:
    event, evidence = _n(SGID[f"event/{name}"]), _n(SGID[f"evidence/{name}"])
    triples = [
        ox.Triple(event, _n(RDF.type), _n(SG[kind])),
        ox.Triple(event, _n(SG.actor), _n(state_iri(actor))),
        ox.Triple(event, _n(SG.target), _n(state_iri(target))),
        ox.Triple(event, _n(SG.evidence), evidence),
        ox.Triple(evidence, _n(SG.quote), ox.Literal(f"quote {name}")),
    ]
    if date:
        triples.append(ox.Triple(event, _n(SG.date), _date(date)))
    if doc:
        triples.append(ox.Triple(evidence, _n(PROV.wasDerivedFrom), _n(SGID[f"source/{doc}"])))
    return triples


@pytest.fixture
def store() -> EmbeddedStore:
    memory = EmbeddedStore(None)
    triples = [
        # Both states are under a regime in force.
        ox.Triple(_n(regime_iri("R1")), _n(RDF.type), _n(SG.SanctionsRegime)),
        ox.Triple(_n(regime_iri("R1")), _n(SG.targetsState), _n(state_iri("PRK"))),
        ox.Triple(_n(regime_iri("R2")), _n(RDF.type), _n(SG.SanctionsRegime)),
        ox.Triple(_n(regime_iri("R2")), _n(SG.targetsState), _n(state_iri("RUS"))),
        *(
            ox.Triple(_n(state_iri(code)), predicate, value)
            for code in ("PRK", "RUS", "IRN")
            for predicate, value in ((_n(RDF.type), _n(SG.State)), (_n(SG.iso3), ox.Literal(code)))
        ),
        ox.Triple(_n(SGID["source/doc1"]), _n(DCTERMS.issued), _date("2024-06-21")),
        *_event("stated", "Meeting", "RUS", "PRK", "2024-06-19", "doc1"),
        *_event("undated", "ArmsTransfer", "PRK", "RUS", None, "doc1"),
        # Neither a stated date nor a dated source.
        *_event("unknown", "Visit", "IRN", "RUS", None, None),
        *_event("unknown2", "Visit", "RUS", "PRK", None, None),
    ]
    memory.replace_graph(str(SGID["graph/test"]), triples)
    memory.replace_graph(str(GRAPH_ONTOLOGY), ontology_triples())
    materialise(memory)  # the cooperation questions read the summaries it writes
    return memory


def test_an_undated_event_counts_from_its_article_date(store: EmbeddedStore) -> None:
    rows = run_preset(store, "sanctioned-cooperation").rows
    assert len(rows) == 1
    assert (rows[0]["first"], rows[0]["last"]) == (_date("2024-06-19"), _date("2024-06-21"))


def test_an_event_without_any_date_counts_but_leaves_the_range_to_the_dated_ones(
    store: EmbeddedStore,
) -> None:
    (row,) = run_preset(store, "sanctioned-cooperation").rows
    assert row["events"] == ox.Literal("3", datatype=_n(XSD_INTEGER))
    assert row["kinds"] is not None
    assert sorted(row["kinds"].value.split(", ")) == ["ArmsTransfer", "Meeting", "Visit"]
    assert (row["first"], row["last"]) == (_date("2024-06-19"), _date("2024-06-21"))


def test_partners_without_any_date_leave_the_range_unbound(store: EmbeddedStore) -> None:
    rows = {
        (row["partnerCode"].value, row["kindName"].value): row  # type: ignore[union-attr]
        for row in run_preset(store, "partners", {"state": "RUS"}).rows
    }
    assert (rows[("PRK", "ArmsTransfer")]["first"], rows[("PRK", "ArmsTransfer")]["last"]) == (
        _date("2024-06-21"),
        _date("2024-06-21"),
    )
    assert (rows[("IRN", "Visit")]["first"], rows[("IRN", "Visit")]["last"]) == (None, None)


def test_agreements_are_ordered_by_the_dates_reason_materialises() -> None:
    memory = EmbeddedStore(None)
    triples = [
        *_event("older", "AgreementSigning", "RUS", "PRK", "2024-01-01", None),
        *_event("newer", "IntentToCooperate", "IRN", "RUS", "2024-06-01", None),
        *_event("undated", "AgreementSigning", "PRK", "IRN", None, None),
    ]
    memory.replace_graph(str(SGID["graph/test"]), triples)
    memory.replace_graph(str(GRAPH_ONTOLOGY), ontology_triples())

    def listed() -> list[tuple[str, ox.Literal | None]]:
        rows = run_preset(memory, "agreements").rows
        return [(row["event"].value.rsplit("/", 1)[-1], row["date"]) for row in rows]  # type: ignore[union-attr,misc]

    # Before `reason`: every event is listed, none with a date to order it by.
    assert sorted(name for name, _ in listed()) == ["newer", "older", "undated"]
    assert {date for _, date in listed()} == {None}
    materialise(memory)
    assert listed() == [
        ("newer", _date("2024-06-01")),
        ("older", _date("2024-01-01")),
        ("undated", None),
    ]
