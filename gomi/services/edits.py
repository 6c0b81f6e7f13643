"""Staff edits of the schedule: areas, categories, rules, closures and notices (announce).

Every service checks the editor role, writes in a transaction, records the audit log and
queues the open-data update (gomi.catalog_publish.request_publication).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.actor import Actor
from core.errors import InvalidInput, NotFound
from core.models import Organisation, Role
from core.permissions import require_role
from core.services import audit
from gomi.engine.schedule import CLOSURE_POLICIES, HOLIDAY_POLICIES
from gomi.models import (
    LANGUAGES,
    Area,
    AreaAddress,
    Category,
    Closure,
    GomiSettings,
    Rule,
    ScheduleException,
    Translation,
)


def _changed(*, actor: Actor, municipality: Organisation, action: str, target,
             details: dict) -> None:
    """Audit one change and queue the open-data update after commit."""
    from gomi.catalog_publish import request_publication

    audit.record(actor=actor, action=action, target=target, organisation=municipality,
                 details=details)
    request_publication(actor=actor, municipality=municipality)


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
    require_role(actor, municipality, Role.EDITOR)
    name = data.name.strip()
    if not name:
        raise InvalidInput(_("地区名を入力してください"), field_errors={"name": [_("必須です")]})
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
        _changed(actor=actor, municipality=municipality, action="gomi.area.save", target=area,
                 details={"addresses": area.addresses.count()})
    return area


def set_holiday_policy(*, actor: Actor, category: Category, policy: str) -> Category:
    """Choose what a category does on public holidays (collect / skip / move)."""
    require_role(actor, category.municipality, Role.EDITOR)
    if policy not in HOLIDAY_POLICIES:
        raise InvalidInput(_("祝日の扱いを選んでください"))
    with transaction.atomic():
        category.holiday_policy = policy
        category.save(update_fields=["holiday_policy", "modified"])
        _changed(actor=actor, municipality=category.municipality,
                 action="gomi.category.holiday_policy", target=category,
                 details={"policy": policy})
    return category


def set_closure_policy(*, actor: Actor, municipality: Organisation, policy: str) -> GomiSettings:
    """Choose how closures act on collections (skip / shift_week / none)."""
    require_role(actor, municipality, Role.EDITOR)
    if policy not in CLOSURE_POLICIES:
        raise InvalidInput(_("休止期間の扱いを選んでください"))
    with transaction.atomic():
        settings, _created = GomiSettings.objects.get_or_create(municipality=municipality)
        settings.closure_policy = policy
        settings.save()
        _changed(actor=actor, municipality=municipality, action="gomi.closure_policy",
                 target=settings, details={"policy": policy})
    return settings


@dataclass
class RuleData:
    """A rule as typed: weekdays 0–6 (Monday=0), nth (weekday, n), anchors, months, dates."""

    weekdays: list[int] = field(default_factory=list)
    nth: list[tuple[int, int]] = field(default_factory=list)
    biweekly: list[date] = field(default_factory=list)
    months: list[int] = field(default_factory=list)
    dates: list[date] = field(default_factory=list)
    remarks: list[int] = field(default_factory=list)


def _check_rule(data: RuleData) -> dict[str, list]:
    """Field errors of a rule (empty when valid)."""
    errors: dict[str, list] = {}
    if any(not 0 <= d <= 6 for d in data.weekdays):
        errors["weekdays"] = [_("曜日が正しくありません")]
    if any(not (0 <= wd <= 6 and 1 <= n <= 5) for wd, n in data.nth):
        errors["nth"] = [_("第n曜日は第1〜第5で指定してください")]
    if any(not 1 <= m <= 12 for m in data.months):
        errors["months"] = [_("月は1〜12で指定してください")]
    return errors


def save_rule(*, actor: Actor, area: Area, category: Category, data: RuleData) -> Rule:
    """Set when a category is collected in an area (an empty rule means never)."""
    require_role(actor, area.municipality, Role.EDITOR)
    if category.municipality_id != area.municipality_id:
        raise NotFound(_("分別区分が見つかりません"))
    errors = _check_rule(data)
    if errors:
        raise InvalidInput(_("入力内容を確認してください"), field_errors=errors)
    with transaction.atomic():
        rule, _created = Rule.objects.get_or_create(area=area, category=category)
        rule.weekdays = sorted(set(data.weekdays))
        rule.nth = [list(x) for x in sorted(set(map(tuple, data.nth)))]
        rule.biweekly = sorted({d.isoformat() for d in data.biweekly})
        rule.months = sorted(set(data.months))
        rule.dates = sorted({d.isoformat() for d in data.dates})
        rule.remarks = sorted(set(data.remarks))
        rule.source_text = ""
        rule.save()
        _changed(actor=actor, municipality=area.municipality, action="gomi.rule.save",
                 target=rule, details={"area": area.pk, "category": category.pk})
    return rule


def add_closure(*, actor: Actor, municipality: Organisation, start: date, end: date,
                center: str = "", note: str = "") -> Closure:
    """Add a closure period (年末年始) for every area or one centre's areas."""
    require_role(actor, municipality, Role.EDITOR)
    if end < start:
        raise InvalidInput(_("終了日は開始日より後にしてください"))
    with transaction.atomic():
        closure = Closure.objects.create(municipality=municipality, start=start, end=end,
                                         center=center.strip()[:200], note=note.strip()[:300])
        _changed(actor=actor, municipality=municipality, action="gomi.closure.add",
                 target=closure, details={"start": start.isoformat(), "end": end.isoformat()})
    return closure


