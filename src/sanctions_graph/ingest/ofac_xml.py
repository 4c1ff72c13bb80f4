"""The OFAC Sanctions List Service ENHANCED_XML export (root ``sanctionsData``).

Each ``entity`` is one listing: its ``id`` is the OFAC unique id (the legacy CSV's ``ent_num``),
so it is both the listing reference and the strong identifier (``sgid:entity/ofac/<uid>``, the
same node the CSV set and OpenSanctions' ``ofac-<uid>`` referents give). ``sanctionsPrograms``
are the programme codes (one designation each), the earliest ``sanctionsList/@datePublished`` is
the listing date, ``generalInfo/remarks`` the remarks. Names come with their translations (all
scripts); features give dates and places of birth, nationality and citizenship; identity
documents give passports, IMO numbers and other identifiers; relationships between entities
become ``sg:owns`` ("Owned or Controlled By"), ``sg:directorOf`` ("Leader or official of"),
``sg:familyOf`` and ``sg:associateOf``. The publication date is ``publicationInfo/dataAsOf``;
the list is named by ``publicationInfo/filters/sanctionsLists`` ("SDN List" -> ``ofac-sdn``,
the same graph as the legacy CSV set, which a newer export therefore replaces).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from lxml import etree

from sanctions_graph.ingest.lists import (
    ListBuilder,
    ListedEntity,
    Listing,
    ListMeta,
    child_text,
    children,
    descendants,
    entity_iri,
    file_list_unit,
    imo_digits,
    iter_xml,
    local_name,
    xml_head,
)
from sanctions_graph.ingest.ofac import PUBLISHER
from sanctions_graph.ingest.registry import IngestOptions, SourceUnit, register
from sanctions_graph.vocab import SG, slug

KIND = "ofac_xml"
_KINDS = {"individual": "person", "vessel": "vessel", "aircraft": "aircraft"}
_NATIONALITY_FEATURES = frozenset({"nationality country", "citizenship country"})
_IDENTIFIER_FEATURES = frozenset({"swift/bic", "bik (ru)", "isin", "mmsi"})
#: Relationship type -> (predicate, direction); "in" means the related entity is the subject.
_RELATIONS = {
    "owned or controlled by": (str(SG.owns), "in"),
    "leader or official of": (str(SG.directorOf), "out"),
    "principal executive officer": (str(SG.directorOf), "out"),
    "family member of": (str(SG.familyOf), "out"),
}


def detect(path: Path, head: bytes) -> bool:
    """An OFAC Sanctions List Service export: root ``sanctionsData``."""
    return "<sanctionsData" in xml_head(head)


def list_key(names: list[str]) -> str:
    """The list key from the export's list filter ("SDN List" -> ``ofac-sdn``)."""
    if not names or names == ["SDN List"]:
        return "ofac-sdn"
    cleaned = [n.removesuffix(" List").strip() for n in names]
    return "ofac-" + slug("-".join(cleaned)).lower()


def _translations(name: etree._Element) -> list[str]:
    found: list[str] = []
    for translation in descendants(name, "translation"):
        full = child_text(translation, "formattedFullName")
        if not full:
            parts = [child_text(p, "value") for p in descendants(translation, "namePart")]
            full = " ".join(p for p in parts if p)
        if full:
            if child_text(translation, "isPrimary") == "true":
                found.insert(0, full)
            else:
                found.append(full)
    return found


def _address(address: etree._Element) -> tuple[str, str]:
    country = child_text(address, "country")
    parts = [child_text(p, "value") for p in descendants(address, "addressPart")]
    parts = [p for p in parts if p]
    if country:
        parts.append(country)
    return ", ".join(dict.fromkeys(parts)), country


