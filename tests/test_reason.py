"""Rule materialisation and HermiT reasoning over a small hand-written graph."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from _kg_fixtures import PREFIXES, SOURCE_GRAPH, article_ttl, build_store, state
from sanctions_graph import reason as reason_module
from sanctions_graph.cli import app
from sanctions_graph.errors import InputError, JavaMissingError
from sanctions_graph.reason import materialise, reason
from sanctions_graph.store import EmbeddedStore
from sanctions_graph.vocab import GRAPH_INFERRED, SG, SGID

requires_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")
EXTRA_GRAPH = str(SGID["source/" + "b" * 64])
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


def inferred(store: EmbeddedStore) -> set[tuple[str, str, str]]:
    return {
        (q.subject.value, q.predicate.value, q.object.value)  # type: ignore[union-attr]
        for q in store.quads(str(GRAPH_INFERRED))
    }


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    return build_store(tmp_path / "store")


def _rdf_type() -> str:
    return "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def test_materialise_derives_the_expected_triples(store: EmbeddedStore) -> None:
    counts = materialise(store)
    triples = inferred(store)
    rdf_type = _rdf_type()
    assert {s for s, p, o in triples if p == rdf_type and o == str(SG.SanctionedState)} == {
        state("PRK"),
        state("RUS"),
    }
    coop = {(s, o) for s, p, o in triples if p == str(SG.cooperatesWith)}
    assert coop == {(state("PRK"), state("RUS")), (state("RUS"), state("PRK"))}
    meet = str(SGID["event/fx/meet"])
    sanc = str(SGID["event/fx/sanc"])
    assert (meet, rdf_type, str(SG.CooperationEvent)) in triples
    assert (meet, rdf_type, str(SG.Event)) in triples
    assert (sanc, rdf_type, str(SG.ConflictEvent)) in triples
    assert (sanc, str(SG.participant), state("USA")) in triples
    assert (sanc, str(SG.participant), state("RUS")) in triples
    assert (state("RUS"), str(SG.isTargetOf), sanc) in triples
    assert (state("PRK"), str(SG.isTargetOf), str(SGID["regime/UN-1718"])) in triples
    assert counts["total"] == len(triples)
    assert counts["SanctionedState"] == 2
    assert counts["cooperatesWith"] == 2


def test_materialise_repeats_no_asserted_triple(store: EmbeddedStore) -> None:
    materialise(store)
    asserted = {
        (q.subject, q.predicate, q.object)
        for q in store.quads()
        if q.graph_name != ox.NamedNode(str(GRAPH_INFERRED))
    }
    for q in store.quads(str(GRAPH_INFERRED)):
        assert (q.subject, q.predicate, q.object) not in asserted


def test_materialise_rebuilds_from_asserted_data_only(store: EmbeddedStore) -> None:
    first = materialise(store)
    assert materialise(store) == first  # same data, same graph
    # A triple planted in the inferred graph is neither kept nor used as a premise.
    store.update(
        f"INSERT DATA {{ GRAPH <{GRAPH_INFERRED}> {{ "
        f"<{SGID['event/fx/sanc']}> a <{SG.Meeting}> }} }}"
    )
    assert materialise(store) == first
    # Without the article, RUS is no longer sanctioned and nobody cooperates.
    store.drop_graph(SOURCE_GRAPH)
    materialise(store)
    triples = inferred(store)
    assert {s for s, p, o in triples if o == str(SG.SanctionedState)} == {state("PRK")}
    assert not any(p == str(SG.cooperatesWith) for _, p, _ in triples)


AGREEMENT_EVENTS = """
sgid:event\\/fx\\/sign a sg:AgreementSigning ; sg:actor sgid:state\\/PRK ;
    sg:target sgid:state\\/RUS ; sg:modality sg:Asserted ; sg:date "2024-06-20"^^xsd:date .
sgid:event\\/fx\\/plan a sg:IntentToCooperate ; sg:actor sgid:state\\/CHN ;
    sg:target sgid:state\\/RUS ; sg:modality sg:Planned .
sgid:event\\/fx\\/signed a sg:AgreementSigning ; sg:actor sgid:state\\/PRK ;
    sg:target sgid:state\\/CHN ; sg:date "2024-06-21"^^xsd:date ;
    sg:agreementEventDate "2024-06-21"^^xsd:date .
