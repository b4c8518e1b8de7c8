"""The reporting-cue lexicon (``data/cues.tsv``) and cue spotting on a parsed Doc."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..settings import data_path


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Verb lemmas, verb+particle pairs, fixed phrases and nouns, each mapped to a stance.

    ``objects`` maps a cue (lemma or "lemma particle") to its object role: ``content``,
    ``addressee``, ``predicative``, ``answer``, ``raising`` or ``none`` (see
    ``data/cues.tsv``).  ``noun_objects`` maps a noun cue to the prepositions (and "to" for
    an infinitive) whose complement is its content ("call for X", "a decision to X"); an
    empty tuple means only a "that"-clause counts.  ``prep_nouns`` maps (preposition, noun
    lemma) to a stance: a phrase cue whose noun is the source ("in a new poll").
    """

    verbs: dict[str, str]
    particles: dict[tuple[str, str], str]
    phrases: dict[tuple[str, ...], str]
    objects: dict[str, str]
    verb_objects: dict[tuple[str, str], str]
    nouns: dict[str, str]
    noun_objects: dict[str, tuple[str, ...]]
    prep_nouns: dict[tuple[str, str], str]
    constructions: dict[str, str]


@dataclass(frozen=True, slots=True)
class CueHit:
    """A cue found in a Doc: its head token, token range [first, last] and stance."""

    head: Token
    first: int
    last: int
    stance: str
    phrase: bool = False
    # content | addressee | predicative | answer | raising | noun | passive | none
    obj: str = "none"


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """The lexicon parsed from ``data/cues.tsv`` (comment lines and the header skipped)."""
    verbs: dict[str, str] = {}
    particles: dict[tuple[str, str], str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    objects: dict[str, str] = {}
    verb_objects: dict[tuple[str, str], str] = {}
    nouns: dict[str, str] = {}
    noun_objects: dict[str, tuple[str, ...]] = {}
    prep_nouns: dict[tuple[str, str], str] = {}
    constructions: dict[str, str] = {}
    for line in data_path("cues.tsv").read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cue, stance, kind, obj = (part.strip() for part in line.split("\t")[:4])
        if cue == "cue":
            continue
        words = tuple(cue.lower().split())
        if kind == "noun":
            nouns[words[0]] = stance
            noun_objects[words[0]] = tuple(w for w in obj.split("|") if w != "none")
            continue
        if kind == "prepnoun":
            prep_nouns[(words[0], words[1])] = stance
            continue
        if kind == "construction":
            constructions[" ".join(words)] = stance
            continue
        objects[" ".join(words)] = obj
        if kind == "phrase":
            phrases[words] = stance
        elif kind == "verbobj":
            verb_objects[(words[0], words[1])] = stance
        elif len(words) == 2:
            particles[(words[0], words[1])] = stance
        else:
            verbs[words[0]] = stance
    return CueLexicon(
        verbs,
        particles,
        phrases,
        objects,
        verb_objects,
        nouns,
        noun_objects,
        prep_nouns,
        constructions,
    )


def stance_of(lemma: str) -> str | None:
    """The stance of a single-word verb cue lemma, or None if it is not a cue."""
    return cue_lexicon().verbs.get(lemma.lower())


def construction_stance(name: str) -> str | None:
    """The stance of a cue that a construction rather than a word makes ("quote-first verb":
    the verb right after '“...,” <subject>'), or None if the lexicon has no such row."""
    return cue_lexicon().constructions.get(name)


def find_cues(doc: Doc) -> dict[int, CueHit]:
    """Every cue in ``doc``, keyed by the index of its head token."""
    lex = cue_lexicon()
    first_words = {p[0] for p in lex.phrases}
    source_preps = {p for p, _ in lex.prep_nouns}
    out: dict[int, CueHit] = {}
    for tok in doc:
        low = tok.lower_
        if low in first_words:
            hit = _phrase_at(doc, tok.i, lex.phrases)
            if hit is not None:
                out[tok.i] = hit
                continue
        if tok.dep_ == "prep" and low in source_preps:
            hit = _prep_noun_at(tok, lex.prep_nouns)
            if hit is not None:
                out[tok.i] = hit
                continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.nouns:
            noun_hit = _noun_cue(tok, lex)
            if noun_hit is not None:
                out[tok.i] = noun_hit
            continue
        if tok.pos_ != "VERB":
            continue
        lemma = _lemma(tok, lex.verbs)
        for child in _particle_candidates(tok):
            if _is_particle(tok, child):
                stance = lex.particles.get((lemma, child.lower_))
                if stance is not None:
                    lo, hi = min(tok.i, child.i), max(tok.i, child.i)
                    obj = lex.objects.get(f"{lemma} {child.lower_}", "none")
                    out[tok.i] = CueHit(tok, lo, hi, stance, obj=obj)
                    break
        else:
            stance = lex.verbs.get(lemma)
            if stance is None:
                hit = _verb_object_at(tok, lemma, lex.verb_objects)
                if hit is not None:
                    out[tok.i] = hit
                continue
            out[tok.i] = CueHit(tok, tok.i, tok.i, stance, obj=lex.objects.get(lemma, "none"))
    return out


def _is_particle(verb: Token, child: Token) -> bool:
    """Whether ``child`` can be the second word of a "verb particle" row for ``verb``.

    Besides a tagged particle, a clause marker and a preposition with an object, the parse
    gives two row shapes other labels: "back" in "fired back" / "pushed back" is an adverb
    right after the verb, and "it" in "as the weekly put it" is a pronoun object right after
    the verb (not when the verb has a particle of its own: "put it out").  Without these the
    rows "hit back", "fire back", "shoot back", "push back" and "put it" never matched.
    """
    if child.dep_ in ("prt", "mark"):
        return True
    if child.dep_ == "prep":
        return child.i > verb.i and any(g.dep_ in ("pobj", "pcomp") for g in child.children)
    if child.dep_ == "advmod":
        return verb.i < child.i <= verb.i + 2
    if child.dep_ == "dobj" and child.pos_ == "PRON":
        return child.i == verb.i + 1 and not any(c.dep_ == "prt" for c in verb.children)
    return False


def _lemma(tok: Token, verbs: dict[str, str]) -> str:
    """The token's lemma, or the lexicon verb its inflected form shows when the lemmatiser
    strips too much ("hopes" -> "hop", "hoping" -> "hop": "hope" is returned)."""
    lemma = tok.lemma_.lower()
    if lemma in verbs:
        return lemma
    low = tok.lower_
    stems = [low[:-1]] if low.endswith(("s", "d")) else []
    if low.endswith("ing"):
        stems.append(lemma + "e")
    return next((stem for stem in stems if stem in verbs), lemma)


def _prep_noun_at(prep: Token, table: dict[tuple[str, str], str]) -> CueHit | None:
    """A preposition whose object names a source ("In a Courier poll, X leads"; "..., in
    most surveys"): a phrase cue like "according to", or None.  It must open its sentence
    or follow a comma, as a frame for the clause ("support in the poll" is no cue)."""
    if not (prep.is_sent_start or (prep.i > 0 and prep.doc[prep.i - 1].text == ",")):
        return None
    for obj in prep.children:
        if obj.dep_ == "pobj":
            stance = table.get((prep.lower_, obj.lemma_.lower()))
            if stance is not None:
                return CueHit(prep, prep.i, prep.i, stance, phrase=True)
    return None


def _noun_cue(noun: Token, lex: CueLexicon) -> CueHit | None:
    """A noun cue: with a "that"-clause ("the claim that X"), or with the complement its
    lexicon row allows ("support for X", "a decision to X"; cue span noun..preposition)."""
    lemma = noun.lemma_.lower()
    stance = lex.nouns[lemma]
    if that_clause(noun) is not None:
        return CueHit(noun, noun.i, noun.i, stance)
    allowed = lex.noun_objects.get(lemma, ())
    for child in noun.children:
        if child.i <= noun.i:
            continue
        if (
            child.dep_ == "prep"
            and child.lower_ in allowed
            and child.lower_ != "to"  # "to" in the row means an infinitive, not a phrase
            and any(g.dep_ in ("pobj", "pcomp") for g in child.children)
        ):
            return CueHit(noun, noun.i, child.i, stance, obj="noun")
        if "to" in allowed and child.dep_ == "acl" and any(
            g.dep_ == "aux" and g.lower_ == "to" for g in child.children
        ):
            return CueHit(noun, noun.i, noun.i, stance, obj="noun")
    return None


def that_clause(noun: Token) -> Token | None:
    """The head of a "that"-clause complementing ``noun`` ("the claim that ..."), or None."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and child.i > noun.i and any(
            g.dep_ == "mark" and g.lower_ == "that" and g.i == child.left_edge.i
            for g in child.children
        ):
            return child
    return None


def _particle_candidates(verb: Token) -> list[Token]:
    """The verb's children, plus the marker right after it that opens a clause of its own
    ("called for the council to act": "for" marks "act", which depends on "called")."""
    out = list(verb.children)
    for child in verb.children:
        if child.dep_ in ("advcl", "ccomp"):
            out += [m for m in child.children if m.dep_ == "mark" and m.i == verb.i + 1]
    return out


def _verb_object_at(
    verb: Token, lemma: str, table: dict[tuple[str, str], str]
) -> CueHit | None:
    """A verb + object cue such as "issued a statement", or None."""
    for child in verb.children:
        if child.dep_ == "dobj":
            stance = table.get((lemma, child.lemma_.lower()))
            if stance is not None and child.i > verb.i:
                return CueHit(verb, verb.i, child.i, stance)
    return None


def _phrase_at(doc: Doc, i: int, phrases: dict[tuple[str, ...], str]) -> CueHit | None:
    """A fixed-phrase cue starting at token ``i`` (longest first), or None."""
    for words, stance in sorted(phrases.items(), key=lambda kv: -len(kv[0])):
        end = i + len(words)
        if end <= len(doc) and all(doc[i + k].lower_ == w for k, w in enumerate(words)):
            return CueHit(doc[i], i, end - 1, stance, phrase=True)
    return None
