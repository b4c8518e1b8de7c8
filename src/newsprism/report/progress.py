"""Progress on stderr for long runs: shown once more than a handful of items have passed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from .. import settings

T = TypeVar("T")


@contextmanager
def track(
    items: Iterable[T], *, console: Console, label: str = "analysing", total: int | None = None
) -> Iterator[Iterator[T]]:
    """Yield an iterator over ``items`` that drives a progress display on ``console``.

    Nothing is drawn for the first ``cli.progress_min_articles`` items, so a run on a
    couple of articles stays quiet; rich draws nothing when stderr is not a terminal.
    """
    if not console.is_terminal:  # piped or captured: no bar, nothing written
        yield iter(items)
        return
    threshold = int(settings.get("cli", "progress_min_articles"))
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = progress.add_task(label, total=total)

    def stream() -> Iterator[T]:
        for n, item in enumerate(items, start=1):
            if n == threshold + 1:
                progress.start()
            yield item
            progress.update(task, completed=n)

    try:
        yield stream()
    finally:
        progress.stop()
