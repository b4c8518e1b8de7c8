"""CSV export of a story's comparison: one row per piece of evidence, one ``section`` column.

Sections: ``figure`` (one row per mention of each reading), ``speaker`` (one row per cell),
``omission`` and ``timeline``.  Cells that a spreadsheet would run as a formula (starting
with ``= + - @``, tab or carriage return) are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

COLUMNS: tuple[str, ...] = (
    "section",
    "id",
    "status",
    "name",
    "article_id",
    "outlet",
    "value",
    "detail",
    "start",
    "end",
    "text",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any) -> Any:
    """A cell value that spreadsheets will not evaluate as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def _row(**cells: Any) -> dict[str, Any]:
    """A full CSV row (missing columns empty)."""
    return {c: cells.get(c, "") for c in COLUMNS}


def rows(comparison: Any) -> Iterator[dict[str, Any]]:
    """The CSV rows of a :class:`newsprism.compare.Comparison` (see the module docstring)."""
    label = comparison.label
    for g in comparison.figures:
        name = g.concept or g.head or ""
        for r in g.readings:
            for m in r.mentions:
                ev = m.evidence
                yield _row(
                    section="figure",
                    id=g.id,
                    status=g.status,
                    name=name,
                    article_id=ev.article_id,
                    outlet=label(ev.article_id),
                    value=r.label,
                    detail=f"{g.kind}; unit {g.unit}; {g.why}",
                    start=ev.start,
                    end=ev.end,
                    text=ev.text,
                )
    for s in comparison.speakers:
        for c in s.cells:
            stances = ", ".join(f"{t.label} {t.count}" for t in c.stances)
            first = c.evidence[0] if c.evidence else None
            yield _row(
                section="speaker",
                id=s.id,
                name=s.name,
                article_id=c.article_id,
                outlet=label(c.article_id),
                value=f"{c.quotes} quotes, {c.words} words",
                detail=stances,
                start=first.start if first else "",
                end=first.end if first else "",
                text=first.text if first else "",
            )
    for o in comparison.omissions:
        present = ", ".join(label(a) for a in o.present_in)
        yield _row(
            section="omission",
            id=o.ref or "",
            status=o.kind,
            name=o.name,
            article_id=o.article_id,
            outlet=label(o.article_id),
            detail=f"present in {present}; {o.note}".rstrip("; "),
        )
    for t in comparison.timeline:
        for m in t.mentions:
            ev = m.evidence
            yield _row(
                section="timeline",
                id=t.id,
                name=t.value,
                article_id=ev.article_id,
                outlet=label(ev.article_id),
                value=ev.text,
                detail=m.granularity or "",
                start=ev.start,
                end=ev.end,
                text=m.context.text,
            )


def to_csv(comparison: Any) -> str:
    """The comparison as CSV text (header row first)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows(comparison):
        writer.writerow({k: _safe(v) for k, v in row.items()})
    return buf.getvalue()
