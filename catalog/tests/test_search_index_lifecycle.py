"""Stored indexes, background builds and change-log pruning keep search answers exact."""

from __future__ import annotations

import logging

import pytest
from django.db import connection

from bench.catalog import generate
from catalog.models import Dataset
from catalog.search_index import build, lifecycle, runtime, store
from catalog.search_index.build import build_index
from catalog.search_index.engine import Request
from catalog.search_index.engine import search as index_search
from catalog.selectors import SearchParams, search_datasets, search_datasets_sql
from core.actor import Actor

pytestmark = pytest.mark.django_db

QUERIES = ["", "公園", "ごみ", "避難所 一覧", "子育て支援", "公"]


@pytest.fixture
def small_catalog(monkeypatch):
    """A generated catalog of 60 datasets (all states), no index active.

    No writer is in flight here, so no sequence number is an in-flight gap (on PostgreSQL the
    numbers of rolled-back earlier tests would otherwise hold pruning back, as designed).
    """
    monkeypatch.setattr(build, "GAP_WINDOW", 0)
    orgs, depts, gens = generate.generate(60, seed=5)
    generate.tokenise(gens, orgs, depts)
    generate.insert(gens, orgs, depts)
    lifecycle.reset()
    yield
    lifecycle.reset()


@pytest.fixture
def data_dir(settings, tmp_path):
    """KANMIN_DATA_DIR in a temporary directory."""
    settings.DATA_DIR = tmp_path
    return tmp_path


def _shape(result):
    """Total, page ids and facet values with counts."""
    facets = {k: [(f.value, f.count) for f in v] for k, v in result.facets.items()}
    return result.total, [d.id for d in result.datasets], facets


def _change_rows() -> int:
    """Rows in the change log."""
    with connection.cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM catalog_search_change")
        return cur.fetchone()[0]


def _touch(n: int) -> None:
    """Write n datasets the way a staff edit does (new change-log rows)."""
    for pk in Dataset.objects.order_by("id").values_list("id", flat=True)[:n]:
        Dataset.objects.filter(pk=pk).update(quality=7)


def test_setting_keeps_the_sql_path_in_the_test_suite(settings):
    assert settings.SEARCH_INDEX is False


def test_a_stored_index_answers_like_sql(small_catalog, data_dir):
    built = lifecycle.build_and_store()
    assert store.newest(lifecycle.root(), built.token) is not None
    runtime.activate(built)
    for q in QUERIES:
        params = SearchParams(q=q, page_size=5)
        assert _shape(search_datasets(Actor(), params)) == _shape(
            search_datasets_sql(Actor(), params)), q


def test_a_stored_index_loads_with_the_same_postings(small_catalog, data_dir):
    built = build_index()
    directory = store.save(index=built.index, root=data_dir, token=built.token,
                           meta={"seq": built.seq, "gaps": [], "token": built.token})
    loaded, meta = store.load(directory)
    assert meta["seq"] == built.seq
    for term in ["公園", "公", "一覧", "子育て支援"]:
        req = Request(terms=[term], readable=None, everything=True, stop=10)
        want, got = index_search(built.index, req), index_search(loaded, req)
        assert (got.total, got.positions, got.facets) == (want.total, want.positions,
                                                          want.facets), term


def test_store_keeps_the_newest_builds_and_drops_half_written_ones(tmp_path):
    base = tmp_path / "tok"
    for name in ["000000000001-a", "000000000002-b", "000000000003-c", ".000000000004-d"]:
        (base / name).mkdir(parents=True)
        (base / name / "meta.json").write_text("{}")
    store.prune(tmp_path, "tok", keep=2)
    assert sorted(p.name for p in base.iterdir()) == ["000000000002-b", "000000000003-c"]


def test_only_one_holder_of_the_build_lock(tmp_path):
    with store.build_lock(tmp_path, "tok") as first, store.build_lock(tmp_path, "tok") as second:
        assert (first, second) == (True, False)


