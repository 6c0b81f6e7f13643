"""The reporting round through the staff pages: open, enter, submit, send back, accept, close."""

import pytest

from catalog.models import Dataset
from plan.models import KPI, Actual, Milestone, ReportingRound, Submission
from plan.services import rounds as round_services
from plan.tests.conftest import as_actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(plan, org_admin):
    """An open round for FY2022."""
    return round_services.open_round(actor=as_actor(org_admin), plan=plan,
                                     title="令和4年度 報告", fiscal_year=2022)


def _submission(round_, department):
    return Submission.objects.get(round=round_, department=department)


def test_planner_opens_a_round_with_one_submission_per_department(client, plan, org_admin):
    client.force_login(org_admin)
    response = client.post(f"/staff/plan/{plan.pk}/rounds/",
                           {"title": "令和4年度 第2四半期", "fiscal_year": "2022", "month": ""})
    round_ = ReportingRound.objects.get(plan=plan)
    assert response.status_code == 302 and round_.submissions.count() == 2


def test_opening_a_round_without_a_title_shows_an_error(client, plan, org_admin):
    client.force_login(org_admin)
    response = client.post(f"/staff/plan/{plan.pk}/rounds/",
                           {"title": "", "fiscal_year": "2022"})
    assert response.status_code == 400 and "入力内容に問題があります" in response.content.decode()


def test_an_editor_cannot_open_a_round(client, plan, soumu_editor):
    client.force_login(soumu_editor)
    response = client.post(f"/staff/plan/{plan.pk}/rounds/", {"title": "x", "fiscal_year": "2022"})
    assert response.status_code == 404 and not ReportingRound.objects.exists()


def test_department_enters_actuals_and_milestone_status(client, round_, soumu, soumu_editor):
    kpi = KPI.objects.get(name="オンライン化手続数")
    milestone = Milestone.objects.get(text="実施", measure__department=soumu)
    client.force_login(soumu_editor)
    response = client.post(f"/staff/plan/submissions/{_submission(round_, soumu).pk}/", {
        f"kpi-{kpi.pk}-value": "8", f"kpi-{kpi.pk}-evidence": "庁内調査",
        f"ms-{milestone.pk}-status": "done", "comment": "順調", "action": "save"})
    assert response.status_code == 302
    actual = Actual.objects.get(kpi=kpi, fiscal_year=2022)
    assert (actual.value, actual.entered_by, actual.round) == (8, soumu_editor, round_)
    milestone.refresh_from_db()
    assert milestone.status == "done"


def test_a_bad_number_is_reported_and_nothing_is_submitted(client, round_, soumu, soumu_editor):
    kpi = KPI.objects.get(name="オンライン化手続数")
    client.force_login(soumu_editor)
    response = client.post(f"/staff/plan/submissions/{_submission(round_, soumu).pk}/",
                           {f"kpi-{kpi.pk}-value": "八", "action": "submit"})
    assert response.status_code == 400
    assert _submission(round_, soumu).state == Submission.State.DRAFT


def test_a_department_cannot_open_another_departments_report(client, round_, kikaku,
                                                             soumu_editor):
    client.force_login(soumu_editor)
    url = f"/staff/plan/submissions/{_submission(round_, kikaku).pk}/"
    assert client.get(url).status_code == 404


def test_a_department_cannot_edit_another_departments_measures(round_, soumu_editor):
    from core.errors import PermissionDenied
    from plan.services.actuals import record_actual

    kpi = KPI.objects.get(name="窓口の待ち時間")  # 総務課's: allowed
    record_actual(actor=as_actor(soumu_editor), kpi=kpi, value=20, fiscal_year=2022)
    other = Milestone.objects.get(text="実施", measure__department__name="企画課")
    from plan.services.actuals import set_milestone_status

    with pytest.raises(PermissionDenied):
        set_milestone_status(actor=as_actor(soumu_editor), milestone=other, status="done")


