"""OpenSanctions FollowTheMoney JSON lines: entities keyed by their strongest identifier,
sanctions through the OpenSanctions programme crosswalk, ownership / directorship / family
links, bad lines, and the merge with an official list on the OFAC uid."""

from __future__ import annotations

import json
from pathlib import Path

from listkit import (
    ENTITY,
    FIXTURES,
    REGIME,
    XSD_DATE,
    designations_of,
    literals,
    read,
    subjects,
    values,
)

from sanctions_graph.ingest import ftm
from sanctions_graph.ingest.lists import list_graph
from sanctions_graph.ingest.pipeline import ingest_paths
from sanctions_graph.store import EmbeddedStore
from sanctions_graph.vocab import DCTERMS, OWL, RDF, RDFS, SG, SGID, SKOS

ZALA = FIXTURES / "ftm_zala_aero_cluster.ftm.json"
EU_SAMPLE = FIXTURES / "ftm_eu_fsf_sample.ftm.json"
ZAKHAROV = f"{ENTITY}ofac/45937"
LLC_CST = f"{ENTITY}ofac/45928"
KALASHNIKOV = f"{ENTITY}ofac/16911"


def test_counts_and_graph() -> None:
    unit, triples = read(ftm, ZALA)
    assert unit.graph == list_graph("ftm-ftm_zala_aero_cluster")
    assert unit.counts["persons"] == 6
    assert unit.counts["organizations"] == 11
    assert unit.counts["fact:Designation"] == 41  # one per Sanction entity
    assert unit.counts["relations"] == 21
    assert unit.counts["unknown regimes"] == 8  # Monaco, Japan... not in the crosswalk
    document = f"{SGID}list/ftm-ftm_zala_aero_cluster"
    assert literals(triples, document, DCTERMS.issued) == {("2026-04-29", XSD_DATE)}


def test_entity_is_named_by_its_ofac_uid_and_keeps_its_ftm_id() -> None:
    _, triples = read(ftm, ZALA)
    assert values(triples, ZAKHAROV, RDF.type) == {str(SG.Person)}
    assert values(triples, ZAKHAROV, RDFS.label) == {"Alexander Vyacheslavovich ZAKHAROV"}
    assert values(triples, ZAKHAROV, SG.ftmId) == {"NK-aU5ybkbRFJucf8YMwsJvDw"}
    assert values(triples, ZAKHAROV, OWL.sameAs) == {
        f"{ENTITY}uk/RUS2051",
        f"{ENTITY}eu/EU.12789.10",
    }
    aliases = values(triples, ZAKHAROV, SKOS.altLabel)
    assert {"Александр Вячеславович Захаров", "Zakharov Oleksandr Viacheslavovych"} <= aliases
    assert literals(triples, ZAKHAROV, SG.birthDate) == {("1965-09-21", XSD_DATE)}
    assert values(triples, ZAKHAROV, SG.nationality) == {f"{SGID}state/RUS"}
    # Two OFAC uids for one company: the smaller names it, the other is sameAs.
    assert f"{ENTITY}ofac/45934" in values(triples, LLC_CST, OWL.sameAs)


def test_sanctions_become_designations_through_the_crosswalk() -> None:
    _, triples = read(ftm, ZALA)
    assert len(designations_of(triples, LLC_CST)) == 28
    assert len(designations_of(triples, ZAKHAROV)) == 13
    designation = (
        f"{SGID}designation/ftm-ftm_zala_aero_cluster/"
        "gb-fcdo-46e77fa780c231118802a291639978704d2267de/GB-RUS"
    )
    assert values(triples, designation, SG.designates) == {ZAKHAROV}
    assert values(triples, designation, SG.underRegime) == {f"{REGIME}UK-RUS"}
    assert values(triples, designation, SG.listingReference) == {"16271"}
    assert literals(triples, designation, SG.listedOn) == {("2023-12-06", XSD_DATE)}
    regimes = {
        regime
        for d in designations_of(triples, ZAKHAROV) | designations_of(triples, LLC_CST)
        for regime in values(triples, d, SG.underRegime)
    }
    assert {f"{REGIME}EU-UKR", f"{REGIME}US-RUSSIA-EO14024", f"{REGIME}UK-RUS"} <= regimes


def test_unknown_programme_becomes_a_regime_node() -> None:
    _, triples = read(ftm, ZALA)
    regime = f"{REGIME}OS-code-La-Principaute-de-Monaco-66ae60dc"
    assert values(triples, regime, RDF.type) == {str(SG.SanctionsRegime)}
    assert values(triples, regime, SG.programCode) == {"La Principauté de Monaco"}
    assert values(triples, regime, SG.imposedBy) == {f"{SGID}state/MCO"}  # the sanction's country
    assert len(subjects(triples, SG.underRegime, regime)) == 3


