"""Event arguments: actors, interaction, civilian targeting, fatalities, attribution, evidence, notes.

``fill_arguments`` is called by detection for every event with the clause it found. It reads the
clause on the spaCy parse (``article._doc``), computes every field, then writes them onto the event,
each with an :class:`Evidence` span into ``article.text``:

- **actors** from the clause structure around the trigger: agent and patient of a verb (passive "by"
  included), "attack on X", "clashes between X and Y", "X clashed with Y", "X and Y clashed";
  coordinated partners, "with", "backed by", "allied with", "X-backed" become associated actors; a pronoun
  or "the group" as subject is resolved to the actor named in the sentences before. Each phrase is
  normalised through the actor dictionary (:mod:`.actors`);
- when the trigger's own structure names no agent, the nearest other subject of the sentence that is an
  actor; no patient, the first actor further down the clause; a perpetrator with a civilian head noun
  ("two men ... set off a bomb") is an Unidentified Armed Group; people harmed whom the dictionary does
  not know ("two U.S. missionaries", a named person) are civilians;
- no perpetrator in the clause: the party a nearby sentence says claimed the event ("the FMLN claimed
  responsibility") or blames for it ("officials blamed the ELN", "attributed the attack to ...");
- a building, vehicle or weapon found where an actor stands ("attacked the bus") is not an actor, nor are
  the dead ("the bodies were found"); a described victim with a name in apposition ("the mayor, Jose Diaz")
  is written as that name;
- **people harmed, by name**: every person named in the harmed phrase of the trigger or of another harm word
  of its clause ("killed X, his son Y and two others", "the murder of X", "exploded, killing X, 42; Y, 19",
  "the bodies of X and Y", "identified as X", "X was found murdered", "X, who was kidnapped", "killed ten,
  including X", a name wrapped onto the next line of wire copy) is actor 2 (when actor 2 is empty or only described) or an
  associated actor 2, written as the text writes the name. Names are spaCy's PERSON entities, or, in
  all-capitals wire copy parsed in lower case, runs of words that are no English word (the spaCy model's
  WordNet-based lemma lists) with the name-like words next to them, never a title or role
  (``data/actor_titles.tsv``), a place ("San Vicente", "... province") or a thing ("the Rio Verde pipeline");
- "the attack (was) carried out / staged / perpetrated by X (against Y)": X is actor 1 (and Y actor 2);
  "killed by bullets fired by X", "killed with a bomb planted by X": the agent of the means; "were killed
  ..., shot by X" and "shot to death by X": the agent of the participle or verb that carries the act;
  "a member of the X Party": kept as written (an organisation the dictionary does not know);
- **an event merged from several mentions** is read from each of them: the first mention's clause gives the
  fields, the others fill what it leaves empty and add targets, weapons and named victims;
- **targets** (physical: buildings, vehicles, infrastructure) and **weapons** (means as written: "car
  bomb", "dynamite", "machine-gun") from the clause's noun phrases whose head is in
  ``data/physical_targets.tsv`` / ``data/weapons.tsv`` (MUC-4 set lists and ACLED's definitions); a weapon
  keeps the words before it that say what kind it is ("dynamite charge", "explosive charges");
- **the means type the act** (``type_by_means``): an Attack, Armed clash or property destruction by
  non-state forces carried out with explosives only (a dynamite charge, a car bomb, a landmine) is
  Explosions/Remote violence, 'Remote explosive/landmine/IED' (a thrown grenade: 'Grenade'), as ACLED's
  codebook types by the means; not when guns or heavier weapons are named beside them;
- an ALL CAPS sentence (old wire copy) is read from a lower-cased copy of that sentence, parsed again
  (offsets are unchanged; actor text and attribution keep the article's own characters; a phrase the
  re-cased words do not name is looked up again as written, for acronyms such as "FMLN");
- **interaction** (ACLED's two-digit code from the inter codes of the two categories: state forces 1,
  rebel group 2, political militia 3, identity militia 4, rioters 5, protesters 6, civilians 7,
  external/other forces 8; 10 * smaller + larger, a sole actor 10 * its code) and
  **civilian_targeting** (actor 2 is civilians in a Battles, Violence against civilians,
  Explosions/Remote violence or Riots event);
- **fatalities** (:mod:`.fatalities`), **attributed_to** (:mod:`.attribution`), **notes** (:mod:`.notes`).
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from ..options import Options
from ..schema import Actor, Article, Event, Evidence, Span
from .actors import ActorMatch, country_by_code, country_of, head_kind, interaction_code, lookup_actor
from .attribution import doc_text, find_attribution
from .fatalities import find_fatalities
from .notes import build_notes, render_explanation
from .ontology import kind_of

__all__ = ["fill_arguments", "find_actors", "named_victims", "person_names", "english_words", "article_country", "build_notes", "render_explanation"]

log = logging.getLogger(__name__)

ARGUMENT_FIELDS = ("actor1", "assoc_actor1", "actor2", "assoc_actor2", "fatalities", "attributed_to", "target", "weapon")

# Verbs whose "with" phrase is the other side ("clashed with ISIS"), not a partner.
_RECIPROCAL = {"clash", "fight", "battle", "engage", "skirmish", "exchange", "confront", "spar", "war", "combat", "scuffle"}
_RECIPROCAL_NOUNS = {"clash", "clashes", "fighting", "fight", "battle", "battles", "skirmish", "skirmishes", "confrontation", "confrontations", "gunfight", "shootout", "firefight", "war", "hostilities", "exchange", "standoff"}
# Prepositions that name the target of an action: "attack on X", "fired at X", "operation against X".
_TARGET_PREPS = {"on", "against", "at", "upon", "targeting", "into"}
_PARTNER_PREPS = {"with", "alongside", "beside"}
# Verbs whose complement is a new clause the event may sit in, not a participant.
_LIGHT_VERBS = {"launch", "carry", "conduct", "stage", "mount", "hold", "organise", "organize", "lead", "begin", "start", "continue", "open", "unleash", "wage", "step", "intensify", "make"}
_TERRITORY_VERBS = {"retake", "recapture", "regain", "seize", "capture", "take", "wrest", "liberate", "drive", "expel", "oust", "reclaim", "win", "snatch"}
_KILL_VERBS = {"kill", "murder", "execute", "massacre", "slay", "behead", "assassinate", "slaughter", "lynch", "shoot", "stab", "abduct", "kidnap", "injure", "wound", "arrest", "detain", "torture", "rape", "beat", "capture"}
_PRONOUNS = {"he", "she", "it", "they", "them", "him", "her"}
_ANAPHOR = re.compile(r"^(?:the|this|that) (?:group|organi[sz]ation|movement|outfit|militia|militants|insurgents|rebels|jihadists|fighters|attackers|gunmen|assailants)$", re.I)
_GENERIC_MEMBERS = {"terrorists", "terrorist", "commandos", "commando", "guerrillas", "rebels", "militants", "insurgents", "terrorists", "fighters", "army", "armies", "force", "government", "front", "movement", "party", "union", "command", "council", "organization", "organisation", "alliance", "coalition", "ministry", "member", "members", "fighter", "fighters", "militant", "militants", "supporter", "supporters", "unit", "units", "elements", "element", "forces", "troops", "group", "gunmen", "soldiers", "commander", "commanders", "leader", "leaders", "cell", "faction", "wing", "brigade", "battalion"}
_BACKED = re.compile(r"([A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*)*)-(?:backed|supported|allied|led|sponsored)\b")

_QUANTITY_HEADS = {"hundreds", "dozens", "thousands", "scores", "group", "groups", "crowd", "crowds", "number", "band", "gang", "squad", "team", "contingent", "column", "convoy", "handful", "couple", "some", "many", "several", "most", "all", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
_EVENT_NOUNS = _RECIPROCAL_NOUNS | {"attack", "attacks", "assault", "raid", "raids", "ambush", "bombing", "bombings", "airstrike", "airstrikes", "strike", "strikes", "shelling", "explosion", "blast", "offensive", "operation", "violence", "shooting", "shootings", "protest", "protests", "demonstration", "riot", "riots", "fire", "gunfire", "incursion", "assault", "crackdown"}

VIOLENT_TYPES = {"Battles", "Violence against civilians", "Explosions/Remote violence", "Riots"}


@dataclass
class ActorSlot:
    """An actor phrase found in the text: its head token, span and normalised match."""

    head: object
    start: int
    end: int
    text: str
    match: ActorMatch | None
    resolved_from: tuple[int, int] | None = None  # the pronoun's span, when resolved


@dataclass
class ActorRoles:
    actor1: ActorSlot | None = None
    actor2: ActorSlot | None = None
    assoc1: list[ActorSlot] = field(default_factory=list)
    assoc2: list[ActorSlot] = field(default_factory=list)
    actor1_guessed: bool = False  # actor 1 is the nearest other subject of the sentence, not the trigger's agent


# --- noun phrases ---------------------------------------------------------------------------------


def _np_bounds(head) -> tuple[int, int]:
    """Token range [first, last] of the actor phrase headed by ``head``: modifiers, 'of X' for generic heads, '(ISIS)'."""
    doc = head.doc
    first = head.i
    for child in head.children:
        if child.i < head.i and child.dep_ in ("det", "amod", "compound", "nmod", "poss", "nummod", "quantmod", "advmod", "npadvmod", "case", "prep"):
            if child.dep_ == "prep" and child.lower_ not in ("of",):
                continue
            first = min(first, child.left_edge.i)
    last = head.i
    for child in head.children:
        if child.i <= head.i:
            continue
        if child.dep_ == "prep" and child.lower_ in ("of", "from") and head.lower_ in _GENERIC_MEMBERS:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                last = max(last, _np_bounds(pobj)[1])
        elif child.dep_ == "appos" and doc[child.i - 1].text == "(":
            # '(UC-ELN)' is several tokens: up to the closing bracket, when it comes soon.
            close = next((t.i for t in doc[child.i : min(child.i + 6, len(doc))] if t.text == ")"), None)
            last = max(last, close if close is not None else child.i)
        elif child.dep_ == "case":
            last = max(last, child.i)
        elif child.dep_ == "compound" or (child.dep_ == "npadvmod" and child.i == head.i + 1):
            last = max(last, child.right_edge.i)
    # Do not start on a conjunction or punctuation left by the parser.
    while first < last and (doc[first].is_punct or doc[first].dep_ == "cc"):
        first += 1
    return first, last


def _split_coordination(head):
    """'the Taliban and Afghan forces' parsed as one phrase ('Taliban' and 'Afghan' both modify 'forces'):
    the token ranges of the two actors, or None."""
    for child in head.children:
        if child.i < head.i and child.dep_ in ("nmod", "compound", "amod", "poss"):
            conj = next((c for c in child.children if c.dep_ == "conj" and c.i < head.i), None)
            if conj is not None and any(c.dep_ == "cc" for c in child.children):
                first_start = _np_bounds(head)[0]
                cc = next(c for c in child.children if c.dep_ == "cc")
                return (first_start, cc.i - 1), (conj.left_edge.i, _np_bounds(head)[1])
    return None


def _slot_range(doc, first: int, last: int, head, country_hint: str | None) -> ActorSlot | None:
    while first < last and (doc[first].is_punct or doc[first].dep_ == "cc"):
        first += 1
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    text = doc_text(doc)[start:end]
    match = _better(lookup_actor(text, country_hint), doc, start, end, head, country_hint)
    return ActorSlot(head, start, end, text, match) if match is not None else None


def _lookup_written(doc, start: int, end: int, head, country_hint: str | None) -> ActorMatch | None:
    """A parse of a re-cased copy (all-capitals wire text) reads 'the fmln': look the phrase up again as the
    article writes it ('THE FMLN'), so acronyms the dictionary matches only in capitals are found."""
    written = doc.user_data.get("cw_written")
    if written is None or head.pos_ == "PRON":
        return None
    phrase = written[start:end]
    if phrase == doc_text(doc)[start:end]:
        return None
    match = lookup_actor(phrase, country_hint)
    # Only the dictionary's own acronyms are worth the second look: in capitals every 'CAR' or 'US'
    # would otherwise read as a country, which the re-cased words already had their chance to name.
    return match if match is not None and match.method in ("alias", "contained", "alias+part") else None


def _better(match: ActorMatch | None, doc, start: int, end: int, head, country_hint: str | None) -> ActorMatch | None:
    # The written words win over a head-noun guess from the re-cased ones ('FMLN URBAN COMMANDOS').
    if match is not None and not match.method.startswith("head:"):
        return match
    written = _lookup_written(doc, start, end, head, country_hint)
    if written is not None and (match is None or not written.method.startswith("head:")):
        return written
    return match


def _slot(head, country_hint: str | None) -> ActorSlot | None:
    doc = head.doc
    first, last = _np_bounds(head)
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    text = doc_text(doc)[start:end]
    match = _better(lookup_actor(text, country_hint), doc, start, end, head, country_hint)
    if match is None and head.ent_type_ in ("ORG", "NORP") and head.pos_ in ("PROPN", "NOUN", "ADJ") and not _title_case_sentence(head) and not _place_like(head):
        # A named organisation we do not know: kept as written, category unknown.
        ent = next((e for e in doc.ents if e.start <= head.i < e.end), None)
        if ent is not None:
            start, end = min(start, ent.start_char), max(end, ent.end_char)
            text = doc_text(doc)[start:end]
        match = ActorMatch(text, re.sub(r"^(?:the|a|an) ", "", text, flags=re.I), None, None, 0.4, "entity")
    if match is None and head.lower_ in ("member", "members"):
        # "a member of the National Party", "members of the Communist Party": people of an organisation the
        # dictionary does not know, kept as written with no category, as a named organisation we do not know is.
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        org = _pobj(of) if of is not None else None
        if org is not None and org.lower_ in _ORGANISATION_NOUNS:
            match = ActorMatch(text, re.sub(r"^(?:the|a|an) ", "", text, flags=re.I), None, None, 0.4, "entity")
    if match is None:
        return None
    return ActorSlot(head, start, end, text, match)


# Head nouns of an organisation's name ('the National Party', 'the Patriotic Front').
_ORGANISATION_NOUNS = {"party", "front", "movement", "organization", "organisation", "union", "alliance", "army", "command",
                       "group", "brigade", "commando", "cell", "league", "council", "committee", "federation", "coalition", "cartel"}


# Prepositions of place: a name after them is where the act happened, not who took part.
_PLACE_PREPS = {"near", "around", "in", "at", "outside", "inside", "across", "towards", "toward", "into", "from", "on", "of"}


def _place_like(head) -> bool:
    """An unknown one-word name the tagger calls an organisation is, in a conflict report, most often a town
    ("militants stormed Kisangani", "fighting around Sinjar"), or a sentence-initial adjective ("Fierce
    fighting"): the entity fallback keeps only acronyms and names of two words or more."""
    doc = head.doc
    ent = next((e for e in doc.ents if e.start <= head.i < e.end), None)
    words = [t for t in (ent if ent is not None else [head]) if not t.is_punct]
    if head.pos_ == "ADJ" and head.i == head.sent.start:
        return True
    if len(words) == 1:
        text = words[0].text
        return not (text.isupper() and len(text) >= 2)
    return head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS and head.ent_type_ != "NORP"


def _title_case_sentence(token) -> bool:
    # In a Title Case headline every capitalised word looks like a name to the tagger: no entity fallback there.
    from .fatalities import is_title_case

    return is_title_case(token.sent.text)


def _is_pronoun_subject(token) -> bool:
    if token.lower_ in _PRONOUNS and token.pos_ == "PRON":
        return True
    first, last = _np_bounds(token)
    return bool(_ANAPHOR.match(token.doc[first : last + 1].text))


def _sentence_actors(sentence, country_hint):
    """Actors named in a sentence, subject of the main verb first, then dictionary matches in order."""
    out = []
    root = sentence.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    for tok in subjects + [t for t in sentence if t.pos_ in ("PROPN", "NOUN") and t.dep_ != "compound"]:
        if tok.lower_ in _PRONOUNS or _ANAPHOR.match(tok.text):
            continue
        slot = _slot(tok, country_hint)
        if slot is None or slot.match is None:
            continue
        if slot.match.method.startswith("head:") and tok not in subjects:
            continue
        if slot.match.category == "civilians":
            continue
        out.append(slot)
    return out


def _resolve(token, country_hint: str | None, named_only: bool) -> ActorSlot | None:
    """The actor a pronoun or 'the group' stands for: named in this sentence before it, else in the two before."""
    doc = token.doc
    sentence = token.sent
    before = [s for s in _sentence_actors(sentence, country_hint) if s.end <= token.idx]
    candidates = list(reversed(before))
    i = sentence.start - 1
    for _ in range(2):
        if i < 0:
            break
        prev = doc[i].sent
        candidates += _sentence_actors(prev, country_hint)
        i = prev.start - 1
    for slot in candidates:
        if named_only and slot.match.method.startswith("head:"):
            continue
        first, last = _np_bounds(token)
        slot.resolved_from = (doc[first].idx, doc[last].idx + len(doc[last]))
        return slot
    return None


def _actor_at(token, country_hint: str | None) -> ActorSlot | None:
    """The actor a subject/object token names, resolving pronouns and 'the group'."""
    if token is None:
        return None
    if token.lower_ in ("who", "that", "which") and token.head.dep_ == "relcl":
        token = token.head.head
    # "hundreds of protesters", "a group of gunmen": the people are in the 'of' phrase.
    if token.lower_ in _QUANTITY_HEADS:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = _pobj(of) if of is not None else None
        if inner is not None:
            token = inner
    if _is_pronoun_subject(token):
        is_pronoun = token.pos_ == "PRON"
        resolved = _resolve(token, country_hint, named_only=not is_pronoun)
        if resolved is not None:
            return resolved
        if is_pronoun:
            return None
    return _slot(token, country_hint)


def _partners(head, country_hint) -> list[ActorSlot]:
    """Actors associated with the one headed by ``head``: its conjuncts, 'with X', 'backed by X', 'allied with X', 'X-backed'."""
    out = []
    for conj in head.conjuncts:
        if conj.i > head.i:
            slot = _actor_at(conj, country_hint)
            if slot is not None:
                out.append(slot)
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in _PARTNER_PREPS | {"along", "together"}:
            prep = child
            if child.lower_ in ("along", "together"):
                prep = next((g for g in child.children if g.lower_ == "with"), child)
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is not None and (slot := _actor_at(pobj, country_hint)) is not None:
                out.append(slot)
                out += _partners(pobj, country_hint)
        if child.dep_ in ("acl", "amod", "relcl") and child.lemma_.lower() in ("back", "support", "aid", "assist", "ally", "arm", "fund", "join", "accompany", "allied", "loyal"):
            for g in child.children:
                target = None
                if g.dep_ == "agent" or (g.dep_ == "prep" and g.lower_ in ("with", "to", "by")):
                    target = next((p for p in g.children if p.dep_ == "pobj"), None)
                elif g.dep_ == "dobj" and child.dep_ == "relcl":
                    target = None
                if target is not None and (slot := _actor_at(target, country_hint)) is not None:
                    out.append(slot)
                    out += [s for s in _partners(target, country_hint) if s.head != head]
    # "Iran-backed Iraqi army": the backer is written into the phrase.
    first, last = _np_bounds(head)
    doc = head.doc
    phrase_start = doc[first].idx
    for m in _BACKED.finditer(doc_text(doc)[phrase_start : doc[last].idx + len(doc[last])]):
        match = lookup_actor(m.group(1), country_hint)
        if match is not None:
            s, e = phrase_start + m.start(1), phrase_start + m.end(1)
            out.append(ActorSlot(head, s, e, m.group(1), match))
    return out


def _subject_of(verb):
    """A verb's subject, following conjoined and controlled verbs up to one that has it."""
    seen = 0
    while verb is not None and seen < 5:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return child
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            verb = verb.head
            seen += 1
            continue
        return None
    return None


def _pobj(prep):
    return next((g for g in prep.children if g.dep_ == "pobj"), None)


_MEANS_PREPS = {"with", "by", "using"}


def _agent_of_means(trigger, agent_tok, country_hint) -> ActorSlot | None:
    """The agent of a participle that describes the means of the act: the 'by' phrase of 'fired', 'planted',
    'thrown' or 'detonated' hanging from the passive agent or the 'with' phrase of the trigger."""
    means = [agent_tok] if agent_tok is not None else []
    means += [p for c in trigger.children if c.dep_ == "prep" and c.lower_ in _MEANS_PREPS and (p := _pobj(c)) is not None]
    for noun in means:
        for acl in noun.children:
            if acl.dep_ != "acl" or acl.tag_ != "VBN":
                continue
            agent = next((g for g in acl.children if g.dep_ == "agent"), None)
            who = _pobj(agent) if agent is not None else None
            if who is not None and (slot := _actor_at(who, country_hint)) is not None and slot.match.category != "civilians":
                return slot
            if who is not None and slot is not None:
                # People named by a civilian head who use a weapon are an unidentified armed group.
                m = slot.match
                slot.match = ActorMatch(m.text, "Unidentified Armed Group", "political militia", None, m.score, "head:unidentified")
                return slot
    return None


def _victim_slot(token) -> ActorSlot | None:
    """A named person or a group of people the dictionary does not know, harmed in the event: ACLED codes
    them as civilians unless the text says otherwise ('two U.S. missionaries', 'Marta Solis Vega')."""
    if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME", "ORG"):
        return None
    if token.pos_ == "NOUN" and token.tag_ not in ("NNS", "NNPS") and not any(c.dep_ in ("nummod", "det") for c in token.children):
        return None
    first, last = _np_bounds(token)
    doc = token.doc
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    text = doc_text(doc)[start:end]
    return ActorSlot(token, start, end, text, ActorMatch(text, "Civilians", "civilians", None, 0.5, "victim"))


def _fallback_agent(trigger, patient: ActorSlot | None, country_hint):
    """No agent in the trigger's own structure: the nearest actor that is the subject of another verb of the
    sentence ('The attack occurred when two men on a motorcycle set off dynamite'), not a reporting verb's."""
    from .attribution import REPORTING_VERBS

    sentence = trigger.sent
    subjects = [t for t in sentence if t.dep_ in ("nsubj",) and t.head.lemma_.lower() not in REPORTING_VERBS and t.i != trigger.i]
    subjects.sort(key=lambda t: abs(t.i - trigger.i))
    for subject in subjects:
        if patient is not None and patient.start <= subject.idx < patient.end:
            continue
        if subject.head.lemma_.lower() in ("die", "be", "have") or subject.head.lemma_.lower() in _COMMENT_VERBS or any(c.dep_ == "neg" for c in subject.head.children):
            continue
        slot = _actor_at(subject, country_hint)
        if slot is not None and slot.match is not None and slot.match.category is not None:
            return slot
    return None


_FALLBACK_PREPS = {"to", "against", "on", "at", "for", "with", "into", "upon", "toward", "towards"}


def _fallback_patient(trigger, agent_tok, country_hint):
    """No object where expected: the first actor further down the clause ('threatened to deliver blows to the
    United States', 'demanded that the US cancel ...', 'agreed to provide aid for Romania')."""
    excluded = set(t.i for t in agent_tok.subtree) if agent_tok is not None else set()
    frontier = [(trigger, 0)]
    while frontier:
        token, depth = frontier.pop(0)
        for child in token.children:
            if child.i in excluded or depth >= 3:
                continue
            candidate = None
            if child.dep_ in ("dobj", "dative") and token.i != trigger.i:
                candidate = child
            elif child.dep_ == "pobj" and token.dep_ == "prep" and token.lower_ in _FALLBACK_PREPS:
                candidate = child
            elif child.dep_ == "nsubj" and token.dep_ == "ccomp" and token.head.i == trigger.i:
                candidate = child
            if candidate is not None and candidate.pos_ != "PRON":
                slot = _slot(candidate, country_hint)
                if slot is None and candidate.ent_type_ == "PERSON":
                    first, last = _np_bounds(candidate)
                    doc = candidate.doc
                    start, end = doc[first].idx, doc[last].idx + len(doc[last])
                    text = doc_text(doc)[start:end]
                    slot = ActorSlot(candidate, start, end, text, ActorMatch(text, re.sub(r"^(?:the|a|an) ", "", text, flags=re.I), None, None, 0.4, "entity"))
                if slot is not None and slot.match is not None and slot.match.method != "head:civilians" or (slot is not None and candidate.dep_ in ("dobj", "dative")):
                    return slot
            if child.dep_ in ("xcomp", "ccomp", "dobj", "prep", "advcl", "conj", "pobj", "dative", "acl"):
                frontier.append((child, depth + 1))
    return None


# Verbs of comment: who condemns or mourns an act is not a party to it ("the minister denounced the attack").
_COMMENT_VERBS = {
    "condemn", "denounce", "deplore", "decry", "criticise", "criticize", "mourn", "lament", "describe", "report",
    "confirm", "investigate", "blame", "welcome", "praise", "hail", "regret", "call", "term", "label",
}


def find_actors(trigger, country_hint: str | None = None) -> ActorRoles:
    """Actor 1 / actor 2 and their partners around an event's trigger token."""
    roles = ActorRoles()
    if trigger is None:
        return roles
    lemma = trigger.lemma_.lower()
    agent_tok = patient_tok = None
    between_split = None
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children)
    # "were killed on Monday, shot by X": a participle coordinated with a passive verb is passive too.
    shared_passive = (not passive and trigger.dep_ in ("conj", "advcl") and trigger.tag_ == "VBN"
                      and any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.head.children))
    passive = passive or shared_passive

    if trigger.pos_ in ("VERB", "AUX"):
        children = list(trigger.children)
        if passive:
            patient_tok = next((c for c in children if c.dep_ == "nsubjpass"), None)
            if patient_tok is None and shared_passive:
                patient_tok = next((c for c in trigger.head.children if c.dep_ == "nsubjpass"), None)
            agent = next((c for c in children if c.dep_ == "agent"), None)
            if agent is None:
                # "were killed on Monday, shot during the night by X": the agent of a coordinated participle.
                partners = [*trigger.conjuncts, *(c for c in children if c.dep_ == "advcl" and c.tag_ == "VBN")]
                agent = next((g for v in partners if v.pos_ == "VERB" for g in v.children if g.dep_ == "agent"), None)
            agent_tok = _pobj(agent) if agent is not None else None
        else:
            subject = _subject_of(trigger)
            dobj = next((c for c in children if c.dep_ == "dobj"), None)
            agent_tok = subject
            patient_tok = dobj
            if trigger.tag_ in ("VBN",) and dobj is None and lemma in _KILL_VERBS:
                # Headlines drop the auxiliary: "ASG member killed".
                agent_tok, patient_tok = None, subject
            if trigger.dep_ in ("acl",) and trigger.tag_ == "VBN":
                patient_tok, agent_tok = trigger.head, None
                agent = next((c for c in children if c.dep_ == "agent"), None)
                agent_tok = _pobj(agent) if agent is not None else None
            for child in children:
                if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS and patient_tok is None:
                    patient_tok = _pobj(child)
                if child.dep_ == "prep" and child.lower_ == "with" and lemma in _RECIPROCAL and patient_tok is None:
                    patient_tok = _pobj(child)
            # "recaptured the district from Taliban fighters": the side that lost it.
            if lemma in _TERRITORY_VERBS:
                # The parser often hangs 'from' off the place: "the district of Arghandab from Taliban fighters".
                places = list(dobj.subtree) if dobj is not None else []
                for child in children + places:
                    if child.dep_ == "prep" and child.lower_ == "from" and (target := _pobj(child)) is not None:
                        if _slot(target, country_hint) is not None and (patient_tok is None or _slot(patient_tok, country_hint) is None):
                            patient_tok = target
            # A noun object that is itself the event ("launched an attack on X").
            if dobj is not None and dobj.pos_ == "NOUN" and (lemma in _LIGHT_VERBS or head_kind(dobj.text) is None):
                for g in dobj.children:
                    if g.dep_ == "prep" and g.lower_ in _TARGET_PREPS | {"with", "between"}:
                        target = _pobj(g)
                        if target is not None and _slot(target, country_hint) is not None:
                            patient_tok = target
                            break
                else:
                    if lemma in _LIGHT_VERBS:
                        patient_tok = None
            # "X and Y clashed": the conjoined subject is the other side.
            if lemma in _RECIPROCAL and patient_tok is None and agent_tok is not None:
                other = next((c for c in agent_tok.conjuncts if c.i > agent_tok.i), None)
                if other is not None:
                    patient_tok = other
    elif trigger.lower_ == "death" and trigger.dep_ == "pobj" and trigger.head.lower_ == "to" and trigger.head.head.pos_ == "VERB":
        # "shot / stabbed / beaten to death by X": the verb's own roles.
        return find_actors(trigger.head.head, country_hint)
    else:
        # A noun trigger: "clashes between X and Y", "attack on X by Y", "ISIS attack", "X's attack".
        for child in trigger.children:
            if child.dep_ == "prep" and child.lower_ == "between":
                first = _pobj(child)
                if first is not None:
                    agent_tok = first
                    patient_tok = next((c for c in first.conjuncts if c.i > first.i), None)
                    if patient_tok is None:
                        # "between units of the X battalion and guerrillas of the Y front": the parser hangs
                        # the second party off a noun inside the first one's 'of' phrase.
                        nested = next((t for t in first.subtree if t.dep_ == "conj" and t.i > first.i and t.pos_ in ("NOUN", "PROPN")), None)
                        cc = next((c for c in nested.head.children if c.dep_ == "cc"), None) if nested is not None else None
                        if nested is not None and cc is not None:
                            between_split = ((first.left_edge.i, cc.i - 1), nested)
            elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS and patient_tok is None:
                patient_tok = _pobj(child)
            elif child.dep_ == "prep" and child.lower_ == "with" and trigger.lower_ in _RECIPROCAL_NOUNS and patient_tok is None:
                patient_tok = _pobj(child)
            elif child.dep_ == "prep" and child.lower_ == "by" and agent_tok is None:
                agent_tok = _pobj(child)
            elif child.dep_ == "poss" and child.pos_ == "PRON" and agent_tok is None:
                agent_tok = child  # "its attacks on ...": resolved to the actor named before
            elif child.dep_ in ("poss", "compound", "amod", "nmod") and agent_tok is None and child.i < trigger.i:
                if _slot(child, country_hint) is not None and child.ent_type_ not in ("GPE", "LOC", "FAC", "DATE"):
                    agent_tok = child
        if agent_tok is None and trigger.dep_ == "nsubj" and trigger.head.pos_ == "VERB":
            # "Fighting broke out between X and Y": the parties hang from the verb the act is subject of.
            between = next((c for c in trigger.head.children if c.dep_ == "prep" and c.lower_ == "between"), None)
            first = _pobj(between) if between is not None else None
            if first is not None:
                parties = [first, *[c for c in first.conjuncts if c.i > first.i]]
                if len(parties) == 1:
                    # "between the army and ADF rebels": the parser hangs the first party off the second.
                    parties = [t for t in first.children if t.dep_ in ("nmod", "compound") and any(c.dep_ == "conj" for c in t.children)][:1] + parties
                    if len(parties) == 2:
                        parties = [parties[0], next(c for c in parties[0].children if c.dep_ == "conj")]
                if len(parties) >= 2:
                    agent_tok, patient_tok = parties[0], parties[1]
        # "the attack staged by X on Y", "the attack was perpetrated by X against Y": the agent (and the
        # target) of the verb that carries the act out.
        # (Not for an act that is the object of another verb: "police prevented the demonstration staged
        # by students" is the police's act, read below from that verb's subject.)
        carriers = [c for c in trigger.children if c.dep_ == "acl" and c.tag_ == "VBN"] if trigger.dep_ != "dobj" else []
        if trigger.dep_ == "nsubjpass" and trigger.head.pos_ == "VERB" and trigger.head.lemma_.lower() not in _COMMENT_VERBS:
            carriers.append(trigger.head)
        for carrier in carriers:
            agent = next((g for g in carrier.children if g.dep_ == "agent"), None)
            if agent_tok is None and agent is not None and _pobj(agent) is not None:
                agent_tok = _pobj(agent)
                if patient_tok is None:
                    patient_tok = next((_pobj(g) for g in carrier.children if g.dep_ == "prep" and g.lower_ in _TARGET_PREPS and _pobj(g) is not None), None)
        if agent_tok is None and trigger.dep_ in ("dobj", "nsubjpass") and trigger.head.pos_ == "VERB" and trigger.head.lemma_.lower() not in _COMMENT_VERBS:
            agent_tok = _subject_of(trigger.head) if trigger.dep_ == "dobj" else None
        if agent_tok is None and trigger.dep_ == "pobj" and trigger.head.head.pos_ == "VERB":
            # "were killed in an attack by ...", "troops fought in clashes with X".
            governing = trigger.head.head
            if governing.lemma_.lower() not in _KILL_VERBS:
                agent_tok = _subject_of(governing)

    # "Clashes between X and Y killed five", "An attack by gunmen killed 3 villagers": the subject is the event.
    if agent_tok is not None and agent_tok.pos_ == "NOUN" and agent_tok.lower_ in _EVENT_NOUNS and agent_tok.i != trigger.i:
        inner = find_actors(agent_tok, country_hint)
        if inner.actor1 is not None:
            if inner.actor2 is not None:
                return inner
            inner.actor2 = _actor_at(patient_tok, country_hint)
            if inner.actor2 is not None:
                inner.assoc2 = _partners(inner.actor2.head, country_hint)
            return inner
    roles.actor1 = _actor_at(agent_tok, country_hint)
    if roles.actor1 is None and trigger.pos_ in ("VERB", "AUX"):
        # "killed by two bullets fired by a member of X", "killed with a bomb planted by X": the means
        # stands where the agent should; whoever used it is the agent of the verb that describes it.
        roles.actor1 = _agent_of_means(trigger, agent_tok, country_hint)
    if roles.actor1 is None and trigger.pos_ in ("VERB", "AUX") and agent_tok is None:
        # "A guard was wounded in the attack staged by X": the people harmed by an act whose own
        # phrase names who carried it out.
        for child in trigger.children:
            act = _pobj(child) if child.dep_ == "prep" and child.lower_ in ("in", "during") else None
            if act is not None and act.lower_ in _EVENT_NOUNS and act.i != trigger.i:
                inner = find_actors(act, country_hint)
                if inner.actor1 is not None:
                    roles.actor1, roles.assoc1 = inner.actor1, inner.assoc1
                    break
    roles.actor2 = _actor_at(patient_tok, country_hint)
    if between_split is not None:
        (lo, hi), second = between_split
        first_slot = _slot_range(trigger.doc, lo, hi, agent_tok, country_hint)
        second_slot = _actor_at(second, country_hint)
        if first_slot is not None and second_slot is not None:
            roles.actor1, roles.actor2 = first_slot, second_slot
            return roles
    if roles.actor2 is None and patient_tok is not None and lemma in _KILL_VERBS | {"attack", "target", "ambush", "shoot"}:
        roles.actor2 = _victim_slot(patient_tok)
    if roles.actor2 is None and trigger.pos_ in ("VERB", "AUX"):
        roles.actor2 = _fallback_patient(trigger, agent_tok, country_hint)
    split = _split_coordination(agent_tok) if agent_tok is not None else None
    if split is not None:
        doc = agent_tok.doc
        first = _slot_range(doc, *split[0], agent_tok, country_hint)
        second = _slot_range(doc, *split[1], agent_tok, country_hint)
        if first is not None and second is not None:
            roles.actor1 = first
            reciprocal = lemma in _RECIPROCAL or trigger.lower_ in _RECIPROCAL_NOUNS
            if roles.actor2 is None and reciprocal:
                roles.actor2 = second
            else:
                roles.assoc1 = [second]
            if roles.actor2 is not None and roles.actor2 is not second:
                roles.assoc2 = _partners(roles.actor2.head, country_hint)
            return roles
    if roles.actor1 is None:
        roles.actor1 = _fallback_agent(trigger, roles.actor2, country_hint)
        roles.actor1_guessed = roles.actor1 is not None
    if roles.actor1 is not None and roles.actor1.match.category == "civilians" and roles.actor1.match.method.startswith("head:"):
        # People who attack are not civilians: 'two men on a motorcycle set off dynamite'.
        m = roles.actor1.match
        roles.actor1.match = ActorMatch(m.text, "Unidentified Armed Group", "political militia", None, m.score, "head:unidentified")
    if roles.actor1 is not None and roles.actor2 is not None and roles.actor1.match.name == roles.actor2.match.name and roles.actor1.start == roles.actor2.start:
        roles.actor2 = None
    if roles.actor1 is not None:
        roles.assoc1 = _partners(roles.actor1.head, country_hint)
    if roles.actor2 is not None:
        roles.assoc2 = _partners(roles.actor2.head, country_hint)
    # "X and Y clashed": Y is actor 2, so not also a partner of X.
    if roles.actor2 is not None:
        roles.assoc1 = [s for s in roles.assoc1 if s.start != roles.actor2.start]
    return roles


