"""Commands for actors (to be filled)."""

from . import app  # noqa: F401
