"""The pipeline writes Parquet while the issues are built: outcomes and failures stay whole."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from tabular.engine.pipeline import ingest
from tabular.engine.types import TabularError

CSV = "名称,緯度,経度\n市民会館,34.1,132.2\n図書館,不明,132.3\n公園,34.3,132.4\n"
SCHEMA = {"fields": [{"name": "名称", "type": "string"}, {"name": "緯度", "type": "number"},
                     {"name": "経度", "type": "number"}]}


def _file(tmp_path, text: str = CSV):
    """Write a small UTF-8 CSV and return its path."""
    path = tmp_path / "in.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_parquet_file_holds_the_typed_table_and_the_report_its_issues(tmp_path):
    """Writing during issue building changes neither the file nor the report."""
    result = ingest(_file(tmp_path), out_dir=tmp_path / "out", write_geojson=False,
                    table_schema=SCHEMA)
    table = result.tables[0]
    stored = pq.read_table(table.outputs.parquet)
    assert stored.column("名称").to_pylist() == ["市民会館", "図書館", "公園"]
    assert stored.num_rows == table.rows == 3
    assert [i.row for i in table.report.issues if i.code == "type-error"] == [3]


def test_a_failure_while_issues_are_built_leaves_no_file(tmp_path):
    """An error after the writer started removes what it wrote, and is raised."""
    def progress(step: str, rows: int, errors: int) -> None:
        """Fail in the middle of validation, after the typed table exists."""
        if step == "validating":
            raise RuntimeError("stop")

    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        ingest(_file(tmp_path), out_dir=out, table_schema=SCHEMA, progress=progress)
    assert not out.exists() or not list(out.iterdir())


def test_a_write_error_reaches_the_caller(tmp_path):
    """A table the outputs cannot hold fails with the converter's own error."""
    with pytest.raises(TabularError) as caught:
        ingest(_file(tmp_path, "_id,名称\n1,a\n2,b\n"), out_dir=tmp_path / "out")
    assert caught.value.code == "reserved-column"


def test_a_check_writes_nothing(tmp_path):
    """Without an output directory nothing is written and the report is complete."""
    result = ingest(_file(tmp_path), out_dir=None, table_schema=SCHEMA)
    assert result.tables[0].outputs is None
    assert result.tables[0].report.counts.get("type-error") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def _messy_rows(count: int) -> str:
    """A title row, a header and ``count`` rows of a facility list with every kind of cell the
    normaliser rewrites or rejects, spread over the whole file (so over every block)."""
    lines = ["施設一覧（テスト）", "NO,名称,開設日,定員,電話番号,法人番号,緯度,経度"]
    for i in range(count):
        number = str(i + 1) if i % 1013 else "7"  # a few repeats of NO 7: unique errors
        opened = ("令和3年4月1日", "2021-04-01", "H31.4.30", "不明")[i % 4 if i % 97 else 3]
        capacity = ('"1,234"', "１２", "12", "不明")[i % 3 if i % 89 else 3]
        phone = ("0835-54-0563", "0835540563", "電話なし")[i % 2 if i % 71 else 2]
        corporate = ("8000020352144", "8000020352145")[1 if i % 113 == 0 else 0]
        latitude = "34.1" if i % 131 else "北緯"
        blank = i % 5000 == 4999  # blank lines, dropped with a notice
        lines.append(",,,,,,," if blank else
                     f"{number},施設{i},{opened},{capacity},{phone},{corporate},{latitude},132.2")
    return "\n".join(lines) + "\n"


def test_a_file_read_in_several_blocks_gives_what_one_array_per_column_gives(tmp_path):
    """The reader keeps big files' columns in the chunks it parsed them in; normalising and
    validating them chunk by chunk gives the same typed table and report as one array each:
    through the whole pipeline (inferred schema), and with every kind of check declared."""
    from tabular.engine import pipeline
    from tabular.engine.read import read_file
    from tabular.engine.schema import FieldSpec
    from tabular.engine.types import Table
    from tabular.engine.validate import validate_table

    path = _file(tmp_path, _messy_rows(50_000))
    assert path.stat().st_size > 3 << 20  # at least three of the reader's 1 MiB blocks
    (table,) = read_file(path).tables
    assert table.data.column(0).num_chunks > 1  # the premise: the columns come in chunks
    whole = Table(table.name, table.headers, table.data.combine_chunks(),
                  table.row_numbers, table.header_row, table.notices)  # fmt: skip
    assert whole.data.column(0).num_chunks == 1

    result = ingest(path, out_dir=tmp_path / "out", write_geojson=False)
    schema, match, matched = pipeline._schema_for(whole, claimed=None, table_schema=None)
    expected = validate_table(whole, schema=schema, match=match, matched=matched)
    got = result.tables[0]
    assert got.report == expected.report
    assert got.report.counts["type-error"] > 0
    assert pq.read_table(got.outputs.parquet).drop_columns(["_id"]).equals(expected.typed)

    declared = [FieldSpec(index=i, header=h, name=h, type=t, **options) for i, h, t, options in (
        (0, "NO", "integer", {"unique": True, "required": True}),
        (1, "名称", "string", {"max_length": 7}),
        (2, "開設日", "date", {"minimum": "2020-01-01"}),
        (3, "定員", "integer", {"maximum": 100}),
        (4, "電話番号", "phone", {}),
        (5, "法人番号", "code", {"check": "houjin", "unique": True}),
        (6, "緯度", "latitude", {}),
        (7, "経度", "longitude", {}),
    )]
    chunked = validate_table(table, schema=declared, match=None, matched="none",
                             max_issues=100_000)  # fmt: skip
    one = validate_table(whole, schema=declared, match=None, matched="none", max_issues=100_000)
    assert chunked.report == one.report
    assert chunked.typed.equals(one.typed)
    for code in ("type-error", "unique-error", "constraint-error", "houjin-check-digit",
                 "wareki-normalised", "fullwidth-normalised", "format-warning"):
        assert chunked.report.counts.get(code, 0) > 0, code


def test_the_gil_interval_is_short_while_imports_run_and_restored_after_overlapping_ingests(
    tmp_path,
):
    """The switch interval belongs to the whole interpreter: two ingests whose import phases
    overlap, leaving in either order, put back the value found before the first began."""
    import sys

    from tabular.engine import pipeline

    original = sys.getswitchinterval()
    first, second = pipeline._short_switch_interval(), pipeline._short_switch_interval()
    first.__enter__()
    assert sys.getswitchinterval() == pytest.approx(pipeline._IMPORT_SWITCH_INTERVAL)
    second.__enter__()
    first.__exit__(None, None, None)
    assert sys.getswitchinterval() == pytest.approx(pipeline._IMPORT_SWITCH_INTERVAL)  # the second still runs
    second.__exit__(None, None, None)
    assert sys.getswitchinterval() == pytest.approx(original)
    path = tmp_path / "small.csv"
    path.write_text("名称,住所\n市役所,山口県\n", encoding="utf-8")
    ingest(path, out_dir=None)
    assert sys.getswitchinterval() == pytest.approx(original)
