"""OpenSanctions / FollowTheMoney entities, one JSON object per line (``entities.ftm.json``).

Things: ``Person``, ``Organization``, ``Company``, ``PublicBody``, ``LegalEntity``, ``Vessel``,
``Airplane`` become listed actors and assets (names and aliases in every script, nationality,
country, birth date and place, passport, IMO, registration and tax numbers, addresses).
``Sanction`` records become designations of the entity they name; ``Ownership``,
``Directorship``, ``Family``, ``Associate``, ``Membership``, ``Employment``, ``Representation``
and ``UnknownLink`` become ``sg:owns``, ``sg:directorOf``, ``sg:familyOf``, ``sg:associateOf``
and ``sg:memberOf`` links; ``Address``, ``Passport`` and ``Identification`` entities add to the
entity they belong to.

Identity: an entity's own strong identifiers are its FtM id and its ``referents``: ``ofac-<uid>``
(the OFAC unique id), ``eu-fsf-eu-<n>-<m>`` (EU reference ``EU.n.m``), ``gb-fcdo-<xxx><nnnn>``
(UK unique id); a sanction's ``unscId`` is the UN reference of the entity it names. The strongest
names the node (``lists.ID_SCHEMES``), so the ZALA Aero entity that OFAC lists as 45928 is the
node the OFAC list gives, and ``sg:ftmId`` keeps the FtM id.

Regimes: a sanction's ``programId`` goes through the crosswalk as an OpenSanctions code
(``EU-UKR``, ``US-RUSHAR``, ``GB-RUS``); otherwise its programme is read as the code of the
authority (OFAC, EU, UK, UN) it comes from; anything else (Swiss, Canadian, Japanese...
programmes) becomes a new regime node, counted and reported.

Streaming: things are written as their line is read; records that point to other entities
(sanctions, links, addresses, documents) are parked in a temporary SQLite file and resolved at
the end, so memory does not grow with the file. The graph is ``sgid:graph/list/ftm-<name>``
(the file's name, or its folder's for a file called ``entities.ftm.json``); the publication date
is the latest ``last_seen``.
"""

from __future__ import annotations

import codecs
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from sanctions_graph.errors import InputError
from sanctions_graph.ingest.lists import (
    ListBuilder,
    ListedEntity,
    Listing,
    ListMeta,
    canonical_iri,
    country_iri,
    entity_iri,
    file_list_unit,
    head_text,
    imo_digits,
    open_text,
    regime_key,
    scratch_db,
)
from sanctions_graph.ingest.registry import IngestOptions, SourceUnit, register
from sanctions_graph.vocab import OWL, SG, org_iri, slug
from sanctions_graph.vocab import ox as node

KIND = "ftm"
SUFFIXES = (".json", ".jsonl", ".ndjson")
MAX_LINE_CHARS = 5_000_000
_THINGS = {
    "Person": "person",
    "Organization": "organization",
    "Company": "company",
    "PublicBody": "organization",
    "LegalEntity": "actor",
    "Vessel": "vessel",
    "Airplane": "aircraft",
}
#: Link schemas: (source property, target property, predicate for persons, fallback).
_LINKS: dict[str, tuple[str, str, str, str]] = {
    "Ownership": ("owner", "asset", str(SG.owns), str(SG.owns)),
    "Directorship": ("director", "organization", str(SG.directorOf), str(SG.associateOf)),
    "Family": ("person", "relative", str(SG.familyOf), str(SG.associateOf)),
    "Associate": ("person", "associate", str(SG.associateOf), str(SG.associateOf)),
    "Membership": ("member", "organization", str(SG.memberOf), str(SG.memberOf)),
    "Employment": ("employee", "employer", str(SG.associateOf), str(SG.associateOf)),
    "Representation": ("agent", "client", str(SG.associateOf), str(SG.associateOf)),
    "UnknownLink": ("subject", "object", str(SG.associateOf), str(SG.associateOf)),
}
_DEFERRED = frozenset({*_LINKS, "Sanction", "Passport", "Identification"})
_IGNORED = frozenset({"Occupancy", "Position", "Note", "Mention", "Article", "Documentation"})
_IDENTIFIERS = (
    ("registrationNumber", "Registration number"),
    ("taxNumber", "Tax number"),
    ("innCode", "INN"),
    ("ogrnCode", "OGRN"),
    ("idNumber", "ID number"),
    ("leiCode", "LEI"),
    ("swiftBic", "SWIFT/BIC"),
    ("mmsi", "MMSI"),
    ("icaoCode", "ICAO"),
)
_OFAC_REF = re.compile(r"^ofac-(\d+)$")
_EU_REF = re.compile(r"^eu-fsf-eu-(\d+)-(\d+)$")
_UK_REF = re.compile(r"^gb-fcdo-([a-z]{3}\d{4})$")
_NO_NATIONALITY = frozenset({"eu", "zz", "xx", "suhh", "csxx", "yucs", "ddde"})


