"""The reporting round: open, departments submit, planners send back or accept, then close."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.actor import Actor
from core.errors import InvalidInput
from core.services import audit
from plan.models import Plan, ReportingRound, Submission
from plan.services.common import require_department, require_planner

S = Submission.State


def open_round(*, actor: Actor, plan: Plan, title: str, fiscal_year: int,
               month: date | None = None) -> ReportingRound:
    """Open a round: one submission per department that owns measures of the plan."""
    require_planner(actor, plan.organisation)
    errors = {}
    if not title.strip():
        errors["title"] = [_("必須です")]
    if not plan.from_fy <= fiscal_year <= plan.to_fy:
        errors["fiscal_year"] = [_("計画期間内の年度を指定してください")]
    if errors:
        raise InvalidInput(_("入力内容を確認してください"), field_errors=errors)
    if plan.rounds.filter(state=ReportingRound.State.OPEN).exists():
        raise InvalidInput(_("受付中の進捗報告があります。締め切ってから開始してください"))
    with transaction.atomic():
        round_ = ReportingRound.objects.create(
            plan=plan, title=title.strip(), fiscal_year=fiscal_year,
            month=month.replace(day=1) if month else None,
            opened_by=actor.user if actor.is_authenticated else None,
        )
        department_ids = sorted(set(plan.measures.exclude(department=None)
                                    .values_list("department_id", flat=True)))
        Submission.objects.bulk_create([Submission(round=round_, department_id=d)
                                        for d in department_ids])
        audit.record(actor=actor, action="plan.round_open", target=round_,
                     organisation=plan.organisation,
                     details={"fiscal_year": fiscal_year, "departments": len(department_ids)})
    return round_


def _transition(*, actor: Actor, submission: Submission, allowed_from: tuple, to: str,
                action: str, **changes) -> Submission:
    if not submission.round.is_open:
        raise InvalidInput(_("締切済みの進捗報告は変更できません"))
    if submission.state not in allowed_from:
        raise InvalidInput(_("現在の状態ではこの操作はできません"))
    with transaction.atomic():
        previous = submission.state
        submission.state = to
        for key, value in changes.items():
            setattr(submission, key, value)
        submission.save()
        audit.record(actor=actor, action=action, target=submission,
                     organisation=submission.round.plan.organisation,
                     details={"from": previous, "to": to, "department": submission.department_id})
    return submission


def save_comment(*, actor: Actor, submission: Submission, comment: str) -> Submission:
    """Keep the department's comment on its report while it is still being written."""
    require_department(actor, submission.round.plan.organisation, submission.department_id)
    if not submission.editable:
        raise InvalidInput(_("この報告は編集できない状態です（提出済み・承認済み・締切済み）"))
    return _transition(actor=actor, submission=submission, allowed_from=(S.DRAFT, S.SENT_BACK),
                       to=submission.state, action="plan.submission_comment", comment=comment)


def submit(*, actor: Actor, submission: Submission, comment: str | None = None) -> Submission:
    """A department hands its report to the planning staff."""
    require_department(actor, submission.round.plan.organisation, submission.department_id)
    changes = {"submitted_by": actor.user if actor.is_authenticated else None,
               "submitted_at": timezone.now()}
    if comment is not None:
        changes["comment"] = comment
    return _transition(actor=actor, submission=submission, allowed_from=(S.DRAFT, S.SENT_BACK),
                       to=S.SUBMITTED, action="plan.submission_submit", **changes)


def send_back(*, actor: Actor, submission: Submission, comment: str) -> Submission:
    """The planning staff return a report to its department with the reason."""
    require_planner(actor, submission.round.plan.organisation)
    if not (comment or "").strip():
        raise InvalidInput(_("差戻しの理由を入力してください"),
                           field_errors={"review_comment": [_("必須です")]})
    return _transition(actor=actor, submission=submission, allowed_from=(S.SUBMITTED,),
                       to=S.SENT_BACK, action="plan.submission_send_back",
                       review_comment=comment.strip(), reviewed_at=timezone.now(),
                       reviewed_by=actor.user if actor.is_authenticated else None)


def accept(*, actor: Actor, submission: Submission) -> Submission:
    """The planning staff accept a department's report."""
    require_planner(actor, submission.round.plan.organisation)
    return _transition(actor=actor, submission=submission, allowed_from=(S.SUBMITTED,),
                       to=S.ACCEPTED, action="plan.submission_accept",
                       reviewed_at=timezone.now(),
                       reviewed_by=actor.user if actor.is_authenticated else None)


def close_round(*, actor: Actor, round_: ReportingRound) -> ReportingRound:
    """Close a round: freeze its report and publish the KPI actuals dataset."""
    from plan.reports import round_report
    from plan.services.publish import publish_actuals

    plan = round_.plan
    require_planner(actor, plan.organisation)
    if not round_.is_open:
        raise InvalidInput(_("この進捗報告はすでに締め切られています"))
    with transaction.atomic():
        round_.state = ReportingRound.State.CLOSED
        round_.closed_at = timezone.now()
        round_.report = round_report(round_)
        round_.save(update_fields=["state", "closed_at", "report"])
        audit.record(actor=actor, action="plan.round_close", target=round_,
                     organisation=plan.organisation,
                     details={"submissions": {s.department_id: s.state
                                              for s in round_.submissions.all()}})
        publish_actuals(actor=actor, plan=plan)
    return round_
