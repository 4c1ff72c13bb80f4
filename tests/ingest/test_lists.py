"""The helpers every list ingestor shares: dates, the XML prolog check, strong identifiers,
country names, and the CLI's exit status when a list is rejected."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from listkit import FIXTURES, XSD_DATE, XSD_GYEAR, XSD_GYEARMONTH
from typer.testing import CliRunner

from sanctions_graph.cli import app
from sanctions_graph.errors import InputError
from sanctions_graph.ingest.lists import (
    canonical_iri,
    check_xml_prolog,
    country_iri,
    iter_xml,
    parse_date,
)
from sanctions_graph.vocab import SGID


@pytest.mark.parametrize(
    ("text", "value", "datatype"),
    [
        ("2009-07-16", "2009-07-16", XSD_DATE),
        ("2026-02-27T00:00:09.554Z", "2026-02-27", XSD_DATE),
        ("16/07/2009", "2009-07-16", XSD_DATE),  # day first (UK, EU)
        ("28 Jul 1963", "1963-07-28", XSD_DATE),  # OFAC remarks
        ("circa 1965", "1965", XSD_GYEAR),
        ("dd/mm/1945", "1945", XSD_GYEAR),  # UK partial date
        ("dd/05/1945", "1945-05", XSD_GYEARMONTH),
        ("Mar 1961", "1961-03", XSD_GYEARMONTH),
        ("1958", "1958", XSD_GYEAR),
    ],
)
def test_dates(text: str, value: str, datatype: str) -> None:
    literal = parse_date(text)
    assert literal is not None
    assert (literal.value, literal.datatype.value) == (value, datatype)


@pytest.mark.parametrize("text", ["31/02/2001", "sometime in 1960s", "", "2009-13-01"])
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_prolog_with_comment_and_declaration_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "ok.xml"
    path.write_text('<?xml version="1.0"?>\n<!-- a list -->\n<CONSOLIDATED_LIST/>\n')
    check_xml_prolog(path)


def test_doctype_in_utf16_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "utf16.xml"
    text = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    with pytest.raises(InputError, match="DOCTYPE/ENTITY"):
        check_xml_prolog(path)


def test_iter_xml_frees_records_as_it_goes() -> None:
    seen = []
    for element in iter_xml(FIXTURES / "un_consolidated_slice.xml", ("INDIVIDUAL",)):
        # Earlier records are gone from the tree when the next one is read; only the one just
        # before may remain, emptied.
        parent = element.getparent()
        assert parent is not None and parent.index(element) <= 1
        previous = element.getprevious()
        assert previous is None or len(previous) == 0
        seen.append(element.findtext("REFERENCE_NUMBER"))
    assert seen == ["IRi.001", "IRi.002", "IRi.003", "KPi.001", "KPi.002", "KPi.003", "KPi.004"]


def test_strongest_identifier_names_the_entity() -> None:
    ids = [("ftm", "NK-x"), ("eu", "EU.1.2"), ("ofac", "45937"), ("uk", "RUS2051")]
    assert canonical_iri(ids) == f"{SGID}entity/ofac/45937"
    assert canonical_iri([*ids, ("un", "KPi.001")]) == f"{SGID}entity/un/KPi.001"
    assert canonical_iri([("un", "")]) is None


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Iran (Islamic Republic of)", "IRN"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Korea, North", "PRK"),  # OFAC's inverted names
        ("KP", "PRK"),
        ("ru", "RUS"),
    ],
)
def test_country_names_of_the_lists(text: str, iso3: str) -> None:
    assert country_iri(text) == f"{SGID}state/{iso3}"


def test_cli_exit_status_when_a_list_is_rejected(tmp_path: Path) -> None:
    hostile = tmp_path / "bomb.xml"
    hostile.write_text('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aa">]><CONSOLIDATED_LIST/>')
    result = CliRunner().invoke(
        app, ["--store", str(tmp_path / "store"), "ingest", str(FIXTURES / "eu_fsf_sample.xml"),
              str(hostile)]
    )
    assert result.exit_code == 1
    assert "bomb.xml" in result.output and "DOCTYPE/ENTITY" in result.output


def test_cli_reports_counted_warnings(tmp_path: Path) -> None:
    folder = FIXTURES / "ofac_sdn_2025"
    result = CliRunner().invoke(app, ["--store", str(tmp_path / "store"), "ingest", str(folder)])
    assert result.exit_code == 0  # warnings are not rejections
    assert (
        f"warning: {folder}: 5 × alias row of an ent_num not in the main file (ignored)"
        in result.output
    )
