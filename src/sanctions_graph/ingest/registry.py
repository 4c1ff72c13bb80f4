"""The one registry of ingestors.

An ingestor is a small module with one entry function (OpenSanctions' one-crawler-per-source):
given a path, it yields ``SourceUnit``s — one per named graph to write (an article, a list
file) — each carrying a lazy stream of triples. The orchestration in ``ingest.pipeline`` writes
every unit atomically with ``Store.replace_graph`` and collects the summary.

Modules register themselves with ``@register(...)``; ``ingest.pipeline`` imports them all.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox


@dataclass
class IngestOptions:
    """Options the user gave ``ingest`` that ingestors may honour."""

    date: dt.date | None = None  # overrides the article date
    url: str | None = None  # overrides the article URL
    kind: str | None = None  # forced kind (``--kind``)


@dataclass
class SourceUnit:
    """One named graph to write: a document or a list, with its triples streamed lazily.

    ``counts`` is filled by the ingestor *while* ``triples`` is consumed, so read it after the
    store has written the unit. Key conventions the summary relies on: ``fact:<Class>`` for
    facts by type (``fact:Meeting``, ``fact:Designation``...), ``sentences`` for sentences read;
    any other key (``persons``, ``entities``...) is shown as is.
    ``replaces`` names older graphs this unit supersedes (e.g. an earlier version of the same
    list or article); the pipeline drops them once the new graph is written.
    """

    graph: str
    label: str
    kind: str
    triples: Iterable[ox.Triple]
    counts: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    replaces: list[str] = field(default_factory=list)
    #: Filled by ingestors that can resolve ``replaces`` only against the store (called with a
    #: query function before writing); optional.
    find_replaced: Callable[..., list[str]] | None = None
    #: Set when this one unit cannot be read while the rest of its file can (e.g. a bad line of
    #: a JSON lines file): the pipeline reports it as rejected, writes nothing for it, goes on.
    error: Exception | None = None


#: Reads the first bytes of a file (and its path) and says whether this ingestor handles it.
Detector = Callable[[Path, bytes], bool]
#: Turns a path into units; raises ``InputError`` for a file it cannot read.
IngestFunction = Callable[[Path, IngestOptions], Iterator[SourceUnit]]


@dataclass(frozen=True)
class Ingestor:
    """A registered source kind."""

    kind: str
    description: str
    detect: Detector
    ingest: IngestFunction
    #: Higher priority detectors are asked first (specific XML roots before generic text).
    priority: int = 0
    #: Whether the ingestor takes a folder (e.g. an OFAC CSV set) rather than a file.
    takes_folder: bool = False


_REGISTRY: dict[str, Ingestor] = {}


def register(
    kind: str, description: str, detect: Detector, *, priority: int = 0, takes_folder: bool = False
) -> Callable[[IngestFunction], IngestFunction]:
    """Decorator registering ``function`` as the ingestor for ``kind``."""

    def decorator(function: IngestFunction) -> IngestFunction:
        _REGISTRY[kind] = Ingestor(kind, description, detect, function, priority, takes_folder)
        return function

    return decorator


def ingestors() -> list[Ingestor]:
    """All registered ingestors, most specific detector first."""
    return sorted(_REGISTRY.values(), key=lambda ingestor: -ingestor.priority)


def get_ingestor(kind: str) -> Ingestor | None:
    """The ingestor registered for ``kind``, if any."""
    return _REGISTRY.get(kind)
