"""Reasoning: rule materialisation (fast, no Java) and HermiT (OWL 2 DL, through owlready2).

``materialise(store)`` rebuilds the named graph ``GRAPH_INFERRED`` from the asserted graphs with a
handful of rules read off the ontology (the OWL 2 RL rules the preset questions need:
``cax-sco`` for the event hierarchy, ``prp-spo1`` for ``sg:participant``/``sg:hasTarget``,
``prp-inv`` for ``sg:isTargetOf``, ``prp-symp`` and the cooperation rule for
``sg:cooperatesWith``, and the ``sg:SanctionedState`` definition read as a rule), plus three
derivations the preset questions read: the cooperation summaries (``summaries.py``; pairs of
two sanctioned states classified ``sg:SanctionedPairSummary``), the ``sg:possiblyBreaches``
links from prohibited cooperation to regimes (``PROHIBITED``), and the dates of the events
three listings order by date under properties of their own (``sg:breachEventDate``,
``sg:agreementEventDate``, ``sg:armsTransferEventDate``). It runs a few SPARQL scans over
the store, derives in Python, and writes the difference with the graph's current content. The
ingest pipeline calls it after every batch, so it imports nothing heavy.

``reason(store, ...)`` runs HermiT over the ontology plus the data (or one state's neighbourhood,
or one source graph): consistency, classification, and, when inconsistent, the individuals
involved (found by bisection) and the disjointness axioms they break. Its inferred class
memberships join the rule output in ``GRAPH_INFERRED``. Graphs too large for HermiT, or
``engine="rules"``, take the rule path alone; the report says which engine ran and why.
"""

from __future__ import annotations

import shutil
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pyoxigraph as ox

from sanctions_graph.errors import InputError, JavaMissingError
from sanctions_graph.summaries import EventRecord, cooperation_summaries, iso_date
from sanctions_graph.vocab import (
    DCTERMS,
    GRAPH_INFERRED,
    GRAPH_ONTOLOGY,
    GRAPH_REFERENCE,
    OWL,
    PROV,
    RDF,
    RDFS,
    SG,
    SGID,
    XSD,
)

if TYPE_CHECKING:
    from sanctions_graph.store import Store

#: Above this many triples (ontology + data) ``engine="auto"`` skips HermiT: the tableau and
#: owlready2's quadstore grow super-linearly (measured: 5,260 individuals in ~1 s).
HERMIT_MAX_TRIPLES = 250_000
#: How many HermiT runs the search for the individuals behind an inconsistency may take.
MAX_BISECTION_RUNS = 16
#: Memory for the HermiT JVM (MB).
JAVA_MEMORY_MB = 2000

Engine = Literal["auto", "hermit", "rules"]

_SG = str(SG._NS)
_SGID = str(SGID)
_RDF_TYPE = ox.NamedNode(str(RDF.type))
_INFERRED = str(GRAPH_INFERRED)
_SUMMARY = ox.NamedNode(str(SG.CooperationSummary))
#: Super-properties whose sub-property triples the preset questions rely on.
_SUPER_PROPERTIES = (str(SG.participant), str(SG.hasTarget))
#: Classes whose sub-class members get the super-class type (the event hierarchy).
_CLASS_ROOTS = (str(SG.Event),)
#: Classes whose members the sg:SanctionedState rule looks at.
_SANCTIONING_ROOTS = (str(SG.SanctionsRegime), str(SG.SanctionsImposition))


# --------------------------------------------------------------------------------------------
# rule materialisation
# --------------------------------------------------------------------------------------------
@dataclass
class _Schema:
    """What the rules need from the ontology graph (read once per run; a few dozen rows)."""

    super_classes: dict[str, set[str]]  # class -> its sg: super-classes (transitive, not itself)
    sub_classes: dict[str, set[str]]  # class -> itself and all its sub-classes
    super_properties: dict[str, set[str]]  # property -> its sg: super-properties (transitive)
    inverses: dict[str, set[str]]  # property -> its inverses (both directions)
    symmetric: set[str]


def _iri_rows(store: Store, sparql: str) -> Iterator[tuple[str, ...]]:
    result = store.query(sparql)
    for row in result.rows:
        values = tuple(row[v] for v in result.variables)
        if all(isinstance(v, ox.NamedNode) for v in values):
            yield tuple(v.value for v in values if isinstance(v, ox.NamedNode))


def _read_schema(store: Store) -> _Schema:
    onto = f"<{GRAPH_ONTOLOGY}>"
    super_classes: dict[str, set[str]] = defaultdict(set)
    sub_classes: dict[str, set[str]] = defaultdict(set)
    for sub, sup in _iri_rows(
        store,
        f"SELECT ?sub ?sup WHERE {{ GRAPH {onto} {{ ?sub <{RDFS.subClassOf}>+ ?sup }} }}",
    ):
        if sup.startswith(_SG) and sub.startswith(_SG):
            super_classes[sub].add(sup)
            sub_classes[sup].add(sub)
    for cls in list(sub_classes):
        sub_classes[cls].add(cls)
    super_properties: dict[str, set[str]] = defaultdict(set)
    for sub, sup in _iri_rows(
        store,
        f"SELECT ?sub ?sup WHERE {{ GRAPH {onto} {{ ?sub <{RDFS.subPropertyOf}>+ ?sup }} }}",
    ):
        if sup.startswith(_SG) and sub.startswith(_SG):
            super_properties[sub].add(sup)
    inverses: dict[str, set[str]] = defaultdict(set)
    for a, b in _iri_rows(
        store, f"SELECT ?a ?b WHERE {{ GRAPH {onto} {{ ?a <{OWL.inverseOf}> ?b }} }}"
    ):
        inverses[a].add(b)
        inverses[b].add(a)
    symmetric = {
        p
        for (p,) in _iri_rows(
            store,
            f"SELECT ?p WHERE {{ GRAPH {onto} {{ ?p a <{OWL.SymmetricProperty}> }} }}",
        )
    }
    return _Schema(super_classes, sub_classes, super_properties, inverses, symmetric)


