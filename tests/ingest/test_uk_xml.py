"""UK Sanctions List XML: regime names through the crosswalk, UN references, dd/mm/yyyy and
partial dates, measures, non-Latin names, ships."""

from __future__ import annotations

from listkit import (
    ENTITY,
    FIXTURES,
    REGIME,
    XSD_DATE,
    XSD_GYEAR,
    designations_of,
    literals,
    read,
    values,
)

from sanctions_graph.ingest import uk_xml
from sanctions_graph.ingest.lists import list_graph
from sanctions_graph.vocab import DCTERMS, OWL, RDF, RDFS, SG, SGID, SKOS

SAMPLE = FIXTURES / "uk_sanctions_list_sample.xml"
AFG = "The-Afghanistan-Sanctions-EU-Exit-Regulations-2020"


def test_counts_graph_and_publication_date() -> None:
    unit, triples = read(uk_xml, SAMPLE)
    assert unit.graph == list_graph("uk-sanctions-list")
    assert unit.counts["fact:Designation"] == 5
    assert unit.counts["persons"] == 2
    assert unit.counts["organizations"] == 2
    assert unit.counts["vessels"] == 1
    assert unit.counts["unknown regimes"] == 0
    assert unit.warnings == []
    assert literals(triples, f"{SGID}list/uk-sanctions-list", DCTERMS.issued) == {
        ("2026-09-10", XSD_DATE)
    }


def test_un_listed_person_with_partial_dates_and_non_latin_name() -> None:
    _, triples = read(uk_xml, SAMPLE)
    person = f"{ENTITY}un/TAi.002"
    assert values(triples, person, RDFS.label) == {"MOHAMMAD HASSAN AKHUND"}
    assert values(triples, person, SKOS.altLabel) == {"Mohammad Akhwand", "محمد حسن آخوند"}
    assert values(triples, person, OWL.sameAs) == {f"{ENTITY}uk/AFG0006"}
    assert literals(triples, person, SG.birthDate) == {
        ("1958-05-12", XSD_DATE),  # 12/05/1958, day first
        ("1945", XSD_GYEAR),  # dd/mm/1945
        ("1946", XSD_GYEAR),
    }
    assert values(triples, person, SG.nationality) == {f"{SGID}state/AFG"}
    assert values(triples, person, SG.passportNumber) == {"P04581926"}
    assert values(triples, person, SG.birthPlace) == {
        "Pashmul village, Panjwai District, Afghanistan"
    }
    designation = f"{SGID}designation/uk-sanctions-list/AFG0006/{AFG}"
    assert designations_of(triples, person) == {designation}
    assert values(triples, designation, SG.underRegime) == {f"{REGIME}UK-AFG"}
    assert literals(triples, designation, SG.listedOn) == {("2001-01-25", XSD_DATE)}
    assert values(triples, designation, SG.measure) == {str(SG.AssetFreeze), str(SG.TravelBan)}


def test_uk_only_entity_keeps_its_own_identifier() -> None:
    _, triples = read(uk_xml, SAMPLE)
    company = f"{ENTITY}uk/BEL0107"
    assert values(triples, company, RDF.type) == {str(SG.Organization)}
    assert values(triples, company, OWL.sameAs) == set()
    assert values(triples, company, SKOS.altLabel) == {"BNK UK Limited", "BNK"}
    assert values(triples, company, SG.identifier) == {"UK Company no. 06527449"}
    (designation,) = designations_of(triples, company)
    assert values(triples, designation, SG.underRegime) == {f"{REGIME}UK-BLR"}
    assert values(triples, designation, RDFS.comment) == {
        "The Director Disqualification Sanction was imposed on 09/04/2025.",
        "BNK (UK) Ltd is controlled by CJSC Belarusian Oil Company, the state exporter of oil "
        "products.",
    }


def test_ship_with_imo_and_flag() -> None:
    _, triples = read(uk_xml, SAMPLE)
    ship = f"{ENTITY}un/KPv.001"
    assert values(triples, ship, RDF.type) == {str(SG.Vessel)}
    assert values(triples, ship, RDFS.label) == {"Petrel 8"}
    assert values(triples, ship, SG.imoNumber) == {"9562233"}
    assert values(triples, ship, SG.country) == {f"{SGID}state/COM"}
