"""CKAN DataStore actions: datastore_search, datastore_search_sql, datastore_info.

Registered into the CKAN Action API by ``tabular.hooks``; the same readers back /api/v1.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from catalog.ckan.params import as_bool, as_int, required
from core.actor import Actor
from core.errors import InvalidInput, Pair
from tabular import selectors

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _ref(resource_id: str, table):
    return selectors.table_ref(resource_id, table)


def _json(value, key: str):
    """CKAN accepts filters/fields/q as JSON strings in GET requests."""
    import json

    if isinstance(value, str) and value.strip()[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError as exc:
            raise InvalidInput(_("JSONの形式が正しくありません"),
                               field_errors={key: [_("JSONの形式が正しくありません")]}) from exc
    return value


def _fields_param(value):
    value = _json(value, "fields")
    if value in (None, ""):
        return None
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list):
        return [str(v) for v in value]
    raise InvalidInput(_("fields はリストで指定してください"),
                       field_errors={"fields": [_("リストで指定してください")]})


def datastore_error(exc) -> InvalidInput:
    """A datastore engine error as the API's validation error (409), fields kept."""
    fields = {k: [str(m) for m in (v if isinstance(v, list) else [v])]
              for k, v in (getattr(exc, "fields", None) or {}).items()}
    return InvalidInput(Pair(exc.message_ja, exc.message_en), field_errors=fields)


def search_params(data: dict) -> dict:
    """Typed datastore_search parameters (CKAN names and defaults)."""
    filters = _json(data.get("filters"), "filters")
    if filters not in (None, "") and not isinstance(filters, dict):
        raise InvalidInput(_("filters はオブジェクトで指定してください"),
                           field_errors={"filters": [_("オブジェクト")]})
    records_format = data.get("records_format") or "objects"
    if records_format not in ("objects", "lists", "csv", "tsv"):
        raise InvalidInput(_("records_format が正しくありません"),
                           field_errors={"records_format": ["objects, lists, csv, tsv"]})
    return {
        "filters": filters or None,
        "q": _json(data.get("q"), "q") or None,
        "fields": _fields_param(data.get("fields")),
        "sort": data.get("sort") or None,
        "limit": as_int(data, "limit", 100, lo=0, hi=settings.DATASTORE_ROWS_MAX),
        "offset": as_int(data, "offset", 0, lo=0),
        "include_total": as_bool(data, "include_total", True),
        "distinct": as_bool(data, "distinct", False),
        "records_format": records_format,
    }


def datastore_search(actor: Actor, data: dict):
    """Rows of a resource's table: filters, q, fields, sort, limit/offset, formats."""
    from tabular.datastore.engine import DatastoreError, search

    resource_id = str(data.get("resource_id") or required(data, "id"))
    _resource, table = selectors.readable_table(actor, resource_id)
    try:
        result = search(table=_ref(resource_id, table), **search_params(data))
    except DatastoreError as exc:
        raise datastore_error(exc) from exc
    result["resource_id"] = resource_id
    return result


def datastore_info(actor: Actor, data: dict):
    """Fields (with types and original headers) and size of a resource's table."""
    from tabular.datastore.engine import DatastoreError, info

    resource_id = str(data.get("resource_id") or required(data, "id"))
    _resource, table = selectors.readable_table(actor, resource_id)
    try:
        result = info(table=_ref(resource_id, table))
    except DatastoreError as exc:
        raise datastore_error(exc) from exc
    result["resource_id"] = resource_id
    return result


def datastore_search_sql(actor: Actor, data: dict):
    """One read-only SELECT over the tables of resources the caller may read."""
    from tabular.datastore.engine import DatastoreError
    from tabular.datastore.sql import search_sql

    sql = required(data, "sql")
    if not isinstance(sql, str):
        raise InvalidInput(_("sql は文字列で指定してください"), field_errors={"sql": [_("文字列")]})
    ids = sorted({m.lower() for m in _UUID.findall(sql)})[:20]
    tables = {rid: _ref(rid, t) for rid, t in selectors.readable_tables_by_id(actor, ids).items()}
    try:
        return search_sql(sql=sql, tables=tables, timeout_s=settings.DATASTORE_SQL_TIMEOUT,
                          row_cap=settings.DATASTORE_ROWS_MAX)
    except DatastoreError as exc:
        raise datastore_error(exc) from exc
