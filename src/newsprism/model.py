"""The shared vocabulary of newsprism: small frozen dataclasses every stage speaks.

Data flows one way::

    source -> Article -> repair -> parse -> extract -> store -> group -> compare -> report

Offsets
-------
Every ``start``/``end`` pair is a Python string index into ``Article.text``, the
text *exactly as ingested* (before any repair).  Extractors work on the repaired
text; :func:`newsprism.pipeline.analyze_article` maps their spans back through the
repair offset map, and every ``text`` field of an evidence object is then the slice
``article.text[start:end]``.

Field names and order mirror the JSONL contract documented in ``docs/FORMAT.md``, so
:func:`to_dict` is plain :func:`dataclasses.asdict`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

QuoteKind = Literal["direct", "indirect", "mixed", "partial", "scare"]
Change = Literal["=", "~", "up", "down", ">", "<"]
Granularity = Literal["day", "month", "year", "decade", "week", "season", "time"]
SignalKind = Literal[
    "loaded",
    "intensifier",
    "doubt_cue",
    "scare_quote",
    "possessive_frame",
    "vague_source",
    "unattributed_claim",
    "hedge",
    "discourse_push",
]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's original text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """One article as ingested.  ``text`` is never modified after ingestion."""

    id: str
    source: str  # where it came from: a path, "path#entry", "stdin", or a URL
    title: str | None
    outlet: str | None
    published: str | None  # ISO 8601 date or datetime, as precise as known
    text: str
    url: str | None = None
    author: str | None = None


@dataclass(frozen=True, slots=True)
class Repair:
    """One text repair, on the original text: ``text[start:end] == before``."""

    start: int
    end: int
    before: str
    after: str
    kind: str


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to: the resolved ``name`` and the mention's span."""

    name: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Cue:
    """The reporting verb or phrase introducing a quote, with its stance."""

    text: str
    start: int
    end: int
    stance: str  # neutral | assertive | doubtful | concessive | ... (data/cues.tsv)


@dataclass(frozen=True, slots=True)
class Quote:
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: Speaker | None
    cue: Cue | None


@dataclass(frozen=True, slots=True)
class Figure:
    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    change: Change
    concept: str | None


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    text: str
    label: str
    name: str  # canonical name shared by every mention of the same entity


@dataclass(frozen=True, slots=True)
class DateRef:
    start: int
    end: int
    text: str
    value: str | None  # ISO date ("2024", "2024-11", "2024-11-05"); None if unresolved
    granularity: str | None


@dataclass(frozen=True, slots=True)
class Signal:
    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    loaded: float  # in [0, 1]: loading of the outlet's own voice
    signals: tuple[Signal, ...] = ()
    # the outlet-voice words that raised ``loaded`` most through the static word-piece
    # vectors of the framing model (kind "context"), beside the lexicon ``signals``
    reasons: tuple[Signal, ...] = ()


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything found in one article; offsets index ``article.text``."""

    article: Article
    repairs: tuple[Repair, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    entities: tuple[Entity, ...] = ()
    dates: tuple[DateRef, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    story: str | None = None


@dataclass(frozen=True, slots=True)
class Story:
    """A group of articles on one event; ``thread`` links stories on one issue."""

    id: str
    article_ids: tuple[str, ...]
    title: str | None = None
    thread: str | None = None
    reasons: tuple[str, ...] = field(default=())


def to_dict(analysis: Analysis) -> dict[str, Any]:
    """The JSONL record for one analysis, field order as in docs/FORMAT.md."""
    art = analysis.article
    return {
        "id": art.id,
        "source": art.source,
        "title": art.title,
        "outlet": art.outlet,
        "published": art.published,
        "text": art.text,
        "story": analysis.story,
        "repairs": [asdict(r) for r in analysis.repairs],
        "quotes": [asdict(q) for q in analysis.quotes],
        "figures": [asdict(f) for f in analysis.figures],
        "entities": [asdict(e) for e in analysis.entities],
        "dates": [asdict(d) for d in analysis.dates],
        "sentences": [
            {
                "start": s.start,
                "end": s.end,
                "loaded": s.loaded,
                "signals": [asdict(g) for g in s.signals],
                "reasons": [asdict(g) for g in s.reasons],
            }
            for s in analysis.sentences
        ],
    }
