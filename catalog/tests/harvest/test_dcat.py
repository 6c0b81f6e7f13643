"""DCAT harvesting: Turtle, RDF/XML and JSON-LD served on 127.0.0.1, hydra paging, contexts."""

import json

import pytest
from rdflib import Graph

from catalog.harvest.dcat import rdf_format
from catalog.harvest.engine import harvest
from catalog.harvest.mapping import match_licence, normalise_format
from catalog.models import Dataset
from catalog.tests.harvest.fakes import Served

pytestmark = pytest.mark.django_db

PREFIXES = """
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .
"""
PARKS = """
<https://data.example.jp/dataset/parks/> a dcat:Dataset ;
  dct:identifier "0f6d7c1e-parks" ;
  dct:title "市内の公園一覧"@ja, "Parks"@en ;
  dct:description "都市公園の一覧"@ja ;
  dcat:keyword "公園"@ja, "parks"@en ;
  dcat:theme <https://data.example.jp/dataset/?category=facilities>,
             <http://publications.europa.eu/resource/authority/data-theme/SOCI> ;
  dct:license <https://creativecommons.org/licenses/by/4.0/deed.ja> ;
  dct:modified "2024-05-01T09:00:00+09:00"^^xsd:dateTime ;
  dct:accrualPeriodicity <http://publications.europa.eu/resource/authority/frequency/MONTHLY> ;
  dcat:contactPoint [ a vcard:Kind ; vcard:fn "公園緑地課"@ja ;
                      vcard:hasEmail <mailto:park@example.jp> ;
                      vcard:hasTelephone <tel:+81-54-000-0000> ] ;
  dct:temporal [ a dct:PeriodOfTime ; dcat:startDate "2024-04-01"^^xsd:date ;
                 dcat:endDate "2025-03-31"^^xsd:date ] ;
  dct:spatial [ a dct:Location ; skos:prefLabel "デモ市"@ja ] ;
  dct:conformsTo <https://data.example.jp/dataset/?standard=aed> ;
  dcat:landingPage <https://data.example.jp/dataset/parks/> ;
  dcat:distribution <https://data.example.jp/dataset/parks/#csv> .
<https://data.example.jp/dataset/parks/#csv> a dcat:Distribution ;
  dct:title "公園一覧（CSV）"@ja ;
  dcat:accessURL <https://data.example.jp/dataset/parks/> ;
  dcat:downloadURL <https://data.example.jp/files/parks.csv> ;
  dcat:mediaType <https://www.iana.org/assignments/media-types/text/csv> ;
  dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> .
"""
AED = """
<https://data.example.jp/dataset/aed/> a dcat:Dataset ;
  dct:title "AED設置箇所一覧"@ja ;
  dct:license <https://www.digital.go.jp/resources/open_data/public_data_license_v1.0> ;
  dcat:distribution [ a dcat:Distribution ; dcat:accessURL <https://data.example.jp/aed.xlsx> ] .
"""


def turtle(*parts, extra=""):
    return (PREFIXES + "".join(parts) + extra).encode()


def dcat_source(make_source, url):
    return make_source(kind="dcat", url=url)


def test_a_turtle_catalogue_is_harvested_with_its_metadata(make_source, allow_loopback):
    with Served(files={"/catalog.ttl": ("text/turtle", turtle(PARKS, AED))}) as server:
        report = harvest(dcat_source(make_source, server.url + "/catalog.ttl"))
    assert sorted(report.created) == ["aed", "parks"], report.errors
    parks = Dataset.objects.get(slug="parks")
    assert (parks.title, parks.title_en, parks.description) == ("市内の公園一覧", "Parks",
                                                               "都市公園の一覧")
    assert [t.name for t in parks.tags.all()] == ["公園"]
    assert [c.slug for c in parks.categories.all()] == ["facilities"]
    assert parks.licence_id == "cc-by-4.0"
    assert parks.update_frequency == "monthly"
    assert (parks.contact_name, parks.contact_email, parks.contact_phone) == (
        "公園緑地課", "park@example.jp", "+81-54-000-0000")
    assert (str(parks.temporal_start), str(parks.temporal_end)) == ("2024-04-01", "2025-03-31")
    assert parks.spatial == "デモ市"
    assert parks.standard_id == "aed"
    resource = parks.resources.get()
    assert (resource.name, resource.format) == ("公園一覧（CSV）", "CSV")
    assert resource.current_version.url == "https://data.example.jp/files/parks.csv"
    aed = Dataset.objects.get(slug="aed")
    assert aed.licence_id == "pdl-1.0"
    assert aed.resources.get().format == "XLSX"
    assert aed.harvest_record.remote_url == "https://data.example.jp/dataset/aed/"


def test_rerunning_changes_nothing_and_a_dataset_gone_is_withdrawn(make_source, allow_loopback):
    files = {"/catalog.ttl": ("text/turtle", turtle(PARKS, AED))}
    with Served(files=files) as server:
        source = dcat_source(make_source, server.url + "/catalog.ttl")
        harvest(source)
        again = harvest(source)
        files["/catalog.ttl"] = ("text/turtle", turtle(PARKS))
        after = harvest(source)
    assert (again.created, again.updated, again.deleted, again.unchanged) == ([], [], [], 2)
    assert (after.deleted, after.unchanged) == (["aed"], 1)
    assert Dataset.objects.get(slug="aed").state == Dataset.State.DELETED