def test_ownership_directorship_and_family_links() -> None:
    _, triples = read(ftm, ZALA)
    assert LLC_CST in values(triples, ZAKHAROV, SG.owns)
    assert values(triples, KALASHNIKOV, SG.owns) == {LLC_CST}
    assert LLC_CST in values(triples, ZAKHAROV, SG.directorOf)
    relatives = subjects(triples, SG.familyOf, ZAKHAROV)
    assert relatives == {f"{ENTITY}ofac/{uid}" for uid in ("45947", "45992", "46001", "46004")}


def test_bad_lines_are_counted_warnings(tmp_path: Path) -> None:
    lines = [line + "\n" for line in EU_SAMPLE.read_text(encoding="utf-8").splitlines()]
    path = tmp_path / "broken.ftm.json"
    path.write_text(
        lines[0] + '{"id": "x", "schema": "Person", "properties": {\n' + "".join(lines[1:])
        + '{"schema": "Person"}\n'
        + '{"id": "y", "schema": "Person", "properties": ["not", "a", "mapping"]}\n'
        + lines[-1][: len(lines[-1]) // 2],
        encoding="utf-8",
    )
    unit, _ = read(ftm, path)
    assert unit.counts["entities"] == 6
    assert unit.warnings == [
        "2 × line is not JSON (skipped) (e.g. line 2; line 11)",
        "1 × object without an id or schema (skipped) (e.g. line 9)",
        "1 × object with malformed properties (skipped) (e.g. line 10)",
    ]


def test_un_reference_of_a_sanction_links_the_un_node(tmp_path: Path) -> None:
    sanction = {
        "id": "unsc-test-sanction",
        "schema": "Sanction",
        "properties": {
            "entity": ["NK-2Ka3UvopqbpZmVDFjWd4LA"],
            "authority": ["United Nations Security Council"],
            "program": ["DPRK"],
            "unscId": ["KPi.001"],
            "listingDate": ["2009-07-16"],
        },
    }
    path = tmp_path / "with_un.ftm.json"
    sample = EU_SAMPLE.read_text(encoding="utf-8").rstrip("\n")  # no final newline in the file
    path.write_text(f"{sample}\n{json.dumps(sanction)}\n", encoding="utf-8")
    _, triples = read(ftm, path)
    person = f"{ENTITY}eu/EU.11179.96"
    assert values(triples, person, OWL.sameAs) == {f"{ENTITY}un/KPi.001"}
    (designation,) = designations_of(triples, person)
    assert values(triples, designation, SG.underRegime) == {f"{REGIME}UN-1718"}
    assert values(triples, designation, SG.listingReference) == {"KPi.001"}


def test_one_actor_across_lists_when_strong_identifiers_agree(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    report = ingest_paths(
        store, [FIXTURES / "ofac_sdn_slice", ZALA, EU_SAMPLE], derive=False
    )
    assert report.ok
    rows = store.query(
        f"SELECT ?g ?d WHERE {{ GRAPH ?g {{ ?d <{SG.designates}> <{KALASHNIKOV}> }} }}"
    ).rows
    assert {(r["g"].value, r["d"].value) for r in rows if r["g"] and r["d"]} == {
        (list_graph("ofac-sdn"), f"{SGID}designation/ofac-sdn/16911/UKRAINE-EO13661")
    }
    ftm_ids = store.query(
        f"SELECT ?g ?id WHERE {{ GRAPH ?g {{ <{KALASHNIKOV}> <{SG.ftmId}> ?id }} }}"
    ).rows
    assert [(r["g"].value, r["id"].value) for r in ftm_ids if r["g"] and r["id"]] == [
        (list_graph("ftm-ftm_zala_aero_cluster"), "NK-nR5AXM9AVPq4pQaSPSaVam")
    ]
    # The IRGC of the eu_fsf sample carries the referent ofac-10465: the OFAC entry's node.
    irgc = store.query(f"ASK {{ <{ENTITY}ofac/10465> <{SG.ftmId}> \"NK-2PacmNpiLUmoz4XD2mSt7A\" }}")
    assert irgc.boolean is True
    # Kept apart when nothing agrees: KIM Jong Un of the OFAC list has no FtM record here.
    kim = store.query(f"ASK {{ <{ENTITY}ofac/20157> <{SG.ftmId}> ?id }}")
    assert kim.boolean is False
    store.close()


def test_detector() -> None:
    assert ftm.detect(ZALA, ZALA.read_bytes()[:4096])
    assert ftm.detect(ZALA, b"\xef\xbb\xbf" + ZALA.read_bytes()[:4096])  # byte-order mark
    assert not ftm.detect(Path("articles.jsonl"), b'{"title": "x", "text": "y"}\n')
