"""States: the exact set, ISO codes against pycountry, and curated names, demonyms, capitals."""

from __future__ import annotations

import pycountry
import pytest

from sanctions_graph.reference import state, states


def test_exactly_193_members_2_observers_and_taiwan_and_kosovo() -> None:
    records = states()
    by_status: dict[str, set[str]] = {}
    for record in records:
        by_status.setdefault(record.status, set()).add(record.iso3)
    assert len(records) == 197
    assert len(by_status["un_member"]) == 193
    assert by_status["un_observer"] == {"VAT", "PSE"}
    assert by_status["other"] == {"TWN", "XKX"}
    assert len({r.iso3 for r in records}) == 197
    assert len({r.iso2 for r in records}) == 197


def test_iso_codes_and_official_names_agree_with_pycountry() -> None:
    for record in states():
        if record.iso3 == "XKX":  # user-assigned code, not in ISO 3166-1
            assert (record.iso2, record.numeric) == ("XK", "")
            continue
        iso = pycountry.countries.get(alpha_3=record.iso3)
        assert iso is not None, record.iso3
        assert (record.iso2, record.numeric) == (iso.alpha_2, iso.numeric), record.iso3


def test_territories_are_not_states() -> None:
    for code in ("PRI", "GRL", "HKG", "MAC", "ABW", "ATA", "ESH"):
        assert state(code) is None


def test_every_state_has_a_capital_and_a_demonym() -> None:
    missing = [r.iso3 for r in states() if not r.capitals or not r.demonyms]
    assert missing == []


def test_north_korea_record() -> None:
    prk = state("PRK")
    assert prk is not None
    assert (prk.iso2, prk.numeric, prk.name) == ("KP", "408", "North Korea")
    assert prk.official_name == "Democratic People's Republic of Korea"
    assert {"DPRK", "Democratic People's Republic of Korea"} <= set(prk.aliases)
    assert prk.demonyms == ("North Korean",)
    assert prk.capitals == ("Pyongyang",)
    assert "Pyongyang" in prk.metonyms
    assert prk.status == "un_member"


def test_metonyms_of_governments() -> None:
    assert {"the Kremlin", "Moscow"} <= set(state("RUS").metonyms)  # type: ignore[union-attr]
    assert {"the White House", "Washington"} <= set(state("USA").metonyms)  # type: ignore[union-attr]
    assert {"Downing Street", "Whitehall"} <= set(state("GBR").metonyms)  # type: ignore[union-attr]
    assert {"Beijing", "Zhongnanhai"} <= set(state("CHN").metonyms)  # type: ignore[union-attr]
    assert {"Kyiv", "Kiev"} <= set(state("UKR").metonyms)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("PRK", "PRK"),
        ("kp", "PRK"),
        ("408", "PRK"),
        ("North Korea", "PRK"),
        ("russian federation", "RUS"),
        ("Islamic Republic of Iran", "IRN"),
        ("Burma", "MMR"),
        ("Myanmar", "MMR"),
        ("Great Britain", "GBR"),
        ("the United States", "USA"),
        ("U.S.", "USA"),
        ("Cote d'Ivoire", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Kosovo", "XKX"),
        ("Holy See", "VAT"),
        ("State of Palestine", "PSE"),
        ("Taiwan", "TWN"),
    ],
)
def test_state_lookup_by_code_or_name(text: str, iso3: str) -> None:
    record = state(text)
    assert record is not None and record.iso3 == iso3


@pytest.mark.parametrize("text", ["Pyongyang", "North Korean", "the Kremlin", "Congo", "Korea", ""])
def test_state_lookup_ignores_capitals_demonyms_metonyms_and_bare_ambiguous_names(
    text: str,
) -> None:
    assert state(text) is None
