"""Reads of gomi data: areas, collections for a date range, next collection per category.

The residents pages, the iCalendar feed, the e-mail reminders, the API and the open-data
export all compute dates through ``collections_for_area`` so they always agree. They call it
with ``draft=False`` (the default): staged changes (gomi.models.DraftChange) are overlaid
only for the staff preview and the draft page, which pass ``draft=True``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet

from core.models import Organisation
from gomi.engine import schedule
from gomi.models import (
    Area,
    AreaAddress,
    Category,
    Closure,
    DraftChange,
    GomiSettings,
    Item,
    Rule,
    ScheduleException,
)


@dataclass(frozen=True)
class AreaCollection:
    """One dated collection of an area, with its Category object and any notice."""

    date: date
    category: Category
    moved_from: date | None = None
    reason: str = ""  # "", "holiday", "closure", "exception"
    notice: str = ""
    exception_id: int | None = None


def municipality_by_lgcode(lgcode: str) -> Organisation | None:
    """The organisation with this 全国地方公共団体コード, or None."""
    return Organisation.objects.filter(lgcode=lgcode).first()


def areas(municipality: Organisation) -> QuerySet[Area]:
    """The municipality's areas in display order."""
    return Area.objects.filter(municipality=municipality).order_by("position", "id")


def categories(municipality: Organisation) -> QuerySet[Category]:
    """The municipality's categories in display order."""
    return Category.objects.filter(municipality=municipality).order_by("position", "id")


def closure_policy(municipality: Organisation) -> str:
    """The municipality's closure policy (5374's default, skip, when none was set)."""
    found = GomiSettings.objects.filter(municipality=municipality).first()
    return found.closure_policy if found else schedule.CLOSURE_SKIP


def iso_dates(values) -> tuple[date, ...]:
    """JSON ISO strings as dates."""
    return tuple(date.fromisoformat(v) for v in values or ())


_iso_dates = iso_dates


def rule_spec(rule: Rule, category: Category | None = None, *,
              holiday_policy: str | None = None) -> schedule.RuleSpec:
    """The engine's view of a Rule row (category keyed by its id).

    ``holiday_policy`` replaces the category's own (a staged policy in the draft view).
    """
    category = category or rule.category
    return schedule.RuleSpec(
        category=category.pk,
        weekdays=tuple(rule.weekdays or ()),
        nth=tuple((int(wd), int(n)) for wd, n in rule.nth or ()),
        biweekly=_iso_dates(rule.biweekly),
        months=tuple(rule.months or ()),
        dates=_iso_dates(rule.dates),
        holiday_policy=holiday_policy or category.holiday_policy,
    )


def closure_specs(municipality: Organisation) -> list[schedule.ClosureSpec]:
    """The municipality's closures for the engine."""
    return [schedule.ClosureSpec(c.start, c.end, c.center)
            for c in Closure.objects.filter(municipality=municipality)]


def _exception_spec(row: ScheduleException) -> schedule.ExceptionSpec:
    """The engine's view of a ScheduleException row."""
    return schedule.ExceptionSpec(date=row.date, kind=row.kind, new_date=row.new_date,
                                  category=row.category_id, notice=row.notice, ref=row.pk)


def exception_specs(area: Area, start: date, end: date) -> list[schedule.ExceptionSpec]:
    """The exceptions touching an area around [start, end] (moves may cross the range)."""
    rows = (ScheduleException.objects.filter(municipality_id=area.municipality_id)
            .filter(Q(area=area) | Q(area__isnull=True))
            .filter(date__range=(start - timedelta(days=400), end + timedelta(days=400)))
            .order_by("created", "id"))
    return [_exception_spec(row) for row in rows]


def draft_changes(municipality: Organisation) -> QuerySet[DraftChange]:
    """The municipality's staged changes, oldest first, with their targets loaded."""
    return (DraftChange.objects.filter(municipality=municipality)
            .select_related("area", "category", "closure").order_by("created", "id"))


