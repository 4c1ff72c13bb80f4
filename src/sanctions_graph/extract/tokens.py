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
from itertools import repeat
from typing import NamedTuple

# Words (with inner hyphens and apostrophes: "one-on-one", "Jong-un", "U.S."), possessive
# clitics as their own token, numbers, and any other single non-space character.
# Possessive quantifiers (Python 3.11) keep the engine from backtracking through every word:
# half the cost of the same pattern with greedy ones. A word that starts with a letter is read
# in one branch (its three endings share the scan of the word); one that starts with a digit
# keeps the order of the original alternatives: before a possessive or an abbreviation, then a
# number ("1.64", "2,200"; plain numbers and "14th" are words), then a plain word.
_WORD_ENDINGS = (
    r"-(?=(?:[A-Za-z]\.){2,})"  # a prefix before a dotted abbreviation: "then-" in "then-U.S."
    r"|(?:[-–]\w++)*+(?=['’]s\b)"  # a word before a possessive clitic
)
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # dotted abbreviations: U.S., D.P.R.K.
    rf"|(?=\D)\w++(?:{_WORD_ENDINGS}|(?:[-'’]\w++)*+)"
    rf"|\w++(?:{_WORD_ENDINGS})"
    r"|['’]s\b"  # the clitic itself
    r"|\d++(?:[.,]\d++)++(?:[-–]\w++)*+"
    r"|\w++(?:[-'’]\w++)*+"
    r"|\S"
)


class Token(NamedTuple):
    """One token: its text, lower-cased form, lemma and character offsets in the document.

    A named tuple: documents have thousands of tokens, and tuples are the cheapest to build.
    """

    text: str
    lower: str
    lemma: str
    start: int
    end: int


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
    # Column by column with map() (the loop runs in C): a document has thousands of tokens.
    matches = list(_TOKEN.finditer(text))
    starts = list(map(_START, matches))
    ends = list(map(_END, matches))
    lowers = list(map(folded.__getitem__, map(slice, starts, ends)))
    lemmas = list(map(table.get, lowers, lowers))
    if offset:
        starts = [start + offset for start in starts]
        ends = [end + offset for end in ends]
    columns = zip(map(_TEXT, matches), lowers, lemmas, starts, ends, strict=True)
    return list(map(_NEW_TUPLE, repeat(Token), columns))


_START = re.Match.start
_END = re.Match.end
_TEXT = re.Match.group
#: ``tuple.__new__(Token, values)`` builds a token without the Python-level ``Token.__new__``.
_NEW_TUPLE = tuple.__new__
