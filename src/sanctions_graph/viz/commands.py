"""What the ``viz``, ``timeline`` and ``report`` commands do, as plain functions returning data.

Each checks its options first (format, dates, families: ``UserError`` with one clear line), and
only then opens the store (``open_store`` is called once and the store closed afterwards), reads
it, and writes the whole file at once (nothing half-written on failure).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sanctions_graph.errors import InputError
from sanctions_graph.store import Store
from sanctions_graph.viz.families import FAMILY_NAMES

_SUFFIXES = {".html": "html", ".htm": "html", ".png": "png", ".svg": "svg", ".md": "md"}


@dataclass(frozen=True)
class Written:
    """What a command wrote: the file, its format, and a one-line summary."""

    path: Path
    fmt: str
    summary: str


def output_format(path: Path, fmt: str | None, allowed: tuple[str, ...]) -> str:
    """The output format: ``fmt`` if given, else the file's suffix; must be one of ``allowed``."""
    chosen = fmt.lower() if fmt else _SUFFIXES.get(path.suffix.lower())
    if chosen is None:
        raise InputError(
            f"cannot tell the format of {path.name!r} from its suffix; "
            f"give --format ({' | '.join(allowed)})"
        )
    if chosen not in allowed:
        raise InputError(f"unknown format {chosen!r}; choose from {', '.join(allowed)}")
    return chosen


def parse_day(value: str | None, option: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` option value, or ``None``; ``InputError`` otherwise."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{option} {value!r} is not a date (use YYYY-MM-DD)") from None


def parse_families(values: list[str] | None) -> list[str] | None:
    """Family names from repeated or comma-separated ``--family`` values; ``None`` for all."""
    if not values:
        return None
    names = [part.strip().upper() for value in values for part in value.split(",") if part.strip()]
    unknown = sorted(set(names) - set(FAMILY_NAMES))
    if unknown:
        raise InputError(
            f"unknown event family {', '.join(unknown)}; choose from {', '.join(FAMILY_NAMES)}"
        )
    return names


def _check_range(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and start > end:
        raise InputError(f"--from {start} is after --to {end}")


def make_picture(
    open_store: Callable[[], Store],
    output: Path,
    *,
    fmt: str | None = None,
    state: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    families: list[str] | None = None,
) -> Written:
    """Draw the network of states to ``output`` as html, png or svg."""
    from sanctions_graph.viz.data import identify_state, load_graph

    chosen = output_format(output, fmt, ("html", "png", "svg"))
    start, end = parse_day(date_from, "--from"), parse_day(date_to, "--to")
    _check_range(start, end)
    names = parse_families(families)
    store = open_store()
    try:
        focus = identify_state(store, state) if state else None
        graph = load_graph(
            store,
            state=focus[0] if focus else None,
            date_from=start,
            date_to=end,
            families=names,
        )
    finally:
        store.close()
    title = "Sanctions graph" + (f": {focus[2]} ({focus[1]})" if focus else ": states")
    if start or end:
        title += f", {start or '…'} to {end or '…'}"
    if chosen == "html":
        from sanctions_graph.viz.network import write_html

        write_html(graph, output, title, focus[0] if focus else None)
    else:
        from sanctions_graph.viz.static import render_static

        render_static(graph, output, chosen, title)
    summary = f"wrote {len(graph.nodes)} node(s) and {len(graph.edges)} edge(s) to {output}"
    return Written(output, chosen, summary)


def make_timeline(
    open_store: Callable[[], Store],
    state: str,
    output: Path,
    *,
    fmt: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> Written:
    """Draw the timeline of ``state`` to ``output`` as png or html."""
    from sanctions_graph.viz.timeline import load_timeline, write_timeline

    chosen = output_format(output, fmt, ("png", "html"))
    start, end = parse_day(date_from, "--from"), parse_day(date_to, "--to")
    _check_range(start, end)
    store = open_store()
    try:
        data = load_timeline(store, state, start, end)
    finally:
        store.close()
    write_timeline(data, output, chosen)
    summary = (
        f"wrote {len(data.events)} event(s) with {len(data.partners)} partner(s) and "
        f"{len(data.bands)} regime(s) to {output}"
    )
    return Written(output, chosen, summary)


def make_report(
    open_store: Callable[[], Store], state: str, output: Path, *, fmt: str | None = None
) -> Written:
    """Write the briefing on ``state`` to ``output`` as md or html."""
    from sanctions_graph.viz.report import build_briefing, write_report

    chosen = output_format(output, fmt, ("md", "html"))
    store = open_store()
    try:
        briefing = build_briefing(store, state)
    finally:
        store.close()
    write_report(briefing, output, chosen)
    statements = sum(len(s.statements) for s in briefing.sections)
    summary = (
        f"wrote {statements} statement(s) with {len(briefing.citations)} citation(s) "
        f"to {output}"
    )
    return Written(output, chosen, summary)
