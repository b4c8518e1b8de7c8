"""Figures: the numbers a news article reports, with value, unit, change and concept.

:func:`extract_figures` takes a parsed :class:`spacy.tokens.Doc` and returns
:class:`newsprism.model.Figure` objects whose ``start``/``end`` index ``doc.text``.

How a figure is read:

1. *Atoms* (:mod:`.figures_atoms`): numbers in digits ("7,500", "$4.5bn", "1.2m") or
   words ("nine thousand", "a dozen", "hundreds of", "a third", "threefold", "doubled").
2. *Units*: a currency before the number ("£", "US$", "PS") or a unit after it
   ("per cent", "km", "-year-old", "mph"), from ``data/figures/units.tsv``; money is
   expanded by its magnitude (£233 million -> 233000000 GBP) and rates are kept
   ("$58 per barrel" -> ``USD/bbl``).
3. *Ranges and moves*: "between 10 and 15", "10-15", "1 to 1.5 degrees" give
   ``low``/``high`` with ``value`` None; "from 850 to 1,100" gives ``value`` 1100 (where
   it ended) with ``low``/``high`` the two ends.
4. *Exclusions*: years and dates, clock times, phone numbers, addresses, model names
   ("Boeing 737"), labels ("Channel 4"), list numbering and scores are not figures.
5. *Change*: approximators ("about", "more than", "up to") from ``change.tsv`` give
   ``~``, ``>``, ``<``; verbs of rise and fall that govern the figure in the dependency
   parse give ``up``/``down`` (nouns only for multipliers: "a threefold increase").
6. *Concept*: the counted noun ("4,000 new teachers"), the "of" phrase
   ("60 per cent of voters"), the noun a measure modifies ("a 10-year plan") or the
   subject of the governing verb ("the number of X has risen by 30 per cent").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from spacy.attrs import IDX, LOWER, SENT_START
from spacy.tokens import Doc, Span, Token

from ..model import Figure
from ..nlp import doc_text
from .figures_atoms import Atom, digit_atoms, ratio_atoms, word_atoms
from .figures_lexicon import Lexicon, lexicon, post_unit, pre_unit

_SIGN_BEFORE = re.compile(r"(?:(?P<minus>(?i:minus)[ -]?)|(?P<dash>[-\u2212\u2013]))$")
_RATE = re.compile(r"\s*(?:(?:per|an|a|each)\s+|/\s*)(?=[A-Za-z])")
_TIME_AFTER = re.compile(r"^(?::\d\d|\s?(?i:a\.?m\.?|p\.?m\.?)(?![a-z]))")
_TIME_BEFORE = re.compile(r"\d[:.]$")
_PHONE = re.compile(
    r"(?<![\w.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)|\d{2,5})[\s.-]\d{3,4}[\s.-]\d{3,4}(?![\w])"
    r"|(?<![\w.,])\d{3}-\d{4}(?![\w-])"
)
_SLASH_BEFORE = re.compile(r"\d/$")
_PHONE_HINT = re.compile(r"\d{2}[\s.)-]+\d{3}")
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th|s)\b")
_LIST_START = re.compile(r"(?:^|\n)[ \t]*\(?$")
_LIST_AFTER = re.compile(r"^(?:\.|\))(?:\s|$)")
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_CLIMB_DEPS = frozenset(
    "nummod quantmod compound pobj prep dobj npadvmod attr advmod nmod appos conj amod "
    "oprd acomp pcomp dative".split()
)
_WORD = re.compile(r"[A-Za-z]+")
_ANY_DIGIT = re.compile(r"\d")
_TIME_REL = re.compile(r"\s+(?:earlier|ago|later|before|after|previously)\b", re.I)
_NO_RATE = frozenset(("%", "pp", "bp", "x", "point", "year of age", "month of age"))
_AGE_UNITS = ("year of age", "month of age", "week of age", "day of age")


@dataclass(slots=True)
class _Cand:
    """A figure being built: an atom with unit, span and the context gathered so far."""

    start: int
    end: int
    num_start: int
    num_end: int
    value: float
    low: float | None
    high: float | None
    unit: str | None
    kind: str
    scaled: bool
    integer_text: bool
    currency: bool
    direction: str | None = None
    move: bool = False
    mag: float = 1.0


class _Index:
    """Token start offsets and sentence starts of one doc, for fast char -> token lookups."""

    def __init__(self, doc: Doc, word_ids: frozenset[int]) -> None:
        rows = doc.to_array([IDX, SENT_START, LOWER]).tolist()
        self.doc = doc
        self.text = doc_text(doc)
        self.starts: list[int] = [r[0] for r in rows]
        self.sent_starts: list[int] = [i for i, r in enumerate(rows) if r[1] == 1 or i == 0]
        self.word_hits: list[int] = [i for i, r in enumerate(rows) if r[2] in word_ids]
        self.memo: dict[tuple, object] = {}

    def token_at(self, char: int) -> Token | None:
        """The token covering (or right before) a character offset."""
        i = bisect_right(self.starts, char) - 1
        return self.doc[i] if 0 <= i < len(self.starts) else None

    def span(self, a: int, b: int) -> Span | None:
        """The tokens overlapping characters ``a..b`` (memoised)."""
        key = ("span", a, b)
        if key not in self.memo:
            i = max(0, bisect_right(self.starts, a) - 1)
            j = bisect_left(self.starts, b)
            self.memo[key] = self.doc[i:j] if j > i else None
        return self.memo[key]

    def sent_start(self, i: int) -> int:
        """The index of the first token of token ``i``'s sentence."""
        return self.sent_starts[bisect_right(self.sent_starts, i) - 1]


