"""Tokens with character offsets and lemmas.

Relation rules work over lemmas, so "signed", "signs" and "signing" trigger the same pattern. The
lemmas come from spaCy's English lookup table (spacy-lookups-data), read once; a token-level
regex tokenizer is enough for these rules and keeps extraction fast (no pipeline to load).
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Words (with inner hyphens and apostrophes: "one-on-one", "Jong-un", "U.S."), possessive
# clitics as their own token, numbers, and any other single non-space character.
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # dotted abbreviations: U.S., D.P.R.K.
    r"|\w+-(?=(?:[A-Za-z]\.){2,})"  # a prefix before one: "then-" in "then-U.S."
    r"|\w+(?:[-–]\w+)*(?=['’]s\b)"  # a word before a possessive clitic
    r"|['’]s\b"  # the clitic itself
    r"|\d+(?:[.,]\d+)+(?:[-–]\w+)*"  # 1.64, 2,200 (plain numbers and "14th" are words)
    r"|\w+(?:[-'’]\w+)*"
    r"|\S"
)


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its text, lower-cased form, lemma and character offsets in the document."""

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
    tokens = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        lower = word.lower().replace("’", "'")
        tokens.append(
            Token(
                word, lower, table.get(lower, lower), match.start() + offset, match.end() + offset
            )
        )
    return tokens
