"""The query benchmark's generator (benchmarks/gen_graph.py) writes the inferred graph that
``reason.materialise`` derives from its data, the breach links aside: the benchmark measures the
questions on the graph an ingest would leave."""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox

from sanctions_graph.reason import materialise
from sanctions_graph.store import EmbeddedStore
from sanctions_graph.vocab import GRAPH_INFERRED, SG

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "gen_graph.py"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_graph", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_graph"] = module
    spec.loader.exec_module(module)
    return module


def _inferred(store: EmbeddedStore) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads(str(GRAPH_INFERRED))}


def test_the_generated_inferred_graph_is_what_materialise_derives_breaches_aside(
    tmp_path: Path,
) -> None:
    gen_graph = _generator()
    out = io.StringIO()
    gen_graph.generate(out, 20_000, 7)
    loaded = ox.Store(str(tmp_path / "store"))
    loaded.bulk_load(
        "".join(gen_graph.ontology_nquads()) + out.getvalue(), format=ox.RdfFormat.N_QUADS
    )
    loaded.flush()
    del loaded  # releases the lock for EmbeddedStore
    store = EmbeddedStore(tmp_path / "store")
    generated = _inferred(store)
    materialise(store)
    derived = _inferred(store)
    breach_terms = {str(SG.possiblyBreaches), str(SG.breachEventDate)}
    assert generated - derived == set()
    added = derived - generated
    assert added  # the generated data has prohibited cooperation
    assert {t.predicate.value for t in added} == breach_terms
