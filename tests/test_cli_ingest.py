"""``sanctions-graph ingest`` and ``drop`` from the command line: summary, skipped inputs with
reasons, exit status, options, and a store that holds only complete documents."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from sanctions_graph.cli import app
from sanctions_graph.store import EmbeddedStore
from sanctions_graph.vocab import source_graph_iri

ARTICLE = """\
---
title: Russia and Iran sign a partnership treaty
publisher: Test Desk
date: 2025-01-17
url: https://example.org/tests/russia-iran
---
Russian President Vladimir Putin and Iranian President Masoud Pezeshkian signed a partnership
treaty in Moscow on Friday. The two countries are both under Western sanctions.
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sanctions_graph", *args],
                          capture_output=True, text=True, check=False)


def table_rows(text: str) -> list[list[str]]:
    """The cells of each body row of a rich table."""
    return [[cell.strip() for cell in line.strip("│ ").split("│")]
            for line in text.splitlines() if line.startswith("│")]


def source_graphs(store_dir: Path) -> list[str]:
    with EmbeddedStore(store_dir) as store:
        return [g for g in store.graphs() if "/source/" in g]


def test_ingest_prints_a_summary_and_exits_zero(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out, err = run("--store", str(tmp_path / "s"), "ingest", str(path))
    assert code == 0, err
    assert "ingest summary" in out
    rows = {cells[0]: cells[1] for cells in table_rows(out)}
    assert rows["inputs"] == "1" and rows["documents written"] == "1"
    assert rows["skipped"] == "0"
    assert int(rows["sentences"]) >= 2
    assert "skipped:" not in err
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    assert source_graphs(tmp_path / "s") == [str(source_graph_iri(sha))]


def test_batch_with_bad_inputs_reports_each_and_exits_non_zero(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.md").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "bad.md").write_text("---\ntitle: x\ndate: 31/31/2024\n---\nText.\n",
                                   encoding="utf-8")
    code, out, err = run("--store", str(tmp_path / "s"), "ingest", str(folder),
                         str(tmp_path / "nope.txt"))
    assert code == 1
    lines = sorted(line for line in err.splitlines() if line.startswith("skipped: "))
    assert lines == sorted([
        f"skipped: {folder / 'empty.txt'}: empty file",
        f"skipped: {folder / 'blob.txt'}: binary file, not an article or a sanctions list",
        f"skipped: {folder / 'bad.md'}: cannot parse front matter date '31/31/2024' "
        "(expected e.g. 2024-06-19)",
        f"skipped: {tmp_path / 'nope.txt'}: no such file or folder",
    ])
    assert "Traceback" not in out + err
    assert len(source_graphs(tmp_path / "s")) == 1


def test_date_and_url_options(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Headline here\n\nRussia and Belarus held joint exercises.\n",
                    encoding="utf-8")
    code, _, err = run("--store", str(tmp_path / "s"), "ingest", str(path),
                       "--date", "2023-06-16", "--url", "https://example.org/x")
    assert code == 0, err
    with EmbeddedStore(tmp_path / "s") as store:
        rows = store.query(
            "SELECT ?issued ?url WHERE { ?d <http://purl.org/dc/terms/issued> ?issued ; "
            "<https://schema.org/url> ?url }"
        ).rows
    assert [(r["issued"].value, r["url"].value) for r in rows  # type: ignore[union-attr]
            ] == [("2023-06-16", "https://example.org/x")]


def test_bad_options_are_one_error_line(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    for args, message in [
        (["--date", "soon"], "error: cannot parse --date 'soon' (expected e.g. 2024-06-19)"),
        (["--url", "ftp://x"], "error: --url 'ftp://x' is not an absolute http(s) URL"),
        (["--kind", "pdf"], "error: unknown kind 'pdf'; known kinds: "),
    ]:
        result = run_process("--store", str(tmp_path / "s"), "ingest", str(path), *args)
        assert result.returncode == 1
        assert result.stderr.startswith(message), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_json_lines_bad_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    good = {"title": "t", "url": "https://example.org/1", "date": "2024-03-28",
            "text": "Russia vetoed the renewal of the panel at the Security Council."}
    path.write_text(json.dumps(good) + "\n[1, 2]\n", encoding="utf-8")
    code, _, err = run("--store", str(tmp_path / "s"), "ingest", str(path))
    assert code == 1
    assert f"skipped: {path}:2: expected a JSON object per line" in err
    assert len(source_graphs(tmp_path / "s")) == 1


def test_reingest_is_idempotent_and_drop_removes(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    store_dir = str(tmp_path / "s")
    assert run("--store", store_dir, "ingest", str(path))[0] == 0
    with EmbeddedStore(tmp_path / "s") as store:
        before = store.count()
    assert run("--store", store_dir, "ingest", str(path))[0] == 0
    with EmbeddedStore(tmp_path / "s") as store:
        assert store.count() == before
    code, out, err = run("--store", store_dir, "drop", "Russia and Iran sign a partnership treaty")
    assert code == 0, err
    assert out.startswith("dropped https://w3id.org/sanctions-graph/id/source/")
    assert source_graphs(tmp_path / "s") == []
    again = run_process("--store", store_dir, "drop", "Russia and Iran sign a partnership treaty")
    assert again.returncode == 1
    assert again.stderr == (
        "error: no ingested source matches 'Russia and Iran sign a partnership treaty' (give a "
        "graph IRI, a sha256 prefix, a file path, a URL or a title; `sanctions-graph stats` "
        "lists the sources)\n"
    )
