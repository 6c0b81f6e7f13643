"""Read CSV and TSV files: encoding, dialect, structure, then the body (pure Python).

Steps: the text is made UTF-8 (``source.open_utf8_source``); the delimiter is sniffed and the
first 200 records are parsed with Python's ``csv`` module to find the layout
(``structure.analyse_layout``); the body is then read from the byte offset where the data
starts.

* **Fast path** (whole-file reads): ``pyarrow.csv.read_csv`` on the UTF-8 bytes (read in
  blocks into the reader's own memory pool, see ``tabular.engine.memory``), every column as
  text, quoted line breaks allowed (also bare LF inside CRLF files), empty lines kept so
  that row numbers stay exact. The columns keep the chunks of the blocks they were parsed
  in (``tabular.engine.arrays``).
* **Fallback** (previews with ``max_rows``, rows whose cell count differs from the rest, or
  anything the fast path rejects): Python's ``csv`` module over the whole body, which pads
  short rows and keeps extra cells.

Row numbers are record numbers: the 1-based position of a record in the file, counting every
record (metadata, title, header and blank ones). A quoted cell spanning several lines does not
start a new row, so the number is the row a spreadsheet shows when it opens the file. Both
paths count the same way, so the numbers are exact, not approximations.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pcsv

from tabular.engine.detect import sniff_delimiter
from tabular.engine.memory import reader_pool, trim_malloc
from tabular.engine.readers import source as _source
from tabular.engine.readers.rows import RowAssembler
from tabular.engine.readers.source import InvalidUtf8, Utf8Source, open_utf8_source
from tabular.engine.readers.stream import DecodedStream
from tabular.engine.structure import Layout, analyse_layout, finish_table, named_width
from tabular.engine.types import Notice, Progress, ReadResult, Table, TabularError

#: The head is read small first (200 records of most files fit), then, when they do not,
#: at its full size: a 100k-row file's layout took 16 ms from 1 MiB and 6 ms from 128 KiB.
_FIRST_HEAD_BYTES = 128 << 10
_HEAD_BYTES = 1 << 20
_SAMPLE_RECORDS = 200
_MIN_HEAD_RECORDS = 10
_PROGRESS_EVERY = 50_000
_QUOTE_BLOCK = 256 << 10
#: A decoded source's range (each half of a split file) up to this size in the file is
#: decoded into memory at once before it is parsed (``_parse_decoded``); a bigger one is
#: parsed while it is decoded, so that a million-row file's text is never all in memory.
WHOLE_DECODE_MAX = 32 << 20

# Municipal cells can hold whole paragraphs; the default limit (128 KiB) would reject them.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def read_delimited(
    path: Path, *, encoding: str | None, max_rows: int | None, progress: Progress
) -> ReadResult:
    """Read a CSV or TSV file into one table."""
    source = open_utf8_source(path, encoding=encoding, trust_utf8=True, stream=True)
    try:
        return _read(source, max_rows=max_rows, progress=progress)
    except InvalidUtf8:
        # Taken as UTF-8 (or decoded as the sample suggested) but invalid further on: decode
        # strictly, which tries the other candidates or names the offending bytes.
        source.close()
        source = open_utf8_source(path, encoding=encoding, trust_utf8=False)
        return _read(source, max_rows=max_rows, progress=progress)
    finally:
        source.close()


def _read(source: Utf8Source, *, max_rows: int | None, progress: Progress) -> ReadResult:
    """Read an already UTF-8 source: sniff, find the layout, read the body."""
    # The body's reader must know whether the file has double quotes; the search reads the
    # whole file, so it runs in a thread while the head is analysed.
    quotes = _QuoteScan(source.path) if max_rows is None else None
    try:
        return _read_with(source, quotes, max_rows=max_rows, progress=progress)
    finally:
        if quotes is not None:
            quotes.cancel()


def _read_with(source: Utf8Source, quotes: _QuoteScan | None, *, max_rows: int | None,
               progress: Progress) -> ReadResult:  # fmt: skip
    """``_read`` once the quote search has started (``quotes``, None with ``max_rows``)."""
    for size in (_FIRST_HEAD_BYTES, _HEAD_BYTES):
        head, complete = _head_text(source, size)
        delimiter = sniff_delimiter(head)
        records, ends = _parse_head(head, delimiter, complete=complete)
        # Enough when the sample's records all end before the head does; the sniffing then
        # saw the same lines as in the bigger head (it reads 200 at most).
        if complete or (len(records) >= _SAMPLE_RECORDS and ends[-1] < _utf8_length(head)):
            break
    whole_records = complete or len(records) >= _MIN_HEAD_RECORDS
    if not whole_records:
        # Huge quoted cells: the head holds too few whole records to find the layout.
        records = _stream_records(source, delimiter)
    layout = analyse_layout(records)
    if layout is None:
        raise TabularError(
            "empty-file",
            "ファイルに空の行しかありません。",
            "The file contains only empty lines.",
            step="parse",
        )
    table = None
    if quotes is not None and whole_records and layout.data_start <= len(records):
        table = _fast_body(source, layout, records, ends, delimiter, quotes=quotes,
                           progress=progress)  # fmt: skip
    if table is None:
        progress("read", 0, 0)
        table = _python_body(source, layout, delimiter, max_rows=max_rows, progress=progress)
    progress("read", table.num_rows, 0)
    notices = list(source.notices)
    if delimiter != ",":
        name_ja, name_en = ("タブ", "tab") if delimiter == "\t" else ("セミコロン", "semicolon")
        notices.append(
            Notice(
                "delimiter-detected",
                f"区切り文字は{name_ja}です。",
                f"The delimiter is a {name_en}.",
            )
        )
    return ReadResult(
        format="tsv" if delimiter == "\t" else "csv",
        encoding=source.encoding,
        tables=[table],
        notices=notices,
    )


def _head_text(source: Utf8Source, size: int) -> tuple[str, bool]:
    """The first ``size`` bytes of the text, cut after their last complete line; and whether
    that is all of it."""
    with source.open_text(whole=False) as fh:
        data = fh.read(size + 1)
    complete = len(data) <= size
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        text = decoder.decode(data[:size], final=complete)  # a character may be cut
    except UnicodeDecodeError as exc:
        raise InvalidUtf8 from exc
    if complete:
        return text, True
    cut = text.rfind("\n")
    if cut < 0:
        cut = text.rfind("\r")
    return (text[: cut + 1] if cut >= 0 else text), False


def _utf8_length(text: str) -> int:
    """How many bytes ``text`` takes in UTF-8."""
    return len(text.encode("utf-8"))


def _parse_head(text: str, delimiter: str, *, complete: bool) -> tuple[list[list[str]], list[int]]:
    """The first records and, for each, the UTF-8 byte offset just after it."""
    consumed = 0

    def lines():
        """Yield the text's lines, counting the UTF-8 bytes handed to the csv reader."""
        nonlocal consumed
        for line in io.StringIO(text, newline=""):
            consumed += len(line.encode("utf-8"))
            yield line

    records: list[list[str]] = []
    ends: list[int] = []
    for record in csv.reader(lines(), delimiter=delimiter):
        records.append(record)
        ends.append(consumed)
        if len(records) >= _SAMPLE_RECORDS:
            return records, ends
    if not complete and records:
        # The head may stop inside a quoted multi-line cell: its last record can be partial.
        records.pop()
        ends.pop()
    return records, ends


