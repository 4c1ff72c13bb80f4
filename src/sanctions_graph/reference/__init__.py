"""Curated reference data shipped with the package: states, organisations, sanctions regimes.

The data lives in YAML files under ``reference/data`` (``reference_files()``), is read on first
use and cached for the process. Everything here is pure: no store, no printing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sanctions_graph.reference.gazetteer import gazetteer
from sanctions_graph.reference.loader import FILES, load_leaders
from sanctions_graph.reference.lookup import (
    organisation,
    organisations,
    regime,
    regime_for_code,
    regimes,
    resolve_actor,
    state,
    states,
)
from sanctions_graph.reference.model import (
    GazetteerEntry,
    LeaderRecord,
    OrgRecord,
    RegimeRecord,
    StateRecord,
)

if TYPE_CHECKING:
    import pyoxigraph

__all__ = [
    "GazetteerEntry",
    "LeaderRecord",
    "OrgRecord",
    "RegimeRecord",
    "StateRecord",
    "gazetteer",
    "leaders",
    "organisation",
    "organisations",
    "reference_files",
    "reference_triples",
    "regime",
    "regime_for_code",
    "regimes",
    "resolve_actor",
    "state",
    "states",
]


def leaders() -> list[LeaderRecord]:
    """Prominent office holders, one record per (person, role), with the actor they act for."""
    return list(load_leaders())


def reference_triples() -> Iterator[pyoxigraph.Triple]:
    """Every state, organisation, regime and office holder as RDF in the ontology's terms."""
    # Imported here: the RDF side pulls in pyoxigraph and rdflib, which extraction does not need.
    from sanctions_graph.reference.rdf import reference_triples as triples

    return triples()


def reference_files() -> list[Path]:
    """The curated data files (the seed fingerprint covers them)."""
    return list(FILES)
