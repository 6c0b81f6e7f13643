"""Harvest a DCAT catalogue (Turtle, RDF/XML or JSON-LD), following hydra paging.

The whole catalogue is read on every run (DCAT has no standard "modified since" query); the
content hash makes unchanged datasets cost nothing. JSON-LD contexts given by URL are fetched
through the guarded client and inlined before parsing, so rdflib never opens a URL itself.
"""

from __future__ import annotations

import json
import os
import warnings
from urllib.parse import parse_qs, urljoin, urlsplit

from django.utils.translation import gettext_lazy as _
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, Namespace

from catalog.harvest.mapping import clean_slug, fit, match_licence, normalise_format, parse_when
from catalog.harvest.registry import (
    Gathered,
    Harvester,
    HarvestError,
    RemoteDataset,
    RemoteResource,
    register,
)
from catalog.services import DatasetData
from core.errors import ServiceError, both, formatted

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SCHEMA = Namespace("http://schema.org/")
LOCN = Namespace("http://www.w3.org/ns/locn#")
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # one page
MAX_CATALOGUE_BYTES = 200 * 1024 * 1024  # all pages of one run (the graph is held in memory)
MAX_CONTEXT_BYTES = 1024 * 1024
MAX_CONTEXTS = 10
MAX_PAGES = 500
ACCEPT = ("text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.8, "
          "application/n-triples;q=0.5")
MEDIA_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/json": "json-ld",
    "application/n-triples": "nt",
    "text/n3": "n3",
}
EXTENSIONS = {".ttl": "turtle", ".rdf": "xml", ".owl": "xml", ".jsonld": "json-ld",
              ".json": "json-ld", ".nt": "nt", ".n3": "n3"}


def rdf_format(content_type: str, url: str, body: bytes) -> str:
    """The rdflib parser for a document: by media type, then extension, then first byte."""
    if content_type in MEDIA_TYPES:
        return MEDIA_TYPES[content_type]
    extension = os.path.splitext(urlsplit(url).path)[1].lower()
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    start = body.lstrip()[:1]
    return {b"{": "json-ld", b"[": "json-ld", b"<": "xml"}.get(start, "turtle")


