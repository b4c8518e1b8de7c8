"""Invented articles for store and story-grouping tests (no NLP needed)."""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.model import Analysis, Article, Entity, Figure


def make(
    aid: str,
    text: str,
    *,
    outlet: str = "Daily Example",
    published: str | None = "2024-03-04",
    title: str | None = None,
    url: str | None = None,
    names: Sequence[tuple[str, str, str]] = (),
    figures: Sequence[tuple[str, float]] = (),
) -> Analysis:
    """An Analysis whose entities/figures are the first mention of each given surface form.

    ``names`` holds ``(surface, label, canonical name)``; ``figures`` ``(surface, value)``.
    """
    ents = []
    for surface, label, name in names:
        start = text.find(surface)
        if start >= 0:
            ents.append(Entity(start, start + len(surface), surface, label, name))
    figs = []
    for surface, value in figures:
        start = text.find(surface)
        if start >= 0:
            figs.append(
                Figure(start, start + len(surface), surface, value, None, None, None, "=", None)
            )
    art = Article(aid, f"test:{aid}", title, outlet, published, text, url=url)
    return Analysis(article=art, entities=tuple(ents), figures=tuple(figs))


FLOOD = [
    ("Riverton", "GPE", "Riverton"),
    ("Ellen Park", "PERSON", "Ellen Park"),
    ("Mayor Park", "PERSON", "Ellen Park"),
    ("River Dale", "LOC", "River Dale"),
    ("Dale", "LOC", "River Dale"),
]
FIRE = [
    ("Lakeside", "GPE", "Lakeside"),
    ("Acme Plastics", "ORG", "Acme Plastics"),
    ("Tom Reyes", "PERSON", "Tom Reyes"),
    ("Reyes", "PERSON", "Tom Reyes"),
]
POLICE = [
    ("Northshire Police", "ORG", "Northshire Police"),
    ("Northshire", "GPE", "Northshire"),
    ("Chief Constable Mara Lind", "PERSON", "Mara Lind"),
    ("Mara Lind", "PERSON", "Mara Lind"),
]


def corpus() -> list[Analysis]:
    """Two events told by three outlets each, a syndicated copy, and a thread across years."""
    return [
        make(
            "flood-1",
            "The River Dale burst its banks in Riverton on Sunday night and 1,200 homes were "
            "evacuated. Mayor Ellen Park said emergency shelters had opened in three schools "
            "and asked residents to stay away from the flooded streets near the old bridge.",
            outlet="Riverton Courier",
            title="River Dale floods Riverton",
            names=FLOOD,
            figures=[("1,200", 1200)],
        ),
        make(
            "fire-1",
            "A fire tore through the Acme Plastics factory in Lakeside on Monday, and 40 workers "
            "were led to safety. Fire chief Tom Reyes said the blaze started in a storage hall "
            "and that thick black smoke could be seen across the town for hours.",
            outlet="Lakeside Herald",
            published="2024-03-05",
            title="Blaze at Acme Plastics",
            names=FIRE,
            figures=[("40", 40)],
        ),
        make(
            "flood-2",
            "Some 1,200 households in Riverton had to leave their homes after the River Dale "
            "overflowed. Ellen Park, the mayor, praised volunteers and warned that the Dale "
            "could rise again when more rain arrives later this week.",
            outlet="National Times",
            published="2024-03-05",
            title="Riverton evacuated",
            names=FLOOD,
            figures=[("1,200", 1200)],
        ),
        make(
            "fire-2",
            "Firefighters battled for six hours to control a blaze at Acme Plastics in Lakeside. "
            "All 40 staff escaped unhurt, according to chief Tom Reyes, who said investigators "
            "would look at the storage hall where the fire began.",
            outlet="National Times",
            published="2024-03-05",
            title="Lakeside factory fire",
            names=FIRE,
            figures=[("40", 40)],
        ),
        make(
            "flood-3",
            "Floodwater from the River Dale swamped low streets in Riverton, forcing the "
            "evacuation of 1,200 homes. Mayor Park opened shelters in schools; the Dale is "
            "expected to stay high, forecasters said, as more rain is due.",
            outlet="Evening Star",
            published="2024-03-05",
            title="Riverton under water",
            names=FLOOD,
            figures=[("1,200", 1200)],
        ),
        make(
            "fire-3",
            "Thick smoke rose over Lakeside as the Acme Plastics plant burned. Reyes told "
            "reporters that 40 employees left the building in time and that the cause of the "
            "fire in the storage hall was not yet known.",
            outlet="Evening Star",
            published="2024-03-06",
            title="Acme Plastics plant burns",
            names=FIRE,
            figures=[("40", 40)],
        ),
        make(
            "flood-1-wire",
            "The River Dale burst its banks in Riverton on Sunday night and 1,200 homes were "
            "evacuated. Mayor Ellen Park said emergency shelters had opened in three schools "
            "and urged residents to stay away from the flooded streets near the old bridge.",
            outlet="Coast Gazette",
            title="Floods hit Riverton",
            names=FLOOD,
            figures=[("1,200", 1200)],
        ),
        make(
            "police-2018",
            "Northshire Police stopped and searched 3,400 people last year, figures show. "
            "Chief Constable Mara Lind defended the tactic and said it had taken knives off "
            "the streets of Northshire.",
            outlet="Northshire News",
            published="2018-06-01",
            title="Stop and search rises",
            names=POLICE,
            figures=[("3,400", 3400)],
        ),
        make(
            "police-2025",
            "A review of Northshire Police published today finds that the force still relies "
            "on stop and search. Mara Lind, now retired, told the inspectors the policy had "
            "been necessary in Northshire at the time.",
            outlet="National Times",
            published="2025-02-10",
            title="Review of Northshire Police",
            names=POLICE,
        ),
    ]
