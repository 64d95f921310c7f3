"""Is a clause reporting an event that happened, and how sure is the text about it?

``read_status`` looks at the trigger word and the verbs that govern it in the spaCy parse and returns
one of the schema's modalities (asserted, claimed, denied, uncertain, planned) or a reason the clause
is no event at all (negated, hypothetical, opinion, warning, forecast, generic, history, background, or a
question).
Every decision names the cue that made it, so a user can see why a clause was dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# Verbs whose complement is a report of something the text does not assert.
CLAIM_LEMMAS = {"claim", "allege", "accuse", "insist", "charge"}
DENY_LEMMAS = {"deny", "dismiss", "refute", "reject"}
UNCERTAIN_LEMMAS = {"suspect", "believe", "appear", "seem", "unconfirmed", "rumour", "rumor"}
PLAN_LEMMAS = {"plan", "announce", "call", "schedule", "intend", "organise", "organize", "vow", "prepare", "threaten", "pledge", "decide"}
WARNING_LEMMAS = {"warn", "fear", "caution", "worry", "risk", "concern", "alarm"}
FORECAST_LEMMAS = {"expect", "predict", "forecast", "anticipate", "project", "likely", "poised"}
OPINION_LEMMAS = {"urge", "demand", "condemn", "denounce", "decry", "deplore", "oppose", "argue", "insist", "hope", "want", "need", "wish", "criticise", "criticize", "appeal", "plead", "ask"}
# Words that make the clause's own verb hypothetical or obligatory.
HYPOTHETICAL_MARKERS = {"if", "unless", "whether", "lest"}
OBLIGATION_MODALS = {"must", "should", "ought", "shall"}
CONDITIONAL_MODALS = {"would", "could"}
UNCERTAIN_MODALS = {"may", "might"}
# Proceedings about an act: "tried for", "convicted of", "sentenced over", "charged in", "trial for".
COURT_PREPOSITIONS = {"for", "of", "over", "in", "with"}
COURT_LEMMAS = {"try", "convict", "sentence", "charge", "indict", "acquit", "prosecute", "trial", "conviction", "jail", "imprison", "hang", "execute", "extradite", "guilty", "innocent", "verdict", "testify", "testimony", "compensation", "inquiry", "inquest", "probe"}
HABITUAL_ADVERBS = {"often", "usually", "frequently", "regularly", "routinely", "typically", "generally", "sometimes", "rarely", "seldom", "always", "commonly"}
GENERIC_ADJECTIVES = {"common", "rare", "frequent", "widespread", "routine", "typical", "commonplace", "endemic", "usual"}
UNCERTAIN_MODIFIERS = {"suspected", "possible", "apparent", "presumed", "probable", "unconfirmed"}
UNCERTAIN_ADVERBS = {"reportedly", "possibly", "apparently", "purportedly", "probably", "perhaps", "presumably"}
CLAIMED_ADVERBS = {"allegedly", "supposedly"}
NEGATION_WORDS = {"not", "n't", "never", "no", "neither", "nor", "without"}
HISTORY_WORDS = re.compile(
    r"\b(?:(?:years|decades|centuries) ago|in the (?:19|20)\d0s|history|historically|since (?:19|20)\d\d|"
    r"(?:over|in|during) the (?:past|last) (?:\w+ )?(?:years|decades|decade)|so far this year|"
    r"(?:has|have) (?:so far )?(?:killed|left) (?:more than|over)|civil war that)\b",
    re.I,
)
YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
# A report declared false ("the report that ... is unfounded", "reports of an attack were baseless").
DENIAL_PREDICATES = re.compile(
    r"\b(?:is|was|are|were|be|been) (?:absolutely |totally |completely |entirely )?"
    r"(?:unfounded|baseless|false|untrue|groundless|fabricated|a fabrication|a lie)\b",
    re.I,
)
# Running totals ("840 terrorists have been killed as of today", "since the party was founded, 1,000 of
# its members have been murdered") sum many acts over a period: background, not one event. Only for a
# present-perfect clause: "since Tuesday" with a past verb may still date one act.
CUMULATIVE_MARKERS = {"since", "so far", "as of", "to date", "in all", "altogether", "in total"}
# Plural act nouns without anything that makes them specific (a number, a determiner, a possessive,
# a date or place in their phrase) name a kind of act: "terrorist raids", "political murders",
# "indiscriminate bombings" — generic references, unless the clause anchors them in time.
GENERIC_PLURAL_ANCHORS = {"DATE", "TIME", "CARDINAL", "GPE", "LOC", "FAC"}


LAST_YEAR = re.compile(r"\b(?:last|previous) year\b", re.I)


def _last_year(trigger, chain) -> str | None:
    """'last year' in the trigger's own clause ("was shot dead last year"), not in another clause of the
    sentence ("announced it will return weapons seized last year" keeps the announcement)."""
    verb = next((t for t in chain[:3] if t.pos_ in ("VERB", "AUX")), trigger)
    clause = [t for t in verb.subtree if not (t.dep_ in ("ccomp", "advcl", "relcl", "acl", "xcomp", "conj") and t is not verb)
              and all(a is verb or a.dep_ not in ("ccomp", "advcl", "relcl", "acl", "xcomp", "conj") for a in t.ancestors
                      if a.i in range(verb.left_edge.i, verb.right_edge.i + 1) and verb in a.ancestors)]
    match = LAST_YEAR.search(" ".join(t.text for t in clause if not t.is_space))
    return match.group(0).lower() if match else None


def _flat(sentence) -> str:
    """The sentence's words joined by single spaces: wire copy breaks lines inside a sentence ("LAST\nYEAR")."""
    return " ".join(sentence.text.split())


@dataclass(frozen=True)
class Status:
    """What a clause says about its event: a modality, or why it is not an event."""

    modality: str | None  # asserted, claimed, denied, uncertain, planned; None when not an event
    reason: str  # the cue that decided

    @property
    def is_event(self) -> bool:
        return self.modality is not None


