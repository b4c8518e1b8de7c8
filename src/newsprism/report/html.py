"""One self-contained HTML page comparing a story's articles side by side.

:func:`render_html` writes the comparison tables (figures, speakers, shared quotes,
framing, omissions, timeline) above the articles in columns, each article's text with its
spans highlighted.  Clicking a table row scrolls every column to that row's evidence.

The page has no external resources: CSS and a few lines of JavaScript are inline.  All
article text goes through :func:`html.escape`.  Highlights nest; a span that crosses the
end of another is split into fragments (only the first carries the element id), so
overlapping annotations never break the markup.  Colours come from the Okabe-Ito palette,
and every kind of highlight also has its own border or underline style and a tooltip, so no
meaning is carried by colour alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape

from ..compare import TREND_WORDS, Comparison, Evidence, FigureGroup, Tally, speaker_name
from ..model import Analysis

SPEECH_KINDS = ("direct", "indirect", "mixed", "partial")
QUOTE_MARKS = "\"'“”‘’«» "
LOADED_KINDS = ("loaded", "intensifier")
# Okabe & Ito (2008), "Color Universal Design": distinguishable with common colour-vision
# deficiencies.  Used for speakers; black is left out (it is the text colour).
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
BORDERS = ("solid", "dashed", "dotted", "double")
STATUS_LABEL = {"agree": "= agree", "conflict": "≠ conflict", "only": "◇ only in"}
# Outer highlights first when two share a range.
PRIORITY = {"q": 0, "scare": 1, "fig": 2, "dt": 3, "lw": 4, "sig": 5, "rep": 6, "ev": 7}


@dataclass
class Ann:
    """One highlight on an article's text."""

    start: int
    end: int
    kind: str
    classes: str
    title: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    id: str | None = None


def _span_id(col: int, start: int, end: int) -> str:
    """The element id of the evidence ``[start, end)`` in column ``col``."""
    return f"c{col}-{start}-{end}"


def _open_tag(ann: Ann, first: bool) -> str:
    """The opening tag of a highlight; continuation fragments carry no id or label."""
    attrs = {"class": ann.classes + ("" if first else " cont")}
    if ann.title:
        attrs["title"] = ann.title
    if first:
        if ann.id:
            attrs["id"] = ann.id
        attrs.update(ann.attrs)
    elif ann.id:
        attrs["data-part"] = ann.id
    body = " ".join(f'{k}="{escape(v, quote=True)}"' for k, v in attrs.items())
    return f"<span {body}>"


def mark_up(text: str, anns: Sequence[Ann]) -> str:
    """``text`` HTML-escaped with every annotation wrapped in properly nested spans.

    At every boundary the open spans are compared with the annotations covering the next
    stretch; spans no longer (or no longer correctly) nested are closed and reopened, so a
    partial overlap becomes two fragments rather than crossing tags.
    """
    anns = [a for a in anns if 0 <= a.start < a.end <= len(text)]

    def key(a: Ann) -> tuple[int, int, int]:
        return (a.start, -a.end, PRIORITY.get(a.kind, 9))

    bounds = sorted({0, len(text)} | {a.start for a in anns} | {a.end for a in anns})
    out: list[str] = []
    stack: list[Ann] = []
    for pos, nxt in zip(bounds, bounds[1:], strict=False):
        active = sorted((a for a in anns if a.start <= pos and a.end >= nxt), key=key)
        k = 0
        while k < len(stack) and k < len(active) and stack[k] is active[k]:
            k += 1
        out.extend("</span>" for _ in stack[k:])
        stack = stack[:k]
        for a in active[k:]:
            out.append(_open_tag(a, first=a.start == pos))
            stack.append(a)
        out.append(escape(text[pos:nxt], quote=False))
    out.extend("</span>" for _ in stack)
    return "".join(out)


# --------------------------------------------------------------------------- annotations


def _speaker_styles(comparison: Comparison) -> dict[str, int]:
    """Speaker row id -> style number (palette colour and border style)."""
    return {row.id: i for i, row in enumerate(comparison.speakers)}


def _figure_groups(comparison: Comparison) -> dict[tuple[str, int, int], FigureGroup]:
    """(article id, start, end) of every figure mention -> its group."""
    return {
        (m.evidence.article_id, m.evidence.start, m.evidence.end): g
        for g in comparison.figures
        for r in g.readings
        for m in r.mentions
    }


