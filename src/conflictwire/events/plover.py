"""PLOVER event type and mode, and CAMEO root code, for one event clause.

``code_clause`` reads a clause of the spaCy parse and returns a :class:`Coding`. Method, in order of trust:

1. The pattern lexicon ``data/plover_lexicon.tsv`` (lemma + part of speech + dependency cues, each row
   naming its PLOVER/CAMEO source), searched from the clause's main verb down the dependency tree, so the
   governing word decides: "threatened to impose a curfew" is THREATEN (mode curfew), "agreed to withdraw"
   AGREE, "demanded that X withdraw" DEMAND. Reporting verbs ("said", "announced") pass to their content
   clause; light verbs ("held talks", "staged a rally", "imposed a curfew") to their object noun.
   PLOVER's modality rules then apply to actions: a cooperative action promised or in the future is AGREE,
   a harmful one THREATEN (its mode from the threatened action); negated cooperation is REJECT; an action
   someone "must" or "should" take is DEMAND.
2. Where no pattern fires, the clause's similarity to each type's description (``data/plover_types.tsv``,
   written from the PLOVER specification) through the MiniLM encoder, when it is installed.
3. The CAMEO code comes from the lexicon row when it names one, else from the PLOVER type through the
   type table (PLOVER's CAMEO correspondences); ``cameo_root`` is its first two digits.

``code_event`` writes the result onto an Event from its trigger evidence; the ontology table's mapping
stays where the lexicon finds nothing. Documented in docs/ontology.md (PLOVER/CAMEO section).
"""

from __future__ import annotations

import functools
import heapq
from dataclasses import dataclass, field
from importlib import resources

import numpy as np

COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
# Material conflict: promised or future forms of these are threats (PLOVER THREATEN).
MATERIAL_CONFLICT = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"}

# Dependency labels.
OBJECT_DEPS = {"dobj", "obj", "nsubjpass", "attr", "oprd", "dative", "pobj"}
COMPLEMENT_DEPS = ("xcomp", "ccomp", "parataxis")
SKIP_DEPS = {"relcl", "appos", "punct", "det", "cc", "case", "predet", "quantmod", "nummod", "meta"}
# Search order among the children of one word: content clauses first, then objects, subjects, the rest.
_CHILD_ORDER = {"xcomp": 0, "ccomp": 0, "parataxis": 1, "dobj": 2, "obj": 2, "attr": 2, "oprd": 2, "nsubjpass": 3,
                "nsubj": 3, "prep": 4, "pobj": 4, "pcomp": 4, "acl": 5, "advcl": 6, "conj": 7, "agent": 4,
                "acomp": 2}

FUTURE_AUX = {"will", "shall", "would", "'ll", "wo"}
OBLIGATION_AUX = {"must", "should", "ought"}
# A word above the verb that puts it in the future: "is about to", "is set to", "is due to", "is going to".
FUTURE_HEADS = {"about", "set", "due", "poised", "going", "go"}

# The weapon or victim in a violent clause sets the mode (PLOVER 0.5b1 ASSAULT/FIGHT modes; CAMEO 18x/19x).
HEAVY_WEAPONS = {"artillery", "shell", "shelling", "mortar", "rocket", "missile", "tank", "aircraft", "warplane",
                 "helicopter", "gunship", "jet", "airstrike", "howitzer", "cannon", "air", "plane",
                 "drone", "bombardment"}
EXPLOSIVES = {"bomb", "bombing", "explosive", "explosion", "ied", "mine", "landmine", "grenade", "blast", "device",
              "dynamite", "car-bomb", "detonate", "explode"}
FIREARMS = {"gun", "gunfire", "gunman", "rifle", "pistol", "bullet", "shoot", "shot", "sniper", "machine-gun",
            "machinegun", "gunshot"}
PRIMITIVE = {"knife", "machete", "stab", "axe", "stone", "club", "hack", "sword", "spear", "arrow", "rock"}
OFFICIALS = {"leader", "chief", "minister", "official", "mayor", "governor", "president", "commander", "judge",
             "politician", "deputy", "head", "general", "envoy", "ambassador", "senator", "lawmaker", "legislator",
             "prosecutor", "councillor", "councilor", "premier", "king", "prince", "cleric", "journalist", "editor",
             "candidate", "chairman", "secretary", "activist", "colonel"}
KILL_VERBS = {"kill", "murder", "shoot", "slay", "gun", "assassinate"}


