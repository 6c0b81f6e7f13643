"""Locked-down DuckDB databases: nothing but the Parquet files we name is reachable.

Every DuckDB database here is in memory, loads no extension by itself, never scans Python
variables by name, never spills to disk, and has ``enable_external_access`` off with only the
allowed files or directories readable; then its configuration is locked so that no query can
change any of that (checked in the tests: SET, COPY, ATTACH, INSTALL, read_csv… fail).

``sql_connection`` serves datastore_search_sql, whose SQL comes from the user: a fresh
database per call (~20 ms) that may read exactly the listed files and nothing else.
``tabular.datastore.pool`` keeps the databases of datastore_search and exports.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb

from tabular.datastore.types import DatastoreError, TableRef

__all__ = [
    "SQL_MEMORY",
    "THREADS",
    "deadline",
    "locked_database",
    "query_error",
    "resolved",
    "sql_connection",
    "sql_identifier",
    "sql_literal",
]

#: DuckDB threads per query: the service runs on small (2-core) machines next to the web app.
THREADS = 2
SQL_MEMORY = "512MB"

_BASE_CONFIG = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    # DuckDB's Python client otherwise resolves an unknown table name to a local variable.
    "python_enable_replacements": False,
    "threads": THREADS,
}


def sql_literal(text: str) -> str:
    """Quote a string as a SQL literal (single quotes doubled; NUL refused)."""
    if "\x00" in text:
        raise ValueError("NUL in SQL literal")
    return "'" + text.replace("'", "''") + "'"


def sql_identifier(name: str) -> str:
    """Quote a name as a SQL identifier (double quotes doubled; NUL refused)."""
    if "\x00" in name:
        raise ValueError("NUL in SQL identifier")
    return '"' + name.replace('"', '""') + '"'


def locked_database(memory: str, *, paths: Sequence[str] = (), directories: Sequence[str] = ()):
    """Open an in-memory DuckDB that can read only ``paths``/``directories``, then lock it."""
    con = duckdb.connect(":memory:", config={**_BASE_CONFIG, "memory_limit": memory})
    try:
        # No spilling: temp files would land in the working directory ('.tmp').
        con.execute("SET temp_directory=''")
        con.execute("SET enable_progress_bar=false")  # cursors inherit it (checked)
        con.execute("SET parquet_metadata_cache=true")
        if paths:
            con.execute("SET allowed_paths=?", [list(paths)])
        if directories:
            con.execute("SET allowed_directories=?", [list(directories)])
        con.execute("SET enable_external_access=false")
        con.execute("SET lock_configuration=true")
    except Exception:
        con.close()
        raise
    return con


def _missing(table: TableRef) -> DatastoreError:
    """The not-found error of a table whose file is gone."""
    return DatastoreError(
        "not-found",
        f"リソース {table.resource_id} のデータ（Parquet）が見つかりません。",
        f"The data (Parquet) of resource {table.resource_id} was not found.",
    )


def resolved(table: TableRef) -> Path:
    """Return the absolute Parquet path of a table, or raise not-found."""
    path = Path(table.path).resolve()
    if not path.is_file():
        raise _missing(table)
    return path


@contextmanager
def sql_connection(views: dict[str, TableRef]) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a fresh locked database with one view per entry of ``views`` (name → table)."""
    paths = {name: resolved(table) for name, table in views.items()}
    con = locked_database(SQL_MEMORY, paths=sorted({str(p) for p in paths.values()}))
    try:
        for name, path in paths.items():
            source = f"read_parquet({sql_literal(str(path))})"
            con.execute(f"CREATE VIEW {sql_identifier(name)} AS SELECT * FROM {source}")  # noqa: S608
        yield con
    finally:
        con.close()


def timeout_error(seconds: float) -> DatastoreError:
    """The error of a query stopped by its time limit."""
    return DatastoreError(
        "query-timeout",
        f"クエリが制限時間（{seconds:g} 秒）を超えたため中止しました。条件を絞ってください。",
        f"The query was stopped after its time limit ({seconds:g} s). Narrow it down.",
    )


def memory_error() -> DatastoreError:
    """The error of a query that needed more memory than it may use."""
    return DatastoreError(
        "query-too-large",
        "クエリが使えるメモリを超えました。条件を絞るか件数を減らしてください。",
        "The query needed more memory than allowed. Narrow it down or return fewer rows.",
    )


@contextmanager
def deadline(con: duckdb.DuckDBPyConnection, seconds: float) -> Iterator[None]:
    """Interrupt whatever ``con`` runs after ``seconds``; raise query-timeout if it fired."""
    fired = threading.Event()

    def stop() -> None:
        """Interrupt the query (runs in the timer thread)."""
        fired.set()
        con.interrupt()

    timer = threading.Timer(seconds, stop)
    timer.daemon = True
    timer.start()
    try:
        yield
    except duckdb.InterruptException as exc:
        raise timeout_error(seconds) from exc
    except duckdb.OutOfMemoryException as exc:
        raise memory_error() from exc
    except duckdb.Error:
        if fired.is_set():
            raise timeout_error(seconds) from None
        raise
    finally:
        timer.cancel()


def query_error(exc: Exception) -> DatastoreError:
    """A query DuckDB refused or failed to run, without internal details such as paths."""
    kind = type(exc).__name__.removesuffix("Exception")
    return DatastoreError(
        "sql-error",
        f"クエリを実行できませんでした（{kind}）。",
        f"The query could not be run ({kind}).",
    )
