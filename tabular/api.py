"""/api/v1 operations of the datastore: table rows, table info, SQL, ingestion state.

The same readers as the CKAN DataStore actions (tabular/ckan.py), with typed parameters.
"""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from ninja import Query, Router, Schema
from pydantic import Field

from catalog.api.errors import reader, responses
from tabular import ckan, selectors

router = Router(tags=["datastore"])


class RowsQuery(Schema):
    """Parameters of a table read (CKAN datastore_search names)."""

    q: str = Field("", max_length=500, description="全文検索 / full-text search")
    filters: str = Field("", max_length=4000,
                         description='JSON: {"列名": "値"} — exact match per column')
    fields: str = Field("", max_length=4000, description="comma-separated columns to return")
    sort: str = Field("", max_length=500, description='e.g. "名称 asc, _id desc"')
    limit: int = Field(100, ge=0, le=32000)
    offset: int = Field(0, ge=0)
    include_total: bool = True
    distinct: bool = False
    records_format: Literal["objects", "lists", "csv", "tsv"] = "objects"


class TableField(Schema):
    """A column: its id (the header, made unique) and CKAN type."""

    id: str
    type: str
    info: dict[str, Any] | None = None


class Rows(Schema):
    """Rows of a table, as CKAN's datastore_search result."""

    resource_id: str
    fields: list[TableField]
    records: Any
    total: int | None = None
    limit: int
    offset: int
    records_truncated: bool | None = None


class SqlBody(Schema):
    """One read-only SELECT; tables are named by resource id in double quotes."""

    sql: str = Field(..., max_length=20000,
                     examples=['SELECT "名称" FROM "3f2a…-resource-id" LIMIT 10'])


class SqlResult(Schema):
    """Result of datastore_search_sql."""

    fields: list[TableField]
    records: list[dict[str, Any]]
    records_truncated: bool = False


class Ingestion(Schema):
    """Processing state of a resource's current version and its tables."""

    resource_id: UUID
    version: int | None
    state: str | None
    step: str = ""
    rows_done: int = 0
    error_count: int = 0
    encoding: str = ""
    format: str = ""
    error: dict[str, str] | None = None
    datastore_active: bool
    tables: list[dict[str, Any]]


@router.get("/resources/{resource_id}/rows", response={200: Rows, **responses(401, 404, 409)},
            operation_id="searchRows", summary="表の行 / rows of a table")
def rows(request, resource_id: UUID, params: Query[RowsQuery]):
    """Filter, search, sort and page the rows of a resource's table (datastore_search)."""
    actor = reader(request)
    data = {k: v for k, v in params.dict().items() if v not in ("", None)}
    data["resource_id"] = str(resource_id)
    return ckan.datastore_search(actor, data)


@router.get("/resources/{resource_id}/table", response={200: dict[str, Any],
                                                          **responses(401, 404, 409)},
            operation_id="tableInfo", summary="表の情報 / table information")
def table_info(request, resource_id: UUID):
    """Columns with types and original headers, row count and size (datastore_info)."""
    return ckan.datastore_info(reader(request), {"resource_id": str(resource_id)})


@router.post("/sql", response={200: SqlResult, **responses(400, 401, 409)},
             operation_id="searchSql", summary="SQLで検索 / query with SQL")
def sql(request, body: SqlBody):
    """One SELECT over tables you may read, with a time limit and a row cap."""
    return ckan.datastore_search_sql(reader(request), {"sql": body.sql})


@router.get("/resources/{resource_id}/ingestion",
            response={200: Ingestion, **responses(401, 404, 409)},
            operation_id="getIngestion", summary="取り込み状況 / processing state")
def ingestion(request, resource_id: UUID):
    """State of the current version's processing and the tables it produced."""
    resource = selectors.readable_resource(reader(request), str(resource_id))
    found = selectors.latest_ingestion(resource)
    tables = []
    if found is not None:
        tables = [
            {"name": t.name, "selected": t.selected, "rows": t.row_count,
             "standard": t.standard or None, "layout": t.layout or None,
             "conformance": t.conformance, "errors": t.error_count,
             "warnings": t.warning_count, "fields": t.fields}
            for t in found.tables.all()
        ]
    return {
        "resource_id": resource.uuid,
        "version": resource.current_version.number if resource.current_version else None,
        "state": found.state if found else None,
        "step": found.step if found else "",
        "rows_done": found.rows_done if found else 0,
        "error_count": found.error_count if found else 0,
        "encoding": found.encoding if found else "",
        "format": found.format if found else "",
        "error": ({"code": found.error_code, "step": found.error_step,
                   "message_ja": found.error_ja, "message_en": found.error_en}
                  if found and found.state == found.State.FAILED else None),
        "datastore_active": resource.datastore_active,
        "tables": tables,
    }
