"""Wheel build hook: compile the extraction rules (``sanctions_graph.extract``) with mypyc.

The rules are plain typed Python; mypyc turns each module into a C extension that runs the
same code 1.2 to 1.5 times faster (benchmarks/RESULTS.md), which is what lets extraction keep
up with a news feed on one core. The compilation happens in a temporary copy of the package,
so the source tree never holds compiled files that would shadow edited ``.py`` files.

- Editable installs (``pip install -e .``) stay pure Python: developers edit the rules.
- Without a C compiler (or if mypyc fails) the wheel is built pure Python, with a warning:
  everything works, extraction is slower.
- ``SANCTIONS_GRAPH_PURE_PYTHON=1`` builds pure Python on purpose.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

#: The package folder whose modules are compiled. The data model (dataclasses shared with
#: ingestion and evaluation) stays pure Python: it has no loops to speed up.
COMPILED_PACKAGE = Path("sanctions_graph") / "extract"
PURE_MODULES = frozenset({"model.py"})
SKIP_ENV = "SANCTIONS_GRAPH_PURE_PYTHON"
# The build environment has none of the runtime dependencies (rdflib, dateparser...): their
# types are unknown there, so only the compiled modules' own errors count (``mypy`` in CI
# checks the whole package with every dependency installed).
MYPY_CONFIG = """[mypy]
python_version = 3.11
ignore_missing_imports = True
follow_imports = silent
"""


class MypycBuildHook(BuildHookInterface):
    """Compile ``sanctions_graph/extract/*.py`` into the wheel as C extensions."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile in a temporary folder; add the extensions to the wheel."""
        self._workdir: str | None = None
        if self.target_name != "wheel" or version == "editable" or os.environ.get(SKIP_ENV):
            return
        self._workdir = tempfile.mkdtemp(prefix="sanctions-graph-mypyc-")
        work = Path(self._workdir)
        shutil.copytree(
            Path(self.root) / "src" / "sanctions_graph",
            work / "sanctions_graph",
            ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd"),
        )
        (work / "mypy.ini").write_text(MYPY_CONFIG, encoding="utf-8")
        modules = sorted(
            str(path.relative_to(work))
            for path in (work / COMPILED_PACKAGE).glob("*.py")
            if path.name not in PURE_MODULES
        )
        result = subprocess.run(
            [sys.executable, "-m", "mypyc", "--config-file", "mypy.ini", *modules],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
            self.app.display_warning(
                "sanctions-graph: mypyc could not compile the extraction rules; building a "
                f"pure-Python wheel (extraction will be slower).\n{tail}"
            )
            return
        extensions = [
            path
            for path in work.rglob("*")
            if path.suffix in (".so", ".pyd") and "build" not in path.relative_to(work).parts
        ]
        for path in extensions:
            build_data["force_include"][str(path)] = str(path.relative_to(work))
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the temporary build folder once the wheel is written."""
        workdir = getattr(self, "_workdir", None)
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)