_INDEX: list[_Index] = []


def _index(doc: Doc) -> _Index:
    """The index of ``doc``, cached for the doc being processed (one doc at a time, so
    :func:`extract_figures` stays a pure function of its doc)."""
    cached = _INDEX[0] if _INDEX else None
    if cached is not None and cached.doc is doc and len(cached.starts) == len(doc):
        return cached
    idx = _Index(doc, _word_ids(doc))
    _INDEX[:] = [idx]
    return idx


def _word_ids(doc: Doc) -> frozenset[int]:
    """The string ids (hashes) of the lexicon's number words in ``doc``'s vocab."""
    return _word_ids_cached(doc.vocab.strings)


_WORD_IDS: dict[int, frozenset[int]] = {}


def _word_ids_cached(strings) -> frozenset[int]:  # noqa: ANN001 - spaCy StringStore
    """Number-word hashes, computed once per string store."""
    key = id(strings)
    if key not in _WORD_IDS:
        _WORD_IDS[key] = frozenset(strings[w] for w in lexicon().numbers if w.isalpha())
    return _WORD_IDS[key]


def _span(doc: Doc, a: int, b: int) -> Span | None:
    """``_span(doc, a, b)``, fast."""
    return _index(doc).span(a, b)


def extract_figures(doc: Doc) -> list[Figure]:
    """The figures in a parsed document, in text order, offsets into ``doc.text``."""
    lex = lexicon()
    index = _index(doc)
    text = index.text
    if not index.word_hits and not _ANY_DIGIT.search(text):
        return []
    blocked = _blocked_spans(text)
    figures: list[Figure] = []
    bounds = index.sent_starts + [len(doc)]
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a >= b:
            continue
        sent = doc[a:b]
        k = bisect_left(index.word_hits, a)
        has_word = k < len(index.word_hits) and index.word_hits[k] < b
        if has_word or _ANY_DIGIT.search(text, sent.start_char, sent.end_char):
            figures.extend(_sentence_figures(doc, sent, text, lex, blocked))
    return figures


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """Character spans that hold phone numbers, which are never figures."""
    if not _PHONE_HINT.search(text):
        return []
    return [(m.start(), m.end()) for m in _PHONE.finditer(text)]


def _sentence_figures(
    doc: Doc, sent: Span, text: str, lex: Lexicon, blocked: list[tuple[int, int]]
) -> list[Figure]:
    """The figures of one sentence."""
    s0, s1 = sent.start_char, sent.end_char
    atoms = digit_atoms(text, s0, s1, lex.pre_unit_re) + word_atoms(
        sent, lex, _index(doc).word_hits
    )
    if " in " in text[s0:s1] or " out of " in text[s0:s1]:
        atoms += ratio_atoms(text, s0, s1, lex)
    atoms.sort(key=lambda a: (a.start, -a.end))
    atoms = _drop_overlaps(atoms)
    cands = [_with_unit(a, text, s0, s1, lex) for a in atoms]
    cands = [
        c
        for c in cands
        if not any(b0 <= c.num_start < b1 for b0, b1 in blocked)
        and not _excluded(c, doc, text, s0, lex)
    ]
    cands = _merge_ranges(cands, text, s0, lex)
    out: list[Figure] = []
    previous: tuple[_Cand, str] | None = None
    for cand in cands:
        cand = _age_from_context(cand, doc, text, s0, lex)
        change = _change(cand, doc, text, s0, lex, cands)
        if previous is not None and change == "=" and _is_conversion(previous[0], cand, text):
            change = previous[1]  # "more than 40 km (25 miles)": the bracket repeats it
        previous = (cand, change)
        concept = _concept(cand, doc)
        value: float | None = cand.value
        if cand.low is not None and not cand.move:
            value = None
        out.append(
            Figure(
                start=cand.start,
                end=cand.end,
                text=text[cand.start : cand.end],
                value=value,
                low=cand.low,
                high=cand.high,
                unit=cand.unit,
                change=change,  # type: ignore[arg-type]
                concept=concept,
            )
        )
    return out


