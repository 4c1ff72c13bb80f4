"""The timeline: events per partner from the ``timeline`` question, regimes as bands, the layout
handed to matplotlib, and the PNG and self-contained HTML outputs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lxml import html as lxml_html
from test_viz_network import remote_references
from vizfixtures import QUOTES

from sanctions_graph.store import EmbeddedStore
from sanctions_graph.viz.timeline import layout, load_timeline, write_timeline

TODAY = dt.date(2024, 7, 1)


def test_events_per_partner_and_bands(fixture_store: EmbeddedStore) -> None:
    data = load_timeline(fixture_store, "North Korea")
    assert (data.state_code, data.state_label) == ("PRK", "North Korea")
    assert [(e.partner, e.date, e.type, e.modality, e.role) for e in data.events] == [
        ("RUS", dt.date(2024, 5, 1), "ArmsTransfer", "Reported", "actor"),
        ("RUS", dt.date(2024, 6, 19), "Meeting", "Asserted", "target"),  # same day: by IRI
        ("RUS", dt.date(2024, 6, 19), "AgreementSigning", "Planned", "actor"),
        ("USA", dt.date(2024, 6, 21), "Criticism", "Asserted", "target"),
        ("RUS", None, "EconomicAssistance", "Alleged", "target"),
    ]
    assert sorted(q for q, _ in data.events[0].quotes) == sorted([QUOTES["q1"], QUOTES["q2"]])
    assert data.partners == ["RUS", "USA"]
    assert [(b.authority, b.label, b.start, b.end) for b in data.bands] == [
        ("UNSC", "UN-1718 sanctions", dt.date(2006, 10, 14), None)
    ]


def test_date_range(fixture_store: EmbeddedStore) -> None:
    data = load_timeline(fixture_store, "PRK", dt.date(2024, 6, 20), dt.date(2024, 12, 31))
    assert [(e.partner, e.type) for e in data.events] == [("USA", "Criticism")]


def test_layout_handed_to_matplotlib(fixture_store: EmbeddedStore) -> None:
    plot = layout(load_timeline(fixture_store, "PRK"), TODAY)
    assert plot.rows == [
        "with RUS",
        "with USA",
        "UNSC: UN-1718 sanctions (since 2006-10-14)",
    ]
    assert sorted(plot.marks) == sorted(
        [
            (0, dt.date(2024, 5, 1), "AID", True),
            (0, dt.date(2024, 6, 19), "AGREEMENT", False),  # planned: hollow
            (0, dt.date(2024, 6, 19), "DIPLOMATIC", True),
            (1, dt.date(2024, 6, 21), "HOSTILITY", True),
        ]
    )
    assert plot.undated == 1
    assert plot.start < dt.date(2024, 5, 1) and plot.end > dt.date(2024, 6, 21)
    # The regime is in force over the whole range shown: the band spans it.
    assert plot.bands == [(2, plot.start, plot.end)]


def test_band_of_an_ended_regime_is_clipped(fixture_store: EmbeddedStore) -> None:
    fixture_store.update(
        "INSERT DATA { GRAPH <urn:test> { <https://w3id.org/sanctions-graph/id/regime/UN-1718> "
        "<https://w3id.org/sanctions-graph/ontology#endDate> "
        '"2024-06-01"^^<http://www.w3.org/2001/XMLSchema#date> } }'
    )
    plot = layout(load_timeline(fixture_store, "PRK"), TODAY)
    assert plot.rows[-1] == "UNSC: UN-1718 sanctions (since 2006-10-14, until 2024-06-01)"
    assert plot.bands == [(2, plot.start, dt.date(2024, 6, 1))]


def test_png_and_html_files(fixture_store: EmbeddedStore, tmp_path: Path) -> None:
    data = load_timeline(fixture_store, "PRK")
    png = tmp_path / "t.png"
    write_timeline(data, png, "png", TODAY)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page_path = tmp_path / "t.html"
    write_timeline(data, page_path, "html", TODAY)
    page = page_path.read_text(encoding="utf-8")
    assert remote_references(page) == []
    tree = lxml_html.fromstring(page)
    figure = tree.find(".//figure[@id='timeline']")
    assert figure is not None and "<svg" in lxml_html.tostring(figure, encoding="unicode")
    cells = [
        [td.text_content() for td in tr.findall("td")]
        for tr in tree.find(".//table[@id='events']/tbody").findall("tr")
    ]
    assert [row[:5] for row in cells] == [
        ["2024-05-01", "RUS", "AID", "ArmsTransfer", "Reported"],
        ["2024-06-19", "RUS", "DIPLOMATIC", "Meeting", "Asserted"],
        ["2024-06-19", "RUS", "AGREEMENT", "AgreementSigning", "Planned"],
        ["2024-06-21", "USA", "HOSTILITY", "Criticism", "Asserted"],
        ["undated", "RUS", "AID", "EconomicAssistance", "Alleged"],
    ]
    assert QUOTES["q6"] in cells[-1][5]
    assert tree.find(".//script") is None
