"""Fetching ``http(s)://`` inputs with httpx (timeout: settings ingest.fetch_timeout).

The response body is streamed into the same dispatch as files (see
:mod:`newsprism.ingest.source`): its kind comes from the URL's path ending, then the
Content-Type, then sniffing; a Content-Type charset counts as an encoding claim.
Network failures and HTTP error statuses yield :class:`UnreadableInput`.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx

from newsprism import __version__, settings
from newsprism.errors import InputError, UnreadableInput
from newsprism.ingest.source import IterReader, from_stream
from newsprism.model import Article

URL_PREFIXES = ("http://", "https://")


def is_url(name: str) -> bool:
    """True if ``name`` is an http(s) URL."""
    return name.lower().startswith(URL_PREFIXES)


def make_client() -> httpx.Client:
    """The HTTP client used for fetching (tests replace this with a mocked transport)."""
    return httpx.Client(
        timeout=float(settings.get("ingest", "fetch_timeout")),
        follow_redirects=True,
        headers={"User-Agent": f"newsprism/{__version__}"},
    )


def iter_url(url: str, limit: int) -> Iterator[Article | InputError]:
    """Articles and errors from the document at ``url``."""
    with make_client() as client:
        try:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    yield UnreadableInput(
                        url, f"the server answered {response.status_code} {response.reason_phrase}"
                    )
                    return
                yield from from_stream(
                    io.BufferedReader(IterReader(response.iter_bytes())),
                    url,
                    name=urlsplit(str(response.url)).path,
                    size=_declared_size(response),
                    limit=limit,
                    content_type=response.headers.get("content-type"),
                    url=str(response.url),
                )
        except httpx.HTTPError as err:
            reason = str(err) or type(err).__name__
            yield UnreadableInput(url, f"the URL could not be fetched ({reason})")


def _declared_size(response: httpx.Response) -> int | None:
    """The Content-Length of an uncompressed response, else None."""
    length = response.headers.get("content-length", "")
    if response.headers.get("content-encoding") or not length.isdigit():
        return None
    return int(length)
