"""``newsprism eval figures``: figure extraction on NewsQuant, side by side with quantulum3.

Scoring follows the CQE evaluation (Almasian et al., EMNLP 2023) rule for rule:

* Per sentence, gold and predicted quantities are each sorted by normalised unit.
* For every gold quantity, predictions still unclaimed are scanned in order.  A
  prediction whose value matches (``numpy.isclose``-style, rtol 1e-5, atol 1e-8; a range
  matches only a range, end for end) counts a value hit while the sentence still has gold
  quantities left to credit; it counts a value+change hit when the change is equal too.
  If its unit also matches, it counts a value+unit hit, is removed from the pool, and the
  scan moves to the next gold quantity; otherwise the scan goes on.
* P = hits / predictions, R = hits / gold, F1 their harmonic mean.
* Gold ranges ("1.0-1.5") become pairs; for quantulum3, as in the CQE evaluation, gold
  ranges are averaged to one value because quantulum3 reports a range as its mean.

Units: ours are mapped to CQE names with ``data/figures/cqe_units.tsv`` (rates part by
part, "USD/bbl" -> "dollar per barrel"); a figure without a unit maps to the lemmas of
its concept without stop words (NewsQuant names counted nouns as units), or "-".
quantulum3's unit names are mapped with ``data/figures/quantulum_units.tsv``.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from ..model import Figure
from ..settings import data_path

_WORKER = Path(str(files("newsprism.evaluate").joinpath("figures_quantulum.py")))
_DEFAULT_ANCHOR_PY = ".venv-anchors/bin/python"


# --------------------------------------------------------------------------- scoring


@dataclass
class Counts:
    """Hit and total counts for one system on one data set."""

    gold: int = 0
    predicted: int = 0
    value: int = 0
    unit: int = 0
    change: int = 0

    def prf(self, hits: int) -> tuple[float, float, float]:
        """Precision, recall and F1 (0..1) for a hit count."""
        p = hits / self.predicted if self.predicted else 0.0
        r = hits / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def table(self) -> dict[str, dict[str, float]]:
        """P/R/F1 per metric, rounded to 3 decimals."""
        out = {}
        for name, hits in (
            ("value", self.value),
            ("value+unit", self.unit),
            ("value+change", self.change),
        ):
            p, r, f = self.prf(hits)
            out[name] = {"P": round(p, 3), "R": round(r, 3), "F1": round(f, 3)}
        return out


Value = float | tuple[float, float]


@dataclass
class Quantity:
    """A quantity as the CQE scorer sees it."""

    value: Value
    unit: str
    change: str = "="
    extra: dict[str, Any] = field(default_factory=dict)


def _close(a: float, b: float) -> bool:
    """numpy.isclose(a, b) with its default tolerances (rtol 1e-5, atol 1e-8)."""
    return abs(a - b) <= 1e-8 + 1e-5 * abs(b)


def values_match(gold: Value, pred: Value) -> bool:
    """Whether a predicted value matches a gold one (ranges only match ranges)."""
    if isinstance(gold, tuple) != isinstance(pred, tuple):
        return False
    if isinstance(gold, tuple) and isinstance(pred, tuple):
        return _close(pred[0], gold[0]) and _close(pred[1], gold[1])
    return _close(pred, gold)  # type: ignore[arg-type]


def score_sentence(gold: list[Quantity], pred: list[Quantity], counts: Counts) -> None:
    """Add one sentence's hits to ``counts`` using the CQE matching rules."""
    counts.gold += len(gold)
    counts.predicted += len(pred)
    pool = sorted(pred, key=lambda q: q.unit)
    left = len(gold)
    for g in sorted(gold, key=lambda q: q.unit):
        for p in list(pool):
            if not values_match(g.value, p.value):
                continue
            if left > 0:
                counts.value += 1
                left -= 1
            if p.change == g.change:
                counts.change += 1
            if p.unit == g.unit:
                counts.unit += 1
                pool.remove(p)
                break


