"""The Arrow compute functions the engine calls, without importing ``pyarrow.compute``.

``import pyarrow.compute`` builds a Python wrapper, a signature and a docstring for each of
Arrow's ~290 compute functions: 60–80 ms of CPU on this machine, about a tenth of what a fresh
process spends ingesting a 100,000-row file (the cold runs of bench/tabular). This module
calls the same C++ kernels through the entry point those wrappers use, ``call_function`` of
``pyarrow._compute`` (which ``pyarrow.compute`` re-exports along with the options classes),
and defines only the functions the engine needs, with pyarrow.compute's names and arguments.
The engine's modules import it as ``from tabular.engine import compute as pc``.

pyarrow's own Array and Table methods that run a compute function (``cast``, ``filter``,
``take``, ``unique``…) import ``pyarrow.compute`` on first use: the engine calls the
functions here instead. pyarrow is pinned in requirements.txt;
tabular/tests/test_engine_compute.py compares every function here with pyarrow.compute's on
the same inputs, and checks that an ingest does not import pyarrow.compute.
"""

from __future__ import annotations

from collections.abc import Callable

import pyarrow as pa
from pyarrow import _compute as _c

# Options classes callers pass explicitly (same objects as pyarrow.compute's).
CastOptions = _c.CastOptions


def _function(name: str, options: type | None = None, arity: int | None = 1) -> Callable:
    """A caller of Arrow's compute function ``name``, like pyarrow.compute's wrapper:
    the first ``arity`` positional arguments are the data (all of them when ``arity`` is
    None), further positional and keyword arguments build the ``options`` class; without
    any, the function's default options apply."""

    def call(*args, memory_pool: pa.MemoryPool | None = None, **kwargs):
        opts = None
        extra = () if arity is None else args[arity:]
        if extra or kwargs:
            if options is None:
                raise TypeError(f"{name} takes {arity} positional argument(s) and no options")
            opts = options(*extra, **kwargs)
            args = args[:arity]
        return _c.call_function(name, list(args), opts, memory_pool)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"Arrow's compute function {name!r} (see pyarrow.compute)."
    call.function, call.options, call.arity = name, options, arity  # checked by the tests
    return call


# Element-wise arithmetic and comparison.
abs = _function("abs")
add = _function("add", arity=2)
subtract = _function("subtract", arity=2)
multiply = _function("multiply", arity=2)
divide = _function("divide", arity=2)
equal = _function("equal", arity=2)
not_equal = _function("not_equal", arity=2)
greater = _function("greater", arity=2)
greater_equal = _function("greater_equal", arity=2)
less = _function("less", arity=2)
less_equal = _function("less_equal", arity=2)
is_finite = _function("is_finite")
if_else = _function("if_else", arity=3)

# Boolean logic and null handling.
and_ = _function("and", arity=2)
or_ = _function("or", arity=2)
and_kleene = _function("and_kleene", arity=2)
or_kleene = _function("or_kleene", arity=2)
invert = _function("invert")
is_null = _function("is_null", _c.NullOptions)
drop_null = _function("drop_null")

# Aggregates.
all = _function("all", _c.ScalarAggregateOptions)
any = _function("any", _c.ScalarAggregateOptions)
sum = _function("sum", _c.ScalarAggregateOptions)
min = _function("min", _c.ScalarAggregateOptions)
min_max = _function("min_max", _c.ScalarAggregateOptions)

# Strings.
binary_length = _function("binary_length")
utf8_length = _function("utf8_length")
utf8_trim_whitespace = _function("utf8_trim_whitespace")
string_is_ascii = _function("string_is_ascii")
match_substring = _function("match_substring", _c.MatchSubstringOptions)
match_substring_regex = _function("match_substring_regex", _c.MatchSubstringOptions)
starts_with = _function("starts_with", _c.MatchSubstringOptions)
replace_substring = _function("replace_substring", _c.ReplaceSubstringOptions)
binary_join = _function("binary_join", arity=2)
binary_join_element_wise = _function("binary_join_element_wise", _c.JoinOptions, arity=None)
strftime = _function("strftime", _c.StrftimeOptions)
utf8_slice_codeunits = _function("utf8_slice_codeunits", _c.SliceOptions)

# Sets, selections and vectors.
is_in = _function("is_in", _c.SetLookupOptions)
index_in = _function("index_in", _c.SetLookupOptions)
filter = _function("filter", _c.FilterOptions, arity=2)
indices_nonzero = _function("indices_nonzero")
replace_with_mask = _function("replace_with_mask", arity=3)
sort_indices = _function("sort_indices", _c.SortOptions)
unique = _function("unique")
value_counts = _function("value_counts")
cumulative_sum = _function("cumulative_sum", _c.CumulativeOptions)


def cast(arr, target_type=None, safe: bool | None = None, options: CastOptions | None = None,
         memory_pool: pa.MemoryPool | None = None):  # fmt: skip
    """Cast ``arr`` to ``target_type`` (checked unless ``safe=False``), as
    ``pyarrow.compute.cast``."""
    if options is None:
        target_type = pa.types.lib.ensure_type(target_type)
        options = CastOptions.unsafe(target_type) if safe is False else CastOptions.safe(
            target_type)
    return _c.call_function("cast", [arr], options, memory_pool)


def take(data, indices, *, boundscheck: bool = True, memory_pool: pa.MemoryPool | None = None):
    """The values of ``data`` at ``indices``, as ``pyarrow.compute.take``."""
    return _c.call_function("take", [data, indices], _c.TakeOptions(boundscheck=boundscheck),
                            memory_pool)


def fill_null(values, fill_value):
    """``values`` with nulls replaced by ``fill_value`` (a Python value is taken as a scalar
    of the values' type), as ``pyarrow.compute.fill_null``."""
    if not isinstance(fill_value, (pa.Array, pa.ChunkedArray, pa.Scalar)):
        fill_value = pa.scalar(fill_value, type=values.type)
    elif values.type != fill_value.type:
        fill_value = pa.scalar(fill_value.as_py(), type=values.type)
    return _c.call_function("coalesce", [values, fill_value])
