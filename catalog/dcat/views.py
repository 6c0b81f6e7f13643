"""HTTP views of the DCAT graphs: Turtle, JSON-LD and RDF/XML, the catalogue paged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from urllib.parse import urlencode

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from catalog import selectors
from catalog.dcat import graph as dcat_graph
from catalog.dcat import uris
from catalog.dcat.vocab import PREFIXES
from core.actor import Actor
from core.errors import NotFound

# extension -> (rdflib serializer, Content-Type)
SERIALISATIONS = {
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "jsonld": ("json-ld", "application/ld+json"),
    "rdf": ("xml", "application/rdf+xml; charset=utf-8"),
}
PAGE_SIZE = 100
# rdflib serialises ~70 datasets per CPU-second as Turtle: a bigger cap lets one anonymous
# request burn many seconds of CPU.
MAX_PAGE_SIZE = 250
SINCE_FORMAT = "modified_since=YYYY-MM-DD[Thh:mm:ss]"


class BadParameter(Exception):
    """A query parameter the catalogue cannot use; the message is in Japanese and English."""


def _both(message, params: dict | None = None) -> str:
    # core.errors.both for a message with %-placeholders (formatting a lazy string renders it).
    texts = []
    for language in ("ja", "en"):
        with translation.override(language):
            text = str(message) % params if params else str(message)
        if text not in texts:
            texts.append(text)
    return " / ".join(texts)


def render(graph, ext: str, filename: str) -> HttpResponse:
    """The graph serialised as asked, shown inline."""
    serializer, content_type = SERIALISATIONS[ext]
    if serializer == "json-ld":
        context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        body = graph.serialize(
            format="json-ld", context=context, auto_compact=True, ensure_ascii=False
        )
    else:
        body = graph.serialize(format=serializer)
    response = HttpResponse(body.encode("utf-8"), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}.{ext}"'
    return response


def parse_since(value: str | None) -> datetime | None:
    """modified_since as an aware datetime (a date means its start, naive means Japan time)."""
    if value is None or value == "":
        return None
    raw = value.strip().replace(" ", "+")  # a '+' of an offset often arrives unescaped
    try:
        parsed = parse_datetime(raw.replace("Z", "+00:00")) if "T" in raw else None
        day = None if "T" in raw else parse_date(raw)
    except ValueError:
        parsed = day = None
    if parsed is None and day is None:
        raise BadParameter(
            _both(_("日時の形式が正しくありません: %(v)s"), {"v": value[:40]})
            + f" ({SINCE_FORMAT})"
        )
    if parsed is None:
        parsed = datetime.combine(day, time.min)
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _positive_int(params, key: str, default: int) -> int:
    value = params.get(key)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise BadParameter(_both(_("整数を指定してください")) + f" ({key})") from None
    if number < 1:
        raise BadParameter(_both(_("値が範囲外です")) + f" ({key} >= 1)")
    return number


@dataclass
class CatalogRequest:
    """What a catalogue request asks for."""

    page: int
    page_size: int
    since: datetime | None
    since_raw: str

    @classmethod
    def from_query(cls, params) -> CatalogRequest:
        """Read page, page_size (capped at MAX_PAGE_SIZE) and modified_since."""
        return cls(
            page=_positive_int(params, "page", 1),
            page_size=min(MAX_PAGE_SIZE, _positive_int(params, "page_size", PAGE_SIZE)),
            since=parse_since(params.get("modified_since")),
            since_raw=(params.get("modified_since") or "").strip(),
        )

    def url(self, ext: str, page: int) -> str:
        """The absolute URL of another page of the same request."""
        query = {}
        if self.since_raw:
            query["modified_since"] = self.since_raw
        if self.page_size != PAGE_SIZE:
            query["page_size"] = self.page_size
        query["page"] = page
        return uris.absolute(reverse("dcat:catalog_ext", args=[ext]) + "?" + urlencode(query))


@require_safe
def catalog(request, ext: str):
    """A page of the catalogue: ?page=N (100 a page, page_size up to MAX_PAGE_SIZE),
    modified_since.
    """
    try:
        wanted = CatalogRequest.from_query(request.GET)
    except BadParameter as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    datasets = dcat_graph.public_datasets()
    if wanted.since is not None:
        datasets = datasets.filter(modified__gte=wanted.since)
    total = datasets.count()
    last = max(1, -(-total // wanted.page_size))
    if wanted.page > last:
        raise Http404("no such page")
    start = (wanted.page - 1) * wanted.page_size
    # Ordered by creation: editing a dataset during a harvest never shifts the pages.
    rows = dcat_graph.prefetched(datasets.order_by("created", "id"))[
        start : start + wanted.page_size
    ]
    page = dcat_graph.Page(
        url=wanted.url(ext, wanted.page),
        first=wanted.url(ext, 1),
        last=wanted.url(ext, last),
        next=wanted.url(ext, wanted.page + 1) if wanted.page < last else None,
        previous=wanted.url(ext, wanted.page - 1) if wanted.page > 1 else None,
        total=total,
    )
    return render(dcat_graph.catalog_graph(rows, page), ext, "catalog")


@require_safe
def dataset(request, slug: str, ext: str):
    """One public dataset; private, draft, deleted and unknown datasets are 404."""
    try:
        found = selectors.dataset_for(Actor(), slug)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    if not found.is_public:
        raise Http404("not public")
    found = dcat_graph.prefetched(dcat_graph.public_datasets().filter(pk=found.pk)).get()
    return render(dcat_graph.dataset_graph(found), ext, found.slug)


ACCEPT = (("text/turtle", "ttl"), ("application/ld+json", "jsonld"), ("application/rdf+xml", "rdf"))


@require_safe
def catalog_negotiate(request):
    """The catalogue's URI: 303 See Other to the serialisation the client accepts."""
    accept = request.META.get("HTTP_ACCEPT", "")
    ext = next((ext for media, ext in ACCEPT if media in accept), "ttl")
    response = redirect(reverse("dcat:catalog_ext", args=[ext]))
    response.status_code = 303
    return response
