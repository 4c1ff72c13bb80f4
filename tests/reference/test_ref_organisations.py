"""International organisations: the required set, aliases, parents and members."""

from __future__ import annotations

from sanctions_graph.reference import organisation, organisations, state

REQUIRED = {"UN", "UNSC", "EU", "NATO", "G7", "AU", "ASEAN", "OSCE", "IAEA", "BRICS", "SCO", "CSTO"}


def test_required_organisations_present() -> None:
    acronyms = {o.acronym for o in organisations()}
    assert acronyms >= REQUIRED
    assert len(acronyms) == len(organisations())


def test_security_council_names() -> None:
    unsc = organisation("UNSC")
    assert unsc is not None
    assert unsc.name == "United Nations Security Council"
    assert {"UN Security Council", "Security Council"} <= set(unsc.aliases)
    assert unsc.parent == "UN"
    assert organisation("un security council") is unsc
    assert organisation("Security Council") is unsc


def test_eu_names_and_brussels_metonym() -> None:
    eu = organisation("European Union")
    assert eu is not None and eu.acronym == "EU"
    assert "Council of the EU" in eu.aliases
    assert eu.metonyms == ("Brussels",)
    assert organisation("Brussels") is None  # a metonym, not a name
    assert len(eu.members) == 27


def test_parents_and_members_are_known() -> None:
    acronyms = {o.acronym for o in organisations()}
    for org in organisations():
        assert org.parent is None or org.parent in acronyms, org.acronym
        for member in org.members:
            assert state(member) is not None, (org.acronym, member)
    nato = organisation("NATO")
    assert nato is not None and len(nato.members) == 32
    assert {"FIN", "SWE"} <= set(nato.members)
