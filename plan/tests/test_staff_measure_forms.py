"""Staff forms for measures: linked datasets, KPIs, milestones; department reporters."""

import pytest

from catalog.models import Dataset
from catalog.services import DatasetData, create_dataset, delete_dataset
from core.models import AuditEntry, Role
from plan.models import KPI, DepartmentReporter, Milestone
from plan.services.actuals import record_actual
from plan.tests.conftest import as_actor
from tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure(plan):
    """行政手続のオンライン化 (総務課): one KPI, two milestones."""
    return plan.measures.get(order=1)


@pytest.fixture
def kpi(measure):
    """オンライン化手続数."""
    return measure.kpis.get()


def _url(plan, measure, suffix="") -> str:
    return f"/staff/plan/{plan.pk}/measures/{measure.pk}/{suffix}"


def _kpi_data(**overrides) -> dict:
    data = {"name": "電子申請件数", "unit": "件", "direction": "higher",
            "baseline_value": "1,200", "baseline_date": "2020-04-01", "target_2022": "1500",
            "target_2024": "2000", "target_text": "", "source": "manual", "reason": "KPI追加"}
    data.update(overrides)
    return data


def _dataset(org, admin, slug):
    return create_dataset(actor=as_actor(admin), organisation=org,
                          data=DatasetData(slug=slug, title=slug, licence="cc-by-4.0"))


def test_the_measure_page_lists_kpis_and_milestones(client, plan, measure, org_admin):
    client.force_login(org_admin)
    page = client.get(_url(plan, measure)).content.decode()
    assert "オンライン化手続数" in page and "検討" in page


def test_the_planner_links_the_organisations_datasets(client, plan, measure, org, org_admin):
    dataset = _dataset(org, org_admin, "shisetsu")
    client.force_login(org_admin)
    response = client.post(_url(plan, measure, "datasets/"),
                           {"datasets": [str(dataset.pk)], "reason": "根拠の追加"})
    assert response.status_code == 302 and list(measure.datasets.all()) == [dataset]


def test_another_organisations_dataset_is_not_offered(client, plan, measure, org_admin,
                                                      other_org, other_admin):
    foreign = _dataset(other_org, other_admin, "yoso")
    client.force_login(org_admin)
    response = client.post(_url(plan, measure, "datasets/"),
                           {"datasets": [str(foreign.pk)], "reason": "x"})
    assert response.status_code == 400 and not measure.datasets.exists()


def test_a_deleted_dataset_is_not_offered(client, plan, measure, org, org_admin):
    dataset = _dataset(org, org_admin, "kieta")
    delete_dataset(actor=as_actor(org_admin), dataset=dataset)
    client.force_login(org_admin)
    page = client.get(_url(plan, measure, "datasets/")).content.decode()
    assert Dataset.objects.get(pk=dataset.pk).state == "deleted" and "kieta" not in page


def test_an_editor_cannot_link_datasets(client, plan, measure, org, org_admin, soumu_editor):
    dataset = _dataset(org, org_admin, "shisetsu")
    client.force_login(soumu_editor)
    response = client.post(_url(plan, measure, "datasets/"),
                           {"datasets": [str(dataset.pk)], "reason": "x"})
    assert response.status_code == 404 and not measure.datasets.exists()


def test_the_planner_adds_a_kpi_with_targets_per_fiscal_year(client, plan, measure, org_admin):
    client.force_login(org_admin)
    response = client.post(_url(plan, measure, "kpis/new/"), _kpi_data())
    added = KPI.objects.get(measure=measure, name="電子申請件数")
    assert response.status_code == 302
    assert (added.baseline_value, added.targets_by_fy) == (1200, {2022: 1500, 2024: 2000})


def test_adding_a_kpi_is_audited_and_kept_in_the_history(client, plan, measure, org_admin):
    client.force_login(org_admin)
    before = plan.revisions.count()
    client.post(_url(plan, measure, "kpis/new/"), _kpi_data())
    assert AuditEntry.objects.filter(action="plan.kpi_create").exists()
    assert plan.revisions.count() == before + 1


def test_the_planner_switches_a_kpi_to_a_platform_metric(client, plan, measure, kpi, org_admin):
    client.force_login(org_admin)
    response = client.post(_url(plan, measure, f"kpis/{kpi.pk}/"), _kpi_data(
        name=kpi.name, direction="lower", source="metric:catalog.published_datasets"))
    kpi.refresh_from_db()
    assert response.status_code == 302
    assert (kpi.direction, kpi.metric_key) == ("lower", "catalog.published_datasets")


def test_a_kpi_target_that_is_not_a_number_is_refused(client, plan, measure, org_admin):
    client.force_login(org_admin)
    response = client.post(_url(plan, measure, "kpis/new/"), _kpi_data(target_2024="二千"))
    assert response.status_code == 400 and "数値を入力してください" in response.content.decode()
    assert not KPI.objects.filter(name="電子申請件数").exists()


def test_an_unknown_kpi_source_is_refused(client, plan, measure, org_admin):
    client.force_login(org_admin)
    response = client.post(_url(plan, measure, "kpis/new/"), _kpi_data(source="metric:nope.x"))
    assert response.status_code == 400


def test_a_kpi_without_actuals_can_be_deleted(client, plan, measure, kpi, org_admin):
    client.force_login(org_admin)
    response = client.post(_url(plan, measure, f"kpis/{kpi.pk}/delete/"), {"reason": "統合"})
    assert response.status_code == 302 and not KPI.objects.filter(pk=kpi.pk).exists()


