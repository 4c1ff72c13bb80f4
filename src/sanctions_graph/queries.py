"""The one query runner: user SPARQL, and the preset questions in ``queries/*.rq``.

Preset questions follow grlc's conventions: a header of ``#+`` comment lines holding YAML
(``summary``, ``description``, ``tags``, ``params``), then the SPARQL text. A parameter ``name``
appears in the query as ``?_name`` (required) or ``?__name`` (optional). Values are bound as RDF
terms in a ``VALUES`` block placed at the start of the query's outermost ``WHERE`` group: the same
mechanism works on the embedded store and on any SPARQL 1.1 endpoint, and works where pyoxigraph's
``substitutions`` do not (aggregates, ``ASK``, sub-queries). The block is made of pyoxigraph terms
(``str(term)`` is a correctly escaped N-Triples term), so user text is never spliced into SPARQL.

User queries are checked before any engine sees them: length and nesting are capped (pyoxigraph
segfaults on very deep nesting), and ``SERVICE``, ``LOAD`` and ``FROM <http...>`` are refused
unless the network is allowed (checked on rdflib's parse tree, so a comment cannot hide them).
A time limit runs the query in a child process that can be killed (``signal.alarm`` cannot
interrupt pyoxigraph).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from sanctions_graph.errors import InputError, QueryError, UserError
from sanctions_graph.store import QueryResult, Store, Term

#: Longest query text accepted from a user (characters).
MAX_QUERY_CHARS = 100_000
#: Deepest nesting of ``{ ( [`` accepted from a user (pyoxigraph crashes near 5,000).
MAX_NESTING = 64

_XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
#: The parameter that sets how many rows a listing question returns (``limit`` header).
LIMIT_PARAM = "limit"
#: Parameter types a header may declare.
PARAM_TYPES = ("state", "actor", "authority", "date", "string", "integer", "iri")
#: Header keys (grlc's, plus ``params``/``parameters``); anything else is a typo, refused.
_HEADER_KEYS = {
    "summary",
    "description",
    "tags",
    "params",
    "parameters",
    "endpoint",
    "method",
    "pagination",
    "limit",
}
_PARAM_KEYS = {"type", "default", "description", "example"}
_PARAM_VAR_RE = re.compile(r"[?$](__?)([A-Za-z][A-Za-z0-9]*)\b")
_PARAM_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
#: The project's data namespace (vocab.SGID; spelt out here so presets need no rdflib import).
#: Graph IRIs a FROM clause may name without network access are the project's own, under it.
_LOCAL_GRAPH_PREFIX = "https://w3id.org/sanctions-graph/id/"


# --------------------------------------------------------------------------------------------
# user queries
# --------------------------------------------------------------------------------------------
def read_query_argument(argument: str) -> str:
    """The SPARQL text of a ``query`` argument: the argument itself, or a ``.rq`` file's content."""
    candidate = Path(argument)
    looks_like_path = (
        "\n" not in argument
        and len(argument) < 4096
        and (argument.endswith((".rq", ".sparql")) or candidate.is_file())
    )
    if looks_like_path:
        try:
            return candidate.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(f"no such query file: {argument}") from None
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"cannot read query file {argument}: {error}") from None
    return argument


def run_user_query(
    store: Store,
    sparql: str,
    *,
    allow_network: bool = False,
    timeout: float | None = None,
) -> QueryResult:
    """Run a query a user typed, over the union of all graphs, after the safety checks.

    ``timeout`` (seconds) bounds the query: on the embedded store it runs in a child process
    that is killed when time is up; on a remote store it is the HTTP time limit.
    """
    check_query(sparql, allow_network=allow_network)
    return execute(store, sparql, None, timeout=timeout)


def execute(
    store: Store,
    sparql: str,
    bindings: Mapping[str, Term] | None = None,
    *,
    timeout: float | None = None,
) -> QueryResult:
    """Run ``sparql`` on ``store``, in a killable child process when ``timeout`` is given."""
    if timeout is not None and timeout <= 0:
        raise QueryError(f"--timeout must be positive, got {timeout}")
    if timeout is None:
        return store.query(sparql, bindings)
    from sanctions_graph.store import EmbeddedStore

    if isinstance(store, EmbeddedStore):
        return _query_in_child(store, sparql, bindings, timeout)
    set_timeout = getattr(store, "set_timeout", None)
    if callable(set_timeout):
        set_timeout(timeout)
    return store.query(sparql, bindings)


