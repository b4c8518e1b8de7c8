"""Framing and sourcing: loaded wording, doubt, hedges, vague sources, in whose voice.

:func:`extract_sentences` returns one :class:`~newsprism.model.Sentence` per ``doc.sents``
with its :class:`~newsprism.model.Signal` s (offsets into ``doc.text``).  Signal kinds:

``loaded``            emotive or evaluative word (soared, slammed, damning, abhorrent)
``intensifier``       amplifying adverb (utterly, woefully, completely)
``doubt_cue``         distancing word (claimed, alleged, so-called, purported)
``scare_quote``       short quoted phrase that no reporting verb introduces
``possessive_frame``  a place or institution framed as a person's ("Putin's Russia")
``vague_source``      uncheckable attribution ("critics say", "research showing")
``unattributed_claim`` a figure with no source in its sentence or paragraph
``hedge``             softener or insinuation (appeared to, suggested, seemingly)
``discourse_push``    steering sentence opener ("Indeed,", "Despite", "In fact,")

Voice: words inside a quote (any kind but ``scare``) are the speaker's, not the outlet's.
They are still reported as signals, but ``Sentence.loaded`` scores only the outlet's own
voice; :func:`voice_of` tells whose a signal is.  ``loaded`` is the small logistic model of
:mod:`newsprism.extract.framing_score` over the outlet-voice signals and the static
word-piece vectors (:mod:`newsprism.extract.wordpieces`) of the outlet-voice tokens; it is a
sum of shares of words with spans (see :func:`explain`).  Lexicons are in ``data/framing/``.

:func:`profile` returns a JSON-ready dict with keys:

``sentences``           number of sentences
``loaded_threshold``    the ``[framing] loaded_threshold`` setting used
``loaded_sentences``    sentences whose outlet-voice ``loaded`` >= threshold
``loaded_share``        ``loaded_sentences / sentences`` (0 when there are none)
``mean_loaded``         mean ``loaded`` over sentences
``signals``             ``{kind: count}`` of signals in the outlet's voice
``quoted_signals``      ``{kind: count}`` of signals inside quotes (the speakers' words)
``cue_stances``         ``{stance: count}`` of the quotes' reporting cues (neutral, doubtful...)
``sources``             ``{type: count}`` over quotes and vague-source signals; types are
                        ``person``, ``organisation``, ``anonymous``, ``vague``, ``document``
``speakers``            list of ``{name, type, quotes, words}``, most words first
``words``               ``{"outlet": n, "quoted": n}`` word counts of the text
``top_signals``         up to ``[framing] top_signals`` outlet-voice signals from the most
                        loaded sentences: ``{text, kind, start, end, sentence: {start, end,
                        text, loaded}}``
``quoted_loading``      ``{speaker: {"signals": n, "words": [text, ...]}}`` for loaded,
                        intensifier and doubt signals inside quotes
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import (
    ENT_IOB,
    ENT_TYPE,
    IDX,
    IS_PUNCT,
    IS_SPACE,
    IS_STOP,
    LEMMA,
    LENGTH,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    SPACY,
    TAG,
)
from spacy.tokens import Doc

from .. import settings
from ..model import Quote, Sentence, Signal
from ..nlp import doc_text
from . import framing_lexicon as lex
from . import framing_score as model
from . import wordpieces

#: Speaker name reported for words inside a quote that has no speaker.
UNKNOWN_SPEAKER = "(unattributed quote)"
_ATTRS = [
    LOWER, LEMMA, POS, TAG, ENT_TYPE, ENT_IOB, IDX, LENGTH, IS_PUNCT, IS_SPACE, SENT_START,
    ORTH, SPACY, IS_STOP,
]
_QUOTED = re.compile(
    r"“([^“”\n]{1,60})”|(?<!\w)‘([^‘’\n]{1,60})’(?!\w)|(?<![\w\"])\"([^\"\n]{1,60})\""
    r"|(?<![\w'])'([^'\n]{1,60})'(?!\w)"
)


@dataclass(frozen=True, slots=True)
class Hit:
    """A signal with its model feature name and whose voice it is (None = the outlet)."""

    signal: Signal
    feature: str
    voice: str | None


@dataclass(frozen=True, slots=True)
class Tokens:
    """The tokens of one doc behind the contextual term: character spans, texts (each is
    split into word pieces for the term), which tokens are counted (the outlet's voice: not
    whitespace, not in a named entity, not inside or beside a speech quote) and which may be
    named in an explanation (not punctuation, not a stop word: they are counted, but "the"
    or "." tells a reader nothing)."""

    text: str
    starts: np.ndarray
    ends: np.ndarray
    words: list[str]
    outlet: np.ndarray
    nameable: np.ndarray


@dataclass(frozen=True, slots=True)
class SentenceHits:
    """One sentence's character span, its hits, the counts behind the model's dampers, and
    its token range ``first:last`` in ``doc_tokens``."""

    start: int
    end: int
    hits: list[Hit]
    attributed: bool = False
    figures: int = 0
    entity_tokens: int = 0
    tokens: int = 0
    doc_tokens: Tokens | None = None
    first: int = 0
    last: int = 0

    def vector(self) -> np.ndarray:
        """The :mod:`framing_score` signal input for this sentence (outlet voice only)."""
        return model.vector(
            (h.feature for h in self.hits if h.voice is None),
            self.attributed, self.figures, self.entity_tokens, self.tokens,
        )

    def counted(self) -> np.ndarray:
        """Doc indices of the sentence's counted tokens (the outlet's voice)."""
        t = self.doc_tokens
        if t is None:
            return np.zeros(0, dtype=np.intp)
        idx = self.first + np.flatnonzero(t.outlet[self.first:self.last])
        if int(t.nameable[idx].sum()) < _context_min_words():
            return idx[:0]  # too few words of the outlet's own to judge by context
        return idx

    def pooled(self) -> tuple[np.ndarray, int]:
        """Sum of the counted tokens' word-piece vectors (empty when none) and their number
        of pieces: the contextual input is the sum divided by the count."""
        idx = self.counted()
        if not len(idx):
            return np.zeros(0, dtype=np.float32), 0
        vectors, counts = wordpieces.load().vectors([self.doc_tokens.words[i] for i in idx])
        return vectors.sum(axis=0), int(counts.sum())

    def token_terms(self, context: model.Context | None) -> tuple[np.ndarray, np.ndarray]:
        """Doc indices of the counted tokens and each one's share of the logit,
        ``(u . v_t - offset * k_t) / N`` (see :class:`framing_score.Context`)."""
        idx = self.counted()
        if context is None or not len(idx):
            return idx[:0], np.zeros(0)
        values, counts = context.project([self.doc_tokens.words[i] for i in idx])
        total = counts.sum()
        if not total:
            return idx[:0], np.zeros(0)
        return idx, (values - context.offset * counts) / total


# --------------------------------------------------------------------------- voice


def _speech(quotes: Sequence[Quote]) -> list[Quote]:
    """Quotes that are someone else's words (every kind but ``scare``), sorted by start."""
    return sorted((q for q in quotes if q.kind != "scare"), key=lambda q: (q.start, -q.end))


