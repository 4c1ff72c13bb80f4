"""Render query results: table (rich), csv, tsv, json (W3C SPARQL 1.1 results), md.

CSV and TSV follow the W3C SPARQL 1.1 Query Results CSV/TSV formats (CSV: plain values; TSV:
terms in N-Triples/Turtle form). Graph results (CONSTRUCT/DESCRIBE) come out as N-Triples
whatever the tabular format asked for, except ``json``, which gives JSON-LD-free N-Triples lines
inside a ``triples`` array.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Literal

import pyoxigraph as ox

from sanctions_graph.store import QueryResult, Term

OutputFormat = Literal["table", "csv", "tsv", "json", "md"]
FORMATS: tuple[str, ...] = ("table", "csv", "tsv", "json", "md")

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def plain(term: Term | None) -> str:
    """A term as a person reads it: the IRI, the literal's lexical form, ``_:id``; "" if unbound."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term.value)


def term_json(term: Term) -> dict[str, str]:
    """One RDF term in the W3C SPARQL 1.1 JSON results form."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != _XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def to_json(result: QueryResult) -> dict[str, Any]:
    """The W3C SPARQL 1.1 Query Results JSON document for ``result``."""
    if result.kind == "ask":
        return {"head": {}, "boolean": bool(result.boolean)}
    if result.kind == "graph":
        return {"triples": [str(t) + " ." for t in result.triples]}
    bindings = [
        {name: term_json(term) for name, term in row.items() if term is not None}
        for row in result.rows
    ]
    return {"head": {"vars": result.variables}, "results": {"bindings": bindings}}


def readable(result: QueryResult, max_chars: int = 160) -> QueryResult:
    """A SELECT result trimmed for people: columns holding only IRIs are left out (as long as
    another column remains: the codes and labels beside them say the same), and literals longer
    than ``max_chars`` are cut with an ellipsis. Other results come back unchanged."""
    if result.kind != "select":
        return result

    def only_iris(name: str) -> bool:
        values = [row.get(name) for row in result.rows if row.get(name) is not None]
        return bool(values) and all(isinstance(v, ox.NamedNode | ox.BlankNode) for v in values)

    kept = [name for name in result.variables if not only_iris(name)] or list(result.variables)

    def cut(term: Term | None) -> Term | None:
        if isinstance(term, ox.Literal) and len(term.value) > max_chars:
            return ox.Literal(term.value[: max_chars - 1].rstrip() + "…")
        return term

    rows = [{name: cut(row.get(name)) for name in kept} for row in result.rows]
    return QueryResult(kind="select", variables=kept, rows=rows)


def render(result: QueryResult, fmt: str) -> str:
    """``result`` as text in ``fmt`` (one of ``FORMATS``), ending with a newline."""
    if fmt == "json":
        return json.dumps(to_json(result), ensure_ascii=False, indent=2) + "\n"
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    if result.kind == "graph":
        return "".join(f"{triple} .\n" for triple in result.triples)
    if fmt == "csv":
        return _delimited(result, ",", plain)
    if fmt == "tsv":
        return _tsv(result)
    if fmt == "md":
        return _markdown(result)
    if fmt == "table":
        return _table(result)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def _delimited(result: QueryResult, delimiter: str, cell: Any) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([cell(row.get(name)) for name in result.variables])
    return buffer.getvalue()


def _tsv(result: QueryResult) -> str:
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    for row in result.rows:
        cells = []
        for name in result.variables:
            term = row.get(name)
            # str() of a pyoxigraph term is its N-Triples form: tabs and newlines are escaped.
            cells.append("" if term is None else str(term))
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def _markdown(result: QueryResult) -> str:
    def cell(term: Term | None) -> str:
        return plain(term).replace("|", "\\|").replace("\n", " ")

    lines = [
        "| " + " | ".join(result.variables) + " |",
        "|" + "|".join(" --- " for _ in result.variables) + "|",
    ]
    for row in result.rows:
        lines.append("| " + " | ".join(cell(row.get(n)) for n in result.variables) + " |")
    return "\n".join(lines) + "\n"


def _table(result: QueryResult) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for name in result.variables:
        table.add_column(name, overflow="fold")
    for row in result.rows:
        table.add_row(*(plain(row.get(name)) for name in result.variables))
    console = Console(file=io.StringIO(), width=200, force_terminal=False, color_system=None)
    console.print(table)
    console.print(f"{len(result.rows)} row(s)")
    out = console.file.getvalue()  # type: ignore[attr-defined]
    return str(out)
