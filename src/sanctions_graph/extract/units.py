"""Actor units of a sentence: mentions, persons and references, merged and grouped.

A unit is what a relation rule sees as one participant: "North Korean leader Kim Jong Un" (one
unit, PRK), "Russia and China" (one group unit, RUS+CHN), "the two countries" (a reference,
resolved to the last two states named), "its" (the last state named, not counting the agent of
a "by" phrase), "he" (the person who was the subject of the previous clause), "the North" (the
state named before whose name starts with "North"), "the Islamic Republic" (the state named
before whose official name starts so).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Final

from sanctions_graph.extract.lexicon import ACTOR_NOUNS, NOUN_LEFT, PREPOSITIONS, SOURCE_CUES
from sanctions_graph.extract.model import Mention, PersonFact
from sanctions_graph.extract.persons import ROLE_WORDS
from sanctions_graph.extract.tokens import Token


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (word lists are written as prose blocks)."""
    return frozenset(text.split())


_PLURAL_HEADS: Final = _words(
    """
    countries nations sides states allies leaders presidents governments partners neighbours
    neighbors capitals pair
    """
)
_SINGULAR_DESCRIPTIONS: Final = _words(
    """
    regime country nation island government state kingdom republic
    """
)
_DETERMINER_LIKE: Final = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "this"})
_NUMBERS: Final = frozenset(
    [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "hundreds",
        "dozen",
        "dozens",
    ]
)
#: Words a reference can start with (a cheap test before the full one).
_REFERENCE_STARTS: Final = frozenset(
    {"he", "him", "his", "she", "her", "it", "its", "they", "them", "their", "both", "the"}
)
_CLAUSE_OPENERS: Final = frozenset(
    {",", ";", ":", "and", "but", "that", "while", "when", "as", "because", "said", "says",
     "since", "after", "before", "if", "although", "“", '"', "earlier", "later"}
)  # fmt: skip
_PLACE_PREPOSITIONS: Final = frozenset({"in", "at", "into", "inside", "across", "near", "outside"})
_PUNCTUATION_INSIDE: Final = frozenset({"[", "]", "(", ")", "“", "”", '"', "‘", "’", "'"})
_PREPOSITIONS_INCLUDING: Final = PREPOSITIONS | {"including"}
_FIRST: Final = attrgetter("first")


class Unit:
    """One participant slot in a sentence (token indices are local to the sentence).

    A plain class, not a dataclass: compiled, its ``__init__`` is native code, whereas a
    dataclass keeps the interpreted ``__init__`` the dataclass machinery writes (sentences have
    many units). Units are compared by identity only.
    """

    def __init__(
        self,
        first: int,
        end: int,
        codes: list[str],
        kind: str,  # "state" | "organisation" | "person" | "reference" | "group"
        via: str = "",
        persons: list[str] | None = None,
        possessive: bool = False,
        prep: str | None = None,
        source: bool = False,
    ) -> None:
        self.first = first
        self.end = end
        self.codes = codes
        self.kind = kind
        self.via = via
        self.persons: list[str] = [] if persons is None else persons
        self.possessive = possessive  # "Russia's", "its", "their"
        self.prep = prep  # the preposition governing it ("with Putin" -> "with")
        # A demonym qualifying a thing ("Russian LNG"): not a participant.
        self.modifier = False
        self.resolved = False  # whether its codes come from resolving a reference
        self.source = source  # "according to Russian media": who reports, not who acts

    def __repr__(self) -> str:
        return (
            f"Unit({self.first}, {self.end}, {self.codes!r}, {self.kind!r}, {self.via!r}, "
            f"persons={self.persons!r}, possessive={self.possessive}, prep={self.prep!r}, "
            f"modifier={self.modifier}, resolved={self.resolved}, source={self.source})"
        )

    @property
    def participant(self) -> bool:
        """Whether the unit can be an actor or target of an event."""
        return bool(self.codes) and not self.modifier and not self.source


