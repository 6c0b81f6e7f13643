"""Export a municipality's schedule: 5374 files and the open-data schedule CSV."""

from __future__ import annotations

import csv
import io
from datetime import date

from core.models import Organisation
from gomi import selectors
from gomi.engine import schedule
from gomi.engine.fivethree import CellRule, format_cell, representable
from gomi.engine.fivethree.writer import ExportArea, ExportCategory, write_files
from gomi.models import Closure, Item, Remark, Rule, ScheduleException

ALL_AREAS_CENTER = "全地区"  # centre name written for closures that apply to every area


def _cell_rule(rule: Rule) -> CellRule:
    """A Rule row as the 5374 cell model."""
    spec = selectors.rule_spec(rule)
    return CellRule(weekdays=spec.weekdays, nth=spec.nth, biweekly=spec.biweekly,
                    months=spec.months, dates=spec.dates, remarks=tuple(rule.remarks or ()))


def _needs_dates(rule: Rule, cell: CellRule, policy: str, touched: set[tuple]) -> bool:
    """True when 5374 cannot express the rule and its dates must be listed."""
    return (not representable(cell) or rule.category.holiday_policy != schedule.COLLECT
            or (policy != schedule.CLOSURE_SKIP and not cell.dates)
            or (rule.area_id, rule.category_id) in touched or (None, rule.category_id) in touched
            or (rule.area_id, None) in touched or (None, None) in touched)


def _touched(municipality: Organisation, start: date, end: date) -> set[tuple]:
    """(area id, category id) pairs (None = every) with an exception around the window."""
    rows = ScheduleException.objects.filter(municipality=municipality,
                                            date__range=(start, end))
    return {(r.area_id, r.category_id) for r in rows}


def export_5374(*, municipality: Organisation, start: date, end: date) -> dict[str, bytes]:
    """The five 5374 files; rules 5374 cannot express are written as dates in [start, end]."""
    policy = selectors.closure_policy(municipality)
    touched = _touched(municipality, start, end)
    cats = list(selectors.categories(municipality))
    closures = list(Closure.objects.filter(municipality=municipality))
    global_closure = any(not c.center for c in closures)
    areas_out = []
    context = selectors.ScheduleContext.load(municipality, start, end)
    for area in selectors.areas(municipality):
        rules = {r.category_id: r for r in context.rules.get(area.pk, [])}
        cells = []
        for category in cats:
            rule = rules.get(category.pk)
            if rule is None:
                cells.append("")
                continue
            cell = _cell_rule(rule)
            if _needs_dates(rule, cell, policy, touched):
                found = selectors.collections_for_area(area, start, end, context=context,
                                                       category_ids=[category.pk])
                cell = CellRule(dates=tuple(c.date for c in found), remarks=cell.remarks)
            cells.append(format_cell(cell))
        center = area.center or (ALL_AREAS_CENTER if global_closure else "")
        areas_out.append(ExportArea(area.name, center, tuple(cells)))
    centers = [(c.center or ALL_AREAS_CENTER, c.start, c.end) for c in closures]
    # Closures of every area must also reach areas with their own centre.
    named = sorted({a.center for a in areas_out if a.center and a.center != ALL_AREAS_CENTER})
    centers += [(name, c.start, c.end) for c in closures if not c.center for name in named]
    targets = [(i.category.name if i.category else i.category_text, i.name, i.notes,
                i.initial or (i.reading[:1] if i.reading else ""))
               for i in Item.objects.filter(municipality=municipality)
               .select_related("category").order_by("position", "id")]
    remarks = {r.number: r.text for r in Remark.objects.filter(municipality=municipality)}
    return write_files(
        labels=[c.name for c in cats], areas=areas_out,
        categories=[ExportCategory(c.name, c.sublabel, c.description, c.icon, c.colour)
                    for c in cats],
        targets=targets, centers=centers, remarks=remarks)


SCHEDULE_HEADER = ("全国地方公共団体コード", "地方公共団体名", "地区", "分別区分", "収集日",
                   "曜日", "振替元の日", "理由", "お知らせ")
_WEEKDAYS = "月火水木金土日"
_REASONS = {"": "", "holiday": "祝日", "closure": "休止期間", "exception": "臨時の変更"}


def schedule_csv(*, municipality: Organisation, start: date, end: date) -> bytes:
    """One row per area × category × date in [start, end], UTF-8 with BOM (for Excel)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(SCHEDULE_HEADER)
    context = selectors.ScheduleContext.load(municipality, start, end)
    for area in selectors.areas(municipality):
        for c in selectors.collections_for_area(area, start, end, context=context):
            writer.writerow((municipality.lgcode or "", municipality.name, area.name,
                             c.category.name, c.date.isoformat(), _WEEKDAYS[c.date.weekday()],
                             c.moved_from.isoformat() if c.moved_from else "",
                             _REASONS.get(c.reason, c.reason), c.notice))
    return out.getvalue().encode("utf-8-sig")
