"""Precision, recall and F1 of article extraction against gold JSON files.

A gold file (DESIGN.md, "Gold files") names its article and lists relations
``{"type", "actor", "target", "optional"?}``, sanctioned states and persons. Scoring compares
(family, actor, target) tuples, and (type, actor, target) tuples for the exact-type score. The
DIPLOMATIC, AGREEMENT and COOPERATION families are unordered pairs; the others are directed.
"UN" counts as "UNSC". An optional gold relation is neither required nor a false positive.
Persons are matched by name (spelling-tolerant) and, for the state score, by state too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sanctions_graph.errors import InputError
from sanctions_graph.extract.model import EventFact, Extraction, PersonFact

#: Event type -> family.
FAMILIES: dict[str, str] = {
    "Meeting": "DIPLOMATIC",
    "Visit": "DIPLOMATIC",
    "IntentToCooperate": "AGREEMENT",
    "AgreementSigning": "AGREEMENT",
    "MilitaryCooperation": "COOPERATION",
    "EconomicCooperation": "COOPERATION",
    "ExpressionOfSupport": "SUPPORT",
    "ArmsTransfer": "AID",
    "EconomicAssistance": "AID",
    "TechnologyTransfer": "AID",
    "SanctionsImposition": "SANCTION",
    "Criticism": "HOSTILITY",
    "Threat": "HOSTILITY",
    "MilitaryAggression": "HOSTILITY",
}
#: Families whose pairs are compared without direction.
UNORDERED = frozenset({"DIPLOMATIC", "AGREEMENT", "COOPERATION"})
#: Codes that count as another code.
ALIASES = {"UN": "UNSC"}
#: How close two spellings of a person's name must be (rapidfuzz ratio, 0-100).
NAME_SIMILARITY = 85.0

Key = tuple[str, str, str]


@dataclass
class Score:
    """Counts of true positives, false positives and false negatives, with the ratios."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of extracted tuples that are right (1.0 when nothing was extracted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of required gold tuples that were found (1.0 when none are required)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        """Add another score's counts to this one (micro-averaging)."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int]:
        """Counts and ratios, rounded for reports."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class PersonScore:
    """How many gold persons were found by name, and with the right state."""

    gold: int = 0
    found: int = 0
    with_state: int = 0

    @property
    def recall(self) -> float:
        """Share of gold persons found by name."""
        return self.found / self.gold if self.gold else 1.0

    @property
    def state_recall(self) -> float:
        """Share of gold persons found by name with the gold state."""
        return self.with_state / self.gold if self.gold else 1.0

    def add(self, other: PersonScore) -> None:
        """Add another score's counts to this one."""
        self.gold += other.gold
        self.found += other.found
        self.with_state += other.with_state


@dataclass
class DocumentResult:
    """Scores of one article, with the tuples behind them."""

    article: str
    family: Score
    exact: Score
    persons: PersonScore
    missed: list[Key] = field(default_factory=list)  # required exact tuples not found
    spurious: list[Key] = field(default_factory=list)  # extracted exact tuples not in gold


@dataclass
class Report:
    """Per-document and overall scores."""

    documents: list[DocumentResult]
    family: Score
    exact: Score
    persons: PersonScore

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form of the report."""

        def persons(score: PersonScore) -> dict[str, Any]:
            return {
                **asdict(score),
                "recall": round(score.recall, 4),
                "state_recall": round(score.state_recall, 4),
            }

        return {
            "overall": {
                "family": self.family.as_dict(),
                "exact": self.exact.as_dict(),
                "persons": persons(self.persons),
            },
            "documents": [
                {
                    "article": d.article,
                    "family": d.family.as_dict(),
                    "exact": d.exact.as_dict(),
                    "persons": persons(d.persons),
                    "missed": [list(k) for k in d.missed],
                    "spurious": [list(k) for k in d.spurious],
                }
                for d in self.documents
            ],
        }


@dataclass(frozen=True)
class Gold:
    """One gold file: required and optional relations, persons."""

    article: str
    required: list[tuple[str, str, str]]  # (type, actor, target)
    optional: list[tuple[str, str, str]]
    persons: list[tuple[str, str | None]]  # (name, state)


def _code(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}: expected a state or organisation code")
    code = value.strip()
    return ALIASES.get(code, code)


def parse_gold(data: object, source: str) -> Gold:
    """Check and read one gold document (``source`` names it in error messages)."""
    if not isinstance(data, dict):
        raise InputError(f"{source}: a gold file must hold a JSON object")
    article = data.get("article")
    if not isinstance(article, str) or not article:
        raise InputError(f"{source}: missing 'article' (the article's file name)")
    relations = data.get("relations", [])
    if not isinstance(relations, list):
        raise InputError(f"{source}: 'relations' must be a list")
    required: list[Key] = []
    optional: list[Key] = []
    for number, relation in enumerate(relations, 1):
        where = f"{source}: relation {number}"
        if not isinstance(relation, dict):
            raise InputError(f"{where}: expected an object")
        kind = relation.get("type")
        if kind not in FAMILIES:
            raise InputError(f"{where}: unknown event type {kind!r}")
        key = (kind, _code(relation.get("actor"), where), _code(relation.get("target"), where))
        (optional if relation.get("optional") is True else required).append(key)
    people = data.get("persons", [])
    if not isinstance(people, list):
        raise InputError(f"{source}: 'persons' must be a list")
    persons = []
    for number, person in enumerate(people, 1):
        if not isinstance(person, dict) or not isinstance(person.get("name"), str):
            raise InputError(f"{source}: person {number} needs a 'name'")
        state = person.get("state")
        persons.append((person["name"], state if isinstance(state, str) else None))
    return Gold(article, required, optional, persons)


def read_gold(path: Path) -> Gold:
    """Read one gold JSON file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{path}: not valid JSON: {error}") from None
    return parse_gold(data, str(path))


