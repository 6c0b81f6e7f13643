"""Publication obeys the guard: refused while blocked or pending, allowed after an override."""

from __future__ import annotations

import json

import pytest

from catalog.models import Dataset
from catalog.services import (
    DatasetData,
    ResourceData,
    add_resource,
    create_dataset,
    publish_dataset,
)
from catalog.tests.api.conftest import bearer, token_for
from core.errors import InvalidInput, PermissionDenied
from core.models import AuditEntry
from privacy.models import GuardScan
from privacy.services import guard
from privacy.tests.test_guard_support import CLEAN_CSV, person_csv, upload
from tests.fixtures import actor

REASON = "架空の番号で作成した研修用データであることを確認した"


@pytest.fixture
def draft(org, editor):
    """A draft dataset with one resource whose file holds 個人番号."""
    who = actor(editor)
    dataset = create_dataset(actor=who, organisation=org,
                             data=DatasetData(slug="roster", title="名簿"))
    add_resource(actor=who, dataset=dataset, data=ResourceData(name="名簿ファイル"),
                 upload=upload(person_csv(), "roster.csv"))
    return dataset


def _scan(dataset) -> GuardScan:
    return GuardScan.objects.get(version=dataset.resources.get().current_version)


@pytest.mark.django_db
def test_publishing_a_blocked_dataset_is_refused_naming_the_resource_and_findings(draft, editor):
    with pytest.raises(InvalidInput) as caught:
        publish_dataset(actor=actor(editor), dataset=draft)
    message = caught.value.both()
    assert "名簿ファイル" in message and "個人番号 12件" in message
    assert "individual number (My Number): 12" in message


@pytest.mark.django_db
def test_publishing_is_refused_while_a_scan_is_pending(draft, editor):
    GuardScan.objects.filter(pk=_scan(draft).pk).update(outcome=GuardScan.Outcome.PENDING)
    with pytest.raises(InvalidInput) as caught:
        publish_dataset(actor=actor(editor), dataset=draft)
    assert "検査が終わっていません" in caught.value.both()


@pytest.mark.django_db
def test_a_clean_file_publishes(org, editor):
    who = actor(editor)
    dataset = create_dataset(actor=who, organisation=org,
                             data=DatasetData(slug="parks", title="公園"))
    add_resource(actor=who, dataset=dataset, data=ResourceData(name="公園"),
                 upload=upload(CLEAN_CSV, "parks.csv"))
    assert publish_dataset(actor=who, dataset=dataset).state == Dataset.State.PUBLISHED


@pytest.mark.django_db
def test_an_editor_cannot_override_a_block(draft, editor):
    with pytest.raises(PermissionDenied):
        guard.override_block(actor=actor(editor), scan=_scan(draft), reason=REASON)


@pytest.mark.django_db
def test_an_override_needs_a_written_reason(draft, org_admin):
    with pytest.raises(InvalidInput):
        guard.override_block(actor=actor(org_admin), scan=_scan(draft), reason="  ok ")


@pytest.mark.django_db
def test_after_an_admin_override_publication_is_allowed_and_audited(draft, editor, org_admin):
    guard.override_block(actor=actor(org_admin), scan=_scan(draft), reason=REASON)
    publish_dataset(actor=actor(editor), dataset=draft)
    entry = AuditEntry.objects.get(action="privacy.guard_override")
    assert entry.details["reason"] == REASON and entry.actor == org_admin
    assert Dataset.objects.get(pk=draft.pk).state == Dataset.State.PUBLISHED


@pytest.mark.django_db
def test_a_site_admin_may_override(draft, site_admin):
    scan = guard.override_block(actor=actor(site_admin), scan=_scan(draft), reason=REASON)
    assert scan.is_overridden and not scan.is_withheld


@pytest.mark.django_db
def test_the_staff_publish_button_shows_the_guards_refusal(client, settings, draft, editor):
    settings.REQUIRE_2FA = False  # this test is about the guard, not the login
    client.force_login(editor)
    response = client.post(f"/staff/datasets/{draft.slug}/publish/", follow=True)
    assert "個人情報" in response.content.decode()
    assert Dataset.objects.get(pk=draft.pk).state == Dataset.State.DRAFT


@pytest.mark.django_db
def test_the_api_v1_publish_is_refused(client, draft, editor):
    response = client.post(f"/api/v1/datasets/{draft.slug}/publish",
                           **bearer(token_for(editor)))
    assert response.status_code == 409
    assert "名簿ファイル" in response.json()["message"]


@pytest.mark.django_db
def test_ckan_package_patch_to_active_is_refused(client, draft, editor):
    response = client.post("/api/3/action/package_patch",
                           json.dumps({"id": draft.slug, "state": "active"}),
                           content_type="application/json",
                           HTTP_AUTHORIZATION=token_for(editor))
    assert response.json()["success"] is False
    assert Dataset.objects.get(pk=draft.pk).state == Dataset.State.DRAFT


@pytest.mark.django_db
def test_ckan_package_create_with_a_blocked_upload_is_refused(client, org, editor):
    response = client.post("/api/3/action/package_create", {
        "name": "roster2", "title": "名簿2", "owner_org": org.slug,
        "resources": [], "state": "draft"}, HTTP_AUTHORIZATION=token_for(editor))
    assert response.json()["success"] is True
    added = client.post("/api/3/action/resource_create", {
        "package_id": "roster2", "name": "名簿", "upload": upload(person_csv(), "r.csv")},
        HTTP_AUTHORIZATION=token_for(editor))
    assert added.json()["success"] is True
    update = client.post("/api/3/action/package_patch",
                         json.dumps({"id": "roster2", "state": "active"}),
                         content_type="application/json", HTTP_AUTHORIZATION=token_for(editor))
    assert update.json()["success"] is False
    assert Dataset.objects.get(slug="roster2").state == Dataset.State.DRAFT
