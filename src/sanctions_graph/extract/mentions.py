"""Mentions of states and organisations: gazetteer names, aliases, demonyms, capitals, metonyms.

The gazetteer comes from ``sanctions_graph.reference`` (curated data shipped with the package).
Matching is over tokens: every surface form is tokenized the same way as the text and looked up
from its first token, longest match first, so a thousand surface forms cost one dictionary lookup
per token of text.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Protocol

from sanctions_graph.extract.model import Mention, Span
from sanctions_graph.extract.tokens import Token, tokenize

# Preference when two entries have the same surface: a name beats an alias beats a demonym...
_VIA_RANK: Final = {"name": 0, "acronym": 1, "alias": 2, "demonym": 3, "capital": 4, "metonym": 5}


class GazetteerLike(Protocol):
    """What a gazetteer entry must provide (``sanctions_graph.reference.GazetteerEntry``)."""

    @property
    def surface(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def via(self) -> str: ...
    @property
    def case_sensitive(self) -> bool: ...


@dataclass(frozen=True)
class _Entry:
    words: tuple[str, ...]  # token texts as written in the gazetteer (for case-sensitive matching)
    kind: str
    code: str
    via: str
    case_sensitive: bool


class Gazetteer:
    """A token-level matcher over gazetteer entries."""

    def __init__(self, entries: Iterable[GazetteerLike]) -> None:
        """Index ``entries`` by their first lower-cased token."""
        best: dict[tuple[tuple[str, ...], bool], _Entry] = {}
        for entry in entries:
            words = tuple(token.text for token in tokenize(entry.surface))
            if not words:
                continue
            key = (tuple(w.lower() for w in words), entry.case_sensitive)
            candidate = _Entry(words, entry.kind, entry.code, entry.via, entry.case_sensitive)
            current = best.get(key)
            if current is None or _rank(candidate) < _rank(current):
                best[key] = candidate
        # First word -> [(length, {lower-cased words: entries})], longest first ("North
        # Korean" before "North Korea"): a token costs one lookup, a candidate one per length.
        grouped: dict[str, dict[int, dict[tuple[str, ...], list[_Entry]]]] = {}
        for known in best.values():
            lowered = tuple(w.lower() for w in known.words)
            by_length = grouped.setdefault(lowered[0], {})
            by_length.setdefault(len(lowered), {}).setdefault(lowered, []).append(known)
        self._index: dict[str, list[tuple[int, dict[tuple[str, ...], list[_Entry]]]]] = {}
        #: (first word, second word) of every name of two or more words.
        self._pairs = {
            (words[0], words[1])
            for by_length in grouped.values()
            for table in by_length.values()
            for words in table
            if len(words) > 1
        }
        for first, by_length in grouped.items():
            for table in by_length.values():
                for same in table.values():
                    same.sort(key=_rank)
            self._index[first] = sorted(by_length.items(), key=lambda item: -item[0])
        #: Canonical state names by code (for "the North" -> the state whose name starts so).
        self.names: dict[str, str] = {}
        #: Leading words of long state names ("islamic", "republic") -> the states they begin,
        #: so that "the Islamic Republic" resolves to a state named before.
        self.descriptions: dict[tuple[str, ...], frozenset[str]] = {}
        prefixes: dict[tuple[str, ...], set[str]] = {}
        for known in best.values():
            if known.kind != "state":
                continue
            if known.via == "name":
                self.names.setdefault(known.code, " ".join(known.words))
            lowered = tuple(w.lower() for w in known.words)
            for length in range(2, len(lowered)):
                prefixes.setdefault(lowered[:length], set()).add(known.code)
        self.descriptions = {words: frozenset(codes) for words, codes in prefixes.items()}

    def match(self, tokens: Sequence[Token]) -> list[tuple[int, int, _Entry]]:
        """Non-overlapping matches as (first token, end token, entry), leftmost-longest."""
        found = []
        position = 0  # the first token not yet inside a match
        count = len(tokens)
        index = self._index
        lowers = [token.lower for token in tokens]
        for start in range(position, count):
            # Only a token that starts a name, or a hyphenated word ("US-led"), can start one.
            if start < position or (lowers[start] not in index and "-" not in tokens[start].text):
                continue
            position = start
            lengths = index.get(lowers[position])
            matched = None
            if lengths:
                following = lowers[position + 1] if position + 1 < count else ""
                for length, table in lengths:
                    end = position + length
                    if end > count:
                        continue
                    if length > 1 and (lowers[position], following) not in self._pairs:
                        continue  # "the" starts many names; the next word rules most out
                    words = tuple(lowers[position:end])
                    for entry in table.get(words, ()):
                        if _matches(entry, tokens, position):
                            matched = (position, end, entry)
                            break
                    if matched:
                        break
            if matched:
                found.append(matched)
                position = matched[1]
                continue
            if "-" in tokens[position].text:
                prefix = self._hyphen_prefix(tokens[position])
                if prefix is not None:
                    found.append((position, position + 1, prefix))
            position += 1
        return found

    def _hyphen_prefix(self, token: Token) -> _Entry | None:
        """The entry naming the first part of a hyphenated word: "US-led", "Iranian-made"."""
        head, dash, _rest = token.text.partition("-")
        if not dash or not head:
            return None
        singles = dict(self._index.get(head.lower(), ())).get(1, {})
        for entry in singles.get((head.lower(),), ()):
            if entry.words[0] == head or (
                not entry.case_sensitive and entry.words[0].lower() == head.lower()
            ):
                return entry
        return None


def _rank(entry: _Entry) -> int:
    return _VIA_RANK.get(entry.via, 9)


def _matches(entry: _Entry, tokens: Sequence[Token], position: int) -> bool:
    if len(entry.words) == 1:  # the common case: one word, no gaps to check
        token = tokens[position]
        if entry.case_sensitive:
            return token.text == entry.words[0]
        # ``match`` found the entry by the token's lower-cased form (equal to the word's).
        # A proper name is written with a capital somewhere ("us" is not the United States).
        return token.lower == entry.words[0].lower() and any(map(str.isupper, token.text))
    window = tokens[position : position + len(entry.words)]
    # Words of one name are written next to each other (at most a space or two apart).
    for left, right in itertools.pairwise(window):
        if right.start - left.end > 2:
            return False
    if entry.case_sensitive:
        return all(t.text == w for t, w in zip(window, entry.words, strict=True))
    if not all(t.lower == w.lower() for t, w in zip(window, entry.words, strict=True)):
        return False
    # A proper name is written with a capital somewhere ("us" is not the United States).
    return any(ch.isupper() for t in window for ch in t.text)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer built from the package's reference data (built once)."""
    from sanctions_graph.reference import gazetteer

    return Gazetteer(gazetteer())


def find_mentions(
    text: str, tokens: Sequence[Token], gazetteer: Gazetteer | None = None
) -> list[Mention]:
    """Mentions of states and organisations in ``text`` (tokens are ``tokenize(text)``)."""
    matcher = gazetteer or default_gazetteer()
    mentions = []
    for first, end, entry in matcher.match(tokens):
        span = Span(tokens[first].start, tokens[end - 1].end)
        if (
            end == first + 1
            and len(entry.words) == 1
            and tokens[first].lower != entry.words[0].lower()
        ):
            # Only the named part of a hyphenated word ("US" of "US-led").
            span = Span(span.start, span.start + len(entry.words[0]))
        mentions.append(
            Mention(entry.kind, entry.code, span, text[span.start : span.end], entry.via)  # type: ignore[arg-type]
        )
    return mentions
