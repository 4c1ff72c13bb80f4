"""Ingestors: one module per source kind, registered in ``ingest.registry``.

``load_ingestors()`` imports every ingestor module so that each registers itself; the module list
below is the one place a new source kind is added.
"""

from __future__ import annotations

import importlib

from sanctions_graph.ingest.registry import Ingestor, ingestors

#: Modules under ``sanctions_graph.ingest`` that register an ingestor.
INGESTOR_MODULES: tuple[str, ...] = (
    "article",
    "un_xml",
    "ofac",
    "ofac_xml",
    "eu_xml",
    "uk_xml",
    "ftm",
)


def load_ingestors() -> list[Ingestor]:
    """Import every ingestor module and return the registered ingestors."""
    for name in INGESTOR_MODULES:
        importlib.import_module(f"sanctions_graph.ingest.{name}")
    return ingestors()
