"""News articles: read them (plain text, front-matter text/Markdown, HTML, JSON lines), extract
their facts, and turn the facts into RDF with evidence.

Reading:
- plain text as received (headline, standfirst, a ``By ... <date>`` byline, caption, body): the
  title is the headline and the date comes from the byline;
- text or Markdown with YAML front matter (``title``, ``publisher``, ``date``, ``url``): the
  document text is everything after the closing ``---``;
- HTML: main text and metadata with trafilatura (nothing is executed, scripts are dropped);
- JSON lines: one article per line (``title``, ``url``, ``date``/``published``, ``text``/``body``,
  ``publisher``), each line its own document and graph.

The encoding is detected (byte-order mark, then strict UTF-8, then charset-normalizer), never
assumed; line ends are normalised to ``\\n``. Evidence offsets refer to ``Document.text``, which
the graph keeps as ``schema:text`` on the ``sg:SourceDocument`` so every quote can be checked.

Graph identity: one named graph per document, ``sgid:source/<sha256>`` where the digest is that
of the file's bytes (for JSON lines: of the line's text in UTF-8). The same IRI names the
``sg:SourceDocument``. Every other IRI is derived from the digest and the fact, so the same
content always gives the same triples. ``dcterms:source`` records where the document was read
from (a ``file:`` IRI, with ``#line=N`` for JSON lines), which is how a changed version of the
same file (or of the same URL) finds and replaces its predecessor.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph as ox
import yaml

from sanctions_graph import __version__
from sanctions_graph.errors import InputError
from sanctions_graph.extract.model import Document, Extraction
from sanctions_graph.ingest.registry import IngestOptions, SourceUnit, register
from sanctions_graph.vocab import (
    DCTERMS,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SG,
    SGID,
    SKOS,
    XSD,
    org_iri,
    person_iri,
    source_graph_iri,
    state_iri,
)
from sanctions_graph.vocab import ox as node

KIND = "article"

#: A single-article file larger than this is not an article (JSON lines files may be larger:
#: they are streamed line by line).
MAX_ARTICLE_BYTES = 5_000_000
#: One line of a JSON lines file may hold at most this many characters.
MAX_JSONL_LINE_CHARS = 2_000_000
#: No paragraph of a real article is this long; a longer line is a data dump, not prose.
MAX_LINE_CHARS = 100_000

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# ---------------------------------------------------------------------------------------------
# Encoding
# ---------------------------------------------------------------------------------------------
def detect_encoding(sample: bytes, *, complete: bool = True) -> str:
    """The encoding of ``sample``: its byte-order mark, else UTF-8 if valid, else what
    charset-normalizer finds. ``complete=False`` when the sample is the head of a longer file
    (a multi-byte character may be cut at its end). Raises ``InputError`` for binary data."""
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    if b"\x00" in sample:
        raise InputError("binary content (NUL bytes), not text")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        raise InputError("cannot detect the text encoding (binary content?)")
    return str(best.encoding)


def decode_text(data: bytes) -> str:
    """Decode a whole file's bytes (encoding detected), with ``\\n`` line ends and no BOM."""
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise InputError(f"cannot decode the text as {encoding}: {error}") from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    _check_text(text)
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _check_text(text: str) -> None:
    """Refuse text that is not prose: control characters (binary) or a giant line."""
    head = text[:20_000]
    if len(_CONTROL.findall(head)) > max(8, len(head) // 100):
        raise InputError("binary content (control characters), not text")
    if len(text) <= MAX_LINE_CHARS:
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise InputError(
                f"line {number} is {len(line):,} characters long (an article line has at most "
                f"{MAX_LINE_CHARS:,}): not an article"
            )


# ---------------------------------------------------------------------------------------------
# Metadata values
# ---------------------------------------------------------------------------------------------
def parse_date(value: object, *, field: str = "date") -> dt.date:
    """A day-precision date from a front-matter/JSON value or a string; ``InputError`` if none."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{field} {value!r} is not a date (expected e.g. 2024-06-19)")
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10]) if re.match(r"\d{4}-\d{2}-\d{2}", text) else (
            _parse_free_date(text)
        )
    except ValueError:
        raise InputError(f"cannot parse {field} {text!r} (expected e.g. 2024-06-19)") from None


def _parse_free_date(text: str) -> dt.date:
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True},
    )
    if parsed is None:
        raise ValueError(text)
    return parsed.date()


def check_url(value: object, *, field: str = "url") -> str:
    """An absolute http(s) URL usable as an IRI, or ``InputError``."""
    if not isinstance(value, str):
        raise InputError(f"{field} {value!r} is not a URL")
    url = value.strip()
    parts = urlsplit(url)
    unsafe = re.search(r"[\s<>\"{}|\\^`]", url)
    if parts.scheme not in ("http", "https") or not parts.netloc or unsafe:
        raise InputError(f"{field} {url!r} is not an absolute http(s) URL")
    return url


def _text_field(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise InputError(f"expected text, got {type(value).__name__}: {value!r}"[:200])
    text = " ".join(str(value).split())
    return text or None


# ---------------------------------------------------------------------------------------------
# Formats
# ---------------------------------------------------------------------------------------------
def article_format(path: Path, head: bytes) -> str:
    """``text``, ``html`` or ``jsonl``: from the extension, else from the first bytes."""
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in TEXT_SUFFIXES:
        return "text"
    sniff = _sniff_text(head).lstrip().lower()
    if sniff.startswith(("<!doctype html", "<html")):
        return "html"
    if sniff.startswith("{") and _first_line_is_article_json(sniff):
        return "jsonl"
    return "text"


def _sniff_text(head: bytes) -> str:
    try:
        encoding = detect_encoding(head, complete=False)
    except InputError:
        return ""
    return head.decode(encoding, errors="ignore").lstrip("\ufeff")


def _first_line_is_article_json(text: str) -> bool:
    line = text.split("\n", 1)[0]
    try:
        record = json.loads(line)
    except ValueError:
        # A first line longer than the sniffed head: judge by its keys.
        return bool(re.search(r'"(text|body)"\s*:', line))
    return isinstance(record, dict) and ("text" in record or "body" in record)


def detect(path: Path, head: bytes) -> bool:
    """Whether ``path`` looks like an article: a known text/HTML/JSON-lines extension (or none)
    and text content; list formats are claimed first by their own, more specific detectors."""
    if path.is_dir() or not head:
        return False
    suffix = path.suffix.lower()
    known = suffix in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
    if not known and suffix:
        sniff = _sniff_text(head).lstrip().lower()
        return sniff.startswith(("<!doctype html", "<html"))
    try:
        detect_encoding(head, complete=False)
    except InputError:
        return False
    if suffix in JSONL_SUFFIXES:
        return _first_line_is_article_json(_sniff_text(head).lstrip())
    return True


@dataclass(frozen=True)
class ArticleSource:
    """One article read from a file (or one line of a JSON lines file), before extraction.

    ``error`` is set (and ``document`` is ``None``) when this one article cannot be read while
    the rest of its file can (a bad line of a JSON lines file).
    """

    label: str
    locator: str  # file: IRI of where it was read, with #line=N for JSON lines
    sha256: str
    document: Document | None
    error: InputError | None = None


def read_article(path: Path, options: IngestOptions | None = None) -> Document:
    """Read one article file (plain text, front-matter text/Markdown, or HTML).

    ``options.date`` / ``options.url`` override what the file says. Raises ``InputError`` for a
    file that cannot be read as an article, and for a JSON lines file (use ``read_articles``).
    """
    sources = list(_single(path, options or IngestOptions(), path.read_bytes()))
    document = sources[0].document
    assert document is not None  # _single raises rather than yield an error
    return document


def read_articles(path: Path, options: IngestOptions | None = None) -> Iterator[ArticleSource]:
    """Read every article of a file: one for text/HTML, one per line for JSON lines.

    Raises ``InputError`` when the file as a whole cannot be read; a bad line of a JSON lines
    file is yielded as an ``ArticleSource`` carrying its ``error``.
    """
    options = options or IngestOptions()
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(65536)
    except FileNotFoundError:
        raise InputError("file not found (deleted or moved?)") from None
    except OSError as error:
        raise InputError(f"cannot read file: {error.strerror or error}") from None
    if not head:
        raise InputError("empty file")
    if article_format(path, head) == "jsonl":
        if options.url:
            raise InputError("--url cannot apply to a JSON lines file (each line has its own url)")
        yield from _jsonl(path, options, head)
        return
    if size > MAX_ARTICLE_BYTES:
        raise InputError(
            f"file is {size / 1e6:.1f} MB, too large for one article (limit "
            f"{MAX_ARTICLE_BYTES / 1e6:.0f} MB); put many articles in JSON lines"
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found (deleted or moved?)") from None
    except OSError as error:
        raise InputError(f"cannot read file: {error.strerror or error}") from None
    yield from _single(path, options, data)


def _locator(path: Path, line: int | None = None) -> str:
    uri = path.resolve().as_uri()
    return f"{uri}#line={line}" if line is not None else uri


def _single(path: Path, options: IngestOptions, data: bytes) -> Iterator[ArticleSource]:
    if not data.strip():
        raise InputError("empty file")
    if article_format(path, data[:65536]) == "html":
        document = _read_html(data)
    else:
        document = _read_text(decode_text(data))
    document = _apply_options(replace(document, source_path=str(path)), options)
    yield ArticleSource(
        label=str(path),
        locator=_locator(path),
        sha256=hashlib.sha256(data).hexdigest(),
        document=document,
    )


def _apply_options(document: Document, options: IngestOptions) -> Document:
    if not document.text.strip():
        raise InputError("no article text")
    if options.date is not None:
        document = replace(document, date=options.date)
    if options.url is not None:
        document = replace(document, url=check_url(options.url, field="--url"))
    return document


# -- plain text and front matter --------------------------------------------------------------
#: libyaml's safe loader when PyYAML was built with it (about 10x faster), else the pure one.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")


def _read_text(text: str) -> Document:
    if text.startswith("---") and _FENCE.match(text.split("\n", 1)[0]):
        return _read_front_matter(text)
    return _read_plain(text)


def _read_front_matter(text: str) -> Document:
    lines = text.split("\n")
    offset = len(lines[0]) + 1
    for line in lines[1:]:
        if _FENCE.match(line):
            block = text[len(lines[0]) + 1 : offset]
            body = text[offset + len(line) + 1 :]
            break
        offset += len(line) + 1
    else:
        raise InputError("malformed front matter: opened with '---' but never closed")
    try:
        meta = yaml.load(block, Loader=_YAML_LOADER) if block.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).split("\n")[0]
        raise InputError(f"malformed front matter{where}: {problem}") from None
    if not isinstance(meta, dict):
        raise InputError("malformed front matter: expected 'key: value' lines")
    body = body.lstrip("\n")
    date_value = meta.get("date", meta.get("published"))
    url_value = meta.get("url")
    return Document(
        text=body,
        title=_text_field(meta.get("title")),
        publisher=_text_field(meta.get("publisher")),
        date=parse_date(date_value, field="front matter date") if date_value else None,
        url=check_url(url_value, field="front matter url") if url_value else None,
    )


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_IN_LINE = re.compile(
    rf"\b(\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b"
)
_BYLINE = re.compile(r"^\s*By\s+(?P<who>.+?)\s*(?:$|\b(?:Updated|Published|Posted)\b|[-–—|,:])")
_DATELINE = re.compile(r"^\s*(?:By\b|Updated\b|Published\b|Posted\b|Date\b)", re.IGNORECASE)


def _read_plain(text: str) -> Document:
    """The AP-like layout: headline first, then standfirst, byline with date, caption, body."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    title: str | None = None
    if len(paragraphs) > 1:
        first = paragraphs[0]
        if "\n" not in first and len(first) <= 300:
            title = " ".join(first.lstrip("#").split()) or None  # a Markdown heading too
    date: dt.date | None = None
    publisher: str | None = None
    for paragraph in paragraphs[1:8]:
        if "\n" in paragraph or len(paragraph) > 200 or not _DATELINE.match(paragraph):
            continue
        found = _DATE_IN_LINE.search(paragraph)
        if found is not None and date is None:
            try:
                date = parse_date(found.group(1))
            except InputError:
                date = None  # a byline is a heuristic: no date rather than a wrong one
        byline = _BYLINE.match(paragraph)
        if byline is not None and publisher is None:
            who = byline.group("who").strip()
            # "By AP", "By Reuters": an agency; "By Jane Smith" names an author, not a publisher.
            if who and " " not in who and len(who) <= 40:
                publisher = who
        if date is not None:
            break
    return Document(text=text, title=title, publisher=publisher, date=date)


# -- HTML ----------------------------------------------------------------------------------------
def _read_html(data: bytes) -> Document:
    import trafilatura

    html = decode_html(data)
    # trafilatura parses with lxml and never runs scripts; <script>/<style> are dropped from
    # the main text. Nothing is fetched: it is given the markup, not a URL.
    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise InputError("no article text found in the HTML page")
    text = text.replace("\r\n", "\n")
    _check_text(text)
    date = None
    raw_date = getattr(result, "date", None)
    if raw_date:
        try:
            date = parse_date(str(raw_date), field="HTML date")
        except InputError:
            date = None  # page metadata guessed by trafilatura: better none than a wrong one
    url = None
    raw_url = getattr(result, "url", None)
    if raw_url:
        try:
            url = check_url(str(raw_url))
        except InputError:
            url = None
    return Document(
        text=text,
        title=_text_field(getattr(result, "title", None)),
        publisher=_text_field(getattr(result, "sitename", None)),
        date=date,
        url=url,
    )


def decode_html(data: bytes) -> str:
    """HTML bytes to text: BOM, then the declared ``<meta charset>``, then detection."""
    for bom, _name in _BOMS:
        if data.startswith(bom):
            return decode_text_lenient(data)
    declared = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.IGNORECASE)
    if declared is not None:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text_lenient(data)


