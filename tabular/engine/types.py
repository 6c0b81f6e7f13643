"""Data shapes shared by the tabular engine's stages (pure Python, no Django).

The pipeline is: read (bytes → ``ReadResult`` of raw ``Table`` objects, all cells text)
→ match a standard → normalise and validate (→ typed ``pyarrow.Table`` + ``Report``)
→ convert (Parquet, CSV, CSV with BOM, GeoJSON). Each stage lives in its own module;
these dataclasses are the only things they pass to one another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import pyarrow as pa

Severity = Literal["error", "warning", "info"]

#: Called by long stages as ``progress(step, rows_done, errors_so_far)``.
Progress = Callable[[str, int, int], None]


def no_progress(step: str, rows_done: int, errors: int) -> None:
    """A progress callback that ignores its input."""


@dataclass(frozen=True)
class Notice:
    """Something the reader did to the file's structure that the publisher should know.

    ``code`` is stable and machine-readable (``title-rows-skipped``, ``blank-row``,
    ``header-repeated``, ``multi-row-header``, ``trailing-columns-dropped``,
    ``encoding-detected`` …); the messages are complete sentences.
    """

    code: str
    message_ja: str
    message_en: str
    row: int | None = None  # 1-based row (line) number in the source sheet


@dataclass
class Table:
    """One table read from a file: headers kept exactly, every cell as text.

    ``data`` has one ``pa.string()`` column per header, named ``c0 … cN-1`` (headers may repeat
    or be empty, so they are not used as Arrow names). Empty cells are null. ``row_numbers``
    gives, for each data row, its 1-based row number in the source sheet (for reports).
    """

    name: str  # sheet name; "" for a CSV/TSV/JSON file
    headers: list[str]
    data: pa.Table
    row_numbers: pa.Array  # int64, one per data row
    header_row: int  # 1-based row number of the (last) header row in the source
    notices: list[Notice] = field(default_factory=list)

    @property
    def num_rows(self) -> int:
        return self.data.num_rows


@dataclass
class ReadResult:
    """What the reader found in a file."""

    format: str  # csv | tsv | xlsx | xls | json | geojson
    encoding: str | None  # utf-8 | utf-8-sig | cp932 | shift_jis | euc-jp | None (binary)
    tables: list[Table]
    notices: list[Notice] = field(default_factory=list)


@dataclass(frozen=True)
class Issue:
    """One finding of validation, at a row and column when it has one.

    ``code`` uses frictionless error names where one fits (``type-error``, ``missing-cell``,
    ``extra-cell``, ``blank-row``, ``duplicate-label``, ``missing-label``, ``constraint-error``,
    ``required-error``, ``unique-error``…) and our own for Japanese rules
    (``lgcode-check-digit``, ``houjin-check-digit``, ``wareki-normalised``, ``excel-exponent``…).
    """

    code: str
    severity: Severity
    message_ja: str
    message_en: str
    hint_ja: str = ""
    hint_en: str = ""
    row: int | None = None  # 1-based source row number
    column: int | None = None  # 1-based column number
    field: str | None = None  # header of that column
    value: str | None = None  # the cell as written (truncated to 200 characters)


@dataclass
class Conformance:
    """How well a table follows its standard: 0–100, and the counts behind it."""

    score: float
    required_present: int
    required_total: int
    valid_cells: int
    checked_cells: int
    missing_required: list[str] = field(default_factory=list)


@dataclass
class Report:
    """The validation report of one table. ``issues`` is capped; ``counts`` is complete."""

    standard: str | None  # standard dataset name (e.g. "aed") or None
    layout: str | None  # "current" | "legacy" | None
    matched: Literal["auto", "claimed", "schema", "none"]
    match_score: float
    issues: list[Issue]
    counts: dict[str, int]  # issue code → number of occurrences (not capped)
    error_count: int
    warning_count: int
    conformance: Conformance | None
    truncated: bool = False  # True when more issues were found than kept


class TabularError(Exception):
    """A file that cannot be read or converted, with a reason in Japanese and English.

    ``code`` is stable (``unknown-format``, ``encoding-error``, ``empty-file``, ``no-header``,
    ``too-large``, ``corrupt-workbook``, ``invalid-json`` …); ``step`` is the pipeline step.
    """

    def __init__(self, code: str, message_ja: str, message_en: str, *, step: str = "") -> None:
        super().__init__(f"{message_ja} / {message_en}")
        self.code = code
        self.message_ja = message_ja
        self.message_en = message_en
        self.step = step
