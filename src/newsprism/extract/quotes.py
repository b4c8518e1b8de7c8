"""Quotes, their speakers and reporting cues, from a parsed spaCy Doc.

:func:`extract_quotes` returns every :class:`~newsprism.model.Quote` in a Doc; offsets are
character offsets into ``doc.text`` and every ``text`` is ``doc.text[start:end]``.
Its parts: :mod:`.quotes_marks` finds quotation marks, :mod:`.quotes_cues` the reporting
cues of ``data/cues.tsv``, :mod:`.quotes_clauses` the clause each cue reports, and
:mod:`.speakers` resolves speakers; this module tells speech from scare quotes, joins
quotes to cues and clauses, and assembles the Quotes.

Content spans (the convention every kind follows)
-------------------------------------------------
* ``direct``: the words between the quotation marks, *excluding* the marks themselves and
  surrounding whitespace, but including punctuation inside them (``“We will,” he said`` ->
  ``We will,``).  A multi-paragraph quote is one Quote from its first opening mark to its
  closing mark (the re-opening marks of later paragraphs are inside the span).  A quote
  split around its attribution (``“A,” X said, “B.”``) is two Quotes with the same speaker
  and cue.
* ``indirect``: the reported clause, i.e. the complement clause of the reporting verb
  including a leading complementizer ("that ..."), without edge punctuation; for
  "according to X, ..." / "reportedly" the rest of the clause.  Besides speech this covers
  attributed beliefs, aims, perceptions, knowledge and positions (cue stances ``belief``,
  ``intention``, ``perception``, ``knowledge``, ``support``, ``opposition`` in
  ``data/cues.tsv``): "believes that X", "wants to X", "supports X", "called for X to Y",
  "X was backed by Y" (content X), short answers ("said yes", "said so"), noun cues with a
  "that"-clause ("her claim that X") or with the complement their lexicon row allows ("her
  call for X", "the decision to X"), "In a new poll, X" (like "according to"), the writer's
  hedge "X seems/appears to Y" (content: X through the complement; no speaker), and a
  headline "Source: content" (a name or Title Cased source; any short words but a pronoun
  when a quotation opens the content: 'Dock union reaction: “Not again.”').  Such an
  attitude cue needs an explicit subject (a possessor for a noun cue), or is a participle
  modifying its source, or follows the verb whose subject it shares ("X closed the pier,
  believing Y"; "X favours A and opposes B"), and no cue counts when it sits inside another
  cue's reported clause ("said she wants X" is one attribution by "said", as is a quoted
  fragment whose nearest cue is nested there, even when the fragment's closing punctuation
  falls outside the clause).  A reported
  clause ends before a lone dash, a ", according to" or a ", <cue participle>" that
  follows it ("insisted that A, claiming B" is two attributions), and runs on through a
  "because ..." clause the parse hangs on the cue right after it ("condemned the rise
  because it hurt students").  A clause the parse coordinates with the cue after its
  reported clause, with a subject of its own, is more of the content when it opens with
  "that" or holds a quoted fragment ("said A, and the town would have to “start again”";
  "believes A, but that B"), not when it is a plain clause ("said A, and the crowd
  cheered").  A cue with a complement clause on each side ('“A,” she
  said, that B') reports the one after it, together with its quote.  An object's content
  leaves out the verb's phrases of time and place ("criticised X during a rally in Y")
  and a "by V-ing" phrase ("responded to X by calling for Y").  A sentence-final
  "..., according to X" attributes the whole sentence before it (from the last colon or
  semicolon), whatever word the parser hangs it on.
* a transcript turn ("OKAFOR: Is it safe?", a paragraph opening with a speaker label in
  capitals) is ``direct``: the rest of the paragraph, with the colon as cue.
* ``mixed``: a reported clause that contains quoted fragments (``stated there were “no
  plans” to ...``); the span is the whole clause, marks included.  The fragments are not
  emitted separately.  A fragment attributed by a cue and held by the verb's complements is
  mixed too, spanning the complements (``called the pact “madness”``, ``accused the
  treasurer of hiding behind a “wall of spreadsheets”``), also when the parse hangs the
  fragment on the object of a predicative cue (``branded the levy “daylight robbery”``: to the
  fragment's end).  A clause the parse cut inside a quote that opened in it runs to the
  quote's end, and a fragment right after a clause that ends the sentence (``pledged to keep
  the ferry “come rain or shine.”``) is the clause's last words.  A clause the parse cut at
  a fragment's closing mark runs on through an "and"/"but" rest of the sentence (``said the
  breakwater was “a gift,” and the town would need another``), unless a cue, colon or
  semicolon stands in it, or the cue reports an object and the rest holds a finite verb.  A
  verb with no lexicon row whose direct object an "as" phrase holding a quoted fragment
  describes (``cast the owners as “asset strippers”``) is a predicative cue, like
  "describe X as Y" (``data/cues.tsv`` row "object as quote").  The words that open the
  sentence of a quote-first quote and run into it are its clause (``Sooner or later, “we
  will need a ferry,” she said``: mixed, from the sentence start), unless a colon,
  semicolon, parenthesis or another cue stands before the quote.
* ``partial``: a quoted fragment attributed by a cue but not inside a reported clause or
  the cue's complements (``described by sources as the “worst audit in years”``); the span
  is the fragment.
* ``scare``: a short quoted phrase that no reporting cue introduces (a ‘modern’ approach,
  so-called “experts”, a short Title Cased name, a short quote with no cue that continues
  nobody: ``renamed “Sea Lark”``); speaker and cue are None.  Not speech.  A short fragment
  whose cue already has a quote or clause of its own elsewhere is a scare quote too ("offered
  to hand out leaflets and cook for my “team”"), as is a Title Cased name before that content
  ("conceded on “Morning Harbour,” that ...", "said on the podcast “Harbour Hour”").  A
  Title Cased quote whose lower-case words are not all function words is no title ("That's
  the job we do, Tom.").  A fragment outside a direct quote that the parse hangs on a verb
  inside it ('In the last scene of “Harbour Nights,” the narrator says, “We promised ...”')
  has no cue: that verb is speech within the quote; nor has a fragment inside the noun
  phrase that is its verb's subject ('fishermen from the “north moorings” endorsed her'):
  it names the speaker.

Speakers and cues
-----------------
The speaker is the subject (or passive agent, or "according to" object) of the cue, found in
the dependency parse, never inside a quote; its span is the mention and its ``name`` the best
name in the article (see :mod:`newsprism.extract.speakers`).  A noun cue's speaker is its
possessor ("her call for X"), or the subject of the verb it is the object of ("made the
claim that X") or sits in a phrase of ("joined in a chant of X").  A bare document or data noun
("Figures suggest ...", "according to figures") is evidence, not a voice: the quote has no
speaker, or the agent that published the document ("figures published by the council").
A direct quote with no cue of its own that follows an attributed direct or mixed quote
closely (``[quotes] continuation_chars``), with only that speaker's attributions in between
("“A,” she said when asked about X. “B.”"), continues it and inherits its speaker and cue;
across a paragraph break only when the quote fills its paragraph.  Otherwise a cue-less
quote close after an attributed one gets that speaker but no cue.  An attribution embedded
in the sentence of that quote's cue ("“A!” X insisted, a theme he returns to after a
phone-in during which listeners asked Y. “B.”") does not stop the continuation; a cue-less
quote right after a reported clause in a later sentence joins that clause ("X said that Y.
“B.”": one attribution, as PolNeAR reads it), also as the next paragraph when it fills it,
the clause's cue is its sentence's main verb and no "Name:" label opens it.  A quote that
closes on ",", "?" or "!"
followed by its subject and a finite verb ('“...,” the candidate grinned') takes that verb
as its cue even when the lexicon lacks it; a full quote after a colon that ends a sentence
part with a verb ('Then the mayor turned to the back row: “You did this.”') takes the colon
as its cue and the verb's subject as its speaker, also when the colon ends the paragraph
before the quote (a lexicon verb there, "Dr. Osei stated:", is the cue itself); after a short
verbless label ('Okafor: “...”', '... - Harbour Weekly: “...”', a dash setting the label
off) the colon is the cue and the label the speaker.  An "according to X" right after a
quote, or opening the sentence before it, is that quote's cue.  A cue the parse left with no
subject after '“A,” Name, <apposition>,' takes the name as its speaker.  An attribution that
lies, cue and all, inside the longer content of another ('According to two people there,
Okoro told them, “...”') is part of that content and is not emitted on its own.  The clause
of a cue is dropped when it is the writer's lead-in: it ends at a colon before the cue ('X
complained about Y: “...,” she said') or before a parenthesis that opens the cue's own
quote.  Every cue's stance comes from ``data/cues.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ..model import Cue, Quote, Speaker
from ..nlp import doc_text
from ..settings import get
from .quotes_clauses import (
    DASHES,
    clause_bounds,
    complement_of,
    cut_tail,
    ends_sentence,
    quotes_setting,
    reported_clauses,
)
from .quotes_cues import CueHit, construction_stance, find_cues, stance_of, that_clause
from .quotes_marks import MarkedSpan, find_marked_spans, markup_spans
from .speakers import SpeakerResolver, document_source, mention_span, source_of

# Dependency relations a quoted fragment cannot climb through to reach a cue: beyond them
# the fragment modifies a noun or sits in a subordinate clause of its own.
_BLOCK_DEPS = frozenset({"relcl", "acl", "amod", "compound", "nmod", "csubj", "appos", "npadvmod"})
_PRENOMINAL = frozenset({"amod", "compound", "nmod"})
# Verb complements that can hold a quoted fragment of the reported content.
_FRAGMENT_HOSTS = frozenset({"dobj", "dative", "oprd", "xcomp", "prep", "ccomp", "advcl", "attr"})
# Relations of a predicative cue's object predicate ("called the plan a farce").
_PREDICATES = frozenset({"oprd", "ccomp", "xcomp", "acomp"})
# Finite verb tags: a word group holding one is a clause of its own.
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_CHILD_CUE_DEPS = frozenset({"parataxis", "advcl", "conj", "ccomp", "dep"})
_BOUNDARY_BEFORE = frozenset(":,.?!;\u2014\u2013-")
# A subjectless attitude cue in these relations after its head shares the head's subject
# ("X closed the pier, believing Y"; "X favours A and opposes B").
_INHERIT_DEPS = frozenset({"advcl", "conj"})
# Attributions a following cue-less direct quote can continue.
_CONTINUED_KINDS = frozenset({"direct", "mixed", "partial"})
# what ends the words before a colon that introduces a quote (a lead-in or a label)
_LABEL_STOPS = frozenset({":", ";"}) | DASHES
# A speaker label that opens a quote ("Ines Okoro: ..."): the quote names its own speaker.
_LABEL = re.compile(r"[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3}:\s")
# Quotation marks that close a quote (kept at the end of a mixed span).
_CLOSING_MARKS = "\u201d\u2019\"'\u00bb"
# Punctuation stripped from a word's edges before looking it up ("it," -> "it").
_WORD_EDGES = ".,;:!?\u2019\u2018'\"()"


@dataclass
class _Item:
    """A quote under construction; ``speaker`` resolved later in document order."""

    start: int
    end: int
    kind: str
    cue: CueHit | None
    speaker: Speaker | None = None
    source: Span | None = None  # a mention fixed by the rule itself (headline "X: ...")


def _token_range(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """First and last token index covering characters ``[start, end)``, or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start, span.end - 1


