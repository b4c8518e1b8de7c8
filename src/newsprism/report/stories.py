"""Terminal and JSON views of the stored stories (``newsprism stories`` / ``story``)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..model import Analysis, Story
from .terminal import shorten

if TYPE_CHECKING:
    from ..store import ArticleRow, Store


def story_rows(store: Store) -> list[dict[str, Any]]:
    """One JSON-ready row per story, newest (latest article) first."""
    by_story: dict[str, list[ArticleRow]] = defaultdict(list)
    for row in store.articles():
        if row.story:
            by_story[row.story].append(row)
    thread_of = {sid: t.id for t in store.threads() for sid in t.story_ids}
    rows = []
    for story in store.stories():
        members = by_story.get(story.id, [])
        dates = sorted(r.published[:10] for r in members if r.published)
        rows.append(
            {
                "id": story.id,
                "title": story.title,
                "articles": len(story.article_ids),
                "outlets": sorted({r.outlet for r in members if r.outlet}),
                "first": dates[0] if dates else None,
                "last": dates[-1] if dates else None,
                "thread": thread_of.get(story.id),
            }
        )
    return sorted(rows, key=lambda r: (r["last"] or "", r["id"]), reverse=True)


def render_stories(store: Store, console: Console, fmt: str = "text") -> None:
    rows = story_rows(store)
    if fmt == "json":
        console.print_json(json.dumps(rows, ensure_ascii=False))
        return
    if not rows:
        console.print("no stories yet: add articles with 'newsprism add PATH'")
        return
    t = Table(title=f"{len(rows)} stories, newest first")
    for col in ("id", "title", "articles", "outlets", "dates", "thread"):
        t.add_column(col)
    for r in rows:
        span = r["first"] if r["first"] == r["last"] else f"{r['first']} – {r['last']}"
        t.add_row(
            r["id"], escape(r["title"] or ""), str(r["articles"]),
            escape(", ".join(r["outlets"])), span or "", r["thread"] or "",
        )  # fmt: skip
    console.print(t)


def render_story(store: Store, story_id: str, console: Console, fmt: str = "text") -> None:
    """A story's articles and the reasons each was grouped into it."""
    story = store.story(story_id)
    if story is None:
        raise KeyError(story_id)
    reasons = store.story_reasons(story_id)
    if fmt == "json":
        payload = asdict(story) | {"assignments": reasons}
        console.print_json(json.dumps(payload, ensure_ascii=False, default=str))
        return
    from ..stories import describe

    console.print(f"[bold]{escape(story.title or story.id)}[/] ({story.id})")
    if story.thread:
        console.print(f"thread {story.thread}", highlight=False)
    t = Table()
    for col in ("article", "outlet", "published", "title"):
        t.add_column(col)
    for aid in story.article_ids:
        analysis = store.get(aid)
        if analysis is None:
            continue
        a = analysis.article
        t.add_row(aid, escape(a.outlet or ""), a.published or "", escape(a.title or ""))
    console.print(t)
    for rec in reasons:
        why = "; ".join(describe(r) for r in rec.get("reasons", []))
        console.print(escape(f"· {rec.get('article_id')}: {rec.get('relation')} {why}"))


def grouping_rows(stories: list[Story], analyses: list[Analysis]) -> list[dict[str, Any]]:
    """JSON-ready rows: each story of an in-memory grouping with its articles and reasons."""
    by_id = {a.article.id: a.article for a in analyses}
    rows = []
    for story in stories:
        arts = [by_id[i] for i in story.article_ids if i in by_id]
        dates = sorted(a.published[:10] for a in arts if a.published)
        rows.append(
            {
                "id": story.id,
                "thread": story.thread,
                "articles": [
                    {"id": a.id, "outlet": a.outlet, "published": a.published, "title": a.title}
                    for a in arts
                ],
                "first": dates[0] if dates else None,
                "last": dates[-1] if dates else None,
                "reasons": list(story.reasons),
            }
        )
    return rows


def render_grouping(rows: list[dict[str, Any]], console: Console) -> None:
    """How the compared articles group: stories (one event each) and threads across time."""
    threads: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r["thread"]:
            threads[r["thread"]].append(r["id"])
    t = Table(title=f"{len(rows)} story(ies) among the compared articles", title_justify="left")
    for col in ("story", "thread", "articles", "dates", "why"):
        t.add_column(col)
    for r in rows:
        arts = "\n".join(
            f"{a['outlet'] or a['id']}: {a['title'] or '(untitled)'}" for a in r["articles"]
        )
        span = r["first"] if r["first"] == r["last"] else f"{r['first']} – {r['last']}"
        t.add_row(
            r["id"], r["thread"] or "", escape(arts), span or "undated",
            escape("\n".join(shorten(why, 110) for why in r["reasons"][:2])),
        )  # fmt: skip
    console.print(t)
    for tid, members in threads.items():
        if len(members) > 1:
            console.print(
                f"thread {tid}: stories {', '.join(members)} report one issue at different "
                "times (not merged: different events)",
                highlight=False,
            )
