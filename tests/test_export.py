"""export --for-protege: one RDF/XML file that owlready2 (and Protégé) open, HermiT classifies,
and the OWL API finds in the OWL 2 DL profile."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
import rdflib
from typer.testing import CliRunner

from _kg_fixtures import build_store, state
from sanctions_graph.cli import app
from sanctions_graph.store import EmbeddedStore
from sanctions_graph.vocab import SG

requires_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")
requires_jpype = pytest.mark.skipif(
    importlib.util.find_spec("jpype") is None, reason="the OWL API profile check needs jpype1"
)
_NON_CLASS_NAMESPACES = (
    "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A seeded store (ontology + real reference data) plus the fixture article, exported."""
    folder = tmp_path_factory.mktemp("export")
    build_store(folder / "store").close()
    output = folder / "graph.owl"
    result = CliRunner().invoke(
        app, ["--store", str(folder / "store"), "export", "--for-protege", "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    return folder / "store", output


def _expected_counts(store_path: Path) -> tuple[int, int]:
    """(named classes, named individuals) the store holds, counted with SPARQL."""
    store = EmbeddedStore(store_path)
    try:
        classes = store.query(
            "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { "
            "?c a <http://www.w3.org/2002/07/owl#Class> FILTER(isIRI(?c)) }"
        ).rows[0]["n"]
        individuals = store.query(
            "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c FILTER(isIRI(?x)) "
            + " ".join(f'FILTER(!STRSTARTS(STR(?c), "{ns}"))' for ns in _NON_CLASS_NAMESPACES)
            + " }"
        ).rows[0]["n"]
    finally:
        store.close()
    assert classes is not None and individuals is not None
    return int(classes.value), int(individuals.value)


def test_export_is_one_ontology_without_imports(exported: tuple[Path, Path]) -> None:
    _, output = exported
    graph = rdflib.Graph().parse(output, format="xml")
    headers = set(graph.subjects(rdflib.RDF.type, rdflib.OWL.Ontology))
    assert headers == {rdflib.URIRef("https://w3id.org/sanctions-graph/ontology")}
    assert list(graph.objects(None, rdflib.OWL.imports)) == []
    assert output.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_export_loads_in_owlready2_with_every_class_and_individual(
    exported: tuple[Path, Path],
) -> None:
    import owlready2

    store_path, output = exported
    expected_classes, expected_individuals = _expected_counts(store_path)
    assert expected_classes > 40 and expected_individuals > 200
    world = owlready2.World()
    # No format given: owlready2 must recognise RDF/XML by itself, as Protégé does.
    world.get_ontology(output.resolve().as_uri()).load()
    assert len(list(world.classes())) == expected_classes
    assert len(list(world.individuals())) == expected_individuals


def _sanctioned_by_the_data(store_path: Path) -> set[str]:
    store = EmbeddedStore(store_path)
    try:
        result = store.query(
            f"""SELECT DISTINCT ?s WHERE {{
              ?s a <{SG.State}> .
              {{ ?r a <{SG.SanctionsRegime}> ; <{SG.targetsState}> ?s }}
              UNION {{ ?e a <{SG.SanctionsImposition}> ; <{SG.target}> ?s }}
            }}"""
        )
    finally:
        store.close()
    return {row["s"].value for row in result.rows if row["s"] is not None}


@requires_java
@pytest.mark.java
def test_hermit_infers_the_sanctioned_states_of_the_export(exported: tuple[Path, Path]) -> None:
    import owlready2

    from sanctions_graph.reason import JAVA_MEMORY_MB

    store_path, output = exported
    expected = _sanctioned_by_the_data(store_path)
    assert {state("PRK"), state("RUS")} <= expected
    assert state("USA") not in expected
    world = owlready2.World()
    world.get_ontology(output.resolve().as_uri()).load()
    owlready2.reasoning.JAVA_MEMORY = JAVA_MEMORY_MB
    owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
    sanctioned = world.search_one(iri=str(SG.SanctionedState))
    assert {i.iri for i in sanctioned.instances()} == expected


@requires_java
@requires_jpype
@pytest.mark.java
def test_export_is_in_the_owl2_dl_profile(exported: tuple[Path, Path]) -> None:
    from sanctions_graph.reason import dl_profile_violations

    _, output = exported
    assert dl_profile_violations(output) == []


@requires_java
@requires_jpype
@pytest.mark.java
def test_profile_checker_reports_a_dl_violation(tmp_path: Path) -> None:
    """The check can fail: a property used as both object and data property is not DL."""
    from sanctions_graph.reason import dl_profile_violations

    bad = tmp_path / "bad.owl"
    graph = rdflib.Graph()
    ex = rdflib.Namespace("http://example.org/")
    graph.add((ex.o, rdflib.RDF.type, rdflib.OWL.Ontology))
    graph.add((ex.p, rdflib.RDF.type, rdflib.OWL.ObjectProperty))
    graph.add((ex.p, rdflib.RDF.type, rdflib.OWL.DatatypeProperty))
    graph.add((ex.a, ex.p, ex.b))
    graph.serialize(bad, format="xml")
    violations = dl_profile_violations(bad)
    assert any("Cannot pun between properties" in v for v in violations)


def test_export_refuses_a_missing_folder(tmp_path: Path) -> None:
    build_store(tmp_path / "store").close()
    target = tmp_path / "missing" / "graph.owl"
    result = CliRunner().invoke(
        app, ["--store", str(tmp_path / "store"), "export", "--for-protege", "-o", str(target)]
    )
    assert result.exit_code != 0
    assert not target.exists()


@requires_java
@requires_jpype
@pytest.mark.java
@pytest.mark.slow
def test_export_of_every_ingestor_output_stays_dl_and_consistent(tmp_path: Path) -> None:
    """The demo articles and every list fixture, exported together: still OWL 2 DL (every
    external term the ingestors use is declared) and consistent for HermiT."""
    from sanctions_graph.bootstrap import seed
    from sanctions_graph.demo import corpus_files
    from sanctions_graph.export import export_protege
    from sanctions_graph.ingest.pipeline import ingest_paths
    from sanctions_graph.reason import dl_profile_violations, reason

    fixtures = Path(__file__).parent / "fixtures" / "lists"
    lists = [p for p in sorted(fixtures.iterdir()) if p.is_file() and p.suffix != ".md"]
    store = EmbeddedStore(tmp_path / "store")
    seed(store)
    report = ingest_paths(store, [*corpus_files(), *lists])
    assert report.skipped == []
    output = tmp_path / "all.owl"
    export_protege(store, output)
    assert dl_profile_violations(output) == []
    result = reason(store, engine="hermit")
    assert result.consistent is True, result.explanation
    store.close()
