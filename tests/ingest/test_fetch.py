"""URL inputs, dispatched through a mocked httpx transport (no network)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from newsprism.errors import EncodingProblem, InputTooLarge, UnreadableInput
from newsprism.ingest import fetch

from .conftest import run

REAL_MAKE_CLIENT = fetch.make_client
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {}


def handler(request: httpx.Request) -> httpx.Response:
    """Serve ROUTES; raise a connection error for unknown hosts."""
    if request.url.host == "down.example":
        raise httpx.ConnectError("connection refused", request=request)
    status, headers, body = ROUTES.get(str(request.url), (404, {}, b"not here"))
    return httpx.Response(status, headers=headers, content=body)


@pytest.fixture(autouse=True)
def mocked_client(monkeypatch: pytest.MonkeyPatch, fixtures: Path) -> None:
    ROUTES.clear()
    ROUTES["https://ledger.example/strike"] = (
        200,
        {"content-type": "text/html; charset=utf-8"},
        (fixtures / "article.html").read_bytes(),
    )
    ROUTES["https://courier.example/feed"] = (
        200,
        {"content-type": "application/rss+xml"},
        (fixtures / "feed.rss").read_bytes(),
    )
    ROUTES["https://plain.example/note"] = (
        200,
        {"content-type": "text/plain; charset=utf-8"},
        b"Plain note\n\nThe market reopened at noon.\xff",
    )
    ROUTES["https://old.example/a"] = (301, {"location": "https://ledger.example/strike"}, b"")

    def make_client() -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True)

    monkeypatch.setattr(fetch, "make_client", make_client)


def test_html_url() -> None:
    (article,), errors = run(["https://ledger.example/strike"])
    assert errors == []
    assert article.source == "https://ledger.example/strike"
    assert article.url == "https://ledger.example/strike"
    assert article.outlet == "The Coastal Ledger"


def test_redirect_keeps_source_and_records_final_url() -> None:
    (article,), _ = run(["https://old.example/a"])
    assert article.source == "https://old.example/a"
    assert article.url == "https://ledger.example/strike"


def test_feed_by_content_type() -> None:
    articles, errors = run(["https://courier.example/feed"])
    assert errors == []
    assert [a.source for a in articles] == [
        "https://courier.example/feed#1",
        "https://courier.example/feed#2",
    ]


def test_content_type_charset_is_a_claim() -> None:
    _, (error,) = run(["https://plain.example/note"])
    assert isinstance(error, EncodingProblem) and "Content-Type" in error.reason


def test_http_error_and_network_failure() -> None:
    _, errors = run(["https://ledger.example/gone", "https://down.example/x"])
    assert [type(e) for e in errors] == [UnreadableInput, UnreadableInput]
    assert "404" in errors[0].reason
    assert errors[1].source == "https://down.example/x"
    assert "could not be fetched" in errors[1].reason


def test_url_over_size_limit() -> None:
    _, (error,) = run(["https://ledger.example/strike"], max_bytes=100)
    assert isinstance(error, InputTooLarge)


def test_default_client_uses_settings_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSPRISM_INGEST_FETCH_TIMEOUT", "3.5")
    with REAL_MAKE_CLIENT() as client:
        assert client.timeout.read == 3.5 and client.follow_redirects


def test_is_url() -> None:
    assert fetch.is_url("https://a.example/x") and fetch.is_url("HTTP://a.example")
    assert not fetch.is_url("a.example/x") and not fetch.is_url("-")
