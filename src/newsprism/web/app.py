"""The newsprism web app: server-rendered pages (Jinja2) and a JSON API under ``/api/``.

Pages: ``/`` stories (search and filters), ``/stories/{id}`` the side-by-side comparison,
``/articles/{id}`` one article's analysis, ``/add`` paste / upload / URLs with a progress
page ``/jobs/{id}``.  The API mirrors them (OpenAPI at ``/docs``) and exports a story's
comparison as JSON or CSV.

Errors map to HTTP: :class:`UsageError` 400, :class:`InputError` 422, unknown ids 404, a
request body over ``[web] max_request_bytes`` 413.  Every id in a path is validated
(:func:`views.check_id`) before it reaches the store; article text is always escaped.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__, settings
from ..compare import TREND_WORDS
from ..errors import InputError, NewsprismError, UsageError
from ..model import Analysis, to_dict
from ..store import Store, open_store
from . import exports, views
from .jobs import Jobs
from .uploads import build_request, limits

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

#: Content-Security-Policy of every page but /docs: nothing inline, nothing from elsewhere.
CSP = (
    b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class NotFound(StarletteHTTPException):
    """An unknown story, article or job (HTTP 404)."""

    def __init__(self, what: str, ident: str) -> None:
        super().__init__(404, f"no such {what}: {ident}")


def status_of(exc: NewsprismError) -> int:
    """The HTTP status of a newsprism error: UsageError 400, InputError 422, else 500."""
    if isinstance(exc, UsageError):
        return 400
    if isinstance(exc, InputError):
        return 422
    return 500


def is_api(request: Request) -> bool:
    """Whether the request is for the JSON API."""
    return request.url.path.startswith("/api/")


# --------------------------------------------------------------------------- body limit


class BodyTooLarge(Exception):
    """Raised inside a request whose body passed the byte limit."""


class BodyLimit:
    """ASGI middleware refusing request bodies over ``limit`` bytes with 413."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length", b"")
        if length.isdigit() and int(length) > self.limit:
            await self._reject(scope, send)
            return
        received = 0
        started = False

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited, tracked)
        except BodyTooLarge:
            if not started:
                await self._reject(scope, send)

    async def _reject(self, scope: Scope, send: Send) -> None:
        """Send the 413 response."""
        message = f"request body larger than {self.limit:,} bytes"
        if str(scope.get("path", "")).startswith("/api/"):
            response: Response = JSONResponse(
                {"error": {"code": "N104", "message": message}}, status_code=413
            )
        else:
            response = HTMLResponse(f"<h1>413</h1><p>{message}</p>", status_code=413)
        await response(scope, _drain, send)


async def _drain() -> Message:
    """A receive callable for a response sent before the body was read."""
    return {"type": "http.disconnect"}


class SecurityHeaders:
    """ASGI middleware adding ``nosniff`` and no-referrer everywhere, and a strict
    Content-Security-Policy (scripts and styles from this server only) to our HTML pages.
    ``/docs`` is exempt: Swagger UI (served from this server, see :func:`_api_docs`)
    starts itself with an inline script."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        strict = not path.startswith(("/docs", "/redoc"))

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                if strict:
                    headers.append((b"content-security-policy", CSP))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


# --------------------------------------------------------------------------- context


@dataclass
class Site:
    """What every route needs: the store, the job runner and the templates."""

    store: Store
    jobs: Jobs
    templates: Jinja2Templates

    def page(self, request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
        """A rendered template."""
        context.setdefault("version", __version__)
        return self.templates.TemplateResponse(request, name, context, status_code=status_code)

    # ----------------------------------------------------------------- queries
    def rows(self) -> dict[str, Any]:
        """Every stored article row by id."""
        return {r.id: r for r in self.store.articles()}

    def story_list(self, f: views.Filters) -> tuple[list[views.StorySummary], list[Any]]:
        """Filtered stories (newest first) and, for a search, the matching article rows."""
        rows = self.rows()
        results: list[Any] = []
        story_ids: set[str] | None = None
        search_limit = int(settings.get("web", "search_limit"))
        if f.q:
            results = self.store.search(f.q, limit=search_limit)
            story_ids = {r.story for r in results if r.story}
        if f.entity:
            limit = int(settings.get("web", "entity_filter_limit"))
            found = self.store.search(views.phrase_query(f.entity), limit=limit)
            ids = {r.story for r in found if r.story}
            story_ids = ids if story_ids is None else story_ids & ids
        if story_ids is not None:
            f = replace(f, story_ids=frozenset(story_ids))
        stories = self.store.stories()
        summaries = views.summarize(stories, rows, self.store.threads())
        outlets_of = {
            s.id: {rows[a].outlet for a in s.article_ids if a in rows and rows[a].outlet}
            for s in stories
        }
        kept = [s for s in views.newest_first(summaries) if views.keep(s, f, outlets_of)]
        return kept, results

    def outlets(self) -> list[str]:
        """Every outlet name in the store, sorted."""
        return sorted({r.outlet for r in self.store.articles() if r.outlet}, key=str.lower)

    def story_data(self, story_id: str) -> dict[str, Any]:
        """A story with its analyses and comparison; NotFound if unknown."""
        from ..compare import compare
        from ..service import load_analyses

        views.check_id(story_id, "story id")
        story = self.store.story(story_id)
        if story is None:
            raise NotFound("story", story_id)
        analyses = load_analyses(self.store, [story_id])
        comparison = compare(analyses)
        summary = views.summarize([story], self.rows(), self.store.threads())[0]
        return {"story": story, "summary": summary, "analyses": analyses, "comparison": comparison}

    def analysis(self, article_id: str) -> Analysis:
        """A stored analysis; NotFound if unknown."""
        views.check_id(article_id, "article id")
        analysis = self.store.get(article_id)
        if analysis is None:
            raise NotFound("article", article_id)
        return analysis

    def job(self, job_id: str) -> dict[str, Any]:
        """A job's state; NotFound if unknown."""
        if not views.valid_id(job_id):
            raise UsageError(f"invalid job id: {job_id[:60]!r}")
        snap = self.jobs.snapshot(job_id)
        if snap is None:
            raise NotFound("job", job_id)
        return snap


