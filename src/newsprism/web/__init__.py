"""The newsprism web app (``newsprism serve``): pages and a JSON API over a store."""

from __future__ import annotations

from .app import create_app, serve

__all__ = ["create_app", "serve"]
