"""An analyst's briefing on one state, in Markdown or HTML, with numbered citations.

Every statement comes from a preset question (``queries/*.rq``) run by the one query runner, so
the briefing and ``sanctions-graph ask`` never disagree:

1. Sanctions regimes in force: ``sanctions-on`` (regimes whose end date is not past, and
   sanctions impositions reported in the news).
2. Designations by authority: ``sanctions-on`` (designations under those regimes).
3. Cooperation partners: ``partners`` (sanctioned partners first), cited with the quotes of
   ``graph-events-of`` (``evidence`` for a partner that question does not name).
4. Possible sanctions violations: ``possible-violations`` (rows about this state).
5. People in the news matching sanctions listings: ``listed-people-in-news`` (listings under
   the state's regimes).

Each statement carries citation numbers. A citation is a quote from a source document (quote,
publisher, date, title, URL, as stored); for curated or listed facts that have no quote, the
regime's legal basis or the listing reference with the IRI of its record; for a person named in
the news, the document that names them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sanctions_graph.store import Row, Store
from sanctions_graph.viz.data import identify_state, local_name, parse_date, select, text
from sanctions_graph.viz.files import write_text_atomic

SECTION_TITLES = (
    "Sanctions regimes in force",
    "Designations by authority",
    "Cooperation partners",
    "Possible sanctions violations",
    "People in the news matching sanctions listings",
)
#: Designations listed by name per authority before the rest are only counted.
MAX_DESIGNATIONS_LISTED = 20


@dataclass(frozen=True)
class Citation:
    """A numbered source: a quote from a document, or a reference (legal basis, listing)."""

    kind: str  # "quote" | "reference" | "document"
    text: str  # the quote, the legal basis / listing reference, or the document's title
    subject: str | None = None  # IRI of the quote's document, regime, designation or document
    title: str | None = None
    publisher: str | None = None
    issued: str | None = None
    url: str | None = None


@dataclass
class Statement:
    """One line of the briefing and the numbers of the citations behind it."""

    text: str
    citations: list[int] = field(default_factory=list)
    subject: str | None = None  # the IRI the statement is about, where there is one


@dataclass
class Section:
    """A titled list of statements (``empty`` is said when there is none)."""

    title: str
    statements: list[Statement]
    empty: str


@dataclass
class Briefing:
    """The whole briefing: the state, its sections, the numbered citations (1-based)."""

    state_iri: str
    state_code: str
    state_label: str
    generated: dt.date
    sections: list[Section]
    citations: list[Citation]


class _Citations:
    """Numbers citations in order of first use, one number per distinct citation."""

    def __init__(self) -> None:
        self.items: list[Citation] = []
        self._numbers: dict[Citation, int] = {}

    def number(self, citation: Citation) -> int:
        found = self._numbers.get(citation)
        if found is None:
            self.items.append(citation)
            found = self._numbers[citation] = len(self.items)
        return found


# -------------------------------------------------------------------------------------------
# building
# -------------------------------------------------------------------------------------------
def build_briefing(store: Store, state: str, today: dt.date | None = None) -> Briefing:
    """The briefing on ``state`` (ISO code, name, alias or IRI, resolved by the query runner)."""
    today = today or dt.date.today()
    params = {"state": state}
    sanctions = select(store, "sanctions-on", params)
    partners = select(store, "partners", params)
    violations = select(store, "possible-violations")
    listed = select(store, "listed-people-in-news")
    iri, code, label = identify_state(store, state)
    involving = select(store, "graph-events-of", {"state": iri})
    labels = _labels(involving)
    cites = _Citations()
    details = _evidence_index(involving)
    regimes_in_force = {
        text(r.get("item"))
        for r in sanctions
        if text(r.get("kind")) == "regime" and _in_force(r, today)
    }
    sections = [
        _regimes_section(sanctions, today, details, cites),
        _designations_section(sanctions, regimes_in_force, cites),
        _partners_section(store, iri, partners, labels, _by_partner(iri, involving), cites),
        _violations_section(code, violations, details, cites),
        _people_section(listed, regimes_in_force, cites),
    ]
    return Briefing(iri, code, label, today, sections, cites.items)


def _in_force(row: Row, today: dt.date) -> bool:
    until = parse_date(text(row.get("until")))
    return until is None or until >= today


def _quote_citation(row: Row, quote_var: str = "quote") -> Citation | None:
    quote = text(row.get(quote_var))
    if quote is None:
        return None
    return Citation(
        kind="quote",
        text=quote,
        subject=text(row.get("source")),
        title=text(row.get("title")),
        publisher=text(row.get("publisher")),
        issued=text(row.get("issued")),
        url=text(row.get("url")),
    )


def _regimes_section(
    rows: list[Row],
    today: dt.date,
    details: dict[tuple[str | None, str | None], Citation],
    cites: _Citations,
) -> Section:
    statements: list[Statement] = []
    for row in rows:
        if text(row.get("kind")) != "regime" or not _in_force(row, today):
            continue
        authority = text(row.get("authorityCode")) or "authority not recorded"
        basis = text(row.get("legalBasis"))
        label = text(row.get("label")) or local_name(row.get("item")) or "regime"
        parts = [f"{authority}: {label}"]
        if basis:
            parts.append(f"legal basis {basis}")
        parts.append(f"measures: {text(row.get('measures')) or 'not recorded'}")
        since = text(row.get("since"))
        parts.append(f"since {since}" if since else "start date not recorded")
        reference = Citation("reference", basis or label, subject=text(row.get("item")))
        statements.append(Statement("; ".join(parts), [cites.number(reference)]))
    # Impositions reported in the news: one statement per authority and date.
    impositions: dict[tuple[str, str | None], Statement] = {}
    for row in rows:
        if text(row.get("kind")) != "imposition":
            continue
        authority = text(row.get("authorityCode")) or "an authority"
        since = text(row.get("since"))
        statement = impositions.get((authority, since))
        if statement is None:
            when = f" on {since}" if since else " (date not reported)"
            statement = Statement(f"Reported in the news: sanctions imposed by {authority}{when}")
            impositions[(authority, since)] = statement
            statements.append(statement)
        _cite(statement, _quote_citation(row), details, cites)
    return Section(SECTION_TITLES[0], statements, "No sanctions regime in force is recorded.")


def _cite(
    statement: Statement,
    citation: Citation | None,
    details: dict[tuple[str | None, str | None], Citation],
    cites: _Citations,
) -> None:
    """Add a quote citation to ``statement``, completed (publisher, date, URL) from ``details``."""
    if citation is None:
        return
    number = cites.number(details.get((citation.text, citation.subject), citation))
    if number not in statement.citations:
        statement.citations.append(number)


def _designations_section(
    rows: list[Row], regimes: set[str | None], cites: _Citations
) -> Section:
    by_authority: dict[str, dict[str, Row]] = defaultdict(dict)
    for row in rows:
        if text(row.get("kind")) != "designation":
            continue
        if parse_date(text(row.get("until"))) is not None:
            continue  # delisted
        authority = text(row.get("authorityCode")) or "authority not recorded"
        item = text(row.get("item")) or ""
        by_authority[authority].setdefault(item, row)
    statements = []
    for authority in sorted(by_authority):
        items = by_authority[authority]
        shown = sorted(
            items.values(),
            key=lambda r: (text(r.get("reference")) or "", text(r.get("item")) or ""),
        )
        names = []
        numbers = []
        for row in shown[:MAX_DESIGNATIONS_LISTED]:
            name = text(row.get("designeeName")) or local_name(row.get("designee")) or "?"
            reference = text(row.get("reference"))
            names.append(f"{name} ({reference})" if reference else name)
            numbers.append(
                cites.number(
                    Citation("reference", reference or name, subject=text(row.get("item")))
                )
            )
        more = len(items) - len(names)
        tail = f", and {more} more" if more > 0 else ""
        statements.append(
            Statement(f"{authority}: {len(items)} designation(s): {', '.join(names)}{tail}",
                      numbers)
        )
    return Section(SECTION_TITLES[1], statements, "No designation under these regimes is recorded.")


def _labels(rows: list[Row]) -> dict[str, str]:
    """IRI -> label of the parties of the events in ``graph-events`` rows."""
    found: dict[str, str] = {}
    for row in rows:
        for iri_var, label_var in (("actor", "actorLabel"), ("target", "targetLabel")):
            iri, label = text(row.get(iri_var)), text(row.get(label_var))
            if iri and label and (iri not in found or label < found[iri]):
                found[iri] = label
    return found


def _by_partner(state: str, rows: list[Row]) -> dict[str, list[tuple[str, Citation]]]:
    """Partner IRI -> (event class, full citation) of the state's events with it, from
    ``graph-events-of`` rows (one question for all partners instead of one each)."""
    found: dict[str, list[tuple[str, Citation]]] = defaultdict(list)
    for row in rows:
        actor, target = text(row.get("actor")), text(row.get("target"))
        other = target if actor == state else actor if target == state else None
        citation = _quote_citation(row)
        kind = local_name(row.get("type"))
        if other and citation is not None and kind:
            found[other].append((kind, citation))
    return found


@dataclass
class _Partner:
    code: str
    sanctioned: bool
    kinds: set[str] = field(default_factory=set)
    last: str | None = None


def _partners_section(
    store: Store,
    state: str,
    rows: list[Row],
    labels: dict[str, str],
    by_partner: dict[str, list[tuple[str, Citation]]],
    cites: _Citations,
) -> Section:
    grouped: dict[str, _Partner] = {}
    for row in rows:
        partner = text(row.get("partner"))
        if partner is None:
            continue
        entry = grouped.setdefault(
            partner,
            _Partner(
                code=text(row.get("partnerCode")) or partner.rsplit("/", 1)[-1],
                sanctioned=text(row.get("sanctioned")) == "yes",
            ),
        )
        kind = text(row.get("kindName"))
        if kind:
            entry.kinds.add(kind)
        last = text(row.get("last"))
        if last and (entry.last is None or last > entry.last):
            entry.last = last
    statements = []
    order = sorted(grouped.items(), key=lambda item: (not item[1].sanctioned, item[1].code))
    for partner, entry in order:
        status = "sanctioned" if entry.sanctioned else "not sanctioned"
        latest = f"latest {entry.last}" if entry.last else "no dated event"
        found = by_partner.get(partner)
        if found is None:
            # A partner graph-events-of does not name (e.g. a person): ask for the evidence.
            found = []
            for row in select(store, "evidence", {"a": state, "b": partner}):
                citation = _quote_citation(row)
                kind = text(row.get("kindName"))
                if citation is not None and kind:
                    found.append((kind, citation))
        numbers: list[int] = []
        for kind, citation in found:
            if kind in entry.kinds:
                number = cites.number(citation)
                if number not in numbers:
                    numbers.append(number)
        name = f"{labels[partner]} ({entry.code})" if partner in labels else entry.code
        text_ = f"{name}, {status}: {', '.join(sorted(entry.kinds))}; {latest}"
        statements.append(Statement(text_, numbers, partner))
    return Section(SECTION_TITLES[2], statements, "No cooperation partner is recorded.")


def _violations_section(
    code: str,
    rows: list[Row],
    details: dict[tuple[str | None, str | None], Citation],
    cites: _Citations,
) -> Section:
    statements: dict[tuple[str, str, str], Statement] = {}
    for row in rows:
        if text(row.get("sanctionedCode")) != code:
            continue
        event = text(row.get("event")) or ""
        regime = text(row.get("regime")) or ""
        measure = text(row.get("measureName")) or ""
        key = (event, regime, measure)
        statement = statements.get(key)
        if statement is None:
            date = text(row.get("date")) or "undated"
            modality = text(row.get("modalityName")) or "modality not recorded"
            regime_name = text(row.get("regimeLabel")) or local_name(row.get("regime")) or "?"
            basis = text(row.get("legalBasis"))
            statement = Statement(
                f"{text(row.get('kindName'))} {text(row.get('actorCode')) or '?'} → "
                f"{text(row.get('targetCode')) or '?'} ({date}, {modality}) may breach the "
                f"{measure} of {regime_name}"
                + (f" ({text(row.get('authorityCode'))}, {basis})" if basis else "")
            )
            statements[key] = statement
        # possible-violations gives the quote and its document; graph-events-of adds the
        # publisher, date and URL of the same quote.
        _cite(statement, _quote_citation(row), details, cites)
    return Section(
        SECTION_TITLES[3], list(statements.values()), "No possible violation is recorded."
    )


def _evidence_index(rows: list[Row]) -> dict[tuple[str | None, str | None], Citation]:
    """(quote, source) -> full citation, from ``graph-events-of`` rows."""
    index: dict[tuple[str | None, str | None], Citation] = {}
    for row in rows:
        citation = _quote_citation(row)
        if citation is not None:
            index.setdefault((citation.text, citation.subject), citation)
    return index


def _people_section(rows: list[Row], regimes: set[str | None], cites: _Citations) -> Section:
    statements: dict[tuple[str, str], Statement] = {}
    for row in rows:
        if text(row.get("regime")) not in regimes:
            continue
        person = text(row.get("person")) or ""
        designation = text(row.get("designation")) or ""
        key = (person, designation)
        statement = statements.get(key)
        if statement is None:
            name = text(row.get("name")) or local_name(row.get("person")) or "?"
            listed = text(row.get("listedName")) or "?"
            reference = text(row.get("reference"))
            score = text(row.get("score"))
            line = f"{name} matches the listing of {listed}"
            if reference:
                line += f" ({reference})"
            if score:
                line += f", match score {score}"
            statement = Statement(line)
            statements[key] = statement
            statement.citations.append(
                cites.number(Citation("reference", reference or listed, subject=designation))
            )
        source = text(row.get("source"))
        if source:
            title = text(row.get("title")) or source
            if title not in statement.text:
                statement.text += f"; named in “{title}”"
            number = cites.number(Citation("document", title, subject=source))
            if number not in statement.citations:
                statement.citations.append(number)
    return Section(
        SECTION_TITLES[4], list(statements.values()), "No person in the news matches a listing."
    )


# -------------------------------------------------------------------------------------------
# rendering
# -------------------------------------------------------------------------------------------
def _marks(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def citation_text(citation: Citation) -> str:
    """One line of the source list (without its number and without the URL)."""
    if citation.kind == "quote":
        meta = [m for m in (citation.publisher, citation.issued, citation.title) if m]
        line = f"“{citation.text}”"
        if meta:
            line += " — " + ", ".join(meta)
        return line
    return f"{citation.text} (record {citation.subject})"


def safe_url(citation: Citation) -> str | None:
    """The citation's URL if it is a plain http(s) address, else ``None``."""
    url = citation.url
    if url and url.startswith(("http://", "https://")) and not any(c in url for c in " <>\"\n"):
        return url
    return None