def _governors(token, limit: int = 4):
    """The trigger, then the verbs above it, nearest first (stops at the sentence root)."""
    seen = [token]
    cur = token
    for _ in range(limit):
        if cur.head is cur:
            break
        cur = cur.head
        seen.append(cur)
    return seen


def _children_lower(tok) -> list[str]:
    return [c.lower_ for c in tok.children]


def _own_years(tok):
    """Year tokens in the modifiers of ``tok`` (not in its clausal complements)."""
    out = []
    for child in tok.children:
        if child.dep_ in ("ccomp", "xcomp", "advcl", "relcl", "conj", "parataxis", "nsubj", "nsubjpass", "dobj"):
            continue
        for t in child.subtree:
            if YEAR.fullmatch(t.text) and t.ent_type_ == "DATE":
                out.append(t)
    return out


def _condition(verb) -> str | None:
    """The conditional clause of a future verb ("if this continues, we will have ..."): its marker."""
    for child in verb.children:
        if child.dep_ == "advcl":
            for g in child.children:
                if g.dep_ == "mark" and g.lower_ in HYPOTHETICAL_MARKERS:
                    return g.lower_
    return None


# Words of a date that make a "since ..." spell long: "since the start of the year", "since January".
LONG_SPELL_WORDS = {"year", "years", "month", "months", "decade", "decades", "january", "february", "march",
                    "april", "june", "july", "august", "september", "october", "november", "december"}


