"""Write the store to RDF files: any standard format, or one RDF/XML file for Protégé."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from sanctions_graph.errors import InputError
from sanctions_graph.store import EmbeddedStore
from sanctions_graph.vocab import GRAPH_ONTOLOGY, ONTOLOGY_IRI, OWL, RDF

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


def protege_triples(store: EmbeddedStore) -> list[ox.Triple]:
    """Ontology + data as one OWL ontology: module headers and their owl:imports dropped.

    The modules are all inlined in the ontology graph, so the umbrella's imports would only make
    Protégé or owlready2 look for them on the network.
    """
    ontology_type = ox.NamedNode(str(OWL.Ontology))
    imports = ox.NamedNode(str(OWL.imports))
    rdf_type = ox.NamedNode(str(RDF.type))
    umbrella = ox.NamedNode(str(ONTOLOGY_IRI))
    module_headers = {
        quad.subject
        for quad in store.quads(str(GRAPH_ONTOLOGY))
        if quad.predicate == rdf_type and quad.object == ontology_type and quad.subject != umbrella
    }
    triples = []
    for triple in _union_triples(store):
        if triple.predicate == imports or triple.subject in module_headers:
            continue
        triples.append(triple)
    return triples


def export_protege(store: EmbeddedStore, path: Path) -> int:
    """Write ontology + data as one RDF/XML file that Protégé and owlready2 open offline."""
    if not path.parent.exists():
        raise InputError(f"folder does not exist: {path.parent}")
    triples = protege_triples(store)
    _write_atomically(
        path,
        lambda handle: ox.serialize(triples, handle, ox.RdfFormat.RDF_XML, prefixes=_PREFIXES),
    )
    return len(triples)
