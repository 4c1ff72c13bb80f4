"""Article readers (plain text, front matter, HTML, JSON lines), encoding detection, bad input,
and the mapping of an extraction to RDF with verbatim evidence.

Every text here was written for these tests (no real article text).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from sanctions_graph.errors import InputError
from sanctions_graph.extract.model import (
    Document,
    EventFact,
    Extraction,
    Mention,
    PersonFact,
    Sentence,
    Span,
)
from sanctions_graph.ingest.article import (
    MAX_LINE_CHARS,
    article_format,
    article_triples,
    decode_text,
    detect,
    detect_encoding,
    parse_date,
    read_article,
    read_articles,
)
from sanctions_graph.ingest.registry import IngestOptions
from sanctions_graph.vocab import DCTERMS, PROV, RDF, SCHEMA, SG, source_graph_iri

PLAIN_AP_LAYOUT = """\
Leaders of two sanctioned states meet in the east

Moscow and Pyongyang pledge closer ties as talks run into the night

By AP Updated On - 14 September 2023, 08:20 AM

The two leaders at the launch site in the Amur region on Wednesday. Photo: demo caption

North Korean leader Kim Jong Un met Russian President Vladimir Putin at a space centre on Wednesday.

The two sides discussed military cooperation, officials said.
"""

FRONT_MATTER = """\
---
title: 'Iran and Venezuela agree a long-term plan'
publisher: Demo Wire
date: 2022-06-11
url: https://example.org/news/iran-venezuela
---
Iran and Venezuela signed a cooperation plan in Tehran.
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# ---------------------------------------------------------------------------------------------
# formats
# ---------------------------------------------------------------------------------------------
def test_plain_ap_layout_gives_title_date_and_agency(tmp_path: Path) -> None:
    document = read_article(write(tmp_path, "story.txt", PLAIN_AP_LAYOUT))
    assert document.title == "Leaders of two sanctioned states meet in the east"
    assert document.date == dt.date(2023, 9, 14)
    assert document.publisher == "AP"
    assert document.url is None
    # The text is the file as received: offsets refer to it.
    assert document.text == PLAIN_AP_LAYOUT
    assert document.source_path == str(tmp_path / "story.txt")


def test_byline_with_author_name_is_not_a_publisher(tmp_path: Path) -> None:
    text = PLAIN_AP_LAYOUT.replace("By AP Updated On -", "By Jane Roe | Published")
    document = read_article(write(tmp_path, "story.txt", text))
    assert document.publisher is None
    assert document.date == dt.date(2023, 9, 14)


def test_date_and_url_options_override_the_text(tmp_path: Path) -> None:
    options = IngestOptions(date=dt.date(2023, 9, 13), url="https://example.org/summit")
    document = read_article(write(tmp_path, "story.txt", PLAIN_AP_LAYOUT), options)
    assert document.date == dt.date(2023, 9, 13)
    assert document.url == "https://example.org/summit"


def test_front_matter_metadata_and_body(tmp_path: Path) -> None:
    document = read_article(write(tmp_path, "a.md", FRONT_MATTER))
    assert document.title == "Iran and Venezuela agree a long-term plan"
    assert document.publisher == "Demo Wire"
    assert document.date == dt.date(2022, 6, 11)
    assert document.url == "https://example.org/news/iran-venezuela"
    assert document.text == "Iran and Venezuela signed a cooperation plan in Tehran.\n"


def test_front_matter_accepts_published_and_text_dates(tmp_path: Path) -> None:
    text = FRONT_MATTER.replace("date: 2022-06-11", "published: 'June 11, 2022'")
    assert read_article(write(tmp_path, "a.txt", text)).date == dt.date(2022, 6, 11)


