"""The standard ゴミの分別方法一覧 CSV: import, export, round trip, bad files."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from core.errors import InvalidInput, PermissionDenied
from gomi.models import Category, Item, Translation
from gomi.services.standard_csv import (
    STANDARD_COLUMNS,
    export_standard_csv,
    import_standard_csv,
)
from tests.fixtures import actor

pytestmark = pytest.mark.django_db

SAMPLE = (
    "全国地方公共団体コード,ID,地方公共団体名,ゴミの品目,分別区分,注意点,料金種別,料金,料金備考,備考\n"
    "135011,135011S00001,テスト市,ペットボトル,資源,キャップは外す,無料,,,\n"
    "135011,135011S00002,テスト市,たんす,粗大ごみ,,有料,\"1,200\",手数料券,\n"
)


def _rows(raw: bytes) -> list[dict[str, str]]:
    """Rows of an exported CSV."""
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_import_creates_items_and_missing_categories(org, editor):
    summary = import_standard_csv(actor=actor(editor), municipality=org,
                                  raw=SAMPLE.encode("cp932"), publish=False)
    assert (summary.items, summary.categories_created) == (2, 2)
    assert Item.objects.get(municipality=org, name="たんす").fee == Decimal(1200)


def test_import_updates_an_existing_item_instead_of_duplicating(org, editor):
    for _ in range(2):
        import_standard_csv(actor=actor(editor), municipality=org, raw=SAMPLE.encode(),
                            publish=False)
    assert Item.objects.filter(municipality=org).count() == 2


def test_import_links_items_to_existing_categories(org, editor):
    resource = Category.objects.create(municipality=org, name="資源")
    import_standard_csv(actor=actor(editor), municipality=org, raw=SAMPLE.encode(),
                        publish=False)
    assert Item.objects.get(municipality=org, name="ペットボトル").category == resource


def test_export_has_the_standard_columns_in_order(org, editor):
    import_standard_csv(actor=actor(editor), municipality=org, raw=SAMPLE.encode(),
                        publish=False)
    raw = export_standard_csv(municipality=org)
    header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(header) == (*STANDARD_COLUMNS, "ゴミの品目_カナ")


def test_export_has_the_reading_in_katakana(org, editor):
    import_standard_csv(actor=actor(editor), municipality=org, raw=SAMPLE.encode(),
                        publish=False)
    by_name = {r["ゴミの品目"]: r["ゴミの品目_カナ"] for r in _rows(export_standard_csv(
        municipality=org))}
    assert by_name["ペットボトル"] == "ペットボトル" and by_name["たんす"] == "タンス"


def test_import_without_a_reading_column_stores_sudachis_reading(org, editor):
    import_standard_csv(actor=actor(editor), municipality=org, raw=SAMPLE.encode(),
                        publish=False)
    assert Item.objects.get(municipality=org, name="ペットボトル").reading == "ぺっとぼとる"


def test_export_adds_a_name_column_only_for_languages_with_translations(org, editor):
    import_standard_csv(actor=actor(editor), municipality=org, raw=SAMPLE.encode(),
                        publish=False)
    bottle = Item.objects.get(municipality=org, name="ペットボトル")
    Translation.objects.create(item=bottle, field="name", lang="en", text="PET bottle")
    Translation.objects.create(item=bottle, field="name", lang="zh-hans", text="塑料瓶")
    rows = _rows(export_standard_csv(municipality=org))
    assert list(rows[0])[11:] == ["ゴミの品目_英語", "ゴミの品目_中国語（簡体字）"]
    assert [(r["ゴミの品目"], r["ゴミの品目_英語"]) for r in rows] == [
        ("ペットボトル", "PET bottle"), ("たんす", "")]


def test_export_column_names_do_not_follow_the_staff_language(org, editor):
    from django.utils import translation

    import_standard_csv(actor=actor(editor), municipality=org, raw=SAMPLE.encode(),
                        publish=False)
    bottle = Item.objects.get(municipality=org, name="ペットボトル")
    Translation.objects.create(item=bottle, field="name", lang="ko", text="페트병")
    with translation.override("en"):
        header = list(_rows(export_standard_csv(municipality=org))[0])
    assert header[-1] == "ゴミの品目_韓国語"


def test_translated_names_read_back_on_import_as_unreviewed(org, other_org, editor, outsider):
    import_standard_csv(actor=actor(editor), municipality=org, raw=SAMPLE.encode(),
                        publish=False)
    bottle = Item.objects.get(municipality=org, name="ペットボトル")
    Translation.objects.create(item=bottle, field="name", lang="vi", text="Chai nhựa",
                               reviewed=True)
    import_standard_csv(actor=actor(outsider), municipality=other_org,
                        raw=export_standard_csv(municipality=org), publish=False)
    copied = Translation.objects.get(item__municipality=other_org, lang="vi")
    assert (copied.item.name, copied.text, copied.reviewed) == ("ペットボトル", "Chai nhựa",
                                                                False)


def test_export_reads_back_to_the_same_rows(org, other_org, editor, outsider):
    import_standard_csv(actor=actor(editor), municipality=org, raw=SAMPLE.encode(),
                        publish=False)
    first = export_standard_csv(municipality=org)
    import_standard_csv(actor=actor(outsider), municipality=other_org, raw=first,
                        publish=False)
    keys = ("ゴミの品目", "分別区分", "注意点", "料金種別", "料金", "料金備考", "ID")
    again = export_standard_csv(municipality=other_org)
    assert ([tuple(r[k] for k in keys) for r in _rows(again)]
            == [tuple(r[k] for k in keys) for r in _rows(first)])


def test_file_without_the_item_column_is_refused(org, editor):
    with pytest.raises(InvalidInput) as caught:
        import_standard_csv(actor=actor(editor), municipality=org,
                            raw="名前,区分\nびん,資源\n".encode(), publish=False)
    assert "ゴミの品目" in caught.value.both()


def test_viewer_may_not_import(org, viewer):
    with pytest.raises(PermissionDenied):
        import_standard_csv(actor=actor(viewer), municipality=org, raw=SAMPLE.encode(),
                            publish=False)
