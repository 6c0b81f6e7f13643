"""Staff screens for areas, categories, rules (area × category) and closures.

Rules, holiday policies, closures and the closure policy are staged in the draft
(gomi.services.drafts) and reach residents only when published; texts stay immediate.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gomi import selectors
from gomi.forms_staff import AreaForm, CategoryForm, ClosureForm, ClosurePolicyForm, RuleForm
from gomi.models import Area, Category, Closure, DraftChange, Rule
from gomi.models.schedule import ClosurePolicy, HolidayPolicy
from gomi.services import drafts
from gomi.services import edits as services
from gomi.views_staff.common import form_status, save_form, staff_for
from gomi.views_staff.describe import cell_text, describe_rule


def staged_message(change) -> str:
    """What staff are told after staging: kept in the draft, or equal to the live state."""
    if change is None:
        return _("公開中の内容と同じになるため、下書きの変更はありません")
    return _("下書きに保存しました。「未公開の変更」で「公開する」を押すと住民向けに反映されます")


def _stage(request, staff, form, stage) -> bool:
    """Validate, stage through the draft service and say what happened; False re-renders."""
    return save_form(request, staff, form, stage, done=staged_message) is not None


@login_required
def area_list(request, lgcode: str):
    """The areas with the rules of each category as a table."""
    staff = staff_for(request, lgcode)
    categories = list(selectors.categories(staff.municipality))
    staged = selectors.Staged.load(staff.municipality).rules
    rows = []
    for area in selectors.areas(staff.municipality).prefetch_related("rules"):
        rules = {r.category_id: r for r in area.rules.all()}
        rows.append((area, [_rule_cell(c, rules.get(c.pk), staged.get((area.pk, c.pk)))
                            for c in categories]))
    return render(request, "gomi/staff/area_list.html",
                  staff.context(rows=rows, categories=categories))


def _rule_cell(category: Category, rule: Rule | None,
               staged: DraftChange | None) -> tuple[Category, str, str | None]:
    """A category with its live rule in words and the staged one (None when not staged)."""
    return (category, describe_rule(rule),
            describe_rule(staged.as_rule()) if staged is not None else None)


@login_required
def area_edit(request, lgcode: str, pk: int | None = None):
    """Create or change an area (name, 町丁目, centre) and see its rules."""
    staff = staff_for(request, lgcode)
    area = staff.get(Area, pk) if pk else None
    form = AreaForm(request.POST or None,
                    initial=AreaForm.initial_from(area) if area else None)
    saved = save_form(request, staff, form, lambda f: services.save_area(
        actor=staff.actor, municipality=staff.municipality, data=f.to_data(), area=area),
        _("地区を保存しました"))
    if saved:
        return redirect("gomi:staff_area", lgcode=lgcode, pk=saved.pk)
    rules = []
    if area is not None:
        by_category = {r.category_id: r for r in Rule.objects.filter(area=area)}
        staged = selectors.Staged.load(staff.municipality).rules
        rules = [_rule_cell(c, by_category.get(c.pk), staged.get((area.pk, c.pk)))
                 for c in selectors.categories(staff.municipality)]
    return render(request, "gomi/staff/area_form.html",
                  staff.context(form=form, area=area, rules=rules),
                  status=form_status(request, form))


@login_required
@require_POST
def area_delete(request, lgcode: str, pk: int):
    """Delete an area with its rules."""
    staff = staff_for(request, lgcode)
    staff.require_edit()
    services.delete_area(actor=staff.actor, area=staff.get(Area, pk))
    messages.success(request, _("地区を削除しました"))
    return redirect("gomi:staff_areas", lgcode=lgcode)


@login_required
def rule_edit(request, lgcode: str, pk: int, category_id: int):
    """When one category is collected in one area, staged in the draft (empty: never).

    The form starts from the staged rule when there is one, so staff continue the draft.
    """
    staff = staff_for(request, lgcode)
    area = staff.get(Area, pk)
    category = staff.get(Category, category_id)
    rule = Rule.objects.filter(area=area, category=category).first()
    staged = DraftChange.objects.filter(kind=DraftChange.Kind.RULE, area=area,
                                        category=category).first()
    shown = staged.as_rule() if staged is not None else rule
    form = RuleForm(request.POST or None, initial=RuleForm.initial_from(shown))
    if _stage(request, staff, form, lambda f: drafts.stage_rule(
            actor=staff.actor, municipality=staff.municipality, area=area, category=category,
            data=f.to_data())):
        return redirect("gomi:staff_area", lgcode=lgcode, pk=area.pk)
    cell, same = cell_text(rule) if rule else ("", True)
    policy = holiday_policy_text(category)
    return render(request, "gomi/staff/rule_form.html", staff.context(
        form=form, area=area, category=category, rule=rule, cell=cell, cell_same=same,
        description=describe_rule(rule), staged=staged, holiday_policy=policy,
        staged_description=describe_rule(staged.as_rule()) if staged else ""),
        status=form_status(request, form))


def holiday_policy_text(category: Category) -> str:
    """The category's holiday policy in words, the staged one marked （未公開）."""
    live = str(category.get_holiday_policy_display())
    staged = DraftChange.objects.filter(kind=DraftChange.Kind.HOLIDAY_POLICY,
                                        category=category).first()
    if staged is None:
        return live
    return _("%(live)s → %(draft)s（未公開）") % {
        "live": live, "draft": HolidayPolicy(staged.policy).label}


