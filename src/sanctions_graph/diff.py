"""What changed between two versions of a sanctions list: designations added, removed
(delistings, the change analysts miss most) and changed.

Both versions are read with the same ingestors as ``ingest`` (so the comparison is of the
graphs they would write), either from two files (``diff_files``) or from a file and the version
the store holds (``diff_against_store``). Designations are matched by IRI, which is stable
across versions (``sgid:designation/<list>/<reference>/<programme>``). A designation counts as
changed when any of its own statements (regime, listing date, reference, remarks, measures) or
any statement about the entity it designates (names, aliases, dates of birth, identifiers,
addresses, links) differs; the report names which properties changed.

Memory: one small fingerprint per subject (a hash per property), not the triples themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from sanctions_graph.errors import InputError
from sanctions_graph.store import Store
from sanctions_graph.vocab import PROV, RDF, RDFS, SG, SKOS

_TYPE = str(RDF.type)
_DESIGNATION = str(SG.Designation)
_DESIGNATES = str(SG.designates)
_REFERENCE = str(SG.listingReference)
_REGIME = str(SG.underRegime)
_LABEL = str(RDFS.label)
#: Properties of a designation that say nothing about the listing itself.
_IGNORED = frozenset({_TYPE, str(PROV.wasDerivedFrom)})
#: Short names for properties in the report.
_NAMES = {
    _LABEL: "label",
    str(SKOS.altLabel): "aliases",
    str(RDFS.comment): "remarks",
    "http://www.w3.org/2002/07/owl#sameAs": "sameAs",
}


def _short(predicate: str) -> str:
    return _NAMES.get(predicate) or predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass
class Snapshot:
    """Fingerprints of one version of a list: per subject, a hash per property."""

    label: str = ""
    subjects: dict[str, dict[str, int]] = field(default_factory=dict)
    designations: set[str] = field(default_factory=set)
    designates: dict[str, str] = field(default_factory=dict)
    references: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    regimes: dict[str, str] = field(default_factory=dict)

    def add(self, subject: str, predicate: str, obj: ox.NamedNode | ox.BlankNode | ox.Literal
            ) -> None:
        """Fold one statement into the fingerprints."""
        properties = self.subjects.setdefault(subject, {})
        # Order-independent: the sum of the statements' hashes per property.
        properties[predicate] = (properties.get(predicate, 0) + hash(str(obj))) & (2**64 - 1)
        if predicate == _TYPE and isinstance(obj, ox.NamedNode) and obj.value == _DESIGNATION:
            self.designations.add(subject)
        elif predicate == _DESIGNATES and isinstance(obj, ox.NamedNode):
            self.designates[subject] = obj.value
        elif predicate == _REFERENCE and isinstance(obj, ox.Literal):
            self.references[subject] = obj.value
        elif predicate == _REGIME and isinstance(obj, ox.NamedNode):
            self.regimes[subject] = obj.value.rsplit("/", 1)[-1]
        elif predicate == _LABEL and isinstance(obj, ox.Literal):
            self.labels.setdefault(subject, obj.value)

    def fields(self, designation: str) -> dict[str, int]:
        """The designation's fingerprint: its own properties and its entity's (``entity ...``)."""
        own = {
            _short(p): h for p, h in self.subjects.get(designation, {}).items() if p not in _IGNORED
        }
        entity = self.designates.get(designation)
        if entity:
            for predicate, value in self.subjects.get(entity, {}).items():
                own[f"entity {_short(predicate)}"] = value
        return own


def snapshot(triples: Iterable[ox.Triple], label: str = "") -> Snapshot:
    """Fingerprint a stream of triples (one version of a list)."""
    result = Snapshot(label=label)
    for triple in triples:
        subject = triple.subject
        if isinstance(subject, ox.NamedNode | ox.BlankNode):
            result.add(str(subject.value), triple.predicate.value, triple.object)  # type: ignore[arg-type]
    return result


@dataclass(frozen=True)
class DesignationItem:
    """One designation in the report."""

    iri: str
    reference: str
    label: str
    regime: str
    entity: str


@dataclass
class ListDiff:
    """Designations added, removed and changed from ``old`` to ``new``."""

    old: str
    new: str
    old_count: int
    new_count: int
    added: list[DesignationItem] = field(default_factory=list)
    removed: list[DesignationItem] = field(default_factory=list)
    changed: list[tuple[DesignationItem, list[str]]] = field(default_factory=list)
    unchanged: int = 0

    @property
    def has_changes(self) -> bool:
        """Whether anything was added, removed or changed."""
        return bool(self.added or self.removed or self.changed)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form of the report."""

        def item(d: DesignationItem) -> dict[str, str]:
            return {
                "designation": d.iri,
                "reference": d.reference,
                "label": d.label,
                "regime": d.regime,
                "entity": d.entity,
            }

        return {
            "old": self.old,
            "new": self.new,
            "old_designations": self.old_count,
            "new_designations": self.new_count,
            "added": [item(d) for d in self.added],
            "removed": [item(d) for d in self.removed],
            "changed": [{**item(d), "fields": fields} for d, fields in self.changed],
            "unchanged": self.unchanged,
        }


