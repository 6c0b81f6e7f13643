"""Staff forms for the plan itself: edit, grade thresholds, visibility, revision history."""

import pytest

from core.models import AuditEntry
from plan.models import Measure, Plan, PlanRevision

pytestmark = pytest.mark.django_db


def _edit_data(plan, **overrides) -> dict:
    """The edit form as the page fills it in, with some fields changed."""
    from plan.models.plan import SECTION_LABELS

    data = {"title": plan.title, "title_en": plan.title_en, "adopted": "2020-02-01",
            "from_fy": "2020", "to_fy": "2024", "reason": "年次見直し"}
    data.update({f"section_{k}": plan.sections.get(k, "") for k in SECTION_LABELS})
    data.update(overrides)
    return data


def test_the_edit_form_shows_the_plans_sections(client, plan, org_admin):
    client.force_login(org_admin)
    page = client.get(f"/staff/plan/{plan.pk}/edit/").content.decode()
    assert "地域サービス" in page and 'name="section_security"' in page


def test_editing_the_plan_keeps_the_reason_in_a_new_revision(client, plan, org_admin):
    client.force_login(org_admin)
    before = plan.revisions.count()
    response = client.post(f"/staff/plan/{plan.pk}/edit/",
                           _edit_data(plan, title="改訂後の計画", to_fy="2026",
                                      section_positioning="総合計画の下に位置付ける"))
    plan.refresh_from_db()
    latest = plan.revisions.first()
    assert response.status_code == 302
    assert (plan.title, plan.to_fy, plan.sections["positioning"]) == (
        "改訂後の計画", 2026, "総合計画の下に位置付ける")
    assert (plan.revisions.count(), latest.reason) == (before + 1, "年次見直し")


def test_editing_the_plan_writes_an_audit_entry(client, plan, org_admin):
    client.force_login(org_admin)
    client.post(f"/staff/plan/{plan.pk}/edit/", _edit_data(plan, title="改訂後の計画"))
    assert AuditEntry.objects.filter(action="plan.update").exists()


def test_the_reason_for_the_change_is_required(client, plan, org_admin):
    client.force_login(org_admin)
    response = client.post(f"/staff/plan/{plan.pk}/edit/",
                           _edit_data(plan, section_purpose="変更", reason=""))
    assert response.status_code == 400
    assert "変更理由を入力してください" in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).sections.get("purpose") != "変更"


def test_a_period_ending_before_it_starts_is_refused(client, plan, org_admin):
    client.force_login(org_admin)
    response = client.post(f"/staff/plan/{plan.pk}/edit/",
                           _edit_data(plan, from_fy="2024", to_fy="2020"))
    assert response.status_code == 400
    assert "終了年度が開始年度より前です" in response.content.decode()


def test_an_editor_who_is_not_an_admin_cannot_edit_the_plan(client, plan, soumu_editor):
    client.force_login(soumu_editor)
    assert client.get(f"/staff/plan/{plan.pk}/edit/").status_code == 404
    response = client.post(f"/staff/plan/{plan.pk}/edit/", _edit_data(plan, title="乗っ取り"))
    assert response.status_code == 404 and Plan.objects.get(pk=plan.pk).title != "乗っ取り"


def test_another_organisations_admin_cannot_edit_the_plan(client, plan, other_admin):
    client.force_login(other_admin)
    response = client.post(f"/staff/plan/{plan.pk}/edit/", _edit_data(plan, title="乗っ取り"))
    assert response.status_code == 404 and Plan.objects.get(pk=plan.pk).title != "乗っ取り"


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, plan):
    response = client.get(f"/staff/plan/{plan.pk}/edit/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_planner_sets_the_grade_thresholds(client, plan, org_admin):
    client.force_login(org_admin)
    response = client.post(f"/staff/plan/{plan.pk}/grading/",
                           {"grade_a": "90", "grade_b": "70", "grade_c": "40", "reason": "基準変更"})
    plan.refresh_from_db()
    assert response.status_code == 302
    assert (plan.grade_a, plan.grade_b, plan.grade_c) == (90, 70, 40)


def test_disordered_grade_thresholds_are_refused(client, plan, org_admin):
    client.force_login(org_admin)
    response = client.post(f"/staff/plan/{plan.pk}/grading/",
                           {"grade_a": "50", "grade_b": "80", "grade_c": "40", "reason": "x"})
    assert response.status_code == 400
    assert "A ≥ B ≥ C" in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).grade_a == 100