def _before_marks(doc: Doc, i: int) -> int:
    """Index of the last token before ``i`` that is not a quotation mark (-1 if none)."""
    j = i - 1
    while j >= 0 and doc[j].is_quote:
        j -= 1
    return j


def _is_full(doc: Doc, text: str, mark: MarkedSpan, lo: int, cues: dict[int, CueHit]) -> bool:
    """True if the quoted words stand as speech of their own rather than a fragment.  A quote
    opening in lower case mid-sentence is a fragment, unless a comma after a cue precedes it
    (the second half of '“A,” he said, “who B”')."""
    if mark.open_at < 0 or mark.paragraphs > 1:
        return True
    j = _before_marks(doc, lo)
    if j < 0 or "\n" in doc[j].text_with_ws:
        return True
    if text[mark.start].islower() and (
        not doc[j].is_punct or doc[j].text == "," and j > 0 and doc[j - 1].i not in cues
    ):
        return False  # 'that “raising the levy”', 'a proper, “shouting match”': mid-sentence
    if doc[j + 1].is_sent_start:
        return True
    if doc[j].text in _BOUNDARY_BEFORE and (doc[j].text != "." or doc[j].is_punct):
        return True
    words = text[mark.start : mark.end].split()
    return (
        text[mark.start].isupper()
        and len(words) >= quotes_setting("full_min_words")
        and text[mark.end - 1] in ".?!,"
    )


def _climb_to_cue(tok: Token, cues: dict[int, CueHit], limit: int) -> CueHit | None:
    """The cue reached by climbing heads from ``tok`` (blocked by modifier relations)."""
    cur = tok
    for _ in range(limit):
        if cur.dep_ in _BLOCK_DEPS or cur.head.i == cur.i:
            return None
        if cur.lower_ == "as" and cur.head.pos_ == "VERB" and _naming(cur.head, cues):
            return None  # naming, not speech: "known as", "often referred to as"
        cur = cur.head
        hit = cues.get(cur.i)
        if hit is not None:
            return hit
    return None


def _naming(verb: Token, cues: dict[int, CueHit]) -> bool:
    """True if "<verb> ... as X" names something rather than reports someone's words."""
    if verb.i not in cues:
        return True
    deps = {c.dep_ for c in verb.children}
    return verb.tag_ == "VBN" and not deps & {"agent", "aux"}


def _cue_by_parse(doc: Doc, lo: int, hi: int, cues: dict[int, CueHit]) -> CueHit | None:
    """A cue linked to tokens ``lo..hi`` through the dependency parse."""
    limit = quotes_setting("climb_limit")
    for t in doc[lo : hi + 1]:
        if not (lo <= t.head.i <= hi) and t.head.i != t.i:
            if t.dep_ in _PRENOMINAL and t.head.i > hi:
                return None
            if t.is_punct:
                continue
            hit = cues.get(t.head.i) or _climb_to_cue(t, cues, limit)
            if hit is not None:
                return hit
    for t in doc[lo : hi + 1]:
        for c in t.children:
            if (c.i < lo or c.i > hi) and c.dep_ in _CHILD_CUE_DEPS and c.i in cues:
                return cues[c.i]
    return None


def _cue_by_window(doc: Doc, lo: int, hi: int, cues: dict[int, CueHit]) -> CueHit | None:
    """A cue right after the quote (``“...,” said X``) or before it (``X said: “...”``)."""
    window = quotes_setting("cue_window")
    j = hi + 1
    seen = 0
    closed = _closes_sentence(doc, hi)
    while j < len(doc) and seen < window:
        tok = doc[j]
        if tok.text in ("\u201c", "\u00ab") or (tok.is_sent_start and (seen > 0 or closed)):
            break
        if j in cues and (not cues[j].phrase or seen == 0):
            return cues[j]
        if not tok.is_punct:
            seen += 1
        j += 1
    j = lo - 1
    while j >= 0 and (doc[j].is_punct or doc[j].is_space) and doc[j].text not in ":,":
        j -= 1
    if j < 0 or doc[j].text not in ":,":
        return None
    if doc[j].text == ":":
        window *= 2  # "She told the hall, to loud cheers: “...”"
    stops = {"\u201d", "\u00bb"} | (DASHES if doc[j].text == ":" else set())
    seen = 0
    j -= 1
    while j >= 0 and seen < window:
        if j in cues and (not cues[j].phrase or _opens_clause(doc, cues[j])):
            return cues[j]
        if doc[j].is_sent_start or doc[j].text in stops:
            break  # "Poll shift - Okafor: “...”": the dash ends the label
        seen += 1
        j -= 1
    return None


def _opens_clause(doc: Doc, hit: CueHit) -> bool:
    """True if phrase cue ``hit`` ("according to X") opens its sentence or follows a
    colon or semicolon: 'According to the harbour office, “...”' attributes the quote."""
    k = hit.first - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k < 0 or hit.head.is_sent_start or doc[hit.first].is_sent_start:
        return True
    return doc[k].text in (":", ";")


