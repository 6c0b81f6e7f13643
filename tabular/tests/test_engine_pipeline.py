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
