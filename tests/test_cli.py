"""The command line: help, version, lazy imports, and one-line errors."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from sanctions_graph import __version__
from sanctions_graph.cli import app, app_for, invoked_command

runner = CliRunner()

HEAVY_MODULES = ("rdflib", "pyoxigraph", "spacy", "owlready2", "pyshacl", "SPARQLWrapper")


def test_version_prints_the_package_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"sanctions-graph {__version__}\n"


def test_help_lists_the_core_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("query", "stats", "export"):
        assert command in result.stdout


def test_help_does_not_import_heavy_libraries() -> None:
    # Start-up time is dominated by imports; heavy libraries load inside the commands.
    code = (
        "import sys\n"
        "from sanctions_graph.cli import app\n"
        "try:\n"
        "    app(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted(m for m in {HEAVY_MODULES!r} if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "[]"


def test_python_dash_m_runs_the_cli() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "sanctions_graph", "--version"], capture_output=True, text=True
    )
    assert run.returncode == 0
    assert run.stdout == f"sanctions-graph {__version__}\n"


def test_unknown_output_format_is_one_error_line(tmp_path: object) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "sanctions_graph", "--store", str(tmp_path), "query",
         "ASK {}", "--format", "yaml"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert run.stderr == "error: unknown format 'yaml'; choose from table, csv, tsv, json, md\n"


def test_the_invoked_command_is_found_after_the_global_options() -> None:
    assert invoked_command(["--store", "ask", "query", "ASK {}"]) == "query"
    assert invoked_command(["--store=dir", "--endpoint", "http://h/sparql", "ask"]) == "ask"
    assert invoked_command(["--version"]) is None
    assert invoked_command([]) is None


def test_a_run_builds_the_invoked_command_alone() -> None:
    single = app_for(["--store", "dir", "ask", "as-of"])
    assert [info.callback.__name__ for info in single.registered_commands] == ["ask"]
    assert single.registered_callback is app.registered_callback
    # The top-level help and a mistyped name list every command.
    assert app_for(["--help"]) is app
    assert app_for(["asc"]) is app


def test_a_mistyped_command_suggests_the_right_one() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "sanctions_graph", "asc"], capture_output=True, text=True
    )
    assert run.returncode == 2
    assert "No such command 'asc'. Did you mean 'ask'?" in run.stderr
