"""Tokens: offsets, possessives, abbreviations, lemmas from spaCy's lookup table."""

from __future__ import annotations

from sanctions_graph.extract.tokens import lemma, tokenize


def test_tokens_split_possessives_and_keep_abbreviations_and_hyphens() -> None:
    text = "North Korea’s Kim Jong-un met the U.S.-led bloc's 14th envoy; 1.64 million"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == [
        "North", "Korea", "’s", "Kim", "Jong-un", "met", "the", "U.S.", "-", "led", "bloc",
        "'s", "14th", "envoy", ";", "1.64", "million",
    ]  # fmt: skip
    for token in tokens:
        assert text[token.start : token.end] == token.text


def test_offsets_are_shifted_into_the_document() -> None:
    token = tokenize("Iran", offset=100)[0]
    assert (token.start, token.end, token.lower, token.lemma) == (100, 104, "iran", "iran")


def test_lemmas_come_from_the_lookup_table() -> None:
    words = ["signed", "supplying", "talks", "met", "countries", "was", "greeted", "sanctions"]
    assert [lemma(w) for w in words] == [
        "sign", "supply", "talk", "meet", "country", "be", "greet", "sanction",
    ]  # fmt: skip
    assert lemma("zzyzx") == "zzyzx"
