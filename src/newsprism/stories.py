"""Story grouping: which stored articles report the same event, and which stories form a thread.

How an article is placed (every step keeps its reasons)
-------------------------------------------------------
1. :func:`features` turns an :class:`~newsprism.model.Analysis` into content-word counts,
   *keys* (canonical entity names ``e:``, figure values ``f:``, resolved dates ``d:``) and a
   MinHash signature of word shingles, cut into LSH bands.
2. Candidates come from an **index**, never a scan: articles sharing an LSH band hash
   (near-duplicates, wire copy) plus the most recent articles sharing a rare key
   (``key_max_df``, ``per_key`` and ``max_candidates`` bound the work, so an insert costs the
   same whether the store holds a hundred articles or a million).
3. Each candidate gets a :class:`Link`: TF-IDF cosine of the texts, an IDF-weighted cosine of
   the keys, the shingle Jaccard estimate and the time gap.  ``score`` mixes text and keys.
4. A shingle Jaccard above ``syndicated_jaccard`` makes the article a ``syndicated`` copy
   (``duplicate_of`` above ``duplicate_jaccard`` from the same outlet) of that article's story.
   Otherwise the article joins the candidate story whose **average** link over a sample of its
   members clears ``join_mean`` (average link: precision first, a single lucky link cannot
   chain two events together), with no member further apart in time than ``story_max_days``
   and not most members years apart by the years the texts name (undated articles).
   A link's score loses ``year_conflict_penalty`` when both texts name years and share none,
   and, between undated articles, ``month_conflict_penalty`` / ``weekday_conflict_penalty``
   for months / weekdays named and not shared (:func:`time_conflicts`).
   Else it starts a new story.
5. A story sharing the main entities with a candidate story further apart in time than
   ``story_max_days`` is linked to it as a **thread** (same issue, different event).
6. Articles placed one at a time can leave one event split in two stories that no single
   article bridges: :func:`story_merges` (run by the store's ``regroup``) merges two stories
   whose average link over pairs of their sampled members clears ``merge_mean``, best first,
   with the merge's reasons kept on the moved articles.

:func:`decide` works against the small :class:`Index` protocol that
:class:`newsprism.store.sqlite.SQLiteStore` implements; :func:`group` groups analyses in memory
(it uses a throw-away ``:memory:`` store, so both paths share one implementation).
Thresholds live in ``data/settings.toml`` ``[stories]``.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
from datasketch import MinHash

from . import settings
from .model import Analysis, Story

# Entity labels that are names (numbers and dates become figure/date keys instead).
NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_NUMBER = re.compile(r"^[\d.,]+$")


def cfg(key: str) -> Any:
    """The ``[stories]`` setting ``key``."""
    return settings.get("stories", key)


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words (the library's list, not ours)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=1)
def _permutations() -> tuple[int, np.ndarray, str]:
    """The shared MinHash permutations and scheme (seeded: signatures compare across runs)."""
    num_perm = int(cfg("num_perm"))
    proto = MinHash(num_perm=num_perm, seed=1)
    return num_perm, proto.permutations, proto.scheme


@dataclass(frozen=True, slots=True)
class Features:
    """What grouping needs of one article; returns of :func:`features`."""

    article_id: str
    terms: Mapping[str, int]  # content word -> count
    # "e:<entity name>", "n:<word of an entity name>", "f:<value>[ unit]", "d:<iso date>"
    keys: frozenset[str]
    signature: np.ndarray  # MinHash hash values (uint64)
    published: str | None
    outlet: str | None
    title: str | None
    names: Mapping[str, str] = field(default_factory=dict)  # key -> display form

    def bands(self) -> list[tuple[int, int]]:
        """``(band, hash)`` pairs of the LSH bands of the signature."""
        return band_hashes(self.signature)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens of ``text``."""
    return [t.replace("’", "'") for t in _TOKEN.findall(text.casefold())]


def content_terms(toks: Sequence[str]) -> Counter[str]:
    """Counts of content words: no stop words, no bare numbers, no single characters."""
    stops = stop_words()
    return Counter(t for t in toks if len(t) > 1 and t not in stops and not _NUMBER.match(t))


