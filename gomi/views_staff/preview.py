"""Preview of an area's calendar for a month or a fiscal year: the draft or the live calendar.

The draft view overlays the staged changes (gomi.services.drafts) and marks, in words, the
collections that publishing would add or remove; the live view is what residents see now.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from gomi import selectors
from gomi.engine.holidays import holiday_name
from gomi.engine.schedule import fiscal_year
from gomi.models import DraftChange
from gomi.views_staff.common import staff_for
from gomi.views_staff.describe import SHORT_WEEKDAYS

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass
class Day:
    """One cell of a month grid."""

    day: date
    in_month: bool
    holiday: str = ""
    closed: bool = False
    collections: list = field(default_factory=list)
    added: set = field(default_factory=set)  # category ids only in the draft
    removed: list = field(default_factory=list)  # live collections the draft drops

    @property
    def changed(self) -> bool:
        """True when the draft differs from the live calendar on this day."""
        return bool(self.added or self.removed)


@dataclass
class Month:
    """A month grid: weeks of seven Days, Sunday first (as Japanese calendars print)."""

    year: int
    month: int
    weeks: list[list[Day]]


def _by_day(found) -> dict[date, list]:
    """Collections grouped by date."""
    by_day: dict[date, list] = {}
    for item in found:
        by_day.setdefault(item.date, []).append(item)
    return by_day


def _day(d: date, month: int, closures, shown: list, live: list | None) -> Day:
    """One cell; with ``live`` given, what the shown (draft) day adds and drops is marked."""
    day = Day(d, d.month == month, holiday_name(d), any(c.start <= d <= c.end for c in closures),
              shown)
    if live is not None:
        live_ids = {c.category.pk for c in live}
        shown_ids = {c.category.pk for c in shown}
        day.added = shown_ids - live_ids
        day.removed = [c for c in live if c.category.pk not in shown_ids]
    return day


def month_grid(year: int, month: int, found, closures, live=None) -> Month:
    """The grid of one month with its collections, holidays and closures marked.

    ``live`` (the live collections, when ``found`` is the draft) marks the differences.
    """
    by_day, live_by_day = _by_day(found), _by_day(live) if live is not None else None
    weeks = calendar.Calendar(firstweekday=6).monthdatescalendar(year, month)
    return Month(year, month, [[
        _day(d, month, closures, by_day.get(d, []),
             live_by_day.get(d, []) if live_by_day is not None else None)
        for d in week] for week in weeks])


def _month_arg(value: str, today: date) -> tuple[int, int]:
    """The requested YYYY-MM, or this month."""
    match = _MONTH.match(value or "")
    if match and 1 <= int(match.group(2)) <= 12 and 1900 < int(match.group(1)) < 2200:
        return int(match.group(1)), int(match.group(2))
    return today.year, today.month


def _shift(year: int, month: int, delta: int) -> str:
    """YYYY-MM of the month delta months away."""
    index = year * 12 + month - 1 + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@login_required
def preview(request, lgcode: str):
    """One area's calendar for a month (?month=YYYY-MM) or a fiscal year (?fy=YYYY).

    ?view=draft (the default while changes are staged) or ?view=live.
    """
    staff = staff_for(request, lgcode)
    municipality = staff.municipality
    staged = DraftChange.objects.filter(municipality=municipality).count()
    view = request.GET.get("view") or ""
    if view not in ("draft", "live"):
        view = "draft" if staged else "live"
    draft = view == "draft"
    areas = list(selectors.areas(municipality))
    wanted = request.GET.get("area") or ""
    area = next((a for a in areas if str(a.pk) == wanted), areas[0] if areas else None)
    today = timezone.localdate()
    fy_arg = request.GET.get("fy") or ""
    months: list[Month] = []
    year, month = _month_arg(request.GET.get("month") or "", today)
    fy = int(fy_arg) if fy_arg.isdigit() and 1900 < int(fy_arg) < 2200 else None
    n_changed = 0
    if area is not None:
        if fy is not None:
            start, end = fiscal_year(fy)
        else:
            start = date(year, month, 1)
            end = date(year, month, calendar.monthrange(year, month)[1])
        wide = (start - timedelta(days=7), end + timedelta(days=7))
        live_context = selectors.ScheduleContext.load(municipality, *wide)
        live = selectors.collections_for_area(area, *wide, context=live_context)
        context = (selectors.ScheduleContext.load(municipality, *wide, draft=True)
                   if draft else live_context)
        found = (selectors.collections_for_area(area, *wide, context=context)
                 if draft else live)
        closures = [c for c in context.closures if not c.center or c.center == area.center]
        current = start
        while current <= end:
            months.append(month_grid(current.year, current.month, found, closures,
                                     live if draft and staged else None))
            current = (current + timedelta(days=32)).replace(day=1)
        n_changed = sum(1 for m in months for week in m.weeks for d in week
                        if d.in_month and d.changed)
    current_fy = today.year if today.month >= 4 else today.year - 1
    return render(request, "gomi/staff/preview.html", staff.context(
        areas=areas, area=area, months=months, fy=fy, month_value=f"{year:04d}-{month:02d}",
        view=view, draft=draft, staged=staged, n_changed=n_changed, hide_draft_banner=True,
        previous=_shift(year, month, -1), next=_shift(year, month, 1),
        fy_choices=range(current_fy - 1, current_fy + 2),
        weekdays=[SHORT_WEEKDAYS[(i + 6) % 7] for i in range(7)],
        notices=(selectors.active_notices(municipality, today=today)
                 .filter(Q(area=area) | Q(area__isnull=True)) if area else [])))
