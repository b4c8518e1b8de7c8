"""``newsprism eval framing``: sentence-level loading on BABE, against simple anchors.

Reads BABE (``final_labels_SG2.csv``, ``;``-separated, see the benchmark's SOURCE.md), drops
"No agreement" rows and runs stratified k-fold cross-validation (fixed seed).  In each fold
the weights of :mod:`newsprism.extract.framing_score` and the decision threshold are fitted
on the training folds only and scored on the held-out fold (also the same model without
its contextual term, as an ablation).  Side by side, in the same folds:

* VADER: ``abs(compound)`` (threshold fitted on the training folds);
* TF-IDF (word 1-2 grams) + logistic regression trained on the training folds.

Also reported: word-level precision/recall of outlet-voice ``loaded`` signals against the
annotators' ``biased_words`` (and of VADER's lexicon words as an anchor), and the framing
stage's throughput in sentences per second on the pre-parsed documents (parsing excluded).
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np

from ..errors import UsageError
from ..extract import framing, wordpieces
from ..extract import framing_score as model

DEFAULT_BABE = "../shared/benchmarks/babe-mbic/data/final_labels_SG2.csv"


@dataclass(frozen=True, slots=True)
class Row:
    """One BABE sentence: text, gold label (1 = Biased) and gold biased words."""

    text: str
    label: int
    words: tuple[str, ...]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``newsprism eval framing``."""
    parser.add_argument("--babe", required=True, help=f"BABE csv, e.g. {DEFAULT_BABE}")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (5)")
    parser.add_argument("--seed", type=int, default=13, help="fold shuffling seed (13)")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N rows")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    parser.add_argument(
        "--cache", type=Path,
        help="DocBin file caching the parsed sentences",
    )
    parser.add_argument(
        "--write-weights",
        type=Path,
        help="fit on all rows and write the weights file here (data/framing/weights.toml); "
        "the contextual weights go to context.toml beside it",
    )


def read_babe(path: Path, limit: int = 0) -> list[Row]:
    """BABE rows with a Biased/Non-biased label (``No agreement`` dropped)."""
    if not path.exists():
        raise UsageError(f"BABE file not found: {path}")
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for rec in csv.DictReader(fh, delimiter=";"):
            label = rec.get("label_bias", "")
            if label not in ("Biased", "Non-biased"):
                continue
            try:
                words = tuple(str(w).lower() for w in ast.literal_eval(rec["biased_words"] or "[]"))
            except (ValueError, SyntaxError):
                words = ()
            rows.append(Row(rec["text"], int(label == "Biased"), words))
            if limit and len(rows) >= limit:
                break
    return rows


def _parse(texts: list[str], cache: Path | None):
    """Parsed docs for ``texts`` (from/to the DocBin ``cache`` when given)."""
    from spacy.tokens import DocBin

    from .. import nlp

    pipeline = nlp.load()
    if cache and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(pipeline.vocab))
        if [d.text for d in docs] == texts:
            return docs
    docs = []
    with _progress() as bar:
        task = bar.add_task("parsing", total=len(texts))
        for doc in pipeline.pipe(texts, batch_size=64):
            docs.append(doc)
            bar.advance(task)
    if cache:
        DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs


def _progress():
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    )


def _auc(y: np.ndarray, s: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, s))


