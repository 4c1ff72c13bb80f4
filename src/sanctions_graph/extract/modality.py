"""Modality of an event: asserted, reported, alleged, planned or denied.

Cues are lemmas (and a few multi-word cues) found in the sentence. Cues that scope over what
follows them ("denied supplying", "concerns about", "would sign", "is expected to") must stand
before the trigger in the same clause; reporting cues ("according to", "said") hold for the whole
sentence. The strongest cue wins: denied > planned > alleged > reported > asserted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from sanctions_graph.extract.model import Modality
from sanctions_graph.extract.tokens import Token

_DENIAL: Final = frozenset({"deny", "denied", "denies", "reject", "dismiss"})
_PLANNED: Final = frozenset(
    {"will", "would", "shall", "'ll", "plan", "intend", "expect", "aim", "seek", "prepare",
     "propose", "ready", "set", "bid", "soon", "upcoming", "future", "promise", "pledge", "vow",
     "agree", "might", "may", "hope", "want", "going"}
)  # fmt: skip
# Planned cues that only count when followed by "to" ("ready to supply", "plans to sign").
_PLANNED_NEEDS_TO: Final = frozenset(
    {"plan", "intend", "expect", "aim", "seek", "prepare", "ready", "set", "bid", "promise",
     "pledge", "vow", "agree", "hope", "want", "going", "propose"}
)  # fmt: skip
_ALLEGED: Final = frozenset(
    {"allege", "alleged", "allegedly", "accuse", "accusation", "concern", "suspect", "suspected",
     "claim", "reportedly", "purportedly", "purported", "suspicion", "fear"}
)  # fmt: skip
_REPORTED: Final = frozenset(
    {"say", "said", "says", "tell", "told", "report", "reported", "according", "cite", "citing",
     "announce", "state", "quote", "add"}
)  # fmt: skip
_CLAUSE_BREAK: Final = frozenset({";", ":", "but", "while", "whereas", "although"})
#: Confidence factor per modality (how much the sentence commits to the event).
CONFIDENCE_FACTOR: Final[dict[str, float]] = {
    "Asserted": 1.0,
    "Reported": 0.95,
    "Planned": 0.85,
    "Alleged": 0.75,
    "Denied": 0.6,
}


def modality(
    tokens: Sequence[Token],
    trigger: int,
    *,
    purpose: bool = True,
    reported: bool | None = None,
) -> Modality:
    """The modality of the event triggered at ``tokens[trigger]`` (tokens of one sentence).

    With ``purpose`` a bare purpose infinitive ("a deal to boost ties") counts as planned.
    ``reported`` is ``is_reported(tokens)`` when the caller has it already (it holds for the
    whole sentence, so a sentence with several events needs it once).
    """
    start = trigger
    # Scope: back to the start of the clause, at most twelve tokens.
    while start > 0 and trigger - start < 12 and tokens[start - 1].lower not in _CLAUSE_BREAK:
        start -= 1
    before = tokens[start:trigger]
    lemmas = [token.lemma for token in before]
    lowers = [token.lower for token in before]
    if not (_DENIAL.isdisjoint(lowers) and _DENIAL.isdisjoint(lemmas)):
        return "Denied"
    # The cue tests below look at single words: a clause without any cue word skips them.
    planned = not (_PLANNED.isdisjoint(lemmas) and _PLANNED.isdisjoint(lowers))
    for index, token in enumerate(before if planned else ()):
        word = token.lemma if token.lemma in _PLANNED else token.lower
        if word not in _PLANNED:
            continue
        if word in _PLANNED_NEEDS_TO:
            following = before[index + 1 : index + 3]
            if not any(t.lower == "to" for t in following):
                continue
        return "Planned"
    # A purpose infinitive ("deal to boost ties") is an intention.
    if (
        purpose
        and trigger > 1
        and tokens[trigger - 1].lower == "to"
        and tokens[trigger - 2].lemma not in ("continue", "begin", "start", "have")
    ):
        return "Planned"
    alleged = not (_ALLEGED.isdisjoint(lemmas) and _ALLEGED.isdisjoint(lowers))
    if alleged and any(
        (t.lemma in _ALLEGED or t.lower in _ALLEGED) and t.text.islower() for t in before
    ):
        return "Alleged"
    if trigger < len(tokens) and any(
        t.lower in ("alleged", "allegedly") for t in tokens[trigger : trigger + 3]
    ):
        return "Alleged"
    if is_reported(tokens) if reported is None else reported:
        return "Reported"
    return "Asserted"


def is_reported(tokens: Sequence[Token]) -> bool:
    """Whether a sentence carries a reporting cue ("said", "according to") anywhere."""
    # Lower-case words only: "the United States" is not a verb of saying.
    for index, token in enumerate(tokens):
        if (token.lemma in _REPORTED or token.lower in _REPORTED) and (
            index == 0 or token.text.islower()
        ):
            return True
    return False
