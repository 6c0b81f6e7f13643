"""Tests of header matching against the standard layouts."""

from __future__ import annotations

import pytest

from standards.matching import AUTO_THRESHOLD, best_match, match_standard, normalise_label
from standards.registry import get_standard


def layout(slug: str, name: str) -> list[str]:
    """Return the column names of one layout of a standard."""
    return [f.name for f in get_standard(slug).layouts[name]]


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("都道府県コ―ド又は市区町村コ―ド", "都道府県コード又は市区町村コード"),  # U+2015
        ("料金(基本)", "料金（基本）"),
        ("ＮＯ", "NO"),
        ("No.", "NO"),
        ("№", "NO"),
        ("備　考", "備考"),
        ("ＵＲＬ", "URL"),
        ("名称カナ", "名称_カナ"),
        ("災害種別_崖崩れ_土石流及び地滑り", "災害種別_崖崩れ、土石流及び地滑り"),
    ],
)
def test_label_variants_normalise_to_the_same_form(variant, canonical):
    assert normalise_label(variant) == normalise_label(canonical)


def test_distinct_labels_stay_distinct():
    assert normalise_label("料金（基本）") != normalise_label("料金（詳細）")
    assert normalise_label("開始時間") != normalise_label("終了時間")


def test_exact_legacy_header_matches_its_standard_with_full_score():
    m = best_match(layout("aed", "legacy"))
    assert (m.standard, m.layout, m.score) == ("aed", "legacy", 1.0)


def test_matched_fields_map_column_indexes_to_field_names():
    headers = ["メモ", *layout("public-wifi", "legacy")]
    m = best_match(headers)
    assert 0 not in m.matched_fields
    assert m.matched_fields[1] == headers[1]


def test_current_layout_wins_over_legacy_for_a_current_header():
    m = best_match(layout("public-toilets", "current"))
    assert m.layout == "current"


def test_missing_required_lists_required_fields_absent_from_the_header():
    headers = [h for h in layout("aed", "legacy") if h != "設置位置"]
    m = best_match(headers)
    assert m.standard == "aed"
    assert m.missing_required == ["設置位置"]
    assert "設置位置" in m.missing_fields


def test_extra_columns_lower_the_score_but_keep_the_match():
    headers = [*layout("tourist-facilities", "legacy"), "区分1", "区分2", "タグ1"]
    m = best_match(headers)
    assert m.standard == "tourist-facilities"
    assert AUTO_THRESHOLD <= m.score < 1.0


def test_generic_facility_columns_are_not_auto_matched():
    headers = ["NO", "名称", "住所", "緯度", "経度", "電話番号", "備考"]
    assert best_match(headers) is None


def test_ranking_is_sorted_by_score():
    scores = [m.score for m in match_standard(layout("events", "legacy"))]
    assert scores == sorted(scores, reverse=True)


def test_claimed_standard_is_used_even_with_a_low_score():
    m = best_match(["名称", "住所"], claimed="public-toilets")
    assert m.standard == "public-toilets"
    assert m.score < AUTO_THRESHOLD


def test_claimed_standard_without_fields_gives_no_match():
    assert best_match(["献立名"], claimed="school-lunch-menus") is None


def test_unknown_claimed_standard_gives_no_match():
    assert best_match(["名称"], claimed="no-such-standard") is None


def test_synonym_seen_in_the_corpus_maps_to_the_standard_field():
    headers = [
        "市区町村コード" if h == "都道府県コード又は市区町村コード" else h
        for h in layout("events", "legacy")
    ]
    m = best_match(headers)
    assert m.matched_fields[0] == "都道府県コード又は市区町村コード"


def test_synonym_is_not_used_when_the_layout_has_that_column_itself():
    m = best_match(layout("designated-emergency-evacuation-sites", "legacy"))
    col = layout("designated-emergency-evacuation-sites", "legacy").index("市区町村コード")
    assert m.matched_fields[col] == "市区町村コード"


def test_prefixed_data_model_names_are_matched_without_the_prefix():
    headers = ["ごみの分別方法_" + h for h in layout("waste-sorting", "current")]
    m = best_match(headers)
    assert m.standard == "waste-sorting"


def test_partial_layout_is_never_auto_matched():
    headers = layout("aed", "current")  # the 7 known items only, shared by every sheet
    m = best_match(headers)
    assert m is None or m.standard != "aed" or m.layout != "current"


def test_blank_headers_do_not_count_against_the_score():
    m = best_match([*layout("aed", "legacy"), "", ""])
    assert m.score == 1.0
