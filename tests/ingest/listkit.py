"""Helpers shared by the sanctions-list ingestor tests: read a fixture with one ingestor, and
look values up in the triples it yields."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox

from sanctions_graph.ingest.registry import IngestOptions, SourceUnit
from sanctions_graph.vocab import SG, SGID, XSD

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists"
ENTITY = f"{SGID}entity/"
REGIME = f"{SGID}regime/"
# Datatype IRIs as strings: test modules then need not import rdflib's XSD namespace object
# (pytest probes module globals, and XSD warns on unknown attributes).
XSD_DATE = str(XSD.date)
XSD_GYEAR = str(XSD.gYear)
XSD_GYEARMONTH = str(XSD.gYearMonth)
XSD_DOUBLE = str(XSD.double)


def read(module: ModuleType, path: Path, **options: object) -> tuple[SourceUnit, list[ox.Triple]]:
    """Run ``module.ingest`` on ``path``: the one unit and all its triples (counts filled)."""
    units = list(module.ingest(path, IngestOptions(**options)))  # type: ignore[arg-type]
    assert len(units) == 1
    unit = units[0]
    return unit, list(unit.triples)


def values(triples: Iterable[ox.Triple], subject: str, predicate: object) -> set[str]:
    """Lexical values (IRIs or literal text) of ``subject predicate ?o``."""
    return {
        t.object.value
        for t in triples
        if t.subject.value == subject and t.predicate.value == str(predicate)
    }


def literals(triples: Iterable[ox.Triple], subject: str, predicate: object) -> set[tuple[str, str]]:
    """(value, datatype IRI) of the literal objects of ``subject predicate ?o``."""
    return {
        (t.object.value, t.object.datatype.value)
        for t in triples
        if t.subject.value == subject
        and t.predicate.value == str(predicate)
        and isinstance(t.object, ox.Literal)
    }


def subjects(triples: Iterable[ox.Triple], predicate: object, obj: str) -> set[str]:
    """Subjects of ``?s predicate obj`` (obj an IRI or literal text)."""
    return {
        t.subject.value
        for t in triples
        if t.predicate.value == str(predicate) and t.object.value == obj
    }


def designations_of(triples: Iterable[ox.Triple], entity: str) -> set[str]:
    """IRIs of the designations of ``entity``."""
    return subjects(triples, SG.designates, entity)