def shingles(toks: Sequence[str], size: int) -> set[bytes]:
    """Word ``size``-grams of ``toks`` as UTF-8 bytes (the whole text if shorter)."""
    if len(toks) < size:
        return {" ".join(toks).encode()} if toks else set()
    return {" ".join(toks[i : i + size]).encode() for i in range(len(toks) - size + 1)}


def signature(items: Iterable[bytes]) -> np.ndarray:
    """MinHash hash values of ``items`` with the shared seeded permutations."""
    num_perm, perms, scheme = _permutations()
    mh = MinHash(num_perm=num_perm, permutations=perms, scheme=scheme)
    batch = list(items)
    if batch:
        mh.update_batch(batch)
    return mh.hashvalues


def band_hashes(sig: np.ndarray) -> list[tuple[int, int]]:
    """``(band, 63-bit hash)`` for each of the ``lsh_bands`` bands of ``sig``."""
    bands = int(cfg("lsh_bands"))
    rows = len(sig) // bands
    out = []
    for b in range(bands):
        digest = hashlib.blake2b(sig[b * rows : (b + 1) * rows].tobytes(), digest_size=8).digest()
        out.append((b, int.from_bytes(digest, "big") >> 1))
    return out


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two MinHash signatures."""
    if len(a) != len(b) or not len(a):
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)


def _figure_key(value: float, unit: str | None) -> str:
    """The key of a figure value (``%g`` formatting, unit appended when known)."""
    text = f"{value:.6g}"
    return f"f:{text} {unit.casefold()}" if unit else f"f:{text}"


def keys_of(analysis: Analysis) -> dict[str, str]:
    """Key -> display form for the analysis' entities, figure values and resolved dates."""
    out: dict[str, str] = {}
    for ent in analysis.entities:
        if ent.label in NUMERIC_LABELS:
            continue
        name = (ent.name or ent.text).strip()
        if name:
            out.setdefault("e:" + name.casefold(), name)
            for tok in content_terms(tokens(name)):
                out.setdefault("n:" + tok, tok)
    for fig in analysis.figures:
        if fig.value is not None and math.isfinite(fig.value):
            out.setdefault(_figure_key(fig.value, fig.unit), fig.text)
    for ref in analysis.dates:
        if ref.value:
            out.setdefault("d:" + ref.value, ref.value)
        else:
            for key, word in _named_times(ref.text):
                out.setdefault(key, word)
    return out


def _named_times(text: str) -> list[tuple[str, str]]:
    """(key, word) for each month and weekday named in an unresolved time expression ("on
    Friday", "Dec. 10"): ``d:~m12``, ``d:~friday``.  An undated article's stand-in for dates."""
    from .extract.dates import MONTHS, WEEKDAYS

    found = []
    for word in re.findall(r"[^\W\d_]+", text):
        low = word.casefold()
        if low in MONTHS:
            found.append((f"d:~m{MONTHS[low]}", word))
        elif low in WEEKDAYS:
            found.append((f"d:~{low}", word))
    return found


def features(analysis: Analysis) -> Features:
    """Grouping features of one analysis (see the module docstring)."""
    art = analysis.article
    body = f"{art.title}\n{art.text}" if art.title else art.text
    toks = tokens(body)
    names = keys_of(analysis)
    return Features(
        article_id=art.id,
        terms=dict(content_terms(toks)),
        keys=frozenset(names),
        signature=signature(shingles(tokens(art.text), int(cfg("shingle_size")))),
        published=art.published,
        outlet=art.outlet,
        title=art.title,
        names=names,
    )


class Index(Protocol):
    """What :func:`decide` needs from a store (implemented by the SQLite store)."""

    def n_docs(self) -> int:
        """Number of indexed articles."""
        ...

    def df(self, terms: Iterable[str]) -> dict[str, int]:
        """Document frequency of each term or key (absent -> 0)."""
        ...

    def lsh_candidates(self, bands: Sequence[tuple[int, int]], limit: int) -> list[str]:
        """Article ids sharing at least one ``(band, hash)``, at most ``limit``."""
        ...

    def key_candidates(self, keys: Sequence[str], per_key: int) -> dict[str, list[str]]:
        """For each key, the ids of the ``per_key`` most recent articles holding it."""
        ...

    def load_features(self, ids: Sequence[str]) -> dict[str, Features]:
        """Stored features of the given articles."""
        ...

    def story_of(self, ids: Sequence[str]) -> dict[str, str]:
        """Story id of each given article that has one."""
        ...

    def story_members(self, story_id: str, limit: int) -> list[str]:
        """The ``limit`` most recently added member ids of a story."""
        ...


