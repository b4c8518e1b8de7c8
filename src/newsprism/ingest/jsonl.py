"""JSON Lines: one article object per line, read one line at a time.

Each line is an object with ``text`` (required, a non-empty string) and optional string
fields ``title``, ``url``, ``outlet``, ``published``, ``id`` and ``author``.  Blank lines
are skipped.  JSON Lines is UTF-8 by definition, so invalid UTF-8 is an error naming the
byte offset in the file.

Every bad line yields its own error naming ``path:LINE``; the good lines around it still
yield articles, whose ``source`` is ``path#LINE``.  The size limit applies to each line
(one article), so a file may hold any number of articles in flat memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from newsprism.errors import EmptyInput, EncodingProblem, InputError, InputTooLarge, MalformedInput
from newsprism.ingest.common import Claim, make_id, utf8_reason
from newsprism.model import Article

_OPTIONAL = ("title", "url", "outlet", "published", "author")
_UTF8 = Claim("utf-8", "the JSON Lines format")
_DRAIN_CHUNK = 1 << 16


def iter_jsonl(stream: BinaryIO, source: str, *, max_bytes: int) -> Iterator[Article | InputError]:
    """Articles and per-line errors from a JSON Lines stream, in file order."""
    offset = 0
    records = 0
    for number, line, size in _lines(stream, max_bytes):
        where = f"{source}:{number}"
        if line is None:
            reason = f"line {number} is longer than the limit of {max_bytes} bytes"
            yield InputTooLarge(where, reason)
        elif line.strip():
            records += 1
            yield _parse_line(line, where, f"{source}#{number}", offset)
        offset += size
    if records == 0 and offset > 0:
        yield EmptyInput(source, "the JSON Lines file holds only blank lines")


def _lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line bytes or None when too long, line size in bytes) per line."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line) + _drain_line(stream)
            yield number, None, size
        else:
            yield number, line, len(line)


def _drain_line(stream: BinaryIO) -> int:
    """Skip the rest of an over-long line without keeping it; return the bytes skipped."""
    skipped = 0
    while True:
        chunk = stream.readline(_DRAIN_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _parse_line(line: bytes, where: str, source: str, offset: int) -> Article | InputError:
    """The Article on one line, or the error explaining why there is none."""
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as err:
        return EncodingProblem(where, utf8_reason(err, offset, _UTF8))
    try:
        record = json.loads(decoded.removeprefix("\ufeff"))
    except json.JSONDecodeError as err:
        return MalformedInput(where, f"not valid JSON ({err.msg} at column {err.colno})")
    if not isinstance(record, dict):
        return MalformedInput(where, f"expected a JSON object, found {type(record).__name__}")
    return _article(record, where, source)


def _article(record: dict[str, Any], where: str, source: str) -> Article | InputError:
    """The Article described by one JSON object, or the error explaining why not."""
    text = record.get("text")
    if not isinstance(text, str):
        missing = 'has no "text" field' if text is None else 'has a "text" that is not a string'
        return MalformedInput(where, f"the record {missing}")
    if not text.strip():
        return EmptyInput(where, 'the record\'s "text" is empty')
    fields: dict[str, str | None] = {}
    for name in (*_OPTIONAL, "id"):
        value = record.get(name)
        allowed = (str, int) if name == "id" else (str,)
        if value is not None and (isinstance(value, bool) or not isinstance(value, allowed)):
            return MalformedInput(where, f'the field "{name}" must be a string')
        fields[name] = None if value is None else str(value)
    return Article(
        id=fields["id"] or make_id(fields["url"] or source, text),
        source=source,
        title=fields["title"],
        outlet=fields["outlet"],
        published=fields["published"],
        text=text,
        url=fields["url"],
        author=fields["author"],
    )
