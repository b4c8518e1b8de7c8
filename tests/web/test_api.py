"""The web app through FastAPI's TestClient: pages, JSON API, exports, adds, safety."""

from __future__ import annotations

import csv
import io
import re
import time
from typing import Any

import pytest
from webfixtures import HOSTILE_ID

from newsprism.web import create_app

GOOD_TEXT = (
    "Library extension opens in Westbrook\n\n"
    "The Westbrook public library opened its new children's wing on Saturday. "
    'The extension cost 2.4 million dollars, the council said. "Reading rooms are the heart '
    'of a town," said librarian Tomas Reyes. About 400 visitors came on the first day.\n'
)


def stories(client: Any, **params: str) -> list[dict[str, Any]]:
    """The /api/stories list for the given filters."""
    r = client.get("/api/stories", params=params)
    assert r.status_code == 200, r.text
    return r.json()["stories"]


def story_with(client: Any, word: str) -> dict[str, Any]:
    """The first listed story whose title contains ``word``."""
    found = [s for s in stories(client) if word.lower() in s["title"].lower()]
    assert found, f"no story titled with {word!r}"
    return found[0]


def harbour(client: Any) -> dict[str, Any]:
    """The harbour-fire story (three articles, one of them NorthWire's)."""
    found = [s for s in stories(client) if "NorthWire" in s["outlets"]]
    assert len(found) == 1 and found[0]["articles"] == 3
    return found[0]


