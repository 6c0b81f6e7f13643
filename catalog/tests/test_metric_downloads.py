"""The catalog.downloads metric counts resource downloads and table exports, per organisation."""

import pytest

from core import metrics
from tabular.tests.test_pages import ingest, make_resource

pytestmark = pytest.mark.django_db


def _downloads(org) -> int:
    return metrics.get("catalog.downloads").compute(org)


def test_a_download_and_an_export_count_for_the_organisation(client, org, other_org, editor):
    resource = make_resource(org, editor)
    ingest(resource)
    base = f"/dataset/{resource.dataset.slug}/resource/{resource.pk}/"
    assert _downloads(org) == 0
    assert client.get(base + "download/").status_code == 200
    response = client.get(base + "table/download/csv/")
    assert response.status_code == 200
    b"".join(response.streaming_content)
    assert _downloads(org) == 2
    assert _downloads(other_org) == 0
    assert metrics.current_values(None)["catalog.downloads"] == 2


def test_a_refused_download_is_not_counted(client, org, editor):
    resource = make_resource(org, editor, publish=False)
    base = f"/dataset/{resource.dataset.slug}/resource/{resource.pk}/"
    assert client.get(base + "download/").status_code == 404
    assert _downloads(org) == 0
