"""End to end in a real browser: Debian's chromium driven by the playwright package.

The app runs under uvicorn in a background thread on 127.0.0.1 and a free port, over a
store holding the bundled example stories.  Screenshots go to ``docs/screenshots/``.
Skipped when playwright or ``/usr/bin/chromium`` is missing
(``scripts/install-chromium.sh`` installs chromium).
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Screenshots go to a temporary folder unless NEWSPRISM_SCREENSHOTS names one:
# `make screenshots` sets it to docs/screenshots (the pictures the README shows).
SCREENSHOTS = Path(
    os.environ.get("NEWSPRISM_SCREENSHOTS") or tempfile.gettempdir() + "/newsprism-screenshots"
)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (scripts/install-chromium.sh)"
)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(example_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of the app served by uvicorn in a background thread."""
    import shutil

    import uvicorn

    from newsprism.web import create_app

    db = tmp_path_factory.mktemp("browserdb") / "browser.db"
    shutil.copy(example_db, db)
    port = free_port()
    config = uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium, headless."""
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        except Exception as exc:  # noqa: BLE001 - any launch failure means no browser here
            pytest.skip(f"chromium did not start: {exc}")
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh desktop-sized page."""
    context = browser.new_context(viewport=DESKTOP)
    pg = context.new_page()
    yield pg
    context.close()


def shot(pg: Any, name: str, full_page: bool = False) -> None:
    """Save a screenshot under docs/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / name), full_page=full_page)


def harbour_url(pg: Any, base_url: str) -> str:
    """The URL of the three-article harbour-fire story, found through the API."""
    stories = pg.request.get(f"{base_url}/api/stories").json()["stories"]
    sid = next(s["id"] for s in stories if "NorthWire" in s["outlets"])
    return f"{base_url}/stories/{sid}"


IN_VIEW = """el => {
  const r = el.getBoundingClientRect();
  const box = el.closest('.article-text').getBoundingClientRect();
  const inWindow = r.bottom > 0 && r.top < window.innerHeight && r.right > 0
                   && r.left < window.innerWidth;
  const inBox = r.bottom > box.top && r.top < box.bottom;
  return inWindow && inBox;
}"""


def deepest_figure_row(pg: Any) -> Any:
    """The figure-table row whose evidence starts furthest into the texts."""
    rows = pg.locator("table.figures tbody tr")
    starts = [max(e[1] for e in rows.nth(i).evaluate("r => JSON.parse(r.dataset.ev)"))
              for i in range(rows.count())]  # fmt: skip
    return rows.nth(starts.index(max(starts)))


def evidence_elements(pg: Any, row: Any) -> list[Any]:
    """The first highlighted evidence element of the row in each article column."""
    out, seen = [], set()
    for aid, start, end in row.evaluate("r => JSON.parse(r.dataset.ev)"):
        if aid in seen or end <= start:
            continue
        seen.add(aid)
        col = pg.locator(f'.article-text[data-article="{aid}"]').get_attribute("data-col")
        out.append(pg.locator(f"#c{col}-{start}-{end}"))
    return out


def test_stories_page(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    items = page.locator(".story-item")
    assert items.count() >= 3
    assert page.locator(".story-item mark, .story-item .meta").count() >= 3
    shot(page, "stories.png", full_page=True)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_story_highlights_figure_table_and_scroll(page: Any, base_url: str) -> None:
    page.goto(harbour_url(page, base_url))
    assert page.locator(".article-text .hl.q").count() > 0
    assert page.locator(".article-text .hl.fig").count() > 0
    assert page.locator("table.figures tbody tr").count() > 0
    assert page.locator(".legend").is_visible()
    shot(page, "story.png", full_page=True)
    row = deepest_figure_row(page)
    targets = evidence_elements(page, row)
    assert targets
    assert not all(t.evaluate(IN_VIEW) for t in targets)  # off screen before the click
    row.click()
    page.wait_for_timeout(200)
    for t in targets:
        assert t.evaluate(IN_VIEW), "evidence is not scrolled into view"
        assert "flash" in (t.get_attribute("class") or "")
    shot(page, "story-evidence.png")


def test_story_rows_work_from_the_keyboard(page: Any, base_url: str) -> None:
    page.goto(harbour_url(page, base_url))
    row = page.locator("table.speakers tbody tr").first
    row.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)
    assert "selected" in (row.get_attribute("class") or "")
    assert page.locator(".article-text .flash").count() > 0
    for t in evidence_elements(page, row):
        assert t.evaluate(IN_VIEW)


def test_story_on_a_phone_stacks_columns(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    pg = context.new_page()
    try:
        pg.goto(harbour_url(pg, base_url))
        boxes = [pg.locator(".column").nth(i).bounding_box() for i in range(3)]
        assert boxes[0]["x"] == boxes[1]["x"] == boxes[2]["x"]
        assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]
        assert all(b["width"] <= PHONE["width"] for b in boxes)
        width = pg.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"] + 1, "the page scrolls sideways"
        pg.locator("table.figures tbody tr").first.click()
        pg.wait_for_timeout(200)
        flashed = pg.locator(".article-text .flash")
        assert any(flashed.nth(i).evaluate(IN_VIEW) for i in range(flashed.count()))
        shot(pg, "story-mobile.png")
    finally:
        context.close()


def test_article_page(page: Any, base_url: str) -> None:
    page.goto(harbour_url(page, base_url))
    href = page.locator(".col-head h3 a").first.get_attribute("href")
    page.goto(base_url + href)
    assert page.locator("h2", has_text="Framing profile").count() == 1
    assert page.locator(".article-text .hl").count() > 0
    row = page.locator("section[aria-labelledby=q-h] tr.ev-row").last
    row.click()
    page.wait_for_timeout(200)
    assert page.locator(".article-text .flash").first.evaluate(
        "el => { const r = el.getBoundingClientRect(); "
        "return r.top >= 0 && r.bottom <= window.innerHeight; }"
    )
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "article.png")


def test_add_bad_file_shows_the_error(page: Any, base_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "scan.html"
    bad.write_bytes(b"\x00\x01\x02\x03\xff" * 400)
    wrong = tmp_path / "slides.pptx"
    wrong.write_bytes(b"PK\x03\x04")
    page.goto(base_url + "/add")
    page.set_input_files("#files", [str(bad), str(wrong)])
    page.click("form.add button[type=submit]")
    page.wait_for_url("**/jobs/*")
    errors = page.locator(".job-errors")
    errors.wait_for(timeout=60_000)
    text = errors.inner_text()
    assert "scan.html" in text and "binary" in text.lower()
    assert "slides.pptx" in text and "not accepted" in text
    assert page.locator(".job-state").inner_text().startswith("Done")
    shot(page, "add-error.png")
