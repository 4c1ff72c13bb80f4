"""A small hand-built graph for the preset questions, written with vocab terms (not the extractor).

Reference graph: states PRK, RUS, IRN, CHN, UKR, USA; organisations UNSC, EU; three regimes
(UN 1718 on PRK with an arms embargo and an asset freeze; a US regime on RUS with an asset freeze
and a trade restriction; an ended EU regime on IRN with a trade restriction, 2012-2016).
A list graph: one designation under UN 1718. Two news graphs with ten events and their evidence,
and a person named in the news matched to the listed person.
"""

from __future__ import annotations

import pyoxigraph as ox

from sanctions_graph.vocab import (
    DCTERMS,
    GRAPH_REFERENCE,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SG,
    SGID,
    org_iri,
    regime_iri,
    source_graph_iri,
    state_iri,
)

XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
XSD_DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
DOC1_GRAPH = str(source_graph_iri("a" * 64))
DOC2_GRAPH = str(source_graph_iri("b" * 64))
LIST_GRAPH = str(source_graph_iri("c" * 64))


def n(iri: object) -> ox.NamedNode:
    """A NamedNode from an rdflib URIRef or a string."""
    return ox.NamedNode(str(iri))


def d(text: str) -> ox.Literal:
    """An xsd:date literal."""
    return ox.Literal(text, datatype=XSD_DATE)


def state(code: str) -> ox.NamedNode:
    """The IRI of a state."""
    return n(state_iri(code))


def org(code: str) -> ox.NamedNode:
    """The IRI of an organisation."""
    return n(org_iri(code))


def regime(key: str) -> ox.NamedNode:
    """The IRI of a regime."""
    return n(regime_iri(key))


def event(key: str) -> ox.NamedNode:
    """The IRI of an event."""
    return n(SGID[f"event/{key}"])


def doc(key: str) -> ox.NamedNode:
    """The IRI of a source document."""
    return n(SGID[f"doc/{key}"])


def T(s: ox.NamedNode, p: object, o: ox.NamedNode | ox.Literal) -> ox.Triple:
    """A triple; ``p`` is an rdflib URIRef from vocab."""
    return ox.Triple(s, n(p), o)


def reference() -> list[ox.Triple]:
    """States, organisations and regimes."""
    triples: list[ox.Triple] = []
    names = {
        "PRK": "North Korea",
        "RUS": "Russia",
        "IRN": "Iran",
        "CHN": "China",
        "UKR": "Ukraine",
        "USA": "United States",
    }
    for code, name in names.items():
        triples += [
            T(state(code), RDF.type, n(SG.State)),
            T(state(code), SG.iso3, ox.Literal(code)),
            T(state(code), RDFS.label, ox.Literal(name, language="en")),
        ]
    for code in ("UNSC", "EU"):
        triples += [
            T(org(code), RDF.type, n(SG.InternationalOrganization)),
            T(org(code), SG.acronym, ox.Literal(code)),
        ]
    regimes = [
        (
            "UN-1718",
            "UNSC",
            "PRK",
            "UNSC Resolution 1718 (2006)",
            ["ArmsEmbargo", "AssetFreeze"],
            "2006-10-14",
            None,
        ),
        (
            "US-RUS",
            "USA",
            "RUS",
            "Executive Order 14024",
            ["AssetFreeze", "TradeRestriction"],
            "2021-04-15",
            None,
        ),
        (
            "EU-IRN",
            "EU",
            "IRN",
            "Council Regulation (EU) No 267/2012",
            ["TradeRestriction"],
            "2012-01-23",
            "2016-01-16",
        ),
    ]
    for key, authority, target, basis, measures, start, end in regimes:
        r = regime(key)
        by = org(authority) if authority in ("UNSC", "EU") else state(authority)
        triples += [
            T(r, RDF.type, n(SG.SanctionsRegime)),
            T(r, RDFS.label, ox.Literal(f"{key} regime", language="en")),
            T(r, SG.imposedBy, by),
            T(r, SG.targetsState, state(target)),
            T(r, SG.legalBasis, ox.Literal(basis)),
            T(r, SG.startDate, d(start)),
        ]
        triples += [T(r, SG.measure, n(SG[m])) for m in measures]
        if end:
            triples.append(T(r, SG.endDate, d(end)))
    return triples


