"""Notes and explanations: an ACLED-style one-sentence summary built from an event's fields, and a
readable account of each event with the words every field came from highlighted.

``build_notes`` uses only the record (never the article's sentences), so it can run again at the end of
the pipeline once geo and time have filled location and date:
"On 11 March 2015, Military Forces of Iraq and Shiite militias clashed with Islamic State in Tikrit
(Salah ad Din). 3 fatalities reported."
"""

from __future__ import annotations

import re

from ..schema import Article, Event

# How each ACLED sub-event type reads as a verb phrase between actor 1 and actor 2.
_PHRASES = {
    "Armed clash": ("clashed with", "were involved in an armed clash"),
    "Government regains territory": ("regained territory from", "regained territory"),
    "Non-state actor overtakes territory": ("took over territory from", "took over territory"),
    "Chemical weapon": ("used chemical weapons against", "used chemical weapons"),
    "Air/drone strike": ("carried out an air or drone strike on", "carried out an air or drone strike"),
    "Suicide bomb": ("carried out a suicide bombing against", "carried out a suicide bombing"),
    "Shelling/artillery/missile attack": ("shelled", "carried out shelling"),
    "Remote explosive/landmine/IED": ("detonated an explosive device targeting", "detonated an explosive device"),
    "Grenade": ("threw a grenade at", "threw a grenade"),
    "Sexual violence": ("committed sexual violence against", "committed sexual violence"),
    "Attack": ("attacked", "carried out an attack"),
    "Abduction/forced disappearance": ("abducted", "carried out an abduction"),
    "Peaceful protest": ("protested against", "held a peaceful protest"),
    "Protest with intervention": ("protested and were met by", "held a protest that was intervened against"),
    "Excessive force against protesters": ("used excessive force against", "used excessive force against protesters"),
    "Violent demonstration": ("rioted against", "held a violent demonstration"),
    "Mob violence": ("carried out mob violence against", "carried out mob violence"),
    "Agreement": ("reached an agreement with", "reached an agreement"),
    "Arrests": ("arrested", "made arrests"),
    "Change to group/activity": ("changed activity concerning", "changed group or activity"),
    "Disrupted weapons use": ("disrupted a weapons attack by", "disrupted weapons use"),
    "Headquarters or base established": ("established a base near", "established a headquarters or base"),
    "Looting/property destruction": ("looted or destroyed property of", "looted or destroyed property"),
    "Non-violent transfer of territory": ("took over territory from", "took over territory without fighting"),
    "Other": ("were involved in an event with", "were involved in an event"),
}


def _names(first, partners) -> str | None:
    # Several named victims are all 'Civilians': a summary names each group once.
    names = list(dict.fromkeys(a.name for a in ([first] if first else []) + list(partners)))
    if not names:
        return None
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _date(event: Event) -> str | None:
    if event.event_date is None:
        return None
    day = f"{event.event_date.day} {event.event_date.strftime('%B %Y')}"
    if event.time_precision == 3:
        return f"In {event.event_date.strftime('%B %Y')}"
    if event.time_precision == 2:
        return f"On or around {day}"
    if event.date_end and event.date_end != event.event_date:
        end = f"{event.date_end.day} {event.date_end.strftime('%B %Y')}"
        return f"Between {day} and {end}"
    return f"On {day}"


def _place(event: Event) -> str | None:
    loc = event.location
    if loc is None:
        return None
    name = loc.name or loc.text
    if not name:
        return None
    extra = loc.admin1 if loc.admin1 and loc.admin1 != name else loc.country if loc.country and loc.country != name else None
    near = "near " if loc.geo_precision == 2 else ""
    return f"{near}{name} ({extra})" if extra else f"{near}{name}"


def _fatalities(event: Event) -> str | None:
    if event.fatalities is None:
        return None
    if event.fatalities == 0:
        return "No fatalities reported."
    noun = "fatality" if event.fatalities == 1 else "fatalities"
    text = f"{event.fatalities} {noun} reported"
    if event.fatalities_high is not None and event.fatalities_high != event.fatalities:
        text += f" (reports range up to {event.fatalities_high})"
    elif event.fatalities_high is None and event.fatalities_low is not None:
        text = f"At least {event.fatalities} {noun} reported"
    return text + "."


def build_notes(event: Event) -> str:
    """One ACLED-style sentence from the event's fields (actors, type, place, date, fatalities)."""
    active, alone = _PHRASES.get(event.sub_event_type, ("were involved in an event with", "were involved in an event"))
    side1 = _names(event.actor1, event.assoc_actor1)
    side2 = _names(event.actor2, event.assoc_actor2)
    if side1 and side2:
        clause = f"{side1} {active} {side2}"
    elif side1:
        clause = f"{side1} {alone}"
    elif side2:
        clause = f"Unidentified actors {active} {side2}" if active.split()[-1] not in ("with", "of") else f"{side2} {alone}"
    else:
        clause = f"Unidentified actors {alone}"
    place = _place(event)
    if place:
        clause += f" in {place}" if not place.startswith("near ") else f" {place}"
    when = _date(event)
    sentence = f"{when}, {clause}." if when else f"{clause[0].upper()}{clause[1:]}."
    deaths = _fatalities(event)
    if deaths:
        sentence += " " + deaths
    return sentence


