"""OFAC: the legacy SDN CSV set (joined on ent_num, BOM, ``-0-``, rows without an id, orphan
rows, a folder as one input) and the Sanctions List Service ENHANCED_XML export."""

from __future__ import annotations

import codecs
import shutil
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
from sanctions_graph.ingest import ofac, ofac_xml
from sanctions_graph.ingest.lists import list_graph
from sanctions_graph.ingest.pipeline import discover, ingest_paths
from sanctions_graph.ingest.registry import IngestOptions
from sanctions_graph.store import EmbeddedStore
from sanctions_graph.vocab import DCTERMS, RDF, RDFS, SG, SGID, SKOS

SET_2025 = FIXTURES / "ofac_sdn_2025"
SLICE = FIXTURES / "ofac_sdn_slice"
ENHANCED = FIXTURES / "ofac_enhanced_slice.xml"


def test_2025_set_counts_and_orphan_rows() -> None:
    unit, _ = read(ofac, SET_2025)
    assert unit.graph == list_graph("ofac-sdn")
    assert unit.counts["entities"] == 17
    assert unit.counts["fact:Designation"] == 26  # one per programme tag
    assert unit.counts["persons"] == 4
    assert unit.counts["vessels"] == 4
    assert unit.counts["aircraft"] == 2
    assert unit.counts["unknown regimes"] == 0
    assert unit.warnings == [
        "5 × alias row of an ent_num not in the main file (ignored) (e.g. sdn.csv)",
        "4 × address row of an ent_num not in the main file (ignored) (e.g. sdn.csv)",
        "1 × country not in the reference data (e.g. Cook Islands)",
    ]


def test_one_designation_per_programme_through_the_crosswalk() -> None:
    _, triples = read(ofac, SET_2025)
    entity = f"{ENTITY}ofac/11195"
    designations = designations_of(triples, entity)
    assert designations == {
        f"{SGID}designation/ofac-sdn/11195/{code}" for code in ("NPWMD", "IFSR", "IRAN-CON-ARMS-EO")
    }
    regimes = {r for d in designations for r in values(triples, d, SG.underRegime)}
    assert regimes == {f"{REGIME}US-NPWMD", f"{REGIME}US-IRAN"}
    assert values(triples, entity, SKOS.altLabel) >= {"HESA TRADE CENTER"}
    assert "P.O. Box 83145-311, 28 km Esfahan - Tehran Freeway, Shahin Shahr, Esfahan, Iran" in (
        values(triples, entity, SG.address)
    )


def test_vessel_imo_and_flag_from_remarks_and_columns() -> None:
    _, triples = read(ofac, SET_2025)
    vessel = f"{ENTITY}ofac/40716"
    assert values(triples, vessel, RDF.type) == {str(SG.Vessel)}
    assert values(triples, vessel, RDFS.label) == {"IRIS MAKRAN"}
    assert values(triples, vessel, SG.imoNumber) == {"9486910"}
    assert values(triples, vessel, SG.country) == {f"{SGID}state/IRN"}


def test_extended_remarks_are_joined_from_sdn_comments() -> None:
    _, triples = read(ofac, SET_2025)
    remark = next(iter(values(triples, f"{SGID}designation/ofac-sdn/33151/CYBER2", RDFS.comment)))
    assert remark.startswith("Website suex.io; Digital Currency Address - XBT")
    assert "Legal Entity Number 5299007NTWCC3U23WM81 (Czech Republic)" in remark


def test_person_from_the_2019_slice() -> None:
    _, triples = read(ofac, SLICE)
    person = f"{ENTITY}ofac/20157"
    assert values(triples, person, RDFS.label) == {"KIM, Jong Un"}
    assert literals(triples, person, SG.birthDate) == {("1984-01-08", XSD_DATE)}
    assert values(triples, person, SG.country) == {f"{SGID}state/PRK"}  # "Korea, North"
    assert values(triples, person, SG.address) == set()  # a country alone is no address
    designation = f"{SGID}designation/ofac-sdn/20157/DPRK3"
    assert designations_of(triples, person) == {designation}
    assert values(triples, designation, SG.underRegime) == {f"{REGIME}US-DPRK"}
    assert values(triples, designation, SG.listingReference) == {"20157"}
    assert values(triples, f"{ENTITY}ofac/21444", SKOS.altLabel) == {"KIM, Yo'-cho'ng"}


def _copy_set(tmp_path: Path, source: Path = SLICE) -> Path:
    folder = tmp_path / "set"
    shutil.copytree(source, folder)
    return folder


