"""resolve_actor: codes and names of states and organisations, unknown and ambiguous texts."""

from __future__ import annotations

import pytest

from sanctions_graph.reference import resolve_actor


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("North Korea", "PRK"),
        ("DPRK", "PRK"),
        ("prk", "PRK"),
        ("KP", "PRK"),
        ("  Democratic People's Republic of Korea ", "PRK"),
        ("Russia", "RUS"),
        ("US", "USA"),
        ("America", "USA"),
        ("UK", "GBR"),
        ("Britain", "GBR"),
        ("UN Security Council", "UNSC"),
        ("Security Council", "UNSC"),
        ("UNSC", "UNSC"),
        ("UN", "UN"),
        ("European Union", "EU"),
        ("Council of the EU", "EU"),
        ("nato", "NATO"),
        ("Arab League", "LAS"),
        # An acronym outranks an ISO2 code: "AU" is the African Union, not Australia.
        ("AU", "AU"),
        ("Australia", "AUS"),
    ],
)
def test_resolves_codes_and_names(text: str, code: str) -> None:
    assert resolve_actor(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "Pyongyang",  # capital
        "the Kremlin",  # metonym
        "North Korean",  # demonym
        "Brussels",  # metonym of the EU
        "Congo",  # two states
        "Korea",  # two states
        "Atlantis",
        "",
        "   ",
    ],
)
def test_unknown_or_ambiguous_gives_none(text: str) -> None:
    assert resolve_actor(text) is None
