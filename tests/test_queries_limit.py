"""Listing questions' row limit (``limit`` header, ``-p limit=N``, the cut notice) and parameters
bound in every group that uses them (sub-queries, union branches)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from query_fixtures import PARAMS, TEST_REFERENCE_GRAPH, fill
from sanctions_graph.cli import app
from sanctions_graph.errors import QueryError
from sanctions_graph.queries import (
    bind_values,
    get_preset,
    list_presets,
    parse_preset,
    run_preset,
    with_limit,
)
from sanctions_graph.store import EmbeddedStore

LISTINGS = {"agreements", "arms-transfers", "listed-people-in-news", "possible-violations",
            "sanctions-on", "timeline"}

LIMITED = """#+ summary: Things
#+ limit: 2
SELECT ?s WHERE {
  { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 2 }
  # LIMIT 2 in a comment stays
  FILTER (?s != "LIMIT 2")
}
ORDER BY ?s
LIMIT 2
"""


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    s = EmbeddedStore(None)
    fill(s)
    return s


def write(tmp_path: Path, text: str, name: str = "q.rq") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_listing_questions_declare_a_limit_of_1000() -> None:
    limits = {p.name: p.limit for p in list_presets() if p.limit is not None}
    assert limits == {name: 1000 for name in LISTINGS}


def test_limit_header_needs_a_matching_limit_clause(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match=r"q.rq: the header says 'limit: 5' but the query has no"):
        parse_preset(write(tmp_path, LIMITED.replace("limit: 2", "limit: 5")))
    with pytest.raises(QueryError, match=r"'limit' must be a positive integer, got 'many'"):
        parse_preset(write(tmp_path, LIMITED.replace("limit: 2", "limit: many")))
    with pytest.raises(QueryError, match=r"'limit' must be a positive integer, got 0"):
        parse_preset(write(tmp_path, LIMITED.replace("limit: 2", "limit: 0")))


def test_with_limit_rewrites_the_clauses_not_comments_or_strings(tmp_path: Path) -> None:
    preset = parse_preset(write(tmp_path, LIMITED))
    text = with_limit(preset, preset.sparql, 10)
    assert text.count("LIMIT 11") == 2
    assert "# LIMIT 2 in a comment stays" in text
    assert 'FILTER (?s != "LIMIT 2")' in text
    everything = with_limit(preset, preset.sparql, 0)
    assert "LIMIT 11" not in everything
    assert everything.count("LIMIT") == 2  # the comment's and the string's


def test_default_limit_is_listed_with_the_parameters(tmp_path: Path) -> None:
    preset = parse_preset(write(tmp_path, LIMITED))
    assert [(p.name, p.type, p.required, p.default) for p in preset.all_params] == [
        ("limit", "integer", False, "2")
    ]


def test_limit_cuts_the_answer_most_relevant_first_and_says_so(store: EmbeddedStore) -> None:
    full = run_preset(store, "timeline", {"state": "PRK"})
    assert full.cut is False
    assert full.limit == 1000
    events = [row["event"] for row in full.rows]
    assert len(events) == 7
    cut = run_preset(store, "timeline", {"state": "PRK", "limit": "3"})
    assert cut.cut is True
    assert cut.limit == 3
    assert [row["event"] for row in cut.rows] == events[:3]
    exact = run_preset(store, "timeline", {"state": "PRK", "limit": "7"})
    assert exact.cut is False
    assert [row["event"] for row in exact.rows] == events
    everything = run_preset(store, "timeline", {"state": "PRK", "limit": "0"})
    assert everything.cut is False
    assert everything.limit is None
    assert everything.rows == full.rows


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_every_listing_question_cuts_at_one_row(store: EmbeddedStore, name: str) -> None:
    full = run_preset(store, name, PARAMS[name])
    one = run_preset(store, name, {**PARAMS[name], "limit": "1"})
    assert one.rows == full.rows[:1]
    assert one.cut is (len(full.rows) > 1)


@pytest.mark.parametrize("value", ["-1", "ten", "1.5"])
def test_bad_limit_is_a_query_error(store: EmbeddedStore, value: str) -> None:
    with pytest.raises(QueryError, match=rf"parameter 'limit': '{value}' is not a row count"):
        run_preset(store, "timeline", {"state": "PRK", "limit": value})


def test_limit_on_a_question_that_lists_everything_is_refused(store: EmbeddedStore) -> None:
    with pytest.raises(QueryError, match=r"question 'as-of' has no parameter 'limit'"):
        run_preset(store, "as-of", {"date": "2020-01-01", "limit": "5"})


def test_ask_says_on_stderr_when_the_answer_was_cut(tmp_path: Path) -> None:
    from sanctions_graph.bootstrap import seed

    folder = tmp_path / "store"
    s = EmbeddedStore(folder)
    seed(s)
    fill(s, TEST_REFERENCE_GRAPH)
    s.close()
    runner = CliRunner()
    args = ["--store", str(folder), "ask", "timeline", "-p", "state=PRK", "--format", "csv"]
    result = runner.invoke(app, [*args, "-p", "limit=2"])
    assert result.exit_code == 0, result.output
    assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == 2
    assert result.stderr == (
        "note: the answer was cut at 2 rows, the most relevant first; -p limit=N lists more, "
        "-p limit=0 all\n"
    )
    whole = runner.invoke(app, args)
    assert whole.exit_code == 0, whole.output
    assert len(list(csv.DictReader(io.StringIO(whole.stdout)))) == 7
    assert whole.stderr == ""


# --------------------------------------------------------------------------------------------
# parameters in nested groups
# --------------------------------------------------------------------------------------------
def test_parameter_is_bound_in_sub_queries_and_union_branches_that_use_it() -> None:
    sparql = (
        "SELECT ?n WHERE { VALUES ?k { <http://e/k> } "
        "{ SELECT (COUNT(*) AS ?n) WHERE { ?s <http://e/p> ?_x } } "
        "UNION { ?s <http://e/q> ?_x } UNION { ?s <http://e/r> ?other } }"
    )
    bound = bind_values(sparql, {"_x": ox.Literal("v"), "__y": None})
    block = '\n  VALUES (?_x) { ("v") }\n'
    assert bound == (
        'SELECT ?n WHERE {\n  VALUES (?_x ?__y) { ("v" UNDEF) }\n VALUES ?k { <http://e/k> } '
        "{ SELECT (COUNT(*) AS ?n) WHERE {" + block + " ?s <http://e/p> ?_x } } "
        "UNION {" + block + " ?s <http://e/q> ?_x } UNION { ?s <http://e/r> ?other } }"
    )


def test_a_parameter_used_only_inside_a_sub_query_means_the_same_there() -> None:
    """A sub-query's variables are its own: the parameter must be bound inside it too."""
    store = EmbeddedStore(None)
    store.update(
        'INSERT DATA { <http://e/a> <http://e/p> "v" . <http://e/b> <http://e/p> "w" . '
        '<http://e/c> <http://e/p> "w" }'
    )
    sparql = 'SELECT ?n WHERE { { SELECT (COUNT(*) AS ?n) WHERE { ?s <http://e/p> ?_x } } }'
    answer = store.query(bind_values(sparql, {"_x": ox.Literal("w")}))
    assert [row["n"].value for row in answer.rows if row["n"] is not None] == ["2"]


