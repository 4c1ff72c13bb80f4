"""sanctions-graph: a knowledge graph of sanctions and geopolitics with evidence for every fact."""

__version__ = "0.1.0"
