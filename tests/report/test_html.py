"""render_html(): one self-contained, well-formed, escaped page with clickable evidence."""

from __future__ import annotations

import html
import importlib.util
import re
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import pytest

from newsprism.compare import compare
from newsprism.model import Analysis, Article, Figure, Quote, Repair, Speaker
from newsprism.report.html import Ann, mark_up, render_html
from support import counted_figure

FIXTURE = Path(__file__).parents[1] / "fixtures" / "compare" / "harbour_fire.py"
VOID = {"meta", "br", "col", "link", "img", "input", "hr"}


def load_fixture() -> ModuleType:
    spec = importlib.util.spec_from_file_location("harbour_fire", FIXTURE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Checker(HTMLParser):
    """Checks tag balance and collects ids, data-ev references and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.refs: list[str] = []
        self.text: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if d.get("id"):
            self.ids.append(d["id"])
        if d.get("data-ev"):
            self.refs.extend(d["data-ev"].split())
        if tag in ("link", "img", "iframe") or (tag == "script" and "src" in d):
            self.external.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def check(doc: str) -> Checker:
    c = Checker()
    c.feed(doc)
    c.close()
    return c


@pytest.fixture(scope="module")
def page() -> tuple[str, list[Analysis]]:
    analyses = load_fixture().build()
    return render_html(compare(analyses), analyses), analyses


def test_page_is_well_formed_and_self_contained(page) -> None:
    doc, _ = page
    c = check(doc)
    assert c.errors == [] and c.stack == []
    assert c.external == []
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", doc)
    assert doc.count("<style>") == 1 and doc.count("<script>") == 1


def test_every_row_reference_points_at_an_element(page) -> None:
    c = check(page[0])
    assert len(c.ids) == len(set(c.ids)), "element ids must be unique"
    assert c.refs, "table rows carry evidence references"
    assert set(c.refs) <= set(c.ids)


def test_every_article_text_is_shown_whole(page) -> None:
    doc, analyses = page
    for i, a in enumerate(analyses):
        m = re.search(rf'<article class=col id="col{i}">.*?<div class=text tabindex="0">(.*?)'
                      r"</div></article>", doc, re.S)
        assert m, f"column {i}"
        assert html.unescape(re.sub(r"<[^>]+>", "", m.group(1))) == a.article.text


def test_tables_and_legend(page) -> None:
    doc, _ = page
    for heading in ("Figures", "Who is quoted", "Framing", "Omissions", "Timeline"):
        assert f"<h2>{heading}" in doc
    assert "≠ conflict" in doc and "= agree" in doc and "◇ only in" in doc
    assert "class=legend" in doc and "wavy underline" in doc
    assert 'data-spk="Ravi Khan"' in doc  # the Daily's "Khan" shown under the matched name


def test_repair_shows_before_and_after(page) -> None:
    assert re.search(r'class="hl rep"[^>]*title="repaired \(mojibake\): “â€™” → “’”"', page[0])


def test_article_html_is_escaped() -> None:
    text = 'Evil <script>alert("x")</script> & <b>bold</b> said "Eve <i>".'
    q0 = text.index('"Eve')
    quote = Quote(q0, len(text) - 1, text[q0:-1], "direct",
                  Speaker('<img src=x onerror="alert(1)">', 0, 4), None)
    a = Analysis(Article("x<1>", "test", "<h1>T</h1>", "Outlet <b>", None, text),
                 quotes=(quote,))
    doc = render_html(compare([a]), [a])
    assert "<script>alert" not in doc and "<b>bold" not in doc and "<img" not in doc
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in doc or \
        "&lt;script&gt;alert(\"x\")&lt;/script&gt;" in doc
    c = check(doc)
    assert c.errors == [] and c.external == []
    assert text in html.unescape("".join(c.text))


def test_overlapping_quote_and_figure_nest_without_breaking() -> None:
    text = 'He said "forty people fled" and 40 more later.'
    q0, f0 = text.index('"forty'), text.index("people")
    quote = Quote(q0, text.index(" and"), text[q0 : text.index(" and")], "direct",
                  Speaker("He", 0, 2), None)
    # a figure that starts inside the quote and ends outside it: a partial overlap
    crossing = Figure(f0, text.index("40") + 2, text[f0 : text.index("40") + 2], 40, None,
                      None, None, "=", "people")
    inner = Figure(q0 + 1, q0 + 6, "forty", 40, None, None, None, "=", "people")
    a = Analysis(Article("o", "test", None, "O", None, text), quotes=(quote,),
                 figures=(crossing, inner), repairs=(Repair(0, 2, "He", "He", "none"),))
    doc = render_html(compare([a]), [a])
    c = check(doc)
    assert c.errors == [] and c.stack == []
    body = re.search(r'<div class=text tabindex="0">(.*?)</div></article>', doc, re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", body)) == text
    assert "cont" in body  # the crossing figure was split into fragments


def test_mark_up_splits_crossing_spans() -> None:
    out = mark_up("abcdef", [Ann(0, 4, "q", "q"), Ann(2, 6, "fig", "fig", id="f1")])
    assert out == ('<span class="q">ab<span class="fig" id="f1">cd</span></span>'
                   '<span class="fig cont" data-part="f1">ef</span>')
    assert check(out).errors == []


def test_mark_up_nests_contained_spans_and_escapes() -> None:
    out = mark_up("<a&b>", [Ann(0, 5, "q", "q", title='"t"'), Ann(1, 4, "fig", "fig")])
    assert out == ('<span class="q" title="&quot;t&quot;">&lt;<span class="fig">a&amp;b'
                   "</span>&gt;</span>")


def test_write_fixture_page(page, tmp_path: Path) -> None:
    out = tmp_path / "compare_fixture.html"
    out.write_text(page[0], "utf-8")
    assert out.stat().st_size > 10_000


def test_figures_over_time_rows_point_at_both_articles() -> None:
    analyses = [counted_figure("a", 900, "officers", "2021-03-01"),
                counted_figure("b", 700, "officers", "2023-03-01")]
    doc = render_html(compare(analyses), analyses)
    assert "<h2>Figures over time" in doc and "went down" in doc
    row = re.search(r'<tr data-ev="([^"]+)"[^>]*><td><span title="head noun &#x27;officer', doc)
    assert row and len(row.group(1).split()) == 2
    c = check(doc)
    assert set(c.refs) <= set(c.ids)
    without = render_html(compare(analyses[:1]), analyses[:1])
    assert "Figures over time" not in without


def test_context_words_are_highlighted_with_their_sentence_score() -> None:
    from newsprism.model import Sentence, Signal

    text = "Residents were allowed to return home."
    s = text.index("allowed")
    sent = Sentence(0, len(text), 0.61, (), (Signal(s, s + 7, "allowed", "context"),))
    a = Analysis(Article("a", "t", None, "Outlet", None, text), sentences=(sent,))
    doc = render_html(compare([a]), [a])
    assert re.search(r'class="hl ctx"[^>]*title="raised its sentence&#x27;s loading \(0.61\)'
                     r' through context"[^>]*>allowed<', doc)
    assert check(doc).errors == []
