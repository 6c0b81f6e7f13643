"""Hooks of the gomi app into the platform (API router, metrics, periodic tasks)."""

from importlib import import_module

_MOUNTED = False  # the resident API router is mounted on /api/v1 once


def connect() -> None:
    """Register the gomi app's routers, metrics and periodic tasks (idempotent)."""
    import_module("gomi.metrics")  # registers the @metric functions
    import_module("gomi.catalog_publish")  # registers the gomi.publish job
    import_module("gomi.demo").register()  # adds the demo city's calendar to DEMO_LOADERS
    import_module("gomi.metrics_residents")  # resident metrics (subscribers, views, searches)
    import_module("gomi.reminders")  # the periodic reminder task
    global _MOUNTED
    if not _MOUNTED:
        from catalog.api.main import api
        from gomi.api import router

        api.add_router("", router)
        _MOUNTED = True
