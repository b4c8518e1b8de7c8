"""Helpers shared by every ingester: kind detection, binary sniffing, decoding, ids.

Decoding policy (issue 2):

* A *claim* is a statement inside or around the bytes about their encoding: a byte-order
  mark, an HTML ``<meta charset>``, an XML declaration, an HTTP ``Content-Type`` charset,
  or the format itself (JSON Lines and undeclared XML are UTF-8 by definition).
* Bytes that claim UTF-8 but are not valid UTF-8 give :class:`EncodingProblem` naming
  the byte offset of the first bad byte: we do not guess when the file says otherwise.
* Bytes without a claim (plain text, undeclared HTML) are tried as UTF-8, then the
  encoding is detected with charset-normalizer.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Literal

from charset_normalizer import from_bytes

from newsprism import settings
from newsprism.errors import EncodingProblem

Kind = Literal["text", "html", "jsonl", "feed", "warc"]

# File-name endings and the kind of source they announce (longest endings first).
_SUFFIX_KINDS: tuple[tuple[str, Kind], ...] = (
    (".warc.gz", "warc"),
    (".arc.gz", "warc"),
    (".warc", "warc"),
    (".arc", "warc"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".html", "html"),
    (".htm", "html"),
    (".xhtml", "html"),
    (".rss", "feed"),
    (".atom", "feed"),
    (".xml", "feed"),
    (".txt", "text"),
    (".text", "text"),
)

# Media types (without parameters) and the kind they announce.
_MEDIA_KINDS: dict[str, Kind] = {
    "text/plain": "text",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/json-lines": "jsonl",
    "application/warc": "warc",
}

# How many leading bytes are sniffed for kind, binary content and declared charsets.
HEAD_BYTES = 8192

_GZIP_MAGIC = b"\x1f\x8b"
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|p|div)[\s>]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)[\"']")
_CT_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# As browsers do (WHATWG Encoding), a Latin-1 label means Windows-1252, whose extra
# characters (curly quotes, dashes) are common in news; Latin-1 is the fallback.
_WEB_ALIASES: dict[str, tuple[str, ...]] = {"iso8859-1": ("cp1252", "latin-1")}
# Bytes that are normal in text although below 0x20: tab, LF, VT, FF, CR, ESC.
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")


@dataclass(frozen=True, slots=True)
class Claim:
    """An encoding a source declares, and how it declares it (for error messages)."""

    encoding: str
    how: str


def max_bytes_limit(max_bytes: int | None) -> int:
    """The size limit in bytes: ``max_bytes`` if given, else settings ingest.max_bytes."""
    return int(settings.get("ingest", "max_bytes")) if max_bytes is None else max_bytes


def make_id(key: str, text: str) -> str:
    """A stable article id: the first 16 hex digits of sha1(key + NUL + text).

    ``key`` is the article's URL when known, else its source.
    """
    digest = hashlib.sha1(key.encode("utf-8") + b"\x00" + text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def kind_from_name(name: str) -> Kind | None:
    """The kind announced by a file name or URL path ending, or None if unknown."""
    lower = PurePosixPath(name.lower()).name
    for suffix, kind in _SUFFIX_KINDS:
        if lower.endswith(suffix):
            return kind
    return None


def kind_from_content_type(content_type: str | None) -> Kind | None:
    """The kind announced by an HTTP Content-Type, or None if absent or unknown."""
    if not content_type:
        return None
    return _MEDIA_KINDS.get(content_type.split(";")[0].strip().lower())


def _strip_bom(head: bytes) -> bytes:
    return head[3:] if head.startswith(codecs.BOM_UTF8) else head


def sniff_kind(head: bytes) -> Kind:
    """The kind of source the first bytes look like (``text`` when nothing else fits)."""
    if head.startswith(_GZIP_MAGIC):
        return "warc" if _gzip_is_archive(head) else "text"
    body = _strip_bom(head).lstrip()
    if body.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if body.startswith(b"{"):
        return "jsonl"
    if body.startswith(b"<"):
        if _FEED_ROOT.search(body[:2048]):
            return "feed"
        if body.startswith(b"<?xml") and not _HTML_ROOT.search(body[:2048]):
            return "feed"
        return "html"
    return "text"


def _gzip_is_archive(head: bytes) -> bool:
    """True if gzip-compressed ``head`` decompresses to the start of a WARC or ARC file."""
    import zlib

    try:
        start = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return False
    return start.lstrip().startswith((b"WARC/", b"filedesc://"))


def looks_binary(head: bytes) -> bool:
    """True if the share of NUL/control bytes in ``head`` exceeds settings ingest.binary_ratio.

    Text with a UTF-16/32 byte-order mark is never binary.
    """
    if not head or head.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
    ):
        return False
    return binary_share(head) > float(settings.get("ingest", "binary_ratio"))


def binary_share(head: bytes) -> float:
    """The share of NUL/control bytes in ``head`` (0.0 for empty input)."""
    if not head:
        return 0.0
    controls = sum(1 for b in head if (b < 0x20 and b not in _TEXT_CONTROLS) or b == 0x7F)
    return controls / len(head)


def _canonical(encoding: str) -> str | None:
    """Python's canonical codec name for ``encoding``, or None if Python does not know it."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return None


