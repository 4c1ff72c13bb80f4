"""The briefing: exact sections and statements, numbered citations that point at quotes and
records present in the store, agreement with the preset questions, safe HTML."""

from __future__ import annotations

import datetime as dt
import re

import pyoxigraph as ox
import pytest
from lxml import html as lxml_html
from test_viz_network import remote_references
from vizfixtures import QUOTES

from sanctions_graph.errors import QueryError
from sanctions_graph.queries import run_preset
from sanctions_graph.store import EmbeddedStore
from sanctions_graph.viz.report import (
    SECTION_TITLES,
    Briefing,
    build_briefing,
    render_html,
    render_markdown,
)

TODAY = dt.date(2024, 7, 1)
SG = "https://w3id.org/sanctions-graph/ontology#"


@pytest.fixture
def briefing(fixture_store: EmbeddedStore) -> Briefing:
    return build_briefing(fixture_store, "North Korea", today=TODAY)


def unescape_md(value: str) -> str:
    return re.sub(r"\\(.)", r"\1", value)


def test_markdown_has_exactly_the_sections(briefing: Briefing) -> None:
    headings = [line for line in render_markdown(briefing).splitlines() if line.startswith("#")]
    assert headings == [
        "# Briefing: North Korea (PRK)",
        "## 1. Sanctions regimes in force",
        "## 2. Designations by authority",
        "## 3. Cooperation partners",
        "## 4. Possible sanctions violations",
        "## 5. People in the news matching sanctions listings",
        "## Sources",
    ]
    assert [s.title for s in briefing.sections] == list(SECTION_TITLES)


def test_statements(briefing: Briefing) -> None:
    text = {s.title: [st.text for st in s.statements] for s in briefing.sections}
    assert text["Sanctions regimes in force"] == [
        "UNSC: UN-1718 sanctions; legal basis UNSC Resolution 1718 (2006); "
        "measures: ArmsEmbargo, AssetFreeze; since 2006-10-14"
    ]
    # The delisted KPi.903 is left out.
    assert text["Designations by authority"] == [
        "UNSC: 2 designation(s): Example Mining Trading Corporation (KPe.901), "
        "Ri Example (KPi.902)"
    ]
    # e5 (EconomicAssistance) states no date: it counts from its report, docB of 2024-06-21.
    assert text["Cooperation partners"][0] == (
        "Russia (RUS), sanctioned: AgreementSigning, ArmsTransfer, EconomicAssistance, Meeting; "
        "latest 2024-06-21"
    )
    assert text["Possible sanctions violations"] == [
        "ArmsTransfer PRK → RUS (2024-05-01, Reported) may breach the ArmsEmbargo of UN-1718 "
        "sanctions (UNSC, UNSC Resolution 1718 (2006))",
        "EconomicAssistance RUS → PRK (undated, Alleged) may breach the AssetFreeze of UN-1718 "
        "sanctions (UNSC, UNSC Resolution 1718 (2006))",
    ]
    assert text["People in the news matching sanctions listings"] == [
        "Ri Example matches the listing of Ri Example (KPi.902), match score 0.97; "
        "named in “Leaders meet in Pyongyang”"
    ]


