"""Commands for dates (to be filled)."""

from . import app  # noqa: F401
