"""The OFAC SDN list in its legacy CSV set: ``sdn.csv`` + ``add.csv`` + ``alt.csv`` +
``sdn_comments.csv`` (or the non-SDN consolidated ``cons_prim.csv`` + ``cons_add.csv`` +
``cons_alt.csv`` + ``cons_comments.csv``). One set is one list and one input: give its folder
(or its ``sdn.csv``).

The files have no header row, write ``-0-`` for an empty field, may start with a byte-order mark
and may be in Windows-1252; they are joined on ``ent_num``, the OFAC unique id, which is the
listing reference and the entity's strong identifier (``sgid:entity/ofac/<uid>``, shared with
the Sanctions List Service XML and OpenSanctions' ``ofac-<uid>`` referents).

Columns: sdn ``ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT,
Vess_flag, Vess_owner, Remarks``; add ``ent_num, Add_num, Address, City/State/Province/Postal
Code, Country, Add_remarks``; alt ``ent_num, alt_num, alt_type, alt_name, alt_remarks``;
comments ``ent_num, Remarks_Extended`` (the remarks too long for sdn.csv). The ``Program``
column holds ``A] [B`` for several programmes: one designation per programme. Dates of birth,
places of birth, nationality, passports, IMO numbers and other identifiers are read from the
remarks. The legacy files carry no publication date: ``--date`` supplies one.

Streaming: the address, alias and comment files are not in ``ent_num`` order in general, so
they are indexed in a temporary SQLite file (bounded memory), then ``sdn.csv`` is read one row
at a time and joined. Rows without an id, rows of unknown entities and short rows are counted
warnings.
"""

from __future__ import annotations

import codecs
import csv
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from sanctions_graph.errors import InputError
from sanctions_graph.ingest.lists import (
    ListBuilder,
    ListedEntity,
    Listing,
    ListMeta,
    head_text,
    imo_digits,
    list_unit,
    open_text,
    scratch_db,
)
from sanctions_graph.ingest.registry import IngestOptions, SourceUnit, register

KIND = "ofac"
EMPTY = "-0-"
#: File-name prefixes of the two CSV sets: (main, addresses, aliases, comments, list key, title)
SETS = (
    ("sdn", "add", "alt", "sdn_comments", "ofac-sdn", "OFAC Specially Designated Nationals List"),
    (
        "cons_prim",
        "cons_add",
        "cons_alt",
        "cons_comments",
        "ofac-consolidated",
        "OFAC Consolidated (non-SDN) List",
    ),
)
PUBLISHER = "U.S. Department of the Treasury, Office of Foreign Assets Control"
_ROW = re.compile(r'^\s*\d+\s*,\s*"')
_KINDS = {"individual": "person", "vessel": "vessel", "aircraft": "aircraft"}


# ---------------------------------------------------------------------------------------------
# Finding the set
# ---------------------------------------------------------------------------------------------
def _role(name: str) -> str | None:
    """Which file of which set a CSV file name is: e.g. "sdn:main", "sdn:comments"."""
    lowered = name.lower()
    if not lowered.endswith(".csv"):
        return None
    for main, add, alt, comments, *_ in SETS:
        # Longest prefix first: sdn_comments before sdn.
        for prefix, role in ((comments, "comments"), (main, "main"), (add, "add"), (alt, "alt")):
            if lowered.startswith(prefix):
                return f"{main}:{role}"
    return None


def find_set(path: Path) -> tuple[dict[str, Path], tuple[str, ...]]:
    """The files of the OFAC CSV set at ``path`` (a folder, or its main file) by role, and the
    set's description. Raises ``InputError`` when there is no main file or more than one."""
    folder = path if path.is_dir() else path.parent
    wanted = None if path.is_dir() else _role(path.name)
    if wanted is not None and not wanted.endswith(":main"):
        raise InputError(
            f"{path.name} is part of an OFAC CSV set: ingest its folder or its main file "
            "(sdn.csv / cons_prim.csv)"
        )
    found: dict[str, dict[str, list[Path]]] = {}
    for entry in sorted(folder.iterdir()):
        role = _role(entry.name)
        if role is not None and entry.is_file():
            group, part = role.split(":")
            found.setdefault(group, {}).setdefault(part, []).append(entry)
    groups = [g for g, parts in found.items() if "main" in parts]
    if wanted is not None:
        groups = [wanted.split(":")[0]]
    if not groups:
        raise InputError(f"{folder}: no OFAC sdn.csv (or cons_prim.csv) in this folder")
    if len(groups) > 1:
        raise InputError(f"{folder}: holds both an SDN and a consolidated CSV set; give one file")
    group = groups[0]
    files: dict[str, Path] = {}
    for part, paths in found.get(group, {}).items():
        if part == "main" and wanted is not None:
            files["main"] = path
            continue
        if len(paths) > 1:
            names = ", ".join(p.name for p in paths)
            raise InputError(f"{folder}: more than one OFAC {part} file ({names})")
        files[part] = paths[0]
    description = next(s for s in SETS if s[0] == group)
    return files, description


