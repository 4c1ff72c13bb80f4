"""The UN Security Council Consolidated List (XML, root ``CONSOLIDATED_LIST``).

Each ``INDIVIDUAL`` / ``ENTITY`` is one listing: ``REFERENCE_NUMBER`` (e.g. ``KPi.001``) is the
listing reference and the entity's strong identifier (``sgid:entity/un/KPi.001``, which the EU
and UK lists also cite), ``UN_LIST_TYPE`` the programme code the reference crosswalk maps to a
regime (``DPRK`` -> UN 1718), ``LISTED_ON`` the listing date, ``COMMENTS1`` the remarks. Names
are ``FIRST_NAME`` .. ``FOURTH_NAME`` joined; aliases, nationality, titles and designations
(roles), dates and places of birth, documents and addresses follow. The list's publication date
is the root's ``dateGenerated``. The graph is ``sgid:graph/list/un-sc-consolidated``.
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
    fields,
    file_list_unit,
    iter_xml,
    texts,
    xml_head,
)
from sanctions_graph.ingest.registry import IngestOptions, SourceUnit, register

KIND = "un_xml"
LIST_KEY = "un-sc-consolidated"
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def detect(path: Path, head: bytes) -> bool:
    """A UN consolidated list: XML whose root is ``CONSOLIDATED_LIST``."""
    return "<CONSOLIDATED_LIST" in xml_head(head)


def _name(values: dict[str, str]) -> str:
    return " ".join(part for part in (values.get(p, "") for p in _NAME_PARTS) if part)


def _place(values: dict[str, str]) -> str:
    parts = [values.get(p, "") for p in ("CITY", "STATE_PROVINCE", "COUNTRY")]
    return ", ".join(p for p in parts if p)


def _address(values: dict[str, str]) -> str:
    parts = [values.get(p, "") for p in ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE")]
    if not any(parts):  # a country alone is not an address (it is sg:country)
        return ""
    parts += [values.get("COUNTRY", ""), values.get("NOTE", "")]
    return ", ".join(p for p in parts if p)


def _birth_dates(element: etree._Element) -> list[str]:
    found = []
    for dob in children(element, "INDIVIDUAL_DATE_OF_BIRTH"):
        values = fields(dob)
        date, year = values.get("DATE", ""), values.get("YEAR", "")
        low, high = values.get("FROM_YEAR", ""), values.get("TO_YEAR", "")
        if date:
            found.append(date)
        elif year:
            found.append(year)
        elif low and high:
            # "between 1953 and 1958": every year is a candidate date of birth.
            if low.isdigit() and high.isdigit() and 0 <= int(high) - int(low) <= 20:
                found.extend(str(y) for y in range(int(low), int(high) + 1))
            else:
                found.append(f"{low}-{high}")
    return found


def record(element: etree._Element) -> ListedEntity:
    """One ``INDIVIDUAL`` or ``ENTITY`` element as a ``ListedEntity``."""
    is_person = element.tag == "INDIVIDUAL"
    prefix = "INDIVIDUAL" if is_person else "ENTITY"
    top = fields(element)
    reference = top.get("REFERENCE_NUMBER", "")
    entity = ListedEntity(
        kind="person" if is_person else "organization",
        name=_name(top),
        ids=[("un", reference)],
    )
    for alias in children(element, f"{prefix}_ALIAS"):
        for text in fields(alias).get("ALIAS_NAME", "").split(";"):
            if text.strip():
                entity.aliases.append(text.strip())
    entity.aliases.extend(texts(element, "NAME_ORIGINAL_SCRIPT"))
    for tag in ("NATIONALITY",):
        for group in children(element, tag):
            entity.nationalities.extend(texts(group, "VALUE"))
    for group in children(element, "DESIGNATION"):
        entity.roles.extend(texts(group, "VALUE"))
    for group in children(element, "TITLE"):
        entity.roles.extend(texts(group, "VALUE"))
    if is_person:
        entity.birth_dates = _birth_dates(element)
        for place in children(element, "INDIVIDUAL_PLACE_OF_BIRTH"):
            text = _place(fields(place))
            if text:
                entity.birth_places.append(text)
        for document in children(element, "INDIVIDUAL_DOCUMENT"):
            values = fields(document)
            number = values.get("NUMBER", "")
            if not number:
                continue
            kind = values.get("TYPE_OF_DOCUMENT", "")
            if "passport" in kind.casefold() or "pasaporte" in kind.casefold():
                entity.passports.append(number)
            else:
                entity.identifiers.append(f"{kind}: {number}" if kind else number)
    for address in children(element, f"{prefix}_ADDRESS"):
        values = fields(address)
        text = _address(values)
        if text:
            entity.addresses.append(text)
        country = values.get("COUNTRY", "")
        if country:
            entity.countries.append(country)
    remarks = [top.get("COMMENTS1", "")]
    entity.listings.append(
        Listing(
            reference=reference,
            source="UN",
            programs=[top.get("UN_LIST_TYPE", "")],
            listed_on=top.get("LISTED_ON", ""),
            remarks=[r for r in remarks if r],
        )
    )
    return entity


def _records(path: Path, builder: ListBuilder, meta: ListMeta) -> Iterator[ox.Triple]:
    for element in iter_xml(path, ("INDIVIDUAL", "ENTITY")):
        if meta.issued is None:
            generated = element.getroottree().getroot().get("dateGenerated", "")
            meta.issued = generated[:10] if generated else None
        entity = record(element)
        dataid = element.findtext("DATAID") or ""
        yield from builder.entity(entity, fallback=("un-dataid", dataid) if dataid else None)


@register(
    KIND,
    "UN Security Council Consolidated List (XML)",
    detect,
    priority=50,
)
def ingest(path: Path, options: IngestOptions) -> Iterator[SourceUnit]:
    """One unit: the whole consolidated list, streamed record by record."""
    yield file_list_unit(
        path,
        options,
        kind=KIND,
        list_key=LIST_KEY,
        title="UN Security Council Consolidated List",
        publisher="United Nations Security Council",
        records=_records,
    )
