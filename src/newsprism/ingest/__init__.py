"""Ingestion: every kind of input becomes a stream of :class:`newsprism.model.Article`.

:func:`iter_articles` is the one entry point.  It streams: articles are yielded one at a
time, and each input or record that fails is *yielded* as an
:class:`newsprism.errors.InputError` (never raised), so a caller reports it and goes on.

Inputs: file paths; directories (recursed in sorted order, hidden files skipped); glob
patterns; ``-`` for standard input; ``http(s)://`` URLs.  Kinds, found from the file
name ending, then the HTTP Content-Type, then the content itself:

* text: ``.txt`` (:mod:`newsprism.ingest.text`)
* html: ``.html`` ``.htm`` (:mod:`newsprism.ingest.html`)
* jsonl: ``.jsonl`` ``.ndjson`` (:mod:`newsprism.ingest.jsonl`)
* feed: ``.xml`` ``.rss`` ``.atom`` (:mod:`newsprism.ingest.feed`)
* warc: ``.warc`` ``.warc.gz`` ``.arc`` ``.arc.gz`` (:mod:`newsprism.ingest.warc`)

Errors yielded: EmptyInput, BinaryInput, EncodingProblem (invalid UTF-8 where UTF-8 is
claimed, with the byte offset), InputTooLarge, NoArticleBody, MalformedInput (bad JSON
line, feed, or WARC record), UnreadableInput (missing file, no glob match, network).
The size limit (``max_bytes``, else settings ingest.max_bytes) applies to a whole
document for text, HTML and feeds (checked before reading), and to each line or record
of JSON Lines and WARC/ARC, which are streamed in flat memory.

``Article.source`` is the path, ``path#N`` for the N-th record of a multi-record file
(JSON Lines: N is the line number), ``stdin``, or the URL.  ``Article.id`` is the first
16 hex digits of sha1(url or source, text) unless a JSON Lines record gives its own.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import BinaryIO

from newsprism.errors import InputError
from newsprism.ingest.common import max_bytes_limit
from newsprism.ingest.fetch import is_url, iter_url
from newsprism.ingest.source import expand, from_path, from_stream
from newsprism.model import Article

__all__ = ["iter_articles"]

STDIN = "-"


def iter_articles(
    inputs: Iterable[str],
    *,
    outlet: str | None = None,
    published: str | None = None,
    max_bytes: int | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | InputError]:
    """Every article in ``inputs``, in order, with an InputError for each failed input.

    ``outlet`` and ``published``, when given, replace what the inputs say.  ``max_bytes``
    overrides settings ingest.max_bytes.  ``stdin`` is read for ``-`` (default: the
    process's standard input).
    """
    limit = max_bytes_limit(max_bytes)
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]  # one name given on its own, not a list of names
    for name in inputs:
        for result in _iter_input(os.fspath(name), limit, stdin):
            yield _override(result, outlet, published)


def _iter_input(name: str, limit: int, stdin: BinaryIO | None) -> Iterator[Article | InputError]:
    """Articles and errors from one input name."""
    if name == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        yield from from_stream(stream, "stdin", limit=limit)
    elif is_url(name):
        yield from iter_url(name, limit)
    else:
        for found in expand(name):
            if isinstance(found, InputError):
                yield found
            else:
                yield from from_path(found, limit)


def _override(
    result: Article | InputError, outlet: str | None, published: str | None
) -> Article | InputError:
    """``result`` with outlet/published replaced by the caller's values when given."""
    if not isinstance(result, Article) or (outlet is None and published is None):
        return result
    return replace(
        result,
        outlet=result.outlet if outlet is None else outlet,
        published=result.published if published is None else published,
    )