def _values(iris: Iterable[str]) -> str:
    # The IRIs come from the ontology graph; str(NamedNode) escapes them as N-Triples terms.
    return " ".join(str(ox.NamedNode(iri)) for iri in sorted(iris))


def _asserted(
    store: Store, var: str, iris: Iterable[str], *, literals: bool = False
) -> Iterator[tuple[str, str, str]]:
    """Asserted triples (every graph but the inferred one) whose predicate (``var`` ``"p"``)
    or class (``var`` ``"c"``, for ``?s rdf:type ?c``) is one of ``iris``, as strings.

    Subjects are IRIs; objects are IRIs, or with ``literals`` literals too (their lexical
    form). CONSTRUCT, not SELECT: triples come back cheaper than solution rows, and once each.
    """
    iris = list(iris)
    if not iris:
        return iter(())
    pattern = f"?s <{RDF.type}> ?c" if var == "c" else "?s ?p ?o"
    sparql = (
        f"CONSTRUCT {{ {pattern} }} WHERE {{ VALUES ?{var} {{ {_values(iris)} }} "
        f"GRAPH ?g {{ {pattern} }} FILTER(?g != <{_INFERRED}>) }}"
    )
    triples = store.query(sparql).triples
    objects = (ox.NamedNode, ox.Literal) if literals else ox.NamedNode
    return (
        (t.subject.value, t.predicate.value, t.object.value)
        for t in triples
        if isinstance(t.subject, ox.NamedNode) and isinstance(t.object, objects)
    )


def inferred_triples(store: Store) -> tuple[list[ox.Triple], dict[str, int]]:
    """Derive the inferred triples from the asserted graphs; return them and a count per rule.

    Triples already asserted are not repeated. The store is only read.
    """
    schema = _read_schema(store)
    # Classes the rules care about: the event hierarchy, the sanctioning classes, sg:State.
    event_classes = set().union(*(schema.sub_classes.get(c, {c}) for c in _CLASS_ROOTS))
    sanctioning = set().union(*(schema.sub_classes.get(c, {c}) for c in _SANCTIONING_ROOTS))
    states = schema.sub_classes.get(str(SG.State), {str(SG.State)})
    wanted_classes = event_classes | sanctioning | states | {str(SG.SanctionedState)}
    types: dict[str, set[str]] = defaultdict(set)
    for x, _, cls in _asserted(store, "c", wanted_classes):
        types[x].add(cls)
    asserted_types = {x: set(cs) for x, cs in types.items()}

    # Properties: the sub-properties of the materialised super-properties, the super-properties
    # themselves, their inverses, and the symmetric ones.
    supers = set(_SUPER_PROPERTIES)
    subs = {p for p, ups in schema.super_properties.items() if ups & supers}
    props = subs | supers
    props |= {q for p in list(props) for q in schema.inverses.get(p, ())}
    props |= schema.symmetric & {str(SG.cooperatesWith)}
    asserted: set[tuple[str, str, str]] = set()
    asserted.update(_asserted(store, "p", props))

    counts: dict[str, int] = defaultdict(int)
    facts: set[tuple[str, str, str]] = set(asserted)

    # cax-sco on the event hierarchy: an sg:ArmsTransfer is an sg:CooperationEvent and sg:Event.
    for x in list(types):
        for cls in list(types[x]):
            for sup in schema.super_classes.get(cls, ()):
                if sup in event_classes and sup not in types[x]:
                    types[x].add(sup)
                    counts["event super-classes"] += 1

    # prp-spo1: sg:actor / sg:target / sg:targetsState -> sg:participant / sg:hasTarget.
    for s, p, o in list(facts):
        for sup in schema.super_properties.get(p, ()):
            if sup in supers and (s, sup, o) not in facts:
                facts.add((s, sup, o))
                counts["super-properties"] += 1

    # prp-inv: sg:hasTarget -> sg:isTargetOf (and back).
    for s, p, o in list(facts):
        for inverse in schema.inverses.get(p, ()):
            if (o, inverse, s) not in facts:
                facts.add((o, inverse, s))
                counts["inverse properties"] += 1

    # Cooperation: the participants of every sg:CooperationEvent cooperate with each other
    # (both directions: sg:cooperatesWith is symmetric).
    cooperation = schema.sub_classes.get(str(SG.CooperationEvent), {str(SG.CooperationEvent)})
    participants: dict[str, set[str]] = defaultdict(set)
    participant = str(SG.participant)
    for s, p, o in facts:
        if p == participant and types.get(s, set()) & cooperation:
            participants[s].add(o)
    cooperates = str(SG.cooperatesWith)
    for members in participants.values():
        for a in members:
            for b in members:
                if a != b and (a, cooperates, b) not in facts:
                    facts.add((a, cooperates, b))
                    counts["cooperatesWith"] += 1
    for s, p, o in list(facts):  # prp-symp on asserted sg:cooperatesWith
        if p == cooperates and (o, p, s) not in facts:
            facts.add((o, p, s))
            counts["cooperatesWith"] += 1

    events, publishers, stated = _cooperation_events(
        store, schema, types, participants, cooperation
    )
    breaches = set(_possible_breaches(store, types, facts, sanctioning, stated)) - facts
    if breaches:
        counts["possiblyBreaches"] = len(breaches)
        facts |= breaches
    dated = _listing_dates(store, schema, types, facts, stated)
    for t in dated:
        counts[t.predicate.value.rsplit("#", 1)[-1]] += 1

    # sg:SanctionedState = sg:State and (sg:isTargetOf some (SanctionsRegime or
    # SanctionsImposition)), applied as a rule.
    is_target_of = str(SG.isTargetOf)
    sanctioned = str(SG.SanctionedState)
    for s, p, o in facts:
        if (
            p == is_target_of
            and types.get(s, set()) & states
            and types.get(o, set()) & sanctioning
            and sanctioned not in types[s]
        ):
            types[s].add(sanctioned)
            counts["SanctionedState"] += 1

    # After the sg:SanctionedState rule: the summaries of sanctioned pairs are classified too.
    summaries = cooperation_summaries(
        events, publishers, {x for x, classes in types.items() if sanctioned in classes}
    )
    for t in summaries:
        if t.predicate == _RDF_TYPE and t.object == _SUMMARY:
            counts["cooperation summaries"] += 1

    triples: list[ox.Triple] = []
    for x, classes in types.items():
        for cls in classes - asserted_types.get(x, set()):
            triples.append(ox.Triple(ox.NamedNode(x), _RDF_TYPE, ox.NamedNode(cls)))
    for s, p, o in facts - asserted:
        triples.append(ox.Triple(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o)))
    triples += summaries
    triples += dated
    return triples, dict(counts)


