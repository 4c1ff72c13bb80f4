"""Dates in article text, resolved against the article date.

Candidate expressions are found with a regular expression (explicit dates "18 June",
"September 10, 2024", "2024-06-19"; months "in May"; weekdays "on Wednesday"; relative
"yesterday", "last week", "earlier this month") and resolved with dateparser relative to the
article date, preferring the past (news reports what happened). Year-only and season expressions
are too coarse for an ``xsd:date`` and are ignored. Results are cached per (expression, date).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from sanctions_graph.extract.tokens import Token, tokenize

_MONTH_WORDS: Final = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
)  # fmt: skip
_WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH: Final = rf"(?:{'|'.join(_MONTH_WORDS)})\.?"
_WEEKDAY: Final = rf"(?:{'|'.join(_WEEKDAYS)})"
# Case-sensitive on purpose: news capitalises months and weekdays, and an ignore-case
# alternation this long is several times slower. The lookahead skips most positions at once.
_DATE: Final = re.compile(
    rf"\b(?=[0-9A-Zaeloty])(?:"
    rf"\d{{4}}-\d{{2}}-\d{{2}}"  # ISO
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?"  # 18 June (2024)
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?(?!\d)"  # June 18(, 2024)
    rf"|(?<=\bin\s){_MONTH}(?:\s+\d{{4}})?"  # in May (2023)
    rf"|(?<=\bsince\s){_MONTH}(?:\s+\d{{4}})?"
    rf"|(?:[Ll]ast|[Tt]his|[Nn]ext)\s+{_WEEKDAY}"
    rf"|(?<=\bon\s){_WEEKDAY}"
    rf"|{_WEEKDAY}(?=\s+(?:morning|afternoon|evening|night))"
    rf"|[Yy]esterday|[Tt]oday|[Tt]omorrow|[Ll]ast\s+week|[Ll]ast\s+month"
    rf"|[Ee]arlier\s+this\s+(?:week|month)|[Aa]\s+day\s+earlier"
    rf")\b"
)
#: What a date expression can start with (the lookahead above).
_INITIALS: Final = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZaeloty")
#: The first words of the expressions, as tokens: a month, a weekday, a relative word.
_FIRST_WORDS: Final = frozenset((*_MONTH_WORDS, *_WEEKDAYS)) | {
    "Last", "last", "This", "this", "Next", "next", "Yesterday", "yesterday", "Today", "today",
    "Tomorrow", "tomorrow", "Earlier", "earlier", "A", "a",
}  # fmt: skip


@dataclass(frozen=True)
class DateMention:
    """A date expression in the text and the date it resolves to."""

    start: int
    end: int
    text: str
    date: dt.date


def find_dates(
    text: str,
    base: dt.date | None,
    offset: int = 0,
    *,
    future: bool = False,
    tokens: Sequence[Token] | None = None,
) -> list[DateMention]:
    """Date expressions in ``text`` resolved against ``base`` (the article date).

    Without a ``base`` only expressions that carry their own year resolve. ``offset`` shifts
    the returned character positions (the text's start in the document). ``future`` prefers
    dates after ``base`` (for planned events: "will meet on Friday"). ``tokens`` are
    ``tokenize(text)`` when the caller has them already.
    """
    found = []
    end = 0  # expressions do not overlap: the next one starts after the last one's end
    # The expression is tried only where one can start (``_starts``), not at every character.
    for start in _starts(tokenize(text) if tokens is None else tokens):
        if start < end:
            continue
        match = _DATE.match(text, start)
        if match is None:
            continue
        end = match.end()
        expression = match.group()
        date = resolve(expression, base, future=future)
        if date is not None:
            found.append(DateMention(start + offset, end + offset, expression, date))
    return found


def _starts(tokens: Sequence[Token]) -> list[int]:
    """Every offset where ``_DATE`` may match, in order (and a few where it may not).

    A match starts at a word boundary, so at the start of a token or, inside a token that
    holds non-word characters ("mid-June"), after one of them. In a token of word characters
    only, it starts at the token's start and the whole token is its first word (every first
    word is followed by a non-word character or the end): a number, or one of
    ``_FIRST_WORDS``.
    """
    starts = []
    for token in tokens:
        word = token.text
        if word.isalnum():
            if word[0] in _INITIALS and (word in _FIRST_WORDS or word[0].isdigit()):
                starts.append(token.start)
            continue
        for position in range(len(word)):
            if word[position] in _INITIALS and (position == 0 or not word[position - 1].isalnum()):
                starts.append(token.start + position)
    return starts


def resolve(expression: str, base: dt.date | None, *, future: bool = False) -> dt.date | None:
    """The date ``expression`` denotes, relative to ``base``; None when it cannot be resolved.

    Ambiguous expressions resolve to the most recent such date (news reports what happened),
    or the next one when ``future`` is set.
    """
    return _resolve(" ".join(expression.split()).lower(), base, future)


@lru_cache(maxsize=4096)
def _resolve(expression: str, base: dt.date | None, future: bool) -> dt.date | None:
    if base is None and not re.search(r"\d{4}", expression):
        return None
    try:
        fast = _calendar(expression, base, future)
    except ValueError:  # "31 June": no such day
        return None
    if fast is not _UNKNOWN:
        return fast  # type: ignore[return-value]
    import dateparser  # heavy (~0.5 s to import, ~7 ms a call): only for other forms

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "future" if future else "past",
        "PREFER_DAY_OF_MONTH": "first",
    }
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time(12))
    parsed = dateparser.parse(expression, languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None


_UNKNOWN: Final = object()
_MONTHS: Final = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip
_DAY_MONTH: Final = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:,?\s+(\d{4}))?")
_MONTH_DAY: Final = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?")
_MONTH_YEAR: Final = re.compile(r"([a-z]+)\.?(?:\s+(\d{4}))?")


def _calendar(expression: str, base: dt.date | None, future: bool) -> object:
    """The date of the fixed forms the finder looks for, by calendar arithmetic.

    dateparser resolves the same forms but costs about 7 ms a call, which alone would cap
    extraction near 100 articles a second; it remains the resolver for any other form.
    Returns ``_UNKNOWN`` for a form this function does not handle.
    """
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", expression):
        return dt.date.fromisoformat(expression)
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        match = pattern.fullmatch(expression)
        if match and match.group(month_group) in _MONTHS:
            month, day = _MONTHS[match.group(month_group)], int(match.group(day_group))
            return _with_year(month, day, match.group(3), base, future)
    match = _MONTH_YEAR.fullmatch(expression)
    if match and match.group(1) in _MONTHS:
        return _with_year(_MONTHS[match.group(1)], 1, match.group(2), base, future)
    if base is None:
        return _UNKNOWN
    relative = {
        "today": 0, "yesterday": -1, "tomorrow": 1, "a day earlier": -1, "last week": -7,
    }  # fmt: skip
    if expression in relative:
        return base + dt.timedelta(days=relative[expression])
    if expression == "earlier this month":
        return base.replace(day=1)
    if expression == "earlier this week":
        return base - dt.timedelta(days=base.weekday())
    if expression == "last month":
        previous = base.replace(day=1) - dt.timedelta(days=1)
        return previous.replace(day=min(base.day, previous.day))
    words = expression.split()
    weekdays = [d.lower() for d in _WEEKDAYS]
    if words and words[-1] in weekdays:
        target = weekdays.index(words[-1])
        after = (target - base.weekday()) % 7
        before = (base.weekday() - target) % 7
        if words[0] == "next":
            return base + dt.timedelta(days=after or 7)
        if words[0] == "last":
            return base - dt.timedelta(days=before or 7)
        if words[0] == "this":
            return base + dt.timedelta(days=target - base.weekday())
        # "on Wednesday": the nearest such day, the article date included.
        return base + dt.timedelta(days=after) if future else base - dt.timedelta(days=before)
    return _UNKNOWN


def _with_year(
    month: int, day: int, year: str | None, base: dt.date | None, future: bool
) -> dt.date | None:
    """A month and day in the given year, else in the year that puts it before (or after,
    for ``future``) the article date."""
    if year is not None:
        return dt.date(int(year), month, day)
    if base is None:
        return None
    date = dt.date(base.year, month, day)
    if future and date <= base:
        return dt.date(base.year + 1, month, day)
    if not future and date > base:
        return dt.date(base.year - 1, month, day)
    return date