@dataclass
class History:
    """What earlier sentences of the document named, for resolving references."""

    #: (code, person key or "", sentence index, was a subject-like unit) in order of appearance.
    entries: list[tuple[str, str, int, bool]] = field(default_factory=list)
    #: Codes of coordinated groups ("Cuba and Russia") with their sentence index.
    groups: list[tuple[list[str], int]] = field(default_factory=list)
    #: Participants of the last symmetric event ("the cooperation" refers back to it).
    last_pair: list[str] = field(default_factory=list)

    def remember(
        self, mentions: Sequence[Mention], persons: dict[str, PersonFact], sentence: int
    ) -> None:
        """Record what a sentence without events names (no units built: cheaper)."""
        for mention in mentions:
            if mention.kind == "person":
                person = persons.get(mention.code)
                if person is not None and person.state:
                    self.entries.append((person.state, mention.code, sentence, True))
            elif mention.via != "demonym":
                self.entries.append((mention.code, "", sentence, True))

    def add(self, unit: Unit, sentence: int) -> None:
        """Record the codes a unit named (not places: "in Ukraine", not mere modifiers)."""
        if not unit.codes or unit.source or unit.modifier:
            return
        if unit.prep in _PLACE_PREPOSITIONS:
            return
        subject_like = unit.prep is None
        if unit.kind == "group" and len(unit.codes) >= 2:
            self.groups.append((list(unit.codes), sentence))
        if unit.persons:
            for person in unit.persons:
                self.entries.append((unit.codes[0], person, sentence, subject_like))
        else:
            for code in unit.codes:
                self.entries.append((code, "", sentence, subject_like))


def build_units(
    tokens: Sequence[Token],
    mentions: Sequence[Mention],
    persons: dict[str, PersonFact],
    history: History,
    sentence: int,
    state_names: dict[str, str],
    descriptions: dict[tuple[str, ...], frozenset[str]],
) -> list[Unit]:
    """The units of one sentence, references resolved against ``history`` (then updated)."""
    units = _mention_units(tokens, mentions, persons)
    units = _add_references(tokens, units)
    units = _merge_titles(tokens, units)
    for unit in units:
        _mark_context(tokens, unit)
    units = _group(tokens, units)
    for unit in units:
        if unit.kind == "reference" and not unit.codes:
            unit.codes = _resolve(
                tokens, unit, units, history, sentence, state_names, descriptions, persons
            )
            unit.resolved = True
        history.add(unit, sentence)
    return units


def _mention_units(
    tokens: Sequence[Token], mentions: Sequence[Mention], persons: dict[str, PersonFact]
) -> list[Unit]:
    units = []
    position = 0
    count = len(tokens)
    for mention in mentions:
        span = mention.span
        span_start, span_end = span.start, span.end
        # The tokens that end after the mention starts and start before it ends (mentions are
        # in order and do not overlap, so the search goes on where the last one ended).
        while position < count and tokens[position].end <= span_start:
            position += 1
        end = position
        while end < count and tokens[end].start < span_end:
            end += 1
        if end == position:
            continue
        if mention.kind == "person":
            person = persons.get(mention.code)
            codes = [person.state] if person is not None and person.state else []
            units.append(Unit(position, end, codes, "person", "person", persons=[mention.code]))
        else:
            units.append(Unit(position, end, [mention.code], mention.kind, mention.via))
    return units


def _add_references(tokens: Sequence[Token], units: list[Unit]) -> list[Unit]:
    """Pronouns and descriptions that stand for actors ("the two countries", "its", "he")."""
    covered = {i for unit in units for i in range(unit.first, unit.end)}
    found: list[Unit] = []
    index = 0  # the first token not yet inside a reference
    for start, token in enumerate(tokens):
        if token.lower not in _REFERENCE_STARTS or start < index or start in covered:
            continue
        index = start
        end = _reference_end(tokens, index, covered)
        if end > index:
            found.append(Unit(index, end, [], "reference", _reference_via(tokens, index, end)))
            index = end
    if not found:
        return units  # already in order
    return sorted(units + found, key=_FIRST)


