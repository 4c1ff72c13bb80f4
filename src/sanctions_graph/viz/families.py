"""Event families: the grouping of event classes that the picture draws and evaluation scores.

The families are those of DESIGN.md's gold-file section. DIPLOMATIC, AGREEMENT and COOPERATION
relate an unordered pair; SUPPORT, AID, SANCTION and HOSTILITY go from the actor to the target.
The first five are cooperation, the last two conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Polarity = Literal["cooperation", "conflict"]


@dataclass(frozen=True)
class Family:
    """One event family: its name, member classes, direction and polarity."""

    name: str
    classes: tuple[str, ...]
    directed: bool
    polarity: Polarity


FAMILIES: tuple[Family, ...] = (
    Family("DIPLOMATIC", ("Meeting", "Visit"), False, "cooperation"),
    Family("AGREEMENT", ("IntentToCooperate", "AgreementSigning"), False, "cooperation"),
    Family("COOPERATION", ("MilitaryCooperation", "EconomicCooperation"), False, "cooperation"),
    Family("SUPPORT", ("ExpressionOfSupport",), True, "cooperation"),
    Family(
        "AID", ("ArmsTransfer", "EconomicAssistance", "TechnologyTransfer"), True, "cooperation"
    ),
    Family("SANCTION", ("SanctionsImposition",), True, "conflict"),
    Family("HOSTILITY", ("Criticism", "Threat", "MilitaryAggression"), True, "conflict"),
)

FAMILY_NAMES: tuple[str, ...] = tuple(family.name for family in FAMILIES)

_BY_CLASS: dict[str, Family] = {cls: family for family in FAMILIES for cls in family.classes}
_BY_NAME: dict[str, Family] = {family.name: family for family in FAMILIES}


def family_of(event_class: str) -> Family:
    """The family of an event class given by its local name (``"ArmsTransfer"`` -> AID).

    Raises ``KeyError`` for a name that is not one of the core vocabulary's event classes.
    """
    return _BY_CLASS[event_class]


def family_named(name: str) -> Family:
    """The family called ``name`` (case-insensitive); ``KeyError`` if there is none."""
    return _BY_NAME[name.strip().upper()]
