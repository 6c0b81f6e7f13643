"""The session's pycanon check itself: it records outputs, and it fails on a wrong claim."""

from __future__ import annotations

import pyarrow as pa
import pytest

from privacy.anonymise import AnonymisationError, Config, anonymise
from privacy.anonymise.engine import Result
from privacy.tests.anon_support import PEERS, PEERS_ABSENT, Claim, claim_of, confirm, unconfirmed

TOWN = [[f"町{i}", "*"] for i in range(5)]


def _config(**extra) -> Config:
    """A town quasi-identifier and an illness; no minimum number of subjects unless given."""
    return Config.from_json({"columns": {"町": {"role": "quasi", "hierarchy": TOWN},
                                         "病名": "sensitive"},
                             "model": {"k": 2}, "min_subjects": 0, **extra})


def _pairs() -> pa.Table:
    """Ten rows in five classes of two (measured k is 2), two illnesses in each class."""
    return pa.table({"町": [f"町{i // 2}" for i in range(10)],
                     "病名": ["A", "B"] * 5})


def _claim(tmp_path, **claimed) -> Claim:
    """A claim about the five-pairs table, written to a CSV."""
    path = tmp_path / f"pairs-{len(list(tmp_path.iterdir()))}.csv"
    pa.csv.write_csv(_pairs(), path)
    return Claim(source=claimed.pop("source", "test_here"), csv=str(path), qi=("町",),
                 sa=("病名",), **claimed)


def test_a_k_above_the_measured_one_is_not_confirmed():
    """A claim of k=50 against a measured k of 2 gives one line naming both figures."""
    claim = Claim(source="t", csv="x.csv", qi=("町",), sa=(), k=50)
    assert unconfirmed(claim, {"k": 2}) == ["claimed k=50 but pycanon measures k=2"]


def test_an_entropy_l_on_an_integer_meets_pycanons_floor():
    """exp(ln 2) claimed as 2.0 is confirmed by pycanon's floored 1.999… (reported as 1)."""
    claim = Claim(source="t", csv="x.csv", qi=("町",), sa=("病名",), k=2, l=2.0,
                  l_kind="entropy")
    assert unconfirmed(claim, {"k": 2, "l": 1}) == []


def test_a_t_below_the_measured_one_is_not_confirmed():
    """A claimed t smaller than pycanon's distance is reported."""
    claim = Claim(source="t", csv="x.csv", qi=("町",), sa=("病名",), k=2, t=0.1)
    assert unconfirmed(claim, {"k": 2, "t": 0.3}) == [
        "claimed t=0.1 but pycanon measures t=0.3"]


def test_an_empty_output_records_nothing(tmp_path):
    """Everything suppressed: no CSV is written and no claim made."""
    empty = Result(table=_pairs().slice(0, 0), report={"k": 0})
    assert claim_of(config=_config(), result=empty, path=tmp_path / "e.csv", source="t") is None
    assert not (tmp_path / "e.csv").exists()


def test_every_engine_output_is_recorded_with_its_test(pycanon_collector):
    """A successful run adds one claim that names the test that produced it."""
    if pycanon_collector is None:
        pytest.skip(PEERS_ABSENT)
    before = len(pycanon_collector.claims)
    anonymise(_pairs(), _config())
    assert len(pycanon_collector.claims) == before + 1
    assert "test_every_engine_output_is_recorded" in pycanon_collector.claims[-1].source


def test_a_refused_configuration_records_nothing(pycanon_collector):
    """A run refused for too few subjects leaves the collector as it was."""
    if pycanon_collector is None:
        pytest.skip(PEERS_ABSENT)
    before = len(pycanon_collector.claims)
    with pytest.raises(AnonymisationError):
        anonymise(_pairs(), _config(min_subjects=1000))
    assert len(pycanon_collector.claims) == before


def test_the_batch_reports_exactly_the_wrong_claim(tmp_path):
    """In one pycanon run, k=50 on a k=2 table is reported with its test; true claims are not."""
    if not PEERS.is_file():
        pytest.skip(PEERS_ABSENT)
    claims = [_claim(tmp_path, k=2, l=2.0, source="test_right"),
              _claim(tmp_path, k=50, source="test_wrong"),
              _claim(tmp_path, k=2, t=0.0, source="test_right_t")]
    lines = confirm(claims)
    assert len(lines) == 1
    assert lines[0].startswith("test_wrong: claimed k=50 but pycanon measures k=2")
