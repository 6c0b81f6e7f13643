"""Item search: romaji, kana and kanji queries, partial words, typos, and the selector."""

from __future__ import annotations

import pytest

from gomi.search import (
    Entry,
    item_reading,
    kana_key,
    parse_query,
    romaji_to_hiragana,
    search,
    substring_distance,
)

DICTIONARY = [
    ("ペットボトル", "ぺっとぼとる"),
    ("ペットボトルのキャップ", ""),
    ("空き缶", ""),
    ("乾電池", ""),
    ("スプレー缶", ""),
    ("蛍光灯", ""),
    ("ふとん", ""),
    ("新聞紙", ""),
]


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    """A small dictionary; readings from the furigana or SudachiPy, as the selector makes them."""
    return [Entry(key=i, name=name, reading=item_reading(name=name, furigana=furigana),
                  position=i, other_names=("PET bottle",) if i == 0 else ())
            for i, (name, furigana) in enumerate(DICTIONARY)]


def names(hits) -> list[str]:
    """The names of the hits, best first."""
    return [h.entry.name for h in hits]


def test_hepburn_romaji_becomes_hiragana():
    assert romaji_to_hiragana("pettobotoru") == "ぺっとぼとる"


def test_kunrei_and_hepburn_spellings_give_the_same_kana():
    assert romaji_to_hiragana("sinbun") == romaji_to_hiragana("shimbun") == "しんぶん"


def test_nn_before_a_vowel_keeps_the_n_syllable():
    assert romaji_to_hiragana("onna") == "おんな"


def test_long_vowels_fold_so_tokyo_meets_toukyou():
    assert kana_key("とうきょう") == kana_key(romaji_to_hiragana("tokyo"))


def test_furigana_of_one_character_is_not_a_reading():
    assert item_reading(name="空き缶", furigana="あ") == "あきかん"


def test_english_words_are_not_taken_as_romaji():
    assert parse_query("bottle").kana == ""


def test_hiragana_query_finds_the_katakana_item(entries):
    assert names(search(entries, "ぺっとぼとる"))[0] == "ペットボトル"


def test_romaji_query_finds_the_item(entries):
    assert names(search(entries, "pettobotoru"))[0] == "ペットボトル"


def test_half_width_katakana_query_finds_the_item(entries):
    assert names(search(entries, "ﾍﾟｯﾄﾎﾞﾄﾙ"))[0] == "ペットボトル"


def test_kanji_query_finds_items_by_name(entries):
    assert "スプレー缶" in names(search(entries, "缶"))


def test_hiragana_query_finds_a_kanji_item_by_reading(entries):
    assert names(search(entries, "けいこうとう")) == ["蛍光灯"]


def test_partial_word_finds_longer_items(entries):
    assert set(names(search(entries, "ぺっと"))) == {"ペットボトル", "ペットボトルのキャップ"}


def test_small_typo_is_forgiven(entries):
    assert names(search(entries, "ぺとぼとる"))[0] == "ペットボトル"


def test_typo_in_romaji_is_forgiven(entries):
    assert "新聞紙" in names(search(entries, "shinbunshii"))


def test_exact_match_ranks_before_longer_names(entries):
    hits = search(entries, "ペットボトル")
    assert names(hits)[:2] == ["ペットボトル", "ペットボトルのキャップ"]


def test_translated_name_matches(entries):
    assert names(search(entries, "pet bottle")) == ["ペットボトル"]


def test_short_kana_is_not_matched_fuzzily(entries):
    assert search(entries, "ぬぬぬ") == []


def test_unrelated_query_finds_nothing(entries):
    assert search(entries, "xyzzy") == []


def test_substring_distance_counts_edits_against_the_best_substring():
    assert substring_distance("ぺとぼ", "ぺっとぼとる") == 1


# --- selector -------------------------------------------------------------------------------

@pytest.fixture
def town(db):
    """A municipality with three items and an English name for one of them."""
    from core.models import Organisation
    from gomi.models import Category, Item, Translation

    org = Organisation.objects.create(slug="search-town", name="検索町", lgcode="011002")
    burnable = Category.objects.create(municipality=org, name="燃やすごみ")
    Item.objects.create(municipality=org, name="ペットボトル", category=burnable)
    cup = Item.objects.create(municipality=org, name="紙コップ", category=burnable)
    Translation.objects.create(item=cup, field="name", lang="en", text="paper cup")
    Item.objects.create(municipality=org, name="生ごみ", category=burnable)
    return org


@pytest.mark.django_db
def test_selector_returns_items_with_their_category(town):
    from gomi.search import search_items

    items = search_items(municipality=town, q="なまごみ")
    assert [(i.name, i.category.name) for i in items] == [("生ごみ", "燃やすごみ")]


@pytest.mark.django_db
def test_selector_finds_by_translated_name(town):
    from gomi.search import search_items

    assert [i.name for i in search_items(municipality=town, q="paper cup")] == ["紙コップ"]


@pytest.mark.django_db
def test_search_without_result_is_recorded(town):
    from gomi.models_residents import SearchMiss
    from gomi.search import search_items

    search_items(municipality=town, q="ぴあの")
    search_items(municipality=town, q="ピアノ")
    miss = SearchMiss.objects.get(municipality=town)
    assert (miss.query, miss.count) == ("ぴあの", 2)


@pytest.mark.django_db
def test_index_is_rebuilt_when_an_item_is_added(town):
    from gomi.models import Item
    from gomi.search import search_items

    assert search_items(municipality=town, q="ぴあの", record_miss=False) == []
    Item.objects.create(municipality=town, name="ピアノ")
    assert [i.name for i in search_items(municipality=town, q="ぴあの")] == ["ピアノ"]
