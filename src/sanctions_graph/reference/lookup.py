"""Look up states, organisations and regimes by code or name; resolve an actor code.

Names are compared after normalisation (``name_key``): accents removed, case folded, curly
apostrophes straightened, dots dropped, hyphens and runs of spaces made one space, and a leading
"the" dropped, so "the U.S." and "US" or "Cote d'Ivoire" and "Côte d’Ivoire" meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import cache

from sanctions_graph.reference.loader import load_organisations, load_regimes, load_states
from sanctions_graph.reference.model import OrgRecord, RegimeRecord, StateRecord

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʻ": "'"})
_SPACES = re.compile(r"[\s\-‐‑–—_]+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def name_key(text: str) -> str:
    """The form under which names are compared (see the module docstring)."""
    key = _SPACES.sub(" ", _fold(text).replace(".", "")).strip()
    return key.removeprefix("the ").strip()


def code_key(text: str) -> str:
    """The form under which list codes are compared: no case, no spacing, straight apostrophes.

    "CAATSA - RUSSIA" and "caatsa-russia", "South Sudan" and "SouthSudan", "The Russia
    (Sanctions) ..." and "Russia (Sanctions) ..." meet.
    """
    folded = _fold(text).strip()
    folded = folded.removeprefix("the ")
    return re.sub(r"\s+", "", folded)


# ------------------------------------------------------------------------------------- states


@cache
def _state_index() -> dict[str, StateRecord]:
    index: dict[str, StateRecord] = {}
    for record in load_states():
        for code in (record.iso3, record.iso2, record.numeric):
            if code:
                index[f"code:{code.casefold()}"] = record
        for name in (record.name, record.official_name, *record.aliases):
            index.setdefault(f"name:{name_key(name)}", record)
    return index


def states() -> list[StateRecord]:
    """Every state: 193 UN members, 2 UN observers, Taiwan and Kosovo (sorted by ISO3)."""
    return list(load_states())


def state(code_or_name: str) -> StateRecord | None:
    """The state with this ISO3/ISO2/numeric code or name/alias (not capital or demonym)."""
    index = _state_index()
    text = code_or_name.strip()
    return index.get(f"code:{text.casefold()}") or index.get(f"name:{name_key(text)}")


# ------------------------------------------------------------------------------ organisations


@cache
def _org_index() -> dict[str, OrgRecord]:
    index: dict[str, OrgRecord] = {}
    for record in load_organisations():
        index[f"code:{record.acronym.casefold()}"] = record
        for name in (record.name, *record.aliases):
            index.setdefault(f"name:{name_key(name)}", record)
    return index


def organisations() -> list[OrgRecord]:
    """Every international organisation or grouping in the reference data."""
    return list(load_organisations())


def organisation(acronym_or_name: str) -> OrgRecord | None:
    """The organisation with this acronym, name or alias (not metonym), or None."""
    index = _org_index()
    text = acronym_or_name.strip()
    return index.get(f"code:{text.casefold()}") or index.get(f"name:{name_key(text)}")


# ------------------------------------------------------------------------------------ regimes


@cache
def _regime_indexes() -> tuple[dict[str, RegimeRecord], dict[tuple[str, str], RegimeRecord]]:
    by_key: dict[str, RegimeRecord] = {}
    by_code: dict[tuple[str, str], RegimeRecord] = {}
    for record in load_regimes():
        if record.key in by_key:
            raise ValueError(f"regimes.yaml: duplicate key {record.key}")
        by_key[record.key] = record
        for source, code in record.codes:
            slot = (source, code_key(code))
            other = by_code.get(slot)
            if other is not None and other.key != record.key:
                raise ValueError(
                    f"regimes.yaml: code {source}:{code} used by {other.key} and {record.key}"
                )
            by_code[slot] = record
    return by_key, by_code


def regimes() -> list[RegimeRecord]:
    """Every sanctions regime in the reference data."""
    return list(load_regimes())


def regime(key: str) -> RegimeRecord | None:
    """The regime with this reference key (e.g. ``UN-1718``), or None."""
    return _regime_indexes()[0].get(key)


def regime_for_code(source: str, code: str) -> RegimeRecord | None:
    """The regime a list code belongs to, e.g. ``("OFAC", "DPRK3")`` -> US-DPRK.

    ``source`` is UN, OFAC, EU, UK or OS (OpenSanctions programId), in any case; the code is
    matched ignoring case, spacing and apostrophe style.
    """
    return _regime_indexes()[1].get((source.strip().upper(), code_key(code)))


# ------------------------------------------------------------------------------------- actors


@cache
def _actor_tiers() -> tuple[dict[str, set[str]], ...]:
    # Tier 1: ISO3 codes and organisation acronyms; tier 2: names and aliases; tier 3: ISO2 and
    # numeric codes. An earlier tier wins ("AU" is the African Union before Australia's ISO2).
    codes: dict[str, set[str]] = defaultdict(set)
    names: dict[str, set[str]] = defaultdict(set)
    short: dict[str, set[str]] = defaultdict(set)
    for s in load_states():
        codes[s.iso3.casefold()].add(s.iso3)
        for name in (s.name, s.official_name, *s.aliases):
            names[name_key(name)].add(s.iso3)
        short[s.iso2.casefold()].add(s.iso3)
        if s.numeric:
            short[s.numeric].add(s.iso3)
    for o in load_organisations():
        codes[o.acronym.casefold()].add(o.acronym)
        for name in (o.name, *o.aliases):
            names[name_key(name)].add(o.acronym)
    return dict(codes), dict(names), dict(short)


def resolve_actor(text: str) -> str | None:
    """The ISO3 code or organisation acronym that ``text`` names, or None.

    Accepts codes (ISO3, ISO2, numeric, acronyms) and names or aliases in any case: "North
    Korea", "DPRK", "prk", "KP" -> "PRK"; "UN Security Council" -> "UNSC". Capitals, demonyms
    and metonyms are not names ("Pyongyang" -> None): use ``gazetteer()`` for running text.
    Returns None for an unknown or ambiguous text.
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    keys = (cleaned.casefold(), name_key(cleaned), cleaned.casefold())
    for tier, key in zip(_actor_tiers(), keys, strict=True):
        found = tier.get(key)
        if found:
            return next(iter(found)) if len(found) == 1 else None
    return None
