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
    ``addressee`` or ``none`` (see ``data/cues.tsv``).
    """

    verbs: dict[str, str]
    particles: dict[tuple[str, str], str]
    phrases: dict[tuple[str, ...], str]
    objects: dict[str, str]
    verb_objects: dict[tuple[str, str], str]
    nouns: dict[str, str]


@dataclass(frozen=True, slots=True)
class CueHit:
    """A cue found in a Doc: its head token, token range [first, last] and stance."""

    head: Token
    first: int
    last: int
    stance: str
    phrase: bool = False
    obj: str = "none"  # content | addressee | predicative | answer | none


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """The lexicon parsed from ``data/cues.tsv`` (comment lines and the header skipped)."""
    verbs: dict[str, str] = {}
    particles: dict[tuple[str, str], str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    objects: dict[str, str] = {}
    verb_objects: dict[tuple[str, str], str] = {}
    nouns: dict[str, str] = {}
    for line in data_path("cues.tsv").read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cue, stance, kind, obj = (part.strip() for part in line.split("\t")[:4])
        if cue == "cue":
            continue
        words = tuple(cue.lower().split())
        if kind == "noun":
            nouns[words[0]] = stance
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
    return CueLexicon(verbs, particles, phrases, objects, verb_objects, nouns)


def stance_of(lemma: str) -> str | None:
    """The stance of a single-word verb cue lemma, or None if it is not a cue."""
    return cue_lexicon().verbs.get(lemma.lower())


def find_cues(doc: Doc) -> dict[int, CueHit]:
    """Every cue in ``doc``, keyed by the index of its head token."""
    lex = cue_lexicon()
    first_words = {p[0] for p in lex.phrases}
    out: dict[int, CueHit] = {}
    for tok in doc:
        low = tok.lower_
        if low in first_words:
            hit = _phrase_at(doc, tok.i, lex.phrases)
            if hit is not None:
                out[tok.i] = hit
                continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.nouns:
            if that_clause(tok) is not None:
                out[tok.i] = CueHit(tok, tok.i, tok.i, lex.nouns[tok.lemma_.lower()])
            continue
        if tok.pos_ != "VERB":
            continue
        lemma = _lemma(tok, lex.verbs)
        for child in _particle_candidates(tok):
            if child.dep_ in ("prt", "mark") or (
                child.dep_ == "prep"
                and child.i > tok.i
                and any(g.dep_ in ("pobj", "pcomp") for g in child.children)
            ):
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


def _lemma(tok: Token, verbs: dict[str, str]) -> str:
    """The token's lemma, or the lexicon verb its inflected form shows when the lemmatiser
    strips too much ("hopes" -> "hop": "hope" is returned)."""
    lemma = tok.lemma_.lower()
    if lemma in verbs:
        return lemma
    low = tok.lower_
    stems = [low[:-1]] if low.endswith(("s", "d")) else []
    return next((stem for stem in stems if stem in verbs), lemma)


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
    ("called for the US to act": "for" marks "act", which depends on "called")."""
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
