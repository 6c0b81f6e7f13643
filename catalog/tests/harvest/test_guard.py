"""Harvested datasets are read-only locally; only the harvester changes them.

The refusals need the services guard (catalog.harvest.guard.refuse_harvested_edit called in
catalog/services/datasets.py and resources.py).
"""

import pytest

from catalog import services
from catalog.harvest.engine import harvest
from catalog.harvest.guard import harvest_info, harvester_actor, is_harvested, is_harvester
from catalog.models import Dataset
from catalog.services import DatasetData, ResourceData
from catalog.tests.harvest.fakes import FakeCkan, package
from core.actor import Actor
from core.errors import PermissionDenied
from tests.fixtures import actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def harvested(make_source):
    harvest(make_source(), fetch=FakeCkan([package("parks")]).fetch)
    return Dataset.objects.get(slug="parks")


def test_a_local_dataset_is_not_harvested(make_dataset):
    dataset = make_dataset()
    assert not is_harvested(dataset)
    assert harvest_info(dataset) is None


def test_the_harvester_is_a_system_account_that_cannot_log_in(db):
    who = harvester_actor()
    assert is_harvester(who)
    assert not who.user.is_active
    assert not who.user.has_usable_password()
    assert not is_harvester(Actor(user=who.user, token_prefix="kmn_abc"))
    assert harvester_actor().user.pk == who.user.pk


def test_staff_cannot_edit_a_harvested_dataset(harvested, site_admin, org_admin):
    for user in (org_admin, site_admin):
        with pytest.raises(PermissionDenied):
            services.update_dataset(actor=actor(user), dataset=harvested,
                                    data=DatasetData(slug="parks", title="書き換え",
                                                     licence="cc-by-4.0"))
        with pytest.raises(PermissionDenied):
            services.delete_dataset(actor=actor(user), dataset=harvested)
        with pytest.raises(PermissionDenied):
            services.add_resource(actor=actor(user), dataset=harvested,
                                  data=ResourceData(name="x"), url="https://example.jp/x.csv")
        resource = harvested.resources.get()
        with pytest.raises(PermissionDenied):
            services.replace_resource_file(actor=actor(user), resource=resource,
                                           url="https://example.jp/y.csv")
        with pytest.raises(PermissionDenied):
            services.delete_resource(actor=actor(user), resource=resource)
    harvested.refresh_from_db()
    assert harvested.title == "parks の一覧"
    assert harvested.state == Dataset.State.PUBLISHED


def test_the_harvester_may_still_change_it(harvested):
    services.unpublish_dataset(actor=harvester_actor(), dataset=harvested)
    harvested.refresh_from_db()
    assert harvested.state == Dataset.State.DRAFT


def test_local_datasets_stay_editable(make_dataset, editor, harvested):
    dataset = make_dataset(slug="own")
    services.update_dataset(actor=actor(editor), dataset=dataset,
                            data=DatasetData(slug="own", title="自前", licence="cc-by-4.0"))
    dataset.refresh_from_db()
    assert dataset.title == "自前"


def test_harvest_info_costs_no_query_when_selected_with_the_dataset(harvested,
                                                                    django_assert_num_queries):
    dataset = Dataset.objects.select_related("harvest_record__source").get(pk=harvested.pk)
    with django_assert_num_queries(0):
        info = harvest_info(dataset)
    assert info.remote_url == "https://ckan.example.jp/dataset/parks"
    assert info.source_title == "https://ckan.example.jp"
