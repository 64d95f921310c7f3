"""Commands for store (to be filled)."""

from . import app  # noqa: F401
