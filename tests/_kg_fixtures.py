"""A small, hand-written knowledge graph for the reasoning, validation and export tests.

Reference part: four states, the UN Security Council, the UN 1718 regime on North Korea.
Article part: one source document (with its text) and three events with evidence whose quotes
are the text at their offsets. Sanctioned by the data: PRK (under a regime) and RUS (target of a
sanctions imposition); USA and CHN are not.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from sanctions_graph.bootstrap import ontology_triples
from sanctions_graph.store import EmbeddedStore
from sanctions_graph.vocab import GRAPH_ONTOLOGY, GRAPH_REFERENCE, SGID

SOURCE_GRAPH = str(SGID["source/" + "a" * 64])

TEXT = (
    "North Korean leader Kim Jong Un met Russian President Vladimir Putin in Pyongyang. "
    "North Korea has shipped artillery shells to Russia, officials said. "
    "The United States imposed new sanctions on Russia."
)

PREFIXES = """
@prefix sg: <https://w3id.org/sanctions-graph/ontology#> .
@prefix sgid: <https://w3id.org/sanctions-graph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
"""

REFERENCE_TTL = (
    PREFIXES
    + """
sgid:state\\/PRK a sg:State ; rdfs:label "North Korea"@en ; sg:iso3 "PRK" ; sg:iso2 "KP" ;
    sg:isoNumeric "408" .
sgid:state\\/RUS a sg:State ; rdfs:label "Russia"@en ; sg:iso3 "RUS" ; sg:iso2 "RU" .
sgid:state\\/USA a sg:State ; rdfs:label "United States"@en ; sg:iso3 "USA" ; sg:iso2 "US" .
sgid:state\\/CHN a sg:State ; rdfs:label "China"@en ; sg:iso3 "CHN" ; sg:iso2 "CN" .
sgid:org\\/UNSC a sg:InternationalOrganization ; rdfs:label "UN Security Council"@en ;
    sg:acronym "UNSC" .
sgid:regime\\/UN-1718 a sg:SanctionsRegime ; rdfs:label "UN 1718 regime (DPRK)"@en ;
    sg:imposedBy sgid:org\\/UNSC ; sg:targetsState sgid:state\\/PRK ;
    sg:legalBasis "UNSC Resolution 1718 (2006)" ; sg:measure sg:ArmsEmbargo , sg:AssetFreeze ;
    sg:startDate "2006-10-14"^^xsd:date ; sg:programCode "DPRK" .
"""
)


def _span(sentence: str) -> tuple[int, int]:
    start = TEXT.index(sentence)
    return start, start + len(sentence)


def article_ttl(text: str = TEXT) -> str:
    """The article graph: document, three events, their evidence (offsets into ``TEXT``)."""
    sentences = [
        ("meet", "Meeting", "PRK", "RUS", TEXT.split(". ")[0] + "."),
        (
            "arms",
            "ArmsTransfer",
            "PRK",
            "RUS",
            "North Korea has shipped artillery shells to Russia, officials said.",
        ),
        (
            "sanc",
            "SanctionsImposition",
            "USA",
            "RUS",
            "The United States imposed new sanctions on Russia.",
        ),
    ]
    doc = f"<{SOURCE_GRAPH}>"
    out = [
        PREFIXES,
        f'{doc} a sg:SourceDocument ; sg:sha256 "{"a" * 64}" ; sg:sourceKind "article" ;',
        f'    schema:text {_literal(text)} ; dcterms:title "Fixture" ;',
        '    dcterms:issued "2024-06-19"^^xsd:date ;',
        "    sg:mentions sgid:state\\/PRK , sgid:state\\/RUS , sgid:state\\/USA .",
    ]
    for key, cls, actor, target, sentence in sentences:
        start, end = _span(sentence)
        out.append(
            f"sgid:event\\/fx\\/{key} a sg:{cls} ; sg:actor sgid:state\\/{actor} ;"
            f" sg:target sgid:state\\/{target} ; sg:modality sg:Asserted ;"
            f' sg:date "2024-06-19"^^xsd:date ; sg:evidence sgid:evidence\\/fx\\/{key} .'
        )
        out.append(
            f"sgid:evidence\\/fx\\/{key} a sg:Evidence ; sg:quote {_literal(sentence)} ;"
            f" sg:charStart {start} ; sg:charEnd {end} ; sg:confidence 0.8e0 ;"
            f' sg:extractor "fixture" ; prov:wasDerivedFrom {doc} .'
        )
    return "\n".join(out) + "\n"


def _literal(text: str) -> str:
    return str(ox.Literal(text))


def build_store(path: Path | None, *, article: str | None = None) -> EmbeddedStore:
    """A store holding the ontology, the fixture reference graph and the article graph."""
    store = EmbeddedStore(path)
    store.replace_graph(str(GRAPH_ONTOLOGY), ontology_triples())
    store.load_graph(str(GRAPH_REFERENCE), REFERENCE_TTL, ox.RdfFormat.TURTLE)
    store.load_graph(
        SOURCE_GRAPH, article if article is not None else article_ttl(), ox.RdfFormat.TURTLE
    )
    return store


def state(code: str) -> str:
    """IRI of a fixture state."""
    return str(SGID[f"state/{code}"])
