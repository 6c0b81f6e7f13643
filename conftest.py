"""Shared pytest fixtures: personas and factories (see tests/factories.py)."""

import os

os.environ.setdefault("KANMIN_TESTING", "1")

pytest_plugins = ["tests.fixtures"]

# Fixtures through which a test reaches the database (directly or via another fixture).
_DB_FIXTURES = {"db", "transactional_db", "django_db_setup", "_django_db_helper", "live_server"}


def pytest_collection_modifyitems(config, items):
    """With KANMIN_DB_TESTS_ONLY=1 (the PostgreSQL run of bin/run-tests), keep only the tests
    that use the database, except the browser tests. The others — pure engines, parsers,
    property tests — do not depend on it; the browser tests check pages (accessibility, no
    JavaScript, CSP) whose database work the other tests already cover on both databases.
    Both kinds have already run in the SQLite run of the same suite."""
    if os.environ.get("KANMIN_DB_TESTS_ONLY") != "1":
        return
    keep, drop = [], []
    for item in items:
        uses_db = item.get_closest_marker("django_db") is not None or bool(
            _DB_FIXTURES.intersection(getattr(item, "fixturenames", ())))
        in_browser = "tests/browser/" in item.nodeid
        (keep if uses_db and not in_browser else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