def _is_conversion(prev: _Cand, cand: _Cand, text: str) -> bool:
    """Whether ``cand`` restates ``prev`` in other units, in brackets right after it."""
    gap = text[prev.end : cand.start]
    return (
        prev.unit is not None
        and cand.unit is not None
        and bool(re.fullmatch(r"\s*[(/]\s*|\s*[(/]?\s*[\d.,]+\s*\w+\s*/\s*", gap))
    )


def _drop_overlaps(atoms: list[Atom]) -> list[Atom]:
    """Atoms with any atom overlapping an earlier, longer one removed."""
    kept: list[Atom] = []
    for atom in atoms:
        if kept and atom.start < kept[-1].end:
            if atom.end - atom.start > kept[-1].end - kept[-1].start:
                kept[-1] = atom
            continue
        kept.append(atom)
    return kept


def _with_unit(atom: Atom, text: str, s0: int, s1: int, lex: Lexicon) -> _Cand:
    """A candidate from an atom: currency before, sign, unit and rate after."""
    start, end, value = atom.start, atom.end, atom.value
    unit: str | None = None
    currency = False
    if atom.kind == "digits":
        sm = _SIGN_BEFORE.search(text[max(s0, start - 7) : start])
        if sm:
            before = text[max(s0, start - len(sm.group()) - 1) : start - len(sm.group())]
            if sm.group("minus") or before in ("", " ", "(", "$", "\u00a0", "\u00a3", "\u20ac"):
                value = -value
                start -= len(sm.group())
        window = " " + text[max(s0, start - 9) : start]
        m = lex.pre_unit_re.search(window)
        if m:
            unit = pre_unit(m.group("cur"), lex)
            start = start - (len(window) - m.start("cur"))
            currency = True
    if atom.kind == "multiplier":
        unit = "x"
    if atom.kind == "verbmult":
        unit = "x"
    if atom.kind == "vague" and text[end : end + 4] == " of ":
        um = lex.post_unit_re.match(text, end + 3, s1)  # "hundreds of miles"
        if um and um.group().startswith(" ") and post_unit(um, lex) not in _NO_RATE:
            unit = post_unit(um, lex)
            end = um.end()
    if unit is None and atom.kind in ("digits", "words"):
        um = lex.post_unit_re.match(text, end, s1)
        if um is None:
            gap = _WORD.match(text, end + 1, s1) if text[end : end + 1] == " " else None
            if gap and gap.group().lower() in lex.words("unit_gap"):
                um = lex.post_unit_re.match(text, gap.end(), s1)
                if um and not um.group().startswith(" "):
                    um = None
        if um:
            unit = post_unit(um, lex)
            end = um.end()
    elif currency:
        # "US$ 5 dollars" is rare; but "$4.5bn" has been scaled already
        pass
    if unit is not None and unit not in _NO_RATE and atom.kind != "verbmult":
        unit, end = _rate(unit, end, text, s1, currency, lex)
    return _Cand(
        start=start,
        end=end,
        num_start=atom.start,
        num_end=atom.end,
        value=value,
        low=atom.value if atom.high is not None else None,
        high=atom.high,
        unit=unit,
        kind=atom.kind,
        scaled=atom.scaled,
        integer_text=atom.integer_text,
        currency=currency,
        direction=atom.direction,
        mag=atom.mag,
    )


def _rate(unit: str, end: int, text: str, s1: int, currency: bool, lex: Lexicon) -> tuple[str, int]:
    """The unit extended by a rate ("$58 per barrel" -> ``USD/bbl``) and the new end."""
    rm = _RATE.match(text, end, s1)
    if rm is None:
        return unit, end
    dm = lex.post_unit_re.match(text, rm.end(), s1)
    if _TIME_REL.match(text, dm.end() if dm else rm.end()):
        return unit, end  # "$6.8bn a year earlier"
    if dm and dm.start() == rm.end() and not dm.group().startswith((" ", "-")):
        den = post_unit(dm, lex)
        if den not in ("%", "x", "point") and den != unit:
            return f"{unit}/{den}", dm.end()
    word = _WORD.match(text, rm.end(), s1)
    joiner = rm.group().strip().lower()
    money = currency or unit in ("cent", "GBX", "sen") or re.fullmatch(r"[A-Z]{3}", unit)
    if word and money and joiner in ("per", "/"):
        return f"{unit}/{word.group().lower()}", word.end()
    return unit, end


