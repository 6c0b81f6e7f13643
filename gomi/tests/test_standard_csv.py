"""The standard ゴミの分別方法一覧 CSV: import, export, round trip, bad files."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from core.errors import InvalidInput, PermissionDenied
from gomi.models import Category, Item
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
    assert tuple(header) == STANDARD_COLUMNS


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
