"""Metrics of the gomi app for the plan module (registered from gomi.hooks.connect)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.metrics import metric


@metric("gomi.languages", label=_("対応言語数"), unit="言語",
        description=_("日本語と、品目・分別区分・地区の訳が1件以上ある言語の数"))
def languages(organisation) -> int:
    """Japanese plus every language with at least one translation of the municipality's data."""
    from gomi.models import Language, Translation

    rows = Translation.objects.exclude(lang=Language.JA)
    if organisation is not None:
        rows = rows.filter(Q(item__municipality=organisation)
                           | Q(category__municipality=organisation)
                           | Q(area__municipality=organisation))
    has_data = _has_schedule_or_dictionary(organisation)
    if not has_data:
        return 0
    return 1 + rows.values("lang").distinct().count()


def _has_schedule_or_dictionary(organisation) -> bool:
    """True when gomi data exist (for the organisation, or anywhere when None)."""
    from gomi.models import Category

    rows = Category.objects.all()
    if organisation is not None:
        rows = rows.filter(municipality=organisation)
    return rows.exists()
