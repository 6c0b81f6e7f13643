"""Staff edits of the schedule: areas, categories, rules, holiday and closure policies, closures.

Every service checks the editor role on the municipality *and* that every row passed belongs
to it (gomi.services.common.require_own), writes in a transaction, records the audit log and
queues the open-data update. The HTML screens, scripts and the API all call these functions.
Notices (announce / withdraw) live in gomi.services.notices and are re-exported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.actor import Actor
from core.errors import InvalidInput
from core.models import Organisation
from gomi.engine.schedule import CLOSURE_POLICIES, COLLECT, HOLIDAY_POLICIES
from gomi.models import Area, AreaAddress, Category, Closure, GomiSettings, Rule
from gomi.services.common import changed, delete_row, invalid, require_editor, require_own
from gomi.services.notices import NoticeData, announce, announce_notice, withdraw

__all__ = [
    "AreaData", "CategoryData", "ClosureData", "NoticeData", "RuleData", "add_closure",
    "announce", "announce_notice", "check_closure", "check_closure_policy",
    "check_holiday_policy", "check_rule", "delete_area", "delete_category", "delete_closure",
    "rule_fields", "save_area", "save_category", "save_rule", "set_closure_policy",
    "set_holiday_policy", "withdraw",
]

COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


# --- areas ----------------------------------------------------------------------------------


@dataclass
class AreaData:
    """The editable fields of an area; addresses are its 町丁目, one per entry."""

    name: str = ""
    reading: str = ""
    center: str = ""
    note: str = ""
    addresses: list[str] = field(default_factory=list)


def save_area(*, actor: Actor, municipality: Organisation, data: AreaData,
              area: Area | None = None) -> Area:
    """Create or change an area and replace its list of 町丁目."""
    require_editor(actor, municipality)
    require_own(municipality, area)
    name = data.name.strip()
    if not name:
        raise invalid("name", _("地区名を入力してください"))
    clash = Area.objects.filter(municipality=municipality, name=name)
    if area is not None:
        clash = clash.exclude(pk=area.pk)
    if clash.exists():
        raise InvalidInput(_("同じ名前の地区があります"), field_errors={"name": [_("重複")]})
    with transaction.atomic():
        area = area or Area(municipality=municipality,
                            position=Area.objects.filter(municipality=municipality).count())
        area.name, area.reading = name[:200], data.reading.strip()[:200]
        area.center, area.note = data.center.strip()[:200], data.note.strip()
        area.save()
        area.addresses.all().delete()
        for text in dict.fromkeys(t.strip() for t in data.addresses if t.strip()):
            AreaAddress.objects.create(area=area, text=text[:300])
        changed(actor=actor, municipality=municipality, action="gomi.area.save", target=area,
                details={"addresses": area.addresses.count()})
    return area


def delete_area(*, actor: Actor, area: Area) -> None:
    """Delete an area with its rules (subscribers of that area lose their reminders)."""
    delete_row(actor=actor, obj=area, action="gomi.area.delete", details={"name": area.name})


# --- categories -----------------------------------------------------------------------------


@dataclass
class CategoryData:
    """The editable fields of a category."""

    name: str = ""
    sublabel: str = ""
    colour: str = ""
    icon: str = ""
    description: str = ""
    how_to: str = ""
    holiday_policy: str = COLLECT


def _category_errors(municipality: Organisation, data: CategoryData,
                     category: Category | None) -> dict[str, list]:
    """Field errors of a category (empty when valid)."""
    errors: dict[str, list] = {}
    name = data.name.strip()
    if not name:
        errors["name"] = [_("分別区分の名前を入力してください")]
    elif (Category.objects.filter(municipality=municipality, name=name)
          .exclude(pk=getattr(category, "pk", None)).exists()):
        errors["name"] = [_("同じ名前の分別区分がすでにあります")]
    if data.colour and not COLOUR_RE.match(data.colour.strip()):
        errors["colour"] = [_("色は #rrggbb の形で入力してください（例: #d7003a）")]
    if data.holiday_policy not in HOLIDAY_POLICIES:
        errors["holiday_policy"] = [_("祝日の扱いを選んでください")]
    return errors


def save_category(*, actor: Actor, municipality: Organisation, data: CategoryData,
                  category: Category | None = None) -> Category:
    """Create or change a category (name, colour, icon, texts, holiday policy)."""
    require_editor(actor, municipality)
    require_own(municipality, category)
    errors = _category_errors(municipality, data, category)
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], field_errors=errors)
    created = category is None
    with transaction.atomic():
        if created:
            last = (Category.objects.filter(municipality=municipality)
                    .order_by("-position").first())
            category = Category(municipality=municipality,
                                position=(last.position + 1) if last else 0)
        wanted = {"name": data.name.strip(), "colour": data.colour.strip().lower(),
                  "holiday_policy": data.holiday_policy}
        diff = [] if created else [k for k, v in wanted.items() if getattr(category, k) != v]
        category.name, category.colour = wanted["name"], wanted["colour"]
        category.sublabel, category.icon = data.sublabel.strip(), data.icon.strip()
        category.description, category.how_to = data.description.strip(), data.how_to.strip()
        category.holiday_policy = data.holiday_policy
        category.save()
        changed(actor=actor, municipality=municipality,
                action="gomi.category.create" if created else "gomi.category.update",
                target=category,
                details={"holiday_policy": category.holiday_policy, "changed": diff})
    return category


def delete_category(*, actor: Actor, category: Category) -> None:
    """Delete a category with its rules; items keep their text but lose the link."""
    delete_row(actor=actor, obj=category, action="gomi.category.delete",
               details={"name": category.name})


def check_holiday_policy(policy: str) -> None:
    """Refuse an unknown holiday policy (shared with the draft services)."""
    if policy not in HOLIDAY_POLICIES:
        raise invalid("holiday_policy", _("祝日の扱いを選んでください"))


def check_closure_policy(policy: str) -> None:
    """Refuse an unknown closure policy (shared with the draft services)."""
    if policy not in CLOSURE_POLICIES:
        raise invalid("policy", _("休止期間の扱いを選んでください"))


def set_holiday_policy(*, actor: Actor, category: Category, policy: str) -> Category:
    """Choose what a category does on public holidays (collect / skip / move)."""
    require_editor(actor, category.municipality)
    check_holiday_policy(policy)
    with transaction.atomic():
        category.holiday_policy = policy
        category.save(update_fields=["holiday_policy", "modified"])
        changed(actor=actor, municipality=category.municipality,
                action="gomi.category.holiday_policy", target=category,
                details={"policy": policy})
    return category


def set_closure_policy(*, actor: Actor, municipality: Organisation, policy: str) -> GomiSettings:
    """Choose how closures act on collections (skip / shift_week / none)."""
    require_editor(actor, municipality)
    check_closure_policy(policy)
    with transaction.atomic():
        settings, _created = GomiSettings.objects.get_or_create(municipality=municipality)
        before = settings.closure_policy
        settings.closure_policy = policy
        settings.save()
        changed(actor=actor, municipality=municipality, action="gomi.closure_policy",
                target=settings, details={"policy": policy, "before": before})
    return settings


# --- rules ----------------------------------------------------------------------------------


@dataclass
class RuleData:
    """A rule as typed: weekdays 0–6 (Monday=0), nth (weekday, n), anchors, months, dates.

    remarks (5374 remark numbers) stay as they are when None; give a list to change them.
    """

    weekdays: list[int] = field(default_factory=list)
    nth: list[tuple[int, int]] = field(default_factory=list)
    biweekly: list[date] = field(default_factory=list)
    months: list[int] = field(default_factory=list)
    dates: list[date] = field(default_factory=list)
    remarks: list[int] | None = None


def check_rule(data: RuleData) -> None:
    """Refuse weekdays, n-th weeks and months out of range, on the field at fault."""
    if any(not 0 <= d <= 6 for d in data.weekdays):
        raise invalid("weekdays", _("曜日の指定が正しくありません"))
    if any(not (0 <= wd <= 6 and 1 <= n <= 5) for wd, n in data.nth):
        raise invalid("nth", _("第n曜日は第1〜第5で指定してください"))
    if any(not 1 <= m <= 12 for m in data.months):
        raise invalid("months", _("月は1〜12で指定してください"))


def rule_fields(data: RuleData) -> dict[str, list]:
    """The schedule fields of a Rule row as stored (sorted, no duplicates, ISO dates).

    The draft services store the same shape, so a staged rule compares equal to a live one.
    """
    return {
        "weekdays": sorted({int(d) for d in data.weekdays}),
        "nth": [list(x) for x in sorted({(int(wd), int(n)) for wd, n in data.nth})],
        "biweekly": sorted({d.isoformat() for d in data.biweekly}),
        "months": sorted({int(m) for m in data.months}),
        "dates": sorted({d.isoformat() for d in data.dates}),
    }


def save_rule(*, actor: Actor, area: Area, category: Category, data: RuleData,
              municipality: Organisation | None = None) -> Rule:
    """Set when a category is collected in an area (an empty rule means never).

    ``municipality`` (optional) is the one the caller acts for: the area must be its own.
    """
    municipality = municipality or area.municipality
    require_editor(actor, municipality)
    require_own(municipality, area, category)
    check_rule(data)
    with transaction.atomic():
        rule, _created = Rule.objects.get_or_create(area=area, category=category)
        for name, value in rule_fields(data).items():
            setattr(rule, name, value)
        if data.remarks is not None:
            rule.remarks = sorted(set(data.remarks))
        rule.source_text = ""  # the imported 5374 cell no longer describes the rule
        rule.save()
        changed(actor=actor, municipality=municipality, action="gomi.rule.save",
                target=rule, details={"area": area.pk, "category": category.pk})
    return rule


# --- closures -------------------------------------------------------------------------------


@dataclass
class ClosureData:
    """A closure period (年末年始など); an empty centre means every area."""

    start: date
    end: date
    center: str = ""
    note: str = ""


def check_closure(data: ClosureData) -> None:
    """Refuse a closure that ends before it starts (shared with the draft services)."""
    if data.end < data.start:
        raise invalid("end", _("休止終了日は開始日以降にしてください"))


def add_closure(*, actor: Actor, municipality: Organisation, data: ClosureData) -> Closure:
    """Add a closure period (年末年始) for every area or one centre's areas."""
    require_editor(actor, municipality)
    check_closure(data)
    with transaction.atomic():
        closure = Closure.objects.create(
            municipality=municipality, start=data.start, end=data.end,
            center=data.center.strip()[:200], note=data.note.strip()[:300])
        changed(actor=actor, municipality=municipality, action="gomi.closure.add",
                target=closure,
                details={"start": data.start.isoformat(), "end": data.end.isoformat()})
    return closure


def delete_closure(*, actor: Actor, closure: Closure) -> None:
    """Remove a closure period."""
    delete_row(actor=actor, obj=closure, action="gomi.closure.delete",
               details={"start": closure.start.isoformat()})