def _family_key(kind: str, actor: str, target: str) -> Key:
    family = FAMILIES[kind]
    if family in UNORDERED:
        actor, target = sorted((actor, target))
    return (family, actor, target)


def _exact_key(kind: str, actor: str, target: str) -> Key:
    if FAMILIES[kind] in UNORDERED:
        actor, target = sorted((actor, target))
    return (kind, actor, target)


def predicted(events: Iterable[EventFact]) -> set[tuple[str, str, str]]:
    """(type, actor, target) tuples of extracted events, one per target."""
    tuples: set[Key] = set()
    for event in events:
        actor = ALIASES.get(event.actor, event.actor)
        for target in event.targets:
            tuples.add((event.type, actor, ALIASES.get(target, target)))
    return tuples


def _score(found: set[Key], required: set[Key], optional: set[Key]) -> Score:
    return Score(
        tp=len(found & required),
        fp=len(found - required - optional),
        fn=len(required - found),
    )


def score_document(extraction: Extraction, gold: Gold) -> DocumentResult:
    """Scores of one extraction against its gold annotations."""
    tuples = predicted(extraction.events)
    results = {}
    for name, keyer in (("family", _family_key), ("exact", _exact_key)):
        found = {keyer(*t) for t in tuples}
        required = {keyer(*t) for t in gold.required}
        optional = {keyer(*t) for t in gold.optional} - required
        results[name] = (_score(found, required, optional), found, required, optional)
    exact, found, required, optional = results["exact"]
    return DocumentResult(
        article=gold.article,
        family=results["family"][0],
        exact=exact,
        persons=score_persons(extraction.persons, gold.persons),
        missed=sorted(required - found),
        spurious=sorted(found - required - optional),
    )


def score_persons(persons: list[PersonFact], gold: list[tuple[str, str | None]]) -> PersonScore:
    """Gold persons found by name (any spelling seen), and with the gold state."""
    from rapidfuzz import fuzz

    from sanctions_graph.extract.persons import person_key

    score = PersonScore(gold=len(gold))
    for name, state in gold:
        wanted = person_key(name).replace("-", " ")
        match = None
        for person in persons:
            spellings = [person.name, *person.variants]
            if any(
                fuzz.ratio(wanted, person_key(s).replace("-", " ")) >= NAME_SIMILARITY
                for s in spellings
            ):
                match = person
                break
        if match is not None:
            score.found += 1
            if state is None or ALIASES.get(state, state) == ALIASES.get(
                match.state or "", match.state
            ):
                score.with_state += 1
    return score


def evaluate(articles: Path, gold: Path) -> Report:
    """Extract every article that has a gold file and score it.

    ``articles`` is a folder (or one article file); ``gold`` is a folder of ``*.json`` gold
    files (or one gold file). Raises ``InputError`` for a missing path, a malformed gold file
    or a gold file whose article is not there.
    """
    from sanctions_graph.extract import extract_document
    from sanctions_graph.ingest.article import read_article

    if not articles.exists():
        raise InputError(f"{articles}: no such file or folder")
    if not gold.exists():
        raise InputError(f"{gold}: no such file or folder")
    gold_files = sorted(gold.glob("*.json")) if gold.is_dir() else [gold]
    if not gold_files:
        raise InputError(f"{gold}: no gold files (*.json)")
    golds = [read_gold(path) for path in gold_files]
    documents = []
    for entry in golds:
        path = articles / entry.article if articles.is_dir() else articles
        if articles.is_file() and articles.name != entry.article:
            continue
        if not path.is_file():
            raise InputError(f"{path}: article named by the gold file is missing")
        try:
            document = read_article(path)
        except InputError as error:
            raise InputError(f"{path}: {error}") from None
        documents.append(score_document(extract_document(document), entry))
    if not documents:
        raise InputError(f"{articles}: no article matches a gold file")
    family, exact, persons = Score(), Score(), PersonScore()
    for result in documents:
        family.add(result.family)
        exact.add(result.exact)
        persons.add(result.persons)
    return Report(documents, family, exact, persons)


def report_rows(report: Report) -> list[list[str]]:
    """Rows of the table view: one per document, then the overall row."""

    def row(name: str, family: Score, exact: Score, persons: PersonScore) -> list[str]:
        return [
            name,
            f"{family.precision:.2f}",
            f"{family.recall:.2f}",
            f"{family.f1:.2f}",
            f"{exact.precision:.2f}",
            f"{exact.recall:.2f}",
            f"{exact.f1:.2f}",
            f"{persons.recall:.2f}",
        ]

    rows = [row(d.article, d.family, d.exact, d.persons) for d in report.documents]
    rows.append(row("OVERALL", report.family, report.exact, report.persons))
    return rows


#: Column names of ``report_rows``.
REPORT_COLUMNS = [
    "article",
    "family P",
    "family R",
    "family F1",
    "exact P",
    "exact R",
    "exact F1",
    "person R",
]
