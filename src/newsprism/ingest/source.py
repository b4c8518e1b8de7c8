"""From an input name to a byte stream, and from a byte stream to the right ingester.

Input names are expanded here (directories recursed in sorted order, hidden files and
directories skipped; glob patterns expanded in sorted order); each stream's kind is
found from its name, then its HTTP Content-Type, then by sniffing its first bytes.

Size limit: documents read whole (plain text, HTML, feeds) must fit in ``limit`` bytes;
the size of a file is checked before it is read.  JSON Lines and WARC/ARC archives are
streamed, so there the limit applies to each line or record (one article each).
"""

from __future__ import annotations

import glob
import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from newsprism.errors import BinaryInput, EmptyInput, InputError, InputTooLarge, UnreadableInput
from newsprism.ingest.common import (
    HEAD_BYTES,
    binary_share,
    content_type_claim,
    kind_from_content_type,
    kind_from_name,
    looks_binary,
    sniff_kind,
)
from newsprism.ingest.feed import iter_feed
from newsprism.ingest.html import parse_html
from newsprism.ingest.jsonl import iter_jsonl
from newsprism.ingest.text import parse_text
from newsprism.ingest.warc import iter_warc
from newsprism.model import Article

_GLOB_MAGIC = frozenset("*?[")
_BUFFER = 1 << 16


class _PrefixedReader(io.RawIOBase):
    """A raw stream serving ``prefix`` first, then the rest of ``stream`` (never closed)."""

    def __init__(self, prefix: bytes, stream: BinaryIO) -> None:
        super().__init__()
        self._prefix = memoryview(prefix)
        self._stream = stream
        self._read = getattr(stream, "read1", stream.read)

    def readable(self) -> bool:
        """Always True."""
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        """Fill ``buffer`` with the next bytes; return how many (0 at the end)."""
        if len(self._prefix):
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class IterReader(io.RawIOBase):
    """A raw stream over an iterator of byte chunks (e.g. an HTTP response body)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        super().__init__()
        self._chunks = chunks
        self._pending = b""

    def readable(self) -> bool:
        """Always True."""
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        """Fill ``buffer`` with the next bytes; return how many (0 at the end)."""
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = chunk
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def expand(name: str) -> Iterator[Path | InputError]:
    """The files an input name stands for, or an UnreadableInput when there are none."""
    path = Path(name)
    if path.is_dir():
        yield from _walk(path, set())
    elif path.exists():
        yield path
    elif _GLOB_MAGIC & set(name):
        matches = sorted(glob.glob(name, recursive=True))
        if not matches:
            yield UnreadableInput(name, "no file matches this pattern")
        for match in matches:
            found = Path(match)
            if found.is_dir():
                yield from _walk(found, set())
            else:
                yield found
    else:
        yield UnreadableInput(name, "no such file or directory")


def _walk(directory: Path, seen: set[Path]) -> Iterator[Path | InputError]:
    """The non-hidden files under ``directory``, sorted, each directory visited once."""
    real = directory.resolve()
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(directory.iterdir(), key=lambda entry: entry.name)
    except OSError as err:
        yield UnreadableInput(str(directory), f"the directory cannot be listed ({_why(err)})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, seen)
        elif entry.is_file():
            yield entry


def _why(err: OSError) -> str:
    """A plain-words reason for an OSError."""
    return (err.strerror or str(err)).lower()


def from_path(path: Path, limit: int) -> Iterator[Article | InputError]:
    """Articles and errors from one file."""
    source = str(path)
    try:
        size = path.stat().st_size
        handle = path.open("rb")
    except FileNotFoundError:
        yield UnreadableInput(source, "no such file or directory")
        return
    except OSError as err:
        yield UnreadableInput(source, f"the file cannot be read ({_why(err)})")
        return
    with handle:
        try:
            yield from from_stream(handle, source, name=path.name, size=size, limit=limit)
        except OSError as err:
            yield UnreadableInput(source, f"reading the file failed ({_why(err)})")


def from_stream(
    stream: BinaryIO,
    source: str,
    *,
    name: str = "",
    size: int | None = None,
    limit: int,
    content_type: str | None = None,
    url: str | None = None,
) -> Iterator[Article | InputError]:
    """Articles and errors from a byte stream, dispatched on its kind.

    ``name`` is a file name or URL path (its ending announces the kind), ``size`` the
    stream's length when known, ``content_type`` an HTTP Content-Type when known.
    """
    head = _read_head(stream)
    if not head:
        yield EmptyInput(source, "the input is empty (0 bytes)")
        return
    kind = kind_from_name(name) or kind_from_content_type(content_type) or sniff_kind(head)
    rest = io.BufferedReader(_PrefixedReader(head, stream), buffer_size=_BUFFER)
    if kind == "warc":
        yield from iter_warc(rest, source, max_bytes=limit)
        return
    if looks_binary(head):
        yield BinaryInput(
            source,
            f"this looks like a binary file, not text ({binary_share(head):.0%} of its first "
            f"{len(head)} bytes are control or NUL bytes)",
        )
        return
    if kind == "jsonl":
        yield from iter_jsonl(rest, source, max_bytes=limit)
        return
    if size is not None and size > limit:
        yield InputTooLarge(source, f"the input is {size} bytes, over the limit of {limit} bytes")
        return
    data = rest.read(limit + 1)
    if len(data) > limit:
        yield InputTooLarge(source, f"the input is larger than the limit of {limit} bytes")
        return
    if not data.strip():
        yield EmptyInput(source, "the input contains only whitespace")
        return
    try:
        if kind == "feed":
            yield from iter_feed(data, source, content_type=content_type)
        elif kind == "html":
            yield parse_html(data, source, url=url, claim=content_type_claim(content_type))
        else:
            yield parse_text(data, source, url=url, claim=content_type_claim(content_type))
    except InputError as err:
        yield err


def _read_head(stream: BinaryIO) -> bytes:
    """Up to HEAD_BYTES first bytes of ``stream`` (fewer only at its end)."""
    parts: list[bytes] = []
    wanted = HEAD_BYTES
    while wanted > 0:
        chunk = stream.read(wanted)
        if not chunk:
            break
        parts.append(chunk)
        wanted -= len(chunk)
    return b"".join(parts)
