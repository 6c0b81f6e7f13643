"""Tests of bench/tabular's warm view: its pure helpers, and its child on a tiny bad-cell file.

No timing is asserted: only the call order, the medians and ratios computed from given
samples, and that the warm child's frictionless API call finds what the CLI finds.
"""

import sys
from pathlib import Path

import pytest

from bench.tabular import generate, measure
from bench.tabular.summary import warm_rates
from bench.tabular.warm_child import KANMIN, PEER, Sample, interleave, sample_stats

ROWS = 300


@pytest.fixture(scope="module")
def bad_file(tmp_path_factory) -> generate.GeneratedFiles:
    """Generate ROWS rows once (with the bad-cell copy and its schema)."""
    cache = tmp_path_factory.mktemp("cache")
    return generate.ensure_files(ROWS, cache_dir=cache, seed=11, log=lambda _msg: None)


@pytest.fixture(scope="module")
def warm_report(bad_file, tmp_path_factory) -> dict:
    """Run the warm child once on the bad-cell copy, two timed calls per tool."""
    tmp = tmp_path_factory.mktemp("warm")
    return measure.warm_pair(bad_file.bad, schema=bad_file.schema, encoding=None,
                             out_root=tmp / "out", log_dir=tmp / "logs", name="warm",
                             timeout=300, runs=2, peer_runs=2)


def test_interleave_alternates_tools_until_each_has_its_count():
    assert interleave(kanmin_runs=3, peer_runs=1) == [KANMIN, PEER, KANMIN, KANMIN]


def test_interleave_without_peer_runs_only_kanmin():
    assert interleave(kanmin_runs=2, peer_runs=0) == [KANMIN, KANMIN]


def test_sample_stats_gives_the_median_of_wall_and_cpu_separately():
    samples = [Sample(wall=w, cpu=c, child_cpu=0.0) for w, c in ((3.0, 1.0), (1.0, 5.0),
                                                                  (2.0, 3.0))]
    stats = sample_stats(samples)
    assert (stats["runs"], stats["wall_median"], stats["cpu_median"]) == (3, 2.0, 3.0)


def test_sample_stats_of_no_samples_has_no_median():
    assert sample_stats([])["wall_median"] is None


def test_warm_rates_divides_rows_by_medians_and_compares_them():
    rates = warm_rates(rows=1000, kanmin={"wall_median": 0.5, "cpu_median": 0.25},
                       peer={"wall_median": 10.0, "cpu_median": 5.0})
    assert (rates["kanmin"], rates["frictionless"], rates["ratio"], rates["cpu_ratio"]) == (
        2000.0, 100.0, 20.0, 20.0)


def test_warm_rates_without_peer_has_no_ratio():
    rates = warm_rates(rows=1000, kanmin={"wall_median": 0.5, "cpu_median": 0.25}, peer=None)
    assert rates["ratio"] is None and rates["cpu_ratio"] is None


def test_warm_child_counts_the_generated_type_errors_in_both_tools(bad_file, warm_report):
    expected = bad_file.expected_bad_cells()
    assert expected > 0
    assert (warm_report[KANMIN]["type_errors"], warm_report[PEER]["type_errors"]) == (
        expected, expected)


def test_warm_child_times_every_requested_call(warm_report):
    assert warm_report["order"] == [KANMIN, PEER, KANMIN, PEER]
    assert len(warm_report[KANMIN]["wall_samples"]) == len(warm_report[PEER]["cpu_samples"]) == 2


def test_warm_child_calls_agree_with_each_other(warm_report):
    assert warm_report[KANMIN]["consistent"] and warm_report[PEER]["consistent"]


def test_warm_frictionless_api_finds_what_the_cli_finds(bad_file, warm_report, tmp_path):
    if not (Path(sys.executable).parent / "frictionless").exists():
        pytest.skip("frictionless CLI not installed next to this Python (.venv/bin)")
    cli = measure.frictionless_validate(bad_file.bad, schema=bad_file.schema, encoding=None,
                                        log_dir=tmp_path, name="cli", timeout=300)
    assert (warm_report[PEER]["counts"], warm_report[PEER]["rows"]) == (cli["counts"],
                                                                        cli["rows"])
