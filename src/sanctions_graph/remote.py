"""A remote SPARQL 1.1 store: queries and updates through SPARQLWrapper, graph uploads through the
SPARQL 1.1 Graph Store HTTP Protocol.

Works with any SPARQL 1.1 server. Two differences between servers matter here:
- Union of graphs: the project's queries see the union of all named graphs. Virtuoso does that
  by default; the Oxigraph server only when started with ``--union-default-graph``.
- Large uploads: Virtuoso aborts a transaction whose log exceeds ~50 MB, so ``replace_graph``
  sends a graph in chunks (``PUT`` the first, ``POST`` the rest). Triples with blank nodes all
  go in the first chunk, so a blank node is never split across two requests.

Answers are parsed strictly: an HTTP error, an unreachable server or a truncated JSON document
(a failing Oxigraph stream can answer HTTP 200 and stop half-way) is an ``EndpointError``.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import pyoxigraph as ox

from sanctions_graph.errors import EndpointError, QueryError
from sanctions_graph.store import QueryResult, Term

#: Triples per request when uploading a graph (Virtuoso: keep each transaction well under 50 MB).
DEFAULT_CHUNK = 50_000
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class RemoteStore:
    """A SPARQL 1.1 endpoint seen through the ``store.Store`` interface.

    ``endpoint`` answers queries; ``update_endpoint`` (default: ``endpoint``) takes updates;
    ``graph_store`` is the Graph Store Protocol URL (e.g. Oxigraph's ``/store``, Virtuoso's
    ``/sparql-graph-crud-auth``) used by ``replace_graph`` and ``drop_graph``. ``user`` and
    ``password`` are sent with HTTP digest (or, when the server asks, basic) authentication.
    """

    def __init__(
        self,
        endpoint: str,
        update_endpoint: str | None = None,
        graph_store: str | None = None,
        *,
        user: str | None = None,
        password: str | None = None,
        timeout: float | None = None,
        chunk_size: int = DEFAULT_CHUNK,
        retries: int = 3,
    ) -> None:
        for url in (endpoint, update_endpoint, graph_store):
            if url is not None:
                _check_url(url)
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or endpoint
        self.graph_store = graph_store
        self.user = user
        self.password = password
        self.timeout = timeout
        self.chunk_size = chunk_size
        self.retries = retries

    def set_timeout(self, seconds: float | None) -> None:
        """Bound every later request to ``seconds``."""
        self.timeout = seconds

    # -- reading -------------------------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        """Run a query on the endpoint; ``bindings`` go in a ``VALUES`` block (no splicing)."""
        from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

        if bindings:
            from sanctions_graph.queries import bind_values

            sparql = bind_values(sparql, dict(bindings))
        wrapper = SPARQLWrapper(self.endpoint)
        wrapper.setQuery(sparql)
        wrapper.setMethod(POST)
        kind = str(wrapper.queryType).upper()
        graph = kind in ("CONSTRUCT", "DESCRIBE")
        wrapper.setReturnFormat(TURTLE if graph else JSON)
        self._auth(wrapper)
        body = self._send(wrapper)
        if graph:
            try:
                triples = [
                    ox.Triple(q.subject, q.predicate, q.object)
                    for q in ox.parse(body, format=ox.RdfFormat.TURTLE)
                ]
            except SyntaxError as error:
                raise EndpointError(f"{self.endpoint} sent malformed RDF: {error}") from None
            return QueryResult(kind="graph", triples=triples)
        return parse_json_results(body, self.endpoint)

    def graphs(self) -> list[str]:
        """IRIs of the endpoint's named graphs (servers may list system graphs too)."""
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        names = [row.get("g") for row in rows]
        return sorted(g.value for g in names if isinstance(g, ox.NamedNode))

    def count(self, graph: str | None = None) -> int:
        """Number of triples in ``graph``, or of quads in all named graphs."""
        target = str(ox.NamedNode(graph)) if graph else "?g"
        rows = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {target} {{ ?s ?p ?o }} }}").rows
        value = rows[0]["n"] if rows else None
        return int(value.value) if value is not None else 0

    # -- writing -------------------------------------------------------------------------------
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update on the update endpoint."""
        from SPARQLWrapper import POST, POSTDIRECTLY, SPARQLWrapper

        wrapper = SPARQLWrapper(self.endpoint, updateEndpoint=self.update_endpoint)
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(POSTDIRECTLY)
        wrapper.setQuery(sparql)
        self._auth(wrapper)
        self._send(wrapper)

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> int:
        """Make ``graph`` hold exactly ``triples``: ``PUT`` the first chunk, ``POST`` the rest.

        With a single chunk the replacement is atomic on the server; with several, a failure
        part-way leaves the graph incomplete and the error says so (``push`` again repairs it).
        """
        url = self._graph_url(graph)
        with_blank, plain = _split_blank(triples)
        sent = 0
        first = True
        for chunk in _chunks(with_blank, plain, self.chunk_size):
            body = "".join(f"{triple} .\n" for triple in chunk).encode("utf-8")
            try:
                self._request("PUT" if first else "POST", url, body, "text/turtle")
            except EndpointError as error:
                if first:
                    raise
                raise EndpointError(
                    f"graph {graph} is incomplete on the server ({sent} triples sent): {error}"
                ) from None
            sent += len(chunk)
            first = False
        if first:  # no triples: an empty graph
            self._request("PUT", url, b"", "text/turtle")
        return sent

    def replace_graphs(self, batch: Sequence[tuple[str, Sequence[ox.Triple]]]) -> list[int]:
        """Write several graphs, one request (or chunked series) per graph: the Graph Store
        Protocol has no multi-graph write."""
        return [self.replace_graph(graph, triples) for graph, triples in batch]

    def drop_graph(self, graph: str) -> bool:
        """Delete a named graph with the Graph Store Protocol; return whether it existed."""
        try:
            self._request("DELETE", self._graph_url(graph), None, None)
        except _NotFound:
            return False
        return True

    def close(self) -> None:
        """Nothing to release: every request has its own connection."""

    # -- plumbing ------------------------------------------------------------------------------
    def _graph_url(self, graph: str) -> str:
        if not self.graph_store:
            raise EndpointError(
                "no Graph Store Protocol URL given (e.g. http://HOST:PORT/store for the Oxigraph "
                "server, http://HOST:PORT/sparql-graph-crud-auth for Virtuoso)"
            )
        ox.NamedNode(graph)  # a valid IRI, or ValueError
        separator = "&" if "?" in self.graph_store else "?"
        return f"{self.graph_store}{separator}{urllib.parse.urlencode({'graph': graph})}"

    def _auth(self, wrapper: Any) -> None:
        from SPARQLWrapper import DIGEST

        if self.user is not None:
            wrapper.setHTTPAuth(DIGEST)
            wrapper.setCredentials(self.user, self.password or "")
        if self.timeout is not None:
            wrapper.setTimeout(int(max(1, round(self.timeout))))

    def _send(self, wrapper: Any) -> bytes:
        from SPARQLWrapper.SPARQLExceptions import (
            EndPointInternalError,
            EndPointNotFound,
            QueryBadFormed,
            SPARQLWrapperException,
            Unauthorized,
        )

        url = wrapper.endpoint if not wrapper.isSparqlUpdateRequest() else wrapper.updateEndpoint
        try:
            response = wrapper.query().response
            body: bytes = response.read()
            return body
        except QueryBadFormed as error:
            raise QueryError(f"{url} refused the query: {_first_line(error)}") from None
        except Unauthorized:
            raise EndpointError(f"{url} refused the credentials (HTTP 401)") from None
        except (EndPointNotFound, EndPointInternalError, SPARQLWrapperException) as error:
            raise EndpointError(f"{url} answered with an error: {_first_line(error)}") from None
        except TimeoutError:
            raise QueryError(f"query stopped after the time limit of {self.timeout:g} s") from None
        except urllib.error.HTTPError as error:
            raise EndpointError(f"{url} answered HTTP {error.code}: {_body(error)}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise EndpointError(f"cannot reach {url}: {reason}") from None

    def _opener(self, url: str) -> urllib.request.OpenerDirector:
        handlers: list[urllib.request.BaseHandler] = []
        if self.user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, url, self.user, self.password or "")
            handlers.append(urllib.request.HTTPDigestAuthHandler(passwords))
            handlers.append(urllib.request.HTTPBasicAuthHandler(passwords))
        return urllib.request.build_opener(*handlers)

    def _request(self, method: str, url: str, body: bytes | None, content_type: str | None) -> None:
        """One Graph Store request, retried with back-off on connection errors and 5xx."""
        opener = self._opener(url)
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            request = urllib.request.Request(url, data=body, method=method)
            if content_type:
                request.add_header("Content-Type", content_type)
            try:
                with opener.open(request, timeout=self.timeout or 300) as response:
                    response.read()
                return
            except urllib.error.HTTPError as error:
                if error.code == 404 and method == "DELETE":
                    raise _NotFound() from None
                if error.code < 500:
                    raise EndpointError(
                        f"{method} {url} failed: HTTP {error.code} {_body(error)}"
                    ) from None
                last = error
            except (urllib.error.URLError, OSError) as error:
                last = error
            if attempt < self.retries:
                time.sleep(0.5 * 2**attempt)
        reason = getattr(last, "reason", last)
        raise EndpointError(
            f"{method} {url} failed after {self.retries + 1} attempts: {reason}"
        ) from None


class _NotFound(Exception):
    pass


def _check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(f"not an http(s) endpoint URL: {url!r}")


def _first_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text[:300]


def _body(error: urllib.error.HTTPError) -> str:
    try:
        text = error.read().decode("utf-8", "replace")
    except OSError:
        text = ""
    return " ".join(text.split())[:300] or str(error.reason)


def _split_blank(triples: Iterable[ox.Triple]) -> tuple[list[ox.Triple], Iterator[ox.Triple]]:
    """Triples with a blank node (kept together), and an iterator over the rest."""
    with_blank: list[ox.Triple] = []
    plain: list[ox.Triple] = []
    for triple in triples:
        if isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode):
            with_blank.append(triple)
        else:
            plain.append(triple)
    return with_blank, iter(plain)


def _chunks(
    first: list[ox.Triple], rest: Iterator[ox.Triple], size: int
) -> Iterator[list[ox.Triple]]:
    chunk = list(first)
    for triple in rest:
        chunk.append(triple)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --------------------------------------------------------------------------------------------
# W3C SPARQL 1.1 Query Results JSON
# --------------------------------------------------------------------------------------------
def parse_json_results(body: bytes, endpoint: str = "endpoint") -> QueryResult:
    """Parse a SPARQL JSON results document into a ``QueryResult`` of pyoxigraph terms.

    Accepts Virtuoso's ``typed-literal``; anything malformed or truncated is an EndpointError.
    """
    try:
        document = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise EndpointError(
            f"{endpoint} sent a malformed or truncated JSON answer: {_first_line(error)}"
        ) from None
    if not isinstance(document, dict):
        raise EndpointError(f"{endpoint} sent JSON that is not a SPARQL results document")
    if "boolean" in document:
        return QueryResult(kind="ask", boolean=bool(document["boolean"]))
    try:
        variables = [str(v) for v in document["head"].get("vars", [])]
        rows = [
            {name: (_term(binding[name]) if name in binding else None) for name in variables}
            for binding in document["results"]["bindings"]
        ]
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise EndpointError(f"{endpoint} sent an incomplete SPARQL JSON answer: {error}") from None
    return QueryResult(kind="select", variables=variables, rows=rows)


def _term(value: Mapping[str, Any]) -> Term:
    kind = value["type"]
    text = value["value"]
    if kind == "uri":
        return ox.NamedNode(text)
    if kind == "bnode":
        return ox.BlankNode(text.removeprefix("_:") or None)
    if kind in ("literal", "typed-literal"):
        language = value.get("xml:lang")
        if language:
            return ox.Literal(text, language=language)
        datatype = value.get("datatype")
        if datatype and datatype != _XSD_STRING:
            return ox.Literal(text, datatype=ox.NamedNode(datatype))
        return ox.Literal(text)
    raise ValueError(f"unknown term type {kind!r}")
