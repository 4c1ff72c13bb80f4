"""What article extraction produces: plain data, no RDF, no store.

``extract_document`` (in ``sanctions_graph.extract``) turns a ``Document`` into an ``Extraction``;
``sanctions_graph.ingest.article`` turns an ``Extraction`` into triples; ``evaluate`` scores
``Extraction.events`` against gold files. Actors are referred to by a *code*: an ISO 3166-1
alpha-3 code for a state ("PRK") or an organisation acronym ("UNSC").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

#: Event classes of the core vocabulary (local names of ``sg:`` classes).
EventType = Literal[
    "Meeting",
    "Visit",
    "ExpressionOfSupport",
    "IntentToCooperate",
    "AgreementSigning",
    "MilitaryCooperation",
    "EconomicCooperation",
    "ArmsTransfer",
    "EconomicAssistance",
    "TechnologyTransfer",
    "Criticism",
    "Threat",
    "SanctionsImposition",
    "MilitaryAggression",
]

#: Modality individuals of the core vocabulary (local names of ``sg:`` individuals).
Modality = Literal["Asserted", "Reported", "Alleged", "Planned", "Denied"]

#: What kind of thing a mention names.
MentionKind = Literal["state", "organisation", "person"]


@dataclass(frozen=True)
class Document:
    """One article as read from its source, before extraction."""

    text: str
    title: str | None = None
    publisher: str | None = None
    date: dt.date | None = None
    url: str | None = None
    source_path: str | None = None


@dataclass(frozen=True)
class Span:
    """A character range of the document text: ``text[start:end]``."""

    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """A sentence of the document, with its offsets."""

    index: int
    span: Span
    text: str


@dataclass(frozen=True)
class Mention:
    """A place in the text that names an actor (state, organisation or person)."""

    kind: MentionKind
    code: str  # state ISO3, organisation acronym, or person key
    span: Span
    surface: str  # the text as written, e.g. "Pyongyang", "North Korean"
    via: str  # how it matched: name, alias, demonym, capital, metonym, acronym, person, ...


@dataclass
class PersonFact:
    """A person named in the document, merged across spellings within the document."""

    key: str  # stable within the document, e.g. "kim-jong-un"
    name: str  # the fullest form seen, e.g. "Kim Jong Un"
    variants: list[str] = field(default_factory=list)  # every spelling seen
    role: str | None = None  # e.g. "Foreign Minister"
    state: str | None = None  # ISO3 of the state the person belongs to / represents
    mentions: list[Span] = field(default_factory=list)


@dataclass
class EventFact:
    """One event: a typed, directed relation between actors, with its evidence."""

    type: EventType
    actor: str  # code of who acts
    targets: list[str]  # codes of the targets (at least one)
    sentence: Sentence  # the evidence sentence (verbatim, with offsets in the document text)
    modality: Modality = "Asserted"
    date: dt.date | None = None
    location: str | None = None  # ISO3 code of the state where it took place, when stated
    agreement_label: str | None = None  # for agreement events: the agreement's name if given
    confidence: float = 0.7
    trigger: str | None = None  # the word(s) that triggered the pattern, for debugging


@dataclass
class Extraction:
    """Everything extracted from one document."""

    document: Document
    sentences: list[Sentence]
    mentions: list[Mention]
    persons: list[PersonFact]
    events: list[EventFact]
    #: Codes of all actors (states, organisations) the document names.
    actors: set[str] = field(default_factory=set)
