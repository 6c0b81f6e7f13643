"""Tests for kanji variant normalisation with Sudachi."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jp.chars import has_kanji
from jp.variants import normalize_variants


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("附属小学校", "付属小学校"),
        ("學校", "学校"),
        ("衣裳", "衣装"),
        ("會議室", "会議室"),
        ("檢査", "検査"),
        ("藝術", "芸術"),
        ("申込書", "申し込み書"),
        ("綜合体育館", "総合体育館"),
    ],
)
def test_real_kanji_variants_are_normalised(raw: str, expected: str) -> None:
    assert normalize_variants(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "燃やさないごみ",  # inflected verb: no lemma (燃やす) is forced in
        "十日町市",  # numbers inside names stay (十 → 10 is refused)
        "一丁目1番地",
        "525,十日町",  # no merging across punctuation
        "渡辺さん",
        "付属小学校",  # already normal
        "以",  # a lone kanji: Sudachi would read it as 持つ
        "郷に入っては",  # a lone kanji: Sudachi would map 郷 to 里
    ],
)
def test_words_that_are_not_spelling_variants_are_kept(raw: str) -> None:
    assert normalize_variants(raw) == raw


def test_the_rest_of_the_text_is_kept_around_a_variant() -> None:
    assert normalize_variants("  ABC 附属、ｶﾞｽ！\n") == "  ABC 付属、ｶﾞｽ！\n"


def test_long_input_is_split_below_sudachis_size_limit() -> None:
    line = "附属小学校の申込書を受け付けます。"
    text = (line * 4000) + ("附属" * 30000)  # ~130,000 characters, well over 49,149 bytes
    assert (
        normalize_variants(text)
        == ("付属小学校の申し込み書を受け付けます。" * 4000) + "付属" * 30000
    )


def test_a_long_run_without_any_break_is_still_handled() -> None:
    assert normalize_variants("學校" * 25000) == "学校" * 25000


@pytest.mark.parametrize(
    "junk", ["", "\x00附属", "\ud800附属\udfff", "附属\U0010ffff", "\u3099附", "附" * 20001]
)
def test_junk_input_never_raises(junk: str) -> None:
    assert isinstance(normalize_variants(junk), str)


@settings(deadline=None)
@given(st.text())
def test_any_text_is_accepted_and_text_without_kanji_is_unchanged(s: str) -> None:
    out = normalize_variants(s)
    if not has_kanji(s):
        assert out == s


def test_each_thread_gets_its_own_tokenizer_and_the_same_results() -> None:
    text = "附属小学校の申込書と學校の櫻" * 50
    expected = normalize_variants(text)
    results: list[str] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(20):
                results.append(normalize_variants(text))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert results == [expected] * 80
