"""The ontology's HTML documentation (pyLODE): every class and property is documented."""

from __future__ import annotations

import html
import importlib.util
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, SKOS, URIRef
from typer.testing import CliRunner

from sanctions_graph.bootstrap import ontology_files
from sanctions_graph.cli import app
from sanctions_graph.vocab import SG

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("pylode") is None, reason="documentation needs pyLODE"
)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    output = tmp_path_factory.mktemp("docs") / "ontology.html"
    result = CliRunner().invoke(app, ["docs", "-o", str(output)])
    assert result.exit_code == 0, result.output
    return html.unescape(output.read_text(encoding="utf-8"))


def _terms(kinds: tuple[URIRef, ...]) -> dict[URIRef, tuple[str, str]]:
    graph = rdflib.Graph()
    for path in ontology_files():
        graph.parse(path, format="turtle")
    out = {}
    for kind in kinds:
        for term in graph.subjects(RDF.type, kind):
            if isinstance(term, URIRef) and str(term).startswith(str(SG._NS)):
                out[term] = (
                    str(graph.value(term, RDFS.label)),
                    str(graph.value(term, SKOS.definition)),
                )
    return out


def test_every_class_is_documented_with_its_iri_label_and_definition(page: str) -> None:
    classes = _terms((OWL.Class,))
    assert len(classes) == 38
    for term, (label, definition) in classes.items():
        assert str(term) in page, term
        assert label in page, term
        assert definition in page, term


def test_every_property_is_documented(page: str) -> None:
    properties = _terms((OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty))
    assert len(properties) > 60
    for term, (_label, definition) in properties.items():
        assert str(term) in page, term
        assert definition in page, term


def test_page_has_the_ontology_header_and_no_remote_script(page: str) -> None:
    assert "sanctions-graph ontology" in page
    assert '<script src="http' not in page


def test_docs_refuses_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "ontology.html"
    result = CliRunner().invoke(app, ["docs", "-o", str(target)])
    assert result.exit_code != 0
    assert not target.exists()
