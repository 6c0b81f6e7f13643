"""DCAT-AP 3 serialisations of datasets and of the paged catalogue."""

import pytest
from django.conf import settings
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS

from catalog.dcat.vocab import HYDRA, SPDX, VCARD
from catalog.models import Dataset
from catalog.services import ResourceData, add_resource, delete_dataset
from catalog.tests.dcat.conftest import DCAT, XSD, fetch
from tests.fixtures import actor

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")

EU = "http://publications.europa.eu/resource/authority/"


def uri(path: str) -> URIRef:
    return URIRef(settings.SITE_URL + path)


@pytest.mark.django_db
def test_a_dataset_parses_back_to_the_same_graph_from_turtle_json_ld_and_rdf_xml(
    client, full_dataset
):
    graphs = [fetch(client, f"/dataset/aed.{ext}") for ext in ("ttl", "jsonld", "rdf")]
    assert len(graphs[0]) > 40
    assert isomorphic(graphs[0], graphs[1])
    assert isomorphic(graphs[0], graphs[2])


@pytest.mark.django_db
def test_responses_have_the_rdf_content_types_and_are_shown_inline(client, full_dataset):
    expected = {"ttl": "text/turtle", "jsonld": "application/ld+json",
                "rdf": "application/rdf+xml"}
    for ext, media_type in expected.items():
        response = client.get(f"/dataset/aed.{ext}")
        assert response["Content-Type"].split(";")[0] == media_type
        assert response["Content-Disposition"] == f'inline; filename="aed.{ext}"'
        catalog = client.get(f"/catalog.{ext}")
        assert catalog["Content-Type"].split(";")[0] == media_type
        assert catalog["Content-Disposition"] == f'inline; filename="catalog.{ext}"'


