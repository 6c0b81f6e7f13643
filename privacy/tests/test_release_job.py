"""Jobs privacy.anonymise and privacy.anonymise_preview, run as the worker runs them."""

from __future__ import annotations

import pytest

from core import jobs
from core.models import Job
from core.tasks import run_job
from privacy.services import release as svc
from privacy.tests.test_release_services import configured_release
from tests.fixtures import actor


@pytest.mark.django_db
def test_the_worker_runs_a_queued_release_to_done(org, editor):
    release = configured_release(org, editor)
    job = svc.run_release(actor=actor(editor), release=release)
    assert run_job.call(job.pk) == Job.Status.SUCCEEDED
    release.refresh_from_db()
    job.refresh_from_db()
    assert release.status == "done" and release.output is not None
    assert f"k={release.report['k']}" in job.log


@pytest.mark.django_db
def test_a_refused_run_fails_the_job_with_the_bilingual_reason_on_the_release(org, editor):
    release = configured_release(org, editor, min_subjects=5000)
    job = svc.run_release(actor=actor(editor), release=release)
    assert run_job.call(job.pk) == Job.Status.FAILED
    release.refresh_from_db()
    assert release.status == "failed" and release.error_code == "too-few-subjects"
    assert "最低人数" in release.error_ja and "minimum" in release.error_en


@pytest.mark.django_db
def test_the_preview_job_stores_the_preview_on_the_release(org, editor, settings):
    settings.PRIVACY_PREVIEW_SYNC_ROWS = 10
    release = svc.preview_release(actor=actor(editor), release=configured_release(org, editor))
    assert run_job.call(release.preview_job.pk) == Job.Status.SUCCEEDED
    release.refresh_from_db()
    assert release.preview["ok"] is True and "年齢" in release.preview["levels"]


@pytest.mark.django_db
def test_a_job_whose_release_is_gone_logs_it(org):
    job = Job.objects.create(kind="privacy.anonymise", organisation=org, target="999999")
    jobs.handler_for("privacy.anonymise")(job)
    job.refresh_from_db()
    assert "release not found" in job.log


def test_both_job_kinds_are_registered_with_labels():
    assert {"privacy.anonymise", "privacy.anonymise_preview"} <= set(jobs.kinds())
    assert str(jobs.label_for("privacy.anonymise")) != "privacy.anonymise"
