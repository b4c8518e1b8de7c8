"""``newsprism eval quotes``: score quote/attribution extraction on PolNeAR-style brat data.

Ours (:func:`newsprism.extract.quotes.extract_quotes`) and the anchor (textacy's
``direct_quotations``) go through the same scorer.  Definitions:

* A *prediction* is one attribution: quotes sharing a cue span are merged into one (so a
  quote split around "X said" is one prediction, like PolNeAR's discontinuous Content);
  scare quotes are not predictions.  A gold attribution is one ``E`` line of the article's
  first annotator file (by name).
* Spans are compared as sets of word tokens (``\\w+`` runs of the article text whose start
  lies inside the span); punctuation, quotation marks and whitespace are ignored.
* *Exact* match: identical token sets.  *Overlap* match: the shared tokens are at least 50%
  of the LONGER of the two spans.  Pairs are matched one-to-one, greedily by overlap.
* *Speaker accuracy*, over matched pairs whose gold has a Source: correct if the predicted
  speaker mention overlaps the gold Source span (one shared character), or if the resolved
  name and the gold Source text share a word token other than "the/a/an" both ways
  contained (one's words are a subset of the other's, case-insensitive).
* *Cue accuracy*, over matched pairs whose gold has a Cue: the predicted cue span overlaps
  the gold Cue span.  The "both matched" rows restrict speaker/cue accuracy to the gold
  attributions that ours and the anchor both matched (a like-for-like comparison).
* *Direct* subset: gold whose Content contains a quotation mark; predictions whose content
  widened by one character each side contains one.  *Pure direct* subset: gold whose
  Content opens with a quotation mark; predictions whose content does, or directly follows
  one (ours exclude the marks).

* *95% interval* of each overlap F1 (``--bootstrap N``, default 1000): the articles are
  resampled with replacement N times and the 2.5th / 97.5th percentiles of the F1 reported
  (articles, not attributions, are the unit: quotes in one article are not independent).

``--agreement`` runs no system: on the articles with two or more annotator files it scores
the annotators against each other with the same scorer (:func:`agreement`), the ceiling
that human annotators of this corpus reach on the same definitions.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_WORD_RE = re.compile(r"\w+")
_QUOTE_CHARS = frozenset("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb")
# An apostrophe, not a closing single quote: between letters, or after a plural's "s".
_APOSTROPHE = re.compile(r"\w['\u2019]\w|s['\u2019]\s")
_STOP = frozenset({"the", "a", "an"})
_Opt = tuple[int, int] | None


@dataclass(frozen=True)
class Attribution:
    """One attribution: content char spans, and optional source and cue spans."""

    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...] = ()
    cue: tuple[tuple[int, int], ...] = ()
    name: str | None = None  # resolved speaker name (predictions only)


@dataclass
class Tally:
    """Counts for one system on one subset."""

    n_pred: int = 0
    n_gold: int = 0
    exact: int = 0
    overlap: int = 0
    spk_ok: int = 0
    spk_n: int = 0
    cue_ok: int = 0
    cue_n: int = 0

    def add(self, other: Tally) -> None:
        """Add ``other``'s counts into this tally."""
        for key in vars(self):
            setattr(self, key, getattr(self, key) + getattr(other, key))

    def scores(self) -> dict[str, float]:
        """Precision/recall/F1 (exact and overlap), speaker and cue accuracy."""
        out: dict[str, float] = {}
        for kind, hits in (("exact", self.exact), ("overlap", self.overlap)):
            p = hits / self.n_pred if self.n_pred else 0.0
            r = hits / self.n_gold if self.n_gold else 0.0
            out[f"{kind}_p"] = p
            out[f"{kind}_r"] = r
            out[f"{kind}_f1"] = 2 * p * r / (p + r) if p + r else 0.0
        out["speaker_acc"] = self.spk_ok / self.spk_n if self.spk_n else 0.0
        out["cue_acc"] = self.cue_ok / self.cue_n if self.cue_n else 0.0
        out["n_pred"] = self.n_pred
        out["n_gold"] = self.n_gold
        return out