def _reference_end(tokens: Sequence[Token], index: int, covered: set[int]) -> int:
    """End of a reference phrase starting at ``index`` (``index`` when there is none)."""
    lower = tokens[index].lower
    nxt = tokens[index + 1].lower if index + 1 < len(tokens) else ""
    third = tokens[index + 2].lower if index + 2 < len(tokens) else ""
    if lower == "it":
        # A subject "it" may stand for a state; an object "it" is usually a thing ("vetoed it").
        previous = tokens[index - 1].lower if index > 0 else ""
        return index + 1 if index == 0 or previous in _CLAUSE_OPENERS else index
    if lower in ("he", "him", "his", "she", "her", "its", "they", "them", "their"):
        return index + 1
    if lower == "both":
        if nxt in _PLURAL_HEADS:
            return index + 2
        # "both Russia and China" is a group, not a reference.
        return index if index + 1 in covered else index + 1
    if lower == "the":
        if nxt == "two" and third in _PLURAL_HEADS:
            return index + 3
        if nxt == "two":
            return index + 2
        if nxt in ("allies", "pair") or (nxt == "two" and third):
            return index + 2
        if nxt in ("north", "south") and tokens[index + 1].text[0].isupper():
            return index + 2 if index + 1 not in covered else index
        if nxt in _SINGULAR_DESCRIPTIONS and index + 1 not in covered:
            return index + 2
        # "the Islamic Republic", "the communist-run island": up to three words.
        for length in (3, 2):
            words = [t.lower for t in tokens[index + 1 : index + 1 + length]]
            if (
                len(words) == length
                and words[-1] in _SINGULAR_DESCRIPTIONS
                and not any(i in covered for i in range(index + 1, index + 1 + length))
            ):
                return index + 1 + length
    return index


def _reference_via(tokens: Sequence[Token], first: int, end: int) -> str:
    words = [t.lower for t in tokens[first:end]]
    if words[0] in ("he", "him", "his", "she", "her"):
        return "person-pronoun"
    if words[0] in ("it", "its"):
        return "state-pronoun"
    if words[0] in ("they", "them", "their", "both") or (
        len(words) > 1 and words[1] in ("two", "allies", "pair")
    ):
        return "plural"
    if len(words) == 2 and words[1] in ("north", "south"):
        return "compass"
    return "description"


def _merge_titles(tokens: Sequence[Token], units: list[Unit]) -> list[Unit]:
    """Merge "Russian President Vladimir Putin", "North Korea's leader Kim", "his British
    counterpart, David Lammy" into one unit (the person's state wins)."""
    merged: list[Unit] = []
    for unit in units:
        if merged and _title_gap(tokens, merged[-1], unit):
            previous = merged.pop()
            person = unit if unit.kind == "person" else previous
            codes = (
                person.codes
                if person.kind == "person" and person.codes
                else unit.codes or previous.codes
            )
            merged.append(
                Unit(
                    previous.first,
                    unit.end,
                    list(codes),
                    person.kind,
                    person.via,
                    persons=previous.persons + unit.persons,
                )
            )
        else:
            merged.append(unit)
    return merged


def _title_gap(tokens: Sequence[Token], left: Unit, right: Unit) -> bool:
    """Whether only role words separate ``left`` from the person ``right``."""
    if right.kind != "person" and not (
        left.kind == "reference" and left.via in ("person-pronoun", "state-pronoun", "plural")
    ):
        return False
    if left.kind == "person" or right.first - left.end > 6:
        return False
    gap = tokens[left.end : right.first]
    if left.kind == "reference":
        # A possessive pronoun determining a title: "his Russian counterpart".
        if tokens[left.first].lower not in ("his", "her", "its", "their"):
            return False
        return all(t.lower in ROLE_WORDS or t.text == "," for t in gap)
    if not gap:
        return False
    has_role = any(
        t.lower in ROLE_WORDS and t.lower not in ("'s", "’s", "the", "of", "and") for t in gap
    )
    return has_role and all(t.lower in ROLE_WORDS or t.text == "," for t in gap)


