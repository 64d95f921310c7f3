"""Our ontology (ACLED types, PLOVER, CAMEO, ACLED actor categories) mapped to each gold set's labels.

Each function takes one of our Event records and returns the gold set's label, or None where our
record has no counterpart. The tables are written out, with their reasons, in docs/evaluation.md.
"""

from __future__ import annotations

import functools
from importlib import resources

from ..schema import Event

VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}

# ---------------------------------------------------------------- UCDP type of violence

UCDP_STATE, UCDP_NONSTATE, UCDP_ONESIDED = "state-based conflict", "non-state conflict", "one-sided violence"


def ucdp_type_of_violence(event: Event) -> str | None:
    """UCDP's three types from our event type and actor categories, through the one mapping the
    ontology defines (``events.ontology.ucdp_type_of_violence``, documented in docs/ontology.md)."""
    from ..events.ontology import ucdp_type_of_violence as ucdp_code

    cat1 = event.actor1.category if event.actor1 else None
    cat2 = event.actor2.category if event.actor2 else None
    if event.civilian_targeting and cat2 is None:
        cat2 = "civilians"
    code = ucdp_code(event.sub_event_type, cat1, cat2)
    return {1: UCDP_STATE, 2: UCDP_NONSTATE, 3: UCDP_ONESIDED}.get(code) if code else None


# ---------------------------------------------------------------- CASE 2021 task 2

# The CASE labels that abbreviate ACLED sub-event types, one to one (a data file, with its source).
@functools.lru_cache(maxsize=1)
def case_label_of_sub_event() -> dict[str, str]:
    text = resources.files("conflictwire.evaluate").joinpath("data/case2021_labels.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines()[1:] if line.strip()]
    return {row[0]: row[1] for row in rows}


# The 5 labels outside ACLED: reached only through PLOVER types, when our record has one.
CASE_LABEL_OF_PLOVER = {"CONSULT": "DIPLO", "AGREE": "DIPLO", "COOPERATE": "DIPLO", "AID": "DIPLO"}


def case2021_label(event: Event) -> str | None:
    label = case_label_of_sub_event().get(event.sub_event_type)
    if label:
        return label
    return CASE_LABEL_OF_PLOVER.get((event.plover_type or "").upper())


# ---------------------------------------------------------------- MUC-4 incident types

_MUC_BOMBING = {"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"}


def muc_incident_type(event: Event) -> str | None:
    """MUC-4 incident type, or None when our event is not a MUC-4 incident.

    Bombs, IEDs and grenades are BOMBING; abductions KIDNAPPING; looting/property destruction ARSON;
    every other attack, clash, strike or shelling ATTACK. Protests, riots and strategic developments
    are not terrorist incidents."""
    sub = event.sub_event_type
    if sub in _MUC_BOMBING:
        return "BOMBING"
    if sub == "Abduction/forced disappearance":
        return "KIDNAPPING"
    if sub == "Looting/property destruction":
        return "ARSON"
    if event.event_type in {"Battles", "Explosions/Remote violence", "Violence against civilians"}:
        return "ATTACK"
    return None


# ---------------------------------------------------------------- KAIROS (WikiEvents) and AIDA (RAMS)

# Gold event types in scope, by their first two dotted components (case-insensitive), with the
# ACLED event types that are compatible with each.
_SCOPE = {
    "conflict.attack": {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"},
    "conflict.demonstrate": {"Protests", "Riots"},
    "justice.arrestjaildetain": {"Strategic developments"},
    "life.die": {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"},
    "life.injure": {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"},
}


def kairos_scope(gold_type: str | None) -> set[str] | None:
    """The ACLED event types compatible with a KAIROS/AIDA event type, None when out of our scope."""
    if not gold_type:
        return None
    key = ".".join(gold_type.lower().split(".")[:2])
    return _SCOPE.get(key)


# Argument roles (lower case) that our actor1 / actor2 fill.
PERPETRATOR_ROLES = {"attacker", "killer", "jailer", "injurer", "demonstrator", "perpetrator", "agent"}
PATIENT_ROLES = {"target", "victim", "detainee"}
PLACE_ROLES = {"place"}

# ---------------------------------------------------------------- IndiaPoliceEvents

IPE_LABELS = ("KILL", "ARREST", "FAIL", "FORCE", "ANY_ACTION")
_FORCE_SUBTYPES = {"Excessive force against protesters", "Protest with intervention"}


def ipe_labels(event: Event) -> set[str]:
    """The IndiaPoliceEvents questions our event answers yes to. 'Police' is an actor1 of ACLED
    category 'state forces'; FAIL (police failed to act) has no counterpart and is never predicted."""
    labels: set[str] = set()
    police = bool(event.actor1 and event.actor1.category == "state forces")
    if event.sub_event_type == "Arrests":
        labels |= {"ARREST", "ANY_ACTION"}
    if police and event.event_type in {"Battles", "Explosions/Remote violence", "Violence against civilians"}:
        labels |= {"FORCE", "ANY_ACTION"}
        if (event.fatalities or 0) > 0:
            labels.add("KILL")
    if event.sub_event_type in _FORCE_SUBTYPES:
        labels |= {"FORCE", "ANY_ACTION"}
    if police:
        labels.add("ANY_ACTION")
    return labels


# ---------------------------------------------------------------- CAMEO and PLOVER


def cameo_root(code: str | None) -> str | None:
    """CAMEO root code: the first two digits of an event code ('1721' -> '17')."""
    if not code:
        return None
    digits = "".join(ch for ch in str(code) if ch.isdigit())
    return digits[:2] if len(digits) >= 2 else None


def plover_type(event: Event) -> str | None:
    return event.plover_type.upper() if event.plover_type else None


def plover_mode(event: Event) -> str | None:
    return event.plover_mode.lower() if event.plover_mode else None