def render_markdown(briefing: Briefing) -> str:
    """The briefing as Markdown: title, one ``##`` section each, then ``## Sources``."""
    lines = [
        f"# Briefing: {briefing.state_label} ({briefing.state_code})",
        "",
        f"Generated {briefing.generated.isoformat()} by sanctions-graph from its preset "
        "questions. Numbers in brackets refer to the sources at the end.",
        "",
    ]
    for index, section in enumerate(briefing.sections, start=1):
        lines += [f"## {index}. {section.title}", ""]
        if not section.statements:
            lines.append(section.empty)
        for statement in section.statements:
            marks = _marks(statement.citations)
            lines.append(f"- {_md(statement.text)}" + (f" {marks}" if marks else ""))
        lines.append("")
    lines += ["## Sources", ""]
    if not briefing.citations:
        lines.append("No source is cited.")
    for number, citation in enumerate(briefing.citations, start=1):
        url = safe_url(citation)
        lines.append(f"{number}. {_md(citation_text(citation))}" + (f" <{url}>" if url else ""))
    return "\n".join(lines).rstrip() + "\n"


def _md(value: str) -> str:
    # Keep text from the store from turning into Markdown markup or HTML.
    out = value.replace("\\", "\\\\")
    for char in "*_`[]<>#|":
        out = out.replace(char, "\\" + char)
    return out.replace("\n", " ")


