"""Normalised URLs and content hashes: the two de-duplication keys of the store."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..settings import data_path

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def tracking_params() -> tuple[frozenset[str], tuple[str, ...]]:
    """(exact names, prefixes) of tracking parameters from ``data/stories_tracking_params.txt``."""
    lines = data_path("stories_tracking_params.txt").read_text("utf-8").splitlines()
    names = [ln.strip().casefold() for ln in lines if ln.strip() and not ln.startswith("#")]
    exact = frozenset(n for n in names if not n.endswith("*"))
    prefixes = tuple(n[:-1] for n in names if n.endswith("*"))
    return exact, prefixes


def _is_tracking(name: str) -> bool:
    """True for a query parameter that only tracks the click."""
    exact, prefixes = tracking_params()
    low = name.casefold()
    return low in exact or low.startswith(prefixes)


def normalise_url(url: str | None) -> str | None:
    """The URL as a de-duplication key, or None for no/empty URL.

    Lower-cases scheme and host, drops ``www.``, default ports, the fragment, tracking
    parameters and a trailing slash, and sorts the remaining query parameters; the scheme is
    kept out of the key (http and https copies are one article).
    """
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return url.strip()
    host = (parts.hostname or "").casefold()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    if port and (parts.scheme, port) not in {("http", 80), ("https", 443)}:
        host = f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    )
    return urlunsplit(("", host, path, urlencode(query), "")).lstrip("/")


def content_hash(text: str) -> str:
    """SHA-1 (hex) of the text with whitespace collapsed and case folded."""
    norm = _SPACE.sub(" ", text).strip().casefold()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()
