"""Tests for `newsprism eval figures`: the CQE-rule scorer and the command on tiny data."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from newsprism.evaluate import figures as ev
from newsprism.model import Figure

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "figures"
NEWSQUANT = (
    Path(__file__).resolve().parents[3]
    / "shared/benchmarks/newsquant/data/formatted_test_set/NewsQuant.dev.json"
)


def q(value, unit="-", change="="):
    return ev.Quantity(value, unit, change)


def test_gold_value_parses_ranges_and_negatives():
    assert ev.gold_value("1.0-1.5", False) == (1.0, 1.5)
    assert ev.gold_value("1.0-1.5", True) == pytest.approx(1.25)
    assert ev.gold_value("-5.0", False) == -5.0
    assert ev.gold_value("1.99E-29", False) == pytest.approx(1.99e-29)


def test_values_match_tolerance_and_ranges():
    assert ev.values_match(100.0, 100.0005)
    assert not ev.values_match(100.0, 100.1)
    assert ev.values_match((1.0, 2.0), (1.0, 2.0))
    assert not ev.values_match((1.0, 2.0), 1.5)


def test_score_sentence_follows_cqe_rules():
    counts = ev.Counts()
    gold = [q(5.0, "percentage", "up"), q(84.0, "dollar")]
    pred = [q(5.0, "percentage", "up"), q(84.0, "pound sterling"), q(7.0)]
    ev.score_sentence(gold, pred, counts)
    assert (counts.gold, counts.predicted) == (2, 3)
    assert counts.value == 2  # both values found
    assert counts.unit == 1  # 84 has the wrong unit
    assert counts.change == 2
    p, r, f = counts.prf(counts.value)
    assert p == pytest.approx(2 / 3) and r == 1.0


def test_value_hits_are_capped_per_sentence():
    counts = ev.Counts()
    ev.score_sentence([q(3.0, "mile")], [q(3.0, "-"), q(3.0, "km")], counts)
    assert counts.value == 1 and counts.unit == 0


def test_cqe_unit_mapping(tmp_path):
    table = ev._tsv("cqe_units.tsv")
    fig = Figure(0, 3, "5 %", 5.0, None, None, "%", "=", None)
    assert ev.cqe_unit(fig, None, table) == "percentage"
    rate = Figure(0, 3, "x", 58.0, None, None, "USD/bbl", "=", None)
    assert ev.cqe_unit(rate, None, table) == "dollar per barrel"
    bare = Figure(0, 3, "x", 2.0, None, None, None, "=", None)
    assert ev.cqe_unit(bare, None, table) == "-"


def test_moves_become_pairs_in_text_order():
    table = ev._tsv("cqe_units.tsv")
    down = Figure(0, 1, "x", 19.0, 19.0, 24.0, "mph", "down", None)
    assert ev.figure_quantity(down, None, table).value == (24.0, 19.0)
    rng = Figure(0, 1, "x", None, 10.0, 15.0, "day", "=", None)
    assert ev.figure_quantity(rng, None, table).value == (10.0, 15.0)


def _args(**kw):
    parser = argparse.ArgumentParser()
    ev.add_arguments(parser)
    argv = []
    for key, val in kw.items():
        flag = "--" + key.replace("_", "-")
        argv += [flag] if val is True else [flag, str(val)]
    return parser.parse_args(argv)


def test_run_on_mini_set(tmp_path, capsys):
    out = tmp_path / "res.json"
    args = _args(gold=FIXTURES / "mini_newsquant.json", no_anchor=True, repeats=1, json=out)
    assert ev.run(args) == 0
    printed = capsys.readouterr().out
    assert "value+unit" in printed and "sentences/s" in printed
    res = json.loads(out.read_text())["newsquant"]
    assert res["gold_quantities"] == 4
    assert res["newsprism"]["value"]["R"] == 1.0
    assert res["newsprism"]["value+change"]["F1"] > 0.5


def test_run_quantulum_tests_mode(tmp_path, capsys):
    args = _args(quantulum_tests=FIXTURES, no_anchor=True)
    assert ev.run(args) == 0
    assert "quantities.json" in capsys.readouterr().out


def test_run_needs_an_input(capsys):
    assert ev.run(_args()) == 2


@pytest.mark.skipif(not NEWSQUANT.exists(), reason="shared NewsQuant dev set not available")
def test_newsquant_dev_targets(tmp_path):
    args = _args(gold=NEWSQUANT, no_anchor=True, repeats=1, limit=120)
    res = ev.eval_newsquant(args)["newsprism"]
    assert res["value"]["F1"] >= 0.9
    assert res["value+unit"]["F1"] >= 0.8


ANCHOR = Path(__file__).resolve().parents[2] / ".venv-anchors" / "bin" / "python"


@pytest.mark.skipif(not ANCHOR.exists(), reason=".venv-anchors not created")
def test_quantulum_worker_round_trip():
    worker = ev.start_quantulum(["The tank holds 300 litres."], str(ANCHOR))
    assert worker is not None
    assert worker.timed_pass() >= 0
    results = worker.results()
    assert results[0][0]["value"] == 300
