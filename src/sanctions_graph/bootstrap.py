"""Put the ontology and the reference data into a store, each in its own named graph.

A fresh store gets both on first open; a store seeded by an older release of the package gets
them replaced (the seed carries a fingerprint of the files it came from).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from sanctions_graph import __version__
from sanctions_graph.resources import REFERENCE_FILES, ontology_dir
from sanctions_graph.store import Store

#: ``vocab.GRAPH_REFERENCE`` and ``owl:versionInfo``, spelt out: the seed check runs every time
#: the CLI opens a store, and importing ``vocab`` (rdflib) would cost more than the check
#: itself. A test checks that they equal vocab's.
REFERENCE_GRAPH_IRI = "https://w3id.org/sanctions-graph/id/graph/reference"
VERSION_INFO_IRI = "http://www.w3.org/2002/07/owl#versionInfo"

#: The modules that make up the ontology, umbrella first. ``shapes.ttl`` is not ontology.
ONTOLOGY_MODULES = (
    "sanctions-graph.ttl",
    "actors.ttl",
    "sanctions.ttl",
    "events.ttl",
    "provenance.ttl",
    "alignments.ttl",
)


def ontology_files() -> list[Path]:
    """Paths of the ontology modules, umbrella first."""
    folder = ontology_dir()
    return [folder / name for name in ONTOLOGY_MODULES]


def ontology_triples() -> Iterator[ox.Triple]:
    """All triples of all ontology modules (the merged ontology)."""
    for path in ontology_files():
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            yield ox.Triple(quad.subject, quad.predicate, quad.object)


def seed_fingerprint() -> str:
    """A digest of everything the seed is built from: package version, ontology, reference."""
    digest = hashlib.sha256(__version__.encode())
    for path in [*ontology_files(), *REFERENCE_FILES]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def is_seeded(store: Store, fingerprint: str) -> bool:
    """Whether the store holds the seed with this fingerprint."""
    # Both IRIs are the package's own constants, not user input.
    answer = store.query(
        f"SELECT ?v WHERE {{ GRAPH <{REFERENCE_GRAPH_IRI}> "
        f"{{ <{REFERENCE_GRAPH_IRI}> <{VERSION_INFO_IRI}> ?v }} }}"
    )
    return any(row["v"] is not None and row["v"].value == fingerprint for row in answer.rows)


def seed(store: Store, *, force: bool = False) -> bool:
    """Load the ontology and the reference data unless already there; return whether it loaded."""
    fingerprint = seed_fingerprint()
    if not force and is_seeded(store, fingerprint):
        return False
    from sanctions_graph.reference import reference_triples
    from sanctions_graph.vocab import GRAPH_ONTOLOGY, GRAPH_REFERENCE, OWL

    store.replace_graph(str(GRAPH_ONTOLOGY), ontology_triples())
    marker = ox.Triple(
        ox.NamedNode(str(GRAPH_REFERENCE)),
        ox.NamedNode(str(OWL.versionInfo)),
        ox.Literal(fingerprint),
    )
    store.replace_graph(str(GRAPH_REFERENCE), _with(reference_triples(), marker))
    return True


def _with(triples: Iterator[ox.Triple], extra: ox.Triple) -> Iterator[ox.Triple]:
    yield from triples
    yield extra
