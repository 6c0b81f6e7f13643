"""Hooks of the gomi app into the platform (API router, metrics, periodic tasks)."""


def connect() -> None:
    """Register the gomi app's routers, metrics and periodic tasks (idempotent)."""
