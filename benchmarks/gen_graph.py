"""Generate a synthetic graph of the project's shape, as N-Quads, and bulk-load it into a store.

The shape follows DESIGN.md's core vocabulary: states (with ISO codes and aliases), international
organisations, sanctions regimes (authority, target, legal basis, measures, dates), designations
of persons and organisations, persons named in the news with name matches against listed persons,
events with evidence (quote, source document with title, publisher, date, URL), one named graph
per source document, and the materialised edges ``reason.materialise`` writes into the inferred
graph (event super-classes, ``sg:participant``, ``sg:hasTarget``, ``sg:isTargetOf``,
``sg:cooperatesWith``, ``sg:SanctionedState``, the cooperation summaries, the
``sg:agreementEventDate`` and ``sg:armsTransferEventDate`` dates; not the
``sg:possiblyBreaches`` links and their ``sg:breachEventDate`` dates, which ``materialise``
adds when run on the store). The ontology graph is loaded too, so the store looks like a real
one.

Deterministic for a given ``--seed``. Usage (the second command adds the breach links, as every
ingest would; about 7 minutes and 4 GB of memory at 10M triples)::

    python benchmarks/gen_graph.py --triples 10000000 --nq /tmp/g10m.nq --store /tmp/g10m-store
    sanctions-graph --store /tmp/g10m-store reason --engine rules
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

SG = "https://w3id.org/sanctions-graph/ontology#"
SGID = "https://w3id.org/sanctions-graph/id/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
SKOS_ALT = "<http://www.w3.org/2004/02/skos/core#altLabel>"
PROV_DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
DCT = "http://purl.org/dc/terms/"
SCHEMA_URL = "<https://schema.org/url>"
XSD = "http://www.w3.org/2001/XMLSchema#"

# The synthetic states, organisations and regimes get a graph of their own: seeding a store
# (which the CLI does) replaces the real reference graph and must not remove them.
GRAPH_REFERENCE = f"<{SGID}graph/bench-reference>"
GRAPH_INFERRED = f"<{SGID}graph/inferred>"

COOPERATION = [
    "Meeting", "Visit", "ExpressionOfSupport", "IntentToCooperate", "AgreementSigning",
    "MilitaryCooperation", "EconomicCooperation", "ArmsTransfer", "EconomicAssistance",
    "TechnologyTransfer",
]
CONFLICT = ["Criticism", "Threat", "SanctionsImposition", "MilitaryAggression"]
MEASURES = [
    "ArmsEmbargo", "AssetFreeze", "TravelBan", "TradeRestriction", "FinancialRestriction",
    "SectoralSanction",
]
MODALITIES = ["Asserted", "Reported", "Alleged", "Planned", "Denied"]
ORGS = ["UN", "UNSC", "EU", "NATO", "G7", "AU", "ASEAN", "OSCE", "IAEA", "BRICS", "SCO", "CSTO"]
PUBLISHERS = ["Associated Press", "Reuters", "AFP", "BBC News", "Al Jazeera", "Kyodo", "DW"]


def sg(term: str) -> str:
    """An ``sg:`` term in N-Triples form."""
    return f"<{SG}{term}>"


def iri(path: str) -> str:
    """A data IRI in N-Triples form."""
    return f"<{SGID}{path}>"


def lit(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    """A literal in N-Triples form (escapes quotes and backslashes)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^<{XSD}{datatype}>'
    return f'"{escaped}"'


