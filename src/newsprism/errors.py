"""The error hierarchy.  Every error carries a stable code (like spaCy's E0xx) so
messages can be looked up in docs and mapped to exit statuses and HTTP codes."""

from __future__ import annotations


class NewsprismError(Exception):
    """Base of every error newsprism raises on purpose."""

    code = "N000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class UsageError(NewsprismError):
    """Bad command-line usage or configuration (exit status 2, HTTP 400)."""

    code = "N001"


class InputError(NewsprismError):
    """One input could not be turned into articles (exit status 1, HTTP 422).

    ``source`` names the input (path, ``path#record``, URL or ``stdin``); the rest of
    a batch is still processed.
    """

    code = "N100"

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class EmptyInput(InputError):
    code = "N101"


class BinaryInput(InputError):
    code = "N102"


class EncodingProblem(InputError):
    code = "N103"


class InputTooLarge(InputError):
    code = "N104"


class NoArticleBody(InputError):
    code = "N105"


class MalformedInput(InputError):
    """Malformed feed, JSON line, HTML or WARC/ARC record (truncated, bad header...)."""

    code = "N106"


class UnreadableInput(InputError):
    """Missing file, permission denied, network failure, unknown source kind."""

    code = "N107"


class ModelNotInstalled(NewsprismError):
    code = "N200"