def _voice(start: int, end: int, speech: list[Quote], starts: list[int]) -> str | None:
    """The speaker whose quote (from ``speech``, sorted) contains ``start:end``, else None."""
    for q in reversed(speech[: bisect_right(starts, start)]):
        if q.start <= start and end <= q.end:
            return q.speaker.name if q.speaker else UNKNOWN_SPEAKER
    return None


def voice_of(signal: Signal, quotes: Sequence[Quote]) -> str | None:
    """Whose words ``signal`` is: the quoted speaker's name, or None for the outlet's voice.

    A signal inside a quote without a speaker returns :data:`UNKNOWN_SPEAKER`; scare quotes
    are the outlet's own voice.
    """
    speech = _speech(quotes)
    return _voice(signal.start, signal.end, speech, [q.start for q in speech])


# --------------------------------------------------------------------------- detection


@dataclass(frozen=True, slots=True)
class _Cols:
    """Token attributes of a doc as plain lists (one ``Doc.to_array`` call)."""

    lower: list[int]
    lemma: list[int]
    pos: list[int]
    tag: list[int]
    ent: list[int]
    iob: list[int]
    idx: list[int]
    length: list[int]
    punct: list[int]
    space: list[int]
    sent_start: list[int]
    orth: list[int]
    trailing_space: list[int]
    stop: list[int]

    def char_end(self, i: int) -> int:
        """End character of token ``i``."""
        return self.idx[i] + self.length[i]


