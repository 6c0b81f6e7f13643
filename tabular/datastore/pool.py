"""The DuckDB databases behind datastore_search and exports, with native copies of hot tables.

Opening a DuckDB database costs ~20 ms here, so databases are kept per process and each call
takes a cursor (its own connection, ~0 ms) with a TEMP VIEW ``t`` over exactly one table.
A database may read only one directory tree (``allowed_directories``; DuckDB cannot widen
it once external access is off): the storage roots given to ``configure(roots=…)`` — the
Django side passes its storage root, so one database serves every stored Parquet file —
and otherwise the file's own directory (a small LRU of such databases, for tools and tests).

Why copies: a filter on a 1M-row × 25-column Parquet file makes DuckDB decompress every page
of every column (~300 ms here, whatever the row group or page size — measured), while the
same filter on DuckDB's native in-memory storage takes ~10–60 ms. So, under a configured
root, a table that is searched is copied into the database (``CREATE TABLE … AS SELECT *
FROM read_parquet``) and later searches read the copy. Copies share ``CACHE_BYTES`` per
root database (least recently used dropped first, ``RETIRE_AFTER_S`` after they leave the
cache so that running queries finish); a table of at most ``SYNC_LOAD_ROWS`` rows is copied
during its first search, a bigger one in a background thread while searches read the
Parquet file meanwhile. ``configure(cache_bytes=0)`` turns copies off.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from tabular.datastore.connections import locked_database, resolved, sql_identifier, sql_literal
from tabular.datastore.types import TableRef

__all__ = ["configure", "table_cursor"]

MB = 2**20
#: Memory for native copies of hot tables, per process.
CACHE_BYTES = 512 * MB
#: Tables up to this many rows are copied synchronously on first use (≲ 0.2 s).
SYNC_LOAD_ROWS = 200_000
#: Query memory on top of the copies.
QUERY_MEMORY = 512 * MB
POOL_SIZE = 8
RETIRE_AFTER_S = 60.0
# DuckDB's in-memory size of a table relative to the Parquet uncompressed size (measured 2.3×).
_SIZE_FACTOR = 2.5


#: Directory trees holding Parquet files (set by ``configure``); copies are made only there.
ROOTS: tuple[str, ...] = ()


def configure(
    *,
    roots: list[str | os.PathLike] | None = None,
    cache_bytes: int | None = None,
    sync_load_rows: int | None = None,
) -> None:
    """Set the storage roots, the copy budget and the synchronous-copy threshold (at start)."""
    global ROOTS, CACHE_BYTES, SYNC_LOAD_ROWS
    if roots is not None:
        ROOTS = tuple(str(Path(r).resolve()) for r in roots)
    if cache_bytes is not None:
        CACHE_BYTES = max(0, int(cache_bytes))
    if sync_load_rows is not None:
        SYNC_LOAD_ROWS = max(0, int(sync_load_rows))


def _home(path: Path) -> tuple[str, bool]:
    """The directory a file's database may read, and whether it is a configured root."""
    for root in ROOTS:
        if path.is_relative_to(root):
            return root, True
    return str(path.parent), False


@lru_cache(maxsize=256)
def _footer(path: str, mtime_ns: int, size: int) -> tuple[int, int]:
    """(rows, uncompressed bytes) of a Parquet file version."""
    meta = pq.read_metadata(path)
    raw = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    return meta.num_rows, raw


