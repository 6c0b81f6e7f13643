"""Tests of validate_table: issues with rows and columns, caps, typed output, conformance."""

from __future__ import annotations

import pyarrow as pa
import pytest

from standards.matching import best_match
from standards.registry import get_standard
from tabular.engine.schema import FieldSpec, schema_from_standard
from tabular.engine.types import Table
from tabular.engine.validate import validate_table
from tabular.tests.chunks import column, layout  # noqa: F401 (the fixture)

pytestmark = pytest.mark.usefixtures("layout")  # every test: one array, then chunks


def make_table(headers: list[str], rows: list[list[str | None]], first_row: int = 2) -> Table:
    """Build a Table of text cells (empty string → null); rows are numbered from first_row."""
    columns = {f"c{i}": column([(r[i] or None) for r in rows]) for i in range(len(headers))}
    return Table(
        name="",
        headers=headers,
        data=pa.table(columns),
        row_numbers=pa.array(range(first_row, len(rows) + first_row), pa.int64()),
        header_row=first_row - 1,
    )


def spec(index: int, header: str, kind: str = "string", **options) -> FieldSpec:
    """Return a FieldSpec for one column."""
    return FieldSpec(index=index, header=header, name=header, type=kind, **options)


def run(table: Table, specs: list[FieldSpec], **kw):
    """Validate without a standard."""
    return validate_table(table, schema=specs, match=None, matched="none", **kw)


def issues_of(result, code: str):
    """Return the kept issues with a code."""
    return [i for i in result.report.issues if i.code == code]


def test_type_error_points_at_the_source_row_and_column_with_both_languages():
    table = make_table(["名称", "人数"], [["a", "1"], ["b", "不明"]], first_row=5)
    result = run(table, [spec(0, "名称"), spec(1, "人数", "integer")])
    (issue,) = issues_of(result, "type-error")
    assert (issue.row, issue.column, issue.field, issue.value) == (6, 2, "人数", "不明")
    assert "不明" in issue.message_ja
    assert "不明" in issue.message_en
    assert issue.hint_ja and issue.hint_en


def test_empty_required_cell_is_a_constraint_error():
    table = make_table(["名称"], [["a"], [""]])
    result = run(table, [spec(0, "名称", required=True)])
    (issue,) = issues_of(result, "constraint-error")
    assert issue.row == 3
    assert result.report.counts["constraint-error"] == 1


def test_only_later_duplicates_are_unique_errors():
    table = make_table(["ID"], [["A1"], ["A2"], ["A1"], ["A1"]])
    result = run(table, [spec(0, "ID", "code", unique=True)])
    assert [i.row for i in issues_of(result, "unique-error")] == [4, 5]


def test_strictly_increasing_identifiers_have_no_unique_error():
    table = make_table(["NO"], [[f"{i:010d}"] for i in range(1, 50)])
    result = run(table, [spec(0, "NO", "code", unique=True)])
    assert "unique-error" not in result.report.counts


def test_duplicate_and_blank_labels_are_reported_with_their_column():
    table = make_table(["備考", "", "備考"], [["a", "b", "c"]])
    result = run(table, [spec(0, "備考"), spec(1, ""), spec(2, "備考")])
    assert [i.column for i in issues_of(result, "blank-label")] == [2]
    assert [i.column for i in issues_of(result, "duplicate-label")] == [3]


def test_enum_and_pattern_are_constraint_errors_on_valid_cells():
    table = make_table(["種類", "コード"], [["病院", "12"], ["薬局", "1x"]])
    result = run(
        table,
        [spec(0, "種類", enum=("病院", "無床診療所")), spec(1, "コード", pattern="[0-9]+")],
    )
    assert sorted(i.value for i in issues_of(result, "constraint-error")) == ["1x", "薬局"]


def test_minimum_and_maximum_are_checked_on_numbers():
    table = make_table(["定員"], [["5"], ["500"], ["50"]])
    result = run(table, [spec(0, "定員", "integer", minimum=10, maximum=100)])
    assert sorted(i.value for i in issues_of(result, "constraint-error")) == ["5", "500"]


def test_wrong_local_government_code_check_digit_is_reported_with_the_right_digit():
    table = make_table(["団体コード"], [["132195"], ["132190"]])
    result = run(table, [spec(0, "団体コード", "code", check="lgcode")])
    (issue,) = issues_of(result, "lgcode-check-digit")
    assert issue.value == "132190"
    assert "5" in issue.message_ja


