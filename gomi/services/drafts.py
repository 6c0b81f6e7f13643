"""The draft of a municipality's schedule: stage, discard and publish calendar-affecting edits.

Staff edits of rules, holiday policies, closures and the closure policy are staged as
DraftChange rows; residents see nothing of them until ``publish_draft`` applies every staged
change through the live services of gomi.services.edits in one transaction. Each function
checks the editor role and ownership exactly as the live services do and validates with the
same helpers, so a staged change can always be published. Staging a change that equals the
live state removes the staged change instead (the function then returns None).
"""

from __future__ import annotations

from collections import Counter

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.actor import Actor
from core.errors import InvalidInput
from core.models import Organisation
from core.services import audit
from gomi import selectors
from gomi.models import Area, Category, Closure, DraftChange, Rule
from gomi.services import edits
from gomi.services.common import require_editor, require_own
from gomi.services.edits import ClosureData, RuleData

Kind = DraftChange.Kind
_RULE_FIELDS = ("weekdays", "nth", "biweekly", "months", "dates")
# Publication order: policies first, then closures, then rules (each is independent; a fixed
# order keeps the audit log readable).
_PUBLISH_ORDER = (Kind.CLOSURE_POLICY, Kind.CLOSURE_DELETE, Kind.CLOSURE_ADD,
                  Kind.HOLIDAY_POLICY, Kind.RULE)


def _username(actor: Actor) -> str:
    """Who staged a change, as shown on the draft page (the audit log has the full actor)."""
    return (getattr(actor.user, "username", "") or actor.label or "")[:150]


def _audit(*, actor: Actor, municipality: Organisation, action: str, target=None,
           details: dict) -> None:
    """Audit a draft action; the open data is untouched, so no publication is queued."""
    audit.record(actor=actor, action=action, target=target, organisation=municipality,
                 details=details)


def _stage(*, actor: Actor, municipality: Organisation, kind: str, equal: bool, payload: dict,
           area: Area | None = None, category: Category | None = None,
           closure: Closure | None = None) -> DraftChange | None:
    """Replace the staged change of this kind and target, or drop it when equal to live."""
    target = {"municipality": municipality, "kind": kind, "area": area, "category": category,
              "closure": closure}
    details = {"kind": kind, "area": getattr(area, "pk", None),
               "category": getattr(category, "pk", None),
               "closure": getattr(closure, "pk", None)}
    with transaction.atomic():
        if equal:
            removed, _rows = DraftChange.objects.filter(**target).delete()
            if removed:
                _audit(actor=actor, municipality=municipality, action="gomi.draft.unstage",
                       details={**details, "reason": "equal_to_live"})
            return None
        change, created = DraftChange.objects.update_or_create(
            **target, defaults={"payload": payload, "created_by": _username(actor)})
        _audit(actor=actor, municipality=municipality, action="gomi.draft.stage",
               target=change, details={**details, "replaced": not created})
    return change


def rule_payload(data: RuleData) -> dict:
    """A staged rule as stored: Rule's fields, plus remarks (None keeps the live ones)."""
    remarks = sorted({int(r) for r in data.remarks}) if data.remarks is not None else None
    return {**edits.rule_fields(data), "remarks": remarks}


def _rule_equals_live(payload: dict, live: Rule | None) -> bool:
    """True when publishing the staged rule would change no date and no remark."""
    if live is None:
        return not any(payload[name] for name in _RULE_FIELDS) and not payload["remarks"]
    same = all(payload[name] == list(getattr(live, name) or []) for name in _RULE_FIELDS)
    return same and (payload["remarks"] is None or payload["remarks"] == list(live.remarks))


def stage_rule(*, actor: Actor, municipality: Organisation, area: Area, category: Category,
               data: RuleData) -> DraftChange | None:
    """Stage when a category is collected in an area (an empty rule means never)."""
    require_editor(actor, municipality)
    require_own(municipality, area, category)
    edits.check_rule(data)
    payload = rule_payload(data)
    live = Rule.objects.filter(area=area, category=category).first()
    return _stage(actor=actor, municipality=municipality, kind=Kind.RULE, area=area,
                  category=category, payload=payload, equal=_rule_equals_live(payload, live))


def stage_holiday_policy(*, actor: Actor, category: Category,
                         policy: str) -> DraftChange | None:
    """Stage what a category does on public holidays (collect / skip / move)."""
    municipality = category.municipality
    require_editor(actor, municipality)
    edits.check_holiday_policy(policy)
    return _stage(actor=actor, municipality=municipality, kind=Kind.HOLIDAY_POLICY,
                  category=category, payload={"policy": policy},
                  equal=policy == category.holiday_policy)


def stage_closure_policy(*, actor: Actor, municipality: Organisation,
                         policy: str) -> DraftChange | None:
    """Stage how closures act on collections (skip / shift_week / none)."""
    require_editor(actor, municipality)
    edits.check_closure_policy(policy)
    return _stage(actor=actor, municipality=municipality, kind=Kind.CLOSURE_POLICY,
                  payload={"policy": policy},
                  equal=policy == selectors.closure_policy(municipality))


def _closure_payload(data: ClosureData) -> dict:
    """A closure as stored by add_closure (trimmed texts, ISO dates)."""
    return {"start": data.start.isoformat(), "end": data.end.isoformat(),
            "center": data.center.strip()[:200], "note": data.note.strip()[:300]}


def _same_period(payload: dict, closure: Closure) -> bool:
    """True when a staged closure covers the same days and centre as a live one."""
    return (payload["start"], payload["end"], payload["center"]) == (
        closure.start.isoformat(), closure.end.isoformat(), closure.center)


