"""Daily counters (downloads, page views…): one row per key, organisation and day.

``increment`` is a single UPDATE … SET count = count + 1 in the common case, so concurrent
requests never lose a count; the first hit of a day creates the row (a racing second creator
falls back to the UPDATE). Only numbers are stored — no IP address, no user.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone


def increment(key: str, *, organisation=None, day: date | None = None, by: int = 1) -> None:
    """Add ``by`` to today's (or ``day``'s) count of ``key``."""
    from core.models import DailyCount

    day = day or timezone.localdate()
    rows = DailyCount.objects.filter(key=key, organisation=organisation, day=day)
    if rows.update(count=F("count") + by):
        return
    try:
        with transaction.atomic():
            DailyCount.objects.create(key=key, organisation=organisation, day=day, count=by)
    except IntegrityError:
        rows.update(count=F("count") + by)


def total(key: str, *, organisation=None, since: date | None = None) -> int:
    """The sum of ``key``'s counts (for one organisation, or all rows when None)."""
    from core.models import DailyCount

    rows = DailyCount.objects.filter(key=key)
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    if since is not None:
        rows = rows.filter(day__gte=since)
    return rows.aggregate(n=Sum("count"))["n"] or 0
