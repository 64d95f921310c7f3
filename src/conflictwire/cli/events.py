"""Commands for events (to be filled)."""

from . import app  # noqa: F401