# --- people harmed, by name ------------------------------------------------------------------------

# Words that join the parts of a Spanish or Portuguese name ('Pablo de Jesus Mena', 'Jose y Gomez').
_NAME_LINKS = {"de", "del", "la", "las", "los", "y", "da", "das", "do", "dos", "van", "von"}
# Verbs and event nouns whose object, passive subject or 'of' phrase is the person harmed.
_HARM_VERBS = _KILL_VERBS | {"die", "attack", "ambush", "target", "assault", "hit", "disappear", "hold", "seize"}
_HARM_PREPS = {"of", "against", "on", "upon"}
_NOT_NAME_POS = {"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART", "NUM", "PUNCT", "SYM", "ADV", "INTJ"}
# Last words of the names of places and of media ('Santa Rosa province', 'Radio Nueva network').
_PLACE_NOUNS = {
    "province", "department", "municipality", "district", "region", "state", "city", "town", "village", "hamlet",
    "neighborhood", "neighbourhood", "street", "avenue", "highway", "road", "market", "square", "park", "river",
    "valley", "mountain", "volcano", "island", "radio", "television", "network", "newspaper", "daily", "agency",
}
# First words of Spanish and Portuguese place names ('San Salvador', 'Puerto Nuevo', 'Ciudad Bolivar').
_PLACE_NAME_STARTS = {"san", "santa", "santo", "sao", "puerto", "porto", "ciudad", "villa", "vila", "rio", "nueva", "nuevo", "cerro", "fort", "port", "mount", "lake"}
_CALENDAR = re.compile(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day$|^(?:january|february|march|april|may|june|july|august|september|october|november|december)$")


@functools.lru_cache(maxsize=2)
def english_words(model: str) -> frozenset[str]:
    """Lower-case English words: the lemmatizer's word lists of the spaCy model (WordNet nouns, verbs,
    adjectives and adverbs with their irregular forms) and its stop words. A word of all-capitals copy
    that is none of these is most likely part of a name ('VILLAR', 'SOLIS')."""
    from ..nlp import load_spacy

    nlp = load_spacy(model)
    words = set(nlp.Defaults.stop_words)
    if "lemmatizer" in nlp.pipe_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        tables = lookups.tables if lookups is not None else []
        for pos in ("noun", "verb", "adj", "adv"):
            if "lemma_index" in tables:
                words.update(lookups.get_table("lemma_index").get(pos, []))
            if "lemma_exc" in tables:
                words.update(lookups.get_table("lemma_exc").get(pos, {}).keys())
    return frozenset(words)


@functools.lru_cache(maxsize=1)
def person_titles() -> frozenset[str]:
    """Titles, ranks and role nouns (``data/actor_titles.tsv``): they describe a person, they do not name them."""
    from .actors import DATA

    with open(DATA / "actor_titles.tsv", encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if line.strip() and not line.startswith("#")]
    return frozenset(row[0].lower() for row in rows[1:])


def _name_word(tok, words: frozenset[str], titles: frozenset[str]) -> bool:
    low = tok.lower_
    return tok.is_alpha and len(low) >= 2 and low not in words and tok.lemma_.lower() not in words and low not in titles


def _name_part(tok, titles: frozenset[str]) -> bool:
    """A dictionary word that can still be part of a name next to an unknown one ('Pablo Ruiz Mena',
    'Tomas Villar'): a noun or adjective, not a title, a stop word, a day or a month."""
    low = tok.lower_
    return tok.is_alpha and len(low) >= 2 and low not in titles and not tok.is_stop and tok.pos_ not in _NOT_NAME_POS and not _CALENDAR.match(low)


def person_names(sentence, words: frozenset[str]) -> list[tuple[int, int]]:
    """Token ranges [first, last] of the people named in a sentence. Mixed-case text: spaCy's PERSON
    entities. All-capitals copy, parsed in lower case: runs of two to five words with at least one that
    is no English word, growing over name-like dictionary words and name links ('de', 'del'), never over
    a title ('mayor', 'colonel'), a stop word, a verb or punctuation."""
    doc = sentence.doc
    written = doc.user_data.get("cw_written")
    if written is None or not _mostly_upper(written[sentence.start_char : sentence.end_char]):
        return [(e.start, e.end - 1) for e in doc.ents if e.label_ == "PERSON" and sentence.start <= e.start and e.end <= sentence.end]
    titles = person_titles()
    out = []
    i = sentence.start
    while i < sentence.end:
        tok = doc[i]
        if not (_name_word(tok, words, titles) or _name_part(tok, titles)):
            i += 1
            continue
        j = i
        while j + 1 < sentence.end:
            nxt = doc[j + 1]
            if _name_word(nxt, words, titles) or _name_part(nxt, titles):
                j += 1
            elif nxt.lower_ in _NAME_LINKS and j + 2 < sentence.end and _name_word(doc[j + 2], words, titles):
                j += 2  # 'Pablo de Jesus'
            elif nxt.is_space and "\n\n" not in nxt.text and j + 2 < sentence.end and (
                _name_word(doc[j + 2], words, titles) or _name_part(doc[j + 2], titles)
            ):
                j += 2  # a name that wire copy wraps onto the next line
            else:
                break
        run = [t for t in doc[i : j + 1] if not t.is_space]
        if 2 <= len(run) <= 5 and any(_name_word(t, words, titles) for t in run) and not any(t.whitespace_ == "" and t.i < j and doc[t.i + 1].is_punct for t in run):
            out.append((i, j))
        i = j + 1
    return out


def _harmed_roots(trigger) -> list:
    """The tokens naming who was harmed: a harm verb's object or passive subject ('killed X', 'X was
    kidnapped'), the subject of 'die', the noun it qualifies ('X, kidnapped yesterday'); a noun trigger's
    'of' / 'against' / 'on' phrase ('the murder of X', 'an attack on X') or its possessor ('X's murder')."""
    roots = []
    if trigger.pos_ in ("VERB", "AUX"):
        if trigger.lemma_.lower() not in _HARM_VERBS:
            return []
        for child in trigger.children:
            if child.dep_ in ("dobj", "nsubjpass") or (child.dep_ == "nsubj" and trigger.lemma_.lower() == "die"):
                roots.append(child)
        if trigger.dep_ == "acl" and trigger.tag_ == "VBN":
            roots.append(trigger.head)
        if trigger.dep_ == "relcl" and any(r.lower_ in _RELATIVE_PRONOUNS for r in roots):
            roots.append(trigger.head)  # 'the priest, who had been kidnapped by ...': the priest
    else:
        if trigger.lower_ not in _HARM_NOUNS:
            return []
        for child in trigger.children:
            if child.dep_ == "prep" and child.lower_ in _HARM_PREPS and (pobj := _pobj(child)) is not None:
                roots.append(pobj)
            elif child.dep_ == "poss" and child.pos_ != "PRON":
                roots.append(child)
    return roots


_HARM_NOUNS = {
    "murder", "murders", "assassination", "assassinations", "killing", "killings", "kidnapping", "kidnappings",
    "abduction", "abductions", "death", "deaths", "execution", "executions", "massacre", "slaying", "slayings",
    "disappearance", "shooting", "attack", "attacks", "attempt", "wounding",
}
_BODY_NOUNS = {"body", "bodies", "corpse", "corpses", "remains"}
_RELATIVE_PRONOUNS = {"who", "whom", "that", "which"}
# 'X was found dead / murdered': the state the person was found in is the harm.
_FOUND_HARMED = {"dead", "murdered", "killed", "shot", "strangled", "stabbed", "executed", "lifeless", "beheaded", "decapitated", "tortured", "hanged"}
# Prepositions that list the people harmed inside the harmed phrase ('killed 10, including X', 'along with X').
_LISTING_PREPS = {"including", "among", "along"}


def _found_harmed(tok) -> list:
    """'X was found murdered', 'police found X dead': who was found in that state."""
    if tok.lemma_.lower() != "find" or not any(c.lower_ in _FOUND_HARMED for c in tok.children):
        return []
    roots = [c for c in tok.children if c.dep_ in ("nsubjpass", "dobj")]
    if tok.dep_ == "relcl":
        roots.append(tok.head)
    return roots


def named_victims(trigger, words: frozenset[str], country_hint: str | None = None, clause=None) -> list[ActorSlot]:
    """People named as harmed by the event of ``trigger``, each as written: the names inside the harmed
    phrase (``_harmed_roots`` of the trigger and of the other harm words of its clause: 'exploded ...,
    killing X'), its conjuncts and appositions ('killed Jose Perez, his son Juan Perez and two others'),
    'the bodies of X', 'identified as X'; not in its other prepositional phrases ('the leader of ...', 'in Bogota')."""
    roots = _harmed_roots(trigger) + _found_harmed(trigger)
    if trigger.lower_ in _BODY_NOUNS:
        roots.append(trigger)  # the event told by its dead: 'the bodies of X and Y were found'
    for tok in clause if clause is not None else ():
        if tok.i == trigger.i:
            continue
        if (tok.pos_ == "VERB" and tok.lemma_.lower() in _HARM_VERBS) or (tok.pos_ == "NOUN" and tok.lower_ in _HARM_NOUNS):
            roots += _harmed_roots(tok)
        elif tok.lower_ in _BODY_NOUNS and tok.pos_ == "NOUN":
            roots.append(tok)  # 'the bodies of X and Y were found'
        elif tok.lemma_.lower() == "identify":
            roots += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" and (p := _pobj(c)) is not None]
        else:
            roots += _found_harmed(tok)
    if not roots:
        return []
    region: set[int] = set()
    frontier = list(roots)
    while frontier:
        tok = frontier.pop()
        if tok.i in region:
            continue
        region.add(tok.i)
        frontier += [c for c in tok.children if c.dep_ not in ("prep", "relcl", "acl", "advcl", "agent")]
        # 'killed ten, including X', 'the massacre of X, along with Y': the list goes on.
        frontier += [c for c in tok.children if c.dep_ == "prep" and c.lower_ in _LISTING_PREPS]
        if tok.lower_ == "along":
            frontier += [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"]
        if tok.lower_ in _BODY_NOUNS:
            frontier += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" and (p := _pobj(c)) is not None]
    doc = trigger.doc
    text = doc_text(doc)
    things = (_head_lexicon("weapons.tsv"), _head_lexicon("physical_targets.tsv"))
    out = []
    for first, last in person_names(trigger.sent, words):
        if not all(i in region for i in range(first, last + 1) if not doc[i].is_space):
            continue
        # 'Spaniard Jose Luis Mena', 'Salvadoran Tomas Villar': the nationality is no part of the name.
        while first < last and country_of(doc[first].text) is not None:
            first += 1
        if last - first < 1 or doc[first].lower_ in _PLACE_NAME_STARTS or doc[first].lower_ in _NAME_LINKS:
            continue  # 'San Salvador', 'Puerto Nuevo': a place
        if any(doc[last].lower_ in lex for lex in things) or head_kind(doc[last].text) is not None or doc[last].lower_ in _PLACE_NOUNS:
            continue  # 'the Rio Verde pipeline', 'the Tigre battalion', 'Santa Rosa province': not a person
        start, end = doc[first].idx, doc[last].idx + len(doc[last])
        written = (doc.user_data.get("cw_written") or text)[start:end]
        known = lookup_actor(written, country_hint)
        if known is not None and not known.method.startswith("head:"):
            continue  # an organisation, a country or a people, not a person
        out.append(ActorSlot(doc[last], start, end, text[start:end], ActorMatch(text[start:end], "Civilians", "civilians", None, 0.5, "victim:name")))
    return out


def _add_victims(roles: ActorRoles, victims: list[ActorSlot]) -> None:
    """Named people harmed: the first is actor 2 when actor 2 is empty or only described ('two peasants',
    'the mayor'), the others its associated actors. A name inside another actor's phrase is that actor's."""
    current = roles.actor2
    described = current is not None and current.match is not None and (current.match.method.startswith("head:") or current.match.method == "victim")
    others = [(s.start, s.end) for s in (roles.actor1, *roles.assoc1, *roles.assoc2, None if described else current) if s is not None]
    placed: list[tuple[int, int]] = []
    named = [s.text.lower().split() for s in (current, *roles.assoc2) if s is not None and s.match is not None and s.match.method == "victim:name"]
    for victim in victims:
        span = (victim.start, victim.end)
        if span in placed or any(a <= victim.start and victim.end <= b for a, b in others):
            continue
        words = victim.text.lower().split()
        if any(len(words) <= len(full) and full[-len(words):] == words for full in named):
            continue  # 'Ruiz Mena' again after 'Pablo Ruiz Mena': the same person
        named.append(words)
        if not placed and (current is None or described):
            roles.actor2 = victim
        else:
            roles.assoc2.append(victim)
        placed.append(span)


# --- responsibility claimed or laid elsewhere in the article -------------------------------------

_CLAIM_OBJECTS = {"responsibility", "credit", "authorship"}
_BLAME_VERBS = {"blame", "attribute", "accuse", "hold"}


def _claimant(sentence, hint) -> ActorSlot | None:
    """Who a sentence says did it: the subject of 'claimed responsibility' ('took credit'), the one blamed
    ('blamed the FMLN for', 'attributed the attack to the ELN', 'accused the army of', 'held X responsible')."""
    for tok in sentence:
        lemma = tok.lemma_.lower()
        if lemma in ("claim", "assume", "take", "accept", "admit") and any(c.dep_ == "dobj" and c.lower_ in _CLAIM_OBJECTS for c in tok.children):
            subject = _subject_of(tok)
            if subject is not None and (slot := _actor_at(subject, hint)) is not None and slot.match.category not in (None, "civilians"):
                return slot
        if lemma in _BLAME_VERBS:
            for child in tok.children:
                target = None
                held_responsible = lemma != "hold" or any(t.lower_ == "responsible" for t in tok.subtree)
                if lemma in ("blame", "accuse", "hold") and child.dep_ == "dobj" and held_responsible:
                    target = child
                elif child.dep_ == "prep" and child.lower_ in ("on", "to") and lemma in ("blame", "attribute"):
                    target = _pobj(child)
                elif lemma == "hold" and child.lower_ == "responsible":
                    target = next((g for g in child.children if g.dep_ == "nsubj"), None)  # "held X responsible" read as a clause
                if target is not None and (slot := _actor_at(target, hint)) is not None and slot.match.category not in (None, "civilians"):
                    return slot
    return None


_CLAIM_AFTER, _CLAIM_BEFORE = 3, 2


def responsible_party(sentence, hint) -> ActorSlot | None:
    """No perpetrator in the event's own clause: the party a nearby sentence says claimed it or is blamed for
    it (this sentence, then the three after and the two before, nearest first)."""
    doc = sentence.doc
    order = [sentence]
    after, before = sentence, sentence
    for _ in range(_CLAIM_AFTER):
        if after.end < len(doc):
            after = doc[after.end].sent
            order.append(after)
    for _ in range(_CLAIM_BEFORE):
        if before.start > 0:
            before = doc[before.start - 1].sent
            order.append(before)
    for candidate in order:
        slot = _claimant(candidate, hint)
        if slot is not None:
            return slot
    return None


# --- physical targets and weapons -----------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _head_lexicon(name: str) -> dict[str, str]:
    """A head-noun lexicon from events/data (weapons.tsv, physical_targets.tsv): head -> kind."""
    from .actors import DATA

    out = {}
    with open(DATA / name, encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if line.strip() and not line.startswith("#")]
    for row in rows[1:]:
        out[row[0].lower()] = row[1]
    return out


# Nouns that name the firing or blast of a weapon: "machine-gun fire", "a car bomb attack" read as the weapon.
_WEAPON_EVENT_HEADS = {"fire", "burst", "bursts", "attack", "attacks", "explosion", "explosions", "blast", "blasts", "shots", "rounds"}
# Words before a weapon that say what kind it is, kept in its name ('dynamite charge', 'explosive charges',
# 'incendiary device'; MUC-4 INSTRUMENT ID fills), beside the weapons lexicon's own words.
_WEAPON_KINDS = {"explosive", "explosives", "incendiary", "homemade", "home-made", "plastic", "fragmentation", "antipersonnel", "anti-personnel", "remote-controlled", "molotov", "automatic", "semiautomatic", "submachine", "hand"}
# Heads of the weapons lexicon that name a means only with a word of kind before them ('dynamite charge').
_BARE_MEANS = {"weapon", "weapons", "charge", "charges", "device", "devices", "arms"}
_VAGUE_QUANTITIES = {"several", "some", "many", "various", "numerous", "other", "another"}
# Targets named by what they belong to: "the headquarters of the Liberal Party", "the home of General X".
_CONTAINER_TARGETS = {"headquarters", "office", "offices", "home", "residence", "house", "building", "buildings", "facilities", "installations", "branch"}
# A target noun after these prepositions is a place of passage or a time, not what was hit.
_NOT_TARGET_PREPS = {"from", "to", "toward", "towards", "near", "after", "before", "during", "by", "with", "of", "for", "like", "about"}


def _modifier_start(token, kinds: tuple[str, ...]) -> int:
    """First token of the words before ``token`` that modify it with one of the dependency ``kinds``
    (and their own modifiers: 'high-voltage', 'machine-gun')."""
    first = token.i
    for child in token.children:
        if child.i < token.i and child.dep_ in kinds:
            first = min(first, child.left_edge.i)
    # Hyphenated words the tokenizer split ('car-bomb', 'machine-gun'): keep them whole.
    doc = token.doc
    while first >= 2 and doc[first - 1].text == "-" and doc[first - 1].idx + 1 == doc[first].idx:
        first -= 2
    return first


def _lexicon_hit(doc, first: int, head, lexicon: dict[str, str]) -> int | None:
    """The first token of the longest lexicon entry the phrase doc[first..head] ends with, or None."""
    for start in range(first, head.i + 1):
        words = doc_text(doc)[doc[start].idx : head.idx + len(head)].lower()
        if words in lexicon or words.replace(" - ", "-") in lexicon:
            return start
    return None


def _is_thing(slot: ActorSlot | None) -> bool:
    """An 'actor' that is a building, vehicle or weapon ('attacked the bus', 'the car bomb'), found by a head
    noun or a guess rather than the actor dictionary: a target or weapon, not a party to the event."""
    if slot is None or slot.match is None or slot.match.method in ("alias", "contained", "fuzzy", "pattern", "country", "demonym"):
        return False
    words = slot.text.lower().split()
    if not words:
        return False
    lexica = (_head_lexicon("weapons.tsv"), _head_lexicon("physical_targets.tsv"))
    last = words[-1]
    return any(last in lex or " ".join(words[-2:]) in lex for lex in lexica) or getattr(slot.head, "lower_", "") in lexica[0]


def _name_the_victim(roles: ActorRoles) -> None:
    """'the mayor, Jose Diaz, was shot': the people harmed are written as the person's name, which an
    appositive gives, rather than as the description."""
    slot = roles.actor2
    if slot is None or slot.match is None or slot.resolved_from is not None:
        return
    if not (slot.match.method.startswith("head:") or slot.match.method in ("victim", "entity")):
        return  # a named organisation or a state's forces, not a person described
    head = slot.head
    doc = head.doc
    appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ in ("PROPN", "NOUN") and doc[c.i - 1].text not in "(["), None)
    if appos is None:
        return
    first, last = _np_bounds(appos)
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    written = (doc.user_data.get("cw_written") or doc_text(doc))[start:end]
    if head_kind(written) is not None or lookup_actor(written) is not None or any(ch.isdigit() for ch in written) or not 2 <= len(written.split()) <= 4:
        return
    text = doc_text(doc)[start:end]
    roles.actor2 = ActorSlot(appos, start, end, text, dataclasses.replace(slot.match, text=text))


