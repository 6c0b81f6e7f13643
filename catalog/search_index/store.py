"""Built indexes as Arrow IPC files, memory-mapped by every process that uses them (no Django).

Layout: ``<root>/<token>/<seq>-<random>/`` holds one ``.arrow`` file per group of equal-length
arrays and ``meta.json`` (vocabularies and change-log position). A build is written to a
hidden directory and renamed into place, so a reader never sees half of one. Readers
memory-map the files: several web processes share one copy in the page cache, and a restart
loads the newest build in milliseconds instead of rebuilding it.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.ipc as ipc

from catalog.search_index.engine import CatalogIndex, Multi
from catalog.search_index.text import Postings, TextIndex

FORMAT = 2  # bumped when the layout changes: older directories are ignored
KEEP = 2  # builds kept per database (older ones are deleted; mapped files stay readable)
#: Another database's folder untouched this long is deleted (a dropped or re-created database:
#: its token changed). A database still in use merely rebuilds its index if it was quiet.
OTHER_DATABASE_DAYS = 30
_MULTIS = ("categories", "tags", "formats")
_NGRAMS = ("uni", "bi", "tri")


def _write(path: Path, columns: dict[str, pa.Array]) -> None:
    """One IPC file holding one record batch of equal-length columns."""
    batch = pa.record_batch(list(columns.values()), names=list(columns))
    with pa.OSFile(str(path), "wb") as sink, ipc.new_file(sink, batch.schema) as writer:
        writer.write_batch(batch)


def _read(path: Path) -> dict[str, pa.Array]:
    """The columns of a file written by ``_write``, memory-mapped (no copy)."""
    reader = ipc.open_file(pa.memory_map(str(path), "r"))
    batch = reader.get_batch(0)
    return {name: batch.column(i) for i, name in enumerate(batch.schema.names)}


def save(*, index: CatalogIndex, meta: dict, root: Path, token: str) -> Path:
    """Write an index under ``root/token`` and return its directory."""
    base = root / token
    base.mkdir(parents=True, exist_ok=True)
    name = f"{int(meta['seq']):012d}-{uuid.uuid4().hex[:8]}"
    tmp = base / f".{name}"
    tmp.mkdir()
    _write(tmp / "datasets.arrow", {
        "id": index.ids, "org": index.org, "licence": index.licence,
        "standard": index.standard, "public": index.public, "live": index.live,
        **{f"rank_{k}": v for k, v in index.ranks.items()}, "title": index.title,
        "runs": index.text.runs,
        **{f"{m}_lists": getattr(index, m).lists for m in _MULTIS},
    })
    for m in _MULTIS:
        _write(tmp / f"{m}.arrow", {"positions": getattr(index, m).positions})
        _write(tmp / f"{m}_ends.arrow", {"ends": getattr(index, m).ends})
    for prefix, text in (("", index.text), ("title_", index.title_text)):
        for g in _NGRAMS:
            postings: Postings = getattr(text, g)
            _write(tmp / f"{prefix}{g}.arrow", {"positions": postings.positions})
            _write(tmp / f"{prefix}{g}_keys.arrow", {"keys": postings.keys,
                                                     "ends": postings.ends})
    body = {**meta, "format": FORMAT, "licences": index.licences, "standards": index.standards,
            "category_ids": index.category_ids, "tag_names": index.tag_names,
            "format_names": index.format_names}
    (tmp / "meta.json").write_text(json.dumps(body, ensure_ascii=False))
    final = base / name
    os.rename(tmp, final)
    return final


def load(directory: Path) -> tuple[CatalogIndex, dict]:
    """The index stored in a directory (memory-mapped) and its meta data."""
    meta = json.loads((directory / "meta.json").read_text())
    if meta.get("format") != FORMAT:
        raise ValueError(f"search index format {meta.get('format')} in {directory}")
    d = _read(directory / "datasets.arrow")
    multis = {m: Multi(lists=d[f"{m}_lists"], ends=_read(directory / f"{m}_ends.arrow")["ends"],
                       positions=_read(directory / f"{m}.arrow")["positions"])
              for m in _MULTIS}
    texts = {}
    for prefix in ("", "title_"):
        ngrams = {}
        for g in _NGRAMS:
            keys = _read(directory / f"{prefix}{g}_keys.arrow")
            ngrams[g] = Postings(keys=keys["keys"], ends=keys["ends"],
                                 positions=_read(directory / f"{prefix}{g}.arrow")["positions"])
        runs = d["runs"] if not prefix else pa.array([], pa.large_string())
        texts[prefix] = TextIndex(size=len(d["id"]), runs=runs, **ngrams)
    index = CatalogIndex(
        ids=d["id"], org=d["org"], licence=d["licence"], standard=d["standard"],
        public=d["public"], live=d["live"],
        ranks={k[len("rank_"):]: v for k, v in d.items() if k.startswith("rank_")},
        title=d["title"], **multis, licences=meta["licences"], standards=meta["standards"],
        category_ids=meta["category_ids"], tag_names=meta["tag_names"],
        format_names=meta["format_names"], text=texts[""], title_text=texts["title_"],
    )
    return index, meta


def newest(root: Path, token: str) -> Path | None:
    """The directory of the newest complete build for this database, if any."""
    base = root / token
    if not base.is_dir():
        return None
    names = sorted(p.name for p in base.iterdir()
                   if p.is_dir() and not p.name.startswith(".") and (p / "meta.json").exists())
    return base / names[-1] if names else None


def prune(root: Path, token: str, *, keep: int = KEEP) -> None:
    """Delete all but the ``keep`` newest builds, and half-written ones (call under the lock)."""
    base = root / token
    if not base.is_dir():
        return
    dirs = [p for p in base.iterdir() if p.is_dir()]
    done = sorted(p for p in dirs if not p.name.startswith("."))
    # Processes that mapped a deleted build keep reading it: unlinked files live on until
    # their last mapping is closed.
    for old in [*(p for p in dirs if p.name.startswith(".")), *done[:max(0, len(done) - keep)]]:
        shutil.rmtree(old, ignore_errors=True)


def prune_other_databases(root: Path, token: str, *, days: float = OTHER_DATABASE_DAYS,
                          now: float | None = None) -> list[str]:  # fmt: skip
    """Delete the folders of other database tokens not written for ``days``; their names.

    A folder is skipped while a process holds its build lock (it is being built)."""
    if not root.is_dir():
        return []
    limit = (time.time() if now is None else now) - days * 86400
    removed = []
    for folder in root.iterdir():
        if not folder.is_dir() or folder.name == token:
            continue
        newest_write = max((p.stat().st_mtime for p in [folder, *folder.iterdir()]),
                           default=folder.stat().st_mtime)
        if newest_write > limit:
            continue
        with build_lock(root, folder.name) as mine:
            if mine:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder.name)
    return removed


@contextmanager
def build_lock(root: Path, token: str):
    """Yield True when this process holds the database's build lock, False when another does."""
    base = root / token
    base.mkdir(parents=True, exist_ok=True)
    with open(base / "build.lock", "a+b") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
