"""Shapes shared by the datastore modules: table references, errors and CKAN field types.

Pure Python (no Django). The datastore reads the Parquet files written by
``tabular.engine.convert``; every file has an ``_id`` column numbered 1..n in file order.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

__all__ = [
    "ROWS_DEFAULT",
    "ROWS_MAX",
    "DatastoreError",
    "TableRef",
    "ckan_type",
    "duckdb_ckan_type",
    "json_value",
    "pair",
]

#: CKAN's defaults: ``ckan.datastore.search.rows_default`` and ``rows_max``.
ROWS_DEFAULT = 100
ROWS_MAX = 32000


@dataclass(frozen=True)
class TableRef:
    """A datastore table: the CKAN resource id it is published under and its Parquet file."""

    resource_id: str
    path: Path


class DatastoreError(Exception):
    """A refused or failed datastore request, with a reason in Japanese and English.

    ``code`` is stable: ``validation`` (bad parameters; ``fields`` maps each parameter or
    field to its messages, like CKAN's ValidationError), ``not-found``, ``sql-syntax``,
    ``sql-not-allowed``, ``sql-forbidden-table``, ``sql-forbidden-function``, ``sql-error``,
    ``query-timeout``, ``query-too-large`` and ``too-many-rows`` (XLSX export).
    """

    def __init__(
        self,
        code: str,
        message_ja: str,
        message_en: str,
        fields: dict[str, list[str]] | None = None,
    ) -> None:
        """Keep the code, both messages and the per-field messages."""
        super().__init__(f"{message_ja} / {message_en}")
        self.code = code
        self.message_ja = message_ja
        self.message_en = message_en
        self.fields = fields

    def as_dict(self) -> dict[str, Any]:
        """Return the error as a JSON-ready dict (for API layers)."""
        out: dict[str, Any] = {
            "code": self.code,
            "message_ja": self.message_ja,
            "message_en": self.message_en,
        }
        if self.fields:
            out["fields"] = self.fields
        return out


def pair(message_ja: str, message_en: str) -> str:
    """Join a Japanese and an English message the way field errors carry them."""
    return f"{message_ja} / {message_en}"


def ckan_type(field: pa.Field) -> str:
    """Return the CKAN DataStore type of a Parquet column (int, numeric, text, date, …)."""
    t = field.type
    meta = field.metadata or {}
    if pa.types.is_boolean(t):
        return "bool"
    if pa.types.is_integer(t):
        return "int"
    if pa.types.is_floating(t) or pa.types.is_decimal(t):
        return "numeric"
    if pa.types.is_date(t):
        return "date"
    if pa.types.is_timestamp(t):
        return "timestamp"
    if pa.types.is_time(t):
        return "time"
    if meta.get(b"type") == b"time":
        # The validation stage keeps times as "HH:MM[:SS]" text; CKAN calls that column time.
        return "time"
    return "text"


def duckdb_ckan_type(type_name: str) -> str:
    """Return the CKAN type of a DuckDB result column from its type name (BIGINT, DATE…)."""
    name = type_name.upper()
    if name.endswith("[]"):
        return "_" + duckdb_ckan_type(name[:-2])  # CKAN's array types: _int, _text …
    if name.startswith(("STRUCT", "MAP", "JSON", "UNION")):
        return "json"
    if name in {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT",
                "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT"}:
        return "int"
    if name in {"FLOAT", "DOUBLE", "REAL"} or name.startswith("DECIMAL"):
        return "numeric"
    if name == "BOOLEAN":
        return "bool"
    if name == "DATE":
        return "date"
    if name.startswith("TIMESTAMP"):
        return "timestamp"
    if name.startswith("TIME"):
        return "time"
    return "text"


def _float(value: float) -> float | None:
    # JSON has no NaN or infinity; CKAN (PostgreSQL numeric) never returns them either.
    """A float, or None for NaN and infinity."""
    return value if math.isfinite(value) else None


def json_value(value: Any) -> Any:
    """Convert one DuckDB result value to something json.dumps accepts, as CKAN writes it."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, decimal.Decimal):
        return _float(float(value))
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    return str(value)


def converter_for(ckan: str, type_name: str) -> Callable[[Any], Any] | None:
    """Return the per-value converter a result column needs, or None when values are ready."""
    simple = {"VARCHAR", "BIGINT", "INTEGER", "SMALLINT", "TINYINT", "BOOLEAN", "HUGEINT",
              "UBIGINT", "UINTEGER", "USMALLINT", "UTINYINT"}
    if type_name.upper() in simple:
        return None
    if type_name.upper() in {"DOUBLE", "FLOAT", "REAL"}:
        return lambda v: None if v is None else _float(v)
    return json_value