def test_byte_order_mark_and_windows_1252(tmp_path: Path) -> None:
    folder = _copy_set(tmp_path)
    sdn = folder / "sdn.csv"
    text = sdn.read_text(encoding="utf-8").replace("KIM, Jong Man", "KIM, Jöng Man")
    sdn.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    (folder / "alt.csv").write_bytes((folder / "alt.csv").read_text().encode("cp1252"))
    assert ofac.detect(folder, b"")  # the folder is still recognised as a set
    assert ofac.detect(sdn, sdn.read_bytes()[:4096])
    unit, triples = read(ofac, folder)
    assert unit.counts["entities"] == 6
    # The BOM did not glue itself to the first ent_num, and the accent survived.
    assert values(triples, f"{ENTITY}ofac/10465", RDF.type) == {str(SG.Organization)}
    assert values(triples, f"{ENTITY}ofac/22992", RDFS.label) == {"KIM, Jöng Man"}


def test_row_without_an_id_is_a_counted_warning(tmp_path: Path) -> None:
    folder = _copy_set(tmp_path)
    with (folder / "sdn.csv").open("a", encoding="utf-8", newline="") as handle:
        handle.write('-0- ,"NO ID LTD",-0- ,"DPRK3",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n')
    unit, _ = read(ofac, folder)
    assert unit.counts["entities"] == 6
    assert unit.counts["warnings"] == 1
    assert unit.warnings[0].startswith("1 × sdn row without an id (skipped)")


def test_main_file_alone_or_companion_file(tmp_path: Path) -> None:
    unit, _ = read(ofac, SLICE / "sdn.csv")
    assert unit.counts["entities"] == 6
    assert unit.counts["aliases"] == 12  # alt.csv beside it was joined
    with pytest.raises(InputError, match="part of an OFAC CSV set"):
        read(ofac, SLICE / "alt.csv")


def test_a_folder_holding_the_set_is_one_input(tmp_path: Path) -> None:
    inputs, skipped = discover([FIXTURES], IngestOptions())
    folders = [i.path for i in inputs if i.path.is_dir()]
    assert sorted(p.name for p in folders) == ["ofac_sdn_2025", "ofac_sdn_slice"]
    assert all(i.ingestor is not None and i.ingestor.kind == "ofac" for i in inputs
               if i.path.is_dir())
    assert not any(i.path.suffix == ".csv" for i in inputs)
    assert skipped == []


def test_csv_beyond_the_field_limit_is_an_input_error(tmp_path: Path) -> None:
    folder = _copy_set(tmp_path)
    with (folder / "sdn.csv").open("a", encoding="utf-8", newline="") as handle:
        handle.write('99999,"' + "A" * 200_000 + '",-0- ,"DPRK3"\r\n')
    with pytest.raises(InputError, match=r"sdn.csv: malformed CSV at line 7"):
        read(ofac, folder)


def test_empty_main_file_is_rejected(tmp_path: Path) -> None:
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "sdn.csv").write_text('x,"not an sdn row"\n', encoding="utf-8")
    with pytest.raises(InputError, match="no OFAC SDN rows"):
        read(ofac, folder)


# ---------------------------------------------------------------------------------------------
# ENHANCED_XML
# ---------------------------------------------------------------------------------------------
def test_enhanced_xml_entities_and_list() -> None:
    unit, triples = read(ofac_xml, ENHANCED)
    assert unit.graph == list_graph("ofac-consolidated")
    assert unit.counts["entities"] == 6
    assert unit.counts["persons"] == 3
    assert unit.counts["relations"] == 3
    document = f"{SGID}list/ofac-consolidated"
    assert literals(triples, document, DCTERMS.issued) == {("2025-01-10", XSD_DATE)}
    person = f"{ENTITY}ofac/9639"
    assert values(triples, person, RDFS.label) == {"HANIYA, Ismail Abdul Salah"}
    assert values(triples, person, SKOS.altLabel) == {"HANIYA, Ismail", "HANIYYA, Ismaeel"}
    assert literals(triples, person, SG.birthDate) == {("1962", XSD_GYEAR)}
    assert values(triples, person, SG.birthPlace) == {"Shati"}
    designation = f"{SGID}designation/ofac-consolidated/9639/NS-PLC"
    assert values(triples, designation, SG.underRegime) == {f"{REGIME}US-SDGT"}
    assert literals(triples, designation, SG.listedOn) == {("2006-04-12", XSD_DATE)}


def test_enhanced_xml_relationships_and_documents() -> None:
    _, triples = read(ofac_xml, ENHANCED)
    bank = f"{ENTITY}ofac/17013"
    assert values(triples, bank, SG.owns) == {f"{ENTITY}ofac/17017", f"{ENTITY}ofac/18719"}
    assert "Tax ID No. 7702070139" in values(triples, bank, SG.identifier)
    assert values(triples, f"{ENTITY}ofac/9647", SG.associateOf) == {f"{ENTITY}ofac/4695"}


def test_sdn_csv_and_consolidated_xml_are_two_lists(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    report = ingest_paths(store, [SET_2025, ENHANCED], derive=False)
    assert report.ok
    assert sorted(store.graphs()) == [list_graph("ofac-consolidated"), list_graph("ofac-sdn")]
    store.close()