# Words before an installation that say whose it is: 'a police post', 'the army headquarters' (MUC-4: an
# attack on a military or police installation is an attack on the state's forces).
_STATE_OWNERS = {"military": "military", "army": "military", "navy": "military", "naval": "military",
                 "police": "police", "gendarmerie": "police"}
# Places a force holds: 'a police post' is the police's, but 'a police clinic' treats people like any clinic.
_GUARDED_PLACES = {"post", "posts", "station", "stations", "headquarters", "barracks", "base", "bases", "checkpoint",
                   "checkpoints", "camp", "camps", "compound", "installation", "installations", "outpost", "outposts"}
# Installations that belong to the armed forces by their kind alone (physical_targets.tsv kind 'military').
_MILITARY_TARGET_KIND = "military"


def _installation_holder(doc, start: int, end: int, hint: str | None) -> ActorSlot | None:
    """The state forces holding a military or police installation named as a target ('the army barracks',
    'a police post', 'the garrison'), as actor 2; None for any other target."""
    written = doc_text(doc)[start:end]
    words = re.findall(r"[a-z]+", written.lower())
    if not words:
        return None
    kind = None
    if _head_lexicon("physical_targets.tsv").get(words[-1]) == _MILITARY_TARGET_KIND:
        kind = "military"
    for word in words[:-1] if words[-1] in _GUARDED_PLACES else ():
        if word in _STATE_OWNERS:
            kind = _STATE_OWNERS[word]
            break
    if kind is None:
        return None
    country = country_by_code(hint) if hint else None
    name = ("Police Forces" if kind == "police" else "Military Forces") + (f" of {country.name}" if country else "")
    head = doc.char_span(start, end, alignment_mode="expand")
    match = ActorMatch(written, name, "state forces", country.code if country else None, 0.5, "installation:" + kind)
    return ActorSlot(head.root if head is not None else None, start, end, written, match)


