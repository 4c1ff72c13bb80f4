"""The ``sanctions-graph`` command line.

Commands are thin: they parse options, call a plain function that returns data, and print it.
Heavy libraries are imported inside the commands that need them, so ``--help`` stays fast.
Errors the user caused (``UserError``) end with one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from sanctions_graph import __version__

if TYPE_CHECKING:
    from sanctions_graph.store import EmbeddedStore, Store

app = typer.Typer(
    name="sanctions-graph",
    help="A knowledge graph of sanctions and geopolitics: news articles and official sanctions "
    "lists to RDF with evidence, answered in SPARQL.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)


@dataclass
class Options:
    """Global options shared by every command."""

    store: Path | None = None
    endpoint: str | None = None
    update_endpoint: str | None = None


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
    """The store the global options name: remote endpoint, or embedded (seeded on first use)."""
    options = _options(ctx)
    if options.endpoint:
        from sanctions_graph.remote import RemoteStore

        return RemoteStore(options.endpoint, options.update_endpoint)
    return open_embedded(ctx)


def open_embedded(ctx: typer.Context) -> EmbeddedStore:
    """The embedded store, seeded with the ontology and reference data if needed."""
    from sanctions_graph.bootstrap import seed
    from sanctions_graph.store import EmbeddedStore, resolve_store_path

    store = EmbeddedStore(resolve_store_path(_options(ctx).store))
    seed(store)
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
) -> None:
    """Run any SPARQL query over the union of all graphs."""
    from sanctions_graph.output import FORMATS, render
    from sanctions_graph.queries import read_query_argument, run_user_query

    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    text = read_query_argument(sparql)
    store = open_store(ctx)
    try:
        result = run_user_query(store, text)
    finally:
        store.close()
    echo(render(result, fmt))


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
        if for_protege:
            written = export_protege(store, output)
        else:
            written = export_store(store, output, fmt)
    finally:
        store.close()
    typer.echo(f"wrote {written} triples to {output}", err=True)


def main() -> None:
    """Console-script entry point: run the app, turning user errors into one line."""
    from sanctions_graph.errors import UserError

    try:
        app()
    except UserError as error:
        typer.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        typer.echo("error: interrupted", err=True)
        sys.exit(130)

