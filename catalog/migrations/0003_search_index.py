"""Full-text index over Dataset.search_tokens: FTS5 on SQLite, GIN tsvector on PostgreSQL.

Why vendor-specific SQL: Django has no portable full-text index. Both indexes hold the same
bigram tokens (see catalog/search.py), so both databases return the same datasets.
"""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE catalog_dataset_fts USING fts5("
    "search_tokens, content='catalog_dataset', content_rowid='id', "
    "tokenize=\"unicode61 remove_diacritics 0\")",
    "CREATE TRIGGER catalog_dataset_fts_ai AFTER INSERT ON catalog_dataset BEGIN "
    "INSERT INTO catalog_dataset_fts(rowid, search_tokens) VALUES (new.id, new.search_tokens); END",
    "CREATE TRIGGER catalog_dataset_fts_ad AFTER DELETE ON catalog_dataset BEGIN "
    "INSERT INTO catalog_dataset_fts(catalog_dataset_fts, rowid, search_tokens) "
    "VALUES ('delete', old.id, old.search_tokens); END",
    "CREATE TRIGGER catalog_dataset_fts_au AFTER UPDATE OF search_tokens ON catalog_dataset BEGIN "
    "INSERT INTO catalog_dataset_fts(catalog_dataset_fts, rowid, search_tokens) "
    "VALUES ('delete', old.id, old.search_tokens); "
    "INSERT INTO catalog_dataset_fts(rowid, search_tokens) VALUES (new.id, new.search_tokens); END",
    "INSERT INTO catalog_dataset_fts(catalog_dataset_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS catalog_dataset_fts_ai",
    "DROP TRIGGER IF EXISTS catalog_dataset_fts_ad",
    "DROP TRIGGER IF EXISTS catalog_dataset_fts_au",
    "DROP TABLE IF EXISTS catalog_dataset_fts",
]
PG_UP = [
    "CREATE INDEX catalog_dataset_search_gin ON catalog_dataset "
    "USING gin (to_tsvector('simple', search_tokens))",
]
PG_DOWN = ["DROP INDEX IF EXISTS catalog_dataset_search_gin"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_reference_data")]
    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": PG_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": PG_DOWN}),
        )
    ]
