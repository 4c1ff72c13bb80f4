"""Tokens with character offsets and lemmas.

Relation rules work over lemmas, so "signed", "signs" and "signing" trigger the same pattern. The
lemmas come from spaCy's English lookup table (spacy-lookups-data), read once; a token-level
regex tokenizer is enough for these rules and keeps extraction fast (no pipeline to load).
"""

from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from importlib import resources
from typing import Final, final

# Words (with inner hyphens and apostrophes: "one-on-one", "Jong-un", "U.S."), possessive
# clitics as their own token, numbers, and any other single non-space character.
# Possessive quantifiers (Python 3.11) keep the engine from backtracking through every word:
# half the cost of the same pattern with greedy ones. A word that starts with a letter is read
# in one branch (its three endings share the scan of the word); one that starts with a digit
# keeps the order of the original alternatives: before a possessive or an abbreviation, then a
# number ("1.64", "2,200"; plain numbers and "14th" are words), then a plain word.
_WORD_ENDINGS: Final = (
    r"-(?=(?:[A-Za-z]\.){2,})"  # a prefix before a dotted abbreviation: "then-" in "then-U.S."
    r"|(?:[-–]\w++)*+(?=['’]s\b)"  # a word before a possessive clitic
)
_TOKEN: Final = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # dotted abbreviations: U.S., D.P.R.K.
    rf"|(?=\D)\w++(?:{_WORD_ENDINGS}|(?:[-'’]\w++)*+)"
    rf"|\w++(?:{_WORD_ENDINGS})"
    r"|['’]s\b"  # the clitic itself
    r"|\d++(?:[.,]\d++)++(?:[-–]\w++)*+"
    r"|\w++(?:[-'’]\w++)*+"
    r"|\S"
)


@final
class Token:
    """One token: its text, lower-cased form, lemma and character offsets in the document.

    A plain class with typed attributes: compiled with mypyc it is a C struct, so the rules read
    a token's fields directly (a named tuple's fields are read through generic attribute
    lookup, a measurable share of the rules' time).
    """

    __slots__ = ("end", "lemma", "lower", "start", "text")

    def __init__(self, text: str, lower: str, lemma: str, start: int, end: int) -> None:
        self.text = text
        self.lower = lower
        self.lemma = lemma
        self.start = start
        self.end = end

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.lower!r}, {self.lemma!r}, {self.start}, {self.end})"


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """spaCy's English lemma lookup table (form -> lemma), loaded once."""
    data = resources.files("spacy_lookups_data") / "data" / "en_lemma_lookup.json.gz"
    with data.open("rb") as raw, gzip.open(raw) as unzipped:
        table: dict[str, str] = json.loads(unzipped.read())
    return table


def lemma(lower: str) -> str:
    """The lemma of a lower-cased word form (the form itself when the table has none)."""
    return lemma_table().get(lower, lower)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text``; offsets are shifted by ``offset`` (the text's start in the document)."""
    table = lemma_table()
    # Lower-casing the whole text once is cheaper than per token ("’" -> "'" keeps the length).
    folded = text.lower().replace("’", "'")
    if len(folded) != len(text):  # a few characters grow when lower-cased ("İ")
        folded = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        folded = folded.replace("’", "'")
    tokens: list[Token] = []
    # No token contains white space (``_TOKEN`` never matches it, and skips only it), so the
    # text is cut at white space first (``str.split``, in C) and each piece tokenized alone.
    # Most pieces are one plain word ("Russia"), or a word between punctuation marks
    # ("Russia,", "“We", "said.”"): for those the regex would return the word and each mark
    # on its own (a word of letters ends at the first non-word character and never starts
    # with a digit; no mark of ``_EDGES`` but an apostrophe starts a longer token), so it is
    # not run.
    position = 0
    for piece in text.split():
        start = text.find(piece, position)  # only white space lies between position and it
        end = start + len(piece)
        position = end
        if piece.isalpha():
            lower = folded[start:end]
            lemma = table.get(lower, lower)
            tokens.append(Token(piece, lower, lemma, offset + start, offset + end))
            continue
        left = piece.lstrip(_EDGES)
        word = left.rstrip(_EDGES)
        first = end - len(left)  # where the word starts
        if word.isalpha() and (first == start or text[first - 1] not in "'’"):
            for mark in range(start, first):
                _add_mark(tokens, text, folded, table, mark, offset)
            last = first + len(word)
            lower = folded[first:last]
            lemma = table.get(lower, lower)
            tokens.append(Token(word, lower, lemma, offset + first, offset + last))
            for mark in range(last, end):
                _add_mark(tokens, text, folded, table, mark, offset)
            continue
        # Anything else (possessives, hyphens, abbreviations, numbers): the regex, confined to
        # the piece (its lookaheads never cross white space, so the end changes nothing).
        for match in _TOKEN.finditer(text, start, end):
            first, last_end = match.span()
            lower = folded[first:last_end]
            tokens.append(
                Token(
                    match.group(),
                    lower,
                    table.get(lower, lower),
                    first + offset,
                    last_end + offset,
                )
            )
    return tokens


#: Punctuation that may stand around a word ("“We", "said.”", "(Reuters)"): no word
#: characters, and none that starts a longer token than itself, but the apostrophes ("'s").
_EDGES: Final = "\"“”‘'’()[]{}<>«»,.;:!?…—–-/*&%$#@|~+=^`"


def _add_mark(
    tokens: list[Token], text: str, folded: str, table: dict[str, str], at: int, offset: int
) -> None:
    """Append the one-character token at ``text[at]``."""
    lower = folded[at : at + 1]
    tokens.append(Token(text[at], lower, table.get(lower, lower), offset + at, offset + at + 1))
