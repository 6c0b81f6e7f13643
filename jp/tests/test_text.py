"""Tests for NFKC, kana and dash folding and the search normal form."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jp.tests.strategies import any_text, japanese_text
from jp.text import (
    fold_characters,
    fold_dashes,
    hira_to_kata,
    kata_to_hira,
    nfkc,
    normalize_for_search,
    normalize_spaces,
)


def test_nfkc_turns_full_width_latin_and_half_width_kana_into_the_usual_forms() -> None:
    assert nfkc("ＡＥＤ１２３") == "AED123"
    assert nfkc("ｶﾞｽ") == "ガス"
    assert nfkc("㈱") == "(株)"


def test_kata_to_hira_converts_katakana_and_keeps_the_prolonged_sound_mark() -> None:
    assert kata_to_hira("ゴミ") == "ごみ"
    assert kata_to_hira("コーヒー") == "こーひー"
    assert kata_to_hira("ヴァイオリン") == "ゔぁいおりん"
    assert kata_to_hira("ヽヾ・ABC漢字") == "ゝゞ・ABC漢字"


def test_small_ka_and_ke_become_full_size_so_month_counts_and_place_names_match() -> None:
    assert kata_to_hira("3ヵ月") == kata_to_hira("3カ月") == "3か月"
    assert kata_to_hira("霞ヶ関") == kata_to_hira("霞ケ関") == "霞け関"


def test_hira_to_kata_converts_hiragana_including_vu_and_small_ka_ke() -> None:
    assert hira_to_kata("ごみ") == "ゴミ"
    assert hira_to_kata("ゔゕゖゝ") == "ヴヵヶヽ"
    assert hira_to_kata("すーぱー") == "スーパー"


@given(st.text(alphabet=[chr(c) for c in range(0x3041, 0x3095)] + ["ー"]))
def test_hiragana_survives_a_round_trip_through_katakana(s: str) -> None:
    assert kata_to_hira(hira_to_kata(s)) == s


@pytest.mark.parametrize("dash", list("-‐‑‒–—―−－﹣"))
def test_fold_dashes_maps_every_dash_variant_to_ascii(dash: str) -> None:
    assert fold_dashes(f"1{dash}2") == "1-2"
    assert fold_dashes(f"あ{dash}い") == "あ-い"


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("1ー2", "1-2"),
        ("Aー1", "A-1"),
        ("１ー２", "１-２"),
        ("3ｰ4", "3-4"),
        ("1ーー2", "1--2"),
        ("スーパー", "スーパー"),
        ("スーパーA", "スーパーA"),
        ("ｽｰﾊﾟｰ", "ｽｰﾊﾟｰ"),
        ("Aー", "Aー"),
        ("ー1", "ー1"),
    ],
)
def test_fold_dashes_treats_the_long_vowel_mark_as_a_dash_only_between_digits_or_letters(
    raw: str, folded: str
) -> None:
    assert fold_dashes(raw) == folded


def test_normalize_spaces_collapses_ideographic_and_other_spaces() -> None:
    assert normalize_spaces("\u3000東京\u3000\u3000都 \t千代田区\n") == "東京 都 千代田区"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＡＥＤ", "aed"),
        ("ｶﾞｽ", "がす"),
        ("ガス", "がす"),
        ("ゴミ", "ごみ"),
        ("Ｓｔｒａßｅ", "strasse"),
        ("東京\u3000都", "東京 都"),
        ("１ー２", "1-2"),
        ("附属小学校", "付属小学校"),
        ("學校の會議", "学校の会議"),
    ],
)
def test_normalize_for_search_folds_width_case_kana_spaces_dashes_and_variants(
    raw: str, expected: str
) -> None:
    assert normalize_for_search(raw) == expected


def test_normalize_for_search_can_skip_the_variant_step() -> None:
    assert normalize_for_search("附属ＡＥＤ", variants=False) == "附属aed"


def test_fold_characters_removes_invisible_characters_before_composing() -> None:
    assert fold_characters("ガ\u200bス\u00ad") == "がす"
    assert fold_characters("か\u200bﾞ") == "が"


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_normalize_for_search_is_idempotent(s: str) -> None:
    once = normalize_for_search(s)
    assert normalize_for_search(once) == once


@settings(deadline=None)
@given(japanese_text)
def test_normalize_for_search_without_variants_is_idempotent(s: str) -> None:
    once = normalize_for_search(s, variants=False)
    assert normalize_for_search(once, variants=False) == once
