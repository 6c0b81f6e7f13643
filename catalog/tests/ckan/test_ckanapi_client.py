"""Acceptance with the real `ckanapi` client: search, dump, and load into a second instance."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.instances import kanmin_instance

CKANAPI = str(Path(sys.executable).parent / "ckanapi")


def ckanapi(instance, *args, token=None):
    command = [CKANAPI, *args, "-r", instance.url]
    if token:
        command += ["-a", token]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _seed(instance):
    """Two organisations, datasets with uploaded (CP932) files, a link and a 2nd version."""
    script = """
import io
from django.contrib.auth.models import User
from core.actor import Actor
from core.services.organisations import create_organisation
from catalog.services import *
a = Actor(user=User.objects.get(username='admin'))
o1 = create_organisation(actor=a, slug='demo-city', name='デモ市', lgcode='139998', name_en='Demo City')
o2 = create_organisation(actor=a, slug='yaizu', name='焼津市', lgcode='222127')
def up(data, name):
    f = io.BytesIO(data); f.name = name; return f
d = create_dataset(actor=a, organisation=o1, data=DatasetData(slug='parks', title='市内の公園一覧',
    description='都市公園の一覧', tags=['公園'], categories=['facilities'], licence='pdl-1.0',
    title_en='Parks'))
r = add_resource(actor=a, dataset=d, data=ResourceData(name='公園一覧'),
    upload=up('名称,住所\\n中央公園,中央町1\\n'.encode('cp932'), 'parks.csv'))
replace_resource_file(actor=a, resource=r, upload=up('名称,住所\\n中央公園,中央町1\\n西公園,西町2\\n'.encode('cp932'), 'parks.csv'))
add_resource(actor=a, dataset=d, data=ResourceData(name='地図'), url='https://example.jp/parks-map')
publish_dataset(actor=a, dataset=d)
e = create_dataset(actor=a, organisation=o2, data=DatasetData(slug='aed', title='AED設置箇所一覧',
    standard='aed', tags=['AED']))
add_resource(actor=a, dataset=e, data=ResourceData(name='AED'),
    upload=up('名称,緯度,経度\\n市役所,34.86,138.32\\n'.encode('utf-8-sig'), 'aed.csv'))
publish_dataset(actor=a, dataset=e)
"""
    instance.manage("shell", "-c", script)


def _normalised(package):
    return {
        "name": package["name"], "title": package["title"], "notes": package["notes"],
        "license_id": package["license_id"], "owner_org": package["owner_org"],
        "organization": package["organization"]["name"],
        "tags": sorted(t["name"] for t in package["tags"]),
        "groups": sorted(g["name"] for g in package["groups"]),
        "extras": {e["key"]: e["value"] for e in package["extras"]
                   if e["key"] in ("title_en", "standard_dataset")},
        "resources": [(r["name"], r["format"], r["hash"], r["size"]) for r in package["resources"]],
    }


@pytest.mark.interop
def test_ckanapi_search_dump_and_load_into_an_empty_instance(tmp_path):
    with kanmin_instance(tmp_path / "a", "a") as source, \
            kanmin_instance(tmp_path / "b", "b") as target:
        _seed(source)
        found = json.loads(ckanapi(source, "action", "package_search", "q=公園"))
        assert found["count"] == 1 and found["results"][0]["name"] == "parks"

        datasets = tmp_path / "datasets.jsonl"
        orgs = tmp_path / "orgs.jsonl"
        ckanapi(source, "dump", "datasets", "--all", "-O", str(datasets))
        ckanapi(source, "dump", "organizations", "--all", "-O", str(orgs))
        dumped = [json.loads(line) for line in datasets.read_text().splitlines()]
        assert {d["name"] for d in dumped} == {"parks", "aed"}

        ckanapi(target, "load", "organizations", "-I", str(orgs), token=target.token)
        ckanapi(target, "load", "datasets", "-I", str(datasets), "--upload-resources",
                token=target.token)

        for original in dumped:
            copy = json.loads(ckanapi(target, "action", "package_show", f"id={original['name']}"))
            assert _normalised(copy) == _normalised(original)
            assert copy["id"] == original["id"]
            for resource in copy["resources"]:
                if resource["url_type"] == "upload":
                    assert resource["url"].startswith(target.url)  # the file was copied
        source_orgs = json.loads(ckanapi(source, "action", "organization_list", "all_fields=true"))
        target_orgs = json.loads(ckanapi(target, "action", "organization_list", "all_fields=true"))
        assert ([(o["id"], o["name"], o["title"], o["lgcode"]) for o in source_orgs]
                == [(o["id"], o["name"], o["title"], o["lgcode"]) for o in target_orgs])
