"""The ``sanctions-graph`` command line.

Commands are thin: they parse options, call a plain function that returns data, and print it.
Heavy libraries are imported inside the commands that need them, so ``--help`` stays fast.
Errors the user caused (``UserError``) end with one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from sanctions_graph import __version__

if TYPE_CHECKING:
    from collections.abc import Callable

    from sanctions_graph.ingest.pipeline import IngestReport
    from sanctions_graph.store import EmbeddedStore, Store

_APP_SETTINGS: dict[str, Any] = {
    "name": "sanctions-graph",
    "help": "A knowledge graph of sanctions and geopolitics: news articles and official "
    "sanctions lists to RDF with evidence, answered in SPARQL.",
    "no_args_is_help": True,
    "pretty_exceptions_enable": False,
    "add_completion": False,
    "rich_markup_mode": None,
}
app = typer.Typer(**_APP_SETTINGS)


@dataclass
class Options:
    """Global options shared by every command."""

    store: Path | None = None
    endpoint: str | None = None
    update_endpoint: str | None = None


#: --from / --to, shared by the commands that filter events by date.
DateFromOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional on 3.11
    typer.Option("--from", help="Only events on or after this day (YYYY-MM-DD)."),
]
DateToOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--to", help="Only events on or before this day (YYYY-MM-DD)."),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sanctions-graph {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    store: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional on 3.11
        typer.Option(
            "--store",
            help="Folder of the embedded store (default: $SANCTIONS_GRAPH_STORE, else "
            "~/.local/share/sanctions-graph/store).",
        ),
    ] = None,
    endpoint: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--endpoint", help="SPARQL 1.1 query endpoint URL of a remote store."),
    ] = None,
    update_endpoint: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--update-endpoint", help="SPARQL 1.1 update endpoint URL of a remote store."),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    ctx.obj = Options(store=store, endpoint=endpoint, update_endpoint=update_endpoint)


def _options(ctx: typer.Context) -> Options:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Options) else Options()


def open_store(ctx: typer.Context, *, read_only: bool = False) -> Store:
    """The store the global options name: remote endpoint, or embedded (seeded on first use).

    ``read_only``: the command only reads; the embedded store is then opened read-only under
    its lock when it is already seeded (``EmbeddedStore.for_reading``), else as usual.
    """
    options = _options(ctx)
    if options.endpoint:
        from sanctions_graph.remote import RemoteStore

        return RemoteStore(options.endpoint, options.update_endpoint)
    return open_embedded(ctx, read_only=read_only)


def open_embedded(ctx: typer.Context, *, read_only: bool = False) -> EmbeddedStore:
    """The embedded store, seeded with the ontology and reference data if needed."""
    from sanctions_graph.bootstrap import is_seeded, seed, seed_fingerprint
    from sanctions_graph.store import EmbeddedStore, resolve_store_path

    path = resolve_store_path(_options(ctx).store)
    if read_only and path.is_dir():
        reading = EmbeddedStore.for_reading(path)
        if reading is not None:
            if is_seeded(reading, seed_fingerprint()):
                return reading
            reading.close()  # seeding writes: open it for writing below
    store = EmbeddedStore(path)
    try:
        seed(store)
    except BaseException:
        store.close()  # release the lock: the caller never gets the store to close it
        raise
    return store


def fail(message: str, code: int = 1) -> None:
    """Print one error line on stderr and exit with ``code``."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def echo(text: str) -> None:
    """Write text to stdout without adding a newline twice."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


# --------------------------------------------------------------------------------------------
# query, stats, export
# --------------------------------------------------------------------------------------------
@app.command()
def query(
    ctx: typer.Context,
    sparql: Annotated[str, typer.Argument(help="SPARQL text, or the path of a .rq file.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table | csv | tsv | json | md")
    ] = "table",
    allow_network: Annotated[
        bool,
        typer.Option("--allow-network", help="Permit SERVICE and FROM <http...> (off: refused)."),
    ] = False,
    timeout: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option("--timeout", help="Stop the query after this many seconds."),
    ] = None,
) -> None:
    """Run any SPARQL query over the union of all graphs."""
    from sanctions_graph.output import FORMATS, render
    from sanctions_graph.queries import check_query, read_query_argument, run_user_query

    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    text = read_query_argument(sparql)
    check_query(text, allow_network=allow_network)  # before the store is even opened
    store = open_store(ctx, read_only=True)  # check_query refused updates
    try:
        result = run_user_query(store, text, allow_network=allow_network, timeout=timeout)
    finally:
        store.close()
    echo(render(result, fmt))


@app.command()
def ask(
    ctx: typer.Context,
    name: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(help="Preset question to answer; without it, list them."),
    ] = None,
    param: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--param", "-p", help="Parameter as NAME=VALUE (repeatable)."),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table | csv | tsv | json | md")
    ] = "table",
    timeout: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option("--timeout", help="Stop the query after this many seconds."),
    ] = None,
) -> None:
    """List the preset questions, or answer one (e.g. ask sanctions-on -p state=PRK)."""
    from sanctions_graph.output import FORMATS, render
    from sanctions_graph.queries import parse_param_options, preset_listing, run_preset

    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if name is None:
        echo(render(preset_listing(), fmt))
        return
    params = parse_param_options(param or [])
    store = open_store(ctx, read_only=True)
    try:
        result = run_preset(store, name, params, timeout=timeout)
    finally:
        store.close()
    echo(render(result, fmt))
    if result.cut:
        # On stderr, so that CSV/JSON on stdout stay clean.
        typer.echo(
            f"note: the answer was cut at {result.limit} rows, the most relevant first; "
            "-p limit=N lists more, -p limit=0 all",
            err=True,
        )


@app.command()
def push(
    ctx: typer.Context,
    endpoint: Annotated[
        str,
        typer.Option(
            "--endpoint",
            help="Graph Store Protocol URL of the server (Oxigraph: http://HOST:PORT/store, "
            "Virtuoso: http://HOST:PORT/sparql-graph-crud-auth).",
        ),
    ],
    user: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--user", help="User name for HTTP digest authentication."),
    ] = None,
    password: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--password", envvar="SANCTIONS_GRAPH_PASSWORD", help="Password (or the variable)."
        ),
    ] = None,
    chunk_size: Annotated[
        int, typer.Option("--chunk-size", help="Triples per request (Virtuoso: < 50 MB each).")
    ] = 50_000,
) -> None:
    """Upload the embedded store to a remote server, one PUT per named graph."""
    from sanctions_graph.push import push_store
    from sanctions_graph.remote import RemoteStore

    target = RemoteStore(
        endpoint, graph_store=endpoint, user=user, password=password, chunk_size=chunk_size
    )
    store = open_embedded(ctx)
    try:
        pushed = push_store(store, target)
    finally:
        store.close()
    total = sum(item.triples for item in pushed)
    typer.echo(f"pushed {len(pushed)} graphs, {total} triples to {endpoint}", err=True)


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 7878,
    timeout: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--timeout", help="Per-query time limit in seconds."),
    ] = None,
) -> None:
    """Serve the embedded store read-only over SPARQL HTTP (http://HOST:PORT/query)."""
    from sanctions_graph.serve import serve as run_server

    store = open_embedded(ctx)  # seeds a fresh store, then lets go of the lock
    location = store.path
    store.close()
    if location is None:
        fail("serve needs an on-disk store")
        return
    typer.echo(f"serving {location} read-only at http://{host}:{port}/query", err=True)
    code = run_server(location, host, port, timeout)
    if code:
        raise typer.Exit(code)


@app.command()
def stats(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
) -> None:
    """Triples per graph, instances per class, and the ingested sources."""
    from sanctions_graph.stats import collect_stats, render_stats

    store = open_store(ctx)
    try:
        report = collect_stats(store)
    finally:
        store.close()
    echo(render_stats(report, fmt))


@app.command()
def export(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="ttl | nt | nq | trig | xml | jsonld")
    ] = "ttl",
    for_protege: Annotated[
        bool,
        typer.Option(
            "--for-protege",
            help="Write ontology + data as one RDF/XML file, imports inlined, for File > Open.",
        ),
    ] = False,
) -> None:
    """Write the whole graph to a file."""
    from sanctions_graph.export import export_protege, export_store

    store = open_embedded(ctx)
    try:
        written = export_protege(store, output) if for_protege else export_store(store, output, fmt)
    finally:
        store.close()
    typer.echo(f"wrote {written} triples to {output}", err=True)