def _quote_speakers(comparison: Comparison) -> dict[tuple[str, int, int], tuple[str, str]]:
    """(article id, start, end) of every attributed quote -> (speaker row id, name)."""
    return {
        (e.article_id, e.start, e.end): (row.id, row.name)
        for row in comparison.speakers
        for cell in row.cells
        for e in cell.evidence
    }


def _num(x: float | None) -> str:
    """A number without a pointless ``.0``."""
    if x is None:
        return "?"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.3g}"


def annotations(
    analysis: Analysis, col: int, comparison: Comparison, anchors: Iterable[Evidence] = ()
) -> list[Ann]:
    """Every highlight of one article: quotes, scare quotes, figures, dates, signals,
    repairs, plus invisible anchors for the other evidence the tables point at."""
    aid = analysis.article.id
    styles = _speaker_styles(comparison)
    groups = _figure_groups(comparison)
    speakers = _quote_speakers(comparison)
    anns: list[Ann] = []
    for q in analysis.quotes:
        if q.kind == "scare":
            anns.append(Ann(q.start, q.end, "scare", "hl scare",
                            "scare quote: the outlet keeps its distance from these words"))
            continue
        if q.kind not in SPEECH_KINDS:
            continue
        row = speakers.get((aid, q.start, q.end))
        n = styles.get(row[0], -1) if row else -1
        name = row[1] if row else (speaker_name(q) or "unattributed")
        cue = f" — cue “{q.cue.text}” ({q.cue.stance})" if q.cue else ""
        cls = f"hl q s{n % len(PALETTE)} b{(n // len(PALETTE)) % len(BORDERS)}" if n >= 0 else (
            "hl q unattr")
        anns.append(Ann(q.start, q.end, "q", cls, f"{q.kind} quote: {name}{cue}",
                        {"data-spk": name}))
    for f in analysis.figures:
        g = groups.get((aid, f.start, f.end))
        status = g.status if g else "none"
        unit = f" {f.unit}" if f.unit else ""
        concept = f" {f.concept}" if f.concept else ""
        where = f"; {STATUS_LABEL[g.status]} ({g.why})" if g else "; not aligned"
        anns.append(Ann(f.start, f.end, "fig", f"hl fig f-{status}",
                        f"figure: {_num(f.value)}{unit}{concept} [{f.change}]{where}"))
    for d in analysis.dates:
        if d.value:
            anns.append(Ann(d.start, d.end, "dt", "hl dt", f"date: {d.value} ({d.granularity})"))
    for s in analysis.sentences:
        for g in s.signals:
            if g.kind == "scare_quote":
                anns.append(Ann(g.start, g.end, "scare", "hl scare", "scare-quote marker"))
            elif g.kind in LOADED_KINDS:
                anns.append(Ann(g.start, g.end, "lw", "hl lw", f"{g.kind} word (outlet's voice)"))
            else:
                anns.append(Ann(g.start, g.end, "sig", "hl sig", f"framing signal: {g.kind}"))
        for g in s.reasons:
            anns.append(Ann(g.start, g.end, "ctx", "hl ctx",
                            f"raised its sentence's loading ({s.loaded:.2f}) through context"))
    for r in analysis.repairs:
        anns.append(Ann(r.start, r.end, "rep", "hl rep",
                        f"repaired ({r.kind}): “{r.before}” → “{r.after}”"))
    _assign_ids(anns, col, [e for e in anchors if e.article_id == aid])
    return anns


def _assign_ids(anns: list[Ann], col: int, anchors: Sequence[Evidence]) -> None:
    """Give the outermost highlight of each range its id; add anchors for bare evidence."""
    by_range: dict[tuple[int, int], Ann] = {}
    for a in sorted(anns, key=lambda a: PRIORITY.get(a.kind, 9)):
        by_range.setdefault((a.start, a.end), a)
    for e in anchors:
        if (e.start, e.end) not in by_range and e.end > e.start:
            ann = Ann(e.start, e.end, "ev", "ev")
            anns.append(ann)
            by_range[(e.start, e.end)] = ann
    for (start, end), a in by_range.items():
        a.id = _span_id(col, start, end)


# --------------------------------------------------------------------------- tables


