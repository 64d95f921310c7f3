"""Our records, reduced to what each gold set can score: plain dicts the scorers read.

Scorers never see an Event: a baseline or a test builds the same dicts by hand, so the scoring code
is the same for the pipeline, for the baselines and for hand-made predictions.
"""

from __future__ import annotations

from . import mappings
from ..schema import Event


def main_event(events: list[Event]) -> Event | None:
    """The event a one-event gold record is compared with: the most confident one (first on ties)."""
    best = None
    for event in events:
        if best is None or event.confidence > best.confidence:
            best = event
    return best


def _names(actor) -> list[str]:
    return [n for n in (actor.name, actor.text) if n] if actor else []


def event_view(event: Event) -> dict:
    """The fields of one event that gold sets annotate, with their evidence spans."""
    loc = event.location
    spans = [(e.start, e.end) for e in event.evidence]
    by_field: dict[str, list[tuple[int, int]]] = {}
    for e in event.evidence:
        by_field.setdefault(e.field or "", []).append((e.start, e.end))
    perp = _names(event.actor1) + [n for a in event.assoc_actor1 for n in _names(a)]
    target = _names(event.actor2) + [n for a in event.assoc_actor2 for n in _names(a)]
    view = {
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "muc_type": mappings.muc_incident_type(event),
        "ucdp_type": mappings.ucdp_type_of_violence(event),
        "case_label": mappings.case2021_label(event),
        "plover_type": mappings.plover_type(event),
        "plover_mode": mappings.plover_mode(event),
        "cameo_root": mappings.cameo_root(event.cameo_code),
        "date": event.event_date.isoformat() if event.event_date else None,
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "lat": loc.latitude if loc else None,
        "lon": loc.longitude if loc else None,
        "places": [n for n in ((loc.name, loc.text, loc.admin2, loc.admin1, loc.country) if loc else ()) if n],
        "admin1": loc.admin1 if loc else None,
        "fatalities": event.fatalities,
        "perpetrators": perp,
        "targets": target,
        "actor1_names": _names(event.actor1),
        "actor1_text": event.actor1.text if event.actor1 else None,
        "actor2_text": event.actor2.text if event.actor2 else None,
        "actor1_category": event.actor1.category if event.actor1 else None,
        "actor2_category": event.actor2.category if event.actor2 else None,
        "modality": event.modality,
        "actor2_names": _names(event.actor2),
        "physical_targets": list(event.targets),
        "weapons": list(event.weapons),
        "spans": spans,
        "perpetrator_spans": by_field.get("actor1", []) + by_field.get("assoc_actor1", []),
        "target_spans": by_field.get("actor2", []) + by_field.get("assoc_actor2", []) + by_field.get("target", []),
        "place_spans": by_field.get("location", []),
        "confidence": event.confidence,
        "evidence_texts": [e.text for e in event.evidence],
    }
    # IndiaPoliceEvents' questions are about the police: named in actor1 or the evidence, which the view
    # carries (a category "state forces" alone is a government or an army as well). docs/evaluation.md.
    from .events import ipe_labels_of

    view["ipe_labels"] = sorted(ipe_labels_of(view, ""))
    return view


def events_view(events: list[Event]) -> list[dict]:
    return [event_view(e) for e in events]


def compatible_with_kairos(view: dict, gold_type: str | None) -> bool:
    scope = mappings.kairos_scope(gold_type)
    if not scope or view["event_type"] not in scope:
        return False
    if gold_type.lower().startswith("justice.arrestjaildetain"):
        return view["sub_event_type"] == "Arrests"
    return True
