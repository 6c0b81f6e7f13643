"""Create a plan from an import document, change it, and keep its revision history."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from core.actor import Actor
from core.errors import InvalidInput
from core.models import Department, Organisation
from core.services import audit
from core.services.organisations import create_department
from plan.engine.schema import PILLARS, PlanDoc
from plan.models import KPI, Measure, Milestone, Pillar, Plan, PlanRevision
from plan.models.plan import SECTION_LABELS
from plan.serialize import plan_dict
from plan.services.common import require_planner, require_reason

MIN_FY, MAX_FY = 1989, 2100  # 平成元年度 onwards; anything else is a typo
MAX_RATE = 1000.0
PLAN_FIELDS = ("title", "title_en", "adopted", "from_fy", "to_fy", "source", "grade_a",
               "grade_b", "grade_c", "is_public")


def _revise(*, actor: Actor, plan: Plan, reason: str) -> PlanRevision:
    """Store a snapshot of the plan as it is now (every change of a plan calls this)."""
    last = plan.revisions.aggregate(n=Max("number"))["n"] or 0
    return PlanRevision.objects.create(
        plan=plan, number=last + 1, reason=reason,
        created_by=actor.user if actor.is_authenticated else None,
        created_by_label=actor.label,
        # The plan's own public flag is not part of the API shape, but its history matters.
        snapshot={**plan_dict(plan), "is_public": plan.is_public},
    )


def _department(actor: Actor, organisation: Organisation, name: str) -> Department | None:
    """The department of that name, created when the plan names one the platform lacks."""
    if not name.strip():
        return None
    found = Department.objects.filter(organisation=organisation, name=name).first()
    return found or create_department(actor=actor, organisation=organisation, name=name)


def create_plan(*, actor: Actor, organisation: Organisation, doc: PlanDoc,
                reason: str = "") -> Plan:
    """Create a plan with its pillars, measures, KPIs and milestones from a validated document."""
    require_planner(actor, organisation)
    with transaction.atomic():
        grading = {"A": 100.0, "B": 80.0, "C": 50.0, **doc.grading}
        plan = Plan.objects.create(
            organisation=organisation, title=doc.title, title_en=doc.title_en,
            adopted=doc.adopted, from_fy=doc.from_fy, to_fy=doc.to_fy, source=doc.source,
            sections=dict(doc.sections), grade_a=grading["A"], grade_b=grading["B"],
            grade_c=grading["C"],
        )
        used = {m.pillar for m in doc.measures} | set(doc.pillar_policies)
        pillars = {key: Pillar.objects.create(plan=plan, key=key,
                                              policy=doc.pillar_policies.get(key, ""))
                   for key in PILLARS if key in used}
        departments: dict[str, Department | None] = {}
        for order, m in enumerate(doc.measures, start=1):
            if m.department not in departments:
                departments[m.department] = _department(actor, organisation, m.department)
            measure = Measure.objects.create(
                plan=plan, pillar=pillars[m.pillar], order=order, title=m.title,
                description=m.description, department=departments[m.department],
                priority_fields=list(m.priority_fields), evidence=list(m.evidence),
            )
            KPI.objects.bulk_create([KPI(
                measure=measure, order=i, name=k.name, unit=k.unit, direction=k.direction,
                baseline_value=k.baseline_value, baseline_date=k.baseline_date,
                targets={str(fy): v for fy, v in k.targets.items()},
                target_text=k.target_text, source=k.source,
            ) for i, k in enumerate(m.kpis)])
            Milestone.objects.bulk_create([Milestone(
                measure=measure, fiscal_year=s.fiscal_year, text=s.text, status=s.status,
            ) for s in m.milestones])
        _revise(actor=actor, plan=plan, reason=reason or "取り込み / imported")
        audit.record(actor=actor, action="plan.create", target=plan, organisation=organisation,
                     details={"measures": len(doc.measures),
                              "kpis": sum(len(m.kpis) for m in doc.measures)})
    return plan


def _check_plan(plan: Plan) -> None:
    """Refuse a plan without a title, with a backwards period or disordered grade thresholds."""
    errors: dict[str, list] = {}
    if not (plan.title or "").strip():
        errors["title"] = [_("計画名を入力してください")]
    for key in ("from_fy", "to_fy"):
        if not MIN_FY <= int(getattr(plan, key)) <= MAX_FY:
            errors[key] = [_("年度は1989〜2100の範囲で入力してください")]
    if not errors and plan.to_fy < plan.from_fy:
        errors["to_fy"] = [_("終了年度が開始年度より前です")]
    for key in ("grade_a", "grade_b", "grade_c"):
        if not 0 <= float(getattr(plan, key)) <= MAX_RATE:
            errors[key] = [_("0〜1000の数値を入力してください")]
    if not errors and not plan.thresholds.is_ordered():
        errors["grade_b"] = [_("A ≥ B ≥ C となるように入力してください")]
    if errors:
        raise InvalidInput(_("入力内容を確認してください"), field_errors=errors)


def update_plan(*, actor: Actor, plan: Plan, reason: str, **fields) -> Plan:
    """Change a plan's own fields or sections, with the reason kept in its revision history."""
    require_planner(actor, plan.organisation)
    require_reason(reason)
    changed = []
    for key, value in fields.items():
        if key == "sections":
            unknown = set(value) - set(SECTION_LABELS)
            if unknown:
                raise InvalidInput(_("不明な章があります"),
                                   field_errors={"sections": [", ".join(sorted(unknown))]})
            merged = {**plan.sections, **value}
            if merged != plan.sections:
                plan.sections = merged
                changed.append(key)
        elif key in PLAN_FIELDS and getattr(plan, key) != value:
            setattr(plan, key, value)
            changed.append(key)
        elif key not in PLAN_FIELDS:
            raise TypeError(f"update_plan() got an unknown field {key!r}")
    try:
        _check_plan(plan)
    except InvalidInput:
        plan.refresh_from_db()  # callers keep using the object: do not leave it half-changed
        raise
    with transaction.atomic():
        plan.save()
        _revise(actor=actor, plan=plan, reason=reason.strip())
        audit.record(actor=actor, action="plan.update", target=plan,
                     organisation=plan.organisation, details={"fields": changed})
    return plan


