"""The EU Financial Sanctions Files XML 1.1 (root ``export``, namespace
``http://eu.europa.ec/fpi/fsd/export``).

Each ``sanctionEntity`` is one listing: ``euReferenceNumber`` (e.g. ``EU.3886.3``) is the
listing reference and a strong identifier (``sgid:entity/eu/EU.3886.3``); when the EU transposes
a UN listing, ``unitedNationId`` (e.g. ``LYi.006``) is cited and the entity is the UN one
(``sgid:entity/un/LYi.006``). The ``programme`` attributes of its ``regulation`` elements are the
programme codes (``PRK``, ``IRN``, ``RUS``...), ``designationDate`` the listing date, the direct
``remark`` children the remarks. ``nameAlias/@wholeName`` gives the name (the first) and aliases
in every language; ``@function`` the role; ``citizenship``, ``birthdate``, ``identification``
and ``address`` the rest. The publication date is the root's ``generationDate``.
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
    children,
    file_list_unit,
    iter_xml,
    xml_head,
)
from sanctions_graph.ingest.registry import IngestOptions, SourceUnit, register

KIND = "eu_xml"
LIST_KEY = "eu-fsf"
NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"
_KINDS = {"person": "person", "enterprise": "organization", "vessel": "vessel"}


def detect(path: Path, head: bytes) -> bool:
    """An EU Financial Sanctions File: the export namespace in the first bytes."""
    return NAMESPACE in xml_head(head)


def _attr(element: etree._Element, name: str) -> str:
    return " ".join((element.get(name) or "").split())


def _country(element: etree._Element) -> str:
    code = _attr(element, "countryIso2Code")
    if code and code != "00":
        return code
    description = _attr(element, "countryDescription")
    return "" if description.upper() == "UNKNOWN" else description


def record(element: etree._Element) -> ListedEntity:
    """One ``sanctionEntity`` element as a ``ListedEntity``."""
    subject = children(element, "subjectType")
    code = _attr(subject[0], "code") if subject else ""
    un_id = _attr(element, "unitedNationId")
    reference = _attr(element, "euReferenceNumber")
    entity = ListedEntity(
        kind=_KINDS.get(code, "organization"),
        name="",
        ids=[("un", un_id), ("eu", reference)],
    )
    names: list[tuple[int, str]] = []
    for alias in children(element, "nameAlias"):
        whole = _attr(alias, "wholeName")
        if not whole:
            parts = (_attr(alias, n) for n in ("firstName", "middleName", "lastName"))
            whole = " ".join(p for p in parts if p)
        if not whole:
            continue
        # The file gives every language's spelling in no particular order: the label is the
        # first English one (a structured one, with a last name, first), else the first without
        # a language, else the first.
        language = _attr(alias, "nameLanguage").upper()
        rank = (0 if language == "EN" else 1 if not language else 2) * 2
        names.append((rank + (0 if _attr(alias, "lastName") else 1), whole))
        function = _attr(alias, "function")
        if function:
            entity.roles.append(function)
    if names:
        entity.name = min(names, key=lambda item: item[0])[1]
        entity.aliases = [name for _, name in names if name != entity.name]
    for citizenship in children(element, "citizenship"):
        country = _country(citizenship)
        if country:
            entity.nationalities.append(country)
    for birth in children(element, "birthdate"):
        date = _attr(birth, "birthdate")
        year = _attr(birth, "year")
        low, high = _attr(birth, "yearRangeFrom"), _attr(birth, "yearRangeTo")
        if date:
            entity.birth_dates.append(date)
        elif year and _attr(birth, "monthOfYear"):
            entity.birth_dates.append(f"{year}-{int(_attr(birth, 'monthOfYear')):02d}")
        elif year:
            entity.birth_dates.append(year)
        elif low.isdigit() and high.isdigit() and 0 <= int(high) - int(low) <= 20:
            entity.birth_dates.extend(str(y) for y in range(int(low), int(high) + 1))
        place = ", ".join(
            p
            for p in (_attr(birth, "place"), _attr(birth, "city"), _attr(birth, "region"))
            if p and p != "-"
        )
        description = _attr(birth, "countryDescription")
        if description and description.upper() != "UNKNOWN":
            place = f"{place}, {description}" if place else description
        if place:
            entity.birth_places.append(place)
    for document in children(element, "identification"):
        number = _attr(document, "number") or _attr(document, "latinNumber")
        if not number:
            continue
        if _attr(document, "identificationTypeCode") == "passport":
            entity.passports.append(number)
        else:
            description = _attr(document, "identificationTypeDescription")
            entity.identifiers.append(f"{description} {number}".strip())
    for address in children(element, "address"):
        lines = [
            _attr(address, n) for n in ("street", "poBox", "city", "zipCode", "region", "place")
        ]
        if any(lines):  # a country alone is not an address (it is sg:country)
            description = _attr(address, "countryDescription")
            if description and description.upper() != "UNKNOWN":
                lines.append(description)
            entity.addresses.append(", ".join(p for p in lines if p))
        country = _country(address)
        if country:
            entity.countries.append(country)
    programs = [_attr(r, "programme") for r in children(element, "regulation")]
    remarks = [" ".join((r.text or "").split()) for r in children(element, "remark")]
    details = _attr(element, "designationDetails")
    entity.listings.append(
        Listing(
            reference=reference or _attr(element, "logicalId"),
            source="EU",
            programs=[p for p in programs if p],
            listed_on=_attr(element, "designationDate"),
            remarks=[r for r in (*remarks, details) if r],
        )
    )
    return entity


def _records(path: Path, builder: ListBuilder, meta: ListMeta) -> Iterator[ox.Triple]:
    for element in iter_xml(path, ("sanctionEntity",)):
        if meta.issued is None:
            generated = element.getroottree().getroot().get("generationDate", "")
            meta.issued = generated[:10] or None
        logical = _attr(element, "logicalId")
        yield from builder.entity(
            record(element), fallback=("eu-logical", logical) if logical else None
        )


@register(KIND, "EU Financial Sanctions Files XML 1.1", detect, priority=50)
def ingest(path: Path, options: IngestOptions) -> Iterator[SourceUnit]:
    """One unit: the whole file, streamed entity by entity."""
    yield file_list_unit(
        path,
        options,
        kind=KIND,
        list_key=LIST_KEY,
        title="EU Financial Sanctions Files (consolidated list)",
        publisher="European Commission (on behalf of the Council of the European Union)",
        records=_records,
    )
