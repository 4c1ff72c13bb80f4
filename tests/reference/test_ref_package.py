"""The reference package stays light to import: extraction uses it without the RDF stack."""

from __future__ import annotations

import subprocess
import sys


def test_import_and_lookup_do_not_load_rdf_libraries() -> None:
    code = (
        "import sys\n"
        "import sanctions_graph.reference as r\n"
        "assert r.resolve_actor('DPRK') == 'PRK'\n"
        "assert r.gazetteer()\n"
        "print(sorted(m for m in ('rdflib', 'pyoxigraph') if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
