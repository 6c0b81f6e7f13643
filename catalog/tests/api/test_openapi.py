"""The committed OpenAPI document matches the code, and the docs page stays on this origin."""

import difflib
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.management import call_command

from catalog.management.commands.export_openapi import DEFAULT_PATH, render_document

REPO = Path(__file__).resolve().parents[3]


def test_the_committed_openapi_document_matches_the_code():
    committed = (REPO / "openapi" / "v1.json").read_text(encoding="utf-8")
    generated = render_document()
    if committed != generated:
        diff = "".join(difflib.unified_diff(
            committed.splitlines(keepends=True), generated.splitlines(keepends=True),
            "openapi/v1.json (committed)", "openapi/v1.json (from the code)", n=2))
        pytest.fail("openapi/v1.json is out of date: run python manage.py export_openapi\n"
                    + diff[:4000], pytrace=False)


def test_export_openapi_writes_sorted_utf_8_json_with_a_final_newline(tmp_path):
    target = tmp_path / "v1.json"
    call_command("export_openapi", output=str(target), stdout=io.StringIO())
    text = target.read_text(encoding="utf-8")
    assert text.endswith("}\n") and "データセット" in text  # not \\u-escaped
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=2,
                              ensure_ascii=False) + "\n"
    assert DEFAULT_PATH == REPO / "openapi" / "v1.json"


@pytest.mark.django_db
def test_the_served_document_is_the_committed_one(client):
    served = client.get("/api/v1/openapi.json").json()
    assert served == json.loads((REPO / "openapi" / "v1.json").read_text(encoding="utf-8"))
    assert served["openapi"].startswith("3.")
    # POST /sql is a read (a statement can be longer than a URL), open to anyone like CKAN's
    # datastore_search_sql; every other non-GET operation is a write and needs a token.
    writes = [op for path in served["paths"].values() for method, op in path.items()
              if method != "get" and op["operationId"] != "searchSql"]
    assert writes and all(op.get("security") == [{"TokenAuth": []}] for op in writes)
    reads = [path["get"] for path in served["paths"].values() if "get" in path]
    assert all("security" not in op for op in reads)


class Assets(HTMLParser):
    """Collects every URL a page would load or link to, and its inline scripts and styles."""

    def __init__(self):
        super().__init__()
        self.urls, self.inline, self.h1, self.title = [], [], 0, ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href", "action", "srcset", "data"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        if "style" in attrs or any(name.startswith("on") for name in attrs):
            self.inline.append(tag)
        if tag == "script" and not attrs.get("src"):
            self.inline.append("script")
        if tag == "style":
            self.inline.append("style")
        self.h1 += tag == "h1"
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


@pytest.mark.django_db
def test_the_docs_page_loads_nothing_from_another_origin(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "'self'" in response["Content-Security-Policy"]
    page = response.content.decode()
    parser = Assets()
    parser.feed(page)
    assert parser.urls
    external = [u for u in parser.urls if re.match(r"^(https?:)?//", u)]
    assert external == []
    assert parser.inline == []
    # django-ninja's stock docs page pulls Swagger UI from a CDN; ours must not.
    # (A bare "cdn" substring check is flaky: the CSRF token is random text.)
    assert not re.search(r"jsdelivr|unpkg|cdnjs|swagger-ui", page, re.IGNORECASE)


@pytest.mark.django_db
def test_the_docs_page_lists_every_operation_with_one_h1_and_its_own_title(client):
    page = client.get("/api/v1/docs").content.decode()
    parser = Assets()
    parser.feed(page)
    assert parser.h1 == 1
    assert parser.title.startswith("Kanmin API v1 |")
    assert '<html lang="ja">' in page
    document = client.get("/api/v1/openapi.json").json()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert f'id="{operation["operationId"]}"' in page
            assert f"{method.upper()} {path}" in page
    assert 'action="/api/v1/datasets"' in page  # the list can be tried without JavaScript
    assert '<label for="listDatasets-q">q</label>' in page
