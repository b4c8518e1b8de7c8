"""The SQLite store: WAL mode, one writer connection behind a lock, one transaction per ``add``.

Schema changes are ordered migration scripts (:data:`MIGRATIONS`); ``PRAGMA user_version``
records how many have run, so opening a store is idempotent and upgrades older files.
Readers may open their own connection with ``SQLiteStore(path, readonly=True)``.

Tables: ``articles`` (analysis JSON + indexed columns, unique normalised URL and content
hash), ``articles_fts`` (FTS5 on title and text), the grouping index (``features``, ``lsh``
band-hash rows ``(band, hash, article_id)``, ``keys``, ``df``), and ``stories``,
``story_articles`` (relation, target, similarity, reasons JSON) and ``threads``.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import numpy as np

from .. import __version__, settings
from ..errors import UsageError
from ..model import Analysis, Story
from ..stories import Assignment, Features, Merge, decide, describe, features, story_merges
from . import AddResult, ArticleRow, Duplicate, Thread
from .codec import encode, from_dict
from .normalize import content_hash, normalise_url

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: articles and full-text search
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            url TEXT,
            url_norm TEXT,
            hash TEXT NOT NULL,
            outlet TEXT,
            published TEXT,
            title TEXT,
            pipeline_version TEXT,
            analysis TEXT NOT NULL,
            added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )""",
        "CREATE UNIQUE INDEX articles_url ON articles(url_norm) WHERE url_norm IS NOT NULL",
        "CREATE UNIQUE INDEX articles_hash ON articles(hash)",
        "CREATE INDEX articles_outlet ON articles(outlet)",
        "CREATE INDEX articles_published ON articles(published)",
        "CREATE INDEX articles_version ON articles(pipeline_version)",
        "CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, text)",
        "CREATE TABLE meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL) WITHOUT ROWID",
    ),
    (  # 2: grouping index, stories and threads
        """CREATE TABLE features (
            article_id TEXT PRIMARY KEY,
            terms TEXT NOT NULL,
            names TEXT NOT NULL,
            sig BLOB NOT NULL
        )""",
        "CREATE TABLE lsh (band INTEGER NOT NULL, hash INTEGER NOT NULL, article_id TEXT NOT NULL)",
        "CREATE INDEX lsh_band_hash ON lsh(band, hash)",
        "CREATE INDEX lsh_article ON lsh(article_id)",
        "CREATE TABLE keys (key TEXT NOT NULL, article_id TEXT NOT NULL)",
        "CREATE INDEX keys_key ON keys(key)",
        "CREATE INDEX keys_article ON keys(article_id)",
        "CREATE TABLE df (term TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID",
        """CREATE TABLE threads (
            id TEXT PRIMARY KEY,
            title TEXT,
            reasons TEXT NOT NULL DEFAULT '[]'
        )""",
        """CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT,
            thread TEXT REFERENCES threads(id),
            created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        )""",
        "CREATE INDEX stories_thread ON stories(thread)",
        """CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY,
            story_id TEXT NOT NULL REFERENCES stories(id),
            relation TEXT NOT NULL,
            target TEXT,
            similarity REAL,
            reasons TEXT NOT NULL DEFAULT '[]'
        )""",
        "CREATE INDEX story_articles_story ON story_articles(story_id)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
_CHUNK = 500


def _chunks(items: Sequence[str], size: int = _CHUNK) -> Iterator[Sequence[str]]:
    """Slices of ``items`` of at most ``size`` (SQLite bound-parameter limits)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _marks(n: int) -> str:
    """``?, ?, ...`` with ``n`` placeholders."""
    return ", ".join("?" * n)


def _bulk(feats: Features) -> Assignment:
    """The assignment of a bulk-loaded article: a story of its own, no decision taken."""
    return Assignment(feats.article_id, None, "new", reasons=({"rule": "bulk load"},))


class SQLiteStore:
    """The SQLite implementation of :class:`newsprism.store.Store` (see the module docstring)."""

    def __init__(self, path: str = "newsprism.db", readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self._lock = threading.RLock()
        if readonly:
            self._db = sqlite3.connect(
                f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
            )
        else:
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            if path != ":memory:":
                self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self.migrate()
        # negative: a size in KiB (SQLite's unit), not a page count
        self._db.execute(f"PRAGMA cache_size = {-1024 * int(settings.get('store', 'cache_mib'))}")

    # ----------------------------------------------------------------- schema
    def schema_version(self) -> int:
        """The number of migrations applied (``PRAGMA user_version``)."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> int:
        """Run the migrations not yet applied, each in its own transaction; returns the version."""
        with self._lock:
            version = self.schema_version()
            for number in range(version, SCHEMA_VERSION):
                with self._transaction():
                    for statement in MIGRATIONS[number]:
                        self._db.execute(statement)
                    self._db.execute(f"PRAGMA user_version = {number + 1}")
            return self.schema_version()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception (re-raised)."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # ----------------------------------------------------------------- writes
    def add(
        self,
        analyses: Iterable[Analysis],
        pipeline_version: str | None = None,
        group: bool = True,
    ) -> AddResult:
        """Store and group new analyses in ONE transaction; returns what was added/skipped.

        ``group=False`` is a bulk load: every article is indexed for later grouping but put in
        a story of its own without a decision (used to fill benchmark stores quickly).
        """
        version = pipeline_version or __version__
        added: list[str] = []
        dups: list[Duplicate] = []
        assigned: list[Assignment] = []
        with self._lock, self._transaction():
            for analysis in analyses:
                dup = self._duplicate(analysis)
                if dup is not None:
                    dups.append(dup)
                    continue
                feats = features(analysis)
                decision = decide(self, feats) if group else _bulk(feats)
                self._insert_article(analysis, version)
                self._index(feats)
                assigned.append(self._apply(decision, analysis.article.title))
                added.append(analysis.article.id)
        return AddResult(tuple(added), tuple(dups), tuple(assigned))

    def _duplicate(self, analysis: Analysis) -> Duplicate | None:
        """A Duplicate when the article's id, normalised URL or content hash is stored."""
        art = analysis.article
        q = self._db.execute
        if q("SELECT 1 FROM articles WHERE id = ?", (art.id,)).fetchone():
            return Duplicate(art.id, art.id, "id")
        url = normalise_url(art.url)
        if url is not None:
            row = q("SELECT id FROM articles WHERE url_norm = ?", (url,)).fetchone()
            if row:
                return Duplicate(art.id, row[0], "url")
        row = q("SELECT id FROM articles WHERE hash = ?", (content_hash(art.text),)).fetchone()
        return Duplicate(art.id, row[0], "hash") if row else None

    def _insert_article(self, analysis: Analysis, version: str) -> None:
        """Insert the article row and its full-text entry."""
        art = analysis.article
        self._db.execute(
            "INSERT INTO articles (id, url, url_norm, hash, outlet, published, title,"
            " pipeline_version, analysis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                art.id,
                art.url,
                normalise_url(art.url),
                content_hash(art.text),
                art.outlet,
                art.published,
                art.title,
                version,
                json.dumps(encode(analysis), ensure_ascii=False),
            ),
        )
        self._db.execute(
            "INSERT INTO articles_fts (article_id, title, text) VALUES (?, ?, ?)",
            (art.id, art.title or "", art.text),
        )

    def _bump(self, key: str, delta: int) -> None:
        """Add ``delta`` to the ``meta`` counter ``key``."""
        self._db.execute(
            "INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = v + ?",
            (key, delta, delta),
        )

    def _counter(self, key: str) -> int:
        """The ``meta`` counter ``key`` (0 when unset)."""
        row = self._db.execute("SELECT v FROM meta WHERE k = ?", (key,)).fetchone()
        return int(row[0]) if row else 0

    def _index(self, feats: Features) -> None:
        """Add an article's grouping features: features row, LSH bands, keys, df counts."""
        aid = feats.article_id
        self._db.execute(
            "INSERT INTO features (article_id, terms, names, sig) VALUES (?, ?, ?, ?)",
            (
                aid,
                json.dumps(feats.terms, ensure_ascii=False),
                json.dumps(feats.names, ensure_ascii=False),
                feats.signature.astype(np.uint64).tobytes(),
            ),
        )
        self._db.executemany(
            "INSERT INTO lsh (band, hash, article_id) VALUES (?, ?, ?)",
            [(b, h, aid) for b, h in feats.bands()],
        )
        self._db.executemany(
            "INSERT INTO keys (key, article_id) VALUES (?, ?)", [(k, aid) for k in feats.keys]
        )
        self._db.executemany(
            "INSERT INTO df (term, n) VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET n = n + 1",
            [(t,) for t in (*feats.terms, *feats.keys)],
        )
        self._bump("n_docs", 1)

    def _unindex(self, article_id: str) -> None:
        """Remove an article's grouping features (df counts decremented)."""
        old = self.load_features([article_id]).get(article_id)
        if old is None:
            return
        self._db.executemany(
            "UPDATE df SET n = n - 1 WHERE term = ?", [(t,) for t in (*old.terms, *old.keys)]
        )
        for table in ("features", "lsh", "keys"):
            self._db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        self._bump("n_docs", -1)

    def _apply(self, decision: Assignment, title: str | None) -> Assignment:
        """Persist a decision (creating the story and threads); returns it with its story id."""
        sid = decision.story_id
        if sid is None:
            self._bump("stories", 1)
            sid = f"s{self._counter('stories')}"
            self._db.execute("INSERT INTO stories (id, title) VALUES (?, ?)", (sid, title))
        self._db.execute(
            "INSERT INTO story_articles (article_id, story_id, relation, target, similarity,"
            " reasons) VALUES (?, ?, ?, ?, ?, ?)",
            (
                decision.article_id,
                sid,
                decision.relation,
                decision.target,
                decision.similarity,
                json.dumps(list(decision.reasons), ensure_ascii=False),
            ),
        )
        for other, reason in decision.thread_with:
            if other != sid:
                self._link_thread(sid, other, reason)
        return Assignment(
            article_id=decision.article_id,
            story_id=sid,
            relation=decision.relation,
            target=decision.target,
            similarity=decision.similarity,
            reasons=decision.reasons,
            thread_with=decision.thread_with,
            candidates_examined=decision.candidates_examined,
        )

    def _thread_of(self, story_id: str) -> str | None:
        """The thread id of a story, or None."""
        row = self._db.execute("SELECT thread FROM stories WHERE id = ?", (story_id,)).fetchone()
        return row[0] if row else None

    def _link_thread(self, story: str, other: str, reason: dict[str, Any]) -> None:
        """Put two stories in one thread (merging threads when both have one)."""
        mine, theirs = self._thread_of(story), self._thread_of(other)
        thread = theirs or mine
        if thread is None:
            self._bump("threads", 1)
            thread = f"t{self._counter('threads')}"
            title = ", ".join(reason.get("shared_entities", [])[:3]) or None
            self._db.execute("INSERT INTO threads (id, title) VALUES (?, ?)", (thread, title))
        if mine is not None and mine != thread:
            self._db.execute("UPDATE stories SET thread = ? WHERE thread = ?", (thread, mine))
            self._db.execute("DELETE FROM threads WHERE id = ?", (mine,))
        self._db.execute("UPDATE stories SET thread = ? WHERE id IN (?, ?)", (thread, story, other))
        row = self._db.execute("SELECT reasons FROM threads WHERE id = ?", (thread,)).fetchone()
        reasons = json.loads(row[0]) + [{"stories": [story, other], **reason}]
        self._db.execute(
            "UPDATE threads SET reasons = ? WHERE id = ?", (json.dumps(reasons), thread)
        )

    def regroup(self, passes: int = 1) -> int:
        """Re-decide every article's story against the whole store; returns how many moved.

        Incremental grouping decides with the index as it was when each article arrived
        (early articles saw few neighbours and rough IDF).  Each pass takes every article out
        of its story in insertion order and places it again with :func:`decide`; emptied
        stories are dropped.  One transaction per pass.  Then stories that report one event
        are merged (:meth:`merge_pass`); a merged story counts as one move.
        """
        moved = 0
        for _ in range(passes):
            with self._lock, self._transaction():
                ids = [r[0] for r in self._db.execute("SELECT id FROM articles ORDER BY rowid")]
                for aid in ids:
                    moved += self._regroup_one(aid)
        return moved + (self.merge_pass() if passes else 0)

    def merge_pass(self) -> int:
        """Merge stories that report one event (rounds of :func:`story_merges` until none is
        found, in one transaction); returns how many stories were merged away."""
        merged = 0
        with self._lock, self._transaction():
            while True:
                ids = [r[0] for r in self._db.execute("SELECT id FROM stories ORDER BY rowid")]
                found = story_merges(self, ids)
                if not found:
                    return merged
                for merge in found:
                    self._merge(merge)
                merged += len(found)

    def _merge(self, merge: Merge) -> None:
        """Move every member of ``merge.absorb`` into ``merge.keep`` (the merge reason appended
        to each moved article's reasons) and drop the emptied story; its thread passes on."""
        rows = self._db.execute(
            "SELECT article_id, reasons FROM story_articles WHERE story_id = ?", (merge.absorb,)
        ).fetchall()
        for aid, raw in rows:
            self._db.execute(
                "UPDATE story_articles SET story_id = ?, reasons = ? WHERE article_id = ?",
                (merge.keep, json.dumps([*json.loads(raw), merge.reason], ensure_ascii=False), aid),
            )
        thread = self._thread_of(merge.absorb)
        if thread is not None and self._thread_of(merge.keep) is None:
            self._db.execute("UPDATE stories SET thread = ? WHERE id = ?", (thread, merge.keep))
        self._db.execute("DELETE FROM stories WHERE id = ?", (merge.absorb,))

    def _regroup_one(self, aid: str) -> int:
        """Take one article out of its story and place it again; returns 1 if it moved."""
        row = self._db.execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (aid,)
        ).fetchone()
        feats = self.load_features([aid]).get(aid)
        if row is None or feats is None:
            return 0
        old = row[0]
        self._db.execute("DELETE FROM story_articles WHERE article_id = ?", (aid,))
        decision = decide(self, feats)
        alone = not self.story_members(old, 1)
        if decision.story_id is None and alone:
            decision = replace(decision, story_id=old)  # still on its own: keep the story id
        elif alone:
            self._db.execute("DELETE FROM stories WHERE id = ?", (old,))
        title = self._db.execute("SELECT title FROM articles WHERE id = ?", (aid,)).fetchone()
        self._apply(decision, title[0] if title else None)
        return int(decision.story_id != old)

    def replace(self, analysis: Analysis, pipeline_version: str | None = None) -> None:
        """Replace a stored analysis (re-analysis); story membership is kept."""
        aid = analysis.article.id
        with self._lock, self._transaction():
            if not self._db.execute("SELECT 1 FROM articles WHERE id = ?", (aid,)).fetchone():
                raise UsageError(f"no stored article {aid!r} to replace")
            self._unindex(aid)
            self._db.execute("DELETE FROM articles_fts WHERE article_id = ?", (aid,))
            self._db.execute("DELETE FROM articles WHERE id = ?", (aid,))
            self._insert_article(analysis, pipeline_version or __version__)
            self._index(features(analysis))

    # ----------------------------------------------------------------- Index protocol
    def n_docs(self) -> int:
        """Number of indexed articles."""
        return self._counter("n_docs")

    def df(self, terms: Iterable[str]) -> dict[str, int]:
        """Document frequency of each term/key that has one."""
        out: dict[str, int] = {}
        items = list(terms)
        for chunk in _chunks(items):
            rows = self._db.execute(
                f"SELECT term, n FROM df WHERE term IN ({_marks(len(chunk))})", chunk
            )
            out.update(rows)
        return out

    def lsh_candidates(self, bands: Sequence[tuple[int, int]], limit: int) -> list[str]:
        """Article ids sharing an LSH band hash (indexed lookups), at most ``limit``."""
        found: dict[str, None] = {}
        for band, value in bands:
            rows = self._db.execute(
                "SELECT article_id FROM lsh WHERE band = ? AND hash = ? LIMIT ?",
                (band, value, limit),
            )
            found.update((r[0], None) for r in rows)
            if len(found) >= limit:
                break
        return list(found)[:limit]

    def key_candidates(self, keys: Sequence[str], per_key: int) -> dict[str, list[str]]:
        """The ``per_key`` most recently added article ids holding each key."""
        out = {}
        for key in keys:
            rows = self._db.execute(
                "SELECT article_id FROM keys WHERE key = ? ORDER BY rowid DESC LIMIT ?",
                (key, per_key),
            )
            out[key] = [r[0] for r in rows]
        return out

    def load_features(self, ids: Sequence[str]) -> dict[str, Features]:
        """Stored grouping features of the given articles."""
        out: dict[str, Features] = {}
        for chunk in _chunks(list(ids)):
            rows = self._db.execute(
                "SELECT f.article_id, f.terms, f.names, f.sig, a.published, a.outlet, a.title"
                " FROM features f JOIN articles a ON a.id = f.article_id"
                f" WHERE f.article_id IN ({_marks(len(chunk))})",
                chunk,
            )
            for aid, terms, names, sig, published, outlet, title in rows:
                name_map = json.loads(names)
                out[aid] = Features(
                    article_id=aid,
                    terms=json.loads(terms),
                    keys=frozenset(name_map),
                    signature=np.frombuffer(sig, dtype=np.uint64),
                    published=published,
                    outlet=outlet,
                    title=title,
                    names=name_map,
                )
        return out

    def story_of(self, ids: Sequence[str]) -> dict[str, str]:
        """Story id of each given article that has one."""
        out: dict[str, str] = {}
        for chunk in _chunks(list(ids)):
            rows = self._db.execute(
                "SELECT article_id, story_id FROM story_articles"
                f" WHERE article_id IN ({_marks(len(chunk))})",
                chunk,
            )
            out.update(rows)
        return out

    def story_members(self, story_id: str, limit: int) -> list[str]:
        """The ``limit`` most recently added members of a story."""
        rows = self._db.execute(
            "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY rowid DESC LIMIT ?",
            (story_id, limit),
        )
        return [r[0] for r in rows]

    # ----------------------------------------------------------------- reads
    def get(self, article_id: str) -> Analysis | None:
        """The stored analysis (with its story id), or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT a.analysis, s.story_id FROM articles a"
                " LEFT JOIN story_articles s ON s.article_id = a.id WHERE a.id = ?",
                (article_id,),
            ).fetchone()
        if row is None:
            return None
        d = json.loads(row[0])
        d["story"] = row[1]
        return from_dict(d)

    def articles(
        self,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[ArticleRow]:
        """Stored articles, newest published first, filtered by outlet and date range."""
        where, params = [], []
        for clause, value in (
            ("a.outlet = ?", outlet),
            ("a.published >= ?", since),
            ("a.published <= ?", until),
        ):
            if value is not None:
                where.append(clause)
                params.append(value)
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, a.url, a.pipeline_version, s.story_id"
            " FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.published DESC, a.rowid"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self._lock:
            return [ArticleRow(*row) for row in self._db.execute(sql, params)]

    def search(self, query: str, limit: int = 20) -> list[ArticleRow]:
        """FTS5 search over titles and texts, best first, with a highlighted snippet."""
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, a.url, a.pipeline_version, s.story_id,"
            " snippet(articles_fts, -1, '[', ']', '…', 12)"
            " FROM articles_fts JOIN articles a ON a.id = articles_fts.article_id"
            " LEFT JOIN story_articles s ON s.article_id = a.id"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        try:
            with self._lock:
                return [ArticleRow(*row) for row in self._db.execute(sql, (query, limit))]
        except sqlite3.OperationalError as exc:
            raise UsageError(f"bad search query {query!r}: {exc}") from exc

    def stale(self, version: str) -> list[str]:
        """Ids of articles whose stored analysis is not from pipeline ``version``."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id FROM articles WHERE pipeline_version IS NOT ? ORDER BY rowid",
                (version,),
            )
            return [r[0] for r in rows]

    def _story_rows(self, where: str = "", params: Sequence[Any] = ()) -> list[Story]:
        """Stories (with member ids and reason lines) matching a WHERE clause."""
        with self._lock:
            stories = self._db.execute(
                f"SELECT id, title, thread FROM stories {where} ORDER BY rowid", params
            ).fetchall()
            out = []
            for sid, title, thread in stories:
                rows = self._db.execute(
                    "SELECT article_id, reasons FROM story_articles WHERE story_id = ?"
                    " ORDER BY rowid",
                    (sid,),
                ).fetchall()
                reasons = tuple(
                    f"{aid}: {describe(r)}" for aid, raw in rows for r in json.loads(raw)[:2]
                )
                out.append(Story(sid, tuple(r[0] for r in rows), title, thread, reasons))
            return out

    def count_stories(self) -> int:
        """Number of stories."""
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM stories").fetchone()[0])

    def stories(self) -> list[Story]:
        """Every story, in creation order."""
        return self._story_rows()

    def story(self, story_id: str) -> Story | None:
        """One story, or None."""
        found = self._story_rows("WHERE id = ?", (story_id,))
        return found[0] if found else None

    def story_reasons(self, story_id: str) -> list[dict[str, Any]]:
        """Per-article assignment records of a story: relation, target, similarity, reasons."""
        with self._lock:
            rows = self._db.execute(
                "SELECT article_id, relation, target, similarity, reasons FROM story_articles"
                " WHERE story_id = ? ORDER BY rowid",
                (story_id,),
            ).fetchall()
        return [
            {"article": a, "relation": rel, "target": t, "similarity": s, "reasons": json.loads(r)}
            for a, rel, t, s, r in rows
        ]

    def threads(self) -> list[Thread]:
        """Every thread with its stories and reasons."""
        with self._lock:
            rows = self._db.execute("SELECT id, title, reasons FROM threads ORDER BY rowid")
            out = []
            for tid, title, reasons in rows.fetchall():
                sids = self._db.execute(
                    "SELECT id FROM stories WHERE thread = ? ORDER BY rowid", (tid,)
                )
                out.append(
                    Thread(tid, tuple(r[0] for r in sids), title, tuple(json.loads(reasons)))
                )
            return out

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()
