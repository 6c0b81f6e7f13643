"""`manage.py anonymize`: the issue's command line on UCI Adult and on generated tables."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest
from django.core.management import CommandError, call_command

from privacy.tests.anon_support import ARX, pycanon_check

ADULT_QI = ["age", "education", "race", "sex"]
TOWNS = ["本町1丁目", "本町2丁目", "栄町1丁目", "栄町2丁目"]


def _residents_csv(path: Path, n: int, *, encoding: str = "cp932") -> Path:
    """A resident-like CSV: name, resident number, age, postal code, 町丁目, illness, a note."""
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["氏名", "住民番号", "年齢", "郵便番号", "町丁目", "病名", "備考"])
        for i in range(n):
            writer.writerow([f"住民{i}", f"R{i:06d}", 20 + i % 60 + (85 if i == 3 else 0),
                             f"444-{i % 7:04d}", TOWNS[i % 4], ["A", "B", "C"][i % 3],
                             "=1+1" if i % 50 == 0 else "なし"])
    return path


def _town_hierarchy(path: Path) -> None:
    """An ARX-format hierarchy: 町丁目 → 町 → *."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{t};{t[:2]};*\n" for t in TOWNS), encoding="utf-8")


def _resident_config(tmp_path: Path, **extra) -> Path:
    """The issue's config shape, with the 町丁目 hierarchy relative to the config file."""
    _town_hierarchy(tmp_path / "hierarchies" / "town.csv")
    config = {
        "columns": {"氏名": "identifier", "住民番号": "linking",
                    "年齢": {"role": "quasi", "hierarchy": "age"},
                    "郵便番号": {"role": "quasi", "hierarchy": "postal_code"},
                    "町丁目": {"role": "quasi", "hierarchy": "csv:hierarchies/town.csv"},
                    "病名": "sensitive"},
        "model": {"k": 5, "l": 2, "max_suppression": 0.05}, "min_subjects": 1000, **extra,
    }
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    return path


def _read_output(path: Path) -> pa.Table:
    """The anonymised CSV back as a table of text."""
    with path.open(encoding="utf-8", newline="") as f:
        return pa.Table.from_pylist(list(csv.DictReader(f)))


def _run(tmp_path: Path, source: Path, config: Path, *extra: str) -> tuple[pa.Table, dict]:
    """Run the command; return the output table and the report."""
    out, report = tmp_path / "anonymised.csv", tmp_path / "report.json"
    call_command("anonymize", "--input", str(source), "--config", str(config),
                 "--output", str(out), "--report", str(report), *extra)
    return _read_output(out), json.loads(report.read_text(encoding="utf-8"))


@pytest.fixture
def residents(tmp_path) -> tuple[Path, Path]:
    """A 1,200-row CP932 resident CSV and its config."""
    return _residents_csv(tmp_path / "residents.csv", 1200), _resident_config(tmp_path)


def test_adult_with_arx_hierarchies_is_confirmed_by_pycanon(tmp_path):
    """UCI Adult, hierarchies relative to the config: pycanon finds the report's k and l."""
    if not (ARX / "adult.csv").is_file():
        pytest.skip(f"corpus absent: {ARX / 'adult.csv'} (needs ../shared beside the repo)")
    (tmp_path / "arx").mkdir()
    for q in ADULT_QI:
        shutil.copy(ARX / f"adult_hierarchy_{q}.csv", tmp_path / "arx")
    columns = {q: {"role": "quasi", "hierarchy": f"csv:arx/adult_hierarchy_{q}.csv"}
               for q in ADULT_QI}
    columns["salary-class"] = "sensitive"
    config = tmp_path / "adult.json"
    config.write_text(json.dumps({"columns": columns,
                                  "model": {"k": 5, "l": 2, "max_suppression": 0.02}}))
    table, report = _run(tmp_path, ARX / "adult.csv", config)
    found = pycanon_check(table, qi=ADULT_QI, sa=["salary-class"], tmp_path=tmp_path)
    assert (found["k"], found["l"]) == (report["k"], report["l"])
    assert report["k"] >= 5 and report["l"] >= 2
    assert table.num_rows == report["rows_out"] == report["rows_in"] - report["suppressed_rows"]


def test_generated_table_output_is_confirmed_by_pycanon(tmp_path, residents):
    """The generated residents: pycanon finds the k and l the report claims."""
    table, report = _run(tmp_path, *residents)
    found = pycanon_check(table, qi=["年齢", "郵便番号", "町丁目"], sa=["病名"], tmp_path=tmp_path)
    assert (found["k"], found["l"]) == (report["k"], report["l"])


def test_report_names_the_level_of_every_quasi_identifier(tmp_path, residents):
    """The report holds k, l, suppressed_rows and one level per quasi-identifier."""
    _table, report = _run(tmp_path, *residents)
    assert set(report["levels"]) == {"年齢", "郵便番号", "町丁目"}
    assert isinstance(report["suppressed_rows"], int) and "l" in report


