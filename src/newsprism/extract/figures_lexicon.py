"""Lexicons for the figure extractor, loaded once from ``data/figures/*.tsv``.

Every word list the extractor uses lives in those data files; this module only reads
them and compiles the few regular expressions built from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import settings
from ..settings import data_path


@dataclass(frozen=True, slots=True)
class Limits:
    """The ``[figures]`` thresholds of ``data/settings.toml``."""

    cue_window: int
    move_max_gap: int
    year_min: int
    year_max: int
    age_max: int
    score_max: int

    @classmethod
    def load(cls) -> Limits:
        """The thresholds, read once from settings (environment overrides apply)."""
        return cls(**{name: int(settings.get("figures", name)) for name in cls.__slots__})


@dataclass(frozen=True, slots=True)
class NumberWord:
    """One row of ``numbers.tsv``: a number word, its kind and value (high for vague plurals)."""

    kind: str
    value: float
    high: float | None = None
    direction: str | None = None


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All figure lexicons: number words, unit patterns, change cues and context words."""

    numbers: dict[str, NumberWord]
    pre_units: dict[str, str]
    post_units_cs: dict[str, str]
    post_units_ci: dict[str, str]
    pre_unit_re: re.Pattern[str]
    post_unit_re: re.Pattern[str]
    change_before: dict[str, str]
    change_before_re: re.Pattern[str]
    change_after_re: re.Pattern[str]
    change_after: dict[str, str]
    change_verbs: dict[str, str]
    change_nouns: dict[str, str]
    weak_cues: frozenset[str]
    limits: Limits
    context: dict[str, frozenset[str]]

    def words(self, kind: str) -> frozenset[str]:
        """The context words of one kind (``month``, ``street``, ``label`` ...)."""
        return self.context.get(kind, frozenset())


def _rows(name: str) -> list[list[str]]:
    """The non-comment, non-empty rows of a TSV file under ``data/figures``."""
    text = data_path(f"figures/{name}").read_text("utf-8")
    return [
        line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


def _alternation(surfaces: list[str]) -> str:
    """A regex alternation of the surfaces, longest first, spaces matching any blank run."""
    ordered = sorted(set(surfaces), key=len, reverse=True)
    return "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in ordered)


def _post_unit_regex(cs: list[str], ci: list[str]) -> re.Pattern[str]:
    """Matches a unit right after a number: optional blank or hyphen, the unit, a boundary."""
    alt_ci = _alternation(ci)
    alt_cs = _alternation(cs)
    return re.compile(
        r"[ \t\u00a0]?-?[ \t\u00a0]?(?:(?P<ci>(?i:" + alt_ci + r"))|(?P<cs>" + alt_cs + r"))"
        r"(?![A-Za-z0-9])"
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The figure lexicons, parsed and compiled once per process."""
    numbers: dict[str, NumberWord] = {}
    for row in _rows("numbers.tsv"):
        word, kind, value = row[0], row[1], float(row[2])
        extra = row[3] if len(row) > 3 else None
        if word in numbers:
            continue
        if kind == "verbmult":
            numbers[word] = NumberWord(kind, value, None, extra)
        else:
            numbers[word] = NumberWord(kind, value, float(extra) if extra else None)

    pre: dict[str, str] = {}
    post_cs: dict[str, str] = {}
    post_ci: dict[str, str] = {}
    for surface, unit, where, case in _rows("units.tsv"):
        if where == "pre":
            pre[surface] = unit
        elif case == "cs":
            post_cs[surface] = unit
        else:
            post_ci[surface.lower()] = unit
    pre_re = re.compile(r"(?:^|(?<=[^A-Za-z]))(?P<cur>" + _alternation(list(pre)) + r")\s?$")

    before: dict[str, str] = {}
    after: dict[str, str] = {}
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}
    weak: set[str] = set()
    for row in _rows("change.tsv"):
        phrase, change, where = row[:3]
        {"before": before, "after": after, "verb": verbs, "noun": nouns}[where][phrase] = change
        if len(row) > 3 and row[3] == "weak":
            weak.add(phrase)
    before_re = re.compile(r"(?:^|(?<=[^\w]))(?P<cue>(?i:" + _alternation(list(before)) + r"))\s*$")
    after_re = re.compile(r"\s*(?P<cue>(?i:" + _alternation(list(after)) + r"))(?![A-Za-z])")

    context: dict[str, set[str]] = {}
    for word, kind in _rows("context.tsv"):
        context.setdefault(kind, set()).add(word)

    return Lexicon(
        numbers=numbers,
        pre_units=pre,
        post_units_cs=post_cs,
        post_units_ci=post_ci,
        pre_unit_re=pre_re,
        post_unit_re=_post_unit_regex(list(post_cs), list(post_ci)),
        change_before=before,
        change_before_re=before_re,
        change_after_re=after_re,
        change_after=after,
        change_verbs=verbs,
        change_nouns=nouns,
        weak_cues=frozenset(weak),
        limits=Limits.load(),
        context={k: frozenset(v) for k, v in context.items()},
    )


def post_unit(match: re.Match[str], lex: Lexicon) -> str:
    """The normalised unit for a match of ``Lexicon.post_unit_re``."""
    if match.group("ci") is not None:
        key = re.sub(r"\s+", " ", match.group("ci")).lower()
        return lex.post_units_ci[key]
    return lex.post_units_cs[re.sub(r"\s+", " ", match.group("cs"))]


def pre_unit(surface: str, lex: Lexicon) -> str:
    """The normalised currency for a prefix surface such as ``US $`` or ``£``."""
    return lex.pre_units[re.sub(r"\s+", " ", surface)]
