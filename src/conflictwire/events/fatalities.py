"""Fatalities: how many died in an event, read from the words tied to a death.

A count is read only where it is tied, on the dependency parse, to a death word: the victims of
kill / murder / execute / massacre (active object, passive subject, or the noun a participle modifies),
shot / stabbed / beaten "dead" or "to death", gunned down, the subject of die / perish / succumb /
lose their lives, nouns modified by dead / lifeless, bodies / corpses / remains, "N deaths", "the killing
of N", "death toll ... N". Wounded and injured are never death words, so "12 killed, 20 injured" gives 12.

**How a phrase becomes low / best / high** (``parse_count``):

| phrase | low | best | high |
|---|---|---|---|
| "12", "twelve", "a dozen", "a man", "the mayor", "a couple" | n | n | n |
| "at least 12", "12 or more", "no fewer than 12" | 12 | 12 | — |
| "more than 20", "over 20" | 21 | 21 | — |
| "up to 30", "as many as 30", "at most 30" | — | 30 | 30 |
| "about / nearly / some 30" | — | 30 | — |
| "between 5 and 7", "5 to 7", "5-7" | 5 | 5 | 7 |
| vague: "dozens" 24, "scores" 40, "hundreds" 200, "thousands" 2000, "several" 3, "a few" / "many" / a bare plural 2 | that | that | — |

Vague words give the least they assert (conservative, as ACLED's coding is; note ACLED's own defaults for
"several/many" (10), "dozens" (12) and "hundreds" (100) are higher). Coordinated victims are added
("3 soldiers and 2 civilians" = 5); victims after "including" / "among them" are a subset and are not.

**Which count belongs to the event, and conflicting reports** (``find_fatalities``): the event's clause
is read first, then the rest of its sentence, then (for a "death toll" sentence only) the next sentence.
Within that scope every death mention is a report of the *same* deaths: counts are never added up across
mentions. When the reports differ: a toll update ("the toll rose to 30") wins as best; otherwise best is
the lowest count among the mentions tied to the event's trigger (or among all, if none is), low is the
lowest low and high the highest figure reported. 0 when the scope says nobody died ("no one was
killed", "no casualties") and no death is reported; null when it says nothing about deaths.

**Counts over several events** (``is_tally``, ``spread_over_events``): a running count over weeks or months
("89 murders in August") is no event's toll and gives null. A count the sentence spreads over several separate
acts ("two men murdered in different events", "7 killed in 3 shootouts", "in less than 24 hours", "jornada
violenta deja 12 muertos") is not one event's either: the event gets the least it can have, low 1 / best 1,
and the whole count as high (as ACLED and UCDP code one event per act, place and day; the same "least the text
asserts" rule as for vague words). A single death is always one event's.

**Headlines read by word order** (``find_mentions_surface``): the small parser misreads many headlines
("3 Killed in ..." with the number as a list marker, "Soldiers murder teenager" with murder as a noun,
"a corpse bagged" with the corpse as a compound). Where the parse ties no death to the clause or the
sentence, the words are read in order with the same vocabulary (``fatality_words.json``, ``surface_*``):
a count or a person noun beside a death word ("Three men found murdered", "kills 1, injures 3"),
"leaves N dead", bodies and remains, counted killings ("double homicide", "8 killings"), a singular
auxiliary ("... and is murdered" = 1), "takes the life of", "deprived of their lives", a participle used
as a noun ("an 'executed' appears" = 1), "claims its third victim" = 3. Coordinated victims add up
("2 men, one teenager found dead" = 3), a wounded conjunct does not, and ages ("a 19-year-old") and
limits ("a girl under 12") are never counts. On a short text (a headline, up to 24 tokens) an exact
count read this way also overrules a parse reading that differs, unless the parse read a toll update:
the parser's usual slip there is tying the death word to the wrong noun ("CDN ambushed by CDG, 5 dead"
read as one dead). Long sentences keep the parse.

Headlines in Spanish and Portuguese (common in Mexican and Brazilian sources) get a small word-level
reading of their own ("Asesinan a 2 personas", "Hallan cuerpo sin vida"): victims after an active verb
add up over commas and "y" ("a mamá, abuela y dos niños" = 4) until another verb starts another act
("asesinan a un hombre y hieren a su pareja" = 1); a number beside a singular cue is the count
("hallan sin vida a dos mujeres" = 2; "triple asesinato" = 3); "lo matan" is one. A passive or an
intransitive verb counts its subject, conjuncts added ("padre y dos de sus hijos fueron asesinados" = 3,
"duas pessoas morrem" = 2); severed heads and skulls count the people they belonged to ("dejan dos cabezas").
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).parent / "data"

_UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "another": 1, "two": 2, "both": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Quantity words: (value, exact?). Vague words give the least they assert.
_QUANTITIES = {
    "dozen": (12, True), "a dozen": (12, True), "half a dozen": (6, True), "couple": (2, True), "a couple": (2, True),
    "pair": (2, True), "a pair": (2, True), "score": (20, True), "a score": (20, True),
    "dozens": (24, False), "scores": (40, False), "hundreds": (200, False), "thousands": (2000, False),
    "several": (3, False), "a few": (2, False), "few": (2, False), "many": (2, False), "numerous": (2, False),
    "multiple": (2, False), "a number": (2, False), "some": (2, False), "various": (2, False),
}

_NUMBER_WORD = "|".join(sorted(list(_UNITS) + list(_TENS) + list(_SCALES), key=len, reverse=True))
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:(?:{_NUMBER_WORD})(?:[\s-]+(?:and\s+)?(?:{_NUMBER_WORD}))*))"
_QUANT = "|".join(re.escape(q) for q in sorted(_QUANTITIES, key=len, reverse=True))


@dataclass(frozen=True)
class Count:
    """A fatality figure read from one phrase."""

    low: int | None
    best: int | None
    high: int | None
    exact: bool = True  # False for vague words and bare plurals


@dataclass
class Mention:
    """One death mention: the count, the words it came from, and whether it is a toll update."""

    count: Count
    start: int  # character offsets into the article text
    end: int
    cue: str
    update: bool = False
    on_trigger: bool = False
    victims: tuple[int, ...] = ()
    group: int = -1  # token index of the clause the cue's verb is coordinated under
    weak: bool = False  # "her body": someone already counted, used only when nothing else is said


@dataclass
class FatalityCount:
    low: int | None
    best: int | None
    high: int | None
    mentions: list[Mention] = field(default_factory=list)

    @property
    def spans(self) -> list[tuple[int, int]]:
        return [(m.start, m.end) for m in self.mentions]


@functools.lru_cache(maxsize=1)
def words() -> dict:
    with open(DATA / "fatality_words.json", encoding="utf-8") as fh:
        data = json.load(fh)
    data["zero_res"] = [re.compile(p, re.I) for p in data["zero_patterns"]]
    data["tally_res"] = [re.compile(p, re.I) for p in data["tally_period_patterns"]]
    data["spread_res"] = [re.compile(p, re.I) for p in data["spread_patterns"]]
    # Kill-verb phrases by first word, in file order: the reader tries them at every word of every sentence.
    data["kill_verbs_by_first"] = {}
    for phrase in data["surface_kill_verbs"]:
        parts = phrase.split()
        data["kill_verbs_by_first"].setdefault(parts[0], []).append(parts)
    return data


def number_value(text: str) -> int | None:
    """'12', '1,200', 'twelve', 'twenty-five', 'one hundred and twenty' -> int; None if not a number."""
    text = text.strip().lower()
    if not text:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", text):
        return int(text.replace(",", ""))
    if re.fullmatch(r"\d+\.\d+", text):
        return int(float(text))
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s-]+", text):
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_count(phrase: str) -> Count | None:
    """Read a count and its bounds from the words before (and of) a victim noun; None if there is none."""
    text = re.sub(r"\s+", " ", phrase.lower()).strip()
    text = text.replace("–", "-").replace("—", "-")
    m = re.search(rf"\bbetween ({_NUM}) and ({_NUM})\b", text) or re.search(
        rf"(?<![\w,.])({_NUM}) ?(?:to|-|or) ?({_NUM})(?![\w,])", text
    )
    if m:
        a, b = number_value(m.group(1)), number_value(m.group(2))
        if a is not None and b is not None and a < b:
            return Count(a, a, b)
    m = re.search(rf"\b(?:at least|no fewer than|no less than|not less than|a minimum of|minimum of) ({_NUM})\b", text)
    if m or (m := re.search(rf"(?<![\w,.])({_NUM}) (?:or more|and more|plus)\b|(?<![\w,.])(\d+)\+", text)):
        n = number_value(next(g for g in m.groups() if g))
        if n is not None:
            return Count(n, n, None)
    m = re.search(rf"\b(?:more than|over|upwards of|in excess of|above) ({_NUM})\b", text)
    if m and (n := number_value(m.group(1))) is not None:
        return Count(n + 1, n + 1, None)
    m = re.search(rf"\b(?:up to|as many as|at most|no more than|a maximum of) ({_NUM})\b", text)
    if m and (n := number_value(m.group(1))) is not None:
        return Count(None, n, n)
    m = re.search(rf"\b(?:fewer than|less than|under) ({_NUM})\b", text)
    if m and (n := number_value(m.group(1))) is not None and n > 1:
        return Count(None, n - 1, n - 1)
    m = re.search(rf"\b(?:about|around|nearly|almost|approximately|roughly|some|an estimated|estimated|close to|perhaps|possibly) ({_NUM})\b", text)
    if m and (n := number_value(m.group(1))) is not None and not re.fullmatch(r"an?|one|another|single", m.group(1)):
        return Count(None, n, None)
    m = re.search(rf"(?<![\w-])({_QUANT})(?![\w-])", text)
    if m:
        value, exact = _QUANTITIES[m.group(1)]
        return Count(value, value, value) if exact else Count(value, value, None, exact=False)
    for m in re.finditer(rf"(?<![\w,.-])({_NUM})(?![\w,-])", text):
        n = number_value(m.group(1))
        if n is not None:
            return Count(n, n, n)
    return None


# --- reading the parse ---------------------------------------------------------------------------


def _lower_lemma(token) -> str:
    return token.lemma_.lower()


def _nounish(token) -> bool:
    return token.pos_ in ("NOUN", "PROPN", "NUM", "PRON") or token.like_num


def _np_count(token) -> Count | None:
    """The count of one victim noun phrase (without its coordinated parts)."""
    lemma = token.text.lower()
    if lemma in ("nobody", "none", "no-one") or (lemma == "one" and any(c.lower_ == "no" for c in token.children)):
        return Count(0, 0, 0)
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return Count(0, 0, 0)
    doc = token.doc
    # The words from the phrase's left edge to the noun: "at least 12 people", "between 5 and 7 soldiers".
    left = token.left_edge.i
    for child in token.children:
        if child.dep_ in ("prep", "relcl", "acl", "appos", "conj", "cc", "punct") and child.i < token.i:
            left = max(left, child.right_edge.i + 1)
    phrase = doc[left : token.i + 1].text
    # "dozens of people", "scores of civilians": the quantity word is the head.
    if token.like_num or token.pos_ == "NUM" or lemma in _QUANTITIES:
        right = token.i + 1
        if right < len(doc) and doc[right].lower_ in ("or", "and", "plus") and right + 1 < len(doc) and doc[right + 1].lower_ == "more":
            phrase += " or more"
        return parse_count(phrase)
    count = parse_count(phrase)
    if count is not None:
        return count
    if token.pos_ == "PRON":
        if lemma in ("he", "she", "him", "her"):
            return Count(1, 1, 1)
        if lemma in ("they", "them"):
            return Count(2, 2, None, exact=False)
        return None
    if lemma in ("couple", "pair"):
        return Count(2, 2, 2)
    if lemma == "remains":
        # "Human remains" are at least one person's.
        return Count(1, 1, None, exact=False)
    if lemma in ("family", "families", "group", "couple"):
        # "a family of five", "a group of six": the count is in the 'of' phrase.
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        number = next((g for g in of.children if g.dep_ == "pobj" and (g.like_num or g.pos_ == "NUM")), None) if of is not None else None
        if number is not None and (n := number_value(number.text)) is not None:
            return Count(n, n, n)
    if lemma in ("family", "families"):
        return Count(2, 2, None, exact=False)
    plural = token.tag_ in ("NNS", "NNPS") or (token.text.lower().endswith("s") and token.lemma_.lower() != token.text.lower() and token.pos_ == "NOUN")
    if token.lower_ in ("people", "police", "troops", "personnel", "militia", "forces", "civilians"):
        plural = True
    if plural:
        return Count(2, 2, None, exact=False)
    return Count(1, 1, 1)


def _person_like(token) -> bool:
    """Could this coordinated phrase be more victims ("and a woman", "and 2 others"), not "and a narco message"?"""
    from .actors import head_kind

    if token.like_num or token.pos_ in ("NUM", "PRON") or token.ent_type_ in ("PERSON", "NORP"):
        return True
    if token.lower_ in ("others", "other") or any(c.dep_ == "nummod" for c in token.children):
        return True
    return head_kind(token.text) is not None


_HURT = ("injure", "wound", "hurt", "injured", "wounded")


def _hurt_only(token) -> bool:
    """'a murdered man and an injured woman', 'three dead and four injured': these people are hurt, not dead."""
    if any(c.lower_ in _HURT or c.lemma_.lower() in _HURT for c in token.children):
        return True
    doc = token.doc
    following = doc[token.i + 1 : token.i + 3]
    if any(t.lemma_.lower() in _HURT or t.lower_ in _HURT for t in following):
        return True
    return token.head.lemma_.lower() in _HURT


def _victims_count(token, expand: bool = True) -> tuple[Count | None, list]:
    """The count of a victim phrase with its coordinated parts added; and the tokens it covers."""
    # "2 men and a woman beheaded": the participle hangs off the last conjunct but covers them all.
    while expand and token.dep_ == "conj" and _nounish(token.head) and token.head.i < token.i and _person_like(token.head):
        token = token.head
    parts = [token]
    if expand:
        parts += [c for c in token.conjuncts if _nounish(c) and c.i > token.i and _person_like(c) and not _hurt_only(c)]
    counts = []
    for part in parts:
        c = _np_count(part)
        if c is not None:
            counts.append(c)
    if not counts:
        return None, parts
    if len(counts) == 1:
        return counts[0], parts
    def add(values):
        return None if any(v is None for v in values) else sum(values)
    low = add([c.low for c in counts])
    best = add([c.best for c in counts])
    high = add([c.high for c in counts])
    return Count(low, best, high, exact=all(c.exact for c in counts)), parts


def _relative_head(token):
    # "soldiers who were killed": the victim is the noun the relative clause modifies.
    if token.lower_ in ("who", "that", "which", "whom") and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _is_negated(verb) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _to_death(verb) -> bool:
    """'shot dead', 'stabbed to death', 'gunned down', 'beaten to death'."""
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd", "xcomp", "advmod", "ccomp", "amod", "dep") and child.lower_ in ("dead", "death"):
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(g.lower_ == "death" for g in child.children):
            return True
        if _lower_lemma(verb) == "gun" and child.dep_ == "prt" and child.lower_ == "down":
            return True
    # "shot dead" where dead hangs off the object: "shot three villagers dead".
    for child in verb.children:
        if child.dep_ == "dobj" and any(g.lower_ == "dead" and g.dep_ in ("amod", "oprd", "acomp") for g in child.children):
            return True
    return False


def _verb_victim(verb):
    """The victim of a killing verb: passive subject, object, or the noun a participle modifies."""
    children = list(verb.children)
    for c in children:
        if c.dep_ == "nsubjpass":
            return _relative_head(c)
    for c in children:
        if c.dep_ == "dobj":
            return c
    if verb.dep_ in ("acl", "amod", "compound") and verb.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON") and verb.head.i > verb.i or (
        verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON")
    ):
        return verb.head
    # "a man tied and murdered": the second participle has the first one's victim.
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "ADJ") and verb.head.i < verb.i:
        return _verb_victim(verb.head)
    # Headlines drop the auxiliary: "ASG member killed", "Six people gunned down".
    if verb.tag_ in ("VBN", "VBD"):
        for c in children:
            if c.dep_ == "nsubj":
                return _relative_head(c)
    # "found murdered", "was found killed": the victim is the subject or object of the governing verb.
    if verb.dep_ in ("oprd", "xcomp", "ccomp", "acomp") and verb.tag_ == "VBN" and verb.head.pos_ in ("VERB", "AUX"):
        governing = verb.head
        for c in governing.children:
            if c.dep_ in ("dobj", "nsubjpass", "nsubj") and c.i != verb.i and c.pos_ != "PRON":
                return _relative_head(c)
    return None


def _mention(token_span, count: Count, cue, victims, *, update=False, trigger_ids=frozenset()) -> Mention:
    tokens = [cue] + list(victims)
    start = min(t.left_edge.i if t in victims and t.left_edge.i >= min(v.i for v in tokens) - 6 else t.i for t in tokens)
    end = max(t.i for t in tokens) + 1
    doc = cue.doc
    on_trigger = bool(trigger_ids & {cue.i, cue.head.i, *(v.i for v in victims)})
    return Mention(
        count=count,
        start=doc[start].idx,
        end=doc[end - 1].idx + len(doc[end - 1]),
        cue=cue.text,
        update=update,
        on_trigger=on_trigger,
        victims=tuple(v.i for v in victims),
    )


@functools.lru_cache(maxsize=1)
def _things() -> frozenset[str]:
    """Nouns of buildings and vehicles (physical_targets.tsv): 'riddled the car' killed nobody."""
    with open(DATA / "physical_targets.tsv", encoding="utf-8") as fh:
        rows = [line.split("\t")[0].strip().lower() for line in fh if line.strip() and not line.startswith("#")]
    return frozenset(r for r in rows[1:] if " " not in r)


# Participles that say the person is dead wherever they stand ("decapitated man found", "a man tied and murdered").
_KILLED_WORDS = frozenset({"killed", "murdered", "executed", "massacred", "slain", "beheaded", "assassinated", "decapitated", "dismembered", "lynched", "strangled", "butchered", "riddled"})


def find_mentions(tokens, trigger_ids=frozenset()) -> tuple[list[Mention], bool]:
    """Every death mention among ``tokens`` (a spaCy Span or token list), and whether a 'nobody died' cue is there."""
    w = words()
    kill, to_death, die = set(w["kill_verbs"]), set(w["to_death_verbs"]), set(w["die_verbs"])
    dead_adj, body, severed = set(w["dead_adjectives"]), set(w["body_nouns"]), set(w["severed_nouns"])
    killing, counts, tolls = set(w["killing_nouns"]), set(w["count_nouns"]), set(w["toll_nouns"])
    mentions: list[Mention] = []
    zero = False
    seen_victims: set[int] = set()

    def add(cue, victim, update=False, weak=False):
        nonlocal zero
        if victim is None or victim.lower_ in _things():
            return
        if victim.i in seen_victims:
            return
        # A modifier before its noun ("a murdered man and an injured woman") covers that noun alone.
        count, parts = _victims_count(victim, expand=not (cue.dep_ == "amod" and cue.i < victim.i))
        if count is None:
            return
        if count.best == 0:
            zero = True
            return
        seen_victims.update(p.i for p in parts)
        m = _mention(tokens, count, cue, parts, update=update, trigger_ids=trigger_ids)
        anchor = cue if cue.pos_ in ("VERB", "AUX") or cue.head.i == cue.i else cue.head
        m.group = _coordination_root(anchor if anchor.pos_ in ("VERB", "AUX") else cue)
        m.weak = weak
        mentions.append(m)

    for tok in tokens:
        lemma = _lower_lemma(tok)
        low = tok.lower_
        if tok.pos_ in ("VERB", "AUX", "ADJ") or tok.tag_.startswith("VB"):
            if lemma in kill or low in _KILLED_WORDS:
                if _is_negated(tok):
                    zero = True
                    continue
                add(tok, _verb_victim(tok))
                continue
            if lemma in to_death and _to_death(tok):
                if _is_negated(tok):
                    zero = True
                    continue
                add(tok, _verb_victim(tok))
                continue
            if lemma in die or (lemma == "lose" and any(c.dep_ == "dobj" and _lower_lemma(c) == "life" for c in tok.children)) or (
                lemma == "claim" and any(c.dep_ == "dobj" and _lower_lemma(c) == "life" for c in tok.children)
            ):
                if _is_negated(tok):
                    zero = True
                    continue
                subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if lemma == "claim":
                    life = next(c for c in tok.children if c.dep_ == "dobj" and _lower_lemma(c) == "life")
                    add(tok, life if _np_count(life) and any(ch.like_num for ch in life.subtree) else None)
                    continue
                if subject is None and tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
                    subject = tok.head
                if subject is None and tok.dep_ in ("dobj", "xcomp", "ccomp", "conj") and tok.head.pos_ == "VERB":
                    # "Man shot dies in hospital": the headline's one person is the one who died.
                    subject = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"), None)
                add(tok, _relative_head(subject) if subject is not None else None)
                continue
        if low in ("die", "died", "dies") and tok.pos_ in ("NOUN", "PROPN"):
            # A headline's "7 die" that the tagger read as a noun.
            number = next((c for c in tok.children if c.dep_ == "nummod" and c.like_num), None)
            if number is not None:
                add(tok, number)
                continue
        if low == "life" and tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() == "deprive":
            # "was deprived of his life", "people deprived of life" (translated 'privado de la vida'): killed.
            verb = tok.head.head
            victim = next((c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")), None)
            if victim is None and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "ADJ"):
                victim = verb.head
            add(verb, _relative_head(victim) if victim is not None else None)
            continue
        if low == "life" and tok.dep_ == "pobj" and tok.head.lower_ == "without":
            # "found a man and a woman without life" (translated 'sin vida'): dead.
            holder = tok.head.head
            victim = holder if holder.pos_ in ("NOUN", "PROPN") else next((c for c in holder.children if c.dep_ in ("dobj", "nsubjpass")), None)
            add(tok, victim)
            continue
        if low in dead_adj and tok.pos_ in ("ADJ", "NOUN", "VERB", "PROPN"):
            head = tok.head
            if head.lemma_.lower() in to_death and _to_death(head):
                continue  # "shot dead": the verb already reads these deaths
            number = next((c for c in tok.children if c.dep_ in ("nummod", "nsubj", "npadvmod") and (c.like_num or c.lower_ in _QUANTITIES)), None)
            if number is not None:
                add(tok, number)
            elif tok.dep_ == "amod" and head.pos_ in ("NOUN", "PROPN", "NUM"):
                add(tok, head)
            elif tok.dep_ in ("acomp", "oprd", "xcomp", "ccomp", "advmod", "attr", "dep", "conj") and head.pos_ in ("VERB", "AUX"):
                victim = next((c for c in head.children if c.dep_ == "dobj"), None) or next(
                    (c for c in head.children if c.dep_ == "nsubjpass" or (c.dep_ == "nsubj" and c.pos_ != "PRON")), None
                )
                add(tok, _relative_head(victim) if victim is not None else None)
            else:
                subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nummod", "npadvmod") and _nounish(c)), None)
                if subject is not None:
                    add(tok, subject)
                elif tok.pos_ == "NOUN" and tok.i > 0 and tok.doc[tok.i - 1].like_num:
                    add(tok, tok.doc[tok.i - 1])
            continue
        if tok.pos_ in ("NOUN", "PROPN") and (low in body or lemma in body):
            modifiers = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")}
            if tok.dep_ == "compound" or modifiers & set(w["body_not_death"]):
                continue
            # "the bodies of 12 soldiers", "remains of a man": the count is the people's.
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            owner = next((g for g in of.children if g.dep_ == "pobj" and g.ent_type_ not in ("GPE", "LOC", "FAC")), None) if of is not None else None
            has_own_count = any(c.dep_ == "nummod" for c in tok.children)
            possessed = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children) or (
                # "They locate a body ... The body is unidentified": the same body again.
                tok.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)
            )
            add(tok, owner if owner is not None and not has_own_count else tok, weak=possessed)
            continue
        if tok.pos_ == "NOUN" and low in severed and any(c.lower_ in w["severed_modifiers"] for c in tok.children):
            add(tok, tok)
            continue
        if tok.pos_ == "NOUN" and low in killing:
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            victim = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
            if victim is not None:
                add(tok, victim)
                continue
            # "a homicide was registered", "three executions": each killing is one death.
            counted = any(c.dep_ == "nummod" and c.like_num for c in tok.children) or (
                tok.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in ("a", "an", "one", "another") for c in tok.children)
            )
            if counted and tok.dep_ != "compound" and low not in ("death", "deaths"):
                add(tok, tok)
                continue
        if tok.pos_ == "NOUN" and low in counts and tok.dep_ != "compound":
            number = next((c for c in tok.children if c.dep_ == "nummod" or (c.dep_ in ("amod", "det") and (c.like_num or c.lower_ in _QUANTITIES))), None)
            if number is not None or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
                add(tok, tok)
            continue
        if tok.pos_ == "NOUN" and lemma in tolls:
            # "the death toll rose to 30", "a toll of 12", "the toll stands at 8".
            doc = tok.doc
            verb = tok.head if tok.dep_ in ("nsubj", "nsubjpass", "dobj") else None
            update = verb is not None and _lower_lemma(verb) in w["toll_update_verbs"]
            window = doc[tok.i + 1 : min(len(doc), tok.i + 10)]
            number = next((t for t in window if t.like_num and t.ent_type_ not in ("DATE", "TIME")), None)
            if number is not None and number.i not in seen_victims:
                count = parse_count(doc[max(tok.i + 1, number.i - 3) : number.i + 1].text)
                if count is not None:
                    seen_victims.add(number.i)
                    m = _mention(tokens, count, tok, [number], update=update or _lower_lemma(verb or tok) == "raise", trigger_ids=trigger_ids)
                    m.start = min(m.start, doc[tok.left_edge.i].idx)
                    mentions.append(m)
            continue
    if any(not m.weak for m in mentions):
        mentions = [m for m in mentions if not m.weak]
    return _add_coordinated(mentions), zero


def _coordination_root(token) -> int:
    # "Two people died and a policeman was killed": both verbs hang under the first by 'conj'.
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.i if token.pos_ in ("VERB", "AUX") else -1 - token.i


def _add_up(values):
    return None if any(v is None for v in values) else sum(values)


def _add_coordinated(mentions: list[Mention]) -> list[Mention]:
    """Deaths under coordinated verbs of one clause are different deaths: add them into one mention."""
    groups: dict[int, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(m.group if m.group >= 0 else -10**6 - len(groups), []).append(m)
    out = []
    for members in groups.values():
        if len(members) == 1:
            out.append(members[0])
            continue
        counts = [m.count for m in members]
        merged = Count(
            _add_up([c.low for c in counts]),
            _add_up([c.best for c in counts]),
            _add_up([c.high for c in counts]),
            exact=all(c.exact for c in counts),
        )
        out.append(
            Mention(
                merged,
                min(m.start for m in members),
                max(m.end for m in members),
                "+".join(m.cue for m in members),
                update=any(m.update for m in members),
                on_trigger=any(m.on_trigger for m in members),
                victims=tuple(v for m in members for v in m.victims),
                group=members[0].group,
            )
        )
    return out


@functools.lru_cache(maxsize=1)
def _CUE_WORDS() -> frozenset[str]:
    w = words()
    forms = set()
    for key in ("kill_verbs", "to_death_verbs", "die_verbs", "dead_adjectives", "body_nouns", "killing_nouns", "count_nouns"):
        forms.update(w[key])
    # Inflected forms a headline capitalises.
    forms.update({f + s for f in list(forms) for s in ("s", "ed", "d", "ing")})
    forms.update({"slain", "shot", "gunned", "killed", "dies", "died", "dead", "leaves", "left", "found", "were", "are"})
    return frozenset(forms)


_NOT_DEATH_WORDS = frozenset({"found", "were", "are", "leaves", "left"})


def _has_cue_word(text: str) -> bool:
    return any(word in _CUE_WORDS() and word not in _NOT_DEATH_WORDS for word in re.findall(r"[a-z]+", text.lower()))


def zero_cue(text: str) -> re.Match | None:
    """A 'nobody died' statement in the text, if any."""
    for pattern in words()["zero_res"]:
        m = pattern.search(text)
        if m:
            return m
    return None


def is_tally(mention: Mention, sentence: str) -> bool:
    """'89 murders in August', 'the toll so far', '79 homicidios diarios': a count of many events over a period.

    UCDP and ACLED code one event per day and place; a running count over weeks or months is not one
    event's toll, so it gives the event no figure (the event's own deaths are not said).
    """
    cues = set(words()["tally_cues"])
    if not any(part.lower() in cues for part in mention.cue.split("+")):
        return False
    return any(p.search(sentence.strip()) for p in words()["tally_res"])


def _without_tallies(found: FatalityCount | None, sentence: str) -> FatalityCount | None:
    if found is None or not found.mentions:
        return found
    kept = [m for m in found.mentions if not is_tally(m, sentence)]
    if len(kept) == len(found.mentions):
        return found
    return combine(kept)


def spread_cue(sentence: str) -> re.Match | None:
    """'in different events', 'in 2 shootouts', 'in less than 24 hours', 'jornada violenta deja ...': the
    deaths counted are those of several separate acts, not of one."""
    for pattern in words()["spread_res"]:
        m = pattern.search(sentence)
        if m:
            return m
    return None


def spread_over_events(found: FatalityCount | None, sentence: str) -> FatalityCount | None:
    """A count spread over several separate events is no one event's toll: the event gets the least it
    can have, one death, and the whole count as its high figure (low 1, best 1, high N).

    "Two people murdered in different events" is two events of one death each; "5 killed in 2 shootouts"
    does not say how the five divide. As for vague words, the best figure is the least the text asserts.
    A single death is always one event's.
    """
    if found is None or found.best is None or found.best < 2 or spread_cue(sentence) is None:
        return found
    high = max(v for v in (found.high, found.best) if v is not None)
    return FatalityCount(1, 1, high, found.mentions)


def combine(mentions: list[Mention]) -> FatalityCount | None:
    """Reports of the same deaths, never added up: see the module docstring for the rule."""
    if not mentions:
        return None
    updates = [m for m in mentions if m.update]
    tied = [m for m in mentions if m.on_trigger]
    pool = updates[-1:] or tied or mentions
    chosen = min(pool, key=lambda m: (m.count.best if m.count.best is not None else 10**9, not m.count.exact))
    if updates:
        chosen = updates[-1]
    lows = [m.count.low for m in mentions if m.count.low is not None]
    figures = [v for m in mentions for v in (m.count.high, m.count.best) if v is not None]
    best = chosen.count.best
    low = min(lows) if lows else None
    if updates:
        low = min([x for x in [chosen.count.low, *lows] if x is not None], default=None)
    high = max(figures) if figures else None
    open_ended = any(m.count.high is None for m in mentions if m.count.best == max(figures, default=None))
    if open_ended and all(m.count.high is None for m in mentions):
        high = None
    if best is not None and low is not None and low > best:
        low = best
    return FatalityCount(low=low, best=best, high=high, mentions=[chosen] + [m for m in mentions if m is not chosen])


# --- a surface reading of headlines ----------------------------------------------------------------
#
# The small parser reads many headlines wrongly ("3 Killed" as a list marker, "a corpse bagged" with the
# corpse as a compound, "murder" as a noun in "Soldiers murder teenager"). The words are then read in
# order, with the same vocabulary: see the module docstring for the forms and for when this reading is
# used (``find_fatalities``). Each form is one branch of ``_Surface.read``.

_TOKEN = re.compile(r"\d+(?:-[^\W\d_]+)+|\d{1,3}(?:,\d{3})+|\d+|[^\W\d_]+(?:['’.-][^\W\d_]+)*|[,;:()\[\]\"“”!?']")
_BOUNDS = r"(?:(?:at least|no fewer than|more than|over|up to|as many as|about|around|nearly|almost|approximately|an estimated|some)\s+)?"
_COUNT_RE = re.compile(
    rf"{_BOUNDS}(?:{_QUANT}|between\s+{_NUM}\s+and\s+{_NUM}|{_NUM}(?:\s*(?:-|to)\s*{_NUM})?)(?:\s+of)?(?![\w-])"
)
_DETERMINERS = frozenset({"the", "his", "her", "their", "its", "this", "that"})
_SEPARATORS = frozenset({",", "and"})
# Words after which a number is an age or a limit, not people: "a minor under 16", "aged 30".
_NOT_A_VICTIM_COUNT = frozenset({"under", "aged", "age", "ages", "of", "from", "to", "by", "in", "on", "at"})
_STOPS = frozenset({"and", "or", "in", "at", "on", "of", "with", "after", "for", "by", "to", "as", "while", "when", "from", "near", "during"})
# Verb forms that are only active with an object after them ("Soldiers murder teenager"); past forms
# ("Villager Killed by ...") are headline passives unless a determiner or a number follows.
_PAST = re.compile(r"(?:ed|slew|shot dead|gunned down)$")


@dataclass
class _Word:
    text: str  # lower case
    start: int
    end: int


@functools.lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    """Single-word nouns of people (the actor heads' nouns less groups, machines and bodies): victims a headline names."""
    from .actors import load_heads

    w = words()
    not_people = set(w["surface_not_people"]) | set(w["body_nouns"]) | {"victim", "victims"}
    return frozenset(h for h in load_heads() if " " not in h and h not in not_people) | frozenset(w["surface_person_nouns"])


def _is_person(word: str) -> bool:
    """'soldier', 'mayor-elect', 'mother-in-law': a person noun, alone or as part of a hyphenated word."""
    return word in _person_nouns() or ("-" in word and not word[0].isdigit() and any(part in _person_nouns() for part in word.split("-")))


def _modifier_like(word: str) -> bool:
    """A word that can sit between a count and its noun: 'local', 'u.s.', '6-year-old', 'mayor-elect'."""
    return re.fullmatch(r"[^\W_][\w'.-]*", word) is not None and not word.isdigit() and word not in _STOPS


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith("ss") or word in ("men", "women", "people", "children", "police", "troops", "personnel", "others")


def _noun_count(word: str, determiner: str = "") -> Count:
    if word in ("couple", "pair"):
        return Count(2, 2, 2)
    if _plural(word) and determiner not in ("a", "an", "one"):
        return Count(2, 2, None, exact=False)
    return Count(1, 1, 1)


class _Surface:
    def __init__(self, text: str, offset: int):
        # Lower case letter by letter, so that offsets stay those of the text ("İ" lowers to two characters).
        self.low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text).replace("’", "'")
        self.offset = offset
        self.words = [_Word(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(self.low)]
        self.ends = {w.end: i for i, w in enumerate(self.words)}
        self.w = words()

    def word(self, i: int) -> str:
        return self.words[i].text if 0 <= i < len(self.words) else ""

    def count_at(self, i: int) -> tuple[Count, int] | None:
        """A count phrase starting at word i and ending at a word's end: (count, index of the word after it)."""
        if not 0 <= i < len(self.words):
            return None
        m = _COUNT_RE.match(self.low, self.words[i].start)
        if m is None or m.end() not in self.ends:
            return None  # "19" of "19-year-old"
        count = parse_count(m.group(0))
        if count is None or count.best == 0:
            return None
        j = self.ends[m.end()] + 1
        if self.word(j) in ("years", "year", "yrs", "hours", "days", "weeks", "months", "bullets", "shots", "times", "kilometres", "kilometers", "km", "miles"):
            return None
        return count, j

    def hurt_between(self, a: int, b: int) -> bool:
        return any(self.word(x) in _HURT_FORMS for x in range(a, b))

    def victim_right(self, i: int) -> tuple[Count, int] | None:
        """The victims named from word i on: 'a man', 'two soldiers', 'teacher Nacho', 'the driver'; (count, end)."""
        determiner = ""
        if self.word(i) in _DETERMINERS:
            determiner, i = self.word(i), i + 1
        found = self.count_at(i)
        if found is not None:
            count, j = found
            # The count's noun, a few modifiers on ("4 local guerrillas"): a person noun makes a bare 'a' safe.
            for k in range(j, min(j + 4, len(self.words))):
                if _is_person(self.word(k)):
                    while _is_person(self.word(k + 1)):
                        k += 1  # "local guerrillas", "police officers"
                    if self.word(i) in ("a", "an"):
                        return _noun_count(self.word(k), "a"), k + 1  # "a lifeless couple"
                    return count, k + 1
                if not _modifier_like(self.word(k)):
                    break
            if self.word(j - 1) in ("couple", "pair"):
                return count, j  # "execute a couple": two people, the count word is the noun
            if self.word(i) == "one" and j == i + 1 and self.word(j) in _STOPS | {"", ",", ";", ":", "."}:
                return count, j  # "Gunmen Hang One", "kill one in ...": the pronoun is a person
            if self.word(i) in ("a", "an", "another", "single", "one"):
                return None  # "kills a campaign", not a person
            return count, j
        for k in range(i, min(i + 3, len(self.words))):
            word = self.word(k)
            if _is_person(word):
                while _is_person(self.word(k + 1)):
                    k += 1
                    word = self.word(k)
                return _noun_count(word, determiner), k + 1
            if not _modifier_like(word) or word.endswith("ing"):
                break
        return None

    def more_victims(self, j: int, total: Count) -> tuple[Count, int]:
        """Coordinated victims after the first: ', 2 others', 'and his wife', 'and a woman'."""
        for _ in range(2):  # the first victim's last words: "4 opposition party [members] and 2 civilians"
            if self.word(j) not in _SEPARATORS and _modifier_like(self.word(j)) and not _is_person(self.word(j)) and self.word(j + 1) in _SEPARATORS:
                j += 1
        while self.word(j) in _SEPARATORS:
            k = j + 1
            if self.word(k) == "and":
                k += 1
            start = self.word(k)
            if not (start in _DETERMINERS or start in ("a", "an") or _is_person(start) or self.count_at(k)):
                break  # "and abandon his body": another act
            nxt = self.victim_right(k)
            if nxt is None or self.hurt_between(k, min(nxt[1] + 2, len(self.words))):
                break
            total = _sum_counts([total, nxt[0]])
            j = nxt[1]
        return total, j

    def unit_ending_at(self, i: int) -> tuple[Count, int] | None:
        """One victim phrase whose last word is i: '3', 'three men', 'one u.s. teenager', 'a man', 'her mother-in-law'."""
        for start in range(i, max(i - 5, -1), -1):
            if start < i and not _modifier_like(self.word(start + 1)):
                break
            found = self.count_at(start)
            if found is None or found[1] > i + 1:
                continue
            if self.hurt_between(found[1], i + 1) or self.word(start - 1) in _NOT_A_VICTIM_COUNT:
                return None
            # "at least 12", "more than 20": the bound before the number.
            for back in (start - 3, start - 2, start - 1):
                longer = self.count_at(back) if back >= 0 else None
                if longer is not None and longer[1] == found[1]:
                    return longer[0], back
            if found[1] < i + 1 and not _is_person(self.word(i)) and self.word(start) in ("a", "an", "one", "another"):
                return None  # "a lifeless ..." needs a person at the end
            return found[0], start
        if self.word(i) in ("he", "she", "him", "her"):
            return Count(1, 1, 1), i
        if _is_person(self.word(i)):
            begin = i
            while begin - 1 >= 0 and i - begin < 3 and _modifier_like(self.word(begin - 1)) and self.word(begin - 1) not in self.w["surface_linking_words"]:
                if self.word(begin - 1) in _DETERMINERS or self.word(begin - 1) in ("a", "an"):
                    begin -= 1
                    break
                begin -= 1
            return _noun_count(self.word(i), self.word(begin)), begin
        return None

    def victim_left(self, k: int) -> tuple[Count, int] | None:
        """The victims before word k (a death word), past linking words: '3', 'three men', '2 men, one teenager'."""
        linking = set(self.w["surface_linking_words"])
        i = k - 1
        while i >= 0 and self.word(i) in linking and k - i <= 3:
            i -= 1
        # "he was shot and died", "tortured and murdered": an earlier participle of the same person.
        if self.word(i) == "and" and (self.word(i - 1).endswith("ed") or self.word(i - 1) in ("shot", "beaten", "hung")):
            i -= 2
            while i >= 0 and self.word(i) in linking and k - i <= 6:
                i -= 1
        # "3 men who were missing found dead": skip a short relative clause.
        for r in range(i, max(i - 4, -1), -1):
            if self.word(r) in ("who", "that") and r > 0:
                i = r - 1
                break
        unit = self.unit_ending_at(i) if i >= 0 else None
        if unit is None:
            return None
        count, begin = unit
        # "2 men, one teenager found dead", "a woman and her mother-in-law killed": earlier conjuncts add up.
        while begin >= 2 and self.word(begin - 1) in _SEPARATORS:
            end = begin - 2
            if self.word(end) in _SEPARATORS:
                end -= 1  # ", and"
            earlier = self.unit_ending_at(end)
            if earlier is None or (self.word(begin - 1) == "," and earlier[1] > 0 and self.word(earlier[1] - 1) not in (",", "and", ":", ";", "(", '"', "“")):
                break  # "They attack two young people, one dies": the first people are the verb's object
            count, begin = _sum_counts([earlier[0], count]), earlier[1]
        return count, begin

    def death_word_at(self, k: int) -> int | None:
        """Index after the death phrase starting at word k ('killed', 'shot dead', 'burned alive'), or None."""
        word = self.word(k)
        if word in self.w["surface_dead_words"]:
            return k + 1
        for tail in self.w["surface_to_death"].get(word, ()):
            parts = tail.split()
            if [self.word(k + 1 + n) for n in range(len(parts))] == parts:
                return k + 1 + len(parts)
        return None

    def kill_verb_at(self, k: int) -> int | None:
        for parts in self.w["kill_verbs_by_first"].get(self.word(k), ()):
            if [self.word(k + n) for n in range(len(parts))] == parts:
                return k + len(parts)
        return None

    def mention(self, count: Count, first: int, last: int, cue: int) -> Mention:
        return Mention(count, self.offset + self.words[first].start, self.offset + self.words[last - 1].end, self.words[cue].text)

    def read(self) -> list[Mention]:
        out: list[Mention] = []
        n = len(self.words)
        for k in range(n):
            word = self.word(k)
            # "is murdered", "was shot dead": a singular auxiliary says one person, wherever the subject is.
            if word in ("is", "was") and self.word(k - 1) not in ("there", "it", "that", "this", "what"):
                j = k + 1
                if self.word(j) == "found":
                    j += 1
                if self.word(j + 1) == "and" and (self.word(j).endswith("ed") or self.word(j) in ("shot", "beaten")):
                    j += 2  # "is tortured and dismembered"
                end = self.death_word_at(j)
                if end is not None and self.word(j) not in ("die", "dies", "dead", "lifeless") and self.victim_left(j) is None:
                    out.append(self.mention(Count(1, 1, 1), k, end, j))
                    continue
            # "They locate Christian lifeless", "find a man tied and lifeless": the one found is dead.
            if word in self.w["surface_find_verbs"]:
                for x in range(k + 2, min(k + 7, n)):
                    if self.word(x) in ("lifeless", "dead") and not _is_person(self.word(x + 1)) and all(_modifier_like(self.word(y)) or self.word(y) in ('"', "“", "”", ",") for y in range(k + 1, x)):
                        victim = self.victim_right(k + 1)
                        count = victim[0] if victim is not None else _noun_count(self.word(x - 1), self.word(k + 1))
                        out.append(self.mention(count, k, x + 1, x))
                        break
                else:
                    x = k + 1
                    if self.word(x) in ('"', "“"):
                        x += 1
                    if self.word(x) in self.w["surface_nominal_participles"] and self.word(x + 1) in ('"', "”", "in", "on", "at", "near", "inside", "outside", ""):
                        out.append(self.mention(Count(1, 1, 1), k, x + 1, x))  # "They locate beheaded in ...": one
                        continue
            # "an 'executed' appears", "another executed found": a participle taken as a noun is one dead person.
            if word in ("a", "an", "another") and k + 1 < n:
                x = k + 1 + (self.word(k + 1) in ('"', "“"))
                if self.word(x) in self.w["surface_nominal_participles"] and (self.word(x + 1) in ('"', "”", "in", "on", "at", "near", "appears", "is", "was", "found", "") or self.word(x + 1) == "and"):
                    out.append(self.mention(Count(1, 1, 1), k, x + 1, x))
                    continue
            # "attack claims its second victim": the toll is now two.
            if word in ("claims", "claimed", "claim") and self.word(k + 2) in self.w["surface_ordinals"] and self.word(k + 3) in ("victim", "life", "fatality"):
                value = self.w["surface_ordinals"][self.word(k + 2)]
                out.append(self.mention(Count(value, value, value), k, k + 4, k))
                continue
            # "burn four guerrillas alive", "shot the robber dead", "beat a prisoner to death".
            if word in self.w["surface_to_death"] or word.rstrip("s") in ("burn", "shoot", "beat", "stab", "hack"):
                victim = self.victim_right(k + 1)
                if victim is None and self.word(k + 1) in ("a", "an", "the", "his", "her") and _modifier_like(self.word(k + 2)):
                    # "shot the robber dead": any noun between the verb and 'dead' is the victim.
                    victim = _noun_count(self.word(k + 2), self.word(k + 1)), k + 3
                if victim is not None:
                    tail = [self.word(victim[1] + x) for x in range(2)]
                    if tail[0] in ("dead", "alive") and word.startswith(("burn", "shot", "shoot")) or tail == ["to", "death"]:
                        out.append(self.mention(victim[0], k, victim[1] + (1 if tail[0] != "to" else 2), k))
                        continue
            # "headless man found", "two dismembered bodies", "dead man": the person is dead.
            if word in self.w["surface_dead_adjectives"] and k + 1 < n and self.word(k - 1) not in self.w["surface_linking_words"]:
                noun = next((x for x in range(k + 1, min(k + 3, n)) if _is_person(self.word(x))), None)
                if noun is not None and all(_modifier_like(self.word(x)) for x in range(k + 1, noun)):
                    found = next((c for x in range(max(k - 3, 0), k) if (c := self.count_at(x)) and c[1] == k and self.word(x) not in ("a", "an")), None)
                    count = found[0] if found else _noun_count(self.word(noun), self.word(k - 1))
                    out.append(self.mention(count, k, noun + 1, k))
                    continue
            # "... and dies in hospital": 'dies' is one person.
            if word == "dies" and self.word(k - 1) in ("and", ",", ":"):
                out.append(self.mention(Count(1, 1, 1), k, k + 1, k))
                continue
            # Active: "kills 1", "murder teacher Nacho", "Gunmen kill 2 foreigners and a woman".
            after = self.kill_verb_at(k)
            if after is not None and self.word(k - 1) not in ("a", "an", "the", "of", "for", "double", "triple", "attempted"):
                nxt = self.word(after)
                passive_looking = _PAST.search(" ".join(self.word(x) for x in range(k, after))) is not None
                if nxt == "and" and self.kill_verb_at(after + 1) is not None:
                    after = self.kill_verb_at(after + 1)  # "decapitates and dismembers a woman"
                    nxt = self.word(after)
                if (not passive_looking and nxt in ("a", "an") and not word.startswith("kill") and _modifier_like(self.word(after + 1))
                                   and self.word(after + 2) in _STOPS | {",", ""} and self.victim_right(after) is None):
                    out.append(self.mention(Count(1, 1, 1), k, after + 2, k))  # "decapitates a rival in ...": a person
                    continue
                if not passive_looking and nxt in ('"', "“", "'"):
                    # "Cartel Kills 'El Agapo'": one named person; "kill 'Doña Rosa' and her husband": and the next
                    close = next((x for x in range(after + 2, min(after + 8, n)) if self.word(x) in ('"', "”", "'")), None)
                    joined = close is not None and (self.word(close + 1) == "and" or (
                        self.word(close + 1) == "," and (self.word(close + 2) in ("his", "her", "their") or (self.count_at(close + 2) and self.word(close + 2) not in ("a", "an", "one")))))
                    # ", a teacher," after the name is the same person (apposition), not another victim
                    count, end = self.more_victims(close + 1, Count(1, 1, 1)) if joined else (Count(1, 1, 1), (close or after) + 1)
                    named = self.mention(count, k, end, k)
                    named.group = -2
                    out.append(named)
                    continue
                if not passive_looking or nxt in _DETERMINERS or nxt in ("a", "an") or self.count_at(after):
                    victim = self.victim_right(after)
                    if victim is not None and self.word(victim[1]) in _HURT_FORMS:
                        victim = None  # "7 killed 1 injured": the number after the verb is the wounded
                    if victim is not None:
                        count, end = self.more_victims(victim[1], victim[0])
                        active = self.mention(count, k, end, k)
                        active.group = -2  # an active killing verb: coordinated ones are different deaths
                        out.append(active)
                        continue
            end = self.death_word_at(k)
            if end is not None:
                victim = self.victim_left(k)
                if victim is not None:
                    out.append(self.mention(victim[0], victim[1], end, k))
                    continue
                # A headline that opens on the death: "Dies in hospital after ...", "Killed in front of his family".
                if all(not self.word(x)[0].isalnum() for x in range(k)) and (word == "dies" or re.search(r"\b(?:his|her)\b", self.low)):
                    out.append(self.mention(Count(1, 1, 1), k, end, k))
                    continue
            # "Attack leaves 11 inmates dead".
            if word in self.w["surface_leave_verbs"]:
                victim = self.victim_right(k + 1)
                if victim is not None:
                    count, stop = self.more_victims(victim[1], victim[0])
                    if self.word(stop) in ("dead", "lifeless"):
                        out.append(self.mention(count, k, stop + 1, k))
                        continue
            # Bodies and remains: "Four headless, tortured bodies", "a corpse", "the bodies of five men".
            if word == "remains" and k > 0 and not (
                self.word(k - 1) in self.w["surface_before_remains"] or self.word(k - 1).endswith("ed") or self.count_at(k - 1)
            ):
                continue  # "the suspect remains injured": the verb
            if word in self.w["body_nouns"] and self.word(k - 1) not in set(self.w["body_not_death"]):
                count = None
                if self.word(k + 1) == "of":
                    owner = self.victim_right(k + 2)
                    if owner is not None:
                        owner = self.more_victims(owner[1], owner[0])  # "bodies of 2 women and a man"
                    count = owner[0] if owner is not None and owner[0].exact else None
                if count is None:
                    for start in range(k - 1, max(k - 5, -1), -1):
                        found = self.count_at(start)
                        if found is not None and found[1] <= k and self.word(start - 1) not in _NOT_A_VICTIM_COUNT:
                            count = found[0]
                            break
                        if self.word(start) in (";", ":", "(", ")", "and", "of", "in", "with", "the", "his", "her", "their"):
                            break
                if count is None:
                    count = Count(1, 1, None, exact=False) if word == "remains" else _noun_count(word)
                out.append(self.mention(count, k, k + 1, k))
                continue
            # Counted killings: "8 killings", "double homicide", "five murders", "3 dead".
            if word in self.w["killing_nouns"] or word in self.w["count_nouns"]:
                prev = self.word(k - 1)
                if prev in self.w["surface_multiples"]:
                    value = self.w["surface_multiples"][prev]
                    out.append(self.mention(Count(value, value, value), k - 1, k + 1, k))
                    continue
                for start in range(k - 1, max(k - 4, -1), -1):
                    found = self.count_at(start)
                    if found is not None and found[1] == k and self.word(start - 1) not in _NOT_A_VICTIM_COUNT:
                        out.append(self.mention(found[0], start, k + 1, k))
                        break
                else:
                    # "Homicide is registered", "Murder in a market": one killing, named by a singular noun.
                    if word in self.w["surface_single_killings"] and self.word(k + 1) in self.w["surface_after_single_killing"] and prev not in ("of", "for", "the", "attempted", "mass"):
                        single = self.mention(Count(1, 1, 1), k, k + 1, k)
                        single.weak = True
                        out.append(single)
                continue
            # "takes the life of a boy", "claimed the lives of 3"; "deprive a man of his life".
            if word in ("take", "takes", "took", "taking", "claim", "claims", "claimed", "claiming") and self.word(k + 1) == "the" and self.word(k + 2) in ("life", "lives") and self.word(k + 3) == "of":
                victim = self.victim_right(k + 4)
                if victim is not None:
                    out.append(self.mention(victim[0], k, victim[1], k))
                continue
            if word in ("deprive", "deprives", "deprived"):
                life = next((x for x in range(k + 1, min(k + 8, n)) if self.word(x) in ("life", "lives")), None)
                if life is not None and self.word(k + 1) != "of":
                    victim = self.victim_right(k + 1)
                    if victim is not None:
                        out.append(self.mention(victim[0], k, life + 1, k))
                elif life is not None:
                    victim = self.victim_left(k)
                    if victim is not None:
                        out.append(self.mention(victim[0], victim[1], life + 1, k))
                continue
            # "one of them dies".
            if word == "one" and self.word(k + 1) == "of" and self.word(k + 2) == "them" and self.death_word_at(k + 3) is not None:
                out.append(self.mention(Count(1, 1, 1), k, k + 4, k + 3))
        if any(not m.weak for m in out):
            out = [m for m in out if not m.weak]  # "a homicide" counts only where nothing else is said
        return self.coordinated(_without_overlaps(out))

    def coordinated(self, mentions: list[Mention]) -> list[Mention]:
        """'Hangs a man, kills 2 other males': killing verbs of one subject joined by ',' / 'and' add up."""
        out: list[Mention] = []
        for m in mentions:
            prev = out[-1] if out else None
            between = self.low[prev.end - self.offset : m.start - self.offset].strip() if prev is not None else None
            if prev is not None and prev.group == -2 and m.group == -2 and between in (",", "and", ", and"):
                out[-1] = Mention(_sum_counts([prev.count, m.count]), prev.start, m.end, prev.cue + "+" + m.cue, group=-2)
            else:
                out.append(m)
        return out


_HURT_FORMS = frozenset({"injured", "injures", "injure", "injuring", "wounded", "wounds", "wound", "wounding", "hurt", "hurts", "injuries"})


def _sum_counts(counts: list[Count]) -> Count:
    return Count(_add_up([c.low for c in counts]), _add_up([c.best for c in counts]), _add_up([c.high for c in counts]), exact=all(c.exact for c in counts))


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def find_mentions_surface(text: str, offset: int = 0) -> list[Mention]:
    """Death mentions read from the word order alone (headlines the parser misreads); offsets shifted by ``offset``."""
    return _Surface(text, offset).read()


# --- Spanish / Portuguese headlines ---------------------------------------------------------------


def _fold_es(text: str) -> str:
    return text.lower()


def find_mentions_es_pt(text: str, offset: int = 0) -> list[Mention]:
    """A word-level reading for Spanish and Portuguese sentences: a death word and the victims next to it."""
    w = words()
    numbers = w["es_pt_numbers"]
    skip = set(w["es_pt_instruments"])
    cues = {c: False for c in w["es_pt_singular_cues"]} | {c: True for c in w["es_pt_plural_cues"]}
    low = text.lower()
    tokens = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"[^\W_]+", low)]
    found = None
    for cue in sorted(cues, key=len, reverse=True):
        m = re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", low)
        if m and (found is None or m.start() < found[1].start()):
            found = (cue, m)
    if found is None:
        return []
    cue, m = found
    plural = cues[cue]

    def value_of(k: int) -> int | None:
        word = tokens[k][0]
        if k + 1 < len(tokens) and tokens[k + 1][0] in ("años", "anos", "días", "dias", "horas", "semanas", "meses", "veces", "balazos", "tiros", "disparos"):
            return None
        if word.isdigit() and int(word) < 1000:
            return int(word)
        return numbers.get(word)

    before = [k for k, t in enumerate(tokens) if t[2] <= m.start()][-1:]
    after = [k for k, t in enumerate(tokens) if t[1] >= m.end() and t[0] not in skip]
    start, end = m.start(), m.end()
    total = None
    stop, hurt, dets = set(w["es_pt_stop_words"]), set(w["es_pt_hurt_words"]), set(w["es_pt_determiners"])
    people = set(w["es_pt_people"])

    def gap(a: int, b: int) -> str:
        return low[tokens[a][2] : tokens[b][1]].strip()

    def noun_words(j: int) -> int:
        # The rest of one victim's phrase: "dos [hombres]", "tres [civiles armados]".
        while j < len(tokens) and not gap(j - 1, j) and tokens[j][0] not in stop | {"y", "e"} and not text[tokens[j][1]].isupper():
            j += 1
        return j

    def looks_like_verb(j: int) -> bool:
        word = tokens[j][0]
        return word in hurt or (re.search(r"(an|en|aron|ieron|am|em|ó)$", word) is not None and value_of(j) is None and word not in people)

    def victims_after(first: int) -> tuple[int | None, int]:
        """The victims from token ``first`` on, coordinated ones added: 'a mamá, abuela y dos niños'."""
        total = value_of(first) if value_of(first) is not None else (None if tokens[first][0].endswith("s") else 1)
        last = first
        j = noun_words(first + 1)
        while j < len(tokens) and total is not None:
            if not (gap(j - 1, j) == "," or tokens[j][0] in ("y", "e")):
                break
            if tokens[j][0] in ("y", "e"):
                j += 1
            while j < len(tokens) and tokens[j][0] in dets:
                j += 1
            if j >= len(tokens) or text[tokens[j][1]].isupper() or looks_like_verb(j):
                break  # "en Tlaquepaque y Zapopan" (places); "y hieren a su pareja" (another act)
            if any(tokens[x][0] in hurt for x in range(j + 1, min(j + 3, len(tokens)))):
                break  # "y un menor resulta herido"
            extra = value_of(j) if value_of(j) is not None else (None if tokens[j][0].endswith("s") else 1)
            if extra is None:
                break
            total, last = total + extra, j
            j = noun_words(j + 1)
        return total, last

    def victims_before(k: int) -> tuple[int, int] | None:
        """The victims of a subject that ends before the auxiliary at token ``k``: 'padre y dos de sus hijos'."""
        while k >= 0 and tokens[k][0] in w["es_pt_linking_words"]:
            k -= 1
        first = k
        while first > 0 and not re.search(r"[:;.(\[]", low[tokens[first - 1][2] : tokens[first][1]]):
            first -= 1
        if k < first:
            return None
        parts = re.split(r"\s*,\s*|\s+(?:y|e)\s+", low[tokens[first][1] : tokens[k][2]])
        total = 0
        for part in parts:
            part_words = [t for t in re.findall(r"[^\W_]+", part) if t not in dets]
            if not part_words:
                return None
            number = next((numbers[t] if t in numbers else int(t) for t in part_words[:2] if t in numbers or (t.isdigit() and int(t) < 1000)), None)
            if number is not None:
                total += number
            elif part_words[0] in people and not part_words[0].endswith("s"):
                total += 1
            else:
                return None  # "Jóvenes motociclistas": how many is not said
        return total, tokens[first][1]

    if not plural:
        # "hallan sin vida a dos mujeres", "hallan dos desmembrado": a number next to a singular cue is the count.
        following = [k for k in after if tokens[k][0] != "de"][:1]
        near = [k for k in following if tokens[k][1] - m.end() < 11] + before
        for k in near:
            value = value_of(k)
            if value is not None and value > 1:
                return [Mention(Count(value, value, value), offset + min(start, tokens[k][1]), offset + max(end, tokens[k][2]), cue)]
        return [Mention(Count(1, 1, 1), offset + start, offset + end, cue)]
    # "matan a dos", "mueren tres civiles", "asesina a tres personas": the victims follow the verb.
    active_verb = re.search(r"(an|aron|am|aram|en|eron|em|eram)$", cue) is not None or cue in w["es_pt_singular_verbs"]
    # "3 cuerpos", "dos muertos": a number right before the cue.
    if before and value_of(before[0]) is not None and value_of(before[0]) > 1:
        total, start = value_of(before[0]), tokens[before[0]][1]
    elif before and tokens[before[0]][0] in ("lo", "la", "le", "o") and active_verb:
        total, start = 1, tokens[before[0]][1]  # "Lo matan": him
    elif after and active_verb and not (cue in w["es_pt_die_verbs"] and tokens[after[0]][0] in stop):
        # (an active verb's victims may follow a place: "asesinan en Jalisco a ..."; a 'die' verb's do not)
        total, last = victims_after(after[0])
        end = tokens[last][2]
    elif before and not active_verb and tokens[before[0]][0] in w["es_pt_linking_words"]:
        # "Padre y dos de sus hijos fueron asesinados": the subject before the auxiliary, conjuncts added.
        subject = victims_before(before[0])
        if subject is not None:
            total, start = subject
    elif before and cue in w["es_pt_die_verbs"]:
        # "Duas pessoas morrem durante tiroteio": who died is the subject before the verb.
        subject = victims_before(before[0])
        if subject is not None:
            total, start = subject
    if total is None:
        count = Count(2, 2, None, exact=False) if plural else Count(1, 1, 1)
    else:
        count = Count(total, total, total)
    return [Mention(count, offset + start, offset + end, cue)]