_RANGE_JOIN = re.compile(r"^\s*(?:-|\u2013|\u2014|to-?|and|or)\s*$", re.I)


def _merge_ranges(cands: list[_Cand], text: str, s0: int, lex: Lexicon) -> list[_Cand]:
    """Adjacent candidates joined into ranges ("10-15", "between 10 and 15", "1 to 1.5%")
    and moves ("from 850 to 1,100", "from $80 a barrel in May to $60")."""
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        if i + 1 < len(cands) and a.low is None and cands[i + 1].low is None:
            b = cands[i + 1]
            if _score(a, b, text):
                i += 2
                continue
            joined = _join(a, b, text, s0) or _far_move(a, b, text, s0)
            if joined is not None:
                out.append(joined)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _score(a: _Cand, b: _Cand, text: str) -> bool:
    """Whether two bare integers joined by a hyphen are a score ("2-0", "3-3")."""
    return (
        a.unit is None
        and b.unit is None
        and a.integer_text
        and b.integer_text
        and text[a.end : b.start] in ("-", "\u2013")
        and a.value >= b.value
        and a.value < lexicon().limits.score_max
    )


_FROM = re.compile(r"\bfrom\s*(?:up to\s*|about\s*|around\s*|roughly\s*)?$", re.I)
_TO_BEFORE = re.compile(r"\bto\s*$", re.I)


def _far_move(a: _Cand, b: _Cand, text: str, s0: int) -> _Cand | None:
    """A move whose ends are apart: "from $40 in May to $35"."""
    gap = text[a.end : b.start]
    if (
        len(gap) > lexicon().limits.move_max_gap
        or any(ch in gap for ch in ",;()")
        or not _TO_BEFORE.search(gap)
    ):
        return None
    if not _FROM.search(text[max(s0, a.start - 30) : a.start]):
        return None
    if a.unit != b.unit and not (a.unit is None or b.unit is None):
        return None
    if a.kind not in ("digits", "words") or b.kind not in ("digits", "words"):
        return None
    return replace(
        a,
        end=b.end,
        value=b.value,
        low=min(a.value, b.value),
        high=max(a.value, b.value),
        unit=a.unit or b.unit,
        move=True,
    )


def _join(a: _Cand, b: _Cand, text: str, s0: int) -> _Cand | None:
    """The range or move made of ``a`` and ``b``, or None when they are two figures."""
    gap = text[a.end : b.start]
    if (
        not _RANGE_JOIN.match(gap)
        or a.kind not in ("digits", "words")
        or b.kind not in ("digits", "words")
    ):
        return None
    conn = gap.strip().lower()
    before = text[max(s0, a.start - 30) : a.start].lower()
    between = bool(re.search(r"\bbetween\s*$", before))
    from_ = bool(_FROM.search(before))
    if conn == "and" and not between:
        return None
    if conn == "or" and not (a.unit is None and b.unit is not None and a.kind == b.kind == "words"):
        return None
    ua, ub = a.unit, b.unit
    if ua is not None and ub is not None and ua != ub:
        if not ub.startswith(ua + "/"):
            return None
        ua = ub
    if ua is None and a.end != a.num_end:
        return None
    unit = ua or ub
    va, vb = a.value, b.value
    if not a.scaled and b.scaled and va < vb:
        mag = b.mag
        if mag > 1 and va * mag <= vb * 10:
            va *= mag
    if conn in ("-", "\u2013", "\u2014") and not from_ and not between:
        if va >= vb:
            return None  # a score ("2-0") or a label, not a range
        if not (a.integer_text or a.scaled) and unit is None:
            return None
    if conn.startswith("to") and not from_ and not between:
        if va > vb or (a.unit is not None and re.search(r"\b(?:by|up|down|at)\s*$", before)):
            return None
        if a.currency and not b.currency and b.unit is None:
            return None
    merged = replace(
        a,
        end=b.end,
        value=vb,
        low=min(va, vb),
        high=max(va, vb),
        unit=unit,
        currency=a.currency or b.currency,
        move=from_ and conn.startswith("to") and not re.search(r"rang\w*\s+from\s*$", before),
    )
    return merged


# --------------------------------------------------------------------------- exclusions


def _token_at(doc: Doc, char: int) -> Token | None:
    """The token covering a character offset, or None."""
    return _index(doc).token_at(char)


