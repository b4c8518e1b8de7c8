"""Whatever the bytes, iter_articles yields Articles or InputErrors and never raises."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.errors import InputError
from newsprism.ingest import iter_articles
from newsprism.ingest.html import html_to_text
from newsprism.model import Article

PREFIXES = [b"", b"WARC/1.0\r\n", b"<?xml version='1.0'?><rss>", b"<html><body><p>", b'{"text": ']


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=600))
def test_any_bytes_on_stdin(prefix: bytes, body: bytes) -> None:
    results = list(iter_articles(["-"], stdin=io.BytesIO(prefix + body), max_bytes=400))
    assert results
    for item in results:
        assert isinstance(item, Article | InputError)
        if isinstance(item, InputError):
            assert item.source.startswith("stdin") and item.reason


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_html_to_text_never_raises(fragment: str) -> None:
    text = html_to_text(fragment)
    assert "\x00" not in text


def test_html_to_text_with_control_characters() -> None:
    assert html_to_text("<p>Bell\x07 and\x00p NUL</p><p>Next</p>") == "Bell andp NUL\n\nNext"
