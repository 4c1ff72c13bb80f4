"""Cooperation summaries: one node per pair of actors and one per pair and kind, with counts,
dates and an example, derived from the cooperation events alone."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from sanctions_graph.summaries import EventRecord, cooperation_summaries, iso_date
from sanctions_graph.vocab import RDF, SG, SGID

XSD = "http://www.w3.org/2001/XMLSchema#"


def s(code: str) -> str:
    return str(SGID[f"state/{code}"])


def ev(name: str) -> str:
    return str(SGID[f"evidence/{name}"])


def summary_of(triples: list[ox.Triple], node: str) -> dict[str, list[str]]:
    """The node's properties: local property name -> sorted values (IRIs and lexical forms)."""
    out: dict[str, list[str]] = {}
    for t in triples:
        if t.subject.value == node:
            name = t.predicate.value.rsplit("#", 1)[-1]
            out.setdefault(name, []).append(t.object.value)
    return {k: sorted(v) for k, v in out.items()}


def _events() -> dict[str, EventRecord]:
    return {
        "e1": EventRecord(
            kinds={str(SG.Meeting)},
            participants={s("RUS"), s("PRK")},
            dates=["2024-06-19"],
            evidence=[ev("ev1")],
            sources={"docA"},
        ),
        "e2": EventRecord(
            kinds={str(SG.ArmsTransfer)},
            participants={s("PRK"), s("RUS")},
            dates=["2023-11-02"],
            evidence=[ev("ev2")],
            sources={"docB"},
        ),
        # Same date as e1: the example is the smaller evidence IRI of the two ("ev0").
        "e3": EventRecord(
            kinds={str(SG.Meeting)},
            participants={s("PRK"), s("RUS")},
            dates=["2024-06-19"],
            evidence=[ev("ev0")],
            sources={"docA"},
        ),
        # No date at all: counted, but leaves first/last to the dated events.
        "e4": EventRecord(
            kinds={str(SG.Visit)}, participants={s("RUS"), s("PRK")}, evidence=[ev("ev4")]
        ),
        # Three participants: three pairs.
        "e5": EventRecord(
            kinds={str(SG.Meeting)},
            participants={s("RUS"), s("IRN"), s("BLR")},
            dates=["2022-01-10"],
            evidence=[ev("ev5")],
            sources={"docC"},
        ),
    }


PUBLISHERS = {"docA": {"Team Wire"}, "docB": {"Team Desk"}, "docC": {"Team Wire"}}
PAIR = f"{SGID}cooperation/state-PRK--state-RUS"


def test_a_pair_summary_counts_distinct_events_sources_and_publishers() -> None:
    triples = cooperation_summaries(_events(), PUBLISHERS)
    pair = summary_of(triples, PAIR)
    assert pair["type"] == [str(SG.CooperationSummary)]
    assert pair["pairMember"] == [s("PRK"), s("RUS")]
    assert pair["cooperationKind"] == sorted([str(SG.ArmsTransfer), str(SG.Meeting), str(SG.Visit)])
    counts = (pair["eventCount"], pair["sourceCount"], pair["publisherCount"])
    assert counts == (["4"], ["2"], ["2"])
    assert (pair["firstDate"], pair["lastDate"]) == (["2023-11-02"], ["2024-06-19"])
    assert pair["exampleEvidence"] == [ev("ev0")]  # most recent date, then the smaller IRI
    assert pair["kindSummary"] == sorted(
        f"{PAIR}/{kind}" for kind in ("ArmsTransfer", "Meeting", "Visit")
    )


def test_a_kind_summary_covers_its_kind_alone() -> None:
    triples = cooperation_summaries(_events(), PUBLISHERS)
    meeting = summary_of(triples, f"{PAIR}/Meeting")
    assert meeting["cooperationKind"] == [str(SG.Meeting)]
    assert (meeting["eventCount"], meeting["sourceCount"], meeting["publisherCount"]) == (
        ["2"],
        ["1"],
        ["1"],
    )
    assert (meeting["firstDate"], meeting["lastDate"]) == (["2024-06-19"], ["2024-06-19"])
    assert "pairMember" not in meeting  # members are read from the pair's own node
    visit = summary_of(triples, f"{PAIR}/Visit")
    assert (visit["eventCount"], visit["sourceCount"]) == (["1"], ["0"])
    assert "firstDate" not in visit and "lastDate" not in visit
    assert visit["exampleEvidence"] == [ev("ev4")]


