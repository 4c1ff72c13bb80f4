"""SHACL validation and SPARQL quality checks: good data passes, every shape can fail."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from typer.testing import CliRunner

from _kg_fixtures import PREFIXES, SOURCE_GRAPH, TEXT, article_ttl, build_store
from sanctions_graph.cli import app
from sanctions_graph.errors import InputError
from sanctions_graph.store import EmbeddedStore
from sanctions_graph.validate import (
    quality_findings,
    render_report,
    shapes_file,
    validate_store,
)
from sanctions_graph.vocab import SGID

NEGATIVE_GRAPH = str(SGID["source/" + "c" * 64])
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")

# One focus node per case, each breaking the shapes named in the comments.
NEGATIVE_TTL = (
    PREFIXES
    + """
@prefix neg: <https://w3id.org/sanctions-graph/id/neg/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
# StateShape: no iso3 / malformed codes / no label
neg:state-noiso a sg:State ; rdfs:label "No code" .
neg:state-badiso a sg:State ; rdfs:label "Bad codes" ; sg:iso3 "prk" ; sg:iso2 "KPX" ;
    sg:isoNumeric "48" .
neg:state-nolabel a sg:State ; sg:iso3 "ZZZ" .
# InternationalOrganizationShape, OrganizationShape
neg:io a sg:InternationalOrganization ; rdfs:label "Nameless body" .
neg:org a sg:Organization ; sg:memberOf sgid:state\\/PRK .
# PersonShape
neg:person a sg:Person ; sg:nationality sgid:event\\/fx\\/meet ; sg:birthDate "1950" ;
    sg:represents "EU" ; sg:role sgid:state\\/PRK .
# VesselShape
neg:vessel a sg:Vessel ; sg:imoNumber "IMO 123" .
# NameMatchShape
neg:match a sg:NameMatch ; sg:matchScore 1.5e0 .
# SanctionsRegimeShape
neg:regime a sg:SanctionsRegime ; sg:targetsState sgid:org\\/UNSC ; sg:measure sg:Asserted ;
    sg:startDate "2020-01-01"^^xsd:date ; sg:endDate "2019-01-01"^^xsd:date ,
    "2019-02-01"^^xsd:date ; sg:programCode 7 .
neg:regime-typed a sg:SanctionsRegime ; rdfs:label "Wrong kinds" ;
    sg:imposedBy sgid:event\\/fx\\/meet ; sg:legalBasis sgid:state\\/PRK ;
    sg:formerlyTargetsState sgid:org\\/UNSC .
# DesignationShape (and DesignationDateShape: no listing date -> a warning)
neg:designation a sg:Designation ; sg:designates neg:person , neg:vessel ;
    sg:underRegime neg:io ; sg:delistedOn "soon" ; sg:listingReference 12 .
neg:designation-dated a sg:Designation ; sg:designates neg:person ;
    sg:underRegime sgid:regime\\/UN-1718 ; sg:listedOn "2020-01-01" .
# EventShape
neg:event a sg:Meeting ; sg:actor sgid:state\\/PRK , sgid:state\\/RUS ; sg:date "2024" ;
    sg:modality sg:ArmsEmbargo ; sg:location sgid:org\\/UNSC ; sg:agreement sgid:state\\/PRK ;
    sg:evidence neg:doc .
neg:event-untargeted a sg:ArmsTransfer ; sg:actor "North Korea" .
# AgreementShape
neg:agreement a sg:Agreement ; sg:signedOn "2024-06-19" , "2024-06-20" .
# EvidenceShape
neg:evidence a sg:Evidence ; sg:charStart -3 ; sg:charEnd "5" ; sg:confidence 1.5e0 ;
    sg:extractor "a" , "b" ; sg:quote "" .
neg:evidence-order a sg:Evidence ; sg:quote "x" ; sg:charStart 10 ; sg:charEnd 5 ;
    prov:wasDerivedFrom sgid:state\\/PRK .
neg:evidence-mismatch a sg:Evidence ; sg:quote "South Korea" ; sg:charStart 0 ; sg:charEnd 11 ;
    prov:wasDerivedFrom <SOURCE> .
# SourceDocumentShape
neg:doc a sg:SourceDocument ; sg:sha256 "ABC" ; sg:sourceKind "article" , "html" ;
    dcterms:title "One" , "Two" ; dcterms:issued "2020-01-01" ; schema:url "http://example.org/x" ;
    sg:mentions sgid:state\\/EU .