@dataclass(frozen=True, slots=True)
class Link:
    """How similar a new article is to one stored article."""

    other: str
    score: float
    text: float
    keys: float
    jaccard: float
    shared_entities: tuple[str, ...]
    shared_figures: tuple[str, ...]
    shared_dates: tuple[str, ...]
    gap_days: int | None
    # Days between the latest years the two texts name, when neither is dated and the
    # years are at least ``estimated_gap_min_years`` apart: then they are not one event.
    estimated_gap_days: int | None = None
    # Kinds of time both texts name without sharing one ("years", "months", "weekdays").
    time_conflicts: tuple[str, ...] = ()

    def reason(self) -> dict[str, Any]:
        """This link as a small JSON-able dict (what a UI shows as "why")."""
        return {
            "article": self.other,
            "score": round(self.score, 3),
            "text_similarity": round(self.text, 3),
            "key_similarity": round(self.keys, 3),
            "shingle_jaccard": round(self.jaccard, 3),
            "shared_entities": list(self.shared_entities),
            "shared_figures": list(self.shared_figures),
            "shared_dates": list(self.shared_dates),
            "gap_days": self.gap_days,
            **(
                {"estimated_gap_days": self.estimated_gap_days}
                if self.estimated_gap_days is not None
                else {}
            ),
            **({"time_conflicts": list(self.time_conflicts)} if self.time_conflicts else {}),
        }


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one article went and why; returned by :func:`decide`.

    ``relation`` is ``new`` (started ``story_id``), ``member``, ``syndicated`` or
    ``duplicate_of`` (then ``target`` is the copied article and ``similarity`` the Jaccard).
    ``story_id`` is None for ``new`` until the store names the story.
    """

    article_id: str
    story_id: str | None
    relation: str
    target: str | None = None
    similarity: float | None = None
    reasons: tuple[dict[str, Any], ...] = ()
    thread_with: tuple[tuple[str, dict[str, Any]], ...] = ()  # (story id, reason)
    candidates_examined: int = 0


def _day(value: str | None) -> date | None:
    """The calendar date of an ISO date/datetime string, or None."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def gap_days(a: str | None, b: str | None) -> int | None:
    """Absolute days between two ISO dates, None when either is unknown."""
    da, db = _day(a), _day(b)
    return None if da is None or db is None else abs((da - db).days)


def named_years(keys: frozenset[str]) -> set[int]:
    """The years an article names, from its ``d:YYYY...`` date keys."""
    return {int(k[2:6]) for k in keys if k.startswith("d:") and k[2:6].isdigit()}


def estimated_gap_days(a: frozenset[str], b: frozenset[str]) -> int | None:
    """Days between the latest years two undated articles name, when they are at least
    ``estimated_gap_min_years`` apart (else None: too close to tell from years alone).

    Reporting on 2017 figures and reporting on a review since 2022 are different events
    even when neither article says when it was published.
    """
    ya, yb = named_years(a), named_years(b)
    if not ya or not yb:
        return None
    years = abs(max(ya) - max(yb))
    return years * 365 if years >= int(cfg("estimated_gap_min_years")) else None


def _idf(df: int, n: int) -> float:
    """Smoothed inverse document frequency (as scikit-learn's ``smooth_idf``)."""
    return math.log((n + 1) / (df + 1)) + 1.0


def named_months(keys: frozenset[str]) -> set[int]:
    """The months an article names: of its dated keys (``d:YYYY-MM...``) and, undated, of the
    month names it leaves unresolved (``d:~mN``)."""
    out = set()
    for k in keys:
        if k.startswith("d:~m") and k[4:].isdigit():
            out.add(int(k[4:]))
        elif k.startswith("d:") and len(k) >= 9 and k[6] == "-" and k[7:9].isdigit():
            out.add(int(k[7:9]))
    return out


def _weekdays(keys: frozenset[str]) -> set[str]:
    """The weekdays an undated article names (``d:~friday``)."""
    from .extract.dates import WEEKDAYS

    return {k for k in keys if k.startswith("d:~") and k[3:] in WEEKDAYS}


