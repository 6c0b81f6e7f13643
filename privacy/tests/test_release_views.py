"""Staff screens of anonymised releases, driven through the Django test client."""

from __future__ import annotations

import json

import pytest

from catalog.models import Dataset
from core.models import AuditEntry
from privacy.models import AnonymisedRelease
from privacy.tests.test_release_services import (
    CONFIG,
    configured_release,
    done_release,
    make_table,
)

BASE = "/staff/privacy/releases/"


@pytest.fixture
def login(client, settings):
    """Log a user in (two-factor off: these tests are about roles)."""
    settings.REQUIRE_2FA = False

    def log_in(user):
        """Log the user in and return the client."""
        client.force_login(user)
        return client

    return log_in


def config_post(release, **overrides) -> dict:
    """The configuration form as a browser posts it, from the standard CONFIG."""
    data = {"k": "5", "l": "2", "l_kind": "distinct", "t": "", "max_suppression": "5",
            "metric": "loss", "min_subjects": "100", "reuse_linking_from": "", "action": "save"}
    for i, name in enumerate(release.columns):
        spec = CONFIG["columns"].get(name, "keep")
        spec = {"role": spec} if isinstance(spec, str) else spec
        data[f"role_{i}"] = spec["role"]
        data[f"hierarchy_{i}"] = spec.get("hierarchy", "")
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_the_list_requires_login(client):
    response = client.get(BASE)
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db
def test_the_list_shows_the_organisations_releases(login, org, editor):
    release = configured_release(org, editor)
    response = login(editor).get(BASE)
    assert response.status_code == 200 and release.title in response.content.decode()


@pytest.mark.django_db
def test_new_offers_ready_tables_and_creates_a_release(login, org, editor):
    table = make_table(org, editor)
    client = login(editor)
    page = client.get(f"{BASE}new/")
    assert "住民台帳（内部）" in page.content.decode()
    response = client.post(f"{BASE}new/", {"table": table.pk, "title": "住民の匿名加工"})
    release = AnonymisedRelease.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{BASE}{release.pk}/"
    assert release.title == "住民の匿名加工"


@pytest.mark.django_db
def test_new_refuses_a_table_of_another_organisation(login, org, editor, outsider):
    table = make_table(org, editor)
    response = login(outsider).post(f"{BASE}new/", {"table": table.pk, "title": "x"})
    assert response.status_code == 400 and not AnonymisedRelease.objects.exists()


@pytest.mark.django_db
def test_the_config_page_has_a_labelled_role_and_hierarchy_per_column(login, org, editor):
    release = configured_release(org, editor)
    html = login(editor).get(f"{BASE}{release.pk}/").content.decode()
    for i in range(len(release.columns)):
        assert f'for="id_role_{i}"' in html and f'for="id_hierarchy_{i}"' in html
    assert "csrfmiddlewaretoken" in html


@pytest.mark.django_db
def test_posting_the_config_saves_it_through_the_service(login, org, editor):
    release = configured_release(org, editor)
    post = config_post(release, k="10")
    response = login(editor).post(f"{BASE}{release.pk}/", post)
    release.refresh_from_db()
    assert response.status_code == 302 and release.config["model"]["k"] == 10
    assert release.config["columns"]["年齢"] == {"role": "quasi", "hierarchy": "age"}
    assert AuditEntry.objects.filter(action="privacy.release.configure").count() == 2


@pytest.mark.django_db
def test_a_quasi_identifier_without_hierarchy_is_shown_in_the_error_summary(login, org, editor):
    release = configured_release(org, editor)
    index = release.columns.index("年齢")
    response = login(editor).post(f"{BASE}{release.pk}/",
                                  config_post(release, **{f"hierarchy_{index}": ""}))
    html = response.content.decode()
    assert response.status_code == 400 and "error-summary" in html and "階層を選んで" in html


@pytest.mark.django_db
def test_save_and_preview_shows_the_chosen_levels(login, org, editor):
    release = configured_release(org, editor)
    client = login(editor)
    client.post(f"{BASE}{release.pk}/", config_post(release, action="preview"))
    html = client.get(f"{BASE}{release.pk}/").content.decode()
    release.refresh_from_db()
    assert release.preview["ok"] is True
    assert "選ばれた一般化の水準" in html and release.preview["summary_ja"] in html


@pytest.mark.django_db
def test_a_viewer_gets_404_on_the_config_page(login, org, editor, viewer):
    release = configured_release(org, editor)
    assert login(viewer).get(f"{BASE}{release.pk}/").status_code == 404


