"""HTML pages: the article body and metadata, extracted by trafilatura.

``Article.text`` is trafilatura's plain-text body (paragraphs separated by newlines);
offsets downstream index that text, not the markup.  Metadata: ``title``, ``author``,
``outlet`` (the site name, else the host name without ``www.``), ``published`` (ISO
8601, with time and offset when the page states them) and ``url`` (the URL the page was
fetched from when known, else its canonical URL).

trafilatura never fetches anything here: it is only ever handed a decoded string, and
its date search (htmldate) works on the already-parsed tree.

:func:`html_to_text` is a small markup-to-text conversion for HTML *fragments* (feed
entries), where a whole-page extractor would throw short content away.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from lxml import etree

from newsprism import settings
from newsprism.errors import EmptyInput, MalformedInput, NoArticleBody
from newsprism.ingest.common import Claim, bom_claim, decode, html_claim, make_id
from newsprism.model import Article

# Tags that start a new paragraph in html_to_text; tags whose content is dropped.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 "
    "h6 header hr li main nav ol p pre section table td th tr ul".split()
)
_DROP_TAGS = frozenset("script style noscript template head".split())
_PARA = "\x00p"
_LINE = "\x00l"
_SPACES = re.compile(r"\s+")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_MIDNIGHT = re.compile(r"T00:00:00$")
_OFFSET = re.compile(r"([+-]\d\d)(\d\d)$")


def parse_html(
    data: bytes,
    source: str,
    *,
    url: str | None = None,
    claim: Claim | None = None,
) -> Article:
    """One Article from the bytes of an HTML page; raises an InputError on failure.

    ``claim`` is an encoding declared outside the page (an HTTP Content-Type charset); a
    byte-order mark or the page's own ``<meta charset>`` is used otherwise.
    """
    html = decode(data, source, bom_claim(data) or claim or html_claim(data))
    if not html.strip():
        raise EmptyInput(source, "the page contains only whitespace")
    doc = _extract(html, source, url) or {}
    body = doc.get("text") or ""
    minimum = int(settings.get("ingest", "min_body_chars"))
    if len(body.strip()) < minimum:
        raise NoArticleBody(
            source,
            f"no article body found in the HTML (extracted {len(body.strip())} characters, "
            f"at least {minimum} needed)",
        )
    page_url = url or doc.get("url") or None
    return Article(
        id=make_id(page_url or source, body),
        source=source,
        title=_clean(doc.get("title")),
        outlet=_clean(doc.get("sitename")) or _host(page_url) or _clean(doc.get("hostname")),
        published=iso_date(doc.get("date")),
        text=body,
        url=page_url,
        author=_clean(doc.get("author")),
    )


def _extract(html: str, source: str, url: str | None) -> dict[str, Any] | None:
    """trafilatura's body and metadata as a dict, or None when it finds no body."""
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={
                "outputformat": _DATE_FORMAT,
                "original_date": True,
                "extensive_search": True,
            },
        )
    except (ValueError, TypeError, etree.LxmlError) as err:
        raise MalformedInput(source, f"the HTML could not be parsed ({err})") from None
    if doc is None:
        return None
    return doc if isinstance(doc, dict) else doc.as_dict()


def iso_date(value: str | None) -> str | None:
    """An htmldate result as ISO 8601: a bare date when no time is known, offset as +HH:MM."""
    if not value:
        return None
    if _MIDNIGHT.search(value):
        return value[: -len("T00:00:00")]
    return _OFFSET.sub(r"\1:\2", value)


def _clean(value: Any) -> str | None:
    """A stripped metadata string, or None when missing or empty."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def _host(url: str | None) -> str | None:
    """The host name of ``url`` without a leading ``www.``, or None."""
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def html_to_text(fragment: str) -> str:
    """The readable text of an HTML fragment: block elements become paragraphs
    separated by blank lines, ``<br>`` a line break, other whitespace a single space."""
    fragment = _CONTROLS.sub("", fragment)  # lxml refuses them; also frees our markers
    if "<" not in fragment:
        return _join(unescape(fragment))
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _join(unescape(fragment))
    parts: list[str] = []
    _walk(root, parts)
    return _join("".join(parts))


def _walk(el: Any, out: list[str]) -> None:
    """Append the text of ``el`` and its tail to ``out`` with paragraph markers."""
    tag = el.tag if isinstance(el.tag, str) else None
    if tag is None or tag in _DROP_TAGS:
        if el.tail:
            out.append(el.tail)
        return
    block = tag in _BLOCK_TAGS
    if block:
        out.append(_PARA)
    if tag == "br":
        out.append(_LINE)
    if el.text:
        out.append(el.text)
    for child in el:
        _walk(child, out)
    if block:
        out.append(_PARA)
    if el.tail:
        out.append(el.tail)


def _join(marked: str) -> str:
    """Turn marked-up text into paragraphs joined by blank lines, lines by newlines."""
    paragraphs = []
    for para in marked.split(_PARA):
        lines = [_SPACES.sub(" ", line).strip() for line in para.split(_LINE)]
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)
