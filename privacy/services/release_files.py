"""Files around an anonymisation run, shared by the CLI and the job (pure Python, no Django).

Reading the input table (any format the tabular engine reads, or the Parquet of a ready
ingestion), resolving the staff-only "flat" hierarchy, reusing an earlier linking map, writing
the anonymised CSV with formulas neutralised, and the public part of the report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

from privacy.anonymise import AnonymisationError, Config, Result
from tabular.datastore.neutralise import csv_column, neutralise
from tabular.engine.schema import unique_names

#: A hierarchy offered on the staff screens: each value, then "*" (suppression only).
FLAT = "flat"
#: Keys of the report that may be published beside the data. The processing steps
#: (加工方法等情報), rare values and the search's internals stay access-controlled.
PUBLIC_REPORT_KEYS = (
    "k", "l", "l_kind", "t", "rows_out", "suppressed_rows", "suppression_rate", "levels",
    "heights", "model", "utility", "class_sizes", "summary_ja", "summary_en",
)


@dataclass(frozen=True)
class InputTable:
    """A table to anonymise, with the column names the config refers to."""

    table: pa.Table
    name: str  # sheet name ("" for a CSV)
    format: str


def read_input(path: Path, *, sheet: str | None = None, encoding: str | None = None) -> InputTable:
    """Read any file the tabular engine reads; the largest table unless a sheet is named."""
    from tabular.engine.read import read_file
    from tabular.engine.types import TabularError

    result = read_file(path, encoding=encoding)
    tables = result.tables
    if sheet is not None:
        tables = [t for t in tables if t.name == sheet]
        if not tables:
            raise TabularError(
                "no-sheet", f"シート「{sheet}」がありません", f"there is no sheet {sheet!r}",
                step="read")
    if not tables:
        raise TabularError("no-table", "表が見つかりません", "no table found", step="read")
    chosen = max(tables, key=lambda t: t.num_rows)
    names = unique_names(chosen.headers)
    return InputTable(table=chosen.data.rename_columns(names), name=chosen.name,
                      format=result.format)


def read_parquet_table(path: Path) -> pa.Table:
    """The typed table of a ready ingestion, without the datastore's row id."""
    table = pq.read_table(path)
    if "_id" in table.column_names:
        table = table.drop_columns(["_id"])
    return table


def resolve_flat(data: dict[str, Any], table: pa.Table) -> dict[str, Any]:
    """Replace each "flat" hierarchy by an inline one built from the column's values."""
    columns = dict(data.get("columns") or {})
    for name, spec in columns.items():
        if isinstance(spec, dict) and spec.get("hierarchy") == FLAT and name in table.column_names:
            text = table[name].cast(pa.string())
            values = [v for v in pc.unique(text).to_pylist() if v is not None]
            columns[name] = {**spec, "hierarchy": [[v, "*"] for v in sorted(values)] or [["*"]]}
    return {**data, "columns": columns}


def config_for(data: dict[str, Any], table: pa.Table, *, base_dir: Path | None) -> Config:
    """The engine's Config for a JSON config and its table (flat hierarchies resolved)."""
    return Config.from_json(resolve_flat(data, table), base_dir=base_dir)


def check_columns(config: Config, table: pa.Table) -> None:
    """Refuse a config that names columns the table does not have (before any work)."""
    missing = [name for name in config.columns if name not in table.column_names]
    if missing:
        raise AnonymisationError(
            "unknown-column", f"表にない列が設定されています: {', '.join(missing)}",
            f"columns in the config are not in the table: {', '.join(missing)}")


def reuse_linking_map(result: Result, earlier: dict[str, dict[str, str]]) -> Result:
    """Give codes seen in an earlier release the same token as then (asked for explicitly)."""
    table = result.table
    merged: dict[str, dict[str, str]] = {}
    for column, mapping in result.linking_map.items():
        old = earlier.get(column) or {}
        if not old:
            merged[column] = mapping
            continue
        swap = {new: old[orig] for orig, new in mapping.items() if orig in old}
        if swap:
            keys = pa.array(list(swap), pa.string())
            index = pc.index_in(table[column], value_set=keys)
            replaced = pc.take(pa.array(list(swap.values()), pa.string()), index)
            column_out = pc.coalesce(replaced, table[column])
            table = table.set_column(table.column_names.index(column), column, column_out)
        merged[column] = {**mapping, **{o: old[o] for o in mapping if o in old}}
    return Result(table=table, report=result.report, linking_map=merged)


def write_csv(table: pa.Table, path: Path) -> None:
    """Write the anonymised table as UTF-8 CSV, formulas neutralised as the datastore does."""
    schema = pa.schema([
        pa.field(neutralise(f.name),
                 pa.string() if pa.types.is_timestamp(f.type) else f.type)
        for f in table.schema
    ])
    columns = [csv_column(c) for c in table.columns]
    out = pa.Table.from_arrays(columns, schema=schema)
    pcsv.write_csv(out, path, pcsv.WriteOptions(include_header=True, eol="\r\n"))


def public_report(report: dict[str, Any]) -> dict[str, Any]:
    """The part of a report published with the data (no 加工方法等情報)."""
    return {key: report[key] for key in PUBLIC_REPORT_KEYS if key in report}


def dump_json(data: Any, path: Path) -> None:
    """Write JSON as UTF-8 with Japanese kept readable."""
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