def set_visibility(*, actor: Actor, plan: Plan, is_public: bool, public_measure_ids,
                   reason: str) -> Plan:
    """Choose in one change whether the plan is public and which of its measures are."""
    require_planner(actor, plan.organisation)
    require_reason(reason)
    wanted = {int(i) for i in public_measure_ids}
    with transaction.atomic():
        plan.is_public = bool(is_public)
        plan.save(update_fields=["is_public", "modified"])
        plan.measures.filter(pk__in=wanted).update(is_public=True)
        plan.measures.exclude(pk__in=wanted).update(is_public=False)
        _revise(actor=actor, plan=plan, reason=reason.strip())
        audit.record(actor=actor, action="plan.visibility", target=plan,
                     organisation=plan.organisation,
                     details={"public": plan.is_public,
                              "public_measures": sorted(
                                  plan.measures.filter(is_public=True)
                                  .values_list("pk", flat=True))})
        if plan.actuals_dataset_id:
            # The KPI実績 dataset lists public measures only and is public only with the plan.
            from plan.services.publish import publish_actuals

            publish_actuals(actor=actor, plan=plan)
    return plan


def set_measure_public(*, actor: Actor, measure: Measure, is_public: bool, reason: str) -> Measure:
    """Choose whether a measure appears on the public transparency page."""
    require_planner(actor, measure.plan.organisation)
    require_reason(reason)
    with transaction.atomic():
        measure.is_public = is_public
        measure.save(update_fields=["is_public"])
        _revise(actor=actor, plan=measure.plan, reason=reason)
        audit.record(actor=actor, action="plan.measure_visibility", target=measure,
                     organisation=measure.plan.organisation, details={"public": is_public})
    return measure


def link_datasets(*, actor: Actor, measure: Measure, datasets: list, reason: str) -> Measure:
    """Set the catalog datasets that are evidence of a measure (same organisation only)."""
    require_planner(actor, measure.plan.organisation)
    require_reason(reason)
    if any(d.organisation_id != measure.plan.organisation_id for d in datasets):
        message = _("他の団体のデータセットは関連付けられません")
        raise InvalidInput(message, field_errors={"datasets": [message]})
    if any(d.state == d.State.DELETED for d in datasets):
        message = _("削除されたデータセットは関連付けられません")
        raise InvalidInput(message, field_errors={"datasets": [message]})
    with transaction.atomic():
        measure.datasets.set(datasets)
        _revise(actor=actor, plan=measure.plan, reason=reason)
        audit.record(actor=actor, action="plan.measure_datasets", target=measure,
                     organisation=measure.plan.organisation,
                     details={"datasets": [d.pk for d in datasets]})
    return measure
