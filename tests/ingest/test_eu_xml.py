"""EU Financial Sanctions Files XML 1.1: names in many languages, UN references, programmes,
year ranges of birth, identification documents, addresses."""

from __future__ import annotations

from pathlib import Path

import pytest
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

from sanctions_graph.errors import InputError
from sanctions_graph.ingest import eu_xml
from sanctions_graph.ingest.lists import list_graph
from sanctions_graph.vocab import DCTERMS, OWL, RDF, RDFS, SG, SGID, SKOS

SAMPLE = FIXTURES / "eu_fsf_sample.xml"


def test_counts_graph_and_publication_date() -> None:
    unit, triples = read(eu_xml, SAMPLE)
    assert unit.graph == list_graph("eu-fsf")
    assert unit.counts["fact:Designation"] == 4
    assert unit.counts["persons"] == 3
    assert unit.counts["organizations"] == 1
    assert unit.warnings == []
    document = f"{SGID}list/eu-fsf"
    assert literals(triples, document, DCTERMS.issued) == {("2026-08-05", XSD_DATE)}


def test_english_structured_name_is_the_label_and_other_languages_are_aliases() -> None:
    _, triples = read(eu_xml, SAMPLE)
    person = f"{ENTITY}eu/EU.3579.2"
    assert values(triples, person, RDFS.label) == {"Khalid Sheikh MOHAMMED"}
    assert {"Bin Khalid Fahd Bin Adballah", "Ali Salem"} <= values(triples, person, SKOS.altLabel)
    assert values(triples, person, SG.passportNumber) == {"488555"}
    assert literals(triples, person, SG.birthDate) == {
        ("1965-04-14", XSD_DATE),
        ("1964-03-01", XSD_DATE),
    }
    designation = f"{SGID}designation/eu-fsf/EU.3579.2/TERR"
    assert values(triples, designation, SG.underRegime) == {f"{REGIME}EU-TERR"}
    # No designationDate in the file: no listing date rather than a guessed one.
    assert values(triples, designation, SG.listedOn) == set()


def test_un_reference_names_the_entity() -> None:
    _, triples = read(eu_xml, SAMPLE)
    person = f"{ENTITY}un/LYi.006"
    assert values(triples, person, RDFS.label) == {"Abu Zayd Umar DORDA"}
    assert values(triples, person, OWL.sameAs) == {f"{ENTITY}eu/EU.3886.3"}
    assert values(triples, person, SG.passportNumber) == {"FK117RK0"}
    assert values(triples, person, SG.country) == {f"{SGID}state/LBY"}
    designation = f"{SGID}designation/eu-fsf/EU.3886.3/LBY"
    assert designations_of(triples, person) == {designation}
    assert values(triples, designation, SG.listingReference) == {"EU.3886.3"}
    assert values(triples, designation, SG.underRegime) == {f"{REGIME}EU-LBY"}
    assert literals(triples, designation, SG.listedOn) == {("2011-02-26", XSD_DATE)}


def test_year_range_of_birth_citizenship_and_role() -> None:
    _, triples = read(eu_xml, SAMPLE)
    person = f"{ENTITY}eu/EU.502.12"
    assert literals(triples, person, SG.birthDate) == {
        (str(year), XSD_GYEAR) for year in range(1953, 1959)
    }
    assert values(triples, person, SG.nationality) == {f"{SGID}state/AFG"}
    assert values(triples, person, SG.role) == {
        "Minister of Water and Electricity under the Taliban regime"
    }


def test_enterprise_with_addresses_and_registration_number() -> None:
    _, triples = read(eu_xml, SAMPLE)
    company = f"{ENTITY}eu/EU.3953.70"
    assert values(triples, company, RDF.type) == {str(SG.Organization)}
    assert values(triples, company, RDFS.label) == {"Parchin Chemical Industries (PCI)"}
    assert values(triples, company, SG.identifier) == {"Registration Number 892"}
    assert len(values(triples, company, SG.address)) == 6
    assert values(triples, company, SG.country) == {f"{SGID}state/IRN"}


def test_truncated_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "eu.xml"
    path.write_bytes(SAMPLE.read_bytes()[:9000])
    with pytest.raises(InputError, match="malformed or truncated XML"):
        read(eu_xml, path)


def test_detector() -> None:
    assert eu_xml.detect(SAMPLE, SAMPLE.read_bytes()[:4096])
    mention = b"EU Financial Sanctions Files XML 1.1 (ns http://eu.europa.ec/fpi/fsd/export)\n"
    assert not eu_xml.detect(Path("README.md"), mention)
