"""Exports: the plan document as HTML and PDF, the 進捗評価表 as XLSX and CSV, pages."""

import io
import re
import zlib

import pytest
from openpyxl import load_workbook

from plan.models import KPI
from plan.services.actuals import record_actual
from plan.services.plans import update_plan
from plan.tests.conftest import as_actor

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes) -> str:
    """Text drawn in a reportlab PDF with a UCS-2 CID font, without a PDF library."""
    out = []
    for raw in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            body = zlib.decompress(raw)
        except zlib.error:
            try:
                import base64

                packed = raw.strip().removeprefix(b"<~").removesuffix(b"~>")
                body = zlib.decompress(base64.a85decode(packed.replace(b"\n", b"")))
            except Exception:
                continue
        for literal in re.findall(rb"\((.*?)(?<!\\)\)\s*Tj", body, re.S):
            text = re.sub(rb"\\(\d{3})", lambda m: bytes([int(m.group(1), 8)]), literal)
            text = re.sub(rb"\\(.)", rb"\1", text)
            out.append(text.decode("utf-16-be", errors="ignore"))
    return "".join(out)


def _html_titles(html: str) -> list[str]:
    return re.findall(r'<h4 class="measure-title">◆(.*?)</h4>', html)


def test_html_document_lists_measures_in_plan_order(client, plan, org_admin):
    client.force_login(org_admin)
    html = client.get(f"/staff/plan/{plan.pk}/document/").content.decode()
    assert _html_titles(html) == list(plan.measures.order_by("order")
                                      .values_list("title", flat=True))
    assert "7. セキュリティ及び個人情報の適正な取扱いの確保" in html


def test_pdf_document_has_the_measure_titles_in_the_html_order(client, plan, org_admin):
    client.force_login(org_admin)
    body = client.get(f"/staff/plan/{plan.pk}/document.pdf").content
    html = client.get(f"/staff/plan/{plan.pk}/document/").content.decode()
    text = _pdf_text(body)
    assert body.startswith(b"%PDF")
    positions = [text.find(title[:8]) for title in _html_titles(html)]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)


def test_progress_xlsx_reads_back_with_numbers_as_numbers(client, plan, org_admin):
    record_actual(actor=as_actor(org_admin), kpi=KPI.objects.get(name="オンライン化手続数"),
                  value=5, fiscal_year=2022)
    client.force_login(org_admin)
    body = client.get(f"/staff/plan/{plan.pk}/progress.xlsx").content
    ws = load_workbook(io.BytesIO(body)).active
    header = [c.value for c in ws[2]]
    rows = {r[4]: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=3,
                                                                          values_only=True)}
    row = rows["オンライン化手続数"]
    assert (row["実績値"], row["目標値"], row["達成率（%）"], row["評価"]) == (5, 10, 50, "C")


def test_progress_csv_neutralises_formulas(client, plan, org_admin):
    kpi = KPI.objects.get(name="オンライン化手続数")
    kpi.name = "=HYPERLINK(\"x\")"
    kpi.save()
    client.force_login(org_admin)
    text = client.get(f"/staff/plan/{plan.pk}/progress.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def test_unknown_export_format_is_404(client, plan, org_admin):
    client.force_login(org_admin)
    assert client.get(f"/staff/plan/{plan.pk}/progress.exe").status_code == 404


def test_dashboard_shows_wareki_years_accessible_charts_and_tables(client, plan, org_admin):
    record_actual(actor=as_actor(org_admin), kpi=KPI.objects.get(name="オンライン化手続数"),
                  value=5, fiscal_year=2022)
    client.force_login(org_admin)
    html = client.get(f"/staff/plan/{plan.pk}/").content.decode()
    assert "令和4年度" in html and 'role="img"' in html and "<desc" in html
    assert "期限を過ぎた項目" in html and "前回の進捗報告以降の変更" in html


def test_dashboard_lists_overdue_milestones(client, plan, org_admin):
    client.force_login(org_admin)
    html = client.get(f"/staff/plan/{plan.pk}/").content.decode()
    # FY2021 「実施」 is in progress and its year is over.
    assert re.search(r"<li>行政手続のオンライン化: 令和3年度 実施", html)


def test_staff_dashboard_is_hidden_from_outsiders(client, plan, outsider):
    client.force_login(outsider)
    assert client.get(f"/staff/plan/{plan.pk}/").status_code == 404


def test_public_page_needs_a_public_plan(client, plan):
    assert client.get(f"/plan/{plan.organisation.slug}/").status_code == 404


def test_public_page_shows_only_public_measures_in_both_languages(client, plan, org_admin):
    from plan.services.plans import set_measure_public

    who = as_actor(org_admin)
    update_plan(actor=who, plan=plan, is_public=True, reason="公開 / public")
    set_measure_public(actor=who, measure=plan.measures.get(order=3), is_public=False,
                       reason="非公開 / hidden")
    html = client.get(f"/plan/{plan.organisation.slug}/").content.decode()
    assert "行政手続のオンライン化" in html and "窓口業務に関するBPRの推進" not in html
    english = client.get(f"/plan/{plan.organisation.slug}/", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 200 and "FY2022" in english.content.decode()


def test_public_document_pdf_is_served_for_a_public_plan(client, plan, org_admin):
    update_plan(actor=as_actor(org_admin), plan=plan, is_public=True, reason="公開 / public")
    response = client.get(f"/plan/{plan.organisation.slug}/{plan.pk}/document.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_plan_change_keeps_a_revision_with_who_and_why(plan, org_admin):
    update_plan(actor=as_actor(org_admin), plan=plan, title="改訂後の計画", reason="年次見直し")
    revision = plan.revisions.first()
    assert (revision.number, revision.reason, revision.created_by) == (2, "年次見直し", org_admin)
    assert revision.snapshot["title"] == "改訂後の計画"
