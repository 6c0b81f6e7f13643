"""Assemble rows of text cells into Arrow string columns, batch by batch (pure Python).

Used by every reader that produces Python rows (the CSV fallback path, Excel, JSON), so that
a large sheet never sits in memory as millions of Python strings at once.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa

_BATCH_ROWS = 50_000


class RowAssembler:
    """Collects data rows (cells as text or None) and their source row numbers.

    Rows may have any number of cells: the table grows to the widest row and shorter rows
    are padded with nulls. Empty strings become nulls. Blank rows are kept (all null) so that
    ``finish_table`` can report them with their row numbers.
    """

    def __init__(self, *, header_width: int, batch_rows: int = _BATCH_ROWS) -> None:
        """Start empty; ``header_width`` is the number of named header cells."""
        self._header_width = header_width
        self._batch_rows = batch_rows
        self._chunks: list[list[pa.Array]] = []  # per column, one array per flushed batch
        self._flushed = 0
        self._pending: list[Sequence[str | None]] = []
        self._numbers: list[int] = []
        self.short_rows = 0  # non-blank rows with fewer cells than the header
        self.rows = 0

    def add(self, cells: Sequence[str | None], number: int) -> None:
        """Add one data row read from source row ``number`` (1-based)."""
        if len(cells) < self._header_width and any(cells):
            self.short_rows += 1
        self._pending.append(cells)
        self._numbers.append(number)
        self.rows += 1
        if len(self._pending) >= self._batch_rows:
            self._flush()

    def _flush(self) -> None:
        """Turn the pending rows into one Arrow array per column."""
        if not self._pending:
            return
        width = max(max(len(row) for row in self._pending), self._header_width, 1)
        while len(self._chunks) < width:
            self._chunks.append([pa.nulls(self._flushed, pa.string())] if self._flushed else [])
        for col, chunks in enumerate(self._chunks):
            chunks.append(
                pa.array(
                    [(row[col] or None) if col < len(row) else None for row in self._pending],
                    type=pa.string(),
                )
            )
        self._flushed += len(self._pending)
        self._pending = []

    def finish(self) -> tuple[pa.Table, pa.Array]:
        """The collected rows as a table of string columns ``c0…`` and their row numbers."""
        self._flush()
        width = max(len(self._chunks), self._header_width, 1)
        columns = [
            pa.chunked_array(self._chunks[i] if i < len(self._chunks) else [], type=pa.string())
            for i in range(width)
        ]
        if not self._chunks:
            columns = [pa.chunked_array([pa.nulls(0, pa.string())]) for _ in range(width)]
        table = pa.table(columns, names=[f"c{i}" for i in range(width)])
        return table, pa.array(self._numbers, type=pa.int64())