_KEEP_CAPITALS = re.compile(r"^[A-Z0-9]{2,}$")


def is_title_case(text: str) -> bool:
    """A headline in Title Case ("Burma Army Kills Villager"), which the tagger reads as a row of proper nouns."""
    long_words = re.findall(r"\b[^\W\d_]{4,}\b", text)
    if len(long_words) < 3:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised / len(long_words) >= 0.6


def sentence_case(text: str, keep: set[int] = frozenset()) -> str:
    """Lower-case Capitalised words except the first and those starting at offsets in ``keep``; same length."""
    out = list(text)
    for m in re.finditer(r"\b[A-Z][a-z']+\b", text):
        if m.start() == 0 or m.start() in keep or _KEEP_CAPITALS.match(m.group(0)):
            continue
        out[m.start()] = text[m.start()].lower()
    return "".join(out)


def _shift(mentions: list[Mention], offset: int) -> list[Mention]:
    for m in mentions:
        m.start += offset
        m.end += offset
    return mentions


# Headline length: up to this many tokens, a number read from the word order can overrule the parse,
# and the word order is read over the whole sentence when the event's clause says nothing.
_SHORT_TOKENS = 24
# Longer clauses (and long article sentences) are left to the parse: word order alone ties a number in
# a 40-word sentence to the wrong death too often.
_SURFACE_CLAUSE_TOKENS = 35


