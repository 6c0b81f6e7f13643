"""Shared pytest fixtures: personas and factories (see tests/factories.py)."""

import os

os.environ.setdefault("KANMIN_TESTING", "1")

pytest_plugins = ["tests.fixtures"]
