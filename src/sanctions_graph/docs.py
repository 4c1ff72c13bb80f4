"""HTML documentation of the ontology, generated from the ontology itself with pyLODE."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pyoxigraph as ox

from sanctions_graph.errors import InputError


def ontology_html() -> str:
    """One self-contained HTML page documenting every class and property of the ontology.

    The modules are merged into one ontology first (pyLODE documents a single ontology and
    would otherwise try to resolve the umbrella's imports).
    """
    import rdflib

    from sanctions_graph.bootstrap import ontology_triples
    from sanctions_graph.export import inline_modules

    buffer = io.BytesIO()
    ox.serialize(inline_modules(ontology_triples()), buffer, ox.RdfFormat.N_TRIPLES)
    graph = rdflib.Graph().parse(data=buffer.getvalue().decode("utf-8"), format="nt")
    try:
        from pylode import OntPub
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise InputError(
            "the ontology documentation needs pyLODE: "
            f"pip install 'sanctions-graph[docs]' ({error})"
        ) from None
    # pyLODE logs its progress at INFO on the root logger; keep the command's output clean.
    logging.getLogger().setLevel(logging.WARNING)
    return str(OntPub(ontology=graph).make_html())


def write_docs(path: Path) -> int:
    """Write the ontology documentation to ``path`` (atomically); return its size in bytes."""
    if not path.parent.exists():
        raise InputError(f"folder does not exist: {path.parent}")
    data = ontology_html().encode("utf-8")
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return len(data)
