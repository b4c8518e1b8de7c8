"""Plain text ingestion, input expansion and the bad-input errors of issue 2."""

from __future__ import annotations

import io
import random
import tracemalloc
from pathlib import Path

import pytest

from newsprism.errors import (
    BinaryInput,
    EmptyInput,
    EncodingProblem,
    InputTooLarge,
    UnreadableInput,
)
from newsprism.ingest import iter_articles

from .conftest import run


def test_text_keeps_full_content_and_takes_title_from_first_line(fixtures: Path) -> None:
    path = fixtures / "bridge.txt"
    (article,), errors = run([str(path)])
    assert errors == []
    assert article.text == path.read_text("utf-8")
    assert article.title == "Riverside opens its new footbridge"
    assert article.text.startswith(article.title)
    assert article.source == str(path)
    assert article.outlet is None and article.published is None
    assert len(article.id) == 16 and int(article.id, 16) >= 0


def test_text_without_blank_second_line_has_no_title(fixtures: Path) -> None:
    (article,), _ = run([str(fixtures / "untitled.txt")])
    assert article.title is None


def test_id_is_stable_and_depends_on_text(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Same words here.\n")
    second.write_text("Other words here.\n")
    ids = [a.id for a in run([str(first), str(second), str(first)])[0]]
    assert ids[0] == ids[2] != ids[1]


def test_overrides_replace_metadata(fixtures: Path) -> None:
    (article,), _ = run(
        [str(fixtures / "article.html")], outlet="My Outlet", published="2020-01-02"
    )
    assert article.outlet == "My Outlet"
    assert article.published == "2020-01-02"
    assert article.title == "Harbour workers strike over pay"


def test_non_utf8_text_without_claim_is_detected(tmp_path: Path) -> None:
    words = "Le café de la gare a rouvert ses portes après les travaux. " * 6
    path = tmp_path / "cafe.txt"
    path.write_bytes(words.encode("cp1252"))
    (article,), errors = run([str(path)])
    assert errors == []
    assert "café" in article.text and "après" in article.text


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Headline\n\nBody text of the story.\n".encode("utf-16"))
    (article,), errors = run([str(path)])
    assert errors == [] and article.title == "Headline"
    assert not article.text.startswith("\ufeff")


def test_utf8_bom_claim_with_invalid_byte_names_offset(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    good = b"Mayor speaks. "
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\xff rest of text")
    _, (error,) = run([str(path)])
    assert isinstance(error, EncodingProblem)
    assert f"byte offset {3 + len(good)}" in error.reason
    assert "byte-order mark" in error.reason and str(path) in str(error)


def test_utf8_bom_is_not_part_of_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfHello there, readers.")
    (article,), _ = run([str(path)])
    assert article.text == "Hello there, readers."


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    empty, blank = tmp_path / "empty.txt", tmp_path / "blank.html"
    empty.write_bytes(b"")
    blank.write_bytes(b"  \n\n\t ")
    articles, errors = run([str(empty), str(blank)])
    assert articles == []
    assert [type(e) for e in errors] == [EmptyInput, EmptyInput]
    assert errors[0].source == str(empty) and "empty" in errors[0].reason


@pytest.mark.parametrize("name", ["photo.txt", "photo"])
def test_binary_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(random.Random(7).randbytes(20000))
    _, (error,) = run([str(path)])
    assert isinstance(error, BinaryInput)
    assert "binary" in error.reason


def test_mostly_text_with_a_few_control_bytes_is_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"A normal sentence about the harbour.\x07\n" * 20)
    (article,), errors = run([str(path)])
    assert errors == [] and "harbour" in article.text


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b"Some words. " * 1000)
        handle.truncate(2_000_000_000)  # sparse: 2 GB that must never be read
    tracemalloc.start()
    try:
        _, (error,) = run([str(path)], max_bytes=100_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(error, InputTooLarge)
    assert "2000000000 bytes" in error.reason and "100000" in error.reason
    assert peak < 5_000_000


def test_size_limit_default_comes_from_settings(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSPRISM_INGEST_MAX_BYTES", "50")
    path = tmp_path / "small.txt"
    path.write_text("x" * 60)
    _, (error,) = run([str(path)])
    assert isinstance(error, InputTooLarge)


def test_stdin_too_large_without_known_size() -> None:
    results = list(iter_articles(["-"], stdin=io.BytesIO(b"word " * 100), max_bytes=100))
    assert [type(r) for r in results] == [InputTooLarge]
    assert results[0].source == "stdin"


def test_stdin_is_sniffed(fixtures: Path) -> None:
    data = (fixtures / "feed.rss").read_bytes()
    articles = list(iter_articles(["-"], stdin=io.BytesIO(data)))
    assert [a.source for a in articles] == ["stdin#1", "stdin#2"]
    assert articles[0].outlet == "Valley Courier"


def test_missing_path_and_unmatched_glob(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    pattern = str(tmp_path / "*.nothing")
    _, errors = run([missing, pattern])
    assert [type(e) for e in errors] == [UnreadableInput, UnreadableInput]
    assert errors[0].source == missing and "no such file" in errors[0].reason
    assert errors[1].source == pattern


def test_directory_is_recursed_sorted_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for rel in ["b/two.txt", "a.txt", "c.txt", ".secret.txt", ".hidden/x.txt"]:
        (tmp_path / rel).write_text(f"Story in {rel}\n")
    articles, errors = run([str(tmp_path)])
    assert errors == []
    assert [Path(a.source).relative_to(tmp_path).as_posix() for a in articles] == [
        "a.txt",
        "b/two.txt",
        "c.txt",
    ]


def test_glob_pattern_is_expanded_sorted(tmp_path: Path) -> None:
    for name in ["z.txt", "m.txt", "a.html"]:
        (tmp_path / name).write_text("Story text that is long enough for anything at all.\n")
    articles, _ = run([str(tmp_path / "*.txt")])
    assert [Path(a.source).name for a in articles] == ["m.txt", "z.txt"]


def test_batch_goes_on_after_errors(tmp_path: Path, fixtures: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    inputs = [str(empty), str(tmp_path / "missing"), str(fixtures / "bridge.txt")]
    results = list(iter_articles(inputs))
    assert [type(r).__name__ for r in results] == ["EmptyInput", "UnreadableInput", "Article"]


def test_single_name_and_path_objects_are_accepted(fixtures: Path) -> None:
    by_str = list(iter_articles(str(fixtures / "bridge.txt")))
    by_path = list(iter_articles([fixtures / "bridge.txt"]))  # type: ignore[list-item]
    assert len(by_str) == 1 and by_str == by_path