@dataclass
class Result:
    """All tallies for one system."""

    all: Tally = field(default_factory=Tally)
    direct: Tally = field(default_factory=Tally)
    pure: Tally = field(default_factory=Tally)
    verdicts: dict[str, dict[Any, tuple[bool | None, bool | None]]] = field(
        default_factory=lambda: {"all": {}, "direct": {}, "pure": {}}
    )

    def add(self, other: Result) -> None:
        """Add ``other``'s tallies (one article's) into this result's."""
        self.all.add(other.all)
        self.direct.add(other.direct)
        self.pure.add(other.pure)

    def scores(self) -> dict[str, dict[str, float]]:
        """:meth:`Tally.scores` of each subset, by subset name."""
        return {"all": self.all.scores(), "direct": self.direct.scores(),
                "pure": self.pure.scores()}


def read_gold(ann_text: str) -> list[Attribution]:
    """Attributions from one brat ``.ann`` file (Discard/Discuss tags ignored)."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[dict[str, str]] = []
    for line in ann_text.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            role, _, offs = parts[1].partition(" ")
            rng = tuple((int(a), int(b)) for a, b in (piece.split() for piece in offs.split(";")))
            spans[parts[0]] = (role, rng)
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if content is None:
            continue
        # a second stretch of the same content can be its own argument ("Content2:T45", as
        # PolNeAR does for "“A,” X said. “B.”"); it belongs to the same attribution
        extra = tuple(
            rng
            for key in sorted(k for k in ev if k.startswith("Content") and k != "Content")
            for rng in spans.get(ev[key], ("", ()))[1]
        )
        source = spans.get(ev.get("Source", ""), ("", ()))[1]
        cue = spans.get(ev.get("Cue", ""), ("", ()))[1]
        out.append(Attribution(content=content[1] + extra, source=source, cue=cue))
    return out


def load_gold_dir(gold_dir: Path) -> Iterator[tuple[str, str, list[Attribution]]]:
    """(article id, text, gold attributions) per article; the first annotator file by name."""
    for txt, anns in _annotated(gold_dir):
        yield txt.stem, txt.read_text("utf-8"), read_gold(anns[0].read_text("utf-8"))


def _annotated(gold_dir: Path) -> Iterator[tuple[Path, list[Path]]]:
    """(text file, its annotator files sorted by name) per article with at least one."""
    for txt in sorted((gold_dir / "text").glob("*.txt")):
        anns = sorted((gold_dir / "attributions").glob(txt.stem + "_*.ann"))
        if anns:
            yield txt, anns


def agreement(gold_dir: Path, limit: int = 0) -> tuple[int, dict[str, Result]]:
    """Annotators scored against each other by :func:`score_article`, on the articles with
    two or more annotator files (at most ``limit`` of them when given): ``vs first file``
    scores every other file against the first by name (the file the system runs are scored
    on); ``all ordered pairs`` scores every file against every other (symmetric: its
    precision equals its recall).  Returns the number of articles and the two results."""
    out = {"vs first file": Result(), "all ordered pairs": Result()}
    n = 0
    for txt, anns in _annotated(gold_dir):
        if limit and n >= limit:
            break
        if len(anns) < 2:
            continue
        n += 1
        text = txt.read_text("utf-8")
        files = [read_gold(a.read_text("utf-8")) for a in anns]
        pairs = {"vs first file": [(0, j) for j in range(1, len(files))],
                 "all ordered pairs": list(itertools.permutations(range(len(files)), 2))}
        for name, which in pairs.items():
            for g, p in which:
                out[name].add(score_article(text, files[g], files[p]))
    return n, out


def word_starts(text: str) -> list[int]:
    """Start offsets of the word tokens of ``text``."""
    return [m.start() for m in _WORD_RE.finditer(text)]


def token_set(starts: list[int], spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Indices of word tokens whose start lies inside any of ``spans``."""
    import bisect

    out: set[int] = set()
    for s, e in spans:
        lo = bisect.bisect_left(starts, s)
        hi = bisect.bisect_left(starts, e)
        out.update(range(lo, hi))
    return frozenset(out)


