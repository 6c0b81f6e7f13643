"""Build DCAT-AP 3 graphs (rdflib) of public datasets and of pages of the catalogue."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Max, Prefetch, QuerySet
from django.utils.encoding import iri_to_uri
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from catalog import selectors
from catalog.dcat import uris
from catalog.dcat.vocab import (
    CATALOG_DESCRIPTION_EN,
    CATALOG_DESCRIPTION_JA,
    EU_FILE_TYPE,
    EU_FREQUENCY,
    EU_LANGUAGE,
    EU_THEME,
    EU_THEME_SCHEME,
    FORMATS,
    FREQUENCIES,
    HYDRA,
    IANA_MEDIA_TYPE,
    PREFIXES,
    PUBLISHER_TYPE,
    SITE_NAME_EN,
    SITE_NAME_JA,
    SPDX,
    THEMES,
    VCARD,
)
from catalog.gate import Gate
from catalog.models import Dataset, Resource
from core.actor import Actor
from core.models import Organisation

PHONE_RE = re.compile(r"^0\d{1,4}-?\d{1,4}-?\d{3,4}$")


def public_datasets() -> QuerySet:
    """What an anonymous visitor sees (the pages' selector), narrowed to published and public."""
    return selectors.visible_datasets(Actor()).filter(state=Dataset.State.PUBLISHED, private=False)


def prefetched(qs: QuerySet) -> QuerySet:
    """Everything add_dataset touches, in a fixed number of queries."""
    live = Resource.objects.filter(deleted=False).select_related("current_version")
    return qs.select_related("organisation", "licence", "standard").prefetch_related(
        "tags", "categories", Prefetch("resources", queryset=live, to_attr="live_resources")
    )


def new_graph() -> Graph:
    """An empty graph with the DCAT-AP prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def _texts(graph: Graph, subject, predicate, ja: str, en: str = "") -> None:
    if ja:
        graph.add((subject, predicate, Literal(ja, lang="ja")))
    if en:
        graph.add((subject, predicate, Literal(en, lang="en")))


def _when(value) -> Literal | None:
    return None if value is None else Literal(value.isoformat(), datatype=XSD.dateTime)


def add_agent(graph: Graph, org: Organisation) -> URIRef:
    """An organisation as a foaf:Agent with its name and 全国地方公共団体コード."""
    agent = URIRef(uris.organisation_uri(org))
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, RDF.type, FOAF.Organization))
    _texts(graph, agent, FOAF.name, org.name, org.name_en)
    if org.lgcode:
        graph.add((agent, DCTERMS.identifier, Literal(org.lgcode)))
    if org.kind in (Organisation.Kind.MUNICIPALITY, Organisation.Kind.PREFECTURE):
        graph.add((agent, DCTERMS.type, PUBLISHER_TYPE.LocalAuthority))
    if org.website:
        graph.add((agent, FOAF.homepage, URIRef(iri_to_uri(org.website))))
    return agent


def _licence(graph: Graph, licence) -> URIRef:
    node = URIRef(uris.licence_uri(licence))
    graph.add((node, RDF.type, DCTERMS.LicenseDocument))
    _texts(graph, node, DCTERMS.title, licence.title, licence.title_en)
    return node


def _themes(graph: Graph, subject, dataset: Dataset) -> None:
    scheme = URIRef(uris.category_scheme_uri())
    for category in dataset.categories.all():
        for code in THEMES.get(category.slug, ()):
            graph.add((subject, DCAT.theme, EU_THEME[code]))
        concept = URIRef(uris.category_uri(category))
        graph.add((subject, DCAT.theme, concept))
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, scheme))
        _texts(graph, concept, SKOS.prefLabel, category.name, category.name_en)


def _contact(graph: Graph, subject, dataset: Dataset) -> None:
    if not (dataset.contact_name or dataset.contact_email or dataset.contact_phone):
        return
    node = URIRef(uris.dataset_uri(dataset) + "#contact")
    graph.add((subject, DCAT.contactPoint, node))
    graph.add((node, RDF.type, VCARD.Kind))
    name = dataset.contact_name or dataset.organisation.name
    graph.add((node, VCARD.fn, Literal(name, lang="ja")))
    if dataset.contact_email:
        graph.add((node, VCARD.hasEmail, URIRef("mailto:" + dataset.contact_email)))
    phone = dataset.contact_phone.replace(" ", "")
    if PHONE_RE.match(phone):  # a Japanese number: 0 -> +81 makes a global tel: URI
        graph.add((node, VCARD.hasTelephone, URIRef("tel:+81-" + phone[1:])))


def _spatial(graph: Graph, subject, dataset: Dataset) -> None:
    org = dataset.organisation
    label = dataset.spatial or (org.name if org.kind != Organisation.Kind.OTHER else "")
    if not label:
        return
    node = URIRef(uris.dataset_uri(dataset) + "#spatial")
    graph.add((subject, DCTERMS.spatial, node))
    graph.add((node, RDF.type, DCTERMS.Location))
    graph.add((node, SKOS.prefLabel, Literal(label, lang="ja")))
    if org.lgcode and org.kind != Organisation.Kind.OTHER:
        graph.add((node, DCTERMS.identifier, Literal(org.lgcode)))


def _temporal(graph: Graph, subject, dataset: Dataset) -> None:
    if not (dataset.temporal_start or dataset.temporal_end):
        return
    node = URIRef(uris.dataset_uri(dataset) + "#temporal")
    graph.add((subject, DCTERMS.temporal, node))
    graph.add((node, RDF.type, DCTERMS.PeriodOfTime))
    if dataset.temporal_start:
        graph.add((node, DCAT.startDate, Literal(dataset.temporal_start, datatype=XSD.date)))
    if dataset.temporal_end:
        graph.add((node, DCAT.endDate, Literal(dataset.temporal_end, datatype=XSD.date)))


def add_distribution(graph: Graph, dataset: Dataset, resource: Resource, licence,
                     gate: Gate | None = None) -> URIRef:
    """A resource as a dcat:Distribution of its dataset (the version the public may get: one
    the privacy guard withholds is replaced by an earlier one that passed, or no URL)."""
    node = URIRef(uris.distribution_uri(dataset, resource))
    graph.add((node, RDF.type, DCAT.Distribution))
    _texts(graph, node, DCTERMS.title, resource.name, resource.name_en)
    if resource.description:
        graph.add((node, DCTERMS.description, Literal(resource.description, lang="ja")))
    version = (gate or Gate.public()).served(resource, dataset)
    url = uris.download_url(dataset, resource, version)
    if url:
        graph.add((node, DCAT.accessURL, URIRef(url)))
    graph.add((node, DCTERMS.license, licence))
    media_type, file_type = FORMATS.get(resource.format.upper(), (None, None))
    if media_type:
        graph.add((node, DCAT.mediaType, URIRef(IANA_MEDIA_TYPE + media_type)))
        graph.add((node, DCTERMS.format, EU_FILE_TYPE[file_type]))
    graph.add((node, DCTERMS.issued, _when(resource.created)))
    if version is not None:
        graph.add((node, DCTERMS.modified, _when(version.created)))
    if version is not None and version.is_upload:
        graph.add((node, DCAT.downloadURL, URIRef(url)))
        if version.size is not None:
            graph.add((node, DCAT.byteSize, Literal(version.size, datatype=XSD.nonNegativeInteger)))
        if version.sha256:
            checksum = BNode()
            graph.add((node, SPDX.checksum, checksum))
            graph.add((checksum, RDF.type, SPDX.Checksum))
            graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
            graph.add(
                (checksum, SPDX.checksumValue, Literal(version.sha256, datatype=XSD.hexBinary))
            )
    return node


def add_dataset(graph: Graph, dataset: Dataset, gate: Gate | None = None) -> URIRef:
    """A public dataset as a dcat:Dataset with its publisher, themes and distributions.

    DCAT-AP requires a description: a dataset without one is described by its title.
    """
    subject = URIRef(uris.dataset_uri(dataset))
    graph.add((subject, RDF.type, DCAT.Dataset))
    graph.add((subject, DCTERMS.identifier, Literal(str(dataset.uuid))))
    _texts(graph, subject, DCTERMS.title, dataset.title, dataset.title_en)
    _texts(
        graph,
        subject,
        DCTERMS.description,
        dataset.description or dataset.title,
        dataset.description_en or (dataset.title_en if not dataset.description else ""),
    )
    graph.add((subject, DCTERMS.publisher, add_agent(graph, dataset.organisation)))
    licence = _licence(graph, dataset.licence)
    graph.add((subject, DCTERMS.license, licence))
    _themes(graph, subject, dataset)
    for tag in dataset.tags.all():
        graph.add((subject, DCAT.keyword, Literal(tag.name, lang="ja")))
    if dataset.published_at:
        graph.add((subject, DCTERMS.issued, _when(dataset.published_at)))
    graph.add((subject, DCTERMS.modified, _when(dataset.modified)))
    graph.add((subject, DCAT.landingPage, subject))
    _contact(graph, subject, dataset)
    frequency = FREQUENCIES.get(dataset.update_frequency)
    if frequency:
        graph.add((subject, DCTERMS.accrualPeriodicity, EU_FREQUENCY[frequency]))
    _spatial(graph, subject, dataset)
    _temporal(graph, subject, dataset)
    if dataset.standard_id:
        standard = URIRef(uris.standard_uri(dataset.standard))
        graph.add((subject, DCTERMS.conformsTo, standard))
        graph.add((standard, RDF.type, DCTERMS.Standard))
        _texts(graph, standard, DCTERMS.title, dataset.standard.title, dataset.standard.title_en)
    resources = getattr(dataset, "live_resources", None)
    if resources is None:
        resources = dataset.resources.filter(deleted=False).select_related("current_version")
    gate = gate or Gate.public()
    gate.prime_resources(resources)
    for resource in resources:
        graph.add((subject, DCAT.distribution,
                   add_distribution(graph, dataset, resource, licence, gate)))
    return subject


def dataset_graph(dataset: Dataset) -> Graph:
    """One dataset's graph."""
    graph = new_graph()
    add_dataset(graph, dataset)
    return graph


@dataclass
class Page:
    """One page of the catalogue: its URL, its neighbours' URLs and the total."""

    url: str
    first: str
    last: str
    next: str | None
    previous: str | None
    total: int


def add_catalog(graph: Graph) -> URIRef:
    """The dcat:Catalog itself, published by the platform operator."""
    catalog = URIRef(uris.catalog_uri())
    graph.add((catalog, RDF.type, DCAT.Catalog))
    _texts(graph, catalog, DCTERMS.title, SITE_NAME_JA, SITE_NAME_EN)
    _texts(graph, catalog, DCTERMS.description, CATALOG_DESCRIPTION_JA, CATALOG_DESCRIPTION_EN)
    operator = URIRef(uris.site_agent_uri())
    graph.add((operator, RDF.type, FOAF.Agent))
    _texts(graph, operator, FOAF.name, SITE_NAME_JA, SITE_NAME_EN)
    graph.add((catalog, DCTERMS.publisher, operator))
    graph.add((catalog, FOAF.homepage, URIRef(uris.absolute("/"))))
    graph.add((catalog, DCTERMS.language, EU_LANGUAGE.JPN))
    graph.add((catalog, DCTERMS.language, EU_LANGUAGE.ENG))
    graph.add((catalog, DCAT.themeTaxonomy, URIRef(EU_THEME_SCHEME)))
    scheme = URIRef(uris.category_scheme_uri())
    graph.add((catalog, DCAT.themeTaxonomy, scheme))
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    _texts(graph, scheme, DCTERMS.title, "分類", "Categories")
    modified = public_datasets().aggregate(m=Max("modified"))["m"]
    if modified is not None:
        graph.add((catalog, DCTERMS.modified, _when(modified)))
    return catalog


def catalog_graph(datasets, page: Page) -> Graph:
    """A page of the catalogue with hydra paging links (as DCAT-AP catalogue paging does)."""
    graph = new_graph()
    catalog = add_catalog(graph)
    datasets = list(datasets)
    gate = Gate.public()  # one lookup for every resource on the page
    gate.prime_resources(r for d in datasets for r in getattr(d, "live_resources", []))
    for dataset in datasets:
        graph.add((catalog, DCAT.dataset, add_dataset(graph, dataset, gate)))
    view = URIRef(page.url)
    graph.add((catalog, HYDRA.totalItems, Literal(page.total, datatype=XSD.nonNegativeInteger)))
    graph.add((catalog, HYDRA.view, view))
    graph.add((view, RDF.type, HYDRA.PartialCollectionView))
    graph.add((view, HYDRA.first, URIRef(page.first)))
    graph.add((view, HYDRA.last, URIRef(page.last)))
    if page.next:
        graph.add((view, HYDRA.next, URIRef(page.next)))
    if page.previous:
        graph.add((view, HYDRA.previous, URIRef(page.previous)))
    return graph