@pytest.mark.django_db
def test_run_is_post_only_and_queues_the_job(login, org, editor):
    release = configured_release(org, editor)
    client = login(editor)
    assert client.get(f"{BASE}{release.pk}/run/").status_code == 405
    response = client.post(f"{BASE}{release.pk}/run/")
    release.refresh_from_db()
    assert response.status_code == 302 and release.status == "queued"
    assert release.job.kind == "privacy.anonymise"


@pytest.mark.django_db
def test_the_report_shows_both_languages_and_hides_the_steps_from_editors(login, org, editor):
    release = done_release(org, editor)
    html = login(editor).get(f"{BASE}{release.pk}/report/").content.decode()
    assert release.report["summary_ja"] in html and release.report["summary_en"] in html
    step = release.report["steps"][0]
    assert step["ja"] not in html and "/processing/" not in html


@pytest.mark.django_db
def test_an_admin_sees_the_processing_steps_and_the_view_is_audited(login, org, editor,
                                                                      org_admin):
    release = done_release(org, editor)
    response = login(org_admin).get(f"{BASE}{release.pk}/processing/")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert release.report["steps"][0]["ja"] in response.content.decode()
    assert AuditEntry.objects.filter(action="privacy.release.view_processing",
                                     actor_label="orgadmin").count() == 1


@pytest.mark.django_db
def test_an_editor_is_refused_the_processing_steps(login, org, editor):
    release = done_release(org, editor)
    assert login(editor).get(f"{BASE}{release.pk}/processing/").status_code == 403


@pytest.mark.django_db
def test_the_linking_map_downloads_for_an_admin_only(login, org, editor, org_admin, client):
    release = done_release(org, editor)
    assert login(editor).get(f"{BASE}{release.pk}/linking-map/").status_code == 403
    response = login(org_admin).get(f"{BASE}{release.pk}/linking-map/")
    body = json.loads(b"".join(response.streaming_content))
    assert response.status_code == 200 and "R000001" in body["住民番号"]
    assert AuditEntry.objects.filter(action="privacy.linking_map.download",
                                     result="ok").count() == 1


@pytest.mark.django_db
def test_the_anonymised_csv_downloads_for_an_editor_without_identifiers(login, org, editor):
    release = done_release(org, editor)
    response = login(editor).get(f"{BASE}{release.pk}/download/")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert response.status_code == 200 and "住民0" not in text and "R000001" not in text


@pytest.mark.django_db
def test_publish_creates_the_dataset_and_shows_the_catalogs_answer(login, org, editor):
    release = done_release(org, editor)
    response = login(editor).post(f"{BASE}{release.pk}/publish/",
                                  {"slug": "residents-open", "title": "住民（匿名加工）"})
    dataset = Dataset.objects.get(slug="residents-open")
    assert dataset.resources.count() == 2
    if dataset.state == Dataset.State.PUBLISHED:
        assert response.status_code == 302
    else:  # the guard holds it back: its message is in the error summary
        assert response.status_code == 400 and "error-summary" in response.content.decode()


@pytest.mark.django_db
def test_a_refused_publication_is_shown_on_the_form(login, org, editor, monkeypatch):
    from catalog import services as catalog_services
    from core.errors import InvalidInput

    def refuse(*, actor, dataset):
        """Refuse as the guard does."""
        raise InvalidInput("個人情報の検査により公開できません")

    monkeypatch.setattr(catalog_services, "publish_dataset", refuse)
    release = done_release(org, editor)
    response = login(editor).post(f"{BASE}{release.pk}/publish/",
                                  {"slug": "residents-open", "title": "住民（匿名加工）"})
    assert response.status_code == 400
    assert "個人情報の検査により公開できません" in response.content.decode()


@pytest.mark.django_db
def test_the_publish_form_proposes_a_slug_and_the_title(login, org, editor):
    release = done_release(org, editor)
    html = login(editor).get(f"{BASE}{release.pk}/publish/").content.decode()
    assert f"residents-anon-{release.pk}" in html and release.title in html


@pytest.mark.django_db
def test_an_admin_report_links_the_processing_steps_and_the_linking_map(login, org, editor,
                                                                        org_admin):
    release = done_release(org, editor)
    html = login(org_admin).get(f"{BASE}{release.pk}/report/").content.decode()
    assert f"{BASE}{release.pk}/processing/" in html and f"{BASE}{release.pk}/linking-map/" in html
