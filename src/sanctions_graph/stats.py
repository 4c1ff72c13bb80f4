"""What is in the store: triples per graph, instances per class, sources."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from sanctions_graph.store import Store

_CLASSES_QUERY = """
SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
  ?x a ?class .
  FILTER(STRSTARTS(STR(?class), "https://w3id.org/sanctions-graph/ontology#"))
} GROUP BY ?class ORDER BY DESC(?n) ?class
"""

_SOURCES_QUERY = """
PREFIX sg: <https://w3id.org/sanctions-graph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?doc ?kind ?title ?issued WHERE {
  ?doc a sg:SourceDocument .
  OPTIONAL { ?doc sg:sourceKind ?kind }
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc dcterms:issued ?issued }
} ORDER BY ?issued ?title
"""


@dataclass
class StoreStats:
    """Counts describing a store."""

    graphs: dict[str, int] = field(default_factory=dict)
    classes: dict[str, int] = field(default_factory=dict)
    sources: list[dict[str, str]] = field(default_factory=list)


def collect_stats(store: Store) -> StoreStats:
    """Count triples per named graph, instances per ``sg:`` class, and list source documents."""
    report = StoreStats()
    for graph in store.graphs():
        report.graphs[graph] = store.count(graph)
    for row in store.query(_CLASSES_QUERY).rows:
        cls, n = row["class"], row["n"]
        if cls is not None and n is not None:
            report.classes[cls.value.rsplit("#", 1)[-1]] = int(n.value)
    for row in store.query(_SOURCES_QUERY).rows:
        report.sources.append(
            {name: (term.value if term is not None else "") for name, term in row.items()}
        )
    return report


def render_stats(report: StoreStats, fmt: str) -> str:
    """The report as rich tables (``table``) or JSON (``json``)."""
    if fmt == "json":
        return json.dumps(asdict(report), indent=2, ensure_ascii=False) + "\n"
    import io

    from rich.console import Console
    from rich.table import Table

    console = Console(file=io.StringIO(), width=160, color_system=None)
    graphs = Table(title="Triples per graph")
    graphs.add_column("graph")
    graphs.add_column("triples", justify="right")
    for name, n in report.graphs.items():
        graphs.add_row(name, str(n))
    graphs.add_row("total", str(sum(report.graphs.values())))
    console.print(graphs)
    classes = Table(title="Instances per class")
    classes.add_column("class")
    classes.add_column("instances", justify="right")
    for name, n in report.classes.items():
        classes.add_row(f"sg:{name}", str(n))
    console.print(classes)
    sources = Table(title=f"Sources ({len(report.sources)})")
    for column in ("kind", "title", "issued", "doc"):
        sources.add_column(column, overflow="fold")
    for source in report.sources:
        sources.add_row(*(source.get(c, "") for c in ("kind", "title", "issued", "doc")))
    console.print(sources)
    return str(console.file.getvalue())  # type: ignore[attr-defined]
