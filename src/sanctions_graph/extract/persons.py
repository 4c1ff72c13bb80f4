"""Persons: names with their role and state, merged across spellings within a document.

A person is recognised when a capitalised name follows a role ("Foreign Minister Choe Son Hui",
"Russian President Vladimir Putin", "North Korea's leader Kim Jong Un", "his British
counterpart, David Lammy"), is followed by an appositive role ("Josep Borrell, the EU's High
Representative"), or is a known leader from the reference data. The state comes from the role
phrase (a demonym, a possessive state, an organisation), else from the leader record, else from
the nearest state named before it in the sentence ("members of the North Korean leadership,
including Foreign Minister ..."). Later short forms ("Kim", "Putin") and other spellings
("Kim Jong-un") are mentions of the same person.
"""

from __future__ import annotations

import bisect
import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Final, Protocol

from sanctions_graph.extract.model import Mention, PersonFact, Sentence, Span
from sanctions_graph.extract.tokens import Token, tokenize


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (word lists are written as prose blocks)."""
    return frozenset(text.split())


#: Words that end a role phrase ("Foreign *Minister*", "ruling party *secretary*").
ROLE_HEADS: Final = _words(
    """
    president minister leader secretary chancellor premier king queen prince emir ayatollah
    spokesman spokeswoman spokesperson ambassador envoy adviser advisor aide counterpart
    chairman chairwoman chair chief commander general governor mayor director head
    representative sister brother wife husband daughter son official diplomat negotiator
    ruler monarch sultan senator lawmaker speaker admiral marshal commissioner rapporteur
    coordinator minister-president vice-president deputy ceo
    """
)
#: Words that may appear inside a role phrase before its head.
ROLE_WORDS: Final = ROLE_HEADS | _words(
    """
    foreign defence defense prime deputy vice first supreme top senior economy economic
    finance energy trade interior security national high ruling party policy state of for
    and affairs chief powerful former then acting interim general assistant special under
    permanent presidential military intelligence armed forces affairs union european
    external development industry agriculture justice treasury commerce executive the 's ’s
    longtime long-time close key main principal joint staff cabinet council central
    committee politburo working parliamentary communist navy army air
    """
)
_DETERMINERS: Final = frozenset({"the", "his", "her", "its", "their", "a", "an"})
# Capitalised words that never start or belong to a person's name.
_NOT_NAME: Final = _words(
    """
    The A An In On At For And But Or Of To From With By As After Before Since During While
    If When Where Who What Which This That These Those It He She They We I You His Her Its
    Their Our Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
    March April May June July August September October November December Photo Reuters AP
    AFP Updated Said Mr Mrs Ms Dr
    """
)
_SPEECH: Final = frozenset(
    {"said", "says", "told", "added", "stated", "wrote", "noted", "announced"}
)


class LeaderLike(Protocol):
    """What a leader record must provide (``sanctions_graph.reference.LeaderRecord``)."""

    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> Sequence[str]: ...
    @property
    def state(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def start(self) -> dt.date | None: ...
    @property
    def end(self) -> dt.date | None: ...


class _Found:
    """A name found in the text (a plain class: a compiled dataclass keeps an interpreted
    ``__init__``)."""

    def __init__(self, first: int, end: int, role: str | None, state: str | None) -> None:
        self.first = first  # token index of the name's first token
        self.end = end  # token index after the name
        self.role = role
        self.state = state


@lru_cache(maxsize=8192)
def person_key(name: str) -> str:
    """A spelling-independent key: "Kim Jong-un" and "Kim Jong Un" both give "kim-jong-un"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    words = "".join(ch if ch.isalnum() else " " for ch in plain).split()
    return "-".join(words)


@lru_cache(maxsize=1)
def _default_leaders() -> tuple[LeaderLike, ...]:
    from sanctions_graph.reference import leaders

    return tuple(leaders())


