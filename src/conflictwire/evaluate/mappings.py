"""Our ontology (ACLED types, PLOVER, CAMEO, ACLED actor categories) mapped to each gold set's labels.

Each function takes one of our Event records and returns the gold set's label, or None where our
record has no counterpart. The tables are written out, with their reasons, in docs/evaluation.md.
"""

from __future__ import annotations

import functools
import re
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
# Which questions an event answers: ``evaluate.events.ipe_labels_of`` (it reads the event view).


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


# ---------------------------------------------------------------- MUC-4 perpetrator and victim slots

# Heads of a phrase that names an organisation, not its people (MUC-4 PERP: ORGANIZATION ID): "the army",
# "the armed forces", "the Shining Path". People ("guerrillas", "soldiers", "a group of terrorists") are
# PERP: INDIVIDUAL ID.
_ORGANISATION_HEADS = {
    "army", "armies", "forces", "force", "police", "government", "front", "movement", "party", "cartel",
    "command", "guard", "organization", "organisation", "group", "alliance", "union", "coalition",
    "military", "navy", "administration", "junta", "brigade", "battalion", "regiment", "directorate",
    "service", "ministry", "extraditables", "council", "commando",
}
# Heads that name officials, onlookers or the dead, never MUC's perpetrators (a misread subject).
_NOT_PERPETRATORS = {"authorities", "authority", "president", "minister", "judge", "official", "officials", "victim", "victims", "body", "bodies", "spokesman"}
_PEOPLE_OF = re.compile(r"^(?:(?:a|an|the)\s+)?(?:group|groups|band|bands|squad|column|commando|unit|cell|gang)\s+of\s+", re.I)
_PERSON_TITLES = {
    "mr", "mrs", "ms", "dr", "doctor", "senator", "deputy", "congressman", "mayor", "governor", "judge",
    "justice", "minister", "president", "vice", "former", "general", "gen", "colonel", "col", "major",
    "captain", "lieutenant", "sergeant", "father", "priest", "bishop", "archbishop", "monsignor", "msgr",
    "journalist", "reporter", "lawyer", "attorney", "businessman", "leader", "commander", "councilman",
    "councilor", "legislator", "ambassador", "consul", "director", "engineer", "professor", "student",
    "union", "labor", "peasant", "police", "officer", "agent", "candidate", "presidential", "liberal",
    "conservative", "party", "national", "commander", "chief", "head", "the", "a", "an", "late", "retired", "u.s.", "us", "american", "salvadoran",
    "colombian", "peruvian", "guatemalan", "honduran", "bolivian", "chilean", "ecuadorean", "nicaraguan",
}


_ROLE_NOUNS = {
    "member", "citizen", "official", "activist", "trader", "merchant", "rancher", "farmer", "worker", "employee",
    "secretary", "spokesman", "representative", "delegate", "economist", "physician", "nun", "missionary",
    "industrialist", "banker", "editor", "photographer", "columnist", "writer", "diplomat", "counselor",
    "court", "ministry", "office", "minister", "presidency",
}


def _words(text: str) -> list[str]:
    return re.findall(r"[\w.'-]+", text.lower())


