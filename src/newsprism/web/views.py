"""Plain data for the pages and the JSON API: story summaries, filters, evidence lists.

Everything here is a pure function of store rows and comparison objects (no I/O), so the
pages and ``/api/`` show the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from markupsafe import Markup, escape

from ..errors import UsageError
from ..model import Story
from ..store import ArticleRow, Thread

#: Article, story, thread and job ids: letters and digits (any script), ``_ . : @ + - ~ , ; = !``;
#: no slashes, spaces, ``%`` or control characters, no ``..``; at most 200 characters.
_ID = re.compile(r"\w[\w.:@+\-~,;=!]{0,199}")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_MATCH = re.compile(r"\[([^\[\]<>]*)\]")
#: At most this many evidence spans are attached to one clickable row.
MAX_EVIDENCE = 24


def valid_id(value: str) -> bool:
    """Whether ``value`` is an acceptable id (no slashes, no ``..``, no control characters)."""
    return bool(_ID.fullmatch(value)) and ".." not in value


def check_id(value: str, what: str = "id") -> str:
    """``value`` if it is a valid id; raises UsageError (HTTP 400) otherwise."""
    if not valid_id(value):
        raise UsageError(f"invalid {what}: {value[:60]!r}")
    return value


def check_date(value: str | None, what: str) -> str | None:
    """``value`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) or None; UsageError if malformed."""
    if not value:
        return None
    value = value.strip()
    if not _DATE.fullmatch(value):
        raise UsageError(f"{what} must be a date like 2024-03-05, got {value[:40]!r}")
    return value


def day(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` (or shorter) date part of an ISO date/datetime, or None."""
    return value[:10] if value else None


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One row of the stories list."""

    id: str
    title: str
    articles: int
    outlets: tuple[str, ...]
    first: str | None
    last: str | None
    thread: str | None
    thread_stories: tuple[str, ...]
    article_ids: tuple[str, ...]
    order: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The summary as a JSON-ready dict."""
        out = asdict(self)
        out.pop("order")
        out["outlets"] = list(self.outlets)
        out["thread_stories"] = list(self.thread_stories)
        out["article_ids"] = list(self.article_ids)
        return out


def summarize(
    stories: Sequence[Story], rows: Mapping[str, ArticleRow], threads: Sequence[Thread]
) -> list[StorySummary]:
    """A summary per story: title, outlets, article count, date range, thread siblings."""
    members = {t.id: t.story_ids for t in threads}
    out = []
    for order, s in enumerate(stories):
        arts = [rows[a] for a in s.article_ids if a in rows]
        dates = sorted(d for d in (day(r.published) for r in arts) if d)
        outlets = tuple(dict.fromkeys(r.outlet for r in arts if r.outlet))
        title = s.title or next((r.title for r in arts if r.title), None) or s.id
        siblings = tuple(x for x in members.get(s.thread or "", ()) if x != s.id)
        out.append(
            StorySummary(
                id=s.id,
                title=title,
                articles=len(s.article_ids),
                outlets=outlets,
                first=dates[0] if dates else None,
                last=dates[-1] if dates else None,
                thread=s.thread,
                thread_stories=siblings,
                article_ids=s.article_ids,
                order=order,
            )
        )
    return out


def newest_first(summaries: Iterable[StorySummary]) -> list[StorySummary]:
    """Stories by latest article date, newest first; undated and ties by newest created."""
    items = list(summaries)
    items.sort(key=lambda s: s.order, reverse=True)
    items.sort(key=lambda s: s.last or "", reverse=True)
    return items


@dataclass(frozen=True, slots=True)
class Filters:
    """The stories-list filters; empty fields do not filter."""

    q: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    entity: str | None = None
    thread: str | None = None
    story_ids: frozenset[str] | None = field(default=None)  # from search / entity lookups

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        return any((self.q, self.outlet, self.since, self.until, self.entity, self.thread))


def keep(s: StorySummary, f: Filters, outlets_of: Mapping[str, set[str]]) -> bool:
    """Whether a story passes the filters (date range: the story overlaps [since, until])."""
    if f.story_ids is not None and s.id not in f.story_ids:
        return False
    if f.outlet and f.outlet.lower() not in {o.lower() for o in outlets_of.get(s.id, set())}:
        return False
    if f.thread and s.thread != f.thread:
        return False
    if f.since and (s.last is None or s.last < f.since):
        return False
    return not (f.until and (s.first is None or s.first[: len(f.until)] > f.until))


def phrase_query(text: str) -> str:
    """An FTS5 query matching ``text`` as one phrase (double quotes escaped)."""
    return '"' + text.replace('"', '""') + '"'


def snippet_html(snippet: str | None) -> Markup:
    """A search snippet (matches in ``[...]``, as the store marks them) as escaped HTML with
    the matches in ``<mark>``."""
    text = str(escape(snippet or ""))
    return Markup(_MATCH.sub(r"<mark>\1</mark>", text))


def row_dict(row: ArticleRow) -> dict[str, Any]:
    """An article row as a JSON-ready dict."""
    return asdict(row)


# --------------------------------------------------------------------------- evidence


def evidence_list(items: Iterable[Any], limit: int = MAX_EVIDENCE) -> list[list[Any]]:
    """``[[article_id, start, end], ...]`` for Evidence-like objects, at most ``limit``."""
    out: list[list[Any]] = []
    for ev in items:
        if len(out) >= limit:
            break
        out.append([ev.article_id, ev.start, ev.end])
    return out


def all_evidence(comparison: Any) -> list[Any]:
    """Every Evidence a comparison's tables point at (figures, speakers, shared quotes,
    omissions, timeline), so the article columns can carry an anchor for each."""
    out: list[Any] = []
    for g in comparison.figures:
        out.extend(m.evidence for r in g.readings for m in r.mentions)
    for row in comparison.speakers:
        out.extend(ev for c in row.cells for ev in c.evidence)
    for sq in comparison.shared_quotes:
        out.extend(m.evidence for m in sq.mentions)
    for o in comparison.omissions:
        out.extend(o.evidence)
    for t in comparison.timeline:
        out.extend(m.evidence for m in t.mentions)
    return out


def speaker_styles(comparison: Any, palette: int, borders: int) -> list[dict[str, Any]]:
    """Per speaker row: ``{name, colour, border}``, numbered as ``report.html`` numbers them
    (row ``i``: colour ``i % palette``, border ``(i // palette) % borders``)."""
    return [
        {"name": row.name, "colour": i % palette, "border": (i // palette) % borders}
        for i, row in enumerate(comparison.speakers)
    ]


# --------------------------------------------------------------------------- comparison cells


def readings_for(group: Any, article_id: str) -> list[Any]:
    """The readings of a figure group that ``article_id`` gives (empty: it gives none)."""
    return [r for r in group.readings if article_id in r.article_ids]


def group_evidence(group: Any) -> list[Any]:
    """Every mention's evidence of a figure group, first mention of each article first."""
    mentions = [m.evidence for r in group.readings for m in r.mentions]
    seen: set[str] = set()
    firsts = []
    for ev in mentions:
        if ev.article_id not in seen:
            seen.add(ev.article_id)
            firsts.append(ev)
    return firsts + [ev for ev in mentions if ev not in firsts]


def trend_evidence(comparison: Any, trend: Any) -> list[Any]:
    """The evidence of every figure group a trend strings together, oldest step first."""
    groups = {g.id: g for g in comparison.figures}
    return [ev for step in trend.steps for ev in group_evidence(groups[step.group_id])]


def cell_for(row: Any, article_id: str) -> Any | None:
    """A speaker row's cell for ``article_id``, or None when that article does not quote them."""
    return next((c for c in row.cells if c.article_id == article_id), None)


def outlet_label(comparison: Any, article_ids: Iterable[str]) -> str:
    """Column labels of article ids, comma separated."""
    return ", ".join(comparison.label(a) for a in article_ids)


def spans(article_id: str, items: Iterable[Any], limit: int = MAX_EVIDENCE) -> list[list[Any]]:
    """``[[article_id, start, end], ...]`` for spans (quotes, entities...) of one article."""
    return [[article_id, x.start, x.end] for x in list(items)[:limit]]


def speaker_of(comparison: Any, styles: Sequence[Mapping[str, Any]], quote: Any) -> Any | None:
    """The style dict of the speaker row whose evidence is ``quote``, or None."""
    for row, style in zip(comparison.speakers, styles, strict=False):
        if any(
            ev.start == quote.start and ev.end == quote.end for c in row.cells for ev in c.evidence
        ):
            return style
    return None
