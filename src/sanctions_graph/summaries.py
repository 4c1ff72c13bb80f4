"""Cooperation summaries: what the store's events say about each pair of cooperating actors.

``reason.materialise`` calls :func:`cooperation_summaries` with the cooperation events it has
already read (their kinds and participants) and writes the result into the inferred graph, so
it is kept current by every ingest, drop and ``reason`` run. The questions that aggregate
cooperation over the whole store (``sanctioned-cooperation``, ``partners``) then read a few
hundred summary nodes instead of joining every event with its evidence, sources and dates (at
10 million triples: 24-34 s for the join, milliseconds for the summaries).

For every unordered pair of actors taking part together in at least one cooperation event::

    sgid:cooperation/state-PRK--state-RUS a sg:CooperationSummary ;
        sg:pairMember sgid:state/PRK , sgid:state/RUS ;
        sg:cooperationKind sg:ArmsTransfer , sg:Meeting ;    # every kind seen
        sg:eventCount 5 ; sg:sourceCount 2 ; sg:publisherCount 2 ;
        sg:firstDate "2023-09-13"^^xsd:date ; sg:lastDate "2024-06-19"^^xsd:date ;
        sg:exampleEvidence sgid:evidence/... ;                # of the most recent event
        sg:kindSummary sgid:cooperation/state-PRK--state-RUS/ArmsTransfer , ... .

and one node per kind (linked with ``sg:kindSummary``) with the same counts, dates and example
for that kind alone. A pair of two sanctioned states (``sg:SanctionedState``) is also an
``sg:SanctionedPairSummary``: the pairs the project's first question asks for, found without
reading the thousands of other pairs. An event's date is the one its sentence states, else the
publication date of the documents it comes from. Counts are of distinct events, source
documents and publishers.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox

from sanctions_graph.vocab import RDF, SG, SGID, XSD

_SGID = str(SGID)
_XSD_DATE = ox.NamedNode(str(XSD.date))
_XSD_INTEGER = ox.NamedNode(str(XSD.integer))
_RDF_TYPE = ox.NamedNode(str(RDF.type))
_SUMMARY = ox.NamedNode(str(SG.CooperationSummary))
_SANCTIONED_PAIR = ox.NamedNode(str(SG.SanctionedPairSummary))
_P = {
    name: ox.NamedNode(str(SG[name]))
    for name in (
        "pairMember",
        "cooperationKind",
        "eventCount",
        "sourceCount",
        "publisherCount",
        "firstDate",
        "lastDate",
        "exampleEvidence",
        "kindSummary",
    )
}


@dataclass
class EventRecord:
    """What a summary needs to know of one cooperation event."""

    kinds: set[str]  # its most specific cooperation classes
    participants: set[str]
    dates: list[str] = field(default_factory=list)  # ISO dates (stated, else of its sources)
    evidence: list[str] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)


@dataclass
class _Tally:
    """Running aggregate of one summary node."""

    events: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    publishers: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    first: str | None = None
    last: str | None = None
    # The example: the evidence of the most recent event (ties: the smallest evidence IRI;
    # undated events rank below dated ones).
    example_key: tuple[str, str] | None = None

    def add(self, event: str, record: EventRecord, publishers: Iterable[str]) -> None:
        self.events.add(event)
        self.sources.update(record.sources)
        self.publishers.update(publishers)
        self.kinds.update(record.kinds)
        latest = max(record.dates, default="")
        if record.dates:
            earliest = min(record.dates)
            self.first = earliest if self.first is None else min(self.first, earliest)
            self.last = latest if self.last is None else max(self.last, latest)
        if record.evidence:
            evidence = min(record.evidence)
            # The later date wins; for the same date, the smaller evidence IRI.
            if (
                self.example_key is None
                or latest > self.example_key[0]
                or (latest == self.example_key[0] and evidence < self.example_key[1])
            ):
                self.example_key = (latest, evidence)


def iso_date(value: str) -> str | None:
    """The ``YYYY-MM-DD`` part of an xsd:date or xsd:dateTime lexical form, else ``None``."""
    head = value[:10]
    if len(head) == 10 and head[4] == "-" and head[7] == "-" and head.replace("-", "").isdigit():
        return head
    return None


def _key(iri: str) -> str:
    """A readable, IRI-safe key for an actor: ``state-PRK`` for ``sgid:state/PRK``."""
    if iri.startswith(_SGID):
        return iri[len(_SGID) :].replace("/", "-")
    return "h" + hashlib.sha1(iri.encode("utf-8")).hexdigest()[:16]


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def cooperation_summaries(
    events: Mapping[str, EventRecord],
    publishers: Mapping[str, set[str]],
    sanctioned: Set[str] = frozenset(),
) -> list[ox.Triple]:
    """The summary triples for ``events`` (cooperation events by IRI); ``publishers`` gives the
    publisher names of each source document. A pair whose two actors are both in ``sanctioned``
    (the sg:SanctionedState members) is also an ``sg:SanctionedPairSummary``."""
    pairs: dict[tuple[str, str], _Tally] = defaultdict(_Tally)
    by_kind: dict[tuple[str, str, str], _Tally] = defaultdict(_Tally)
    for event, record in events.items():
        names = {p for source in record.sources for p in publishers.get(source, ())}
        members = sorted(record.participants)
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pairs[(a, b)].add(event, record, names)
                for kind in record.kinds:
                    by_kind[(a, b, kind)].add(event, record, names)
    triples: list[ox.Triple] = []
    for (a, b), tally in pairs.items():
        node = ox.NamedNode(f"{_SGID}cooperation/{_key(a)}--{_key(b)}")
        triples += _describe(node, tally)
        triples.append(ox.Triple(node, _P["pairMember"], ox.NamedNode(a)))
        triples.append(ox.Triple(node, _P["pairMember"], ox.NamedNode(b)))
        if a in sanctioned and b in sanctioned:
            triples.append(ox.Triple(node, _RDF_TYPE, _SANCTIONED_PAIR))
    for (a, b, kind), tally in by_kind.items():
        pair = ox.NamedNode(f"{_SGID}cooperation/{_key(a)}--{_key(b)}")
        node = ox.NamedNode(f"{pair.value}/{_local(kind)}")
        triples += _describe(node, tally)
        triples.append(ox.Triple(pair, _P["kindSummary"], node))
    return triples


def _describe(node: ox.NamedNode, tally: _Tally) -> list[ox.Triple]:
    triples = [
        ox.Triple(node, _RDF_TYPE, _SUMMARY),
        ox.Triple(node, _P["eventCount"], _integer(len(tally.events))),
        ox.Triple(node, _P["sourceCount"], _integer(len(tally.sources))),
        ox.Triple(node, _P["publisherCount"], _integer(len(tally.publishers))),
    ]
    triples += [ox.Triple(node, _P["cooperationKind"], ox.NamedNode(k)) for k in tally.kinds]
    if tally.first is not None and tally.last is not None:
        triples.append(ox.Triple(node, _P["firstDate"], _date(tally.first)))
        triples.append(ox.Triple(node, _P["lastDate"], _date(tally.last)))
    if tally.example_key is not None:
        triples.append(
            ox.Triple(node, _P["exampleEvidence"], ox.NamedNode(tally.example_key[1]))
        )
    return triples


# Cached: counts and dates repeat across the summaries, and a literal is immutable.
@lru_cache(maxsize=4096)
def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_XSD_INTEGER)


@lru_cache(maxsize=16384)
def _date(value: str) -> ox.Literal:
    return ox.Literal(value, datatype=_XSD_DATE)
