"""Acceptance: UCI Adult with ARX's hierarchies, optimal node and an independent k/l check."""

from __future__ import annotations

import pytest

from privacy.anonymise import Config, anonymise
from privacy.anonymise.hierarchies import encode
from privacy.anonymise.lattice import Problem, exhaustive, rank
from privacy.tests.anon_support import ARX, adult_rows, pycanon_check

QUASI = ["age", "education", "marital-status", "native-country", "occupation", "race", "sex",
         "workclass"]


def _config(model: dict, metric: str = "loss", quasi: list[str] = QUASI) -> Config:
    """Adult config: attributes with an ARX hierarchy are quasi-identifiers."""
    columns = {q: {"role": "quasi", "hierarchy": f"csv:adult_hierarchy_{q}.csv"} for q in quasi}
    columns["salary-class"] = "sensitive"
    return Config.from_json({"columns": columns, "model": model, "metric": metric},
                            base_dir=ARX)


@pytest.fixture(scope="module")
def rows():
    """The Adult rows, read once for the module."""
    return adult_rows()


@pytest.fixture(scope="module")
def lattice(rows):
    """Every node of Adult's lattice evaluated for k=5 without suppression (done once)."""
    import pyarrow as pa

    config = _config({"k": 5})
    table = pa.Table.from_pylist(rows)
    quasi = [encode(table[q], name=q, spec=config.columns[q].hierarchy, base_dir=ARX)
             for q in QUASI]
    problem = Problem(quasi=quasi, sensitive=[], model=config.model, metric="loss",
                      total=table.num_rows)
    return {n: u for n, (ev, u) in exhaustive(problem).items() if ev.passes}


@pytest.mark.parametrize("metric", ["loss", "discernibility"])
def test_adult_k5_choice_is_optimal_over_the_whole_lattice(rows, lattice, metric):
    """The search's node has the lowest metric of every node that is 5-anonymous."""
    result = anonymise(rows, _config({"k": 5}, metric))
    best = min(lattice, key=lambda n: rank(lattice[n], n, metric))
    chosen = tuple(result.report["levels"][q] for q in QUASI)
    assert rank(lattice[chosen], chosen, metric) == rank(lattice[best], best, metric)


def test_adult_k5_is_confirmed_by_pycanon(rows, tmp_path):
    """pycanon, run in its own venv, finds at least the k the report claims (and no more)."""
    result = anonymise(rows, _config({"k": 5}))
    found = pycanon_check(result.table, qi=QUASI, sa=["salary-class"], tmp_path=tmp_path)
    assert found["k"] == result.report["k"] >= 5


def test_adult_k5_l2_with_suppression_is_confirmed_by_pycanon(rows, tmp_path):
    """With 2% suppression and distinct 2-diversity, pycanon confirms the claimed k and l."""
    quasi = ["age", "education", "marital-status", "sex"]
    result = anonymise(rows, _config({"k": 5, "l": 2, "max_suppression": 0.02}, "loss", quasi))
    found = pycanon_check(result.table, qi=quasi, sa=["salary-class"], tmp_path=tmp_path)
    assert (found["k"], found["l"]) == (result.report["k"], result.report["l"])
    assert result.report["suppressed_rows"] <= 0.02 * len(rows)


def test_adult_k5_t_closeness_is_confirmed_by_pycanon(rows, tmp_path):
    """With t=0.15 and no suppression, pycanon's t (equal-distance EMD) is the report's t."""
    quasi = ["age", "education", "marital-status", "sex"]
    result = anonymise(rows, _config({"k": 5, "t": 0.15}, "loss", quasi))
    found = pycanon_check(result.table, qi=quasi, sa=["salary-class"], tmp_path=tmp_path, t=True)
    assert found["t"] == pytest.approx(result.report["t"], abs=1e-9)
    assert result.report["t"] <= 0.15 and found["k"] == result.report["k"] >= 5
