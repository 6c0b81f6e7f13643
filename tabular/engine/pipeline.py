"""The whole ingestion of one file: read → match → validate and normalise → convert.

Pure Python (no Django): the ``tabular`` app runs it in a job and stores what it returns;
the staff's "check before publishing" page and the benchmark call it directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tabular.engine.types import Notice, Progress, ReadResult, Report, Table, no_progress


@dataclass
class TableResult:
    """One table of the file, validated and converted."""

    position: int
    name: str
    headers: list[str]
    header_row: int
    rows: int
    report: Report
    fields: list  # FieldSpec of tabular.engine.schema
    outputs: object | None  # tabular.engine.convert.Outputs (None when convert=False)
    notices: list[Notice] = field(default_factory=list)


@dataclass
class IngestResult:
    """Everything the pipeline learnt about a file and what it wrote."""

    format: str
    encoding: str | None
    tables: list[TableResult]
    notices: list[Notice]


def _schema_for(table: Table, *, claimed: str | None, table_schema: dict | None):
    """Choose the schema: a user's Table Schema, else the (claimed or matched) standard, else
    one inferred from the values."""
    from standards.matching import best_match
    from tabular.engine.schema import infer_schema, schema_from_standard

    if table_schema is not None:
        from tabular.engine.tableschema import schema_from_tableschema

        return schema_from_tableschema(table_schema, table), None, "schema"
    match = best_match(table.headers, claimed=claimed)
    if match is not None:
        return schema_from_standard(match, table), match, ("claimed" if claimed else "auto")
    return infer_schema(table), None, "none"


def ingest(
    path: str | Path,
    *,
    out_dir: str | Path | None,
    filename: str = "",
    encoding: str | None = None,
    claimed_standard: str | None = None,
    table_schema: dict | None = None,
    max_issues: int = 1000,
    write_csv: bool = False,
    write_geojson: bool = True,
    progress: Progress = no_progress,
    on_read: Callable[[ReadResult], None] | None = None,
) -> IngestResult:
    """Ingest one file. With ``out_dir=None`` nothing is written (a check only); otherwise
    Parquet, GeoJSON with coordinates (unless ``write_geojson`` is off: the job writes it
    after the table is ready, see ``convert.write_geojson_from_parquet``), and the normalised
    CSVs with ``write_csv``. ``on_read`` is given the raw tables as soon as they are read
    (the privacy guard scans them there, before anything is written)."""
    from tabular.engine.read import read_file
    from tabular.engine.validate import validate_table

    progress("analysing", 0, 0)
    read: ReadResult = read_file(path, filename=filename, encoding=encoding, progress=progress)
    if on_read is not None:
        on_read(read)
    results: list[TableResult] = []
    errors = 0
    rows_done = 0
    # Each raw table is let go as soon as it is validated, so that converting a big table does
    # not hold the raw text and the typed copy at once (peak memory of million-row files).
    raw_tables, read.tables = read.tables, []
    for position in range(len(raw_tables)):
        table, raw_tables[position] = raw_tables[position], None
        schema, match, matched = _schema_for(
            table, claimed=claimed_standard, table_schema=table_schema
        )
        validated = validate_table(
            table, schema=schema, match=match, matched=matched, max_issues=max_issues,
            progress=progress,
        )
        name, headers, header_row, rows, notices = (
            table.name, table.headers, table.header_row, table.num_rows, table.notices)
        del table
        errors += validated.report.error_count
        rows_done += rows
        progress("converting", rows_done, errors)
        outputs = None
        if out_dir is not None:
            from tabular.engine.convert import write_outputs

            outputs = write_outputs(validated.typed, Path(out_dir), basename=f"table{position}",
                                    csv=write_csv, geojson=write_geojson)
        results.append(TableResult(
            position=position, name=name, headers=headers, header_row=header_row, rows=rows,
            report=validated.report, fields=validated.fields, outputs=outputs, notices=notices,
        ))
        del validated
    progress("ready", rows_done, errors)
    return IngestResult(format=read.format, encoding=read.encoding, tables=results,
                        notices=read.notices)