@register("dcat")
class DcatHarvester(Harvester):
    """A DCAT / DCAT-AP catalogue; each dcat:Dataset with an IRI becomes a local dataset."""

    def gather(self, *, since, known) -> Gathered:
        """Read every page; the listing is complete when the last page was reached."""
        gathered = Gathered()
        graph = Graph()
        url, seen, complete = self.source.url, set(), True
        budget = [MAX_CATALOGUE_BYTES]
        while url:
            if len(seen) >= MAX_PAGES:
                complete = False
                gathered.errors.append((url, both(_("ページが多すぎるため途中で止めました"))))
                break
            seen.add(url)
            try:
                page = self.load(url, budget=budget)
            except ServiceError as exc:
                if not seen - {url}:
                    raise  # the first page: the source itself failed
                complete = False
                gathered.errors.append((url, exc.both()))
                break
            graph += page
            following = next_page(page)
            url = following if following and following not in seen else None
        gathered.log.append(f"DCAT: {len(seen)} page(s), {len(graph)} triples")
        listed: set[str] = set()
        for subject in sorted(set(graph.subjects(RDF.type, DCAT.Dataset)), key=str):
            if not isinstance(subject, URIRef):
                identifier = graph.value(subject, DCTERMS.identifier)
                if identifier is None:
                    message = _("IRI も識別子もない dcat:Dataset を飛ばしました")
                    gathered.errors.append(("-", both(message)))
                    continue
            remote_id = dataset_id(graph, subject)
            listed.add(remote_id)
            try:
                gathered.datasets.append(self.to_remote(graph, subject))
            except ServiceError as exc:
                gathered.errors.append((remote_id, exc.both()))
        total = max((int(v) for v in graph.objects(None, HYDRA.totalItems)
                     if isinstance(v, Literal) and str(v).isdigit()), default=None)
        if complete and total is not None and len(listed) < total:
            complete = False
            gathered.log.append(f"hydra:totalItems {total} > {len(listed)} found: "
                                "nothing is withdrawn this run")
        gathered.listed_ids = listed if complete else None
        return gathered

    def load(self, url: str, *, budget: list[int] | None = None) -> Graph:
        """Fetch and parse one page of the catalogue (budget: bytes left for this run)."""
        budget = budget if budget is not None else [MAX_CATALOGUE_BYTES]
        result = self.fetch(url, max_bytes=max(0, min(MAX_DOCUMENT_BYTES, budget[0])),
                            accept=ACCEPT)
        budget[0] -= len(result.body)
        if not result.ok:
            raise HarvestError(formatted(_("DCAT カタログを取得できません（HTTP %(status)s）"),
                                         status=result.status))
        fmt = rdf_format(result.content_type, result.final_url, result.body)
        graph = Graph()
        try:
            if fmt == "json-ld":
                document = json.loads(result.body)
                self.inline_contexts(document, result.final_url, budget=[MAX_CONTEXTS])
                with warnings.catch_warnings():  # rdflib's own ConjunctiveGraph deprecation
                    warnings.simplefilter("ignore", DeprecationWarning)
                    graph.parse(data=json.dumps(document), format="json-ld",
                                publicID=result.final_url)
            else:
                graph.parse(data=result.body, format=fmt, publicID=result.final_url)
        except ServiceError:
            raise
        except Exception as exc:  # rdflib raises many kinds of errors on bad input
            message = formatted(_("DCAT カタログを解析できません（%(format)s）: %(error)s"),
                                format=fmt, error=str(exc)[:200])
            raise HarvestError(message) from exc
        return graph

    def inline_contexts(self, node, base: str, *, budget: list[int]) -> None:
        """Replace every remote @context (and @import) by its content, fetched with the guard."""
        if isinstance(node, list):
            for item in node:
                self.inline_contexts(item, base, budget=budget)
            return
        if not isinstance(node, dict):
            return
        if "@context" in node:
            node["@context"] = self._context(node["@context"], base, budget)
        if isinstance(node.get("@import"), str):
            imported = self._context(node.pop("@import"), base, budget)
            for key, value in (imported if isinstance(imported, dict) else {}).items():
                node.setdefault(key, value)
        for key, value in node.items():
            if key != "@context":
                self.inline_contexts(value, base, budget=budget)

    def _context(self, value, base: str, budget: list[int]):
        if isinstance(value, list):
            return [self._context(item, base, budget) for item in value]
        if isinstance(value, dict):
            self.inline_contexts(value, base, budget=budget)
            return value
        if not isinstance(value, str):
            return value
        if budget[0] <= 0:
            raise HarvestError(_("JSON-LD のコンテキストが多すぎます"))
        budget[0] -= 1
        url = urljoin(base, value)
        result = self.fetch(url, max_bytes=MAX_CONTEXT_BYTES,
                            accept="application/ld+json, application/json")
        try:
            document = json.loads(result.body)
        except ValueError as exc:
            raise HarvestError(formatted(_("JSON-LD のコンテキストを読めません: %(url)s"),
                                         url=url[:200])) from exc
        context = document.get("@context", {}) if isinstance(document, dict) else {}
        return self._context(context, url, budget)

    def to_remote(self, graph: Graph, subject) -> RemoteDataset:
        """Map a dcat:Dataset onto the catalog's input."""
        landing = graph.value(subject, DCAT.landingPage)
        page = str(landing) if isinstance(landing, URIRef) else (
            str(subject) if isinstance(subject, URIRef) else "")
        identifier = text(graph, subject, DCTERMS.identifier)
        name = slug_hint(page) or clean_slug(identifier)
        distributions = sorted(graph.objects(subject, DCAT.distribution), key=str)
        licence_node = graph.value(subject, DCTERMS.license) or next(
            (graph.value(d, DCTERMS.license) for d in distributions
             if graph.value(d, DCTERMS.license) is not None), None)
        contact = graph.value(subject, DCAT.contactPoint)
        temporal = graph.value(subject, DCTERMS.temporal)
        data = DatasetData(
            title=text(graph, subject, DCTERMS.title),
            title_en=text(graph, subject, DCTERMS.title, lang="en"),
            description=text(graph, subject, DCTERMS.description),
            description_en=text(graph, subject, DCTERMS.description, lang="en"),
            tags=keywords(graph, subject),
            categories=[c for c in (concept_key(t, "category")
                                    for t in graph.objects(subject, DCAT.theme)) if c],
            licence=licence_for(graph, licence_node),
            contact_name=text(graph, contact, VCARD.fn) if contact is not None else "",
            contact_email=address(graph, contact, VCARD.hasEmail, "mailto:"),
            contact_phone=address(graph, contact, VCARD.hasTelephone, "tel:"),
            update_frequency=str(graph.value(subject, DCTERMS.accrualPeriodicity) or ""),
            temporal_start=day(graph, temporal, (DCAT.startDate, SCHEMA.startDate)),
            temporal_end=day(graph, temporal, (DCAT.endDate, SCHEMA.endDate)),
            spatial=place(graph, graph.value(subject, DCTERMS.spatial)),
            standard=next((k for k in (concept_key(s, "standard")
                                       for s in graph.objects(subject, DCTERMS.conformsTo))
                           if k), None),
        )
        fit(data, fallback_title=identifier or name)
        publisher = graph.value(subject, DCTERMS.publisher)
        return RemoteDataset(
            remote_id=dataset_id(graph, subject),
            remote_url=page,
            name=name,
            data=data,
            resources=[r for r in (self.to_resource(graph, d) for d in distributions) if r],
            modified=parse_when(graph.value(subject, DCTERMS.modified)),
            publisher=slug_hint(str(publisher)) if isinstance(publisher, URIRef) else "",
        )

    def to_resource(self, graph: Graph, node) -> RemoteResource | None:
        """A dcat:Distribution as a link (None without an http(s) URL)."""
        url = ""
        for predicate in (DCAT.downloadURL, DCAT.accessURL):
            value = graph.value(node, predicate)
            if value is not None and str(value).lower().startswith(("http://", "https://")):
                url = str(value)
                break
        if not url:
            return None
        fmt = ""
        for predicate in (DCTERMS.format, DCAT.mediaType):
            value = graph.value(node, predicate)
            if value is not None:
                label = graph.value(value, RDF.value) or graph.value(value, RDFS.label)
                fmt = normalise_format(str(label or value))
                if fmt:
                    break
        return RemoteResource(
            key=str(node) if isinstance(node, URIRef) else url,
            url=url,
            name=text(graph, node, DCTERMS.title)[:300],
            name_en=text(graph, node, DCTERMS.title, lang="en")[:300],
            description=text(graph, node, DCTERMS.description),
            format=fmt,
        )