def _checked_by_word_order(found: FatalityCount, text: str, offset: int, n_tokens: int) -> FatalityCount:
    """The parse's reading, unless a short text says an exact number next to a death word that differs.

    On headlines the small parser often ties the death word to the wrong noun ("CDN ambushed by CDG,
    5 dead" read as one dead CDN; "Clash Leaves Two Young Men Dead" as one man); an exact count that
    stands next to the death word in the word order is then the better reading. Long sentences keep the
    parse, whose clause structure the word order cannot replace.
    """
    if n_tokens > _SHORT_TOKENS or any(m.update for m in found.mentions):
        return found  # a toll update is the parse's to read
    surface = find_mentions_surface(text, offset)
    if not surface or any(not m.count.exact for m in surface):
        return found
    alternative = combine(surface)
    if alternative.best != found.best:
        return alternative
    return found


def find_fatalities(doc, clause_start: int, clause_end: int, trigger_ids=frozenset(), nlp=None) -> FatalityCount | None:
    """The fatalities of the event whose clause is ``doc.text[clause_start:clause_end]``; None when nothing is said.

    Running counts over a period ('89 murders in August') are no event's toll and are left out (``is_tally``).
    """
    found = _find_fatalities(doc, clause_start, clause_end, trigger_ids, nlp)
    if found is None or not found.mentions:
        return found
    from .attribution import doc_text

    text = doc_text(doc)
    first = found.mentions[0]
    around = doc.char_span(first.start, first.end, alignment_mode="expand")
    sentence = around[0].sent.text if around is not None and len(around) else text[first.start : first.end]
    return spread_over_events(_without_tallies(found, sentence), sentence)


