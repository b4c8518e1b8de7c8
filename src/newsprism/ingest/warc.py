"""WARC and ARC web archives (plain or gzip-compressed), read record by record with warcio.

HTML ``response`` (and ``resource``) records with a 2xx status go through the HTML path
(:func:`newsprism.ingest.html.parse_html`) with ``url`` set to the record's
``WARC-Target-URI``; every other record is skipped.  Records are numbered from 1 in
archive order (every record counts, skipped or not); an article's ``source`` is
``path#N``.  ARC files are converted on the fly (``arc2warc``).

The archive is streamed: only one record's payload is held at a time, and the size
limit applies to each record's payload, not to the archive.  A truncated or corrupt
record yields :class:`MalformedInput` naming ``path#N`` ("record N"); the records before
it have already been yielded, and reading stops there (nothing after a broken record
can be trusted).  A record that does not end where its Content-Length says is reported
the same way; reading then goes on only as far as warcio can still parse the archive.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataException
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from newsprism.errors import InputError, InputTooLarge, MalformedInput
from newsprism.ingest.common import content_type_claim
from newsprism.ingest.html import parse_html
from newsprism.model import Article

_ARTICLE_RECORDS = frozenset({"response", "resource"})
_CHUNK = 1 << 16
# What warcio raises (or lets escape) on a corrupt record.
_BROKEN = (
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    zlib.error,
    EOFError,
    ValueError,
    AttributeError,
    TypeError,
)


class _CountingReader:
    """A read-only stream that counts the bytes read through it (its ``tell``)."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes from the wrapped stream."""
        data = self.raw.read(size)
        self.count += len(data)
        return data

    def tell(self) -> int:
        """The number of bytes read so far."""
        return self.count


def iter_warc(stream: BinaryIO, source: str, *, max_bytes: int) -> Iterator[Article | InputError]:
    """Articles from the HTML records of a WARC/ARC stream, and an error per bad record."""
    counter = _CountingReader(stream)
    number = 0
    try:
        archive = ArchiveIterator(counter, arc2warc=True)
        records = iter(archive)
    except _BROKEN as err:
        yield _corrupt(source, 1, err)
        return
    while True:
        number += 1
        try:
            record = next(records, None)
        except _BROKEN as err:
            yield _corrupt(source, number, err)
            return
        if record is None:
            break
        if not _header_complete(record):
            yield _header_error(source, number)
            return
        yield from _record_items(archive, record, f"{source}#{number}", number, max_bytes)
        if _truncated(record):
            return
    # warcio ends quietly when the archive stops inside a record header: bytes were read
    # past the end of the last complete record (archive.offset), or no record was found.
    if number == 1 or counter.count > archive.offset:
        yield _header_error(source, number)


def _corrupt(source: str, number: int, err: Exception) -> MalformedInput:
    """The error for a record warcio cannot parse."""
    reason = " ".join(str(err).split()) or type(err).__name__
    return MalformedInput(f"{source}#{number}", f"record {number} is corrupt ({reason})")


def _header_complete(record: Any) -> bool:
    """True if the record header has a type and a numeric Content-Length."""
    if record.rec_type is None or record.length is None:
        return False
    if record.format.startswith("warc"):
        declared = record.rec_headers.get_header("Content-Length") or ""
        return declared.strip().isdigit()
    return True


def _header_error(source: str, number: int) -> MalformedInput:
    """The error for a record whose header is cut short or unreadable."""
    return MalformedInput(
        f"{source}#{number}",
        f"record {number} is truncated or not a WARC/ARC record (its header is incomplete: "
        "no record type or no Content-Length)",
    )


def _record_items(
    archive: ArchiveIterator, record: Any, where: str, number: int, max_bytes: int
) -> Iterator[Article | InputError]:
    """The Article (or error) one record gives; nothing for records that are not HTML."""
    content_type = _content_type(record) if _is_candidate(record) else None
    payload = None
    if content_type is not None and "html" in content_type.lower():
        try:
            payload = record.content_stream().read(max_bytes + 1)
        except (*_BROKEN, ChunkedDataException) as err:
            _drain(record)
            reason = " ".join(str(err).split()) or type(err).__name__
            yield MalformedInput(
                where,
                f"record {number} has a corrupt HTTP body (chunking or compression: {reason})",
            )
            return
    _drain(record)
    missing = _truncated(record)
    if missing:
        yield MalformedInput(
            where,
            f"record {number} is truncated: {missing} of its {record.length} bytes are missing",
        )
        return
    warnings = archive.err_count
    archive.read_to_end()  # reads the blank lines after the record; warcio counts oddities
    if archive.err_count > warnings:
        yield MalformedInput(
            where,
            f"record {number} does not end where its Content-Length says (the length is wrong "
            "or the record is damaged)",
        )
        return
    if payload is None:
        return
    if len(payload) > max_bytes:
        yield InputTooLarge(where, f"record {number} is larger than the limit of {max_bytes} bytes")
        return
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    try:
        yield parse_html(payload, where, url=url, claim=content_type_claim(content_type))
    except InputError as err:
        yield err


def _is_candidate(record: Any) -> bool:
    """True for response/resource records that are not HTTP errors or redirects."""
    if record.rec_type not in _ARTICLE_RECORDS:
        return False
    if record.http_headers is None:
        return record.rec_type == "resource"
    status = record.http_headers.get_statuscode() or ""
    return status.startswith("2")


def _content_type(record: Any) -> str | None:
    """The payload's media type: from the HTTP headers, else from the WARC headers."""
    if record.http_headers is not None:
        found = record.http_headers.get_header("Content-Type")
        if found:
            return found
    return record.rec_headers.get_header("Content-Type")


def _drain(record: Any) -> None:
    """Read the rest of the record's raw block, so truncation shows as a missing count."""
    while record.raw_stream.read(_CHUNK):
        pass


def _truncated(record: Any) -> int:
    """How many bytes of the record's declared length never arrived (0 when complete)."""
    return int(getattr(record.raw_stream, "limit", 0) or 0)