def test_code_without_its_check_digit_says_what_the_full_code_is():
    table = make_table(["団体コード"], [["13219"]])
    result = run(table, [spec(0, "団体コード", "code", check="lgcode")])
    (issue,) = issues_of(result, "lgcode-check-digit")
    assert "132195" in issue.message_ja


def test_wrong_corporate_number_is_reported():
    table = make_table(["法人番号"], [["1000020352080"], ["2000020352080"]])
    result = run(table, [spec(0, "法人番号", "code", check="houjin")])
    assert [i.value for i in issues_of(result, "houjin-check-digit")] == ["2000020352080"]


def test_excel_exponent_is_an_error_and_the_cell_is_kept_as_written():
    table = make_table(["法人番号"], [["1.01321E+12"]])
    result = run(table, [spec(0, "法人番号", "code", check="houjin")])
    assert [i.code for i in result.report.issues] == ["excel-exponent"]
    assert result.typed.column("法人番号").to_pylist() == ["1.01321E+12"]


def test_wareki_dates_give_one_aggregated_info_per_column():
    table = make_table(["日付"], [["R3.4.1"], ["R3.4.2"], ["2021-04-03"]])
    result = run(table, [spec(0, "日付", "date")])
    (issue,) = issues_of(result, "wareki-normalised")
    assert issue.severity == "info"
    assert issue.row is None
    assert result.report.counts["wareki-normalised"] == 2


def test_full_width_digits_give_one_aggregated_info():
    table = make_table(["人数"], [["１２"], ["３４"]])
    result = run(table, [spec(0, "人数", "integer")])
    assert len(issues_of(result, "fullwidth-normalised")) == 1
    assert result.report.counts["fullwidth-normalised"] == 2


def test_coordinate_outside_japan_is_a_warning():
    table = make_table(["緯度"], [["34.1"], ["-33.9"]])
    result = run(table, [spec(0, "緯度", "latitude")])
    (issue,) = issues_of(result, "coordinate-out-of-range")
    assert (issue.severity, issue.row) == ("warning", 3)
    assert result.report.warning_count == 1


def test_issues_are_capped_but_counts_are_complete():
    table = make_table(["人数"], [["x"]] * 30)
    result = run(table, [spec(0, "人数", "integer")], max_issues=10)
    assert len(result.report.issues) == 10
    assert result.report.truncated
    assert result.report.counts["type-error"] == 30
    assert result.report.error_count == 30


def test_kept_issues_follow_row_order_across_columns():
    table = make_table(["a", "b"], [["x", "1"], ["1", "y"], ["z", "2"]])
    result = run(table, [spec(0, "a", "integer"), spec(1, "b", "integer")])
    assert [(i.row, i.column) for i in result.report.issues] == [(2, 1), (3, 2), (4, 1)]


def test_typed_columns_carry_header_type_and_role_metadata():
    table = make_table(["緯度", "人数"], [["34.1", "3"]])
    result = run(table, [spec(0, "緯度", "latitude"), spec(1, "人数", "integer")])
    lat = result.typed.schema.field("緯度")
    assert lat.type == pa.float64()
    assert lat.metadata[b"header"] == "緯度".encode()
    assert lat.metadata[b"role"] == b"latitude"
    assert result.typed.schema.field("人数").metadata[b"type"] == b"integer"


def test_latlon_column_adds_latitude_and_longitude_columns_and_an_info():
    table = make_table(["location"], [["34.34,134.04"], ["34.35,134.05"]])
    result = run(table, [spec(0, "location", "latlon")])
    assert result.typed.column_names == ["location", "緯度", "経度"]
    assert result.typed.schema.field("経度").metadata[b"role"] == b"longitude"
    assert result.report.counts["latlon-split"] == 2


def test_split_columns_do_not_reuse_an_existing_name():
    table = make_table(["location", "緯度"], [["34.34,134.04", "x"]])
    result = run(table, [spec(0, "location", "latlon"), spec(1, "緯度")])
    assert result.typed.column_names == ["location", "緯度_2", "経度", "緯度"]


def test_progress_is_reported_while_validating():
    calls = []
    table = make_table(["a"], [["1"]])
    run(table, [spec(0, "a")], progress=lambda step, rows, errors: calls.append(step))
    assert calls and set(calls) == {"validating"}


def test_no_standard_means_no_conformance():
    table = make_table(["a"], [["1"]])
    assert run(table, [spec(0, "a")]).report.conformance is None


