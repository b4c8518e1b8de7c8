"""Number atoms: the bare numbers in a sentence, written in digits or in words.

An atom is a number with its own magnitude ("1.2m", "233 million", "nine thousand",
"hundreds of", "a third", "threefold").  Units, ranges, change and concept are added by
:mod:`newsprism.extract.figures`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Span

from .figures_lexicon import Lexicon

# A digit number: 9,000 | 1.2 | .5 | 12000 (the thousands separator must be regular).
_DIGITS = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+")
# Magnitude written right after a digit number, attached or after one blank.
_MAG_WORD = re.compile(
    r"^[ \t\u00a0]?-?(?P<hundred>(?i:hundred)\s+)?"
    r"(?P<mag>(?i:thousand|million|billion|trillion|mn|mln|bn|bln|tn|trn))"
    r"(?![A-Za-z])"
)
_MAG_LETTER = re.compile(r"^(?P<mag>[kKmMbB])(?![A-Za-z0-9])")
_MAG_VALUES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "billion": 1e9,
    "tn": 1e12,
    "trn": 1e12,
    "trillion": 1e12,
}
_DIGIT_FRACTION = re.compile(r"(\d{1,3})\s?[/\u2044](\d{1,4})(?=\s+of\b)")
_RATIO = re.compile(
    r"\b(?P<a>\d{1,3}|[A-Za-z]+)\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<b>\d{1,4}|[A-Za-z]+)\b"
)
_MAG_INITIALS = frozenset("tmbhTMBH")
_WORD_SPLIT = re.compile(r"[-\u2010\u2011]")


@dataclass(slots=True)
class Atom:
    """A number found in text: offsets into ``doc.text`` and its value.

    ``high`` is set for vague plurals ("hundreds of" -> 100..1000).  ``kind`` is
    ``digits``, ``words``, ``vague``, ``fraction``, ``multiplier`` or ``verbmult``;
    ``scaled`` tells whether a magnitude word or letter was part of the atom.
    """

    start: int
    end: int
    value: float
    kind: str
    scaled: bool = False
    high: float | None = None
    direction: str | None = None
    integer_text: bool = False
    mag: float = 1.0


def _letter_is_million(text: str, end: int, has_currency: bool) -> bool:
    """Whether a lone ``m`` after a number means million (else it is metres)."""
    if has_currency:
        return True
    rest = text[end : end + 3]
    return bool(re.match(r"^ [a-z]", rest)) and not re.match(
        r"^ (?:long|high|wide|deep|tall)", text[end : end + 6]
    )


def _currency_before(text: str, a: int, start: int, currency_before: re.Pattern[str]) -> bool:
    """Whether a currency sign or code stands right before offset ``a``."""
    return bool(currency_before.search(" " + text[max(start, a - 8) : a]))


def digit_atoms(text: str, start: int, end: int, currency_before: re.Pattern[str]) -> list[Atom]:
    """Atoms written in digits between ``start`` and ``end`` of ``text``.

    A number glued to letters before it ("B12", "G7") is skipped unless those letters
    are a currency prefix ("PS5bn", "USD10m").
    """
    atoms: list[Atom] = []
    taken: list[tuple[int, int]] = []
    has_slash = "/" in text[start:end] or "\u2044" in text[start:end]
    for m in _DIGIT_FRACTION.finditer(text, start, end) if has_slash else ():
        if m.start() > start and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "./"):
            continue
        num, den = float(m.group(1)), float(m.group(2))
        if den and num < den:
            atoms.append(Atom(m.start(), m.end(), num / den, "fraction"))
            taken.append((m.start(), m.end()))
    for m in _DIGITS.finditer(text, start, end):
        a, b = m.start(), m.end()
        if taken and any(t0 <= a < t1 for t0, t1 in taken):
            continue
        prev = text[a - 1] if a > start else " "
        if prev.isdigit() or (prev in ".," and m.group()[0] != "."):
            continue  # the tail of a longer or malformed number ("1,2345", "3.4.5")
        if m.group()[0] == "." and (prev.isalnum() or prev == "_"):
            continue
        has_cur: bool | None = None
        if prev.isalpha() or prev == "_":
            has_cur = bool(currency_before.search(" " + text[max(start, a - 8) : a]))
            if not has_cur:
                continue
        raw = m.group().replace(",", "")
        value = float(raw)
        scaled = False
        mag = 1.0
        nxt = text[b : b + 2]
        mw = ml = None
        if nxt[:1].isalpha() or (nxt[:1] in " -\t\u00a0" and nxt[1:2] in _MAG_INITIALS):
            rest = text[b : min(end, b + 14)]
            mw = _MAG_WORD.match(rest)
            ml = _MAG_LETTER.match(rest)
        if mw:
            mag = _MAG_VALUES[mw.group("mag").lower()] * (100 if mw.group("hundred") else 1)
            value *= mag
            b += mw.end()
            scaled = True
        elif ml:
            letter = ml.group("mag")
            if has_cur is None and letter in "mbB":
                has_cur = _currency_before(text, a, start, currency_before)
            ok = (
                letter in "kK"
                or letter == "M"
                or (letter == "m" and _letter_is_million(text, b + 1, bool(has_cur)))
                or (letter in "bB" and bool(has_cur))
            )
            if ok:
                mag = _MAG_VALUES[letter.lower()]
                value *= mag
                b += 1
                scaled = True
        atoms.append(
            Atom(
                a,
                b,
                value,
                "digits",
                scaled,
                integer_text="." not in m.group() and not scaled,
                mag=mag,
            )
        )
    return atoms


def _word_value(parts: list[str], lex: Lexicon) -> float | None:
    """The value of a run of cardinal words ("three hundred and two"), or None."""
    total = 0.0
    current = 0.0
    seen = False
    for part in parts:
        if part in ("and", "a", "an"):
            if part != "and":
                current = max(current, 1.0)
            continue
        entry = lex.numbers.get(part)
        if entry is None:
            return None
        if entry.kind in ("unit", "tens"):
            current += entry.value
        elif entry.kind == "scale":
            if entry.value == 100:
                current = max(current, 1.0) * 100
            else:
                total += max(current, 1.0) * entry.value
                current = 0.0
        elif entry.kind == "dozen":
            current = max(current, 1.0) * 12
        else:
            return None
        seen = True
    return total + current if seen else None


def _cardinal_kind(word: str, lex: Lexicon) -> str | None:
    """The lexicon kind of a (lower-case) word, splitting hyphenated compounds."""
    entry = lex.numbers.get(word)
    if entry is not None:
        return entry.kind
    if "-" not in word and "\u2010" not in word and "\u2011" not in word:
        return None
    parts = [p for p in _WORD_SPLIT.split(word) if p]
    if len(parts) > 1 and all(
        lex.numbers.get(p) and lex.numbers[p].kind in ("unit", "tens") for p in parts
    ):
        return "unit"
    return None


def word_atoms(sent: Span, lex: Lexicon, word_hits: list[int]) -> list[Atom]:
    """Atoms written in words in one sentence: cardinals, dozens, vague plurals,
    fractions, multipliers and multiplier verbs.

    ``word_hits`` are the doc's token indexes whose lower-case form is a lexicon number
    word; only tokens near them are looked at.
    """
    atoms: list[Atom] = []
    base = sent.start
    lo = bisect_left(word_hits, base)
    hi = bisect_left(word_hits, sent.end)
    hits = [h - base for h in word_hits[lo:hi]]
    if not hits:
        return atoms
    toks = sent
    i = 0
    n = len(toks)
    while i < n:
        k = bisect_left(hits, i)
        if k >= len(hits):
            break
        if i < hits[k] - 1:
            i = hits[k] - 1
        tok = toks[i]
        low = tok.lower_
        kind = _cardinal_kind(low, lex)
        if kind is None and low in ("a", "an") and i + 1 < n:
            nxt = _cardinal_kind(toks[i + 1].lower_, lex)
            if nxt in ("scale", "dozen", "fraction") and toks[i + 1].lower_ not in (
                "mn",
                "bn",
                "tn",
            ):
                kind = "article"
        if kind is None:
            i += 1
            continue
        if kind in ("vague",):
            atom, i = _vague(toks, i, lex)
            if atom is not None:
                atoms.append(atom)
            continue
        if kind == "multiplier":
            entry = lex.numbers[low]
            atoms.append(Atom(tok.idx, tok.idx + len(tok.text), entry.value, "multiplier"))
            i += 1
            continue
        if kind == "verbmult":
            entry = lex.numbers[low]
            if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                atoms.append(
                    Atom(
                        tok.idx,
                        tok.idx + len(tok.text),
                        entry.value,
                        "verbmult",
                        direction=entry.direction,
                    )
                )
            i += 1
            continue
        if kind == "fraction":
            if low == "half" and _half_is_quantity(toks, i, lex):
                atoms.append(Atom(tok.idx, tok.idx + len(tok.text), 0.5, "fraction"))
            i += 1
            continue
        if kind == "scale" and low in ("mn", "mln", "bn", "bln", "tn", "trn"):
            i += 1
            continue
        # a run of cardinal words, possibly led by "a"/"an"
        j = i
        parts: list[str] = []
        while j < n:
            w = toks[j].lower_
            k = _cardinal_kind(w, lex)
            if j == i and kind == "article":
                parts.append(w)
                j += 1
                continue
            if k in ("unit", "tens", "scale", "dozen"):
                parts.extend(p for p in _WORD_SPLIT.split(w) if p)
                j += 1
                continue
            if (
                w in ("-", "and")
                and j + 1 < n
                and _cardinal_kind(toks[j + 1].lower_, lex) in ("unit", "tens")
                and parts
                and lex.numbers.get(parts[-1])
                and lex.numbers[parts[-1]].kind in ("scale", "tens")
            ):
                j += 1
                continue
            break
        # fraction right after: "a third", "two thirds", "two-thirds"
        frac = _fraction_after(toks, i, j, parts, lex)
        if frac is not None:
            atoms.append(frac[0])
            i = frac[1]
            continue
        value = _word_value(parts, lex)
        first = lex.numbers.get(parts[0]) if parts else None
        lone = len(parts) == 1 and first is not None and first.kind in ("scale", "dozen")
        if value is not None and not lone and any(p not in ("a", "an", "and") for p in parts):
            start = toks[i].idx
            end = toks[j - 1].idx + len(toks[j - 1].text)
            atoms.append(Atom(start, end, value, "words"))
        i = max(j, i + 1)
    return atoms


def _half_is_quantity(toks, i: int, lex: Lexicon) -> bool:  # noqa: ANN001 - a spaCy Span
    """Whether "half" at ``i`` is an amount ("half of adults", "almost half"), not a
    period ("the first half", "half-time")."""
    nxt = toks[i + 1].lower_ if i + 1 < len(toks) else ""
    prev = toks[i - 1].lower_ if i > 0 else ""
    if nxt == "-" or prev in lex.context.get("not_half", frozenset()):
        return False
    return nxt == "of" or prev in lex.change_before


def ratio_atoms(text: str, start: int, end: int, lex: Lexicon) -> list[Atom]:
    """Proportions written "one in five" or "three out of ten" (value 0.2, 0.3)."""
    atoms = []
    for m in _RATIO.finditer(text, start, end):
        a = _number_word_or_digits(m.group("a"), lex)
        b = _number_word_or_digits(m.group("b"), lex)
        if a is not None and b and 0 < a < b:
            atoms.append(Atom(m.start(), m.end(), a / b, "fraction"))
    return atoms


def _number_word_or_digits(word: str, lex: Lexicon) -> float | None:
    """The value of a single cardinal word or a plain digit string, else None."""
    if word.isdigit():
        return float(word)
    entry = lex.numbers.get(word.lower())
    return entry.value if entry is not None and entry.kind in ("unit", "tens") else None


def _fraction_after(toks: list, i: int, j: int, parts: list[str], lex: Lexicon):
    """A fraction atom ("a third", "two-thirds") starting at token ``i``, with the next index."""
    word = toks[i].lower_
    pieces = [p for p in _WORD_SPLIT.split(word) if p]
    if len(pieces) == 2 and pieces[0] in lex.numbers and pieces[1] in lex.numbers:
        num, den = lex.numbers[pieces[0]], lex.numbers[pieces[1]]
        if num.kind == "unit" and den.kind == "fraction":
            t = toks[i]
            return Atom(t.idx, t.idx + len(t.text), num.value * den.value, "fraction"), i + 1
    if (
        j + 1 < len(toks)
        and j > i
        and toks[j].text == "-"
        and toks[j].idx == toks[j - 1].idx + len(toks[j - 1].text)
    ):
        j += 1  # "two-thirds" split as two, -, thirds
    if j < len(toks) and j > i:
        nxt = toks[j].lower_
        glued = (
            j + 1 < len(toks)
            and toks[j + 1].text == "-"
            and toks[j + 1].idx == toks[j].idx + len(toks[j].text)
        )
        entry = lex.numbers.get(nxt)
        if entry is not None and entry.kind == "fraction" and not glued:
            head = (
                1.0
                if parts[0] in ("a", "an", "one") and len(parts) == 1
                else _word_value(parts, lex)
            )
            if head is not None and 0 < head < 10:
                t = toks[j]
                return Atom(toks[i].idx, t.idx + len(t.text), head * entry.value, "fraction"), j + 1
    return None


def _vague(toks: list, i: int, lex: Lexicon):
    """A vague plural ("hundreds of", "tens of thousands of") at token ``i``; next index."""
    low = toks[i].lower_
    entry = lex.numbers[low]
    value, high = entry.value, entry.high or entry.value * 10
    j = i + 1
    end_tok = toks[i]
    # "tens of thousands of", "hundreds of millions of"
    if j + 1 < len(toks) and toks[j].lower_ == "of":
        nxt = lex.numbers.get(toks[j + 1].lower_)
        if nxt is not None and nxt.kind == "vague" and nxt.value > 100:
            value, high = value * nxt.value / 1.0, high * nxt.value
            end_tok = toks[j + 1]
            j += 2
    followed_by_of = j < len(toks) and toks[j].lower_ == "of"
    if not followed_by_of:
        return None, j
    return Atom(toks[i].idx, end_tok.idx + len(end_tok.text), value, "vague", high=high), j
