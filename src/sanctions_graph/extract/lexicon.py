"""Word lists the relation rules use: triggers by lemma, goods, domains, function words.

Everything here is about English news language in general (CAMEO's verb dictionaries are the
model), never about the wording of one article. Words are lemmas unless stated otherwise.
"""

from __future__ import annotations

from typing import Final


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (word lists are written as prose blocks)."""
    return frozenset(text.split())


#: Trigger lemma -> rule category (see ``relations``). A lemma may have a verb and a noun reading.
VERB_TRIGGERS: Final[dict[str, str]] = {
    **dict.fromkeys(["meet", "confer"], "meet"),
    **dict.fromkeys(["visit", "tour"], "visit"),
    **dict.fromkeys(["arrive", "travel", "fly", "head", "leave", "depart", "land"], "arrive"),
    **dict.fromkeys(["welcome", "greet", "host", "receive"], "host"),
    **dict.fromkeys(["sign", "ink", "conclude", "seal", "forge"], "sign"),
    **dict.fromkeys(["agree"], "agree"),
    **dict.fromkeys(["cooperate", "collaborate", "partner"], "cooperate"),
    **dict.fromkeys(["train"], "train"),
    **dict.fromkeys(
        [
            "supply",
            "provide",
            "deliver",
            "send",
            "ship",
            "transfer",
            "sell",
            "export",
            "give",
            "furnish",
            "equip",
            "arm",
            "assist",
            "help",
            "aid",
            "smuggle",
        ],
        "give",
    ),
    **dict.fromkeys(["obtain", "acquire", "import", "buy", "purchase"], "get"),
    **dict.fromkeys(
        ["support", "back", "endorse", "praise", "hail", "thank", "commend", "applaud", "laud"],
        "support",
    ),
    **dict.fromkeys(
        [
            "criticize",
            "criticise",
            "condemn",
            "accuse",
            "blame",
            "denounce",
            "slam",
            "rebuke",
            "censure",
            "castigate",
            "deplore",
            "decry",
            "lambast",
            "lambaste",
        ],
        "criticize",
    ),
    **dict.fromkeys(["fight"], "fight"),
    **dict.fromkeys(["threaten", "warn"], "threaten"),
    **dict.fromkeys(["stand", "side"], "stand"),
    **dict.fromkeys(["violate", "breach", "flout", "evade", "circumvent"], "violate"),
    **dict.fromkeys(
        ["invade", "attack", "bomb", "strike", "shell", "destroy", "occupy", "annex"], "attack"
    ),
    **dict.fromkeys(
        ["sanction", "designate", "blacklist", "penalize", "penalise", "ban", "bar"], "sanction"
    ),
}
NOUN_TRIGGERS: Final[dict[str, str]] = {
    **dict.fromkeys(
        ["meeting", "meet", "talk", "talks", "summit", "negotiation", "consultation"], "meet"
    ),
    **dict.fromkeys(["visit", "trip", "tour"], "visit"),
    **dict.fromkeys(
        [
            "cooperation",
            "co-operation",
            "partnership",
            "tie",
            "ties",
            "relation",
            "relations",
            "collaboration",
            "alliance",
            "trade",
        ],
        "cooperation",
    ),
    **dict.fromkeys(["exercise", "drill", "manoeuvre", "maneuver", "wargame"], "drill"),
    **dict.fromkeys(
        [
            "supply",
            "delivery",
            "shipment",
            "transfer",
            "sale",
            "export",
            "provision",
            "assistance",
            "aid",
            "help",
            "loan",
            "credit",
            "grant",
        ],
        "give",
    ),
    **dict.fromkeys(["support", "solidarity", "backing"], "support"),
    **dict.fromkeys(["criticism", "condemnation"], "criticize"),
    **dict.fromkeys(["threat", "ultimatum"], "threaten"),
    **dict.fromkeys(
        [
            "war",
            "invasion",
            "aggression",
            "attack",
            "offensive",
            "assault",
            "bombing",
            "occupation",
            "annexation",
            "strike",
            "bombardment",
        ],
        "war",
    ),
    **dict.fromkeys(["sanction", "sanctions", "embargo", "penalty"], "sanction"),
}
#: Lemmas that are only nouns in this domain (no verb reading to check).
NOUN_ONLY: Final = frozenset(
    {"meeting", "talks", "summit", "negotiation", "consultation", "trip", "cooperation",
     "co-operation", "partnership", "tie", "ties", "relation", "relations", "collaboration",
     "alliance", "delivery", "shipment", "sale", "provision", "assistance", "solidarity",
     "backing", "criticism", "condemnation", "threat", "ultimatum", "war", "invasion",
     "aggression", "offensive", "assault", "bombing", "occupation", "annexation", "embargo",
     "penalty", "exercise", "drill", "manoeuvre", "maneuver", "wargame", "bombardment"}
)  # fmt: skip

#: Verbs that take an event noun as object and lend it their subject ("promised support",
#: "imposed sanctions", "began talks", "wrapped up a visit").
LIGHT_VERBS: Final = _words(
    """
    promise vow pledge express voice offer extend reaffirm declare announce begin hold have
    start conclude sign ink seal issue impose adopt endorse approve unveil introduce launch
    level slap expand deepen boost strengthen increase discuss reach make conduct carry wrap
    enable continue seek plan highlight pay resume step tighten renew forge show stage
    complete end finish kick open mark celebrate intensify broaden bolster cement upgrade
    solidify raise lift double grow keep maintain
    """
)
#: Determiners and adjectives that may stand between a possessor or light verb and its noun.
NOUN_LEFT: Final = _words(
    """
    the a an its his her their our this that these those 's ’s full new further military
    economic financial first latest recent fresh heavy extended lavish strong unwavering
    total complete official state two-day three-day one-on-one bilateral joint strategic
    comprehensive mutual close closer deep deeper growing expanding alleged illegal full-
    scale large-scale brutal unprovoked continued ongoing wide-reaching sweeping tough harsh
    punishing crippling additional more further-reaching western international unilateral
    multilateral sectoral technical technological nuclear weapons arms naval air defence
    defense security trade energy oil gas 20-year 10-year 25-year long-term landmark
    historic much-anticipated planned upcoming unprecedented massive major key
    """
)
_BE: Final = frozenset({"be", "is", "was", "were", "are", "been", "being", "'s", "’s", "am"})
BE_FORMS: Final = _BE
ADVERBS: Final = _words(
    """
    personally already also formally officially reportedly allegedly again still now then
    just recently previously directly jointly further later once subsequently not never
    consistently repeatedly quickly swiftly publicly strongly sharply likely
    """
)
PREPOSITIONS: Final = _words(
    """
    in on at for to with from against of by between about over into toward towards among
    under via after before during amid since through across upon within outside
    """
)
#: Nouns that make a demonym a participant ("the Russian army") rather than a mere modifier
#: ("Russian LNG", "European security").
ACTOR_NOUNS: Final = _words(
    """
    government governments army armies military forces force troops navy people leadership
    authorities authority regime officials official delegation delegations diplomats side
    president leader leaders state counterpart counterparts ministry minister foreign
    capital personnel allies ally partners partner administration parliament lawmakers
    soldiers companies company firms firm entities banks bank nationals citizens envoy
    envoys embassy intelligence giant maker manufacturer producer operator exporter group
    conglomerate warships warship submarines units sailors pilots commanders
    corporation agency airline airlines carrier carriers shipbuilder ministry
    """
)

#: Goods by kind, for transfer events (lemmas).
ARMS: Final = _words(
    """
    munition munitions weapon weapons arm arms missile missiles shell shells drone drones
    ammunition rocket rockets artillery tank tanks gun guns rifle rifles bomb bombs warhead
    warheads ordnance uav uavs launcher launchers armament armaments warship warships jet
    jets fighter fighters helicopter helicopters howitzer howitzers grenade grenades mortar
    mortars materiel interceptor interceptors torpedo torpedoes explosive explosives
    """
)
TECH: Final = _words(
    """
    technology technologies know-how expertise programme program programs programmes
    blueprint blueprints design designs satellite satellites component components
    microelectronics chip chips semiconductor semiconductors reactor enrichment spare
    parts technicians engineers
    """
)
ECONOMIC: Final = _words(
    """
    oil fuel gas grain food wheat aid assistance money cash loan loans credit credits
    fertiliser fertilizer medicine medicines petroleum diesel gasoline crude electricity
    humanitarian investment investments funds funding rice flour sugar coal lng
    """
)
#: Vehicles: a sale of tankers or aircraft is not in itself aid (arms words are checked first).
VEHICLES: Final = frozenset(
    ["tanker", "tankers", "vessel", "vessels", "ship", "ships", "aircraft", "plane", "planes"]
)
#: Domain words for cooperation events.
MILITARY_DOMAIN: Final = _words(
    """
    military defence defense army armed weapon weapons missile missiles arms security troops
    naval navy drill drills exercise exercises war munitions ammunition drone drones nuclear
    """
)
ECONOMIC_DOMAIN: Final = _words(
    """
    economic economy trade energy oil gas financial finance investment investments tourism
    petrochemical refinery refineries banking business industrial agricultural agriculture
    commercial infrastructure transport commerce export exports import imports sugar wheat
    fuel market markets currency payment payments petroleum mining
    """
)
#: Nouns of agreements ("signed a *deal*"), to tell a signing from other uses of "sign".
AGREEMENT_NOUNS: Final = _words(
    """
    agreement agreements deal deals treaty treaties pact pacts accord accords contract
    contracts memorandum memoranda document documents declaration charter protocol protocols
    roadmap alliance partnership
    """
)
#: Words that turn "fight against ..." into criticism of policies rather than combat.
POLICY_WORDS: Final = _words(
    """
    policy policies hegemony hegemonism hegemonic hegemonistic imperialism imperialist
    unilateralism domination dictate dictates interference pressure
    """
)
#: Phrases naming a source, not a participant ("according to Russian media").
SOURCE_CUES: Final = frozenset({"according", "citing", "cited", "quoting"})
NEGATIONS: Final = frozenset({"not", "n't", "never", "no", "without"})