def _closes_sentence(doc: Doc, hi: int) -> bool:
    """True if the quote ending at token ``hi`` ends its sentence with a full stop inside the
    closing mark ('“... my patch.” She said, twice, that ...'): a cue in the next sentence
    starts an attribution of its own.  ("?" and "!" do not count: '“Why?” he asked.')"""
    k = _before_marks(doc, hi + 1)
    return k >= 0 and doc[k].text in (".", "...", "\u2026")


def _nearest(lo: int, hi: int, *hits: CueHit | None) -> CueHit | None:
    """Of the candidate cues, the one closest to the quote's tokens ``lo..hi``."""
    found = [h for h in hits if h is not None]
    if not found:
        return None
    return min(found, key=lambda h: lo - h.last if h.last < lo else h.first - hi)


def _source_span(hit: CueHit, quoted: list[tuple[int, int]]) -> Span | None:
    """The mention span of the source of cue ``hit`` (never inside a quote)."""
    doc = hit.head.doc
    if hit.phrase:
        tail = doc[hit.last]
        obj = next((c for c in tail.children if c.dep_ == "pobj"), None)
        obj = document_source(obj) if obj is not None else None  # "according to figures"
        return mention_span(obj) if obj is not None else None
    if hit.head.pos_ == "NOUN":
        return _noun_source(hit.head)
    if hit.head.text == ":":
        return _label_source(hit)
    if hit.obj == "raising":
        return None  # "X seems to Y" is the writer's judgement, X is not a source
    src = source_of(hit.head)
    if src is not None and (evidence := document_source(src)) is not src:
        # "Figures suggest ...": evidence, nobody's voice (or the agent that published it)
        return mention_span(evidence) if evidence is not None else None
    if src is not None and not _inside(src.i, quoted):
        return mention_span(src)
    near = _adjacent_nominal(doc, hit)
    if near is not None and not _inside(near.i, quoted):
        return mention_span(near)
    fronted = _name_before_apposition(doc, hit)
    if fronted is not None and not _inside(fronted.i, quoted):
        return mention_span(fronted)
    return None


def _name_before_apposition(doc: Doc, hit: CueHit) -> Token | None:
    """The name that opens the words between a closing quotation mark and a cue and is set
    off by a comma ('“A,” Ines Okoro, the harbour pilot, said at the meeting'), when the parse
    gave the cue no subject."""
    j = hit.first - 1
    if j < 0 or doc[j].text != ",":
        return None
    while j >= 0 and hit.first - j <= 30 and not doc[j].is_quote and not doc[j].is_sent_start:
        j -= 1
    if j < 0 or not doc[j].is_quote:
        return None
    k = j + 1
    while k < hit.first and doc[k].is_punct:
        k += 1
    end = k
    while end < hit.first and doc[end].pos_ == "PROPN":
        end += 1
    if end == k or end >= hit.first or doc[end].text != ",":
        return None
    return doc[end - 1]


def _noun_source(noun: Token) -> Span | None:
    """The source of a noun cue: its possessor ("his claim that"), or the subject of the verb
    it is the object of ("made the claim that") or whose prepositional phrase holds it
    ("joined in a chant of"), or None ("there are fears that")."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        return mention_span(poss)
    if noun.dep_ == "dobj":
        src = source_of(noun.head)
        return mention_span(src) if src is not None else None
    if noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB" and noun.head.dep_ == "prep":
        src = source_of(noun.head.head)  # "joined in a chant of X": who joined
        return mention_span(src) if src is not None else None
    return None


def _in_subject(hit: CueHit, i: int) -> bool:
    """True if token ``i`` lies in the noun phrase that is the only subject of the cue
    ``hit``'s verb and stands before it ('fishermen from the “north moorings” endorsed
    her'): the words that name the speaker, not what was said."""
    subjects = [c for c in hit.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) != 1:
        return False
    subj = subjects[0]
    if subj.pos_ not in ("NOUN", "PROPN"):
        return False
    return subj.left_edge.i <= i <= subj.right_edge.i < hit.head.i


def _inside(i: int, ranges: list[tuple[int, int]]) -> bool:
    """True if token index ``i`` lies in one of the inclusive ``ranges``."""
    return any(lo <= i <= hi for lo, hi in ranges)


def _adjacent_nominal(doc: Doc, hit: CueHit) -> Token | None:
    """The noun phrase head right before ("X said") or after ("said X") a cue, if any."""
    for j, step in ((hit.first - 1, -1), (hit.last + 1, 1)):
        while 0 <= j < len(doc) and doc[j].dep_ in ("aux", "neg", "advmod"):
            j += step
        if step == 1 and 0 <= j < len(doc) and doc[j].pos_ in ("DET", "ADJ", "NUM"):
            head = doc[j].head  # "added another official": the noun the determiner modifies
            j = head.i if head.i > j and head.i - j <= 4 else j
        if 0 <= j < len(doc) and doc[j].pos_ in ("PROPN", "NOUN", "PRON"):
            tok = doc[j]
            while tok.dep_ in ("compound", "flat") and tok.head.pos_ == "PROPN":
                tok = tok.head
            return tok
    return None


def _make_cue(doc: Doc, text: str, hit: CueHit) -> Cue:
    """The model Cue for a hit: the cue words' text and span, with the lexicon stance."""
    start = doc[hit.first].idx
    end = doc[hit.last].idx + len(doc[hit.last])
    return Cue(text=text[start:end], start=start, end=end, stance=hit.stance)


def extract_quotes(doc: Doc) -> list[Quote]:
    """Every direct, indirect, mixed, partial and scare quote in ``doc``, in text order."""
    text = doc_text(doc)
    if not text.strip():
        return []
    cues = find_cues(doc)
    tags = markup_spans(text)
    if tags:  # words inside left-over markup (<tweet author="...">) are no cues
        cues = {i: h for i, h in cues.items() if not any(s <= doc[i].idx < e for s, e in tags)}
    marks = find_marked_spans(text)
    cues = {**cues, **_object_as_cues(doc, marks, cues), **_passive_name_cues(doc, marks, cues)}
    direct, fragments = _classify_marks(doc, text, marks, cues)
    in_direct = [(lo, hi) for lo, hi, _, _ in direct]
    items = [
        _Item(m.start, m.end, "scare" if _names_a_work(text, m, cue, doc.vocab) else "direct", cue)
        for _, _, cue, m in direct
    ]
    used_fragments: set[int] = set()
    clauses = [
        c
        for c in reported_clauses(doc, cues)
        if not (_wraps_own_quote(doc, text, c, direct) or _lead_in(doc, c, direct))
    ]
    attitude = frozenset(get("quotes", "attitude_stances"))
    clauses = [
        c
        for c in clauses
        if (c[2].stance not in attitude or _attitude_ok(c)) and not _nested(c, clauses)
    ]
    for lo, hi, hit in clauses:
        if any(d_lo <= hit.head.i <= d_hi for d_lo, d_hi in in_direct):
            continue  # a reporting verb inside a quote is speech within speech
        hi = _through_open_quote(doc, lo, hi, [(f[0], f[1]) for f in fragments] + in_direct)
        if _mostly_direct(lo, hi, in_direct):
            continue
        adjacent = _adjacent_fragment(doc, hi, hit, fragments)
        if adjacent is not None:
            hi = fragments[adjacent][1]
        inner = [
            k
            for k, (f_lo, f_hi, f_hit, mark) in enumerate(fragments)
            if lo <= f_lo
            and (_ends_within(doc, f_hi, hi) or _runs_past(doc, f_lo, f_hi, hi))
            and (k == adjacent or _belongs(f_hit, hit, lo, hi, _is_scare(text, mark)))
        ]
        kind = "mixed" if inner else "indirect"
        if hit.stance == "evidential" and inner:
            kind = "indirect"
        else:
            used_fragments.update(inner)
        start = doc[lo].idx
        end = doc[hi].idx + len(doc[hi])
        if kind == "mixed":  # through the closing mark of a fragment that ends the clause
            end = max([end] + [fragments[k][3].close_at + 1 for k in inner])
            f_his = [fragments[k][1] for k in inner]
            last = _past_fragment(doc, hi, f_his, cues, _reports_clause(hit))
            if last > hi:
                end = doc[last].idx + len(doc[last])
        items.append(_Item(start, end, kind, hit))
    items += _transcript_items(doc, text, in_direct)
    headline = _headline_item(doc, in_direct)
    if headline is not None:
        items.append(headline)
        for it in items:  # a quote inside the headline's content is the headline source's
            if it.cue is None and headline.start <= it.start < headline.end:
                it.cue, it.kind = headline.cue, "direct"
    # Where the content of each cue that has some begins, so that a title before it is no
    # part of it: anywhere for a cue with a direct quote, else its reported clause's start.
    has_content = {d[2].head.i: len(text) for d in direct if d[2] is not None}
    for it in items:
        if it.cue is not None and it.kind != "direct":
            has_content.setdefault(it.cue.head.i, it.start)
    for k, (f_lo, f_hi, hit, mark) in enumerate(fragments):
        if k in used_fragments:
            continue
        if hit is not None and _inside(hit.head.i, in_direct) and not _inside(f_lo, in_direct):
            hit = None  # the parse hung it on a verb inside a quote: not that verb's words
        if hit is not None and _in_subject(hit, f_lo):
            hit = None  # part of the speaker's own mention, not of what was said
        if _is_subtitled(text, mark) or (
            hit is not None
            and _is_title(text, mark, doc.vocab)
            and mark.end <= has_content.get(hit.head.i, -1)
        ):  # '“A,” X said in March on the podcast “Harbour Hour.”': a name, not X's words
            items.append(_Item(mark.start, mark.end, "scare", None))
            continue
        if hit is not None and hit.stance != "evidential":
            # a fragment whose cue only _predicate_of_object found ends the content
            capped = _cue_by_parse(doc, f_lo, f_hi, cues) is None
            rng = _complement_around(doc, hit, f_lo, f_hi, capped)
            if rng is not None:  # "called it “madness”": the whole complement, as mixed
                start, end = doc[rng[0]].idx, doc[rng[1]].idx + len(doc[rng[1]])
                if capped:  # through the fragment's closing mark
                    end = max(end, mark.close_at + 1)
                if not any((it.start, it.end, it.cue) == (start, end, hit) for it in items):
                    items.append(_Item(start, end, "mixed", hit))
            elif _is_scare(text, mark) and hit.head.i in has_content:
                items.append(_Item(mark.start, mark.end, "scare", None))
            else:
                items.append(_Item(mark.start, mark.end, "partial", hit))
        elif not _is_scare(text, mark):
            items.append(_Item(mark.start, mark.end, "direct", None))
        else:
            items.append(_Item(mark.start, mark.end, "scare", None))
    for it in items:
        lead = _sentence_lead(doc, it, cues, items)
        if lead is not None:  # "Sooner or later, “A,” she said": the clause, as mixed
            it.start, it.kind = lead, "mixed"
            while it.end < len(text) and text[it.end] in _CLOSING_MARKS:
                it.end += 1  # a mixed span keeps its marks
    return _finish(doc, text, items, in_direct)


