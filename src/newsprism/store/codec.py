"""JSON codec for analyses: :func:`from_dict` is the inverse of :func:`newsprism.model.to_dict`.

``to_dict`` does not (yet) carry ``url`` and ``author``; :func:`from_dict` reads them when
present and the store keeps ``url`` in its own column, so a stored analysis round-trips whole.
"""

from __future__ import annotations

from typing import Any

from ..model import (
    Analysis,
    Article,
    Cue,
    DateRef,
    Entity,
    Figure,
    Quote,
    Repair,
    Sentence,
    Signal,
    Speaker,
    to_dict,
)


def _opt(cls: type, d: dict[str, Any] | None) -> Any:
    """``cls(**d)``, or None when ``d`` is None."""
    return None if d is None else cls(**d)


def _quote(d: dict[str, Any]) -> Quote:
    """A Quote from its dict form (nested speaker and cue)."""
    fields = dict(d)
    fields["speaker"] = _opt(Speaker, d.get("speaker"))
    fields["cue"] = _opt(Cue, d.get("cue"))
    return Quote(**fields)


def _sentence(d: dict[str, Any]) -> Sentence:
    """A Sentence from its dict form (nested signals)."""
    signals = tuple(Signal(**g) for g in d.get("signals", ()))
    reasons = tuple(Signal(**g) for g in d.get("reasons", ()))
    return Sentence(start=d["start"], end=d["end"], loaded=d["loaded"], signals=signals,
                    reasons=reasons)


def from_dict(d: dict[str, Any]) -> Analysis:
    """The Analysis whose :func:`to_dict` is ``d`` (``url``/``author`` read when present)."""
    article = Article(
        id=d["id"],
        source=d["source"],
        title=d.get("title"),
        outlet=d.get("outlet"),
        published=d.get("published"),
        text=d["text"],
        url=d.get("url"),
        author=d.get("author"),
    )
    return Analysis(
        article=article,
        repairs=tuple(Repair(**r) for r in d.get("repairs", ())),
        quotes=tuple(_quote(q) for q in d.get("quotes", ())),
        figures=tuple(Figure(**f) for f in d.get("figures", ())),
        entities=tuple(Entity(**e) for e in d.get("entities", ())),
        dates=tuple(DateRef(**x) for x in d.get("dates", ())),
        sentences=tuple(_sentence(s) for s in d.get("sentences", ())),
        story=d.get("story"),
    )


def encode(analysis: Analysis) -> dict[str, Any]:
    """``to_dict(analysis)`` plus the article's ``url`` and ``author``; returns a JSON-able dict."""
    d = to_dict(analysis)
    d["url"] = analysis.article.url
    d["author"] = analysis.article.author
    return d
