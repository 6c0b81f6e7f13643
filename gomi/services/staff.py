"""Staff edits of a municipality's schedule and dictionary, and the one-step emergency notice.

Areas, rules, closures and notices go through the core services (gomi.services.edits); this
module adds what the staff screens need beyond them (categories, the dictionary, translations,
deletions, several areas × categories in one notice, the notice mailing). Every function
checks the actor's role, writes in one transaction, audits and queues the open-data update.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.actor import Actor
from core.errors import InvalidInput, NotFound
from core.models import Organisation, Role
from core.permissions import require_role
from core.services import audit
from gomi.engine import schedule
from gomi.models import (
    LANGUAGES,
    Area,
    Category,
    Closure,
    Item,
    Rule,
    ScheduleException,
    Translation,
)
from gomi.services import edits

log = logging.getLogger(__name__)

COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
#: Languages staff translate into (Japanese is the source text on each row).
TRANSLATED_LANGUAGES: tuple[str, ...] = tuple(code for code in LANGUAGES if code != "ja")
#: Which texts of which target can be translated.
TRANSLATABLE_FIELDS: dict[type, tuple[str, ...]] = {
    Area: ("name",),
    Category: ("name", "description", "how_to"),
    Item: ("name", "notes"),
    ScheduleException: ("notice",),
}
_TARGET_FIELD = {Area: "area", Category: "category", Item: "item", ScheduleException: "exception"}


@dataclass
class AreaData:
    """The editable fields of an area; addresses are the 町丁目 it covers, one per entry."""

    name: str = ""
    reading: str = ""
    center: str = ""
    note: str = ""
    addresses: list[str] = field(default_factory=list)


@dataclass
class CategoryData:
    """The editable fields of a category."""

    name: str = ""
    sublabel: str = ""
    colour: str = ""
    icon: str = ""
    description: str = ""
    how_to: str = ""
    holiday_policy: str = schedule.COLLECT


@dataclass
class RuleData:
    """When one category is collected in one area (weekday numbers: Monday=0)."""

    weekdays: list[int] = field(default_factory=list)
    nth: list[tuple[int, int]] = field(default_factory=list)  # (weekday, n)
    biweekly: list[date] = field(default_factory=list)  # anchor dates
    months: list[int] = field(default_factory=list)
    dates: list[date] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when the rule collects nothing (saving it removes the rule)."""
        return not (self.weekdays or self.nth or self.biweekly or self.dates)


@dataclass
class ClosureData:
    """A closure period (inclusive); center "" closes every area."""

    start: date
    end: date
    center: str = ""
    note: str = ""


@dataclass
class ItemData:
    """The editable fields of a dictionary item."""

    name: str = ""
    reading: str = ""
    category: Category | None = None
    notes: str = ""


@dataclass
class TranslationText:
    """One translated text of a target in one language, with the reviewer's flag."""

    lang: str
    field: str
    text: str = ""
    reviewed: bool = False


@dataclass
class NoticeData:
    """An emergency notice: which areas and categories (empty = all), which day, what happens."""

    date: date
    kind: str = ScheduleException.Kind.CANCEL
    new_date: date | None = None
    notice: str = ""
    areas: list[Area] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    translations: dict[str, str] = field(default_factory=dict)  # lang → notice text


# --- follow-up work -------------------------------------------------------------------------


def _optional(module: str, name: str):
    """A function another gomi module provides, or None while it does not exist yet."""
    try:
        return getattr(import_module(module), name, None)
    except ImportError:
        return None


def republish(*, actor: Actor, municipality: Organisation) -> bool:
    """Refresh the municipality's open datasets now; False when publication is unavailable."""
    publish = _optional("gomi.catalog_publish", "publish_after_change")
    if publish is None:
        log.warning("gomi.catalog_publish.publish_after_change is missing: not republished")
        return False
    try:
        publish(actor=actor, municipality=municipality)
    except Exception:  # a failed refresh must not undo the committed edit
        log.exception("republishing the gomi datasets of %s failed", municipality.pk)
        return False
    return True


