"""The whole ingestion of one file: read → match → validate and normalise → convert.

Pure Python (no Django): the ``tabular`` app runs it in a job and stores what it returns;
the staff's "check before publishing" page and the benchmark call it directly.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tabular.engine.types import Notice, Progress, ReadResult, Report, Table, no_progress

#: Seconds between forced GIL hand-overs while the later stages are imported (see
#: ``_import_later_stages``).
_IMPORT_SWITCH_INTERVAL = 0.0002
# The interval is the interpreter's, shared by every thread: ingests running at once (the
# staff's check page in a threaded server) count themselves in, and the last one out puts
# back the value the first one found.
_switch_lock = threading.Lock()
_switch_users = 0
_switch_saved = 0.0


@contextmanager
def _short_switch_interval():
    """Hand the GIL over every ``_IMPORT_SWITCH_INTERVAL`` seconds inside the block."""
    global _switch_users, _switch_saved
    with _switch_lock:
        if _switch_users == 0:
            _switch_saved = sys.getswitchinterval()
            sys.setswitchinterval(min(_switch_saved, _IMPORT_SWITCH_INTERVAL))
        _switch_users += 1
    try:
        yield
    finally:
        with _switch_lock:
            _switch_users -= 1
            if _switch_users == 0:
                sys.setswitchinterval(_switch_saved)


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


def _import_later_stages() -> None:
    """Import what validating and converting need (run in a thread while the file is read).

    The reader's own modules are all imported before this starts (the main thread imports
    nothing while it runs but ``tabular.engine.compute`` and ``tabular.engine.arrays``, which
    import only pyarrow): two threads importing modules that import each other could see them
    half-initialised.

    While it runs, a thread waiting for the GIL gets it after 0.2 ms instead of Python's
    5 ms, so that the reading thread does not wait behind an import each time it needs the
    GIL (a file in a legacy encoding is decoded in blocks that pyarrow's reader fetches under
    the GIL). Measured on 100k-row files, median wall time of 15 interleaved cold runs: 12 %
    less for CP932, 13 % for UTF-8; none at a million rows, whose reading outlasts the
    imports."""
    with _short_switch_interval():
        import standards.matching  # noqa: F401
        import tabular.engine.convert
        import tabular.engine.schema
        import tabular.engine.validate  # noqa: F401
        from standards.registry import load_standards

        load_standards()  # the definitions the matching reads (cached for the process)


class _Writer:
    """Writes one table's files in a thread, started as soon as its typed table exists, so
    that Parquet is encoded on one core while the issues are built on the other."""

    def __init__(self, out_dir: str | Path | None, *, basename: str, csv: bool,
                 geojson: bool) -> None:  # fmt: skip
        """Remember where and what to write; nothing starts yet."""
        self.out_dir = None if out_dir is None else Path(out_dir)
        self.basename, self.csv, self.geojson = basename, csv, geojson
        self.thread: threading.Thread | None = None
        self.outputs: object | None = None
        self.error: BaseException | None = None

    def start(self, typed) -> None:
        """Start writing ``typed`` (a pyarrow.Table) in a thread."""
        self.thread = threading.Thread(target=self._run, args=(typed,), name="tabular-write")
        self.thread.start()

    def _run(self, typed) -> None:
        """Write the files; keep the outcome or the error for ``result``."""
        from tabular.engine.convert import write_outputs

        try:
            self.outputs = write_outputs(typed, self.out_dir, basename=self.basename,
                                         csv=self.csv, geojson=self.geojson)  # fmt: skip
        except BaseException as exc:  # re-raised in the caller's thread by result()
            self.error = exc

    def result(self) -> object | None:
        """Wait for the files: their ``convert.Outputs``, or None when nothing was written."""
        if self.thread is None:
            return None
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.outputs

    def discard(self) -> None:
        """Validation failed: wait for the thread and remove what it wrote."""
        if self.thread is None:
            return
        self.thread.join()
        outputs = self.outputs
        for attr in ("parquet", "csv", "csv_bom", "geojson"):
            written = getattr(outputs, attr, None)
            if written is not None:
                Path(written).unlink(missing_ok=True)


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

    # The later stages' modules load while the body is read (the CSV reader works in C++ with
    # the GIL released): ~0.1 s of a fresh worker's first job, most of a small file's time.
    # Not before: finding the layout is Python, which the imports would slow down.
    warm = threading.Thread(target=_import_later_stages, name="tabular-imports", daemon=True)

    def read_progress(stage: str, rows: int, errors: int) -> None:
        """Pass progress on; start the imports when the body's reading starts."""
        if stage == "read" and not warm.is_alive() and warm.ident is None:
            warm.start()
        progress(stage, rows, errors)

    progress("analysing", 0, 0)
    try:
        read: ReadResult = read_file(path, filename=filename, encoding=encoding,
                                     progress=read_progress)  # fmt: skip
    finally:
        if warm.ident is None:
            warm.start()  # a reader that reports no "read" step (spreadsheets)
        warm.join()
    from tabular.engine.validate import validate_table

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
        writer = _Writer(out_dir, basename=f"table{position}", csv=write_csv,
                         geojson=write_geojson)  # fmt: skip
        name, headers, header_row, rows, notices = (
            table.name, table.headers, table.header_row, table.num_rows, table.notices)
        try:
            validated = validate_table(
                table, schema=schema, match=match, matched=matched, max_issues=max_issues,
                progress=progress, on_typed=writer.start if out_dir is not None else None,
                consume=True,  # the raw text goes column by column while Parquet is written
            )
        except BaseException:
            writer.discard()
            raise
        del table
        errors += validated.report.error_count
        rows_done += rows
        progress("converting", rows_done, errors)
        outputs = writer.result()
        results.append(TableResult(
            position=position, name=name, headers=headers, header_row=header_row, rows=rows,
            report=validated.report, fields=validated.fields, outputs=outputs, notices=notices,
        ))
        del validated
    progress("ready", rows_done, errors)
    return IngestResult(format=read.format, encoding=read.encoding, tables=results,
                        notices=read.notices)
