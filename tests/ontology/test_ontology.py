"""The ontology modules: parse, catalog, labels and definitions, owlready2 + HermiT."""

from __future__ import annotations

import importlib.util
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, SKOS, URIRef

from sanctions_graph.bootstrap import ONTOLOGY_MODULES, ontology_files, ontology_triples
from sanctions_graph.export import inline_modules
from sanctions_graph.resources import ontology_dir
from sanctions_graph.vocab import SG, SGID

SG_NS = str(SG._NS)
CATALOG_NS = "{urn:oasis:names:tc:entity:xmlns:xml:catalog}"
requires_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")


def _merged() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in ontology_files():
        graph.parse(path, format="turtle")
    return graph


@pytest.mark.parametrize("module", ONTOLOGY_MODULES)
def test_module_parses_and_declares_an_ontology(module: str) -> None:
    graph = rdflib.Graph().parse(ontology_dir() / module, format="turtle")
    headers = list(graph.subjects(RDF.type, OWL.Ontology))
    assert len(headers) == 1
    assert str(headers[0]).startswith("https://w3id.org/sanctions-graph/ontology")
    assert len(graph) > 10


def test_umbrella_header_is_complete() -> None:
    graph = rdflib.Graph().parse(ontology_dir() / "sanctions-graph.ttl", format="turtle")
    umbrella = URIRef("https://w3id.org/sanctions-graph/ontology")
    dcterms = rdflib.Namespace("http://purl.org/dc/terms/")
    for predicate in (
        dcterms.title,
        dcterms.description,
        dcterms.license,
        dcterms.created,
        OWL.versionInfo,
        OWL.versionIRI,
    ):
        assert graph.value(umbrella, predicate) is not None, predicate
    imported = {str(o) for o in graph.objects(umbrella, OWL.imports)}
    assert imported == {
        f"https://w3id.org/sanctions-graph/ontology/{name}"
        for name in ("actors", "sanctions", "events", "provenance", "alignments")
    }


def test_no_module_imports_anything_outside_the_project() -> None:
    graph = _merged()
    for imported in graph.objects(None, OWL.imports):
        assert str(imported).startswith("https://w3id.org/sanctions-graph/ontology/")


def test_catalog_maps_every_import_to_an_existing_relative_file() -> None:
    catalog_path = ontology_dir() / "catalog-v001.xml"
    root = ET.parse(catalog_path).getroot()
    mapping = {uri.get("name"): uri.get("uri") for uri in root.iter(f"{CATALOG_NS}uri")}
    for target in mapping.values():
        assert target is not None
        assert not Path(target).is_absolute() and ":" not in target, target
        assert (catalog_path.parent / target).is_file(), target
    imports = {str(o) for o in _merged().objects(None, OWL.imports)}
    assert imports and imports <= set(mapping)
    # Each import resolves to the module whose header names that IRI.
    for iri in imports:
        module = rdflib.Graph().parse(catalog_path.parent / mapping[iri], format="turtle")
        assert (URIRef(iri), RDF.type, OWL.Ontology) in module


def _sg_terms(graph: rdflib.Graph, kinds: tuple[URIRef, ...]) -> set[URIRef]:
    return {
        s
        for kind in kinds
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(SG_NS)
    }


def test_every_class_property_and_individual_has_english_label_and_definition() -> None:
    graph = _merged()
    terms = _sg_terms(
        graph,
        (
            OWL.Class,
            OWL.ObjectProperty,
            OWL.DatatypeProperty,
            OWL.AnnotationProperty,
            OWL.NamedIndividual,
        ),
    )
    assert len(terms) == len(SG.__annotations__)
    for term in terms:
        labels = [
            o for o in graph.objects(term, RDFS.label) if getattr(o, "language", None) == "en"
        ]
        definitions = [
            o for o in graph.objects(term, SKOS.definition) if getattr(o, "language", None) == "en"
        ]
        assert len(labels) == 1, term
        assert len(definitions) == 1, term


def test_every_term_is_exactly_one_kind_of_owl_entity() -> None:
    """OWL 2 DL keeps object, datatype and annotation properties (and classes) apart."""
    graph = _merged()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    for term in _sg_terms(graph, kinds):
        declared = [k for k in kinds if (term, RDF.type, k) in graph]
        assert len(declared) == 1, (term, declared)


def test_event_classes_carry_cameo_codes() -> None:
    graph = _merged()
    event_classes = set(graph.transitive_subjects(RDFS.subClassOf, SG.Event))
    assert len(event_classes) == 17  # Event, 2 families, 14 event types
    expected = {
        SG.Meeting: {"04"},
        SG.Visit: {"042", "043"},
        SG.ExpressionOfSupport: {"051"},
        SG.IntentToCooperate: {"03"},
        SG.AgreementSigning: {"057"},
        SG.MilitaryCooperation: {"062"},
        SG.EconomicCooperation: {"061"},
        SG.ArmsTransfer: {"072"},
        SG.EconomicAssistance: {"071"},
        SG.TechnologyTransfer: {"06"},
        SG.Criticism: {"111", "112"},
        SG.Threat: {"13"},
        SG.SanctionsImposition: {"163"},
        SG.MilitaryAggression: {"19"},
    }
    for cls in event_classes:
        codes = {str(o) for o in graph.objects(cls, SG.cameoCode)}
        assert codes, cls
        if cls in expected:
            assert codes == expected[cls], cls