def _columns(arr: np.ndarray) -> _Cols:
    """The token columns of ``arr`` (``doc.to_array(_ATTRS)``)."""
    return _Cols(*(col for col in arr.T.tolist()))


def _sentences(cols: _Cols) -> list[tuple[int, int]]:
    """Token spans of the sentences (as ``doc.sents``), from the SENT_START column."""
    n = len(cols.idx)
    starts = [i for i, v in enumerate(cols.sent_start) if v == 1]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return [(s, e) for s, e in zip(starts, starts[1:] + [n], strict=True)]


def _token_hits(cols: _Cols, m: lex.Matchers) -> list[tuple[int, int, lex.Entry]]:
    """Single-word lexicon hits as ``(token_start, token_end, entry)``."""
    table = m.token_table
    out = []
    for i, (low, lem) in enumerate(zip(cols.lower, cols.lemma, strict=True)):
        entry = table.get(low) or table.get(lem)
        if entry is None:
            continue
        if entry.kind == "loaded" and cols.pos[i] == m.ids["PROPN"]:
            continue  # a name ("Fury", "Hero"), not a word choice
        out.append((i, i + 1, entry))
    return out


def _phrase_hits(
    doc: Doc, m: lex.Matchers, first_tokens: set[int]
) -> list[tuple[int, int, lex.Entry]]:
    """Multi-word lexicon hits; discourse openers only at a sentence's first word."""
    out = []
    for key, s, e in m.phrases(doc):
        entry = m.phrase_entries[key]
        if entry.kind == "discourse_push" and s not in first_tokens:
            continue
        out.append((s, e, entry))
    return out


def _first_words(cols: _Cols, sents: list[tuple[int, int]]) -> set[int]:
    """Index of each sentence's first non-punctuation token."""
    firsts = set()
    for s, e in sents:
        i = s
        while i < e and (cols.punct[i] or cols.space[i]):
            i += 1
        if i < e:
            firsts.add(i)
    return firsts


def _scare_quotes(
    text: str, cols: _Cols, quotes: Sequence[Quote], m: lex.Matchers
) -> list[tuple[int, int]]:
    """Character spans of scare quotes: given ``scare`` quotes, else simple detection.

    Detection: a quoted phrase of at most ``[framing] scare_max_words`` words, not ending in
    punctuation, not overlapping a given quote, and not introduced by ``:``, ``,`` or a
    reporting or naming word just before it.
    """
    given = [(q.start, q.end) for q in quotes if q.kind == "scare"]
    if given:
        return given
    if not any(ch in text for ch in "\"'‘“"):
        return []
    max_words = int(settings.get("framing", "scare_max_words"))
    speech = [(q.start, q.end) for q in quotes if q.kind != "scare"]
    out = []
    for match in _QUOTED.finditer(text):
        inner = next(g for g in match.groups() if g is not None)
        n_words = len(inner.split())
        if not n_words or n_words > max_words or inner != inner.strip():
            continue
        if inner[-1] in ",.!?;:":
            continue
        start, end = match.span()
        if any(s < end and start < e for s, e in speech):
            continue
        if text[max(0, start - 3):start].rstrip().endswith((":", ",")):
            continue
        prev = bisect_right(cols.idx, start) - 2  # the token before the opening mark
        if prev >= 0 and (cols.lemma[prev] in m.attribution or cols.lemma[prev] in m.naming):
            continue
        out.append((start, end))
    return out


def _possessive_frames(doc: Doc, cols: _Cols, m: lex.Matchers) -> list[tuple[int, int]]:
    """Token spans of possessive frames: a person's name, ``'s``, and a proper-noun place or
    institution ("Putin's Russia", "Mayor Doe's Town", "Helen Osei's Riverton").

    With a dependency parse the frame is read from it, so that the entity recogniser's labels
    are only supporting evidence (the small pipeline often calls a person FAC or leaves a
    town unlabelled): see :func:`_parsed_frame`.  Without one, the tokens around ``'s`` are
    read by their entity labels alone (:func:`_labelled_frame`).
    """
    parsed = doc.has_annotation("DEP")
    out = []
    for i in (k for k, t in enumerate(cols.tag) if t == m.ids["POS"]):
        span = _parsed_frame(doc, cols, m, i) if parsed else _labelled_frame(cols, m, i)
        if span is not None:
            out.append(span)
    return out