def _child_query(
    path: str | None, store: Any, sparql: str, bindings: Mapping[str, Term] | None, conn: Any
) -> None:
    # Runs in the child: open the store read-only (RocksDB allows that next to the parent's
    # read-write handle), answer, send the pickled result or the error back.
    from sanctions_graph.store import EmbeddedStore

    try:
        if path is not None:
            store = EmbeddedStore(Path(path), read_only=True)
        conn.send(("ok", store.query(sparql, bindings)))
    except UserError as error:
        conn.send(("error", error))
    except Exception as error:  # pragma: no cover - a bug in the child, reported to the parent
        conn.send(("error", QueryError(f"query failed: {type(error).__name__}: {error}")))
    finally:
        conn.close()


def _query_in_child(
    store: Any, sparql: str, bindings: Mapping[str, Term] | None, timeout: float
) -> QueryResult:
    import multiprocessing  # only for queries with a time limit: ~12 ms of import otherwise

    path = getattr(store, "path", None)
    context: Any
    args: tuple[Any, ...]
    if path is None:
        # An in-memory store exists only in this process: a forked child inherits a copy.
        context = multiprocessing.get_context("fork")
        args = (None, store, sparql, bindings)
    else:
        context = multiprocessing.get_context("spawn")
        args = (str(path), None, sparql, bindings)
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child_query, args=(*args, sender), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryError(f"query stopped after the time limit of {timeout:g} s")
        try:
            status, payload = receiver.recv()
        except EOFError:
            raise QueryError(
                f"the query process died (exit code {process.exitcode}) before answering"
            ) from None
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receiver.close()
    if status == "error":
        raise payload
    result: QueryResult = payload
    return result


# --------------------------------------------------------------------------------------------
# safety checks
# --------------------------------------------------------------------------------------------
def _tokens(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, char)`` for the characters of ``text`` that are SPARQL syntax.

    Skips comments, string literals and IRIs, so braces and keywords inside them do not count.
    """
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if c in "'\"":
            long_quote = text[i : i + 3]
            if long_quote in ("'''", '"""'):
                end = text.find(long_quote, i + 3)
                while end > 0 and _escaped(text, end):
                    end = text.find(long_quote, end + 1)
                i = n if end < 0 else end + 3
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c == "<":
            match = _IRI_RE.match(text, i)
            if match:
                i = match.end()
                continue
        yield i, c
        i += 1


_IRI_RE = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")


def _escaped(text: str, pos: int) -> bool:
    backslashes = 0
    while pos - 1 - backslashes >= 0 and text[pos - 1 - backslashes] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def nesting_depth(sparql: str) -> int:
    """The deepest nesting of ``{``, ``(`` and ``[`` in ``sparql`` (comments/strings/IRIs aside)."""
    depth = deepest = 0
    for _, c in _tokens(sparql):
        if c in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "})]":
            depth -= 1
    return deepest


def check_query(sparql: str, *, allow_network: bool = False) -> None:
    """Refuse a query that is too long, too deep, malformed or (unless allowed) reaches out.

    The network check runs on rdflib's parse tree: ``SERVICE`` (any form), and ``FROM`` /
    ``FROM NAMED`` naming an IRI outside the project's own graphs are refused.
    """
    if len(sparql) > MAX_QUERY_CHARS:
        raise QueryError(
            f"query is too long ({len(sparql):,} characters; the limit is {MAX_QUERY_CHARS:,})"
        )
    depth = nesting_depth(sparql)
    if depth > MAX_NESTING:
        raise QueryError(f"query is nested too deeply ({depth} levels; the limit is {MAX_NESTING})")
    if allow_network:
        return
    tree = _parse_tree(sparql)
    for name, node in _walk(tree):
        if name == "ServiceGraphPattern":
            raise QueryError(
                "SERVICE reaches the network and is refused; use --allow-network to permit it"
            )
        if name == "DatasetClause":
            iri = str(node.get("default") or node.get("named") or "")
            if not iri.startswith(_LOCAL_GRAPH_PREFIX):
                raise QueryError(
                    f"FROM <{iri}> may fetch data over the network and is refused; "
                    "use --allow-network to permit it"
                )
        if name == "Load":
            raise QueryError("LOAD reaches the network and is refused")


def _parse_tree(sparql: str) -> Any:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        return parseQuery(sparql)
    except ParseException as query_error:
        try:
            parseUpdate(sparql)
        except ParseException:
            raise QueryError(
                f"invalid SPARQL: {query_error.msg} (line {query_error.lineno}, "
                f"column {query_error.col})"
            ) from None
        raise QueryError(
            "updates are not accepted here; `query` runs SELECT, ASK, CONSTRUCT and DESCRIBE"
        ) from None
    except RecursionError:
        raise QueryError("query is nested too deeply") from None


