"""Platform metrics as KPIs, and the /api/v1 metrics and plan endpoints."""

from datetime import date

import pytest

from catalog.services import (
    DatasetData,
    create_dataset,
    delete_dataset,
    publish_dataset,
    unpublish_dataset,
)
from core import metrics
from core.models import MetricSnapshot
from plan.models import KPI
from plan.selectors import values_by_fy
from plan.services.plans import update_plan
from plan.tests.conftest import as_actor

pytestmark = pytest.mark.django_db


def _dataset(who, org, slug, *, private=False):
    return create_dataset(actor=who, organisation=org,
                          data=DatasetData(slug=slug, title=slug, private=private))


def test_automatic_kpi_follows_publish_unpublish_and_delete(plan, org_admin, editor):
    who = as_actor(editor)
    org = plan.organisation
    kpi = KPI.objects.get(measure__plan=plan, source="metric:catalog.published_datasets")
    a, b, c = (_dataset(who, org, s) for s in ("ds-a", "ds-b", "ds-c"))
    hidden = _dataset(who, org, "ds-private", private=True)
    for d in (a, b, c, hidden):
        publish_dataset(actor=who, dataset=d)
    unpublish_dataset(actor=who, dataset=b)
    delete_dataset(actor=who, dataset=c)
    from catalog.models import Dataset

    public_count = Dataset.objects.public().filter(organisation=org).count()
    # The plan's period is over, so the KPI's current value is read through a fiscal year
    # inside it: stretch the period to include today for this check.
    update_plan(actor=as_actor(org_admin), plan=plan, to_fy=date.today().year + 1,
                reason="期間延長 / extended")
    values = values_by_fy(kpi, organisation=org, fiscal_years=plan.fiscal_years)
    from plan.engine.fiscal import fiscal_year_of

    assert public_count == 1
    assert values[fiscal_year_of(date.today())] == public_count


def test_metric_kpi_takes_the_last_snapshot_of_each_fiscal_year(plan):
    kpi = KPI.objects.get(measure__plan=plan, source="metric:catalog.published_datasets")
    for day, value in ((date(2021, 5, 1), 3), (date(2022, 3, 31), 7), (date(2022, 4, 1), 9)):
        MetricSnapshot.objects.create(key=kpi.metric_key, organisation=plan.organisation,
                                      day=day, value=value)
    values = values_by_fy(kpi, organisation=plan.organisation, fiscal_years=plan.fiscal_years,
                          today=date(2030, 1, 1))
    assert values == {2021: 7, 2022: 9}


def test_catalog_metrics_are_registered():
    keys = {m.key for m in metrics.metrics()}
    assert {"catalog.published_datasets", "catalog.standard_datasets_covered",
            "catalog.machine_readable_share"} <= keys


def test_api_metrics_gives_value_unit_and_label_for_every_metric(client, plan, editor):
    publish_dataset(actor=as_actor(editor),
                    dataset=_dataset(as_actor(editor), plan.organisation, "ds-api"))
    body = client.get("/api/v1/metrics").json()
    assert set(body) == {m.key for m in metrics.metrics()}
    assert body["catalog.published_datasets"]["value"] == 1
    assert body["catalog.published_datasets"]["unit"] == "件"


def test_api_metrics_per_organisation(client, plan, other_org):
    body = client.get(f"/api/v1/metrics?organisation={other_org.slug}").json()
    assert body["catalog.published_datasets"]["value"] == 0


def test_api_metrics_unknown_organisation_is_404(client, db):
    assert client.get("/api/v1/metrics?organisation=nowhere").status_code == 404


def test_api_plan_has_pillars_and_measures_in_plan_order(client, plan, org_admin):
    update_plan(actor=as_actor(org_admin), plan=plan, is_public=True, reason="公開 / public")
    body = client.get(f"/api/v1/plans/{plan.pk}").json()
    assert [m["title"] for m in body["measures"]] == list(
        plan.measures.order_by("order").values_list("title", flat=True))
    assert body["measures"][0]["kpis"][0]["targets"] == {"2022": 10.0, "2024": 20.0}
    assert body["measures"][0]["milestones"][0] == {"fiscal_year": 2020, "text": "検討",
                                                    "status": "done"}
    assert {p["key"] for p in body["pillars"]} == {"online", "opendata", "mynumber", "other"}


def test_api_private_plan_is_hidden_from_the_public(client, plan):
    assert client.get(f"/api/v1/plans/{plan.pk}").status_code == 404


def test_api_private_plan_is_visible_to_its_staff(client, plan, editor):
    client.force_login(editor)
    assert client.get(f"/api/v1/plans/{plan.pk}").status_code == 200


def test_api_public_plan_leaves_out_non_public_measures(client, plan, org_admin):
    from plan.services.plans import set_measure_public

    who = as_actor(org_admin)
    update_plan(actor=who, plan=plan, is_public=True, reason="公開 / public")
    set_measure_public(actor=who, measure=plan.measures.get(order=3), is_public=False,
                       reason="非公開 / hidden")
    titles = [m["title"] for m in client.get(f"/api/v1/plans/{plan.pk}").json()["measures"]]
    assert "窓口業務に関するBPRの推進" not in titles and len(titles) == 3
