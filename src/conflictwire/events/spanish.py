"""Event triggers for lines in Spanish or Portuguese, where the English parse is of no use.

Wire services and local outlets in Latin America write headlines such as "Asesinan a balazos a dos
hombres en ..." or "Hallan cuerpo sin vida en ...". The English model tags these words as proper
nouns, so the English lexicon never fires. ``line_language`` tells such a line apart from English by
its function words; ``find_triggers`` then matches the line against ``data/triggers_es.tsv`` (regular
expressions over the lower-cased, accent-free line, each with a sub-event type and a weight, written
from general news vocabulary) and ``read_status`` looks for the few cues of negation, intention,
denial and hedging that headlines use. The trained heads read English only, so these candidates keep
the lexicon's type and confidence.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

from .modality import Status
from .ontology import kind_of

# Short function words: frequent in every sentence, and nearly disjoint between the three languages.
_ENGLISH = frozenset("the of and to in is are was were by on after for with they his her at from who has have its this that an as be".split())
_SPANISH = frozenset("el la los las del y en un una por con que se al su sus tras para es son fue lo le les entre hasta desde".split())
_PORTUGUESE = frozenset("os do da das e em um uma por com que se ao na no nas nos seu sua apos para foi sao pelo pela".split())
_WORDS = re.compile(r"[a-z]+")


def fold(text: str) -> str:
    """Lower case, accents removed (``Asesinan a JOSÉ`` -> ``asesinan a jose``); same length as ``text``."""
    if text.isascii():  # most lines: nothing to strip, and str.lower is the per-character loop below
        return text.lower()
    out = []
    for ch in text:
        low = ch.lower()
        if len(low) != 1:
            low = ch
        out.append(unicodedata.normalize("NFKD", low)[0] if low.isalpha() else low)
    return "".join(out)


def line_language(text: str) -> str:
    """'es', 'pt', 'en', or '' for a line without any function word ("Hallan cuerpo"), from
    function-word counts."""
    words = _WORDS.findall(fold(text))
    en = sum(w in _ENGLISH for w in words)
    es = sum(w in _SPANISH for w in words)
    pt = sum(w in _PORTUGUESE for w in words)
    if "ã" in text or "õ" in text or "ç" in text:
        pt += 1
    if "ñ" in text:
        es += 1
    best = max(es, pt)
    if best == 0 and en == 0:
        return ""
    if best <= en:
        return "en"
    if es == pt:
        return "es"  # the words both share ("que", "se", "para") say Spanish more often in news
    return "es" if es > pt else "pt"


@dataclass(frozen=True)
class ForeignRule:
    lang: str
    pattern: re.Pattern
    sub_event_type: str
    weight: float
    co: re.Pattern | None
    notco: re.Pattern | None


def _word_regex(expr: str) -> re.Pattern:
    return re.compile(rf"\b(?:{expr})\b")


@functools.lru_cache(maxsize=1)
def load_rules() -> tuple[ForeignRule, ...]:
    text = resources.files("conflictwire.events").joinpath("data/triggers_es.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in text.splitlines() if line and not line.startswith("#")), delimiter="\t")
    rules = []
    for row in rows:
        kind_of(row["sub_event_type"])  # a typo in the table fails loudly here
        # Conditions match word starts ("halla" for hallan, hallaron, hallazgo).
        co = re.compile(rf"\b(?:{row['co']})") if row.get("co") else None
        notco = re.compile(rf"\b(?:{row['notco']})") if row.get("notco") else None
        rules.append(ForeignRule(row["lang"], _word_regex(row["pattern"]), row["sub_event_type"], float(row["weight"]), co, notco))
    return tuple(rules)


def find_triggers(text: str, lang: str) -> list[tuple[ForeignRule, int, int]]:
    """Every (rule, start, end) that matches ``text`` (offsets into ``text``): the triggers that report an
    act first, heaviest first among them.

    A trigger inside a named attempt, a negation or a forecast ("asesinan a pareja en intento de secuestro")
    reports no act of its own; the act the line does report ("asesinan") then comes first. Only when no
    trigger reports an act does the first one give the reason the line is no event.
    """
    folded = fold(text)
    found = []
    for rule in load_rules():
        if rule.lang != lang:
            continue
        if rule.co is not None and not rule.co.search(folded):
            continue
        if rule.notco is not None and rule.notco.search(folded):
            continue
        m = rule.pattern.search(folded)
        if m:
            found.append((rule, m.start(), m.end()))
    found.sort(key=lambda r: (not _reports_act(folded, r[1]), -r[0].weight, r[1]))
    return found


def _reports_act(folded: str, start: int) -> bool:
    """No negation, intention or forecast in the few words before the trigger at ``start``."""
    before = folded[:start]
    return not (_NEGATION.search(before) or _INTENTION.search(before) or _FUTURE.search(before))


# Cues within a few words before the trigger.
_NEGATION = re.compile(r"\b(?:no|nao|nunca|sin|ni|sem)\s+(?:\w+\s+){0,2}$")
_INTENTION = re.compile(r"\b(?:intento de|intentan|intentaron|planean|planeaban|amenaza(?:n|ron)? con|buscan|pretend\w+|querian|tentativa de|tentam|ameacam)\s+(?:\w+\s+){0,2}$")
_DENIAL = re.compile(r"\b(?:niega(?:n)?|negaron|desmiente(?:n)?|descarta(?:n|ron)?|nega(?:m|ram)?|desmente(?:m)?)\b")
_UNCERTAIN = re.compile(r"\b(?:presunt\w+|supuest\w+|posible|posibles|probable|habria|habrian|suposto|suposta|possivel)\b")
_FUTURE = re.compile(r"\b(?:va a|van a|iran a|podria|podrian|pode|poderia)\s+(?:\w+\s+){0,1}$")


def read_status(text: str, start: int) -> Status:
    """The modality of the event a trigger at ``start`` reports, or why the line is no event."""
    before = fold(text[:start])
    if _NEGATION.search(before):
        return Status(None, "negated:es")
    if _INTENTION.search(before):
        return Status(None, "intention:es")
    if _FUTURE.search(before):
        return Status(None, "forecast:es")
    folded = fold(text)
    if _DENIAL.search(folded):
        return Status("denied", "denied:es")
    if _UNCERTAIN.search(folded):
        return Status("uncertain", "uncertain:es")
    return Status("asserted", "asserted")
