"""Office holders: known records, and every record points at a known state or organisation."""

from __future__ import annotations

import datetime

from sanctions_graph.reference import leaders, organisation, state


def test_every_leader_acts_for_a_known_actor_with_consistent_dates() -> None:
    records = leaders()
    assert len(records) >= 80
    for record in records:
        assert state(record.state) is not None or organisation(record.state) is not None, record
        assert record.role, record
        if record.start and record.end:
            assert record.end >= record.start, record
    assert len({(r.name, r.role, r.start) for r in records}) == len(records)


def test_known_office_holders() -> None:
    by_name: dict[str, list] = {}
    for record in leaders():
        by_name.setdefault(record.name, []).append(record)
    kim = by_name["Kim Jong Un"][0]
    assert (kim.state, kim.role) == ("PRK", "Supreme Leader")
    assert "Kim Jong-un" in kim.aliases
    choe = by_name["Choe Son Hui"][0]
    assert (choe.state, choe.role, choe.start.year) == ("PRK", "Foreign Minister", 2022)  # type: ignore[union-attr]
    lavrov = by_name["Sergey Lavrov"][0]
    assert "Sergei Lavrov" in lavrov.aliases and lavrov.state == "RUS"
    raisi = by_name["Ebrahim Raisi"][0]
    assert (raisi.start, raisi.end) == (datetime.date(2021, 8, 3), datetime.date(2024, 5, 19))
    belousov = by_name["Andrei Belousov"][0]
    assert (belousov.role, belousov.start) == ("Defence Minister", datetime.date(2024, 5, 14))
    assert {r.role for r in by_name["Vladimir Putin"]} == {"President", "Prime Minister"}
