"""No text from the seeds or the benchmarks in the repository (README: "never paste text from
the seeds or the benchmarks into the repo").

Every run of 7 words that a repository text file shares with a file under ``../shared/seeds``
or ``../shared/benchmarks`` is reported, except the stock phrases listed in ``ALLOWED``.
Fixtures that copy a benchmark's *file format* (column names, brat annotation lines) are
skipped by path in ``FORMAT_FIXTURES``: their structure is the benchmark's on purpose, their
sentences are ours.  Skips when ``../shared`` is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import BENCHMARKS, ROOT, SEEDS

N = 7
WORD = re.compile(r"[a-z0-9]+")
#: Runs that occur in news prose everywhere (checked by hand; not copied from a benchmark).
ALLOWED = frozenset({"did not respond to a request for", "not respond to a request for comment"})
#: Fixtures in a benchmark's file format (relative to the repository root).
FORMAT_FIXTURES = frozenset(
    {
        "tests/fixtures/figures/mini_newsquant.json",
        "tests/fixtures/framing/babe_tiny.csv",
        "tests/fixtures/quotes/brat/attributions/pier_0001_a1.ann",
    }
)
REPO_PARTS = ("src", "tests", "docs", "examples", "README.md", "Makefile", "scripts")
TEXT_SUFFIXES = frozenset(
    {".py", ".md", ".txt", ".toml", ".tsv", ".csv", ".json", ".jsonl", ".html", ".xml", ".ann",
     ".rss", ".atom", ".j2", ".css", ".js", ""}
)  # fmt: skip
#: Benchmark files that describe a dataset rather than hold its text.
ABOUT_FILES = re.compile(r"^(SOURCE|README|LICEN[CS]E|COPYING)", re.I)


def _unescape(text: str) -> str:
    """Python sources write curly quotes as escapes; read them as the characters."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), text)


def grams(text: str) -> set[str]:
    """The runs of ``N`` lower-cased words (letters and digits) in ``text``."""
    words = WORD.findall(_unescape(text).lower())
    return {" ".join(words[i : i + N]) for i in range(len(words) - N + 1)}


def _repo_files() -> list[Path]:
    out = []
    for part in REPO_PARTS:
        path = ROOT / part
        files = [path] if path.is_file() else sorted(path.rglob("*")) if path.is_dir() else []
        for f in files:
            rel = f.relative_to(ROOT).as_posix()
            if not f.is_file() or rel in FORMAT_FIXTURES or "__pycache__" in rel:
                continue
            if f.suffix.lower() in TEXT_SUFFIXES and f.stat().st_size < 5_000_000:
                out.append(f)
    return out


def _shared_files() -> list[Path]:
    return [
        f
        for root in (SEEDS, BENCHMARKS)
        for f in sorted(root.rglob("*"))
        if f.is_file() and not ABOUT_FILES.match(f.name) and f.stat().st_size < 200_000_000
    ]


def test_grams_ignore_case_punctuation_and_escapes():
    a = grams("He said: \\u201cThe harbour levy, frankly, is far too high.\\u201d")
    assert "he said the harbour levy frankly is" in a
    assert grams("too short to count") == set()


@pytest.mark.skipif(not (SEEDS.is_dir() and BENCHMARKS.is_dir()), reason="../shared is absent")
def test_no_seed_or_benchmark_text_in_the_repository():
    ours: dict[str, set[str]] = {}
    for f in _repo_files():
        for g in grams(f.read_text("utf-8", errors="ignore")) - ALLOWED:
            ours.setdefault(g, set()).add(f.relative_to(ROOT).as_posix())
    shared = _shared_files()
    assert shared, "../shared holds no files"
    found: dict[str, set[str]] = {}
    for f in shared:
        for g in grams(f.read_text("utf-8", errors="ignore")) & ours.keys():
            found.setdefault(g, set()).add(f.relative_to(ROOT.parent).as_posix())
    report = [f"{sorted(ours[g])}: '{g}' (also in {sorted(found[g])[0]})" for g in sorted(found)]
    assert not report, "text shared with ../shared:\n" + "\n".join(report[:40])
