"""The four example plans shipped in plan/examples/ against the seed texts they transcribe.

Counts were made by hand in the seed text (../shared/seeds/), not read back from the YAML:
- measures: Kashihara, the ①②③ headings under section 6 (3+2+1+1+3); Mikawa, the ◆ headings in
  section 6 (4+3+3+4+8+2); Kisosaki, the (1)(2)… headings under section 6 (3+2+2+8+2+2);
  Miyakonojo, the "NO n 施策" rows of section 7 (3+4+5+7+9+5).
- KPIs: the lines under each <KPI> heading (Kashihara, Mikawa, Kisosaki), and the ・ items of
  each 「個別の施策で設定するKPIの例」 cell (Miyakonojo).
- milestones: one per fiscal year named under each <スケジュール> heading (statements of the
  same year form one milestone); statements with no year (随時, 順次, 5年以内) are not
  milestones. Miyakonojo states no schedule at all.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
import yaml

from plan.engine.schema import MEASURE_KEYS, PILLARS, SECTIONS, TOP_KEYS, validate

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SHARED = Path(__file__).resolve().parents[3] / "shared"

EXPECTED = {
    "kashihara": {
        "seed": "000_4ed9acd64c1686b6.txt", "lgcode": "292052", "name": "橿原市",
        "period": (2018, 2025), "measures": 10, "kpis": 18, "milestones": 17,
        "first": "マイナポータルの活用によるオンライン申請の推進",
        "last": "基幹系業務等に係る情報システムにおけるクラウド導入の促進",
    },
    "mikawa": {
        "seed": "001_0b81c88abf06d9e0.txt", "lgcode": "064262", "name": "三川町",
        "period": (2020, 2024), "measures": 24, "kpis": 24, "milestones": 23,
        "first": "行政手続のオンライン化",
        "last": "官民データ活用施策の推進に向けた職員の研修・育成",
    },
    "kisosaki": {
        "seed": "002_962bb7877975c9ab.txt", "lgcode": "243035", "name": "木曽岬町",
        "period": (2019, 2023), "measures": 19, "kpis": 27, "milestones": 23,
        "first": "マイナポータルを活用による各種申請の電子化の促進",
        "last": "IoTを活用した農業・水産業の支援促進",
    },
    "miyakonojo": {
        "seed": "003_d58430d95cf93f57.txt", "lgcode": "452025", "name": "都城市",
        "period": (2020, 2024), "measures": 33, "kpis": 53, "milestones": 0,
        "first": "各種申請手続、通知、相談のオンライン化・電子化の推進",
        "last": "企業提案制度の創設",
    },
}
NAMES = sorted(EXPECTED)

# Milestones the plan dates before its own period: Mikawa's Wi-Fi measure recounts the sites
# built in 平成29年度, 30年度 and 令和元年度 under the national Wi-Fi plan.
BEFORE_PERIOD = {("mikawa", "防災拠点等におけるWi-Fi環境の整備推進"): {2017, 2018, 2019}}


def load(name: str) -> dict:
    """The example plan as yaml.safe_load reads it."""
    return yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))


def seed_text(name: str) -> str:
    """The seed text with whitespace and markup removed, or skip when ../shared is absent."""
    path = SHARED / "seeds" / EXPECTED[name]["seed"]
    if not path.exists():
        pytest.skip(f"seed texts not found at {path.parent} (../shared is not mounted)")
    text = path.read_text(encoding="utf-8")
    # Footnote marks (Kashihara's superscripts, Miyakonojo's glossary markers and underlines)
    # sit inside titles; PDF extraction put spaces between Japanese and ASCII words.
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\^\{\*\d+\}|(?<=\S)\*\d+|</?u>", "", text)
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", NAMES)
def test_top_level_has_required_and_only_known_keys(name):
    """Each example names the format, municipality, title and period, and nothing unknown."""
    plan = load(name)
    assert plan["format"] == "kanmin-plan/1"
    assert {"municipality", "title", "period", "measures"} <= set(plan)
    assert set(plan) <= TOP_KEYS
    assert set(plan["sections"]) <= set(SECTIONS)


@pytest.mark.parametrize("name", NAMES)
def test_pillar_keys_are_the_six_of_the_format(name):
    """Pillar policies and every measure's pillar use the six agreed keys."""
    plan = load(name)
    assert set(plan.get("pillars", {})) <= set(PILLARS)
    assert {m["pillar"] for m in plan["measures"]} <= set(PILLARS)
    assert all(set(m) <= MEASURE_KEYS for m in plan["measures"])


@pytest.mark.parametrize("name", NAMES)
def test_period_is_as_transcribed(name):
    """The period (fiscal years) is the one recorded for the plan in the README notes."""
    period = load(name)["period"]
    assert (period["from_fy"], period["to_fy"]) == EXPECTED[name]["period"]


@pytest.mark.parametrize("name", NAMES)
def test_target_years_lie_within_the_period(name):
    """Every KPI target is for a fiscal year of the plan's period."""
    plan = load(name)
    lo, hi = plan["period"]["from_fy"], plan["period"]["to_fy"]
    years = [fy for m in plan["measures"] for k in m["kpis"] for fy in k.get("targets", {})]
    assert all(lo <= fy <= hi for fy in years), years


