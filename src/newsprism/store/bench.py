"""Insert benchmark: does adding an article cost the same in a small and a large store?

:func:`bench_insert` fills one temporary SQLite store per size with synthetic analyses
(template sentences with varied places, people, organisations and figures; events told by
1-4 outlets, so grouping has real work to do) by a bulk load (indexed, not grouped), then
times ``window`` full inserts (index lookup, scoring, story assignment) into each store,
interleaved between the stores so that machine load falls on every size alike.  The ratio
is taken on the process's CPU time; wall time is reported beside it.  No NLP is needed.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..model import Analysis, Article, Entity, Figure

_SYLLABLES = "ka lo mi ra ten vor bel ash fin dor ul ves pra tim gor nel sa quin bru hal".split()
_EVENTS = (
    "fire at the {org} depot in {place}",
    "flood on the {place} ring road",
    "strike by {org} workers in {place}",
    "vote on the {place} housing plan",
    "crash near the {place} interchange",
    "audit of {org} accounts",
)
_TEMPLATES = (
    "{person} said the {event} affected {n} people and more details would follow.",
    "Officials confirmed the {event}; {person} told reporters that {n} people were involved.",
    "The {event} left {n} residents waiting for news, according to {person}.",
    "According to {person}, the {event} involved {n} people and a review has begun.",
)


def _name(rng: random.Random, parts: int) -> str:
    """An invented capitalised name of ``parts`` syllable pairs."""
    return " ".join(
        "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize() for _ in range(parts)
    )


def _article(rng: random.Random, i: int, event: dict[str, Any], outlet: int) -> Analysis:
    """One synthetic analysis reporting ``event`` for outlet number ``outlet``."""
    values = {"person": event["person"], "event": event["event"], "n": event["n"]}
    lead = rng.choice(_TEMPLATES).format(**values)
    filler = " ".join(rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES) for _ in range(30)) + "."
    text = f"{lead} {filler} Article {i}."
    ents = []
    for surface, label in (
        (event["person"], "PERSON"),
        (event["place"], "GPE"),
        (event["org"], "ORG"),
    ):
        start = text.find(surface)
        if start >= 0:
            ents.append(Entity(start, start + len(surface), surface, label, surface))
    figs = []
    start = text.find(str(event["n"]))
    if start >= 0:
        figs.append(
            Figure(
                start,
                start + len(str(event["n"])),
                str(event["n"]),
                float(event["n"]),
                None,
                None,
                None,
                "=",
                None,
            )
        )
    art = Article(
        f"b{i}", f"bench:{i}", event["event"].capitalize(), f"Outlet {outlet}", event["date"], text
    )
    return Analysis(article=art, entities=tuple(ents), figures=tuple(figs))


def synthetic(n: int, seed: int = 0) -> Iterator[Analysis]:
    """``n`` synthetic analyses, events told by 1-4 outlets each (deterministic for a seed)."""
    rng = random.Random(seed)
    i = 0
    while i < n:
        place, org = _name(rng, 1), _name(rng, 1) + " Group"
        event = {
            "place": place,
            "org": org,
            "person": _name(rng, 2),
            "n": rng.randint(3, 99999),
            "date": f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        }
        event["event"] = rng.choice(_EVENTS).format(place=place, org=org)
        for outlet in rng.sample(range(40), rng.randint(1, 4)):
            if i >= n:
                break
            yield _article(rng, i, event, outlet)
            i += 1


def bench_insert(
    n_values: Sequence[int] = (1000, 10000, 100000),
    window: int = 500,
    batch: int = 500,
    rounds: int = 10,
) -> list[dict[str, Any]]:
    """Per-article insert time when a store holds about each of ``n_values`` articles.

    Each size gets its own temporary store, bulk-loaded (indexed, not grouped) with the
    first ``n - window`` synthetic articles.  Then ``window`` full inserts (with grouping)
    are made into every store, interleaved over ``rounds`` rounds, so that whatever else
    the machine is doing weighs on every size alike.  Returns one dict per size: ``n``,
    ``ms_per_article`` (wall), ``cpu_ms_per_article`` (this process's CPU time, the basis
    of ``ratio``), ``candidates_mean``, ``stories``, and ``ratio`` and ``wall_ratio`` to the
    smallest size.
    """
    from .sqlite import SQLiteStore

    sizes = sorted(n_values)
    step = max(1, window // max(1, rounds))
    with tempfile.TemporaryDirectory() as tmp:
        runs = []
        try:
            for n in sizes:
                store = SQLiteStore(str(Path(tmp) / f"bench-{n}.db"))
                source = synthetic(n)
                fill = max(0, n - window)
                while fill > 0:
                    chunk = [next(source) for _ in range(min(batch, fill))]
                    store.add(chunk, group=False)
                    fill -= len(chunk)
                runs.append({"n": n, "store": store, "source": source, "left": n - store.n_docs(),
                             "timed": 0, "wall": 0.0, "cpu": 0.0, "examined": 0})
            while any(r["left"] > 0 for r in runs):
                for r in runs:
                    chunk = [next(r["source"]) for _ in range(min(step, r["left"]))]
                    if not chunk:
                        continue
                    wall, cpu = time.perf_counter(), time.process_time()
                    res = r["store"].add(chunk)
                    r["wall"] += time.perf_counter() - wall
                    r["cpu"] += time.process_time() - cpu
                    r["examined"] += sum(a.candidates_examined for a in res.assignments)
                    r["timed"] += len(chunk)
                    r["left"] -= len(chunk)
            results = [
                {
                    "n": r["n"],
                    "ms_per_article": 1000 * r["wall"] / max(r["timed"], 1),
                    "cpu_ms_per_article": 1000 * r["cpu"] / max(r["timed"], 1),
                    "candidates_mean": r["examined"] / max(r["timed"], 1),
                    "stories": r["store"].count_stories(),
                }
                for r in runs
            ]
        finally:
            for r in runs:
                r["store"].close()
    base, base_wall = results[0]["cpu_ms_per_article"], results[0]["ms_per_article"]
    for r in results:
        r["ratio"] = r["cpu_ms_per_article"] / base if base else None
        r["wall_ratio"] = r["ms_per_article"] / base_wall if base_wall else None
    return results


if __name__ == "__main__":  # pragma: no cover
    import json
    import sys

    sizes = tuple(int(x) for x in sys.argv[1:]) or (1000, 10000, 100000)
    print(json.dumps(bench_insert(sizes), indent=2))