def _after_commit(*, actor: Actor, municipality: Organisation) -> None:
    """Queue the open-data update (the job runs once committed); publish directly without it."""
    request = _optional("gomi.catalog_publish", "request_publication")
    if request is not None:
        request(actor=actor, municipality=municipality)
        return
    transaction.on_commit(lambda: republish(actor=actor, municipality=municipality))


def notify_subscribers(exceptions: list[ScheduleException]) -> bool:
    """Send a notice to the affected e-mail subscribers; False when mailing is unavailable."""
    send = _optional("gomi.services.reminders", "send_notice")
    if send is None:
        log.warning("gomi.services.reminders.send_notice is missing: notice not mailed")
        return False
    try:
        for exception in exceptions:
            send(exception=exception)
    except Exception:  # mail trouble must not undo the notice: the pages still show it
        log.exception("mailing the gomi notice failed")
        return False
    return True


# --- helpers --------------------------------------------------------------------------------


def _require_editor(actor: Actor, municipality: Organisation) -> None:
    """Only editors and admins of the municipality (or site admins) change its gomi data."""
    require_role(actor, municipality, Role.EDITOR)


def _own(obj, municipality: Organisation) -> None:
    """Refuse an object of another municipality as if it did not exist."""
    if getattr(obj, "municipality_id", None) != municipality.pk:
        raise NotFound(_("対象が見つかりません"))


def _audit(*, actor: Actor, action: str, target, municipality: Organisation,
           details: dict | None = None) -> None:
    """One audit entry for a gomi staff change."""
    audit.record(actor=actor, action=action, target=target, organisation=municipality,
                 details=details or {})


def _invalid(field_name: str, message) -> InvalidInput:
    """An InvalidInput naming the field at fault."""
    return InvalidInput(message, field_errors={field_name: [message]})


def _delete(*, actor: Actor, obj, action: str, details: dict) -> None:
    """Delete one row of a municipality, audited, and republish once committed."""
    municipality = obj.municipality
    _require_editor(actor, municipality)
    with transaction.atomic():
        _audit(actor=actor, action=action, target=obj, municipality=municipality,
               details=details)
        obj.delete()
        _after_commit(actor=actor, municipality=municipality)


# --- areas ----------------------------------------------------------------------------------


def save_area(*, actor: Actor, municipality: Organisation, data: AreaData,
              area: Area | None = None) -> Area:
    """Create or change an area and its 町丁目 (core edits.save_area, after the owner check)."""
    _require_editor(actor, municipality)
    if area is not None:
        _own(area, municipality)
    if not data.name.strip():
        raise _invalid("name", _("地区名を入力してください"))
    return edits.save_area(actor=actor, municipality=municipality, area=area,
                           data=edits.AreaData(**vars(data)))


def delete_area(*, actor: Actor, area: Area) -> None:
    """Delete an area with its rules (subscribers of that area lose their reminders)."""
    _delete(actor=actor, obj=area, action="gomi.area.delete", details={"name": area.name})


# --- categories -----------------------------------------------------------------------------


