"""``diff``: designations removed (delistings), added and changed between two versions of a
list, from files or against the store, and the CLI command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctions_graph.cli import app
from sanctions_graph.diff import diff_against_store, diff_files
from sanctions_graph.errors import InputError
from sanctions_graph.ingest.pipeline import ingest_paths
from sanctions_graph.store import EmbeddedStore
from sanctions_graph.vocab import SGID

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lists"
UN = FIXTURES / "un_consolidated_slice.xml"


def _newer_un(tmp_path: Path) -> Path:
    """The UN slice with KPi.002 delisted, KPi.003's listing date and KPi.004's alias changed,
    and IRi.002 moved under another programme code."""
    text = UN.read_text(encoding="utf-8")
    start = text.rindex("<INDIVIDUAL>", 0, text.index("<REFERENCE_NUMBER>KPi.002"))
    end = text.index("</INDIVIDUAL>", start) + len("</INDIVIDUAL>")
    text = text[:start] + text[end:]
    text = text.replace(
        "<REFERENCE_NUMBER>KPi.003</REFERENCE_NUMBER>\n      <LISTED_ON>2009-07-16",
        "<REFERENCE_NUMBER>KPi.003</REFERENCE_NUMBER>\n      <LISTED_ON>2009-07-17",
    )
    start = text.index("<REFERENCE_NUMBER>KPi.004")
    alias = text.index("<ALIAS_NAME/>", start)
    text = text[:alias] + "<ALIAS_NAME>RI HONG SOP</ALIAS_NAME>" + text[alias + 13 :]
    text = text.replace(
        "<UN_LIST_TYPE>Iran</UN_LIST_TYPE>\n      <REFERENCE_NUMBER>IRi.002",
        "<UN_LIST_TYPE>2231</UN_LIST_TYPE>\n      <REFERENCE_NUMBER>IRi.002",
    )
    path = tmp_path / "un_newer.xml"
    path.write_text(text, encoding="utf-8")
    return path


def test_removed_added_and_changed(tmp_path: Path) -> None:
    report = diff_files(UN, _newer_un(tmp_path))
    designation = f"{SGID}designation/un-sc-consolidated"
    assert report.old_count == 11
    assert report.new_count == 10
    assert [d.iri for d in report.removed] == [
        f"{designation}/IRi.002/Iran",  # moved to another programme: the old one is gone
        f"{designation}/KPi.002/DPRK",  # delisted
    ]
    assert report.removed[1].reference == "KPi.002"
    assert report.removed[1].regime == "UN-1718"
    assert report.removed[1].label == "Designation KPi.002 (DPRK): RI JE-SON"
    assert [(d.iri, d.regime) for d in report.added] == [(f"{designation}/IRi.002/2231", "UN-2231")]
    assert [(d.reference, fields) for d, fields in report.changed] == [
        ("KPi.003", ["listedOn"]),
        ("KPi.004", ["entity aliases"]),
    ]
    assert report.unchanged == 7


def test_same_file_has_no_changes() -> None:
    report = diff_files(UN, UN)
    assert not report.has_changes
    assert report.unchanged == 11


def test_store_version_against_a_newer_file(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    assert ingest_paths(store, [UN], derive=False).ok
    report = diff_against_store(store, _newer_un(tmp_path))
    assert [d.reference for d in report.removed] == ["IRi.002", "KPi.002"]
    assert [d.reference for d, _ in report.changed] == ["KPi.003", "KPi.004"]
    assert report.unchanged == 7
    store.close()


def test_different_lists_are_refused() -> None:
    with pytest.raises(InputError, match="not versions of the same list"):
        diff_files(UN, FIXTURES / "eu_fsf_sample.xml")


def test_ofac_csv_folders(tmp_path: Path) -> None:
    newer = tmp_path / "ofac"
    shutil.copytree(FIXTURES / "ofac_sdn_slice", newer)
    sdn = newer / "sdn.csv"
    rows = sdn.read_text(encoding="utf-8").splitlines(True)
    sdn.write_text("".join(r for r in rows if not r.startswith("21444,")), encoding="utf-8")
    report = diff_files(FIXTURES / "ofac_sdn_slice", newer)
    assert [d.reference for d in report.removed] == ["21444"]
    assert report.added == []


def test_cli_diff(tmp_path: Path) -> None:
    newer = _newer_un(tmp_path)
    result = CliRunner().invoke(app, ["diff", str(UN), str(newer)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[2] == "removed (delisted): 2   added: 1   changed: 2   unchanged: 7"
    assert "  - Designation KPi.002 (DPRK): RI JE-SON [UN-1718]" in lines
    assert "  ~ Designation KPi.003 (DPRK): HWANG SOK-HWA [UN-1718]: listedOn" in lines
    result = CliRunner().invoke(app, ["diff", str(UN), str(newer), "--json"])
    data = json.loads(result.output)
    assert [d["reference"] for d in data["removed"]] == ["IRi.002", "KPi.002"]


def test_cli_diff_against_the_store(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(app, ["--store", str(store_dir), "ingest", str(UN)]).exit_code == 0
    result = runner.invoke(app, ["--store", str(store_dir), "diff", str(_newer_un(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "removed (delisted): 2   added: 1   changed: 2   unchanged: 7" in result.output
