"""Locate the files shipped with the package: the ontology modules, the preset queries and the
curated reference data.

In a wheel they sit in ``sanctions_graph/_data``; in a source checkout (editable install, tests)
they are the top-level ``ontology/`` and ``queries/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    packaged = _PACKAGE_DIR / "_data" / name
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE_DIR.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"cannot find the {name}/ folder shipped with sanctions-graph")


def ontology_dir() -> Path:
    """Folder holding ``sanctions-graph.ttl``, its modules, ``shapes.ttl`` and the catalog."""
    return _data_dir("ontology")


def queries_dir() -> Path:
    """Folder holding the preset questions (``*.rq``) and the quality checks (``qc/``)."""
    return _data_dir("queries")


#: The curated reference data (states, organisations, regimes, office holders), read by
#: ``sanctions_graph.reference``. Listed here so that the seed check of every command can
#: fingerprint them without importing the reference package (and PyYAML).
REFERENCE_DATA_DIR = _PACKAGE_DIR / "reference" / "data"
REFERENCE_FILES = tuple(
    REFERENCE_DATA_DIR / name
    for name in ("states.yaml", "organisations.yaml", "regimes.yaml", "leaders.yaml")
)