def find_persons(
    text: str,
    tokens: Sequence[Token],
    sentences: Sequence[Sentence],
    actor_mentions: Sequence[Mention],
    date: dt.date | None = None,
    leaders: Iterable[LeaderLike] | None = None,
) -> tuple[list[PersonFact], list[Mention]]:
    """Persons named in the document and every mention of them (kind "person", code = key).

    ``tokens`` are ``tokenize(text)``; ``actor_mentions`` are the state/organisation mentions
    (their tokens are never part of a name, and they give roles their state).
    """
    records = tuple(leaders) if leaders is not None else _default_leaders()
    by_key = _records_by_key(records)
    # Columns of the tokens, for the scans over words and offsets.
    texts = [token.text for token in tokens]
    starts = [token.start for token in tokens]
    mention_at = _mention_index(tokens, starts, actor_mentions)
    sentence_of = _SentenceOf(starts, sentences)
    # Names after a role first, then known leaders, then speakers; an overlapping later find
    # ("President Xi" inside "Chinese President Xi Jinping") gives way.
    names = _name_spans(tokens, texts, mention_at)
    found = _role_names(tokens, mention_at, names)
    found += _leader_names(tokens, texts, mention_at, records)
    found += _speaker_names(tokens, names, {(f.first, f.end) for f in found})
    accepted: list[_Found] = []
    taken: set[int] = set()  # token indices of the accepted names
    for item in found:
        if taken.isdisjoint(range(item.first, item.end)):
            accepted.append(item)
            taken.update(range(item.first, item.end))
    persons: dict[str, PersonFact] = {}
    spans: list[tuple[int, int, str]] = []
    for item in sorted(accepted, key=lambda f: f.first):
        name = text[tokens[item.first].start : tokens[item.end - 1].end]
        key = person_key(name)
        record = _leader_record(key, by_key, date)
        state = item.state or (record.state if record else None)
        role = item.role or (record.role if record else None)
        person = persons.get(key)
        if person is None:
            person = persons[key] = PersonFact(key=key, name=name, role=role, state=state)
        else:
            person.role = person.role or role
            person.state = person.state or state
        spans.append((item.first, item.end, key))
    spans += _other_spellings(text, tokens, names, persons, spans)
    spans += _leader_short_forms(tokens, texts, mention_at, persons, spans, records, date)
    spans += _short_forms(tokens, texts, mention_at, persons, spans)
    spans.sort()
    _fill_from_context(tokens, sentence_of, mention_at, persons, spans)
    mentions = []
    for first, end, key in spans:
        span = Span(tokens[first].start, tokens[end - 1].end)
        surface = text[span.start : span.end]
        person = persons[key]
        person.mentions.append(span)
        if surface not in person.variants:
            person.variants.append(surface)
        mentions.append(Mention("person", key, span, surface, "person"))
    return list(persons.values()), mentions


def _fill_from_context(
    tokens: Sequence[Token],
    sentence_of: _SentenceOf,
    mention_at: dict[int, Mention],
    persons: dict[str, PersonFact],
    spans: list[tuple[int, int, str]],
) -> None:
    """Give persons without a state the nearest state named before their first mention.

    A "counterpart" takes the role of the person named before it in the sentence.
    """
    first_span: dict[str, tuple[int, int]] = {}
    for first, end, key in spans:
        first_span.setdefault(key, (first, end))
    person_end = {end - 1: key for _, end, key in spans}
    for key, (first, _end) in sorted(first_span.items(), key=lambda item: item[1]):
        person = persons[key]
        counterpart = bool(person.role) and person.role.split()[-1].lower() == "counterpart"  # type: ignore[union-attr]
        if person.state is not None and not counterpart:
            continue  # nothing to fill: the sentence need not be looked at
        previous = _previous_in_sentence(first, sentence_of, mention_at, persons, person_end)
        if person.state is None:
            person.state = next((state for _, state in previous if state), None)
        if counterpart:
            other = next((persons[k] for k, _ in previous if k and persons[k].role), None)
            if other is not None and other.role:
                person.role = other.role


def _previous_in_sentence(
    first: int,
    sentence_of: _SentenceOf,
    mention_at: dict[int, Mention],
    persons: dict[str, PersonFact],
    person_end: dict[int, str],
) -> list[tuple[str | None, str | None]]:
    """(person key or None, state) of what is named before token ``first`` in its sentence,
    nearest first (``person_end``: the last token of each person mention -> its key)."""
    result: list[tuple[str | None, str | None]] = []
    cursor = first - 1
    low = sentence_of.first_token(first)
    while cursor >= low:
        mention = mention_at.get(cursor)
        if mention is not None and mention.kind == "state":
            result.append((None, mention.code))
        key = person_end.get(cursor)
        if key is not None and key in persons:
            result.append((key, persons[key].state))
        cursor -= 1
    return result


def _mention_index(
    tokens: Sequence[Token], starts: list[int], mentions: Sequence[Mention]
) -> dict[int, Mention]:
    """Token index -> the actor mention covering it (``starts``: the tokens' start offsets)."""
    index: dict[int, Mention] = {}
    count = len(tokens)
    cursor = 0  # tokens before it end before the mention starts (mentions come in order)
    previous = -1
    for mention in mentions:
        span = mention.span
        span_start, span_end = span.start, span.end
        if span_start < previous:
            cursor = 0  # out of order: search from the first token again
        previous = span_start
        # The tokens that end after the mention starts and start before it ends.
        while cursor < count and tokens[cursor].end <= span_start:
            cursor += 1
        covered = cursor
        while covered < count and starts[covered] < span_end:
            index[covered] = mention
            covered += 1
    return index