def _cooperation_events(
    store: Store,
    schema: _Schema,
    types: dict[str, set[str]],
    participants: dict[str, set[str]],
    cooperation: set[str],
) -> tuple[dict[str, EventRecord], dict[str, set[str]], dict[str, list[str]]]:
    """The cooperation events whose participants the rules found, as the summaries need them
    (``summaries.EventRecord``: kinds, participants, dates, evidence, sources), the publishers of
    each source, and the stated dates of every typed event (``YYYY-MM-DD``); read with one scan
    per property."""
    events: dict[str, EventRecord] = {}
    for event, members in participants.items():
        if len(members) < 2:
            continue
        kinds = types[event] & cooperation
        # The most specific classes: drop a class that is a super-class of another one.
        kinds -= {sup for k in kinds for sup in schema.super_classes.get(k, ())}
        events[event] = EventRecord(kinds=kinds, participants=members)
    stated: dict[str, list[str]] = defaultdict(list)
    publishers: dict[str, set[str]] = defaultdict(set)
    if not participants:
        return events, publishers, stated
    evidence_of: dict[str, str] = {}  # evidence -> its event
    evidence = str(SG.evidence)
    for s, p, o in _asserted(store, "p", [str(SG.date), evidence], literals=True):
        if p == evidence:
            if (record := events.get(s)) is not None:
                record.evidence.append(o)
                evidence_of[o] = s
        elif s in types and (day := iso_date(o)) is not None:
            stated[s].append(day)
    for s, _, o in _asserted(store, "p", [str(PROV.wasDerivedFrom)]):
        if s in evidence_of:
            events[evidence_of[s]].sources.add(o)
    issued: dict[str, list[str]] = defaultdict(list)
    publisher = str(DCTERMS.publisher)
    for s, p, o in _asserted(store, "p", [str(DCTERMS.issued), publisher], literals=True):
        if p == publisher:
            publishers[s].add(o)
        elif (day := iso_date(o)) is not None:
            issued[s].append(day)
    for event, record in events.items():
        # An event's date is the one its sentence states, else its sources' dates.
        record.dates = stated.get(event) or [d for src in record.sources for d in issued[src]]
    return events, publishers, stated


#: The cooperation a regime's measures prohibit (the ``sg:possiblyBreaches`` rule): event class
#: -> (the measures that prohibit it, the roles in which the targeted state takes part). An
#: arms transfer to or from a state under an arms embargo; economic assistance to a state under
#: an asset freeze or a trade restriction. queries/possible-violations.rq states the same table
#: to name the measure and the state behind each link.
PROHIBITED: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    str(SG.ArmsTransfer): (frozenset({str(SG.ArmsEmbargo)}), (str(SG.actor), str(SG.target))),
    str(SG.EconomicAssistance): (
        frozenset({str(SG.AssetFreeze), str(SG.TradeRestriction)}),
        (str(SG.target),),
    ),
}


def _possible_breaches(
    store: Store,
    types: dict[str, set[str]],
    facts: set[tuple[str, str, str]],
    sanctioning: set[str],
    stated: dict[str, list[str]],
) -> Iterator[tuple[str, str, str]]:
    """``(event, sg:possiblyBreaches, regime)`` for every event of a ``PROHIBITED`` kind in
    which a state under a regime with a prohibiting measure takes part in the prohibited role,
    on a date within the regime's period (an undated event, or a regime without start or end,
    is not excluded on that side)."""
    targets_state = str(SG.targetsState)
    regimes_on: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    role_properties = {role for _, event_roles in PROHIBITED.values() for role in event_roles}
    for s, p, o in facts:
        if p == targets_state and types.get(s, set()) & sanctioning:
            regimes_on[o].add(s)
        elif p in role_properties and types.get(s, set()) & PROHIBITED.keys():
            roles[s][p].add(o)
    if not regimes_on or not roles:
        return
    measures: dict[str, set[str]] = defaultdict(set)
    for s, _, o in _asserted(store, "p", [str(SG.measure)]):
        measures[s].add(o)
    start: dict[str, str] = {}
    end: dict[str, str] = {}
    start_date = str(SG.startDate)
    for s, p, o in _asserted(store, "p", [start_date, str(SG.endDate)], literals=True):
        if (day := iso_date(o)) is not None:
            (start if p == start_date else end)[s] = day
    for event, by_role in roles.items():
        dates = stated.get(event, [])
        for kind in types[event] & PROHIBITED.keys():
            prohibiting, event_roles = PROHIBITED[kind]
            for role in event_roles:
                for state in by_role.get(role, ()):
                    for regime in regimes_on.get(state, ()):
                        if not measures[regime] & prohibiting:
                            continue
                        first, last = start.get(regime, ""), end.get(regime, "9999")
                        if not dates or any(first <= day <= last for day in dates):
                            yield (event, str(SG.possiblyBreaches), regime)