@dataclass(frozen=True)
class LexiconRow:
    """One row of the pattern lexicon."""

    lemma: str
    pos: str
    kind: str  # act, frame, intent, report, light
    cues: tuple[tuple[str, frozenset[str]], ...]
    plover_type: str | None
    plover_mode: str | None
    cameo: str | None
    source: str
    line: int

    @property
    def name(self) -> str:
        return f"{self.lemma}/{self.pos.lower()} (lexicon line {self.line})"


@dataclass(frozen=True)
class PloverType:
    """One PLOVER 0.5b1 event type: its CAMEO root and the description the similarity fallback reads."""

    name: str
    cameo_root: str
    description: str


@dataclass
class Coding:
    """PLOVER type and mode, CAMEO code, a score in 0-1 and what decided them."""

    plover_type: str | None
    plover_mode: str | None = None
    cameo_code: str | None = None
    score: float = 0.0
    evidence: list[str] = field(default_factory=list)
    method: str = "lexicon"  # lexicon, similarity, none
    trigger: object | None = None  # the spaCy token the coding came from, when there is one
    negated: bool = False
    future: bool = False

    @property
    def cameo_root(self) -> str | None:
        digits = "".join(ch for ch in str(self.cameo_code or "") if ch.isdigit())
        return digits[:2] if len(digits) >= 2 else None

    @property
    def trigger_span(self) -> tuple[int, int] | None:
        tok = self.trigger
        return (tok.idx, tok.idx + len(tok.text)) if tok is not None else None


# ---------------------------------------------------------------- data


def _data_lines(name: str) -> list[tuple[int, str]]:
    text = resources.files("conflictwire.events").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [(i, line) for i, line in enumerate(text.splitlines(), start=1) if line.strip() and not line.startswith("#")]