def time_conflicts(a: Features, b: Features) -> tuple[str, ...]:
    """The kinds of time both articles name without sharing one: two events of one kind.

    ``years`` always; ``months`` and ``weekdays`` only when neither article is dated (a dated
    article resolves its weekdays, and the publication gap says more).
    """
    found = []
    if _disjoint(named_years(a.keys), named_years(b.keys)):
        found.append("years")
    if a.published is None and b.published is None:
        if _disjoint(named_months(a.keys), named_months(b.keys)):
            found.append("months")
        if _disjoint(_weekdays(a.keys), _weekdays(b.keys)):
            found.append("weekdays")
    return tuple(found)


def _disjoint(a: set[Any], b: set[Any]) -> bool:
    """True when both sets are non-empty and share nothing."""
    return bool(a) and bool(b) and not a & b


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


def _norm(a: Mapping[str, float]) -> float:
    """Euclidean norm of a sparse vector."""
    return math.sqrt(sum(w * w for w in a.values()))


class Scorer:
    """Pairwise link scores with IDF from the index at the time of the decision."""

    def __init__(self, index: Index, feats: Sequence[Features]) -> None:
        self.n = max(index.n_docs(), 1)
        self.alpha = float(cfg("key_weight"))
        self.shown = int(cfg("reason_keys"))
        self.penalty = {
            kind: float(cfg(f"{kind[:-1]}_conflict_penalty"))
            for kind in ("years", "months", "weekdays")
        }
        self.idfs: dict[str, float] = {}
        self._vec: dict[str, tuple[dict[str, float], float, dict[str, float], float]] = {}
        self.add(index, feats)

    def add(self, index: Index, feats: Sequence[Features]) -> None:
        """Fetch IDF for the terms and keys of further articles."""
        vocab: set[str] = set()
        for f in feats:
            vocab.update(f.terms)
            vocab.update(f.keys)
        vocab.difference_update(self.idfs)
        if vocab:
            dfs = index.df(vocab)
            self.idfs.update((t, _idf(dfs.get(t, 0), self.n)) for t in vocab)

    def idf(self, term: str) -> float:
        """IDF of a term or key (unseen terms count as df 0)."""
        got = self.idfs.get(term)
        return _idf(0, self.n) if got is None else got

    def vectors(self, f: Features) -> tuple[dict[str, float], float, dict[str, float], float]:
        """(TF-IDF text vector, its norm, IDF key vector, its norm) of an article, cached."""
        got = self._vec.get(f.article_id)
        if got is None:
            idf = self.idfs
            text = {t: (1.0 + math.log(c)) * idf[t] for t, c in f.terms.items()}
            keys = {k: idf[k] for k in f.keys}
            got = (text, _norm(text), keys, _norm(keys))
            self._vec[f.article_id] = got
        return got

    def link(self, a: Features, b: Features) -> Link:
        """The :class:`Link` from ``a`` to ``b``."""
        ta, nta, ka, nka = self.vectors(a)
        tb, ntb, kb, nkb = self.vectors(b)
        text = _dot(ta, tb) / (nta * ntb) if nta and ntb else 0.0
        keys = _dot(ka, kb) / (nka * nkb) if nka and nkb else 0.0
        shared = sorted(a.keys & b.keys, key=lambda k: -self.idfs.get(k, 0.0))

        def pick(prefix: str) -> tuple[str, ...]:
            found = (a.names.get(k, k[2:]) for k in shared if k.startswith(prefix))
            return tuple(found)[: self.shown]

        conflicts = time_conflicts(a, b)
        gap = gap_days(a.published, b.published)
        estimated = estimated_gap_days(a.keys, b.keys) if gap is None else None
        return Link(
            other=b.article_id,
            score=(1.0 - self.alpha) * text
            + self.alpha * keys
            - sum(self.penalty[c] for c in conflicts),
            text=text,
            keys=keys,
            jaccard=jaccard(a.signature, b.signature),
            shared_entities=pick("e:"),
            shared_figures=pick("f:"),
            shared_dates=pick("d:"),
            gap_days=gap,
            estimated_gap_days=estimated,
            time_conflicts=conflicts,
        )

    @staticmethod
    def entity_overlap(a: Features, b: Features) -> tuple[float, int]:
        """Overlap coefficient of two articles' entity keys and how many they share.

        Shared / the smaller set: a short follow-up naming four of the same institutions
        and places as a long report is on the same issue.  (An IDF-weighted cosine punishes
        exactly the shared names when a store holds few articles.)
        """
        ea = {k for k in a.keys if k.startswith("e:")}
        eb = {k for k in b.keys if k.startswith("e:")}
        shared = len(ea & eb)
        return (shared / min(len(ea), len(eb)) if ea and eb else 0.0), shared