def decode_text_lenient(data: bytes) -> str:
    """Decode with the detected encoding (HTML: no prose checks, markup may have long lines)."""
    encoding = detect_encoding(data)
    try:
        return data.decode(encoding).lstrip("\ufeff")
    except (UnicodeDecodeError, LookupError) as error:
        raise InputError(f"cannot decode the page as {encoding}: {error}") from None


# -- JSON lines ----------------------------------------------------------------------------------
def _jsonl(path: Path, options: IngestOptions, head: bytes) -> Iterator[ArticleSource]:
    encoding = detect_encoding(head, complete=False)
    try:
        handle = path.open("r", encoding=encoding, newline="", errors="strict")
    except OSError as error:
        raise InputError(f"cannot read file: {error.strerror or error}") from None
    with handle:
        number = 0
        while True:
            try:
                line = handle.readline(MAX_JSONL_LINE_CHARS + 1)
            except UnicodeDecodeError as error:
                raise InputError(
                    f"line {number + 1}: invalid {encoding} text ({error.reason})"
                ) from None
            if not line:
                return
            number += 1
            label = f"{path}:{number}"
            if len(line) > MAX_JSONL_LINE_CHARS and not line.endswith("\n"):
                while line and not line.endswith("\n"):  # skip the rest of the giant line
                    line = handle.readline(MAX_JSONL_LINE_CHARS)
                yield _bad(label, path, number, f"line longer than {MAX_JSONL_LINE_CHARS:,} "
                           "characters")
                continue
            line = line.rstrip("\r\n").lstrip("\ufeff")
            if not line.strip():
                continue
            try:
                document = _jsonl_document(line, options)
            except InputError as error:
                yield _bad(label, path, number, str(error))
                continue
            yield ArticleSource(
                label=label,
                locator=_locator(path, number),
                sha256=hashlib.sha256(line.encode("utf-8")).hexdigest(),
                document=replace(document, source_path=label),
            )


