"""Plain-text articles.

Choice on titles: ``Article.text`` is the *whole* file content as decoded (only a
byte-order mark is dropped; line endings are kept as they are), because every offset
downstream indexes it.  When the first non-blank line is followed by a blank line and
is at most settings ingest_text.title_max_chars long, that line (stripped) is also
reported as ``title``; it is NOT removed from ``text``.

Encoding: UTF-8 unless a byte-order mark says otherwise; when the bytes are not valid
UTF-8 and nothing claims UTF-8, the encoding is detected (charset-normalizer).
"""

from __future__ import annotations

from newsprism import settings
from newsprism.errors import EmptyInput
from newsprism.ingest.common import Claim, decode, make_id
from newsprism.model import Article


def first_line_title(text: str) -> str | None:
    """The first non-blank line if a blank line follows it and it is short enough."""
    lines = text.lstrip().splitlines()
    if len(lines) < 3 or lines[1].strip():
        return None
    title = lines[0].strip()
    if not title or len(title) > int(settings.get("ingest_text", "title_max_chars")):
        return None
    return title


def parse_text(
    data: bytes, source: str, *, url: str | None = None, claim: Claim | None = None
) -> Article:
    """One Article from the bytes of a plain-text file; raises an InputError on failure.

    ``claim`` is an encoding declared outside the bytes (an HTTP Content-Type charset).
    """
    text = decode(data, source, claim)
    if not text.strip():
        raise EmptyInput(source, "the text contains only whitespace")
    return Article(
        id=make_id(url or source, text),
        source=source,
        title=first_line_title(text),
        outlet=None,
        published=None,
        text=text,
        url=url,
    )
