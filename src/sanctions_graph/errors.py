"""Errors the user caused. The CLI prints their message as one line and exits non-zero.

Everything below the CLI raises these (never prints, never exits); any other exception is a bug
and keeps its traceback.
"""

from __future__ import annotations


class UserError(Exception):
    """An error caused by the user's input or environment, reported as one clear line."""

    exit_code: int = 1


class InputError(UserError):
    """A file or value given by the user cannot be read or is malformed."""


class StoreError(UserError):
    """The store cannot be opened or written (locked, missing, unreachable)."""


class StoreLockedError(StoreError):
    """Another process holds the embedded store."""


class QueryError(UserError):
    """A SPARQL query is malformed, refused for safety, unknown, or missing a parameter."""


class EndpointError(StoreError):
    """A remote SPARQL endpoint is down or answered with an error."""


class JavaMissingError(UserError):
    """HermiT needs a Java runtime and none was found."""
