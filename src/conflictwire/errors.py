"""Errors with stable codes. Every code is documented in docs/errors.md (a test checks it).

A message names the input, the reason and the next step.
"""

from __future__ import annotations


class ConflictwireError(Exception):
    """Base class: a problem a user can act on, with a stable code."""

    code = "CW000"

    def __init__(self, message: str, *, input: str | None = None):
        self.input = input
        super().__init__(message)

    def __str__(self) -> str:
        msg = super().__str__()
        return f"{self.input}: {msg}" if self.input else msg


class InputNotFound(ConflictwireError):
    """A path given on the command line does not exist."""

    code = "CW101"


class InputUnreadable(ConflictwireError):
    """A file exists but cannot be read (permissions, a directory, I/O error)."""

    code = "CW102"


class EmptyInput(ConflictwireError):
    """The input holds no text at all."""

    code = "CW103"


class BinaryInput(ConflictwireError):
    """The input is binary data, not text or HTML."""

    code = "CW104"


class UndecodableInput(ConflictwireError):
    """The bytes are not valid in any encoding we could detect."""

    code = "CW105"


class InputTooLarge(ConflictwireError):
    """The input is bigger than options.max_input_bytes."""

    code = "CW106"


class MalformedRecord(ConflictwireError):
    """A JSONL line is not JSON, or lacks text/html."""

    code = "CW107"


class NoArticleText(ConflictwireError):
    """Cleaning left no article text (an HTML page with no article in it)."""

    code = "CW201"


class ModelMissing(ConflictwireError):
    """A model or data package is not installed."""

    code = "CW301"


class PipelineConfigError(ConflictwireError):
    """Stages are named that do not exist, or in an order that misses what one requires."""

    code = "CW401"


class StoreError(ConflictwireError):
    """The database cannot be opened or written."""

    code = "CW501"


class EvaluationDataError(ConflictwireError):
    """A gold file is in a format evaluate does not know."""

    code = "CW601"


def all_error_classes() -> list[type[ConflictwireError]]:
    out = []
    stack = [ConflictwireError]
    while stack:
        cls = stack.pop()
        out.append(cls)
        stack.extend(cls.__subclasses__())
    return sorted(out, key=lambda c: c.code)
