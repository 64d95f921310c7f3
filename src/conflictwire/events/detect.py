"""Find the clauses that report events and type them.

Two passes per sentence. A trigger lexicon (``data/triggers.tsv``) over the spaCy parse proposes
candidates with a sub-event type, using the verb's subject and object where the type depends on who
did what to whom ("army seized the town" vs "rebels seized the town" vs "police seized weapons").
``modality.read_status`` then drops negated, hypothetical, opinion, warning, forecast, generic and
history clauses and gives the others a modality. When a trained model is installed
(``data/heads.npz``, see ``train.py``) it rescores each candidate: a probability that the sentence
reports an event, and a sub-event type distribution that can overrule the lexicon's guess.
Mentions of the same event merge into one record (``mentions.py``).

Three kinds of text get their own handling. A title-case or headline line whose trigger the small model
reads as a name ("Gunmen Kill Chief of Police", "4 Slain in Mexico") is parsed again in lower case. A
line in Spanish or Portuguese (by its function words) goes to ``spanish.py``'s lexicon instead of the
English parse. In a sports report, the words sport borrows from war ("attack", "fired", "beat") are not
triggers.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import re
from dataclasses import dataclass, field
from importlib import resources

from ..schema import Article, Event, Evidence, Span
from . import spanish
from .modality import GENERIC_ACT_NOUNS, Status, read_status
from .ontology import kind_of

PLACE_NOUNS = {
    "town", "city", "village", "area", "district", "region", "province", "territory", "base", "position",
    "airport", "hill", "neighbourhood", "neighborhood", "outskirts", "border", "crossing", "road", "highway",
    "stronghold", "control", "airbase", "port", "capital", "county", "governorate", "camp", "checkpoint",
    "oilfield", "field", "headquarters", "compound", "valley", "island", "settlement", "municipality", "locality", "suburb", "quarter",
}
WEAPON_NOUNS = {
    "weapon", "arm", "ammunition", "explosive", "bomb", "ied", "device", "rifle", "gun", "pistol", "grenade",
    "rocket", "missile", "mortar", "cache", "detonator", "landmine", "mine", "firearm", "munition", "shell",
    "dynamite", "tnt", "launcher", "ak-47", "kalashnikov", "round", "cartridge",
}
PERSON_NOUNS = {
    "people", "person", "man", "woman", "child", "civilian", "villager", "resident", "farmer", "student",
    "worker", "boy", "girl", "family", "passenger", "journalist", "teacher", "member", "leader", "official",
    "politician", "activist", "suspect", "youth", "driver", "trader", "shopkeeper", "priest", "wife",
    "husband", "son", "daughter", "mother", "father", "brother", "sister", "doctor", "nurse", "pilgrim",
    "worshipper", "victim", "individual", "employee", "businessman", "mayor", "councillor", "candidate",
}
PROTESTER_NOUNS = {"protester", "protestor", "demonstrator", "marcher", "crowd"}
ARMED_NOUNS = {
    "soldier", "troop", "police", "policeman", "officer", "militant", "fighter", "rebel", "insurgent",
    "army", "force", "convoy", "base", "checkpoint", "patrol", "position", "guerrilla", "jihadist",
    "militia", "militiaman", "guard", "commando", "paramilitary", "gunman", "combatant", "personnel",
    "post", "outpost", "barracks", "garrison", "tank", "sniper", "serviceman", "marine", "policemen",
}
STATE_NOUNS = {
    "army", "troop", "soldier", "force", "police", "military", "government", "regime", "security",
    "authority", "policeman", "officer", "navy", "marine", "commando", "paramilitary", "gendarme",
    "gendarmerie", "guard", "unit", "battalion", "brigade", "division", "ministry", "coalition",
    "junta", "tatmadaw",
}
NON_STATE_MODIFIERS = {
    "rebel", "insurgent", "militant", "jihadist", "separatist", "opposition", "islamist", "tribal",
    "guerrilla", "armed", "terrorist", "militia", "cartel", "gang", "is", "isis", "isil", "taliban",
}
AIR_NOUNS = {"warplane", "jet", "aircraft", "plane", "drone", "helicopter", "bomber", "aviation", "gunship"}


SECONDARY_MIN_WEIGHT = 3.5
# Participles that describe a victim by the killing itself ("a decapitated body", "an executed man"):
# the description is the report of the killing, unlike "wounded soldiers" or "detained farmers".
KILLED_DESCRIPTIONS = {"decapitate", "decapitated", "dismember", "dismembered", "behead", "beheaded", "execute", "murder", "mutilate", "strangle", "torture"}


@dataclass(frozen=True)
class TriggerRule:
    lemma: str
    pos: str
    sub_event_type: str
    weight: float
    needs: tuple[tuple[str, frozenset[str]], ...]


@dataclass
class Candidate:
    """A trigger in a sentence with its proposed type and status."""

    sentence: Span
    trigger: Span
    rule: TriggerRule
    status: Status
    sub_event_type: str
    confidence: float
    places: frozenset[str] = frozenset()
    dates: frozenset[str] = frozenset()
    mentions: list[tuple[Span, Span]] = field(default_factory=list)  # (sentence, trigger) of merged mentions
    trigger_votes: list[tuple[str, float]] = field(default_factory=list)  # every lexicon reading in the sentence
    secondary: bool = False  # a further event in a sentence whose main event is another candidate
    language: str = "en"  # "es"/"pt": found by the Spanish/Portuguese lexicon, which the English heads cannot read


@functools.lru_cache(maxsize=1)
def load_triggers() -> dict[str, list[TriggerRule]]:
    """The trigger lexicon, keyed by lemma."""
    text = resources.files("conflictwire.events").joinpath("data/triggers.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in text.splitlines() if line and not line.startswith("#")), delimiter="\t")
    table: dict[str, list[TriggerRule]] = {}
    for row in rows:
        kind_of(row["sub_event_type"])  # a typo in the table fails loudly here, not silently later
        needs = []
        for cond in (row.get("needs") or "").split():
            key, _, values = cond.partition(":")
            needs.append((key, frozenset(values.split("|"))))
        rule = TriggerRule(row["lemma"], row["pos"], row["sub_event_type"], float(row["weight"]), tuple(needs))
        table.setdefault(rule.lemma, []).append(rule)
    for rules in table.values():
        # Conditional rules first: a rule with conditions is more specific than the bare lemma.
        rules.sort(key=lambda r: (-len(r.needs), -r.weight))
    return table


_POS_OK = {
    # The small model often tags nouns as verbs and participles as adjectives; the lexicon's
    # conditions and the status check, not the tag, keep the readings apart.
    "VERB": {"VERB", "AUX", "ADJ"},
    "NOUN": {"NOUN", "PROPN", "VERB", "ADJ"},
    "ADJ": {"ADJ", "NOUN", "VERB"},
    "ADV": {"ADV"},
    "ANY": {"VERB", "AUX", "NOUN", "PROPN", "ADJ", "ADV"},
}


# Past forms the small model's lemmatizer leaves as they are.
IRREGULAR = {
    "retook": "retake", "retaken": "retake", "took": "take", "taken": "take", "fell": "fall", "fallen": "fall",
    "shot": "shoot", "fought": "fight", "overran": "overrun", "blew": "blow", "blown": "blow", "struck": "strike",
    "slain": "slay", "slew": "slay", "withdrew": "withdraw", "withdrawn": "withdraw", "beaten": "beat",
    "found": "find", "rioted": "riot", "raped": "rape", "airstrikes": "airstrike", "protesters": "protester", "shelled": "shell", "looted": "loot",
}


def _lemma(tok) -> str:
    lower = tok.lower_
    return IRREGULAR.get(lower) or tok.lemma_.lower()


def _targets(tok) -> list:
    """What the trigger acts on: direct object, passive subject, or 'on/against' objects of a noun."""
    out = []
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    for c in tok.children:
        if c.dep_ in ("dobj", "obj") or (passive and c.dep_ == "nsubjpass"):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("on", "against", "of", "in", "into", "at"):
            out.extend(g for g in c.children if g.dep_ == "pobj")
    for c in list(out):
        out.extend(g for g in c.children if g.dep_ == "conj")
        for prep in c.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                out.extend(g for g in prep.children if g.dep_ == "pobj")
    return out


def _agents(tok) -> list:
    """Who did it: the subject, or the 'by' agent of a passive verb."""
    out = []
    for c in tok.children:
        if c.dep_ == "nsubj":
            out.append(c)
        elif c.dep_ == "agent":
            out.extend(g for g in c.children if g.dep_ == "pobj")
    if not out and tok.dep_ in ("xcomp", "conj", "advcl") and tok.head is not tok:
        return _agents(tok.head)
    return out


def _is_place(tok) -> bool:
    if tok.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    if _lemma(tok) in PLACE_NOUNS:
        return True
    return any(c.ent_type_ in ("GPE", "LOC", "FAC") for c in tok.subtree)


def _is_state(tok) -> bool:
    modifiers = {_lemma(c) for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss")}
    if _lemma(tok) in STATE_NOUNS and not (modifiers & NON_STATE_MODIFIERS):
        return True
    return any(_is_state(c) for c in tok.children if c.dep_ == "conj")


def _check(rule: TriggerRule, tok, sent_lemmas: set[str]) -> bool:
    for key, values in rule.needs:
        if key == "co":
            if not (values & sent_lemmas):
                return False
        elif key == "notco":
            if values & sent_lemmas:
                return False
        elif key == "mod":
            if not any(_lemma(c) in values or c.lower_ in values for c in tok.children):
                return False
        elif key == "obj":
            targets = _targets(tok)
            if "place" in values and any(_is_place(t) for t in targets):
                continue
            if "weapon" in values and any(_lemma(t) in WEAPON_NOUNS for t in targets):
                continue
            if "person" in values and any(
                _lemma(t) in PERSON_NOUNS or t.ent_type_ == "PERSON" or t.like_num or t.pos_ == "PRON" for t in targets
            ):
                continue
            if "protester" in values and any(_lemma(t) in PROTESTER_NOUNS for t in targets):
                continue
            if "armed" in values and any(_lemma(t) in ARMED_NOUNS for t in targets):
                continue
            return False
        elif key == "subj":
            agents = _agents(tok)
            if "state" in values and any(_is_state(a) for a in agents):
                continue
            if "air" in values and any(_lemma(a) in AIR_NOUNS or "air" in {_lemma(t) for t in a.subtree} for a in agents):
                continue
            if "nonstate" in values and agents and not any(_is_state(a) for a in agents):
                continue
            if "count" in values and any(a.like_num or any(c.dep_ == "nummod" for c in a.children) for a in agents):
                continue  # "8 die in Monterrey", "two men die": a toll, not a person's death
            return False
    return True


def find_triggers(sent) -> list[tuple[TriggerRule, object]]:
    """Every (rule, token) the lexicon proposes in a spaCy sentence span, most specific first."""
    table = load_triggers()
    sent_lemmas = {_lemma(t) for t in sent} | {t.lower_ for t in sent}
    found = []
    for tok in sent:
        lemma = _lemma(tok)
        rules = table.get(lemma) or []
        if tok.lower_ != lemma and tok.lower_ in table:
            # "firing" is both the verb "fire" and a noun of its own: both readings are candidates.
            rules = sorted(rules + table[tok.lower_], key=lambda r: (-len(r.needs), -r.weight))
        if not rules:
            continue
        if tok.dep_ == "amod" and tok.tag_ in ("VBN", "VBD", "VBG") and _lemma(tok) not in KILLED_DESCRIPTIONS:
            continue  # "detained farmers", "wounded soldiers": a description, not the clause's event
        for rule in rules:
            if tok.pos_ not in _POS_OK[rule.pos]:
                continue
            if _check(rule, tok, sent_lemmas):
                found.append((rule, tok))
                break  # the first rule that holds for a token is its most specific reading
    found.sort(key=lambda rt: -rt[0].weight)
    return found


# Verbs of aspect: "continue to patrol", "began to disperse" report the act itself, going on or starting.
ASPECT_LEMMAS = {"continue", "begin", "start", "resume"}


def _infinitive_head(tok):
    """The verb whose "to" ``tok`` shares: itself, or the first conjunct of "to accept our demands or arrest us"."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return tok
    own = any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children)
    first = tok
    while first.dep_ == "conj" and first.head is not first and first.head.pos_ in ("VERB", "AUX"):
        first = first.head
    if first is not tok and not own and any(c.dep_ == "aux" and c.lower_ == "to" for c in first.children):
        return first
    return None


