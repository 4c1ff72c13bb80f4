"""Rendering of query results in every output format."""

from __future__ import annotations

import json

import pyoxigraph as ox

from sanctions_graph.output import readable, render, to_json
from sanctions_graph.store import QueryResult

RESULT = QueryResult(
    kind="select",
    variables=["state", "label", "n"],
    rows=[
        {
            "state": ox.NamedNode("https://w3id.org/sanctions-graph/id/state/PRK"),
            "label": ox.Literal("North Korea", language="en"),
            "n": ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        },
        {
            "state": ox.NamedNode("https://w3id.org/sanctions-graph/id/state/RUS"),
            "label": ox.Literal('a "q"\tb'),
            "n": None,
        },
    ],
)


def test_json_is_w3c_sparql_results() -> None:
    doc = to_json(RESULT)
    assert doc["head"] == {"vars": ["state", "label", "n"]}
    first, second = doc["results"]["bindings"]
    assert first["state"] == {"type": "uri", "value": "https://w3id.org/sanctions-graph/id/state/PRK"}
    assert first["label"] == {"type": "literal", "value": "North Korea", "xml:lang": "en"}
    assert first["n"] == {
        "type": "literal",
        "value": "3",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
    assert "n" not in second  # unbound variables are left out
    assert json.loads(render(RESULT, "json")) == doc


def test_csv_quotes_values_and_leaves_unbound_empty() -> None:
    lines = render(RESULT, "csv").split("\r\n")
    assert lines[0] == "state,label,n"
    assert lines[1] == "https://w3id.org/sanctions-graph/id/state/PRK,North Korea,3"
    assert lines[2] == 'https://w3id.org/sanctions-graph/id/state/RUS,"a ""q""\tb",'


def test_tsv_writes_terms_in_ntriples_form() -> None:
    lines = render(RESULT, "tsv").splitlines()
    assert lines[0] == "?state\t?label\t?n"
    assert lines[1].split("\t") == [
        "<https://w3id.org/sanctions-graph/id/state/PRK>",
        '"North Korea"@en',
        '"3"^^<http://www.w3.org/2001/XMLSchema#integer>',
    ]
    assert lines[2].split("\t")[1] == '"a \\"q\\"\\tb"'


def test_markdown_table_escapes_pipes() -> None:
    result = QueryResult(kind="select", variables=["x"], rows=[{"x": ox.Literal("a|b")}])
    assert render(result, "md") == "| x |\n| --- |\n| a\\|b |\n"


def test_table_shows_values_and_row_count() -> None:
    text = render(RESULT, "table")
    assert "North Korea" in text
    assert text.rstrip().endswith("2 row(s)")


def test_ask_results() -> None:
    result = QueryResult(kind="ask", boolean=True)
    assert render(result, "table") == "true\n"
    assert json.loads(render(result, "json")) == {"head": {}, "boolean": True}


def test_readable_drops_iri_only_columns_and_cuts_long_text() -> None:
    trimmed = readable(RESULT, max_chars=8)
    assert trimmed.variables == ["label", "n"]
    labels = [row["label"] for row in trimmed.rows]
    assert labels == [ox.Literal("North K…"), ox.Literal('a "q"\tb')]


def test_readable_keeps_a_result_made_only_of_iris() -> None:
    only = QueryResult(
        kind="select", variables=["s"], rows=[{"s": ox.NamedNode("http://example.org/a")}]
    )
    assert readable(only).variables == ["s"]
