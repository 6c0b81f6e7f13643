"""Hooks of the plan app into the platform (API router, the catalog's metrics)."""


def connect() -> None:
    """Register the plan app's routers and metrics (idempotent)."""
