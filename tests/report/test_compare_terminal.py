"""render_comparison(): a readable side-by-side in 100-120 terminal columns."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from rich.console import Console

from newsprism.compare import compare
from newsprism.model import Analysis, Article, Quote, Speaker
from newsprism.report.compare_terminal import render_comparison
from support import counted_figure

FIXTURE = Path(__file__).parents[1] / "fixtures" / "compare" / "harbour_fire.py"


def load_fixture() -> ModuleType:
    spec = importlib.util.spec_from_file_location("harbour_fire", FIXTURE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def render(analyses: list[Analysis], width: int) -> str:
    console = Console(width=width, record=True, color_system=None, file=open("/dev/null", "w"))
    render_comparison(compare(analyses), console)
    return console.export_text()


@pytest.mark.parametrize("width", [100, 120])
def test_fits_the_width_and_names_every_outlet(width: int) -> None:
    out = render(load_fixture().build(), width)
    assert max(len(line) for line in out.splitlines()) <= width
    for label in ("Harbour Herald", "Coastal Daily", "Portwell Post"):
        assert label in out


def test_statuses_are_words_not_colours() -> None:
    out = render(load_fixture().build(), 110)
    assert "CONFLICT" in out and "agree" in out and "only in" in out
    for section in ("Figures", "Who is quoted", "Quotes several outlets use", "Framing",
                    "Omissions", "Timeline"):
        assert section in out


def test_speaker_matrix_and_timeline_content() -> None:
    out = render(load_fixture().build(), 120)
    khan = next(line for line in out.splitlines() if line.strip().startswith("Ravi Khan"))
    assert khan.count("1q /") == 2 and "—" in khan
    assert "doubtful" in out
    timeline = out[out.index("Timeline") :]
    assert timeline.index("2019") < timeline.index("2024-05-14") < timeline.index("2024-05-15")


def test_markup_in_text_is_shown_literally() -> None:
    text = 'Ann said "[bold]not markup[/bold] at all".'
    q = Quote(9, len(text) - 1, text[9:-1], "direct", Speaker("[red]Ann[/red]", 0, 3), None)
    a = Analysis(Article("a", "t", None, "[i]Outlet", None, text), quotes=(q,))
    out = render([a], 100)
    assert "[red]Ann[/red]" in out and "[i]Outlet" in out


def test_empty_sections_say_so() -> None:
    a = Analysis(Article("a", "t", None, "Solo", None, "Nothing to see."))
    out = render([a], 100)
    assert "No figures to compare." in out and "No resolved dates." in out


def test_figures_over_time_section() -> None:
    out = render([counted_figure("a", 900, "officers", "2021-03-01"),
                  counted_figure("b", 700, "officers", "2023-03-01")], 110)
    section = out[out.index("Figures over time"):]
    assert "went down" in section
    assert section.index("900") < section.index("700")
    assert "published 2021-03-01" in section and "Outlet a" in section
    solo = render([counted_figure("a", 9, "officers", "2021-03-01")], 100)
    assert "No figure is reported for different times." in solo
