"""RSS and Atom feeds: one article per entry."""

from __future__ import annotations

from pathlib import Path

from newsprism.errors import EmptyInput, EncodingProblem, MalformedInput
from newsprism.ingest.feed import entry_date

from .conftest import run


def test_rss_entries(fixtures: Path) -> None:
    path = fixtures / "feed.rss"
    articles, errors = run([str(path)])
    assert errors == []
    assert [a.source for a in articles] == [f"{path}#1", f"{path}#2"]
    roof, fares = articles
    assert roof.outlet == fares.outlet == "Valley Courier"
    assert roof.title == "School roof repaired after storm"
    assert roof.text == (
        "Workers finished repairing the roof of Elm Street school on Monday.\n\n"
        "Classes resume Wednesday, the head teacher said."
    )
    assert roof.published == "2025-03-04T09:15:00+01:00"
    assert roof.url == "https://valley-courier.example/school-roof"
    assert roof.author == "Priya Nair"
    assert fares.published == "2025-03-03T17:00:00+00:00"
    assert roof.id != fares.id


def test_atom_prefers_content_over_summary(fixtures: Path) -> None:
    (entry,), errors = run([str(fixtures / "feed.atom")])
    assert errors == []
    assert entry.outlet == "Northern Dispatch"
    assert entry.text.startswith("The island ferry was suspended")
    assert "Short summary" not in entry.text
    assert entry.published == "2025-01-20T11:45:00+02:00"


def test_not_xml_is_malformed(fixtures: Path) -> None:
    path = fixtures / "not_a_feed.xml"
    _, (error,) = run([str(path)])
    assert isinstance(error, MalformedInput)
    assert error.source == str(path) and "feed" in error.reason


def test_truncated_feed_without_entries_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "cut.rss"
    path.write_bytes(b'<?xml version="1.0"?><rss version="2.0"><channel><title>X</tit')
    _, (error,) = run([str(path)])
    assert isinstance(error, MalformedInput)


def test_html_page_named_xml_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "page.xml"
    path.write_bytes(b"<html><body><p>Hello</p></body></html>")
    _, (error,) = run([str(path)])
    assert isinstance(error, MalformedInput)


def test_valid_feed_without_entries_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "quiet.rss"
    path.write_bytes(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    _, (error,) = run([str(path)])
    assert isinstance(error, EmptyInput) and "no entries" in error.reason


def test_feed_claiming_utf8_with_invalid_byte(tmp_path: Path) -> None:
    head = b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Caf'
    path = tmp_path / "bad.rss"
    path.write_bytes(head + b"\xe9</title><item><title>t</title></item></channel></rss>")
    _, (error,) = run([str(path)])
    assert isinstance(error, EncodingProblem)
    assert f"byte offset {len(head)}" in error.reason and "XML declaration" in error.reason


def test_feed_declaring_latin1_is_decoded(tmp_path: Path) -> None:
    xml = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel>'
        "<title>Le Journal</title><item><title>Café</title>"
        "<description>Le café du port a fermé.</description></item></channel></rss>"
    )
    path = tmp_path / "fr.rss"
    path.write_bytes(xml.encode("latin-1"))
    (article,), errors = run([str(path)])
    assert errors == [] and article.text == "Le café du port a fermé."


def test_feed_is_sniffed_without_extension(fixtures: Path, tmp_path: Path) -> None:
    path = tmp_path / "feed"
    path.write_bytes((fixtures / "feed.atom").read_bytes())
    (article,), _ = run([str(path)])
    assert article.outlet == "Northern Dispatch"


def test_entry_date_falls_back_to_updated() -> None:
    assert entry_date({"updated": "2024-06-01T10:00:00Z"}) == "2024-06-01T10:00:00+00:00"
    assert entry_date({"published": "2024-06-01"}) == "2024-06-01"
    assert entry_date({}) is None
