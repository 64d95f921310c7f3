"""Is a clause reporting an event that happened, and how sure is the text about it?

``read_status`` looks at the trigger word and the verbs that govern it in the spaCy parse and returns
one of the schema's modalities (asserted, claimed, denied, uncertain, planned) or a reason the clause
is no event at all (negated, hypothetical, opinion, warning, forecast, generic, history, background).
Every decision names the cue that made it, so a user can see why a clause was dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# Verbs whose complement is a report of something the text does not assert.
CLAIM_LEMMAS = {"claim", "allege", "accuse", "insist"}
DENY_LEMMAS = {"deny", "dismiss", "refute", "reject"}
UNCERTAIN_LEMMAS = {"suspect", "believe", "appear", "seem", "unconfirmed", "rumour", "rumor"}
PLAN_LEMMAS = {"plan", "announce", "call", "schedule", "intend", "organise", "organize", "vow", "prepare", "threaten", "pledge", "decide"}
WARNING_LEMMAS = {"warn", "fear", "caution", "worry", "risk", "concern", "alarm"}
FORECAST_LEMMAS = {"expect", "predict", "forecast", "anticipate", "project", "likely", "poised"}
OPINION_LEMMAS = {"urge", "demand", "condemn", "oppose", "argue", "insist", "hope", "want", "need", "wish", "criticise", "criticize", "appeal", "plead", "ask"}
# Words that make the clause's own verb hypothetical or obligatory.
HYPOTHETICAL_MARKERS = {"if", "unless", "whether", "lest"}
OBLIGATION_MODALS = {"must", "should", "ought", "shall"}
CONDITIONAL_MODALS = {"would", "could"}
UNCERTAIN_MODALS = {"may", "might"}
HABITUAL_ADVERBS = {"often", "usually", "frequently", "regularly", "routinely", "typically", "generally", "sometimes", "rarely", "seldom", "always", "commonly"}
GENERIC_ADJECTIVES = {"common", "rare", "frequent", "widespread", "routine", "typical", "commonplace", "endemic", "usual"}
UNCERTAIN_MODIFIERS = {"suspected", "possible", "apparent", "presumed", "probable", "unconfirmed"}
UNCERTAIN_ADVERBS = {"reportedly", "possibly", "apparently", "purportedly", "probably", "perhaps", "presumably"}
CLAIMED_ADVERBS = {"allegedly", "supposedly"}
NEGATION_WORDS = {"not", "n't", "never", "no", "neither", "nor", "without"}
HISTORY_WORDS = re.compile(
    r"\b(?:(?:years|decades|centuries) ago|in the (?:19|20)\d0s|history|historically|since (?:19|20)\d\d|"
    r"over the (?:past|last) (?:\w+ )?(?:years|decades)|so far this year|"
    r"(?:has|have) (?:so far )?(?:killed|left) more than|civil war that)\b",
    re.I,
)
YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


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


def read_status(trigger, sentence, published: date | None = None) -> Status:
    """Decide the status of the event that ``trigger`` (a spaCy token) reports inside ``sentence`` (a Span)."""
    chain = _governors(trigger)
    sent_lower = sentence.text.lower()

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

    history = HISTORY_WORDS.search(sentence.text)
    if history:
        return Status(None, f"history:{history.group(0).lower()}")
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
            if any(w in sent_lower for w in ("likely", "probably", "expected", "could", "may ")):
                return Status(None, "forecast:will")
            return Status("planned", "planned:will")
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ == "ROOT":
            break

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
