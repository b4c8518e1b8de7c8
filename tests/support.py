"""Paths and small builders shared by the tests (import as ``from support import ...``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.model import Analysis, Article, Figure

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
BENCHMARKS = SHARED / "benchmarks"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def seed_texts() -> dict[str, str]:
    """The two seed articles by file name, read at test time (never copied into the repo)."""
    if not SEEDS.is_dir():
        return {}
    return {p.name: p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))}


needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
needs_benchmarks = pytest.mark.skipif(
    not BENCHMARKS.is_dir(), reason="../shared/benchmarks is absent"
)


def counted_figure(aid: str, value: int, noun: str, published: str | None) -> Analysis:
    """An invented one-sentence article giving ``value`` ``noun`` (a count with that concept)."""
    text = f"The service now has {value} {noun} on duty."
    s = text.index(str(value))
    fig = Figure(s, s + len(str(value)), str(value), float(value), None, None, None, "=", noun)
    return Analysis(Article(aid, "t", None, f"Outlet {aid}", published, text), figures=(fig,))
