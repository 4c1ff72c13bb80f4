"""Seeding: a fresh store holds the ontology and the reference data, each in its own graph."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sanctions_graph.bootstrap import seed
from sanctions_graph.cli import app
from sanctions_graph.store import EmbeddedStore
from sanctions_graph.vocab import GRAPH_ONTOLOGY, GRAPH_REFERENCE, SG

PRK_QUERY = 'SELECT ?s WHERE { ?s <https://w3id.org/sanctions-graph/ontology#iso3> "PRK" }'


def test_query_on_a_fresh_store_finds_north_korea_by_iso3(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["--store", str(tmp_path / "store"), "query", PRK_QUERY, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["head"]["vars"] == ["s"]
    assert answer["results"]["bindings"] == [
        {"s": {"type": "uri", "value": "https://w3id.org/sanctions-graph/id/state/PRK"}}
    ]


def test_seed_loads_both_graphs_once(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store") as store:
        assert seed(store) is True
        assert seed(store) is False  # same fingerprint: nothing to do
        graphs = set(store.graphs())
        assert {str(GRAPH_ONTOLOGY), str(GRAPH_REFERENCE)} <= graphs
        regimes = store.query(f"SELECT (COUNT(?r) AS ?n) WHERE {{ ?r a <{SG.SanctionsRegime}> }}")
        assert regimes.rows[0]["n"] is not None and int(regimes.rows[0]["n"].value) > 100


def test_seed_check_iris_are_vocab_s() -> None:
    """bootstrap spells out two IRIs (no rdflib on the CLI's seed check); vocab decides them."""
    from sanctions_graph.bootstrap import REFERENCE_GRAPH_IRI, VERSION_INFO_IRI
    from sanctions_graph.vocab import GRAPH_REFERENCE, OWL

    assert str(GRAPH_REFERENCE) == REFERENCE_GRAPH_IRI
    assert str(OWL.versionInfo) == VERSION_INFO_IRI


def test_checking_a_seeded_store_imports_no_rdflib(tmp_path: Path) -> None:
    import subprocess
    import sys

    store = EmbeddedStore(tmp_path / "store")
    seed(store)
    store.close()
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from sanctions_graph.bootstrap import seed\n"
        "from sanctions_graph.store import EmbeddedStore\n"
        f"s = EmbeddedStore(Path({str(tmp_path / 'store')!r}))\n"
        "print(seed(s), 'rdflib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
