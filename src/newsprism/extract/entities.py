"""Named entities with a canonical ``name`` shared by every mention of one entity.

``Khan``, ``Mr Khan`` and ``Sadiq Khan`` share ``name="Sadiq Khan"``; ``the Met`` and
``Metropolitan Police`` share the longer name when one is a short form of the other
(leading token, acronym). Honorifics and titles (``data/honorifics.txt``) are stripped
from person names; a leading "the" and a trailing possessive from every name.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span

from ..model import Entity
from ..settings import data_path

# spaCy labels that name things (numbers, dates and money are figures/dates, not entities).
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT"})


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    """Lower-case honorifics/titles from ``data/honorifics.txt``."""
    lines = data_path("honorifics.txt").read_text("utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


def surface_name(span: Span) -> str:
    """The mention's name without leading titles/"the" and trailing possessive."""
    toks = list(span)
    titles = honorifics()
    while toks and toks[0].lower_.rstrip(".") in titles and len(toks) > 1:
        toks = toks[1:]
    while toks and (toks[-1].tag_ == "POS" or toks[-1].text in {"'s", "’s", "'", "’"}):
        toks = toks[:-1]
    if not toks:
        return span.text
    text = span.doc[toks[0].i : toks[-1].i + 1].text  # doc.text would rebuild the whole text
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return " ".join(text.split())


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _is_short_form(short: str, long: str, label: str) -> bool:
    """True when ``short`` names the same thing as ``long`` (surname, first word, acronym)."""
    if short == long or len(short) >= len(long):
        return False
    s_words, l_words = short.split(), long.split()
    if label == "PERSON":
        # "Khan" / "Sadiq Khan": the short form is the tail (surname) of the long one.
        return l_words[-len(s_words) :] == s_words
    if len(s_words) == 1 and len(short) >= 2 and short.isupper() and _acronym(long) == short:
        return True
    # "Met" / "Metropolitan Police": a clipped first word of a multiword name.
    return (
        len(s_words) == 1
        and len(l_words) > 1
        and len(short) >= 3
        and l_words[0].startswith(short)
        and l_words[0][len(short) :].isalpha()
        and len(l_words[0]) - len(short) >= 3
        and short[0].isupper()
    )


def canonical_names(mentions: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Map each (surface name, label) to the longest name in the article it abbreviates."""
    by_label: dict[str, set[str]] = {}
    for name, label in mentions:
        by_label.setdefault(label, set()).add(name)
    result: dict[tuple[str, str], str] = {}
    for label, names in by_label.items():
        ordered = sorted(names, key=lambda n: (-len(n), n))
        for name in names:
            candidates = [long for long in ordered if _is_short_form(name, long, label)]
            # Only resolve when the short form points at one entity ("Smith" with two
            # different Smiths stays as it is).
            longest = {c for c in candidates if not any(_is_short_form(c, o, label) for o in names)}
            result[(name, label)] = longest.pop() if len(longest) == 1 else name
    return result


def _merge_split_persons(ents: list[Span]) -> list[Span]:
    """Join a one-token name mislabelled as a place/org with the PERSON right after it.

    The small English model often tags a first name as GPE/ORG ("Sadiq" + "Khan").
    """
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and ent.label_ == "PERSON"
            and prev.label_ != "PERSON"
            and len(prev) == 1
            and prev.end == ent.start
            and prev[0].is_title
            and not prev[0].whitespace_ == ""
        ):
            out[-1] = Span(ent.doc, prev.start, ent.end, label="PERSON")
        else:
            out.append(ent)
    return out


def extract_entities(doc: Doc) -> list[Entity]:
    """Every named entity in ``doc`` with its canonical name; offsets into ``doc.text``."""
    ents = _merge_split_persons([e for e in doc.ents if e.label_ in NAME_LABELS])
    surfaces = [(surface_name(e), e.label_) for e in ents]
    canon = canonical_names(surfaces)
    return [
        Entity(start=e.start_char, end=e.end_char, text=e.text, label=e.label_, name=canon[s])
        for e, s in zip(ents, surfaces, strict=True)
    ]
