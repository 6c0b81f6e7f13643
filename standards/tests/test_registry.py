"""Tests of the standards registry: the shared JSON definitions load into layouts."""

from __future__ import annotations

import json

import pytest

from standards.registry import DATA_DIR, get_standard, load_standards


def test_every_shared_definition_file_is_loaded_under_its_slug():
    slugs = {p.stem for p in DATA_DIR.glob("*.json")}
    assert set(load_standards()) == slugs


def test_legacy_only_standard_keeps_its_fields_as_the_legacy_layout():
    doc = json.loads((DATA_DIR / "aed.json").read_text(encoding="utf-8"))
    std = get_standard("aed")
    assert [f.name for f in std.layouts["legacy"]] == [f["name"] for f in doc["fields"]]


def test_known_first_items_of_a_current_sheet_form_a_partial_layout():
    std = get_standard("aed")
    assert "current" in std.partial_layouts
    assert std.layouts["current"][0].name == "全国地方公共団体コード"


def test_current_standard_has_both_layouts_from_fields_and_legacy_fields():
    doc = json.loads((DATA_DIR / "public-toilets.json").read_text(encoding="utf-8"))
    std = get_standard("public-toilets")
    assert [f.name for f in std.layouts["current"]] == [f["name"] for f in doc["fields"]]
    assert [f.name for f in std.layouts["legacy"]] == [f["name"] for f in doc["legacyFields"]]


def test_required_flag_follows_the_required_constraint():
    std = get_standard("medical-institutions")
    required = {f.name for f in std.layouts["legacy"] if f.required}
    assert "医療機関の種類" in required
    assert "方書" not in required


def test_enum_and_pattern_constraints_are_kept():
    legacy = {f.name: f for f in get_standard("medical-institutions").layouts["legacy"]}
    assert legacy["医療機関の種類"].enum == ("病院", "有床診療所", "無床診療所")
    assert legacy["都道府県コード又は市区町村コード"].pattern == "^[0-9]{6}$"


@pytest.mark.parametrize("slug", ["school-lunch-menus", "procurement", "designated-shelters"])
def test_standard_without_field_list_loads_with_empty_layouts(slug):
    std = get_standard(slug)
    assert std is not None
    assert not std.has_fields


def test_observed_layout_fills_a_missing_current_layout_with_its_provenance():
    std = get_standard("medical-institutions")
    assert std.layout_sources["current"].startswith("observed:")
    assert "医療機関コード" in [f.name for f in std.layouts["current"]]


def test_observed_layout_replaces_a_partial_one_and_agrees_with_its_known_items():
    std = get_standard("tourist-facilities")
    assert "current" not in std.partial_layouts
    doc = json.loads((DATA_DIR / "tourist-facilities.json").read_text(encoding="utf-8"))
    known = [f["name"] for f in doc["currentFormat"]["knownFieldsInOrder"]]
    assert [f.name for f in std.layouts["current"]][: len(known)] == known


def test_observed_field_takes_its_type_from_the_same_named_standard_field():
    current = {f.name: f for f in get_standard("medical-institutions").layouts["current"]}
    assert current["病床数"].type == "integer"
    assert current["病床数"].classification == "unknown"


def test_every_layout_field_has_a_name_and_a_table_schema_type():
    types = {"string", "integer", "number", "date", "time", "datetime", "boolean"}
    for std in load_standards().values():
        for fields in std.layouts.values():
            for f in fields:
                assert f.name
                assert f.type in types, (std.name, f.name, f.type)
