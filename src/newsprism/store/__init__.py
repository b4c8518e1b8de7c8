"""Persistence of analyses and stories.

:class:`Store` is the small interface every backend implements; :func:`open_store` opens the
SQLite one (``":memory:"`` for tests).  ``add`` runs one transaction per call and places every
new article into a story (:mod:`newsprism.stories`); duplicates are reported, not stored twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..model import Analysis, Story
from ..stories import Assignment
from .codec import from_dict


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An article that was not stored because it is already there (``by``: id, url or hash)."""

    article_id: str
    duplicate_of: str
    by: str


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one :meth:`Store.add` call did."""

    added: tuple[str, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    assignments: tuple[Assignment, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """The indexed columns of one stored article (returned by ``articles`` and ``search``)."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    pipeline_version: str | None
    story: str | None = None
    snippet: str | None = None


@dataclass(frozen=True, slots=True)
class Thread:
    """Stories on one issue over time (e.g. the same police force years apart)."""

    id: str
    story_ids: tuple[str, ...]
    title: str | None = None
    reasons: tuple[dict[str, Any], ...] = field(default=())


class Store(Protocol):
    """A store of analyses and their story assignments."""

    def add(
        self, analyses: Iterable[Analysis], pipeline_version: str | None = None, group: bool = True
    ) -> AddResult:
        """Store and group new analyses in one transaction (all or nothing)."""
        ...

    def regroup(self, passes: int = 1) -> int:
        """Re-decide every article's story against the whole store; returns how many moved."""
        ...

    def get(self, article_id: str) -> Analysis | None:
        """The stored analysis of an article, or None."""
        ...

    def articles(
        self,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[ArticleRow]:
        """Stored articles, newest published first, optionally filtered."""
        ...

    def stories(self) -> list[Story]:
        """Every story, in creation order."""
        ...

    def story(self, story_id: str) -> Story | None:
        """One story, or None."""
        ...

    def story_reasons(self, story_id: str) -> list[dict[str, Any]]:
        """Per-article assignment records of a story (relation, target, similarity, reasons)."""
        ...

    def threads(self) -> list[Thread]:
        """Every thread."""
        ...

    def search(self, query: str, limit: int = 20) -> list[ArticleRow]:
        """Full-text search (SQLite FTS5 syntax) over titles and texts, best first."""
        ...

    def stale(self, version: str) -> list[str]:
        """Ids of articles analysed by a pipeline version other than ``version``."""
        ...

    def replace(self, analysis: Analysis, pipeline_version: str | None = None) -> None:
        """Replace a stored article's analysis (re-analysis); its story is kept."""
        ...

    def close(self) -> None:
        """Release the store."""
        ...


def open_store(path: str = "newsprism.db") -> Store:
    """Open (creating and migrating as needed) the SQLite store at ``path``."""
    from .sqlite import SQLiteStore

    return SQLiteStore(path)


__all__ = [
    "AddResult",
    "ArticleRow",
    "Duplicate",
    "Store",
    "Thread",
    "from_dict",
    "open_store",
]