def test_html_keeps_main_text_and_metadata_and_drops_scripts(tmp_path: Path) -> None:
    html = """<!DOCTYPE html><html><head><meta charset="utf-8">
    <title>Demo page</title><meta property="og:site_name" content="Demo Site">
    <meta name="date" content="2024-06-19">
    <link rel="canonical" href="https://example.org/page">
    <script>var secret = "SCRIPT-IN-HEAD";</script></head>
    <body><nav>Home | World</nav><article><h1>Two states sign a treaty</h1>
    <p>Russia and North Korea signed a partnership treaty in Pyongyang on Wednesday, officials
    in both capitals said after the ceremony had ended.</p>
    <script>document.write("SCRIPT-IN-BODY")</script>
    <p>North Korea is under sanctions of the UN Security Council over its weapons programme,
    while Russia faces sanctions from the United States and the European Union.</p>
    </article><footer>footer text</footer></body></html>"""
    document = read_article(write(tmp_path, "page.html", html))
    assert "Russia and North Korea signed a partnership treaty" in document.text
    assert "SCRIPT" not in document.text
    assert "document.write" not in document.text
    assert document.title == "Two states sign a treaty"
    assert document.publisher == "Demo Site"
    assert document.date == dt.date(2024, 6, 19)
    assert document.url == "https://example.org/page"


def test_json_lines_one_document_per_line(tmp_path: Path) -> None:
    records = [
        {"title": "First", "url": "https://example.org/1", "date": "2024-01-02",
         "text": "Russia and China expanded trade."},
        {"title": "Second", "published": "2024-02-03", "body": "Iran sent drones to Russia."},
    ]
    path = write(tmp_path, "news.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    sources = list(read_articles(path))
    assert [s.document.title for s in sources if s.document] == ["First", "Second"]
    first, second = sources
    assert first.document is not None and second.document is not None
    assert first.document.date == dt.date(2024, 1, 2)
    assert first.document.url == "https://example.org/1"
    assert second.document.text == "Iran sent drones to Russia."
    assert second.document.date == dt.date(2024, 2, 3)
    assert first.locator.endswith("news.jsonl#line=1")
    assert second.locator.endswith("news.jsonl#line=2")
    line = json.dumps(records[0])
    assert first.sha256 == hashlib.sha256(line.encode("utf-8")).hexdigest()
    assert first.sha256 != second.sha256


def test_json_lines_bad_line_is_reported_and_the_others_read(tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "ok", "text": "Russia met Iran."}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"title": "bad date", "date": "the day after", "text": "Some text."}),
        json.dumps({"title": "also ok", "text": "Belarus hosted Russian weapons."}),
    ]
    path = write(tmp_path, "mixed.jsonl", "\n".join(lines) + "\n")
    sources = list(read_articles(path))
    assert [s.document.title if s.document else None for s in sources] == [
        "ok", None, None, None, "also ok"
    ]
    errors = [str(s.error) for s in sources if s.error is not None]
    assert errors[0].startswith("not valid JSON")
    assert errors[1] == "no 'text' or 'body' field with the article text"
    assert errors[2] == "cannot parse date 'the day after' (expected e.g. 2024-06-19)"
    assert [s.label for s in sources if s.error] == [f"{path}:2", f"{path}:3", f"{path}:4"]


def test_url_option_is_refused_for_json_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "n.jsonl", json.dumps({"text": "Russia met Iran."}) + "\n")
    with pytest.raises(InputError, match="--url cannot apply to a JSON lines file"):
        list(read_articles(path, IngestOptions(url="https://example.org/x")))


def test_format_from_extension_then_content() -> None:
    assert article_format(Path("a.htm"), b"plain words") == "html"
    assert article_format(Path("a.ndjson"), b"{}") == "jsonl"
    assert article_format(Path("a.md"), b"<html>") == "text"
    assert article_format(Path("noext"), b"<!DOCTYPE html><html>") == "html"
    assert article_format(Path("noext"), b'{"text": "Russia met Iran."}\n') == "jsonl"
    assert article_format(Path("noext"), b"Russia met Iran.") == "text"