def test_citations_are_numbered_and_point_into_the_store(
    briefing: Briefing, fixture_store: EmbeddedStore
) -> None:
    markdown = render_markdown(briefing)
    body, sources = markdown.split("\n## Sources\n")
    entries = re.findall(r"^(\d+)\. (.*)$", sources, re.MULTILINE)
    assert [int(n) for n, _ in entries] == list(range(1, len(briefing.citations) + 1))
    used = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
    assert used == set(range(1, len(briefing.citations) + 1))  # none dangling, none unused
    for statement in (st for s in briefing.sections for st in s.statements):
        assert statement.citations, f"uncited statement: {statement.text}"

    quotes = [c for c in briefing.citations if c.kind == "quote"]
    assert {c.text for c in quotes} == {QUOTES[q] for q in ("q1", "q2", "q3", "q4", "q6")}
    for number, citation in enumerate(briefing.citations, start=1):
        line = unescape_md(dict(entries)[str(number)])
        if citation.kind == "quote":
            assert line.startswith(f"“{citation.text}”")
            found = fixture_store.query(
                f"SELECT ?q ?doc WHERE {{ ?e <{SG}quote> ?q ; <http://www.w3.org/ns/prov#"
                "wasDerivedFrom> ?doc }",
                {"q": ox.Literal(citation.text), "doc": ox.NamedNode(str(citation.subject))},
            )
            assert len(found.rows) == 1, citation
        else:
            predicate = {
                "reference": f"VALUES ?p {{ <{SG}legalBasis> <{SG}listingReference> }}",
                "document": "VALUES ?p { <http://purl.org/dc/terms/title> }",
            }[citation.kind]
            found = fixture_store.query(
                f"SELECT ?s ?v WHERE {{ {predicate} ?s ?p ?v }}",
                {"s": ox.NamedNode(str(citation.subject)), "v": ox.Literal(citation.text)},
            )
            assert len(found.rows) == 1, citation


def test_briefing_agrees_with_ask(briefing: Briefing, fixture_store: EmbeddedStore) -> None:
    partners = run_preset(fixture_store, "partners", {"state": "PRK"})
    asked = {
        (row["partner"].value, row["sanctioned"].value)  # type: ignore[union-attr]
        for row in partners.rows
    }
    section = next(s for s in briefing.sections if s.title == "Cooperation partners")
    reported = {
        (st.subject, "no" if ", not sanctioned:" in st.text else "yes") for st in section.statements
    }
    assert reported == asked
    assert len(asked) == 1
    # Sanctioned partners come first.
    assert section.statements[0].subject == "https://w3id.org/sanctions-graph/id/state/RUS"


def test_unknown_state_is_a_clear_error(fixture_store: EmbeddedStore) -> None:
    with pytest.raises(QueryError, match="Atlantis"):
        build_briefing(fixture_store, "Atlantis", today=TODAY)


def test_html_report_is_self_contained_and_linked(briefing: Briefing) -> None:
    page = render_html(briefing)
    assert remote_references(page) == []
    tree = lxml_html.fromstring(page)
    assert [h.text_content() for h in tree.iter("h2")] == [
        f"{i}. {title}" for i, title in enumerate(SECTION_TITLES, start=1)
    ] + ["Sources"]
    targets = {a.get("href") for a in tree.iter("a") if a.get("href", "").startswith("#")}
    ids = {li.get("id") for li in tree.iter("li") if li.get("id")}
    assert targets == {f"#{i}" for i in ids}
    assert len(ids) == len(briefing.citations)
    assert tree.find(".//script") is None


def test_quote_with_markup_is_escaped(briefing: Briefing) -> None:
    from dataclasses import replace

    hostile = replace(briefing.citations[-1], text="<script>alert(1)</script> *bold*")
    briefing.citations[-1] = hostile
    assert "<script>alert" not in render_html(briefing)
    markdown = render_markdown(briefing)
    assert "<script>" not in markdown and "*bold*" not in markdown


def test_partner_named_only_by_partners_is_cited_through_evidence(
    fixture_store: EmbeddedStore,
) -> None:
    # China's visitor is a person: `partners` names the person, graph-events-of maps them to
    # Russia, so the person's quote comes from the `evidence` question.
    briefing = build_briefing(fixture_store, "CHN", today=TODAY)
    section = next(s for s in briefing.sections if s.title == "Cooperation partners")
    cited = [
        (st.text, [briefing.citations[n - 1].text for n in st.citations])
        for st in section.statements
    ]
    assert cited == [
        ("Russia (RUS), sanctioned: ExpressionOfSupport; latest 2023-03-01", [QUOTES["q7"]]),
        ("putin, not sanctioned: Visit; latest 2023-03-20", [QUOTES["q8"]]),
    ]