def _bad(label: str, path: Path, number: int, message: str) -> ArticleSource:
    return ArticleSource(
        label=label,
        locator=_locator(path, number),
        sha256="",
        document=None,
        error=InputError(message),
    )


def _jsonl_document(line: str, options: IngestOptions) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise InputError("expected a JSON object per line")
    text = record.get("text", record.get("body"))
    if not isinstance(text, str) or not text.strip():
        raise InputError("no 'text' or 'body' field with the article text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check_text(text)
    date_value = record.get("date", record.get("published"))
    url_value = record.get("url")
    document = Document(
        text=text,
        title=_text_field(record.get("title")),
        publisher=_text_field(record.get("publisher")),
        date=parse_date(date_value) if date_value else None,
        url=check_url(url_value) if url_value else None,
    )
    return _apply_options(document, replace(options, url=None))


# ---------------------------------------------------------------------------------------------
# Extraction -> RDF
# ---------------------------------------------------------------------------------------------
_XSD_DATE = node(XSD.date)
_XSD_INTEGER = node(XSD.integer)
_XSD_DOUBLE = node(XSD.double)
_TYPE = node(RDF.type)


def _date(value: dt.date) -> ox.Literal:
    return ox.Literal(value.isoformat(), datatype=_XSD_DATE)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_XSD_INTEGER)