def record(element: etree._Element) -> tuple[ListedEntity, list[tuple[str, str, str]]]:
    """One ``entity`` element as a ``ListedEntity``, plus its relationships as
    (relationship type, related entity id, related name)."""
    uid = element.get("id", "").strip()
    general = children(element, "generalInfo")
    entity_type = child_text(general[0], "entityType") if general else ""
    kind = _KINDS.get(entity_type.lower(), "organization")
    entity = ListedEntity(kind=kind, name="", ids=[("ofac", uid)])
    for group in children(element, "names"):
        for name in children(group, "name"):
            names = _translations(name)
            if not names:
                continue
            if child_text(name, "isPrimary") == "true" and not entity.name:
                entity.name = names[0]
                entity.aliases.extend(names[1:])
            else:
                entity.aliases.extend(names)
    for group in children(element, "addresses"):
        for address in children(group, "address"):
            text, country = _address(address)
            if text:
                entity.addresses.append(text)
            if country:
                entity.countries.append(country)
    for group in children(element, "features"):
        for feature in children(group, "feature"):
            _feature(feature, entity)
    for group in children(element, "identityDocuments"):
        for document in children(group, "identityDocument"):
            doc_type = child_text(document, "type")
            number = child_text(document, "documentNumber")
            if not number:
                continue
            lowered = doc_type.lower()
            if "passport" in lowered:
                entity.passports.append(number)
            elif "vessel registration" in lowered and (imo := imo_digits(number)):
                entity.imo_numbers.append(imo)
            else:
                entity.identifiers.append(f"{doc_type} {number}".strip())
    programs = [
        (p.text or "").strip()
        for group in children(element, "sanctionsPrograms")
        for p in children(group, "sanctionsProgram")
    ]
    published = sorted(
        s.get("datePublished", "")
        for group in children(element, "sanctionsLists")
        for s in children(group, "sanctionsList")
        if s.get("datePublished")
    )
    remarks = child_text(general[0], "remarks") if general else ""
    entity.listings.append(
        Listing(
            reference=uid,
            source="OFAC",
            programs=programs,
            listed_on=published[0] if published else "",
            remarks=[remarks] if remarks else [],
        )
    )
    relations = []
    for group in children(element, "relationships"):
        for relationship in children(group, "relationship"):
            related = children(relationship, "relatedEntity")
            if related and related[0].get("entityId"):
                relations.append(
                    (
                        child_text(relationship, "type"),
                        related[0].get("entityId", "").strip(),
                        (related[0].text or "").strip(),
                    )
                )
    return entity, relations


def _feature(feature: etree._Element, entity: ListedEntity) -> None:
    feature_type = child_text(feature, "type").lower()
    value = child_text(feature, "value")
    if feature_type == "birthdate":
        dates = children(feature, "valueDate")
        begin = child_text(dates[0], "fromDateBegin") if dates else ""
        end = child_text(dates[0], "toDateEnd") if dates else ""
        # An exact date has begin == end; otherwise the published value (a year, a month).
        entity.birth_dates.append(begin if begin and begin == end else value or begin)
    elif feature_type == "place of birth" and value:
        entity.birth_places.append(value)
    elif feature_type in _NATIONALITY_FEATURES and value:
        entity.nationalities.append(value)
    elif feature_type in ("vessel flag", "vessel registration country") and value:
        entity.countries.append(value)
    elif feature_type in _IDENTIFIER_FEATURES and value:
        entity.identifiers.append(f"{child_text(feature, 'type')} {value}")
    elif "imo" in feature_type and (imo := imo_digits(value)):
        entity.imo_numbers.append(imo)


def _records(path: Path, builder: ListBuilder, meta: ListMeta) -> Iterator[ox.Triple]:
    tags = ("entity", "publicationInfo", "referenceValues", "featureTypes")
    for element in iter_xml(path, tags):
        name = local_name(element.tag)
        if name == "publicationInfo":
            if meta.issued is None:
                meta.issued = child_text(element, "dataAsOf")[:10] or None
            continue
        if name != "entity":
            continue
        entity, relations = record(element)
        triples = list(builder.entity(entity))
        yield from triples
        if not triples or not entity.ids[0][1]:
            continue
        this = entity_iri("ofac", entity.ids[0][1])
        for relation_type, related_id, _related_name in relations:
            predicate, direction = _RELATIONS.get(
                relation_type.lower(), (str(SG.associateOf), "out")
            )
            if predicate in (str(SG.directorOf), str(SG.familyOf)) and entity.kind != "person":
                predicate = str(SG.associateOf)
            if predicate == str(SG.associateOf) and entity.kind in ("vessel", "aircraft"):
                # Association is between actors; a vessel or aircraft is an asset.
                builder.warn("link of an asset other than ownership (skipped)", relation_type)
                continue
            other = entity_iri("ofac", related_id)
            subject, obj = (other, this) if direction == "in" else (this, other)
            yield from builder.relation(subject, predicate, obj)


def _list_names(path: Path) -> list[str]:
    """The list filter of the export, read from its head (before any entity)."""
    for element in iter_xml(path, ("publicationInfo", "entity")):
        if local_name(element.tag) == "entity":
            return []
        return [
            (s.text or "").strip()
            for s in descendants(element, "sanctionsList")
            if (s.text or "").strip()
        ]
    return []


@register(
    KIND,
    "OFAC Sanctions List Service ENHANCED_XML export (sanctionsData)",
    detect,
    priority=50,
)
def ingest(path: Path, options: IngestOptions) -> Iterator[SourceUnit]:
    """One unit: the whole export, streamed entity by entity."""
    names = _list_names(path)
    key = list_key(names)
    title = "OFAC " + (", ".join(names) if names else "SDN List")
    yield file_list_unit(
        path, options, kind=KIND, list_key=key, title=title, publisher=PUBLISHER, records=_records
    )
