"""Periodic work: apps register what must run every N minutes; the scheduler starts it.

``python manage.py run_scheduler`` (started by ``bin/run-demo`` beside the job worker) wakes
every minute and calls each registered task that is due. A task is claimed atomically in
``PeriodicRun`` before it runs, so several schedulers never run the same task twice for the
same slot. Tasks must be quick: long work is handed to the job queue (``core.jobs``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Periodic:
    """A registered periodic task: its key, how often it runs and the function to call."""

    key: str
    every: timedelta
    func: Callable[[datetime], None]


_TASKS: dict[str, Periodic] = {}


def periodic(key: str, *, minutes: int = 0, hours: int = 0, days: int = 0):
    """Decorator: call ``func(now)`` every given interval (at least one minute)."""
    every = timedelta(minutes=minutes, hours=hours, days=days)
    if every < timedelta(minutes=1):
        raise ValueError("a periodic task runs at most once a minute")

    def decorate(func: Callable[[datetime], None]) -> Callable[[datetime], None]:
        _TASKS[key] = Periodic(key=key, every=every, func=func)
        return func

    return decorate


def registered() -> list[Periodic]:
    """Every registered periodic task, by key."""
    return [_TASKS[k] for k in sorted(_TASKS)]


def _claim(task: Periodic, now: datetime) -> bool:
    """Record that ``task`` runs now if it is due; False when another run got there first."""
    from core.models import PeriodicRun

    with transaction.atomic():
        row = PeriodicRun.objects.select_for_update().filter(key=task.key).first()
        if row is None:
            _, created = PeriodicRun.objects.get_or_create(key=task.key,
                                                           defaults={"last_run": now})
            return created
        # A small tolerance so that a task due every minute is not skipped by clock jitter.
        if now - row.last_run < task.every - timedelta(seconds=5):
            return False
        row.last_run = now
        row.save(update_fields=["last_run"])
        return True


def run_due(*, now: datetime | None = None) -> list[str]:
    """Run every task that is due at ``now``; return the keys that ran (failures are logged)."""
    now = now or timezone.now()
    ran = []
    for task in registered():
        if not _claim(task, now):
            continue
        try:
            task.func(now)
        except Exception:
            logger.exception("periodic task %s failed", task.key)
        ran.append(task.key)
    return ran