def _parse_cues(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    cues = []
    for part in text.split():
        key, _, values = part.partition("=")
        cues.append((key, frozenset(v for v in values.split("|") if v)))
    return tuple(cues)


@functools.lru_cache(maxsize=1)
def load_lexicon() -> dict[str, list[LexiconRow]]:
    """lemma -> its rows, rows with more cues first (the more specific pattern wins), then in file order."""
    lines = _data_lines("plover_lexicon.tsv")
    header = lines[0][1].split("\t")
    by_lemma: dict[str, list[LexiconRow]] = {}
    for number, line in lines[1:]:
        rec = dict(zip(header, line.split("\t")))
        row = LexiconRow(
            lemma=rec["lemma"].lower(), pos=rec["pos"], kind=rec["kind"], cues=_parse_cues(rec.get("cues") or ""),
            plover_type=rec.get("plover_type") or None, plover_mode=rec.get("plover_mode") or None,
            cameo=rec.get("cameo") or None, source=rec.get("source") or "", line=number,
        )
        by_lemma.setdefault(row.lemma, []).append(row)
    for rows in by_lemma.values():
        rows.sort(key=lambda r: (-len(r.cues), r.line))
    return by_lemma


@functools.lru_cache(maxsize=1)
def load_types() -> dict[str, PloverType]:
    """The 18 PLOVER 0.5b1 types in table order."""
    lines = _data_lines("plover_types.tsv")
    header = lines[0][1].split("\t")
    out = {}
    for _, line in lines[1:]:
        rec = dict(zip(header, line.split("\t")))
        out[rec["plover_type"]] = PloverType(rec["plover_type"], rec["cameo_root"], rec["description"])
    return out


def cameo_root_of(plover_type: str | None) -> str | None:
    """PLOVER type -> CAMEO root code (the type table's correspondence); None for an unknown type."""
    kind = load_types().get((plover_type or "").upper())
    return kind.cameo_root if kind else None


# ---------------------------------------------------------------- parse helpers


def _lemma(tok) -> str:
    return tok.lemma_.lower()


def _in(tok, sent) -> bool:
    return sent.start <= tok.i < sent.end


def _phrase_lemmas(tok, limit: int = 12) -> set[str]:
    """Lemmas (and lower-cased forms) of a phrase, not descending into relative clauses or appositions."""
    out, stack, seen = set(), [tok], 0
    while stack and seen < limit:
        t = stack.pop()
        seen += 1
        out.add(_lemma(t))
        out.add(t.lower_)
        stack.extend(c for c in t.children if c.dep_ not in {"relcl", "appos", "acl", "advcl", "punct"})
    return out


def _object_words(tok) -> set[str]:
    words: set[str] = set()
    has_object = False
    for child in tok.children:
        has_object = has_object or child.dep_ in {"dobj", "obj", "attr", "oprd", "dative"}
        if child.dep_ in OBJECT_DEPS:
            words |= _phrase_lemmas(child)
        elif child.dep_ in {"prep", "prt"} or (child.dep_ == "advmod" and child.lower_ in {"out", "off"}):
            for grand in child.children:
                if grand.dep_ in {"pobj", "pcomp"}:
                    words |= _phrase_lemmas(grand)
    if not has_object and tok.pos_ == "VERB":
        # a verb the parser left without an object ("froze the assets of ..." misparsed): the next words
        doc = tok.doc
        words |= {_lemma(t) for t in doc[tok.i + 1: min(tok.i + 5, tok.sent.end)]}
    return words


def _subject_words(tok) -> set[str]:
    for cur in (tok, tok.head):
        subjects = [c for c in cur.children if c.dep_ in {"nsubj", "nsubjpass", "agent"}]
        if subjects:
            words: set[str] = set()
            for s in subjects:
                words |= _phrase_lemmas(s, limit=6)
            return words
        if cur.head.i == cur.i:
            break
    return set()


def _governing_verb(tok):
    cur = tok
    for _ in range(3):
        if cur.pos_ in {"VERB", "AUX"} or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _joint_subject(tok) -> bool:
    verb = _governing_verb(tok)
    for s in verb.children:
        # "X and Y", or "French and Egyptian warships"
        if s.dep_ in {"nsubj", "nsubjpass"} and any(c.dep_ == "conj" for c in s.subtree if c.i - s.i < 8):
            return True
    return any(_lemma(c) in {"joint", "combined", "bilateral"} for c in tok.children)


def _modality(tok) -> tuple[bool, bool, bool]:
    """(negated, future, obligation) of a verb or of the verb governing a noun."""
    verb = tok if tok.pos_ in {"VERB", "AUX", "ADJ"} else _governing_verb(tok)
    negated = future = obligation = False
    for cur in (verb, verb.head) if verb.dep_ in {"xcomp", "acomp"} else (verb,):
        for child in cur.children:
            word = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "advmod" and word in {"never"}):
                negated = True
            if child.dep_ in {"aux", "auxpass"} and (word in FUTURE_AUX or _lemma(child) in FUTURE_AUX):
                future = True
            if child.dep_ in {"aux", "auxpass"} and word in OBLIGATION_AUX:
                obligation = True
    head = verb.head
    if head.i != verb.i:
        if _lemma(head) in FUTURE_HEADS and verb.dep_ in {"xcomp", "pcomp", "pobj"}:
            future = True
        if head.dep_ == "acomp" and _lemma(head.head) == "be" and _lemma(head) in FUTURE_HEADS:
            future = True
        if _lemma(head) == "fail" and verb.dep_ == "xcomp":
            negated = True
        if _lemma(head) in {"have", "need"} and verb.dep_ == "xcomp":
            obligation = obligation or _lemma(head) == "need" or any(c.dep_ == "aux" for c in verb.children)
    return negated, future, obligation


def _cue_holds(key: str, values: frozenset[str], tok, sent) -> bool:
    if key == "obj":
        words = _object_words(tok)
        return bool(words & values) if values else any(c.dep_ in {"dobj", "obj", "dative"} for c in tok.children)
    if key == "noobj":
        return not any(c.dep_ in {"dobj", "obj"} for c in tok.children)
    if key == "prt":
        return any(c.lower_ in values for c in tok.children if c.dep_ in {"prt", "prep", "advmod", "acomp", "oprd"})
    if key == "prep":
        return any(c.lower_ in values for c in tok.children if c.dep_ in {"prep", "agent", "dative"})
    if key == "mod":
        words = {w for c in tok.children if c.dep_ in {"compound", "amod", "nmod", "poss", "npadvmod", "advmod", "prep"}
                 for w in ((_lemma(c), c.lower_) if c.dep_ != "prep" else
                           tuple(x for g in c.children for x in (_lemma(g), g.lower_)))}
        # hyphenated pre-modifiers ("air-strike", "hunger-strike") come apart in the tokenizer
        if tok.i >= 2 and tok.doc[tok.i - 1].text == "-":
            words |= {_lemma(tok.doc[tok.i - 2]), tok.doc[tok.i - 2].lower_}
        return bool(words & values)
    if key == "subj":
        return bool(_subject_words(tok) & values)
    if key == "co":
        return any(_lemma(t) in values or t.lower_ in values for t in sent if t.i != tok.i)
    if key == "jointsubj":
        return _joint_subject(tok)
    if key == "toinf":
        return any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                   for c in tok.children)
    if key == "futurecomp":
        return any(c.dep_ in COMPLEMENT_DEPS and _modality(c)[1] for c in tok.children)
    if key == "thatcomp":
        return any(_finite_clause(c) for c in tok.children if c.dep_ == "ccomp")
    return False


