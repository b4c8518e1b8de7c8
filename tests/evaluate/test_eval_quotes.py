"""Tests for the quote scorer (newsprism.evaluate.quotes) on an invented brat fixture."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from newsprism.evaluate import quotes as ev

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "quotes" / "brat"
POLNEAR_DEV = Path(__file__).resolve().parents[3] / "shared/benchmarks/polnear/data/dev"


def test_read_gold_handles_discontinuous_and_ignores_workflow_tags():
    arts = list(ev.load_gold_dir(FIXTURE))
    assert len(arts) == 1  # the second annotator file is not used
    _, text, gold = arts[0]
    assert len(gold) == 3
    split = gold[1]
    assert len(split.content) == 2
    assert text[split.source[0][0] : split.source[0][1]] == "she"


def test_token_overlap_and_exact_rules():
    text = "one two three four five six"
    starts = ev.word_starts(text)
    gold = [ev.Attribution(content=((0, 13),))]  # one two three
    # punctuation and quote marks are ignored: same words -> exact
    same = ev.Attribution(content=((0, 13),))
    res = ev.score_article(text, gold, [same])
    assert res.all.exact == 1 and res.all.overlap == 1
    # 2 shared of longer span 4 -> overlap 0.5 -> a match, not exact
    longer = ev.Attribution(content=((4, 23),))  # two three four five
    assert ev.token_set(starts, longer.content) == frozenset({1, 2, 3, 4})
    res = ev.score_article(text, gold, [longer])
    assert res.all.exact == 0 and res.all.overlap == 1
    # 1 shared of 3 -> no match
    res = ev.score_article(text, gold, [ev.Attribution(content=((8, 19),))])
    assert res.all.overlap == 0 and res.all.n_pred == 1 and res.all.n_gold == 1


def test_matching_is_one_to_one():
    text = "alpha beta gamma delta"
    gold = [ev.Attribution(content=((0, 10),))]
    preds = [ev.Attribution(content=((0, 10),)), ev.Attribution(content=((0, 10),))]
    res = ev.score_article(text, gold, preds)
    assert res.all.overlap == 1 and res.all.n_pred == 2


def test_speaker_and_cue_rules():
    text = "Ada Brennan said the pier is safe. She left."
    gold = [ev.Attribution(content=((17, 33),), source=((0, 11),), cue=((12, 16),))]
    by_span = ev.Attribution(content=((17, 33),), source=((4, 11),), cue=((12, 16),))
    by_name = ev.Attribution(content=((17, 33),), source=((35, 38),), cue=(), name="Brennan")
    wrong = ev.Attribution(content=((17, 33),), source=((35, 38),), cue=(), name="Tom Okafor")
    assert ev.score_article(text, gold, [by_span]).all.spk_ok == 1
    assert ev.score_article(text, gold, [by_span]).all.cue_ok == 1
    res = ev.score_article(text, gold, [by_name])
    assert res.all.spk_ok == 1 and res.all.cue_ok == 0 and res.all.cue_n == 1
    assert ev.score_article(text, gold, [wrong]).all.spk_ok == 0


def test_group_by_cue_merges_split_quotes():
    rows = [((0, 5), (10, 12), (13, 17), "X"), ((20, 30), (10, 12), (13, 17), "X")]
    rows.append(((40, 50), None, None, None))
    grouped = ev.group_by_cue(rows)
    assert len(grouped) == 2 and grouped[0].content == ((0, 5), (20, 30))


def test_direct_subset_uses_quote_marks():
    text = "He said \u201cwe won\u201d today and that it rained."
    gold = [ev.Attribution(content=((8, 16),)), ev.Attribution(content=((23, 39),))]
    pred = [ev.Attribution(content=((9, 15),))]  # inside the marks
    res = ev.score_article(text, gold, pred)
    assert res.direct.n_gold == 1 and res.direct.n_pred == 1 and res.direct.exact == 1


def test_apostrophes_do_not_make_a_quote_direct():
    text = "She said Mara Quill\u2019s plan hurt voters' rights and \u2018failed\u2019 badly."
    possessive = ev.Attribution(content=((9, 39),))  # "Mara Quill’s plan hurt voters'"
    fragment = ev.Attribution(content=((9, 66),))  # the same clause with its quoted word
    res = ev.score_article(text, [possessive, fragment], [])
    assert res.direct.n_gold == 1
    assert ev._has_quote(text, fragment.content, widen=0)
    assert not ev._has_quote(text, possessive.content, widen=0)


def test_run_on_fixture_writes_json(tmp_path, capsys):
    parser = argparse.ArgumentParser()
    ev.add_arguments(parser)
    out = tmp_path / "q.json"
    args = parser.parse_args(["--gold-dir", str(FIXTURE), "--anchor", "none", "--json", str(out)])
    assert ev.run(args) == 0
    report = json.loads(out.read_text())
    assert report["newsprism"]["all"]["n_gold"] == 3
    assert report["newsprism"]["all"]["overlap_r"] > 0.6
    assert "newsprism" in capsys.readouterr().out


def test_missing_gold_dir_is_an_error(tmp_path):
    parser = argparse.ArgumentParser()
    ev.add_arguments(parser)
    args = parser.parse_args(["--gold-dir", str(tmp_path), "--anchor", "none"])
    assert ev.run(args) == 2


def test_textacy_anchor_runs_on_fixture(tmp_path):
    pytest.importorskip("textacy")
    parser = argparse.ArgumentParser()
    ev.add_arguments(parser)
    args = parser.parse_args(["--gold-dir", str(FIXTURE), "--json", str(tmp_path / "j.json")])
    assert ev.run(args) == 0
    report = json.loads((tmp_path / "j.json").read_text())
    assert "textacy" in report


@pytest.mark.skipif(not POLNEAR_DEV.exists(), reason="PolNeAR not available")
def test_polnear_dev_loads():
    arts = list(ev.load_gold_dir(POLNEAR_DEV))
    assert len(arts) == 84 and sum(len(g) for _, _, g in arts) > 1000


def test_read_gold_joins_a_second_content_argument():
    ann = (
        "T1\tSource 0 3\tAda\n"
        "T2\tCue 4 8\tsaid\n"
        "T3\tContent 10 14\tYes.\n"
        "T4\tContent 16 19\tNo.\n"
        "T5\tAttribution 4 8\tsaid\n"
        "E1\tAttribution:T5 Cue:T2 Source:T1 Content:T3 Content2:T4\n"
    )
    [gold] = ev.read_gold(ann)
    assert gold.content == ((10, 14), (16, 19))
    assert gold.source == ((0, 3),) and gold.cue == ((4, 8),)


def _two_annotators(root: Path) -> Path:
    """An invented article with two annotator files that agree on one of two attributions."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    text = "Mayor Ines Vardy said the ferry is late. Locals think the timetable is a joke.\n"
    (root / "text" / "ferry_01.txt").write_text(text, "utf-8")
    first = (
        "T1\tSource 0 16\tMayor Ines Vardy\nT2\tCue 17 21\tsaid\n"
        "T3\tContent 22 39\tthe ferry is late\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
        "T4\tSource 41 47\tLocals\nT5\tCue 48 53\tthink\n"
        "T6\tContent 54 77\tthe timetable is a joke\n"
        "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4\n"
    )
    second = first.split("T4\t")[0]  # the second annotator marks only the first attribution
    (root / "attributions" / "ferry_01_a1.ann").write_text(first, "utf-8")
    (root / "attributions" / "ferry_01_b7.ann").write_text(second, "utf-8")
    return root


