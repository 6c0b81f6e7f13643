"""Tests for the personal-data scanner on small hand-made tables."""

from __future__ import annotations

import json
from dataclasses import asdict

import pyarrow as pa
import pytest

from privacy.scanner import scan_file, scan_table
from tabular.engine.types import Table

VALID = "621498320257"


def _table(headers: list[str], rows: list[list[str | None]]) -> Table:
    """Build a raw text Table the way the tabular reader does (c0…, header on row 1)."""
    data = {f"c{i}": pa.array([r[i] for r in rows], pa.string()) for i in range(len(headers))}
    return Table(
        name="",
        headers=headers,
        data=pa.table(data),
        row_numbers=pa.array(range(2, 2 + len(rows)), pa.int64()),
        header_row=1,
    )


def test_mynumber_column_of_valid_numbers_is_blocked(tmp_path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("個人番号,備考\n621498320257,a\n621498320257,b\n", encoding="utf-8")
    (result,) = scan_file(path)
    assert result.outcome == "block"
    assert result.counts["mynumber"] == 2


def test_valid_numbers_in_a_management_number_column_only_warn() -> None:
    result = scan_table(_table(["管理番号"], [[VALID], ["1"]]))
    assert result.outcome == "warn"
    assert [f.kind for f in result.findings] == ["mynumber"]


def test_invalid_check_digit_is_not_a_mynumber() -> None:
    result = scan_table(_table(["管理番号"], [["621498320258"]]))
    assert result.outcome == "clear"


@pytest.mark.parametrize(
    "value", ["6214 9832 0257", "6214-9832-0257", "6214.9832.0257", "６２１４９８３２０２５７"]
)
def test_grouped_and_full_width_forms_are_caught(value: str) -> None:
    result = scan_table(_table(["個人番号"], [[value]]))
    assert result.outcome == "block"


def test_keyword_in_the_same_cell_gives_context() -> None:
    result = scan_table(_table(["備考"], [[f"マイナンバー {VALID}"]]))
    assert result.outcome == "block"


def test_mynumber_is_masked_completely() -> None:
    result = scan_table(_table(["個人番号"], [["6214-9832-0257"]]))
    assert result.findings[0].masked == "*" * 12


def test_result_repr_and_json_hold_no_input_digits() -> None:
    table = _table(["個人番号", "管理番号"], [[VALID, "6214 9832 0257"], [None, VALID]])
    result = scan_table(table)
    text = repr(result) + json.dumps(asdict(result), ensure_ascii=False)
    for piece in (VALID, "6214", "9832", "0257", "62149832025"):
        assert piece not in text


def test_corporate_number_is_not_flagged() -> None:
    result = scan_table(_table(["法人番号"], [["7000012050002"]]))
    assert result.outcome == "clear"


def test_corporate_number_with_bad_check_digit_is_only_info() -> None:
    result = scan_table(_table(["法人番号"], [["7000012050003"]]))
    assert result.outcome == "clear"
    assert [f.severity for f in result.findings] == ["info"]


def test_facility_landline_is_open_data() -> None:
    result = scan_table(_table(["名称", "電話番号"], [["中央公民館", "054-626-1111"]]))
    assert result.outcome == "clear"


def test_mobile_number_in_a_facility_list_warns() -> None:
    result = scan_table(_table(["名称", "電話番号"], [["ひまわり保育室", "090-1234-5678"]]))
    assert result.outcome == "warn"
    assert result.findings[0].masked == "***-****-****"


def test_mobile_number_in_a_row_about_a_person_blocks() -> None:
    result = scan_table(_table(["氏名", "携帯"], [["山田 太郎", "090-1234-5678"]]))
    assert result.outcome == "block"


def test_landline_in_a_row_about_a_person_warns() -> None:
    result = scan_table(_table(["氏名", "電話"], [["山田 太郎", "054-626-1111"]]))
    phone = [f for f in result.findings if f.kind == "phone"]
    assert [f.severity for f in phone] == ["warn"]


def test_name_column_by_header_warns() -> None:
    result = scan_table(_table(["代表者"], [["佐藤 花子"]]))
    assert result.outcome == "warn"
    assert result.findings[0].kind == "name"


def test_name_column_found_by_morphology() -> None:
    people = ["山田太郎", "佐藤花子", "鈴木一郎", "高橋美咲", "田中健太", "伊藤直子"]
    result = scan_table(_table(["参加者"], [[p] for p in people]))
    assert result.counts.get("name") == len(people)


def test_facility_names_are_not_person_names() -> None:
    places = ["中央公民館", "さくら保育園", "焼津市役所", "田中医院", "港公園", "図書館"]
    result = scan_table(_table(["施設"], [[p] for p in places]))
    assert result.outcome == "clear"


def test_date_of_birth_column_blocks() -> None:
    result = scan_table(_table(["生年月日"], [["1980/01/02"]]))
    assert result.outcome == "block"


def test_exact_address_in_a_row_with_a_name_is_flagged() -> None:
    result = scan_table(_table(["氏名", "住所"], [["山田 太郎", "焼津市本町1丁目2番3号"]]))
    assert result.counts.get("address") == 1


def test_exact_address_of_a_facility_is_not_flagged() -> None:
    result = scan_table(_table(["名称", "住所"], [["中央公民館", "焼津市本町1丁目2番3号"]]))
    assert result.outcome == "clear"


def test_passport_number_near_keyword_blocks() -> None:
    result = scan_table(_table(["旅券番号"], [["TK1234567"]]))
    assert result.outcome == "block"


def test_residence_card_number_without_keyword_warns() -> None:
    result = scan_table(_table(["備考"], [["AB12345678CD"]]))
    assert result.outcome == "warn"


def test_personal_email_warns_and_municipal_email_does_not() -> None:
    result = scan_table(
        _table(["連絡先"], [["shop.yaizu@gmail.com"], ["kikaku@city.yaizu.lg.jp"]])
    )
    assert [f.row for f in result.findings] == [2]


def test_findings_are_capped_but_counts_are_complete() -> None:
    result = scan_table(_table(["個人番号"], [[VALID]] * 30), max_findings=5)
    assert len(result.findings) == 5
    assert result.counts["mynumber"] == 30
    assert result.truncated


def test_coordinates_with_twelve_decimals_are_not_mynumbers() -> None:
    result = scan_table(_table(["経度"], [["130.621498320257"]]))
    assert result.outcome == "clear"