def framing_of(analysis: Analysis) -> dict[str, Any]:
    """The framing profile of one article (``extract.framing.profile``), JSON-ready."""
    from ..extract.framing import profile

    a = analysis
    return profile(a.sentences, a.quotes, a.article.text)


def column_html(analysis: Analysis, col: int, comparison: Any, anchors: Sequence[Any]) -> Markup:
    """An article's text as escaped HTML with its findings highlighted.

    The highlighting is :mod:`newsprism.report.html`'s (the static report's): nested
    ``span.hl`` elements, and an element id ``c{col}-{start}-{end}`` for every evidence
    in ``anchors``, which the page script scrolls to.
    """
    from ..report.html import annotations, mark_up

    return Markup(mark_up(analysis.article.text, annotations(analysis, col, comparison, anchors)))


def speaker_styles(comparison: Any) -> list[dict[str, Any]]:
    """Per speaker row of ``comparison``: name, colour and border numbers of its highlight."""
    from ..report.html import BORDERS, PALETTE

    return views.speaker_styles(comparison, len(PALETTE), len(BORDERS))


def article_anchors(a: Analysis) -> list[Any]:
    """Evidence for every span the article page's tables point at."""
    from ..compare import Evidence

    aid, text = a.article.id, a.article.text
    spans = [
        *a.quotes,
        *a.figures,
        *a.entities,
        *a.dates,
        *a.repairs,
        *(g for s in a.sentences for g in s.signals),
    ]
    return [Evidence(aid, x.start, x.end, text[x.start : x.end]) for x in spans]


