"""The readable terminal summary of one analysed article (``analyze --format text``)."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from ..compare import compare_speakers
from ..model import Analysis


def shorten(text: str, limit: int = 90) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_analysis(analysis: Analysis, console: Console) -> None:
    """Print the summary of one article: repairs, speakers, quotes, figures, dates, framing."""
    art = analysis.article
    head = f"[bold]{escape(art.title or '(untitled)')}[/]\n"
    head += escape(
        f"{art.outlet or 'unknown outlet'} · {art.published or 'date unknown'} · "
        f"{art.source} · id {art.id}"
    )
    if analysis.story:
        head += escape(f" · story {analysis.story}")
    parts: list[object] = [head]

    if analysis.repairs:
        t = Table(title="Repairs (on the original text)", title_justify="left", expand=False)
        for col in ("at", "kind", "before", "after"):
            t.add_column(col)
        for r in analysis.repairs:
            t.add_row(f"{r.start}-{r.end}", r.kind, escape(repr(r.before)), escape(repr(r.after)))
        parts.append(t)

    # The same per-speaker tally as the side-by-side comparison, for one article.
    rows = sorted(compare_speakers([analysis]), key=lambda r: (-r.cells[0].words, r.name))
    if rows:
        t = Table(title="Who is quoted", title_justify="left")
        for col in ("speaker", "quotes", "words", "direct/indirect", "cue stances"):
            t.add_column(col)
        for row in rows:
            cell = row.cells[0]
            direct = sum(k.count for k in cell.kinds if k.label == "direct")
            t.add_row(
                escape(row.name),
                str(cell.quotes),
                str(cell.words),
                f"{direct}/{cell.quotes - direct}",
                ", ".join(f"{k.label} {k.count}" for k in cell.stances),
            )
        parts.append(t)

    if analysis.quotes:
        t = Table(title="Quotes", title_justify="left")
        for col in ("kind", "speaker", "cue", "words"):
            t.add_column(col)
        for q in analysis.quotes:
            cue = f"{q.cue.text} ({q.cue.stance})" if q.cue else ""
            speaker = q.speaker.name if q.speaker else "—"
            style = "dim" if q.kind == "scare" else ""
            t.add_row(q.kind, escape(speaker), escape(cue), escape(shorten(q.text)), style=style)
        parts.append(t)

    if analysis.figures:
        t = Table(title="Figures", title_justify="left")
        for col in ("as written", "value", "unit", "change", "counts"):
            t.add_column(col)
        for f in analysis.figures:
            value = "" if f.value is None else f"{f.value:,.10g}"
            if f.low is not None and f.high is not None and f.low != f.high:
                value = f"{f.low:,.10g}–{f.high:,.10g}"
            t.add_row(
                escape(f.text), value, f.unit or "", f.change, escape(f.concept or "")
            )
        parts.append(t)

    if analysis.dates:
        dates = ", ".join(f"{d.text} → {d.value or '?'}" for d in analysis.dates)
        parts.append(f"[bold]Dates[/] {escape(dates)}")

    if analysis.entities:
        by_name: dict[str, int] = defaultdict(int)
        for e in analysis.entities:
            by_name[f"{e.name} ({e.label})"] += 1
        top = sorted(by_name.items(), key=lambda kv: -kv[1])[:12]
        parts.append("[bold]Entities[/] " + escape(", ".join(f"{k} ×{v}" for k, v in top)))

    loaded = [s for s in analysis.sentences if s.signals or s.reasons]
    if loaded:
        t = Table(title="Framing signals", title_justify="left")
        for col in ("loaded", "signals (and context words)", "sentence"):
            t.add_column(col)
        for s in sorted(loaded, key=lambda s: -s.loaded)[:8]:
            sig = "; ".join(f"{g.kind}: {g.text}" for g in s.signals)
            if s.reasons:
                sig += ("; " if sig else "") + "context: " + ", ".join(g.text for g in s.reasons)
            t.add_row(f"{s.loaded:.2f}", escape(sig), escape(shorten(art.text[s.start : s.end])))
        parts.append(t)

    console.print(Panel(Group(*parts), expand=True))