def _walk(node: Any) -> Iterator[tuple[str, Any]]:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item.name, item
            stack.extend(item.values())
        elif isinstance(item, (ParseResults, list, tuple)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())


# --------------------------------------------------------------------------------------------
# preset questions
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Param:
    """A parameter of a preset question."""

    name: str
    type: str
    required: bool
    default: str | None = None
    description: str = ""

    @property
    def variable(self) -> str:
        """The query variable (without ``?``): ``_name`` or ``__name``."""
        return ("_" if self.required else "__") + self.name


@dataclass(frozen=True)
class Preset:
    """A preset analyst question loaded from ``queries/NAME.rq``."""

    name: str
    path: Path
    summary: str
    description: str
    tags: tuple[str, ...]
    params: tuple[Param, ...]
    sparql: str = field(repr=False)
    #: Default number of rows a listing question returns (its ``limit`` header), else ``None``.
    limit: int | None = None

    def param(self, name: str) -> Param:
        """The parameter called ``name``; ``QueryError`` if the question has none such."""
        for param in self.all_params:
            if param.name == name:
                return param
        known = ", ".join(p.name for p in self.all_params) or "none"
        raise QueryError(f"question {self.name!r} has no parameter {name!r} (parameters: {known})")

    @property
    def all_params(self) -> tuple[Param, ...]:
        """The query's parameters, then ``limit`` for a question that has one."""
        if self.limit is None:
            return self.params
        limit = Param(
            name=LIMIT_PARAM,
            type="integer",
            required=False,
            default=str(self.limit),
            description="the most rows to list, most relevant first (0 = all)",
        )
        return (*self.params, limit)


@dataclass
class PresetResult(QueryResult):
    """A preset's answer; ``cut`` says that more rows than ``limit`` matched and were left out."""

    limit: int | None = None
    cut: bool = False


def parse_preset(path: Path, text: str | None = None) -> Preset:
    """Read one ``.rq`` file: its ``#+`` YAML header and its SPARQL; ``QueryError`` if malformed."""
    import yaml

    if text is None:
        text = _read_preset(path)
    header_lines, sparql = _split_header(text)
    if not header_lines:
        raise QueryError(f"{path.name}: no '#+' YAML header (summary, description, params)")
    try:
        # libyaml's safe loader when built in: several times faster, the same answers.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        header = yaml.load("".join(header_lines), Loader=loader)
    except yaml.YAMLError as error:
        raise QueryError(
            f"{path.name}: malformed YAML header: {' '.join(str(error).split())}"
        ) from None
    if not isinstance(header, dict):
        raise QueryError(f"{path.name}: the '#+' header must be a YAML mapping")
    unknown = set(header) - _HEADER_KEYS
    if unknown:
        keys = ", ".join(sorted(map(str, unknown)))
        raise QueryError(f"{path.name}: unknown header key(s): {keys}")
    summary = header.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        raise QueryError(f"{path.name}: header needs a non-empty 'summary'")
    description = header.get("description", "")
    if not isinstance(description, str):
        raise QueryError(f"{path.name}: 'description' must be text")
    tags = header.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise QueryError(f"{path.name}: 'tags' must be a list of strings")
    if "params" in header and "parameters" in header:
        raise QueryError(f"{path.name}: give 'params' or 'parameters', not both")
    raw_params = header.get("params", header.get("parameters")) or {}
    if not isinstance(raw_params, dict):
        raise QueryError(f"{path.name}: 'params' must map parameter names to their settings")
    used = _parameter_variables(sparql)
    params = []
    for name, spec in raw_params.items():
        params.append(_parse_param(path, name, spec, used))
    declared = {p.name for p in params}
    undeclared = sorted(set(used) - declared)
    if undeclared:
        raise QueryError(
            f"{path.name}: query uses parameter(s) not declared in the header: "
            f"{', '.join(undeclared)}"
        )
    _outer_group_start(sparql, path.name)  # the binding point must exist
    limit = _parse_limit(path, header.get("limit"), sparql)
    if limit is not None and LIMIT_PARAM in declared:
        raise QueryError(f"{path.name}: {LIMIT_PARAM!r} is the row limit, not a parameter name")
    return Preset(
        name=path.stem,
        path=path,
        summary=" ".join(summary.split()),
        description=description.strip(),
        tags=tuple(tags),
        params=tuple(params),
        sparql=sparql,
        limit=limit,
    )


