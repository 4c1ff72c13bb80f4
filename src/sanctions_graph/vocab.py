"""The one place for namespaces and IRIs.

``SG`` is the ontology's vocabulary as an rdflib ``DefinedNamespace``: asking for a term the
ontology does not define raises ``AttributeError`` (a test checks that this list and
``ontology/*.ttl`` define exactly the same terms). ``SGID`` is the namespace of data IRIs; the
helpers below build the IRIs every module shares (states, organisations, regimes, graphs).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

if TYPE_CHECKING:
    from pyoxigraph import NamedNode

__all__ = [
    "DCTERMS",
    "FTM",
    "GRAPH_INFERRED",
    "GRAPH_ONTOLOGY",
    "GRAPH_REFERENCE",
    "ONTOLOGY_IRI",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SG",
    "SGID",
    "SKOS",
    "WD",
    "XSD",
    "org_iri",
    "ox",
    "person_iri",
    "regime_iri",
    "slug",
    "source_graph_iri",
    "state_iri",
]

ONTOLOGY_IRI = URIRef("https://w3id.org/sanctions-graph/ontology")
SGID = Namespace("https://w3id.org/sanctions-graph/id/")
SCHEMA = Namespace("https://schema.org/")
FTM = Namespace("https://schema.followthemoney.tech/#")
WD = Namespace("http://www.wikidata.org/entity/")


class SG(DefinedNamespace):
    """Terms of the sanctions-graph ontology (``sg:``)."""

    _NS = Namespace("https://w3id.org/sanctions-graph/ontology#")
    _fail = True

    # --- actors -----------------------------------------------------------------------------
    Actor: URIRef
    State: URIRef
    Person: URIRef
    Organization: URIRef
    InternationalOrganization: URIRef
    Company: URIRef
    Asset: URIRef
    Vessel: URIRef
    Aircraft: URIRef
    iso3: URIRef
    iso2: URIRef
    isoNumeric: URIRef
    acronym: URIRef
    capital: URIRef
    demonym: URIRef
    metonym: URIRef
    memberOf: URIRef
    nationality: URIRef
    represents: URIRef
    role: URIRef
    country: URIRef
    birthDate: URIRef
    birthPlace: URIRef
    address: URIRef
    identifier: URIRef
    passportNumber: URIRef
    imoNumber: URIRef
    ftmId: URIRef
    owns: URIRef
    directorOf: URIRef
    familyOf: URIRef
    associateOf: URIRef
    possibleMatch: URIRef

    # --- name matches (news <-> lists), reified to carry the score --------------------------
    NameMatch: URIRef
    matchSubject: URIRef
    matchCandidate: URIRef
    matchScore: URIRef
    matchMethod: URIRef

    # --- sanctions --------------------------------------------------------------------------
    SanctionsRegime: URIRef
    SanctionMeasure: URIRef
    ArmsEmbargo: URIRef
    AssetFreeze: URIRef
    TravelBan: URIRef
    TradeRestriction: URIRef
    FinancialRestriction: URIRef
    SectoralSanction: URIRef
    Designation: URIRef
    SanctionedState: URIRef
    SanctionsList: URIRef
    imposedBy: URIRef
    targetsState: URIRef
    formerlyTargetsState: URIRef
    hasTarget: URIRef
    isTargetOf: URIRef
    legalBasis: URIRef
    measure: URIRef
    startDate: URIRef
    endDate: URIRef
    programCode: URIRef
    designates: URIRef
    underRegime: URIRef
    listedOn: URIRef
    delistedOn: URIRef
    listingReference: URIRef

    # --- events -----------------------------------------------------------------------------
    Event: URIRef
    CooperationEvent: URIRef
    Meeting: URIRef
    Visit: URIRef
    ExpressionOfSupport: URIRef
    IntentToCooperate: URIRef
    AgreementSigning: URIRef
    MilitaryCooperation: URIRef
    EconomicCooperation: URIRef
    ArmsTransfer: URIRef
    EconomicAssistance: URIRef
    TechnologyTransfer: URIRef
    ConflictEvent: URIRef
    Criticism: URIRef
    Threat: URIRef
    SanctionsImposition: URIRef
    MilitaryAggression: URIRef
    Agreement: URIRef
    Modality: URIRef
    Asserted: URIRef
    Reported: URIRef
    Alleged: URIRef
    Planned: URIRef
    Denied: URIRef
    cameoCode: URIRef
    participant: URIRef
    actor: URIRef
    target: URIRef
    date: URIRef
    location: URIRef
    modality: URIRef
    agreement: URIRef
    party: URIRef
    signedOn: URIRef
    cooperatesWith: URIRef
    possiblyBreaches: URIRef
    # listing dates (an event's sg:date, repeated by reason.materialise for one listing)
    breachEventDate: URIRef
    agreementEventDate: URIRef
    armsTransferEventDate: URIRef
    # cooperation summaries (materialised per pair of actors by reason.materialise)
    CooperationSummary: URIRef
    SanctionedPairSummary: URIRef
    pairMember: URIRef
    cooperationKind: URIRef
    kindSummary: URIRef
    eventCount: URIRef
    sourceCount: URIRef
    publisherCount: URIRef
    firstDate: URIRef
    lastDate: URIRef
    exampleEvidence: URIRef

    # --- evidence ---------------------------------------------------------------------------
    Evidence: URIRef
    SourceDocument: URIRef
    evidence: URIRef
    quote: URIRef
    charStart: URIRef
    charEnd: URIRef
    confidence: URIRef
    extractor: URIRef
    sha256: URIRef
    mentions: URIRef
    sourceKind: URIRef


# Graph names: one per ingested source document, and one each for the ontology, the reference
# data and the reasoner's output.
GRAPH_ONTOLOGY = SGID["graph/ontology"]
GRAPH_REFERENCE = SGID["graph/reference"]
GRAPH_INFERRED = SGID["graph/inferred"]

_SLUG_RE = re.compile(r"[^A-Za-z0-9._-]+")


def slug(text: str) -> str:
    """Return an IRI-safe local name for ``text`` (ASCII letters, digits, ``.``, ``_``, ``-``).

    Other scripts and accented letters are transliterated first ("Nicolás" -> "Nicolas",
    "Путин" -> "Putin"), so that names in them keep distinct, readable local names.
    """
    if not text.isascii():
        from anyascii import anyascii  # only for the rare non-ASCII key

        text = anyascii(text)
    cleaned = _SLUG_RE.sub("-", text.strip()).strip("-")
    return cleaned or "x"


def state_iri(iso3: str) -> URIRef:
    """IRI of a state from its ISO 3166-1 alpha-3 code, e.g. ``sgid:state/PRK``."""
    return SGID[f"state/{iso3.upper()}"]


def org_iri(acronym: str) -> URIRef:
    """IRI of an international organisation from its acronym, e.g. ``sgid:org/UNSC``."""
    return SGID[f"org/{slug(acronym).upper()}"]


def regime_iri(key: str) -> URIRef:
    """IRI of a sanctions regime from its reference key, e.g. ``sgid:regime/UN-1718``."""
    return SGID[f"regime/{slug(key)}"]


def person_iri(key: str) -> URIRef:
    """IRI of a person from a stable key (a name slug scoped by the caller)."""
    return SGID[f"person/{slug(key)}"]


def source_graph_iri(sha256: str) -> URIRef:
    """Named graph of one ingested source document: ``sgid:source/<sha256 of content>``."""
    return SGID[f"source/{sha256}"]


@lru_cache(maxsize=4096)
def ox(iri: str) -> NamedNode:
    """The pyoxigraph ``NamedNode`` for an IRI (cached: ingestors build millions of them)."""
    from pyoxigraph import NamedNode

    return NamedNode(str(iri))
