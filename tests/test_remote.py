"""Remote stores: push to real servers (Oxigraph server, Virtuoso Open Source) started by the
tests on 127.0.0.1 and a free port, the same answers as the embedded store for every preset
question, and clear errors for a server that is down, fails, or sends truncated JSON."""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from query_fixtures import PARAMS, TEST_REFERENCE_GRAPH, fill
from sanctions_graph.cli import app
from sanctions_graph.errors import EndpointError
from sanctions_graph.push import push_store
from sanctions_graph.queries import run_preset
from sanctions_graph.remote import RemoteStore, parse_json_results
from sanctions_graph.serve import server_command
from sanctions_graph.store import EmbeddedStore
from test_queries import short

ISSUE_PRESETS = sorted(PARAMS)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float) -> None:
    """Wait until ``url`` answers HTTP 200, or fail (with the server's output) after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    process.kill()
    pytest.fail(f"server did not answer {url} within {seconds} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


def oxigraph_program() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


ASK_EMPTY = "?query=ASK%7B%7D"


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    program = oxigraph_program()
    if program is None:
        pytest.skip("the Oxigraph server (PyPI package oxigraph) is not installed")
    port = free_port()
    folder = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [
            program,
            "serve",
            "--location",
            str(folder / "db"),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/query" + ASK_EMPTY, process, 30)
    yield base
    stop(process)


VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = {http_port}
ServerRoot = {dir}
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
[SPARQL]
; The packaged default (10,000) silently truncates answers.
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 600
MaxQueryCostEstimationTime = 600
"""


@pytest.fixture(scope="module")
def virtuoso_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    program = shutil.which("virtuoso-t")
    if program is None:
        pytest.skip("Virtuoso Open Source (Debian package virtuoso-opensource) is not installed")
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        VIRTUOSO_INI.format(dir=folder, sql_port=free_port(), http_port=http_port),
        encoding="utf-8",
    )
    # +foreground: no daemon, so the test owns the process and can stop it.
    process = subprocess.Popen(
        [program, "+foreground", "+configfile", str(ini)],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http_port}"
    wait_for(base + "/sparql" + ASK_EMPTY, process, 240)
    yield base
    stop(process)


def oxigraph_store(base: str) -> RemoteStore:
    return RemoteStore(base + "/query", base + "/update", base + "/store")


def virtuoso_store(base: str) -> RemoteStore:
    return RemoteStore(
        base + "/sparql",
        base + "/sparql-auth",
        base + "/sparql-graph-crud-auth",
        user="dba",
        password="dba",
    )


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path_factory.mktemp("embedded") / "store")
    fill(store)
    # A graph with blank nodes: they must survive chunked uploads.
    blank = ox.BlankNode()
    store.replace_graph(
        "https://w3id.org/sanctions-graph/id/graph/test-blank",
        [
            ox.Triple(
                ox.NamedNode("https://example.org/x"), ox.NamedNode("https://example.org/p"), blank
            ),
            ox.Triple(blank, ox.NamedNode("https://example.org/q"), ox.Literal("inside")),
            *(
                ox.Triple(
                    ox.NamedNode(f"https://example.org/s{i}"),
                    ox.NamedNode("https://example.org/p"),
                    ox.Literal(str(i)),
                )
                for i in range(25)
            ),
        ],
    )
    yield store
    store.close()


def expected_answers(store: EmbeddedStore) -> dict[str, list[dict[str, str]]]:
    return {name: short(run_preset(store, name, PARAMS[name])) for name in ISSUE_PRESETS}


SERVERS: dict[str, tuple[str, Callable[[str], RemoteStore]]] = {
    "oxigraph": ("oxigraph_url", oxigraph_store),
    "virtuoso": ("virtuoso_url", virtuoso_store),
}


