"""Importing 5374 folders: counts, encodings, permissions, bad folders, the command."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from core.errors import InvalidInput, PermissionDenied
from gomi.engine.fivethree import read_folder
from gomi.models import Area, Category, Closure, Item, Rule
from gomi.services.imports import import_5374
from gomi.tests.corpus import city_folder
from tests.fixtures import actor

pytestmark = pytest.mark.django_db


def test_import_creates_one_rule_per_area_and_category(org, editor):
    folder = city_folder("kanazawa")
    parsed = read_folder(folder)
    summary = import_5374(actor=actor(editor), municipality=org, folder=folder, publish=False)
    assert summary.rules == len(parsed.areas) * len(parsed.labels)
    assert Rule.objects.filter(area__municipality=org).count() == summary.rules
    assert Area.objects.filter(municipality=org).count() == len(parsed.areas)


def test_import_reads_the_cp932_file_of_a_utf8_folder(org, editor):
    import_5374(actor=actor(editor), municipality=org, folder=city_folder("kameoka"),
                publish=False)
    assert Item.objects.filter(municipality=org, name="ＩＨ調理器（袋に入るもの）").exists()


def test_import_turns_center_rows_into_closures(org, editor):
    folder = city_folder("kyotango")
    import_5374(actor=actor(editor), municipality=org, folder=folder, publish=False)
    closure = Closure.objects.get(municipality=org, start__year=2026,
                                  center="峰山クリーンセンター")
    assert closure.end.isoformat() == "2027-01-03"


def test_reimport_keeps_the_holiday_policy_staff_chose(org, editor):
    folder = city_folder("joyo")
    import_5374(actor=actor(editor), municipality=org, folder=folder, publish=False)
    Category.objects.filter(municipality=org, name="燃やすごみ").update(holiday_policy="skip")
    import_5374(actor=actor(editor), municipality=org, folder=folder, publish=False)
    assert Category.objects.get(municipality=org, name="燃やすごみ").holiday_policy == "skip"


def test_imported_categories_collect_on_holidays_like_5374(org, editor):
    import_5374(actor=actor(editor), municipality=org, folder=city_folder("meguro"),
                publish=False)
    policies = set(Category.objects.filter(municipality=org).values_list("holiday_policy",
                                                                         flat=True))
    assert policies == {"collect"}


def test_viewer_may_not_import(org, viewer):
    with pytest.raises(PermissionDenied):
        import_5374(actor=actor(viewer), municipality=org, folder=city_folder("meguro"),
                    publish=False)


def test_folder_without_area_days_is_refused_in_both_languages(org, editor, tmp_path):
    (tmp_path / "target.csv").write_text("label,name,notice,furigana\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        import_5374(actor=actor(editor), municipality=org, folder=tmp_path, publish=False)
    assert "area_days.csv がありません" in caught.value.both()
    assert "area_days.csv is missing" in caught.value.both()


def test_command_prints_a_summary(org, tmp_path, capsys):
    call_command("import_5374", str(city_folder("joyo")), "--municipality", org.lgcode,
                 "--no-publish")
    out = capsys.readouterr().out
    assert "地区 2" in out and "areas 2" in out


def test_command_refuses_an_unknown_municipality(db, tmp_path):
    with pytest.raises(CommandError) as caught:
        call_command("import_5374", str(tmp_path), "--municipality", "999999")
    assert "団体" in str(caught.value) and "No organisation" in str(caught.value)


def test_command_refuses_a_bad_folder_in_both_languages(org, tmp_path):
    (tmp_path / "area_days.csv").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CommandError) as caught:
        call_command("import_5374", str(tmp_path), "--municipality", org.lgcode,
                     "--no-publish")
    message = str(caught.value)
    assert " / " in message and any("\u3040" <= ch <= "\u30ff" for ch in message)
