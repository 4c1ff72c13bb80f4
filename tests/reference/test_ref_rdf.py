"""reference_triples(): valid RDF in the ontology's terms, typed subjects, determinism."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from sanctions_graph.reference import reference_files, reference_triples, regimes, states
from sanctions_graph.store import EmbeddedStore
from sanctions_graph.vocab import RDF, SG, SGID, regime_iri, state_iri

SG_NS = str(SG._NS)


def _triples() -> list[ox.Triple]:
    return list(reference_triples())


def test_same_triples_in_the_same_order_every_time() -> None:
    first, second = _triples(), _triples()
    assert first == second
    assert len(first) > 4000


def test_round_trips_through_n_triples() -> None:
    triples = _triples()
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert text is not None
    parsed = [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)
    ]
    assert set(parsed) == set(triples)


def test_every_subject_has_a_type_and_uses_only_ontology_terms() -> None:
    types: dict[str, set[str]] = defaultdict(set)
    subjects = set()
    for triple in _triples():
        subjects.add(triple.subject.value)
        if triple.predicate.value == str(RDF.type):
            types[triple.subject.value].add(triple.object.value)
        for term in (triple.predicate, triple.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(SG_NS):
                getattr(SG, term.value[len(SG_NS) :])  # DefinedNamespace: unknown term raises
    assert all(s.startswith(str(SGID)) for s in subjects)
    assert subjects == set(types)


def test_state_and_regime_triples() -> None:
    triples = set(_triples())
    prk = ox.NamedNode(f"{SGID}state/PRK")
    un1718 = ox.NamedNode(f"{SGID}regime/UN-1718")
    unsc = ox.NamedNode(f"{SGID}org/UNSC")

    def has(s: ox.NamedNode, p: object, o: ox.NamedNode | ox.Literal) -> bool:
        return ox.Triple(s, ox.NamedNode(str(p)), o) in triples

    assert has(prk, RDF.type, ox.NamedNode(str(SG.State)))
    assert has(prk, SG.iso3, ox.Literal("PRK"))
    assert has(prk, SG.iso2, ox.Literal("KP"))
    assert has(prk, SG.demonym, ox.Literal("North Korean", language="en"))
    assert has(prk, SG.memberOf, ox.NamedNode(f"{SGID}org/UN"))
    assert has(unsc, SG.acronym, ox.Literal("UNSC"))
    assert has(un1718, RDF.type, ox.NamedNode(str(SG.SanctionsRegime)))
    assert has(un1718, SG.imposedBy, unsc)
    assert has(un1718, SG.targetsState, prk)
    assert has(un1718, SG.measure, ox.NamedNode(str(SG.ArmsEmbargo)))
    assert has(un1718, SG.legalBasis, ox.Literal("UNSC Resolution 1718 (2006)"))
    xsd_date = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
    assert has(un1718, SG.startDate, ox.Literal("2006-10-14", datatype=xsd_date))
    assert has(un1718, SG.programCode, ox.Literal("DPRK"))


def test_counts_by_class() -> None:
    counts: dict[str, int] = defaultdict(int)
    for triple in _triples():
        if triple.predicate.value == str(RDF.type):
            counts[triple.object.value] += 1
    assert counts[str(SG.State)] == len(states()) == 197
    assert counts[str(SG.SanctionsRegime)] == len(regimes())


def test_reference_files_exist_and_are_shipped_in_the_package() -> None:
    files = reference_files()
    assert [f.name for f in files] == [
        "states.yaml",
        "organisations.yaml",
        "regimes.yaml",
        "leaders.yaml",
    ]
    for path in files:
        assert path.is_file()
        assert Path("sanctions_graph/reference/data") in {Path(*path.parts[-4:-1])}


def test_reference_graph_conforms_to_the_shapes() -> None:
    from sanctions_graph.bootstrap import ontology_triples
    from sanctions_graph.validate import validate_triples

    report = validate_triples(reference_triples(), ontology_triples(), scope="reference")
    violations = [f for f in report.findings if f.severity == "Violation"]
    assert violations == []
    assert report.triples > 4000


def test_an_ended_regime_formerly_targets_its_state_and_does_not_make_it_sanctioned() -> None:
    store = EmbeddedStore(None)
    store.replace_graph("https://w3id.org/sanctions-graph/id/graph/reference", reference_triples())
    liberia = ox.NamedNode(str(state_iri("LBR")))
    un_liberia = ox.NamedNode(str(regime_iri("UN-1521")))
    rows = store.query(f"SELECT ?p WHERE {{ {un_liberia} ?p {liberia} }}").rows
    assert [row["p"] for row in rows] == [ox.NamedNode(str(SG.formerlyTargetsState))]
    current = store.query(f"SELECT ?regime WHERE {{ ?regime <{SG.targetsState}> {liberia} }}").rows
    assert current == []
    # A regime in force still uses sg:targetsState.
    prk = store.query(
        f"SELECT ?p WHERE {{ {ox.NamedNode(str(regime_iri('UN-1718')))} ?p "
        f"{ox.NamedNode(str(state_iri('PRK')))} }}"
    ).rows
    assert [row["p"] for row in prk] == [ox.NamedNode(str(SG.targetsState))]
