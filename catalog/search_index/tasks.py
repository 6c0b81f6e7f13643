"""Periodic upkeep of the search change log (registered by catalog.apps)."""

from __future__ import annotations

from datetime import datetime

from catalog.search_index import lifecycle
from core.schedule import periodic


@periodic("catalog.search_change_prune", hours=1)
def prune_unused_changes(now: datetime) -> None:
    """With the index off nobody reads the change log: empty it (builders prune it otherwise)."""
    if not lifecycle.enabled():
        lifecycle.forget_changes()
