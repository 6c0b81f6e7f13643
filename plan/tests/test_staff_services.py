"""The services behind the staff forms, called directly (what views and other callers rely on)."""

import pytest

from catalog.models import Dataset
from core.errors import InvalidInput, PermissionDenied
from core.models import AuditEntry
from plan.services import measures as measure_services
from plan.services.actuals import remove_reporter
from plan.services.plans import set_visibility, update_plan
from plan.services.publish import publish_actuals
from plan.tests.conftest import as_actor

pytestmark = pytest.mark.django_db


def test_hiding_the_plan_also_unpublishes_its_kpi_actuals_dataset(plan, org_admin):
    who = as_actor(org_admin)
    set_visibility(actor=who, plan=plan, is_public=True,
                   public_measure_ids=plan.measures.values_list("pk", flat=True), reason="公開")
    dataset = publish_actuals(actor=who, plan=plan)
    assert dataset.state == Dataset.State.PUBLISHED
    set_visibility(actor=who, plan=plan, is_public=False, public_measure_ids=[], reason="非公開")
    dataset.refresh_from_db()
    assert dataset.state == Dataset.State.DRAFT


def test_invalid_thresholds_leave_the_plan_object_unchanged(plan, org_admin):
    with pytest.raises(InvalidInput):
        update_plan(actor=as_actor(org_admin), plan=plan, grade_a=10, reason="x")
    assert plan.grade_a == 100


def test_a_visibility_change_is_one_revision_with_its_reason(plan, org_admin):
    before = plan.revisions.count()
    set_visibility(actor=as_actor(org_admin), plan=plan, is_public=True, public_measure_ids=[],
                   reason="一部公開")
    assert (plan.revisions.count(), plan.revisions.first().reason) == (before + 1, "一部公開")


def test_the_revision_snapshot_records_whether_the_plan_was_public(plan, org_admin):
    set_visibility(actor=as_actor(org_admin), plan=plan, is_public=True, public_measure_ids=[],
                   reason="公開")
    assert plan.revisions.first().snapshot["is_public"] is True


def test_an_editor_cannot_change_visibility_through_the_service(plan, soumu_editor):
    with pytest.raises(PermissionDenied):
        set_visibility(actor=as_actor(soumu_editor), plan=plan, is_public=True,
                       public_measure_ids=[], reason="x")


def test_a_kpi_cannot_be_saved_under_another_measure(plan, org_admin):
    first, second = plan.measures.get(order=1), plan.measures.get(order=2)
    kpi = first.kpis.get()
    with pytest.raises(InvalidInput):
        measure_services.save_kpi(actor=as_actor(org_admin), measure=second, kpi=kpi,
                                  data=measure_services.KpiData(name="x"), reason="x")


def test_kpi_sources_offer_the_registered_platform_metrics():
    keys = [key for key, _label in measure_services.source_choices()]
    assert keys[0] == "manual" and "metric:catalog.published_datasets" in keys


def test_removing_a_reporter_is_audited(plan, org_admin, soumu_editor):
    row = soumu_editor.plan_departments.get()
    remove_reporter(actor=as_actor(org_admin), reporter=row)
    assert AuditEntry.objects.filter(action="plan.reporter_remove").exists()
