"""A small graph of states, regimes and events with evidence, written for these tests.

The quotes are the team's own sentences, not article text. Four states and the UN Security
Council; two regimes; six events covering cooperation and conflict families, every modality the
picture distinguishes, a person standing for their state, two publishers and an undated event.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from sanctions_graph.store import EmbeddedStore
from sanctions_graph.vocab import DCTERMS, PROV, RDF, RDFS, SCHEMA, SG, SGID, XSD

QUOTES = {
    "q1": "Officials said North Korea had shipped artillery shells to Russia this spring.",
    "q2": "A second report described North Korean munitions reaching Russian depots.",
    "q3": "The Russian president met the North Korean leader in Pyongyang on Wednesday.",
    "q4": "The two governments plan to sign a partnership treaty.",
    "q5": "Washington criticised Pyongyang for the weapons deliveries.",
    "q6": "Analysts alleged that Moscow was sending food aid to Pyongyang.",
    "q7": "Beijing voiced support for Moscow's position.",
    "q8": "The Russian president later travelled on to Beijing.",
}

DOCS = {
    "docA": ("Leaders meet in Pyongyang", "Example Wire", "2024-06-19", "https://example.org/a"),
    "docB": ("Munitions report", "Example Times", "2024-06-21", "https://example.org/b"),
    "docC": ("Beijing statement", "Example Wire", "2023-03-02", "https://example.org/c"),
}

# event id: (class, actor, target, date or None, modality, [(quote id, document id)])
EVENTS = {
    "e1": ("ArmsTransfer", "state/PRK", "state/RUS", "2024-05-01", "Reported",
           [("q1", "docA"), ("q2", "docB")]),
    "e2": ("Meeting", "state/RUS", "state/PRK", "2024-06-19", "Asserted", [("q3", "docA")]),
    "e3": ("AgreementSigning", "state/PRK", "state/RUS", "2024-06-19", "Planned",
           [("q4", "docA")]),
    "e4": ("Criticism", "state/USA", "state/PRK", "2024-06-21", "Asserted", [("q5", "docB")]),
    "e5": ("EconomicAssistance", "state/RUS", "state/PRK", None, "Alleged", [("q6", "docB")]),
    "e6": ("ExpressionOfSupport", "state/CHN", "state/RUS", "2023-03-01", "Reported",
           [("q7", "docC")]),
    # A person as actor: counts as the state they represent.
    "e7": ("Visit", "person/putin", "state/CHN", "2023-03-20", "Asserted", [("q8", "docC")]),
}

STATES = {
    "PRK": "North Korea",
    "RUS": "Russia",
    "CHN": "China",
    "USA": "United States",
}


def n(iri: object) -> ox.NamedNode:
    """pyoxigraph IRI."""
    return ox.NamedNode(str(iri))


def lit(value: str, datatype: object | None = None) -> ox.Literal:
    """pyoxigraph literal, typed when ``datatype`` is given."""
    return ox.Literal(value, datatype=n(datatype)) if datatype else ox.Literal(value)


def reference_triples() -> Iterator[ox.Triple]:
    """States, the UNSC, the person and two regimes."""
    for iso3, label in STATES.items():
        state = n(SGID[f"state/{iso3}"])
        yield ox.Triple(state, n(RDF.type), n(SG.State))
        yield ox.Triple(state, n(SG.iso3), lit(iso3))
        yield ox.Triple(state, n(RDFS.label), ox.Literal(label, language="en"))
    # As the reasoner classifies it: must not make every coded actor an authority.
    yield ox.Triple(n(SGID["state/RUS"]), n(RDF.type), n(SG.SanctionedState))
    unsc = n(SGID["org/UNSC"])
    yield ox.Triple(unsc, n(RDF.type), n(SG.InternationalOrganization))
    yield ox.Triple(unsc, n(SG.acronym), lit("UNSC"))
    yield ox.Triple(unsc, n(RDFS.label), ox.Literal("UN Security Council", language="en"))
    putin = n(SGID["person/putin"])
    yield ox.Triple(putin, n(RDF.type), n(SG.Person))
    yield ox.Triple(putin, n(RDFS.label), lit("Vladimir Putin"))
    yield ox.Triple(putin, n(SG.represents), n(SGID["state/RUS"]))
    for key, authority, target, start, basis, measures in (
        ("UN-1718", "org/UNSC", "state/PRK", "2006-10-14", "UNSC Resolution 1718 (2006)",
         ("ArmsEmbargo", "AssetFreeze")),
        ("US-RUSSIA", "state/USA", "state/RUS", "2014-03-06", "Executive Order 13660",
         ("AssetFreeze",)),
    ):
        regime = n(SGID[f"regime/{key}"])
        yield ox.Triple(regime, n(RDF.type), n(SG.SanctionsRegime))
        yield ox.Triple(regime, n(RDFS.label), lit(f"{key} sanctions"))
        yield ox.Triple(regime, n(SG.imposedBy), n(SGID[authority]))
        yield ox.Triple(regime, n(SG.targetsState), n(SGID[target]))
        yield ox.Triple(regime, n(SG.legalBasis), lit(basis))
        yield ox.Triple(regime, n(SG.startDate), lit(start, XSD.date))
        for measure in measures:
            yield ox.Triple(regime, n(SG.measure), n(SG[measure]))


def listing_triples() -> Iterator[ox.Triple]:
    """Two designations under UN-1718 (an entity and a person) and a delisted one; a person
    named in docA whom name matching linked to the listed person."""
    regime = n(SGID["regime/UN-1718"])
    for key, kind, label, reference, listed, delisted in (
        ("entity/miner", SG.Organization, "Example Mining Trading Corporation", "KPe.901",
         "2009-04-24", None),
        ("person/listed-ri", SG.Person, "Ri Example", "KPi.902", "2016-03-02", None),
        ("person/listed-old", SG.Person, "Pak Former", "KPi.903", "2013-01-22", "2020-05-01"),
    ):
        designee = n(SGID[key])
        designation = n(SGID[f"designation/{reference}"])
        yield ox.Triple(designee, n(RDF.type), n(kind))
        yield ox.Triple(designee, n(RDFS.label), lit(label))
        yield ox.Triple(designation, n(RDF.type), n(SG.Designation))
        yield ox.Triple(designation, n(SG.designates), designee)
        yield ox.Triple(designation, n(SG.underRegime), regime)
        yield ox.Triple(designation, n(SG.listingReference), lit(reference))
        yield ox.Triple(designation, n(SG.listedOn), lit(listed, XSD.date))
        if delisted:
            yield ox.Triple(designation, n(SG.delistedOn), lit(delisted, XSD.date))
    news_person = n(SGID["person/news-ri"])
    yield ox.Triple(news_person, n(RDF.type), n(SG.Person))
    yield ox.Triple(news_person, n(RDFS.label), lit("Ri Example"))
    yield ox.Triple(news_person, n(SG.possibleMatch), n(SGID["person/listed-ri"]))
    yield ox.Triple(n(SGID["doc/docA"]), n(SG.mentions), news_person)
    match = n(SGID["match/news-ri"])
    yield ox.Triple(match, n(RDF.type), n(SG.NameMatch))
    yield ox.Triple(match, n(SG.matchSubject), news_person)
    yield ox.Triple(match, n(SG.matchCandidate), n(SGID["person/listed-ri"]))
    yield ox.Triple(match, n(SG.matchScore), lit("0.97", XSD.decimal))
    yield ox.Triple(match, n(SG.matchMethod), lit("token_sort_ratio"))


def document_triples(doc: str) -> Iterator[ox.Triple]:
    """The events whose evidence comes from ``doc``, and the document itself."""
    source = n(SGID[f"doc/{doc}"])
    title, publisher, issued, url = DOCS[doc]
    yield ox.Triple(source, n(RDF.type), n(SG.SourceDocument))
    yield ox.Triple(source, n(DCTERMS.title), lit(title))
    yield ox.Triple(source, n(DCTERMS.publisher), lit(publisher))
    yield ox.Triple(source, n(DCTERMS.issued), lit(issued, XSD.date))
    yield ox.Triple(source, n(SCHEMA.url), lit(url))
    for event_id, (cls, actor, target, date, modality, evidence) in EVENTS.items():
        for quote_id, doc_id in evidence:
            if doc_id != doc:
                continue
            event = n(SGID[f"event/{event_id}"])
            yield ox.Triple(event, n(RDF.type), n(SG[cls]))
            yield ox.Triple(event, n(SG.actor), n(SGID[actor]))
            yield ox.Triple(event, n(SG.target), n(SGID[target]))
            if date:
                yield ox.Triple(event, n(SG.date), lit(date, XSD.date))
            yield ox.Triple(event, n(SG.modality), n(SG[modality]))
            ev = n(SGID[f"evidence/{event_id}-{quote_id}"])
            yield ox.Triple(event, n(SG.evidence), ev)
            yield ox.Triple(ev, n(RDF.type), n(SG.Evidence))
            yield ox.Triple(ev, n(SG.quote), lit(QUOTES[quote_id]))
            yield ox.Triple(ev, n(PROV.wasDerivedFrom), source)


def fill_store(store: EmbeddedStore, *, seeded: bool = False) -> None:
    """Write the fixture graph: one named graph per document, the list data in its own graph,
    the reference data (states, regimes) in a test graph, and the inferred graph.

    With ``seeded``, the store is first seeded as the CLI does and the fixture's reference data
    then *replaces* the real one in the reference graph (keeping the seed's marker, so the CLI
    does not seed again): the same triple in two graphs would come back twice from the union.
    """
    reference = str(SGID["graph/test-reference"])
    extra: list[ox.Triple] = []
    if seeded:
        from sanctions_graph.bootstrap import seed
        from sanctions_graph.vocab import GRAPH_REFERENCE, OWL

        seed(store)
        reference = str(GRAPH_REFERENCE)
        extra = [
            ox.Triple(q.subject, q.predicate, q.object)
            for q in store.quads(reference)
            if q.predicate == n(OWL.versionInfo) and q.subject == n(GRAPH_REFERENCE)
        ]
        assert extra, "the seed left no marker in the reference graph"
    store.replace_graph(reference, [*reference_triples(), *extra])
    store.replace_graph(str(SGID["graph/test-lists"]), listing_triples())
    for doc in DOCS:
        store.replace_graph(str(SGID[f"source/{doc}"]), document_triples(doc))
    # The inferred graph, as every ingest writes it (the partner questions read its summaries).
    from sanctions_graph.bootstrap import ontology_triples
    from sanctions_graph.reason import materialise
    from sanctions_graph.vocab import GRAPH_ONTOLOGY

    if str(GRAPH_ONTOLOGY) not in store.graphs():
        store.replace_graph(str(GRAPH_ONTOLOGY), ontology_triples())
    materialise(store)
