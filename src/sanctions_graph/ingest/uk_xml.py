"""The UK Sanctions List XML (root ``Designations``, published by the FCDO).

Each ``Designation`` is one listing: ``UniqueID`` (e.g. ``RUS0001``) is the listing reference and
a strong identifier (``sgid:entity/uk/RUS0001``); when the UK implements a UN listing,
``UNReferenceNumber`` is cited and the entity is the UN one. ``RegimeName`` is the programme
code the reference crosswalk knows ("The Russia (Sanctions) (EU Exit) Regulations 2019"),
``DateDesignated`` (dd/mm/yyyy) the listing date, ``OtherInformation`` and
``UKStatementofReasons`` the remarks, ``SanctionsImposedIndicators`` the measures (asset freeze,
travel ban). Names are ``Name1`` .. ``Name6`` joined (``NameType`` "Primary Name" first, the rest
aliases) plus ``NonLatinNames``; ``IndividualEntityShip`` says person, organisation or vessel.
Individual, entity and ship details give dates and places of birth (``dd/mm/1945`` = year only),
nationalities, positions, passports, national identifiers, registration numbers, IMO numbers
and flags. The publication date is ``DateGenerated``.
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
    file_list_unit,
    imo_digits,
    iter_xml,
    local_name,
    texts,
    xml_head,
)
from sanctions_graph.ingest.registry import IngestOptions, SourceUnit, register

KIND = "uk_xml"
LIST_KEY = "uk-sanctions-list"
_KINDS = {"individual": "person", "entity": "organization", "ship": "vessel"}
_NAME_PARTS = ("Name1", "Name2", "Name3", "Name4", "Name5", "Name6")
#: SanctionsImposedIndicators children -> sg:SanctionMeasure local names.
_MEASURES = {
    "AssetFreeze": "AssetFreeze",
    "TravelBan": "TravelBan",
    "ArmsEmbargo": "ArmsEmbargo",
    "TargetedArmsEmbargo": "ArmsEmbargo",
    "TrustServicesSanctions": "FinancialRestriction",
    "ProhibitionOfPortEntry": "TradeRestriction",
}


def detect(path: Path, head: bytes) -> bool:
    """A UK Sanctions List: XML whose root is ``Designations``."""
    return "<Designations" in xml_head(head)


def _name(element: etree._Element) -> str:
    return " ".join(p for p in (child_text(element, n) for n in _NAME_PARTS) if p)


def record(element: etree._Element) -> ListedEntity:
    """One ``Designation`` element as a ``ListedEntity``."""
    kind = _KINDS.get(child_text(element, "IndividualEntityShip").lower(), "organization")
    unique_id = child_text(element, "UniqueID")
    entity = ListedEntity(
        kind=kind,
        name="",
        ids=[("un", child_text(element, "UNReferenceNumber")), ("uk", unique_id)],
    )
    primary: list[str] = []
    others: list[str] = []
    for name in descendants(element, "Name"):
        text = _name(name)
        if text:
            (primary if child_text(name, "NameType") == "Primary Name" else others).append(text)
    names = primary + others
    if names:
        entity.name = names[0]
        entity.aliases.extend(names[1:])
    entity.aliases.extend(texts(element, "NameNonLatinScript"))
    entity.roles.extend(texts(element, "Position"))
    for address in descendants(element, "Address"):
        lines = [
            " ".join((c.text or "").split())
            for c in address
            if isinstance(c.tag, str) and local_name(c.tag).startswith("AddressLine")
        ]
        postal = child_text(address, "AddressPostalCode")
        country = child_text(address, "AddressCountry")
        if any(lines) or postal:
            entity.addresses.append(", ".join(p for p in (*lines, postal, country) if p))
        if country:
            entity.countries.append(country)
    entity.birth_dates.extend(texts(element, "DOB"))
    entity.nationalities.extend(texts(element, "Nationality"))
    for location in descendants(element, "Location"):
        place = ", ".join(
            p
            for p in (child_text(location, "TownOfBirth"), child_text(location, "CountryOfBirth"))
            if p
        )
        if place:
            entity.birth_places.append(place)
    entity.passports.extend(texts(element, "PassportNumber"))
    for identifier in descendants(element, "NationalIdentifier"):
        number = child_text(identifier, "NationalIdentifierNumber")
        if number:
            entity.identifiers.append(f"National identifier {number}")
    entity.identifiers.extend(texts(element, "BusinessRegistrationNumber"))
    for text in texts(element, "IMONumber"):
        imo = imo_digits(text)
        if imo:
            entity.imo_numbers.append(imo)
    entity.countries.extend(texts(element, "CurrentBelievedFlagOfShip"))
    measures = []
    for indicators in children(element, "SanctionsImposedIndicators"):
        for indicator in indicators:
            if not isinstance(indicator.tag, str) or (indicator.text or "").strip() != "true":
                continue
            measure = _MEASURES.get(local_name(indicator.tag))
            if measure:
                measures.append(measure)
    remarks = [
        child_text(element, "OtherInformation"),
        child_text(element, "UKStatementofReasons"),
    ]
    entity.listings.append(
        Listing(
            reference=unique_id,
            source="UK",
            programs=[child_text(element, "RegimeName")],
            listed_on=child_text(element, "DateDesignated"),
            remarks=[" ".join(r.split()) for r in remarks if r.strip()],
            measures=measures,
        )
    )
    return entity


def _records(path: Path, builder: ListBuilder, meta: ListMeta) -> Iterator[ox.Triple]:
    for element in iter_xml(path, ("Designation", "DateGenerated")):
        if local_name(element.tag) == "DateGenerated":
            if meta.issued is None:
                meta.issued = (element.text or "").strip() or None
            continue
        yield from builder.entity(record(element))


@register(KIND, "UK Sanctions List XML (FCDO)", detect, priority=50)
def ingest(path: Path, options: IngestOptions) -> Iterator[SourceUnit]:
    """One unit: the whole list, streamed designation by designation."""
    yield file_list_unit(
        path,
        options,
        kind=KIND,
        list_key=LIST_KEY,
        title="UK Sanctions List",
        publisher="UK Foreign, Commonwealth & Development Office",
        records=_records,
    )
