"""Dates resolved against the article date."""

from __future__ import annotations

import datetime as dt

import pytest

from sanctions_graph.extract.dates import find_dates, resolve

BASE = dt.date(2024, 6, 19)  # a Wednesday


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("Wednesday", dt.date(2024, 6, 19)),
        ("Monday", dt.date(2024, 6, 17)),
        ("18 June", dt.date(2024, 6, 18)),
        ("September 10, 2024", dt.date(2024, 9, 10)),
        ("2023-05-04", dt.date(2023, 5, 4)),
        ("May", dt.date(2024, 5, 1)),
        ("yesterday", dt.date(2024, 6, 18)),
        ("last week", dt.date(2024, 6, 12)),
        ("earlier this month", dt.date(2024, 6, 1)),
        ("a day earlier", dt.date(2024, 6, 18)),
    ],
)
def test_expressions_resolve_against_the_article_date(expression: str, expected: dt.date) -> None:
    assert resolve(expression, BASE) == expected


def test_future_preference_for_planned_events() -> None:
    assert resolve("Friday", BASE, future=True) == dt.date(2024, 6, 21)
    assert resolve("July 18", dt.date(2022, 6, 12), future=True) == dt.date(2022, 7, 18)
    assert resolve("July 18", dt.date(2022, 6, 12)) == dt.date(2021, 7, 18)


def test_relative_expressions_need_an_article_date() -> None:
    assert resolve("Monday", None) is None
    assert resolve("4 May 2023", None) == dt.date(2023, 5, 4)


def test_find_dates_gives_offsets_in_the_document() -> None:
    text = "Putin arrived on Wednesday and left in June. In 2023 nothing happened."
    found = find_dates(text, BASE, offset=100)
    assert [(d.text, d.start, d.end, d.date) for d in found] == [
        ("Wednesday", 117, 126, dt.date(2024, 6, 19)),
        ("June", 139, 143, dt.date(2024, 6, 1)),
    ]


@pytest.mark.parametrize("future", [False, True])
@pytest.mark.parametrize("base", [dt.date(2024, 6, 19), dt.date(2022, 1, 3), dt.date(2023, 12, 31)])
def test_calendar_arithmetic_agrees_with_dateparser(base: dt.date, future: bool) -> None:
    # The fixed forms are computed directly for speed; dateparser is the reference.
    import dateparser

    settings = {
        "PREFER_DATES_FROM": "future" if future else "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RELATIVE_BASE": dt.datetime.combine(base, dt.time(12)),
    }
    for expression in [
        "18 June", "June 18, 2024", "May", "May 2023", "yesterday", "today", "tomorrow",
        "2024-05-04", "September 10", "last week", "1 January", "December 31", "June",
    ]:  # fmt: skip
        expected = dateparser.parse(expression, languages=["en"], settings=settings)
        assert expected is not None
        assert resolve(expression, base, future=future) == expected.date(), expression