def test_submit_then_send_back_then_accept(client, round_, soumu, soumu_editor, org_admin):
    submission = _submission(round_, soumu)
    client.force_login(soumu_editor)
    client.post(f"/staff/plan/submissions/{submission.pk}/", {"action": "submit",
                                                             "comment": "提出します"})
    assert _submission(round_, soumu).state == "submitted"
    client.force_login(org_admin)
    client.post(f"/staff/plan/submissions/{submission.pk}/review/",
                {"action": "send_back", "review_comment": "根拠を追記してください"})
    sent_back = _submission(round_, soumu)
    assert (sent_back.state, sent_back.review_comment) == ("sent_back", "根拠を追記してください")
    client.force_login(soumu_editor)
    client.post(f"/staff/plan/submissions/{submission.pk}/", {"action": "submit"})
    client.force_login(org_admin)
    client.post(f"/staff/plan/submissions/{submission.pk}/review/", {"action": "accept"})
    assert _submission(round_, soumu).state == "accepted"


def test_send_back_needs_a_comment(round_, soumu, soumu_editor, org_admin):
    from core.errors import InvalidInput

    submission = round_services.submit(actor=as_actor(soumu_editor),
                                       submission=_submission(round_, soumu))
    with pytest.raises(InvalidInput):
        round_services.send_back(actor=as_actor(org_admin), submission=submission, comment=" ")


def test_an_editor_cannot_accept(round_, soumu, soumu_editor):
    from core.errors import PermissionDenied

    submission = round_services.submit(actor=as_actor(soumu_editor),
                                       submission=_submission(round_, soumu))
    with pytest.raises(PermissionDenied):
        round_services.accept(actor=as_actor(soumu_editor), submission=submission)


def test_a_submitted_report_can_no_longer_be_changed(round_, soumu, soumu_editor):
    from core.errors import InvalidInput
    from plan.services.actuals import record_actual

    round_services.submit(actor=as_actor(soumu_editor), submission=_submission(round_, soumu))
    with pytest.raises(InvalidInput):
        record_actual(actor=as_actor(soumu_editor), kpi=KPI.objects.get(name="窓口の待ち時間"),
                      value=5, fiscal_year=2022, round_=round_)


def test_closing_produces_the_report_and_publishes_the_actuals(client, plan, round_, soumu,
                                                               soumu_editor, org_admin):
    from plan.services.actuals import record_actual
    from plan.services.plans import update_plan

    update_plan(actor=as_actor(org_admin), plan=plan, is_public=True, reason="公開 / public")
    record_actual(actor=as_actor(soumu_editor), kpi=KPI.objects.get(name="オンライン化手続数"),
                  value=8, fiscal_year=2022, round_=round_)
    client.force_login(org_admin)
    response = client.post(f"/staff/plan/rounds/{round_.pk}/close/")
    round_.refresh_from_db()
    plan.refresh_from_db()
    assert response.status_code == 302 and round_.state == "closed"
    assert any(row[4] == "オンライン化手続数" and row[11] == 8 for row in round_.report["rows"])
    assert plan.actuals_dataset.state == Dataset.State.PUBLISHED
    assert client.get(f"/staff/plan/rounds/{round_.pk}/report/").status_code == 200


def test_a_second_close_publishes_a_new_version_of_the_same_dataset(plan, org_admin):
    who = as_actor(org_admin)
    for title in ("第1回", "第2回"):
        r = round_services.open_round(actor=who, plan=plan, title=title, fiscal_year=2022)
        round_services.close_round(actor=who, round_=r)
    plan.refresh_from_db()
    resource = plan.actuals_dataset.resources.get()
    assert resource.versions.count() == 2


def test_only_one_round_may_be_open(plan, round_, org_admin):
    from core.errors import InvalidInput

    with pytest.raises(InvalidInput):
        round_services.open_round(actor=as_actor(org_admin), plan=plan, title="重複",
                                  fiscal_year=2022)


def test_round_pages_are_hidden_from_other_organisations(client, round_, outsider):
    client.force_login(outsider)
    assert client.get(f"/staff/plan/rounds/{round_.pk}/").status_code == 404