def muc_perpetrator_fillers(text: str | None) -> tuple[str | None, str | None]:
    """Our actor1, as written, read into MUC-4's two perpetrator slots: (individual, organisation).

    An organisation the actor dictionary knows, named inside the phrase, is the organisation, written as
    the phrase writes it ('ELN' in 'ELN guerrillas'); the people around it ('ELN guerrillas') are the
    individual. A phrase headed by an organisation noun ('the armed forces') is an organisation; one
    headed by people ('urban guerrillas', 'gunmen', 'a group of terrorists') is individuals."""
    if not text or not text.strip():
        return None, None
    from ..events.actors import fold, load_entries, lookup_actor

    text = re.sub(r"(?:'s|'S|’s|’S|')$", "", text.strip())  # "the FMLN's": the organisation
    text = re.sub(r"^[^\[\]]*\]\s*", "", text)  # "EXCERPTS] GUERRILLA UNITS": an editor's bracket cut in two
    if not text:
        return None, None
    match = lookup_actor(text)
    if match is not None and match.method in ("country", "demonym"):
        return None, None  # a state named by its country ('Colombia') is neither people nor an organisation's name
    words = _words(_PEOPLE_OF.sub("", text.split(" (")[0]))
    head = re.split(r"\s+of\s+", " ".join(words))[0].split()[-1] if words else ""
    if head in _NOT_PERPETRATORS:
        return None, None
    org = None
    if match is not None and match.method.split("+")[0] in ("alias", "contained", "fuzzy"):
        folded = fold(text)
        entry = next((e for e in load_entries() if e.name == match.name), None)
        aliases = sorted(((entry.name, *entry.aliases) if entry else ()), key=len, reverse=True)
        spans = []
        for alias in aliases:
            m = re.search(rf"(?<![\w-]){re.escape(fold(alias))}(?![\w-])", folded)
            if m and len(folded) == len(text):
                spans.append((m.start(), m.end()))
        # 'ELN guerrillas' is an alias of the ELN, but its people are the individuals: take the
        # organisation's own name inside it.
        whole = [sp for sp in spans if sp[1] - sp[0] >= len(text.strip()) - 1]
        inner = [sp for sp in spans if sp not in whole]
        chosen = inner[0] if inner and head not in _ORGANISATION_HEADS else (spans[0] if spans else None)
        if chosen is not None:
            org = text[chosen[0] : chosen[1]]
    if org is not None:
        rest = [w for w in fold(text).replace(fold(org), " ").split() if w not in ("the", "a", "an", "of", "(", ")")]
        if not rest or head in _ORGANISATION_HEADS:
            return None, org
        # 'guerrillas of the Army of National Liberation (ELN)': the people are the words before 'of';
        # 'FMLN urban guerrillas': the words after the organisation's name.
        people = re.split(r"\s+(?:of|from)\s+", text, maxsplit=1, flags=re.I)[0]
        if fold(org) in fold(people) and people.strip() != text.strip() and fold(people).strip() != fold(org):
            people = text if len(people) > len(org) else people
        after = re.match(rf"^(?:(?:the|a|an)\s+)?{re.escape(org)}\s+(.+)$", people.strip(), flags=re.I)
        if after:
            people = after.group(1)
        return people.strip(), org
    if head in _ORGANISATION_HEADS and not _PEOPLE_OF.match(text):
        return None, text
    if match is not None and match.method == "entity":
        return None, text
    return text, None


def muc_victim_filler(text: str | None) -> str | None:
    """Our actor2, as written, as a MUC-4 HUM TGT: NAME (the only victim slot GTT scores): the person's name
    with titles and descriptions before it dropped ('Senator Villar Solis' -> 'Villar Solis'); None for a
    description of people ('two peasants', 'the civilians'), which names nobody."""
    if not text or not text.strip():
        return None
    from ..events.actors import head_kind, lookup_actor

    if head_kind(text) is not None:
        return None
    match = lookup_actor(text)
    if match is not None and match.method.split("+")[0] in ("alias", "contained", "fuzzy", "pattern", "country", "demonym"):
        return None
    tokens = re.findall(r"\S+", text)
    # "Liberal leader Tomas Villar Solis", "U.S. citizen Mary Smith": the name follows the last role word.
    roles = [i for i, t in enumerate(tokens) if t.lower().strip(",.") in _PERSON_TITLES | _ROLE_NOUNS]
    if roles and roles[-1] < len(tokens) - 1:
        tokens = tokens[roles[-1] + 1 :]
    while tokens and tokens[0].lower().strip(",") in _PERSON_TITLES:
        tokens = tokens[1:]
    if not tokens or any(ch.isdigit() for ch in "".join(tokens)) or tokens[-1].lower() in _PERSON_TITLES | _ROLE_NOUNS:
        return None
    # A name is two to four words; one common noun or a longer phrase is a description.
    if not 2 <= len(tokens) <= 4:
        return None
    return " ".join(tokens)


# ---------------------------------------------------------------- actors under UCDP's naming


def ucdp_actor_names(names: list[str | None]) -> list[str]:
    """Our actor names (and words as written) extended to every name the actor dictionary knows for them,
    so they meet UCDP's own convention: an armed group by its UCDP name ('KIO' for the Kachin Independence
    Army, 'NUG' for the People's Defence Force), a state's forces as its government ('Military Forces of
    Mexico' -> 'Government of Mexico', done by ``metrics.normalise_name``). docs/evaluation.md."""
    from ..events.actors import load_entries

    by_name = {e.name: e for e in load_entries()}
    out: list[str] = []
    for name in names:
        if not name:
            continue
        out.append(name)
        entry = by_name.get(name)
        if entry is not None:
            out += [a for a in entry.aliases if a not in out]
    return out