def _mark_context(tokens: Sequence[Token], unit: Unit) -> None:
    """Set ``possessive``, ``prep``, ``modifier`` and ``source`` from the words around a unit."""
    if unit.end < len(tokens) and tokens[unit.end].lower in ("'s", "’s"):
        unit.possessive = True
    if unit.kind == "reference" and tokens[unit.first].lower in ("his", "her", "its", "their"):
        unit.possessive = True
    if (
        unit.end < len(tokens)
        and tokens[unit.end].lower == "'"
        and tokens[unit.end - 1].lower.endswith("s")
    ):
        unit.possessive = True  # "the two countries' foreign ministers"
    cursor = unit.first - 1
    skipped = 0
    while cursor >= 0 and skipped < 4:
        word = tokens[cursor].lower
        if word in PREPOSITIONS and not _approximation(tokens, cursor):
            break
        if not (
            word in _DETERMINER_LIKE
            or word in NOUN_LEFT
            or word in _NUMBERS
            or word[:1].isdigit()
            or _approximation(tokens, cursor)
        ):
            break
        cursor -= 1
        skipped += 1
    if cursor >= 0 and tokens[cursor].lower in _PREPOSITIONS_INCLUDING:
        unit.prep = tokens[cursor].lower
        if unit.prep == "to" and cursor > 0 and tokens[cursor - 1].lower in SOURCE_CUES:
            unit.source = True
    if cursor >= 0 and tokens[cursor].lower in SOURCE_CUES:
        unit.source = True
    if unit.kind == "state" and unit.via == "demonym" and not unit.possessive:
        after = unit.end
        while after < len(tokens) and tokens[after].text in _PUNCTUATION_INSIDE:
            after += 1  # "these [Iranian] ballistic missiles"
        following = tokens[after] if after < len(tokens) else None
        if following is not None and following.text[:1].islower():
            # "the Russian army" acts; "Russian LNG", "European security" do not. Look past
            # adjectives: "Russian military personnel".
            nouns = [t.lower for t in tokens[after : after + 3] if t.text[:1].islower()]
            unit.modifier = not any(noun in ACTOR_NOUNS for noun in nouns[:2])
        elif (
            following is not None
            and following.text[:1].isupper()
            and following.lower not in ROLE_WORDS
        ):
            unit.modifier = True  # "Russian LNG", "Russian Central Bank"


def _approximation(tokens: Sequence[Token], index: int) -> bool:
    """ "about twenty", "nearly 300": a word that qualifies a number, not a preposition."""
    if tokens[index].lower not in ("about", "around", "nearly", "over", "almost", "some"):
        return False
    following = tokens[index + 1].lower if index + 1 < len(tokens) else ""
    return following[:1].isdigit() or following in _NUMBERS


def _group(tokens: Sequence[Token], units: list[Unit]) -> list[Unit]:
    """Join coordinated units ("Russia and China", "Iran, Venezuela") into group units."""
    result: list[Unit] = []
    for unit in units:
        if result and _coordinated(tokens, result[-1], unit):
            left = result.pop()
            codes = list(dict.fromkeys(left.codes + unit.codes))
            group = Unit(
                left.first,
                unit.end,
                codes,
                "group",
                "group",
                persons=left.persons + unit.persons,
                possessive=unit.possessive,
                prep=left.prep,
                source=left.source,
            )
            group.resolved = (
                left.resolved
                or unit.resolved
                or left.kind == "reference"
                or unit.kind == "reference"
            )
            result.append(group)
        else:
            result.append(unit)
    return result


def _coordinated(tokens: Sequence[Token], left: Unit, right: Unit) -> bool:
    if left.modifier or right.modifier or left.possessive or not 0 < right.first - left.end <= 2:
        return False  # every coordinating gap below is one or two words
    gap = [t.lower for t in tokens[left.end : right.first]]
    if left.kind == "reference" and left.via != "description":
        return False
    if right.kind == "reference" and right.via not in ("description", "compass"):
        # "Blinken and his counterpart" is merged earlier; "X and its allies" is not a group.
        return False
    if gap in (["and"], ["&"], ["and", "the"]):
        return True
    # "Iran, Venezuela", "X, Y, and Z": only between units in the same syntactic position
    # ("sold shells to Moscow, and Washington said ..." is no group).
    if gap in ([","], [",", "and"]):
        return left.prep == right.prep or (left.kind == "group" and gap == [",", "and"])
    return False