def _purpose_or_gerund(tok) -> Status | None:
    """Infinitives of purpose and bare gerund subjects name intentions or topics, not events."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    infinitive = _infinitive_head(tok)
    if infinitive is not None:
        governor = infinitive.head
        if governor is not infinitive and _lemma(governor) in ASPECT_LEMMAS and infinitive.dep_ == "xcomp" and \
                not any(c.dep_ == "dobj" and c.lemma_.lower() in GENERIC_ACT_NOUNS for c in tok.children):
            # the clause's own status (negation, modals, plans) is read by read_status; "continue to
            # battle terrorism" names a campaign against a kind of act, no act
            return None
        if governor is not infinitive and _lemma(governor) in {"plan", "vow", "threaten", "intend", "prepare", "decide", "call", "pledge", "announce", "agree"}:
            return Status("planned", f"planned:{_lemma(governor)}")
        return Status(None, f"intention:to-{_lemma(governor)}")
    if tok.tag_ == "VBG" and tok.dep_ in ("csubj", "nsubj", "pcomp") and not any(c.dep_ == "nsubj" for c in tok.children):
        return Status(None, "generic:gerund")
    return None


def _separate_clause(tok, blocked) -> bool:
    """``tok`` sits in a clause of its own, coordinated beside the clause of ``blocked``: a conjoined verb with
    its own subject ("we are not clamping orders, but bandobast will continue") that does not hold ``blocked``."""
    cur = tok
    for _ in range(8):
        if cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX") and \
                any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in cur.children):
            return not (cur.left_edge.i <= blocked.i <= cur.right_edge.i)
        if cur.head is cur:
            return False
        cur = cur.head
    return False


def _span_of(doc, start_char: int, end_char: int, text: str) -> Span:
    return Span(start=start_char, end=end_char, text=text[start_char:end_char])


# Sports reports borrow the words of war ("Morocco's attack", "fired in a rebound", "beat Senegal", "a
# fight for every ball"). In an article that speaks the language of a match, those borrowed triggers
# are no events; words that sport does not borrow (killed, riot, bomb, arrested) still are.
SPORT_WORDS = re.compile(
    r"\b(?:goalkeeper|goalie|striker|midfielder|defender|half-time|halftime|semi-final|semifinal|quarter-final|"
    r"quarterfinal|championship|tournament|league|premier league|world cup|penalty|penalties|free kick|"
    r"corner kick|header|scored|scorer|equalis(?:ed|er)|equaliz(?:ed|er)|kick-off|wicket|innings|batsman|"
    r"bowler|touchdown|quarterback|playoffs?|grand slam|set point|match point|referee|coach|stadium|"
    r"fixture|squad|title race|relegation|champions)\b",
    re.I,
)
SPORT_MIN_WORDS = 3
SPORT_METAPHORS = {
    "attack", "assault", "shoot", "shot", "fire", "firing", "beat", "fight", "fighting", "strike", "clash",
    "battle", "capture", "seize", "storm", "raid", "ambush", "offensive", "blast", "bombard", "defeat",
    "retake", "recapture", "overrun", "invade", "invasion", "siege", "crush", "hammer", "thrash", "rout",
}


def is_sport_report(text: str) -> bool:
    """The text uses at least three different words of sport reporting."""
    return len({m.group(0).lower() for m in SPORT_WORDS.finditer(text)}) >= SPORT_MIN_WORDS


# Headline case ("Gunmen Kill Chief Of Police") makes the small model tag every word a proper noun,
# so no verb is found; such a line is parsed again in lower case (same length, same offsets).
TITLE_CASE_MIN_WORDS = 3
TITLE_CASE_SHARE = 0.75
_WORD = re.compile(r"[^\W\d_]{4,}")


def is_title_case(text: str) -> bool:
    """Most words of four letters or more, after the first, start with a capital (a headline's style)."""
    first = next((i for i, c in enumerate(text) if c.isalnum()), 0)
    words = [m.group(0) for m in _WORD.finditer(text) if m.start() != first]
    if len(words) < TITLE_CASE_MIN_WORDS:
        return False
    capitalised = [w for w in words if w[0].isupper() and not w.isupper()]
    return len(capitalised) / len(words) >= TITLE_CASE_SHARE


def _capitalised_trigger(text: str) -> bool:
    """A capitalised word after the first that, in lower case, is a trigger ("4 Slain in Mexico",
    "Cartel Execute a Driver"): the small model reads such words as names."""
    table = load_triggers()
    first = next((i for i, c in enumerate(text) if c.isalnum()), 0)
    for match in _WORD.finditer(text):
        word = match.group(0)
        if match.start() == first:
            continue
        if not word[0].isupper() or word.isupper():
            continue
        low = word.lower()
        stems = {low, IRREGULAR.get(low, low), low[:-1], low[:-2], low[:-3], low[:-1] + "e" if low.endswith("ed") else low}
        if low.endswith("ies"):
            stems.add(low[:-3] + "y")
        if stems & table.keys():
            return True
    return False


def _recased_sentence(text: str):
    """The spaCy Doc of a title-case line, in lower case (same length, so offsets hold)."""
    from ..nlp import load_spacy

    return load_spacy()("".join(c.lower() if len(c.lower()) == 1 else c for c in text))[:]


def find_candidates(article: Article, doc, sentences: list[Span] | None = None) -> tuple[list[Candidate], list[tuple[Span, str]]]:
    """Event candidates of an article, one per sentence at most, and the dropped clauses with their reason."""
    text = article.text
    sentences = sentences if sentences is not None else article.sentences
    if not sentences:
        sentences = [Span(start=s.start_char, end=s.end_char, text=s.text) for s in doc.sents]
    kept: list[Candidate] = []
    dropped: list[tuple[Span, str]] = []
    sport = is_sport_report(text)
    for sentence in sentences:
        sent = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if sent is None or len(sent) == 0:
            continue
        language = spanish.line_language(sentence.text)
        if language in ("es", "pt"):
            found = _foreign_candidate(sentence, language, text)
            if isinstance(found, Candidate):
                kept.append(found)
                continue
            if found:
                dropped.append((sentence, found))
                continue
            # No Spanish cue: an English line with Spanish names ("La Tropa del Infierno Execute ...").
        offset = 0  # trigger tokens of the article's parse carry article offsets already
        ents_of = sent  # a re-parse is for verbs; names come from the article's parse
        triggers = find_triggers(sent)
        if not triggers and (is_title_case(sentence.text) or _capitalised_trigger(sentence.text)):
            parsed = _recased_sentence(text[sent.start_char : sent.end_char])
            triggers = find_triggers(parsed)
            if triggers:
                offset = sent.start_char
                sent = parsed
        if sport:
            borrowed = [rt for rt in triggers if rt[0].lemma in SPORT_METAPHORS]
            triggers = [rt for rt in triggers if rt[0].lemma not in SPORT_METAPHORS]
            if borrowed and not triggers:
                dropped.append((sentence, f"sport:{borrowed[0][0].lemma}"))
                continue
        if not triggers:
            if not language:  # no function word to tell the language by: a short line may be Spanish
                found = _foreign_candidate(sentence, "es", text)
                if isinstance(found, Candidate):
                    kept.append(found)
            continue
        chosen = None
        first_reason = None
        blocked = None  # the trigger whose clause was read as negated, hypothetical, opined or foreseen
        for rule, tok in triggers:
            if blocked is not None and not _separate_clause(tok, blocked):
                # The sentence's main event is negated, hypothetical, opined or foreseen: weaker cues
                # in its clause ("the men accused of the killing") are not reports of their own.
                continue
            status = _purpose_or_gerund(tok) or read_status(tok, sent, article.published)
            if status.is_event:
                chosen = (rule, tok, status)
                break
            first_reason = first_reason or status.reason
            if blocked is None and not status.reason.startswith(("intention", "generic:gerund", "background:reference", "generic:plural")):
                blocked = tok
        if chosen is None:
            dropped.append((sentence, first_reason or "no-trigger"))
            continue
        places = frozenset(e.text.lower() for e in ents_of.ents if e.label_ in ("GPE", "LOC", "FAC"))
        dates = frozenset(e.text.lower() for e in ents_of.ents if e.label_ == "DATE")
        votes = [(r.sub_event_type, r.weight) for r, _ in triggers]
        picked = [chosen]
        # A second event of another ACLED event type in the same sentence ("fired tear gas and arrested
        # 40 people") is its own record when its trigger is specific and its clause is an event too.
        seen_types = {kind_of(chosen[0].sub_event_type).event_type}
        for rule, tok in triggers:
            if rule.weight < SECONDARY_MIN_WEIGHT or kind_of(rule.sub_event_type).event_type in seen_types:
                continue
            status = _purpose_or_gerund(tok) or read_status(tok, sent, article.published)
            if status.is_event:
                picked.append((rule, tok, status))
                seen_types.add(kind_of(rule.sub_event_type).event_type)
        for n, (rule, tok, status) in enumerate(picked):
            kept.append(
                Candidate(
                    sentence=sentence,
                    trigger=_span_of(doc, offset + tok.idx, offset + tok.idx + len(tok.text), text),
                    rule=rule,
                    status=status,
                    sub_event_type=rule.sub_event_type,
                    confidence=lexicon_confidence(rule.weight, status.modality),
                    places=places,
                    dates=dates,
                    trigger_votes=votes,
                    secondary=n > 0,
                )
            )
    return kept, dropped


def _foreign_candidate(sentence: Span, language: str, text: str) -> Candidate | str | None:
    """The candidate the Spanish/Portuguese lexicon finds in a sentence, the reason it is none, or None."""
    triggers = spanish.find_triggers(sentence.text, language)
    if not triggers:
        return None
    rule, start, end = triggers[0]
    status = spanish.read_status(sentence.text, start)
    if not status.is_event:
        return status.reason
    lexical = TriggerRule(sentence.text[start:end].lower(), "ANY", rule.sub_event_type, rule.weight, ())
    return Candidate(
        sentence=sentence,
        trigger=_span_of(None, sentence.start + start, sentence.start + end, text),
        rule=lexical,
        status=status,
        sub_event_type=rule.sub_event_type,
        confidence=lexicon_confidence(rule.weight, status.modality),
        trigger_votes=[(r.sub_event_type, r.weight) for r, _, _ in triggers],
        language=language,
    )


def lexicon_confidence(weight: float, modality: str | None) -> float:
    """A rough probability from the trigger's specificity, used when no trained head is installed."""
    p = min(0.9, 0.3 + 0.12 * weight)
    if modality in ("uncertain", "claimed", "denied"):
        p *= 0.85
    return round(p, 3)


def event_id(article_id: str, first_evidence: Span, sub_event_type: str) -> str:
    """sha1 of article id, first evidence span and sub-event type: same input, same id."""
    key = f"{article_id}\x1f{first_evidence.start}:{first_evidence.end}\x1f{sub_event_type}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def build_event(article: Article, cand: Candidate) -> Event:
    """The Event record of a (merged) candidate: type, codings, modality, confidence and evidence."""
    kind = kind_of(cand.sub_event_type)
    evidence: list[Evidence] = []
    for sentence, trigger in cand.mentions or [(cand.sentence, cand.trigger)]:
        evidence.append(Evidence(start=sentence.start, end=sentence.end, text=sentence.text, field="event"))
        evidence.append(Evidence(start=trigger.start, end=trigger.end, text=trigger.text, field="trigger"))
    return Event(
        event_id=event_id(article.id, evidence[0], kind.sub_event_type),
        article_id=article.id,
        event_type=kind.event_type,
        sub_event_type=kind.sub_event_type,
        plover_type=kind.plover_type,
        plover_mode=kind.plover_mode,
        cameo_code=kind.cameo_root,
        modality=cand.status.modality or "asserted",
        confidence=cand.confidence,
        evidence=evidence,
        source={"name": article.source_name, "url": article.url, "published": article.published},
    )
