"""The ``loaded`` score of a sentence: a small logistic model, exactly split among words.

Two kinds of evidence, both additive in the logit ``z``:

* **signals**: ``log(1 + count)`` of the outlet-voice signals of a sentence, one feature per
  signal kind and one per category of ``loaded`` words (``FEATURES``), weights ``w >= 0``, so
  a signal can only raise the score; plus three dampers, marks of plain attributed reporting
  (``DAMPERS``), weights ``v <= 0``;
* **context**: static word-piece vectors (the input embedding table of all-MiniLM-L6-v2,
  :mod:`newsprism.extract.wordpieces`: a table lookup per piece, no transformer layers, so a
  word's vector does not depend on its neighbours).  Each counted token ``t`` of a sentence
  is split into ``k_t`` pieces and carries the sum ``v_t`` of their vectors; the term is
  linear in the mean piece vector of the sentence's outlet-voice tokens, so each token gets
  its own share ``(u . v_t - offset * k_t) / N`` with ``N = sum_t k_t`` (positive: reads as
  loaded wording; negative: as plain reporting)::

    z      = b + w . x + v . d + sum_t (u . v_t - offset * k_t) / N
    loaded = sigmoid(z)

Every part of ``z`` but the intercept and the dampers belongs to words with a span:
:func:`contributions` splits ``w . x`` among the signals and :class:`Context` gives the token
terms.  Weights are fitted as one logistic regression (:func:`fit`); they live in
``data/framing/weights.toml`` (intercept, signal and damper weights) and
``data/framing/context.toml`` (``u`` and ``offset``, tied to the package and version of the
word-piece table), both written by ``newsprism eval framing --write-weights``.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .. import settings
from ..errors import ModelNotInstalled
from . import wordpieces

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
    """The contextual term: per counted token ``t`` (``k_t`` word pieces, summed vector
    ``v_t``) of a sentence of ``N`` pieces, the share ``(u . v_t - offset * k_t) / N`` of the
    logit (``u`` = ``weights``).

    ``vectors`` names the package of the word-piece table (and ``version`` its version) that
    ``u`` was fitted on; another table's vectors mean something else.
    """

    weights: tuple[float, ...]
    offset: float
    vectors: str
    version: str = ""
    u: np.ndarray = field(init=False, repr=False, compare=False)
    _memo: dict[str, tuple[float, int]] = field(init=False, repr=False, compare=False)
    _pieces: list = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "u", np.asarray(self.weights, dtype=np.float32))
        object.__setattr__(self, "_memo", {})
        object.__setattr__(self, "_pieces", [])  # [table, u . vector per piece id] once read

    @property
    def width(self) -> int:
        """Vector width the weights expect."""
        return len(self.weights)

    def project(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per token text: ``u . v_t`` and its number of pieces ``k_t`` (memoised per text;
        the word-piece table is read on first use, see :func:`wordpieces.load`)."""
        pairs = list(map(self._memo.get, words))
        if None in pairs:
            pairs = [p or self._add(w) for p, w in zip(pairs, words, strict=True)]
        both = np.array(pairs, dtype=np.float64).reshape(-1, 2)
        return both[:, 0], both[:, 1]

    def _add(self, word: str) -> tuple[float, int]:
        """Project one new token text and memoise it."""
        if not self._pieces:
            self._pieces[:] = self._read()
        table, piece_terms = self._pieces
        if len(self._memo) >= wordpieces.CACHE_LIMIT:
            self._memo.clear()  # a long-running process keeps meeting new words
        ids = table.split(word)  # memoised below: no second cache of the same texts
        found = self._memo[word] = (sum(piece_terms[i] for i in ids), len(ids))
        return found

    def _read(self) -> tuple[wordpieces.WordPieces, list[float]]:
        """The word-piece table and ``u`` applied to each piece's vector."""
        table = wordpieces.load()
        if self.vectors != wordpieces.PACKAGE or table.width != self.width or (
            self.version and table.version != self.version
        ):
            raise ModelNotInstalled(
                f"the framing weights were fitted on {self.vectors} {self.version} "
                f"({self.width} numbers per piece); installed: {wordpieces.PACKAGE} "
                f"{table.version} ({table.width}); refit with 'newsprism eval framing "
                "--write-weights' or install the matching version"
            )
        return table, (table.table @ self.u).tolist()  # float32: no 90 MB copy

    def term(self, pooled: np.ndarray) -> float:
        """The term for a sentence given the mean piece vector of its counted tokens."""
        return float(pooled @ self.u) - self.offset if len(pooled) else 0.0

    def to_toml(self, note: str) -> str:
        """The weights as the text of ``data/framing/context.toml``."""
        lines = [f"# {ln}" for ln in note.splitlines()]
        lines += ["", f'vectors = "{self.vectors}"', f'version = "{self.version}"',
                  f"offset = {self.offset:.6f}",
                  "# u: one weight per dimension of the word-piece vectors.",
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
    features weigh 0.  The word-piece table itself is read on the contextual term's first
    use (:meth:`Context.project`), which fails with a clear error when its package is
    missing."""
    raw = _read("weights.toml")
    table, damp = raw.get("weights", {}), raw.get("dampers", {})
    ctx = _read("context.toml")
    context = None
    if ctx.get("weights"):
        context = Context(tuple(float(v) for v in ctx["weights"]), float(ctx["offset"]),
                          str(ctx.get("vectors", wordpieces.PACKAGE)),
                          str(ctx.get("version", "")))
    return Weights(
        float(raw["intercept"]),
        tuple(max(0.0, float(table.get(n, 0.0))) for n in FEATURES),
        tuple(min(0.0, float(damp.get(n, 0.0))) for n in DAMPERS),
        context,
    )


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
    wording the lexicons flag is not talked out of it by the rest of its words)."""
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


#: L2 penalty on the contextual weights (over standardised vector columns).  Chosen by the
#: 5-fold cross-validation of ``newsprism eval framing`` on BABE among 0.003-0.5 (flat from
#: 0.03 to 0.2; docs/EVALUATION.md).
L2_CONTEXT = 0.1


def fit(
    x: np.ndarray,
    y: np.ndarray,
    pooled: np.ndarray | None = None,
    vectors: str = "",
    version: str = "",
    l2: float = 0.001,
    l2_context: float = L2_CONTEXT,
) -> Weights:
    """L2-regularised logistic regression of ``y`` on rows of ``x`` (from :func:`vector`),
    feature weights constrained >= 0 and damper weights <= 0; with ``pooled`` (per row, the
    mean piece vector of its counted tokens) also the contextual term, fitted on the
    standardised mean (centred and divided by each column's spread, so one penalty suits
    every dimension) and mapped back: ``u`` applies to the raw mean and ``offset`` is ``u``
    applied to the training rows' mean, so the term stays linear in the mean vector.

    Returns the fitted :class:`Weights`.  Needs SciPy (an evaluation-only dependency).
    """
    from scipy.optimize import minimize

    n, k = x.shape
    centre = pooled.mean(axis=0) if pooled is not None else np.zeros(0)
    spread = pooled.std(axis=0) + 1e-6 if pooled is not None else np.ones(0)
    e = (pooled - centre) / spread if pooled is not None else np.zeros((n, 0))
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
        u = np.array(theta[1 + k:]) / spread
        context = Context(tuple(float(v) for v in u), float(u @ centre), vectors, version)
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