def save_category(*, actor: Actor, municipality: Organisation, data: CategoryData,
                  category: Category | None = None) -> Category:
    """Create or change a category (name, colour, icon, texts, holiday policy)."""
    _require_editor(actor, municipality)
    if category is not None:
        _own(category, municipality)
    name = data.name.strip()
    errors: dict[str, list] = {}
    if not name:
        errors["name"] = [_("分別区分の名前を入力してください")]
    elif (Category.objects.filter(municipality=municipality, name=name)
          .exclude(pk=getattr(category, "pk", None)).exists()):
        errors["name"] = [_("同じ名前の分別区分がすでにあります")]
    if data.colour and not COLOUR_RE.match(data.colour.strip()):
        errors["colour"] = [_("色は #rrggbb の形で入力してください（例: #d7003a）")]
    if data.holiday_policy not in schedule.HOLIDAY_POLICIES:
        errors["holiday_policy"] = [_("祝日の扱いを選んでください")]
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], field_errors=errors)
    created = category is None
    with transaction.atomic():
        if created:
            last = (Category.objects.filter(municipality=municipality)
                    .order_by("-position").first())
            category = Category(municipality=municipality,
                                position=(last.position + 1) if last else 0)
        wanted = {"name": name, "colour": data.colour.strip().lower(),
                  "holiday_policy": data.holiday_policy}
        changed = [] if created else [k for k, v in wanted.items() if getattr(category, k) != v]
        category.name, category.sublabel = name, data.sublabel.strip()
        category.colour, category.icon = data.colour.strip().lower(), data.icon.strip()
        category.description, category.how_to = data.description.strip(), data.how_to.strip()
        category.holiday_policy = data.holiday_policy
        category.save()
        _audit(actor=actor,
               action="gomi.category.create" if created else "gomi.category.update",
               target=category, municipality=municipality,
               details={"holiday_policy": category.holiday_policy, "changed": changed})
        _after_commit(actor=actor, municipality=municipality)
    return category


def delete_category(*, actor: Actor, category: Category) -> None:
    """Delete a category with its rules; items keep their text but lose the link."""
    _delete(actor=actor, obj=category, action="gomi.category.delete",
            details={"name": category.name})


# --- rules and closures ---------------------------------------------------------------------


def _check_rule(data: RuleData) -> None:
    """Refuse weekdays, n-th weeks and months out of range."""
    if any(not 0 <= d <= 6 for d in data.weekdays):
        raise _invalid("weekdays", _("曜日の指定が正しくありません"))
    if any(not (0 <= wd <= 6 and 1 <= n <= 5) for wd, n in data.nth):
        raise _invalid("nth", _("第n曜日は第1〜第5で指定してください"))
    if any(not 1 <= m <= 12 for m in data.months):
        raise _invalid("months", _("月は1〜12で指定してください"))


def save_rule(*, actor: Actor, area: Area, category: Category, data: RuleData) -> Rule:
    """Set when a category is collected in an area (core edits.save_rule; remarks are kept)."""
    _require_editor(actor, area.municipality)
    _own(category, area.municipality)
    _check_rule(data)
    current = Rule.objects.filter(area=area, category=category).first()
    return edits.save_rule(actor=actor, area=area, category=category, data=edits.RuleData(
        **vars(data), remarks=list(current.remarks) if current else []))


def add_closure(*, actor: Actor, municipality: Organisation, data: ClosureData) -> Closure:
    """Add a closure period (年末年始など) for every area or one centre (core edits)."""
    _require_editor(actor, municipality)
    if data.end < data.start:
        raise _invalid("end", _("休止終了日は開始日以降にしてください"))
    return edits.add_closure(actor=actor, municipality=municipality, start=data.start,
                             end=data.end, center=data.center, note=data.note)


def delete_closure(*, actor: Actor, closure: Closure) -> None:
    """Remove a closure period (core edits)."""
    edits.delete_closure(actor=actor, closure=closure)


def save_item(*, actor: Actor, municipality: Organisation, data: ItemData,
              item: Item | None = None) -> Item:
    """Create or change a dictionary item (name, reading, category, notes)."""
    _require_editor(actor, municipality)
    if item is not None:
        _own(item, municipality)
    if data.category is not None:
        _own(data.category, municipality)
    name = data.name.strip()
    if not name:
        raise _invalid("name", _("品目名を入力してください"))
    created = item is None
    with transaction.atomic():
        if created:
            last = Item.objects.filter(municipality=municipality).order_by("-position").first()
            item = Item(municipality=municipality, position=(last.position + 1) if last else 0)
        item.name, item.reading = name[:300], data.reading.strip()[:300]
        item.category = data.category
        item.category_text = data.category.name[:200] if data.category else ""
        item.notes = data.notes.strip()
        item.save()
        _audit(actor=actor, action="gomi.item.create" if created else "gomi.item.update",
               target=item, municipality=municipality,
               details={"category": getattr(data.category, "pk", None)})
        _after_commit(actor=actor, municipality=municipality)
    return item


