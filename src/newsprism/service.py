"""The operations the CLI and the web app share, so neither has its own copy.

``add_inputs`` is the main job's first half: ingest -> repair -> parse -> extract -> store
(and group).  Articles are committed in batches, each batch one transaction, so a failure
leaves nothing half-written and the batches before it stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from .errors import InputError
from .model import Analysis, Article

if TYPE_CHECKING:  # the store and the pipeline are imported when first used
    from .store import AddResult, Store

BATCH = 50


@dataclass
class AddReport:
    """What one add did: ids stored, duplicates skipped, inputs that failed."""

    added: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    stories: set[str] = field(default_factory=set)

    def absorb(self, result: AddResult) -> None:
        self.added.extend(result.added)
        self.duplicates.extend(d.article_id for d in result.duplicates)
        self.stories.update(a.story_id for a in result.assignments if a.story_id)


def split_errors(
    items: Iterable[Article | InputError], errors: list[InputError],
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Article]:  # fmt: skip
    """The articles of an ingest stream; its errors go to ``errors`` (and ``on_error``)."""
    for item in items:
        if isinstance(item, InputError):
            errors.append(item)
            if on_error:
                on_error(item)
        else:
            yield item


def ingest(
    inputs: Sequence[str], *, outlet: str | None = None, published: str | None = None,
    max_bytes: int | None = None, stdin=None,
) -> Iterator[Article | InputError]:  # fmt: skip
    """The one ingestion entry point (paths, directories, globs, URLs, ``-``)."""
    from .ingest import iter_articles

    return iter_articles(
        inputs, outlet=outlet, published=published, max_bytes=max_bytes, stdin=stdin
    )


def store_analyses(
    store: Store, analyses: Iterable[Analysis], report: AddReport | None = None,
    on_stored: Callable[[int], None] | None = None,
) -> AddReport:  # fmt: skip
    """Store analyses in batches of ``BATCH``, one transaction each."""
    from .pipeline import PIPELINE_VERSION

    report = report or AddReport()
    it = iter(analyses)
    while batch := list(islice(it, BATCH)):
        report.absorb(store.add(batch, pipeline_version=PIPELINE_VERSION))
        if on_stored:
            on_stored(len(batch))
    return report


def add_inputs(
    store: Store,
    items: Iterable[Article | InputError],
    *,
    workers: int = 1,
    on_error: Callable[[InputError], None] | None = None,
    on_stored: Callable[[int], None] | None = None,
) -> AddReport:
    """Analyse an ingest stream and store it; errors are collected, never fatal."""
    from .pipeline import analyze

    report = AddReport()
    articles = split_errors(items, report.errors, on_error)
    return store_analyses(store, analyze(articles, workers=workers), report, on_stored)


def reanalyzed(store: Store, ids: Sequence[str], *, workers: int = 1) -> Iterator[Analysis]:
    """Fresh analyses of stored articles ``ids`` (from their stored original text)."""
    from .pipeline import analyze

    stored = (store.get(aid) for aid in ids)
    return analyze((a.article for a in stored if a is not None), workers=workers)


def replace_stale(store: Store, analyses: Iterable[Analysis]) -> int:
    """Store re-analyses under the current ``PIPELINE_VERSION`` (one transaction each;
    stories are kept).  Returns how many were replaced."""
    from .pipeline import PIPELINE_VERSION

    n = 0
    for analysis in analyses:
        store.replace(analysis, PIPELINE_VERSION)
        n += 1
    return n


def load_analyses(store: Store, refs: Sequence[str]) -> list[Analysis]:
    """Analyses for story ids or article ids (a story expands to its articles)."""
    out: list[Analysis] = []
    for ref in refs:
        story = store.story(ref)
        ids = story.article_ids if story else (ref,)
        for article_id in ids:
            analysis = store.get(article_id)
            if analysis is None:
                raise InputError(ref, "no such story or article in the store")
            out.append(analysis)
    return out
