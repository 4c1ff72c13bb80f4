"""Curated reference data shipped with the package: states, organisations, sanctions regimes."""
