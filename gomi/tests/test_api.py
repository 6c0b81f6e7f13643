"""The gomi JSON API: areas, categories, collections in a range, item search, errors."""

from __future__ import annotations

from datetime import timedelta

import pytest

from gomi.tests.residents_factory import make_town, tomorrow


@pytest.fixture
def town(db):
    """The resident test town."""
    return make_town()


@pytest.mark.django_db
def test_areas_have_id_and_name(client, town):
    body = client.get(f"/api/v1/gomi/{town.lgcode}/areas").json()
    assert body == [{"id": town.honmachi.pk, "name": "本町"}, {"id": town.ekimae.pk, "name": "駅前"}]


@pytest.mark.django_db
def test_categories_keep_their_imported_names(client, town):
    body = client.get(f"/api/v1/gomi/{town.lgcode}/categories").json()
    assert [c["name"] for c in body] == ["燃やすごみ", "資源", "びん"]


@pytest.mark.django_db
def test_collections_match_the_selector(client, town):
    from gomi import selectors

    start, end = tomorrow(), tomorrow() + timedelta(days=13)
    body = client.get(f"/api/v1/gomi/{town.lgcode}/areas/{town.honmachi.pk}/collections",
                      {"from": start.isoformat(), "to": end.isoformat()}).json()
    expected = [(c.date.isoformat(), c.category.name)
                for c in selectors.collections_for_area(town.honmachi, start, end)]
    assert [(c["date"], c["category"]) for c in body] == expected


@pytest.mark.django_db
def test_collections_carry_the_notice_of_a_move(client, town):
    from gomi.models import ScheduleException

    d = tomorrow()
    ScheduleException.objects.create(municipality=town.org, area=town.honmachi,
                                     category=town.resources, date=d, kind="move",
                                     new_date=d + timedelta(days=1), notice="翌日に振り替えます")
    body = client.get(f"/api/v1/gomi/{town.lgcode}/areas/{town.honmachi.pk}/collections",
                      {"from": d.isoformat(), "to": (d + timedelta(days=1)).isoformat()}).json()
    moved = [c for c in body if c["category"] == "資源" and c["notice"]]
    assert [(c["date"], c["moved_from"]) for c in moved] == [
        ((d + timedelta(days=1)).isoformat(), d.isoformat())]


@pytest.mark.django_db
def test_range_over_400_days_is_refused_in_both_languages(client, town):
    start = tomorrow()
    response = client.get(f"/api/v1/gomi/{town.lgcode}/areas/{town.honmachi.pk}/collections",
                          {"from": start.isoformat(),
                           "to": (start + timedelta(days=400)).isoformat()})
    body = response.json()
    assert response.status_code == 400 and "400日" in body["message"] and "400 days" in body["message"]


@pytest.mark.django_db
def test_range_ending_before_it_starts_is_refused(client, town):
    start = tomorrow()
    response = client.get(f"/api/v1/gomi/{town.lgcode}/areas/{town.honmachi.pk}/collections",
                          {"from": start.isoformat(), "to": (start - timedelta(days=1)).isoformat()})
    assert response.status_code == 400


@pytest.mark.django_db
def test_malformed_date_is_a_validation_error(client, town):
    response = client.get(f"/api/v1/gomi/{town.lgcode}/areas/{town.honmachi.pk}/collections",
                          {"from": "2025-13-01", "to": "2025-12-31"})
    assert response.status_code in (400, 409, 422) and "from" in response.json()["fields"]


@pytest.mark.django_db
def test_area_of_another_municipality_is_not_found(client, town):
    other = make_town()
    response = client.get(f"/api/v1/gomi/{town.lgcode}/areas/{other.honmachi.pk}/collections",
                          {"from": "2030-01-01", "to": "2030-01-02"})
    assert response.status_code == 404


@pytest.mark.django_db
def test_unknown_municipality_is_not_found_in_both_languages(client, db):
    body = client.get("/api/v1/gomi/999999/areas").json()
    assert body["error"] == "not_found" and " / " in body["message"]


@pytest.mark.django_db
def test_item_search_by_romaji_returns_the_category(client, town):
    body = client.get(f"/api/v1/gomi/{town.lgcode}/items", {"q": "pettobotoru"}).json()
    assert [(i["name"], i["category"]) for i in body] == [("ペットボトル", "資源")]


@pytest.mark.django_db
def test_item_search_needs_a_query(client, town):
    assert client.get(f"/api/v1/gomi/{town.lgcode}/items").status_code != 200
