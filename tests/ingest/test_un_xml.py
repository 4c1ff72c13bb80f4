"""UN Security Council Consolidated List XML: records, crosswalk, unknown programme codes,
hostile and truncated files, re-ingest replacing the list's graph."""

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
from sanctions_graph.ingest import un_xml
from sanctions_graph.ingest.lists import list_graph
from sanctions_graph.ingest.pipeline import ingest_paths
from sanctions_graph.store import EmbeddedStore
from sanctions_graph.vocab import DCTERMS, PROV, RDF, RDFS, SG, SGID, SKOS

SLICE = FIXTURES / "un_consolidated_slice.xml"
GRAPH = list_graph("un-sc-consolidated")
DESIGNATION_KPI001 = f"{SGID}designation/un-sc-consolidated/KPi.001/DPRK"


def test_counts_of_the_slice() -> None:
    unit, _ = read(un_xml, SLICE)
    assert unit.graph == GRAPH
    assert unit.kind == "un_xml"
    assert unit.counts["fact:Designation"] == 11
    assert unit.counts["persons"] == 7
    assert unit.counts["organizations"] == 4
    assert unit.counts["unknown regimes"] == 0
    assert unit.warnings == []


def test_person_names_nationality_birth_and_designation() -> None:
    _, triples = read(un_xml, SLICE)
    person = f"{ENTITY}un/KPi.001"
    assert values(triples, person, RDF.type) == {str(SG.Person)}
    assert values(triples, person, RDFS.label) == {"YUN HO-JIN"}
    assert values(triples, person, SKOS.altLabel) == {"Yun Ho-chin"}
    assert values(triples, person, SG.nationality) == {f"{SGID}state/PRK"}
    assert literals(triples, person, SG.birthDate) == {("1944-10-13", XSD_DATE)}
    assert designations_of(triples, person) == {DESIGNATION_KPI001}
    assert values(triples, DESIGNATION_KPI001, SG.underRegime) == {f"{REGIME}UN-1718"}
    assert literals(triples, DESIGNATION_KPI001, SG.listedOn) == {("2009-07-16", XSD_DATE)}
    assert values(triples, DESIGNATION_KPI001, SG.listingReference) == {"KPi.001"}
    assert values(triples, DESIGNATION_KPI001, RDFS.comment) == {
        "Director of Namchongang Trading Corporation; oversees the import of items needed for "
        "the uranium enrichment program."
    }
    assert values(triples, DESIGNATION_KPI001, PROV.wasDerivedFrom) == {
        f"{SGID}list/un-sc-consolidated"
    }


def test_iran_listing_goes_to_1737_and_years_of_birth_are_gyear() -> None:
    _, triples = read(un_xml, SLICE)
    person = f"{ENTITY}un/IRi.001"
    assert literals(triples, person, SG.birthDate) == {
        ("1958", XSD_GYEAR),
        ("1959", XSD_GYEAR),
    }
    assert values(triples, person, SG.birthPlace) == {"Abadan, Iran (Islamic Republic of)"}
    designation = f"{SGID}designation/un-sc-consolidated/IRi.001/Iran"
    assert values(triples, designation, SG.underRegime) == {f"{REGIME}UN-1737"}


def test_alias_lists_are_split_and_passports_kept() -> None:
    _, triples = read(un_xml, SLICE)
    person = f"{ENTITY}un/IRi.003"
    assert values(triples, person, SKOS.altLabel) == {"Azim Adhajani", "Azim Agha-Jani"}
    assert values(triples, person, SG.passportNumber) == {"6620505", "9003213"}


def test_entity_aliases_and_address() -> None:
    _, triples = read(un_xml, SLICE)
    entity = f"{ENTITY}un/KPe.001"
    assert values(triples, entity, RDF.type) == {str(SG.Organization)}
    assert values(triples, entity, RDFS.label) == {"KOREA MINING DEVELOPMENT TRADING CORPORATION"}
    assert "CHANGGWANG SINYONG CORPORATION" in values(triples, entity, SKOS.altLabel)
    assert values(triples, entity, SG.address) == {
        "Central District, Pyongyang, Democratic People's Republic of Korea"
    }
    assert values(triples, entity, SG.country) == {f"{SGID}state/PRK"}


def test_list_document_with_publication_date() -> None:
    _, triples = read(un_xml, SLICE)
    document = f"{SGID}list/un-sc-consolidated"
    assert values(triples, document, RDF.type) == {str(SG.SanctionsList), str(SG.SourceDocument)}
    assert literals(triples, document, DCTERMS.issued) == {("2026-02-27", XSD_DATE)}
    assert values(triples, document, SG.sourceKind) == {"un_xml"}
    assert len(next(iter(values(triples, document, SG.sha256)))) == 64


