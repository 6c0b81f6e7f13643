"""The lattice search against an exhaustive evaluation, with suppression and every metric."""

from __future__ import annotations

import random

import pyarrow as pa
import pytest

from privacy.anonymise import Config
from privacy.anonymise.engine import anonymise
from privacy.anonymise.hierarchies import encode
from privacy.anonymise.lattice import Problem, exhaustive, rank, search

SEX = [["男", "*"], ["女", "*"]]


def _rows(n: int, seed: int = 7) -> pa.Table:
    """Seeded resident-like rows: skewed ages, clustered postal codes, sex and an illness."""
    rng = random.Random(seed)
    codes = [f"444-{c:04d}" for c in range(12)] + [f"445-{c:04d}" for c in range(6)]
    return pa.table({
        "年齢": [str(min(int(rng.expovariate(1 / 35)), 104)) for _ in range(n)],
        "郵便番号": [rng.choice(codes) for _ in range(n)],
        "性別": [rng.choice("男女") for _ in range(n)],
        "病名": [rng.choice(["A", "A", "B", "C"]) for _ in range(n)],
    })


def _problem(table: pa.Table, model: dict, metric: str) -> Problem:
    """The encoded search problem of the rows for a model and a metric."""
    config = Config.from_json({
        "columns": {"年齢": {"role": "quasi", "hierarchy": "age"},
                    "郵便番号": {"role": "quasi", "hierarchy": "postal_code"},
                    "性別": {"role": "quasi", "hierarchy": SEX}, "病名": "sensitive"},
        "model": model, "metric": metric, "min_subjects": 0,
    })
    quasi = [encode(table[c.name], name=c.name, spec=c.hierarchy)
             for c in config.columns.values() if c.role == "quasi"]
    sens = [pa.compute.dictionary_encode(table["病名"]).combine_chunks().indices]
    return Problem(quasi=quasi, sensitive=sens, model=config.model, metric=metric,
                   total=table.num_rows)


@pytest.fixture(scope="module")
def table() -> pa.Table:
    """Two thousand seeded rows, made once."""
    return _rows(2000)


@pytest.mark.parametrize(
    ("model", "metric"),
    [
        ({"k": 5, "max_suppression": 0.05}, "loss"),
        ({"k": 10, "max_suppression": 0.02}, "loss"),
        ({"k": 5}, "loss"),
        ({"k": 5, "l": 2, "l_kind": "entropy", "max_suppression": 0.05}, "loss"),
        ({"k": 5, "t": 0.2, "max_suppression": 0.05}, "loss"),
        ({"k": 5, "max_suppression": 0.05}, "discernibility"),
        ({"k": 5, "max_suppression": 0.05}, "suppressed"),
    ],
)
def test_search_finds_the_best_node_of_the_exhaustive_lattice(table, model, metric):
    """Whatever the model and metric, no passing node ranks better than the one found."""
    problem = _problem(table, model, metric)
    every = {n: u for n, (ev, u) in exhaustive(problem).items() if ev.passes}
    found = search(problem)
    assert found.node is not None and every
    best = min(every, key=lambda n: rank(every[n], n, metric))
    assert rank(every[found.node], found.node, metric) == rank(every[best], best, metric)


def test_suppressed_rows_are_exactly_the_small_classes(table):
    """With suppression, the output keeps every row of classes of at least k, in input order."""
    config = Config.from_json({
        "columns": {"年齢": {"role": "quasi", "hierarchy": "age"},
                    "郵便番号": {"role": "quasi", "hierarchy": "postal_code"}},
        "model": {"k": 5, "max_suppression": 0.05}, "min_subjects": 0,
    })
    numbered = table.append_column("行", pa.array(range(table.num_rows), pa.int64()))
    result = anonymise(numbered, config)
    out = result.table
    assert result.report["suppressed_rows"] > 0
    assert out.num_rows == table.num_rows - result.report["suppressed_rows"]
    groups: dict[tuple, int] = {}
    for row in out.select(["年齢", "郵便番号"]).to_pylist():
        key = (row["年齢"], row["郵便番号"])
        groups[key] = groups.get(key, 0) + 1
    assert min(groups.values()) >= 5
    order = out["行"].to_pylist()
    assert order == sorted(order)


def test_domains_too_large_for_one_int64_key_still_anonymise():
    """Six columns of 2,000 distinct values (2000⁶ > 2⁶²) fall back to the general search."""
    n = 2000
    columns = {f"c{j}": [f"v{(i + 37 * j) % n}" for i in range(n)] for j in range(6)}
    spec = {f"c{j}": {"role": "quasi", "hierarchy": [[f"v{i}", "*"] for i in range(n)]}
            for j in range(6)}
    config = Config.from_json({"columns": spec, "model": {"k": 2}, "min_subjects": 0})
    problem = _problem_of(pa.table(columns), config)
    assert not problem.keyed.usable
    result = anonymise(pa.table(columns), config)
    assert result.report["k"] >= 2 and result.table.num_rows == n


def _problem_of(table: pa.Table, config: Config) -> Problem:
    """The search problem of a table under a config without sensitive attributes."""
    quasi = [encode(table[c.name], name=c.name, spec=c.hierarchy)
             for c in config.columns.values() if c.role == "quasi"]
    return Problem(quasi=quasi, sensitive=[], model=config.model, metric=config.metric,
                   total=table.num_rows)