def listing() -> list[ox.Triple]:
    """One designation under UN 1718."""
    person = n(SGID["person/listed-ri"])
    designation = n(SGID["designation/KPi.999"])
    return [
        T(person, RDF.type, n(SG.Person)),
        T(person, RDFS.label, ox.Literal("RI PYONG CHOL")),
        T(designation, RDF.type, n(SG.Designation)),
        T(designation, SG.designates, person),
        T(designation, SG.underRegime, regime("UN-1718")),
        T(designation, SG.listedOn, d("2017-06-02")),
        T(designation, SG.listingReference, ox.Literal("KPi.999")),
    ]


#: (key, type, actor, target, date, modality, quote)
EVENTS_DOC1 = [
    (
        "e1",
        "ExpressionOfSupport",
        "PRK",
        "RUS",
        "2024-06-19",
        "Asserted",
        "North Korea pledged full support for Russia's military operation.",
    ),
    (
        "e2",
        "ArmsTransfer",
        "PRK",
        "RUS",
        "2024-06-19",
        "Alleged",
        "North Korea is accused of shipping artillery shells to Russia.",
    ),
    (
        "e3",
        "AgreementSigning",
        "RUS",
        "PRK",
        "2024-06-19",
        "Planned",
        "The two leaders are expected to sign a partnership treaty.",
    ),
    (
        "e4",
        "Meeting",
        "RUS",
        "PRK",
        "2024-06-19",
        "Asserted",
        "The Russian and North Korean leaders met in Pyongyang.",
    ),
]
EVENTS_DOC2 = [
    (
        "e5",
        "Meeting",
        "PRK",
        "RUS",
        "2023-09-13",
        "Asserted",
        "The leaders met at a cosmodrome in the Russian Far East.",
    ),
    (
        "e6",
        "EconomicAssistance",
        "CHN",
        "PRK",
        "2023-05-01",
        "Reported",
        "China sent food aid to North Korea.",
    ),
    (
        "e7",
        "MilitaryAggression",
        "RUS",
        "UKR",
        "2022-02-24",
        "Asserted",
        "Russia launched a full-scale invasion of Ukraine.",
    ),
    (
        "e8",
        "SanctionsImposition",
        "EU",
        "RUS",
        "2022-02-25",
        "Asserted",
        "The EU imposed sanctions on Russia.",
    ),
    ("e9", "Criticism", "USA", "PRK", None, "Asserted", "Washington condemned the missile launch."),
    (
        "e10",
        "EconomicAssistance",
        "RUS",
        "IRN",
        "2014-03-01",
        "Reported",
        "Russia extended credit to Iran.",
    ),
    (
        "e11",
        "EconomicAssistance",
        "RUS",
        "IRN",
        "2020-03-01",
        "Reported",
        "Russia extended more credit to Iran.",
    ),
]


def actor_node(code: str) -> ox.NamedNode:
    """State or organisation IRI for a code."""
    return org(code) if code in ("UNSC", "EU") else state(code)