@pytest.mark.django_db
def test_the_dataset_carries_the_dcat_ap_properties(client, full_dataset, org):
    g = fetch(client, "/dataset/aed.ttl")
    ds = uri("/dataset/aed/")
    assert (ds, RDF.type, DCAT.Dataset) in g
    assert set(g.objects(ds, DCTERMS.title)) == {Literal("AED設置箇所一覧", lang="ja"),
                                                  Literal("AED locations", lang="en")}
    assert Literal("Where the AEDs are.", lang="en") in set(g.objects(ds, DCTERMS.description))
    assert set(g.objects(ds, DCAT.keyword)) == {Literal("AED", lang="ja"),
                                                 Literal("防災", lang="ja")}
    assert (ds, DCTERMS.identifier, Literal(str(full_dataset.uuid))) in g
    # publisher: the organisation as a foaf:Agent with its 全国地方公共団体コード
    publisher = g.value(ds, DCTERMS.publisher)
    assert publisher == uri("/organization/demo-city/")
    assert (publisher, RDF.type, FOAF.Agent) in g
    assert (publisher, FOAF.name, Literal("テスト市", lang="ja")) in g
    assert (publisher, DCTERMS.identifier, Literal(org.lgcode)) in g
    # licence, themes (EU vocabulary and our own categories), frequency
    assert g.value(ds, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/deed.ja")
    themes = set(g.objects(ds, DCAT.theme))
    assert {URIRef(EU + "data-theme/JUST"), URIRef(EU + "data-theme/HEAL")} <= themes
    own = uri("/dataset/?category=disaster")
    assert own in themes and (own, SKOS.prefLabel, Literal("防災・安全", lang="ja")) in g
    assert g.value(ds, DCTERMS.accrualPeriodicity) == URIRef(EU + "frequency/MONTHLY")
    # dates are typed
    assert g.value(ds, DCTERMS.issued).datatype == XSD.dateTime
    assert g.value(ds, DCTERMS.modified).datatype == XSD.dateTime
    # contact point, spatial, temporal, standard
    contact = g.value(ds, DCAT.contactPoint)
    assert (contact, RDF.type, VCARD.Kind) in g
    assert g.value(contact, VCARD.hasEmail) == URIRef("mailto:kiki@example.jp")
    assert g.value(contact, VCARD.hasTelephone) == URIRef("tel:+81-3-1234-5678")
    spatial = g.value(ds, DCTERMS.spatial)
    assert (spatial, RDF.type, DCTERMS.Location) in g
    assert (spatial, SKOS.prefLabel, Literal("テスト市全域", lang="ja")) in g
    assert (spatial, DCTERMS.identifier, Literal(org.lgcode)) in g
    period = g.value(ds, DCTERMS.temporal)
    assert str(g.value(period, DCAT.startDate)) == "2024-04-01"
    assert g.value(ds, DCTERMS.conformsTo) == uri("/dataset/?standard=aed")


@pytest.mark.django_db
def test_an_upload_is_a_distribution_with_download_url_media_type_size_and_checksum(
    client, full_dataset
):
    g = fetch(client, "/dataset/aed.jsonld")
    ds = uri("/dataset/aed/")
    resource = full_dataset.resources.get()
    version = resource.current_version
    dist = g.value(ds, DCAT.distribution)
    assert dist == URIRef(f"{settings.SITE_URL}/dataset/aed/#resource-{resource.uuid}")
    download = uri(f"/dataset/aed/resource/{resource.pk}/download/aed.csv")
    assert g.value(dist, DCAT.downloadURL) == download
    assert g.value(dist, DCAT.accessURL) == download
    assert g.value(dist, DCAT.mediaType) == URIRef("https://www.iana.org/assignments/media-types/text/csv")
    assert g.value(dist, DCTERMS["format"]) == URIRef(EU + "file-type/CSV")
    assert g.value(dist, DCAT.byteSize).toPython() == version.size
    checksum = g.value(dist, SPDX.checksum)
    assert g.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
    assert str(g.value(checksum, SPDX.checksumValue)) == version.sha256
    assert g.value(dist, DCTERMS.license) == g.value(ds, DCTERMS.license)


@pytest.mark.django_db
def test_a_link_has_an_access_url_but_no_download_url_or_checksum(client, make_dataset, editor):
    dataset = make_dataset(slug="map", title="地図", resource=False)
    add_resource(actor=actor(editor), dataset=dataset, data=ResourceData(name="地図"),
                 url="https://example.jp/map.geojson")
    g = fetch(client, "/dataset/map.rdf")
    dist = g.value(uri("/dataset/map/"), DCAT.distribution)
    assert g.value(dist, DCAT.accessURL) == URIRef("https://example.jp/map.geojson")
    assert g.value(dist, DCAT.mediaType) == URIRef("https://www.iana.org/assignments/media-types/application/geo+json")
    assert g.value(dist, DCAT.downloadURL) is None and g.value(dist, SPDX.checksum) is None


@pytest.mark.django_db
def test_a_licence_without_a_url_gets_a_site_uri_that_resolves(client, make_dataset):
    make_dataset(slug="misc", title="その他の資料", licence="other")
    g = fetch(client, "/dataset/misc.ttl")
    licence = g.value(uri("/dataset/misc/"), DCTERMS.license)
    assert licence == uri("/api/v1/licences/other")
    assert client.get("/api/v1/licences/other").json()["id"] == "other"


@pytest.mark.django_db
def test_private_draft_deleted_and_unknown_datasets_are_404_and_never_listed(
    client, make_dataset, editor
):
    make_dataset(slug="open", title="公開データ")
    make_dataset(slug="secret", title="非公開データ", private=True)
    make_dataset(slug="draft", title="下書きデータ", publish=False)
    gone = make_dataset(slug="gone", title="削除データ")
    delete_dataset(actor=actor(editor), dataset=gone)
    client.force_login(editor)  # even a member of the organisation: DCAT is public only
    for slug in ("secret", "draft", "gone", "nope"):
        for ext in ("ttl", "jsonld", "rdf"):
            assert client.get(f"/dataset/{slug}.{ext}").status_code == 404
    for ext in ("ttl", "jsonld", "rdf"):
        g = fetch(client, f"/catalog.{ext}")
        datasets = set(g.subjects(RDF.type, DCAT.Dataset))
        assert datasets == {uri("/dataset/open/")}
        text = g.serialize(format="nt")
        assert "secret" not in text and "draft" not in text and "gone" not in text


@pytest.mark.django_db
def test_the_catalog_describes_itself_and_lists_its_datasets(client, full_dataset):
    g = fetch(client, "/catalog.ttl")
    catalog = uri("/catalog")
    assert (catalog, RDF.type, DCAT.Catalog) in g
    assert Literal("Kanmin open data platform", lang="en") in set(g.objects(catalog, DCTERMS.title))
    assert g.value(catalog, DCTERMS.description) is not None
    assert (g.value(catalog, DCTERMS.publisher), RDF.type, FOAF.Agent) in g
    assert list(g.objects(catalog, DCAT.dataset)) == [uri("/dataset/aed/")]
    assert URIRef(EU + "data-theme") in set(g.objects(catalog, DCAT.themeTaxonomy))
    assert g.value(catalog, HYDRA.totalItems).toPython() == 1


@pytest.mark.django_db
def test_the_catalog_is_paged_with_a_hydra_partial_collection_view(client, make_dataset):
    for i in range(5):
        make_dataset(slug=f"set-{i}", title=f"データ{i}", resource=False)
    g = fetch(client, "/catalog.ttl", page_size=2, page=2)
    catalog = uri("/catalog")
    assert g.value(catalog, HYDRA.totalItems).toPython() == 5
    view = g.value(catalog, HYDRA.view)
    assert (view, RDF.type, HYDRA.PartialCollectionView) in g
    assert str(view) == f"{settings.SITE_URL}/catalog.ttl?page_size=2&page=2"
    assert str(g.value(view, HYDRA.first)).endswith("/catalog.ttl?page_size=2&page=1")
    assert str(g.value(view, HYDRA.next)).endswith("page=3")
    assert str(g.value(view, HYDRA.previous)).endswith("page=1")
    assert str(g.value(view, HYDRA.last)).endswith("page=3")
    assert {str(d) for d in g.objects(catalog, DCAT.dataset)} == {
        f"{settings.SITE_URL}/dataset/set-2/", f"{settings.SITE_URL}/dataset/set-3/"}
    last = fetch(client, "/catalog.ttl", page_size=2, page=3)
    assert len(list(last.objects(catalog, DCAT.dataset))) == 1
    assert last.value(last.value(catalog, HYDRA.view), HYDRA.next) is None
    assert client.get("/catalog.ttl", {"page_size": 2, "page": 4}).status_code == 404


@pytest.mark.django_db
def test_the_page_size_defaults_to_100_and_is_capped_at_250(client, make_dataset):
    make_dataset(slug="one", title="データ", resource=False)
    g = fetch(client, "/catalog.ttl", page_size=5000)
    view = g.value(uri("/catalog"), HYDRA.view)
    assert "page_size=250" in str(view)
    default = fetch(client, "/catalog.ttl")
    assert str(default.value(uri("/catalog"), HYDRA.view)).endswith("/catalog.ttl?page=1")


@pytest.mark.django_db
def test_modified_since_keeps_only_datasets_changed_since_then(client, make_dataset):
    make_dataset(slug="old", title="古いデータ", resource=False)
    make_dataset(slug="recent", title="新しいデータ", resource=False)
    Dataset.objects.filter(slug="old").update(modified="2020-01-01T00:00:00Z")
    for value in ("2021-01-01", "2021-01-01T09:00:00", "2021-01-01T00:00:00+09:00"):
        g = fetch(client, "/catalog.jsonld", modified_since=value)
        assert set(g.subjects(RDF.type, DCAT.Dataset)) == {uri("/dataset/recent/")}
        view = str(g.value(uri("/catalog"), HYDRA.view))
        assert "modified_since=" in view
    g = fetch(client, "/catalog.rdf", modified_since="2019-12-31")
    assert len(set(g.subjects(RDF.type, DCAT.Dataset))) == 2


@pytest.mark.django_db
def test_a_bad_modified_since_or_page_is_400_with_a_message_in_both_languages(client):
    response = client.get("/catalog.ttl", {"modified_since": "yesterday"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "日時の形式が正しくありません" in text and "The date or time is not valid" in text
    assert "YYYY-MM-DD" in text
    for params in ({"page": "x"}, {"page": "0"}, {"page_size": "-1"},
                   {"modified_since": "2024-13-45"}):
        assert client.get("/catalog.ttl", params).status_code == 400, params


@pytest.mark.django_db
def test_the_catalog_uri_redirects_to_the_serialisation_the_client_accepts(client):
    response = client.get("/catalog", HTTP_ACCEPT="application/ld+json")
    assert response.status_code == 303 and response["Location"] == "/catalog.jsonld"
    assert client.get("/catalog")["Location"] == "/catalog.ttl"


@pytest.mark.django_db
def test_the_catalog_needs_a_bounded_number_of_queries(client, make_dataset,
                                                       django_assert_max_num_queries):
    for i in range(15):
        make_dataset(slug=f"bulk-{i}", title=f"データ{i}", tags=[f"t{i}"],
                     categories=["population"])
    with django_assert_max_num_queries(10):
        assert client.get("/catalog.ttl").status_code == 200