# Value shapes on untyped subjects
neg:untyped-date sg:date "yesterday" ; sg:startDate "x" ; sg:endDate "y" ; sg:listedOn "z" ;
    sg:delistedOn "w" ; sg:signedOn "v" ; dcterms:issued "u" .
neg:untyped-iso sg:iso3 "abcd" ; sg:iso2 "a" .
neg:untyped-actor sg:actor sgid:state\\/PRK .
"""
).replace("SOURCE", SOURCE_GRAPH)


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    return build_store(tmp_path / "store")


def test_fixture_graph_conforms(store: EmbeddedStore) -> None:
    report = validate_store(store)
    assert report.findings == []
    assert report.conforms is True
    assert report.triples > 50


def _property_shapes() -> set[str]:
    """Every (node shape, property path) pair of shapes.ttl, as validate names them."""
    graph = rdflib.Graph().parse(shapes_file(), format="turtle")
    names = set()
    for node_shape in graph.subjects(rdflib.RDF.type, SH.NodeShape):
        node_name = graph.namespace_manager.normalizeUri(node_shape)
        properties = list(graph.objects(node_shape, SH.property))
        for prop in properties:
            path = graph.value(prop, SH.path)
            names.add(f"{node_name} [{graph.namespace_manager.normalizeUri(path)}]")
        if not properties:
            names.add(node_name)
        if (node_shape, SH.sparql, None) in graph:
            names.add(f"{node_name} [sparql]")
    return names


def test_every_shape_and_property_constraint_can_fail(store: EmbeddedStore) -> None:
    store.load_graph(NEGATIVE_GRAPH, NEGATIVE_TTL, ox.RdfFormat.TURTLE)
    report = validate_store(store, quality_checks=False)
    assert report.conforms is False
    failed = {f.shape for f in report.findings}
    missing = _property_shapes() - failed
    assert missing == set()


def test_negative_findings_name_focus_path_and_severity(store: EmbeddedStore) -> None:
    store.load_graph(NEGATIVE_GRAPH, NEGATIVE_TTL, ox.RdfFormat.TURTLE)
    report = validate_store(store, quality_checks=False)
    by_focus: dict[str, set[tuple[str, str]]] = {}
    for f in report.findings:
        by_focus.setdefault(f.focus, set()).add((f.severity, f.path))
    assert ("Violation", "sg:actor") in by_focus["sgid:neg/event"]  # two actors
    assert ("Violation", "sg:target") in by_focus["sgid:neg/event"]  # none
    assert ("Violation", "sg:evidence") in by_focus["sgid:neg/event-untargeted"]
    assert ("Violation", "sg:iso3") in by_focus["sgid:neg/state-noiso"]
    assert ("Violation", "sg:underRegime") in by_focus["sgid:neg/designation"]
    # A missing listing date is only a warning; a listing date that is not an xsd:date is not.
    assert ("Warning", "sg:listedOn") in by_focus["sgid:neg/designation"]
    assert ("Violation", "sg:listedOn") in by_focus["sgid:neg/designation-dated"]
    mismatch = [f for f in report.findings if f.focus == "sgid:neg/evidence-mismatch"]
    assert [f.message for f in mismatch] == [
        "the quote is not the document text between sg:charStart and sg:charEnd"
    ]
    # Everything else in the store is fine: the findings are about the negative nodes only.
    assert all(f.focus.startswith("sgid:neg/") for f in report.findings)


def test_a_warning_alone_conforms(store: EmbeddedStore) -> None:
    store.load_graph(
        NEGATIVE_GRAPH,
        PREFIXES + "sgid:d a sg:Designation ; sg:designates sgid:state\\/PRK ;"
        " sg:underRegime sgid:regime\\/UN-1718 .",
        ox.RdfFormat.TURTLE,
    )
    report = validate_store(store)
    assert [(f.severity, f.focus, f.path) for f in report.findings] == [
        ("Warning", "sgid:d", "sg:listedOn")
    ]
    assert report.conforms is True


def test_quote_check_compares_with_the_document_text(store: EmbeddedStore) -> None:
    # The fixture's quotes are the text at their offsets; shift the text by one character and
    # every quote stops matching.
    store.load_graph(SOURCE_GRAPH, article_ttl(" " + TEXT), ox.RdfFormat.TURTLE)
    report = validate_store(store)
    shapes = {f.shape for f in report.findings}
    assert shapes == {"sgsh:EvidenceShape [sparql]", "qc:evidence-quote-mismatch-violation"}
    assert len(report.findings) == 6  # three evidence nodes, found by SHACL and by the QC query


def test_unknown_source_graph_is_an_input_error(store: EmbeddedStore) -> None:
    with pytest.raises(InputError, match="no such source graph"):
        validate_store(store, source=str(SGID["source/none"]))


def test_one_source_graph_is_validated_with_the_reference_it_points_to(
    store: EmbeddedStore,
) -> None:
    store.load_graph(NEGATIVE_GRAPH, NEGATIVE_TTL, ox.RdfFormat.TURTLE)
    clean = validate_store(store, source=SOURCE_GRAPH)
    assert clean.conforms is True and clean.findings == []
    assert clean.scope == f"source graph {SOURCE_GRAPH}"
    dirty = validate_store(store, source=NEGATIVE_GRAPH)
    assert dirty.violations > 20


def test_quality_checks_pass_on_the_fixture_and_fail_on_bad_data(store: EmbeddedStore) -> None:
    assert quality_findings(store) == []
    store.load_graph(NEGATIVE_GRAPH, NEGATIVE_TTL, ox.RdfFormat.TURTLE)
    failed = {f.shape for f in quality_findings(store)}
    assert failed == {
        "qc:designations-without-regime-violation",
        "qc:events-without-actor-or-target-violation",
        "qc:events-without-evidence-violation",
        "qc:evidence-quote-mismatch-violation",
        "qc:states-without-iso-code-violation",
        "qc:unknown-actors-violation",
    }
    # A curated regime (reference graph) without authority or legal basis fails its check;
    # the negative graph's regime does not (list ingestors may create such stubs).
    store.update(
        "INSERT DATA { GRAPH <https://w3id.org/sanctions-graph/id/graph/reference> { "
        "<https://w3id.org/sanctions-graph/id/regime/bare> a "
        "<https://w3id.org/sanctions-graph/ontology#SanctionsRegime> } }"
    )
    regimes = [f for f in quality_findings(store) if f.shape.startswith("qc:regimes")]
    assert {(f.focus, f.value) for f in regimes} == {
        (str(SGID["regime/bare"]), "no sg:imposedBy pointing to a known actor"),
        (str(SGID["regime/bare"]), "no sg:legalBasis"),
    }


def test_quality_checks_catch_ontology_terms_and_undeclared_terms(store: EmbeddedStore) -> None:
    store.update(
        "INSERT DATA { GRAPH <https://w3id.org/sanctions-graph/id/graph/ontology> { "
        "<https://w3id.org/sanctions-graph/ontology#Extra> a "
        "<http://www.w3.org/2002/07/owl#Class> } }"
    )
    store.load_graph(
        NEGATIVE_GRAPH,
        PREFIXES + "sgid:x sg:noSuchProperty 1 .",
        ox.RdfFormat.TURTLE,
    )
    failed = {(f.shape, f.focus) for f in quality_findings(store)}
    extra = "https://w3id.org/sanctions-graph/ontology#Extra"
    assert ("qc:terms-without-label-violation", extra) in failed
    assert ("qc:terms-without-definition-violation", extra) in failed
    assert (
        "qc:undeclared-terms-violation",
        "https://w3id.org/sanctions-graph/ontology#noSuchProperty",
    ) in failed


def test_report_renders_in_every_format(store: EmbeddedStore) -> None:
    store.load_graph(NEGATIVE_GRAPH, NEGATIVE_TTL, ox.RdfFormat.TURTLE)
    report = validate_store(store, source=NEGATIVE_GRAPH)
    for fmt in ("table", "json", "csv", "tsv", "md", "ttl"):
        text = render_report(report, fmt)
        if fmt == "json":
            document = json.loads(text)
            assert document["conforms"] is False
            assert document["violations"] == report.violations
            assert len(document["findings"]) == len(report.findings)
        elif fmt == "ttl":
            graph = rdflib.Graph().parse(data=text, format="turtle")
            assert (None, SH.conforms, rdflib.Literal(False)) in graph
            results = set(graph.subjects(rdflib.RDF.type, SH.ValidationResult))
            assert len(results) == len(report.findings)
        else:
            assert "sgid:neg/event" in text, fmt
    with pytest.raises(InputError):
        render_report(report, "yaml")


def test_cli_validate_exit_status(tmp_path: Path) -> None:
    path = tmp_path / "store"
    build_store(path).close()
    runner = CliRunner()
    ok = runner.invoke(app, ["--store", str(path), "validate", "--source", SOURCE_GRAPH])
    assert ok.exit_code == 0, ok.output
    assert "conforms" in ok.output
    store = EmbeddedStore(path)
    store.load_graph(NEGATIVE_GRAPH, NEGATIVE_TTL, ox.RdfFormat.TURTLE)
    store.close()
    bad = runner.invoke(app, ["--store", str(path), "validate", "-f", "json"])
    assert bad.exit_code == 1
    assert json.loads(bad.output)["conforms"] is False


# --------------------------------------------------------------------------------------------
# Real ingest output: the demo corpus and the list fixtures, in a seeded store
# --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    from sanctions_graph.bootstrap import seed
    from sanctions_graph.demo import corpus_files
    from sanctions_graph.ingest.pipeline import ingest_paths

    store = EmbeddedStore(tmp_path_factory.mktemp("demo") / "store")
    seed(store)
    report = ingest_paths(store, corpus_files())
    assert report.skipped == [] and report.documents >= 9
    return store


@pytest.mark.slow
def test_every_quote_is_the_document_text_at_its_offsets(demo_store: EmbeddedStore) -> None:
    result = demo_store.query(
        """PREFIX sg: <https://w3id.org/sanctions-graph/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX schema: <https://schema.org/>
        SELECT ?evidence ?quote ?start ?end ?text WHERE {
          ?evidence a sg:Evidence ; sg:quote ?quote ; sg:charStart ?start ; sg:charEnd ?end ;
                    prov:wasDerivedFrom ?doc .
          ?doc schema:text ?text .
        }"""
    )
    assert len(result.rows) >= 20
    for row in result.rows:
        text, quote = row["text"].value, row["quote"].value  # type: ignore[union-attr]
        start, end = int(row["start"].value), int(row["end"].value)  # type: ignore[union-attr]
        assert text[start:end] == quote, row["evidence"]


@pytest.mark.slow
def test_demo_graph_passes_shacl(demo_store: EmbeddedStore) -> None:
    report = validate_store(demo_store, quality_checks=False)
    violations = [f for f in report.findings if f.severity == "Violation"]
    assert violations == []


QC_CHECKS = sorted(
    p.stem for p in (Path(shapes_file()).parent.parent / "queries" / "qc").glob("*.rq")
)


@pytest.fixture(scope="module")
def seeded_store(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    from sanctions_graph.bootstrap import seed

    store = EmbeddedStore(tmp_path_factory.mktemp("seeded") / "store")
    seed(store)
    return store


def test_there_are_quality_checks() -> None:
    assert len(QC_CHECKS) >= 10
    assert all(name.endswith("-violation") for name in QC_CHECKS)


@pytest.mark.slow
@pytest.mark.parametrize("check", QC_CHECKS)
def test_quality_check_returns_no_row_on_the_demo_graph(
    demo_store: EmbeddedStore, check: str
) -> None:
    from sanctions_graph.queries import run_preset
    from sanctions_graph.validate import qc_dir

    result = run_preset(demo_store, check, folder=qc_dir())
    assert result.rows == []


@pytest.mark.parametrize("check", QC_CHECKS)
def test_quality_check_returns_no_row_on_the_ontology_and_reference(
    seeded_store: EmbeddedStore, check: str
) -> None:
    from sanctions_graph.queries import run_preset
    from sanctions_graph.validate import qc_dir

    result = run_preset(seeded_store, check, folder=qc_dir())
    assert result.rows == []


LIST_FIXTURES = sorted(
    p for p in (Path(__file__).parent / "fixtures" / "lists").iterdir() if p.is_file()
)


@pytest.mark.slow
@pytest.mark.parametrize("path", LIST_FIXTURES, ids=lambda p: p.name)
def test_list_ingest_output_passes_validation(tmp_path: Path, path: Path) -> None:
    from sanctions_graph.bootstrap import seed
    from sanctions_graph.ingest.pipeline import ingest_paths

    store = EmbeddedStore(tmp_path / "store")
    seed(store)
    report = ingest_paths(store, [path])
    if report.skipped:
        pytest.skip(f"not an ingestible list file: {report.skipped[0].reason}")
    validation = validate_store(store)
    violations = [f for f in validation.findings if f.severity == "Violation"]
    assert violations == []
