"""Every threshold and tunable in one place (like trafilatura's settings.cfg).

Values live in ``data/settings.toml`` with a note on where each comes from; this module
only reads them.  Override any with ``NEWSPRISM_<SECTION>_<KEY>`` in the environment.
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from importlib.resources import files
from typing import Any


@lru_cache(maxsize=1)
def _load() -> dict[str, dict[str, Any]]:
    return tomllib.loads(files("newsprism.data").joinpath("settings.toml").read_text("utf-8"))


def get(section: str, key: str) -> Any:
    """A setting, from the environment if set there, else from data/settings.toml."""
    default = _load()[section][key]
    env = os.environ.get(f"NEWSPRISM_{section}_{key}".upper())
    if env is None:
        return default
    return type(default)(env)


def data_path(name: str):  # -> importlib.resources.abc.Traversable
    """A file shipped in ``newsprism/data``."""
    return files("newsprism.data").joinpath(name)
