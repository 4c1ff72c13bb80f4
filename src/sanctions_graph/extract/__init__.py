"""Article -> facts: sentences, mentions, relation patterns, dates, modality.

Pure functions: no store access, no printing. ``extract_document`` is the entry point.
"""
