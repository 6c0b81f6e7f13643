"""The served graphs satisfy DCAT-AP 3's mandatory properties (SHACL, checked with pyshacl)."""

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, SH

from catalog.tests.dcat.conftest import DCAT, fetch

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")

SHAPES = Graph().parse(Path(__file__).resolve().parents[2] / "dcat" / "shapes.ttl")


def check(data: Graph, *, allow_warnings: bool = True) -> tuple[bool, str, Graph]:
    conforms, results, text = validate(data, shacl_graph=SHAPES, allow_warnings=allow_warnings)
    return conforms, text, results


@pytest.mark.django_db
@pytest.mark.parametrize("ext", ["ttl", "jsonld", "rdf"])
def test_the_catalog_and_a_full_dataset_conform_without_even_a_warning(client, full_dataset, ext):
    for path in (f"/catalog.{ext}", f"/dataset/aed.{ext}"):
        conforms, text, _results = check(fetch(client, path), allow_warnings=False)
        assert conforms, text


@pytest.mark.django_db
def test_a_bare_dataset_conforms_with_warnings_for_its_missing_recommended_properties(
    client, make_dataset
):
    make_dataset(slug="bare", title="説明のないデータ", resource=False)
    data = fetch(client, "/catalog.ttl")
    conforms, text, _results = check(data)
    assert conforms, text  # a missing description falls back to the title
    strict, _text, results = check(data, allow_warnings=False)
    assert not strict
    severities = set(results.objects(None, SH.resultSeverity))
    assert severities == {SH.Warning}


@pytest.mark.django_db
def test_a_dataset_without_a_title_does_not_conform(client, full_dataset):
    data = fetch(client, "/dataset/aed.ttl")
    dataset = next(data.subjects(RDF.type, DCAT.Dataset))
    data.remove((dataset, DCTERMS.title, None))
    conforms, text, results = check(data)
    assert not conforms
    assert DCTERMS.title in set(results.objects(None, SH.resultPath)), text


@pytest.mark.django_db
def test_a_distribution_without_an_access_url_or_an_agent_without_a_name_does_not_conform(
    client, full_dataset
):
    data = fetch(client, "/dataset/aed.ttl")
    data.remove((None, DCAT.accessURL, None))
    publisher = URIRef(next(iter(data.objects(None, DCTERMS.publisher))))
    data.remove((publisher, URIRef("http://xmlns.com/foaf/0.1/name"), None))
    conforms, _text, results = check(data)
    assert not conforms
    assert {DCAT.accessURL, URIRef("http://xmlns.com/foaf/0.1/name")} <= set(
        results.objects(None, SH.resultPath))
