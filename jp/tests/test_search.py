"""Tests for the bigram search tokeniser shared by SQLite FTS5 and PostgreSQL."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from jp.search import MAX_INDEX_TOKENS, index_text, query_runs, query_terms, run_tokens
from jp.tests.strategies import any_text
from jp.text import fold_characters, normalize_for_search


def contains_phrase(tokens: list[str], phrase: list[str]) -> bool:
    """Return True if `phrase` occurs as consecutive tokens, like an FTS phrase query."""
    n = len(phrase)
    return any(tokens[i : i + n] == phrase for i in range(len(tokens) - n + 1))


def matches(document: str, query: str) -> bool:
    """Evaluate a query the way the database does: every run is a phrase, runs are ANDed."""
    tokens = index_text(document).split()
    runs = query_runs(query)
    for run in runs:
        if len(run) == 1 and len(run[0]) == 1:  # one-character run: prefix query
            if not any(token.startswith(run[0]) for token in tokens):
                return False
        elif not contains_phrase(tokens, run):
            return False
    return bool(runs)


@pytest.mark.parametrize("word", ["公園", "人口", "ごみ"])
def test_two_character_words_are_one_bigram_plus_their_last_character(word: str) -> None:
    assert index_text(word) == f"{word} {word[1]}"
    assert query_runs(word) == [[word]]


def test_a_run_becomes_overlapping_bigrams_and_a_final_unigram() -> None:
    assert run_tokens("abcd") == ["ab", "bc", "cd", "d"]
    assert run_tokens("a") == ["a"]
    assert index_text("abcd") == "ab bc cd d"
    assert index_text("a") == "a"


def test_punctuation_underscores_and_spaces_separate_runs() -> None:
    assert index_text("公園_人口、ab-c d") == "公園 園 人口 口 ab b c d"
    assert query_runs("公園_人口") == [["公園"], ["人口"]]


@pytest.mark.parametrize(
    ("a", "b"), [("ゴミ", "ごみ"), ("ＡＥＤ", "AED"), ("ｶﾞｽ", "ガス"), ("ﾊﾞｽ停", "バス停")]
)
def test_width_case_and_kana_variants_give_the_same_tokens(a: str, b: str) -> None:
    assert index_text(a) == index_text(b)
    assert query_runs(a) == query_runs(b)


def test_a_query_for_a_park_matches_the_park_playground_list() -> None:
    title = "市立中央公園の遊具一覧"
    assert matches(title, "公園")
    assert matches(title, "中央公園")
    assert matches(title, "公園 遊具")
    assert not matches(title, "公民館")
    assert not matches(title, "園公")


def test_a_one_character_query_is_a_prefix_query() -> None:
    assert query_runs("公") == [["公"]]
    assert matches("市立中央公園", "公")
    assert matches("市立中央公園", "園")  # the last character of a run is a unigram
    assert not matches("市立中央公園", "館")


def test_runs_do_not_join_into_a_false_phrase() -> None:
    assert not matches("公 園", "公園")
    assert not matches("ab cd", "bc")


def test_kanji_variants_match_in_either_spelling() -> None:
    for doc in ("附属小学校", "付属小学校"):
        for query in ("附属", "付属", "附属小学校", "属小", "小学校"):
            assert matches(doc, query), (doc, query)


def test_a_substring_cut_from_a_normalised_word_still_matches_the_original_text() -> None:
    # 申込書 is indexed as 申し込み書 and as 申込書, so the cut 込書 is still found.
    assert matches("申込書の受付", "込書")
    assert matches("申込書の受付", "申し込み")


def test_query_runs_drop_edge_long_vowel_marks() -> None:
    assert query_terms("コンピューター") == ["こんぴゅーた"]
    assert matches("コンピュータ室", "コンピューター")
    assert matches("1ー2", "1ー")
    assert query_terms("ー ーー") == []
    assert query_runs("") == []


def test_index_tokens_are_alphanumeric_and_capped() -> None:
    tokens = index_text("市立中央公園の遊具一覧。" * 2000).split()
    assert len(tokens) == MAX_INDEX_TOKENS
    assert all(token.isalnum() and 1 <= len(token) <= 2 for token in tokens)


@given(any_text)
@settings(deadline=None)
def test_index_tokens_are_always_one_or_two_alphanumeric_characters(text: str) -> None:
    for token in index_text(text).split(" ") if text else []:
        assert token == "" or (token.isalnum() and len(token) <= 2)


def _folds_apart(text: str, i: int, j: int) -> bool:
    """True if character folding (NFKC composition etc.) does not join characters across i and j."""
    return fold_characters(text) == (
        fold_characters(text[:i]) + fold_characters(text[i:j]) + fold_characters(text[j:])
    )


@st.composite
def text_and_substring(draw: st.DrawFn) -> tuple[str, str]:
    """Draw a text and a substring of at least two characters."""
    text = draw(any_text.filter(lambda t: len(t) >= 2))
    i = draw(st.integers(min_value=0, max_value=len(text) - 2))
    j = draw(st.integers(min_value=i + 2, max_value=len(text)))
    assume(_folds_apart(text, i, j))
    return text, text[i:j]


@settings(max_examples=500, deadline=None)
@given(text_and_substring())
def test_any_substring_of_two_or_more_characters_is_found_as_a_phrase(
    case: tuple[str, str],
) -> None:
    """The core property, under its exact condition.

    Holds for every substring whose cut points do not split a character from a combining
    mark or a Hangul syllable (checked by _folds_apart) and whose own kanji-variant step is
    the identity (true for any substring without kanji and for most with kanji).
    """
    text, sub = case
    assume(normalize_for_search(sub) == normalize_for_search(sub, variants=False))
    tokens = index_text(text).split()
    for run in query_runs(sub):
        if len(run) == 1 and len(run[0]) == 1:
            assert any(token.startswith(run[0]) for token in tokens), (text, sub, run)
        else:
            assert contains_phrase(tokens, run), (text, sub, run)
