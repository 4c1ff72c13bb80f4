"""What an installed wheel ships: the extraction rules compiled by mypyc (hatch_build.py)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import sanctions_graph

REPOSITORY_SOURCE = Path(__file__).resolve().parents[1] / "src"
COMPILED_MODULES = (
    "sanctions_graph.extract",
    "sanctions_graph.extract.dates",
    "sanctions_graph.extract.lexicon",
    "sanctions_graph.extract.mentions",
    "sanctions_graph.extract.modality",
    "sanctions_graph.extract.persons",
    "sanctions_graph.extract.relations",
    "sanctions_graph.extract.sentences",
    "sanctions_graph.extract.tokens",
    "sanctions_graph.extract.units",
)


def _runs_from_the_source_tree() -> bool:
    return Path(sanctions_graph.__file__).resolve().is_relative_to(REPOSITORY_SOURCE)


@pytest.mark.skipif(
    _runs_from_the_source_tree(),
    reason="an editable install or a source checkout runs the rules as plain Python",
)
def test_an_installed_wheel_runs_the_compiled_extraction_rules() -> None:
    suffixes = {name: Path(importlib.import_module(name).__file__ or "").suffix
                for name in COMPILED_MODULES}
    assert suffixes == dict.fromkeys(COMPILED_MODULES, ".so")
    # The data model stays Python: ingestion and evaluation build and compare its objects.
    assert importlib.import_module("sanctions_graph.extract.model").__file__.endswith(".py")


def test_the_compiled_module_list_covers_every_rule_module() -> None:
    # hatch_build.py compiles every module of extract/ but model.py; the test above checks
    # them all.
    rules = sorted(
        path.stem for path in (REPOSITORY_SOURCE / "sanctions_graph" / "extract").glob("*.py")
    )
    expected = sorted(
        "__init__" if name == "sanctions_graph.extract" else name.rsplit(".", 1)[1]
        for name in COMPILED_MODULES
    )
    assert [stem for stem in rules if stem != "model"] == expected