def _sentence_lead(doc: Doc, it: _Item, cues: dict[int, CueHit], items: list[_Item]) -> int | None:
    """Start of the words that open the sentence of a quote-first quote and run into it
    ('Sooner or later, “we will need a ferry,” she said'; 'The depot “was never
    finished,” Ode wrote'): the reported clause starts there, so the quote becomes mixed.
    None unless the quote's cue follows it with only its subject between, and the words
    before the quote hold no cue, colon, semicolon, parenthesis, line break or other
    attribution."""
    if it.kind not in ("direct", "partial") or it.cue is None:
        return None
    rng = _token_range(doc, it.start, it.end)
    if rng is None or it.cue.first <= rng[1]:
        return None
    lo, hi = rng
    subject = {
        k
        for c in it.cue.head.children
        if c.dep_ in ("nsubj", "nsubjpass")
        for k in range(c.left_edge.i, c.right_edge.i + 1)
    }
    if any(
        not (doc[k].is_punct or doc[k].is_space or k in subject)
        for k in range(hi + 1, it.cue.first)
    ):
        return None
    j = _before_marks(doc, lo)
    first = doc[lo].sent.start
    lead = doc[first : j + 1]
    if not any(t.is_alpha for t in lead) or any(
        t.i in cues or t.text in (":", ";", "(", ")") or "\n" in t.text_with_ws for t in lead
    ):
        return None
    start = next(t.idx for t in lead if not (t.is_punct or t.is_space))
    if any(o is not it and o.kind != "scare" and start <= o.start < it.start for o in items):
        return None
    return start


def _past_fragment(
    doc: Doc, hi: int, f_his: list[int], cues: dict[int, CueHit], clause: bool = False
) -> int:
    """The last token of a mixed clause ending ``hi`` that the parse cut at a fragment's
    closing mark and comma ('that silting is “nothing,” compared to X', 'that she
    was “unbending,” and that Y'): the rest of the sentence when no cue speaks in it,
    else ``hi``.  A coordinated rest ('that the ferry was “a lifeline,” and the town would
    fight for it'; 'backed the “harbour first” plan and its budget') runs on too, also with
    no comma before the conjunction, unless a colon or semicolon stands in it or, when the
    cue does not report a ``clause`` (its content is an object: 'called the levy
    “a scandal,” and her party has ...'), it holds a finite verb of its own."""
    if not f_his or not all(doc[j].is_quote for j in range(max(f_his) + 1, hi + 1)):
        return hi
    k = hi + 1
    while k < len(doc) and doc[k].is_punct and (doc[k].is_quote or doc[k].text == ","):
        k += 1
    comma = any(doc[j].text == "," for j in range(hi + 1, k))
    if not comma and not (k < len(doc) and doc[k].dep_ == "cc"):
        return hi
    sent = doc[hi].sent
    rng = clause_bounds(doc, k, sent.end - 1)
    if k >= sent.end or rng is None or doc[k].is_sent_start:
        return hi
    if any(j in cues for j in range(rng[0], rng[1] + 1)):
        return hi
    first, second = doc[rng[0]], doc[min(rng[0] + 1, rng[1])]
    if first.tag_ in ("IN", "VBN", "TO") or (first.dep_ == "cc" and second.tag_ == "IN"):
        return rng[1]  # "because ...", "compared to ...", "and that ...": still the content
    if first.dep_ == "cc" and _coordinated_content(doc[rng[0] : rng[1] + 1], clause):
        return rng[1]
    return hi


def _coordinated_content(rest: Span, clause: bool) -> bool:
    """True if ``rest``, the words after "and"/"but" that end a sentence past a mixed clause,
    are more of the reported content: no colon or semicolon (a lead-in to something else),
    and, unless the cue reports a ``clause``, no finite verb (an object cue's content is a
    noun phrase: 'questioned her “rushed” audit and its costs'; 'called the levy
    “a scandal,” and her party has ...' goes on in the writer's voice)."""
    if any(t.text in (":", ";") for t in rest):
        return False
    return clause or not any(t.tag_ in _FINITE_TAGS for t in rest)


def _reports_clause(hit: CueHit) -> bool:
    """True if the cue ``hit`` reports a complement clause ("said that X", "her claim that
    X") rather than an object."""
    verb = hit.head
    if verb.pos_ == "NOUN":
        return that_clause(verb) is not None
    return complement_of(verb, hit) is not None


def _adjacent_fragment(
    doc: Doc,
    hi: int,
    hit: CueHit,
    fragments: list[tuple[int, int, CueHit | None, MarkedSpan]],
) -> int | None:
    """The index of a quoted fragment that opens right where the content ``..hi`` of cue
    ``hit`` stops and ends its sentence, with no cue of its own or the same cue: the
    content's last words ('pledged to keep the ferry “come rain or shine.”', 'called the
    rota “a mess.”'), which the parse hung elsewhere.  None if there is none; a fragment
    that more of the sentence follows (', in which ...') is left alone."""
    for k, (f_lo, f_hi, f_hit, _mark) in enumerate(fragments):
        if f_lo <= hi or (f_hit is not None and f_hit is not hit):
            continue
        if not ends_sentence(doc, f_hi, doc[f_hi].sent.end):
            continue
        between = doc[hi + 1 : f_lo]
        if all(t.is_quote for t in between) and not any(
            t.is_sent_start for t in doc[hi + 1 : f_lo + 1]
        ):
            return k
    return None


