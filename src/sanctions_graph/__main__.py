"""Entry point for ``python -m sanctions_graph``."""

from sanctions_graph.cli import main

main()
