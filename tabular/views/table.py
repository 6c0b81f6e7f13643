"""The public table page of a resource: rows with paging, sorting and filters, the map, the
downloads, a summary of the validation report, progress while processing and staff controls."""

from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import dataclass, replace

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from catalog.gate import Gate
from core.errors import Pair
from tabular.forms import EncodingForm, SheetForm
from tabular.models import DataTable, Ingestion
from tabular.views import query as q
from tabular.views.common import ResourceTables, language, resource_tables, table_ref
from tabular.views.downloads import EXPORT_FORMATS
from tabular.views.progress import status_dict
from tabular.views.reporting import report_view


@dataclass
class Column:
    """A column header of the page's table."""

    number: int
    header: str
    field_id: str
    numeric: bool
    sort_url: str
    aria_sort: str


@dataclass
class Cell:
    """A cell as shown: its text and whether it is a number (right-aligned)."""

    text: str
    numeric: bool


def cell_text(value) -> str:
    """A datastore value as text: empty for null, ISO for dates, no float noise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value).removesuffix(".0") if value.is_integer() else repr(value)
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return str(value)


def _url(name: str, found: ResourceTables, *extra) -> str:
    """The URL of one of the resource's tabular pages or endpoints."""
    return reverse(name, args=[found.dataset.slug, found.resource.pk, *extra])


def _one_language(message: str) -> str:
    """One side of a datastore "日本語 / English" field message, by the active language."""
    parts = str(message).split(" / ")
    if len(parts) != 2:
        return str(message)
    return parts[1] if language() == "en" else parts[0]


def _rows(found: ResourceTables, table: DataTable, query: q.TableQuery) -> dict:
    """Query the datastore for one page; clamp a page past the end to the last page."""
    from tabular.datastore.engine import DatastoreError, search

    ref = table_ref(found, table)
    kwargs = q.search_kwargs(query, table.fields)
    try:
        result = search(table=ref, fields=None, limit=query.limit, offset=query.offset,
                        include_total=True, distinct=False, records_format="objects", **kwargs)
        total = int(result.get("total") or 0)
        if total and query.offset >= total:
            last = q.page_count(total, query.limit)
            query = replace(query, page=last)
            result = search(table=ref, fields=None, limit=query.limit, offset=query.offset,
                            include_total=True, distinct=False, records_format="objects",
                            **kwargs)
    except DatastoreError as exc:
        details = [_one_language(m) for msgs in (exc.fields or {}).values() for m in msgs]
        message = " ".join([str(Pair(exc.message_ja, exc.message_en)), *details])
        return {"query": query, "error": message, "records": [], "total": 0}
    return {"query": query, "error": "", "records": result.get("records") or [],
            "total": int(result.get("total") or 0)}


def _table_context(found: ResourceTables, table: DataTable, get) -> dict:
    """Everything about the served table: columns, rows, counts, pager, filters, downloads."""
    fields = table.fields or [{"id": h, "header": h, "type": "string"} for h in table.headers]
    query = q.parse_query(get, columns=len(fields))
    data = _rows(found, table, query)
    query = data["query"]
    columns = []
    for number, f in enumerate(fields, start=1):
        sort_url, aria_sort = q.sort_link(query, number)
        columns.append(Column(number=number, header=f.get("header", ""), field_id=f["id"],
                              numeric=q.is_numeric(f), sort_url=sort_url, aria_sort=aria_sort))
    rows = [[Cell(text=cell_text(record.get(c.field_id)), numeric=c.numeric) for c in columns]
            for record in data["records"]]
    total = data["total"]
    first = query.offset + 1 if rows else 0
    filters = [{"number": n, "header": columns[n - 1].header, "value": v,
                "remove_url": q.without_filter(query, i)}
               for i, (n, v) in enumerate(query.filters)]
    pages = q.page_count(total, query.limit)
    return {
        "query": query, "columns": columns, "rows": rows, "total": total,
        "first": first, "last": query.offset + len(rows), "pages": pages,
        "page_links": q.page_links(query, total),
        "prev_url": q.href(query, page=query.page - 1) if query.page > 1 else "",
        "next_url": q.href(query, page=query.page + 1) if query.page < pages else "",
        "filters": filters, "hidden_filters": query.filters,
        "page_sizes": q.PAGE_SIZES, "datastore_error": data["error"],
        "clear_url": q.href(q.TableQuery(sort=query.sort, desc=query.desc, limit=query.limit)),
        "downloads": _downloads(found, table, query),
    }