#: Listing dates by kind: the property under which ``materialise`` repeats the ``sg:date`` of
#: the events of these classes (and their sub-classes), for the preset listing that orders
#: them by date. The breach links' events get ``sg:breachEventDate`` (``_listing_dates``).
KIND_LISTING_DATES: dict[str, tuple[str, ...]] = {
    str(SG.agreementEventDate): (str(SG.AgreementSigning), str(SG.IntentToCooperate)),
    str(SG.armsTransferEventDate): (str(SG.ArmsTransfer),),
}


def _listing_dates(
    store: Store,
    schema: _Schema,
    types: dict[str, set[str]],
    facts: set[tuple[str, str, str]],
    stated: dict[str, list[str]],
) -> list[ox.Triple]:
    """The stated dates of the events three listings order by date, under properties of their
    own (sub-properties of ``sg:date``): ``sg:breachEventDate`` for the events with
    ``sg:possiblyBreaches`` links, and the ``KIND_LISTING_DATES`` for agreement events and arms
    transfers. With them, ``possible-violations``, ``agreements`` and ``arms-transfers`` read
    the dates of their own candidates (tens of thousands on a 10M-triple store) instead of
    every event's (hundreds of thousands). Dates already asserted under these properties are
    not repeated."""
    possibly_breaches = str(SG.possiblyBreaches)
    breaching = {s for s, p, _ in facts if p == possibly_breaches}
    breach_date = str(SG.breachEventDate)
    by_class: dict[str, list[str]] = defaultdict(list)  # class -> its listing date properties
    for prop, roots in KIND_LISTING_DATES.items():
        for root in roots:
            for sub in schema.sub_classes.get(root, {root}):
                by_class[sub].append(prop)
    wanted: set[tuple[str, str, str]] = set()
    for event, days in stated.items():
        properties = {p for cls in types.get(event, ()) for p in by_class.get(cls, ())}
        if event in breaching:
            properties.add(breach_date)
        wanted.update((event, p, day) for p in properties for day in days)
    if not wanted:
        return []
    for s, p, o in _asserted(store, "p", [breach_date, *KIND_LISTING_DATES], literals=True):
        if (day := iso_date(o)) is not None:
            wanted.discard((s, p, day))
    date = ox.NamedNode(str(XSD.date))
    return [
        ox.Triple(ox.NamedNode(s), ox.NamedNode(p), ox.Literal(day, datatype=date))
        for s, p, day in sorted(wanted)
    ]


#: The most changed triples ``materialise`` writes in one SPARQL update (one transaction): the
#: difference goes as text (~150 bytes a triple), remote servers cap the size of an update, and
#: one transaction for millions of triples takes gigabytes (measured at 10M triples: rewriting a
#: 4.7M-triple inferred graph in one update passed 14 GB and 20 minutes and was stopped).
DELTA_LIMIT = 100_000


def materialise(store: Store, extra: Iterable[ox.Triple] = ()) -> dict[str, int]:
    """Bring ``GRAPH_INFERRED`` up to date with the asserted graphs; return counts per rule.

    ``extra`` triples (e.g. HermiT's inferred class memberships) are written along with the rule
    output. The returned dict also holds ``"total"``: the number of triples in the graph.

    The graph ends up holding exactly the derived triples, as if dropped and rebuilt, but only
    the difference with its current content is written: after an ingest batch few triples
    change, and rewriting the whole graph costs time in proportion to its size. A difference
    of up to ``DELTA_LIMIT`` triples is one SPARQL update (atomic). A larger one (a first run
    on a large store, a reference update) goes in updates of ``DELTA_LIMIT`` triples, removals
    first: a process stopped in between leaves the graph partly updated, and the next run
    (every ingest, ``drop`` and ``reason`` runs this) completes it, since it writes whatever
    differs. A graph that does not exist yet, or triples with blank nodes (which an update
    cannot name), go through ``replace_graph``.
    """
    triples, counts = inferred_triples(store)
    wanted = set(triples)
    extra_count = 0
    for t in extra:
        if t not in wanted:
            wanted.add(t)
            extra_count += 1
    if extra_count:
        counts["reasoner"] = extra_count
    counts["total"] = len(wanted)
    exists = _INFERRED in store.graphs()
    current: set[ox.Triple] = set()
    if exists:
        current = set(
            store.query(
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{_INFERRED}> {{ ?s ?p ?o }} }}"
            ).triples
        )
    to_add, to_remove = wanted - current, current - wanted
    has_blank = any(
        isinstance(term, ox.BlankNode)
        for t in (*to_add, *to_remove)
        for term in (t.subject, t.object)
    )
    if not exists or has_blank:
        store.replace_graph(_INFERRED, sorted(wanted, key=str))
        return counts
    graph = f"<{_INFERRED}>"
    if len(to_add) + len(to_remove) <= DELTA_LIMIT:
        if to_add or to_remove:
            store.update(
                f"DELETE DATA {{ GRAPH {graph} {{ {_ntriples(to_remove)} }} }} ; "
                f"INSERT DATA {{ GRAPH {graph} {{ {_ntriples(to_add)} }} }}"
            )
        return counts
    size = max(DELTA_LIMIT, 1)
    removals, additions = sorted(to_remove, key=str), sorted(to_add, key=str)
    for start in range(0, len(removals), size):
        chunk = _ntriples(removals[start : start + size])
        store.update(f"DELETE DATA {{ GRAPH {graph} {{ {chunk} }} }}")
    for start in range(0, len(additions), size):
        chunk = _ntriples(additions[start : start + size])
        store.update(f"INSERT DATA {{ GRAPH {graph} {{ {chunk} }} }}")
    return counts


def _ntriples(triples: Iterable[ox.Triple]) -> str:
    # str(Triple) is the N-Triples form of pyoxigraph terms: escaped, safe to embed.
    return " ".join(f"{t} ." for t in triples)


