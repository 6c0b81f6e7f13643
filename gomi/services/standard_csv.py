"""Import and export the sorting dictionary as the standard ゴミの分別方法一覧 CSV (no. 28)."""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.actor import Actor
from core.errors import InvalidInput, Pair
from core.models import Organisation, Role
from core.permissions import require_role
from core.services import audit
from gomi.engine.fivethree.reader import decode
from gomi.models import TRANSLATED_LANGUAGES, Category, Item, Language, Translation
from gomi.search import item_reading
from jp.text import hira_to_kata
from tabular.engine.types import Notice, TabularError

STANDARD_COLUMNS = ("全国地方公共団体コード", "ID", "地方公共団体名", "ゴミの品目", "分別区分",
                    "注意点", "料金種別", "料金", "料金備考", "備考")
#: Optional non-standard columns accepted on import for the reading (furigana).
READING_COLUMNS = ("ゴミの品目_カナ", "読み", "よみ", "ふりがな", "フリガナ", "ゴミの品目_よみ")
#: The reading column written on export: the sibling sheets' convention (名称_カナ, 全角カタカナ).
READING_COLUMN = READING_COLUMNS[0]


def name_column(lang: str) -> str:
    """The column of an item's name in a language: ゴミの品目_英語 (as 名称_英語 elsewhere)."""
    with translation.override("ja"):  # the column name never depends on the staff's language
        return f"ゴミの品目_{Language(lang).label}"




@dataclass
class StandardImportSummary:
    """Counts of a standard-CSV import and the reader's notices."""

    items: int = 0
    created: int = 0
    categories_created: int = 0
    notices: list[Notice] = field(default_factory=list)


