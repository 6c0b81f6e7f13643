"""tabular.engine.compute calls Arrow's kernels as pyarrow.compute does, without importing it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as apc
import pytest
from pyarrow import _compute

from tabular.engine import compute
from tabular.engine.pipeline import ingest
from tabular.tests.test_engine_pipeline import _messy_rows

ROOT = Path(__file__).resolve().parents[2]

TEXT = pa.chunked_array([["施設1", None, " ＡＢ ", "=1+2"], ["http://x", "", "e5", "1E+12"]])
NUMBERS = pa.chunked_array([[3, None, 12], [7, 0]], pa.int64())
FLOATS = pa.array([1.5, None, float("inf"), -2.0, float("nan")])
FLAGS = pa.chunked_array([[True, False, None], [True, None]])
OTHER_FLAGS = pa.array([False, False, True, None, True])
MASK = pa.array([True, False, True, False, False])
STAMPS = pa.array([0, 86_400 * 365 + 1, None], pa.timestamp("s"))

#: Every function the module defines, called as the engine calls it: (name, args, kwargs).
SAMPLES = [
    ("abs", [pa.array([-3, None, 4])], {}),
    ("add", [NUMBERS, 10], {}),
    ("add", [5, NUMBERS], {}),
    ("subtract", [11, NUMBERS], {}),
    ("multiply", [NUMBERS, 2], {}),
    ("divide", [NUMBERS, 10], {}),
    ("equal", [TEXT, ""], {}),
    ("not_equal", [TEXT, "e5"], {}),
    ("greater", [FLOATS, 1.0], {}),
    ("greater_equal", [NUMBERS, 7], {}),
    ("less", [FLOATS, 0.0], {}),
    ("less_equal", [NUMBERS, 3], {}),
    ("is_finite", [FLOATS], {}),
    ("if_else", [MASK, FLOATS, pa.scalar(None, pa.float64())], {}),
    ("if_else", [FLAGS, TEXT.slice(0, 5), None], {}),
    ("and_", [FLAGS, OTHER_FLAGS], {}),
    ("or_", [FLAGS, OTHER_FLAGS], {}),
    ("and_kleene", [FLAGS, OTHER_FLAGS], {}),
    ("or_kleene", [FLAGS, OTHER_FLAGS], {}),
    ("invert", [FLAGS], {}),
    ("is_null", [FLOATS], {}),
    ("is_null", [FLOATS], {"nan_is_null": True}),
    ("drop_null", [TEXT], {}),
    ("all", [FLAGS], {}),
    ("any", [FLAGS], {}),
    ("any", [pa.array([], pa.bool_())], {}),
    ("sum", [NUMBERS], {}),
    ("sum", [FLAGS], {}),
    ("min", [NUMBERS], {}),
    ("min_max", [FLOATS], {}),
    ("min_max", [FLOATS], {"skip_nulls": False}),
    ("binary_length", [TEXT], {}),
    ("utf8_length", [TEXT], {}),
    ("utf8_trim_whitespace", [TEXT], {}),
    ("string_is_ascii", [TEXT], {}),
    ("match_substring", [TEXT, "E"], {}),
    ("match_substring", [TEXT], {"pattern": "e", "ignore_case": True}),
    ("match_substring_regex", [TEXT, r"^\d+[eE][+-]?\d+$"], {}),
    ("starts_with", [TEXT, "http://"], {}),
    ("replace_substring", [TEXT, "1", "一"], {}),
    ("replace_substring", [TEXT], {"pattern": "=", "replacement": "'=", "max_replacements": 1}),
    ("binary_join", [pa.array([["a", "b"], None, ["c"]]), "-"], {}),
    ("binary_join_element_wise", ['"', TEXT, '"', ""], {}),
    ("binary_join_element_wise", ["'", TEXT, ""], {"null_handling": "replace"}),
    ("strftime", [STAMPS], {"format": "%Y-%m-%dT%H:%M:%S"}),
    ("utf8_slice_codeunits", [TEXT, 0, 1], {}),
    ("is_in", [TEXT], {"value_set": pa.array(["e5", "", None])}),
    ("is_in", [TEXT], {"value_set": pa.array(["e5", None]), "skip_nulls": True}),
    ("index_in", [NUMBERS], {"value_set": pa.array([12, 3])}),
    ("filter", [TEXT, pa.chunked_array([[True, None, False, True], [True] * 4])], {}),
    ("filter", [TEXT.slice(0, 3), pa.array([True, None, False])],
     {"null_selection_behavior": "emit_null"}),
    ("indices_nonzero", [pa.array([False, True, None, True])], {}),
    ("replace_with_mask", [FLOATS, MASK, pa.array([9.0, 8.0])], {}),
    ("sort_indices", [pa.array(["b", None, "a", "b"])], {}),
    ("unique", [TEXT], {}),
    ("value_counts", [NUMBERS], {}),
    ("cumulative_sum", [pa.repeat(pa.scalar(1, pa.int64()), 4)], {}),
    ("cumulative_sum", [NUMBERS], {"start": 10}),
    ("cast", [NUMBERS, pa.string()], {}),
    ("cast", [pa.array([1.0, 2.5]), pa.int64()], {"safe": False}),
    ("cast", [pa.scalar(3), pa.float64()], {}),
    ("cast", [TEXT], {"options": compute.CastOptions.safe(pa.large_string())}),
    ("take", [TEXT, pa.array([7, 0, 0, None])], {}),
    ("fill_null", [FLAGS, False], {}),
    ("fill_null", [TEXT, "null"], {}),
    ("fill_null", [NUMBERS, pa.scalar(1, pa.int32())], {}),
    ("fill_null", [pa.array([1, None]), pa.array([5, 6])], {}),
]

#: The functions written out by hand in the module (the rest are made by ``_function``).
HAND_WRITTEN = {"cast", "take", "fill_null"}


def _exported() -> set[str]:
    """The names of the compute functions the module defines."""
    return {name for name, value in vars(compute).items()
            if callable(value) and not name.startswith("_") and not isinstance(value, type)
            and getattr(value, "__module__", None) == compute.__name__}


def _plain(value) -> object:
    """A result as Python values, with NaN made comparable, and its chunk lengths."""
    def fold(v):
        if isinstance(v, float) and v != v:
            return "NaN"
        if isinstance(v, dict):
            return {k: fold(x) for k, x in v.items()}
        return [fold(x) for x in v] if isinstance(v, list) else v

    chunks = [len(c) for c in value.chunks] if isinstance(value, pa.ChunkedArray) else None
    return type(value), value.type, chunks, fold(value.as_py() if isinstance(value, pa.Scalar)
                                                 else value.to_pylist())


@pytest.mark.parametrize(("name", "args", "kwargs"), SAMPLES,
                         ids=[f"{s[0]}-{i}" for i, s in enumerate(SAMPLES)])
def test_each_function_gives_what_pyarrow_compute_gives(name, args, kwargs):
    """Same result, type and chunks as pyarrow.compute's function of the same name."""
    ours = getattr(compute, name)(*args, **kwargs)
    theirs = getattr(apc, name)(*args, **kwargs)
    assert _plain(ours) == _plain(theirs)