def delete_item(*, actor: Actor, item: Item) -> None:
    """Remove an item from the dictionary."""
    _delete(actor=actor, obj=item, action="gomi.item.delete", details={"name": item.name})


def save_translations(*, actor: Actor, target, texts: list[TranslationText]) -> int:
    """Set the translations of an area, category, item or notice; an empty text removes one."""
    municipality = target.municipality
    _require_editor(actor, municipality)
    allowed = TRANSLATABLE_FIELDS.get(type(target))
    if allowed is None:
        raise InvalidInput(_("翻訳できない対象です"))
    link = {_TARGET_FIELD[type(target)]: target}
    changed = 0
    with transaction.atomic():
        for entry in texts:
            if entry.lang not in TRANSLATED_LANGUAGES or entry.field not in allowed:
                raise InvalidInput(_("言語または項目の指定が正しくありません"))
            text = entry.text.strip()
            row = Translation.objects.filter(**link, field=entry.field, lang=entry.lang).first()
            if not text:
                if row is not None:
                    row.delete()
                    changed += 1
                continue
            if row is not None and row.text == text and row.reviewed == entry.reviewed:
                continue
            row = row or Translation(**link, field=entry.field, lang=entry.lang)
            row.text, row.reviewed = text, entry.reviewed
            row.save()
            changed += 1
        _audit(actor=actor, action="gomi.translations.update", target=target,
               municipality=municipality,
               details={"changed": changed,
                        "languages": sorted({t.lang for t in texts if t.text.strip()})})
        _after_commit(actor=actor, municipality=municipality)
    return changed


# --- emergency notice -----------------------------------------------------------------------


def _check_notice(municipality: Organisation, data: NoticeData) -> None:
    """Refuse a notice without text, a move without a new day, or foreign areas/categories."""
    errors: dict[str, list] = {}
    if data.kind not in ScheduleException.Kind.values:
        errors["kind"] = [_("中止か振替かを選んでください")]
    if data.kind == ScheduleException.Kind.MOVE:
        if data.new_date is None:
            errors["new_date"] = [_("振替先の日を入力してください")]
        elif data.new_date == data.date:
            errors["new_date"] = [_("振替先の日は対象の収集日と違う日にしてください")]
    if not data.notice.strip():
        errors["notice"] = [_("お知らせの文（日本語）を入力してください")]
    if any(lang not in TRANSLATED_LANGUAGES for lang in data.translations):
        errors["translations"] = [_("言語の指定が正しくありません")]
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], field_errors=errors)
    for obj in [*data.areas, *data.categories]:
        _own(obj, municipality)


def announce_notice(*, actor: Actor, municipality: Organisation,
                    data: NoticeData) -> list[ScheduleException]:
    """Cancel or move collections with a notice for residents, feeds, mail and open data.

    One core ``announce`` per chosen area × category (None standing for all), in one
    transaction; the affected subscribers are mailed once it is committed.
    """
    _require_editor(actor, municipality)
    _check_notice(municipality, data)
    is_move = data.kind == ScheduleException.Kind.MOVE
    texts = {k: v.strip() for k, v in data.translations.items() if v and v.strip()}
    with transaction.atomic():
        created = [edits.announce(actor=actor, municipality=municipality, day=data.date,
                                  notice=data.notice, new_date=data.new_date if is_move else None,
                                  area=area, category=category, notice_en=texts.get("en", ""),
                                  translations=texts)
                   for area in data.areas or [None] for category in data.categories or [None]]
        transaction.on_commit(lambda: notify_subscribers(created))
    return created


def withdraw_notice(*, actor: Actor, exception: ScheduleException) -> None:
    """Withdraw a notice: the collection goes back to its usual day (core edits.withdraw)."""
    edits.withdraw(actor=actor, exception=exception)
