"""JSON Lines ingestion: one article per line, one error per bad line."""

from __future__ import annotations

import json
from pathlib import Path

from newsprism.errors import EmptyInput, EncodingProblem, InputTooLarge, MalformedInput

from .conftest import run


def line(**fields: object) -> bytes:
    """One JSON Lines record."""
    return json.dumps(fields).encode() + b"\n"


def test_fixture_lines(fixtures: Path) -> None:
    path = fixtures / "articles.jsonl"
    articles, errors = run([str(path)])
    assert [a.source for a in articles] == [f"{path}#1", f"{path}#2", f"{path}#5"]
    first, second, third = articles
    assert first.id == "a1" and first.outlet == "Hill Times"
    assert first.published == "2025-05-02" and first.url == "https://hill-times.example/dam"
    assert second.title == "Dam safe, board says" and len(second.id) == 16
    assert third.author == "K. Mensah"
    (error,) = errors
    assert isinstance(error, MalformedInput)
    assert error.source == f"{path}:4" and '"text"' in error.reason


def test_each_bad_line_is_its_own_error(tmp_path: Path) -> None:
    path = tmp_path / "mixed.ndjson"
    path.write_bytes(
        line(text="Good one.")
        + b"{broken json\n"
        + b"[1, 2]\n"
        + line(text=42)
        + line(text="   ")
        + line(text="Bad title type.", title=["x"])
        + line(text="Good two.")
    )
    articles, errors = run([str(path)])
    assert [a.text for a in articles] == ["Good one.", "Good two."]
    assert [e.source for e in errors] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6)]
    assert [type(e) for e in errors] == [
        MalformedInput,
        MalformedInput,
        MalformedInput,
        EmptyInput,
        MalformedInput,
    ]


def test_invalid_utf8_names_line_and_file_offset(tmp_path: Path) -> None:
    first = line(text="Fine.")
    path = tmp_path / "bad.jsonl"
    prefix = b'{"text": "caf'
    path.write_bytes(first + prefix + b'\xe9"}\n' + line(text="Also fine."))
    articles, (error,) = run([str(path)])
    assert isinstance(error, EncodingProblem)
    assert error.source == f"{path}:2"
    assert f"byte offset {len(first) + len(prefix)}" in error.reason
    assert [a.text for a in articles] == ["Fine.", "Also fine."]


def test_overlong_line_is_skipped_not_read_into_memory(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_bytes(line(text="x" * 5000) + line(text="Short."))
    articles, (error,) = run([str(path)], max_bytes=1000)
    assert isinstance(error, InputTooLarge) and error.source == f"{path}:1"
    assert [a.text for a in articles] == ["Short."]


def test_only_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_bytes(b"\n  \n\n")
    _, (error,) = run([str(path)])
    assert isinstance(error, EmptyInput)


def test_jsonl_is_sniffed_and_url_keys_the_id(tmp_path: Path) -> None:
    path = tmp_path / "export"
    path.write_bytes(line(text="Same text.", url="https://a.example/1"))
    other = tmp_path / "copy.jsonl"
    other.write_bytes(b"\n" + line(text="Same text.", url="https://a.example/1"))
    (first, second), _ = run([str(path), str(other)])
    assert first.source.endswith("export#1") and second.source.endswith("copy.jsonl#2")
    assert first.id == second.id


def test_byte_order_mark_on_first_line_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "excel.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + line(text="From a Windows tool."))
    (article,), errors = run([str(path)])
    assert errors == [] and article.text == "From a Windows tool."
