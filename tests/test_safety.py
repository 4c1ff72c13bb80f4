"""Safety of user queries and parameters: no network unless allowed, size and nesting caps, a
time limit that really stops the engine, and parameters that can never change a query."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctions_graph.errors import QueryError
from sanctions_graph.queries import (
    MAX_NESTING,
    MAX_QUERY_CHARS,
    check_query,
    get_preset,
    nesting_depth,
    run_preset,
    run_user_query,
    to_term,
)
from sanctions_graph.store import EmbeddedStore

NETWORK_QUERIES = [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE SILENT <https://evil.example/> { ?s ?p ?o } } }",
    "SELECT * WHERE { VALUES ?u { <http://x/> } SERVICE ?u { ?s ?p ?o } }",
    "select * where { service\n<http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <https://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "PREFIX e: <http://example.org/> SELECT * FROM e:data WHERE { ?s ?p ?o }",
]


@pytest.mark.parametrize("sparql", NETWORK_QUERIES)
def test_network_access_is_refused_by_default(sparql: str) -> None:
    with pytest.raises(QueryError, match="--allow-network"):
        check_query(sparql)


@pytest.mark.parametrize("sparql", NETWORK_QUERIES)
def test_allow_network_lets_the_query_through_the_check(sparql: str) -> None:
    assert check_query(sparql, allow_network=True) is None


def test_service_in_a_comment_or_a_string_is_not_network_access() -> None:
    store = EmbeddedStore(None)
    store.update('INSERT DATA { <http://e/s> <http://e/p> "SERVICE <http://x> { }" }')
    sparql = (
        "SELECT ?o WHERE { # SERVICE <http://example.org/sparql> { }\n"
        '  ?s ?p ?o FILTER(?o = "SERVICE <http://x> { }") }'
    )
    result = run_user_query(store, sparql)
    assert [row["o"] for row in result.rows] == [ox.Literal("SERVICE <http://x> { }")]


def test_from_the_projects_own_graphs_is_allowed() -> None:
    check_query(
        "SELECT * FROM <https://w3id.org/sanctions-graph/id/graph/reference> WHERE { ?s ?p ?o }"
    )


def test_updates_and_load_are_refused_by_query() -> None:
    with pytest.raises(QueryError, match="updates are not accepted here"):
        check_query("LOAD <http://example.org/data.ttl>")
    with pytest.raises(QueryError, match="updates are not accepted here"):
        check_query("DROP ALL")


def test_malformed_query_is_a_query_error_with_position() -> None:
    with pytest.raises(QueryError, match=r"invalid SPARQL: .*\(line 1, column"):
        check_query("SELECT * WHERE { ?s ?p }")


def test_too_long_query_is_refused_before_parsing() -> None:
    sparql = "SELECT * WHERE { ?s ?p ?o }" + " " * MAX_QUERY_CHARS
    with pytest.raises(QueryError, match="query is too long"):
        check_query(sparql)


def test_deep_nesting_is_refused_before_the_engine_sees_it() -> None:
    # pyoxigraph segfaults near 5,000 levels: this must be a clean error, not a crash.
    store = EmbeddedStore(None)
    sparql = "SELECT * WHERE " + "{ " * 5000 + "?s ?p ?o" + " }" * 5000
    with pytest.raises(
        QueryError, match=f"nested too deeply \\(5000 levels; the limit is {MAX_NESTING}\\)"
    ):
        run_user_query(store, sparql)
    brackets = "SELECT * WHERE { FILTER(" + "(" * 200 + "1" + ")" * 200 + ") }"
    with pytest.raises(QueryError, match="nested too deeply"):
        check_query(brackets)


def test_braces_in_strings_iris_and_comments_do_not_count_as_nesting() -> None:
    sparql = 'SELECT * WHERE { ?s ?p "' + "{" * 500 + '" # ' + "{" * 500 + "\n }"
    assert nesting_depth(sparql) == 1
    check_query(sparql)


def _slow_store(path: Path | None) -> EmbeddedStore:
    store = EmbeddedStore(path)
    store.replace_graph(
        "https://e/g",
        [
            ox.Triple(ox.NamedNode(f"https://e/s{i}"), ox.NamedNode("https://e/p"), ox.Literal(i))
            for i in range(300)
        ],
    )
    return store


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.mark.slow
@pytest.mark.parametrize("on_disk", [True, False])
def test_timeout_stops_a_runaway_query(tmp_path: Path, on_disk: bool) -> None:
    store = _slow_store(tmp_path / "store" if on_disk else None)
    started = time.monotonic()
    with pytest.raises(QueryError, match="query stopped after the time limit of 1 s"):
        run_user_query(store, SLOW, timeout=1)
    assert time.monotonic() - started < 15
    store.close()


@pytest.mark.slow
def test_query_within_the_time_limit_answers_from_the_child_process(tmp_path: Path) -> None:
    store = _slow_store(tmp_path / "store")
    result = run_user_query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", timeout=60)
    assert result.rows == [
        {"n": ox.Literal("300", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))}
    ]
    with pytest.raises(QueryError, match="invalid SPARQL"):
        from sanctions_graph.queries import execute

        execute(store, "SELECT * WHERE {", timeout=60)
    store.close()


def test_cli_refuses_service_with_one_error_line(tmp_path: Path) -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "sanctions_graph",
            "--store",
            str(tmp_path / "store"),
            "query",
            "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr.splitlines() == [
        "error: SERVICE reaches the network and is refused; use --allow-network to permit it"
    ]
    # Refused before the store is opened: nothing was created.
    assert not (tmp_path / "store").exists()


# --------------------------------------------------------------------------------------------
# injection: arbitrary parameter text is a literal, never SPARQL
# --------------------------------------------------------------------------------------------
NAME = ox.NamedNode("https://example.org/name")
PRESET = """#+ summary: Things with exactly this name
#+ params:
#+   name:
#+     type: string
SELECT ?thing WHERE { ?thing <https://example.org/name> ?_name }
"""
HOSTILE = st.text(
    alphabet=st.sampled_from(list("\"'{}<>?$#\\\n\r\t .;,()[]^@_:|-*+/!=&`~%"))
    | st.characters(blacklist_categories=("Cs",)),
    max_size=40,
)


@pytest.fixture(scope="module")
def preset_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("presets")
    (folder / "by-name.rq").write_text(PRESET, encoding="utf-8")
    return folder


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=HOSTILE)
def test_any_string_parameter_matches_exactly_that_literal(preset_folder: Path, text: str) -> None:
    store = EmbeddedStore(None)
    target = ox.NamedNode("https://example.org/target")
    decoys = [text + " ", text.upper() + "x", '"', "} UNION { ?thing ?p ?o }", "x"]
    triples = [ox.Triple(target, NAME, ox.Literal(text))]
    triples += [
        ox.Triple(ox.NamedNode(f"https://example.org/decoy{i}"), NAME, ox.Literal(decoy))
        for i, decoy in enumerate(decoys)
        if decoy != text
    ]
    store.replace_graph("https://e/g", triples)
    result = run_preset(store, "by-name", {"name": text}, folder=preset_folder)
    assert result.rows == [{"thing": target}]


@settings(max_examples=150, deadline=None)
@given(text=HOSTILE)
def test_any_state_parameter_is_a_state_iri_or_a_clear_error(text: str) -> None:
    param = get_preset("partners").param("state")
    try:
        term = to_term(None, param, text)
    except QueryError as error:
        assert str(error).startswith("parameter 'state'")
    else:
        assert isinstance(term, ox.NamedNode)
        assert term.value.startswith("https://w3id.org/sanctions-graph/id/state/")


def test_undecodable_text_parameter_is_a_query_error(preset_folder: Path) -> None:
    # Invalid UTF-8 on the command line reaches Python as lone surrogates.
    with pytest.raises(QueryError, match=r"parameter 'name': .* is not valid text"):
        run_preset(EmbeddedStore(None), "by-name", {"name": "\udcff"}, folder=preset_folder)
