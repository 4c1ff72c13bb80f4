"""Another process holding a store open for writing, for the tests of locked stores."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_HOLD = (
    "import pathlib, sys\n"
    "from sanctions_graph.store import EmbeddedStore\n"
    "s = EmbeddedStore(pathlib.Path(sys.argv[1]))\n"
    "print('open', flush=True)\n"
    "sys.stdin.read()\n"
)


@contextmanager
def store_written_by_another_process(path: Path) -> Iterator[None]:
    """While the block runs, another process holds the store at ``path`` open for writing."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        yield
    finally:
        holder.communicate("")
