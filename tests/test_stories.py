"""Story grouping on small invented articles."""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsprism import settings  # noqa: E402
from newsprism.store import open_store  # noqa: E402
from newsprism.stories import (  # noqa: E402
    describe,
    features,
    gap_days,
    group,
    jaccard,
    keys_of,
)
from storyfixtures import corpus, make  # noqa: E402

WORDS = (
    "council budget school harbour railway museum festival orchard bakery library tunnel "
    "stadium ferry market clinic garden bridge tower canal theatre airport quarry"
).split()


def unrelated(i: int, rng: random.Random):
    """An article about nothing in the corpus, with its own town and figure."""
    words = " ".join(rng.choice(WORDS) for _ in range(40))
    town = f"Town{i}"
    text = f"In {town} the {words} was discussed by {i * 7 + 3} residents."
    return make(
        f"u{i}",
        text,
        outlet=f"Outlet{i % 13}",
        published="2023-01-01",
        names=[(town, "GPE", town)],
        figures=[(str(i * 7 + 3), i * 7 + 3)],
    )


def by_article(stories):
    return {a: s for s in stories for a in s.article_ids}


def test_two_events_three_outlets_each_are_two_stories():
    stories = group(corpus())
    of = by_article(stories)
    flood = {of[a].id for a in ("flood-1", "flood-2", "flood-3", "flood-1-wire")}
    fire = {of[a].id for a in ("fire-1", "fire-2", "fire-3")}
    assert len(flood) == 1 and len(fire) == 1 and flood != fire
    assert of["police-2018"].id != of["police-2025"].id  # years apart: never one story
    assert of["flood-1"].id not in {of["police-2018"].id, of["fire-1"].id}


def test_syndicated_copy_is_marked_with_similarity():
    store = open_store(":memory:")
    result = store.add(corpus())
    wire = next(a for a in result.assignments if a.article_id == "flood-1-wire")
    assert wire.relation == "syndicated" and wire.target == "flood-1"
    assert wire.similarity is not None and wire.similarity >= 0.5
    independent = next(a for a in result.assignments if a.article_id == "flood-2")
    assert independent.relation == "member"


def test_same_outlet_near_copy_is_duplicate():
    store = open_store(":memory:")
    base = corpus()[0]
    store.add([base])
    text = base.article.text.replace("Sunday night and", "Sunday night, and")
    copy = make("flood-1b", text, outlet=base.article.outlet, names=[], figures=[])
    assignment = store.add([copy]).assignments[0]
    assert assignment.relation == "duplicate_of" and assignment.target == base.article.id


def test_thread_links_stories_years_apart():
    store = open_store(":memory:")
    store.add(corpus())
    of = by_article(store.stories())
    old, new = of["police-2018"], of["police-2025"]
    assert old.thread is not None and old.thread == new.thread
    (thread,) = [t for t in store.threads() if t.id == old.thread]
    assert set(thread.story_ids) == {old.id, new.id}
    reason = thread.reasons[0]
    assert "Northshire Police" in reason["shared_entities"] and reason["gap_days"] > 365
    assert of["flood-1"].thread is None


def test_every_assignment_keeps_its_reasons():
    store = open_store(":memory:")
    store.add(corpus())
    of = by_article(store.stories())
    records = {r["article"]: r for r in store.story_reasons(of["fire-2"].id)}
    link = records["fire-2"]["reasons"][1]
    assert "Acme Plastics" in link["shared_entities"] and "40" in link["shared_figures"]
    assert link["gap_days"] == 0 and 0 < link["text_similarity"] <= 1
    assert any("Acme Plastics" in line for line in of["fire-2"].reasons)
    assert "entities: " in describe(link) and "Acme Plastics" in describe(link)


def test_candidate_lookup_does_not_scan():
    store = open_store(":memory:")
    store.add(corpus()[:6])
    probe = corpus()[6]
    rng = random.Random(1)
    small = store.add([unrelated(i, rng) for i in range(20)])
    many = store.add([unrelated(i, rng) for i in range(20, 600)])
    result = store.add([probe])
    assert result.assignments[0].relation == "syndicated"
    assert result.assignments[0].candidates_examined <= 6
    # unrelated articles found as few candidates with 20 or 600 stored
    first = max(a.candidates_examined for a in small.assignments[-5:])
    last = max(a.candidates_examined for a in many.assignments[-5:])
    assert last <= first + 5


def test_common_keys_are_bounded():
    store = open_store(":memory:")
    rng = random.Random(2)
    shared = [("Capital", "GPE", "Capital")]
    batch = []
    for i in range(200):
        text = f"In Capital the {' '.join(rng.choice(WORDS) for _ in range(30))} item {i}."
        batch.append(make(f"c{i}", text, names=shared))
    result = store.add(batch)
    assert max(a.candidates_examined for a in result.assignments) <= 60


