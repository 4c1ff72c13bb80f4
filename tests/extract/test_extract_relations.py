"""Event frames: every event type, roles by frame, groups split, references resolved.

Each case is a short sentence (our own wording) and the exact events it must give:
(type, actor, targets, modality).
"""

from __future__ import annotations

import datetime as dt

import pytest

from sanctions_graph.extract import extract_document
from sanctions_graph.extract.model import Document

DATE = dt.date(2024, 6, 19)  # a Wednesday

CASES = [
    # Meeting (symmetric: the first-named party acts), location from the city.
    (
        "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing.",
        [("Meeting", "RUS", ["CHN"], "Asserted")],
    ),
    # Agreement signing by a group subject; planned signing is an intent to cooperate.
    (
        "Iran and Venezuela signed a cooperation agreement in Caracas.",
        [("AgreementSigning", "IRN", ["VEN"], "Asserted")],
    ),
    (
        "Hungary and Serbia will sign a pipeline deal next week.",
        [("IntentToCooperate", "HUN", ["SRB"], "Planned")],
    ),
    # Visit: host welcomes visitor (visitor -> host); travel to a capital.
    (
        "Kim Jong Un welcomed Putin at the airport. Putin later flew to Hanoi.",
        [("Visit", "RUS", ["PRK"], "Asserted"), ("Visit", "RUS", ["VNM"], "Asserted")],
    ),
    (
        "Belarusian President Alexander Lukashenko arrived in Moscow on Monday.",
        [("Visit", "BLR", ["RUS"], "Asserted")],
    ),
    # Transfers typed by their goods: supplier -> recipient.
    (
        "Iran has supplied Russia with hundreds of drones.",
        [("ArmsTransfer", "IRN", ["RUS"], "Asserted")],
    ),
    (
        "Moscow is helping Pyongyang with satellite technology.",
        [("TechnologyTransfer", "RUS", ["PRK"], "Asserted")],
    ),
    (
        "Russia received artillery shells from North Korea last week.",
        [("ArmsTransfer", "PRK", ["RUS"], "Asserted")],
    ),
    (
        "Russia is expected to send oil to North Korea soon.",
        [("EconomicAssistance", "RUS", ["PRK"], "Planned")],
    ),
    # "in exchange for" reverses the flow.
    (
        "North Korea provides Russia with munitions in exchange for food and technology transfers.",
        [
            ("ArmsTransfer", "PRK", ["RUS"], "Asserted"),
            ("EconomicAssistance", "RUS", ["PRK"], "Asserted"),
            ("TechnologyTransfer", "RUS", ["PRK"], "Asserted"),
        ],
    ),
    # A group subject is split for directed events; "the regime" refers back.
    (
        "Myanmar's junta faces UN sanctions. Russia and China have continued to arm the regime.",
        [
            ("SanctionsImposition", "UN", ["MMR"], "Asserted"),
            ("ArmsTransfer", "RUS", ["MMR"], "Asserted"),
            ("ArmsTransfer", "CHN", ["MMR"], "Asserted"),
        ],
    ),
    # Support and criticism.
    (
        "Venezuela thanked Cuba for its support.",
        [("ExpressionOfSupport", "VEN", ["CUB"], "Asserted")],
    ),
    (
        "China condemned the United States over the visit.",
        [("Criticism", "CHN", ["USA"], "Asserted")],
    ),
    # Sanctions: authority -> target, also when the target is the subject of "under".
    (
        "The European Union imposed sanctions on Belarus.",
        [("SanctionsImposition", "EU", ["BLR"], "Asserted")],
    ),
    ("Syria is under US sanctions.", [("SanctionsImposition", "USA", ["SYR"], "Asserted")]),
    (
        "Cuba and Russia signed a deal. Both countries are under US sanctions, the report said.",
        [
            ("AgreementSigning", "CUB", ["RUS"], "Asserted"),
            ("SanctionsImposition", "USA", ["CUB", "RUS"], "Reported"),
        ],
    ),
    # Aggression and threats.
    (
        "Russia invaded Ukraine in February 2022.",
        [("MilitaryAggression", "RUS", ["UKR"], "Asserted")],
    ),
    (
        "North Korea threatened South Korea with nuclear weapons.",
        [("Threat", "PRK", ["KOR"], "Asserted")],
    ),
    # Modality: denied, alleged.
    (
        "Tehran has denied supplying missiles to Moscow.",
        [("ArmsTransfer", "IRN", ["RUS"], "Denied")],
    ),
    (
        "Western officials accused Iran of sending drones to Russia.",
        [("ArmsTransfer", "IRN", ["RUS"], "Alleged")],
    ),
    # Military and economic cooperation, intent.
    (
        "India and Russia held joint naval exercises.",
        [("MilitaryCooperation", "IND", ["RUS"], "Asserted")],
    ),
    (
        "Kim Jong Un met Putin. The two leaders will sign a treaty in Pyongyang.",
        [("Meeting", "PRK", ["RUS"], "Asserted"), ("IntentToCooperate", "PRK", ["RUS"], "Planned")],
    ),
    # Bans are sanctions; troops sent are military cooperation; a loan is assistance; a
    # leader received is a visit; "military operation" is a war.
    (
        "The European Union banned Belarusian airlines from its airspace.",
        [("SanctionsImposition", "EU", ["BLR"], "Asserted")],
    ),
    (
        "North Korea has sent thousands of troops to Russia.",
        [("MilitaryCooperation", "PRK", ["RUS"], "Asserted")],
    ),
    (
        "Russian President Vladimir Putin received Belarusian leader Alexander Lukashenko in "
        "Sochi and promised a loan of 500 million dollars to Minsk.",
        [("Visit", "BLR", ["RUS"], "Asserted"), ("EconomicAssistance", "RUS", ["BLR"], "Asserted")],
    ),
    (
        "Damascus supported Russia's military operation in Ukraine, he said.",
        [
            ("ExpressionOfSupport", "SYR", ["RUS"], "Reported"),
            ("MilitaryAggression", "RUS", ["UKR"], "Reported"),
        ],
    ),
    # A pronoun stands for the person who was the subject before.
    (
        "Iran's supreme leader Ali Khamenei met Putin in Tehran. He praised Russia's role.",
        [
            ("Meeting", "IRN", ["RUS"], "Asserted"),
            ("ExpressionOfSupport", "IRN", ["RUS"], "Asserted"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_sentence_gives_exactly_these_events(text: str, expected: list[tuple]) -> None:
    extraction = extract_document(Document(text=text, date=DATE))
    found = [(e.type, e.actor, e.targets, e.modality) for e in extraction.events]
    assert found == expected


def test_without_an_antecedent_a_reference_gives_no_event() -> None:
    extraction = extract_document(
        Document(text="Russia is supplying fuel to the North.", date=DATE)
    )
    assert extraction.events == []


def test_negated_events_are_not_extracted() -> None:
    extraction = extract_document(
        Document(text="Russia and Japan have not signed a peace treaty.", date=DATE)
    )
    assert extraction.events == []


def test_event_carries_date_location_evidence_and_confidence() -> None:
    text = (
        "Sanctions hit Minsk. Belarusian President Alexander Lukashenko arrived in Moscow "
        "on Monday."
    )
    extraction = extract_document(Document(text=text, date=DATE))
    [event] = extraction.events
    assert (event.type, event.actor, event.targets) == ("Visit", "BLR", ["RUS"])
    assert event.date == dt.date(2024, 6, 17)  # the Monday before the article date
    assert event.location == "RUS"
    assert event.sentence.index == 1
    assert text[event.sentence.span.start : event.sentence.span.end] == event.sentence.text
    assert event.sentence.text.startswith("Belarusian President")
    assert event.trigger == "arrived"
    assert 0 < event.confidence <= 1