def _touch(a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]) -> bool:
    """True if any span of ``a`` shares a character with any span of ``b``."""
    bl = list(b)
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in bl)


def _name_matches(name: str | None, text: str, source: tuple[tuple[int, int], ...]) -> bool:
    """True if the resolved name's words and the gold Source's words nest (either way)."""
    if not name or not source:
        return False
    gold = {w.lower() for s, e in source for w in _WORD_RE.findall(text[s:e])} - _STOP
    pred = {w.lower() for w in _WORD_RE.findall(name)} - _STOP
    return bool(gold and pred) and (gold <= pred or pred <= gold)


def _has_quote(text: str, spans: tuple[tuple[int, int], ...], widen: int = 1) -> bool:
    """True if the spans, widened by ``widen`` characters each side, contain a quote mark.

    Apostrophes are not quote marks: one between letters ("Osei\u2019s", "don't") or after a
    plural's "s" before a space ("voters' rights"), judged by the characters around it.
    """
    for s, e in spans:
        for i in range(max(0, s - widen), min(len(text), e + widen)):
            if text[i] in _QUOTE_CHARS and not _APOSTROPHE.match(text, max(0, i - 1)):
                return True
    return False


def score_article(text: str, gold: list[Attribution], pred: list[Attribution]) -> Result:
    """Tallies for one article (all attributions and the direct subset)."""
    starts = word_starts(text)
    res = Result()
    _score_subset(text, starts, gold, pred, res.all, res.verdicts["all"])
    _score_subset(
        text,
        starts,
        [g for g in gold if _has_quote(text, g.content, widen=0)],
        [p for p in pred if _has_quote(text, p.content)],
        res.direct,
        res.verdicts["direct"],
    )
    _score_subset(
        text,
        starts,
        [g for g in gold if _is_pure(text, g.content, 0)],
        [p for p in pred if _is_pure(text, p.content, 1)],
        res.pure,
        res.verdicts["pure"],
    )
    return res


def bootstrap_f1(
    per_article: list[Result], subset: str, rounds: int, seed: int = 0
) -> tuple[float, float]:
    """2.5th and 97.5th percentiles of the content overlap F1 of ``subset`` over ``rounds``
    resamples of the articles, drawn with replacement (a percentile bootstrap: how far the
    score could move on another sample of articles like these)."""
    import numpy as np

    counts = np.array(
        [[getattr(r, subset).n_pred, getattr(r, subset).n_gold, getattr(r, subset).overlap]
         for r in per_article],
        dtype=float,
    ).reshape(-1, 3)
    if not len(counts):
        return (0.0, 0.0)
    rng = np.random.default_rng(seed)
    sums = counts[rng.integers(0, len(counts), size=(rounds, len(counts)))].sum(axis=1)
    hits = sums[:, 2]
    # F1 = 2 * hits / (n_pred + n_gold), the same value as 2PR / (P + R)
    f1 = np.divide(2 * hits, sums[:, 0] + sums[:, 1], out=np.zeros(rounds),
                   where=sums[:, 0] + sums[:, 1] > 0)
    lo, hi = np.percentile(f1, [2.5, 97.5])
    return (float(lo), float(hi))


def _is_pure(text: str, spans: tuple[tuple[int, int], ...], widen: int) -> bool:
    """True if the content opens with a quotation mark (``widen`` characters before it)."""
    s = spans[0][0]
    return any(ch in _QUOTE_CHARS for ch in text[max(0, s - widen) : s + 1])


