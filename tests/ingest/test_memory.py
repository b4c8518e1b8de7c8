"""Memory stays flat however many articles a file holds (a ratio, not a timing)."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

from newsprism.ingest import iter_articles
from newsprism.model import Article

from .conftest import page, write_warc


def peak_while_iterating(inputs: list[str]) -> tuple[int, int]:
    """(articles seen, peak traced bytes) while consuming iter_articles without keeping results."""
    seen = 0
    tracemalloc.start()
    try:
        for item in iter_articles(inputs):
            seen += isinstance(item, Article)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return seen, peak


def test_jsonl_with_20k_records(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for n in range(20_000):
            record = {
                "title": f"Story {n}",
                "outlet": f"Outlet {n % 7}",
                "text": f"Article number {n} says the council met and voted on item {n}. " * 4,
            }
            handle.write(json.dumps(record) + "\n")
    size = path.stat().st_size
    seen, peak = peak_while_iterating([str(path)])
    assert seen == 20_000
    assert peak < size / 20, (peak, size)


def test_warc_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.warc"
    story = "The harbour authority approved the new quay after a long public inquiry. " * 3
    entries = []
    for n in range(400):
        if n % 40 == 0:
            html = page(f"Quay {n}", story)
            entries.append((f"https://q.example/{n}", "text/html", html, "200 OK"))
        else:  # large non-article records that must be skipped without being kept
            blob = bytes(range(256)) * 120 + n.to_bytes(4, "big")
            entries.append((f"https://q.example/{n}.bin", "application/zip", blob, "200 OK"))
    write_warc(path, entries, gzip=False)
    size = path.stat().st_size
    list(iter_articles([str(path)]))  # warm up trafilatura's lazy imports and caches
    seen, peak = peak_while_iterating([str(path)])
    assert seen == 10
    assert peak < size / 10, (peak, size)
