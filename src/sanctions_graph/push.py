"""Upload the embedded store to a remote SPARQL server, graph by graph.

Each named graph is sent with the SPARQL 1.1 Graph Store HTTP Protocol (``PUT`` replaces the
graph, so pushing twice gives the same remote state); ``RemoteStore.replace_graph`` retries on
connection errors and server errors, and sends large graphs in chunks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from sanctions_graph.remote import RemoteStore
from sanctions_graph.store import EmbeddedStore


@dataclass(frozen=True)
class PushedGraph:
    """One graph uploaded: its IRI and the number of triples sent."""

    graph: str
    triples: int


def push_store(
    source: EmbeddedStore,
    target: RemoteStore,
    graphs: list[str] | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> list[PushedGraph]:
    """Send every named graph of ``source`` (or only ``graphs``) to ``target``; return a summary.

    ``progress(graph, triples)`` is called after each graph. An upload error is an
    ``EndpointError`` naming the graph; graphs sent before it stay on the server.
    """
    names = source.graphs() if graphs is None else graphs
    pushed: list[PushedGraph] = []
    for name in names:
        count = target.replace_graph(name, _triples(source, name))
        pushed.append(PushedGraph(name, count))
        if progress is not None:
            progress(name, count)
    return pushed


def _triples(source: EmbeddedStore, graph: str) -> Iterator[ox.Triple]:
    for quad in source.quads(graph):
        yield ox.Triple(quad.subject, quad.predicate, quad.object)
