"""Staff edits of the sorting dictionary and of translations (area, category, item, notice)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.actor import Actor
from core.errors import InvalidInput
from core.models import Organisation
from gomi.models import (
    TRANSLATED_LANGUAGES,
    Area,
    Category,
    Item,
    ScheduleException,
    Translation,
)
from gomi.search import item_reading
from gomi.services.common import changed, delete_row, invalid, require_editor, require_own

#: Which texts of which target can be translated.
TRANSLATABLE_FIELDS: dict[type, tuple[str, ...]] = {
    Area: ("name",),
    Category: ("name", "description", "how_to"),
    Item: ("name", "notes"),
    ScheduleException: ("notice",),
}
_TARGET_FIELD = {Area: "area", Category: "category", Item: "item", ScheduleException: "exception"}


@dataclass
class ItemData:
    """The editable fields of a dictionary item; fee fields and remarks None = unchanged."""

    name: str = ""
    reading: str = ""  # empty: derived from the name
    category: Category | None = None
    notes: str = ""
    fee_type: str | None = None
    fee: Decimal | None = None
    fee_notes: str | None = None
    remarks: str | None = None


def save_item(*, actor: Actor, municipality: Organisation, data: ItemData,
              item: Item | None = None) -> Item:
    """Create or change a dictionary item (name, reading, category, notes, fee)."""
    require_editor(actor, municipality)
    require_own(municipality, item, data.category)
    name = data.name.strip()
    if not name:
        raise invalid("name", _("品目名を入力してください"))
    created = item is None
    with transaction.atomic():
        if created:
            last = Item.objects.filter(municipality=municipality).order_by("-position").first()
            item = Item(municipality=municipality, position=(last.position + 1) if last else 0)
        item.name = name[:300]
        item.reading = data.reading.strip()[:300] or item_reading(name=item.name)[:300]
        item.initial = item.reading[:1] or item.initial
        item.category = data.category
        item.category_text = data.category.name[:200] if data.category else ""
        item.notes = data.notes.strip()
        if data.fee_type is not None:
            item.fee_type = data.fee_type.strip()[:100]
        if data.fee_notes is not None:
            item.fee_notes = data.fee_notes.strip()
        if data.remarks is not None:
            item.remarks = data.remarks.strip()
        if data.fee is not None or data.fee_type is not None:
            item.fee = data.fee
        item.save()
        changed(actor=actor, municipality=municipality,
                action="gomi.item.create" if created else "gomi.item.update", target=item,
                details={"category": getattr(data.category, "pk", None)})
    return item


def delete_item(*, actor: Actor, item: Item) -> None:
    """Remove an item from the dictionary."""
    delete_row(actor=actor, obj=item, action="gomi.item.delete", details={"name": item.name})


@dataclass
class TranslationText:
    """One translated text of a target in one language, with the reviewer's flag."""

    lang: str
    field: str
    text: str = ""
    reviewed: bool = False


def save_translations(*, actor: Actor, target, texts: list[TranslationText],
                      municipality: Organisation | None = None) -> int:
    """Set the translations of an area, category, item or notice; an empty text removes one.

    ``municipality`` (optional) is the one the caller acts for: the target must be its own.
    Returns how many texts changed.
    """
    municipality = municipality or target.municipality
    require_editor(actor, municipality)
    require_own(municipality, target)
    allowed = TRANSLATABLE_FIELDS.get(type(target))
    if allowed is None:
        raise InvalidInput(_("翻訳できない対象です"))
    if any(t.lang not in TRANSLATED_LANGUAGES or t.field not in allowed for t in texts):
        raise InvalidInput(_("言語または項目の指定が正しくありません"))
    link = {_TARGET_FIELD[type(target)]: target}
    count = 0
    with transaction.atomic():
        for entry in texts:
            text = entry.text.strip()
            row = Translation.objects.filter(**link, field=entry.field, lang=entry.lang).first()
            if not text:
                if row is not None:
                    row.delete()
                    count += 1
                continue
            if row is not None and row.text == text and row.reviewed == entry.reviewed:
                continue
            row = row or Translation(**link, field=entry.field, lang=entry.lang)
            row.text, row.reviewed = text, entry.reviewed
            row.save()
            count += 1
        changed(actor=actor, municipality=municipality, action="gomi.translations.update",
                target=target,
                details={"changed": count,
                         "languages": sorted({t.lang for t in texts if t.text.strip()})})
    return count