@pytest.mark.parametrize(("fmt", "content_type", "path"), [
    ("xml", "application/rdf+xml", "/catalog.rdf"),
    ("json-ld", "application/ld+json", "/catalog.jsonld"),
    ("xml", "application/octet-stream", "/catalog.rdf"),  # by extension
])
def test_rdf_xml_and_json_ld_give_the_same_datasets(make_source, allow_loopback, fmt,
                                                     content_type, path):
    graph = Graph().parse(data=turtle(PARKS, AED), format="turtle")
    body = graph.serialize(format=fmt).encode()
    with Served(files={path: (content_type, body)}) as server:
        report = harvest(dcat_source(make_source, server.url + path))
    assert sorted(report.created) == ["aed", "parks"], report.errors
    assert Dataset.objects.get(slug="parks").title_en == "Parks"


def test_hydra_next_pages_are_followed(make_source, allow_loopback):
    files = {}
    with Served(files=files) as server:
        first = (f"<{server.url}/catalog.ttl> a hydra:PartialCollectionView ; "
                 f"hydra:next <{server.url}/catalog.ttl?page=2> .")
        files["/catalog.ttl"] = ("text/turtle", turtle(PARKS, extra=first))
        files["/catalog.ttl?page=2"] = ("text/turtle", turtle(AED))
        source = dcat_source(make_source, server.url + "/catalog.ttl")
        report = harvest(source)
        files["/catalog.ttl?page=2"] = ("text/plain", b"@@@ not turtle")
        broken = harvest(source)
    assert sorted(report.created) == ["aed", "parks"]
    assert "2 page(s)" in " ".join(report.notes)
    assert broken.deleted == []  # page 2 failed: the listing is incomplete, nothing withdrawn
    assert len(broken.errors) == 1


def test_a_remote_json_ld_context_is_fetched_through_the_guard(make_source, allow_loopback):
    context = {"@context": {"dcat": "http://www.w3.org/ns/dcat#",
                            "dct": "http://purl.org/dc/terms/",
                            "title": {"@id": "dct:title", "@language": "ja"}}}
    document = {"@context": "/context.jsonld", "@graph": [
        {"@id": "https://data.example.jp/dataset/river/", "@type": "dcat:Dataset",
         "title": "河川水位"}]}
    files = {"/context.jsonld": ("application/ld+json", json.dumps(context).encode()),
             "/catalog.jsonld": ("application/ld+json", json.dumps(document).encode())}
    with Served(files=files) as server:
        report = harvest(dcat_source(make_source, server.url + "/catalog.jsonld"))
    assert report.created == ["river"], report.errors or report.failed
    assert Dataset.objects.get(slug="river").title == "河川水位"


def test_a_json_ld_context_at_an_internal_address_is_refused(make_source, allow_loopback):
    document = {"@context": "http://169.254.169.254/latest/meta-data/", "@graph": []}
    with Served(files={"/c.jsonld": ("application/ld+json", json.dumps(document).encode())}) \
            as server:
        report = harvest(dcat_source(make_source, server.url + "/c.jsonld"))
    assert "169.254.169.254" in report.failed
    assert not Dataset.objects.exists()


def test_an_unparsable_catalogue_fails_the_source(make_source, allow_loopback):
    with Served(files={"/c.ttl": ("text/turtle", b"<not> <turtle")}) as server:
        report = harvest(dcat_source(make_source, server.url + "/c.ttl"))
    assert "turtle" in report.failed


def test_the_rdf_format_comes_from_the_media_type_then_the_name_then_the_content():
    assert rdf_format("text/turtle", "https://x.jp/c", b"") == "turtle"
    assert rdf_format("application/octet-stream", "https://x.jp/c.jsonld", b"") == "json-ld"
    assert rdf_format("text/plain", "https://x.jp/c", b"  <?xml") == "xml"
    assert rdf_format("", "https://x.jp/c", b"@prefix") == "turtle"


def test_format_labels_from_media_types_and_vocabularies():
    assert normalise_format("https://www.iana.org/assignments/media-types/text/csv") == "CSV"
    assert normalise_format("http://publications.europa.eu/resource/authority/file-type/XLSX") \
        == "XLSX"
    assert normalise_format("application/vnd.geo+json") == "GEOJSON"
    assert normalise_format("ZIP (CSV)") == "ZIP"
    assert normalise_format("application/x-shapefile") == "SHAPEFILE"


def test_licences_match_by_id_alias_or_url(db):
    assert match_licence("CC-BY-4.0") == "cc-by-4.0"
    assert match_licence("cc-zero") == "cc0-1.0"
    assert match_licence(url="http://creativecommons.org/licenses/by-sa/4.0/legalcode") \
        == "cc-by-sa-4.0"
    assert match_licence("cc-by") == "other"  # no version given: not guessed


def test_fewer_datasets_than_hydra_total_items_withdraws_nothing(make_source, allow_loopback):
    files = {"/catalog.ttl": ("text/turtle", turtle(PARKS, AED))}
    with Served(files=files) as server:
        source = dcat_source(make_source, server.url + "/catalog.ttl")
        harvest(source)
        total = f'<{server.url}/catalog> hydra:totalItems "2"^^xsd:nonNegativeInteger .'
        files["/catalog.ttl"] = ("text/turtle", turtle(PARKS, extra=total))
        report = harvest(source)
    assert report.deleted == []
    assert "hydra:totalItems" in " ".join(report.notes)