@pytest.mark.parametrize("name", NAMES)
def test_milestone_years_lie_within_the_period(name):
    """Every milestone is in the period, except history the plan itself dates earlier."""
    plan = load(name)
    lo, hi = plan["period"]["from_fy"], plan["period"]["to_fy"]
    outside = {(m["title"], ms["fiscal_year"]) for m in plan["measures"]
               for ms in m["milestones"] if not lo <= ms["fiscal_year"] <= hi}
    allowed = {(title, fy) for (plan_name, title), years in BEFORE_PERIOD.items()
               if plan_name == name for fy in years}
    assert outside == allowed


@pytest.mark.parametrize("name", NAMES)
def test_measure_count_matches_the_plan(name):
    """As many measures as the plan's section 6 (7 for Miyakonojo) has."""
    assert len(load(name)["measures"]) == EXPECTED[name]["measures"]


@pytest.mark.parametrize("name", NAMES)
def test_kpi_count_matches_the_plan(name):
    """As many KPIs as the plan lists under its measures."""
    plan = load(name)
    assert sum(len(m["kpis"]) for m in plan["measures"]) == EXPECTED[name]["kpis"]


@pytest.mark.parametrize("name", NAMES)
def test_milestone_count_matches_the_plan(name):
    """One milestone per fiscal year named in each schedule."""
    plan = load(name)
    assert sum(len(m["milestones"]) for m in plan["measures"]) == EXPECTED[name]["milestones"]


@pytest.mark.parametrize("name", NAMES)
def test_first_and_last_measure_titles(name):
    """Measures keep plan order: first and last titles as the plan writes them."""
    measures = load(name)["measures"]
    assert (measures[0]["title"], measures[-1]["title"]) == (
        EXPECTED[name]["first"], EXPECTED[name]["last"])


@pytest.mark.parametrize("name", NAMES)
def test_every_milestone_is_planned(name):
    """Seeds describe intentions: every milestone starts as planned."""
    plan = load(name)
    assert {ms["status"] for m in plan["measures"] for ms in m["milestones"]} <= {"planned"}


@pytest.mark.parametrize("name", NAMES)
def test_published_dataset_kpis_use_the_catalog_metric(name):
    """A KPI counting published open datasets (オープンデータ公開件数) is computed by the catalog."""
    plan = load(name)
    sources = [k["source"] for m in plan["measures"] for k in m["kpis"]
               if k["name"] == "オープンデータ公開件数"]
    assert sources
    assert set(sources) == {"metric:catalog.published_datasets"}


@pytest.mark.parametrize("name", NAMES)
def test_example_passes_the_import_schema(name):
    """The importer's validator accepts the example as it is and keeps every measure."""
    doc = validate(load(name))
    assert len(doc.measures) == EXPECTED[name]["measures"]


@pytest.mark.parametrize("name", NAMES)
def test_every_measure_title_occurs_in_the_seed_text(name):
    """Titles are copied from the plan, not paraphrased (whitespace aside)."""
    text = seed_text(name)
    missing = [m["title"] for m in load(name)["measures"]
               if re.sub(r"\s+", "", m["title"]) not in text]
    assert missing == []


@pytest.mark.parametrize("name", NAMES)
def test_lgcode_is_the_municipality_of_the_plan(name):
    """The 6-digit code (with check digit) is the municipality's in the standard code list."""
    path = SHARED / "standards" / "lgcodes.csv"
    if not path.exists():
        pytest.skip(f"code list not found at {path} (../shared is not mounted)")
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    names = {row["lgcode"]: row["name"] for row in rows}
    municipality = load(name)["municipality"]
    assert municipality["lgcode"] == EXPECTED[name]["lgcode"]
    assert names.get(municipality["lgcode"]) == EXPECTED[name]["name"] == municipality["name"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", NAMES)
def test_load_plan_example_yields_the_counts_in_the_database(name):
    """`manage.py load_plan --example NAME` stores every measure, KPI and milestone, in order."""
    from django.core.management import call_command

    from plan.models import KPI, Milestone, Plan

    out, err = io.StringIO(), io.StringIO()
    call_command("load_plan", "--example", name, stdout=out, stderr=err)
    plan = Plan.objects.get(pk=int(out.getvalue().strip()))
    expected = EXPECTED[name]
    titles = list(plan.measures.order_by("order").values_list("title", flat=True))
    assert (len(titles), titles[0], titles[-1]) == (
        expected["measures"], expected["first"], expected["last"])
    assert KPI.objects.filter(measure__plan=plan).count() == expected["kpis"]
    assert Milestone.objects.filter(measure__plan=plan).count() == expected["milestones"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", NAMES)
def test_exported_document_reproduces_the_measure_titles_in_order(name, client, settings):
    """The plan document (HTML and PDF) of each example lists its measures as the plan does."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from plan.tests.test_exports import _html_titles, _pdf_text

    out = io.StringIO()
    call_command("load_plan", "--example", name, stdout=out)
    plan_id = int(out.getvalue().strip())
    settings.REQUIRE_2FA = False
    client.force_login(get_user_model().objects.create_superuser("planner", "p@example.jp", "x"))
    html = client.get(f"/staff/plan/{plan_id}/document/").content.decode()
    titles = [m["title"] for m in load(name)["measures"]]
    assert [t.strip() for t in _html_titles(html)] == titles
    pdf = client.get(f"/staff/plan/{plan_id}/document.pdf").content
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf)
    # Each title (its first characters: long ones wrap) must come after the previous one.
    position = text.find("6.")
    for title in titles:
        found = text.find(title[:8], position + 1)
        assert found > position, f"{title!r} missing or out of order in the PDF"
        position = found