def render_html(briefing: Briefing) -> str:
    """The briefing as one self-contained HTML page (no script, no remote reference)."""
    from html import escape

    title = f"Briefing: {briefing.state_label} ({briefing.state_code})"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;"
        "padding:0 1rem;color:#222}sup a{text-decoration:none}li{margin:.25rem 0}"
        ".empty{color:#666}</style>",
        "</head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p>Generated {briefing.generated.isoformat()} by sanctions-graph from its preset "
        "questions. Numbers refer to the sources at the end.</p>",
    ]
    for index, section in enumerate(briefing.sections, start=1):
        out.append(f"<section><h2>{index}. {escape(section.title)}</h2>")
        if not section.statements:
            out.append(f'<p class="empty">{escape(section.empty)}</p>')
        else:
            out.append("<ul>")
            for statement in section.statements:
                refs = "".join(
                    f'<sup><a href="#source-{n}">[{n}]</a></sup>' for n in statement.citations
                )
                out.append(f"<li>{escape(statement.text)} {refs}</li>")
            out.append("</ul>")
        out.append("</section>")
    out.append('<section><h2>Sources</h2><ol id="sources">')
    for number, citation in enumerate(briefing.citations, start=1):
        body = escape(citation_text(citation))
        url = safe_url(citation)
        if url:
            body += f' <a href="{escape(url)}">{escape(url)}</a>'
        out.append(f'<li id="source-{number}">{body}</li>')
    out.append("</ol></section></body></html>")
    return "\n".join(out) + "\n"


def write_report(briefing: Briefing, path: Path, fmt: str) -> None:
    """Write the briefing as ``md`` or ``html`` to ``path`` (whole file or nothing)."""
    from sanctions_graph.errors import UserError

    if fmt == "md":
        write_text_atomic(path, render_markdown(briefing))
    elif fmt == "html":
        write_text_atomic(path, render_html(briefing))
    else:
        raise UserError(f"unknown report format {fmt!r}; choose from md, html")
