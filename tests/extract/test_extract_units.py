"""Actor units: titles merged with persons, groups, and references resolved."""

from __future__ import annotations

import datetime as dt

from sanctions_graph.extract.mentions import default_gazetteer, find_mentions
from sanctions_graph.extract.persons import find_persons
from sanctions_graph.extract.sentences import split_sentences
from sanctions_graph.extract.tokens import tokenize
from sanctions_graph.extract.units import History, build_units


def _units(text: str) -> list[list[tuple[str, list[str], str]]]:
    """(surface, codes, kind) of every unit, sentence by sentence."""
    tokens = tokenize(text)
    sentences = split_sentences(text)
    mentions = find_mentions(text, tokens)
    persons, person_mentions = find_persons(text, tokens, sentences, mentions, dt.date(2024, 6, 19))
    by_key = {p.key: p for p in persons}
    everything = sorted(mentions + person_mentions, key=lambda m: m.span.start)
    gazetteer = default_gazetteer()
    history = History()
    result = []
    for sentence in sentences:
        local = [t for t in tokens if sentence.span.start <= t.start < sentence.span.end]
        local_mentions = [
            m for m in everything if sentence.span.start <= m.span.start < sentence.span.end
        ]
        units = build_units(
            local, local_mentions, by_key, history, sentence.index,
            gazetteer.names, gazetteer.descriptions,
        )  # fmt: skip
        result.append(
            [(text[local[u.first].start : local[u.end - 1].end], u.codes, u.kind) for u in units]
        )
    return result


def test_title_and_person_are_one_unit_with_the_person_state() -> None:
    assert _units("North Korea's leader Kim Jong Un met Russian President Vladimir Putin.") == [
        [
            ("North Korea's leader Kim Jong Un", ["PRK"], "person"),
            ("Russian President Vladimir Putin", ["RUS"], "person"),
        ]
    ]


def test_coordinated_actors_form_a_group() -> None:
    assert _units("Russia and China vetoed it, while Iran, Syria and Cuba abstained.") == [
        [
            ("Russia and China", ["RUS", "CHN"], "group"),
            ("Iran, Syria and Cuba", ["IRN", "SYR", "CUB"], "group"),
        ]
    ]


def test_the_two_countries_and_the_north_refer_back() -> None:
    units = _units(
        "Vladimir Putin met Kim Jong Un in Pyongyang. The two countries signed a pact. "
        "The North also thanked Moscow, and it praised its friend."
    )
    assert units[1] == [("The two countries", ["RUS", "PRK"], "reference")]
    assert units[2] == [
        ("The North", ["PRK"], "reference"),
        ("Moscow", ["RUS"], "state"),
        ("it", ["RUS"], "reference"),
        ("its", ["RUS"], "reference"),
    ]


def test_the_islamic_republic_is_the_state_named_before_with_that_name() -> None:
    units = _units("Venezuela and Iran met. Maduro flew to the Islamic Republic.")
    assert units[1][-1] == ("the Islamic Republic", ["IRN"], "reference")
