"""The time stage: time expressions found by rule, resolved against the publication date, and
each event dated from the expression that governs its clause.

``find_timexes`` recognises TIMEX3-style expressions with regular expressions over a small
lexicon (``data/time_lexicon.tsv``) and normalises them to ISO / TimeML values. It needs no
model, so it runs on any text in about a millisecond per article.

Rules are tried only where a word they can begin with stands, and where matches overlap the
longest wins; they are then resolved in text order, so that "that day" can refer back.

News conventions, decided here once:

- A bare weekday ("on Wednesday", "Tuesday's attack") is the most recent such day, the
  publication day itself included: "on Wednesday" in a paper dated Wednesday is that Wednesday.
  When the nearest tense cue in the clause points forward ("will", "is expected to", "next")
  it is the next such day instead (again the publication day included).
- A month and day without a year ("on March 3") and a bare month ("in March") take the year that
  puts them nearest the publication date, unless the tense says past (then on or before it) or
  future (then on or after it).
- "this/last/next week" are ISO weeks; "last Friday" is strictly before the publication day.
- Expressions that refer back to another date ("that day", "the following month", "a year
  earlier") are read against the last date the article mentioned, else the publication date.
- Without a publication date relative expressions stay unresolved: their value keeps X's
  (``XXXX-WXX-3``, ``XXXX-03-03``) and their reason says why; absolute dates still resolve.
- Numeric dates: "03/11/2015" is month/day/year unless the first number is over 12;
  "11.03.2015" is day.month.year.
- A range written with words ("between March 3 and 5", "from 1 to 3 May") gives two time
  expressions, as TimeML marks them, each with its own value and both with the whole range as
  date_start/date_end; a compact range ("March 3-5") is one, valued as an ISO interval.
- Spanish and Portuguese calendar words ("anoche", "este jueves", "la noche del sábado", "el fin
  de semana", "3 de marzo", "nesta quinta-feira") are read too, lower case only, as those languages
  write them: a capitalised "Domingo" or "18 de Marzo" inside a sentence is a name (a place, a
  street, a newspaper). Their tense is not read: a weekday is the most recent such day.
- Spans follow TimeML: no leading preposition ("on", "in"), no possessive "'s", no article
  before a month ("the Oct. 23 attack" gives "Oct. 23"); ages ("a 44-year-old man") are not times.

Event dates (``choose_event_date`` computes, ``set_event_dates`` writes), in this order:

1. the nearest usable expression in the event's sentence. "since" before it stretches it up to the
   publication date ("since January", "since the start of the war in 2014"); a range reaching past
   publication ("this year") is cut there;
2. a period the sentence names instead of a date ("for years", "in recent months", "since the war
   began", "recently"; kind ``period`` of the lexicon, plus unanchored durations longer than a
   week): with a known length in a perfect-aspect clause ("has been fighting for a decade") the
   stretch up to publication, precision 3; otherwise no day at all. Such sentences are background,
   not a fresh report, and dated with the publication day they looked like new events and made
   duplicates. A stretch of a week or less ("for three days", "a few hours ago") says how long or
   roughly when a fresh event happened and falls through to 3-5;
3. the last usable expression in the earlier sentences of its paragraph;
4. the dateline's date, then 5. the publication date, these two with precision 2.

Usable: a resolved DATE or TIME, or a duration anchored at publication ("over the past three
weeks"), not after the publication date (a date to come cannot date a reported event). The reason
for each choice is ``DateChoice.reason``; the event record has no field for it, so the span that
decided becomes an ``event_date`` evidence span, and choices 2, 4 and 5 add a warning to the article.

Why 4-5 follow ACLED's convention rather than break it: ACLED records the day the event took
place, not the day of the report, and marks with time precision how sure that day is. A report
that names no day for a fresh event is mostly about that day or the day before: on the UCDP
GED headlines dev split the publication day is the gold event day for 61% of records, the day
before for 18% and two days before for 7%, so the filing day with precision 2 (approximate) is the
best single estimate; a day earlier would be right less than a third as often.

ACLED time precision: 1 a day, 2 a week, a weekend, a range of days within a couple of weeks or
an approximate day ("early this week"), 3 a month or anything vaguer.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from importlib.resources import files

from .options import Options
from .pipeline import stage
from .schema import Article, Event, Evidence, Timex

# --------------------------------------------------------------------------------------------
# Lexicon


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict[str, dict[str, str]]:
    lex: dict[str, dict[str, str]] = {}
    text = (files("conflictwire") / "data" / "time_lexicon.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, word, value = line.split("\t")[:3]
        lex.setdefault(kind, {})[word] = value
    return lex


def _alt(words) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) + ")"


# --------------------------------------------------------------------------------------------
# Values and date arithmetic


@dataclass
class Resolved:
    type: str
    value: str | None
    date_start: date | None = None
    date_end: date | None = None
    precision: int | None = None
    reason: str = ""
    # Whether later anaphoric expressions ("that day") may refer back to this one.
    is_reference: bool = True
    # A range written with words ("March 3 to 5") is two TIMEX3 expressions, each with its own
    # value; both carry the whole range as their dates: (start, end, value) of each.
    parts: list[tuple[int, int, str]] | None = None


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _day(d: date, reason: str, type_: str = "DATE", suffix: str = "") -> Resolved:
    return Resolved(type_, d.isoformat() + suffix, d, d, 1, reason)


def _month(y: int, m: int, reason: str) -> Resolved:
    return Resolved("DATE", f"{y:04d}-{m:02d}", date(y, m, 1), date(y, m, _last_day(y, m)), 3, reason)


def _year(y: int, reason: str) -> Resolved:
    return Resolved("DATE", f"{y:04d}", date(y, 1, 1), date(y, 12, 31), 3, reason)


def _week(d: date, reason: str) -> Resolved:
    y, w, _ = d.isocalendar()
    monday = d - timedelta(days=d.weekday())
    return Resolved("DATE", f"{y:04d}-W{w:02d}", monday, monday + timedelta(days=6), 2, reason)


def _weekend(d: date, reason: str) -> Resolved:
    y, w, _ = d.isocalendar()
    saturday = d - timedelta(days=d.weekday()) + timedelta(days=5)
    return Resolved("DATE", f"{y:04d}-W{w:02d}-WE", saturday, saturday + timedelta(days=1), 2, reason)


def _quarter(y: int, q: int, reason: str) -> Resolved:
    m0 = 3 * (q - 1) + 1
    return Resolved("DATE", f"{y:04d}-Q{q}", date(y, m0, 1), date(y, m0 + 2, _last_day(y, m0 + 2)), 3, reason)


def _half(y: int, h: int, reason: str) -> Resolved:
    return Resolved("DATE", f"{y:04d}-H{h}", date(y, 1 if h == 1 else 7, 1), date(y, 6, 30) if h == 1 else date(y, 12, 31), 3, reason)


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def _season(y: int, s: str, reason: str) -> Resolved:
    m0, m1 = _SEASON_MONTHS[s]
    end = date(y + 1, 2, _last_day(y + 1, 2)) if s == "WI" else date(y, m1, _last_day(y, m1))
    return Resolved("DATE", f"{y:04d}-{s}", date(y, m0, 1), end, 3, reason)


def _decade(y0: int, reason: str) -> Resolved:
    return Resolved("DATE", f"{y0 // 10:03d}X", date(y0, 1, 1), date(y0 + 9, 12, 31), 3, reason)


def _unresolved(value: str, reason: str, type_: str = "DATE") -> Resolved:
    return Resolved(type_, value, None, None, None, reason + "; no publication date to resolve it against", False)


def _ref(value: str, reason: str) -> Resolved:
    return Resolved("DATE", value, None, None, None, reason, False)


def _narrow(r: Resolved, pos: str | None) -> Resolved:
    """Apply early/mid/late (TIMEX3 mod START/MID/END) to a resolved period."""
    if not pos or r.date_start is None or r.date_end is None:
        return r
    pos = pos.lower()
    span = (r.date_end - r.date_start).days + 1
    third = max(span // 3, 1)
    if pos in ("early", "earlier", "beginning", "start", "first"):
        r.date_end, mod = r.date_start + timedelta(days=third - 1), "START"
    elif pos in ("late", "later", "end", "last"):
        r.date_start, mod = r.date_end - timedelta(days=third - 1), "END"
    else:
        r.date_start, r.date_end, mod = r.date_start + timedelta(days=third), r.date_end - timedelta(days=third), "MID"
    if r.precision == 1 or (r.precision == 2 and span <= 7):
        r.precision = 2
    r.reason += f"; mod {mod}"
    return r


def _easter(y: int) -> date:
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(y, month, day)


def _holiday_date(spec: str, y: int) -> date:
    if spec.startswith("EASTER"):
        return _easter(y) + timedelta(days=int(spec[6:] or 0))
    month, rest = spec.split("-")
    m = int(month)
    if rest.isdigit():
        return date(y, m, int(rest))
    weekday = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4}[rest[:2]]
    if rest[2] == "L":
        d = date(y, m, _last_day(y, m))
        return d - timedelta(days=(d.weekday() - weekday) % 7)
    first = date(y, m, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (int(rest[2]) - 1))


# --------------------------------------------------------------------------------------------
# Tense: which way an ambiguous date points


# Tense cues (data/time_lexicon.tsv, kinds tense_*): which way an ambiguous date points.
_RIGHT_WORDS = 4  # words after the expression that may decide; further ones belong to other clauses


@functools.lru_cache(maxsize=None)
def _cues(kind: str) -> frozenset[str]:
    return frozenset(_lexicon().get(kind, ()))


_WORD = re.compile(r"[A-Za-z']+")


def _tense(text: str, start: int, end: int) -> str | None:
    """'future', 'past' or None from the nearest tense cue in the timex's clause."""
    left_bound = max(text.rfind(ch, max(0, start - 120), start) for ch in ".;!?\n")
    left = [w.lower() for w in _WORD.findall(text[max(left_bound + 1, start - 120) : start])][::-1]
    right_stop = [i for i in (text.find(ch, end, end + 60) for ch in ".;!?\n") if i >= 0]
    right = [w.lower() for w in _WORD.findall(text[end : min(right_stop) if right_stop else end + 60])][:_RIGHT_WORDS]
    future, past, reporting = _cues("tense_future"), _cues("tense_past"), _cues("tense_reporting")
    # The verb that governs a date mostly comes before it; words after it decide only when
    # nothing before it does.
    if left and left[0] in _cues("tense_deadline"):
        return "future"
    if left and left[0] in ("to", "until", "till") and any(w in _cues("tense_postpone") for w in left[1:5]):
        return "future"
    # "said Monday", "announced Friday", "Wednesday's ruling": the date of something already done
    if (left and left[0] in reporting) or text.startswith("'s", end) or (right and right[0] in reporting):
        return "past"
    comma = text.find(",", end, end + 60)
    if comma >= 0:
        right = [w.lower() for w in _WORD.findall(text[end:comma])][:_RIGHT_WORDS]
    for words in (left, right):
        for i, w in enumerate(words):
            if w in reporting:
                continue
            if w in future:
                if words is left and any(x in _cues("tense_past_frame") for x in words[i + 1 : i + 3]):
                    return "past"
                return "future"
            if w in past or (w.endswith("ed") and len(w) > 4 and w not in _cues("tense_not_past")):
                # a participle after a modal is not past: "will be held", "is to be signed"
                aux = words[i + 1 : i + 4] if words is left else words[max(0, i - 3) : i]
                if any(x in ("will", "shall", "'ll", "would") for x in aux) or ("be" in aux and "to" in aux):
                    return "future"
                return "past"
    return None


# --------------------------------------------------------------------------------------------
# Rules


