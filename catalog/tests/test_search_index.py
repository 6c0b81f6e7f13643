"""The in-memory search index answers exactly as the SQL path, also after unseen writes."""

from __future__ import annotations

import random
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.catalog import generate
from catalog.models import Category, Dataset, Resource, Tag
from catalog.search_index import runtime
from catalog.search_index.build import build_index
from catalog.selectors import SearchParams, search_datasets, search_datasets_sql
from core.actor import Actor
from core.models import Organisation, Role
from tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db

QUERIES = ["", "公園", "ごみ", "ゴミ", "ＡＥＤ", "ｶﾞｽ", "避難所 一覧", "データ", "一覧", "子育て支援",
           "令和5年度", "図書館", "公衆無線LAN", "桜", "保育所", "人口", "ハザードマップ 洪水", "公",
           "マンホールカード", "施設一覧", "5", "a", "!!", "ー"]
SORTS = ["relevance", "modified", "created", "title", "quality", "unknown"]
HYPO = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.fixture
def catalog():
    """A generated catalog of 160 datasets (all states) with an active index over it."""
    orgs, depts, gens = generate.generate(160, seed=11)
    generate.tokenise(gens, orgs, depts)
    generate.insert(gens, orgs, depts)
    runtime.activate(build_index())
    yield
    runtime.activate(None)


@pytest.fixture
def actors(catalog):
    """Anonymous, a member of the organisation with the most non-public datasets, an admin."""
    hidden = (Dataset.objects.exclude(state="published", private=False)
              .values_list("organisation_id", flat=True))
    counts: dict[int, int] = {}
    for org_id in hidden:
        counts[org_id] = counts.get(org_id, 0) + 1
    org = Organisation.objects.get(pk=max(counts, key=counts.get))
    staff = member(UserFactory(username="idx-editor"), org, Role.EDITOR)
    admin = UserFactory(username="idx-admin", is_superuser=True, is_staff=True)
    return {"anonymous": Actor(), "staff": Actor(user=staff), "admin": Actor(user=admin)}


def _shape(result):
    """What must be equal: total, page ids and every facet's values and counts."""
    facets = {name: [(f.value, f.count, f.selected) for f in items]
              for name, items in result.facets.items()}
    return result.total, [d.id for d in result.datasets], facets


def _same(actor: Actor, params: SearchParams) -> None:
    """Assert the index and SQL give identical answers."""
    assert runtime.active() is not None
    got = _shape(search_datasets(actor, params))
    want = _shape(search_datasets_sql(actor, params))
    assert got == want, params


def _filters(rng: random.Random) -> dict:
    """Random filters drawn from the values present in the database."""
    out: dict = {}
    pick = rng.random
    if pick() < 0.3:
        out["organization"] = rng.sample(list(Organisation.objects.values_list("slug", flat=True)
                                              .order_by("slug")[:40]), 1)
    if pick() < 0.3:
        out["category"] = rng.sample(sorted(Category.objects.values_list("slug", flat=True)),
                                     rng.choice([1, 2]))
    if pick() < 0.2:
        out["tag"] = rng.sample(sorted(Tag.objects.values_list("name", flat=True)), 1)
    if pick() < 0.3:
        fmts = sorted(set(Resource.objects.values_list("format", flat=True)))
        out["format"] = [f.lower() for f in rng.sample(fmts, min(2, len(fmts)))]
    if pick() < 0.2:
        out["licence"] = rng.sample(sorted(set(Dataset.objects.values_list("licence_id",
                                                                           flat=True))), 1)
    if pick() < 0.2:
        stds = sorted({s for s in Dataset.objects.values_list("standard_id", flat=True) if s})
        out["standard"] = [*rng.sample(stds, 1), "no-such-standard"]
    return out


@HYPO
@given(q=st.sampled_from(QUERIES), sort=st.sampled_from(SORTS), who=st.sampled_from(
    ["anonymous", "staff", "admin"]), page=st.integers(1, 3), seed=st.integers(0, 10**6))
def test_index_equals_sql(actors, q, sort, who, page, seed):
    _same(actors[who], SearchParams(q=q, sort=sort, page=page, page_size=7,
                                     **_filters(random.Random(seed))))


@HYPO
@given(data=st.data(), who=st.sampled_from(["anonymous", "staff", "admin"]))
def test_substrings_of_titles_find_the_same(actors, data, who):
    titles = list(Dataset.objects.order_by("id").values_list("title", flat=True))
    title = data.draw(st.sampled_from(titles))
    start = data.draw(st.integers(0, max(0, len(title) - 1)))
    length = data.draw(st.integers(1, 6))
    _same(actors[who], SearchParams(q=title[start:start + length]))


def _write_unseen_changes() -> None:
    """Writes the index has not seen: edits through update(), link changes, deletes, new rows."""
    ids = list(Dataset.objects.order_by("id").values_list("id", flat=True))
    first = Dataset.objects.get(pk=ids[0])
    Dataset.objects.filter(pk=ids[1]).update(state="draft")
    Dataset.objects.filter(pk=ids[2]).update(private=True, quality=99)
    Dataset.objects.filter(pk=ids[3]).update(search_title="ごみ 公園", search_tokens="ごみ み 公園 園")
    Resource.objects.filter(dataset_id=ids[4]).update(deleted=True)
    Resource.objects.filter(dataset_id=ids[5]).update(format="GEOJSON")
    Dataset.tags.through.objects.filter(dataset_id=ids[6]).delete()
    first.categories.set(Category.objects.all()[:3])
    first.tags.add(Tag.objects.create(name="新しいタグ"))
    Dataset.objects.filter(pk=ids[7]).delete()
    clone = Dataset.objects.get(pk=ids[8])
    clone.pk = None
    clone.slug = "a-new-one"
    clone.uuid = uuid.uuid4()
    clone.save()
    clone.tags.add(Tag.objects.get(name="新しいタグ"))
    Resource.objects.create(dataset=clone, name="x", format="CSV", position=1)


@HYPO
@given(q=st.sampled_from(QUERIES), sort=st.sampled_from(SORTS), who=st.sampled_from(
    ["anonymous", "staff", "admin"]), seed=st.integers(0, 10**6))
def test_index_equals_sql_after_writes_it_has_not_seen(actors, q, sort, who, seed):
    if not Dataset.objects.filter(slug="a-new-one").exists():
        _write_unseen_changes()
    assert runtime.changed_since(runtime.active())
    _same(actors[who], SearchParams(q=q, sort=sort, **_filters(random.Random(seed))))


def test_an_index_of_another_database_is_not_used(catalog, settings):
    built = runtime.active()
    runtime.activate(built.__class__(**{**built.__dict__, "db_name": "elsewhere"}))
    assert runtime.active() is None


def test_too_many_changes_fall_back_to_sql(catalog, monkeypatch):
    monkeypatch.setattr(runtime, "MAX_FRESH", 0)
    Dataset.objects.filter(pk=Dataset.objects.order_by("id")[0].pk).update(quality=1)
    assert runtime.search(Actor(), SearchParams(q="公園")) is None
