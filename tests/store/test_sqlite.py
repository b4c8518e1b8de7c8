"""The SQLite store: round-trip, de-duplication, transactions, migrations, FTS, staleness."""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsprism import settings, stories  # noqa: E402
from newsprism.errors import UsageError  # noqa: E402
from newsprism.model import Cue, Quote, Sentence, Signal, Speaker, to_dict  # noqa: E402
from newsprism.store import open_store  # noqa: E402
from newsprism.store.codec import from_dict  # noqa: E402
from newsprism.store.sqlite import SCHEMA_VERSION, SQLiteStore  # noqa: E402
from storyfixtures import corpus, make  # noqa: E402


def rich_analysis():
    """An analysis with every kind of nested evidence."""
    base = make("rich", 'The mayor said "we will rebuild" on Monday.', url="https://x.test/a")
    quote = Quote(
        16,
        32,
        '"we will rebuild"',
        "direct",
        Speaker("Ellen Park", 4, 9),
        Cue("said", 10, 14, "neutral"),
    )
    sentence = Sentence(0, 44, 0.25, (Signal(20, 27, "rebuild", "loaded"),))
    return replace(base, quotes=(quote,), sentences=(sentence,))


def test_from_dict_inverts_to_dict():
    analysis = rich_analysis()
    assert to_dict(from_dict(to_dict(analysis))) == to_dict(analysis)


def test_round_trip_through_store():
    store = open_store(":memory:")
    analysis = rich_analysis()
    result = store.add([analysis])
    assert result.added == ("rich",)
    got = store.get("rich")
    assert got is not None
    assert got.article == analysis.article  # url kept too
    assert got.quotes == analysis.quotes and got.sentences == analysis.sentences
    assert got.story == result.assignments[0].story_id
    assert store.get("missing") is None


def test_duplicates_by_url_and_hash_are_reported_not_stored():
    store = open_store(":memory:")
    first = make(
        "a", "Water rose in Riverton overnight.", url="https://www.news.test/x/?utm_source=t"
    )
    same_url = make("b", "A different text entirely.", url="http://news.test/x#top")
    same_text = make("c", "  water ROSE in riverton\n overnight. ", url="https://other.test/y")
    result = store.add([first, same_url, same_text])
    assert result.added == ("a",)
    by = {d.article_id: (d.duplicate_of, d.by) for d in result.duplicates}
    assert by == {"b": ("a", "url"), "c": ("a", "hash")}
    assert [row.id for row in store.articles()] == ["a"]
    again = store.add([first])
    assert again.duplicates[0].by == "id"


def test_failed_add_leaves_nothing_half_written(monkeypatch):
    store = open_store(":memory:")
    store.add([make("kept", "An earlier article stays put.")])
    real = stories.features

    def explode(analysis):
        if analysis.article.id == "bad":
            raise RuntimeError("boom")
        return real(analysis)

    monkeypatch.setattr("newsprism.store.sqlite.features", explode)
    with pytest.raises(RuntimeError):
        store.add([make("good", "This one would be fine."), make("bad", "This one fails.")])
    assert [row.id for row in store.articles()] == ["kept"]
    assert store.get("good") is None
    assert [s.article_ids for s in store.stories()] == [("kept",)]
    assert store.search("fine") == []
    assert store.n_docs() == 1


def test_migrations_from_empty_and_idempotent_reopen(tmp_path):
    path = str(tmp_path / "np.db")
    store = SQLiteStore(path)
    assert store.schema_version() == SCHEMA_VERSION
    store.add([make("a", "Something happened in Lakeside today.")])
    store.close()
    again = SQLiteStore(path)
    assert again.schema_version() == SCHEMA_VERSION
    assert again.migrate() == SCHEMA_VERSION
    assert [row.id for row in again.articles()] == ["a"]
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    reader = SQLiteStore(path, readonly=True)
    assert reader.get("a") is not None
    reader.close()
    again.close()


def test_page_cache_comes_from_settings(tmp_path, monkeypatch):
    path = str(tmp_path / "np.db")
    store = SQLiteStore(path)
    # negative cache_size = KiB; the setting is in MiB
    mib = settings.get("store", "cache_mib")
    assert mib > 2  # above SQLite's own default of about 2 MiB
    assert store._db.execute("PRAGMA cache_size").fetchone()[0] == -1024 * mib
    store.close()
    monkeypatch.setenv("NEWSPRISM_STORE_CACHE_MIB", "3")
    reader = SQLiteStore(path, readonly=True)
    assert reader._db.execute("PRAGMA cache_size").fetchone()[0] == -3 * 1024
    reader.close()


def test_partial_schema_is_upgraded(tmp_path):
    path = str(tmp_path / "old.db")
    db = sqlite3.connect(path, isolation_level=None)
    from newsprism.store.sqlite import MIGRATIONS

    for statement in MIGRATIONS[0]:
        db.execute(statement)
    db.execute("PRAGMA user_version = 1")
    db.close()
    store = SQLiteStore(path)
    assert store.schema_version() == SCHEMA_VERSION
    assert store.add([make("a", "Text after an upgrade.")]).added == ("a",)


def test_fts_search_ranks_and_snippets():
    store = open_store(":memory:")
    store.add(corpus())
    hits = store.search("evacuated")
    assert {h.id for h in hits} <= {"flood-1", "flood-2", "flood-3", "flood-1-wire"}
    assert hits and all(h.story for h in hits) and "[" in (hits[0].snippet or "")
    assert {h.id for h in store.search("Acme AND smoke")} == {"fire-1", "fire-3"}
    with pytest.raises(UsageError):
        store.search('"unbalanced')


def test_stale_and_replace():
    store = open_store(":memory:")
    store.add([make("a", "First version of the text.")], pipeline_version="1")
    store.add([make("b", "Another article entirely here.")], pipeline_version="2")
    assert store.stale("2") == ["a"]
    store.replace(make("a", "First version of the text, re-analysed."), pipeline_version="2")
    assert store.stale("2") == []
    assert "re-analysed" in store.get("a").article.text
    assert store.get("a").story is not None
    assert [h.id for h in store.search("analysed")] == ["a"]
    with pytest.raises(UsageError):
        store.replace(make("zzz", "No such article."))


def test_articles_filters():
    store = open_store(":memory:")
    store.add(corpus())
    times = store.articles(outlet="National Times")
    assert {r.id for r in times} == {"flood-2", "fire-2", "police-2025"}
    old = store.articles(until="2019-01-01")
    assert [r.id for r in old] == ["police-2018"]
    assert len(store.articles(limit=2)) == 2
