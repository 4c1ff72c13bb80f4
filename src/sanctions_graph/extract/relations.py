"""Event patterns: trigger lemmas with argument frames over actor units.

For each trigger (a verb or noun lemma of ``lexicon``) a frame says where its actor and target
are: the subject and the object of a verb ("North Korea provides Russia with munitions"), the
agent of a passive ("was greeted by Kim"), the possessor or modifier of a noun ("Russia's war",
"UN Security Council sanctions"), the subject of a light verb ("promised full support"), a
prepositional object ("support for Russia", "sanctions on Iran", "visit to Pyongyang"),
"between X and Y". Roles follow the vocabulary: supplier -> recipient, visitor -> host,
sanctioning authority -> target; symmetric events list the first-named party as actor.

Pure functions over the tokens and units of one sentence; ``extract_document`` adds modality,
dates and evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from sanctions_graph.extract.lexicon import (
    ACTOR_NOUNS,
    ADVERBS,
    AGREEMENT_NOUNS,
    ARMS,
    BE_FORMS,
    ECONOMIC,
    ECONOMIC_DOMAIN,
    LIGHT_VERBS,
    MILITARY_DOMAIN,
    NEGATIONS,
    NOUN_LEFT,
    NOUN_ONLY,
    NOUN_TRIGGERS,
    POLICY_WORDS,
    TECH,
    VEHICLES,
    VERB_TRIGGERS,
)
from sanctions_graph.extract.tokens import Token
from sanctions_graph.extract.units import History, Unit

#: A cooperation event whose domain (military/economic) the sentence does not give; kept only
#: when planned (then it is an IntentToCooperate).
GENERIC_COOPERATION: Final = "_Cooperation"
_CLAUSE_STOP: Final = frozenset({";", ":"})
_DETERMINERS: Final = frozenset(
    {"the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those",
     "'s", "’s"}
)  # fmt: skip
_AUXILIARIES: Final = frozenset(
    {"will", "would", "to", "can", "could", "may", "might", "must", "did", "does", "do", "has",
     "have", "had", "shall", "should", "'ll", "not", "n't"}
)  # fmt: skip
# Measure words between a light verb and its noun: "began ten days of joint exercises".
_HOSTILE: Final = frozenset(
    {"sanction", "sanctions", "ban", "punish", "condemn", "embargo", "penalty", "retaliate",
     "expel", "attack", "strike"}
)  # fmt: skip
_QUANTITY: Final = frozenset(
    {"of", "days", "weeks", "months", "years", "hours", "rounds", "series", "two", "three",
     "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "several", "many", "new"}
)  # fmt: skip
_NOUN_FOLLOWERS: Final = ("of", "for", "to", "with", "from", "between", "on", "against")
_TROOPS: Final = frozenset(
    {"troops", "soldiers", "forces", "personnel", "instructors", "advisers", "advisors",
     "mercenaries", "fighters", "battalions", "brigades", "units"}
)  # fmt: skip
_FORCES: Final = _TROOPS | {"army"}
_STRONG_TECH: Final = frozenset({"technology", "technologies", "know-how", "expertise"})
_QUANTIFIERS: Final = frozenset({"any", "no", "every", "each", "some", "such", "another", "all"})
_GERUND_PREPOSITIONS: Final = frozenset({"for", "of", "by", "against", "from", "about"})
_INCREASE_VERBS: Final = frozenset(
    {"expand", "deepen", "boost", "strengthen", "broaden", "raise", "develop", "enhance",
     "bolster", "upgrade", "intensify", "improve", "widen", "advance", "promote"}
)  # fmt: skip
_SPEECH_VERBS: Final = frozenset(
    {"say", "tell", "state", "add", "claim", "allege", "charge", "warn"}
)
_MILITARY_ADJECTIVES: Final = frozenset({"military", "defence", "defense", "security"})
_MONEY_ADJECTIVES: Final = frozenset({"financial", "economic", "humanitarian"})
_SYMMETRIC: Final = frozenset(
    {"Meeting", "AgreementSigning", "IntentToCooperate", "MilitaryCooperation",
     "EconomicCooperation", GENERIC_COOPERATION}
)  # fmt: skip
_LOCATED: Final = frozenset({"Meeting", "Visit", "AgreementSigning", "IntentToCooperate"})
# Sets the rules test against, built once (not at every call).
_PASSIVE_AUXILIARIES: Final = BE_FORMS | {"get", "got", "gotten"}
_PHRASE_STOP: Final = _CLAUSE_STOP | {","}
_ARTICLES_AND_POSSESSIVES: Final = _DETERMINERS - {"'s", "’s"}
_AFTER_PLURAL_HEAD: Final = frozenset({",", ".", ";", "and", "or", "", *_NOUN_FOLLOWERS})
_GOODS: Final = ARMS | TECH | ECONOMIC | VEHICLES


class Candidate:
    """An event found in a sentence, before modality, dates and evidence are added.

    A plain class (a compiled dataclass would keep an interpreted ``__init__``).
    """

    def __init__(
        self, type: str, actor: str, targets: list[str], trigger: int, confidence: float
    ) -> None:
        self.type = type
        self.actor = actor
        self.targets = targets
        self.trigger = trigger  # local token index of the trigger
        self.confidence = confidence
        self.location: str | None = None
        self.consumed: set[int] = set()

    def __repr__(self) -> str:
        return (
            f"Candidate({self.type!r}, {self.actor!r}, {self.targets!r}, {self.trigger}, "
            f"{self.confidence!r}, location={self.location!r})"
        )


class _Sentence:
    """The tokens and units of one sentence with the helpers the frames share."""

    def __init__(self, tokens: Sequence[Token], units: list[Unit], history: History) -> None:
        self.tokens = tokens
        self.units = units
        self.history = history
        self.unit_of: dict[int, Unit] = {}
        for unit in units:
            for index in range(unit.first, unit.end):
                self.unit_of[index] = unit
        self.objects: set[int] = set()  # ids of units taken as direct objects so far
        self.consumed: set[int] = set()  # tokens already explained by another frame

    # --- word-level helpers -------------------------------------------------------------
    def lower(self, index: int) -> str:
        return self.tokens[index].lower if 0 <= index < len(self.tokens) else ""

    def previous_word(self, index: int) -> int:
        """Index of the nearest word before ``index`` that is not an adverb."""
        cursor = index - 1
        while cursor >= 0 and self.tokens[cursor].lower in ADVERBS:
            cursor -= 1
        return cursor

    def next_word(self, index: int) -> int:
        cursor = index + 1
        while cursor < len(self.tokens) and self.tokens[cursor].lower in ADVERBS:
            cursor += 1
        return cursor

    def is_passive(self, index: int) -> bool:
        """ "was greeted (by)", "were trained", and reduced "accord inked by"."""
        token = self.tokens[index]
        if token.lower == token.lemma or token.lower.endswith("ing"):
            return False
        before = self.previous_word(index)
        if before >= 0 and self.tokens[before].lower in _PASSIVE_AUXILIARIES:
            return True
        after = self.next_word(index)
        return self.lower(after) == "by" and token.lower.endswith(("ed", "en", "wn"))

    def negated(self, index: int) -> bool:
        """Whether a negation stands just before the trigger ("have not signed")."""
        return any(t.lower in NEGATIONS for t in self.tokens[max(0, index - 3) : index])

    # --- unit-level helpers -------------------------------------------------------------
    def subject(self, index: int) -> Unit | None:
        """The nearest participant before ``index`` that is not inside a prepositional phrase
        (other than "of") and not already the object of an earlier verb."""
        before = self.previous_word(index)
        if (
            before >= 0
            and self.tokens[index].lower.endswith("ing")
            and self.lower(before) in _GERUND_PREPOSITIONS
        ):
            # "praised Pyongyang for supporting Russia", "warned Pyongyang against selling": the
            # gerund's subject is the main verb's object.
            objects = [u for u in self.units if id(u) in self.objects and u.end <= index]
            if objects:
                return objects[-1]
            # "Chinese firms accused of shipping ...": the noun the participle describes.
            for unit in reversed(self.units):
                if unit.end <= index and index - unit.end <= 4 and unit.participant:
                    return unit
        for unit in reversed(self.units):
            if unit.end > index:
                continue
            between = self.tokens[unit.end : index]
            if any(t.lower in _CLAUSE_STOP for t in between):
                return None
            if any(
                t.lemma in _SPEECH_VERBS and t.lower != t.lemma and t.text[:1].islower()
                for t in between
            ):
                # "Yellen said the firms were helping Moscow": who speaks is not who acts.
                return None
            if not unit.participant or unit.prep not in (None, "of"):
                continue
            if id(unit) in self.objects:
                continue  # the object of an earlier verb ("criticized the US and praised X")
            if unit.possessive and not self._possessor_of_actor(unit):
                continue  # a possessor ("Cuba's exports"), unless of an actor ("Korea's ministry")
            return unit
        return None

    def _possessor_of_actor(self, unit: Unit) -> bool:
        """Whether a possessive unit owns an acting body: "South Korea's foreign ministry"."""
        following = [t.lower for t in self.tokens[unit.end + 1 : unit.end + 4]]
        return any(word in ACTOR_NOUNS for word in following[:3])

    def object(
        self, index: int, preps: frozenset[str] | set[str], *, direct: bool = True, window: int = 10
    ) -> Unit | None:
        """The first participant after ``index``: a direct object or one introduced by a
        preposition of ``preps``. A noun's complement (``direct=False``) does not cross a
        comma."""
        stops = _CLAUSE_STOP if direct else _PHRASE_STOP
        for unit in self.units:
            if unit.first <= index:
                continue
            if unit.first - index > window:
                return None
            if any(t.lower in stops for t in self.tokens[index : unit.first]):
                return None
            if not unit.participant:
                continue
            if (unit.prep is None and direct) or (unit.prep in preps):
                return unit
        return None

    def agent(self, index: int, window: int = 8) -> Unit | None:
        """The participant of a "by" phrase after ``index``."""
        for unit in self.units:
            if index < unit.first <= index + window and unit.prep == "by" and unit.participant:
                return unit
        return None

    def between(self, index: int, window: int = 8) -> Unit | None:
        for unit in self.units:
            if (
                index < unit.first <= index + window
                and unit.prep == "between"
                and len(unit.codes) >= 2
            ):
                return unit
        return None

    def possessor(self, index: int) -> Unit | None:
        """The possessor or modifier of a noun: "Russia's war", "U.S. sanctions", "its"."""
        cursor = index - 1
        skipped = 0
        while cursor >= 0 and skipped <= 3:
            unit = self.unit_of.get(cursor)
            if unit is not None:
                return unit if unit.codes and not unit.source else None
            lower = self.tokens[cursor].lower
            if lower in NOUN_LEFT or (
                lower.replace("-", "").isalnum() and lower.endswith(("-scale", "-year"))
            ):
                if lower in ("the", "a", "an"):
                    return None
                cursor -= 1
                skipped += 1
                continue
            return None
        return None

    def light_subject(self, index: int) -> Unit | None:
        """The subject of a light verb governing the noun at ``index`` ("vowed full support")."""
        cursor = index - 1
        while cursor >= 0 and index - cursor <= 6:
            token = self.tokens[cursor]
            if token.lemma in LIGHT_VERBS:
                if self.is_passive(cursor):
                    return self.agent(index)
                return self.subject(cursor)
            unit = self.unit_of.get(cursor)
            if unit is not None and not unit.possessive:
                return None
            if unit is None and not (
                token.lower in NOUN_LEFT
                or token.lower in _DETERMINERS
                or token.lower in ADVERBS
                or token.lower in ("up", "country", "nation", "people", "their", "its", "his")
                or token.lower in _QUANTITY
                or token.lower[:1].isdigit()
                or token.lower.endswith(("-scale", "-year", "-on-one", "-level"))
            ):
                return None
            cursor -= 1
        return None

    def participants_in_order(self) -> list[Unit]:
        """Participants not in a prepositional phrase, in order (for sentence-level subjects)."""
        return [u for u in self.units if u.participant and u.prep in (None, "of")]

    def location(self) -> str | None:
        """A state where the sentence says something happened: "in Pyongyang", "in Moscow"."""
        for unit in self.units:
            # A city ("in Pyongyang"); "in Ukraine" is as often the theatre of a war.
            if (
                unit.prep in ("in", "at")
                and unit.kind == "state"
                and unit.via
                in (
                    "capital",
                    "metonym",
                )
            ):
                return unit.codes[0]
        return None


#: Lemmas and lower-cased forms that may trigger an event: the cheap test before ``_reading``.
TRIGGER_LEMMAS: Final = frozenset(VERB_TRIGGERS) | frozenset(NOUN_TRIGGERS)
TRIGGER_FORMS: Final = frozenset(NOUN_TRIGGERS) | {"work", "operation", "operations"}


def trigger_positions(tokens: Sequence[Token]) -> list[int]:
    """Indices of the tokens that may trigger an event, in order (the cheap test before
    ``_reading``: most words trigger nothing)."""
    return [
        index
        for index, token in enumerate(tokens)
        if token.lemma in TRIGGER_LEMMAS or token.lower in TRIGGER_FORMS
    ]


def find_events(
    tokens: Sequence[Token],
    units: list[Unit],
    history: History,
    triggers: Iterable[int] | None = None,
) -> list[Candidate]:
    """Events of one sentence (``units`` from ``units.build_units``).

    ``triggers`` are the sentence's ``trigger_positions`` when the caller has them already.
    """
    sentence = _Sentence(tokens, units, history)
    found: list[Candidate] = []
    for index in trigger_positions(tokens) if triggers is None else triggers:
        if index in sentence.unit_of or index in sentence.consumed:
            continue
        category, noun = _reading(sentence, index)
        if category is None:
            continue
        if sentence.negated(index) and category not in ("sanction",):
            continue
        handler = _NOUN_FRAMES.get(category) if noun else _VERB_FRAMES.get(category)
        if handler is None:
            continue
        for candidate in handler(sentence, index):
            if candidate.actor in candidate.targets:
                candidate.targets = [t for t in candidate.targets if t != candidate.actor]
            if not candidate.targets or not candidate.actor:
                continue
            if candidate.type in _LOCATED:
                candidate.location = sentence.location()
            found.append(candidate)
            sentence.consumed |= candidate.consumed
            if candidate.type in _SYMMETRIC:
                history.last_pair = [candidate.actor, *candidate.targets]
    return found


def _reading(sentence: _Sentence, index: int) -> tuple[str | None, bool]:
    """The trigger category of the token at ``index`` and whether it is read as a noun."""
    token = sentence.tokens[index]
    if token.lower in ("operation", "operations") and sentence.lower(index - 1) == "military":
        return "war", True  # "Russia's (special) military operation in Ukraine"
    verb = VERB_TRIGGERS.get(token.lemma)
    noun = NOUN_TRIGGERS.get(token.lower) or NOUN_TRIGGERS.get(token.lemma)
    if token.lower in ("work",) and sentence.lower(index + 1) in ("together", "jointly"):
        return "cooperate", False
    if verb is None and noun is None:
        return None, False
    if noun is not None and (token.lower in NOUN_ONLY or token.lemma in NOUN_ONLY or verb is None):
        return noun, True
    if verb is not None and noun is None:
        if (
            sentence.lower(index - 1) in _ARTICLES_AND_POSSESSIVES
            or sentence.lower(index - 1) in NOUN_LEFT
            or sentence.lower(index - 1) in _QUANTIFIERS
        ):
            return None, False  # a verb's lemma used as a noun: "an arms deal", "the signing"
        return verb, False
    # Both readings: decide from the word before.
    before = sentence.previous_word(index)
    previous = sentence.lower(before)
    unit = sentence.unit_of.get(index - 1)
    if token.lemma == "sanction":
        return ("sanction", token.lower not in ("sanctioned", "sanctioning"))
    if previous in _AUXILIARIES or previous in BE_FORMS:
        return verb, False
    if previous in _DETERMINERS or previous in NOUN_LEFT:
        return noun, True
    if unit is not None:
        if unit.possessive or unit.modifier:
            return noun, True
        return verb, False
    if token.lower.endswith(("ing", "ed")):
        return verb, False
    if (
        token.lower.endswith("s")
        and token.lower != token.lemma
        and previous.isalpha()
        and previous.islower()
        and sentence.tokens[before].lemma not in VERB_TRIGGERS
        and previous not in ("who", "which", "that", "it", "he", "she", "also")
        and sentence.lower(index + 1) in _AFTER_PLURAL_HEAD
    ):
        return noun, True  # a plural head of a compound: "rum exports", "arms supplies"
    if sentence.lower(index + 1) in ("of", "for", "to", "with", "between", "on", "against", "from"):
        return noun, True
    return verb, False


# --- frames ---------------------------------------------------------------------------------


def _codes(*units: Unit | None) -> list[str]:
    codes: list[str] = []
    for unit in units:
        if unit is not None:
            codes.extend(code for code in unit.codes if code not in codes)
    return codes


def _confidence(*units: Unit | None, base: float = 0.8) -> float:
    if any(unit is not None and unit.resolved for unit in units):
        base -= 0.15
    return round(base, 2)


def _directed(
    kind: str, actor: Unit | None, target: Unit | None, index: int, base: float = 0.8
) -> list[Candidate]:
    if actor is None or target is None:
        return []
    confidence = _confidence(actor, target, base=base)
    return [
        Candidate(kind, code, [t for t in target.codes if t != code], index, confidence)
        for code in actor.codes
        if any(t != code for t in target.codes)
    ]


def _symmetric(kind: str, codes: list[str], index: int, confidence: float) -> list[Candidate]:
    if len(codes) < 2:
        return []
    return [Candidate(kind, codes[0], codes[1:], index, confidence)]


def _take(s: _Sentence, actor: Unit | None, obj: Unit | None) -> None:
    """Remember a direct object (it is then not the subject of a later coordinated verb)."""
    if actor is not None and obj is not None and obj.prep is None:
        s.objects.add(id(obj))


def _meet_verb(s: _Sentence, i: int) -> list[Candidate]:
    subject = s.subject(i)
    other = s.between(i) or s.object(i, {"with"})
    _take(s, subject, other)
    return _symmetric("Meeting", _codes(subject, other), i, _confidence(subject, other))


def _meet_noun(s: _Sentence, i: int) -> list[Candidate]:
    between = s.between(i)
    if between is not None:
        return _symmetric("Meeting", list(between.codes), i, _confidence(between))
    first = s.possessor(i) or s.light_subject(i)
    other = s.object(i, {"with"}, direct=False)
    codes = _codes(first, other)
    confidence = _confidence(first, other)
    if len(codes) < 2:
        # "In talks with Putin, Kim said ...", "Following talks in X, A and B signed ...": the
        # parties are the sentence's subjects.
        for unit in s.participants_in_order():
            if unit.prep is None:
                codes.extend(code for code in unit.codes if code not in codes)
        codes = codes[:2]
        confidence = _confidence(first, other, base=0.6)
    return _symmetric("Meeting", codes, i, confidence)


def _visit_verb(s: _Sentence, i: int) -> list[Candidate]:
    visitor = s.subject(i)
    host = s.object(i, {"to"})
    _take(s, visitor, host)
    return _directed("Visit", visitor, host, i)


def _visit_noun(s: _Sentence, i: int) -> list[Candidate]:
    visitor = s.possessor(i) or s.agent(i, window=14) or s.light_subject(i)
    host = s.object(i, {"to"}, direct=False, window=8)
    return _directed("Visit", visitor, host, i, base=0.75)


def _arrive(s: _Sentence, i: int) -> list[Candidate]:
    lemma = s.tokens[i].lemma
    preps = {"for"} if lemma in ("leave", "depart") else {"in", "at", "to"}
    if lemma in ("leave", "depart") and not any(t.lower == "for" for t in s.tokens[i + 1 : i + 5]):
        return []
    visitor = s.subject(i)
    host = s.object(i, preps, direct=False, window=8)
    return _directed("Visit", visitor, host, i, base=0.75)


def _host(s: _Sentence, i: int) -> list[Candidate]:
    if s.tokens[i].lemma == "receive":
        guest = s.unit_of.get(s.next_word(i))
        if guest is None and s.lower(s.next_word(i)) in ("the", "a", "his", "her"):
            guest = s.unit_of.get(s.next_word(i) + 1)
        # "received Lukashenko" is a visit; "received shells from Pyongyang" a transfer.
        if (guest is None or guest.modifier) and _goods_kind(s, i, "get") is not None:
            return _get(s, i)
    if s.is_passive(i):
        visitor, host = s.subject(i), s.agent(i)
    else:
        host = s.subject(i)
        visitor = s.object(i, set(), window=4)
        _take(s, host, visitor)
    return _directed("Visit", visitor, host, i)


def _sign(s: _Sentence, i: int) -> list[Candidate]:
    lemma = s.tokens[i].lemma
    following = {t.lower for t in s.tokens[i + 1 : i + 7]} | {
        t.lemma for t in s.tokens[i + 1 : i + 7]
    }
    if lemma != "sign" and not following & AGREEMENT_NOUNS:
        return []
    if lemma == "sign" and s.lower(i + 1) in ("up", "off"):
        return []
    between = s.between(i)
    if between is not None:
        return _symmetric("AgreementSigning", list(between.codes), i, _confidence(between))
    if s.is_passive(i):
        parties = s.agent(i)
        return _symmetric("AgreementSigning", _codes(parties), i, _confidence(parties))
    subject = s.subject(i)
    other = s.object(i, {"with"}, direct=False)
    return _symmetric("AgreementSigning", _codes(subject, other), i, _confidence(subject, other))


def _agree(s: _Sentence, i: int) -> list[Candidate]:
    following = s.tokens[i + 1 : i + 6]
    if not following or following[0].lower not in ("to", "on", "with"):
        return []
    signing = any(t.lemma in AGREEMENT_NOUNS or t.lower in AGREEMENT_NOUNS for t in following)
    if any(t.lemma in _HOSTILE for t in s.tokens[i + 1 : i + 8]):
        return []  # "agreed to prepare sanctions against ..." is no cooperation
    subject = s.subject(i)
    other = s.between(i) or s.object(i, {"with"}, direct=False, window=4)
    kind = "AgreementSigning" if signing else "IntentToCooperate"
    return _symmetric(kind, _codes(subject, other), i, _confidence(subject, other))


def _domains(s: _Sentence, i: int) -> list[str]:
    """Cooperation types from the words of the sentence ("economic and military cooperation",
    "cooperation covered the energy sector as well as defence projects")."""
    for window in (s.tokens,):
        words = {t.lower for t in window} | {t.lemma for t in window}
        kinds = []
        if words & MILITARY_DOMAIN:
            kinds.append("MilitaryCooperation")
        if words & ECONOMIC_DOMAIN:
            kinds.append("EconomicCooperation")
        if kinds:
            return kinds
    return [GENERIC_COOPERATION]


def _cooperate_verb(s: _Sentence, i: int) -> list[Candidate]:
    subject = s.subject(i)
    other = s.between(i) or s.object(i, {"with"}, direct=False)
    codes = _codes(subject, other)
    confidence = _confidence(subject, other)
    return [c for kind in _domains(s, i) for c in _symmetric(kind, codes, i, confidence)]


def _cooperation_noun(s: _Sentence, i: int) -> list[Candidate]:
    between = s.between(i)
    if between is not None:
        codes, confidence = list(between.codes), _confidence(between)
    else:
        first = s.possessor(i) or s.light_subject(i)
        other = s.object(i, {"with"}, direct=False, window=6)
        codes, confidence = _codes(first, other), _confidence(first, other)
        if len(codes) < 2 and first is None and other is None and s.lower(i - 1) == "the":
            # "the cooperation covered ...": the cooperation last reported.
            codes, confidence = list(s.history.last_pair), 0.55
    kinds = _domains(s, i)
    if kinds == [GENERIC_COOPERATION] and any(
        t.lemma in _INCREASE_VERBS for t in s.tokens[max(0, i - 4) : i]
    ):
        kinds = ["IntentToCooperate"]  # "expanding ties with Russia": a wish to cooperate more
    return [c for kind in kinds for c in _symmetric(kind, codes, i, confidence)]


def _drill(s: _Sentence, i: int) -> list[Candidate]:
    nearby = {t.lower for t in s.tokens[max(0, i - 3) : i]}
    if not nearby & {"joint", "military", "naval", "combined", "war"}:
        return []
    between = s.between(i)
    if between is not None:
        return _symmetric("MilitaryCooperation", list(between.codes), i, _confidence(between))
    first = s.possessor(i) or s.light_subject(i)
    other = s.object(i, {"with"}, direct=False)
    codes = _codes(first, other)
    return _symmetric("MilitaryCooperation", codes, i, _confidence(first, other))


def _train(s: _Sentence, i: int) -> list[Candidate]:
    if s.is_passive(i):
        return _directed("MilitaryCooperation", s.agent(i, window=14), s.subject(i), i, base=0.7)
    trainer = s.subject(i)
    trainee = s.object(i, set(), window=4)
    _take(s, trainer, trainee)
    return _directed("MilitaryCooperation", trainer, trainee, i, base=0.7)


def _goods_kind(s: _Sentence, i: int, frame: str) -> str | None:
    """The event type a transfer's goods give: arms, technology or economic assistance.

    The goods are the words after the trigger up to the end of the clause (and the two words
    before a noun trigger: "military aid", "technology transfers"). A vehicle that carries
    goods ("oil tankers") is not itself aid.
    """
    end = i + 1
    while end < len(s.tokens) and end - i <= 14:
        lower = s.tokens[end].lower
        if (
            lower in _CLAUSE_STOP
            or lower == ","
            or ((lower == "exchange" or lower == "return") and s.lower(end - 1) == "in")
        ):
            break
        end += 1
    window = s.tokens[max(0, i - 2) : end]
    words = {t.lower for t in window} | {t.lemma for t in window}
    before = s.lower(i - 1)
    lemma = s.tokens[i].lemma
    if before in _MILITARY_ADJECTIVES and lemma in ("assistance", "aid", "help", "support"):
        return "MilitaryCooperation"
    if words & _STRONG_TECH:
        return "TechnologyTransfer"
    if lemma not in ("assistance", "aid", "loan", "credit", "grant") and words & _TROOPS:
        return "MilitaryCooperation"  # "sent troops to Russia": forces, not goods
    if lemma in ("assist", "help") and words & TECH:
        return "TechnologyTransfer"
    for position, token in enumerate(window):
        if token.lower in _GOODS or token.lemma in _GOODS:
            following = window[position + 1].lower if position + 1 < len(window) else ""
            if (token.lower in VEHICLES or following in VEHICLES) and not words & ARMS:
                return None  # "four oil tankers": a sale of ships
            break
    if words & ARMS or lemma == "arm":
        return "ArmsTransfer"
    if words & TECH:
        return "TechnologyTransfer"
    if before in _MONEY_ADJECTIVES or words & ECONOMIC:
        return "EconomicAssistance"
    if lemma in ("assist", "help", "aid", "assistance") and frame == "give":
        return "EconomicAssistance"
    return None


def _exchange(s: _Sentence, i: int, supplier: Unit, recipient: Unit) -> list[Candidate]:
    """ "... in exchange for economic assistance and technology transfers": the reverse flow."""
    tokens = s.tokens
    for start in range(i + 1, len(tokens) - 2):
        if (
            tokens[start].lower == "in"
            and tokens[start + 1].lower in ("exchange", "return")
            and tokens[start + 2].lower == "for"
        ):
            window = tokens[start + 3 : start + 13]
            words = {t.lower for t in window} | {t.lemma for t in window}
            kinds = []
            if words & ECONOMIC:
                kinds.append("EconomicAssistance")
            if words & _STRONG_TECH or words & TECH:
                kinds.append("TechnologyTransfer")
            if words & ARMS:
                kinds.append("ArmsTransfer")
            consumed = set(range(start, start + 13))
            result = []
            for kind in kinds:
                for candidate in _directed(kind, recipient, supplier, start + 1, base=0.7):
                    candidate.consumed = consumed
                    result.append(candidate)
            return result
    return []


def _give_verb(s: _Sentence, i: int) -> list[Candidate]:
    kind = _goods_kind(s, i, "give")
    if kind is None:
        return []
    if s.is_passive(i):
        supplier = s.agent(i, window=12)
        recipient = s.object(i, {"to"}, direct=False) or s.subject(i)
    else:
        supplier = s.subject(i)
        recipient = s.object(i, {"to"})
        _take(s, supplier, recipient)
    if s.lower(i - 1) == "to" and (s.tokens[i - 2].lemma in AGREEMENT_NOUNS if i >= 2 else False):
        # "signed a contract to deliver gas to China": a commercial deal between the parties,
        # not aid; arms and technology stay transfers.
        deal = _directed("AgreementSigning", supplier, recipient, i, base=0.7)
        if kind == "EconomicAssistance":
            kind = "EconomicCooperation"
        return deal + _directed(kind, supplier, recipient, i, base=0.7)
    found = _directed(kind, supplier, recipient, i)
    if supplier is not None and recipient is not None:
        found += _exchange(s, i, supplier, recipient)
    return found


def _give_noun(s: _Sentence, i: int) -> list[Candidate]:
    kind = _goods_kind(s, i, "give")
    if kind is None:
        return []
    supplier = s.possessor(i) or s.object(i, {"from"}, direct=False, window=8) or s.light_subject(i)
    recipient = s.object(i, {"to", "for"}, direct=False, window=10)
    return _directed(kind, supplier, recipient, i, base=0.7)


def _get(s: _Sentence, i: int) -> list[Candidate]:
    kind = _goods_kind(s, i, "get")
    if kind is None:
        return []
    recipient = s.subject(i)
    supplier = s.object(i, {"from"}, direct=False, window=12)
    if supplier is None:
        # "received shipments of Iranian missiles": the demonym of the goods names the supplier.
        for unit in s.units:
            if i < unit.first <= i + 8 and unit.modifier and unit.codes:
                supplier = unit
                break
    return _directed(kind, supplier, recipient, i, base=0.7)


def _support_verb(s: _Sentence, i: int) -> list[Candidate]:
    lemma = s.tokens[i].lemma
    if lemma == "back" and s.unit_of.get(s.next_word(i)) is None:
        return []
    # "supports what he describes as ... Russia's interests" reaches further than "thanked Kim".
    target = s.object(i, set(), window=10 if lemma in ("support", "back", "endorse") else 4)
    actor = s.subject(i)
    _take(s, actor, target)
    if target is not None and target.possessive and s.lower(target.end + 1) in _FORCES:
        return _directed("MilitaryCooperation", actor, target, i)  # "to back Assad's forces"
    return _directed("ExpressionOfSupport", actor, target, i)


def _stand(s: _Sentence, i: int) -> list[Candidate]:
    """ "stand with Russia", "stand by its ally", "sided with Moscow": support."""
    if s.lower(s.next_word(i)) not in ("with", "by", "behind"):
        return []
    target = s.object(i, {"with", "by", "behind"}, direct=False, window=4)
    return _directed("ExpressionOfSupport", s.subject(i), target, i, base=0.7)


def _support_noun(s: _Sentence, i: int) -> list[Candidate]:
    before = s.lower(i - 1)
    actor = s.possessor(i) or s.light_subject(i)
    target = s.object(i, {"for", "to", "with"}, direct=False, window=8)
    if before in _MILITARY_ADJECTIVES:
        return _directed("MilitaryCooperation", actor, target, i, base=0.7)
    if before in _MONEY_ADJECTIVES:
        return _directed("EconomicAssistance", actor, target, i, base=0.7)
    return _directed("ExpressionOfSupport", actor, target, i, base=0.75)


def _criticize_verb(s: _Sentence, i: int) -> list[Candidate]:
    if s.is_passive(i):
        return _directed("Criticism", s.agent(i), s.subject(i), i)
    target = None
    if s.tokens[i].lemma == "blame":
        target = s.object(i, {"on"}, direct=False, window=12)
    target = target or s.object(i, set(), window=4)
    actor = s.subject(i)
    _take(s, actor, target)
    return _directed("Criticism", actor, target, i)


def _criticize_noun(s: _Sentence, i: int) -> list[Candidate]:
    actor = s.possessor(i) or s.light_subject(i)
    target = s.object(i, {"of", "against"}, direct=False, window=6)
    return _directed("Criticism", actor, target, i, base=0.7)


def _fight(s: _Sentence, i: int) -> list[Candidate]:
    following = s.tokens[i + 1 : i + 10]
    if not following or following[0].lower != "against":
        return []
    if not any(t.lower in POLICY_WORDS or t.lemma in POLICY_WORDS for t in following):
        return []
    target = None
    for unit in s.units:
        if i < unit.first <= i + 12 and unit.codes and not unit.source:
            target = unit
            break
    return _directed("Criticism", s.subject(i), target, i, base=0.7)


def _violate(s: _Sentence, i: int) -> list[Candidate]:
    """ "X said Y was violating the sanctions": X criticises Y."""
    following = {t.lemma for t in s.tokens[i + 1 : i + 5]} | {
        t.lower for t in s.tokens[i + 1 : i + 5]
    }
    if not following & {
        "sanction",
        "sanctions",
        "embargo",
        "law",
        "resolution",
        "resolutions",
        "sovereignty",
        "ceasefire",
        "agreement",
        "treaty",
    }:
        return []
    violator = s.subject(i)
    speaker = None
    for index in range(i - 1, -1, -1):
        if s.tokens[index].lemma in _SPEECH_VERBS:
            speaker = s.subject(index)
            break
    return _directed("Criticism", speaker, violator, i, base=0.6)


def _threaten_verb(s: _Sentence, i: int) -> list[Candidate]:
    target = s.object(i, set(), window=3)
    actor = s.subject(i)
    _take(s, actor, target)
    return _directed("Threat", actor, target, i, base=0.7)


def _threaten_noun(s: _Sentence, i: int) -> list[Candidate]:
    actor = s.possessor(i) or s.light_subject(i)
    target = s.object(i, {"to", "against"}, direct=False, window=6)
    return _directed("Threat", actor, target, i, base=0.65)


def _attack_verb(s: _Sentence, i: int) -> list[Candidate]:
    if any(t.lemma in AGREEMENT_NOUNS for t in s.tokens[i + 1 : i + 4]):
        return []  # "strike a deal"
    if s.is_passive(i):
        return _directed("MilitaryAggression", s.agent(i), s.subject(i), i)
    target = s.object(i, set(), window=6)
    actor = s.subject(i)
    _take(s, actor, target)
    return _directed("MilitaryAggression", actor, target, i)


def _war_noun(s: _Sentence, i: int) -> list[Candidate]:
    token = s.tokens[i]
    if token.text[:1].isupper() and token.lower == "war" and s.previous_word(i) >= 0:
        return []  # a named war: "the Korean War", "World War II"
    target = None
    for unit in s.units:
        if (
            i < unit.first <= i + 6
            and unit.participant
            and unit.prep in ("in", "on", "against", "into", "of")
        ):
            if not unit.possessive:
                target = unit
            break
    actor = s.possessor(i)
    if (
        actor is not None
        and target is None
        and actor.via in ("name", "alias")
        and not actor.possessive
    ):
        target, actor = actor, None  # "the Ukraine war": the place, not the aggressor
    elif actor is not None and target is not None and actor.codes == target.codes:
        actor = None
    if actor is None:
        actor = s.agent(i) or s.light_subject(i)
    confidence = 0.75
    if actor is None and target is not None:
        # "support for Russia in Ukraine war", "supplying the Russian army ... for the war
        # against Ukraine": the nearest other actor named before.
        for unit in reversed(s.units):
            if (
                unit.end <= target.first
                and unit is not target
                and unit.codes
                and not unit.source
                and set(unit.codes) != set(target.codes)
            ):
                actor = unit
                confidence = 0.55
                break
    return _directed("MilitaryAggression", actor, target, i, base=confidence)


def _sanction_verb(s: _Sentence, i: int) -> list[Candidate]:
    if s.is_passive(i):
        return _directed("SanctionsImposition", s.agent(i), s.subject(i), i)
    target = s.object(i, set(), window=3)
    actor = s.subject(i)
    _take(s, actor, target)
    return _directed("SanctionsImposition", actor, target, i)


def _sanction_noun(s: _Sentence, i: int) -> list[Candidate]:
    if s.negated(i):
        return []
    authority = s.possessor(i) or s.agent(i, window=4) or s.light_subject(i)
    target = s.object(i, {"on", "against"}, direct=False, window=8)
    if target is None:
        for offset in range(1, 8):
            if s.tokens[i + offset].lemma == "target" if i + offset < len(s.tokens) else False:
                target = s.object(i + offset, set(), window=3)
                break
    if target is None:
        # "sanctions on 300 companies, including twenty Chinese firms"
        for unit in s.units:
            if i < unit.first <= i + 16 and unit.prep == "including" and unit.participant:
                target = unit
                break
    confidence = 0.8
    if authority is not None and target is None:
        # "North Korea is under UN sanctions", "Cuba and Russia, both subject to U.S.
        # sanctions": the sanctioned party is the subject.
        for unit in reversed(s.units):
            if unit.end > i or not unit.participant or unit is authority:
                continue
            if (
                unit.prep in (None, "of", "with")
                and set(unit.codes) - set(authority.codes)
                and all(len(code) == 3 and code.isupper() for code in unit.codes)
            ):
                target = unit
                confidence = 0.7
                break
    if authority is not None and authority.modifier:
        authority.modifier = False  # "U.S. sanctions": the modifier is the authority
    return _directed("SanctionsImposition", authority, target, i, base=confidence)


_VERB_FRAMES: Final = {
    "meet": _meet_verb,
    "visit": _visit_verb,
    "arrive": _arrive,
    "host": _host,
    "sign": _sign,
    "agree": _agree,
    "cooperate": _cooperate_verb,
    "train": _train,
    "give": _give_verb,
    "get": _get,
    "support": _support_verb,
    "criticize": _criticize_verb,
    "fight": _fight,
    "threaten": _threaten_verb,
    "violate": _violate,
    "stand": _stand,
    "attack": _attack_verb,
    "sanction": _sanction_verb,
}
_NOUN_FRAMES: Final = {
    "meet": _meet_noun,
    "visit": _visit_noun,
    "cooperation": _cooperation_noun,
    "drill": _drill,
    "give": _give_noun,
    "support": _support_noun,
    "criticize": _criticize_noun,
    "threaten": _threaten_noun,
    "war": _war_noun,
    "sanction": _sanction_noun,
}