def _score_subset(
    text: str,
    starts: list[int],
    gold: list[Attribution],
    pred: list[Attribution],
    t: Tally,
    verdicts: dict[Any, tuple[bool | None, bool | None]],
) -> None:
    """Match ``pred`` to ``gold`` one-to-one, add the counts to ``t``, and record each
    matched gold attribution's (speaker ok, cue ok) in ``verdicts`` (None = no gold span)."""
    g_sets = [token_set(starts, g.content) for g in gold]
    p_sets = [token_set(starts, p.content) for p in pred]
    t.n_gold += sum(1 for s in g_sets if s)
    t.n_pred += sum(1 for s in p_sets if s)
    t.exact += _greedy(p_sets, g_sets, exact=True)[0]
    n, pairs = _greedy(p_sets, g_sets, exact=False)
    t.overlap += n
    for pi, gi in pairs:
        g, p = gold[gi], pred[pi]
        spk = cue = None
        if g.source:
            t.spk_n += 1
            ok = bool(p.source) and _touch(p.source, g.source)
            spk = ok or _name_matches(p.name, text, g.source)
            t.spk_ok += spk
        if g.cue:
            t.cue_n += 1
            cue = bool(p.cue) and _touch(p.cue, g.cue)
            t.cue_ok += cue
        verdicts[g.content] = (spk, cue)


def _greedy(
    p_sets: list[frozenset[int]], g_sets: list[frozenset[int]], exact: bool
) -> tuple[int, list[tuple[int, int]]]:
    """Number of one-to-one matches and the matched (pred, gold) index pairs."""
    cands = []
    for pi, ps in enumerate(p_sets):
        for gi, gs in enumerate(g_sets):
            if not ps or not gs:
                continue
            inter = len(ps & gs)
            if exact and ps != gs:
                continue
            if not exact and inter * 2 < max(len(ps), len(gs)):
                continue
            cands.append((inter / max(len(ps), len(gs)), pi, gi))
    cands.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, pi, gi in cands:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        pairs.append((pi, gi))
    return len(pairs), pairs


def group_by_cue(
    items: Iterable[tuple[tuple[int, int], _Opt, _Opt, str | None]],
) -> list[Attribution]:
    """Attributions from (content, source, cue, name) tuples, merging those sharing a cue."""
    out: list[Attribution] = []
    by_cue: dict[tuple[int, int], int] = {}
    for content, source, cue, name in items:
        if cue is not None and cue in by_cue:
            k = by_cue[cue]
            old = out[k]
            out[k] = Attribution(old.content + (content,), old.source, old.cue, old.name)
            continue
        if cue is not None:
            by_cue[cue] = len(out)
        out.append(
            Attribution((content,), (source,) if source else (), (cue,) if cue else (), name)
        )
    return out


def ours(doc: Any) -> list[Attribution]:
    """newsprism's attributions for a parsed Doc (scare quotes dropped)."""
    from ..extract.quotes import extract_quotes

    rows = []
    for q in extract_quotes(doc):
        if q.kind == "scare":
            continue
        src = (q.speaker.start, q.speaker.end) if q.speaker else None
        cue = (q.cue.start, q.cue.end) if q.cue else None
        rows.append(((q.start, q.end), src, cue, q.speaker.name if q.speaker else None))
    return group_by_cue(rows)


def textacy_attributions(doc: Any) -> list[Attribution]:
    """textacy ``direct_quotations`` triples as attributions (speaker name = its text)."""
    from textacy.extract.triples import direct_quotations

    rows = []
    try:
        triples = list(direct_quotations(doc))
    except Exception:  # noqa: BLE001 - the anchor must not stop the run
        triples = []
    for tri in triples:
        content = (tri.content.start_char, tri.content.end_char)
        src = _tok_span(tri.speaker)
        cue = _tok_span(tri.cue)
        name = " ".join(t.text for t in tri.speaker) if tri.speaker else None
        rows.append((content, src, cue, name))
    return group_by_cue(rows)


