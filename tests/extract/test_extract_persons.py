"""Persons: role and state from the text, leaders from the reference data, one person across
spellings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sanctions_graph.extract.mentions import find_mentions
from sanctions_graph.extract.persons import find_persons, person_key
from sanctions_graph.extract.sentences import split_sentences
from sanctions_graph.extract.tokens import tokenize


@dataclass(frozen=True)
class Leader:
    name: str
    aliases: tuple[str, ...]
    state: str
    role: str
    start: dt.date | None
    end: dt.date | None


LEADERS = [
    Leader("Vladimir Putin", ("Putin",), "RUS", "President", dt.date(2012, 5, 7), None),
    Leader("Kim Jong Un", ("Kim Jong-un",), "PRK", "Supreme Leader", dt.date(2011, 12, 17), None),
]


def _persons(text: str, leaders: list[Leader] | None = None, date: dt.date | None = None):
    tokens = tokenize(text)
    mentions = find_mentions(text, tokens)
    return find_persons(text, tokens, split_sentences(text), mentions, date, leaders or [])


def test_role_and_state_come_from_the_words_before_the_name() -> None:
    text = (
        "Russian President Vladimir Putin met North Korea's leader Kim Jong Un. "
        "He was joined by Defence Minister Andrei Belousov and U.S. Secretary of State "
        "Antony Blinken spoke later."
    )
    persons, _ = _persons(text)
    assert [(p.key, p.name, p.role, p.state) for p in persons] == [
        ("vladimir-putin", "Vladimir Putin", "President", "RUS"),
        ("kim-jong-un", "Kim Jong Un", "leader", "PRK"),
        # No state in the role and none named before it in its sentence: unknown.
        ("andrei-belousov", "Andrei Belousov", "Defence Minister", None),
        ("antony-blinken", "Antony Blinken", "Secretary of State", "USA"),
    ]


def test_spellings_and_short_forms_are_one_person() -> None:
    text = (
        "North Korean leader Kim Jong Un greeted Putin. Kim Jong-un later said Kim's country "
        "stands with Russia."
    )
    persons, mentions = _persons(text)
    kim = next(p for p in persons if p.key == "kim-jong-un")
    assert kim.variants == ["Kim Jong Un", "Kim Jong-un", "Kim"]
    assert [(m.surface, m.code) for m in mentions if m.code == "kim-jong-un"] == [
        ("Kim Jong Un", "kim-jong-un"),
        ("Kim Jong-un", "kim-jong-un"),
        ("Kim", "kim-jong-un"),
    ]
    for mention in mentions:
        assert text[mention.span.start : mention.span.end] == mention.surface


def test_a_leader_named_by_surname_alone_gets_the_record_state_and_role() -> None:
    persons, mentions = _persons(
        "Sanctions kept Putin from his goals.", LEADERS, dt.date(2024, 6, 20)
    )
    assert [(p.key, p.name, p.role, p.state) for p in persons] == [
        ("vladimir-putin", "Vladimir Putin", "President", "RUS")
    ]
    assert [(m.surface, m.span.start, m.span.end) for m in mentions] == [("Putin", 15, 20)]


def test_a_list_of_officials_takes_the_state_of_its_group_and_counterparts_the_role() -> None:
    text = (
        "He presented several North Korean officials to the guests, among them Foreign Minister "
        "Choe Son Hui. Marrero met his Russian counterpart Mikhail Mishustin, said Cuban "
        "Prime Minister Manuel Marrero."
    )
    persons, _ = _persons(text)
    found = {p.name: (p.role, p.state) for p in persons}
    assert found["Choe Son Hui"] == ("Foreign Minister", "PRK")
    assert found["Manuel Marrero"] == ("Prime Minister", "CUB")


def test_appositive_role_after_the_name() -> None:
    persons, _ = _persons(
        "“Enough,” said Josep Borrell, the EU's High Representative for Foreign Affairs."
    )
    assert [(p.name, p.role, p.state) for p in persons] == [
        ("Josep Borrell", "High Representative for Foreign Affairs", "EU")
    ]


def test_person_key_ignores_hyphens_case_and_accents() -> None:
    assert person_key("Kim Jong-un") == person_key("KIM JONG UN") == "kim-jong-un"
    assert person_key("Nicolás Maduro") == "nicolas-maduro"
