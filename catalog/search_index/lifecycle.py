"""Which index this process uses: load the newest stored build, rebuild, prune the change log.

Rules (also in the README paragraph on ``KANMIN_SEARCH_INDEX``):

- With ``settings.SEARCH_INDEX`` on, a search without an index loads the newest build stored
  under ``DATA_DIR/search-index/<database token>/`` (memory-mapped, shared with the other
  processes) or, when there is none or it is stale, starts one background build and answers
  through SQL until it is ready. A process builds at most one index at a time, and a file lock
  lets only one process of the machine build at a time; the others load its result.
- Change-log pruning: after a successful build, rows older than what the *previous* build
  needed are deleted, so the log always covers the two newest builds.
  ``catalog_search_index_token.pruned_through`` records the highest deleted number; an index
  that needs a deleted row (its ``low`` is at or below it) is dropped and searches use SQL
  until a newer one is loaded or built. Answers are therefore never wrong, only slower.
- With ``SEARCH_INDEX`` off nothing reads the log: an hourly task (``tasks.py``) empties it.
- A failed build is logged, leaves the previous index (or SQL) in use and is not retried for
  ``RETRY_AFTER_S`` seconds.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from catalog.search_index import store
from catalog.search_index.build import Built, build_index

log = logging.getLogger(__name__)

REBUILD_AT = 200  # changed datasets since the build from which a new index is built
RETRY_AFTER_S = 300.0  # after a failed build
MAX_GAP_RANGES = 50  # more runs of unseen numbers than this: one range from the lowest
STORE_CHECK_S = 5.0  # how often a process looks for a newer stored build while it needs one

_lock = threading.Lock()
_state: dict[str, object] = {"built": None, "building": False, "failed_at": None,
                             "checked_at": None, "started_at": None, "thread": None}


def reset() -> None:
    """Forget this process's index and build history (tests, after a database switch)."""
    with _lock:
        _state.update(built=None, failed_at=None, checked_at=None, started_at=None)


def enabled() -> bool:
    """Whether this process builds and loads indexes by itself (``KANMIN_SEARCH_INDEX``)."""
    return bool(getattr(settings, "SEARCH_INDEX", False))


def root() -> Path:
    """Where built indexes are stored."""
    return Path(settings.DATA_DIR) / "search-index"


def activate(built: Built | None) -> None:
    """Use this index for searches in this process (None: back to the SQL path)."""
    with _lock:
        _state["built"] = built


def active() -> Built | None:
    """The index in use, if it belongs to the current database."""
    built = _state["built"]
    if built is None or built.db_name != str(connection.settings_dict.get("NAME")):
        return None
    return built


def _ranges(numbers: tuple[int, ...]) -> list[tuple[int, int]]:
    """Ascending numbers as (first, last) runs of consecutive ones."""
    out: list[tuple[int, int]] = []
    for n in numbers:
        if out and out[-1][1] == n - 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


def changed_since(built: Built) -> list[int] | None:
    """Ids of the datasets written since the index was built; None if it can no longer be used.

    One query: the change-log rows after the build, plus a sentinel row when the log was
    pruned past what the index needs or the database is another one (token).
    """
    ranges = _ranges(built.gaps)
    if len(ranges) > MAX_GAP_RANGES:  # conservative: rows seen at build time count as new
        ranges = [(ranges[0][0], built.seq)]
    sql = "SELECT DISTINCT dataset_id FROM catalog_search_change WHERE seq > %s"
    args: list[object] = [built.seq]
    for first, last in ranges:
        sql += " OR seq BETWEEN %s AND %s"
        args += [first, last]
    sql += (" UNION ALL SELECT -1 FROM catalog_search_index_token WHERE id = 1 "
            "AND (pruned_through >= %s OR token <> %s)")
    args += [built.low, built.token]
    with connection.cursor() as cur:
        cur.execute(sql, args)
        ids = [row[0] for row in cur.fetchall()]
    if -1 in ids:
        return None
    return ids


def prune_changes(built: Built) -> int:
    """Delete change-log rows no build newer than the previous one needs; rows deleted."""
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SELECT last_build_low FROM catalog_search_index_token WHERE id = 1")
        previous = int(cur.fetchone()[0])
        through = min(previous, built.low) - 1
        return _delete_through(cur, through=through, low=built.low)


def forget_changes() -> int:
    """Delete the whole change log; any index built before can no longer be used. Rows deleted."""
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SELECT COALESCE(MAX(seq), 0) FROM catalog_search_change")
        through = int(cur.fetchone()[0])
        return _delete_through(cur, through=through, low=through + 1)


