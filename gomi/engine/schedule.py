"""The schedule engine: rules, holiday policies, closures and exceptions → dated collections.

Order of application (documented for staff and for the tests):

1. Each rule generates dates: weekly weekdays, n-th weekdays of the month (counted from the
   1st, so 第5 exists only in months with five), every other week from an anchor date (both
   directions, every 14 days; the anchor's own weekday counts, as in 5374) — all three limited
   to ``months`` when given — plus the listed irregular dates.
2. Closures (年末年始) apply to generated dates only, never to listed dates (a listed date is
   what the municipality printed): ``skip`` drops the date, ``shift_week`` moves it and the
   later dates of the same token in that month one week later (5374's WeekShift; dates pushed
   out of the month are dropped), ``none`` ignores closures.
3. The category's holiday policy applies to generated dates: ``collect`` keeps them (5374's
   behaviour), ``skip`` drops them, ``move`` moves them to the next day that is neither a
   public holiday, nor a Sunday, nor inside a closure.
4. One-off exceptions come last: a cancellation removes the collection of that date (for one
   category or all), a move removes it and adds it on the new date with the notice text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from gomi.engine.holidays import is_holiday

COLLECT, SKIP, MOVE = "collect", "skip", "move"
HOLIDAY_POLICIES = (COLLECT, SKIP, MOVE)
CLOSURE_SKIP, CLOSURE_SHIFT_WEEK, CLOSURE_NONE = "skip", "shift_week", "none"
CLOSURE_POLICIES = (CLOSURE_SKIP, CLOSURE_SHIFT_WEEK, CLOSURE_NONE)
CANCEL = "cancel"
_WEEK = timedelta(days=7)
_MARGIN = timedelta(days=45)  # holiday moves and week shifts reach into the window from outside


@dataclass(frozen=True)
class RuleSpec:
    """When one category is collected: weekdays are 0=Monday … 6=Sunday (date.weekday())."""

    category: object
    weekdays: tuple[int, ...] = ()
    nth: tuple[tuple[int, int], ...] = ()  # (weekday, n) with n in 1..5
    biweekly: tuple[date, ...] = ()  # anchor dates
    months: tuple[int, ...] = ()  # 1..12; empty means every month
    dates: tuple[date, ...] = ()  # listed irregular dates
    holiday_policy: str = COLLECT


@dataclass(frozen=True)
class ClosureSpec:
    """A closure period, inclusive; center "" applies to every area."""

    start: date
    end: date
    center: str = ""


@dataclass(frozen=True)
class ExceptionSpec:
    """A one-off cancellation or move; category None means every category."""

    date: date
    kind: str = CANCEL
    new_date: date | None = None
    category: object = None
    notice: str = ""
    ref: object = None  # the caller's id of the exception (e.g. a model pk)


@dataclass(frozen=True, order=True)
class Collection:
    """One dated collection; moved_from and reason say why it is not on its usual day."""

    date: date
    category: object = field(compare=False)
    moved_from: date | None = field(default=None, compare=False)
    reason: str = field(default="", compare=False)  # "", "holiday", "closure", "exception"
    notice: str = field(default="", compare=False)
    ref: object = field(default=None, compare=False)


def _days(start: date, end: date) -> Iterable[date]:
    """Every day from start to end inclusive."""
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def _month_starts(start: date, end: date) -> Iterable[date]:
    """The first day of every month that overlaps [start, end]."""
    current = start.replace(day=1)
    while current <= end:
        yield current
        current = (current + timedelta(days=32)).replace(day=1)


def _token_dates(weekday: int, n: int | None, month_start: date) -> list[date]:
    """Dates of one weekday (n=None: every week, else the n-th) in the month of month_start."""
    first = month_start + timedelta(days=(weekday - month_start.weekday()) % 7)
    dates = []
    week = 0
    while (day := first + week * _WEEK).month == month_start.month:
        if n is None or n == week + 1:
            dates.append(day)
        week += 1
    return dates


def _closed(day: date, closures: Sequence[ClosureSpec]) -> bool:
    """True when day is inside one of the closures."""
    return any(c.start <= day <= c.end for c in closures)


def _regular(rule: RuleSpec, start: date, end: date, closures: Sequence[ClosureSpec],
             policy: str) -> list[tuple[date, date | None, str]]:
    """Weekly and n-th weekday dates with closures applied: (date, moved_from, reason)."""
    tokens = [(wd, None) for wd in rule.weekdays] + [(wd, n) for wd, n in rule.nth]
    result = []
    for month_start in _month_starts(start, end):
        if rule.months and month_start.month not in rule.months:
            continue
        for weekday, n in tokens:
            shifted = False
            for day in _token_dates(weekday, n, month_start):
                if policy != CLOSURE_NONE and _closed(day, closures):
                    if policy == CLOSURE_SKIP:
                        continue
                    shifted = True
                if shifted:
                    moved = day + _WEEK
                    if moved.month == month_start.month:
                        result.append((moved, day, "closure"))
                    continue
                result.append((day, None, ""))
    return result


def _biweekly(rule: RuleSpec, start: date, end: date, closures: Sequence[ClosureSpec],
              policy: str) -> list[tuple[date, date | None, str]]:
    """Every-other-week dates from each anchor inside [start, end], closures dropped."""
    result = []
    fortnight = timedelta(days=14)
    for anchor in rule.biweekly:
        steps = (start - anchor).days // 14
        day = anchor + steps * fortnight
        while day <= end:
            if day >= start and (not rule.months or day.month in rule.months):
                if policy == CLOSURE_NONE or not _closed(day, closures):
                    result.append((day, None, ""))
            day += fortnight
    return result


def _next_open_day(day: date, closures: Sequence[ClosureSpec],
                   holiday: Callable[[date], bool]) -> date:
    """The first day after day that is not a holiday, not a Sunday and not closed."""
    candidate = day + timedelta(days=1)
    while holiday(candidate) or candidate.weekday() == 6 or _closed(candidate, closures):
        candidate += timedelta(days=1)
    return candidate


def _rule_dates(rule: RuleSpec, start: date, end: date, closures: Sequence[ClosureSpec],
                policy: str, holiday: Callable[[date], bool]) -> list[Collection]:
    """The collections of one rule over [start, end] before one-off exceptions."""
    generated = (_regular(rule, start, end, closures, policy)
                 + _biweekly(rule, start, end, closures, policy))
    out = []
    for day, moved_from, reason in generated:
        if rule.holiday_policy != COLLECT and holiday(day):
            if rule.holiday_policy == SKIP:
                continue
            moved_from, reason = moved_from or day, "holiday"
            day = _next_open_day(day, closures, holiday)
        out.append(Collection(day, rule.category, moved_from, reason))
    out.extend(Collection(day, rule.category) for day in rule.dates)
    return out


def _matches(exception: ExceptionSpec, collection: Collection) -> bool:
    """True when the exception concerns this collection (same day, same or every category)."""
    return exception.date == collection.date and (
        exception.category is None or exception.category == collection.category)


def _apply_exceptions(collections: list[Collection],
                      exceptions: Sequence[ExceptionSpec]) -> list[Collection]:
    """Cancellations and moves, in the order given."""
    for exception in exceptions:
        hit = [c for c in collections if _matches(exception, c)]
        collections = [c for c in collections if not _matches(exception, c)]
        if exception.kind != CANCEL and exception.new_date is not None:
            collections.extend(
                Collection(exception.new_date, c.category, c.moved_from or c.date, "exception",
                           exception.notice, exception.ref)
                for c in hit)
    return collections


def collections(*, rules: Sequence[RuleSpec], start: date, end: date,
                closures: Sequence[ClosureSpec] = (), closure_policy: str = CLOSURE_SKIP,
                exceptions: Sequence[ExceptionSpec] = (), center: str = "",
                holiday: Callable[[date], bool] = is_holiday) -> list[Collection]:
    """The dated collections of an area's rules in [start, end], sorted by date then rule.

    ``center`` is the area's collection centre: closures of another centre do not apply.
    """
    if closure_policy not in CLOSURE_POLICIES:
        raise ValueError(f"unknown closure policy {closure_policy!r}")
    if end < start:
        return []
    # Dates moved into the window come from outside it: compute a wider window, then cut.
    wide_start, wide_end = start - _MARGIN, end + _MARGIN
    for exception in exceptions:
        if exception.new_date is not None and start <= exception.new_date <= end:
            wide_start, wide_end = min(wide_start, exception.date), max(wide_end, exception.date)
    closures = [c for c in closures if not c.center or c.center == center]
    order: dict[object, int] = {}
    found: list[Collection] = []
    for index, rule in enumerate(rules):
        if rule.holiday_policy not in HOLIDAY_POLICIES:
            raise ValueError(f"unknown holiday policy {rule.holiday_policy!r}")
        order.setdefault(rule.category, index)
        found.extend(_rule_dates(rule, wide_start, wide_end, closures, closure_policy, holiday))
    found = _apply_exceptions(found, exceptions)
    unique: dict[tuple[date, object], Collection] = {}
    for item in found:
        if start <= item.date <= end:
            key = (item.date, item.category)
            # Keep the plain one when the same day comes twice (e.g. weekly + listed date).
            if key not in unique or (unique[key].reason and not item.reason):
                unique[key] = item
    return sorted(unique.values(), key=lambda c: (c.date, order.get(c.category, len(order))))


def dates_of(found: Iterable[Collection], category: object) -> list[date]:
    """The dates of one category among collections (a convenience for callers and tests)."""
    return [c.date for c in found if c.category == category]


def fiscal_year(year: int) -> tuple[date, date]:
    """The Japanese fiscal year starting in April of year: (1 April, 31 March)."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def days_between(start: date, end: date) -> list[date]:
    """Every day in [start, end] (for calendars)."""
    return list(_days(start, end))