def _through_open_quote(doc: Doc, lo: int, hi: int, quoted: list[tuple[int, int]]) -> int:
    """``hi`` moved to the end of a quote that opens inside the clause ``lo..hi`` (after its
    first word) and has words after ``hi``, in the same paragraph: the parse cut the clause
    inside the quote ('warned that the council had shown “a habit of drift: first the pier,
    then the ferry”', 'that she told him: “Fix it. Nobody else will.”')."""
    ends = [
        q_hi
        for q_lo, q_hi in quoted
        if lo < q_lo <= hi < q_hi
        and not _ends_within(doc, q_hi, hi)
        and "\n" not in doc[hi : q_hi + 1].text
    ]
    return max([hi] + ends)


def _runs_past(doc: Doc, f_lo: int, f_hi: int, hi: int) -> bool:
    """True if a quoted fragment opening inside a clause that ends at ``hi`` runs on past a
    sentence end the parse cut the clause at ('canvass on her behalf, “apart from a few
    neighbours I trust. And Ms. Roe has never been one.”'): the clause takes the whole fragment."""
    return f_lo <= hi < f_hi and any(doc[k].is_sent_start for k in range(hi + 1, f_hi + 1))


def _ends_within(doc: Doc, f_hi: int, hi: int) -> bool:
    """True if a quoted fragment ending at token ``f_hi`` ends inside a clause ending at
    ``hi``, allowing for the punctuation inside the closing mark that the clause leaves out
    ('said he wants “a full review.”')."""
    return all(doc[k].is_punct for k in range(hi + 1, f_hi + 1))


def _complement_around(
    doc: Doc, hit: CueHit, lo: int, hi: int, capped: bool = False
) -> tuple[int, int] | None:
    """The verb complements after cue ``hit`` that hold the quoted fragment ``lo..hi``
    ("called the pact “madness”", "accused the treasurer of hiding behind a “wall of
    spreadsheets”"), from
    the first complement to the end of the one holding the fragment (to the fragment's end
    when ``capped``: a misparsed object predicate), or None."""
    verb = hit.head
    if hit.phrase or verb.pos_ != "VERB" or lo <= hit.last:
        return None
    while hi > lo and doc[hi].is_punct:  # 'called it “madness,”': the comma hangs elsewhere
        hi -= 1
    comps = [c for c in verb.children if c.i > hit.last and c.dep_ in _FRAGMENT_HOSTS]
    if hit.last > hit.first and doc[hit.last].dep_ == "prep":  # "called for X", "talks about X"
        comps += [c for c in doc[hit.last].children if c.dep_ in ("pobj", "pcomp")]
    host = next((c for c in comps if c.left_edge.i <= lo and hi <= c.right_edge.i), None)
    if host is None:
        return None
    first = min(c.left_edge.i for c in comps)
    if capped:
        return clause_bounds(doc, first, hi)  # the object's predicate ends the content
    end = cut_tail(doc, first, max(host.right_edge.i, hi))
    return clause_bounds(doc, first, max(end, hi))


def _nested(
    clause: tuple[int, int, CueHit], clauses: list[tuple[int, int, CueHit]]
) -> bool:
    """True if the clause's cue lies inside another cue's reported clause."""
    verb = clause[2].head
    return any(o_lo <= verb.i <= o_hi for o_lo, o_hi, other in clauses if other is not clause[2])


def _belongs(f_hit: CueHit | None, hit: CueHit, lo: int, hi: int, scare: bool) -> bool:
    """True if a quoted fragment inside clause ``lo..hi`` of cue ``hit`` is part of it: its
    own cue is ``hit`` or is nested in the clause ("said she wants to “take the harbour back”" is
    one attribution by "said"), or it has no cue and is too long for a scare quote."""
    if f_hit is None:
        return not scare
    return f_hit is hit or lo <= f_hit.head.i <= hi


def _is_scare(text: str, mark: MarkedSpan) -> bool:
    """True if an unattributed quoted fragment is short enough to be a scare quote."""
    return len(text[mark.start : mark.end].split()) <= quotes_setting("scare_max_words")


def _attitude_ok(clause: tuple[int, int, CueHit]) -> bool:
    """True if a belief/aim/position cue stands as an attribution of its own: it has an
    explicit subject (or modifies its source noun: "a group backing X", or follows the verb
    whose subject it shares: "X closed the pier, believing Y"), and its content is not an
    embedded question ("wonders how ...")."""
    lo, _hi, hit = clause
    verb = hit.head
    if verb.pos_ == "NOUN":
        if _noun_source(verb) is None:
            return False  # "there are fears that X": nobody's in particular
    # An "acl" participle's source is the noun it modifies ("a group backing X").
    elif verb.dep_ != "acl" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        if not (
            verb.dep_ in _INHERIT_DEPS and verb.i > verb.head.i and source_of(verb) is not None
        ):
            return False
    first = verb.doc[lo]
    return not (first.tag_ in ("WDT", "WP", "WRB") or first.lower_ in ("if", "whether"))


def _headline_item(doc: Doc, quoted: list[tuple[int, int]]) -> _Item | None:
    """The attribution of a headline of the form "Source: content" (the first line of the
    text, a short nominal source before the colon, no verb in it, or any short words but a
    pronoun before a quotation: :func:`_headline_source`), or None.  Its cue is the
    colon, with the stance ``data/cues.tsv`` gives ":"."""
    stance = stance_of(":")
    if stance is None:
        return None
    colon = next((t for t in doc if t.text == ":" or "\n" in t.text), None)
    if colon is None or colon.text != ":" or _inside(colon.i, quoted):
        return None
    src = doc[: colon.i]
    if not 0 < len(src) <= quotes_setting("headline_source_max_tokens") or src.text.isupper():
        return None  # an all-capitals kicker ("EXCLUSIVE:", "INFERNO:") labels the story
    if not _headline_source(src, _opens_quote(doc, colon.i + 1)):
        return None
    end = colon.i + 1
    while end < len(doc) and "\n" not in doc[end].text:
        end += 1
    rng = clause_bounds(doc, colon.i + 1, end - 1)
    if rng is None or rng[1] - rng[0] + 1 < quotes_setting("min_clause_tokens"):
        return None
    hit = CueHit(colon, colon.i, colon.i, stance)
    start, stop = doc[rng[0]].idx, doc[rng[1]].idx + len(doc[rng[1]])
    return _Item(start, stop, "indirect", hit, source=src)


def _opens_quote(doc: Doc, i: int) -> bool:
    """True if the first token from ``i`` that is not white space is an opening quotation
    mark."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i < len(doc) and doc[i].is_quote


def _headline_source(src: Span, quoted: bool) -> bool:
    """True if the words ``src`` before a headline's colon can name a source: a short
    nominal with no verb, pronoun or punctuation whose head is a name or Title Cased (a
    common-noun phrase, "Warehouse blaze: residents return", names the topic).  Before a
    quotation that opens the rest of the headline ('Dock union reaction: “Not again.”') the
    quote is someone's words, so any words but a pronoun will do."""
    if quoted:
        return any(t.is_alpha for t in src) and not any(t.pos_ == "PRON" for t in src)
    if any(t.pos_ in ("VERB", "AUX", "PRON") or t.is_punct for t in src):
        return False
    if not any(t.pos_ in ("PROPN", "NOUN") for t in src):
        return False
    return src.root.pos_ == "PROPN" or src.root.is_title


def _transcript_items(doc: Doc, text: str, quoted: list[tuple[int, int]]) -> list[_Item]:
    """Interview-transcript turns: a paragraph (not the first line) that opens with a speaker
    label in capitals and a colon ("OKAFOR: ...", "CLLR. BRENNAN: ...") whose last word also
    occurs in ordinary case elsewhere ("Tom Okafor"), so that "UPDATE:" is not a speaker.
    Content: the rest of the paragraph."""
    stance = stance_of(":")
    if stance is None:
        return []
    out: list[_Item] = []
    for sent in doc.sents:
        first = sent[0]
        if first.i == 0 or "\n" not in doc[first.i - 1].text_with_ws:
            continue
        colon = next((t for t in sent[:4] if t.text == ":"), None)
        if colon is None or colon.i == first.i or _inside(colon.i, quoted):
            continue
        name = doc[first.i : colon.i]
        words = [t.text for t in name if t.is_alpha]
        if not words or not all(w.isupper() and len(w) > 1 for w in words):
            continue
        if words[-1].title() not in text:
            continue
        end = colon.i + 1
        while end < len(doc) and "\n" not in doc[end - 1].whitespace_ and not doc[end].is_space:
            end += 1
        rng = clause_bounds(doc, colon.i + 1, end - 1)
        if rng is None or rng[1] - rng[0] + 1 < quotes_setting("min_clause_tokens"):
            continue
        hit = CueHit(colon, colon.i, colon.i, stance)
        stop = doc[rng[1]].idx + len(doc[rng[1]])
        out.append(_Item(doc[rng[0]].idx, stop, "direct", hit, source=name))
    return out