def _enemy_of_the_state(roles: ActorRoles) -> None:
    """'The army attacked enemy positions': the enemy of state forces is the armed opposition, not the state."""
    slot, agent = roles.actor2, roles.actor1
    if slot is None or slot.match is None or agent is None or agent.match is None:
        return
    if agent.match.category == "state forces" and slot.match.category == "state forces" and slot.match.method.startswith("head:") \
            and re.search(r"\benem(?:y|ies)\b", slot.text, re.I):
        slot.match = ActorMatch(slot.match.text, slot.text, "rebel group", None, slot.match.score, "head:rebels")


def _drop_things(roles: ActorRoles) -> None:
    if _is_thing(roles.actor1) or (roles.actor1 is not None and getattr(roles.actor1.head, "lower_", "") in _BODY_NOUNS):
        roles.actor1 = None  # a weapon, a building or the dead themselves ('the bodies were found') did nothing
    if _is_thing(roles.actor2):
        roles.actor2, roles.assoc2 = None, []
    roles.assoc1 = [s for s in roles.assoc1 if not _is_thing(s)]
    roles.assoc2 = [s for s in roles.assoc2 if not _is_thing(s)]


def _phrase_end(token):
    """The last word of the noun phrase headed by ``token``: its modifiers and 'of' phrases, not what the
    clause says after it ('the headquarters of the brigade | with rockets', '| in Usulutan')."""
    last = token
    for child in token.children:
        if child.i < token.i:
            continue
        if child.dep_ in ("compound", "amod", "nmod", "nummod", "poss", "case"):
            last = max(last, _phrase_end(child), key=lambda t: t.i)
        elif child.dep_ == "prep" and child.lower_ == "of" and (pobj := _pobj(child)) is not None:
            last = max(last, _phrase_end(pobj), key=lambda t: t.i)
        else:
            break
    return last


