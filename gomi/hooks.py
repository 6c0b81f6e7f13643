"""Hooks of the gomi app into the platform (API router, metrics, periodic tasks)."""

from importlib import import_module


def connect() -> None:
    """Register the gomi app's routers, metrics and periodic tasks (idempotent)."""
    import_module("gomi.metrics")  # registers the @metric functions
    import_module("gomi.catalog_publish")  # registers the gomi.publish job
    import_module("gomi.demo").register()  # adds the demo city's calendar to DEMO_LOADERS
