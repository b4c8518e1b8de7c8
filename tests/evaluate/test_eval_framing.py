"""Tests for ``newsprism eval framing`` on a tiny invented BABE-format file."""

from __future__ import annotations

import argparse
import json
import tomllib
from pathlib import Path

import pytest

from newsprism.errors import UsageError
from newsprism.evaluate import framing as ev
from newsprism.extract import wordpieces

pytest.importorskip("sklearn")
pytest.importorskip("vaderSentiment")

TINY = Path(__file__).resolve().parents[1] / "fixtures" / "framing" / "babe_tiny.csv"
BABE = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "babe-mbic" / "data"


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    ev.add_arguments(parser)
    return parser.parse_args(list(argv))


def test_read_babe_drops_no_agreement():
    rows = ev.read_babe(TINY)
    assert len(rows) == 24
    assert sum(r.label for r in rows) == 12
    assert any(r.words for r in rows if r.label)


def test_missing_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError):
        ev.read_babe(tmp_path / "nope.csv")


def test_run_writes_table_and_json(tmp_path, capsys):
    out = tmp_path / "res.json"
    weights = tmp_path / "weights.toml"
    status = ev.run(_args("--babe", str(TINY), "--folds", "2", "--json", str(out),
                          "--write-weights", str(weights)))
    assert status == 0
    res = json.loads(out.read_text())
    assert set(res["sentence"]) == {
        "newsprism", "newsprism_signals_only", "vader_abs_compound", "tfidf_logreg"}
    # the invented biased sentences are full of lexicon words: we must separate them
    assert res["sentence"]["newsprism"]["auc"] > 0.8
    assert res["words"]["newsprism"]["recall"] > 0.5
    assert all(v["sentences_per_s"] > 0 for v in res["throughput"].values())
    assert "intercept" in weights.read_text()
    context = tomllib.loads((tmp_path / "context.toml").read_text())
    assert len(context["weights"]) == 384 and context["vectors"] == wordpieces.PACKAGE
    assert "macro F1" in capsys.readouterr().out


def test_cache_gives_the_same_numbers(tmp_path):
    """A re-run from the parse cache scores the same."""
    cache = tmp_path / "tiny.spacy"
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    ev.run(_args("--babe", str(TINY), "--folds", "2", "--cache", str(cache), "--json", str(first)))
    assert cache.exists()
    ev.run(_args("--babe", str(TINY), "--folds", "2", "--cache", str(cache), "--json", str(second)))
    a, b = (json.loads(p.read_text())["sentence"]["newsprism"] for p in (first, second))
    assert a == pytest.approx(b)


@pytest.mark.skipif(not (BABE / "final_labels_SG2.csv").exists(), reason="BABE absent")
def test_read_real_babe():
    rows = ev.read_babe(BABE / "final_labels_SG2.csv", limit=50)
    assert len(rows) == 50 and {r.label for r in rows} == {0, 1}
