"""Sentence splitting with exact character offsets into the document text.

Every sentence's text is ``doc.text[start:end]`` verbatim (the evidence quote must be a substring
of the source). Line breaks end a sentence too: headlines, bylines and captions carry no final
full stop. Abbreviations ("U.S.", "Mr.", "Gen.") and initials do not end a sentence.
"""

from __future__ import annotations

import re
from typing import Final

from sanctions_graph.extract.model import Sentence, Span


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (word lists are written as prose blocks)."""
    return frozenset(text.split())


# A candidate end: terminal punctuation plus any closing quotes/brackets, then whitespace.
# (Written "[.!?][.!?]*", not "[.!?]+": a pattern that starts with a character class lets the
# regex engine skip to the next candidate character in one fast scan.)
_END: Final = re.compile(r"[.!?][.!?]*[\"'”’)\]]*(?=\s)")
# What may start the next sentence: a capital letter, digit, or an opening quote/bracket.
_NEXT_START: Final = re.compile(r"\s+[\"'“‘(\[]?[A-Z0-9]")
# Words after which a full stop is an abbreviation, not a sentence end (lower-cased, no dot).
_ABBREVIATIONS: Final = _words(
    """
    mr mrs ms dr prof gen lt col maj capt sgt adm gov sen rep rev st jr sr inc ltd corp co
    no vs etc jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u d.c u.s.a p.m
    a.m d.p.r.k approx dept est fig
    """
)


_INITIALS: Final = re.compile(r"(\w\.)+\w")

#: Longer "sentences" (a list run together, a page without full stops) are cut at a clause
#: boundary: evidence stays readable and the per-sentence rules stay linear in the input.
MAX_SENTENCE_CHARS: Final = 1000


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences whose ``span`` indexes ``text`` exactly.

    Leading and trailing whitespace is excluded from each sentence; empty lines produce nothing.
    """
    sentences: list[Sentence] = []
    for line_start, line_end in _lines(text):
        for start, end in _split_line(text, line_start, line_end):
            if end - start <= MAX_SENTENCE_CHARS:  # the common case: nothing to cut
                sentences.append(Sentence(len(sentences), Span(start, end), text[start:end]))
                continue
            for piece_start, piece_end in _cut_long(text, start, end):
                sentences.append(
                    Sentence(
                        len(sentences), Span(piece_start, piece_end), text[piece_start:piece_end]
                    )
                )
    return sentences


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a sentence longer than ``MAX_SENTENCE_CHARS`` after ";", ":" or "," (else at a space,
    else anywhere) so that no piece is longer."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = -1
        for marks in ((";", ":"), (",",), (" ", "\t")):
            cut = max(text.rfind(mark, start + 1, limit) for mark in marks)
            if cut > start + MAX_SENTENCE_CHARS // 2:
                break
        cut = cut + 1 if cut > start else limit
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        pieces.append((start, piece_end))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def _lines(text: str) -> list[tuple[int, int]]:
    """Non-blank lines of ``text`` as (start, end) with surrounding whitespace trimmed."""
    result = []
    position = 0
    # ``str.split`` and ``str.strip`` run in C and strip what ``str.isspace`` calls white space.
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = position + len(line) - len(line.lstrip())
            result.append((start, start + len(stripped)))
        position += len(line) + 1
    return result


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one line at sentence-final punctuation that is followed by a new sentence."""
    pieces = []
    current = start
    for match in _END.finditer(text, start, end):
        boundary = match.end()
        if not _NEXT_START.match(text, boundary, end):
            continue
        if match.group().startswith(".") and _is_abbreviation(text, current, match.start()):
            continue
        pieces.append((current, boundary))
        current = boundary
        while current < end and text[current].isspace():
            current += 1
    if current < end:
        pieces.append((current, end))
    return pieces


def _is_abbreviation(text: str, sentence_start: int, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation or an initial."""
    word_start = dot
    while word_start > sentence_start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip("\"'“‘([").lower()
    if not word:
        return False
    if word in _ABBREVIATIONS:
        return True
    # A single capital initial ("J. Smith"), or dotted initials ("D.C", "a.m").
    return (len(word) == 1 and text[word_start].isupper()) or bool(_INITIALS.fullmatch(word))