def _digest(*parts: object) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def extractor_label() -> str:
    """The ``sg:extractor`` value: package name and version, then the extractor's name."""
    from sanctions_graph import extract

    name = getattr(extract, "EXTRACTOR_NAME", "article rules")
    version = getattr(extract, "EXTRACTOR_VERSION", None)
    return f"sanctions-graph/{__version__} {name}" + (f" {version}" if version else "")


class _Actors:
    """Maps extraction codes to IRIs: states by ISO3, organisations by acronym."""

    def __init__(self, extraction: Extraction) -> None:
        self.kinds = {m.code: m.kind for m in extraction.mentions if m.kind != "person"}
        self.known: dict[str, ox.NamedNode] = {}

    def is_state(self, code: str) -> bool:
        kind = self.kinds.get(code)
        return kind == "state" if kind is not None else _is_iso3(code)

    def iri(self, code: str) -> ox.NamedNode:
        found = self.known.get(code)
        if found is None:
            found = node(state_iri(code) if self.is_state(code) else org_iri(code))
            self.known[code] = found
        return found


def _is_iso3(code: str) -> bool:
    if len(code) != 3 or not code.isalpha() or not code.isupper():
        return False
    import pycountry

    return pycountry.countries.get(alpha_3=code) is not None


# Terms used for every document, built once (DefinedNamespace look-ups cost microseconds each).
_dcterms_issued = node(DCTERMS.issued)
_dcterms_publisher = node(DCTERMS.publisher)
_dcterms_source = node(DCTERMS.source)
_dcterms_title = node(DCTERMS.title)
_prov_wasDerivedFrom = node(PROV.wasDerivedFrom)
_rdfs_label = node(RDFS.label)
_schema_text = node(SCHEMA.text)
_schema_url = node(SCHEMA.url)
_sg_Agreement = node(SG.Agreement)
_sg_Evidence = node(SG.Evidence)
_sg_Person = node(SG.Person)
_sg_SourceDocument = node(SG.SourceDocument)
_sg_actor = node(SG.actor)
_sg_agreement = node(SG.agreement)
_sg_charEnd = node(SG.charEnd)
_sg_charStart = node(SG.charStart)
_sg_confidence = node(SG.confidence)
_sg_date = node(SG.date)
_sg_evidence = node(SG.evidence)
_sg_extractor = node(SG.extractor)
_sg_location = node(SG.location)
_sg_mentions = node(SG.mentions)
_sg_modality = node(SG.modality)
_sg_nationality = node(SG.nationality)
_sg_party = node(SG.party)
_sg_quote = node(SG.quote)
_sg_represents = node(SG.represents)
_sg_role = node(SG.role)
_sg_sha256 = node(SG.sha256)
_sg_signedOn = node(SG.signedOn)
_sg_sourceKind = node(SG.sourceKind)
_sg_target = node(SG.target)
_skos_altLabel = node(SKOS.altLabel)


