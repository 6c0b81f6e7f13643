"""The plan importer: a valid file loads fully; each kind of error names its path."""

from io import StringIO

import pytest
import yaml
from django.core.management import CommandError, call_command

from core.models import Organisation
from plan import importer
from plan.engine.schema import PlanFormatInvalid
from plan.models import KPI, Measure, Plan
from plan.tests.conftest import DATA, as_actor

pytestmark = pytest.mark.django_db


def _base() -> dict:
    return yaml.safe_load((DATA / "small.yaml").read_text(encoding="utf-8"))


def _errors(data) -> list[str]:
    with pytest.raises(PlanFormatInvalid) as info:
        importer.read_document(yaml.safe_dump(data, allow_unicode=True))
    return [e.path for e in info.value.errors]


def test_valid_file_loads_every_measure_kpi_and_milestone_in_order(plan):
    titles = list(plan.measures.order_by("order").values_list("title", flat=True))
    assert titles == ["行政手続のオンライン化", "各種保有情報等に係るオープンデータ化の促進",
                      "窓口業務に関するBPRの推進", "官民データ活用施策の推進に向けた職員の研修・育成"]
    assert KPI.objects.filter(measure__plan=plan).count() == 3
    assert plan.measures.get(order=1).milestones.count() == 2


def test_loading_creates_missing_departments_and_a_revision(plan):
    assert set(plan.organisation.departments.values_list("name", flat=True)) >= {"総務課", "企画課"}
    assert plan.revisions.count() == 1


def test_unknown_key_is_an_error_at_its_path():
    data = _base()
    data["measures"][0]["kpis"][0]["unti"] = "件"
    assert "measures[0].kpis[0].unti" in _errors(data)


def test_missing_required_key_is_an_error():
    data = _base()
    del data["title"]
    assert "title" in _errors(data)


def test_wrong_type_is_an_error():
    data = _base()
    data["measures"][0]["kpis"][0]["unit"] = 3
    assert "measures[0].kpis[0].unit" in _errors(data)


def test_bad_choice_is_an_error():
    data = _base()
    data["measures"][1]["pillar"] = "open_data"
    assert "measures[1].pillar" in _errors(data)


def test_number_written_as_text_is_an_error():
    data = _base()
    data["measures"][0]["kpis"][0]["targets"] = {2024: "20"}
    assert "measures[0].kpis[0].targets.2024" in _errors(data)


def test_unregistered_metric_is_an_error():
    data = _base()
    data["measures"][1]["kpis"][0]["source"] = "metric:catalog.nonexistent"
    assert "measures[1].kpis[0].source" in _errors(data)


def test_invalid_lgcode_is_an_error():
    data = _base()
    data["municipality"]["lgcode"] = "063674"
    assert "municipality.lgcode" in _errors(data)


def test_a_listed_code_of_another_municipality_is_an_error():
    data = _base()
    data["municipality"]["lgcode"] = "063673"  # 戸沢村, while the file says 三川町
    with pytest.raises(PlanFormatInvalid) as info:
        importer.read_document(yaml.safe_dump(data, allow_unicode=True))
    (error,) = [e for e in info.value.errors if e.path == "municipality.name"]
    assert "戸沢村" in error.message_ja and "063673" in error.message_en


def test_invalid_date_and_reversed_period_are_errors():
    data = _base()
    data["adopted"] = "2020-13-01"
    data["period"] = {"from_fy": 2024, "to_fy": 2020}
    assert {"adopted", "period.to_fy"} <= set(_errors(data))


def test_wrong_format_version_is_an_error():
    data = _base()
    data["format"] = "kanmin-plan/2"
    assert "format" in _errors(data)


def test_yaml_syntax_error_is_reported():
    with pytest.raises(PlanFormatInvalid) as info:
        importer.read_document("title: [unclosed")
    assert info.value.errors[0].path == "(file)"


def test_error_messages_are_in_japanese_and_english():
    data = _base()
    data["measures"][0]["bogus"] = 1
    with pytest.raises(PlanFormatInvalid) as info:
        importer.read_document(yaml.safe_dump(data, allow_unicode=True))
    assert "不明なキー" in str(info.value) and "unknown key" in str(info.value)


def test_json_with_the_same_structure_is_accepted():
    import json

    doc = importer.read_document(json.dumps(_base(), default=str, ensure_ascii=False))
    assert len(doc.measures) == 4 and doc.measures[0].kpis[0].targets == {2022: 10, 2024: 20}


def test_load_plan_command_creates_the_organisation_by_lgcode_and_prints_the_id():
    out = StringIO()
    call_command("load_plan", str(DATA / "small.yaml"), stdout=out, stderr=StringIO())
    plan = Plan.objects.get(pk=int(out.getvalue().strip()))
    assert plan.organisation.lgcode == "064262"
    assert Organisation.objects.filter(lgcode="064262").count() == 1
    assert Measure.objects.filter(plan=plan).count() == 4


def test_load_plan_twice_keeps_one_plan():
    first, second = StringIO(), StringIO()
    call_command("load_plan", str(DATA / "small.yaml"), stdout=first, stderr=StringIO())
    call_command("load_plan", str(DATA / "small.yaml"), stdout=second, stderr=StringIO())
    assert first.getvalue() == second.getvalue() and Plan.objects.count() == 1


def test_load_plan_command_reports_file_errors_with_paths(tmp_path):
    bad = tmp_path / "bad.yaml"
    data = _base()
    data["measures"][2]["kpis"][0]["direction"] = "up"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError, match=r"measures\[2\]\.kpis\[0\]\.direction"):
        call_command("load_plan", str(bad), stdout=StringIO(), stderr=StringIO())


def test_load_plan_into_a_named_organisation(org):
    out = StringIO()
    call_command("load_plan", str(DATA / "small.yaml"), "--organisation", org.slug, stdout=out,
                 stderr=StringIO())
    assert Plan.objects.get(pk=int(out.getvalue())).organisation == org


def test_only_planning_staff_may_create_a_plan(org, editor, small_doc):
    from core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        importer.load(actor=as_actor(editor), doc=small_doc, organisation=org)