def _excluded(c: _Cand, doc: Doc, text: str, s0: int, lex: Lexicon) -> bool:
    """Whether a candidate is a date, time, label, address, list number, score or pronoun."""
    after = text[c.num_end : c.num_end + 12]
    before = text[max(s0, c.start - 12) : c.start]
    if _TIME_AFTER.match(after) or _TIME_BEFORE.search(before):
        return True
    if c.kind == "digits" and c.unit is None:
        if _ORDINAL_AFTER.match(after) or after[:1].isalpha():
            return True  # "3rd", "1990s", "5G", "4K": a rank, decade or name
        if after[:1] == "/" and after[1:2].isdigit() or _SLASH_BEFORE.search(before):
            return True  # "24/7", "9/11": a date or a name
    if c.unit is not None:
        return False
    if c.kind in ("vague", "fraction", "multiplier", "verbmult"):
        return False
    tok = _token_at(doc, c.num_start)
    if tok is None:
        return True
    if c.kind == "words":
        return _pronoun_one(c, tok, text, lex)
    raw = text[c.num_start : c.num_end]
    if re.fullmatch(r"0\d+", raw):
        return True
    if c.low is None and _year_like(c, raw, tok):
        return True
    if _month_near(tok, lex):
        return True
    if _label_before(tok, c.num_start, lex):
        return True
    if _address_after(tok, lex):
        return True
    if _list_number(c, text, s0):
        return True
    return False


def _year_like(c: _Cand, raw: str, tok: Token) -> bool:
    """Whether a bare number is a year ("2017", "in 2022")."""
    if not re.fullmatch(r"\d{4}", raw):
        return False
    limits = lexicon().limits
    if not limits.year_min <= c.value <= limits.year_max:
        return False
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    counted = nxt is not None and nxt.tag_ == "NNS" and tok.head == nxt and tok.ent_type_ != "DATE"
    return not counted