def _downloads(found: ResourceTables, table: DataTable, query: q.TableQuery) -> list[dict]:
    """Download links: the original file, then every export with the page's filters applied."""
    suffix = q.href(query, paging=False)
    suffix = "" if suffix == "?" else suffix
    links = []
    version = found.resource.current_version
    if version is not None and version.is_upload:
        links.append({"label": _("元のファイル"), "url": reverse(
            "catalog:download", args=[found.dataset.slug, found.resource.pk]),
            "note": version.filename, "filtered": False})
    for key, spec in EXPORT_FORMATS.items():
        links.append({"label": spec.label, "url": _url("tabular:export", found, key) + suffix,
                      "note": "", "filtered": query.is_filtered})
    if table.has_map:
        links.append({"label": "GeoJSON", "url": _url("tabular:geojson", found),
                      "note": _("位置情報"), "filtered": False})
    return links


def page_context(request, found: ResourceTables, **forms) -> dict:
    """The context of the table page (forms may be passed bound, with errors)."""
    ingestion, table = found.ingestion, found.table
    lang = language()
    context: dict = {
        "dataset": found.dataset, "resource": found.resource, "ingestion": ingestion,
        "table": table, "can_edit": found.can_edit,
        "processing": ingestion is not None and not ingestion.is_finished,
        "failed": ingestion is not None and ingestion.state == Ingestion.State.FAILED,
        "status": status_dict(ingestion) if ingestion is not None else None,
        "status_url": _url("tabular:status", found),
        "report_url": _url("tabular:report", found),
        "table_url": _url("tabular:table", found),
        "stale": (table is not None and ingestion is not None
                  and table.ingestion_id != ingestion.pk),
        "map_tile_url": settings.MAP_TILE_URL, "map_attribution": settings.MAP_ATTRIBUTION,
    }
    if table is not None:
        version = table.ingestion.version
        # Staff see withheld versions (the privacy guard's); say so plainly.
        context["withheld_version"] = (version.number if Gate(found.actor).is_withheld(version)
                                       else None)
        context.update(_table_context(found, table, request.GET))
        context["report"] = report_view(table.report or {}, language=lang)
        context["version_number"] = table.ingestion.version.number
        if table.has_map:
            context["geojson_url"] = _url("tabular:geojson", found)
    if found.can_edit:
        context.update(_staff_context(found, **forms))
    return context


def _staff_context(found: ResourceTables, *, encoding_form=None, sheet_form=None) -> dict:
    """The staff controls: encoding override, sheet choice (when several) and re-run."""
    ingestion, table = found.ingestion, found.table
    context: dict = {}
    if ingestion is not None:
        context["encoding_form"] = encoding_form or EncodingForm(
            initial={"encoding": ingestion.encoding_override})
        context["encoding_url"] = _url("tabular:staff_encoding", found)
        context["rerun_url"] = _url("tabular:staff_rerun", found)
        context["schema_url"] = _url("tabular:staff_schema", found)
    if table is not None:
        tables = list(table.ingestion.tables.all())
        if len(tables) > 1:
            context["sheet_form"] = sheet_form or SheetForm(tables=tables,
                                                            initial={"table": table.pk})
            context["sheet_url"] = _url("tabular:staff_sheet", found)
    return context


def render_table_page(request, found: ResourceTables, *, status: int = 200, **forms):
    """Render the table page (also after a staff form failed, with its errors)."""
    if found.table is None and found.ingestion is None:
        raise Http404(_("このリソースには表がありません"))
    context = page_context(request, found, **forms)
    return render(request, "tabular/table.html", context, status=status)


def table_page(request, slug: str, resource_id: int):
    """The table page of a resource (rows, map, downloads, report summary, progress)."""
    return render_table_page(request, resource_tables(request, slug, resource_id))
