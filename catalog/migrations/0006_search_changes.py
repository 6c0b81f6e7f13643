"""Change log for the in-process search index (catalog/search_index).

Why triggers: the index must learn about every write to a dataset, its resources, tags and
categories, including ``QuerySet.update()`` calls that bypass ``Dataset.modified`` (for example
``refresh_derived_fields`` after a resource is edited). The database records the dataset id of
every such row change; a search asks for the ids logged after the index was built and answers
those few datasets through SQL. ``catalog_search_index_token`` tells one database (for example
a test database) from another, so an index built for one is never used for the other.
"""

# Table and column names below are constants of this module, never user input.
# ruff: noqa: S608

import uuid

from django.db import migrations

# (table, column holding the dataset id)
_SOURCES = [
    ("catalog_dataset", "id"),
    ("catalog_resource", "dataset_id"),
    ("catalog_dataset_tags", "dataset_id"),
    ("catalog_dataset_categories", "dataset_id"),
]


def _sqlite_up():
    out = [
        "CREATE TABLE catalog_search_change (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
        "dataset_id INTEGER NOT NULL)",
        "CREATE TABLE catalog_search_index_token (id INTEGER PRIMARY KEY, token TEXT NOT NULL)",
    ]
    for table, col in _SOURCES:
        out += [
            f"CREATE TRIGGER {table}_sc_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO catalog_search_change(dataset_id) VALUES (new.{col}); END",
            f"CREATE TRIGGER {table}_sc_ad AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO catalog_search_change(dataset_id) VALUES (old.{col}); END",
            f"CREATE TRIGGER {table}_sc_au AFTER UPDATE ON {table} BEGIN "
            f"INSERT INTO catalog_search_change(dataset_id) VALUES (new.{col}); "
            f"INSERT INTO catalog_search_change(dataset_id) SELECT old.{col} "
            f"WHERE old.{col} <> new.{col}; END",
        ]
    return out


def _sqlite_down():
    out = []
    for table, _col in _SOURCES:
        out += [f"DROP TRIGGER IF EXISTS {table}_sc_{s}" for s in ("ai", "ad", "au")]
    return [*out, "DROP TABLE IF EXISTS catalog_search_change",
            "DROP TABLE IF EXISTS catalog_search_index_token"]


def _pg_up():
    out = [
        "CREATE TABLE catalog_search_change (seq BIGSERIAL PRIMARY KEY, "
        "dataset_id BIGINT NOT NULL)",
        "CREATE TABLE catalog_search_index_token (id INTEGER PRIMARY KEY, token TEXT NOT NULL)",
    ]
    for table, col in _SOURCES:
        out += [
            f"CREATE FUNCTION {table}_sc() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP <> 'DELETE' THEN "
            f"INSERT INTO catalog_search_change(dataset_id) VALUES (NEW.{col}); END IF; "
            f"IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.{col} <> NEW.{col}) THEN "
            f"INSERT INTO catalog_search_change(dataset_id) VALUES (OLD.{col}); END IF; "
            f"RETURN NULL; END $$",
            f"CREATE TRIGGER {table}_sc AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_sc()",
        ]
    return out


def _pg_down():
    out = []
    for table, _col in _SOURCES:
        out += [f"DROP TRIGGER IF EXISTS {table}_sc ON {table}",
                f"DROP FUNCTION IF EXISTS {table}_sc()"]
    return [*out, "DROP TABLE IF EXISTS catalog_search_change",
            "DROP TABLE IF EXISTS catalog_search_index_token"]


def _run(up: bool):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "sqlite":
            statements = _sqlite_up() if up else _sqlite_down()
        elif vendor == "postgresql":
            statements = _pg_up() if up else _pg_down()
        else:
            statements = []
        for sql in statements:
            schema_editor.execute(sql)
        if up and statements:
            schema_editor.execute(
                "INSERT INTO catalog_search_index_token(id, token) VALUES (1, %s)",
                [uuid.uuid4().hex],
            )
    return run


class Migration(migrations.Migration):
    """Create the search change log and its triggers."""

    dependencies = [("catalog", "0005_resource_datastore_active")]

    operations = [migrations.RunPython(_run(True), _run(False))]