def test_an_event_with_three_participants_makes_three_pairs_named_in_iri_order() -> None:
    triples = cooperation_summaries(_events(), PUBLISHERS)
    pairs = {
        tuple(summary_of(triples, t.subject.value)["pairMember"])
        for t in triples
        if t.predicate.value == str(SG.pairMember)
    }
    assert pairs == {
        (s("PRK"), s("RUS")),
        (s("BLR"), s("IRN")),
        (s("BLR"), s("RUS")),
        (s("IRN"), s("RUS")),
    }
    assert summary_of(triples, f"{SGID}cooperation/state-BLR--state-IRN")["eventCount"] == ["1"]


def test_counts_and_dates_are_typed_literals() -> None:
    triples = cooperation_summaries(_events(), PUBLISHERS)
    datatypes = {
        t.predicate.value.rsplit("#", 1)[-1]: t.object.datatype.value  # type: ignore[union-attr]
        for t in triples
        if isinstance(t.object, ox.Literal)
    }
    assert datatypes == {
        "eventCount": XSD + "integer",
        "sourceCount": XSD + "integer",
        "publisherCount": XSD + "integer",
        "firstDate": XSD + "date",
        "lastDate": XSD + "date",
    }


def test_an_actor_outside_the_data_namespace_gets_a_hashed_key() -> None:
    outside = "https://example.org/actor/1"
    events = {"e": EventRecord(kinds={str(SG.Meeting)}, participants={s("RUS"), outside})}
    nodes = {t.subject.value for t in cooperation_summaries(events, {})}
    assert len(nodes) == 2
    assert all(n.startswith(f"{SGID}cooperation/h") for n in nodes)


def test_no_events_no_summaries() -> None:
    assert cooperation_summaries({}, {}) == []


def test_iso_date_takes_the_day_of_dates_and_date_times_only() -> None:
    assert iso_date("2024-06-19") == "2024-06-19"
    assert iso_date("2024-06-19T13:55:00Z") == "2024-06-19"
    assert iso_date("19 June 2024") is None
    assert iso_date("2024") is None


def test_materialise_keeps_the_summaries_current_after_a_new_document(tmp_path: Path) -> None:
    from query_fixtures import fill, news
    from sanctions_graph.queries import run_preset
    from sanctions_graph.reason import materialise
    from sanctions_graph.store import EmbeddedStore
    from sanctions_graph.vocab import source_graph_iri

    store = EmbeddedStore(tmp_path / "store")
    fill(store)  # writes the fixture graphs and materialises

    def pair_row() -> dict[str, str]:
        rows = run_preset(store, "sanctioned-cooperation").rows
        row = next(r for r in rows if r["aCode"] == ox.Literal("PRK"))
        return {k: v.value for k, v in row.items() if v is not None and k != "kinds"}

    before = pair_row()
    assert (before["events"], before["sources"], before["last"]) == ("5", "2", "2024-06-19")
    graph = str(source_graph_iri("e" * 64))
    visit = [("e95", "Visit", "RUS", "PRK", "2024-09-02", "Asserted",
              "A Russian delegation arrived in Pyongyang.")]
    store.replace_graph(graph, news("doc9", "A visit", "Team Post", "2024-09-03", visit))
    materialise(store)  # what every ingest batch runs
    after = pair_row()
    assert (after["events"], after["sources"], after["publishers"], after["last"]) == (
        "6",
        "3",
        "3",
        "2024-09-02",
    )
    assert after["exampleQuote"] == "A Russian delegation arrived in Pyongyang."
    store.drop_graph(graph)
    materialise(store)  # what `drop` runs
    assert pair_row() == before
    store.close()


def test_a_pair_of_two_sanctioned_states_is_classified_as_such() -> None:
    triples = cooperation_summaries(_events(), PUBLISHERS, {s("PRK"), s("RUS"), s("IRN")})
    types: dict[str, set[str]] = {}
    for t in triples:
        if t.predicate.value == str(RDF.type):
            types.setdefault(t.subject.value, set()).add(t.object.value)
    both = {str(SG.CooperationSummary), str(SG.SanctionedPairSummary)}
    assert types[PAIR] == both
    assert types[f"{SGID}cooperation/state-IRN--state-RUS"] == both
    assert types[f"{SGID}cooperation/state-BLR--state-RUS"] == {str(SG.CooperationSummary)}
    assert types[f"{PAIR}/Meeting"] == {str(SG.CooperationSummary)}  # kinds are not classified