def _possessor_start(cols: _Cols, m: lex.Matchers, end: int) -> int:
    """First token of the proper-noun name (titles included, at most 5 tokens) ending just
    before token ``end``; ``end`` when there is none."""
    s = end
    while s > 0 and end - s < 5 and (cols.pos[s - 1] == m.ids["PROPN"]
                                     or cols.lower[s - 1] in m.titles):
        s -= 1
    return s


def _labelled_frame(cols: _Cols, m: lex.Matchers, i: int) -> tuple[int, int] | None:
    """``PERSON 's GPE/ORG`` around the ``'s`` at token ``i``, by entity labels only."""
    ids, pos, ent = m.ids, cols.pos, cols.ent
    s = _possessor_start(cols, m, i)
    if s == i or not any(ent[j] == ids["PERSON"] or cols.lower[j] in m.titles
                         for j in range(s, i)):
        return None
    e, n = i + 1, len(pos)
    while e < n and e - i < 5 and pos[e] == ids["PROPN"] and ent[e] in m.places:
        e += 1
    if e == i + 1 or (e < n and pos[e] in (ids["PROPN"], ids["NOUN"])):
        return None
    return s, e


def _parsed_frame(doc: Doc, cols: _Cols, m: lex.Matchers, i: int) -> tuple[int, int] | None:
    """The frame around the ``'s`` at token ``i``, read from the parse.

    ``'s`` must be the ``case`` marker of a proper-noun possessor (``poss``) just before it,
    whose head is a capitalised proper noun at most ``[framing] possessive_head_words``
    tokens after it with only proper nouns between: "Helen Osei's report" (a common-noun
    head) and "Helen Osei's Riverton office" (the place only modifies "office") are ordinary
    possessives.  The possessor must read as a person and the head as a place or institution
    (:func:`_frame_names`).
    """
    ids, pos = m.ids, cols.pos
    case, owner = doc[i], doc[i].head
    if case.dep_ != "case" or owner.i != i - 1 or owner.dep_ != "poss":
        return None
    head = owner.head.i
    reach = int(settings.get("framing", "possessive_head_words"))
    if pos[owner.i] != ids["PROPN"] or not i < head <= i + reach:
        return None
    if any(pos[j] != ids["PROPN"] for j in range(i + 1, head + 1)):
        return None
    if not doc[head].text[:1].isupper():
        return None  # the small tagger calls some common nouns PROPN ("zealotry")
    if head + 1 < len(pos) and pos[head + 1] in (ids["PROPN"], ids["NOUN"]):
        return None  # a parse that stopped short of the real head noun
    s = _possessor_start(cols, m, i)
    return (s, head + 1) if _frame_names(doc, cols, m, s, i, head) else None


def _frame_names(
    doc: Doc, cols: _Cols, m: lex.Matchers, s: int, i: int, head: int
) -> bool:
    """Whether possessor ``s:i`` reads as a person and ``i+1 .. head`` as a place or
    institution.

    The person: a title ("Mayor") or a PERSON token; or else a name of two or more
    capitalised words, none of them an organisation word (``data/framing/sources.toml``),
    that the entity recogniser left unlabelled or called FAC (it calls many unfamiliar people
    FAC).  The place: every head token unlabelled (the small pipeline misses many towns) or
    labelled a place, organisation or group (never a person, date or work).  When one entity
    runs on from the possessor over ``'s`` it is mostly a name that holds a ``'s`` ("St
    Mary's Church", "Women's Day", "Victoria's Secret"); it is taken for the pipeline's
    mislabel of a frame ("Helen Osei's Riverton" as one PERSON or FAC) only when the
    possessor is a full name (:func:`_named_person`), the entity ends exactly at the head and
    the head has no organisation word.
    """
    ids, ent = m.ids, cols.ent
    heads = range(i + 1, head + 1)
    if _runs_on(cols, i):
        ends = head + 1 == len(ent) or cols.iob[head + 1] != 1
        return (ent[i] in (ids["FAC"], ids["PERSON"]) and ends
                and all(cols.iob[j] == 1 for j in heads)
                and _named_person(doc, cols, m, s, i)
                and not any(cols.lower[j] in m.organisations for j in heads))
    if not all(ent[j] == 0 or ent[j] in m.places for j in heads):
        return False
    if any(ent[j] == ids["PERSON"] or cols.lower[j] in m.titles for j in range(s, i)):
        return True
    return _named_person(doc, cols, m, s, i)


