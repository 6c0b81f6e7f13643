"""Cancellations and moves of collections with a notice (台風で中止), and their withdrawal.

``announce`` is the one core service: whoever calls it (the staff screen, the API, a script)
gets the same checks, audit entry, open-data update and, once the transaction is committed,
one mailing to the affected e-mail subscribers. Pages, iCalendar feeds, reminders and the
open dataset all read the resulting ScheduleException.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.actor import Actor
from core.errors import InvalidInput
from core.models import Organisation
from gomi.models import TRANSLATED_LANGUAGES, Area, Category, ScheduleException, Translation
from gomi.services.common import changed, require_editor, require_own

log = logging.getLogger(__name__)


def mail_notice(exception_id: int) -> int:
    """Mail a committed notice to the subscribers it concerns; return the mails sent."""
    return mail_notices([exception_id])


def mail_notices(exception_ids: list[int]) -> int:
    """Mail notices made in one staff action: one mail per subscriber; return mails sent.

    Runs after commit. A failure is logged, never raised: the notices are already on the
    pages and in the feeds, and mail trouble must not turn the staff member's action into an
    error.
    """
    from gomi.services.reminders import send_notices  # reminders imports the models only

    # Notices withdrawn before the mailing ran are simply not found.
    exceptions = list(ScheduleException.objects.filter(pk__in=exception_ids)
                      .order_by("date", "id"))
    if not exceptions:
        return 0
    try:
        return send_notices(exceptions=exceptions)
    except Exception:
        log.exception("mailing the gomi notices %s failed", exception_ids)
        return 0


def _notice_errors(*, day: date, notice: str, new_date: date | None,
                   translations: dict[str, str]) -> dict[str, list]:
    """Field errors of a notice (empty when valid)."""
    errors: dict[str, list] = {}
    if not notice.strip():
        errors["notice"] = [_("お知らせの文（日本語）を入力してください")]
    if new_date is not None and new_date == day:
        errors["new_date"] = [_("振替先の日は対象の収集日と違う日にしてください")]
    if any(lang not in TRANSLATED_LANGUAGES for lang in translations):
        errors["translations"] = [_("言語の指定が正しくありません")]
    return errors


def announce(*, actor: Actor, municipality: Organisation, day: date, notice: str,
             new_date: date | None = None, area: Area | None = None,
             category: Category | None = None, notice_en: str = "",
             translations: dict[str, str] | None = None,
             emergency: bool = True, mail: bool = True) -> ScheduleException:
    """Cancel (new_date None) or move the collections of a day, with a notice, in one step.

    Area and category None stand for all. The affected subscribers are mailed once the
    transaction commits (exactly once: reminders.send_notices claims ``notified_at``);
    ``mail=False`` when the caller mails several notices together (``announce_notice``).
    """
    require_editor(actor, municipality)
    require_own(municipality, area, category)
    texts = {k: v.strip() for k, v in (translations or {}).items() if v and v.strip()}
    errors = _notice_errors(day=day, notice=notice, new_date=new_date, translations=texts)
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], field_errors=errors)
    kind = ScheduleException.Kind.MOVE if new_date else ScheduleException.Kind.CANCEL
    with transaction.atomic():
        exception = ScheduleException.objects.create(
            municipality=municipality, area=area, category=category, date=day, kind=kind,
            new_date=new_date, notice=notice.strip(),
            notice_en=(notice_en or texts.get("en", "")).strip(),
            emergency=emergency, created_by=actor.label[:150])
        for lang, text in texts.items():
            Translation.objects.create(exception=exception, field=Translation.Field.NOTICE,
                                       lang=lang, text=text, reviewed=True)
        changed(actor=actor, municipality=municipality, action="gomi.announce",
                target=exception,
                details={"kind": kind, "date": day.isoformat(),
                         "new_date": new_date.isoformat() if new_date else None,
                         "area": area.pk if area else None,
                         "category": category.pk if category else None})
        if mail:
            transaction.on_commit(lambda: mail_notice(exception.pk))
    return exception


@dataclass
class NoticeData:
    """A notice for several areas × categories (empty = all), one day, cancel or move."""

    date: date
    kind: str = ScheduleException.Kind.CANCEL
    new_date: date | None = None
    notice: str = ""
    areas: list[Area] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    translations: dict[str, str] = field(default_factory=dict)  # lang → notice text


def announce_notice(*, actor: Actor, municipality: Organisation,
                    data: NoticeData) -> list[ScheduleException]:
    """One ``announce`` per chosen area × category, all or none (the staff notice form);
    a subscriber concerned by several of them gets one mail listing them all."""
    require_editor(actor, municipality)
    require_own(municipality, *data.areas, *data.categories)
    errors: dict[str, list] = {}
    if data.kind not in ScheduleException.Kind.values:
        errors["kind"] = [_("中止か振替かを選んでください")]
    elif data.kind == ScheduleException.Kind.MOVE and data.new_date is None:
        errors["new_date"] = [_("振替先の日を入力してください")]
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], field_errors=errors)
    is_move = data.kind == ScheduleException.Kind.MOVE
    with transaction.atomic():
        made = [announce(actor=actor, municipality=municipality, day=data.date,
                         notice=data.notice, new_date=data.new_date if is_move else None,
                         area=area, category=category, translations=data.translations,
                         mail=False)
                for area in data.areas or [None] for category in data.categories or [None]]
        ids = [e.pk for e in made]
        transaction.on_commit(lambda: mail_notices(ids))
    return made


def withdraw(*, actor: Actor, exception: ScheduleException) -> None:
    """Withdraw a cancellation or move (the usual schedule applies again)."""
    require_editor(actor, exception.municipality)
    with transaction.atomic():
        changed(actor=actor, municipality=exception.municipality, action="gomi.withdraw",
                target=exception, details={"date": exception.date.isoformat()})
        exception.delete()
