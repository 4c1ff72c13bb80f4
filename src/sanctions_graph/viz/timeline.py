"""A state's events over time: one row per partner, marks by event family, and the sanctions
regimes in force against the state as bands. PNG, or a self-contained HTML page (the picture as
inline SVG, then the events with their quotes).

The events come from the preset question ``timeline``, the regimes from ``sanctions-on``, so the
picture shows what ``ask`` answers. matplotlib draws (no pyplot, no display).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from sanctions_graph.errors import UserError
from sanctions_graph.store import Store
from sanctions_graph.viz import style
from sanctions_graph.viz.data import (
    UNCONFIRMED_MODALITIES,
    identify_state,
    parse_date,
    select,
    text,
)
from sanctions_graph.viz.families import FAMILIES, family_of
from sanctions_graph.viz.files import write_atomic, write_text_atomic

TIMELINE_FORMATS = ("png", "html")
#: Marker shape of each family on the timeline (matplotlib marker codes).
FAMILY_MARKERS: dict[str, str] = {
    "DIPLOMATIC": "o",
    "AGREEMENT": "s",
    "COOPERATION": "D",
    "SUPPORT": "^",
    "AID": "P",
    "SANCTION": "X",
    "HOSTILITY": "v",
}


@dataclass
class TimelineEvent:
    """One event seen from the state: the partner, when, what, how sure, and the quotes."""

    event: str
    partner: str  # code of the other party
    date: dt.date | None
    type: str
    family: str
    modality: str | None
    role: str  # "actor" | "target": the state's part in the event
    quotes: list[tuple[str, str | None]] = field(default_factory=list)  # (quote, source title)


@dataclass(frozen=True)
class Band:
    """A sanctions regime in force against the state, as a band from start to end."""

    label: str
    authority: str
    start: dt.date | None
    end: dt.date | None


@dataclass
class TimelineData:
    """Everything the timeline shows."""

    state_code: str
    state_label: str
    events: list[TimelineEvent]
    bands: list[Band]

    @property
    def partners(self) -> list[str]:
        """Partner codes, one row each, in order of first dated appearance."""
        seen: dict[str, dt.date] = {}
        for event in self.events:
            when = event.date or dt.date.max
            if event.partner not in seen or when < seen[event.partner]:
                seen[event.partner] = when
        return sorted(seen, key=lambda p: (seen[p], p))


def load_timeline(
    store: Store,
    state: str,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> TimelineData:
    """The timeline of ``state`` (code, name, alias or IRI), optionally within a date range."""
    iri, code, label = identify_state(store, state)
    params = {"state": iri}
    if date_from:
        params["from"] = date_from.isoformat()
    if date_to:
        params["to"] = date_to.isoformat()
    events: dict[tuple[str, str], TimelineEvent] = {}
    for row in select(store, "timeline", params):
        event_iri = text(row.get("event"))
        kind = text(row.get("kindName"))
        role = text(row.get("role")) or "actor"
        if event_iri is None or kind is None:
            continue
        other = row.get("targetCode") if role == "actor" else row.get("actorCode")
        partner = text(other) or "(no code)"
        if partner == code:
            continue  # the state's own line in a multi-target event
        key = (event_iri, partner)
        item = events.get(key)
        if item is None:
            item = TimelineEvent(
                event=event_iri,
                partner=partner,
                date=parse_date(text(row.get("date"))),
                type=kind,
                family=family_of(kind).name,
                modality=text(row.get("modalityName")),
                role=role,
            )
            events[key] = item
        quote = text(row.get("quote"))
        if quote is not None and (quote, text(row.get("title"))) not in item.quotes:
            item.quotes.append((quote, text(row.get("title"))))
    bands = [
        Band(
            label=text(row.get("label")) or (text(row.get("item")) or "regime").rsplit("/", 1)[-1],
            authority=text(row.get("authorityCode")) or "?",
            start=parse_date(text(row.get("since"))),
            end=parse_date(text(row.get("until"))),
        )
        for row in select(store, "sanctions-on", {"state": iri})
        if text(row.get("kind")) == "regime"
    ]
    bands.sort(key=lambda b: (b.start or dt.date.min, b.label))
    ordered = sorted(
        events.values(), key=lambda e: (e.date is None, e.date or dt.date.min, e.event)
    )
    return TimelineData(code, label, ordered, bands)


# -------------------------------------------------------------------------------------------
# layout: what is handed to matplotlib
# -------------------------------------------------------------------------------------------
@dataclass
class TimelinePlot:
    """Rows (top to bottom), marks and bands in data coordinates, and the visible date range."""

    rows: list[str]
    marks: list[tuple[int, dt.date, str, bool]]  # (row, date, family, filled)
    bands: list[tuple[int, dt.date, dt.date]]  # (row, start, end) clipped to the range
    start: dt.date
    end: dt.date
    undated: int


def layout(data: TimelineData, today: dt.date | None = None) -> TimelinePlot:
    """Place partners and regimes on rows and clip the bands to the dated events' range."""
    today = today or dt.date.today()
    dated = [e for e in data.events if e.date]
    if dated:
        first = min(e.date for e in dated if e.date)
        last = max(e.date for e in dated if e.date)
    else:
        first, last = today - dt.timedelta(days=365), today
    pad = dt.timedelta(days=max(15, (last - first).days // 12))
    start, end = first - pad, last + pad
    partners = data.partners
    rows = [f"with {p}" for p in partners]
    index = {p: i for i, p in enumerate(partners)}
    marks = [
        (index[e.partner], e.date, e.family, e.modality not in UNCONFIRMED_MODALITIES)
        for e in dated
        if e.date
    ]
    bands = []
    for band in data.bands:
        band_start, band_end = band.start or start, band.end or end
        if band_end < start or band_start > end:
            continue  # not in force during the events shown
        since = f"since {band.start.isoformat()}" if band.start else "start unknown"
        until = f", until {band.end.isoformat()}" if band.end else ""
        name = band.label if len(band.label) <= 48 else band.label[:47].rstrip() + "…"
        rows.append(f"{band.authority}: {name} ({since}{until})")
        bands.append((len(rows) - 1, max(band_start, start), min(band_end, end)))
    return TimelinePlot(rows, marks, bands, start, end, len(data.events) - len(dated))


def _figure(data: TimelineData, plot: TimelinePlot) -> object:
    try:
        from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D
    except ModuleNotFoundError:
        raise UserError("timelines need matplotlib: pip install 'sanctions-graph[viz]'") from None
    height = 1.8 + 0.4 * max(len(plot.rows), 1)
    figure = Figure(figsize=(15, height), dpi=100)
    ax = figure.add_subplot()
    ax.set_title(f"{data.state_label} ({data.state_code}): events and sanctions in force")
    for row, start, end in plot.bands:
        ax.broken_barh(
            [(date2num(start), date2num(end) - date2num(start))],
            (row - 0.3, 0.6),
            facecolors=style.STATUS_COLOURS["un"],
            alpha=0.25,
        )
    for offset, family in enumerate(FAMILIES):
        # Each family a little above or below the row's line, so same-day marks stay apart.
        shift = (offset - (len(FAMILIES) - 1) / 2) * 0.07
        points = [(r + shift, d, filled) for r, d, f, filled in plot.marks if f == family.name]
        for filled in (True, False):
            chosen = [(r, d) for r, d, is_filled in points if is_filled is filled]
            if not chosen:
                continue
            colour = style.FAMILY_COLOURS[family.name]
            ax.scatter(
                [date2num(d) for _, d in chosen],
                [r for r, _ in chosen],
                marker=FAMILY_MARKERS[family.name],
                s=70,
                facecolors=colour if filled else "none",
                edgecolors=colour,
                linewidths=1.5,
                zorder=3,
            )
    ax.set_yticks(range(len(plot.rows)), plot.rows)
    ax.set_ylim(len(plot.rows) - 0.5, -0.5)
    ax.set_xlim(date2num(plot.start), date2num(plot.end))
    locator = AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.grid(axis="x", color="#ddd")
    families = {f for _, _, f, _ in plot.marks}
    handles = [
        Line2D([], [], marker=FAMILY_MARKERS[f.name], linestyle="",
               color=style.FAMILY_COLOURS[f.name], label=f"{f.name} ({f.polarity})")
        for f in FAMILIES
        if f.name in families
    ]
    handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="none",
                          color="#555", label="hollow: alleged or planned"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8,
              frameon=False)
    if plot.undated:
        ax.set_xlabel(f"{plot.undated} undated event(s) not placed on the time axis")
    figure.tight_layout()
    return figure


def render_timeline_png(
    data: TimelineData, path: Path, today: dt.date | None = None
) -> TimelinePlot:
    """Draw the timeline to a PNG file; return the layout that was drawn."""
    plot = layout(data, today)
    figure = _figure(data, plot)
    write_atomic(path, lambda tmp: figure.savefig(tmp, format="png"))  # type: ignore[attr-defined]
    return plot


def render_timeline_html(data: TimelineData, today: dt.date | None = None) -> str:
    """The timeline as one self-contained HTML page: inline SVG, then the events listed."""
    plot = layout(data, today)
    figure = _figure(data, plot)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")  # type: ignore[attr-defined]
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # drop the XML declaration and DOCTYPE
    title = f"Timeline: {data.state_label} ({data.state_code})"
    rows = []
    for event in data.events:
        quotes = "".join(
            f"<blockquote>{escape(q)}</blockquote>"
            + (f'<div class="src">{escape(t)}</div>' if t else "")
            for q, t in event.quotes
        )
        rows.append(
            "<tr>"
            f"<td>{escape(event.date.isoformat()) if event.date else 'undated'}</td>"
            f"<td>{escape(event.partner)}</td>"
            f"<td>{escape(event.family)}</td><td>{escape(event.type)}</td>"
            f"<td>{escape(event.modality or '')}</td><td>{quotes}</td>"
            "</tr>"
        )
    bands = "".join(
        f"<li>{escape(b.authority)}: {escape(b.label)}, "
        f"{escape(b.start.isoformat()) if b.start else 'start unknown'} to "
        f"{escape(b.end.isoformat()) if b.end else 'now'}</li>"
        for b in data.bands
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        "<style>body{font-family:system-ui,sans-serif;margin:1rem;color:#222}"
        "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3rem;"
        "vertical-align:top;text-align:left}blockquote{margin:0 0 .2rem;font-style:italic}"
        ".src{font-size:.85rem;color:#555}svg{max-width:100%;height:auto}</style>"
        f"</head><body><h1>{escape(title)}</h1>"
        f'<figure id="timeline">{svg}</figure>'
        f"<h2>Sanctions regimes</h2><ul id=\"regimes\">{bands or '<li>none recorded</li>'}</ul>"
        '<h2>Events</h2><table id="events"><thead><tr><th>Date</th><th>Partner</th>'
        "<th>Family</th><th>Event</th><th>Modality</th><th>Quotes</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></body></html>\n"
    )


def write_timeline(
    data: TimelineData, path: Path, fmt: str, today: dt.date | None = None
) -> None:
    """Write the timeline as ``png`` or ``html`` (whole file or nothing)."""
    if fmt == "png":
        render_timeline_png(data, path, today)
    elif fmt == "html":
        write_text_atomic(path, render_timeline_html(data, today))
    else:
        raise UserError(f"unknown timeline format {fmt!r}; choose from png, html")
