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
from dataclasses import dataclass
from functools import lru_cache

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATE = re.compile(
    rf"\b(?:"
    rf"\d{{4}}-\d{{2}}-\d{{2}}"  # ISO
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?"  # 18 June (2024)
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?(?!\d)"  # June 18(, 2024)
    rf"|(?<=\bin\s){_MONTH}(?:\s+\d{{4}})?"  # in May (2023)
    rf"|(?<=\bsince\s){_MONTH}(?:\s+\d{{4}})?"
    rf"|(?:last|this|next)\s+{_WEEKDAY}"
    rf"|(?<=\bon\s){_WEEKDAY}"
    rf"|{_WEEKDAY}(?=\s+(?:morning|afternoon|evening|night))"
    rf"|yesterday|today|tomorrow|last\s+week|last\s+month|earlier\s+this\s+(?:week|month)"
    rf"|a\s+day\s+earlier"
    rf")\b",
    re.IGNORECASE,
)
_DAY_ONLY = re.compile(_WEEKDAY, re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    """A date expression in the text and the date it resolves to."""

    start: int
    end: int
    text: str
    date: dt.date


def find_dates(
    text: str, base: dt.date | None, offset: int = 0, *, future: bool = False
) -> list[DateMention]:
    """Date expressions in ``text`` resolved against ``base`` (the article date).

    Without a ``base`` only expressions that carry their own year resolve. ``offset`` shifts
    the returned character positions (the text's start in the document). ``future`` prefers
    dates after ``base`` (for planned events: "will meet on Friday").
    """
    found = []
    for match in _DATE.finditer(text):
        expression = match.group()
        date = resolve(expression, base, future=future)
        if date is not None:
            found.append(
                DateMention(match.start() + offset, match.end() + offset, expression, date)
            )
    return found


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
    if base is not None:
        if expression == "a day earlier":
            return base - dt.timedelta(days=1)
        if expression == "earlier this month":
            return base.replace(day=1)
        if expression == "earlier this week":
            return base - dt.timedelta(days=base.weekday())
        if _DAY_ONLY.fullmatch(expression):
            # "on Wednesday": the nearest such day, the article date included.
            target = [d.lower() for d in _WEEKDAYS].index(expression)
            if future:
                return base + dt.timedelta(days=(target - base.weekday()) % 7)
            return base - dt.timedelta(days=(base.weekday() - target) % 7)
    import dateparser  # heavy (~0.5 s): imported only when a date needs resolving

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "future" if future else "past",
        "PREFER_DAY_OF_MONTH": "first",
    }
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time(12))
    parsed = dateparser.parse(expression, languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
