"""The ``viz``, ``timeline`` and ``report`` commands: files written, one-line errors, nothing
written on bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_viz_network import remote_references
from vizfixtures import fill_store

from sanctions_graph.store import EmbeddedStore


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store"
    store = EmbeddedStore(path)
    fill_store(store, seeded=True)
    store.close()
    return path


def run(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sanctions_graph", "--store", str(store), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_viz_html_png_svg(store_dir: Path, tmp_path: Path) -> None:
    page = tmp_path / "g.html"
    done = run(
        store_dir, "viz", "-o", str(page), "--state", "North Korea", "--family", "aid,hostility"
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == f"wrote 3 node(s) and 3 edge(s) to {page}"
    assert remote_references(page.read_text(encoding="utf-8")) == []
    picture = tmp_path / "g.png"
    done = run(store_dir, "viz", "-o", str(picture), "--from", "2024-06-01", "--to", "2024-06-30")
    assert done.returncode == 0, done.stderr
    # In June 2024: the meeting, the planned treaty, the criticism.
    assert done.stderr.strip() == f"wrote 3 node(s) and 3 edge(s) to {picture}"
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    vector = tmp_path / "slides.out"
    done = run(store_dir, "viz", "-o", str(vector), "--format", "svg")
    assert done.returncode == 0, done.stderr
    assert "<svg" in vector.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "19-06-2024"], "error: --from '19-06-2024' is not a date (use YYYY-MM-DD)"),
        (["--from", "2024-07-01", "--to", "2024-06-01"], "error: --from 2024-07-01 is after --to"),
        (["--family", "FRIENDSHIP"], "error: unknown event family FRIENDSHIP; choose from"),
        (["--state", "Atlantis"], "error: parameter 'state': unknown state or organisation"),
        (["--format", "gif"], "error: unknown format 'gif'; choose from html, png, svg"),
    ],
)
def test_viz_bad_options_are_one_line_and_write_nothing(
    store_dir: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    target = tmp_path / "g.html"
    done = run(store_dir, "viz", "-o", str(target), *args)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), done.stderr
    assert list(tmp_path.iterdir()) == []


def test_unknown_suffix_asks_for_format(store_dir: Path, tmp_path: Path) -> None:
    done = run(store_dir, "report", "PRK", "-o", str(tmp_path / "brief.txt"))
    assert done.returncode != 0
    assert done.stderr.strip() == (
        "error: cannot tell the format of 'brief.txt' from its suffix; give --format (md | html)"
    )


@pytest.mark.slow
def test_timeline_and_report(store_dir: Path, tmp_path: Path) -> None:
    picture = tmp_path / "t.png"
    done = run(store_dir, "timeline", "PRK", "-o", str(picture))
    assert done.returncode == 0, done.stderr
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert done.stderr.startswith("wrote 5 event(s) with 2 partner(s)")
    brief = tmp_path / "b.md"
    done = run(store_dir, "report", "North Korea", "-o", str(brief))
    assert done.returncode == 0, done.stderr
    text = brief.read_text(encoding="utf-8")
    assert text.startswith("# Briefing: North Korea (PRK)\n")
    assert "\n## 4. Possible sanctions violations\n" in text


def test_report_into_missing_folder(store_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "b.html"
    done = run(store_dir, "report", "PRK", "-o", str(target))
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        f"error: cannot write {target}: no such folder {target.parent}"
    ]


def test_written_files_get_the_usual_mode(tmp_path: Path) -> None:
    import os
    import stat

    from sanctions_graph.viz.files import write_text_atomic

    target = tmp_path / "out.md"
    write_text_atomic(target, "x\n")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    target.chmod(0o640)
    write_text_atomic(target, "y\n")  # replacing keeps the file's mode
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text() == "y\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]  # no temporary file left


def test_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    from sanctions_graph.viz.files import write_atomic

    target = tmp_path / "graph.html"
    target.write_text("old", encoding="utf-8")

    def half_then_fail(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("drawing failed")

    with pytest.raises(RuntimeError, match="drawing failed"):
        write_atomic(target, half_then_fail)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]
