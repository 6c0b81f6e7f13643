"""Hooks of the guard into the catalog and tabular apps (filled in by the guard's work)."""


def connect() -> None:
    """Connect the guard's signal handlers and extensions (idempotent)."""