@pytest.mark.server
@pytest.mark.slow
@pytest.mark.parametrize("server", sorted(SERVERS))
def test_every_preset_answers_the_same_after_push(
    request: pytest.FixtureRequest, embedded: EmbeddedStore, server: str
) -> None:
    fixture, make = SERVERS[server]
    remote = make(request.getfixturevalue(fixture))
    remote.chunk_size = 10  # several requests per graph, blank nodes kept together
    pushed = push_store(embedded, remote)
    assert {p.graph: p.triples for p in pushed} == {g: embedded.count(g) for g in embedded.graphs()}
    for graph in embedded.graphs():
        assert remote.count(graph) == embedded.count(graph), graph
    assert (
        remote.query(
            "ASK { <https://example.org/x> <https://example.org/p> ?b . ?b <https://example.org/q> "
            '"inside" }'
        ).boolean
        is True
    )
    expected = expected_answers(embedded)
    assert all(expected[name] for name in ISSUE_PRESETS)  # the fixture answers every question
    answers = {name: short(run_preset(remote, name, PARAMS[name])) for name in ISSUE_PRESETS}
    assert answers == expected


@pytest.mark.server
@pytest.mark.slow
@pytest.mark.parametrize("server", sorted(SERVERS))
def test_push_twice_gives_the_same_remote_state(
    request: pytest.FixtureRequest, embedded: EmbeddedStore, server: str
) -> None:
    fixture, make = SERVERS[server]
    remote = make(request.getfixturevalue(fixture))
    push_store(embedded, remote)
    first = {g: remote.count(g) for g in embedded.graphs()}
    push_store(embedded, remote)
    assert {g: remote.count(g) for g in embedded.graphs()} == first
    assert first == {g: embedded.count(g) for g in embedded.graphs()}


@pytest.mark.server
def test_drop_graph_on_oxigraph(oxigraph_url: str) -> None:
    remote = oxigraph_store(oxigraph_url)
    graph = "https://w3id.org/sanctions-graph/id/graph/to-drop"
    remote.replace_graph(
        graph,
        [ox.Triple(ox.NamedNode("https://e/s"), ox.NamedNode("https://e/p"), ox.Literal("o"))],
    )
    assert remote.count(graph) == 1
    assert remote.drop_graph(graph) is True
    assert remote.count(graph) == 0
    assert remote.drop_graph(graph) is False