def test_features_and_helpers():
    a = corpus()[0]
    f = features(a)
    assert "e:riverton" in f.keys and "f:1200" in f.keys and "n:dale" in f.keys
    assert keys_of(a)["e:ellen park"] == "Ellen Park"
    assert jaccard(f.signature, f.signature) == 1.0
    assert gap_days("2024-03-01", "2024-03-04T10:00:00") == 3 and gap_days(None, "2024") is None


def test_group_keeps_exact_duplicates_in_the_story():
    items = corpus()[:3]
    dup = make("flood-1-again", items[0].article.text, outlet="Mirror Site")
    stories = group([*items, dup])
    of = by_article(stories)
    assert of["flood-1-again"].id == of["flood-1"].id


def test_regroup_keeps_events_apart_and_together():
    store = open_store(":memory:")
    store.add(list(reversed(corpus())))
    store.regroup(2)
    of = by_article(store.stories())
    assert len({of[a].id for a in ("flood-1", "flood-2", "flood-3", "flood-1-wire")}) == 1
    assert len({of[a].id for a in ("fire-1", "fire-2", "fire-3")}) == 1
    assert of["flood-1"].id != of["fire-1"].id
    assert sum(len(s.article_ids) for s in store.stories()) == len(corpus())


def test_undated_articles_years_apart_form_a_thread_not_a_story():
    """No publication dates: the years each text names still link two events as a thread."""
    from newsprism.model import DateRef
    from newsprism.stories import estimated_gap_days, group

    def undated(aid: str, text: str, year: str, names: list) -> object:
        base = make(aid, text, published=None, names=names)
        start = text.index(year)
        return replace(base, dates=(DateRef(start, start + 4, year, year, "year"),))

    names = [
        ("Northshire Police", "ORG", "Northshire Police"),
        ("Northshire", "GPE", "Northshire"),
        ("Mara Lind", "PERSON", "Mara Lind"),
    ]
    old = undated(
        "stops-2017",
        "Northshire Police stopped and searched 3,400 people in 2017, figures show. Chief "
        "Constable Mara Lind defended the tactic, saying knives had been seized across "
        "Northshire and that stops were targeted at known offenders.",
        "2017", names,
    )  # fmt: skip
    new = undated(
        "review-2024",
        "An inspection published in 2024 criticised record keeping at Northshire Police. "
        "Former chief Mara Lind told inspectors that officers in Northshire had lacked "
        "training and that complaints from the public went unanswered for months.",
        "2024", names,
    )  # fmt: skip
    stories = group([old, new])
    assert len(stories) == 2
    assert stories[0].thread is not None and stories[0].thread == stories[1].thread
    assert estimated_gap_days(frozenset({"d:2017"}), frozenset({"d:2024-02"})) == 7 * 365
    # Years too close to tell apart say nothing.
    assert estimated_gap_days(frozenset({"d:2023"}), frozenset({"d:2024"})) is None
    assert estimated_gap_days(frozenset({"d:2023"}), frozenset()) is None


def test_story_merges_join_split_stories_of_one_event_only():
    """Bulk-loaded articles each sit in a story of their own; merge rounds join each event's
    stories (with reasons) and never join the two events or the two police years."""
    from newsprism.stories import story_merges

    store = open_store(":memory:")
    store.add(corpus(), group=False)
    story = {a: s.id for s in store.stories() for a in s.article_ids}
    kept = {s.id for s in store.stories()}
    merges = []
    while found := story_merges(store, sorted(kept)):
        merges.extend(found)
        for m in found:  # what a store does: absorb's members now count as keep's
            kept.discard(m.absorb)
            story = {a: (m.keep if s == m.absorb else s) for a, s in story.items()}
    assert len({story[a] for a in ("flood-1", "flood-2", "flood-3", "flood-1-wire")}) == 1
    assert len({story[a] for a in ("fire-1", "fire-2", "fire-3")}) == 1
    assert story["flood-1"] != story["fire-1"]
    assert story["police-2018"] != story["police-2025"]
    reason = merges[0].reason
    assert reason["rule"] == "story merge" and reason["mean_score"] >= 0.2
    assert reason["shared_entities"] and "story merge" in describe(reason)


