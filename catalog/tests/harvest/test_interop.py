"""Acceptance: a second Kanmin harvests the first one's CKAN API and DCAT catalogue.

Instance B reaches A on 127.0.0.1 only because KANMIN_OUTBOUND_ALLOW=127.0.0.0/8 is set for
its commands (tests/instances.py strips KANMIN_* variables, so it is set on instance.env).
"""

import json
import time

import pytest
import requests

from catalog.tests.ckan.test_ckanapi_client import _seed
from tests.instances import kanmin_instance

pytestmark = pytest.mark.interop

ORGS = """
from core.actor import Actor
from core.services.organisations import create_organisation
from django.contrib.auth.models import User
a = Actor(user=User.objects.get(username='admin'))
for slug in ('region', 'region-kanmin', 'region-dcat'):
    create_organisation(actor=a, slug=slug, name=slug)
"""
HARVEST_INFO = """
import json
from catalog.harvest.guard import harvest_info, is_harvested
from catalog.models import Dataset
out = {}
for d in Dataset.objects.filter(organisation__slug='%s'):
    info = harvest_info(d)
    out[d.slug] = {'harvested': is_harvested(d), 'state': d.state,
                   'remote_url': info.remote_url if info else None}
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("harvest")
    started = time.monotonic()
    allow = {"KANMIN_OUTBOUND_ALLOW": "127.0.0.0/8"}
    with kanmin_instance(tmp / "a", "ha") as a, \
            kanmin_instance(tmp / "b", "hb", extra_env=allow) as b:
        _seed(a)
        b.manage("shell", "-c", ORGS)
        print(f"instances ready in {time.monotonic() - started:.1f}s")
        yield a, b


def action(instance, verb, token=None, **params):
    if token:
        response = requests.post(f"{instance.url}/api/3/action/{verb}", json=params,
                                 headers={"Authorization": token}, timeout=60)
    else:
        response = requests.get(f"{instance.url}/api/3/action/{verb}", params=params,
                                timeout=60)
    return response.json()


def add_source(b, url, kind, org):
    return b.manage("add_harvest_source", "--url", url, "--kind", kind,
                    "--organization", org).stdout.strip()


def run(b, source_id):
    (report,) = json.loads(b.manage("run_harvest", "--source", source_id, "--json").stdout)
    assert report["status"] == "ok", report
    return report


def harvested(b, org):
    output = b.manage("shell", "-c", HARVEST_INFO % org).stdout
    return json.loads(output.strip().splitlines()[-1])  # after the shell's own notices


def changes(report):
    return (sorted(report["created"]), report["updated"], report["deleted"], report["unchanged"])


def test_ckan_api_harvest_creates_then_changes_nothing_then_follows_edits_and_deletions(pair):
    a, b = pair
    source = add_source(b, a.url, "ckan", "region")
    assert changes(run(b, source)) == (["aed", "parks"], [], [], 0)

    found = action(b, "package_search", fq="organization:region")["result"]
    assert sorted(p["name"] for p in found["results"]) == ["aed", "parks"]
    parks = action(b, "package_show", id="parks")["result"]
    assert parks["title"] == "市内の公園一覧"
    original = action(a, "package_show", id="parks")["result"]
    assert sorted(r["url"] for r in parks["resources"]) == sorted(
        r["url"] for r in original["resources"])  # links to A's files, not copies
    assert all(r["url_type"] is None for r in parks["resources"])
    marks = harvested(b, "region")
    assert marks["parks"] == {"harvested": True, "state": "published",
                              "remote_url": f"{a.url}/dataset/parks"}
    extras = {e["key"]: e["value"] for e in parks["extras"]}
    assert extras["harvest_url"] == f"{a.url}/dataset/parks"

    assert changes(run(b, source)) == ([], [], [], 2)

    action(a, "package_patch", a.token, id="parks", title="都市公園の一覧")
    assert changes(run(b, source)) == ([], ["parks"], [], 1)
    assert action(b, "package_show", id="parks")["result"]["title"] == "都市公園の一覧"

    action(a, "package_delete", a.token, id="aed")
    assert changes(run(b, source)) == ([], [], ["aed"], 1)
    assert action(b, "package_show", id="aed")["success"] is False
    assert harvested(b, "region")["aed"]["state"] == "deleted"


def test_kanmin_harvest_takes_our_extras_and_avoids_slug_clashes(pair):
    a, b = pair
    source = add_source(b, a.url, "kanmin", "region-kanmin")
    report = run(b, source)
    assert "demo-city-parks" in report["created"]  # "parks" is taken by the CKAN source's copy
    copy = action(b, "package_show", id="demo-city-parks")["result"]
    extras = {e["key"]: e["value"] for e in copy["extras"]}
    assert extras["title_en"] == "Parks"
    assert copy["organization"]["name"] == "region-kanmin"
    assert harvested(b, "region-kanmin")["demo-city-parks"]["remote_url"] == (
        f"{a.url}/dataset/parks/")


def test_dcat_harvest_of_the_first_instance(pair):
    a, b = pair
    if requests.get(f"{a.url}/catalog.ttl", timeout=60).status_code == 404:
        pytest.skip("instance A does not serve /catalog.ttl yet")
    public = action(a, "package_search", rows=1000)["result"]["results"]
    source = add_source(b, f"{a.url}/catalog.ttl", "dcat", "region-dcat")
    first = run(b, source)
    assert len(first["created"]) == len(public)
    titles = {p["title"] for p in action(b, "package_search", fq="organization:region-dcat",
                                         rows=1000)["result"]["results"]}
    assert titles == {p["title"] for p in public}

    assert changes(run(b, source)) == ([], [], [], len(public))

    created = action(a, "package_create", a.token, name="river-level", title="河川水位",
                     owner_org="demo-city", license_id="cc-by-4.0",
                     resources=[{"name": "水位", "url": "https://example.jp/river.csv"}])
    assert created["success"], created
    added = run(b, source)
    assert len(added["created"]) == 1
    action(a, "package_delete", a.token, id="river-level")
    removed = run(b, source)
    assert removed["deleted"] == added["created"]
    assert removed["unchanged"] == len(public)