def test_a_kpi_with_actuals_cannot_be_deleted(client, plan, measure, kpi, org_admin):
    record_actual(actor=as_actor(org_admin), kpi=kpi, value=3, fiscal_year=2021)
    client.force_login(org_admin)
    response = client.post(_url(plan, measure, f"kpis/{kpi.pk}/delete/"), {"reason": "統合"})
    assert response.status_code == 400 and KPI.objects.filter(pk=kpi.pk).exists()
    assert "実績が入力されているKPIは削除できません" in response.content.decode()


def test_an_editor_cannot_change_a_kpi(client, plan, measure, kpi, soumu_editor):
    client.force_login(soumu_editor)
    response = client.post(_url(plan, measure, f"kpis/{kpi.pk}/"), _kpi_data(name="改ざん"))
    kpi.refresh_from_db()
    assert response.status_code == 404 and kpi.name == "オンライン化手続数"


def test_another_organisations_admin_cannot_delete_a_kpi(client, plan, measure, kpi,
                                                         other_admin):
    client.force_login(other_admin)
    response = client.post(_url(plan, measure, f"kpis/{kpi.pk}/delete/"), {"reason": "x"})
    assert response.status_code == 404 and KPI.objects.filter(pk=kpi.pk).exists()


def test_a_kpi_of_another_measure_is_not_found_under_this_one(client, plan, kpi, org_admin):
    other = plan.measures.get(order=2)
    client.force_login(org_admin)
    assert client.get(_url(plan, other, f"kpis/{kpi.pk}/")).status_code == 404


def test_the_planner_adds_a_milestone(client, plan, measure, org_admin):
    client.force_login(org_admin)
    response = client.post(_url(plan, measure, "milestones/new/"), {
        "fiscal_year": "2023", "text": "全庁展開", "status": "planned", "reason": "追加"})
    assert response.status_code == 302
    assert Milestone.objects.filter(measure=measure, fiscal_year=2023, text="全庁展開").exists()


def test_the_planner_changes_a_milestone(client, plan, measure, org_admin):
    milestone = measure.milestones.get(text="実施")
    client.force_login(org_admin)
    client.post(_url(plan, measure, f"milestones/{milestone.pk}/"), {
        "fiscal_year": "2022", "text": "実施（延期）", "status": "delayed", "reason": "延期"})
    milestone.refresh_from_db()
    assert (milestone.fiscal_year, milestone.text, milestone.status) == (
        2022, "実施（延期）", "delayed")


def test_a_milestone_without_text_is_refused(client, plan, measure, org_admin):
    client.force_login(org_admin)
    response = client.post(_url(plan, measure, "milestones/new/"), {
        "fiscal_year": "2023", "text": "", "status": "planned", "reason": "追加"})
    assert response.status_code == 400 and "内容を入力してください" in response.content.decode()


def test_a_milestone_delete_needs_a_reason(client, plan, measure, org_admin):
    milestone = measure.milestones.get(text="実施")
    client.force_login(org_admin)
    response = client.post(_url(plan, measure, f"milestones/{milestone.pk}/delete/"), {})
    assert response.status_code == 400 and Milestone.objects.filter(pk=milestone.pk).exists()


def test_the_planner_deletes_a_milestone(client, plan, measure, org_admin):
    milestone = measure.milestones.get(text="実施")
    client.force_login(org_admin)
    client.post(_url(plan, measure, f"milestones/{milestone.pk}/delete/"), {"reason": "中止"})
    assert not Milestone.objects.filter(pk=milestone.pk).exists()


def test_an_editor_cannot_add_a_milestone(client, plan, measure, soumu_editor):
    client.force_login(soumu_editor)
    response = client.post(_url(plan, measure, "milestones/new/"), {
        "fiscal_year": "2023", "text": "x", "status": "planned", "reason": "x"})
    assert response.status_code == 404 and not Milestone.objects.filter(text="x").exists()


def test_the_planner_assigns_a_reporter(client, plan, org, org_admin, kikaku):
    user = member(UserFactory(username="newcomer"), org, Role.EDITOR)
    client.force_login(org_admin)
    response = client.post(f"/staff/plan/{plan.pk}/reporters/",
                           {"department": str(kikaku.pk), "user": str(user.pk)})
    assert response.status_code == 302
    assert DepartmentReporter.objects.filter(department=kikaku, user=user).exists()


def test_a_viewer_cannot_be_made_a_reporter(client, plan, org_admin, kikaku, viewer):
    client.force_login(org_admin)
    response = client.post(f"/staff/plan/{plan.pk}/reporters/",
                           {"department": str(kikaku.pk), "user": str(viewer.pk)})
    assert response.status_code == 400
    assert not DepartmentReporter.objects.filter(user=viewer).exists()


def test_the_planner_removes_a_reporter(client, plan, org_admin, soumu, soumu_editor):
    row = DepartmentReporter.objects.get(department=soumu, user=soumu_editor)
    client.force_login(org_admin)
    response = client.post(f"/staff/plan/{plan.pk}/reporters/{row.pk}/remove/")
    assert response.status_code == 302 and not DepartmentReporter.objects.filter(pk=row.pk).exists()


def test_an_editor_cannot_assign_reporters(client, plan, kikaku, soumu_editor):
    client.force_login(soumu_editor)
    response = client.post(f"/staff/plan/{plan.pk}/reporters/",
                           {"department": str(kikaku.pk), "user": str(soumu_editor.pk)})
    assert response.status_code == 404
    assert not DepartmentReporter.objects.filter(department=kikaku, user=soumu_editor).exists()


def test_another_organisations_admin_cannot_remove_a_reporter(client, plan, soumu,
                                                              soumu_editor, other_admin):
    row = DepartmentReporter.objects.get(department=soumu, user=soumu_editor)
    client.force_login(other_admin)
    response = client.post(f"/staff/plan/{plan.pk}/reporters/{row.pk}/remove/")
    assert response.status_code == 404 and DepartmentReporter.objects.filter(pk=row.pk).exists()