def gold_value(raw: str, average_ranges: bool) -> Value:
    """A NewsQuant value string as a number or (low, high) pair."""
    raw = raw.strip()
    if "E" not in raw and not raw.startswith("-") and "-" in raw:
        a, b = (float(x) for x in raw.split("-", 1))
        return (a + b) / 2 if average_ranges else (a, b)
    return float(raw)


def load_gold(path: Path, average_ranges: bool = False) -> list[tuple[str, list[Quantity]]]:
    """NewsQuant sentences with their gold quantities."""
    data = json.loads(path.read_text("utf-8"))
    out = []
    for item in data:
        qs = [
            Quantity(
                gold_value(q["value"], average_ranges),
                q["normalized_unit"].lower().strip(),
                q["change"].strip(),
            )
            for q in item["quantities"]
        ]
        out.append((item["text"], qs))
    return out


# --------------------------------------------------------------------------- unit mapping


def _tsv(name: str) -> dict[str, str]:
    """A two-column TSV under data/figures as a dict."""
    rows = data_path(f"figures/{name}").read_text("utf-8").splitlines()
    return dict(r.split("\t")[:2] for r in rows if r.strip() and not r.startswith("#"))


def cqe_unit(fig: Figure, doc: Any, table: dict[str, str]) -> str:
    """The CQE name of a figure's unit (see the module docstring)."""
    if fig.unit is not None:
        if fig.unit in table:
            return table[fig.unit]
        return " per ".join(table.get(p, p.lower()) for p in fig.unit.split("/"))
    if not fig.concept:
        return "-"
    # a counted noun stands close to its number ("4,000 new teachers"); a concept
    # found elsewhere (a subject, an "of" phrase) is not a unit
    lo, hi = max(0, fig.start - 30), fig.end + 40 + len(fig.concept)
    at = doc.text.find(fig.concept, lo, hi)
    found: list[Any] = []
    if at >= 0:
        span = doc.char_span(at, at + len(fig.concept), alignment_mode="expand")
        found = list(span) if span is not None else []
    else:
        toks = [t for t in doc if lo <= t.idx <= hi]
        for w in fig.concept.split():
            tok = next((t for t in toks if t.text == w and t not in found), None)
            if tok is None:
                return "-"
            found.append(tok)
    if not found or found[-1].idx < fig.end or found[0].idx - fig.end > 30:
        return "-"
    kept = [t for t in found if not t.is_stop and not t.is_punct or t.text == "-"]
    out = "".join(t.lemma_.lower() + (t.whitespace_ if t.text != "-" else "") for t in kept)
    out = out.replace(" -", "-").strip()
    return out or "-"


def figure_quantity(fig: Figure, doc: Any, table: dict[str, str]) -> Quantity:
    """A figure as the CQE scorer sees it: ranges and moves as pairs in text order."""
    value: Value
    if fig.low is not None and fig.high is not None and fig.low != fig.high:
        if fig.value is not None and _close(fig.value, fig.low):
            value = (fig.high, fig.low)  # a move that went down
        else:
            value = (fig.low, fig.high)
    else:
        value = fig.value if fig.value is not None else (fig.low or 0.0)
    return Quantity(value, cqe_unit(fig, doc, table), fig.change)


def quantulum_quantity(q: dict[str, Any], table: dict[str, str]) -> Quantity:
    """A quantulum3 result as the CQE scorer sees it (value is the range's mean)."""
    name = q["unit"].lower().strip()
    return Quantity(float(q["value"]), table.get(name, name).strip(), "=")


# --------------------------------------------------------------------------- runners


def _progress(items: Iterable[Any], total: int, label: str) -> Iterable[Any]:
    """Items with a rich progress bar on stderr."""
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        for item in items:
            yield item
            bar.advance(task)


def parse_sentences(sentences: list[str]) -> list[Any]:
    """The sentences parsed by the newsprism pipeline."""
    from .. import nlp, settings

    pipe = nlp.load()
    batch = int(settings.get("nlp", "batch_size"))
    return list(_progress(pipe.pipe(sentences, batch_size=batch), len(sentences), "parsing"))


