"""JSON Lines and JSON writers for analyses (the contract is docs/FORMAT.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..model import Analysis, to_dict


def dumps(analysis: Analysis) -> str:
    """One analysis as a single JSON line (UTF-8 kept as is, no trailing newline)."""
    return json.dumps(to_dict(analysis), ensure_ascii=False)


def write_jsonl(analyses: Iterable[Analysis], out: TextIO) -> int:
    """Write one object per line, flushing as it goes; returns the count written."""
    count = 0
    for analysis in analyses:
        out.write(dumps(analysis) + "\n")
        out.flush()
        count += 1
    return count


def write_json(analyses: Iterable[Analysis], out: TextIO) -> int:
    """Write one JSON array of the same objects (streamed, never held in memory)."""
    n = 0
    out.write("[")
    for n, analysis in enumerate(analyses, start=1):
        out.write(("\n" if n == 1 else ",\n") + dumps(analysis))
    out.write("\n]\n")
    return n
