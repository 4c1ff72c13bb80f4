"""``sanctions-graph ask``: listing the preset questions, answering one with parameters in every
output format, and one-line errors for unknown questions and bad parameters."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from _other_process import store_written_by_another_process
from query_fixtures import PARAMS, TEST_REFERENCE_GRAPH, fill
from sanctions_graph.cli import app
from sanctions_graph.store import EmbeddedStore

runner = CliRunner()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sanctions_graph.bootstrap import seed

    folder = tmp_path_factory.mktemp("ask") / "store"
    store = EmbeddedStore(folder)
    seed(store)
    fill(store, TEST_REFERENCE_GRAPH)
    store.close()
    return folder


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sanctions_graph", *args], capture_output=True, text=True
    )


def test_ask_lists_every_question_with_summary_and_parameters() -> None:
    result = runner.invoke(app, ["ask", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    listed = {row["name"]: row for row in rows}
    assert set(PARAMS) <= set(listed)
    assert listed["timeline"]["parameters"] == (
        "state: state, from?: date, to?: date, limit?: integer = 1000"
    )
    assert listed["evidence"]["parameters"] == "a: actor, b: actor"
    assert listed["sanctioned-cooperation"]["summary"].startswith(
        "Which sanctioned states cooperate with each other"
    )


def test_ask_answers_with_parameters_as_csv(store_dir: Path) -> None:
    result = runner.invoke(
        app,
        [
            "--store",
            str(store_dir),
            "ask",
            "timeline",
            "-p",
            "state=North Korea",
            "-p",
            "from=2024-01-01",
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["date"], r["kindName"], r["event"].rsplit("/", 1)[1]) for r in rows] == [
        ("2024-06-19", "AgreementSigning", "e3"),
        ("2024-06-19", "ArmsTransfer", "e2"),
        ("2024-06-19", "ExpressionOfSupport", "e1"),
        ("2024-06-19", "Meeting", "e4"),
    ]


def test_ask_answers_as_w3c_json(store_dir: Path) -> None:
    result = runner.invoke(
        app,
        ["--store", str(store_dir), "ask", "evidence", "-p", "a=DPRK", "-p", "b=RUS", "-f", "json"],
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["head"]["vars"][:3] == ["event", "kindName", "actorCode"]
    quotes = sorted(b["quote"]["value"] for b in document["results"]["bindings"])
    assert quotes == [
        "North Korea is accused of shipping artillery shells to Russia.",
        "North Korea pledged full support for Russia's military operation.",
        "The Russian and North Korean leaders met in Pyongyang.",
        "The leaders met at a cosmodrome in the Russian Far East.",
        "The two leaders are expected to sign a partnership treaty.",
    ]
    assert {b["date"]["datatype"] for b in document["results"]["bindings"]} == {
        "http://www.w3.org/2001/XMLSchema#date"
    }


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("table", "1 row(s)"),  # rich shortens long cells to the terminal width
        ("tsv", '"North Korea is accused of shipping artillery shells to Russia."'),
        ("md", "North Korea is accused of shipping artillery shells to Russia."),
    ],
)
def test_ask_renders_every_format(store_dir: Path, fmt: str, expected: str) -> None:
    result = runner.invoke(
        app, ["--store", str(store_dir), "ask", "arms-transfers", "--format", fmt]
    )
    assert result.exit_code == 0, result.output
    assert expected in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ask", "nope"], "error: unknown question 'nope'; known questions: "),
        (["ask", "partners"], "error: question 'partners' needs parameter 'state' (-p state=...)"),
        (["ask", "partners", "-p", "state"], "error: parameter 'state' is not NAME=VALUE"),
        (
            ["ask", "partners", "-p", "state=Narnia"],
            "error: parameter 'state': unknown state or organisation 'Narnia'",
        ),
        (
            ["ask", "as-of", "-p", "date=June 2024"],
            "error: parameter 'date': 'June 2024' is not a date (use YYYY-MM-DD)",
        ),
        (["ask", "arms-transfers", "--format", "yaml"], "error: unknown format 'yaml'"),
    ],
)
def test_ask_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    run = cli("--store", str(tmp_path / "store"), *args)
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith(message)


def test_query_with_timeout_answers(store_dir: Path) -> None:
    result = runner.invoke(
        app,
        [
            "--store",
            str(store_dir),
            "query",
            "--timeout",
            "60",
            "--format",
            "csv",
            "SELECT ?q WHERE { ?e <https://w3id.org/sanctions-graph/ontology#quote> ?q "
            'FILTER(CONTAINS(?q, "cosmodrome")) }',
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "q",
        "The leaders met at a cosmodrome in the Russian Far East.",
    ]


def test_ask_on_a_store_another_process_writes_is_one_error_line(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with store_written_by_another_process(path):
        run = cli("--store", str(path), "ask", "as-of", "-p", "date=2020-01-01")
    assert run.returncode == 1
    assert run.stderr.startswith(f"error: store is in use by another process: {path} ")
    assert run.stderr.count("\n") == 1


def test_ask_seeds_a_store_that_is_not_seeded_yet(tmp_path: Path) -> None:
    path = tmp_path / "store"
    EmbeddedStore(path).close()  # exists, empty: the read-only path must give way to seeding
    run = cli("--store", str(path), "ask", "sanctioned-by", "-p", "authority=UNSC", "-f", "csv")
    assert run.returncode == 0, run.stderr
    store = EmbeddedStore(path, read_only=True)
    try:
        assert "https://w3id.org/sanctions-graph/id/graph/reference" in store.graphs()
    finally:
        store.close()
