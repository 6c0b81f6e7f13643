"""Publish a plan's KPI actuals as an open dataset in the catalog (through catalog services)."""

from __future__ import annotations

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from catalog.models import Dataset
from catalog.services import (
    DatasetData,
    ResourceData,
    add_resource,
    create_dataset,
    publish_dataset,
    replace_resource_file,
    unpublish_dataset,
)
from core.actor import Actor
from core.services import audit
from plan.engine.achievement import achievement_rate, grade, target_for
from plan.models import Actual, Plan
from plan.selectors import metric_by_month, values_by_fy
from plan.services.common import require_planner
from tabular.datastore.neutralise import neutralise

HEADER = ["計画", "施策番号", "施策名", "KPI", "単位", "年度", "月", "実績値", "目標値",
          "達成率", "評価", "取得元"]


def actuals_csv(plan: Plan) -> bytes:
    """CSV (UTF-8 with BOM) of every actual of the plan's public measures."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)

    def text(value: str) -> str:
        return neutralise(value)

    measures = plan.measures.filter(is_public=True).prefetch_related("kpis__actuals")
    for measure in measures.order_by("order"):
        for kpi in measure.kpis.all():
            rows: list[tuple[int, str, float]] = []
            if kpi.metric_key:
                for fy, value in sorted(values_by_fy(kpi, organisation=plan.organisation,
                                                     fiscal_years=plan.fiscal_years).items()):
                    rows.append((fy, "", value))
                    rows += [(fy, m.strftime("%Y-%m"), v) for m, v in
                             metric_by_month(kpi, plan.organisation, fy).items()]
            else:
                rows = [(a.fiscal_year, a.month.strftime("%Y-%m") if a.month else "", a.value)
                        for a in kpi.actuals.all()]
            for fy, month, value in rows:
                chosen = target_for(kpi.targets_by_fy, fy)
                rate = (achievement_rate(actual=value, target=chosen[1], direction=kpi.direction,
                                         baseline=kpi.baseline_value) if chosen else None)
                writer.writerow([
                    text(plan.title), measure.order, text(measure.title), text(kpi.name),
                    text(kpi.unit), fy, month, value, chosen[1] if chosen else "",
                    f"{rate:.1f}" if rate is not None else "",
                    grade(rate, plan.thresholds) or "", kpi.source,
                ])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def publish_actuals(*, actor: Actor, plan: Plan) -> Dataset:
    """Create or update the plan's KPI実績 dataset; it is public only while the plan is."""
    require_planner(actor, plan.organisation)
    upload = SimpleUploadedFile(f"plan-{plan.pk}-kpi-actuals.csv", actuals_csv(plan),
                                content_type="text/csv")
    with transaction.atomic():
        dataset = plan.actuals_dataset
        if dataset is None or dataset.state == Dataset.State.DELETED:
            dataset = create_dataset(actor=actor, organisation=plan.organisation, data=DatasetData(
                slug=f"{plan.organisation.slug}-plan-{plan.pk}-kpi"[:100],
                title=f"{plan.title} KPI実績"[:300],
                title_en=f"{plan.title_en or plan.title}: KPI actuals"[:300],
                description=("官民データ活用推進計画のKPIの実績値です。進捗報告を締め切るたびに"
                             "更新されます。"),
                description_en=("Actual values of the KPIs of the data utilisation plan, "
                                "updated whenever a reporting round closes."),
                tags=["官民データ活用推進計画", "KPI"], licence="cc-by-4.0",
                update_frequency="quarterly",
            ))
            add_resource(actor=actor, dataset=dataset,
                         data=ResourceData(name="KPI実績", name_en="KPI actuals", format="CSV"),
                         upload=upload)
            plan.actuals_dataset = dataset
            plan.save(update_fields=["actuals_dataset"])
        else:
            resource = dataset.resources.filter(deleted=False).order_by("position").first()
            if resource is None:
                add_resource(actor=actor, dataset=dataset,
                             data=ResourceData(name="KPI実績", name_en="KPI actuals",
                                               format="CSV"), upload=upload)
            else:
                replace_resource_file(actor=actor, resource=resource, upload=upload)
        if plan.is_public and dataset.state != Dataset.State.PUBLISHED:
            publish_dataset(actor=actor, dataset=dataset)
        elif not plan.is_public and dataset.state == Dataset.State.PUBLISHED:
            unpublish_dataset(actor=actor, dataset=dataset)
        audit.record(actor=actor, action="plan.publish_actuals", target=plan,
                     organisation=plan.organisation,
                     details={"dataset": dataset.slug,
                              "actuals": Actual.objects.filter(kpi__measure__plan=plan).count()})
    return dataset