def _is_subtitled(text: str, mark: MarkedSpan) -> bool:
    """True for a Title Cased "Title: Subtitle" name of a book, film or show ("Harbour
    Lights: A History of the Old Port"), whatever its length or cue: a work, not speech."""
    quoted = text[mark.start : mark.end]
    head, sep, tail = quoted.partition(": ")
    if not sep or not head.strip() or not tail[:1].isupper():
        return False
    long_words = [w for w in quoted.split() if len(w) > 3 and w[0].isalpha()]
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words)


def _names_a_work(text: str, mark: MarkedSpan, cue: CueHit | None, vocab: Vocab) -> bool:
    """True if a full quote names a work rather than quoting speech: a short title with no
    cue, or a "Title: Subtitle" whatever its cue."""
    return (cue is None and _is_title(text, mark, vocab)) or _is_subtitled(text, mark)


def _is_title(text: str, mark: MarkedSpan, vocab: Vocab) -> bool:
    """True for a short Title Cased quoted name ("Sea Lark", "Safe Streets", "Game of
    Tides"): every word of four letters or more capitalised, and every lower-case word a
    function word (spaCy's stop words), so a short sentence ("That's the job we do, Tom.")
    is no title."""
    words = text[mark.start : mark.end].split()
    if not words or len(words) > quotes_setting("scare_max_words"):
        return False
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    if not long_words or not all(w[0].isupper() for w in long_words):
        return False
    lower = (w.strip(_WORD_EDGES) for w in words if w[0].islower())
    return all(vocab[w].is_stop for w in lower if w.isalpha())


def _wraps_own_quote(
    doc: Doc,
    text: str,
    clause: tuple[int, int, CueHit],
    direct: list[tuple[int, int, CueHit | None, MarkedSpan]],
) -> bool:
    """True if the clause ``lo..hi`` found for cue ``hit`` wraps a direct quote that cue
    introduces, around the cue itself ('“Far too many trucks,” he said, blaming X') or after a
    colon that ends the clause ('Vance praised the volunteers: “You kept this town alive,” she
    said'): the parse hung the quote under the cue, and the quote is the attribution, not
    the whole sentence.  A quote opening in lower case continues the clause around it
    ('X, she said, “is a model”') and keeps it."""
    lo, hi, hit = clause
    for d_lo, d_hi, cue, mark in direct:
        if cue is not hit:
            continue
        between = doc[hi + 1 : d_lo]
        if (
            hi < d_lo < d_hi < hit.first
            and any(t.text == ":" for t in between)
            and all(t.is_punct for t in between)
        ):
            return True  # 'X complained about forms: “...,” she said': the quote, not the lead-in
        if d_lo < lo or not _ends_within(doc, d_hi, hi):
            continue
        if text[mark.start].islower() or (
            _is_title(text, mark, doc.vocab) and not _quote_first(text, mark, d_hi, hit)
        ):
            continue
        if lo <= hit.head.i <= hi:
            return True
        j = d_lo - 1
        while j > lo and doc[j].is_quote:
            j -= 1
        if doc[j].text == ":" and all(doc[k].is_punct for k in range(d_hi + 1, hi + 1)):
            return True  # nothing of the clause after the quote
    return False


def _lead_in(
    doc: Doc,
    clause: tuple[int, int, CueHit],
    direct: list[tuple[int, int, CueHit | None, MarkedSpan]],
) -> bool:
    """True if the clause found for a cue is the writer's lead-in rather than what the source
    said: a sentence part that ends at a colon before the cue ('Even allies sounded uneasy:
    X called it “a poor compromise”'), or the sentence that a quote with its own cue
    interrupts, in parentheses or as a parataxis ('stirred some resentment (“I want a vote
    first,” wrote X)')."""
    lo, hi, hit = clause
    k = hi + 1
    while k < hit.first and doc[k].is_punct and doc[k].text != ":":
        k += 1
    if hi < hit.first and k < hit.first and doc[k].text == ":":
        return True
    for d_lo, _, cue, _ in direct:
        if cue is not hit or lo <= d_lo <= hi:
            continue
        between = doc[hi + 1 : d_lo]
        if hit.head.dep_ == "parataxis" or (
            hi < d_lo and all(t.is_punct for t in between) and any(t.text == "(" for t in between)
        ):
            return True
    return False


def _quote_first(text: str, mark: MarkedSpan, hi: int, hit: CueHit) -> bool:
    """True if the quote ending at token ``hi`` comes before its cue and closes on a comma,
    "!" or "?" ('“Wait up,” he said'): speech, however Title Cased its words look."""
    return hit.first > hi and text[mark.end - 1] in ",!?"


def _mostly_direct(lo: int, hi: int, direct: list[tuple[int, int]]) -> bool:
    """True if direct quotes cover at least half of the tokens ``lo..hi``."""
    covered = sum(max(0, min(hi, d_hi) - max(lo, d_lo) + 1) for d_lo, d_hi in direct)
    return covered * 2 >= hi - lo + 1


def _classify_marks(
    doc: Doc, text: str, marks: list[MarkedSpan], cues: dict[int, CueHit]
) -> tuple[
    list[tuple[int, int, CueHit | None, MarkedSpan]],
    list[tuple[int, int, CueHit | None, MarkedSpan]],
]:
    """Split marked spans into full direct quotes and fragments, each with its cue (or None)."""
    direct: list[tuple[int, int, CueHit | None, MarkedSpan]] = []
    fragments: list[tuple[int, int, CueHit | None, MarkedSpan]] = []
    for mark in marks:
        rng = _token_range(doc, mark.start, mark.end)
        if rng is None:
            continue
        lo, hi = rng
        if _is_full(doc, text, mark, lo, cues):
            by_parse = _cue_by_parse(doc, lo, hi, cues)
            hit = _nearest(lo, hi, by_parse, _cue_by_window(doc, lo, hi, cues))
            if hit is not None and lo <= hit.head.i <= hi:
                hit = None
            if hit is None and not _is_title(text, mark, doc.vocab):
                hit = _quote_first_verb(doc, text, mark, hi, cues)
            if hit is None:
                hit = _colon_verb(doc, lo, cues)
            label = _dash_label(doc, lo)
            if label is not None and (hit is None or hit.last < label.first):
                hit = label
            direct.append((lo, hi, hit, mark))
        else:
            if lo > 0 and doc[lo - 1].lower_ in ("so-called", "called") or (
                lo > 1 and doc[lo - 2].lower_ == "so" and doc[lo - 1].text == "-"
            ):
                fragments.append((lo, hi, None, mark))
                continue
            hit = _cue_by_parse(doc, lo, hi, cues) or _predicate_of_object(doc, lo, hi, cues)
            fragments.append((lo, hi, hit, mark))
    return direct, fragments


def _predicate_of_object(doc: Doc, lo: int, hi: int, cues: dict[int, CueHit]) -> CueHit | None:
    """The predicative cue ("call", "label", "describe") whose direct object a quoted fragment
    ``lo..hi`` right after it completes, when the parse hangs the fragment on the object (as
    an apposition or a modifier) instead of making it the object predicate: 'branded the
    levy “daylight robbery”', 'dubbed her budget of last spring “reckless,”'.  None for a
    fragment before its noun ('called the “Harbour” plan a farce')."""
    if sum(1 for t in doc[lo : hi + 1] if not t.is_punct) < 2:
        return None
    for t in doc[lo : hi + 1]:
        if t.is_punct or lo <= t.head.i <= hi:
            continue
        if t.dep_ in _PRENOMINAL and t.head.i > hi:
            return None
        cur = t
        for _ in range(quotes_setting("climb_limit")):
            if cur.head.i == cur.i:
                break
            if cur.dep_ == "dobj" and cur.i < lo:
                hit = cues.get(cur.head.i)
                if hit is None or hit.obj != "predicative" or cur.i < hit.last:
                    break
                if any(c.dep_ in _PREDICATES or c.lower_ == "as" for c in cur.head.children):
                    break  # the verb has its predicate elsewhere ('called the “X” deal a sham')
                return hit
            cur = cur.head
        return None
    return None