def candidates(index: Index, feats: Features) -> list[str]:
    """Candidate article ids for ``feats``: LSH band matches, then ids sharing rare keys.

        Every lookup is an indexed query bounded by settings, so the count returned stays below
        ``max_candidates`` whatever the store's size.  An article reached through keys only must
        share ``min_key_hits`` points of them: a full entity name, figure or date counts 2, one word
    of a name 1 (one shared surname is a coincidence, not a lead).
    """
    limit = int(cfg("max_candidates"))
    found: dict[str, float] = {}
    for aid in index.lsh_candidates(feats.bands(), limit):
        found[aid] = math.inf
    dfs = index.df(feats.keys)
    n = max(index.n_docs(), 1)
    max_df = max(int(cfg("key_max_df")), int(float(cfg("key_max_share")) * n))
    rare = sorted((k for k in feats.keys if 0 < dfs.get(k, 0) <= max_df), key=lambda k: (dfs[k], k))
    rare = rare[: int(cfg("max_keys"))]
    per_key = int(cfg("per_key"))
    hits: Counter[str] = Counter()
    for key, ids in index.key_candidates(rare, per_key).items():
        weight = _idf(dfs[key], n)
        whole = not key.startswith("n:")  # a full name, figure or date, not one name word
        for aid in ids:
            hits[aid] += 2 if whole else 1
            found[aid] = found.get(aid, 0.0) + weight
    found.pop(feats.article_id, None)
    min_hits = int(cfg("min_key_hits"))
    kept = [a for a, w in found.items() if w == math.inf or hits[a] >= min_hits]
    ranked = sorted(kept, key=lambda i: -found[i])
    return ranked[:limit]


def _too_far(gaps: Iterable[int | None]) -> bool:
    """True when any known time gap exceeds ``story_max_days``."""
    limit = int(cfg("story_max_days"))
    return any(g is not None and g > limit for g in gaps)


def _mostly_years_apart(links: Sequence[Link]) -> bool:
    """True when more than ``estimated_gap_share`` of the links are years apart by the years
    the texts name (a single old year in one member's background does not split a story)."""
    if not links:
        return False
    far = sum(lk.estimated_gap_days is not None for lk in links)
    return far > float(cfg("estimated_gap_share")) * len(links)


def decide(index: Index, feats: Features) -> Assignment:
    """Where the new article ``feats`` goes (see the module docstring); nothing is written."""
    cand_ids = candidates(index, feats)
    loaded = dict(index.load_features(cand_ids))
    scorer = Scorer(index, [feats, *loaded.values()])
    links = {i: scorer.link(feats, f) for i, f in loaded.items()}
    stories = index.story_of(list(links))
    examined = len(cand_ids)

    copy = _copy_of(feats, links, loaded, stories)
    if copy is not None:
        return Assignment(**copy, candidates_examined=examined)

    by_story: dict[str, list[Link]] = defaultdict(list)
    for aid, link in links.items():
        if aid in stories:
            by_story[stories[aid]].append(link)
    ranked = sorted(by_story, key=lambda s: -max(lk.score for lk in by_story[s]))
    ranked = ranked[: int(cfg("max_stories"))]

    best: tuple[float, str, list[Link]] | None = None
    far: list[tuple[str, list[Link]]] = []
    for sid in ranked:
        members = _story_links(index, scorer, feats, sid, links, loaded)
        if _too_far(lk.gap_days for lk in members) or _mostly_years_apart(members):
            far.append((sid, members))
            continue
        mean = sum(lk.score for lk in members) / len(members)
        top = max(lk.score for lk in members)
        if mean >= float(cfg("join_mean")) and top >= float(cfg("join_max")):
            if best is None or mean > best[0]:
                best = (mean, sid, members)

    threads = _threads(scorer, feats, far, loaded)
    if best is None:
        return Assignment(
            article_id=feats.article_id,
            story_id=None,
            relation="new",
            reasons=({"rule": "new story", "candidates": examined},),
            thread_with=threads,
            candidates_examined=examined,
        )
    mean, sid, members = best
    strongest = sorted(members, key=lambda lk: -lk.score)[: int(cfg("reason_links"))]
    reasons = (
        {"rule": "average link", "mean_score": round(mean, 3), "members_compared": len(members)},
        *(lk.reason() for lk in strongest),
    )
    return Assignment(
        article_id=feats.article_id,
        story_id=sid,
        relation="member",
        target=strongest[0].other,
        similarity=round(mean, 4),
        reasons=reasons,
        thread_with=threads,
        candidates_examined=examined,
    )


