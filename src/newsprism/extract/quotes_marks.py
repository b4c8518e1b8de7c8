"""Pair quotation marks in raw text: direct-quote candidate spans, robust to bad input.

Handles curly, straight and single quotes and guillemets, apostrophes (don't, Barnardo's,
girls'), multi-paragraph quotes (an opening mark on each paragraph, a closing mark only on
the last; a last paragraph whose quote closes on a comma, "“B,” X said", is a quote of its own)
and unbalanced marks (never raises; an unclosed quote ends at its paragraph end,
a stray closing mark opens at the start of its paragraph or after the previous quote).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Every character that can act as a quotation mark (or an apostrophe).
_MARK_RE = re.compile(
    "''|[\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a]"
)
# Left-over markup tags with attributes (<tweet author="...">, <a href="...">).
_TAG_RE = re.compile(r"</?[A-Za-z][\w-]*(?:\s+[\w:-]+=\"[^\"<>]*\")+\s*/?>")
_DOUBLE_OPEN = frozenset("\u201c\u201e\u201f\u00ab")
_DOUBLE_CLOSE = frozenset("\u201d\u00bb")
_SINGLE_OPEN = frozenset("\u2018\u201b\u2039")
_SINGLE_CLOSE = frozenset("\u2019\u203a")
_OPEN_CONTEXT = frozenset(" \t\n\r([{\u2014\u2013-/\u00a0")
_CLOSE_CONTEXT = frozenset(" \t\n\r)]},.;:!?\u2014\u2013-\u2026/\u00a0")


@dataclass(frozen=True, slots=True)
class MarkedSpan:
    """A quoted stretch: marks at ``open_at`` and ``close_at`` (``-1`` = recovered, no mark).

    ``start``/``end`` delimit the words between the marks, whitespace-trimmed.
    """

    open_at: int
    close_at: int
    start: int
    end: int
    single: bool
    paragraphs: int = 1


def _role(text: str, i: int, ch: str) -> str:
    """The role of mark ``ch`` at ``i``: 'open', 'close', 'either' ('"' or "'"), or 'apos'."""
    width = 2 if text.startswith("''", i) and ch == '"' else 1
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + width] if i + width < len(text) else "\n"
    if ch in _DOUBLE_OPEN:
        return "open"
    if ch in _DOUBLE_CLOSE:
        return "close"
    if ch == '"':
        if prev in _OPEN_CONTEXT and nxt not in " \t\n":
            return "open"
        if nxt in _CLOSE_CONTEXT and prev not in " \t\n":
            return "close"
        return "either"
    # single marks: an apostrophe between letters is never a quote mark
    if prev.isalnum() and nxt.isalnum():
        return "apos"
    if ch in _SINGLE_OPEN or ch == "'":
        if prev in _OPEN_CONTEXT or prev in "\"\u201c":
            return "open" if nxt.isalnum() or nxt in "\"\u201c" else "apos"
        if ch == "'" and nxt in _CLOSE_CONTEXT or ch == "'" and nxt in "\"\u201d":
            return "close"
        return "apos" if ch == "'" else "open"
    # \u2019 and \u203a
    if prev in _OPEN_CONTEXT:
        return "apos"  # '90s, 'em
    return "close"


def _possessive(text: str, at: int, marks: list[tuple[int, str]], mi: int, p_end: int) -> bool:
    """True if the single mark at ``at`` reads as a plural possessive ("the girls’ club").

    It does when it follows an "s", a lower-case word follows, and another closing single
    mark comes later in the paragraph.
    """
    if not (text[at - 1 : at] == "s" and text[at + 1 : at + 2] == " "):
        return False
    if not text[at + 2 : at + 3].islower():
        return False
    return any(
        a < p_end and ch in "\u2019'" and _role(text, a, ch) == "close" for a, ch in marks[mi:]
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved inward past whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Start/end offsets of every non-empty line of ``text``."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def markup_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every left-over markup tag with attributes in ``text``."""
    return [(m.start(), m.end()) for m in _TAG_RE.finditer(text)]


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """Every top-level quoted span of ``text`` in order; quotes nested inside are skipped."""
    # a doubled apostrophe ('') is a straight double quote mark (one style of US archives)
    marks = [(m.start(), '"' if m.group() == "''" else m.group()) for m in _MARK_RE.finditer(text)]
    tags = markup_spans(text)
    if tags:  # attribute values of left-over markup (<tweet author="...">) are not quotes
        marks = [(at, ch) for at, ch in marks if not any(s <= at < e for s, e in tags)]
    paras = _paragraph_bounds(text)
    out: list[MarkedSpan] = []
    carry: tuple[int, int] | None = None  # (open_at, paragraphs) of a quote continuing
    mi = 0
    for pi, (p_start, p_end) in enumerate(paras):
        stack: list[tuple[int, bool]] = []  # (open_at, single)
        floor = p_start  # a stray closing mark's quote cannot begin before this
        n_par = 1
        reopen = -1  # where this paragraph re-opens a quote carried from the previous one
        if carry is not None:
            stack.append((carry[0], False))
            n_par = carry[1] + 1
            carry = None
            reopen = p_start
            if p_start < len(text) and text[p_start] in "\u201c\"\u00ab'":
                while mi < len(marks) and marks[mi][0] <= p_start:
                    mi += 1  # the continuation mark re-opens the same quote
        while mi < len(marks) and marks[mi][0] < p_end:
            at, ch = marks[mi]
            mi += 1
            if at < p_start:
                continue
            role = _role(text, at, ch)
            single = ch in "'\u2018\u2019\u201b\u2039\u203a"
            if role == "apos":
                continue
            if role == "either":
                role = "close" if any(s == single for _, s in stack) else "open"
            if role == "open":
                if not single and stack and not stack[-1][1] and len(stack) == 1:
                    # an unclosed double quote followed by a new one: end it here
                    o_at = stack.pop()[0]
                    out.append(_make(text, o_at, at, -1, False, n_par))
                    n_par = 1
                stack.append((at, single))
                continue
            if single and _possessive(text, at, marks, mi, p_end):
                continue
            # closing mark: find the nearest open of the same kind
            match = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][1] == single), None)
            if match is None:
                if single or stack:
                    continue  # a possessive (girls') or a stray mark inside a quote
                out.append(_make(text, floor - 1, at, at, False, 1, recovered_open=True))
                floor = at + len(ch) + (1 if text.startswith("''", at) else 0)
                continue
            o_at, _ = stack[match]
            del stack[match:]
            if not stack:
                if reopen >= 0 and o_at < reopen and _before_attribution(text, at):
                    # "“A.\n“B,” X said": the last paragraph is a quote of its own
                    out.append(_make(text, o_at, paras[pi - 1][1], -1, False, n_par - 1))
                    o_at, n_par = reopen, 1
                out.append(_make(text, o_at, at, at, single, n_par))
                n_par = 1
                floor = at + len(ch) + (1 if text.startswith("''", at) else 0)
        # paragraph end with an open double quote: continue or recover
        doubles = [s for s in stack if not s[1]]
        if doubles:
            o_at = doubles[0][0]
            nxt = paras[pi + 1][0] if pi + 1 < len(paras) else None
            if nxt is not None and (text[nxt] in "\u201c\"\u00ab" or text.startswith("''", nxt)):
                carry = (o_at, n_par)
            else:
                out.append(_make(text, o_at, p_end, -1, False, n_par))
    return [s for s in out if s.end > s.start]


def _before_attribution(text: str, close_at: int) -> bool:
    """True if the quote closing at ``close_at`` ends with a comma inside the mark, the
    way a quote ends before its attribution ("“...,” she said")."""
    k = close_at - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return k >= 0 and text[k] == ","


def _make(
    text: str,
    open_at: int,
    end_at: int,
    close_at: int,
    single: bool,
    paragraphs: int,
    recovered_open: bool = False,
) -> MarkedSpan:
    """A MarkedSpan for the words strictly between ``open_at`` and ``end_at``, trimmed."""
    first = open_at + (2 if open_at >= 0 and text.startswith("''", open_at) else 1)
    start, end = _trim(text, first, end_at)
    if recovered_open:
        open_at = -1
    return MarkedSpan(open_at, close_at, start, end, single, paragraphs)