def _object_as_cues(
    doc: Doc, marks: list[MarkedSpan], cues: dict[int, CueHit]
) -> dict[int, CueHit]:
    """Cues that a construction makes: a verb with a direct object and an "as" phrase that
    holds a quoted fragment ('cast the mayor as a “harbour wrecker”', 'billed the vote as a
    “new dawn”'), when the verb has no lexicon row.  The verb casts its object in the
    source's words, like "describe X as Y": a predicative cue with the stance of the "object
    as quote" row of ``data/cues.tsv``.  Empty without that row; "such as" lists are no
    predicate."""
    stance = construction_stance("object as quote")
    out: dict[int, CueHit] = {}
    if stance is None:
        return out
    for mark in marks:
        rng = _token_range(doc, mark.start, mark.end)
        if rng is None:
            continue
        cur = doc[rng[0] : rng[1] + 1].root
        for _ in range(quotes_setting("climb_limit")):
            if cur.dep_ == "pobj" or cur.head.i == cur.i:
                break
            cur = cur.head
        prep = cur.head
        such = prep.i > 0 and doc[prep.i - 1].lower_ == "such"
        if cur.dep_ != "pobj" or prep.lower_ != "as" or such:
            continue
        verb = prep.head.head if prep.head.dep_ == "dobj" else prep.head
        if verb.pos_ != "VERB" or verb.i in cues or verb.i > prep.i:
            continue
        if not any(c.dep_ == "dobj" and verb.i < c.i < prep.i for c in verb.children):
            continue
        out[verb.i] = CueHit(verb, verb.i, verb.i, stance, obj="predicative")
    return out


def _passive_name_cues(
    doc: Doc, marks: list[MarkedSpan], cues: dict[int, CueHit]
) -> dict[int, CueHit]:
    """Cues that a passive naming verb makes when its predicate holds a quoted fragment ('the
    ferry was nicknamed “the Tin Kettle.”', 'her album is titled “Salt and Tar.”', 'the
    scheme has been called “a folly” by anglers'): the thing named and its name are one
    attribution, from the passive subject to the fragment; its source is the agent when the
    parse gives one ("by" on the verb), else none.  The verb's stance is its own lexicon row
    if it has one, else the "passive name" row of ``data/cues.tsv``; the verbs are the
    ``naming_verbs`` setting.  Empty without that row.  ("known as" keeps being blocked for
    a fragment by ``_naming``: its reported-clause path alone gave the better spans.)"""
    stance = construction_stance("passive name")
    out: dict[int, CueHit] = {}
    if stance is None:
        return out
    naming = frozenset(get("quotes", "naming_verbs"))
    for mark in marks:
        rng = _token_range(doc, mark.start, mark.end)
        if rng is None:
            continue
        verb = _naming_verb(doc[rng[0] : rng[1] + 1].root)
        if verb is None or verb.lemma_.lower() not in naming:
            continue
        children = {c.dep_ for c in verb.children}
        if "auxpass" not in children or "nsubjpass" not in children:
            continue
        out[verb.i] = CueHit(verb, verb.i, verb.i, stance_of(verb.lemma_) or stance, obj="passive")
    return out


def _naming_verb(root: Token) -> Token | None:
    """The verb whose predicate the fragment heading at ``root`` is: the verb it completes
    ("titled “X”") or the verb of the "as" phrase holding it ("known as “X”")."""
    if root.dep_ in ("oprd", "attr", "dobj", "xcomp"):
        head = root.head
    elif root.dep_ == "pobj" and root.head.lower_ == "as":
        head = root.head.head
    else:
        return None
    return head if head.pos_ == "VERB" and head.i < root.i else None


def _quote_first_verb(
    doc: Doc, text: str, mark: MarkedSpan, hi: int, cues: dict[int, CueHit]
) -> CueHit | None:
    """The verb that attributes a quote by the shape of the sentence alone: the quote closes
    on ",", "?" or "!" and is followed by its subject and a finite verb ('“...,” the candidate
    grinned', '“...?” Okafor pressed') or by the verb and its subject ('“...?” pressed the
    host').  The verb's stance is its own lexicon row if it has one (a cue beyond the search
    window), else the "quote-first verb" row of ``data/cues.tsv``; None without that row."""
    stance = construction_stance("quote-first verb")
    if stance is None or text[mark.end - 1] not in ",?!":
        return None
    j = hi + 1
    while j < len(doc) and doc[j].is_quote:
        j += 1
    limit = min(len(doc), j + 2 * quotes_setting("cue_window"))
    for k in range(j, limit):
        tok = doc[k]
        if "\n" in tok.text_with_ws[:-1] or tok.pos_ == "AUX":
            return None
        if tok.pos_ != "VERB":
            if tok.is_punct and tok.text not in ("-", "'", "\u2019"):
                return None
            continue
        if tok.tag_ not in ("VBD", "VBZ", "VBP"):
            return None
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or (k > j and subj.left_edge.i != j) or (k == j and subj.i < k):
            return None
        if subj.tag_ in ("WDT", "WP"):
            return None  # '“...,” which votes in June': a relative clause, not an attribution
        if k in cues:
            return cues[k]
        if any(c.dep_ == "dobj" for c in tok.children):
            return None  # '“...?” Greta Lund sold her flat': a sentence of its own
        return CueHit(tok, k, k, stance_of(tok.lemma_) or stance, obj="none")
    return None


def _colon_verb(doc: Doc, lo: int, cues: dict[int, CueHit]) -> CueHit | None:
    """The cue of a full quote that a sentence part with a verb introduces with a colon
    ('Then the mayor turned to the back row: “You did this.”', 'Kim Ode shrugged: “Fine.”'),
    when no lexicon cue is near: the colon, whose source is the subject of the last verb
    before it.  Its stance is the "colon after a verb" row of ``data/cues.tsv``; None without
    that row, or when no verb stands between the colon and the start of its sentence (or the
    previous colon or semicolon): a label ("UPDATE: “...”") or a headline source."""
    stance = construction_stance("colon after a verb")
    j = _colon_before(doc, lo)
    if stance is None or j is None:
        return None
    k = _label_start(doc, j)
    verbs = [t for t in doc[k + 1 : j] if t.pos_ == "VERB"]
    if not verbs:
        return _colon_label(doc, k + 1, j)
    if verbs[-1].i in cues:  # "Dr. Osei stated:" then the quote: the lexicon's own cue
        return cues[verbs[-1].i]
    return CueHit(verbs[-1], j, j, stance, obj="none")


def _dash_label(doc: Doc, lo: int) -> CueHit | None:
    """The colon cue of a full quote after a verbless "Source:" label that a dash sets off
    from the words before it ('Polls shifted late - Harbour Weekly: “...”'): the label, not
    a verb before the dash, is the source (:func:`_colon_label`)."""
    j = _colon_before(doc, lo)
    if j is None:
        return None
    k = max(_label_start(doc, j), doc[j].sent.start)
    if doc[k].text not in DASHES or any(t.pos_ == "VERB" for t in doc[k + 1 : j]):
        return None
    return _colon_label(doc, k + 1, j)


def _colon_label(doc: Doc, lo: int, colon: int) -> CueHit | None:
    """The cue of a full quote after a short verbless label and a colon inside a paragraph
    ('Okafor: “We sail at dawn.”', 'From the harbour report: “...”'): the colon, with the
    stance ``data/cues.tsv`` gives ":"; None for an all-capitals kicker ("UPDATE:") or a
    label longer than ``[quotes] headline_source_max_tokens``."""
    stance = stance_of(":")
    label = _label_span(doc, lo, colon)
    if stance is None or label is None:
        return None
    if not len(label) <= quotes_setting("headline_source_max_tokens"):
        return None
    words = [t.text for t in label if t.is_alpha]
    if not words or all(w.isupper() for w in words):
        return None
    return CueHit(doc[colon], colon, colon, stance, obj="none")


