"""SHACL validation of the store with pyshacl and ``ontology/shapes.ttl``.

The data graph is every asserted graph but the ontology (or one source graph with the reference
descriptions of what it points to); the ontology goes in as pyshacl's ontology graph, so
``sh:targetClass sg:Event`` reaches every event subclass and ``sh:class sg:Actor`` accepts a
state. Findings come back as rows (rendered by ``output.render``: table, csv, tsv, json, md) or
as the SHACL validation report in Turtle. A finding of severity ``Violation`` makes the report
non-conforming; warnings are reported and do not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from sanctions_graph.errors import InputError
from sanctions_graph.resources import ontology_dir
from sanctions_graph.store import QueryResult
from sanctions_graph.vocab import GRAPH_INFERRED, GRAPH_ONTOLOGY, GRAPH_REFERENCE, SGID

if TYPE_CHECKING:
    import rdflib

    from sanctions_graph.store import Store

#: Report formats: the tabular ones of ``output.render``, plus the SHACL report in Turtle.
REPORT_FORMATS = ("table", "json", "csv", "tsv", "md", "ttl")
_COLUMNS = ["severity", "focus", "path", "value", "message", "shape"]
_SH = "http://www.w3.org/ns/shacl#"


def shapes_file() -> Path:
    """The SHACL shapes shipped with the package."""
    return ontology_dir() / "shapes.ttl"


@dataclass(frozen=True)
class Finding:
    """One SHACL validation result."""

    severity: str  # Violation | Warning | Info
    focus: str
    path: str
    value: str
    message: str
    shape: str
    component: str


@dataclass
class ValidationReport:
    """What SHACL found in the data."""

    scope: str
    triples: int
    findings: list[Finding] = field(default_factory=list)
    report_turtle: str = ""

    @property
    def violations(self) -> int:
        """Number of findings of severity Violation."""
        return sum(1 for f in self.findings if f.severity == "Violation")

    @property
    def warnings(self) -> int:
        """Number of findings of severity Warning."""
        return sum(1 for f in self.findings if f.severity == "Warning")

    @property
    def conforms(self) -> bool:
        """Whether the data has no violation (warnings allowed)."""
        return self.violations == 0


def _to_rdflib(triples: Iterable[ox.Triple]) -> rdflib.Graph:
    """An rdflib graph of pyoxigraph triples (through N-Triples, which both parse strictly)."""
    import io

    import rdflib

    buffer = io.BytesIO()
    ox.serialize(triples, buffer, ox.RdfFormat.N_TRIPLES)
    graph = rdflib.Graph()
    graph.parse(data=buffer.getvalue().decode("utf-8"), format="nt")
    return graph


def _shapes_graph() -> rdflib.Graph:
    import rdflib

    return rdflib.Graph().parse(shapes_file(), format="turtle")


#: Prefixes for names in findings (longest namespace first, so sgid: wins over nothing).
_PREFIXES = {
    "sg": "https://w3id.org/sanctions-graph/ontology#",
    "sgid": str(SGID),
    "sgsh": "https://w3id.org/sanctions-graph/shapes#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "sh": _SH,
}


def _name(term: Any, graph: rdflib.Graph) -> str:
    """A term as a finding shows it: ``prefix:local`` for the project's namespaces."""
    import rdflib

    if term is None:
        return ""
    if isinstance(term, rdflib.BNode):
        # A property shape is a blank node: name it by its path.
        path = graph.value(term, rdflib.URIRef(_SH + "path"))
        return f"[{_name(path, graph)}]" if path is not None else "[]"
    if isinstance(term, rdflib.URIRef):
        text = str(term)
        for prefix, namespace in _PREFIXES.items():
            if text.startswith(namespace) and len(text) > len(namespace):
                return f"{prefix}:{text[len(namespace) :]}"
    return str(term)


def validate_triples(
    data: Iterable[ox.Triple], ontology: Iterable[ox.Triple], *, scope: str = "triples"
) -> ValidationReport:
    """Validate ``data`` against the shapes, with ``ontology`` as the ontology graph."""
    import pyshacl
    import rdflib
    from rdflib.namespace import SH

    data_graph = _to_rdflib(data)
    ontology_graph = _to_rdflib(ontology)
    shapes = _shapes_graph()
    _conforms, results_graph, _text = pyshacl.validate(
        data_graph,
        shacl_graph=shapes,
        ont_graph=ontology_graph,
        inference="none",
        advanced=False,
        allow_warnings=True,
        do_owl_imports=False,
    )
    assert isinstance(results_graph, rdflib.Graph)
    for prefix, namespace in _PREFIXES.items():
        results_graph.bind(prefix, rdflib.Namespace(namespace), override=False)
    findings = []
    for result in results_graph.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = results_graph.value(result, SH.resultSeverity)
        shape = results_graph.value(result, SH.sourceShape)
        component = results_graph.value(result, SH.sourceConstraintComponent)
        shape_name = _shape_name(shape, shapes)
        if component == SH.SPARQLConstraintComponent:
            shape_name += " [sparql]"
        findings.append(
            Finding(
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "",
                focus=_name(results_graph.value(result, SH.focusNode), results_graph),
                path=_name(results_graph.value(result, SH.resultPath), results_graph),
                value=_name(results_graph.value(result, SH.value), results_graph),
                message=str(results_graph.value(result, SH.resultMessage) or ""),
                shape=shape_name,
                component=_name(component, results_graph),
            )
        )
    findings.sort(key=lambda f: (f.severity != "Violation", f.focus, f.path, f.message))
    return ValidationReport(
        scope=scope,
        triples=len(data_graph),
        findings=findings,
        report_turtle=results_graph.serialize(format="turtle"),
    )


