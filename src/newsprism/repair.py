"""Conservative, explainable text repair with an offset map back to the original.

Repair runs before spaCy parsing.  It fixes a few kinds of noise seen in scraped and
machine-rewritten articles, each recorded as a :class:`~newsprism.model.Repair` on the
ORIGINAL text:

``mojibake``       badly decoded runs ("donâ€™t"), fixed with ftfy run by run
``spacing``        a missing space after ``,;:.`` between words ("city,with")
``case_name``      a lower-case proper noun ("Sadiq khan", "paris", "metropolitan Police")
``case_sentence``  a lower-case sentence or paragraph start ("... safe. the council")
``possessive``     a capital S glued where a possessive belongs ("CouncilS plan")
``spelling``       a known, unambiguous misspelling ("teh", "ther were")

Every rule prefers precision: a false repair is worse than a missed one.  Words inside
quotation marks, URLs, e-mail addresses, hashtags, numbers and ALL-CAPS words are never
changed.  Word lists live in ``newsprism/data/repair/`` (written by us, provenance at
the top of each file); thresholds in the ``[repair]`` section of ``data/settings.toml``.

:meth:`Repaired.to_original` maps any span on the repaired text back to the original
text in O(log n) by bisecting over the repairs' edit points.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import ftfy
from ftfy.badness import is_bad

from newsprism import settings
from newsprism.model import Repair

__all__ = ["Repaired", "repair"]

# Priority when two candidate edits overlap: earlier kinds win.
_PRIORITY = ("mojibake", "spacing", "spelling", "possessive", "case_sentence", "case_name")

_LETTERS = r"[^\W\d_]"
_WORD_CHARS = "'’-"


# --------------------------------------------------------------------------- result


@dataclass(frozen=True, slots=True)
class Repaired:
    """The repaired text of an article and how to map spans back to the original."""

    original: str
    text: str  # repaired text (== original when nothing repaired)
    repairs: tuple[Repair, ...]  # offsets on ORIGINAL, sorted, non-overlapping
    _new_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _new_ends: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _shift: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts: list[int] = []
        ends: list[int] = []
        shifts: list[int] = []
        shift = 0
        for rep in self.repairs:
            starts.append(rep.start + shift)
            shift += len(rep.after) - len(rep.before)
            ends.append(rep.end + shift)
            shifts.append(shift)
        object.__setattr__(self, "_new_starts", tuple(starts))
        object.__setattr__(self, "_new_ends", tuple(ends))
        object.__setattr__(self, "_shift", tuple(shifts))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Return the span of the original text that ``text[start:end]`` came from.

        A span that touches no repair maps to exactly the same characters; a span that
        starts or ends inside a repaired stretch grows to cover that whole repair.
        Raises ``ValueError`` unless ``0 <= start <= end <= len(text)``.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) outside repaired text of {len(self.text)}")
        if not self.repairs:
            return start, end
        return self._map_start(start), self._map_end(end)

    def _map_start(self, pos: int) -> int:
        """Return the original offset of a span start at ``pos`` on the repaired text."""
        i = bisect_right(self._new_starts, pos) - 1
        if i < 0:
            return pos
        if pos < self._new_ends[i]:
            return self.repairs[i].start
        return pos - self._shift[i]

    def _map_end(self, pos: int) -> int:
        """Return the original offset of a span end at ``pos`` on the repaired text."""
        i = bisect_left(self._new_starts, pos) - 1
        if i < 0:
            return pos
        if pos <= self._new_ends[i]:
            return self.repairs[i].end
        return pos - self._shift[i]


def repair(text: str) -> Repaired:
    """Return ``text`` repaired, with every repair recorded on the original offsets.

    When nothing needs repair the result's ``text`` is ``text`` itself and the offset
    map is the identity.
    """
    ctx = _Context(text)
    edits: list[tuple[int, int, str, str]] = []
    edits.extend(_mojibake_edits(text))
    edits.extend(_spacing_edits(ctx))
    edits.extend(_word_edits(ctx))
    if not edits:
        return Repaired(text, text, ())
    repairs = _resolve(text, edits)
    if not repairs:
        return Repaired(text, text, ())
    return Repaired(text, _apply(text, repairs), repairs)


def _resolve(text: str, edits: list[tuple[int, int, str, str]]) -> tuple[Repair, ...]:
    """Return non-overlapping repairs, sorted, keeping the higher-priority edit."""
    rank = {kind: i for i, kind in enumerate(_PRIORITY)}
    ordered = sorted(edits, key=lambda e: (rank[e[3]], e[0]))
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Repair] = []
    for start, end, after, kind in ordered:
        before = text[start:end]
        if not before or not after or before == after:
            continue
        i = bisect_right(starts, start)
        if (i > 0 and ends[i - 1] > start) or (i < len(starts) and starts[i] < end):
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        kept.insert(i, Repair(start, end, before, after, kind))
    return tuple(kept)


def _apply(text: str, repairs: Iterable[Repair]) -> str:
    """Return ``text`` with the (sorted, non-overlapping) repairs applied."""
    parts: list[str] = []
    pos = 0
    for rep in repairs:
        parts.append(text[pos : rep.start])
        parts.append(rep.after)
        pos = rep.end
    parts.append(text[pos:])
    return "".join(parts)


# --------------------------------------------------------------------------- lexicons


def _read_lines(name: str) -> list[str]:
    """Return the non-comment, non-blank lines of ``data/repair/<name>``."""
    raw = settings.data_path("repair").joinpath(name).read_text("utf-8")
    return [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]


@dataclass(frozen=True, slots=True)
class _Lexicons:
    places: frozenset[str]
    first_names: frozenset[str]
    surnames: frozenset[str]
    titles: frozenset[str]
    pairs: frozenset[tuple[str, str]]  # lower-cased adjacent capitalised words of names
    pair_words: frozenset[str]
    stoplist: frozenset[str]
    abbreviations: frozenset[str]
    case_exceptions: frozenset[str]
    typos: dict[str, tuple[str, frozenset[str]]]
    tlds: frozenset[str]
    english_markers: tuple[str, ...]  # most frequent first
    names: frozenset[str]  # places | first names | surnames


@lru_cache(maxsize=1)
def _lex() -> _Lexicons:
    """Return the repair lexicons, read once from ``data/repair``."""
    pairs: set[tuple[str, str]] = set()
    for name in _read_lines("multiword.txt"):
        words = name.split()
        for a, b in zip(words, words[1:], strict=False):
            if a[0].isupper() and b[0].isupper():
                pairs.add((a.lower(), b.lower()))
    typos: dict[str, tuple[str, frozenset[str]]] = {}
    for line in _read_lines("typos.tsv"):
        cols = line.split("\t")
        nxt = frozenset(w.strip() for w in cols[2].split(",")) if len(cols) > 2 else frozenset()
        typos[cols[0]] = (cols[1], nxt)

    def low(name: str) -> frozenset[str]:
        return frozenset(w.lower() for w in _read_lines(name))

    places = low("places.txt") | low("calendar.txt")  # both are always capitalised
    first, sur = low("first_names.txt"), low("surnames.txt")
    return _Lexicons(
        places=places,
        first_names=first,
        surnames=sur,
        titles=low("titles.txt"),
        pairs=frozenset(pairs),
        pair_words=frozenset(w for p in pairs for w in p),
        stoplist=low("stoplist.txt"),
        abbreviations=low("abbreviations.txt"),
        case_exceptions=low("case_exceptions.txt"),
        typos=typos,
        tlds=low("tlds.txt"),
        english_markers=tuple(w.lower() for w in _read_lines("english_markers.txt")),
        names=places | first | sur,
    )


@lru_cache(maxsize=4)
def _protect_re(tlds: frozenset[str]) -> re.Pattern[str]:
    """Return the pattern of URLs, e-mails, domains, hashtags and handles in a chunk."""
    tld = "|".join(sorted(tlds, key=len, reverse=True))
    return re.compile(
        r"(?:https?://|ftp://|mailto:|www\.)\S+"
        r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
        r"|(?<![\w@#])[#@]\w+"
        rf"|(?<![\w.])[\w-]+(?:\.[\w-]+)*\.(?:{tld})(?![\w-])(?:/\S*)?",
    )


@lru_cache(maxsize=4)
def _quote_re(max_chars: int) -> re.Pattern[str]:
    """Return the pattern of quoted stretches (unclosed curly quotes run to line end)."""
    n = max_chars
    return re.compile(
        rf"“[^”\n]{{0,{n}}}(?:”|$)"
        rf"|«[^»\n]{{0,{n}}}(?:»|$)"
        rf'|"[^"\n]{{0,{n}}}"'
        rf"|‘(?<!\w‘)[^\n]{{0,{n}}}?’(?!\w)"
        rf"|'(?<!\w')[^\n]{{0,{n}}}?'(?!\w)",
        re.M,
    )


@lru_cache(maxsize=4)
def _typo_re(keys: tuple[str, ...]) -> re.Pattern[str]:
    """Return the pattern matching any known typo as a whole lower-case word."""
    alt = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’.@#/-])(?:{alt})(?![\w'’@/-]|\.\w)")


# --------------------------------------------------------------------------- context


class _Context:
    """Per-text lazily computed facts shared by the rules."""

    __slots__ = (
        "text",
        "lex",
        "lowers",
        "_quoted",
        "_title_lines",
        "_apostrophe",
        "title_ratio",
        "title_max_words",
        "paragraph_min_words",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.lex = _lex()
        self.lowers = frozenset(_LOWER_RE.findall(text))
        self._quoted: tuple[list[int], list[int]] | None = None
        self._title_lines: dict[int, bool] = {}
        self._apostrophe: str | None = None
        self.title_ratio = float(settings.get("repair", "title_case_ratio"))
        self.title_max_words = int(settings.get("repair", "title_max_words"))
        self.paragraph_min_words = int(settings.get("repair", "paragraph_min_words"))

    # -- protected stretches
    def in_url(self, start: int, end: int) -> bool:
        """Return whether [start, end) overlaps a URL, e-mail, domain or hashtag."""
        text = self.text
        cs, ce = _chunk_bounds(text, start, end)
        chunk = text[cs:ce]
        if not any(c in chunk for c in "./@#:"):
            return False
        for m in _protect_re(self.lex.tlds).finditer(chunk):
            if m.start() + cs < end and m.end() + cs > start:
                return True
        return False

    def in_quote(self, start: int, end: int) -> bool:
        """Return whether [start, end) overlaps a quoted stretch."""
        if self._quoted is None:
            n = int(settings.get("repair", "quote_max_chars"))
            self._quoted = _intervals(_quote_re(n).finditer(self.text))
        return _overlaps(self._quoted, start, end)

    def frozen(self, start: int, end: int) -> bool:
        """Return whether a word at [start, end) must not be changed (URL or quote)."""
        return self.in_url(start, end) or self.in_quote(start, end)

    def apostrophe(self) -> str:
        """Return the apostrophe the article mostly uses (’ or ')."""
        if self._apostrophe is None:
            self._apostrophe = "’" if self.text.count("’") > self.text.count("'") else "'"
        return self._apostrophe

    # -- lines
    def in_title_line(self, pos: int) -> bool:
        """Return whether ``pos`` lies on a short Title Case line (a headline)."""
        text = self.text
        start = text.rfind("\n", 0, pos) + 1
        cached = self._title_lines.get(start)
        if cached is not None:
            return cached
        end = text.find("\n", pos)
        line = text[start : end if end >= 0 else len(text)]
        words = re.findall(r"[^\W\d_]{4,}", line)
        ratio, max_words = self.title_ratio, self.title_max_words
        caps = sum(1 for w in words if w[0].isupper())
        result = bool(words) and len(line.split()) <= max_words and caps / len(words) >= ratio
        self._title_lines[start] = result
        return result

    def is_initial(self, pos: int) -> bool:
        """Return whether the word at ``pos`` starts a sentence, line, quote or clause."""
        text = self.text
        i = pos - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        if i >= 0 and text[i] in "“\"‘'([«":
            return True
        return i < 0 or text[i] in "\n.!?…:;"

    def name_evidence(self, word: str, *, standalone: bool) -> bool:
        """Return whether capitalised ``word`` occurs as a name: not sentence-initial,
        not on a headline line, and (if ``standalone``) not next to another capital."""
        for m in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", self.text):
            s = m.start()
            if self.is_initial(s) or self.in_title_line(s):
                continue
            if standalone and (
                _is_cap(_prev_word(self.text, s)) or _is_cap(_next_word(self.text, m.end()))
            ):
                continue
            return True
        return False


def _chunk_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the bounds of the run without ASCII whitespace around [start, end)."""
    i, j, n = start, end, len(text)
    while i > 0 and text[i - 1] not in _ASCII_SPACE:
        i -= 1
    while j < n and text[j] not in _ASCII_SPACE:
        j += 1
    return i, j


def _intervals(matches: Iterator[re.Match[str]]) -> tuple[list[int], list[int]]:
    """Return (starts, ends) of matches, which come sorted and non-overlapping."""
    starts: list[int] = []
    ends: list[int] = []
    for m in matches:
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def _overlaps(iv: tuple[list[int], list[int]], start: int, end: int) -> bool:
    """Return whether [start, end) overlaps one of the sorted intervals."""
    starts, ends = iv
    i = bisect_right(starts, start) - 1
    if i >= 0 and ends[i] > start:
        return True
    return i + 1 < len(starts) and starts[i + 1] < end


_NEXT_WORD_RE = re.compile(rf" ({_LETTERS}+)(?![\w-])")


def _prev_word(text: str, pos: int) -> str | None:
    """Return the word just before ``pos`` when separated by a single space only."""
    if pos < 2 or text[pos - 1] != " ":
        return None
    j = pos - 1
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    if j == pos - 1 or (j > 0 and (text[j - 1].isalnum() or text[j - 1] in "_'’.-")):
        return None
    return text[j : pos - 1]


def _next_word(text: str, pos: int) -> str | None:
    """Return the word just after ``pos`` when separated by a single space only."""
    m = _NEXT_WORD_RE.match(text, pos)
    return m.group(1) if m else None


def _is_cap(word: str | None) -> bool:
    """Return whether ``word`` is Capitalised (not all caps, not lower-case)."""
    return word is not None and word[:1].isupper() and not word.isupper()


# --------------------------------------------------------------------------- mojibake

# UTF-8 read as Latin-1/Windows-1252: a lead byte (U+00C2-U+00F4 "Â".."ô") followed by
# a continuation byte (U+0080-U+00BF or its Windows-1252 letter, "€", "™", "œ", ...).
_SUSPECT_RE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_ASCII_SPACE = frozenset(" \t\n\r\f\v")
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def _mojibake_edits(text: str) -> Iterator[tuple[int, int, str, str]]:
    """Yield (start, end, after, "mojibake") for each badly decoded non-space run."""
    if text.isascii():
        return
    last_end = -1
    for m in _SUSPECT_RE.finditer(text):
        if m.start() < last_end:
            continue
        start, end = _chunk_bounds(text, m.start(), m.end())
        last_end = end
        run = text[start:end]
        if not is_bad(run):
            continue
        fixed = ftfy.fix_text(run, _FTFY_CONFIG)
        if fixed and fixed != run:
            a, b = _trim_common(run, fixed)
            yield start + a, end - b, fixed[a : len(fixed) - b], "mojibake"


def _trim_common(before: str, after: str) -> tuple[int, int]:
    """Return (prefix, suffix) lengths shared by both strings, leaving both non-empty."""
    limit = min(len(before), len(after)) - 1
    p = 0
    while p < limit and before[p] == after[p]:
        p += 1
    s = 0
    while s < limit - p and before[-1 - s] == after[-1 - s]:
        s += 1
    return p, s


# --------------------------------------------------------------------------- spacing

_SPACING_RE = re.compile(r"[,;:.][A-Za-z]")
_RIGHT_WORD_RE = re.compile(rf"{_LETTERS}+")
_CODE_CHARS = frozenset("/\\@=_<>{}[]|#~^*+")


def _spacing_edits(ctx: _Context) -> Iterator[tuple[int, int, str, str]]:
    """Yield (pos, pos + 1, punct + " ", "spacing") for each missing space after punct."""
    text = ctx.text
    for m in _SPACING_RE.finditer(text):
        pos = m.start()
        if text[pos] == ".":
            if pos == 0 or not text[pos - 1].islower() or not text[pos + 2 : pos + 3].islower():
                continue
            if not text[pos + 1].isupper():
                continue
        elif pos == 0 or not text[pos - 1].isalpha():
            continue
        ls = pos
        while ls > 0 and text[ls - 1].isalpha():
            ls -= 1
        right = _RIGHT_WORD_RE.match(text, pos + 1)
        if right is None:
            continue
        lw, rw = text[ls:pos], right.group()
        if len(lw) < 2 or len(rw) < 2:
            continue
        before_left = text[ls - 1] if ls > 0 else " "
        if before_left in ".'’" or before_left.isdigit():
            continue  # "e.g.The", "U.S.A", "don't"
        punct = text[pos]
        if (lw.isupper() and rw.isupper()) or (punct in ";:" and (lw.isupper() or rw.isupper())):
            continue  # acronyms: "TL;DR", "AC,DC"
        if punct == "." and rw.lower() in ctx.lex.tlds and rw.lower() not in ctx.lex.stoplist:
            continue  # "Example.Com"
        if (
            text[right.end() : right.end() + 1] in (".", ":")
            and text[right.end() + 1 : right.end() + 2].isalpha()
        ):
            continue  # a dotted/colon chain such as "a.b.c" or "ns:tag:x"
        chunk = _chunk(text, pos)
        if any(c in _CODE_CHARS for c in chunk) or ctx.in_url(pos, pos + 1):
            continue
        yield pos, pos + 1, punct + " ", "spacing"


def _chunk(text: str, pos: int) -> str:
    """Return the whitespace-delimited run of text around ``pos``."""
    start = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos)) + 1
    ends = [e for e in (text.find(" ", pos), text.find("\n", pos)) if e >= 0]
    return text[start : min(ends) if ends else len(text)]


# --------------------------------------------------------------------------- words

_SENT_HINT_RE = re.compile(r"[\n.!?][ \t]*[a-z]")
_TEXT_START_RE = re.compile(r"[ \t]*[a-z]")
_LOWER_WORD_RE = re.compile(r"[a-z][^\W\d_]*(?![\w@])")


def _word_edits(ctx: _Context) -> Iterator[tuple[int, int, str, str]]:
    """Yield word-level edits: spelling, possessive, sentence and name capitalisation.

    Nothing for text that does not look like English (the rules are English-only).
    """
    if not _looks_english(ctx.text):
        return
    sentence = dict(_sentence_starts(ctx))
    for start, end, after in _spelling(ctx):
        if start in sentence:
            after = after[0].upper() + after[1:]
        yield start, end, after, "spelling"
    yield from _possessives(ctx)
    for start, (end, after) in sentence.items():
        yield start, end, after, "case_sentence"
    for start, end, after in _case_names(ctx):
        if start not in sentence:
            yield start, end, after, "case_name"


def _looks_english(text: str) -> bool:
    """Return whether enough of the words are common English function words."""
    needed = (text.count(" ") + 1) * float(settings.get("repair", "english_min_ratio"))
    hits = 0
    for w in _lex().english_markers:
        hits += text.count(f" {w} ")
        if hits >= needed:
            return True
    return False


def _sentence_starts(ctx: _Context) -> Iterator[tuple[int, tuple[int, str]]]:
    """Yield (start, (end, Capitalised word)) for lower-case sentence/paragraph starts."""
    text, lex = ctx.text, ctx.lex
    first = _TEXT_START_RE.match(text)
    hints = _SENT_HINT_RE.finditer(text)
    for m in itertools.chain((first,) if first else (), hints):
        if m is not first and text[m.start()] != "\n" and m.end() - m.start() < 3:
            continue  # "done.the": no space after the full stop
        w = _LOWER_WORD_RE.match(text, m.end() - 1)
        if w is None:
            continue
        start, end = w.span()
        word = w.group()
        if not word.islower() or word in lex.case_exceptions:
            continue
        if text[end : end + 1] in ".:" and text[end + 1 : end + 2].isalpha():
            continue  # "e.g." or a domain
        if _chunk(text, start)[-1:] in (".", "!", "?"):
            continue  # a one-word sentence ("on. it.") is style, not an error
        if _line_start(text, start):
            if not _paragraph_start_ok(ctx, start):
                continue
        elif m is first or not _sentence_break_ok(ctx, m.start() + 1):
            continue
        if ctx.frozen(start, end):
            continue
        yield start, (end, word[0].upper() + word[1:])


def _line_start(text: str, pos: int) -> bool:
    """Return whether only spaces separate ``pos`` from the start of its line."""
    i = pos
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] == "\n"


def _paragraph_start_ok(ctx: _Context, start: int) -> bool:
    """Return whether a word at a line start begins a prose paragraph."""
    text = ctx.text
    line_end = text.find("\n", start)
    line = text[start : line_end if line_end >= 0 else len(text)]
    if len(line.split()) < ctx.paragraph_min_words:
        return False
    ls = text.rfind("\n", 0, start)
    if ls < 0:
        return True  # first line of the text
    i = ls
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i == 0:
        return True
    if text[i - 1] == ".":
        return _sentence_break_ok(ctx, i)  # not after "U.S." or "e.g." at a line end
    return text[i - 1] in '!?"”’)…'


def _sentence_break_ok(ctx: _Context, punct_end: int) -> bool:
    """Return whether the [.!?] just before ``punct_end`` ends a sentence.

    Not after an abbreviation ("e.g.", "U.S."), an initial, or an ellipsis.
    """
    text = ctx.text
    p = punct_end - 1
    chunk_start = max(text.rfind(" ", 0, p), text.rfind("\n", 0, p), text.rfind("\t", 0, p)) + 1
    chunk = text[chunk_start:p].rstrip(")]”\"’'").lstrip("([“\"‘'")
    if text[p] != ".":
        return bool(chunk)
    if not chunk or "." in chunk or len(chunk) == 1:
        return False  # an ellipsis, an initial, a dotted abbreviation ("cu.ft", "e.g")
    if chunk.isupper() and len(chunk) <= 3:
        return False  # "ID. models": an acronym may be an abbreviation
    return chunk.lower() not in ctx.lex.abbreviations


def _spelling(ctx: _Context) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, correction) for known typos whose context is unambiguous."""
    text, typos = ctx.text, ctx.lex.typos
    present = tuple(sorted(ctx.lowers.intersection(typos)))
    if not present:
        return
    for m in _typo_re(present).finditer(text):
        word = m.group()
        correction, needs_next = typos[word]
        if needs_next and (_next_word(text, m.end()) or "").lower() not in needs_next:
            continue
        if re.search(rf"(?<![\w'’-])(?i:{word})(?<!{word})(?![\w'’-])", text):
            continue  # also written with capitals elsewhere: a name or acronym
        if ctx.frozen(m.start(), m.end()):
            continue
        yield m.start(), m.end(), correction


def _possessives(ctx: _Context) -> Iterator[tuple[int, int, str, str]]:
    """Yield edits "CouncilS" -> "Council's" where "Council" is a name in the text."""
    text = ctx.text
    for start, end in _glued_s(text):
        glued, stem = text[start:end], text[start : end - 1]
        if glued.lower() in ctx.lex.case_exceptions or ctx.frozen(start, end):
            continue
        if len(re.findall(rf"(?<![\w-]){glued}(?![\w-])", text)) > 1:
            continue  # an established token of its own
        if not ctx.name_evidence(stem, standalone=False):
            continue
        yield start, end, stem + ctx.apostrophe() + "s", "possessive"


def _glued_s(text: str) -> Iterator[tuple[int, int]]:
    """Yield spans of capitalised words ending in a glued capital S ("CouncilS")."""
    i = text.find("S", 2)
    n = len(text)
    while i >= 0:
        end = i + 1
        if text[i - 1].islower() and (end == n or not _continues(text[end])):
            j = i - 1
            while j > 0 and text[j - 1].isalpha():
                j -= 1
            if text[j].isupper() and (j == 0 or not _continues(text[j - 1]) and text[j - 1] != "."):
                yield j, end
        i = text.find("S", end)


def _continues(c: str) -> bool:
    """Return whether ``c`` glues onto a word (letters, digits, apostrophes, @/-_)."""
    return c.isalnum() or c in "'’@/-_#"


def _case_names(ctx: _Context) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, Capitalised) for lower-case proper nouns."""
    text, lex = ctx.text, ctx.lex
    lowers = ctx.lowers
    caps = {w.lower() for w in set(_CAP_RE.findall(text))}
    cands = (lowers & (caps | lex.names)) - lex.stoplist | (lowers & lex.pair_words)
    cands -= lex.case_exceptions
    if not cands:
        return
    found: list[tuple[str, int, int]] = []
    for w in cands:
        n = len(w)
        i = text.find(w)
        while i >= 0:
            end = i + n
            if not (i and (text[i - 1].isalpha() or text[i - 1] in _NOT_BEFORE_WORD)) and not (
                _glued_after(text, end)
            ):
                found.append((w, i, end))
            i = text.find(w, end)
    counts = Counter(w for w, _, _ in found)
    for w, start, end in sorted(found, key=lambda f: f[1]):
        if _is_name_here(ctx, w, start, end, counts[w]) and not ctx.frozen(start, end):
            yield start, end, w.capitalize()


_NOT_BEFORE_WORD = frozenset("'’.@#/-_0123456789")
_CAP_RE = re.compile(r"[A-Z][a-z]+")
_LOWER_RE = re.compile(r"[a-z]+")


def _glued_after(text: str, end: int) -> bool:
    """Return whether the word ending at ``end`` continues (digits, hyphen, URL, ...)."""
    nxt = text[end : end + 1]
    if not nxt:
        return False
    if nxt.isalnum() or nxt in "'’@/-_":
        return True
    return nxt == "." and text[end + 1 : end + 2].isalnum()


def _is_name_here(ctx: _Context, w: str, start: int, end: int, n_lower: int) -> bool:
    """Return whether lower-case ``w`` at [start, end) is clearly a proper noun."""
    text, lex = ctx.text, ctx.lex
    nxt = _next_word(text, end) or ""
    next_cap = _is_cap(nxt)
    # (a) a known multi-word name, next word capitalised: "metropolitan Police"
    if next_cap and (w, nxt.lower()) in lex.pairs:
        return True
    if w in lex.stoplist:
        return False
    cap = w.capitalize()
    # (b) the same capitalised phrase elsewhere in the article: "harbour Authority",
    #     unless a full name follows ("founder Jeff Bezos": a role).  Only this
    #     direction: in "American farm" (with "American Farm Bureau" elsewhere) a
    #     common noun follows a name, so a lower-case word AFTER a capital needs (d)/(e).
    if (
        next_cap
        and nxt.lower() not in lex.first_names
        and not _is_cap(_next_word(text, end + 1 + len(nxt)))
        and ctx.name_evidence(f"{cap} {nxt}", standalone=False)
    ):
        return True
    # (c) a known place
    if w in lex.places:
        return True
    if w not in lex.names and n_lower != 1:
        return False
    prev = _prev_word(text, start)
    if prev is None:
        if _dotted_title_before(ctx, start):  # "Mr. smith", "Dr. okafor"
            return w in lex.surnames or (n_lower == 1 and ctx.name_evidence(cap, standalone=True))
        return w in lex.first_names and next_cap and nxt.lower() in lex.surnames
    prev_cap = _is_cap(prev)
    # (d) a known personal name in a name context: "Jane smith", "jane Smith"
    if w in lex.surnames and (
        (prev_cap and not ctx.is_initial(start - len(prev) - 1))
        or prev.lower() in lex.titles
        or prev.lower() in lex.first_names
    ):
        return True
    if w in lex.first_names and next_cap and (nxt.lower() in lex.surnames or not prev_cap):
        return True
    # (e) written only once in lower case, after a person's title or first name, and
    #     used as a stand-alone name elsewhere: "Mayor Dana okafor" ... "said Okafor"
    return (
        n_lower == 1
        and _person_context(ctx, prev, start)
        and ctx.name_evidence(cap, standalone=True)
    )


def _dotted_title_before(ctx: _Context, start: int) -> bool:
    """Return whether an abbreviated title with a full stop ("Mr.", "Dr.") precedes."""
    text = ctx.text
    if start < 3 or text[start - 1] != " " or text[start - 2] != ".":
        return False
    j = start - 2
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    return text[j : start - 2].lower() in ctx.lex.titles and (j == 0 or not text[j - 1].isalnum())


def _person_context(ctx: _Context, prev: str | None, start: int) -> bool:
    """Return whether the word at ``start`` follows a person's title or first name:
    "Mayor okafor", "Jane okafor", "Mayor Dana okafor"."""
    if prev is None:
        return False
    lex = ctx.lex
    if prev.lower() in lex.titles or prev.lower() in lex.first_names:
        return True
    if not _is_cap(prev):
        return False
    before = _prev_word(ctx.text, start - len(prev) - 1)
    return before is not None and before.lower() in lex.titles