def _finite_clause(tok) -> bool:
    """A content clause with "that" or a finite verb ("allowed that the talks failed"), not an infinitive
    the parser made a ccomp ("allowed inspectors to enter")."""
    kids = list(tok.children)
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in kids):
        return True
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
        return False
    return tok.tag_ in {"VBD", "VBZ", "VBP", "MD"} or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBD", "VBZ", "VBP", "MD"} for c in kids)


def _verb_tagged_as_noun(tok) -> bool:
    """A clause head the tagger called a noun but the parser gave a subject ("insisted that the president resign")."""
    return tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in {"ccomp", "xcomp", "ROOT", "conj", "advcl"} and any(
        c.dep_ == "nsubj" for c in tok.children)


# Verbs whose "that"-clause in the base form is a demand ("insisted that the minister resign").
MANDATIVE = {"insist", "suggest", "propose", "recommend", "ask", "urge", "request", "stipulate", "demand", "order"}


def _mandative_clause(tok) -> bool:
    if _lemma(tok) not in MANDATIVE:
        return False
    for c in tok.children:
        # base form: "VB", or a verb the tagger read as a noun or a plural present ("that the dean resign")
        if c.dep_ == "ccomp" and not any(a.dep_ in {"aux", "auxpass"} for a in c.children) and (
                c.tag_ in {"VB", "VBP", "NN"} and _lemma(c) not in {"be", "have", "do"}):
            return True
    return False


_POS_OK = {"VERB": {"VERB"}, "NOUN": {"NOUN", "PROPN"}, "ADJ": {"ADJ", "VERB"}}


def match_row(tok, sent) -> LexiconRow | None:
    """The first lexicon row whose lemma, part of speech and cues fit the token."""
    lexicon = load_lexicon()
    keys = [_lemma(tok)] + ([tok.lower_] if tok.lower_ != _lemma(tok) else [])
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-":  # the tokenizer splits "sit-in", "cease-fire"
        keys.insert(0, f"{tok.lower_}-{doc[tok.i + 2].lower_}")
    candidates = [row for key in keys for row in lexicon.get(key, [])]
    for row in candidates:
        if row.pos != "ANY" and tok.pos_ not in _POS_OK.get(row.pos, {row.pos}) and not (
                row.pos == "VERB" and _verb_tagged_as_noun(tok)):
            continue
        if all(_cue_holds(key, values, tok, sent) for key, values in row.cues):
            return row
    return None


# "after crowds burned the embassy", "since the coup toppled him": background to the clause's own event.
BACKGROUND_MARKS = {"after", "before", "since", "when", "while", "as", "because", "until", "although", "though", "once"}


def _background_clause(tok) -> bool:
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in tok.children)


def _search(start, sent, skip_self: bool = False):
    """Tokens below ``start`` (itself first), nearest first, content clauses before objects before the rest.

    A coordinated clause counts one step further than it stands, so that the first conjunct's own complement
    ("is about to [restore] ties ... and crowds trashed ...") is reached before the second conjunct."""
    heap = [(0, 0, start.i, start)]
    seen = {start.i}
    first = True
    while heap:
        cost, _, _, tok = heapq.heappop(heap)
        if not (first and skip_self):
            yield tok
        first = False
        children = [c for c in tok.children if c.dep_ not in SKIP_DEPS and _in(c, sent) and c.i not in seen
                    and not _background_clause(c)]
        for c in children:
            seen.add(c.i)
            step = 2 if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"} else 1
            heapq.heappush(heap, (cost + step, _CHILD_ORDER.get(c.dep_, 8), c.i, c))


# ---------------------------------------------------------------- coding


RIOTERS = {"rioter", "protester", "protestor", "demonstrator", "mob", "crowd", "youth", "marcher", "student"}
# Who organises a protest: PLOVER's demo-org/riot-org need "clear leadership or organization(s)".
ORGANISERS = {"union", "party", "organization", "organisation", "movement", "association", "federation", "coalition",
              "front", "council", "committee", "alliance", "league", "congress", "syndicate", "opposition", "group"}