def _shape_name(shape: Any, shapes: rdflib.Graph) -> str:
    """The node shape a result comes from (a property shape is named by its node shape)."""
    import rdflib

    if isinstance(shape, rdflib.BNode):
        parent = shapes.value(None, rdflib.URIRef(_SH + "property"), shape)
        if parent is None:
            parent = shapes.value(None, rdflib.URIRef(_SH + "sparql"), shape)
        if parent is not None:
            return f"{_name(parent, shapes)} {_name(shape, shapes)}"
    return _name(shape, shapes)


def _construct(store: Store, sparql: str) -> list[ox.Triple]:
    return store.query(sparql).triples


def validate_store(
    store: Store, *, source: str | None = None, quality_checks: bool = True
) -> ValidationReport:
    """Validate the store's asserted data (or one source graph) against the shapes, and (for
    the whole store, unless ``quality_checks`` is false) run the SPARQL quality checks.

    ``source`` is a source graph IRI; the reference descriptions of the IRIs it points to come
    along so that ``sh:class`` finds their types. ``InputError`` for an unknown source graph.
    """
    ontology = _construct(
        store, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{GRAPH_ONTOLOGY}> {{ ?s ?p ?o }} }}"
    )
    if source is None:
        data = _construct(
            store,
            "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
            f"FILTER(?g NOT IN (<{GRAPH_ONTOLOGY}>, <{GRAPH_INFERRED}>)) }}",
        )
        report = validate_triples(data, ontology, scope="whole store")
        if quality_checks:
            report.findings.extend(quality_findings(store))
        return report
    if source not in store.graphs():
        raise InputError(f"no such source graph in the store: {source}")
    graph = ox.NamedNode(source)  # validated IRI; str() escapes it
    data = _construct(
        store,
        f"""CONSTRUCT {{ ?s ?p ?o . ?r ?rp ?ro }} WHERE {{
          {{ GRAPH {graph} {{ ?s ?p ?o }} }}
          UNION
          {{ {{ SELECT DISTINCT ?r WHERE {{ GRAPH {graph} {{ ?x ?q ?r FILTER(isIRI(?r)) }} }} }}
             GRAPH <{GRAPH_REFERENCE}> {{ ?r ?rp ?ro }} }}
        }}""",
    )
    return validate_triples(data, ontology, scope=f"source graph {source}")


def qc_dir() -> Path:
    """Folder of the quality-check queries (``queries/qc/*-violation.rq``)."""
    from sanctions_graph.resources import queries_dir

    return queries_dir() / "qc"


def quality_findings(store: Store, folder: Path | None = None) -> list[Finding]:
    """Run every ``*-violation.rq`` quality check; each row it returns is a Violation finding.

    The checks follow the ontology development kit's convention: a check passes when its query
    returns no row. They read the whole store (the inferred graph included).
    """
    from sanctions_graph.output import plain
    from sanctions_graph.queries import list_presets, run_preset

    folder = folder or qc_dir()
    findings: list[Finding] = []
    for preset in list_presets(folder):
        if not preset.name.endswith("-violation"):
            continue
        result = run_preset(store, preset.name, folder=folder)
        for row in result.rows:
            values = [plain(row.get(v)) for v in result.variables]
            findings.append(
                Finding(
                    severity="Violation",
                    focus=values[0] if values else "",
                    path="",
                    value=" | ".join(values[1:]),
                    message=preset.summary,
                    shape=f"qc:{preset.name}",
                    component="sparql",
                )
            )
    return findings


def report_result(report: ValidationReport) -> QueryResult:
    """The findings as a query result (one row per finding) for ``output.render``."""
    rows = [
        {
            "severity": ox.Literal(f.severity),
            "focus": ox.Literal(f.focus),
            "path": ox.Literal(f.path),
            "value": ox.Literal(f.value),
            "message": ox.Literal(f.message),
            "shape": ox.Literal(f.shape),
        }
        for f in report.findings
    ]
    return QueryResult(kind="select", variables=list(_COLUMNS), rows=rows)  # type: ignore[arg-type]


def render_report(report: ValidationReport, fmt: str) -> str:
    """The report in ``fmt`` (see ``REPORT_FORMATS``); json adds a summary to the rows."""
    import json

    from sanctions_graph.output import render

    if fmt not in REPORT_FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose from {', '.join(REPORT_FORMATS)}")
    if fmt == "ttl":
        return report.report_turtle
    if fmt == "json":
        document = {
            "conforms": report.conforms,
            "scope": report.scope,
            "triples": report.triples,
            "violations": report.violations,
            "warnings": report.warnings,
            "findings": [f.__dict__ for f in report.findings],
        }
        return json.dumps(document, indent=2, ensure_ascii=False)
    body = render(report_result(report), fmt) if report.findings else ""
    summary = (
        f"{report.scope}: {report.triples} triples, {report.violations} violation(s), "
        f"{report.warnings} warning(s): {'conforms' if report.conforms else 'does NOT conform'}"
    )
    if fmt == "table":
        return (body + "\n" if body else "") + summary
    return body
