"""Content-addressed storage, file sniffing and the job worker."""

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as dj_settings

from core.actor import Actor
from core.errors import TooLarge
from core.jobs import enqueue_job, register
from core.models import Job, StoredFile
from core.services import storage
from core.sniff import content_matches, sniff


@pytest.mark.django_db
def test_same_content_is_stored_once_and_never_rewritten():
    first, _ = storage.store_bytes("名称,住所\n".encode("cp932"))
    path = storage.path_of(first)
    mtime = path.stat().st_mtime_ns
    second, _ = storage.store_bytes("名称,住所\n".encode("cp932"))
    assert first.sha256 == second.sha256
    assert StoredFile.objects.count() == 1
    assert path.stat().st_mtime_ns == mtime
    assert path.read_bytes() == "名称,住所\n".encode("cp932")


@pytest.mark.django_db
def test_uploads_over_the_limit_are_refused_and_leave_nothing(settings):
    settings.MAX_UPLOAD_BYTES = 1024
    with pytest.raises(TooLarge):
        storage.store_stream(io.BytesIO(b"x" * 5000))
    assert StoredFile.objects.count() == 0
    leftovers = [p for p in storage.storage_root().rglob("*") if p.is_file()]
    assert leftovers == []


def _xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def test_sniffing_tells_real_formats_apart():
    xlsx = _xlsx_bytes()
    assert sniff(xlsx[:100], full=xlsx) == "XLSX"
    assert sniff(b"%PDF-1.7 ...") == "PDF"
    assert sniff("名称,住所\n".encode("cp932")) == "TEXT"
    assert sniff(b"MZ\x90\x00") == "EXECUTABLE"


def test_claimed_format_must_match_content():
    assert content_matches("CSV", "TEXT")
    assert not content_matches("CSV", "XLSX")
    assert content_matches("XLS", "XLSX")  # mislabelled XLSX as .xls is common and harmless
    assert not content_matches("PDF", "TEXT")
    assert not content_matches("CSV", "EXECUTABLE")
    assert not content_matches("ZIP", "EXECUTABLE")


@register("test.echo")
def _echo(job: Job) -> None:
    from core.services import jobs as job_service

    job_service.log(job, "echo", progress=50)


@pytest.mark.django_db(transaction=True)
def test_a_job_runs_through_the_database_worker(settings):
    job = enqueue_job(actor=Actor.system(), kind="test.echo")
    assert Job.objects.get(pk=job.pk).status == Job.Status.QUEUED
    from django.core.management import call_command

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.log
    assert "echo" in job.log
    assert job.progress == 100


def test_db_worker_command_exists():
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "manage.py", "help", "db_worker"], cwd=root,
                            capture_output=True, text=True, timeout=120,
                            env={"KANMIN_TESTING": "1", "PATH": "/usr/bin:/bin",
                                 "KANMIN_DATA_DIR": str(dj_settings.DATA_DIR)})
    assert result.returncode == 0, result.stderr
    assert "--batch" in result.stdout