@dataclass(frozen=True, slots=True)
class Merge:
    """Two stories that report one event: the members of ``absorb`` move into ``keep``.

    ``reason`` says why (average link between the two stories' sampled members, the
    strongest link with its shared entities, figures, similarity and time gap).
    """

    keep: str
    absorb: str
    reason: dict[str, Any]


def _candidate_stories(
    index: Index, members: Mapping[str, Sequence[str]], feats: Mapping[str, Features]
) -> set[tuple[str, str]]:
    """Pairs of stories (sorted ids) linked by an indexed candidate of a sampled member."""
    pairs: set[tuple[str, str]] = set()
    for sid, ids in members.items():
        for aid in ids:
            f = feats.get(aid)
            if f is None:
                continue
            for other in set(index.story_of(candidates(index, f)).values()):
                if other != sid and other in members:
                    pairs.add((min(sid, other), max(sid, other)))
    return pairs


def story_merges(index: Index, story_ids: Sequence[str]) -> list[Merge]:
    """One round of story merges, best first (average link between whole stories).

    Articles are placed one at a time, so one event can end up split into two stories that
    no single article can bridge.  Two stories are merged when the mean link score over
    pairs of their sampled members (``merge_sample`` each) clears ``merge_mean`` and the
    best pair clears ``join_max``, with the same time gates as :func:`decide`.  Candidate
    pairs come from the index (the candidates of each sampled member), never a scan.  Each
    story takes part in at most one merge per round: call again until nothing is returned.
    """
    sample = int(cfg("merge_sample"))
    members = {sid: index.story_members(sid, sample) for sid in story_ids}
    members = {sid: ids for sid, ids in members.items() if ids}
    feats = index.load_features([a for ids in members.values() for a in ids])
    scorer = Scorer(index, list(feats.values()))
    scored = []
    for a, b in _candidate_stories(index, members, feats):
        links = [
            scorer.link(feats[x], feats[y])
            for x in members[a]
            if x in feats
            for y in members[b]
            if y in feats
        ]
        if not links or _too_far(lk.gap_days for lk in links) or _mostly_years_apart(links):
            continue
        mean = sum(lk.score for lk in links) / len(links)
        best = max(links, key=lambda lk: lk.score)
        single = min(len(members[a]), len(members[b])) == 1
        need = float(cfg("merge_mean_single" if single else "merge_mean"))
        if mean >= need and best.score >= float(cfg("join_max")):
            scored.append((mean, a, b, len(links), best))
    out: list[Merge] = []
    used: set[str] = set()
    for mean, a, b, n, best in sorted(scored, key=lambda x: (-x[0], x[1], x[2])):
        if a in used or b in used:
            continue
        used.update((a, b))
        keep, absorb = (a, b) if len(members[a]) >= len(members[b]) else (b, a)
        reason = {
            "rule": "story merge",
            "stories": [keep, absorb],
            "mean_score": round(mean, 3),
            "links_compared": n,
            **best.reason(),
        }
        out.append(Merge(keep, absorb, reason))
    return out


def _copy_of(
    feats: Features,
    links: Mapping[str, Link],
    loaded: Mapping[str, Features],
    stories: Mapping[str, str],
) -> dict[str, Any] | None:
    """Assignment fields when the article is a syndicated copy or near-duplicate, else None."""
    close = [
        lk
        for lk in links.values()
        if lk.jaccard >= float(cfg("syndicated_jaccard"))
        and lk.other in stories
        and not _too_far([lk.gap_days])
    ]
    if not close:
        return None
    lk = max(close, key=lambda x: x.jaccard)
    other = loaded[lk.other]
    same_outlet = bool(feats.outlet) and feats.outlet == other.outlet
    dup = lk.jaccard >= float(cfg("duplicate_jaccard")) and (same_outlet or not feats.outlet)
    relation = "duplicate_of" if dup else "syndicated"
    reason = {"rule": relation, **lk.reason()}
    return {
        "article_id": feats.article_id,
        "story_id": stories[lk.other],
        "relation": relation,
        "target": lk.other,
        "similarity": round(lk.jaccard, 4),
        "reasons": (reason,),
    }


