"""newsprism: one news story as every outlet tells it."""

__version__ = "0.1.0"
