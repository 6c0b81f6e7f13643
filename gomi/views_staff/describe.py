"""Short human-readable descriptions of rules and staged changes for the staff tables (in the
active language)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from gomi import selectors
from gomi.engine.fivethree import CellRule, format_cell, representable
from gomi.models import Closure, DraftChange, Rule
from gomi.models.schedule import ClosurePolicy, HolidayPolicy
from gomi.selectors import rule_spec

# "月" alone is also "month" elsewhere: the context keeps the weekday apart in translations.
SHORT_WEEKDAYS = (
    pgettext_lazy("short weekday", "月"), pgettext_lazy("short weekday", "火"),
    pgettext_lazy("short weekday", "水"), pgettext_lazy("short weekday", "木"),
    pgettext_lazy("short weekday", "金"), pgettext_lazy("short weekday", "土"),
    pgettext_lazy("short weekday", "日"),
)
_SEP = "・"


def _weekdays(numbers) -> str:
    """Weekday numbers as 月・木."""
    return _SEP.join(str(SHORT_WEEKDAYS[n]) for n in numbers)


def describe_rule(rule: Rule | None) -> str:
    """What a rule says, e.g. 毎週 月・木 / 第2・第4 火 / 隔週 / 4・5月 / 不定期 12日."""
    if rule is None:
        return _("収集なし")
    parts = []
    if rule.weekdays:
        parts.append(_("毎週 %(days)s") % {"days": _weekdays(rule.weekdays)})
    by_day: dict[int, list[int]] = {}
    for weekday, n in rule.nth:
        by_day.setdefault(int(weekday), []).append(int(n))
    for weekday, ns in sorted(by_day.items()):
        parts.append(_("第%(ns)s %(day)s") % {"ns": _SEP.join(str(n) for n in sorted(ns)),
                                              "day": SHORT_WEEKDAYS[weekday]})
    for anchor in rule.biweekly:
        parts.append(_("隔週（起点 %(date)s）") % {"date": anchor})
    if rule.months:
        parts.append(_("%(months)s月のみ") % {"months": _SEP.join(str(m) for m in rule.months)})
    if rule.dates:
        parts.append(_("不定期 %(n)s日") % {"n": len(rule.dates)})
    return " / ".join(parts) or _("収集なし")


def cell_text(rule: Rule) -> tuple[str, bool]:
    """The rule in 5374 notation and whether 5374 would read it the same way."""
    spec = rule_spec(rule)
    cell = CellRule(weekdays=spec.weekdays, nth=spec.nth, biweekly=spec.biweekly,
                    months=spec.months, dates=spec.dates,
                    remarks=tuple(int(r) for r in rule.remarks or ()))
    return format_cell(cell), representable(cell)


@dataclass(frozen=True)
class ChangeText:
    """A staged change in plain words: what it changes, the live value and the draft value."""

    subject: str
    live: str
    draft: str


def closure_period(closure: Closure) -> str:
    """A closure as 2026-12-31 – 2027-01-03（全地区）, with its note."""
    where = closure.center or _("全地区")
    text = f"{closure.start:%Y-%m-%d} – {closure.end:%Y-%m-%d}（{where}）"
    return f"{text} {closure.note}" if closure.note else text


def describe_change(change: DraftChange) -> ChangeText:
    """What one staged change does, in the active language, against the live value."""
    kinds = DraftChange.Kind
    if change.kind == kinds.RULE:
        live = Rule.objects.filter(area_id=change.area_id,
                                   category_id=change.category_id).first()
        return ChangeText(
            _("収集ルール: %(area)s / %(category)s") % {"area": change.area.name,
                                                       "category": change.category.name},
            describe_rule(live), describe_rule(change.as_rule()))
    if change.kind == kinds.HOLIDAY_POLICY:
        return ChangeText(_("祝日の扱い: %(category)s") % {"category": change.category.name},
                          str(change.category.get_holiday_policy_display()),
                          str(HolidayPolicy(change.policy).label))
    if change.kind == kinds.CLOSURE_POLICY:
        live_policy = selectors.closure_policy(change.municipality)
        return ChangeText(_("休止期間の扱い"), str(ClosurePolicy(live_policy).label),
                          str(ClosurePolicy(change.policy).label))
    if change.kind == kinds.CLOSURE_ADD:
        return ChangeText(_("休止期間の追加"), _("なし"), closure_period(change.as_closure()))
    return ChangeText(_("休止期間の削除"), closure_period(change.as_closure()), _("削除する"))
