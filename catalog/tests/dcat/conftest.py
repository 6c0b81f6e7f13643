"""DCAT test helpers: fetch a serialisation and parse it back with rdflib."""

from datetime import date

import pytest
from rdflib import Graph, Namespace

# Plain namespaces: pytest's collection probes module attributes, which rdflib's closed
# DCAT and XSD namespaces answer with warnings.
DCAT = Namespace("http://www.w3.org/ns/dcat#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

PARSERS = {"ttl": "turtle", "jsonld": "json-ld", "rdf": "xml"}


def fetch(client, path: str, **params) -> Graph:
    """GET a DCAT URL and parse the body in the format its extension names."""
    response = client.get(path, params)
    assert response.status_code == 200, response.content[:500]
    ext = path.rsplit(".", 1)[1]
    return Graph().parse(data=response.content, format=PARSERS[ext])


@pytest.fixture
def full_dataset(make_dataset):
    """A published dataset using every field DCAT maps."""
    return make_dataset(
        slug="aed", title="AED設置箇所一覧", title_en="AED locations",
        description="市内のAED設置箇所です。", description_en="Where the AEDs are.",
        tags=["AED", "防災"], categories=["disaster", "health"], licence="cc-by-4.0",
        contact_name="危機管理課", contact_email="kiki@example.jp", contact_phone="03-1234-5678",
        update_frequency="monthly", spatial="テスト市全域", standard="aed",
        temporal_start=date(2024, 4, 1), temporal_end=date(2025, 3, 31),
    )