def _cumulative(chain) -> str | None:
    """A running total: a present-perfect verb over the trigger counted 'since' something or 'as of' a day."""
    for tok in chain[:3]:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if not aux & {"has", "have"}:
            return None
        # "840 have been killed and 558 have been wounded as of today": the count may close the last conjunct.
        conjuncts = [c for c in tok.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
        for child in [*tok.children, *(g for c in conjuncts for g in c.children)]:
            if child.lower_ == "since" and child.dep_ == "mark":
                return "since"
            if child.lower_ == "since" and child.dep_ == "prep":
                # "since 1984", "since the war began" count a long period; "since Monday" one recent spell.
                days = [t for t in child.subtree if t.ent_type_ in ("DATE", "TIME")]
                if not days or any(YEAR.fullmatch(t.text) or t.lower_ in LONG_SPELL_WORDS for t in days):
                    return "since"
            if child.dep_ == "advcl" and any(g.lower_ == "since" and g.dep_ == "mark" for g in child.children):
                return "since"
            if child.dep_ == "prep" and child.lower_ == "as" and any(g.lower_ == "of" for g in child.children):
                return "as-of"
            if child.dep_ == "prep" and child.lower_ == "of" and child.i > 0 and child.doc[child.i - 1].lower_ == "as":
                return "as-of"
        return None
    return None


def _generic_plural(trigger, sentence) -> bool:
    """A bare plural act noun in a prepositional phrase, in a sentence with no date: a kind of act
    ("responsible for political murders", "a country that suffers from kidnappings")."""
    if trigger.tag_ not in ("NNS", "NNPS") or trigger.dep_ not in ("pobj", "conj") or trigger.lower_ in PLURAL_ONLY:
        return False
    if trigger.dep_ == "conj" and trigger.head.dep_ != "pobj":
        return False
    if any(c.dep_ in ("det", "nummod", "poss") for c in trigger.children):
        return False
    if any(t.like_num for t in trigger.subtree):
        return False
    if any(e.label_ in ("DATE", "TIME") for e in sentence.ents):
        return False
    # "killed in clashes", "died in attacks": the preposition hangs from the report of the act itself.
    from .detect import load_triggers, _lemma

    noun = trigger.head if trigger.dep_ == "conj" else trigger
    prep = noun.head
    if _lemma(prep.head) in load_triggers():
        return False
    # Only where the sentence itself speaks of kinds: a property ("responsible for", "guilty of") or the
    # simple present ("the country suffers from bombings"); "losses in raids by the army" reports raids.
    root = sentence.root
    if prep.head.pos_ == "ADJ":
        return True
    # A headline (no closing stop) tells past events in the simple present: "They leave a bag with remains".
    headline = not sentence.text.rstrip().endswith((".", "!", "?", '"', "'", "\u201d"))
    return not headline and root.tag_ in ("VBZ", "VBP") and not any(e.label_ == "CARDINAL" for e in sentence.ents)


# Background told in the perfect or progressive aspect over a long period: "has battled armed groups despite
# years of campaigns", "has a record of organising protests", "has retaken most areas once held by rebels",
# "were adapting their tactics to avoid air strikes". No single act, place or day is reported.
PERIOD_NOUNS = {"year", "decade", "month", "generation", "century"}
RECORD_NOUNS = {"record", "history", "tradition", "pattern", "habit"}
LONG_PERIOD = re.compile(r"\b(?:(?:years|decades|months) of|for (?:many )?(?:years|decades|months)|for (?:more than |over )?a decade)\b", re.I)
AVOIDANCE_LEMMAS = {"avoid", "evade", "escape", "dodge", "withstand", "survive", "deter", "outlast"}
QUANTIFIERS = {"most", "many", "several", "some", "all", "much"}
SPECIFIC_TIME = re.compile(r"\b(?:years|decades|months|recent|past|decade|long)\b", re.I)


def _aspect(verb) -> str | None:
    """'perfect' for has/have + participle, 'progressive' for be + -ing, else None."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"has", "have", "'ve"}:
        return "perfect"
    if verb.tag_ == "VBG" and aux & {"was", "were", "is", "are", "'re"}:
        return "progressive"
    # "has a record of ...": the possession verb itself in the present.
    if verb.lemma_ == "have" and verb.tag_ in ("VBZ", "VBP"):
        return "perfect"
    return None


# Verbs that tell how a kind of act changes over time: "attacks have increased this year", "protests have
# spread across the country since January". A trend, not an act with a place and a day.
TREND_LEMMAS = {"increase", "grow", "spread", "intensify", "escalate", "rise", "surge", "mount", "multiply",
                "decline", "decrease", "drop", "fall", "subside", "worsen", "become", "continue"}
# What a long campaign is waged to do: "has battled to contain armed groups", "has struggled to curb".
CAMPAIGN_AIMS = {"contain", "curb", "stem", "end", "defeat", "quell", "control", "tackle", "suppress", "crush",
                 "rein", "eradicate", "combat", "counter"}
PERIOD_WORDS = re.compile(r"\b(?:years?|months?|decades?|weeks?|recent|past|since|season)\b", re.I)


def _names_a_day(sentence) -> bool:
    """A date or time of the sentence names a day or an hour, not a period ('on Monday', 'last night')."""
    return any(e.label_ in ("DATE", "TIME") and not PERIOD_WORDS.search(e.text) for e in sentence.ents)
# "Most of those killed", "many of the people arrested": the victims of acts told elsewhere, or a class.
VICTIM_HEADS = {"those", "people", "ones", "others"}
KIN_NOUNS = {"widow", "widower", "relative", "family", "mother", "father", "orphan", "parent", "wife", "husband",
             "son", "daughter", "brother", "sister", "kin", "child", "descendant"}
VICTIM_NOUNS = {"wounded", "dead", "injured", "killed", "missing", "deceased"}


def _victims_reference(trigger) -> str | None:
    """The trigger names victims, not an act: 'most of those killed were farmers', 'the wounded were
    treated at a clinic'. The act is told elsewhere in the article (or is a class of acts)."""
    if trigger.dep_ == "acl" and trigger.head.lower_ in VICTIM_HEADS:
        of = trigger.head.head
        if trigger.head.dep_ == "pobj" and of.lower_ == "of" and (of.head.lower_ in QUANTIFIERS | {"half", "majority", "none", "few"}
                                                                 or of.head.like_num):
            return "those-of"
    # "the widows of men murdered by ...", "relatives of tortured and captured persons": the people named
    # are the victims' kin, and the act is told elsewhere (or long ago).
    if trigger.dep_ in ("acl", "amod"):
        person = trigger.head
        if person is not None and person.dep_ == "pobj" and person.head.lower_ == "of" and \
                person.head.head.lemma_.lower() in KIN_NOUNS:
            return "kin"
    # "The wounded were treated": a participle used as a noun (the tagger may call it a verb).
    if trigger.lower_ in VICTIM_NOUNS and trigger.dep_ in ("nsubj", "nsubjpass"):
        dets = [c for c in trigger.children if c.dep_ == "det"]
        if dets and dets[0].lower_ == "the" and not any(c.like_num or c.dep_ == "nummod" for c in trigger.children):
            return "the"
    return None


def _background(trigger, chain, sentence) -> str | None:
    """The cue that makes the clause background (a habit, a long campaign, a state reached over years), or None."""
    # A bare plural act noun as what a practice is meant to avoid: "adapting to avoid air strikes".
    if trigger.tag_ == "NNS" and trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in AVOIDANCE_LEMMAS:
        if not any(c.dep_ in ("det", "nummod", "poss") for c in trigger.children):
            if not any(t.ent_type_ in GENERIC_PLURAL_ANCHORS for t in trigger.subtree):
                return "generic-object"
    # A kind of act as the subject of a change over time, in the perfect: "attacks have increased".
    if not _names_a_day(sentence) and trigger.tag_ in ("NNS", "NNPS") and trigger.dep_ == "nsubj" and trigger.head.lemma_.lower() in TREND_LEMMAS:
        if _aspect(trigger.head) == "perfect" and not any(c.dep_ in ("det", "nummod", "poss") and c.lower_ not in ("the",)
                                                          for c in trigger.children):
            return "trend"
    for anc in trigger.ancestors:
        if anc.dep_ == "prep" and anc.lower_ == "of" and anc.head.lemma_.lower() in RECORD_NOUNS:
            return "record-of"
        if anc.dep_ == "prep" and anc.lower_ == "of" and anc.head.lemma_.lower() in PERIOD_NOUNS and anc.head.tag_ == "NNS":
            return "years-of"
        if anc.dep_ in ("ccomp", "ROOT"):
            break
    if any(e.label_ in ("DATE", "TIME") and not SPECIFIC_TIME.search(e.text) for e in sentence.ents):
        return None
    verb = next((t for t in chain if t.pos_ in ("VERB", "AUX") and _aspect(t)), None)
    if verb is None:
        return None
    clause = list(verb.subtree)
    if LONG_PERIOD.search(_flat(sentence)):
        return "years-of"
    for tok in clause:
        if tok.lower_ == "once" and tok.dep_ == "advmod" and tok.head.tag_ in ("VBN", "VBD"):
            return "once-held"
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if obj.tag_ == "NNS" and any(c.lower_ in QUANTIFIERS and c.dep_ in ("amod", "det") for c in obj.children):
            return "most"
        if obj.lemma_ == "control":
            inner = next((g for g in obj.children if g.dep_ == "prep" and g.lower_ == "of"), None)
            target = next((g for g in inner.children if g.dep_ == "pobj"), None) if inner is not None else None
            if target is not None and target.tag_ == "NNS" and any(c.lower_ in QUANTIFIERS for c in target.children):
                return "most"
    if _names_a_day(sentence):
        return None  # "clashes have intensified since Monday", "troops have fought on Tuesday to ..."
    # A campaign waged over time: "has battled to contain armed groups despite repeated operations".
    if trigger.pos_ == "VERB" and _aspect(trigger) == "perfect" and any(
        c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in CAMPAIGN_AIMS
        and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in trigger.children
    ):
        return "campaign"
    return None


# "Harshly attacked the president", "sharply criticised": words, not violence.
VERBAL_ADVERBS = {"harshly", "sharply", "verbally", "bitterly", "strongly", "publicly", "fiercely", "vehemently", "openly"}
VERBAL_ATTACK_LEMMAS = {"attack", "assail", "blast", "slam", "lash"}

# Words an "attack" aims at when it is made of words: "attacked the programmes in several speeches".
SPOKEN_OBJECTS = {"program", "programme", "policy", "plan", "proposal", "idea", "decision", "law", "bill", "report",
                  "statement", "remark", "speech", "stance", "view", "initiative", "agreement", "budget",
                  "reform", "credibility", "reputation", "handling", "approach"}
SPOKEN_SETTINGS = {"speech", "statement", "interview", "article", "editorial", "communique", "letter", "debate",
                   "address", "broadcast", "column", "tweet", "post", "session", "remark", "press"}
OFFENSIVE_KINDS = {"capability", "capabilitie", "capacity", "weapon", "arm", "power", "tactic", "strategy",
                   "potential", "posture", "doctrine", "mindset", "language", "remark", "behaviour", "behavior"}
# What a thing or a group can do, not what it did: "bombs capable of mining large areas after a battle".
ABILITY_LEMMAS = {"capable", "designed"}
# A count of victims is a sum: "we counted 230 rebels killed", "monitors tallied 90 deaths".
COUNT_LEMMAS = {"count", "tally"}


def _verbal_target(trigger) -> bool:
    """An attack on something said or decided, or one made in a speech: words, not violence."""
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower().rstrip("s") in SPOKEN_OBJECTS:
            return True
        if child.dep_ == "prep" and child.lower_ in ("in", "during", "through"):
            if any(g.dep_ == "pobj" and g.lemma_.lower().rstrip("s") in SPOKEN_SETTINGS for g in child.children):
                return True
    return False


def _showing(trigger) -> bool:
    """'Demonstration' in the sense of a proof: "the clearest demonstration that the wars have ended"."""
    if any(c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
           for c in trigger.children):
        return True
    nxt = trigger.doc[trigger.i + 1] if trigger.i + 1 < len(trigger.doc) else None
    if nxt is not None and nxt.lower_ == "that":
        return True
    return any(c.dep_ in ("amod", "advmod") and c.lower_ in ("visible", "clear", "clearest", "ample", "tangible",
                                                             "concrete", "living", "practical", "further", "eloquent")
               for c in trigger.children)


# A question asks; it reports nothing ("How many rebels have died in this offensive?", an interviewer's words).
CLOSING_MARKS = "\"'\u201d\u2019)] "

# Weapons as things, not as an act: an inventory, a shipment, a cache, a trade or a unit named after them
# ("the arsenal included explosives", "a shipment of 400 cluster bombs", "youths armed with explosive devices",
# "the police bomb squad"). A weapon noun reports an attack only as what explodes, is thrown, planted or fired.
WEAPON_LEMMAS = {"bomb", "grenade", "explosive", "missile", "mine", "dynamite", "rocket", "mortar", "device", "charge", "landmine"}
INVENTORY_LEMMAS = {
    "include", "consist", "contain", "comprise", "carry", "arm", "ship", "shipment", "stock", "stockpile", "arsenal",
    "equipment", "cache", "produce", "production", "manufacture", "manufacturer", "sell", "sale", "buy", "purchase",
    "supply", "supplier", "smuggle", "smuggling", "deliver", "delivery", "possess", "possession", "store", "type",
    "quantity", "squad", "expert", "factory", "capable", "export", "import", "acquire", "trade", "trafficking", "load",
    "launcher", "materiel", "workshop", "weigh",
}

# An act named as known, as the topic of a memory, an anniversary, a reference or a legal case ("he was
# referring to the massacre of six priests", "the anniversary of the bombing", "judges handling murder cases"):
# background to what the sentence reports. Blame and responsibility ("the masterminds of the murder of X") are
# left alone: MUC-4 fills templates from such accusations, and ACLED codes a newly reported act from them.
# A speaker's memory tells the past as past: "I remember when they bombed the station", "recalled how troops
# had burned the village".
MEMORY_LEMMAS = {"remember", "recall", "recollect", "reminisce"}
AFTERMATH_LEMMAS = {"anniversary", "memory", "commemorate", "commemoration", "refer", "reference", "remember", "recall", "case"}
# Words that make a kind of act of a plural act noun ("frequent murders", "political assassinations").
GENERIC_ACT_MODIFIERS = {
    "frequent", "daily", "systematic", "selective", "constant", "repeated", "continuing", "continuous", "numerous",
    "countless", "such", "sporadic", "occasional", "political", "random", "indiscriminate", "widespread",
}
_PLACE_OR_TIME = {"DATE", "TIME", "GPE", "LOC", "FAC"}


def _habitual_present(trigger, sentence) -> bool:
    """A verb in the simple present in a sentence of prose with no day: what someone does, not what they did
    ("the criminals who attack the civilian population", "they kill our people"). Headlines, which tell past
    events in the present ("Gunmen kill five in Juarez"), have no closing stop and are left alone."""
    if trigger.tag_ not in ("VBP", "VBZ") or any(c.dep_ in ("aux", "auxpass") for c in trigger.children):
        return False
    if not sentence.text.rstrip(CLOSING_MARKS).endswith("."):
        return False
    return not any(e.label_ in ("DATE", "TIME") for e in sentence.ents)


def _is_question(sentence) -> bool:
    return sentence.text.rstrip(CLOSING_MARKS).endswith("?")


def _weapon_inventory(trigger) -> bool:
    """A weapon noun in an inventory, trade or unit name, not in the report of its use."""
    if trigger.pos_ not in ("NOUN", "PROPN", "ADJ") or trigger.lemma_.lower() not in WEAPON_LEMMAS:
        return False
    tok = trigger
    for _ in range(4):
        if tok.head is tok:
            return False
        if tok.dep_ not in ("compound", "amod", "pobj", "prep", "dobj", "conj", "appos", "nsubjpass", "nsubj", "attr", "acl"):
            return False
        tok = tok.head
        if tok.lemma_.lower() in INVENTORY_LEMMAS or tok.lower_ in INVENTORY_LEMMAS:
            return True
    return False


def _aftermath_reference(trigger, sentence) -> str | None:
    """An act noun named as known, hanging from a word of memory, anniversary, reference or legal case."""
    if trigger.pos_ not in ("NOUN", "PROPN") and trigger.tag_ != "VBG":
        return None
    if any(e.label_ in ("DATE", "TIME") for e in sentence.ents):
        return None  # "the 18 August attack", "justice for Monday's killings": a dated act is reported
    tok = trigger
    for _ in range(4):
        if tok.head is tok or tok.dep_ not in ("pobj", "prep", "poss", "conj", "compound", "dobj", "appos"):
            return None
        tok = tok.head
        lemma = tok.lemma_.lower()
        if lemma in AFTERMATH_LEMMAS:
            return lemma
    return None


def _generic_kind(trigger, sentence) -> bool:
    """Act nouns that name kinds of act: a bare plural with a modifier of kind or frequency ("frequent murders",
    "indiscriminate bombings"), or a list of bare act nouns ("torture, murder, rape and disappearances"), in a
    sentence that anchors none of them in a day or a place."""
    if trigger.pos_ not in ("NOUN", "PROPN") or trigger.lower_ in PLURAL_ONLY:
        return False
    if any(e.label_ in _PLACE_OR_TIME for e in sentence.ents):
        return False

    def bare(tok) -> bool:
        return not any(c.dep_ in ("det", "nummod", "poss") for c in tok.children) and not any(t.like_num for t in tok.subtree)

    if not bare(trigger):
        return False
    if trigger.tag_ in ("NNS", "NNPS") and {c.lower_ for c in trigger.children if c.dep_ == "amod"} & GENERIC_ACT_MODIFIERS:
        return True
    first = trigger
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    members = [first] + [t for t in first.subtree if t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN")]
    return len(members) >= 3 and all(bare(m) for m in members) and all(t.pos_ in ("NOUN", "PROPN") for t in members)


REFERENCE_DETERMINERS = {"the", "this", "that", "these", "those"}
# Plural in form, one thing in meaning ("human remains").
PLURAL_ONLY = {"remains", "arms", "troops"}
# Words whose phrase reports the act's outcome ("the death toll from the bombing rose to 40").
OUTCOME_NOUNS = {"toll", "victim", "casualty", "dead", "death", "injured", "wounded", "survivor", "body", "number"}


def _definite_reference(trigger) -> bool:
    """An act noun named as something known, in a phrase hanging from a word that reports no act
    ("in the aftermath of the riots", "the complicity in the rioting", "appeal after the massacre"):
    a reference to an event told elsewhere (or long known), not the report of one."""
    if trigger.pos_ not in ("NOUN", "PROPN") or trigger.dep_ != "pobj":
        return False
    if not any(c.dep_ == "det" and c.lower_ in REFERENCE_DETERMINERS for c in trigger.children):
        return False
    # "the killing of the mayor", "the Godhra massacre", "the 18 August attack": an argument, a name or a
    # date makes the reference a specific act, which MUC-4 and ACLED both count; "the riots" does not.
    if any(c.dep_ not in ("det", "amod") or c.ent_type_ for c in trigger.children):
        return False
    from .detect import load_triggers, _lemma

    table = load_triggers()
    prep = trigger.head
    governor = prep.head
    # "killed in the attack", "arrested over the riots": the phrase belongs to the report of an act.
    if _lemma(governor) in table or governor.lower_ in table or _lemma(governor) in OUTCOME_NOUNS:
        return False
    return not any(_lemma(t) in table for t in governor.subtree if t.pos_ == "VERB" and t is not trigger)


# A subject that no one fills: "no priest has ever been murdered", "nobody was kidnapped".
EMPTY_SUBJECTS = {"nobody", "none", "noone"}


def _empty_subject(chain) -> str | None:
    """The trigger's clause has a subject quantified by 'no' (or 'nobody', 'none'): nothing happened to anyone.
    Conjoined verbs share the subject of the first ("no priest has been jailed, murdered or exiled")."""
    verbs = []
    for tok in chain[:3]:
        verbs.append(tok)
        if tok.dep_ != "conj":
            break
    for verb in verbs:
        for child in verb.children:
            if child.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if child.lower_ in EMPTY_SUBJECTS or any(g.dep_ == "det" and g.lower_ == "no" for g in child.children):
                return "no"
    return None


# Accidents are no political violence (ACLED's codebook leaves them out): "a plane crashed, killing three
# crewmen", "died when their bus overturned", "killed in a road accident".
ACCIDENT_LEMMAS = {"crash", "collide", "collision", "overturn", "capsize", "derail", "accident", "drown",
                   "earthquake", "flood", "landslide", "avalanche", "mishap", "electrocute", "stampede"}
DEATH_LEMMAS = {"kill", "killing", "die", "dead", "death", "injure", "wound", "drown"}


def _accident(trigger, chain) -> str | None:
    """A death or injury caused by an accident named in its own clause."""
    from .detect import _lemma

    if _lemma(trigger) not in DEATH_LEMMAS:
        return None
    for tok in chain[:3]:
        if _lemma(tok) in ACCIDENT_LEMMAS:
            return _lemma(tok)
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass") and _lemma(child) in ACCIDENT_LEMMAS:
                return _lemma(child)
            if child.dep_ == "advcl":  # "died when their truck overturned"
                accident = next((_lemma(t) for t in child.subtree if _lemma(t) in ACCIDENT_LEMMAS), None)
                if accident:
                    return accident
            if child.dep_ == "prep" and child.lower_ in ("in", "after", "during", "from"):
                for g in child.children:
                    if g.dep_ == "pobj" and (_lemma(g) in ACCIDENT_LEMMAS or any(
                            _lemma(c) in ACCIDENT_LEMMAS for c in g.children if c.dep_ == "compound")):
                        return _lemma(g)
    return None


# A rate is no act: "killings averaging four a day", "two kidnappings per week".
RATE = re.compile(r"\baverag\w*\b|\b(?:per|each|every) (?:day|week|month|year)\b|"
                  r"\ba (?:day|week|month|year)\b(?! (?:earlier|later|before|after|ago|long))", re.I)
# Vague large numbers of victims in the perfect sum many acts: "hundreds of peasants who have been murdered".
VAGUE_MULTITUDES = {"hundreds", "thousands", "millions", "scores", "tens"}
# What a measure or a plea is meant to stop: a kind of act ("measures aimed at stopping kidnappings", "stop
# the repression, kidnapping and torture", "the campaign against kidnappings").
PREVENTION_LEMMAS = {"stop", "prevent", "end", "halt", "combat", "curb", "eradicate", "reduce", "tackle",
                     "eliminate", "ban", "outlaw", "punish", "cease"}
MEASURE_NOUNS = {"measure", "campaign", "fight", "struggle", "law", "legislation", "policy", "plan", "strategy",
                 "programme", "program", "crusade", "war"}


def _first_conjunct(tok):
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def _tally(trigger, chain, sentence) -> str | None:
    """A rate, a vague multitude of victims in the perfect, or an act told 'this year' in the perfect: a sum."""
    window = trigger.doc[trigger.i : min(trigger.i + 8, sentence.end)]
    if trigger.tag_ in ("NNS", "NNPS") and RATE.search(" ".join(t.text for t in window)):
        return "rate"
    verb = next((t for t in chain[:3] if t.pos_ in ("VERB", "AUX") or t.tag_ in ("VBN", "VBD")), None)
    if verb is None:
        return None
    # "have been murdered, kidnapped and tortured": the aspect may sit on the first conjunct only
    if "perfect" not in (_aspect(verb), _aspect(_first_conjunct(verb))):
        return None
    before = [t for t in sentence if t.i < trigger.i]
    passive = any(c.dep_ == "auxpass" for v in (verb, _first_conjunct(verb)) for c in v.children)
    if passive and any(t.lower_ in VAGUE_MULTITUDES and t.nbor(1).lower_ == "of" for t in before if t.i + 1 < len(t.doc)):
        return "multitude"
    if re.search(r"\bthis year\b", _flat(sentence), re.I):
        return "this-year"
    return None


def _prevention_aim(trigger) -> str | None:
    """An act noun (or a list of them) as what a measure or a plea means to stop."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return None
    first = _first_conjunct(trigger)
    if any(c.dep_ in ("nummod", "poss") for c in first.children) or any(t.like_num for t in first.subtree):
        return None
    listed = first is not trigger or any(c.dep_ == "conj" for c in first.children)
    if not listed and (first.tag_ not in ("NNS", "NNPS") or any(c.dep_ == "det" for c in first.children)):
        return None  # "to stop the attack", "curbed the riots" name known acts; a bare plural or a list names kinds
    head = first.head
    if first.dep_ == "dobj" and head.lemma_.lower() in PREVENTION_LEMMAS:
        return head.lemma_.lower()
    if first.dep_ == "pobj" and head.lower_ == "against" and head.head.lemma_.lower() in MEASURE_NOUNS:
        return head.head.lemma_.lower()
    return None


LIST_SEPARATORS = {",", "and", "or", ";"}
ITEM_MODIFIERS = {"DET", "ADJ", "PROPN", "NOUN", "NUM"}


def _list_items(trigger, sentence) -> list:
    """The heads of the items of the list the trigger stands in ("the killings, the assassinations, the crimes"),
    read from the words, not the parse: a small model often misparses long lists in upper-case wire copy."""
    items = [trigger]
    lo, hi = sentence.start, sentence.end
    doc = trigger.doc
    # leftwards: skip the trigger's own modifiers, then separators, then the previous item's head
    i = trigger.i - 1
    while True:
        steps = 0
        while i >= lo and (doc[i].pos_ in ("DET", "ADJ") or doc[i].dep_ in ("compound", "amod", "poss")) and steps < 3:
            i -= 1
            steps += 1
        if i < lo or doc[i].lower_ not in LIST_SEPARATORS:
            break
        while i >= lo and doc[i].lower_ in LIST_SEPARATORS:
            i -= 1
        if i < lo or doc[i].pos_ not in ("NOUN", "PROPN"):
            break
        items.append(doc[i])
        i -= 1
        while i >= lo and doc[i].pos_ in ("PROPN", "NOUN") and doc[i].dep_ == "compound":
            i -= 1
    # rightwards: separators, then up to three words of the next item, ending on a noun
    i = trigger.i + 1
    while i < hi and doc[i].lower_ in LIST_SEPARATORS:
        while i < hi and doc[i].lower_ in LIST_SEPARATORS:
            i += 1
        j = i
        while j < hi and j - i < 4 and doc[j].pos_ in ITEM_MODIFIERS and doc[j].lower_ not in LIST_SEPARATORS:
            j += 1
        heads = [t for t in doc[i:j] if t.pos_ in ("NOUN", "PROPN")]
        if not heads:
            break
        items.append(heads[-1])
        i = j
    return items


def _is_act_noun(tok) -> bool:
    from .detect import load_triggers, _lemma

    table = load_triggers()
    low = tok.lower_
    forms = {low, _lemma(tok), tok.lemma_.lower(), low[:-1] if low.endswith("s") else low, low[:-2] if low.endswith("es") else low}
    return bool(forms & (table.keys() | GENERIC_ACT_NOUNS))


def _listed_kinds(trigger, sentence) -> bool:
    """Three or more act nouns listed together, none counted, in a sentence without a day: kinds of act
    ("the killings, the assassinations, the crimes", "the torture, murders and disappearances")."""
    if trigger.pos_ not in ("NOUN", "PROPN") or trigger.tag_ == "VBG":
        return False
    if any(e.label_ in ("DATE", "TIME") for e in sentence.ents):
        return False
    items = _list_items(trigger, sentence)
    if sum(_is_act_noun(t) for t in items) < 3:
        return False
    return not any(t.like_num for item in items for t in item.children)


# Nouns of wrongdoing that list with act nouns without being triggers ("killings, crimes and abuses").
GENERIC_ACT_NOUNS = {"crime", "abuse", "repression", "violation", "extortion", "terrorism", "violence", "persecution",
                     "harassment", "intimidation", "threat", "atrocity", "disappearance"}


MODALS = OBLIGATION_MODALS | CONDITIONAL_MODALS | UNCERTAIN_MODALS | {"will", "'ll", "can"}
# Verbs whose "that" clause in the bare subjunctive is a demand or an order, not a report: "demanded (that)
# the officer be arrested", "ordered that they be detained", "insisted that he resign".
MANDATIVE_LEMMAS = OPINION_LEMMAS | {"order", "direct", "recommend", "suggest", "propose", "require", "request",
                                     "instruct", "move", "seek"}


def _unscoped_modals(chain) -> set[int]:
    """Verbs of the chain whose modal does not reach the trigger: a modal takes a bare verb, so in "the order
    would be implemented and said the arrangements have been completed" the finite second conjunct ("said")
    is outside the "would" of the first."""
    return {chain[k].i for k in range(1, len(chain))
            if chain[k - 1].dep_ == "conj" and chain[k - 1].tag_ in ("VBD", "VBZ") and chain[k].pos_ in ("VERB", "AUX")}


def _aux_of(tok, unscoped: set[int]) -> set[str]:
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    return aux - MODALS if tok.i in unscoped else aux


def _mandative(chain) -> str | None:
    """A bare-subjunctive complement of a verb of demanding: the governing verb's lemma."""
    for tok in chain[:2]:
        if tok.dep_ != "ccomp" or tok.pos_ not in ("VERB", "AUX"):
            continue
        aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        passive = len(aux) == 1 and aux[0].lower_ == "be" and aux[0].tag_ == "VB"
        bare = not aux and tok.tag_ == "VB" and any(c.dep_ == "nsubj" for c in tok.children)
        if (passive or bare) and tok.head.lemma_.lower() in MANDATIVE_LEMMAS:
            return tok.head.lemma_.lower()
        return None
    return None


def read_status(trigger, sentence, published: date | None = None) -> Status:
    """Decide the status of the event that ``trigger`` (a spaCy token) reports inside ``sentence`` (a Span)."""
    chain = _governors(trigger)
    sent_lower = _flat(sentence).lower()
    if _is_question(sentence):
        return Status(None, "question")
    if _weapon_inventory(trigger):
        return Status(None, "background:reference-inventory")
    if trigger.lemma_.lower() in VERBAL_ATTACK_LEMMAS and {c.lower_ for c in trigger.children if c.dep_ == "advmod"} & VERBAL_ADVERBS:
        return Status(None, "opinion:verbal-attack")
    if trigger.lower_ == "offensive" and trigger.i + 1 < len(trigger.doc) and \
            trigger.doc[trigger.i + 1].lemma_.lower().rstrip("s") in OFFENSIVE_KINDS:
        return Status(None, "generic:modifier")  # "offensive capabilities", read from the words
    if trigger.lemma_.lower() in VERBAL_ATTACK_LEMMAS and _verbal_target(trigger):
        return Status(None, "opinion:verbal-attack")
    if trigger.lemma_.lower() == "demonstration" and _showing(trigger):
        return Status(None, "generic:showing")
    able = next((t for t in chain[1:5] if t.lemma_.lower() in ABILITY_LEMMAS and t.pos_ in ("ADJ", "VERB")), None) or next(
        (c for t in chain[:3] for c in t.children if c.dep_ == "acomp" and c.lemma_.lower() in ABILITY_LEMMAS), None)
    if able is not None:
        return Status(None, f"generic:ability-{able.lemma_.lower()}")
    counted = next((t for t in chain[1:4] if t.lemma_.lower() in COUNT_LEMMAS), None)
    if counted is not None:
        return Status(None, f"history:tally-{counted.lemma_.lower()}")
    if trigger.lower_ == "offensive" and trigger.dep_ in ("amod", "compound"):
        return Status(None, "generic:modifier")  # "offensive capabilities", "offensive tactics"
    if _habitual_present(trigger, sentence):
        return Status(None, "generic:present")

    # Negation on the trigger or on the verb it hangs from ("did not attack", "no attack took place").
    for tok in chain[:2]:
        for child in tok.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return Status(None, f"negated:{child.lower_}")
    empty = _empty_subject(chain)
    if empty:
        return Status(None, f"negated:{empty}-subject")
    if re.search(r"\b(?:has|have|had) yet to\b|\bfailed to\b", sent_lower):
        return Status(None, "negated:yet-to")

    mandative = _mandative(chain)
    if mandative:
        return Status(None, f"opinion:subjunctive-{mandative}")
    unscoped = _unscoped_modals(chain)
    for tok in chain:
        children = _children_lower(tok)
        for child in tok.children:
            if child.dep_ == "mark" and child.lower_ in HYPOTHETICAL_MARKERS:
                return Status(None, f"hypothetical:{child.lower_}")
        aux = _aux_of(tok, unscoped)
        if aux & OBLIGATION_MODALS:
            return Status(None, f"opinion:{sorted(aux & OBLIGATION_MODALS)[0]}")
        if aux & CONDITIONAL_MODALS:
            return Status(None, f"hypothetical:{sorted(aux & CONDITIONAL_MODALS)[0]}")
        if tok is not trigger and tok.pos_ in ("VERB", "ADJ", "NOUN"):
            lemma = tok.lemma_.lower()
            if lemma in WARNING_LEMMAS:
                return Status(None, f"warning:{lemma}")
            if lemma in FORECAST_LEMMAS:
                return Status(None, f"forecast:{lemma}")
            if lemma in OPINION_LEMMAS and tok.dep_ not in ("advcl",):
                return Status(None, f"opinion:{lemma}")
        if tok.lemma_ == "be" or tok.pos_ == "AUX":
            acomp = {c.lemma_.lower() for c in tok.children if c.dep_ == "acomp"}
            if acomp & GENERIC_ADJECTIVES:
                return Status(None, f"generic:{sorted(acomp & GENERIC_ADJECTIVES)[0]}")
        if set(children) & HABITUAL_ADVERBS:
            return Status(None, f"generic:{sorted(set(children) & HABITUAL_ADVERBS)[0]}")
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ == "ROOT":
            break

    # A court or an inquiry dealing with an act ("tried for the murders", "convicted of the bombing",
    # "sentenced over the attack") reports the proceedings, not the act: it happened before, or is alleged.
    if trigger.pos_ in ("NOUN", "PROPN") or trigger.tag_ == "VBG":
        prep = trigger.head if trigger.dep_ == "pobj" else None
        if prep is not None and prep.lower_ in COURT_PREPOSITIONS and prep.head.lemma_.lower() in COURT_LEMMAS:
            return Status(None, f"background:court-{prep.head.lemma_.lower()}")

    victims = _victims_reference(trigger)
    if victims:
        return Status(None, f"background:victims-{victims}")
    memory = next((t for t in chain[1:3] if t.pos_ == "VERB" and t.lemma_.lower() in MEMORY_LEMMAS), None)
    if memory is not None and not any(c.dep_ in ("auxpass", "nsubjpass") for c in memory.children) and not _names_a_day(sentence):
        return Status(None, f"history:memory-{memory.lemma_.lower()}")
    aftermath = _aftermath_reference(trigger, sentence)
    if aftermath:
        return Status(None, f"history:aftermath-{aftermath}")

    last_year = _last_year(trigger, chain)
    if last_year:
        return Status(None, f"history:{last_year}")
    history = HISTORY_WORDS.search(_flat(sentence))
    if history:
        return Status(None, f"history:{history.group(0).lower()}")
    cumulative = _cumulative(chain)
    if cumulative:
        return Status(None, f"history:{cumulative}")
    background = _background(trigger, chain, sentence)
    if background:
        return Status(None, f"background:{background}")
    accident = _accident(trigger, chain)
    if accident:
        return Status(None, f"background:accident-{accident}")
    tally = _tally(trigger, chain, sentence)
    if tally:
        return Status(None, f"history:tally-{tally}")
    aim = _prevention_aim(trigger)
    if aim:
        return Status(None, f"generic:aim-{aim}")
    if _generic_plural(trigger, sentence):
        return Status(None, "generic:plural")
    if _generic_kind(trigger, sentence):
        return Status(None, "generic:plural-kind")
    if _listed_kinds(trigger, sentence):
        return Status(None, "generic:list-of-kinds")
    if _definite_reference(trigger):
        return Status(None, "background:reference")
    # A year attached to the event's own clause ("captured in 1998", "the 1994 massacre") dates it;
    # a year elsewhere in the sentence ("arrested on Tuesday for the 2001 attack") does not.
    # A noun trigger's clause reaches one step further: "died in the battle ... during the 1879 war".
    wider = published is not None and trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "pobj"
    for tok in chain[:3] if wider else chain[:2]:
        for year_tok in _own_years(tok):
            year = int(year_tok.text)
            if published is None or year < published.year:
                return Status(None, f"history:{year}")

    # Future: "will attack", "is going to", "plans to" -> planned if an actor announced it, else forecast.
    for tok in chain:
        aux = _aux_of(tok, unscoped)
        lemma = tok.lemma_.lower()
        done = trigger.tag_ == "VBD" or any(c.lower_ in ("had", "have", "has") for c in trigger.children if c.dep_ == "aux")
        if tok is not trigger and lemma in PLAN_LEMMAS and tok.pos_ in ("VERB", "NOUN") and not done:
            return Status("planned", f"planned:{lemma}")
        if "will" in aux or "'ll" in aux or ("going" in _children_lower(tok) and tok.tag_ == "VB"):
            condition = _condition(tok)
            if condition:
                return Status(None, f"hypothetical:{condition}")
            if any(w in sent_lower for w in ("likely", "probably", "expected", "could", "may ")):
                return Status(None, "forecast:will")
            return Status("planned", "planned:will")
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ == "ROOT":
            break

    denial = DENIAL_PREDICATES.search(sentence.text)
    if denial and denial.start() > trigger.idx - sentence.start_char:
        return Status("denied", "denied:" + denial.group(0).split()[-1].lower())
    for tok in chain:
        lemma = tok.lemma_.lower()
        if tok is trigger:
            continue
        if lemma in DENY_LEMMAS:
            return Status("denied", f"denied:{lemma}")
        if lemma in CLAIM_LEMMAS:
            return Status("claimed", f"claimed:{lemma}")
        if lemma in UNCERTAIN_LEMMAS:
            return Status("uncertain", f"uncertain:{lemma}")
    for tok in chain:
        aux = _aux_of(tok, unscoped)
        if aux & UNCERTAIN_MODALS:
            return Status("uncertain", f"uncertain:{sorted(aux & UNCERTAIN_MODALS)[0]}")
    modifiers = {c.lower_ for c in trigger.children if c.dep_ in ("amod", "advmod")}
    if trigger.head is not trigger and trigger.dep_ == "compound":
        modifiers |= {c.lower_ for c in trigger.head.children if c.dep_ == "amod"}
    if modifiers & UNCERTAIN_MODIFIERS:
        return Status("uncertain", f"uncertain:{sorted(modifiers & UNCERTAIN_MODIFIERS)[0]}")
    if modifiers & CLAIMED_ADVERBS or "alleged" in modifiers:
        return Status("claimed", "claimed:alleged")
    words = set(re.findall(r"[a-z']+", sent_lower))
    if words & CLAIMED_ADVERBS or "claimed responsibility" in sent_lower:
        return Status("claimed", f"claimed:{sorted(words & CLAIMED_ADVERBS or {'responsibility'})[0]}")
    if words & UNCERTAIN_ADVERBS or re.search(r"\bunconfirmed\b|\bcould not be (?:independently )?(?:verified|confirmed)\b|\bnot immediately clear\b", sent_lower):
        return Status("uncertain", "uncertain:" + (sorted(words & UNCERTAIN_ADVERBS)[0] if words & UNCERTAIN_ADVERBS else "unconfirmed"))
    return Status("asserted", "asserted")