class _SentenceOf:
    """Token index -> index of its sentence (-1 if outside every sentence), looked up on demand
    (only the tokens before a person's first mention are ever asked about)."""

    def __init__(self, starts: list[int], sentences: Sequence[Sentence]) -> None:
        self._starts = starts
        self._sentence_starts = [sentence.span.start for sentence in sentences]
        self._sentence_ends = [sentence.span.end for sentence in sentences]

    def __getitem__(self, token: int) -> int:
        start = self._starts[token]
        current = bisect.bisect_right(self._sentence_ends, start)
        inside = current < len(self._sentence_starts) and self._sentence_starts[current] <= start
        return current if inside else -1

    def first_token(self, token: int) -> int:
        """The first token of the sentence of ``token`` (of its run of tokens outside every
        sentence, if it is outside)."""
        sentence = self[token]
        if sentence >= 0:
            return bisect.bisect_left(self._starts, self._sentence_starts[sentence])
        while token > 0 and self[token - 1] == sentence:
            token -= 1
        return token


def _is_name_word(token: Token) -> bool:
    return _name_word(token.text)


def _name_word(word: str) -> bool:
    """Whether a word can be part of a person's name (capitalised, not an acronym)."""
    if "a" <= word[0] <= "z":
        return False  # most words: decided without a method call
    if word in _NOT_NAME or not word[0].isupper() or len(word) < 2:
        return False
    # "CRBMs", "LNG": all-capital acronyms are not names; "McDonald" and "Jong-un" are.
    return any(ch.isalpha() and ch.islower() for ch in word)


def _name_at(tokens: Sequence[Token], first: int, mention_at: dict[int, Mention]) -> int:
    """End index of a 2-4 word name starting at ``first`` (``first`` if there is none)."""
    if not tokens[first].text[:1].isupper():
        return first  # the common case, decided cheaply
    end = first
    while (
        end < len(tokens)
        and end - first < 4
        and end not in mention_at
        and _is_name_word(tokens[end])
        and (end > first or tokens[end].lower not in ROLE_WORDS)
        and (end == first or tokens[end].start - tokens[end - 1].end <= 1)
    ):
        end += 1
    return end if end - first >= 2 else first


def _name_spans(
    tokens: Sequence[Token], texts: list[str], mention_at: dict[int, Mention]
) -> list[tuple[int, int]]:
    """Every 2-4 word capitalised name-like sequence, left to right, as (first, end)."""
    spans = []
    index = 0
    # A name has at least two name words in a row: only their first can start one.
    # Words repeat within a document: each distinct word is judged once.
    judged: dict[str, bool] = {}
    name_words = []
    for text in texts:
        known = judged.get(text)
        if known is None:
            known = judged[text] = _name_word(text)
        name_words.append(known)
    for first in range(len(texts) - 1):
        if first < index or not (name_words[first] and name_words[first + 1]):
            continue
        end = _name_at(tokens, first, mention_at)
        if end > first:
            spans.append((first, end))
            index = end
    return spans


def _role_names(
    tokens: Sequence[Token], mention_at: dict[int, Mention], names: list[tuple[int, int]]
) -> list[_Found]:
    """Names preceded by a role phrase, or followed by an appositive role."""
    found = []
    for index, end in names:
        role, state = _role_before(tokens, index, mention_at)
        if role is None:
            role, state = _role_after(tokens, end, mention_at)
        if role is not None:
            found.append(_Found(index, end, role, state))
    return found


def _role_before(
    tokens: Sequence[Token], first: int, mention_at: dict[int, Mention]
) -> tuple[str | None, str | None]:
    """Role and state from the words just before a name ("his British counterpart, ").

    The role phrase is the run of role words (and state mentions) ending right before the name;
    it must contain a role head ("Secretary of State", "ruling party secretary").
    """
    cursor = first - 1
    if cursor >= 0 and tokens[cursor].text == ",":
        cursor -= 1
    last = cursor
    state = None
    role_start = None
    has_head = False
    while cursor >= 0:
        token = tokens[cursor]
        mention = mention_at.get(cursor)
        if mention is not None:
            if role_start is None:
                # "Secretary of State" ends in a word the gazetteer may not know; a state name
                # right before the person ("Russia Putin") is not a role.
                break
            if state is None and mention.kind in ("state", "organisation"):
                state = mention.code
            cursor -= 1
            continue
        lower = token.lower
        if lower in ROLE_WORDS and lower not in _DETERMINERS:
            has_head = has_head or lower in ROLE_HEADS
            # The role may continue through "of"/"for"/"and" but does not start with them.
            if lower not in ("of", "for", "and", "'s", "the"):
                role_start = cursor
            cursor -= 1
            continue
        if lower.startswith("then-"):
            cursor -= 1
            continue
        break
    if role_start is None or not has_head or last < 0:
        return None, None
    role = " ".join(tokens[i].text for i in range(role_start, last + 1) if i not in mention_at)
    return _clean_role(role), state