def test_one_member_naming_an_old_year_does_not_split_a_story():
    """Undated articles: a story is years apart from a newcomer only when most members are."""
    from newsprism.model import DateRef
    from storyfixtures import FLOOD

    def undated(aid: str, text: str, year: str | None) -> object:
        base = make(aid, text, published=None, names=FLOOD, figures=[("1,200", 1200)])
        if year is None:
            return base
        start = text.index(year)
        return replace(base, dates=(DateRef(start, start + 4, year, year, "year"),))

    items = [
        ("The River Dale burst its banks in Riverton and 1,200 homes were evacuated; Mayor "
         "Ellen Park opened shelters.", None),
        ("Riverton: 1,200 homes evacuated as the River Dale rose; Ellen Park, the mayor, "
         "opened shelters in schools.", None),
        ("Riverton last flooded in 2009; now the River Dale has burst its banks and 1,200 "
         "homes were evacuated, Mayor Ellen Park said, opening shelters.", "2009"),
        ("In 2024 the River Dale flooded Riverton. Mayor Ellen Park said 1,200 homes were "
         "evacuated and shelters opened.", "2024"),
    ]  # fmt: skip
    stories = group([undated(f"d{i}", t, y) for i, (t, y) in enumerate(items)])
    assert len(stories) == 1
    # Alone, the same two years apart are two events (see the thread test above).
    assert len(group([undated(f"d{i}", *items[i]) for i in (2, 3)])) == 2


def test_undated_months_and_weekdays_named_are_time_conflicts():
    """Undated reports naming different weekdays (months) of one kind of event are two events;
    dated articles resolve their weekdays, so only the years count between them."""
    from newsprism.model import DateRef
    from newsprism.stories import Scorer, time_conflicts
    from storyfixtures import FIRE

    def told(aid: str, text: str, when: str, published: str | None) -> object:
        base = make(aid, text, published=published, names=FIRE)
        start = text.index(when)
        ref = DateRef(start, start + len(when), when, None, "day")
        return replace(base, dates=(ref,))

    sat = told(
        "fire-sat",
        "Acme Plastics in Lakeside caught fire on Saturday; chief Tom Reyes said 40 staff "
        "escaped.", "on Saturday", None,
    )  # fmt: skip
    tue = told(
        "fire-tue",
        "Acme Plastics in Lakeside caught fire on Tuesday, chief Tom Reyes said; 40 staff got "
        "out.", "on Tuesday", None,
    )  # fmt: skip
    dec = told("fire-dec", "A fire at Acme Plastics in Lakeside on Dec. 10.", "Dec. 10", None)
    fa, fb, fc = features(sat), features(tue), features(dec)
    assert "d:~saturday" in fa.keys and "d:~m12" in fc.keys
    assert time_conflicts(fa, fb) == ("weekdays",)
    assert time_conflicts(fa, fc) == ()  # a month against a weekday says nothing
    mon = told("fire-mon", "Acme Plastics in Lakeside burned on Monday.", "on Monday", None)
    mon = features(mon)
    assert time_conflicts(fa, mon) == ("weekdays",)  # "monday" is a weekday, not a month key
    dated = [features(replace(x, article=replace(x.article, published="2024-03-05")))
             for x in (sat, tue)]  # fmt: skip
    assert time_conflicts(*dated) == ()

    store = open_store(":memory:")
    store.add([sat, tue], group=False)
    scorer = Scorer(store, [fa, fb])
    link = scorer.link(fa, fb)
    assert link.time_conflicts == ("weekdays",)
    assert "different weekdays named" in describe(link.reason())
    penalty = float(settings.get("stories", "weekday_conflict_penalty"))
    mix = (1 - scorer.alpha) * link.text + scorer.alpha * link.keys
    assert penalty > 0 and abs(link.score - (mix - penalty)) < 1e-9


def test_a_lone_article_joins_its_best_story_at_the_single_bar(monkeypatch):
    """Story merges hold a story of one article to ``merge_mean_single``, larger stories to
    ``merge_mean``."""
    from newsprism.stories import story_merges

    arts = {a.article.id: a for a in corpus()}
    store = open_store(":memory:")
    store.add([arts["flood-1"], arts["flood-2"]])  # one story of two
    store.add([arts["flood-3"]], group=False)  # alone
    ids = sorted(s.id for s in store.stories())
    assert len(ids) == 2
    monkeypatch.setenv("NEWSPRISM_STORIES_MERGE_MEAN", "0.99")
    monkeypatch.setenv("NEWSPRISM_STORIES_MERGE_MEAN_SINGLE", "0.99")
    assert story_merges(store, ids) == []
    monkeypatch.setenv("NEWSPRISM_STORIES_MERGE_MEAN_SINGLE", "0.05")
    merges = story_merges(store, ids)
    assert len(merges) == 1 and merges[0].reason["rule"] == "story merge"
