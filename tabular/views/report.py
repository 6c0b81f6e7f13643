"""The validation report page of a resource's served table."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse

from tabular.forms import table_label
from tabular.views.common import language, require_table, resource_tables
from tabular.views.reporting import report_view


def report_page(request, slug: str, resource_id: int):
    """The report in plain language: standard, conformance, issues by code, structure notes."""
    found = resource_tables(request, slug, resource_id)
    table = require_table(found)
    ingestion = table.ingestion
    report = report_view(table.report or {}, language=language(),
                         extra_notices=list(ingestion.notices or []))
    several = ingestion.tables.count() > 1
    return render(request, "tabular/report.html", {
        "dataset": found.dataset, "resource": found.resource, "table": table,
        "ingestion": ingestion, "report": report, "version_number": ingestion.version.number,
        "sheet_name": table_label(table) if several else "",
        "table_url": reverse("tabular:table", args=[found.dataset.slug, found.resource.pk]),
    })