def _fold_metrics(y: np.ndarray, scores: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    return {"macro_f1": model.macro_f1(y, pred), "auc": _auc(y, scores)}


def _summary(per_fold: list[dict[str, float]]) -> dict[str, float]:
    out = {}
    for key in per_fold[0]:
        vals = np.array([f[key] for f in per_fold])
        out[key] = float(vals.mean())
        out[key + "_sd"] = float(vals.std())
    return out


def _word_prf(pred: Sequence[set[str]], gold: Sequence[set[str]]) -> dict[str, float]:
    tp = sum(len(p & g) for p, g in zip(pred, gold, strict=True))
    np_ = sum(len(p) for p in pred)
    ng = sum(len(g) for g in gold)
    prec = tp / np_ if np_ else 0.0
    rec = tp / ng if ng else 0.0
    return {
        "precision": prec,
        "recall": rec,
        "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
    }


def _row_vector(found: list[framing.SentenceHits]) -> np.ndarray:
    """Model input for a BABE row (usually one sentence; several are pooled)."""
    return model.vector(
        [h.feature for f in found for h in f.hits if h.voice is None],
        any(f.attributed for f in found),
        sum(f.figures for f in found),
        sum(f.entity_tokens for f in found),
        sum(f.tokens for f in found),
    )


def _row_pooled(found: list[framing.SentenceHits], width: int) -> np.ndarray:
    """Contextual input for a BABE row: the mean word-piece vector of its counted tokens
    (zeros when it has none)."""
    parts = [f.pooled() for f in found]
    n = sum(k for _, k in parts)
    total = sum((p for p, k in parts if k), np.zeros(width))
    return total / n if n else total


def _vectors() -> tuple[str, str]:
    """Package and installed version of the word-piece table behind the contextual term."""
    return wordpieces.PACKAGE, wordpieces.load().version


def _fold_scores(
    x: np.ndarray, e: np.ndarray | None, y: np.ndarray, train: np.ndarray, test: np.ndarray
) -> tuple[model.Weights, dict[str, float]]:
    """Fit on ``train`` (with the contextual input ``e`` unless None), score ``test``."""
    w = model.fit(x[train], y[train], None if e is None else e[train], *_vectors())

    def scores(idx: np.ndarray) -> np.ndarray:
        ctx = [0.0] * len(idx) if e is None else [w.context.term(e[i]) for i in idx]
        return np.array([model.score(x[i], w, c) for i, c in zip(idx, ctx, strict=True)])

    s_train, s_test = scores(train), scores(test)
    cut = model.best_threshold(s_train, y[train])
    return w, _fold_metrics(y[test], s_test, (s_test >= cut).astype(int))


def _throughput(docs: list, per_article: int = 30) -> dict[str, dict[str, float]]:
    """Sentences/s of :func:`framing.extract_sentences` on pre-parsed docs.

    Wall-clock and CPU time are both reported (CPU time is steadier on a shared machine).
    Measured on the docs as given (one BABE row each, the worst case: per-doc overhead
    dominates) and on article-sized docs of ``per_article`` rows joined with
    ``Doc.from_docs`` (annotations kept, no re-parsing).
    """
    from spacy.tokens import Doc

    from ..nlp import TEXT_KEY

    for doc in docs:  # Doc.from_docs cannot merge our cached text (spaCy warning W102)
        doc.user_data.pop(TEXT_KEY, None)
    articles = [Doc.from_docs(docs[i : i + per_article]) for i in range(0, len(docs), per_article)]
    out = {}
    for name, batch in (("one row per doc", docs), (f"{per_article} rows per doc", articles)):
        framing.extract_sentences(batch[0])
        start, cpu = time.perf_counter(), time.process_time()
        n = sum(len(framing.extract_sentences(doc)) for doc in batch)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        out[name] = {
            "sentences": n,
            "seconds": elapsed,
            "cpu_seconds": cpu,
            "sentences_per_s": n / elapsed if elapsed else float("inf"),
            "sentences_per_cpu_s": n / cpu if cpu else float("inf"),
        }
    return out


def run(args: argparse.Namespace) -> int:
    """Run the evaluation; print the table; return the exit status."""
    import sklearn
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    rows = read_babe(Path(args.babe), args.limit)
    if len(rows) < args.folds * 2:
        raise UsageError("too few labelled rows for cross-validation")
    texts = [r.text for r in rows]
    y = np.array([r.label for r in rows])
    docs = _parse(texts, args.cache)

    per_doc = [framing.sentence_hits(doc) for doc in docs]
    speed = _throughput(docs)

    x = np.vstack([_row_vector(d) for d in per_doc])
    width = wordpieces.load().width
    e = np.vstack([_row_pooled(d, width) for d in per_doc])

    vader = SentimentIntensityAnalyzer()
    v_scores = np.array([abs(vader.polarity_scores(t)["compound"]) for t in texts])

    folds = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=args.seed)
    ours, lexicon_only, vad, tfidf = [], [], [], []
    fold_weights = []
    for train, test in folds.split(texts, y):
        w, metrics = _fold_scores(x, e, y, train, test)
        fold_weights.append(w)
        ours.append(metrics)
        lexicon_only.append(_fold_scores(x, None, y, train, test)[1])
        vcut = model.best_threshold(v_scores[train], y[train])
        vad.append(_fold_metrics(y[test], v_scores[test], (v_scores[test] >= vcut).astype(int)))
        vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        xt = vec.fit_transform([texts[i] for i in train])
        clf = LogisticRegression(max_iter=2000).fit(xt, y[train])
        p = clf.predict_proba(vec.transform([texts[i] for i in test]))[:, 1]
        tfidf.append(_fold_metrics(y[test], p, (p >= 0.5).astype(int)))

    # Word level: outlet-voice loaded signals vs the annotators' biased words.
    pred_words = [
        {
            w.lower().strip(".,;:!?\"'“”‘’")
            for f in d
            for h in f.hits
            if h.voice is None and h.signal.kind == "loaded"
            for w in h.signal.text.split()
        }
        for d in per_doc
    ]
    gold_words = [set(r.words) for r in rows]
    lexicon = vader.lexicon
    vader_words = [
        {t.lower_ for t in doc if abs(lexicon.get(t.lower_, 0.0)) >= 1.5} for doc in docs
    ]
    results = {
        "rows": len(rows),
        "biased": int(y.sum()),
        "folds": args.folds,
        "seed": args.seed,
        "sentence": {
            "newsprism": _summary(ours),
            "newsprism_signals_only": _summary(lexicon_only),
            "vader_abs_compound": _summary(vad),
            "tfidf_logreg": _summary(tfidf),
        },
        "words": {
            "newsprism": _word_prf(pred_words, gold_words),
            "vader_lexicon_abs>=1.5": _word_prf(vader_words, gold_words),
        },
        "throughput": speed,
        "fold_weights": [dict(zip(model.FEATURES, w.weights, strict=True)) for w in fold_weights],
        "versions": {
            "scikit-learn": sklearn.__version__,
            "vaderSentiment": metadata.version("vaderSentiment"),
        },
    }
    _print(results)
    if args.write_weights:
        results["fitted_threshold"] = _write_weights(args.write_weights, x, e, y)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


