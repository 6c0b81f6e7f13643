"""Japanese search: two-character words, kana and width variants, kanji variants, facets."""

import pytest

from catalog.selectors import SearchParams, search_datasets
from core.actor import Actor


def _slugs(q="", **kw):
    result = search_datasets(Actor(), SearchParams(q=q, **kw))
    return {d.slug for d in result.datasets}


@pytest.fixture
def corpus(make_dataset):
    make_dataset(slug="parks", title="市内の公園一覧", tags=["公園"], categories=["facilities"])
    make_dataset(slug="population", title="地域・年齢別人口", standard="population-by-area-and-age",
                 categories=["population"])
    make_dataset(slug="garbage", title="ゴミ収集日カレンダー", categories=["environment"])
    make_dataset(slug="aed", title="ＡＥＤ設置箇所一覧", standard="aed")
    make_dataset(slug="gas", title="ｶﾞｽ供給区域")
    make_dataset(slug="school", title="教育学部附属小学校の給食")
    make_dataset(slug="draft", title="公園の下書き", publish=False)


@pytest.mark.django_db
def test_two_character_words_are_found(corpus):
    assert _slugs("公園") == {"parks"}
    assert _slugs("人口") == {"population"}


@pytest.mark.django_db
def test_hiragana_finds_katakana_and_back(corpus):
    assert _slugs("ごみ") == {"garbage"}
    assert _slugs("ゴミ") == {"garbage"}


@pytest.mark.django_db
def test_full_and_half_width_are_the_same(corpus):
    assert _slugs("AED") == {"aed"}
    assert _slugs("aed") == {"aed"}
    assert _slugs("ガス") == {"gas"}
    assert _slugs("ｶﾞｽ") == {"gas"}


@pytest.mark.django_db
def test_kanji_variants_are_normalised(corpus):
    assert _slugs("付属") == {"school"}
    assert _slugs("附属") == {"school"}


@pytest.mark.django_db
def test_all_words_must_match_and_drafts_stay_hidden(corpus):
    assert _slugs("公園 一覧") == {"parks"}
    assert _slugs("公園 人口") == set()
    assert "draft" not in _slugs("下書き")


@pytest.mark.django_db
def test_hostile_queries_do_not_break_search(corpus):
    for q in ['"', "'; DROP TABLE catalog_dataset; --", "公園 OR 1=1", "NEAR(a b)", "*", ":",
              "a" * 500, "\x00", "公園\"*", "<script>"]:
        result = search_datasets(Actor(), SearchParams(q=q))
        assert result.total >= 0


@pytest.mark.django_db
def test_facets_count_and_filter(corpus):
    result = search_datasets(Actor(), SearchParams(q=""))
    standards = {f.value: f.count for f in result.facets["standard"]}
    assert standards == {"population-by-area-and-age": 1, "aed": 1}
    formats = {f.value: f.count for f in result.facets["format"]}
    assert formats == {"CSV": 6}
    assert _slugs(category=["environment"]) == {"garbage"}
    assert _slugs(standard=["aed"], format=["CSV"]) == {"aed"}


@pytest.mark.django_db
def test_relevance_puts_titles_starting_with_the_word_first(corpus, make_dataset):
    make_dataset(slug="map", title="地図で見る公園")
    make_dataset(slug="play", title="公園の遊具")
    make_dataset(slug="desc", title="緑地の一覧", description="公園を含みます")
    ranked = [d.slug for d in search_datasets(Actor(), SearchParams(q="公園")).datasets]
    assert ranked[0] == "play"
    assert ranked[-1] == "desc"
    assert set(ranked) == {"play", "map", "parks", "desc"}


@pytest.mark.django_db
def test_sorting_by_title(corpus):
    titles = [d.title for d in search_datasets(Actor(), SearchParams(sort="title")).datasets]
    assert titles == sorted(titles)


@pytest.mark.django_db
def test_text_search_also_works_as_a_subquery(corpus):
    from catalog import search
    from catalog.models import Dataset

    inner = search.filter_queryset(Dataset.objects.filter(private=False), "公園").values("pk")
    outer = Dataset.objects.filter(pk__in=inner).exclude(slug="draft")
    assert set(outer.values_list("slug", flat=True)) == {"parks"}
