"""A read-only SPARQL HTTP endpoint over the embedded store: the Oxigraph server.

``sanctions-graph serve`` runs ``oxigraph serve-read-only`` (from the PyPI package ``oxigraph``)
on the store folder with ``--union-default-graph``, so a client sees what ``query`` sees: the
union of all graphs. SPARQL queries go to ``http://HOST:PORT/query``; YASGUI is at ``/``.
The store must not be written while the server runs (Oxigraph: undefined behaviour).
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

from sanctions_graph.errors import UserError


def find_oxigraph() -> str:
    """Path of the ``oxigraph`` server program; ``UserError`` when it is not installed."""
    beside_python = Path(sys.executable).parent / "oxigraph"
    if beside_python.is_file():
        return str(beside_python)
    found = shutil.which("oxigraph")
    if found is None:
        raise UserError(
            "the Oxigraph server is not installed; install it with "
            "`pip install 'sanctions-graph[server]'` (PyPI package oxigraph)"
        )
    return found


def server_command(
    location: Path, host: str = "127.0.0.1", port: int = 7878, timeout: int | None = None
) -> list[str]:
    """The command line that serves ``location`` read-only on ``host:port``."""
    command = [
        find_oxigraph(),
        "serve-read-only",
        "--location",
        str(location),
        "--bind",
        f"{host}:{port}",
        "--union-default-graph",
    ]
    if timeout is not None:
        command += ["--timeout-s", str(timeout)]
    return command


def serve(
    location: Path, host: str = "127.0.0.1", port: int = 7878, timeout: int | None = None
) -> int:
    """Run the read-only server in the foreground until it stops; return its exit status."""
    if not (location / "CURRENT").is_file():
        raise UserError(f"no store at {location}")
    process = subprocess.Popen(server_command(location, host, port, timeout))

    def forward(signum: int, _frame: object) -> None:
        # Stopping this process stops the server too (no orphan holding the port).
        process.send_signal(signum)

    previous = signal.signal(signal.SIGTERM, forward)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait()
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
