"""Reported clauses: where the content of a reporting cue starts and ends.

:func:`reported_clauses` finds, for every cue of :func:`~newsprism.extract.quotes_cues.find_cues`,
the words it reports: a complement clause ("said that X"), an object ("criticised X"), a noun
cue's clause or complement ("her claim that X"), an "according to X, ..." clause, a raising
hedge ("X seems to Y"), a passive naming verb's subject and name.  The rules that set each
boundary (tails cut, lists and coordinated clauses kept, "because" clauses joined) are
described in :mod:`newsprism.extract.quotes` (the content-span convention) and on each
function here; :func:`clause_bounds` trims a token range to the words the convention keeps.
Token indices are inclusive ``(first, last)`` pairs into the Doc.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..settings import get
from .quotes_cues import CueHit, that_clause

_TOPIC_PREPS = frozenset({"about", "of", "against", "with", "upon"})
_TAIL_DEPS = frozenset({"appos", "acl", "npadvmod", "relcl"})
_TAIL_SEPARATORS = frozenset({",", "\u2014", "\u2013", "--"})
# Complements of a raising cue ("seems to be", "appears ready", "seems a fair idea").
_RAISING_DEPS = frozenset({"xcomp", "acomp", "attr", "oprd", "ccomp"})
# Dash tokens (the tokenizer keeps "--" and the horizontal bar as one token each).
DASHES = frozenset({"\u2014", "\u2013", "--", "-", "\u2015"})
# Relations under which the parse hangs the second item of a verb-phrase list on the cue.
_VERB_ITEM_DEPS = frozenset({"ccomp", "advcl", "xcomp", "conj", "dep"})
# Prepositions whose phrase frames the reporting (when) rather than saying what was
# reported: "criticised X during a rally".
_FRAME_PREPS = frozenset({"during", "before", "after", "since", "until", "amid", "throughout"})
# Entity types of a prepositional object that places the reporting in time or space.
_SETTING_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "EVENT"})


def quotes_setting(key: str) -> int:
    """An integer threshold from the ``[quotes]`` section of settings.toml."""
    return int(get("quotes", key))


def clause_bounds(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """Token range ``lo..hi`` shrunk past edge punctuation and whitespace tokens (quote marks
    kept if inner)."""
    while lo <= hi and (
        doc[lo].is_space or doc[lo].is_punct and doc[lo].text not in ("\u201c", '"', "\u2018")
    ):
        lo += 1
    while hi >= lo and (
        doc[hi].is_space or doc[hi].is_punct and doc[hi].text not in ("\u201d", '"', "\u2019")
    ):
        hi -= 1
    return (lo, hi) if hi >= lo else None


def reported_clauses(doc: Doc, cues: dict[int, CueHit]) -> list[tuple[int, int, CueHit]]:
    """(first, last, cue) token ranges of reported clauses: ccomp, parataxis, according to."""
    out: list[tuple[int, int, CueHit]] = []
    for hit in cues.values():
        min_tokens = quotes_setting("min_clause_tokens")
        verb = hit.head
        rng: tuple[int, int] | None = None
        if hit.phrase:
            rng = _according_clause(doc, hit)
        elif hit.obj == "noun":
            rng = _noun_content(doc, hit)
        elif hit.obj == "passive":
            rng = _passive_content(doc, hit)
        else:
            comp = that_clause(verb) if verb.pos_ == "NOUN" else None
            comp = comp or complement_of(verb, hit) or _relative_that_clause(verb, hit)
            if comp is not None:
                lo = comp.left_edge.i if comp.i < hit.first else _content_start(hit, comp)
                rng = clause_bounds(doc, lo, _clause_end(comp, cues))
                if rng is not None and comp.i > hit.last:
                    rng = (rng[0], _through_conjunct(verb, rng[1], cues))
            elif verb.dep_ == "parataxis" or _as_aside(verb, hit):
                rng = _host_clause(doc, verb)
            else:
                rng = _object_content(doc, hit)
                if rng is not None and (doc[rng[0]].pos_ == "PROPN" or hit.obj == "answer"):
                    min_tokens = 1  # "endorsed Okafor", "said yes": short content
        if rng is not None and hit.obj != "noun" and not hit.phrase:
            rng = (rng[0], _through_verb_list(doc, verb, rng[0], rng[1], cues))
            rng = clause_bounds(doc, rng[0], _before_cue_participle(doc, rng[0], rng[1], cues))
            if rng is not None:
                rng = (rng[0], _with_reason(verb, rng[1]))
        if rng is not None and rng[1] - rng[0] + 1 >= min_tokens:
            out.append((rng[0], rng[1], hit))
    return out


def _through_conjunct(verb: Token, hi: int, cues: dict[int, CueHit]) -> int:
    """``hi`` moved to the end of a clause that the parse coordinates with the cue ``verb``
    right after its reported clause ``..hi``, when that clause is more of what was reported:
    it has a subject of its own, follows the clause with only punctuation and "and"/"but"
    between, is no cue itself, and either holds a quoted fragment of its own ('said the
    breakwater was “beyond saving,” and the town would have to “start from scratch”') or
    opens with "that" ('believes A, but that B').  A plain clause ('said A, and the crowd
    cheered') is the writer's and stays out."""
    doc = verb.doc
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.i <= hi or conj.i in cues:
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children):
            continue
        gap = doc[hi + 1 : conj.left_edge.i]
        joined = [t for t in gap if not t.is_punct]
        if not joined or any(t.lower_ not in ("and", "but") for t in joined):
            continue
        opens_that = any(c.dep_ == "mark" and c.lower_ == "that" for c in conj.children)
        span = doc[conj.left_edge.i : conj.right_edge.i + 1]
        if opens_that or sum(t.is_quote for t in span) >= 2:
            rng = clause_bounds(doc, hi, conj.right_edge.i)
            return rng[1] if rng is not None else hi
    return hi


def _through_verb_list(doc: Doc, verb: Token, lo: int, hi: int, cues: dict[int, CueHit]) -> int:
    """``hi`` moved to the end of a list of bare verb phrases that the parse hangs on the cue
    ``verb`` right after its content ``lo..hi`` ends in one ('pledged to reopen the ferry,
    fix the “crumbling” pier and hire more crew'): the next item follows a comma, is a
    base-form verb with no subject and no cue, and heads a chain of conjuncts closed by
    "and"/"or", so the list goes on; the content then holds a base-form verb too."""
    if not any(t.tag_ == "VB" for t in doc[lo : hi + 1]):
        return hi
    for c in verb.children:
        if c.i <= hi or c.tag_ not in ("VB", "VBP") or c.i in cues or c.dep_ not in _VERB_ITEM_DEPS:
            continue  # (a subjectless "VBP" is a base form the tagger misread)
        gap = doc[hi + 1 : c.i]
        if not any(t.text == "," for t in gap) or not all(t.is_punct for t in gap):
            continue
        kids = list(c.children)
        if any(k.dep_ in ("nsubj", "nsubjpass", "aux", "mark") for k in kids):
            continue
        end = _verb_chain_end(c, cues)
        if end is not None:
            rng = clause_bounds(doc, c.i, end)
            return rng[1] if rng is not None else hi
    return hi


def _verb_chain_end(first: Token, cues: dict[int, CueHit]) -> int | None:
    """Last token of the list of bare verb phrases that ``first`` opens ('fix the pier and
    hire crew'): its conjuncts with no subject and no cue, stopping before one that has either
    ('fix the pier and he, again, pledged X' ends at "pier"); None if no "and"/"or" closes at
    least two items."""
    doc = first.doc
    items, stack, stops = [first], [first], []
    while stack:
        for k in stack.pop().children:
            if k.dep_ != "conj" or k.pos_ != "VERB":
                continue
            if k.i in cues or any(g.dep_ in ("nsubj", "nsubjpass") for g in k.children):
                stops.append(k.left_edge.i)
            else:
                items.append(k)
                stack.append(k)
    end = min(stops) - 1 if stops else max(t.right_edge.i for t in items)
    while end > first.i and (doc[end].is_punct or doc[end].dep_ == "cc"):
        end -= 1
    last = max(t.i for t in items if t.i <= end)
    closing = any(
        k.dep_ == "cc" and k.lower_ in ("and", "or") and k.i < last
        for t in items
        for k in t.children
    )
    return end if closing and last > first.i else None


def _with_reason(verb: Token, hi: int) -> int:
    """``hi`` moved to the end of a "because ..." clause that the parse hangs on the cue
    ``verb`` right after its reported clause ending at ``hi`` ('argued that the board hid
    the report because it showed X'): the reason is part of what was reported."""
    for c in verb.children:
        if c.dep_ != "advcl" or c.left_edge.lower_ != "because":
            continue
        if c.left_edge.i == hi + 1:
            return c.right_edge.i
    return hi


def complement_of(verb: Token, hit: CueHit) -> Token | None:
    """The verb's complement clause: the one after the cue when the verb has one on each side
    ('“It was our best season,” she said, that the club never thanked the volunteers': the
    clause before is the quote, the one after is more of the same attribution)."""
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    after = [c for c in comps if c.i > hit.last and not _misparsed_tail(verb, c)]
    return after[0] if after and comps[0].i < hit.first else next(iter(comps), None)


# Dependencies that show a clause is complete (no gap for a relative pronoun to fill).
_FILLED = frozenset(
    {"dobj", "attr", "acomp", "oprd", "prep", "advcl", "ccomp", "xcomp", "auxpass", "conj"}
    | {"npadvmod"}
)


def _relative_that_clause(verb: Token, hit: CueHit) -> Token | None:
    """A "that"-clause after the cue that the parse hung as a relative clause on a noun of the
    cue's object or adjunct ('told reporters at the ferry office that the pier would reopen'):
    its "that" is a complementiser (``mark``/``advmod``, not the clause's subject or object),
    the clause has a subject of its own and no gap (an object, complement or passive), and
    only nouns and prepositions stand between it and the cue verb.  A true relative clause
    ('the lawsuit that he is overseeing') has a gap and is left alone."""
    if verb.pos_ != "VERB" or hit.obj not in ("content", "addressee", "answer"):
        return None
    for tok in verb.subtree:
        if tok.dep_ != "relcl" or tok.i <= hit.last:
            continue
        that = next((c for c in tok.children if c.lower_ == "that" and c.i < tok.i), None)
        if that is None or that.dep_ not in ("mark", "advmod"):
            continue
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > that.i]
        if not subj or not any(c.dep_ in _FILLED for c in tok.children):
            continue
        head, steps = tok.head, 0
        while head.i != verb.i and steps < 4 and head.pos_ in ("NOUN", "PROPN", "ADP", "PRON"):
            head, steps = head.head, steps + 1
        if head.i == verb.i:
            return tok
    return None


def _misparsed_tail(verb: Token, comp: Token) -> bool:
    """True if the clause ``comp`` after the cue ``verb`` is likely a modifier of the verb's
    subject that the parse made a complement: the subject stands between them ('said Ode,
    asked about the pier'), the verb has no subject before it and the clause starts right
    after it, so holds the speaker ('said the ferryman Ode Barnes, asked about ...'), or the
    clause's subject is a relative pronoun ('..., who recalled ...')."""
    if any(c.dep_ == "nsubj" and verb.i < c.i < comp.i for c in verb.children):
        return True
    if comp.left_edge.i == verb.i + 1 and not any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i for c in verb.children
    ):
        return True
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WP", "WDT") for c in comp.children)


def _before_cue_participle(doc: Doc, lo: int, hi: int, cues: dict[int, CueHit]) -> int:
    """``hi`` moved before a ", <cue participle>" inside ``lo..hi`` ('rejected the audit,
    calling it “sloppy”'): the participle starts an attribution of its own."""
    for k in range(lo + 1, hi):
        if doc[k].text != ",":
            continue
        part = doc[_past_closing(doc, k + 1, hi)]
        if part.tag_ == "VBG" and part.i in cues:
            return k - 1
    return hi


def _noun_content(doc: Doc, hit: CueHit) -> tuple[int, int] | None:
    """Content of a noun cue: the object of its preposition ("support for X") or its
    infinitive clause ("a decision to X")."""
    if hit.last > hit.first:
        prep = doc[hit.last]
        lo, hi = prep.i + 1, prep.right_edge.i
    else:
        clause = next((c for c in hit.head.children if c.dep_ == "acl" and c.i > hit.last), None)
        if clause is None:
            return None
        lo, hi = clause.left_edge.i, clause.right_edge.i
    return clause_bounds(doc, lo, cut_tail(doc, lo, hi))


def _content_start(hit: CueHit, comp: Token) -> int:
    """First token of the reported clause ``comp`` after its cue: the clause's left edge, or
    an adverbial clause between cue and clause that frames it ("says that whatever X,
    Y")."""
    lo = max(comp.left_edge.i, hit.last + 1)
    between = [c for c in hit.head.children if hit.last < c.i < lo and not c.is_punct]
    if between and all(c.dep_ in ("advmod", "advcl") for c in between):
        return max(hit.last + 1, min(c.left_edge.i for c in between))
    return lo


def _object_content(doc: Doc, hit: CueHit) -> tuple[int, int] | None:
    """Content carried by the verb's complements: "blasted the plan", "urged X to act",
    "described X as Y", "called for a ban" (per the cue's object role in the lexicon)."""
    verb = hit.head
    comps = [c for c in verb.children if c.i > hit.last and _is_complement(c)]
    deps = {c.dep_ if c.dep_ != "prep" else c.lower_ for c in comps}
    objects = [c for c in comps if c.dep_ == "dobj"]
    if any(g.dep_ == "prep" and g.lower_ == "as" for c in objects for g in c.children):
        deps.add("as")  # "described the ferry as X": the parser hangs "as" on the object
    topic = [
        c
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS and c.i > hit.last
        and any(g.dep_ == "pobj" for g in c.children)
    ]
    if hit.last > hit.first and doc[hit.last].dep_ == "prep":  # "call for X", "refer to X"
        comps = [c for c in doc[hit.last].children if c.dep_ == "pobj"] + comps
    elif hit.last > hit.first and doc[hit.last].dep_ == "mark":  # "call for X to act"
        clause = doc[hit.last].head
        return clause_bounds(doc, hit.last + 1, cut_tail(doc, hit.last + 1, clause.right_edge.i))
    elif hit.obj == "answer":  # "said so", "said yes", "said the same thing"
        comps = [c for c in comps if c.dep_ == "dobj"]
        comps += [c for c in verb.children if c.dep_ == "intj" and c.i > hit.last]
    elif hit.obj == "none":
        return None
    elif hit.obj == "raising":
        return _raising_content(doc, verb)
    elif hit.obj == "addressee" and "xcomp" not in deps:
        comps = topic  # "warned against X"
    elif hit.obj == "predicative" and not deps & {"oprd", "as", "xcomp"}:
        return None
    elif hit.obj == "content" and not (
        "xcomp" in deps or any(c.dep_ == "dobj" and c.pos_ != "PRON" for c in comps)
    ):
        comps = topic
    if not comps and hit.obj == "content" and "agent" in {c.dep_ for c in verb.children}:
        # "X was backed by Y": the passive subject X is the content, Y the source
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subj is None:
            return None
        return clause_bounds(doc, subj.left_edge.i, subj.right_edge.i)
    if not comps:
        return None
    lo = min(c.left_edge.i for c in comps)
    hi = max(c.right_edge.i for c in comps)
    # trailing prepositional phrases of the verb, unless set off by a comma ("..., according
    # to X" is an attribution of its own)
    hi = max(
        [hi]
        + [
            c.right_edge.i
            for c in verb.children
            if c.i > hi and c.dep_ == "prep" and doc[c.i - 1].text != "," and not _setting_phrase(c)
        ]
    )
    return clause_bounds(doc, lo, cut_tail(doc, lo, hi))


def _setting_phrase(prep: Token) -> bool:
    """True for a prepositional phrase that gives the time, place or means of the reporting
    rather than what was reported ("criticised X during a rally", "endorsed X in Riverton on
    Friday", "responded to X by calling for Y")."""
    if prep.lower_ in _FRAME_PREPS:
        return True
    if prep.lower_ == "by" and any(g.dep_ == "pcomp" for g in prep.children):
        return True  # "by calling for Y": how the source reacted, an attribution of its own
    obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    return obj is not None and obj.ent_type_ in _SETTING_ENTS


def _raising_content(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """Content of "X seems to Y" / "X appears ready" / "it seems that Y" / "X seems like Y":
    the subject through the complement (an expletive "it" subject is left out)."""
    comp = next((c for c in verb.children if c.i > verb.i and c.dep_ in _RAISING_DEPS), None)
    if comp is None:
        comp = next(
            (c for c in verb.children if c.i > verb.i and c.dep_ == "prep" and c.lower_ == "like"),
            None,
        )
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if comp is None or subj is None or subj.tag_ in ("WDT", "WP"):
        return None  # "a habit that may seem ...": the relative clause is not the claim
    expletive = subj.lower_ in ("it", "there")
    lo = max(comp.left_edge.i, verb.i + 1) if expletive else subj.left_edge.i
    hi = max(
        [comp.right_edge.i]
        + [c.right_edge.i for c in verb.children if c.i > verb.i and c.dep_ in _RAISING_DEPS]
    )
    return clause_bounds(doc, lo, cut_tail(doc, lo, hi))


def _is_complement(tok: Token) -> bool:
    """True for a verb dependent that belongs to reported content (object, "as"/"for" phrase)."""
    if tok.dep_ in ("dobj", "oprd", "xcomp", "dative"):
        return True
    return tok.dep_ == "prep" and tok.lower_ in ("as", "for", "about")


def cut_tail(doc: Doc, lo: int, hi: int) -> int:
    """``hi`` moved before a trailing ", <apposition/relative/adverbial clause>", or before a
    lone dash that adds a comment of the writer's ("X — while Y", "X — all firms that")."""
    dashes = [
        k for k in range(lo + 1, hi) if doc[k].text in DASHES and doc[k - 1].whitespace_
    ]
    if len(dashes) == 1:
        return dashes[0] - 1
    for k in range(lo + 1, hi):
        if doc[k].text not in _TAIL_SEPARATORS:
            continue
        n = _past_closing(doc, k + 1, hi)  # 'the “X exemption,” a clause that ...'
        if doc[n].lower_ == "according" and n + 1 < len(doc) and doc[n + 1].lower_ == "to":
            return k - 1  # ", according to X": an attribution of its own
        t = doc[n]
        while t.head.i != t.i and k < t.head.left_edge.i and t.head.i <= hi:
            t = t.head
        if t.dep_ in _TAIL_DEPS and t.right_edge.i >= hi - 1 and not _list_item(t):
            return k - 1
    return hi


def _list_item(tok: Token) -> bool:
    """True if the apposition ``tok`` is an item of a list that the parse hung on the item
    before it: it has an "and"/"or" conjunct of its own ('pledged “calm” in the harbour, a
    “fair” rota, and a new crane'), so the list goes on rather than a comment starting."""
    if tok.dep_ != "appos":
        return False
    conj = [c for c in tok.children if c.dep_ == "conj"]
    return bool(conj) and any(c.dep_ == "cc" and c.lower_ in ("and", "or") for c in tok.children)


def _past_closing(doc: Doc, k: int, hi: int) -> int:
    """``k`` moved past closing quotation marks (not beyond ``hi``): the first word after a
    separator that sits inside a closing mark ('“small beer,” claiming X')."""
    while k < hi and doc[k].is_quote and not doc[k - 1].whitespace_:
        k += 1  # a mark glued to the separator closes; one after a space opens
    return k


def _clause_end(comp: Token, cues: dict[int, CueHit]) -> int:
    """Last token of clause ``comp``, cutting a subjectless cue verb conjunct misattached to
    it ("said A and added B"; "said A but left B" keeps "left B") and a trailing participle
    that is a cue of its own ("insisted that A, claiming B")."""
    doc = comp.doc
    end = cut_tail(doc, comp.left_edge.i, comp.right_edge.i)
    for k in range(comp.left_edge.i + 1, end):
        part = doc[_past_closing(doc, k + 1, end)]
        if doc[k].text == "," and part.tag_ == "VBG" and part.i in cues and part is not comp:
            if part.right_edge.i >= end - 1 or part.dep_ == "advcl":  # ", claiming X"
                end = k - 1
                break
    for c in comp.children:
        if (
            c.dep_ == "conj"
            and c.i > comp.i
            and c.pos_ == "VERB"
            and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
            and comp.head.tag_ == c.tag_
            and c.i in cues
        ):
            cc = [g for g in comp.children if g.dep_ == "cc" and comp.i < g.i < c.i]
            end = min(end, (cc[0].i if cc else c.left_edge.i) - 1)
    return end


def _as_aside(verb: Token, hit: CueHit) -> bool:
    """True if the cue opens an "as"-clause that stands for its content ('As the harbour
    board noted, the pier needs a new deck'; 'the pier needs a new deck, as Ines Okoro told
    the radio station'): an adverbial clause that starts with "as", opens or closes its
    host clause, and whose one-word verb reports speech (not an attitude stance) and has
    nothing it reports of its own (no clause, complement or object but an addressee), so the
    clause it modifies is what was said.  With an object of its own the "as" is a time ('As
    the crowd cheered the mayor, ...')."""
    if verb.dep_ != "advcl" or hit.phrase or hit.stance in get("quotes", "attitude_stances"):
        return False
    first = verb.left_edge
    if first.lower_ != "as" or first.dep_ != "mark" or first.nbor().pos_ == "ADV":
        return False
    if hit.last > hit.first and verb.doc[hit.last].dep_ != "prt":
        return False
    own = {c.dep_ for c in verb.children}
    if own & {"ccomp", "xcomp", "acomp", "oprd", "dative"}:
        return False
    if "dobj" in own and hit.obj != "addressee":
        return False
    head = verb.head
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children):
        return False  # the host is no clause of its own ('..., being “X” as described by Y')
    return verb.left_edge.i <= head.left_edge.i or verb.right_edge.i >= head.right_edge.i - 1


def _host_clause(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """The clause hosting a parenthetical "..., X said, ...": its head's subtree minus X said."""
    head = verb.head
    lo, hi = head.left_edge.i, head.right_edge.i
    c_lo, c_hi = verb.left_edge.i, verb.right_edge.i
    if c_hi >= hi - 1:
        return clause_bounds(doc, lo, c_lo - 1)
    if c_lo <= lo:
        return clause_bounds(doc, c_hi + 1, hi)
    return clause_bounds(doc, lo, hi)


def _according_clause(doc: Doc, hit: CueHit) -> tuple[int, int] | None:
    """The clause an "according to X" phrase attributes: its head's subtree minus the phrase."""
    phrase_tok = hit.head
    head = phrase_tok.head if phrase_tok.head.i != phrase_tok.i else phrase_tok
    lo, hi = head.left_edge.i, head.right_edge.i
    p_lo, p_hi = phrase_tok.left_edge.i, phrase_tok.right_edge.i
    p_hi = max(p_hi, hit.last)
    sent = phrase_tok.sent
    if head is phrase_tok or ends_sentence(doc, p_hi, sent.end):
        # "A, and B when C, according to X.": the whole sentence, whatever the phrase hangs on
        lo, hi = sent.start, sent.end - 1
    if p_lo <= lo:
        return clause_bounds(doc, p_hi + 1, hi)
    # content before the phrase starts after the last colon or semicolon ("A: B, according
    # to X" attributes B)
    lo = max([lo] + [k + 1 for k in range(lo, p_lo) if doc[k].text in (":", ";")])
    if p_hi >= hi:
        return clause_bounds(doc, lo, p_lo - 1)
    return clause_bounds(doc, p_hi + 1, hi) if hi - p_hi > p_lo - lo else clause_bounds(
        doc, lo, p_lo - 1
    )


def ends_sentence(doc: Doc, last: int, sent_end: int) -> bool:
    """True if only punctuation (and closing marks) follows token ``last`` in its sentence."""
    return all(doc[k].is_punct or doc[k].is_space for k in range(last + 1, sent_end))


def _passive_content(doc: Doc, hit: CueHit) -> tuple[int, int] | None:
    """Content of a passive naming cue: from its passive subject through the name it is given
    (the complement or "as" phrase), leaving out the agent ("by anglers") and what follows."""
    verb = hit.head
    # the subject nearest the verb: a misparse can give it two ('sails so fast he is called')
    subj = next((c for c in reversed(list(verb.lefts)) if c.dep_ == "nsubjpass"), None)
    pred = [
        c
        for c in verb.children
        if c.i > verb.i
        and (c.dep_ in ("oprd", "attr", "dobj", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as"))
    ]
    if subj is None or subj.i > verb.i or subj.tag_ in ("WDT", "WP") or not pred:
        return None  # "places that are labelled “X”": the relative pronoun names nothing
    hi = max(c.right_edge.i for c in pred)
    agent = [t.i for t in doc[verb.i + 1 : hi + 1] if t.dep_ == "agent" or t.lower_ == "by"]
    return clause_bounds(doc, subj.left_edge.i, min([hi] + [k - 1 for k in agent]))
