"""What every sanctions-list ingestor shares: hardened streaming XML, text files with or without
a byte-order mark, date parsing, the record model and the one builder that turns a listed entity
and its listings into RDF.

A format module (``un_xml``, ``ofac``, ``ofac_xml``, ``eu_xml``, ``uk_xml``, ``ftm``) only parses
its format into ``ListedEntity`` records; ``ListBuilder`` writes them, so every list gives the
same shape of graph:

- the list itself: an ``sg:SanctionsList`` (``sgid:list/<key>``) with ``dcterms:title``,
  ``dcterms:publisher``, ``dcterms:issued`` (publication date), ``sg:sha256``, ``sg:sourceKind``;
- one ``sg:Designation`` per listing and programme (``sgid:designation/<key>/<ref>/<code>``):
  ``sg:designates``, ``sg:underRegime`` (the reference crosswalk ``regime_for_code``, or a new
  regime node for an unknown programme code, counted and reported), ``sg:listedOn``,
  ``sg:listingReference``, ``rdfs:comment`` and ``prov:wasDerivedFrom`` the list;
- the listed actor or asset, whose IRI comes from its strongest identifier so that authorities
  agreeing on it meet on one node: ``sgid:entity/un/<UN reference>``, else
  ``sgid:entity/ofac/<OFAC uid>``, else ``sgid:entity/eu/<EU reference>``, else
  ``sgid:entity/uk/<UK unique id>``, else ``sgid:entity/ftm/<FollowTheMoney id>``. The other
  strong identifiers a record carries become ``owl:sameAs`` links to their IRIs.

Each list is one named graph, ``sgid:graph/list/<key>``, stable for the list (not for the file
version), so ingesting a newer file of the same list replaces the older one atomically.

Safety: an XML file is refused before any parser sees it when its prolog holds a DOCTYPE (the
only place ENTITY declarations can live), and the parser itself runs with entity resolution,
DTD loading and network access off. Errors are ``InputError``; problems with one record are
counted warnings in the unit's summary.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from lxml import etree

from sanctions_graph import __version__
from sanctions_graph.errors import InputError
from sanctions_graph.ingest.registry import IngestOptions, SourceUnit
from sanctions_graph.vocab import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SG,
    SGID,
    SKOS,
    XSD,
    org_iri,
    regime_iri,
    slug,
    state_iri,
)
from sanctions_graph.vocab import ox as node

#: Authorities whose programme codes the reference crosswalk knows, and who imposes an unknown
#: programme of theirs: (label, IRI of the imposing actor).
AUTHORITIES: dict[str, tuple[str, str]] = {
    "UN": ("UN Security Council", str(org_iri("UNSC"))),
    "OFAC": ("US Treasury OFAC", str(state_iri("USA"))),
    "EU": ("Council of the European Union", str(org_iri("EU"))),
    "UK": ("UK Foreign, Commonwealth & Development Office", str(state_iri("GBR"))),
}
#: Strong-identifier schemes, strongest first: the first one a record has names its actor.
ID_SCHEMES = ("un", "ofac", "eu", "uk", "ftm")
#: How many example messages the summary shows per warning category.
WARNING_EXAMPLES = 3
#: XML bytes read at most while looking for the root element (a longer prolog is refused).
MAX_PROLOG_BYTES = 1 << 20

_XSD_DATE = node(XSD.date)
_XSD_GYEAR = node(XSD.gYear)
_XSD_GYEARMONTH = node(XSD.gYearMonth)
_TYPE = node(RDF.type)
_LABEL = node(RDFS.label)
_COMMENT = node(RDFS.comment)
_ALT = node(SKOS.altLabel)
_SAME = node(OWL.sameAs)
# The nodes the builder writes, made once (it writes millions of triples).
_SG_Designation = node(str(SG.Designation))
_SG_SanctionsList = node(str(SG.SanctionsList))
_SG_SanctionsRegime = node(str(SG.SanctionsRegime))
_SG_SourceDocument = node(str(SG.SourceDocument))
_SG_address = node(str(SG.address))
_SG_birthDate = node(str(SG.birthDate))
_SG_birthPlace = node(str(SG.birthPlace))
_SG_designates = node(str(SG.designates))
_SG_ftmId = node(str(SG.ftmId))
_SG_identifier = node(str(SG.identifier))
_SG_imoNumber = node(str(SG.imoNumber))
_SG_imposedBy = node(str(SG.imposedBy))
_SG_listedOn = node(str(SG.listedOn))
_SG_listingReference = node(str(SG.listingReference))
_SG_measure = node(str(SG.measure))
_SG_passportNumber = node(str(SG.passportNumber))
_SG_programCode = node(str(SG.programCode))
_SG_role = node(str(SG.role))
_SG_sha256 = node(str(SG.sha256))
_SG_sourceKind = node(str(SG.sourceKind))
_SG_underRegime = node(str(SG.underRegime))
_DERIVED = node(str(PROV.wasDerivedFrom))
_TITLE = node(str(DCTERMS.title))
_PUBLISHER = node(str(DCTERMS.publisher))
_SOURCE = node(str(DCTERMS.source))
_ISSUED = node(str(DCTERMS.issued))

#: Entity kinds and their classes.
CLASSES: dict[str, str] = {
    "person": str(SG.Person),
    "organization": str(SG.Organization),
    "company": str(SG.Company),
    "vessel": str(SG.Vessel),
    "aircraft": str(SG.Aircraft),
    "actor": str(SG.Actor),
}


# ---------------------------------------------------------------------------------------------
# Hardened streaming XML
# ---------------------------------------------------------------------------------------------
def check_xml_prolog(path: Path) -> None:
    """Refuse an XML file whose prolog declares a DOCTYPE (and with it ENTITY declarations).

    Sanctions lists never carry a DTD; one in a list file is an entity-expansion ("billion
    laughs") or external-entity attack, or not a list at all. Only the prolog is read: the XML
    declaration, comments and processing instructions up to the root element.
    """
    with path.open("rb") as handle:
        data = handle.read(64 * 1024)
        while True:
            verdict = _prolog_verdict(data)
            if verdict is not None:
                break
            more = handle.read(64 * 1024)
            if not more or len(data) > MAX_PROLOG_BYTES:
                verdict = "doctype" if b"<!DOCTYPE" in data else "end"
                break
            data += more
    if verdict == "doctype":
        raise InputError(
            f"{path.name}: refused: the XML declares a DOCTYPE/ENTITY (entity expansion and "
            "external entities are not allowed in a sanctions list)"
        )


def _prolog_verdict(data: bytes) -> str | None:
    """"doctype", "root" (root element reached first) or None (need more bytes)."""
    text = _ascii_view(data)
    position = 0
    length = len(text)
    while True:
        while position < length and text[position] in " \t\r\n\ufeff":
            position += 1
        if position >= length:
            return None
        if text.startswith("<?", position):
            end = text.find("?>", position)
            if end < 0:
                return None
            position = end + 2
        elif text.startswith("<!--", position):
            end = text.find("-->", position)
            if end < 0:
                return None
            position = end + 3
        elif text.startswith("<!", position):
            # <!DOCTYPE, <!ENTITY or anything else DTD-like before the root: refuse.
            return "doctype"
        else:
            return "root"


def _ascii_view(data: bytes) -> str:
    """The prolog bytes as text: UTF-16 decoded by its BOM, anything else as Latin-1 (the
    prolog's markup is ASCII in every ASCII-compatible encoding)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    return data.decode("latin-1")


def local_name(tag: object) -> str:
    """The local part of an element tag (``{ns}name`` -> ``name``)."""
    text = tag if isinstance(tag, str) else str(tag)
    return text.rsplit("}", 1)[-1]


def iter_xml(path: Path, tags: Collection[str]) -> Iterator[etree._Element]:
    """Stream the elements named ``tags`` (local names, any namespace) of a hardened parse.

    Each element is yielded when it ends, with its subtree complete; once the caller resumes,
    the element and everything before it are freed, so memory does not grow with the file.
    The root element (with its attributes) is reachable as ``element.getroottree().getroot()``.
    A malformed or truncated file raises ``InputError``.
    """
    check_xml_prolog(path)
    try:
        parser = etree.iterparse(
            str(path),
            events=("end",),
            # The parser reports only these elements ("{*}": in any or no namespace), so the
            # Python loop runs once per record, not once per element.
            tag=[f"{{*}}{name}" for name in tags],
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        for _event, element in parser:
            yield element
            element.clear(keep_tail=False)
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as error:
        raise InputError(f"{path.name}: malformed or truncated XML: {_one_line(error)}") from None


def _qualified(element: etree._Element, name: str) -> str:
    """``name`` in the namespace of ``element`` (list formats keep one namespace throughout)."""
    tag = element.tag
    if isinstance(tag, str) and tag.startswith("{"):
        return tag[: tag.index("}") + 1] + name
    return name


def child_text(element: etree._Element, name: str) -> str:
    """Stripped text of the first direct child with local name ``name`` ("" if none)."""
    text = element.findtext(_qualified(element, name))
    return text.strip() if text else ""


def fields(element: etree._Element) -> dict[str, str]:
    """Local name -> stripped text of the first direct child of that name, in one pass (cheaper
    than one ``child_text`` per field for records with many fields)."""
    found: dict[str, str] = {}
    for child in element:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        name = tag[tag.index("}") + 1 :] if tag.startswith("{") else tag
        if name not in found:
            text = child.text
            found[name] = text.strip() if text else ""
    return found


def children(element: etree._Element, name: str) -> list[etree._Element]:
    """Direct children with local name ``name``."""
    return element.findall(_qualified(element, name))


def descendants(element: etree._Element, name: str) -> Iterator[etree._Element]:
    """All descendants with local name ``name``, in document order."""
    return element.iterdescendants(_qualified(element, name))


def texts(element: etree._Element, name: str) -> list[str]:
    """Stripped, non-empty texts of every descendant named ``name``."""
    found = []
    for child in descendants(element, name):
        if child.text:
            value = " ".join(child.text.split())
            if value:
                found.append(value)
    return found


# ---------------------------------------------------------------------------------------------
# Text files (CSV, JSON lines)
# ---------------------------------------------------------------------------------------------
def text_encoding(path: Path) -> str:
    """The encoding to read a list's text file with: a BOM wins, then strict UTF-8 over the
    whole file (read in blocks), else Windows-1252 (the legacy OFAC files' code page)."""
    with path.open("rb") as handle:
        head = handle.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            decoder.decode(head)
            for block in iter(lambda: handle.read(1 << 20), b""):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def open_text(path: Path) -> IO[str]:
    """Open a list's text file with its encoding (BOM dropped), universal newlines for csv."""
    return path.open("r", encoding=text_encoding(path), newline="")


@contextmanager
def scratch_db(prefix: str) -> Iterator[sqlite3.Connection]:
    """A throw-away SQLite file for joins that do not fit in memory (OFAC CSV files not in
    ``ent_num`` order, FtM records pointing to entities later in the file): memory stays
    bounded, the file is deleted afterwards."""
    with tempfile.TemporaryDirectory(prefix=f"sanctions-graph-{prefix}-") as folder:
        connection = sqlite3.connect(Path(folder) / "scratch.sqlite")
        try:
            # A scratch file needs no durability: no journal, no fsync.
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            yield connection
        finally:
            connection.close()


def file_sha256(paths: Iterable[Path]) -> str:
    """SHA-256 over the bytes of ``paths`` in order (a CSV set is one document)."""
    digest = hashlib.sha256()
    for path in paths:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_PARTIAL_DMY = re.compile(r"^(?:dd|00)[/.](?:mm|00)[/.](\d{4})$", re.IGNORECASE)
_PARTIAL_MY = re.compile(r"^(?:dd|00)[/.](\d{1,2})[/.](\d{4})$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")
_APPROXIMATE = re.compile(r"^(?:circa|c\.|ca\.|approximately|approx\.|about)\s*", re.IGNORECASE)
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY_MON_YEAR = re.compile(r"^(\d{1,2}) ([A-Za-z]{3,9})\.? (\d{4})$")
_MON_YEAR = re.compile(r"^([A-Za-z]{3,9})\.? (\d{4})$")


def parse_date(text: str) -> ox.Literal | None:
    """A list's date as an RDF literal: ``xsd:date`` when complete, ``xsd:gYearMonth`` or
    ``xsd:gYear`` when only part is known; None when the text is not a date we know.

    Formats: ISO ``2009-07-16`` (a time part is ignored), ``16/07/2009`` (day first, as the UK
    and EU lists write), ``dd/mm/1945`` and ``1945``, ``2009-07``, ``16 Jul 2009``, ``Jul 2009``,
    ``circa 1965``.
    """
    # An approximate date is recorded as the date given (the remark keeps the "circa").
    value = _APPROXIMATE.sub("", " ".join(text.split()))
    if not value:
        return None
    try:
        if match := _ISO.match(value):
            day = dt.date(int(match[1]), int(match[2]), int(match[3]))
            return ox.Literal(day.isoformat(), datatype=_XSD_DATE)
        if match := _DMY.match(value):
            day = dt.date(int(match[3]), int(match[2]), int(match[1]))
            return ox.Literal(day.isoformat(), datatype=_XSD_DATE)
        if match := _DAY_MON_YEAR.match(value):
            month = _MONTHS.get(match[2].lower())
            if month is None:
                return None
            day = dt.date(int(match[3]), month, int(match[1]))
            return ox.Literal(day.isoformat(), datatype=_XSD_DATE)
    except ValueError:
        return None  # 31/02/2001 and the like
    if match := _PARTIAL_DMY.match(value) or _YEAR.match(value):
        return ox.Literal(match[1], datatype=_XSD_GYEAR)
    if match := _PARTIAL_MY.match(value):
        month_number = int(match[1])
        if 1 <= month_number <= 12:
            return ox.Literal(f"{match[2]}-{month_number:02d}", datatype=_XSD_GYEARMONTH)
        return None
    if match := _YEAR_MONTH.match(value):
        if 1 <= int(match[2]) <= 12:
            return ox.Literal(value, datatype=_XSD_GYEARMONTH)
        return None
    if match := _MON_YEAR.match(value):
        month = _MONTHS.get(match[1].lower())
        if month is None:
            return None
        return ox.Literal(f"{match[2]}-{month:02d}", datatype=_XSD_GYEARMONTH)
    return None


def full_date(text: str) -> ox.Literal | None:
    """Like ``parse_date`` but only a complete ``xsd:date`` (for ``sg:listedOn``)."""
    literal = parse_date(text)
    if literal is None or literal.datatype != _XSD_DATE:
        return None
    return literal


# ---------------------------------------------------------------------------------------------
# Countries and regimes (through the reference data)
# ---------------------------------------------------------------------------------------------
_NO_COUNTRY = frozenset({"", "00", "-", "unknown", "n/a", "none", "stateless"})


@lru_cache(maxsize=4096)
def country_iri(text: str) -> str | None:
    """The ``sgid:state/<ISO3>`` a country name or ISO code names, or None.

    Lists write countries as names ("Iran (Islamic Republic of)", "Democratic People's Republic
    of Korea"), ISO2 ("KP", "ru") or ISO3 codes; the reference data resolves all of them.
    """
    from sanctions_graph.reference import state

    cleaned = " ".join(text.split())
    if cleaned.casefold() in _NO_COUNTRY:
        return None
    record = state(cleaned)
    if record is None and ", " in cleaned:
        # OFAC writes "Korea, North", "Bahamas, The", "Congo, Democratic Republic of the".
        head, tail = cleaned.split(", ", 1)
        record = state(f"{tail} {head}")
    if record is None and "(" in cleaned:
        # "Iran (Islamic Republic of)" -> also try the parts the reference may know.
        record = state(cleaned.split("(", 1)[0].strip()) or state(
            cleaned.replace("(", "").replace(")", "")
        )
    return str(state_iri(record.iso3)) if record is not None else None


@lru_cache(maxsize=4096)
def regime_key(source: str, code: str) -> str | None:
    """The reference key of the regime a list's programme code belongs to, or None."""
    from sanctions_graph.reference import regime_for_code

    record = regime_for_code(source, code)
    return record.key if record is not None else None


# ---------------------------------------------------------------------------------------------
# The record model
# ---------------------------------------------------------------------------------------------
@dataclass
class Listing:
    """One entry of a list for an entity: its reference, programme codes, date and remarks.

    ``source`` is the authority whose code system ``programs`` use (UN, OFAC, EU, UK, or OS
    for an OpenSanctions programId); ``authority`` and ``imposer`` (an actor IRI) describe who
    imposes an unknown regime when ``source`` does not say it (FtM sanctions of other states).
    """

    reference: str
    source: str
    programs: list[str] = field(default_factory=list)
    listed_on: str = ""
    remarks: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)  # sg:SanctionMeasure local names
    authority: str = ""
    imposer: str = ""
    #: Stable local key when ``reference`` alone is not unique in the list (FtM sanction ids).
    key: str = ""


@dataclass
class ListedEntity:
    """A person, organisation, vessel or aircraft as one list describes it.

    ``ids`` holds every strong identifier the record carries as (scheme, value), scheme one of
    ``ID_SCHEMES``; the strongest names the node, the others become ``owl:sameAs`` links.
    """

    kind: str  # a key of CLASSES
    name: str
    ids: list[tuple[str, str]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    passports: list[str] = field(default_factory=list)
    imo_numbers: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    ftm_id: str = ""
    listings: list[Listing] = field(default_factory=list)


def entity_iri(scheme: str, value: str) -> str:
    """IRI of a listed entity from one strong identifier, e.g. ``sgid:entity/un/KPi.001``."""
    return f"{SGID}entity/{scheme}/{slug(value)}"


def canonical_iri(ids: Iterable[tuple[str, str]]) -> str | None:
    """The IRI named by the strongest identifier among ``ids`` (see ``ID_SCHEMES``)."""
    best: tuple[int, str, str] | None = None
    for scheme, value in ids:
        if not value:
            continue
        rank = ID_SCHEMES.index(scheme)
        candidate = (rank, value, scheme)
        if best is None or candidate < best:
            best = candidate
    return entity_iri(best[2], best[1]) if best is not None else None


_IMO = re.compile(r"(?<!\d)(\d{7})(?!\d)")


def imo_digits(text: str) -> str | None:
    """The seven digits of an IMO number written as "IMO 9562233", "IMO9562233" or bare."""
    match = _IMO.search(text)
    return match[1] if match else None


# ---------------------------------------------------------------------------------------------
# The builder
# ---------------------------------------------------------------------------------------------
class ListBuilder:
    """Turns ``ListedEntity`` records of one list into triples, counting as it goes.

    Counts (in the unit's ``counts``): ``fact:Designation``, ``entities``, ``persons``,
    ``organizations``, ``vessels``, ``aircraft``, ``aliases``, ``relations``,
    ``unknown regimes``, ``warnings``. Warnings are grouped by category with a few examples.
    """

    def __init__(self, *, kind: str, list_key: str, counts: Counter[str]) -> None:
        self.kind = kind
        self.list_key = slug(list_key)
        self.counts = counts
        self.document = node(f"{SGID}list/{self.list_key}")
        self._warnings: Counter[str] = Counter()
        self._examples: dict[str, list[str]] = {}
        #: IRI of each new regime -> (source, code, authority label, imposer IRI)
        self._new_regimes: dict[str, tuple[str, str, str, str]] = {}

    # -- warnings -------------------------------------------------------------------------
    def warn(self, category: str, example: str, number: int = 1) -> None:
        """Count a problem with ``number`` records (kept or skipped by the caller)."""
        self.counts["warnings"] += number
        self._warnings[category] += number
        examples = self._examples.setdefault(category, [])
        if len(examples) < WARNING_EXAMPLES and example not in examples:
            examples.append(example)

    def warning_lines(self) -> list[str]:
        """One line per warning category: count, category, examples."""
        lines = []
        for category, number in self._warnings.most_common():
            examples = "; ".join(self._examples.get(category, []))
            lines.append(f"{number} × {category}" + (f" (e.g. {examples})" if examples else ""))
        return lines

    # -- regimes ----------------------------------------------------------------------------
    def regime(
        self, source: str, code: str, authority: str = "", imposer: str = ""
    ) -> tuple[ox.NamedNode, str]:
        """The regime node for a programme code (reference crosswalk first) and its key."""
        key = regime_key(source, code)
        if key is not None:
            return node(str(regime_iri(key))), key
        new_key = f"{source}-code-{slug(code)[:60]}"
        if new_key != f"{source}-code-{code}":
            # The code does not survive as an IRI (spaces, other scripts): keep it apart.
            new_key += "-" + hashlib.sha256(code.encode()).hexdigest()[:8]
        iri = str(regime_iri(new_key))
        if iri not in self._new_regimes:
            self._new_regimes[iri] = (source, code, authority, imposer)
            self.counts["unknown regimes"] += 1
            self.warn("unknown programme code (new regime node)", f"{source} {code}")
        return node(iri), new_key

    def _regime_triples(self) -> Iterator[ox.Triple]:
        for iri, (source, code, authority, given_imposer) in self._new_regimes.items():
            subject = node(iri)
            label, imposer = AUTHORITIES.get(source, (authority or source, ""))
            if authority:
                label, imposer = authority, given_imposer
            yield ox.Triple(subject, _TYPE, _SG_SanctionsRegime)
            yield ox.Triple(subject, _SG_programCode, ox.Literal(code))
            yield ox.Triple(
                subject, _LABEL, ox.Literal(f"{label} programme {code}", language="en")
            )
            yield ox.Triple(
                subject,
                _COMMENT,
                ox.Literal(
                    f"Programme code {code!r} of {source} is not in the reference crosswalk; "
                    "this node was created from the list.",
                    language="en",
                ),
            )
            if imposer:
                yield ox.Triple(subject, _SG_imposedBy, node(imposer))

    # -- entities ---------------------------------------------------------------------------
    def entity(self, record: ListedEntity, fallback: tuple[str, str] | None = None) -> Iterator[
        ox.Triple
    ]:
        """Triples of one listed entity and its designations.

        ``fallback`` is a list-local (scheme, id) used when the record has no strong id.
        A record with neither, or without a name, is skipped with a warning.
        """
        ids = [(s, v.strip()) for s, v in record.ids if v and v.strip()]
        iri = canonical_iri(ids)
        if iri is None and fallback is not None and fallback[1]:
            iri = entity_iri(*fallback)
        name = " ".join(record.name.split())
        if iri is None:
            self.warn("record without an id (skipped)", name or "(no name)")
            return
        if not name:
            self.warn("record without a name (skipped)", iri.rsplit("/", 1)[-1])
            return
        subject = ox.NamedNode(iri)  # unique per entity: no cache
        cls = CLASSES.get(record.kind, CLASSES["actor"])
        self.counts["entities"] += 1
        self.counts[_COUNT_KEYS.get(record.kind, "other entities")] += 1
        yield ox.Triple(subject, _TYPE, node(cls))
        yield ox.Triple(subject, _LABEL, ox.Literal(name))
        # The FtM id has its own property (sg:ftmId); the other schemes get owl:sameAs.
        for other in dict.fromkeys(entity_iri(s, v) for s, v in ids if s != "ftm"):
            if other != iri:
                yield ox.Triple(subject, _SAME, ox.NamedNode(other))
        if record.ftm_id:
            yield ox.Triple(subject, _SG_ftmId, ox.Literal(record.ftm_id))
        seen = {name.casefold()}
        for alias in record.aliases:
            alias = " ".join(alias.split())
            if alias and alias.casefold() not in seen:
                seen.add(alias.casefold())
                self.counts["aliases"] += 1
                yield ox.Triple(subject, _ALT, ox.Literal(alias))
        is_person = record.kind == "person"
        yield from self._countries(subject, record, is_person)
        if is_person:
            for text in dict.fromkeys(record.birth_dates):
                literal = parse_date(text)
                if literal is None:
                    self.warn("unknown date format (birth date kept as remark)", text)
                    yield ox.Triple(subject, _COMMENT, ox.Literal(f"Date of birth: {text}"))
                else:
                    yield ox.Triple(subject, _SG_birthDate, literal)
            for place in dict.fromkeys(record.birth_places):
                yield ox.Triple(subject, _SG_birthPlace, ox.Literal(place))
            for number in dict.fromkeys(record.passports):
                yield ox.Triple(subject, _SG_passportNumber, ox.Literal(number))
            for role in dict.fromkeys(record.roles):
                yield ox.Triple(subject, _SG_role, ox.Literal(role))
        elif record.passports:
            for number in dict.fromkeys(record.passports):
                yield ox.Triple(subject, _SG_identifier, ox.Literal(number))
        if record.kind == "vessel":
            for number in dict.fromkeys(record.imo_numbers):
                yield ox.Triple(subject, _SG_imoNumber, ox.Literal(number))
        else:
            for number in dict.fromkeys(record.imo_numbers):
                yield ox.Triple(subject, _SG_identifier, ox.Literal(f"IMO {number}"))
        for identifier in dict.fromkeys(record.identifiers):
            yield ox.Triple(subject, _SG_identifier, ox.Literal(identifier))
        for address in dict.fromkeys(record.addresses):
            yield ox.Triple(subject, _SG_address, ox.Literal(address))
        for listing in record.listings:
            yield from self.designations(subject, name, listing, record.remarks)

    def _countries(
        self, subject: ox.NamedNode, record: ListedEntity, is_person: bool
    ) -> Iterator[ox.Triple]:
        done: set[tuple[str, str]] = set()
        groups = ((record.nationalities, is_person), (record.countries, False))
        for values, as_nationality in groups:
            for text in values:
                iri = country_iri(text)
                if iri is None:
                    if text.strip().casefold() not in _NO_COUNTRY:
                        self.warn("country not in the reference data", text)
                    continue
                predicate = str(SG.nationality if as_nationality else SG.country)
                if (predicate, iri) in done:
                    continue
                done.add((predicate, iri))
                yield ox.Triple(subject, node(predicate), node(iri))

    def designations(
        self,
        subject: ox.NamedNode,
        name: str,
        listing: Listing,
        entity_remarks: Iterable[str] = (),
    ) -> Iterator[ox.Triple]:
        """One ``sg:Designation`` per programme of ``listing`` (one without a regime if the
        listing names no programme, with a warning)."""
        reference = listing.reference.strip()
        key = slug(listing.key or reference)
        listed_on = None
        if listing.listed_on:
            listed_on = parse_date(listing.listed_on)
            if listed_on is None:
                self.warn("unknown date format (listing date dropped)", listing.listed_on)
            elif listed_on.datatype != _XSD_DATE:
                self.warn("incomplete listing date (dropped)", listing.listed_on)
                listed_on = None
        programs = list(dict.fromkeys(p.strip() for p in listing.programs if p.strip()))
        if not programs:
            self.warn("listing without a programme code", reference or name)
            programs = [""]
        remarks = [" ".join(r.split()) for r in (*listing.remarks, *entity_remarks)]
        for code in programs:
            local = f"{self.list_key}/{key}/{slug(code or 'none')}"
            designation = ox.NamedNode(f"{SGID}designation/{local}")
            self.counts["fact:Designation"] += 1
            yield ox.Triple(designation, _TYPE, _SG_Designation)
            yield ox.Triple(designation, _SG_designates, subject)
            label = f"Designation {reference or listing.key}" + (f" ({code})" if code else "")
            yield ox.Triple(designation, _LABEL, ox.Literal(f"{label}: {name}" if name else label))
            if code:
                regime, _ = self.regime(
                    listing.source, code, listing.authority, listing.imposer
                )
                yield ox.Triple(designation, _SG_underRegime, regime)
            if reference:
                yield ox.Triple(
                    designation, _SG_listingReference, ox.Literal(reference)
                )
            if listed_on is not None:
                yield ox.Triple(designation, _SG_listedOn, listed_on)
            for remark in dict.fromkeys(r for r in remarks if r):
                yield ox.Triple(designation, _COMMENT, ox.Literal(remark))
            for measure in dict.fromkeys(listing.measures):
                yield ox.Triple(designation, _SG_measure, node(str(SG[measure])))
            yield ox.Triple(designation, _DERIVED, self.document)

    def relation(self, subject: str, predicate: str, obj: str) -> Iterator[ox.Triple]:
        """A link between two listed entities (ownership, directorship, family, association)."""
        self.counts["relations"] += 1
        yield ox.Triple(node(subject), node(predicate), node(obj))

    # -- the list itself -------------------------------------------------------------------
    def finish(
        self,
        *,
        title: str,
        publisher: str,
        sha256: str,
        issued: str | dt.date | None,
        where: str,
    ) -> Iterator[ox.Triple]:
        """The list's own description and any new regime nodes (emitted after the records, when
        the publication date from the file is known)."""
        yield from self._regime_triples()
        doc = self.document
        yield ox.Triple(doc, _TYPE, _SG_SanctionsList)
        # Stated, not left to inference: `drop`, `stats` and queries look for source documents.
        yield ox.Triple(doc, _TYPE, _SG_SourceDocument)
        yield ox.Triple(doc, _LABEL, ox.Literal(title))
        yield ox.Triple(doc, _TITLE, ox.Literal(title))
        yield ox.Triple(doc, _PUBLISHER, ox.Literal(publisher))
        yield ox.Triple(doc, _SG_sha256, ox.Literal(sha256))
        yield ox.Triple(doc, _SG_sourceKind, ox.Literal(self.kind))
        yield ox.Triple(doc, _SOURCE, node(where))
        yield ox.Triple(
            doc, _COMMENT, ox.Literal(f"Read by sanctions-graph {__version__} ({self.kind}).")
        )
        if isinstance(issued, dt.date):
            yield ox.Triple(
                doc, _ISSUED, ox.Literal(issued.isoformat(), datatype=_XSD_DATE)
            )
        elif issued:
            literal = full_date(issued)
            if literal is None:
                self.warn("unknown date format (publication date dropped)", issued)
            else:
                yield ox.Triple(doc, _ISSUED, literal)


_COUNT_KEYS = {
    "person": "persons",
    "organization": "organizations",
    "company": "organizations",
    "vessel": "vessels",
    "aircraft": "aircraft",
}


def list_graph(list_key: str) -> str:
    """The named graph of a list: ``sgid:graph/list/<key>``, the same for every version."""
    return f"{SGID}graph/list/{slug(list_key)}"


@dataclass
class ListMeta:
    """What the format module learns about the list while reading it (filled as it goes)."""

    title: str
    publisher: str
    issued: str | dt.date | None = None


def list_unit(
    *,
    kind: str,
    list_key: str,
    label: str,
    paths: list[Path],
    meta: ListMeta,
    records: Callable[[ListBuilder], Iterator[ox.Triple]],
) -> SourceUnit:
    """A ``SourceUnit`` for one list: its graph, and a lazy stream that reads the file(s) only
    when the store consumes it. ``records(builder)`` yields the triples of every record (and
    may update ``meta`` with what the file says about itself)."""
    counts: Counter[str] = Counter()
    builder = ListBuilder(kind=kind, list_key=list_key, counts=counts)
    unit = SourceUnit(graph=list_graph(list_key), label=label, kind=kind, triples=(), counts=counts)

    def stream() -> Iterator[ox.Triple]:
        sha256 = file_sha256(paths)
        yield from records(builder)
        where = paths[0].resolve().parent if len(paths) > 1 else paths[0].resolve()
        yield from builder.finish(
            title=meta.title,
            publisher=meta.publisher,
            sha256=sha256,
            issued=meta.issued,
            where=where.as_uri(),
        )
        unit.warnings[:] = builder.warning_lines()

    unit.triples = stream()
    return unit


def file_list_unit(
    path: Path,
    options: IngestOptions,
    *,
    kind: str,
    list_key: str,
    title: str,
    publisher: str,
    records: Callable[[Path, ListBuilder, ListMeta], Iterator[ox.Triple]],
) -> SourceUnit:
    """``list_unit`` for a list published as one file: ``records(path, builder, meta)`` reads
    it; the publication date is ``--date`` unless the file states one (``records`` sets it)."""
    meta = ListMeta(title=title, publisher=publisher, issued=options.date)
    return list_unit(
        kind=kind,
        list_key=list_key,
        label=str(path),
        paths=[path],
        meta=meta,
        records=lambda builder: records(path, builder, meta),
    )


def head_text(head: bytes) -> str:
    """The detector's view of a file's first bytes (UTF-16 decoded, anything else Latin-1)."""
    return _ascii_view(head)


def xml_head(head: bytes) -> str:
    """The first bytes as text if they start like an XML document, else "" (so a README that
    mentions a list's root element or namespace is not taken for the list)."""
    text = _ascii_view(head).lstrip("\ufeff\xef\xbb\xbf \t\r\n")
    return text if text.startswith("<") else ""


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())