def legacy_aed(rows: list[dict[str, str]], drop: str | None = None) -> Table:
    """Build a legacy-layout AED table from dicts of cells."""
    headers = [f.name for f in get_standard("aed").layouts["legacy"] if f.name != drop]
    return make_table(headers, [[r.get(h, "") for h in headers] for r in rows])


def validate_standard(table: Table):
    """Match and validate against the best standard."""
    match = best_match(table.headers)
    schema = schema_from_standard(match, table)
    return validate_table(table, schema=schema, match=match, matched="auto")


GOOD = {"名称": "市役所", "名称_カナ": "シヤクショ", "住所": "市内1-1", "設置位置": "1階"}


def test_a_clean_file_of_a_standard_scores_100():
    result = validate_standard(legacy_aed([GOOD, GOOD | {"NO": "2"}]))
    assert result.report.standard == "aed"
    assert result.report.conformance.score == 100.0


def test_missing_required_column_lowers_conformance_and_is_a_missing_label():
    result = validate_standard(legacy_aed([GOOD], drop="設置位置"))
    conformance = result.report.conformance
    assert conformance.missing_required == ["設置位置"]
    assert conformance.required_present == conformance.required_total - 1
    assert conformance.score < 100.0
    assert [i.field for i in issues_of(result, "missing-label")] == ["設置位置"]


def test_invalid_cells_lower_conformance_by_their_share():
    rows = [GOOD | {"緯度": "北"}, GOOD]
    conformance = validate_standard(legacy_aed(rows)).report.conformance
    assert conformance.valid_cells == conformance.checked_cells - 1
    expected = 100 * (1 + conformance.valid_cells / conformance.checked_cells) / 2
    assert conformance.score == round(expected, 1)


def test_extra_column_of_a_standard_file_is_an_info():
    table = legacy_aed([GOOD])
    table = make_table([*table.headers, "独自項目"], [[*([""] * 22), "x"]])
    (issue,) = issues_of(validate_standard(table), "extra-label")
    assert (issue.severity, issue.column) == ("info", 23)


def test_report_records_the_standard_layout_and_how_it_was_matched():
    report = validate_standard(legacy_aed([GOOD])).report
    assert (report.standard, report.layout, report.matched, report.match_score) == (
        "aed",
        "legacy",
        "auto",
        1.0,
    )


def test_error_and_warning_counts_add_up_the_counts_by_severity():
    table = make_table(["緯度", "人数"], [["-33.9", "x"], ["34", "y"]])
    report = run(table, [spec(0, "緯度", "latitude"), spec(1, "人数", "integer")]).report
    assert report.error_count == report.counts["type-error"] == 2
    assert report.warning_count == report.counts["coordinate-out-of-range"] == 1


def test_variant_of_a_standard_column_name_is_an_incorrect_label_info():
    table = legacy_aed([GOOD])
    headers = ["都道府県コ―ド又は市区町村コ―ド", *table.headers[1:]]  # U+2015, as 焼津市 wrote
    table = make_table(headers, [[""] * len(headers)])
    (issue,) = issues_of(validate_standard(table), "incorrect-label")
    assert issue.severity == "info"
    assert "都道府県コード又は市区町村コード" in issue.message_ja


def test_an_unreadable_phone_number_in_a_standard_file_is_a_warning_not_an_error():
    """電話番号 is a string in the standards: a value like 000-388-3337 or "代表" is flagged for
    the publisher as a warning, and the text is kept."""
    import pyarrow as pa

    from standards.matching import best_match
    from tabular.engine.schema import schema_from_standard
    from tabular.engine.types import Table
    from tabular.engine.validate import validate_table

    headers = ["都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "名称",
               "名称_カナ", "住所", "電話番号"]
    data = pa.table({"c0": ["139904"], "c1": ["1"], "c2": ["東京都"], "c3": ["デモ市"],
                     "c4": ["市役所"], "c5": ["シヤクショ"], "c6": ["東京都デモ市1"],
                     "c7": ["000-388-3337"]})
    table = Table(name="", headers=headers, data=data, row_numbers=pa.array([2]), header_row=1)
    match = best_match(headers, claimed="aed")
    result = validate_table(table, schema=schema_from_standard(match, table), match=match,
                            matched="claimed")
    assert result.report.counts.get("format-warning") == 1
    assert "type-error" not in result.report.counts
    assert result.typed.column(result.typed.schema.get_field_index("電話番号")).to_pylist() == [
        "000-388-3337"]