@lru_cache(maxsize=64)
def _sg_term(name: str) -> ox.NamedNode:
    """The ``sg:`` term called ``name`` (an event class or modality)."""
    return node(getattr(SG, name))


def article_triples(
    extraction: Extraction,
    *,
    sha256: str,
    locator: str | None = None,
    counts: Counter[str] | None = None,
) -> Iterator[ox.Triple]:
    """The triples of one document's graph: the ``sg:SourceDocument``, its persons and events,
    each event with its ``sg:Evidence``. ``counts`` (if given) receives sentences, persons and
    ``fact:<EventType>`` tallies."""
    counts = counts if counts is not None else Counter()
    document = extraction.document
    # Document-specific IRIs are built directly: caching them would only churn the cache.
    doc = ox.NamedNode(str(source_graph_iri(sha256)))
    text = document.text
    key = sha256[:16]
    actors = _Actors(extraction)
    t = ox.Triple

    yield t(doc, _TYPE, _sg_SourceDocument)
    yield t(doc, _sg_sha256, ox.Literal(sha256))
    yield t(doc, _sg_sourceKind, ox.Literal(KIND))
    yield t(doc, _schema_text, ox.Literal(text))
    if document.title:
        yield t(doc, _dcterms_title, ox.Literal(document.title))
        yield t(doc, _rdfs_label, ox.Literal(document.title))
    if document.publisher:
        yield t(doc, _dcterms_publisher, ox.Literal(document.publisher))
    if document.date:
        yield t(doc, _dcterms_issued, _date(document.date))
    if document.url:
        yield t(doc, _schema_url, ox.NamedNode(document.url))
    if locator:
        yield t(doc, _dcterms_source, ox.NamedNode(locator))
    counts["sentences"] += len(extraction.sentences)

    for code in sorted(extraction.actors | {m.code for m in extraction.mentions
                                            if m.kind != "person"}):
        yield t(doc, _sg_mentions, actors.iri(code))

    persons: dict[str, ox.NamedNode] = {}
    for person in extraction.persons:
        # Scoped by document: the same name in two documents may be two people; linking
        # (sanctions_graph.linking) matches them by label across documents and lists.
        iri = ox.NamedNode(str(person_iri(f"{person.key}--{key}")))
        persons[person.key] = iri
        counts["persons"] += 1
        yield t(doc, _sg_mentions, iri)
        yield t(iri, _TYPE, _sg_Person)
        yield t(iri, _rdfs_label, ox.Literal(person.name))
        for variant in sorted(set(person.variants) - {person.name}):
            yield t(iri, _skos_altLabel, ox.Literal(variant))
        if person.role:
            yield t(iri, _sg_role, ox.Literal(person.role))
        if person.state:
            # "state" may be an organisation's acronym (the EU's foreign policy chief): such a
            # person represents it but has no nationality from it.
            belongs = actors.iri(person.state)
            if actors.is_state(person.state):
                yield t(iri, _sg_nationality, belongs)
            if person.role:  # an office holder speaks for the state or organisation
                yield t(iri, _sg_represents, belongs)
        yield t(iri, _prov_wasDerivedFrom, doc)

    extractor = ox.Literal(extractor_label())
    seen: set[str] = set()
    for event in extraction.events:
        span = event.sentence.span
        # The quote is cut from the document text at the offsets, so it is verbatim by
        # construction (and the graph keeps the text to check it against).
        quote = text[span.start : span.end]
        ident = _digest(event.type, event.actor, ",".join(event.targets), span.start, span.end)
        if ident in seen:
            continue
        seen.add(ident)
        counts[f"fact:{event.type}"] += 1
        ev = ox.NamedNode(f"{SGID}event/{key}/{ident}")
        evidence = ox.NamedNode(f"{SGID}evidence/{key}/{ident}")
        yield t(ev, _TYPE, _sg_term(event.type))
        label_targets = ", ".join(event.targets)
        yield t(ev, _rdfs_label, ox.Literal(f"{event.type} {event.actor} -> {label_targets}"))
        yield t(ev, _sg_actor, actors.iri(event.actor))
        for target in event.targets:
            yield t(ev, _sg_target, actors.iri(target))
        yield t(ev, _sg_modality, _sg_term(event.modality))
        if event.date:
            yield t(ev, _sg_date, _date(event.date))
        if event.location and actors.is_state(event.location):
            yield t(ev, _sg_location, node(state_iri(event.location)))
        if event.agreement_label or event.type in ("AgreementSigning", "IntentToCooperate"):
            agreement = ox.NamedNode(f"{SGID}agreement/{key}/{ident}")
            parties = [event.actor, *event.targets]
            label = event.agreement_label or f"agreement between {' and '.join(parties)}"
            yield t(ev, _sg_agreement, agreement)
            yield t(agreement, _TYPE, _sg_Agreement)
            yield t(agreement, _rdfs_label, ox.Literal(label))
            for party in parties:
                yield t(agreement, _sg_party, actors.iri(party))
            if event.type == "AgreementSigning" and event.modality == "Asserted" and event.date:
                yield t(agreement, _sg_signedOn, _date(event.date))
        yield t(ev, _sg_evidence, evidence)
        yield t(evidence, _TYPE, _sg_Evidence)
        yield t(evidence, _sg_quote, ox.Literal(quote))
        yield t(evidence, _sg_charStart, _integer(span.start))
        yield t(evidence, _sg_charEnd, _integer(span.end))
        confidence = min(1.0, max(0.0, float(event.confidence)))
        yield t(evidence, _sg_confidence, ox.Literal(repr(confidence), datatype=_XSD_DOUBLE))
        yield t(evidence, _sg_extractor, extractor)
        yield t(evidence, _prov_wasDerivedFrom, doc)


