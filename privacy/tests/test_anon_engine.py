"""The anonymisation engine on small generated tables: refusals, identifiers, hierarchies."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from privacy.anonymise import AnonymisationError, Config, anonymise
from privacy.anonymise.address import parse_address
from privacy.anonymise.hierarchies import encode


def _residents(n: int) -> list[dict]:
    """Deterministic resident-like rows: name, resident number, age, postal code, illness."""
    return [
        {"氏名": f"住民{i}", "住民番号": f"R{i:06d}", "年齢": str(20 + i % 60 + (85 if i == 3 else 0)),
         "郵便番号": f"444-{i % 7:04d}", "病名": ["A", "B", "C"][i % 3]}
        for i in range(n)
    ]


def _config(**extra) -> Config:
    """The issue's config shape for the resident rows."""
    return Config.from_json({
        "columns": {"氏名": "identifier", "住民番号": "linking",
                    "年齢": {"role": "quasi", "hierarchy": "age"},
                    "郵便番号": {"role": "quasi", "hierarchy": "postal_code"}, "病名": "sensitive"},
        "model": {"k": 5, "l": 2}, **extra,
    })


def test_refuses_fewer_subjects_than_the_minimum():
    """Below min_subjects the engine refuses with a bilingual error."""
    with pytest.raises(AnonymisationError) as caught:
        anonymise(_residents(50), _config())
    assert caught.value.code == "too-few-subjects" and "最低人数" in caught.value.message_ja


def test_identifier_is_deleted_and_linking_codes_stay_out_of_table_and_report():
    """氏名 is gone; 住民番号 becomes tokens whose originals appear only in linking_map."""
    result = anonymise(_residents(1200), _config())
    dumped = json.dumps(result.report, ensure_ascii=False)
    assert "氏名" not in result.table.column_names
    assert "R000001" not in set(result.table["住民番号"].to_pylist()) and "R000001" not in dumped
    token = result.linking_map["住民番号"]["R000001"]
    assert token in set(result.table["住民番号"].to_pylist())


def test_report_claims_k_and_l_that_the_output_has():
    """Grouping the output by the quasi-identifiers gives the report's k and l."""
    result = anonymise(_residents(1200), _config())
    groups: dict[tuple, list[str]] = {}
    for row in result.table.to_pylist():
        groups.setdefault((row["年齢"], row["郵便番号"]), []).append(row["病名"])
    assert min(len(v) for v in groups.values()) == result.report["k"] >= 5
    assert min(len(set(v)) for v in groups.values()) == result.report["l"] >= 2


def test_age_over_100_is_flagged_as_rare_and_top_coded():
    """特異な記述: an age of 105 is reported and never appears as itself."""
    result = anonymise(_residents(1200), _config(min_subjects=1000))
    assert result.report["rare"] == [{"column": "年齢", "rows": 1}]
    assert "105" not in set(result.table["年齢"].to_pylist())


def test_age_hierarchy_levels():
    """Age 34 becomes 30〜34歳, 30〜39歳, then * at the top."""
    enc = encode(pa.array(["34"]), name="年齢", spec="age")
    assert [enc.labels[lv][0] for lv in range(enc.height)] == ["34", "30〜34歳", "30〜39歳",
                                                               "30〜39歳", "*"]


def test_date_hierarchy_uses_wareki_fiscal_years():
    """2020-03-31 belongs to 令和元年度 (April 2019 – March 2020)."""
    enc = encode(pa.array(["2020-03-31"]), name="日付", spec="date")
    assert enc.labels[1][0] == "令和2年3月" and enc.labels[2][0] == "令和元年度"


def test_address_parsing_finds_municipality_after_a_gun():
    """北海道虻田郡洞爺湖町 is split into 北海道 and 洞爺湖町."""
    parsed = parse_address("北海道虻田郡洞爺湖町洞爺町")
    assert (parsed.prefecture, parsed.municipality) == ("北海道", "洞爺湖町")


def test_unknown_hierarchy_is_refused():
    """A hierarchy name the engine does not know is a clear error."""
    with pytest.raises(AnonymisationError):
        encode(pa.array(["x"]), name="c", spec="nonsense")


def test_date_year_hierarchy_names_a_year_of_era_change_in_both_eras():
    """2019-04-30 and 令和元年5月1日 share the year 2019, labelled with 平成31年 and 令和元年."""
    enc = encode(pa.array(["2019-04-30", "令和元年5月1日"]), name="日付", spec="date_year")
    assert enc.labels[1] == ["平成31年4月", "令和元年5月"]
    assert enc.labels[2] == ["2019年（平成31年・令和元年）"]


def test_special_descriptions_follow_rare_values_to_their_handling():
    """The rare age (105) is counted, not named, and generalised or suppressed in the output."""
    result = anonymise(_residents(1200), _config())
    special = result.report["special_descriptions"]
    age = next(c for c in special["columns"] if c["column"] == "年齢")
    assert (age["rare_values"], age["rare_rows"], age["top_coded_rows"]) == (1, 1, 1)
    assert age["suppressed_rows"] + age["generalised_rows"] == 1
    assert special["unique_combinations_before"] >= 1
    assert special["unique_combinations_after"] == 0
    assert "105" not in json.dumps(special)