def bom_claim(data: bytes) -> Claim | None:
    """The encoding announced by a byte-order mark at the start of ``data``."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Claim(encoding, "a byte-order mark")
    return None


def html_claim(head: bytes) -> Claim | None:
    """The charset an HTML page declares in a ``<meta>`` tag or an XML declaration."""
    match = _META_CHARSET.search(head[:HEAD_BYTES])
    if match:
        return Claim(match.group(1).decode("ascii").lower(), "a <meta charset> tag")
    return xml_claim(head, default=False)


def xml_claim(head: bytes, *, default: bool = True) -> Claim | None:
    """The encoding an XML declaration announces; UTF-8 (the XML default) if ``default``."""
    match = _XML_DECL.match(_strip_bom(head))
    if match:
        return Claim(match.group(1).decode("ascii").lower(), "its XML declaration")
    return Claim("utf-8", "XML without an encoding declaration") if default else None


def content_type_claim(content_type: str | None) -> Claim | None:
    """The charset parameter of an HTTP Content-Type header, if any."""
    if not content_type:
        return None
    match = _CT_CHARSET.search(content_type)
    return Claim(match.group(1).lower(), "its Content-Type header") if match else None


def decode(data: bytes, source: str, claim: Claim | None = None) -> str:
    """Decode ``data`` following the policy in the module docstring; return the text.

    A byte-order mark wins over ``claim``; the mark itself is not part of the text.
    Raises :class:`EncodingProblem` for invalid UTF-8 under a UTF-8 claim, or when no
    encoding can be found.
    """
    bom = bom_claim(data)
    if bom is not None:
        claim = bom
    if claim is not None:
        encoding = _canonical(claim.encoding)
        if encoding == "utf-8":
            return _decode_utf8_strict(data, source, claim)
        for candidate in _WEB_ALIASES.get(encoding, (encoding,)) if encoding else ():
            try:
                return data.decode(candidate)
            except UnicodeDecodeError:
                continue  # a wrong non-UTF-8 claim: fall back to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise EncodingProblem(source, "could not work out the text encoding (not UTF-8)")
    return str(best)


def _decode_utf8_strict(data: bytes, source: str, claim: Claim) -> str:
    """Decode UTF-8 (dropping a BOM) or raise EncodingProblem naming the bad byte offset."""
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as err:
        raise EncodingProblem(source, utf8_reason(err, skip, claim)) from None


def utf8_reason(err: UnicodeDecodeError, base: int, claim: Claim) -> str:
    """A plain-words reason for invalid UTF-8 at byte ``base + err.start``."""
    offset = base + err.start
    bad = err.object[err.start : err.start + 1].hex()
    return f"invalid UTF-8 at byte offset {offset} (byte 0x{bad}), although {claim.how} says UTF-8"
