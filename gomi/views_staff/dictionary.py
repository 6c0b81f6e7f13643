"""Staff screens for the sorting dictionary and for translations of areas, categories, items."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gomi.forms_staff import ItemForm, TranslationsForm
from gomi.models import Area, Category, Item, ScheduleException
from gomi.services import dictionary as services
from gomi.views_staff.common import form_status, save_form, staff_for

PAGE_SIZE = 50
#: URL kind → model whose texts can be translated on the translations screen.
TRANSLATION_TARGETS = {"area": Area, "category": Category, "item": Item,
                       "notice": ScheduleException}


@login_required
def item_list(request, lgcode: str):
    """The dictionary, filtered by a word and by category, 50 items a page."""
    staff = staff_for(request, lgcode)
    q = (request.GET.get("q") or "").strip()[:100]
    rows = (Item.objects.filter(municipality=staff.municipality).select_related("category")
            .annotate(n_translations=Count("translations"),
                      n_reviewed=Count("translations", filter=Q(translations__reviewed=True)))
            .order_by("position", "id"))
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(reading__icontains=q)
                           | Q(notes__icontains=q))
    category = request.GET.get("category") or ""
    if category.isdigit():
        rows = rows.filter(category_id=int(category))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "gomi/staff/item_list.html", staff.context(
        page=page, q=q, category=category,
        categories=Category.objects.filter(municipality=staff.municipality)))


@login_required
def item_edit(request, lgcode: str, pk: int | None = None):
    """Create or change a dictionary item; ?name= prefills a new one (from the misses list)."""
    staff = staff_for(request, lgcode)
    item = staff.get(Item, pk) if pk else None
    initial = (ItemForm.initial_from(item) if item
               else {"name": (request.GET.get("name") or "")[:300]})
    form = ItemForm(request.POST or None, initial=initial, municipality=staff.municipality)
    saved = save_form(request, staff, form, lambda f: services.save_item(
        actor=staff.actor, municipality=staff.municipality, data=f.to_data(), item=item),
        _("品目を保存しました"))
    if saved:
        return redirect("gomi:staff_item", lgcode=lgcode, pk=saved.pk)
    return render(request, "gomi/staff/item_form.html",
                  staff.context(form=form, item=item), status=form_status(request, form))


@login_required
@require_POST
def item_delete(request, lgcode: str, pk: int):
    """Remove an item from the dictionary."""
    staff = staff_for(request, lgcode)
    staff.require_edit()
    services.delete_item(actor=staff.actor, item=staff.get(Item, pk))
    messages.success(request, _("品目を削除しました"))
    return redirect("gomi:staff_items", lgcode=lgcode)


def _back(kind: str, lgcode: str, target):
    """Where the translations screen returns to."""
    if kind == "notice":
        return redirect("gomi:staff_notices", lgcode=lgcode)
    return redirect(f"gomi:staff_{kind}", lgcode=lgcode, pk=target.pk)


@login_required
def translations(request, lgcode: str, kind: str, pk: int):
    """Translations of one area, category, item or notice, each with a "reviewed" flag."""
    staff = staff_for(request, lgcode)
    model = TRANSLATION_TARGETS.get(kind)
    if model is None:
        raise Http404(_("ページが見つかりません"))
    target = staff.get(model, pk)
    form = TranslationsForm(request.POST or None, target=target)
    saved = save_form(request, staff, form, lambda f: services.save_translations(
        actor=staff.actor, municipality=staff.municipality, target=target,
        texts=f.to_texts()), _("翻訳を保存しました"))
    if saved:
        return _back(kind, lgcode, target)
    source = {"area": lambda t: [t.name],
              "category": lambda t: [t.name, t.description, t.how_to],
              "item": lambda t: [t.name, t.notes],
              "notice": lambda t: [t.notice]}[kind](target)
    return render(request, "gomi/staff/translations.html", staff.context(
        form=form, kind=kind, target=target, source=[s for s in source if s]),
        status=form_status(request, form))
