"""Downloads of a resource's table: exports streamed by the datastore with the page's filters,
and the GeoJSON of its points. All are user content (sandbox CSP, nosniff, attachment)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext_lazy as _

from core import counters
from core.errors import Pair
from core.services.storage import open_stored
from tabular.views import query as q
from tabular.views.common import (
    attachment,
    require_table,
    resource_tables,
    safe_filename,
    table_ref,
)

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class ExportFormat:
    """One download format: what the engine writes, its file extension, type and label."""

    engine_format: str
    extension: str
    content_type: str
    label: object
    bom: bool = False


#: URL key → format, in the order the page lists them.
EXPORT_FORMATS = {
    "csv": ExportFormat("csv", "csv", "text/csv; charset=utf-8", _("CSV（UTF-8）")),
    "csv-excel": ExportFormat("csv", "csv", "text/csv; charset=utf-8",
                              _("Excel 用 CSV（BOM 付き UTF-8）"), bom=True),
    "tsv": ExportFormat("tsv", "tsv", "text/tab-separated-values; charset=utf-8",
                        _("TSV（UTF-8）")),
    "json": ExportFormat("json", "json", "application/json", "JSON"),
    "xlsx": ExportFormat("xlsx", "xlsx",
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         _("Excel（XLSX）")),
}


def _filename(found, extension: str, *, suffix: str = "") -> str:
    """The download name: the resource name made safe, else dataset slug and resource id."""
    fallback = f"{found.dataset.slug}-{found.resource.pk}"
    return safe_filename(found.resource.name + suffix, fallback=fallback, extension=extension)


def export_table(request, slug: str, resource_id: int, fmt: str):
    """Stream the served table in a format, with the search, filters and sort of the page."""
    spec = EXPORT_FORMATS.get(fmt)
    if spec is None:
        raise Http404("unknown format")
    found = resource_tables(request, slug, resource_id)
    table = require_table(found)
    from tabular.datastore.engine import DatastoreError
    from tabular.datastore.exports import export

    query = q.parse_query(request.GET, columns=len(table.fields))
    kwargs = q.search_kwargs(query, table.fields)
    try:
        # The table's own columns only: the datastore's _id row number means nothing here.
        fields = [f["id"] for f in table.fields] or None
        chunks = export(table=table_ref(found, table), fmt=spec.engine_format, fields=fields,
                        **kwargs)
    except DatastoreError as exc:
        return HttpResponse(str(Pair(exc.message_ja, exc.message_en)), status=400,
                            content_type="text/plain; charset=utf-8")
    if spec.bom:
        chunks = _with_bom(chunks)
    counters.increment("catalog.downloads", organisation=found.dataset.organisation)
    response = StreamingHttpResponse(chunks, content_type=spec.content_type)
    return attachment(response, _filename(found, spec.extension))


def _with_bom(chunks):
    """Prefix a byte stream with the UTF-8 BOM Excel needs to read Japanese CSV correctly."""
    yield BOM
    yield from chunks


def geojson(request, slug: str, resource_id: int):
    """The points of the served table as GeoJSON (the map reads this too)."""
    found = resource_tables(request, slug, resource_id)
    table = require_table(found)
    if table.geojson_id is None:
        raise Http404("no coordinates")
    response = FileResponse(open_stored(table.geojson), content_type="application/geo+json")
    return attachment(response, _filename(found, "geojson"))