def test_the_samples_call_every_function_the_module_defines():
    """A function added to the module without a sample above fails here."""
    assert _exported() == {s[0] for s in SAMPLES}


@pytest.mark.parametrize("name", sorted(_exported() - HAND_WRITTEN))
def test_each_wrapper_has_arrows_arity_and_options_class(name):
    """The wrapper splits data from options where Arrow's function does."""
    wrapper = getattr(compute, name)
    function = _compute.get_function(wrapper.function)
    assert wrapper.function == name.rstrip("_")
    assert (Ellipsis if wrapper.arity is None else wrapper.arity) == function.arity
    options = function._doc.options_class
    assert (wrapper.options.__name__ if wrapper.options else "") == options


@pytest.mark.parametrize(("call", "error"), [
    (lambda m: m.cast(pa.array(["1", "x"]), pa.int64()), pa.ArrowInvalid),
    (lambda m: m.cast(pa.array([1.5]), pa.int64()), pa.ArrowInvalid),
    (lambda m: m.invert(FLAGS, FLAGS), TypeError),
    (lambda m: m.add(NUMBERS, 1, 2), TypeError),
    (lambda m: m.add(NUMBERS, pa.array([1])), pa.ArrowInvalid),
    (lambda m: m.match_substring(TEXT), pa.ArrowInvalid),
    (lambda m: m.match_substring_regex(TEXT, "("), pa.ArrowInvalid),
    (lambda m: m.take(TEXT, pa.array([99])), IndexError),
    (lambda m: m.is_in(TEXT, value_set=pa.array([1])), pa.ArrowTypeError),
])
def test_bad_calls_fail_with_pyarrow_computes_exception(call, error):
    """Wrong types, values and argument counts raise what pyarrow.compute raises."""
    with pytest.raises(error):
        call(apc)
    with pytest.raises(error):
        call(compute)