def test_identifiers_are_deleted_and_linking_codes_replaced(tmp_path, residents):
    """氏名 is gone from the CSV and no original resident number is left in it."""
    table, _report = _run(tmp_path, *residents)
    assert "氏名" not in table.column_names
    assert not any(v.startswith("R0") for v in table["住民番号"].to_pylist())


def test_formulas_in_kept_columns_are_neutralised(tmp_path, residents):
    """A cell "=1+1" is written with the quote prefix, as the datastore's CSV does."""
    table, _report = _run(tmp_path, *residents)
    notes = set(table["備考"].to_pylist())
    assert "'=1+1" in notes and "=1+1" not in notes


def test_linking_map_is_written_only_when_asked_and_can_be_reused(tmp_path, residents):
    """A second run reusing the first run's map gives the same token to the same code."""
    first_map = tmp_path / "map1.json"
    _run(tmp_path, *residents, "--linking-map", str(first_map))
    first = json.loads(first_map.read_text(encoding="utf-8"))["住民番号"]
    table, _report = _run(tmp_path, *residents, "--reuse-linking-map", str(first_map),
                          "--linking-map", str(tmp_path / "map2.json"))
    second = json.loads((tmp_path / "map2.json").read_text(encoding="utf-8"))["住民番号"]
    assert second == first
    assert set(table["住民番号"].to_pylist()) <= set(first.values())


def test_too_few_data_subjects_is_refused_in_both_languages(tmp_path):
    """Below min_subjects (default 1,000) nothing is written and the error is bilingual."""
    source = _residents_csv(tmp_path / "small.csv", 200)
    config = _resident_config(tmp_path)
    with pytest.raises(CommandError, match=r"最低人数.*fewer than the minimum"):
        _run(tmp_path, source, config)
    assert not (tmp_path / "anonymised.csv").exists()


def test_unknown_column_is_refused_in_both_languages(tmp_path):
    """A config naming a column the table lacks is refused before any work."""
    source = _residents_csv(tmp_path / "r.csv", 1200)
    config = _resident_config(tmp_path, columns={"生年月日": {"role": "quasi",
                                                              "hierarchy": "date"}})
    with pytest.raises(CommandError, match=r"表にない列.*生年月日.*not in the table"):
        _run(tmp_path, source, config)


def test_invalid_role_is_refused_as_a_bad_config(tmp_path):
    """A role the engine does not know is a config error in both languages."""
    source = _residents_csv(tmp_path / "r.csv", 1200)
    config = _resident_config(tmp_path, columns={"年齢": "secret"})
    with pytest.raises(CommandError, match=r"role.*role must be one of"):
        _run(tmp_path, source, config)


def test_config_that_is_not_json_is_refused(tmp_path):
    """A broken JSON file names the line in both languages."""
    source = _residents_csv(tmp_path / "r.csv", 1200)
    config = tmp_path / "broken.json"
    config.write_text('{"columns": {\n  "年齢": }', encoding="utf-8")
    with pytest.raises(CommandError, match=r"JSONとして正しくありません.*not valid JSON"):
        _run(tmp_path, source, config)


def test_missing_hierarchy_file_is_refused(tmp_path):
    """A csv: hierarchy path that does not exist (relative to the config) is reported."""
    source = _residents_csv(tmp_path / "r.csv", 1200)
    config = _resident_config(tmp_path, columns={
        "年齢": {"role": "quasi", "hierarchy": "csv:nowhere/age.csv"}})
    with pytest.raises(CommandError,
                       match=r"階層ファイルが見つかりません.*hierarchy file not found"):
        _run(tmp_path, source, config)


def test_unreadable_input_is_refused(tmp_path, residents):
    """A binary file that is no table format gives the reader's reason in both languages."""
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(CommandError, match=r"入力ファイルを読めません.*cannot read the input"):
        _run(tmp_path, garbage, residents[1])


def test_missing_input_is_refused(tmp_path, residents):
    """An input path that does not exist is a clear error."""
    with pytest.raises(CommandError, match="入力ファイルを読めません"):
        _run(tmp_path, tmp_path / "nothing.csv", residents[1])


def test_refusal_exits_with_a_non_zero_status(tmp_path):
    """From the shell, a refused run ends with a non-zero exit status and the message."""
    source = _residents_csv(tmp_path / "small.csv", 10)
    config = _resident_config(tmp_path)
    manage = Path(__file__).resolve().parents[2] / "manage.py"
    done = subprocess.run(
        [sys.executable, str(manage), "anonymize", "--input", str(source), "--config",
         str(config), "--output", str(tmp_path / "o.csv"), "--report", str(tmp_path / "r.json")],
        capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "KANMIN_DEBUG": "1", "KANMIN_TESTING": "1",
             "KANMIN_DATA_DIR": str(tmp_path / "var")},
    )
    assert done.returncode != 0
    assert "最低人数" in done.stderr and "fewer than the minimum" in done.stderr
