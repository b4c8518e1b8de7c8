"""Shared helpers for the ingestion tests: fixture paths and tiny WARC builders."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.errors import InputError
from newsprism.ingest import iter_articles
from newsprism.model import Article

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def run(inputs: list[str], **kwargs) -> tuple[list[Article], list[InputError]]:
    """Collect iter_articles' results, split into articles and errors (order kept)."""
    articles: list[Article] = []
    errors: list[InputError] = []
    for item in iter_articles(inputs, **kwargs):
        (articles if isinstance(item, Article) else errors).append(item)
    return articles, errors


def page(title: str, body: str) -> bytes:
    """A small HTML article page."""
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<article><h1>{title}</h1><p>{body}</p></article></body></html>"
    ).encode()


def write_warc(
    path: Path, records: list[tuple[str, str, bytes, str]], *, gzip: bool = False
) -> bytes:
    """Write a WARC with a warcinfo record then one response per (uri, type, body, status).

    Returns the bytes written.
    """
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsprism-test"}))
    for uri, content_type, body, status in records:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    data = buf.getvalue()
    path.write_bytes(data)
    return data


@pytest.fixture
def fixtures() -> Path:
    """The directory of ingestion fixtures."""
    return FIXTURES
