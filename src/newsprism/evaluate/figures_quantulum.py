"""Run quantulum3 on sentences: a standalone worker for ``newsprism eval figures``.

Runs under the anchors' interpreter (``.venv-anchors``, see ``scripts/anchors-venv.sh``),
which has quantulum3 and the scikit-learn its shipped classifier was pickled with; it
imports nothing from newsprism.

Protocol (one JSON document per line): the first stdin line is the list of sentences.
Then each stdin line ``pass`` makes the worker parse them all once and answer
``{"seconds": <CPU seconds>}``; the line ``results`` makes it answer
``{"results": [[{value, low, high, unit, surface, span}, ...], ...]}`` (from the last
pass) and exit.  Timing passes can so be interleaved with newsprism's own.
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


def _parse_all(parser, sentences: list[str]) -> list[list[dict]]:  # noqa: ANN001
    """quantulum3's quantities for every sentence (none where it raises)."""
    results = []
    for sent in sentences:
        try:
            results.append([_quantity(q) for q in parser.parse(sent)])
        except Exception:  # noqa: BLE001 - quantulum3 raises on odd input; no output
            results.append([])
    return results


def main() -> int:
    """Serve timing passes and results over stdin/stdout; return the process status."""
    from quantulum3 import parser

    sentences = json.loads(sys.stdin.readline())
    parser.parse("warm up 1 km")  # load the classifier before timing
    results: list[list[dict]] | None = None
    for line in sys.stdin:
        command = line.strip()
        if command == "pass":
            t0 = time.process_time()
            results = _parse_all(parser, sentences)
            answer: dict = {"seconds": time.process_time() - t0}
        elif command == "results":
            answer = {"results": results if results is not None else _parse_all(parser, sentences)}
        else:
            answer = {"error": f"unknown command {command!r}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()
        if command == "results":
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
