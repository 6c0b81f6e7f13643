"""The scheduler runs due periodic tasks once per slot; the metric registry snapshots values."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from core import metrics, schedule
from core.models import MetricSnapshot, Organisation, PeriodicRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(monkeypatch):
    """A periodic task every 10 minutes that records its calls (the registry restored after)."""
    monkeypatch.setattr(schedule, "_TASKS", {})
    seen = []
    schedule.periodic("test.every10", minutes=10)(seen.append)
    return seen


def test_a_task_runs_at_first_then_only_when_due(calls):
    start = timezone.now()
    assert schedule.run_due(now=start) == ["test.every10"]
    assert schedule.run_due(now=start + timedelta(minutes=3)) == []
    assert schedule.run_due(now=start + timedelta(minutes=10)) == ["test.every10"]
    assert calls == [start, start + timedelta(minutes=10)]
    assert PeriodicRun.objects.get(key="test.every10").last_run == start + timedelta(minutes=10)


def test_a_failing_task_is_logged_and_does_not_stop_others(monkeypatch, caplog):
    monkeypatch.setattr(schedule, "_TASKS", {})
    seen = []

    def boom(now):
        raise RuntimeError("boom")

    schedule.periodic("test.a_boom", minutes=1)(boom)
    schedule.periodic("test.b_ok", minutes=1)(seen.append)
    assert schedule.run_due() == ["test.a_boom", "test.b_ok"]
    assert len(seen) == 1
    assert "test.a_boom" in caplog.text


def test_an_interval_under_a_minute_is_refused():
    with pytest.raises(ValueError):
        schedule.periodic("test.fast", minutes=0)


def test_run_scheduler_once_runs_due_tasks(calls, capsys):
    call_command("run_scheduler", "--once")
    assert len(calls) == 1
    assert "test.every10" in capsys.readouterr().out


def test_snapshot_stores_each_metric_site_wide_and_per_organisation(monkeypatch):
    monkeypatch.setattr(metrics, "_METRICS", {})
    org = Organisation.objects.create(slug="sapporo", lgcode="011002", name="札幌市",
                                      name_en="Sapporo")
    metrics.metric("test.orgs", label="団体数", unit="件")(
        lambda organisation: 1 if organisation else Organisation.objects.count())
    day = timezone.localdate()
    assert metrics.snapshot(day=day) == 2
    assert metrics.snapshot(day=day) == 2  # the same day again: updated, not duplicated
    rows = MetricSnapshot.objects.filter(key="test.orgs", day=day)
    assert rows.count() == 2
    assert rows.get(organisation=None).value == Organisation.objects.count()
    assert rows.get(organisation=org).value == 1


def test_metric_keys_must_be_namespaced():
    with pytest.raises(ValueError):
        metrics.metric("nodot", label="x", unit="件")


def test_the_daily_snapshot_is_registered_with_the_scheduler():
    keys = {task.key for task in schedule.registered()}
    assert "core.metric_snapshots" in keys