def day(rng: random.Random, start: int = 1995, end: int = 2025) -> str:
    """A random xsd:date lexical form."""
    return f"{rng.randint(start, end):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def state_codes(count: int) -> list[str]:
    """``count`` distinct three-letter codes, real ones first (the project's seed case)."""
    real = ["PRK", "RUS", "IRN", "SYR", "BLR", "CUB", "VEN", "MMR", "CHN", "USA", "GBR", "FRA",
            "DEU", "JPN", "KOR", "UKR", "IND", "TUR", "ISR", "SAU"]
    codes = list(real)
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    i = 0
    while len(codes) < count:
        code = "X" + letters[(i // 26) % 26] + letters[i % 26]
        if code not in codes:
            codes.append(code)
        i += 1
    return codes[:count]


def generate(out: TextIO, target: int, seed: int) -> int:
    """Write about ``target`` quads to ``out``; return the number written."""
    rng = random.Random(seed)
    written = 0

    def quad(s: str, p: str, o: str, g: str) -> None:
        nonlocal written
        out.write(f"{s} {p} {o} {g} .\n")
        written += 1

    # --- reference: states, organisations, regimes ---------------------------------------
    codes = state_codes(250)
    for code in codes:
        s = iri(f"state/{code}")
        quad(s, RDF_TYPE, sg("State"), GRAPH_REFERENCE)
        quad(s, sg("iso3"), lit(code), GRAPH_REFERENCE)
        quad(s, sg("iso2"), lit(code[:2]), GRAPH_REFERENCE)
        quad(s, RDFS_LABEL, lit(f"State {code}", lang="en"), GRAPH_REFERENCE)
        quad(s, SKOS_ALT, lit(f"Republic of {code}", lang="en"), GRAPH_REFERENCE)
    for acronym in ORGS:
        o = iri(f"org/{acronym}")
        quad(o, RDF_TYPE, sg("InternationalOrganization"), GRAPH_REFERENCE)
        quad(o, sg("acronym"), lit(acronym), GRAPH_REFERENCE)
        quad(o, RDFS_LABEL, lit(f"Organisation {acronym}", lang="en"), GRAPH_REFERENCE)
    # About 12% of states are sanctioned, by 1-4 regimes each.
    sanctioned = codes[:8] + rng.sample(codes[20:], 22)
    authorities = [iri(f"org/{a}") for a in ("UNSC", "EU")] + [
        iri(f"state/{c}") for c in ("USA", "GBR", "JPN", "FRA")
    ]
    regimes: list[tuple[str, str, set[str]]] = []
    for n, code in enumerate(sanctioned):
        for k in range(rng.randint(1, 4)):
            r = iri(f"regime/R{n}-{k}")
            measures = set(rng.sample(MEASURES, rng.randint(1, 4)))
            regimes.append((r, code, measures))
            quad(r, RDF_TYPE, sg("SanctionsRegime"), GRAPH_REFERENCE)
            quad(r, RDFS_LABEL, lit(f"Regime {n}-{k} on {code}", lang="en"), GRAPH_REFERENCE)
            quad(r, sg("imposedBy"), rng.choice(authorities), GRAPH_REFERENCE)
            quad(r, sg("targetsState"), iri(f"state/{code}"), GRAPH_REFERENCE)
            quad(r, sg("legalBasis"), lit(f"Resolution {1000 + n * 7 + k} ({2000 + k})"),
                 GRAPH_REFERENCE)
            for m in sorted(measures):
                quad(r, sg("measure"), sg(m), GRAPH_REFERENCE)
            quad(r, sg("startDate"), lit(day(rng, 1995, 2015), "date"), GRAPH_REFERENCE)
            if rng.random() < 0.2:
                quad(r, sg("endDate"), lit(day(rng, 2016, 2024), "date"), GRAPH_REFERENCE)
            quad(iri(f"state/{code}"), sg("isTargetOf"), r, GRAPH_INFERRED)
            quad(r, sg("hasTarget"), iri(f"state/{code}"), GRAPH_INFERRED)
        quad(iri(f"state/{code}"), RDF_TYPE, sg("SanctionedState"), GRAPH_INFERRED)

    # Budget: ~20% designations (lists), ~80% news documents.
    list_budget = target // 5
    list_graph = iri("source/" + hashlib.sha256(b"list").hexdigest())
    listed_people: list[str] = []
    n = 0
    while written < list_budget:
        person = iri(f"person/listed-{n}")
        desig = iri(f"designation/{n}")
        regime, _code, _ = regimes[n % len(regimes)]
        quad(person, RDF_TYPE, sg("Person"), list_graph)
        quad(person, RDFS_LABEL, lit(f"Listed Person {n}"), list_graph)
        quad(person, sg("nationality"), iri(f"state/{rng.choice(codes)}"), list_graph)
        quad(desig, RDF_TYPE, sg("Designation"), list_graph)
        quad(desig, sg("designates"), person, list_graph)
        quad(desig, sg("underRegime"), regime, list_graph)
        quad(desig, sg("listedOn"), lit(day(rng, 2000, 2024), "date"), list_graph)
        quad(desig, sg("listingReference"), lit(f"REF.{n:07d}"), list_graph)
        listed_people.append(person)
        n += 1

    # --- news documents, each its own graph ------------------------------------------------
    from sanctions_graph.summaries import EventRecord, cooperation_summaries

    cooperation: dict[str, EventRecord] = {}
    publishers: dict[str, set[str]] = {}
    doc_no = 0
    event_no = 0
    while written < target:
        digest = hashlib.sha256(f"doc{doc_no}".encode()).hexdigest()
        g = iri(f"source/{digest}")
        doc = iri(f"doc/{digest}")
        quad(doc, RDF_TYPE, sg("SourceDocument"), g)
        quad(doc, f"<{DCT}title>", lit(f"News story {doc_no}"), g)
        publisher = rng.choice(PUBLISHERS)
        quad(doc, f"<{DCT}publisher>", lit(publisher), g)
        publishers[doc[1:-1]] = {publisher}
        issued = day(rng, 2000, 2025)
        quad(doc, f"<{DCT}issued>", lit(issued, "date"), g)
        quad(doc, SCHEMA_URL, f"<https://news.example/{doc_no}>", g)
        quad(doc, sg("sha256"), lit(digest), g)
        for _ in range(rng.randint(3, 8)):
            # Sanctioned states appear in the news more often than their share of states.
            pool = sanctioned if rng.random() < 0.3 else codes
            a, b = rng.sample(pool, 2)
            kind = rng.choice(COOPERATION) if rng.random() < 0.75 else rng.choice(CONFLICT)
            if kind == "SanctionsImposition":
                # Authorities impose sanctions on the sanctioned few, as in the news.
                a = rng.choice(["USA", "GBR", "JPN", "FRA", "DEU"])
                b = rng.choice(sanctioned)
            e = iri(f"event/{event_no}")
            ev = iri(f"evidence/{event_no}")
            event_no += 1
            sa, sb = iri(f"state/{a}"), iri(f"state/{b}")
            quad(e, RDF_TYPE, sg(kind), g)
            quad(e, sg("actor"), sa, g)
            quad(e, sg("target"), sb, g)
            if rng.random() < 0.8:
                quad(e, sg("date"), lit(issued, "date"), g)
                if kind in ("AgreementSigning", "IntentToCooperate"):
                    quad(e, sg("agreementEventDate"), lit(issued, "date"), GRAPH_INFERRED)
                elif kind == "ArmsTransfer":
                    quad(e, sg("armsTransferEventDate"), lit(issued, "date"), GRAPH_INFERRED)
            quad(e, sg("modality"), sg(rng.choice(MODALITIES)), g)
            quad(e, sg("evidence"), ev, g)
            quad(ev, RDF_TYPE, sg("Evidence"), g)
            quad(ev, sg("quote"), lit(f"State {a} and State {b}: {kind} number {event_no}."), g)
            quad(ev, sg("confidence"), lit("0.8", "decimal"), g)
            quad(ev, PROV_DERIVED, doc, g)
            quad(doc, sg("mentions"), sa, g)
            quad(doc, sg("mentions"), sb, g)
            if kind == "AgreementSigning" or (kind == "IntentToCooperate" and rng.random() < 0.5):
                ag = iri(f"agreement/{event_no}")
                quad(e, sg("agreement"), ag, g)
                quad(ag, RDF_TYPE, sg("Agreement"), g)
                quad(ag, RDFS_LABEL, lit(f"Agreement {event_no}"), g)
                quad(ag, sg("party"), sa, g)
                quad(ag, sg("party"), sb, g)
                if kind == "AgreementSigning":
                    quad(ag, sg("signedOn"), lit(issued, "date"), g)
            if rng.random() < 0.05 and listed_people:
                person = iri(f"person/news-{event_no}")
                quad(person, RDF_TYPE, sg("Person"), g)
                quad(person, RDFS_LABEL, lit(f"News Person {event_no}"), g)
                quad(person, sg("represents"), sa, g)
                quad(doc, sg("mentions"), person, g)
                match = iri(f"match/{event_no}")
                candidate = rng.choice(listed_people)
                quad(person, sg("possibleMatch"), candidate, g)
                quad(match, RDF_TYPE, sg("NameMatch"), g)
                quad(match, sg("matchSubject"), person, g)
                quad(match, sg("matchCandidate"), candidate, g)
                quad(match, sg("matchScore"), lit("0.93", "decimal"), g)
            # What reason.materialise adds.
            family = "CooperationEvent" if kind in COOPERATION else "ConflictEvent"
            quad(e, RDF_TYPE, sg(family), GRAPH_INFERRED)
            quad(e, RDF_TYPE, sg("Event"), GRAPH_INFERRED)
            quad(e, sg("participant"), sa, GRAPH_INFERRED)
            quad(e, sg("participant"), sb, GRAPH_INFERRED)
            quad(e, sg("hasTarget"), sb, GRAPH_INFERRED)
            quad(sb, sg("isTargetOf"), e, GRAPH_INFERRED)
            if family == "CooperationEvent":
                quad(sa, sg("cooperatesWith"), sb, GRAPH_INFERRED)
                quad(sb, sg("cooperatesWith"), sa, GRAPH_INFERRED)
                # Stated or not, the event's date is the article's here.
                cooperation[e[1:-1]] = EventRecord(
                    kinds={SG + kind}, participants={sa[1:-1], sb[1:-1]}, dates=[issued],
                    evidence=[ev[1:-1]], sources={doc[1:-1]},
                )
            if kind == "SanctionsImposition":
                quad(sb, RDF_TYPE, sg("SanctionedState"), GRAPH_INFERRED)
        doc_no += 1
    # The cooperation summaries, computed by the function reason.materialise uses (pairs of
    # two sanctioned states classified as such).
    sanctioned_iris = {iri(f"state/{code}")[1:-1] for code in sanctioned}
    for t in cooperation_summaries(cooperation, publishers, sanctioned_iris):
        quad(str(t.subject), str(t.predicate), str(t.object), GRAPH_INFERRED)
    return written


def ontology_nquads() -> Iterator[str]:
    """The project's ontology graph as N-Quads lines (whatever modules exist)."""
    import pyoxigraph as ox

    from sanctions_graph.resources import ontology_dir

    graph = ox.NamedNode(f"{SGID}graph/ontology")
    for path in sorted(ontology_dir().glob("*.ttl")):
        if path.name == "shapes.ttl":
            continue
        for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            yield str(ox.Quad(q.subject, q.predicate, q.object, graph)) + " .\n"


def main(argv: list[str] | None = None) -> int:
    """Generate the N-Quads file and (optionally) bulk-load it into a fresh store."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--nq", type=Path, required=True, help="N-Quads file to write")
    parser.add_argument("--store", type=Path, help="new store folder to bulk-load into")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with args.nq.open("w", encoding="utf-8", buffering=1 << 20) as out:
        count = generate(out, args.triples, args.seed)
        for line in ontology_nquads():
            out.write(line)
            count += 1
    print(f"wrote {count:,} quads to {args.nq} in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    if args.store:
        import pyoxigraph as ox

        if args.store.exists():
            parser.error(f"{args.store} exists; give a new folder")
        started = time.perf_counter()
        store = ox.Store(str(args.store))
        store.bulk_load(path=str(args.nq), format=ox.RdfFormat.N_QUADS)
        store.flush()
        store.optimize()
        print(f"bulk-loaded {len(store):,} quads into {args.store} in "
              f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
