"""E-mail reminder pages: sign-up form, confirmation (double opt-in) and one-click unsubscribe."""

from __future__ import annotations

from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from core.actor import Actor
from core.errors import InvalidInput, NotFound
from gomi import selectors, texts
from gomi.services import reminders as service
from gomi.views import common


def _form_context(request, municipality, lang: str, *, data: service.SignupData,
                  errors: dict) -> dict:
    """The sign-up form's choices, in the page language, with what was entered."""
    words = common.words_for(municipality, lang)
    chosen = set(data.category_ids)
    return {
        "areas": [{"pk": a.pk, "name": common.area_name(words, a), "selected": a.pk == data.area_id}
                  for a in selectors.areas(municipality)],
        "categories": [{"pk": c.pk, "name": common.category_name(words, c),
                        "checked": c.pk in chosen}
                       for c in selectors.categories(municipality)],
        "times": [{"value": t.strftime("%H:%M"), "selected": t.strftime("%H:%M") == data.remind_at}
                  for t in service.REMIND_TIMES],
        "email": data.email,
        "errors": {k: texts.text(_ERROR_KEYS.get(k, "error_summary"), lang) for k in errors},
        "action": reverse("gomi:reminders", args=[municipality.lgcode]),
    }


_ERROR_KEYS = {"email": "error_email", "categories": "error_categories",
               "remind_at": "error_time", "area": "choose_area"}


def signup(request, lgcode: str):
    """GET: the sign-up form; POST: record it and mail the confirmation link."""
    municipality = common.municipality_or_404(lgcode)
    lang = common.resident_lang(request)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    status, errors, sent = 200, {}, False
    if request.method == "POST":
        data = service.SignupData(
            email=request.POST.get("email", "")[:254],
            area_id=_int(request.POST.get("area")),
            category_ids=[i for i in (_int(v) for v in request.POST.getlist("categories"))
                          if i is not None],
            remind_at=request.POST.get("remind_at", ""), lang=lang)
        try:
            service.subscribe(actor=Actor.from_request(request), municipality=municipality,
                              data=data)
            sent = True
        except InvalidInput as exc:
            status, errors = 400, exc.field_errors
    else:
        data = service.SignupData(email="", area_id=_int(request.GET.get("area")),
                                  category_ids=[c.pk for c in selectors.categories(municipality)])
    context = common.page_context(request, municipality=municipality, lang=lang, page="reminders",
                       sent=sent, lang_value=lang,
                       **_form_context(request, municipality, lang, data=data, errors=errors))
    return render(request, "gomi/reminders.html", context, status=status)


def _int(value) -> int | None:
    """An integer form value, or None."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _token_page(request, *, template: str, done: bool, row=None, status: int = 200,
                invalid: bool = False):
    """Render a confirm/unsubscribe page in the subscriber's language."""
    lang = row.lang if row is not None else common.resident_lang(request)
    common.activate_chrome_language(lang)
    return render(request, template, {
        "lang": lang, "html_lang": texts.HTML_LANG[lang],
        "T": {key: texts.text(key, lang) for key in texts.MESSAGES},
        "done": done, "invalid": invalid, "row": row,
    }, status=status)


def confirm(request, token: str):
    """GET: a button to confirm (mail scanners follow links); POST: confirm the sign-up."""
    try:
        if request.method == "POST":
            row = service.confirm(actor=Actor.from_request(request), token=token)
            return _token_page(request, template="gomi/confirm.html", done=True, row=row)
        row = service.preview_confirmation(token=token)
    except NotFound:
        return _token_page(request, template="gomi/confirm.html", done=False, status=404,
                           invalid=True)
    return _token_page(request, template="gomi/confirm.html", done=row.confirmed_at is not None,
                       row=row)


@csrf_exempt  # RFC 8058: mail providers POST "List-Unsubscribe=One-Click" without cookies
def unsubscribe(request, token: str):
    """GET: a button to unsubscribe; POST (also one-click from the mail app): unsubscribe."""
    try:
        row = service.preview(token=token)
        if request.method == "POST":
            lang = row.lang
            service.unsubscribe(actor=Actor.from_request(request), token=token)
            request.GET = request.GET.copy()
            request.GET["lang"] = lang
            return _token_page(request, template="gomi/unsubscribe.html", done=True)
    except NotFound:
        return _token_page(request, template="gomi/unsubscribe.html", done=False, status=404,
                           invalid=True)
    return _token_page(request, template="gomi/unsubscribe.html", done=False, row=row)