def test_core_axioms() -> None:
    graph = _merged()
    assert (SG.isTargetOf, OWL.inverseOf, SG.hasTarget) in graph
    assert (SG.targetsState, RDFS.subPropertyOf, SG.hasTarget) in graph
    assert (SG.target, RDFS.subPropertyOf, SG.hasTarget) in graph
    assert (SG.target, RDFS.subPropertyOf, SG.participant) in graph
    assert (SG.actor, RDFS.subPropertyOf, SG.participant) in graph
    assert (SG.cooperatesWith, RDF.type, OWL.SymmetricProperty) in graph
    assert graph.value(SG.SanctionedState, OWL.equivalentClass) is not None
    modalities = set(graph.subjects(RDF.type, SG.Modality))
    assert modalities == {SG.Asserted, SG.Reported, SG.Alleged, SG.Planned, SG.Denied}
    measures = set(graph.subjects(RDF.type, SG.SanctionMeasure))
    assert measures == {
        SG.ArmsEmbargo,
        SG.AssetFreeze,
        SG.TravelBan,
        SG.TradeRestriction,
        SG.FinancialRestriction,
        SG.SectoralSanction,
    }


# --------------------------------------------------------------------------------------------
# owlready2 + HermiT
# --------------------------------------------------------------------------------------------
def _expected_class_count() -> int:
    """Named classes of the merged ontology (sg: and the declared external ones)."""
    graph = _merged()
    return sum(1 for s in set(graph.subjects(RDF.type, OWL.Class)) if isinstance(s, URIRef))


def test_merged_ontology_loads_into_owlready2_with_every_class() -> None:
    from sanctions_graph.reason import load_world

    world = load_world(inline_modules(ontology_triples()))
    classes = {cls.iri for cls in world.classes()}
    assert len(classes) == _expected_class_count()
    assert str(SG.SanctionedState) in classes
    individuals = {i.iri for i in world.individuals()}
    assert individuals == {
        str(SG[name])
        for name in (
            "Asserted",
            "Reported",
            "Alleged",
            "Planned",
            "Denied",
            "ArmsEmbargo",
            "AssetFreeze",
            "TravelBan",
            "TradeRestriction",
            "FinancialRestriction",
            "SectoralSanction",
        )
    }


@requires_java
@pytest.mark.java
def test_hermit_finds_the_ontology_consistent() -> None:
    from sanctions_graph.reason import is_consistent

    assert is_consistent(inline_modules(ontology_triples())) is True


def _node(iri: object) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def three_state_abox() -> list[ox.Triple]:
    """State A under a regime (sg:targetsState), B the target of a sanctions imposition, C only
    in a meeting (with D, E as the other parties)."""
    a, b, c = (SGID[f"state/{code}"] for code in ("AAA", "BBB", "CCC"))
    d = SGID["state/DDD"]
    regime, imposition, meeting = SGID["regime/T-1"], SGID["event/imp"], SGID["event/meet"]
    date = ox.Literal("2024-06-19", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    triples = [
        (a, RDF.type, SG.State),
        (b, RDF.type, SG.State),
        (c, RDF.type, SG.State),
        (d, RDF.type, SG.State),
        (regime, RDF.type, SG.SanctionsRegime),
        (regime, SG.targetsState, a),
        (regime, SG.imposedBy, d),
        (imposition, RDF.type, SG.SanctionsImposition),
        (imposition, SG.actor, d),
        (imposition, SG.target, b),
        (meeting, RDF.type, SG.Meeting),
        (meeting, SG.actor, d),
        (meeting, SG.target, c),
    ]
    out = [ox.Triple(_node(s), _node(p), _node(o)) for s, p, o in triples]
    out.append(ox.Triple(_node(meeting), _node(SG.date), date))
    out.append(ox.Triple(_node(regime), _node(SG.startDate), date))
    return out


@requires_java
@pytest.mark.java
def test_hermit_classifies_exactly_the_sanctioned_states() -> None:
    from sanctions_graph.reason import classify

    memberships = classify(inline_modules(ontology_triples()) + three_state_abox())
    sanctioned = {x for x, classes in memberships.items() if str(SG.SanctionedState) in classes}
    assert sanctioned == {str(SGID["state/AAA"]), str(SGID["state/BBB"])}
    # The actor of every event is inferred to be an sg:Actor from sg:actor's range.
    assert str(SG.Actor) in memberships[str(SGID["state/DDD"])]


# --------------------------------------------------------------------------------------------
# The OWL API (what Protégé uses): the umbrella opened through the catalog, and each module
# --------------------------------------------------------------------------------------------
requires_jpype = pytest.mark.skipif(
    importlib.util.find_spec("jpype") is None, reason="the OWL API check needs jpype1"
)


@requires_java
@requires_jpype
@pytest.mark.java
def test_umbrella_opens_offline_through_the_catalog_and_is_owl2_dl() -> None:
    from sanctions_graph.reason import dl_profile_violations, imports_closure

    umbrella = ontology_dir() / "sanctions-graph.ttl"
    catalog = ontology_dir() / "catalog-v001.xml"
    assert imports_closure(umbrella, catalog) == sorted(
        ["https://w3id.org/sanctions-graph/ontology"]
        + [
            f"https://w3id.org/sanctions-graph/ontology/{name}"
            for name in ("actors", "sanctions", "events", "provenance", "alignments")
        ]
    )
    assert dl_profile_violations(umbrella, catalog) == []


@requires_java
@requires_jpype
@pytest.mark.java
@pytest.mark.parametrize("module", ONTOLOGY_MODULES[1:])
def test_each_module_alone_is_owl2_dl(module: str) -> None:
    """Protégé parses each imported file on its own: each must declare what it uses."""
    from sanctions_graph.reason import dl_profile_violations

    assert dl_profile_violations(ontology_dir() / module) == []
