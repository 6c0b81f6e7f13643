"""add_harvest_source and run_harvest, over real HTTP to a fake CKAN on 127.0.0.1."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from catalog.models import Dataset, HarvestSource
from catalog.tests.harvest.fakes import FakeCkan, Served, package
from core.models import Job

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_add_harvest_source_prints_the_id(org):
    out = run("add_harvest_source", "--url", "https://ckan.example.jp", "--kind", "ckan",
              "--organization", org.slug)
    source = HarvestSource.objects.get()
    assert out.strip() == str(source.pk)
    assert (source.organisation, source.kind, source.schedule) == (org, "ckan", "daily")


def test_add_harvest_source_explains_a_refusal(org):
    with pytest.raises(CommandError, match="url"):
        run("add_harvest_source", "--url", "gopher://x.example/", "--kind", "dcat",
            "--organization", org.slug)
    with pytest.raises(CommandError, match="organisation"):
        run("add_harvest_source", "--url", "https://x.example/", "--kind", "dcat",
            "--organization", "nowhere")


def test_run_harvest_prints_the_report_and_a_failing_source_does_not_stop_others(
        make_source, allow_loopback):
    fake = FakeCkan([package("parks"), package("aed")])
    with Served(fake) as server:
        broken = make_source(url="http://10.255.255.1/")  # refused by the guard, no traffic
        good = make_source(url=server.url)
        with pytest.raises(CommandError, match="1 source"):
            run("run_harvest", "--json")
        first = run("run_harvest", "--source", str(good.pk))
    broken.refresh_from_db()
    good.refresh_from_db()
    assert broken.last_status == HarvestSource.Status.FAILED
    assert "10.255.255.1" in broken.last_report["failed"]
    assert good.last_status == HarvestSource.Status.OK
    assert sorted(good.last_report["created"]) == []  # second run: nothing new
    assert Dataset.objects.filter(slug__in=["parks", "aed"]).count() == 2
    assert "変更なし / unchanged: 2" in first
    assert Job.objects.filter(kind="catalog.harvest", status=Job.Status.FAILED).count() == 1
    assert Job.objects.filter(kind="catalog.harvest", status=Job.Status.SUCCEEDED).count() == 2


def test_run_harvest_json_lists_each_report(make_source, allow_loopback):
    with Served(FakeCkan([package("parks")])) as server:
        source = make_source(url=server.url)
        reports = json.loads(run("run_harvest", "--json"))
    assert [(r["source_id"], r["created"], r["status"]) for r in reports] == [
        (source.pk, ["parks"], "ok")]
    source.refresh_from_db()
    assert reports[0]["job"] == source.last_job_id


def test_due_runs_only_scheduled_sources_whose_time_has_come(make_source, allow_loopback):
    now = timezone.now()
    with Served(FakeCkan([package("parks")])) as server:
        due = make_source(url=server.url, schedule="daily",
                          last_run_at=now - timedelta(days=1))
        make_source(url=server.url + "/recent", schedule="daily",
                    last_run_at=now - timedelta(hours=2))
        make_source(url=server.url + "/manual", schedule="manual")
        make_source(url=server.url + "/off", schedule="daily", active=False)
        reports = json.loads(run("run_harvest", "--due", "--json"))
    assert [r["source_id"] for r in reports] == [due.pk]


def test_enqueue_hands_the_runs_to_the_worker(make_source):
    source = make_source()
    out = run("run_harvest", "--enqueue")
    job = Job.objects.get(kind="catalog.harvest")
    assert out.strip() == f"source #{source.pk}: job #{job.pk}"
    assert job.status == Job.Status.QUEUED


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_harvest_job(org, org_admin, allow_loopback):
    from catalog.harvest.services import request_harvest
    from tests.fixtures import actor

    with Served(FakeCkan([package("parks")])) as server:
        source = HarvestSource.objects.create(organisation=org, kind="ckan", url=server.url)
        job = request_harvest(actor=actor(org_admin), source=source)
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.log
    assert "作成 / created: 1 (parks)" in job.log
    assert Dataset.objects.get(slug="parks").state == Dataset.State.PUBLISHED
