"""Background add jobs: uploads are ingested, analysed and stored off the request thread.

One worker thread runs the jobs in order (analysis is CPU-bound and the store has one
writer).  A job's state is polled through ``GET /api/jobs/{id}``.  Ingestion, analysis and
storage are :func:`newsprism.service.ingest` and :func:`newsprism.service.add_inputs`; this
module only relabels temporary upload paths with the names the user gave.
"""

from __future__ import annotations

import logging
import shutil
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import InputError, NewsprismError
from ..model import Article
from ..store import Store

log = logging.getLogger(__name__)


@dataclass
class Job:
    """The state of one add request (mutated by the worker thread under ``Jobs._lock``)."""

    id: str
    inputs: list[str]
    state: str = "queued"  # queued | running | done | failed
    read: int = 0  # articles read from the inputs so far
    stored: int = 0  # articles analysed and passed to the store so far
    added: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    message: str | None = None

    @property
    def finished(self) -> bool:
        """Whether the job has ended (done or failed)."""
        return self.state in ("done", "failed")

    def to_dict(self) -> dict[str, Any]:
        """The job as a JSON-ready dict."""
        return {
            "id": self.id,
            "state": self.state,
            "finished": self.finished,
            "inputs": list(self.inputs),
            "read": self.read,
            "stored": self.stored,
            "added": list(self.added),
            "duplicates": list(self.duplicates),
            "stories": list(self.stories),
            "errors": list(self.errors),
            "message": self.message,
        }


def error_dict(err: InputError, labels: Mapping[str, str] | None = None) -> dict[str, str]:
    """An input error as ``{code, source, reason, message}``, temp paths relabelled."""
    source = relabel(err.source, labels or {})
    return {
        "code": err.code,
        "source": source,
        "reason": err.reason,
        "message": f"{source}: {err.reason}",
    }


def relabel(source: str, labels: Mapping[str, str]) -> str:
    """``source`` with a temporary upload path prefix replaced by the user's name for it
    (also inside ``path#record`` and ``path:line`` sources)."""
    for path, name in labels.items():
        if source == path or (source.startswith(path) and source[len(path)] in "#:"):
            return name + source[len(path) :]
    return source


def relabelled(
    items: Iterable[Article | InputError], labels: Mapping[str, str], on_read: Callable[[], None]
) -> Iterator[Article | InputError]:
    """The ingest stream with article sources relabelled; calls ``on_read`` per article."""
    for item in items:
        if isinstance(item, Article):
            on_read()
            source = relabel(item.source, labels)
            yield item if source == item.source else replace(item, source=source)
        else:
            yield item


@dataclass(frozen=True, slots=True)
class Request:
    """What to add: ingest inputs (temp paths and URLs) and options."""

    inputs: tuple[str, ...]
    labels: Mapping[str, str]  # temp path -> name shown to the user
    outlet: str | None = None
    published: str | None = None
    max_bytes: int | None = None
    rejected: tuple[InputError, ...] = ()  # refused before ingestion (type, size, count)
    tmpdir: str | None = None  # removed when the job ends


class Jobs:
    """A registry of add jobs run one at a time on a worker thread."""

    def __init__(self, store: Store, keep: int = 50) -> None:
        self._store = store
        self._keep = keep
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsprism-add")

    def get(self, job_id: str) -> Job | None:
        """The job with this id, or None."""
        with self._lock:
            return self._jobs.get(job_id)

    def snapshot(self, job_id: str) -> dict[str, Any] | None:
        """A consistent dict of the job's state, or None if unknown."""
        with self._lock:
            job = self._jobs.get(job_id)
            return None if job is None else job.to_dict()

    def submit(self, req: Request) -> Job:
        """Queue ``req``; returns its job at once."""
        names = [req.labels.get(i, i) for i in req.inputs] + [e.source for e in req.rejected]
        job = Job(id=uuid.uuid4().hex, inputs=names)
        job.errors = [error_dict(e) for e in req.rejected]
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
        self._pool.submit(self._run, job, req)
        return job

    def run(self, req: Request) -> Job:
        """Submit ``req`` and wait for it (for callers that want the result); returns the job."""
        job = self.submit(req)
        while True:
            with self._lock:
                if job.finished:
                    return job
            threading.Event().wait(0.05)

    def _forget_old(self) -> None:
        """Drop the oldest finished jobs beyond ``keep``."""
        finished = [k for k, j in self._jobs.items() if j.finished]
        for k in finished[: max(0, len(finished) - self._keep)]:
            del self._jobs[k]

    def _run(self, job: Job, req: Request) -> None:
        """The worker: ingest, analyse, store; record progress and errors on ``job``."""
        with self._lock:
            job.state = "running"

        def on_read() -> None:
            with self._lock:
                job.read += 1

        def on_error(err: InputError) -> None:
            with self._lock:
                job.errors.append(error_dict(err, req.labels))

        def on_stored(n: int) -> None:
            with self._lock:
                job.stored += n

        from .. import service  # imported here: it loads the NLP pipeline modules

        try:
            if req.inputs:
                items = service.ingest(
                    list(req.inputs),
                    outlet=req.outlet,
                    published=req.published,
                    max_bytes=req.max_bytes,
                )
                report = service.add_inputs(
                    self._store,
                    relabelled(items, req.labels, on_read),
                    on_error=on_error,
                    on_stored=on_stored,
                )
                with self._lock:
                    job.added = list(report.added)
                    job.duplicates = list(report.duplicates)
                    job.stories = sorted(report.stories)
            with self._lock:
                job.state = "done"
        except NewsprismError as exc:
            with self._lock:
                job.state, job.message = "failed", str(exc)
        except Exception as exc:  # noqa: BLE001 - a job must always finish
            log.exception("add job %s failed", job.id)
            with self._lock:
                job.state, job.message = "failed", f"internal error: {type(exc).__name__}"
        finally:
            if req.tmpdir:
                shutil.rmtree(req.tmpdir, ignore_errors=True)

    def close(self) -> None:
        """Stop accepting jobs and wait for the running one."""
        self._pool.shutdown(wait=True, cancel_futures=True)