def test_an_ingest_never_imports_pyarrow_compute(tmp_path):
    """A fresh process ingests files through every stage (legacy encoding, title row, 和暦,
    check digits, constraints, CSV and GeoJSON outputs) without importing pyarrow.compute,
    whose import costs more than the rest of the compute module's users together, nor
    pyarrow.parquet (see ``convert.parquet_writer``); the GeoJSON written after the table is
    ready reads the Parquet file with pyarrow.parquet, still without pyarrow.compute."""
    messy = tmp_path / "messy.csv"
    messy.write_bytes(_messy_rows(3000).encode("cp932"))
    constrained = tmp_path / "constrained.csv"
    constrained.write_text("名称,定員,区分,URL\n図書館,10,A,https://a.example\n"
                           "図書館,-1,Z,ftp://b\n中央図書館,x,B,\n施設2,200,A,https://c\n", encoding="utf-8")
    schema = {"fields": [
        {"name": "名称", "type": "string",
         "constraints": {"unique": True, "maxLength": 3, "pattern": "[^0-9]+"}},
        {"name": "定員", "type": "integer", "constraints": {"minimum": 0, "maximum": 100}},
        {"name": "区分", "type": "string", "constraints": {"enum": ["A", "B"]}},
        {"name": "URL", "type": "string", "format": "uri"},
    ]}
    script = f"""
import json, sys
from pathlib import Path
from tabular.engine.pipeline import ingest
from tabular.engine.convert import write_geojson_from_parquet
out = {str(tmp_path / "out")!r}
result = {{}}
first = ingest({str(messy)!r}, out_dir=out + "/1", write_csv=True, write_geojson=True)
t = first.tables[0]
result["messy"] = [first.encoding, t.rows, dict(t.report.counts),
                   None not in (t.outputs.csv, t.outputs.csv_bom, t.outputs.geojson)]
second = ingest({str(constrained)!r}, out_dir=out + "/2", table_schema=json.loads(sys.argv[1]),
                write_geojson=False)
result["constrained"] = dict(second.tables[0].report.counts)
result["ingest_imported"] = sorted({{"pyarrow.compute", "pyarrow.parquet"}} & set(sys.modules))
result["geojson_later"] = write_geojson_from_parquet(t.outputs.parquet, Path(out, "3.geojson"))[0] is not None
result["imported"] = "pyarrow.compute" in sys.modules
print(json.dumps(result))
"""
    done = subprocess.run([sys.executable, "-c", script, json.dumps(schema)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    encoding, rows, counts, written = result["messy"]
    assert (encoding, rows, written, result["geojson_later"]) == ("shift_jis", 3000, True, True)
    assert counts["houjin-check-digit"] == 3000 and counts["type-error"] > 0
    assert counts == dict(ingest(messy, out_dir=None).tables[0].report.counts)  # as in-process
    # -1 and 200 out of range, Z not in the enum, 中央図書館 too long, 施設2 off the pattern
    assert result["constrained"] == {"constraint-error": 5, "unique-error": 1, "type-error": 1}
    assert result["ingest_imported"] == []
    assert result["imported"] is False
