"""The data the pictures draw: states and organisations as nodes, event families as edges.

Everything comes from the store through the preset questions ``graph-events`` (or, for one
state, ``graph-events-of``) and ``graph-sanctions`` (``queries/*.rq``), run by the one query
runner; this module only groups the rows. One edge joins two actors per event family
(DESIGN.md's families: an unordered pair for DIPLOMATIC, AGREEMENT and COOPERATION, actor ->
target for the others) and carries its events, each with date, modality and citations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sanctions_graph.store import Row, Store, Term
from sanctions_graph.viz.families import Family, family_named, family_of

#: Modalities that make an edge dashed when every event on it has one of them.
UNCONFIRMED_MODALITIES = frozenset({"Alleged", "Planned"})

_SG = "https://w3id.org/sanctions-graph/ontology#"


@dataclass(frozen=True)
class Citation:
    """A quote and the source document it comes from."""

    quote: str
    source: str | None = None
    title: str | None = None
    publisher: str | None = None
    issued: str | None = None
    url: str | None = None

    @property
    def source_key(self) -> str | None:
        """What makes two citations independent: the publisher if known, else the document."""
        if self.publisher:
            return "publisher:" + self.publisher.strip().casefold()
        if self.source:
            return "document:" + self.source
        return None


@dataclass
class EventItem:
    """One event on an edge: class, date, modality and its citations."""

    iri: str
    type: str
    date: dt.date | None
    modality: str | None
    citations: list[Citation] = field(default_factory=list)


@dataclass
class Node:
    """A state or international organisation in the picture."""

    iri: str
    code: str
    label: str
    kind: str  # "state" | "organisation"
    authorities: tuple[str, ...] = ()  # codes of the authorities sanctioning it, sorted
    sanctioned: bool = False
    sources: int = 0  # distinct source documents behind its events

    @property
    def sanction_status(self) -> str:
        """``un`` (UN Security Council sanctions), ``unilateral`` (other authorities only),
        ``unrecorded`` (sanctioned, e.g. as classified by the reasoner, authority not known) or
        ``none``."""
        if not self.sanctioned:
            return "none"
        if not self.authorities:
            return "unrecorded"
        if any(code in ("UN", "UNSC") for code in self.authorities):
            return "un"
        return "unilateral"


@dataclass
class Edge:
    """All events of one family between two actors (ordered for directed families)."""

    source: str
    target: str
    family: Family
    events: list[EventItem] = field(default_factory=list)

    @property
    def key(self) -> str:
        """A stable identifier: family, source and target."""
        return f"{self.family.name}|{self.source}|{self.target}"

    @property
    def independent_sources(self) -> int:
        """Distinct publishers (or documents, when the publisher is unknown) behind the events."""
        keys = {c.source_key for e in self.events for c in e.citations}
        keys.discard(None)
        return len(keys)

    @property
    def dashed(self) -> bool:
        """True when no event on the edge is more than alleged or planned."""
        return bool(self.events) and all(
            e.modality in UNCONFIRMED_MODALITIES for e in self.events
        )

    @property
    def first_date(self) -> dt.date | None:
        """Earliest known event date."""
        dates = [e.date for e in self.events if e.date]
        return min(dates) if dates else None

    @property
    def last_date(self) -> dt.date | None:
        """Latest known event date."""
        dates = [e.date for e in self.events if e.date]
        return max(dates) if dates else None


@dataclass
class GraphData:
    """Nodes by IRI and edges, as handed to the drawing code."""

    nodes: dict[str, Node]
    edges: list[Edge]

    def node_codes(self) -> set[str]:
        """Codes (ISO3 or acronym) of the nodes."""
        return {node.code for node in self.nodes.values()}

    def edge_tuples(self) -> set[tuple[str, str, str]]:
        """``(family, source code, target code)`` for every edge."""
        return {
            (e.family.name, self.nodes[e.source].code, self.nodes[e.target].code)
            for e in self.edges
        }


# -------------------------------------------------------------------------------------------
# running the questions
# -------------------------------------------------------------------------------------------
def select(store: Store, name: str, params: Mapping[str, str] | None = None) -> list[Row]:
    """Rows of the preset question ``name`` (``queries/<name>.rq``) through the query runner."""
    from sanctions_graph.queries import run_preset

    return run_preset(store, name, dict(params or {})).rows


def identify_state(store: Store, state: str) -> tuple[str, str, str]:
    """``(IRI, ISO3 code, English label)`` of a state given as code, name, alias or IRI.

    Resolution is the query runner's (``QueryError`` for an unknown or ambiguous name).
    """
    from sanctions_graph.queries import Param, execute, resolve_actor_term

    term = resolve_actor_term(store, Param("state", "state", True), state.strip())
    rows = execute(
        store,
        "PREFIX sg: <https://w3id.org/sanctions-graph/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?s ?code ?label WHERE { OPTIONAL { ?s sg:iso3 ?code } "
        'OPTIONAL { ?s rdfs:label ?label FILTER (LANG(?label) IN ("en", "")) } }',
        {"s": term},
    ).rows
    codes = sorted(filter(None, (text(r.get("code")) for r in rows)))
    labels = sorted(filter(None, (text(r.get("label")) for r in rows)))
    code = codes[0] if codes else term.value.rsplit("/", 1)[-1]
    return term.value, code, labels[0] if labels else code


def text(term: Term | None) -> str | None:
    """A term's value (IRI or lexical form), or ``None`` when unbound."""
    return None if term is None else str(term.value)


