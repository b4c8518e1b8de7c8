"""The ``loaded`` score of a sentence: a small logistic model, exactly split among words.

Two kinds of evidence, both additive in the logit ``z``:

* **signals**: ``log(1 + count)`` of the outlet-voice signals of a sentence, one feature per
  signal kind and one per category of ``loaded`` words (``FEATURES``), weights ``w >= 0``, so
  a signal can only raise the score; plus three dampers, marks of plain attributed reporting
  (``DAMPERS``), weights ``v <= 0``;
* **context**: the spaCy pipeline's contextual token vectors (``doc.tensor``, one row per
  token, computed by its ``tok2vec`` layer from the word and its neighbours).  A linear
  function of their mean over the sentence's outlet-voice tokens is a sum of per-token terms,
  so each token ``t`` of the ``n`` counted gets its own share ``(u . tensor[t] - offset) / n``
  (positive: reads as loaded wording in context; negative: as plain reporting)::

    z      = b + w . x + v . d + sum_t (u . tensor[t] - offset) / n
    loaded = sigmoid(z)

Every part of ``z`` but the intercept and the dampers belongs to words with a span:
:func:`contributions` splits ``w . x`` among the signals and :class:`Context` gives the token
terms.  Weights are fitted as one logistic regression (:func:`fit`); they live in
``data/framing/weights.toml`` (intercept, signal and damper weights) and
``data/framing/context.toml`` (``u`` and ``offset``, tied to the spaCy pipeline that made
the tensors), both written by ``newsprism eval framing --write-weights``.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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
#: Dampers: marks of plain attributed reporting with weights <= 0: an attribution word or
#: quote in the sentence (0/1), ``log(1 + figures)``, and the share of tokens inside named
#: entities.
DAMPERS = ("attributed", "figures", "names")
_INDEX = {name: i for i, name in enumerate(FEATURES)}


@dataclass(frozen=True, slots=True)
class Context:
    """The contextual term: per counted token ``t`` of a sentence of ``n``, the share
    ``(u . tensor[t] - offset) / n`` of the logit (``u`` = ``weights``).

    ``pipeline`` names the spaCy pipeline (package name and ``version``) whose ``tok2vec``
    tensors ``u`` was fitted on; the term is only used with that pipeline (another one's
    tensors mean something else).
    """

    weights: tuple[float, ...]
    offset: float
    pipeline: str
    version: str = ""
    u: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "u", np.asarray(self.weights, dtype=np.float32))

    @property
    def width(self) -> int:
        """Tensor width the weights expect."""
        return len(self.weights)

    def token_terms(self, tensor: np.ndarray) -> np.ndarray:
        """``u . tensor[t] - offset`` per row of ``tensor`` (not yet divided by ``n``)."""
        return tensor @ self.u - self.offset

    def term(self, pooled: np.ndarray) -> float:
        """The term for a sentence given the mean of its counted token vectors."""
        return float(pooled @ self.u) - self.offset if len(pooled) else 0.0

    def to_toml(self, note: str) -> str:
        """The weights as the text of ``data/framing/context.toml``."""
        lines = [f"# {ln}" for ln in note.splitlines()]
        lines += ["", f'pipeline = "{self.pipeline}"', f'version = "{self.version}"',
                  f"offset = {self.offset:.6f}",
                  "# u: one weight per dimension of the pipeline's tok2vec tensor.",
                  "weights = ["]
        lines += [f"  {w:.6f}," for w in self.weights]
        return "\n".join(lines + ["]"]) + "\n"


@dataclass(frozen=True, slots=True)
class Weights:
    """Intercept, a weight >= 0 per feature, a weight <= 0 per damper, and the contextual
    term (None: no contextual term)."""

    intercept: float
    weights: tuple[float, ...]
    dampers: tuple[float, ...] = (0.0,) * len(DAMPERS)
    context: Context | None = None

    def to_toml(self, note: str) -> str:
        """Intercept, signal and damper weights as the text of ``data/framing/weights.toml``."""
        lines = [f"# {ln}" for ln in note.splitlines()]
        lines += ["", f"intercept = {self.intercept:.6f}", "", "[weights]"]
        lines += [f'"{n}" = {w:.6f}' for n, w in zip(FEATURES, self.weights, strict=True)]
        lines += ["", "[dampers]"]
        lines += [f'"{n}" = {w:.6f}' for n, w in zip(DAMPERS, self.dampers, strict=True)]
        return "\n".join(lines) + "\n"

    @property
    def vector(self) -> np.ndarray:
        """Feature then damper weights, aligned with :func:`vector`."""
        return np.array(self.weights + self.dampers)


def _read(name: str) -> dict:
    path = settings.data_path(f"framing/{name}")
    return tomllib.loads(path.read_text("utf-8")) if path.is_file() else {}


@lru_cache(maxsize=1)
def default_weights() -> Weights:
    """The shipped weights (``data/framing/weights.toml`` and ``context.toml``); unknown
    features weigh 0; the contextual term is dropped when ``[nlp] model`` is not the
    pipeline (name and installed version) it was fitted on."""
    raw = _read("weights.toml")
    table, damp = raw.get("weights", {}), raw.get("dampers", {})
    ctx = _read("context.toml")
    context = None
    name = str(settings.get("nlp", "model"))
    if ctx.get("weights") and ctx.get("pipeline") == name and ctx.get("version") in (
        None, pipeline_version(name)
    ):
        context = Context(tuple(float(v) for v in ctx["weights"]), float(ctx["offset"]),
                          name, str(ctx.get("version", "")))
    return Weights(
        float(raw["intercept"]),
        tuple(max(0.0, float(table.get(n, 0.0))) for n in FEATURES),
        tuple(min(0.0, float(damp.get(n, 0.0))) for n in DAMPERS),
        context,
    )


def pipeline_version(name: str) -> str | None:
    """Installed version of the spaCy pipeline package ``name`` (None if not found)."""
    from spacy.util import get_package_version

    return get_package_version(name)


def vector(
    features: Iterable[str],
    attributed: bool = False,
    figures: int = 0,
    entity_tokens: int = 0,
    tokens: int = 0,
) -> np.ndarray:
    """The signal part of the model input: ``log(1 + count)`` per feature name (one name
    per signal), then the dampers (see ``DAMPERS``)."""
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


def logit(x: np.ndarray, weights: Weights, context: float = 0.0) -> float:
    """``z`` for signal input ``x`` and contextual term ``context``."""
    k = len(FEATURES)
    wx = float(np.dot(x[:k], weights.weights))
    return (weights.intercept + wx + float(np.dot(x[k:], weights.dampers))
            + context_effect(context, wx))


def context_effect(context: float, wx: float) -> float:
    """The contextual term as it enters the logit: it may cancel at most
    ``[framing] context_max_damping`` of the signals' evidence ``wx`` (a sentence whose
    wording the lexicons flag is not talked out of it by its neighbours' vectors)."""
    if wx <= 0.0:
        return context
    return max(context, -float(settings.get("framing", "context_max_damping")) * wx)


