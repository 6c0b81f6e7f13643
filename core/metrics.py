"""Registry of platform metrics: each app declares what it can count; the plan module reads them.

    from core.metrics import metric

    @metric("catalog.published_datasets", label=_("オープンデータ公開件数"), unit="件")
    def published_datasets(organisation):  # organisation is None for the whole site
        return Dataset.objects.filter(...).count()

Apps register in their ``AppConfig.ready()`` (import the module that holds the decorators).
A daily periodic task (``core.metric_snapshots``) stores every value in ``MetricSnapshot``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

Compute = Callable[[object], float | int]


@dataclass(frozen=True)
class Metric:
    """One registered metric: key (``app.name``), translated label, unit and how to compute."""

    key: str
    label: object
    unit: str
    compute: Compute
    description: object = ""


_METRICS: dict[str, Metric] = {}


def metric(key: str, *, label, unit: str, description=""):
    """Decorator: register ``func(organisation_or_None) -> number`` under ``key``."""
    if "." not in key:
        raise ValueError("metric keys are namespaced by app: 'app.name'")

    def decorate(func: Compute) -> Compute:
        _METRICS[key] = Metric(key=key, label=label, unit=unit, compute=func,
                               description=description)
        return func

    return decorate


def metrics() -> list[Metric]:
    """Every registered metric, by key."""
    return [_METRICS[k] for k in sorted(_METRICS)]


def get(key: str) -> Metric:
    """The metric registered under ``key`` (KeyError when none is)."""
    return _METRICS[key]


def current_values(organisation=None) -> dict[str, float | int]:
    """The current value of every metric, for one organisation or (None) the whole site."""
    return {m.key: m.compute(organisation) for m in metrics()}


def snapshot(*, day: date | None = None) -> int:
    """Store today's value of every metric, site-wide and per organisation; return rows written."""
    from core.models import MetricSnapshot, Organisation

    day = day or timezone.localdate()
    written = 0
    for organisation in [None, *Organisation.objects.all()]:
        for key, value in current_values(organisation).items():
            MetricSnapshot.objects.update_or_create(
                key=key, organisation=organisation, day=day, defaults={"value": float(value)})
            written += 1
    return written


def _snapshot_task(now: datetime) -> None:
    """The daily periodic task: snapshot every metric for the local day of ``now``."""
    snapshot(day=timezone.localtime(now).date())


def connect() -> None:
    """Register the daily snapshot with the scheduler (called from core's AppConfig)."""
    from core import schedule

    schedule.periodic("core.metric_snapshots", days=1)(_snapshot_task)
