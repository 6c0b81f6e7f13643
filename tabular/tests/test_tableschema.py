"""Tests of user-supplied Table Schemas, including type-error parity with frictionless."""

from __future__ import annotations

import csv
from collections import Counter

import pyarrow as pa
import pytest

from tabular.engine.tableschema import schema_from_tableschema
from tabular.engine.types import Table, TabularError
from tabular.engine.validate import validate_table


def make_table(headers: list[str], rows: list[list[str]]) -> Table:
    """Build a Table as the reader does: empty cells null, rows numbered from 2."""
    columns = {
        f"c{i}": pa.array([(r[i] if r[i] != "" else None) for r in rows], pa.string())
        for i in range(len(headers))
    }
    return Table(
        name="",
        headers=headers,
        data=pa.table(columns),
        row_numbers=pa.array(range(2, len(rows) + 2), pa.int64()),
        header_row=1,
    )


def check(descriptor: dict, headers: list[str], rows: list[list[str]]):
    """Validate rows against a Table Schema descriptor."""
    table = make_table(headers, rows)
    specs = schema_from_tableschema(descriptor, table)
    return validate_table(table, schema=specs, match=None, matched="schema")


def test_fields_are_matched_to_columns_by_name_not_position():
    table = make_table(["b", "a"], [["1", "x"]])
    specs = schema_from_tableschema(
        {"fields": [{"name": "a"}, {"name": "b", "type": "integer"}]}, table
    )
    assert [(s.header, s.index, s.type) for s in specs] == [("b", 0, "integer"), ("a", 1, "string")]


def test_field_names_match_width_variants_of_the_header():
    table = make_table(["料金（基本）"], [["100"]])
    (spec,) = schema_from_tableschema({"fields": [{"name": "料金(基本)"}]}, table)
    assert spec.index == 0


def test_schema_field_without_a_column_is_a_missing_label_error():
    result = check({"fields": [{"name": "a"}, {"name": "b"}]}, ["a"], [["1"]])
    (issue,) = [i for i in result.report.issues if i.code == "missing-label"]
    assert (issue.field, issue.severity) == ("b", "error")


def test_column_without_a_schema_field_is_an_extra_label_error():
    result = check({"fields": [{"name": "a"}]}, ["a", "z"], [["1", "2"]])
    (issue,) = [i for i in result.report.issues if i.code == "extra-label"]
    assert (issue.column, issue.severity) == (2, "error")


def test_constraints_are_carried_into_the_specs():
    table = make_table(["a"], [["1"]])
    descriptor = {
        "fields": [
            {
                "name": "a",
                "type": "integer",
                "constraints": {"required": True, "unique": True, "minimum": 0, "maximum": 9},
            }
        ]
    }
    (spec,) = schema_from_tableschema(descriptor, table)
    assert (spec.required, spec.unique, spec.minimum, spec.maximum, spec.strict) == (
        True,
        True,
        0,
        9,
        True,
    )


def test_schema_missing_values_make_cells_empty():
    result = check(
        {"fields": [{"name": "n", "type": "integer"}], "missingValues": ["", "-"]},
        ["n"],
        [["-"], ["3"]],
    )
    assert result.report.error_count == 0
    assert result.typed.column("n").to_pylist() == [None, 3]


def test_length_constraints_are_checked():
    descriptor = {"fields": [{"name": "s", "constraints": {"minLength": 2, "maxLength": 3}}]}
    result = check(descriptor, ["s"], [["a"], ["ab"], ["abcd"]])
    assert sorted(i.value for i in result.report.issues) == ["a", "abcd"]


def test_descriptor_without_fields_is_rejected_with_a_clear_error():
    with pytest.raises(TabularError) as err:
        schema_from_tableschema({"title": "x"}, make_table(["a"], [["1"]]))
    assert err.value.code == "invalid-table-schema"
    assert err.value.message_ja and err.value.message_en


# Cells that trip one reader or the other: whitespace, signs, separators, width, exponents,
# NaN, calendar-invalid and non-ISO dates, Unicode digits.
BAD_ROWS = [
    ["1", "10", "1.5", "2021-04-01", "a"],
    ["2", " 12 ", "abc", "2021-4-1", "b"],
    ["3", "１２", "1e3", "2021/04/01", "c"],
    ["4", "1,000", "NaN", "R3.4.1", ""],
    ["5", "12.0", "-0.5", " 2021-04-01", "d"],
    ["6", "+7", "1_0.5", "2021-02-30", "e"],
    ["7", "x", "  ", "２０２１-０４-０１", "f"],
    ["8", "", "Infinity", "2021-04-01 ", "g"],
    ["9", " ", "٣", "20210401", "h"],
    ["10", "99999999999999999999", "1.", "2021-13-01", "i"],
    ["x11", "-0", ".5", "0001-01-01", "j"],
]
SCHEMA = {
    "fields": [
        {"name": "id", "type": "integer"},
        {"name": "count", "type": "integer"},
        {"name": "ratio", "type": "number"},
        {"name": "day", "type": "date"},
        {"name": "name", "type": "string"},
    ]
}


def test_type_errors_are_the_cells_frictionless_rejects(tmp_path):
    frictionless = pytest.importorskip("frictionless", reason="frictionless is a dev dependency")
    headers = [f["name"] for f in SCHEMA["fields"]]
    with (tmp_path / "bad.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL).writerows([headers, *BAD_ROWS])
    resource = frictionless.Resource(
        path="bad.csv",
        basepath=str(tmp_path),
        schema=frictionless.Schema.from_descriptor(SCHEMA),
    )
    theirs = Counter(
        (field, row)
        for kind, field, row in frictionless.validate(resource).flatten(
            ["type", "fieldName", "rowNumber"]
        )
        if kind == "type-error"
    )
    result = check(SCHEMA, headers, BAD_ROWS)
    ours = Counter((i.field, i.row) for i in result.report.issues if i.code == "type-error")
    assert ours == theirs
    assert sum(theirs.values()) > 0