def _refine_mode(coding: Coding, tok, sent) -> None:
    """Modes the row leaves to the clause: who organised a protest, whose forces mobilise, and (below)
    the weapons and victims of violence."""
    if coding.plover_type == "PROTEST" and coding.plover_mode in {"demo-spon", "riot-spon"}:
        # the organisation itself must be the subject ("the union staged"), not a modifier ("activists from a party")
        verb = _governing_verb(tok)
        heads = {_lemma(c) for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}}
        heads |= {_lemma(g) for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for g in c.children
                  if g.dep_ == "conj"}
        organised = bool(heads & ORGANISERS) or any(_lemma(t) in {"organize", "organise", "call", "lead"} and
                                                      any(c.dep_ == "agent" for c in t.children) for t in sent)
        if organised:
            coding.plover_mode = coding.plover_mode.replace("-spon", "-org")
            coding.evidence.append("an organisation leads the protest: mode " + coding.plover_mode)
    if coding.plover_type in {"COERCE", "ASSAULT"} and coding.plover_mode in {None, "destroy", "beat", "primitive"}:
        # violence and destruction by protesters or a crowd is a riot (PLOVER PROTEST riot; CAMEO 145)
        subject = _subject_words(tok)
        if subject & RIOTERS and not subject & {"police", "soldier", "troop", "army", "force"}:
            coding.plover_type, coding.plover_mode, coding.cameo_code = "PROTEST", "riot-spon", "145"
            coding.evidence.append("violence by protesters or a crowd: PROTEST riot (CAMEO 145)")
            return
    if coding.plover_type == "MOBILIZE" and coding.plover_mode == "troops":
        if (_object_words(tok) | _subject_words(tok)) & {"police", "policeman", "gendarme", "gendarmerie"}:
            coding.plover_mode = "police"
    _refine_violence(coding, tok, sent)


def _refine_violence(coding: Coding, tok, sent) -> None:
    """Weapon and victim words set an ASSAULT/FIGHT mode the row left open (PLOVER modes, CAMEO 18x/19x)."""
    words = {_lemma(t) for t in sent} | {t.lower_ for t in sent}
    if coding.plover_type == "CONSULT" and not coding.plover_mode:
        # PLOVER CONSULT modes: who travelled, who hosted (CAMEO 042/043)
        if words & {"visit", "visiting", "trip", "arrive", "tour"}:
            coding.plover_mode, coding.cameo_code = "visit", "042"
        elif words & {"host", "hosted", "hosting"}:
            coding.plover_mode, coding.cameo_code = "host", "043"
        return
    if coding.plover_type not in {"ASSAULT", "FIGHT"}:
        return
    if "suicide" in words and coding.plover_mode in {None, "explosives", "beat"}:
        coding.plover_type, coding.plover_mode, coding.cameo_code = "ASSAULT", "suicide-attack", "1831"
        coding.evidence.append("mode from the clause's weapon words: suicide-attack")
        return
    if coding.plover_mode not in {None, "beat"}:
        return
    if coding.plover_mode == "beat" and not words & {"sexually", "sexual", "rape", "torture"}:
        return
    if "suicide" in words:
        coding.plover_type, coding.plover_mode, coding.cameo_code = "ASSAULT", "suicide-attack", "1831"
    elif words & {"sexually", "sexual", "rape"}:
        coding.plover_type, coding.plover_mode, coding.cameo_code = "ASSAULT", "sexual", "1821"
    elif "torture" in words:
        coding.plover_type, coding.plover_mode, coding.cameo_code = "ASSAULT", "torture", "1822"
    elif words & HEAVY_WEAPONS:
        coding.plover_type, coding.plover_mode, coding.cameo_code = "FIGHT", "heavy-weapons", "194"
    elif words & EXPLOSIVES:
        coding.plover_type, coding.plover_mode, coding.cameo_code = "ASSAULT", "explosives", "183"
    elif _lemma(tok) in KILL_VERBS and _object_words(tok) & OFFICIALS:
        coding.plover_type, coding.plover_mode, coding.cameo_code = "ASSAULT", "assassinate", "186"
    elif words & FIREARMS:
        coding.plover_mode = "firearms"
    elif words & PRIMITIVE:
        coding.plover_mode = "primitive"
    else:
        return
    coding.evidence.append(f"mode from the clause's weapon/victim words: {coding.plover_mode}")