def _stream_records(source: Utf8Source, delimiter: str) -> list[list[str]]:
    """The first records read straight from the file (when the head is not enough)."""
    records: list[list[str]] = []
    with source.open_text(whole=False) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="")
        try:
            for record in csv.reader(text, delimiter=delimiter):
                records.append(record)
                if len(records) >= _SAMPLE_RECORDS:
                    break
        except UnicodeDecodeError as exc:
            raise InvalidUtf8 from exc
    return records


def _fast_body(
    source: Utf8Source,
    layout: Layout,
    records: list[list[str]],
    ends: list[int],
    delimiter: str,
    *,
    quotes: _QuoteScan,
    progress: Progress,
) -> Table | None:
    """Read the body with pyarrow; None when it has ragged rows or pyarrow cannot parse it.
    Reports the "read" step as the parser starts."""
    body = [len(r) for r in records[layout.data_start :] if r]
    width = Counter(body).most_common(1)[0][0] if body else max(1, len(layout.headers))
    offset = source.start + (ends[layout.data_start - 1] if layout.data_start else 0)
    names = [f"c{i}" for i in range(width)]
    # Read through a plain file from the data offset rather than a memory map of the whole
    # file: mapped pages count in the process's resident memory until the map is released.
    # A decoded source's size is not known before it is read: the file's size stands in.
    size = max(0, source.path.stat().st_size - (0 if source.decoded else offset))
    ragged: list[int] = []

    def invalid_row(row: pcsv.InvalidRow) -> str:
        """Note a row whose cell count differs; the csv-module fallback will read it."""
        ragged.append(row.actual_columns)
        return "skip"

    quoted = size > 0 and quotes.after(0 if source.decoded else offset)
    progress("read", 0, 0)
    if size == 0:
        table = pa.table([pa.array([], pa.string()) for _ in names], names=names)
    else:
        try:
            table = _read_body(
                source, offset,
                read_options=pcsv.ReadOptions(column_names=names, use_threads=True,
                                              block_size=_block_size(size)),
                parse_options=pcsv.ParseOptions(
                    delimiter=delimiter,
                    quote_char='"',
                    double_quote=True,
                    # Quoted line breaks need the slower chunker; without quotes there are none.
                    # A decoded source is searched in its original bytes: 0x22 is never
                    # inside a character in the legacy encodings (in UTF-16 it may be: a
                    # needless slow chunker then, never a wrong parse).
                    newlines_in_values=quoted,
                    ignore_empty_lines=False,
                    invalid_row_handler=invalid_row,
                ),
                convert=lambda text_type: pcsv.ConvertOptions(
                    column_types=dict.fromkeys(names, text_type),
                    strings_can_be_null=True,
                    quoted_strings_can_be_null=True,
                    null_values=[""],
                    check_utf8=not source.validated,
                ),
            )
        except pa.ArrowInvalid as exc:
            if "UTF8" in str(exc) and not source.validated:
                raise InvalidUtf8 from exc
            return None
        except pa.ArrowNotImplementedError:
            return None
    if ragged:
        return None
    numbers = _sequence(layout.data_start + 1, table.num_rows)
    return finish_table(
        name="",
        headers=layout.headers,
        data=table,
        row_numbers=numbers,
        header_row=layout.header_row,
        notices=layout.notices,
        ragged_notices=True,
    )


