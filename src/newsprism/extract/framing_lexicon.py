"""Framing lexicons (``data/framing/*``) and the matchers built from them, once per vocab.

The lexicons are small data files written by us, each with a provenance note.  This module
parses them and compiles, for a spaCy ``Vocab``:

* ``token_table``: a dict from the hash of a lower-case word or lemma to the one
  :class:`Entry` it triggers (single-word terms, looked up with ``Doc.to_array``);
* ``phrases``: one :class:`spacy.matcher.PhraseMatcher` (``attr="LOWER"``) holding every
  multi-word term of every lexicon, keyed ``"<kind>|<category>|<strength>"``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

import spacy
from spacy.matcher import PhraseMatcher
from spacy.vocab import Vocab

from .. import settings

#: Priority when one word is listed in several lexicons: the first kind wins.
KIND_ORDER = ("doubt_cue", "hedge", "intensifier", "loaded", "discourse_push", "vague_source")


@dataclass(frozen=True, slots=True)
class Entry:
    """What a lexicon term means: its signal kind, category (loaded words) and strength."""

    kind: str
    category: str
    strength: int


def _lines(name: str) -> list[str]:
    """The non-comment, non-blank lines of ``data/framing/<name>``, stripped."""
    text = settings.data_path(f"framing/{name}").read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def expand(phrase: str) -> list[str]:
    """Every spelling of a lexicon phrase: ``a|b`` alternatives, and ``x-y`` as ``x y`` too."""
    options = [word.split("|") for word in phrase.split()]
    out: list[str] = []
    for combo in product(*options):
        text = " ".join(combo)
        out.append(text)
        if "-" in text:
            out.append(text.replace("-", " "))
    return out


@lru_cache(maxsize=1)
def terms() -> dict[str, dict[str, Entry]]:
    """Each lexicon as ``{kind: {term: Entry}}``, terms lower case and fully expanded."""
    result: dict[str, dict[str, Entry]] = {kind: {} for kind in KIND_ORDER}
    for line in _lines("loaded.tsv")[1:]:  # first line is the header
        term, category, strength = line.split("\t")
        for text in expand(term):
            result["loaded"].setdefault(text, Entry("loaded", category, int(strength)))
    for kind, name in (
        ("intensifier", "intensifiers.txt"),
        ("doubt_cue", "doubt_cues.txt"),
        ("hedge", "hedges.txt"),
        ("discourse_push", "discourse.txt"),
        ("vague_source", "vague_sources.txt"),
    ):
        for line in _lines(name):
            for text in expand(line.lower()):
                result[kind].setdefault(text, Entry(kind, kind, 1))
    return result


@lru_cache(maxsize=8)
def word_set(name: str) -> frozenset[str]:
    """A one-term-per-line lexicon (``attribution.txt``, ``titles.txt``) as a set."""
    return frozenset(line.lower() for line in _lines(name))


@lru_cache(maxsize=1)
def source_words() -> dict[str, frozenset[str]]:
    """``data/framing/sources.toml``: head words per source type."""
    raw = settings.data_path("framing/sources.toml").read_text("utf-8")
    return {key: frozenset(words) for key, words in tomllib.loads(raw).items()}


@dataclass(frozen=True, slots=True)
class Matchers:
    """Everything compiled for one vocab (see module docstring); sets hold string hashes."""

    token_table: dict[int, Entry]
    phrases: PhraseMatcher
    phrase_entries: dict[int, Entry]
    attribution: frozenset[int]
    titles: frozenset[int]
    naming: frozenset[int]
    places: frozenset[int]
    organisations: frozenset[int]
    numeric_ents: frozenset[int]
    ids: dict[str, int]


def _single(text: str) -> bool:
    return " " not in text and "-" not in text and "'" not in text


#: Entity labels a possessive frame can possess, and entity labels of figures.
PLACE_LABELS = ("GPE", "LOC", "ORG", "NORP", "FAC")
NUMERIC_LABELS = ("CARDINAL", "PERCENT", "MONEY", "QUANTITY")
_IDS = ("PROPN", "NOUN", "POS", "PERSON", "FAC")


@lru_cache(maxsize=4)
def matchers(vocab: Vocab) -> Matchers:
    """The compiled lexicons for ``vocab`` (built once per vocab and cached)."""
    make_doc = spacy.blank("en", vocab=vocab).make_doc
    strings = vocab.strings
    table: dict[int, Entry] = {}
    phrases = PhraseMatcher(vocab, attr="LOWER")
    by_key: dict[str, list[str]] = {}
    entries: dict[int, Entry] = {}
    lex = terms()
    for kind in KIND_ORDER:
        for text, entry in lex[kind].items():
            if _single(text) and kind != "discourse_push":
                table.setdefault(strings.add(text), entry)
            else:
                key = f"{entry.kind}|{entry.category}|{entry.strength}"
                entries[strings.add(key)] = entry
                by_key.setdefault(key, []).append(text)
    for key, texts in by_key.items():
        phrases.add(key, [make_doc(t) for t in texts])

    def hashes(words) -> frozenset[int]:
        return frozenset(strings.add(w) for w in words if _single(w))

    return Matchers(
        token_table=table,
        phrases=phrases,
        phrase_entries=entries,
        attribution=hashes(word_set("attribution.txt")),
        titles=hashes(word_set("titles.txt")),
        naming=hashes(word_set("naming.txt")),
        places=hashes(PLACE_LABELS),
        organisations=hashes(source_words()["organisation"]),
        numeric_ents=hashes(NUMERIC_LABELS),
        ids={name: strings.add(name) for name in _IDS},
    )
