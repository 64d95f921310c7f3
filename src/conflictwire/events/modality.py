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
YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
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
VICTIM_NOUNS = {"wounded", "dead", "injured", "killed", "missing", "deceased"}


def _victims_reference(trigger) -> str | None:
    """The trigger names victims, not an act: 'most of those killed were farmers', 'the wounded were
    treated at a clinic'. The act is told elsewhere in the article (or is a class of acts)."""
    if trigger.dep_ == "acl" and trigger.head.lower_ in VICTIM_HEADS:
        of = trigger.head.head
        if trigger.head.dep_ == "pobj" and of.lower_ == "of" and (of.head.lower_ in QUANTIFIERS | {"half", "majority", "none", "few"}
                                                                 or of.head.like_num):
            return "those-of"
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
    if LONG_PERIOD.search(sentence.text):
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
    "launcher", "materiel", "workshop",
}

# An act named as known, as the topic of a memory, an anniversary, a reference or a legal case ("he was
# referring to the massacre of six priests", "the anniversary of the bombing", "judges handling murder cases"):
# background to what the sentence reports. Blame and responsibility ("the masterminds of the murder of X") are
# left alone: MUC-4 fills templates from such accusations, and ACLED codes a newly reported act from them.
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


def read_status(trigger, sentence, published: date | None = None) -> Status:
    """Decide the status of the event that ``trigger`` (a spaCy token) reports inside ``sentence`` (a Span)."""
    chain = _governors(trigger)
    sent_lower = sentence.text.lower()
    if _is_question(sentence):
        return Status(None, "question")
    if _weapon_inventory(trigger):
        return Status(None, "background:reference-inventory")
    if trigger.lemma_.lower() in VERBAL_ATTACK_LEMMAS and {c.lower_ for c in trigger.children if c.dep_ == "advmod"} & VERBAL_ADVERBS:
        return Status(None, "opinion:verbal-attack")
    if trigger.lower_ == "offensive" and trigger.dep_ in ("amod", "compound"):
        return Status(None, "generic:modifier")  # "offensive capabilities", "offensive tactics"
    if _habitual_present(trigger, sentence):
        return Status(None, "generic:present")

    # Negation on the trigger or on the verb it hangs from ("did not attack", "no attack took place").
    for tok in chain[:2]:
        for child in tok.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return Status(None, f"negated:{child.lower_}")
    if re.search(r"\b(?:has|have|had) yet to\b|\bfailed to\b", sent_lower):
        return Status(None, "negated:yet-to")

    for tok in chain:
        children = _children_lower(tok)
        for child in tok.children:
            if child.dep_ == "mark" and child.lower_ in HYPOTHETICAL_MARKERS:
                return Status(None, f"hypothetical:{child.lower_}")
        aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
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
    aftermath = _aftermath_reference(trigger, sentence)
    if aftermath:
        return Status(None, f"history:aftermath-{aftermath}")

    history = HISTORY_WORDS.search(sentence.text)
    if history:
        return Status(None, f"history:{history.group(0).lower()}")
    cumulative = _cumulative(chain)
    if cumulative:
        return Status(None, f"history:{cumulative}")
    background = _background(trigger, chain, sentence)
    if background:
        return Status(None, f"background:{background}")
    if _generic_plural(trigger, sentence):
        return Status(None, "generic:plural")
    if _generic_kind(trigger, sentence):
        return Status(None, "generic:plural-kind")
    if _definite_reference(trigger):
        return Status(None, "background:reference")
    # A year attached to the event's own clause ("captured in 1998", "the 1994 massacre") dates it;
    # a year elsewhere in the sentence ("arrested on Tuesday for the 2001 attack") does not.
    for tok in chain[:2]:
        for year_tok in _own_years(tok):
            year = int(year_tok.text)
            if published is None or year < published.year:
                return Status(None, f"history:{year}")

    # Future: "will attack", "is going to", "plans to" -> planned if an actor announced it, else forecast.
    for tok in chain:
        aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
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
        aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
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