def score(x: np.ndarray, weights: Weights, context: float = 0.0) -> float:
    """``loaded`` in [0, 1]: ``sigmoid`` of :func:`logit`."""
    return _sigmoid(logit(x, weights, context))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


def fast_score(
    features: Iterable[str],
    dampers: tuple[bool, int, int, int],
    weights: Weights,
    context: float = 0.0,
) -> float:
    """:func:`score` of ``vector(features, *dampers)`` in plain Python (no arrays: a
    sentence has few signals, and this runs once per sentence)."""
    counts: dict[int, int] = {}
    for name in features:
        i = _INDEX.get(name)
        if i is not None:
            counts[i] = counts.get(i, 0) + 1
    wx = 0.0
    for i, c in counts.items():
        wx += weights.weights[i] * math.log1p(c)
    z = weights.intercept + wx + context_effect(context, wx)
    attributed, figures, entity_tokens, tokens = dampers
    d = weights.dampers
    z += d[0] * float(attributed) + d[1] * math.log1p(figures)
    z += d[2] * (entity_tokens / tokens if tokens else 0.0)
    return _sigmoid(z)


def contributions(features: Sequence[str], weights: Weights) -> list[float]:
    """Each signal's share of ``w . x`` (same order as ``features``; sums to ``w . x``)."""
    x = vector(features)
    out = []
    for name in features:
        i = _INDEX.get(name)
        out.append(0.0 if i is None else weights.weights[i] * x[i] / np.expm1(x[i]))
    return out


def fit(
    x: np.ndarray,
    y: np.ndarray,
    pooled: np.ndarray | None = None,
    pipeline: str = "",
    version: str = "",
    l2: float = 0.001,
    l2_context: float = 0.0003,
) -> Weights:
    """L2-regularised logistic regression of ``y`` on rows of ``x`` (from :func:`vector`),
    feature weights constrained >= 0 and damper weights <= 0; with ``pooled`` (per row, the
    mean tensor of its counted tokens) also the contextual term, fitted on the centred mean
    (so ``offset`` is ``u`` applied to the training rows' mean).

    Returns the fitted :class:`Weights`.  Needs SciPy (an evaluation-only dependency).
    """
    from scipy.optimize import minimize

    n, k = x.shape
    centre = pooled.mean(axis=0) if pooled is not None else np.zeros(0)
    e = pooled - centre if pooled is not None else np.zeros((n, 0))
    full = np.hstack([x, e])
    penalty = np.concatenate([np.full(k, l2), np.full(e.shape[1], l2_context)])

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = theta[0] + full @ theta[1:]
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-12
        nll = -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
        nll += float(penalty @ theta[1:] ** 2)
        g = p - y
        grad = np.concatenate([[g.mean()], full.T @ g / n + 2 * penalty * theta[1:]])
        return nll, grad

    n_feat = len(FEATURES)
    bounds = ([(None, None)] + [(0.0, None)] * n_feat + [(None, 0.0)] * (k - n_feat)
              + [(None, None)] * e.shape[1])
    res = minimize(loss, np.zeros(full.shape[1] + 1), jac=True, bounds=bounds,
                   method="L-BFGS-B", options={"maxiter": 2000})
    theta = [float(v) for v in res.x]
    context = None
    if pooled is not None:
        u = np.array(theta[1 + k:])
        context = Context(tuple(theta[1 + k:]), float(u @ centre), pipeline, version)
    return Weights(theta[0], tuple(theta[1:1 + n_feat]), tuple(theta[1 + n_feat:1 + k]),
                   context)


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