def _role_after(
    tokens: Sequence[Token], end: int, mention_at: dict[int, Mention]
) -> tuple[str | None, str | None]:
    """An appositive role after a name: "Josep Borrell, the EU's High Representative for ..."."""
    if end >= len(tokens) or tokens[end].text != ",":
        return None, None
    cursor = end + 1
    state = None
    words: list[str] = []
    saw_head = False
    last_head_len = 0
    while cursor < len(tokens) and cursor - end < 14:
        token = tokens[cursor]
        mention = mention_at.get(cursor)
        if mention is not None:
            state = state or mention.code
            cursor += 1
            continue
        if token.lower in ROLE_WORDS or (
            saw_head and token.text[:1].isupper() and token.text.isalpha()
        ):
            if token.lower not in _DETERMINERS and token.lower not in ("'s", "’s"):
                words.append(token.text)
            if token.lower in ROLE_HEADS:
                saw_head = True
            if saw_head and token.lower not in ("and", "of", "for"):
                last_head_len = len(words)
            cursor += 1
            continue
        if token.lower in _DETERMINERS and not words:
            cursor += 1
            continue
        break
    if not saw_head:
        return None, None
    return _clean_role(" ".join(words[:last_head_len])), state


def _clean_role(role: str) -> str | None:
    words = role.replace(" 's", "'s").replace(" ’s", "’s").split()
    while words and words[0].lower() in ("and", "of", "for", "the", "'s", "’s"):
        words.pop(0)
    return " ".join(words) or None


def _leader_names(
    tokens: Sequence[Token],
    texts: list[str],
    mention_at: dict[int, Mention],
    records: Sequence[LeaderLike],
) -> list[_Found]:
    """Full names (2+ words) of known leaders, wherever they occur."""
    index: dict[str, list[tuple[str, ...]]] = _tables(tuple(records))["first_words"]  # type: ignore[assignment]
    found = []
    for position, text in enumerate(texts):
        if text not in index:
            continue
        for words in index[text]:
            end = position + len(words)
            if tuple(texts[position:end]) == words and mention_at.keys().isdisjoint(
                range(position, end)
            ):
                found.append(_Found(position, end, None, None))
                break
    return found


def _leader_record(
    key: str, by_key: dict[str, list[LeaderLike]], date: dt.date | None
) -> LeaderLike | None:
    """The leader record whose name or alias has ``key``, in office on ``date`` if known."""
    matches = by_key.get(key, [])
    if date is not None:
        current = [
            r
            for r in matches
            if (r.start is None or r.start <= date) and (r.end is None or date <= r.end)
        ]
        matches = current or matches
    return matches[0] if matches else None


def _records_by_key(records: tuple[LeaderLike, ...]) -> dict[str, list[LeaderLike]]:
    """Leader records by the key of each of their names."""
    return _tables(records)["by_key"]  # type: ignore[return-value]


def _speaker_names(
    tokens: Sequence[Token], names: list[tuple[int, int]], taken: set[tuple[int, int]]
) -> list[_Found]:
    """Two- to four-word names directly followed by a verb of speech ("Josep Borrell said")."""
    return [
        _Found(index, end, None, None)
        for index, end in names
        if end < len(tokens) and tokens[end].lower in _SPEECH and (index, end) not in taken
    ]


def _other_spellings(
    text: str,
    tokens: Sequence[Token],
    names: list[tuple[int, int]],
    persons: dict[str, PersonFact],
    spans: list[tuple[int, int, str]],
) -> list[tuple[int, int, str]]:
    """Full names written another way elsewhere ("Kim Jong-un" after "Kim Jong Un")."""
    covered = {i for first, end, _ in spans for i in range(first, end)}
    result = []
    for index, end in names:
        if not covered.intersection(range(index, end)):
            key = person_key(text[tokens[index].start : tokens[end - 1].end])
            if key in persons:
                result.append((index, end, key))
    return result


