"""Linking people named in the news to listed entities: name variants that must match, the
traps that must not, and the links graph rebuilt from what the store holds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from sanctions_graph.ingest.pipeline import ingest_paths
from sanctions_graph.linking import GRAPH_LINKS, THRESHOLD, link_names, name_score, name_words
from sanctions_graph.store import EmbeddedStore
from sanctions_graph.vocab import OWL, RDF, RDFS, SG, SGID, SKOS

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lists"
KIM_JONG_UN = f"{SGID}entity/ofac/20157"
KIM_YO_JONG = f"{SGID}entity/ofac/21444"
ARTICLE_GRAPH = f"{SGID}source/{'0' * 64}"


@pytest.mark.parametrize(
    ("news", "listed"),
    [
        ("Kim Jong-un", "KIM JONG UN"),  # hyphenation, case
        ("Kim Jong Un", "KIM, Jong Un"),  # OFAC's "SURNAME, Given"
        ("Kim Jongun", "Kim Jong Un"),  # syllables joined
        ("President Kim Jong Un", "Kim Jong Un"),  # honorific
        ("Vladimir Putin", "PUTIN, Vladimir Vladimirovich"),  # patronymic left out
        ("Sergei Lavrov", "Sergey Viktorovich LAVROV"),  # transliteration variant
        ("Alexander Zakharov", "Александр Вячеславович Захаров"),  # other script
        ("Mohammed Hassan Akhund", "MOHAMMAD HASSAN AKHUND"),  # spelling variant
    ],
)
def test_variants_of_one_name_link(news: str, listed: str) -> None:
    assert name_score(news, listed) >= THRESHOLD


@pytest.mark.parametrize(
    ("news", "listed"),
    [
        ("Kim Jong Un", "Kim Jong Il"),  # father and son
        ("Kim Yo Jong", "Kim Jong Un"),  # sister and brother
        ("Kim Jong Un", "Kim Jong Nam"),
        ("Kim Song", "Kim Song Il"),  # a dropped short syllable is another name
        ("Kim", "KIM, Jong Un"),  # one word never links
    ],
)
def test_traps_do_not_link(news: str, listed: str) -> None:
    assert name_score(news, listed) == 0.0


def test_name_words() -> None:
    assert name_words("Kim Jong-un") == ("kim", "jong", "un")
    assert name_words("PUTIN, Vladimir") == ("putin", "vladimir")
    assert name_words("Mr. Kim Jong Un") == ("kim", "jong", "un")
    assert name_words("He Lifeng") == ("he", "lifeng")  # a surname, not a pronoun


def _article(persons: dict[str, list[str]]) -> Iterator[ox.Triple]:
    doc = ox.NamedNode(ARTICLE_GRAPH)
    yield ox.Triple(doc, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(SG.SourceDocument)))
    yield ox.Triple(doc, ox.NamedNode(str(SG.sourceKind)), ox.Literal("article"))
    for key, names in persons.items():
        person = ox.NamedNode(f"{SGID}person/{key}")
        yield ox.Triple(person, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(SG.Person)))
        yield ox.Triple(person, ox.NamedNode(str(RDFS.label)), ox.Literal(names[0]))
        for variant in names[1:]:
            yield ox.Triple(person, ox.NamedNode(str(SKOS.altLabel)), ox.Literal(variant))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    """A store with the OFAC slice (KIM Jong Un, KIM Yo Jong, KIM Jong Man...) and one article
    naming Kim Jong-un, Kim Jong Il and Kim Yo Jong."""
    store = EmbeddedStore(tmp_path / "store")
    assert ingest_paths(store, [FIXTURES / "ofac_sdn_slice"], derive=False).ok
    store.replace_graph(
        ARTICLE_GRAPH,
        _article(
            {
                "kim-jong-un": ["Kim Jong-un", "Kim"],
                "kim-jong-il": ["Kim Jong Il"],
                "kim-yo-jong": ["Kim Yo Jong"],
            }
        ),
    )
    yield store
    store.close()


def _links(store: EmbeddedStore) -> set[tuple[str, str]]:
    rows = store.query(
        f"SELECT ?s ?c WHERE {{ GRAPH <{GRAPH_LINKS}> {{ ?s <{SG.possibleMatch}> ?c }} }}"
    ).rows
    return {(r["s"].value, r["c"].value) for r in rows if r["s"] is not None and r["c"]}


def test_links_news_persons_to_listed_persons(store: EmbeddedStore) -> None:
    assert link_names(store) == 2
    assert _links(store) == {
        (f"{SGID}person/kim-jong-un", KIM_JONG_UN),
        (f"{SGID}person/kim-yo-jong", KIM_YO_JONG),
    }
    rows = store.query(
        f"""SELECT ?score ?method ?label WHERE {{ GRAPH <{GRAPH_LINKS}> {{
            ?m a <{SG.NameMatch}> ; <{SG.matchSubject}> <{SGID}person/kim-jong-un> ;
               <{SG.matchCandidate}> <{KIM_JONG_UN}> ; <{SG.matchScore}> ?score ;
               <{SG.matchMethod}> ?method ; <{RDFS.label}> ?label }} }}"""
    ).rows
    assert len(rows) == 1
    assert float(rows[0]["score"].value) == 1.0  # type: ignore[union-attr]
    assert rows[0]["method"].value.startswith("sanctions-graph name matcher v1")  # type: ignore[union-attr]
    assert rows[0]["label"].value == "Kim Jong-un ~ KIM, Jong Un (1.00)"  # type: ignore[union-attr]


def test_nothing_is_merged(store: EmbeddedStore) -> None:
    link_names(store)
    answer = store.query(f"ASK {{ <{SGID}person/kim-jong-un> <{OWL.sameAs}> ?o }}")
    assert answer.boolean is False


def test_links_graph_follows_the_store(store: EmbeddedStore) -> None:
    assert link_names(store) == 2
    store.drop_graph(ARTICLE_GRAPH)
    assert link_names(store) == 0
    assert store.count(GRAPH_LINKS) == 0


def test_pipeline_runs_the_linking(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graph(ARTICLE_GRAPH, _article({"kim": ["Kim Jong Un"]}))
    report = ingest_paths(store, [FIXTURES / "ofac_sdn_slice"])
    assert "sanctions_graph.linking.link_names: 1" in report.derived
    assert _links(store) == {(f"{SGID}person/kim", KIM_JONG_UN)}
    store.close()