def test_detector_claims_articles_not_lists_or_binaries() -> None:
    assert detect(Path("a.txt"), b"Russia met Iran.")
    assert detect(Path("a.jsonl"), b'{"title": "t", "text": "x"}\n')
    # FollowTheMoney JSON lines belong to the list ingestor.
    assert not detect(Path("e.jsonl"), b'{"id": "x", "schema": "Person", "properties": {}}\n')
    assert not detect(Path("list.xml"), b"<?xml version='1.0'?><CONSOLIDATED_LIST/>")
    assert not detect(Path("sdn.csv"), b'36,"AEROCARIBBEAN AIRLINES",-0-')
    assert not detect(Path("a.txt"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert not detect(Path("a.txt"), b"")


# ---------------------------------------------------------------------------------------------
# encodings
# ---------------------------------------------------------------------------------------------
LATIN = (
    "Le président français a reçu à l'Élysée le ministre des Affaires étrangères. "
    "Les sanctions économiques contre la Biélorussie ont été renforcées après la réunion; "
    "le commerce de potasse reste interdit, a déclaré le porte-parole à la presse.\n"
)


def test_latin1_is_detected(tmp_path: Path) -> None:
    path = write(tmp_path, "fr.txt", LATIN.encode("latin-1"))
    document = read_article(path)
    assert document.text == LATIN


def test_utf16_with_bom_is_detected(tmp_path: Path) -> None:
    text = "Title line\n\nRussia and Iran signed a treaty in Moscow.\n"
    path = write(tmp_path, "u16.txt", text.encode("utf-16"))  # writes a BOM
    assert read_article(path).text == text
    assert detect(path, path.read_bytes()[:4096])


def test_utf8_bom_and_crlf_are_normalised() -> None:
    assert decode_text(b"\xef\xbb\xbfOne line\r\nTwo\r\n") == "One line\nTwo\n"


def test_detect_encoding_rejects_nul_bytes() -> None:
    with pytest.raises(InputError, match="binary content"):
        detect_encoding(b"abc\x00def")


# ---------------------------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"   \n\n  ", "empty file"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, "binary content"),
        (
            b"---\ntitle: [unclosed\ndate: 2024-01-01\n---\nBody.\n",
            "malformed front matter at line 3",
        ),
        (b"---\ntitle: x\nBody without a closing fence.\n", "opened with '---' but never closed"),
        (b"---\n- just\n- a list\n---\nBody.\n", "expected 'key: value' lines"),
        (b"---\ntitle: x\ndate: not a date at all\n---\nBody.\n", "cannot parse front matter date"),
        (b"---\ntitle: x\nurl: javascript:alert(1)\n---\nBody.\n", "not an absolute http"),
        (b"---\ntitle: only metadata\n---\n\n", "no article text"),
    ],
)
def test_bad_files_raise_one_clear_input_error(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = write(tmp_path, "bad.txt", content)
    with pytest.raises(InputError, match=message.replace("[", r"\[").replace("(", r"\(")):
        list(read_articles(path))


def test_huge_single_line_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "huge.txt", "word " * (MAX_LINE_CHARS // 4))
    with pytest.raises(InputError, match=r"line 1 is [\d,]+ characters long"):
        list(read_articles(path))


def test_html_without_text_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.html", "<html><head><script>alert(1)</script></head></html>")
    with pytest.raises(InputError, match="no article text found in the HTML page"):
        list(read_articles(path))


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        list(read_articles(tmp_path / "gone.txt"))


def test_parse_date_forms() -> None:
    assert parse_date("2024-06-19") == dt.date(2024, 6, 19)
    assert parse_date("2024-06-19T13:55:00Z") == dt.date(2024, 6, 19)
    assert parse_date("19 June 2024") == dt.date(2024, 6, 19)
    assert parse_date(dt.datetime(2024, 6, 19, 13, 55)) == dt.date(2024, 6, 19)
    with pytest.raises(InputError, match="cannot parse date 'June 2024'"):
        parse_date("June 2024")  # a month is not a day
    with pytest.raises(InputError, match="is not a date"):
        parse_date(2024)


# ---------------------------------------------------------------------------------------------
# extraction -> RDF
# ---------------------------------------------------------------------------------------------
TEXT = (
    "Russian President Vladimir Putin met Kim Jong Un in Pyongyang. "
    "The two countries signed a partnership treaty on Wednesday."
)


def _extraction() -> Extraction:
    document = Document(
        text=TEXT,
        title="Demo",
        publisher="Demo Wire",
        date=dt.date(2024, 6, 19),
        url="https://example.org/demo",
    )
    first = Sentence(0, Span(0, 62), TEXT[0:62])
    second = Sentence(1, Span(63, len(TEXT)), TEXT[63:])
    return Extraction(
        document=document,
        sentences=[first, second],
        mentions=[
            Mention("state", "RUS", Span(0, 7), "Russian", "demonym"),
            Mention("state", "PRK", Span(52, 61), "Pyongyang", "capital"),
            Mention("organisation", "UNSC", Span(0, 1), "x", "acronym"),
        ],
        persons=[
            PersonFact("vladimir-putin", "Vladimir Putin", ["Vladimir Putin", "Putin"],
                       "President", "RUS", [Span(17, 31)]),
        ],
        events=[
            EventFact("Meeting", "RUS", ["PRK"], first, date=dt.date(2024, 6, 19),
                      location="PRK", confidence=0.9),
            EventFact("AgreementSigning", "RUS", ["PRK"], second, date=dt.date(2024, 6, 19),
                      agreement_label="partnership treaty"),
        ],
        actors={"RUS", "PRK", "UNSC"},
    )


def _graph(triples: list[ox.Triple]) -> ox.Store:
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return store


def _one(store: ox.Store, sparql: str) -> list[tuple[str, ...]]:
    prefixes = (
        f"PREFIX sg: <{SG._NS}> PREFIX dcterms: <{DCTERMS}> PREFIX prov: <{PROV}> "
        f"PREFIX schema: <{SCHEMA}> PREFIX rdf: <{RDF}> "
    )
    rows = store.query(prefixes + sparql)
    assert isinstance(rows, ox.QuerySolutions)
    return sorted(tuple(term.value if term is not None else "" for term in row) for row in rows)


def test_triples_describe_the_source_document() -> None:
    counts: Counter[str] = Counter()
    sha = "ab" * 32
    store = _graph(list(article_triples(_extraction(), sha256=sha, locator="file:///x.md",
                                        counts=counts)))
    doc = str(source_graph_iri(sha))
    rows = _one(store, """SELECT ?doc ?title ?pub ?issued ?url ?sha ?kind ?where WHERE {
        ?doc a sg:SourceDocument ; dcterms:title ?title ; dcterms:publisher ?pub ;
             dcterms:issued ?issued ; schema:url ?url ; sg:sha256 ?sha ; sg:sourceKind ?kind ;
             dcterms:source ?where }""")
    assert rows == [(doc, "Demo", "Demo Wire", "2024-06-19", "https://example.org/demo", sha,
                     "article", "file:///x.md")]
    mentioned = _one(store, "SELECT ?a WHERE { ?doc sg:mentions ?a }")
    assert [m[0].rsplit("/id/", 1)[1] for m in mentioned] == [
        "org/UNSC", f"person/vladimir-putin--{sha[:16]}", "state/PRK", "state/RUS"
    ]
    assert counts == Counter({"sentences": 2, "persons": 1, "fact:Meeting": 1,
                              "fact:AgreementSigning": 1})


def test_events_carry_actor_target_modality_agreement_and_evidence() -> None:
    sha = "cd" * 32
    store = _graph(list(article_triples(_extraction(), sha256=sha)))
    rows = _one(store, """SELECT ?type ?actor ?target ?mod ?date WHERE {
        ?e a ?type ; sg:actor ?actor ; sg:target ?target ; sg:modality ?mod ; sg:date ?date }""")
    assert rows == [
        (str(SG.AgreementSigning), "https://w3id.org/sanctions-graph/id/state/RUS",
         "https://w3id.org/sanctions-graph/id/state/PRK", str(SG.Asserted), "2024-06-19"),
        (str(SG.Meeting), "https://w3id.org/sanctions-graph/id/state/RUS",
         "https://w3id.org/sanctions-graph/id/state/PRK", str(SG.Asserted), "2024-06-19"),
    ]
    agreement = _one(store, """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label ?party ?signed WHERE { ?e sg:agreement ?a . ?a a sg:Agreement ;
        rdfs:label ?label ; sg:party ?party ; sg:signedOn ?signed }""")
    assert agreement == [
        ("partnership treaty", "https://w3id.org/sanctions-graph/id/state/PRK", "2024-06-19"),
        ("partnership treaty", "https://w3id.org/sanctions-graph/id/state/RUS", "2024-06-19"),
    ]
    location = _one(store, "SELECT ?l WHERE { ?e a sg:Meeting ; sg:location ?l }")
    assert location == [("https://w3id.org/sanctions-graph/id/state/PRK",)]


def test_every_quote_equals_the_document_text_at_its_offsets() -> None:
    sha = "ef" * 32
    store = _graph(list(article_triples(_extraction(), sha256=sha)))
    rows = _one(store, """SELECT ?quote ?start ?end ?conf ?extractor ?text WHERE {
        ?e sg:evidence ?ev . ?ev a sg:Evidence ; sg:quote ?quote ; sg:charStart ?start ;
        sg:charEnd ?end ; sg:confidence ?conf ; sg:extractor ?extractor ;
        prov:wasDerivedFrom ?doc . ?doc schema:text ?text }""")
    assert len(rows) == 2
    for quote, start, end, confidence, extractor, text in rows:
        assert text == TEXT
        assert quote == text[int(start) : int(end)]
        assert 0.0 <= float(confidence) <= 1.0
        assert extractor.startswith("sanctions-graph/")
    assert {row[0] for row in rows} == {TEXT[0:62], TEXT[63:]}


def test_same_extraction_gives_the_same_triples() -> None:
    sha = "01" * 32
    first = set(map(str, article_triples(_extraction(), sha256=sha)))
    second = set(map(str, article_triples(_extraction(), sha256=sha)))
    assert first == second
    # Another document with the same facts gets its own subjects: graphs never share triples.
    other = set(map(str, article_triples(_extraction(), sha256="02" * 32)))
    assert first.isdisjoint(other)


def test_persons_are_scoped_by_document_with_labels_role_and_state() -> None:
    sha = "99" * 32
    store = _graph(list(article_triples(_extraction(), sha256=sha)))
    rows = _one(store, """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?p ?label ?alt ?role ?nat ?rep WHERE { ?p a sg:Person ; rdfs:label ?label ;
        skos:altLabel ?alt ; sg:role ?role ; sg:nationality ?nat ; sg:represents ?rep }""")
    state = "https://w3id.org/sanctions-graph/id/state/RUS"
    assert rows == [(f"https://w3id.org/sanctions-graph/id/person/vladimir-putin--{sha[:16]}",
                     "Vladimir Putin", "Putin", "President", state, state)]


def test_markdown_without_front_matter_takes_its_heading_as_title(tmp_path: Path) -> None:
    path = write(tmp_path, "note.md", "# Belarus hosts Russian weapons\n\nMinsk said so.\n")
    document = read_article(path)
    assert document.title == "Belarus hosts Russian weapons"
    assert document.text == "# Belarus hosts Russian weapons\n\nMinsk said so.\n"


def test_a_person_of_an_organisation_represents_it_without_nationality() -> None:
    extraction = _extraction()
    extraction.persons[0] = PersonFact("josep-borrell", "Josep Borrell", ["Josep Borrell"],
                                       "foreign policy chief", "EU")
    store = _graph(list(article_triples(extraction, sha256="77" * 32)))
    rows = _one(store, "SELECT ?p ?o WHERE { ?s a sg:Person ; ?p ?o FILTER(isIRI(?o)) }")
    assert (str(SG.represents), "https://w3id.org/sanctions-graph/id/org/EU") in rows
    assert not [row for row in rows if row[0] == str(SG.nationality)]