def _read_body(source: Utf8Source, offset: int, *, read_options: pcsv.ReadOptions,
               parse_options: pcsv.ParseOptions,
               convert: Callable[[pa.DataType], pcsv.ConvertOptions]) -> pa.Table:  # fmt: skip
    """pyarrow's CSV reader on the text from UTF-8 byte ``offset`` (read in blocks, never
    mapped). A file in a legacy Japanese encoding or UTF-16 is decoded while pyarrow parses
    it (``stream``, ``_read_decoded_body``).
    ``convert`` gives the conversion options for a text column type."""
    path = source.path
    pool = reader_pool(path.stat().st_size - (0 if source.decoded else offset))
    options = dict(read_options=read_options, parse_options=parse_options)
    # The columns stay in the chunks they were parsed in (one per block): the later stages
    # work on chunked arrays, so no column's text is copied into one array (see ``arrays``).
    if not source.decoded:
        with pa.OSFile(str(path)) as body:
            body.seek(offset)
            return pcsv.read_csv(body, memory_pool=pool, convert_options=convert(pa.string()),
                                 **options)  # fmt: skip
    table = _read_decoded_body(source, offset, pool, convert(pa.string()), options)
    trim_malloc()
    return table


def _read_decoded_body(source: Utf8Source, offset: int, pool: pa.MemoryPool,
                       convert_options: pcsv.ConvertOptions,
                       options: dict) -> pa.Table:  # fmt: skip
    """Parse a decoded source's body (see ``stream`` and ``_parse_decoded``).

    A big file without double quotes is read as two halves, cut at a line feed (a line feed
    is never inside a character in the splittable encodings), in two threads at once: with
    Kanmin's CP932 decoder or glibc's iconv (``stream``) the decoding, like the parsing, runs
    outside the GIL, so both cores work."""
    path = source.path
    size = path.stat().st_size
    split = None
    codec = _source.STREAM_CODECS[source.encoding][0]
    if not options["parse_options"].newlines_in_values and size >= _source.PARALLEL_MIN \
            and codec in _source.SPLITTABLE:
        split = _source.split_point(path, size)
        # The cut must fall in the body (``offset`` counts UTF-8 bytes, which the head's
        # characters take at least two thirds as many of in the file).
        if split is not None and split <= 2 * offset:
            split = None
    with DecodedStream(path, source.encoding, end=split) as text:
        if split is None:
            return _parse_decoded(text, offset, pool, convert_options, options)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="csv-second-half") as ex:
            second = ex.submit(_read_range, path, source.encoding, split, pool,
                               convert_options, options)
            try:
                head = _parse_decoded(text, offset, pool, convert_options, options)
            except BaseException:
                second.cancel()
                raise
            rest = second.result()
    return pa.concat_tables([head, rest])


def _read_range(path: Path, label: str, start: int, pool: pa.MemoryPool,
                convert_options: pcsv.ConvertOptions, options: dict) -> pa.Table:  # fmt: skip
    """pyarrow's CSV reader on the decoded text of ``path`` from byte ``start`` on."""
    with DecodedStream(path, label, start=start) as text:
        return _parse_decoded(text, 0, pool, convert_options, options)


def _parse_decoded(text: DecodedStream, skip: int, pool: pa.MemoryPool,
                   convert_options: pcsv.ConvertOptions, options: dict) -> pa.Table:  # fmt: skip
    """pyarrow's CSV reader on a decoded stream's text after its first ``skip`` bytes.

    Up to ``WHOLE_DECODE_MAX`` bytes of the file are decoded at once and parsed from memory
    (``DecodedStream.decode_rest``); more are parsed while they are decoded, block by block,
    so that the decoded text is never all in memory at once."""
    whole = text.decode_rest(WHOLE_DECODE_MAX)
    if whole is not None:
        body = pa.BufferReader(whole.slice(min(skip, whole.size)))
    else:
        _skip(text, skip)
        body = pa.PythonFile(text, mode="r")
    return pcsv.read_csv(body, memory_pool=pool, convert_options=convert_options, **options)