@login_required
def category_list(request, lgcode: str):
    """The categories with their holiday policy."""
    staff = staff_for(request, lgcode)
    staged = selectors.Staged.load(staff.municipality).holiday_policies
    rows = [(c, HolidayPolicy(staged[c.pk].policy).label if c.pk in staged else None)
            for c in selectors.categories(staff.municipality)]
    return render(request, "gomi/staff/category_list.html",
                  staff.context(categories=rows))


@login_required
def category_edit(request, lgcode: str, pk: int | None = None):
    """Create or change a category; texts apply at once, a new holiday policy is staged.

    A new category has no rules yet, so its holiday policy is saved directly.
    """
    staff = staff_for(request, lgcode)
    category = staff.get(Category, pk) if pk else None
    staged = (DraftChange.objects.filter(kind=DraftChange.Kind.HOLIDAY_POLICY,
                                         category=category).first() if category else None)
    initial = CategoryForm.initial_from(category) if category else {"holiday_policy": "collect"}
    if staged is not None:
        initial["holiday_policy"] = staged.policy
    form = CategoryForm(request.POST or None, initial=initial)
    result: dict = {}

    def save(f):
        """Save the texts live and stage the holiday policy, both or neither."""
        data = f.to_data()
        if category is None:
            return services.save_category(actor=staff.actor, municipality=staff.municipality,
                                          data=data)
        wanted, data.holiday_policy = data.holiday_policy, category.holiday_policy
        with transaction.atomic():
            saved = services.save_category(actor=staff.actor, municipality=staff.municipality,
                                           data=data, category=category)
            result["change"] = drafts.stage_holiday_policy(actor=staff.actor,
                                                           category=saved, policy=wanted)
        result["staged"] = wanted != category.holiday_policy or staged is not None
        return saved

    saved = save_form(request, staff, form, save, _("分別区分を保存しました"))
    if saved:
        if result.get("staged"):
            messages.info(request, staged_message(result["change"]))
        return redirect("gomi:staff_category", lgcode=lgcode, pk=saved.pk)
    return render(request, "gomi/staff/category_form.html",
                  staff.context(form=form, category=category, staged=staged,
                                holiday_policy=holiday_policy_text(category) if category else ""),
                  status=form_status(request, form))


@login_required
@require_POST
def category_delete(request, lgcode: str, pk: int):
    """Delete a category with its rules."""
    staff = staff_for(request, lgcode)
    staff.require_edit()
    services.delete_category(actor=staff.actor, category=staff.get(Category, pk))
    messages.success(request, _("分別区分を削除しました"))
    return redirect("gomi:staff_categories", lgcode=lgcode)


@login_required
def closure_list(request, lgcode: str):
    """The closure periods and a form to add one."""
    staff = staff_for(request, lgcode)
    form = ClosureForm(request.POST or None)
    if _stage(request, staff, form, lambda f: drafts.stage_closure(
            actor=staff.actor, municipality=staff.municipality, data=f.to_data())):
        return redirect("gomi:staff_closures", lgcode=lgcode)
    staged = selectors.Staged.load(staff.municipality)
    closures = [(c, staged.closure_deletes.get(c.pk))
                for c in Closure.objects.filter(municipality=staff.municipality)
                .order_by("-start")]
    policy = selectors.closure_policy(staff.municipality)
    return render(request, "gomi/staff/closure_list.html", staff.context(
        form=form, closures=closures, policy=policy, policy_label=ClosurePolicy(policy).label,
        added=[(c, c.as_closure()) for c in staged.closure_adds],
        staged_policy_label=(ClosurePolicy(staged.closure_policy.policy).label
                             if staged.closure_policy else "")),
        status=form_status(request, form))


@login_required
def closure_policy(request, lgcode: str):
    """Choose how closures act on the collections inside them (staged in the draft)."""
    staff = staff_for(request, lgcode)
    current = selectors.closure_policy(staff.municipality)
    staged = selectors.Staged.load(staff.municipality).closure_policy
    form = ClosurePolicyForm(request.POST or None,
                             initial={"policy": staged.policy if staged else current})
    if _stage(request, staff, form, lambda f: drafts.stage_closure_policy(
            actor=staff.actor, municipality=staff.municipality,
            policy=f.cleaned_data["policy"])):
        return redirect("gomi:staff_closures", lgcode=lgcode)
    return render(request, "gomi/staff/closure_policy.html", staff.context(
        form=form, policy_label=ClosurePolicy(current).label,
        staged_policy_label=ClosurePolicy(staged.policy).label if staged else ""),
        status=form_status(request, form))


@login_required
@require_POST
def closure_delete(request, lgcode: str, pk: int):
    """Stage the removal of a closure period (it stays live until the draft is published)."""
    staff = staff_for(request, lgcode)
    staff.require_edit()
    closure = get_object_or_404(Closure, pk=pk, municipality=staff.municipality)
    change = drafts.stage_closure_delete(actor=staff.actor, closure=closure)
    messages.success(request, staged_message(change))
    return redirect("gomi:staff_closures", lgcode=lgcode)
