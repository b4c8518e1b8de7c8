"""RSS and Atom feeds, parsed by feedparser: one Article per entry.

The text of an entry is its first ``content`` element, else its ``summary``; HTML is
turned into plain text with :func:`newsprism.ingest.html.html_to_text`.  ``outlet`` is
the feed's title, ``published`` the entry's publication (else update) date in ISO 8601,
``url`` the entry's link, ``source`` is ``path#N`` for the N-th entry (from 1).

A feed is parsed whole (feedparser cannot stream), so the size limit applies to the
whole feed file.  feedparser is only ever given bytes, never a URL, so it fetches nothing.
"""

from __future__ import annotations

import email.utils
import re
import time
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import feedparser

from newsprism.errors import EmptyInput, InputError, MalformedInput, NoArticleBody
from newsprism.ingest.common import bom_claim, content_type_claim, decode, make_id, xml_claim
from newsprism.ingest.html import html_to_text
from newsprism.model import Article

_DATE_KEYS = ("published", "updated", "created")
_PLAIN = "text/plain"
_EMAIL_NAME = re.compile(r"^\s*[^\s@()]+@[^\s()]+\s*\(([^()]+)\)\s*$")


def iter_feed(
    data: bytes, source: str, *, content_type: str | None = None
) -> Iterator[Article | InputError]:
    """Articles (and per-entry errors) from the bytes of an RSS or Atom feed.

    Raises :class:`EncodingProblem` for invalid UTF-8 in a feed that claims UTF-8 and
    :class:`MalformedInput` when the bytes are not a feed at all.
    """
    decode(data, source, bom_claim(data) or content_type_claim(content_type) or xml_claim(data))
    headers = {"content-type": content_type} if content_type else None
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=True)
    if not parsed.entries:
        raise _no_entries(parsed, source)
    outlet = _plain(parsed.feed.get("title"), parsed.feed.get("title_detail"))
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry_article(entry, f"{source}#{number}", outlet)


def _no_entries(parsed: Any, source: str) -> InputError:
    """The error for a feed without entries: malformed, not a feed, or simply empty."""
    if parsed.bozo:
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: None)()
        reason = reason or str(parsed.get("bozo_exception") or "unknown error")
        return MalformedInput(source, f"not a well-formed RSS or Atom feed ({reason})")
    if not parsed.get("version"):
        return MalformedInput(source, "not an RSS or Atom feed (no feed root element found)")
    return EmptyInput(source, "the feed has no entries")


def _entry_article(entry: Any, source: str, outlet: str | None) -> Article | InputError:
    """The Article for one feed entry, or NoArticleBody when it has no text."""
    text = _entry_text(entry)
    if not text:
        return NoArticleBody(source, "the feed entry has no content or summary")
    url = entry.get("link") or None
    return Article(
        id=make_id(url or source, text),
        source=source,
        title=_plain(entry.get("title"), entry.get("title_detail")),
        outlet=outlet,
        published=entry_date(entry),
        text=text,
        url=url,
        author=_author(entry),
    )


def _author(entry: Any) -> str | None:
    """The entry author's name (RSS ``email (Name)`` gives Name), or None.

    RSS author fields are parsed here: feedparser cuts e-mail domains with long TLDs.
    """
    raw = entry.get("author")
    if isinstance(raw, str):
        match = _EMAIL_NAME.match(raw)
        if match:
            return match.group(1).strip()
        if "@" not in raw and raw.strip():
            return raw.strip()
    detail = entry.get("author_detail") or {}
    return detail.get("name") or raw or None


def _entry_text(entry: Any) -> str:
    """The plain text of an entry's first content element, else of its summary."""
    for item in entry.get("content") or ():
        text = _plain(item.get("value"), item)
        if text:
            return text
    return _plain(entry.get("summary"), entry.get("summary_detail")) or ""


def _plain(value: str | None, detail: Any) -> str | None:
    """``value`` as plain text (converted from HTML unless its type is text/plain)."""
    if not value:
        return None
    kind = (detail or {}).get("type") or "text/html"
    text = value.strip() if kind == _PLAIN else html_to_text(value)
    return text or None


def entry_date(entry: Any) -> str | None:
    """The entry's publication (else update, else creation) date as ISO 8601, or None.

    The date string of the feed is used when it parses (keeping its UTC offset); else
    feedparser's parsed UTC time.
    """
    for key in _DATE_KEYS:
        raw = entry.get(key)
        iso = _iso(raw) if isinstance(raw, str) else None
        if iso:
            return iso
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", parsed)
    return None


def _iso(raw: str) -> str | None:
    """An RFC 3339 / ISO 8601 or RFC 822 date string as ISO 8601, or None."""
    raw = raw.strip()
    try:
        return date.fromisoformat(raw).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(raw).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(raw).isoformat()
    except (TypeError, ValueError, IndexError):
        return None
