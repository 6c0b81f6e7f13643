"""Stored index folders of other databases (dropped or re-created ones) are cleaned up."""

from __future__ import annotations

import fcntl
import os
import time

from catalog.search_index import store

DAY = 86400


def _folder(root, name: str, *, age_days: float):
    """A token folder with one build, last written ``age_days`` ago."""
    build = root / name / "0001"
    build.mkdir(parents=True)
    (build / "meta.json").write_text("{}")
    when = time.time() - age_days * DAY
    for path in (build / "meta.json", build, root / name):
        os.utime(path, (when, when))
    return root / name


def test_an_old_folder_of_another_database_is_deleted(tmp_path):
    _folder(tmp_path, "current", age_days=90)
    _folder(tmp_path, "dropped", age_days=45)
    assert store.prune_other_databases(tmp_path, "current") == ["dropped"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["current"]


def test_a_recently_written_folder_of_another_database_is_kept(tmp_path):
    _folder(tmp_path, "current", age_days=0)
    _folder(tmp_path, "other", age_days=3)
    assert store.prune_other_databases(tmp_path, "current") == []
    assert (tmp_path / "other").is_dir()


def test_a_folder_being_built_is_kept_whatever_its_age(tmp_path):
    old = _folder(tmp_path, "busy", age_days=60)
    with open(old / "build.lock", "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        os.utime(old / "build.lock", (time.time() - 60 * DAY,) * 2)
        os.utime(old, (time.time() - 60 * DAY,) * 2)
        assert store.prune_other_databases(tmp_path, "current") == []
    assert old.is_dir()