@dataclass
class ScheduleContext:
    """Everything the engine needs for a municipality, loaded once for many areas.

    With draft=True the staged changes are overlaid: rules replaced or added, holiday
    policies (``holiday_policies``, by category id), closures added or removed and the
    closure policy.
    """

    rules: dict[int, list[Rule]]  # by area id
    closures: list[schedule.ClosureSpec]
    closure_policy: str
    exceptions: list[ScheduleException]
    holiday_policies: dict[int, str] = field(default_factory=dict)

    @classmethod
    def load(cls, municipality: Organisation, start: date, end: date, *,
             draft: bool = False) -> ScheduleContext:
        """Load rules, closures, the closure policy and the exceptions around [start, end]."""
        rules: dict[int, list[Rule]] = {}
        for rule in (Rule.objects.filter(area__municipality=municipality)
                     .select_related("category")):
            rules.setdefault(rule.area_id, []).append(rule)
        exceptions = list(
            ScheduleException.objects.filter(municipality=municipality)
            .filter(date__range=(start - timedelta(days=400), end + timedelta(days=400)))
            .order_by("created", "id"))
        context = cls(rules, closure_specs(municipality), closure_policy(municipality),
                      exceptions)
        if draft:
            context.overlay(list(draft_changes(municipality)), municipality)
        return context

    def overlay(self, changes: list[DraftChange], municipality: Organisation) -> None:
        """Apply staged changes to this (in-memory) context; the database is untouched."""
        kinds = DraftChange.Kind
        removed = {c.closure_id for c in changes if c.kind == kinds.CLOSURE_DELETE}
        if removed:
            self.closures = [
                schedule.ClosureSpec(c.start, c.end, c.center)
                for c in Closure.objects.filter(municipality=municipality)
                if c.pk not in removed]
        for change in changes:
            if change.kind == kinds.RULE:
                staged = change.as_rule()
                kept = [r for r in self.rules.get(change.area_id, [])
                        if r.category_id != change.category_id]
                self.rules[change.area_id] = [*kept, staged]
            elif change.kind == kinds.HOLIDAY_POLICY:
                self.holiday_policies[change.category_id] = change.policy
            elif change.kind == kinds.CLOSURE_ADD:
                closure = change.as_closure()
                self.closures.append(schedule.ClosureSpec(closure.start, closure.end,
                                                          closure.center))
            elif change.kind == kinds.CLOSURE_POLICY:
                self.closure_policy = change.policy


def collections_for_area(area: Area, start: date, end: date, *,
                         category_ids: list[int] | None = None,
                         context: ScheduleContext | None = None,
                         draft: bool = False) -> list[AreaCollection]:
    """The area's collections in [start, end] (inclusive), by date then category order.

    Pass a ScheduleContext (ScheduleContext.load) when computing many areas of one
    municipality: it saves the per-area queries. ``draft=True`` overlays the staged changes
    (staff preview only; a given context decides by itself whether it is a draft).
    """
    if context is None and draft:
        context = ScheduleContext.load(area.municipality, start, end, draft=True)
    policies: dict[int, str] = {}
    if context is None:
        rules = list(Rule.objects.filter(area=area).select_related("category"))
        closures = closure_specs(area.municipality)
        policy = closure_policy(area.municipality)
        exceptions = exception_specs(area, start, end)
    else:
        rules = context.rules.get(area.pk, [])
        closures, policy = context.closures, context.closure_policy
        policies = context.holiday_policies
        exceptions = [_exception_spec(row) for row in context.exceptions
                      if row.area_id in (None, area.pk)]
    if category_ids is not None:
        rules = [r for r in rules if r.category_id in category_ids]
    by_id = {r.category_id: r.category for r in rules}
    found = schedule.collections(
        rules=[rule_spec(r, holiday_policy=policies.get(r.category_id))
               for r in sorted(rules, key=lambda r: (r.category.position, r.category_id))],
        start=start, end=end, closures=closures, closure_policy=policy,
        exceptions=exceptions, center=area.center)
    return [AreaCollection(c.date, by_id[c.category], c.moved_from, c.reason, c.notice, c.ref)
            for c in found if c.category in by_id]


@dataclass
class Staged:
    """A municipality's staged changes by target, for marking （未公開） on the staff screens."""

    changes: list[DraftChange]
    rules: dict[tuple[int, int], DraftChange]  # by (area id, category id)
    holiday_policies: dict[int, DraftChange]  # by category id
    closure_adds: list[DraftChange]
    closure_deletes: dict[int, DraftChange]  # by closure id
    closure_policy: DraftChange | None

    @classmethod
    def load(cls, municipality: Organisation) -> Staged:
        """Group the staged changes of a municipality by what they change."""
        kinds = DraftChange.Kind
        changes = list(draft_changes(municipality))

        def of(kind: str) -> list[DraftChange]:
            """The staged changes of one kind."""
            return [c for c in changes if c.kind == kind]

        return cls(
            changes=changes,
            rules={(c.area_id, c.category_id): c for c in of(kinds.RULE)},
            holiday_policies={c.category_id: c for c in of(kinds.HOLIDAY_POLICY)},
            closure_adds=of(kinds.CLOSURE_ADD),
            closure_deletes={c.closure_id: c for c in of(kinds.CLOSURE_DELETE)},
            closure_policy=next(iter(of(kinds.CLOSURE_POLICY)), None))


