"""Entry point of the anonymisation engine: ``anonymise(table, config) -> Result``.

``OBSERVERS`` is an optional hook, empty by default: each callable in it is called with
``(config, result)`` after every successful run (refusals raise before it). The privacy tests
use it to hand every output to an independent checker (privacy/tests/conftest.py); run-time
code registers nothing.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from privacy.anonymise.config import AnonymisationError, Config
from privacy.anonymise.hierarchies import encode
from privacy.anonymise.lattice import Problem, SearchResult, search
from privacy.anonymise.report import build_report


@dataclass
class Result:
    """The anonymised table and its report; the linking-code mapping is kept apart."""

    table: pa.Table
    report: dict[str, Any]
    # {column: {original value: token}} — access-controlled, never in the table or report.
    linking_map: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)


# Called with (config, result) after every successful run; see the module docstring.
OBSERVERS: list[Callable[[Config, Result], None]] = []


def _as_table(table: pa.Table | list[dict]) -> pa.Table:
    """Accept a pyarrow Table or a list of row dicts."""
    if isinstance(table, pa.Table):
        return table
    if isinstance(table, list):
        return pa.Table.from_pylist(table)
    raise AnonymisationError("bad-input", "表（pyarrow.Table か行の一覧）を渡してください",
                             "pass a pyarrow.Table or a list of row dicts")


def _check(table: pa.Table, config: Config) -> None:
    """Refuse unknown columns and too few data subjects."""
    missing = [name for name in config.columns if name not in table.column_names]
    if missing:
        raise AnonymisationError("unknown-column", f"表にない列が設定されています: {missing}",
                                 f"columns in the config are not in the table: {missing}")
    if table.num_rows < config.min_subjects:
        raise AnonymisationError(
            "too-few-subjects",
            f"本人の数が{table.num_rows}人で、最低人数{config.min_subjects}人に足りないため"
            "匿名加工しません",
            f"only {table.num_rows} data subjects, fewer than the minimum of "
            f"{config.min_subjects}: refusing to anonymise",
        )


def _tokens(column: pa.ChunkedArray) -> tuple[pa.Array, dict[str, str]]:
    """Replace each distinct linking code by a fresh random token; return tokens and mapping."""
    encoded = pc.dictionary_encode(column.cast(pa.string())).combine_chunks()
    originals = encoded.dictionary.to_pylist()
    tokens = [secrets.token_hex(16) for _ in originals]
    return pc.take(pa.array(tokens, pa.string()), encoded.indices), dict(
        zip(originals, tokens, strict=True)
    )


def _suppressed_rows(problem: Problem, found: SearchResult) -> pa.Array:
    """Mask of the input rows in suppressed classes (row order kept, no join)."""
    assert found.node is not None and found.evaluation is not None
    keyed = problem.keyed
    bad = found.evaluation.classes.filter(found.evaluation.classes["bad"])
    bad_keys = None
    for q, stride in enumerate(keyed.strides):
        part = pc.multiply(pc.cast(bad[f"q{q}"], pa.int64()), stride)
        bad_keys = part if bad_keys is None else pc.add(bad_keys, part)
    return pc.is_in(keyed.row_key(found.node), value_set=bad_keys)


def anonymise(table: pa.Table | list[dict], config: Config) -> Result:
    """Anonymise a table: delete identifiers, tokenise links, generalise and suppress."""
    table = _as_table(table)
    _check(table, config)
    quasi = [
        encode(table[c.name], name=c.name, spec=c.hierarchy, base_dir=config.base_dir)
        for c in config.columns.values() if c.role == "quasi"
    ]
    sensitive = []
    for name in config.names("sensitive"):
        enc = pc.dictionary_encode(table[name], null_encoding="encode").combine_chunks()
        sensitive.append(enc.indices.cast(pa.int32()))
    problem = Problem(quasi=quasi, sensitive=sensitive, model=config.model,
                      metric=config.metric, total=table.num_rows)
    found = search(problem)
    if found.node is None or found.evaluation is None:
        raise AnonymisationError(
            "no-solution",
            "どの一般化でも指定のプライバシーモデルを削除上限内で満たせません",
            "no generalisation satisfies the privacy models within the suppression limit",
        )
    out = table
    linking_map: dict[str, dict[str, str]] = {}
    for name in config.names("identifier"):
        out = out.drop_columns([name])
    for name in config.names("linking"):
        tokens, linking_map[name] = _tokens(out[name])
        out = out.set_column(out.column_names.index(name), name, tokens)
    row_codes = {}
    for q, (enc, level) in enumerate(zip(quasi, found.node, strict=True)):
        codes = enc.codes_at(level)
        row_codes[f"q{q}"] = codes
        labels = pc.take(pa.array(enc.labels[level], pa.string()), codes)
        out = out.set_column(out.column_names.index(enc.name), enc.name, labels)
    if found.evaluation.suppressed and problem.keyed.usable:
        out = out.filter(pc.invert(_suppressed_rows(problem, found)))
    elif found.evaluation.suppressed:
        classes = found.evaluation.classes.select([*problem.qcols, "bad"])
        rows = pa.table({**row_codes, "_row": pa.array(range(out.num_rows), pa.int64())})
        joined = rows.join(classes, keys=problem.qcols)
        keep = pc.filter(joined["_row"], pc.invert(joined["bad"]))
        # The join does not keep row order: put the kept rows back in their original order.
        out = out.take(pc.take(keep, pc.array_sort_indices(keep)))
    report = build_report(config=config, problem=problem, search=found)
    result = Result(table=out, report=report, linking_map=linking_map)
    for observer in tuple(OBSERVERS):
        observer(config, result)
    return result
