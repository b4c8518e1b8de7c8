"""Fixtures for the web app tests: a store holding the bundled example stories.

The example store is built once per session with the real pipeline (``service.add_inputs``
over ``examples/``) plus one invented hostile article added directly (no NLP needed); each
test that writes gets its own copy of the database file.
"""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from webfixtures import hostile_analysis

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file with the example stories (real pipeline) and the hostile article."""
    if not (EXAMPLES / "harbour-fire").is_dir():
        pytest.skip("examples/ is absent")
    from newsprism import service
    from newsprism.store import open_store

    path = tmp_path_factory.mktemp("webdb") / "examples.db"
    store = open_store(str(path))
    try:
        inputs = [str(EXAMPLES / "harbour-fire"), str(EXAMPLES / "transit-fares" / "fares.jsonl")]
        report = service.add_inputs(store, service.ingest(inputs))
        assert not report.errors, report.errors
        store.add([hostile_analysis()])
    finally:
        store.close()
    return path


@pytest.fixture
def db_copy(example_db: Path, tmp_path: Path) -> Path:
    """A private copy of the example store for one test."""
    target = tmp_path / "copy.db"
    shutil.copy(example_db, target)
    return target


@pytest.fixture
def client(db_copy: Path) -> Iterator[object]:
    """A TestClient over a private copy of the example store."""
    from newsprism.web import create_app

    with warnings.catch_warnings():  # starlette asks for httpx2 instead of httpx
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with TestClient(create_app(str(db_copy))) as c:
        yield c