@dataclass
class _Database:
    """One locked database and the copies it holds."""

    con: duckdb.DuckDBPyConnection
    lock: threading.Lock = field(default_factory=threading.Lock)
    hot: OrderedDict[tuple, str] = field(default_factory=OrderedDict)
    loading: set[tuple] = field(default_factory=set)
    failed: set[tuple] = field(default_factory=set)
    retired: list[tuple[str, float]] = field(default_factory=list)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A new connection to this database."""
        with self.lock:
            return self.con.cursor()

    def _memory(self, cur: duckdb.DuckDBPyConnection) -> int:
        """Bytes DuckDB uses for in-memory tables (the copies)."""
        row = cur.execute(
            "SELECT memory_usage_bytes FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'"
        ).fetchone()
        return int(row[0]) if row else 0

    def drop_retired(self, cur: duckdb.DuckDBPyConnection) -> None:
        """Drop copies that left the cache long enough ago (cheap when there are none)."""
        now = time.monotonic()
        with self.lock:
            due = [name for name, at in self.retired if now - at >= RETIRE_AFTER_S]
            self.retired = [(n, at) for n, at in self.retired if n not in due]
        for name in due:
            try:
                cur.execute(f"DROP TABLE IF EXISTS {sql_identifier(name)}")
            except duckdb.Error:
                pass  # still in use by a transaction: memory returns when DuckDB can

    def _evict(self, cur: duckdb.DuckDBPyConnection) -> None:
        """Retire least recently used copies while the copies use more than the budget."""
        while True:
            with self.lock:
                if not self.hot:
                    return
            if self._memory(cur) <= CACHE_BYTES:
                return
            with self.lock:
                _, name = self.hot.popitem(last=False)
                self.retired.append((name, time.monotonic()))
            if RETIRE_AFTER_S <= 0:
                self.drop_retired(cur)

    def load(self, key: tuple, name: str, path: str) -> None:
        """Copy a Parquet file into a native table (errors only disable the copy)."""
        cur = self.cursor()
        try:
            # Insertion order is kept: the copy stays in _id order like the file.
            source = f"read_parquet({sql_literal(path)})"
            cur.execute(f"CREATE TABLE {sql_identifier(name)} AS SELECT * FROM {source}")  # noqa: S608
            with self.lock:
                self.hot[key] = name
            self._evict(cur)
            self.drop_retired(cur)
        except duckdb.Error:
            with self.lock:
                self.failed.add(key)
        finally:
            with self.lock:
                self.loading.discard(key)
            cur.close()

    def source(self, key: tuple, name: str, path: str, rows: int, raw: int) -> str | None:
        """The copy's name if it is ready; otherwise maybe start copying, and return None."""
        with self.lock:
            if key in self.hot:
                self.hot.move_to_end(key)
                return self.hot[key]
            for i, (retired, _) in enumerate(self.retired):
                if retired == name:  # evicted but not dropped yet: take it back
                    del self.retired[i]
                    self.hot[key] = name
                    return name
            if (key in self.loading or key in self.failed
                    or raw * _SIZE_FACTOR > CACHE_BYTES):
                return None
            self.loading.add(key)
        if rows <= SYNC_LOAD_ROWS:
            self.load(key, name, path)
            with self.lock:
                return self.hot.get(key)
        if _loader.acquire(blocking=False):
            threading.Thread(target=self._load_then_release, args=(key, name, path),
                             daemon=True, name="datastore-copy").start()
        else:
            with self.lock:
                self.loading.discard(key)  # another copy is running; try on a later search
        return None

    def _load_then_release(self, key: tuple, name: str, path: str) -> None:
        """Copy in the background, then let the next copy start."""
        try:
            self.load(key, name, path)
        finally:
            _loader.release()


_loader = threading.Semaphore(1)  # one background copy at a time: searches keep the CPU


class _Pool:
    """Databases keyed by (process id, directory), least recently used dropped first."""

    def __init__(self) -> None:
        """Start with no database."""
        self.lock = threading.Lock()
        self.databases: OrderedDict[tuple[int, str], _Database] = OrderedDict()

    def database(self, directory: str, *, copies: bool = False) -> _Database:
        """Return the database that may read ``directory`` (opened on first use)."""
        # A database opened before a fork must not be used by the child: key by pid.
        key = (os.getpid(), directory)
        with self.lock:
            db = self.databases.get(key)
            if db is None:
                memory = f"{(QUERY_MEMORY + (CACHE_BYTES if copies else 0)) // MB}MB"
                db = _Database(locked_database(memory, directories=[directory.rstrip("/") + "/"]))
                self.databases[key] = db
                while len(self.databases) > POOL_SIZE:
                    # Not closed: that would close cursors other threads still use; the
                    # database goes away with its last cursor.
                    self.databases.popitem(last=False)
            self.databases.move_to_end(key)
            return db

    def close(self) -> None:
        """Close every database of this process (at exit)."""
        with self.lock:
            dbs = [db for (pid, _), db in self.databases.items() if pid == os.getpid()]
            self.databases.clear()
        for db in dbs:
            db.con.close()


_pool = _Pool()
atexit.register(_pool.close)


@contextmanager
def table_cursor(table: TableRef, *, view: str = "t") -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a cursor where the TEMP VIEW ``view`` reads the table (its copy when ready)."""
    path = resolved(table)
    st = path.stat()
    key = (str(path), st.st_mtime_ns, st.st_size)
    directory, is_root = _home(path)
    db = _pool.database(directory, copies=is_root)
    source = f"read_parquet({sql_literal(str(path))})"
    if is_root and CACHE_BYTES > 0:
        rows, raw = _footer(*key)
        name = "hot_" + hashlib.sha256(repr(key).encode()).hexdigest()[:24]
        hot = db.source(key, name, str(path), rows, raw)
        if hot is not None:
            source = sql_identifier(hot)
    cur = db.cursor()
    try:
        if db.retired:
            db.drop_retired(cur)
        cur.execute(f"CREATE TEMP VIEW {sql_identifier(view)} AS SELECT * FROM {source}")  # noqa: S608
        yield cur
    finally:
        cur.close()