def _month_near(tok: Token, lex: Lexicon) -> bool:
    """Whether a month name is right before or after the number ("Nov 5", "5 November")."""
    months = lex.words("month")
    doc = tok.doc
    for k in (tok.i - 1, tok.i - 2, tok.i + 1, tok.i + 2):
        if 0 <= k < len(doc):
            w = doc[k].lower_.rstrip(".")
            if w in months and (w != "may" or doc[k].is_title):
                if (
                    abs(k - tok.i) == 2
                    and not doc[(k + tok.i) // 2].is_punct
                    and doc[(k + tok.i) // 2].lower_ != "of"
                ):
                    continue
                return True
    return False


def _label_before(tok: Token, char: int, lex: Lexicon) -> bool:
    """Whether the number names or ranks something ("Boeing 737", "iPhone 15", "No. 5",
    "F-35", "Boeing 737 Max")."""
    doc = tok.doc
    text = _index(doc).text
    at = max(tok.idx, char)
    if at >= 2 and text[at - 1] in "-\u2010" and text[at - 2].isalpha():
        return True  # "COVID-19", "F-35", "A-10"
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if (
        nxt is not None
        and nxt.pos_ == "PROPN"
        and nxt.tag_ == "NNP"
        and nxt.text[:1].isupper()
        and nxt.ent_type_ not in ("NORP", "GPE", "DATE")
        and "," not in tok.text
    ):
        return True  # "737 Max", "A380 jets"
    if tok.i == _index(tok.doc).sent_start(tok.i):
        return False
    prev = doc[tok.i - 1]
    if prev.lower_ in lex.words("label"):
        return True
    if prev.is_punct or prev.i == _index(tok.doc).sent_start(tok.i) or prev.like_num:
        return False
    if prev.lower_ in lex.change_before or prev.lower_ in lex.pre_units:
        return False
    return any(ch.isupper() for ch in prev.text) and prev.pos_ in ("PROPN", "NOUN", "X")


def _address_after(tok: Token, lex: Lexicon) -> bool:
    """Whether a street name follows the number ("10 Downing Street", "16-18 Mill Road")."""
    doc = tok.doc
    streets = lex.words("street")
    seen_name = False
    for k in range(tok.i + 1, min(len(doc), tok.i + 6)):
        t = doc[k]
        if t.lower_.rstrip(".") in streets and t.text[:1].isupper():
            return seen_name or t.lower_ == "zip"
        if t.text[:1].isupper():
            seen_name = True
        elif not (
            t.text in ("-", "\u2013") or t.like_num or re.fullmatch(r"\d+(?:st|nd|rd|th)", t.text)
        ):
            return False
    return False


def _list_number(c: _Cand, text: str, s0: int) -> bool:
    """Whether the number numbers a list item ("1. ...", "(2) ...")."""
    line_before = text[max(0, c.start - 3) : c.start]
    after = text[c.num_end : c.num_end + 2]
    at_line_start = bool(_LIST_START.search(line_before)) or c.start == s0 or c.start == 0
    return at_line_start and bool(_LIST_AFTER.match(after)) and c.integer_text


def _pronoun_one(c: _Cand, tok: Token, text: str, lex: Lexicon) -> bool:
    """Whether a word number is not a count: "no one", "one another", "Formula One"."""
    if c.value != 1 or tok.lower_ not in ("one", "a", "an"):
        return tok.pos_ == "PROPN" and tok.is_title and tok.i != _index(tok.doc).sent_start(tok.i)
    if tok.pos_ == "PROPN" or (tok.is_title and tok.i != _index(tok.doc).sent_start(tok.i)):
        return True
    doc = tok.doc
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if prev in lex.words("pronoun1"):
        return True
    if nxt is not None and nxt.lower_ in ("another", "day", "time", "way", "thing", "point"):
        return True
    if tok.dep_ == "nummod":
        return False
    if nxt is not None and nxt.lower_ == "of":
        far = doc[tok.i + 2 : tok.i + 5]
        return not any(t.tag_ in ("JJS", "RBS") for t in far)
    return True


# --------------------------------------------------------------------------- age


def _age_from_context(c: _Cand, doc: Doc, text: str, s0: int, lex: Lexicon) -> _Cand:
    """A bare number read as an age when the context says so ("aged 13", "Smith, 65,")."""
    if c.unit is not None or c.kind != "digits":
        return c
    top = c.high if c.high is not None else c.value
    if not (c.integer_text and 0 < top < lex.limits.age_max):
        return c
    tok = _token_at(doc, c.num_start)
    if tok is None:
        return c
    cues = lex.words("age_cue")
    prevs = [doc[k].lower_ for k in range(max(_index(tok.doc).sent_start(tok.i), tok.i - 3), tok.i)]
    if any(p in cues for p in prevs):
        return replace(c, unit="year of age")
    # appositive age: "Jane Smith, 65, said"
    before = text[max(s0, c.start - 2) : c.start]
    after = text[c.num_end : c.num_end + 1]
    if before.endswith(", ") and after in (",", ")") and tok.i >= 2:
        prev = doc[tok.i - 2]
        if prev.pos_ == "PROPN" or prev.ent_type_ == "PERSON":
            return replace(c, unit="year of age")
    return c


# --------------------------------------------------------------------------- change


def _head_token(c: _Cand, doc: Doc) -> Token | None:
    """The syntactic head of the figure's tokens (the unit noun for "30 per cent")."""
    span = _span(doc, c.num_start, c.end)
    if span is None or not len(span):
        return _token_at(doc, c.num_start)
    return span.root


def _governor(c: _Cand, doc: Doc) -> tuple[Token | None, list[str]]:
    """The verb (or change noun/adverb) governing the figure and the prepositions passed."""
    memo = _index(doc).memo
    key = ("gov", c.start, c.end, c.num_start)
    if key not in memo:
        memo[key] = _find_governor(c, doc)
    return memo[key]  # type: ignore[return-value]


def _find_governor(c: _Cand, doc: Doc) -> tuple[Token | None, list[str]]:
    """See :func:`_governor` (not memoised)."""
    index = _index(doc)
    tok = _head_token(c, doc)
    preps: list[str] = []
    steps = 0
    lex = lexicon()
    if tok is None:
        return None, preps
    i0 = max(0, bisect_right(index.starts, c.start) - 1)
    i1 = bisect_left(index.starts, c.end)
    while steps < 6:
        pos = tok.pos_
        dep = tok.dep_
        if not i0 <= tok.i < i1:
            if pos in ("VERB", "AUX"):
                return tok, preps
            if pos == "ADP" or dep == "prep":
                preps.append(tok.lower_)
            elif pos == "ADV" and tok.lemma_.lower() in lex.change_verbs:
                return tok, preps
            elif pos in ("NOUN", "PROPN") and not preps:
                if tok.lemma_.lower() in lex.change_nouns:
                    return tok, preps
                return None, preps
        if dep not in _CLIMB_DEPS or dep == "ROOT":
            return (tok if pos in ("VERB", "AUX") else None), preps
        tok = tok.head
        steps += 1
    return None, preps


def _change(c: _Cand, doc: Doc, text: str, s0: int, lex: Lexicon, cands: list[_Cand]) -> str:
    """The figure's change: ``=``, ``~``, ``>``, ``<``, ``up`` or ``down``.

    Order: a multiplier verb ("doubled"); "up"/"down"/"+" right before the number; a verb of
    rise or fall governing the figure, as the amount ("rose nearly 5%") or as the level
    reached ("soared to 1,100"), unless a strong approximator or bound stands before it
    ("up about 5%" -> ``~``); an approximator or bound ("more than", "about");
    "40 more beds"; else ``=``.
    """
    if c.direction is not None:
        return c.direction
    window_start = max(s0, c.start - lex.limits.cue_window)
    before = text[window_start : c.start]
    cue = lex.change_before_re.search(before)
    approx: str | None = None
    weak = False
    if cue:
        approx = lex.change_before[_norm(cue.group("cue"))]
        weak = _norm(cue.group("cue")) in lex.weak_cues
    after = lex.change_after_re.match(text, c.end)
    if after and approx is None:
        approx = lex.change_after[_norm(after.group("cue"))]
    if approx in ("up", "down") and not _phrasal_particle(
        cue.start("cue") + window_start if cue else -1, doc, lex
    ):
        return approx
    verb_dir = _verb_direction(c, doc, lex)
    if c.move:
        return verb_dir if verb_dir in ("up", "down") else "="
    if verb_dir in ("up", "down") and (approx is None or weak):
        return verb_dir
    if approx is not None:
        return approx
    if verb_dir is not None:
        return verb_dir
    if c.kind == "digits" and c.unit is None:
        nxt = text[c.num_end : c.num_end + 6].lower()
        if re.match(r"\s(?:more|extra|additional)\s", nxt):
            return "up"
        if re.match(r"\s(?:fewer)\s", nxt):
            return "down"
    return "="


def _phrasal_particle(char: int, doc: Doc, lex: Lexicon) -> bool:
    """Whether the "up"/"down" at ``char`` is a particle of a verb that is no change
    ("gave up 3 goals"), not "was up 5%"."""
    if char < 0:
        return False
    tok = _index(doc).token_at(char)
    return tok is not None and tok.dep_ == "prt" and tok.head.lemma_.lower() not in lex.change_verbs


def _verb_direction(c: _Cand, doc: Doc, lex: Lexicon) -> str | None:
    """``up``/``down`` when a verb or noun of rise or fall governs the figure, else None."""
    gov, preps = _governor(c, doc)
    if gov is None or (gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() not in lex.change_verbs):
        return _direction_before(c, doc, lex)
    lemma = gov.lemma_.lower()
    if gov.pos_ in ("NOUN", "PROPN"):
        # "a threefold increase"; a measure before a change noun ("a 5% rise") stays "="
        return lex.change_nouns.get(lemma) if c.unit == "x" else None
    direction = lex.change_verbs.get(lemma)
    if direction is None:
        for child in gov.children:
            if child.dep_ == "advmod" and child.lower_ in (
                "upward",
                "upwards",
                "downward",
                "downwards",
            ):
                direction = "up" if child.lower_.startswith("up") else "down"
        if direction is None:
            return None
    if preps and preps[0] in (
        "from",
        "at",
        "since",
        "in",
        "for",
        "of",
        "after",
        "than",
        "with",
        "on",
    ):
        return None
    if preps and preps[0] == "to":
        return direction  # the level a rise or fall reached moved the same way
    return direction


def _direction_before(c: _Cand, doc: Doc, lex: Lexicon) -> str | None:
    """Fallback when the parse is unhelpful: "<verb of change> [up|down] to|by <figure>"."""
    index = _index(doc)
    first = index.token_at(c.start)
    if first is None or first.i < 2:
        return None
    prep = doc[first.i - 1]
    if prep.lower_ not in ("to", "by"):
        return None
    k = first.i - 2
    particle = doc[k].lower_ if doc[k].lower_ in ("up", "down", "upward", "downward") else None
    if particle is not None and k > 0:
        k -= 1
    verb = lex.change_verbs.get(doc[k].lemma_.lower()) or lex.change_verbs.get(doc[k].lower_)
    if verb in ("up", "down"):
        return verb
    if particle is not None and doc[k].pos_ == "VERB":
        return "up" if particle.startswith("up") else "down"
    return None


def _norm(s: str) -> str:
    """A cue as written in the lexicon: lower case, single blanks."""
    return re.sub(r"\s+", " ", s.strip().lower())


# --------------------------------------------------------------------------- concept

_SKIP_DEPS = frozenset(("det", "nummod", "quantmod", "predet", "punct", "case", "poss", "prep"))


def _chunk_text(head: Token, exclude: set[int]) -> str | None:
    """The noun phrase of ``head`` (its left modifiers and itself), figure tokens left out."""
    # a figure before its noun keeps only what stands between them ("a record 32 goals")
    floor = max(exclude) if exclude and max(exclude) < head.i else -1
    left = [
        t
        for t in head.lefts
        if t.dep_ in ("compound", "amod", "nmod", "npadvmod") and t.i not in exclude
    ]
    toks: list[Token] = []
    for t in left:
        toks.extend(x for x in t.subtree if x.i not in exclude and x.dep_ not in _SKIP_DEPS)
    toks.append(head)
    skip = lexicon().words("concept_skip")
    toks = sorted({t for t in toks if t.i > floor and t.lower_ not in skip}, key=lambda t: t.i)
    if not toks:
        return None
    if toks[-1].i - toks[0].i + 1 == len(toks):
        return _index(head.doc).text[toks[0].idx : toks[-1].idx + len(toks[-1].text)]
    return " ".join(t.text for t in toks)


def _of_phrase(tok: Token, exclude: set[int]) -> str | None:
    """The "of" complement of a token ("60 per cent of voters" -> "voters")."""
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN", "PRON"):
                    return _chunk_text(pobj, exclude)
    return None


def _counted_after(span: Span, own: set[int]) -> str | None:
    """The noun a ratio inside the figure counts: "one in five regular riders" -> "regular
    riders" (a noun outside the figure that is the object of a preposition inside it)."""
    for tok in span:
        if tok.dep_ == "prep" and tok.lower_ == "in":
            for pobj in tok.children:
                if pobj.dep_ == "pobj" and pobj.i not in own and pobj.pos_ in ("NOUN", "PROPN"):
                    return _chunk_text(pobj, own)
    return None


def _prep_owner(root: Token, own: set[int]) -> Token | None:
    """The noun a figure is the prepositional complement of, when that noun is what the
    figure measures: "a fare hike of 10 per cent" (``of``), and a gapped conjunct "..., and a
    monthly pass from $85 to $92" (a noun coordinated with the clause, its verb left out)."""
    prep = root.head
    if root.dep_ != "pobj" or prep.dep_ != "prep" or prep.i in own:
        return None
    noun = prep.head
    if noun.i in own or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    if prep.lower_ == "of" and noun.lemma_.lower() not in lexicon().words("of_container"):
        return noun
    if noun.dep_ == "conj" and noun.head.pos_ in ("VERB", "AUX"):
        return noun
    return None


def _concept(c: _Cand, doc: Doc) -> str | None:
    """The noun phrase the figure counts or measures, or the thing that changed."""
    span = _span(doc, c.start, c.end)
    if span is None or not len(span):
        return None
    own = set(range(span.start, span.end))
    root = span.root
    # "one of the best players", "hundreds of fans", "60 per cent of voters"
    of_owners = (root, span[-1]) if len(span) > 1 else (root,)
    if c.kind == "vague" and c.unit is not None:
        of_owners = ()  # "hundreds of miles": the "of" phrase is the unit
    for tok in of_owners:
        of = _of_phrase(tok, own)
        if of:
            return of
    counted = _counted_after(span, own)  # "one in five regular riders" -> "regular riders"
    if counted:
        return counted
    head = root.head
    owner = _prep_owner(root, own)  # "a fare hike of 10 per cent", "and a pass from $85"
    if owner is not None:
        return _chunk_text(owner, own)
    if (
        head.i not in own
        and head.pos_ in ("NOUN", "PROPN")
        and root.dep_ in ("nummod", "compound", "amod", "quantmod", "nmod", "npadvmod", "appos")
    ):
        if c.unit == "x" and head.lemma_.lower() in lexicon().change_nouns:
            for prep in head.rights:  # "a threefold increase in thefts" -> "thefts"
                if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
                    pobj = next((t for t in prep.children if t.dep_ == "pobj"), None)
                    if pobj is not None:
                        return _chunk_text(pobj, own)
        if root.dep_ != "npadvmod" or c.unit is None:
            return _chunk_text(head, own)
    if c.unit is None and root.pos_ in ("NOUN", "PROPN") and root.i not in own:
        return _chunk_text(root, own)
    gov, _ = _governor(c, doc)
    if gov is not None:
        if gov.pos_ in ("NOUN", "PROPN"):
            return _of_phrase(gov, own) or _chunk_text(gov, own)
        subj = next((t for t in gov.children if t.dep_ in _SUBJECT_DEPS), None)
        if subj is None and gov.dep_ in ("xcomp", "ccomp", "conj", "advcl"):
            subj = next((t for t in gov.head.children if t.dep_ in _SUBJECT_DEPS), None)
        if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
            base = _chunk_text(subj, own)
            of = _of_phrase(subj, own)
            return f"{base} of {of}" if base and of else base
    if head.i not in own and head.pos_ in ("NOUN",) and root.dep_ == "pobj":
        return None
    return None
