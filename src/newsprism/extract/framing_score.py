"""The ``loaded`` score of a sentence: a small logistic model over signal counts.

Features are ``log(1 + count)`` of the outlet-voice signals of a sentence, one feature per
signal kind, and one per category for ``loaded`` words (``FEATURES``).  Weights are
non-negative, so each signal can only raise the score, and the score is rescaled so that a
sentence without signals scores exactly 0::

    z      = w . x + max(v . d, -max_damping * w . x)     (w >= 0, v <= 0)
    loaded = (sigmoid(b + z) - sigmoid(b)) / (1 - sigmoid(b))

where ``d`` are three dampers (marks of plain attributed reporting, ``DAMPERS``) that can
lower the evidence of the signals by at most ``max_damping`` but never create it.  Every
non-zero ``loaded`` is therefore explained by the signals that made it (``loaded > 0`` iff a
signal with positive weight is present), and :func:`contributions` splits ``w . x`` among
them.  Weights are fitted as a plain logistic regression on ``[x, d]``.  Weights live in
``data/framing/weights.toml`` (fitted by ``newsprism eval framing --write-weights``).
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .. import settings

LOADED_CATEGORIES = (
    "emotive",
    "evaluative",
    "dramatic",
    "pejorative",
    "sensational",
    "sneer",
    "ideological",
    "subjective",
)
OTHER_KINDS = (
    "intensifier",
    "doubt_cue",
    "scare_quote",
    "possessive_frame",
    "vague_source",
    "unattributed_claim",
    "hedge",
    "discourse_push",
)
#: Feature names, in model order: ``loaded.<category>`` then the other signal kinds.
FEATURES = tuple(f"loaded.{c}" for c in LOADED_CATEGORIES) + OTHER_KINDS
#: Dampers: marks of plain attributed reporting that lower (never raise) a non-zero score:
#: an attribution word or quote in the sentence (0/1), ``log(1 + figures)``, and the share
#: of tokens inside named entities.
DAMPERS = ("attributed", "figures", "names")
_INDEX = {name: i for i, name in enumerate(FEATURES)}


@dataclass(frozen=True, slots=True)
class Weights:
    """Intercept, a weight >= 0 per feature and a weight <= 0 per damper."""

    intercept: float
    weights: tuple[float, ...]
    dampers: tuple[float, ...] = (0.0,) * len(DAMPERS)
    max_damping: float = 0.5

    def to_toml(self, note: str) -> str:
        """The weights as the text of ``data/framing/weights.toml``."""
        lines = [f"# {ln}" for ln in note.splitlines()]
        lines += ["", f"intercept = {self.intercept:.6f}",
                  "# Dampers remove at most this share of the signals' evidence w . x.",
                  f"max_damping = {self.max_damping}", "", "[weights]"]
        lines += [f'"{n}" = {w:.6f}' for n, w in zip(FEATURES, self.weights, strict=True)]
        lines += ["", "[dampers]"]
        lines += [f'"{n}" = {w:.6f}' for n, w in zip(DAMPERS, self.dampers, strict=True)]
        return "\n".join(lines) + "\n"

    @property
    def vector(self) -> np.ndarray:
        """Feature then damper weights, aligned with :func:`vector`."""
        return np.array(self.weights + self.dampers)


@lru_cache(maxsize=1)
def default_weights() -> Weights:
    """The shipped weights (``data/framing/weights.toml``); unknown features weigh 0."""
    raw = tomllib.loads(settings.data_path("framing/weights.toml").read_text("utf-8"))
    table, damp = raw.get("weights", {}), raw.get("dampers", {})
    return Weights(
        float(raw["intercept"]),
        tuple(max(0.0, float(table.get(n, 0.0))) for n in FEATURES),
        tuple(min(0.0, float(damp.get(n, 0.0))) for n in DAMPERS),
        float(raw.get("max_damping", 0.5)),
    )


def vector(
    features: Iterable[str],
    attributed: bool = False,
    figures: int = 0,
    entity_tokens: int = 0,
    tokens: int = 0,
) -> np.ndarray:
    """The model input: ``log(1 + count)`` per feature name (one name per signal), then
    the dampers (see ``DAMPERS``)."""
    counts = np.zeros(len(FEATURES) + len(DAMPERS))
    for name in features:
        index = _INDEX.get(name)
        if index is not None:
            counts[index] += 1
    out = np.log1p(counts)
    k = len(FEATURES)
    out[k] = float(attributed)
    out[k + 1] = np.log1p(figures)
    out[k + 2] = entity_tokens / tokens if tokens else 0.0
    return out


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def score(x: np.ndarray, weights: Weights) -> float:
    """``loaded`` in [0, 1] for model input ``x``; exactly 0 when no feature fired."""
    k = len(FEATURES)
    z = float(np.dot(x[:k], weights.weights))
    if z <= 0.0:
        return 0.0
    z += max(float(np.dot(x[k:], weights.dampers)), -weights.max_damping * z)
    base = _sigmoid(weights.intercept)
    return max(0.0, min(1.0, (_sigmoid(weights.intercept + z) - base) / (1.0 - base)))


def contributions(features: Sequence[str], weights: Weights) -> list[float]:
    """Each signal's share of ``w . x`` (same order as ``features``; sums to ``w . x``)."""
    x = vector(features)
    out = []
    for name in features:
        i = _INDEX.get(name)
        out.append(0.0 if i is None else weights.weights[i] * x[i] / np.expm1(x[i]))
    return out


def fit(x: np.ndarray, y: np.ndarray, l2: float = 0.001) -> Weights:
    """L2-regularised logistic regression of ``y`` on rows of ``x`` (from :func:`vector`),
    feature weights constrained >= 0 and damper weights <= 0.

    Returns the fitted :class:`Weights`.  Needs SciPy (an evaluation-only dependency).
    """
    from scipy.optimize import minimize

    n, k = x.shape

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = theta[0] + x @ theta[1:]
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-12
        nll = -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
        nll += l2 * float(theta[1:] @ theta[1:])
        g = p - y
        grad = np.concatenate([[g.mean()], x.T @ g / n + 2 * l2 * theta[1:]])
        return nll, grad

    n_feat = len(FEATURES)
    bounds = [(None, None)] + [(0.0, None)] * n_feat + [(None, 0.0)] * (k - n_feat)
    res = minimize(loss, np.zeros(k + 1), jac=True, bounds=bounds, method="L-BFGS-B")
    weights = tuple(float(v) for v in res.x[1:])
    return Weights(float(res.x[0]), weights[:n_feat], weights[n_feat:])


def best_threshold(scores: np.ndarray, y: np.ndarray) -> float:
    """The cut on ``scores`` (predict loaded when ``score >= cut``) maximising macro F1."""
    candidates = np.unique(np.concatenate([[0.0, 1e-9], scores]))
    best, best_f1 = 0.5, -1.0
    for cut in candidates:
        f1 = macro_f1(y, (scores >= cut).astype(int))
        if f1 > best_f1:
            best, best_f1 = float(cut), f1
    return best


def macro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    """Unweighted mean of the F1 of class 1 and class 0."""
    total = 0.0
    for cls in (1, 0):
        tp = float(np.sum((pred == cls) & (y == cls)))
        fp = float(np.sum((pred == cls) & (y != cls)))
        fn = float(np.sum((pred != cls) & (y == cls)))
        total += 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)
    return total / 2
