"""One story, side by side: how a set of analysed articles differ.

:func:`compare` turns the :class:`~newsprism.model.Analysis` of several articles into a
:class:`Comparison`, a tree of frozen dataclasses:

* **figures** aligned by concept head noun, unit, level-or-change and (when given) date,
  each group marked ``agree`` / ``conflict`` / ``only`` with the readings each outlet gives;
  **trends**: the same quantity in groups of different times (a follow-up a year later),
  in time order with its direction (up / down / same / mixed).
  Precision first: figures whose clauses carry different predicates ("two treated" vs "300
  evacuated") or that come from articles published more than ``figure_max_days_apart`` days
  apart are never put together; differently worded concepts (synonym groups of
  ``data/compare_concepts.tsv``) and figures without a concept only join on an identical
  value, so they can add agreement but never a conflict;
* **speakers**: who each outlet quotes, how much and with which cue stances, names matched
  case-insensitively with surname matching ("Khan" ~ "Sadiq Khan"); scare quotes are nobody's
  words and are left out, and a speaker that is a bare pronoun counts as unattributed;
* **shared quotes**: the same words quoted by several outlets (word-set similarity);
* **framing** profiles computed directly from ``Analysis.sentences``;
* **omissions**: entities, figure groups and speakers most of the set reports but one lacks;
* a merged **timeline** of resolved dates with the sentence around each.

Every finding carries :class:`Evidence` (article id, offsets into ``article.text`` and the
slice) and, where two things were put together, a ``why`` saying on what grounds.
Thresholds live in the ``[compare]`` section of ``data/settings.toml``.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from . import settings
from .errors import UsageError
from .model import Analysis, Figure, Quote

FigureStatus = Literal["agree", "conflict", "only"]
TrendDirection = Literal["up", "down", "same", "mixed", "disputed"]
#: How every renderer words a trend's direction.
TREND_WORDS: dict[str, str] = {"up": "went up", "down": "went down", "same": "unchanged",
                               "mixed": "up and down", "disputed": "outlets disagree"}
OmissionKind = Literal["entity", "figure", "speaker"]

SPEECH_KINDS = ("direct", "indirect", "mixed", "partial")
APPROX_CHANGES = ("~", ">", "<")
DELTA_CHANGES = ("up", "down")
LOADED_SIGNAL_KINDS = ("loaded",)
PERSON_LABELS = ("PERSON", "PER")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


# --------------------------------------------------------------------------- dataclasses


@dataclass(frozen=True, slots=True)
class Evidence:
    """A highlightable stretch of one article: ``text == article.text[start:end]``."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Tally:
    """A label and how often it occurs."""

    label: str
    count: int


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """One compared article, with the short ``label`` used as its column heading."""

    id: str
    label: str
    outlet: str | None
    title: str | None
    published: str | None
    source: str
    url: str | None


@dataclass(frozen=True, slots=True)
class FigureMention:
    """One figure as one article gives it; ``time`` is a period-like date in its sentence."""

    evidence: Evidence
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    change: str
    concept: str | None
    time: str | None
    predicate: str | None = None  # the predicate group of its clause ("evacuate", "treat")


@dataclass(frozen=True, slots=True)
class Reading:
    """One value (or range of close values) of a figure group and who gives it."""

    low: float | None
    high: float | None
    label: str
    article_ids: tuple[str, ...]
    mentions: tuple[FigureMention, ...]


@dataclass(frozen=True, slots=True)
class FigureGroup:
    """Figures taken to be the same quantity; ``why`` says on what grounds."""

    id: str
    status: FigureStatus
    concept: str | None
    head: str | None
    unit: str
    kind: str  # "level" or "change"
    time: str | None
    why: str
    article_ids: tuple[str, ...]
    readings: tuple[Reading, ...]


