"""E-mail reminders: sign-up with double opt-in, reminders the evening before, notices, unsubscribe.

Residents act anonymously: the permission is the possession of a signed link. The audit log
records ids and counts only, never an address. Every mail carries a one-click unsubscribe
link and the List-Unsubscribe / List-Unsubscribe-Post headers (RFC 8058).
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from core.actor import Actor
from core.errors import InvalidInput, NotFound, Pair
from core.models import Organisation
from core.services import audit
from gomi import selectors, texts
from gomi.models import Area, Category, ScheduleException, Translation
from gomi.models_residents import Subscription

log = logging.getLogger(__name__)

#: The times residents may choose for the reminder the evening before.
REMIND_TIMES: tuple[time, ...] = tuple(time(h, 0) for h in range(16, 23))
CONFIRM_MAX_AGE = timedelta(days=7)
_CONFIRM_SALT = "gomi.reminders.confirm"
_UNSUBSCRIBE_SALT = "gomi.reminders.unsubscribe"


@dataclass
class SignupData:
    """What the sign-up form sends."""

    email: str
    area_id: int | None
    category_ids: list[int] = field(default_factory=list)
    remind_at: str = "19:00"
    lang: str = "ja"


def _token(subscription: Subscription, salt: str) -> str:
    """A signed token naming the subscription and its secret."""
    return signing.dumps({"s": subscription.pk, "k": subscription.secret}, salt=salt)


def _from_token(token: str, salt: str, max_age: timedelta | None) -> Subscription:
    """The subscription a token names; NotFound when invalid, expired or already gone."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
        row = Subscription.objects.filter(pk=int(data["s"])).first()
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        row = None
    if row is None or not constant_time_compare(row.secret, str(data.get("k", ""))):
        raise NotFound(Pair(texts.text("link_invalid", "ja"), texts.text("link_invalid", "en")))
    return row


def confirm_url(subscription: Subscription) -> str:
    """The absolute double opt-in link of a subscription."""
    return settings.SITE_URL + reverse("gomi:reminder_confirm",
                                       args=[_token(subscription, _CONFIRM_SALT)])


def unsubscribe_url(subscription: Subscription) -> str:
    """The absolute one-click unsubscribe link of a subscription."""
    return settings.SITE_URL + reverse("gomi:reminder_unsubscribe",
                                       args=[_token(subscription, _UNSUBSCRIBE_SALT)])


def _parse_time(value: str) -> time | None:
    """One of the offered reminder times, or None."""
    try:
        parsed = time.fromisoformat((value or "").strip())
    except ValueError:
        return None
    return parsed if parsed in REMIND_TIMES else None