def test_unknown_programme_code_becomes_a_new_regime(tmp_path: Path) -> None:
    text = SLICE.read_text(encoding="utf-8").replace(
        "<UN_LIST_TYPE>DPRK</UN_LIST_TYPE>\n      <REFERENCE_NUMBER>KPi.001",
        "<UN_LIST_TYPE>Atlantis</UN_LIST_TYPE>\n      <REFERENCE_NUMBER>KPi.001",
    )
    path = tmp_path / "un.xml"
    path.write_text(text, encoding="utf-8")
    unit, triples = read(un_xml, path)
    regime = f"{REGIME}UN-code-Atlantis"
    designation = f"{SGID}designation/un-sc-consolidated/KPi.001/Atlantis"
    assert unit.counts["fact:Designation"] == 11  # never dropped
    assert unit.counts["unknown regimes"] == 1
    assert values(triples, designation, SG.underRegime) == {regime}
    assert values(triples, regime, RDF.type) == {str(SG.SanctionsRegime)}
    assert values(triples, regime, SG.programCode) == {"Atlantis"}
    assert values(triples, regime, SG.imposedBy) == {f"{SGID}org/UNSC"}
    assert unit.warnings == ["1 × unknown programme code (new regime node) (e.g. UN Atlantis)"]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&lol4;</FIRST_NAME>
<REFERENCE_NUMBER>KPi.999</REFERENCE_NUMBER><UN_LIST_TYPE>DPRK</UN_LIST_TYPE></INDIVIDUAL>
</INDIVIDUALS></CONSOLIDATED_LIST>
"""
EXTERNAL_ENTITY = """<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment first does not hide the DTD -->
<!DOCTYPE CONSOLIDATED_LIST [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&xxe;</FIRST_NAME>
<REFERENCE_NUMBER>KPi.998</REFERENCE_NUMBER><UN_LIST_TYPE>DPRK</UN_LIST_TYPE></INDIVIDUAL>
</INDIVIDUALS></CONSOLIDATED_LIST>
"""


@pytest.mark.parametrize("content", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["bomb", "xxe"])
def test_hostile_xml_is_rejected_before_parsing(tmp_path: Path, content: str) -> None:
    path = tmp_path / "hostile.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="DOCTYPE/ENTITY"):
        read(un_xml, path)


@pytest.mark.parametrize("content", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["bomb", "xxe"])
def test_hostile_xml_leaves_the_store_unchanged(tmp_path: Path, content: str) -> None:
    store = EmbeddedStore(tmp_path / "store")
    ingest_paths(store, [SLICE], derive=False)
    before = store.count(GRAPH)
    path = tmp_path / "hostile.xml"
    path.write_text(content, encoding="utf-8")
    report = ingest_paths(store, [path], derive=False)
    assert not report.ok
    assert len(report.skipped) == 1
    assert "DOCTYPE/ENTITY" in report.skipped[0].reason
    assert store.count(GRAPH) == before
    assert store.graphs() == [GRAPH]
    store.close()


def test_truncated_file_keeps_the_previous_version(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    ingest_paths(store, [SLICE], derive=False)
    before = store.count(GRAPH)
    data = SLICE.read_bytes()
    path = tmp_path / "truncated.xml"
    path.write_bytes(data[: len(data) * 2 // 3])
    report = ingest_paths(store, [path], derive=False)
    assert len(report.skipped) == 1
    assert report.skipped[0].reason.startswith("truncated.xml: malformed or truncated XML")
    assert store.count(GRAPH) == before
    store.close()


def test_newer_file_replaces_the_list_graph(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    ingest_paths(store, [SLICE], derive=False)
    text = SLICE.read_text(encoding="utf-8")
    start = text.rindex("<INDIVIDUAL>", 0, text.index("<REFERENCE_NUMBER>KPi.002"))
    end = text.index("</INDIVIDUAL>", start) + len("</INDIVIDUAL>")
    newer = tmp_path / "newer.xml"
    newer.write_text(text[:start] + text[end:], encoding="utf-8")
    report = ingest_paths(store, [newer], derive=False)
    assert report.ok
    assert store.graphs() == [GRAPH]
    rows = store.query(
        "SELECT ?d WHERE { ?d a <https://w3id.org/sanctions-graph/ontology#Designation> }"
    ).rows
    designations = {row["d"].value for row in rows if row["d"] is not None}
    assert len(designations) == 10
    assert f"{SGID}designation/un-sc-consolidated/KPi.002/DPRK" not in designations
    assert DESIGNATION_KPI001 in designations
    store.close()


def test_drop_by_path_removes_the_list(tmp_path: Path) -> None:
    from sanctions_graph.ingest.pipeline import drop_source

    store = EmbeddedStore(tmp_path / "store")
    ingest_paths(store, [SLICE], derive=False)
    report = drop_source(store, str(SLICE), derive=False)
    assert report.graphs == [GRAPH]
    assert store.graphs() == []
    store.close()


def test_detector_wants_the_xml_root_not_a_mention() -> None:
    assert un_xml.detect(SLICE, SLICE.read_bytes()[:4096])
    readme = b"# Lists\nThe UN list (`CONSOLIDATED_LIST`, <CONSOLIDATED_LIST>) is XML.\n"
    assert not un_xml.detect(Path("README.md"), readme)
