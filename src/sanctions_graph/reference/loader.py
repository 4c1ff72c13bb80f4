"""Read the curated data files shipped in ``reference/data`` into records, once per process.

The files are YAML; a malformed or inconsistent file is a packaging bug, so it raises
``ValueError`` naming the file and the record (the tests load every file).
"""

from __future__ import annotations

import datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from sanctions_graph.reference.model import (
    CODE_SOURCES,
    MEASURES,
    STATE_STATUSES,
    LeaderRecord,
    OrgRecord,
    RegimeRecord,
    StateRecord,
)
from sanctions_graph.resources import REFERENCE_FILES

FILES = REFERENCE_FILES
STATES_FILE, ORGANISATIONS_FILE, REGIMES_FILE, LEADERS_FILE = FILES

try:  # the C loader is ~10x faster; PyYAML without libyaml falls back to the Python one
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


def _read(path: Path, top: str) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        document = yaml.load(handle, Loader=_Loader)
    items = document.get(top) if isinstance(document, dict) else None
    if not isinstance(items, list):
        raise ValueError(f"{path.name}: expected a top-level '{top}' list")
    return items


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{where}: expected a list of non-empty strings, got {value!r}")
    return tuple(value)


def _date(value: Any, where: str, *, optional: bool) -> datetime.date | None:
    if value is None and optional:
        return None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    raise ValueError(f"{where}: expected a date (YYYY-MM-DD), got {value!r}")


@cache
def load_states() -> tuple[StateRecord, ...]:
    """All states from ``states.yaml``, in file order (sorted by ISO3)."""
    records = []
    for item in _read(STATES_FILE, "states"):
        where = f"{STATES_FILE.name}: {item.get('iso3')}"
        if item.get("status") not in STATE_STATUSES:
            raise ValueError(f"{where}: unknown status {item.get('status')!r}")
        records.append(
            StateRecord(
                iso3=str(item["iso3"]),
                iso2=str(item["iso2"]),
                numeric=str(item.get("numeric") or ""),
                name=str(item["name"]),
                official_name=str(item["official_name"]),
                aliases=_strings(item.get("aliases"), where),
                demonyms=_strings(item.get("demonyms"), where),
                capitals=_strings(item.get("capitals"), where),
                metonyms=_strings(item.get("metonyms"), where),
                status=str(item["status"]),
            )
        )
    return tuple(records)


@cache
def load_organisations() -> tuple[OrgRecord, ...]:
    """All organisations from ``organisations.yaml``, in file order."""
    records = []
    for item in _read(ORGANISATIONS_FILE, "organisations"):
        where = f"{ORGANISATIONS_FILE.name}: {item.get('acronym')}"
        records.append(
            OrgRecord(
                acronym=str(item["acronym"]),
                name=str(item["name"]),
                aliases=_strings(item.get("aliases"), where),
                parent=item.get("parent"),
                metonyms=_strings(item.get("metonyms"), where),
                members=_strings(item.get("members"), where),
            )
        )
    return tuple(records)


@cache
def load_regimes() -> tuple[RegimeRecord, ...]:
    """All sanctions regimes from ``regimes.yaml``, in file order."""
    records = []
    for item in _read(REGIMES_FILE, "regimes"):
        where = f"{REGIMES_FILE.name}: {item.get('key')}"
        measures = _strings(item.get("measures"), where)
        unknown = [m for m in measures if m not in MEASURES]
        if unknown:
            raise ValueError(f"{where}: unknown measures {unknown}")
        codes = []
        for pair in item.get("codes") or []:
            if (
                not isinstance(pair, list)
                or len(pair) != 2
                or pair[0] not in CODE_SOURCES
                or not str(pair[1]).strip()
            ):
                raise ValueError(f"{where}: bad code {pair!r}")
            codes.append((str(pair[0]), str(pair[1])))
        start = _date(item.get("start"), where, optional=False)
        assert start is not None  # _date raises when a required date is missing
        records.append(
            RegimeRecord(
                key=str(item["key"]),
                label=str(item["label"]),
                authority=str(item["authority"]),
                target=item.get("target"),
                legal_basis=str(item["legal_basis"]),
                measures=measures,
                start=start,
                end=_date(item.get("end"), where, optional=True),
                codes=tuple(codes),
                note=str(item.get("note") or ""),
            )
        )
    return tuple(records)


@cache
def load_leaders() -> tuple[LeaderRecord, ...]:
    """All (person, role) records from ``leaders.yaml``, in file order."""
    records = []
    for item in _read(LEADERS_FILE, "leaders"):
        where = f"{LEADERS_FILE.name}: {item.get('name')} ({item.get('role')})"
        records.append(
            LeaderRecord(
                name=str(item["name"]),
                aliases=_strings(item.get("aliases"), where),
                state=str(item["state"]),
                role=str(item["role"]),
                start=_date(item.get("start"), where, optional=True),
                end=_date(item.get("end"), where, optional=True),
            )
        )
    return tuple(records)
