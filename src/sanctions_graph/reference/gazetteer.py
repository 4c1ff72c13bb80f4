"""Every surface form that stands for a state or an organisation in running text.

Rules (so that extraction does not misfire):
- one entry per (surface, actor), with the most specific way it names the actor (name or alias
  before demonym, metonym, capital);
- a surface that stands for different actors keeps only the actors from its most specific tier,
  and is dropped when that tier is itself ambiguous ("Congolese", "Dominican"): "Brussels" is a
  metonym of the EU before it is Belgium's capital;
- bare forms that name no one state ("Congo", "Korea") are not in the data at all, and names
  that are mostly read inside longer non-actor names ("America" in "Latin America", "South
  America") stay names for ``resolve_actor`` but are left out here (``NOT_IN_TEXT``);
- ``case_sensitive`` is set for acronyms and other short forms ("US", "UN", "Iran"), forms with
  dots ("U.S."), and names that are also ordinary English words ("Chad", "Jordan", "Turkey").
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from sanctions_graph.reference.loader import load_organisations, load_states
from sanctions_graph.reference.model import VIAS, GazetteerEntry

#: Names that are also common English words or given names; matched only as written.
AMBIGUOUS_WORDS = frozenset(
    {
        "Chad", "Jordan", "Georgia", "Georgian", "Turkey", "China", "Guinea", "Japan", "Niger",
        "Panama", "Chile", "Polish", "Swede", "Victoria", "Kingston", "Sofia", "Santiago",
        "Lima", "Male", "Nice", "Jersey", "Grenada", "Kiwi", "Pentagon", "Planalto",
        "Miraflores Palace", "Bankova", "Whitehall", "Number 10", "Washington", "Holland",
        "Lao", "Dane", "Finn", "Pole", "Turk", "Bajan", "Vatican",
    }
)  # fmt: skip

#: Names resolve_actor accepts but running text mostly uses inside other names.
NOT_IN_TEXT = frozenset({"America"})

#: Demonyms whose plural is not "+s" (or would collide with a name: "Lao" -> "Laos").
_NO_PLURAL = frozenset(
    {"Lao", "Malagasy", "Vatican", "Motswana", "Batswana", "Mosotho", "Basotho", "Liswati",
     "Philippine", "I-Kiribati", "Ni-Vanuatu", "Swiss", "Thai", "Burkinabè"}
)  # fmt: skip
_NO_PLURAL_ENDINGS = ("ese", "sh", "ch", "s", "x", "z")

_RANK = {via: i for i, via in enumerate(VIAS)}
# "name", "alias" and "acronym" are equally specific; the others follow in VIAS order.
_TIER = {"name": 0, "alias": 0, "acronym": 0, "demonym": 1, "metonym": 2, "capital": 3}


def _case_sensitive(surface: str, via: str) -> bool:
    if via == "acronym" or len(surface) <= 4 or "." in surface:
        return True
    if via == "demonym" and surface.endswith("s") and _case_sensitive(surface[:-1], via):
        return True  # the plural of a short or ambiguous demonym: "Poles", "Danes", "Turks"
    letters = [ch for ch in surface if ch.isalpha()]
    if letters and sum(ch.isupper() for ch in letters) >= 2 and " " not in surface:
        return True  # DPRK, DRC, UAE, PRC, KSA ... and camel-case acronyms such as "CoE"
    return surface in AMBIGUOUS_WORDS


def _plurals(demonym: str) -> list[str]:
    if demonym in _NO_PLURAL or demonym.endswith(_NO_PLURAL_ENDINGS):
        return []
    return [demonym + "s"]


def _candidates() -> list[tuple[str, str, str, str]]:
    """(surface, kind, code, via) before de-duplication and conflict resolution."""
    out: list[tuple[str, str, str, str]] = []
    for s in load_states():
        out.append((s.name, "state", s.iso3, "name"))
        for alias in (s.official_name, *s.aliases):
            out.append((alias, "state", s.iso3, "alias"))
        for demonym in s.demonyms:
            for form in (demonym, *_plurals(demonym)):
                out.append((form, "state", s.iso3, "demonym"))
        for metonym in s.metonyms:
            out.append((metonym, "state", s.iso3, "metonym"))
        for capital in s.capitals:
            out.append((capital, "state", s.iso3, "capital"))
    for o in load_organisations():
        out.append((o.acronym, "organisation", o.acronym, "acronym"))
        out.append((o.name, "organisation", o.acronym, "name"))
        for alias in o.aliases:
            out.append((alias, "organisation", o.acronym, "alias"))
        for metonym in o.metonyms:
            out.append((metonym, "organisation", o.acronym, "metonym"))
    return out


@cache
def _gazetteer() -> tuple[GazetteerEntry, ...]:
    # Best (most specific) way each surface names each actor.
    best: dict[tuple[str, str, str], tuple[str, str]] = {}
    for surface, kind, code, via in _candidates():
        if surface in NOT_IN_TEXT:
            continue
        slot = (surface, kind, code)
        if slot not in best or _RANK[via] < _RANK[best[slot][1]]:
            best[slot] = (surface, via)
    # Group by the folded surface to find forms that stand for several actors.
    groups: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for (surface, kind, code), (_, via) in best.items():
        groups[surface.casefold()].append((surface, kind, code, via))
    entries: list[GazetteerEntry] = []
    for members in groups.values():
        top = min(_TIER[via] for *_, via in members)
        kept = [m for m in members if _TIER[m[3]] == top]
        if len({(kind, code) for _, kind, code, _ in kept}) > 1:
            continue  # ambiguous at its most specific tier: no entry rather than a wrong one
        for surface, kind, code, via in kept:
            entries.append(GazetteerEntry(surface, kind, code, via, _case_sensitive(surface, via)))
    entries.sort(key=lambda e: (-len(e.surface), e.surface, e.kind, e.code))
    return tuple(entries)


def gazetteer() -> list[GazetteerEntry]:
    """Every surface form of every state and organisation, longest first (see module rules)."""
    return list(_gazetteer())