def time_ours(docs: list[Any], repeats: int) -> tuple[list[list[Figure]], float]:
    """Our figures per doc and the best CPU time (s) of ``repeats`` passes."""
    from ..extract.figures import extract_figures

    best = math.inf
    out: list[list[Figure]] = []
    for _ in range(max(1, repeats)):
        t0 = time.process_time()
        out = [extract_figures(d) for d in docs]
        best = min(best, time.process_time() - t0)
    return out, best


class QuantulumWorker:
    """quantulum3 in the anchors' interpreter, serving timing passes and results."""

    def __init__(self, sentences: list[str], python: str) -> None:
        self.proc = subprocess.Popen(
            [python, str(_WORKER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._send(json.dumps(sentences))

    def _send(self, line: str) -> None:
        """Write one line to the worker."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def _ask(self, command: str) -> dict[str, Any]:
        """Send a command and read its one-line JSON answer."""
        self._send(command)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            err = self.proc.stderr.read() if self.proc.stderr else ""
            raise RuntimeError(f"quantulum3 worker died: {err[-2000:]}")
        return json.loads(line)

    def timed_pass(self) -> float:
        """CPU seconds quantulum3 takes to parse every sentence once."""
        return float(self._ask("pass")["seconds"])

    def results(self) -> list[list[dict[str, Any]]]:
        """quantulum3's quantities per sentence; ends the worker."""
        out = self._ask("results")["results"]
        self.proc.wait(timeout=60)
        return out


def start_quantulum(sentences: list[str], python: str) -> QuantulumWorker | None:
    """A quantulum3 worker, or None (with a note on stderr) when it cannot run."""
    if not Path(python).exists():
        print(
            f"quantulum3 skipped: {python} not found (run scripts/anchors-venv.sh)", file=sys.stderr
        )
        return None
    try:
        return QuantulumWorker(sentences, python)
    except OSError as exc:
        print(f"quantulum3 skipped: {exc}", file=sys.stderr)
        return None


def interleaved_rates(
    docs: list[Any], worker: QuantulumWorker, rounds: int
) -> tuple[float, float, float]:
    """Sentences per CPU second for ours and quantulum3, and their ratio (medians).

    Each round times one quantulum3 pass, then runs our extractor over the same
    sentences for at least as much CPU time, so both see the same machine load.
    """
    from ..extract.figures import extract_figures

    ours, theirs, ratios = [], [], []
    for _ in _progress(range(max(1, rounds)), max(1, rounds), "timing"):
        q_secs = worker.timed_pass()
        n = 0
        t0 = time.process_time()
        while True:
            for d in docs:
                extract_figures(d)
            n += len(docs)
            spent = time.process_time() - t0
            if spent >= q_secs:
                break
        ours.append(n / spent)
        theirs.append(len(docs) / q_secs)
        ratios.append(ours[-1] / theirs[-1])
    return statistics.median(ours), statistics.median(theirs), statistics.median(ratios)


# --------------------------------------------------------------------------- NewsQuant


def eval_newsquant(args: argparse.Namespace) -> dict[str, Any]:
    """Scores, counts and throughput of ours and quantulum3 on a NewsQuant file."""
    gold = load_gold(Path(args.gold))
    if args.limit:
        gold = gold[: args.limit]
    sentences = [s for s, _ in gold]
    docs = parse_sentences(sentences)
    figs, secs = time_ours(docs, args.repeats)
    table = _tsv("cqe_units.tsv")
    ours = Counts()
    errors = []
    for (text, gq), doc, fs in zip(gold, docs, figs, strict=True):
        pq = [figure_quantity(f, doc, table) for f in fs]
        before = (ours.value, ours.unit, ours.change)
        score_sentence(gq, pq, ours)
        errors.append(
            {
                "text": text,
                "gold": [[q.value, q.unit, q.change] for q in gq],
                "ours": [
                    [q.value, q.unit, q.change, f.text, f.concept]
                    for q, f in zip(pq, fs, strict=True)
                ],
                "hits": [
                    a - b for a, b in zip((ours.value, ours.unit, ours.change), before, strict=True)
                ],
            }
        )
    result: dict[str, Any] = {
        "gold_file": str(args.gold),
        "sentences": len(sentences),
        "gold_quantities": ours.gold,
        "newsprism": {
            **ours.table(),
            "predicted": ours.predicted,
            "sentences_per_s": round(len(docs) / secs, 1),
        },
    }
    if args.errors:
        Path(args.errors).write_text(json.dumps(errors, indent=1, default=str), "utf-8")
    if not args.no_anchor:
        worker = start_quantulum(sentences, args.anchor_python)
        if worker is not None:
            print(
                f"timing quantulum3 and newsprism on {len(sentences)} sentences ...",
                file=sys.stderr,
            )
            ours_rate, q_rate, ratio = interleaved_rates(docs, worker, args.repeats)
            qres = worker.results()
            qtable = _tsv("quantulum_units.tsv")
            theirs = Counts()
            avg_gold = load_gold(Path(args.gold), average_ranges=True)[: len(sentences)]
            for (_, gq), res in zip(avg_gold, qres, strict=True):
                score_sentence(gq, [quantulum_quantity(x, qtable) for x in res], theirs)
            result["newsprism"]["sentences_per_s"] = round(ours_rate, 1)
            result["quantulum3"] = {
                **theirs.table(),
                "predicted": theirs.predicted,
                "sentences_per_s": round(q_rate, 1),
            }
            result["speedup"] = round(ratio, 1)
    return result


# --------------------------------------------------------------------------- quantulum tests


def eval_quantulum_tests(folder: Path, anchor_python: str, no_anchor: bool) -> dict[str, Any]:
    """Value and span agreement with quantulum3's own test fixtures (a sanity set)."""
    out: dict[str, Any] = {}
    for name in ("quantities.json", "quantities.ambiguity.json"):
        path = folder / name
        if not path.exists():
            continue
        items = json.loads(path.read_text("utf-8"))
        sentences = [it["req"] for it in items]
        gold = [[(float(r["value"]), r["surface"]) for r in it["res"]] for it in items]
        docs = parse_sentences(sentences)
        figs, _ = time_ours(docs, 1)
        ours = [[(_fig_scalar(f), f.text) for f in fs] for fs in figs]
        row = {
            "sentences": len(items),
            "gold": sum(len(g) for g in gold),
            "newsprism": _value_surface_prf(gold, ours),
        }
        if not no_anchor:
            worker = start_quantulum(sentences, anchor_python)
            if worker is not None:
                theirs = [
                    [(float(x["value"]), x["surface"]) for x in res] for res in worker.results()
                ]
                row["quantulum3"] = _value_surface_prf(gold, theirs)
        out[name] = row
    return out


def _fig_scalar(f: Figure) -> float:
    """A figure's single value (a range's mean, as quantulum3 reports ranges)."""
    if f.value is not None:
        return f.value
    if f.low is not None and f.high is not None:
        return (f.low + f.high) / 2
    return math.nan


def _value_surface_prf(
    gold: list[list[tuple[float, str]]], pred: list[list[tuple[float, str]]]
) -> dict[str, dict[str, float]]:
    """P/R/F1 of value matches and of value+surface-overlap matches, one-to-one."""
    out = {}
    for mode in ("value", "value+span"):
        hits = n_gold = n_pred = 0
        for g, p in zip(gold, pred, strict=True):
            n_gold += len(g)
            n_pred += len(p)
            pool = list(p)
            for gv, gs in g:
                for cand in pool:
                    pv, ps = cand
                    if not _close(pv, gv):
                        continue
                    if mode == "value+span" and not (gs in ps or ps in gs):
                        continue
                    hits += 1
                    pool.remove(cand)
                    break
        p_ = hits / n_pred if n_pred else 0.0
        r_ = hits / n_gold if n_gold else 0.0
        f_ = 2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0
        out[mode] = {"P": round(p_, 3), "R": round(r_, 3), "F1": round(f_, 3)}
    return out


# --------------------------------------------------------------------------- CLI


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``newsprism eval figures``."""
    parser.add_argument(
        "--gold",
        type=Path,
        help="NewsQuant JSON, e.g. ../shared/benchmarks/newsquant/data/"
        "formatted_test_set/NewsQuant.dev.json",
    )
    parser.add_argument(
        "--quantulum-tests",
        type=Path,
        metavar="DIR",
        help="folder with quantulum3's quantities*.json, e.g. "
        "../shared/benchmarks/quantulum3-tests",
    )
    parser.add_argument(
        "--anchor-python",
        default=_DEFAULT_ANCHOR_PY,
        help="interpreter with quantulum3 (default .venv-anchors/bin/python; "
        "create it with scripts/anchors-venv.sh)",
    )
    parser.add_argument("--no-anchor", action="store_true", help="do not run quantulum3")
    parser.add_argument(
        "--repeats",
        type=int,
        default=5,
        help="timing rounds; alone, our best CPU time counts; with quantulum3, each round "
        "times one quantulum3 pass and as much CPU time of ours, and medians count",
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    parser.add_argument("--errors", type=Path, help="write per-sentence gold vs ours here")
    parser.add_argument("--json", type=Path, help="also write the numbers here")


def _print_table(result: dict[str, Any]) -> None:
    """The side-by-side table on stdout."""
    print(
        f"NewsQuant: {result['sentences']} sentences, {result['gold_quantities']} gold quantities"
    )
    systems = [s for s in ("newsprism", "quantulum3") if s in result]
    header = f"{'metric':<14}" + "".join(f"{s + ' P/R/F1':>26}" for s in systems)
    print(header)
    for metric in ("value", "value+unit", "value+change"):
        cells = []
        for s in systems:
            m = result[s][metric]
            cells.append(f"{m['P']:.3f}/{m['R']:.3f}/{m['F1']:.3f}")
        print(f"{metric:<14}" + "".join(f"{c:>26}" for c in cells))
    print(f"{'predicted':<14}" + "".join(f"{result[s]['predicted']:>26}" for s in systems))
    print(f"{'sentences/s':<14}" + "".join(f"{result[s]['sentences_per_s']:>26}" for s in systems))
    if result.get("speedup"):
        print(f"speed-up (newsprism figures on parsed docs vs quantulum3): {result['speedup']}x")
    print("(quantulum3 has no change output; its value+change is scored against '=')")


def run(args: argparse.Namespace) -> int:
    """Run the evaluation; return the exit status."""
    if args.gold is None and args.quantulum_tests is None:
        print("give --gold PATH and/or --quantulum-tests DIR", file=sys.stderr)
        return 2
    result: dict[str, Any] = {}
    if args.gold is not None:
        if not Path(args.gold).exists():
            print(f"no such file: {args.gold}", file=sys.stderr)
            return 2
        result["newsquant"] = eval_newsquant(args)
        _print_table(result["newsquant"])
    if args.quantulum_tests is not None:
        result["quantulum_tests"] = eval_quantulum_tests(
            Path(args.quantulum_tests), args.anchor_python, args.no_anchor
        )
        for name, row in result["quantulum_tests"].items():
            print(f"\nquantulum3 tests {name}: {row['sentences']} sentences, {row['gold']} gold")
            for s in ("newsprism", "quantulum3"):
                if s in row:
                    cells = "  ".join(
                        f"{m} {v['P']:.3f}/{v['R']:.3f}/{v['F1']:.3f}" for m, v in row[s].items()
                    )
                    print(f"  {s:<11} {cells}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    _parser = argparse.ArgumentParser(prog="newsprism eval figures")
    add_arguments(_parser)
    sys.exit(run(_parser.parse_args()))