def detect(path: Path, head: bytes) -> bool:
    """FollowTheMoney JSON lines: a ``.json``/``.jsonl`` file whose first object has an ``id``,
    a ``schema`` and ``properties``."""
    if not path.name.lower().endswith(SUFFIXES):
        return False
    text = head_text(head.removeprefix(codecs.BOM_UTF8)).lstrip(" \t\r\n")
    return (
        text.startswith("{")
        and '"schema"' in text
        and '"properties"' in text
        and '"id"' in text
    )


def list_key(path: Path) -> str:
    """``ftm-<file name>``; for OpenSanctions' generic ``entities.ftm.json``, the folder name."""
    name = path.name
    for suffix in (".json", ".jsonl", ".ndjson"):
        name = name.removesuffix(suffix)
    name = name.removesuffix(".ftm").removesuffix(".entities")
    if name in ("entities", ""):
        name = path.resolve().parent.name or "entities"
    return f"ftm-{slug(name)}"


def strong_ids(ftm_id: str, referents: list[str]) -> list[tuple[str, str]]:
    """Every strong identifier an FtM entity carries (its id and its referents)."""
    ids = [("ftm", ftm_id)]
    for referent in (ftm_id, *referents):
        if match := _OFAC_REF.match(referent):
            ids.append(("ofac", match[1]))
        elif match := _EU_REF.match(referent):
            ids.append(("eu", f"EU.{match[1]}.{match[2]}"))
        elif match := _UK_REF.match(referent):
            ids.append(("uk", match[1].upper()))
    return ids


def _values(properties: dict[str, Any], name: str) -> list[str]:
    values = properties.get(name) or []
    if not isinstance(values, list):  # FtM values are lists of strings; tolerate a scalar
        values = [values]
    return [" ".join(str(v).split()) for v in values if str(v).strip()]


def thing(data: dict[str, Any]) -> ListedEntity:
    """A Person/Organization/Company/LegalEntity/Vessel/Airplane object as a ``ListedEntity``."""
    properties = data.get("properties") or {}
    ftm_id = str(data.get("id", "")).strip()
    names = _values(properties, "name")
    caption = " ".join(str(data.get("caption") or "").split())
    kind = _THINGS[data["schema"]]
    entity = ListedEntity(
        kind=kind,
        name=caption if caption and caption in names else (names[0] if names else caption),
        ids=strong_ids(ftm_id, [str(r) for r in data.get("referents") or []]),
        ftm_id=ftm_id,
    )
    entity.aliases = names + _values(properties, "alias") + _values(properties, "previousName")
    entity.nationalities = [
        c for c in _values(properties, "nationality") + _values(properties, "citizenship")
        if c.lower() not in _NO_NATIONALITY
    ]
    countries = _values(properties, "country") + _values(properties, "jurisdiction")
    countries += _values(properties, "flag")
    entity.countries = [c for c in countries if c.lower() not in _NO_NATIONALITY]
    if kind != "person":
        entity.countries += entity.nationalities
        entity.nationalities = []
    entity.birth_dates = _values(properties, "birthDate")
    entity.birth_places = _values(properties, "birthPlace")
    entity.passports = _values(properties, "passportNumber")
    entity.imo_numbers = [i for v in _values(properties, "imoNumber") if (i := imo_digits(v))]
    for prop, label in _IDENTIFIERS:
        entity.identifiers += [f"{label} {v}" for v in _values(properties, prop)]
    entity.addresses = _values(properties, "address")
    entity.roles = _values(properties, "position")
    return entity