def make_templates() -> Jinja2Templates:
    """The Jinja2 templates, autoescaping everything, with the view helpers as globals."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
    env.globals.update(
        evidence=views.evidence_list,
        spans=views.spans,
        snippet=views.snippet_html,
        speaker_of=views.speaker_of,
        group_evidence=views.group_evidence,
        trend_evidence=views.trend_evidence,
        trend_words=TREND_WORDS,
        readings_for=views.readings_for,
        cell_for=views.cell_for,
        outlet_label=views.outlet_label,
    )
    return Jinja2Templates(env=env)


# --------------------------------------------------------------------------- app


def create_app(db_path: str) -> FastAPI:
    """The web app over the store at ``db_path`` (``":memory:"`` for a throwaway one)."""
    store = open_store(db_path)
    site = Site(store, Jobs(store, int(settings.get("web", "keep_jobs"))), make_templates())

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        site.jobs.close()
        store.close()

    app = FastAPI(
        title="newsprism",
        version=__version__,
        description="One news story as every outlet tells it. JSON API of the newsprism web app.",
        lifespan=lifespan,
        docs_url=None,  # served by _api_docs from local files: no CDN
        redoc_url=None,
    )
    app.state.site = site
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limit=limits().max_request_bytes)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _api_docs(app)
    _error_handlers(app, site)
    _pages(app, site)
    _api(app, site)
    return app


def _api_docs(app: FastAPI) -> None:
    """OpenAPI docs at ``/docs`` with Swagger UI from the swagger-ui-bundle package, so the
    page works with no network (FastAPI's default loads it from a CDN)."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from swagger_ui_bundle import swagger_ui_path

    app.mount("/docs-static", StaticFiles(directory=swagger_ui_path), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="newsprism API",
            swagger_js_url="/docs-static/swagger-ui-bundle.js",
            swagger_css_url="/docs-static/swagger-ui.css",
            swagger_favicon_url="/docs-static/favicon-32x32.png",
        )


def _error_handlers(app: FastAPI, site: Site) -> None:
    """Map newsprism errors and HTTP errors to JSON (API) or an error page."""

    def reply(request: Request, status: int, code: str, message: str) -> Response:
        if is_api(request):
            return JSONResponse({"error": {"code": code, "message": message}}, status)
        return site.page(request, "error.html", status, status=status, code=code, message=message)

    @app.exception_handler(NewsprismError)
    async def newsprism_error(request: Request, exc: NewsprismError) -> Response:
        return reply(request, status_of(exc), exc.code, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return reply(request, exc.status_code, f"HTTP{exc.status_code}", str(exc.detail))


def _filters(
    q: str | None,
    outlet: str | None,
    since: str | None,
    until: str | None,
    entity: str | None,
    thread: str | None,
) -> views.Filters:
    """Validated list filters (UsageError for malformed dates or ids)."""
    if thread:
        views.check_id(thread, "thread id")
    return views.Filters(
        q=(q or "").strip() or None,
        outlet=(outlet or "").strip() or None,
        since=views.check_date(since, "since"),
        until=views.check_date(until, "until"),
        entity=(entity or "").strip() or None,
        thread=thread or None,
    )


def _pages(app: FastAPI, site: Site) -> None:
    """The HTML pages."""

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(
        request: Request,
        q: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        entity: str | None = None,
        thread: str | None = None,
        page: int = 1,
    ) -> Response:
        f = _filters(q, outlet, since, until, entity, thread)
        stories, results = site.story_list(f)
        size = int(settings.get("web", "stories_per_page"))
        pages = max(1, -(-len(stories) // size))
        page = max(1, min(page, pages))
        shown = stories[(page - 1) * size : page * size]
        links = {
            n: str(request.url.include_query_params(page=n))
            for n in (page - 1, page + 1)
            if 1 <= n <= pages
        }
        return site.page(
            request,
            "stories.html",
            stories=shown,
            total=len(stories),
            first=(page - 1) * size + 1,
            page=page,
            pages=pages,
            links=links,
            results=results,
            filters=f,
            outlets=site.outlets(),
        )

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str) -> Response:
        data = site.story_data(story_id)
        comparison = data["comparison"]
        anchors = views.all_evidence(comparison)
        columns = [
            {
                "ref": ref,
                "col": col,
                "html": column_html(a, col, comparison, anchors),
                "framing": comparison.framing[col],
                "stats": comparison.quote_stats[col],
            }
            for col, (ref, a) in enumerate(zip(comparison.articles, data["analyses"], strict=True))
        ]
        return site.page(
            request,
            "story.html",
            columns=columns,
            speakers=speaker_styles(comparison),
            reasons=site.store.story_reasons(story_id),
            **data,
        )

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> Response:
        from ..compare import compare

        a = site.analysis(article_id)
        comparison = compare([a])
        html = column_html(a, 0, comparison, article_anchors(a))
        return site.page(
            request,
            "article.html",
            a=a,
            html=html,
            framing=framing_of(a),
            speakers=speaker_styles(comparison),
            comparison=comparison,
        )

    @app.get("/add", response_class=HTMLResponse, include_in_schema=False)
    def add_page(request: Request) -> Response:
        return site.page(request, "add.html", limits=limits(), error=None)

    @app.post("/add", include_in_schema=False)
    async def add_submit(request: Request) -> Response:
        lim = limits()
        try:
            form = await request.form(
                max_files=lim.max_files * 2,
                max_fields=20,
                max_part_size=lim.max_paste_chars * 4 + 1024,
            )
            req = await build_request(form, lim)
        except UsageError as exc:
            return site.page(request, "add.html", 400, limits=lim, error=exc)
        job = site.jobs.submit(req)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    @app.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    def job_page(request: Request, job_id: str) -> Response:
        return site.page(request, "job.html", job=site.job(job_id))


def _download(body: str, media_type: str, filename: str) -> Response:
    """A response offered as a file download."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", filename)
    headers = {"Content-Disposition": f'attachment; filename="{safe}"'}
    return Response(body, media_type=media_type, headers=headers)


_ADD_BODY = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string", "description": "pasted article text"},
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "text, HTML, RSS/Atom, WARC/ARC or JSONL",
                        },
                        "urls": {"type": "string", "description": "http(s) URLs, one a line"},
                        "outlet": {"type": "string"},
                        "published": {"type": "string", "description": "YYYY-MM-DD"},
                    },
                }
            }
        },
        "required": True,
    }
}


def _api(app: FastAPI, site: Site) -> None:
    """The JSON API."""

    @app.get("/api/stories", tags=["stories"])
    def api_stories(
        q: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        entity: str | None = None,
        thread: str | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> dict[str, Any]:
        """Stories newest first, filtered; ``q`` is an FTS5 full-text query.

        ``total`` counts every story that passes the filters; ``offset`` and ``limit`` page
        through them.
        """
        f = _filters(q, outlet, since, until, entity, thread)
        stories, results = site.story_list(f)
        offset = max(0, offset)
        end = None if limit is None else offset + max(0, limit)
        return {
            "total": len(stories),
            "stories": [s.to_dict() for s in stories[offset:end]],
            "results": [views.row_dict(r) for r in results],
        }

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def api_story(story_id: str) -> dict[str, Any]:
        """One story: summary, grouping reasons, articles and the side-by-side comparison."""
        data = site.story_data(story_id)
        rows = site.rows()
        return {
            "story": data["summary"].to_dict(),
            "reasons": site.store.story_reasons(story_id),
            "articles": [views.row_dict(rows[a]) for a in data["story"].article_ids if a in rows],
            "comparison": data["comparison"].to_dict(),
        }

    @app.get("/api/stories/{story_id}/comparison.json", tags=["export"])
    def api_story_json(story_id: str) -> Response:
        """The story's comparison as a JSON download."""
        import json

        data = site.story_data(story_id)
        body = json.dumps(data["comparison"].to_dict(), ensure_ascii=False, indent=2)
        return _download(body, "application/json", f"story-{story_id}-comparison.json")

    @app.get("/api/stories/{story_id}/comparison.csv", tags=["export"])
    def api_story_csv(story_id: str) -> Response:
        """The story's comparison as a CSV download (one row per piece of evidence)."""
        data = site.story_data(story_id)
        body = exports.to_csv(data["comparison"])
        return _download(body, "text/csv; charset=utf-8", f"story-{story_id}-comparison.csv")

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: str) -> dict[str, Any]:
        """One article's full analysis (the JSONL record) and its framing profile."""
        a = site.analysis(article_id)
        return {"analysis": to_dict(a), "framing": framing_of(a)}

    @app.get("/api/search", tags=["articles"])
    def api_search(q: str, limit: int = 20) -> dict[str, Any]:
        """Full-text search (SQLite FTS5 syntax) over titles and texts, best first."""
        if not q.strip():
            raise UsageError("empty search query")
        limit = max(1, min(limit, int(settings.get("web", "search_limit"))))
        return {"results": [views.row_dict(r) for r in site.store.search(q, limit=limit)]}

    @app.get("/api/outlets", tags=["articles"])
    def api_outlets() -> dict[str, Any]:
        """Every outlet name in the store."""
        return {"outlets": site.outlets()}

    @app.get("/api/threads", tags=["stories"])
    def api_threads() -> dict[str, Any]:
        """Threads: stories on one issue over time."""
        return {
            "threads": [
                {
                    "id": t.id,
                    "title": t.title,
                    "story_ids": list(t.story_ids),
                    "reasons": list(t.reasons),
                }
                for t in site.store.threads()
            ]
        }

    @app.post("/api/add", tags=["add"], status_code=202, openapi_extra=_ADD_BODY)
    async def api_add(request: Request, wait: bool = False) -> Response:
        """Add pasted text, files and URLs in a background job (202 with the job).

        With ``wait=true`` the call returns the finished job: 200 if anything was added or
        every input was a duplicate, 422 if inputs failed and nothing was added.
        """
        lim = limits()
        form = await request.form(
            max_files=lim.max_files * 2, max_fields=20, max_part_size=lim.max_paste_chars * 4 + 1024
        )
        req = await build_request(form, lim)
        if not wait:
            job = site.jobs.submit(req)
            return JSONResponse(
                {"job": job.to_dict()}, 202, headers={"Location": f"/api/jobs/{job.id}"}
            )
        from starlette.concurrency import run_in_threadpool

        job = await run_in_threadpool(site.jobs.run, req)
        snap = site.job(job.id)
        failed = snap["state"] == "failed" or (
            snap["errors"] and not snap["added"] and not snap["duplicates"]
        )
        return JSONResponse({"job": snap}, 422 if failed else 200)

    @app.get("/api/jobs/{job_id}", tags=["add"])
    def api_job(job_id: str) -> dict[str, Any]:
        """The state of an add job: progress, added ids, stories, errors."""
        return {"job": site.job(job_id)}


# --------------------------------------------------------------------------- serve


def is_loopback(host: str) -> bool:
    """Whether ``host`` names only this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the web app with uvicorn until interrupted (loopback by default)."""
    import uvicorn

    if not is_loopback(host):
        print(
            f"warning: serving on {host}: anyone who can reach it can read and add articles",
            file=sys.stderr,
        )
    uvicorn.run(create_app(db_path), host=host, port=port, log_level="info")
