"""Article -> facts: sentences, mentions, persons, relation patterns, dates, modality.

Pure functions: no store access, no printing. ``extract_document`` is the entry point.

The pipeline, one module per step:

- ``tokens``: regex tokens with character offsets and lemmas from spaCy's English lookup table
  (spacy-lookups-data); no spaCy pipeline is loaded, the rules only need lemmas.
- ``sentences``: sentences with exact offsets (the evidence quote is ``text[start:end]``).
- ``mentions``: states and organisations from the reference gazetteer (names, aliases,
  demonyms, capitals, metonyms, acronyms).
- ``persons``: persons with role and state, merged across spellings; leaders from the reference
  data.
- ``units``: per sentence, the participants the rules see: titled persons merged, coordinated
  actors grouped, references ("the two countries", "its", "he", "the North") resolved.
- ``relations``: trigger lemmas (``lexicon``) with argument frames -> events with actor and
  targets by role.
- ``modality`` and ``dates``: how the sentence commits to the event, and when it happened.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Final

from sanctions_graph.extract.dates import DateMention, find_dates, resolve
from sanctions_graph.extract.mentions import Gazetteer, default_gazetteer, find_mentions
from sanctions_graph.extract.modality import CONFIDENCE_FACTOR, is_reported, modality
from sanctions_graph.extract.model import (
    Document,
    EventFact,
    EventType,
    Extraction,
    Mention,
    Modality,
    Sentence,
)
from sanctions_graph.extract.persons import LeaderLike, find_persons
from sanctions_graph.extract.relations import (
    GENERIC_COOPERATION,
    Candidate,
    find_events,
    trigger_positions,
)
from sanctions_graph.extract.sentences import split_sentences
from sanctions_graph.extract.tokens import Token, tokenize
from sanctions_graph.extract.units import History, build_units

__all__ = ["EXTRACTOR_NAME", "EXTRACTOR_VERSION", "extract_document"]

#: Recorded with every fact's evidence (``sg:extractor``).
EXTRACTOR_NAME: Final = "sanctions-graph rules"
#: Bump when the rules change what they extract.
EXTRACTOR_VERSION: Final = "1.0"

_COOPERATION: Final = frozenset({"MilitaryCooperation", "EconomicCooperation", GENERIC_COOPERATION})


def extract_document(
    doc: Document,
    *,
    gazetteer: Gazetteer | None = None,
    leaders: Iterable[LeaderLike] | None = None,
) -> Extraction:
    """Extract sentences, mentions, persons and events from one article.

    ``gazetteer`` and ``leaders`` default to the package's reference data.
    """
    text = doc.text
    tokens = tokenize(text)
    triggers = trigger_positions(tokens)
    sentences = split_sentences(text)
    matcher = gazetteer or default_gazetteer()
    actor_mentions = find_mentions(text, tokens, matcher)
    persons, person_mentions = find_persons(
        text, tokens, sentences, actor_mentions, doc.date, leaders
    )
    by_key = {person.key: person for person in persons}
    mentions = sorted(actor_mentions + person_mentions, key=lambda m: (m.span.start, m.span.end))
    starts = [token.start for token in tokens]
    mention_starts = [m.span.start for m in mentions]
    history = History()
    events: list[EventFact] = []
    # One pass over the whole text finds the date expressions (cheaper than per sentence).
    dates = find_dates(text, doc.date, tokens=tokens)
    date_starts = [d.start for d in dates]
    for sentence in sentences:
        span = sentence.span
        sentence_start, sentence_end = span.start, span.end
        first = bisect.bisect_left(starts, sentence_start)
        end = bisect.bisect_left(starts, sentence_end)
        local_tokens = tokens[first:end]
        low = bisect.bisect_left(mention_starts, sentence_start)
        high = bisect.bisect_left(mention_starts, sentence_end)
        local_mentions = mentions[low:high]
        if not local_mentions and not history.entries:
            continue
        low = bisect.bisect_left(triggers, first)
        high = bisect.bisect_left(triggers, end)
        if low == high:
            # No event word: only remember who was named, for references later on.
            history.remember(local_mentions, by_key, sentence.index)
            continue
        local_triggers = [index - first for index in triggers[low:high]]
        units = build_units(
            local_tokens,
            local_mentions,
            by_key,
            history,
            sentence.index,
            matcher.names,
            matcher.descriptions,
        )
        candidates = find_events(local_tokens, units, history, local_triggers)
        if candidates:
            low = bisect.bisect_left(date_starts, sentence_start)
            high = bisect.bisect_left(date_starts, sentence_end)
            events.extend(_facts(doc, sentence, local_tokens, candidates, dates[low:high]))
    actors = {m.code for m in actor_mentions}
    actors |= {person.state for person in persons if person.state}
    return Extraction(
        document=doc,
        sentences=sentences,
        mentions=mentions,
        persons=persons,
        events=_unique(events),
        actors=actors,
    )


def _facts(
    doc: Document,
    sentence: Sentence,
    tokens: list[Token],
    candidates: list[Candidate],
    dates: list[DateMention],
) -> list[EventFact]:
    """Add modality, date and confidence; settle the type of planned cooperation.

    The date is the date expression nearest the trigger in the sentence; for a planned event it
    is resolved towards the future ("will meet on Friday").
    """
    facts = []
    reported = is_reported(tokens)
    for candidate in candidates:
        mode: Modality = modality(tokens, candidate.trigger, reported=reported)
        kind = candidate.type
        if kind in _COOPERATION or kind == "AgreementSigning":
            # Planned cooperation is an intent; a purpose clause ("were there to train troops")
            # only makes an intent of cooperation the sentence gives no domain for.
            strong = mode == "Planned" and (
                kind == GENERIC_COOPERATION
                or modality(tokens, candidate.trigger, purpose=False, reported=reported)
                == "Planned"
            )
            if strong:
                kind = "IntentToCooperate"
            elif kind == GENERIC_COOPERATION:
                continue
        trigger = tokens[candidate.trigger]
        date = None
        if dates:
            nearest = min(dates, key=lambda d: abs(d.start - trigger.start))
            date = (
                resolve(nearest.text, doc.date, future=True) if mode == "Planned" else nearest.date
            )
        facts.append(
            EventFact(
                type=_event_type(kind),
                actor=candidate.actor,
                targets=list(candidate.targets),
                sentence=sentence,
                modality=mode,
                date=date,
                location=candidate.location,
                confidence=round(candidate.confidence * CONFIDENCE_FACTOR[mode], 2),
                trigger=trigger.text,
            )
        )
    return facts


def _event_type(kind: str) -> EventType:
    return kind  # type: ignore[return-value]


def _unique(events: list[EventFact]) -> list[EventFact]:
    """One fact per (type, actor, targets, sentence): several triggers may say the same."""
    seen: set[tuple[str, str, tuple[str, ...], int]] = set()
    result = []
    for event in events:
        key = (event.type, event.actor, tuple(event.targets), event.sentence.index)
        if key not in seen:
            seen.add(key)
            result.append(event)
    return result


def mentions_of(extraction: Extraction, kind: str) -> list[Mention]:
    """The mentions of one kind ("state", "organisation", "person") in an extraction."""
    return [m for m in extraction.mentions if m.kind == kind]
