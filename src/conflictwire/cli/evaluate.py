"""Commands for evaluate (to be filled)."""

from . import app  # noqa: F401