def _looks_like_rows(head: bytes) -> bool:
    """Whether a CSV file starts like an OFAC row (``ent_num,"..."``), byte-order mark or not."""
    return bool(_ROW.match(head_text(head[:512].removeprefix(codecs.BOM_UTF8))))


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(512)
    except OSError:
        return b""


def detect(path: Path, head: bytes) -> bool:
    """A folder holding an OFAC CSV set, or one of the set's CSV files (by name and rows)."""
    if path.is_dir():
        try:
            mains = [
                p
                for p in path.iterdir()
                if p.is_file() and (_role(p.name) or "").endswith(":main")
            ]
        except OSError:
            return False
        return len(mains) == 1 and _looks_like_rows(_head(mains[0]))
    if _role(path.name) is None:
        return False
    return _looks_like_rows(head)


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------
def _clean(value: str) -> str:
    value = value.strip()
    return "" if value == EMPTY else value


def _rows(path: Path) -> Iterator[list[str]]:
    with open_text(path) as handle:
        reader = csv.reader(handle)
        try:
            for row in reader:
                if row and any(cell.strip() for cell in row):
                    yield [_clean(cell) for cell in row]
        except csv.Error as error:  # e.g. a field beyond the csv module's size limit
            raise InputError(
                f"{path.name}: malformed CSV at line {reader.line_num}: {error}"
            ) from None


_SEGMENT_DOB = re.compile(r"^DOB (?P<v>.+)$", re.IGNORECASE)
_SEGMENT_POB = re.compile(r"^POB (?P<v>.+)$", re.IGNORECASE)
_SEGMENT_NATIONALITY = re.compile(r"^(?:nationality|citizen) (?P<v>.+)$", re.IGNORECASE)
_SEGMENT_PASSPORT = re.compile(r"^Passport (?P<v>[^\s(]+)", re.IGNORECASE)
_SEGMENT_IDENTIFIER = re.compile(
    r"^(?P<label>National ID No\.|Tax ID No\.|SSN|Registration (?:Number|ID)|"
    r"Business Registration Number|Cedula No\.|Identification Number|D\.N\.I\.|NIT #|RFC|"
    r"C\.U\.R\.P\.|Company Number|UK Company Number|Public Security and Immigration No\.|"
    r"Registration Number|Personal ID Card|Government Gazette Number|Legal Entity Number|"
    r"Trade License No\.|Commercial Registry Number|MMSI|Stock Ticker|SWIFT/BIC) "
    r"(?P<v>.+)$"
)
# "1958 to 1960", "01 Jan 1953 to 31 Dec 1954": every year in between is a candidate.
_YEAR_RANGE = re.compile(
    r"^(?:\d{1,2} )?(?:[A-Za-z]{3} )?(\d{4}) to (?:\d{1,2} )?(?:[A-Za-z]{3} )?(\d{4})$"
)


def parse_remarks(remarks: str, entity: ListedEntity) -> None:
    """Read dates and places of birth, nationality, passports, IMO numbers and identifiers
    from the remarks field ("DOB 28 Jul 1963; POB Toledo District, Belize; ...")."""
    for raw in remarks.split(";"):
        segment = raw.strip().rstrip(".").strip()
        if segment.lower().startswith("alt. "):
            segment = segment[5:].strip()
        if not segment:
            continue
        if match := _SEGMENT_DOB.match(segment):
            value = match["v"].strip()
            years = _YEAR_RANGE.match(value)
            if years and 0 <= int(years[2]) - int(years[1]) <= 20:
                entity.birth_dates.extend(
                    str(y) for y in range(int(years[1]), int(years[2]) + 1)
                )
            else:
                entity.birth_dates.append(value)
        elif match := _SEGMENT_POB.match(segment):
            entity.birth_places.append(match["v"].strip())
        elif match := _SEGMENT_NATIONALITY.match(segment):
            entity.nationalities.append(match["v"].strip())
        elif match := _SEGMENT_PASSPORT.match(segment):
            entity.passports.append(match["v"].strip())
        elif "IMO " in segment and (imo := imo_digits(segment.split("IMO ", 1)[1])):
            entity.imo_numbers.append(imo)
        elif match := _SEGMENT_IDENTIFIER.match(segment):
            entity.identifiers.append(f"{match['label']} {match['v'].strip()}")


