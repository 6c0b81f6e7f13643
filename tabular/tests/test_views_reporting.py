"""A stored validation report as the plain-language view the pages show (no database)."""

from django.utils import translation

from tabular.views.reporting import report_view

REPORT = {
    "standard": "aed", "layout": "current", "matched": "auto", "match_score": 0.8,
    "issues": [
        {"code": "type-error", "severity": "error", "message_ja": "数値ではありません",
         "message_en": "Not a number", "hint_ja": "半角数字で書いてください",
         "hint_en": "Write digits", "row": 5, "column": 9, "field": "緯度", "value": "北緯35"},
        {"code": "type-error", "severity": "error", "message_ja": "数値ではありません",
         "message_en": "Not a number", "row": 8, "column": 9, "field": "緯度", "value": "?"},
        {"code": "my-new-rule", "severity": "warning", "message_ja": "注意",
         "message_en": "Careful", "row": 2, "column": 1, "field": "名称", "value": ""},
    ],
    "counts": {"type-error": 12, "my-new-rule": 1},
    "error_count": 12, "warning_count": 1,
    "conformance": {"score": 91.5, "required_present": 7, "required_total": 8,
                    "valid_cells": 990, "checked_cells": 1000, "missing_required": ["電話番号"]},
    "truncated": True,
    "notices": [{"code": "title-rows-skipped", "message_ja": "タイトル行を読み飛ばしました",
                 "message_en": "Skipped the title row", "row": 1}],
}


def view(language="ja", **kwargs):
    """The report view of REPORT in a language."""
    with translation.override(language):
        return report_view(REPORT, language=language, titles={"aed": "08 AED"}, **kwargs)


def test_errors_are_grouped_by_code_with_the_complete_count_and_the_listed_cells():
    report = view()
    [group] = report.errors
    assert (group.code, group.count, group.shown) == ("type-error", 12, 2)
    assert [(c.row, c.column, c.header, c.value) for c in group.cells] == \
        [(5, 9, "緯度", "北緯35"), (8, 9, "緯度", "?")]


def test_japanese_pages_show_the_japanese_message_and_hint():
    cell = view().errors[0].cells[0]
    assert (cell.message, cell.hint) == ("数値ではありません", "半角数字で書いてください")


def test_english_pages_show_the_english_message_and_hint():
    cell = view("en").errors[0].cells[0]
    assert (cell.message, cell.hint) == ("Not a number", "Write digits")


def test_a_message_missing_in_english_falls_back_to_japanese():
    cell = view("en").errors[0].cells[1]
    assert cell.hint == ""  # neither language: nothing is invented
    assert cell.message == "Not a number"


def test_warnings_are_separate_and_an_unknown_code_is_named_by_its_code():
    [warning] = view().warnings
    assert (warning.code, warning.label, warning.count) == ("my-new-rule", "my-new-rule", 1)


def test_the_conformance_parts_and_the_standard_title_are_given():
    report = view()
    assert report.standard_title == "08 AED"
    assert (report.required_present, report.required_total) == (7, 8)
    assert (report.valid_cells, report.checked_cells) == (990, 1000)
    assert report.score_text == "91.5"
    assert report.match_percent == 80


def test_file_level_notices_come_before_the_table_notices():
    extra = [{"code": "encoding-detected", "message_ja": "CP932 と判定しました",
              "message_en": "Detected CP932"}]
    notices = view(extra_notices=extra).notices
    assert [n.code for n in notices] == ["encoding-detected", "title-rows-skipped"]
    assert notices[1].row == 1


def test_a_report_without_standard_or_conformance_has_no_score():
    with translation.override("ja"):
        report = report_view({"matched": "none", "issues": [], "counts": {}}, language="ja",
                             titles={})
    assert not report.has_conformance
    assert report.errors == [] and report.warnings == [] and report.standard == ""


def test_a_hint_column_is_needed_only_when_a_cell_has_its_own_hint():
    [errors] = view().errors
    assert errors.cell_hints is False  # the one hint given is the group's
    with translation.override("ja"):
        other = report_view({**REPORT, "issues": [*REPORT["issues"], {
            **REPORT["issues"][0], "hint_ja": "別の直し方"}]}, language="ja", titles={})
    assert other.errors[0].cell_hints is True
