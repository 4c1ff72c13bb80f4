"""Gazetteer mentions: names, aliases, demonyms, capitals, metonyms, organisations."""

from __future__ import annotations

from dataclasses import dataclass

from sanctions_graph.extract.mentions import Gazetteer, find_mentions
from sanctions_graph.extract.tokens import tokenize


def _found(text: str, gazetteer: Gazetteer | None = None) -> list[tuple[str, str, str, int, int]]:
    return [
        (m.surface, m.code, m.via, m.span.start, m.span.end)
        for m in find_mentions(text, tokenize(text), gazetteer)
    ]


def test_reference_gazetteer_finds_metonyms_demonyms_capitals_and_organisations() -> None:
    text = (
        "The Kremlin and Pyongyang rejected US-led pressure; North Korean and Russian envoys "
        "met at the UN Security Council in Washington."
    )
    assert _found(text) == [
        ("The Kremlin", "RUS", "metonym", 0, 11),
        ("Pyongyang", "PRK", "metonym", 16, 25),
        ("US", "USA", "alias", 35, 37),
        ("North Korean", "PRK", "demonym", 52, 64),
        ("Russian", "RUS", "demonym", 69, 76),
        ("UN Security Council", "UNSC", "alias", 95, 114),
        ("Washington", "USA", "metonym", 118, 128),
    ]


def test_lower_case_words_are_not_names() -> None:
    # "us" is a pronoun and "china" porcelain: case-sensitive forms must match as written.
    assert _found("Tell us about the china they sold.") == []


def test_hyphenated_words_name_their_first_part_only() -> None:
    text = "Iranian-made drones"
    assert _found(text) == [("Iranian", "IRN", "demonym", 0, 7)]


@dataclass(frozen=True)
class Entry:
    surface: str
    kind: str
    code: str
    via: str
    case_sensitive: bool


def test_longest_match_wins_and_names_outrank_demonyms() -> None:
    gazetteer = Gazetteer(
        [
            Entry("North Korea", "state", "PRK", "name", False),
            Entry("North Korean", "state", "PRK", "demonym", True),
            Entry("Korea", "state", "XXK", "name", False),
            Entry("EU", "organisation", "EU", "acronym", True),
            Entry("Islamic Republic of Iran", "state", "IRN", "alias", False),
        ]
    )
    assert _found("North Korean envoys told the EU that North Korea", gazetteer) == [
        ("North Korean", "PRK", "demonym", 0, 12),
        ("EU", "EU", "acronym", 29, 31),
        ("North Korea", "PRK", "name", 37, 48),
    ]
    assert gazetteer.names == {"PRK": "North Korea", "XXK": "Korea"}
    # Proper prefixes of long names, for "the Islamic Republic" as a reference.
    assert gazetteer.descriptions == {
        ("islamic", "republic"): frozenset({"IRN"}),
        ("islamic", "republic", "of"): frozenset({"IRN"}),
    }