def stage_closure(*, actor: Actor, municipality: Organisation,
                  data: ClosureData) -> DraftChange | None:
    """Stage a new closure period; the same period staged again replaces the earlier one.

    A period that is already live is not staged twice: if its removal was staged, that
    removal is discarded instead (the draft then equals the live state); otherwise nothing
    is staged and None is returned.
    """
    require_editor(actor, municipality)
    edits.check_closure(data)
    payload = _closure_payload(data)
    live = [c for c in Closure.objects.filter(municipality=municipality)
            if _same_period(payload, c)]
    with transaction.atomic():
        if live:
            for closure in live:
                _stage(actor=actor, municipality=municipality, kind=Kind.CLOSURE_DELETE,
                       closure=closure, payload={}, equal=True)
            return None
        staged = [c for c in DraftChange.objects.filter(municipality=municipality,
                                                        kind=Kind.CLOSURE_ADD)
                  if (c.payload["start"], c.payload["end"], c.payload["center"])
                  == (payload["start"], payload["end"], payload["center"])]
        for earlier in staged:
            earlier.delete()
        change = DraftChange.objects.create(municipality=municipality, kind=Kind.CLOSURE_ADD,
                                            payload=payload, created_by=_username(actor))
        _audit(actor=actor, municipality=municipality, action="gomi.draft.stage",
               target=change, details={"kind": Kind.CLOSURE_ADD, "replaced": bool(staged)})
    return change


def stage_closure_delete(*, actor: Actor, closure: Closure) -> DraftChange:
    """Stage the removal of a live closure period."""
    municipality = closure.municipality
    require_editor(actor, municipality)
    snapshot = {"start": closure.start.isoformat(), "end": closure.end.isoformat(),
                "center": closure.center, "note": closure.note}
    return _stage(actor=actor, municipality=municipality, kind=Kind.CLOSURE_DELETE,
                  closure=closure, payload=snapshot, equal=False)


def discard_change(*, actor: Actor, municipality: Organisation, change: DraftChange) -> None:
    """Drop one staged change (the live schedule is untouched)."""
    require_editor(actor, municipality)
    require_own(municipality, change)
    with transaction.atomic():
        _audit(actor=actor, municipality=municipality, action="gomi.draft.discard",
               target=change, details={"kind": change.kind})
        change.delete()


def discard_draft(*, actor: Actor, municipality: Organisation) -> int:
    """Drop every staged change of the municipality; returns how many were dropped."""
    require_editor(actor, municipality)
    with transaction.atomic():
        rows = DraftChange.objects.filter(municipality=municipality)
        counts = Counter(rows.values_list("kind", flat=True))
        rows.delete()
        _audit(actor=actor, municipality=municipality, action="gomi.draft.discard_all",
               details={"counts": dict(counts), "total": sum(counts.values())})
    return sum(counts.values())


def _apply(*, actor: Actor, municipality: Organisation, change: DraftChange) -> None:
    """Apply one staged change through the live service (which audits and queues the update)."""
    p = change.payload
    if change.kind == Kind.RULE:
        edits.save_rule(actor=actor, municipality=municipality, area=change.area,
                        category=change.category, data=RuleData(
                            weekdays=p["weekdays"], nth=[tuple(x) for x in p["nth"]],
                            biweekly=list(selectors.iso_dates(p["biweekly"])),
                            months=p["months"], dates=list(selectors.iso_dates(p["dates"])),
                            remarks=p.get("remarks")))
    elif change.kind == Kind.HOLIDAY_POLICY:
        require_own(municipality, change.category)
        edits.set_holiday_policy(actor=actor, category=change.category, policy=p["policy"])
    elif change.kind == Kind.CLOSURE_POLICY:
        edits.set_closure_policy(actor=actor, municipality=municipality, policy=p["policy"])
    elif change.kind == Kind.CLOSURE_ADD:
        closure = change.as_closure()
        edits.add_closure(actor=actor, municipality=municipality, data=ClosureData(
            start=closure.start, end=closure.end, center=closure.center, note=closure.note))
    elif change.kind == Kind.CLOSURE_DELETE:
        require_own(municipality, change.closure)
        edits.delete_closure(actor=actor, closure=change.closure)
    else:  # a kind added to the model without a publisher: refuse rather than drop it
        raise InvalidInput(_("公開できない変更が含まれています"))


def publish_draft(*, actor: Actor, municipality: Organisation) -> int:
    """Apply every staged change to the live schedule at once; returns how many were applied.

    All or nothing: one transaction, so residents never see half a draft. The live services
    audit each change and queue the open-data update; this records gomi.draft.publish.
    """
    require_editor(actor, municipality)
    with transaction.atomic():
        # of=("self",): PostgreSQL refuses FOR UPDATE on the nullable side of the joins.
        changes = list(DraftChange.objects.filter(municipality=municipality)
                       .select_for_update(of=("self",))
                       .select_related("area", "category", "closure", "municipality"))
        changes.sort(key=lambda c: (_PUBLISH_ORDER.index(c.kind), c.created, c.pk))
        for change in changes:
            _apply(actor=actor, municipality=municipality, change=change)
        DraftChange.objects.filter(pk__in=[c.pk for c in changes]).delete()
        counts = Counter(c.kind for c in changes)
        _audit(actor=actor, municipality=municipality, action="gomi.draft.publish",
               details={"counts": dict(counts), "total": len(changes)})
    return len(changes)
