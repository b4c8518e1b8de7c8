"""Speaker mentions and their resolution to the best name in the article.

Speaker-specific logic only: finding the source of a reporting verb in the parse, the
mention's span, and resolving pronouns ("he said"), roles ("the Commissioner") and short
forms ("Ms Brennan") to a name.  Named-entity canonicalisation itself is done by
:func:`newsprism.extract.entities.extract_entities`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..model import Entity, Speaker
from ..settings import data_path
from .entities import extract_entities, honorifics
from .framing_lexicon import source_words

# Dependents that end a speaker mention (appositions, relative clauses, punctuation).
_CUT_DEPS = frozenset(
    {"appos", "punct", "relcl", "acl", "advcl", "cc", "conj", "parataxis", "case"}
)
_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Dependents that say whose document a document noun is ("the council's figures", "figures
# from the council", "the Ellery study").
_OWNER_DEPS = frozenset({"det", "poss", "compound", "nmod", "prep", "nummod", "appos"})
_CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "ccomp", "pcomp", "acl", "prep", "acomp"})


@lru_cache(maxsize=1)
def pronoun_table() -> dict[str, str]:
    """Lower-case pronoun -> 'm' | 'f' | 'person' | 'group' (``data/quotes_pronouns.tsv``)."""
    out: dict[str, str] = {}
    for line in data_path("quotes_pronouns.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#") and "\t" in line:
            word, kind = line.split("\t")[:2]
            if word != "pronoun":
                out[word.strip()] = kind.strip()
    return out


@dataclass
class _Person:
    name: str
    end: int  # end offset of the latest mention
    titles: set[str] = field(default_factory=set)
    gender: str | None = None


@dataclass
class SpeakerResolver:
    """Resolves speaker mentions left to right, remembering earlier speakers and people."""

    doc: Doc
    entities: list[Entity]
    people: list[_Person] = field(default_factory=list)
    orgs: list[tuple[str, int]] = field(default_factory=list)  # (name, end offset)
    last_speakers: list[tuple[str, int, str]] = field(default_factory=list)  # name, end, kind

    @classmethod
    def for_doc(cls, doc: Doc) -> SpeakerResolver:
        """A resolver primed with the people and organisations named in ``doc``."""
        ents = extract_entities(doc)
        res = cls(doc=doc, entities=ents)
        by_name: dict[str, _Person] = {}
        for ent in ents:
            if ent.label == "PERSON":
                person = by_name.setdefault(ent.name, _Person(ent.name, ent.end))
                person.titles |= _titles_before(doc, ent)
                person.gender = person.gender or _honorific_gender(doc, ent)
            elif ent.label in ("ORG", "GPE", "NORP"):
                res.orgs.append((ent.name, ent.end))
        res.people = list(by_name.values())
        return res

    def _entity_in(self, start: int, end: int) -> Entity | None:
        """The longest PERSON/ORG entity inside ``[start, end)`` (person preferred)."""
        inside = [
            e
            for e in self.entities
            if e.start >= start and e.end <= end and e.label in ("PERSON", "ORG", "GPE", "NORP")
        ]
        if not inside:
            return None
        return max(inside, key=lambda e: (e.label == "PERSON", e.end - e.start))

    def _first_mention(self, name: str) -> int:
        """Offset of the first mention of the entity called ``name``."""
        return min((e.start for e in self.entities if e.name == name), default=0)

    def resolve(self, span: Span) -> Speaker:
        """The Speaker for mention ``span``: its span plus the best name found for it."""
        name = self._resolve_name(span)
        return Speaker(name=name, start=span.start_char, end=span.end_char)

    def _resolve_name(self, span: Span) -> str:
        root = span.root
        if len(span) == 1 and root.tag_ in ("WDT", "WP") and root.head.dep_ == "relcl":
            return self._resolve_name(mention_span(root.head.head))  # "X, who said ..."
        low = root.lower_
        kind = pronoun_table().get(low)
        if kind is not None and len(span) == 1:
            found = self._antecedent(span.start_char, kind)
            if found:
                return found
            return span.text
        named = self._apposed_person(root)
        if named is not None:  # "Its chair, Tomasz Wren, said": the apposed name
            self._remember(named.name, span.end_char, "person")
            return named.name
        ent = self._entity_in(span.start_char, span.end_char)
        if ent is not None and ent.start <= root.idx < ent.end:
            self._remember(ent.name, span.end_char, "person" if ent.label == "PERSON" else "group")
            return ent.name
        if span.text.isupper():  # a transcript label ("TAPPER:"): the person of that surname
            person = next((p for p in self.people if p.name.lower().split()[-1:] == [low]), None)
            if person is not None:
                self._remember(person.name, span.end_char, "person")
                return person.name
        if root.pos_ in ("NOUN", "PROPN") and any(t.lower_ == "the" for t in root.lefts):
            person = self._by_title(root.lower_, span.start_char)
            if person is not None:
                self._remember(person.name, span.end_char, "person")
                return person.name
        self._remember(span.text, span.end_char, "group")
        return span.text

    def _apposed_person(self, root: Token) -> Entity | None:
        """The PERSON entity in apposition to a role noun ("its chair, Tomasz Wren")."""
        if root.ent_type_ == "PERSON":
            return None
        for child in root.children:
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                return self._entity_in(child.left_edge.idx, child.right_edge.idx + 1 + len(
                    child.right_edge.text))
        return None

    def _remember(self, name: str, end: int, kind: str) -> None:
        self.last_speakers.append((name, end, kind))

    def _antecedent(self, at: int, kind: str) -> str | None:
        """The most recent compatible speaker (or else named person) before offset ``at``."""
        want_person = kind in ("m", "f", "person")
        for name, end, skind in reversed(self.last_speakers):
            if end > at:
                continue
            if want_person and skind == "person":
                person = next((p for p in self.people if p.name == name), None)
                if person is not None and kind in ("m", "f"):
                    if person.gender not in (None, kind):
                        continue
                    person.gender = kind
                return name
            if not want_person and skind == "group":
                return name
        if want_person:
            cands = [p for p in self.people if self._first_mention(p.name) < at]
            cands = [p for p in cands if kind not in ("m", "f") or p.gender in (None, kind)]
            if cands:
                return max(cands, key=lambda p: self._last_before(p.name, at)).name
        else:
            orgs = [(n, e) for n, e in self.orgs if e <= at]
            if orgs:
                return orgs[-1][0]
        return None

    def _last_before(self, name: str, at: int) -> int:
        """End offset of the last mention of ``name`` before ``at``."""
        return max((e.end for e in self.entities if e.name == name and e.end <= at), default=-1)

    def _by_title(self, title: str, at: int) -> _Person | None:
        """The person most recently introduced with ``title`` before offset ``at``."""
        cands = [p for p in self.people if title in p.titles and self._first_mention(p.name) < at]
        if not cands:
            return None
        return max(cands, key=lambda p: self._last_before(p.name, at))


def _titles_before(doc: Doc, ent: Entity) -> set[str]:
    """Lower-case title words introducing a person: "Harbour Commissioner Ada Brennan"."""
    span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
    if span is None:
        return set()
    out: set[str] = set()
    i = span.start - 1
    while i >= 0 and span.start - i <= 4:
        tok = doc[i]
        if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ == "PERSON":
            break
        out.add(tok.lower_)
        i -= 1
    for tok in span.root.children:
        if tok.dep_ == "appos":
            out.add(tok.lower_)
    if span.root.dep_ == "appos":
        out.add(span.root.head.lower_)
    return out


def _honorific_gender(doc: Doc, ent: Entity) -> str | None:
    """'m'/'f' if the mention is preceded by a gendered honorific (Mr, Ms, Mrs, Miss)."""
    span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    word = doc[span.start - 1].lower_.rstrip(".")
    if span[0].lower_.rstrip(".") in honorifics():
        word = span[0].lower_.rstrip(".")
    return pronoun_table().get("honorific:" + word)


def mention_span(tok: Token) -> Span:
    """The speaker mention headed by ``tok``: its subtree without appositions/clauses."""
    keep = [tok]
    todo = [c for c in tok.children if c.dep_ not in _CUT_DEPS]
    while todo:
        cur = todo.pop()
        keep.append(cur)
        todo.extend(c for c in cur.children if c.dep_ not in _CUT_DEPS)
    lo = min(t.i for t in keep)
    hi = max(t.i for t in keep)
    doc = tok.doc
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    while lo < hi and doc[lo].is_punct:
        lo += 1
    return doc[lo : hi + 1]


def source_of(cue: Token) -> Token | None:
    """The token heading the source of reporting verb ``cue`` (subject, agent, or inherited).

    A subjectless participle hanging on a reported clause takes the subject of the verb that
    reports the clause ("X insisted that A was safe, claiming B": X claims B).  A subjectless
    cue climbs to the subject of the verb or adjective it completes ("X was eager to add")."""
    cur = cue
    if cue.tag_ == "VBG" and cue.dep_ == "advcl" and cue.head.dep_ == "ccomp" and not any(
        c.dep_ in _SUBJ_DEPS for c in cue.children
    ):
        cur = cue.head.head  # "X insisted that A was safe, claiming B": X claims, not A
    for _ in range(4):
        subjects = [c for c in cur.children if c.dep_ in _SUBJ_DEPS]
        # "Harbour authority chair Tomasz Wren claimed": the small parser often gives the
        # role and the name one subject each; the named person is the source.
        subj = next((c for c in subjects if c.ent_type_ == "PERSON"), None) or next(
            iter(subjects), None
        )
        if subj is not None and subj.dep_ == "nsubjpass":
            agent = _agent(cur)
            return agent
        if subj is not None:
            return subj
        agent = _agent(cur)
        if agent is not None:
            return agent
        if cur.dep_ not in _CLIMB_DEPS or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def document_source(src: Token) -> Token | None:
    """The source to report for the source token ``src`` of a cue.

    A bare document or data noun ("Figures suggest ...", "New data show ...", "Research
    finds ...": a head word of the ``document`` list of ``data/framing/sources.toml``, the
    list the framing profile classifies sources with, with no determiner, possessor, name or
    complement to say whose it is) is evidence, not a voice: the source is the agent of a
    participle on it ("figures published by the council" -> "the council"), or None.  Any
    other token is returned as it is ("the council's figures", "The study", "Ms Hall").
    """
    if src.pos_ not in ("NOUN", "PROPN") or src.ent_type_:
        return src
    words = source_words()["document"]
    if src.lower_ not in words and src.lemma_.lower() not in words:
        return src
    if any(c.dep_ in _OWNER_DEPS for c in src.children):
        return src
    for clause in (c for c in src.children if c.dep_ == "acl"):
        agent = _agent(clause)
        if agent is not None:
            return agent
    return None


def _agent(verb: Token) -> Token | None:
    """The object of the ``by`` agent phrase of a passive ``verb``, if any."""
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None