def _sanction_listing(data: dict[str, Any], builder: ListBuilder) -> Listing:
    """A Sanction object as a ``Listing`` (source and programme code chosen for the crosswalk)."""
    properties = data.get("properties") or {}
    sanction_id = str(data.get("id", ""))
    program_ids = _values(properties, "programId")
    programs = _values(properties, "program")
    provisions = _values(properties, "provisions")
    authority = " ".join(_values(properties, "authority")[:1])
    country = (_values(properties, "country") or [""])[0].lower()
    source, codes = "OS", program_ids[:1]
    if program_ids and regime_key("OS", program_ids[0]):
        pass
    elif country == "us" and "foreign assets" in authority.lower():
        candidates = programs + provisions
        known = [c for c in candidates if regime_key("OFAC", c)]
        source, codes = "OFAC", known or candidates[:1]
    elif country == "eu" and programs:
        source, codes = "EU", programs[:1]
    elif country == "gb" and "foreign" in authority.lower() and programs:
        source, codes = "UK", programs[:1]
    elif "security council" in authority.lower() and programs:
        source, codes = "UN", programs[:1]
    elif not codes:
        codes = programs[:1] or ([authority] if authority else [])
    dates = sorted(_values(properties, "listingDate")) or sorted(_values(properties, "startDate"))
    reference = (
        (_values(properties, "unscId") or _values(properties, "authorityId") or [""])[0]
        or (_values(properties, "recordId") or [""])[0]
    )
    remarks = _values(properties, "reason") + _values(properties, "summary")
    # The sanction's country is the imposing jurisdiction ("mc", "jp", or "eu" for the Union).
    imposer = str(org_iri("EU")) if country == "eu" else (country_iri(country) or "")
    return Listing(
        reference=reference,
        source=source,
        programs=codes,
        listed_on=dates[0] if dates else "",
        remarks=remarks,
        authority=authority if source == "OS" else "",
        imposer=imposer if source == "OS" else "",
        key=sanction_id,
    )


def _records(path: Path, builder: ListBuilder, meta: ListMeta) -> Iterator[ox.Triple]:
    with scratch_db("ftm") as db:
        db.executescript(
            "CREATE TABLE entity(id TEXT PRIMARY KEY, iri TEXT, kind TEXT, name TEXT);"
            "CREATE TABLE deferred(line INTEGER, schema TEXT, data TEXT);"
            "CREATE TABLE address_ref(entity TEXT, address TEXT);"
            "CREATE TABLE address(id TEXT PRIMARY KEY, full TEXT);"
        )
        last_seen = ""
        lines = 0
        with open_text(path) as handle:
            for number, line in enumerate(_lines(handle, builder), start=1):
                try:
                    data = json.loads(line)
                except json.JSONDecodeError:
                    builder.warn("line is not JSON (skipped)", f"line {number}")
                    continue
                if not isinstance(data, dict) or not data.get("id") or not data.get("schema"):
                    builder.warn("object without an id or schema (skipped)", f"line {number}")
                    continue
                if not isinstance(data.get("properties") or {}, dict):
                    builder.warn("object with malformed properties (skipped)", f"line {number}")
                    continue
                lines += 1
                last_seen = max(last_seen, str(data.get("last_seen") or ""))
                schema = str(data["schema"])
                if schema in _THINGS:
                    yield from _thing(data, builder, db)
                elif schema == "Address":
                    full = _values(data.get("properties") or {}, "full")
                    if full:
                        db.execute(
                            "INSERT OR REPLACE INTO address VALUES (?, ?)",
                            (str(data["id"]), full[0]),
                        )
                elif schema in _DEFERRED:
                    db.execute(
                        "INSERT INTO deferred VALUES (?, ?, ?)", (number, schema, line)
                    )
                elif schema not in _IGNORED:
                    builder.warn("schema not mapped (skipped)", schema)
        if lines == 0:
            raise InputError(f"{path.name}: no FollowTheMoney entities in this file")
        if meta.issued is None and last_seen:
            meta.issued = last_seen[:10]
        yield from _resolve(db, builder)


def _lines(handle: Any, builder: ListBuilder) -> Iterator[str]:
    while True:
        line = handle.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        if len(line) > MAX_LINE_CHARS and not line.endswith("\n"):
            builder.warn("line too long (skipped)", f"over {MAX_LINE_CHARS:,} characters")
            while line and not line.endswith("\n"):
                line = handle.readline(MAX_LINE_CHARS)
            continue
        if line.strip():
            yield line


def _thing(data: dict[str, Any], builder: ListBuilder, db: sqlite3.Connection) -> Iterator[
    ox.Triple
]:
    entity = thing(data)
    iri = canonical_iri(entity.ids)
    triples = list(builder.entity(entity))
    if not triples or iri is None:
        return
    db.execute(
        "INSERT OR REPLACE INTO entity VALUES (?, ?, ?, ?)",
        (entity.ftm_id, iri, entity.kind, entity.name),
    )
    for address in _values(data.get("properties") or {}, "addressEntity"):
        db.execute("INSERT INTO address_ref VALUES (?, ?)", (entity.ftm_id, address))
    yield from triples


def _lookup(db: sqlite3.Connection, ftm_id: str) -> tuple[str, str, str] | None:
    row = db.execute("SELECT iri, kind, name FROM entity WHERE id = ?", (ftm_id,)).fetchone()
    return (str(row[0]), str(row[1]), str(row[2])) if row else None