def _named_person(doc: Doc, cols: _Cols, m: lex.Matchers, s: int, i: int) -> bool:
    """Whether ``s:i`` looks like a person's full name whatever the entity recogniser says:
    two or more capitalised alphabetic words, no organisation word, no label but PERSON or
    FAC."""
    names = [j for j in range(s, i) if doc[j].text.isalpha() and doc[j].text.istitle()]
    if len(names) < 2 or any(cols.lower[j] in m.organisations for j in range(s, i)):
        return False
    return {cols.ent[j] for j in range(s, i)} <= {0, m.ids["FAC"], m.ids["PERSON"]}


def _runs_on(cols: _Cols, i: int) -> bool:
    """Whether one entity runs on from the possessor over the ``'s`` at token ``i`` into the
    next token (ENT_IOB 1 = inside)."""
    return (i + 1 < len(cols.iob) and cols.ent[i] != 0
            and cols.iob[i] == 1 and cols.iob[i + 1] == 1)


@dataclass(frozen=True, slots=True)
class _Facts:
    """Per sentence: attributed?, figure-token indices, entity-token count, token count."""

    attributed: list[bool]
    figures: list[list[int]]
    entity_tokens: list[int]
    tokens: list[int]


def _facts(
    text: str,
    cols: _Cols,
    sents: list[tuple[int, int]],
    m: lex.Matchers,
    speech_spans: list[tuple[int, int]],
) -> _Facts:
    """Attribution, figures and names per sentence.

    A sentence is attributed when it has an attribution word (``data/framing/attribution.txt``)
    or overlaps a quote.  A figure is the first token of a number, percent, money or quantity
    entity that contains a digit.
    """
    attr, numeric, ent, iob = m.attribution, m.numeric_ents, cols.ent, cols.iob
    cited = [lo in attr or le in attr for lo, le in zip(cols.lower, cols.lemma, strict=True)]
    facts = _Facts([], [], [], [])
    for s, e in sents:
        c0, c1 = cols.idx[s], cols.char_end(e - 1)
        quoted = any(a < c1 and c0 < b for a, b in speech_spans)
        facts.attributed.append(quoted or any(cited[s:e]))
        figs = [
            i for i in range(s, e)
            if ent[i] in numeric and (iob[i] == 3 or i == s) and _has_digit(text, cols, i, e)
        ]
        facts.figures.append(figs)
        facts.entity_tokens.append(sum(1 for i in range(s, e) if ent[i]))
        facts.tokens.append(e - s)
    return facts


def _has_digit(text: str, cols: _Cols, i: int, limit: int) -> bool:
    """Whether the entity starting at token ``i`` contains a digit."""
    return any(ch.isdigit() for ch in text[cols.idx[i]:cols.char_end(_ent_end(cols, i, limit) - 1)])


def _ent_end(cols: _Cols, i: int, limit: int) -> int:
    """End token of the entity starting at token ``i`` (within ``limit``)."""
    b = i + 1
    while b < limit and cols.iob[b] == 1:
        b += 1
    return b


def _unattributed(
    text: str, cols: _Cols, sents: list[tuple[int, int]], facts: _Facts
) -> list[tuple[int, int]]:
    """Token spans of the first figure of each sentence with no attribution nearby: neither
    the sentence nor another sentence of its paragraph (text between line breaks) is
    attributed (see :func:`_facts`)."""
    para_of = [text.count("\n", 0, cols.idx[s]) for s, _ in sents]
    para_attr: dict[int, bool] = {}
    for p, a in zip(para_of, facts.attributed, strict=True):
        para_attr[p] = para_attr.get(p, False) or a
    out = []
    for k, (_, e) in enumerate(sents):
        if facts.figures[k] and not para_attr[para_of[k]]:
            i = facts.figures[k][0]
            out.append((i, _ent_end(cols, i, e)))
    return out


# --------------------------------------------------------------------------- assembly


