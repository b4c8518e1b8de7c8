"""Scorers and helpers of ``newsprism eval stories`` (the ECB+ run itself is slow)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from newsprism.evaluate import stories as ev

ECB = Path(__file__).resolve().parents[3] / "shared/benchmarks/ecbplus/ecbplus_documents.jsonl"


def test_bcubed_perfect_and_lumped():
    gold = ["a", "a", "b", "b"]
    assert ev.bcubed([1, 1, 2, 2], gold) == (1.0, 1.0, 1.0)
    p, r, f = ev.bcubed([1, 1, 1, 1], gold)
    assert (p, r) == (0.5, 1.0) and f == pytest.approx(2 / 3)
    p, r, _ = ev.bcubed([1, 2, 3, 4], gold)
    assert (p, r) == (1.0, 0.5)


def test_pairwise_counts_pairs():
    gold = ["a", "a", "a", "b"]
    p, r, _ = ev.pairwise([1, 1, 2, 2], gold)
    assert p == 0.5 and r == pytest.approx(1 / 3)


def test_dateline():
    # invented openings in ECB+'s tokenised style (spaces around punctuation)
    assert ev.dateline("Flood hits Dunmore Thursday , March 7th , 2019 Water ...", 200) == (
        "2019-03-07"
    )
    assert ev.dateline("4 June 2017 Page revised at 08 : 12 BST", 200) == "2017-06-04"
    assert ev.dateline("Feb 09 , 2014 Harbour crews", 200) == "2014-02-09"
    assert ev.dateline("Nothing dated here at all.", 200) is None
    assert ev.dateline("x" * 300 + " July 2 , 2013", 200) is None


def test_anchor_separates_obvious_clusters():
    texts = ["river flood homes evacuated"] * 3 + ["factory fire smoke workers"] * 3
    labels = ev.anchor(texts, 0.8)
    assert len(set(labels[:3])) == 1 and len(set(labels[3:])) == 1 and labels[0] != labels[3]


def test_arguments():
    parser = argparse.ArgumentParser()
    ev.add_arguments(parser)
    args = parser.parse_args(["--ecb", "x.jsonl", "--limit", "2"])
    assert args.limit == 2 and args.seed == 0 and args.json is None


@pytest.mark.skipif(not ECB.exists(), reason="ECB+ benchmark (../shared) not present")
def test_load_ecb_drops_url_sentence():
    docs = ev.load_ecb(str(ECB), limit=1)
    assert docs and all(d["topic"] == 1 for d in docs)
    plus = next(d for d in docs if d["subtopic"].endswith("ecbplus"))
    assert plus["text"] == " ".join(plus["sentences"][1:])