def _resolve(db: sqlite3.Connection, builder: ListBuilder) -> Iterator[ox.Triple]:
    """Sanctions, links, addresses and documents, now that every entity's node is known."""
    db.execute("CREATE INDEX address_ref_entity ON address_ref(entity)")
    joined = db.execute(
        "SELECT DISTINCT e.iri, a.full FROM address_ref r JOIN entity e ON e.id = r.entity "
        "JOIN address a ON a.id = r.address ORDER BY e.iri, a.full"
    )
    for iri, full in joined:
        yield ox.Triple(node(iri), node(str(SG.address)), ox.Literal(full))
    cursor = db.execute("SELECT line, schema, data FROM deferred ORDER BY line")
    for number, schema, text in cursor:
        data = json.loads(text)
        properties = data.get("properties") or {}
        if schema == "Sanction":
            yield from _sanction(data, properties, builder, db, number)
        elif schema in ("Passport", "Identification"):
            holder = (_values(properties, "holder") or [""])[0]
            found = _lookup(db, holder)
            numbers = _values(properties, "number")
            if not found or not numbers:
                continue
            predicate = SG.passportNumber if schema == "Passport" and found[1] == "person" else (
                SG.identifier
            )
            for value in numbers:
                yield ox.Triple(node(found[0]), node(str(predicate)), ox.Literal(value))
        else:
            yield from _link(schema, data, properties, builder, db, number)


def _sanction(
    data: dict[str, Any],
    properties: dict[str, Any],
    builder: ListBuilder,
    db: sqlite3.Connection,
    number: int,
) -> Iterator[ox.Triple]:
    target = (_values(properties, "entity") or [""])[0]
    if not target:
        builder.warn("sanction without an entity (skipped)", f"line {number}")
        return
    found = _lookup(db, target)
    if found is None:
        builder.warn("sanction of an entity not in the file", target)
        iri, name = entity_iri("ftm", target), ""
    else:
        iri, name = found[0], found[2]
    subject = node(iri)
    for un_reference in _values(properties, "unscId"):
        other = entity_iri("un", un_reference)
        if other != iri:
            yield ox.Triple(subject, node(str(OWL.sameAs)), node(other))
    yield from builder.designations(subject, name, _sanction_listing(data, builder))


def _link(
    schema: str,
    data: dict[str, Any],
    properties: dict[str, Any],
    builder: ListBuilder,
    db: sqlite3.Connection,
    number: int,
) -> Iterator[ox.Triple]:
    source_prop, target_prop, predicate, fallback = _LINKS[schema]
    sources = _values(properties, source_prop)
    targets = _values(properties, target_prop)
    if not sources or not targets:
        builder.warn(f"{schema} without both ends (skipped)", f"line {number}")
        return
    for source_id in sources:
        for target_id in targets:
            source, target = _lookup(db, source_id), _lookup(db, target_id)
            if source is None or target is None:
                builder.warn("link to an entity not in the file (skipped)", schema)
                continue
            chosen = predicate
            # The ontology's domains: directorOf and familyOf link persons; memberOf needs an
            # organisation on the far side; owns needs an actor (not an asset) as owner.
            if predicate == str(SG.directorOf) and (
                source[1] != "person" or target[1] not in ("organization", "company", "actor")
            ):
                chosen = fallback
            if predicate == str(SG.familyOf) and (source[1] != "person" or target[1] != "person"):
                chosen = fallback
            if predicate == str(SG.memberOf) and target[1] not in ("organization", "company"):
                chosen = str(SG.associateOf)
            if predicate == str(SG.owns) and source[1] in ("vessel", "aircraft"):
                builder.warn("ownership by an asset (skipped)", source_id)
                continue
            if chosen == str(SG.associateOf) and (
                source[1] in ("vessel", "aircraft") or target[1] in ("vessel", "aircraft")
            ):
                builder.warn("link of an asset other than ownership (skipped)", schema)
                continue
            yield from builder.relation(source[0], chosen, target[0])


@register(KIND, "OpenSanctions FollowTheMoney entities (JSON lines)", detect, priority=60)
def ingest(path: Path, options: IngestOptions) -> Iterator[SourceUnit]:
    """One unit: the whole file, streamed line by line."""
    yield file_list_unit(
        path,
        options,
        kind=KIND,
        list_key=list_key(path),
        title=f"OpenSanctions FollowTheMoney entities ({path.name})",
        publisher="OpenSanctions",
        records=_records,
    )