"""


def test_materialise_dates_the_events_of_three_listings_under_their_own_properties(
    tmp_path: Path,
) -> None:
    store = build_store(tmp_path / "store", article=article_ttl() + AGREEMENT_EVENTS)
    counts = materialise(store)
    triples = inferred(store)
    listing = {
        (s, p, o)
        for s, p, o in triples
        if p in (str(SG.breachEventDate), str(SG.agreementEventDate), str(SG.armsTransferEventDate))
    }
    # The arms transfer breaches the UN 1718 arms embargo; the signing is an agreement event;
    # the undated intention gets no date; a date already asserted is not repeated.
    assert listing == {
        (str(SGID["event/fx/arms"]), str(SG.breachEventDate), "2024-06-19"),
        (str(SGID["event/fx/arms"]), str(SG.armsTransferEventDate), "2024-06-19"),
        (str(SGID["event/fx/sign"]), str(SG.agreementEventDate), "2024-06-20"),
    }
    assert (
        counts["breachEventDate"],
        counts["agreementEventDate"],
        counts["armsTransferEventDate"],
    ) == (1, 1, 1)
    date = next(
        q.object
        for q in store.quads(str(GRAPH_INFERRED))
        if q.predicate.value == str(SG.breachEventDate)
    )
    assert date == ox.Literal("2024-06-19", datatype=ox.NamedNode(XSD_DATE))


def test_materialise_on_an_empty_store_writes_an_empty_graph(tmp_path: Path) -> None:
    empty = EmbeddedStore(tmp_path / "empty")
    assert materialise(empty) == {"total": 0}
    assert str(GRAPH_INFERRED) in empty.graphs()


def test_rule_engine_runs_without_java(
    store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reason_module.shutil, "which", lambda name: None)
    report = reason(store, engine="rules")
    assert report.engine == "rules"
    assert report.consistent is None
    assert report.sanctioned_states == [state("PRK"), state("RUS")]


def test_hermit_without_java_names_what_to_install(
    store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reason_module.shutil, "which", lambda name: None)
    with pytest.raises(JavaMissingError, match="default-jre-headless"):
        reason(store)


def test_too_large_for_hermit_falls_back_to_rules_and_says_why(store: EmbeddedStore) -> None:
    report = reason(store, max_hermit_triples=10)
    assert report.engine == "rules"
    assert "exceed the HermiT limit of 10" in report.why
    assert report.sanctioned_states == [state("PRK"), state("RUS")]


@requires_java
@pytest.mark.java
def test_hermit_classifies_and_materialises(store: EmbeddedStore) -> None:
    report = reason(store)
    assert report.engine == "hermit"
    assert report.consistent is True
    assert report.sanctioned_states == [state("PRK"), state("RUS")]
    triples = inferred(store)
    assert {s for s, _, o in triples if o == str(SG.SanctionedState)} == {
        state("PRK"),
        state("RUS"),
    }
    # HermiT adds what the rules do not: the event's actor is an sg:Actor (range of sg:actor).
    assert report.materialised.get("reasoner", 0) > 0


@requires_java
@pytest.mark.java
def test_hermit_on_one_states_neighbourhood(store: EmbeddedStore) -> None:
    report = reason(store, state="prk")
    assert report.scope == f"neighbourhood of {state('PRK')}"
    # Only the state, its regime and its events (and what the state links to): not the
    # evidence, not the document, not the other states' own descriptions.
    data, _ = reason_module._data_triples(store, "PRK", None)
    subjects = {t.subject.value for t in data}  # type: ignore[union-attr]
    assert subjects == {
        state("PRK"),
        str(SGID["regime/UN-1718"]),
        str(SGID["event/fx/meet"]),
        str(SGID["event/fx/arms"]),
    }
    assert state("PRK") in report.sanctioned_states
    assert report.consistent is True


@requires_java
@pytest.mark.java
def test_hermit_on_one_source_graph(store: EmbeddedStore) -> None:
    report = reason(store, source=SOURCE_GRAPH)
    assert report.scope == f"source graph {SOURCE_GRAPH}"
    # The source only says RUS is the target of a sanctions imposition; PRK's regime is not in it.
    assert report.sanctioned_states == [state("RUS")]


def test_unknown_subset_is_an_input_error(store: EmbeddedStore) -> None:
    with pytest.raises(InputError, match="unknown state"):
        reason(store, state="XXX")
    with pytest.raises(InputError, match="no such source graph"):
        reason(store, source=str(SGID["source/nope"]))
    with pytest.raises(InputError, match="either a state or a source"):
        reason(store, state="PRK", source=SOURCE_GRAPH)
    with pytest.raises(InputError, match="unknown engine"):
        reason(store, engine="pellet")  # type: ignore[arg-type]


def _add(store: EmbeddedStore, turtle: str) -> None:
    store.load_graph(EXTRA_GRAPH, PREFIXES + turtle, ox.RdfFormat.TURTLE)


@requires_java
@pytest.mark.java
def test_inconsistency_names_the_individual_and_the_disjointness_axiom(
    store: EmbeddedStore,
) -> None:
    _add(store, 'sgid:state\\/CHN a sg:Person ; rdfs:label "China the person" .')
    report = reason(store)
    assert report.consistent is False
    assert report.offending == [state("CHN")]
    assert any(
        "owl:disjointWith" in line and "sgid:state/CHN" in line for line in report.explanation
    )
    assert inferred(store) == set()  # nothing materialised from an inconsistent graph


@requires_java
@pytest.mark.java
def test_inconsistency_names_a_value_outside_its_range(store: EmbeddedStore) -> None:
    _add(store, 'sgid:evidence\\/fx\\/meet sg:confidence "high" .')
    report = reason(store)
    assert report.consistent is False
    assert report.offending == [str(SGID["evidence/fx/meet"])]
    assert "range" in report.explanation[0]


@requires_java
@pytest.mark.java
@pytest.mark.slow
def test_unexplained_inconsistency_is_narrowed_down_by_bisection(store: EmbeddedStore) -> None:
    # Two modalities declared owl:AllDifferent made the same: no disjointness, no range. Of the
    # two individuals in the source graph, bisection finds the one to blame (each HermiT run
    # starts a JVM, so the graph is kept tiny).
    _add(
        store,
        "sg:Asserted <http://www.w3.org/2002/07/owl#sameAs> sg:Denied .\n"
        'sgid:person\\/p0 a sg:Person ; rdfs:label "Person 0" .',
    )
    report = reason(store, source=EXTRA_GRAPH)
    assert report.consistent is False
    assert report.offending == [str(SG.Asserted)]
    assert "smallest set" in report.explanation[0]


def test_cli_reason_rules_prints_engine_and_sanctioned_states(tmp_path: Path) -> None:
    build_store(tmp_path / "store").close()
    result = CliRunner().invoke(
        app, ["--store", str(tmp_path / "store"), "reason", "--engine", "rules"]
    )
    assert result.exit_code == 0, result.output
    assert "engine: rules" in result.output
    assert "sgid:state/PRK" in result.output


@requires_java
@pytest.mark.java
def test_cli_reason_exits_non_zero_when_inconsistent(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store")
    _add(store, 'sgid:state\\/CHN a sg:Person ; rdfs:label "China the person" .')
    store.close()
    result = CliRunner().invoke(app, ["--store", str(tmp_path / "store"), "reason"])
    assert result.exit_code == 1
    assert "INCONSISTENT" in result.output
    assert "sgid:state/CHN" in result.output


def test_one_update_chunked_updates_and_a_new_graph_give_the_same_graph(
    store: EmbeddedStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The difference in one update (the usual path), in many small updates (a large
    difference) and a graph written anew agree, also after the data changed between runs."""
    materialise(store)
    store.drop_graph(SOURCE_GRAPH)
    materialise(store)  # a difference in one update: RUS is no longer sanctioned
    by_one_update = inferred(store)
    assert by_one_update  # PRK is still sanctioned under its regime

    chunked = build_store(tmp_path / "chunked")
    materialise(chunked)
    chunked.drop_graph(SOURCE_GRAPH)
    monkeypatch.setattr(reason_module, "DELTA_LIMIT", 2)
    updates: list[str] = []
    real_update = chunked.update
    monkeypatch.setattr(chunked, "update", lambda text: (updates.append(text), real_update(text)))
    materialise(chunked)
    assert inferred(chunked) == by_one_update
    assert len(updates) > 2
    assert all(u.startswith(("DELETE DATA", "INSERT DATA")) for u in updates)
    # Removals first, each update at most DELTA_LIMIT triples.
    kinds = [u.split(" ", 1)[0] for u in updates]
    assert kinds == sorted(kinds)  # every DELETE before the first INSERT
    assert all(u.count(" . ") <= 2 for u in updates)  # the fixture quotes have no " . "

    fresh = build_store(tmp_path / "fresh")
    fresh.drop_graph(SOURCE_GRAPH)
    materialise(fresh)  # no inferred graph yet: written anew
    assert inferred(fresh) == by_one_update


def test_importing_reason_loads_no_owl_or_shacl_library() -> None:
    """The ingest pipeline imports reason after every batch: no owlready2, pyshacl, jpype."""
    import subprocess
    import sys

    code = (
        "import sys, sanctions_graph.reason; "
        "print(sorted(m for m in ('owlready2', 'pyshacl', 'jpype', 'pylode') if m in sys.modules))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"


def test_cli_reason_without_java_is_one_error_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    build_store(tmp_path / "store").close()
    env = {"PATH": str(tmp_path / "empty-bin"), "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "sanctions_graph", "--store", str(tmp_path / "store"), "reason"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith("error: HermiT needs a Java runtime")
    assert "default-jre-headless" in result.stderr