def _label_span(doc: Doc, lo: int, colon: int) -> Span | None:
    """The words of a label from ``lo`` up to its colon, without white space or a leading
    preposition or punctuation ("From the harbour report" -> "the harbour report")."""
    while lo < colon and (doc[lo].is_space or doc[lo].is_punct or doc[lo].pos_ == "ADP"):
        lo += 1
    end = colon
    while end > lo and doc[end - 1].is_space:
        end -= 1
    return doc[lo:end] if end > lo else None


def _label_source(hit: CueHit) -> Span | None:
    """The source of a colon-label cue (:func:`_colon_label`): the label's words."""
    doc = hit.head.doc
    return _label_span(doc, _label_start(doc, hit.first) + 1, hit.first)


def _colon_before(doc: Doc, lo: int) -> int | None:
    """Index of the colon that introduces the quote opening at token ``lo`` (past its
    quotation marks and a paragraph break: a lead-in paragraph that ends on the colon), or
    None when the quote does not follow a colon."""
    j = _before_marks(doc, lo)
    while j > 0 and doc[j].is_space:
        j = _before_marks(doc, j)
    return j if j >= 1 and doc[j].text == ":" else None


def _label_start(doc: Doc, colon: int) -> int:
    """Index of the token that ends the words before ``colon`` (a colon, semicolon, dash or
    line break: :data:`_LABEL_STOPS`), or the token before the sentence when none does."""
    start = doc[colon].sent.start
    k = colon - 1
    while k >= start and doc[k].text not in _LABEL_STOPS and "\n" not in doc[k].text:
        k -= 1
    return k


def _finish(
    doc: Doc, text: str, items: list[_Item], quoted: list[tuple[int, int]]
) -> list[Quote]:
    """Resolve speakers in text order and build the Quote objects."""
    resolver = SpeakerResolver.for_doc(doc)
    by_cue: dict[int, Speaker | None] = {}
    items.sort(key=lambda it: (it.cue.head.i if it.cue else _tok_at(doc, it.start), it.start))
    prev: _Item | None = None
    last_direct: _Item | None = None  # the latest direct/mixed/partial quote with a cue
    gap = quotes_setting("continuation_chars")
    for it in items:
        if it.kind == "scare":
            continue
        if it.cue is not None:
            key = it.cue.head.i
            if key not in by_cue:
                mention = it.source if it.source is not None else _source_span(it.cue, quoted)
                by_cue[key] = resolver.resolve(mention) if mention is not None else None
            it.speaker = by_cue[key]
        elif (
            prev is not None
            and _follows_clause(text, it, prev)
            and not (last_direct is not None and _same_sentence(prev, last_direct))
        ):
            # "X said that Y. “B.”": one attribution
            it.speaker, it.cue = prev.speaker, prev.cue
        elif last_direct is not None and _continues(text, it, last_direct, prev, gap):
            # "“A,” X said. “B.”": one attribution, even past an aside of the same speaker
            # ("“A,” he said when asked about X. “B.”")
            it.speaker, it.cue = last_direct.speaker, last_direct.cue
        elif it.kind == "direct" and len(text[it.start : it.end].split()) <= quotes_setting(
            "scare_max_words"
        ):
            it.kind = "scare"  # a short quote no cue introduces: a title, slogan or name
            continue
        elif prev is not None and prev.speaker is not None and it.start - prev.end < gap:
            it.speaker = prev.speaker
        if it.kind in _CONTINUED_KINDS and it.cue is not None:
            last_direct = it
        elif (
            last_direct is not None
            and _other_voice(it, last_direct)
            and not _aside_of(it, last_direct)
        ):
            last_direct = None
        prev = it
    out = [
        Quote(
            start=it.start,
            end=it.end,
            text=text[it.start : it.end],
            kind=it.kind,  # type: ignore[arg-type]
            speaker=it.speaker,
            cue=_make_cue(doc, text, it.cue) if it.cue is not None and it.kind != "scare" else None,
        )
        for it in items
    ]
    out.sort(key=lambda q: (q.start, q.end))
    return [q for q in out if not _within_other(q, out)]


def _within_other(q: Quote, quotes: list[Quote]) -> bool:
    """True if the attribution ``q`` lies, cue and all, inside the longer content of another
    attribution with another cue ('According to two people at the meeting, Okoro told the
    fishermen, “The pier stays shut”': Okoro's words are part of what the two people
    reported; "I think ..." inside a quote): speech within reported speech, already part of
    that content, as a reporting verb inside a quote is."""
    if q.cue is None or q.kind == "scare":
        return False
    return any(
        o.kind != "scare"
        and o.cue is not None
        and o.cue.start != q.cue.start
        and o.start <= q.start
        and q.end <= o.end
        and o.start <= q.cue.start < o.end
        and o.end - o.start > q.end - q.start
        for o in quotes
    )


def _tok_at(doc: Doc, char: int) -> int:
    """Index of the token containing character ``char``."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def _whole_paragraph(text: str, it: _Item) -> bool:
    """True if the quote fills its paragraph (nothing but marks and punctuation around it)."""
    p_start = text.rfind("\n", 0, it.start) + 1
    p_end = text.find("\n", it.end)
    around = text[p_start : it.start] + text[it.end : len(text) if p_end < 0 else p_end]
    return not any(ch.isalnum() for ch in around)


def _continues(text: str, it: _Item, last: _Item, prev: _Item | None, gap: int) -> bool:
    """True if the cue-less direct quote ``it`` continues the attributed quote ``last``:
    close after it, no other speaker's attribution in between (the same speaker under another
    mention, "said Mr. X, who noted ...", still counts as the same), and in the same paragraph
    unless ``it`` fills a paragraph of its own.  ``last`` needs a cue, not a resolved speaker:
    "“A,” the crowd was told. “B.”" is one attribution whose speaker nobody names."""
    if it.kind != "direct" or last.cue is None:
        return False
    if it.start - last.end >= gap:
        return False
    if "\n" in text[last.end : it.start] and not _whole_paragraph(text, it):
        return False
    if _narration_between(text[last.end : it.start]):
        return False
    return prev is last or (
        prev is not None and (not _other_voice(prev, last) or _aside_of(prev, last))
    )


def _narration_between(between: str) -> bool:
    """True if the text ``between`` two quotes holds a whole paragraph with words: a paragraph
    of the writer's own ("“A,” Ines said. “B.” / The council met again in May. / “C.”"), or a
    label or heading, after which a quote is no longer the same speaker going on."""
    return any(any(ch.isalnum() for ch in para) for para in between.split("\n")[1:-1])


def _follows_clause(text: str, it: _Item, prev: _Item) -> bool:
    """True if the cue-less direct quote ``it`` follows right after the reported clause
    ``prev`` (only punctuation and spaces between): "X said that on her first visit Y.
    “B.”" is one attribution, clause and quote.  Across a paragraph break only when the
    quote fills its paragraph, the clause's cue is its sentence's main verb, and the quote
    opens with no speaker label of its own ("Ines Okoro: ...")."""
    if it.kind != "direct" or prev.kind != "indirect" or prev.cue is None:
        return False
    if prev.speaker is None or prev.end > it.start:
        return False
    between = text[prev.end : it.start]
    if "\n" in between and not (
        _whole_paragraph(text, it)
        and prev.cue.head.dep_ == "ROOT"
        and not _LABEL.match(text, it.start)
    ):
        return False
    return not any(ch.isalnum() for ch in between)


def _aside_of(prev: _Item, last: _Item) -> bool:
    """True if ``prev`` is an attribution embedded in the sentence of ``last``'s cue ('“A!” X
    insisted, a theme he returns to after a phone-in during which listeners asked Y. “B.”'):
    an aside inside that sentence, which does not stop ``last``'s speaker from going on."""
    if prev.kind == "direct" or prev.start < last.end:
        return False
    return _same_sentence(prev, last)


def _same_sentence(one: _Item, other: _Item) -> bool:
    """True if both items have cues and the cues stand in the same sentence."""
    if one.cue is None or other.cue is None:
        return False
    return one.cue.head.sent.start == other.cue.head.sent.start


def _other_voice(it: _Item, last: _Item) -> bool:
    """True if ``it`` is attributed to someone other than the speaker of ``last``."""
    if it.speaker is None:
        return False
    return last.speaker is None or it.speaker.name != last.speaker.name
