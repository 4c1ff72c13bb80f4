"""Modality cues: denied > planned > alleged > reported > asserted."""

from __future__ import annotations

import pytest

from sanctions_graph.extract.modality import modality
from sanctions_graph.extract.tokens import tokenize


def _modality(text: str, trigger: str, *, purpose: bool = True) -> str:
    tokens = tokenize(text)
    index = next(i for i, t in enumerate(tokens) if t.text == trigger)
    return modality(tokens, index, purpose=purpose)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Iran supplied drones to Russia.", "supplied", "Asserted"),
        ("Iran supplied drones to Russia, officials said.", "supplied", "Reported"),
        ("According to Kyiv, Iran supplied drones to Russia.", "supplied", "Reported"),
        ("There are concerns about Iran supplying drones to Russia.", "supplying", "Alleged"),
        ("Kyiv accused Iran of supplying drones to Russia.", "supplying", "Alleged"),
        ("Tehran has denied supplying drones to Russia.", "supplying", "Denied"),
        ("The two countries would sign an agreement.", "sign", "Planned"),
        ("Putin is expected to visit Pyongyang.", "visit", "Planned"),
        ("The deal will soon be signed, he said.", "signed", "Planned"),
        ("Russia is ready to supply oil, Moscow said.", "supply", "Planned"),
        ("They signed a deal to boost ties.", "boost", "Planned"),
        # "continued to arm" is no plan, and a purpose clause can be switched off.
        ("Russia has continued to arm the junta.", "arm", "Asserted"),
        ("They signed a deal to boost ties.", "boost", "Asserted"),
    ],
)
def test_modality_cues(text: str, trigger: str, expected: str) -> None:
    purpose = not (text == "They signed a deal to boost ties." and expected == "Asserted")
    assert _modality(text, trigger, purpose=purpose) == expected


def test_names_are_not_cues() -> None:
    # "States" (of "United States") is not the verb "state".
    assert _modality("The United States sanctioned Iran.", "sanctioned") == "Asserted"