# ---------------------------------------------------------------------------------------------
# Ingestor
# ---------------------------------------------------------------------------------------------
# Each pattern starts from the bound value and stays in its own GRAPH block: Oxigraph's planner
# then uses the value's index (0.1 ms at 2,000 documents) instead of scanning every document.
_REPLACED_BY_SOURCE = f"""
SELECT DISTINCT ?g ?where WHERE {{ GRAPH ?g {{ ?doc <{DCTERMS.source}> ?where }} }}"""
_REPLACED_BY_URL = f"""
SELECT DISTINCT ?g ?url WHERE {{
  GRAPH ?g {{ ?doc <{SCHEMA.url}> ?url }}
  GRAPH ?g {{ ?doc <{SG.sourceKind}> ?kind }}
  FILTER (?kind = "{KIND}")
}}"""


def _finder(source: ArticleSource, graph: str) -> Callable[..., list[str]]:
    """Graphs an article supersedes: earlier versions read from the same place or URL."""

    def find(query: Callable[..., Any]) -> list[str]:
        found: set[str] = set()
        document = source.document
        by_url = document is not None and document.url is not None
        # A JSON lines record with a URL is identified by it alone: lines may move around.
        if not (by_url and "#line=" in source.locator):
            result = query(_REPLACED_BY_SOURCE, {"where": ox.NamedNode(source.locator)})
            found.update(row["g"].value for row in result.rows if row.get("g") is not None)
        if by_url and document is not None and document.url is not None:
            result = query(_REPLACED_BY_URL, {"url": ox.NamedNode(document.url)})
            found.update(row["g"].value for row in result.rows if row.get("g") is not None)
        found.discard(graph)
        return sorted(found)

    return find


