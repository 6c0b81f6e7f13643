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

    bump(DailyCount, lookup={"key": key, "organisation": organisation,
                             "day": day or timezone.localdate()}, by=by)


def bump(model, *, lookup: dict, field: str = "count", by: int = 1) -> None:
    """Add ``by`` to ``field`` of the ``model`` row that ``lookup`` names, creating it with
    ``by`` on first use; safe against concurrent requests (see the module docstring). For
    counters with their own dimensions (the garbage calendar's page views, feed fetches…)."""
    rows = model.objects.filter(**lookup)
    if rows.update(**{field: F(field) + by}):
        return
    try:
        with transaction.atomic():
            model.objects.create(**lookup, **{field: by})
    except IntegrityError:  # another request created it first
        rows.update(**{field: F(field) + by})


def total(key: str, *, organisation=None, since: date | None = None) -> int:
    """The sum of ``key``'s counts (for one organisation, or all rows when None)."""
    from core.models import DailyCount

    rows = DailyCount.objects.filter(key=key)
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    if since is not None:
        rows = rows.filter(day__gte=since)
    return rows.aggregate(n=Sum("count"))["n"] or 0