def threat_mode(action: Coding | None) -> str | None:
    """The PLOVER THREATEN mode of a threatened action (PLOVER 0.5b1 THREATEN modes; CAMEO 13x)."""
    if action is None or not action.plover_type:
        return None
    t, m = action.plover_type, action.plover_mode
    if t in {"ASSAULT", "FIGHT"}:
        return "territory" if m == "occupy" else "violence"
    if t == "COERCE":
        return {"curfew": "curfew", "martial-law": "martial-law", "ban": "ban", "restrict": "restrict",
                "censor": "restrict", "withhold": "restrict", "arrest": "arrest", "deport": "expel",
                "destroy": "violence"}.get(m or "")
    if t == "SANCTION":
        if m == "expel":
            return "expel"
        return "restrict" if (action.cameo_code or "").startswith("163") else "relations"
    if t == "MOBILIZE":
        return "violence"
    return None


def _from_row(row: LexiconRow, tok, depth: int) -> Coding:
    return Coding(
        plover_type=row.plover_type, plover_mode=row.plover_mode,
        cameo_code=row.cameo or cameo_root_of(row.plover_type), score=max(0.6, 0.95 - 0.05 * depth),
        evidence=[f"{row.kind} {row.name}: {row.source}"], trigger=tok,
    )


def _complement(tok, sent, depth: int) -> Coding | None:
    """The coded action a frame or intent word governs (its xcomp/ccomp clause, else its object)."""
    kids = [c for c in tok.children if _in(c, sent)]
    # an infinitive the parser attached as an adverbial clause ("swore to fight") is a complement too
    infinitives = [c for c in kids if c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    ordered = [c for c in kids if c.dep_ in COMPLEMENT_DEPS] + infinitives + [c for c in kids if c.dep_ == "acl"] + [c for c in kids if c.dep_ in {"dobj", "obj", "attr"}] + \
              [g for c in kids if c.dep_ in {"prep", "acomp"} for g in c.children if g.dep_ in {"pobj", "pcomp", "xcomp"}] + \
              [g for c in kids if c.dep_ == "acomp" for g in c.children]
    for c in ordered:
        found = _code_from(c, sent, depth + 1)
        if found is not None and found.plover_type:
            return found
    return None


def _apply_modality(coding: Coding, tok) -> Coding:
    """PLOVER's reading of an action under negation, future/promise and obligation."""
    negated, future, obligation = _modality(tok)
    coding.negated, coding.future = negated, future
    t = coding.plover_type
    if obligation:
        coding.evidence.append("obligation (must/should): DEMAND")
        coding.plover_type, coding.plover_mode, coding.cameo_code = "DEMAND", None, "10"
    elif negated and t in COOPERATIVE:
        coding.evidence.append("negated cooperation: REJECT (CAMEO 12)")
        coding.plover_type, coding.plover_mode, coding.cameo_code = "REJECT", None, "12"
    elif future and not negated and t in COOPERATIVE and t != "AGREE":
        coding.evidence.append("cooperative action in the future: AGREE (PLOVER AGREE, CAMEO 03)")
        coding.plover_type, coding.plover_mode, coding.cameo_code = "AGREE", None, "03"
    elif future and not negated and t in MATERIAL_CONFLICT:
        mode = threat_mode(coding)
        coding.evidence.append(f"harmful action in the future: THREATEN (CAMEO 13), mode {mode}")
        coding.plover_type, coding.plover_mode, coding.cameo_code = "THREATEN", mode, "13"
    return coding


def _code_token(tok, sent, depth: int) -> Coding | None:
    """The coding a token itself carries (None when it is no trigger, or only passes to its children)."""
    row = match_row(tok, sent)
    if row is not None and row.kind == "report" and _mandative_clause(tok):
        return Coding("DEMAND", None, "10", max(0.6, 0.9 - 0.05 * depth),
                      [f"'{tok.text} that ...' with a base-form verb (a mandative clause): DEMAND (CAMEO 10)"], trigger=tok)
    if row is None or row.kind in {"report", "light"}:
        if tok.pos_ in {"VERB", "AUX"} and (row is None or row.kind == "light") and _modality(tok)[2] and depth <= 2:
            # "X must allocate resources": an action somebody must take is a demand (PLOVER DEMAND).
            return Coding("DEMAND", None, "10", max(0.6, 0.85 - 0.05 * depth),
                          [f"obligation modal on '{tok.text}': DEMAND (CAMEO 10)"], trigger=tok)
        return None
    coding = _from_row(row, tok, depth)
    if row.kind == "frame":
        if coding.plover_type == "THREATEN" and not coding.plover_mode:
            action = _complement(tok, sent, depth)
            coding.plover_mode = threat_mode(action)
            if action is not None:
                coding.evidence.append(f"threatened action: {action.plover_type} {action.plover_mode or ''}".rstrip())
        coding.negated = _modality(tok)[0]
        if coding.negated and coding.plover_type in COOPERATIVE:
            # "failed to agree", "did not endorse": cooperation refused (CAMEO 12)
            coding.evidence.append("negated cooperation: REJECT (CAMEO 12)")
            coding.plover_type, coding.plover_mode, coding.cameo_code = "REJECT", None, "12"
        return coding
    if row.kind == "intent":
        action = _complement(tok, sent, depth)
        complements = [c for c in tok.children if c.dep_ in {"xcomp", "ccomp"}]
        others_act = any(any(g.dep_ == "nsubj" for g in c.children) for c in complements) or (
            complements and any(c.dep_ in {"dobj", "obj"} for c in tok.children))
        if tok.pos_ == "VERB" and others_act:
            # "wants the authorities to return the bodies": someone else's action is wanted, a demand
            coding.plover_type, coding.plover_mode, coding.cameo_code = "DEMAND", None, "10"
            coding.evidence.append("wanted action of another actor: DEMAND (CAMEO 10)")
            return coding
        if action is None or action.plover_type in {"AGREE"}:
            return coding
        is_verb_prepare = _lemma(tok) == "prepare" and tok.pos_ == "VERB" and not any(
            _lemma(c) == "be" for c in tok.children if c.dep_ in {"aux", "auxpass"})
        if is_verb_prepare and action.plover_type in {"ASSAULT", "FIGHT"}:
            # Getting forces ready to strike is a show of force, not a statement (PLOVER MOBILIZE).
            mode = "weapons" if action.plover_mode == "heavy-weapons" else "troops"
            coding.plover_type, coding.plover_mode, coding.cameo_code = "MOBILIZE", mode, "15"
        elif action.plover_type in COOPERATIVE or action.negated:
            coding.plover_type, coding.plover_mode, coding.cameo_code = "AGREE", None, "03"
        elif action.plover_type in MATERIAL_CONFLICT:
            coding.plover_type, coding.plover_mode, coding.cameo_code = "THREATEN", threat_mode(action), "13"
        else:  # a verbal act promised ("vowed to reject") keeps its own type
            coding.plover_type, coding.plover_mode, coding.cameo_code = action.plover_type, action.plover_mode, action.cameo_code
        coding.evidence.append(f"intended action: {action.plover_type} -> {coding.plover_type}")
        return coding
    _refine_mode(coding, tok, sent)
    return _apply_modality(coding, tok)


def _code_from(start, sent, depth: int = 0, skip_self: bool = False) -> Coding | None:
    """The first coding found searching down from ``start``."""
    for tok in _search(start, sent, skip_self):
        d = depth + _distance(start, tok)
        coding = _code_token(tok, sent, d)
        if coding is not None:
            return coding
    return None


def _distance(ancestor, tok) -> int:
    d, cur = 0, tok
    while cur.i != ancestor.i and cur.head.i != cur.i and d < 20:
        cur, d = cur.head, d + 1
    return d


def _governing_frame(trigger, sent) -> Coding | None:
    """A frame or intent word up to three steps above a trigger ("threatened to [attack]") governs it."""
    cur = trigger
    for _ in range(3):
        if cur.head.i == cur.i or not _in(cur.head, sent):
            return None
        if cur.dep_ not in {"xcomp", "ccomp", "dobj", "pobj", "pcomp", "prep", "acomp"}:
            return None
        cur = cur.head
        row = match_row(cur, sent)
        if row is not None and row.kind in {"frame", "intent"}:
            return _code_token(cur, sent, 0)
    return None


def _sentence_root(sent):
    roots = [t for t in sent if t.head.i == t.i or not _in(t.head, sent)]
    return roots[0] if roots else sent[0]


def code_clause(sent, trigger=None, use_similarity: bool = True) -> Coding:
    """PLOVER type and mode, CAMEO code, score and evidence for one clause (a spaCy Span).

    With a ``trigger`` token (the event word a detector found), a frame word governing it decides first,
    then the trigger and what it governs; without one, the search starts at the clause's main verb.
    """
    coding = None
    if trigger is not None:
        coding = _governing_frame(trigger, sent) or _code_from(trigger, sent)
    if coding is None:
        coding = _code_from(_sentence_root(sent), sent)
    if coding is not None and coding.plover_type:
        if not coding.cameo_code:
            coding.cameo_code = cameo_root_of(coding.plover_type)
        return coding
    if use_similarity:
        found = similar_type(sent.text)
        if found is not None:
            return found
    return Coding(None, method="none", evidence=["no lexicon pattern and no encoder"])


# ---------------------------------------------------------------- similarity fallback


@functools.lru_cache(maxsize=1)
def _type_embeddings() -> tuple[list[str], np.ndarray]:
    from . import encoder

    kinds = list(load_types().values())
    return [k.name for k in kinds], encoder.encode([k.description for k in kinds])


def similar_type(text: str) -> Coding | None:
    """The PLOVER type whose description is nearest the text (cosine of MiniLM embeddings), or None
    when the encoder is not installed. The score is the cosine, which stays low: a weak guess."""
    from . import encoder

    if not text.strip() or not encoder.available():
        return None
    names, desc = _type_embeddings()
    sims = encoder.encode([text])[0] @ desc.T
    best = int(np.argmax(sims))
    name = names[best]
    return Coding(name, None, cameo_root_of(name), score=float(max(0.0, min(0.5, sims[best]))),
                  evidence=[f"nearest type description ({name}, cosine {sims[best]:.2f})"], method="similarity")


# ---------------------------------------------------------------- texts and events


def _plainly_negated(tok) -> bool:
    """A trigger whose own verb (or the verb its noun depends on) carries "not"/"never"; "failed to" is left
    out on purpose: a failed attack still happened."""
    if tok is None:
        return False
    verb = tok if tok.pos_ in {"VERB", "AUX", "ADJ"} else _governing_verb(tok)
    heads = (verb, verb.head) if verb.dep_ in {"xcomp", "acomp"} else (verb,)
    # "did not even ever clash": the parser may hang "not" on an adverb of the verb
    words = [c for h in heads for c in h.children] + [g for h in heads for c in h.children if c.dep_ == "advmod"
                                                      for g in c.children]
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in words)