def _find_fatalities(doc, clause_start: int, clause_end: int, trigger_ids=frozenset(), nlp=None) -> FatalityCount | None:
    """The fatalities of the event whose clause is ``doc.text[clause_start:clause_end]``; None when nothing is said.

    Scope, first that reports anything: the clause; the rest of its sentence; for a death-toll
    sentence only, the next sentence. See the module docstring for how counts combine.
    """
    from .attribution import doc_text

    text = doc_text(doc)
    clause = doc.char_span(clause_start, clause_end, alignment_mode="expand")
    if clause is None or len(clause) == 0:
        return None
    sentence = clause[0].sent
    scopes = [list(clause), [t for t in sentence if t.i < clause.start or t.i >= clause.end]]
    for tokens in scopes:
        if not tokens:
            continue
        mentions, zero = find_mentions(tokens, trigger_ids)
        scope_text = text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
        if mentions and all(not m.count.exact for m in mentions):
            # "Four headless, tortured bodies": the parse kept only the bare plural; the words give the number.
            exact = [m for m in find_mentions_surface(scope_text, tokens[0].idx) if m.count.exact]
            if exact:
                return combine(exact)
        if mentions:
            return _checked_by_word_order(combine(mentions), scope_text, tokens[0].idx, len(tokens))
        found = zero_cue(scope_text)
        if zero or found:
            start = tokens[0].idx + (found.start() if found else 0)
            end = tokens[0].idx + (found.end() if found else len(scope_text))
            return FatalityCount(0, 0, 0, [Mention(Count(0, 0, 0), start, end, "none")])
    if nlp is not None and is_title_case(sentence.text) and _has_cue_word(sentence.text):
        # A Title Case headline the tagger read as a row of proper nouns: read it again in sentence case,
        # names the tagger found keeping their capitals (only when a death word is there to find).
        keep = {e.start_char - sentence.start_char for e in sentence.ents if e.label_ in ("GPE", "LOC", "ORG", "PERSON", "NORP", "FAC")}
        keep -= {t.idx - sentence.start_char for t in sentence if t.lower_ in _CUE_WORDS()}
        recased = nlp(sentence_case(sentence.text, keep))
        mentions, zero = find_mentions(list(recased))
        if mentions:
            return _checked_by_word_order(combine(_shift(mentions, sentence.start_char)), sentence.text, sentence.start_char, len(sentence))
    # Spanish / Portuguese sentences.
    es = find_mentions_es_pt(sentence.text, sentence.start_char)
    if es:
        return combine(es)
    # The words in order, where the parse found nothing: the clause, then its sentence.
    clause_text = text[clause[0].idx : clause[-1].idx + len(clause[-1])]
    surface = find_mentions_surface(clause_text, clause[0].idx) if len(clause) <= _SURFACE_CLAUSE_TOKENS else []
    if not surface and len(sentence) <= _SHORT_TOKENS:
        surface = find_mentions_surface(sentence.text, sentence.start_char)
    if surface and not zero_cue(sentence.text):
        return combine(surface)
    # A death-toll sentence right after the event's sentence.
    if sentence.end < len(doc):
        following = doc[sentence.end].sent
        if any(t.lemma_.lower() in words()["toll_nouns"] for t in following):
            mentions, _ = find_mentions(list(following), trigger_ids)
            mentions = [m for m in mentions if m.cue.lower() in words()["toll_nouns"]]
            if mentions:
                return combine(mentions)
    return None
