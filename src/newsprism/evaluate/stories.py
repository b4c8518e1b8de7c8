"""``newsprism eval stories --ecb PATH``: story grouping on ECB+ against a TF-IDF anchor.

Gold: ECB+ sub-topics (one seminal event each; two similar events per topic).  Documents
are analysed with spaCy (``newsprism.nlp.load()``) for entities (canonical names via
``newsprism.extract.entities`` when present), numeric figures and dates, then grouped
incrementally by :func:`newsprism.stories.group` in a seeded random order, followed by the
store's ``regroup`` (re-placement and story merges; the anchor is order-free).  Anchor:
scikit-learn TF-IDF + average-link agglomerative clustering (cosine distance threshold
``--anchor-threshold``).  Scores: B-cubed and pairwise P/R/F1.
"""

from __future__ import annotations

import argparse
import calendar
import json
import pickle
import random
import re
import sys
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from ..model import Analysis, Article, DateRef, Entity, Figure

FIGURE_LABELS = {"CARDINAL": None, "MONEY": "money", "QUANTITY": None, "PERCENT": "%"}
_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")
_MONTHS = {m.casefold(): i for i, m in enumerate(calendar.month_name) if m} | {
    m.casefold(): i for i, m in enumerate(calendar.month_abbr) if m
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_FIRST = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?\s*,?\s*(\d{{4}})\b", re.I)
_MONTH_FIRST = re.compile(
    rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(\d{{4}})\b", re.I
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``newsprism eval stories``."""
    parser.add_argument(
        "--ecb", required=True, help="ecbplus_documents.jsonl (../shared/benchmarks/ecbplus/)"
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N topics")
    parser.add_argument("--seed", type=int, default=0, help="order in which articles arrive")
    parser.add_argument(
        "--anchor-threshold",
        type=float,
        default=0.8,
        help="cosine distance threshold of the TF-IDF anchor",
    )
    parser.add_argument(
        "--dateline-chars",
        type=int,
        default=0,
        help="take 'published' from a full date this close to the start (0: off)",
    )
    parser.add_argument(
        "--cache",
        default=None,
        help="pickle of the spaCy analyses (written if missing, read if present)",
    )
    parser.add_argument("--json", default=None, help="also write the numbers to this file")


def load_ecb(path: str, limit: int | None = None) -> list[dict[str, Any]]:
    """ECB+ documents with ``text`` (URL sentence of ecbplus documents dropped)."""
    docs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if limit is not None and d["topic"] > limit:
                continue
            sents = d["sentences"]
            if d["subtopic"].endswith("ecbplus") and sents:
                sents = sents[1:]
            d["text"] = " ".join(sents)
            docs.append(d)
    return docs


def dateline(text: str, window: int) -> str | None:
    """The first full date (ISO) in the first ``window`` characters (a news dateline), or None.

    ECB+ keeps no publication dates; many documents open with one, which is what an ingested
    article's ``published`` metadata would carry.
    """
    head = text[:window]
    found = []
    for m in _DAY_FIRST.finditer(head):
        found.append((m.start(), int(m.group(3)), _MONTHS[m.group(2).casefold()], int(m.group(1))))
    for m in _MONTH_FIRST.finditer(head):
        found.append((m.start(), int(m.group(3)), _MONTHS[m.group(1).casefold()], int(m.group(2))))
    for _, year, month, day in sorted(found):
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


def _figure(ent: Any) -> Figure | None:
    """A Figure from a spaCy numeric entity with digits, else None."""
    m = _NUM.search(ent.text)
    if m is None:
        return None
    try:
        value = float(m.group().replace(",", ""))
    except ValueError:
        return None
    unit = FIGURE_LABELS[ent.label_]
    return Figure(ent.start_char, ent.end_char, ent.text, value, None, None, unit, "=", None)


def _entities(doc: Any) -> list[Entity]:
    """Named entities with canonical names (the project's extractor when importable)."""
    try:
        from ..extract.entities import extract_entities

        return list(extract_entities(doc))
    except ImportError:  # pragma: no cover - fallback while the extractor is missing
        return [
            Entity(e.start_char, e.end_char, e.text, e.label_, e.text)
            for e in doc.ents
            if e.label_ not in FIGURE_LABELS and e.label_ not in {"DATE", "TIME", "ORDINAL"}
        ]


def _dates(doc: Any) -> list[DateRef]:
    """Time expressions by the project's date extractor, with no publication date to resolve
    against (ECB+ keeps none): years and full dates resolve, months and weekdays stay named."""
    from ..extract.dates import extract_dates

    return extract_dates(doc)


def analyse(docs: Sequence[dict[str, Any]], progress: bool = True) -> list[Analysis]:
    """Analyses (entities, figures, dates) of ECB+ documents via spaCy."""
    from rich.progress import Progress

    from ..nlp import load

    nlp = load()
    out = []
    with Progress(transient=True, disable=not progress, console=None) as bar:
        task = bar.add_task("spaCy", total=len(docs))
        for d, doc in zip(docs, nlp.pipe((d["text"] for d in docs), batch_size=32), strict=True):
            figs = [f for e in doc.ents if e.label_ in FIGURE_LABELS if (f := _figure(e))]
            art = Article(d["doc_name"], d["source_path"], None, None, None, d["text"])
            out.append(
                Analysis(
                    article=art,
                    entities=tuple(_entities(doc)),
                    figures=tuple(figs),
                    dates=tuple(_dates(doc)),
                )
            )
            bar.advance(task)
    return out


def bcubed(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) of a clustering against gold labels."""
    pc: dict[Hashable, set[int]] = defaultdict(set)
    gc: dict[Hashable, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(pred, gold, strict=True)):
        pc[p].add(i)
        gc[g].add(i)
    n = len(gold)
    prec = sum(len(pc[p] & gc[g]) / len(pc[p]) for p, g in zip(pred, gold, strict=True)) / n
    rec = sum(len(pc[p] & gc[g]) / len(gc[g]) for p, g in zip(pred, gold, strict=True)) / n
    return prec, rec, _f1(prec, rec)


def pairwise(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """Pairwise (precision, recall, F1): pairs put together vs pairs that belong together."""
    tp = fp = fn = 0
    n = len(gold)
    for i in range(n):
        for j in range(i + 1, n):
            same_p, same_g = pred[i] == pred[j], gold[i] == gold[j]
            tp += same_p and same_g
            fp += same_p and not same_g
            fn += same_g and not same_p
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    return prec, rec, _f1(prec, rec)


def _f1(p: float, r: float) -> float:
    """Harmonic mean of p and r (0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r else 0.0


def with_datelines(analyses: Sequence[Analysis], window: int) -> list[Analysis]:
    """Analyses whose article ``published`` is the dateline found in its opening, if any."""
    out = []
    for a in analyses:
        published = dateline(a.article.text, window) if window > 0 else None
        out.append(replace(a, article=replace(a.article, published=published)))
    return out


def ours(analyses: Sequence[Analysis], seed: int) -> dict[str, str]:
    """Article id -> story id from :func:`newsprism.stories.group` (seeded arrival order)."""
    from ..stories import group

    order = list(analyses)
    random.Random(seed).shuffle(order)
    return {aid: s.id for s in group(order) for aid in s.article_ids}


def anchor(texts: Sequence[str], threshold: float) -> list[int]:
    """Cluster labels from TF-IDF + average-link agglomerative clustering (cosine)."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    model = AgglomerativeClustering(
        n_clusters=None, distance_threshold=threshold, metric="cosine", linkage="average"
    )
    return [int(x) for x in model.fit_predict(matrix.toarray())]


def _cached_analyses(docs: Sequence[dict[str, Any]], cache: str | None) -> list[Analysis]:
    """Analyses from the pickle cache when it matches the documents, else freshly computed."""
    names = [d["doc_name"] for d in docs]
    if cache and Path(cache).exists():
        with open(cache, "rb") as fh:
            stored = pickle.load(fh)
        if [a.article.id for a in stored] == names:
            return stored
    result = analyse(docs, progress=sys.stderr.isatty())
    if cache:
        with open(cache, "wb") as fh:
            pickle.dump(result, fh)
    return result


def run(args: argparse.Namespace) -> int:
    """Run the evaluation, print the table, optionally write JSON; returns the exit status."""
    import sklearn

    docs = load_ecb(args.ecb, args.limit)
    gold = [d["subtopic"] for d in docs]
    analyses = with_datelines(_cached_analyses(docs, args.cache), args.dateline_chars)
    story_of = ours(analyses, args.seed)
    pred = [story_of[d["doc_name"]] for d in docs]
    base = anchor([d["text"] for d in docs], args.anchor_threshold)
    rows = {
        "newsprism": {
            "bcubed": bcubed(pred, gold),
            "pairwise": pairwise(pred, gold),
            "clusters": len(set(pred)),
        },
        f"anchor tfidf+agglomerative (sklearn {sklearn.__version__}, t={args.anchor_threshold})": {
            "bcubed": bcubed(base, gold),
            "pairwise": pairwise(base, gold),
            "clusters": len(set(base)),
        },
    }
    print(f"ECB+ story grouping: {len(docs)} documents, {len(set(gold))} gold sub-topics")
    head = f"{'system':<58} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'pw P':>6} {'pw R':>6} "
    print(head + f"{'pw F1':>6} {'#':>4}")
    for name, r in rows.items():
        nums = " ".join(f"{v:6.3f}" for v in (*r["bcubed"], *r["pairwise"]))
        print(f"{name:<58} {nums} {r['clusters']:>4}")
    if args.json:
        out = {
            name: {
                "bcubed": dict(zip(("p", "r", "f1"), r["bcubed"], strict=True)),
                "pairwise": dict(zip(("p", "r", "f1"), r["pairwise"], strict=True)),
                "clusters": r["clusters"],
            }
            for name, r in rows.items()
        }
        out["documents"] = len(docs)  # type: ignore[assignment]
        Path(args.json).write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    _parser = argparse.ArgumentParser(prog="newsprism eval stories")
    add_arguments(_parser)
    sys.exit(run(_parser.parse_args()))