class _Ids:
    """Maps evidence to element ids and collects every evidence the tables reference."""

    def __init__(self, comparison: Comparison) -> None:
        self.col = {ref.id: i for i, ref in enumerate(comparison.articles)}
        self.used: list[Evidence] = []

    def of(self, evidence: Iterable[Evidence]) -> str:
        """The space-separated element ids of ``evidence`` (recording them as anchors)."""
        ids = []
        for e in evidence:
            if e.article_id in self.col and e.end > e.start:
                self.used.append(e)
                ids.append(_span_id(self.col[e.article_id], e.start, e.end))
        return " ".join(dict.fromkeys(ids))


def _row(cells: Sequence[str], ev: str, cls: str = "") -> str:
    """A clickable table row (cells already HTML)."""
    attr = f' data-ev="{escape(ev)}" tabindex="0"' if ev else ""
    klass = f' class="{cls}"' if cls else ""
    return f"<tr{klass}{attr}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _head(comparison: Comparison, first: Sequence[str]) -> str:
    """Column widths and a header: the given leading columns, then one per article."""
    lead = {1: (22,), 2: (17, 11)}.get(len(first), tuple(12 for _ in first))
    rest = (100 - sum(lead)) / max(1, len(comparison.articles))
    widths = "".join(f'<col style="width:{w:.1f}%">'
                     for w in (*lead, *(rest for _ in comparison.articles)))
    cols = [escape(c) for c in first] + [escape(a.label) for a in comparison.articles]
    return (f"<colgroup>{widths}</colgroup><thead><tr>"
            + "".join(f'<th scope="col">{c}</th>' for c in cols) + "</tr></thead>")


def _tallies(tallies: Sequence[Tally]) -> str:
    """Tallies as "label ×n, ..." text (escaped)."""
    return escape(", ".join(f"{t.label} ×{t.count}" if t.count > 1 else t.label for t in tallies))


def _figures_table(comparison: Comparison, ids: _Ids) -> str:
    """The figure table: one row per aligned group, readings per outlet."""
    if not comparison.figures:
        return "<p class=none>No figures to compare.</p>"
    rows = []
    for g in comparison.figures:
        what = escape(g.concept or "(no concept)")
        unit = "" if g.unit == "count" else f" <span class=unit>[{escape(g.unit)}]</span>"
        when = f" <span class=unit>@{escape(g.time)}</span>" if g.time else ""
        kind = " <span class=unit>(change)</span>" if g.kind == "change" else ""
        status = "◇ only one" if g.status == "only" else STATUS_LABEL[g.status]
        who = escape(", ".join(comparison.label(a) for a in g.article_ids), quote=True)
        cells = [f'<span title="{escape(g.why)}">{what}</span>{unit}{kind}{when}',
                 f'<span class="st st-{g.status}" title="{who}">{escape(status)}</span>']
        for ref in comparison.articles:
            vals = [escape(m.evidence.text.strip()) for r in g.readings for m in r.mentions
                    if m.evidence.article_id == ref.id]
            cells.append("<br>".join(vals) if vals else '<span class=absent>—</span>')
        ev = ids.of(m.evidence for r in g.readings for m in r.mentions)
        rows.append(_row(cells, ev, f"r-{g.status}"))
    return (f'<table class=cmp>{_head(comparison, ["Figure", "Status"])}<tbody>'
            + "".join(rows) + "</tbody></table>")


