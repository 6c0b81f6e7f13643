"""Staff screens for areas, categories, rules (area × category) and closures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import ServiceError
from gomi import selectors
from gomi.forms_staff import AreaForm, CategoryForm, ClosureForm, ClosurePolicyForm, RuleForm
from gomi.models import Area, Category, Closure, Rule
from gomi.models.schedule import ClosurePolicy
from gomi.services import edits as services
from gomi.views_staff.common import apply_errors, staff_for
from gomi.views_staff.describe import cell_text, describe_rule


def _save(request, staff, form, save, done: str):
    """Validate, call the service and say so; returns the saved object or None (re-render)."""
    if request.method != "POST":
        return None
    staff.require_edit()
    if not form.is_valid():
        return None
    try:
        saved = save(form)
    except ServiceError as exc:
        apply_errors(form, exc)
        return None
    messages.success(request, done)
    return saved if saved is not None else True


def _status(request, form) -> int:
    """400 for a refused POST (so tests and tools see the failure), else 200."""
    return 400 if request.method == "POST" and form.errors else 200


@login_required
def area_list(request, lgcode: str):
    """The areas with the rules of each category as a table."""
    staff = staff_for(request, lgcode)
    categories = list(selectors.categories(staff.municipality))
    rows = []
    for area in selectors.areas(staff.municipality).prefetch_related("rules"):
        rules = {r.category_id: r for r in area.rules.all()}
        rows.append((area, [(c, describe_rule(rules.get(c.pk))) for c in categories]))
    return render(request, "gomi/staff/area_list.html",
                  staff.context(rows=rows, categories=categories))


@login_required
def area_edit(request, lgcode: str, pk: int | None = None):
    """Create or change an area (name, 町丁目, centre) and see its rules."""
    staff = staff_for(request, lgcode)
    area = staff.get(Area, pk) if pk else None
    form = AreaForm(request.POST or None,
                    initial=AreaForm.initial_from(area) if area else None)
    saved = _save(request, staff, form, lambda f: services.save_area(
        actor=staff.actor, municipality=staff.municipality, data=f.to_data(), area=area),
        _("地区を保存しました"))
    if saved:
        return redirect("gomi:staff_area", lgcode=lgcode, pk=saved.pk)
    rules = []
    if area is not None:
        by_category = {r.category_id: r for r in Rule.objects.filter(area=area)}
        rules = [(c, describe_rule(by_category.get(c.pk)))
                 for c in selectors.categories(staff.municipality)]
    return render(request, "gomi/staff/area_form.html",
                  staff.context(form=form, area=area, rules=rules),
                  status=_status(request, form))


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
    """When one category is collected in one area; saving an empty rule removes it."""
    staff = staff_for(request, lgcode)
    area = staff.get(Area, pk)
    category = staff.get(Category, category_id)
    rule = Rule.objects.filter(area=area, category=category).first()
    form = RuleForm(request.POST or None, initial=RuleForm.initial_from(rule))
    saved = _save(request, staff, form, lambda f: services.save_rule(
        actor=staff.actor, municipality=staff.municipality, area=area, category=category,
        data=f.to_data()),
        _("収集ルールを保存しました"))
    if saved:
        return redirect("gomi:staff_area", lgcode=lgcode, pk=area.pk)
    cell, same = cell_text(rule) if rule else ("", True)
    return render(request, "gomi/staff/rule_form.html", staff.context(
        form=form, area=area, category=category, rule=rule, cell=cell, cell_same=same,
        description=describe_rule(rule)), status=_status(request, form))


@login_required
def category_list(request, lgcode: str):
    """The categories with their holiday policy."""
    staff = staff_for(request, lgcode)
    return render(request, "gomi/staff/category_list.html",
                  staff.context(categories=selectors.categories(staff.municipality)))


@login_required
def category_edit(request, lgcode: str, pk: int | None = None):
    """Create or change a category (texts, colour, icon, holiday policy)."""
    staff = staff_for(request, lgcode)
    category = staff.get(Category, pk) if pk else None
    initial = CategoryForm.initial_from(category) if category else {"holiday_policy": "collect"}
    form = CategoryForm(request.POST or None, initial=initial)
    saved = _save(request, staff, form, lambda f: services.save_category(
        actor=staff.actor, municipality=staff.municipality, data=f.to_data(),
        category=category), _("分別区分を保存しました"))
    if saved:
        return redirect("gomi:staff_category", lgcode=lgcode, pk=saved.pk)
    return render(request, "gomi/staff/category_form.html",
                  staff.context(form=form, category=category), status=_status(request, form))


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
    saved = _save(request, staff, form, lambda f: services.add_closure(
        actor=staff.actor, municipality=staff.municipality, data=f.to_data()),
        _("休止期間を追加しました"))
    if saved:
        return redirect("gomi:staff_closures", lgcode=lgcode)
    closures = Closure.objects.filter(municipality=staff.municipality).order_by("-start")
    policy = selectors.closure_policy(staff.municipality)
    return render(request, "gomi/staff/closure_list.html",
                  staff.context(form=form, closures=closures, policy=policy,
                                policy_label=ClosurePolicy(policy).label),
                  status=_status(request, form))


@login_required
def closure_policy(request, lgcode: str):
    """Choose how closures act on the collections inside them (skip / shift a week / none)."""
    staff = staff_for(request, lgcode)
    current = selectors.closure_policy(staff.municipality)
    form = ClosurePolicyForm(request.POST or None, initial={"policy": current})
    saved = _save(request, staff, form, lambda f: services.set_closure_policy(
        actor=staff.actor, municipality=staff.municipality, policy=f.cleaned_data["policy"]),
        _("休止期間の扱いを保存しました"))
    if saved:
        return redirect("gomi:staff_closures", lgcode=lgcode)
    return render(request, "gomi/staff/closure_policy.html",
                  staff.context(form=form, policy_label=ClosurePolicy(current).label),
                  status=_status(request, form))


@login_required
@require_POST
def closure_delete(request, lgcode: str, pk: int):
    """Remove a closure period."""
    staff = staff_for(request, lgcode)
    staff.require_edit()
    closure = get_object_or_404(Closure, pk=pk, municipality=staff.municipality)
    services.delete_closure(actor=staff.actor, closure=closure)
    messages.success(request, _("休止期間を削除しました"))
    return redirect("gomi:staff_closures", lgcode=lgcode)