# --------------------------------------------------------------------------------------------
# reason, validate, docs
# --------------------------------------------------------------------------------------------
@app.command()
def reason(
    ctx: typer.Context,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help="auto (HermiT unless the graph is too large) | hermit | rules (no Java).",
        ),
    ] = "auto",
    state: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--state", help="Reason over one state's neighbourhood (ISO code or IRI)."),
    ] = None,
    source: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--source", help="Reason over one source graph (its IRI)."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
) -> None:
    """HermiT consistency check and classification; rebuild the inferred graph."""
    from sanctions_graph.reason import reason as run_reason
    from sanctions_graph.reason import render_reason_report

    if fmt not in ("table", "json"):
        fail(f"unknown format {fmt!r}; choose table or json")
    store = open_store(ctx)
    try:
        report = run_reason(store, engine=engine, state=state, source=source)  # type: ignore[arg-type]
    finally:
        store.close()
    echo(render_reason_report(report, fmt))
    if report.consistent is False:
        raise typer.Exit(1)


@app.command()
def validate(
    ctx: typer.Context,
    source: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--source", help="Validate one source graph (its IRI)."),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table | json | csv | tsv | md | ttl")
    ] = "table",
) -> None:
    """SHACL validation of the data; exits 1 when any shape is violated."""
    from sanctions_graph.validate import REPORT_FORMATS, render_report, validate_store

    if fmt not in REPORT_FORMATS:
        fail(f"unknown format {fmt!r}; choose from {', '.join(REPORT_FORMATS)}")
    store = open_store(ctx)
    try:
        report = validate_store(store, source=source)
    finally:
        store.close()
    echo(render_report(report, fmt))
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def docs(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")],
) -> None:
    """Write the ontology's HTML documentation (pyLODE)."""
    from sanctions_graph.docs import write_docs

    size = write_docs(output)
    typer.echo(f"wrote {size} bytes to {output}", err=True)


