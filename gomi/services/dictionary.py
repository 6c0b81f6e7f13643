"""Staff edits of the sorting dictionary and of translations (item, category, area texts)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.actor import Actor
from core.errors import InvalidInput, NotFound
from core.models import Organisation, Role
from core.permissions import require_role
from core.services import audit
from gomi.models import LANGUAGES, Area, Category, Item, Language, Translation


def _queue(actor: Actor, municipality: Organisation) -> None:
    """Queue the open-data update after a dictionary change."""
    from gomi.catalog_publish import request_publication

    request_publication(actor=actor, municipality=municipality)


@dataclass
class ItemData:
    """The editable fields of a dictionary item."""

    name: str = ""
    reading: str = ""
    category: int | None = None  # Category id
    notes: str = ""
    fee_type: str = ""
    fee: Decimal | None = None
    fee_notes: str = ""
    remarks: str = ""


def save_item(*, actor: Actor, municipality: Organisation, data: ItemData,
              item: Item | None = None) -> Item:
    """Create or change a dictionary item."""
    require_role(actor, municipality, Role.EDITOR)
    if not data.name.strip():
        raise InvalidInput(_("品目名を入力してください"), field_errors={"name": [_("必須です")]})
    category = None
    if data.category is not None:
        category = Category.objects.filter(pk=data.category, municipality=municipality).first()
        if category is None:
            raise InvalidInput(_("分別区分を選んでください"),
                               field_errors={"category": [_("不明な分別区分です")]})
    with transaction.atomic():
        if item is None:
            item = Item(municipality=municipality,
                        position=Item.objects.filter(municipality=municipality).count())
        item.name, item.reading = data.name.strip()[:300], data.reading.strip()[:300]
        item.initial = item.reading[:1] or item.initial
        item.category = category
        item.category_text = category.name if category else ""
        item.notes, item.fee_type = data.notes.strip(), data.fee_type.strip()[:100]
        item.fee, item.fee_notes, item.remarks = data.fee, data.fee_notes.strip(), data.remarks
        item.save()
        audit.record(actor=actor, action="gomi.item.save", target=item,
                     organisation=municipality, details={"category": data.category})
        _queue(actor, municipality)
    return item


def delete_item(*, actor: Actor, item: Item) -> None:
    """Remove a dictionary item."""
    require_role(actor, item.municipality, Role.EDITOR)
    with transaction.atomic():
        audit.record(actor=actor, action="gomi.item.delete", target=item,
                     organisation=item.municipality, details={})
        item.delete()
        _queue(actor, item.municipality)


def set_translation(*, actor: Actor, target: Item | Category | Area, lang: str, text: str,
                    field: str = Translation.Field.NAME,
                    reviewed: bool = False) -> Translation | None:
    """Set (or, with empty text, remove) one text of an item, category or area in a language."""
    municipality = target.municipality
    require_role(actor, municipality, Role.EDITOR)
    if lang not in LANGUAGES or lang == Language.JA:
        raise InvalidInput(_("翻訳先の言語を選んでください"))
    if field not in Translation.Field.values:
        raise InvalidInput(_("翻訳する項目が正しくありません"))
    key = {Item: "item", Category: "category", Area: "area"}.get(type(target))
    if key is None:
        raise NotFound(_("翻訳の対象が見つかりません"))
    with transaction.atomic():
        rows = Translation.objects.filter(**{key: target}, field=field, lang=lang)
        result = None
        if text.strip():
            result, _created = rows.update_or_create(
                **{key: target}, field=field, lang=lang,
                defaults={"text": text.strip(), "reviewed": reviewed})
        else:
            rows.delete()
        audit.record(actor=actor, action="gomi.translation.set", target=target,
                     organisation=municipality,
                     details={"lang": lang, "field": field, "reviewed": reviewed,
                              "removed": result is None})
        _queue(actor, municipality)
    return result
