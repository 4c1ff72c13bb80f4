"""vocab.SG and the ontology define exactly the same sg: terms."""

from __future__ import annotations

import pytest
import rdflib
from rdflib import RDF, URIRef

from sanctions_graph.bootstrap import ontology_files
from sanctions_graph.vocab import SG

SG_NS = str(SG._NS)


def _ontology_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in ontology_files():
        graph.parse(path, format="turtle")
    return graph


def _declared_terms(graph: rdflib.Graph) -> set[str]:
    """sg: IRIs the ontology declares (anything given an rdf:type)."""
    return {
        str(s)
        for s in graph.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(SG_NS)
    }


def _vocab_terms() -> set[str]:
    return {SG_NS + name for name in SG.__annotations__}


def test_every_vocab_term_is_declared_in_the_ontology() -> None:
    missing = _vocab_terms() - _declared_terms(_ontology_graph())
    assert missing == set()


def test_every_ontology_term_is_listed_in_vocab() -> None:
    missing = _declared_terms(_ontology_graph()) - _vocab_terms()
    assert missing == set()


def test_ontology_uses_no_undeclared_sg_term() -> None:
    graph = _ontology_graph()
    used = {
        str(term)
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(SG_NS)
    }
    assert used - _declared_terms(graph) == set()


def test_unknown_term_is_an_error() -> None:
    with pytest.raises(AttributeError):
        SG.NoSuchTerm  # noqa: B018


def test_known_term_has_the_ontology_namespace() -> None:
    assert str(SG.SanctionedState) == "https://w3id.org/sanctions-graph/ontology#SanctionedState"


def test_slug_transliterates_accents_and_other_scripts() -> None:
    from sanctions_graph.vocab import slug

    assert slug("Nicolás Maduro") == "Nicolas-Maduro"
    assert slug("Путин") == "Putin"
    assert slug("KPi.001") == "KPi.001"
    assert slug("  ---  ") == "x"
