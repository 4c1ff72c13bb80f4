"""Sanctions regimes: completeness of each record and the list-code crosswalk."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from sanctions_graph.reference import organisation, regime, regime_for_code, regimes, state
from sanctions_graph.reference.model import CODE_SOURCES, MEASURES

LIST_CODES = Path(__file__).with_name("list_codes.yaml")
#: OpenSanctions programIds of Ukraine's "War & Sanctions" database: records, not regimes.
NOT_REGIMES = {("OS", "UA-WS-MILIND"), ("OS", "UA-WS-UAVS")}


def test_every_regime_is_complete_and_consistent() -> None:
    keys = [r.key for r in regimes()]
    assert len(keys) == len(set(keys))
    for r in regimes():
        assert r.label and r.legal_basis, r.key
        assert state(r.authority) is not None or organisation(r.authority) is not None, r.key
        assert r.target is None or state(r.target) is not None, r.key
        assert r.measures and set(r.measures) <= set(MEASURES), r.key
        assert isinstance(r.start, datetime.date), r.key
        assert r.end is None or r.end > r.start, r.key
        assert all(source in CODE_SOURCES for source, _ in r.codes), r.key


def test_required_un_regimes() -> None:
    expected = {
        "UN-1718": "PRK", "UN-1737": "IRN", "UN-2231": "IRN", "UN-1267": None, "UN-1988": "AFG",
        "UN-1970": "LBY", "UN-751": "SOM", "UN-1533": "COD", "UN-1591": "SDN", "UN-2127": "CAF",
        "UN-2140": "YEM", "UN-2206": "SSD", "UN-2653": "HTI", "UN-1518": "IRQ", "UN-1636": None,
        "UN-2048": "GNB", "UN-2374": "MLI",
    }  # fmt: skip
    for key, target in expected.items():
        record = regime(key)
        assert record is not None, key
        assert (record.authority, record.target) == ("UNSC", target), key


def test_un_1718_record() -> None:
    record = regime("UN-1718")
    assert record is not None
    assert record.legal_basis == "UNSC Resolution 1718 (2006)"
    assert record.start == datetime.date(2006, 10, 14)
    assert record.end is None
    assert "ArmsEmbargo" in record.measures
    assert ("UN", "DPRK") in record.codes


def test_ended_regimes_have_end_dates() -> None:
    assert regime("UN-2374").end == datetime.date(2023, 8, 31)  # type: ignore[union-attr]
    assert regime("UN-2231").end == datetime.date(2025, 9, 28)  # type: ignore[union-attr]
    assert regime("US-ZIMBABWE").end == datetime.date(2024, 3, 4)  # type: ignore[union-attr]


@pytest.mark.parametrize("target", ["RUS", "BLR", "IRN", "PRK", "SYR", "VEN", "MMR", "NIC"])
def test_us_eu_uk_country_programmes(target: str) -> None:
    authorities = {r.authority for r in regimes() if r.target == target}
    assert {"USA", "EU", "GBR"} <= authorities


def test_cuba_programme() -> None:
    record = regime_for_code("OFAC", "CUBA")
    assert record is not None
    assert (record.authority, record.target, record.start) == (
        "USA",
        "CUB",
        datetime.date(1962, 2, 7),
    )


@pytest.mark.parametrize(
    ("source", "code", "key"),
    [
        ("OFAC", "DPRK3", "US-DPRK"),
        ("ofac", "dprk-nkspea", "US-DPRK"),
        ("OFAC", "CAATSA - RUSSIA", "US-CAATSA-RUSSIA"),
        ("OFAC", "CAATSA-RUSSIA", "US-CAATSA-RUSSIA"),
        ("OFAC", "RUSSIA-EO14024", "US-RUSSIA-EO14024"),
        ("OFAC", "UKRAINE-EO13662", "US-UKRAINE-EO13660"),
        ("OFAC", "SDGT", "US-SDGT"),
        ("UN", "DPRK", "UN-1718"),
        ("UN", "Iran", "UN-1737"),
        ("UN", "al-qaida", "UN-1267"),
        ("UN", "SouthSudan", "UN-2206"),
        ("EU", "PRK", "EU-PRK"),
        ("EU", "ukr", "EU-UKR"),
        ("UK", "Russia", "UK-RUS"),
        ("UK", "Iran (Nuclear)", "UK-IRN-NUCLEAR"),
        ("UK", "Iran", "UK-IRN"),
        ("UK", "Democratic People's Republic of Korea", "UK-DPRK"),
        ("UK", "Democratic People’s Republic of Korea", "UK-DPRK"),
        ("UK", "Global Human Rights", "UK-GHR"),
        ("OS", "GB-RUS", "UK-RUS"),
    ],
)
def test_regime_for_code(source: str, code: str, key: str) -> None:
    record = regime_for_code(source, code)
    assert record is not None and record.key == key


def test_thematic_codes_have_no_target() -> None:
    for code in ("SDGT", "NPWMD", "GLOMAG", "SDNTK", "CYBER2"):
        record = regime_for_code("OFAC", code)
        assert record is not None and record.target is None, code


@pytest.mark.parametrize(
    ("source", "code"), [("OFAC", "NO-SUCH-PROGRAM"), ("XX", "DPRK"), ("UN", "")]
)
def test_unknown_codes_resolve_to_none(source: str, code: str) -> None:
    assert regime_for_code(source, code) is None


def test_every_code_in_the_real_list_files_resolves() -> None:
    document = yaml.safe_load(LIST_CODES.read_text(encoding="utf-8"))
    unresolved = []
    checked = 0
    for by_source in document.values():
        for source, codes in by_source.items():
            for code in codes:
                if (source, code) in NOT_REGIMES:
                    continue
                checked += 1
                if regime_for_code(source, code) is None:
                    unresolved.append((source, code))
    assert unresolved == []
    assert checked > 100