def _item(snap: Snapshot, designation: str) -> DesignationItem:
    return DesignationItem(
        iri=designation,
        reference=snap.references.get(designation, ""),
        label=snap.labels.get(designation, designation.rsplit("/", 2)[-2]),
        regime=snap.regimes.get(designation, ""),
        entity=snap.designates.get(designation, ""),
    )


def compare(old: Snapshot, new: Snapshot) -> ListDiff:
    """The designations added, removed and changed between two snapshots."""
    report = ListDiff(
        old=old.label,
        new=new.label,
        old_count=len(old.designations),
        new_count=len(new.designations),
    )
    for designation in sorted(old.designations - new.designations):
        report.removed.append(_item(old, designation))
    for designation in sorted(new.designations - old.designations):
        report.added.append(_item(new, designation))
    for designation in sorted(old.designations & new.designations):
        before, after = old.fields(designation), new.fields(designation)
        if before == after:
            report.unchanged += 1
            continue
        names = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        report.changed.append((_item(new, designation), names))
    return report


# ---------------------------------------------------------------------------------------------
# Reading versions
# ---------------------------------------------------------------------------------------------
def read_list(path: Path, kind: str | None = None) -> tuple[str, Snapshot]:
    """Read one list file (or OFAC CSV folder) with its ingestor: (graph IRI, snapshot)."""
    from sanctions_graph.ingest.pipeline import HEAD_BYTES, choose_ingestor, discover
    from sanctions_graph.ingest.registry import IngestOptions

    options = IngestOptions(kind=kind)
    inputs, skipped = discover([path], options)
    if skipped:
        raise InputError(f"{skipped[0].label}: {skipped[0].reason}")
    if len(inputs) != 1:
        raise InputError(f"{path}: give one list file (or one OFAC CSV folder), not a folder "
                         f"of {len(inputs)} files")
    item = inputs[0]
    ingestor = item.ingestor
    if ingestor is None:
        with item.path.open("rb") as handle:
            ingestor = choose_ingestor(item.path, handle.read(HEAD_BYTES))
    if ingestor.kind == "article":
        raise InputError(f"{path}: an article, not a sanctions list")
    units = list(ingestor.ingest(item.path, options))
    if len(units) != 1:
        raise InputError(f"{path}: expected one list, found {len(units)} units")
    unit = units[0]
    if unit.error is not None:
        raise InputError(f"{path}: {unit.error}")
    return unit.graph, snapshot(unit.triples, label=str(path))


def diff_files(old: Path, new: Path, kind: str | None = None) -> ListDiff:
    """Compare two versions of the same list (files, or OFAC CSV folders)."""
    old_graph, old_snapshot = read_list(old, kind)
    new_graph, new_snapshot = read_list(new, kind)
    if old_graph != new_graph:
        raise InputError(
            f"{old} and {new} are not versions of the same list "
            f"({old_graph.rsplit('/', 1)[-1]} vs {new_graph.rsplit('/', 1)[-1]})"
        )
    return compare(old_snapshot, new_snapshot)


# ?g is projected: pyoxigraph applies a substitution only to a projected variable.
_GRAPH_TRIPLES = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


def snapshot_graph(store: Store, graph: str) -> Snapshot:
    """Fingerprint the version of a list the store holds in ``graph``."""
    result = Snapshot(label=f"store {graph}")
    rows = store.query(_GRAPH_TRIPLES, {"g": ox.NamedNode(graph)}).rows
    for row in rows:
        subject, predicate, obj = row["s"], row["p"], row["o"]
        if subject is None or predicate is None or obj is None:
            continue
        result.add(subject.value, predicate.value, obj)
    return result


def diff_against_store(store: Store, new: Path, kind: str | None = None) -> ListDiff:
    """Compare the version of a list held in the store with a (newer) file of the same list:
    what ingesting ``new`` would change."""
    graph, new_snapshot = read_list(new, kind)
    old_snapshot = snapshot_graph(store, graph)
    if not old_snapshot.subjects:
        old_snapshot.label = f"store (no {graph.rsplit('/', 1)[-1]} yet)"
    return compare(old_snapshot, new_snapshot)


def format_report(report: ListDiff, limit: int = 50) -> str:
    """The report as text: counts, then removed (delisted), added and changed designations."""
    lines = [
        f"old: {report.old} ({report.old_count} designations)",
        f"new: {report.new} ({report.new_count} designations)",
        f"removed (delisted): {len(report.removed)}   added: {len(report.added)}   "
        f"changed: {len(report.changed)}   unchanged: {report.unchanged}",
    ]

    def describe(item: DesignationItem) -> str:
        regime = f" [{item.regime}]" if item.regime else ""
        return f"{item.label}{regime}"

    for title, items, mark in (("removed", report.removed, "-"), ("added", report.added, "+")):
        if items:
            lines.append(f"{title}:")
            lines.extend(f"  {mark} {describe(i)}" for i in items[:limit])
            if len(items) > limit:
                lines.append(f"  ... and {len(items) - limit} more")
    if report.changed:
        lines.append("changed:")
        for item, fields in report.changed[:limit]:
            lines.append(f"  ~ {describe(item)}: {', '.join(fields)}")
        if len(report.changed) > limit:
            lines.append(f"  ... and {len(report.changed) - limit} more")
    return "\n".join(lines)
