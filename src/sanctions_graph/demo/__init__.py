"""The bundled demo: a small corpus of articles written by the project team, in its own words,
about real and publicly reported events, ingested into a store and questioned with the preset
questions.

``run_demo`` is what ``sanctions-graph demo`` calls; it returns data, the CLI prints it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sanctions_graph.ingest.pipeline import IngestReport, Progress, ingest_paths
from sanctions_graph.ingest.registry import IngestOptions
from sanctions_graph.store import QueryResult, Store

#: Asked first: the question the project exists to answer.
LEAD_QUESTION = "sanctioned-cooperation"
#: Presets with these tags feed pictures, not tables, and are left out of the demo.
SKIPPED_TAGS = frozenset({"viz"})
#: Questions that need parameters, asked about the states the demo corpus is about.
DEMO_PARAMETERS: tuple[tuple[str, dict[str, str]], ...] = (
    ("sanctions-on", {"state": "North Korea"}),
    ("partners", {"state": "Russia"}),
    ("support-for-war", {"state": "Russia"}),
    ("evidence", {"a": "North Korea", "b": "Russia"}),
)


def corpus_dir() -> Path:
    """Folder of the bundled demo articles (shipped inside the package)."""
    return Path(__file__).resolve().parent / "corpus"


def corpus_files() -> list[Path]:
    """The demo articles, sorted by name."""
    return sorted(p for p in corpus_dir().iterdir() if p.is_file() and not p.name.startswith("."))


@dataclass
class DemoAnswer:
    """One preset question and its answer on the demo store."""

    name: str
    summary: str
    result: QueryResult
    parameters: dict[str, str] = field(default_factory=dict)


@dataclass
class DemoResult:
    """What the demo ingested and the answers to the preset questions."""

    report: IngestReport
    answers: list[DemoAnswer] = field(default_factory=list)


def demo_questions() -> list[tuple[str, str]]:
    """(name, summary) of the preset questions the demo asks: every one that needs no
    parameter and is not a picture feed, the lead question first."""
    from sanctions_graph.queries import list_presets

    chosen = [
        (preset.name, preset.summary)
        for preset in list_presets()
        if not any(param.required for param in preset.params)
        and not SKIPPED_TAGS.intersection(preset.tags)
    ]
    return sorted(chosen, key=lambda item: (item[0] != LEAD_QUESTION, item[0]))


def run_demo(store: Store, progress: Progress | None = None) -> DemoResult:
    """Ingest the bundled corpus into ``store`` (idempotent: same content, same graphs), then
    answer every parameter-free preset question and a few about the corpus's states."""
    from sanctions_graph.queries import get_preset, run_preset

    report = ingest_paths(store, [corpus_dir()], IngestOptions(), progress)
    result = DemoResult(report=report)
    for name, summary in demo_questions():
        result.answers.append(DemoAnswer(name, summary, run_preset(store, name)))
    for name, parameters in DEMO_PARAMETERS:
        preset = get_preset(name)
        answer = run_preset(store, name, parameters)
        result.answers.append(DemoAnswer(name, preset.summary, answer, dict(parameters)))
    return result
