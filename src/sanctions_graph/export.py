"""Write the store to RDF files: any standard format, or one RDF/XML file for Protégé."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from sanctions_graph.errors import InputError
from sanctions_graph.store import EmbeddedStore
from sanctions_graph.vocab import ONTOLOGY_IRI, OWL, RDF

#: --format value -> (pyoxigraph format, whether it keeps named graphs)
EXPORT_FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "ttl": (ox.RdfFormat.TURTLE, False),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "xml": (ox.RdfFormat.RDF_XML, False),
    "jsonld": (ox.RdfFormat.JSON_LD, False),
    "nq": (ox.RdfFormat.N_QUADS, True),
    "trig": (ox.RdfFormat.TRIG, True),
}

_PREFIXES = {
    "sg": "https://w3id.org/sanctions-graph/ontology#",
    "sgid": "https://w3id.org/sanctions-graph/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
}


def _union_triples(store: EmbeddedStore) -> Iterator[ox.Triple]:
    # CONSTRUCT over the union graph gives each triple once, however many graphs hold it.
    result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    yield from result.triples


def _write_atomically(path: Path, write: object) -> None:
    """Write to a sibling temporary file, then rename: a failed export leaves no partial file."""
    tmp = path.with_name(path.name + ".part")
    try:
        with tmp.open("wb") as handle:
            write(handle)  # type: ignore[operator]
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def export_store(store: EmbeddedStore, path: Path, fmt: str) -> int:
    """Serialise the store to ``path`` in ``fmt``; return the number of triples/quads written."""
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    rdf_format, keeps_graphs = EXPORT_FORMATS[fmt]
    if not path.parent.exists():
        raise InputError(f"folder does not exist: {path.parent}")
    if keeps_graphs:
        quads = list(store.quads())
        _write_atomically(
            path, lambda handle: ox.serialize(quads, handle, rdf_format, prefixes=_PREFIXES)
        )
        return len(quads)
    triples = list(_union_triples(store))
    prefixes = _PREFIXES if rdf_format != ox.RdfFormat.N_TRIPLES else None
    _write_atomically(
        path, lambda handle: ox.serialize(triples, handle, rdf_format, prefixes=prefixes)
    )
    return len(triples)


def inline_modules(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """The merged ontology as one OWL ontology: module headers and every owl:imports dropped.

    The modules are all inlined in the triples, so the umbrella's imports would only make
    Protégé or owlready2 look for them on the network.
    """
    ontology_type = ox.NamedNode(str(OWL.Ontology))
    imports = ox.NamedNode(str(OWL.imports))
    rdf_type = ox.NamedNode(str(RDF.type))
    umbrella = ox.NamedNode(str(ONTOLOGY_IRI))
    triples = list(triples)
    module_headers = {
        t.subject
        for t in triples
        if t.predicate == rdf_type and t.object == ontology_type and t.subject != umbrella
    }
    return [t for t in triples if t.predicate != imports and t.subject not in module_headers]


_SCHEMA_NAMESPACES = (
    "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
)


def declare_individuals(triples: list[ox.Triple]) -> list[ox.Triple]:
    """``triples`` plus ``owl:NamedIndividual`` declarations for every IRI typed with a class.

    OWL tools infer individuals from ``rdf:type``, but owlready2 lists (and Protégé's entity
    views count) only declared ones.
    """
    rdf_type = ox.NamedNode(str(RDF.type))
    named_individual = ox.NamedNode(str(OWL.NamedIndividual))
    declared = {
        t.subject for t in triples if t.predicate == rdf_type and t.object == named_individual
    }
    extra: dict[ox.NamedNode, None] = {}
    for t in triples:
        if (
            t.predicate == rdf_type
            and isinstance(t.subject, ox.NamedNode)
            and isinstance(t.object, ox.NamedNode)
            and not t.object.value.startswith(_SCHEMA_NAMESPACES)
            and t.subject not in declared
        ):
            extra[t.subject] = None
    return triples + [ox.Triple(s, rdf_type, named_individual) for s in extra]


def protege_triples(store: EmbeddedStore) -> list[ox.Triple]:
    """Ontology + data (the union of all graphs) as one OWL ontology: imports inlined,
    individuals declared."""
    return declare_individuals(inline_modules(_union_triples(store)))


def write_rdfxml(triples: Iterable[ox.Triple], handle: IO[bytes]) -> None:
    """Serialise triples as RDF/XML with the project's prefixes.

    The prefixes matter beyond looks: without them the header becomes ``<Ontology xmlns=...>``
    and owlready2 takes the file for OWL/XML.
    """
    ox.serialize(triples, handle, ox.RdfFormat.RDF_XML, prefixes=_PREFIXES)


def export_protege(store: EmbeddedStore, path: Path) -> int:
    """Write ontology + data as one RDF/XML file that Protégé and owlready2 open offline."""
    if not path.parent.exists():
        raise InputError(f"folder does not exist: {path.parent}")
    triples = protege_triples(store)
    _write_atomically(path, lambda handle: write_rdfxml(triples, handle))
    return len(triples)
