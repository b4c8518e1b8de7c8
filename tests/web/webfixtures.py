"""Invented articles for the web tests (no NLP needed)."""

from __future__ import annotations

from newsprism.model import Analysis, Article, Cue, Figure, Quote, Speaker

HOSTILE_TEXT = (
    'Council vote <script>alert("pwned")</script> delayed\n\n'
    "The council postponed its vote on the <img src=x onerror=alert(1)> budget of 12 million."
    ' "We need <b>more</b> time," said Councillor Ada Vance.'
)
HOSTILE_ID = "hostile-1"


def hostile_analysis() -> Analysis:
    """An invented article whose text, title and outlet contain HTML that must stay text."""
    text = HOSTILE_TEXT
    fig = text.index("12 million")
    q0 = text.index('"We need')
    q1 = text.index('time,"') + len('time,"')
    who = text.index("Councillor Ada Vance")
    said = text.index("said Councillor")
    art = Article(
        id=HOSTILE_ID,
        source="test:hostile",
        title='Vote <script>alert("title")</script> delayed',
        outlet="Evil <i>Outlet</i>",
        published="2022-06-01",
        text=text,
        url="javascript:alert(1)",
    )
    return Analysis(
        article=art,
        quotes=(
            Quote(
                q0,
                q1,
                text[q0:q1],
                "direct",
                Speaker("Ada Vance", who, who + len("Councillor Ada Vance")),
                Cue("said", said, said + 4, "neutral"),
            ),
        ),  # fmt: skip
        figures=(
            Figure(fig, fig + 10, text[fig : fig + 10], 12e6, None, None, None, "=", "budget"),
        ),
    )