# --------------------------------------------------------------------------------------------
# HermiT through owlready2
# --------------------------------------------------------------------------------------------
def java_executable() -> str | None:
    """The Java runtime HermiT will use, or ``None`` when there is none."""
    return shutil.which("java")


def require_java() -> str:
    """The Java runtime, or ``JavaMissingError`` naming what to install."""
    java = java_executable()
    if java is None:
        raise JavaMissingError(
            "HermiT needs a Java runtime and none was found on PATH: install one "
            "(e.g. `apt-get install default-jre-headless`, or `brew install openjdk`), "
            "or use `reason --engine rules` for the rule materialisation without HermiT"
        )
    return java


def load_world(triples: Iterable[ox.Triple]) -> Any:
    """A fresh owlready2 ``World`` holding ``triples`` (given to it as RDF/XML).

    owlready2 does not read Turtle (a Turtle file "loads" with zero classes), so the triples go
    through RDF/XML; the ontology header's imports must already be inlined.
    """
    import io

    import owlready2

    from sanctions_graph.export import declare_individuals, write_rdfxml

    buffer = io.BytesIO()
    write_rdfxml(declare_individuals(list(triples)), buffer)
    buffer.seek(0)
    world = owlready2.World()
    world.get_ontology("https://w3id.org/sanctions-graph/reasoning-input").load(
        fileobj=buffer, format="rdfxml"
    )
    return world


class _Inconsistent(Exception):
    pass


def _run_hermit(world: Any) -> None:
    """Classify ``world`` with HermiT in place; raise ``_Inconsistent`` when it is inconsistent."""
    import owlready2

    java = require_java()
    owlready2.JAVA_EXE = java
    owlready2.reasoning.JAVA_MEMORY = JAVA_MEMORY_MB
    try:
        # xsd:date is not an OWL 2 datatype; HermiT would refuse every date literal otherwise.
        owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
    except owlready2.OwlReadyInconsistentOntologyError:
        raise _Inconsistent() from None


def is_consistent(triples: Iterable[ox.Triple]) -> bool:
    """Whether HermiT finds the ontology ``triples`` consistent (imports must be inlined)."""
    try:
        _run_hermit(load_world(triples))
    except _Inconsistent:
        return False
    return True


def classify(triples: Iterable[ox.Triple]) -> dict[str, set[str]]:
    """Run HermiT; return each individual's sg: classes (asserted and inferred), by IRI.

    Raises ``_Inconsistent`` (internal) when HermiT finds the ontology inconsistent.
    """
    world = load_world(triples)
    _run_hermit(world)
    memberships: dict[str, set[str]] = {}
    for individual in world.individuals():
        classes = {
            cls.iri
            for cls in individual.INDIRECT_is_a
            if hasattr(cls, "iri") and cls.iri.startswith(_SG)
        }
        memberships[individual.iri] = classes
    return memberships


# --------------------------------------------------------------------------------------------
# reason: choose the engine, pick the subset, report
# --------------------------------------------------------------------------------------------
@dataclass
class ReasonReport:
    """What ``reason`` did and found."""

    engine: Literal["hermit", "rules"]
    why: str
    scope: str
    input_triples: int
    consistent: bool | None = None  # None: not checked (rule engine)
    individuals: int = 0
    sanctioned_states: list[str] = field(default_factory=list)
    offending: list[str] = field(default_factory=list)  # individuals behind an inconsistency
    explanation: list[str] = field(default_factory=list)  # axioms they break, in words
    materialised: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        """Plain data for JSON output."""
        return {
            "engine": self.engine,
            "why": self.why,
            "scope": self.scope,
            "input_triples": self.input_triples,
            "consistent": self.consistent,
            "individuals": self.individuals,
            "sanctioned_states": self.sanctioned_states,
            "offending": self.offending,
            "explanation": self.explanation,
            "materialised": self.materialised,
            "seconds": round(self.seconds, 3),
        }


def _ontology_triples(store: Store) -> list[ox.Triple]:
    from sanctions_graph.export import inline_modules

    result = store.query(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{GRAPH_ONTOLOGY}> {{ ?s ?p ?o }} }}"
    )
    return inline_modules(result.triples)


def _data_triples(
    store: Store, state: str | None, source: str | None
) -> tuple[list[ox.Triple], str]:
    """The asserted data to reason over and a description of the scope."""
    not_schema = f"FILTER(?g NOT IN (<{GRAPH_ONTOLOGY}>, <{_INFERRED}>))"
    if state is not None:
        node = _state_node(store, state)
        # The state, what it links to, and the events, regimes and agreements it takes part
        # in, each described by its own triples: enough for HermiT to classify the state.
        # Documents that merely mention it and persons of its nationality are left out: on a
        # large store they are most of its links (a 1M-triple graph gave 768k triples).
        # The IRI is a pyoxigraph term (validated; str() escapes it). It is written into each
        # branch: a VALUES block outside the UNION would leave the branches unbound (SPARQL
        # evaluates them first), and an unbound ?x would select the whole store.
        sparql = f"""
        CONSTRUCT {{ ?x ?p ?o }} WHERE {{
          {{ SELECT DISTINCT ?x WHERE {{
              {{ VALUES ?x {{ {node} }} }}
              UNION {{ VALUES ?p1 {{ <{SG.actor}> <{SG.target}> <{SG.targetsState}>
                                    <{SG.party}> <{SG.imposedBy}> <{SG.location}> }}
                       ?x ?p1 {node} }}
              UNION {{ GRAPH ?g1 {{ {node} ?p1 ?x }}
                       FILTER(isIRI(?x) && ?g1 != <{_INFERRED}>) }}
          }} }}
          GRAPH ?g {{ ?x ?p ?o }} {not_schema}
        }}"""
        result = store.query(sparql)
        return result.triples, f"neighbourhood of {node.value}"
    if source is not None:
        if source not in store.graphs():
            raise InputError(f"no such source graph in the store: {source}")
        graph = ox.NamedNode(source)
        # The source graph, plus the reference descriptions of what it points to (the states'
        # and regimes' types come from the reference graph).
        sparql = f"""
        CONSTRUCT {{ ?s ?p ?o . ?r ?rp ?ro }} WHERE {{
          {{ GRAPH {graph} {{ ?s ?p ?o }} }}
          UNION
          {{ {{ SELECT DISTINCT ?r WHERE {{ GRAPH {graph} {{ ?x ?q ?r FILTER(isIRI(?r)) }} }} }}
             GRAPH <{GRAPH_REFERENCE}> {{ ?r ?rp ?ro }} }}
        }}"""
        return store.query(sparql).triples, f"source graph {source}"
    result = store.query(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {not_schema} }}"
    )
    return result.triples, "whole store"


