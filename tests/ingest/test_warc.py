"""WARC/ARC ingestion: HTML responses become articles, broken records become errors."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from newsprism.errors import InputTooLarge, MalformedInput
from newsprism.ingest import iter_articles
from newsprism.model import Article

from .conftest import page, run, write_warc

STORY = "The regional train line reopened on Sunday after eight weeks of repairs to the tracks."
OTHER = "Farmers in the valley reported the smallest apple harvest since records began in 1961."
HTML = "text/html; charset=utf-8"


def records() -> list[tuple[str, str, bytes, str]]:
    """warcinfo is record 1; these are records 2..6."""
    return [
        ("https://rail.example/reopened", HTML, page("Line reopens", STORY), "200 OK"),
        ("https://rail.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" * 50, "200 OK"),
        ("https://rail.example/missing", HTML, page("Not found", STORY), "404 Not Found"),
        ("https://farm.example/apples", HTML, page("Apple harvest", OTHER), "200 OK"),
        ("https://farm.example/style.css", "text/css", b"body { color: red }", "200 OK"),
    ]


@pytest.mark.parametrize("gzip", [False, True])
def test_html_responses_become_articles(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, records(), gzip=gzip)
    articles, errors = run([str(path)])
    assert errors == []
    assert [a.source for a in articles] == [f"{path}#2", f"{path}#5"]
    assert [a.url for a in articles] == [
        "https://rail.example/reopened",
        "https://farm.example/apples",
    ]
    assert articles[0].title == "Line reopens" and STORY in articles[0].text
    assert articles[1].outlet == "farm.example"


def test_gzipped_warc_is_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "download"
    write_warc(path, records()[:1], gzip=True)
    (article,), errors = run([str(path)])
    assert errors == [] and article.url == "https://rail.example/reopened"


@pytest.mark.parametrize("gzip", [False, True])
def test_truncated_record_after_good_ones(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / "cut.warc"
    data = write_warc(path, records(), gzip=gzip)
    path.write_bytes(data[:-60])  # cut inside the last record (record 6)
    articles, errors = run([str(path)])
    assert [a.source for a in articles] == [f"{path}#2", f"{path}#5"]
    (error,) = errors
    assert isinstance(error, MalformedInput)
    assert error.source == f"{path}#6" and "record 6" in error.reason
    assert "truncated" in error.reason


def record_start(data: bytes, gzip: bool) -> int:
    """Where the second record (the first after warcinfo) starts in ``data``."""
    if not gzip:
        return data.index(b"WARC/1.0", 1)
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    decompressor.decompress(data)
    return len(data) - len(decompressor.unused_data)


@pytest.mark.parametrize("gzip", [False, True])
def test_every_cut_inside_a_record_is_reported(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / "whole.warc"
    data = write_warc(path, records()[:1], gzip=gzip)
    # Any cut inside record 2, except in its last bytes (gzip trailer or blank lines,
    # after the content is complete).
    for cut in range(record_start(data, gzip) + 1, len(data) - 12, 5):
        path.write_bytes(data[:cut])
        articles, errors = run([str(path)])
        assert articles == [], cut
        assert [type(e) for e in errors] == [MalformedInput], cut
        assert errors[0].source == f"{path}#2" and "record 2" in errors[0].reason, cut


def test_garbage_named_warc_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not an archive at all\n" * 10)
    _, (error,) = run([str(path)])
    assert isinstance(error, MalformedInput) and error.source == f"{path}#1"


def test_record_over_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.warc"
    big = page("Long read", STORY * 200)
    write_warc(path, [("https://a.example/long", HTML, big, "200 OK"), records()[3]])
    articles, errors = run([str(path)], max_bytes=len(big) - 1)
    assert [a.url for a in articles] == ["https://farm.example/apples"]
    (error,) = errors
    assert isinstance(error, InputTooLarge) and error.source == f"{path}#2"


def arc_bytes(uri: str, html: bytes) -> bytes:
    """A minimal ARC (version 1) file with one HTTP response record."""
    desc = b"1 0 newsprism\nURL IP-address Archive-date Content-type Archive-length\n"
    out = b"filedesc://t.arc 0.0.0.0 20250101000000 text/plain %d\n" % len(desc) + desc + b"\n"
    payload = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
    header = f"{uri} 127.0.0.1 20250101000000 text/html {len(payload)}\n".encode()
    return out + header + payload + b"\n"


def test_arc_file(tmp_path: Path) -> None:
    path = tmp_path / "old.arc"
    path.write_bytes(arc_bytes("http://ferry.example/resumed", page("Ferry back", STORY)))
    (article,), errors = run([str(path)])
    assert errors == []
    assert isinstance(article, Article) and article.url == "http://ferry.example/resumed"
    assert article.source == f"{path}#2"


def test_wrong_content_length_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad-length.warc"
    data = write_warc(path, records())
    start = data.index(b"WARC-Target-URI: https://rail.example/logo.png")  # record 3
    field = data.index(b"Content-Length: ", start)
    end = data.index(b"\r\n", field)
    length = int(data[field + len(b"Content-Length: ") : end])
    path.write_bytes(data[:field] + b"Content-Length: %d" % (length - 30) + data[end:])
    results = list(iter_articles([str(path)]))
    assert isinstance(results[0], Article) and results[0].source == f"{path}#2"
    error = results[1]
    assert isinstance(error, MalformedInput) and error.source == f"{path}#3"
    assert "Content-Length" in error.reason
    # What follows a misaligned record is read on only as far as it still parses.
    assert all(isinstance(r, Article | MalformedInput) for r in results[2:])
