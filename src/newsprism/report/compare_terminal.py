"""The terminal side-by-side of a :class:`~newsprism.compare.Comparison` (rich).

Outlets are columns.  Sections: articles, figures (agree / conflict / only-in), figures
over time (trends), the speaker matrix, shared quotes, framing, omissions and the timeline.
Every status is spelled out in words ("CONFLICT", "agree", "only in ..."); colour only
repeats it.  Tables are sized
for 100-120 columns; with many outlets the cells wrap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..compare import TREND_WORDS, Comparison, Evidence, Tally

STATUS = {"agree": ("agree", "green"), "conflict": ("CONFLICT", "bold red"),
          "only": ("only in", "yellow")}
ABSENT = "[dim]—[/dim]"


def _clip(text: str, n: int) -> str:
    """``text`` on one line, cut to ``n`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _tallies(tallies: Sequence[Tally], limit: int = 6) -> str:
    """Tallies as "label ×n, ..." (escaped for rich markup)."""
    parts = [f"{t.label} ×{t.count}" if t.count > 1 else t.label for t in tallies[:limit]]
    if len(tallies) > limit:
        parts.append("…")
    return escape(", ".join(parts)) or ABSENT


def _table(comparison: Comparison, title: str, first: Sequence[str]) -> Table:
    """A table with the given leading columns and one column per article."""
    table = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                  show_lines=False, expand=False, pad_edge=False)
    for name in first:
        table.add_column(name, overflow="fold", max_width=28)
    for ref in comparison.articles:
        table.add_column(escape(ref.label), overflow="fold", ratio=1, min_width=12)
    return table


def articles_table(comparison: Comparison) -> Table:
    """The compared articles: label, title, date, quote and loaded-sentence totals."""
    table = Table(title="Articles", title_justify="left", title_style="bold",
                  box=box.SIMPLE_HEAD, pad_edge=False)
    for name in ("Column", "Title", "Published", "Quotes", "Loaded"):
        table.add_column(name, overflow="fold")
    for ref, stats, fr in zip(comparison.articles, comparison.quote_stats, comparison.framing,
                              strict=True):
        table.add_row(escape(ref.label), escape(_clip(ref.title or "", 60)),
                      escape(ref.published or ""), f"{stats.quotes} ({stats.words} words)",
                      f"{fr.loaded_share:.0%}")
    return table


def figures_table(comparison: Comparison) -> Table:
    """Figure groups with their status and each outlet's wording."""
    table = _table(comparison, "Figures", ["Figure", "Status"])
    for g in comparison.figures:
        label, style = STATUS[g.status]
        if g.status == "only":
            label = f"only in {comparison.label(g.article_ids[0])}"
        what = g.concept or "(no concept)"
        extras = [g.unit] if g.unit != "count" else []
        if g.kind == "change":
            extras.append("change")
        if g.time:
            extras.append(f"@{g.time}")
        extra = f" [dim]({escape(', '.join(extras))})[/dim]" if extras else ""
        cells = [escape(what) + extra, f"[{style}]{escape(label)}[/{style}]"]
        for ref in comparison.articles:
            vals = [m.evidence.text.strip() for r in g.readings for m in r.mentions
                    if m.evidence.article_id == ref.id]
            cells.append(escape("; ".join(vals)) if vals else ABSENT)
        table.add_row(*cells)
    return table


def trends_table(comparison: Comparison) -> Table:
    """The same quantity reported for different times, oldest first."""
    table = Table(title="Figures over time", title_justify="left", title_style="bold",
                  box=box.SIMPLE_HEAD, pad_edge=False)
    for name in ("Figure", "Change", "Over time (who, when)"):
        table.add_column(name, overflow="fold")
    for t in comparison.trends:
        extras = t.qualifiers()
        what = escape(t.head) + (f" [dim]({escape(', '.join(extras))})[/dim]" if extras else "")
        steps = []
        for step in t.steps:
            who = ", ".join(comparison.label(a) for a in step.article_ids)
            steps.append(f"{escape(_clip(step.label, 40))} [dim]({escape(who)}; "
                         f"{step.when_label()})[/dim]")
        table.add_row(what, TREND_WORDS[t.direction], " → ".join(steps))
    return table


def speakers_table(comparison: Comparison) -> Table:
    """The speaker matrix: quotes, words and cue stances per outlet."""
    table = _table(comparison, "Who is quoted (quotes/words, cue stances)", ["Speaker"])
    for row in comparison.speakers:
        name = escape(row.name)
        if len(row.article_ids) == 1 and len(comparison.articles) > 1:
            name += f"\n[yellow]only in {escape(comparison.label(row.article_ids[0]))}[/yellow]"
        by_id = {c.article_id: c for c in row.cells}
        cells = [name]
        for ref in comparison.articles:
            c = by_id.get(ref.id)
            if c is None:
                cells.append(ABSENT)
                continue
            stance = f"\n[dim]{_tallies(c.stances)}[/dim]" if c.stances else ""
            cells.append(f"{c.quotes}q / {c.words}w{stance}")
        table.add_row(*cells)
    totals = ["[italic]all quotes[/italic]"]
    for s in comparison.quote_stats:
        extra = f", {s.unattributed} unattrib." if s.unattributed else ""
        totals.append(f"[italic]{s.quotes}q / {s.words}w, {s.speakers} speakers{extra}[/italic]")
    table.add_section()
    table.add_row(*totals)
    return table


def shared_table(comparison: Comparison) -> Table:
    """Quotes used by several outlets, with each outlet's cue."""
    table = _table(comparison, "Quotes several outlets use", ["Quote"])
    for s in comparison.shared_quotes:
        longest = max(s.mentions, key=lambda m: len(m.evidence.text))
        speaker = next((m.speaker for m in s.mentions if m.speaker), None) or "unattributed"
        cells = [f"{escape(_clip(longest.evidence.text, 70))}\n[dim]{escape(speaker)}, "
                 f"similarity {s.score:.2f}[/dim]"]
        for ref in comparison.articles:
            ms = [m for m in s.mentions if m.evidence.article_id == ref.id]
            cells.append(escape("; ".join(
                m.kind + (f", {m.cue!r} ({m.stance})" if m.cue else "") for m in ms)) or ABSENT)
        table.add_row(*cells)
    return table


def framing_table(comparison: Comparison) -> Table:
    """Framing side by side: loaded share, mean loading, signals, top words, scare quotes."""
    table = _table(comparison, "Framing (outlet's own voice)", ["Measure"])
    fr = comparison.framing
    t = comparison.params.loaded_threshold
    table.add_row(f"loaded sentences (>= {t:g})",
                  *[f"{f.loaded_share:.0%} ({f.loaded_sentences}/{f.sentences})" for f in fr])
    table.add_row("mean loading", *[f"{f.mean_loaded:.2f}" for f in fr])
    table.add_row("signals", *[_tallies(f.signals) for f in fr])
    table.add_row("top loaded words", *[_tallies(f.top_words) for f in fr])
    table.add_row("scare quotes", *[str(f.scare_quotes) for f in fr])
    table.add_row("most loaded sentence", *[
        escape(_clip(f.most_loaded[0].evidence.text, 90)) if f.most_loaded else ABSENT
        for f in fr])
    return table


def omissions_table(comparison: Comparison) -> Table:
    """What each article leaves out that most of the others report."""
    table = Table(title="Omissions (reported by most, missing from one)", title_justify="left",
                  title_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Lacks it", overflow="fold", max_width=24)
    table.add_column("Kind")
    table.add_column("What", overflow="fold", ratio=2)
    table.add_column("Reported by", overflow="fold", ratio=2)
    for o in comparison.omissions:
        note = f" [dim]({escape(o.note)})[/dim]" if o.note else ""
        table.add_row(escape(comparison.label(o.article_id)), o.kind, escape(o.name),
                      escape(", ".join(comparison.label(a) for a in o.present_in)) + note)
    return table


def _context(context: Evidence, mention: Evidence, width: int = 70) -> str:
    """The sentence around a date, cut to ``width`` around it, the date in bold (markup)."""
    a, b = mention.start - context.start, mention.end - context.start
    if not 0 <= a <= b <= len(context.text):
        return escape(_clip(context.text, width))
    before = re.sub(r"\s+", " ", context.text[:a]).lstrip()
    after = re.sub(r"\s+", " ", context.text[b:]).rstrip()
    room = max(10, (width - (b - a)) // 2)
    before = before if len(before) <= room else "…" + before[-room + 1:]
    after = after if len(after) <= room else after[: room - 1] + "…"
    return f"{escape(before)}[bold]{escape(context.text[a:b])}[/bold]{escape(after)}"


def timeline_table(comparison: Comparison) -> Table:
    """The merged timeline: each date and where each outlet mentions it."""
    table = _table(comparison, "Timeline", ["Date"])
    for t in comparison.timeline:
        cells = [f"[bold]{escape(t.value)}[/bold]\n[dim]{escape(t.granularity or '')}[/dim]"]
        for ref in comparison.articles:
            ms = [m for m in t.mentions if m.evidence.article_id == ref.id]
            cells.append("\n".join(_context(m.context, m.evidence) for m in ms[:2]) or ABSENT)
        table.add_row(*cells)
    return table


def render_comparison(comparison: Comparison, console: Console) -> None:
    """Print the whole side-by-side comparison to ``console``."""
    console.print(articles_table(comparison))
    sections = [
        (comparison.figures, figures_table, "No figures to compare."),
        (comparison.trends, trends_table, "No figure is reported for different times."),
        (comparison.speakers, speakers_table, "No attributed quotes."),
        (comparison.shared_quotes, shared_table, "No quote appears in more than one article."),
        (comparison.framing, framing_table, "No sentences scored."),
        (comparison.omissions, omissions_table,
         f"No omissions (an item counts when at least {comparison.params.omission_min_articles}"
         " articles report it and another does not)."),
        (comparison.timeline, timeline_table, "No resolved dates."),
    ]
    for items, build, empty in sections:
        console.print()
        if items:
            console.print(build(comparison))
        else:
            console.print(Text(empty, style="dim"))