def news(key: str, title: str, publisher: str, issued: str, events: list[tuple]) -> list[ox.Triple]:
    """One news document with its events and evidence."""
    source = doc(key)
    triples = [
        T(source, RDF.type, n(SG.SourceDocument)),
        T(source, DCTERMS.title, ox.Literal(title)),
        T(source, DCTERMS.publisher, ox.Literal(publisher)),
        T(source, DCTERMS.issued, d(issued)),
        T(source, SCHEMA.url, n(f"https://news.example/{key}")),
    ]
    for ekey, kind, actor, target, date, modality, quote in events:
        e = event(ekey)
        evidence = n(SGID[f"evidence/{ekey}"])
        triples += [
            T(e, RDF.type, n(SG[kind])),
            T(e, SG.actor, actor_node(actor)),
            T(e, SG.target, actor_node(target)),
            T(e, SG.modality, n(SG[modality])),
            T(e, SG.evidence, evidence),
            T(evidence, RDF.type, n(SG.Evidence)),
            T(evidence, SG.quote, ox.Literal(quote)),
            T(evidence, SG.charStart, ox.Literal("0", datatype=XSD_INTEGER)),
            T(evidence, PROV.wasDerivedFrom, source),
            T(source, SG.mentions, actor_node(actor)),
            T(source, SG.mentions, actor_node(target)),
        ]
        if date:
            triples.append(T(e, SG.date, d(date)))
        if kind == "AgreementSigning":
            agreement = n(SGID[f"agreement/{ekey}"])
            triples += [
                T(e, SG.agreement, agreement),
                T(agreement, RDF.type, n(SG.Agreement)),
                T(agreement, RDFS.label, ox.Literal("Comprehensive Strategic Partnership")),
                T(agreement, SG.party, actor_node(actor)),
                T(agreement, SG.party, actor_node(target)),
            ]
    return triples


def person_in_news() -> list[ox.Triple]:
    """A person named in document 1, matched to the listed person."""
    person = n(SGID["person/news-ri"])
    listed = n(SGID["person/listed-ri"])
    match = n(SGID["match/ri"])
    return [
        T(person, RDF.type, n(SG.Person)),
        T(person, RDFS.label, ox.Literal("Ri Pyong-chol")),
        T(person, SG.represents, state("PRK")),
        T(doc("doc1"), SG.mentions, person),
        T(person, SG.possibleMatch, listed),
        T(match, RDF.type, n(SG.NameMatch)),
        T(match, SG.matchSubject, person),
        T(match, SG.matchCandidate, listed),
        T(match, SG.matchScore, ox.Literal("0.92", datatype=XSD_DECIMAL)),
        T(match, SG.matchMethod, ox.Literal("token_sort_ratio")),
    ]


#: Where the CLI tests put the fixture's reference part (the store's own reference graph stays).
TEST_REFERENCE_GRAPH = str(SGID["graph/test-reference"])


def graphs(reference_graph: str = str(GRAPH_REFERENCE)) -> dict[str, list[ox.Triple]]:
    """Named graph IRI -> triples."""
    return {
        reference_graph: reference(),
        LIST_GRAPH: listing(),
        DOC1_GRAPH: [
            *news("doc1", "Leaders meet in Pyongyang", "Team Wire", "2024-06-19", EVENTS_DOC1),
            *person_in_news(),
        ],
        DOC2_GRAPH: news("doc2", "A year of sanctions", "Team Desk", "2023-09-14", EVENTS_DOC2),
    }


def fill(store: object, reference_graph: str = str(GRAPH_REFERENCE)) -> None:
    """Write the fixture graphs into a store (``store.Store``), with the ontology graph when it
    has none, and materialise the inferred graph as every ingest does (the cooperation
    questions read its summaries)."""
    from sanctions_graph.bootstrap import ontology_triples
    from sanctions_graph.reason import materialise
    from sanctions_graph.vocab import GRAPH_ONTOLOGY

    for graph, triples in graphs(reference_graph).items():
        store.replace_graph(graph, triples)  # type: ignore[attr-defined]
    if str(GRAPH_ONTOLOGY) not in store.graphs():  # type: ignore[attr-defined]
        store.replace_graph(str(GRAPH_ONTOLOGY), ontology_triples())  # type: ignore[attr-defined]
    materialise(store)  # type: ignore[arg-type]


#: Parameters for every preset in the tests.
PARAMS: dict[str, dict[str, str]] = {
    "sanctioned-cooperation": {},
    "sanctions-on": {"state": "North Korea"},
    "sanctioned-by": {"authority": "UNSC"},
    "partners": {"state": "DPRK"},
    "agreements": {},
    "arms-transfers": {},
    "possible-violations": {},
    "timeline": {"state": "prk", "from": "2023-01-01", "to": "2024-12-31"},
    "evidence": {"a": "PRK", "b": "Russia"},
    "listed-people-in-news": {},
    "support-for-war": {"state": "RUS"},
    "as-of": {"date": "2015-06-01"},
}
