"""Records of the curated reference data: states, organisations, regimes, gazetteer, leaders."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

#: Allowed ``StateRecord.status`` values.
STATE_STATUSES = ("un_member", "un_observer", "other")
#: Allowed ``RegimeRecord.measures`` values: local names of ``sg:SanctionMeasure`` individuals.
MEASURES = (
    "ArmsEmbargo",
    "AssetFreeze",
    "TravelBan",
    "TradeRestriction",
    "FinancialRestriction",
    "SectoralSanction",
)
#: Allowed list-code sources of ``RegimeRecord.codes``: UN list type, OFAC programme tag, EU
#: Financial Sanctions File programme, UK Sanctions List regime name, OpenSanctions programId.
CODE_SOURCES = ("UN", "OFAC", "EU", "UK", "OS")
#: Allowed ``GazetteerEntry.via`` values, most specific first.
VIAS = ("name", "alias", "acronym", "demonym", "metonym", "capital")


@dataclass(frozen=True)
class StateRecord:
    """A sovereign state: ISO 3166-1 codes, names and the words news text uses for it."""

    iso3: str
    iso2: str
    numeric: str
    name: str
    official_name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    metonyms: tuple[str, ...]
    status: str  # "un_member" | "un_observer" | "other"


@dataclass(frozen=True)
class OrgRecord:
    """An international organisation or grouping (``parent``: the organisation it belongs to)."""

    acronym: str
    name: str
    aliases: tuple[str, ...]
    parent: str | None
    metonyms: tuple[str, ...] = ()
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegimeRecord:
    """A sanctions regime with its authority, target, legal basis, measures, dates and codes."""

    key: str
    label: str
    authority: str  # ISO3 or organisation acronym ("UNSC", "USA", "EU", "GBR")
    target: str | None  # ISO3; None for thematic regimes
    legal_basis: str
    measures: tuple[str, ...]
    start: datetime.date
    end: datetime.date | None
    codes: tuple[tuple[str, str], ...]  # (source, code), e.g. ("OFAC", "DPRK3")
    note: str = ""


@dataclass(frozen=True)
class GazetteerEntry:
    """One surface form an extractor may find in text, and the actor it stands for."""

    surface: str
    kind: str  # "state" | "organisation"
    code: str  # ISO3 or organisation acronym
    via: str  # "name" | "alias" | "acronym" | "demonym" | "metonym" | "capital"
    case_sensitive: bool


@dataclass(frozen=True)
class LeaderRecord:
    """A person holding a public role for a state (ISO3) or an organisation (acronym)."""

    name: str
    aliases: tuple[str, ...]
    state: str
    role: str
    start: datetime.date | None
    end: datetime.date | None