def _story_links(
    index: Index,
    scorer: Scorer,
    feats: Features,
    sid: str,
    links: dict[str, Link],
    loaded: dict[str, Features],
) -> list[Link]:
    """Links from ``feats`` to a sample of story ``sid``'s members (scores computed as needed).

    Features loaded on the way are added to ``loaded``.
    """
    members = index.story_members(sid, int(cfg("story_sample")))
    missing = [m for m in members if m not in links]
    if missing:
        more = index.load_features(missing)
        loaded.update(more)
        scorer.add(index, list(more.values()))
        for mid, f in more.items():
            links[mid] = scorer.link(feats, f)
    return [links[m] for m in members if m in links]


def _threads(
    scorer: Scorer,
    feats: Features,
    far: Sequence[tuple[str, list[Link]]],
    loaded: Mapping[str, Features],
) -> tuple[tuple[str, dict[str, Any]], ...]:
    """Stories far apart in time that share the article's main entities (thread links)."""
    out = []
    for sid, members in far:
        best = max(members, key=lambda lk: lk.keys)
        other = loaded.get(best.other)
        if other is None:
            continue
        overlap, shared = scorer.entity_overlap(feats, other)
        if overlap >= float(cfg("thread_entity_overlap")) and shared >= int(
            cfg("thread_min_shared_entities")
        ):
            reason = {"rule": "thread", "entity_overlap": round(overlap, 3), **best.reason()}
            out.append((sid, reason))
    return tuple(out)


def describe(reason: Mapping[str, Any]) -> str:
    """One line for a UI from a reason dict, e.g. ``text 0.52; entities: Tara Reid; gap 1 d``."""
    parts = [str(reason.get("rule", "link"))]
    if "article" in reason:
        parts.append(f"with {reason['article']}")
    for key, label in (
        ("mean_score", "mean"),
        ("text_similarity", "text"),
        ("shingle_jaccard", "jaccard"),
        ("entity_overlap", "entity overlap"),
    ):
        if key in reason:
            parts.append(f"{label} {reason[key]}")
    for key, label in (
        ("shared_entities", "entities"),
        ("shared_figures", "figures"),
        ("shared_dates", "dates"),
    ):
        if reason.get(key):
            parts.append(f"{label}: {', '.join(map(str, reason[key]))}")
    if reason.get("gap_days") is not None:
        parts.append(f"gap {reason['gap_days']} d")
    elif reason.get("estimated_gap_days") is not None:
        parts.append(f"gap about {reason['estimated_gap_days']} d (from the years named)")
    if reason.get("time_conflicts"):
        parts.append(f"different {', '.join(reason['time_conflicts'])} named")
    return "; ".join(parts)


def group(analyses: Iterable[Analysis], regroup: int | None = None) -> list[Story]:
    """Stories of ``analyses`` grouped in memory (incrementally, in the given order).

    Then ``regroup`` passes (default ``regroup_passes``) re-decide every article against the
    whole set (:meth:`newsprism.store.sqlite.SQLiteStore.regroup`).
    Exact duplicates (same normalised URL or content hash) are not stored twice: they are
    added to the story of the article they duplicate.
    """
    from .store import open_store

    store = open_store(":memory:")
    try:
        result = store.add(analyses)
        passes = int(cfg("regroup_passes")) if regroup is None else regroup
        if passes:
            store.regroup(passes)  # type: ignore[attr-defined]
        stories = {s.id: s for s in store.stories()}
        story_of = {a: s.id for s in stories.values() for a in s.article_ids}
        extra: dict[str, list[str]] = defaultdict(list)
        for dup in result.duplicates:
            sid = story_of.get(dup.duplicate_of)
            if sid is not None:
                extra[sid].append(dup.article_id)
        return [
            Story(
                id=s.id,
                article_ids=s.article_ids + tuple(extra.get(s.id, ())),
                title=s.title,
                thread=s.thread,
                reasons=s.reasons,
            )
            for s in stories.values()
        ]
    finally:
        store.close()