def _read_preset(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise QueryError(f"{path.name}: cannot read: {error}") from None


def _split_header(text: str) -> tuple[list[str], str]:
    """The ``#+`` header lines of a preset (without the marker) and the SPARQL after them."""
    header_lines: list[str] = []
    body_start = 0
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("#+"):
            header_lines.append(line[2:].removeprefix(" "))
            body_start = index + 1
        elif line.strip() == "" and not header_lines:
            continue
        else:
            break
    return header_lines, "".join(lines[body_start:])


#: The parsed headers of the shipped preset questions, next to them: answering a question
#: then needs neither PyYAML nor the header checks (about a fifth of what ``ask`` added to a
#: query before).
#: An entry is used only while its SHA-256 matches the file's text; any other file is parsed.
#: Rewrite it after editing a header: ``python -m sanctions_graph.queries --write-index``
#: (a test fails while it is out of date).
HEADER_INDEX = "headers.json"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=4)
def _header_index(folder: Path) -> dict[str, Any]:
    try:
        index = json.loads((folder / HEADER_INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    presets = index.get("presets") if isinstance(index, dict) else None
    return presets if isinstance(presets, dict) else {}


def _indexed_preset(path: Path, text: str) -> Preset | None:
    """The preset built from the header index, if it holds this exact text; else ``None``."""
    entry = _header_index(path.parent).get(path.stem)
    if not isinstance(entry, dict) or entry.get("sha256") != _digest(text):
        return None
    limit = entry.get("limit")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
        return None
    try:
        return Preset(
            name=path.stem,
            path=path,
            summary=str(entry["summary"]),
            description=str(entry["description"]),
            tags=tuple(str(tag) for tag in entry["tags"]),
            params=tuple(Param(**param) for param in entry["params"]),
            sparql=_split_header(text)[1],
            limit=limit,
        )
    except (KeyError, TypeError):
        return None


def header_index(folder: Path | None = None) -> dict[str, Any]:
    """The header index of the presets in ``folder`` (default: the shipped ones), parsed anew."""
    from dataclasses import asdict

    from sanctions_graph.resources import queries_dir

    folder = (folder or queries_dir()).resolve()
    presets: dict[str, Any] = {}
    for path in sorted(folder.glob("*.rq"), key=lambda p: p.stem):
        text = _read_preset(path)
        preset = parse_preset(path, text)
        presets[preset.name] = {
            "sha256": _digest(text),
            "summary": preset.summary,
            "description": preset.description,
            "tags": list(preset.tags),
            "params": [asdict(param) for param in preset.params],
            "limit": preset.limit,
        }
    return {
        "about": "the parsed #+ headers of the *.rq files (sanctions_graph.queries.HEADER_INDEX); "
        "rewrite with: python -m sanctions_graph.queries --write-index",
        "presets": presets,
    }


def write_header_index(folder: Path | None = None) -> Path:
    """Rewrite ``headers.json`` in ``folder`` (default: the shipped presets); return its path."""
    from sanctions_graph.resources import queries_dir

    folder = (folder or queries_dir()).resolve()
    target = folder / HEADER_INDEX
    target.write_text(
        json.dumps(header_index(folder), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    _header_index.cache_clear()
    return target


def _parse_limit(path: Path, value: object, sparql: str) -> int | None:
    """The ``limit`` header: a positive integer that the query's own ``LIMIT`` clauses repeat."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise QueryError(f"{path.name}: 'limit' must be a positive integer, got {value!r}")
    clauses = _limit_clauses(sparql)
    if not any(number == value for _, _, number in clauses):
        raise QueryError(
            f"{path.name}: the header says 'limit: {value}' but the query has no 'LIMIT {value}'"
        )
    return value


def _parameter_variables(sparql: str) -> dict[str, bool]:
    """Parameter names used as ``?_name`` / ``?__name`` -> whether required."""
    syntax = "".join(c for _, c in _tokens_with_words(sparql))
    found: dict[str, bool] = {}
    for match in _PARAM_VAR_RE.finditer(syntax):
        name = match.group(2)
        required = match.group(1) == "_"
        if name in found and found[name] != required:
            raise QueryError(f"parameter {name!r} is used both as ?_{name} and ?__{name}")
        found[name] = required
    return found


def _tokens_with_words(text: str) -> Iterator[tuple[int, str]]:
    # Like _tokens, but keeps a space where a skipped comment/string/IRI was so words stay apart.
    last = -1
    for offset, c in _tokens(text):
        if last >= 0 and offset != last + 1:
            yield offset, " "
        yield offset, c
        last = offset


def _parse_param(path: Path, name: object, spec: object, used: Mapping[str, bool]) -> Param:
    if not isinstance(name, str) or not _PARAM_NAME_RE.match(name):
        raise QueryError(f"{path.name}: bad parameter name {name!r} (letters and digits only)")
    if name not in used:
        raise QueryError(
            f"{path.name}: parameter {name!r} is declared but the query has no ?_{name} or "
            f"?__{name}"
        )
    if not isinstance(spec, dict):
        raise QueryError(f"{path.name}: parameter {name!r} needs a mapping with at least 'type'")
    unknown = set(spec) - _PARAM_KEYS
    if unknown:
        raise QueryError(
            f"{path.name}: parameter {name!r} has unknown key(s): "
            f"{', '.join(sorted(map(str, unknown)))}"
        )
    kind = spec.get("type")
    if kind not in PARAM_TYPES:
        raise QueryError(
            f"{path.name}: parameter {name!r} has type {kind!r}; choose from "
            f"{', '.join(PARAM_TYPES)}"
        )
    default = spec.get("default")
    if default is not None:
        default = default.isoformat() if isinstance(default, dt.date) else str(default)
    description = spec.get("description", "")
    if not isinstance(description, str):
        raise QueryError(f"{path.name}: parameter {name!r}: 'description' must be text")
    return Param(
        name=name,
        type=str(kind),
        required=used[name],
        default=default,
        description=" ".join(description.split()),
    )


@lru_cache(maxsize=4)
def _load_presets(folder: Path) -> tuple[Preset, ...]:
    return tuple(_load_preset(path) for path in sorted(folder.glob("*.rq"), key=lambda p: p.stem))


def list_presets(folder: Path | None = None) -> list[Preset]:
    """Every preset question (``queries/*.rq``, the ``qc/`` checks aside), sorted by name."""
    from sanctions_graph.resources import queries_dir

    return list(_load_presets((folder or queries_dir()).resolve()))


_PRESET_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


@lru_cache(maxsize=64)
def _load_preset(path: Path) -> Preset:
    text = _read_preset(path)
    return _indexed_preset(path, text) or parse_preset(path, text)


def get_preset(name: str, folder: Path | None = None) -> Preset:
    """The preset question called ``name``; ``QueryError`` naming the known ones otherwise.

    Only that question's file is read (the CLI answers one question per run).
    """
    from sanctions_graph.resources import queries_dir

    path = (folder or queries_dir()).resolve() / f"{name}.rq"
    if _PRESET_NAME_RE.match(name) and path.is_file():
        return _load_preset(path)
    presets = list_presets(folder)
    for preset in presets:
        if preset.name == name:
            return preset
    known = ", ".join(p.name for p in presets)
    raise QueryError(f"unknown question {name!r}; known questions: {known}")


def run_preset(
    store: Store,
    name: str,
    params: Mapping[str, str] | None = None,
    *,
    folder: Path | None = None,
    timeout: float | None = None,
) -> PresetResult:
    """Answer the preset question ``name`` with ``params`` (parameter name -> user text).

    A listing question (one with a ``limit`` header) returns at most ``limit`` rows, the most
    relevant first (``-p limit=N``; ``0`` lists all); ``cut`` tells whether rows were left out.
    """
    preset = get_preset(name, folder)
    params = dict(params or {})
    limit = row_limit(preset, params.pop(LIMIT_PARAM, None))
    terms = bind_params(store, preset, params)
    sparql = with_limit(preset, bound_query(preset, terms), limit)
    result = execute(store, sparql, None, timeout=timeout)
    rows, cut = result.rows, False
    if limit and len(rows) > limit:
        rows, cut = rows[:limit], True
    return PresetResult(
        kind=result.kind,
        variables=result.variables,
        rows=rows,
        boolean=result.boolean,
        triples=result.triples,
        limit=limit or None,
        cut=cut,
    )


def row_limit(preset: Preset, value: str | None) -> int:
    """The number of rows to list: the user's ``limit`` value, else the preset's default (0 =
    all). ``QueryError`` for a question without a limit or a value that is not a count."""
    if preset.limit is None:
        if value is not None:
            preset.param(LIMIT_PARAM)  # raises: the question lists every row
        return 0
    if value is None or not value.strip():
        return preset.limit
    try:
        number = int(value.strip())
    except ValueError:
        number = -1
    if number < 0:
        raise QueryError(f"parameter {LIMIT_PARAM!r}: {value!r} is not a row count (0 = all)")
    return number


def with_limit(preset: Preset, sparql: str, limit: int) -> str:
    """``sparql`` with the preset's ``LIMIT`` clauses set to ``limit + 1`` (one more row than
    listed, to tell whether the answer was cut), or removed when ``limit`` is 0 (all rows).

    Only the clauses that repeat the header's default are touched; the number written is an
    ``int``, never user text.
    """
    if preset.limit is None:
        return sparql
    pieces: list[str] = []
    last = 0
    for start, end, number in _limit_clauses(sparql):
        if number != preset.limit:
            continue
        pieces.append(sparql[last:start])
        pieces.append(f"LIMIT {limit + 1}" if limit else "")
        last = end
    pieces.append(sparql[last:])
    return "".join(pieces)


_LIMIT_RE = re.compile(r"\bLIMIT\s+(\d+)\b", re.IGNORECASE)


def _limit_clauses(sparql: str) -> list[tuple[int, int, int]]:
    """``(start, end, number)`` of each ``LIMIT n`` clause outside comments, strings and IRIs."""
    syntax = {offset for offset, _ in _tokens(sparql)}
    return [
        (match.start(), match.end(), int(match.group(1)))
        for match in _LIMIT_RE.finditer(sparql)
        if match.start() in syntax
    ]


def bind_params(
    store: Store | None, preset: Preset, params: Mapping[str, str]
) -> dict[str, Term | None]:
    """Validate user values and turn them into RDF terms, keyed by query variable name.

    Missing required parameters, unknown parameters and bad values are ``QueryError``s. An
    optional parameter with neither value nor default is ``None`` (left unbound).
    """
    for given in params:
        preset.param(given)
    terms: dict[str, Term | None] = {}
    for param in preset.params:
        value = params.get(param.name, param.default)
        if value is None or (isinstance(value, str) and value.strip() == "" and not param.required):
            if param.required:
                raise QueryError(
                    f"question {preset.name!r} needs parameter {param.name!r} (-p {param.name}=...)"
                )
            terms[param.variable] = None
            continue
        terms[param.variable] = to_term(store, param, value)
    return terms


def bound_query(preset: Preset, terms: Mapping[str, Term | None]) -> str:
    """The preset's SPARQL with a ``VALUES`` block binding ``terms`` (``None`` = ``UNDEF``)."""
    return bind_values(preset.sparql, terms, preset.path.name)


def bind_values(sparql: str, terms: Mapping[str, Term | None], label: str = "query") -> str:
    """Insert ``VALUES (?v ...) { (term ...) }`` at the start of the outermost WHERE group, and
    a block for the bound ones at the start of every nested group that uses them.

    A parameter is one constant throughout the query (as in grlc, which replaces it in the
    text). Repeating its row in the groups that use it keeps that meaning inside sub-queries
    (whose variables are their own) and lets the engine start from it: Oxigraph joins an outer
    binding with a sub-query or a union only after evaluating them whole.
    """
    if not terms:
        return sparql
    outer = _outer_group_start(sparql, label)
    blocks = {outer: list(terms)}
    bound = [name for name, term in terms.items() if term is not None]
    for position, used in _nested_uses(sparql, bound, outer).items():
        blocks[position] = [name for name in bound if name in used]
    text = sparql
    for position in sorted(blocks, reverse=True):
        names = blocks[position]
        variables = " ".join(f"?{name}" for name in names)
        values = " ".join("UNDEF" if terms[name] is None else str(terms[name]) for name in names)
        block = f"\n  VALUES ({variables}) {{ ({values}) }}\n"
        text = text[:position] + block + text[position:]
    return text


def _nested_uses(sparql: str, names: list[str], outer: int) -> dict[int, set[str]]:
    """Start offsets of the group patterns nested in the WHERE clause that use any of
    ``names`` as ``?name`` directly (not only in a group inside them) -> the names used.

    Sub-query wrappers (``{ SELECT ...``), ``VALUES`` data blocks and CONSTRUCT templates are
    not group patterns and get nothing; the outermost group (``outer``) is left to the caller.
    """
    wanted = set(names)
    uses: dict[int, set[str]] = {}
    # Each open brace: [offset after it, whether it is a group pattern, whether a token followed]
    frames: list[list[Any]] = []
    token = ""
    pending_values = False

    def finish(word: str) -> None:
        nonlocal pending_values
        if not word:
            return
        frame = frames[-1] if frames else None
        if word[0] in "?$":
            name = word[1:]
            if frame is not None and name in wanted and frame[1] and frame[0] != outer:
                uses.setdefault(frame[0], set()).add(name)
        elif word.upper() == "VALUES":
            pending_values = True
        elif frame is not None and not frame[2] and word.upper() == "SELECT":
            frame[1] = False  # a sub-query's wrapper: its WHERE group is the group pattern
        if frame is not None:
            frame[2] = True

    for offset, c in _tokens_with_words(sparql):
        if c.isalnum() or c == "_" or (c in "?$" and not token):
            token += c
            continue
        finish(token)
        token = c if c in "?$" else ""
        if c == "{":
            frames.append([offset + 1, not pending_values and offset + 1 >= outer, False])
            pending_values = False
        elif c == "}":
            if frames:
                frames.pop()
        elif not c.isspace() and frames:
            frames[-1][2] = True
    finish(token)
    return uses


def _outer_group_start(sparql: str, label: str) -> int:
    """Offset just after the ``{`` that opens the outermost WHERE group."""
    depth = 0
    word = ""
    saw_where = False
    first_brace: int | None = None
    construct_like = False
    for offset, c in _tokens_with_words(sparql):
        if c.isalpha():
            word += c
            continue
        if word:
            upper = word.upper()
            if depth == 0 and upper == "WHERE":
                saw_where = True
            if depth == 0 and upper in ("CONSTRUCT", "DESCRIBE"):
                construct_like = True
            word = ""
        if c == "{":
            if depth == 0:
                if saw_where or (not construct_like and first_brace is None):
                    return offset + 1
                if first_brace is None:
                    first_brace = offset
            depth += 1
        elif c == "}":
            depth -= 1
    raise QueryError(f"{label}: cannot find the query's WHERE group to bind parameters")


# --------------------------------------------------------------------------------------------
# parameter values
# --------------------------------------------------------------------------------------------
def to_term(store: Store | None, param: Param, value: str) -> Term:
    """The RDF term for a user's value of ``param``; ``QueryError`` when the value is invalid."""
    text = value.strip()
    if param.type == "date":
        try:
            day = dt.date.fromisoformat(text).isoformat()
            return ox.Literal(day, datatype=ox.NamedNode(_XSD_DATE))
        except ValueError:
            raise QueryError(
                f"parameter {param.name!r}: {value!r} is not a date (use YYYY-MM-DD)"
            ) from None
    if param.type == "integer":
        try:
            return ox.Literal(str(int(text)), datatype=ox.NamedNode(_XSD_INTEGER))
        except ValueError:
            raise QueryError(f"parameter {param.name!r}: {value!r} is not an integer") from None
    if param.type == "string":
        # Exactly what the user typed: the literal match is the point.
        try:
            return ox.Literal(value)
        except ValueError:  # e.g. undecodable bytes from the command line (lone surrogates)
            raise QueryError(f"parameter {param.name!r}: {value!r} is not valid text") from None
    if param.type == "iri":
        try:
            return ox.NamedNode(text)
        except ValueError:
            raise QueryError(f"parameter {param.name!r}: {value!r} is not an IRI") from None
    return resolve_actor_term(store, param, text)


def resolve_actor_term(store: Store | None, param: Param, text: str) -> ox.NamedNode:
    """A state / organisation IRI from an ISO code, a name, an alias or an IRI.

    The curated reference data decides first (``sanctions_graph.reference.resolve_actor``); when it
    knows nothing, the store's own labels are tried (exact match on ``sg:iso3``, ``sg:iso2``,
    ``sg:acronym``, ``rdfs:label``, ``skos:altLabel``).
    """
    if not text:
        raise QueryError(f"parameter {param.name!r} is empty")
    iri: str | None
    if text.startswith(_LOCAL_GRAPH_PREFIX):
        iri = text
    else:
        # A code (PRK, UNSC) is answered by the store's own index when it names exactly one
        # state or organisation: loading the curated tables costs more than most questions.
        iri = (
            (_resolve_code_in_store(store, text) if store else None)
            or _resolve_reference(text)
            or (_resolve_in_store(store, text) if store else None)
        )
    if iri is None:
        raise QueryError(
            f"parameter {param.name!r}: unknown state or organisation {text!r} "
            "(give an ISO code such as PRK, a name such as North Korea, or an acronym such as UNSC)"
        )
    is_state = iri.startswith(_LOCAL_GRAPH_PREFIX + "state/")
    if param.type == "state" and not is_state:
        raise QueryError(f"parameter {param.name!r}: {text!r} is not a state")
    return ox.NamedNode(iri)


def _resolve_reference(text: str) -> str | None:
    # The reference data answers with a code: an ISO3 code of a known state, else an acronym.
    from sanctions_graph.reference import resolve_actor, state
    from sanctions_graph.vocab import org_iri, state_iri

    code = resolve_actor(text)
    if code is None:
        return None
    # The answer is an ISO3 code or an acronym; ``state`` also knows two-letter codes, so "AU"
    # (African Union) must not be taken for Australia's ISO2 code.
    record = state(code)
    is_state = record is not None and getattr(record, "iso3", None) == code
    return str(state_iri(code) if is_state else org_iri(code))


_LOOKUP = """
PREFIX sg: <https://w3id.org/sanctions-graph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?actor WHERE {
  VALUES ?property { sg:iso3 sg:iso2 sg:acronym rdfs:label skos:altLabel }
  VALUES ?name { %s }
  ?actor ?property ?name .
  FILTER(STRSTARTS(STR(?actor), "https://w3id.org/sanctions-graph/id/state/")
         || STRSTARTS(STR(?actor), "https://w3id.org/sanctions-graph/id/org/"))
}
"""


_CODE_LOOKUP = """
PREFIX sg: <https://w3id.org/sanctions-graph/ontology#>
SELECT DISTINCT ?actor WHERE {
  VALUES ?property { sg:iso3 sg:acronym }
  VALUES ?code { %s }
  ?actor ?property ?code .
  FILTER(STRSTARTS(STR(?actor), "https://w3id.org/sanctions-graph/id/state/")
         || STRSTARTS(STR(?actor), "https://w3id.org/sanctions-graph/id/org/"))
}
"""
_CODE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9-]{1,9}$")


def _resolve_code_in_store(store: Store, text: str) -> str | None:
    """The state or organisation whose ISO3 code or acronym is ``text`` (any case), when the
    store names exactly one; ``None`` otherwise (the caller tries the curated tables)."""
    if not _CODE_RE.match(text):
        return None
    rows = store.query(_CODE_LOOKUP % str(ox.Literal(text.upper()))).rows
    found = {row["actor"].value for row in rows if row["actor"] is not None}
    return found.pop() if len(found) == 1 else None


def _resolve_in_store(store: Store, text: str) -> str | None:
    # Exact-literal lookups only, so they use the index (no FILTER over every label).
    forms = {text, text.upper(), text.title()}
    literals = []
    for form in sorted(forms):
        literals.append(str(ox.Literal(form)))
        literals.append(str(ox.Literal(form, language="en")))
    rows = store.query(_LOOKUP % " ".join(literals)).rows
    found = sorted({row["actor"].value for row in rows if row["actor"] is not None})
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise QueryError(f"{text!r} is ambiguous: it names {', '.join(found)}")
    return None


# --------------------------------------------------------------------------------------------
# for the CLI
# --------------------------------------------------------------------------------------------
def parse_param_options(options: list[str]) -> dict[str, str]:
    """``["state=PRK", "from=2024-01-01"]`` -> a dict; ``QueryError`` on a malformed option."""
    params: dict[str, str] = {}
    for option in options:
        key, sep, value = option.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"parameter {option!r} is not NAME=VALUE")
        if key.strip() in params:
            raise QueryError(f"parameter {key.strip()!r} given twice")
        params[key.strip()] = value
    return params


def preset_listing(folder: Path | None = None) -> QueryResult:
    """The preset questions as a table: name, summary, parameters (``name: type``, ``?`` =
    optional, ``= default``)."""

    def describe(param: Param) -> str:
        text = f"{param.name}{'' if param.required else '?'}: {param.type}"
        return text + (f" = {param.default}" if param.default is not None else "")

    rows: list[dict[str, Term | None]] = [
        {
            "name": ox.Literal(preset.name),
            "summary": ox.Literal(preset.summary),
            "parameters": ox.Literal(", ".join(describe(p) for p in preset.all_params)),
        }
        for preset in list_presets(folder)
    ]
    return QueryResult(kind="select", variables=["name", "summary", "parameters"], rows=rows)


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["--write-index"]:
        sys.exit("usage: python -m sanctions_graph.queries --write-index")
    print(write_header_index())
