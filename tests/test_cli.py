"""The CLI end to end: the JSONL contract, exit statuses, and bad inputs in a batch."""

from __future__ import annotations

import json
from dataclasses import replace

import jsonschema
import pytest

from newsprism.cli import main
from newsprism.ingest import iter_articles
from newsprism.settings import data_path
from support import ROOT, SEEDS, needs_seeds, seed_texts

SCHEMA = json.loads(data_path("analysis.schema.json").read_text("utf-8"))
EXAMPLES = ROOT / "examples"

NOISY = (
    "Harbour board approves new pier\n\n"
    "The harbour board in Port Ellery approved the pier on Monday,with 7 votes to 2. "
    "ther were protests outside. Chair Tomasz Wren said: \u201cThis is a good day.\u201d "
    "wren added that the pier would cost \u00a312 million.\n"
)


def _evidence(record: dict):
    """Every object in a record that carries start/end/text, with its field name."""
    for key in ("quotes", "figures", "entities", "dates"):
        for item in record[key]:
            yield key, item
            for sub in ("speaker", "cue"):
                if isinstance(item.get(sub), dict) and "text" in item[sub]:
                    yield f"{key}.{sub}", item[sub]
    for sentence in record["sentences"]:
        yield from (("signals", s) for s in sentence["signals"])
        yield from (("reasons", s) for s in sentence["reasons"])


def check_record(record: dict) -> None:
    jsonschema.validate(record, SCHEMA)
    text = record["text"]
    for r in record["repairs"]:
        assert text[r["start"] : r["end"]] == r["before"]
    for where, item in _evidence(record):
        assert text[item["start"] : item["end"]] == item["text"], where
    for q in record["quotes"]:
        if q["speaker"]:
            assert 0 <= q["speaker"]["start"] <= q["speaker"]["end"] <= len(text)


def run_jsonl(capsys, *argv: str) -> tuple[int, list[dict], str]:
    status = main(["analyze", "--format", "jsonl", *argv])
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines() if line.strip()]
    return status, records, captured.err


def test_jsonl_contract_on_examples(capsys):
    status, records, _ = run_jsonl(capsys, str(EXAMPLES))
    assert status == 0
    assert len(records) == 7
    for record in records:
        check_record(record)
        assert list(record)[:6] == ["id", "source", "title", "outlet", "published", "text"]
    outlets = {r["outlet"] for r in records}
    assert {"The Ellery Courier", "Coastline Daily", "NorthWire", "Riverton Ledger"} <= outlets
    assert any(r["quotes"] for r in records) and any(r["figures"] for r in records)
    # every score is explained: a loaded sentence names its signals or its context words
    for r in records:
        for s in r["sentences"]:
            if s["loaded"] >= 0.5:
                assert s["signals"] or s["reasons"], s


def test_repaired_text_spans_point_at_the_original(tmp_path, capsys):
    path = tmp_path / "noisy.txt"
    path.write_text(NOISY, "utf-8")
    status, [record], _ = run_jsonl(capsys, str(path), "--outlet", "Test Wire")
    assert status == 0
    check_record(record)
    kinds = {r["kind"] for r in record["repairs"]}
    assert {"spacing", "spelling"} <= kinds
    assert record["outlet"] == "Test Wire"
    assert record["title"] == "Harbour board approves new pier"


