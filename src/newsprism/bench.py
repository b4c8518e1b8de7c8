"""``make bench``: throughput and memory, as ratios against a baseline in the same run.

These machines are noisy, so absolute times are printed for orientation only; what is
compared across runs and against targets are ratios measured in one process:

* pipeline: newsprism's full analysis (repair + parse + every extractor + span mapping)
  against bare ``nlp.pipe`` over the same texts (target: ratio >= 0.75);
* per extractor: its time over already-parsed docs as a share of parsing time
  (quotes: target <= 10%), and framing sentences per second (target >= 5,000);
* compare: seconds to compare a 50-article story (target: under a second);
* store: time per inserted article at growing store sizes, relative to the smallest
  (target: 100k at most 2x 1k), when the store's bench module is available.

The corpus is the bundled ``examples/`` articles repeated until it holds at least
``--min-bytes`` of text (default 1 MB).  Each timing is the best of ``--rounds`` rounds,
baseline and newsprism interleaved so drift affects both alike.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from . import nlp as nlp_module
from . import settings
from .model import Article

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def corpus(min_bytes: int, examples: Path = EXAMPLES) -> list[Article]:
    """The example articles, repeated (with distinct ids) to at least ``min_bytes``."""
    from .ingest import iter_articles

    base = [a for a in iter_articles([str(examples)]) if isinstance(a, Article)]
    if not base:
        raise SystemExit(f"no example articles found in {examples}")
    out: list[Article] = []
    size = 0
    while size < min_bytes:
        for a in base:
            out.append(replace(a, id=f"{a.id}-{len(out)}"))
            size += len(a.text.encode("utf-8"))
    return out


def _best(fn: Callable[[], Any], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_pipeline(articles: list[Article], rounds: int) -> dict[str, float]:
    import spacy

    from .pipeline import analyze

    nlp = nlp_module.load()
    plain = spacy.load(settings.get("nlp", "model"))  # spaCy as shipped, nothing of ours
    texts = [a.text for a in articles]

    def bare() -> None:
        for _ in plain.pipe(texts):
            pass

    def ours() -> None:
        for _ in analyze(articles, nlp=nlp):
            pass

    bare()  # warm-up: vocab growth and lazy data loading are not what we measure
    ours()
    t_bare, t_ours = float("inf"), float("inf")
    for _ in range(rounds):
        t_bare = min(t_bare, _best(bare, 1))
        t_ours = min(t_ours, _best(ours, 1))
    words = sum(len(t.split()) for t in texts)
    return {
        "articles": len(articles),
        "megabytes": sum(len(t.encode()) for t in texts) / 1e6,
        "words": words,
        "bare_s": t_bare,
        "newsprism_s": t_ours,
        "bare_articles_per_s": len(articles) / t_bare,
        "newsprism_articles_per_s": len(articles) / t_ours,
        "newsprism_words_per_s": words / t_ours,
        "throughput_ratio": t_bare / t_ours,
    }


def bench_extractors(articles: list[Article], rounds: int) -> dict[str, Any]:
    from .extract.dates import extract_dates
    from .extract.entities import extract_entities
    from .extract.figures import extract_figures
    from .extract.framing import extract_sentences
    from .extract.quotes import extract_quotes
    from .repair import repair

    nlp = nlp_module.load()
    texts = [a.text for a in articles]
    t_repair = _best(lambda: [repair(t) for t in texts], rounds)
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts))
    t_parse = time.perf_counter() - t0
    quotes = [extract_quotes(d) for d in docs]
    n_sents = sum(1 for d in docs for _ in d.sents)
    timings = {
        "repair": t_repair,
        "quotes": _best(lambda: [extract_quotes(d) for d in docs], rounds),
        "figures": _best(lambda: [extract_figures(d) for d in docs], rounds),
        "entities": _best(lambda: [extract_entities(d) for d in docs], rounds),
        "dates": _best(lambda: [extract_dates(d, "2024-01-01") for d in docs], rounds),
        "framing": _best(
            lambda: [extract_sentences(d, q) for d, q in zip(docs, quotes, strict=True)], rounds
        ),
    }
    return {
        "parse_s": t_parse,
        "sentences": n_sents,
        "share_of_parse": {k: v / t_parse for k, v in timings.items()},
        "framing_sentences_per_s": n_sents / timings["framing"],
    }


def bench_compare(articles: list[Article], size: int = 50, rounds: int = 3) -> dict[str, float]:
    """Seconds to compare a ``size``-article story (target: under one second)."""
    from .compare import compare
    from .pipeline import analyze

    analyses = list(analyze(articles[:size]))
    compare(analyses)  # warm-up (lexicons, settings)
    return {"articles": len(analyses), "seconds": _best(lambda: compare(analyses), rounds)}


#: bench_insert keys and their column headings.
STORE_COLUMNS = {"n": "articles", "ms_per_article": "ms wall", "cpu_ms_per_article": "ms CPU",
                 "candidates_mean": "cands", "stories": "stories", "ratio": "ratio CPU",
                 "wall_ratio": "ratio wall"}


def bench_store() -> list[dict[str, Any]] | None:
    try:
        from .store.bench import bench_insert
    except ImportError:
        return None
    return bench_insert()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m newsprism.bench", description=(__doc__ or "").split("\n")[0]
    )
    ap.add_argument("--min-bytes", type=int, default=1_000_000, help="corpus size (default 1 MB)")
    ap.add_argument("--rounds", type=int, default=2, help="best of N rounds (default 2)")
    ap.add_argument("--skip-store", action="store_true", help="skip the store insertion bench")
    ap.add_argument("--json", metavar="PATH", help="also write the numbers as JSON")
    args = ap.parse_args(argv)
    console = Console()

    articles = corpus(args.min_bytes)
    console.print(f"corpus: {len(articles)} articles from {EXAMPLES.name}/ …", highlight=False)
    result: dict[str, Any] = {"pipeline": bench_pipeline(articles, args.rounds)}
    p = result["pipeline"]
    t = Table(title=f"Pipeline over {p['megabytes']:.2f} MB ({p['words']:,} words)")
    for col in ("", "articles/s", "words/s", "seconds"):
        t.add_column(col, justify="right")
    t.add_row("bare nlp.pipe", f"{p['bare_articles_per_s']:.1f}",
              f"{p['words'] / p['bare_s']:,.0f}", f"{p['bare_s']:.2f}")  # fmt: skip
    t.add_row("newsprism analyze", f"{p['newsprism_articles_per_s']:.1f}",
              f"{p['newsprism_words_per_s']:,.0f}", f"{p['newsprism_s']:.2f}")  # fmt: skip
    console.print(t)
    console.print(
        f"throughput ratio newsprism / bare spaCy: [bold]{p['throughput_ratio']:.3f}[/] "
        f"(target >= 0.75)"
    )

    e = bench_extractors(articles, args.rounds)
    result["extractors"] = e
    t = Table(title="Each stage's time as a share of parsing time (same docs, same run)")
    t.add_column("stage")
    t.add_column("share of parse", justify="right")
    for k, v in e["share_of_parse"].items():
        t.add_row(k, f"{100 * v:.1f}%")
    console.print(t)
    console.print(
        f"quotes add {100 * e['share_of_parse']['quotes']:.1f}% to parsing (target <= 10%); "
        f"framing: {e['framing_sentences_per_s']:,.0f} sentences/s (target >= 5,000)"
    )
    c = bench_compare(articles)
    result["compare"] = c
    console.print(
        f"compare of a {c['articles']}-article story: {c['seconds']:.2f} s (target < 1 s)"
    )
    result["peak_rss_mb"] = peak_rss_mb()
    console.print(f"peak RSS: {result['peak_rss_mb']:.0f} MiB")

    if not args.skip_store:
        store = bench_store()
        if store is not None:
            result["store"] = store
            t = Table(title="Store insertion: time per article as the store grows")
            for col in STORE_COLUMNS.values():
                t.add_column(col, justify="right")
            for row in store:
                t.add_row(*(f"{row[k]:.4g}" if isinstance(row[k], float) else str(row[k])
                            for k in STORE_COLUMNS))
            console.print(t)
            last = store[-1]
            console.print(f"insert cost at {last['n']:,} articles: {last['ratio']:.2f}x that at "
                          f"{store[0]['n']:,} in CPU time, {last['wall_ratio']:.2f}x wall "
                          "(target <= 2x)")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
