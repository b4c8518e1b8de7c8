"""Insert benchmark: does adding an article cost the same in a small and a large store?

:func:`bench_insert` fills ONE temporary SQLite store with synthetic analyses (template
sentences with varied places, people, organisations and figures; events told by 1-4 outlets,
so grouping has real work to do) and times a window of ``window`` inserts (the full ``add``
path: index lookup, scoring, story assignment) when the store holds about each of ``n_values``
articles.  Between windows the store is filled by a bulk load (indexed, not grouped) to keep
the 100k run short.  No NLP is needed.
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
    n_values: Sequence[int] = (1000, 10000, 100000), window: int = 1000, batch: int = 500
) -> list[dict[str, Any]]:
    """Per-article insert time when the store holds about each of ``n_values`` articles.

    Returns one dict per size: ``n``, ``ms_per_article`` (over the last ``window`` inserts
    before reaching ``n``), ``candidates_mean`` and ``ratio`` to the first size.
    """
    from .sqlite import SQLiteStore

    sizes = sorted(n_values)
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(str(Path(tmp) / "bench.db"))
        source = synthetic(sizes[-1])
        held = 0
        try:
            for n in sizes:
                fill = max(0, n - window - held)
                while fill > 0:
                    chunk = [next(source) for _ in range(min(batch, fill))]
                    store.add(chunk, group=False)
                    fill -= len(chunk)
                    held += len(chunk)
                timed = n - held
                examined = 0
                start = time.perf_counter()
                while held < n:
                    chunk = [next(source) for _ in range(min(batch, n - held))]
                    res = store.add(chunk)
                    examined += sum(a.candidates_examined for a in res.assignments)
                    held += len(chunk)
                elapsed = time.perf_counter() - start
                results.append(
                    {
                        "n": n,
                        "ms_per_article": 1000 * elapsed / max(timed, 1),
                        "candidates_mean": examined / max(timed, 1),
                        "stories": store.count_stories(),
                    }
                )
        finally:
            store.close()
    base = results[0]["ms_per_article"]
    for r in results:
        r["ratio"] = r["ms_per_article"] / base if base else None
    return results


if __name__ == "__main__":  # pragma: no cover
    import json
    import sys

    sizes = tuple(int(x) for x in sys.argv[1:]) or (1000, 10000, 100000)
    print(json.dumps(bench_insert(sizes), indent=2))