def test_an_editor_cannot_set_the_grade_thresholds(client, plan, soumu_editor):
    client.force_login(soumu_editor)
    response = client.post(f"/staff/plan/{plan.pk}/grading/",
                           {"grade_a": "1", "grade_b": "1", "grade_c": "1", "reason": "x"})
    assert response.status_code == 404 and Plan.objects.get(pk=plan.pk).grade_a == 100


def test_the_planner_chooses_the_public_plan_and_measures(client, plan, org_admin):
    client.force_login(org_admin)
    first = plan.measures.get(order=1)
    response = client.post(f"/staff/plan/{plan.pk}/visibility/",
                           {"is_public": "on", "measures": [str(first.pk)], "reason": "公開"})
    plan.refresh_from_db()
    public = set(Measure.objects.filter(plan=plan, is_public=True).values_list("pk", flat=True))
    assert response.status_code == 302 and plan.is_public and public == {first.pk}


def test_the_public_page_shows_only_the_chosen_measures(client, plan, org_admin):
    client.force_login(org_admin)
    first = plan.measures.get(order=1)
    client.post(f"/staff/plan/{plan.pk}/visibility/",
                {"is_public": "on", "measures": [str(first.pk)], "reason": "公開"})
    client.logout()
    page = client.get(f"/plan/{plan.organisation.slug}/").content.decode()
    assert first.title in page and "窓口業務に関するBPRの推進" not in page


def test_visibility_changes_need_a_reason(client, plan, org_admin):
    client.force_login(org_admin)
    response = client.post(f"/staff/plan/{plan.pk}/visibility/", {"is_public": "on"})
    assert response.status_code == 400 and not Plan.objects.get(pk=plan.pk).is_public


def test_another_organisations_admin_cannot_publish_the_plan(client, plan, other_admin):
    client.force_login(other_admin)
    response = client.post(f"/staff/plan/{plan.pk}/visibility/",
                           {"is_public": "on", "reason": "x"})
    assert response.status_code == 404 and not Plan.objects.get(pk=plan.pk).is_public


def test_the_revision_list_shows_every_revision_with_its_reason(client, plan, org_admin):
    client.force_login(org_admin)
    client.post(f"/staff/plan/{plan.pk}/edit/", _edit_data(plan, reason="令和6年度の見直し"))
    page = client.get(f"/staff/plan/{plan.pk}/revisions/").content.decode()
    assert "令和6年度の見直し" in page
    assert all(f"r{n}" in page for n in plan.revisions.values_list("number", flat=True))


def test_the_revision_diff_shows_the_changed_section_lines(client, plan, org_admin):
    client.force_login(org_admin)
    client.post(f"/staff/plan/{plan.pk}/edit/",
                _edit_data(plan, section_purpose="新しい目的の文", reason="目的の改訂"))
    latest = plan.revisions.first()
    page = client.get(f"/staff/plan/{plan.pk}/revisions/{latest.number}/").content.decode()
    assert '<ins class="plan-diff-line plan-diff-added">' in page and "新しい目的の文" in page
    removed = page.split("plan-diff-removed")[1].split("</del>")[0]
    assert "町内の官民データ活用の推進を図る。" in removed


def test_a_viewer_reads_the_history_but_gets_no_manage_link(client, plan, viewer):
    client.force_login(viewer)
    number = PlanRevision.objects.filter(plan=plan).first().number
    page = client.get(f"/staff/plan/{plan.pk}/revisions/{number}/")
    assert page.status_code == 200
    assert f"/staff/plan/{plan.pk}/manage/" not in page.content.decode()


def test_another_organisations_admin_cannot_read_the_history(client, plan, other_admin):
    client.force_login(other_admin)
    assert client.get(f"/staff/plan/{plan.pk}/revisions/").status_code == 404


def test_the_manage_page_links_every_measure(client, plan, org_admin):
    client.force_login(org_admin)
    page = client.get(f"/staff/plan/{plan.pk}/manage/").content.decode()
    assert all(f"/staff/plan/{plan.pk}/measures/{m.pk}/" in page for m in plan.measures.all())


def test_plan_pages_link_the_plan_stylesheet(client, plan, org_admin):
    client.force_login(org_admin)
    for path in (f"/staff/plan/{plan.pk}/", f"/staff/plan/{plan.pk}/manage/",
                 f"/staff/plan/{plan.pk}/document/"):
        assert "plan/plan.css" in client.get(path).content.decode(), path