def local_name(term: Term | None) -> str | None:
    """The ``sg:`` local name of an IRI (``sg:ArmsTransfer`` -> ``ArmsTransfer``)."""
    value = text(term)
    if value is None:
        return None
    if value.startswith(_SG):
        return value[len(_SG) :]
    return value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def parse_date(value: str | None) -> dt.date | None:
    """An ``xsd:date`` (or the date part of an ``xsd:dateTime``); ``None`` if absent or bad."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# -------------------------------------------------------------------------------------------
# building the graph
# -------------------------------------------------------------------------------------------
def load_graph(
    store: Store,
    *,
    state: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    families: Iterable[str] | None = None,
    today: dt.date | None = None,
) -> GraphData:
    """The picture's data: actors with their sanction status, edges with their events.

    ``state`` (an ISO code, name, alias or IRI, resolved by the query runner) keeps the events
    the state takes part in. ``date_from``/``date_to`` keep the events dated inside the range
    (an undated event is dropped once a range is given). ``families`` keeps the named families
    (``KeyError`` for an unknown name). Regimes whose end date is before ``today`` do not colour
    a node.
    """
    wanted = {family_named(name).name for name in families} if families else None
    params: dict[str, str] = {}
    if state:
        params["state"] = state
    if date_from:
        params["from"] = date_from.isoformat()
    if date_to:
        params["to"] = date_to.isoformat()
    # With a state, the question that starts from it (fast on a large store).
    events = select(store, "graph-events-of" if state else "graph-events", params)
    graph = build_graph(events, select(store, "graph-sanctions"), today)
    return filter_graph(graph, families=wanted) if wanted is not None else graph


def build_graph(
    event_rows: Iterable[Row], sanction_rows: Iterable[Row], today: dt.date | None = None
) -> GraphData:
    """Group the rows of ``graph-events`` and ``graph-sanctions`` into nodes and edges."""
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str, str], Edge] = {}
    events: dict[tuple[str, str, str, str], EventItem] = {}
    for row in event_rows:
        event_class = local_name(row.get("type"))
        actor, target = text(row.get("actor")), text(row.get("target"))
        event_iri = text(row.get("event"))
        if event_class is None or actor is None or target is None or event_iri is None:
            continue
        family = family_of(event_class)
        for iri, kind, code, label in (
            (actor, row.get("actorKind"), row.get("actorCode"), row.get("actorLabel")),
            (target, row.get("targetKind"), row.get("targetCode"), row.get("targetLabel")),
        ):
            _add_node(nodes, iri, text(kind) or "state", text(code), text(label))
        source, dest = (actor, target)
        if not family.directed and dest < source:
            source, dest = dest, source  # one edge per unordered pair
        edge = edges.setdefault(
            (family.name, source, dest), Edge(source=source, target=dest, family=family)
        )
        key = (family.name, source, dest, event_iri)
        item = events.get(key)
        if item is None:
            item = EventItem(
                iri=event_iri,
                type=event_class,
                date=parse_date(text(row.get("date"))),
                modality=local_name(row.get("modality")),
            )
            events[key] = item
            edge.events.append(item)
        quote = text(row.get("quote"))
        if quote is not None:
            citation = Citation(
                quote=quote,
                source=text(row.get("source")),
                title=text(row.get("title")),
                publisher=text(row.get("publisher")),
                issued=text(row.get("issued")),
                url=text(row.get("url")),
            )
            if citation not in item.citations:
                item.citations.append(citation)
    _apply_sanctions(nodes, sanction_rows, today or dt.date.today())
    graph = GraphData(nodes=nodes, edges=sorted(edges.values(), key=lambda e: e.key))
    _count_sources(graph)
    return graph


def _add_node(
    nodes: dict[str, Node], iri: str, kind: str, code: str | None, label: str | None
) -> None:
    node = nodes.get(iri)
    fallback = iri.rstrip("/").rsplit("/", 1)[-1]
    if node is None:
        nodes[iri] = Node(iri, code or fallback, label or code or fallback, kind)
    elif label and (node.label in (node.code, fallback) or label < node.label):
        # Several labels: keep the same one whatever the row order.
        node.label = label


def _apply_sanctions(nodes: dict[str, Node], rows: Iterable[Row], today: dt.date) -> None:
    authorities: dict[str, set[str]] = {}
    for row in rows:
        state = text(row.get("state"))
        if state is None or state not in nodes:
            continue
        end = parse_date(text(row.get("endDate")))
        if end is not None and end < today:
            continue  # a regime that has ended no longer colours the state
        found = authorities.setdefault(state, set())
        authority = text(row.get("authorityCode")) or text(row.get("authorityLabel"))
        if authority:
            found.add(authority)
    for iri, codes in authorities.items():
        nodes[iri].sanctioned = True
        nodes[iri].authorities = tuple(sorted(codes))


def _count_sources(graph: GraphData) -> None:
    per_node: dict[str, set[str]] = {iri: set() for iri in graph.nodes}
    for edge in graph.edges:
        docs = {c.source or c.quote for e in edge.events for c in e.citations}
        per_node[edge.source] |= docs
        per_node[edge.target] |= docs
    for iri, docs in per_node.items():
        graph.nodes[iri].sources = len(docs)


def filter_graph(graph: GraphData, *, families: set[str]) -> GraphData:
    """A copy of ``graph`` keeping the edges of ``families`` and the nodes they join."""
    edges = [
        Edge(e.source, e.target, e.family, list(e.events))
        for e in graph.edges
        if e.family.name in families
    ]
    used = {iri for e in edges for iri in (e.source, e.target)}
    nodes = {iri: _copy_node(node) for iri, node in graph.nodes.items() if iri in used}
    result = GraphData(nodes=nodes, edges=edges)
    _count_sources(result)
    return result


def _copy_node(node: Node) -> Node:
    return Node(node.iri, node.code, node.label, node.kind, node.authorities, node.sanctioned)
