"""Hooks of the plan app into the platform (API router, the catalog's metrics, demo plan)."""

from __future__ import annotations

from importlib import import_module

_MOUNTED = False


def _demo_plan(organisation, stdout) -> None:
    """Give the demo municipality an example plan (idempotent)."""
    from plan.demo import load_demo_plan

    load_demo_plan(organisation, stdout)


def connect() -> None:
    """Register the plan app's routers and metrics (idempotent)."""
    import_module("catalog.metrics")  # registers catalog.* metrics; catalog never imports plan
    from catalog import extensions

    if _demo_plan not in extensions.DEMO_LOADERS:
        extensions.DEMO_LOADERS.append(_demo_plan)
    from catalog.api.main import api
    from plan.api import router

    global _MOUNTED
    if not _MOUNTED:
        api.add_router("", router)
        _MOUNTED = True