def main_clause(doc) -> tuple[object, Coding]:
    """The sentence of a parsed text that the lexicon codes most surely, with its coding (first sentence
    on ties; the similarity fallback reads the first sentence when no pattern fires anywhere)."""
    best_sent, best, negated = None, None, None
    sentences = list(doc.sents)
    for sent in sentences:
        coding = code_clause(sent, use_similarity=False)
        if coding.plover_type and coding.plover_type != "REJECT" and _plainly_negated(coding.trigger):
            # "did not clash", "will never recognise": nothing happened (issue 8: negated events are no
            # events; CAMEO has no negated codes). Refused cooperation was already made REJECT.
            negated = negated or (sent, coding)
            continue
        if coding.plover_type and (best is None or coding.score > best.score):
            best_sent, best = sent, coding
    if best is not None:
        return best_sent, best
    if negated is not None:
        sent, coding = negated
        return sent, Coding(None, method="none", evidence=[f"negated event: {coding.evidence[0] if coding.evidence else ''}"],
                            trigger=coding.trigger, negated=True)
    first = sentences[0] if sentences else doc[:]
    return first, code_clause(first)


def _trigger_token(event, doc):
    for ev in event.evidence:
        if ev.field == "trigger":
            span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
            if span is not None and len(span):
                return span.root
    for ev in event.evidence:
        if ev.field == "event":
            span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
            if span is not None and len(span):
                return span.root
    return None


def code_event(event, doc) -> None:
    """Set an Event's plover_type, plover_mode and cameo_code (two-digit root) from its trigger clause.

    Only a lexicon pattern overrides what the ontology table gave the event's ACLED type; the similarity
    fallback never does (the detector's type is the better guess then). The schema has no field for the
    deciding rule: ``code_clause`` on the trigger's sentence gives it again, with its evidence.
    """
    if doc is None:
        return
    trigger = _trigger_token(event, doc)
    if trigger is None:
        return
    coding = code_clause(trigger.sent, trigger=trigger, use_similarity=False)
    if coding.method != "lexicon" or not coding.plover_type:
        return
    if coding.plover_type != event.plover_type or coding.plover_mode:
        # same type and no mode of its own: the ontology row's mode stays
        event.plover_mode = coding.plover_mode
    event.plover_type = coding.plover_type
    event.cameo_code = coding.cameo_root or event.cameo_code