def _state_node(store: Store, state: str) -> ox.NamedNode:
    """The IRI of a state given as an ISO3/ISO2 code or an IRI; ``InputError`` if unknown."""
    if state.startswith(("http://", "https://")):
        try:
            node = ox.NamedNode(state)
        except ValueError as error:
            raise InputError(f"not a valid IRI: {state!r} ({error})") from None
    else:
        # User text goes in as a pyoxigraph Literal (str() escapes it) in a VALUES block.
        code = ox.Literal(state.strip().upper())
        result = store.query(
            f"SELECT ?s WHERE {{ VALUES ?code {{ {code} }} "
            f"{{ ?s <{SG.iso3}> ?code }} UNION {{ ?s <{SG.iso2}> ?code }} }}"
        )
        found = [row["s"] for row in result.rows if isinstance(row["s"], ox.NamedNode)]
        if not found:
            raise InputError(f"unknown state {state!r}: give an ISO 3166-1 code or an IRI")
        node = found[0]
    check = store.query(f"ASK {{ {{ {node} ?p ?o }} UNION {{ ?x ?p {node} }} }}")
    if not check.boolean:
        raise InputError(f"the store has nothing about {node.value}")
    return node


def reason(
    store: Store,
    *,
    engine: Engine = "auto",
    state: str | None = None,
    source: str | None = None,
    max_hermit_triples: int = HERMIT_MAX_TRIPLES,
) -> ReasonReport:
    """Check and classify with HermiT (or the rules), then rebuild ``GRAPH_INFERRED``.

    ``state`` (ISO code or IRI) or ``source`` (a source graph IRI) restrict what HermiT sees; the
    rule materialisation always covers the whole store. ``engine="auto"`` picks HermiT unless the
    input exceeds ``max_hermit_triples``. Raises ``JavaMissingError`` when HermiT is needed and
    Java is absent, ``InputError`` for an unknown state or source.
    """
    if state is not None and source is not None:
        raise InputError("give either a state or a source, not both")
    if engine not in ("auto", "hermit", "rules"):
        raise InputError(f"unknown engine {engine!r}; choose auto, hermit or rules")
    started = time.perf_counter()
    if engine == "rules":
        counts = materialise(store)
        return ReasonReport(
            engine="rules",
            why="asked for the rule engine (no OWL consistency check)",
            scope="whole store",
            input_triples=store.count(),
            materialised=counts,
            sanctioned_states=_sanctioned(store),
            seconds=time.perf_counter() - started,
        )
    data, scope = _data_triples(store, state, source)
    ontology = _ontology_triples(store)
    size = len(data) + len(ontology)
    if engine == "auto" and size > max_hermit_triples:
        counts = materialise(store)
        return ReasonReport(
            engine="rules",
            why=f"{size:,} triples exceed the HermiT limit of {max_hermit_triples:,}: "
            "rule materialisation (OWL 2 RL subset) instead; restrict with --state or --source "
            "to run HermiT",
            scope="whole store",
            input_triples=size,
            materialised=counts,
            sanctioned_states=_sanctioned(store),
            seconds=time.perf_counter() - started,
        )
    require_java()
    triples = ontology + data
    why = "asked for HermiT" if engine == "hermit" else f"{size:,} triples fit HermiT"
    try:
        memberships = classify(triples)
        # HermiT, as owlready2 drives it, lets a literal outside its property's datatype range
        # pass (e.g. "high" for an xsd:double); under OWL 2 semantics that is an inconsistency.
        diagnosis = _diagnose(triples, ranges_only=True)
        if diagnosis:
            raise _Inconsistent()
    except _Inconsistent:
        # Known causes first (one pass in Python); bisection with HermiT when none applies.
        diagnosis = _diagnose(triples)
        if diagnosis:
            offending = sorted(diagnosis)
            explanation = [line for iri in offending for line in diagnosis[iri]]
        else:
            offending = _bisect(ontology, data)
            explanation = [
                "no disjointness clash or out-of-range value explains it; the individuals "
                "listed are the smallest set whose own triples HermiT finds inconsistent"
            ]
        return ReasonReport(
            engine="hermit",
            why=why,
            scope=scope,
            input_triples=size,
            consistent=False,
            offending=offending,
            explanation=explanation,
            seconds=time.perf_counter() - started,
        )
    hermit_types = [
        ox.Triple(ox.NamedNode(x), _RDF_TYPE, ox.NamedNode(c))
        for x, classes in memberships.items()
        for c in classes
    ]
    asserted = {(t.subject, t.object) for t in triples if t.predicate == _RDF_TYPE}
    new_types = [t for t in hermit_types if (t.subject, t.object) not in asserted]
    counts = materialise(store, new_types)
    sanctioned = sorted(
        x for x, classes in memberships.items() if str(SG.SanctionedState) in classes
    )
    return ReasonReport(
        engine="hermit",
        why=why,
        scope=scope,
        input_triples=size,
        consistent=True,
        individuals=len(memberships),
        sanctioned_states=sanctioned,
        materialised=counts,
        seconds=time.perf_counter() - started,
    )


