"""The picture's data: nodes, edges, families, counts and filters, from the fixture graph."""

from __future__ import annotations

import datetime as dt

import pytest
from vizfixtures import QUOTES

from sanctions_graph.errors import QueryError
from sanctions_graph.store import EmbeddedStore
from sanctions_graph.viz.data import load_graph
from sanctions_graph.viz.families import FAMILIES, family_of

ALL_EDGES = {
    ("AID", "PRK", "RUS"),
    ("AID", "RUS", "PRK"),
    ("DIPLOMATIC", "PRK", "RUS"),  # unordered pair: stored in IRI order
    ("AGREEMENT", "PRK", "RUS"),
    ("HOSTILITY", "USA", "PRK"),
    ("SUPPORT", "CHN", "RUS"),
    ("DIPLOMATIC", "CHN", "RUS"),  # the visit of Russia's president
}


def test_families_cover_every_event_class_once() -> None:
    classes = [cls for family in FAMILIES for cls in family.classes]
    assert len(classes) == len(set(classes)) == 14
    assert family_of("ArmsTransfer").name == "AID"
    assert family_of("Visit").directed is False
    assert family_of("Threat").polarity == "conflict"


def test_edges_group_events_by_family_and_direction(fixture_store: EmbeddedStore) -> None:
    graph = load_graph(fixture_store)
    assert graph.node_codes() == {"PRK", "RUS", "CHN", "USA"}
    assert graph.edge_tuples() == ALL_EDGES


def test_person_counts_as_the_state_they_represent(fixture_store: EmbeddedStore) -> None:
    graph = load_graph(fixture_store)
    visit = next(e for e in graph.edges if e.events[0].type == "Visit")
    assert (graph.nodes[visit.source].code, graph.nodes[visit.target].code) == ("CHN", "RUS")
    assert [c.quote for c in visit.events[0].citations] == [QUOTES["q8"]]


def test_sanction_status_and_authorities(fixture_store: EmbeddedStore) -> None:
    nodes = {n.code: n for n in load_graph(fixture_store).nodes.values()}
    assert (nodes["PRK"].sanction_status, nodes["PRK"].authorities) == ("un", ("UNSC",))
    assert (nodes["RUS"].sanction_status, nodes["RUS"].authorities) == ("unilateral", ("USA",))
    assert nodes["CHN"].sanction_status == "none"
    assert nodes["USA"].sanctioned is False


def test_ended_regime_does_not_colour_the_state(fixture_store: EmbeddedStore) -> None:
    fixture_store.update(
        "INSERT DATA { GRAPH <urn:test> { <https://w3id.org/sanctions-graph/id/regime/UN-1718> "
        "<https://w3id.org/sanctions-graph/ontology#endDate> "
        '"2020-01-01"^^<http://www.w3.org/2001/XMLSchema#date> } }'
    )
    nodes = {n.code: n for n in load_graph(fixture_store, today=dt.date(2024, 1, 1)).nodes.values()}
    assert (nodes["PRK"].sanctioned, nodes["PRK"].authorities) == (False, ())
    assert nodes["RUS"].sanctioned is True


def test_classified_state_keeps_only_real_authorities(fixture_store: EmbeddedStore) -> None:
    # RUS is also typed sg:SanctionedState (no authority): that adds no authority.
    fixture_store.update(
        "DELETE WHERE { GRAPH ?g { <https://w3id.org/sanctions-graph/id/regime/US-RUSSIA> ?p ?o } }"
    )
    nodes = {n.code: n for n in load_graph(fixture_store).nodes.values()}
    assert (nodes["RUS"].sanction_status, nodes["RUS"].authorities) == ("unrecorded", ())


def test_counts_sources_and_modalities(fixture_store: EmbeddedStore) -> None:
    graph = load_graph(fixture_store)
    by_key = {(e.family.name, graph.nodes[e.source].code): e for e in graph.edges}
    shipped = by_key[("AID", "PRK")]
    assert shipped.independent_sources == 2  # two publishers
    assert sorted(c.quote for c in shipped.events[0].citations) == sorted(
        [QUOTES["q1"], QUOTES["q2"]]
    )
    assert shipped.dashed is False
    assert by_key[("AID", "RUS")].dashed is True  # alleged
    assert by_key[("AGREEMENT", "PRK")].dashed is True  # planned
    nodes = {n.code: n for n in graph.nodes.values()}
    assert (nodes["RUS"].sources, nodes["PRK"].sources, nodes["CHN"].sources) == (3, 2, 1)


def test_state_filter_is_resolved_by_the_query_runner(fixture_store: EmbeddedStore) -> None:
    graph = load_graph(fixture_store, state="China")
    assert graph.edge_tuples() == {("SUPPORT", "CHN", "RUS"), ("DIPLOMATIC", "CHN", "RUS")}
    with pytest.raises(QueryError):
        load_graph(fixture_store, state="Atlantis")


def test_date_range_drops_undated_and_outside_events(fixture_store: EmbeddedStore) -> None:
    graph = load_graph(fixture_store, date_from=dt.date(2024, 6, 1), date_to=dt.date(2024, 6, 20))
    assert graph.edge_tuples() == {("DIPLOMATIC", "PRK", "RUS"), ("AGREEMENT", "PRK", "RUS")}


def test_family_filter(fixture_store: EmbeddedStore) -> None:
    graph = load_graph(fixture_store, families=["aid", "HOSTILITY"])
    assert graph.edge_tuples() == {
        ("AID", "PRK", "RUS"),
        ("AID", "RUS", "PRK"),
        ("HOSTILITY", "USA", "PRK"),
    }
    assert graph.node_codes() == {"PRK", "RUS", "USA"}
    with pytest.raises(KeyError):
        load_graph(fixture_store, families=["FRIENDSHIP"])