def _unit(source: ArticleSource) -> SourceUnit:
    if source.document is None:
        assert source.error is not None
        return SourceUnit(graph="", label=source.label, kind=KIND, triples=(), error=source.error)
    graph = str(source_graph_iri(source.sha256))
    counts: Counter[str] = Counter()
    document = source.document

    def triples() -> Iterator[ox.Triple]:
        from sanctions_graph.extract import extract_document

        extraction = extract_document(document)
        counts["documents"] += 1
        yield from article_triples(
            extraction, sha256=source.sha256, locator=source.locator, counts=counts
        )

    return SourceUnit(
        graph=graph,
        label=source.label,
        kind=KIND,
        triples=triples(),
        counts=counts,
        find_replaced=_finder(source, graph),
    )


@register(
    KIND,
    "news article: plain text, text/Markdown with YAML front matter, HTML, or JSON lines",
    detect,
    priority=-10,  # the generic fallback: list formats have specific detectors
)
def ingest_article(path: Path, options: IngestOptions) -> Iterator[SourceUnit]:
    """Units for every article in ``path`` (one per JSON line), extraction done lazily."""
    for source in read_articles(path, options):
        yield _unit(source)


__all__ = [
    "KIND",
    "ArticleSource",
    "article_format",
    "article_triples",
    "decode_text",
    "detect",
    "detect_encoding",
    "extractor_label",
    "ingest_article",
    "parse_date",
    "read_article",
    "read_articles",
]