def _validated(municipality: Organisation, data: SignupData):
    """(area, categories, time, lang) of valid sign-up data; InvalidInput with field errors."""
    lang = data.lang if data.lang in texts.LANGS else texts.DEFAULT_LANG
    errors: dict[str, list] = {}
    email = (data.email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [Pair(texts.text("error_email", "ja"), texts.text("error_email", "en"))]
    area = Area.objects.filter(municipality=municipality, pk=data.area_id or 0).first()
    if area is None:
        errors["area"] = [Pair("地区を選んでください。", "Choose an area.")]
    categories = list(Category.objects.filter(municipality=municipality,
                                              pk__in=data.category_ids or []))
    if not categories:
        errors["categories"] = [Pair(texts.text("error_categories", "ja"),
                                     texts.text("error_categories", "en"))]
    remind_at = _parse_time(data.remind_at)
    if remind_at is None:
        errors["remind_at"] = [Pair(texts.text("error_time", "ja"),
                                    texts.text("error_time", "en"))]
    if errors:
        raise InvalidInput(Pair(texts.text("error_summary", "ja"),
                                texts.text("error_summary", "en")), field_errors=errors)
    return email, area, categories, remind_at, lang


def subscribe(*, actor: Actor, municipality: Organisation, data: SignupData) -> Subscription:
    """Record an unconfirmed sign-up and mail the confirmation link (double opt-in)."""
    email, area, categories, remind_at, lang = _validated(municipality, data)
    with transaction.atomic():
        row = Subscription.objects.create(
            municipality=municipality, area=area, email=email, lang=lang, remind_at=remind_at,
            secret=secrets.token_hex(16))
        row.categories.set(categories)
        audit.record(actor=actor, action="gomi.reminder.subscribe", target=row,
                     organisation=municipality,
                     details={"area": area.pk, "categories": [c.pk for c in categories],
                              "lang": lang})
        transaction.on_commit(lambda: _send_confirmation(row))
    return row


def _area_label(subscription: Subscription) -> str:
    """The area's name in the subscriber's language (Japanese when untranslated)."""
    found = Translation.objects.filter(area=subscription.area, field="name",
                                       lang=subscription.lang).first()
    return found.text if found and subscription.lang != "ja" else subscription.area.name


def _category_label(category: Category, lang: str) -> str:
    """A category's name in a language (Japanese when untranslated)."""
    if lang != "ja":
        for t in category.translations.all():
            if t.field == "name" and t.lang == lang:
                return t.text
    return category.name


def _message(subscription: Subscription, *, subject: str, body: str,
             connection=None) -> mail.EmailMessage:
    """A mail to a subscriber with the unsubscribe link in the body and the RFC 8058 headers."""
    url = unsubscribe_url(subscription)
    lang = subscription.lang
    text = f"{body}\n\n--\n{texts.text('mail_footer', lang, url=url)}\n"
    return mail.EmailMessage(
        subject=subject, body=text, to=[subscription.email], connection=connection,
        headers={"List-Unsubscribe": f"<{url}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                 "Auto-Submitted": "auto-generated",
                 "Content-Language": texts.HTML_LANG[lang]})


def _send_confirmation(subscription: Subscription) -> None:
    """Mail the double opt-in link (no unsubscribe header: nothing is subscribed yet)."""
    lang = subscription.lang
    body = texts.text("mail_confirm_body", lang, area=_area_label(subscription),
                      url=confirm_url(subscription))
    message = mail.EmailMessage(
        subject=texts.text("mail_confirm_subject", lang), body=body, to=[subscription.email],
        headers={"Auto-Submitted": "auto-generated",
                 "Content-Language": texts.HTML_LANG[lang]})
    try:
        message.send()
    except Exception:  # the address is never logged, only that sending failed
        log.exception("gomi confirmation mail for subscription %s failed", subscription.pk)


def confirm(*, actor: Actor, token: str) -> Subscription:
    """Confirm a sign-up from its link; a previous subscription of the address for the area goes."""
    row = _from_token(token, _CONFIRM_SALT, CONFIRM_MAX_AGE)
    with transaction.atomic():
        if row.confirmed_at is None:
            row.confirmed_at = timezone.now()
            row.save(update_fields=["confirmed_at"])
            replaced = (Subscription.objects.filter(area=row.area, email__iexact=row.email)
                        .exclude(pk=row.pk).delete()[0])
            audit.record(actor=actor, action="gomi.reminder.confirm", target=row,
                         organisation=row.municipality, details={"replaced": replaced})
    return row


def preview(*, token: str, salt: str = _UNSUBSCRIBE_SALT) -> Subscription:
    """The subscription a link names, without changing it (for the confirm/unsubscribe pages)."""
    max_age = CONFIRM_MAX_AGE if salt == _CONFIRM_SALT else None
    return _from_token(token, salt, max_age)


def preview_confirmation(*, token: str) -> Subscription:
    """The unconfirmed subscription a confirmation link names (NotFound when invalid)."""
    return preview(token=token, salt=_CONFIRM_SALT)


def unsubscribe(*, actor: Actor, token: str) -> None:
    """Delete the subscription (and with it the address) named by an unsubscribe link."""
    row = _from_token(token, _UNSUBSCRIBE_SALT, None)
    with transaction.atomic():
        audit.record(actor=actor, action="gomi.reminder.unsubscribe", target=row,
                     organisation=row.municipality, details={"area": row.area_id})
        row.delete()


def purge_unconfirmed(*, now: datetime) -> int:
    """Delete sign-ups never confirmed within the link's lifetime (their addresses with them)."""
    return Subscription.objects.filter(confirmed_at__isnull=True,
                                       created__lt=now - CONFIRM_MAX_AGE).delete()[0]


def _claim(subscription: Subscription, day) -> bool:
    """Mark the reminder for ``day`` as taken; False when another run already took it."""
    return bool(Subscription.objects.filter(pk=subscription.pk).filter(
        Q(last_sent_for__isnull=True) | Q(last_sent_for__lt=day)).update(last_sent_for=day))


def send_due_reminders(*, now: datetime | None = None) -> int:
    """Mail tomorrow's collections to subscribers whose time has come today; return mails sent."""
    local = timezone.localtime(now or timezone.now())
    tomorrow = local.date() + timedelta(days=1)
    due = (Subscription.objects.filter(confirmed_at__isnull=False,
                                       remind_at__lte=local.time().replace(microsecond=0))
           .filter(Q(last_sent_for__isnull=True) | Q(last_sent_for__lt=tomorrow))
           .select_related("area", "municipality")
           .prefetch_related("categories__translations"))
    by_area: dict[int, list] = {}
    sent = 0
    with mail.get_connection() as connection:
        for subscription in due:
            if not _claim(subscription, tomorrow):
                continue
            if subscription.area_id not in by_area:
                by_area[subscription.area_id] = selectors.collections_on(subscription.area,
                                                                         tomorrow)
            wanted = {c.pk: c for c in subscription.categories.all()}
            names = [_category_label(wanted[c.category.pk], subscription.lang)
                     for c in by_area[subscription.area_id] if c.category.pk in wanted]
            if not names:
                continue
            lang = subscription.lang
            cats = texts.text("list_sep", lang).join(names)
            subject = texts.text("tomorrow_is", lang, cats=cats)
            body = texts.text("mail_reminder_body", lang, area=_area_label(subscription),
                              date=texts.date_label(tomorrow, lang=lang), cats=cats)
            try:
                _message(subscription, subject=subject, body=body,
                         connection=connection).send()
                sent += 1
            except Exception:
                log.exception("gomi reminder for subscription %s failed", subscription.pk)
    return sent


def _affected(exception: ScheduleException):
    """Confirmed subscriptions that a notice concerns (its area and category, or all)."""
    rows = Subscription.objects.filter(municipality_id=exception.municipality_id,
                                       confirmed_at__isnull=False)
    if exception.area_id:
        rows = rows.filter(area_id=exception.area_id)
    if exception.category_id:
        rows = rows.filter(categories__pk=exception.category_id)
    return rows.distinct().select_related("area").prefetch_related("categories__translations")


def _notice_text(exception: ScheduleException, lang: str) -> str:
    """The notice's own text in a language (Japanese when untranslated)."""
    translated = {t.lang: t.text for t in exception.translations.all() if t.field == "notice"}
    if lang != "ja" and translated.get(lang):
        return translated[lang]
    if lang == "en" and exception.notice_en:
        return exception.notice_en
    return exception.notice


def _change_line(exception: ScheduleException, lang: str) -> str:
    """What the notice changes: 「12月1日の燃やすごみは中止」 in the subscriber's language."""
    if exception.category_id:
        cats = _category_label(exception.category, lang)
    else:
        cats = texts.text("all_categories", lang)
    when = texts.date_label(exception.date, lang=lang)
    if exception.kind == ScheduleException.Kind.MOVE and exception.new_date:
        return texts.text("collection_moved", lang, date=when, cats=cats,
                          new=texts.date_label(exception.new_date, lang=lang))
    return texts.text("collection_cancelled", lang, date=when, cats=cats)


def _notice_body(exceptions: list[ScheduleException], subscription: Subscription) -> str:
    """The notices in the subscriber's language: what changes, then each distinct text."""
    lang = subscription.lang
    changes = "\n".join(_change_line(e, lang) for e in exceptions)
    notices = "\n\n".join(dict.fromkeys(_notice_text(e, lang) for e in exceptions))
    return f"{_area_label(subscription)}\n{changes}\n\n{notices}"


def send_notice(*, exception: ScheduleException) -> int:
    """Mail a notice at once to the subscribers it concerns; return mails sent."""
    return send_notices(exceptions=[exception])


def send_notices(*, exceptions: list[ScheduleException]) -> int:
    """Mail notices made together (one staff action) at once: one mail per subscriber with
    every notice that concerns them; return the mails sent.

    The notices are claimed first (``notified_at`` set where still empty), so a second call,
    from another path or process, sends nothing: every subscriber gets each notice once.
    """
    today = timezone.localdate()
    ids = [e.pk for e in exceptions if e.date >= today]
    claimed: list[ScheduleException] = []
    for pk in ids:  # one UPDATE per notice: each is claimed by exactly one caller
        if ScheduleException.objects.filter(pk=pk, notified_at__isnull=True).update(
                notified_at=timezone.now()):
            claimed.append(next(e for e in exceptions if e.pk == pk))
    by_subscription: dict[int, tuple[Subscription, list[ScheduleException]]] = {}
    for exception in claimed:
        for subscription in _affected(exception):
            by_subscription.setdefault(subscription.pk, (subscription, []))[1].append(exception)
    sent = 0
    with mail.get_connection() as connection:
        for subscription, concerning in by_subscription.values():
            lang = subscription.lang
            try:
                _message(subscription, subject=texts.text("mail_notice_subject", lang),
                         body=_notice_body(concerning, subscription),
                         connection=connection).send()
                sent += 1
            except Exception:
                log.exception("gomi notices %s to subscription %s failed",
                              [e.pk for e in concerning], subscription.pk)
    return sent
