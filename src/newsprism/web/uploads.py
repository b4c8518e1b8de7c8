"""Turn an add form (pasted text, uploaded files, URLs) into a :class:`jobs.Request`.

Uploads are written to a fresh temporary directory under generated names that keep only
an accepted extension (``upload-3.html``): the client's file name is never used as a path,
only shown back to the user.  Files of a type not accepted, files over the size limit and
inputs beyond the count limits are refused one by one (reported as input errors); the rest
still go ahead.  URL lines must be ``http(s)://`` URLs, so a form can never name a local path.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import settings
from ..errors import InputError, InputTooLarge, UnreadableInput, UsageError
from .jobs import Request
from .views import check_date

_URL = re.compile(r"https?://[^\s<>\"']{1,2000}", re.IGNORECASE)
_READ_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Limits:
    """The ``[web]`` upload limits."""

    max_upload_bytes: int
    max_request_bytes: int
    max_files: int
    max_urls: int
    max_paste_chars: int
    suffixes: tuple[str, ...]


def limits() -> Limits:
    """The limits from settings (``[web]`` in data/settings.toml, env overrides)."""
    raw = str(settings.get("web", "upload_suffixes"))
    suffixes = tuple(sorted({s.strip().lower() for s in raw.split(",") if s.strip()}, key=len))
    return Limits(
        max_upload_bytes=int(settings.get("web", "max_upload_bytes")),
        max_request_bytes=int(settings.get("web", "max_request_bytes")),
        max_files=int(settings.get("web", "max_files")),
        max_urls=int(settings.get("web", "max_urls")),
        max_paste_chars=int(settings.get("web", "max_paste_chars")),
        suffixes=tuple(reversed(suffixes)),  # longest first
    )


def display_name(filename: str | None) -> str:
    """The last component of a client file name, without control characters, <= 100 chars."""
    base = re.split(r"[\\/]", filename or "")[-1]
    clean = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    return clean[:100] or "upload"


def accepted_suffix(filename: str | None, suffixes: tuple[str, ...]) -> str | None:
    """The accepted extension ``filename`` ends with (longest match), or None."""
    lower = display_name(filename).lower()
    return next((s for s in suffixes if lower.endswith(s) and len(lower) > len(s)), None)


async def _read_limited(upload: Any, limit: int) -> bytes | None:
    """The upload's bytes, or None if it holds more than ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while chunk := await upload.read(_READ_CHUNK):
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _text_field(form: Any, name: str, max_chars: int) -> str:
    """A text form field, stripped; UsageError when longer than ``max_chars``."""
    value = form.get(name)
    value = value if isinstance(value, str) else ""
    if len(value) > max_chars:
        raise UsageError(f"{name} is too long ({len(value):,} characters, limit {max_chars:,})")
    return value.strip()


async def build_request(form: Any, lim: Limits | None = None) -> Request:
    """A job request from a parsed multipart form.

    Fields: ``text`` (pasted article), ``files`` (any number), ``urls`` (one per line),
    ``outlet`` and ``published`` (optional overrides for every input).  Raises UsageError
    when the form is malformed or names nothing to add.
    """
    lim = lim or limits()
    outlet = _text_field(form, "outlet", 200) or None
    published = check_date(_text_field(form, "published", 40) or None, "published")
    text = _text_field(form, "text", lim.max_paste_chars)
    url_lines = [u.strip() for u in _text_field(form, "urls", 200_000).splitlines() if u.strip()]
    uploads = [f for f in form.getlist("files") if hasattr(f, "read") and (f.filename or "")]

    tmpdir = tempfile.mkdtemp(prefix="newsprism-upload-")
    try:
        return await _collect(tmpdir, text, uploads, url_lines, lim, outlet, published)
    except BaseException:
        shutil.rmtree(tmpdir, ignore_errors=True)
        raise


async def _collect(
    tmpdir: str,
    text: str,
    uploads: list[Any],
    url_lines: list[str],
    lim: Limits,
    outlet: str | None,
    published: str | None,
) -> Request:
    """The request for already validated fields; uploads are written under ``tmpdir``."""
    inputs: list[str] = []
    labels: dict[str, str] = {}
    rejected: list[InputError] = []
    n = 0
    if text:
        path = Path(tmpdir) / "pasted.txt"
        path.write_text(text, "utf-8")
        inputs.append(str(path))
        labels[str(path)] = "pasted text"
    for i, upload in enumerate(uploads):
        name = display_name(upload.filename)
        suffix = accepted_suffix(upload.filename, lim.suffixes)
        if i >= lim.max_files:
            rejected.append(UnreadableInput(name, f"more than {lim.max_files} files in one add"))
            continue
        if suffix is None:
            accepted = " ".join(sorted(lim.suffixes))
            rejected.append(UnreadableInput(name, f"file type not accepted (accepted: {accepted})"))
            continue
        data = await _read_limited(upload, lim.max_upload_bytes)
        if data is None:
            rejected.append(
                InputTooLarge(
                    name, f"larger than the upload limit of {lim.max_upload_bytes:,} bytes"
                )
            )
            continue
        n += 1
        path = Path(tmpdir) / f"upload-{n}{suffix}"
        path.write_bytes(data)
        inputs.append(str(path))
        labels[str(path)] = name
    for i, url in enumerate(url_lines):
        if i >= lim.max_urls:
            rejected.append(UnreadableInput(url[:200], f"more than {lim.max_urls} URLs in one add"))
        elif not _URL.fullmatch(url):
            rejected.append(UnreadableInput(url[:200], "not an http:// or https:// URL"))
        else:
            inputs.append(url)
    if not inputs and not rejected:
        raise UsageError("nothing to add: paste text, choose files or give URLs")
    if not inputs:
        shutil.rmtree(tmpdir, ignore_errors=True)
    return Request(
        inputs=tuple(inputs),
        labels=labels,
        outlet=outlet,
        published=published,
        max_bytes=lim.max_upload_bytes,
        rejected=tuple(rejected),
        tmpdir=tmpdir,
    )
