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

Headlines in Spanish and Portuguese (common in Mexican and Brazilian sources) get a small word-level
reading of their own ("Asesinan a 2 personas", "Hallan cuerpo sin vida").
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
        if k + 1 < len(tokens) and tokens[k + 1][0] in ("años", "anos"):
            return None
        if word.isdigit() and int(word) < 1000:
            return int(word)
        return numbers.get(word)

    before = [k for k, t in enumerate(tokens) if t[2] <= m.start()][-1:]
    after = [k for k, t in enumerate(tokens) if t[1] >= m.end() and t[0] not in skip]
    start, end = m.start(), m.end()
    total = None
    if not plural:
        return [Mention(Count(1, 1, 1), offset + start, offset + end, cue)]
    # "matan a dos", "mueren tres civiles": the victims follow a plural verb.
    active_verb = re.search(r"(an|aron|am|aram|en|eron|em|eram)$", cue) is not None
    # "3 cuerpos", "dos muertos": a number right before the cue.
    if before and value_of(before[0]) is not None and value_of(before[0]) > 1:
        total, start = value_of(before[0]), tokens[before[0]][1]
    elif after and active_verb:
        first = after[0]
        total = value_of(first) if value_of(first) is not None else (None if tokens[first][0].endswith("s") and plural else 1)
        end = tokens[first][2]
        # "a 2 hombres y una mujer", "a taxista y a pasajera": coordinated victims add up.
        rest = [k for k in after[1:6]]
        for i, k in enumerate(rest):
            if tokens[k][0] in ("y", "e") and i + 1 < len(rest):
                nxt = rest[i + 1]
                if text[tokens[nxt][1]].isupper():
                    break  # "en Tlaquepaque y Zapopan": places, not victims
                extra = value_of(nxt) if value_of(nxt) is not None else (1 if not tokens[nxt][0].endswith("s") else None)
                if extra is not None and total is not None:
                    total += extra
                    end = tokens[nxt][2]
                break
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


def find_fatalities(doc, clause_start: int, clause_end: int, trigger_ids=frozenset(), nlp=None) -> FatalityCount | None:
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
        if mentions:
            return combine(mentions)
        scope_text = text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
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
            return combine(_shift(mentions, sentence.start_char))
    # Spanish / Portuguese sentences.
    es = find_mentions_es_pt(sentence.text, sentence.start_char)
    if es:
        return combine(es)
    # A death-toll sentence right after the event's sentence.
    if sentence.end < len(doc):
        following = doc[sentence.end].sent
        if any(t.lemma_.lower() in words()["toll_nouns"] for t in following):
            mentions, _ = find_mentions(list(following), trigger_ids)
            mentions = [m for m in mentions if m.cue.lower() in words()["toll_nouns"]]
            if mentions:
                return combine(mentions)
    return None
