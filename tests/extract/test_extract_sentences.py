"""Sentence splitting: exact offsets, abbreviations, line breaks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sanctions_graph.extract.model import Span
from sanctions_graph.extract.sentences import MAX_SENTENCE_CHARS, split_sentences

TEXT = (
    "Seoul: Kim met Putin in Pyongyang on Wednesday. The U.S. Treasury said so.\n\n"
    'Headline without stop\n"Quoted," he said. Mr. Smith left! J. Doe stayed.'
)


def test_sentences_have_exact_offsets_and_verbatim_text() -> None:
    sentences = split_sentences(TEXT)
    assert [(s.index, s.span, s.text) for s in sentences] == [
        (0, Span(0, 47), "Seoul: Kim met Putin in Pyongyang on Wednesday."),
        (1, Span(48, 74), "The U.S. Treasury said so."),
        (2, Span(76, 97), "Headline without stop"),
        (3, Span(98, 116), '"Quoted," he said.'),
        (4, Span(117, 132), "Mr. Smith left!"),
        (5, Span(133, 147), "J. Doe stayed."),
    ]
    for sentence in sentences:
        assert TEXT[sentence.span.start : sentence.span.end] == sentence.text


def test_abbreviation_before_a_capital_does_not_end_a_sentence() -> None:
    texts = [
        s.text for s in split_sentences("Sanctions by the U.S. Treasury hit Iran. Tehran replied.")
    ]
    assert texts == ["Sanctions by the U.S. Treasury hit Iran.", "Tehran replied."]


def test_closing_quote_stays_with_its_sentence() -> None:
    texts = [s.text for s in split_sentences('He said: "We will sign." Then he left.')]
    assert texts == ['He said: "We will sign."', "Then he left."]


def test_blank_text_has_no_sentences() -> None:
    assert split_sentences("  \n\n \t ") == []


@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\"'AB12")), max_size=200))
def test_every_sentence_is_a_trimmed_substring_in_order(text: str) -> None:
    previous_end = 0
    for sentence in split_sentences(text):
        assert text[sentence.span.start : sentence.span.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        assert sentence.span.start >= previous_end
        previous_end = sentence.span.end


def test_overlong_sentences_are_cut_at_clause_boundaries() -> None:
    clause = "Iran sent drones to Russia, "
    text = clause * 100  # 2,800 characters without a full stop
    sentences = split_sentences(text)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(s.text.endswith(",") for s in sentences[:-1])
    assert "".join(text[s.span.start : s.span.end] + " " for s in sentences) == text
    for sentence in sentences:
        assert text[sentence.span.start : sentence.span.end] == sentence.text


def test_text_without_spaces_is_cut_anywhere() -> None:
    spans = [s.span for s in split_sentences("x" * 2500)]
    assert spans == [Span(0, 1000), Span(1000, 2000), Span(2000, 2500)]