def test_sanctioned_by_binds_the_authority_in_the_regimes_and_the_impositions() -> None:
    preset = get_preset("sanctioned-by")
    bound = bind_values(preset.sparql, {"_authority": ox.NamedNode("https://e/UNSC")})
    # The outer group, the regimes' sub-query and the impositions' branch.
    assert bound.count("VALUES (?_authority) { (<https://e/UNSC>) }") == 3


# --------------------------------------------------------------------------------------------
# materialised sg:SanctionedState, kept current by ingest and drop
# --------------------------------------------------------------------------------------------
def _partner_flags(store: EmbeddedStore) -> dict[str, str]:
    rows = run_preset(store, "partners", {"state": "PRK"}).rows
    return {
        str(row["partnerCode"].value): str(row["sanctioned"].value)
        for row in rows
        if row["partnerCode"] is not None and row["sanctioned"] is not None
    }


def test_partner_sanctioned_only_by_a_reported_imposition_follows_materialise_and_drop(
    tmp_path: Path,
) -> None:
    from query_fixtures import T, actor_node, event, news
    from sanctions_graph.bootstrap import ontology_triples
    from sanctions_graph.ingest.pipeline import drop_source
    from sanctions_graph.reason import materialise
    from sanctions_graph.vocab import GRAPH_ONTOLOGY, SG, source_graph_iri

    s = EmbeddedStore(tmp_path / "store")
    fill(s)
    s.replace_graph(str(GRAPH_ONTOLOGY), ontology_triples())
    materialise(s)
    assert _partner_flags(s) == {"CHN": "no", "RUS": "yes"}
    # A news document reports that the United States sanctioned China (no regime on China).
    graph = str(source_graph_iri("d" * 64))
    imposition = [("e90", "SanctionsImposition", "USA", "CHN", "2024-01-05", "Asserted",
                   "Washington imposed sanctions on Chinese firms.")]
    s.replace_graph(graph, news("doc9", "Sanctions on China", "Team Desk", "2024-01-05",
                                imposition))
    materialise(s)  # what every ingest batch runs
    assert _partner_flags(s) == {"CHN": "yes", "RUS": "yes"}
    assert T(event("e90"), SG.target, actor_node("CHN")) in list(
        ox.Triple(q.subject, q.predicate, q.object) for q in s.quads(graph)
    )
    drop_source(s, graph)  # refreshes the derivations
    assert _partner_flags(s) == {"CHN": "no", "RUS": "yes"}
    s.close()


# --------------------------------------------------------------------------------------------
# codes resolved from the store's index (no curated tables loaded)
# --------------------------------------------------------------------------------------------
CODES = ["PRK", "prk", "RUS", "USA", "GBR", "UNSC", "UN", "EU", "AU", "NATO", "G7", "ASEAN",
         "BRICS", "SCO", "CSTO", "IAEA", "OSCE"]


def test_codes_resolve_from_the_store_as_from_the_curated_tables(tmp_path: Path) -> None:
    from sanctions_graph.bootstrap import seed
    from sanctions_graph.queries import Param, resolve_actor_term

    s = EmbeddedStore(tmp_path / "store")
    seed(s)
    param = Param(name="actor", type="actor", required=True)
    for code in CODES:
        assert resolve_actor_term(s, param, code) == resolve_actor_term(None, param, code), code
    s.close()


def test_a_code_the_store_does_not_know_falls_back_to_the_curated_tables(
    store: EmbeddedStore,
) -> None:
    from sanctions_graph.queries import Param, resolve_actor_term

    param = Param(name="state", type="state", required=True)
    # The fixture store has no Syria; the curated tables do, and aliases still work.
    assert resolve_actor_term(store, param, "SYR").value.endswith("/state/SYR")
    assert resolve_actor_term(store, param, "DPRK").value.endswith("/state/PRK")