def test_pruning_keeps_what_the_previous_build_needs(small_catalog):
    first = build_index()
    lifecycle.prune_changes(first)
    _touch(3)
    second = build_index()
    lifecycle.prune_changes(second)
    assert lifecycle.changed_since(first) is not None
    _touch(2)
    third = build_index()
    lifecycle.prune_changes(third)
    assert lifecycle.changed_since(second) is not None
    with connection.cursor() as cur:
        cur.execute("SELECT MIN(seq) FROM catalog_search_change")
        assert cur.fetchone()[0] >= second.low


def test_an_index_older_than_the_pruned_log_is_dropped(small_catalog):
    first = build_index()
    for _ in range(2):
        _touch(2)
        lifecycle.prune_changes(build_index())
    runtime.activate(first)
    assert lifecycle.changed_since(first) is None
    assert runtime.search(Actor(), SearchParams(q="公園")) is None
    assert runtime.active() is None


def test_a_build_after_the_log_was_emptied_is_usable(small_catalog):
    for _ in range(3):  # no writes in between: the last prunes delete every row
        lifecycle.prune_changes(build_index())
    assert _change_rows() == 0
    built = build_index()
    assert lifecycle.changed_since(built) == []


def test_pruning_deletes_rows(small_catalog):
    lifecycle.prune_changes(build_index())
    before = _change_rows()
    _touch(2)
    lifecycle.prune_changes(build_index())
    _touch(1)
    lifecycle.prune_changes(build_index())
    assert _change_rows() < before


def test_an_index_of_a_restored_or_other_database_is_not_used(small_catalog):
    built = build_index()
    other = built.__class__(**{**built.__dict__, "token": "another-database"})
    assert lifecycle.changed_since(other) is None


@pytest.mark.django_db(transaction=True)
def test_background_build_serves_searches_once_ready(settings, data_dir):
    settings.SEARCH_INDEX = True
    lifecycle.reset()
    try:
        assert runtime.search(Actor(), SearchParams(q="公園")) is None  # SQL while it builds
        lifecycle._state["thread"].join(60)
        assert runtime.active() is not None
        assert store.newest(lifecycle.root(), runtime.active().token) is not None
        assert runtime.search(Actor(), SearchParams(q="公園")) is not None
    finally:
        lifecycle.reset()


@pytest.mark.django_db(transaction=True)
def test_a_failed_build_is_logged_and_not_retried_at_once(settings, data_dir, monkeypatch,
                                                          caplog):
    def boom():
        raise RuntimeError("disk full")

    monkeypatch.setattr(lifecycle, "build_index", boom)
    lifecycle.reset()
    try:
        with caplog.at_level(logging.ERROR, logger=lifecycle.__name__):
            lifecycle.start_build().join(60)
        assert "search index build failed" in caplog.text
        assert runtime.active() is None
        assert lifecycle.start_build() is None
    finally:
        lifecycle.reset()


def test_numbers_not_seen_at_build_time_are_still_read(small_catalog):
    built = build_index()
    _touch(1)
    with connection.cursor() as cur:
        cur.execute("SELECT MAX(seq) FROM catalog_search_change")
        newest = cur.fetchone()[0]
    late = built.__class__(**{**built.__dict__, "seq": newest, "gaps": (newest,)})
    assert lifecycle.changed_since(late) == [Dataset.objects.order_by("id")[0].pk]


def test_with_the_index_off_the_hourly_task_empties_the_log(small_catalog, settings):
    from core import schedule

    built = build_index()
    _touch(2)
    task = {t.key: t for t in schedule.registered()}["catalog.search_change_prune"]
    task.func(None)
    assert _change_rows() == 0
    assert lifecycle.changed_since(built) is None


def test_with_the_index_on_the_hourly_task_leaves_the_log(small_catalog, settings):
    from core import schedule

    settings.SEARCH_INDEX = True
    _touch(2)
    before = _change_rows()
    {t.key: t for t in schedule.registered()}["catalog.search_change_prune"].func(None)
    assert _change_rows() == before


def test_no_second_build_while_one_runs(monkeypatch):
    monkeypatch.setitem(lifecycle._state, "building", True)
    assert lifecycle.start_build() is None
