"""Run quantulum3 on sentences: a standalone worker for ``newsprism eval figures``.

Runs under the anchors' interpreter (``.venv-anchors``, see ``scripts/anchors-venv.sh``),
which has quantulum3 and the scikit-learn its shipped classifier was pickled with; it
imports nothing from newsprism.  Reads a JSON list of sentences on stdin (argv[1]: timing passes, the best is kept) and writes
``{"seconds": <CPU seconds parsing>, "results": [[{value, low, high, unit, surface,
span}, ...], ...]}``.
"""

from __future__ import annotations

import json
import sys
import time


def _quantity(q) -> dict:  # noqa: ANN001 - quantulum3's Quantity
    """One quantulum3 quantity as a plain dict."""
    low = high = None
    if getattr(q, "uncertainty", None):
        low, high = q.value - q.uncertainty, q.value + q.uncertainty
    return {
        "value": q.value,
        "low": low,
        "high": high,
        "unit": q.unit.name,
        "surface": q.surface,
        "span": list(q.span),
    }


def main() -> int:
    """Parse every sentence from stdin; return the process status."""
    from quantulum3 import parser

    sentences = json.load(sys.stdin)
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    parser.parse("warm up 1 km")  # load the classifier before timing
    seconds = float("inf")
    results: list[list[dict]] = []
    for _ in range(max(1, repeats)):
        results = []
        t0 = time.process_time()
        for sent in sentences:
            try:
                results.append([_quantity(q) for q in parser.parse(sent)])
            except Exception:  # noqa: BLE001 - quantulum3 raises on odd input; no output
                results.append([])
        seconds = min(seconds, time.process_time() - t0)
    json.dump({"seconds": seconds, "results": results}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