def _skip(stream: DecodedStream, count: int) -> None:
    """Read and drop the first ``count`` bytes of a stream (the head before the data)."""
    while count > 0:
        got = len(stream.read(min(count, 1 << 20)))
        if not got:
            return
        count -= got


def _block_size(size: int) -> int:
    """The CSV reader's block: a sixteenth of the body, 1–8 MiB.

    Big blocks keep every buffer of a block above the allocator's small size classes, so
    each is given back on its own once its column is let go (small ones share pages that
    stay resident until all are freed: ~60 MiB more peak at a million rows); sixteen blocks
    still keep both cores parsing. Each block is one chunk of every column."""
    return max(1 << 20, min(8 << 20, size // 16))


class _QuoteScan:
    """Where a file's first double quote is, searched in a thread (file reads, outside the
    GIL, and memchr) while the main thread analyses the head, so that the reading does not
    wait for it (8–9 ms for a 38 MB file in a fresh process, more when its pages are not
    cached)."""

    def __init__(self, path: Path) -> None:
        """Start searching ``path`` from its first byte."""
        self.path = path
        self._stop = threading.Event()
        self._first: int | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="quote-scan", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        """The search; its error is kept for ``after``."""
        try:
            self._first = _first_quote(self.path, 0, self._stop)
        except BaseException as exc:  # re-raised in the reading thread by after()
            self._error = exc

    def after(self, offset: int) -> bool:
        """True when a double quote occurs from byte ``offset`` on (waits for the search)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        if self._first is None:
            return False
        if self._first >= offset:
            return True
        return _first_quote(self.path, offset) is not None  # the first one is in the head

    def cancel(self) -> None:
        """Stop searching at the next block (the file is not read on)."""
        self._stop.set()


def _first_quote(path: Path, offset: int, stop: threading.Event | None = None) -> int | None:
    """The position of the first double quote from ``offset`` on, or None (also when
    ``stop`` is set before the end).

    Read in blocks, not memory-mapped: a mapped file's pages count in the process's resident
    memory while they are mapped (a 380 MiB file without quotes was all resident at once).
    The block is small enough to stay in the CPU's cache: 8–9 ms for the benchmark's 38 MB
    file in a fresh process, against 24–35 ms with 4 MiB blocks (docs/benchmarks.md)."""
    with path.open("rb", buffering=0) as fh:
        fh.seek(offset)
        block = bytearray(_QUOTE_BLOCK)
        position = offset
        while (stop is None or not stop.is_set()) and (n := fh.readinto(block)):
            found = block.find(b'"', 0, n)
            if found >= 0:
                return position + found
            position += n
    return None


def _sequence(start: int, count: int) -> pa.Array:
    """The int64 array ``start, start + 1, …`` of length ``count``, built in Arrow."""
    from tabular.engine import compute as pc  # loaded while the body is read (pipeline.ingest)

    ones = pa.repeat(pa.scalar(1, pa.int64()), count)
    return pc.add(pc.cumulative_sum(ones), start - 1) if count else ones


def _python_body(
    source: Utf8Source,
    layout: Layout,
    delimiter: str,
    *,
    max_rows: int | None,
    progress: Progress,
) -> Table:
    """Read the body with Python's csv module (previews and files with ragged rows)."""
    assembler = RowAssembler(header_width=named_width(layout.headers))
    limited = False
    data_rows = 0
    # A preview stops after max_rows: no worker decoding a second half it will not read.
    with source.open_text(whole=max_rows is None) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="")
        try:
            for index, record in enumerate(csv.reader(text, delimiter=delimiter)):
                if index < layout.data_start:
                    continue
                if max_rows is not None and data_rows >= max_rows:
                    limited = True
                    break
                assembler.add(record, index + 1)
                if any(record):
                    data_rows += 1
                if assembler.rows % _PROGRESS_EVERY == 0:
                    progress("read", assembler.rows, 0)
        except UnicodeDecodeError as exc:
            raise InvalidUtf8 from exc
    data, numbers = assembler.finish()
    notices = list(layout.notices)
    if limited:
        notices.append(
            Notice(
                "rows-limited",
                f"先頭の {max_rows} 行だけを読みました。",
                f"Only the first {max_rows} data rows were read.",
            )
        )
    return finish_table(
        name="",
        headers=layout.headers,
        data=data,
        row_numbers=numbers,
        header_row=layout.header_row,
        notices=notices,
        ragged_notices=True,
        short_rows=assembler.short_rows,
    )