# Colours for `conflictwire explain`, one per field.
FIELD_STYLES = {
    "trigger": "bold reverse",
    "actor1": "bold red",
    "assoc_actor1": "red",
    "actor2": "bold blue",
    "assoc_actor2": "blue",
    "fatalities": "bold magenta",
    "attributed_to": "bold green",
    "target": "bold white",
    "weapon": "italic red",
    "location": "bold yellow",
    "date": "bold cyan",
}


def _escape(piece: str) -> str:
    """Escape every '[' of article text (rich's own escape skips brackets that do not look like tags,
    which a span boundary can cut into one that does), and a trailing backslash."""
    piece = re.sub(r"(\\*)\[", lambda m: m.group(1) * 2 + "\\[", piece)
    if piece.endswith("\\") and not piece.endswith("\\\\"):
        piece += "\\"
    return piece


def _highlight(text: str, spans) -> str:
    """Rich markup of ``text`` with spans (start, end, field) wrapped in their field's style; overlaps nest outermost first."""
    escape = _escape

    marks: list[tuple[int, int, str]] = []
    for start, end, field_name in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < 0 or end > len(text) or start >= end:
            continue
        # Keep spans properly nested: drop one that crosses an earlier span's end.
        if any(s < start < e < end for s, e, _ in marks):
            continue
        marks.append((start, end, field_name))
    events = []
    for start, end, field_name in marks:
        style = FIELD_STYLES.get(field_name or "", "underline")
        events.append((start, 1, f"[{style}]"))
        events.append((end, 0, f"[/{style}]"))
    events.sort(key=lambda e: (e[0], e[1]))
    out, pos = [], 0
    for offset, _, tag in events:
        out.append(escape(text[pos:offset]))
        out.append(tag)
        pos = offset
    out.append(escape(text[pos:]))
    return "".join(out)


def render_explanation(article: Article) -> str:
    """Each event of an article with its fields and, below, its sentences with every field's words highlighted (rich markup)."""
    from rich.markup import escape

    text = article.text
    lines = [f"[bold]{escape(article.title or article.id)}[/bold]: {len(article.events)} event(s)"]
    legend = " ".join(f"[{style}]{name}[/{style}]" for name, style in FIELD_STYLES.items())
    lines.append(f"legend: {legend}")
    for n, event in enumerate(article.events, 1):
        lines.append("")
        lines.append(f"[bold]Event {n}[/bold] {escape(event.event_type)} / {escape(event.sub_event_type)}  (id {escape(event.event_id)}, confidence {event.confidence:.2f})")
        fields = [
            ("actor1", event.actor1),
            ("assoc_actor1", ", ".join(a.name for a in event.assoc_actor1) or None),
            ("actor2", event.actor2),
            ("assoc_actor2", ", ".join(a.name if a.name != "Civilians" else f"{a.name} ({a.text})" for a in event.assoc_actor2) or None),
            ("interaction", event.interaction),
            ("civilian_targeting", event.civilian_targeting or None),
            ("target", ", ".join(event.targets) or None),
            ("weapon", ", ".join(event.weapons) or None),
            ("fatalities", None if event.fatalities is None else f"{event.fatalities} (low {event.fatalities_low}, high {event.fatalities_high})"),
            ("attributed_to", event.attributed_to),
            ("location", event.location.name or event.location.text if event.location else None),
            ("date", event.event_date.isoformat() if event.event_date else None),
        ]
        for name, value in fields:
            if value is None:
                continue
            if hasattr(value, "name") and hasattr(value, "category"):
                value = f"{value.name} [{value.category or 'category unknown'}{', ' + value.country if value.country else ''}] from \"{value.text}\""
            style = FIELD_STYLES.get(name, "")
            label = f"[{style}]{name}[/{style}]" if style else name
            lines.append(f"  {label}: {escape(str(value))}")
        if event.notes:
            lines.append(f"  notes: {escape(event.notes)}")
        spans = [(e.start, e.end, e.field) for e in event.evidence]
        if not spans:
            continue
        # Show the sentences the evidence lies in.
        sentences = article.sentences or []
        shown = [s for s in sentences if any(s.start <= st < s.end or st <= s.start < en for st, en, _ in spans)]
        if not shown:
            lo, hi = min(s[0] for s in spans), max(s[1] for s in spans)
            shown_ranges = [(max(0, lo - 80), min(len(text), hi + 80))]
        else:
            shown_ranges = [(s.start, s.end) for s in shown]
        for lo, hi in shown_ranges:
            local = [(max(st, lo) - lo, min(en, hi) - lo, f) for st, en, f in spans if st < hi and en > lo]
            lines.append("    " + _highlight(text[lo:hi], local))
    return "\n".join(lines)


def _register_stage() -> None:
    # Imported lazily so that building notes never needs the pipeline machinery.
    from ..options import Options
    from ..pipeline import stage

    @stage("notes", requires=("article.events",), assigns=("event.notes",))
    def summarise_events(article: Article, options: Options) -> Article:
        """Write each event's one-sentence summary from its final fields (after geo and time)."""
        for event in article.events:
            event.notes = build_notes(event)
        return article


_register_stage()
