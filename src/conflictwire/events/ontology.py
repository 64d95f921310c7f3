"""The one mapping table: ACLED sub-event type -> ACLED event type, PLOVER type and mode, CAMEO root.

The table lives in ``data/ontology.tsv`` (documented in ``docs/ontology.md``); this module only reads
it, so one typing decision yields the three codings at once.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

ACLED_EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)


@dataclass(frozen=True)
class EventKind:
    """One row of the ontology table."""

    sub_event_type: str
    event_type: str
    plover_type: str | None
    plover_mode: str | None
    cameo_root: str | None
    case2021: str | None
    description: str


@functools.lru_cache(maxsize=1)
def load_ontology() -> dict[str, EventKind]:
    """All 25 ACLED sub-event types, keyed by their exact codebook string, in table order."""
    text = resources.files("conflictwire.events").joinpath("data/ontology.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in text.splitlines() if line and not line.startswith("#")), delimiter="\t")
    kinds: dict[str, EventKind] = {}
    for row in rows:
        kind = EventKind(
            sub_event_type=row["sub_event_type"],
            event_type=row["event_type"],
            plover_type=row["plover_type"] or None,
            plover_mode=row["plover_mode"] or None,
            cameo_root=row["cameo_root"] or None,
            case2021=row["case2021"] or None,
            description=row["description"],
        )
        kinds[kind.sub_event_type] = kind
    return kinds


def kind_of(sub_event_type: str) -> EventKind:
    """The table row of ``sub_event_type`` (an exact ACLED string); KeyError if it is not one."""
    return load_ontology()[sub_event_type]


def sub_event_types() -> list[str]:
    return list(load_ontology())


def from_case2021(label: str) -> EventKind | None:
    """The row a CASE 2021 task 2 label abbreviates; None for its five non-ACLED labels."""
    for kind in load_ontology().values():
        if kind.case2021 == label:
            return kind
    return None


# Types that in practice always have a government on one side (air power, artillery, territory).
_STATE_SIDE_TYPES = {
    "Air/drone strike", "Shelling/artillery/missile attack", "Chemical weapon",
    "Government regains territory", "Non-state actor overtakes territory",
}
_ONE_SIDED_PERPETRATORS = {"rebel group", "external/other forces"}


def ucdp_type_of_violence(sub_event_type: str, actor1_category: str | None, actor2_category: str | None) -> int | None:
    """UCDP type of violence (1 state-based, 2 non-state, 3 one-sided) from our type and actor categories.

    UCDP codes organised lethal violence only, so protests, riots and strategic developments give None.
    A state force on one side makes it state-based, or one-sided when the other side is civilians or
    protesters. Violence against civilians is one-sided only when a rebel group or foreign force is named; killings
    by militias, cartels, gangs and unknown perpetrators are, as in UCDP's coding of cartel, gang and
    communal violence, non-state.
    Other fighting is state-based when a rebel group is a party (ACLED's rebels fight the state) or when
    it is an air strike, shelling, chemical attack or territorial change; else non-state.
    (Mapping documented in docs/ontology.md.)
    """
    kind = kind_of(sub_event_type)
    categories = {actor1_category, actor2_category}
    against_civilians = bool({"civilians", "protesters"} & categories)
    if sub_event_type == "Excessive force against protesters":
        return 3
    if kind.event_type not in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        return None
    if "state forces" in categories:
        return 3 if against_civilians else 1
    if kind.event_type == "Violence against civilians":
        # UCDP GED codes militias' and cartels' killings of civilians (ACLED's political and identity
        # militias) inside those groups' non-state dyads; one-sided only for rebels and foreign forces.
        return 3 if actor1_category in _ONE_SIDED_PERPETRATORS else 2
    # A rebel group is, by ACLED's definition, fighting the state; air power, artillery and
    # territorial change nearly always have a government on one side.
    if "rebel group" in categories or sub_event_type in _STATE_SIDE_TYPES:
        return 1
    return 2