def test_agreement_scores_annotators_against_each_other(tmp_path):
    n, res = ev.agreement(_two_annotators(tmp_path / "g"))
    assert n == 1
    first = res["vs first file"].all.scores()
    assert (first["n_pred"], first["n_gold"]) == (1, 2)
    assert first["overlap_p"] == 1.0 and first["overlap_r"] == 0.5
    assert first["speaker_acc"] == 1.0 and first["cue_acc"] == 1.0
    pairs = res["all ordered pairs"].all.scores()
    assert pairs["overlap_p"] == pairs["overlap_r"] == pytest.approx(2 / 3)


def test_agreement_option_prints_and_writes(tmp_path, capsys):
    parser = argparse.ArgumentParser()
    ev.add_arguments(parser)
    out = tmp_path / "a.json"
    gold = _two_annotators(tmp_path / "g")
    assert ev.run(parser.parse_args(["--gold-dir", str(gold), "--agreement",
                                     "--json", str(out)])) == 0
    report = json.loads(out.read_text())
    assert report["articles"] == 1
    assert report["vs first file"]["all"]["overlap_f1"] == pytest.approx(2 / 3)
    assert "annotator agreement on 1 articles" in capsys.readouterr().out
    # the bundled fixture has a second, empty annotator file: agreement 0, not an error
    assert ev.run(parser.parse_args(["--gold-dir", str(FIXTURE), "--agreement"])) == 0
    single = tmp_path / "single"
    (single / "text").mkdir(parents=True)
    assert ev.run(parser.parse_args(["--gold-dir", str(single), "--agreement"])) == 2


