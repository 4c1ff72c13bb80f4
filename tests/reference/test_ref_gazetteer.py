"""The gazetteer: surface forms, how they name the actor, case sensitivity, ambiguity."""

from __future__ import annotations

from sanctions_graph.reference import GazetteerEntry, gazetteer


def _by_surface() -> dict[str, list[GazetteerEntry]]:
    index: dict[str, list[GazetteerEntry]] = {}
    for entry in gazetteer():
        index.setdefault(entry.surface, []).append(entry)
    return index


def _only(surface: str) -> GazetteerEntry:
    entries = _by_surface()[surface]
    assert len(entries) == 1, entries
    return entries[0]


def test_long_and_short_forms_of_north_korea() -> None:
    assert _only("Democratic People's Republic of Korea") == GazetteerEntry(
        "Democratic People's Republic of Korea", "state", "PRK", "alias", False
    )
    assert _only("North Korea") == GazetteerEntry("North Korea", "state", "PRK", "name", False)
    assert _only("North Korean") == GazetteerEntry("North Korean", "state", "PRK", "demonym", False)
    assert _only("North Koreans").via == "demonym"
    assert _only("DPRK").case_sensitive is True


def test_metonyms_and_capitals() -> None:
    assert _only("the Kremlin") == GazetteerEntry("the Kremlin", "state", "RUS", "metonym", False)
    assert (_only("Pyongyang").code, _only("Pyongyang").via) == ("PRK", "metonym")
    assert (_only("Washington").code, _only("Washington").via) == ("USA", "metonym")
    assert (_only("Tbilisi").code, _only("Tbilisi").via) == ("GEO", "metonym")
    assert (_only("Gaborone").code, _only("Gaborone").via) == ("BWA", "capital")
    # Cities that host international bodies or talks are capitals, not metonyms.
    assert (_only("Vienna").code, _only("Vienna").via) == ("AUT", "capital")


def test_brussels_is_the_eu_not_belgium() -> None:
    assert _only("Brussels") == GazetteerEntry("Brussels", "organisation", "EU", "metonym", False)


def test_organisations() -> None:
    assert _only("UN Security Council") == GazetteerEntry(
        "UN Security Council", "organisation", "UNSC", "alias", False
    )
    assert _only("Security Council").code == "UNSC"
    assert _only("UN") == GazetteerEntry("UN", "organisation", "UN", "acronym", True)
    assert _only("EU").case_sensitive is True


def test_short_and_ambiguous_forms_are_case_sensitive() -> None:
    for surface in ("US", "U.S.", "UK", "Chad", "Jordan", "Georgia", "Turkey", "Guinea", "Iran"):
        assert _only(surface).case_sensitive is True, surface
    for surface in ("Russia", "North Korea", "Venezuela", "Belarusian"):
        assert _only(surface).case_sensitive is False, surface


def test_forms_naming_several_states_are_left_out() -> None:
    surfaces = {entry.surface.casefold() for entry in gazetteer()}
    for ambiguous in ("congo", "korea", "congolese", "dominican", "korean"):
        assert ambiguous not in surfaces


def test_america_is_a_name_but_not_a_text_surface() -> None:
    # "Latin America", "South America": the bare word would tag the continent as the US.
    from sanctions_graph.reference import resolve_actor

    assert resolve_actor("America") == "USA"
    assert "america" not in {entry.surface.casefold() for entry in gazetteer()}


def test_one_actor_per_surface_and_longest_first() -> None:
    entries = gazetteer()
    actors: dict[str, set[tuple[str, str]]] = {}
    for entry in entries:
        actors.setdefault(entry.surface.casefold(), set()).add((entry.kind, entry.code))
    assert all(len(found) == 1 for found in actors.values())
    lengths = [len(entry.surface) for entry in entries]
    assert lengths == sorted(lengths, reverse=True)
    assert all(
        entry.via in {"name", "alias", "acronym", "demonym", "metonym", "capital"}
        for entry in entries
    )