def _trends_table(comparison: Comparison, ids: _Ids) -> str:
    """The same quantity reported for different times, oldest first (a row per trend)."""
    groups = {g.id: g for g in comparison.figures}
    rows = []
    for t in comparison.trends:
        extras = t.qualifiers()
        unit = f" <span class=unit>[{escape(', '.join(extras))}]</span>" if extras else ""
        steps = []
        for step in t.steps:
            who = ", ".join(comparison.label(a) for a in step.article_ids)
            steps.append(f"<b>{escape(step.label)}</b> <span class=unit>({escape(who)}; "
                         f"{escape(step.when_label())})</span>")
        ev = ids.of(m.evidence for step in t.steps for r in groups[step.group_id].readings
                    for m in r.mentions)
        rows.append(_row([f'<span title="{escape(t.why)}">{escape(t.head)}</span>{unit}',
                          escape(TREND_WORDS[t.direction]), " → ".join(steps)], ev))
    return ('<table class=cmp><thead><tr><th scope="col">Figure</th><th scope="col">Change</th>'
            '<th scope="col">Over time (who, when)</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")


def _speakers_table(comparison: Comparison, ids: _Ids) -> str:
    """The speaker matrix: who each outlet quotes, how much and with which cue stance."""
    if not comparison.speakers:
        return "<p class=none>No attributed quotes.</p>"
    styles = _speaker_styles(comparison)
    rows = []
    for row in comparison.speakers:
        n = styles[row.id]
        swatch = (f'<span class="sw s{n % len(PALETTE)} b{(n // len(PALETTE)) % len(BORDERS)}">'
                  "</span>")
        aliases = [a for a in row.aliases if a != row.name]
        alias = f' <span class=unit>(also “{escape(", ".join(aliases))}”)</span>' if aliases else ""
        only = ""
        if len(row.article_ids) == 1 and len(comparison.articles) > 1:
            where = escape(comparison.label(row.article_ids[0]))
            only = f' <span class="st st-only">◇ only in {where}</span>'
        cells = [f'{swatch}<span title="{escape(row.why)}">{escape(row.name)}</span>{alias}{only}']
        by_id = {c.article_id: c for c in row.cells}
        for ref in comparison.articles:
            c = by_id.get(ref.id)
            if c is None:
                cells.append('<span class=absent>—</span>')
                continue
            q = "quote" if c.quotes == 1 else "quotes"
            stance = f"<br><span class=stance>{_tallies(c.stances)}</span>" if c.stances else ""
            cells.append(f"{c.quotes} {q} · {c.words} words{stance}")
        rows.append(_row(cells, ids.of(e for c in row.cells for e in c.evidence)))
    totals = ["<i>all quotes</i>"]
    for s in comparison.quote_stats:
        extra = f", {s.unattributed} unattributed" if s.unattributed else ""
        totals.append(f"<i>{s.quotes} quotes · {s.words} words · {s.speakers} speakers{extra}</i>")
    rows.append(_row(totals, ""))
    return (f'<table class=cmp>{_head(comparison, ["Speaker"])}<tbody>' + "".join(rows)
            + "</tbody></table>")


def _shared_table(comparison: Comparison, ids: _Ids) -> str:
    """Quotes several outlets share, with each outlet's cue."""
    if not comparison.shared_quotes:
        return "<p class=none>No quote appears in more than one article.</p>"
    rows = []
    for s in comparison.shared_quotes:
        longest = max(s.mentions, key=lambda m: len(m.evidence.text))
        speaker = next((m.speaker for m in s.mentions if m.speaker), None) or "unattributed"
        words = longest.evidence.text.strip(QUOTE_MARKS)
        cells = [f"<q>{escape(words)}</q>"
                 f"<br><span class=unit>{escape(speaker)} · {escape(s.why)}</span>"]
        for ref in comparison.articles:
            ms = [m for m in s.mentions if m.evidence.article_id == ref.id]
            cells.append("<br>".join(
                escape(f"{m.kind}" + (f", “{m.cue}” ({m.stance})" if m.cue else "")) for m in ms
            ) or '<span class=absent>—</span>')
        rows.append(_row(cells, ids.of(m.evidence for m in s.mentions)))
    return (f'<table class=cmp>{_head(comparison, ["Quote"])}<tbody>' + "".join(rows)
            + "</tbody></table>")


def _framing_table(comparison: Comparison, ids: _Ids) -> str:
    """Framing side by side: loaded share, signals, top loaded words, most loaded sentences."""
    fr = {f.article_id: f for f in comparison.framing}
    refs = comparison.articles
    threshold = comparison.params.loaded_threshold

    def bar(share: float) -> str:
        pct = round(share * 100)
        return (f'<span class=bar><span style="width:{pct}%"></span></span> {pct}%')

    rows = [
        _row([f"loaded sentences (≥ {threshold:g})"]
             + [f"{bar(fr[r.id].loaded_share)} ({fr[r.id].loaded_sentences}/"
                f"{fr[r.id].sentences})" for r in refs], ""),
        _row(["mean loading"] + [f"{fr[r.id].mean_loaded:.2f}" for r in refs], ""),
        _row(["signals"] + [_tallies(fr[r.id].signals) or "—" for r in refs], ""),
        _row(["top loaded words"] + [_tallies(fr[r.id].top_words) or "—" for r in refs], ""),
        _row(["scare quotes"] + [str(fr[r.id].scare_quotes) for r in refs], ""),
        _row(["most loaded sentence (click)"]
             + [escape(_clip(fr[r.id].most_loaded[0].evidence.text, 110))
                if fr[r.id].most_loaded else "—" for r in refs],
             ids.of(s.evidence for f in comparison.framing for s in f.most_loaded[:1])),
    ]
    return (f'<table class=cmp>{_head(comparison, ["Framing"])}<tbody>' + "".join(rows)
            + "</tbody></table>")


def _omissions_list(comparison: Comparison, ids: _Ids) -> str:
    """Omissions grouped by the article that lacks them."""
    if not comparison.omissions:
        need = comparison.params.omission_min_articles
        return (f"<p class=none>No omissions (an item counts when at least {need} articles "
                "report it and another does not).</p>")
    rows = []
    for o in comparison.omissions:
        others = ", ".join(comparison.label(a) for a in o.present_in)
        note = f" — {o.note}" if o.note else ""
        rows.append(_row([escape(comparison.label(o.article_id)), escape(o.kind),
                          escape(o.name), escape(f"reported by {others}{note}")],
                         ids.of(o.evidence)))
    head = "".join(f"<th scope=col>{c}</th>" for c in ("Lacks it", "Kind", "What", "Why"))
    cols = "".join(f'<col style="width:{w}%">' for w in (15, 9, 36, 40))
    return (f"<table class=cmp><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _timeline_table(comparison: Comparison, ids: _Ids) -> str:
    """The merged timeline: one row per date, the sentence each outlet mentions it in."""
    if not comparison.timeline:
        return "<p class=none>No resolved dates.</p>"
    rows = []
    for t in comparison.timeline:
        cells = [f"<b>{escape(t.value)}</b> <span class=unit>{escape(t.granularity or '')}</span>"]
        for ref in comparison.articles:
            ms = [m for m in t.mentions if m.evidence.article_id == ref.id]
            cells.append("<br>".join(_context(m.context, m.evidence) for m in ms)
                         or '<span class=absent>—</span>')
        rows.append(_row(cells, ids.of(m.evidence for m in t.mentions)))
    return (f'<table class="cmp tl">{_head(comparison, ["Date"])}<tbody>' + "".join(rows)
            + "</tbody></table>")


def _clip(text: str, n: int) -> str:
    """``text`` on one line, cut to ``n`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _context(context: Evidence, mention: Evidence) -> str:
    """A sentence with the date in bold, cut around it, escaped."""
    a, b = mention.start - context.start, mention.end - context.start
    if not (0 <= a <= b <= len(context.text)):
        return escape(_clip(context.text, 120))
    before = re.sub(r"\s+", " ", context.text[:a]).lstrip()
    after = re.sub(r"\s+", " ", context.text[b:]).rstrip()
    before = before if len(before) <= 50 else "…" + before[-49:]
    after = after if len(after) <= 60 else after[:59] + "…"
    return f"{escape(before)}<b>{escape(context.text[a:b])}</b>{escape(after)}"


# --------------------------------------------------------------------------- page


def _legend() -> str:
    """What each highlight style means."""
    items = [
        ('<span class="hl q s0 b0" data-spk="Speaker">quoted words</span>',
         "a quote; colour and border per speaker, the speaker's name before it"),
        ('<span class="hl fig f-agree">40</span>', "figure the others agree on (solid box)"),
        ('<span class="hl fig f-conflict">150</span>', "figure in conflict (double box)"),
        ('<span class="hl fig f-only">6</span>', "figure only this outlet gives (dotted box)"),
        ('<span class="hl lw">devastating</span>', "loaded word in the outlet's own voice "
         "(wavy underline)"),
        ('<span class="hl sig">claimed</span>', "other framing signal: hedge, doubt cue, vague "
         "source… (dotted underline)"),
        ('<span class="hl ctx">blaze</span>', "word that raised its sentence's loading "
         "through its context (thin dotted underline)"),
        ('<span class="hl scare">“so-called”</span>', "scare quote (dashed underline)"),
        ('<span class="hl dt">Tuesday</span>', "resolved date (thin overline)"),
        ('<span class="hl rep">â€™</span>', "repaired text; hover to see before → after (✎)"),
    ]
    lis = "".join(f"<li>{sample} <span>{escape(text)}</span></li>" for sample, text in items)
    return (f"<ul class=legend>{lis}</ul><p class=hint>Hover any highlight for details. Click a "
            "table row to scroll every article to its evidence.</p>")


def _article_column(analysis: Analysis, col: int, comparison: Comparison,
                    anchors: Sequence[Evidence]) -> str:
    """One article's column: heading, small framing summary and highlighted text."""
    art = analysis.article
    ref = comparison.articles[col]
    fr = comparison.framing[col]
    meta = " · ".join(escape(x) for x in (art.published, art.author) if x)
    link = (f' <a href="{escape(art.url, quote=True)}" rel="noreferrer noopener">source</a>'
            if art.url and art.url.startswith(("http://", "https://")) else "")
    summary = (f"{round(fr.loaded_share * 100)}% loaded sentences · "
               f"{comparison.quote_stats[col].quotes} quotes")
    body = mark_up(art.text, annotations(analysis, col, comparison, anchors))
    return (f'<article class=col id="col{col}"><header><h3>{escape(ref.label)}</h3>'
            f"<div class=title>{escape(art.title or '')}</div>"
            f"<div class=meta>{meta}{link} · {escape(summary)}</div></header>"
            f'<div class=text tabindex="0">{body}</div></article>')


CSS = """
:root{--ink:#111;--muted:#555;--line:#ccc}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);
margin:0;padding:1rem 1.5rem;background:#fafafa}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.4rem 0 .4rem;
border-bottom:1px solid var(--line)}h3{margin:0;font-size:1.05rem}
.sub,.hint,.none,.meta,.unit,.stance{color:var(--muted)}.unit,.stance{font-size:.85em}
.wrap{overflow-x:auto}
table.cmp{border-collapse:collapse;width:100%;min-width:640px;table-layout:fixed;background:#fff;
font-size:.9rem;overflow-wrap:anywhere}
table.cmp th,table.cmp td{border:1px solid var(--line);padding:.3rem .5rem;vertical-align:top;
text-align:left}
table.cmp th{background:#eee}
tr[data-ev]{cursor:pointer}tr[data-ev]:hover,tr[data-ev]:focus{background:#fff6d5;outline:none}
.absent{color:#999}
.st{font-weight:600;display:inline-block;padding:0 .3rem;border-radius:3px}
.st-agree{border:2px solid #009E73}.st-conflict{border:3px double #D55E00}
.st-only{border:2px dotted #555}
.bar{display:inline-block;width:60px;height:.7em;border:1px solid #555;vertical-align:middle}
.bar span{display:block;height:100%;background:#D55E00}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;
font-size:.85rem}.legend li span:last-child{color:var(--muted)}
.cols{display:grid;gap:1rem;grid-auto-flow:column;grid-auto-columns:minmax(330px,1fr);
overflow-x:auto;padding-bottom:.5rem}
.col{background:#fff;border:1px solid var(--line);border-radius:6px;display:flex;
flex-direction:column;min-width:0}
.col header{padding:.5rem .7rem;border-bottom:1px solid var(--line);background:#f3f3f3}
.title{font-style:italic}.meta{font-size:.8rem}
.text{position:relative;white-space:pre-wrap;overflow-wrap:anywhere;padding:.6rem .8rem;
max-height:75vh;overflow-y:auto;line-height:1.75}
.hl{border-radius:2px}
.q{padding:0 1px}
.q[data-spk]::before{content:attr(data-spk) " ›";font-size:.7em;font-weight:600;
vertical-align:super;margin-right:2px;color:#000}
.q.unattr{background:#e5e5e5;border-bottom:2px solid #777}
.s0{background:rgba(230,159,0,.28);--c:#E69F00}.s1{background:rgba(86,180,233,.28);--c:#56B4E9}
.s2{background:rgba(0,158,115,.25);--c:#009E73}.s3{background:rgba(240,228,66,.40);--c:#C8B900}
.s4{background:rgba(0,114,178,.22);--c:#0072B2}.s5{background:rgba(213,94,0,.22);--c:#D55E00}
.s6{background:rgba(204,121,167,.28);--c:#CC79A7}
.q.b0{border-bottom:2px solid var(--c)}.q.b1{border-bottom:2px dashed var(--c)}
.q.b2{border-bottom:2px dotted var(--c)}.q.b3{border-bottom:3px double var(--c)}
.sw{display:inline-block;width:.9em;height:.9em;margin-right:.35em;vertical-align:-.1em;
border:2px solid var(--c)}
.fig{padding:0 1px}.f-agree{outline:2px solid #009E73;outline-offset:-1px}
.f-conflict{outline:3px double #D55E00;outline-offset:-2px}
.f-only,.f-none{outline:2px dotted #555;outline-offset:-1px}
.lw{text-decoration:underline wavy #D55E00;text-decoration-thickness:1.5px;
text-underline-offset:3px}
.sig{text-decoration:underline dotted #CC79A7;text-decoration-thickness:2px;
text-underline-offset:3px}
.ctx{text-decoration:underline dotted #D55E00;text-decoration-thickness:1px;
text-underline-offset:3px}
.scare{text-decoration:underline dashed #CC79A7;text-decoration-thickness:2px;
text-underline-offset:4px;font-style:italic}
.dt{text-decoration:overline solid #0072B2;text-decoration-thickness:2px}
.rep{background:repeating-linear-gradient(45deg,#eee,#eee 3px,#fff 3px,#fff 6px);
border:1px dashed #777}.rep:not(.cont)::after{content:"✎";font-size:.7em;color:#555}
.flash{outline:3px solid #000 !important;background:#F0E442 !important;
transition:background .2s}
q{quotes:"“" "”"}
"""

JS = """
(function(){
  let flashed=[];
  function go(ids){
    flashed.forEach(e=>e.classList.remove('flash'));flashed=[];
    const boxes=new Set();
    ids.split(' ').forEach(id=>{
      const el=document.getElementById(id); if(!el) return;
      const parts=[el].concat(Array.from(document.querySelectorAll('[data-part="'+id+'"]')));
      parts.forEach(p=>{p.classList.add('flash');flashed.push(p);});
      const box=el.closest('.text');
      if(box&&!boxes.has(box)){boxes.add(box);
        box.scrollTo({top:Math.max(0,el.offsetTop-box.clientHeight/3),behavior:'smooth'});}
    });
    const cols=document.getElementById('columns');
    if(cols) cols.scrollIntoView({behavior:'smooth',block:'start'});
    setTimeout(()=>{flashed.forEach(e=>e.classList.remove('flash'));flashed=[];},4000);
  }
  document.querySelectorAll('tr[data-ev]').forEach(tr=>{
    tr.addEventListener('click',()=>go(tr.dataset.ev));
    tr.addEventListener('keydown',e=>{if(e.key==='Enter'||e.key===' '){e.preventDefault();
      go(tr.dataset.ev);}});
  });
})();
"""


def render_html(comparison: Comparison, analyses: Sequence[Analysis]) -> str:
    """The whole comparison as one self-contained HTML document (a string).

    ``analyses`` supply the article texts; they are matched to the comparison's columns by
    article id (analyses not in the comparison are ignored).
    """
    by_id = {a.article.id: a for a in analyses}
    ids = _Ids(comparison)
    sections = [
        ("Figures", _figures_table(comparison, ids)),
        *([("Figures over time", _trends_table(comparison, ids))] if comparison.trends else []),
        ("Who is quoted", _speakers_table(comparison, ids)),
        ("Quotes several outlets use", _shared_table(comparison, ids)),
        ("Framing", _framing_table(comparison, ids)),
        ("Omissions", _omissions_list(comparison, ids)),
        ("Timeline", _timeline_table(comparison, ids)),
    ]
    columns = []
    for col, ref in enumerate(comparison.articles):
        analysis = by_id.get(ref.id)
        if analysis is not None:
            columns.append(_article_column(analysis, col, comparison, ids.used))
    titles = [a.title for a in comparison.articles if a.title]
    heading = escape(titles[0]) if titles else "Story comparison"
    outlets = ", ".join(a.label for a in comparison.articles)
    body = "".join(f'<section><h2>{escape(h)}</h2><div class=wrap>{t}</div></section>'
                   for h, t in sections)
    return (
        "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width,initial-scale=1">'
        f"<title>newsprism: {heading}</title><style>{CSS}</style></head><body>"
        f"<h1>{heading}</h1><p class=sub>{len(comparison.articles)} articles side by side: "
        f"{escape(outlets)}</p>{_legend()}{body}"
        f'<h2>Articles</h2><div class=cols id=columns>{"".join(columns)}</div>'
        f"<script>{JS}</script></body></html>\n"
    )
