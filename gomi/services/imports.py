"""Import a 5374 data folder into a municipality's schedule and dictionary."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.actor import Actor
from core.errors import InvalidInput, Pair
from core.models import Organisation, Role
from core.permissions import require_role
from core.services import audit
from gomi.engine.fivethree import FiveThreeData, read_files, read_folder
from gomi.engine.fivethree.reader import label_key
from gomi.models import Area, Category, Closure, DraftChange, GomiSettings, Item, Remark, Rule
from gomi.search import item_reading
from tabular.engine.types import Notice, TabularError


@dataclass
class ImportSummary:
    """What an import created: counts and the reader's notices."""

    areas: int = 0
    categories: int = 0
    rules: int = 0
    items: int = 0
    closures: int = 0
    remarks: int = 0
    drafts_discarded: int = 0
    notices: list[Notice] = field(default_factory=list)


def _categories(municipality: Organisation, data: FiveThreeData) -> dict[str, Category]:
    """Upsert categories by name, keyed by label_key (staff choices such as the holiday
    policy are kept)."""
    described = {label_key(c.label): c for c in data.categories}
    existing = {c.name: c for c in Category.objects.filter(municipality=municipality)}
    result = {}
    for position, label in enumerate(data.category_labels()):
        row = described.get(label_key(label))
        category = existing.pop(label, None) or Category(municipality=municipality, name=label)
        category.position = position
        if row is not None:
            category.sublabel, category.description = row.sublabel, row.description
            category.icon, category.colour = row.icon, row.colour
        category.save()
        result[label_key(label)] = category
    Category.objects.filter(pk__in=[c.pk for c in existing.values()]).delete()
    return result


def _areas(municipality: Organisation, data: FiveThreeData) -> dict[str, Area]:
    """Upsert areas by name; areas no longer in the file are deleted."""
    existing = {a.name: a for a in Area.objects.filter(municipality=municipality)}
    result = {}
    for position, row in enumerate(data.areas):
        if row.name in result:
            continue  # a repeated name keeps its first row, as 5374's area list does
        area = existing.pop(row.name, None) or Area(municipality=municipality, name=row.name)
        area.center, area.position = row.center, position
        area.save()
        result[row.name] = area
    Area.objects.filter(pk__in=[a.pk for a in existing.values()]).delete()
    return result


def _rules(data: FiveThreeData, areas: dict[str, Area],
           categories: dict[str, Category]) -> int:
    """Replace every rule of the imported areas."""
    Rule.objects.filter(area__in=list(areas.values())).delete()
    rules, seen = [], set()
    for row in data.areas:
        area = areas[row.name]
        if area.pk in seen:
            continue
        seen.add(area.pk)
        for label, text, cell in row.cells:
            rules.append(Rule(
                area=area, category=categories[label_key(label)],
                weekdays=list(cell.weekdays),
                nth=[list(x) for x in cell.nth],
                biweekly=[d.isoformat() for d in cell.biweekly], months=list(cell.months),
                dates=[d.isoformat() for d in cell.dates], remarks=list(cell.remarks),
                source_text=text[:4000]))
    Rule.objects.bulk_create(rules, batch_size=500)
    return len(rules)


def _items(municipality: Organisation, data: FiveThreeData,
           categories: dict[str, Category]) -> int:
    """Upsert items by (name, category) so translations survive a re-import."""
    existing: dict[tuple[str, str], list[Item]] = {}
    for item in Item.objects.filter(municipality=municipality):
        existing.setdefault((item.name, item.category_text), []).append(item)
    keep, new = [], []
    for position, row in enumerate(data.targets):
        candidates = existing.get((row.name, row.label)) or []
        item = candidates.pop(0) if candidates else Item(municipality=municipality,
                                                        name=row.name[:300])
        item.category = categories.get(label_key(row.label))
        item.category_text = row.label[:200]
        item.notes, item.initial, item.position = row.notice, row.furigana[:10], position
        if not item.reading:  # 5374 gives only the first kana: store the search's reading
            item.reading = item_reading(name=item.name, furigana=row.furigana)[:300]
        (keep if item.pk else new).append(item)
    Item.objects.bulk_update(keep, ["category", "category_text", "notes", "initial",
                                    "reading", "position"], batch_size=500)
    Item.objects.bulk_create(new, batch_size=500)
    stale = [i.pk for rest in existing.values() for i in rest]
    Item.objects.filter(pk__in=stale).delete()
    return len(keep) + len(new)


def apply_5374(*, actor: Actor, municipality: Organisation, data: FiveThreeData,
               source: str = "5374") -> ImportSummary:
    """Replace the municipality's schedule and dictionary with a parsed 5374 folder."""
    require_role(actor, municipality, Role.EDITOR)
    if not data.areas:
        raise InvalidInput(_("area_days.csv に地区がありません"))
    summary = ImportSummary(notices=list(data.notices))
    with transaction.atomic():
        # The import replaces the schedule the draft was staged against: staged changes
        # would describe edits of a schedule that no longer exists, so they go too.
        summary.drafts_discarded = DraftChange.objects.filter(
            municipality=municipality).delete()[0]
        if summary.drafts_discarded:
            summary.notices.insert(0, Notice(
                "drafts-discarded",
                f"取り込みで収集日程を置き換えたため、未公開の変更 {summary.drafts_discarded} 件を"
                "破棄しました。",
                f"The import replaced the schedule, so {summary.drafts_discarded} unpublished "
                "change(s) were discarded."))
        settings, _created = GomiSettings.objects.get_or_create(municipality=municipality)
        settings.source, settings.imported_at = source[:200], timezone.now()
        settings.save()
        categories = _categories(municipality, data)
        areas = _areas(municipality, data)
        summary.rules = _rules(data, areas, categories)
        summary.items = _items(municipality, data, categories)
        Closure.objects.filter(municipality=municipality).delete()
        Closure.objects.bulk_create([
            Closure(municipality=municipality, center=c.name, start=c.start, end=c.end)
            for c in data.centers])
        Remark.objects.filter(municipality=municipality).delete()
        Remark.objects.bulk_create([Remark(municipality=municipality, number=n, text=t)
                                    for n, t in data.remarks.items()])
        summary.areas, summary.categories = len(areas), len(categories)
        summary.closures, summary.remarks = len(data.centers), len(data.remarks)
        audit.record(actor=actor, action="gomi.import_5374", target=municipality,
                     organisation=municipality,
                     details={"areas": summary.areas, "categories": summary.categories,
                              "rules": summary.rules, "items": summary.items,
                              "closures": summary.closures, "encodings": data.encodings,
                              "drafts_discarded": summary.drafts_discarded})
    return summary


def import_5374(*, actor: Actor, municipality: Organisation, folder: Path | None = None,
                files: dict[str, bytes] | None = None, publish: bool = True) -> ImportSummary:
    """Read a 5374 folder (a path or {name: bytes}), import it and update the open data."""
    try:
        data = read_folder(folder) if folder is not None else read_files(files or {})
    except TabularError as exc:
        raise InvalidInput(Pair(exc.message_ja, exc.message_en)) from exc
    summary = apply_5374(actor=actor, municipality=municipality, data=data,
                         source=str(folder or "upload"))
    if publish:
        from gomi.catalog_publish import publish_after_change

        publish_after_change(actor=actor, municipality=municipality)
    return summary
