"""Article -> repair -> parse -> extract -> Analysis, with every span mapped back.

Extractors are pure functions of the parsed ``Doc`` of the *repaired* text.  After they
run, :func:`map_back` rewrites every ``start``/``end`` through the repair offset map and
re-slices every ``text`` field from the original, so the evidence always points at the
exact words the outlet published.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import fields, is_dataclass, replace
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from . import nlp as nlp_module
from . import settings
from .extract.dates import extract_dates
from .extract.entities import extract_entities
from .extract.figures import extract_figures
from .extract.framing import extract_sentences
from .extract.quotes import extract_quotes
from .model import Analysis, Article
from .repair import Repaired, repair

# Bump when any extractor's output changes: the store re-analyses older articles.
PIPELINE_VERSION = "0.2.0"

T = TypeVar("T")


def map_back(obj: T, repaired: Repaired) -> T:
    """``obj`` with its spans (and nested spans) moved from repaired to original text."""
    if not is_dataclass(obj) or isinstance(obj, type):
        return obj
    changes: dict[str, Any] = {}
    names = {f.name for f in fields(obj)}
    for name in names:
        value = getattr(obj, name)
        if is_dataclass(value):
            changes[name] = map_back(value, repaired)
        elif isinstance(value, tuple) and value and is_dataclass(value[0]):
            changes[name] = tuple(map_back(v, repaired) for v in value)
    if "start" in names and "end" in names:
        start, end = repaired.to_original(obj.start, obj.end)  # type: ignore[attr-defined]
        changes["start"], changes["end"] = start, end
        if "text" in names:
            changes["text"] = repaired.original[start:end]
    return replace(obj, **changes)  # type: ignore[type-var]


def analyze_doc(article: Article, repaired: Repaired, doc: Doc) -> Analysis:
    """Run every extractor on ``doc`` and map the results onto ``article.text``."""
    quotes = extract_quotes(doc)
    found = Analysis(
        article=article,
        repairs=repaired.repairs,
        quotes=tuple(quotes),
        figures=tuple(extract_figures(doc)),
        entities=tuple(extract_entities(doc)),
        dates=tuple(extract_dates(doc, article.published)),
        sentences=tuple(extract_sentences(doc, quotes)),
    )
    if not repaired.repairs:
        return found
    return replace(
        found,
        quotes=tuple(map_back(q, repaired) for q in found.quotes),
        figures=tuple(map_back(f, repaired) for f in found.figures),
        entities=tuple(map_back(e, repaired) for e in found.entities),
        dates=tuple(map_back(d, repaired) for d in found.dates),
        sentences=tuple(map_back(s, repaired) for s in found.sentences),
    )


def analyze(
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    workers: int = 1,
    batch_size: int | None = None,
) -> Iterator[Analysis]:
    """Analyse a stream of articles lazily, in order (``workers`` > 1 parses in processes)."""
    nlp = nlp or nlp_module.load()
    pairs = ((r.text, (a, r)) for a in articles for r in (repair(a.text),))
    docs = nlp.pipe(
        pairs,
        as_tuples=True,
        n_process=max(1, workers),
        batch_size=batch_size or int(settings.get("nlp", "batch_size")),
    )
    for doc, (article, repaired) in docs:
        yield analyze_doc(article, repaired, doc)


def analyze_text(text: str, *, title: str | None = None, published: str | None = None,
                 outlet: str | None = None) -> Analysis:  # fmt: skip
    """Convenience for tests and notebooks: analyse one text given as a string."""
    from .ingest.common import make_id

    article = Article(
        id=make_id("<string>", text), source="<string>", title=title, outlet=outlet,
        published=published, text=text,
    )  # fmt: skip
    return next(analyze([article]))
