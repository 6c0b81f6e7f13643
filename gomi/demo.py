"""The demo city's garbage calendar and dictionary (data in gomi/demo_data/)."""

from __future__ import annotations


def load_demo(organisation, stdout) -> None:
    """Import the demo schedule and dictionary for the demo organisation (idempotent)."""


def register() -> None:
    """Add load_demo to catalog's demo loaders once."""
    from catalog import extensions

    if load_demo not in extensions.DEMO_LOADERS:
        extensions.DEMO_LOADERS.append(load_demo)
