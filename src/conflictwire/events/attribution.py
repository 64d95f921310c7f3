"""Attribution: who the article says reported an event ("authorities said", "according to X").

Read from the event's sentence on the parse, first that matches:

1. "according to X" / "citing X": X;
2. a reporting verb (say, tell, report, claim, confirm, announce, state, add, ...) whose clausal complement
   holds the event, else any reporting verb of the sentence: its subject, whole ("an official speaking on
   condition of anonymity"), with what it was told to ("a police brigadier told state television");
   passive "was reported by X": X;
3. a headline's trailing source ("... killed in Helmand - governor", "...: NGO").

A pronoun or "the group" as speaker is resolved by the caller's ``resolve`` (to the actor named before),
else to the last non-pronoun speaker of the two sentences before. When the sentence after says the
speaker "spoke on condition of anonymity", that is added to the speaker.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


def doc_text(doc) -> str:
    """The Doc's text, built once: ``Doc.text`` joins every token on each call, which costs more than
    the rest of argument filling together on long articles."""
    cached = doc.user_data.get("cw_text")
    if cached is None:
        cached = doc.user_data["cw_text"] = doc.text
    return cached


REPORTING_VERBS = {
    "say", "tell", "report", "claim", "confirm", "announce", "state", "add", "allege", "note", "explain",
    "disclose", "reveal", "declare", "insist", "estimate", "quote", "cite", "warn", "assert", "acknowledge",
    "admit", "deny", "tweet", "post", "write", "publish",
}
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_ANAPHORS = re.compile(r"^(?:the |this |that )?(?:group|organi[sz]ation|movement|militia|militants|insurgents|rebels|outfit)$", re.I)
_HEADLINE_SOURCE = re.compile(
    r"\s(?:-|–|—|:)\s*((?:[A-Z][\w.'’-]*\s?){0,3}(?:official|officials|governor|police|ministry|army|military|NGO|monitor|"
    r"observatory|sources?|witnesses|residents|spokesman|spokesperson|UN|report|media|TV|agency|[A-Z]{2,6}))\s*$"
)


@dataclass(frozen=True)
class Attribution:
    text: str  # what goes into attributed_to
    start: int  # evidence span in the article text
    end: int


def _span_text(doc, first: int, last: int) -> tuple[str, int, int]:
    while last > first and doc[last].is_punct:
        last -= 1
    while first < last and doc[first].is_punct:
        first += 1
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    return doc_text(doc)[start:end], start, end


_TITLES = {"brig", "gen", "col", "lt", "maj", "capt", "sgt", "cpl", "pvt", "adm", "cmdr", "insp", "supt", "dr", "sen", "rep", "gov", "pres", "gen"}


def _title_start(doc, first: int, floor: int) -> int:
    """Where a speaker's rank starts when the parser cut it off: 'Salahuddin police Brig. | Kheyon Rasheed'."""
    i = first - 1
    if i >= floor and doc[i].text == ".":
        i -= 1
    if i >= floor and doc[i].text.lower().rstrip(".") in _TITLES:
        i -= 1
        while i >= floor and doc[i].pos_ in ("PROPN", "NOUN") and not doc[i].is_punct:
            i -= 1
        return i + 1
    return first


def _phrase(token, limit: int = 14) -> tuple[str, int, int]:
    """A speaker phrase: the subject's subtree, cut before a long relative clause."""
    doc = token.doc
    first, last = token.left_edge.i, token.right_edge.i
    first = _title_start(doc, first, token.sent.start)
    for child in token.children:
        if child.dep_ in ("relcl", "appos") and child.i > token.i and (child.right_edge.i - first) > limit:
            last = min(last, child.left_edge.i - 1)
    return _span_text(doc, first, last)


def _dominates(verb, token) -> bool:
    while token is not None and token.head.i != token.i:
        if token.head == verb:
            return True
        token = token.head
    return False


def _anonymity_note(sentence) -> bool:
    return "condition of anonymity" in sentence.text.lower() or "declined to be named" in sentence.text.lower()


def _previous_speaker(sentence, resolve):
    doc = sentence.doc
    i = sentence.start - 1
    for _ in range(2):
        if i < 0:
            return None
        prev = doc[i].sent
        found = _from_sentence(prev, None, resolve=None, allow_pronoun=False)
        if found:
            return found
        i = prev.start - 1
    return None


def _from_sentence(sentence, anchor, resolve: Callable | None, allow_pronoun: bool = True) -> Attribution | None:
    doc = sentence.doc
    # 1. "according to X", "citing X".
    for tok in sentence:
        if tok.lower_ == "according" and tok.i + 1 < sentence.end and doc[tok.i + 1].lower_ == "to":
            pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is not None:
                text, start, end = _span_text(doc, pobj.left_edge.i, pobj.right_edge.i)
                return Attribution(text, doc[tok.i].idx, end)
        if tok.lower_ == "citing" and tok.pos_ == "VERB":
            dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if dobj is not None:
                text, start, end = _span_text(doc, dobj.left_edge.i, dobj.right_edge.i)
                return Attribution(text, tok.idx, end)
    # 2. Reporting verbs, the one governing the event first.
    verbs = [t for t in sentence if t.lemma_.lower() in REPORTING_VERBS and t.pos_ in ("VERB", "AUX")]
    if anchor is not None:
        verbs.sort(key=lambda v: (not _dominates(v, anchor), abs(v.i - anchor.i)))
    for verb in verbs:
        lemma = verb.lemma_.lower()
        # "claimed responsibility" is attribution by the claimant; "claim" about lives is not a report.
        if lemma == "claim" and any(c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in verb.children):
            continue
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None and agent is not None:
            subject = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if subject is None or subject.lower_ in ("there",) or (subject.lower_ == "it" and lemma in ("say", "report")):
            continue
        text, start, end = _phrase(subject)
        if subject.pos_ == "PRON" or _ANAPHORS.match(text):
            if not allow_pronoun:
                continue
            # "he said" is a person speaking: the speaker named before, not an armed group.
            person = subject.lower_ in ("he", "she", "i", "we")
            resolved = resolve(subject) if resolve and not person else None
            if resolved is None and subject.pos_ == "PRON":
                previous = _previous_speaker(sentence, resolve)
                resolved = previous.text if previous else None
            if resolved is None:
                continue
            text = resolved
        if lemma == "tell":
            medium = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
            if medium is not None and medium.i > verb.i and medium.pos_ in ("NOUN", "PROPN"):
                _, _, medium_end = _span_text(doc, medium.left_edge.i, medium.right_edge.i)
                if subject.pos_ != "PRON":
                    text = doc_text(doc)[start:medium_end]
                end = max(end, medium_end)
        start, end = min(start, verb.idx), max(end, verb.idx + len(verb))
        if "anonymity" not in text.lower() and sentence.end < len(doc) and _anonymity_note(doc[sentence.end].sent):
            text += " (speaking on condition of anonymity)"
        return Attribution(text, start, end)
    # 3. A headline's trailing source.
    m = _HEADLINE_SOURCE.search(sentence.text)
    if m:
        return Attribution(m.group(1), sentence.start_char + m.start(1), sentence.start_char + m.end(1))
    return None


def find_attribution(doc, clause_start: int, clause_end: int, resolve: Callable | None = None) -> Attribution | None:
    """Who reported the event whose clause is ``doc.text[clause_start:clause_end]``; None if the sentence does not say."""
    clause = doc.char_span(clause_start, clause_end, alignment_mode="expand")
    if clause is None or len(clause) == 0:
        return None
    return _from_sentence(clause[0].sent, clause.root, resolve)