def _article(n_pred: int, n_gold: int, overlap: int) -> ev.Result:
    res = ev.Result()
    for tally in (res.all, res.direct, res.pure):
        tally.n_pred, tally.n_gold, tally.overlap = n_pred, n_gold, overlap
    return res


def test_bootstrap_interval_brackets_the_score_and_collapses_on_identical_articles():
    same = [_article(4, 4, 3) for _ in range(10)]
    lo, hi = ev.bootstrap_f1(same, "all", 200)
    assert lo == pytest.approx(0.75) and hi == pytest.approx(0.75)
    mixed = [_article(4, 4, 4), _article(4, 4, 0), _article(2, 6, 2), _article(5, 3, 3)] * 3
    total = ev.Result()
    for res in mixed:
        total.add(res)
    f1 = total.all.scores()["overlap_f1"]
    lo, hi = ev.bootstrap_f1(mixed, "all", 500)
    assert lo < f1 < hi and 0.0 <= lo and hi <= 1.0
    assert ev.bootstrap_f1(mixed, "all", 500) == (lo, hi)  # seeded: the same interval again
    assert ev.bootstrap_f1([], "all", 10) == (0.0, 0.0)


def test_run_reports_bootstrap_intervals_unless_switched_off(tmp_path, capsys):
    parser = argparse.ArgumentParser()
    ev.add_arguments(parser)
    out = tmp_path / "q.json"
    args = parser.parse_args(["--gold-dir", str(FIXTURE), "--anchor", "none", "--json", str(out),
                              "--bootstrap", "50"])
    assert ev.run(args) == 0
    report = json.loads(out.read_text())
    lo, hi = report["newsprism"]["all"]["overlap_f1_ci"]
    assert lo <= report["newsprism"]["all"]["overlap_f1"] <= hi
    assert report["bootstrap"]["resamples"] == 50
    assert "95% interval" in capsys.readouterr().out
    args = parser.parse_args(["--gold-dir", str(FIXTURE), "--anchor", "none", "--json", str(out),
                              "--bootstrap", "0"])
    assert ev.run(args) == 0
    assert "overlap_f1_ci" not in json.loads(out.read_text())["newsprism"]["all"]


def test_every_and_offset_take_a_disjoint_sample(tmp_path):
    import shutil

    gold = _two_annotators(tmp_path / "g")  # ferry_01: 2 gold attributions in its first file
    shutil.copy(FIXTURE / "text" / "pier_0001.txt", gold / "text")
    for ann in (FIXTURE / "attributions").glob("*.ann"):
        shutil.copy(ann, gold / "attributions")  # pier_0001: 3
    parser = argparse.ArgumentParser()
    ev.add_arguments(parser)
    n_gold = {}
    for offset in (0, 1):
        out = tmp_path / f"o{offset}.json"
        args = parser.parse_args(["--gold-dir", str(gold), "--anchor", "none", "--bootstrap", "0",
                                  "--every", "2", "--offset", str(offset), "--json", str(out)])
        assert ev.run(args) == 0
        n_gold[offset] = json.loads(out.read_text())["newsprism"]["all"]["n_gold"]
    assert n_gold == {0: 2, 1: 3}  # by name: ferry_01, then pier_0001
    bad = parser.parse_args(["--gold-dir", str(gold), "--every", "2", "--offset", "2"])
    assert ev.run(bad) == 2
