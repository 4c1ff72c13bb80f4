"""Link people (and organisations) named in the news to the entities sanctions lists designate.

``link_names(store)`` matches every ``sg:Person`` / ``sg:Organization`` of an article graph
(``sg:sourceKind "article"``) against the names and aliases of every designated entity of the
same kind, and writes each match at or above ``THRESHOLD`` as a *candidate*, never a merge:

    <news person> sg:possibleMatch <listed entity> .
    <match> a sg:NameMatch ; sg:matchSubject <news person> ; sg:matchCandidate <listed entity> ;
            sg:matchScore 0.97 ; sg:matchMethod "..." .

into one named graph, ``sgid:graph/links``, rebuilt atomically on every call (the ingest
pipeline calls it after each batch), so matches follow the lists and articles in the store.

Matching (``name_score``): names are transliterated to ASCII (anyascii: Cyrillic, Greek, Arabic
script...), case-folded, split into words at spaces, hyphens, commas and dots (so "Kim Jong-un"
= "KIM JONG UN" and "PUTIN, Vladimir" = "Vladimir Putin"), and honorifics are dropped ("Mr",
"President", "Mullah", ...). Two names match word by word in any order: a word of three letters or
fewer must be equal ("Un" is not "Il", "Yo" is not "Un"), a longer word may differ by spelling
(transliteration skeletons "Aleksandr"/"Alexandr", "Sergey"/"Sergei" agree; otherwise rapidfuzz
``ratio`` >= 80 on the skeletons: "Mohammed"/"Mohammad"). Every word of the shorter name must find a
partner; the longer name may keep unmatched words only if they are long (middle names,
patronymics: "Vladimir Putin" ~ "Vladimir Vladimirovich Putin"), at a small cost each. Names of
one word never link. The score is the mean word similarity minus those costs, in 0..1.

``THRESHOLD`` = 0.9: identical word sets score 1.0, one spelling variant in a two-word name about
0.94, a missing patronymic 0.96; "Kim Jong Un" vs "Kim Jong Il" and "Kim Yo Jong" vs "Kim Jong
Un" score 0 (a short word differs), so they never link.

Blocking: only listed names sharing at least one word with some news name are scored, so the
cost grows with the news names, not with lists x news.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox

from sanctions_graph.store import Store
from sanctions_graph.vocab import RDF, RDFS, SG, SGID, SKOS, XSD
from sanctions_graph.vocab import ox as node

#: The named graph of name matches, rebuilt on every call.
GRAPH_LINKS = f"{SGID}graph/links"
#: Lowest score written as a candidate match.
THRESHOLD = 0.9
#: Lowest similarity of two long words (rapidfuzz ratio / 100) for them to pair up.
WORD_MIN = 0.8
#: Words of at most this many letters must be equal to pair up.
SHORT_WORD = 3
#: An unmatched word of the longer name must be at least this long (middle name, patronymic).
EXTRA_WORD_MIN = 5
#: Cost of each unmatched (long) word of the longer name.
EXTRA_WORD_COST = 0.04
METHOD = "sanctions-graph name matcher v1: anyascii + word alignment (rapidfuzz ratio)"

#: Titles dropped from the start of a name ("President Kim Jong Un" -> "Kim Jong Un").
HONORIFICS = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "lord", "lady", "president", "vice",
        "prime", "minister", "premier", "chairman", "chairwoman", "general", "gen", "lt",
        "col", "colonel", "major", "marshal", "admiral", "comrade", "leader", "supreme",
        "king", "queen", "prince", "princess", "sheikh", "shaikh", "sheik", "haji",
        "hajji", "hadji", "mullah", "mulla", "maulavi", "mawlawi", "maulana", "imam",
        "ayatollah", "sayyid", "hon", "honorable", "honourable", "excellency", "rev", "reverend",
    }
)

_SPLIT = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """The words a name is compared by: ASCII, case-folded, honorifics and initials' dots gone.

    "Kim Jong-un" -> ("kim", "jong", "un"); "PUTIN, Vladimir" -> ("putin", "vladimir");
    "Александр Захаров" -> ("aleksandr", "zakharov"); "Mr. Kim" -> ("kim",).
    """
    from anyascii import anyascii

    ascii_text = anyascii(name).casefold().replace("'", "").replace("`", "")
    words = [w for w in _SPLIT.split(ascii_text) if w]
    start = 0
    # Only leading titles: "He", "King" or "Major" inside a name may be the name itself.
    while start < len(words) - 1 and words[start] in HONORIFICS:
        start += 1
    return tuple(words[start:])


_DOUBLED = re.compile(r"(.)\1+")
#: Spelling differences of romanised names that carry no meaning: Aleksandr/Alexander,
#: Sergey/Sergei, Khaled/Haled, Youssef/Yusef, Mohammed/Mohamed.
_SKELETON_RULES = (("ks", "x"), ("kh", "h"), ("ph", "f"), ("ou", "u"), ("oo", "u"), ("y", "i"))


@lru_cache(maxsize=65536)
def _skeleton(word: str) -> str:
    for old, new in _SKELETON_RULES:
        word = word.replace(old, new)
    return _DOUBLED.sub(r"\1", word)


#: Similarity of two words whose skeletons agree (a transliteration variant, not identical).
SKELETON_MATCH = 0.97


def _word_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    skeleton_a, skeleton_b = _skeleton(a), _skeleton(b)
    if skeleton_a == skeleton_b:
        return SKELETON_MATCH
    if len(a) <= SHORT_WORD or len(b) <= SHORT_WORD:
        return 0.0
    from rapidfuzz.fuzz import ratio

    return ratio(skeleton_a, skeleton_b) / 100.0


def name_score(a: Iterable[str] | str, b: Iterable[str] | str) -> float:
    """Similarity of two names (strings or ``name_words`` tuples) in 0..1 (see the module)."""
    left = name_words(a) if isinstance(a, str) else tuple(a)
    right = name_words(b) if isinstance(b, str) else tuple(b)
    if len(left) < 2 or len(right) < 2:
        return 0.0
    if sorted(left) == sorted(right):
        return 1.0
    if "".join(left) == "".join(right):
        return 0.98  # the same letters split differently: "Jong-un" / "Jongun"
    short, long_ = (left, right) if len(left) <= len(right) else (right, left)
    used: set[int] = set()
    total = 0.0
    for word in short:
        best, best_index = 0.0, -1
        for index, other in enumerate(long_):
            if index in used:
                continue
            similarity = _word_similarity(word, other)
            if similarity > best:
                best, best_index = similarity, index
        if best_index < 0 or best < WORD_MIN:
            return 0.0
        used.add(best_index)
        total += best
    extra = [w for i, w in enumerate(long_) if i not in used]
    if any(len(w) < EXTRA_WORD_MIN for w in extra):
        return 0.0
    return max(0.0, total / len(short) - EXTRA_WORD_COST * len(extra))


@dataclass(frozen=True)
class Match:
    """A candidate match between a news entity and a listed entity, with the names compared."""

    subject: str
    candidate: str
    score: float
    subject_name: str
    candidate_name: str


_NEWS = f"""
SELECT DISTINCT ?s ?name ?person WHERE {{
  GRAPH ?g {{
    ?doc <{SG.sourceKind}> "article" .
    ?s a ?class .
    VALUES ?class {{ <{SG.Person}> <{SG.Organization}> <{SG.Company}> }}
    {{ ?s <{RDFS.label}> ?name }} UNION {{ ?s <{SKOS.altLabel}> ?name }}
  }}
  BIND(?class = <{SG.Person}> AS ?person)
}}"""

_LISTED = f"""
SELECT DISTINCT ?e ?name ?class WHERE {{
  ?d a <{SG.Designation}> ; <{SG.designates}> ?e .
  ?e a ?class .
  VALUES ?class {{ <{SG.Person}> <{SG.Organization}> <{SG.Company}> <{SG.Actor}> }}
  {{ ?e <{RDFS.label}> ?name }} UNION {{ ?e <{SKOS.altLabel}> ?name }}
}}"""


def find_matches(store: Store) -> list[Match]:
    """Every (news entity, listed entity) pair whose best name pair scores >= ``THRESHOLD``."""
    news: dict[tuple[bool, str], list[tuple[str, tuple[str, ...], str]]] = defaultdict(list)
    for row in store.query(_NEWS).rows:
        subject_term, name, person = row["s"], row["name"], row["person"]
        if subject_term is None or name is None:
            continue
        words = name_words(name.value)
        if len(words) < 2:
            continue
        is_person = person is not None and person.value == "true"
        for word in words:
            news[(is_person, word)].append((subject_term.value, words, name.value))
    if not news:
        return []
    best: dict[tuple[str, str], Match] = {}
    for row in store.query(_LISTED).rows:
        entity, name, cls = row["e"], row["name"], row["class"]
        if entity is None or name is None or cls is None:
            continue
        is_person = cls.value == str(SG.Person)
        words = name_words(name.value)
        candidates = {
            item for word in set(words) for item in news.get((is_person, word), ())
        }
        for subject, news_words, news_name in candidates:
            if subject == entity.value:
                continue
            score = name_score(news_words, words)
            if score < THRESHOLD:
                continue
            key = (subject, entity.value)
            current = best.get(key)
            if current is None or score > current.score:
                best[key] = Match(subject, entity.value, round(score, 4), news_name, name.value)
    return sorted(best.values(), key=lambda m: (m.subject, -m.score, m.candidate))


def match_triples(matches: Iterable[Match]) -> Iterator[ox.Triple]:
    """The links graph: ``sg:possibleMatch`` plus a reified ``sg:NameMatch`` per match."""
    double = node(str(XSD.double))
    for match in matches:
        digest = hashlib.sha256(f"{match.subject}\n{match.candidate}".encode()).hexdigest()[:24]
        reified = node(f"{SGID}match/{digest}")
        subject, candidate = node(match.subject), node(match.candidate)
        yield ox.Triple(subject, node(str(SG.possibleMatch)), candidate)
        yield ox.Triple(reified, node(str(RDF.type)), node(str(SG.NameMatch)))
        yield ox.Triple(reified, node(str(SG.matchSubject)), subject)
        yield ox.Triple(reified, node(str(SG.matchCandidate)), candidate)
        yield ox.Triple(
            reified, node(str(SG.matchScore)), ox.Literal(repr(match.score), datatype=double)
        )
        yield ox.Triple(reified, node(str(SG.matchMethod)), ox.Literal(METHOD))
        yield ox.Triple(
            reified,
            node(str(RDFS.label)),
            ox.Literal(f"{match.subject_name} ~ {match.candidate_name} ({match.score:.2f})"),
        )


def link_names(store: Store) -> int:
    """Rebuild ``sgid:graph/links`` from the store's articles and lists; return the number of
    candidate matches written."""
    matches = find_matches(store)
    store.replace_graph(GRAPH_LINKS, match_triples(matches))
    return len(matches)