def _tok_span(toks: list[Any]) -> tuple[int, int] | None:
    """Character span from the first to the last of ``toks``."""
    if not toks:
        return None
    first = min(toks, key=lambda t: t.i)
    last = max(toks, key=lambda t: t.i)
    return first.idx, last.idx + len(last)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``newsprism eval quotes``."""
    parser.add_argument(
        "--gold-dir",
        type=Path,
        required=True,
        help="PolNeAR split folder with text/ and attributions/ "
        "(e.g. ../shared/benchmarks/polnear/data/dev)",
    )
    parser.add_argument(
        "--anchor",
        choices=["textacy", "none"],
        default="textacy",
        help="anchor system scored by the same scorer (default: textacy)",
    )
    parser.add_argument("--limit", type=int, default=0, help="score only the first N articles")
    parser.add_argument(
        "--every",
        type=int,
        default=1,
        metavar="N",
        help="score every Nth article (by name), starting at --offset: a disjoint sample, "
        "e.g. the train quarters --every 4 --offset 0..3 (default 1: all)",
    )
    parser.add_argument("--offset", type=int, default=0, metavar="K",
                        help="first article of --every (0-based; default 0)")
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    parser.add_argument(
        "--bootstrap",
        type=int,
        default=1000,
        metavar="N",
        help="95%% interval of each content overlap F1 from N resamples of the articles "
        "(with replacement, seed 0; default 1000; 0 = none)",
    )
    parser.add_argument(
        "--agreement",
        action="store_true",
        help="run no system: score the annotators against each other on the articles with "
        "two or more annotator files (the same scorer's human ceiling)",
    )


def run(args: argparse.Namespace) -> int:
    """Score ours (and the anchor) on ``--gold-dir``; print a table; 0 on success."""
    from rich.progress import Progress

    from ..extract.entities import extract_entities
    from ..extract.quotes import extract_quotes
    from ..nlp import load

    gold_dir: Path = args.gold_dir
    if not (gold_dir / "text").is_dir():
        print(f"error: {gold_dir}/text not found", file=sys.stderr)
        return 2
    if args.agreement:
        return _run_agreement(args)
    if args.every < 1 or not 0 <= args.offset < args.every:
        print("error: --every must be >= 1 and --offset in 0..every-1", file=sys.stderr)
        return 2
    arts = list(load_gold_dir(gold_dir))[args.offset :: args.every]
    if args.limit:
        arts = arts[: args.limit]
    nlp = load()
    systems = {"newsprism": Result()}
    if args.anchor == "textacy":
        systems["textacy"] = Result()
    per_article: dict[str, list[Result]] = {name: [] for name in systems}
    t_parse = t_ours = t_ents = 0.0
    common: dict[tuple[str, str], list[int]] = {}
    with Progress(transient=True, console=_stderr_console()) as bar:
        task = bar.add_task("parsing", total=len(arts))
        docs = []
        t0 = time.perf_counter()
        for doc in nlp.pipe((text for _, text, _ in arts), batch_size=8):
            docs.append(doc)
            bar.advance(task)
        t_parse = time.perf_counter() - t0
        task = bar.add_task("scoring", total=len(arts))
        for (_aid, text, gold), doc in zip(arts, docs, strict=True):
            t1 = time.perf_counter()
            extract_quotes(doc)
            t2 = time.perf_counter()
            extract_entities(doc)  # timed apart: extract_quotes calls it for speaker names
            t_ents += time.perf_counter() - t2
            t_ours += t2 - t1
            preds = {"newsprism": ours(doc)}
            if "textacy" in systems:
                preds["textacy"] = textacy_attributions(doc)
            results = {name: score_article(text, gold, pred) for name, pred in preds.items()}
            for name, res in results.items():
                systems[name].add(res)
                per_article[name].append(res)
            if len(results) == 2:
                _add_common(results, common)
            bar.advance(task)
    report = {name: r.scores() for name, r in systems.items()}
    for (name, subset), (s_ok, s_n, c_ok, c_n) in common.items():
        report[name][subset]["speaker_acc_common"] = s_ok / s_n if s_n else 0.0
        report[name][subset]["cue_acc_common"] = c_ok / c_n if c_n else 0.0
    if args.bootstrap > 0:
        for name, arts_res in per_article.items():
            for subset in ("all", "direct", "pure"):
                report[name][subset]["overlap_f1_ci"] = bootstrap_f1(
                    arts_res, subset, args.bootstrap
                )
        report["bootstrap"] = {"resamples": args.bootstrap, "seed": 0, "unit": "article"}
    report["timing"] = {
        "articles": len(arts),
        "parse_s": t_parse,
        "extract_s": t_ours,
        "ratio": t_ours / t_parse if t_parse else 0.0,
        "entities_s": t_ents,
    }
    print(format_table(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), "utf-8")
    return 0


def _run_agreement(args: argparse.Namespace) -> int:
    """``--agreement``: print (and write) the annotators' agreement table."""
    n, results = agreement(args.gold_dir, args.limit)
    if not n:
        print(f"error: no article in {args.gold_dir} has two or more annotator files",
              file=sys.stderr)
        return 2
    report: dict[str, Any] = {name: r.scores() for name, r in results.items()}
    report["articles"] = n
    print(f"annotator agreement on {n} articles with two or more annotator files")
    print(format_table(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), "utf-8")
    return 0