def _sanctioned(store: Store) -> list[str]:
    result = store.query(
        f"SELECT DISTINCT ?s WHERE {{ GRAPH <{_INFERRED}> {{ ?s a <{SG.SanctionedState}> }} }}"
    )
    asserted = store.query(f"SELECT DISTINCT ?s WHERE {{ ?s a <{SG.SanctionedState}> }}")
    found = {
        row["s"].value
        for row in [*result.rows, *asserted.rows]
        if isinstance(row["s"], ox.NamedNode)
    }
    return sorted(found)


def _bisect(ontology: list[ox.Triple], data: list[ox.Triple]) -> list[str]:
    """Individuals (subjects of data triples) whose own triples make the ontology inconsistent.

    Halves the set of subjects while one half alone stays inconsistent; stops when neither half
    is (the clash needs both) or after ``MAX_BISECTION_RUNS`` HermiT runs.
    """
    by_subject: dict[str, list[ox.Triple]] = defaultdict(list)
    for t in data:
        key = t.subject.value if isinstance(t.subject, ox.NamedNode) else str(t.subject)
        by_subject[key].append(t)
    suspects = sorted(by_subject)
    # (The ontology alone is consistent: a test checks it, so no HermiT run is spent on it.)
    runs = 0
    while len(suspects) > 1 and runs < MAX_BISECTION_RUNS:
        half = len(suspects) // 2
        for part in (suspects[:half], suspects[half:]):
            runs += 1
            subset = [t for s in part for t in by_subject[s]]
            if not is_consistent(ontology + subset):
                suspects = part
                break
        else:
            break
    return suspects


