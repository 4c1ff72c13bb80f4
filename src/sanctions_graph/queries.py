"""The one query runner: user SPARQL, and (issue 5) the preset questions in ``queries/*.rq``."""

from __future__ import annotations

from pathlib import Path

from sanctions_graph.errors import InputError
from sanctions_graph.store import QueryResult, Store


def read_query_argument(argument: str) -> str:
    """The SPARQL text of a ``query`` argument: the argument itself, or a ``.rq`` file's content."""
    candidate = Path(argument)
    looks_like_path = "\n" not in argument and len(argument) < 4096 and (
        argument.endswith((".rq", ".sparql")) or candidate.is_file()
    )
    if looks_like_path:
        try:
            return candidate.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(f"no such query file: {argument}") from None
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"cannot read query file {argument}: {error}") from None
    return argument


def run_user_query(store: Store, sparql: str) -> QueryResult:
    """Run a query a user typed, over the union of all graphs."""
    return store.query(sparql)