def test_bad_inputs_are_named_and_the_rest_analysed(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(NOISY, "utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    status, records, err = run_jsonl(capsys, str(empty), str(good), str(binary))
    assert status == 1
    assert [r["source"] for r in records] == [str(good)]
    assert "empty.txt" in err and "blob.txt" in err
    assert "N101" in err and "N102" in err


def test_json_format_is_one_array(capsys):
    status = main(["analyze", "--format", "json", str(EXAMPLES / "transit-fares")])
    records = json.loads(capsys.readouterr().out)
    assert status == 0 and len(records) == 4
    for record in records:
        check_record(record)


def test_text_format_shows_speakers_and_figures(capsys):
    status = main(["analyze", str(EXAMPLES / "harbour-fire" / "courier.html")])
    out = capsys.readouterr().out
    assert status == 0
    assert "Who is quoted" in out and "Figures" in out and "Ruth Adebayo" in out


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["analyze", "--format", "xml", "x.txt"])
    assert exc.value.code == 2
    assert main([]) == 2


def test_missing_store_is_a_usage_error(tmp_path, capsys):
    assert main(["stories", "--db", str(tmp_path / "none.db")]) == 2
    assert "add articles first" in capsys.readouterr().err


def test_add_stories_compare(tmp_path, capsys):
    db = str(tmp_path / "np.db")
    assert main(["add", "--db", db, str(EXAMPLES)]) == 0
    first = capsys.readouterr()
    assert "added 7 article(s)" in first.out
    assert "newsprism regroup" not in first.err  # 7 is a small import
    assert main(["add", "--db", db, str(EXAMPLES)]) == 0  # same articles again
    assert "7 duplicate(s)" in capsys.readouterr().out
    assert main(["stories", "--db", db, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    fire = [r for r in rows if "NorthWire" in r["outlets"]]
    assert len(fire) == 1 and fire[0]["articles"] == 3
    assert main(["story", fire[0]["id"], "--db", db]) == 0
    html = tmp_path / "fire.html"
    assert main(["compare", fire[0]["id"], "--db", db, "--html", str(html)]) == 0
    out = capsys.readouterr().out
    assert "Coastline Daily" in out and "NorthWire" in out
    assert html.read_text("utf-8").startswith("<!DOCTYPE html>")
    # regroup keeps the examples' stories (three events) and says what it did
    assert main(["regroup", "--db", db]) == 0
    assert "-> 3 stories" in capsys.readouterr().out
    assert main(["stories", "--db", db, "--format", "json"]) == 0
    after = json.loads(capsys.readouterr().out)
    assert sorted(r["articles"] for r in after) == [1, 3, 3]
    assert main(["regroup", "--db", db, "--passes", "0"]) == 2
    assert main(["regroup", "--db", str(tmp_path / "missing.db")]) != 0


def test_add_suggests_regroup_after_a_large_import(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("NEWSPRISM_STORIES_REGROUP_HINT_MIN", "3")
    db = str(tmp_path / "np.db")
    assert main(["add", "--db", db, str(EXAMPLES)]) == 0
    err = capsys.readouterr().err
    assert f"newsprism regroup --db {db}" in err


def test_reanalyze_replaces_analyses_of_an_older_pipeline(tmp_path, capsys):
    from newsprism.pipeline import PIPELINE_VERSION, analyze
    from newsprism.store import open_store

    db = str(tmp_path / "old.db")
    store = open_store(db)
    inputs = iter_articles([str(EXAMPLES / "transit-fares")])
    old = [replace(a, sentences=()) for a in analyze(inputs)]
    store.add(old, pipeline_version="0.0.1")
    assert len(store.stale(PIPELINE_VERSION)) == 4
    store.close()
    assert main(["reanalyze", "--db", db]) == 0
    assert "re-analysed 4 article(s)" in capsys.readouterr().out
    store = open_store(db)
    try:
        assert store.stale(PIPELINE_VERSION) == []
        fresh = store.get("ledger-fares-2023")
        assert fresh is not None and fresh.sentences and fresh.story is not None
        assert store.count_stories() == 2  # stories kept
    finally:
        store.close()
    assert main(["reanalyze", "--db", db]) == 0
    assert "re-analysed 0 article(s)" in capsys.readouterr().out


@needs_seeds
def test_seed_repairs(capsys):

    texts = seed_texts()
    status, records, _ = run_jsonl(capsys, *(str(SEEDS / name) for name in texts))
    assert status == 0
    by_name = {r["source"].rsplit("/", 1)[-1]: r for r in records}
    for record in records:
        check_record(record)
    noisy = min(by_name.values(), key=lambda r: -len(r["repairs"]))
    fixed = {(r["before"], r["after"]) for r in noisy["repairs"]}
    assert ("ther", "there") in fixed and ("khan", "Khan") in fixed
    assert ("metropolitan", "Metropolitan") in fixed
    assert any(b == "MetS" for b, _ in fixed)
    assert sum(1 for r in noisy["repairs"] if r["kind"] == "spacing") >= 5
    clean = [r for r in records if r is not noisy]
    assert all(not r["repairs"] for r in clean)


def test_workers_give_the_same_output(capsys):
    inputs = str(EXAMPLES / "transit-fares")
    _, one, _ = run_jsonl(capsys, inputs)
    _, two, _ = run_jsonl(capsys, inputs, "--workers", "2")
    assert one == two and len(one) == 4