_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_INTEGER_TYPES = {
    _XSD + name
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
#: Data-property range -> literal datatypes inside it (as HermiT sees them). A language-tagged
#: literal has datatype rdf:langString here.
_RANGE_ACCEPTS: dict[str, set[str]] = {
    _XSD + "string": {_XSD + "string"},
    _RDF_NS + "PlainLiteral": {_XSD + "string", _RDF_NS + "langString"},
    _XSD + "integer": _INTEGER_TYPES,
    _XSD + "decimal": _INTEGER_TYPES | {_XSD + "decimal"},
    _XSD + "double": {_XSD + "double"},
    _XSD + "date": {_XSD + "date"},
    _XSD + "boolean": {_XSD + "boolean"},
}


def _diagnose(triples: list[ox.Triple], *, ranges_only: bool = False) -> dict[str, list[str]]:
    """Known causes of inconsistency, by individual: data values outside their property's range
    and (unless ``ranges_only``) membership of two disjoint classes (types from rdf:type, the
    domains and ranges of the properties used, and super-classes)."""
    rdf_type, sub_class = str(RDF.type), str(RDFS.subClassOf)
    domain, range_, disjoint = str(RDFS.domain), str(RDFS.range), str(OWL.disjointWith)
    supers: dict[str, set[str]] = defaultdict(set)
    domains: dict[str, set[str]] = defaultdict(set)
    ranges: dict[str, set[str]] = defaultdict(set)
    disjoint_pairs: set[tuple[str, str]] = set()
    schema_subjects: set[str] = set()
    union_of, first, rest = str(OWL.unionOf), str(RDF.first), str(RDF.rest)
    accepts = dict(_RANGE_ACCEPTS)
    firsts: dict[object, object] = {}
    rests: dict[object, object] = {}
    unions: dict[object, object] = {}
    range_nodes: dict[str, list[object]] = defaultdict(list)
    for t in triples:
        p = t.predicate.value
        if p == first:
            firsts[t.subject] = t.object
        elif p == rest:
            rests[t.subject] = t.object
        elif p == union_of:
            unions[t.subject] = t.object
        elif p == range_ and isinstance(t.subject, ox.NamedNode):
            range_nodes[t.subject.value].append(t.object)
    for prop, nodes in range_nodes.items():
        for node in nodes:
            if isinstance(node, ox.NamedNode):
                ranges[prop].add(node.value)
            elif node in unions:
                # A data range union (e.g. xsd:decimal or xsd:double): accept any member's values.
                members, cell = [], unions[node]
                while cell in firsts:
                    member = firsts[cell]
                    if isinstance(member, ox.NamedNode):
                        members.append(member.value)
                    cell = rests.get(cell)
                key = " or ".join(_short(m) for m in members)
                accepts[key] = set().union(*(_RANGE_ACCEPTS.get(m, {m}) for m in members))
                ranges[prop].add(key)
    for t in triples:
        if not isinstance(t.subject, ox.NamedNode) or not isinstance(t.object, ox.NamedNode):
            continue
        p, s, o = t.predicate.value, t.subject.value, t.object.value
        if p == sub_class:
            supers[s].add(o)
        elif p == domain:
            domains[s].add(o)
        elif p == disjoint:
            disjoint_pairs.add((s, o))
        elif p == rdf_type and o.startswith(str(OWL)):
            schema_subjects.add(s)  # classes, properties: not individuals
    found: dict[str, list[str]] = defaultdict(list)
    direct: dict[str, set[str]] = defaultdict(set)
    for t in triples:
        if not isinstance(t.subject, ox.NamedNode):
            continue
        subject, predicate = t.subject.value, t.predicate.value
        if subject in schema_subjects:
            continue
        if isinstance(t.object, ox.Literal):
            for rng in ranges.get(predicate, ()):
                accepted = accepts.get(rng)
                datatype = t.object.datatype.value
                if accepted is not None and datatype not in accepted:
                    found[subject].append(
                        f"{_short(subject)} {_short(predicate)} {t.object}: the value is not in "
                        f"the property's range {_short(rng)}"
                    )
            direct[subject] |= domains.get(predicate, set())
            continue
        if ranges_only:
            continue
        if predicate == rdf_type and isinstance(t.object, ox.NamedNode):
            direct[subject].add(t.object.value)
            continue
        direct[subject] |= domains.get(predicate, set())
        if isinstance(t.object, ox.NamedNode):
            direct[t.object.value] |= ranges.get(predicate, set())
    for iri, classes in direct.items():
        closed = set(classes)
        todo = list(closed)
        while todo:
            for sup in supers.get(todo.pop(), ()):
                if sup not in closed:
                    closed.add(sup)
                    todo.append(sup)
        for a, b in sorted(disjoint_pairs):
            if a in closed and b in closed:
                found[iri].append(
                    f"{_short(iri)} is both {_short(a)} and {_short(b)}, "
                    f"but {_short(a)} owl:disjointWith {_short(b)}"
                )
    return dict(found)


def _short(iri: str) -> str:
    if " " in iri:  # already a description (a union of datatypes)
        return iri
    if iri.startswith(_XSD):
        return "xsd:" + iri[len(_XSD) :]
    if iri.startswith(_SG):
        return "sg:" + iri[len(_SG) :]
    if iri.startswith(_SGID):
        return "sgid:" + iri[len(_SGID) :]
    return f"<{iri}>"


# --------------------------------------------------------------------------------------------
# OWL 2 DL profile check (the OWL API's checker, from the OWL API inside owlready2's HermiT.jar)
# --------------------------------------------------------------------------------------------
def _owlapi_ontology(path: Path, catalog: Path | None) -> Any:
    """Load ``path`` with the OWL API (from owlready2's HermiT.jar, through jpype).

    With ``catalog`` (a Protégé ``catalog-v001.xml``), every import is mapped to its local file
    as Protégé does (an import the catalog misses would be fetched from its IRI: the ontology
    tests check that the catalog maps every import).
    """
    import os
    import xml.etree.ElementTree as ET

    require_java()
    try:
        import jpype
        import jpype.imports  # enables ``from org... import``
    except ImportError:
        raise JavaMissingError(
            "the OWL 2 DL profile check needs the jpype1 package: pip install jpype1"
        ) from None
    import owlready2

    jar = os.path.join(os.path.dirname(owlready2.__file__), "hermit", "HermiT.jar")
    if not jpype.isJVMStarted():
        jpype.startJVM(classpath=[jar])
    from java.io import File
    from org.semanticweb.owlapi.apibinding import OWLManager
    from org.semanticweb.owlapi.model import IRI
    from org.semanticweb.owlapi.util import SimpleIRIMapper

    manager = OWLManager.createOWLOntologyManager()
    if catalog is not None:
        # The catalog is the project's own file (parsed by the standard library's expat, which
        # expands no external entities).
        namespace = "{urn:oasis:names:tc:entity:xmlns:xml:catalog}"
        for entry in ET.parse(catalog).getroot().iter(f"{namespace}uri"):
            name, target = entry.get("name"), entry.get("uri")
            if name and target:
                local = (catalog.parent / target).resolve().as_uri()
                manager.addIRIMapper(SimpleIRIMapper(IRI.create(name), IRI.create(local)))
    return manager.loadOntologyFromOntologyDocument(File(str(path)))


def imports_closure(path: Path, catalog: Path | None = None) -> list[str]:
    """IRIs of the ontologies the OWL API loads for ``path`` (itself and every import)."""
    ontology = _owlapi_ontology(path, catalog)
    return sorted(
        str(o.getOntologyID().getOntologyIRI().toString()) for o in ontology.getImportsClosure()
    )


def dl_profile_violations(path: Path, catalog: Path | None = None) -> list[str]:
    """OWL 2 DL profile violations of the ontology in ``path`` and its imports, by the OWL
    API's profile checker.

    Needs Java and the ``jpype1`` package (a test extra). The JVM starts in this process the
    first time and stays (jpype cannot restart it).
    """
    ontology = _owlapi_ontology(path, catalog)  # starts the JVM: Java imports come after
    from org.semanticweb.owlapi.profiles import OWL2DLProfile

    report = OWL2DLProfile().checkOntology(ontology)
    return sorted({str(v.toString()) for v in report.getViolations()})


# --------------------------------------------------------------------------------------------
# output
# --------------------------------------------------------------------------------------------
def render_reason_report(report: ReasonReport, fmt: str) -> str:
    """The report as text (``table``) or JSON (``json``)."""
    import json

    if fmt == "json":
        return json.dumps(report.as_dict(), indent=2)
    if fmt != "table":
        raise InputError(f"unknown format {fmt!r}; choose table or json")
    if report.consistent is None:
        verdict = "not checked (rule engine)"
    else:
        verdict = "consistent" if report.consistent else "INCONSISTENT"
    lines = [
        f"engine: {report.engine} ({report.why})",
        f"scope: {report.scope}, {report.input_triples:,} triples",
        f"consistency: {verdict}",
    ]
    if report.engine == "hermit" and report.consistent:
        lines.append(f"individuals classified: {report.individuals:,}")
    if report.offending:
        lines.append("individuals involved:")
        lines.extend(f"  {_short(iri)}" for iri in report.offending[:50])
        if len(report.offending) > 50:
            lines.append(f"  ... and {len(report.offending) - 50} more")
    if report.explanation:
        lines.append("why:")
        lines.extend(f"  {line}" for line in report.explanation)
    if report.sanctioned_states:
        lines.append("sanctioned states: " + ", ".join(_short(s) for s in report.sanctioned_states))
    if report.materialised:
        total = report.materialised.get("total", 0)
        parts = ", ".join(
            f"{k} {v}" for k, v in sorted(report.materialised.items()) if k != "total"
        )
        lines.append(f"inferred graph: {total:,} triples ({parts})")
    lines.append(f"time: {report.seconds:.2f} s")
    return "\n".join(lines)
