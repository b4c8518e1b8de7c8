"""Dates: absolute and relative time expressions, resolved against ``published``.

Candidates are spaCy's DATE entities, its TIME entities that name a day ("Friday night"), and
weekday and month names it left out of both ("Macbook Pro June 11", a dateline "WEDNESDAY,
MARCH 6"; a month name alone must be tagged a proper noun, and "May", "March" and the short
forms need a day number).  Each is resolved by the first rule that fits:

========================  ==========================  ===========  ==============
form                      example                     granularity  needs published
========================  ==========================  ===========  ==============
day month year            "5 November 2018"           day          no
month year                "November 2018"             month        no
year                      "2017", "since 2022"        year         no
decade                    "the 1990s"                 decade       no
month alone               "in November"               month        yes (latest such month)
weekday                   "on Friday"                 day          yes (latest such day)
relative day              "yesterday", "today"        day          yes
relative period           "last year", "this month"   year/month   yes
ago                       "three years ago"           year         yes
========================  ==========================  ===========  ==============

Durations ("15-year period", "12 months", "centuries") are quantities, not points in time:
they are left to the figures extractor.  A time expression that no rule resolves keeps
``value=None``.  Values are ISO strings: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYYs``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from ..model import DateRef

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I), "dmy"),
    (re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I), "dmy"),
    (re.compile(r"\b(?P<year>(?:1[6-9]|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"), "iso"),
    (re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b", re.I), "my"),
    (re.compile(r"\b(?P<decade>(?:1[6-9]|20)\d0)'?s\b"), "decade"),
    (re.compile(rf"\b{_YEAR}\b(?!\s*-\s*(?:year|month|week|day))"), "year"),
    (re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                r"(?P<unit>year|month|week|day)s?\s+ago\b", re.I), "ago"),  # fmt: skip
    (re.compile(r"\b(?P<rel>yesterday|today|tomorrow)\b", re.I), "relday"),
    (re.compile(r"(?<!the )\b(?P<rel>last|this|next|previous)\s+(?P<unit>year|month|week)\b",
                re.I), "relperiod"),  # fmt: skip
    (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b", re.I), "dm"),
    (re.compile(rf"\b{_MONTH}\s+{_DAY}\b", re.I), "dm"),
    (re.compile(rf"\b{_MONTH}\b", re.I), "month"),
    (re.compile(r"\b(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.I), "weekday"),
]
# A DATE entity that is a length of time, not a point in it.
DURATION = re.compile(
    r"^(?:the\s+)?(?:(?:last|past|next|first|coming)\s+)?(?:(?:\d[\d,.]*|[a-z]+)[\s-]+)*"
    r"(?:year|month|week|day|hour|decade|centur(?:y|ies))s?"
    r"(?:[\s-]+(?:long|old|period))?$",
    re.I,
)


def parse_published(published: str | None) -> date | None:
    """The publication date from an ISO string (date or datetime), or None."""
    if not published:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", published)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    return None


def _shift_months(d: date, months: int) -> tuple[int, int]:
    total = d.year * 12 + (d.month - 1) + months
    return total // 12, total % 12 + 1


def resolve(
    text: str, published: date | None, future: bool = False
) -> tuple[str | None, str | None]:
    """(ISO value or None, granularity or None) for one time expression.

    A bare month, day or weekday is the latest such date up to ``published``, or with
    ``future`` (the sentence speaks of what will happen) the next one from it.
    """
    for pattern, kind in RULES:
        m = pattern.search(text)
        if not m:
            continue
        g = m.groupdict()
        if kind in ("dmy", "iso"):
            month = MONTHS[g["month"].lower()] if kind == "dmy" else int(g["month"])
            try:
                return date(int(g["year"]), month, int(g["day"])).isoformat(), "day"
            except ValueError:
                return None, "day"
        if kind == "my":
            return f"{int(g['year']):04d}-{MONTHS[g['month'].lower()]:02d}", "month"
        if kind == "decade":
            return f"{g['decade']}s", "decade"
        if kind == "year":
            return g["year"], "year"
        if published is None:
            return None, _granularity_of(kind, g)
        return _resolve_relative(kind, g, published, future)
    return None, None


def _granularity_of(kind: str, g: dict[str, str | None]) -> str | None:
    if kind in ("relday", "weekday", "dm"):
        return "day"
    if kind == "month":
        return "month"
    unit = (g.get("unit") or "").lower()
    return {"year": "year", "month": "month", "week": "week", "day": "day"}.get(unit)


def _resolve_relative(
    kind: str, g: dict[str, str | None], pub: date, future: bool = False
) -> tuple[str | None, str]:
    if kind == "relday":
        offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[(g["rel"] or "").lower()]
        return (pub + timedelta(days=offset)).isoformat(), "day"
    if kind == "weekday":
        target = WEEKDAYS.index((g["weekday"] or "").lower())
        if future:
            return (pub + timedelta(days=(target - pub.weekday()) % 7)).isoformat(), "day"
        back = (pub.weekday() - target) % 7
        return (pub - timedelta(days=back)).isoformat(), "day"
    if kind in ("month", "dm"):
        month = MONTHS[(g["month"] or "").lower()]
        if future:
            year = pub.year if month >= pub.month else pub.year + 1
        else:
            year = pub.year if month <= pub.month else pub.year - 1
        if kind == "dm":
            try:
                return date(year, month, int(g["day"] or 0)).isoformat(), "day"
            except ValueError:
                return None, "day"
        return f"{year:04d}-{month:02d}", "month"
    unit = (g.get("unit") or "").lower()
    if kind == "relperiod":
        step = {"last": -1, "previous": -1, "this": 0, "next": 1}[(g["rel"] or "").lower()]
    else:  # ago
        n = g["n"] or "1"
        step = -(int(n) if n.isdigit() else NUMBER_WORDS[n.lower()])
    if unit == "year":
        return f"{pub.year + step:04d}", "year"
    if unit == "month":
        y, mth = _shift_months(pub, step)
        return f"{y:04d}-{mth:02d}", "month"
    if unit == "week":
        return (pub + timedelta(weeks=step)).isoformat(), "week"
    return (pub + timedelta(days=step)).isoformat(), "day"


FUTURE_MODALS = frozenset({"will", "'ll", "’ll", "shall"})
FUTURE_BEFORE = frozenset({"from", "until", "till", "next", "coming", "upcoming"})
#: Heads of a to-infinitive that put it in the future ("is set to close in May").
FUTURE_TO_HEADS = frozenset({"be", "set", "due", "expect", "go", "poise", "plan", "schedule"})


def _speaks_of_future(ent: Span) -> bool:
    """Whether a date sits in a sentence about what will happen ("will rise from 1 April")."""
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before in FUTURE_BEFORE or ent[0].lower_ in FUTURE_BEFORE:
        return True
    verb = ent.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head  # the clause the date belongs to, not the whole sentence
    # (spaCy makes a new Token object on every access: compare indices, never identity)
    if any(c.lower_ in FUTURE_MODALS and c.tag_ == "MD" for c in verb.children):
        return True
    # a headline's bare infinitive ("Fares to rise in April") or "is set/due to rise"
    if verb.tag_ == "VB" and any(c.tag_ == "TO" for c in verb.children):
        return verb.dep_ in ("ROOT", "acl") or verb.head.lemma_.lower() in FUTURE_TO_HEADS
    return False


#: A TIME entity that names a day ("Friday night", "7 p.m. Wednesday", "June 11 at noon").
NAMES_A_DAY = re.compile(
    r"\b(?:" + "|".join(WEEKDAYS) + "|" + "|".join(m for m in MONTHS if len(m) > 3) + r")\b", re.I
)
#: Month names that are also common words; outside a DATE entity they need a day number.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "jan", "mar", "jun", "aug", "sep", "oct", "dec"})


def _time_candidates(doc: Doc) -> list[Span]:
    """Spans to read as points in time: spaCy's DATE entities, TIME entities that name a day,
    and weekday or month names the entity recogniser left out or put in another entity
    ("Macbook Pro June 11", a dateline "WEDNESDAY, MARCH 6")."""
    spans = [e for e in doc.ents if e.label_ == "DATE"]
    spans += [e for e in doc.ents if e.label_ == "TIME" and NAMES_A_DAY.search(e.text)]
    taken = {i for s in spans for i in range(s.start, s.end)}
    for tok in doc:
        if tok.i in taken:
            continue
        span = _named_day(doc, tok)
        if span is not None:
            spans.append(span)
            taken.update(range(span.start, span.end))
    return sorted(spans, key=lambda s: s.start)


def _named_day(doc: Doc, tok: Token) -> Span | None:
    """A weekday name, or a month name with its day number (and year), starting at ``tok``."""
    low = tok.lower_.rstrip(".")
    if not tok.text[:1].isupper():
        return None
    if low in WEEKDAYS:
        return doc[tok.i : tok.i + 1]
    if low not in MONTHS:
        return None
    end = tok.i + 1
    while end < len(doc) and end < tok.i + 4 and (doc[end].like_num or doc[end].text == ","):
        end += 1  # "June 11, 2013"
    while end > tok.i + 1 and doc[end - 1].text == ",":
        end -= 1
    if end == tok.i + 1 and (low in AMBIGUOUS_MONTHS or tok.pos_ != "PROPN"):
        return None  # "May" the modal, "a march": a month name alone needs to be a name
    return doc[tok.i : end]


def extract_dates(doc: Doc, published: str | None = None) -> list[DateRef]:
    """Time expressions in ``doc`` (offsets into ``doc.text``), resolved when possible."""
    pub = parse_published(published)
    out: list[DateRef] = []
    for ent in _time_candidates(doc):
        text = ent.text
        relative = re.search(r"\b(?:ago|last|this|next)\b", text, re.I)
        if DURATION.match(text.strip()) and not relative:
            continue
        value, granularity = resolve(text, pub, _speaks_of_future(ent))
        if value is None and granularity is None:
            continue  # "centuries and centuries": not a point in time we can place
        out.append(DateRef(ent.start_char, ent.end_char, text, value, granularity))
    return out
