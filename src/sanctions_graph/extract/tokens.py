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
from typing import NamedTuple

# Words (with inner hyphens and apostrophes: "one-on-one", "Jong-un", "U.S."), possessive
# clitics as their own token, numbers, and any other single non-space character.
# Possessive quantifiers (Python 3.11) keep the engine from backtracking through every word:
# half the cost of the same pattern with greedy ones.
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # dotted abbreviations: U.S., D.P.R.K.
    r"|\w++-(?=(?:[A-Za-z]\.){2,})"  # a prefix before one: "then-" in "then-U.S."
    r"|\w++(?:[-–]\w++)*+(?=['’]s\b)"  # a word before a possessive clitic
    r"|['’]s\b"  # the clitic itself
    r"|\d++(?:[.,]\d++)++(?:[-–]\w++)*+"  # 1.64, 2,200 (plain numbers and "14th" are words)
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
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        lower = folded[start:end]
        append(Token(match.group(), lower, table.get(lower, lower), start + offset, end + offset))
    return tokens