def next_page(graph: Graph) -> str | None:
    """The hydra:next (or the older hydra:nextPage) link of a page, if any."""
    for predicate in (HYDRA.next, HYDRA.nextPage):
        for value in graph.objects(None, predicate):
            if isinstance(value, URIRef):
                return str(value)
    return None


def dataset_id(graph: Graph, subject) -> str:
    """The dataset's stable id at the source: its IRI, else its dct:identifier."""
    if isinstance(subject, URIRef):
        return str(subject)
    return str(graph.value(subject, DCTERMS.identifier))


def text(graph: Graph, subject, predicate, *, lang: str = "ja") -> str:
    """A literal in the wanted language; for Japanese, an untagged one will do, then any."""
    if subject is None:
        return ""
    values = [v for v in graph.objects(subject, predicate) if isinstance(v, Literal)]
    values.sort(key=str)
    for wanted in ([lang] if lang == "en" else [lang, None]):
        for value in values:
            if value.language == wanted:
                return str(value).strip()
    if lang == "en":
        return ""
    fallback = [v for v in values if v.language != "en"] or values
    return str(fallback[0]).strip() if fallback else ""


def keywords(graph: Graph, subject) -> list[str]:
    """dcat:keyword values (Japanese or untagged; all when there are no such)."""
    values = [v for v in graph.objects(subject, DCAT.keyword) if isinstance(v, Literal)]
    chosen = [v for v in values if v.language in ("ja", None)] or values
    return sorted({str(v).strip() for v in chosen if str(v).strip()})


def slug_hint(iri: str) -> str:
    """A slug from the last path segment of an IRI ('…/dataset/parks/' -> 'parks')."""
    path = urlsplit(iri).path.rstrip("/")
    return clean_slug(path.rsplit("/", 1)[-1]) if path else ""


def concept_key(node, parameter: str) -> str:
    """A local key from a concept IRI: Kanmin's '?category=x' form, else its last segment."""
    if not isinstance(node, URIRef):
        return ""
    parts = urlsplit(str(node))
    values = parse_qs(parts.query).get(parameter)
    if values:
        return values[0]
    return parts.path.rstrip("/").rsplit("/", 1)[-1].lower() if parts.path else ""


def licence_for(graph: Graph, node) -> str:
    """The local licence for a dct:license IRI or literal."""
    if node is None:
        return "other"
    if isinstance(node, URIRef):
        found = match_licence(url=str(node))
        if found == "other":
            found = match_licence(licence_id=str(node).rstrip("/").rsplit("/", 1)[-1])
        return found
    return match_licence(licence_id=str(node))


def address(graph: Graph, contact, predicate, scheme: str) -> str:
    """An e-mail address or phone number from a vCard property (IRI, literal or hasValue)."""
    if contact is None:
        return ""
    value = graph.value(contact, predicate)
    if value is not None and not isinstance(value, Literal | URIRef):
        value = graph.value(value, VCARD.hasValue)
    text_value = str(value or "").strip()
    return text_value[len(scheme):] if text_value.lower().startswith(scheme) else text_value


def day(graph: Graph, node, predicates):
    """A date from a period of time's start or end."""
    if node is None:
        return None
    for predicate in predicates:
        value = graph.value(node, predicate)
        when = parse_when(value) if value is not None else None
        if when is not None:
            return when.date()
    return None


def place(graph: Graph, node) -> str:
    """A place's label (a literal, or a Location's label)."""
    if node is None:
        return ""
    if isinstance(node, Literal):
        return str(node).strip()
    for predicate in (SKOS.prefLabel, RDFS.label, DCTERMS.title, LOCN.geographicName, FOAF.name):
        label = text(graph, node, predicate)
        if label:
            return label
    return ""
