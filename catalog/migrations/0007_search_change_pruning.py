"""Pruning state for the search change log (catalog/search_index/runtime.py).

Why: ``catalog_search_change`` grows with every write. After a successful index build the
builder deletes the rows no longer needed by the two newest builds; ``pruned_through`` records
the highest deleted number so that a process still holding an older index (which would
need those rows) stops using it, and ``last_build_low`` is the lowest number the newest
build needs.
"""

from django.db import migrations

_UP = [
    "ALTER TABLE catalog_search_index_token ADD COLUMN pruned_through BIGINT NOT NULL DEFAULT 0",
    "ALTER TABLE catalog_search_index_token ADD COLUMN last_build_low BIGINT NOT NULL DEFAULT 0",
]
_DOWN = [
    "ALTER TABLE catalog_search_index_token DROP COLUMN last_build_low",
    "ALTER TABLE catalog_search_index_token DROP COLUMN pruned_through",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor in ("sqlite", "postgresql"):
            for sql in statements:
                schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    """Add the pruning state to catalog_search_index_token."""

    dependencies = [("catalog", "0006_search_changes")]

    operations = [migrations.RunPython(_run(_UP), _run(_DOWN))]
