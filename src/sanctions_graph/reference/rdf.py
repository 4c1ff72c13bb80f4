"""The reference data as RDF triples in the ontology's terms (for the reference named graph).

States ``sgid:state/<ISO3>``, organisations ``sgid:org/<ACRONYM>``, regimes
``sgid:regime/<key>``, office holders ``sgid:person/<name slug>``. The order is fixed, so the
same data gives the same triples in the same order.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pyoxigraph as ox

from sanctions_graph.reference.loader import (
    load_leaders,
    load_organisations,
    load_regimes,
    load_states,
)
from sanctions_graph.vocab import (
    DCTERMS,
    RDF,
    RDFS,
    SG,
    SKOS,
    XSD,
    org_iri,
    person_iri,
    regime_iri,
    state_iri,
)
from sanctions_graph.vocab import (
    ox as node,
)

_XSD_DATE = node(str(XSD.date))


def _en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def _date(value: datetime.date) -> ox.Literal:
    return ox.Literal(value.isoformat(), datatype=_XSD_DATE)


def _actor(code: str) -> ox.NamedNode:
    """State IRI for an ISO3 code of a known state, else the organisation IRI."""
    known = {s.iso3 for s in load_states()}
    return node(str(state_iri(code) if code in known else org_iri(code)))


def _state_triples() -> Iterator[ox.Triple]:
    un = node(str(org_iri("UN")))
    for s in load_states():
        me = node(str(state_iri(s.iso3)))
        yield ox.Triple(me, node(str(RDF.type)), node(str(SG.State)))
        yield ox.Triple(me, node(str(RDFS.label)), _en(s.name))
        yield ox.Triple(me, node(str(SG.iso3)), ox.Literal(s.iso3))
        yield ox.Triple(me, node(str(SG.iso2)), ox.Literal(s.iso2))
        if s.numeric:
            yield ox.Triple(me, node(str(SG.isoNumeric)), ox.Literal(s.numeric))
        for alias in dict.fromkeys((s.official_name, *s.aliases)):
            if alias != s.name:
                yield ox.Triple(me, node(str(SKOS.altLabel)), _en(alias))
        for demonym in s.demonyms:
            yield ox.Triple(me, node(str(SG.demonym)), _en(demonym))
        for capital in s.capitals:
            yield ox.Triple(me, node(str(SG.capital)), _en(capital))
        for metonym in s.metonyms:
            yield ox.Triple(me, node(str(SG.metonym)), _en(metonym))
        if s.status == "un_member":
            yield ox.Triple(me, node(str(SG.memberOf)), un)


def _organisation_triples() -> Iterator[ox.Triple]:
    for o in load_organisations():
        me = node(str(org_iri(o.acronym)))
        yield ox.Triple(me, node(str(RDF.type)), node(str(SG.InternationalOrganization)))
        yield ox.Triple(me, node(str(RDFS.label)), _en(o.name))
        yield ox.Triple(me, node(str(SG.acronym)), ox.Literal(o.acronym))
        for alias in o.aliases:
            yield ox.Triple(me, node(str(SKOS.altLabel)), _en(alias))
        for metonym in o.metonyms:
            yield ox.Triple(me, node(str(SG.metonym)), _en(metonym))
        if o.parent:
            # An organ of another organisation (the Security Council of the UN): part, not member.
            yield ox.Triple(me, node(str(DCTERMS.isPartOf)), node(str(org_iri(o.parent))))
        for member in o.members:
            yield ox.Triple(node(str(state_iri(member))), node(str(SG.memberOf)), me)


def _regime_triples() -> Iterator[ox.Triple]:
    for r in load_regimes():
        me = node(str(regime_iri(r.key)))
        yield ox.Triple(me, node(str(RDF.type)), node(str(SG.SanctionsRegime)))
        yield ox.Triple(me, node(str(RDFS.label)), _en(r.label))
        yield ox.Triple(me, node(str(SG.imposedBy)), _actor(r.authority))
        if r.target:
            # An ended regime no longer makes its target a sg:SanctionedState (the class is
            # defined through sg:hasTarget, of which sg:formerlyTargetsState is not a part).
            targets = SG.formerlyTargetsState if r.end else SG.targetsState
            yield ox.Triple(me, node(str(targets)), node(str(state_iri(r.target))))
        yield ox.Triple(me, node(str(SG.legalBasis)), ox.Literal(r.legal_basis))
        for measure in r.measures:
            yield ox.Triple(me, node(str(SG.measure)), node(str(SG[measure])))
        yield ox.Triple(me, node(str(SG.startDate)), _date(r.start))
        if r.end:
            yield ox.Triple(me, node(str(SG.endDate)), _date(r.end))
        for code in dict.fromkeys(code for _, code in r.codes):
            yield ox.Triple(me, node(str(SG.programCode)), ox.Literal(code))
        if r.note:
            yield ox.Triple(me, node(str(RDFS.comment)), _en(r.note))


def _leader_triples() -> Iterator[ox.Triple]:
    states = {s.iso3 for s in load_states()}
    seen: set[str] = set()
    for leader in load_leaders():
        me = node(str(person_iri(leader.name)))
        if leader.name not in seen:
            seen.add(leader.name)
            yield ox.Triple(me, node(str(RDF.type)), node(str(SG.Person)))
            yield ox.Triple(me, node(str(RDFS.label)), _en(leader.name))
            for alias in leader.aliases:
                yield ox.Triple(me, node(str(SKOS.altLabel)), _en(alias))
        yield ox.Triple(me, node(str(SG.represents)), _actor(leader.state))
        if leader.state in states:
            yield ox.Triple(me, node(str(SG.nationality)), node(str(state_iri(leader.state))))
        yield ox.Triple(me, node(str(SG.role)), ox.Literal(leader.role))


def reference_triples() -> Iterator[ox.Triple]:
    """Every state, organisation, regime and office holder as RDF, in a fixed order.

    The same (subject, predicate, object) can come twice (a person with two roles for one
    state); a store keeps one copy.
    """
    yield from _state_triples()
    yield from _organisation_triples()
    yield from _regime_triples()
    yield from _leader_triples()