def _write_weights(path: Path, x: np.ndarray, e: np.ndarray | None, y: np.ndarray) -> float:
    """Fit on all rows; write ``path`` (and ``context.toml`` beside it); return the
    macro-F1-optimal threshold on the same rows."""
    w = model.fit(x, y, e, *_vectors())
    ctx = [0.0] * len(y) if e is None else [w.context.term(v) for v in e]
    s_all = np.array([model.score(v, w, c) for v, c in zip(x, ctx, strict=True)])
    cut = model.best_threshold(s_all, y)
    source = (
        f"Fitted on all {len(y)} labelled BABE SG2 rows by `newsprism eval framing "
        "--write-weights`;\nonly these numbers come from the benchmark (no word, word list or "
        "sentence).\n"
    )
    note = (
        "Framing model weights (see newsprism.extract.framing_score).\n" + source
        + f"Macro-F1-optimal threshold on the same data: {cut:.4f}\n"
        "(set it as [framing] loaded_threshold in data/settings.toml)."
    )
    path.write_text(w.to_toml(note), encoding="utf-8")
    if w.context is not None:
        ctx_note = (
            "Contextual term of the framing model (see newsprism.extract.framing_score):\n"
            "per outlet-voice token t of a sentence of N word pieces, (u . v_t - offset * k_t)"
            " / N\nis added to the logit, where v_t is the sum of the token's k_t word-piece "
            "vectors\n(all-MiniLM-L6-v2's input embedding table, newsprism.extract.wordpieces)."
            "\n" + source + "The weights are over the table's embedding dimensions; there is "
            "no per-word number.\nValid only for the package and version named below."
        )
        path.with_name("context.toml").write_text(w.context.to_toml(ctx_note), "utf-8")
    print(f"wrote {path}; threshold {cut:.4f}", file=sys.stderr)
    return cut


def _print(res: dict) -> None:
    sent = res["sentence"]
    print(
        f"BABE: {res['rows']} sentences ({res['biased']} biased), "
        f"{res['folds']}-fold stratified CV, seed {res['seed']}"
    )
    print(f"{'sentence level':<24}{'macro F1':>14}{'ROC-AUC':>14}")
    for name, m in sent.items():
        print(
            f"{name:<24}{m['macro_f1']:>8.3f} ±{m['macro_f1_sd']:.3f}"
            f"{m['auc']:>8.3f} ±{m['auc_sd']:.3f}"
        )
    print(f"{'word level (biased_words)':<28}{'P':>8}{'R':>8}{'F1':>8}")
    for name, m in res["words"].items():
        print(f"{name:<28}{m['precision']:>8.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}")
    for name, v in res["throughput"].items():
        print(
            f"framing throughput, {name}: {v['sentences_per_s']:,.0f} sentences/s wall, "
            f"{v['sentences_per_cpu_s']:,.0f} per CPU-s ({v['sentences']} sentences, "
            "parsing excluded)"
        )
    print("versions: " + ", ".join(f"{k}=={v}" for k, v in res["versions"].items()))


if __name__ == "__main__":  # pragma: no cover
    _parser = argparse.ArgumentParser(prog="newsprism eval framing")
    add_arguments(_parser)
    raise SystemExit(run(_parser.parse_args()))
