"""The command line: help, version, lazy imports, and one-line errors."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from sanctions_graph import __version__
from sanctions_graph.cli import app

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
