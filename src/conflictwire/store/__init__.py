"""The store stage: articles and events in SQLite (default) or PostgreSQL, deduplicated and merged.

``open_store(target)`` opens a file path as SQLite or a ``postgresql://`` URL as PostgreSQL; the
same tables (derived from the schema), the same SQL and the same tests run on both.
"""

from .core import EventFilter, SaveResult, Store, StoreStats, open_store

__all__ = ["EventFilter", "SaveResult", "Store", "StoreStats", "open_store"]