def delete_closure(*, actor: Actor, closure: Closure) -> None:
    """Remove a closure period."""
    require_role(actor, closure.municipality, Role.EDITOR)
    with transaction.atomic():
        _changed(actor=actor, municipality=closure.municipality, action="gomi.closure.delete",
                 target=closure, details={"start": closure.start.isoformat()})
        closure.delete()


def announce(*, actor: Actor, municipality: Organisation, day: date, notice: str,
             new_date: date | None = None, area: Area | None = None,
             category: Category | None = None, notice_en: str = "",
             translations: dict[str, str] | None = None,
             emergency: bool = True) -> ScheduleException:
    """Cancel (new_date None) or move the collections of a day, with a notice, in one step.

    Pages, iCalendar feeds, e-mail reminders and the open dataset all read the resulting
    ScheduleException; e-mail senders pick up rows whose ``notified_at`` is empty.
    """
    require_role(actor, municipality, Role.EDITOR)
    if (area and area.municipality_id != municipality.pk) or (
            category and category.municipality_id != municipality.pk):
        raise NotFound(_("地区または分別区分が見つかりません"))
    if not notice.strip():
        raise InvalidInput(_("お知らせの文章を入力してください"),
                           field_errors={"notice": [_("必須です")]})
    if new_date is not None and new_date == day:
        raise InvalidInput(_("振替先は別の日にしてください"))
    unknown = set(translations or {}) - set(LANGUAGES)
    if unknown:
        raise InvalidInput(_("対応していない言語です"))
    kind = ScheduleException.Kind.MOVE if new_date else ScheduleException.Kind.CANCEL
    with transaction.atomic():
        exception = ScheduleException.objects.create(
            municipality=municipality, area=area, category=category, date=day, kind=kind,
            new_date=new_date, notice=notice.strip(), notice_en=notice_en.strip(),
            emergency=emergency, created_by=actor.label[:150])
        for lang, text in (translations or {}).items():
            if text.strip():
                Translation.objects.create(exception=exception, field=Translation.Field.NOTICE,
                                           lang=lang, text=text.strip(), reviewed=True)
        _changed(actor=actor, municipality=municipality, action="gomi.announce",
                 target=exception,
                 details={"kind": kind, "date": day.isoformat(),
                          "new_date": new_date.isoformat() if new_date else None,
                          "area": area.pk if area else None,
                          "category": category.pk if category else None})
    return exception


def withdraw(*, actor: Actor, exception: ScheduleException) -> None:
    """Withdraw a cancellation or move (the usual schedule applies again)."""
    require_role(actor, exception.municipality, Role.EDITOR)
    with transaction.atomic():
        _changed(actor=actor, municipality=exception.municipality, action="gomi.withdraw",
                 target=exception, details={"date": exception.date.isoformat()})
        exception.delete()
