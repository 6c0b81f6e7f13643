"""Public catalog pages: home, search, dataset, downloads, organisations."""

from __future__ import annotations

import mimetypes

from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from catalog import scoring, selectors
from catalog.gate import Gate
from catalog.harvest.guard import harvest_info
from catalog.models import ResourceVersion
from catalog.selectors import FACETS, SORTS, SearchParams
from catalog.services.datasets import can_edit
from core import counters
from core.actor import Actor
from core.errors import NotFound
from core.markdown import render as render_markdown
from core.services.storage import open_stored

MAX_QUERY = 200


def _lang() -> str:
    return translation.get_language() or "ja"


def home(request):
    """Home: search box, counts, newest datasets, categories."""
    summary = selectors.home_summary(Actor.from_request(request))
    return render(request, "catalog/home.html", {"summary": summary})


def _int(value: str | None, default: int, lo: int, hi: int) -> int:
    try:
        return max(lo, min(hi, int(value)))
    except (TypeError, ValueError):
        return default


def search(request):
    """Search results with facets, sorting and paging."""
    get = request.GET
    params = SearchParams(
        q=(get.get("q") or "")[:MAX_QUERY],
        organization=get.getlist("organization")[:10],
        category=get.getlist("category")[:10],
        tag=get.getlist("tag")[:10],
        format=get.getlist("format")[:10],
        licence=get.getlist("licence")[:10],
        standard=get.getlist("standard")[:10],
        sort=get.get("sort") if get.get("sort") in SORTS else "relevance",
        page=_int(get.get("page"), 1, 1, selectors.MAX_PAGE),
    )
    result = selectors.search_datasets(Actor.from_request(request), params)
    facet_links = _facet_links(request, result)
    return render(request, "catalog/search.html", {
        "result": result, "params": params, "sorts": SORTS, "facet_links": facet_links,
        "page_links": _page_links(request, result),
    })


def _facet_links(request, result):
    """For each facet value, the URL that toggles it (works without JavaScript)."""
    names = {"organization": _("団体"), "category": _("分類"), "tag": _("タグ"),
             "format": _("形式"), "licence": _("ライセンス"), "standard": _("標準データセット")}
    out = []
    for facet in FACETS:
        items = []
        for item in result.facets.get(facet, []):
            query = request.GET.copy()
            query.pop("page", None)
            values = query.getlist(facet)
            if item.value in values:
                values.remove(item.value)
            else:
                values.append(item.value)
            query.setlist(facet, values)
            items.append({"item": item, "url": "?" + query.urlencode()})
        out.append({"name": facet, "label": names[facet], "items": items})
    return out


def _page_links(request, result):
    pages = []
    current = result.params.page
    for number in range(max(1, current - 3), min(result.pages, current + 3) + 1):
        query = request.GET.copy()
        query["page"] = str(number)
        pages.append({"number": number, "url": "?" + query.urlencode(),
                      "current": number == current})
    return pages


def dataset_detail(request, slug: str):
    """A dataset: metadata, resources with versions, licence, how to cite, quality."""
    actor = Actor.from_request(request)
    try:
        dataset = selectors.dataset_for(actor, slug)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    lang = _lang()
    resources = list(
        dataset.resources.filter(deleted=False)
        # The ingestion (tabular app) gives each resource's table link and state badge.
        .select_related("current_version", "current_version__ingestion")
        .prefetch_related("versions")
    )
    _gate_resources(Gate(actor), dataset, resources)
    formats = {r.format.upper() for r in resources}
    checks = scoring.quality_checks(dataset, formats)
    cite = _("%(org)s「%(title)s」（%(licence)s）%(url)s") % {
        "org": dataset.organisation.display_name(lang),
        "title": dataset.display_title(lang),
        "licence": dataset.licence.display_title(lang),
        "url": request.build_absolute_uri(reverse("catalog:dataset", args=[dataset.slug])),
    }
    return render(request, "catalog/dataset.html", {
        "dataset": dataset,
        "description_html": render_markdown(dataset.display_description(lang)),
        "description_is_ja": lang == "en" and not dataset.description_en,
        "resources": resources,
        "checks": checks,
        "cite": cite,
        "can_edit": can_edit(actor, dataset),
        "harvest": harvest_info(dataset),
        "tags": list(dataset.tags.all()),
        "categories": list(dataset.categories.all()),
    })


def _gate_resources(gate: Gate, dataset, resources) -> None:
    """Give each resource the version and history this visitor may see, and whether its
    current version is withheld (a banner for the organisation's staff)."""
    gate.prime(v.pk for r in resources for v in r.versions.all())
    for r in resources:
        r.withheld = gate.withheld_current(r)
        r.shown_version = gate.served(r, dataset)
        r.shown_versions = [v for v in r.versions.all() if gate.allows(v, dataset)]
    dataset.staff_view = gate.sees_all(dataset)


def resource_download(request, slug: str, resource_id: int, number: int | None = None,
                      filename: str | None = None):
    """Download the current (or a given) version of a resource, or follow its link."""
    actor = Actor.from_request(request)
    try:
        dataset = selectors.dataset_for(actor, slug)
        resource = selectors.resource_for(actor, dataset, resource_id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    gate = Gate(actor)
    if number is None:
        # The public gets the newest version nobody withholds (e.g. the privacy guard).
        version = gate.served(resource, dataset)
    else:
        version = ResourceVersion.objects.filter(resource=resource, number=number).first()
        if version is not None and not gate.allows(version, dataset):
            version = None
    if version is None:
        raise Http404("no such version")
    # A count for the plan's KPIs (catalog.downloads): a number per day, never who.
    counters.increment("catalog.downloads", organisation=dataset.organisation)
    if not version.is_upload:
        return HttpResponseRedirect(version.url)
    content_type = mimetypes.guess_type(version.filename)[0] or "application/octet-stream"
    response = FileResponse(open_stored(version.stored_file), as_attachment=True,
                            filename=version.filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response.is_user_content = True
    return response


def organisation_list(request):
    """All organisations with their dataset counts."""
    orgs = selectors.organisations_with_counts(Actor.from_request(request))
    return render(request, "catalog/organisation_list.html", {"organisations": orgs})


def organisation_detail(request, slug: str):
    """An organisation and its datasets."""
    try:
        org = selectors.organisation_for(slug)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    actor = Actor.from_request(request)
    params = SearchParams(organization=[org.slug], sort="modified",
                          page=_int(request.GET.get("page"), 1, 1, selectors.MAX_PAGE))
    result = selectors.search_datasets(actor, params, with_facets=False)
    return render(request, "catalog/organisation.html", {
        "org": org, "result": result, "departments": list(org.departments.all()),
        "page_links": _page_links(request, result),
    })