# --------------------------------------------------------------------------------------------
# ingest, drop, demo
# --------------------------------------------------------------------------------------------
@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (walked recursively).")],
    kind: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--kind", help="Force the source kind instead of detecting it."),
    ] = None,
    date: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--date", help="Publication date of the article(s), e.g. 2024-06-19."),
    ] = None,
    url: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--url", help="URL of the article (one file only)."),
    ] = None,
) -> None:
    """Read articles and sanctions lists into the graph, one named graph per source."""
    from sanctions_graph.ingest.article import check_url, parse_date
    from sanctions_graph.ingest.pipeline import check_options, ingest_paths
    from sanctions_graph.ingest.registry import IngestOptions

    options = IngestOptions(
        date=parse_date(date, field="--date") if date is not None else None,
        url=check_url(url, field="--url") if url is not None else None,
        kind=kind,
    )
    check_options(options)
    store = open_store(ctx)
    try:
        with _ProgressBar() as progress:
            report = ingest_paths(store, paths, options, progress=progress)
    finally:
        store.close()
    _print_ingest_report(report)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def drop(
    ctx: typer.Context,
    source: Annotated[
        str, typer.Argument(help="Graph IRI, sha256 prefix, file path, URL or title of a source.")
    ],
) -> None:
    """Remove one ingested source (its named graph) from the store."""
    from sanctions_graph.ingest.pipeline import drop_source

    store = open_store(ctx)
    try:
        report = drop_source(store, source)
    finally:
        store.close()
    for graph in report.graphs:
        echo(f"dropped {graph}")
    typer.echo(f"{len(report.graphs)} graph(s), {report.triples} triples removed", err=True)