def sentence_hits(doc: Doc, quotes: Sequence[Quote] = ()) -> list[SentenceHits]:
    """Per sentence of ``doc``: its span, hits (sorted by offset) and damper counts."""
    if not len(doc):
        return []
    m = lex.matchers(doc.vocab)
    arr = doc.to_array(_ATTRS)
    cols = _columns(arr)
    sents = _sentences(cols)
    text = doc_text(doc)
    speech = _speech(quotes)
    speech_starts = [q.start for q in speech]
    speech_spans = [(q.start, q.end) for q in speech]
    raw: list[tuple[int, int, str]] = []  # char start, char end, feature
    spans = _token_hits(cols, m) + _phrase_hits(doc, m, _first_words(cols, sents))
    kept: dict[str, list[tuple[int, int]]] = {}
    for s, e, entry in sorted(spans, key=lambda x: (x[0], -x[1])):
        seen = kept.setdefault(entry.kind, [])
        if seen and seen[-1][1] > s:
            continue  # one signal per stretch of text and kind: the earliest, longest
        seen.append((s, e))
        feature = "loaded." + entry.category if entry.kind == "loaded" else entry.kind
        raw.append((cols.idx[s], cols.char_end(e - 1), feature))
    for s, e in _possessive_frames(doc, cols, m):
        raw.append((cols.idx[s], cols.char_end(e - 1), "possessive_frame"))
    facts = _facts(text, cols, sents, m, speech_spans)
    for s, e in _unattributed(text, cols, sents, facts):
        raw.append((cols.idx[s], cols.char_end(e - 1), "unattributed_claim"))
    for a, b in _scare_quotes(text, cols, quotes, m):
        raw.append((a, b, "scare_quote"))
    raw.sort()
    tokens = _tokens(doc, arr, text, speech_spans)
    bounds = [_char_bounds(cols, s, e) for s, e in sents]
    starts = [b[0] for b in bounds]
    per: list[list[Hit]] = [[] for _ in sents]
    for a, b, feature in raw:
        kind = "loaded" if feature.startswith("loaded.") else feature
        voice = None if kind == "scare_quote" or not speech else _voice(
            a, b, speech, speech_starts)
        hit = Hit(Signal(a, b, text[a:b], kind), feature, voice)
        per[max(0, bisect_right(starts, a) - 1)].append(hit)
    return [
        SentenceHits(bounds[k][0], bounds[k][1], per[k], facts.attributed[k],
                     len(facts.figures[k]), facts.entity_tokens[k], facts.tokens[k],
                     tokens, sents[k][0], sents[k][1])
        for k in range(len(sents))
    ]


_COL = {attr: k for k, attr in enumerate(_ATTRS)}


