"""HTML ingestion through trafilatura, and the fragment-to-text conversion."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from newsprism.errors import EncodingProblem, NoArticleBody
from newsprism.ingest.html import html_to_text, iso_date, parse_html

from .conftest import run

BODY = (
    "The water board confirmed on Friday that the reservoir level had fallen to 41 percent, "
    "the lowest figure recorded in a decade."
)


def test_article_body_and_metadata(fixtures: Path) -> None:
    (article,), errors = run([str(fixtures / "article.html")])
    assert errors == []
    assert article.title == "Harbour workers strike over pay"
    assert article.outlet == "The Coastal Ledger"
    assert article.author == "Tomás Ferreira"
    assert article.published is not None and article.published.startswith("2025-02-11")
    assert article.url == "https://coastal-ledger.example/news/harbour-strike"
    assert "We have waited three years for a fair offer" in article.text
    assert "All rights reserved" not in article.text
    assert "Sport" not in article.text


def test_outlet_falls_back_to_host_name() -> None:
    html = f"<html><body><article><p>{BODY}</p></article></body></html>".encode()
    article = parse_html(html, "page", url="https://www.reservoir-news.example/a/1")
    assert article.outlet == "reservoir-news.example"
    assert article.url == "https://www.reservoir-news.example/a/1"
    assert article.source == "page"


def test_page_without_body(fixtures: Path) -> None:
    _, (error,) = run([str(fixtures / "nobody.html")])
    assert isinstance(error, NoArticleBody)
    assert "no article body" in error.reason


def test_body_shorter_than_minimum(monkeypatch) -> None:
    monkeypatch.setenv("NEWSPRISM_INGEST_MIN_BODY_CHARS", str(len(BODY) + 500))
    html = f"<html><body><article><p>{BODY}</p></article></body></html>".encode()
    with pytest.raises(NoArticleBody):
        parse_html(html, "page")


def test_meta_charset_utf8_with_invalid_byte_names_offset(tmp_path: Path) -> None:
    head = b"<html><head><meta charset=utf-8></head><body><p>Caf"
    path = tmp_path / "bad.html"
    path.write_bytes(head + b"\xe9 au lait " + BODY.encode() + b"</p></body></html>")
    _, (error,) = run([str(path)])
    assert isinstance(error, EncodingProblem)
    assert f"byte offset {len(head)}" in error.reason
    assert "meta charset" in error.reason


def test_http_equiv_charset_claim_is_honoured(tmp_path: Path) -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        f"</head><body><article><p>Le café a rouvert. {BODY}</p></article></body></html>"
    )
    path = tmp_path / "latin.htm"
    path.write_bytes(html.encode("cp1252"))
    (article,), errors = run([str(path)])
    assert errors == [] and "café" in article.text


def test_undeclared_html_in_other_encoding_is_detected(tmp_path: Path) -> None:
    text = "Le maire a déclaré que la rénovation de l'école coûterait très cher. " * 4
    path = tmp_path / "page.html"
    path.write_bytes(f"<html><body><article><p>{text}</p></article></body></html>".encode("cp1252"))
    (article,), errors = run([str(path)])
    assert errors == [] and "rénovation" in article.text


def test_extraction_never_touches_the_network(fixtures: Path, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    (article,), errors = run([str(fixtures / "article.html")])
    assert errors == [] and article.outlet == "The Coastal Ledger"


def test_html_is_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_bytes(f"<!DOCTYPE html><html><body><p>{BODY}</p></body></html>".encode())
    (article,), _ = run([str(path)])
    assert "41 percent" in article.text and "<p>" not in article.text


def test_html_to_text_paragraphs_breaks_and_entities() -> None:
    fragment = (
        "<p>First   paragraph\n with <b>bold</b> text.</p><script>var x = 1;</script>"
        "<p>Line one<br>Line two &amp; more</p><ul><li>A</li><li>B</li></ul>"
    )
    assert html_to_text(fragment) == (
        "First paragraph with bold text.\n\nLine one\nLine two & more\n\nA\n\nB"
    )
    assert html_to_text("Plain &amp; simple") == "Plain & simple"
    assert html_to_text("") == ""


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2025-02-11T08:30:00+0000", "2025-02-11T08:30:00+00:00"),
        ("2025-02-11T00:00:00", "2025-02-11"),
        ("2025-02-11T14:05:00", "2025-02-11T14:05:00"),
        (None, None),
    ],
)
def test_iso_date(raw: str | None, iso: str | None) -> None:
    assert iso_date(raw) == iso


def test_latin1_label_is_read_as_windows_1252(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="iso-8859-1"></head><body><article>'
        f"<p>“We will rebuild,” the mayor said – twice. {BODY}</p></article></body></html>"
    )
    path = tmp_path / "quotes.html"
    path.write_bytes(html.encode("cp1252"))
    (article,), errors = run([str(path)])
    assert errors == [] and "“We will rebuild,” the mayor said – twice." in article.text