@app.command()
def diff(
    ctx: typer.Context,
    old: Annotated[
        Path,
        typer.Argument(
            help="Older list file (or OFAC CSV folder); with only "
            "one argument, the file to compare with the store."
        ),
    ],
    new: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(help="Newer version of the same list."),
    ] = None,
    kind: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--kind", help="Force the list kind instead of detecting it."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    limit: Annotated[int, typer.Option("--limit", help="Designations listed per section.")] = 50,
) -> None:
    """Designations added, removed (delisted) and changed between two versions of a list, or
    between the store's version and a file (what ingesting it would change)."""
    import json

    from sanctions_graph.diff import diff_against_store, diff_files, format_report

    if new is None:
        store = open_store(ctx)
        try:
            report = diff_against_store(store, old, kind)
        finally:
            store.close()
    else:
        report = diff_files(old, new, kind)
    echo(json.dumps(report.as_dict(), indent=2) if as_json else format_report(report, limit))


@app.command()
def evaluate(
    articles: Annotated[Path, typer.Argument(help="Folder of articles (or one article).")],
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold JSON files (or one).")],
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Precision/recall/F1 of article extraction against gold files (family and exact type)."""
    import json

    from sanctions_graph.evaluate import REPORT_COLUMNS, evaluate, report_rows

    if fmt not in ("table", "json"):
        fail(f"unknown format {fmt!r} (use table or json)")
    report = evaluate(articles, gold)
    if fmt == "json":
        echo(json.dumps(report.as_dict(), indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="extraction vs gold", header_style="bold")
    for index, column in enumerate(REPORT_COLUMNS):
        table.add_column(column, justify="left" if index == 0 else "right")
    for row in report_rows(report):
        table.add_row(*row)
    Console(width=160).print(table)


@app.command()
def demo(ctx: typer.Context) -> None:
    """Ingest the bundled example articles, then answer the preset questions."""
    from sanctions_graph.demo import run_demo
    from sanctions_graph.output import readable, render

    store = open_store(ctx)
    try:
        with _ProgressBar() as progress:
            result = run_demo(store, progress=progress)
    finally:
        store.close()
    _print_ingest_report(result.report)
    for answer in result.answers:
        asked = " ".join(f"-p {k}={v!r}" for k, v in answer.parameters.items())
        echo(f"\n## {answer.summary} (ask {answer.name}{' ' + asked if asked else ''})\n")
        echo(render(readable(answer.result), "table"))
    if not result.report.ok:
        raise typer.Exit(1)


class _ProgressBar:
    """A rich progress bar on stderr, fed by the pipeline's (done, total, label) callback."""

    def __enter__(self) -> Callable[[int, int, str], None]:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

        console = Console(stderr=True)
        self._bar = bar = Progress(
            TextColumn("{task.description}", style="dim"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,  # no bar in logs and pipes
        )
        tasks: list[TaskID] = []  # the one task, created once the pipeline knows the total

        def update(done: int, total: int, label: str) -> None:
            if not tasks:  # started on the first input, so early errors print cleanly
                bar.start()
                tasks.append(bar.add_task("ingest", total=total))
            bar.update(tasks[0], completed=done, description=Path(label).name[:40])

        self._tasks = tasks
        return update

    def __exit__(self, *exc: object) -> None:
        if self._tasks:
            self._bar.stop()


def _print_ingest_report(report: IngestReport) -> None:
    """The summary table of an ingest (stdout) and one line per skipped input (stderr)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="ingest summary", show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("inputs", str(report.inputs))
    table.add_row("documents written", str(report.documents))
    table.add_row("triples written", str(report.triples))
    table.add_row("sentences", str(report.sentences))
    for name, count in sorted(report.facts.items()):
        table.add_row(f"facts: {name}", str(count))
    for name, count in sorted(report.other_counts.items()):
        table.add_row(name, str(count))
    if report.replaced:
        table.add_row("older versions replaced", str(report.replaced))
    table.add_row("skipped", str(len(report.skipped)))
    Console(soft_wrap=True).print(table)
    for note in report.derived:
        typer.echo(f"derived: {note}", err=True)
    for unit in report.units:  # counted problems with single records (e.g. unknown codes)
        for warning in unit.warnings:
            typer.echo(f"warning: {unit.label}: {warning}", err=True)
    for skipped in report.skipped:
        typer.echo(f"skipped: {skipped.label}: {skipped.reason}", err=True)


# --------------------------------------------------------------------------------------------
# viz, timeline, report
# --------------------------------------------------------------------------------------------
@app.command()
def viz(
    ctx: typer.Context,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="File to write: .html, .png or .svg.")
    ],
    fmt: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--format", "-f", help="html | png | svg (default: from the suffix)."),
    ] = None,
    state: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--state", help="Only the events of this state (ISO code, name, alias)."),
    ] = None,
    date_from: DateFromOption = None,
    date_to: DateToOption = None,
    family: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--family",
            help="Only these event families (repeat, or comma-separated): DIPLOMATIC, "
            "AGREEMENT, COOPERATION, SUPPORT, AID, SANCTION, HOSTILITY.",
        ),
    ] = None,
) -> None:
    """Draw the network of states: an offline HTML page, or a PNG/SVG picture."""
    from sanctions_graph.viz.commands import make_picture

    written = make_picture(
        lambda: open_store(ctx),
        output,
        fmt=fmt,
        state=state,
        date_from=date_from,
        date_to=date_to,
        families=family,
    )
    typer.echo(written.summary, err=True)


@app.command()
def timeline(
    ctx: typer.Context,
    state: Annotated[str, typer.Argument(help="The state (ISO code, name or alias).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write: .png or .html.")],
    fmt: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--format", "-f", help="png | html (default: from the suffix)."),
    ] = None,
    date_from: DateFromOption = None,
    date_to: DateToOption = None,
) -> None:
    """Draw a state's events over time, one row per partner, with regimes in force as bands."""
    from sanctions_graph.viz.commands import make_timeline

    written = make_timeline(
        lambda: open_store(ctx), state, output, fmt=fmt, date_from=date_from, date_to=date_to
    )
    typer.echo(written.summary, err=True)


@app.command()
def report(
    ctx: typer.Context,
    state: Annotated[str, typer.Argument(help="The state (ISO code, name or alias).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write: .md or .html.")],
    fmt: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--format", "-f", help="md | html (default: from the suffix)."),
    ] = None,
) -> None:
    """Write an analyst's briefing on a state, with numbered citations."""
    from sanctions_graph.viz.commands import make_report

    written = make_report(lambda: open_store(ctx), state, output, fmt=fmt)
    typer.echo(written.summary, err=True)


#: Global options followed by a value (which is not the command's name).
_GLOBAL_VALUE_OPTIONS = frozenset({"--store", "--endpoint", "--update-endpoint"})


def invoked_command(args: list[str]) -> str | None:
    """The command named on a command line (global options skipped), or ``None``."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in _GLOBAL_VALUE_OPTIONS:
            index += 2
        elif arg.startswith("-"):  # --store=DIR, --version, --help
            index += 1
        else:
            return arg
    return None


def app_for(args: list[str]) -> typer.Typer:
    """The app to run ``args`` with: one holding the invoked command alone, else the full app.

    typer builds the click command of every registered command when it starts (a sixth of the
    time ``ask`` adds to a query), and a run uses one. The top-level help, a mistyped command
    name and a bare ``sanctions-graph`` get the full app, so that they list every command.
    """
    from typer.main import get_command_name

    name = invoked_command(args)
    chosen = [
        info
        for info in app.registered_commands
        if info.callback is not None
        and (info.name or get_command_name(info.callback.__name__)) == name
    ]
    if len(chosen) != 1:
        return app
    single = typer.Typer(**_APP_SETTINGS)
    single.registered_callback = app.registered_callback
    single.registered_commands = chosen
    return single


def main() -> None:
    """Console-script entry point: run the app, turning user errors into one line."""
    from sanctions_graph.errors import UserError

    try:
        app_for(sys.argv[1:])()
    except UserError as error:
        typer.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        typer.echo("error: interrupted", err=True)
        sys.exit(130)
