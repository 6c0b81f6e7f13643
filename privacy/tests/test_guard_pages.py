"""The guard's staff pages: findings with masked values, and the administrator's override."""

from __future__ import annotations

import pytest

from catalog.services import DatasetData, ResourceData, add_resource, create_dataset
from core.models import AuditEntry
from privacy.models import GuardScan
from privacy.tests.test_guard_support import absent, person_csv, upload
from tests.fixtures import actor

REASON = "架空の番号で作成した研修用データであることを確認した"


@pytest.fixture
def scan(org, editor):
    """The blocked scan of a draft dataset's file."""
    who = actor(editor)
    dataset = create_dataset(actor=who, organisation=org,
                             data=DatasetData(slug="roster", title="名簿"))
    resource = add_resource(actor=who, dataset=dataset, data=ResourceData(name="名簿"),
                            upload=upload(person_csv(), "roster.csv"))
    resource.refresh_from_db()
    return GuardScan.objects.get(version=resource.current_version)


@pytest.fixture
def staff(client, settings):
    """Log a user in (two-factor off: these tests are about roles)."""
    settings.REQUIRE_2FA = False

    def log_in(user):
        client.force_login(user)
        return client

    return log_in


def _url(scan) -> str:
    return f"/staff/privacy/guard/versions/{scan.version_id}/"


@pytest.mark.django_db
def test_the_findings_page_lists_cells_with_masked_values(staff, editor, scan):
    body = staff(editor).get(_url(scan)).content.decode()
    assert "************" in body and "個人番号" in body and absent(body)


@pytest.mark.django_db
def test_editors_do_not_get_the_override_form(staff, editor, scan):
    body = staff(editor).get(_url(scan)).content.decode()
    assert 'name="reason"' not in body


@pytest.mark.django_db
def test_an_editors_override_post_is_refused(staff, editor, scan):
    response = staff(editor).post(_url(scan), {"reason": REASON})
    scan.refresh_from_db()
    assert response.status_code == 404 and not scan.is_overridden


@pytest.mark.django_db
def test_an_admin_overrides_with_a_reason_through_the_form(staff, org_admin, scan):
    response = staff(org_admin).post(_url(scan), {"reason": REASON})
    scan.refresh_from_db()
    assert response.status_code == 302 and scan.override_reason == REASON
    assert AuditEntry.objects.filter(action="privacy.guard_override").count() == 1


@pytest.mark.django_db
def test_a_short_reason_shows_the_error_summary(staff, org_admin, scan):
    response = staff(org_admin).post(_url(scan), {"reason": "ok"})
    assert response.status_code == 400 and "error-summary" in response.content.decode()


@pytest.mark.django_db
def test_the_list_shows_versions_needing_attention(staff, editor, scan):
    body = staff(editor).get("/staff/privacy/guard/").content.decode()
    assert _url(scan) in body


@pytest.mark.django_db
def test_outsiders_cannot_see_another_organisations_findings(staff, outsider, scan):
    assert staff(outsider).get(_url(scan)).status_code == 404
