"""Commands for geo (to be filled)."""

from . import app  # noqa: F401