def _delete_through(cur, *, through: int, low: int) -> int:
    """Delete the change log up to ``through`` and record it in the token row; rows deleted.

    ``low`` is the lowest number a usable build may still need (``last_build_low``)."""
    deleted = 0
    if through > 0:
        cur.execute("DELETE FROM catalog_search_change WHERE seq <= %s", [through])
        deleted = cur.rowcount
    greatest = "MAX" if connection.vendor == "sqlite" else "GREATEST"
    cur.execute(f"UPDATE catalog_search_index_token SET "  # noqa: S608 (constant names)
                f"pruned_through = {greatest}(pruned_through, %s), "
                f"last_build_low = {greatest}(last_build_low, %s) WHERE id = 1",
                [max(through, 0), low])
    return deleted


def _token() -> str:
    """This database's index token."""
    with connection.cursor() as cur:
        cur.execute("SELECT token FROM catalog_search_index_token WHERE id = 1")
        return cur.fetchone()[0]


def _load(directory: Path) -> Built:
    """A stored build as a Built for this process's database."""
    index, meta = store.load(directory)
    return Built(index=index, seq=int(meta["seq"]), gaps=tuple(meta["gaps"]),
                 token=meta["token"], db_name=str(connection.settings_dict.get("NAME")),
                 seconds=float(meta.get("seconds", 0.0)))


def load_stored(*, newer_than: int = -1) -> Built | None:
    """The newest stored build of this database if it is still usable and newer than given."""
    directory = store.newest(root(), _token())
    if directory is None or int(directory.name.split("-")[0]) <= newer_than:
        return None
    try:
        built = _load(directory)
    except (OSError, ValueError, KeyError):
        log.warning("search index in %s could not be loaded", directory, exc_info=True)
        return None
    return built if changed_since(built) is not None else None


def build_and_store() -> Built:
    """Build an index, store it (memory-mapped from then on) and prune the change log."""
    built = build_index()
    try:
        directory = store.save(index=built.index, root=root(), token=built.token,
                               meta={"seq": built.seq, "gaps": list(built.gaps),
                                     "token": built.token, "seconds": built.seconds})
        built = _load(directory)  # the heap copy is freed: the page cache holds it now
        store.prune(root(), built.token)
        gone = store.prune_other_databases(root(), built.token)
        if gone:
            log.info("search index: removed the folders of %d other database(s)", len(gone))
    except OSError:
        log.warning("search index could not be stored; kept in this process only",
                    exc_info=True)
    prune_changes(built)
    return built


def _due(key: str, every: float) -> bool:
    """True at most once per ``every`` seconds for this key."""
    now = time.monotonic()
    last = _state[key]
    if last is not None and now - last < every:
        return False
    _state[key] = now
    return True


def refresh(current: Built | None) -> Built | None:
    """Load a newer stored build if there is one, else start a background build; the result."""
    if _due("checked_at", STORE_CHECK_S):
        newer = load_stored(newer_than=current.seq if current else -1)
        if newer is not None:
            activate(newer)
            return newer
    start_build()
    return current


def start_build() -> threading.Thread | None:
    """Build in a background thread unless one runs or recently failed; the thread started."""
    with _lock:
        failed = _state["failed_at"]
        if _state["building"] or (failed is not None
                                  and time.monotonic() - failed < RETRY_AFTER_S):
            return None
        # While another process holds the build lock, do not start a thread per search.
        if not _due("started_at", STORE_CHECK_S):
            return None
        _state["building"] = True
    thread = threading.Thread(target=_build_thread, name="catalog-search-index", daemon=True)
    _state["thread"] = thread
    thread.start()
    return thread


def _build_thread() -> None:
    """Body of the build thread: its own database connection, closed at the end."""
    try:
        with store.build_lock(root(), _token()) as mine:
            if mine:  # else another process is building: its result is loaded later
                current = active()
                stored = load_stored(newer_than=current.seq if current else -1)
                fresh = changed_since(stored) if stored is not None else None
                # Another process may have stored a build just before we got the lock.
                activate(stored if fresh is not None and len(fresh) < REBUILD_AT
                         else build_and_store())
                _state["failed_at"] = None
    except Exception:  # a failed build leaves the previous index (or SQL) in use
        log.exception("search index build failed; searches use SQL")
        _state["failed_at"] = time.monotonic()
    finally:
        _state["building"] = False
        connection.close()