@dataclass(frozen=True)
class CategoryDifference:
    """The dates one category gains and loses in one area when the draft is published."""

    category: Category
    added: list[date]
    removed: list[date]


@dataclass(frozen=True)
class AreaDifference:
    """What publishing the draft changes in one area's calendar, per category."""

    area: Area
    categories: list[CategoryDifference]

    @property
    def total(self) -> int:
        """How many dates are added or removed in this area."""
        return sum(len(c.added) + len(c.removed) for c in self.categories)


def _difference(live: list[AreaCollection],
                draft: list[AreaCollection]) -> list[CategoryDifference]:
    """Per category (in display order), the dates only in draft and only in live."""
    live_keys = {(c.date, c.category.pk) for c in live}
    draft_keys = {(c.date, c.category.pk) for c in draft}
    by_category: dict[int, tuple[Category, list[date], list[date]]] = {}
    for item in draft:
        if (item.date, item.category.pk) not in live_keys:
            by_category.setdefault(item.category.pk, (item.category, [], []))[1].append(
                item.date)
    for item in live:
        if (item.date, item.category.pk) not in draft_keys:
            by_category.setdefault(item.category.pk, (item.category, [], []))[2].append(
                item.date)
    ordered = sorted(by_category.values(), key=lambda v: (v[0].position, v[0].pk))
    return [CategoryDifference(cat, sorted(added), sorted(removed))
            for cat, added, removed in ordered]


def draft_differences(municipality: Organisation, *, start: date,
                      end: date) -> list[AreaDifference]:
    """The areas whose collections in [start, end] the draft changes, with the dates.

    Computed as live vs draft with the same engine, so it shows exactly what residents would
    see change (a holiday move shows as one date removed and one added).
    """
    live = ScheduleContext.load(municipality, start, end)
    draft = ScheduleContext.load(municipality, start, end, draft=True)
    found = []
    for area in areas(municipality):
        categories_changed = _difference(
            collections_for_area(area, start, end, context=live),
            collections_for_area(area, start, end, context=draft))
        if categories_changed:
            found.append(AreaDifference(area, categories_changed))
    return found


def next_collections(area: Area, *, today: date,
                     horizon_days: int = 400) -> list[tuple[Category, AreaCollection]]:
    """The next collection (today included) of each category of the area, in category order."""
    found = collections_for_area(area, today, today + timedelta(days=horizon_days))
    first: dict[int, AreaCollection] = {}
    for item in found:
        first.setdefault(item.category.pk, item)
    ordered = sorted(first.values(), key=lambda c: (c.category.position, c.category.pk))
    return [(c.category, c) for c in ordered]


def collections_on(area: Area, day: date) -> list[AreaCollection]:
    """The collections of one day (for 今日・明日 and reminders)."""
    return collections_for_area(area, day, day)


def normalise_address(text: str) -> str:
    """The matching form of an address: NFKC, no spaces (as AreaAddress.normalised)."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def find_areas_by_address(municipality: Organisation, text: str) -> list[Area]:
    """Areas whose 町丁目 (or name) occurs in, or contains, the typed address."""
    typed = normalise_address(text)
    if not typed:
        return []
    hits: dict[int, Area] = {}
    rows = AreaAddress.objects.filter(area__municipality=municipality).select_related("area")
    for row in rows:
        if row.normalised and (row.normalised in typed or typed in row.normalised):
            hits.setdefault(row.area_id, row.area)
    for area in areas(municipality):
        name = normalise_address(area.name)
        if name and (name in typed or typed in name):
            hits.setdefault(area.pk, area)
    return sorted(hits.values(), key=lambda a: (a.position, a.pk))


def active_notices(municipality: Organisation, *, today: date) -> QuerySet[ScheduleException]:
    """Exceptions with a notice text whose date (or new date) is today or later."""
    return (ScheduleException.objects.filter(municipality=municipality)
            .exclude(notice="")
            .filter(Q(date__gte=today) | Q(new_date__gte=today))
            .select_related("area", "category").order_by("date", "id"))


def items(municipality: Organisation) -> QuerySet[Item]:
    """The municipality's dictionary with categories and translations loaded."""
    return (Item.objects.filter(municipality=municipality).select_related("category")
            .prefetch_related(Prefetch("translations")).order_by("position", "id"))