def find_targets_and_weapons(span, exclude: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Physical targets and weapons named in an event's clause, as character spans of the parse's text.

    A weapon is a noun phrase whose head (with its compounds: 'car bomb', 'machine gun', 'molotov
    cocktail') is in ``weapons.tsv``, or the compound of 'fire' / 'attack' ('machine-gun fire'); it is
    written with its compounds ('car bomb', 'dynamite'), without counts or adjectives. A target is a noun
    phrase headed by a noun of ``physical_targets.tsv`` ('the embassy', 'power pylons', 'a bus'), written
    with its adjectives and compounds ('high-voltage pylons'), not after a preposition of passage or time
    ('from the embassy', 'after the bus'), and not inside an actor phrase (``exclude``)."""
    weapons_lex, targets_lex = _head_lexicon("weapons.tsv"), _head_lexicon("physical_targets.tsv")
    doc = span.doc
    targets: list[tuple[int, int]] = []
    weapons: list[tuple[int, int]] = []

    def inside(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in exclude)

    for tok in span:
        # The tagger sometimes calls a weapon noun a verb or an adverb ('used dynamite to ...'): its
        # dependency still says it is a noun phrase.
        if tok.pos_ not in ("NOUN", "PROPN") and not (tok.lower_ in weapons_lex and (tok.pos_ == "VERB" or tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "conj", "appos"))):
            continue
        if tok.dep_ == "compound" and tok.head.lower_ not in _WEAPON_EVENT_HEADS:
            continue
        low = tok.lower_
        compound_start = _modifier_start(tok, ("compound",))
        weapon_from = _lexicon_hit(doc, compound_start, tok, weapons_lex)
        if weapon_from is not None:
            # Written with its compounds ('dynamite charge', 'car bomb'); a charge or device also with what
            # kind it is ('explosive charges', 'incendiary device').
            while weapon_from > 0 and doc[weapon_from - 1].head.i in range(weapon_from, tok.i + 1) and (
                doc[weapon_from - 1].lower_ in weapons_lex or doc[weapon_from - 1].lower_ in _WEAPON_KINDS
            ):
                weapon_from -= 1
            start, end = doc[weapon_from].idx, tok.idx + len(tok)
            if weapon_from == tok.i and low in _BARE_MEANS:
                # 'weapons', 'a charge' alone say nothing of the means; 'heavy-caliber weapons' does.
                kinds = [c for c in tok.children if c.i < tok.i and c.dep_ in ("amod", "compound", "nmod") and c.pos_ != "NUM" and c.lower_ not in _VAGUE_QUANTITIES]
                if not kinds:
                    continue
                start = doc[min(c.left_edge.i for c in kinds)].idx
            if not inside(start, end) and (start, end) not in weapons:
                weapons.append((start, end))
            continue
        if tok.dep_ == "compound":
            continue
        if low in _WEAPON_EVENT_HEADS:
            continue
        target_from = _lexicon_hit(doc, compound_start, tok, targets_lex)
        if target_from is None:
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ in _NOT_TARGET_PREPS and not (
            tok.head.lower_ == "to" and (tok.head.head.lower_ in ("fire", "torch") or any(c.dep_ == "dobj" and c.lower_ == "fire" for c in tok.head.head.children))
        ):
            continue  # ... but "set fire to the car" names what burned
        if tok.ent_type_ in ("DATE", "TIME", "GPE") or tok.lemma_.lower() in ("home",) and tok.dep_ == "advmod":
            continue
        first = _modifier_start(tok, ("compound", "amod", "nmod", "poss"))
        while first < tok.i and (
            doc[first].is_punct
            or doc[first].is_bracket
            or ("]" in doc[first : tok.i].text and doc[first].text != "[")
            or doc[first].pos_ == "PRON"  # "her car": the car
            or doc[first].lower_ in _VAGUE_QUANTITIES
            or doc[first].lower_ in _WEAPON_EVENT_HEADS  # "set fire two plants" parsed as one phrase
        ):
            first += 1  # "[EXPANSION UNKNOWN] OFFICES": not the editor's note
        last = tok
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and low in _CONTAINER_TARGETS and (owner := _pobj(of)) is not None and owner.ent_type_ not in ("GPE", "LOC", "DATE"):
            end = _phrase_end(owner)
            last = end if end.i - tok.i <= 8 else owner  # "the headquarters of the Liberal Party"
        start, end = doc[first].idx, last.idx + len(last)
        if not inside(start, end) and (start, end) not in targets:
            targets.append((start, end))
    return targets, weapons


# --- the clause and its trigger -------------------------------------------------------------------


def _trigger_token(doc, event: Event, clause):
    # Detection records a trigger per merged mention: take those inside this clause, a verb first, and
    # never a word inside a name ('Army of National Liberation').
    candidates = []
    for ev in event.evidence:
        if ev.field == "trigger" and clause.start_char <= ev.start and ev.end <= clause.end_char:
            span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
            if span is not None and len(span):
                candidates.append(span.root)
    if candidates:
        def rank(tok):
            in_name = tok.dep_ in ("compound", "amod", "nmod") or (tok.dep_ == "pobj" and tok.head.lower_ == "of" and head_kind(tok.head.head.text) is not None)
            return (in_name, tok.pos_ not in ("VERB", "AUX"), tok.i)
        best = min(candidates, key=rank)
        if not rank(best)[0]:
            if best.pos_ in ("NOUN", "PROPN") and best.dep_ in ("nsubj", "nsubjpass", "dobj") and best.head.pos_ == "VERB" and head_kind(best.text) is not None:
                # 'Gunmen killed the mayor' detected on 'gunmen': the event is the verb the actor is party to.
                return best.head
            return best
    root = clause.root
    # "There was a clash between ...": the event is the noun, not the copula.
    if root.lemma_.lower() == "be":
        attr = next((c for c in root.children if c.dep_ in ("attr", "nsubj") and c.lower_ in _EVENT_NOUNS), None)
        if attr is not None:
            return attr
    # "..., authorities said": the event is the reported clause, not the saying.
    from .attribution import REPORTING_VERBS

    if root.lemma_.lower() in REPORTING_VERBS:
        complement = next((c for c in root.children if c.dep_ in ("ccomp", "xcomp", "conj") and clause.start <= c.i < clause.end), None)
        if complement is not None:
            return complement
    # "The minister denounced the attack": the event is what is denounced, not the denouncing.
    if root.lemma_.lower() in _COMMENT_VERBS:
        act = next((c for c in root.children if c.dep_ == "dobj" and c.lower_ in _EVENT_NOUNS), None)
        if act is not None:
            return act
    return root


def article_country(article: Article) -> str | None:
    """The country an article is mostly about (from country names and demonyms it mentions), for bare 'police' or 'the army'."""
    counts: Counter[str] = Counter()
    for mention in article.mentions:
        if mention.label in ("GPE", "NORP"):
            country = country_of(mention.text)
            if country is not None:
                counts[country.code] += 1
    return counts.most_common(1)[0][0] if counts else None


def _doc_for(article: Article, options: Options):
    if article._doc is None:
        from ..nlp import parse, split_sentences

        sentences = article.sentences or split_sentences(article.text)
        article._doc = parse(article.text, options, sentences)
    return article._doc


def _evidence(start: int, end: int, text: str, field_name: str) -> Evidence:
    return Evidence(start=start, end=end, text=text[start:end], field=field_name)


_UPPER_RATIO = 0.8  # a sentence with this share of its letters in capitals is read as an ALL CAPS wire text


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) >= _UPPER_RATIO


_COMMON_WORDS = {"its", "was", "has", "are", "the", "and", "for", "not", "but", "all", "can", "our", "who", "his", "her", "one", "two", "six", "ten", "new", "may", "any", "man", "men", "war"}


def _recase_upper(text: str) -> str:
    """An ALL CAPS sentence in lower case (same length), keeping acronyms in brackets ('(ELN)', '[FAL]') and
    the dictionary's acronyms, country names and demonyms capitalised, so the tagger can read it."""
    from .actors import _index

    index = _index()
    out = list(text.lower())
    for m in re.finditer(r"[A-Z][A-Z'.-]*", text):
        word = m.group(0).strip(".'-")
        bracketed = m.start() > 0 and text[m.start() - 1] in "([" and len(word) <= 6
        if bracketed or (len(word) >= 3 and word in index.acronyms and word.lower() not in _COMMON_WORDS):
            out[m.start() : m.start() + len(word)] = list(word)
        elif word.lower() in index.country_words or m.start() == 0 or text[: m.start()].strip() == "":
            out[m.start()] = text[m.start()]
    return "".join(out)


@functools.lru_cache(maxsize=64)
def _parse_recased(model: str, sentence_text: str):
    # Several events often share a sentence: parse its re-cased copy once.
    from ..nlp import load_spacy

    return load_spacy(model)(_recase_upper(sentence_text))


def _view(doc, span, options: Options):
    """The doc to read the clause from, and the offset of that doc in the article: the article's own parse,
    or for an ALL CAPS sentence (old wire copy), that sentence parsed again in lower case."""
    sentence = span[0].sent
    if not _mostly_upper(sentence.text):
        return doc, span, 0
    recased = _parse_recased(options.spacy_model, sentence.text)
    offset = sentence.start_char
    inner = recased.char_span(span.start_char - offset, span.end_char - offset, alignment_mode="expand")
    if inner is None or len(inner) == 0:
        return doc, span, 0
    return recased, inner, offset


def fill_arguments(article: Article, event: Event, clause: Span, options: Options) -> None:
    """Fill actor1/actor2 (+assoc), interaction, civilian_targeting, fatalities, attributed_to and notes
    of ``event`` from the clause ``clause`` (a span of article.text) and its context; add evidence spans.

    A failure here leaves this event's arguments empty with a warning on the article; the event, and the
    article's other events, are kept."""
    try:
        _fill_arguments(article, event, clause, options)
    except Exception as exc:  # one odd parse must not cost the article its events
        log.exception("arguments of event %s in %s", event.event_id, article.id)
        article.warnings.append(f"event {event.event_id}: arguments not filled ({type(exc).__name__}: {exc})")


def _read_clause(article: Article, doc, event: Event, clause: Span, options: Options, hint: str | None):
    """One clause of an event read on its parse: (view, span, offset, trigger, roles), or None when the
    clause is outside the text. ``view`` is the doc the clause is read from and ``offset`` where it starts
    in the article (non-zero for a re-parsed all-capitals sentence)."""
    text = article.text
    span = doc.char_span(clause.start, min(clause.end, len(doc_text(doc))), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    view, span, offset = _view(doc, span, options)
    # The nlp stage may itself have parsed a re-cased copy (all-capitals copy): words are then
    # taken from the article's text, not from the parse.
    if view is not doc or doc_text(doc) != text:
        view.user_data["cw_written"] = text[offset : offset + len(doc_text(view))]
    trigger = _trigger_token(view, _shifted_event(event, offset), span)
    roles = find_actors(trigger, hint)
    if event.event_type in VIOLENT_TYPES:
        if roles.actor1 is None:
            roles.actor1 = responsible_party(trigger.sent, hint)
        elif roles.actor1_guessed:
            # A claim or blame in the sentence itself beats a guess from another verb's subject
            # ('in a new action attributed to the drug rings, a bomb destroyed a school, authorities said').
            claimed = _claimant(trigger.sent, hint)
            if claimed is not None:
                roles.actor1, roles.assoc1 = claimed, []
    _drop_things(roles)
    return view, span, offset, trigger, roles


# An event merged from several mentions is read from each of them, at most this many beyond the first.
_MAX_OTHER_CLAUSES = 4


def _other_clauses(article: Article, doc, event: Event, first: Span, options: Options, hint: str | None, offset: int):
    """The event's other mentions (its further 'event' evidence spans), each read as its own clause: their
    actors, targets and weapons, with spans moved into the coordinates of the first clause's parse."""
    out = []
    clauses = [e for e in event.evidence if e.field == "event" and (e.start, e.end) != (first.start, first.end)]
    for ev in clauses[:_MAX_OTHER_CLAUSES]:
        read = _read_clause(article, doc, event, Span(start=ev.start, end=ev.end, text=ev.text), options, hint)
        if read is None:
            continue
        view, span, other_offset, other_trigger, roles = read
        _add_victims(roles, named_victims(other_trigger, english_words(options.spacy_model), hint, span))
        delta = other_offset - offset
        if delta:
            def moved(slot):
                return None if slot is None else dataclasses.replace(slot, start=slot.start + delta, end=slot.end + delta, resolved_from=None)

            roles = ActorRoles(moved(roles.actor1), moved(roles.actor2), [moved(s) for s in roles.assoc1], [moved(s) for s in roles.assoc2])
        actor_spans = [(s.start - delta, s.end - delta) for s in (roles.actor1, roles.actor2, *roles.assoc1, *roles.assoc2) if s is not None]
        targets, weapons = find_targets_and_weapons(span, actor_spans)
        out.append((roles, [(a + delta, b + delta) for a, b in targets], [(a + delta, b + delta) for a, b in weapons]))
    return out


def _fill_arguments(article: Article, event: Event, clause: Span, options: Options) -> None:
    from ..nlp import load_spacy

    doc = _doc_for(article, options)
    text = article.text
    hint = article_country(article)
    read = _read_clause(article, doc, event, clause, options, hint)
    if read is None:
        article.warnings.append(f"event {event.event_id}: clause {clause.start}-{clause.end} is outside the text; arguments left empty")
        return
    view, span, offset, trigger, roles = read
    recased = view is not doc or doc_text(doc) != text
    words = english_words(options.spacy_model)

    # Compute everything, then write.
    fatalities = find_fatalities(view, span.start_char, span.end_char, trigger_ids=frozenset({trigger.i}), nlp=load_spacy(options.spacy_model))

    def resolve(token):
        slot = _actor_at(token, hint)
        return slot.match.name if slot is not None and slot.match is not None else None

    attribution = find_attribution(view, span.start_char, span.end_char, resolve=resolve)
    _name_the_victim(roles)
    _add_victims(roles, named_victims(trigger, words, hint, span))
    actor_spans = [(slot.start, slot.end) for slot in (roles.actor1, roles.actor2, *roles.assoc1, *roles.assoc2) if slot is not None]
    target_spans, weapon_spans = find_targets_and_weapons(span, actor_spans)
    # The other mentions of a merged event fill what the first one leaves empty, and add what was hit
    # and with what ('a bomb exploded at the embassy ... the device was made of 5 kg of dynamite').
    for other, other_targets, other_weapons in _other_clauses(article, doc, event, clause, options, hint, offset):
        if roles.actor1 is None and other.actor1 is not None:
            roles.actor1, roles.assoc1 = other.actor1, other.assoc1
        if roles.actor2 is None and other.actor2 is not None:
            roles.actor2, roles.assoc2 = other.actor2, list(other.assoc2)
        elif other.actor2 is not None:
            _add_victims(roles, [s for s in (other.actor2, *other.assoc2) if s.match is not None and s.match.method == "victim:name"])
        for spans, more in ((target_spans, other_targets), (weapon_spans, other_weapons)):
            seen_words = {text[a + offset : b + offset].lower() for a, b in spans}
            for a, b in more:
                if text[a + offset : b + offset].lower() not in seen_words:
                    spans.append((a, b))
                    seen_words.add(text[a + offset : b + offset].lower())

    _enemy_of_the_state(roles)
    if roles.actor2 is None and event.event_type in VIOLENT_TYPES:
        roles.actor2 = next((slot for a, b in target_spans if (slot := _installation_holder(view, a, b, hint)) is not None), None)

    evidence = [e for e in event.evidence if e.field not in ARGUMENT_FIELDS]
    event.actor1 = event.actor2 = None
    event.assoc_actor1, event.assoc_actor2 = [], []

    def put(slot: ActorSlot, field_name: str) -> Actor:
        start, end = slot.start + offset, slot.end + offset
        evidence.append(_evidence(start, end, text, field_name))
        if slot.resolved_from is not None:
            evidence.append(_evidence(slot.resolved_from[0] + offset, slot.resolved_from[1] + offset, text, field_name))
        actor = slot.match.to_actor()
        if recased:
            # Written as the article writes it, not as the re-cased copy reads.
            actor.text = text[start:end]
            at = actor.text.lower().find(actor.name.lower())
            if at >= 0:
                actor.name = actor.text[at : at + len(actor.name)]
        return actor

    if roles.actor1 is not None:
        event.actor1 = put(roles.actor1, "actor1")
    if roles.actor2 is not None:
        event.actor2 = put(roles.actor2, "actor2")
    # One actor per name; people named as victims ('Civilians') are told apart by what the text calls them.
    def key(slot: ActorSlot) -> str:
        return slot.text.lower() if slot.match.method == "victim:name" else slot.match.name

    seen = {key(slot) for slot in (roles.actor1, roles.actor2) if slot is not None}
    for slots, target, field_name in ((roles.assoc1, event.assoc_actor1, "assoc_actor1"), (roles.assoc2, event.assoc_actor2, "assoc_actor2")):
        for slot in slots:
            if key(slot) in seen:
                continue
            seen.add(key(slot))
            target.append(put(slot, field_name))

    cat1 = event.actor1.category if event.actor1 else None
    cat2 = event.actor2.category if event.actor2 else None
    event.interaction = interaction_code(cat1, cat2)
    event.civilian_targeting = cat2 == "civilians" and event.event_type in VIOLENT_TYPES

    if fatalities is not None:
        event.fatalities, event.fatalities_low, event.fatalities_high = fatalities.best, fatalities.low, fatalities.high
        for mention in fatalities.mentions[:3]:
            evidence.append(_evidence(mention.start + offset, mention.end + offset, text, "fatalities"))
    else:
        event.fatalities = event.fatalities_low = event.fatalities_high = None

    if attribution is not None:
        start, end = attribution.start + offset, attribution.end + offset
        event.attributed_to = attribution.text
        if recased:
            # Written as the article writes it: the same characters of the original sentence.
            at = doc_text(view).find(attribution.text, attribution.start, attribution.end)
            if at >= 0:
                event.attributed_to = text[at + offset : at + offset + len(attribution.text)]
        evidence.append(_evidence(start, end, text, "attributed_to"))

    event.targets, event.weapons = [], []
    for spans, values, field_name in ((target_spans, event.targets, "target"), (weapon_spans, event.weapons, "weapon")):
        for start, end in spans:
            values.append(text[start + offset : end + offset])
            evidence.append(_evidence(start + offset, end + offset, text, field_name))

    means_type = type_by_means(event.sub_event_type, event.weapons, cat1)
    if means_type is not None:
        kind = kind_of(means_type)
        event.event_type, event.sub_event_type = kind.event_type, kind.sub_event_type
        event.plover_type, event.plover_mode, event.cameo_code = kind.plover_type, kind.plover_mode, kind.cameo_root

    event.evidence = evidence
    event.notes = build_notes(event)


# Kinds of weapons.tsv that make an attack an explosion (ACLED: Explosions/Remote violence) unless guns,
# artillery, missiles or aircraft are named beside them (a gunfight with grenades stays a battle or an attack).
_EXPLOSIVE_KINDS = {"explosive", "mine", "vehicle bomb"}
_NOT_ONLY_EXPLOSIVES = {"gun", "artillery", "missile", "aerial"}
_RETYPED_BY_MEANS = ("Attack", "Armed clash", "Looting/property destruction")


def weapon_kind(written: str) -> str | None:
    """The kind (weapons.tsv) of a weapon as the event records it ('dynamite charge' -> explosive)."""
    lexicon = _head_lexicon("weapons.tsv")
    words = written.lower().split()
    for n in (2, 1):
        if len(words) >= n and " ".join(words[-n:]) in lexicon:
            return lexicon[" ".join(words[-n:])]
    return None


def type_by_means(sub_event_type: str, weapons: list[str], actor1_category: str | None) -> str | None:
    """The sub-event type the means of an attack give it, or None to keep the one detected.

    ACLED's codebook types by the means: an attack carried out with explosives (a planted bomb, a dynamite
    charge, a landmine, a car bomb) is Explosions/Remote violence ('Remote explosive/landmine/IED'), one
    with a thrown grenade 'Grenade', whoever detonated it, unless the text also names guns or heavier
    weapons (then it is a fight in which explosives were one means). Property blown up is no 'Looting/
    property destruction' either: the codebook keeps that type for destruction by other means. Only an
    'Attack', 'Armed clash' or property destruction by non-state forces is retyped: a state's bombs fall
    from aircraft ('Air/drone strike'), which detection types from its own words."""
    if sub_event_type not in _RETYPED_BY_MEANS or actor1_category == "state forces":
        return None
    kinds = {weapon_kind(w) for w in weapons}
    if kinds & _NOT_ONLY_EXPLOSIVES:
        return None
    if kinds & _EXPLOSIVE_KINDS:
        return "Remote explosive/landmine/IED"
    if "grenade" in kinds:
        return "Grenade"
    return None


def _shifted_event(event: Event, offset: int) -> Event:
    """The event with its trigger evidence moved into the re-parsed sentence's offsets."""
    if not offset:
        return event
    moved = [e.model_copy(update={"start": e.start - offset, "end": e.end - offset}) for e in event.evidence if e.field == "trigger" and e.start >= offset]
    return event.model_copy(update={"evidence": moved})
