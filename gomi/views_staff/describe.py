"""Short human-readable descriptions of rules for the staff tables (in the active language)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from gomi.engine.fivethree import CellRule, format_cell, representable
from gomi.models import Rule
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