def _add_common(results: dict[str, Result], common: dict[tuple[str, str], list[int]]) -> None:
    """Add speaker/cue verdicts on gold attributions that BOTH systems matched."""
    for subset in ("all", "direct", "pure"):
        shared = set.intersection(*(set(r.verdicts[subset]) for r in results.values()))
        for name, res in results.items():
            acc = common.setdefault((name, subset), [0, 0, 0, 0])
            for key in shared:
                spk, cue = res.verdicts[subset][key]
                if spk is not None:
                    acc[0] += spk
                    acc[1] += 1
                if cue is not None:
                    acc[2] += cue
                    acc[3] += 1


def _stderr_console() -> Any:
    """A rich console writing to stderr."""
    from rich.console import Console

    return Console(stderr=True)


_SUBSETS = [
    ("all", "all attributions"),
    ("direct", "direct: gold Content contains a quotation mark"),
    ("pure", "pure direct: gold Content opens with a quotation mark"),
]
_ROWS = [
    ("Content exact P", "exact_p"),
    ("Content exact R", "exact_r"),
    ("Content exact F1", "exact_f1"),
    ("Content overlap P", "overlap_p"),
    ("Content overlap R", "overlap_r"),
    ("Content overlap F1", "overlap_f1"),
    ("  95% interval (bootstrap)", "overlap_f1_ci"),
    ("Speaker accuracy", "speaker_acc"),
    ("Cue accuracy", "cue_acc"),
    ("Speaker acc., both matched", "speaker_acc_common"),
    ("Cue acc., both matched", "cue_acc_common"),
    ("Predicted / gold", "n_pred"),
]


def format_table(report: dict[str, Any]) -> str:
    """The side-by-side plain-text table of a report."""
    names = [k for k, v in report.items() if isinstance(v, dict) and "all" in v]
    width = max(12, *(len(n) + 2 for n in names))
    lines = [f"{'metric':28}" + "".join(f"{n:>{width}}" for n in names)]
    for subset, title in _SUBSETS:
        lines.append(f"-- {title}")
        for label, key in _ROWS:
            if key != "n_pred" and not any(key in report[n][subset] for n in names):
                continue  # e.g. the "both matched" rows of a single system or --agreement
            cells = []
            for n in names:
                sc = report[n][subset]
                if key == "n_pred":
                    cells.append(f"{int(sc['n_pred'])}/{int(sc['n_gold'])}".rjust(width))
                elif key == "overlap_f1_ci" and key in sc:
                    cells.append(f"{sc[key][0]:.3f}-{sc[key][1]:.3f}".rjust(width))
                elif key in sc:
                    cells.append(f"{sc[key]:{width}.3f}")
                else:
                    cells.append(f"{'-':>{width}}")
            lines.append(f"{label:28}" + "".join(cells))
    bs = report.get("bootstrap")
    if bs:
        lines.append(
            f"95% intervals: percentile bootstrap over {bs['resamples']} resamples of the "
            f"{bs['unit']}s (seed {bs['seed']})"
        )
    tm = report.get("timing")
    if tm is None:
        return "\n".join(lines)
    lines.append(
        f"timing: {tm['articles']} articles, parse {tm['parse_s']:.2f}s, quote extraction "
        f"{tm['extract_s']:.2f}s ({100 * tm['ratio']:.1f}% of parse), of which entity "
        f"canonicalisation (extract_entities) ~{tm.get('entities_s', 0.0):.2f}s"
    )
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    _parser = argparse.ArgumentParser(prog="newsprism eval quotes")
    add_arguments(_parser)
    sys.exit(run(_parser.parse_args()))