def _resolve(
    tokens: Sequence[Token],
    unit: Unit,
    units: list[Unit],
    history: History,
    sentence: int,
    state_names: dict[str, str],
    descriptions: dict[tuple[str, ...], frozenset[str]],
    persons: dict[str, PersonFact],
) -> list[str]:
    """Codes a reference stands for."""
    earlier = [u for u in units if u.end <= unit.first and u.codes and not u.source]
    via = unit.via
    if via == "person-pronoun":
        return _resolve_person(earlier, history, sentence, persons)
    if via == "state-pronoun":
        return _resolve_it(earlier, history, sentence)
    if via == "plural":
        return _resolve_plural(earlier, history, sentence)
    words = tuple(t.lower for t in tokens[unit.first + 1 : unit.end])
    named = [code for code, *_ in reversed(history.entries)]
    if via == "compass":
        prefix = words[0] + " "
        for code in named:
            if state_names.get(code, "").lower().startswith(prefix):
                return [code]
        return []
    candidates = descriptions.get(words)
    if candidates:
        for code in named:
            if code in candidates:
                return [code]
        return []
    # "the regime", "the country": the last state named outside this clause's other units.
    here = {code for u in earlier for code in u.codes}
    for code in named:
        if len(code) == 3 and code.isupper() and code not in here:
            return [code]
    return []


def _resolve_person(
    earlier: list[Unit], history: History, sentence: int, persons: dict[str, PersonFact]
) -> list[str]:
    """ "he"/"his": the first person subject in this sentence, else in the previous one."""
    for unit in earlier:
        if unit.persons and unit.prep is None and unit.codes:
            return unit.codes[:1]
    previous = [e for e in history.entries if e[1] and e[2] < sentence]
    if previous:
        last_sentence = previous[-1][2]
        in_last = [e for e in previous if e[2] == last_sentence]
        subjects = [e for e in in_last if e[3]] or in_last
        return [subjects[0][0]]
    return []


def _resolve_it(earlier: list[Unit], history: History, sentence: int) -> list[str]:
    """ "it"/"its": the last state or organisation named here that is not the agent of "by";
    at the start of a sentence, the first such subject of the previous sentence."""
    for unit in reversed(earlier):
        if unit.prep != "by" and not unit.persons and not unit.modifier:
            return unit.codes[:1]
    previous = [e for e in history.entries if not e[1] and e[2] < sentence]
    if previous:
        last_sentence = previous[-1][2]
        in_last = [e for e in previous if e[2] == last_sentence]
        subjects = [e for e in in_last if e[3]] or in_last
        return [subjects[0][0]]
    return []


def _resolve_plural(earlier: list[Unit], history: History, sentence: int) -> list[str]:
    """ "the two countries", "both", "their": a group named just before; else two actors named
    earlier in this sentence; else a group of the previous two sentences; else the two actors
    the document has named most (recent sentences weigh double)."""
    for unit in reversed(earlier):
        if unit.kind == "group" and len(unit.codes) >= 2:
            return list(unit.codes)
    here: list[str] = []
    for unit in earlier:
        if unit.modifier or unit.prep in _PLACE_PREPOSITIONS:
            continue
        here.extend(code for code in unit.codes if code not in here)
    if len(here) >= 2:
        return here[-2:]
    for codes, where in reversed(history.groups):
        if where < sentence and sentence - where <= 2:
            return list(codes)
    weight: dict[str, float] = {}
    order: dict[str, int] = {}
    for position, (code, _person, where, _subject) in enumerate(history.entries):
        weight[code] = weight.get(code, 0.0) + (2.0 if sentence - where <= 2 else 1.0)
        order[code] = position
    ranked = sorted(weight, key=lambda code: (-weight[code], -order[code]))
    if len(ranked) < 2:
        return []
    first, second = ranked[:2]
    return [first, second] if order[first] < order[second] else [second, first]