def _index(db: sqlite3.Connection, files: dict[str, Path], builder: ListBuilder) -> None:
    """Load the address, alias and comment files into the temporary SQLite index."""
    db.executescript(
        "CREATE TABLE address(ent INTEGER, num INTEGER, text TEXT, country TEXT);"
        "CREATE TABLE alias(ent INTEGER, num INTEGER, name TEXT);"
        "CREATE TABLE comment(ent INTEGER, text TEXT);"
        "CREATE TABLE seen(ent INTEGER PRIMARY KEY);"
    )

    def valid(rows: Iterator[list[str]], width: int, what: str) -> Iterator[list[str]]:
        for row in rows:
            if not row[0].isdigit():
                builder.warn(f"{what} row without an id (skipped)", ",".join(row)[:80])
            elif len(row) < width:
                builder.warn(f"{what} row with too few columns (skipped)", ",".join(row)[:80])
            else:
                yield row

    if "add" in files:
        db.executemany(
            "INSERT INTO address VALUES (?, ?, ?, ?)",
            (
                (int(r[0]), int(r[1]) if r[1].isdigit() else 0, _address(r), r[4])
                for r in valid(_rows(files["add"]), 5, "address")
            ),
        )
    if "alt" in files:
        db.executemany(
            "INSERT INTO alias VALUES (?, ?, ?)",
            (
                (int(r[0]), int(r[1]) if r[1].isdigit() else 0, r[3])
                for r in valid(_rows(files["alt"]), 4, "alias")
            ),
        )
    if "comments" in files:
        db.executemany(
            "INSERT INTO comment VALUES (?, ?)",
            ((int(r[0]), r[1]) for r in valid(_rows(files["comments"]), 2, "comment")),
        )
    db.executescript(
        "CREATE INDEX address_ent ON address(ent);"
        "CREATE INDEX alias_ent ON alias(ent);"
        "CREATE INDEX comment_ent ON comment(ent);"
    )


def _address(row: list[str]) -> str:
    if not (row[2] or row[3]):  # a country alone is not an address (it is sg:country)
        return ""
    parts = [row[2], row[3], row[4]] + ([row[5]] if len(row) > 5 else [])
    return ", ".join(p for p in parts if p)


def record(row: list[str], db: sqlite3.Connection) -> ListedEntity:
    """One ``sdn.csv`` row joined with its addresses, aliases and extended remarks."""
    uid = row[0]
    kind = _KINDS.get(row[2].lower(), "organization")
    entity = ListedEntity(kind=kind, name=row[1], ids=[("ofac", uid)])
    ent = int(uid)
    for (name,) in db.execute("SELECT name FROM alias WHERE ent = ? ORDER BY num", (ent,)):
        if name:
            entity.aliases.append(name)
    for text, country in db.execute(
        "SELECT text, country FROM address WHERE ent = ? ORDER BY num", (ent,)
    ):
        if text:
            entity.addresses.append(text)
        if country:
            entity.countries.append(country)
    remarks = row[11] if len(row) > 11 else ""
    for (extra,) in db.execute("SELECT text FROM comment WHERE ent = ?", (ent,)):
        remarks = f"{remarks}{extra}" if extra else remarks
    if row[4]:
        entity.roles.append(row[4])
    if kind == "vessel":
        if row[9]:
            entity.countries.append(row[9])
        if row[5]:
            entity.identifiers.append(f"Call sign {row[5]}")
    parse_remarks(remarks, entity)
    programs = [p.strip(" []") for p in row[3].split("] [")] if row[3] else []
    entity.listings.append(
        Listing(
            reference=uid,
            source="OFAC",
            programs=programs,
            remarks=[remarks] if remarks else [],
        )
    )
    return entity


def _records(files: dict[str, Path], builder: ListBuilder) -> Iterator[ox.Triple]:
    with scratch_db("ofac") as db:
        _index(db, files, builder)
        rows = 0
        for row in _rows(files["main"]):
            if not row[0].isdigit():
                builder.warn("sdn row without an id (skipped)", ",".join(row)[:80])
                continue
            if len(row) < 12:
                builder.warn("sdn row with too few columns (skipped)", ",".join(row)[:80])
                continue
            added = db.execute("INSERT OR IGNORE INTO seen VALUES (?)", (int(row[0]),))
            if added.rowcount == 0:
                builder.warn("duplicate ent_num (second row skipped)", row[0])
                continue
            rows += 1
            yield from builder.entity(record(row, db))
        if rows == 0:
            raise InputError(f"{files['main'].name}: no OFAC SDN rows in this file")
        for table in ("address", "alias", "comment"):
            (orphans,) = db.execute(
                f"SELECT count(*) FROM {table} WHERE ent NOT IN (SELECT ent FROM seen)"
            ).fetchone()
            if orphans:
                builder.warn(
                    f"{table} row of an ent_num not in the main file (ignored)",
                    files["main"].name,
                    orphans,
                )


@register(
    KIND,
    "OFAC SDN legacy CSV set (sdn.csv + add.csv + alt.csv + sdn_comments.csv), folder or sdn.csv",
    detect,
    priority=40,
    takes_folder=True,
)
def ingest(path: Path, options: IngestOptions) -> Iterator[SourceUnit]:
    """One unit: the whole CSV set, joined on ent_num and streamed row by row."""
    files, description = find_set(path)
    list_key, title = description[4], description[5]
    meta = ListMeta(title=title, publisher=PUBLISHER, issued=options.date)
    ordered = [files[p] for p in ("main", "add", "alt", "comments") if p in files]
    yield list_unit(
        kind=KIND,
        list_key=list_key,
        label=str(path),
        paths=ordered,
        meta=meta,
        records=lambda builder: _records(files, builder),
    )