@dataclass(frozen=True, slots=True)
class SpeakerCell:
    """How one article quotes one speaker."""

    article_id: str
    quotes: int
    words: int
    stances: tuple[Tally, ...]
    kinds: tuple[Tally, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    """One speaker across the set; ``aliases`` are the name forms matched to ``name``."""

    id: str
    name: str
    aliases: tuple[str, ...]
    why: str
    article_ids: tuple[str, ...]
    cells: tuple[SpeakerCell, ...]


@dataclass(frozen=True, slots=True)
class QuoteStats:
    """Quote totals of one article."""

    article_id: str
    quotes: int
    words: int
    speakers: int
    unattributed: int
    scare: int


@dataclass(frozen=True, slots=True)
class QuoteMention:
    """One outlet's use of a shared quote."""

    evidence: Evidence
    speaker: str | None
    cue: str | None
    stance: str | None
    kind: str


@dataclass(frozen=True, slots=True)
class SharedQuote:
    """The same words quoted by several outlets; ``score`` is the weakest link's similarity."""

    id: str
    score: float
    why: str
    article_ids: tuple[str, ...]
    mentions: tuple[QuoteMention, ...]


@dataclass(frozen=True, slots=True)
class LoadedSentence:
    """A sentence scored as loaded in the outlet's own voice."""

    evidence: Evidence
    score: float


@dataclass(frozen=True, slots=True)
class FramingProfile:
    """One article's framing, from its sentences' ``loaded`` scores and signals."""

    article_id: str
    sentences: int
    loaded_sentences: int
    loaded_share: float
    mean_loaded: float
    scare_quotes: int
    signals: tuple[Tally, ...]
    top_words: tuple[Tally, ...]
    most_loaded: tuple[LoadedSentence, ...]


@dataclass(frozen=True, slots=True)
class Omission:
    """Something most of the set reports that ``article_id`` does not."""

    article_id: str
    kind: OmissionKind
    name: str
    ref: str | None  # the FigureGroup / SpeakerRow id, for figures and speakers
    present_in: tuple[str, ...]
    note: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class TimelineMention:
    """One article's mention of a date, with the sentence around it."""

    evidence: Evidence
    context: Evidence
    granularity: str | None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One resolved date and every article that mentions it."""

    id: str
    value: str
    granularity: str | None
    article_ids: tuple[str, ...]
    mentions: tuple[TimelineMention, ...]


@dataclass(frozen=True, slots=True)
class TrendStep:
    """One point of a :class:`FigureTrend`: a figure group at one time."""

    when: str  # the figures' explicit period, else the day their articles were published
    dated_by: str  # "period" (a date in the figure's sentence) or "published"
    group_id: str
    low: float | None
    high: float | None
    label: str
    article_ids: tuple[str, ...]
    agreed: bool  # False when the outlets of this time give different values (a conflict)

    def when_label(self) -> str:
        """``when`` as a reader sees it: the period, or "published <day>"."""
        return self.when if self.dated_by == "period" else f"published {self.when}"


@dataclass(frozen=True, slots=True)
class FigureTrend:
    """The same quantity (head noun, unit, level/change) reported for different times.

    Figure groups never join across publication epochs or explicit periods, so a follow-up
    a year later gets rows of its own; a trend puts those rows back in time order and says
    whether the value went ``up``, ``down``, stayed the ``same``, moved both ways
    (``mixed``) or cannot be told because outlets disagree at one of the times (``disputed``).
    """

    id: str
    head: str
    unit: str
    kind: str
    direction: TrendDirection
    why: str
    steps: tuple[TrendStep, ...]  # one per figure group; ``label`` joins a group's readings

    def qualifiers(self) -> list[str]:
        """What a label adds to the head noun: its unit (unless a count) and "change"."""
        return ([self.unit] if self.unit != "count" else []) + (
            ["change"] if self.kind == "change" else [])


@dataclass(frozen=True, slots=True)
class Params:
    """The thresholds a comparison was made with."""

    figure_rel_tolerance: float
    figure_approx_rel_tolerance: float
    quote_jaccard: float
    quote_containment: float
    quote_min_words: int
    loaded_threshold: float
    omission_min_articles: int


@dataclass(frozen=True, slots=True)
class Comparison:
    """The side-by-side comparison of a set of articles."""

    articles: tuple[ArticleRef, ...]
    figures: tuple[FigureGroup, ...]
    trends: tuple[FigureTrend, ...]
    speakers: tuple[SpeakerRow, ...]
    quote_stats: tuple[QuoteStats, ...]
    shared_quotes: tuple[SharedQuote, ...]
    framing: tuple[FramingProfile, ...]
    omissions: tuple[Omission, ...]
    timeline: tuple[TimelineEntry, ...]
    params: Params

    def to_dict(self) -> dict[str, Any]:
        """The comparison as plain dicts, lists, strings and numbers (JSON-ready)."""
        return _jsonable(asdict(self))

    def label(self, article_id: str) -> str:
        """The column label of an article id (the id itself if unknown)."""
        for ref in self.articles:
            if ref.id == article_id:
                return ref.label
        return article_id


def _jsonable(obj: Any) -> Any:
    """``obj`` with tuples turned into lists and non-finite floats into None."""
    if isinstance(obj, dict):
        return {k: _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    return obj


# --------------------------------------------------------------------------- helpers


def _evidence(analysis: Analysis, start: int, end: int) -> Evidence:
    """Evidence for ``[start, end)`` of the article, offsets clamped to its text."""
    text = analysis.article.text
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return Evidence(analysis.article.id, start, end, text[start:end])


def _words(text: str) -> list[str]:
    """The lower-cased words of ``text``."""
    return [w.lower() for w in _WORD.findall(text)]


def _tallies(counter: Counter[str]) -> tuple[Tally, ...]:
    """A counter as tallies, most frequent first, ties alphabetical."""
    return tuple(Tally(k, n) for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _sentence_bounds(analysis: Analysis, pos: int) -> tuple[int, int]:
    """The sentence containing ``pos``: from ``analysis.sentences``, else by punctuation."""
    for s in analysis.sentences:
        if s.start <= pos < s.end:
            return s.start, s.end
    text = analysis.article.text
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    m = _SENTENCE_END.search(text, pos)
    end = m.start() + 1 if m else len(text)
    return start, min(end, len(text))


def _article_labels(analyses: Sequence[Analysis]) -> list[str]:
    """A short distinct column label per article: outlet, else title, else the source's
    file name (``…/seeds/003.txt`` -> ``003.txt``), else id."""
    base = [
        a.article.outlet
        or a.article.title
        or a.article.source.rstrip("/").rsplit("/", 1)[-1]
        or a.article.id
        for a in analyses
    ]
    base = [b if len(b) <= 40 else b[:39] + "…" for b in base]
    counts = Counter(base)
    seen: Counter[str] = Counter()
    labels = []
    for b in base:
        seen[b] += 1
        labels.append(f"{b} ({seen[b]})" if counts[b] > 1 else b)
    return labels


# --------------------------------------------------------------------------- concepts


def _concept_role_rows() -> list[tuple[str, str, str]]:
    """The rows of data/compare_concepts.tsv as (word, role, argument)."""
    rows = []
    for line in settings.data_path("compare_concepts.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        rows.append((cols[0].strip().lower(), cols[1].strip(),
                     cols[2].strip() if len(cols) > 2 else ""))
    return rows


@lru_cache(maxsize=1)
def _concept_words() -> dict[str, tuple[str, str]]:
    """The word roles of data/compare_concepts.tsv used for heads: word -> (role, argument).

    Rows of the ``syn`` and ``pred`` roles (synonym and predicate groups) are not included.
    """
    return {w: (r, arg) for w, r, arg in _concept_role_rows() if r not in ("syn", "pred")}


def singular(word: str) -> str:
    """A crude singular of an English noun ("officers" -> "officer", "lorries" -> "lorry")."""
    role = _concept_words().get(word)
    if role and role[0] == "plural":
        return role[1]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def concept_head(concept: str | None, change: bool = False) -> str | None:
    """The head noun (singular, lower case) of a figure's concept, or None.

    "frontline officers" -> "officer"; "people injured" -> "person"; "number of homes
    evacuated" -> "home"; "firefighters at the scene" -> "firefighter".  For a figure that
    is a ``change``, a change noun after another noun gives way to it: "crippling fare
    hike" -> "fare" (but the money a fare rise raised stays "rise").
    """
    if not concept:
        return None
    roles = _concept_words()
    words = _words(concept)
    for i, w in enumerate(words[:-2]):
        if roles.get(w, ("",))[0] == "container" and words[i + 1] == "of":
            words = words[i + 2 :]
            break
    kept: list[str] = []
    for w in words:
        role = roles.get(w, ("",))[0]
        if role == "cut" and kept:
            break
        if role in ("skip", "cut") or w.isdigit():
            continue
        kept.append(w)
    if not kept:
        return None
    nouns = [w for w in kept if not _participle(w)] or kept
    if change and len(nouns) > 1 and _role_map("syn").get(singular(nouns[-1])) in _change_groups():
        nouns = nouns[:-1]  # "fare hike" is a change of fares: its head is "fare"
    return singular(nouns[-1])


@lru_cache(maxsize=4)
def _role_map(role: str) -> dict[str, str]:
    """word -> argument for every row of ``role`` in data/compare_concepts.tsv."""
    return {w: arg for w, r, arg in _concept_role_rows() if r == role}


def concept_words(concept: str | None) -> frozenset[str]:
    """The content words of a concept, singular, each replaced by its synonym group.

    Skip/cut/container words and numbers are left out; "Single bus and tram fares" ->
    {"single", "bus", "tram", "fare"} with "fare" standing for the fare/ticket/price group.
    """
    if not concept:
        return frozenset()
    roles, syn = _concept_words(), _role_map("syn")
    out = set()
    for w in _words(concept):
        if w in roles and roles[w][0] != "plural" or w.isdigit() or len(w) < 3:
            continue
        s = singular(w)
        out.add(syn.get(w, syn.get(s, s)))
    return frozenset(out)


@lru_cache(maxsize=1)
def _clause_breaks() -> re.Pattern[str]:
    """Characters and words that end a clause around a figure (see [compare] settings)."""
    return re.compile(str(settings.get("compare", "figure_clause_breaks")))


def figure_predicate(text: str, start: int, end: int, s_start: int, s_end: int) -> str | None:
    """The predicate group of the figure at ``[start, end)``: the nearest word of its clause
    listed with role ``pred`` in data/compare_concepts.tsv ("treated" -> "treat"), or None.

    The clause is the stretch of the sentence ``[s_start, s_end)`` between the nearest
    clause breaks (commas, semicolons, "although", ...) on either side of the figure.
    """
    breaks = _clause_breaks()
    left = s_start
    for m in breaks.finditer(text, s_start, start):
        left = m.end()
    m = breaks.search(text, end, s_end)
    right = m.start() if m else s_end
    preds = _role_map("pred")
    best: tuple[int, str] | None = None
    for w in _WORD.finditer(text, left, right):
        if start <= w.start() < end:
            continue
        group = preds.get(w.group().lower())
        if group is None:
            continue
        dist = start - w.end() if w.end() <= start else w.start() - end
        if best is None or dist < best[0]:
            best = (dist, group)
    return best[1] if best else None


def _change_groups() -> frozenset[str]:
    """Synonym groups that name a rise or fall (``[compare] figure_change_groups``)."""
    return frozenset(str(settings.get("compare", "figure_change_groups")).split(","))


def _participle(word: str) -> bool:
    """Whether a concept word looks like a participle ("injured", "missing"; not "feed")."""
    return word.endswith("ing") or (word.endswith("ed") and not word.endswith("eed"))


def _unit_key(unit: str | None) -> str:
    """A figure's unit for alignment: lower case, "count" when none is given."""
    return (unit or "").strip().lower() or "count"


# --------------------------------------------------------------------------- figures


def _interval(f: FigureMention) -> tuple[float, float] | None:
    """The numeric interval a figure asserts, or None if it has no number."""
    lo = f.value if f.value is not None else (f.low if f.low is not None else f.high)
    hi = f.value if f.value is not None else (f.high if f.high is not None else f.low)
    if lo is None or hi is None:
        return None
    return (min(lo, hi), max(lo, hi))


def _close(a: tuple[float, float], b: tuple[float, float], tol: float) -> bool:
    """Whether two intervals overlap or lie within ``tol`` of the larger magnitude."""
    gap = max(a[0], b[0]) - min(a[1], b[1])
    scale = max(abs(a[0]), abs(a[1]), abs(b[0]), abs(b[1]))
    return gap <= tol * scale + 1e-12


def _tolerance(f: FigureMention) -> float:
    """The relative tolerance for comparing ``f``: wider if it is approximate."""
    if f.change in APPROX_CHANGES:
        return float(settings.get("compare", "figure_approx_rel_tolerance"))
    return float(settings.get("compare", "figure_rel_tolerance"))


def _figure_time(analysis: Analysis, fig: Figure) -> str | None:
    """The period of ``fig``: the nearest period-like date in its sentence, or None.

    Only dates of the granularities in ``figure_time_granularities`` count ("in 2023",
    "last month"); a day usually dates the event rather than the figure.
    """
    grans = set(str(settings.get("compare", "figure_time_granularities")).split(","))
    s_start, s_end = _sentence_bounds(analysis, fig.start)
    dated = [d for d in analysis.dates
             if d.value and d.granularity in grans and s_start <= d.start < s_end]
    if not dated:
        return None
    return min(dated, key=lambda d: abs(d.start - fig.start)).value


def _cluster_values(mentions: list[FigureMention]) -> list[list[FigureMention]]:
    """Mentions grouped into readings of close values (single link over sorted intervals).

    Mentions without a number each form their own reading, after the numeric ones.
    """
    numeric = sorted((m for m in mentions if _interval(m)), key=lambda m: _interval(m) or (0, 0))
    clusters: list[list[FigureMention]] = []
    span: tuple[float, float] | None = None
    for m in numeric:
        iv = _interval(m)
        assert iv is not None
        tol = max([_tolerance(m)] + ([_tolerance(c) for c in clusters[-1]] if clusters else []))
        if span is not None and _close(span, iv, tol):
            clusters[-1].append(m)
            span = (min(span[0], iv[0]), max(span[1], iv[1]))
        else:
            clusters.append([m])
            span = iv
    clusters.extend([m] for m in mentions if _interval(m) is None)
    return clusters


def _reading(mentions: list[FigureMention]) -> Reading:
    """A reading of a cluster of mentions: its value range, label and articles."""
    ivs = [iv for iv in (_interval(m) for m in mentions) if iv]
    texts = list(dict.fromkeys(m.evidence.text.strip() for m in mentions))
    return Reading(
        low=min(iv[0] for iv in ivs) if ivs else None,
        high=max(iv[1] for iv in ivs) if ivs else None,
        label=" / ".join(texts),
        article_ids=tuple(dict.fromkeys(m.evidence.article_id for m in mentions)),
        mentions=tuple(mentions),
    )


def _status(article_ids: tuple[str, ...], readings: list[Reading]) -> FigureStatus:
    """``only`` for one article, ``agree`` if one reading is given by all, else ``conflict``."""
    if len(article_ids) < 2:
        return "only"
    if any(set(r.article_ids) == set(article_ids) for r in readings):
        return "agree"
    return "conflict"


def _mentions(analysis: Analysis) -> list[FigureMention]:
    """Every figure of ``analysis`` as a mention with evidence, date and predicate."""
    text = analysis.article.text
    out = []
    for f in analysis.figures:
        s_start, s_end = _sentence_bounds(analysis, f.start)
        out.append(
            FigureMention(
                evidence=_evidence(analysis, f.start, f.end),
                value=f.value,
                low=f.low,
                high=f.high,
                unit=f.unit,
                change=f.change,
                concept=f.concept,
                time=_figure_time(analysis, f),
                predicate=figure_predicate(text, f.start, f.end, s_start, s_end),
            )
        )
    return out


def _published_day(analysis: Analysis) -> date | None:
    """The day an article was published, or None if unknown or unreadable."""
    try:
        return date.fromisoformat((analysis.article.published or "")[:10])
    except ValueError:
        return None


def publication_epochs(analyses: Sequence[Analysis]) -> dict[str, tuple[int, str | None]]:
    """article id -> (epoch, first day of the epoch): articles published close together.

    Dated articles are chained in date order; a gap of more than ``figure_max_days_apart``
    days starts a new epoch.  Undated articles share epoch 0 when there is at most one
    dated epoch, else form their own epoch -1 (they are then compared with nobody dated).
    """
    max_days = int(settings.get("compare", "figure_max_days_apart"))
    dated = sorted((d, a.article.id) for a in analyses if (d := _published_day(a)) is not None)
    out: dict[str, tuple[int, str | None]] = {}
    epoch, first, prev = 0, None, None
    for day, aid in dated:
        if prev is not None and (day - prev).days > max_days:
            epoch, first = epoch + 1, None
        first = first or day.isoformat()
        out[aid] = (epoch, first)
        prev = day
    undated = -1 if epoch > 0 else 0
    for a in analyses:
        out.setdefault(a.article.id, (undated, None))
    return out


@dataclass(frozen=True, slots=True)
class _Fig:
    """A figure mention with the features alignment compares."""

    mention: FigureMention
    unit: str
    kind: str
    head: str | None
    words: frozenset[str]
    epoch: int


def _kind(m: FigureMention, words: frozenset[str]) -> str:
    """"change" for a rise/fall: its change marker, or a percentage whose concept has a
    rise/fall word ("an 8 per cent fare rise"); else "level"."""
    pct = _unit_key(m.unit) == "%"
    return "change" if m.change in DELTA_CHANGES or (pct and words & _change_groups()) else "level"


def _times_compatible(a: FigureMention, b: FigureMention) -> bool:
    """Whether two figures may be of one period: equal explicit periods or one lacks one."""
    return a.time is None or b.time is None or a.time == b.time


def _link(a: _Fig, b: _Fig) -> str | None:
    """Why two concept-bearing figures are the same quantity, or None if they may not be.

    Both need the same unit, level/change, publication epoch, compatible periods and no
    clearly different predicates ("treated" vs "evacuated").  Then either the same head noun
    (values may differ: a possible conflict) or, for an identical value, a shared content
    word or synonym group of their concepts, or a distinctive value (:func:`is_rare_value`).
    """
    ma, mb = a.mention, b.mention
    if (a.unit, a.kind, a.epoch) != (b.unit, b.kind, b.epoch) or not _times_compatible(ma, mb):
        return None
    if ma.predicate and mb.predicate and ma.predicate != mb.predicate:
        return None
    if a.head is not None and a.head == b.head:
        return "head"
    shared = a.words & b.words
    same = _interval(ma) is not None and _interval(ma) == _interval(mb)
    if shared and same:
        return "same value " + ma.evidence.text.strip() + "; shared concept word/synonym " + (
            ", ".join(f"'{w}'" for w in sorted(shared)))
    low, high = _interval(ma) or (None, None)
    # one article giving one value for two concepts means two things
    apart = ma.evidence.article_id != mb.evidence.article_id
    if same and apart and low == high and low is not None and is_rare_value(low):
        return f"same distinctive value {ma.evidence.text.strip()} and unit"
    return None


class _Union:
    """A small union-find over indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """The root of ``i``."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        """Join the sets of ``i`` and ``j``."""
        self.parent[self.find(j)] = self.find(i)


def _components(figs: list[_Fig]) -> list[tuple[list[_Fig], list[str]]]:
    """Figures linked into groups, each with the reasons of its links.

    Concept-bearing figures are linked pairwise by :func:`_link`.  A figure without a
    concept joins the one group giving exactly its value and unit (same epoch, compatible
    period and predicate); else it groups only with concept-less figures of that value.
    """
    uf = _Union(len(figs))
    reasons: dict[int, list[str]] = defaultdict(list)
    with_concept = [i for i, f in enumerate(figs) if f.mention.concept is not None]
    buckets: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    for i in with_concept:
        buckets[(figs[i].unit, figs[i].kind, figs[i].epoch)].append(i)
    pending: list[tuple[int, int, str]] = []
    for idx in buckets.values():
        for x, i in enumerate(idx):
            for j in idx[x + 1 :]:
                why = _link(figs[i], figs[j])
                if why:
                    uf.union(i, j)
                    if why != "head":
                        pending.append((i, j, why))
    loose: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for i, f in enumerate(figs):
        if f.mention.concept is None:
            loose[(_interval(f.mention), f.unit, f.kind, f.epoch)].append(i)
    for (iv, unit, kind, epoch), idx in loose.items():
        for i, j in zip(idx, idx[1:], strict=False):
            uf.union(i, j)
        cands = [k for k in with_concept
                 if (_interval(figs[k].mention), figs[k].unit, figs[k].kind, figs[k].epoch)
                 == (iv, unit, kind, epoch)
                 and all(_times_compatible(figs[k].mention, figs[i].mention)
                         and _predicates_compatible(figs[k].mention, figs[i].mention)
                         for i in idx)]
        roots = {uf.find(k) for k in cands}
        if iv is None or len(roots) != 1:
            continue
        basis = _join_basis(iv, [figs[i] for i in idx], [figs[k] for k in cands])
        if basis:
            root = roots.pop()
            uf.union(root, idx[0])
            pending.append((root, idx[0], "same exact value "
                            f"{figs[idx[0]].mention.evidence.text.strip()} and unit, "
                            f"no concept given ({basis})"))
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(figs)):
        members[uf.find(i)].append(i)
    for i, _, why in pending:
        reasons[uf.find(i)].append(why)
    return [([figs[i] for i in idx], list(dict.fromkeys(reasons[root])))
            for root, idx in members.items()]


def is_rare_value(value: float) -> bool:
    """Whether a number is distinctive enough that two outlets giving it exactly are
    likely reporting one fact: at least ``figure_rare_min_digits`` significant digits and
    at least ``figure_rare_min_value`` in size (1,500 or 4.2 million; not 40 million or 12).
    """
    if not math.isfinite(value) or value == 0:
        return False
    digits = len(Decimal(repr(abs(value))).normalize().as_tuple().digits)
    return (digits >= int(settings.get("compare", "figure_rare_min_digits"))
            and abs(value) >= float(settings.get("compare", "figure_rare_min_value")))


def _join_basis(iv: tuple[float, float], loose: list[_Fig], cands: list[_Fig]) -> str | None:
    """Why concept-less figures may join the one group with their exact value, or None.

    They may when the value is rare (:func:`is_rare_value`) or when every one of them
    repeats a value its own article gives with a concept (a headline restating the body).
    """
    if iv[0] == iv[1] and is_rare_value(iv[0]):
        return "rare value"
    own = {f.mention.evidence.article_id for f in cands}
    if all(f.mention.evidence.article_id in own for f in loose):
        return "the same article gives it with a concept"
    return None


def _predicates_compatible(a: FigureMention, b: FigureMention) -> bool:
    """False when both figures have a predicate and they differ."""
    return not (a.predicate and b.predicate and a.predicate != b.predicate)


def _split_times(figs: list[_Fig]) -> list[tuple[str | None, list[_Fig]]]:
    """A group split by explicit period when it holds several; undated ones apart."""
    times = sorted({f.mention.time for f in figs if f.mention.time})
    if len(times) <= 1:
        return [(times[0] if times else None, figs)]
    out: dict[str | None, list[_Fig]] = {}
    for f in figs:
        out.setdefault(f.mention.time, []).append(f)
    return list(out.items())


def _why(head: str | None, unit: str, kind: str, time: str | None, concepts: list[str],
         extra: Sequence[str] = ()) -> str:
    """The explanation of why figures were grouped."""
    if head is None:
        parts = [f"same value and unit '{unit}' (no concept given)"]
    else:
        parts = [f"head noun '{head}'", f"unit '{unit}'"]
        if kind == "change":
            parts.append("both changes (rise/fall), not levels")
    if time:
        parts.append(f"date {time} in the same sentence")
    why = " + ".join(parts)
    if extra:
        why += "; " + "; ".join(extra)
    if concepts:
        why += "; concepts: " + ", ".join(f"'{c}'" for c in concepts)
    return why


def _group(figs: list[_Fig], time: str | None, reasons: list[str],
           order: dict[str, int], epoch_note: str | None) -> FigureGroup:
    """One figure group from linked figures (readings clustered by value)."""
    part = [f.mention for f in figs]
    readings = [_reading(c) for c in _cluster_values(part)]
    ids = tuple(sorted({m.evidence.article_id for m in part}, key=order.__getitem__))
    concepts = list(dict.fromkeys(m.concept for m in part if m.concept))
    concept = Counter(m.concept for m in part if m.concept).most_common(1)
    head = Counter(f.head for f in figs if f.head).most_common(1)
    preds = sorted({m.predicate for m in part if m.predicate})
    extra = list(reasons)
    if preds:
        extra.append("predicate " + "/".join(f"'{p}'" for p in preds))
    if epoch_note:
        extra.append(epoch_note)
    return FigureGroup(
        id="",
        status=_status(ids, readings),
        concept=concept[0][0] if concept else None,
        head=head[0][0] if head else None,
        unit=figs[0].unit,
        kind=figs[0].kind,
        time=time,
        why=_why(head[0][0] if head else None, figs[0].unit, figs[0].kind, time, concepts,
                 extra),
        article_ids=ids,
        readings=tuple(readings),
    )


def align_figures(analyses: Sequence[Analysis]) -> tuple[FigureGroup, ...]:
    """Figure groups across ``analyses``: conflicts first, then agreements, then only-ins.

    Figures are linked (see :func:`_link`) when they have the same unit, level/change,
    publication epoch (:func:`publication_epochs`), compatible explicit period and no
    clearly different predicate (:func:`figure_predicate`), and either the same concept
    head noun (:func:`concept_head`) or an identical value with a shared concept word or
    synonym (:func:`concept_words`).  A figure without a concept joins the single group
    with its exact value and unit.  Bare numbers (no concept, no unit) are left out.
    """
    order = {a.article.id: i for i, a in enumerate(analyses)}
    epochs = publication_epochs(analyses)
    several = len({e for e, _ in epochs.values()}) > 1
    figs = []
    for a in analyses:
        for m in _mentions(a):
            if m.concept is None and m.unit is None:
                continue  # a bare number: nothing to align it on
            words = concept_words(m.concept)
            kind = _kind(m, words)
            figs.append(_Fig(m, _unit_key(m.unit), kind,
                             concept_head(m.concept, kind == "change"), words,
                             epochs[a.article.id][0]))
    max_days = int(settings.get("compare", "figure_max_days_apart"))
    groups: list[FigureGroup] = []
    for component, reasons in _components(figs):
        first = epochs[component[0].mention.evidence.article_id][1]
        note = (f"published from {first or 'an unknown date'} (articles more than {max_days} "
                "days apart are never compared)") if several else None
        for time, part in _split_times(component):
            if any(f.head for f in part) or len({_interval(f.mention) for f in part}) == 1:
                groups.append(_group(part, time, reasons, order, note))
                continue
            for values in _cluster_values([f.mention for f in part]):
                sub = [f for f in part if f.mention in values]
                groups.append(_group(sub, time, reasons, order, note))
    rank = {"conflict": 0, "agree": 1, "only": 2}
    groups.sort(
        key=lambda g: (
            rank[g.status],
            -len(g.article_ids),
            g.concept is None,
            order[g.article_ids[0]],
            min(m.evidence.start for r in g.readings for m in r.mentions),
        )
    )
    return tuple(_with_id(g, f"fig-{i}") for i, g in enumerate(groups))


def figure_trends(
    analyses: Sequence[Analysis], groups: Sequence[FigureGroup]
) -> tuple[FigureTrend, ...]:
    """Figure groups of one quantity at different times, in time order (see FigureTrend).

    Groups with a head noun are keyed by (head, unit, level/change); a key held by groups
    of at least two different times (explicit period, else publication day of the group's
    articles) is a trend.  Groups whose time is unknown (undated articles, no period) are
    left out.
    """
    epochs = publication_epochs(analyses)
    tolerance = float(settings.get("compare", "figure_rel_tolerance"))
    by_key: dict[tuple[str, str, str], list[TrendStep]] = defaultdict(list)
    for g in groups:
        first = epochs[g.article_ids[0]][1]
        when, dated_by = (g.time, "period") if g.time else (first, "published")
        if g.head is None or when is None:
            continue
        lows = [r.low for r in g.readings if r.low is not None]
        highs = [r.high for r in g.readings if r.high is not None]
        by_key[(g.head, g.unit, g.kind)].append(TrendStep(
            when=when, dated_by=dated_by, group_id=g.id,
            low=min(lows) if lows else None, high=max(highs) if highs else None,
            label=" / ".join(r.label for r in g.readings), article_ids=g.article_ids,
            agreed=g.status != "conflict"))
    trends = []
    for (head, unit, kind), steps in by_key.items():
        whens = {s.when for s in steps}
        if not any(not a.startswith(b) and not b.startswith(a) for a in whens for b in whens):
            continue  # one time only ("2023" and "2023-04" overlap)
        steps.sort(key=lambda s: (s.when, s.group_id))
        disputed = not all(s.agreed for s in steps)
        direction = "disputed" if disputed else _direction(steps, tolerance)
        why = (f"head noun '{head}', unit '{unit}'" + (", changes" if kind == "change" else "")
               + f"; {len(steps)} figure rows from {steps[0].when} to {steps[-1].when}")
        trends.append(FigureTrend("", head, unit, kind, direction, why, tuple(steps)))
    trends.sort(key=lambda t: (t.direction == "same", t.steps[0].when, t.head))
    return tuple(FigureTrend(f"trend-{i}", t.head, t.unit, t.kind, t.direction, t.why, t.steps)
                 for i, t in enumerate(trends))


def _direction(steps: Sequence[TrendStep], tolerance: float) -> TrendDirection:
    """Whether the midpoints of ``steps`` rise, fall, stay within ``tolerance`` or do both."""
    mids = [(s.low + s.high) / 2 for s in steps if s.low is not None and s.high is not None]
    moves = set()
    for a, b in zip(mids, mids[1:], strict=False):
        if abs(b - a) > tolerance * max(abs(a), abs(b)):
            moves.add("up" if b > a else "down")
    if not moves:
        return "same"
    return moves.pop() if len(moves) == 1 else "mixed"


def _with_id(group: FigureGroup, new_id: str) -> FigureGroup:
    """``group`` with its id set."""
    fields = {k: getattr(group, k) for k in FigureGroup.__dataclass_fields__}
    fields["id"] = new_id
    return FigureGroup(**fields)


# --------------------------------------------------------------------------- names


@lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    """Titles stripped before matching names (data/honorifics.txt)."""
    text = settings.data_path("honorifics.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower().rstrip(".") for line in text.splitlines() if line.strip()
        and not line.startswith("#")
    )


def name_tokens(name: str) -> tuple[str, ...]:
    """A name's lower-cased word tokens without leading titles, a possessive 's or an
    affiliation after a full name ("Marcus Bell of Fair Fares" -> marcus, bell; "Bank of
    England" keeps its "of": one word before it is not a full name)."""
    words = [w for w in _words(name) if w not in ("'s", "’s")]
    words = [re.sub(r"['’]s$", "", w) for w in words]
    cut = next((i for i, w in enumerate(words) if i >= 2 and w in ("of", "from", "at")), None)
    if cut is not None:
        words = words[:cut]
    titles = _honorifics()
    while len(words) > 1 and words[0] in titles:
        words = words[1:]
    while len(words) > 2 and " ".join(words[:2]) in titles:
        words = words[2:]
    return tuple(words)


def _given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two multi-word names with the same surname may be one person."""
    fa, fb = a[0], b[0]
    return fa == fb or (len(fa) == 1 and fb.startswith(fa)) or (len(fb) == 1 and fa.startswith(fb))


def cluster_names(names: Iterable[str]) -> tuple[dict[str, int], dict[str, str]]:
    """Names grouped as one referent: ``(cluster index per name, why per name)``.

    Names match when equal after lower-casing and dropping titles; "S Khan" matches
    "Sadiq Khan"; a lone surname ("Khan") joins the one full name it can belong to, and
    stays apart when it could belong to several (it is then ambiguous).
    """
    names = list(dict.fromkeys(names))
    parent = {n: n for n in names}
    why: dict[str, str] = {}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    toks = {n: name_tokens(n) or (n.lower(),) for n in names}
    by_tokens: dict[tuple[str, ...], str] = {}
    for n in names:
        first = by_tokens.setdefault(toks[n], n)
        if first != n:
            parent[find(n)] = find(first)
            why[n] = f"'{n}' = '{first}' (case and titles ignored)"
    multi = [n for n in names if len(toks[n]) > 1]
    for i, a in enumerate(multi):
        for b in multi[i + 1 :]:
            ta, tb = toks[a], toks[b]
            if ta[-1] == tb[-1] and ta != tb and _given_compatible(ta, tb):
                parent[find(b)] = find(a)
                why[b] = f"'{b}' ~ '{a}' (same surname, compatible given name)"
    for n in names:
        if len(toks[n]) != 1 or not n.strip()[:1].isupper():
            continue
        roots = {find(m) for m in multi if toks[m][-1] == toks[n][0]}
        if len(roots) == 1:
            root = roots.pop()
            parent[find(n)] = root
            why[n] = f"'{n}' matched to '{root}' by surname"
        elif len(roots) > 1:
            why[n] = f"'{n}' left apart: surname of several people"
    index: dict[str, int] = {}
    out: dict[str, int] = {}
    for n in names:
        out[n] = index.setdefault(find(n), len(index))
    return out, why


def _display_name(names: Iterable[str]) -> str:
    """The fullest form of a name: most words, then longest, then first seen."""
    names = list(names)
    return max(names, key=lambda n: (len(name_tokens(n)), len(n), -names.index(n)))


# --------------------------------------------------------------------------- quotes


@lru_cache(maxsize=1)
def _pronouns() -> frozenset[str]:
    """Pronouns (data/quotes_pronouns.tsv): an unresolved "he" names nobody."""
    try:
        text = settings.data_path("quotes_pronouns.tsv").read_text("utf-8")
    except OSError:
        return frozenset()
    words = (line.split("\t")[0].strip().lower() for line in text.splitlines()
             if line.strip() and not line.startswith("#"))
    return frozenset(w for w in words if w and w != "pronoun" and ":" not in w)


def speaker_name(q: Quote) -> str | None:
    """The quote's speaker name, or None if it has none or it is a bare pronoun."""
    if q.speaker is None:
        return None
    name = q.speaker.name.strip()
    return name if name and name.lower() not in _pronouns() else None


def _speech(analysis: Analysis) -> list[Quote]:
    """The article's quotes that are someone's words (no scare quotes)."""
    return [q for q in analysis.quotes if q.kind in SPEECH_KINDS]


def _quote_words(analysis: Analysis, q: Quote) -> int:
    """How many words a quote contains."""
    return len(_words(analysis.article.text[q.start : q.end]))


def compare_speakers(analyses: Sequence[Analysis]) -> tuple[SpeakerRow, ...]:
    """One row per speaker quoted anywhere in the set, most-quoting-outlets first."""
    order = {a.article.id: i for i, a in enumerate(analyses)}
    spoken = [(a, q, name) for a in analyses for q in _speech(a)
              if (name := speaker_name(q)) is not None]
    clusters, why = cluster_names(name for _, _, name in spoken)
    members: dict[int, list[tuple[Analysis, Quote, str]]] = defaultdict(list)
    for a, q, name in spoken:
        members[clusters[name]].append((a, q, name))
    rows = []
    for triples in members.values():
        names = list(dict.fromkeys(name for _, _, name in triples))
        items = [(a, q) for a, q, _ in triples]
        cells = []
        by_article: dict[str, list[tuple[Analysis, Quote]]] = defaultdict(list)
        for a, q in items:
            by_article[a.article.id].append((a, q))
        for aid in sorted(by_article, key=order.__getitem__):
            pairs = by_article[aid]
            cells.append(
                SpeakerCell(
                    article_id=aid,
                    quotes=len(pairs),
                    words=sum(_quote_words(a, q) for a, q in pairs),
                    stances=_tallies(Counter(q.cue.stance for _, q in pairs if q.cue)),
                    kinds=_tallies(Counter(q.kind for _, q in pairs)),
                    evidence=tuple(_evidence(a, q.start, q.end) for a, q in pairs),
                )
            )
        reasons = [why[n] for n in names if n in why]
        rows.append(
            SpeakerRow(
                id="",
                name=_display_name(names),
                aliases=tuple(names),
                why="; ".join(reasons) if reasons else "same name",
                article_ids=tuple(c.article_id for c in cells),
                cells=tuple(cells),
            )
        )
    rows.sort(key=lambda r: (-len(r.cells), -sum(c.words for c in r.cells), r.name.lower()))
    return tuple(
        SpeakerRow(f"spk-{i}", r.name, r.aliases, r.why, r.article_ids, r.cells)
        for i, r in enumerate(rows)
    )


def quote_stats(analysis: Analysis) -> QuoteStats:
    """Quote totals of one article."""
    speech = _speech(analysis)
    names = [speaker_name(q) for q in speech]
    return QuoteStats(
        article_id=analysis.article.id,
        quotes=len(speech),
        words=sum(_quote_words(analysis, q) for q in speech),
        speakers=len({n.lower() for n in names if n}),
        unattributed=sum(1 for n in names if n is None),
        scare=sum(1 for q in analysis.quotes if q.kind == "scare"),
    )


def quote_similarity(a: str, b: str) -> tuple[float, str]:
    """How alike two quotes' words are: ``(score, method)``.

    ``jaccard`` is |A & B| / |A | B| over the word sets.  When that misses the
    ``quote_jaccard`` threshold but the shorter quote (of at least ``quote_min_words``
    words) lies mostly inside the longer one, |A & B| / min(|A|, |B|) is returned as
    ``containment`` (judged against ``quote_containment``): a partial quote of a longer one.
    """
    return _set_similarity(frozenset(_words(a)), frozenset(_words(b)), _quote_thresholds())


def _quote_thresholds() -> tuple[int, float, float]:
    """(quote_min_words, quote_jaccard, quote_containment) from the settings."""
    return (int(settings.get("compare", "quote_min_words")),
            float(settings.get("compare", "quote_jaccard")),
            float(settings.get("compare", "quote_containment")))


def _set_similarity(
    wa: frozenset[str], wb: frozenset[str], thresholds: tuple[int, float, float]
) -> tuple[float, str]:
    """:func:`quote_similarity` on word sets already computed: ``(score, method)``."""
    if not wa or not wb:
        return 0.0, "jaccard"
    inter = len(wa & wb)
    jac = inter / len(wa | wb)
    min_words, jt, ct = thresholds
    if min(len(wa), len(wb)) < min_words:
        return jac, "jaccard"
    cont = inter / min(len(wa), len(wb))
    if jac < jt and cont >= ct:
        return cont, "containment"
    return jac, "jaccard"


def _passes(score: float, method: str) -> bool:
    """Whether a similarity passes its rule's threshold."""
    key = "quote_containment" if method == "containment" else "quote_jaccard"
    return score >= float(settings.get("compare", key))


def shared_quotes(
    analyses: Sequence[Analysis], speakers: Sequence[SpeakerRow] = ()
) -> tuple[SharedQuote, ...]:
    """Quotes whose words recur in several outlets, linked pairwise across articles."""
    spk_of = {
        (e.article_id, e.start, e.end): row.name
        for row in speakers
        for cell in row.cells
        for e in cell.evidence
    }
    items = [(a, q) for a in analyses for q in _speech(a)]
    word_sets = [frozenset(_words(a.article.text[q.start : q.end])) for a, q in items]
    thresholds = _quote_thresholds()
    parent = list(range(len(items)))
    links: dict[int, list[tuple[float, str]]] = defaultdict(list)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if items[i][0].article.id == items[j][0].article.id:
                continue
            score, method = _set_similarity(word_sets[i], word_sets[j], thresholds)
            if _passes(score, method):
                ri, rj = find(i), find(j)
                parent[rj] = ri
                links[ri].extend(links.pop(rj, []) if rj != ri else [])
                links[ri].append((score, method))
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[find(i)].append(i)
    out = []
    for root, idx in groups.items():
        ids = tuple(dict.fromkeys(items[i][0].article.id for i in idx))
        if len(ids) < 2:
            continue
        weakest = min(links[root], key=lambda sm: sm[0])
        mentions = []
        for i in idx:
            a, q = items[i]
            ev = _evidence(a, q.start, q.end)
            mentions.append(
                QuoteMention(
                    evidence=ev,
                    speaker=spk_of.get((ev.article_id, ev.start, ev.end)),
                    cue=q.cue.text if q.cue else None,
                    stance=q.cue.stance if q.cue else None,
                    kind=q.kind,
                )
            )
        out.append(
            SharedQuote(
                id="",
                score=round(weakest[0], 3),
                why=f"word overlap ({weakest[1]}) >= threshold; weakest link {weakest[0]:.2f}",
                article_ids=ids,
                mentions=tuple(mentions),
            )
        )
    out.sort(key=lambda s: (-len(s.article_ids), -s.score))
    return tuple(SharedQuote(f"sq-{i}", s.score, s.why, s.article_ids, s.mentions)
                 for i, s in enumerate(out))


# --------------------------------------------------------------------------- framing


def framing_profile(analysis: Analysis) -> FramingProfile:
    """Loaded-sentence share, signal counts, top loaded words and the most loaded sentences."""
    threshold = float(settings.get("framing", "loaded_threshold"))
    top_n = int(settings.get("compare", "top_loaded_words"))
    sents = analysis.sentences
    loaded = sorted((s for s in sents if s.loaded >= threshold), key=lambda s: -s.loaded)
    signals = Counter(g.kind for s in sents for g in s.signals)
    words = Counter(
        analysis.article.text[g.start : g.end].strip().lower()
        for s in sents
        for g in s.signals
        if g.kind in LOADED_SIGNAL_KINDS
    )
    words.pop("", None)
    return FramingProfile(
        article_id=analysis.article.id,
        sentences=len(sents),
        loaded_sentences=len(loaded),
        loaded_share=round(len(loaded) / len(sents), 3) if sents else 0.0,
        mean_loaded=round(sum(s.loaded for s in sents) / len(sents), 3) if sents else 0.0,
        scare_quotes=sum(1 for q in analysis.quotes if q.kind == "scare"),
        signals=_tallies(signals),
        top_words=_tallies(words)[:top_n],
        most_loaded=tuple(
            LoadedSentence(_evidence(analysis, s.start, s.end), round(s.loaded, 3))
            for s in loaded[:3]
        ),
    )


# --------------------------------------------------------------------------- omissions


def omission_min_articles(n: int) -> int:
    """How many of ``n`` articles must report something for its absence to count."""
    return max(2, math.ceil(n / 2))


def _entity_index(analyses: Sequence[Analysis]) -> dict[str, dict[str, list[Evidence]]]:
    """Entity display name -> article id -> evidence of its mentions.

    Names match case-insensitively whatever their label (outlets' texts often get different
    labels for one name); people's names are clustered first, so "Khan" joins "Ravi Khan".
    """
    skip = {s.strip() for s in str(settings.get("compare", "omission_skip_labels")).split(",")}
    ents = [(a, e) for a in analyses for e in a.entities if e.label not in skip and e.name.strip()]
    people = [e.name.strip() for _, e in ents if e.label in PERSON_LABELS]
    clusters, _ = cluster_names(people)
    fullest: dict[int, list[str]] = defaultdict(list)
    for name in people:
        fullest[clusters[name]].append(name)

    def key(label: str, name: str) -> str:
        if label in PERSON_LABELS:
            return _display_name(fullest[clusters[name]]).lower()
        return name.lower()

    names: dict[str, list[str]] = defaultdict(list)
    per: dict[str, dict[str, list[Evidence]]] = defaultdict(lambda: defaultdict(list))
    for a, e in ents:
        k = key(e.label, e.name.strip())
        names[k].append(e.name.strip())
        per[k][a.article.id].append(_evidence(a, e.start, e.end))
    return {_display_name(names[k]): found for k, found in per.items()}


def _omitted(
    present: dict[str, Any], all_ids: Sequence[str], need: int
) -> list[str]:
    """The article ids lacking an item present in ``present`` (if it passes the bar)."""
    if len(present) < need or len(present) >= len(all_ids):
        return []
    return [aid for aid in all_ids if aid not in present]


def find_omissions(
    analyses: Sequence[Analysis],
    figures: Sequence[FigureGroup],
    speakers: Sequence[SpeakerRow],
) -> tuple[Omission, ...]:
    """What at least half the set (and at least two articles) reports but an article lacks.

    Articles are only held against others published at about the same time (one publication
    epoch, :func:`publication_epochs`): a follow-up a year later does not "omit" the first
    reports' figures.
    """
    order = [a.article.id for a in analyses]
    epochs = publication_epochs(analyses)
    entity_index = _entity_index(analyses)
    texts = {a.article.id: a.article.text for a in analyses}
    out: list[Omission] = []
    for epoch in dict.fromkeys(epochs[aid][0] for aid in order):
        ids = [aid for aid in order if epochs[aid][0] == epoch]
        if len(ids) > 1:
            out.extend(_omissions_among(ids, texts, entity_index, figures, speakers))
    kind_rank = {"figure": 0, "speaker": 1, "entity": 2}
    out.sort(key=lambda o: (order.index(o.article_id), kind_rank[o.kind], -len(o.present_in)))
    return tuple(out)


def _omissions_among(
    ids: list[str],
    texts: dict[str, str],
    entity_index: dict[str, dict[str, list[Evidence]]],
    figures: Sequence[FigureGroup],
    speakers: Sequence[SpeakerRow],
) -> list[Omission]:
    """The omissions of :func:`find_omissions` within one publication epoch ``ids``.

    An entity counts as missing only if its name does not occur in the article's text at
    all (the entity recogniser misses names in some contexts: "the riders' group X")."""
    need = omission_min_articles(len(ids))
    members = set(ids)
    out: list[Omission] = []
    mentioned = {aid: {n.lower() for n, per in entity_index.items() if aid in per} for aid in ids}
    for name, everywhere in entity_index.items():
        per = {aid: evs for aid, evs in everywhere.items() if aid in members}
        named = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.I)
        for aid in _omitted(per, ids, need):
            if named.search(texts[aid]):
                continue
            out.append(Omission(aid, "entity", name, None, tuple(k for k in ids if k in per), "",
                                tuple(evs[0] for evs in per.values())))
    for g in figures:
        if g.concept is None or not members.issuperset(g.article_ids):
            continue
        per = {aid: [m.evidence for r in g.readings for m in r.mentions
                     if m.evidence.article_id == aid] for aid in g.article_ids}
        for aid in _omitted(per, ids, need):
            readings = "; ".join(r.label for r in g.readings)
            out.append(Omission(aid, "figure", f"{g.concept} ({readings})", g.id,
                                g.article_ids, f"status among the others: {g.status}",
                                tuple(evs[0] for evs in per.values())))
    quoted_gaps = set()
    for row in speakers:
        per = {c.article_id: c.evidence for c in row.cells if c.article_id in members}
        for aid in _omitted(per, ids, need):
            named = any(t in mentioned[aid] or t.lower() in _entity_surnames(mentioned[aid])
                        for t in (row.name, *row.aliases))
            note = "named but not quoted" if named else "not quoted"
            quoted_gaps.update((aid, n.lower()) for n in (row.name, *row.aliases))
            out.append(Omission(aid, "speaker", row.name, row.id, tuple(per), note,
                                tuple(evs[0] for evs in per.values())))
    return [o for o in out
            if o.kind != "entity" or (o.article_id, o.name.lower()) not in quoted_gaps]


def _entity_surnames(names: set[str]) -> set[str]:
    """The last words of a set of lower-cased names."""
    return {n.split()[-1] for n in names if n.split()}


# --------------------------------------------------------------------------- timeline


def merge_timeline(analyses: Sequence[Analysis]) -> tuple[TimelineEntry, ...]:
    """Every resolved date in the set, grouped by value, earliest first."""
    by_value: dict[str, list[TimelineMention]] = defaultdict(list)
    for a in analyses:
        for d in a.dates:
            if not d.value:
                continue
            s, e = _sentence_bounds(a, d.start)
            by_value[d.value].append(
                TimelineMention(_evidence(a, d.start, d.end), _evidence(a, s, e), d.granularity)
            )
    out = []
    for i, value in enumerate(sorted(by_value)):
        mentions = by_value[value]
        gran = Counter(m.granularity for m in mentions).most_common(1)[0][0]
        ids = tuple(dict.fromkeys(m.evidence.article_id for m in mentions))
        out.append(TimelineEntry(f"date-{i}", value, gran, ids, tuple(mentions)))
    return tuple(out)


# --------------------------------------------------------------------------- entry point


def _params(n: int) -> Params:
    """The current thresholds."""
    return Params(
        figure_rel_tolerance=float(settings.get("compare", "figure_rel_tolerance")),
        figure_approx_rel_tolerance=float(settings.get("compare", "figure_approx_rel_tolerance")),
        quote_jaccard=float(settings.get("compare", "quote_jaccard")),
        quote_containment=float(settings.get("compare", "quote_containment")),
        quote_min_words=int(settings.get("compare", "quote_min_words")),
        loaded_threshold=float(settings.get("framing", "loaded_threshold")),
        omission_min_articles=omission_min_articles(n),
    )


def compare(analyses: Sequence[Analysis]) -> Comparison:
    """The side-by-side comparison of ``analyses`` (a story or any chosen set).

    Raises :class:`~newsprism.errors.UsageError` if two analyses share an article id.
    """
    analyses = list(analyses)
    ids = [a.article.id for a in analyses]
    dupes = sorted(k for k, n in Counter(ids).items() if n > 1)
    if dupes:
        raise UsageError(f"compare: article id given more than once: {', '.join(dupes)}")
    refs = tuple(
        ArticleRef(a.article.id, label, a.article.outlet, a.article.title,
                   a.article.published, a.article.source, a.article.url)
        for a, label in zip(analyses, _article_labels(analyses), strict=True)
    )
    figures = align_figures(analyses)
    speakers = compare_speakers(analyses)
    return Comparison(
        articles=refs,
        figures=figures,
        trends=figure_trends(analyses, figures),
        speakers=speakers,
        quote_stats=tuple(quote_stats(a) for a in analyses),
        shared_quotes=shared_quotes(analyses, speakers),
        framing=tuple(framing_profile(a) for a in analyses),
        omissions=find_omissions(analyses, figures, speakers),
        timeline=merge_timeline(analyses),
        params=_params(len(analyses)),
    )