def _leader_short_forms(
    tokens: Sequence[Token],
    texts: list[str],
    mention_at: dict[int, Mention],
    persons: dict[str, PersonFact],
    spans: list[tuple[int, int, str]],
    records: Sequence[LeaderLike],
    date: dt.date | None,
) -> list[tuple[int, int, str]]:
    """One-word names of leaders ("Putin") even when the full name never appears.

    Only names that single out one leader in office on the article date (any date when it is
    unknown) count: "Kim" alone is not enough when two leaders are called Kim.
    """
    words = _leader_words(tuple(records))
    covered = {i for first, end, _ in spans for i in range(first, end)}
    result = []
    for position, text in enumerate(texts):
        if text not in words:
            continue
        pairs = words[text]
        if not pairs or position in covered or position in mention_at:
            continue
        current = {key: record for key, record in pairs if _in_office(record, date)}
        if len(current) != 1 or _inside_name(tokens, position, mention_at):
            continue
        key, record = next(iter(current.items()))
        if key not in persons:
            persons[key] = PersonFact(
                key=key, name=record.name, role=record.role, state=record.state
            )
        result.append((position, position + 1, key))
    return result


def _in_office(record: LeaderLike, date: dt.date | None) -> bool:
    return date is None or (
        (record.start is None or record.start <= date)
        and (record.end is None or date <= record.end)
    )


def _leader_words(records: tuple[LeaderLike, ...]) -> dict[str, list[tuple[str, LeaderLike]]]:
    """One-word names of leaders (surname, one-word aliases) -> (key, record) pairs."""
    return _tables(records)["words"]  # type: ignore[return-value]


_TABLES: Final[dict[int, tuple[tuple[LeaderLike, ...], dict[str, object]]]] = {}


def _tables(records: tuple[LeaderLike, ...]) -> dict[str, object]:
    """Lookup tables over a set of leader records, built once per set (kept by identity:
    hashing 150 records for every article would cost more than the lookups)."""
    cached = _TABLES.get(id(records))
    if cached is not None and cached[0] is records:
        return cached[1]
    by_key: dict[str, list[LeaderLike]] = {}
    first_words: dict[str, list[tuple[str, ...]]] = {}
    words: dict[str, list[tuple[str, LeaderLike]]] = {}
    for record in records:
        key = person_key(record.name)
        for name in {person_key(n) for n in (record.name, *record.aliases)}:
            by_key.setdefault(name, []).append(record)
        for name in (record.name, *record.aliases):
            parts = tuple(t.text for t in tokenize(name))
            if len(parts) >= 2:
                first_words.setdefault(parts[0], []).append(parts)
        for word in {record.name.split()[-1], *(a for a in record.aliases if " " not in a.strip())}:
            if len(word) >= 3:
                words.setdefault(word, []).append((key, record))
    for candidates in first_words.values():
        candidates.sort(key=len, reverse=True)
    tables: dict[str, object] = {"by_key": by_key, "first_words": first_words, "words": words}
    if len(_TABLES) > 8:
        _TABLES.clear()
    _TABLES[id(records)] = (records, tables)
    return tables


def _inside_name(tokens: Sequence[Token], position: int, mention_at: dict[int, Mention]) -> bool:
    """Whether the word at ``position`` belongs to a longer capitalised name."""
    before = position > 0 and _is_name_word(tokens[position - 1]) and position - 1 not in mention_at
    after = (
        position + 1 < len(tokens)
        and _is_name_word(tokens[position + 1])
        and position + 1 not in mention_at
    )
    return bool(before or after)


def _short_forms(
    tokens: Sequence[Token],
    texts: list[str],
    mention_at: dict[int, Mention],
    persons: dict[str, PersonFact],
    spans: list[tuple[int, int, str]],
) -> list[tuple[int, int, str]]:
    """Single-word mentions of known persons by family or given name ("Kim", "Putin")."""
    by_word: dict[str, str] = {}
    for person in persons.values():  # insertion order: the first-introduced person wins
        words = person.name.replace("-", " ").split()
        for word in (words[0], words[-1]):
            if len(word) >= 3 and word not in _NOT_NAME:
                by_word.setdefault(word, person.key)
    covered: set[int] = set()
    for first, end, _ in spans:
        covered.update(range(first, end))
    result = []
    for position, text in enumerate(texts):
        if text not in by_word or position in covered or position in mention_at:
            continue
        key = by_word[text]
        # Not part of a longer capitalised name ("Kim Yo Jong" is not "Kim").
        if not _inside_name(tokens, position, mention_at):
            result.append((position, position + 1, key))
    return result