def wait_job(client: Any, job_id: str, timeout: float = 120) -> dict[str, Any]:
    """Poll a job until it has finished; returns its state."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()["job"]
        if job["finished"]:
            return job
        time.sleep(0.1)
    raise AssertionError("job did not finish")


# --------------------------------------------------------------------------- stories


def test_stories_list_newest_first_with_outlets_counts_dates_threads(client: Any) -> None:
    listed = stories(client)
    assert len(listed) >= 3
    lasts = [s["last"] for s in listed if s["last"]]
    assert lasts == sorted(lasts, reverse=True)
    fire = harbour(client)
    assert len(fire["outlets"]) == 3
    assert fire["first"] <= fire["last"]
    threaded = [s for s in listed if s["thread"]]
    for s in threaded:
        for other in s["thread_stories"]:
            assert any(o["id"] == other and o["thread"] == s["thread"] for o in listed)
    page = client.get("/")
    assert page.status_code == 200
    assert fire["title"] in page.text or fire["title"].replace("'", "&#39;") in page.text
    assert f'href="/stories/{fire["id"]}"' in page.text


def test_filters_by_outlet_date_and_entity(client: Any) -> None:
    fire = harbour(client)
    outlet = fire["outlets"][0]
    by_outlet = stories(client, outlet=outlet)
    assert [s["id"] for s in by_outlet] == [fire["id"]]
    assert all(s["last"] < "2024-03-01" for s in stories(client, until="2024-02-28"))
    assert all(s["last"] >= "2024-03-01" for s in stories(client, since="2024-03-01"))
    assert fire["id"] in {s["id"] for s in stories(client, since="2024-03-15", until="2024-03-15")}
    by_entity = stories(client, entity="Riverton")
    assert by_entity and fire["id"] not in {s["id"] for s in by_entity}
    assert client.get("/api/stories", params={"since": "last week"}).status_code == 400
    assert client.get("/", params={"until": "2024/01/01"}).status_code == 400


def test_stories_are_paged(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    everything = stories(client)
    monkeypatch.setenv("NEWSPRISM_WEB_STORIES_PER_PAGE", "2")
    first = client.get("/").text
    assert first.count('class="story-item"') == 2 and 'rel="next"' in first
    last_page = -(-len(everything) // 2)
    last = client.get("/", params={"page": last_page}).text
    assert 'rel="prev"' in last and 'rel="next"' not in last
    shown = re.findall(r'<h3><a href="/stories/([^"]+)"', first + last)
    assert shown[:2] == [s["id"] for s in everything[:2]]
    body = client.get("/api/stories", params={"offset": 1, "limit": 2}).json()
    assert body["total"] == len(everything)
    assert [s["id"] for s in body["stories"]] == [s["id"] for s in everything[1:3]]


def test_thread_filter_lists_only_that_thread(client: Any) -> None:
    threaded = [s for s in stories(client) if s["thread"]]
    if not threaded:
        pytest.skip("the example stories formed no thread")
    tid = threaded[0]["thread"]
    only = stories(client, thread=tid)
    assert only and all(s["thread"] == tid for s in only)


def test_search_fts(client: Any) -> None:
    r = client.get("/api/search", params={"q": "fare"})
    assert r.status_code == 200
    results = r.json()["results"]
    assert results and all(row["story"] for row in results)
    page = client.get("/", params={"q": "fare"})
    assert page.status_code == 200 and "Articles matching" in page.text
    listed = stories(client, q="fare")
    assert {row["story"] for row in results} >= {s["id"] for s in listed}
    bad = client.get("/api/search", params={"q": '"unbalanced'})
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "N001"


# --------------------------------------------------------------------------- story, article


def test_story_detail_json_and_page(client: Any) -> None:
    fire = harbour(client)
    r = client.get(f"/api/stories/{fire['id']}")
    assert r.status_code == 200
    body = r.json()
    comp = body["comparison"]
    assert len(comp["articles"]) == 3 and len(body["articles"]) == 3
    assert comp["figures"], "the harbour example has figures"
    statuses = {g["status"] for g in comp["figures"]}
    assert statuses <= {"agree", "conflict", "only"}
    page = client.get(f"/stories/{fire['id']}").text
    assert 'class="figures"' in page and 'class="speakers"' in page
    assert 'class="hl q' in page and "hl fig" in page
    assert page.count('class="column"') == 3
    assert "Okabe" not in page  # the legend explains meanings, not palette names
    assert "What the highlights mean" in page


def test_every_clickable_row_has_its_evidence_in_the_columns(client: Any) -> None:
    fire = harbour(client)
    page = client.get(f"/stories/{fire['id']}").text
    cols = dict(re.findall(r'data-article="([^"]+)" data-col="(\d+)"', page))
    assert len(cols) == 3
    rows = re.findall(r"data-ev='([^']*)'", page)
    assert rows
    import json

    checked = 0
    for raw in rows:
        for aid, start, end in json.loads(raw):
            if end > start:
                assert f'id="c{cols[aid]}-{start}-{end}"' in page
                checked += 1
    assert checked > 5


def test_every_story_and_article_page_renders(client: Any) -> None:
    listed = stories(client)
    for s in listed:
        page = client.get(f"/stories/{s['id']}")
        assert page.status_code == 200, s["id"]
        assert page.text.count('class="column"') == s["articles"]
        for aid in s["article_ids"]:
            assert client.get(f"/articles/{aid}").status_code == 200, aid
    assert sum(s["articles"] for s in listed) == 8  # 3 harbour + 4 fares + 1 hostile


def test_article_json_and_page(client: Any) -> None:
    fire = harbour(client)
    aid = fire["article_ids"][0]
    r = client.get(f"/api/articles/{aid}")
    assert r.status_code == 200
    data = r.json()
    assert data["analysis"]["id"] == aid
    assert {"sentences", "loaded_share", "signals", "speakers"} <= set(data["framing"])
    for q in data["analysis"]["quotes"]:
        assert data["analysis"]["text"][q["start"] : q["end"]] == q["text"]
    page = client.get(f"/articles/{aid}")
    assert page.status_code == 200
    assert "Framing profile" in page.text and f'href="/stories/{fire["id"]}"' in page.text


def test_exports_csv_and_json(client: Any) -> None:
    fire = harbour(client)
    sid = fire["id"]
    r = client.get(f"/api/stories/{sid}/comparison.csv")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and {"figure", "speaker"} <= {row["section"] for row in rows}
    art = client.get(f"/api/articles/{rows[0]['article_id']}").json()["analysis"]["text"]
    first = rows[0]
    if first["start"]:
        assert art[int(first["start"]) : int(first["end"])] == first["text"]
    j = client.get(f"/api/stories/{sid}/comparison.json")
    assert j.status_code == 200 and "attachment" in j.headers["content-disposition"]
    assert j.json() == client.get(f"/api/stories/{sid}").json()["comparison"]


def test_search_snippets_mark_matches_and_stay_escaped() -> None:
    from newsprism.web.views import snippet_html

    assert str(snippet_html("a [fare] rise")) == "a <mark>fare</mark> rise"
    assert str(snippet_html("<b>[x]</b>")) == "&lt;b&gt;<mark>x</mark>&lt;/b&gt;"
    assert str(snippet_html(None)) == ""


def test_csv_cells_cannot_run_as_formulas() -> None:
    from newsprism.web.exports import _safe

    assert _safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _safe("-5") == "'-5" and _safe("plain") == "plain" and _safe(3) == 3


# --------------------------------------------------------------------------- safety


def test_article_html_is_escaped_everywhere(client: Any) -> None:
    for url in (f"/articles/{HOSTILE_ID}", "/", "/?q=council"):
        page = client.get(url).text
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "<i>Outlet</i>" not in page
    page = client.get(f"/articles/{HOSTILE_ID}").text
    assert 'href="javascript:' not in page.lower()
    assert "&lt;script&gt;alert(" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    story = client.get(f"/api/articles/{HOSTILE_ID}").json()["analysis"]["story"]
    page = client.get(f"/stories/{story}").text
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    # the JSON API returns the text exactly as ingested
    data = client.get(f"/api/articles/{HOSTILE_ID}").json()["analysis"]
    assert '<script>alert("pwned")</script>' in data["text"]


@pytest.mark.parametrize(
    "url",
    [
        "/articles/..%2F..%2Fetc%2Fpasswd",
        "/articles/%2e%2e",
        "/api/articles/%2e%2e",
        "/api/articles/..%2F..%2Fsrc%2Fnewsprism%2Fweb%2Fapp.py",
        "/stories/..%2F..%2Fetc%2Fpasswd",
        "/api/stories/..%2Fs1/comparison.csv",
        "/api/stories/...",
        "/jobs/..%2F..%2Fetc%2Fpasswd",
        "/api/jobs/%2e%2e",
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2Fapp.py",
        "/static/%2e%2e%2f%2e%2e%2fdata%2fsettings.toml",
        "/?thread=..%2F..%2Fetc",
    ],
)
def test_no_path_traversal(client: Any, url: str) -> None:
    """Dot segments are sent percent-encoded so the HTTP client cannot normalise them away."""
    r = client.get(url)
    assert r.status_code in (400, 404), (url, r.status_code)
    for leaked in ("def create_app", "root:x:0", "[web]", "max_upload_bytes"):
        assert leaked not in r.text


def test_pages_forbid_inline_and_foreign_scripts(client: Any) -> None:
    r = client.get(f"/articles/{HOSTILE_ID}")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in r.text.replace('<script src="/static/app.js" defer></script>', "")
    assert ' style="' not in r.text


def test_invalid_ids_are_400_and_unknown_ids_404(client: Any) -> None:
    assert client.get("/api/articles/a..b").status_code == 400
    r = client.get("/api/articles/no-such-article")
    assert r.status_code == 404 and "no such article" in r.json()["error"]["message"]
    assert client.get("/api/stories/s999").status_code == 404
    assert client.get("/stories/s999").status_code == 404
    assert "Not found" in client.get("/stories/s999").text


def test_static_files_served(client: Any) -> None:
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200


# --------------------------------------------------------------------------- add


def test_add_good_and_bad_files_together(client: Any) -> None:
    files = [
        ("files", ("good.txt", GOOD_TEXT.encode(), "text/plain")),
        ("files", ("report.pdf", b"%PDF-1.4 \x00\x01\x02", "application/pdf")),
        ("files", ("broken.html", b"\x00\x01\x02\x03" * 500, "text/html")),
    ]
    r = client.post("/api/add", params={"wait": "true"}, files=files)
    assert r.status_code == 200, r.text
    job = r.json()["job"]
    assert job["state"] == "done"
    assert len(job["added"]) == 1 and job["stories"]
    errors = {e["source"]: e for e in job["errors"]}
    assert set(errors) == {"report.pdf", "broken.html"}
    assert (
        errors["report.pdf"]["code"] == "N107" and "not accepted" in errors["report.pdf"]["reason"]
    )
    assert errors["broken.html"]["code"] == "N102"
    stored = client.get(f"/api/articles/{job['added'][0]}").json()["analysis"]
    assert stored["source"] == "good.txt"  # the user's name, never the temp path
    assert "Westbrook" in stored["text"]


def test_add_runs_as_background_job_with_progress(client: Any) -> None:
    r = client.post("/api/add", data={"text": GOOD_TEXT, "outlet": "Westbrook Gazette"})
    assert r.status_code == 202
    job = r.json()["job"]
    assert r.headers["location"] == f"/api/jobs/{job['id']}"
    done = wait_job(client, job["id"])
    assert done["state"] == "done" and done["read"] == 1 and done["stored"] == 1
    stored = client.get(f"/api/articles/{done['added'][0]}").json()["analysis"]
    assert stored["outlet"] == "Westbrook Gazette" and stored["source"] == "pasted text"
    again = client.post("/api/add", params={"wait": "true"}, data={"text": GOOD_TEXT})
    assert again.status_code == 200 and again.json()["job"]["duplicates"]


def test_add_page_redirects_to_job_page(client: Any) -> None:
    files = [("files", ("notes.exe", b"MZ\x90\x00", "application/octet-stream"))]
    r = client.post("/add", files=files, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/jobs/")
    job_id = r.headers["location"].rsplit("/", 1)[1]
    wait_job(client, job_id)
    page = client.get(r.headers["location"]).text
    assert "notes.exe" in page and "file type not accepted" in page


def test_add_errors_map_to_http(client: Any) -> None:
    nothing = client.post("/api/add", data={"text": "  "})
    assert nothing.status_code == 400 and nothing.json()["error"]["code"] == "N001"
    assert client.post("/add", data={}).status_code == 400
    assert "nothing to add" in client.post("/add", data={}).text
    local = client.post("/api/add", params={"wait": "true"}, data={"urls": "/etc/passwd\n-"})
    assert local.status_code == 422
    reasons = [e["reason"] for e in local.json()["job"]["errors"]]
    assert len(reasons) == 2 and all("not an http" in x for x in reasons)
    bad_date = client.post("/api/add", data={"text": GOOD_TEXT, "published": "soon"})
    assert bad_date.status_code == 400


def test_jsonl_upload_bad_line_reported_good_line_stored(client: Any) -> None:
    import json

    good = {"id": "café-42", "title": "Café reopens", "outlet": "Town Crier",
            "published": "2024-05-02", "text": GOOD_TEXT}  # fmt: skip
    body = (json.dumps(good) + "\n{not json\n").encode()
    files = [("files", ("batch.jsonl", body, "application/x-ndjson"))]
    job = client.post("/api/add", params={"wait": "true"}, files=files).json()["job"]
    assert job["added"] == ["café-42"]
    assert [e["source"] for e in job["errors"]] == ["batch.jsonl:2"]
    assert job["errors"][0]["code"] == "N106"
    assert client.get("/articles/caf%C3%A9-42").status_code == 200
    stored = client.get("/api/articles/café-42").json()["analysis"]
    assert stored["source"] == "batch.jsonl#1"
    story = stored["story"]
    page = client.get(f"/stories/{story}").text
    assert 'href="/articles/caf%C3%A9-42"' in page


def test_uploaded_file_names_are_never_paths(client: Any) -> None:
    files = [("files", ("../../../../tmp/evil.txt", GOOD_TEXT.encode(), "text/plain"))]
    r = client.post("/api/add", params={"wait": "true"}, files=files)
    assert r.status_code == 200
    aid = r.json()["job"]["added"][0]
    assert client.get(f"/api/articles/{aid}").json()["analysis"]["source"] == "evil.txt"


def test_upload_size_limit_per_file(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSPRISM_WEB_MAX_UPLOAD_BYTES", str(len(GOOD_TEXT.encode()) + 10))
    files = [
        ("files", ("big.txt", GOOD_TEXT.encode() * 3, "text/plain")),
        ("files", ("small.txt", GOOD_TEXT.encode(), "text/plain")),
    ]
    r = client.post("/api/add", params={"wait": "true"}, files=files)
    assert r.status_code == 200
    job = r.json()["job"]
    assert [e["source"] for e in job["errors"]] == ["big.txt"]
    assert job["errors"][0]["code"] == "N104" and len(job["added"]) == 1


def test_request_size_limit_413(db_copy: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    monkeypatch.setenv("NEWSPRISM_WEB_MAX_REQUEST_BYTES", "2000")
    with TestClient(create_app(str(db_copy))) as small:
        files = [("files", ("big.txt", b"word " * 2000, "text/plain"))]
        r = small.post("/api/add", files=files)
        assert r.status_code == 413 and r.json()["error"]["code"] == "N104"
        assert small.post("/add", files=files).status_code == 413
        assert small.get("/api/stories").status_code == 200


def test_too_many_files_are_refused_one_by_one(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSPRISM_WEB_MAX_FILES", "1")
    files = [
        ("files", ("one.txt", GOOD_TEXT.encode(), "text/plain")),
        ("files", ("two.txt", GOOD_TEXT.encode() + b" More.", "text/plain")),
    ]
    job = client.post("/api/add", params={"wait": "true"}, files=files).json()["job"]
    assert len(job["added"]) == 1
    assert [e["source"] for e in job["errors"]] == ["two.txt"]


def test_openapi_lists_the_api(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}",
            "/api/search", "/api/add", "/api/jobs/{job_id}",
            "/api/stories/{story_id}/comparison.csv"} <= paths  # fmt: skip
    assert not any(not p.startswith("/api/") for p in paths)
    docs = client.get("/docs")
    assert docs.status_code == 200
    # Swagger UI comes from this server (no CDN: the machine may have no network).
    assert "/docs-static/swagger-ui-bundle.js" in docs.text and "cdn" not in docs.text.lower()
    assert client.get("/docs-static/swagger-ui-bundle.js").status_code == 200


def test_serve_defaults_to_loopback() -> None:
    import inspect

    from newsprism.web import serve
    from newsprism.web.app import is_loopback

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")


def test_trend_evidence_strings_the_groups_of_a_trend_together() -> None:
    from newsprism.compare import compare
    from newsprism.web import views
    from support import counted_figure

    c = compare([counted_figure("late", 310, "drivers", "2024-06-01"),
                 counted_figure("early", 280, "drivers", "2022-06-01")])
    (trend,) = c.trends
    got = [(e.article_id, e.text) for e in views.trend_evidence(c, trend)]
    assert got == [("early", "280"), ("late", "310")]
