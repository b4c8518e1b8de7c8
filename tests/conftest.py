"""Shared fixtures: the spaCy pipeline, loaded once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from newsprism.nlp import load

    return load()