@dataclass
class _Ctx:
    text: str
    anchor: date | None
    ref: date | None = None  # first day of the last date mentioned, whatever its granularity
    ref_day: date | None = None  # the last day mentioned
    ref_value: str | None = None
    ref_end: int = -1

    def tense(self, m: re.Match) -> str | None:
        return _tense(self.text, m.start(), m.end())

    def base(self, day: bool = False) -> tuple[date | None, str]:
        """The date anaphoric expressions read against: the last mentioned one, else the anchor.

        With ``day``, only a mentioned day counts ("that day" never means the first of a month).
        """
        ref = self.ref_day if day else self.ref
        if ref is not None:
            return ref, f"relative to the last mentioned date {ref.isoformat()}"
        if self.anchor is not None:
            return self.anchor, f"relative to the publication date {self.anchor.isoformat()}"
        return None, ""


Check = Callable[[re.Match, str], bool]
Resolve = Callable[[re.Match, _Ctx], "Resolved | None"]


@dataclass
class _Rule:
    name: str
    regex: re.Pattern
    resolve: Resolve
    check: Check | None = None
    # The words a match can begin with (lower case; '#' a digit): where the rule is tried.
    tags: set = field(default_factory=set)


def _g(m: re.Match, name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def _num(s: str | None) -> float | str | None:
    """A quantity: a number, 'X' for 'a few' and the like, None if not a quantity."""
    if s is None:
        return None
    lex = _lexicon()
    s = re.sub(r"\s+", " ", s.strip().lower())
    if s in lex["fuzzy"]:
        return "X"
    if s in lex["number"]:
        return float(lex["number"][s])
    frac = re.fullmatch(r"(\d+)\s+(\d)/(\d)", s)
    if frac:
        return int(frac.group(1)) + int(frac.group(2)) / int(frac.group(3))
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
        return float(s.replace(",", ""))
    scale = 1
    for word, k in (("hundred", 100), ("thousand", 1000)):
        if s.endswith(" " + word) and s != "a " + word:
            s, scale = s[: -len(word) - 1], k
            if s in lex["number"]:
                return float(lex["number"][s]) * scale
    parts = re.split(r"[\s-]+", s)
    if len(parts) == 2 and parts[0] in lex["number"] and parts[1] in lex["number"]:
        return (float(lex["number"][parts[0]]) + float(lex["number"][parts[1]])) * scale
    return None


_UNIT_NAMES = {
    "second": "S", "minute": "MIN", "hour": "H", "day": "D", "week": "W", "fortnight": "2W", "month": "M",
    "quarter": "Q", "year": "Y", "decade": "10Y", "century": "100Y", "millennium": "1000Y",
}


def _unit(s: str) -> str:
    s = s.lower()
    if s.startswith("centur"):
        return "100Y"
    if s.startswith("millenni"):
        return "1000Y"
    return _UNIT_NAMES[s.rstrip("s")]


_SMALLER_UNIT = {"Y": (12, "M"), "M": (30, "D"), "D": (24, "H"), "H": (60, "MIN"), "MIN": (60, "S")}


def _duration_value(n: float | str, unit: str) -> str:
    """ISO 8601 duration for ``n`` ``unit`` (unit codes from the lexicon), 'X' kept for vague counts."""
    mult = 1
    if unit[0].isdigit():
        mult, unit = int(re.match(r"\d+", unit).group(0)), re.sub(r"^\d+", "", unit)
    if n == "X":
        letter = {10: "DE", 100: "CE", 1000: "ML"}.get(mult, "M" if unit == "MIN" else unit)
        return ("PT" if unit in ("H", "MIN", "S") else "P") + "X" + letter
    n = float(n) * mult
    if unit == "W" and n != int(n):
        unit, n = "D", n * 7
    parts = {unit: int(n)}
    if n != int(n) and unit in _SMALLER_UNIT:
        # "5 1/2 hours" is PT5H30M, "a year and a half" P1Y6M
        k, smaller = _SMALLER_UNIT[unit]
        parts[smaller] = round((n - int(n)) * k)
    date_part = "".join(f"{parts[u]}{u}" for u in ("Y", "M", "W", "D", "Q") if parts.get(u))
    time_part = "".join(f"{parts[u]}{'M' if u == 'MIN' else u}" for u in ("H", "MIN", "S") if parts.get(u))
    if not date_part and not time_part:
        return "PT0S" if unit in ("H", "MIN", "S") else f"P0{unit}"
    return "P" + date_part + ("T" + time_part if time_part else "")


def _shift(base: date, n: float, unit: str, sign: int) -> Resolved:
    """``base`` moved ``n`` units (day, week, month, quarter or years), at the unit's granularity."""
    n = int(n) * sign
    if unit == "D":
        return _day(base + timedelta(days=n), "")
    if unit in ("W", "2W"):
        r = _day(base + timedelta(weeks=n * (2 if unit == "2W" else 1)), "")
        r.precision = 2  # "a week ago" is about that day
        return r
    if unit == "M":
        y, m = _shift_month(base.year, base.month, n)
        return _month(y, m, "")
    if unit == "Q":
        y, m = _shift_month(base.year, base.month, 3 * n)
        return _quarter(y, (m - 1) // 3 + 1, "")
    years = {"Y": 1, "10Y": 10, "100Y": 100, "1000Y": 1000}[unit] * n
    return _year(base.year + years, "")


# ---- resolvers --------------------------------------------------------------------------------


def _month_of(m: re.Match, group: str = "mon") -> int:
    word = m.group(group).lower().rstrip(".")
    return int(_lexicon()["month"][word])


def _year_of(s: str | None) -> int | None:
    if not s:
        return None
    s = s.strip()
    if s.startswith("'"):
        yy = int(s[1:])
        return 2000 + yy if yy < 50 else 1900 + yy
    if s.isdigit():
        return int(s)
    return _spelled_year(s)


def _spelled_year(s: str) -> int | None:
    parts = re.split(r"[\s-]+", s.lower())
    if not parts:
        return None
    num = _lexicon()["number"]
    lead = {"seventeen": 1700, "eighteen": 1800, "nineteen": 1900, "twenty": 2000}
    if parts[0] == "two" and len(parts) >= 2 and parts[1] == "thousand":
        rest = [p for p in parts[2:] if p != "and"]
        return 2000 + int(sum(float(num[p]) for p in rest)) if all(p in num for p in rest) else None
    if parts[0] not in lead:
        return None
    rest = [p for p in parts[1:] if p not in ("oh",)]
    if rest == ["hundred"]:
        return lead[parts[0]]
    if not all(p in num for p in rest):
        return None
    return lead[parts[0]] + int(sum(float(num[p]) for p in rest))


def _nearest_year(anchor: date, month: int, day: int | None, tense: str | None) -> int:
    """The year that puts month (and day) on the tense's side of the anchor, nearest it.

    A date on the other side wins only when it is within two months (60 days) of the anchor and
    nearer, so the tense decides between last year and this, not between yesterday and next
    year ("repatriate the child by Jan. 14" in a paper of Jan. 15 is still this January). Without
    a cue the past side is preferred in the same way: news reports what has happened.
    """
    day_ = day or 1
    options = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = _safe_date(y, month, min(day_, _last_day(y, month)))
        if d is None:
            continue
        if day is None:
            # months apart; a month is past once it has begun
            rel, tolerance = (y * 12 + month) - (anchor.year * 12 + anchor.month), 2
        else:
            rel, tolerance = (d - anchor).days, 60
        right_side = rel <= 0 if tense in ("past", None) else rel >= 0
        options.append((abs(rel), right_side, tolerance, y))
    best_right = min((o for o in options if o[1]), default=None)
    near_wrong = min((o for o in options if not o[1] and o[0] <= o[2]), default=None)
    if best_right is None or (near_wrong is not None and near_wrong[0] < best_right[0]):
        return (near_wrong or min(options))[3]
    return best_right[3]


def _weekday_date(anchor: date, wd: int, direction: str, include_today: bool = True) -> date:
    """``wd`` (ISO 1-7) on the given side of ``anchor``."""
    delta = (anchor.isoweekday() - wd) % 7
    if direction == "past":
        if delta == 0 and not include_today:
            delta = 7
        return anchor - timedelta(days=delta)
    ahead = (wd - anchor.isoweekday()) % 7
    if ahead == 0 and not include_today:
        ahead = 7
    return anchor + timedelta(days=ahead)


def _r_iso(m: re.Match, ctx: _Ctx) -> Resolved | None:
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if d is None:
        return None
    if m["H"]:
        return Resolved("TIME", f"{d.isoformat()}T{m['H']}:{m['M']}", d, d, 1, "ISO date and time as written")
    return _day(d, "ISO date as written")


def _r_numeric(m: re.Match, ctx: _Ctx) -> Resolved | None:
    a, b, y = int(m["a"]), int(m["b"]), _year_of(m["y"]) if len(m["y"]) == 4 else _year_of("'" + m["y"])
    # "11.03.2015" and "11-03-2015" are day first where they are written; "03/11/2015" is US order
    if m["sep"] in ".-" and b <= 12 or a > 12:
        day, month, how = a, b, "day.month.year"
    else:
        month, day, how = a, b, "month/day/year"
    d = _safe_date(y, month, day)
    return _day(d, f"numeric date read as {how}") if d else None


def _r_month_day(m: re.Match, ctx: _Ctx) -> Resolved | None:
    month = _month_of(m)
    day = int(re.match(r"\d+", m["day"]).group(0))
    year = _year_of(_g(m, "year"))
    if year is None:
        if ctx.anchor is None:
            return _unresolved(f"XXXX-{month:02d}-{day:02d}", "month and day without a year")
        tense = ctx.tense(m)
        year = _nearest_year(ctx.anchor, month, day, tense)
        reason = f"month and day; year {year} nearest the publication date" + (f" on the {tense} side" if tense else "")
    else:
        reason = "month, day and year as written"
    d = _safe_date(year, month, day)
    return _day(d, reason) if d else None


def _check_month(m: re.Match, text: str) -> bool:
    word = m.group("mon")
    if not word[0].isupper():
        return False
    if word.lower() == "may" and not (_g(m, "year") or _g(m, "day") or _g(m, "pos") or _g(m, "rel")):
        # "may" the modal verb, or May the surname
        if word == "MAY":
            return False  # all-capitals text: the modal cannot be told apart
        before = text[max(0, m.start() - 30) : m.start()]
        after = text[m.end() : m.end() + 20]
        if re.search(r"[A-Z][a-z]+\s+$", before) and not re.search(r"(?:^|[.!?\n]\s*|\b(?:[Ii]n|[Oo]f|[Ss]ince|[Uu]ntil|[Bb]y|[Ll]ate|[Ee]arly|[Ff]rom|[Tt]o|[Bb]efore|[Aa]fter|[Dd]uring|[Tt]his|[Ll]ast|[Nn]ext|[Ee]nd|[Bb]eginning)\s+)$", before):
            return False
        if re.match(r"\s+(?:be|have|not|also|well|still|never|I|we|you|he|she|it|they|the|a)\b", after):
            return False
        if re.match(r"\s*'s", after):
            return False
    if word.lower() == "march" and not (_g(m, "year") or _g(m, "day") or _g(m, "pos") or _g(m, "rel")):
        before = text[max(0, m.start() - 20) : m.start()]
        if re.search(r"\b(?:the|a|this)\s+$", before, re.I):
            return False
    return True


def _r_month(m: re.Match, ctx: _Ctx) -> Resolved | None:
    month = _month_of(m)
    year = _year_of(_g(m, "year"))
    rel = (_g(m, "rel") or "").lower()
    pos = _g(m, "pos")
    pos_word = re.sub(r"^the\s+|\s+of$", "", pos.lower()) if pos else None
    if year is not None:
        r = _month(year, month, "month and year as written")
    elif ctx.anchor is None:
        return _unresolved(f"XXXX-{month:02d}", "month without a year")
    else:
        a = ctx.anchor
        if rel == "last" or rel == "past":
            year = a.year if month < a.month else a.year - 1
            why = "the most recent such month before the publication date"
        elif rel == "next" or rel == "coming":
            year = a.year if month > a.month else a.year + 1
            why = "the next such month after the publication date"
        elif rel == "this":
            year, why = a.year, "the publication year"
        else:
            tense = ctx.tense(m)
            year = _nearest_year(a, month, None, tense)
            why = "year nearest the publication date" + (f" on the {tense} side" if tense else "")
        r = _month(year, month, f"month; {why}")
    return _narrow(r, pos_word)


# Capitalised words a year may follow inside a sentence ("fiscal 1989" is lower case).
_YEAR_LEFT_OK = {"In", "By", "Since", "Until", "From", "Before", "After", "During", "Of", "Fiscal", "Early", "Late", "Mid", "Spring", "Summer", "Autumn", "Fall", "Winter"}


def _check_year(m: re.Match, text: str) -> bool:
    before = text[max(0, m.start() - 25) : m.start()]
    after = text[m.end() : m.end() + 25]
    if re.search(r"(?:[$£€#]|\bNo\.\s?|\b(?:Resolution|resolution|number|Number|flight|Flight|Route|route|Highway|Room|room|Article|article|Section|section|Chapter|chapter|about|some|nearly|almost|approximately|roughly|least|than|over|under)\s+)$", before):
        return False
    # "Bulevar 2000", "Windows 2000", "Vision 2030": a number in a name
    prev = re.search(r"(?:^|(?P<stop>[.!?:\n]\s*)|\s)(?P<w>[A-Z][a-z]+)\s+$", before)
    if prev and not prev["stop"] and prev.start("w") > 0 and prev["w"] not in _YEAR_LEFT_OK:
        return False
    # "5 to 1500" is a quantity; "1991 to 1997" two years
    prev_number = re.search(r"([\d,.]+)\s*(?:to|and|or|-)\s+$", before)
    if prev_number and not re.fullmatch(r"(?:1[5-9]|20)\d\d", prev_number.group(1)):
        return False
    if re.match(r"\s*(?:%|percent|per\s*cent|people|persons|troops|soldiers|men|women|children|fighters|civilians|refugees|families|homes|houses|km|kilomet|miles|metres|meters|feet|tons|tonnes|dollars|euros|pounds|barrels|shares|units|cars|vehicles|rockets|missiles|bombs|members|workers|students|votes|seats|hours|GMT|UTC|local|hrs|-\d|\.\d|,\d)", after, re.I):
        return False
    return True


def _r_year(m: re.Match, ctx: _Ctx) -> Resolved | None:
    y = _year_of(m["year"])
    if y is None:
        return None
    r = _year(y, "year as written" + ("; fiscal year read as the calendar year" if _g(m, "fiscal") else ""))
    return _narrow(r, (_g(m, "pos") or "").lower() or None)


def _r_decade(m: re.Match, ctx: _Ctx) -> Resolved | None:
    if m["dec"]:
        y0 = int(m["dec"])
    else:
        y0 = 1900 + int(m["dec2"]) if int(m["dec2"]) >= 20 else 2000 + int(m["dec2"])
    return _narrow(_decade(y0, "decade as written"), (_g(m, "pos") or "").lower() or None)


def _r_weekday(m: re.Match, ctx: _Ctx) -> Resolved | None:
    wd = int(_lexicon()["weekday"][m["wd"].lower()])
    rel = (_g(m, "rel") or "").lower()
    pod = (_g(m, "pod") or "").lower()
    pos = (_g(m, "pos") or "").lower()
    # "Sunday night" is valued as the day, as TimeBank's annotators mostly do; the part of the
    # day is kept in the reason (a night may run past midnight: ACLED codes the day it began)
    suffix, type_ = "", "DATE"
    if ctx.anchor is None:
        return _unresolved(f"XXXX-WXX-{wd}", "weekday" + (f" {pod}" if pod else ""), type_)
    a = ctx.anchor
    if rel in ("last", "past", "previous"):
        d, why = _weekday_date(a, wd, "past", include_today=False), "the same weekday before the publication date"
    elif rel in ("next", "coming"):
        d, why = _weekday_date(a, wd, "future", include_today=False), "the same weekday after the publication date"
    elif rel == "this":
        d = a - timedelta(days=a.isoweekday() - 1) + timedelta(days=wd - 1)
        why = "that weekday in the publication week"
    else:
        tense = ctx.tense(m)
        direction = "future" if tense == "future" else "past"
        d = _weekday_date(a, wd, direction)
        why = ("the next such day (future tense)" if direction == "future" else "the most recent such day") + ", the publication day included"
    r = _day(d, f"weekday{' ' + pod if pod else ''}; {why}", type_, suffix)
    if pos in ("early", "late"):
        r.reason += f"; {pos} in the day"
    return r


_DEICTIC_OFFSET = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _r_deictic(m: re.Match, ctx: _Ctx) -> Resolved | None:
    w = re.sub(r"\s+", " ", m["w"].lower())
    pod = (_g(m, "pod") or "").lower()
    if w == "the day before yesterday":
        off = -2
    elif w == "the day after tomorrow":
        off = 2
    elif w == "last night":
        off, pod = -1, "night"
    elif w == "overnight":
        # the night before the report; it may have run past midnight, hence precision 2 below
        off, pod = -1, "night"
    elif w.startswith("this "):
        off, pod = 0, w.split()[1]
    else:
        off = _DEICTIC_OFFSET[w]
    suffix = "T" + _lexicon()["part_of_day"][pod] if pod else ""
    type_ = "TIME" if pod else "DATE"
    if ctx.anchor is None:
        return _unresolved("XXXX-XX-XX" + suffix, f"'{w}'", type_)
    d = ctx.anchor + timedelta(days=off)
    r = _day(d, f"'{w}' relative to the publication date {ctx.anchor.isoformat()}", type_, suffix)
    if w == "overnight":
        r.date_end, r.precision = ctx.anchor, 2
    return r


_GENERIC = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
    "the present": "PRESENT_REF", "present": "PRESENT_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF", "recent years": "PAST_REF", "recent months": "PAST_REF", "recent weeks": "PAST_REF",
    "recent days": "PAST_REF", "recent times": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "the distant future": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the near term": "FUTURE_REF", "a later date": "FUTURE_REF",
}


def _r_generic(m: re.Match, ctx: _Ctx) -> Resolved | None:
    w = re.sub(r"\s+", " ", m["w"].lower())
    value = _GENERIC[w]
    r = _ref(value, f"'{w}' refers to the {value.split('_')[0].lower()} without a date")
    if value == "PRESENT_REF" and ctx.anchor is not None:
        r.date_start = r.date_end = ctx.anchor
        r.precision = 2
        r.reason = f"'{w}': the publication date {ctx.anchor.isoformat()}"
    return r


def _check_generic(m: re.Match, text: str) -> bool:
    w = m["w"].lower()
    after = text[m.end() : m.end() + 15]
    if w == "now" and re.match(r"-|\s+defunct\b", after):
        return False
    if w == "present" and not re.search(r"\bat\s+$", text[max(0, m.start() - 5) : m.start()]):
        return False
    return True


def _rel_sign(rel: str) -> int:
    return {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)


def _check_rel_unit(m: re.Match, text: str) -> bool:
    # "ABC News' This Week": a title, not a date
    return not (m["unit"][0].isupper() and m["rel"][0].isupper() and not re.search(r"(?:^|[.!?\n]\s*)$", text[: m.start()]))


def _r_rel_unit(m: re.Match, ctx: _Ctx) -> Resolved | None:
    the = bool(_g(m, "the"))
    rel = m["rel"].lower()
    unit = re.sub(r"\s+", " ", m["unit"].lower())
    pos = _g(m, "pos")
    pos_word = None
    if pos:
        pos_word = re.sub(r"^the\s+|\s+of$|\s+half$", "", pos.lower()).replace("-", "")
    fiscal = unit.startswith("fiscal ")
    unit = unit.replace("fiscal ", "")
    seasons = _lexicon()["season"]
    # "the past year", "the last month", "past decade": a stretch ending now, not a calendar unit
    if (rel == "past" or (the and rel in ("last", "next"))) and not pos and unit not in seasons and unit != "weekend":
        code = _unit(unit)
        value = _duration_value(1, code)
        r = Resolved("DURATION", value, None, None, None, f"'{m.group(0)}': one {unit} up to the publication date", False)
        if ctx.anchor is not None and code not in ("H", "MIN", "S"):
            back = _shift(ctx.anchor, 1, code, -1 if rel != "next" else 1)
            if back.date_start is not None:
                if rel == "next":
                    r.date_start, r.date_end = ctx.anchor, back.date_end
                else:
                    r.date_start, r.date_end = back.date_start, ctx.anchor
                r.precision = 1 if code == "D" else 2 if code == "W" else 3
        return r
    if rel in ("following", "same", "previous", "preceding", "prior") or (rel == "next" and the):
        base, why = ctx.base()
    else:
        base = ctx.anchor
        why = f"relative to the publication date {ctx.anchor.isoformat()}" if ctx.anchor else ""
    sign = _rel_sign(rel) if rel not in ("same", "this", "current") else 0
    if rel in ("previous", "preceding", "prior"):
        sign = -1
    if base is None:
        x = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "year": "XXXX", "quarter": "XXXX-QX"}
        return _unresolved(x.get(unit, "XXXX"), f"'{m.group(0)}'")
    if unit == "week":
        r = _week(base + timedelta(weeks=sign), f"{rel} week, {why}")
    elif unit == "weekend":
        # "last weekend" read on a Monday is the one just gone; "this weekend" the one of this ISO week
        d = base + timedelta(weeks=sign)
        if rel in ("last", "past") and base.isoweekday() >= 6:
            d = base - timedelta(weeks=1)
        elif rel in ("last", "past"):
            d = base - timedelta(days=base.isoweekday())
            d = d if d.isoweekday() == 7 else base - timedelta(weeks=1)
        r = _weekend(d, f"{rel} weekend, {why}")
    elif unit == "month":
        y, mo = _shift_month(base.year, base.month, sign)
        r = _month(y, mo, f"{rel} month, {why}")
    elif unit == "year":
        r = _year(base.year + sign, f"{rel} year, {why}" + ("; fiscal year read as the calendar year" if fiscal else ""))
    elif unit == "quarter":
        y, mo = _shift_month(base.year, base.month, 3 * sign)
        r = _quarter(y, (mo - 1) // 3 + 1, f"{rel} quarter, {why}")
    elif unit == "decade":
        r = _decade((base.year // 10 + sign) * 10, f"{rel} decade, {why}")
    elif unit == "century":
        c = base.year // 100 + sign
        r = Resolved("DATE", f"{c:02d}", date(max(c * 100, 1), 1, 1), date(c * 100 + 99, 12, 31), 3, f"{rel} century, {why}")
    elif unit in seasons:
        s = seasons[unit]
        occurrences = [_season(y, s, "") for y in range(base.year - 2, base.year + 2)]
        if sign < 0:
            r = max((o for o in occurrences if o.date_end < base), key=lambda o: o.date_start)
        elif sign > 0:
            r = min((o for o in occurrences if o.date_start > base), key=lambda o: o.date_start)
        else:
            # "this winter" in January is the one under way, which began the December before
            current = [o for o in occurrences if o.date_start <= base <= o.date_end]
            r = current[0] if current else next(o for o in occurrences if int(o.value[:4]) == base.year)
        r.reason = f"{rel} {unit}, {why}"
    else:
        return None
    return _narrow(r, pos_word)


def _r_quarter(m: re.Match, ctx: _Ctx) -> Resolved | None:
    ordinal = _lexicon()["ordinal"][m["ord"].lower()]
    n = int(ordinal)
    kind = m["unit"].lower()
    if kind == "half" and n > 2 or n > 4:
        return None
    y = _year_of(_g(m, "y1") or _g(m, "y2"))
    pre = (_g(m, "pre") or "").lower()
    rel = (_g(m, "rel") or "").lower()
    if y is None:
        if ctx.anchor is None:
            return _unresolved(f"XXXX-{'Q' if kind == 'quarter' else 'H'}{n}", f"'{m.group(0)}'")
        y = ctx.anchor.year
        why = "the publication year"
        if "year-ago" in pre or "year-earlier" in pre or "last year" in pre or rel == "last":
            y, why = y - 1, "the year before publication"
        elif "next year" in pre or rel == "next":
            y, why = y + 1, "the year after publication"
        elif kind == "quarter" and n > (ctx.anchor.month - 1) // 3 + 1 and ctx.tense(m) == "past":
            y, why = y - 1, "the year before publication (past tense, quarter not yet begun)"
    else:
        why = "year as written"
    return (_quarter if kind == "quarter" else _half)(y, n, f"{m['ord'].lower()} {kind}; {why}")


def _r_the_quarter(m: re.Match, ctx: _Ctx) -> Resolved | None:
    if ctx.anchor is None:
        return _unresolved("XXXX-QX", "the latest quarter")
    y, mo = _shift_month(ctx.anchor.year, ctx.anchor.month, -3)
    if m["pre"] and m["pre"].lower().startswith("year"):
        y -= 1
    return _quarter(y, (mo - 1) // 3 + 1, "the latest completed quarter before the publication date")


def _check_ago(m: re.Match, text: str) -> bool:
    # "a few days later" is a duration and a signal, not a date
    return not (m["dir"].lower() in ("earlier", "later") and _num(m["qty"]) == "X")


def _r_ago(m: re.Match, ctx: _Ctx) -> Resolved | None:
    n = _num(m["qty"])
    if n is None:
        return None
    unit = _unit(m["unit"])
    direction = re.sub(r"\s+", " ", m["dir"].lower())
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    if direction in ("earlier", "later", "before", "after"):
        base, why = ctx.base(day=unit in ("S", "MIN", "H", "D", "W"))
    else:
        base = ctx.anchor
        why = f"relative to the publication date {ctx.anchor.isoformat()}" if ctx.anchor else ""
    if n == "X":
        value = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return _ref(value, f"'{m.group(0)}': an unspecified {m['unit']} {direction}")
    if base is None:
        x = {"D": "XXXX-XX-XX", "W": "XXXX-XX-XX", "M": "XXXX-XX", "Y": "XXXX"}.get(unit, "XXXX")
        return _unresolved(x, f"'{m.group(0)}'")
    if unit in ("S", "MIN", "H"):
        d = base
        r = _day(d, f"{m.group(0)}, {why}")
        return r
    r = _shift(base, n, unit, sign)
    r.reason = f"{_num(m['qty']):g} {m['unit']} {direction}, {why}"
    # "profit rose to $5 million from $4 million a year ago" after "the third quarter": the
    # same quarter a year before (TimeML gives the year-ago expression its context's granularity)
    if unit == "Y" and ctx.ref_value and re.fullmatch(r"\d{4}-Q\d", ctx.ref_value) and m.start() - ctx.ref_end < 400:
        y, q = int(ctx.ref_value[:4]), int(ctx.ref_value[-1])
        r = _quarter(y + sign * int(n), q, f"{r.reason}; the same quarter as the {ctx.ref_value} just mentioned")
    return r


_MODS = {
    "more than": "MORE_THAN", "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE",
    "almost": "LESS_THAN", "less than": "LESS_THAN", "under": "LESS_THAN", "no more than": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS", "fewer than": "LESS_THAN",
}
_DURATION_LEFT = {
    "for", "within", "over", "after", "in", "took", "take", "takes", "taking", "lasted", "lasting", "last", "lasts",
    "spent", "spend", "spending", "nearly", "almost", "about", "around", "roughly", "some", "than", "least", "just",
    "only", "barely", "during", "throughout", "half", "served", "serve", "serving", "sentenced", "jailed", "waited",
    "wait", "ago", "once", "entire", "whole", "full", "another", "extra", "additional", "past", "next", "first", "last",
}


def _word_before(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z']+)\W*$", text[max(0, start - 30) : start])
    return m.group(1).lower() if m else ""


def _check_duration(m: re.Match, text: str) -> bool:
    qty = m["qty"].lower()
    unit = m["unit"].lower()
    if m["unit"].istitle() and m["qty"][0].isdigit():
        return False  # a title: "60 Minutes" (an all-capitals text is no title: "THE PAST 6 MONTHS")
    after = text[m.end() : m.end() + 12]
    if re.match(r"\s+of\b", after) and unit.startswith("quarter"):
        return False
    if re.match(r"[\s-]+old\b", after):
        return False  # an age
    if unit.startswith("second") and qty in ("a", "an"):
        return False
    if unit.startswith("quarter") and qty in ("a", "an"):
        return False
    if qty in ("a", "an", "some", "many", "one") and not m["mod"] and not _g(m, "lead"):
        # "one day" with no "for", "in", "after"... before it is "some day" (see _r_duration)
        return qty == "one" or _word_before(text, m.start()) in _DURATION_LEFT
    # "two days' time" and "10 years' imprisonment" are durations; "a day's work" is not a date
    return True


def _r_duration(m: re.Match, ctx: _Ctx) -> Resolved | None:
    n = _num(m["qty"])
    if n is None:
        return None
    unit = _unit(m["unit"])
    if m["qty"].lower() == "one" and unit == "D" and not m["mod"] and not _g(m, "lead") and _word_before(ctx.text, m.start()) not in _DURATION_LEFT:
        value = "FUTURE_REF" if ctx.tense(m) == "future" else "PAST_REF"
        return _ref(value, f"'one day' with no duration signal: some day in the {value.split('_')[0].lower()}")
    if _g(m, "half") or _g(m, "half1"):
        n = n + 0.5 if n != "X" else n
    value = _duration_value(n, unit)
    mod = _MODS.get(re.sub(r"\s+", " ", (m["mod"] or "").lower()))
    lead = (_g(m, "lead") or "").lower()
    r = Resolved("DURATION", value, None, None, None, f"duration {value}" + (f"; mod {mod}" if mod else ""), False)
    # "the past three weeks": a stretch ending at publication
    if ctx.anchor is not None and n != "X" and unit not in ("S", "MIN", "H") and re.search(r"\b(?:past|last|previous)$", lead):
        try:
            back = _shift(ctx.anchor, n, unit, -1)
        except (ValueError, OverflowError):
            return r  # longer than the calendar reaches back: the duration alone
        if back.date_start is not None:
            r.date_start, r.date_end = back.date_start, ctx.anchor
            days = (r.date_end - r.date_start).days
            r.precision = 1 if days <= 1 else 2 if days <= 14 else 3
            r.reason += f"; the {value} up to the publication date {ctx.anchor.isoformat()}"
    return r


def _r_hyphen_duration(m: re.Match, ctx: _Ctx) -> Resolved | None:
    n = _num(m["qty"]) if m["qty"] else 1.0  # "year-long" has no number
    if n is None:
        return None
    value = _duration_value(n, _unit(m["unit"] or m["unit2"]))
    return Resolved("DURATION", value, None, None, None, f"duration {value}", False)


def _check_bare_plural(m: re.Match, text: str) -> bool:
    return _word_before(text, m.start()) in {"for", "over", "within", "in", "after", "took", "take", "takes", "lasted", "lasting", "spent", "coming", "recent"}


def _r_bare_plural(m: re.Match, ctx: _Ctx) -> Resolved | None:
    value = _duration_value("X", _unit(m["unit"]))
    return Resolved("DURATION", value, None, None, None, f"an unspecified number of {m['unit'].lower()}", False)


def _r_clock(m: re.Match, ctx: _Ctx) -> Resolved | None:
    if _g(m, "pod"):
        hm = _lexicon()["part_of_day"][m["pod"].lower()]
    else:
        h = int(m["h"] or m["h24"])  # "10 p.m." or "2200 GMT"
        mi = int(m["mi"] or m["mi24"] or 0)
        ap = (_g(m, "ap") or "").lower().replace(".", "").strip()
        if ap == "pm" and h < 12:
            h += 12
        elif ap == "am" and h == 12:
            h = 0
        if h > 24 or mi > 59:
            return None
        hm = f"{h:02d}:{mi:02d}"
    day = None
    why = ""
    day_word = _g(m, "day") or _g(m, "day2")
    if day_word:
        sub = _DAY_RE.fullmatch(day_word)
        if sub is not None:
            inner = _resolve_day_phrase(sub, ctx, m)
            if inner is None:
                return None
            if inner.date_start is None:
                return _unresolved(inner.value.split("T")[0] + "T" + hm, "time of day", "TIME")
            day, why = inner.date_start, inner.reason
    if day is None:
        base, why = ctx.base(day=True)
        if base is None:
            return _unresolved("XXXX-XX-XXT" + hm, "time of day", "TIME")
        day = base
        why = "time of day on the day last mentioned" if ctx.ref_day is not None else "time of day on the publication date"
    return Resolved("TIME", f"{day.isoformat()}T{hm}", day, day, 1, why)


def _check_clock(m: re.Match, text: str) -> bool:
    # "high noon" is an idiom (and a film)
    return not (_g(m, "pod") and re.search(r"\bhigh\s+$", text[max(0, m.start() - 6) : m.start()], re.I))


_SET_WORDS = {
    # "annually", "quarterly" and "yearly" mostly qualify amounts ("grew 20% annually", "quarterly
    # dividend"), which TimeML leaves unmarked
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "nightly": "P1D", "hourly": "PT1H",
}


def _r_set(m: re.Match, ctx: _Ctx) -> Resolved | None:
    if _g(m, "w"):
        value = _SET_WORDS[m["w"].lower()]
        return Resolved("SET", value, None, None, None, f"recurring: {m['w'].lower()}", False)
    what = m["what"].lower()
    lex = _lexicon()
    n = _num(m["n"]) if _g(m, "n") else 1.0
    if _g(m, "other"):
        n = 2.0
    if what in lex["weekday"]:
        value = f"XXXX-WXX-{lex['weekday'][what]}"
    elif what.rstrip(".") in lex["month"]:
        value = f"XXXX-{int(lex['month'][what.rstrip('.')]):02d}"
    elif what in lex["part_of_day"]:
        value = "TXX" + lex["part_of_day"][what] if len(lex["part_of_day"][what]) == 2 else "T" + lex["part_of_day"][what]
    elif what in lex["season"]:
        value = f"XXXX-{lex['season'][what]}"
    elif what == "weekend":
        value = "XXXX-WXX-WE"
    else:
        value = _duration_value(n if n is not None else 1.0, _unit(what))
    return Resolved("SET", value, None, None, None, f"recurring: {m.group(0).lower()}", False)


def _r_times_per(m: re.Match, ctx: _Ctx) -> Resolved | None:
    value = _duration_value(1.0, _unit(m["unit"]))
    return Resolved("SET", value, None, None, None, f"recurring: {m.group(0).lower()}", False)


def _r_holiday(m: re.Match, ctx: _Ctx) -> Resolved | None:
    if not m["h"][0].isupper():
        return None
    name = re.sub(r"\s+", " ", m["h"].lower())
    spec = _lexicon()["holiday"][name]
    year = _year_of(_g(m, "year"))
    rel = (_g(m, "rel") or "").lower()
    if year is None:
        if ctx.anchor is None:
            return _unresolved("XXXX" + (f"-{spec}" if spec[:2].isdigit() and spec[3:].isdigit() else ""), name)
        a = ctx.anchor
        # a holiday week counts as begun from its Monday
        this_year = _holiday_date(spec, a.year) - timedelta(days=6 if _g(m, "wk") else 0)
        if rel == "last":
            year = a.year if this_year < a else a.year - 1
        elif rel == "next":
            year = a.year if this_year > a else a.year + 1
        else:
            tense = ctx.tense(m)
            if tense == "past":
                year = a.year if this_year <= a else a.year - 1
            elif tense == "future":
                year = a.year if this_year >= a else a.year + 1
            else:
                year = min((a.year - 1, a.year, a.year + 1), key=lambda y: abs((_holiday_date(spec, y) - timedelta(days=6 if _g(m, "wk") else 0) - a).days))
    d = _holiday_date(spec, year)
    if _g(m, "wk"):
        return _week(d, f"the week of {name} {year}")
    return _day(d, f"{name} {year}")


def _r_anaphoric(m: re.Match, ctx: _Ctx) -> Resolved | None:
    what = re.sub(r"\s+", " ", m["what"].lower())
    unit = m["unit"].lower()
    base, why = ctx.base(day=unit in ("day", "morning", "afternoon", "evening", "night"))
    if base is None:
        return _unresolved({"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}.get(unit, "XXXX-XX-XX"), f"'{m.group(0)}'")
    sign = 1 if what in ("the following", "the next") else -1 if what in ("the previous", "the preceding", "the prior") else 0
    if unit in ("day", "morning", "afternoon", "evening", "night"):
        d = base + timedelta(days=sign)
        pod = _lexicon()["part_of_day"].get(unit)
        if pod:
            return _day(d, f"'{m.group(0)}', {why}", "TIME", "T" + pod)
        return _day(d, f"'{m.group(0)}', {why}")
    if unit == "week":
        return _week(base + timedelta(weeks=sign), f"'{m.group(0)}', {why}")
    if unit == "weekend":
        return _weekend(base + timedelta(weeks=sign), f"'{m.group(0)}', {why}")
    if unit == "month":
        y, mo = _shift_month(base.year, base.month, sign)
        return _month(y, mo, f"'{m.group(0)}', {why}")
    if unit == "year":
        return _year(base.year + sign, f"'{m.group(0)}', {why}")
    return None


def _r_the_weekend(m: re.Match, ctx: _Ctx) -> Resolved | None:
    if ctx.anchor is None:
        return _unresolved("XXXX-WXX-WE", "the weekend")
    a = ctx.anchor
    if ctx.tense(m) == "future" and a.isoweekday() < 6:
        return _weekend(a, "the coming weekend (future tense)")
    d = a if a.isoweekday() >= 6 else a - timedelta(weeks=1)
    return _weekend(d, "the most recent weekend, publication day included")


def _r_part_of_unit(m: re.Match, ctx: _Ctx) -> Resolved | None:
    unit = m["unit"].lower()
    base, why = ctx.base()
    if base is None:
        return _unresolved({"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}[unit], f"'{m.group(0)}'")
    r = _week(base, why) if unit == "week" else _month(base.year, base.month, why) if unit == "month" else _year(base.year, why)
    r.reason = f"'{m.group(0)}', {why}"
    return _narrow(r, re.sub(r"^the\s+|\s+of$", "", m["pos"].lower()))


def _r_the_year(m: re.Match, ctx: _Ctx) -> Resolved | None:
    # "for the year", "the year ended Aug. 31": a twelve-month stretch
    return Resolved("DURATION", "P1Y", None, None, None, "a year-long period (accounting year)", False)


def _r_in_the_unit(m: re.Match, ctx: _Ctx) -> Resolved | None:
    unit = m["unit"].lower()
    base, why = ctx.base(day=unit == "day")
    if base is None:
        return _unresolved({"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}[unit], f"'{m.group(0)}'")
    if unit == "day":
        return _day(base, f"the day, {why}")
    if unit == "week":
        return _week(base, f"the week, {why}")
    return _month(base.year, base.month, f"the month, {why}") if unit == "month" else _year(base.year, f"the year, {why}")


def _range_parts(m: re.Match) -> tuple[int, int, int, int] | None:
    """(first month, first day, last month, last day) of a written range; None when a month word is
    not capitalised ("may" the verb, "march" the noun)."""
    m1 = _g(m, "m1") or _g(m, "m2")
    m2 = _g(m, "m2") or m1
    if not m1[0].isupper() or not m2[0].isupper():
        return None
    mon1 = int(_lexicon()["month"][m1.lower().rstrip(".")])
    mon2 = int(_lexicon()["month"][m2.lower().rstrip(".")])
    d1 = int(re.match(r"\d+", m["d1"]).group(0))
    d2 = int(re.match(r"\d+", m["d2"]).group(0))
    return mon1, d1, mon2, d2


def _check_range(m: re.Match, text: str) -> bool:
    parts = _range_parts(m)
    if parts is None:
        return False
    mon1, d1, mon2, d2 = parts
    # a range runs forward ("3 and 3 March" is two mentions of one day; a leap year admits Feb. 29)
    start, end = _safe_date(2000, mon1, d1), _safe_date(2000 if mon2 >= mon1 else 2001, mon2, d2)
    return start is not None and end is not None and end > start


def _r_season_year(m: re.Match, ctx: _Ctx) -> Resolved | None:
    s = _lexicon()["season"][m["s"].lower()]
    return _narrow(_season(int(m["year"]), s, "season and year as written"), (_g(m, "pos") or "").lower() or None)


def _r_range(m: re.Match, ctx: _Ctx) -> Resolved | None:
    parts = _range_parts(m)
    if parts is None:
        return None
    mon1, d1, mon2, d2 = parts
    year = _year_of(_g(m, "y"))
    if year is None:
        if ctx.anchor is None:
            return _unresolved(f"XXXX-{mon1:02d}-{d1:02d}/XXXX-{mon2:02d}-{d2:02d}", "date range without a year")
        year = _nearest_year(ctx.anchor, mon1, d1, ctx.tense(m))
    start = _safe_date(year, mon1, d1)
    end = _safe_date(year + (1 if mon2 < mon1 else 0), mon2, d2)
    if start is None or end is None or end < start:
        return None
    days = (end - start).days
    r = Resolved("DATE", f"{start.isoformat()}/{end.isoformat()}", start, end, 2 if days <= 14 else 3, f"date range of {days + 1} days, {start.isoformat()} to {end.isoformat()}")
    if not re.search(r"\d\s*[-–]\s*\d", m.group(0)):
        first = [m.span(g) for g in ("m1", "d1") if _g(m, g)]
        second = [m.span(g) for g in ("m2", "d2", "y") if _g(m, g) and not (g == "m2" and m.start("m2") < m.start("d1"))]
        r.parts = [
            (min(a for a, _ in first), max(b for _, b in first), start.isoformat()),
            (min(a for a, _ in second), max(b for _, b in second), end.isoformat()),
        ]
    return r


# ---- the day phrases a clock time may carry ("10 p.m. Tuesday", "5 p.m. EST, Nov. 6")


def _resolve_day_phrase(sub: re.Match, ctx: _Ctx, outer) -> Resolved | None:
    if sub["dwd"]:
        fake = re.match(r"(?P<wd>.+)", sub["dwd"])
        return _r_weekday(_Shim(fake, outer), ctx)
    if sub["ddeictic"]:
        fake = re.match(r"(?P<w>.+)", sub["ddeictic"])
        return _r_deictic(_Shim(fake, outer), ctx)
    fake = re.match(rf"(?P<mon>{_P['MON']})\s+(?P<day>{_P['DAY']})", sub.group(0), re.I)
    return _r_month_day(_Shim(fake, outer), ctx) if fake else None


class _Shim:
    """A match whose groups come from ``inner`` and whose position is that of ``outer``."""

    def __init__(self, inner: re.Match, outer: re.Match):
        self._inner, self._outer = inner, outer

    def __getitem__(self, k):
        return self._inner.group(k)

    def group(self, *k):
        return self._inner.group(*k)

    def start(self, *k):
        return self._outer.start()

    def end(self, *k):
        return self._outer.end()


# --------------------------------------------------------------------------------------------
# Patterns


# ---- Spanish and Portuguese ------------------------------------------------------------------
# Headlines and reports from Latin America keep their own calendar words ("anoche", "este jueves", "la
# noche del sábado", "nesta quinta-feira"). Their tense is not read (the cues are English): a weekday
# is the most recent such day, the publication day included, as news reports what has happened.


def _pod_es(*words: str | None) -> str:
    pods = _lexicon()["part_of_day_es"]
    return next((pods[w.lower()] for w in words if w and w.lower() in pods), "")


def _r_es_deictic(m: re.Match, ctx: _Ctx) -> Resolved | None:
    w = (_g(m, "w") or "").lower()
    off = int(_lexicon()["deictic_es"][w]) if w else 0  # "esta tarde", "nesta madrugada": today
    pod = _pod_es(_g(m, "pod"), _g(m, "pod2"), _g(m, "pod3")) or ("NI" if w == "anoche" else "")
    suffix = "T" + pod if pod else ""
    type_ = "TIME" if pod else "DATE"
    said = re.sub(r"\s+", " ", m.group(0).lower())
    if ctx.anchor is None:
        return _unresolved("XXXX-XX-XX" + suffix, f"'{said}'", type_)
    return _day(ctx.anchor + timedelta(days=off), f"'{said}' relative to the publication date {ctx.anchor.isoformat()}", type_, suffix)


def _r_es_weekday(m: re.Match, ctx: _Ctx) -> Resolved | None:
    wd = int(_lexicon()["weekday_es"][m["wd"].lower()])
    pod = _pod_es(_g(m, "pod"), _g(m, "pod2"))
    if ctx.anchor is None:
        return _unresolved(f"XXXX-WXX-{wd}", "weekday (Spanish/Portuguese)", "DATE")
    if _g(m, "past") or _g(m, "past2"):
        d, why = _weekday_date(ctx.anchor, wd, "past", include_today=False), "'pasado': the same weekday before the publication date"
    else:
        d, why = _weekday_date(ctx.anchor, wd, "past"), "the most recent such day, the publication day included"
    return _day(d, f"weekday (Spanish/Portuguese){' ' + pod if pod else ''}; {why}")


def _r_es_day_month(m: re.Match, ctx: _Ctx) -> Resolved | None:
    month = int(_lexicon()["month_es"][m["mon"].lower()])
    day = int(m["day"])
    year = _year_of(_g(m, "year"))
    if year is None:
        if ctx.anchor is None:
            return _unresolved(f"XXXX-{month:02d}-{day:02d}", "day and month (Spanish/Portuguese) without a year")
        year = _nearest_year(ctx.anchor, month, day, None)
        reason = f"day and month (Spanish/Portuguese); year {year} nearest the publication date"
    else:
        reason = "day, month and year (Spanish/Portuguese) as written"
    d = _safe_date(year, month, day)
    return _day(d, reason) if d else None


# Spanish and Portuguese write months, weekdays and "hoy" in lower case (RAE; Priberam): a capitalised one
# inside a sentence belongs to a name ("colonia 18 de Marzo", "Santo Domingo", "El Diario de Hoy"), and so does
# one in all-capital text, where that cannot be told. Mexican streets and neighbourhoods are named after
# dates: a date with such a word before or after it is a name too ("in the 4 de abril neighborhood").
_DATE_NAME_BEFORE = re.compile(
    r"(?:\b(?:colonia|col|calle|avenida|av|barrio|fraccionamiento|fracc|bulevar|boulevard|blvd|calzada|plaza|"
    r"escuela|mercado|ejido|the|la|las|rua)\.?\s+)$", re.IGNORECASE)
_DATE_NAME_AFTER = re.compile(
    r"^\s+(?:neighbou?rhood|colony|street|avenue|boulevard|subdivision|school|market|bridge|park)\b", re.IGNORECASE)


def _written_as_a_word(m: re.Match, text: str, group: str) -> bool:
    """The calendar word in ``group`` is in lower case, or capitalised only because it opens a sentence."""
    word = _g(m, group)
    if not word:
        return True
    if word.islower():
        return True
    start = m.start(group)
    before = text[:start].rstrip(" \t\"'\u201c\u00ab([")
    return start == m.start() and not word.isupper() and (not before or before[-1] in ".!?:\n")


def _check_es_date(m: re.Match, text: str) -> bool:
    return _written_as_a_word(m, text, "mon") and not (
        _DATE_NAME_BEFORE.search(text[max(0, m.start() - 20) : m.start()])
        or _DATE_NAME_AFTER.match(text[m.end() : m.end() + 20]))


def _check_es_weekday(m: re.Match, text: str) -> bool:
    return m["wd"].lower() in _lexicon()["weekday_es"] and _written_as_a_word(m, text, "wd")


def _check_es_deictic(m: re.Match, text: str) -> bool:
    return all(_written_as_a_word(m, text, g) for g in ("w", "pod", "pod2", "pod3"))


_P: dict[str, str] = {}
_DAY_RE: re.Pattern


def _patterns() -> dict[str, str]:
    lex = _lexicon()
    full_months = [w for w in lex["month"] if len(w) > 4 or w in ("may", "june", "july")]
    abbr = [w for w in lex["month"] if w not in full_months]
    p = {}
    p["MON"] = rf"(?:{_alt(full_months)}|{_alt(abbr)}(?:\.|(?=\s+\d)))"
    p["WD"] = _alt(lex["weekday"])
    p["DAY"] = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
    p["YEAR"] = r"(?<![\d,.])(?:1[5-9]\d\d|20\d\d)(?![\d])"
    units = [w for w in lex["number"] if w not in ("a", "an")]
    tens = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    ones = r"(?:one|two|three|four|five|six|seven|eight|nine)"
    p["NUMW"] = rf"(?:{tens}[\s-]{ones}|{_alt(units)})"
    p["NUM"] = rf"(?:\d+\s+\d/\d|\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{p['NUMW']}(?:\s+(?:hundred|thousand))?)"
    p["QTY"] = rf"(?:{p['NUM']}|{_alt(lex['fuzzy'])}|an?)"
    p["UNIT"] = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies)|millenni(?:um|a))"
    p["POD"] = _alt(w for w, v in lex["part_of_day"].items() if len(v) == 2 and w != "overnight")
    p["SPELLED_YEAR"] = (
        rf"(?:(?:seventeen|eighteen|nineteen|twenty)[\s-](?:{tens}(?:[\s-]{ones})?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|oh[\s-]{ones})"
        rf"|two\s+thousand(?:\s+and)?(?:\s+{ones}|\s+(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?)"
    )
    p["YEARX"] = rf"(?:{p['YEAR']}|'\d\d(?!\d)|{p['SPELLED_YEAR']})"
    p["POS"] = r"(?:early|late|mid|(?:the\s+)?(?:beginning|start|end|middle)\s+of)"
    p["MODS"] = _alt(_MODS)
    p["DEICTIC"] = r"(?:today|tonight|yesterday|tomorrow)"
    p["SEASON"] = _alt(lex["season"])
    p["WD_ES"] = _alt(lex["weekday_es"])
    p["MON_ES"] = _alt(lex["month_es"])
    p["DEICTIC_ES"] = _alt(lex["deictic_es"])
    p["POD_ES"] = _alt(lex["part_of_day_es"])
    p["HOLIDAY"] = _alt(lex["holiday"])
    return p


@functools.lru_cache(maxsize=1)
def _rules() -> list[_Rule]:
    global _DAY_RE
    p = _patterns()
    _P.update(p)
    B = r"(?<![\w])"  # start of a word
    E = r"(?![\w])"  # end of a word
    day_phrase = rf"(?:(?P<dwd>{p['WD']})|(?P<ddeictic>{p['DEICTIC']})|{p['MON']}\s+{p['DAY']})"
    _DAY_RE = re.compile(day_phrase, re.I)
    day_phrase_plain = re.sub(r"\(\?P<\w+>", "(?:", day_phrase)
    F = re.I
    R = []
    lex = _lexicon()

    def add(name, pattern, resolve, check=None, flags=F):
        R.append(_Rule(name, re.compile(pattern, flags), resolve, check))
        R[-1].tags = _first_words(name, lex)

    add("iso", r"(?<![\d/-])(?P<y>\d{4})(?P<sep>[-/])(?P<m>\d{2})(?P=sep)(?P<d>\d{2})(?:T(?P<H>\d{2}):(?P<M>\d{2}))?(?![\d/-])", _r_iso)
    add("numeric", r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|\.\d)", _r_numeric)
    add("numeric_dash", r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>-)(?P<b>\d{1,2})-(?P<y>\d{4})(?![\d-])", _r_numeric)
    add(
        "month_day",
        rf"{B}(?:(?:{p['WD']}),?\s+)?(?P<mon>{p['MON']})\s+(?:the\s+)?(?P<day>{p['DAY']})(?:(?:,\s*|\s+)(?P<year>{p['YEARX']}))?{E}",
        _r_month_day,
        _check_month,
    )
    add(
        "day_month",
        rf"{B}(?:(?:{p['WD']}),?\s+)?(?:the\s+)?(?P<day>{p['DAY']})(?:\s+of)?\s+(?P<mon>{p['MON']})(?:,?\s+(?P<year>{p['YEARX']}))?{E}",
        _r_month_day,
        _check_month,
    )
    add(
        "month",
        rf"{B}(?:(?P<pos>{p['POS']})[-\s]+)?(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<mon>{p['MON']})(?:(?:\s+of)?,?\s+(?P<year>{p['YEARX']}))?{E}",
        _r_month,
        _check_month,
    )
    add(
        "range_md",
        rf"{B}(?P<m1>{p['MON']})\s+(?P<d1>{p['DAY']})\s*(?:-|–|to|and|until|through)\s*(?:(?P<m2>{p['MON']})\s+)?(?P<d2>{p['DAY']})(?:,?\s+(?P<y>{p['YEAR']}))?{E}",
        _r_range,
        _check_range,
    )
    add(
        "range_dm",
        rf"{B}(?P<d1>{p['DAY']})(?:\s+(?P<m1>{p['MON']}))?\s*(?:-|–|to|and|until)\s*(?P<d2>{p['DAY']})\s+(?P<m2>{p['MON']})(?:,?\s+(?P<y>{p['YEAR']}))?{E}",
        _r_range,
        _check_range,
    )
    add(
        "season",
        rf"{B}(?:(?P<pos>early|late|mid)[-\s]+)?(?P<s>{p['SEASON']})(?:\s+of)?,?\s+(?P<year>{p['YEAR']}){E}",
        _r_season_year,
    )
    add("year", rf"{B}(?:(?P<pos>early|late|mid)[-\s]+)?(?:(?P<fiscal>fiscal(?:\s+year)?)\s+)?(?P<year>{p['YEAR']})", _r_year, _check_year)
    add("spelled_year", rf"{B}(?P<year>{p['SPELLED_YEAR']}){E}", _r_year)
    add("decade", rf"{B}(?:(?P<pos>early|late|mid)[-\s]+)?(?:(?P<dec>(?:1[5-9]|20)\d0)'?s|'(?P<dec2>\d0)s){E}", _r_decade)
    add(
        "weekday",
        rf"{B}(?:(?P<pos>early|late)\s+)?(?:(?P<rel>last|next|this|coming|past|previous)\s+)?(?P<wd>{p['WD']})(?:\s+(?P<pod>{p['POD']}))?{E}",
        _r_weekday,
    )
    add(
        "deictic",
        rf"{B}(?:(?:early|late|earlier|later)\s+)?(?P<w>{p['DEICTIC']}|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night|overnight)(?:\s+(?P<pod>{p['POD']}))?{E}",
        _r_deictic,
    )
    add("generic", rf"{B}(?P<w>{_alt(_GENERIC)}){E}", _r_generic, _check_generic)
    rel_units = r"(?:week|weekend|month|year|quarter|decade|century|fiscal\s+year|" + p["SEASON"][3:-1] + ")"
    add(
        "rel_unit",
        rf"{B}(?:(?P<pos>early|late|earlier|later|mid|the\s+(?:beginning|start|end|middle|first\s+half|second\s+half)\s+of)[-\s]+)?(?P<the>the\s+)?(?P<rel>last|this|next|past|previous|coming|current|following|same|preceding|prior)\s+(?P<unit>{rel_units}){E}",
        _r_rel_unit,
        _check_rel_unit,
    )
    add(
        "quarter",
        rf"{B}(?:the\s+(?=(?:\S+\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)\s))?(?:(?P<pre>(?:fiscal\s+)?(?P<y1>{p['YEAR']})|year-ago|year-earlier|next\s+year's|last\s+year's|this\s+year's)\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[-\s](?P<unit>quarter|half)(?:\s+of\s+(?:(?:fiscal\s+)?(?P<y2>{p['YEAR']})|(?P<rel>this|last|next)\s+year|the\s+year))?{E}",
        _r_quarter,
    )
    add("the_quarter", rf"{B}the\s+(?:(?P<pre>latest|most\s+recent|year-ago|year-earlier)\s+)?quarter{E}(?!\s+of\b)", _r_the_quarter, None, 0)
    add(
        "ago",
        rf"{B}(?:(?P<mod>{p['MODS']})\s+)?(?P<qty>{p['QTY']})\s+(?:more\s+)?(?P<unit>{p['UNIT']})\s+(?P<dir>ago|earlier|later){E}",
        _r_ago,
        _check_ago,
    )
    add(
        "duration",
        rf"{B}(?:(?P<lead>(?:the\s+)?(?:first|last|past|next|previous|coming|final|following|remaining|initial))\s+)?(?:(?P<mod>{p['MODS']})\s+)?(?P<qty>{p['QTY']})(?P<half1>\s+and\s+a\s+half)?\s+(?:(?:more|additional|full|straight|consecutive|long)\s+)?(?P<unit>{p['UNIT']})(?P<half>\s+and\s+a\s+half)?{E}",
        _r_duration,
        _check_duration,
    )
    add("half_unit", rf"{B}(?P<mod>)(?P<qty>half)\s+an?\s+(?P<unit>hour|day|year|century|decade){E}", lambda m, c: Resolved("DURATION", _duration_value(0.5, _unit(m["unit"])), reason="half a unit", is_reference=False))
    add(
        "hyphen_duration",
        rf"{B}(?:(?P<qty>\d+|{p['NUMW']})-(?P<unit>second|minute|hour|day|week|month|year|decade|century)(?:-long)?(?!(?:-|\s+)old\b)|(?P<unit2>day|week|month|year|decade)-long){E}",
        _r_hyphen_duration,
    )
    add("bare_plural", rf"{B}(?P<unit>minutes|hours|days|weeks|months|years|decades|centuries){E}(?!\s+(?:ago|of|old|later|earlier|before|after))", _r_bare_plural, _check_bare_plural)
    add(
        "clock",
        rf"{B}(?:(?P<h>[01]?\d|2[0-4])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|a\.m(?!\w)|p\.m(?!\w)|am{E}|pm{E}|o'clock{E})|(?P<h24>[01]\d|2[0-3]):?(?P<mi24>[0-5]\d)\s+(?:GMT|UTC|hrs|hours|local\s+time){E}|(?P<pod>noon|midday|midnight){E})"
        rf"(?:\s+(?P<tz>EST|EDT|CST|PST|GMT|UTC|local\s+time){E})?(?:\s+(?:on\s+)?(?P<day>{day_phrase_plain})|,\s*(?P<day2>{p['MON']}\s+{p['DAY']}))?",
        _r_clock,
        _check_clock,
    )
    add("set_word", rf"{B}(?P<w>{_alt(_SET_WORDS)}){E}", _r_set, None, 0)
    add(
        "set_every",
        rf"{B}(?:every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<n>{p['NUM']})\s+)?(?P<what>{p['UNIT']}|{p['WD']}|{p['POD']}|weekend|{_alt(w for w in _lexicon()['month'] if len(w) > 3)}|{p['SEASON']}){E}",
        _r_set,
    )
    add("times_per", rf"{B}(?:once|twice|three\s+times|four\s+times|\d+\s+times)\s+(?:a|an|per)\s+(?P<unit>day|week|month|year){E}", _r_times_per)
    add("holiday", rf"{B}(?:(?P<rel>last|next|this)\s+)?(?P<h>{p['HOLIDAY']})(?:\s+(?P<year>{p['YEAR']}))?(?P<wk>\s+week)?{E}", _r_holiday)
    add(
        "anaphoric",
        rf"{B}(?:(?:earlier|later)\s+)?(?P<what>that|the\s+same|the\s+following|the\s+next|the\s+previous|the\s+preceding|the\s+prior)\s+(?P<unit>day|morning|afternoon|evening|night|week|weekend|month|year){E}(?!\s+(?:of|in|after|before|when)\b)",
        _r_anaphoric,
    )
    add("the_weekend", rf"{B}the\s+weekend{E}", _r_the_weekend)
    add(
        "part_of_unit",
        rf"{B}(?P<pos>the\s+(?:beginning|start|end|middle)\s+of)\s+the\s+(?P<unit>week|month|year){E}",
        _r_part_of_unit,
    )
    add("fiscal_year", rf"{B}the\s+(?:fiscal\s+)?year(?=\s+(?:ended|ending|through|to\s+date){E})", _r_the_year)
    add("the_year_for", rf"(?<=\bfor\s)the\s+(?:full\s+|whole\s+|entire\s+)?year{E}(?!\s+(?:of|in|when|before|after|that)\b)", _r_the_year)
    add("coming_units", rf"{B}(?:coming|next\s+few|past\s+few)\s+(?P<unit>days|weeks|months|years|decades){E}", _r_bare_plural)
    add("in_the_day", rf"(?:(?<=\bearlier\sin\s)|(?<=\blater\sin\s))the\s+(?P<unit>day|week|month|year){E}", _r_in_the_unit)
    # Spanish and Portuguese (after the English rules: on a tie of length the English reading wins).
    pod_es, wd_es = p["POD_ES"], p["WD_ES"]
    add(
        "es_deictic",
        rf"{B}(?:(?:(?:la|a|de\s+la)\s+)?(?P<pod>{pod_es})\s+de\s+)?(?P<w>{p['DEICTIC_ES']}){E}"
        rf"(?:\s+(?:por\s+la|en\s+la|de\s+la|à|pela|de)\s+(?P<pod3>{pod_es}){E})?"
        rf"|{B}(?:esta|nesta)\s+(?P<pod2>{pod_es}){E}",
        _r_es_deictic,
        _check_es_deictic,
    )
    add(
        "es_weekday",
        rf"{B}(?:(?:(?:la|a|na)\s+)?(?P<pod>{pod_es})\s+(?:del|de\s+este|de\s+esta|deste|desta|de)\s+"
        rf"|(?:el|este|esta|del|nesta|neste|na|no)\s+)"
        rf"(?:(?P<past>pasado|último|ultimo)\s+)?(?P<wd>{wd_es}){E}(?:\s+(?P<past2>pasado){E})?"
        rf"(?:\s+(?:por\s+la|en\s+la|de\s+la|à|pela|de)\s+(?P<pod2>{pod_es}){E})?",
        _r_es_weekday,
        _check_es_weekday,
    )
    add("pt_weekday", rf"{B}(?P<wd>\w+-feira){E}(?:\s+(?:à|pela|de)\s+(?P<pod2>{pod_es}){E})?", _r_es_weekday, _check_es_weekday)
    add(
        "es_weekend",
        rf"{B}(?:(?:el|este|del|o|neste|no|último|ultimo|pasado)\s+)?(?:fin|fim)\s+de\s+semana{E}(?:\s+pasado{E})?",
        _r_the_weekend,
    )
    add(
        "es_day_month",
        rf"{B}(?:(?P<wd>{wd_es}),?\s+)?(?P<day>[12]\d|3[01]|0?[1-9])\s+de\s+(?P<mon>{p['MON_ES']})(?:,?\s+(?:de|del)\s+(?P<year>{p['YEAR']}))?{E}",
        _r_es_day_month,
        _check_es_date,
    )
    return R


def _words(*groups) -> set[str]:
    """First words (lower case, letters only) of phrases; '#' stands for a digit, "'" for '90s."""
    out = set()
    for g in groups:
        for phrase in ([g] if isinstance(g, str) else g):
            m = re.match(r"[a-z]+|\d|'|#", phrase.lower())
            if m:
                out.add("#" if m.group(0).isdigit() else m.group(0))
    return out


def _first_words(name: str, lex: dict) -> set[str]:
    """The words a match of rule ``name`` can begin with: rules are tried only where one stands.

    ``tests/test_time.py`` checks that this gives the same result as scanning every position.
    """
    months, weekdays, numbers = lex["month"], lex["weekday"], lex["number"]
    pos = ("early", "late", "mid", "the")
    rel = ("last", "this", "next", "past", "previous", "coming", "current", "following", "same", "preceding", "prior")
    qty = _words(numbers, lex["fuzzy"], "#", "an", "a")
    mods = _words(_MODS)
    lead = ("the", "first", "last", "past", "next", "previous", "coming", "final", "following", "remaining", "initial")
    table = {
        "iso": "#", "numeric": "#", "numeric_dash": "#", "range_dm": "#", "decade": ("#", "'", "early", "late", "mid"),
        "month_day": _words(weekdays, months),
        "day_month": _words(weekdays, "the", "#"),
        "month": _words(pos, rel, months, "beginning", "start", "end", "middle"),
        "range_md": _words(months),
        "season": _words(("early", "late", "mid"), lex["season"]),
        "year": ("#", "early", "late", "mid", "fiscal"),
        "spelled_year": ("seventeen", "eighteen", "nineteen", "twenty", "two"),
        "weekday": _words(("early", "late"), rel, weekdays),
        "deictic": ("early", "late", "earlier", "later", "overnight", "today", "tonight", "yesterday", "tomorrow", "the", "this", "last"),
        "generic": _words(_GENERIC),
        "rel_unit": _words(("early", "late", "earlier", "later", "mid", "the"), rel),
        "quarter": _words("the", "fiscal", "#", "year", "next", "last", "this", lex["ordinal"]),
        "the_quarter": ("the",),
        "ago": mods | qty,
        "duration": _words(lead) | mods | qty,
        "half_unit": ("half",),
        "hyphen_duration": _words("#", numbers, "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "day", "week", "month", "year", "decade"),
        "bare_plural": ("minutes", "hours", "days", "weeks", "months", "years", "decades", "centuries"),
        "clock": ("#", "noon", "midday", "midnight"),
        "set_word": _words(_SET_WORDS),
        "set_every": ("every", "each"),
        "times_per": ("once", "twice", "three", "four", "#"),
        "holiday": _words(("last", "next", "this"), lex["holiday"]),
        "anaphoric": ("earlier", "later", "that", "the"),
        "the_weekend": ("the",), "part_of_unit": ("the",), "fiscal_year": ("the",), "the_year_for": ("the",),
        "coming_units": ("coming", "next", "past"), "in_the_day": ("the",),
        "es_deictic": _words(("la", "a", "de", "esta", "nesta"), lex["part_of_day_es"], lex["deictic_es"]),
        "es_weekday": _words(("la", "a", "na", "el", "este", "esta", "del", "nesta", "neste", "no"),
                             lex["part_of_day_es"]),
        "pt_weekday": _words(w for w in lex["weekday_es"] if w.endswith("-feira")),
        "es_weekend": ("el", "este", "del", "o", "neste", "no", "ultimo", "pasado", "fin", "fim"),
        "es_day_month": _words(lex["weekday_es"], "#"),
    }
    words = table[name]
    return set(words) if not isinstance(words, str) else {words}


# --------------------------------------------------------------------------------------------
# Public API


def _as_date(published) -> date | None:
    if published is None or published == "":
        return None
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    try:
        return date.fromisoformat(str(published).strip()[:10])
    except ValueError:
        return None


def find_timexes(text: str, published=None) -> list[Timex]:
    """Time expressions in ``text`` (offsets into the text as given), normalised against ``published``.

    ``published`` is a date, a datetime or an ISO string; without it relative expressions keep
    X's in their value and carry no dates.
    """
    if not text:
        return []
    anchor = _as_date(published)
    candidates = []
    for priority, rule, m in _matches(text):
        if m.end() <= m.start():
            continue
        if rule.check is not None and not rule.check(m, text):
            continue
        candidates.append((m.start(), m.end(), priority, rule, m))
    # Longest first, then the earlier rule; keep the ones that do not overlap a kept one.
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken = bytearray(len(text))
    chosen = []
    for cand in candidates:
        s, e = cand[0], cand[1]
        if any(taken[s:e]):
            continue
        taken[s:e] = b"\x01" * (e - s)
        chosen.append(cand)
    chosen.sort(key=lambda c: c[0])
    ctx = _Ctx(text, anchor)
    out: list[Timex] = []
    for s, e, _prio, rule, m in chosen:
        try:
            r = rule.resolve(m, ctx)
        except (ValueError, OverflowError):
            continue  # a date outside the calendar: "50000 years ago", "the 99th century"
        if r is None:
            continue
        s, e = _trim_span(text, s, e)
        for ps, pe, value in r.parts or [(s, e, r.value)]:
            out.append(
                Timex(
                    start=ps, end=pe, text=text[ps:pe], value=value, type=r.type, date_start=r.date_start,
                    date_end=r.date_end, time_precision=r.precision, reason=f"{rule.name}: {r.reason}",
                )
            )
        if r.is_reference and r.date_start is not None:
            ctx.ref, ctx.ref_value, ctx.ref_end = r.date_start, r.value, e
            if r.date_start == r.date_end:
                ctx.ref_day = r.date_start
    return out


_TOKEN = re.compile(r"(?<![\w'])(?:\d|'\d|[A-Za-z]+)")


@functools.lru_cache(maxsize=1)
def _rule_index() -> dict[str, list[tuple[int, _Rule]]]:
    index: dict[str, list[tuple[int, _Rule]]] = {}
    for priority, rule in enumerate(_rules()):
        for word in rule.tags:
            index.setdefault(word, []).append((priority, rule))
    return index


def _matches(text: str, exhaustive: bool = False):
    """(priority, rule, match) for every rule match; by default a rule is tried only where a word
    it can begin with stands (many times faster than scanning every position)."""
    if exhaustive:
        for priority, rule in enumerate(_rules()):
            for m in rule.regex.finditer(text):
                yield priority, rule, m
        return
    index = _rule_index()
    for tok in _TOKEN.finditer(text):
        word = tok.group(0)
        key = "#" if word[0].isdigit() else "'" if word[0] == "'" else word.lower()
        for priority, rule in index.get(key, ()):
            m = rule.regex.match(text, tok.start())
            if m is not None:
                yield priority, rule, m


def _trim_span(text: str, s: int, e: int) -> tuple[int, int]:
    while e > s and text[e - 1] in " ,\t\n":
        e -= 1
    return s, e


# --------------------------------------------------------------------------------------------
# Event dates


def _paragraph_start(text: str, pos: int) -> int:
    i = text.rfind("\n\n", 0, pos)
    return 0 if i < 0 else i + 2


def _usable(t: Timex, published: date | None) -> bool:
    """A time expression that can date an event: a resolved date or time, or a stretch anchored at
    the publication date ("over the past three weeks"), not after publication."""
    if t.type not in ("DATE", "TIME", "DURATION") or t.date_start is None:
        return False
    if t.value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        return False
    if published is not None and t.date_start > published:
        return False
    return True


def _governing(article: Article, event: Event, keep: Callable[[Timex], bool]) -> Timex | None:
    evidence = [e for e in event.evidence if e.field in (None, "event", "trigger")] or event.evidence
    if not evidence:
        return None
    anchor_pos = evidence[0].start
    anchor_end = evidence[0].end
    dl = article.dateline
    # the dateline's date is the filing date, not the event's: it is the fallback, below
    timexes = [
        t for t in article.timexes
        if keep(t) and not (dl is not None and dl.start <= t.start and t.end <= dl.end)
    ]
    if not timexes:
        return None
    sentences = article.sentences or []
    sentence = next((s for s in sentences if s.start <= anchor_pos < s.end), None)
    if sentence is None:
        # No sentence split: take the stretch between sentence-ending punctuation.
        text = article.text
        left = max(text.rfind(ch, 0, anchor_pos) for ch in ".!?\n")
        rights = [i for i in (text.find(ch, anchor_end) for ch in ".!?\n") if i >= 0]
        s_start, s_end = left + 1, (min(rights) if rights else len(text))
    else:
        s_start, s_end = sentence.start, sentence.end
    same = [t for t in timexes if s_start <= t.start and t.end <= s_end]
    if same:
        # the nearest one, preferring a day-precise one at equal distance
        def distance(t: Timex) -> tuple[int, int]:
            d = anchor_pos - t.end if t.end <= anchor_pos else t.start - anchor_end if t.start >= anchor_end else 0
            return (max(d, 0), t.time_precision or 9)

        return min(same, key=distance)
    para = _paragraph_start(article.text, s_start)
    earlier = [t for t in timexes if para <= t.start and t.end <= s_start]
    if earlier:
        return max(earlier, key=lambda t: t.start)
    return None


# A duration that is not tied to a day ("for a decade", "for years") says how long something went on,
# not when; one of a week or less ("for three days", "for hours") describes a fresh event's length,
# and the article's date context still dates it.
_SHORT_PERIOD_DAYS = 7
_DURATION = re.compile(r"^P(?:(?P<Y>[\d.]+)Y)?(?:(?P<M>[\d.]+)M)?(?:(?P<W>[\d.]+)W)?(?:(?P<D>[\d.]+)D)?(?:T.*)?$")
_VAGUE_DURATION = re.compile(r"^PT?X(?P<unit>DE|CE|ML|Y|M|W|D|H|S)$")
_UNIT_DAYS = {"Y": 365, "M": 30, "W": 7, "D": 1}
_SHORT_UNIT = re.compile(r"\b(?:seconds?|minutes?|hours?|days?|nights?|mornings?|evenings?)\b", re.IGNORECASE)
# "since March", "since the start of the war in 2014": from that date up to the report.
_SINCE_BEFORE = re.compile(r"\b(?:ever\s+)?since\b[^.;:!?,()\n]{0,60}$", re.IGNORECASE)
# Perfect aspect ("has been fighting", "have killed", "had fought"): a stretch that reaches the
# time of the report, so a duration in the clause ends at publication.
_PERFECT = re.compile(
    r"\b(?:has|have|had|'ve)\s+(?:(?:not|never|also|already|long|reportedly|repeatedly|all|now|\w+ly)\s+)*"
    r"(?:been|[a-z]+(?:ed|en|wn|ght|ung)|lost|made|led|held|left|fled|hit|shot|struck|seen|done|become|run|met|put|set|cut)\b",
    re.IGNORECASE,
)


@dataclass
class DateChoice:
    """An event's date and why it was chosen (``choose_event_date`` computes it; ``set_event_dates``
    writes it)."""

    event_date: date | None
    date_end: date | None
    precision: int | None
    reason: str
    span: tuple[int, int] | None = None  # the text that decided, offsets into the clean text


@functools.lru_cache(maxsize=1)
def _period_regex() -> re.Pattern:
    return re.compile(r"(?<![\w-])" + _alt(_lexicon().get("period", {})) + r"(?![\w-])", re.IGNORECASE)


def _duration_days(value: str | None) -> tuple[float | None, str | None]:
    """(length in days, None) of an ISO duration, or (None, unit) for a vague one ("PXY")."""
    if not value:
        return None, None
    vague = _VAGUE_DURATION.match(value)
    if vague:
        return None, vague.group("unit")
    m = _DURATION.match(value)
    if not m or not any(m.group(u) for u in "YMWD"):
        return (0.0, None) if m else (None, None)
    return sum(float(m.group(u) or 0) * _UNIT_DAYS[u] for u in "YMWD"), None


def _precision_of_range(start: date, end: date) -> int:
    days = (end - start).days
    return 1 if days == 0 else 2 if days <= _SHORT_PERIOD_DAYS else 3


def _sentence_bounds(article: Article, event: Event) -> tuple[int, int] | None:
    evidence = [e for e in event.evidence if e.field in (None, "event", "trigger")] or event.evidence
    if not evidence:
        return None
    pos, end = evidence[0].start, evidence[0].end
    sentence = next((s for s in article.sentences or [] if s.start <= pos < s.end), None)
    if sentence is not None:
        return sentence.start, sentence.end
    text = article.text
    left = max(text.rfind(ch, 0, pos) for ch in ".!?\n")
    rights = [i for i in (text.find(ch, end) for ch in ".!?\n") if i >= 0]
    return left + 1, (min(rights) if rights else len(text))


def _period_in_sentence(article: Article, bounds: tuple[int, int], published: date | None) -> DateChoice | None:
    """The period the event's sentence names when it names no date: ("for a decade", "for years",
    "in recent months", "since the war began"). A duration of known length in a perfect-aspect
    clause ("has been fighting for a decade") is the stretch up to publication (precision 3);
    anything else names no day. None when the sentence names no period."""
    s_start, s_end = bounds
    text = article.text
    sentence = text[s_start:s_end]
    for t in article.timexes:
        if not (s_start <= t.start and t.end <= s_end) or t.date_start is not None:
            continue
        if t.type == "DURATION":
            days, unit = _duration_days(t.value)
            if days is None and unit is None:
                continue
            if days is not None and days <= _SHORT_PERIOD_DAYS or unit in ("D", "H", "S"):
                continue  # "for three days": how long a fresh event lasted
            if days is not None and published is not None and _PERFECT.search(sentence):
                try:
                    start = published - timedelta(days=round(days))
                except OverflowError:
                    start = date.min
                return DateChoice(
                    start, published, 3,
                    f"period: '{t.text}' ({t.value}) in a perfect-aspect clause, up to the publication date {published}",
                    (t.start, t.end),
                )
            return DateChoice(None, None, None, f"period: the sentence names only a period ('{t.text}', {t.value}), no day", (t.start, t.end))
        if t.value == "PAST_REF":
            if _SHORT_UNIT.search(t.text):
                continue  # "a few hours ago", "in recent days": a fresh event, dated by the context
            return DateChoice(None, None, None, f"period: the sentence names only a vague past ('{t.text}'), no day", (t.start, t.end))
    m = _period_regex().search(sentence)
    if m is not None:
        return DateChoice(
            None, None, None, f"period: the sentence names only a period ('{m.group(0)}'), no day",
            (s_start + m.start(), s_start + m.end()),
        )
    return None


def _from_timex(article: Article, t: Timex, published: date | None, how: str) -> DateChoice:
    start, end = t.date_start, t.date_end if t.date_end is not None else t.date_start
    precision, reason = t.time_precision, f"{how}: '{t.text}' ({t.value})"
    if _SINCE_BEFORE.search(article.text[max(0, t.start - 80) : t.start]) and published is not None and end < published:
        # "since March": from then up to the report
        end = published
        precision = max(precision or 1, _precision_of_range(start, end))
        reason += f", preceded by 'since': up to the publication date {published}"
    elif published is not None and end > published:
        # "this year", "this month": the part that has happened by the report
        end = published
        reason += f", cut at the publication date {published}"
    return DateChoice(start, end if end != start else None, precision, reason, (t.start, t.end))


def choose_event_date(article: Article, event: Event, published: date | None = None) -> DateChoice:
    """The event's date, end date, ACLED time precision and the reason, without writing anything.

    In order: the nearest usable time expression in the event's sentence ("since" before it
    stretches it to the publication date; a range is cut at the publication date); a period the
    sentence names instead of a date ("for years", "has been fighting for a decade", "since the war
    began": its stretch up to publication, or no day); the last usable expression in the earlier
    sentences of its paragraph; the dateline's date; the publication date (these two precision 2).
    """
    published = published or article.published
    usable = lambda t: _usable(t, published)  # noqa: E731
    bounds = _sentence_bounds(article, event)
    t = _governing(article, event, usable)
    if t is not None and bounds is not None and bounds[0] <= t.start and t.end <= bounds[1]:
        return _from_timex(article, t, published, "time expression in the event's sentence")
    if bounds is not None:
        period = _period_in_sentence(article, bounds, published)
        if period is not None:
            return period
    if t is not None:
        return _from_timex(article, t, published, "last time expression earlier in the event's paragraph")
    if article.dateline is not None:
        inside = [x for x in article.timexes if article.dateline.start <= x.start and x.end <= article.dateline.end]
        dateline_timex = next((x for x in inside if usable(x)), None)
        if dateline_timex is not None:
            return DateChoice(
                dateline_timex.date_start, None, 2,
                "dated by the dateline (precision 2): no time expression in their sentence or paragraph",
                (dateline_timex.start, dateline_timex.end),
            )
    if published is not None:
        return DateChoice(published, None, 2, "dated by the publication date (precision 2): no time expression in their sentence or paragraph")
    unresolved = _governing(article, event, lambda x: x.type in ("DATE", "TIME") and x.date_start is None and "X" in (x.value or ""))
    if unresolved is not None:
        return DateChoice(
            None, None, None,
            f"left undated: their time expressions ('{unresolved.text}') cannot be resolved without a publication date",
        )
    return DateChoice(None, None, None, "left undated: no time expression in their sentence or paragraph and no publication date")


def set_event_dates(article: Article, published: date | None = None) -> None:
    """Give each event in ``article.events`` its date, end date and ACLED time precision.

    See ``choose_event_date`` for the order of evidence. The span that decided becomes an
    ``event_date`` evidence span and the reason goes to ``event.date_reason``; an event dated by the
    dateline or the publication date, left without a day because its sentence names only a period, or
    left undated also gets a warning on the article, so a run's summary shows the guesses.
    """
    notes: dict[str, list[str]] = {}
    for event in article.events:
        # running the stage again replaces what it wrote
        event.evidence = [e for e in event.evidence if e.field != "event_date"]
        choice = choose_event_date(article, event, published)
        event.event_date, event.date_end, event.time_precision = choice.event_date, choice.date_end, choice.precision
        event.date_reason = choice.reason
        if choice.span is not None:
            s, e = choice.span
            event.evidence.append(Evidence(start=s, end=e, text=article.text[s:e], field="event_date"))
        if not choice.reason.startswith(("time expression", "last time expression")):
            notes.setdefault(choice.reason, []).append(event.event_id)
    for note, ids in notes.items():
        article.warnings.append(f"event(s) {', '.join(ids)} {note}")


@stage("time", requires=("article.sentences",), assigns=("article.timexes", "event.event_date"))
def resolve_dates(article: Article, options: Options) -> Article:
    """Recognise time expressions, resolve them against the publication date, date each event."""
    published = article.published or options.published
    article.timexes = find_timexes(article.text, published)
    set_event_dates(article, published)
    return article