def _tokens(
    doc: Doc, arr: np.ndarray, text: str, speech_spans: list[tuple[int, int]]
) -> Tokens:
    """Token spans, texts and masks of ``doc`` (``arr`` = its ``_ATTRS`` columns; see
    :class:`Tokens`)."""
    starts = arr[:, _COL[IDX]]
    ends = starts + arr[:, _COL[LENGTH]]
    words = [text[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
    outlet = (arr[:, _COL[IS_SPACE]] == 0) & (arr[:, _COL[ENT_TYPE]] == 0)
    reach = int(settings.get("framing", "context_quote_reach"))
    for a, b in speech_spans:
        inside = np.flatnonzero((starts >= a) & (ends <= b))
        if len(inside):  # the quote, and the attribution right beside it
            outlet[max(0, inside[0] - reach): inside[-1] + 1 + reach] = False
    nameable = (arr[:, _COL[IS_PUNCT]] == 0) & (arr[:, _COL[IS_STOP]] == 0)
    return Tokens(text, starts, ends, words, outlet, nameable)


def _char_bounds(cols: _Cols, s: int, e: int) -> tuple[int, int]:
    """Character span of tokens ``s:e`` without trailing whitespace tokens."""
    while e - 1 > s and cols.space[e - 1]:
        e -= 1
    return cols.idx[s], cols.char_end(e - 1)


def context_term(found: SentenceHits, weights: model.Weights | None = None) -> float:
    """The contextual term of the sentence's logit: the sum of its tokens' shares."""
    w = weights or model.default_weights()
    return float(found.token_terms(w.context)[1].sum())


def explain(
    found: SentenceHits, weights: model.Weights | None = None, top_tokens: int | None = None
) -> list[tuple[Signal, float]]:
    """What raised a sentence's ``loaded``: each outlet-voice signal with its share of the
    logit (the terms of ``w . x``), then the ``top_tokens`` (default ``[framing]
    explain_tokens``) outlet-voice words with the largest positive shares of the contextual
    term, as signals of kind ``context``.

    Dampers (plain attributed reporting) and tokens with negative shares only lower the score
    and are not listed; punctuation and stop words are counted but not named (see
    :class:`Tokens`); :func:`context_term` is the sum over all tokens.
    """
    w = weights or model.default_weights()
    own = [h for h in found.hits if h.voice is None]
    shares = model.contributions([h.feature for h in own], w)
    return [*zip((h.signal for h in own), shares, strict=True),
            *context_words(found, w, top_tokens)]


def context_words(
    found: SentenceHits, weights: model.Weights, top_tokens: int | None = None
) -> list[tuple[Signal, float]]:
    """The ``top_tokens`` (default ``[framing] explain_tokens``) outlet-voice words with the
    largest positive shares of the contextual term, as signals of kind ``context``."""
    if top_tokens is None:
        top_tokens = int(settings.get("framing", "explain_tokens"))
    out: list[tuple[Signal, float]] = []
    idx, terms = found.token_terms(weights.context)
    tok = found.doc_tokens
    named = 0
    for k in np.argsort(-terms, kind="stable"):
        if terms[k] <= 0 or named >= top_tokens:
            break
        if not tok.nameable[idx[k]]:
            continue
        named += 1
        a, b = int(tok.starts[idx[k]]), int(tok.ends[idx[k]])
        out.append((Signal(a, b, tok.text[a:b], "context"), float(terms[k])))
    return out


def loaded_score(found: SentenceHits, weights: model.Weights | None = None) -> float:
    """``loaded`` in [0, 1] of one sentence, from its outlet-voice hits, dampers and tokens."""
    w = weights or model.default_weights()
    return _score(found, w, context_term(found, w))


def _score(found: SentenceHits, weights: model.Weights, context: float) -> float:
    """The model's score; 0 for a sentence with no outlet-voice signal and fewer than
    ``[framing] context_min_words`` words of the outlet's own (blank, all inside quotes, or a
    bare attribution such as '"...," she said.'): too little of the outlet's voice to judge."""
    if context == 0.0 and not any(h.voice is None for h in found.hits) and not len(
        found.counted()
    ):
        return 0.0  # no signal and too few words of the outlet's own to judge
    return model.fast_score(
        (h.feature for h in found.hits if h.voice is None),
        (found.attributed, found.figures, found.entity_tokens, found.tokens), weights, context,
    )


def _context_min_words() -> int:
    """``[framing] context_min_words``: words of the outlet's own (not punctuation, not stop
    words) a sentence needs before its contextual term counts ("..., she said." has one)."""
    return int(settings.get("framing", "context_min_words"))


def _context_terms(found: list[SentenceHits], context: model.Context | None) -> list[float]:
    """The contextual term of every sentence of one doc (one projection per token)."""
    if not found or context is None or found[0].doc_tokens is None:
        return [0.0] * len(found)
    tok = found[0].doc_tokens
    # per sentence: sum of u . v_t over its counted tokens / their pieces - offset,
    # via prefix sums over the doc
    values, counts = context.project(tok.words)
    values, counts = values * tok.outlet, counts * tok.outlet
    least = _context_min_words()
    if len(found) == 1:
        n = float(counts.sum())
        judged = n and np.count_nonzero(tok.outlet & tok.nameable) >= least
        return [float(values.sum()) / n - context.offset if judged else 0.0]
    sums = np.concatenate(([0.0], np.cumsum(values))).tolist()
    pieces = np.concatenate(([0.0], np.cumsum(counts))).tolist()
    words = np.concatenate(([0], np.cumsum(tok.outlet & tok.nameable))).tolist()
    out = []
    for f in found:
        n = pieces[f.last] - pieces[f.first]
        judged = n and words[f.last] - words[f.first] >= least
        out.append((sums[f.last] - sums[f.first]) / n - context.offset if judged else 0.0)
    return out


def extract_sentences(doc: Doc, quotes: Sequence[Quote] = ()) -> list[Sentence]:
    """One :class:`Sentence` per ``doc.sents`` with its signals and outlet-voice ``loaded``."""
    weights = model.default_weights()
    found = sentence_hits(doc, quotes)
    contexts = _context_terms(found, weights.context)
    return [
        Sentence(f.start, f.end, round(_score(f, weights, c), 4),
                 tuple(h.signal for h in f.hits), _reasons(f, weights, c))
        for f, c in zip(found, contexts, strict=True)
    ]


def _reasons(found: SentenceHits, weights: model.Weights, context: float) -> tuple[Signal, ...]:
    """The words :func:`explain` names for the contextual term (none when it is not > 0)."""
    if context <= 0 or weights.context is None:
        return ()
    return tuple(sig for sig, _ in context_words(found, weights))


# --------------------------------------------------------------------------- profile


def source_type(name: str) -> str:
    """Classify a speaker name: person, organisation, anonymous, vague or document."""
    words = [w.strip(".,'’\"").lower() for w in name.replace("’s", " ").split()]
    table = lex.source_words()
    if any(w in table["document"] for w in words):
        return "document"
    if words and (words[0] in table["vague"] or words[-1] in table["vague"]):
        return "vague"
    if any(w in table["anonymous"] for w in words):
        return "anonymous"
    if any(w in table["organisation"] for w in words) or (name.isupper() and len(name) > 1):
        return "organisation"
    if any(w[:1].isupper() for w in name.split()):
        return "person"
    return "anonymous"


def _words(text: str) -> int:
    return len(text.split())


def profile(sentences: Sequence[Sentence], quotes: Sequence[Quote], text: str) -> dict:
    """A JSON-ready summary of framing and sourcing (keys in the module docstring)."""
    threshold = float(settings.get("framing", "loaded_threshold"))
    top_n = int(settings.get("framing", "top_signals"))
    speech = _speech(quotes)
    starts = [q.start for q in speech]
    own: Counter[str] = Counter()
    quoted: Counter[str] = Counter()
    quoted_loading: dict[str, dict] = {}
    for sent in sentences:
        for sig in sent.signals:
            voice = _voice(sig.start, sig.end, speech, starts)
            if sig.kind == "scare_quote":
                voice = None
            if voice is None:
                own[sig.kind] += 1
                continue
            quoted[sig.kind] += 1
            if sig.kind in ("loaded", "intensifier", "doubt_cue"):
                entry = quoted_loading.setdefault(voice, {"signals": 0, "words": []})
                entry["signals"] += 1
                entry["words"].append(sig.text)
    sources: Counter[str] = Counter()
    speakers: dict[str, dict] = {}
    for q in speech:
        name = q.speaker.name if q.speaker else UNKNOWN_SPEAKER
        kind = source_type(name) if q.speaker else "anonymous"
        sources[kind] += 1
        row = speakers.setdefault(name, {"name": name, "type": kind, "quotes": 0, "words": 0})
        row["quotes"] += 1
        row["words"] += _words(q.text)
    sources["vague"] += own["vague_source"] + quoted["vague_source"]
    quoted_words = sum(_words(text[a:b]) for a, b in _merged((q.start, q.end) for q in speech))
    ranked = sorted(sentences, key=lambda s: -s.loaded)
    top = []
    for sent in ranked:
        for sig in sent.signals:
            if len(top) >= top_n or sent.loaded <= 0:
                break
            if sig.kind != "scare_quote" and _voice(sig.start, sig.end, speech, starts):
                continue
            top.append({
                "text": sig.text, "kind": sig.kind, "start": sig.start, "end": sig.end,
                "sentence": {"start": sent.start, "end": sent.end,
                             "text": text[sent.start:sent.end], "loaded": sent.loaded},
            })
    n = len(sentences)
    loaded_n = sum(1 for s in sentences if s.loaded >= threshold)
    return {
        "sentences": n,
        "loaded_threshold": threshold,
        "loaded_sentences": loaded_n,
        "loaded_share": loaded_n / n if n else 0.0,
        "mean_loaded": sum(s.loaded for s in sentences) / n if n else 0.0,
        "signals": dict(own),
        "quoted_signals": dict(quoted),
        "cue_stances": dict(Counter(q.cue.stance for q in quotes if q.cue)),
        "sources": {k: v for k, v in sources.items() if v},
        "speakers": sorted(speakers.values(), key=lambda r: -r["words"]),
        "words": {"outlet": _words(text) - quoted_words, "quoted": quoted_words},
        "top_signals": top,
        "quoted_loading": quoted_loading,
    }


def _merged(spans) -> list[tuple[int, int]]:
    """Overlapping character spans merged (so nested quotes are not counted twice)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