def _key(text: str) -> str:
    """A header as matched: NFKC, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def _fee(text: str) -> Decimal | None:
    """The 料金 column as a number (commas and 円 allowed), None when empty or unreadable."""
    cleaned = unicodedata.normalize("NFKC", text or "").replace(",", "").replace("円", "")
    try:
        return Decimal(cleaned.strip()) if cleaned.strip() else None
    except InvalidOperation:
        return None


def _at(row: list[str], index: int | None) -> str:
    """Column index of a row ("" when absent)."""
    return row[index].strip() if index is not None and index < len(row) else ""


def parse_standard_csv(raw: bytes) -> tuple[list[dict[str, str]], list[Notice]]:
    """Rows of a ゴミの分別方法一覧 CSV as {standard column: text} (any encoding)."""
    notices: list[Notice] = []
    try:
        text, _codec = decode("CSV", raw, notices)
    except TabularError as exc:
        raise InvalidInput(Pair(exc.message_ja, exc.message_en)) from exc
    rows = [r for r in csv.reader(io.StringIO(text)) if any(c.strip() for c in r)]
    if not rows:
        raise InvalidInput(_("CSV が空です"))
    index = {_key(h): i for i, h in enumerate(rows[0])}
    if _key("ゴミの品目") not in index or _key("分別区分") not in index:
        raise InvalidInput(_("見出しに「ゴミの品目」と「分別区分」が必要です"))
    wanted = {name: index.get(_key(name)) for name in STANDARD_COLUMNS}
    reading = next((index[_key(n)] for n in READING_COLUMNS if _key(n) in index), None)
    names = {lang: index[_key(name_column(lang))] for lang in TRANSLATED_LANGUAGES
             if _key(name_column(lang)) in index}
    out = []
    for row in rows[1:]:
        record = {name: _at(row, i) for name, i in wanted.items()}
        record["読み"] = _at(row, reading)
        for lang, i in names.items():
            record[f"name:{lang}"] = _at(row, i)
        if record["ゴミの品目"]:
            out.append(record)
    return out, notices


def import_standard_csv(*, actor: Actor, municipality: Organisation, raw: bytes,
                        replace: bool = False, publish: bool = True) -> StandardImportSummary:
    """Add or update dictionary items from a standard CSV; replace=True drops the others."""
    require_role(actor, municipality, Role.EDITOR)
    records, notices = parse_standard_csv(raw)
    summary = StandardImportSummary(notices=notices)
    with transaction.atomic():
        categories = {c.name: c for c in Category.objects.filter(municipality=municipality)}
        existing = {(i.name, i.category_text): i
                    for i in Item.objects.filter(municipality=municipality)}
        seen = set()
        position = len(existing)
        for record in records:
            label = record["分別区分"]
            if label and label not in categories:
                categories[label] = Category.objects.create(
                    municipality=municipality, name=label[:200], position=len(categories))
                summary.categories_created += 1
            item = existing.get((record["ゴミの品目"], label))
            if item is None:
                position += 1
                item = Item(municipality=municipality, name=record["ゴミの品目"][:300],
                            position=position)
                summary.created += 1
            item.category, item.category_text = categories.get(label), label[:200]
            item.notes, item.fee_type = record["注意点"], record["料金種別"][:100]
            item.fee, item.fee_notes = _fee(record["料金"]), record["料金備考"]
            item.remarks, item.standard_id = record["備考"], record["ID"][:100]
            if record["読み"] or not item.reading:
                item.reading = item_reading(name=item.name, furigana=record["読み"])[:300]
            item.initial = item.initial or item.reading[:1]
            item.save()
            _save_names(item, record)
            seen.add(item.pk)
        if replace:
            Item.objects.filter(municipality=municipality).exclude(pk__in=seen).delete()
        summary.items = len(seen)
        audit.record(actor=actor, action="gomi.import_standard_csv", target=municipality,
                     organisation=municipality,
                     details={"items": summary.items, "created": summary.created,
                              "replace": replace})
    if publish:
        from gomi.catalog_publish import publish_after_change

        publish_after_change(actor=actor, municipality=municipality)
    return summary


def _save_names(item: Item, record: dict[str, str]) -> None:
    """Store the translated names of a row (unreviewed when new or changed; empty = kept)."""
    for key, text in record.items():
        if not key.startswith("name:") or not text:
            continue
        row, created = Translation.objects.get_or_create(
            item=item, field=Translation.Field.NAME, lang=key[5:],
            defaults={"text": text, "reviewed": False})
        if not created and row.text != text:
            row.text, row.reviewed = text, False
            row.save(update_fields=["text", "reviewed", "modified"])


def _fee_text(value: Decimal | None) -> str:
    """A fee as written in the CSV (no trailing .0)."""
    return "" if value is None else f"{value.normalize():f}"


def export_standard_csv(*, municipality: Organisation) -> bytes:
    """The dictionary as a ゴミの分別方法一覧 CSV, UTF-8 with BOM, one row per item.

    After the ten standard columns: the reading (ゴミの品目_カナ) and, for each language with
    at least one translated item name, ゴミの品目_<言語> (the standard has no such columns;
    the names follow the sibling sheets' 名称_カナ / 名称_英語).
    """
    items = list(Item.objects.filter(municipality=municipality).select_related("category")
                 .order_by("position", "id"))
    names: dict[tuple[int, str], str] = dict(
        ((item_id, lang), text) for item_id, lang, text in Translation.objects.filter(
            item__municipality=municipality, field=Translation.Field.NAME)
        .values_list("item_id", "lang", "text"))
    langs = [lang for lang in TRANSLATED_LANGUAGES if any(k[1] == lang for k in names)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow((*STANDARD_COLUMNS, READING_COLUMN, *(name_column(lang) for lang in langs)))
    lgcode = municipality.lgcode or ""
    for item in items:
        writer.writerow((
            lgcode, item.standard_id or f"{lgcode}S{item.pk:05d}", municipality.name,
            item.name, item.category.name if item.category else item.category_text,
            item.notes, item.fee_type, _fee_text(item.fee), item.fee_notes, item.remarks,
            hira_to_kata(item.reading), *(names.get((item.pk, lang), "") for lang in langs)))
    return out.getvalue().encode("utf-8-sig")