@pytest.mark.server
def test_cli_push_then_ask_through_the_endpoint(oxigraph_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    store = EmbeddedStore(tmp_path / "store")
    fill(store)
    store.close()
    pushed = runner.invoke(
        app, ["--store", str(tmp_path / "store"), "push", "--endpoint", oxigraph_url + "/store"]
    )
    assert pushed.exit_code == 0, pushed.output
    assert "pushed " in pushed.output
    answer = runner.invoke(
        app,
        ["--endpoint", oxigraph_url + "/query", "ask", "arms-transfers", "--format", "csv"],
    )
    assert answer.exit_code == 0, answer.output
    lines = answer.output.strip().splitlines()
    assert lines[0].startswith("event,supplier,supplierCode,recipient,recipientCode,date")
    assert len(lines) == 2
    assert "North Korea is accused of shipping artillery shells to Russia." in lines[1]


@pytest.mark.server
@pytest.mark.slow
def test_serve_answers_read_only_like_the_embedded_store(tmp_path: Path) -> None:
    if oxigraph_program() is None:
        pytest.skip("the Oxigraph server (PyPI package oxigraph) is not installed")
    from sanctions_graph.bootstrap import seed

    folder = tmp_path / "store"
    store = EmbeddedStore(folder)
    seed(store)  # as `serve` would; the fixture's own reference part goes in a graph of its own
    fill(store, TEST_REFERENCE_GRAPH)
    expected = expected_answers(store)
    store.close()
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "sanctions_graph",
        "--store",
        str(folder),
        "serve",
        "--port",
        str(port),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/query" + ASK_EMPTY, process, 60)
        remote = RemoteStore(base + "/query", base + "/update")
        answers = {name: short(run_preset(remote, name, PARAMS[name])) for name in ISSUE_PRESETS}
        assert answers == expected
        with pytest.raises(EndpointError):
            remote.update("INSERT DATA { <https://e/s> <https://e/p> 1 }")
    finally:
        stop(process)


def test_server_command_is_read_only_with_the_union_graph(tmp_path: Path) -> None:
    if oxigraph_program() is None:
        pytest.skip("the Oxigraph server (PyPI package oxigraph) is not installed")
    command = server_command(tmp_path, "127.0.0.1", 7000, timeout=30)
    assert command[1:] == [
        "serve-read-only",
        "--location",
        str(tmp_path),
        "--bind",
        "127.0.0.1:7000",
        "--union-default-graph",
        "--timeout-s",
        "30",
    ]


# --------------------------------------------------------------------------------------------
# failures: server down, HTTP errors, truncated answers
# --------------------------------------------------------------------------------------------
def test_server_down_is_an_endpoint_error() -> None:
    port = free_port()
    remote = RemoteStore(
        f"http://127.0.0.1:{port}/query", graph_store=f"http://127.0.0.1:{port}/store", retries=1
    )
    with pytest.raises(EndpointError, match=f"cannot reach http://127.0.0.1:{port}/query"):
        remote.query("SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(EndpointError, match="failed after 2 attempts"):
        remote.replace_graph("https://e/g", [])


def test_not_an_http_url_is_refused() -> None:
    with pytest.raises(EndpointError, match="not an http"):
        RemoteStore("file:///etc/passwd")


class _Stub(http.server.BaseHTTPRequestHandler):
    """Answers every request with the class's status and body; counts requests."""

    status = 200
    body = b""
    requests: list[str] = []  # noqa: RUF012 - shared on purpose, reset per test

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        type(self).requests.append(self.command)
        self.send_response(self.status)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    do_GET = do_POST = do_PUT = do_DELETE = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def stub() -> Iterator[tuple[str, type[_Stub]]]:
    handler = type("Handler", (_Stub,), {"requests": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler
    server.shutdown()
    server.server_close()


def test_truncated_json_with_http_200_is_an_endpoint_error(
    stub: tuple[str, type[_Stub]],
) -> None:
    base, handler = stub
    handler.body = b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "va'
    with pytest.raises(EndpointError, match="malformed or truncated JSON"):
        RemoteStore(base + "/query").query("SELECT ?s WHERE { ?s ?p ?o }")


def test_server_error_is_retried_then_reported(stub: tuple[str, type[_Stub]]) -> None:
    base, handler = stub
    handler.status = 503
    handler.body = b"overloaded"
    remote = RemoteStore(base + "/query", graph_store=base + "/store", retries=2)
    with pytest.raises(EndpointError, match="failed after 3 attempts"):
        remote.replace_graph(
            "https://e/g",
            [ox.Triple(ox.NamedNode("https://e/s"), ox.NamedNode("https://e/p"), ox.Literal("o"))],
        )
    assert handler.requests == ["PUT", "PUT", "PUT"]


def test_client_error_is_not_retried(stub: tuple[str, type[_Stub]]) -> None:
    base, handler = stub
    handler.status = 400
    handler.body = b"bad graph"
    remote = RemoteStore(base + "/query", graph_store=base + "/store", retries=2)
    with pytest.raises(EndpointError, match="HTTP 400 bad graph"):
        remote.replace_graph("https://e/g", [])
    assert handler.requests == ["PUT"]


def test_query_error_status_is_reported_in_one_line(stub: tuple[str, type[_Stub]]) -> None:
    base, handler = stub
    handler.status = 500
    handler.body = b"internal\nerror"
    with pytest.raises(EndpointError, match="answered with an error") as error:
        RemoteStore(base + "/query").query("SELECT ?s WHERE { ?s ?p ?o }")
    assert "\n" not in str(error.value)


def test_json_results_accept_virtuoso_typed_literals_and_unbound_columns() -> None:
    body = (
        b'{"head": {"vars": ["a", "b", "c", "d"]}, "results": {"bindings": ['
        b'{"a": {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#date",'
        b' "value": "2024-06-19"}, "b": {"type": "literal", "xml:lang": "en", "value": "x"},'
        b' "c": {"type": "bnode", "value": "b0"}}]}}'
    )
    result = parse_json_results(body)
    assert result.variables == ["a", "b", "c", "d"]
    row = result.rows[0]
    assert row["a"] == ox.Literal(
        "2024-06-19", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
    )
    assert row["b"] == ox.Literal("x", language="en")
    assert isinstance(row["c"], ox.BlankNode)
    assert row["d"] is None


def test_json_ask_answer() -> None:
    assert parse_json_results(b'{"head": {}, "boolean": true}').boolean is True
